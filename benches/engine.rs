//! Benchmarks of the engine's stages on the shipped scenarios.
//!
//! - `kernel`: one trial of the kernel with fixed draws (no sampling); and, as
//!   `NAME/municipal break-even`, the same trial following each municipality's own net year by
//!   year for its break-even (`run --municipal-break-even`).
//! - `sampler`: drawing one trial's inputs.
//! - `trials`: whole trials (sampling + kernel) on 1 and 2 threads, 10,000 per iteration.
//! - `sampling`: random against Latin hypercube sampling, side by side: 10,000 whole trials on
//!   one thread with the sampler's setup (Latin hypercube's quantile tables) included, and
//!   that setup alone.
//! - `ledger`: the exact decimal base case.
//! - `growth`: the kernel (factored, and by rows), whole trials and the ledger on synthetic
//!   roll-outs of 250 to 2,000 municipalities over 25 and 50 years, with throughput in
//!   municipality-years: a flat throughput across sizes is linear growth.
//!
//! - `portfolio`: the shipped revolving fund's trials (`portfolios/dsi-fund.yaml`, the national
//!   roll-out's kommuner, one contract each), and funds of 25, 49 and 98 kommuner over 10 and 20
//!   years, with throughput in contract-years: a flat throughput is linear growth in contracts x
//!   years.
//!
//! Throughput is reported per trial; divide by municipalities x years for the cost per
//! trial x municipality x year (`docs/performance.md` does).

use std::hint::black_box;
use std::path::Path;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main,
};
use somsim::kernel::Plan;
use somsim::model::Model;
use somsim::montecarlo::{self, Stop};
use somsim::sampler::Layout;

/// A shipped scenario (`scenarios/NAME`) or contract file (`contracts/NAME`).
fn load(name: &str) -> Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("scenarios").join(name);
    let path = if path.exists() {
        path
    } else {
        root.join("contracts").join(name)
    };
    Model::load(&path).expect("shipped scenario")
}

const SCENARIOS: [&str; 3] = [
    "national-rollout.yaml",
    "intensive.yaml",
    "intensive-dsi.yaml",
];

fn kernel(c: &mut Criterion) {
    let mut g = c.benchmark_group("kernel");
    for name in SCENARIOS {
        let model = load(name);
        let layout = Layout::new(&model);
        let plan = Plan::new(&model, &layout);
        g.throughput(Throughput::Elements(1));
        one_trial(&mut g, BenchmarkId::from_parameter(name), &plan, &layout);
        let mut kept = plan.clone();
        kept.keep_municipal_break_even();
        let id = BenchmarkId::new(name, "municipal break-even");
        one_trial(&mut g, id, &kept, &layout);
    }
    g.finish();
}

/// The kernel alone on one trial's fixed draws (trial 0 of seed 1), benchmarked as `id`.
fn one_trial(g: &mut BenchmarkGroup<'_, WallTime>, id: BenchmarkId, plan: &Plan, layout: &Layout) {
    let mut draws = vec![0.0; layout.len];
    layout.fill(1, 0, &mut draws);
    let mut ws = plan.workspace();
    let (mut npv, mut be, mut muni) = (
        vec![0.0; plan.perspectives],
        vec![0u16; plan.perspectives],
        vec![0.0; plan.municipalities],
    );
    let mut contracts = vec![0.0; plan.contracts() * plan.contract_width()];
    let mut effects = vec![0.0; plan.gains()];
    let mut muni_be = vec![0u16; plan.municipal_break_even_width()];
    g.bench_function(id, |b| {
        b.iter(|| {
            plan.evaluate(
                black_box(&draws),
                &mut ws,
                somsim::kernel::TrialRow {
                    npv: &mut npv,
                    break_even: &mut be,
                    muni_npv: &mut muni,
                    muni_break_even: &mut muni_be,
                    contracts: &mut contracts,
                    cumulative: &mut [],
                    effects: &mut effects,
                },
            );
            black_box(&npv);
        })
    });
}

