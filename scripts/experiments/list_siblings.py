#!/usr/bin/env python3
"""Which clauses the rules missed should the classifier add in a headed text? (issue 11, item 4; session 19)

Held-out predictions (source-grouped folds, :func:`pipeline.learn.training.cross_val_predictions`) of every
development document, then the simulated task F1 of the shipped decision (keep 0.5, add 0.5 where the rules found
nothing, 0.6 in a text without a header) with the clauses the rules missed in a headed text added:

* never (the decision before session 19);
* when the item belongs to a list that holds at least LEAST of the rules' kept tasks (``list``, the shipped
  ``add_above_sibling_``), also in texts without a header (``+headerless``), also for unmarked paragraphs under
  the same parent (``+paragraphs``);
* when its parent item or heading is a sibling of parents that hold at least LEAST kept rule tasks (``section``:
  the sections of "### 1. …" … "### 21. …" whose lists the rules took only in part).

    python3 scripts/experiments/list_siblings.py [--cache FILE] [--leave-out PREFIX …]

Session 19, 1,196 development documents (batch g left out), the final rules: never 0.836; list ≥ 2 at 0.4 0.841
(shipped); list ≥ 1 or ≥ 3, bars 0.3–0.7, with or without headerless texts or paragraphs: 0.839–0.842; section
0.834–0.840.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.extraction.units import block_at  # noqa: E402
from pipeline.learn import decision as D  # noqa: E402
from pipeline.learn import training as T  # noqa: E402
from pipeline.learn.classifier import use_classifier  # noqa: E402
from pipeline.text.segment import segment  # noqa: E402

KEEP, ADD, ADD_HEADERLESS = 0.5, 0.5, 0.6


def _keys(doc, cands, outline):
    """(paragraph key, section key) of each candidate: its block's parent and marker type (a paragraph too), and
    its parent's parent and marker type."""
    out = {}
    for c in cands:
        bi = block_at(outline.blocks, c.start)
        if bi < 0 or outline.blocks[bi].kind == "heading":
            out[id(c)] = (None, None)
            continue
        p = outline.parents[bi]
        section = (outline.parents[p], outline.blocks[p].marker_type) if p >= 0 and outline.blocks[p].marker_type else None
        out[id(c)] = ((p, outline.blocks[bi].marker_type), section)
    return out


def simulate(preds, docs, outlines, mode: str, least: int, bar: float | None, headerless_too: bool = False) -> dict:
    total = D.TaskCounts()
    for d in docs:
        cands = preds.get(d.doc_id, [])
        hl = D._headerless(d.text)
        keys = _keys(d, cands, outlines[d.doc_id]) if mode in ("paragraphs", "section") else {}
        if mode == "paragraphs":
            cands = [replace(c, item_list=keys[id(c)][0]) for c in cands]
        chosen = [c for c in cands if c.rule and c.proba >= KEEP]
        ruled = any(c.rule for c in cands)
        base = ADD if not ruled else (ADD_HEADERLESS if hl else None)
        extra = bar if bar is not None and ruled and (headerless_too or not hl) else None
        if mode == "section":
            held = Counter(keys[id(c)][1] for c in chosen if keys[id(c)][1] is not None)
        else:
            held = Counter(c.item_list for c in chosen if c.item_list is not None)
        lists = {k for k, n in held.items() if n >= least}
        bars = [b for b in (base, extra) if b is not None]
        for c in sorted((c for c in cands if not c.rule and bars and c.proba >= min(bars)), key=lambda c: -c.proba):
            key = keys[id(c)][1] if mode == "section" else c.item_list
            ok = (base is not None and c.proba >= base) or (extra is not None and c.proba >= extra and key in lists)
            if ok and all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
        total += D.task_counts(d, chosen)
    return {k: round(v, 4) for k, v in total.scores().items() if k in ("precision", "recall", "f1")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="JSON cache of the processed documents")
    ap.add_argument("--leave-out", nargs="*", default=["ga", "gb", "gc", "gd"], help="document name prefixes left out")
    a = ap.parse_args(argv)
    with use_classifier(None):
        docs = T.load_annotated([ROOT / "data" / "annotated", ROOT / "data" / "annotated" / "wide"], cache=a.cache)
    docs = [d for d in docs if not d.doc_id.startswith(tuple(a.leave_out))]
    preds = T.cross_val_predictions(docs)
    outlines = {d.doc_id: segment(d.text) for d in docs}
    print(f"{len(docs)} documents; never: {simulate(preds, docs, outlines, 'list', 2, None)}")
    for mode, headerless_too in (("list", False), ("list", True), ("paragraphs", False), ("section", False)):
        for least in (1, 2, 3):
            for bar in (0.3, 0.4, 0.5, 0.6, 0.7):
                r = simulate(preds, docs, outlines, mode, least, bar, headerless_too)
                print(f"{mode}{'+headerless' if headerless_too else ''} least={least} bar={bar}: {r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
