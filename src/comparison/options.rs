//! Three or more options (`somsim compare`): per price per unit `λ` of a non-monetary outcome,
//! each option's net benefit `NB = λ·E − C` in every trial (E its units, C its net cost, both
//! against doing nothing, on common random numbers), and over the trials:
//!
//! - `P(best)`: the share of trials in which the option has the largest NB (a tie goes to the
//!   first of the tied options, so the shares sum to exactly 1);
//! - the cost-effectiveness acceptability frontier (CEAF): the option with the largest
//!   expected NB, and its `P(best)`;
//! - each option's expected loss, `E[max_j NB_j − NB_k]`: what choosing it gives up on
//!   average against choosing the best in every trial;
//! - the EVPI over the options, `E[max_j NB_j] − max_k E[NB_k]`, the smallest expected loss.
//!
//! The efficient frontier on the mean costs and effects (Drummond et al., *Methods for the
//! Economic Evaluation of Health Care Programmes*, 4th ed., 2015, ch. 4): an option is
//! strongly dominated when another has at least its effect at no more cost (and is better in
//! one); extendedly dominated when a mix of two others would give its effect for less, which
//! shows as an ICER above that of the next more effective option on the frontier. The
//! remaining options, in increasing effect, have increasing ICERs.

/// An option's place on the efficient frontier.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Frontier {
    /// On the frontier; `icer` against the next less effective option on it (none for the
    /// least effective).
    Efficient { icer: Option<f64> },
    /// Another option (`by`) has at least its effect at no more cost.
    StronglyDominated { by: usize },
    /// A mix of the frontier options `between` gives its effect for less.
    ExtendedlyDominated { between: (usize, usize) },
}

/// The efficient frontier of options with mean effects `effect` and mean costs `cost`.
pub fn frontier(effect: &[f64], cost: &[f64]) -> Vec<Frontier> {
    let n = effect.len().min(cost.len());
    let mut status: Vec<Option<Frontier>> = vec![None; n];
    // Strong dominance: at least the effect at no more cost, better in one of them.
    for k in 0..n {
        let by = (0..n).find(|&j| {
            j != k
                && effect[j] >= effect[k]
                && cost[j] <= cost[k]
                && (effect[j] > effect[k] || cost[j] < cost[k] || j < k)
        });
        if let Some(by) = by {
            status[k] = Some(Frontier::StronglyDominated { by });
        }
    }
    // The rest in increasing effect: drop any whose ICER from the previous exceeds the next's.
    let mut order: Vec<usize> = (0..n).filter(|&k| status[k].is_none()).collect();
    order.sort_by(|&a, &b| effect[a].total_cmp(&effect[b]).then(a.cmp(&b)));
    let icer = |a: usize, b: usize| (cost[b] - cost[a]) / (effect[b] - effect[a]);
    loop {
        let drop = (1..order.len().saturating_sub(1))
            .find(|&i| icer(order[i - 1], order[i]) > icer(order[i], order[i + 1]));
        let Some(i) = drop else { break };
        status[order[i]] = Some(Frontier::ExtendedlyDominated {
            between: (order[i - 1], order[i + 1]),
        });
        order.remove(i);
    }
    for (i, &k) in order.iter().enumerate() {
        status[k] = Some(Frontier::Efficient {
            icer: (i > 0).then(|| icer(order[i - 1], k)),
        });
    }
    status
        .into_iter()
        .map(|s| s.expect("every option placed"))
        .collect()
}

/// The options at one price per unit.
#[derive(Clone, Debug, PartialEq)]
pub struct AtPrice {
    pub lambda: f64,
    /// Each option's expected net benefit, kroner.
    pub mean_net_benefit: Vec<f64>,
    /// Each option's share of trials with the largest net benefit (summing to 1).
    pub prob_best: Vec<f64>,
    /// Each option's expected loss, kroner.
    pub expected_loss: Vec<f64>,
    /// The option with the largest expected net benefit (the frontier of the CEAF).
    pub best: usize,
    /// EVPI over the options, kroner.
    pub evpi: f64,
}

