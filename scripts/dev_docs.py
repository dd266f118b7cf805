"""The development documents that have a text and gold, for the scripts that make noisy copies of
them (``ocr_dev.py``, ``headerless_dev.py``): their rows of ``data/raw/SOURCES.tsv`` (the sealed
split's never), and where their text and gold are."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw" / "wide"
GOLD = ROOT / "data" / "annotated" / "wide"


def dev_rows() -> list[dict]:
    """The ``SOURCES.tsv`` rows of the development split whose text and gold file exist."""
    with (ROOT / "data" / "raw" / "SOURCES.tsv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"].strip() == "dev"]
    return [r for r in rows if (RAW / r["file"]).exists() and gold_path(r["id"]).exists()]


def gold_path(doc_id: str) -> Path:
    return GOLD / f"{doc_id}.gold.json"
