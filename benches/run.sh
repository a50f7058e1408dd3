#!/usr/bin/env bash
# Reproduces README's Performance figures in one run on this machine: the criterion benches
# (about 20 minutes), then one `icsgov validate` process on a generated million bodies under
# /usr/bin/time -v for its time and peak memory, in turn with a bare serde_json parse of the
# same file (examples/parse_value.rs), then each output format on a million bodies with 5%
# faults, then when human output starts (benches/first_byte.py), then the tables.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench scale
cargo bench --bench england
cargo bench -p icsgov-cli --bench england_cli
cargo build --release -p icsgov-cli
cargo build --release --example parse_value
mkdir -p target/perf
for n in 100000 1000000; do
  ./target/release/icsgov generate --bodies "$n" -o "target/perf/bodies-$n.json"
  # The whole process against a bare serde_json parse of the same file into a Value, in turn.
  for run in 1 2 3; do
    /usr/bin/time -v ./target/release/examples/parse_value "target/perf/bodies-$n.json" \
      > /dev/null 2> "target/perf/value-$n.txt"
    /usr/bin/time -v ./target/release/icsgov validate "target/perf/bodies-$n.json" --format json \
      > /dev/null 2> "target/perf/time-$n.txt" || true
    grep -E "Elapsed|Maximum resident" "target/perf/value-$n.txt" | sed "s/^/$n bodies, serde_json Value, run $run: /"
    grep -E "Elapsed|Maximum resident" "target/perf/time-$n.txt" | sed "s/^/$n bodies, icsgov validate, run $run: /"
  done
done
# Every output format on a million bodies with 5% faults, in turn, three rounds: the formats
# that place findings against json, which places none (docs/performance.md, "Output formats").
./target/release/icsgov generate --bodies 1000000 --violations 0.05 -o target/perf/v5-1000000.json
for run in 1 2 3; do
  for format in json human github sarif junit; do
    /usr/bin/time -f "%e s, %M KB" ./target/release/icsgov validate target/perf/v5-1000000.json \
      --format "$format" > /dev/null 2> "target/perf/format-$format.txt" || true
    echo "a million bodies with 5% faults, --format $format, run $run: $(tail -n 1 "target/perf/format-$format.txt")"
  done
done
# When human output starts, against summary output, which prints as validation finishes.
python3 benches/first_byte.py ./target/release/icsgov target/perf/v5-1000000.json 3
python3 benches/figures.py target/criterion
