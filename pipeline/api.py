"""The pipeline: file or text → :class:`~pipeline.types.Document` → tables.

``extract(path)`` and ``extract_text(text)`` run every stage on one input and return an
:class:`ExtractResult` (dataclasses plus DataFrames, the citation graph included);
``extract_many(paths)`` does the same for many files and never stops on a bad one.
:func:`process_text` is the list of stage calls.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from . import sections
from .errors import InputError
from .extraction.claims import find_claims
from .extraction.header import card_date, locate_header, page_year, read_header, time_exclusions, year_anchor
from .extraction.learned import ClauseScorer
from .extraction.references import find_references
from .extraction.tasks import extract_tasks, link_to_tasks
from .extraction.times import find_times, turn_of_year, written_years
from .learn.scoring import default_scorer
from .out.citations import link_citations
from .read.inputs import file_sha256
from .read.readers import SUPPORTED, RawText, read_file
from .text.normalise import normalise
from .text.segment import segment
from .text.unwrap import unwrap
from .types import Document

__all__ = [
    "extract_text",
    "process_text",
    "process_file",
    "file_sha256",
    "extract",
    "extract_many",
    "ExtractResult",
    "iter_inputs",
]

_DEFAULT = object()


def process_text(
    raw: RawText | str, doc_id: str = "<text>", path: str = "", sha256: str = "", model: ClauseScorer | None | object = _DEFAULT
) -> Document:
    """Run all stages on already-read text. ``model``: the segment classifier that scores the
    clauses the rules leave open (default: the shipped model, :func:`~pipeline.learn.scoring.default_scorer`;
    None: the rules alone)."""
    t0 = time.perf_counter()
    scorer = default_scorer() if model is _DEFAULT else cast("ClauseScorer | None", model)
    if isinstance(raw, str):
        raw = RawText(text=raw, format="txt")
    if sections.is_large(raw.text):  # hook (issue 12): a very large text goes section by section
        return sections.process_sections(raw, doc_id=doc_id, path=path, sha256=sha256, model=scorer)
    norm = normalise(raw.text)
    text = unwrap(norm.text).text
    outline = segment(text)
    head = locate_header(text)
    found = find_references(text, head.end)
    refs = list(found.references)
    meta = read_header(text, found.own_number, head.end)
    if not meta.date and (card := card_date(norm.text)):  # a legal site's card, blanked in ``text`` as furniture
        meta = replace(meta, date=card)
    times = find_times(
        text,
        exclude=time_exclusions(text, head.end, refs, found.own_spans),
        anchor=year_anchor(text, outline, meta, page_year(norm.text), refs),
        doc_date=meta.date or None,
    )
    # a year-less time that no scope anchors has no value to give ("quý II" in an undated excerpt)
    times = [t for t in times if "XXXX" not in t.value]
    if not meta.date:
        times = turn_of_year(times, written_years(text))
    claims = find_claims(text, exclude=[(r.start, r.end) for r in refs])
    result = extract_tasks(
        text, outline, claims, refs, times, scope_end=head.title_end, headerless=not head.present, model=scorer
    )
    refs, times = link_to_tasks(result.tasks, refs, times)
    return Document(
        doc_id=doc_id,
        path=path,
        format=raw.format,
        text=text,
        sha256=sha256,
        page_starts=_page_starts(raw, norm),
        meta=meta,
        blocks=outline.blocks,
        claims=result.claims,
        references=tuple(refs),
        times=tuple(times),
        tasks=result.tasks,
        warnings=raw.warnings,
        seconds=time.perf_counter() - t0,
        ocr_confidence=raw.ocr_confidence,
    )


def _page_starts(raw: RawText, norm) -> tuple[int, ...]:
    """The reader's page starts as offsets into the normalised text."""
    if not raw.page_starts:
        return ()
    inv: dict[int, int] = {}
    k = 0
    for i, src in enumerate(norm.to_source):
        while k < len(raw.page_starts) and raw.page_starts[k] <= src:
            inv.setdefault(k, i)
            k += 1
    return tuple(inv.get(k, len(norm.text)) for k in range(len(raw.page_starts)))


