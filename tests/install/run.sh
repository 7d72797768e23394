#!/usr/bin/env bash
# Installs a ZeroOS build tree into a prefix, builds tests/install (find_package(ZeroOS) and
# zeroos_add_vapp) against it, and runs its vApp with the installed zeroos-run on both targets.
#   run.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1 build=$2
prefix=$build/install-test
project=$build/install-consumer
fail() { echo "install test: $*" >&2; exit 1; }

rm -rf "$prefix" "$project"
cmake --install "$build" --prefix "$prefix" >/dev/null
for tool in zeroos-run zeroos-replay zeroos-cc; do
    [ -x "$prefix/bin/$tool" ] || fail "$tool is not installed"
done
cmake -S "$source_dir/tests/install" -B "$project" -G Ninja -DZeroOS_DIR="$prefix/lib/cmake/ZeroOS" >/dev/null
cmake --build "$project" -- --quiet
expected="installed ZeroOS: 3 arguments, sum 60"
for app in app-musl app-glibc app.rv64; do
    output=$("$prefix/bin/zeroos-run" "$project/$app" 10 20 30)
    [ "$output" = "$expected" ] || fail "$app printed '$output'"
done
# The installed zeroos-cc links the installed runtime (it prefers what lies next to it).
[ -f "$prefix/lib/zeroos/riscv64/vapp.ld" ] && [ -f "$prefix/lib/zeroos/riscv64/musl/lib/libc.a" ] || fail "the RISC-V runtime is not installed"
echo "install test: ok"
