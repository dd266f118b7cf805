"""The classifier's part of the task stage: the protocol a segment classifier meets
(:class:`ClauseScorer`) and the contexts of the clauses the rules missed that it scores high
enough (:func:`learned_contexts`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ..resources import pattern
from ..text.outline import is_intro
from ..text.segment import Outline, is_caps
from .agencies import agency_list
from .cues import aims_intro
from .sentence_place import sentence_start
from .units import Context, Item, ItemKind, action_units, block_at

__all__ = [
    "ClauseScorer",
    "ADD_ABOVE",
    "KEEP_ABOVE",
    "NEVER",
    "SIBLINGS_LEAST",
    "AdditionBars",
    "addition_bars",
    "keep_bar",
    "learned_contexts",
    "list_of",
    "ruled_lists",
]


class ClauseScorer(Protocol):
    """What the task stage needs of a segment classifier (:class:`pipeline.learn.classifier.SegmentClassifier`):
    the task probability of every candidate clause of a document. Thresholds, when the model has them,
    are its attributes ``keep_above_``, ``add_above_``, ``add_above_headerless_``, ``add_above_ruled_``."""

    def score_clauses(
        self, text: str, outline: Outline, protected=(), rule_spans=(), contexts=(), skip_blocks=frozenset(), lead_end: int = 0
    ) -> list[tuple[int, int, bool, float]]: ...


_SHOUT_MIN = 12  # letters: a short clause in capitals may be an acronym's
ADD_ABOVE = 0.5  # a model without thresholds: a clause the rules missed becomes a task at this probability
# a model without thresholds keeps the rules' tasks from this probability (held-out task F1: rules .829 → .839 at 0.3
# or 0.5; 0.3 keeps more recall, models/MODEL_CARD.md)
KEEP_ABOVE = 0.3
SIBLINGS_LEAST = 2  # rule tasks a list must hold for its other items to be added at ``add_above_sibling_``


def keep_bar(model: ClauseScorer) -> float:
    """The probability from which the rules' tasks are kept: the model's ``keep_above_``, else :data:`KEEP_ABOVE`."""
    return getattr(model, "keep_above_", KEEP_ABOVE)


NEVER = 2.0  # a bar no probability reaches: the decision adds nothing there


@dataclass(frozen=True)
class AdditionBars:
    """The probabilities from which the decision adds a clause the rules missed: any clause (``general``), and an item
    of a list that holds the rules' kept tasks (``sibling``, :func:`ruled_lists`); :data:`NEVER`: none."""

    general: float
    sibling: float


def addition_bars(
    ruled: bool,
    headerless: bool,
    add: float | None,
    add_ruled: float | None,
    add_headerless: float | None,
    add_sibling: float | None,
) -> AdditionBars:
    """The decision's bars for a text (None: never add): ``add`` where the rules found no task, ``add_headerless`` in
    a text without a header (news, web excerpts) where they found some, ``add_ruled`` elsewhere; ``add_sibling`` for
    the items of their lists in a headed text where they found some. The one rule of the extraction
    (:func:`learned_contexts`) and of the threshold search (``pipeline.learn.decision.select_tasks``)."""
    general = add if not ruled else (add_headerless if headerless else add_ruled)
    sibling = add_sibling if ruled and not headerless else None
    return AdditionBars(NEVER if general is None else general, NEVER if sibling is None else sibling)


def list_of(outline: Outline, pos: int) -> tuple[int, str] | None:
    """The list the marked item holding ``pos`` belongs to: its parent block and its marker type ("- …"
    items under "3. Điều hành …"), None for a paragraph or heading."""
    bi = block_at(outline.blocks, pos)
    if bi < 0 or outline.blocks[bi].kind != "item" or not outline.blocks[bi].marker_type:
        return None
    return outline.parents[bi], outline.blocks[bi].marker_type


def _list_intro(outline: Outline, bi: int) -> int:
    """The paragraph ending with a colon that the list holding block ``bi`` stands under ("Định hướng phát triển
    đất nước giai đoạn 2021 - 2030:" ⏎ "(1) Tiếp tục đổi mới …" ⏎ "(2) …", :func:`~pipeline.text.outline.build_outline`):
    the phrase that introduces the clauses the classifier adds there, their group; -1 when there is none."""
    parent = outline.parents[bi]
    return parent if outline.blocks[bi].marker_type and parent >= 0 and is_intro(outline.blocks[parent]) else -1


def _group_block(outline: Outline, bi: int) -> int:
    """The block whose text groups a clause the classifier adds in block ``bi``: the intro of its list
    (:func:`_list_intro`), else its nearest heading; -1 when there is neither."""
    if bi < 0:
        return -1
    intro = _list_intro(outline, bi)
    return intro if intro >= 0 else outline.nearest_heading(bi)