def _failed(doc_id: str, path: str, fmt: str, err: Exception, sha: str = "") -> Document:
    msg = (
        str(err)
        if isinstance(err, InputError)
        else f"{path}: internal error {type(err).__name__}: {err} — please report it with this file"
    )
    return Document(doc_id=doc_id, path=path, format=fmt, text="", sha256=sha, status="error", error=msg)


def process_file(
    path: str | Path,
    doc_id: str | None = None,
    max_bytes: int | None = None,
    sha256: str | None = None,
    model: ClauseScorer | None | object = _DEFAULT,
) -> Document:
    """Read and process one file. Never raises for a bad input: the Document has status=error.
    ``sha256``: the file's hash when the caller already has it; ``model``: as for :func:`process_text`."""
    path = Path(path)
    doc_id = doc_id or path.name
    fmt = path.suffix.lower().lstrip(".")
    sha = sha256 or ""
    try:
        t0 = time.perf_counter()
        if not sha and path.is_file():
            sha = file_sha256(path)
        raw = read_file(path, max_bytes) if max_bytes else read_file(path)
        doc = process_text(raw, doc_id=doc_id, path=str(path), sha256=sha, model=model)
        return replace(doc, seconds=time.perf_counter() - t0)  # reading (OCR, tables) included
    except InputError as exc:
        return _failed(doc_id, str(path), fmt, exc, sha)
    except Exception as exc:  # one bad document must not stop a batch; the row says what happened
        return _failed(doc_id, str(path), fmt, exc, sha)


def iter_inputs(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """(path, doc_id) for files and folders (searched recursively), per the output contract."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED and not f.name.startswith("."):
                    yield f, f.relative_to(p).as_posix()
        else:
            yield p, p.name


@dataclass(frozen=True)
class ExtractResult:
    """Documents and their tables. ``.tasks``, ``.claims``, ``.references``,
    ``.times``, ``.document`` and ``.citations`` are pandas DataFrames; ``.documents`` the dataclasses."""

    documents: tuple[Document, ...]

    def _table(self, name):
        from .out.export import tables

        return tables(self.documents)[name]

    @property
    def tasks(self):
        return self._table("tasks")

    @property
    def claims(self):
        return self._table("claims")

    @property
    def references(self):
        return self._table("references")

    @property
    def times(self):
        return self._table("times")

    @property
    def document(self):
        return self._table("documents")

    @property
    def citations(self):
        """Edges of the citation graph: which document cites which other document of the set."""
        return link_citations(self.documents)


def extract(path: str | Path, doc_id: str | None = None) -> ExtractResult:
    """Extract from the file ``path`` (.txt, .pdf, .docx, .doc). A file that cannot be read gives a
    document with ``status="error"``; a path that names no file raises
    :class:`~pipeline.errors.InputError` (a string of text goes to :func:`extract_text`)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file", "to extract from a string of text, call pipeline.extract_text")
    return ExtractResult((process_file(p, doc_id),))


def extract_text(text: str, doc_id: str = "<text>") -> ExtractResult:
    """Extract from a string of text (never read as a path)."""
    return ExtractResult((process_text(text, doc_id=doc_id),))


def extract_many(paths: Iterable[str | Path]) -> ExtractResult:
    """Extract from many files or folders; bad files become rows with status=error, folder
    entries that are not inputs (hidden, broken links, other types) are logged with the reason."""
    import logging

    from .read.inputs import scan_inputs

    items, skipped = scan_inputs(paths)
    for p, reason in skipped:
        logging.getLogger(__name__).warning("skipped %s: %s", p, reason)
    return ExtractResult(tuple(process_file(p, d) for p, d in items))
