#!/usr/bin/env bash
# What file data and mapping changes cost the host run (issue 19's figures), side by side in one run:
#   - a sparse file: max RSS of zeroos-run after one byte written at 256 GiB, against one byte at 0
#     (about 1: a sparse write costs its page-table path, not its offset);
#   - filling /tmp under --memory 16M: how much a 2 GiB write is allowed (--fs-size defaults to
#     --memory, so ENOSPC after about 16 MiB), and max RSS against a run that writes only 1 MiB;
#   - mmap+munmap churn: microseconds per pair under zeroos-run against natively (each mapping change
#     is applied to the guest's host mapping by an injected mprotect).
# Usage: bench/file_space.sh [BUILD_DIR] [PAIRS] [ROUNDS]
set -euo pipefail
root=$(dirname "$(readlink -f "$0")")/..
build=${1:-build}
pairs=${2:-5000}
rounds=${3:-3}
run="$build/bin/zeroos-run"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/timing.sh
. "$root/bench/timing.sh"

musl-gcc -static -O2 -Wall -Wextra -Werror -o "$work/file_space" "$root/bench/guests/file_space.c"
guest=$work/file_space
max_rss_kib() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

near=$(max_rss_kib "$run" "$guest" sparse 0)
far=$(max_rss_kib "$run" "$guest" sparse $((256 << 30)))
printf 'sparse write, max RSS of zeroos-run (KiB):  at 0: %s   at 256 GiB: %s   ratio %.2f\n' "$near" "$far" \
    "$(awk -v a="$far" -v b="$near" 'BEGIN { print a / b }')"

small=$(max_rss_kib "$run" --memory 16M "$guest" fill $((1 << 20)))
big=$(max_rss_kib "$run" --memory 16M "$guest" fill $((2 << 30)))
printf 'fill /tmp under --memory 16M:  %s\n' "$("$run" --memory 16M "$guest" fill $((2 << 30)))"
printf '  max RSS (KiB):  1 MiB written: %s   2 GiB asked: %s   ratio %.2f\n' "$small" "$big" \
    "$(awk -v a="$big" -v b="$small" 'BEGIN { print a / b }')"

# Per pair: the run with 2 * PAIRS minus the run with PAIRS, so start-up cancels out.
once=() twice=() native_once=() native_twice=()
for _ in $(seq "$rounds"); do
    once+=("$(seconds "$run" "$guest" mmap "$pairs")")
    twice+=("$(seconds "$run" "$guest" mmap $((2 * pairs)))")
    native_once+=("$(seconds "$guest" mmap "$pairs")")
    native_twice+=("$(seconds "$guest" mmap $((2 * pairs)))")
done
per_pair() { awk -v a="$2" -v b="$1" -v n="$pairs" 'BEGIN { v = (a - b) / n * 1e6; print v < 0.01 ? 0.01 : v }'; }
zeroos=$(per_pair "$(median "${once[@]}")" "$(median "${twice[@]}")")
native=$(per_pair "$(median "${native_once[@]}")" "$(median "${native_twice[@]}")")
printf 'mmap+munmap of 16 KiB, %s pairs, medians of %s rounds (us per pair):  zeroos-run %.1f   native %.2f   ratio %.0f\n' \
    "$pairs" "$rounds" "$zeroos" "$native" "$(awk -v a="$zeroos" -v b="$native" 'BEGIN { print a / b }')"
