#!/usr/bin/env python3
"""Inter-annotator agreement: the second annotator's gold scored against the first's.

usage: agreement.py [SECOND_DIR] [--errors] [--by-document]

SECOND_DIR (default ``data/annotated/second``) holds gold files made blind by a second
annotator; the first annotator's file of the same name is looked up in ``data/annotated/wide``
and ``data/annotated/test``. The second annotation is turned into prediction rows and scored
with the project's scorer (:func:`pipeline.learn.evaluate.score`), so the figures read like the
extractor's: F1 on tasks, claims, references and times, and the agreement on deadlines, found
counts, reference dates and issuers of matched items; then the same for the development and the
sealed test split apart (the sealed figure is two annotators' agreement, never the extractor's misses).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.learn.evaluate import score  # noqa: E402

FIRST = (ROOT / "data" / "annotated" / "wide", ROOT / "data" / "annotated" / "test")


def as_predictions(golds: dict) -> dict:
    """Gold JSON documents as the scorer's prediction rows."""
    rows: dict[str, list[dict]] = {"tasks": [], "claims": [], "references": [], "times": []}
    for doc, g in golds.items():
        for t in g["tasks"]:
            rows["tasks"].append({"doc_id": doc, "text": t["text"], "deadline": t.get("deadline") or "",
                                  "lead_agency": t.get("lead_agency") or ""})
        for c in g["claims"]:
            rows["claims"].append({"doc_id": doc, "text": c["text"], "declared": str(c["declared"]),
                                   "found": "" if c.get("found") is None else str(c["found"])})
        for r in g["references"]:
            rows["references"].append({"doc_id": doc, "ref_id": r["id"], "date": r.get("date") or "",
                                        "issuer": r.get("issuer") or ""})
        for t in g["times"]:
            rows["times"].append({"doc_id": doc, "text": t["text"], "value": t["value"]})
    return rows


def main(argv: list[str]) -> int:
    second_dir = Path(next((a for a in argv if not a.startswith("--")), ROOT / "data" / "annotated" / "second"))
    first, second, split = {}, {}, {}
    for p in sorted(second_dir.glob("*.gold.json")):
        src = next((d / p.name for d in FIRST if (d / p.name).is_file()), None)
        if src is None:
            print(f"agreement: {p.name}: no first annotation in {', '.join(map(str, FIRST))}; skipped", file=sys.stderr)
            continue
        g1, g2 = json.loads(src.read_text("utf-8")), json.loads(p.read_text("utf-8"))
        first[g1["doc"]], second[g1["doc"]] = g1, g2
        split[g1["doc"]] = "sealed test" if src.parent == FIRST[1] else "development"
    if not first:
        print("agreement: no doubly annotated documents", file=sys.stderr)
        return 2
    sc = score(first, as_predictions(second))
    n_tasks = sum(len(g["tasks"]) for g in first.values())
    print(f"{len(first)} documents annotated twice ({n_tasks} tasks in the first annotation); "
          "second annotator scored against the first:")
    print(sc.report())
    for part in ("development", "sealed test"):
        docs = [d for d in first if split[d] == part]
        if docs and len(docs) < len(first):
            sub = score({d: first[d] for d in docs}, as_predictions({d: second[d] for d in docs}))
            print(f"\n{part} split: {len(docs)} documents (human against human; no extractor output is read)")
            print(sub.report())
            if "--by-document" in argv:
                print(sub.by_document())
    if "--errors" in argv:
        for e in sc.errors:
            print("\t".join(map(str, e)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
