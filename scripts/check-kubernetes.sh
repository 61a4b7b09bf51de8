#!/usr/bin/env bash
# The Kubernetes Indexed Job of docs/batch.md (the block marked `kubernetes-indexed-job`),
# checked without a cluster:
#
# - against the batch/v1 Job schema of every Kubernetes release from 1.33 (where per-index
#   backoff limits are stable) to the newest that the PyPI package kubernetes-validate bundles,
#   strictly: a field the schema does not know is an error, as is a value of the wrong type;
# - first, that the validator catches a misspelt field, a wrong type and a missing required
#   field in copies of the manifest, so a pass means something;
# - what the schema cannot say: an Indexed Job, with restartPolicy Never (which the API server
#   requires of backoffLimitPerIndex), whose container command, run by /bin/sh for each
#   completion index as Kubernetes sets it, gives `somsim` the same batch with shard
#   `index + 1` of `completions` and its own output file on a mounted volume.
#
# Installs kubernetes-validate (pinned) in a virtual environment under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
version=1.37.0
venv=target/check-kubernetes/venv
fail() {
    echo "check-kubernetes: $*" >&2
    exit 1
}

if ! "$venv/bin/python" -c "import kubernetes_validate, sys; sys.exit(kubernetes_validate.__version__ != '$version')" 2>/dev/null; then
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    if ! python3 -m venv "$venv" 2>/dev/null; then
        # Debian's python3 without its venv module.
        sudo=""
        [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
        timeout 300 $sudo apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive timeout 300 $sudo apt-get install -y -qq python3-venv >/dev/null
        rm -rf "$venv"
        python3 -m venv "$venv"
    fi
    timeout 300 "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$version"
fi

tmp=$(mktemp -d /tmp/somsim-kubernetes.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
scripts/doc-block.sh docs/batch.md kubernetes-indexed-job >"$tmp/job.yaml"

timeout 60 "$venv/bin/python" - "$tmp/job.yaml" "$tmp" <<'EOF'
import copy
import os
import subprocess
import sys

import kubernetes_validate
import yaml
from kubernetes_validate.utils import ValidationError, all_versions
from packaging.version import Version

path, tmp = sys.argv[1], sys.argv[2]
with open(path) as f:
    documents = list(yaml.safe_load_all(f))
if len(documents) != 1 or not isinstance(documents[0], dict):
    sys.exit(f"check-kubernetes: {path}: expected one object, found {len(documents)} documents")
job = documents[0]
versions = sorted({v for v in all_versions() if Version(v) >= Version("1.33")}, key=Version)


def problem(manifest, version):
    try:
        kubernetes_validate.validate(manifest, version, strict=True)
    except ValidationError as error:
        where = ".".join(str(p) for p in error.path) or "(top)"
        return f"{where}: {error.message}"
    return None


# The validator itself: each broken copy must be refused by every release.
def misspelt(m):
    m["spec"]["completionMod"] = m["spec"].pop("completionMode")


def wrong_type(m):
    m["spec"]["completions"] = str(m["spec"]["completions"])


def nested_misspelt(m):
    c = m["spec"]["template"]["spec"]["containers"][0]
    c["resource"] = c.pop("resources")


def missing_required(m):
    del m["spec"]["template"]["spec"]["containers"][0]["name"]


for name, breaks in [
    ("a misspelt field (spec.completionMod)", misspelt),
    ("a number given as text (spec.completions)", wrong_type),
    ("a misspelt field in the container (resource)", nested_misspelt),
    ("a container without its name", missing_required),
]:
    broken = copy.deepcopy(job)
    breaks(broken)
    for version in versions:
        found = problem(broken, version)
        if found is None:
            sys.exit(f"check-kubernetes: the validator accepted {name} against Kubernetes {version}")
    print(f"check-kubernetes: refused, as it should be: {name}: {found}")

for version in versions:
    found = problem(job, version)
    if found is not None:
        sys.exit(f"check-kubernetes: docs/batch.md's Job is not valid for Kubernetes {version}: {found}")
print(f"check-kubernetes: the Job is valid (strict) for Kubernetes {', '.join(versions)}")

# What the schema does not check.
spec = job["spec"]
pod = spec["template"]["spec"]
if job.get("apiVersion") != "batch/v1" or job.get("kind") != "Job":
    sys.exit("check-kubernetes: not a batch/v1 Job")
if spec.get("completionMode") != "Indexed":
    sys.exit("check-kubernetes: the Job is not Indexed: JOB_COMPLETION_INDEX would be unset")
if "backoffLimitPerIndex" in spec and pod.get("restartPolicy") != "Never":
    # The API server's rule, not in the schema.
    sys.exit("check-kubernetes: backoffLimitPerIndex needs the pods' restartPolicy to be Never")
completions = spec["completions"]
[container] = pod["containers"]
mounts = [m["mountPath"].rstrip("/") for m in container.get("volumeMounts", [])]

# Run the container's command for each index with a `somsim` that records its arguments.
stub = os.path.join(tmp, "bin")
os.makedirs(stub)
with open(os.path.join(stub, "somsim"), "w") as f:
    f.write('#!/bin/sh\nprintf "%s\\n" "$@" >"$ARGS"\n')
os.chmod(os.path.join(stub, "somsim"), 0o755)
batches, outputs = set(), set()
for index in range(completions):
    args_file = os.path.join(tmp, f"args-{index}")
    env = {"PATH": f"{stub}:/usr/bin:/bin", "JOB_COMPLETION_INDEX": str(index), "ARGS": args_file}
    for e in container.get("env", []):
        env[e["name"]] = e.get("value", "")
    subprocess.run(container["command"] + container.get("args", []), env=env, check=True, timeout=10)
    with open(args_file) as f:
        argv = f.read().splitlines()
    if argv[:1] != ["batch"] or "--shard" not in argv or "-o" not in argv:
        sys.exit(f"check-kubernetes: index {index}: not `somsim batch ... --shard K/N -o FILE`: {argv}")
    shard = argv[argv.index("--shard") + 1]
    if shard != f"{index + 1}/{completions}":
        sys.exit(f"check-kubernetes: index {index} runs shard {shard}, not {index + 1}/{completions}")
    output = argv[argv.index("-o") + 1]
    if os.path.dirname(output) not in mounts:
        sys.exit(f"check-kubernetes: index {index} writes {output}, on no mounted volume ({mounts})")
    outputs.add(output)
    rest = list(argv)
    for option in ("--shard", "-o"):
        i = rest.index(option)
        del rest[i : i + 2]
    batches.add(tuple(rest))
if len(outputs) != completions:
    sys.exit(f"check-kubernetes: {completions} pods write only {len(outputs)} distinct files")
if len(batches) != 1:
    sys.exit(f"check-kubernetes: the pods run different batches: {sorted(batches)}")
print(f"check-kubernetes: its command, run for indexes 0 to {completions - 1}, gives shards "
      f"1/{completions} to {completions}/{completions} of one batch, each to its own file")
EOF
echo "check-kubernetes: passed in $((SECONDS - started)) s"
