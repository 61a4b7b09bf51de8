#!/usr/bin/env bash
# The Slurm array job of docs/batch.md on a real Slurm: start a single-node cluster on this
# machine (munged, slurmctld and slurmd from Debian's slurm-wlm, on 127.0.0.1, every file in a
# temporary folder), submit the script block that the doc marks with `slurm-array-job` as it
# stands (resources and the batch's size overridden on the command line and in the
# environment), wait for it, merge the shards and compare them byte for byte with one unsharded
# `somsim batch`. Then the doc's recovery: a missing shard is refused by `merge`, and rerunning
# that task alone gives the same shard.
#
# Needs root (slurmd runs jobs as their user) and installs slurm-wlm and munge when they are
# missing. Every wait is bounded; the daemons are stopped and the folder removed on any exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$SECONDS

fail() {
    echo "check-slurm: $*" >&2
    exit 1
}
say() {
    echo "check-slurm: $*"
}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    timeout 300 $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq --no-install-recommends \
        slurm-wlm munge >/dev/null
fi
[[ "$(id -u)" -eq 0 ]] || fail "needs root: slurmd runs the jobs as their user"

if [[ ! -x target/release/somsim ]]; then
    cargo build --release --locked --quiet
fi
bin=$repo/target/release/somsim

tmp=$(mktemp -d /tmp/somsim-slurm.XXXXXX)
chmod 755 "$tmp" # munged wants its socket's folders open to all (the key stays private)
marker=SOMSIM_SLURM_CHECK=$tmp
daemons=()
waiting="" # the sbatch --wait in flight
cleanup() {
    local rc=$?
    set +e
    # Nothing stops the cleanup half way: not a second signal, not a closed pipe.
    trap '' INT TERM HUP PIPE
    [[ -z "$waiting" ]] || kill -TERM "$waiting" 2>/dev/null
    if [[ -n "${SLURM_CONF:-}" && -f "${SLURM_CONF:-}" ]]; then
        timeout 10 scancel --quiet --full --user=root >/dev/null 2>&1
        # shellcheck disable=SC2016 # expanded by the inner shell
        timeout 5 bash -c 'while [[ -n "$(timeout 2 squeue -h 2>/dev/null)" ]]; do sleep 0.2; done'
    fi
    # The daemons in the reverse order of their start (munged last: the others talk through it).
    local pid i
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
        pid=${daemons[i]}
        kill -TERM "$pid" 2>/dev/null
        timeout 5 tail --pid="$pid" -f /dev/null 2>/dev/null
    done
    # Whatever this cluster started and is still there (a daemon that did not stop, a job step
    # that outlived its slurmd) carries this check's marker in its environment.
    local environ
    for environ in /proc/[0-9]*/environ; do
        pid=${environ#/proc/}
        pid=${pid%/environ}
        if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "$marker"; then
            kill -KILL "$pid" 2>/dev/null
        fi
    done
    if [[ $rc -ne 0 && -d "$tmp/log" ]]; then
        # What the jobs printed, then the daemons' last words.
        local log
        for log in "$tmp"/log/job-*.out "$tmp"/log/{munged,slurmctld,slurmd}.log; do
            [[ -s "$log" ]] || continue
            echo "--- ${log#"$tmp"/log/} (last lines)" >&2
            tail -n 12 "$log" >&2
        done
    fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# The job script, as docs/batch.md shows it.
scripts/doc-block.sh docs/batch.md slurm-array-job >"$tmp/sweep.sh"
grep -q '^#SBATCH --array=' "$tmp/sweep.sh" || fail "no Slurm array script after the slurm-array-job marker in docs/batch.md"

# Two free TCP ports on the loopback for slurmctld and slurmd.
port_free() {
    ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .
}
ports=()
for ((p = 6817 + RANDOM % 2000; ${#ports[@]} < 2; p++)); do
    if port_free "$p"; then
        ports+=("$p")
    fi
done

mkdir -p "$tmp/munge" "$tmp/run" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/out"
chmod 700 "$tmp/munge"
head -c 1024 /dev/urandom >"$tmp/munge/munge.key"
chmod 400 "$tmp/munge/munge.key"
socket=$tmp/run/munge.socket

node=$(slurmd -C | head -n 1 | sed 's/^NodeName=//')
name=${node%% *}
cat >"$tmp/slurm.conf" <<EOF
ClusterName=somsim-check
SlurmctldHost=$name(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
NodeName=$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=check Nodes=$name Default=YES MaxTime=10 State=UP
EOF
: >"$tmp/plugstack.conf"
export SLURM_CONF=$tmp/slurm.conf

env "$marker" munged --foreground --socket="$socket" --key-file="$tmp/munge/munge.key" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
    --log-file="$tmp/log/munged.log" >"$tmp/log/munged.stderr" 2>&1 &
daemons+=($!)
timeout 10 bash -c "until [[ -S '$socket' ]]; do sleep 0.1; done" || fail "munged did not start"
env "$marker" slurmctld -D -i >"$tmp/log/slurmctld.stderr" 2>&1 &
daemons+=($!)
env "$marker" slurmd -D -N "$name" >"$tmp/log/slurmd.stderr" 2>&1 &
daemons+=($!)
# shellcheck disable=SC2016 # expanded by the inner shell
timeout 30 bash -c 'until [[ "$(timeout 5 sinfo -h -N -o %t 2>/dev/null)" == idle ]]; do sleep 0.5; done' ||
    fail "the node did not become idle: $(timeout 5 sinfo -N 2>&1 || true)"
say "single-node Slurm up on 127.0.0.1 (slurmctld :${ports[0]}, slurmd :${ports[1]}, node $name, $(sinfo -h -o %c) CPUs) in $((SECONDS - started)) s"

# A small batch, given to the job script through its variables: 3 sweep points x the 4 shipped
# scenarios, 12 rows in 4 shards of 1 core each.
shards=4
unset SHARDS # the first array takes its number of shards from Slurm
export PATH="$repo/target/release:$PATH" SCENARIOS=scenarios/ SWEEP=bed_day_effect=-0.2:0:0.1 \
    TRIALS=2000 OUT="$tmp/out/shards"
batch=("$SCENARIOS" --sweep "$SWEEP" --trials "$TRIALS")
# Submit the doc's script and wait for it: in the background, so that a signal to this script
# is handled at once (the cleanup cancels the jobs and stops the wait).
submit() {
    env "$marker" timeout 60 sbatch --wait --quiet --chdir="$repo" --output="$tmp/log/job-%A_%a.out" \
        --array="$1" --cpus-per-task=1 --mem=256M --time=5 "$tmp/sweep.sh" &
    waiting=$!
    local rc=0
    wait "$waiting" || rc=$?
    waiting=""
    if [[ $rc -eq 124 ]]; then
        fail "sbatch --array=$1: not finished within 60 s"
    elif [[ $rc -ne 0 ]]; then
        fail "sbatch --array=$1: the job failed (exit $rc)"
    fi
}
submit 0-$((shards - 1))
written=("$OUT"/*)
[[ ${#written[@]} -eq $shards ]] || fail "${#written[@]} files after the array, expected $shards shards: ${written[*]##*/}"
say "array job of $shards tasks done: ${written[*]##*/}"

"$bin" batch "${batch[@]}" --format csv -o "$tmp/out/unsharded.csv"
"$bin" batch "${batch[@]}" --format json -o "$tmp/out/unsharded.json"
"$bin" merge "$OUT"/*.json --format csv -o "$tmp/out/merged.csv"
"$bin" merge "$OUT"/*.json --format json -o "$tmp/out/merged.json"
cmp "$tmp/out/merged.csv" "$tmp/out/unsharded.csv" || fail "the merged CSV differs from the unsharded batch"
cmp "$tmp/out/merged.json" "$tmp/out/unsharded.json" || fail "the merged JSON differs from the unsharded batch"
say "merged shards byte-identical to the unsharded batch: CSV ($(($(wc -l <"$tmp/out/unsharded.csv") - 1)) rows) and JSON"

# The doc's recovery: a lost shard is refused, and its task rerun alone gives the same file.
mv "$OUT/shard-2.json" "$tmp/out/shard-2.first.json"
if "$bin" merge "$OUT"/*.json -o "$tmp/out/incomplete.csv" 2>"$tmp/out/incomplete.err"; then
    fail "merge accepted the shards without shard 2"
fi
[[ ! -e "$tmp/out/incomplete.csv" ]] || fail "merge wrote output without shard 2"
say "without shard 2, merge refuses: $(head -n 1 "$tmp/out/incomplete.err")"
SHARDS=$shards submit 1
cmp "$OUT/shard-2.json" "$tmp/out/shard-2.first.json" || fail "the rerun of task 1 gave another shard 2"
"$bin" merge "$OUT"/*.json --format csv -o "$tmp/out/merged-again.csv"
cmp "$tmp/out/merged-again.csv" "$tmp/out/unsharded.csv" || fail "the merge after the rerun differs"
say "task 1 rerun alone (SHARDS=$shards sbatch --array=1): the same shard 2, the same merge"
say "passed in $((SECONDS - started)) s"
