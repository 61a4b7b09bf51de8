//! The report's charts as inline SVG, drawn with plotters' SVG backend: text stays text (the
//! browser sets it in the page's font), so the file needs no fonts of its own.

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordusize};
use plotters::prelude::*;
use rust_decimal::Decimal;

use crate::report::locale::Lang;

/// Colours: the payers in order, then the bands and lines.
const PALETTE: [RGBColor; 6] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(127, 127, 127),
];
const LOSS: RGBColor = RGBColor(192, 80, 77);
const GAIN: RGBColor = RGBColor(79, 129, 189);
pub(super) const INK: RGBColor = RGBColor(40, 40, 40);
pub(super) const FONT: &str = "sans-serif";
/// The fan chart's colours, for the page's legend.
pub const BASE_CASE: &str = "#282828";
pub const MEDIAN: &str = "#4f81bd";
pub const BAND_50: &str = "#adc4e0";
pub const BAND_90: &str = "#e0e8f3";

/// A payer's colour.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// `#1f77b4`.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Draw with `f` on an SVG of `size`; an error in drawing gives no chart (`None`).
pub(super) fn svg(
    size: (u32, u32),
    f: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), Box<dyn std::error::Error>>,
) -> Option<String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        root.fill(&WHITE).ok()?;
        f(&root).ok()?;
        root.present().ok()?;
    }
    Some(out)
}

/// An axis label for kroner: millions with one decimal.
pub(super) fn mio(lang: Lang, x: f64) -> String {
    let d = crate::decimal::from_f64(x).unwrap_or_default();
    let n = lang.number(d / Decimal::from(1_000_000), 1);
    (crate::report::words::Words::of(lang).page.millions_axis)(&n)
}

/// `lo..hi` widened by a margin, and never empty.
pub(super) fn span(lo: f64, hi: f64) -> (f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let pad = ((hi - lo) * 0.05).max(1.0);
    (lo - pad, hi + pad)
}

/// Each party's net per year, one small chart per party on one scale (gains above zero,
/// costs below, so that sign reads without colour), titled with its name; `parties[i] =
/// (name, net[t])`, the values axis titled `axis`.
pub fn parties(
    lang: Lang,
    years: &[i32],
    parties: &[(String, Vec<f64>)],
    axis: &str,
) -> Option<String> {
    let n = years.len();
    if n == 0 || parties.is_empty() {
        return None;
    }
    let lo = parties
        .iter()
        .flat_map(|p| p.1.iter().copied())
        .fold(0.0, f64::min);
    let hi = parties
        .iter()
        .flat_map(|p| p.1.iter().copied())
        .fold(0.0, f64::max);
    let (lo, hi) = span(lo, hi);
    let cols = if parties.len() > 4 {
        3
    } else {
        2.min(parties.len())
    };
    let rows = parties.len().div_ceil(cols);
    svg((760, 190 * rows as u32), |root| {
        let first = years[0] as f64;
        for (area, (name, net)) in root.split_evenly((rows, cols)).iter().zip(parties) {
            let mut chart = ChartBuilder::on(area)
                .margin(8)
                .caption(name, (FONT, 15).into_font().style(FontStyle::Bold))
                .x_label_area_size(22)
                .y_label_area_size(70)
                .build_cartesian_2d(first - 0.6..first + n as f64 - 0.4, lo..hi)?;
            chart
                .configure_mesh()
                .light_line_style(TRANSPARENT)
                .disable_x_mesh()
                .x_labels(n.min(5))
                .y_labels(4)
                .x_label_formatter(&|x| format!("{:.0}", x))
                .y_label_formatter(&|y| mio(lang, *y))
                .y_desc(axis)
                .axis_desc_style((FONT, 11))
                .label_style((FONT, 11))
                .draw()?;
            chart.draw_series(net.iter().enumerate().map(|(t, v)| {
                let x = first + t as f64;
                let colour = if *v < 0.0 { LOSS } else { GAIN };
                Rectangle::new([(x - 0.35, 0.0), (x + 0.35, *v)], colour.filled())
            }))?;
            chart.draw_series(LineSeries::new(
                [(first - 0.6, 0.0), (first + n as f64 - 0.4, 0.0)],
                INK.stroke_width(1),
            ))?;
        }
        Ok(())
    })
}

