"""Stage: tables (pandas DataFrames) and writers for CSV, Parquet, JSON Lines,
xlsx and SQLite. Column names and order follow spec/output-contract.md; extra
columns come after the contract's."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable

import pandas as pd

from .types import Document

__all__ = ["tables", "tables_from_rows", "doc_rows", "write_tables", "read_tables", "FORMATS", "COLUMNS", "LIST_COLUMNS"]

FORMATS = ("csv", "parquet", "jsonl", "xlsx", "sqlite")

COLUMNS = {
    "documents": ["doc_id", "path", "format", "sha256", "pages", "chars", "status", "error", "n_tasks", "n_claims",
                  "n_references", "n_times", "doc_number", "doc_type", "doc_issuer", "doc_date", "doc_title",
                  "warnings", "ocr_confidence", "seconds"],
    "tasks": ["doc_id", "task_id", "seq", "section", "group", "group_declared", "text", "action", "deadline",
              "deadline_text", "lead_agency", "partner_agencies", "references", "page", "start", "end", "flags",
              "deadline_source", "product", "context"],
    "claims": ["doc_id", "claim_id", "text", "declared", "unit", "found", "status", "page", "start", "end", "flags"],
    "references": ["doc_id", "ref_id", "type", "number", "year", "code", "issuer", "date", "text", "task_id", "page",
                   "start", "end", "relation", "flags"],
    "times": ["doc_id", "text", "kind", "value", "task_id", "page", "start", "end", "flags"],
}
LIST_COLUMNS = {"tasks": ["partner_agencies", "references", "flags"], "claims": ["flags"],
                "references": ["flags"], "times": ["flags"], "documents": ["warnings"]}
INT_COLUMNS = {"tasks": ["seq", "group_declared", "page", "start", "end"], "claims": ["declared", "found", "page", "start", "end"],
               "references": ["page", "start", "end"], "times": ["page", "start", "end"],
               "documents": ["pages", "chars", "n_tasks", "n_claims", "n_references", "n_times"]}


def _clean(s: str) -> str:
    return " ".join(s.split())


REPLACED = "\ufffd"   # what the readers put for bytes that could not be decoded


def _repair_flags(flags, *texts) -> list[str]:
    """The row's flags, plus ``undecodable_bytes`` when its text holds a replaced byte."""
    out = list(flags)
    if any(REPLACED in t for t in texts if t) and "undecodable_bytes" not in out:
        out.append("undecodable_bytes")
    return out


def doc_rows(d: Document) -> dict[str, list[dict]]:
    """The rows one document contributes to each table (JSON-serialisable)."""
    return _rows([d])


def _rows(docs: Iterable[Document]):
    out = {k: [] for k in COLUMNS}
    for d in docs:
        out["documents"].append(dict(
            doc_id=d.doc_id, path=d.path, format=d.format, sha256=d.sha256, pages=d.pages, chars=len(d.text),
            status=d.status, error=d.error, n_tasks=len(d.tasks), n_claims=len(d.claims), n_references=len(d.references),
            n_times=len(d.times), doc_number=d.meta.number, doc_type=d.meta.type, doc_issuer=d.meta.issuer,
            doc_date=d.meta.date, doc_title=d.meta.title, warnings=list(d.warnings),
            ocr_confidence=d.ocr_confidence, seconds=round(d.seconds, 4)))
        for t in d.tasks:
            out["tasks"].append(dict(
                doc_id=d.doc_id, task_id=t.task_id, seq=t.seq, section=_clean(t.section), group=_clean(t.group),
                group_declared=t.group_declared, text=_clean(t.text), action=t.action, deadline=t.deadline,
                deadline_text=_clean(t.deadline_text), lead_agency=t.lead_agency, partner_agencies=list(t.partner_agencies),
                references=list(t.references), page=d.page_of(t.start), start=t.start, end=t.end,
                flags=_repair_flags(t.flags, t.text, t.group, t.deadline_text),
                deadline_source=t.deadline_source, product=t.product, context=t.context))
        for c in d.claims:
            out["claims"].append(dict(doc_id=d.doc_id, claim_id=c.claim_id, text=_clean(c.text), declared=c.declared,
                                      unit=c.unit, found=c.found, status=c.status, page=d.page_of(c.start),
                                      start=c.start, end=c.end, flags=_repair_flags(c.flags, c.text)))
        for r in d.references:
            out["references"].append(dict(doc_id=d.doc_id, ref_id=r.ref_id, type=r.type, number=r.number, year=r.year,
                                          code=r.code, issuer=r.issuer, date=r.date, text=_clean(r.text), task_id=r.task_id,
                                          page=d.page_of(r.start), start=r.start, end=r.end, relation=r.relation,
                                          flags=_repair_flags(r.flags, r.text)))
        for t in d.times:
            out["times"].append(dict(doc_id=d.doc_id, text=_clean(t.text), kind=t.kind, value=t.value, task_id=t.task_id,
                                     page=d.page_of(t.start), start=t.start, end=t.end,
                                     flags=_repair_flags(t.flags, t.text)))
    return out


