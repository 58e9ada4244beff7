#!/usr/bin/env bash
# Parse cost must grow linearly with the input: scripts/check-parse-scaling counts the
# instructions of parsing n and 10 n units of several shapes (callgrind, so the machine's
# load does not matter) and fails on a ratio above 12.
set -euo pipefail
cd "$(dirname "$0")/../.."

scripts/setup-deps core scaling
scripts/check-parse-scaling
