"""Batch extraction that survives crashes, restarts and dying workers.

Each document's rows are written to ``OUT/.vntasks-cache/`` as soon as it is done
(atomically, one JSON file per document), so nothing already extracted is lost;
``resume=True`` reuses the cached rows of every input whose content (sha256), name,
pipeline version and needed tools (Tesseract for PDFs, antiword for .doc) are unchanged —
except cached *error* rows, which are retried
(their cause may be gone: a raised ``--max-mb``, a tool installed since) unless
``resume_errors="skip"``. The tables are assembled from the cache at the end.

With ``jobs > 1`` documents go to a process pool. A worker that dies (the OOM killer,
a crash in a C library) breaks the pool: the documents it was working on get an error
row and are retried once, each alone in a fresh worker; the documents not yet started
go on in a fresh pool. ``timeout`` and ``max_memory`` bound each document's wall time and
the growth of its worker's memory, checked inside the worker (in-process with ``jobs=1``).
Folder entries that are not inputs come back in ``BatchResult.skipped`` with the reason.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from . import __version__
from .api import _failed, file_sha256, process_file
from .errors import LimitExceeded, OutputError, WorkerDied
from .out.export import doc_rows
from .read.inputs import CACHE_DIR, scan_inputs

__all__ = ["BatchResult", "BatchInterrupted", "run_batch", "scan_inputs", "CACHE_DIR", "DEFAULT_TIMEOUT",
           "DEFAULT_MAX_MEMORY_MB"]

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 1800.0        # seconds per document; generous: a 100-page scan OCRs in ~5 min
DEFAULT_MAX_MEMORY_MB = 4096    # growth of a worker's resident memory per document; the corpus needs < 300


@dataclass(frozen=True)
class BatchResult:
    parts: tuple[dict, ...]        # per-document rows, in input order
    processed: int                 # documents extracted in this run
    reused: int                    # documents taken from the cache
    errors: tuple[str, ...]        # error messages of documents with status=error
    skipped: tuple[tuple[str, str], ...] = ()   # (path, reason) of folder entries that are not inputs
    retried: int = 0               # documents retried after their worker died


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: what was done is cached; ``--resume`` goes on from there."""

    def __init__(self, done: int, total: int, stopped_at: str, cache: Path):
        super().__init__(f"interrupted after {done} of {total} documents")
        self.done, self.total, self.stopped_at, self.cache = done, total, stopped_at, cache


# ---------------------------------------------------------------------- workers

class _OverLimit(BaseException):
    """Raised by the limit check inside a document; a BaseException so no ``except Exception``
    in the pipeline or a library eats it. ``args[0]``: ``"time"`` or ``"memory"``."""


_TICK = 0.25        # seconds between two checks of a document's time and memory


