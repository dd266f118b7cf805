"""Stage: tables (pandas DataFrames) and their writing in CSV, Parquet, JSON Lines, xlsx and
SQLite (the per-format writers are in :mod:`pipeline.out.writers`). Column names and order
follow spec/output-contract.md (:mod:`pipeline.out.columns`); extra columns come after the
contract's."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import ExportError
from ..types import Document
from . import writers
from .columns import COLUMNS, FLOAT_COLUMNS, FORMATS, INT_COLUMNS, LIST_COLUMNS, SCHEMA_VERSION
from .writers import SURROGATE

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SCHEMA_VERSION",
    "tables",
    "tables_from_rows",
    "frame",
    "doc_rows",
    "part_rows",
    "document_row",
    "write_tables",
    "read_tables",
    "FORMATS",
    "COLUMNS",
    "LIST_COLUMNS",
]


def _clean(s: str) -> str:
    return " ".join(s.split())


REPLACED = "\ufffd"  # what the readers put for bytes that could not be decoded


def _repair_flags(flags, *texts) -> list[str]:
    """The row's flags, plus ``undecodable_bytes`` when its text holds a replaced byte."""
    out = list(flags)
    if any(REPLACED in t for t in texts if t) and "undecodable_bytes" not in out:
        out.append("undecodable_bytes")
    return out


def _name_warning(d: Document) -> list[str]:
    """A file name that is not UTF-8 (its bytes come as surrogates) is shown with U+FFFD: say so."""
    if SURROGATE.search(d.doc_id + d.path):
        return ["the file name is not UTF-8: its undecodable bytes are shown as U+FFFD in doc_id and path"]
    return []


def doc_rows(d: Document) -> dict[str, list[dict]]:
    """The rows one document contributes to each table (JSON-serialisable)."""
    return _rows([d])


def part_rows(d: Document) -> dict[str, list[dict]]:
    """The task, claim, reference and time rows of ``d`` — one part of a document written in
    parts (a section of a very large text); its documents row comes from :func:`document_row`."""
    return {"tasks": _task_rows(d), "claims": _claim_rows(d), "references": _reference_rows(d), "times": _time_rows(d)}


def document_row(d: Document, chars: int, counts: dict[str, int]) -> dict:
    """The documents row of a document written in parts: ``d`` without its text and rows, its
    length (``chars``) and its number of rows per table (``counts``) given."""
    return _document_row(d, chars, counts)


