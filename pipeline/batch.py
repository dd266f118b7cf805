"""Batch extraction that survives crashes, restarts and dying workers, in flat memory.

Each document's rows go to the run's store (:mod:`pipeline.out.store`: ``OUT/.vntasks-cache/store.sqlite``,
and with ``db="postgresql://…"`` the same tables in PostgreSQL) the moment it is done, in one
transaction keyed by the document's hash and the row's place, so nothing already extracted is
lost and a rerun never doubles a row. Nothing is held in memory: the final tables are streamed
out of the store (:meth:`BatchResult.chunks`). ``resume=True`` reuses the stored rows of every
input whose content (sha256), name, place, pipeline version and needed tools (Tesseract for PDFs,
antiword for .doc) are unchanged — except stored *error* rows, which are retried
(their cause may be gone: a raised ``--max-mb``, a tool installed since) unless
``resume_errors="skip"``.

With ``jobs > 1`` documents go to a process pool. A worker that dies (the OOM killer,
a crash in a C library) breaks the pool: the documents it was working on get an error
row and are retried once, each alone in a fresh worker; the documents not yet started
go on in a fresh pool. ``engine="dask"`` sends the same per-document function (:func:`work`) to a
Dask cluster instead: a LocalCluster of ``jobs`` worker processes, or the scheduler at
``scheduler="tcp://HOST:8786"``; a document whose worker dies more than Dask's allowed failures
gets an error row. ``timeout`` and ``max_memory`` bound each document's wall time and
the growth of its worker's memory, checked inside the worker (SIGALRM in a process's main thread,
a watchdog thread in a Dask worker's thread).
Folder entries that are not inputs come back in ``BatchResult.skipped`` with the reason.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .api import file_sha256
from .errors import OutputError, WorkerDied
from .out.store import STORE_FILE, PgMirror, Store, doc_hash
from .parts import PartsFailed, streamed
from .read.inputs import CACHE_DIR, scan_inputs
from .worker import died, error_rows, stop_pool, work, work_into

__all__ = [
    "BatchResult",
    "BatchInterrupted",
    "run_batch",
    "scan_inputs",
    "CACHE_DIR",
    "STORE_FILE",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_MEMORY_MB",
    "ENGINES",
]

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 1800.0  # seconds per document; generous: a 100-page scan OCRs in ~5 min
DEFAULT_MAX_MEMORY_MB = 4096  # growth of a worker's resident memory per document; the corpus needs < 300
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class BatchResult:
    store: Store  # the run's store; the tables are read from it
    keys: tuple[str, ...]  # each input's document hash, in input order
    processed: int  # documents extracted in this run
    reused: int  # documents taken from the store (--resume)
    errors: tuple[str, ...]  # error messages of documents with status=error
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason) of folder entries that are not inputs
    retried: int = 0  # documents retried after their worker died

    @property
    def parts(self) -> tuple[dict, ...]:
        """Per-document rows in input order, read from the store (all in memory: for small
        batches and tests; the CLI streams :meth:`chunks` instead)."""
        return tuple(self.store.rows(k) for k in self.keys)

    def chunks(self, table: str, size: int | None = None):
        """The run's ``table`` as DataFrames of at most ``size`` rows, in input order."""
        return self.store.chunks(table, size) if size else self.store.chunks(table)

    def count(self, table: str) -> int:
        return self.store.count(table)

    def citations(self):
        return self.store.citations()


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch: what was done is cached; ``--resume`` goes on from there."""

    def __init__(self, done: int, total: int, stopped_at: str, cache: Path):
        super().__init__(f"interrupted after {done} of {total} documents")
        self.done, self.total, self.stopped_at, self.cache = done, total, stopped_at, cache


# ------------------------------------------------------------------------ batch


def _tag(tools: str = "") -> str:
    """What a stored document was extracted with: the pipeline version and the state of the
    external tools its format needs (see :func:`_tools`); --resume extracts it again when it changed."""
    return f"{__version__}\0{tools}"


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


class _Progress:
    """Files done, pages, errors and MB/s on the progress bar (tqdm's postfix)."""

    def __init__(self, bar, sizes):
        self.bar, self.sizes = bar, sizes
        self.pages = self.errors = self.bytes = 0
        self.t0 = time.monotonic()

    def done(self, i: int, rows: dict) -> None:
        for d in rows.get("documents", []):
            self.pages += d.get("pages") or 0
            self.errors += d.get("status") == "error"
        self.bytes += self.sizes[i]
        if self.bar is None:
            return
        if hasattr(self.bar, "set_postfix_str"):
            rate = self.bytes / 2**20 / max(time.monotonic() - self.t0, 1e-6)
            self.bar.set_postfix_str(f"pages={self.pages}, errors={self.errors}, {rate:.2f} MB/s", refresh=False)
        self.bar.update(1)


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    jobs: int = 1,
    resume: bool = False,
    max_bytes: int | None = None,
    progress: Callable[[int], Any] | None = None,
    resume_errors: str = "retry",
    timeout: float | None = None,
    max_memory: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    db: str | None = None,
) -> BatchResult:
    """Extract every input, storing each document's rows under ``out`` as soon as it is done.

    ``progress(total)``: a factory of a progress bar (``update(n)``, ``close()``, and
    ``set_postfix_str`` when it shows pages, errors and MB/s), called
    when there is more than one document to do. ``resume_errors``: ``"retry"`` (stored
    error rows are extracted again) or ``"skip"`` (they are reused). ``timeout``: wall-time
    limit per document in seconds; ``max_memory``: limit on the growth of the worker's
    resident memory per document in bytes (None: no limit). ``engine``: ``"local"`` (this
    machine's processes) or ``"dask"`` (``scheduler``: a Dask scheduler's address, or None for a
    LocalCluster of ``jobs`` workers). ``db``: a ``postgresql://`` URL the store is mirrored to."""
    if resume_errors not in ("retry", "skip"):
        raise ValueError(f"resume_errors must be 'retry' or 'skip', not {resume_errors!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    cache, store = _open_store(out, db)
    plan = _plan(inputs, store, resume, resume_errors)
    store.mirror_reused(plan.reused)
    limits = (max_bytes, timeout, max_memory)
    retried = _run(plan, store, cache, jobs, progress, limits, engine, scheduler)
    store.set_order(plan.keys)
    return BatchResult(
        store,
        tuple(plan.keys),
        processed=len(plan.todo),
        reused=len(plan.items) - len(plan.todo),
        errors=tuple(store.errors()),
        skipped=tuple(plan.skipped),
        retried=retried,
    )


def _open_store(out: str | Path, db: str | None) -> tuple[Path, Store]:
    """The run's cache folder ``OUT/.vntasks-cache`` (created) and its store (mirrored to ``db``)."""
    cache = Path(out) / CACHE_DIR
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot create the output folder ({exc.strerror or exc}) — give --out a folder you can write to"
        ) from exc
    mirror = PgMirror(db) if db else None
    return cache, Store(cache / STORE_FILE, mirror)


