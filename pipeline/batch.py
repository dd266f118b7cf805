"""Batch extraction that survives crashes and restarts.

Each document's rows are written to ``OUT/.vntasks-cache/`` as soon as it is done
(atomically, one JSON file per document), so nothing already extracted is lost;
``resume=True`` reuses the cached rows of every input whose content (sha256), name
and pipeline version are unchanged. The tables are assembled from the cache at the end.
"""
from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from . import __version__
from .api import file_sha256, iter_inputs, process_file
from .export import doc_rows

__all__ = ["BatchResult", "run_batch", "CACHE_DIR"]

CACHE_DIR = ".vntasks-cache"


@dataclass(frozen=True)
class BatchResult:
    parts: tuple[dict, ...]        # per-document rows, in input order
    processed: int                 # documents extracted in this run
    reused: int                    # documents taken from the cache
    errors: tuple[str, ...]        # error messages of documents with status=error


def _key(sha: str, doc_id: str) -> str:
    """Cache key: the file's content, its name in the batch and the pipeline version."""
    return hashlib.sha256(f"{sha}\0{doc_id}\0{__version__}".encode()).hexdigest()


def _work(job):
    path, doc_id, max_bytes, sha = job
    return doc_rows(process_file(path, doc_id, max_bytes, sha256=sha))


def run_batch(inputs: Iterable[str | Path], out: str | Path, *, jobs: int = 1, resume: bool = False,
              max_bytes: int | None = None, progress: Callable | None = None) -> BatchResult:
    """Extract every input, caching each document's rows under ``out``."""
    cache = Path(out) / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    items = list(iter_inputs(inputs))
    keys, shas, todo, parts = [], [], [], {}
    for i, (path, doc_id) in enumerate(items):
        sha = file_sha256(path) if path.is_file() else ""
        shas.append(sha)
        key = _key(sha, doc_id) if sha else f"missing-{i}"
        keys.append(key)
        cached = cache / f"{key}.json"
        if resume and cached.exists():
            parts[i] = json.loads(cached.read_text("utf-8"))
        else:
            todo.append(i)
    wrap = progress if progress and len(todo) > 1 else (lambda it, total: it)

    def save(i, rows):
        parts[i] = rows
        tmp = cache / f"{keys[i]}.json.tmp"
        tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache / f"{keys[i]}.json")

    jobs_list = [(items[i][0], items[i][1], max_bytes, shas[i] or None) for i in todo]
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(jobs) as ex:
            for i, rows in zip(todo, wrap(ex.map(_work, jobs_list, chunksize=1), len(todo))):
                save(i, rows)
    else:
        for i, job in zip(todo, wrap(jobs_list, len(todo))):
            save(i, _work(job))
    ordered = tuple(parts[i] for i in range(len(items)))
    errors = tuple(r["error"] for p in ordered for r in p["documents"] if r["status"] == "error")
    return BatchResult(ordered, processed=len(todo), reused=len(items) - len(todo), errors=errors)
