#!/bin/bash
# make test-slurm (opt-in, root): a real single-node Slurm on this machine runs a
# 4-shard campaign through scripts/slurm/submit.sh; the merged verdict and coverage
# bins must equal a 1-shard run of the same seed and stream count.
# Brings up munged (when none runs), slurmctld and slurmd with a private config in
# a temporary folder (SLURM_CONF; /etc/slurm is not touched) and stops the daemons it
# started when done. Needs: the debug build, verilator, iverilog, slurm-wlm, munge.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=${TRAPLINE:-$ROOT/.build/debug/trapline}
[ "$(id -u)" = 0 ] || { echo "test-slurm: run as root (it starts slurmctld and slurmd)" >&2; exit 3; }
for tool in slurmctld slurmd sbatch munged; do
  command -v "$tool" >/dev/null || { echo "test-slurm: $tool is missing: apt-get install -y slurm-wlm munge" >&2; exit 3; }
done
W=$(mktemp -d "${TMPDIR:-/tmp}/trapline-slurm-XXXXXX")
chmod 755 "$W"
started=()
cleanup() {
  for pidfile in "${started[@]}"; do [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true; done
  sleep 1; rm -rf "$W"
}
trap cleanup EXIT

# munge: the Debian package makes /etc/munge/munge.key; start the daemon unless one runs.
if ! munge -n >/dev/null 2>&1; then
  [ -f /etc/munge/munge.key ] || { mungekey --create 2>/dev/null || create-munge-key -f; }
  mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
  if id munge >/dev/null 2>&1; then
    su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=$W/munged.pid" 2>/dev/null || /usr/sbin/munged --force --pid-file="$W/munged.pid"
  else
    /usr/sbin/munged --force --pid-file="$W/munged.pid"
  fi
  started+=("$W/munged.pid")
  for _ in 1 2 3 4 5 6 7 8 9 10; do munge -n >/dev/null 2>&1 && break; sleep 0.5; done
fi

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$W/spool/ctld" "$W/spool/d"
cat > "$W/slurm.conf" <<CONF
ClusterName=trapline-test
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
SlurmctldPort=26817
SlurmdPort=26818
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
StateSaveLocation=$W/spool/ctld
SlurmdSpoolDir=$W/spool/d
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
touch "$W/cgroup.conf"
export SLURM_CONF=$W/slurm.conf
slurmctld -f "$SLURM_CONF" -i; started+=("$W/slurmctld.pid")
slurmd -f "$SLURM_CONF"; started+=("$W/slurmd.pid")
for _ in $(seq 1 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %T | grep -q idle || { echo "test-slurm: the node did not come up:" >&2; sinfo >&2 || true; tail -20 "$W/slurmctld.log" "$W/slurmd.log" >&2; exit 3; }

# The campaign: 4 shards on Slurm, 1 shard here, the same seed and streams.
flags="--stream-commands 500 --icarus-sample 100"
cd "$W"
export TRAPLINE=$T SEED=11 STREAMS=6 BUDGET=2 RESULTS_DIR=$W/results EQUIV_FLAGS=$flags
out=$(SHARDS=4 "$ROOT/scripts/slurm/submit.sh" --chdir="$W")
echo "$out"
merge=${out##*merge: job }
for _ in $(seq 1 900); do
  state=$(scontrol show job "$merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
  case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
  sleep 1
done
echo "merge job: $state"
cat "$W"/trapline-merge-*.log || true
status=0
# shellcheck disable=SC2086
"$T" equiv --seed 11 --budget 2 --streams 6 $flags --shard 1/1 --results "$W/one.json" --out "$W/one" > "$W/one.txt" 2>&1 || status=$?
[ "$state" = COMPLETED ] || { echo "FAIL the merge job ended $state" >&2; tail -5 "$W"/trapline-equiv-*.log >&2; exit 1; }
python3 - "$W/one.json" "$RESULTS_DIR/merged.json" <<'PY'
import json, sys
one, merged = (json.load(open(p)) for p in sys.argv[1:3])
hits = lambda d: [b["hits"] for b in d["coverage"]["bins"]]
problems = []
if one["verdict"] != merged["verdict"]: problems.append(f"verdict {merged['verdict']} merged, {one['verdict']} in one run")
if hits(one) != hits(merged): problems.append("coverage bins differ")
if len(merged["shards"]) != 4 or merged["merge"]["missing"]: problems.append(f"shards {len(merged['shards'])}, missing {merged['merge']['missing']}")
if problems: print("FAIL", "; ".join(problems)); sys.exit(1)
print(f"ok   4 shards on Slurm merged = 1 run: {merged['verdict']}, {merged['coverage']['hit']}/{merged['coverage']['total']} bins, hit counts equal")
PY
[ -f "$RESULTS_DIR/report.html" ] && echo "ok   report.html written"
echo "test-slurm: passed"
