#!/usr/bin/env bash
# Smoke test of bench/allocator_instructions.sh: runs it in quick mode on this tree and on the
# build-buddy/ and build-bump/ trees of the checkout when they are built, and checks that every
# allocator has a sane instructions-per-pair number for every pattern.
# Usage: tests/bench/allocator_instructions_test.sh SOURCE_DIR THIS_BUILD_DIR
set -euo pipefail
export LC_ALL=C
source_dir=$1
allocator_of() { sed -n 's/^ZEROOS_ALLOCATOR:STRING=//p' "$1/CMakeCache.txt"; }
# One tree per allocator: this one, then the checkout's others that are built.
trees=("$2")
allocators=$(allocator_of "$2")
for other in "$source_dir/build" "$source_dir/build-buddy" "$source_dir/build-bump"; do
    if [ -x "$other/bin/zeroos-cc" ] && [ -x "$other/bin/zeroos-run" ] && ! grep -qx "$(allocator_of "$other")" <<<"$allocators"; then
        trees+=("$other")
        allocators+=$'\n'$(allocator_of "$other")
    fi
done
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

output=$("$source_dir/bench/allocator_instructions.sh" --quick "${trees[@]}") || fail "the benchmark failed (output above)"
echo "$output"

# The RISC-V table ends at its first blank line: pattern allocator K instr/pair syscalls/pair ratio.
riscv=$(sed '/^$/q' <<<"$output")
row() { awk -v p="$1" -v a="$2" '$1 == p && $2 == a' <<<"$riscv"; }
for allocator in $allocators; do
    for pattern in small small-churn large mixed; do
        fields=$(row "$pattern" "$allocator")
        [ -n "$fields" ] || fail "no RISC-V row for $pattern with $allocator"
        awk '{ exit !($4 + 0 > 0 && $4 + 0 < 1e7) }' <<<"$fields" || fail "implausible instructions per pair: $fields"
    done
    small=$(row small "$allocator" | awk '{ print $4 }')
    large=$(row large "$allocator" | awk '{ print $4 }')
    mixed=$(row mixed "$allocator" | awk '{ print $4 }')
    awk -v s="$small" -v l="$large" -v m="$mixed" 'BEGIN { exit !(l > 10 * s && m > s) }' ||
        fail "$allocator: a large pair ($large) should cost well over a small one ($small), a mixed one ($mixed) more than a small one"
    [ "$(row small "$allocator" | awk '{ print $5 }')" = 0.00 ] || fail "$allocator: a small pair made system calls"
    [ "$(row large "$allocator" | awk '{ print $5 }')" = 2.00 ] || fail "$allocator: a large pair is not one mmap and one munmap"
done

# The host table: a number for every pattern and allocator (quick mode is too short to compare them).
host=$(sed -n '/^host wall-clock/,$p' <<<"$output")
allocators_on_host=$allocators
if grep -q '^host: skipped' <<<"$output"; then
    allocators_on_host=
fi
for allocator in $allocators_on_host; do
    for pattern in small small-churn large mixed; do
        awk -v p="$pattern" -v a="$allocator" '$1 == p && $2 == a && $4 ~ /^-?[0-9.]+$/ { found = 1 } END { exit !found }' <<<"$host" ||
            fail "no host time for $pattern with $allocator"
    done
done
echo "PASS: $(wc -w <<<"$allocators") allocator(s)"
