#!/usr/bin/env bash
# Builds the four fuzz targets with libFuzzer's coverage instrumentation on the stable toolchain
# (no cargo-fuzz, no sanitizer: the crates forbid unsafe code) and runs each for SECONDS
# (default 600), seeded from the examples, the rule fixtures, the bad-input catalogue and the
# first lines of each vendored publication. A crash leaves its input in fuzz/artifacts/.
#
#   bash fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
target=x86_64-unknown-linux-gnu
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
cargo build --release --bins --target "$target"
bin=target/$target/release
targets="load_validate import_csv policy_file csv_outputs"
for t in $targets; do mkdir -p "corpus/$t" "seeds/$t"; done
mkdir -p artifacts
cp ../examples/*.json ../examples/*.yaml seeds/load_validate/
for f in ../tests/fixtures/rules/*/*.json ../tests/bad_input/*.json ../tests/bad_input/*.yaml; do
  case "$f" in *billion*) continue ;; esac
  cp "$f" "seeds/load_validate/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in ../data/nhs-england/*.csv; do
  [ -e "$f" ] && head -c 3000 "$f" > "seeds/import_csv/$(basename "$f")"
done
cp seeds/import_csv/* seeds/csv_outputs/
cp ../examples/icsgov.toml ../tests/fixtures/policies/*.toml seeds/policy_file/
for t in $targets; do
  "$bin/$t" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
    -artifact_prefix="artifacts/$t-" "corpus/$t" "seeds/$t" &
done
wait
