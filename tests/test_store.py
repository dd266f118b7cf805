"""Issue 13 (items 2, 3, 5, 6): the run's store, streamed tables, PostgreSQL, Dask, progress.

Every batch writes each document into OUT/.vntasks-cache/store.sqlite as it is done and streams
the tables out of it; ``--db postgresql://…`` mirrors the same tables; ``--engine dask`` runs the
same per-document function on a Dask cluster. A rerun, or a run killed with SIGKILL and resumed,
must give exactly the rows of one clean run, in the store, in PostgreSQL and in the files.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import CACHE_DIR, STORE_FILE, run_batch
from pipeline.cli import main
from pipeline.out.export import COLUMNS, FORMATS, read_tables, tables_from_rows, write_tables
from pipeline.out.store import KEY_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
WIDE = sorted((ROOT / "data" / "raw" / "wide").glob("*.txt"))


def _docs(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for p in WIDE[:n]:
        shutil.copy(p, src / p.name)
    return src


def _csv_rows(out: Path) -> dict[str, list[str]]:
    """Every table of a csv output as lines, with documents.seconds (wall time) blanked."""
    got = {}
    for name in list(COLUMNS) + ["citations"]:
        rows = list(csv.reader(io.StringIO((out / f"{name}.csv").read_text("utf-8"))))
        if name == "documents":
            i = rows[0].index("seconds")
            rows = [r[:i] + r[i + 1:] for r in rows]
        got[name] = rows
    return got


def _store_rows(con_rows) -> dict[str, list[tuple]]:
    return {t: sorted(tuple(x for k, x in r.items() if k != "seconds") for r in rows) for t, rows in con_rows.items()}


def _sqlite_store(out: Path) -> dict[str, list[dict]]:
    with sqlite3.connect(out / CACHE_DIR / STORE_FILE) as con:
        con.row_factory = sqlite3.Row
        return {t: [dict(r) for r in con.execute(f'select * from "{t}"')] for t in COLUMNS}


def _pg_store(url: str) -> dict[str, list[dict]]:
    import psycopg
    from psycopg.rows import dict_row
    with psycopg.connect(url, row_factory=dict_row) as con:
        return {t: [dict(r) for r in con.execute(f'select * from "{t}"')] for t in COLUMNS}


def _comparable(rows: dict[str, list[dict]]) -> dict[str, list[tuple]]:
    """Rows as sorted tuples without the wall time; lists (JSON text in SQLite) as tuples."""
    import json
    out = {}
    for t, rs in rows.items():
        conv = []
        for r in rs:
            vals = []
            for k in ["doc_hash", "row_no"] + COLUMNS[t]:
                if k == "seconds":
                    continue
                v = r[k]
                if isinstance(v, str) and v.startswith("[") and k not in KEY_COLUMNS and k != "text":
                    try:
                        v = json.loads(v)
                    except ValueError:
                        pass
                vals.append(repr(tuple(v)) if isinstance(v, list) else repr(v))
            conv.append(tuple(vals))
        out[t] = sorted(conv)
    return out


# ------------------------------------------------------------------ streaming

@pytest.mark.parametrize("fmt", FORMATS)
def test_streamed_tables_equal_in_memory_ones(tmp_path, fmt):
    """Chunks of 7 rows written one after the other give the tables of the whole-table writer."""
    res = run_batch([_docs(tmp_path, 6)], tmp_path / "run")
    whole = tables_from_rows(res.parts)
    write_tables(whole, tmp_path / "a", fmt)
    write_tables({n: (lambda n=n: res.chunks(n, 7)) for n in COLUMNS}, tmp_path / "b", fmt)
    res.store.close()
    assert len(whole["tasks"]) > 14
    if fmt in ("csv", "jsonl"):
        for n in COLUMNS:
            assert (tmp_path / "a" / f"{n}.{fmt}").read_bytes() == (tmp_path / "b" / f"{n}.{fmt}").read_bytes(), n
    a, b = read_tables(tmp_path / "a", fmt), read_tables(tmp_path / "b", fmt)
    for n in COLUMNS:
        pd.testing.assert_frame_equal(a[n], b[n], check_dtype=fmt not in ("sqlite", "parquet"), obj=n)
    if fmt == "parquet":
        import pyarrow.parquet as pq
        assert pq.ParquetFile(tmp_path / "b" / "tasks.parquet").num_row_groups > 2


def test_rerun_upserts_instead_of_doubling(tmp_path):
    src = _docs(tmp_path, 4)
    assert main(["extract", str(src), "--out", str(tmp_path / "one"), "-q"]) == 0
    assert main(["extract", str(src), "--out", str(tmp_path / "two"), "-q"]) == 0
    assert main(["extract", str(src), "--out", str(tmp_path / "two"), "-q"]) == 0     # again, not --resume
    assert _csv_rows(tmp_path / "one") == _csv_rows(tmp_path / "two")
    assert _comparable(_sqlite_store(tmp_path / "one")) == _comparable(_sqlite_store(tmp_path / "two"))


def test_changed_document_replaces_its_rows(tmp_path):
    """A document whose new extraction has fewer rows leaves none of the old ones behind."""
    src = tmp_path / "in"
    src.mkdir()
    doc = src / "a.txt"
    doc.write_text("II. NHIỆM VỤ\n- Tổ chức tập huấn.\n- Xây dựng kế hoạch.\n- Báo cáo kết quả.\n", "utf-8")
    run_batch([src], tmp_path / "out").store.close()
    res = run_batch([src], tmp_path / "out", max_bytes=10)     # now an error row: no tasks
    assert res.count("tasks") == 0 and len(res.errors) == 1
    res.store.close()
    assert len(_sqlite_store(tmp_path / "out")["tasks"]) == 0


# ------------------------------------------------------------ kill -9, resume

def _extract_cmd(src: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "extract", str(src), "--out", str(out), "-q", *extra]


def _stored(out: Path) -> int:
    try:
        with sqlite3.connect(out / CACHE_DIR / STORE_FILE, timeout=1) as con:
            return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill_midway(cmd: list[str], out: Path, total: int) -> int:
    """Start the batch, SIGKILL it once a few documents are stored; how many were."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(out) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    n = _stored(out)
    assert 0 < n < total, f"the batch was not killed midway ({n} of {total} stored)"
    return n


