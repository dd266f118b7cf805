"""A document's rows in parts, for the batch's store (:meth:`pipeline.out.store.Store.writer`).

A text over :data:`pipeline.sections.THRESHOLD` characters gives the rows of its tasks, claims,
references and times section by section, then its documents row: the rows of a 50 MB text are
never all in memory, nor its dataclasses, and its text is held once (the text as read is freed
once normalised). Every other document gives its rows at once. The parts joined are exactly
:func:`pipeline.out.export.doc_rows` of :func:`pipeline.api.process_file`'s document.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from . import sections
from .api import _failed, process_file, process_text
from .out.export import doc_rows, document_row, part_rows
from .read.inputs import file_sha256
from .read.readers import read_file
from .types import Document

__all__ = ["file_parts", "streamed", "PartsFailed"]

_TABLES = ("tasks", "claims", "references", "times")


class PartsFailed(Exception):
    """A document failed after some of its parts were given: those are void, ``rows`` (its
    error row) are its rows."""

    def __init__(self, rows: dict):
        super().__init__("a document failed after some of its rows were given")
        self.rows = rows


def streamed(path: Path) -> bool:
    """Whether ``path`` may give its rows in several parts: a text file with more bytes than
    :data:`pipeline.sections.THRESHOLD` characters (a file with fewer has fewer characters)."""
    try:
        return path.suffix.lower() == ".txt" and path.is_file() and path.stat().st_size > sections.THRESHOLD
    except OSError:
        return False


def file_parts(
    path: Path, doc_id: str, max_bytes: int | None = None, sha256: str | None = None, process=process_file
) -> Iterator[dict]:
    """The rows of ``path`` in parts (dicts of table → rows, each going on from the one before).
    Raises :class:`PartsFailed` when the document fails after a part was given (never for a bad
    input: that is an error row, as for :func:`~pipeline.api.process_file`). ``process``: what
    reads and processes a document that is not :func:`streamed`."""
    if not streamed(path):
        yield doc_rows(process(path, doc_id, max_bytes, sha256=sha256))
        return
    t0 = time.perf_counter()
    doc_id = doc_id or path.name
    fmt = path.suffix.lower().lstrip(".")  # of an error row, as process_file's
    sha = sha256 or ""
    given = False
    try:
        sha = sha or file_sha256(path)
        raw = read_file(path, max_bytes) if max_bytes else read_file(path)
        if not sections.is_large(raw.text):
            doc = process_text(raw, doc_id=doc_id, path=str(path), sha256=sha)
            yield doc_rows(replace(doc, seconds=time.perf_counter() - t0))
            return
        raw_format, warnings, ocr = raw.format, raw.warnings, raw.ocr_confidence
        stream = sections.SectionStream(raw, doc_id)
        del raw  # the stream holds the only reference: the text as read goes once normalised
        counts = dict.fromkeys(_TABLES, 0)
        for sec in stream:
            part = Document(
                doc_id=doc_id,
                path=str(path),
                format=raw_format,
                text="",
                page_starts=stream.page_starts,
                claims=tuple(sec.claims),
                references=tuple(sec.refs),
                times=tuple(sec.times),
                tasks=tuple(sec.tasks),
            )
            del sec
            rows = part_rows(part)
            del part
            for k in _TABLES:
                counts[k] += len(rows[k])
            given = True
            yield rows
        assert stream.meta is not None
        doc = Document(
            doc_id=doc_id,
            path=str(path),
            format=raw_format,
            text="",
            sha256=sha,
            page_starts=stream.page_starts,
            meta=stream.meta,
            warnings=tuple(warnings) + (stream.warning(),),
            seconds=time.perf_counter() - t0,
            ocr_confidence=ocr,
        )
        yield {"documents": [document_row(doc, stream.chars, counts)]}
    except PartsFailed:
        raise
    except Exception as exc:  # as process_file: one bad document must not stop a batch
        rows = doc_rows(_failed(doc_id, str(path), fmt, exc, sha))
        if given:
            raise PartsFailed(rows) from exc
        yield rows
