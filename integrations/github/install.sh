#!/usr/bin/env bash
# Installs a released icsgov binary for this machine, for the GitHub Action (action.yml) or
# any CI job: no Rust toolchain and no compiling. The archive's SHA-256 is checked.
#
#   ICSGOV_VERSION=0.1.0 integrations/github/install.sh      # or latest (the default)
#   integrations/github/install.sh --print-url                # only say what would be fetched
#   ICSGOV_RELEASES_URL=https://mirror.example/icsgov/0.1.0 integrations/github/install.sh
#
# It installs into $ICSGOV_INSTALL_DIR (default $RUNNER_TEMP/icsgov/bin, or ~/.local/bin
# outside Actions) and, under Actions, adds that folder to the job's PATH.
set -euo pipefail

version="${ICSGOV_VERSION:-latest}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-gnu ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  *)
    echo "error: no icsgov release is built for $(uname -s) $(uname -m); build it with: cargo install --locked --git https://github.com/icsgov/icsgov icsgov-cli" >&2
    exit 2
    ;;
esac
if [ -n "${ICSGOV_RELEASES_URL:-}" ]; then
  # A mirror of the release assets (a proxy, an internal artefact store).
  base="${ICSGOV_RELEASES_URL%/}"
elif [ "$version" = latest ]; then
  base="https://github.com/icsgov/icsgov/releases/latest/download"
else
  base="https://github.com/icsgov/icsgov/releases/download/v${version#v}"
fi
archive="icsgov-${target}.tar.gz"
url="${base}/${archive}"
if [ "${1:-}" = --print-url ]; then
  echo "$url"
  exit 0
fi

dest="${ICSGOV_INSTALL_DIR:-}"
if [ -z "$dest" ]; then
  if [ -n "${RUNNER_TEMP:-}" ]; then dest="$RUNNER_TEMP/icsgov/bin"; else dest="$HOME/.local/bin"; fi
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fetch() { curl --fail --location --silent --show-error --retry 3 --output "$2" "$1"; }
if ! fetch "$url" "$tmp/$archive" || ! fetch "$url.sha256" "$tmp/$archive.sha256"; then
  echo "error: cannot download $url (is version $version released for $target?)" >&2
  exit 2
fi
if command -v sha256sum >/dev/null; then
  (cd "$tmp" && sha256sum --check --quiet "$archive.sha256")
else
  (cd "$tmp" && shasum -a 256 --check --quiet "$archive.sha256")
fi
tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dest"
install -m 0755 "$tmp"/icsgov-*/icsgov "$dest/icsgov"
if [ -n "${GITHUB_PATH:-}" ]; then echo "$dest" >>"$GITHUB_PATH"; fi
"$dest/icsgov" --version
