"""Held-out evaluation of the whole pipeline with the segment classifier.

No document is scored by a model that saw it: the annotated documents are split into
GroupKFold folds by document, a classifier is trained on the other folds' documents
(pipeline.training.cross_val_models), and each document is extracted with its own
fold's model. The outputs are written as CSV and scored like `vntasks evaluate`.

    python3 scripts/evaluate_heldout.py [OUT_DIR] [--folds 5] [--errors]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.api import process_file  # noqa: E402
from pipeline.classifier import use_classifier  # noqa: E402
from pipeline.evaluate import evaluate_dirs  # noqa: E402
from pipeline.export import tables, write_tables  # noqa: E402
from pipeline.training import _default_search, _find, cross_val_models, load_annotated  # noqa: E402
from pipeline.evaluate import load_gold  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "out" / "heldout"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args(argv)
    gold_dir = ROOT / "data" / "annotated"
    with use_classifier(None):          # the rules alone build the training candidates
        docs = load_annotated(gold_dir)
    models = cross_val_models(docs, n_splits=a.folds)
    search = _default_search()
    out_docs = []
    for doc in load_gold(gold_dir):
        path = _find(doc, search)
        if path is None:
            continue
        with use_classifier(models.get(doc)):
            out_docs.append(process_file(path, doc))
    write_tables(tables(out_docs), a.out, "csv")
    sc = evaluate_dirs(gold_dir, a.out)
    print(f"held-out ({a.folds} folds by document), {len(out_docs)} documents:")
    print(sc.report())
    if a.errors:
        for e in sc.errors:
            print("\t".join(map(str, e)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
