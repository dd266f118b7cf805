"""Very large texts, processed in sections (issue 12 item 2).

A text of more than :data:`THRESHOLD` characters is normalised in pieces cut after line
breaks, unwrapped whole (that stage is line-based and lean), and then cut into sections of
about :data:`SECTION_CHARS` characters at a heading (after a blank line when there is one),
else at a blank line, else at a line break. Each section goes through the later stages
(outline, references, times, claims, tasks) on its own, so the working memory is that of one
section and the time is linear in the size; the results are shifted back to offsets of the
whole text, task groups, task sequence numbers and claim ids are renumbered to run on across
sections, and references and times are linked to the tasks as for a whole text.

What a section cannot see: the header (read once, from the first section, and passed on: the
document's date and year anchor every section), a heading year of an earlier section (carried
on), a short form or "Quyết định này" defined in an earlier section, and a list that runs across
a cut (cuts are made at headings to make that rare). ``tests/test_sections.py`` measures how
closely the rows match a whole-text run on a synthetic large document.

Texts up to the threshold never come here: their results are those of :func:`pipeline.api.process_text`.
The hook is the first statement of ``process_text`` (``if len(raw.text) > sections.THRESHOLD``).

:class:`SectionStream` gives the sections' results one at a time; :func:`process_sections` joins
them into one :class:`~pipeline.types.Document` (the API's answer), the batch writes each
section's rows to its store as it comes (:mod:`pipeline.parts`), so that only one section's rows
and one copy of the text are in memory: the text as read is freed once normalised (a text that
normalisation leaves as it is is not copied at all).
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .types import Block, Document, TaskContext

if TYPE_CHECKING:  # (the extraction stages are imported where a section runs)
    from .extraction.tasks import GivenScope

__all__ = ["THRESHOLD", "SECTION_CHARS", "is_large", "process_sections", "SectionStream", "cut_points"]

log = logging.getLogger(__name__)

#: Characters above which a text is processed in sections (every document of the corpora is under 0.2 M).
THRESHOLD = 1_000_000
#: Target size of a section, in characters.
SECTION_CHARS = 200_000
_LOOK = 50_000  # how far past the target a heading is looked for
_NORM_PIECE = 1_000_000  # characters normalised at a time

#: Called with (doc_id, section done, sections) after each section, when set (progress inside a document).
progress: Callable[[str, int, int], None] | None = None

_TASK_ID = re.compile(r"T(\d+)\.(\d+)$")
_CLAIM_ID = re.compile(r"C(\d+)$")


def is_large(text: str) -> bool:
    return len(text) > THRESHOLD


def _normalise_in_pieces(text: str, page_starts) -> tuple[list[str], tuple[int, ...]]:
    """The normalised text as pieces to join (cut after a line break, so a CR LF pair or a
    combining sequence is never split; ``[text]`` itself when nothing changes) and the pages'
    start offsets in it. The caller frees ``text`` before joining them."""
    from .text.normalise import normalise

    out: list[str] = []
    pages = list(page_starts or ())
    mapped: dict[int, int] = {}
    done = 0  # characters of normalised text so far
    changed = False
    a, n = 0, len(text)
    while a < n:
        b = n if n - a <= _NORM_PIECE else text.find("\n", a + _NORM_PIECE)
        b = n if b < 0 else b + 1
        piece = text[a:b]
        norm = normalise(piece)
        if pages:
            src = norm.to_source
            for k, ps in enumerate(pages):
                if k not in mapped and a <= ps < b:
                    mapped[k] = done + bisect_left(src, ps - a)
        if not changed and norm.text is not piece:  # the first change: the text so far is kept from here on
            changed = True
            out.append(text[:a])
        if changed:
            out.append(norm.text)
        done += len(norm.text)
        a = b
        del piece, norm
    return (out if changed else [text]), tuple(mapped.get(k, done) for k in range(len(pages)))


def _good_cut(line: str) -> int:
    """2: a top-level heading (a part, chapter, article, roman item, capitals line); 1: other; 0: blank."""
    from .text.segment import is_caps, match_marker

    if not line.strip():
        return 0
    _, mtype, _ = match_marker(line)
    if mtype in ("part", "article", "roman") or (len(line) <= 200 and is_caps(line)):
        return 2
    return 1


def cut_points(text: str, section_chars: int = SECTION_CHARS) -> list[int]:
    """Section boundaries of ``text`` (0 first, ``len(text)`` last), each at the start of a line."""
    cuts = [0]
    n = len(text)
    while n - cuts[-1] > section_chars * 1.5:
        target = cuts[-1] + section_chars
        start = text.find("\n", target)
        if start < 0:
            break
        limit = min(n, target + _LOOK)
        best = None  # (rank, position): heading after a blank line, heading, blank line
        pos = start + 1
        prev_blank = False
        while pos < limit:
            end = text.find("\n", pos)
            end = n if end < 0 else end
            kind = _good_cut(text[pos:end])
            rank = 3 if kind == 2 and prev_blank else (2 if kind == 2 else (1 if kind == 0 else 0))
            if rank == 3:
                best = (rank, pos)
                break
            if best is None or rank > best[0]:
                best = (rank, pos)
            prev_blank = kind == 0
            pos = end + 1
        cut = best[1] if best else start + 1
        if cut >= n:
            break
        cuts.append(cut)
    cuts.append(n)
    return cuts


def _shift_block(b: Block, d: int) -> Block:
    return replace(b, start=b.start + d, end=b.end + d, body_start=b.body_start + d)


_DEFAULT = object()


def process_sections(
    raw, doc_id: str = "<text>", path: str = "", sha256: str = "", model=_DEFAULT, section_chars: int | None = None
) -> Document:
    """:func:`pipeline.api.process_text` for a very large text, section by section. ``model``:
    the clause scorer, as there (default: the shipped model; None: the rules alone);
    ``section_chars``: default :data:`SECTION_CHARS`."""
    t0 = time.perf_counter()
    stream = SectionStream(raw, doc_id, model, section_chars, keep_text=True)
    blocks: list = []
    claims: list = []
    refs: list = []
    times: list = []
    tasks: list = []
    for sec in stream:
        blocks += sec.blocks
        claims += sec.claims
        refs += sec.refs
        times += sec.times
        tasks += sec.tasks
    assert stream.meta is not None and stream.text is not None
    return Document(
        doc_id=doc_id,
        path=path,
        format=raw.format,
        text=stream.text,
        sha256=sha256,
        page_starts=stream.page_starts,
        meta=stream.meta,
        blocks=tuple(blocks),
        claims=tuple(claims),
        references=tuple(refs),
        times=tuple(times),
        tasks=tuple(tasks),
        warnings=tuple(raw.warnings) + (stream.warning(),),
        seconds=time.perf_counter() - t0,
        ocr_confidence=raw.ocr_confidence,
    )


class SectionStream:
    """The results of a very large text, one section at a time (offsets of the whole text, ids
    running on across sections). Iterate once; then ``meta`` (the header, read from the first
    section), ``page_starts``, ``chars`` (of the normalised text) and ``sections`` are set, and
    ``text`` too with ``keep_text``. Only the stream holds the text: a caller that gives it its
    only reference to ``raw`` leaves the input text to be freed once normalised, and the rows of
    a section are the caller's to keep or to write out."""

    def __init__(self, raw, doc_id: str = "<text>", model=_DEFAULT, section_chars: int | None = None, keep_text: bool = False):
        if model is _DEFAULT:
            from .learn.scoring import default_scorer

            model = default_scorer()
        self._raw, self._doc_id, self._model, self._keep = raw, doc_id, model, keep_text
        self._chars = section_chars or SECTION_CHARS
        self.meta: Any = None
        self.page_starts: tuple[int, ...] = ()
        self.chars = 0
        self.sections = 0
        self.text: str | None = None

    def warning(self) -> str:
        return f"processed in {self.sections} sections (over {THRESHOLD:,} characters)"

    def __iter__(self):
        from .extraction.header import locate_header
        from .text.unwrap import blanked_chunks, unwrap_plan

        raw, self._raw = self._raw, None
        assert raw is not None, "a SectionStream is iterated once"
        pieces, self.page_starts = _normalise_in_pieces(raw.text, raw.page_starts)
        del raw  # the text as read is freed here (when the caller gave the stream its only reference) …
        norm_text = pieces[0] if len(pieces) == 1 else "".join(pieces)  # … before the pieces are joined
        del pieces
        blanks, joined, _ = unwrap_plan(norm_text)
        pieces = blanked_chunks(norm_text, blanks, joined)  # unwrap(norm_text).text, joined once norm_text is freed
        del norm_text, blanks, joined
        text = pieces[0] if len(pieces) == 1 else "".join(pieces)
        del pieces
        self.chars = len(text)
        head = locate_header(text)
        cuts = cut_points(text, self._chars)
        if len(cuts) > 2 and cuts[1] < head.end + 200:
            del cuts[1]  # the header and its date line stay in the first section
        run = _Run()
        nsec = self.sections = len(cuts) - 1
        for k in range(nsec):
            a = cuts[k]
            sec = _renumber(run, _one_section(text, a, cuts[k + 1], k == 0, head, run, self._model), a)
            log.info("%s: section %d/%d done (%d tasks so far)", self._doc_id, k + 1, nsec, run.seqs)
            if progress is not None:
                progress(self._doc_id, k + 1, nsec)
            yield sec
        assert run.meta is not None  # the first section reads the header
        self.meta = run.meta
        if self._keep:
            self.text = text


