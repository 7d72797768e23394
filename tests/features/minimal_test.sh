#!/usr/bin/env bash
# Builds the minimal-features tree (core, mm, proc: no vfs beyond the console, no threads, time,
# random or signals), runs hello in it on both targets, and checks with nm that the left-out
# groups' code is absent from its zeroos-run and present in the default one.
#   minimal_test.sh SOURCE_DIR MINIMAL_BUILD_DIR DEFAULT_ZEROOS_RUN RISCV_MUSL_DIR
set -euo pipefail
source_dir=$1 minimal=$2 default_run=$3 musl=$4
fail() { echo "minimal_test: $*" >&2; exit 1; }

if [ ! -f "$minimal/build.ninja" ]; then
    cmake -S "$source_dir" -B "$minimal" -G Ninja -DCMAKE_BUILD_TYPE=Release -DZEROOS_FEATURES=none \
        -DZEROOS_RISCV_MUSL="$musl" >/dev/null
fi
targets=(zeroos-run hello-musl-build)
[ -f "$musl/lib/libc.a" ] && targets+=(hello-rv64-build)
cmake --build "$minimal" --target "${targets[@]}" -- --quiet | { grep -v '^ninja: no work to do.$' || true; }
run=$minimal/bin/zeroos-run

for guest in "$minimal/examples/hello" "$minimal/examples/hello.rv64"; do
    [ -f "$guest" ] || continue
    output=$("$run" "$guest")
    [ "$output" = "Hello from ZeroOS!" ] || fail "$guest printed '$output'"
done

# A file system request fails fast naming the feature; so do --rootfs and --mount.
status=0
message=$("$run" --rootfs /dev/null "$minimal/examples/hello" 2>&1 >/dev/null) || status=$?
[ "$status" -ne 0 ] || fail "--rootfs was accepted without the vfs feature"
grep -q "need the vfs feature" <<<"$message" || fail "--rootfs error: $message"

check_symbols() {
    local binary=$1 expect=$2 symbols
    symbols=$(nm -C "$binary")
    for symbol in 'zeroos::sys_openat(' 'zeroos::vfs_import_tar(' 'zeroos::sys_futex(' 'zeroos::sys_getrandom(' 'zeroos::sys_clock_gettime(' 'zeroos::sys_rt_sigaction('; do
        if grep -qF "$symbol" <<<"$symbols"; then found=present; else found=absent; fi
        [ "$found" = "$expect" ] || fail "$symbol is $found in $binary (expected $expect)"
    done
}
check_symbols "$run" absent
check_symbols "$default_run" present
echo "minimal tree: hello runs; left-out groups absent from its zeroos-run"
