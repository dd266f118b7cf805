"""Candidate clauses of a document for the segment classifier: every block body, sentence and
``;`` clause, with the features the rules and the outline give (:class:`Candidate`), built the
same way at training and at run time (:func:`clause_candidates`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from ..extraction.agencies import leading_agency
from ..extraction.cues import general_requirement_re, is_task_heading, starts_with_action, strip_connector
from ..resources import alternation, load
from ..text.fastscan import Prefiltered
from ..text.segment import clauses, sentences

__all__ = ["Candidate", "heading_context", "make_candidate", "clause_candidates"]


@dataclass(frozen=True)
class Candidate:
    """One candidate clause, as the rules see it.

    ``text``: the clause without list marker, leading connector or closing ``;``/``.``;
    ``heading``: text of the nearest enclosing heading or parent item ("" at top level);
    ``marker_type``: list marker type of the clause's block (see :data:`MARKER_TYPES`);
    ``position``: start offset / document length, in [0, 1];
    ``in_task_context``: the rules placed the clause's block in a task context (claim list,
    "... các nhiệm vụ sau:" list, section under a task heading);
    ``verb``: leading action verb phrase (:func:`pipeline.extraction.tasks.starts_with_action`), or "".
    """

    text: str
    heading: str = ""
    marker_type: str = ""
    position: float = 0.0
    in_task_context: bool = False
    verb: str = ""
    rule: bool = False  # the rules output this clause as a task
    prev_verb: bool = False  # the clause before it (same block or the block before) opens with an action
    next_verb: bool = False  # the clause after it does
    request: bool = False  # a request cue ("yêu cầu", "đề nghị", "giao") stands before it in its block
    subject: bool = False  # it opens with an agency as subject ("Sở Nội vụ chủ trì …")
    lead: bool = False  # it stands in the title or lead of a text without a header
    modal: bool = False  # a word of will or request stands before an action verb in its first words
    doc_verbs: float = 0.0  # share of the document's candidates that open with an action verb
    doc_context: float = 0.0  # share of the document's candidates in a task context
    doc_no_rule: bool = False  # the rules found no task in the document


def heading_context(outline, i: int, width: int = 120) -> str:
    """The ``heading`` of a candidate in block ``i``: its section path (as
    ``Task.section``), then its parent item when the parent is an item. Not cached here: a key
    holding the outline would hash all its blocks at every call; :func:`make_candidate` keeps
    one per block of a document."""
    parts = [b.text.strip()[:width] for b in outline.heading_path(i)]
    p = outline.parents[i] if 0 <= i < len(outline.parents) else -1
    if p >= 0 and outline.blocks[p].kind != "heading":
        parts.append(outline.blocks[p].text.strip()[:width])
    # an introducing paragraph ("... các nhiệm vụ sau:") between the parent and the block
    for k in range(i - 1, max(p, i - 40, -1), -1):
        b = outline.blocks[k]
        if outline.parents[k] == p and not b.marker_type:
            if b.text.rstrip().endswith(":"):
                parts.append(b.text.strip()[-width:])
            break
    return " > ".join(parts)


def make_candidate(
    text: str, outline, i: int, start: int, end: int, in_task_context: bool, headings: dict | None = None
) -> Candidate:
    """The :class:`Candidate` for ``text[start:end]`` in block ``i`` of ``outline``
    (the same construction at training and at run time). ``headings``: a dict in which
    :func:`heading_context` of each block is kept (one per document), or None."""
    clause, heading, mt = _clause_fields(text, outline, i, start, end, headings)
    return Candidate(
        text=clause,
        heading=heading,
        marker_type=mt,
        position=start / max(len(text), 1),
        in_task_context=bool(in_task_context),
        verb=starts_with_action(clause),
    )


def _clause_fields(text: str, outline, i: int, start: int, end: int, headings: dict | None) -> tuple[str, str, str]:
    """(clause text, heading, marker type) of :func:`make_candidate`."""
    clause = text[start:end]
    mt = outline.blocks[i].marker_type if 0 <= i < len(outline.blocks) else ""
    heading = headings.get(i) if headings is not None else None
    if heading is None:
        heading = heading_context(outline, i)
        if headings is not None:
            headings[i] = heading
    if 0 <= i < len(outline.blocks):
        # "Công tác X, có 04 nhiệm vụ: A; B" – the block's own text up to a colon before the clause
        b = outline.blocks[i]
        colon = text.rfind(":", b.body_start, start)
        if colon > b.body_start:
            intro = text[b.body_start : colon + 1].strip()[-120:]
            heading = f"{heading} > {intro}" if heading else intro
    return clause, heading, mt


_LEAD_CHARS = "-–+•* \t\n"
_TRAIL_CHARS = ";.,: \t\n"


@lru_cache(maxsize=1)
def _requirement_search() -> Prefiltered:
    """``general_requirement_re().search``, blocks without the words a match needs dismissed at once."""
    return Prefiltered(general_requirement_re())


@lru_cache(maxsize=1)
def _request_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load('headings')['request_cues']['words'])})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _modal_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load('headings')['modal_cues']['words'])})\s+")


def modal_action(clause: str) -> bool:
    """Whether a word of will or request (``headings.toml`` ``[modal_cues]``, case-sensitive: "Cần
    Thơ" is a city) stands before an action verb in the clause's first 90 characters ("cơ quan Hải
    quan sẽ tập trung kiểm soát …")."""
    return any(starts_with_action(clause[m.end() :]) for m in _modal_re().finditer(clause[:90]))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _LEAD_CHARS:
        s += 1
    s += strip_connector(text[s:e])
    while e > s and text[e - 1] in _TRAIL_CHARS:
        e -= 1
    return s, e


def _block_spans(text: str, b, protected) -> list[tuple[int, int]]:
    """Candidate spans of one block: its body, the part after an ``Agency:`` colon, each
    sentence and each ``;`` clause."""
    s, e = _trim(text, b.body_start, b.end)
    if e - s < 4:
        return []
    spans = [(s, e)]
    starts = [s]
    colon = text.find(":", s, e)
    if 0 < colon and e - colon > 10:
        starts.append(colon + 1)
    for a in starts:
        for ss, se in sentences(text, a, e, protected):
            spans.append(_trim(text, ss, se))
            for cs, ce in clauses(text, ss, se, enumerations=True):
                spans.append(_trim(text, cs, ce))
    return [(a, z) for a, z in dict.fromkeys(spans) if z - a >= 4]


def clause_candidates(
    text: str, outline, protected=(), rule_spans=(), contexts=(), skip_blocks=frozenset(), lead_end: int = 0
) -> list[tuple[int, int, Candidate]]:
    """(start, end, candidate) for every candidate clause of a document — the same at training
    and at run time. ``rule_spans``: the rules' task spans (also candidates); ``contexts``:
    (start, end) regions the rules took for task contexts; ``skip_blocks``: block indices that
    are no content (signature, "Nơi nhận"); ``lead_end``: end of a header-less text's title."""
    blocks = outline.blocks
    rule = set(rule_spans)
    spans = _candidate_spans(text, outline, protected, rule, skip_blocks)
    order = sorted(spans, key=lambda x: (x[0], x[1]))
    task_head = _task_heads(outline)
    in_context = _covered(contexts)  # any(a <= s < z for a, z in contexts), by bisection
    headings: dict = {}
    fields = [_clause_fields(text, outline, spans[se], se[0], se[1], headings) for se in order]
    verbs = [starts_with_action(f[0]) for f in fields]
    prev_next = _neighbour_verbs(order, [bool(v) for v in verbs])
    request = _request_re().search
    n = max(len(text), 1)
    ctx = [bool(in_context(s) or (spans[(s, e)] >= 0 and task_head[spans[(s, e)]])) for s, e in order]
    n_order = max(len(order), 1)
    doc_verbs, doc_context = sum(map(bool, verbs)) / n_order, sum(ctx) / n_order
    out = []
    for k, (s, e) in enumerate(order):
        i = spans[(s, e)]
        bstart = blocks[i].body_start if 0 <= i < len(blocks) else s
        clause, heading, mt = fields[k]
        ag, aend = leading_agency(clause)
        cand = Candidate(
            clause,
            heading,
            mt,
            s / n,
            ctx[k],
            verbs[k],
            rule=(s, e) in rule,
            prev_verb=prev_next[k][0],
            next_verb=prev_next[k][1],
            request=bool(request(text, bstart, s)),
            subject=bool(ag) and bool(starts_with_action(clause[aend:].lstrip(" ,:"))),
            lead=s < lead_end,
            modal=modal_action(clause),
            doc_verbs=doc_verbs,
            doc_context=doc_context,
            doc_no_rule=not rule,
        )
        out.append((s, e, cand))
    return out


def _task_heads(outline) -> list[bool]:
    """For each block: it is, or stands under, a heading about tasks."""
    task_head = [False] * len(outline.blocks)
    for i, b in enumerate(outline.blocks):
        p = outline.parents[i]
        task_head[i] = (p >= 0 and task_head[p]) or (b.kind == "heading" and is_task_heading(b.text))
    return task_head


def _candidate_spans(text: str, outline, protected, rule: set, skip_blocks) -> dict[tuple[int, int], int]:
    """(start, end) → block index of every candidate clause: the blocks' spans, then the rules'."""
    blocks = outline.blocks
    spans: dict[tuple[int, int], int] = {}
    requirement = _requirement_search()
    for i, b in enumerate(blocks):
        if i in skip_blocks or b.text.count("|") >= 2 or requirement.search(b.text):
            continue  # no content, an annex table row (pipeline.extraction.annex reads it), a general requirement
        for s, e in _block_spans(text, b, protected):
            spans.setdefault((s, e), i)
    starts = [b.start for b in blocks]
    for s, e in rule:
        spans.setdefault((s, e), bisect.bisect_right(starts, s) - 1)
    return spans


def _neighbour_verbs(order: list[tuple[int, int]], verbs: list[bool]) -> list[tuple[bool, bool]]:
    """(previous opens with an action, next does) of each span: the nearest clause ending before
    it (of the 12 before) / starting after it (of the 11 after; spans are in start order, so the
    first to start at or after its end is found by bisection)."""
    starts_sorted = [a for a, _ in order]
    n_order = len(order)
    out = []
    for k, (s, e) in enumerate(order):
        prev_v = False
        for j in range(k - 1, max(-1, k - 13), -1):
            if order[j][1] <= s:
                prev_v = verbs[j]
                break
        j = bisect.bisect_left(starts_sorted, e, k + 1)
        out.append((prev_v, verbs[j] if j < min(n_order, k + 12) else False))
    return out


def _covered(spans):
    """``lambda pos: any(a <= pos < z for a, z in spans)``, answered by bisection."""
    if not spans:
        return lambda pos: False
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    maxend = list(accumulate((z for _, z in ordered), max))

    def covered(pos: int) -> bool:
        k = bisect.bisect_right(starts, pos)  # spans with a <= pos …
        return k > 0 and maxend[k - 1] > pos  # … one of which ends after pos

    return covered
