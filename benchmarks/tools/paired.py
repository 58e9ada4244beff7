#!/usr/bin/env python3
"""Paired ratios of the C++ targets (scripts/bench, after the main run).

On a shared machine whose speed changes from one minute to the next, the ratio of two
medians taken over a long interleaved run can move by a third, while the code has not
changed: the two ops' repetitions did not meet the same states of the machine. Here both
ops of a ratio are timed within well under a second of each other, many times:
every round runs, for each case in a random order, one short `xso_bench` pass over the
ops of the targets for that case (random order within the pass too). Each pass gives one
value of each ratio; the figure is the median over the rounds, with the quartiles.

    paired.py --bench build/bench-release/benchmarks/xso_bench --out results/paired.json
              [--rounds N] [--min-time S] [--cpu C]
"""
import argparse
import json
import random
import statistics
import subprocess
import sys

from report import CASES, CPP_TARGETS  # this folder's report.py: the one list of cases and targets

PAIRS = [ops for _, ops, _, _ in CPP_TARGETS]  # (numerator op, denominator op)


def one_pass(bench, cpu, case, ops, min_time):
    """CPU time per iteration of each op of `ops` on `case`, timed in one short run."""
    pattern = "^(%s)/%s$" % ("|".join(sorted(ops)), case)
    cmd = [bench, "--benchmark_filter=" + pattern, "--benchmark_min_time=%g" % min_time,
           "--benchmark_enable_random_interleaving=true", "--benchmark_format=json"]
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu)] + cmd
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("paired.py: %s failed:\n%s" % (" ".join(cmd), run.stderr))
    times = {}
    for b in json.loads(run.stdout)["benchmarks"]:
        if b.get("error_occurred"):
            sys.exit("paired.py: %s: %s" % (b["name"], b.get("error_message")))
        times[b["name"].split("/", 1)[0]] = b["cpu_time"]
    missing = set(ops) - set(times)
    if missing:
        sys.exit("paired.py: %s did not run for %s" % (", ".join(sorted(missing)), case))
    return times


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="the xso_bench binary")
    ap.add_argument("--out", required=True)
    ap.add_argument("--rounds", type=int, default=25)
    ap.add_argument("--min-time", type=float, default=0.02, help="seconds per op and pass")
    ap.add_argument("--cpu", type=int, help="pin to this CPU (taskset)")
    args = ap.parse_args()
    if args.rounds < 1:
        sys.exit("paired.py: --rounds must be at least 1")

    ops = sorted({op for pair in PAIRS for op in pair})
    rng = random.Random(20261127)
    values = {"%s/%s" % pair: {c: [] for c in CASES} for pair in PAIRS}
    for _ in range(args.rounds):
        for case in rng.sample(CASES, len(CASES)):
            t = one_pass(args.bench, args.cpu, case, ops, args.min_time)
            for num, den in PAIRS:
                values["%s/%s" % (num, den)][case].append(t[num] / t[den])

    out = {"rounds": args.rounds, "min_time_s": args.min_time, "cpu": args.cpu, "ratios": {}}
    for key, by_case in values.items():
        out["ratios"][key] = {}
        for case, v in by_case.items():
            q1, q3 = quartiles(v)
            out["ratios"][key][case] = {"median": statistics.median(v), "q1": q1, "q3": q3, "values": v}
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("paired.py: %d rounds of %d cases, %d ratios each" % (args.rounds, len(CASES), len(PAIRS)))


if __name__ == "__main__":
    main()
