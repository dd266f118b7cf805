#!/usr/bin/env python3
"""Experiment (session 22, not shipped): does the segment classifier gain from more context or another
regularisation? Three variants against the shipped features, each scored as the shipped decision is chosen
(source-grouped 5-fold held-out probabilities, then ``decision.choose_thresholds`` over the whole development
gold): the syllable 1–2-grams of the 80 characters before and after each candidate added as features; the
logistic regression's C at 0.5, 2 and 4.

    python3 scripts/train_classifier.py --cache /tmp/dev.json --cv-only     # writes the rules-alone cache
    python3 scripts/experiments/classifier_context.py --cache /tmp/dev.json

Result on 1,400 development documents (2026-12-07): shipped features 0.8395 simulated task F1; with the text
around each candidate 0.8405; C = 0.5, 2, 4: 0.8388, 0.8385, 0.8357. A second stage over the neighbours'
held-out probabilities (as ``task_stacking.py`` of session 11) gave +0.004. The candidates hold a match (token
F1 ≥ 0.5) for 98.9 % of the gold tasks, so recall is lost in the decision, not in the candidates; none of these
moves the decision beyond the threshold grid's noise. Nothing was kept.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scipy import sparse  # noqa: E402
from sklearn.feature_extraction.text import HashingVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from pipeline.learn.classifier import SegmentClassifier  # noqa: E402
from pipeline.learn.decision import choose_thresholds  # noqa: E402
from pipeline.learn.training import AnnotatedDoc, build_dataset, group_folds, scored, seed_names  # noqa: E402


def _docs(cache: Path) -> list[AnnotatedDoc]:
    rows = json.loads(cache.read_text("utf-8"))["docs"]
    return [
        AnnotatedDoc(r["doc_id"], r["text"], tuple(r["gold"]), tuple(map(tuple, r["rule_tasks"])),
                     tuple(map(tuple, r["protected"])), r.get("scope_end", 0))
        for r in rows
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="rules-alone cache written by train_classifier.py --cache")
    args = ap.parse_args()
    docs = _docs(args.cache)
    texts = {d.doc_id: d.text for d in docs}
    ds = build_dataset(docs)
    X = SegmentClassifier().transform_features(ds.X).tocsr()
    around = HashingVectorizer(n_features=2**14, ngram_range=(1, 2), alternate_sign=False, token_pattern=r"(?u)\b\w+\b")
    before = around.transform([texts[d][max(0, s - 80) : s] for d, s, _, _ in ds.spans])
    after = around.transform([texts[d][e : e + 80] for d, _, e, _ in ds.spans])
    folds = group_folds(ds, 5)

    def f1(M, C=1.0) -> float:
        p = np.zeros(len(ds.y))
        for tr, te in folds:
            m = LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=0).fit(M[tr], ds.y[tr])
            p[te] = m.predict_proba(M[te])[:, 1]
        return choose_thresholds(scored(ds, p), docs, seed_names())[1]["f1"]

    print(f"shipped features: {f1(X):.4f}")
    print(f"+ text around: {f1(sparse.hstack([X, before, after]).tocsr()):.4f}")
    for C in (0.5, 2.0, 4.0):
        print(f"C={C}: {f1(X, C):.4f}")


if __name__ == "__main__":
    main()
