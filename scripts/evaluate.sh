#!/usr/bin/env bash
# Extract the shared corpus and the seeds, then score them against data/annotated/.
# usage: scripts/evaluate.sh [OUT_DIR]   (CORPUS defaults to ../shared/corpus/raw)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/eval}
corpus=${VNTASKS_CORPUS:-../shared/corpus/raw}
vntasks extract "$corpus" data/raw/*.txt --out "$out" --format csv -q
vntasks evaluate data/annotated "$out"
