#!/usr/bin/python3
"""Turns the raw results of scripts/bench into the published report.

Inputs (in --results): xso_bench.json (Google Benchmark, aggregates of the repetitions),
paired.json (optional: ratios timed in pairs, benchmarks/tools/paired.py),
xso_reference_RUN_CASE.json (xso's parse and serialize of one case timed again right before
aioxmpp run RUN timed that case: the aioxmpp ratios divide by these), aioxmpp.json,
compile_time.json, environment.json.
Outputs: results.md (tables with machine, compiler, flags, medians and ratios), summary.json (the same figures, machine-
readable), chart.dat + chart.gp (rendered to chart.png with gnuplot by scripts/bench), and,
with --readme, the block between the bench markers of README.md.

  report.py --results DIR [--readme README.md]
"""

import argparse
import datetime
import glob
import json
import os
import statistics
import sys

CASES = ["error", "event_item", "items_1", "node_config_form", "items_100", "items_1000"]

PARSE_OPS = [
    ("pugixml_parse", "pugixml parse (`parse_default`)"),
    ("pugixml_parse_walk", "pugixml parse + touch every node (floor)"),
    ("xso_parse_bytes", "**xso typed parse, from bytes**"),
    ("xso_parse_node", "xso typed parse, from a loaded `pugi::xml_node`"),
    ("hand_parse_bytes", "hand-written pugixml traversal → same structs, from bytes"),
    ("hand_parse_node", "hand-written pugixml traversal → same structs, from a node"),
    ("gloox_parse_tag", "gloox Parser → Tag"),
    ("gloox_parse_typed", "gloox Parser → Tag → typed objects"),
    ("aioxmpp_parse", "aioxmpp `read_single_xso`"),
]
SERIALIZE_OPS = [
    ("xso_serialize", "**xso serialize** (into a reused `std::string`)"),
    ("pugixml_save", "pugixml save of an existing DOM (`format_raw`)"),
    ("pugixml_build_save", "pugixml build DOM + save"),
    ("gloox_xml_tag", "gloox `Tag::xml()` (Tag prebuilt)"),
    ("gloox_xml_typed", "gloox typed objects → `tag()` → `xml()`"),
    ("aioxmpp_serialize", "aioxmpp `write_single_xso`"),
]


def load(path):
    with open(path) as f:
        return json.load(f)


def fmt_time(us):
    if us is None:
        return "–"
    if us >= 1000:
        return "{:,.0f} µs".format(us)
    if us >= 100:
        return "%.0f µs" % us
    if us >= 10:
        return "%.1f µs" % us
    return "%.2f µs" % us


def fmt_ratio(r):
    if r is None:
        return "–"
    if r >= 100:
        return "%.0f×" % r
    if r >= 10:
        return "%.1f×" % r
    return "%.2f×" % r


def fmt_count(v):
    if v is None:
        return "–"
    if v >= 1e6:
        return "%.2f M" % (v / 1e6)
    if v >= 1e4:
        return "%.0f k" % (v / 1e3)
    if v >= 1000:
        return "%.1f k" % (v / 1e3)
    if v >= 10:
        return "%.0f" % v
    return "%.1f" % v if v != int(v) else "%d" % v


# The targets timed in the C++ binary (benchmarks/tools/paired.py times them in pairs too):
# (label, (numerator op, denominator op), limit, "max"|"min").
CPP_TARGETS = [
    ("typed parse from bytes ÷ (pugixml parse + touch every node)", ("xso_parse_bytes", "pugixml_parse_walk"), 1.25, "max"),
    ("serialize ÷ pugixml save of an existing DOM", ("xso_serialize", "pugixml_save"), 1.0, "max"),
    ("gloox typed parse ÷ xso parse", ("gloox_parse_typed", "xso_parse_bytes"), 10, "min"),
    ("gloox `Tag::xml()` ÷ xso serialize", ("gloox_xml_tag", "xso_serialize"), 10, "min"),
]

