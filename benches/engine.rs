//! Benchmarks of the engine's stages on the shipped scenarios.
//!
//! - `kernel`: one trial of the kernel with fixed draws (no sampling).
//! - `sampler`: drawing one trial's inputs.
//! - `trials`: whole trials (sampling + kernel) on 1 and 2 threads, 10,000 per iteration.
//! - `ledger`: the exact decimal base case.
//!
//! Throughput is reported per trial; divide by municipalities x years for the cost per
//! trial x municipality x year (the README does).

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use somsim::kernel::Plan;
use somsim::model::Model;
use somsim::montecarlo::{self, Outputs};
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
        let mut draws = vec![0.0; layout.len];
        layout.fill(1, 0, &mut draws);
        let mut ws = plan.workspace();
        let (mut npv, mut be, mut muni) = (
            vec![0.0; plan.perspectives],
            vec![0u16; plan.perspectives],
            vec![0.0; plan.municipalities],
        );
        let mut contracts = vec![0.0; plan.contracts() * plan.contract_width()];
        g.throughput(Throughput::Elements(1));
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                plan.evaluate(
                    black_box(&draws),
                    &mut ws,
                    somsim::kernel::TrialRow {
                        npv: &mut npv,
                        break_even: &mut be,
                        muni_npv: &mut muni,
                        contracts: &mut contracts,
                    },
                );
                black_box(&npv);
            })
        });
    }
    g.finish();
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
                        let mut out = Outputs::new(&plan);
                        montecarlo::run_trials(&plan, &layout, 1, N, &mut out);
                        black_box(out.npv.len())
                    })
                })
            });
        }
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

criterion_group!(benches, kernel, sampler, trials, ledger, sweep);
criterion_main!(benches);