def _run(cmd: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """40 documents and the tables of one clean run over them."""
    base = tmp_path_factory.mktemp("many")
    src = _docs(base, 40)
    _run(_extract_cmd(src, base / "clean"))
    return src, base / "clean"


def test_killed_then_resumed_gives_the_clean_run(tmp_path, many):
    src, clean = many
    out = tmp_path / "out"
    _kill_midway(_extract_cmd(src, out), out, 40)
    _run(_extract_cmd(src, out, "--resume"))
    assert _csv_rows(out) == _csv_rows(clean)
    assert _comparable(_sqlite_store(out)) == _comparable(_sqlite_store(clean))


# ------------------------------------------------------------------ PostgreSQL

def test_postgres_two_runs_and_a_killed_run_resumed(tmp_path, many, postgres):
    src, clean = many
    one, two, killed = postgres(), postgres(), postgres()
    _run(_extract_cmd(src, tmp_path / "one", "--db", one))
    _run(_extract_cmd(src, tmp_path / "two", "--db", two))
    _run(_extract_cmd(src, tmp_path / "two", "--db", two))
    _kill_midway(_extract_cmd(src, tmp_path / "k", "--db", killed), tmp_path / "k", 40)
    _run(_extract_cmd(src, tmp_path / "k", "--db", killed, "--resume"))
    expected = _comparable(_sqlite_store(clean))
    for url in (one, two, killed):
        assert _comparable(_pg_store(url)) == expected
    assert len(_pg_store(one)["tasks"]) == len(_csv_rows(clean)["tasks"]) - 1


def test_postgres_rows_validate_against_the_schema(tmp_path, postgres):
    import jsonschema

    from pipeline.out.schema import tables_schema
    url = postgres()
    assert main(["extract", str(_docs(tmp_path, 5)), "--out", str(tmp_path / "o"), "--db", url, "-q"]) == 0
    rows = _pg_store(url)
    for table, sch in tables_schema()["tables"].items():
        v = jsonschema.Draft202012Validator(sch)
        assert rows[table] or table == "claims"
        for r in rows[table]:
            row = {k: x for k, x in r.items() if k not in KEY_COLUMNS}
            assert not list(v.iter_errors(row)), (table, row["doc_id"])


def test_resume_fills_a_new_postgres_from_the_store(tmp_path, postgres):
    """--resume with a database that missed the first run (or a run killed between the two
    commits) still gets every document."""
    src = _docs(tmp_path, 3)
    run_batch([src], tmp_path / "out").store.close()
    url = postgres()
    res = run_batch([src], tmp_path / "out", resume=True, db=url)
    assert res.reused == 3 and res.processed == 0
    res.store.close()
    assert _comparable(_pg_store(url)) == _comparable(_sqlite_store(tmp_path / "out"))


def test_bad_db_url_is_a_clear_error(tmp_path, capsys):
    src = _docs(tmp_path, 1)
    rc = main(["extract", str(src), "--out", str(tmp_path / "o"), "--db", "postgresql://nobody@127.0.0.1:1/x", "-q"])
    assert rc == 2
    err = capsys.readouterr().err
    assert "cannot connect to PostgreSQL" in err and "Traceback" not in err


# ------------------------------------------------------------------------ Dask

@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed") if not os.environ.get("CI") else __import__("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_tables_equal_the_local_engine(tmp_path, dask_scheduler):
    src = _docs(tmp_path, 8)
    assert main(["extract", str(src), "--out", str(tmp_path / "local"), "-q"]) == 0
    assert main(["extract", str(src), "--out", str(tmp_path / "dask"), "-q", "--engine", "dask",
                 "--scheduler", dask_scheduler]) == 0
    assert _csv_rows(tmp_path / "dask") == _csv_rows(tmp_path / "local")


@pytest.mark.model
def test_dask_local_cluster_of_processes(tmp_path):
    """The default of --engine dask: a LocalCluster of --jobs worker processes (which load the
    shipped classifier: so does the local run here)."""
    src = _docs(tmp_path, 3)
    assert main(["extract", str(src), "--out", str(tmp_path / "local"), "-q"]) == 0
    assert main(["extract", str(src), "--out", str(tmp_path / "dask"), "-q", "--engine", "dask", "--jobs", "1"]) == 0
    assert _csv_rows(tmp_path / "dask") == _csv_rows(tmp_path / "local")


def test_dask_keeps_the_time_limit_and_goes_on(tmp_path, monkeypatch, dask_scheduler):
    """A document over --timeout in a Dask worker (a thread: no SIGALRM) gets status=error; the
    others are extracted."""
    import pipeline.worker as batch
    real = batch.process_file

    def slow(path, *args, **kw):
        if Path(path).name == WIDE[0].name:
            t0 = time.monotonic()
            while time.monotonic() - t0 < 30:
                sum(range(1000))        # Python code: the watchdog's exception lands here
        return real(path, *args, **kw)

    monkeypatch.setattr(batch, "process_file", slow)    # the in-process cluster shares this module
    src = _docs(tmp_path, 3)
    t0 = time.monotonic()
    res = run_batch([src], tmp_path / "out", engine="dask", scheduler=dask_scheduler, timeout=1.0)
    assert time.monotonic() - t0 < 25
    parts = res.parts
    res.store.close()
    status = {p["documents"][0]["doc_id"]: p["documents"][0]["status"] for p in parts}
    assert status[WIDE[0].name] == "error" and list(status.values()).count("ok") == 2
    assert "--timeout" in res.errors[0]


def test_watchdog_limit_in_a_thread():
    import threading

    from pipeline.worker import OverLimit, limits
    got = []

    def body():
        try:
            with limits(0.3, None):
                t0 = time.monotonic()
                while time.monotonic() - t0 < 5:
                    pass
        except OverLimit as exc:
            got.append(exc.args[0])
        time.sleep(0.6)                  # nothing left pending after the block
        got.append("after")
    th = threading.Thread(target=body)
    th.start()
    th.join(10)
    assert got == ["time", "after"]


# ---------------------------------------------------------------------- progress

def test_progress_shows_files_pages_errors_and_rate(tmp_path, capsys):
    src = _docs(tmp_path, 3)
    (src / "bad.txt").write_bytes(bytes(range(256)) * 40)
    assert main(["extract", str(src), "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "4/4" in err and "pages=" in err and "errors=1" in err and "MB/s" in err
