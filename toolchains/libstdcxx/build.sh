#!/usr/bin/env bash
# Builds libstdc++ (static, with libsupc++) from Debian's gcc-12-source for the two targets of a
# vApp, once per machine, and prints the directory that holds them:
#   toolchains/libstdcxx/build.sh RISCV_MUSL_PREFIX
#   -> $ZEROOS_CACHE_DIR/libstdcxx-KEY/{riscv64,x86_64}/{include,lib}
# riscv64: rv64imac/lp64/medany, riscv64-unknown-elf-g++ over the project's musl;
# x86_64:  the host g++ over Debian's musl (musl-tools), as a static musl program links it.
# KEY hashes the gcc source version, this script, both compilers and both musls, so any change
# builds afresh and a second clone (or CI) on the same machine reuses the build. The cache
# (ZEROOS_CACHE_DIR, default ${XDG_CACHE_HOME:-$HOME/.cache}/zeroos) lives outside build trees.
set -euo pipefail
riscv_musl=${1:?usage: build.sh RISCV_MUSL_PREFIX}
tarball=/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz
host_musl_include=/usr/include/x86_64-linux-musl
host_musl_lib=/usr/lib/x86_64-linux-musl
fail() { echo "libstdc++: $*" >&2; exit 1; }
[ -f "$tarball" ] || fail "$tarball is missing: install Debian's gcc-12-source (./bootstrap does)"
[ -f "$riscv_musl/lib/libc.a" ] || fail "musl for rv64 is missing in $riscv_musl (./bootstrap builds it)"
[ -f "$host_musl_lib/libc.a" ] || fail "musl for x86-64 is missing in $host_musl_lib: install musl-dev (musl-tools)"
command -v riscv64-unknown-elf-g++ >/dev/null || fail "riscv64-unknown-elf-g++ is missing: install gcc-riscv64-unknown-elf"

cache=${ZEROOS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/zeroos}
key=$({
    dpkg-query -W -f='${Version}\n' gcc-12-source musl-dev 2>/dev/null || true
    sha256sum "$tarball" | cut -c1-64 # the version alone would miss a locally replaced source
    cat "$0"
    riscv64-unknown-elf-g++ --version | head -n 1
    g++ --version | head -n 1
    sha256sum "$riscv_musl/lib/libc.a" "$host_musl_lib/libc.a" | cut -c1-64
} | sha256sum | cut -c1-16)
final=$cache/libstdcxx-$key
if [ -f "$final/riscv64/lib/libstdc++.a" ] && [ -f "$final/x86_64/lib/libstdc++.a" ]; then
    echo "$final"
    exit 0
fi

echo "bootstrap: building libstdc++ for rv64imac and x86-64 musl (once, about 6 minutes)" >&2
start=$(date +%s)
mkdir -p "$cache"
work=$(mktemp -d "$cache/libstdcxx-$key.tmp.XXXXXX")
trap 'rm -rf "$work"' EXIT
log=$cache/libstdcxx-$key.log
: >"$log"

# Only what libstdc++-v3's configure and make read: its own tree, libgcc's gthr headers,
# libiberty's demangler (the verbose terminate handler's), the top-level include/ and config/ and
# the autotools helpers.
top=gcc-12.2.0
tar -xJf "$tarball" -C "$work" \
    $top/libstdc++-v3 $top/libgcc $top/libiberty/cp-demangle.c $top/libiberty/cp-demangle.h $top/include $top/config $top/gcc/BASE-VER $top/gcc/DATESTAMP \
    $top/gcc/DEV-PHASE $top/config.sub $top/config.guess $top/config-ml.in $top/config.rpath \
    $top/ltmain.sh $top/install-sh $top/missing $top/mkinstalldirs $top/move-if-change \
    $top/compile $top/depcomp $top/libtool-ldflags $top/multilib.am \
    $top/ltoptions.m4 $top/libtool.m4 $top/ltsugar.m4 $top/ltversion.m4 $top/lt~obsolete.m4 ||
    fail "cannot extract libstdc++ from $tarball"
source=$work/$top/libstdc++-v3
# A gcc build makes libgcc/gthr-default.h from the thread model; configure's gthreads check and
# the library's headers read it from there.
mkdir -p "$work/libgcc"
cp "$work/$top/libgcc/gthr-posix.h" "$work/libgcc/gthr-default.h"
build_triplet=$("$work/$top/config.guess")