@dataclass
class _Plan:
    """The inputs of a run and what to do with each: per input (in input order) its document
    hash, file hash, tag and size; the places of the inputs to extract, the keys of those reused."""

    items: list  # (path, doc_id) of each input
    skipped: list  # (path, reason) of folder entries that are not inputs
    keys: list[str] = field(default_factory=list)
    shas: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    todo: list[int] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


def _plan(inputs: Iterable[str | Path], store: Store, resume: bool, resume_errors: str) -> _Plan:
    """Scan the inputs, hash each, and decide what to reuse from the store (``resume``: the same
    content, place and tag, and not an error row to retry) and what to extract."""
    items, skipped = scan_inputs(inputs)
    plan = _Plan(items, skipped)
    tools: dict[str, str] = {}
    for i, (path, doc_id) in enumerate(items):
        try:
            st = path.stat() if path.is_file() else None
            sha = file_sha256(path) if st else ""
        except OSError:
            st, sha = None, ""  # unreadable: process_file makes its error row
        plan.shas.append(sha)
        plan.sizes.append(st.st_size if st else 0)
        key = doc_hash(sha, doc_id, str(path))
        plan.keys.append(key)
        tag = _tag(_tools(path.suffix.lower(), tools))
        plan.tags.append(tag)
        hit = store.cached(key) if resume and sha else None
        if hit is not None and hit[0] == tag and not (resume_errors == "retry" and hit[1]):
            plan.reused.append(key)
        else:
            plan.todo.append(i)
    return plan


