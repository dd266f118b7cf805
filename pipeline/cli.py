"""Command line: a thin layer over the library (``vntasks extract|evaluate|train|report``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .errors import OutputError, VntasksError
from .out.export import COLUMNS, FORMATS, write_tables
from .out.report import add_report_parser

DEFAULT_TIMEOUT = 1800.0  # the same as pipeline.batch's (kept here: batch imports the whole pipeline)
DEFAULT_MAX_MEMORY_MB = 4096


def _positive_int(s: str) -> int:
    try:
        v = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a whole number") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {v}")
    return v


def _positive_float(s: str) -> float:
    v = _positive_or_zero(s)
    if v == 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return v


def _positive_or_zero(s: str) -> float:
    try:
        v = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{s!r} is not a number") from None
    if v < 0 or v != v:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {s}")
    return v


__all__ = ["main"]


def _progress_bar(total: int):
    """Files done of the total, pages, errors and MB/s (the batch sets the postfix)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def _check_out(out: Path) -> None:
    """``--out`` must be a folder that exists or can be created, and can be written to."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: --out must be a folder, but this is a file — give a folder path (it is created when missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create the output folder ({exc.strerror or exc}) — give --out a folder you can write to"
        ) from exc
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"{out}: the output folder is not writable — give --out a folder you can write to")


def _write_skipped(out: Path, skipped, quiet: bool) -> None:
    """Every folder entry that is not an input: one stderr line each (the first 20) and
    ``OUT/skipped.csv`` (path, reason); a stale list from an earlier run is removed."""
    import csv

    path = out / "skipped.csv"
    if not skipped:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "reason"])
        w.writerows(skipped)
    tmp.replace(path)
    if quiet:
        return
    for p, reason in skipped[:20]:
        print(f"vntasks: skipped {p}: {reason}", file=sys.stderr)
    more = f" ({len(skipped) - 20} more)" if len(skipped) > 20 else ""
    print(f"vntasks: skipped {len(skipped)} folder entries that are not inputs{more}; all listed in {path}", file=sys.stderr)


def cmd_extract(a) -> int:
    from .batch import BatchInterrupted, run_batch, scan_inputs
    from .learn.scoring import default_model

    default_model()  # a broken model file stops here with a ModelError, not in every document
    items, skipped = scan_inputs(a.inputs)
    missing = [str(p) for p, _ in items if not p.exists() and not p.is_symlink()]
    for m in missing:
        print(f"vntasks: {m}: no such file or folder", file=sys.stderr)
    if not items:
        for p, reason in skipped:
            print(f"vntasks: skipped {p}: {reason}", file=sys.stderr)
        print("vntasks: no input files (.txt, .pdf, .docx, .doc) found", file=sys.stderr)
        return 2
    _check_out(a.out)
    show = len(items) > 1 and not a.quiet
    try:
        res = run_batch(
            a.inputs,
            a.out,
            jobs=a.jobs,
            resume=a.resume,
            max_bytes=int(a.max_mb * 2**20),
            progress=_progress_bar if show else None,
            resume_errors=a.resume_errors,
            timeout=a.timeout or None,
            max_memory=int(a.max_memory_mb * 2**20) or None,
            engine="dask" if a.scheduler else a.engine,
            scheduler=a.scheduler,
            db=a.db,
        )
    except BatchInterrupted as exc:
        where = f"; it stopped at {exc.stopped_at}" if exc.stopped_at else ""
        print(
            f"\nvntasks: interrupted after {exc.done} of {exc.total} documents{where}. "
            f"The {exc.done} done are saved in {exc.cache}; run the same command with --resume to go on "
            "from there.",
            file=sys.stderr,
        )
        return 130
    except KeyboardInterrupt:
        print("\nvntasks: interrupted while looking through the inputs, before any document was extracted.", file=sys.stderr)
        return 130
    try:
        _write_skipped(a.out, list(res.skipped), a.quiet)
        # streamed out of the store chunk by chunk: memory does not grow with the number of documents
        dfs: dict = {name: (lambda name=name: res.chunks(name)) for name in COLUMNS}
        dfs["citations"] = res.citations()  # extra: the citation graph
        failed: list[str] = []
        notes: list[str] = []
        written = write_tables(dfs, a.out, a.format, errors=failed, notes=notes)
        n_tasks = res.count("tasks")
    except KeyboardInterrupt:
        print(
            f"\nvntasks: interrupted while writing the tables; all {len(res.keys)} documents are saved in "
            f"{a.out / '.vntasks-cache'}: run the same command with --resume to write them.",
            file=sys.stderr,
        )
        return 130
    finally:
        res.store.close()
    for e in res.errors:
        print(f"vntasks: error: {e}", file=sys.stderr)
    for n in notes:
        print(f"vntasks: note: {n}", file=sys.stderr)
    for f in failed:
        print(f"vntasks: error: {f}", file=sys.stderr)
    if not a.quiet:
        reused = f", {res.reused} from the cache" if res.reused else ""
        retried = f", {res.retried} retried after their worker died" if res.retried else ""
        print(
            f"{len(res.keys)} documents ({len(res.errors)} errors{reused}{retried}), {n_tasks} tasks → "
            f"{', '.join(str(w) for w in written)}",
            file=sys.stderr,
        )
    return 1 if (res.errors and a.strict) or missing or failed else 0


def cmd_evaluate(a) -> int:
    from .learn.evaluate import evaluate_dirs

    sc = evaluate_dirs(a.gold_dir, a.pred_dir)
    if a.json:
        print(json.dumps(sc.as_dict(), ensure_ascii=False))
    else:
        print(sc.report())
        if a.by_document:
            print(sc.by_document())
        if a.by_source:
            print(sc.by_source())
    if a.errors:
        for doc, fld, kind, detail in sc.errors:
            print(f"{doc}\t{fld}\t{kind}\t{detail}")
    return 0


def cmd_train(a) -> int:
    from .learn.train import train_classifier

    train_classifier(a.gold, a.search, a.out, folds=a.folds, cv_only=a.cv_only)  # a TrainingError is a VntasksError
    return 0


def cmd_schema(a) -> int:
    from .out.schema import table_schema, tables_schema

    doc = table_schema(a.table) if a.table else tables_schema()
    print(json.dumps(doc, ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vntasks", description="Vietnamese administrative documents → task table")
    p.add_argument("--version", action="version", version=f"vntasks {__version__}")
    sub = p.add_subparsers(dest="cmd", required=True)
    _add_extract(sub)
    _add_evaluate(sub)
    _add_train(sub)
    add_report_parser(sub)  # vntasks report OUT_DIR --html report.html (pipeline/out/report.py)
    _add_schema(sub)
    return p


def _add_extract(sub) -> None:
    e = sub.add_parser("extract", help="extract tasks, claims, references and times")
    e.add_argument("inputs", nargs="+", metavar="INPUT", help="files (.txt .pdf .docx .doc) or folders (recursive)")
    e.add_argument("--out", required=True, type=Path, help="output folder, one file per table")
    e.add_argument("--format", default="csv", choices=FORMATS)
    e.add_argument("--jobs", type=_positive_int, default=1, help="worker processes (default 1)")
    e.add_argument("--max-mb", type=_positive_float, default=200, help="skip files larger than this (MiB)")
    e.add_argument("--strict", action="store_true", help="exit 1 when any document failed")
    e.add_argument(
        "--resume",
        action="store_true",
        help="reuse the rows of unchanged inputs from the run's store OUT/.vntasks-cache/store.sqlite "
        "(every document is stored as it is done)",
    )
    e.add_argument(
        "--resume-errors",
        choices=("retry", "skip"),
        default="retry",
        help="with --resume: extract documents whose cached row is an error again (retry, the default) "
        "or keep their error rows (skip)",
    )
    e.add_argument(
        "--timeout",
        type=_positive_or_zero,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"wall-time limit per document (default {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    e.add_argument(
        "--max-memory-mb",
        type=_positive_or_zero,
        default=DEFAULT_MAX_MEMORY_MB,
        metavar="MiB",
        help=f"memory one document may add to its worker (default {DEFAULT_MAX_MEMORY_MB}; 0: no limit)",
    )
    e.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: worker processes on this machine (default); dask: the same per-document work on "
        "a Dask cluster (a LocalCluster of --jobs workers, or --scheduler)",
    )
    e.add_argument(
        "--scheduler", metavar="ADDRESS", help="with --engine dask: the address of a running Dask scheduler (tcp://HOST:8786)"
    )
    e.add_argument(
        "--db",
        metavar="URL",
        help="also write every document's rows to this PostgreSQL database as it is done "
        "(postgresql://USER@HOST:PORT/DB; the same tables as OUT/.vntasks-cache/store.sqlite, "
        "upserted: a rerun never doubles a row)",
    )
    e.add_argument("-q", "--quiet", action="store_true")
    e.set_defaults(func=cmd_extract)


def _add_evaluate(sub) -> None:
    v = sub.add_parser("evaluate", help="precision/recall/F1 per field against gold files")
    v.add_argument("gold_dir", type=Path)
    v.add_argument("pred_dir", type=Path)
    v.add_argument("--json", action="store_true")
    v.add_argument("--errors", action="store_true", help="list every miss and spurious item")
    v.add_argument(
        "--by-document",
        action="store_true",
        help="also the task F1 and deadline accuracy averaged per document, and how few documents hold half the "
        "deadline errors (names no document)",
    )
    v.add_argument(
        "--by-source",
        action="store_true",
        help="also the matched tasks by where their predicted deadline came from (column, own text, group, section, "
        "document scope, none) and how it fares: right, wrong, spurious, missing (for development data: it shows "
        "which mechanism fails)",
    )
    v.set_defaults(func=cmd_evaluate)


def _add_train(sub) -> None:
    t = sub.add_parser("train", help="train the segment classifier from annotated documents (skops model + card)")
    t.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="a folder of gold files (repeatable; default data/annotated and data/annotated/wide)",
    )
    t.add_argument("--search", type=Path, action="append", default=[], help="folders holding the gold documents")
    t.add_argument("--out", type=Path, default=Path("models/segment_classifier.skops"))
    t.add_argument("--folds", type=int, default=5)
    t.add_argument("--cv-only", action="store_true", help="cross-validate only; leave the model file alone")
    t.set_defaults(func=cmd_train)


def _add_schema(sub) -> None:
    sc = sub.add_parser("schema", help="print the JSON Schema of every output table (the contract consumers read)")
    sc.add_argument("--table", choices=sorted(COLUMNS), help="one table only")
    sc.set_defaults(func=cmd_schema)


def main(argv=None) -> int:
    a = build_parser().parse_args(argv)
    try:
        return a.func(a)
    except VntasksError as exc:
        print(f"vntasks: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nvntasks: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - output piped into `head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
