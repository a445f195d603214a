fn main() {
    std::process::exit(repcard::cli::run());
}
