#!/usr/bin/env bash
# CI smoke run of the benchmarks, so that they never rot: builds xso_bench (with the gloox
# peer) and the compile-time probes, runs the correctness checks, then every benchmark
# once with a negligible time budget. Nothing is timed or compared here; scripts/bench
# does the measuring.
#
# Peers: gloox is included (libgloox-dev is small). aioxmpp's check runs only when
# python3-aioxmpp is already installed: it pulls in a large Python stack, so CI does not
# install it (scripts/setup-deps bench does).
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup-deps core bench-smoke

dir=build/bench-smoke
jobs=${XSO_JOBS:-2}
# Debug (-O0) compiles faster; the smoke run only needs the code to build and run.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DXSO_WARNINGS_AS_ERRORS=ON \
    -DXSO_BUILD_BENCHMARKS=ON -DXSO_BENCH_WITH_GLOOX=ON \
    -DXSO_BUILD_COMPILED=OFF -DXSO_BUILD_TESTS=OFF -DXSO_BUILD_TOOLS=OFF -DXSO_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$dir" -j"$jobs" --target xso_bench xso_compile_time_probes

generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT

# Checks (exit 1 on any wrong output), then one short pass over every benchmark.
"$dir/benchmarks/xso_bench" --write-generated "$generated" \
    --benchmark_min_time=0.000001 --benchmark_format=json >"$generated/smoke.json"
/usr/bin/python3 - "$generated/smoke.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
failed = [b["name"] for b in runs if b.get("error_occurred")]
if failed or len(runs) < 6 * 13:
    sys.exit("bench smoke: %d benchmarks ran, failed: %s" % (len(runs), failed))
print("bench smoke: %d benchmarks ran once each" % len(runs))
PY

# The instruction counts, for two ops of one case: the callgrind path must keep working.
/usr/bin/python3 benchmarks/tools/paired.py --bench "$dir/benchmarks/xso_bench" --rounds 1 --min-time 0.000001 \
    --out "$generated/paired.json"
/usr/bin/python3 benchmarks/tools/instructions.py --bench "$dir/benchmarks/xso_bench" --iterations 2 \
    --filter '^(xso_parse_bytes|pugixml_parse_walk)/error/' --out "$generated/instructions.json"

if /usr/bin/python3 -c 'import aioxmpp' 2>/dev/null; then
    /usr/bin/python3 benchmarks/peers/aioxmpp_bench.py --cases benchmarks/cases \
        --extra "$generated/items_1000.xml" --check-only
else
    echo "bench smoke: python3-aioxmpp not installed, aioxmpp check skipped"
fi
# The report tools only run in scripts/bench: at least check that they still parse, and
# that the report regenerated from the committed raw results is the committed one.
/usr/bin/python3 -c 'import ast, sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]' \
    benchmarks/tools/*.py benchmarks/peers/*.py
cp -r benchmarks/results "$generated/results"
cp README.md "$generated/README.md"
/usr/bin/python3 benchmarks/tools/report.py --results "$generated/results" --readme "$generated/README.md"
if ! diff -u benchmarks/results/results.md "$generated/results/results.md" || ! diff -u README.md "$generated/README.md"; then
    echo "bench smoke: report.py no longer reproduces the committed report from its raw results" >&2
    exit 1
fi
echo "bench smoke: ok"