def tables(docs: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """The five tables of the output contract as DataFrames (list columns hold lists)."""
    return tables_from_rows([_rows(docs)])


def tables_from_rows(parts: Iterable[dict[str, list[dict]]]) -> dict[str, pd.DataFrame]:
    """Tables from the per-document rows of :func:`doc_rows` (for example read back from a cache)."""
    rows = {k: [] for k in COLUMNS}
    for part in parts:
        for k in COLUMNS:
            rows[k].extend(part.get(k, []))
    dfs = {}
    for name, cols in COLUMNS.items():
        df = pd.DataFrame(rows[name], columns=cols)
        for c in INT_COLUMNS.get(name, []):
            df[c] = pd.array(df[c].tolist(), dtype="Int64")
        for c in cols:
            if c not in INT_COLUMNS.get(name, []) and c not in LIST_COLUMNS.get(name, []) and c not in ("ocr_confidence", "seconds"):
                df[c] = df[c].fillna("").astype(str)
        dfs[name] = df
    return dfs


def _flat(df: pd.DataFrame, name: str) -> pd.DataFrame:
    df = df.copy()
    for c in LIST_COLUMNS.get(name, []):
        df[c] = df[c].map(lambda v: "; ".join(v) if isinstance(v, (list, tuple)) else ("" if v is None else str(v)))
    return df


def write_tables(dfs: dict[str, pd.DataFrame], out: str | Path, fmt: str = "csv") -> list[Path]:
    """Write every table to ``out`` in ``fmt``; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if fmt == "sqlite":
        path = out / "vntasks.sqlite"
        with sqlite3.connect(path) as con:
            for name, df in dfs.items():
                _flat(df, name).to_sql(name, con, if_exists="replace", index=False)
        return [path]
    for name, df in dfs.items():
        path = out / f"{name}.{fmt}"
        tmp = path.with_suffix(path.suffix + ".tmp")
        if fmt == "csv":
            _flat(df, name).to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "parquet":
            df.to_parquet(tmp, index=False)
        elif fmt == "jsonl":
            df.to_json(tmp, orient="records", lines=True, force_ascii=False)
        elif fmt == "xlsx":
            _flat(df, name).to_excel(tmp, index=False, engine="openpyxl")
        tmp.replace(path)
        written.append(path)
    return written


def read_tables(out: str | Path, fmt: str = "csv") -> dict[str, pd.DataFrame]:
    """Read tables written by :func:`write_tables` back with their dtypes (lists as lists)."""
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
        elif fmt == "jsonl":
            path = out / f"{name}.jsonl"
            text = path.read_text("utf-8")
            df = pd.read_json(path, lines=True, dtype=False, precise_float=True) if text.strip() else pd.DataFrame(columns=cols)
        else:
            raise ValueError(f"cannot read format {fmt!r}")
        for c in INT_COLUMNS.get(name, []):
            vals = [None if (v is None or v is pd.NA or (isinstance(v, str) and not v) or (isinstance(v, float) and v != v))
                    else int(float(v)) for v in df[c].tolist()]
            df[c] = pd.array(vals, dtype="Int64")
        for c in LIST_COLUMNS.get(name, []):
            df[c] = df[c].map(lambda v: [x for x in v.split("; ") if x] if isinstance(v, str) else list(v) if v is not None else [])
        for c in ("ocr_confidence", "seconds"):
            if c in df.columns:
                df[c] = pd.to_numeric(df[c].replace("", None), errors="coerce")
        dfs[name] = df[cols]
    return dfs
