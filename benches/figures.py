#!/usr/bin/env python3
"""Prints the Performance table of README.md from criterion's results in target/criterion.

Run by benches/run.sh after the benches; reads only what criterion wrote, so the figures and
ratios come from one run on one machine.
"""
import json
import os
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"


def mean_ms(group, bench, size=None):
    path = os.path.join(ROOT, group, bench, *([str(size)] if size is not None else []), "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["mean"]["point_estimate"] / 1e6
    except FileNotFoundError:
        return None


def fmt(ms):
    if ms is None:
        return "–"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 1:
        return f"{ms:.1f} ms"
    return f"{ms * 1000:.0f} µs"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


SIZES = [1_000, 10_000, 100_000, 1_000_000]
print("| bodies | serde_json → Value | load JSON | load + validate | ratio to serde_json | validate (all rules) | × previous size | load YAML | timeline | as of one date |")
print("|---|---|---|---|---|---|---|---|---|---|")
prev = None
for n in SIZES:
    value = mean_ms("load", "serde_json Value", n)
    json_ = mean_ms("load", "json", n)
    both = mean_ms("load", "json and validate", n)
    val = mean_ms("validate", "all rules", n)
    yaml = mean_ms("load", "yaml", n)
    tl = mean_ms("timeline", "whole timeline", n)
    asof = mean_ms("timeline", "as of one date", n)
    print(f"| {n:,} | {fmt(value)} | {fmt(json_)} | {fmt(both)} | {ratio(both, value)} | {fmt(val)} | {ratio(val, prev)} | {fmt(yaml)} | {fmt(tl)} | {fmt(asof)} |")
    prev = val

print()
print("| the machine's floor, one thread | 1,000 | 10,000 | 100,000 | 1,000,000 | 10k ÷ 1k | 100k ÷ 10k | 1M ÷ 100k |")
print("|---|---|---|---|---|---|---|---|")
for bench in ["intern and resolve", "one pass in order"]:
    v = [mean_ms("floor", bench, n) for n in SIZES]
    print(f"| {bench} | " + " | ".join(fmt(x) for x in v) + f" | {ratio(v[1], v[0])} | {ratio(v[2], v[1])} | {ratio(v[3], v[2])} |")
v = [mean_ms("validate", "all rules", n) for n in SIZES]
print(f"| validate (all rules), for comparison | " + " | ".join(fmt(x) for x in v) + f" | {ratio(v[1], v[0])} | {ratio(v[2], v[1])} | {ratio(v[3], v[2])} |")

print()
print("| worst case | 10,000 | 100,000 | 1,000,000 | 1M ÷ 100k |")
print("|---|---|---|---|---|")
for bench in ["accountability chain", "accountability cycle", "one place, n neighbourhoods"]:
    v = [mean_ms("worst", bench, n) for n in (10_000, 100_000, 1_000_000)]
    print(f"| {bench} | {fmt(v[0])} | {fmt(v[1])} | {fmt(v[2])} | {ratio(v[2], v[1])} |")

print()
rules = sorted(d for d in os.listdir(os.path.join(ROOT, "rule")) if d.startswith("ICS")) if os.path.isdir(os.path.join(ROOT, "rule")) else []
print("| rule alone | 1,000 | 10,000 | 100,000 | 1,000,000 | 1M ÷ 100k |")
print("|---|---|---|---|---|---|")
for r in rules + ["no rules (the context alone)"]:
    v = [mean_ms("rule", r, n) for n in SIZES]
    print(f"| {r} | " + " | ".join(fmt(x) for x in v) + f" | {ratio(v[3], v[2])} |")

print()
print("| England (vendored publications) | time |")
print("|---|---|")
for bench in ["import all publications", "load england.json", "validate as of 2025-10-01", "validate without a date", "import, write, load and validate"]:
    print(f"| {bench} | {fmt(mean_ms('england', bench))} |")
cli = mean_ms("england_cli", "icsgov validate _.csv (one process)")
print(f"| `icsgov validate *.csv --as-of 2025-10-01`, one process end to end | {fmt(cli)} |")
a, t = mean_ms("england", "validate as of 2025-10-01"), mean_ms("england", "validate without a date")
print(f"\nTimeline ÷ one as-of validation on England: {ratio(t, a)}")
