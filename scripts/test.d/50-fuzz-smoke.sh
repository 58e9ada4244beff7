#!/usr/bin/env bash
# Every libFuzzer harness of fuzz/ for 20 seconds (two at a time), ASan + UBSan: any crash,
# hang, leak or violated property fails the step. scripts/fuzz runs longer campaigns.
set -euo pipefail
cd "$(dirname "$0")/../.."
XSO_FUZZ_PARALLEL=2 scripts/fuzz "${XSO_FUZZ_SMOKE_SECONDS:-20}"
