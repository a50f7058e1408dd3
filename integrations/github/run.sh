#!/usr/bin/env bash
# The GitHub Action's check (action.yml): annotations on the pull request and a step summary
# (--format github), and a SARIF file for code scanning. It records icsgov's exit code as the
# step output `exit-code` instead of failing, so that the SARIF is uploaded first; the
# action's last step fails with that code.
#
# Environment: ICSGOV_PATHS (datasets, folders or CSV publications, separated by spaces),
# ICSGOV_ARGS (more options for `icsgov validate`), ICSGOV_SARIF (the SARIF file),
# ICSGOV (the program; `icsgov` on PATH by default), GITHUB_OUTPUT (set by Actions).
set -uo pipefail

icsgov="${ICSGOV:-icsgov}"
read -r -a paths <<<"${ICSGOV_PATHS:-}"
read -r -a extra <<<"${ICSGOV_ARGS:-}"
sarif="${ICSGOV_SARIF:-icsgov.sarif}"
if [ "${#paths[@]}" -eq 0 ]; then
  echo "::error title=icsgov::the action's 'paths' input is empty; name the datasets to check"
  echo "exit-code=2" >>"${GITHUB_OUTPUT:-/dev/null}"
  exit 0
fi

"$icsgov" validate "${paths[@]}" "${extra[@]}" --format github
code=$?
# The SARIF is written whole or not at all: a temporary file, then a rename.
if "$icsgov" validate "${paths[@]}" "${extra[@]}" --format sarif >"$sarif.partial"; then :; fi
mv "$sarif.partial" "$sarif"
{
  echo "exit-code=$code"
  echo "sarif-file=$sarif"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