/// The cumulative discounted net per year: the 90% and 50% bands of the trials, the median
/// (solid) and the base case (dashed, so the two read apart in black and white), with the
/// axes titled `axes` (years, then the values). `bands[t] = (p5, p25, p50, p75, p95)`.
pub fn fan(
    lang: Lang,
    years: &[i32],
    bands: &[(f64, f64, f64, f64, f64)],
    base: &[f64],
    axes: (&str, &str),
) -> Option<String> {
    let n = years.len();
    if n == 0 || bands.len() != n {
        return None;
    }
    let lo = bands
        .iter()
        .map(|b| b.0)
        .chain(base.iter().copied())
        .fold(0.0, f64::min);
    let hi = bands
        .iter()
        .map(|b| b.4)
        .chain(base.iter().copied())
        .fold(0.0, f64::max);
    let (lo, hi) = span(lo, hi);
    let xs: Vec<f64> = years.iter().map(|y| *y as f64).collect();
    svg((760, 270), |root| {
        let (x0, x1) = (xs[0] - 0.3, xs[n - 1] + 0.3);
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, lo..hi)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(n.min(20))
            .x_label_formatter(&|x| format!("{:.0}", x))
            .y_label_formatter(&|y| mio(lang, *y))
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        let band = |low: fn(&(f64, f64, f64, f64, f64)) -> f64,
                    high: fn(&(f64, f64, f64, f64, f64)) -> f64| {
            let mut pts: Vec<(f64, f64)> =
                xs.iter().zip(bands).map(|(x, b)| (*x, high(b))).collect();
            pts.extend(xs.iter().zip(bands).rev().map(|(x, b)| (*x, low(b))));
            pts
        };
        chart.draw_series(std::iter::once(Polygon::new(
            band(|b| b.0, |b| b.4),
            GAIN.mix(0.18).filled(),
        )))?;
        chart.draw_series(std::iter::once(Polygon::new(
            band(|b| b.1, |b| b.3),
            GAIN.mix(0.35).filled(),
        )))?;
        chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], INK.stroke_width(1)))?;
        chart.draw_series(LineSeries::new(
            xs.iter().zip(bands).map(|(x, b)| (*x, b.2)),
            GAIN.stroke_width(3),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            xs.iter().copied().zip(base.iter().copied()),
            8,
            5,
            INK.stroke_width(2),
        ))?;
        Ok(())
    })
}

/// P(break-even by the end of each year), 0-100%.
pub fn break_even(lang: Lang, years: &[i32], probs: &[f64], axes: (&str, &str)) -> Option<String> {
    let xs: Vec<f64> = years.iter().map(|y| *y as f64).collect();
    let n = xs.len();
    if n == 0 {
        return None;
    }
    svg((760, 150), |root| {
        let (x0, x1) = (xs[0] - 0.3, xs[n - 1] + 0.3);
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, 0.0..1.0)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(n.min(20))
            .y_labels(3)
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .x_label_formatter(&|x| format!("{:.0}", x))
            .y_label_formatter(&|y| {
                lang.percent(crate::decimal::from_f64(*y).unwrap_or_default(), 0)
            })
            .label_style((FONT, 13))
            .draw()?;
        chart.draw_series(LineSeries::new(
            xs.iter().copied().zip(probs.iter().copied()),
            INK.stroke_width(2),
        ))?;
        chart.draw_series(
            xs.iter()
                .zip(probs)
                .map(|(x, p)| Circle::new((*x, *p), 3, INK.filled())),
        )?;
        Ok(())
    })
}

/// How a histogram's values read on its axis.
#[derive(Clone, Copy)]
pub enum Axis {
    /// Kroner, in millions.
    Mio,
    /// A rate, as a percentage.
    Pct,
    /// A ratio with two decimals.
    Ratio,
}

/// A value as a histogram's axis reads it.
pub fn axis_value(lang: Lang, x: f64, axis: Axis) -> String {
    match axis {
        Axis::Mio => mio(lang, x),
        Axis::Pct => lang.percent(crate::decimal::from_f64(x).unwrap_or_default(), 0),
        Axis::Ratio => lang.number(crate::decimal::from_f64(x).unwrap_or_default(), 2),
    }
}

