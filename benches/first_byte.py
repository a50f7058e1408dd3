#!/usr/bin/env python3
"""When human output starts: for one dataset, runs `icsgov validate` with --format summary,
json and human in turn, for some rounds, and prints when each printed its first byte and its
last. Summary output is printed as soon as validation finishes (it places no finding), so
human output's first byte less summary output's, in the same round, is how long human output
takes to start after validation finishes (issue target: at most 0.5 s).

usage: python3 benches/first_byte.py ICSGOV DATASET [ROUNDS]
"""
import subprocess
import sys
import time


def run(icsgov, dataset, fmt):
    start = time.monotonic()
    p = subprocess.Popen(
        [icsgov, "validate", dataset, "--format", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    first = p.stdout.read(1)
    first_at = time.monotonic() - start
    size = len(first) + sum(len(c) for c in iter(lambda: p.stdout.read(1 << 20), b""))
    p.wait()
    return first_at, time.monotonic() - start, size


def main():
    icsgov, dataset = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    for r in range(1, rounds + 1):
        at = {}
        for fmt in ("summary", "json", "human"):
            first, last, size = run(icsgov, dataset, fmt)
            at[fmt] = first
            print(f"{dataset}, --format {fmt}, round {r}: first byte {first:.2f} s, "
                  f"last {last:.2f} s, {size:,} bytes")
        print(f"{dataset}, round {r}: human output starts {at['human'] - at['summary']:+.2f} s "
              f"after summary output, {at['human'] - at['json']:+.2f} s after json")


if __name__ == "__main__":
    main()
