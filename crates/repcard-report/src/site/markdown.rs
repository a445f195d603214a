//! Period notes: Markdown to HTML with raw HTML sanitized, so a note can't inject script.

use pulldown_cmark::{Options, Parser, html};

/// Renders a note's Markdown to safe HTML: tables, strikethrough and task lists on; raw
/// HTML kept only where `ammonia`'s allow-list accepts it (no script, no event handlers,
/// no `javascript:` links). Images must be files next to the site: a remote `src` is
/// dropped, so that a page never fetches from outside (the site works offline).
pub(super) fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| {
            let remote = value.contains(':') || value.starts_with("//");
            if element == "img" && attribute == "src" && remote {
                None
            } else {
                Some(value.into())
            }
        })
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_html() {
        let h = render("# Q4 push\n\nWe **doubled** calls.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(h.contains("<h1>Q4 push</h1>"));
        assert!(h.contains("<strong>doubled</strong>"));
        assert!(h.contains("<table>"));
    }

    #[test]
    fn script_handlers_and_javascript_links_are_removed() {
        let h = render(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>",
        );
        let lower = h.to_lowercase();
        assert!(!lower.contains("<script"), "{h}");
        assert!(!lower.contains("onerror"), "{h}");
        assert!(!lower.contains("javascript:"), "{h}");
    }

    #[test]
    fn remote_images_are_dropped_local_ones_kept() {
        let h = render("![chart](https://example.com/a.png) ![x](//cdn/b.png) ![ok](pipeline.png)");
        assert!(!h.contains("example.com") && !h.contains("//cdn"), "{h}");
        assert!(h.contains("src=\"pipeline.png\""), "{h}");
    }
}