/// A histogram: bins below `line` in red, above in blue, a line at `line` (zero for an NPV or
/// IRR, one for a MOIC).
pub fn histogram(
    lang: Lang,
    edges: &[f64],
    counts: &[u64],
    axis: Axis,
    line: f64,
    axes: (&str, &str),
) -> Option<String> {
    if counts.is_empty() || edges.len() != counts.len() + 1 {
        return None;
    }
    let total = counts.iter().sum::<u64>().max(1) as f64;
    let top = counts.iter().copied().max().unwrap_or(0) as f64 / total * 1.08;
    let (x0, x1) = (edges[0].min(line), edges[edges.len() - 1].max(line));
    let label = move |x: &f64| axis_value(lang, *x, axis);
    let pad = (x1 - x0) * 0.02 + if matches!(axis, Axis::Mio) { 1.0 } else { 1e-6 };
    svg((760, 240), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .x_label_area_size(44)
            .y_label_area_size(76)
            .build_cartesian_2d(x0 - pad..x1 + pad, 0.0..top.max(0.01))?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .disable_x_mesh()
            .x_labels(8)
            .y_labels(4)
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .x_label_formatter(&label)
            .y_label_formatter(&|y| {
                lang.percent(crate::decimal::from_f64(*y).unwrap_or_default(), 0)
            })
            .label_style((FONT, 13))
            .draw()?;
        chart.draw_series(counts.iter().enumerate().map(|(i, c)| {
            let (a, b) = (edges[i], edges[i + 1]);
            let c = *c as f64 / total;
            let colour = if b <= line { LOSS } else { GAIN };
            Rectangle::new([(a, 0.0), (b, c)], colour.filled())
        }))?;
        chart.draw_series(LineSeries::new(
            [(line, 0.0), (line, top.max(0.01))],
            INK.stroke_width(2),
        ))?;
        Ok(())
    })
}

/// A chart with one horizontal row per name over kroner.
type Rows<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, SegmentedCoord<RangedCoordusize>>>;

/// A chart of one row per name, the first at the top, over kroner from `lo` to `hi` (widened
/// by `span`) with the names in a margin `label_area` wide; `draw` draws the rows (`bar`).
fn rows_chart(
    lang: Lang,
    names: &[&str],
    (lo, hi): (f64, f64),
    label_area: u32,
    axis: &str,
    draw: impl FnOnce(&mut Rows, (f64, f64)) -> Result<(), Box<dyn std::error::Error>>,
) -> Option<String> {
    let n = names.len();
    if n == 0 {
        return None;
    }
    let (lo, hi) = span(lo, hi);
    // Row i sits in segment n - 1 - i, so the first is drawn at the top.
    let name = |v: &SegmentValue<usize>| match v {
        SegmentValue::CenterOf(k) if *k < n => names[n - 1 - k].to_owned(),
        _ => String::new(),
    };
    svg((760, 76 + 26 * n as u32), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            // Room for the last axis label, centred on the right edge.
            .margin_right(34)
            .x_label_area_size(44)
            .y_label_area_size(label_area)
            // Segments 0..=n - 1 (a single row gets an empty one above it: plotters draws a
            // segmented range of one value with no height).
            .build_cartesian_2d(lo..hi, (0..(n - 1).max(1)).into_segmented())?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .disable_y_mesh()
            .y_labels(n + 1)
            .x_labels(6)
            .x_label_formatter(&|x| mio(lang, *x))
            .y_label_formatter(&name)
            .x_desc(axis)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        draw(&mut chart, (lo, hi))
    })
}

/// Row `i` of `n` (0 at the top) from `a` to `b`, `margin` pixels in from the row's edges.
fn bar<C: Color>(
    (i, n): (usize, usize),
    (a, b): (f64, f64),
    margin: u32,
    colour: C,
) -> Rectangle<(f64, SegmentValue<usize>)> {
    let k = n - 1 - i;
    let mut r = Rectangle::new(
        [
            (a.min(b), SegmentValue::Exact(k)),
            (a.max(b), SegmentValue::Exact(k + 1)),
        ],
        colour.filled(),
    );
    r.set_margin(margin, margin, 0, 0);
    r
}

/// A vertical line at `x` across every row.
fn across(x: f64, colour: RGBColor) -> LineSeries<SVGBackend<'static>, (f64, SegmentValue<usize>)> {
    LineSeries::new(
        [(x, SegmentValue::Exact(0)), (x, SegmentValue::Last)],
        colour.stroke_width(1),
    )
}

/// The tornado: per input a bar from the NPV at its 10th to its 90th percentile, around the
/// NPV at the means. `rows = (input, npv at p10, npv at p90)`, widest first (at the top).
pub fn tornado(lang: Lang, base: f64, rows: &[(String, f64, f64)], axis: &str) -> Option<String> {
    let n = rows.len();
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let lo = rows.iter().map(|r| r.1.min(r.2)).fold(base, f64::min);
    let hi = rows.iter().map(|r| r.1.max(r.2)).fold(base, f64::max);
    rows_chart(lang, &names, (lo, hi), 200, axis, |chart, _| {
        for (i, (_, a, b)) in rows.iter().enumerate() {
            for v in [*a, *b] {
                let colour = if v < base { LOSS } else { GAIN };
                chart.draw_series(std::iter::once(bar((i, n), (base, v), 4, colour)))?;
            }
        }
        chart.draw_series(across(base, INK))?;
        Ok(())
    })
}

