#!/usr/bin/env bash
# Extract the wide corpus' development or sealed test split and score it.
# usage: scripts/evaluate_wide.sh dev|test [OUT_DIR]
# The sealed split (test) is scored once at the end of a session; never tune on its misses.
set -euo pipefail
cd "$(dirname "$0")/.."
split=${1:?usage: scripts/evaluate_wide.sh dev|test [OUT_DIR]}
case "$split" in
  dev) raw=data/raw/wide; gold=data/annotated/wide ;;
  test) raw=data/raw/test; gold=data/annotated/test ;;
  *) echo "evaluate_wide.sh: split must be dev or test" >&2; exit 2 ;;
esac
out=${2:-out/$split}
vntasks extract "$raw" --out "$out" --format csv -q
vntasks evaluate "$gold" "$out"
