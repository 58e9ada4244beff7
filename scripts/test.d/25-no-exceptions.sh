#!/usr/bin/env bash
# Proves the core needs no exceptions: tests/noexcept is one translation unit that parses,
# serializes, reads a typed form and reports errors, compiled with -fno-exceptions (g++ and
# clang with libstdc++, and clang with LLVM's libc++: the binding's static_asserts, such as
# generated types being standard-layout for their member offsets, hold there too).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup-deps core clang >/dev/null
for variant in g++ clang++-14 clang++-14:libc++; do
    cxx=${variant%%:*}
    flags=
    dir="build/noexcept-${cxx%%+*}"
    if [ "$variant" != "$cxx" ]; then
        flags=-stdlib=libc++
        dir="$dir-libcxx"
    fi
    cmake -S tests/noexcept -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" "-DCMAKE_CXX_FLAGS=$flags" >/dev/null
    cmake --build "$dir" -j"${XSO_JOBS:-2}" --target xso_noexcept
    "$dir/xso_noexcept"
done
