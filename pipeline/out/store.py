"""The run's store: every document's rows the moment it is done, the final tables read back in chunks.

A batch writes each finished document into ``OUT/.vntasks-cache/store.sqlite`` (SQLite, in one
transaction) and, with ``--db postgresql://…``, into the same tables of a PostgreSQL database.
The tables written to ``--out`` are then streamed out of the store chunk by chunk, so the batch's
memory does not grow with the number of documents.

Schema (the same in SQLite and PostgreSQL): one table per contract table (``documents``,
``tasks``, ``claims``, ``references``, ``times``) with the contract's columns (lists as JSON
arrays: TEXT in SQLite, JSONB in PostgreSQL) after two key columns:

- ``doc_hash``: the document's hash, sha256 of its content's sha256, its ``doc_id`` and its path —
  the content alone is not enough: the same file may be given twice under two folders and is then
  two rows of ``documents`` (the corpus has such pairs);
- ``row_no``: the row's place among the document's rows of that table (0, 1, …). ``task_id`` and
  ``claim_id`` are kept as columns but are not keys: they repeat within a document (30 task ids
  and 5 claim ids of the corpus do), and references and times have no id at all.

``PRIMARY KEY (doc_hash, row_no)`` on every table; a document is saved by upserting its rows
(``INSERT … ON CONFLICT (doc_hash, row_no) DO UPDATE``) and deleting its rows past the new count,
in one transaction, so a rerun, a resumed run or a second machine never doubles a row and never
leaves half a document. The local store also keeps, per document, what it was extracted with
(``batch_cache``: pipeline version and tools), which ``--resume`` checks.

Why SQLite rather than DuckDB: it is in Python's standard library (no dependency, no native wheel);
its one-writer transactions with WAL are made for a stream of small commits — one per document,
durable when the process is killed (SIGKILL) — where DuckDB is tuned for bulk columnar loads and
takes an exclusive lock per process; its ``ON CONFLICT … DO UPDATE`` is the same SQL as
PostgreSQL's, so both stores share the statements; and the batch's queries are per-document
lookups and ordered scans by key, not analytics.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .export import COLUMNS, INT_COLUMNS, LIST_COLUMNS, _no_surrogates, frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Store", "PgMirror", "doc_hash", "STORE_FILE", "KEY_COLUMNS", "CHUNK_ROWS"]

STORE_FILE = "store.sqlite"
KEY_COLUMNS = ("doc_hash", "row_no")
CHUNK_ROWS = 1000  # rows per chunk when the tables are streamed out (memory: one chunk)
_FLOATS = ("ocr_confidence", "seconds")


def doc_hash(sha256: str, doc_id: str, path: str) -> str:
    """The key of one input of a batch: its content, its name and where it was found."""
    return hashlib.sha256(f"{sha256}\0{doc_id}\0{path}".encode("utf-8", "surrogateescape")).hexdigest()


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sql_type(table: str, col: str, pg: bool) -> str:
    if col in LIST_COLUMNS.get(table, []):
        return "JSONB" if pg else "TEXT"
    if col in INT_COLUMNS.get(table, []):
        return "BIGINT" if pg else "INTEGER"
    if col in _FLOATS:
        return "DOUBLE PRECISION" if pg else "REAL"
    return "TEXT"


def _ddl(pg: bool) -> list[str]:
    out = []
    for table, cols in COLUMNS.items():
        defs = ", ".join(f"{_q(c)} {_sql_type(table, c, pg)}" for c in cols)
        out.append(
            f"CREATE TABLE IF NOT EXISTS {_q(table)} (doc_hash TEXT NOT NULL, row_no INTEGER NOT NULL, "
            f"{defs}, PRIMARY KEY (doc_hash, row_no))"
        )
    return out


def _upsert_sql(table: str, mark: str) -> str:
    cols = list(KEY_COLUMNS) + COLUMNS[table]
    names = ", ".join(_q(c) for c in cols)
    marks = ", ".join([mark] * len(cols))
    sets = ", ".join(f"{_q(c)} = excluded.{_q(c)}" for c in COLUMNS[table])
    return f"INSERT INTO {_q(table)} ({names}) VALUES ({marks}) ON CONFLICT (doc_hash, row_no) DO UPDATE SET {sets}"


def _values(table: str, key: str, rows: list[dict], pg: bool, start: int = 0) -> list[tuple]:
    lists = LIST_COLUMNS.get(table, [])
    out = []
    for n, row in enumerate(rows, start):
        row = _no_surrogates(row)  # what the tables would replace anyway; no database stores them
        vals = [key, n]
        for c in COLUMNS[table]:
            v = row.get(c)
            if c in lists:
                v = list(v or [])
                if pg:
                    from psycopg.types.json import Jsonb

                    v = Jsonb([x.replace("\x00", "\ufffd") for x in v])
                else:
                    v = json.dumps(v, ensure_ascii=False)
            elif pg and isinstance(v, str) and "\x00" in v:
                v = v.replace("\x00", "\ufffd")  # PostgreSQL's text cannot hold NUL
            vals.append(v)
        out.append(tuple(vals))
    return out


class Store:
    """The local store of a batch (SQLite), optionally mirrored into PostgreSQL."""

    def __init__(self, path: str | Path, mirror: PgMirror | None = None):
        self.path = Path(path)
        self.mirror = mirror
        self.con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")  # a commit survives the process being killed
        self.con.execute("PRAGMA busy_timeout=30000")
        with self._tx():
            for stmt in _ddl(pg=False):
                self.con.execute(stmt)
            self.con.execute(
                "CREATE TABLE IF NOT EXISTS batch_cache (doc_hash TEXT PRIMARY KEY, tag TEXT NOT NULL, "
                "has_error INTEGER NOT NULL)"
            )
        self._sql = {t: _upsert_sql(t, "?") for t in COLUMNS}

    def _tx(self):
        con = self.con

        class _T:
            def __enter__(self):
                con.execute("BEGIN IMMEDIATE")

            def __exit__(self, et, ev, tb):
                con.execute("COMMIT" if et is None else "ROLLBACK")

        return _T()

    # ------------------------------------------------------------------ writing

    def save(self, key: str, rows: dict, tag: str) -> None:
        """One document's rows, in one transaction (the mirror's first: a document the local
        store has is always in the mirror too, so a resumed run need not send it again)."""
        if self.mirror is not None:
            self.mirror.save(key, rows)
        with self._local(key, tag) as write:
            write(rows)

    @contextmanager
    def writer(self, key: str, tag: str) -> Iterator[Callable[[dict], None]]:
        """One document's rows given part by part — ``write(rows)``, each ``rows`` a dict of tables'
        rows that go on from the part before — and stored as :meth:`save` stores the parts joined,
        in one transaction that an exception in the block rolls back (the document's rows stay
        what they were). A very large text's rows are written section by section this way, so they
        are never all in memory. With a mirror the parts are joined and saved at the end."""
        if self.mirror is None:
            with self._local(key, tag) as write:
                yield write
            return
        joined: dict[str, list[dict]] = {t: [] for t in COLUMNS}

        def add(rows: dict) -> None:
            for table, rs in rows.items():
                joined[table].extend(rs)

        yield add
        self.save(key, joined, tag)

    @contextmanager
    def _local(self, key: str, tag: str) -> Iterator[Callable[[dict], None]]:
        counts = dict.fromkeys(COLUMNS, 0)
        err = [False]

        def write(rows: dict) -> None:
            for table in COLUMNS:
                vals = _values(table, key, rows.get(table, []), pg=False, start=counts[table])
                if vals:
                    self.con.executemany(self._sql[table], vals)
                counts[table] += len(vals)
            err[0] = err[0] or any(r.get("status") == "error" for r in rows.get("documents", []))

        with self._tx():
            yield write
            for table in COLUMNS:
                self.con.execute(f"DELETE FROM {_q(table)} WHERE doc_hash = ? AND row_no >= ?", (key, counts[table]))
            self.con.execute(
                "INSERT INTO batch_cache (doc_hash, tag, has_error) VALUES (?, ?, ?) "
                "ON CONFLICT (doc_hash) DO UPDATE SET tag = excluded.tag, has_error = excluded.has_error",
                (key, tag, int(err[0])),
            )

    def cached(self, key: str) -> tuple[str, bool] | None:
        """``(tag, has_error)`` of a document already in the store, or None."""
        row = self.con.execute("SELECT tag, has_error FROM batch_cache WHERE doc_hash = ?", (key,)).fetchone()
        return (row[0], bool(row[1])) if row else None

    def mirror_reused(self, keys: Iterable[str]) -> None:
        """Send documents taken from the local store to the mirror (it may be new, or have missed
        them when a run was killed between the two commits)."""
        if self.mirror is None:
            return
        for key in keys:
            self.mirror.save(key, self.rows(key))

    # ------------------------------------------------------------------ reading

    def rows(self, key: str) -> dict[str, list[dict]]:
        """One document's rows, as :func:`pipeline.out.export.doc_rows` made them."""
        out = {}
        for table, cols in COLUMNS.items():
            cur = self.con.execute(
                f"SELECT {', '.join(_q(c) for c in cols)} FROM {_q(table)} WHERE doc_hash = ? ORDER BY row_no", (key,)
            )
            out[table] = [self._dict(table, cols, r) for r in cur]
        return out

    @staticmethod
    def _dict(table: str, cols: list[str], r: tuple) -> dict:
        lists = LIST_COLUMNS.get(table, [])
        return {c: (json.loads(v) if v is not None else []) if c in lists else v for c, v in zip(cols, r)}

    def set_order(self, keys: Iterable[str]) -> None:
        """The documents of this run, in input order: what the tables are made of."""
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS run_order (pos INTEGER PRIMARY KEY, doc_hash TEXT NOT NULL)")
        with self._tx():
            self.con.execute("DELETE FROM temp.run_order")
            self.con.executemany("INSERT INTO temp.run_order (pos, doc_hash) VALUES (?, ?)", enumerate(keys))

    def iter_rows(self, table: str, columns: list[str] | None = None, where: str = "") -> Iterator[dict]:
        """The run's rows of ``table`` in input order, then in each document's order (one row in
        memory at a time: the ordered scan follows the primary key, nothing is sorted)."""
        cols = columns or COLUMNS[table]
        sql = (
            f"SELECT {', '.join('t.' + _q(c) for c in cols)} FROM temp.run_order r "
            f"CROSS JOIN {_q(table)} t ON t.doc_hash = r.doc_hash {where} ORDER BY r.pos, t.row_no"
        )
        cur = self.con.cursor()
        cur.arraysize = 1000
        cur.execute(sql)
        while True:
            batch = cur.fetchmany()
            if not batch:
                return
            for r in batch:
                yield self._dict(table, cols, r)

    def chunks(self, table: str, size: int = CHUNK_ROWS) -> Iterator[pd.DataFrame]:
        """The run's ``table`` as DataFrames of at most ``size`` rows (at least one, maybe empty)."""
        buf, any_ = [], False
        for row in self.iter_rows(table):
            buf.append(row)
            if len(buf) >= size:
                yield frame(table, buf)
                buf, any_ = [], True
        if buf or not any_:
            yield frame(table, buf)

    def count(self, table: str) -> int:
        return self.con.execute(
            f"SELECT count(*) FROM temp.run_order r CROSS JOIN {_q(table)} t ON t.doc_hash = r.doc_hash"
        ).fetchone()[0]

    def errors(self) -> list[str]:
        return [r["error"] for r in self.iter_rows("documents", ["error"], "WHERE t.status = 'error'")]

    def citations(self) -> pd.DataFrame:
        """The citation graph (:func:`pipeline.out.citations.link_citation_tables`) from the store: the
        documents' numbers are held (one string per document), the references streamed."""
        from collections import defaultdict

        import pandas as pd

        from .citations import EDGE_COLUMNS, _key

        owners = defaultdict(list)
        for r in self.iter_rows("documents", ["doc_id", "doc_number"]):
            r = _no_surrogates(r)
            if isinstance(r["doc_number"], str) and r["doc_number"]:
                owners[_key(r["doc_number"])].append(r["doc_id"])
        rows = []
        for ch in self.chunks("references"):
            for r in ch[["doc_id", "ref_id", "relation", "start", "end"]].itertuples(index=False):
                for target in owners.get(_key(r.ref_id), ()):
                    if target != r.doc_id:
                        rows.append(
                            dict(
                                doc_id=r.doc_id,
                                cited_doc_id=target,
                                ref_id=r.ref_id,
                                relation=r.relation,
                                start=r.start,
                                end=r.end,
                            )
                        )
        return pd.DataFrame(rows, columns=EDGE_COLUMNS)

    def close(self) -> None:
        if self.mirror is not None:
            self.mirror.close()
        self.con.close()


