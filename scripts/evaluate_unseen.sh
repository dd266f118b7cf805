#!/usr/bin/env bash
# Score a development batch with the code and model of the commit made before any rule was written on it:
# the batch's "unseen" figure (README, "Measured figures").
# usage: scripts/evaluate_unseen.sh COMMIT PREFIX [OUT_DIR]
#   scripts/evaluate_unseen.sh ca52c28 k     # session 9's batch (ka … kh)
#   scripts/evaluate_unseen.sh 07c174e z     # session 8's batch (za … zh)
#   scripts/evaluate_unseen.sh a04a883 'w[a-h]'   # session 12's batch (wa … wh; not w01 …)
#   scripts/evaluate_unseen.sh c6b7232 'x[a-h]'   # session 13's batch (xa … xh; not x01 …)
#   scripts/evaluate_unseen.sh 72ba72b 'y[a-h]'   # session 14's batch (ya … yh; not y01 …)
#   scripts/evaluate_unseen.sh 848f1d9 'm[a-h]'   # session 14's second batch (ma … mh; not m01 …)
#   scripts/evaluate_unseen.sh eaa1169 'n[a-h]'   # session 14's third batch (na … nh; not n01 …)
#   scripts/evaluate_unseen.sh e54e79b 'p[a-h]'   # session 15's batch (pa … ph; not p01 …)
#   scripts/evaluate_unseen.sh 3c9eb59 'q[a-h]'   # session 16's batch (qa … qh; not q01 …)
#   scripts/evaluate_unseen.sh 19d438d 'r[a-e]'   # session 16's second batch (ra … re; not r01 …)
#   scripts/evaluate_unseen.sh 55c1bba 'g[a-d]'   # session 19's batch (ga … gd; not g01 …), then a6ed3ae at its end
#   scripts/evaluate_unseen.sh ec08a66 'c[a-d]'   # session 22's second batch (ca … cd), scored by session 23 first
#   scripts/evaluate_unseen.sh 322e6bf 'd[a-d]'   # session 23's batch (da … dd), then 3e17866 at its end
#   scripts/evaluate_unseen.sh 3e17866 'd[e-h]'   # session 23's second batch (de … dh), scored by session 24 first
#   scripts/evaluate_unseen.sh 68be287 'e[e-h]'   # session 24's batches (ee … eh, fe … fh), then 42d595c at its end
#   scripts/evaluate_unseen.sh 68be287 'f[e-h]'
#   scripts/evaluate_unseen.sh 3071aa4 'g[e-h]'   # session 24's third batch (ge … gh), scored by session 25 first
#   scripts/evaluate_unseen.sh 52c83db 'h[e-h]'   # session 25's batch (he … hh), then 444843b at its end
#   scripts/evaluate_unseen.sh dcdd571 'i[e-f]'   # session 25's second batch (ie, if), for session 26 to score first
# The texts and gold are this checkout's (data/raw/wide/PREFIX*.txt, data/annotated/wide/PREFIX*.gold.json);
# the commit's own pipeline and models/ run in a temporary worktree, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:?usage: scripts/evaluate_unseen.sh COMMIT PREFIX [OUT_DIR]}
prefix=${2:?usage: scripts/evaluate_unseen.sh COMMIT PREFIX [OUT_DIR]}
out=$(realpath -m "${3:-out/unseen-$prefix}")
repo=$PWD
tmp=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$tmp/tree" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git worktree add --detach "$tmp/tree" "$commit" >/dev/null 2>&1
mkdir -p "$tmp/gold"
shopt -s nullglob
golds=(data/annotated/wide/$prefix*.gold.json)  # PREFIX may be a glob: w[a-h]
[ ${#golds[@]} -gt 0 ] || { echo "evaluate_unseen.sh: no gold data/annotated/wide/$prefix*.gold.json" >&2; exit 2; }
cp "${golds[@]}" "$tmp/gold/"
texts=()
for g in "${golds[@]}"; do texts+=("$repo/data/raw/wide/$(basename "$g" .gold.json).txt"); done
rm -rf "$out"
(cd "$tmp/tree" && PYTHONPATH="$tmp/tree" python3 -m pipeline.cli extract "${texts[@]}" --out "$out" --format csv -q)
echo "${#golds[@]} documents of batch '$prefix' extracted by $commit → $out"
PYTHONPATH="$repo" python3 -m pipeline.cli evaluate "$tmp/gold" "$out"
