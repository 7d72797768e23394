#!/usr/bin/env bash
# What one null system call (getppid) costs, side by side in one run, in microseconds per call:
#   - the floor: a bare PTRACE_SYSEMU loop doing one GETREGS and one SETREGS per stop
#     (bench/guests/sysemu_floor.c), and the same with rdtsc trapping on (PR_SET_TSC);
#   - zeroos-run on a guest without rdtsc (trapping stays off) and on the same guest with one rdtsc
#     in its text (trapping on, as every run was before issue 18);
#   - strace -f -o /dev/null (two stops per call).
# Per call: the run with 2 * CALLS minus the run with CALLS, so start-up cancels out; the median of
# ROUNDS. Goal (issue 18): zeroos-run without rdtsc <= 1.10x the floor.
# Usage: bench/syscall_cost.sh [BUILD_DIR] [CALLS] [ROUNDS]
set -euo pipefail
root=$(dirname "$(readlink -f "$0")")/..
build=${1:-build}
calls=${2:-50000}
rounds=${3:-5}
run="$build/bin/zeroos-run"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/timing.sh
. "$root/bench/timing.sh"

musl-gcc -static -O2 -Wall -Wextra -Werror -o "$work/null" "$root/bench/guests/null_syscalls.c"
musl-gcc -static -O2 -Wall -Wextra -Werror -DWITH_RDTSC -o "$work/null_rdtsc" "$root/bench/guests/null_syscalls.c"
gcc -O2 -Wall -Wextra -Werror -o "$work/floor" "$root/bench/guests/sysemu_floor.c"

# Microseconds per call of the command prefix "$@" running a guest with N calls.
per_call() {
    local results=() once twice
    for _ in $(seq "$rounds"); do
        once=$(seconds "$@" "$calls")
        twice=$(seconds "$@" $((2 * calls)))
        results+=("$(awk -v a="$once" -v b="$twice" -v n="$calls" 'BEGIN { printf "%.3f", (b - a) / n * 1e6 }')")
    done
    median "${results[@]}"
}

native=$(per_call "$work/null")
floor=$(per_call "$work/floor" "$work/null")
floor_tsc=$(per_call "$work/floor" --tsc "$work/null")
zeroos=$(per_call "$run" "$work/null")
zeroos_tsc=$(per_call "$run" "$work/null_rdtsc")
strace_cost=$(per_call strace -f -o /dev/null "$work/null")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf 'null syscall (getppid), microseconds per call, median of %s rounds of %s calls:\n' "$rounds" "$calls"
printf '  native                                 %8s\n' "$native"
printf '  PTRACE_SYSEMU floor                    %8s   1.00x\n' "$floor"
printf '  PTRACE_SYSEMU floor, rdtsc trapping on %8s   %sx\n' "$floor_tsc" "$(ratio "$floor_tsc" "$floor")"
printf '  zeroos-run, no rdtsc in the guest      %8s   %sx   (goal <= 1.10x)\n' "$zeroos" "$(ratio "$zeroos" "$floor")"
printf '  zeroos-run, rdtsc in the guest         %8s   %sx\n' "$zeroos_tsc" "$(ratio "$zeroos_tsc" "$floor")"
printf '  strace -f                              %8s   %sx\n' "$strace_cost" "$(ratio "$strace_cost" "$floor")"