TO_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}  # Google Benchmark's time units


def collect(results_dir):
    gb = load(os.path.join(results_dir, "xso_bench.json"))
    figures = {}  # (op, case) -> dict(us, wall_us, mbps, allocs, alloc_bytes, cv)
    for b in gb["benchmarks"]:
        if b.get("run_type") != "aggregate":
            continue
        op, case = b["run_name"].split("/", 1)
        entry = figures.setdefault((op, case), {})
        scale = TO_US[b["time_unit"]]
        if b["aggregate_name"] == "median":
            entry["us"] = b["cpu_time"] * scale
            entry["wall_us"] = b["real_time"] * scale
            entry["mbps"] = b.get("bytes_per_second", 0) / 1e6
            entry["allocs"] = b.get("allocs")
            entry["alloc_bytes"] = b.get("alloc_bytes")
            entry["repetitions"] = b.get("repetitions")
        elif b["aggregate_name"] == "cv":
            entry["cv"] = b["cpu_time"]
        elif b["aggregate_name"] == "min":
            entry["min_us"] = b["cpu_time"] * scale
    aio = load(os.path.join(results_dir, "aioxmpp.json"))
    for case, r in aio["cases"].items():
        figures[("aioxmpp_parse", case)] = {"us": r["parse_us"], "mbps": r["bytes"] / r["parse_us"],
                                            "min_us": r["parse_us_min"], "max_us": r["parse_us_max"]}
        figures[("aioxmpp_serialize", case)] = {"us": r["serialize_us"], "mbps": r["output_bytes"] / r["serialize_us"],
                                                "min_us": r["serialize_us_min"], "max_us": r["serialize_us_max"],
                                                "round_trip": r["round_trip_c14n_equal"]}
    # xso timed in the aioxmpp phase, right before aioxmpp times each case: "<op>_ref", the
    # median of the runs' medians (older results have none; the aioxmpp ratios then use the
    # main run).
    runs = {}
    for path in sorted(glob.glob(os.path.join(results_dir, "xso_reference_*.json"))):
        for b in load(path)["benchmarks"]:
            if b.get("run_type") == "aggregate" and b["aggregate_name"] == "median":
                op, case = b["run_name"].split("/", 1)
                runs.setdefault((op + "_ref", case), []).append(b["cpu_time"] * TO_US[b["time_unit"]])
    for key, values in runs.items():
        figures[key] = {"us": statistics.median(values), "min_us": min(values), "max_us": max(values), "runs": len(values)}
    return gb, aio, figures


def same_phase(figures, op):
    """The xso op the aioxmpp ratios divide by: its times from the aioxmpp phase when they
    were recorded for every case."""
    return op + "_ref" if all((op + "_ref", c) in figures for c in CASES) else op


def us(figures, op, case, key="us"):
    return figures.get((op, case), {}).get(key)


def ratio(figures, num, den, case, key="us"):
    """num ÷ den of the median times, or (key="min_us") of the fastest repetitions; None
    when a figure is missing (minima: results written before they were recorded)."""
    a, b = us(figures, num, case, key), us(figures, den, case, key)
    return a / b if a and b else None


