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
for tool in zeroos-run zeroos-replay zeroos-cc zeroos-c++; do
    [ -x "$prefix/bin/$tool" ] || fail "$tool is not installed"
done
cmake -S "$source_dir/tests/install" -B "$project" -G Ninja -DZeroOS_DIR="$prefix/lib/cmake/ZeroOS" >/dev/null
cmake --build "$project" -- --quiet
expected="installed ZeroOS: 3 arguments, sum 60"
for app in app app-glibc app.rv64; do
    output=$("$prefix/bin/zeroos-run" "$project/$app" 10 20 30)
    [ "$output" = "$expected" ] || fail "$app printed '$output'"
done
expected="installed zeroos-c++: 3 terms, sum 60
installed zeroos-c++: not a number: x (1)"
for app in app_cxx app_cxx-glibc app_cxx.rv64; do
    output=$("$prefix/bin/zeroos-run" "$project/$app" 10 x 20 30)
    [ "$output" = "$expected" ] || fail "$app printed '$output'"
done
# The installed zeroos-cc and zeroos-c++ link the installed runtime (they prefer what lies next to
# them).
for file in riscv64/vapp.ld riscv64/musl/lib/libc.a riscv64/libstdc++/lib/libstdc++.a riscv64/libstdc++/include/vector \
    x86_64/libstdc++/lib/libstdc++.a x86_64/libstdc++/include/vector x86_64/libzeroos_musl_unwind.a; do
    [ -f "$prefix/lib/zeroos/$file" ] || fail "the vApp runtime is not installed: $file is missing"
done
[ -L "$prefix/bin/zeroos-c++" ] && [ "$(readlink "$prefix/bin/zeroos-c++")" = zeroos-cc ] || fail "zeroos-c++ is not a link to zeroos-cc"
for target in riscv64 host; do
    [ $target = host ] && dir=x86_64 || dir=riscv64
    headers=$("$prefix/bin/zeroos-c++" --target $target -E -H -x c++ - 2>&1 >/dev/null <<<'#include <vector>')
    [[ "$headers" == ". $prefix/lib/zeroos/$dir/libstdc++/include/vector"* ]] ||
        fail "the installed zeroos-c++ --target $target does not use the installed <vector>: ${headers%%$'\n'*}"
done
# Rust, when Debian's Rust is there (the build tree then has zeroos-rustc's examples).
if [ -x "$build/examples/rust-hello" ]; then
    [ -x "$prefix/bin/zeroos-rustc" ] && [ -f "$prefix/lib/zeroos/rust/riscv64imac-zeroos-linux-musl.json" ] || fail "zeroos-rustc is not installed"
    for app in app_rust app_rust.rv64; do
        output=$("$prefix/bin/zeroos-run" "$project/$app" 10 20 30)
        [ "$output" = "installed zeroos-rustc: 3 arguments, sum 60" ] || fail "$app printed '$output'"
    done
fi
echo "install test: ok"
