"""The layout of the output tables: their names, columns (in the output contract's order,
extensions after), which columns hold lists, whole numbers and floats, and the formats they are
written in. Shared by the tables (:mod:`pipeline.out.export`), the writers
(:mod:`pipeline.out.writers`), the store and the schema."""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "FORMATS", "COLUMNS", "LIST_COLUMNS", "INT_COLUMNS", "FLOAT_COLUMNS"]

FORMATS = ("csv", "parquet", "jsonl", "xlsx", "sqlite")
#: Version of the tables' layout (`vntasks schema`): the minor part grows when columns are added,
#: the major part would only change if a contract column changed (never, by the output contract).
SCHEMA_VERSION = "1.1"

COLUMNS = {
    "documents": [
        "doc_id",
        "path",
        "format",
        "sha256",
        "pages",
        "chars",
        "status",
        "error",
        "n_tasks",
        "n_claims",
        "n_references",
        "n_times",
        "doc_number",
        "doc_type",
        "doc_issuer",
        "doc_date",
        "doc_title",
        "warnings",
        "ocr_confidence",
        "seconds",
        "extractor_version",
        "schema_version",
    ],
    "tasks": [
        "doc_id",
        "task_id",
        "seq",
        "section",
        "group",
        "group_declared",
        "text",
        "action",
        "deadline",
        "deadline_text",
        "lead_agency",
        "partner_agencies",
        "references",
        "page",
        "start",
        "end",
        "flags",
        "deadline_source",
        "product",
        "context",
    ],
    "claims": ["doc_id", "claim_id", "text", "declared", "unit", "found", "status", "page", "start", "end", "flags"],
    "references": [
        "doc_id",
        "ref_id",
        "type",
        "number",
        "year",
        "code",
        "issuer",
        "date",
        "text",
        "task_id",
        "page",
        "start",
        "end",
        "relation",
        "flags",
    ],
    "times": ["doc_id", "text", "kind", "value", "task_id", "page", "start", "end", "flags"],
}
LIST_COLUMNS = {
    "tasks": ["partner_agencies", "references", "flags"],
    "claims": ["flags"],
    "references": ["flags"],
    "times": ["flags"],
    "documents": ["warnings"],
}
INT_COLUMNS = {
    "tasks": ["seq", "group_declared", "page", "start", "end"],
    "claims": ["declared", "found", "page", "start", "end"],
    "references": ["page", "start", "end"],
    "times": ["page", "start", "end"],
    "documents": ["pages", "chars", "n_tasks", "n_claims", "n_references", "n_times"],
}

#: Columns holding floats (missing values stay missing, not "").
FLOAT_COLUMNS = ("ocr_confidence", "seconds")