def _run(plan: _Plan, store: Store, cache: Path, jobs: int, progress, limits: tuple, engine: str, scheduler) -> int:
    """Extract the documents of ``plan.todo``, each stored as it is done; returns how many were
    retried after their worker died. Ctrl-C raises :class:`BatchInterrupted`."""
    max_bytes, timeout, max_memory = limits
    items, keys, shas, todo = plan.items, plan.keys, plan.shas, plan.todo
    bar = progress(len(todo)) if progress and len(todo) > 1 else None
    stats = _Progress(bar, plan.sizes)
    finished: set[int] = set()

    def save(i, rows, final=True):
        store.save(keys[i], rows, plan.tags[i])
        if final:
            finished.add(i)
            stats.done(i, rows)

    def job(i):
        return (items[i][0], items[i][1], max_bytes, shas[i] or None, timeout, max_memory)

    def save_parts(i):
        """In this process, a very large text: its rows go to the store section by section."""
        try:
            with store.writer(keys[i], plan.tags[i]) as write:
                docs = work_into(job(i), write)
        except PartsFailed as exc:  # failed half-way: what was written is rolled back
            save(i, exc.rows)
            return
        finished.add(i)
        stats.done(i, {"documents": docs})

    retried = 0
    try:
        if engine == "dask":
            _run_dask(todo, jobs, job, save, items, shas, scheduler)
        elif jobs > 1 and len(todo) > 1:
            retried = _run_pool(todo, jobs, job, save, cache, keys, items, shas)
        else:
            for i in todo:
                if streamed(Path(items[i][0])):
                    save_parts(i)
                else:
                    save(i, work(job(i)))
    except KeyboardInterrupt as exc:
        if bar is not None:
            bar.close()
        left = [i for i in todo if i not in finished]
        stopped = items[left[0]][1] if left else ""
        raise BatchInterrupted(len(finished), len(todo), stopped, cache) from exc
    if bar is not None:
        bar.close()
    return retried


def _run_dask(todo, jobs, job, save, items, shas, scheduler) -> None:
    """The same per-document function on a Dask cluster; each result is stored as it comes."""
    try:
        from distributed import Client, LocalCluster, as_completed
        from distributed.scheduler import KilledWorker
    except ImportError as exc:  # pragma: no cover - a dependency
        raise OutputError("--engine dask needs Dask: pip install 'dask[distributed]'") from exc
    if not todo:
        return
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
        )
        client = Client(cluster)
    try:
        queue = iter(todo)
        ahead = max(8, 4 * sum(client.nthreads().values()))  # documents sent ahead of the workers
        futures, ac = {}, as_completed()

        def send():
            i = next(queue, None)
            if i is not None:
                f = client.submit(work, job(i), pure=False)
                futures[f] = i
                ac.add(f)

        for _ in range(ahead):
            send()
        for f in ac:
            i = futures.pop(f)
            try:
                rows = f.result()
            except KilledWorker:
                rows = error_rows(items[i][0], items[i][1], shas[i], died(items[i][0], True))
            except Exception as exc:  # a bug outside process_file's own net: the row says so
                rows = error_rows(items[i][0], items[i][1], shas[i], exc)
            f.release()
            save(i, rows)
            send()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
        queue = iter(pending)
        running: dict = {}

        def fill():
            # a few documents ahead of the workers, not the whole batch: a done future holds its
            # rows, and a queued one its arguments, so the batch's memory stays flat. (Called only
            # within this round of the loop, so its names are this round's: B023 does not apply.)
            while not broken and len(running) < jobs * 4:  # noqa: B023
                i = next(queue, None)  # noqa: B023
                if i is None:
                    return
                running[ex.submit(work, job(i) + (str(markers[i]),))] = i  # noqa: B023

        try:
            fill()
            while running:
                done_now, _ = wait(running, return_when=FIRST_COMPLETED)
                for f in done_now:
                    i = running.pop(f)
                    try:
                        rows = f.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    except Exception as exc:  # a bug outside process_file's own net: the row says so
                        rows = error_rows(items[i][0], items[i][1], shas[i], exc)
                    save(i, rows)
                    finished.add(i)
                fill()
        except BaseException:
            stop_pool(ex)
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
                save(
                    i,
                    error_rows(
                        items[i][0],
                        items[i][1],
                        shas[i],
                        WorkerDied(items[i][0], "worker processes died before starting", "run with --jobs 1"),
                    ),
                )
            return retried
        # the documents the dead pool was working on: an error row now, then one retry each, alone
        for i in started:
            save(i, error_rows(items[i][0], items[i][1], shas[i], died(items[i][0], False)), final=False)
        for i in started:
            retried += 1
            save(i, _retry_alone(job(i), items[i], shas[i]))
        pending = [i for i in unfinished if i not in started]
    return retried


def _retry_alone(job, item, sha) -> dict:
    ex = ProcessPoolExecutor(1)
    try:
        rows = ex.submit(work, job).result()
    except BrokenProcessPool:
        rows = error_rows(item[0], item[1], sha, died(item[0], True))
    except BaseException:
        stop_pool(ex)
        raise
    ex.shutdown(wait=True)
    return rows
