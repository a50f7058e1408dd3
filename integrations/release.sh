#!/usr/bin/env bash
# Builds the release archive for one target, as the release workflow does for each:
#
#   integrations/release.sh [TARGET]     # the host's target by default
#
# writes dist/icsgov-TARGET.tar.gz (a folder icsgov-VERSION-TARGET holding the binary, the
# manual pages, shell completions, README and licences) and its .sha256, the names
# integrations/github/install.sh fetches.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-$(rustc -vV | sed -n 's/^host: //p')}"
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)"
cargo build --release --locked -p icsgov-cli --target "$target"
bin="target/$target/release/icsgov"
name="icsgov-$version-$target"
stage="dist/$name"
rm -rf "$stage" && mkdir -p "$stage/man" "$stage/completions"
cp "$bin" README.md LICENSE-MIT LICENSE-APACHE "$stage/"
"$bin" man >"$stage/man/icsgov.1"
for command in validate import generate graph report rules policy explain schema completions man; do
  "$bin" man "$command" >"$stage/man/icsgov-$command.1"
done
for shell in bash zsh fish powershell elvish; do
  "$bin" completions "$shell" >"$stage/completions/icsgov.$shell"
done
tar -czf "dist/icsgov-$target.tar.gz" -C dist "$name"
(cd dist && sha256sum "icsgov-$target.tar.gz" >"icsgov-$target.tar.gz.sha256")
echo "dist/icsgov-$target.tar.gz"
