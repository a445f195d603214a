//! Bar charts: horizontal (stacked) bars per rep, vertical bars over categories.

use super::{
    Axis, BLUE, CORAL, Canvas, GREEN, WIDE, dashed, fit, format_count, ink, legend, line, rect,
    text, text_width, ticks,
};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar of a horizontal bar chart.
pub(crate) struct Bar {
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
pub(crate) fn hbars(
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
            // Aligned with the bars, unless that would run past the right edge.
            let width: f64 = series.iter().map(|(n, _)| 42.0 + text_width(n)).sum();
            let x = LEFT.min((f64::from(W) - width).max(4.0) as i32);
            legend(a, series, x, 14)?;
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
            dashed(a, &[(x, top - 6), (x, bottom)], CORAL.mix(1.0))?;
            text(a, label, x, top - 10, HPos::Center, VPos::Bottom)?;
        }
        Ok(())
    })
    .finish(id, title, desc)
}

/// Vertical bars over categories, values written above; `mark` draws a dashed line before
/// the bar at that index with a label (the follow-up target).
pub(crate) fn vbars(
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
            dashed(a, &[(x, 8), (x, bottom)], CORAL.mix(1.0))?;
            text(a, label, x - 6, 14, HPos::Right, VPos::Center)?;
        }
        Ok(())
    })
    .finish(id, title, desc)
}

#[cfg(test)]
mod tests {
    use super::*;

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
