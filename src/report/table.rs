//! The human report: aligned tables with thousands separators and units.

use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use rust_decimal::Decimal;

use super::locale::Lang;
use super::{LedgerFilter, RunReport};

/// The table's language: its words and its numbers.
#[derive(Clone, Copy)]
pub struct Say(pub Lang);

impl Say {
    pub(super) fn da(self) -> bool {
        self.0 == Lang::Da
    }
    /// `en`, or its Danish when the table is in Danish.
    pub(super) fn t(self, en: &'static str) -> &'static str {
        if self.da() { danish(en) } else { en }
    }
    /// `d` with `decimals` decimals and thousands separators.
    pub(super) fn n(self, d: Decimal, decimals: u32) -> String {
        self.0.number(d, decimals)
    }
    /// Whole kroner, no unit.
    pub(super) fn kr(self, d: Decimal) -> String {
        self.n(d, 0)
    }
    /// An f64 with `decimals` decimals, or `n/a`.
    pub(super) fn f(self, x: f64, decimals: u32) -> String {
        crate::decimal::from_f64(x).map_or_else(|| "n/a".into(), |d| self.n(d, decimals))
    }
    /// An f64 amount in whole kroner, or `n/a`.
    pub(super) fn kr_f64(self, x: f64) -> String {
        self.f(x, 0)
    }
    /// A probability or ratio with two decimals.
    pub(super) fn p(self, x: f64) -> String {
        self.f(x, 2)
    }
    /// A share as a percentage with `decimals` decimals (`3.5%`, `3,5 pct.`), or `n/a`.
    pub(super) fn pct(self, x: f64, decimals: u32) -> String {
        crate::decimal::from_f64(x).map_or_else(|| "n/a".into(), |d| self.0.percent(d, decimals))
    }
    /// The header of percentile `p` (`5%`, `5 pct.`).
    pub(super) fn percentile(self, p: u32) -> String {
        if self.da() {
            format!("{p} pct.")
        } else {
            format!("{p}%")
        }
    }
    /// A ratio such as ROI, or `undefined`.
    pub(super) fn ratio(self, d: Option<Decimal>) -> String {
        d.map_or_else(|| self.t("undefined").into(), |x| self.n(x, 2))
    }
}

/// The Danish of the table's fixed words (the English is the key).
fn danish(en: &'static str) -> &'static str {
    match en {
        "undefined" => "ikke defineret",
        "Perspective" => "Perspektiv",
        "NPV" => "Nutidsværdi",
        "PV benefits" => "Undgåede udgifter (NV)",
        "PV net cost" => "Nettoudgift (NV)",
        "ROI" => "Afkast pr. krone",
        "Break-even" => "Tilbagebetaling",
        "Net cost / completer" => "Nettoudgift pr. gennemfører",
        "no flows" => "ingen strømme",
        "Year" => "År",
        "Costs" => "Udgifter",
        "Benefits" => "Undgåede udgifter",
        "Transfers" => "Overførsler",
        "Contract" => "Kontrakt",
        "Net" => "Netto",
        "Discount factor" => "Diskonteringsfaktor",
        "Discounted net" => "Diskonteret netto",
        "Cumulative" => "Akkumuleret",
        "Mean NPV" => "Nutidsværdi, middel",
        "± se" => "± std.fejl",
        "Median" => "Median",
        "P(NPV > 0)" => "P(NV > 0)",
        "P(break-even by)" => "P(tilbagebetalt senest)",
        "Never" => "Aldrig",
        "Municipality's own budget (kommune)" => "Kommunens eget budget (kommune)",
        _ => en,
    }
}

/// Each municipality's own budget over the trials: a table of up to 12, else the lowest,
/// median and highest probabilities; with the break-even when the run followed it.
fn municipalities(r: &RunReport, mc: &super::MonteCarloView, say: Say) -> String {
    let mut s = String::new();
    // The years of the break-even columns: the middle and the last of the horizon.
    let (mid, last) = (r.horizon / 2, r.horizon - 1);
    let by = |b: &super::BreakEvenView, t: usize| b.by_year.values().nth(t).map_or(0.0, |p| p.0);
    let kept = mc.municipalities.values().all(|m| m.break_even.is_some());
    let year = |t: usize| r.start_year + t as i32;
    if mc.municipalities.len() <= 12 {
        let mut header: Vec<String> = [
            say.t("Municipality's own budget (kommune)"),
            say.t("Mean NPV"),
            &say.percentile(5),
            say.t("Median"),
            &say.percentile(95),
            say.t("P(NPV > 0)"),
        ]
        .map(String::from)
        .to_vec();
        if kept {
            for t in [mid, last] {
                header.push(if say.da() {
                    format!("P(tilbagebetalt senest {})", year(t))
                } else {
                    format!("P(break-even by {})", year(t))
                });
            }
        }
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = new_table(&header, 1);
        for (name, m) in &mc.municipalities {
            let d = &m.npv;
            let mut row = vec![
                Cell::new(name),
                Cell::new(say.kr_f64(d.mean.0)),
                Cell::new(say.kr_f64(d.p5.0)),
                Cell::new(say.kr_f64(d.p50.0)),
                Cell::new(say.kr_f64(d.p95.0)),
                Cell::new(say.p(m.prob_npv_positive.0)),
            ];
            if let Some(b) = &m.break_even {
                row.extend([mid, last].map(|t| Cell::new(say.p(by(b, t)))));
            }
            table.add_row(row);
        }
        s.push_str(&format!("{table}\n"));
    } else {
        let n = mc.municipalities.len();
        // The lowest, median and highest of a probability over the municipalities.
        let spread = |p: &dyn Fn(&super::MuniStatsView) -> f64| {
            let mut probs: Vec<(&String, f64)> = (mc.municipalities.iter())
                .map(|(name, m)| (name, p(m)))
                .collect();
            probs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
            let (low, high) = (probs[0], probs[n - 1]);
            let median = probs[n / 2].1;
            let [lowest, highest] = if say.da() {
                ["lavest", "højest"]
            } else {
                ["lowest", "highest"]
            };
            format!(
                "{lowest} {} ({}), median {}, {highest} {} ({})",
                say.p(low.1),
                low.0,
                say.p(median),
                say.p(high.1),
                high.0
            )
        };
        let npv = spread(&|m| m.prob_npv_positive.0);
        s.push_str(&if say.da() {
            format!("P(kommunens egen nutidsværdi > 0): {npv}.\n")
        } else {
            format!("P(a municipality's own NPV > 0): {npv}.\n")
        });
        if kept {
            let by_last = spread(&|m| m.break_even.as_ref().map_or(0.0, |b| by(b, last)));
            s.push_str(&if say.da() {
                format!(
                    "P(kommunen er tilbagebetalt senest {}): {by_last}.\n",
                    year(last)
                )
            } else {
                format!(
                    "P(a municipality breaks even by {}): {by_last}.\n",
                    year(last)
                )
            });
        }
        s.push_str(&if say.da() {
            format!("Percentiler for alle {n} kommuner: --format json (monte_carlo.municipalities) eller --format csv --municipalities.\n")
        } else {
            format!("Percentiles for all {n} municipalities: --format json (monte_carlo.municipalities) or --format csv --municipalities.\n")
        });
    }
    if !kept {
        s.push_str(if say.da() {
            "Hver kommunes sandsynlighed for tilbagebetaling år for år: --municipal-break-even.\n"
        } else {
            "Each municipality's probability of break-even by year: --municipal-break-even.\n"
        });
    }
    s
}

/// Rules above, below and under the header; none between rows.
const HOUSE_STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// A table in the house style: light rules, numbers right-aligned.
pub fn new_table(header: &[&str], numeric_from: usize) -> Table {
    let mut t = Table::new();
    t.load_style(HOUSE_STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(Cell::new));
    for i in numeric_from..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Text for a terminal: no trailing spaces (the tables pad their last column), and control
/// characters from the input shown escaped.
pub fn tidy(s: String) -> String {
    let s = super::format::printable(&s);
    let mut out: String = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

/// Scenario name, period, price level, discounting and conversions.
pub fn header(r: &RunReport, say: Say) -> String {
    let last = r.start_year + r.horizon as i32 - 1;
    let mut s = if say.da() {
        format!(
            "{}\n{} · {}-{} ({} år) · kr. i {}-priser\nDiskontering: {}\n",
            r.scenario, r.file, r.start_year, last, r.horizon, r.price_year, r.discounting
        )
    } else {
        format!(
            "{}\n{} · {}-{} ({} years) · DKK in {} prices\nDiscounting: {}\n",
            r.scenario, r.file, r.start_year, last, r.horizon, r.price_year, r.discounting
        )
    };
    if !r.price_conversions.is_empty() {
        let index = &r.price_conversions[0].index;
        let items: Vec<String> = r
            .price_conversions
            .iter()
            .map(|c| {
                format!(
                    "{} {}->{} x{}",
                    c.what,
                    c.from_year,
                    c.to_year,
                    say.n(c.factor.0, 4)
                )
            })
            .collect();
        s.push_str(&if say.da() {
            format!(
                "Omregnet til {}-priser med {index}: {}\n",
                r.price_year,
                items.join("; ")
            )
        } else {
            format!(
                "Converted to {} prices with {index}: {}\n",
                r.price_year,
                items.join("; ")
            )
        });
    }
    s
}

/// The base-case summary: one row per perspective.
pub fn base_summary(r: &RunReport, say: Say) -> String {
    let t = &r.base.totals;
    let (courses, participants, completers, volunteers, gross, pv_gross) = (
        say.n(t.courses.0, 0),
        say.n(t.participants.0, 0),
        say.n(t.completers.0, 0),
        say.n(t.volunteers_trained.0, 0),
        say.kr(t.gross_cost.0),
        say.kr(t.pv_gross_cost.0),
    );
    let mut s = if say.da() {
        format!(
            "Aktivitet: {courses} forløb · {participants} deltagere · {completers} gennemførte · {volunteers} frivillige uddannet\nIndsatsens bruttoudgift: {gross} kr. ({pv_gross} kr. diskonteret)\n\n"
        )
    } else {
        format!(
            "Activity: {courses} courses · {participants} participants · {completers} completers · {volunteers} volunteers trained\nGross cost of the intervention: {gross} DKK ({pv_gross} DKK discounted)\n\n"
        )
    };
    s.push_str(if say.da() {
        "Basisforløb: usikre antagelser på middelværdien; hele kroner (JSON og CSV har øre)\n"
    } else {
        "Base case: uncertain inputs at their mean; DKK, whole kroner (JSON and CSV carry øre)\n"
    });
    let mut table = new_table(
        &[
            say.t("Perspective"),
            say.t("NPV"),
            say.t("PV benefits"),
            say.t("PV net cost"),
            say.t("ROI"),
            say.t("Break-even"),
            say.t("Net cost / completer"),
        ],
        1,
    );
    let last = r.start_year + r.horizon as i32 - 1;
    for (name, p) in &r.base.perspectives {
        table.add_row(vec![
            Cell::new(name),
            Cell::new(say.kr(p.npv.0)),
            Cell::new(say.kr(p.pv_benefits.0)),
            Cell::new(say.kr(p.pv_net_cost.0)),
            Cell::new(say.ratio(p.roi.map(|x| x.0))),
            Cell::new(if no_flows(r, name) {
                say.t("no flows").to_owned()
            } else {
                match (p.break_even_year, p.years_to_break_even, say.da()) {
                    (Some(y), Some(n), false) => {
                        format!("{y} ({n} yr{})", if n == 1 { "" } else { "s" })
                    }
                    (Some(y), Some(n), true) => format!("{y} ({n} år)"),
                    (_, _, false) => format!("none by {last}"),
                    (_, _, true) => format!("ingen senest {last}"),
                }
            }),
            Cell::new(
                p.pv_net_cost_per_completer
                    .map(|m| say.kr(m.0))
                    .unwrap_or_else(|| "-".into()),
            ),
        ]);
    }
    s.push_str(&table.to_string());
    s.push_str(if say.da() {
        "\nNettoudgift pr. gennemfører er diskonteret (nettoudgift i nutidsværdi / gennemførte).\n"
    } else {
        "\nNet cost / completer is discounted (PV net cost / completers).\n"
    });
    for n in &r.base.non_monetary {
        let dash = || "-".to_owned();
        let (units, gross, public) = (
            say.n(n.units.0, 1),
            n.gross_cost_per_unit
                .map(|m| say.kr(m.0))
                .unwrap_or_else(dash),
            n.public_net_cost_per_unit
                .map(|m| say.kr(m.0))
                .unwrap_or_else(dash),
        );
        s.push_str(&if say.da() {
            format!(
                "{}: {units} {} over perioden; bruttoudgift {gross} kr. pr. enhed, offentlig nettoudgift {public} kr. pr. enhed\n",
                n.name, n.unit
            )
        } else {
            format!(
                "{}: {units} {} over the horizon; gross cost {gross} DKK per unit, public net cost {public} DKK per unit\n",
                n.name, n.unit
            )
        });
    }
    s
}

/// Year by year, summed over the ledger rows the filter keeps, to the øre.
pub fn ledger(r: &RunReport, filter: &LedgerFilter, say: Say) -> String {
    let what = match (&filter.municipality, &filter.payer, say.da()) {
        (None, None, false) => "all municipalities, all payers".to_owned(),
        (Some(m), None, false) => format!("{m}, all payers"),
        (None, Some(p), false) => format!("all municipalities, payer {p}"),
        (Some(m), Some(p), false) => format!("{m}, payer {p}"),
        (None, None, true) => "alle kommuner, alle betalere".to_owned(),
        (Some(m), None, true) => format!("{m}, alle betalere"),
        (None, Some(p), true) => format!("alle kommuner, betaler {p}"),
        (Some(m), Some(p), true) => format!("{m}, betaler {p}"),
    };
    let contracts = r.base.ledger.iter().any(|row| !row.contract.0.is_zero());
    let mut headers = vec![
        say.t("Year"),
        say.t("Costs"),
        say.t("Benefits"),
        say.t("Transfers"),
    ];
    if contracts {
        headers.push(say.t("Contract"));
    }
    headers.extend([
        say.t("Net"),
        say.t("Discount factor"),
        say.t("Discounted net"),
        say.t("Cumulative"),
    ]);
    let mut table = new_table(&headers, 1);
    let mut cumulative = Decimal::ZERO;
    let mut years: Vec<(i32, [Decimal; 5], Decimal)> = Vec::new();
    for row in r.base.ledger.iter().filter(|row| filter.keeps(row)) {
        if years.last().is_none_or(|y| y.0 != row.year) {
            years.push((row.year, [Decimal::ZERO; 5], row.discount_factor.0));
        }
        let y = years.last_mut().expect("pushed above");
        y.1[0] += row.costs.0;
        y.1[1] += row.avoided.0;
        y.1[2] += row.transfers.0;
        y.1[3] += row.contract.0;
        y.1[4] += row.net.0;
    }
    for (year, [c, b, tr, k, net], df) in years {
        let discounted = df * net;
        cumulative += discounted;
        let mut cells = vec![
            Cell::new(year),
            Cell::new(say.n(c, 2)),
            Cell::new(say.n(b, 2)),
            Cell::new(say.n(tr, 2)),
        ];
        if contracts {
            cells.push(Cell::new(say.n(k, 2)));
        }
        cells.extend([
            Cell::new(say.n(net, 2)),
            Cell::new(say.n(df, 6)),
            Cell::new(say.n(discounted, 2)),
            Cell::new(say.n(cumulative, 2)),
        ]);
        table.add_row(cells);
    }
    if say.da() {
        format!("Regnskab ({what}), kr.:\n{table}\n")
    } else {
        format!("Ledger ({what}), DKK:\n{table}\n")
    }
}

/// The year offsets shown as break-even columns: up to five, ending with the last year.
fn milestone_years(horizon: usize) -> Vec<usize> {
    let mut out: Vec<usize> = (1..=5).map(|i| (i * horizon).div_ceil(5) - 1).collect();
    out.dedup();
    out
}

/// `values` (0 to 1) as a sparkline of eighth blocks, `▁` for 0 and `█` for 1.
pub fn sparkline(values: &[f64]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| BLOCKS[(v.clamp(0.0, 1.0) * 7.0).round() as usize])
        .collect()
}

/// The Monte Carlo summary a finance officer reads at a glance; on a `terminal`, with the
/// break-even curve as a sparkline.
pub fn monte_carlo(r: &RunReport, terminal: bool, say: Say) -> String {
    let Some(mc) = &r.monte_carlo else {
        return String::new();
    };
    let trials = say.n(r.trials.unwrap_or(0).into(), 0);
    let seed = r.seed.unwrap_or(0);
    let inputs = r.inputs.len();
    let latin = r.sampling == Some("latin_hypercube");
    let mut s = match (say.da(), latin) {
        (true, false) => format!(
            "Monte Carlo: {trials} simuleringer, frø {seed} (kør igen med --seed {seed} for samme resultat); {inputs} usikre antagelser\n"
        ),
        (false, false) => format!(
            "Monte Carlo: {trials} trials, seed {seed} (rerun with --seed {seed} to reproduce); {inputs} uncertain inputs\n"
        ),
        (true, true) => format!(
            "Monte Carlo: {trials} simuleringer, latinsk hyperkube i blokke af 256, frø {seed} (kør igen med --seed {seed} --sampling latin-hypercube for samme resultat); {inputs} usikre antagelser\n"
        ),
        (false, true) => format!(
            "Monte Carlo: {trials} trials by Latin hypercube sampling in blocks of 256, seed {seed} (rerun with --seed {seed} --sampling latin-hypercube to reproduce); {inputs} uncertain inputs\n"
        ),
    };
    if let Some(p) = &mc.precision {
        s.push_str(&format!(
            "Precision: target {}, reached {:.4}{}\n",
            p.target,
            p.achieved,
            if p.converged {
                ""
            } else {
                " (stopped at the trial cap before reaching the target)"
            }
        ));
    }
    let years = milestone_years(r.horizon);
    // A perspective with no flows in any trial "breaks even" trivially; leave it out.
    let empty = |name: &str, p: &super::McPerspectiveView| {
        no_flows(r, name) && p.npv.sd.0 == 0.0 && p.npv.mean.0 == 0.0
    };
    let shown: Vec<(&String, &super::McPerspectiveView)> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| !empty(name, p))
        .collect();
    let hidden: Vec<&str> = mc
        .perspectives
        .iter()
        .filter(|(name, p)| empty(name, p))
        .map(|(name, _)| name.as_str())
        .collect();
    let year_label = |t: usize| {
        let y = r.start_year + t as i32;
        if say.da() {
            format!("senest {y}")
        } else {
            format!("by {y}")
        }
    };
    let mut header: Vec<String> = vec![
        say.t("Perspective").into(),
        say.t("Mean NPV").into(),
        say.t("± se").into(),
        say.percentile(5),
        say.t("Median").into(),
        say.percentile(95),
        say.t("P(NPV > 0)").into(),
    ];
    let be = if say.da() {
        "P(tilbagebetalt) "
    } else {
        "P(break-even) "
    };
    header.push(be.to_owned() + &year_label(*years.last().unwrap_or(&0)));
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let last = p
            .break_even
            .by_year
            .values()
            .last()
            .map(|x| x.0)
            .unwrap_or(0.0);
        table.add_row(vec![
            Cell::new(name),
            Cell::new(say.kr_f64(p.npv.mean.0)),
            Cell::new(say.kr_f64(p.npv.se.0)),
            Cell::new(say.kr_f64(p.npv.p5.0)),
            Cell::new(say.kr_f64(p.npv.p50.0)),
            Cell::new(say.kr_f64(p.npv.p95.0)),
            Cell::new(say.p(p.prob_npv_positive.0)),
            Cell::new(say.p(last)),
        ]);
    }
    s.push_str(&if say.da() {
        format!("Nutidsværdi i simuleringerne, kr.:\n{table}\n")
    } else {
        format!("NPV over trials, DKK:\n{table}\n")
    });

    let mut header: Vec<String> = vec![say.t("P(break-even by)").into()];
    header.extend(years.iter().map(|t| (r.start_year + *t as i32).to_string()));
    header.push(say.t("Never").into());
    if terminal {
        header.push(format!(
            "{}-{}",
            r.start_year,
            r.start_year + r.horizon as i32 - 1
        ));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(&header_refs, 1);
    for &(name, p) in &shown {
        let by: Vec<f64> = p.break_even.by_year.values().map(|x| x.0).collect();
        let mut row = vec![Cell::new(name)];
        row.extend(years.iter().map(|t| Cell::new(say.p(by[*t]))));
        row.push(Cell::new(say.p(p.break_even.never.0)));
        if terminal {
            row.push(Cell::new(sparkline(&by)).set_alignment(CellAlignment::Left));
        }
        table.add_row(row);
    }
    s.push_str(&format!("{table}\n"));
    if !hidden.is_empty() {
        let hidden = hidden.join(", ");
        s.push_str(&if say.da() {
            format!("Ikke vist (ingen strømme i dette scenarie): {hidden}.\n")
        } else {
            format!("Not shown (no flows in this scenario): {hidden}.\n")
        });
    }
    if let Some(public) = mc.perspectives.get("public") {
        let by: Vec<f64> = public.break_even.by_year.values().map(|x| x.0).collect();
        let mid = years[years.len() / 2];
        let last = r.horizon - 1;
        let (y_mid, y_last) = (r.start_year + mid as i32, r.start_year + last as i32);
        let (p_mid, p_last) = (say.p(by[mid]), say.p(by[last]));
        s.push_str(&if say.da() {
            format!(
                "P(den offentlige sektor er tilbagebetalt senest {y_mid}) = {p_mid}; senest {y_last} = {p_last}\n"
            )
        } else {
            format!("P(public sector breaks even by {y_mid}) = {p_mid}; by {y_last} = {p_last}\n")
        });
    }
    s.push_str(&municipalities(r, mc, say));
    if !r.correlations.is_empty() {
        s.push_str(if say.da() {
            "Rangkorrelationer (mål / opnået i simuleringerne):"
        } else {
            "Rank correlations (target / achieved over the trials):"
        });
        for c in &r.correlations {
            let achieved = c.achieved.map_or_else(|| "-".to_owned(), |a| say.p(a));
            s.push_str(&format!(
                " {} ~ {}: {} / {achieved};",
                c.inputs[0],
                c.inputs[1],
                say.p(c.target)
            ));
        }
        s.pop();
        s.push('\n');
    }
    s
}

/// Whether a perspective has no flows at all in the base case.
fn no_flows(r: &RunReport, name: &str) -> bool {
    r.base.perspectives.get(name).is_some_and(|p| !p.has_flows)
}

/// The assumptions the scenario uses, with their sources.
pub fn sources(r: &RunReport, say: Say) -> String {
    let da = say.da();
    if r.assumptions.is_empty() {
        return if da {
            "Antagelser: ingen (alle værdier står i scenariet).\n".into()
        } else {
            "Assumptions used: none (every value is written in the scenario).\n".into()
        };
    }
    let mut s = String::from(if da {
        "Antagelser:\n"
    } else {
        "Assumptions used:\n"
    });
    for a in &r.assumptions {
        let prices = a
            .price_year
            .map(|y| {
                if da {
                    format!(", {y}-priser")
                } else {
                    format!(", {y} prices")
                }
            })
            .unwrap_or_default();
        let changed = match (a.overridden, da) {
            (false, _) => "",
            (true, false) => " [changed for this scenario]",
            (true, true) => " [ændret i dette scenarie]",
        };
        let source = if da { "kilde" } else { "source" };
        s.push_str(&format!(
            "  {} = {} ({}{prices}){changed}\n      {source}: {} ({}); {}\n",
            a.name, a.value, a.unit, a.source, a.year, a.defined_at
        ));
    }
    s
}

/// The whole human report of a run.
pub fn render(
    r: &RunReport,
    ledger_filter: Option<&LedgerFilter>,
    show_sources: bool,
    terminal: bool,
    lang: Lang,
) -> String {
    let say = Say(lang);
    let mut s = header(r, say);
    s.push('\n');
    s.push_str(&base_summary(r, say));
    s.push('\n');
    let outcomes: Vec<String> = r.base.non_monetary.iter().map(|n| n.name.clone()).collect();
    s.push_str(&super::society::table(&r.base.society, &outcomes, say));
    if r.monte_carlo.is_some() {
        s.push('\n');
        s.push_str(&monte_carlo(r, terminal, say));
    }
    if let Some(ce) = &r.cost_effectiveness {
        s.push('\n');
        s.push_str(&super::cea::table(ce, |p| !no_flows(r, p), say));
    }
    if !r.contracts.is_empty() {
        s.push('\n');
        s.push_str(&super::contract::table(&r.contracts, say));
    }
    if let Some(f) = ledger_filter {
        s.push('\n');
        s.push_str(&ledger(r, f, say));
    }
    if show_sources {
        s.push('\n');
        s.push_str(&sources(r, say));
    }
    tidy(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_go_from_the_lowest_to_the_highest_block() {
        assert_eq!(sparkline(&[0.0, 0.5, 1.0, 1.5, -1.0]), "▁▅██▁");
        assert_eq!(sparkline(&[]), "");
    }
}
