//! Memory a run will need, checked before it allocates: a run that would not fit in the memory
//! this machine has free is refused with the estimate and a way out, rather than started and
//! killed (or aborted) part way.

use super::{Failure, usage};
use crate::lang::{Grouped, Message, Num, msg};

/// The memory this process can still use, in bytes: what the system reports available
/// (`MemAvailable`), or less where a control group limits the process. `None` where neither
/// can be read (then nothing is refused).
pub fn available() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok().and_then(|t| {
        t.lines()
            .find_map(|l| l.strip_prefix("MemAvailable:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
    });
    let read = |p: &str| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|t| t.trim().parse::<u64>().ok())
    };
    // cgroup v2, then v1: the limit less what the group already uses.
    let group = read("/sys/fs/cgroup/memory.max")
        .map(|max| max.saturating_sub(read("/sys/fs/cgroup/memory.current").unwrap_or(0)))
        .or_else(|| {
            read("/sys/fs/cgroup/memory/memory.limit_in_bytes").map(|max| {
                max.saturating_sub(read("/sys/fs/cgroup/memory/memory.usage_in_bytes").unwrap_or(0))
            })
        });
    match (meminfo, group) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `bytes` as `3.2 GB` (Danish `3,2 GB`).
fn size(bytes: f64) -> Message {
    let gb = bytes / 1e9;
    if gb >= 1.0 {
        let gb = format!("{gb:.1}");
        msg!("{gb} GB", "{gb} GB", gb = Num(gb))
    } else {
        let mb = format!("{:.0}", (bytes / 1e6).max(1.0));
        msg!("{mb} MB", "{mb} MB", mb = Num(mb))
    }
}

/// Refuse (input error) `trials` trials of `per_trial` bytes each, plus `fixed` bytes, when
/// that is more than `available` bytes. `what` names the option that asked for them.
pub fn check_with(
    what: &str,
    trials: usize,
    per_trial: u64,
    fixed: u64,
    available: Option<u64>,
) -> Result<(), Failure> {
    check_in(what, trials, per_trial, fixed, available, true)
}

/// [`check_with`], suggesting `--precision` only where the command has it (`precision_helps`).
fn check_in(
    what: &str,
    trials: usize,
    per_trial: u64,
    fixed: u64,
    available: Option<u64>,
    precision_helps: bool,
) -> Result<(), Failure> {
    let Some(free) = available else {
        return Ok(());
    };
    let needed = (trials as f64) * per_trial as f64 + fixed as f64;
    if needed <= free as f64 {
        return Ok(());
    }
    let fit = free.saturating_sub(fixed) / per_trial.max(1);
    let way_out = if fit >= 1_000 && !precision_helps {
        msg!(
            "run at most {fit} trials (--trials)",
            "kør højst {fit} simuleringer (--trials)",
            fit = Grouped(fit),
        )
    } else if fit >= 1_000 {
        msg!(
            "run at most {fit} trials (--trials), or use --precision (e.g. 0.005) to stop when the results are precise enough",
            "kør højst {fit} simuleringer (--trials), eller brug --precision (fx 0.005) for at stoppe, når resultaterne er præcise nok",
            fit = Grouped(fit),
        )
    } else {
        Message::new(
            "run it on a machine with more memory, or with fewer municipalities or variants",
            "kør den på en maskine med mere hukommelse, eller med færre kommuner eller varianter",
        )
    };
    let plus = if fixed > 0 {
        msg!(", plus {s}", " plus {s}", s = size(fixed as f64))
    } else {
        Message::verbatim("")
    };
    Err(usage(msg!(
        "{what}: this run would keep about {needed} in memory ({trials} trials × {per_trial} bytes{plus}), but this machine has {free} available; {way_out}",
        "{what}: kørslen ville holde omkring {needed} i hukommelsen ({trials} simuleringer × {per_trial} byte{plus}), men maskinen har kun {free} ledig; {way_out}",
        needed = size(needed),
        trials = Grouped(trials),
        per_trial = Num(per_trial),
        plus = plus,
        free = size(free as f64),
        way_out = way_out,
    )))
}

/// [`check_with`] against the memory this machine has free ([`available`]).
pub fn check(what: &str, trials: usize, per_trial: u64, fixed: u64) -> Result<(), Failure> {
    check_with(what, trials, per_trial, fixed, available())
}

/// [`check`] for a command without `--precision` (its way out is fewer trials alone).
pub fn check_fixed_trials(what: &str, trials: usize, per_trial: u64) -> Result<(), Failure> {
    check_in(what, trials, per_trial, 0, available(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_does_not_fit_and_says_what_does() {
        assert!(check_with("--trials 10", 10, 100, 0, Some(10_000)).is_ok());
        assert!(check_with("--trials 10", 10, 100, 0, None).is_ok());
        let Err(Failure::Input(message)) = check_with(
            "--trials 50000000",
            50_000_000,
            780,
            0,
            Some(20_000_000_000),
        ) else {
            panic!("expected a refusal");
        };
        let m = message.en();
        assert!(m.contains("39.0 GB"), "{m}");
        assert!(m.contains("20.0 GB available"), "{m}");
        assert!(m.contains("at most 25,641,025 trials"), "{m}");
        let da = message.da();
        assert!(
            da.starts_with("fejl: --trials 50000000: kørslen ville holde omkring 39,0 GB"),
            "{da}"
        );
        assert!(da.contains("kør højst 25.641.025 simuleringer"), "{da}");
    }

    #[test]
    fn the_machine_reports_its_memory() {
        assert!(available().is_some_and(|b| b > 0));
    }
}
