//! The value-of-information pictures beside the acceptability curves: the cost-effectiveness
//! plane (each shown trial's difference in effect and cost, with the threshold line) and the
//! EVPI curve over the price per unit. Drawn as [`super::charts`] draws: inline SVG, text as
//! text, told apart in black and white by markers and dashes.

use plotters::prelude::*;

use super::charts::{FONT, INK, ceac_dash, mio, span, svg};
use crate::report::locale::Lang;

/// A number of units as an axis label: whole units over a wide range, else one or two decimals.
fn units(lang: Lang, x: f64, range: f64) -> String {
    let decimals = if range >= 100.0 {
        0
    } else if range >= 5.0 {
        1
    } else {
        2
    };
    lang.number(crate::decimal::from_f64(x).unwrap_or_default(), decimals)
}

/// The part of the line `dC = λ·dE` inside `x0..x1` by `y0..y1`, or `None` when it misses.
fn clip(lambda: f64, (x0, x1): (f64, f64), (y0, y1): (f64, f64)) -> Option<[(f64, f64); 2]> {
    let (a, b) = if lambda == 0.0 {
        (x0, x1)
    } else {
        let (u, v) = (y0 / lambda, y1 / lambda);
        (x0.max(u.min(v)), x1.min(u.max(v)))
    };
    let inside = if lambda == 0.0 {
        (y0..=y1).contains(&0.0)
    } else {
        a < b
    };
    inside.then_some([(a, lambda * a), (b, lambda * b)])
}

/// The cost-effectiveness plane: one small hollow circle per shown trial at `(dE, dC)` (effect
/// along, kroner up, in millions), the mean as a large black cross, the axes through zero, and
/// the threshold line `dC = λ*·dE` dashed (below it, worth it at the threshold price, when the
/// effect is positive). `None` with fewer than two points.
pub fn plane(
    lang: Lang,
    points: &[(f64, f64)],
    mean: (f64, f64),
    threshold: Option<f64>,
    axes: (&str, &str),
) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let fold = |f: fn(&(f64, f64)) -> f64| {
        (points.iter().map(f)).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        })
    };
    let (ex0, ex1) = fold(|p| p.0);
    let (cy0, cy1) = fold(|p| p.1);
    if !(ex0.is_finite() && ex1.is_finite() && cy0.is_finite() && cy1.is_finite()) {
        return None;
    }
    // Units: a margin of 5% of the range (at least 0.01 units), zero always inside.
    let (ex0, ex1) = (ex0.min(0.0), ex1.max(0.0));
    let pad = ((ex1 - ex0) * 0.05).max(0.01);
    let (x0, x1) = (ex0 - pad, ex1 + pad);
    let (y0, y1) = span(cy0, cy1);
    let drawn = svg((760, 440), |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, y0..y1)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(8)
            .y_labels(7)
            .x_label_formatter(&|x| units(lang, *x, x1 - x0))
            .y_label_formatter(&|y| mio(lang, *y))
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        let grey = RGBColor(160, 160, 160).stroke_width(1);
        chart.draw_series(LineSeries::new([(x0, 0.0), (x1, 0.0)], grey))?;
        chart.draw_series(LineSeries::new([(0.0, y0), (0.0, y1)], grey))?;
        chart.draw_series(
            (points.iter()).map(|p| Circle::new(*p, 2, RGBColor(90, 90, 90).stroke_width(1))),
        )?;
        if let Some(seg) = threshold.and_then(|l| clip(l, (x0, x1), (y0, y1))) {
            chart.draw_series(DashedLineSeries::new(seg, 9, 5, INK.stroke_width(2)))?;
        }
        chart.draw_series([Cross::new(mean, 7, BLACK.stroke_width(3))])?;
        Ok(())
    })?;
    Some(grouped(&drawn))
}

/// The trials' circles as plotters draws them, each with its own style.
const TRIAL_STYLE: &str = r##" opacity="1" fill="none" stroke="#5A5A5A" stroke-width="1"/>"##;

/// The plane's SVG with the trials' circles in one group that carries their style, so that
/// each circle is its position alone (a third of the bytes).
fn grouped(svg: &str) -> String {
    let (Some(first), Some(last)) = (svg.find(TRIAL_STYLE), svg.rfind(TRIAL_STYLE)) else {
        return svg.to_owned();
    };
    let Some(start) = svg[..first].rfind("<circle") else {
        return svg.to_owned();
    };
    let end = last + TRIAL_STYLE.len();
    format!(
        "{}<g fill=\"none\" stroke=\"#5A5A5A\" stroke-width=\"1\">{}</g>{}",
        &svg[..start],
        svg[start..end].replace(TRIAL_STYLE, "/>"),
        &svg[end..]
    )
}

