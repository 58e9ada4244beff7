#!/usr/bin/python3
"""Describes the machine and packages of a benchmark run (environment.json for report.py).

  environment.py --out FILE --load-before "a b c" --cpu N --repetitions N --min-time S
"""

import argparse
import datetime
import json
import os
import platform
import subprocess


def first_line_with(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def package_version(pkg):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else "not installed"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--load-before", required=True)
    ap.add_argument("--cpu", required=True)
    ap.add_argument("--repetitions", required=True)
    ap.add_argument("--min-time", required=True)
    args = ap.parse_args()
    mem_kb = first_line_with("/proc/meminfo", "MemTotal").split()[0]
    with open("/etc/debian_version") as f:
        debian = f.read().strip()
    env = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu_model": first_line_with("/proc/cpuinfo", "model name"),
        "cpu_mhz": first_line_with("/proc/cpuinfo", "cpu MHz"),
        "cpus": os.cpu_count(),
        "memory": "%.1f GB RAM" % (int(mem_kb) / 1e6) if mem_kb.isdigit() else "?",
        "debian": debian,
        "kernel": platform.release(),
        "load_before": args.load_before,
        "load_after": " ".join("%.2f" % v for v in os.getloadavg()),
        "cpu_pinned": args.cpu,
        "repetitions": int(args.repetitions),
        "min_time": args.min_time,
        "packages": {p: package_version(p) for p in ["g++-12", "libpugixml-dev", "libboost-dev", "libbenchmark-dev",
                                                     "libgloox-dev", "python3-aioxmpp", "gnuplot-nox"]},
    }
    with open(args.out, "w") as f:
        json.dump(env, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