/// The most rows `ranges` draws; beyond, the page shows only the table.
pub const MAX_RANGES: usize = 30;

/// One row per name: the 90% range (light), the 50% range (darker) and the median (a tick),
/// with zero marked; `rows[i] = (name, [p5, p25, p50, p75, p95])`, drawn top to bottom.
pub fn ranges(lang: Lang, rows: &[(String, [f64; 5])], axis: &str) -> Option<String> {
    let n = rows.len();
    if n > MAX_RANGES {
        return None;
    }
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let lo = rows.iter().map(|r| r.1[0]).fold(0.0, f64::min);
    let hi = rows.iter().map(|r| r.1[4]).fold(0.0, f64::max);
    rows_chart(lang, &names, (lo, hi), 160, axis, |chart, (lo, hi)| {
        let tick = (hi - lo) / 300.0;
        for (i, (_, q)) in rows.iter().enumerate() {
            chart.draw_series([
                bar((i, n), (q[0], q[4]), 9, GAIN.mix(0.25)),
                bar((i, n), (q[1], q[3]), 5, GAIN.mix(0.55)),
                bar((i, n), (q[2] - tick, q[2] + tick), 3, INK),
            ])?;
        }
        chart.draw_series(across(0.0, LOSS))?;
        Ok(())
    })
}

/// The cost-effectiveness acceptability curves: P(net benefit > 0) against the price per unit
/// `lambda`, one line per series `(colour, probabilities)`: the first solid, the others
/// dashed and dotted ([`ceac_dash`]), so that they read apart in black and white.
pub fn ceac(
    lang: Lang,
    lambda: &[f64],
    series: &[(RGBColor, &[f64])],
    axes: (&str, &str),
) -> Option<String> {
    let n = lambda.len();
    if n < 2 || series.is_empty() {
        return None;
    }
    svg((760, 260), |root| {
        let (x0, x1) = (lambda[0], lambda[n - 1]);
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, 0.0..1.0)?;
        let kroner = |x: &f64| lang.number(crate::decimal::from_f64(*x).unwrap_or_default(), 0);
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&kroner)
            .y_label_formatter(&|y| {
                lang.percent(crate::decimal::from_f64(*y).unwrap_or_default(), 0)
            })
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        for (i, (colour, probs)) in series.iter().enumerate() {
            let points = lambda.iter().copied().zip(probs.iter().copied());
            match ceac_dash(i) {
                None => chart.draw_series(LineSeries::new(points, colour.stroke_width(2)))?,
                Some((on, off)) => chart.draw_series(DashedLineSeries::new(
                    points,
                    on,
                    off,
                    colour.stroke_width(2),
                ))?,
            };
        }
        Ok(())
    })
}

/// A study's value against its size: one line per series `(values)` over the sizes `n`
/// (participants per arm), the first solid, the second dashed, the third dotted
/// ([`ceac_dash`]), each with a marker at every size (a circle, a square, a triangle), in ink
/// and greys so that they read apart in black and white; zero is marked. The values axis is
/// in millions of kroner.
pub fn study(lang: Lang, n: &[u32], series: &[&[f64]], axes: (&str, &str)) -> Option<String> {
    let k = n.len();
    if k < 2 || series.is_empty() {
        return None;
    }
    let all = series.iter().flat_map(|s| s.iter().copied());
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(a, b), x| (a.min(x), b.max(x)));
    let (lo, hi) = span(lo, hi);
    svg((760, 280), |root| {
        let (x0, x1) = (f64::from(n[0]), f64::from(n[k - 1]));
        let pad = (x1 - x0) * 0.02;
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d((x0 - pad)..(x1 + pad), lo..hi)?;
        let whole = |x: &f64| lang.number(crate::decimal::from_f64(*x).unwrap_or_default(), 0);
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&whole)
            .y_label_formatter(&|y| mio(lang, *y))
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        chart.draw_series(LineSeries::new(
            [(x0 - pad, 0.0), (x1 + pad, 0.0)],
            RGBColor(160, 160, 160).stroke_width(1),
        ))?;
        let inks = [INK, RGBColor(90, 90, 90), RGBColor(130, 130, 130)];
        for (i, values) in series.iter().enumerate() {
            let colour = inks[i % inks.len()];
            let points: Vec<(f64, f64)> = (n.iter().zip(values.iter()))
                .map(|(x, y)| (f64::from(*x), *y))
                .collect();
            match ceac_dash(i) {
                None => chart.draw_series(LineSeries::new(
                    points.iter().copied(),
                    colour.stroke_width(2),
                ))?,
                Some((on, off)) => chart.draw_series(DashedLineSeries::new(
                    points.iter().copied(),
                    on,
                    off,
                    colour.stroke_width(2),
                ))?,
            };
            match i % 3 {
                0 => chart
                    .draw_series((points.iter()).map(|p| Circle::new(*p, 4, colour.filled())))?,
                1 => chart.draw_series(points.iter().map(|&(x, y)| {
                    EmptyElement::at((x, y)) + Rectangle::new([(-4, -4), (4, 4)], colour.filled())
                }))?,
                _ => chart.draw_series(
                    (points.iter()).map(|p| TriangleMarker::new(*p, 5, colour.filled())),
                )?,
            };
        }
        Ok(())
    })
}

