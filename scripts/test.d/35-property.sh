#!/usr/bin/env bash
# The round-trip property tests at full strength: 10 000 random values of every generated
# type (and the invalid-character and serializer-abuse properties), in a Release build
# (build/test-property), where they take seconds instead of minutes. This build is g++ in
# C++20 (the default matrix builds g++ in C++17), and runs the whole suite once more with
# optimization on.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=build/test-property
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DXSO_WARNINGS_AS_ERRORS=ON \
    -DCMAKE_CXX_COMPILER=g++ -DCMAKE_CXX_STANDARD=20 -DCMAKE_CXX_STANDARD_REQUIRED=ON \
    -DXSO_BUILD_COMPILED=OFF -DXSO_BUILD_TESTS=ON -DXSO_BUILD_TOOLS=OFF -DXSO_BUILD_EXAMPLES=OFF -DXSO_TESTS_HYGIENE=OFF >/dev/null
cmake --build "$dir" -j"${XSO_JOBS:-2}" --target xso_tests
XSO_PROPERTY_ITERATIONS=10000 "$dir/tests/xso_tests"
