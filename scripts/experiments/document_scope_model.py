#!/usr/bin/env python3
"""Experiment (session 11, not shipped): a learned document scope for the documents where the rules find
none. Every year, range, half, quarter, month or before-time of a document is a candidate (kind, position,
count, whether it is the document's commonest year, the words around its first and later mentions); it is
labelled right when it is the deadline of at least half of the document's gold tasks; a logistic regression
is trained on source-grouped folds, and for a document without a rules' scope its best candidate above a
threshold fills the tasks that have no deadline.

    python3 scripts/evaluate_heldout.py out/heldout --cache /tmp/dev.json
    python3 scripts/experiments/document_scope_model.py --tables out/heldout --cache /tmp/dev.json

Result (612 development documents, 2026-12-07): deadline accuracy on matched tasks 0.886 with the rules; with
the learned scope 0.853 at p ≥ 0.3 … 0.885 at p ≥ 0.8: every threshold loses, because the documents where
the rules give no scope mostly have none in the gold either, and those that do name it in ways these
features do not separate from the years around them. Nothing was kept.
"""
import argparse
import collections
import json
import math
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from pipeline.learn.evaluate import load_gold, match_tasks, read_predictions  # noqa: E402
from pipeline.learn.training import source_groups  # noqa: E402

KINDS = frozenset({"year", "range", "half", "before", "quarter", "month"})
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def candidates(text: str, times: list[dict], first_task: int) -> list[tuple[str, dict]]:
    """(value, features) of each distinct scope-like value among a document's times."""
    mentions: dict[str, list[dict]] = {}
    for t in times:
        if t["kind"] in KINDS:
            mentions.setdefault(t["value"], []).append(t)
    years = collections.Counter(v[:4] for v, occ in mentions.items() for _ in occ)
    top_year = years.most_common(1)[0][0] if years else ""
    total = sum(len(occ) for occ in mentions.values()) or 1
    out = []
    for rank, (value, occ) in enumerate(mentions.items()):
        first, start = occ[0], int(occ[0]["start"])
        f = {
            "kind=" + first["kind"]: 1, "logpos": math.log1p(start) / 10, "rank": min(rank, 10) / 10,
            "before_first_task": int(start < first_task), "in_first_300": int(start < 300),
            "count": min(len(occ), 10) / 10, "share": len(occ) / total, "top_year": int(value[:4] == top_year),
            "open_end": int(value.endswith("/..")), "before": int(value.startswith("..")),
            "first_word=" + first["text"].lower().split()[0]: 1,
        }
        f.update({"L=" + w: 1 for w in words(text[max(0, start - 60) : start])[-6:]})
        f.update({"R=" + w: 1 for w in words(text[int(first["end"]) : int(first["end"]) + 25])[:3]})
        for o in occ[1:4]:
            f.update({"L2=" + w: 1 for w in words(text[max(0, int(o["start"]) - 40) : int(o["start"])])[-4:]})
        out.append((value, f))
    return out


def gold_scope(gold: dict) -> str | None:
    """The deadline of at least half of the document's gold tasks, if one is."""
    counts = collections.Counter(t.get("deadline") for t in gold["tasks"] if t.get("deadline"))
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return value if n >= 0.5 * len(gold["tasks"]) else None


def matched(gold: dict, rows: list[dict]) -> list[tuple[str, dict]]:
    """(gold deadline, predicted row) of the tasks matched one to one by the scorer's rule."""
    pairs = match_tasks([t["text"] for t in gold["tasks"]], [r["text"] for r in rows])
    return [(gold["tasks"][i].get("deadline") or "", rows[j]) for i, j in pairs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tables", type=Path, default=ROOT / "out" / "heldout")
    ap.add_argument("--cache", type=Path, required=True, help="the rules-alone cache evaluate_heldout.py wrote")
    a = ap.parse_args()
    texts = {r["doc_id"]: r["text"] for r in json.loads(a.cache.read_text("utf-8"))["docs"]}
    golds = {}
    for d in (ROOT / "data" / "annotated", ROOT / "data" / "annotated" / "wide"):
        golds.update(load_gold(d))
    tables = read_predictions(a.tables)
    tasks, times = collections.defaultdict(list), collections.defaultdict(list)
    for r in tables["tasks"]:
        tasks[Path(r["doc_id"]).name].append(r)
    for r in tables["times"]:
        times[Path(r["doc_id"]).name].append(r)
    src = source_groups(sorted(golds))
    docs = [d for d in golds if d in texts]
    X, y, groups, owner, values = [], [], [], [], []
    for k, doc in enumerate(docs):
        first = min([int(r["start"]) for r in tasks[doc] if r["start"]] or [len(texts[doc])])
        label = gold_scope(golds[doc])
        for value, f in candidates(texts[doc], times[doc], first):
            X.append(f)
            y.append(int(value == label))
            groups.append(src[doc])
            owner.append(k)
            values.append(value)
    y_arr, proba = np.array(y), np.zeros(len(y))
    for tr, te in GroupKFold(5).split(X, y_arr, np.array(groups)):
        dv = DictVectorizer()
        model = LogisticRegression(max_iter=3000).fit(dv.fit_transform([X[i] for i in tr]), y_arr[tr])
        proba[te] = model.predict_proba(dv.transform([X[i] for i in te]))[:, 1]
    best: dict[int, tuple[str, float]] = {}
    for i, k in enumerate(owner):
        if k not in best or proba[i] > best[k][1]:
            best[k] = (values[i], float(proba[i]))
    pairs = {k: matched(golds[doc], tasks[doc]) for k, doc in enumerate(docs)}
    total = sum(len(p) for p in pairs.values())
    print(f"rules: {sum(g == (r['deadline'] or '') for p in pairs.values() for g, r in p) / total:.4f} of {total} matched tasks")
    for th in THRESHOLDS:
        right = filled = 0
        for k, doc in enumerate(docs):
            ruled = any(r["deadline_source"] == "document" for r in tasks[doc])
            fill = best[k][0] if not ruled and k in best and best[k][1] >= th else ""
            for g, r in pairs[k]:
                pred = r["deadline"] or fill
                filled += bool(fill) and not r["deadline"]
                right += g == pred
        print(f"learned scope at p >= {th}: {right / total:.4f} ({filled} tasks filled)")


if __name__ == "__main__":
    main()
