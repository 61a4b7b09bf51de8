//! Latin hypercube sampling (`run --sampling latin-hypercube`, `docs/model.md`, "Monte
//! Carlo"): every whole block of 256 trials has one draw in each stratum of every input (and
//! municipality), the marginals are unchanged, results do not depend on the thread count, and
//! the mean settles faster than with random sampling.

use crate::common;

use somsim::model::Model;
use somsim::montecarlo::Simulation;
use somsim::sampler::Layout;

fn load(text: &str) -> Model {
    let files = common::Files::new(&[("s.yaml", text)]);
    Model::load(&files.path("s.yaml")).unwrap()
}

/// Inputs of every form, two of them drawn per municipality.
const SCENARIO: &str = r#"
name: lhs
start_year: 2025
horizon: 3
price_year: 2025
course:
  participants_per_course: { uniform: [0, 1], name: u }
  completion_rate: { beta: { mean: 0.7, sd: 0.1 }, name: b }
  peers_per_course: { gamma: { mean: 2, sd: 0.5 }, name: g }
  volunteer_turnover: { uniform: [0, 1], per_municipality: true, name: m }
municipalities:
  - { name: A, courses: 2 }
  - { name: B, courses: { pert: [1, 2, 5] } }
  - { name: C, courses: 1, completion_rate: { beta: { mean: 0.6, sd: 0.15 }, per_municipality: true, name: c } }
costs:
  - { name: coordinator, driver: per_course, unit_cost: { normal: [40000, 5000, 0] }, payer: kommune }
  - { name: rent, driver: per_year, unit_cost: { triangular: [1000, 2000, 4000] }, payer: kommune }
"#;

fn latin(model: &Model) -> Layout {
    let mut layout = Layout::new(model);
    layout.latin_hypercube();
    layout
}

/// Input `name`'s draws (its first slot, or its slot in municipality `k`) in trials `from..to`.
fn draws(
    model: &Model,
    layout: &Layout,
    name: &str,
    k: usize,
    trials: std::ops::Range<u64>,
) -> Vec<f64> {
    let i = model.inputs.iter().position(|x| x.name == name).unwrap();
    let mut buf = vec![0.0; layout.len];
    trials
        .map(|t| {
            layout.fill(9, t, &mut buf);
            buf[layout.offsets[i] + k]
        })
        .collect()
}

#[test]
fn every_block_has_one_draw_in_each_stratum_of_every_input() {
    let model = load(SCENARIO);
    let layout = latin(&model);
    for (name, k) in [("u", 0), ("m", 0), ("m", 2)] {
        for block in 0..3u64 {
            let u = draws(&model, &layout, name, k, block * 256..(block + 1) * 256);
            let mut strata: Vec<usize> = u.iter().map(|x| (x * 256.0) as usize).collect();
            strata.sort_unstable();
            assert_eq!(
                strata,
                (0..256).collect::<Vec<_>>(),
                "{name}[{k}] block {block}"
            );
        }
    }
    // Each input's strata in its own order: two inputs, or two municipalities, do not move
    // together.
    let (a, b) = (
        draws(&model, &layout, "m", 0, 0..256),
        draws(&model, &layout, "m", 1, 0..256),
    );
    assert!(somsim::sensitivity::spearman(&a, &b).abs() < 0.2);
    // Beta, gamma, PERT, normal and triangular by their quantiles: one per stratum.
    for (k, input) in model.inputs.iter().enumerate() {
        let x = draws(&model, &layout, &input.name, 0, 256..512);
        let mut strata: Vec<usize> = x
            .iter()
            .map(|v| (input.dist.cdf(*v) * 256.0).min(255.999) as usize)
            .collect();
        strata.sort_unstable();
        strata.dedup();
        assert!(
            strata.len() >= 254,
            "{} ({k}): {} strata",
            input.name,
            strata.len()
        );
    }
}

#[test]
fn the_marginals_are_the_inputs_distributions() {
    let model = load(SCENARIO);
    let layout = latin(&model);
    for input in &model.inputs {
        let mut x = draws(&model, &layout, &input.name, 0, 0..20_480);
        x.sort_by(f64::total_cmp);
        let n = x.len() as f64;
        let ks = x
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let f = input.dist.cdf(*v);
                (f - j as f64 / n).abs().max((f - (j + 1) as f64 / n).abs())
            })
            .fold(0.0, f64::max);
        // Stratified, the empirical CDF is within a stratum of the true one.
        assert!(ks < 1.5 / 256.0, "{}: KS {ks}", input.name);
        let mean = x.iter().sum::<f64>() / n;
        let exact = input.dist.mean();
        assert!(
            (mean - exact).abs() < 1e-3 * exact.abs().max(1.0),
            "{}: mean {mean} vs {exact}",
            input.name
        );
    }
}

