"""The units of task contexts: a context (:class:`Context`) holds items (:class:`Item`);
a list item is one task or its ``;`` clauses when each opens with an action
(:func:`item_units`), a paragraph its sentences' clauses (:func:`sentence_clauses`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from ..resources import load
from ..text.segment import Outline, clauses, sentences
from ..types import Block, Claim
from .agencies import leading_agency
from .cues import agency_task, qualifier, starts_with_action, strip_connector

__all__ = [
    "ItemKind",
    "Item",
    "Context",
    "block_at",
    "trim_task",
    "sentence_clauses",
    "item_units",
    "action_units",
    "wrapped_item",
    "with_details",
    "TITLED_INTRO",
]

Span = tuple[int, int]

# characters: an intro that ends with a colon and is no longer than a heading ("Định hướng phát triển đất nước giai
# đoạn 2021 - 2030:") is a title over the list after it, its group, and a closed period in it is the list's; a longer
# one is a sentence of the section's text ("… về kinh tế - xã hội năm 2025-2026 (Công văn số …), Bộ trưởng giao:"),
# whose list stays in the section's group and whose period names a subject
TITLED_INTRO = 100


class ItemKind(Enum):
    """What an item of a context is."""

    ITEM = "item"  # a list item (or one of its clauses)
    CLAUSE = "clause"  # a clause of running text
    SUBGROUP = "subgroup"  # a block that is a claim's sub-group: it counts, it is no task
    ROW = "row"  # a data row of an annex task table (its cells in :attr:`Item.cells`)


@dataclass(frozen=True)
class Item:
    """A candidate task: the span ``start:end`` of the text."""

    start: int
    end: int
    kind: ItemKind
    cells: Mapping[str, object] | None = None  # a table row's cells: role -> span (``leads``: spans)

    @property
    def span(self) -> Span:
        return self.start, self.end


@dataclass
class Context:
    """A task context: the group that introduces a list and the list's items (filled while searching)."""

    group: str
    group_start: int
    group_end: int
    declared: int | None = None
    claim: Claim | None = None
    items: list[Item] = field(default_factory=list)
    heading_agency: str = ""
    is_heading: bool = False  # the group is a heading (its bare year is a scope)
    learned: bool = False  # the classifier found these clauses, the rules did not
    # a news sentence reports a request (:mod:`.requests`): the classifier decides as if the rules had not found it
    reported: bool = False

    def tasks(self) -> list[Span]:
        """The spans of the items that are tasks (all but sub-groups)."""
        return [it.span for it in self.items if it.kind is not ItemKind.SUBGROUP]


def block_at(blocks: Sequence[Block], pos: int) -> int:
    """Index of the block holding offset ``pos`` (blocks are sorted and disjoint), or -1."""
    i = bisect_right(blocks, pos, key=lambda b: b.start) - 1
    return i if i >= 0 and pos < blocks[i].end else -1


@cache
def _bullets() -> frozenset[str]:
    """The characters a dash or plus marker is made of (``segmentation.toml`` ``[bullets]``), with an
    emoji's variation selector."""
    return frozenset(load("segmentation")["bullets"]["chars"] + "+\ufe0f")


def trim_task(text: str, s: int, e: int) -> Span:
    """``s:e`` without list marker characters, a leading connector and closing punctuation."""
    bullets = _bullets()
    while s < e and (text[s].isspace() or text[s] in bullets):
        s += 1
    s += strip_connector(text[s:e])
    while e > s and (text[e - 1].isspace() or text[e - 1] in ";.,:" or text[e - 2 : e] == "./"):
        e -= 1  # (a document's closing mark "./." too)
    return s, e


def sentence_clauses(text: str, s: int, e: int, prot, require_verb: bool = True, regulation: bool = False) -> list[Span]:
    """The clauses of the sentences of ``s:e`` (that open with an action when ``require_verb``);
    a clause that only qualifies the one before ("hoàn thành trước …") stays with it."""
    out: list[Span] = []
    for ss, se in sentences(text, s, e, prot):
        for cs, ce in clauses(text, ss, se):
            cs, ce = trim_task(text, cs, ce)
            if ce - cs < 4:
                continue
            if out and out[-1][1] >= ss and qualifier(text[cs:ce]):
                out[-1] = (out[-1][0], ce)  # "…; hoàn thành trước ngày 30/6/2026" stays with its task
            elif not require_verb or starts_with_action(text[cs:ce]) or agency_task(text[cs:ce], regulation):
                out.append((cs, ce))
    return out


