//! Line charts: trends over periods and the concentration curve.

use super::{
    Axis, BLUE, CORAL, Canvas, VIOLET, WIDE, dashed, err, ink, legend, line, text, text_width,
    ticks,
};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A second series drawn under a trend as a dashed line (a quota), named in a legend.
#[derive(Clone, Copy)]
pub(crate) struct Versus<'a> {
    /// The legend's name of the main series.
    pub(crate) main: &'a str,
    /// The legend's name of this series.
    pub(crate) name: &'a str,
    /// One value per point of the main series; `None` leaves a gap.
    pub(crate) values: &'a [Option<f64>],
}

/// A small trend line over periods; `None` values leave a gap. `reference` draws a dashed
/// line (100 % of quota), `versus` a dashed second series. The newest period's point is
/// drawn larger, with its value written beside it.
pub(crate) fn trend(
    id: &str,
    title: &str,
    desc: &str,
    points: &[(String, Option<f64>)],
    reference: Option<f64>,
    versus: Option<Versus>,
    axis: Axis,
) -> String {
    let (tick, min_step) = (axis.format, axis.min_step);
    const W: u32 = 360;
    const H: u32 = 222;
    let h = H;
    let (right, top, bottom) = (14, 36, h as i32 - 30);
    let max = points
        .iter()
        .filter_map(|p| p.1)
        .chain(
            versus
                .iter()
                .flat_map(|v| v.values.iter().flatten().copied()),
        )
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
    Canvas::draw(W, h, |a| {
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
                &[(left, yof(r)), (W as i32 - right, yof(r))],
                CORAL.mix(1.0),
            )?;
        }
        if let Some(v) = versus {
            // One dashed polyline per run of periods with a value (a gap breaks the line).
            let mut run: Vec<(i32, i32)> = Vec::new();
            for (i, value) in v.values.iter().enumerate().take(n) {
                match value {
                    Some(q) => run.push((xof(i), yof(*q))),
                    None => {
                        if run.len() > 1 {
                            dashed(a, &run, CORAL.mix(1.0))?;
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                dashed(a, &run, CORAL.mix(1.0))?;
            }
            legend(a, &[(v.main, BLUE), (v.name, CORAL)], 4, 12)?;
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
        // The newest period: a larger ringed point, and its value written top right, clear
        // of the line.
        if let Some((label, Some(v))) = points.last() {
            let p = (xof(n - 1), yof(*v));
            a.draw(&Circle::new(p, 7, BLUE.mix(0.25).filled()))
                .map_err(err)?;
            a.draw(&Circle::new(p, 5, BLUE.filled())).map_err(err)?;
            let right_edge = W as i32 - right;
            text(
                a,
                &format!("{label}: {}", tick(*v)),
                right_edge,
                12,
                HPos::Right,
                VPos::Center,
            )?;
        }
        Ok(())
    })
    .finish(id, title, desc)
}

/// The concentration curve: cumulative share of won value (y) by share of reps (x), both
/// 0..1, against the line of equal shares and the 80 % mark.
pub(crate) fn curve(id: &str, title: &str, desc: &str, points: &[(f64, f64)]) -> String {
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
        dashed(a, &[(xof(0.0), yof(0.0)), (xof(1.0), yof(1.0))], ink(0.35))?;
        dashed(
            a,
            &[(xof(0.0), yof(0.8)), (xof(1.0), yof(0.8))],
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
