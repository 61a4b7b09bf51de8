//! EVPPI of single inputs and of groups (`sensitivity::global`, regression-based): a value
//! that lies only in two inputs together, a group never below its members, noise floors, and
//! the same result on any thread count.

use crate::common;
use somsim::model::Dist;
use somsim::sampler::{Prepared, Stream};
use somsim::sensitivity;

fn normals(count: usize, key: u64) -> Vec<f64> {
    let z = Prepared::new(&Dist::Normal {
        mean: 0.0,
        sd: 1.0,
        min: f64::NEG_INFINITY,
        max: f64::INFINITY,
    });
    let mut s = Stream::new(17, 0, key, 0);
    (0..count).map(|_| z.draw(&mut s)).collect()
}

#[test]
fn a_value_that_lies_only_in_two_inputs_together_is_found_in_their_group() {
    // NPV = x y: knowing x alone or y alone leaves E[NPV | x] = 0, so neither can change the
    // decision; knowing both is perfect information, EVPI = E|x y| / 2 = 1/π.
    let (x, y, unrelated) = (normals(40_000, 1), normals(40_000, 2), normals(40_000, 3));
    let npv: Vec<f64> = x.iter().zip(&y).map(|(a, b)| a * b).collect();
    let inputs = vec![x, y, unrelated];
    let g = &sensitivity::global(std::iter::once(npv), &inputs, &[vec![0, 1], vec![0, 2]])[0];
    let exact = 1.0 / std::f64::consts::PI;
    assert!(
        (g.evpi / exact - 1.0).abs() < 0.03,
        "EVPI {} vs {exact}",
        g.evpi
    );
    for k in 0..3 {
        assert!(
            g.evppi[k] <= g.evppi_noise_floor,
            "input {k}: EVPPI {} above the floor {}",
            g.evppi[k],
            g.evppi_noise_floor
        );
    }
    assert!(
        g.evppi_noise_floor < 0.05 * exact,
        "{}",
        g.evppi_noise_floor
    );
    assert!(
        (g.group_evppi[0] / exact - 1.0).abs() < 0.03,
        "x and y together: {} vs {exact}",
        g.group_evppi[0]
    );
    // x with an unrelated input is no better than x alone.
    assert!(g.group_evppi[1] <= g.group_floor[1], "{g:?}");
}

#[test]
fn a_group_is_never_below_its_largest_member_nor_above_the_evpi() {
    let (x, y) = (normals(5_000, 4), normals(5_000, 5));
    // Mostly x, a little y, a little noise, centred where the bias of max(·, 0) is largest.
    let noise = normals(5_000, 6);
    let npv: Vec<f64> = (0..x.len())
        .map(|i| x[i] + 0.05 * y[i] + 0.5 * noise[i])
        .collect();
    let inputs = vec![x, y];
    let g = &sensitivity::global(std::iter::once(npv), &inputs, &[vec![0, 1], vec![1, 0]])[0];
    for v in &g.group_evppi {
        assert!(*v >= g.evppi[0] && *v >= g.evppi[1], "{g:?}");
        assert!(*v <= g.evpi, "{g:?}");
    }
    assert!(g.evppi[0] > 10.0 * g.evppi_noise_floor, "{g:?}");
}

#[test]
fn the_shipped_groups_are_never_below_their_members() {
    let out = common::somsim()
        .args([
            "sensitivity",
            "scenarios/intensive.yaml",
            "--trials",
            "4000",
            "--format",
            "json",
        ])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut groups = 0;
    for (name, p) in v["perspectives"].as_object().unwrap() {
        let single = |input: &str| {
            (p["evppi"].as_array().unwrap().iter())
                .find(|e| e["input"] == input)
                .map_or(0.0, |e| e["evppi"].as_f64().unwrap())
        };
        for g in p["evppi_groups"].as_array().unwrap() {
            let value = g["evppi"].as_f64().unwrap();
            for input in g["inputs"].as_array().unwrap() {
                let member = single(input.as_str().unwrap());
                assert!(value >= member, "{name}: {g} below {input} ({member})");
            }
            assert!(value <= p["evpi"].as_f64().unwrap() + 1e-6, "{name}: {g}");
            groups += 1;
        }
    }
    assert!(groups >= 2, "the intensive scenario names its groups");
}

#[test]
fn evppi_is_the_same_on_one_thread_and_several() {
    let inputs = vec![normals(8_000, 7), normals(8_000, 8), normals(8_000, 9)];
    let npv: Vec<f64> = (0..8_000)
        .map(|i| inputs[0][i] * inputs[1][i] + 0.3 * inputs[2][i])
        .collect();
    let on = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| {
                sensitivity::global(std::iter::once(npv.clone()), &inputs, &[vec![0, 1, 2]])
            })
    };
    assert_eq!(on(1), on(3));
}
