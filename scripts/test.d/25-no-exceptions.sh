#!/usr/bin/env bash
# Proves the core needs no exceptions: tests/noexcept is one translation unit that parses,
# serializes and reports errors, compiled with -fno-exceptions (g++ and clang).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup-deps core clang >/dev/null
for cxx in g++ clang++-14; do
    dir="build/noexcept-${cxx%%+*}"
    cmake -S tests/noexcept -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
    cmake --build "$dir" -j"${XSO_JOBS:-2}" --target xso_noexcept
    "$dir/xso_noexcept"
done
