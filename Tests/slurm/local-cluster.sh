#!/usr/bin/env bash
# A one-node SLURM cluster on loopback, and the study recipe run as documented in
# ketasim-array.sbatch: submit the array and the dependent merge, kill one task while it runs,
# follow the recovery steps (cancel the stuck merge, resubmit the task, resubmit the merge), and
# check that the merged outputs are byte-identical to one plain run of the same study.
#
#   sudo bash Tests/slurm/local-cluster.sh [path/to/ketasim]     (default: the release build)
#
# Installs slurm-wlm and munge from Debian packages (apt-get) when missing. Needs root. Under
# CI=true anything that prevents the check is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
RECIPE="$ROOT/Tests/slurm/ketasim-array.sbatch"

skip_or_fail() {
    if [[ "${CI:-}" == "true" ]]; then echo "local-cluster: FAIL: $*" >&2; exit 1; fi
    echo "local-cluster: skipped: $*" >&2; exit 0
}

KETASIM=${1:-"$(swift build -c release --show-bin-path 2>/dev/null)/ketasim"}
[[ -x "$KETASIM" ]] || skip_or_fail "no ketasim executable at $KETASIM (swift build -c release --product ketasim)"
KETASIM=$(readlink -f "$KETASIM")
[[ $(id -u) == 0 ]] || skip_or_fail "needs root (installs packages and starts slurmctld, slurmd and munged)"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    command -v apt-get >/dev/null || skip_or_fail "slurm-wlm and munge are not installed and apt-get is not available"
    echo "== apt-get install slurm-wlm munge"
    apt-get update -qq || skip_or_fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null || skip_or_fail "apt-get install slurm-wlm munge failed"
fi

WORK=$(mktemp -d /tmp/ketasim-slurm.XXXXXX)
chmod 755 "$WORK"
export SLURM_CONF="$WORK/slurm.conf"
PIDS=()
cleanup() {
    set +e
    scancel --quiet --user=root >/dev/null 2>&1
    for f in "$WORK/slurmd.pid" "$WORK/slurmctld.pid" "$WORK/munged.pid"; do
        [[ -f "$f" ]] && kill "$(cat "$f")" 2>/dev/null
    done
    sleep 1
    if [[ "${KEEP:-}" != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

echo "== munge (own key and socket under $WORK)"
mkdir -p "$WORK/munge"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chown -R munge:munge "$WORK/munge" 2>/dev/null || true
chmod 700 "$WORK/munge"; chmod 400 "$WORK/munge/munge.key"
SOCKET="$WORK/munge/munge.socket"
munged --force --key-file="$WORK/munge/munge.key" --socket="$SOCKET" --pid-file="$WORK/munged.pid" \
    --log-file="$WORK/munged.log" --seed-file="$WORK/munge/munge.seed" \
    || skip_or_fail "munged did not start ($(tail -n 3 "$WORK/munged.log" 2>/dev/null))"

echo "== slurm.conf: one node on 127.0.0.1"
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
mkdir -p "$WORK/state" "$WORK/spool"
cat > "$SLURM_CONF" <<CONF
ClusterName=ketasimlocal
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
SchedulerParameters=defer_batch=0
NodeName=ketasim-node NodeAddr=127.0.0.1 NodeHostname=localhost CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=local Nodes=ketasim-node Default=YES MaxTime=INFINITE State=UP
CONF

echo "== slurmctld and slurmd"
slurmctld -f "$SLURM_CONF" -i || skip_or_fail "slurmctld did not start: $(tail -n 5 "$WORK/slurmctld.log" 2>/dev/null)"
slurmd -f "$SLURM_CONF" -N ketasim-node || skip_or_fail "slurmd did not start: $(tail -n 5 "$WORK/slurmd.log" 2>/dev/null)"
for _ in $(seq 60); do
    state=$(sinfo -h -n ketasim-node -o %t 2>/dev/null || true)
    [[ "$state" == idle* || "$state" == mix* ]] && break
    sleep 1
done
[[ "$state" == idle* || "$state" == mix* ]] || skip_or_fail "the node did not come up (state '$state'): $(tail -n 5 "$WORK/slurmctld.log")"

wait_job() {   # wait_job JOBID: until no task of the job is pending or running
    for _ in $(seq 600); do
        [[ -z "$(squeue -h -j "$1" -t PD,R,CG 2>/dev/null)" ]] && return 0
        sleep 1
    done
    echo "local-cluster: job $1 did not finish" >&2; return 1
}

# The study, small enough for a CI machine; tasks long enough to kill one while it runs.
cd "$WORK"
mkdir -p study/logs
SHARDS=4
export KETASIM N=${N:-2000000} SEED=11 SHARDS   # batch runs 100k-200k subjects/s per core on the lane kernel: 500,000 a task still run for seconds, to be killed mid-run
echo "== submit: array 1-$SHARDS and the dependent merge (N=$N)"
jid=$(sbatch --parsable --export=ALL --array=1-$SHARDS "$RECIPE")
mid=$(sbatch --parsable --export=ALL --dependency=afterok:"$jid" --array=1 "$RECIPE" merge)

echo "== kill task 2 while it runs"
for _ in $(seq 600); do
    st=$(squeue -h -j "${jid}_2" -o %T 2>/dev/null || true)
    [[ "$st" == RUNNING ]] && break
    if [[ -z "$st" ]]; then echo "local-cluster: task 2 finished before it could be killed; use a larger N" >&2; exit 1; fi
    sleep 0.2
done
sleep 0.5
scancel "${jid}_2"
wait_job "$jid"
[[ ! -e study/shards/part-00002.json ]] || { echo "local-cluster: the killed task left an output" >&2; exit 1; }
if ls study/shards/.part-00002* >/dev/null 2>&1; then echo "local-cluster: the killed task left a temporary file" >&2; exit 1; fi

echo "== the merge stays pending (afterok cannot be met): cancel it, resubmit task 2, resubmit the merge"
sleep 2
reason=$(squeue -h -j "$mid" -o %r 2>/dev/null || true)
echo "   merge job $mid: ${reason:-gone}"
scancel "$mid"
jid2=$(sbatch --parsable --export=ALL --array=2 "$RECIPE")
mid2=$(sbatch --parsable --export=ALL --dependency=afterok:"$jid2" --array=1 "$RECIPE" merge)
wait_job "$jid2"
wait_job "$mid2"
[[ -f study/summary.json ]] || { echo "local-cluster: the merge wrote no summary.json (logs: $(cat study/logs/* | tail -n 20))" >&2; exit 1; }

echo "== one plain run of the same study, and the byte-for-byte comparison"
bash "$RECIPE" single
for f in summary.json summary.subjects.csv; do
    cmp "study/$f" "study/single/$f" || { echo "local-cluster: study/$f differs from one plain run" >&2; exit 1; }
done
ls study/logs/*.log >/dev/null || { echo "local-cluster: no logs in study/logs" >&2; exit 1; }
echo "local-cluster: OK: shards + kill + resubmitted task + resubmitted merge == one run, byte for byte"
