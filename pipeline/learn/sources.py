"""Which source (a site or a repository) each gold document came from, so that cross-validation
folds hold whole sources as the sealed test split does (``data/annotated/test``: chosen by source);
and the digest that says whether a cache of the processed gold documents is still theirs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

#: The repository (models/, data/ and, beside it, ../shared).
ROOT = Path(__file__).resolve().parents[2]

__all__ = ["source_groups", "shared_dir", "cache_key", "ROOT"]


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


def cache_key(gold_dirs: Sequence[str | Path], search: Sequence[Path]) -> str:
    """A digest of what :func:`~pipeline.learn.training.load_annotated` reads: the gold files, the texts they name (their
    names, sizes and modification times) and the pipeline's code and resources but the learning
    package (the rules alone are run)."""
    import hashlib

    h = hashlib.sha256()
    pkg = ROOT / "pipeline"
    code = sorted(p for p in pkg.rglob("*") if p.suffix in (".py", ".toml") and p.relative_to(pkg).parts[0] != "learn")
    for p in code + sorted(p for d in gold_dirs for p in Path(d).glob("*.gold.json")):
        h.update(p.name.encode() + b"\0" + p.read_bytes())
    for folder in search:
        for p in sorted(Path(folder).glob("*")) if Path(folder).is_dir() else ():
            st = p.stat()
            h.update(f"{p.name}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()
