#!/bin/sh
# The libFuzzer targets of R2 (clang-14, ASan + UBSan): build them and run them.
#   fuzz.sh build DIR                   configure a sanitizer tree with clang++-14 into DIR (as `make test`
#                                       does) and build the five fuzz_<target> binaries
#   fuzz.sh run DIR TARGET SECONDS      fuzz one target of the tree DIR for SECONDS, from its committed seeds
#   fuzz.sh all DIR SECONDS             build, then run every target for SECONDS each
# Targets: csv checkpoint json experiment sweep. The committed seeds (tests/fuzz/corpus/TARGET) and
# regression inputs (tests/fuzz/regressions/TARGET) are read, never written: new inputs go to
# DIR/tests/fuzz/corpus-new/TARGET and a crashing input to DIR/tests/fuzz/artifacts/TARGET-crash-<sha1>.
# Exit status: 0 when nothing crashed, 1 on a crash, a build failure or a missing binary.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
targets="csv checkpoint json experiment sweep"
compiler=${LSTMLAB_FUZZ_CXX:-clang++-14}

usage() {
    sed -n '2,11p' "$0" >&2
    exit 2
}

build() {
    dir=$1
    if [ ! -f "$dir/build.ninja" ]; then
        cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" -DLSTMLAB_SANITIZE=ON \
            -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" || exit 1
    fi
    for target in $targets; do
        set -- "$@" "fuzz_$target"
    done
    shift
    cmake --build "$dir" -j "${LSTMLAB_FUZZ_JOBS:-2}" --target "$@"
}

run() {
    dir=$1 target=$2 seconds=$3
    work="$dir/tests/fuzz"
    binary="$work/fuzz_$target"
    if [ ! -x "$binary" ]; then
        echo "FAIL: $binary does not exist (a sanitizer tree built by clang has it: fuzz.sh build $dir)"
        exit 1
    fi
    seeds="$here/corpus/$target"
    [ -d "$seeds" ] || { echo "FAIL: no seed corpus $seeds"; exit 1; }
    new="$work/corpus-new/$target"
    mkdir -p "$new" "$work/artifacts"
    set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$target-"
    [ -f "$here/dict/$target.dict" ] && set -- "$@" -dict="$here/dict/$target.dict"
    set -- "$@" "$new" "$seeds"
    [ -d "$here/regressions/$target" ] && set -- "$@" "$here/regressions/$target"
    log="$work/fuzz_$target.log"
    status=0
    (cd "$root" && ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$binary" "$@") >"$log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log"
        echo "FAIL: fuzz_$target crashed (exit $status) after ${executions:-?} executions; log $log"
        crash=$(ls -t "$work/artifacts/$target-"* 2>/dev/null | head -n 1 || true)
        [ -n "$crash" ] && echo "reproduce: $binary $crash   (then add it to tests/fuzz/regressions/$target/)"
        exit 1
    fi
    corpus=$(ls "$new" | wc -l)
    grep -E '^(INFO: (Loaded|seed corpus)|#[0-9]+.*DONE|Done )' "$log" | tail -n 4 || true
    echo "fuzz_$target: ${executions:-?} executions in $seconds s, no crash; $corpus new inputs in $new"
}

[ $# -ge 2 ] || usage
command=$1
shift
case $command in
    build) build "$1" ;;
    run) [ $# -eq 3 ] || usage; run "$1" "$2" "$3" ;;
    all)
        [ $# -eq 2 ] || usage
        build "$1"
        for target in $targets; do run "$1" "$target" "$2"; done
        ;;
    *) usage ;;
esac
