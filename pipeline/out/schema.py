"""JSON Schema of the output tables: what other systems may rely on (``vntasks schema``).

The schema describes one row of each table as JSON Lines writes it (lists as arrays, integers
or null where a value can be missing); CSV joins list cells with ``"; "``, Parquet, xlsx and
SQLite store the same columns. Columns of the output contract (``shared/spec/output-contract.md``)
come first and never change; later columns are extensions (:data:`pipeline.out.export.SCHEMA_VERSION`).
"""

from __future__ import annotations

from .export import COLUMNS, INT_COLUMNS, LIST_COLUMNS, SCHEMA_VERSION

__all__ = ["table_schema", "tables_schema", "ENUMS"]

_NUMBER_COLUMNS = {"documents": ("ocr_confidence", "seconds")}

#: Closed sets of values (a consumer may switch on them).
ENUMS = {
    ("documents", "status"): ["ok", "error"],
    ("claims", "status"): ["ok", "mismatch", "unresolved"],
    ("times", "kind"): ["date", "month", "quarter", "half", "year", "range", "before", "recurring", "continuous"],
    ("tasks", "context"): ["table", "claim", "list", "learned"],
    ("tasks", "deadline_source"): ["", "own", "item", "group", "section", "document", "column"],
}

_DESCRIPTIONS = {
    "doc_id": "the input's path relative to the folder argument, or its file name",
    "start": "character offset into the document's normalised text",
    "end": "character offset (exclusive) into the document's normalised text",
    "page": "1-based page where the input has pages",
    "deadline": "TIMEX3-style value of the task's deadline, or empty",
    "value": "TIMEX3-style value (2024-06-30, 2024-Q2, ../2024-06-30, R/P1Y, continuous, …)",
    "flags": "what was repaired or looks wrong",
    "context": "where the task was found: an annex table row, a claim's list, a rule list or heading section, "
    "or added by the classifier",
}


def _column(table: str, col: str) -> dict:
    if col in LIST_COLUMNS.get(table, []):
        prop: dict = {"type": "array", "items": {"type": "string"}}
    elif col in INT_COLUMNS.get(table, []):
        prop = {"type": ["integer", "null"]}
    elif col in _NUMBER_COLUMNS.get(table, ()):
        prop = {"type": ["number", "null"]}
    else:
        prop = {"type": "string"}
    if (table, col) in ENUMS:
        prop["enum"] = ENUMS[(table, col)]
    if col in _DESCRIPTIONS:
        prop["description"] = _DESCRIPTIONS[col]
    return prop


def table_schema(table: str) -> dict:
    """The JSON Schema of one row of ``table`` (KeyError for an unknown table)."""
    cols = COLUMNS[table]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"vntasks/{SCHEMA_VERSION}/{table}",
        "title": f"vntasks {table} row",
        "type": "object",
        "properties": {c: _column(table, c) for c in cols},
        "required": list(cols),
        "additionalProperties": False,
    }


def tables_schema() -> dict:
    """Every table's schema, keyed by table name, with the schema version."""
    return {"schema_version": SCHEMA_VERSION, "tables": {t: table_schema(t) for t in COLUMNS}}
