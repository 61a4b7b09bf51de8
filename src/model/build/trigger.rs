//! What a rate-card item counts (`metric:`) and when it pays (`trigger: {input | metric, ...}`).

use super::contracts::Names;
use super::*;
use crate::decimal::typed::Meaning;
use crate::model::contract::{Metric, Trigger, TriggerOn};

impl<'a> Builder<'a> {
    /// The metric `node` names at `field`: `completers`, a non-monetary outcome or an outcome.
    pub(super) fn metric(
        &mut self,
        f: FileId,
        node: &Text,
        field: &str,
        names: &Names<'_>,
    ) -> Option<Metric> {
        let m = node.value.as_str();
        if m == "completers" {
            Some(Metric::Completers)
        } else if let Some(i) = names.non_monetary.iter().position(|n| n.name == m) {
            Some(Metric::NonMonetary(i))
        } else if let Some(i) = names.outcomes.iter().position(|o| o.name == m) {
            Some(Metric::Avoided(i))
        } else if names.refused.iter().any(|n| n == m) {
            None
        } else {
            let known: Vec<String> = std::iter::once("completers".to_owned())
                .chain(names.non_monetary.iter().map(|n| n.name.clone()))
                .chain(names.outcomes.iter().map(|o| o.name.clone()))
                .collect();
            let msg = find_name(
                &known,
                m,
                Message::new("metric", "succesmål (`metric`)"),
                Message::new("expected", "forventede"),
                Message::new(
                    " (`completers`, a non-monetary outcome's units, or an outcome's units of use avoided)",
                    " (`completers`, enhederne for en effekt uden pris, eller enhederne af forbrug, som en effekt undgår)",
                ),
            )
            .err()
            .unwrap_or_else(|| Message::verbatim(""));
            self.err(f, node.loc, field, msg);
            None
        }
    }

    /// A trigger (a rate-card item's, or a gate's test) at `tf`: on an input or on a metric.
    pub(super) fn trigger(
        &mut self,
        f: FileId,
        tf: &str,
        t: &At<raw::Trigger>,
        names: &Names<'_>,
    ) -> Option<Trigger> {
        let tf = tf.to_owned();
        let (on, what, meaning) = match (&t.value.input, &t.value.metric) {
            (Some(input), None) => {
                let p = self.param(f, input, &format!("{tf}.input"), Domain::Effect);
                if let Some(p) = p {
                    self.check_not_per_muni(f, input.loc, &format!("{tf}.input"), p);
                }
                let src = self.sources.text(input.src.unwrap_or(f));
                let what = match &input.kind {
                    Kind::Str(s) => s.clone(),
                    // Shown in the reports, which describe it in English.
                    _ => input.describe(src).en().to_owned(),
                };
                (p.map(TriggerOn::Input), what, Meaning::Relative)
            }
            (None, Some(m)) => {
                let metric = self.metric(f, m, &format!("{tf}.metric"), names);
                if let Some(how) = &t.value.measured {
                    self.err(
                        f,
                        how.loc,
                        &format!("{tf}.measured"),
                        Message::new(
                            "a trigger on a metric is judged on the units the model counts; to judge a trigger on a measurement, give it an input (e.g. `input: recovery_gain_share`) with `measured:`",
                            "en udløser på et succesmål vurderes på de enheder, modellen tæller; skal udløseren vurderes på en måling, så giv den en antagelse (fx `input: recovery_gain_share`) med `measured:`",
                        ),
                    );
                    return None;
                }
                (
                    metric.map(TriggerOn::Metric),
                    m.value.clone(),
                    Meaning::Count,
                )
            }
            (input, _) => {
                let both = input.is_some();
                self.err(
                    f,
                    t.loc,
                    &tf,
                    if both {
                        Message::new(
                            "a trigger tests an input or a metric, not both: keep `input:` or `metric:`",
                            "en udløser (`trigger`) tester en antagelse eller et succesmål, ikke begge: behold `input:` eller `metric:`",
                        )
                    } else {
                        Message::new(
                            "a trigger needs `input:` (an assumption, e.g. recovery_gain_share) or `metric:` (e.g. completers) to test",
                            "en udløser (`trigger`) kræver `input:` (en antagelse, fx recovery_gain_share) eller `metric:` (fx completers), som den tester",
                        )
                    },
                );
                return None;
            }
        };
        let bound = |b: &mut Self, n: &Option<Node>, name: &str| match n {
            Some(n) => b
                .decimal(f, n, &format!("{tf}.{name}"), Some(meaning))
                .map(Some),
            None => Some(None),
        };
        let at_least = bound(self, &t.value.at_least, "at_least");
        let at_most = bound(self, &t.value.at_most, "at_most");
        if t.value.at_least.is_none() && t.value.at_most.is_none() {
            self.err(
                f,
                t.loc,
                &tf,
                Message::new(
                    "a trigger needs `at_least` or `at_most` (the threshold the input must meet)",
                    "en udløser (`trigger`) kræver `at_least` eller `at_most` (den tærskel, antagelsen skal nå)",
                ),
            );
            return None;
        }
        let measured = self.measurement(
            f,
            t.value.measured.as_ref(),
            &tf,
            super::measure::Measured::Trigger,
        );
        Some(Trigger {
            measured: measured?,
            what,
            on: on?,
            at_least: at_least?,
            at_most: at_most?,
        })
    }
}