fn sampler(c: &mut Criterion) {
    let mut g = c.benchmark_group("sampler");
    for name in SCENARIOS {
        let model = load(name);
        let layout = Layout::new(&model);
        let mut draws = vec![0.0; layout.len];
        let mut trial = 0u64;
        g.throughput(Throughput::Elements(1));
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                trial += 1;
                layout.fill(black_box(1), trial, &mut draws);
                black_box(&draws);
            })
        });
    }
    g.finish();
}

fn trials(c: &mut Criterion) {
    const N: usize = 10_000;
    let mut g = c.benchmark_group("trials");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    for name in SCENARIOS {
        let model = load(name);
        let layout = Layout::new(&model);
        let plan = Plan::new(&model, &layout);
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            g.bench_function(BenchmarkId::new(name, format!("{threads} threads")), |b| {
                b.iter(|| {
                    pool.install(|| {
                        let (out, _) =
                            montecarlo::run(&plan, &layout, 1, Stop::Trials(N), &|_, _| {});
                        black_box(out.npv.len())
                    })
                })
            });
        }
    }
    g.finish();
}

/// Random against Latin hypercube sampling on the national roll-out and the intensive
/// scenario: 10,000 whole trials on one thread, each iteration building its sampler (for Latin
/// hypercube sampling, the quantile tables of its beta, gamma and PERT inputs) as a run does;
/// and that setup alone. The two modes sit side by side in one group, so their ratio reads off
/// one run.
fn sampling(c: &mut Criterion) {
    const N: usize = 10_000;
    let mut g = c.benchmark_group("sampling");
    g.sample_size(10);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    for name in ["national-rollout.yaml", "intensive.yaml"] {
        let model = load(name);
        let plan = Plan::new(&model, &Layout::new(&model));
        let layout = |latin: bool| {
            let mut layout = Layout::new(&model);
            if latin {
                layout.latin_hypercube();
            }
            layout
        };
        g.throughput(Throughput::Elements(N as u64));
        for (mode, latin) in [("random", false), ("latin hypercube", true)] {
            let id = BenchmarkId::new(name, format!("{mode}, 10000 trials"));
            g.bench_function(id, |b| {
                b.iter(|| {
                    let layout = layout(latin);
                    pool.install(|| {
                        let (out, _) =
                            montecarlo::run(&plan, &layout, 1, Stop::Trials(N), &|_, _| {});
                        black_box(out.npv.len())
                    })
                })
            });
        }
        g.throughput(Throughput::Elements(1));
        let id = BenchmarkId::new(name, "latin hypercube setup");
        g.bench_function(id, |b| b.iter(|| black_box(layout(true))));
    }
    g.finish();
}

fn ledger(c: &mut Criterion) {
    let mut g = c.benchmark_group("ledger");
    g.sample_size(10);
    for name in SCENARIOS {
        let model = load(name);
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| black_box(somsim::ledger::compute(&model).unwrap()))
        });
    }
    g.finish();
}

/// A sweep of 50 variants x 10,000 trials (as `somsim batch --sweep` does it: parse once,
/// validate each variant, run all in parallel) against one run of 500,000 trials.
fn sweep(c: &mut Criterion) {
    use somsim::input::{self, edit};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/intensive.yaml");
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    g.throughput(Throughput::Elements(500_000));
    g.bench_function("intensive/single run of 500000 trials", |b| {
        b.iter(|| {
            let model = Model::load(&path).unwrap();
            let layout = Layout::new(&model);
            let plan = Plan::new(&model, &layout);
            let (out, _) = montecarlo::run(
                &plan,
                &layout,
                1,
                montecarlo::Stop::Trials(500_000),
                &|_, _| {},
            );
            black_box(montecarlo::summarize(&out, model.horizon))
        })
    });
    g.bench_function("intensive/sweep of 50 variants x 10000 trials", |b| {
        b.iter(|| {
            let loaded = input::load(&path).unwrap();
            let sweep = edit::Sweep::parse("bed_day_effect=-0.245:0:0.005").unwrap();
            let grid = edit::grid(&[sweep]).unwrap();
            assert_eq!(grid.len(), 50);
            let models: Vec<Model> = grid
                .iter()
                .map(|settings| {
                    let mut l = loaded.clone();
                    edit::apply(&mut l, settings).unwrap();
                    Model::from_loaded(&l).unwrap()
                })
                .collect();
            let ledgers: Vec<_> = models
                .iter()
                .map(|m| somsim::ledger::compute(m).unwrap())
                .collect();
            let sims: Vec<montecarlo::Simulation> =
                models.iter().map(montecarlo::Simulation::new).collect();
            let jobs: Vec<&montecarlo::Simulation> = sims.iter().collect();
            black_box((ledgers, montecarlo::run_many(&jobs, 1, 10_000)))
        })
    });
    g.finish();
}

