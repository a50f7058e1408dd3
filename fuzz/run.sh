#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer's coverage instrumentation on the stable toolchain
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
mkdir -p corpus/load_validate corpus/import_csv artifacts seeds/load_validate seeds/import_csv
cp ../examples/*.json ../examples/*.yaml seeds/load_validate/
for f in ../tests/fixtures/rules/*/*.json ../tests/bad_input/*.json ../tests/bad_input/*.yaml; do
  case "$f" in *billion*) continue ;; esac
  cp "$f" "seeds/load_validate/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in ../data/nhs-england/*.csv; do
  [ -e "$f" ] && head -c 3000 "$f" > "seeds/import_csv/$(basename "$f")"
done
"$bin/load_validate" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
  -artifact_prefix=artifacts/load_validate- corpus/load_validate seeds/load_validate &
"$bin/import_csv" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
  -artifact_prefix=artifacts/import_csv- corpus/import_csv seeds/import_csv &
wait
