#!/usr/bin/env bash
# The demo `./bootstrap` ends with: example vApps under zeroos-run on the host (native x86-64
# under ptrace) and the same sources as bare-metal RISC-V vApps under qemu, side by side.
# Usage: examples/demo.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
run="$build/bin/zeroos-run"
examples="$build/examples"

show() {
    echo
    echo "\$ zeroos-run $*"
    "$run" "$@" </dev/null
}

# Prints the host run and the RISC-V run of one example next to each other.
side_by_side() {
    local name=$1
    shift
    local host riscv statistics
    host=$(mktemp) riscv=$(mktemp) statistics=$(mktemp)
    "$run" "$examples/$name" "$@" >"$host" 2>&1 </dev/null || true
    "$run" --count-instructions "$examples/$name.rv64" "$@" >"$riscv" 2>"$statistics" </dev/null || true
    echo
    printf '%-54s| %s\n' "host: zeroos-run $name $*" "RISC-V: zeroos-run $name.rv64 $*"
    pr -m -t -w 110 -S' | ' "$host" "$riscv" | expand
    grep '^zeroos-run: instructions retired' "$statistics" || true
    if cmp -s "$host" "$riscv"; then
        echo "(identical output on both targets)"
    else
        echo "(outputs differ: this is a bug)"
    fi
    rm -f "$host" "$riscv" "$statistics"
}

echo "ZeroOS demo: one kernel, two targets"
show "$examples/hello-glibc" "from" "the demo"
show "$examples/cpp-smoke-glibc"
show "$examples/threads"
if [ -x "$examples/hello.rv64" ]; then
    side_by_side hello "from" "the demo"
    side_by_side fibonacci 12
    side_by_side threads
    side_by_side cpp-smoke
    if [ -x "$examples/rust-fibonacci.rv64" ]; then
        side_by_side rust-fibonacci 12 # Rust std, built by zeroos-rustc for both targets
    fi
else
    echo
    echo "(RISC-V vApps were not built: run ./bootstrap to set up the cross toolchain and musl)"
fi
echo
echo "\$ zeroos-run --seed 7 --epoch 1700000000 $build/tests/guests/determinism   # twice: identical"
first=$(mktemp)
"$run" --seed 7 --epoch 1700000000 "$build/tests/guests/determinism" </dev/null | tee "$first"
if "$run" --seed 7 --epoch 1700000000 "$build/tests/guests/determinism" </dev/null | cmp -s - "$first"; then
    echo "(second run: byte-identical)"
else
    echo "(second run differs: this is a bug)"
fi
rm -f "$first"
