//! Charts: SVG drawn with plotters' SVG backend (no font libraries), laid out here so that
//! text never overlaps or clips, and finished with `<title>`/`<desc>` for screen readers.
//!
//! Text and axes use a sentinel colour that becomes `currentColor`, so one palette reads in
//! light and dark mode; series colours are mid-tones that hold on both backgrounds.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;
use std::fmt::Write;

mod bars;
mod lines;

pub(crate) use bars::{Bar, hbars, vbars};
pub(crate) use lines::{Versus, curve, trend};

/// Drawn as `currentColor`: text, axes, gridlines (with opacity).
const INK: RGBColor = RGBColor(1, 2, 3);
/// Calls to new leads; also the default series colour.
pub(crate) const BLUE: RGBColor = RGBColor(0x3B, 0x82, 0xD6);
/// Calls to previous leads.
pub(crate) const AMBER: RGBColor = RGBColor(0xE3, 0x9B, 0x0B);
/// Follow-up calls to engaged prospects; quota reached.
pub(crate) const GREEN: RGBColor = RGBColor(0x16, 0xA3, 0x7C);
/// Proposal value.
pub(crate) const VIOLET: RGBColor = RGBColor(0x8B, 0x6C, 0xE8);
/// Below quota; the follow-up target.
pub(crate) const CORAL: RGBColor = RGBColor(0xE2, 0x5F, 0x4B);
/// The stroke width that marks a dashed line in plotters' SVG (no chart draws this width
/// otherwise); [`slim`] makes it 2 with a dash pattern.
const DASHED_WIDTH: u32 = 7;

/// Font size handed to plotters (the SVG gets size / 1.24 = 12.5 px).
const FONT: f64 = 15.5;
/// Rendered font size in px, for width estimates.
const FONT_PX: f64 = 12.5;
/// A generous average glyph width (sans-serif digits and capitals stay under it).
const CHAR_W: f64 = FONT_PX * 0.62;

/// A chart ready for a page: the inline SVG and the same numbers as a table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// Unique within the page; used for ids.
    pub id: String,
    /// Heading.
    pub title: String,
    /// One sentence on what it shows.
    pub desc: String,
    /// The `<svg>` element.
    pub svg: String,
    /// Column headings of the numbers table.
    pub columns: Vec<String>,
    /// Rows of the numbers table, already formatted.
    pub rows: Vec<Vec<String>>,
    /// Shown instead of the chart when there is nothing to draw.
    pub empty: Option<String>,
}

impl Chart {
    /// Wraps drawn SVG with its numbers.
    pub fn new(id: &str, title: &str, desc: &str, svg: String) -> Chart {
        Chart {
            id: id.to_string(),
            title: title.to_string(),
            desc: desc.to_string(),
            svg,
            columns: Vec::new(),
            rows: Vec::new(),
            empty: None,
        }
    }

    /// Sets the numbers table.
    pub fn table(mut self, columns: &[&str], rows: Vec<Vec<String>>) -> Chart {
        self.columns = columns.iter().map(|c| c.to_string()).collect();
        self.rows = rows;
        self
    }

    /// Replaces the drawing with a sentence when `nothing` holds.
    pub(crate) fn unless_empty(mut self, nothing: bool, sentence: String) -> Chart {
        if nothing {
            self.empty = Some(sentence);
        }
        self
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shortens text to fit `px`, ending in "…" when cut.
pub fn fit(text: &str, px: f64) -> String {
    let max = (px / CHAR_W).floor().max(1.0) as usize;
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_W
}

fn style(h: HPos, v: VPos) -> TextStyle<'static> {
    TextStyle::from(("sans-serif", FONT).into_font())
        .color(&INK)
        .pos(Pos::new(h, v))
}

/// A drawing surface: the plotters SVG backend into a string, finished into an inline SVG.
struct Canvas {
    buf: String,
    w: u32,
    h: u32,
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

impl Canvas {
    fn draw(w: u32, h: u32, paint: impl FnOnce(&Area) -> Result<(), String>) -> Canvas {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
            // Drawing into a string cannot fail; an error here would be a bug in the layout.
            if let Err(e) = paint(&root).and_then(|_| root.present().map_err(|e| e.to_string())) {
                debug_assert!(false, "chart drawing failed: {e}");
            }
        }
        Canvas { buf, w, h }
    }