# libstdc++ takes its thread model from "$CXX -v": the bare-metal gcc says "single", but a vApp has
# musl's pthreads on the kernel's threads, so the wrappers report posix (gthr-posix.h). Each wrapper
# also fixes the target's flags and C headers, so configure's and make's compiles all agree.
riscv_gcc_include=$(riscv64-unknown-elf-gcc -march=rv64imac -mabi=lp64 -print-file-name=include)
write_wrapper() { # NAME COMPILER FLAGS...
    local name=$1 compiler=$2
    shift 2
    cat >"$work/$name" <<EOF
#!/bin/sh
if [ "\$*" = "-v" ]; then
    $compiler -v 2>&1 | sed 's/^Thread model: single\$/Thread model: posix/'
    exit 0
fi
exec $compiler $* "\$@"
EOF
    chmod +x "$work/$name"
}
riscv_flags="-march=rv64imac -mabi=lp64 -mcmodel=medany -nostdinc -isystem $riscv_musl/include -isystem $riscv_gcc_include"
write_wrapper riscv64-cc riscv64-unknown-elf-gcc "$riscv_flags"
write_wrapper riscv64-cxx riscv64-unknown-elf-g++ "$riscv_flags -D_GNU_SOURCE"
host_gcc_include=$(gcc -print-file-name=include)
host_flags="-nostdinc -isystem $host_musl_include -isystem $host_gcc_include"
write_wrapper x86_64-cc gcc "$host_flags"
write_wrapper x86_64-cxx g++ "-nostdinc++ $host_flags"

options=(--disable-shared --enable-static --disable-libstdcxx-pch --disable-nls --disable-multilib
    --disable-libstdcxx-filesystem-ts --enable-libstdcxx-threads)
build_target() { # TARGET HOST_TRIPLET LDFLAGS LIBS AR RANLIB
    local target=$1 host=$2 ldflags=$3 libs=$4 ar=$5 ranlib=$6
    local objects=$work/build-$target prefix=$work/$target
    mkdir -p "$objects"
    (
        cd "$objects"
        "$source/configure" --build="$build_triplet" --host="$host" --prefix="$prefix" \
            --with-gxx-include-dir="$prefix/include" --with-toolexeclibdir="$prefix/lib" "${options[@]}" \
            CC="$work/$target-cc" CXX="$work/$target-cxx" AR="$ar" RANLIB="$ranlib" \
            CFLAGS=-O2 CXXFLAGS=-O2 LDFLAGS="$ldflags" LIBS="$libs" || exit 1
        # The library and its headers only: no doc, po, testsuite or python.
        for dir in include libsupc++ src; do
            make -j"$(nproc)" -C "$dir" || exit 1
        done
        for dir in include libsupc++ src; do
            make -C "$dir" install || exit 1
        done
    ) >"$log.$target" 2>&1 || {
        tail -n 30 "$log.$target" >&2
        fail "building for $target failed; the whole log is $log.$target"
    }
    cat "$log.$target" >>"$log" && rm -f "$log.$target"
    # configure may append the compiler's multilib directory (rv64imac/lp64) to the library
    # directory: the archives go to lib/ itself, where zeroos-c++ looks.
    find "$prefix/lib" -mindepth 2 -name '*.a' -exec mv -t "$prefix/lib" {} +
    find "$prefix/lib" -mindepth 1 -type d -empty -delete
    # The library's own link-time scripts are of no use to a static vApp link.
    find "$prefix/lib" \( -name '*.la' -o -name '*-gdb.py' \) -delete
    echo "libstdc++ for $target: $(($(date +%s) - target_start)) s" >&2
}
# Link tests in configure need a complete static program: crt files first, the C library last.
target_start=$(date +%s)
build_target riscv64 riscv64-linux-musl \
    "-nostdlib -static $riscv_musl/lib/crt1.o $riscv_musl/lib/crti.o -L$riscv_musl/lib" \
    "-Wl,--start-group -lc -lgcc -Wl,--end-group $riscv_musl/lib/crtn.o" \
    riscv64-unknown-elf-ar riscv64-unknown-elf-ranlib
target_start=$(date +%s)
build_target x86_64 x86_64-linux-musl \
    "-nostdlib -static $host_musl_lib/crt1.o $host_musl_lib/crti.o -L$host_musl_lib" \
    "-Wl,--start-group -lc -lgcc -lgcc_eh -Wl,--end-group $host_musl_lib/crtn.o" ar ranlib

mkdir -p "$work/result"
mv "$work/riscv64" "$work/x86_64" "$work/result/"
# Atomic: a concurrent build of the same key that finished first wins, and ours is dropped.
mv -T "$work/result" "$final" 2>/dev/null || [ -f "$final/x86_64/lib/libstdc++.a" ] ||
    fail "cannot move the build into $final"
echo "bootstrap: libstdc++ built in $(($(date +%s) - start)) s" >&2
echo "$final"