def _rss() -> int:
    """Resident memory of this process in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def _limits(seconds: float | None, max_growth: int | None):
    """Raise :class:`_OverLimit` when the block runs longer than ``seconds`` or the process's
    resident memory grows by more than ``max_growth`` bytes. Checked every 0.25 s by SIGALRM
    (in the main thread of a process only; elsewhere no limit): a long call into C code is
    stopped when it returns to Python."""
    usable = ((seconds or max_growth) and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    t0, base = time.monotonic(), _rss()

    def tick(signum, frame):
        if seconds and time.monotonic() - t0 > seconds:
            raise _OverLimit("time")
        if max_growth and base and _rss() - base > max_growth:
            raise _OverLimit("memory")
    old = signal.signal(signal.SIGALRM, tick)
    first = min(_TICK, seconds) if seconds else _TICK
    signal.setitimer(signal.ITIMER_REAL, first, _TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _error_rows(path: Path, doc_id: str, sha: str, err: Exception) -> dict:
    return doc_rows(_failed(doc_id, str(path), path.suffix.lower().lstrip("."), err, sha))


_WARM_TEXT = ("KẾ HOẠCH\nTriển khai năm 2025\nII. NHIỆM VỤ\n- Tổ chức tập huấn trong quý II/2025 theo "
              "Quyết định số 25/2021/QĐ-TTg.\n")
_warm = [False]


def _warm_up() -> None:
    """Run one small text through the pipeline once per process before any document's clock
    starts: a per-document time limit must not count the one-time loading of the classifier
    and the lazy imports (≈ 4 s)."""
    if _warm[0]:
        return
    _warm[0] = True
    from .api import process_text
    try:
        process_text(_WARM_TEXT)
    except Exception as exc:   # the documents' own calls meet it again and their rows say so
        log.warning("warm-up before timing documents failed: %s: %s", type(exc).__name__, exc)


def _work(job):
    """One document's rows. ``job``: (path, doc_id, max_bytes, sha256, timeout, max_memory, marker);
    the last three may be left off."""
    path, doc_id, max_bytes, sha, *rest = job
    timeout, max_memory, marker = (list(rest) + [None, None, None])[:3]
    if marker:
        Path(marker).touch()          # a worker that dies leaves this behind: it was working on this document
    if timeout or max_memory:
        _warm_up()
    try:
        with _limits(timeout, max_memory):
            doc = process_file(path, doc_id, max_bytes, sha256=sha)
    except _OverLimit as over:
        if over.args[0] == "time":
            err = LimitExceeded(path, f"extraction took longer than the {timeout:g} s limit per document",
                                "raise it with --timeout SECONDS, or split the document")
        else:
            err = LimitExceeded(path, f"extraction used more than the {max_memory / 2**20:g} MiB of memory allowed "
                                "per document", "raise it with --max-memory-mb, or split the document")
        return _error_rows(Path(path), doc_id, sha or "", err)
    return doc_rows(doc)


def _died(path: Path, second: bool) -> WorkerDied:
    if second:
        return WorkerDied(path, "the worker process extracting it died twice (killed by the system — out of "
                          "memory? — or a crash in a library)",
                          "run it alone with --jobs 1 to see the error; give the machine more memory or split the file")
    return WorkerDied(path, "the worker process extracting it died (killed by the system — out of memory? — "
                      "or a crash in a library); it will be retried once", "rerun with --resume to retry it")


def _stop_pool(ex: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (Ctrl-C must not wait for them)."""
    procs = list((getattr(ex, "_processes", None) or {}).values())   # shutdown() forgets them
    ex.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()


# ------------------------------------------------------------------------ batch

def _key(sha: str, doc_id: str, tools: str = "") -> str:
    """Cache key: the file's content, its name in the batch, the pipeline version and the state
    of the external tools its format needs (see :func:`_tools`)."""
    return hashlib.sha256(f"{sha}\0{doc_id}\0{__version__}\0{tools}".encode("utf-8", "surrogateescape")).hexdigest()


def _tools(ext: str, memo: dict) -> str:
    """What the external tools a format needs look like here, so that installing one (Tesseract
    for scanned PDFs, antiword for .doc) makes --resume extract those files again — their rows
    may be ``ok`` with pages not read. Empty for formats that need none."""
    if ext not in (".pdf", ".doc"):
        return ""
    if ext not in memo:
        if ext == ".pdf":
            from .read.pdf import tesseract_ready
            memo[ext] = "tesseract:" + (tesseract_ready() or "ready")
        else:
            import shutil
            memo[ext] = "antiword:" + (shutil.which("antiword") or "missing")
    return memo[ext]


def _has_error(rows: dict) -> bool:
    return any(r.get("status") == "error" for r in rows.get("documents", []))


