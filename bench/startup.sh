#!/usr/bin/env bash
# Start-up cost of zeroos-run (issue 18's figure, goal <= 1.5 ms over native), side by side in one
# run: the median wall time of RUNS runs of a static musl hello natively and under zeroos-run, the
# overhead, the median of `zeroos-run --help` (the tool alone: loader, static initialisers, option
# parsing), and with perf, the user-space instructions of each (the guest's included).
# Usage: bench/startup.sh [BUILD_DIR] [RUNS]
set -euo pipefail
root=$(dirname "$(readlink -f "$0")")/..
build=${1:-build}
runs=${2:-200}
run="$build/bin/zeroos-run"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/timing.sh
. "$root/bench/timing.sh"

musl-gcc -static -O2 -Wall -Wextra -Werror -o "$work/hello" "$root/bench/guests/hello.c"
guest=$work/hello
"$run" "$guest" >/dev/null # warm the page cache

# Microseconds of one run, from bash's own clock: no date processes around the run.
micros() {
    local start=$EPOCHREALTIME
    "$@" >/dev/null
    local end=$EPOCHREALTIME
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f\n", (b - a) * 1e6 }'
}
# Interleaved, so a change in the machine's load touches all three alike.
native=() zeroos=() help=()
for _ in $(seq "$runs"); do
    native+=("$(micros "$guest")")
    zeroos+=("$(micros "$run" "$guest")")
    help+=("$(micros "$run" --help)")
done
ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }
n=$(median "${native[@]}") z=$(median "${zeroos[@]}") h=$(median "${help[@]}")
printf 'static musl hello, medians of %s runs (ms):  native %s   zeroos-run %s   overhead %s (goal <= 1.5)   zeroos-run --help %s\n' \
    "$runs" "$(ms "$n")" "$(ms "$z")" "$(ms "$((z - n))")" "$(ms "$h")"

instructions() { perf stat -x, -e instructions:u "$@" 2>&1 >/dev/null | awk -F, '/instructions/ { print $1 }'; }
# A VM without a PMU accepts the event and counts nothing ("<not supported>").
if command -v perf >/dev/null && [[ $(instructions true) =~ ^[0-9]+$ ]]; then
    printf 'user-space instructions:  native hello %s   zeroos-run hello %s   zeroos-run --help %s\n' \
        "$(instructions "$guest")" "$(instructions "$run" "$guest")" "$(instructions "$run" --help)"
else
    echo 'user-space instructions: perf stat cannot count them on this machine (no PMU)'
fi
printf 'shared libraries of zeroos-run: %s\n' "$(ldd "$run" | grep -c '=>' || true)"
