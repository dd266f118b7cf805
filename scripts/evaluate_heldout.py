#!/usr/bin/env python3
"""Held-out scores of the whole pipeline on the development gold (no document is scored by a
classifier that saw it).

The development gold is ``data/annotated/*.gold.json`` (the shared corpus and the seeds) and
``data/annotated/wide/*.gold.json`` (the wide corpus' development split); the sealed split
``data/annotated/test`` is never read here. The documents are cut into folds of whole sources
(pipeline.learn.training.cross_val_models), the decision thresholds are chosen on the held-out
predictions (pipeline.learn.decision.choose_thresholds), and each document is extracted with the
fold model that did not see it. Prints the scores of the old gold, the wide development gold
and both, then the wide development gold by the session that added it (``BATCHES``).

    python3 scripts/evaluate_heldout.py [OUT] [--folds 5] [--errors]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.api import process_file  # noqa: E402
from pipeline.learn.classifier import use_classifier  # noqa: E402
from pipeline.learn.evaluate import load_gold, read_predictions, score  # noqa: E402
from pipeline.out.export import tables, write_tables  # noqa: E402
from pipeline.learn.decision import choose_thresholds  # noqa: E402
from pipeline.learn.training import (_default_search, _find, scored, build_dataset,  # noqa: E402
                               cross_val_models, cross_validate, load_annotated, seed_names, Thresholds)

GOLD_DIRS = {"shared corpus + seeds": ROOT / "data" / "annotated", "wide dev": ROOT / "data" / "annotated" / "wide"}
# the wide development documents by the session that added them (file-name prefix): session 3's were
# collected with the sealed split; session 6's (m, n, p, q) were added for the sealed split's genres; session 8's
# prefixes have two letters (za … zh), as session 9's (ka … kh); each batch is a pattern of its file names
BATCHES = {
    "wide dev, session-3 documents (a–j)": r"[a-j]\d",
    "wide dev, session-6 documents (m, n, p, q)": r"[mnpq]\d",
    "wide dev, session-7 documents (r, s, t, u)": r"[rstu]\d",
    "wide dev, session-7 second batch (v, w, x, y)": r"[vwxy]\d",
    "wide dev, session-8 batch (za … zh)": r"z[a-h]",
    "wide dev, session-9 batch (ka … kh)": r"k[a-h]",
    "wide dev, session-10 batch (la … lh)": r"l[a-h]",
    "wide dev, session-11 batch (oa … oh)": r"o[a-h]",
    "wide dev, session-12 batch (wa … wh)": r"w[a-h]",
    "wide dev, session-13 batch (xa … xh)": r"x[a-h]",
    "wide dev, session-14 batch (ya … yh)": r"y[a-h]",
    "wide dev, session-14 second batch (ma … mh)": r"m[a-h]",
    "wide dev, session-14 third batch (na … nh)": r"n[a-h]",
    "wide dev, session-15 batch (pa … ph)": r"p[a-h]",
    "wide dev, session-16 batch (qa … qh)": r"q[a-h]",
    "wide dev, session-16 second batch (ra … re)": r"r[a-e]",
    "wide dev, session-17 batch (sa … sd)": r"s[a-d]",
    "wide dev, session-17 second batch (ta … td)": r"t[a-d]",
    "wide dev, session-18 batch (ua … ud)": r"u[a-d]",
    "wide dev, session-18 second batch (va … vd)": r"v[a-d]",
    "wide dev, session-19 batch (ga … gd)": r"g[a-d]",
    "wide dev, session-19 second batch (ea … ed)": r"e[a-d]",
    "wide dev, session-20 batch (fa … fd)": r"f[a-d]",
    "wide dev, session-20 second batch (ha … hd)": r"h[a-d]",
    "wide dev, session-21 batch (ia … id)": r"i[a-d]",
    "wide dev, session-21 second batch (ja … jd)": r"j[a-d]",
    "wide dev, session-22 batch (ba … bd)": r"b[a-d]",
    "wide dev, session-22 second batch (ca … cd)": r"c[a-d]",
    "wide dev, session-23 batch (da … dd)": r"d[a-d]",
    "wide dev, session-23 second batch (de … dh)": r"d[e-h]",
    "wide dev, session-24 batch (ee … eh)": r"e[e-h]",
    "wide dev, session-24 second batch (fe … fh)": r"f[e-h]",
    "wide dev, session-24 third batch (ge … gh)": r"g[e-h]",
    "wide dev, session-25 batch (he … hh)": r"h[e-h]",
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "out" / "heldout"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=None, help="JSON cache of the rules-alone runs")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--copies", type=Path, nargs="*", default=[],
                    help="folders of transformed copies of development texts (ID.txt beside gold/ID.gold.json, as "
                         "scripts/headerless_dev.py and scripts/ocr_dev.py write them), each extracted with the fold "
                         "model that saw no document of the original's source and scored beside the originals")
    ap.add_argument("--thresholds", nargs=5, metavar=("KEEP", "ADD_NO_RULE", "ADD_RULED", "ADD_HEADERLESS", "ADD_SIBLING"),
                    default=None,
                    help="score this decision (numbers or None) instead of the one chosen on the held-out predictions")
    a = ap.parse_args(argv)
    with use_classifier(None):          # the rules alone build the training candidates
        docs = load_annotated(list(GOLD_DIRS.values()), cache=a.cache)
    ds = build_dataset(docs)
    _, proba = cross_validate(ds, a.folds)
    thresholds, sim = choose_thresholds(scored(ds, proba), docs, seed_names())
    if a.thresholds:
        keep, add, add_ruled, add_headerless, add_sibling = (None if v == "None" else float(v) for v in a.thresholds)
        thresholds = Thresholds(keep if keep is not None else 0.5, add=add, add_ruled=add_ruled,
                                add_headerless=add_headerless, add_sibling=add_sibling)
        print(f"thresholds given: {thresholds}")
    print(f"thresholds chosen on held-out predictions: {thresholds} (simulated task F1 {sim['f1']:.3f})")
    models = cross_val_models(docs, n_splits=a.folds, dataset=ds, thresholds=thresholds)
    search = _default_search()
    out_docs = []
    for gold_dir in GOLD_DIRS.values():
        for doc in load_gold(gold_dir):
            path = _find(doc, search)
            if path is not None:
                with use_classifier(models.get(doc)):
                    out_docs.append(process_file(path, doc))
    write_tables(tables(out_docs), a.out, "csv")
    preds = read_predictions(a.out)
    golds = {name: load_gold(d) for name, d in GOLD_DIRS.items()}
    golds["all development gold"] = {doc: g for part in list(golds.values()) for doc, g in part.items()}
    for name, gold in golds.items():
        sc = score(gold, preds)
        print(f"\nheld-out ({a.folds} folds by source) — {name}:")
        print(sc.report())
        if a.errors:
            for e in sc.errors:
                print("\t".join(map(str, e)))
    wide = golds["wide dev"]
    for name, pattern in BATCHES.items():
        part = {doc: g for doc, g in wide.items() if re.match(pattern, doc)}
        print(f"\nheld-out ({a.folds} folds by source) — {name}, {len(part)} documents:")
        print(score(part, preds).report())
    for folder in a.copies:
        copies_heldout(folder, models, preds, Path(a.out), a.folds)
    return 0


def copies_heldout(folder: Path, models: dict, preds, out: Path, folds: int) -> None:
    """Score transformed copies of development texts held out, beside their originals."""
    gold = load_gold(folder / "gold")
    docs = []
    for doc in sorted(gold):
        with use_classifier(models.get(doc)):
            docs.append(process_file(folder / doc, doc))
    dest = out.parent / f"{out.name}-{folder.name}"
    write_tables(tables(docs), dest, "csv")
    print(f"\nheld-out ({folds} folds by source) — the {len(gold)} originals of {folder}:")
    print(score(gold, preds).report())
    print(f"held-out ({folds} folds by source) — their copies in {folder} (tables in {dest}):")
    print(score(gold, read_predictions(dest)).report())


if __name__ == "__main__":
    sys.exit(main())
