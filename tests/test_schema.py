"""Every exported row conforms to `vntasks schema` (issue 13, contract for consumers)."""
from __future__ import annotations

import json
from pathlib import Path

import sqlite3

import jsonschema
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.out.export import COLUMNS, FORMATS, LIST_COLUMNS, read_tables
from pipeline.out.schema import tables_schema

ROOT = Path(__file__).resolve().parents[1]


_INPUTS = [str(p) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
_INPUTS += [str(p) for p in sorted((ROOT / "data" / "raw" / "wide").glob("*.txt"))[:25]]


@pytest.fixture(scope="module")
def jsonl_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", *_INPUTS, "--out", str(out), "--format", "jsonl", "-q"]) == 0
    return out


def test_every_row_validates(jsonl_out):
    schema = tables_schema()
    assert set(schema["tables"]) == set(COLUMNS)
    for table, sch in schema["tables"].items():
        validator = jsonschema.Draft202012Validator(sch)
        rows = [json.loads(x) for x in (jsonl_out / f"{table}.jsonl").read_text("utf-8").splitlines() if x.strip()]
        assert rows or table in ("claims",), table
        for row in rows:
            errors = sorted(validator.iter_errors(row), key=str)
            assert not errors, (table, row.get("doc_id"), [e.message for e in errors][:3])


def _json_value(v):
    """A cell read back by ``read_tables`` as JSON Lines would hold it."""
    import math
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "tolist"):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return v


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "jsonl"])
def test_every_row_of_every_format_validates(jsonl_out, fmt):
    """The other formats of the same run (written from the store: --resume extracts nothing)
    read back into the schema's types validate too."""
    assert main(["extract", *_INPUTS, "--out", str(jsonl_out), "--format", fmt, "-q", "--resume"]) == 0
    schema = tables_schema()
    got = read_tables(jsonl_out, fmt)
    for table, sch in schema["tables"].items():
        validator = jsonschema.Draft202012Validator(sch)
        df = got[table]
        assert list(df.columns) == COLUMNS[table]
        assert len(df) == _jsonl_count(jsonl_out, table), table
        for rec in df.to_dict("records"):
            row = {k: _json_value(v) for k, v in rec.items()}
            if fmt in ("csv", "xlsx"):    # text formats: a missing number reads back as ""
                row = {k: ("" if v is None and sch["properties"][k]["type"] == "string" else v) for k, v in row.items()}
            errors = sorted(validator.iter_errors(row), key=str)
            assert not errors, (fmt, table, row.get("doc_id"), [e.message for e in errors][:3])


def test_every_row_of_the_store_validates(jsonl_out):
    """The run's store (OUT/.vntasks-cache/store.sqlite; PostgreSQL in tests/test_store.py)."""
    from pipeline.batch import CACHE_DIR, STORE_FILE
    from pipeline.out.store import KEY_COLUMNS
    con = sqlite3.connect(jsonl_out / CACHE_DIR / STORE_FILE)
    con.row_factory = sqlite3.Row
    for table, sch in tables_schema()["tables"].items():
        validator = jsonschema.Draft202012Validator(sch)
        rows = [dict(r) for r in con.execute(f'select * from "{table}"')]
        assert len(rows) == _jsonl_count(jsonl_out, table), table
        for r in rows:
            row = {k: json.loads(v) if k in LIST_COLUMNS.get(table, []) else v
                   for k, v in r.items() if k not in KEY_COLUMNS}
            errors = sorted(validator.iter_errors(row), key=str)
            assert not errors, (table, row.get("doc_id"), [e.message for e in errors][:3])
    con.close()


def _jsonl_count(out, table):
    return sum(1 for x in (out / f"{table}.jsonl").read_text("utf-8").splitlines() if x.strip())


def test_documents_carry_versions(jsonl_out):
    from pipeline import __version__
    row = json.loads((jsonl_out / "documents.jsonl").read_text("utf-8").splitlines()[0])
    assert row["extractor_version"] == __version__ and row["schema_version"] == tables_schema()["schema_version"]


def test_schema_command(capsys):
    assert main(["schema", "--table", "tasks"]) == 0
    sch = json.loads(capsys.readouterr().out)
    assert list(sch["properties"])[:7] == ["doc_id", "task_id", "seq", "section", "group", "group_declared", "text"]
    jsonschema.Draft202012Validator.check_schema(sch)
