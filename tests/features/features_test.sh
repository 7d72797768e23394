#!/usr/bin/env bash
# Builds the kernel without each optional feature in turn (every "all but one" configuration) and
# with none of them, runs hello in each tree (the minimal one also on RISC-V), and checks with nm
# that exactly the left-out groups' code is absent from each zeroos-run and all of it present in
# the default one. One tree per configuration, under BUILD_ROOT (build-features/ beside build/).
#   features_test.sh SOURCE_DIR BUILD_ROOT DEFAULT_ZEROOS_RUN RISCV_MUSL_DIR
set -euo pipefail
source_dir=$1 build_root=$2 default_run=$3 musl=$4
fail() { echo "features_test: $*" >&2; exit 1; }

features=(vfs threads time random signals)
# One handler that only its feature's folder defines, per feature.
declare -A symbol_of=(
    [vfs]='zeroos::sys_openat('
    [threads]='zeroos::sys_futex('
    [time]='zeroos::sys_clock_gettime('
    [random]='zeroos::sys_getrandom('
    [signals]='zeroos::sys_rt_sigaction('
)

# check_symbols BINARY LEFT_OUT...: the left-out features' symbols absent, the others present.
check_symbols() {
    local binary=$1 symbols feature expect found
    shift
    symbols=$(nm -C "$binary")
    for feature in "${features[@]}"; do
        expect=present
        [[ " $* " == *" $feature "* ]] && expect=absent
        grep -qF "${symbol_of[$feature]}" <<<"$symbols" && found=present || found=absent
        [ "$found" = "$expect" ] || fail "${symbol_of[$feature]} is $found in $binary (expected $expect)"
    done
}

# build_tree NAME FEATURES TARGETS...: configures (once) and builds a tree, prints its zeroos-run.
build_tree() {
    local tree=$build_root/$1 list=$2
    shift 2
    if [ ! -f "$tree/build.ninja" ]; then
        cmake -S "$source_dir" -B "$tree" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DZEROOS_FEATURES=$list" \
            -DZEROOS_RISCV_MUSL="$musl" >/dev/null
    fi
    cmake --build "$tree" --target "$@" -- --quiet | { grep -v '^ninja: no work to do.$' || true; }
}

check_symbols "$default_run"

# Every feature but one: zeroos-run links, runs hello, and holds everything but that feature.
for left_out in "${features[@]}"; do
    kept=()
    for feature in "${features[@]}"; do
        [ "$feature" = "$left_out" ] || kept+=("$feature")
    done
    list=$(IFS=';' && echo "${kept[*]}")
    build_tree "no-$left_out" "$list" zeroos-run hello-musl-build
    tree=$build_root/no-$left_out
    output=$("$tree/bin/zeroos-run" "$tree/examples/hello")
    [ "$output" = "Hello from ZeroOS!" ] || fail "hello without $left_out printed '$output'"
    check_symbols "$tree/bin/zeroos-run" "$left_out"
done

# No optional feature: hello on both targets, and file system requests fail fast naming vfs.
targets=(zeroos-run hello-musl-build)
[ -f "$musl/lib/libc.a" ] && targets+=(hello-rv64-build)
build_tree none none "${targets[@]}"
minimal=$build_root/none
for guest in "$minimal/examples/hello" "$minimal/examples/hello.rv64"; do
    [ -f "$guest" ] || continue
    output=$("$minimal/bin/zeroos-run" "$guest")
    [ "$output" = "Hello from ZeroOS!" ] || fail "$guest printed '$output'"
done
status=0
message=$("$minimal/bin/zeroos-run" --rootfs /dev/null "$minimal/examples/hello" 2>&1 >/dev/null) || status=$?
[ "$status" -ne 0 ] || fail "--rootfs was accepted without the vfs feature"
grep -q "need the vfs feature" <<<"$message" || fail "--rootfs error: $message"
check_symbols "$minimal/bin/zeroos-run" "${features[@]}"
echo "features: hello runs without each feature and without all; each tree holds exactly its groups' code"