/// The intensive scenario's 100,000 trials with and without its DSI contract (simulation and
/// every summary, as `somsim run` computes them), and a deal-space grid of 100 combinations
/// on one simulation of 100,000 trials (as `somsim deal` computes it).
fn contracts(c: &mut Criterion) {
    use somsim::contracts::deal::{self, Axis, Limits, Term};
    const N: usize = 100_000;
    let mut g = c.benchmark_group("contracts");
    g.sample_size(10);
    for name in ["intensive.yaml", "intensive-dsi.yaml"] {
        let model = load(name);
        let sim = montecarlo::Simulation::new(&model);
        g.bench_function(format!("{name}/run of 100000 trials"), |b| {
            b.iter(|| {
                let (out, summary) = sim.run_summarized(1, N);
                let risk: Vec<_> = (model.contracts.iter().enumerate())
                    .map(|(k, c)| somsim::contracts::summarize(&out, k, c.rate_card.len()))
                    .collect();
                black_box((summary, risk))
            })
        });
    }
    let model = load("intensive-dsi.yaml");
    let values = |xs: &[&str]| xs.iter().map(|x| x.parse().unwrap()).collect();
    let axes = vec![
        Axis {
            term: Term::Price(0),
            name: "price[recovery]".into(),
            values: (0..10).map(|i| (i * 10_000).into()).collect(),
        },
        Axis {
            term: Term::ReturnCap,
            name: "return_cap".into(),
            values: values(&["0.02", "0.03", "0.05", "0.08", "0.1"]),
        },
        Axis {
            term: Term::Guarantee,
            name: "guarantee".into(),
            values: values(&["0", "750000"]),
        },
    ];
    assert_eq!(deal::size(&axes), 100);
    g.bench_function(
        "intensive-dsi.yaml/deal grid of 100 combinations x 100000 trials",
        |b| {
            b.iter(|| {
                let mut sim = montecarlo::Simulation::new(&model);
                sim.plan.keep_deal_basis();
                let basis = sim.plan.deal_basis(0).unwrap();
                let (out, _) = sim.run(1, montecarlo::Stop::Trials(N), &|_, _| {});
                let limits = Limits {
                    max_loss_prob: Some(0.2),
                    max_payer_worse_prob: Some(0.5),
                };
                black_box(deal::evaluate(
                    &model,
                    &out,
                    basis,
                    0,
                    axes.clone(),
                    limits,
                    false,
                ))
            })
        },
    );
    g.finish();
}

