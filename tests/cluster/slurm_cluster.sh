#!/bin/sh
# A one-node Slurm cluster on localhost, for the tests of `lstmlab-cli sweep --backend slurm` and for
# trying the feature by hand. Runs as root, without systemd: every file (munge key and socket, Slurm's
# configuration, state, spool, logs and PID files) lives under DIR, and the daemons listen on free ports,
# so two clusters (two build trees testing at once) do not meet.
#
#   tests/cluster/slurm_cluster.sh start DIR [CPUS]   start munged, slurmctld and slurmd; wait until the
#                                               node is idle (CPUS: what the node offers, default nproc)
#   tests/cluster/slurm_cluster.sh status DIR   sinfo of the running cluster
#   tests/cluster/slurm_cluster.sh stop DIR     stop the daemons by their PIDs, remove DIR
#
# Then, in the same shell:  export SLURM_CONF=DIR/slurm.conf   (sbatch, squeue, sinfo, scancel find it)
# Needs Debian's slurmctld slurmd slurm-client munge (.ci/debian-packages.txt).
set -eu

usage() { echo "usage: $0 start DIR [CPUS] | stop DIR | status DIR" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage
action=$1
dir=$2
cpus=${3:-$(nproc)}

# A TCP port nothing listens on (the kernel picks it; slurm binds it a moment later).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The PID in file $1 when that process still runs program $2 (a stale file of an old run may name
# another process by now), else nothing.
daemon_pid() {
    [ -s "$1" ] || return 0
    pid=$(cat "$1")
    tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "$2" && echo "$pid"
    return 0
}

# Sends TERM to the PIDs given, waits up to 5 s for them to go, then KILLs what is left.
stop_pids() {
    [ $# -gt 0 ] || return 0
    kill -TERM "$@" 2>/dev/null || true
    for _ in $(seq 50); do
        alive=
        for pid in "$@"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        [ -n "$alive" ] || return 0
        sleep 0.1
    done
    kill -KILL "$@" 2>/dev/null || true
}

stop_cluster() {
    # The jobs first, so slurmd's steps do not outlive it.
    if [ -f "$dir/slurm.conf" ] && [ -s "$dir/slurmctld.pid" ]; then
        SLURM_CONF="$dir/slurm.conf" timeout 10 scancel --full --quiet --user=root >/dev/null 2>&1 || true
    fi
    # All three at once: each takes a second or two to go.
    stop_pids $(daemon_pid "$dir/slurmd.pid" slurmd) $(daemon_pid "$dir/slurmctld.pid" slurmctld) \
              $(daemon_pid "$dir/munged.pid" munged)
}

case "$action" in
start)
    for program in munged mungekey slurmctld slurmd sinfo; do
        command -v "$program" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
        command -v "$program" >/dev/null 2>&1 || {
            echo "slurm_cluster.sh: $program is not installed (apt-get install slurmctld slurmd slurm-client munge)" >&2
            exit 1
        }
    done
    [ "$(id -u)" = 0 ] || { echo "slurm_cluster.sh: run as root (SlurmUser=root)" >&2; exit 1; }
    if [ -d "$dir" ]; then  # a cluster left by an interrupted run: stop it, start afresh
        stop_cluster
        rm -rf "$dir"
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 700 "$dir"
    # munged's socket path must fit in sockaddr_un (108 bytes): keep it short, under /tmp.
    munge_dir=$(mktemp -d /tmp/lstmlab-munge.XXXXXX)
    echo "$munge_dir" > "$dir/munge_dir"
    mkdir -p "$dir/state" "$dir/spool"
    mungekey --create --keyfile="$dir/munge.key" >/dev/null 2>&1 ||
        dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 2>/dev/null
    chmod 400 "$dir/munge.key"
    munged --key-file="$dir/munge.key" --socket="$munge_dir/munge.socket" --pid-file="$dir/munged.pid" \
           --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" --force
    memory=$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
    cat > "$dir/slurm.conf" <<CONF
ClusterName=lstmlab
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$munge_dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
KillWait=5
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$dir/slurm.conf"
    slurmctld -D -f "$SLURM_CONF" >"$dir/slurmctld.out" 2>&1 &
    echo $! > "$dir/slurmctld.pid"
    slurmd -D -N localhost -f "$SLURM_CONF" >"$dir/slurmd.out" 2>&1 &
    echo $! > "$dir/slurmd.pid"
    # The node turns idle once slurmd registered with slurmctld (a few seconds).
    for _ in $(seq 150); do
        if [ "$(sinfo -h -n localhost -o %t 2>/dev/null)" = idle ]; then
            echo "Slurm is up: export SLURM_CONF=$SLURM_CONF"
            exit 0
        fi
        sleep 0.2
    done
    echo "slurm_cluster.sh: the node did not become idle within 30 s; logs in $dir:" >&2
    tail -n 5 "$dir/slurmctld.log" "$dir/slurmd.log" "$dir/slurmctld.out" "$dir/slurmd.out" "$dir/munged.log" >&2 2>/dev/null || true
    stop_cluster
    exit 1
    ;;
stop)
    [ -d "$dir" ] || exit 0
    stop_cluster
    [ -s "$dir/munge_dir" ] && rm -rf "$(cat "$dir/munge_dir")"
    rm -rf "$dir"
    ;;
status)
    SLURM_CONF="$dir/slurm.conf" sinfo
    ;;
*)
    usage
    ;;
esac
