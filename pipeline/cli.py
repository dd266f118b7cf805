"""Command line: a thin layer over the library (``vntasks extract|evaluate|train|report``)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .api import iter_inputs
from .errors import VntasksError
from .export import FORMATS, write_tables
from .report import add_report_parser

__all__ = ["main"]


def _progress(it, total, enabled):
    if not enabled:
        return it
    from tqdm import tqdm
    return tqdm(it, total=total, unit="doc", file=sys.stderr)


def cmd_extract(a) -> int:
    from .batch import run_batch
    from .citations import link_citation_tables
    from .export import tables_from_rows
    items = list(iter_inputs(a.inputs))
    missing = [str(p) for p, _ in items if not p.exists()]
    for m in missing:
        print(f"vntasks: {m}: no such file or folder", file=sys.stderr)
    if not items:
        print("vntasks: no input files (.txt, .pdf, .docx, .doc) found", file=sys.stderr)
        return 2
    show = len(items) > 1 and not a.quiet
    res = run_batch(a.inputs, a.out, jobs=a.jobs, resume=a.resume,
                    max_bytes=int(a.max_mb * 2**20), progress=lambda it, n: _progress(it, n, show))
    dfs = tables_from_rows(res.parts)
    dfs["citations"] = link_citation_tables(dfs["documents"], dfs["references"])  # extra: the batch's citation graph
    written = write_tables(dfs, a.out, a.format)
    for e in res.errors:
        print(f"vntasks: error: {e}", file=sys.stderr)
    if not a.quiet:
        reused = f", {res.reused} from the cache" if res.reused else ""
        print(f"{len(res.parts)} documents ({len(res.errors)} errors{reused}), {len(dfs['tasks'])} tasks → "
              f"{', '.join(str(w) for w in written)}", file=sys.stderr)
    return 1 if (res.errors and a.strict) or missing else 0


def cmd_evaluate(a) -> int:
    from .evaluate import evaluate_dirs
    sc = evaluate_dirs(a.gold_dir, a.pred_dir)
    if a.json:
        print(json.dumps(sc.as_dict(), ensure_ascii=False))
    else:
        print(sc.report())
    if a.errors:
        for doc, fld, kind, detail in sc.errors:
            print(f"{doc}\t{fld}\t{kind}\t{detail}")
    return 0


def cmd_train(a) -> int:
    from .classifier import use_classifier
    from .training import main as train_main
    argv = ["--gold", str(a.gold), "--out", str(a.out), "--folds", str(a.folds)] + (["--cv-only"] if a.cv_only else [])
    for s in a.search:
        argv += ["--search", str(s)]
    with use_classifier(None):   # candidates come from the rules alone, never from an older model
        return train_main(argv)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vntasks", description="Vietnamese administrative documents → task table")
    p.add_argument("--version", action="version", version=f"vntasks {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract", help="extract tasks, claims, references and times")
    e.add_argument("inputs", nargs="+", metavar="INPUT", help="files (.txt .pdf .docx .doc) or folders (recursive)")
    e.add_argument("--out", required=True, type=Path, help="output folder, one file per table")
    e.add_argument("--format", default="csv", choices=FORMATS)
    e.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    e.add_argument("--max-mb", type=float, default=200, help="skip files larger than this (MiB)")
    e.add_argument("--strict", action="store_true", help="exit 1 when any document failed")
    e.add_argument("--resume", action="store_true",
                   help="reuse the rows of unchanged inputs from OUT/.vntasks-cache (every document is cached as it is done)")
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=cmd_extract)
    v = sub.add_parser("evaluate", help="precision/recall/F1 per field against gold files")
    v.add_argument("gold_dir", type=Path)
    v.add_argument("pred_dir", type=Path)
    v.add_argument("--json", action="store_true")
    v.add_argument("--errors", action="store_true", help="list every miss and spurious item")
    v.set_defaults(func=cmd_evaluate)
    t = sub.add_parser("train", help="train the segment classifier from annotated documents (skops model + card)")
    t.add_argument("--gold", type=Path, default=Path("data/annotated"))
    t.add_argument("--search", type=Path, action="append", default=[], help="folders holding the gold documents")
    t.add_argument("--out", type=Path, default=Path("models/segment_classifier.skops"))
    t.add_argument("--folds", type=int, default=5)
    t.add_argument("--cv-only", action="store_true", help="cross-validate only; leave the model file alone")
    t.set_defaults(func=cmd_train)
    add_report_parser(sub)   # vntasks report OUT_DIR --html report.html (pipeline/report.py)
    return p


def main(argv=None) -> int:
    a = build_parser().parse_args(argv)
    try:
        return a.func(a)
    except VntasksError as exc:
        print(f"vntasks: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130
    except BrokenPipeError:  # pragma: no cover - output piped into `head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
