#!/usr/bin/env python3
"""Counts the instructions of every benchmark op under callgrind (scripts/bench).

Times depend on the machine and on what else runs on it; instruction counts do not. They
are no stand-in for time (a cache miss or a mispredicted branch costs many instructions'
worth), so the targets stay judged on time, but a count ratio that moves tells that the
code changed, not the machine.

Runs `xso_bench --instructions K` once under `valgrind --tool=callgrind --instr-atstart=no`:
every op runs with 1 and with 1 + K iterations, callgrind counts only its timed loop and
dumps the count under the op's name (benchmarks/src/common.hpp). An op's count is the
difference of its two dumps over K: setup and first-iteration effects cancel out.

    instructions.py --bench build/bench-release/benchmarks/xso_bench --out results/instructions.json
                    [--iterations K] [--filter REGEX]
"""
import argparse
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

LABEL = re.compile(r"^(?P<name>.+)/iterations:(?P<n>\d+)$")


def read_dump(path):
    """(label, instruction count) of one callgrind dump, or None for the final one."""
    label = total = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("desc: Trigger: Client Request: "):
                label = line[len("desc: Trigger: Client Request: "):].strip()
            elif line.startswith("totals:"):
                total = int(line.split()[1])
    if label is None:
        return None
    if total is None:
        sys.exit("instructions.py: no count in %s" % path)
    return label, total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", required=True, help="the xso_bench binary")
    ap.add_argument("--out", required=True)
    ap.add_argument("--iterations", type=int, default=10, help="K: extra iterations per op")
    ap.add_argument("--commit", help="the commit measured (scripts/bench takes it before writing any result "
                    "into the tree, which would make `git describe --dirty` say dirty); default: git describe")
    ap.add_argument("--filter", default=".",
                    help="Google Benchmark filter, a regex on '<op>/<case>/iterations:<n>'")
    args = ap.parse_args()
    if args.iterations < 1:
        sys.exit("instructions.py: --iterations must be at least 1")

    version = subprocess.run(["valgrind", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        out_file = os.path.join(tmp, "callgrind.out")
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=" + out_file,
               args.bench, "--instructions", str(args.iterations), "--benchmark_filter=" + args.filter]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write(run.stdout[-4000:] + run.stderr[-4000:])
            sys.exit("instructions.py: %s failed (exit %d)" % (args.bench, run.returncode))
        counts = {}
        for path in glob.glob(out_file + ".*"):
            dump = read_dump(path)
            if dump is None:
                continue
            m = LABEL.match(dump[0])
            if not m:
                sys.exit("instructions.py: unexpected dump label %r" % dump[0])
            counts.setdefault(m.group("name"), {})[int(m.group("n"))] = dump[1]

    ops = {}
    for name, by_n in sorted(counts.items()):
        first, more = by_n.get(1), by_n.get(1 + args.iterations)
        if first is None or more is None:
            sys.exit("instructions.py: %s lacks a run (%s)" % (name, sorted(by_n)))
        per_op = (more - first) / args.iterations
        # A loop that counted nothing would make every ratio meaningless: refuse it.
        if per_op <= 0:
            sys.exit("instructions.py: %s counted %d then %d instructions" % (name, first, more))
        ops[name] = {"instructions": round(per_op), "first_iteration": first}
    if not ops:
        sys.exit("instructions.py: no op matched %r" % args.filter)
    commit = args.commit or subprocess.run(["git", "describe", "--always", "--dirty", "--abbrev=12"], capture_output=True,
                                           text=True, cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip() or "unknown"
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"valgrind": version, "extra_iterations": args.iterations, "filter": args.filter,
                   "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   "commit": commit, "ops": ops}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("instructions.py: %d ops counted (%s, K = %d)" % (len(ops), version, args.iterations))


if __name__ == "__main__":
    main()
