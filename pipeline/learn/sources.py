"""Which source (a site or a repository) each gold document came from, so that cross-validation
folds hold whole sources as the sealed test split does (``data/annotated/test``: chosen by source)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: The repository (models/, data/ and, beside it, ../shared).
ROOT = Path(__file__).resolve().parents[2]

__all__ = ["source_groups", "shared_dir", "ROOT"]


def shared_dir() -> Path:
    """The read-only shared folder (seeds, corpus, spec): ``VNTASKS_SHARED``, else ``../shared``."""
    import os

    return Path(os.environ.get("VNTASKS_SHARED", ROOT.parent / "shared"))


def source_groups(doc_ids: Iterable[str]) -> dict[str, str]:
    """doc_id → the source it came from (a site or a repository), read from ``data/raw/SOURCES.tsv``
    (column ``source``) and the shared corpus' ``SOURCES.tsv`` (column ``repo``); a document listed in
    neither is its own source. Cross-validation folds hold whole sources, as the sealed split does,
    so that held-out figures and thresholds are those of a source the model has never seen."""
    import csv

    shared = shared_dir()
    table: dict[str, str] = {}
    for path, name_col, src_col in (
        (shared / "corpus" / "SOURCES.tsv", "files", "repo"),
        (ROOT / "data" / "raw" / "SOURCES.tsv", "file", "source"),
    ):
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for name in (row.get(name_col) or "").split(";"):
                    if name.strip() and row.get(src_col):
                        table[name.strip()] = row[src_col].strip().lower()
    out = {}
    for doc in doc_ids:
        stem = doc.rsplit(".", 1)[0]
        out[doc] = table.get(doc) or next((v for k, v in table.items() if k.rsplit(".", 1)[0] == stem), doc)
    return out