def machine_speed(figures):
    """This run's pugixml parse times ÷ the reference machine's (benchmarks/reference-machine.json):
    (median, min, max) over the cases both have, or None."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference-machine.json")
    if not os.path.exists(path):
        return None
    ref = load(path)["pugixml_parse_us"]
    factors = [us(figures, "pugixml_parse", c) / t for c, t in ref.items() if us(figures, "pugixml_parse", c)]
    if not factors:
        return None
    return statistics.median(factors), min(factors), max(factors)


def paired_section(results_dir, targets):
    """Markdown for paired.json (benchmarks/tools/paired.py), if the run has one."""
    path = os.path.join(results_dir, "paired.json")
    if not os.path.exists(path):
        return []
    pr = load(path)
    md = ["The same ratios, paired (`benchmarks/tools/paired.py`, after the interleaved run): %d rounds; in each, one "
          "short pass per case (at least %g s per op) times the ops of the targets within a second of each other, "
          "which gives one value of each ratio. Median over the rounds (quartiles). Both sides of each value met the "
          "same state of the machine, which the medians of a long run on a shared machine do not promise:"
          % (pr["rounds"], pr["min_time_s"]), ""]
    md.append("| target (paired) | bound | " + " | ".join(CASES) + " | would be met |")
    md.append("|---|---|" + "---:|" * len(CASES) + "---|")
    for label, (num, den), limit, kind in targets:
        by_case = pr["ratios"].get("%s/%s" % (num, den))
        if not by_case:
            continue
        cells, met = [], True
        for c in CASES:
            r = by_case.get(c)
            if not r:
                cells.append("–")
                met = False
                continue
            cells.append("%s (%s–%s)" % (fmt_ratio(r["median"]), fmt_ratio(r["q1"]).rstrip("×"), fmt_ratio(r["q3"])))
            met = met and (r["median"] <= limit if kind == "max" else r["median"] >= limit)
        bound = ("≤ %g" if kind == "max" else "≥ %g") % limit
        md.append("| %s | %s | %s | %s |" % (label, bound, " | ".join(cells), "yes" if met else "no"))
    md.append("")
    return md


def instruction_section(results_dir, targets, timed_on):
    """Markdown for instructions.json (benchmarks/tools/instructions.py), if the run has one."""
    path = os.path.join(results_dir, "instructions.json")
    if not os.path.exists(path):
        return []
    ic = load(path)
    ops = ic["ops"]

    def count(op, case):
        return ops.get("%s/%s" % (op, case), {}).get("instructions")

    md = ["## Instructions per operation (callgrind)", ""]
    text = ("Counted by `benchmarks/tools/instructions.py` on %s, commit %s (%s; each op's timed loop with 1 and with "
            "1 + %d iterations after an uncounted run, the difference over %d). Counts do not depend on the machine's "
            "load, so they show whether a change in a ratio came from the code; they are no measure of time (a cache "
            "miss or a mispredicted branch costs many instructions' worth), and the targets above stay judged on time."
            % (ic.get("date", "?"), ic.get("commit", "?"), ic["valgrind"], ic["extra_iterations"], ic["extra_iterations"]))
    # scripts/bench counts right after timing; counts much later than the times were taken on
    # their own, perhaps of other code, and the reader must know.
    stamp = "%Y-%m-%d %H:%M UTC"
    try:
        apart = abs(datetime.datetime.strptime(ic["date"], stamp) - datetime.datetime.strptime(timed_on, stamp))
    except (KeyError, ValueError):
        apart = None
    if apart is None or apart > datetime.timedelta(minutes=30):
        text += (" These counts were not taken in the run that measured the times above (%s): compare them with "
                 "those times only knowing that the code may differ." % timed_on)
    md.append(text + " Counts ÷ 1000:")
    md.append("")
    md.append("| op | " + " | ".join(CASES) + " |")
    md.append("|---|" + "---:|" * len(CASES))
    for op, label in PARSE_OPS + SERIALIZE_OPS:
        if any(count(op, c) for c in CASES):
            md.append("| %s | %s |" % (label.replace("**", ""), " | ".join(
                "{:,.1f}".format(count(op, c) / 1000) if count(op, c) else "–" for c in CASES)))
    md.append("")
    md.append("The targets' ratios, in instructions:")
    md.append("")
    md.append("| ratio | " + " | ".join(CASES) + " |")
    md.append("|---|" + "---:|" * len(CASES))
    for label, (num, den), _, _ in targets:
        if num.startswith("aioxmpp"):
            continue  # aioxmpp runs in Python, outside the counted binary
        cells = []
        for c in CASES:
            a, b = count(num, c), count(den, c)
            cells.append(fmt_ratio(a / b) if a and b else "–")
        md.append("| %s | %s |" % (label, " | ".join(cells)))
    md.append("")
    return md


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--readme")
    args = ap.parse_args()

    gb, aio, figures = collect(args.results)
    env = load(os.path.join(args.results, "environment.json"))
    ct = load(os.path.join(args.results, "compile_time.json"))
    ctx = gb["context"]
    sizes = {c: int(ctx["case_" + c].split()[0]) for c in CASES}

    targets = CPP_TARGETS + [
        ("aioxmpp parse ÷ xso parse", ("aioxmpp_parse", same_phase(figures, "xso_parse_bytes")), 100, "min"),
        ("aioxmpp serialize ÷ xso serialize", ("aioxmpp_serialize", same_phase(figures, "xso_serialize")), 100, "min"),
    ]
    target_rows = []
    min_target_rows = []
    summary_targets = []
    for label, (num, den), limit, kind in targets:
        values = {c: ratio(figures, num, den, c) for c in CASES}
        met = all(v is not None and (v <= limit if kind == "max" else v >= limit) for v in values.values())
        bound = ("≤ %g" if kind == "max" else "≥ %g") % limit
        target_rows.append("| %s | %s | %s | %s |" % (label, bound, " | ".join(fmt_ratio(values[c]) for c in CASES), "yes" if met else "**no**"))
        entry = {"target": label, "bound": bound, "ratios": values, "met": met}
        # Minima only between ops of the one interleaved C++ run: aioxmpp is timed in its own
        # phase, and a machine that is faster in one phase than in the other would make a
        # ratio of two minima say nothing.
        if not (num.startswith("aioxmpp") or den.startswith("aioxmpp")):
            from_minima = {c: ratio(figures, num, den, c, "min_us") for c in CASES}
            met_minima = all(v is not None and (v <= limit if kind == "max" else v >= limit) for v in from_minima.values())
            min_target_rows.append("| %s | %s | %s | %s |" % (label, bound, " | ".join(fmt_ratio(from_minima[c]) for c in CASES),
                                                            "yes" if met_minima else "no"))
            entry.update({"ratios_from_minima": from_minima, "met_from_minima": met_minima})
        summary_targets.append(entry)
    compile_rows = []
    for key, label, limit in [("instantiate_all", "compile: parse + serialize of all %d generated types" % ct["compile"]["instantiate_all"].get("types", 0), 15.0),
                              ("umbrella_only", "compile: only `#include <xso/pubsub.hpp>`", 2.0)]:
        r = ct["compile"][key]
        met = r["wall_s_min"] < limit
        compile_rows.append("| %s | < %g s | %.2f s (median %.2f s, CPU %.2f s) | %s |" % (label, limit, r["wall_s_min"], r["wall_s_median"], r["cpu_s_min"], "yes" if met else "**no**"))
        summary_targets.append({"target": label, "bound": "< %g s" % limit, "seconds_min": r["wall_s_min"], "met": met})
    if "use_stanzas" in ct["compile"] and "use_stanzas_compiled" in ct["compile"]:
        # Not a target of the issue: what a user's file pays, header-only and against
        # compiled bindings (docs/compile-time.md).
        ho, co = ct["compile"]["use_stanzas"], ct["compile"]["use_stanzas_compiled"]
        compile_rows.append("| compile: a file that parses and serializes `Iq` and `Message` (`benchmarks/compile_time/use_stanzas.cpp`) "
                            "| (no bound) | %.2f s header-only; %.2f s with compiled bindings (`xso::compiled`) | — |"
                            % (ho["wall_s_min"], co["wall_s_min"]))
    g = ct["generator"]
    gen_met = g["wall_s_min"] < 0.5
    compile_rows.append("| generator: xsoc on all %d schemas | well under 1 s | %.3f s | %s |" % (g["schemas"], g["wall_s_min"], "yes" if gen_met else "**no**"))
    summary_targets.append({"target": "xsoc on all schemas", "bound": "well under 1 s", "seconds_min": g["wall_s_min"], "met": gen_met})

    head = "| op | " + " | ".join("%s (%s B)" % (c, "{:,}".format(sizes[c])) for c in CASES) + " |"
    sep = "|---|" + "---:|" * len(CASES)

    def time_table(ops):
        rows = [head, sep]
        for op, label in ops:
            if not any((op, c) in figures for c in CASES):
                continue
            cells = []
            for c in CASES:
                f = figures.get((op, c))
                cells.append("%s · %.0f MB/s" % (fmt_time(f["us"]), f["mbps"]) if f else "–")
            rows.append("| %s | %s |" % (label, " | ".join(cells)))
        return rows

    def alloc_table(ops):
        rows = ["| op | " + " | ".join(CASES) + " |", "|---|" + "---:|" * len(CASES)]
        for op, label in ops:
            if op.startswith("aioxmpp") or not any((op, c) in figures for c in CASES):
                continue
            cells = []
            for c in CASES:
                f = figures.get((op, c), {})
                cells.append("%s · %sB" % (fmt_count(f.get("allocs")), fmt_count(f.get("alloc_bytes"))) if f else "–")
            rows.append("| %s | %s |" % (label.replace("**", ""), " | ".join(cells)))
        return rows

    abstraction = []
    for num, den, label in [("xso_parse_bytes", "hand_parse_bytes", "from bytes"), ("xso_parse_node", "hand_parse_node", "from a node")]:
        abstraction.append("| xso ÷ hand-written, %s | %s |" % (label, " | ".join(fmt_ratio(ratio(figures, num, den, c)) for c in CASES)))

    worst_cv = max((f.get("cv", 0) or 0) for (op, c), f in figures.items() if not op.startswith("aioxmpp"))
    wall_cpu = [f["wall_us"] / f["us"] for (op, c), f in figures.items() if f.get("wall_us") and f.get("us")]
    speed = machine_speed(figures)
    speed_text = ""
    if speed:
        speed_text = ("pugixml's own parse took %.2f× (%.2f–%.2f× by case) the time it takes on the reference machine "
                      "(`benchmarks/reference-machine.json`: 2 vCPU at 2.6 GHz, the machine the bounds are meant for)"
                      % speed)
    load_before = env.get("load_before", "?")
    load_after = env.get("load_after", "?")

    md = []
    md.append("# xso benchmark results")
    md.append("")
    md.append("Written by `scripts/bench` on %s. Raw data: `xso_bench.json` (Google Benchmark), `aioxmpp.json`, "
              "`compile_time.json`, `environment.json`; figures below are in `summary.json`." % env["date"])
    md.append("")
    md.append("## Setup")
    md.append("")
    md.append("- Machine: %s, %s CPUs, %s; Debian %s, kernel %s." % (env["cpu_model"], env["cpus"], env["memory"], env["debian"], env["kernel"]))
    md.append("- Load average (1/5/15 min) before the run: %s; after: %s. The machine is shared with other developers' builds; "
              "every benchmark is pinned with `taskset -c %s`, and the figures are CPU time." % (load_before, load_after, env["cpu_pinned"]))
    md.append("- C++: %s, flags `%s` (CMake Release with the flags set to -O2; no `-march`), C++%s. "
              "pugixml %s, Google Benchmark %s (Debian's build, which reports itself as DEBUG: that is the library, "
              "the timed loops are compiled with the flags above), gloox %s." % (
                  ctx["xso_compiler"], ctx["xso_cxx_flags"], str(ctx["xso_cxx_standard"])[2:4], env["packages"].get("libpugixml-dev", "?"),
                  env["packages"].get("libbenchmark-dev", "?"), env["packages"].get("libgloox-dev", "?")))
    md.append("- Python: %s (`%s`), aioxmpp %s (Debian `python3-aioxmpp` %s)." % (aio["python"], aio["executable"], aio["aioxmpp_version"], env["packages"].get("python3-aioxmpp", "?")))
    md.append("- C++ method: %s repetitions of each benchmark, each at least %s s, all repetitions of all benchmarks run in one "
              "random interleaved order (so that a slow spell of the shared machine spreads over every op instead of landing on "
              "one case); the tables give the **median CPU time per "
              "stanza** over the repetitions and MB/s of the op's own bytes (input for parse, output for serialize; MB = 10⁶ B). "
              "Largest coefficient of variation of the CPU time over the repetitions: %.1f %%. Median wall time ÷ CPU time: %.2f–%.2f "
              "(above 1: the pinned CPU was shared)." % (env["repetitions"], env["min_time"], 100 * worst_cv, min(wall_cpu), max(wall_cpu)))
    if speed_text:
        md.append("- Machine speed: in this run, %s. Ratios within the run do not depend on it; absolute times, the "
                  "compile times among them, do, though not all by that factor." % speed_text)
    md.append("- aioxmpp method: %s (wall time; GC on)." % aio["method"])
    md.append("- Inputs: the five frozen stanzas of `benchmarks/cases/` (SHA-256 checked before timing) and `items_1000`, "
              "generated by the benchmark (%s)." % ctx["case_items_1000"])
    md.append("- Before timing, each contender's output was checked: xso's round trip is canonically equal to the input "
              "(`xso::canonical_equal`) and re-parses to the same value; xso from a node, and the hand-written traversal, give "
              "values equal to xso's parse; pugixml's outputs are canonically equal to the input; gloox and aioxmpp parsed what "
              "`benchmarks/cases/README.md` says (item counts and ids, form values, error conditions), and gloox's `Tag::xml()` "
              "round-trips.")
    md.append("")
    md.append("## Targets (ratios within one run)")
    md.append("")
    md.append("| target | bound | " + " | ".join(CASES) + " | met |")
    md.append("|---|---|" + "---:|" * len(CASES) + "---|")
    md.extend(target_rows)
    md.append("")
    if same_phase(figures, "xso_parse_bytes").endswith("_ref"):
        n_ref = figures[("xso_parse_bytes_ref", CASES[0])]["runs"]
        md.append("The aioxmpp rows divide aioxmpp's times by xso's timed in the same phase: in each of the %d aioxmpp "
                  "runs, right before aioxmpp timed a case, `xso_bench` timed xso's parse from bytes and serialize of "
                  "that case again (5 repetitions, interleaved), seconds before; the median of those %d medians, "
                  "against the interleaved run's median for comparison:" % (n_ref, n_ref))
        md.append("")
        md.append("| xso, timed in the aioxmpp phase | " + " | ".join(CASES) + " |")
        md.append("|---|" + "---:|" * len(CASES))
        for op, label in [("xso_parse_bytes", "parse from bytes"), ("xso_serialize", "serialize")]:
            md.append("| %s | %s |" % (label, " | ".join("%s (run: %s)" % (fmt_time(us(figures, op + "_ref", c)), fmt_time(us(figures, op, c)))
                                                          for c in CASES)))
        md.append("")
    if any(f.get("min_us") for (op, c), f in figures.items() if not op.startswith("aioxmpp")):
        md.append("The targets are judged on the medians above. As a check on the shared machine's noise, the same ratios "
                  "from each op's fastest repetition (other tenants only ever add time), for the ops timed together in the "
                  "interleaved C++ run (aioxmpp runs in a phase of its own, so a ratio of minima across phases would "
                  "compare two states of the machine):")
        md.append("")
        md.append("| target (from minima) | bound | " + " | ".join(CASES) + " | would be met |")
        md.append("|---|---|" + "---:|" * len(CASES) + "---|")
        md.extend(min_target_rows)
        md.append("")
    md.extend(paired_section(args.results, targets))
    md.append("| target | bound | measured (minimum of %d runs) | met |" % ct["compile"]["umbrella_only"]["runs"])
    md.append("|---|---|---|---|")
    md.extend(compile_rows)
    md.append("")
    md.append("Compile command: `%s`. Compile and generator times are wall-clock minima: other processes only ever add time."
              % ct["compile"]["instantiate_all"]["command"] + (" They are absolute: read them with the machine speed of the setup above." if speed_text else ""))
    md.append("")
    md.append("## Parse (median CPU time per stanza · MB/s of input)")
    md.append("")
    md.extend(time_table(PARSE_OPS))
    md.append("")
    md.append("Cost of the generic, table-driven binding (xso ÷ hand-written traversal filling the same structs):")
    md.append("")
    md.append("| | " + " | ".join(CASES) + " |")
    md.append("|---|" + "---:|" * len(CASES))
    md.extend(abstraction)
    md.append("")
    md.append("## Serialize (median CPU time per stanza · MB/s of output)")
    md.append("")
    md.extend(time_table(SERIALIZE_OPS))
    md.append("")
    md.append("## Heap allocations per operation (count · bytes)")
    md.append("")
    md.extend(alloc_table(PARSE_OPS + SERIALIZE_OPS))
    md.append("")
    md.append("Counted by the benchmark binary's replacement of the global `operator new`/`delete` and by pugixml's "
              "allocation hook (pugixml calls `malloc` directly). aioxmpp is not counted.")
    md.append("")
    md.extend(instruction_section(args.results, targets, env["date"]))
    md.append("## What each op does")
    md.append("")
    md.append("See `benchmarks/README.md`.")
    md.append("")
    with open(os.path.join(args.results, "results.md"), "w") as f:
        f.write("\n".join(md))

    summary = {
        "date": env["date"],
        "environment": env,
        "context": ctx,
        "targets": summary_targets,
        "figures": {"%s/%s" % k: v for k, v in sorted(figures.items())},
        "compile_time": ct,
    }
    if speed:
        summary["machine_speed_vs_reference"] = {"median": speed[0], "min": speed[1], "max": speed[2],
                                                 "of": "pugixml_parse time ÷ benchmarks/reference-machine.json"}
    if os.path.exists(os.path.join(args.results, "paired.json")):
        paired = load(os.path.join(args.results, "paired.json"))
        summary["paired_ratios"] = {k: {c: {q: r[q] for q in ("median", "q1", "q3")} for c, r in v.items()}
                                    for k, v in paired["ratios"].items()}
    if os.path.exists(os.path.join(args.results, "instructions.json")):
        summary["instructions"] = load(os.path.join(args.results, "instructions.json"))
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")

    # Chart: throughput per contender and case, parse and serialize side by side (log scale).
    chart_parse = [("pugixml_parse_walk", "pugixml parse + touch all"), ("xso_parse_bytes", "xso typed parse"),
                   ("hand_parse_bytes", "hand-written traversal"), ("gloox_parse_typed", "gloox typed"), ("aioxmpp_parse", "aioxmpp")]
    chart_ser = [("pugixml_save", "pugixml save (DOM prebuilt)"), ("xso_serialize", "xso serialize"),
                 ("pugixml_build_save", "pugixml build + save"), ("gloox_xml_tag", "gloox Tag::xml()"), ("aioxmpp_serialize", "aioxmpp")]
    with open(os.path.join(args.results, "chart.dat"), "w") as f:
        f.write("# case " + " ".join(op for op, _ in chart_parse + chart_ser) + "  (MB/s, median)\n")
        for c in CASES:
            vals = [figures.get((op, c), {}).get("mbps", 0) for op, _ in chart_parse + chart_ser]
            f.write("%s %s\n" % (c, " ".join("%.3f" % v for v in vals)))
    gp = []
    gp.append("set terminal pngcairo noenhanced size 1400,600 font 'DejaVu Sans,10'")  # '_' is not a subscript
    gp.append("set output '%s'" % os.path.join(args.results, "chart.png"))
    gp.append("set multiplot layout 1,2 title 'xso vs pugixml floor and peers — MB/s (log scale, higher is better), %s, %s' font ',11'" % (env["date"][:10], env["cpu_model"]))
    gp.append("set style data histograms")
    gp.append("set style histogram clustered gap 1")
    gp.append("set style fill solid 0.9 border -1")
    gp.append("set logscale y")
    gp.append("set yrange [1:50000]")  # room above the bars for the key
    gp.append("set grid ytics")
    gp.append("set key top right font ',9'")
    gp.append("set xtics rotate by -20 font ',9'")
    colors = ["#9e9e9e", "#1f77b4", "#aec7e8", "#d62728", "#2ca02c"]
    n = len(chart_parse)
    gp.append("set title 'parse'")
    gp.append("plot " + ", ".join("'%s' using %d:xtic(1) title '%s' lc rgb '%s'" % (os.path.join(args.results, "chart.dat"), 2 + i, label, colors[i]) for i, (_, label) in enumerate(chart_parse)))
    gp.append("set title 'serialize'")
    gp.append("plot " + ", ".join("'%s' using %d:xtic(1) title '%s' lc rgb '%s'" % (os.path.join(args.results, "chart.dat"), 2 + n + i, label, colors[i]) for i, (_, label) in enumerate(chart_ser)))
    gp.append("unset multiplot")
    with open(os.path.join(args.results, "chart.gp"), "w") as f:
        f.write("\n".join(gp) + "\n")

    if args.readme:
        block = []
        block.append("Measured by `scripts/bench` on %s (%s, %s CPUs, load %s before the run; %s `%s`); "
                     "median CPU time per stanza, full report in [`benchmarks/results/results.md`](benchmarks/results/results.md)." % (
                         env["date"][:10], env["cpu_model"], env["cpus"], load_before, ctx["xso_compiler"], ctx["xso_cxx_flags"]))
        block.append("")
        block.append("| op | " + " | ".join(CASES) + " |")
        block.append("|---|" + "---:|" * len(CASES))
        for op, label in [("pugixml_parse_walk", "pugixml parse + touch every node"), ("xso_parse_bytes", "**xso typed parse**"),
                          ("gloox_parse_typed", "gloox typed parse"), ("aioxmpp_parse", "aioxmpp parse"),
                          ("pugixml_save", "pugixml save (DOM prebuilt)"), ("xso_serialize", "**xso serialize**"),
                          ("gloox_xml_tag", "gloox `Tag::xml()`"), ("aioxmpp_serialize", "aioxmpp serialize")]:
            block.append("| %s | %s |" % (label, " | ".join(fmt_time(us(figures, op, c)) for c in CASES)))
        block.append("")
        block.append("| target | bound | " + " | ".join(CASES) + " | met |")
        block.append("|---|---|" + "---:|" * len(CASES) + "---|")
        block.extend(target_rows)
        block.append("")
        block.append("| target | bound | measured | met |")
        block.append("|---|---|---|---|")
        block.extend(compile_rows)
        block.append("")
        if speed_text:
            block.append("Machine speed in this run: %s." % speed_text)
            block.append("")
        block.append("![throughput chart](benchmarks/results/chart.png)")
        with open(args.readme) as f:
            text = f.read()
        begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
        if begin not in text or end not in text:
            sys.exit("report.py: %s has no %s ... %s block" % (args.readme, begin, end))
        pre, rest = text.split(begin, 1)
        _, post = rest.split(end, 1)
        with open(args.readme, "w") as f:
            f.write(pre + begin + "\n" + "\n".join(block) + "\n" + end + post)


if __name__ == "__main__":
    main()