#[test]
fn the_mean_settles_faster_than_with_random_sampling() {
    let model = Model::load(&common::root().join("scenarios/intensive.yaml")).unwrap();
    let public = model
        .perspectives
        .iter()
        .position(|p| p.name == "public")
        .unwrap();
    let spread = |latin: bool| {
        let mut sim = Simulation::new(&model);
        if latin {
            sim.layout.latin_hypercube();
        }
        let means: Vec<f64> = (1..=16u64)
            .map(|seed| {
                let (_, s) = sim.run_summarized(seed, 512);
                s.perspectives[public].npv.mean
            })
            .collect();
        let m = means.iter().sum::<f64>() / 16.0;
        (means.iter().map(|x| (x - m).powi(2)).sum::<f64>() / 15.0).sqrt()
    };
    let (random, latin) = (spread(false), spread(true));
    assert!(latin < 0.6 * random, "latin {latin} vs random {random}");
}

#[test]
fn latin_hypercube_runs_do_not_depend_on_the_thread_count_and_say_how_they_drew() {
    let path = common::root().join("scenarios/intensive.yaml");
    let args = [
        "run",
        "--format",
        "json",
        "--trials",
        "3000",
        "--sampling",
        "latin-hypercube",
    ];
    let one = common::thread_invariant(&args, &path);
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["sampling"], "latin_hypercube");
    let random = common::run_json(&["--trials", "500"], &path);
    assert_eq!(random["sampling"], "random");
    let table = common::succeed(
        common::somsim()
            .args(["run", "--trials", "512", "--sampling", "latin-hypercube"])
            .arg(&path),
    );
    assert!(table.contains("512 trials by Latin hypercube sampling in blocks of 256, seed 2025"));
}

/// Latin hypercube draws are a product promise like random ones: a seed reproduces a run
/// within one stream version. These are pinned bit for bit (stream version 3, beta, gamma and
/// PERT from tabulated quantiles); if one changes, the stream version must change with it.
#[test]
fn latin_hypercube_draws_are_pinned() {
    let model = load(SCENARIO);
    let layout = latin(&model);
    let mut buf = vec![0.0; layout.len];
    let drawn: Vec<String> = [0u64, 1, 255, 256, 4097]
        .iter()
        .map(|&t| {
            layout.fill(2025, t, &mut buf);
            let xs: Vec<String> = buf
                .iter()
                .map(|x| format!("{:016x}", x.to_bits()))
                .collect();
            format!("{t}: {}", xs.join(" "))
        })
        .collect();
    assert_eq!(somsim::sampler::STREAM_VERSION, 3);
    assert_eq!(
        drawn.join("\n"),
        PINNED.trim(),
        "Latin hypercube draws changed"
    );
}

/// Each trial's draws, slot by slot as the layout orders them.
const PINNED: &str = "
0: 3fe285c56ee9813c 3fe72dff6ef891b6 3ff1bcd69799a8b1 3fed869adb2c415e 3fd5cf665080d620 3fe0028747664280 400790a7ef836740 3fe217f2efda21e8 3fe1ea1ae591cb75 3fea6214fb5e6a62 40e4604195fec8d3 40ae9ad0abe49022
1: 3fe567706539bd33 3fe611171b821af9 3ffab69a3aff1f03 3fc60eb1f376054c 3fb2c5a64e38ddb9 3fe64aa245ee5f39 4001227d1b1b69ee 3fe3220976082183 3fe80fd0af29e696 3fdb57281a7c1846 40e1ce1f0374b7cc 409fcc78d0611ff9
255: 3fe1a7f3dcc54430 3fe8de9578319ab1 3ffc9d02bc4359af 3fc05ee104c43766 3fe9c88b3c51306e 3fd99a92318dc912 3ff6f3a8ffefb93e 3fda847dd78f8bd3 3fe07340edd8c617 3fe465f98ba3ee60 40e3492d24622cbc 40accddf65ffb9af
256: 3fddfb5e53495ce5 3fe52b0397f7b727 3ffaa9c60bd8fb60 3fea5cbb062c9dcc 3fdd7e4bf45f1501 3fc4808a47510715 4001fdab5cac2393 3fd6b4ecac2cae4d 3fe46a5cff8ab1e5 3fe1d664f3d854d4 40e46db0d316a39c 409e86ec62394515
4097: 3fd9bd54e19b6464 3fe6f262943c2197 3ff75b3f65babac4 3fcfba0d28240ba8 3fd8c0a586d1767f 3fe91fa9dae80732 400aa688a367b26e 3fe2af27a14e9cf5 3fe5f165f518c5b8 3fe6171fa7ca38c6 40e776a0d02ff514 409ee9a470f10b80
";
