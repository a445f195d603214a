//! The site's chart SVGs as PNG, for the email, whose clients show neither SVG nor
//! CSS-coloured text.
//!
//! A chart's text and axes are `currentColor`, which a page sets through CSS; a file opened
//! on its own or a PNG has no CSS, so the colour is written in. PNGs are drawn by resvg with
//! DejaVu Sans compiled into the binary: no system fonts, the same pixels on every machine.

use anyhow::{Context, Result};
use repcard_report::site::charts::{LIGHT_BACKGROUND, LIGHT_INK, standalone_svg};
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, OnceLock};

/// The family every chart's text is drawn in.
const FAMILY: &str = "DejaVu Sans";

/// A chart drawn as PNG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    /// The encoded image.
    pub bytes: Vec<u8>,
    /// Its size in CSS pixels (the SVG's size; the image has `scale` times as many pixels).
    pub width: u32,
    /// Height in CSS pixels.
    pub height: u32,
}

/// The font database: DejaVu Sans (regular and bold) from the binary, named for every generic
/// family, since resvg maps `sans-serif` to Arial unless told otherwise and drops text it
/// has no font for without a word.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_data(dejavu::sans::regular().to_vec());
            db.load_font_data(dejavu::sans::bold().to_vec());
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Draws a chart SVG as PNG on a light background at `scale` pixels per CSS pixel (2 for
/// sharp display on high-density screens).
pub(crate) fn png(svg: &str, scale: u32) -> Result<Png> {
    let svg = standalone_svg(svg, LIGHT_INK, LIGHT_BACKGROUND);
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).context("cannot read a chart's SVG")?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new(width * scale, height * scale)
        .with_context(|| format!("a chart of {width}×{height} px cannot be drawn"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap
        .encode_png()
        .context("cannot encode a chart as PNG")?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> String {
        format!(
            "<svg class=\"chart-svg\" width=\"120\" height=\"40\" viewBox=\"0 0 120 40\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"t\">T</title><desc id=\"d\">D</desc>{body}</svg>"
        )
    }

    #[test]
    fn standalone_svg_writes_the_ink_in_and_puts_the_background_under_everything() {
        let s = standalone_svg(
            &svg("<text fill=\"currentColor\">a</text>"),
            "#111111",
            "#ffffff",
        );
        assert!(!s.contains("currentColor"));
        assert!(s.contains("<desc id=\"d\">D</desc><rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><text fill=\"#111111\">a</text>"));
    }

    #[test]
    fn text_is_drawn_with_the_built_in_font() {
        // Text alone: if no font matched, resvg would drop it and the image would be blank.
        let text = svg(
            "<text x=\"4\" y=\"28\" font-family=\"sans-serif\" font-size=\"20\" fill=\"currentColor\">Calls 12</text>",
        );
        let png = png(&text, 2).unwrap();
        assert_eq!((png.width, png.height), (120, 40));
        let decoder = ::png::Decoder::new(std::io::Cursor::new(&png.bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (240, 80), "2× pixel density");
        let channels = info.color_type.samples();
        let inked = buf[..info.buffer_size()]
            .chunks(channels)
            .filter(|p| p[0] < 128)
            .count();
        assert!(
            inked > 200,
            "only {inked} dark pixels: the text was not drawn"
        );
    }

    #[test]
    fn drawing_is_deterministic() {
        let s = svg(
            "<rect x=\"10\" y=\"10\" width=\"50\" height=\"10\" fill=\"#3b82d6\"/><text x=\"4\" y=\"30\" font-family=\"sans-serif\" font-size=\"12\">€1.2k · 58 %</text>",
        );
        assert_eq!(png(&s, 2).unwrap(), png(&s, 2).unwrap());
    }
}
