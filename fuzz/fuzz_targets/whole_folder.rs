#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = repcard_ingest::fuzz::whole_folder(data);
});
