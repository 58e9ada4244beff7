#!/usr/bin/python3
"""aioxmpp (Debian's python3-aioxmpp, system Python) on the benchmark cases.

Parse: aioxmpp.xml.read_single_xso(bytes, IQ | Message), the stanza with aioxmpp's pubsub
XSO classes; for node_config_form also NodeConfigForm.from_xso (as in the reference
measurement, ../shared/reference/aioxmpp-pubsub.md section 11). Serialize:
aioxmpp.xml.write_single_xso of the parsed object.

Method of that reference: every call timed on its own with perf_counter_ns after 0.3 s of
warm-up, repetitions until both 2 s and 50 calls are reached (at most 20000), GC on; the
median per call; the whole set run --runs times, reporting the median of the run medians
with their min and max. Before timing, each case is checked: the parsed objects hold what
benchmarks/cases/README.md says (a wrong parse is never timed), and the round trip is
compared after Canonical XML (reported, as aioxmpp is known not to round-trip two cases).

--before-each-case CMD runs a shell command before each case of each run ("{run}" in it
replaced by the run's number, "{case}" by the case's name): scripts/bench times xso's
parse and serialize of that case there, so that each aioxmpp ratio compares times taken
seconds apart, on the same machine state.

  aioxmpp_bench.py --cases DIR [--extra FILE]... [--runs N] [--before-each-case CMD]
                   [--check-only] [--out FILE]
"""

import argparse
import gc
import hashlib
import io
import json
import statistics
import subprocess
import sys
import time

import aioxmpp
import aioxmpp.pubsub
import aioxmpp.xml
import lxml.etree

EVENT_ITEM_ID = "7e50d0323ac6b74ba3a59f2bdb265058"
ATOM = "http://www.w3.org/2005/Atom"


def splitmix64(x):
    mask = (1 << 64) - 1
    x = (x + 0x9E3779B97F4A7C15) & mask
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & mask
    return x ^ (x >> 31)


def generated_item_id(i):
    """Item ids of the generated items results (benchmarks/src/cases.cpp)."""
    return "%016x%016x" % (splitmix64(2 * i + 1), splitmix64(2 * i + 2))


def kind_of(name):
    if name.startswith("items_"):
        return "items"
    return {"event_item": "event", "node_config_form": "form", "error": "error"}[name]


def parse(data, kind):
    stanza = aioxmpp.xml.read_single_xso(io.BytesIO(data), aioxmpp.Message if kind == "event" else aioxmpp.IQ)
    if kind == "form":
        form = aioxmpp.pubsub.NodeConfigForm.from_xso(stanza.payload.payload.data)
        return stanza, form
    return stanza, None


def serialize(stanza):
    out = io.BytesIO()
    aioxmpp.xml.write_single_xso(stanza, out)
    return out.getvalue()


def check_parse(name, kind, stanza, form):
    """Empty string when the parsed objects hold what the cases README says."""
    if kind == "items":
        items = stanza.payload.payload.items
        expected = int(name.split("_")[1])
        if len(items) != expected:
            return "%d items, expected %d" % (len(items), expected)
        for i, item in enumerate(items):
            # Without a registered payload class, aioxmpp keeps the <item/> as an lxml tree.
            kept = item.unregistered_payload
            payload = kept[0] if kept is not None and len(kept) == 1 else None
            if payload is None or payload.tag != "{%s}entry" % ATOM:
                return "item %d has no Atom entry" % (i + 1)
            if expected == 1000 and item.id_ != generated_item_id(i):
                return "item %d has the wrong id" % (i + 1)
        return ""
    if kind == "event":
        items = stanza.xep0060_event.payload.items
        if len(items) != 1 or items[0].id_ != EVENT_ITEM_ID:
            return "not the one event item"
        return ""
    if kind == "form":
        if form.max_items.value != "100" or form.access_model.value != "whitelist":
            return "max_items / access_model not as expected"
        return ""
    error = stanza.error
    if error.condition != aioxmpp.ErrorCondition.FEATURE_NOT_IMPLEMENTED:
        return "condition is not feature-not-implemented"
    app = error.application_condition
    if type(app).__name__ != "Unsupported" or app.feature != "publish-options":
        return "application condition is not unsupported/publish-options"
    return ""


