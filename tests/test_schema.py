"""Every exported row conforms to `vntasks schema` (issue 13, contract for consumers)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.cli import main
from pipeline.out.export import COLUMNS
from pipeline.out.schema import tables_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def jsonl_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    inputs = [str(p) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    inputs += [str(p) for p in sorted((ROOT / "data" / "raw" / "wide").glob("*.txt"))[:25]]
    assert main(["extract", *inputs, "--out", str(out), "--format", "jsonl", "-q"]) == 0
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


def test_documents_carry_versions(jsonl_out):
    from pipeline import __version__
    row = json.loads((jsonl_out / "documents.jsonl").read_text("utf-8").splitlines()[0])
    assert row["extractor_version"] == __version__ and row["schema_version"] == tables_schema()["schema_version"]


def test_schema_command(capsys):
    assert main(["schema", "--table", "tasks"]) == 0
    sch = json.loads(capsys.readouterr().out)
    assert list(sch["properties"])[:7] == ["doc_id", "task_id", "seq", "section", "group", "group_declared", "text"]
    jsonschema.Draft202012Validator.check_schema(sch)
