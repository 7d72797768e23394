#!/usr/bin/env bash
# The demo `./bootstrap` ends with: example vApps under zeroos-run, each beside its native run.
# Usage: examples/demo.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
run="$build/bin/zeroos-run"
examples="$build/examples"

show() {
    echo
    echo "\$ zeroos-run $*"
    "$run" "$@"
}

echo "ZeroOS demo: static Linux programs served by the ZeroOS kernel under zeroos-run"
show "$examples/hello-musl" "from" "the demo"
show "$examples/fibonacci-glibc" 10
show "$examples/c-smoke-musl"
show "$examples/cpp-smoke-glibc"
echo
echo "\$ zeroos-run --seed 7 --epoch 1700000000 build/tests/guests/determinism-musl   # twice: identical"
"$run" --seed 7 --epoch 1700000000 "$build/tests/guests/determinism-musl" | tee /tmp/zeroos-demo-first.$$
if "$run" --seed 7 --epoch 1700000000 "$build/tests/guests/determinism-musl" | cmp -s - /tmp/zeroos-demo-first.$$; then
    echo "(second run: byte-identical)"
else
    echo "(second run differs: this is a bug)"
fi
rm -f /tmp/zeroos-demo-first.$$
