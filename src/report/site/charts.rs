//! Charts: SVG drawn with plotters' SVG backend (no font libraries), laid out here so that
//! text never overlaps or clips, and finished with `<title>`/`<desc>` for screen readers.
//!
//! Text and axes use a sentinel colour that becomes `currentColor`, so one palette reads in
//! light and dark mode; series colours are mid-tones that hold on both backgrounds.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

/// Drawn as `currentColor`: text, axes, gridlines (with opacity).
const INK: RGBColor = RGBColor(1, 2, 3);
/// Calls to new leads; also the default series colour.
pub const BLUE: RGBColor = RGBColor(0x3B, 0x82, 0xD6);
/// Calls to previous leads.
pub const AMBER: RGBColor = RGBColor(0xE3, 0x9B, 0x0B);
/// Follow-up calls to engaged prospects; quota reached.
pub const GREEN: RGBColor = RGBColor(0x16, 0xA3, 0x7C);
/// Proposal value.
pub const VIOLET: RGBColor = RGBColor(0x8B, 0x6C, 0xE8);
/// Below quota; the follow-up target.
pub const CORAL: RGBColor = RGBColor(0xE2, 0x5F, 0x4B);

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
        }
    }

    /// Sets the numbers table.
    pub fn table(mut self, columns: &[&str], rows: Vec<Vec<String>>) -> Chart {
        self.columns = columns.iter().map(|c| c.to_string()).collect();
        self.rows = rows;
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
        let body = body
            .replace("\"#010203\"", "\"currentColor\"")
            .replace("\n", "");
        format!(
            "<svg class=\"chart-svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{t}</title><desc id=\"{id}-d\">{d}</desc>{body}",
            w = self.w,
            h = self.h,
            t = escape(title),
            d = escape(desc),
        )
    }
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

