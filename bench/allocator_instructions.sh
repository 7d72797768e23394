#!/usr/bin/env bash
# Cost of one malloc/free pair with each kernel page allocator (freelist, buddy, bump), side by side.
# RISC-V: bench/guests/malloc_pairs.c is linked by each tree's zeroos-cc and run under qemu -icount
# with K and 2K pairs; (N(2K) - N(K)) / K instructions per pair is exact and free of start-up cost.
# Host: the same source as a static x86-64 musl binary under each tree's zeroos-run, trees
# interleaved, several rounds; the median of (t(2K) - t(K)) / K per tree.
# Usage: bench/allocator_instructions.sh [--quick] [--rounds N] [TREE...]
#   TREE   a build directory configured with -DZEROOS_ALLOCATOR=... (default: build, build-buddy and
#          build-bump of this checkout, the trees `./bootstrap test` makes)
#   --quick (or ZEROOS_BENCH_QUICK=1) small counts and one host round: a smoke test, not a measurement
set -euo pipefail
export LC_ALL=C
me=$(basename "$0")
root=$(cd "$(dirname "$0")/.." && pwd)
source_file=$root/bench/guests/malloc_pairs.c
patterns=(small small-churn large mixed)

quick=${ZEROOS_BENCH_QUICK:-0}
rounds=
trees=()
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1 ;;
    --rounds)
        [ $# -ge 2 ] || { echo "$me: --rounds needs a number" >&2; exit 2; }
        rounds=$2
        shift
        ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "$me: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) trees+=("$1") ;;
    esac
    shift
done
[ ${#trees[@]} -gt 0 ] || trees=("$root/build" "$root/build-buddy" "$root/build-bump")

# Pairs per run (the second run does twice as many). Instruction counts are exact, so K needs only
# to be past start-up effects; wall-clock needs enough work to rise above process start-up noise.
# Bump never reuses memory: 200 large pairs already take 52 MiB of the vApp's 128 MiB.
declare -A riscv_pairs=([small]=1000 [small-churn]=1000 [large]=100 [mixed]=1000)
declare -A host_pairs=([small]=4000000 [small-churn]=200000 [large]=1000 [mixed]=4000)
if [ "$quick" = 1 ]; then
    riscv_pairs=([small]=100 [small-churn]=100 [large]=10 [mixed]=100)
    host_pairs=([small]=10000 [small-churn]=100 [large]=10 [mixed]=100)
    rounds=${rounds:-1}
fi
rounds=${rounds:-5}

die() {
    echo "$me: $*" >&2
    exit 1
}

# Each tree's allocator, from its CMake cache.
allocators=()
for tree in "${trees[@]}"; do
    [ -d "$tree" ] || die "$tree: no such build tree (build it with ./bootstrap test, or give the trees to compare as arguments)"
    for tool in zeroos-run zeroos-cc; do
        [ -x "$tree/bin/$tool" ] || die "$tree: no bin/$tool (this tree is not built, or was configured without the RISC-V runtime)"
    done
    allocator=$(sed -n 's/^ZEROOS_ALLOCATOR:STRING=//p' "$tree/CMakeCache.txt" 2>/dev/null)
    allocators+=("${allocator:-$(basename "$tree")}")
done
baseline=0
for i in "${!allocators[@]}"; do
    if [ "${allocators[$i]}" = freelist ]; then
        baseline=$i
        break
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in "${!trees[@]}"; do
    "${trees[$i]}/bin/zeroos-cc" -O2 -Wall -Wextra -Werror -o "$work/malloc_pairs-$i.rv64" "$source_file" ||
        die "${trees[$i]}: zeroos-cc could not build $source_file"
done

failures=()
# Runs the vApp of tree $1 with pattern $2 and $3 pairs; sets `retired` and `calls` (system calls).
run_riscv() {
    local stderr
    if ! stderr=$("${trees[$1]}/bin/zeroos-run" --stats "$work/malloc_pairs-$1.rv64" "$2" "$3" 2>&1 >/dev/null); then
        failures+=("RISC-V ${allocators[$1]} $2 $3: $(grep -v '^[ 0-9.-]' <<<"$stderr" | head -3 | tr '\n' ' ')")
        return 1
    fi
    retired=$(sed -n 's/^zeroos-run: instructions retired: \([0-9]*\)$/\1/p' <<<"$stderr")
    calls=$(awk '$NF == "total" { print $3 }' <<<"$stderr")
    if [ -z "$retired" ] || [ -z "$calls" ]; then
        failures+=("RISC-V ${allocators[$1]} $2: no instruction count in the --stats output")
        return 1
    fi
}

declare -A per_pair syscalls
echo "RISC-V instructions per malloc/free pair: exact (qemu -icount), (N(2K) - N(K)) / K so start-up cancels"
printf '%-12s %-10s %6s %12s %14s %12s\n' pattern allocator K instr/pair syscalls/pair "vs ${allocators[$baseline]}"
for pattern in "${patterns[@]}"; do
    k=${riscv_pairs[$pattern]}
    for i in "${!trees[@]}"; do
        per_pair[$i]=
        run_riscv "$i" "$pattern" "$k" || continue
        first_retired=$retired first_calls=$calls
        run_riscv "$i" "$pattern" $((2 * k)) || continue
        per_pair[$i]=$(awk -v a="$first_retired" -v b="$retired" -v k="$k" 'BEGIN { printf "%.1f", (b - a) / k }')
        syscalls[$i]=$(awk -v a="$first_calls" -v b="$calls" -v k="$k" 'BEGIN { printf "%.2f", (b - a) / k }')
    done
    for i in "${!trees[@]}"; do
        if [ -z "${per_pair[$i]}" ]; then
            printf '%-12s %-10s %6s %12s\n' "$pattern" "${allocators[$i]}" "$k" FAILED
            continue
        fi
        ratio=$(awk -v x="${per_pair[$i]}" -v base="${per_pair[$baseline]:-0}" 'BEGIN { if (base > 0) printf "%.2f", x / base; else print "-" }')
        printf '%-12s %-10s %6s %12s %14s %12s\n' "$pattern" "${allocators[$i]}" "$k" "${per_pair[$i]}" "${syscalls[$i]}" "$ratio"
    done
done
echo "small: inside musl. small-churn: musl frees and remakes its block group every pair (inside musl after"
echo "the first ~100 pairs). large: each mmap zeroes the 260 KiB it hands out, the same under every allocator."

echo
if ! command -v musl-gcc >/dev/null; then
    echo "host: skipped, musl-gcc is not installed (./bootstrap installs musl-tools)"
else
    host_guest=$work/malloc_pairs-musl
    musl-gcc -static -O2 -Wall -Wextra -Werror -o "$host_guest" "$source_file" || die "musl-gcc could not build $source_file"
    # Microseconds per pair from one run of $3 pairs and one of twice as many, of pattern $2 under
    # tree $1's zeroos-run.
    host_estimate() {
        local start middle end
        start=$EPOCHREALTIME
        "${trees[$1]}/bin/zeroos-run" "$host_guest" "$2" "$3" >/dev/null 2>"$work/stderr" || return 1
        middle=$EPOCHREALTIME
        "${trees[$1]}/bin/zeroos-run" "$host_guest" "$2" $((2 * $3)) >/dev/null 2>"$work/stderr" || return 1
        end=$EPOCHREALTIME
        awk -v a="$start" -v b="$middle" -v c="$end" -v k="$3" 'BEGIN { printf "%.4f", ((c - b) - (b - a)) * 1e6 / k }'
    }
    declare -A estimates
    order=("${!trees[@]}")
    for round in $(seq "$rounds"); do
        for pattern in "${patterns[@]}"; do
            for i in "${order[@]}"; do
                if estimate=$(host_estimate "$i" "$pattern" "${host_pairs[$pattern]}"); then
                    estimates[$pattern,$i]+=" $estimate"
                else
                    failures+=("host ${allocators[$i]} $pattern round $round: $(head -3 "$work/stderr" | tr '\n' ' ')")
                fi
            done
        done
        # Reverse the order of the trees every round, so a drifting machine favours none of them.
        reversed=()
        for ((j = ${#order[@]} - 1; j >= 0; j--)); do reversed+=("${order[$j]}"); done
        order=("${reversed[@]}")
    done
    median() { printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"; }
    echo "host wall-clock per pair: x86-64 musl guest under each tree's zeroos-run,"
    echo "median of $rounds round(s) of (t(2K) - t(K)) / K, trees interleaved"
    printf '%-12s %-10s %8s %12s %12s\n' pattern allocator K us/pair "vs ${allocators[$baseline]}"
    for pattern in "${patterns[@]}"; do
        declare -A medians=()
        for i in "${!trees[@]}"; do
            # shellcheck disable=SC2086 # the estimates are a space-separated list
            medians[$i]=$(median ${estimates[$pattern,$i]:-})
        done
        for i in "${!trees[@]}"; do
            ratio=$(awk -v x="${medians[$i]:-0}" -v base="${medians[$baseline]:-0}" 'BEGIN { if (base > 0) printf "%.2f", x / base; else print "-" }')
            printf '%-12s %-10s %8s %12s %12s\n' "$pattern" "${allocators[$i]}" "${host_pairs[$pattern]}" "${medians[$i]:-FAILED}" "$ratio"
        done
    done
    echo "Host times are dominated by ptrace round trips: every mmap/munmap stops the guest (PTRACE_SYSEMU,"
    echo "~20 us each) and the kernel's allocator is a small part of that; small pairs make no system call."
fi

if [ ${#failures[@]} -gt 0 ]; then
    echo >&2
    for failure in "${failures[@]}"; do
        echo "$me: failed: $failure" >&2
    done
    exit 1
fi