def item_units(text: str, b: Block, prot, regulation: bool = False) -> list[Span]:
    """Tasks of one list item: the whole item, or its ';' clauses when each opens with a verb."""
    s, e = trim_task(text, b.body_start, b.end)
    if e <= s:
        return []
    body = text[s:e]
    # "Sở Tư pháp: clause; clause" → clauses after the agency
    ag, aend = leading_agency(body)
    if ag and body[aend : aend + 2].strip().startswith(":"):
        rest = s + aend + body[aend:].index(":") + 1
        parts = sentence_clauses(text, rest, e, prot, require_verb=False, regulation=regulation)
        return parts or [(s, e)]
    return action_units(text, s, e, prot, regulation)


def action_units(text: str, s: int, e: int, prot, regulation: bool = False) -> list[Span]:
    """The ``;`` clauses of the sentences of ``s:e``, each that opens with no action (or only
    qualifies the one before: "hoàn thành trước …") kept with the one before it; ``[(s, e)]`` when no
    clause is long enough to be one."""
    parts = []
    for ss, se in sentences(text, s, e, prot):
        parts += [trim_task(text, a, z) for a, z in clauses(text, ss, se)]
    parts = [(a, z) for a, z in parts if z - a >= 4]
    units: list[Span] = []
    for a, z in parts:
        clause = text[a:z]
        if units and (qualifier(clause) or not (starts_with_action(clause) or agency_task(clause, regulation))):
            units[-1] = (units[-1][0], z)
        else:
            units.append((a, z))
    return units or [(s, e)]


_ITEM_MARKERS = ("arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus")
_ENDS_SENTENCE = re.compile(r"[.;:!?]\W*$")


def wrapped_item(text: str, outline: Outline, j: int, children: list[list[int]], regulation: bool = False) -> list[int]:
    """The continuation paragraphs of a list item read as a heading because its text was broken
    after the first line ("- Chủ trì, phối hợp … giải quyết" / "đơn thư khiếu nại … theo thẩm quyền."):
    the item opens with an action, its line ends without punctuation and the line below is not a
    task of its own (it starts in lower case or opens with no action). [] when it is a real heading."""
    b = outline.blocks[j]
    body = text[b.body_start : b.end].rstrip()
    if b.kind != "heading" or b.marker_type not in _ITEM_MARKERS or not children[j] or _ENDS_SENTENCE.search(body):
        return []
    if not (starts_with_action(body) or agency_task(body, regulation)):
        return []
    kids = children[j]
    if any(outline.blocks[k].marker_type for k in kids):
        return []  # "4. Hỗ trợ xây dựng … số" / "Make in Viet Nam …" over a) b): a title of its sub-items
    first = outline.blocks[kids[0]]
    head = text[first.start : first.end].lstrip()
    if first.marker_type or kids[0] != j + 1 or not head:
        return []
    if not head[0].islower() and (len(body) < 30 or starts_with_action(head) or agency_task(head, regulation)):
        return []  # "3. Tổ chức thực hiện" / "Thủ trưởng các sở …": a short title over its paragraphs
    out: list[int] = []
    for k in kids:
        bk = outline.blocks[k]
        if bk.marker_type or k != j + 1 + len(out):
            break
        out.append(k)
        if _ENDS_SENTENCE.search(text[bk.start : bk.end].rstrip()):
            break
    return out


def with_details(row) -> dict:
    """A row's cells, each a span, except ``leads``: the spans of its lead agencies — its own
    lead cell, else those of its detail sub-rows ("4 | Hoàn thiện tiêu chuẩn … |  |  | " over
    "- | Công trình giao thông | Bộ Xây dựng | …"); the first time of the sub-rows where it
    names none."""
    cells = {k: v for k, v in row.cells.items() if k != "lead"}
    own = row.cells.get("lead")
    cells["leads"] = (own,) if own else tuple(d["lead"] for d in row.details if "lead" in d)
    if "time" not in cells:
        times = [d["time"] for d in row.details if "time" in d]
        if times:
            cells["time"] = times[0]
    return cells