fn dashed(a: &Area, p: (i32, i32), q: (i32, i32), c: RGBAColor) -> Result<(), String> {
    let (dx, dy) = (f64::from(q.0 - p.0), f64::from(q.1 - p.1));
    let len = (dx * dx + dy * dy).sqrt();
    let n = (len / 8.0).ceil() as i32;
    for i in (0..n).step_by(2) {
        let t0 = f64::from(i) / f64::from(n);
        let t1 = (f64::from(i + 1) / f64::from(n)).min(1.0);
        let at = |t: f64| (p.0 + (dx * t).round() as i32, p.1 + (dy * t).round() as i32);
        line(a, at(t0), at(t1), c, 2)?;
    }
    Ok(())
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

/// One bar of a horizontal bar chart.
pub struct Bar {
    /// Shown left of the bar (cut to fit).
    pub label: String,
    /// Segment lengths, stacked left to right in series order.
    pub segments: Vec<f64>,
    /// Shown right of the bar.
    pub value: String,
    /// A colour for a single-segment bar, overriding the series colour.
    pub color: Option<RGBColor>,
}

/// Horizontal (stacked) bars, one row per item, with an optional reference line such as
/// 100 % of quota. `tick` formats axis values.
pub fn hbars(
    id: &str,
    title: &str,
    desc: &str,
    series: &[(&str, RGBColor)],
    bars: &[Bar],
    reference: Option<(f64, &str)>,
    axis: Axis,
) -> String {
    let (tick, min_step) = (axis.format, axis.min_step);
    const W: u32 = WIDE;
    const ROW: i32 = 24;
    const LEFT: i32 = 140;
    const RIGHT: i32 = 100;
    let top = if series.len() > 1 { 34 } else { 10 } + if reference.is_some() { 18 } else { 0 };
    let rows = bars.len().max(1) as i32;
    let h = top + rows * ROW + 30;
    let total = |b: &Bar| b.segments.iter().sum::<f64>();
    let max = bars
        .iter()
        .map(total)
        .fold(reference.map_or(0.0, |r| r.0), f64::max);
    let ticks = ticks(max, 4, min_step);
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let plot_w = f64::from(W as i32 - LEFT - RIGHT);
    let xof = |v: f64| LEFT + (v / top_value * plot_w).round() as i32;
    let bottom = top + rows * ROW;
    Canvas::draw(W, h as u32, |a| {
        if series.len() > 1 {
            legend(a, series, LEFT, 14)?;
        }
        for t in &ticks {
            let x = xof(*t);
            line(a, (x, top - 4), (x, bottom), ink(0.15), 1)?;
            text(a, &tick(*t), x, bottom + 8, HPos::Center, VPos::Top)?;
        }
        for (i, b) in bars.iter().enumerate() {
            let y = top + i as i32 * ROW;
            let mid = y + ROW / 2;
            text(
                a,
                &fit(&b.label, f64::from(LEFT - 12)),
                LEFT - 8,
                mid,
                HPos::Right,
                VPos::Center,
            )?;
            let mut v = 0.0;
            for (k, s) in b.segments.iter().enumerate() {
                if *s > 0.0 {
                    let c = b
                        .color
                        .unwrap_or_else(|| series.get(k).map_or(BLUE, |s| s.1));
                    rect(a, xof(v), y + 5, xof(v + s).max(xof(v) + 1), y + ROW - 5, c)?;
                }
                v += s;
            }
            text(a, &b.value, xof(v) + 6, mid, HPos::Left, VPos::Center)?;
        }
        line(a, (LEFT, top - 4), (LEFT, bottom), ink(0.6), 1)?;
        if let Some((r, label)) = reference {
            let x = xof(r);
            dashed(a, (x, top - 6), (x, bottom), CORAL.mix(1.0))?;
            text(a, label, x, top - 10, HPos::Center, VPos::Bottom)?;
        }
        Ok(())
    })
    .finish(id, title, desc)
}

/// Vertical bars over categories, values written above; `mark` draws a dashed line before
/// the bar at that index with a label (the follow-up target).
pub fn vbars(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[(String, f64, String)],
    highlight_from: Option<usize>,
    mark: Option<&str>,
) -> String {
    const W: u32 = WIDE;
    const H: u32 = 260;
    let (left, right, top, bottom) = (56, 20, 44, H as i32 - 40);
    let max = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let ticks = ticks(max, 4, 1.0);
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let yof = |v: f64| bottom - (v / top_value * f64::from(bottom - top)).round() as i32;
    let n = bars.len().max(1) as i32;
    let slot = (W as i32 - left - right) / n;
    Canvas::draw(W, H, |a| {
        for t in &ticks {
            let y = yof(*t);
            line(a, (left, y), (W as i32 - right, y), ink(0.15), 1)?;
            text(a, &format_count(*t), left - 8, y, HPos::Right, VPos::Center)?;
        }
        for (i, (label, v, value)) in bars.iter().enumerate() {
            let x0 = left + i as i32 * slot;
            let c = if highlight_from.is_some_and(|h| i >= h) {
                GREEN
            } else {
                BLUE
            };
            let bw = (slot * 3 / 5).min(70);
            let bx = x0 + (slot - bw) / 2;
            if *v > 0.0 {
                rect(a, bx, yof(*v), bx + bw, bottom, c)?;
            }
            text(
                a,
                value,
                x0 + slot / 2,
                yof(*v) - 4,
                HPos::Center,
                VPos::Bottom,
            )?;
            text(
                a,
                &fit(label, f64::from(slot - 4)),
                x0 + slot / 2,
                bottom + 8,
                HPos::Center,
                VPos::Top,
            )?;
        }
        line(a, (left, bottom), (W as i32 - right, bottom), ink(0.6), 1)?;
        if let (Some(h), Some(label)) = (highlight_from, mark) {
            let x = left + h as i32 * slot;
            dashed(a, (x, 8), (x, bottom), CORAL.mix(1.0))?;
            text(a, label, x - 6, 14, HPos::Right, VPos::Center)?;
        }
        Ok(())
    })
    .finish(id, title, desc)
}

fn format_count(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A small trend line over periods; `None` values leave a gap. `reference` draws a dashed
/// line (100 % of quota).
pub fn trend(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(String, Option<f64>)],
    reference: Option<f64>,
    axis: Axis,
) -> String {
    let (tick, min_step) = (axis.format, axis.min_step);
    const W: u32 = 360;
    const H: u32 = 200;
    let (right, top, bottom) = (14, 14, H as i32 - 30);
    let max = points
        .iter()
        .filter_map(|p| p.1)
        .fold(reference.unwrap_or(0.0), f64::max);
    let ticks = ticks(max, 3, min_step);
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let left = ticks
        .iter()
        .map(|t| text_width(&tick(*t)))
        .fold(20.0, f64::max) as i32
        + 12;
    let n = points.len().max(1);
    let label_w = points.iter().map(|p| text_width(&p.0)).fold(0.0, f64::max) + 10.0;
    // The first and last points sit half a label in, so their labels centre under them.
    let inset = (label_w / 2.0 - 3.0).max(6.0);
    let plot_w = f64::from(W as i32 - left - right) - 2.0 * inset;
    let xof = |i: usize| {
        if n == 1 {
            left + (inset + plot_w / 2.0) as i32
        } else {
            left + (inset + i as f64 / (n - 1) as f64 * plot_w).round() as i32
        }
    };
    let yof = |v: f64| bottom - (v / top_value * f64::from(bottom - top)).round() as i32;
    let spacing = plot_w / (n.max(2) - 1) as f64;
    let every = ((label_w / spacing).ceil() as usize).max(1);
    Canvas::draw(W, H, |a| {
        for t in &ticks {
            let y = yof(*t);
            line(a, (left, y), (W as i32 - right, y), ink(0.15), 1)?;
            text(a, &tick(*t), left - 6, y, HPos::Right, VPos::Center)?;
        }
        for (i, (label, _)) in points.iter().enumerate() {
            // Count from the newest so that the latest period is always labelled.
            if (n - 1 - i) % every == 0 {
                let x = xof(i);
                text(a, label, x, bottom + 8, HPos::Center, VPos::Top)?;
            }
        }
        line(a, (left, bottom), (W as i32 - right, bottom), ink(0.6), 1)?;
        if let Some(r) = reference {
            dashed(
                a,
                (left, yof(r)),
                (W as i32 - right, yof(r)),
                CORAL.mix(1.0),
            )?;
        }
        let mut run: Vec<(i32, i32)> = Vec::new();
        let mut runs = Vec::new();
        for (i, (_, v)) in points.iter().enumerate() {
            match v {
                Some(v) => run.push((xof(i), yof(*v))),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.iter().filter(|r| !r.is_empty()) {
            a.draw(&PathElement::new(r.clone(), BLUE.stroke_width(2)))
                .map_err(err)?;
            for p in r {
                a.draw(&Circle::new(*p, 3, BLUE.filled())).map_err(err)?;
            }
        }
        Ok(())
    })
    .finish(id, title, desc)
}

/// The concentration curve: cumulative share of won value (y) by share of reps (x), both
/// 0..1, against the line of equal shares and the 80 % mark.
pub fn curve(id: &str, title: &str, desc: &str, points: &[(f64, f64)]) -> String {
    const W: u32 = WIDE;
    const H: u32 = 300;
    let (left, right, top, bottom) = (56, 24, 16, H as i32 - 46);
    let xof = |v: f64| left + (v * f64::from(W as i32 - left - right)).round() as i32;
    let yof = |v: f64| bottom - (v * f64::from(bottom - top)).round() as i32;
    Canvas::draw(W, H, |a| {
        for i in 0..=4 {
            let v = f64::from(i) / 4.0;
            let label = format!("{}\u{a0}%", i * 25);
            line(a, (xof(0.0), yof(v)), (xof(1.0), yof(v)), ink(0.15), 1)?;
            line(a, (xof(v), yof(0.0)), (xof(v), yof(1.0)), ink(0.15), 1)?;
            text(a, &label, left - 8, yof(v), HPos::Right, VPos::Center)?;
            text(a, &label, xof(v), bottom + 8, HPos::Center, VPos::Top)?;
        }
        text(
            a,
            "share of reps, largest won value first",
            xof(0.5),
            bottom + 26,
            HPos::Center,
            VPos::Top,
        )?;
        dashed(a, (xof(0.0), yof(0.0)), (xof(1.0), yof(1.0)), ink(0.35))?;
        dashed(
            a,
            (xof(0.0), yof(0.8)),
            (xof(1.0), yof(0.8)),
            CORAL.mix(1.0),
        )?;
        text(
            a,
            "80 % of won value",
            xof(0.0) + 6,
            yof(0.8) - 6,
            HPos::Left,
            VPos::Bottom,
        )?;
        let px: Vec<(i32, i32)> = points.iter().map(|(x, y)| (xof(*x), yof(*y))).collect();
        if !px.is_empty() {
            a.draw(&PathElement::new(px.clone(), VIOLET.stroke_width(3)))
                .map_err(err)?;
            if px.len() <= 60 {
                for p in &px {
                    a.draw(&Circle::new(*p, 3, VIOLET.filled())).map_err(err)?;
                }
            }
        }
        Ok(())
    })
    .finish(id, title, desc)
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
    fn svg_is_labelled_escaped_and_theme_aware() {
        let bars = [Bar {
            label: "<script>alert(1)</script>".into(),
            segments: vec![3.0],
            value: "3".into(),
            color: None,
        }];
        let svg = hbars(
            "c1",
            "Calls <b>",
            "desc & more",
            &[("calls", BLUE)],
            &bars,
            None,
            Axis {
                format: &format_count,
                min_step: 1.0,
            },
        );
        assert!(svg.starts_with("<svg class=\"chart-svg\""));
        assert!(svg.contains("<title id=\"c1-t\">Calls &lt;b&gt;</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">desc &amp; more</desc>"));
        assert!(!svg.contains("<script"));
        assert!(svg.contains("currentColor"));
        assert!(!svg.contains("#010203"));
        assert!(svg.ends_with("</svg>"));
        let again = hbars(
            "c1",
            "Calls <b>",
            "desc & more",
            &[("calls", BLUE)],
            &bars,
            None,
            Axis {
                format: &format_count,
                min_step: 1.0,
            },
        );
        assert_eq!(svg, again, "deterministic");
    }
}