    /// The finished `<svg>`: responsive, labelled, with theme-following ink.
    fn finish(self, id: &str, title: &str, desc: &str) -> String {
        let body = match self.buf.find('>') {
            Some(i) => &self.buf[i + 1..],
            None => "",
        };
        let mut svg = String::with_capacity(body.len() + 512);
        // Writing into a String cannot fail.
        let _ = write!(
            svg,
            "<svg class=\"chart-svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" {TEXT_FONT} role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{t}</title><desc id=\"{id}-d\">{d}</desc>",
            w = self.w,
            h = self.h,
            t = escape(title),
            d = escape(desc),
        );
        slim_into(&mut svg, body);
        svg
    }
}

/// The font plotters writes on every `<text>`; set once on the `<svg>` instead, whence
/// every text inherits it.
const TEXT_FONT: &str = "font-family=\"sans-serif\" font-size=\"12.5\"";

/// What [`slim`] replaces in plotters' SVG, and with what: the sentinel ink becomes
/// `currentColor`, the dashed lines' sentinel width a width of 2 and a dash pattern; line breaks, attributes at their SVG default (`opacity="1"`,
/// `stroke="none"`, `stroke-width="1"`, `text-anchor="start"`) and the font every text has
/// (set once on the `<svg>`) go. Text from the data never matches: plotters escapes `"`.
const SLIM: [(&str, &str); 8] = [
    ("\"#010203\"", "\"currentColor\""),
    (
        " stroke-width=\"7\"",
        " stroke-width=\"2\" stroke-dasharray=\"6 6\"",
    ),
    ("\n", ""),
    (" font-family=\"sans-serif\" font-size=\"12.5\"", ""),
    (" opacity=\"1\"", ""),
    (" stroke=\"none\"", ""),
    (" stroke-width=\"1\"", ""),
    (" text-anchor=\"start\"", ""),
];

/// Plotters' SVG with the [`SLIM`] replacements made in one pass, pushed onto `out`: a page
/// of charts is about a third lighter and draws the same. Every replaced text starts with a
/// space, a quote or a line break; the byte after it rules out most candidates at once.
fn slim_into(out: &mut String, body: &str) {
    let bytes = body.as_bytes();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let candidate = match bytes[i] {
            b' ' => matches!(bytes.get(i + 1), Some(b's' | b'f' | b'o' | b't')),
            b'"' => bytes.get(i + 1) == Some(&b'#'),
            b'\n' => true,
            _ => false,
        };
        if candidate
            && let Some((from, to)) = SLIM
                .iter()
                .find(|(from, _)| bytes[i..].starts_with(from.as_bytes()))
        {
            out.push_str(&body[copied..i]);
            out.push_str(to);
            i += from.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&body[copied..]);
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

fn text(a: &Area, s: &str, x: i32, y: i32, h: HPos, v: VPos) -> Result<(), String> {
    a.draw(&Text::new(s.to_string(), (x, y), style(h, v)))
        .map_err(err)
}

fn rect(a: &Area, x0: i32, y0: i32, x1: i32, y1: i32, c: RGBColor) -> Result<(), String> {
    a.draw(&Rectangle::new([(x0, y0), (x1, y1)], c.filled()))
        .map_err(err)
}

fn line(a: &Area, p: (i32, i32), q: (i32, i32), c: RGBAColor, w: u32) -> Result<(), String> {
    a.draw(&PathElement::new(vec![p, q], c.stroke_width(w)))
        .map_err(err)
}

/// A dashed line through `points`: one `<polyline>` with the sentinel width
/// [`DASHED_WIDTH`], which [`slim`] turns into a `stroke-dasharray` (plotters draws dashes
/// as one element per dash, some fifty per trend line).
fn dashed(a: &Area, points: &[(i32, i32)], c: RGBAColor) -> Result<(), String> {
    a.draw(&PathElement::new(
        points.to_vec(),
        c.stroke_width(DASHED_WIDTH),
    ))
    .map_err(err)
}

fn ink(alpha: f64) -> RGBAColor {
    INK.mix(alpha)
}

/// Width of the period pages' charts (two fit side by side on a desktop page).
const WIDE: u32 = 560;

/// Round tick values from 0 to at least `max`: steps of 1, 2 or 5 × 10ⁿ (never below
/// `min_step`, 1 for counts), about `n` of them.
fn ticks(max: f64, n: usize, min_step: f64) -> Vec<f64> {
    let max = if max > 0.0 { max } else { min_step.max(1.0) };
    let raw = (max / n as f64).max(min_step);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

fn legend(a: &Area, series: &[(&str, RGBColor)], x: i32, y: i32) -> Result<(), String> {
    let mut x = x;
    for (name, c) in series {
        rect(a, x, y - 6, x + 12, y + 6, *c)?;
        text(a, name, x + 18, y, HPos::Left, VPos::Center)?;
        x += 18 + text_width(name) as i32 + 24;
    }
    Ok(())
}

/// A value axis: how ticks are written and the smallest step between them (1 for counts).
#[derive(Clone, Copy)]
pub struct Axis<'a> {
    /// Formats a tick value.
    pub format: &'a dyn Fn(f64) -> String,
    /// The smallest tick step.
    pub min_step: f64,
}

/// A tick value as a count (`20`) or, between whole numbers, with one decimal.
pub(crate) fn format_count(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Ink of text and axes on a light background.
pub const LIGHT_INK: &str = "#1f2937";
/// The light background.
pub const LIGHT_BACKGROUND: &str = "#ffffff";
/// The chart SVG with fixed colours instead of `currentColor` and a background filling the
/// whole image, so it reads the same in an `<img>`, a wiki or an image viewer.
pub fn standalone_svg(svg: &str, ink: &str, background: &str) -> String {
    let svg = svg.replace("\"currentColor\"", &format!("\"{ink}\""));
    // The background goes first after the title and description, under everything drawn.
    let fill =
        format!("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"{background}\"/>");
    match svg.find("</desc>") {
        Some(i) => {
            let at = i + "</desc>".len();
            format!("{}{fill}{}", &svg[..at], &svg[at..])
        }
        None => match svg.find('>') {
            Some(i) => format!("{}{fill}{}", &svg[..=i], &svg[i + 1..]),
            None => svg,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(7.0, 4, 1.0), [0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(ticks(0.0, 4, 0.0), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(ticks(1.2, 4, 0.0), [0.0, 0.5, 1.0, 1.5]);
        assert_eq!(ticks(0.0, 3, 1.0), [0.0, 1.0]);
        assert_eq!(ticks(2.0, 4, 1.0), [0.0, 1.0, 2.0]);
    }

    #[test]
    fn labels_are_cut_to_fit() {
        assert_eq!(fit("Ann", 100.0), "Ann");
        let cut = fit("Bartholomew Featherstonehaugh-Smythe", 100.0);
        assert!(cut.ends_with('…') && cut.chars().count() <= 12, "{cut}");
    }

    #[test]
    fn a_dashed_line_is_one_polyline_with_a_dash_pattern() {
        let svg = Canvas::draw(200, 100, |a| {
            dashed(a, &[(0, 50), (100, 40), (200, 60)], CORAL.mix(1.0))
        })
        .finish("t", "title", "desc");
        assert_eq!(svg.matches("<polyline").count(), 1, "{svg}");
        assert!(
            svg.contains("stroke=\"#E25F4B\" stroke-width=\"2\" stroke-dasharray=\"6 6\""),
            "{svg}"
        );
        assert!(svg.contains("points=\"0,50 100,40 200,60"), "{svg}");
        assert!(!svg.contains("stroke-width=\"7\""), "{svg}");
    }
}