/// The options with units `effect[option][trial]` and net costs `cost[option][trial]` at each
/// price of `lambda`. One pass over the trials per price, in trial order.
pub fn at_prices(effect: &[&[f64]], cost: &[&[f64]], lambda: &[f64]) -> Vec<AtPrice> {
    let k = effect.len().min(cost.len());
    let trials = (0..k)
        .map(|o| effect[o].len().min(cost[o].len()))
        .min()
        .unwrap_or(0);
    let t = trials.max(1) as f64;
    let mut nb = vec![0.0; k];
    lambda
        .iter()
        .map(|&l| {
            let (mut sum, mut wins, mut best_sum) = (vec![0.0; k], vec![0u64; k], 0.0);
            for i in 0..trials {
                for o in 0..k {
                    nb[o] = l * effect[o][i] - cost[o][i];
                    sum[o] += nb[o];
                }
                let top = (0..k).fold(0, |b, o| if nb[o] > nb[b] { o } else { b });
                wins[top] += 1;
                best_sum += nb[top];
            }
            let mean: Vec<f64> = sum.iter().map(|s| s / t).collect();
            let best = (0..k).fold(0, |b, o| if mean[o] > mean[b] { o } else { b });
            let with_information = best_sum / t;
            AtPrice {
                lambda: l,
                prob_best: wins.iter().map(|w| *w as f64 / t).collect(),
                expected_loss: mean
                    .iter()
                    .map(|m| (with_information - m).max(0.0))
                    .collect(),
                best,
                evpi: (with_information - mean.get(best).copied().unwrap_or(0.0)).max(0.0),
                mean_net_benefit: mean,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_worked_frontier() {
        // Effect, cost of five options (a textbook layout):
        //   A   0      0      the reference
        //   B  10  5,000      ICER from A 500
        //   C   8  6,000      strongly dominated by B (less effect, more cost)
        //   D  15 12,000      ICER from B 1,400, above E's from D: extendedly dominated
        //   E  25 20,000      ICER from B (20,000 − 5,000) / 15 = 1,000
        let effect = [0.0, 10.0, 8.0, 15.0, 25.0];
        let cost = [0.0, 5_000.0, 6_000.0, 12_000.0, 20_000.0];
        let f = frontier(&effect, &cost);
        assert_eq!(f[0], Frontier::Efficient { icer: None });
        assert_eq!(f[1], Frontier::Efficient { icer: Some(500.0) });
        assert_eq!(f[2], Frontier::StronglyDominated { by: 1 });
        assert_eq!(f[3], Frontier::ExtendedlyDominated { between: (1, 4) });
        assert_eq!(
            f[4],
            Frontier::Efficient {
                icer: Some(1_000.0)
            }
        );
    }

    #[test]
    fn probabilities_sum_to_one_and_the_losses_give_the_evpi() {
        // Two trials, three options.
        let e: [&[f64]; 3] = [&[0.0, 0.0], &[1.0, 3.0], &[2.0, 1.0]];
        let c: [&[f64]; 3] = [&[0.0, 0.0], &[100.0, 100.0], &[150.0, 150.0]];
        let r = &at_prices(&e, &c, &[100.0])[0];
        // NB: trial 1 (0, 0, 50); trial 2 (0, 200, -50).
        assert_eq!(r.mean_net_benefit, vec![0.0, 100.0, 0.0]);
        assert_eq!(r.prob_best, vec![0.0, 0.5, 0.5]);
        assert_eq!(r.prob_best.iter().sum::<f64>(), 1.0);
        assert_eq!(r.best, 1);
        // With perfect information: (50 + 200) / 2 = 125.
        assert_eq!(r.expected_loss, vec![125.0, 25.0, 125.0]);
        assert_eq!(r.evpi, 25.0);
        // A tie goes to the first: at λ = 0 every option but the first costs something.
        let r = &at_prices(&e, &c, &[0.0])[0];
        assert_eq!(r.prob_best, vec![1.0, 0.0, 0.0]);
    }
}