def run_batch(inputs: Iterable[str | Path], out: str | Path, *, jobs: int = 1, resume: bool = False,
              max_bytes: int | None = None, progress: Callable[[int], Any] | None = None,
              resume_errors: str = "retry", timeout: float | None = None,
              max_memory: int | None = None) -> BatchResult:
    """Extract every input, caching each document's rows under ``out``.

    ``progress(total)``: a factory of a progress bar (``update(n)``, ``close()``), called
    when there is more than one document to do. ``resume_errors``: ``"retry"`` (cached
    error rows are extracted again) or ``"skip"`` (they are reused). ``timeout``: wall-time
    limit per document in seconds; ``max_memory``: limit on the growth of the worker's
    resident memory per document in bytes (None: no limit)."""
    if resume_errors not in ("retry", "skip"):
        raise ValueError(f"resume_errors must be 'retry' or 'skip', not {resume_errors!r}")
    cache = Path(out) / CACHE_DIR
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out}: cannot create the output folder ({exc.strerror or exc}) — "
                          "give --out a folder you can write to") from exc
    items, skipped = scan_inputs(inputs)
    keys, shas, todo, parts, tools = [], [], [], {}, {}
    for i, (path, doc_id) in enumerate(items):
        try:
            sha = file_sha256(path) if path.is_file() else ""
        except OSError:
            sha = ""                  # unreadable: process_file makes its error row
        shas.append(sha)
        key = _key(sha, doc_id, _tools(path.suffix.lower(), tools)) if sha else f"missing-{i}"
        keys.append(key)
        cached = cache / f"{key}.json"
        rows = None
        if resume and cached.exists():
            try:
                rows = json.loads(cached.read_bytes().decode("utf-8", "surrogatepass"))
            except (OSError, ValueError):
                rows = None           # unreadable cache entry: extract again
        if rows is not None and not (resume_errors == "retry" and _has_error(rows)):
            parts[i] = rows
        else:
            todo.append(i)
    bar = progress(len(todo)) if progress and len(todo) > 1 else None
    done = [0]

    def save(i, rows, final=True):
        parts[i] = rows
        tmp = cache / f"{keys[i]}.json.tmp"
        # file names that are not UTF-8 come as surrogates (surrogateescape): kept through the cache
        tmp.write_bytes(json.dumps(rows, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        os.replace(tmp, cache / f"{keys[i]}.json")
        if final:
            done[0] += 1
            if bar is not None:
                bar.update(1)

    def job(i):
        return (items[i][0], items[i][1], max_bytes, shas[i] or None, timeout, max_memory)

    retried = 0
    try:
        if jobs > 1 and len(todo) > 1:
            retried = _run_pool(todo, jobs, job, save, cache, keys, items, shas)
        else:
            for i in todo:
                save(i, _work(job(i)))
    except KeyboardInterrupt as exc:
        if bar is not None:
            bar.close()
        left = [i for i in todo if i not in parts]
        stopped = items[left[0]][1] if left else ""
        raise BatchInterrupted(done[0], len(todo), stopped, cache) from exc
    if bar is not None:
        bar.close()
    ordered = tuple(parts[i] for i in range(len(items)))
    errors = tuple(r["error"] for p in ordered for r in p["documents"] if r["status"] == "error")
    return BatchResult(ordered, processed=len(todo), reused=len(items) - len(todo), errors=errors,
                       skipped=tuple(skipped), retried=retried)


def _run_pool(todo, jobs, job, save, cache, keys, items, shas) -> int:
    """Run ``todo`` in pools of ``jobs`` workers until every document has rows; returns how
    many documents were retried alone after a worker died."""
    pending, retried = list(todo), 0
    while pending:
        markers = {i: cache / f".started-{keys[i]}" for i in pending}
        for m in markers.values():
            m.unlink(missing_ok=True)
        finished: set[int] = set()
        broken = False
        ex = ProcessPoolExecutor(min(jobs, len(pending)))
        try:
            futures = {ex.submit(_work, job(i) + (str(markers[i]),)): i for i in pending}
            for f in as_completed(futures):
                i = futures[f]
                try:
                    rows = f.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:   # a bug outside process_file's own net: the row says so
                    rows = _error_rows(items[i][0], items[i][1], shas[i], exc)
                save(i, rows)
                finished.add(i)
        except BaseException:
            _stop_pool(ex)
            raise
        ex.shutdown(wait=True)
        unfinished = [i for i in pending if i not in finished]
        started = [i for i in unfinished if markers[i].exists()]
        for m in markers.values():
            m.unlink(missing_ok=True)
        if not unfinished:
            return retried
        if not broken or not started:
            # the pool broke before any document started: workers cannot run here
            for i in unfinished:
                save(i, _error_rows(items[i][0], items[i][1], shas[i], WorkerDied(
                    items[i][0], "worker processes died before starting", "run with --jobs 1")))
            return retried
        # the documents the dead pool was working on: an error row now, then one retry each, alone
        for i in started:
            save(i, _error_rows(items[i][0], items[i][1], shas[i], _died(items[i][0], False)), final=False)
        for i in started:
            retried += 1
            save(i, _retry_alone(job(i), items[i], shas[i]))
        pending = [i for i in unfinished if i not in started]
    return retried


def _retry_alone(job, item, sha) -> dict:
    ex = ProcessPoolExecutor(1)
    try:
        rows = ex.submit(_work, job).result()
    except BrokenProcessPool:
        rows = _error_rows(item[0], item[1], sha, _died(item[0], True))
    except BaseException:
        _stop_pool(ex)
        raise
    ex.shutdown(wait=True)
    return rows