/// EVPI against the price per unit `lambda`, in millions of kroner: one line per series
/// `(colour, values)`, solid, dashed and dotted ([`ceac_dash`]) in the acceptability curves'
/// order, with a marker at every price (a circle, a square, a triangle), so that the lines read
/// apart in black and white and the same legend serves both charts.
pub fn evpi(
    lang: Lang,
    lambda: &[f64],
    series: &[(RGBColor, &[f64])],
    axes: (&str, &str),
) -> Option<String> {
    let n = lambda.len();
    if n < 2 || series.is_empty() {
        return None;
    }
    let top = (series.iter().flat_map(|s| s.1.iter().copied())).fold(0.0f64, f64::max);
    let (_, hi) = span(0.0, top);
    svg((760, 260), |root| {
        let (x0, x1) = (lambda[0], lambda[n - 1]);
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(44)
            .y_label_area_size(96)
            .build_cartesian_2d(x0..x1, 0.0..hi)?;
        let kroner = |x: &f64| lang.number(crate::decimal::from_f64(*x).unwrap_or_default(), 0);
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(6)
            .y_labels(5)
            .x_label_formatter(&kroner)
            .y_label_formatter(&|y| mio(lang, *y))
            .x_desc(axes.0)
            .y_desc(axes.1)
            .axis_desc_style((FONT, 13))
            .label_style((FONT, 13))
            .draw()?;
        for (i, (colour, values)) in series.iter().enumerate() {
            let points: Vec<(f64, f64)> =
                lambda.iter().copied().zip(values.iter().copied()).collect();
            let line = colour.stroke_width(2);
            match ceac_dash(i) {
                None => chart.draw_series(LineSeries::new(points.iter().copied(), line))?,
                Some((on, off)) => chart.draw_series(DashedLineSeries::new(
                    points.iter().copied(),
                    on,
                    off,
                    line,
                ))?,
            };
            let fill = colour.filled();
            match i % 3 {
                0 => chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, fill)))?,
                1 => chart.draw_series(
                    points
                        .iter()
                        .map(|&p| EmptyElement::at(p) + Rectangle::new([(-3, -3), (3, 3)], fill)),
                )?,
                _ => chart.draw_series(points.iter().map(|p| TriangleMarker::new(*p, 4, fill)))?,
            };
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plane_draws_every_point_the_mean_and_the_threshold() {
        let points = [(1.0, 2e5), (2.0, -1e5), (0.5, 3e5)];
        let s = plane(
            Lang::Da,
            &points,
            (1.1, 1.3e5),
            Some(1e5),
            ("Enheder", "Mio. kr."),
        )
        .unwrap();
        // Three hollow circles, the cross, the axes and the dashed line.
        assert_eq!(s.matches("<circle").count(), 3, "{s}");
        assert_eq!(s.matches(r#"r="2"/>"#).count(), 3, "{s}");
        assert_eq!(s.matches("<g fill=").count(), 1, "{s}");
        assert!(s.contains("Enheder") && s.contains("Mio. kr."), "{s}");
        assert!(s.matches("<polyline").count() >= 4, "{s}");
        assert_eq!(
            plane(Lang::En, &points[..1], (0.0, 0.0), None, ("a", "b")),
            None
        );
    }

    #[test]
    fn the_threshold_line_is_clipped_to_the_box() {
        let [a, b] = clip(2.0, (-1.0, 10.0), (-4.0, 6.0)).unwrap();
        assert_eq!((a, b), ((-1.0, -2.0), (3.0, 6.0)));
        let [a, b] = clip(0.0, (-1.0, 1.0), (-4.0, 6.0)).unwrap();
        assert_eq!((a, b), ((-1.0, 0.0), (1.0, 0.0)));
        assert_eq!(clip(0.0, (-1.0, 1.0), (1.0, 6.0)), None);
    }

    #[test]
    fn the_evpi_curve_has_a_marker_at_every_price() {
        let v = [0.0, 2e6, 1e6];
        let s = evpi(
            Lang::En,
            &[0.0, 1e4, 2e4],
            &[(INK, &v)],
            ("DKK per unit", "DKK m"),
        )
        .unwrap();
        assert_eq!(s.matches("<circle").count(), 3, "{s}");
        assert_eq!(evpi(Lang::En, &[0.0], &[(INK, &v)], ("a", "b")), None);
    }
}