/// The dash of acceptability curve `i` (`None`: solid), for the legend to say.
pub fn ceac_dash(i: usize) -> Option<(u32, u32)> {
    match i % 3 {
        0 => None,
        1 => Some((9, 5)),
        _ => Some((2, 4)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drawn elements in an SVG.
    fn drawn(svg: &str) -> usize {
        svg.matches("<rect").count()
            + svg.matches("<polyline").count()
            + svg.matches("<polygon").count()
    }

    #[test]
    fn the_smallest_charts_draw() {
        let t = tornado(Lang::Da, -5.0, &[("a".into(), -8.0, -2.0)], "kr.").unwrap();
        assert!(t.contains("\na\n</text>"), "{t}");
        assert!(drawn(&t) >= 3);
        let f = fan(
            Lang::En,
            &[2025],
            &[(-2.0, -1.0, 0.0, 1.0, 2.0)],
            &[0.5],
            ("Year", "DKK"),
        )
        .unwrap();
        assert!(drawn(&f) >= 3);
        assert!(break_even(Lang::En, &[2025], &[0.5], ("Year", "P")).is_some());
        let axes = ("NPV", "Share");
        let h = histogram(Lang::Da, &[-1.0, 0.0, 1.0], &[3, 4], Axis::Mio, 0.0, axes).unwrap();
        assert!(drawn(&h) >= 3);
        assert!(h.contains("NPV") && h.contains("Share"), "{h}");
        let w = parties(
            Lang::Da,
            &[2025, 2026],
            &[("kommune".into(), vec![2.0, -1.0])],
            "kr.",
        )
        .unwrap();
        assert!(drawn(&w) >= 3);
        assert!(w.contains("kommune"), "{w}");
        assert_eq!(fan(Lang::En, &[], &[], &[], ("Year", "DKK")), None);
        assert_eq!(histogram(Lang::En, &[0.0], &[], Axis::Pct, 0.0, axes), None);
        let m = histogram(Lang::En, &[0.5, 1.0, 1.5], &[1, 1], Axis::Ratio, 1.0, axes).unwrap();
        assert!(m.contains("1.00"), "{m}");
        let r = ranges(
            Lang::Da,
            &[("Rødovre".into(), [-3.0, -2.0, -1.0, 0.5, 2.0])],
            "kr.",
        )
        .unwrap();
        assert!(r.contains("Rødovre"), "{r}");
        assert!(drawn(&r) >= 4);
        let st = study(
            Lang::Da,
            &[50, 100, 200],
            &[&[1e6, 2e6, 2.5e6], &[2e6, 3e6, 4e6], &[-1e6, -1e6, -1.5e6]],
            ("Deltagere pr. gruppe (n)", "Mio. kr."),
        )
        .unwrap();
        assert!(
            st.contains("Deltagere pr. gruppe (n)") && st.contains("Mio. kr."),
            "{st}"
        );
        assert!(st.matches("<circle").count() >= 3, "{st}");
        assert!(drawn(&st) >= 6, "{st}");
        assert_eq!(study(Lang::En, &[50], &[&[1.0]], ("n", "DKK")), None);
        let many = vec![("x".to_owned(), [0.0; 5]); MAX_RANGES + 1];
        assert_eq!(ranges(Lang::En, &many, "kr."), None);
        assert_eq!(ranges(Lang::En, &[], "kr."), None);
    }
}