/// A synthetic national roll-out of `municipalities` over `years`: the shipped roll-out's
/// inputs, a municipality table of that many rows (the real populations, repeated), and the
/// roll-out's ramp held at full scale to the horizon. Written to `dir`.
fn synthetic(dir: &Path, municipalities: usize, years: usize) -> Model {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = std::fs::read_to_string(root.join("data/dk_municipalities.csv")).unwrap();
    let rows: Vec<&str> = real.lines().skip(1).collect();
    let mut table = String::from("code,name,region,population,population_year\n");
    for m in 0..municipalities {
        let cells: Vec<&str> = rows[m % rows.len()].split(',').collect();
        table += &format!(
            "{},Kommune {m:04},{},{},{}\n",
            1000 + m,
            cells[2],
            cells[3],
            cells[4]
        );
    }
    let table_path = dir.join(format!("table-{municipalities}.csv"));
    std::fs::write(&table_path, table).unwrap();
    let shipped = std::fs::read_to_string(root.join("scenarios/national-rollout.yaml")).unwrap();
    let scale: Vec<String> = (0..years)
        .map(|t| ["0.1", "0.3", "0.6"].get(t).unwrap_or(&"1.0").to_string())
        .collect();
    let scenario = shipped
        .lines()
        .map(|line| {
            let t = line.trim_start();
            if t.starts_with("horizon:") {
                format!("horizon: {years}")
            } else if t.starts_with("table:") {
                format!("  table: {}", table_path.display())
            } else if t.starts_with("scale:") {
                format!("  scale: [{}]", scale.join(", "))
            } else if let Some(rest) = t.strip_prefix("- ../") {
                format!("  - {}", root.join(rest).display())
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let path = dir.join(format!("synthetic-{municipalities}x{years}.yaml"));
    std::fs::write(&path, scenario).unwrap();
    Model::load(&path).expect("synthetic scenario")
}

/// Growth with municipalities and years: the kernel, whole trials (sampling included, one
/// thread) and the exact ledger, throughput in municipality-years.
fn growth(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("growth");
    g.sample_size(10);
    for (municipalities, years) in [(250, 50), (500, 50), (1000, 50), (2000, 25), (2000, 50)] {
        let model = synthetic(dir.path(), municipalities, years);
        let layout = Layout::new(&model);
        let plan = Plan::new(&model, &layout);
        let size = format!("{municipalities} x {years}");
        g.throughput(Throughput::Elements((municipalities * years) as u64));
        one_trial(&mut g, BenchmarkId::new("kernel", &size), &plan, &layout);
        // The same trial with the activity row by row, as when contracts or per-municipality
        // outcome values need the rows: O(municipalities x years).
        let mut rows = plan.clone();
        rows.rows_only();
        one_trial(
            &mut g,
            BenchmarkId::new("kernel by rows", &size),
            &rows,
            &layout,
        );
        const TRIALS: usize = 1_000;
        g.throughput(Throughput::Elements(
            (TRIALS * municipalities * years) as u64,
        ));
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        g.bench_function(BenchmarkId::new("1000 trials", &size), |b| {
            b.iter(|| {
                pool.install(|| {
                    let (out, _) =
                        montecarlo::run(&plan, &layout, 1, Stop::Trials(TRIALS), &|_, _| {});
                    black_box(out.npv.len())
                })
            })
        });
        g.throughput(Throughput::Elements((municipalities * years) as u64));
        g.bench_function(BenchmarkId::new("ledger", &size), |b| {
            b.iter(|| black_box(somsim::ledger::compute(&model).unwrap()))
        });
    }
    g.finish();
}

fn portfolio(c: &mut Criterion) {
    use somsim::model::portfolio::Portfolio;
    const N: usize = 2_000;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut g = c.benchmark_group("portfolio");
    g.sample_size(10);
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = load("national-rollout.yaml")
        .municipalities
        .iter()
        .map(|m| m.name.clone())
        .collect();
    let contract = root.join("contracts/rollout-dsi.yaml");
    for (kommuner, years) in [(25, 20), (49, 20), (98, 20), (98, 10)] {
        let list: Vec<String> = names[..kommuner]
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect();
        let text = format!(
            "name: bench\nstart_year: 2027\nhorizon: {years}\ncontracts:\n{}fund: {{ capital: 25000000, reserve: 1000000, management_fee: 0.01, max_new_per_year: 10 }}\n",
            list.iter()
                .map(|n| format!(
                    "  - {{ file: {}, municipalities: [{n}] }}\n",
                    contract.display()
                ))
                .collect::<String>()
        );
        let path = dir.path().join(format!("p{kommuner}-{years}.yaml"));
        std::fs::write(&path, text).unwrap();
        let p = Portfolio::load(&path).unwrap();
        let followed = somsim::portfolio::analyse(&p, 1, 0).unwrap().years;
        g.throughput(Throughput::Elements((kommuner * followed) as u64));
        let id = BenchmarkId::new(
            format!("{N} trials"),
            format!("{kommuner} kommuner, {years} years"),
        );
        g.bench_function(id, |b| {
            b.iter(|| black_box(somsim::portfolio::analyse(&p, 1, N).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(
    benches, kernel, sampler, trials, sampling, ledger, sweep, contracts, growth, portfolio
);
criterion_main!(benches);
