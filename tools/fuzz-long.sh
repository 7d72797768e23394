#!/usr/bin/env bash
# Fuzzes each libFuzzer target of build-fuzz/ for longer than ctest does (outside CI).
#
#   tools/fuzz-long.sh [--minutes N] [--only NAME]...   fuzz each target N minutes (default 30)
#   tools/fuzz-long.sh --merge [--only NAME]...         minimise the kept corpora into tests/fuzz/corpus/
#
# Each target NAME (syscall, tar, recording, write_back, ...: the folders of tests/fuzz/corpus/) keeps
# its corpus across runs in $ZEROOS_CACHE_DIR/fuzz/NAME (default ~/.cache/zeroos/fuzz/NAME),
# seeded from tests/fuzz/corpus/NAME on first use; the checked-in corpus is read on every run, never
# written. A crash, leak, timeout or sanitizer report is saved as $ZEROOS_CACHE_DIR/fuzz/crashes/
# NAME-crash-*, named in one line, and makes the script exit 1 (the other targets still run).
# --merge adds to tests/fuzz/corpus/NAME only the kept inputs that reach new coverage
# (libFuzzer -merge=1), ready to commit. The script builds build-fuzz/ first (configuring it as
# ./bootstrap test does when it is missing). Options:
#   --minutes N   fuzzing time per target (default 30)
#   --only NAME   only this target (repeatable)
#   --merge       merge instead of fuzzing
#   --build DIR   the libFuzzer tree (default build-fuzz)
#   -h, --help    this text
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
die() {
    echo "fuzz-long: $*" >&2
    exit 2
}

minutes=30
merge=false
build="build-fuzz"
only=()
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes)
        [ $# -ge 2 ] || die "--minutes needs a number"
        if ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
            die "--minutes takes a whole number of minutes above 0, not '$2'"
        fi
        minutes=$2
        shift 2
        ;;
    --only)
        [ $# -ge 2 ] || die "--only needs a target name"
        only+=("$2")
        shift 2
        ;;
    --merge)
        merge=true
        shift
        ;;
    --build)
        [ $# -ge 2 ] || die "--build needs a directory"
        build=$2
        shift 2
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    *) die "unknown argument '$1' (see --help)" ;;
    esac
done

all_targets=()
for directory in tests/fuzz/corpus/*/; do
    all_targets+=("$(basename "$directory")")
done
targets=("${all_targets[@]}")
if [ ${#only[@]} -gt 0 ]; then
    for name in "${only[@]}"; do
        [ -d "tests/fuzz/corpus/$name" ] || die "no target '$name' (targets: ${all_targets[*]})"
    done
    targets=("${only[@]}")
fi

if [ ! -f "$build/build.ninja" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
        -DZEROOS_FUZZ=ON >/dev/null
fi
cmake --build "$build" -- --quiet | { grep -v '^ninja: no work to do.$' || true; }

cache=${ZEROOS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zeroos}/fuzz
crashes=$cache/crashes
mkdir -p "$crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

count_files() { find "$1" -maxdepth 1 -type f | wc -l; }

failed=()
for name in "${targets[@]}"; do
    fuzzer=$build/tests/fuzz/$name-fuzzer
    [ -x "$fuzzer" ] || die "$fuzzer is not built (is $build configured with -DZEROOS_FUZZ=ON?)"
    kept=$cache/$name
    seeds=tests/fuzz/corpus/$name
    if [ ! -d "$kept" ]; then
        mkdir -p "$kept"
        cp -- "$seeds"/* "$kept"/
        echo "fuzz-long: $name: new corpus $kept, seeded from $seeds"
    fi
    log=$cache/$name.log

    if $merge; then
        before=$(count_files "$seeds")
        if ! "$fuzzer" -merge=1 -timeout=10 -rss_limit_mb=2048 "$seeds" "$kept" >"$log" 2>&1; then
            tail -n 20 "$log" >&2
            echo "fuzz-long: $name: merging failed; the whole log is $log" >&2
            failed+=("$name")
            continue
        fi
        after=$(count_files "$seeds")
        echo "fuzz-long: $name: $((after - before)) inputs with new coverage added to $seeds ($after now; $(count_files "$kept") kept in $kept)"
        continue
    fi

    before=$(count_files "$kept")
    started=$(date +%s)
    echo "fuzz-long: $name: fuzzing for $minutes min from $before inputs (log: $log)"
    status=0
    "$fuzzer" -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$crashes/$name-" "$kept" "$seeds" >"$log" 2>&1 || status=$?
    after=$(count_files "$kept")
    coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 || true)
    runs=$(grep -Eo '^stat::number_of_executed_units: [0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    if [ "$status" -ne 0 ]; then
        artifact=$(grep -Eo "Test unit written to [^ ]+" "$log" | tail -n 1 | sed 's/^Test unit written to //' || true)
        grep -E '^(==[0-9]+==ERROR|SUMMARY:)|runtime error:' "$log" | head -n 5 >&2 || true
        echo "fuzz-long: $name: FAILED (status $status) after $(($(date +%s) - started)) s: input saved as ${artifact:-(none; see $log)}" >&2
        echo "fuzz-long: reproduce with: $fuzzer ${artifact:-INPUT}" >&2
        failed+=("$name")
        continue
    fi
    echo "fuzz-long: $name: $((after - before)) new units ($before -> $after inputs), $runs runs, ${coverage:-no coverage line}"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz-long: failed: ${failed[*]}" >&2
    exit 1
fi
if ! $merge; then
    echo "fuzz-long: done; tools/fuzz-long.sh --merge adds what is new to tests/fuzz/corpus/"
fi
