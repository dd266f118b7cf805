"""The chunked writers of one table per format (CSV, JSON Lines, Parquet, xlsx, SQLite) and what
they share: taking out what a format cannot hold, flattening list cells, fixed column types.
:func:`pipeline.out.export.write_tables` writes every table with them."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .columns import COLUMNS, FLOAT_COLUMNS, INT_COLUMNS, LIST_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SURROGATE",
    "XLSX_CELL_MAX",
    "flat",
    "sanitise",
    "write_errors",
    "chunks",
    "arrow_schema",
    "write_file",
    "write_sqlite",
    "sql_types",
]

SURROGATE = re.compile("[\ud800-\udfff]")
XLSX_CELL_MAX = 32767  # Excel's limit on the characters of one cell


def flat(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The table with its list cells joined with ``"; "`` (CSV, xlsx, SQLite)."""
    df = df.copy()
    for c in LIST_COLUMNS.get(name, []):
        df[c] = df[c].map(lambda v: "; ".join(v) if isinstance(v, (list, tuple)) else ("" if v is None else str(v)))
    return df


def sanitise(df: pd.DataFrame, fmt: str) -> tuple[pd.DataFrame, int]:
    """What ``fmt`` cannot hold, taken out of the string cells: lone surrogates (no format
    can encode them) become U+FFFD; for xlsx the control characters openpyxl refuses are
    removed and cells over Excel's limit cut. Returns the frame and the cells changed."""
    import pandas as pd
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    changed = 0

    def fix(v):
        nonlocal changed
        if isinstance(v, str):
            w = SURROGATE.sub("\ufffd", v)
            if fmt == "xlsx":
                w = ILLEGAL_CHARACTERS_RE.sub("", w)
                if len(w) > XLSX_CELL_MAX:
                    w = w[: XLSX_CELL_MAX - 1] + "…"
            changed += w != v
            return w
        if isinstance(v, list) and any(isinstance(x, str) for x in v):
            return [fix(x) for x in v]
        return v

    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c]):
            df[c] = df[c].map(fix)
    return df, changed


def write_errors() -> tuple[type[BaseException], ...]:
    """What a writer raises on content or on the disk (not programming errors)."""
    errs: list = [OSError, ValueError, sqlite3.Error]
    try:
        from openpyxl.utils.exceptions import IllegalCharacterError

        errs.append(IllegalCharacterError)
    except ImportError:  # pragma: no cover
        pass
    try:
        import pyarrow

        errs.append(pyarrow.ArrowException)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errs)


def chunks(src: pd.DataFrame | Callable[[], Iterator[pd.DataFrame]]) -> Iterator[pd.DataFrame]:
    """A table given whole (a DataFrame) or as chunks (a callable returning an iterator of
    DataFrames with the same columns: :meth:`pipeline.out.store.Store.chunks`)."""
    import pandas as pd

    return iter([src]) if isinstance(src, pd.DataFrame) else iter(src())


def arrow_schema(name: str):
    """Fixed Parquet types of a contract table, so every row group of a streamed table agrees
    (a chunk whose floats are all missing must not make a column of nulls)."""
    import pyarrow as pa

    if name not in COLUMNS:
        return None
    return pa.schema(
        [
            (
                c,
                pa.list_(pa.string())
                if c in LIST_COLUMNS.get(name, [])
                else pa.int64()
                if c in INT_COLUMNS.get(name, [])
                else pa.float64()
                if c in FLOAT_COLUMNS
                else pa.string(),
            )
            for c in COLUMNS[name]
        ]
    )


def _write_text(chunks: Iterator[pd.DataFrame], name: str, tmp: Path, fmt: str) -> int:
    """CSV (list cells joined) or JSON Lines, appended chunk by chunk; an empty JSON Lines
    table is written as pandas writes an empty frame."""
    changed = 0
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        first, empty = True, None
        for df in chunks:
            clean, n = sanitise(df, fmt)
            changed += n
            if fmt == "csv":
                flat(clean, name).to_csv(f, index=False, header=first)
            elif len(clean):
                f.write(clean.to_json(orient="records", lines=True, force_ascii=False))
            elif empty is None:
                empty = clean
            first = False
        if fmt == "jsonl" and empty is not None and f.tell() == 0:
            f.write(empty.to_json(orient="records", lines=True, force_ascii=False))
    return changed


def _write_parquet(chunks: Iterator[pd.DataFrame], name: str, tmp: Path, fmt: str) -> int:
    """Parquet, one row group per chunk, every one with the table's fixed types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    changed = 0
    writer, schema = None, arrow_schema(name)
    try:
        for df in chunks:
            clean, n = sanitise(df, fmt)
            changed += n
            table = pa.Table.from_pandas(clean, schema=schema, preserve_index=False)
            if writer is None:
                schema = table.schema
                writer = pq.ParquetWriter(tmp, schema)
            elif table.schema != schema:
                table = table.cast(schema)
            writer.write_table(table)  # one row group per chunk
    finally:
        if writer is not None:
            writer.close()
    return changed


def _write_xlsx(chunks: Iterator[pd.DataFrame], name: str, tmp: Path, fmt: str) -> int:
    """xlsx through openpyxl's write-only mode (list cells joined; missing values as empty cells)."""
    from openpyxl import Workbook

    changed = 0
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    first = True
    for df in chunks:
        clean, n = sanitise(flat(df, name), fmt)
        changed += n
        if first:
            ws.append(list(clean.columns))
            first = False
        for row in clean.itertuples(index=False):
            ws.append([None if _missing(v) else v.item() if hasattr(v, "item") else v for v in row])
    wb.save(tmp)
    return changed


_WRITERS = {"csv": _write_text, "jsonl": _write_text, "parquet": _write_parquet, "xlsx": _write_xlsx}


def write_file(chunks: Iterator[pd.DataFrame], name: str, tmp: Path, fmt: str) -> int:
    """Write a table's chunks to ``tmp`` one after the other (memory: one chunk); returns the
    cells sanitised. Chunks of one table give the same file as the whole table at once."""
    writer = _WRITERS.get(fmt)
    return writer(chunks, name, tmp, fmt) if writer is not None else 0


def _missing(v) -> bool:
    import pandas as pd

    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def sql_types(name: str) -> dict[str, str] | None:
    """SQLite column types of a contract table (None for an extra table: pandas chooses)."""
    if name not in COLUMNS:
        return None
    return {c: "INTEGER" if c in INT_COLUMNS.get(name, []) else "REAL" if c in FLOAT_COLUMNS else "TEXT" for c in COLUMNS[name]}


def write_sqlite(con: sqlite3.Connection, name: str, src) -> int:
    """One table into the database, chunk by chunk in one transaction (replacing an older table
    of that name); returns the cells sanitised."""
    n = 0
    with con:
        for i, df in enumerate(chunks(src)):
            clean, k = sanitise(flat(df, name), "sqlite")
            n += k
            clean.to_sql(name, con, if_exists="append" if i else "replace", index=False, dtype=sql_types(name))
    return n
