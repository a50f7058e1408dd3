#!/usr/bin/env bash
# Reproduces README's Performance figures in one run on this machine: the criterion benches
# (about 20 minutes), then one `icsgov validate` process on a generated million bodies under
# /usr/bin/time -v for its time and peak memory, then the tables.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench scale
cargo bench --bench england
cargo bench -p icsgov-cli --bench england_cli
cargo build --release -p icsgov-cli
mkdir -p target/perf
for n in 100000 1000000; do
  ./target/release/icsgov generate --bodies "$n" -o "target/perf/bodies-$n.json"
  /usr/bin/time -v ./target/release/icsgov validate "target/perf/bodies-$n.json" --format json \
    > /dev/null 2> "target/perf/time-$n.txt" || true
  grep -E "Elapsed|Maximum resident" "target/perf/time-$n.txt" | sed "s/^/$n bodies: /"
done
python3 benches/figures.py target/criterion