@dataclass
class _Run:
    """What the sections so far have found (offsets of the whole text, ids running on) and what
    they pass on to the next: the header, the document's year anchor, the last heading year."""

    meta: Any = None
    doc_anchor: Any = None
    carried_year: int | None = None  # the last heading year of the sections before
    groups: int = 0  # task groups, tasks and claims of the sections before
    seqs: int = 0
    nclaims: int = 0
    ruled: bool = False  # the rules found tasks in a section before (pipeline.extraction.tasks.extract_tasks)
    scope: GivenScope | None = None  # the document's scope, read by the first section, for the later ones
    years: frozenset[int] | None = None  # the years the whole text writes (times.written_years), once


class _Section(NamedTuple):
    """One section's results, with offsets in the section and the section's own ids."""

    blocks: tuple[Block, ...]
    refs: list
    times: list
    claims: list
    tasks: list


def _one_section(text: str, a: int, z: int, first: bool, head, run: _Run, model) -> _Section:
    """The later stages on ``text[a:z]`` alone; the ``first`` section reads the header
    into ``run``, and the section's last heading year is carried on in ``run``."""
    from .extraction.claims import find_claims
    from .extraction.header import read_header, time_exclusions, year_anchor
    from .extraction.references import find_references
    from .extraction.tasks import GivenScope, extract_tasks, link_to_tasks
    from .extraction.times import find_times, turn_of_year, written_years
    from .text.segment import segment

    sub = text[a:z]
    outline = segment(sub)
    found = find_references(sub, head.end if first else 0)
    refs = list(found.references)
    if first:
        run.meta = read_header(sub, found.own_number, head.end)
        run.doc_anchor = year_anchor(text, type("NoOutline", (), {"blocks": ()})(), run.meta)
    meta, doc_anchor = run.meta, run.doc_anchor
    assert meta is not None and doc_anchor is not None
    years = [(b.start, int(m.group(1))) for b in outline.blocks if b.kind == "heading" for m in [_year_re().search(b.text)] if m]
    anchor = _anchor(years, run.carried_year, doc_anchor(0))
    exclude = (
        time_exclusions(sub, head.end, refs, found.own_spans)
        if first
        else [(r.start, r.end) for r in refs] + [r.date_span for r in refs if r.date_span]
    )
    times = [t for t in find_times(sub, exclude=exclude, anchor=anchor, doc_date=meta.date or None) if "XXXX" not in t.value]
    if not meta.date:
        if run.years is None:  # the whole text's written years, read once for all its sections
            run.years = written_years(text)
        times = turn_of_year(times, run.years)
    if years:
        run.carried_year = years[-1][1]
    claims = find_claims(sub, exclude=[(r.start, r.end) for r in refs])
    result = extract_tasks(
        sub,
        outline,
        claims,
        refs,
        times,
        scope_end=head.title_end if first else 0,
        headerless=not head.present,
        model=model,
        ruled_before=run.ruled,
        given_scope=None if first else run.scope,
    )
    if first:
        run.scope = GivenScope(result.scope)
    tasks, claims = list(result.tasks), list(result.claims)
    run.ruled = run.ruled or any(t.context is not TaskContext.LEARNED for t in tasks)
    refs, times = link_to_tasks(tasks, refs, times)
    return _Section(tuple(outline.blocks), refs, times, claims, tasks)