class PgMirror:
    """The same tables in PostgreSQL (psycopg 3), written with the same upserts."""

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            from ..errors import OutputError

            raise OutputError("--db postgresql://… needs psycopg: pip install 'psycopg[binary]'") from exc
        self.url = url
        try:
            self.con = psycopg.connect(url, autocommit=False)
        except psycopg.Error as exc:
            from ..errors import OutputError

            raise OutputError(
                f"--db: cannot connect to PostgreSQL ({str(exc).strip()}) — check the URL, "
                "that the server runs and accepts this user"
            ) from exc
        with self.con.transaction():
            # two batches starting at once on two machines must not both create the tables
            self.con.execute("SELECT pg_advisory_xact_lock(4711013)")
            for stmt in _ddl(pg=True):
                self.con.execute(stmt)
        self._sql = {t: _upsert_sql(t, "%s") for t in COLUMNS}

    def save(self, key: str, rows: dict) -> None:
        with self.con.transaction():
            with self.con.cursor() as cur:
                for table in COLUMNS:
                    vals = _values(table, key, rows.get(table, []), pg=True)
                    if vals:
                        cur.executemany(self._sql[table], vals)
                    cur.execute(f"DELETE FROM {_q(table)} WHERE doc_hash = %s AND row_no >= %s", (key, len(vals)))

    def close(self) -> None:
        self.con.close()