def _learned_context(outline: Outline, k: int, start: int) -> Context:
    """The context of the clauses the classifier adds under block ``k`` (:func:`_group_block`; -1: none, the
    group starts at the first clause, ``start``)."""
    if k < 0:
        return Context(group="", group_start=start, group_end=start, learned=True)
    b = outline.blocks[k]
    heading = b.kind == "heading"
    return Context(
        group=b.text.strip().rstrip(":" if heading else " :"),
        group_start=b.start,
        group_end=b.end,
        is_heading=heading,
        learned=True,
    )


def ruled_lists(kept: Iterable[tuple[int, str] | None]) -> set[tuple[int, str]]:
    """The lists (:func:`list_of` of each of the rules' kept tasks) that hold at least :data:`SIBLINGS_LEAST`
    of them: their other items are tasks more often than a clause elsewhere in a headed text (held out, the
    model card's decision table)."""
    counts = Counter(k for k in kept if k is not None)
    return {k for k, n in counts.items() if n >= SIBLINGS_LEAST}


_PURPOSE = pattern("cues", "purpose_sentence")


def _aims_list(outline: Outline, bi: int) -> bool:
    """Block ``bi`` is an item of a list whose intro announces aims (:func:`cues.aims_intro`), not tasks."""
    k = _list_intro(outline, bi) if bi >= 0 else -1
    return k >= 0 and aims_intro(outline.blocks[k].text.rstrip("*_ "))


def _shouted(clause: str) -> bool:
    """A clause written in capitals ("ĐẨY MẠNH THÔNG TIN, TUYÊN TRUYỀN …", a title or a section
    heading, as :func:`is_caps` reads a heading): no task of the development gold is one."""
    return is_caps(clause) and sum(map(str.isalpha, clause)) >= _SHOUT_MIN


def learned_contexts(
    text: str,
    outline: Outline,
    contexts: list[Context],
    prot,
    scope_end: int,
    model: ClauseScorer,
    headerless: bool,
    closing: set[int],
    ruled_before: bool = False,
) -> tuple[list[Context], dict]:
    """The classifier over every clause of the document: the task probability of each clause
    ((start, end) → p), and contexts for the clauses the rules missed that it scores at least the model's bar
    for the text (``add_above_`` where the rules found nothing, ``add_above_headerless_``, ``add_above_ruled_``;
    :data:`ADD_ABOVE` for a model without thresholds) or, for an item of a list that holds the rules' kept tasks
    in a headed text (:func:`ruled_lists`), ``add_above_sibling_`` (best first, overlapping no task already found),
    each under its nearest heading."""
    rule = [span for c in contexts for span in c.tasks()]
    regions = [(min(it.start for it in c.items), max(it.end for it in c.items)) for c in contexts if c.items]
    scored = model.score_clauses(text, outline, prot, rule, regions, frozenset(closing), scope_end)
    if not scored:
        return [], {}
    proba = {(s, e): p for s, e, _, p in scored}
    # the classifier adds freely where the layout rules found nothing, more where the text has no
    # header (news, web excerpts: running text), only its surest clauses elsewhere, and the items of the rules'
    # lists in a headed text at their own bar (a later section of a large document whose rules found tasks is
    # read as one where they found some: ``ruled_before``)
    bars = addition_bars(
        bool(rule) or ruled_before,
        headerless,
        getattr(model, "add_above_", ADD_ABOVE),
        getattr(model, "add_above_ruled_", None),
        getattr(model, "add_above_headerless_", None),
        getattr(model, "add_above_sibling_", None),
    )
    # the rules' tasks, and the headings whose items the rules took: their group, not one more task
    # ("1. Tăng cường …⏎a) …"); the chosen clauses join them
    taken = sorted(rule) + [(c.group_start, c.group_end) for c in contexts if c.is_heading and c.items]
    keep = keep_bar(model)
    lists = ruled_lists(list_of(outline, s) for s, _, r, p in scored if r and p >= keep) if bars.sibling < NEVER else set()
    chosen = []
    for s, e, is_rule, p in sorted(scored, key=lambda x: -x[3]):
        if p < min(bars.general, bars.sibling):
            break
        if p < bars.general and list_of(outline, s) not in lists:
            continue
        if is_rule or any(a < e and s < z for a, z in taken) or _shouted(text[s:e]) or agency_list(text[s:e]):
            continue
        if _PURPOSE.match(text, sentence_start(text, s)):
            continue  # "Mục đích của kế hoạch là đẩy mạnh …; nâng cao nhận thức …": the plan's aims
        if _aims_list(outline, block_at(outline.blocks, s)):
            continue
        taken.append((s, e))
        chosen.append((s, e))
    by_head: dict[int, Context] = {}
    for s, e in sorted(chosen):
        gk = _group_block(outline, block_at(outline.blocks, s))
        if gk not in by_head:
            by_head[gk] = _learned_context(outline, gk, s)
        # a sentence of several actions ("Bộ A chủ trì …; khẩn trương hoàn thành …") is as many tasks,
        # as a list item's ';' clauses are
        for a, z in action_units(text, s, e, prot):
            by_head[gk].items.append(Item(a, z, ItemKind.CLAUSE))
    return list(by_head.values()), proba