def _anchor(years: list[tuple[int, int]], carried: int | None, doc_year):
    """The year anchor of a section's times, as the whole text's: the nearest heading year before
    (carried on from the sections before), else the document's year."""

    def anchor(pos):
        best = None
        for s, y in years:
            if s <= pos:
                best = y
        return best or carried or doc_year

    return anchor


def _renumber(run: _Run, sec: _Section, a: int) -> _Section:
    """A section's results shifted by its start ``a``, task groups, sequence numbers and claim
    ids running on from the sections before (counted in ``run``)."""
    ids = {}
    top_group = 0
    for t in sec.tasks:
        m = _TASK_ID.match(t.task_id)
        if m:
            g = int(m.group(1))
            top_group = max(top_group, g)
            ids[t.task_id] = f"T{g + run.groups}.{m.group(2)}"
    cids = {}
    for c in sec.claims:
        m = _CLAIM_ID.match(c.claim_id)
        if m:
            cids[c.claim_id] = f"C{int(m.group(1)) + run.nclaims}"
    out = _Section(
        tuple(_shift_block(b, a) for b in sec.blocks),
        [
            replace(
                r,
                start=r.start + a,
                end=r.end + a,
                task_id=ids.get(r.task_id, r.task_id),
                date_span=(r.date_span[0] + a, r.date_span[1] + a) if r.date_span else None,
            )
            for r in sec.refs
        ],
        [replace(t, start=t.start + a, end=t.end + a, task_id=ids.get(t.task_id, t.task_id)) for t in sec.times],
        [replace(c, start=c.start + a, end=c.end + a, claim_id=cids.get(c.claim_id, c.claim_id)) for c in sec.claims],
        [
            replace(t, task_id=ids.get(t.task_id, t.task_id), seq=t.seq + run.seqs, start=t.start + a, end=t.end + a)
            for t in sec.tasks
        ],
    )
    run.groups += top_group
    run.seqs += len(sec.tasks)
    run.nclaims += len(sec.claims)
    return out


@cache
def _year_re() -> re.Pattern:
    from .resources import load

    return re.compile(load("header")["year"]["pattern"])
