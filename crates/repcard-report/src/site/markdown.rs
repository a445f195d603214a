//! Period notes: Markdown to HTML with raw HTML sanitized, so a note can't inject script.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A note's heading two levels down: the page has its `<h1>` and the note block its `<h2>`,
/// so a note's `#` becomes `<h3>` and never outranks the page title.
fn demoted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders a note's Markdown to safe HTML: tables, strikethrough and task lists on; raw
/// HTML kept only where `ammonia`'s allow-list accepts it (no script, no event handlers,
/// no `javascript:` links). Images must be files next to the site: a remote `src` is
/// dropped, so that a page never fetches from outside (the site works offline). Headings
/// are demoted two levels (see [`demoted`]).
pub(super) fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut raw = String::with_capacity(markdown.len() * 2);
    let events = Parser::new_ext(markdown, options).map(|e| match e {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demoted(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demoted(level))),
        e => e,
    });
    html::push_html(&mut raw, events);
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
        assert!(
            h.contains("<h3>Q4 push</h3>"),
            "a note's # is demoted below the page's h1 and h2: {h}"
        );
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
