//! The investor's IRR agrees with a spreadsheet's `IRR` (IronCalc, an independent spreadsheet
//! engine) on generated yearly flows and on the shipped contract's base case, within 1e-9.

use crate::common;

use ironcalc::base::{Model, cell::CellValue};
use somsim::model::contract::irr;

/// `=IRR(A1:An)` over `flows`, recalculated by the spreadsheet engine.
fn spreadsheet_irr(flows: &[f64]) -> Option<f64> {
    let mut m = Model::new_empty("irr", "en", "UTC", "en").unwrap();
    for (i, x) in flows.iter().enumerate() {
        // The shortest text that reads back as the same f64.
        m.set_user_input(0, i as i32 + 1, 1, format!("{x:?}"))
            .unwrap();
    }
    m.set_user_input(0, 1, 2, format!("=IRR(A1:A{})", flows.len()))
        .unwrap();
    m.evaluate();
    match m.get_cell_value_by_index(0, 1, 2).unwrap() {
        CellValue::Number(r) => Some(r),
        _ => None,
    }
}

/// Uniform numbers in [0, 1), the same on every run (splitmix64).
fn uniform(seed: u64) -> impl FnMut() -> f64 {
    let mut state = seed;
    move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn the_irr_agrees_with_a_spreadsheet_on_generated_flows() {
    let mut u = uniform(2025);
    let mut compared = 0;
    for _ in 0..400 {
        // A contract's shape: pre-financing over 1-4 years, repayments over the next 1-12
        // (some years empty), from a large loss to a large gain, rounded to øre.
        let n_inv = 1 + (u() * 4.0) as usize;
        let n_ret = 1 + (u() * 12.0) as usize;
        let scale = 0.05 + 2.5 * u();
        let mut flows: Vec<f64> = (0..n_inv)
            .map(|_| -((1e6 * (0.2 + u())) * 100.0).round() / 100.0)
            .collect();
        flows.extend((0..n_ret).map(|_| {
            let x = if u() < 0.2 { 0.0 } else { 1e6 * scale * u() };
            (x * n_inv as f64 / n_ret as f64 * 100.0).round() / 100.0
        }));
        let ours = irr(&flows);
        let theirs = spreadsheet_irr(&flows);
        match (ours, theirs) {
            (Some(a), Some(b)) => {
                assert!((a - b).abs() <= 1e-9, "{flows:?}: {a} against {b}");
                compared += 1;
            }
            // The spreadsheet gives up far from its guess (Newton from 10%); somsim's
            // bracketing still finds the root, which must then really be one.
            (Some(a), None) => {
                let npv: f64 = (flows.iter().enumerate())
                    .map(|(t, x)| x / (1.0 + a).powi(t as i32))
                    .sum();
                let size: f64 = flows.iter().map(|x| x.abs()).sum();
                assert!(npv.abs() <= 1e-9 * size, "{flows:?}: {a} leaves {npv}");
            }
            (None, Some(b)) => panic!("{flows:?}: the spreadsheet finds {b}, somsim none"),
            (None, None) => {}
        }
    }
    assert!(compared > 350, "only {compared} compared");
}

#[test]
fn the_shipped_contracts_base_case_irr_agrees_with_a_spreadsheet() {
    let model =
        somsim::model::Model::load(&common::root().join("contracts/intensive-dsi.yaml")).unwrap();
    let ledger = somsim::ledger::compute(&model).unwrap();
    let c = &ledger.contracts[0];
    let flows: Vec<f64> = c
        .investor_flows
        .iter()
        .map(|d| somsim::decimal::to_f64(*d))
        .collect();
    let ours = c.irr.unwrap();
    let theirs = spreadsheet_irr(&flows).unwrap();
    assert!((ours - theirs).abs() <= 1e-9, "{ours} against {theirs}");
}
