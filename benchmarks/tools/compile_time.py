#!/usr/bin/python3
"""Compile-time and generator-time measurements for scripts/bench.

Compile time: the exact compile commands of the probes (compile_commands.json of the
benchmark build, so the flags are the build's: g++ -O2 ...), each run --runs times; the
minimum wall time is the figure (other processes on the machine only ever add time), the
median is reported next to it. Generator: xsoc on every schema of schema/, as the build
runs it (one process per schema), --runs times, minimum total wall time.

  compile_time.py --build DIR --source DIR [--runs N] --out FILE
"""

import argparse
import glob
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, cwd=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def summary(walls, cpus):
    return {
        "runs": len(walls),
        "wall_s_min": round(min(walls), 3),
        "wall_s_median": round(statistics.median(walls), 3),
        "cpu_s_min": round(min(cpus), 3),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    with open(os.path.join(args.build, "compile_commands.json")) as f:
        commands = json.load(f)
    # key: (source file, target that compiles it)
    probes = {
        "umbrella_only": ("umbrella_only.cpp", "xso_compile_time_probes"),
        "instantiate_all": ("instantiate_all.cpp", "xso_compile_time_probes"),
        "use_stanzas": ("use_stanzas.cpp", "xso_compile_time_probe_use"),
        "use_stanzas_compiled": ("use_stanzas.cpp", "xso_compile_time_probe_use_compiled"),
    }
    report = {"compile": {}, "generator": {}}
    with tempfile.TemporaryDirectory() as tmp:
        argvs, entries = {}, {}
        for key, (file, target) in probes.items():
            entry = next((c for c in commands if c["file"].endswith("/" + file) and
                          "/%s.dir/" % target in c["command"]), None)
            if entry is None:
                sys.exit("compile_time.py: %s of %s is not in compile_commands.json" % (file, target))
            argv = shlex.split(entry["command"])
            argv[argv.index("-o") + 1] = os.path.join(tmp, key + ".o")
            argvs[key], entries[key] = argv, entry
        # The probes take turns, run after run: a slow spell of a shared machine then
        # lands on both instead of on every run of one.
        walls = {key: [] for key in probes}
        cpus = {key: [] for key in probes}
        for _ in range(args.runs):
            for key in probes:
                w, c = timed(argvs[key], cwd=entries[key]["directory"])
                walls[key].append(w)
                cpus[key].append(c)
        for key in probes:
            argv, entry = argvs[key], entries[key]
            result = summary(walls[key], cpus[key])
            result["command"] = " ".join(shlex.quote(a) for a in argv[:1] + [a for a in argv[1:] if a.startswith(("-O", "-std", "-D", "-W"))])
            if key == "instantiate_all":
                with open(entry["file"]) as src:
                    result["types"] = sum(1 for line in src if line.startswith("template xso::result<void>"))
            report["compile"][key] = result
            print("compile %-16s min %.2f s (median %.2f s, %d runs)" % (key, result["wall_s_min"], result["wall_s_median"], args.runs),
                  file=sys.stderr)

        xsoc = os.path.join(args.build, "codegen", "xsoc")
        schemas = sorted(glob.glob(os.path.join(args.source, "schema", "*.xml")))
        walls, cpus = [], []
        for _ in range(args.runs):
            total_w = total_c = 0.0
            for schema in schemas:
                w, c = timed([xsoc, "--out-dir", os.path.join(tmp, "gen"), "--namespace", "xso",
                              "--include-prefix", "xso/generated", schema])
                total_w += w
                total_c += c
            walls.append(total_w)
            cpus.append(total_c)
        report["generator"] = summary(walls, cpus)
        report["generator"]["schemas"] = len(schemas)
        print("xsoc on %d schemas: min %.3f s" % (len(schemas), report["generator"]["wall_s_min"]), file=sys.stderr)

    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
