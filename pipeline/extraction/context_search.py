"""The state of one document's search for task contexts (:mod:`.contexts`) and how a context takes
its blocks: which blocks are taken, whether a block heads a task section, a list's run of items, and the
items, sub-groups and clauses a context collects from the blocks under it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..resources import pattern
from ..text.outline import is_intro
from ..text.segment import Outline
from ..types import Claim
from .agencies import leading_agency, subject_agency
from .assignments import gives_work_then_lists
from .cues import (
    agency_duty_heading,
    agency_task,
    closing_blocks,
    heading_lead,
    is_non_task_heading,
    is_task_heading,
    party_duty_heading,
    series_start,
    starts_with_action,
)
from .units import TITLED_INTRO, Context, Item, ItemKind, block_at, item_units, sentence_clauses, wrapped_item

__all__ = ["ContextSearch"]

_IMPLEMENTATION = pattern("cues", "implementation_article")
_SUB_ITEMS = ("arabic", "arabic2", "letter", "paren", "dash", "plus")  # the markers of a list below a claim's item
_ENUMERATION = pattern("cues", "claim_enumeration")


class ContextSearch:
    """The state of one document's context search: which blocks are taken, by what."""

    def __init__(self, text: str, outline: Outline, claims: Sequence[Claim], prot, regulation: bool) -> None:
        self.text, self.outline, self.blocks = text, outline, outline.blocks
        self.n = len(self.blocks)
        self.prot, self.reg = prot, regulation
        self.claims = claims
        self.children: list[list[int]] = [[] for _ in range(self.n)]
        for i, p in enumerate(outline.parents):
            if p >= 0:
                self.children[p].append(i)
        self.closing = closing_blocks(self.blocks)
        self.consumed: set[int] = set(self.closing)
        self.contexts: list[Context] = []
        self.claim_blocks = {
            block_at(self.blocks, c.start): k
            for k, c in enumerate(claims)
            if "listed_elsewhere" not in c.flags and "no_list_cue" not in c.flags
        }
        # In a regulation, articles head sections like headings; a chapter title above articles
        # ("Chương II / NỘI DUNG QUẢN LÝ … VÀ TRÁCH NHIỆM …") is no task context of its own, its
        # articles are judged one by one, and a heading naming one agency ("1. Sở Công Thương:",
        # "Điều 16. Trách nhiệm Sở Công Thương") opens that agency's duty list.
        self.above_article: set[int] = set()
        if regulation:
            for i, b in enumerate(self.blocks):
                if b.marker_type == "article":
                    self.above_article.update(outline.ancestors(i))
        self._task_head: dict[int, bool] = {}  # task_head of each block asked (it reads only the above)

    # -- helpers -------------------------------------------------------------
    def is_task(self, clause: str) -> bool:
        return bool(starts_with_action(clause)) or agency_task(clause, self.reg)

    def units(self, b) -> list[tuple[int, int]]:
        return item_units(self.text, b, self.prot, self.reg)

    def clauses(self, s: int, e: int, require_verb: bool) -> list[tuple[int, int]]:
        return sentence_clauses(self.text, s, e, self.prot, require_verb, self.reg)

    def enumeration(self, s: int, e: int, declared: int) -> list[tuple[int, int]]:
        """The items a claim's own clause ``s:e`` enumerates, "… là A, B và C" (``cues.toml``
        ``[claim_enumeration]``): cut at the last "và" and, before it, at each ", " an action follows;
        none unless they make the ``declared`` count and the first opens with an action."""
        text = self.text
        m = _ENUMERATION.match(text, s, e)
        if m is None or declared < 2:
            return []
        start, end = m.end(), e
        while end > start and text[end - 1] in " .;":  # (not text[:e].rstrip(): no copy of the text's head)
            end -= 1
        last = text.rfind(" và ", start, end)
        if last < 0:
            return []
        cuts = [start] + [
            k + 2 for k in range(start, last) if text.startswith(", ", k) and starts_with_action(text[k + 2 : last])
        ]
        pieces = [(a, z - 2) for a, z in zip(cuts, cuts[1:])] + [(cuts[-1], last), (last + 4, end)]
        if len(pieces) != declared or not starts_with_action(text[pieces[0][0] : pieces[0][1]]):
            return []
        return pieces

    def under_non_task_heading(self, i: int) -> bool:
        blocks, text = self.blocks, self.text
        return any(
            blocks[a].kind == "heading" and is_non_task_heading(text[blocks[a].body_start : blocks[a].end])
            for a in self.outline.ancestors(i)
        )

    def following_run(self, i: int) -> list[int]:
        """Blocks after i that form its list (same marker type as the first)."""
        blocks, outline, n = self.blocks, self.outline, self.n
        if i + 1 >= n:
            return []
        first = blocks[i + 1]
        if first.kind == "heading" and first.marker_type in ("roman", "part", "caps"):
            return []
        if i + 1 in self.claim_blocks:
            run = []
            for j in range(i + 1, n):
                if j not in self.claim_blocks:
                    break
                run.append(j)
            return run
        kids = self.children[i]
        if kids:
            return [j for j in kids if outline.parents[j] == i and blocks[j].marker_type == blocks[kids[0]].marker_type]
        run = []
        for j in range(i + 1, n):
            bj = blocks[j]
            if j > i + 1 and any(a in run for a in outline.ancestors(j)):
                continue  # nested below a run item ("(i)" … "(iii)" under "(6)")
            if bj.marker_type != first.marker_type:
                break
            if not bj.marker_type and not (self.is_task(bj.text) or j in self.claim_blocks):
                break
            if j > i + 1 and bj.marker_type == "ordinal" and series_start(bj.marker):
                break  # "Một là" again: another list
            run.append(j)
        return run

    def introduced_run(self, j: int) -> list[int]:
        """The list items right after paragraph ``j``, which the outline nests under it (after a paragraph of its own,
        a list that starts again at "(1)" is another's): the siblings of the first item's marker type, with what stands
        under each."""
        blocks = self.blocks
        if j + 1 >= self.n or self.outline.parents[j + 1] != j or not blocks[j + 1].marker_type:
            return []
        kind = blocks[j + 1].marker_type
        return [k for k in self.children[j] if blocks[k].marker_type == kind and k not in self.consumed]

    def take_run(self, run: list[int], ctx: Context) -> None:
        """The items of the list ``run`` (and all below them) as the claim's tasks. When some item heads a list of
        its own ("1. Bảo đảm sự lãnh đạo …" ⏎ "- Tăng cường …" ⏎ "- Đổi mới …"), the items are the claim's sub-groups
        (each counts) and the lists below them its tasks; an item without a list below stays a task too."""
        kids = {j: [k for k in self.children[j] if self.blocks[k].marker_type in _SUB_ITEMS] for j in run}
        headed = any(kids.values()) and self.blocks[run[0]].kind == "heading"
        for j in run:
            self.consumed.add(j)
            if headed:
                ctx.items.append(Item(self.blocks[j].start, self.blocks[j].end, ItemKind.SUBGROUP))
            for k in kids[j] if headed and kids[j] else [j]:
                for a, z in self.units(self.blocks[k]):
                    ctx.items.append(Item(a, z, ItemKind.ITEM))
            self.consumed.update(self.outline.descendants(j))

    def collect(self, i: int, ctx: Context, members) -> None:
        """Tasks of the blocks ``members`` under the introducing block ``i``. Under a regulation's article
        that gives its implementation to agencies (``cues.toml [implementation_article]``) a clause with
        an agency as subject is a task, as outside a regulation."""
        reg = self.reg
        b = self.blocks[i]
        if reg and b.marker_type == "article" and _IMPLEMENTATION.match(self.text, b.body_start, b.end):
            self.reg = False
        try:
            for j in members:
                if j not in self.consumed:
                    self.collect_block(j, ctx)
        finally:
            self.reg = reg
        self.consumed.add(i)
        if ctx.items:
            self.contexts.append(ctx)

    def task_head(self, k: int) -> bool:
        """Whether block ``k`` heads a task section (once per block: it depends on the document,
        its outline and the regulation flag only)."""
        got = self._task_head.get(k)
        if got is None:
            got = self._task_head[k] = self._is_task_head(k)
        return got

    def _is_task_head(self, k: int) -> bool:
        bk, text = self.blocks[k], self.text
        if self.reg and k in self.above_article and bk.marker_type in ("caps", "caps_cont", "part"):
            return False
        if not (bk.kind == "heading" or self.reg and bk.marker_type == "article" and len(bk.text) < 200):
            return False
        if is_task_heading(text[bk.body_start : bk.end]):
            return True
        # "2. Giao Bộ Văn hoá, Thể thao và Du lịch:" / "1. Sở Công Thương:" opens that agency's list
        # (in a regulation also "Điều 16. Trách nhiệm Sở Công Thương"), unless it stands in an assessment
        if (self.reg or bk.text.rstrip().endswith(":")) and agency_duty_heading(bk.text):
            return not self.under_non_task_heading(k)
        return False

    def under_task_head(self, i: int) -> bool:
        return any(self.task_head(a) for a in self.outline.ancestors(i))

    # -- the blocks of a context ---------------------------------------------------------
    def collect_block(self, j: int, ctx: Context) -> None:
        text, outline = self.text, self.outline
        b = outline.blocks[j]
        self.consumed.add(j)
        head = text[b.body_start : b.end]
        if b.kind == "heading" and is_non_task_heading(head) and (self.reg or not party_duty_heading(head)):
            # (outside a regulation, "1. Trách nhiệm của nhà đầu tư" under "Điều 2. Tổ chức thực hiện" of a decision
            # lists what the decision asks the investor to do: its items are tasks)
            self.consumed.update(outline.descendants(j))
            return
        cont = wrapped_item(text, outline, j, self.children, self.reg)
        if cont:
            # "e) Khẩn trương hoàn thiện Chiến lược …, báo cáo" + "Thủ tướng Chính phủ trong tháng 5 …": an item
            # whose line break left its first line looking like a heading; its continuation lines are its text
            self.consumed.update(cont)
            self.add_tasks(ctx, replace(b, end=outline.blocks[cont[-1]].end))
            self.collect_below(j, ctx)
            return
        if b.kind == "heading" or b.marker_type and any(outline.blocks[c].marker_type for c in self.children[j]):
            self.sub_group(j, ctx)
            return
        if b.marker_type:
            self.add_tasks(ctx, b)
            return
        for a, z in self.clauses(b.start, b.end, require_verb=True):
            ctx.items.append(Item(a, z, ItemKind.CLAUSE))
        if is_intro(b) and len(b.text.strip()) <= TITLED_INTRO:
            self.intro_group(j, ctx)

    def intro_group(self, j: int, ctx: Context) -> None:
        """The list a section's title-like paragraph introduces with a colon ("Định hướng phát triển đất nước giai đoạn 2021 -
        2030:" ⏎ "(1) Tiếp tục đổi mới …" ⏎ "(2) …"): a group of its own, whose period is its items'."""
        run = self.introduced_run(j)
        if not run:
            return
        b = self.outline.blocks[j]
        sub = Context(group=b.text.strip().rstrip(" :*_"), group_start=b.start, group_end=b.end)
        sub.heading_agency = subject_agency(sub.group) or ctx.heading_agency
        for k in run:
            self.collect_block(k, sub)
            self.collect_below(k, sub)
        if sub.items:
            self.contexts.append(sub)

    def add_tasks(self, ctx: Context, b) -> None:
        """The units of the list item ``b`` that are tasks, as items of ``ctx``."""
        for a, z in self.units(b):
            if self.is_task(self.text[a:z]):
                ctx.items.append(Item(a, z, ItemKind.ITEM))

    def collect_below(self, j: int, ctx: Context) -> None:
        for k in self.outline.descendants(j):
            if k not in self.consumed:
                self.collect_block(k, ctx)

    def sub_group(self, j: int, ctx: Context) -> None:
        """A sub-heading or an item with sub-items: a group of its own."""
        text, b = self.text, self.outline.blocks[j]
        sub = Context(group=b.text.strip().rstrip(":"), group_start=b.start, group_end=b.end, is_heading=b.kind == "heading")
        ag, _ = leading_agency(b.text[b.body_start - b.start :])
        ag = ag or heading_lead(b.text)
        sub.heading_agency = ag or ctx.heading_agency  # a sub-group keeps the agency of the block above
        body = text[b.body_start : b.end]
        colon = body.find(":")
        if b.kind != "heading" and colon > 0 and len(body) - colon > 10:
            for a, z in self.clauses(b.body_start + colon + 1, b.end, require_verb=False):
                sub.items.append(Item(a, z, ItemKind.ITEM))
        elif b.kind != "heading" and colon == len(body.rstrip()) - 1 and gives_work_then_lists(body[:colon]):
            # "2. Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo …, cụ thể:" over its dashes: the item
            # gives its agency work before it lists the details
            self.add_tasks(ctx, replace(b, end=b.body_start + colon))
        elif b.kind != "heading" and colon < 0 and body.rstrip().endswith("."):
            # "3. Tiếp tục kiện toàn, sắp xếp lại … trong tình hình mới." over 3.1, 3.2: an item that
            # is a full sentence carries its own task as well as heading its sub-items (a title-like
            # item without a full stop only heads them)
            self.add_tasks(ctx, b)
        self.collect_below(j, sub)
        if sub.items:
            self.contexts.append(sub)
