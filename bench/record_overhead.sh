#!/usr/bin/env bash
# Recording overhead on a syscall-bound guest: the same run under zeroos-run with and without
# --record, interleaved, several rounds, median of each. Prints the ratio.
# Usage: bench/record_overhead.sh [BUILD_DIR] [SYSCALLS] [ROUNDS]
set -euo pipefail
build=${1:-build}
count=${2:-200000}
rounds=${3:-7}
run="$build/bin/zeroos-run"
guest="$build/tests/guests/syscall_loop"
trace=$(mktemp)
trap 'rm -f "$trace"' EXIT

# shellcheck source=bench/timing.sh
. "$(dirname "$(readlink -f "$0")")/timing.sh"

plain=() recorded=()
for _ in $(seq "$rounds"); do
    plain+=("$(seconds "$run" "$guest" "$count")")
    recorded+=("$(seconds "$run" --record "$trace" "$guest" "$count")")
done
p=$(median "${plain[@]}")
r=$(median "${recorded[@]}")
printf 'guest: %s getpid calls, %s rounds, medians\n' "$count" "$rounds"
awk -v p="$p" -v r="$r" -v n="$count" 'BEGIN {
    printf "%-22s %10.3f s  %8.2f us/syscall\n", "zeroos-run", p, p * 1e6 / n
    printf "%-22s %10.3f s  %8.2f us/syscall\n", "zeroos-run --record", r, r * 1e6 / n
    printf "%-22s %10.3f\n", "ratio record/plain", r / p
}'
printf '%-22s %10d bytes\n' "trace size" "$(stat -c %s "$trace")"