def _rows(docs: Iterable[Document]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {k: [] for k in COLUMNS}
    for d in docs:
        out["documents"].append(_document_row(d))
        out["tasks"].extend(_task_rows(d))
        out["claims"].extend(_claim_rows(d))
        out["references"].extend(_reference_rows(d))
        out["times"].extend(_time_rows(d))
    return out


def _document_row(d: Document, chars: int | None = None, counts: dict[str, int] | None = None) -> dict:
    n = counts or {"tasks": len(d.tasks), "claims": len(d.claims), "references": len(d.references), "times": len(d.times)}
    return dict(
        doc_id=d.doc_id,
        path=d.path,
        format=d.format,
        sha256=d.sha256,
        pages=d.pages,
        chars=len(d.text) if chars is None else chars,
        status=d.status,
        error=d.error,
        n_tasks=n["tasks"],
        n_claims=n["claims"],
        n_references=n["references"],
        n_times=n["times"],
        doc_number=d.meta.number,
        doc_type=d.meta.type,
        doc_issuer=d.meta.issuer,
        doc_date=d.meta.date,
        doc_title=d.meta.title,
        warnings=list(d.warnings) + _name_warning(d),
        ocr_confidence=d.ocr_confidence,
        seconds=round(d.seconds, 4),
        extractor_version=__version__,
        schema_version=SCHEMA_VERSION,
    )


def _task_rows(d: Document) -> list[dict]:
    return [
        dict(
            doc_id=d.doc_id,
            task_id=t.task_id,
            seq=t.seq,
            section=_clean(t.section),
            group=_clean(t.group),
            group_declared=t.group_declared,
            text=_clean(t.text),
            action=t.action,
            deadline=t.deadline,
            deadline_text=_clean(t.deadline_text),
            lead_agency=t.lead_agency,
            partner_agencies=list(t.partner_agencies),
            references=list(t.references),
            page=d.page_of(t.start),
            start=t.start,
            end=t.end,
            flags=_repair_flags(t.flags, t.text, t.group, t.deadline_text),
            deadline_source=t.deadline_source,
            product=t.product,
            context=t.context,
        )
        for t in d.tasks
    ]


def _claim_rows(d: Document) -> list[dict]:
    return [
        dict(
            doc_id=d.doc_id,
            claim_id=c.claim_id,
            text=_clean(c.text),
            declared=c.declared,
            unit=c.unit,
            found=c.found,
            status=c.status,
            page=d.page_of(c.start),
            start=c.start,
            end=c.end,
            flags=_repair_flags(c.flags, c.text),
        )
        for c in d.claims
    ]


def _reference_rows(d: Document) -> list[dict]:
    return [
        dict(
            doc_id=d.doc_id,
            ref_id=r.ref_id,
            type=r.type,
            number=r.number,
            year=r.year,
            code=r.code,
            issuer=r.issuer,
            date=r.date,
            text=_clean(r.text),
            task_id=r.task_id,
            page=d.page_of(r.start),
            start=r.start,
            end=r.end,
            relation=r.relation,
            flags=_repair_flags(r.flags, r.text),
        )
        for r in d.references
    ]


def _time_rows(d: Document) -> list[dict]:
    return [
        dict(
            doc_id=d.doc_id,
            text=_clean(tx.text),
            kind=tx.kind,
            value=tx.value,
            task_id=tx.task_id,
            page=d.page_of(tx.start),
            start=tx.start,
            end=tx.end,
            flags=_repair_flags(tx.flags, tx.text),
        )
        for tx in d.times
    ]


def _no_surrogates(row: dict) -> dict:
    """Unpaired surrogates (only from a str given to the API; no reader makes them) cannot be
    stored by pandas' string arrays or any format: they become U+FFFD."""

    def bad(v):
        return isinstance(v, str) and SURROGATE.search(v)

    if not any(bad(v) or (isinstance(v, list) and any(bad(x) for x in v)) for v in row.values()):
        return row
    fix = lambda v: SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v  # noqa: E731
    return {k: [fix(x) for x in v] if isinstance(v, list) else fix(v) for k, v in row.items()}


def tables(docs: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """The five tables of the output contract as DataFrames (list columns hold lists)."""
    return tables_from_rows([_rows(docs)])


def tables_from_rows(parts: Iterable[dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Tables from the per-document rows of :func:`doc_rows` (for example read back from a cache)."""
    rows: dict[str, list[dict]] = {k: [] for k in COLUMNS}
    for part in parts:
        for k in COLUMNS:
            rows[k].extend(part.get(k, []))
    return {name: frame(name, rows[name]) for name in COLUMNS}


def frame(name: str, rows: Iterable[dict]) -> pd.DataFrame:
    """One table (or one chunk of it) as a DataFrame with the contract's columns and dtypes:
    the same for a whole table and for each chunk of a streamed one, so that writing the
    chunks one after the other gives the same file as writing the whole table."""
    import pandas as pd

    cols = COLUMNS[name]
    df = pd.DataFrame([_no_surrogates(r) for r in rows], columns=cols)
    for c in INT_COLUMNS.get(name, []):
        df[c] = pd.array(df[c].tolist(), dtype="Int64")
    for c in cols:
        if c not in INT_COLUMNS.get(name, []) and c not in LIST_COLUMNS.get(name, []) and c not in FLOAT_COLUMNS:
            df[c] = df[c].fillna("").astype(str)
    return df


def _failure(path: Path, name: str, fmt: str, exc: BaseException) -> str:
    hint = (
        "free disk space or give another --out"
        if isinstance(exc, OSError)
        else "the other tables are written; try another --format, and report it with the input"
    )
    return f"{path}: the {name} table could not be written as {fmt} ({type(exc).__name__}: {exc}) — {hint}"


def write_tables(
    dfs: dict[str, pd.DataFrame | Callable[[], Iterator[pd.DataFrame]]],
    out: str | Path,
    fmt: str = "csv",
    errors: list[str] | None = None,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write every table to ``out`` in ``fmt``; returns the files written.

    A table is a DataFrame or a callable returning its chunks (DataFrames, written one after the
    other so memory holds one chunk: CSV and JSON Lines appended, Parquet one row group per chunk,
    xlsx through openpyxl's write-only mode, SQLite appended).
    Each table is written to a ``.tmp`` file and renamed, so a table is either whole or
    absent. A table that fails is removed and the others are still written; its message
    is appended to ``errors`` when given (what was sanitised, to ``notes``), else an :class:`ExportError` naming every failed
    table is raised after the others are written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    failed: list[str] = []
    changed: list[str] = []
    if fmt == "sqlite":
        written = _write_database(dfs, out, failed, changed)
    else:
        written = _write_files(dfs, out, fmt, failed, changed)
    if notes is not None:
        notes.extend(changed)
    if errors is not None:
        errors.extend(failed)
    elif failed:
        raise ExportError("; ".join(failed))
    return written


def _write_database(dfs, out: Path, failed: list[str], changed: list[str]) -> list[Path]:
    """Every table into ``OUT/vntasks.sqlite``, each in its own transaction."""
    catch = writers.write_errors()
    path = out / "vntasks.sqlite"
    con = sqlite3.connect(path)
    try:
        for name, src in dfs.items():
            try:
                n = writers.write_sqlite(con, name, src)
            except catch as exc:
                failed.append(_failure(path, name, "sqlite", exc))
            else:
                if n:
                    changed.append(f"{path}: {n} cell(s) of {name} held characters sqlite cannot store; replaced")
    finally:
        con.close()
    return [path]


def _write_files(dfs, out: Path, fmt: str, failed: list[str], changed: list[str]) -> list[Path]:
    """One file per table, each written to a ``.tmp`` file and renamed."""
    catch = writers.write_errors()
    written = []
    for name, src in dfs.items():
        path = out / f"{name}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        try:
            n = writers.write_file(writers.chunks(src), name, tmp, fmt)
            tmp.replace(path)
        except catch as exc:
            tmp.unlink(missing_ok=True)
            failed.append(_failure(path, name, fmt, exc))
            continue
        if n:
            changed.append(
                f"{path}: {n} cell(s) held characters {fmt} cannot store (control characters, "
                "unpaired surrogates) or were over its cell size; they were removed or replaced"
            )
        written.append(path)
    return written


def read_tables(out: str | Path, fmt: str = "csv") -> dict[str, pd.DataFrame]:
    """Read tables written by :func:`write_tables` back with their dtypes (lists as lists)."""
    import pandas as pd

    out = Path(out)
    dfs = {}
    for name, cols in COLUMNS.items():
        if fmt == "sqlite":
            with sqlite3.connect(out / "vntasks.sqlite") as con:
                df = pd.read_sql(f'select * from "{name}"', con)
        elif fmt == "csv":
            df = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        elif fmt == "parquet":
            df = pd.read_parquet(out / f"{name}.parquet")
        elif fmt == "xlsx":
            df = pd.read_excel(out / f"{name}.xlsx", dtype=str, keep_default_na=False)
            if df.empty:
                df = pd.DataFrame(columns=cols)
        elif fmt == "jsonl":
            path = out / f"{name}.jsonl"
            text = path.read_text("utf-8")
            df = pd.read_json(path, lines=True, dtype=False, precise_float=True) if text.strip() else pd.DataFrame(columns=cols)
        else:
            raise ValueError(f"cannot read format {fmt!r}")
        for c in INT_COLUMNS.get(name, []):
            vals = [
                None
                if (v is None or v is pd.NA or (isinstance(v, str) and not v) or (isinstance(v, float) and v != v))
                else int(float(v))
                for v in df[c].tolist()
            ]
            df[c] = pd.array(vals, dtype="Int64")
        for c in LIST_COLUMNS.get(name, []):
            df[c] = df[c].map(
                lambda v: [x for x in v.split("; ") if x] if isinstance(v, str) else list(v) if v is not None else []
            )
        for c in ("ocr_confidence", "seconds"):
            if c in df.columns:
                df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce")
        dfs[name] = df[cols]
    return dfs
