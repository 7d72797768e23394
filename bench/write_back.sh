#!/usr/bin/env bash
# :rw write-back cost: a guest (busybox sh) creates N files under a :rw mount, against the same
# guest creating them in its own /tmp (no write-back), interleaved, several rounds, median of
# each. The difference is the write-back; doubling N should about double it (it was quadratic).
# Usage: bench/write_back.sh [BUILD_DIR] [FILES] [ROUNDS]
set -euo pipefail
build=${1:-build}
count=${2:-20000}
rounds=${3:-3}
run="$build/bin/zeroos-run"
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT

# shellcheck source=bench/timing.sh
. "$(dirname "$(readlink -f "$0")")/timing.sh"
create() { echo "i=0; while [ \$i -lt $1 ]; do : > $2/f\$i; i=\$((i+1)); done"; }

in_guest=() written_back=() written_back_double=()
for _ in $(seq "$rounds"); do
    in_guest+=("$(seconds "$run" /bin/busybox sh -c "$(create "$count" /tmp)")")
    rm -rf "${tree:?}"/* && written_back+=("$(seconds "$run" --mount "$tree:/data:rw" /bin/busybox sh -c "$(create "$count" /data)")")
    rm -rf "${tree:?}"/* && written_back_double+=("$(seconds "$run" --mount "$tree:/data:rw" /bin/busybox sh -c "$(create $((2 * count)) /data)")")
done
g=$(median "${in_guest[@]}")
w=$(median "${written_back[@]}")
d=$(median "${written_back_double[@]}")
printf '%s files, %s rounds, medians (s)\n' "$count" "$rounds"
printf '  created in the guest only:   %.2f\n' "$g"
printf '  created under a :rw mount:   %.2f  (write-back about %.2f)\n' "$w" "$(awk -v a="$w" -v b="$g" 'BEGIN { print a - b }')"
printf '  twice the files, :rw mount:  %.2f  (ratio to once: %.2f)\n' "$d" "$(awk -v a="$d" -v b="$w" 'BEGIN { print a / b }')"
