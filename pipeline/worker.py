"""The per-document work of a batch (:mod:`pipeline.batch`): one document read and extracted
in a worker process or a Dask worker thread, under a wall-time and a memory budget (signals
in a process, a watchdog thread under Dask), with its rows or an error row as the result."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from .api import _failed, process_file
from .errors import LimitExceeded, WorkerDied
from .out.export import doc_rows
from .parts import PartsFailed, file_parts

log = logging.getLogger(__name__)


class OverLimit(BaseException):
    """Raised by the limit check inside a document; a BaseException so no ``except Exception``
    in the pipeline or a library eats it. ``args[0]``: ``"time"`` or ``"memory"``."""


class OverTime(OverLimit):
    """The time limit, raised in a thread by the watchdog (which can only raise a class)."""

    def __init__(self, *args):
        super().__init__(*(args or ("time",)))


class OverMemory(OverLimit):
    def __init__(self, *args):
        super().__init__(*(args or ("memory",)))


_TICK = 0.25  # seconds between two checks of a document's time and memory


def rss() -> int:
    """Resident memory of this process in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextmanager
def limits(seconds: float | None, max_growth: int | None):
    """Raise :class:`OverLimit` when the block runs longer than ``seconds`` or the process's
    resident memory grows by more than ``max_growth`` bytes. Checked every 0.25 s: by SIGALRM in
    the main thread of a process, by a watchdog thread elsewhere (a Dask worker runs documents in
    a thread). Either way a long call into C code is stopped when it returns to Python."""
    if not (seconds or max_growth):
        yield
        return
    if not (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        with watchdog(seconds, max_growth):
            yield
        return
    t0, base = time.monotonic(), rss()

    def tick(signum, frame):
        if seconds and time.monotonic() - t0 > seconds:
            raise OverLimit("time")
        if max_growth and base and rss() - base > max_growth:
            raise OverLimit("memory")

    old = signal.signal(signal.SIGALRM, tick)
    first = min(_TICK, seconds) if seconds else _TICK
    signal.setitimer(signal.ITIMER_REAL, first, _TICK)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@contextmanager
def watchdog(seconds: float | None, max_growth: int | None):
    """The limits for a thread that is not a main thread: a daemon thread checks them and raises
    :class:`OverTime` / :class:`OverMemory` in the document's thread (CPython's
    ``PyThreadState_SetAsyncExc``); a raise not yet delivered when the block ends is taken back."""
    tid, t0, base = threading.get_ident(), time.monotonic(), rss()
    lock, stop, fired = threading.Lock(), threading.Event(), []
    set_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc

    def watch():
        while not stop.wait(min(_TICK, seconds) if seconds else _TICK):
            over = (
                OverTime
                if seconds and time.monotonic() - t0 > seconds
                else OverMemory
                if max_growth and base and rss() - base > max_growth
                else None
            )
            if over is not None:
                with lock:
                    if not stop.is_set():
                        fired.append(over)
                        set_exc(ctypes.c_ulong(tid), ctypes.py_object(over))
                return

    th = threading.Thread(target=watch, name="vntasks-limits", daemon=True)
    th.start()
    try:
        yield
    finally:
        with lock:
            stop.set()
            if fired:
                set_exc(ctypes.c_ulong(tid), ctypes.c_void_p(0))


def error_rows(path: Path, doc_id: str, sha: str, err: Exception) -> dict:
    return doc_rows(_failed(doc_id, str(path), path.suffix.lower().lstrip("."), err, sha))


_WARM_TEXT = (
    "KẾ HOẠCH\nTriển khai năm 2025\nII. NHIỆM VỤ\n- Tổ chức tập huấn trong quý II/2025 theo Quyết định số 25/2021/QĐ-TTg.\n"
)
_warm = [False]


def warm_up() -> None:
    """Run one small text through the pipeline once per process before any document's clock
    starts: a per-document time limit must not count the one-time loading of the classifier
    and the lazy imports (≈ 4 s)."""
    if _warm[0]:
        return
    _warm[0] = True
    from .api import process_text

    try:
        process_text(_WARM_TEXT)
    except Exception as exc:  # the documents' own calls meet it again and their rows say so
        log.warning("warm-up before timing documents failed: %s: %s", type(exc).__name__, exc)


def _job(job):
    """(path, doc_id, max_bytes, sha, timeout, max_memory) of a job, its marker touched (a worker
    that dies leaves it behind: it was working on this document) and the process warmed up when
    the document is timed."""
    path, doc_id, max_bytes, sha, *rest = job
    timeout, max_memory, marker = (list(rest) + [None, None, None])[:3]
    if marker:
        Path(marker).touch()
    if timeout or max_memory:
        warm_up()
    return path, doc_id, max_bytes, sha, timeout, max_memory


def _over_rows(over: OverLimit, path, doc_id: str, sha, timeout, max_memory) -> dict:
    if over.args[0] == "time":
        err = LimitExceeded(
            path,
            f"extraction took longer than the {timeout:g} s limit per document",
            "raise it with --timeout SECONDS, or split the document",
        )
    else:
        err = LimitExceeded(
            path,
            f"extraction used more than the {max_memory / 2**20:g} MiB of memory allowed per document",
            "raise it with --max-memory-mb, or split the document",
        )
    return error_rows(Path(path), doc_id, sha or "", err)


def work(job):
    """One document's rows. ``job``: (path, doc_id, max_bytes, sha256, timeout, max_memory, marker);
    the last three may be left off."""
    path, doc_id, max_bytes, sha, timeout, max_memory = _job(job)
    try:
        with limits(timeout, max_memory):
            doc = process_file(path, doc_id, max_bytes, sha256=sha)
    except OverLimit as over:
        return _over_rows(over, path, doc_id, sha, timeout, max_memory)
    return doc_rows(doc)


def work_into(job, write: Callable[[dict], None]) -> list[dict]:
    """:func:`work`, the rows given to ``write`` part by part instead of returned (a text over
    :data:`pipeline.sections.THRESHOLD` characters section by section: its rows are never all in
    memory, nor its text twice); returns the documents rows. A failure after a part was written
    raises :class:`~pipeline.parts.PartsFailed` with the rows to store instead."""
    path, doc_id, max_bytes, sha, timeout, max_memory = _job(job)
    written = False
    docs: list[dict] = []
    try:
        with limits(timeout, max_memory):
            for rows in file_parts(Path(path), doc_id, max_bytes, sha, process=process_file):
                write(rows)
                written = True
                docs = rows.get("documents") or docs
    except OverLimit as over:
        rows = _over_rows(over, path, doc_id, sha, timeout, max_memory)
        if written:
            raise PartsFailed(rows) from None
        write(rows)
        return rows["documents"]
    return docs


def died(path: Path, second: bool) -> WorkerDied:
    if second:
        return WorkerDied(
            path,
            "the worker process extracting it died twice (killed by the system — out of memory? — or a crash in a library)",
            "run it alone with --jobs 1 to see the error; give the machine more memory or split the file",
        )
    return WorkerDied(
        path,
        "the worker process extracting it died (killed by the system — out of memory? — "
        "or a crash in a library); it will be retried once",
        "rerun with --resume to retry it",
    )


def stop_pool(ex: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (Ctrl-C must not wait for them)."""
    procs = list((getattr(ex, "_processes", None) or {}).values())  # shutdown() forgets them
    ex.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