def c14n(data):
    parser = lxml.etree.XMLParser(remove_blank_text=True)
    return lxml.etree.tostring(lxml.etree.fromstring(data, parser), method="c14n")


def time_calls(fn, min_time, warmup, min_calls=50, max_calls=20000):
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        fn()
    samples = []
    total = 0
    while (total < min_time * 1e9 or len(samples) < min_calls) and len(samples) < max_calls:
        t0 = time.perf_counter_ns()
        fn()
        t = time.perf_counter_ns() - t0
        samples.append(t)
        total += t
    return statistics.median(samples) / 1000.0, len(samples)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", required=True)
    ap.add_argument("--extra", action="append", default=[], help="further case files (the generated items_1000.xml)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--min-time", type=float, default=2.0)
    ap.add_argument("--warmup", type=float, default=0.3)
    ap.add_argument("--before-each-case",
                    help='shell command run before each case of each run; "{run}" is its number, "{case}" the case')
    ap.add_argument("--check-only", action="store_true")
    ap.add_argument("--out")
    args = ap.parse_args()

    cases = []
    with open(args.cases + "/SHA256SUMS") as sums:
        for line in sums:
            if not line.strip():
                continue
            digest, file = line.split()
            data = open(args.cases + "/" + file, "rb").read()
            if hashlib.sha256(data).hexdigest() != digest:
                sys.exit("aioxmpp_bench: %s is not the frozen input (SHA-256 differs)" % file)
            cases.append((file.rsplit(".", 1)[0], data))
    for path in args.extra:
        cases.append((path.rsplit("/", 1)[-1].rsplit(".", 1)[0], open(path, "rb").read()))

    checked = []
    ok = True
    for name, data in cases:
        kind = kind_of(name)
        try:
            stanza, form = parse(data, kind)
            problem = check_parse(name, kind, stanza, form)
            output = serialize(stanza)
        except Exception as e:  # a wrong parse must stop the run, whatever aioxmpp raised
            problem, output = "%s: %s" % (type(e).__name__, e), b""
        round_trip = bool(output) and c14n(output) == c14n(data)
        print("check %-17s aioxmpp: %s; round trip %s" % (name, problem or "ok", "c14n-equal" if round_trip else "differs"),
              file=sys.stderr)
        ok = ok and not problem
        checked.append((name, kind, data, stanza, len(output), round_trip))
    if not ok:
        sys.exit("aioxmpp_bench: correctness checks failed; nothing timed")
    if args.check_only:
        return

    runs = []
    for run in range(args.runs):
        result = {}
        for name, kind, data, stanza, out_bytes, round_trip in checked:
            if args.before_each_case:
                command = args.before_each_case.replace("{run}", str(run + 1)).replace("{case}", name)
                subprocess.run(command, shell=True, check=True)
            parse_us, parse_reps = time_calls(lambda: parse(data, kind), args.min_time, args.warmup)
            ser_us, ser_reps = time_calls(lambda: serialize(stanza), args.min_time, args.warmup)
            result[name] = (parse_us, parse_reps, ser_us, ser_reps)
            print("run %d %-17s parse %10.1f us  serialize %10.1f us" % (run + 1, name, parse_us, ser_us), file=sys.stderr)
        runs.append(result)

    report = {
        "tool": "aioxmpp",
        "aioxmpp_version": aioxmpp.__version__,
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "gc": gc.isenabled(),
        "method": "per-call perf_counter_ns, %.1f s warm-up, >= %.1f s and >= 50 calls (max 20000) per op; median per run; "
        "median of %d runs (min, max of the run medians)" % (args.warmup, args.min_time, args.runs),
        "before_each_case": args.before_each_case,
        "cases": {},
    }
    for name, kind, data, stanza, out_bytes, round_trip in checked:
        p = [r[name][0] for r in runs]
        s = [r[name][2] for r in runs]
        report["cases"][name] = {
            "bytes": len(data),
            "output_bytes": out_bytes,
            "round_trip_c14n_equal": round_trip,
            "parse_us": statistics.median(p),
            "parse_us_min": min(p),
            "parse_us_max": max(p),
            "parse_reps_last_run": runs[-1][name][1],
            "serialize_us": statistics.median(s),
            "serialize_us_min": min(s),
            "serialize_us_max": max(s),
            "serialize_reps_last_run": runs[-1][name][3],
        }
    text = json.dumps(report, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
