"""Task contexts (annotation guide §2): where the rules look for tasks, and the items there.

A context is the list a count claim introduces, a section whose heading announces tasks,
a list introduced by "… các nhiệm vụ sau:", a list inside one paragraph, a series of
ordinals, or an annex task table. Each context is split into items, items into ``;``
clauses that open with an action verb, paragraphs into sentences (:mod:`.units`).
The classifier, when one is passed, adds contexts for the clauses the rules missed
(:func:`pipeline.extraction.learned.learned_contexts`); a headed document's paragraphs that give
work to an agency are contexts of their own (:mod:`.assignments`). The search's state and how a context
takes the blocks under it are :class:`.context_search.ContextSearch`'s; this module says where to look.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..resources import pattern
from ..text.segment import Outline, match_marker
from ..types import Claim
from .agencies import leading_agency, subject_agency
from .annex import annex_contexts
from .assignments import assignment_contexts
from .claims import coordinated
from .context_search import ContextSearch
from .cues import (
    INTRO_LIST,
    LAW_QUOTE_INTRO,
    LAW_QUOTE_OWN_FOCUS,
    REQUEST_INTRO,
    SENTENCE_END,
    TASK_LIST_INTRO,
    agency_duty_heading,
    aims_intro,
    heading_lead,
    inline_intro,
    is_non_task_heading,
    series_start,
)
from .requests import request_contexts
from .units import Context, Item, ItemKind, block_at

__all__ = ["find_contexts", "is_regulation", "REGULATION_MIN_ARTICLES"]

_OPENER = pattern("cues", "claim_list_opener")

# A regulation (Quy chế, Quy định, Thông tư in articles) has at least this many "Điều N." blocks;
# there only duty lists of named agencies are tasks, not procedural clauses with an agency as subject.
REGULATION_MIN_ARTICLES = 8


def is_regulation(outline: Outline) -> bool:
    """A regulation: its body is a series of articles ("Điều 1." … "Điều 8." …)."""
    return sum(b.marker_type == "article" for b in outline.blocks) >= REGULATION_MIN_ARTICLES


def find_contexts(
    text: str, outline: Outline, claims: Sequence[Claim], prot: list[tuple[int, int]], regulation: bool, headed: bool
) -> tuple[list[Context], set[int]]:
    """The rules' task contexts of a document, in the order found, and the indices of its
    closing blocks (signatures, "Nơi nhận"). ``prot``: spans no sentence split may cut
    (references, times); ``regulation``: :func:`is_regulation` of the outline; ``headed``: the text
    opens with a document header (its paragraphs that give work to an agency are tasks)."""
    f = _Finder(text, outline, claims, prot, regulation)
    f.annex_tables()
    f.law_quotes()
    f.claim_contexts()
    f.intro_lists()
    f.inline_lists()
    f.task_sections()
    if regulation:
        f.duty_items()
    elif headed:
        for i, ctx in assignment_contexts(text, outline, f.consumed, f.units, f.clauses):
            f.consumed.add(i)
            f.contexts.append(ctx)
    else:
        for i, ctx in request_contexts(text, outline, f.consumed, prot, f.clauses):
            f.consumed.add(i)
            f.contexts.append(ctx)
    return f.contexts, f.closing


class _Finder(ContextSearch):
    """Where the rules look for task contexts, in the order :func:`find_contexts` asks (the state and
    the collection of blocks are :class:`~.context_search.ContextSearch`'s)."""

    # -- 0. annex task tables: each data row is a task with its columns ----------------
    def annex_tables(self) -> None:
        found, taken = annex_contexts(self.text, self.outline)
        self.contexts += found
        self.consumed |= taken

    # -- 1. the lists of count claims ---------------------------------------------------
    def claim_contexts(self) -> None:
        for k, c in enumerate(self.claims):
            bi = block_at(self.blocks, c.start)
            if bi >= 0 and "listed_elsewhere" not in c.flags:
                self.claim_context(k, c, bi)

    def claim_context(self, k: int, c: Claim, bi: int) -> None:
        text, blocks = self.text, self.blocks
        b = blocks[bi]
        colon = text.find(":", c.end, b.end)
        if colon >= 0 and text.find(".", c.end, colon) >= 0 and SENTENCE_END.search(text, c.end, colon):
            colon = -1  # the colon belongs to a later sentence
        intro_end = colon if colon >= 0 else c.end
        group = text[b.body_start : intro_end].strip()
        ctx = Context(group=group, group_start=b.body_start, group_end=intro_end, declared=c.declared, claim=c)
        rest_s = (colon + 1) if colon >= 0 else c.end
        later = [
            o
            for o in self.claims[k + 1 :]
            if block_at(blocks, o.start) == bi
            and o.start < (colon if colon >= 0 else b.end)
            and "listed_elsewhere" not in o.flags
        ]
        if later and colon >= 0:
            # "3 nhóm nhiệm vụ và 12 giải pháp: A; B; C": the list is the claim's whose count it
            # matches, else the claim nearest the colon; the other stays without items
            n_items = len(self.clauses(rest_s, b.end, require_verb=False))
            owner = next((o for o in [c] + later if o.declared == n_items), later[-1])
            if owner is not c:
                ctx.group_end = c.end
                self.contexts.append(ctx)
                return
        if colon < 0 and later and coordinated(text, c, later[0].start):
            # "… với 07 nhiệm vụ trọng tâm và 12 chỉ tiêu cụ thể …. Trong đó: …": the list that follows is the
            # nearer claim's; the first stays without items
            ctx.group_end = c.end
            self.contexts.append(ctx)
            return
        opener = _OPENER.match(text, c.end, b.end) if colon < 0 else None
        if opener:  # "… đề ra hai nhiệm vụ, giải pháp quan trọng. Đó là, A; B."
            rest_s = opener.end()
        if "no_list_cue" in c.flags and colon < 0 and not opener:
            # a claim in a title or lead ("Kế hoạch đề ra 6 nhiệm vụ trọng tâm."): its items are
            # those of a list that follows at once, if any; else it stays unresolved
            if bi + 1 < self.n and blocks[bi + 1].marker_type and b.end - c.end < 3:
                self.take_run(self.following_run(bi), ctx)
            self.contexts.append(ctx)
            return
        if self.series_after_intro(bi, rest_s, ctx):
            return
        if b.end - rest_s > 10:
            clauses = self.clauses(rest_s, b.end, require_verb=False)
            first = SENTENCE_END.search(text, rest_s, b.end)
            if first and len(clauses) > c.declared:  # "4 nhóm nhiệm vụ: A; B; C; D. Với giáo dục mầm non, …"
                own = self.clauses(rest_s, first.start() + 1, require_verb=False)
                clauses = own if len(own) == c.declared else clauses
            listed = self.enumeration(rest_s, clauses[0][1], c.declared) if len(clauses) == 1 else []
            if listed:  # the words up to "là" introduce the items ("… cần thực hiện trong năm 2007 là")
                ctx.group_end = listed[0][0]
                ctx.group = text[b.body_start : ctx.group_end].strip()
            for cs, ce in listed or clauses:
                ctx.items.append(Item(cs, ce, ItemKind.CLAUSE))
            self.paragraphs_after(bi, ctx)
        else:
            run = self.following_run(bi)
            sub = [j for j in run if j in self.claim_blocks]
            if sub and len(sub) == len(run):
                ctx.items = [Item(blocks[j].start, blocks[j].end, ItemKind.SUBGROUP) for j in run]
            else:
                self.take_run(run, ctx)
        self.consumed.add(bi)
        self.contexts.append(ctx)

    def paragraphs_after(self, bi: int, ctx: Context) -> None:
        """A claim's list that opens in its paragraph and goes on in the plain paragraphs below it, as news
        articles write it ("… 6 nội dung cụ thể: Đó là, A; B." ⏎ "C; D." ⏎ "E. F."): the paragraphs that
        open with an action, taken only when with them the items make the declared count."""
        declared = ctx.declared or 0
        if not ctx.items or len(ctx.items) >= declared:
            return
        more: list[Item] = []
        taken: list[int] = []
        for j in range(bi + 1, self.n):
            bj = self.blocks[j]
            if len(ctx.items) + len(more) >= declared or j in self.consumed or bj.kind != "paragraph" or bj.marker_type:
                break
            clauses = self.clauses(bj.start, bj.end, require_verb=False)
            if not clauses or not self.is_task(self.text[clauses[0][0] : clauses[0][1]]):
                break
            more += [Item(cs, ce, ItemKind.CLAUSE) for cs, ce in clauses]
            taken.append(j)
        if len(ctx.items) + len(more) == declared:
            ctx.items += more
            self.consumed.update(taken)

    def series_after_intro(self, bi: int, rest_s: int, ctx: Context) -> bool:
        """ "… 8 trọng tâm bao gồm: *Thứ nhất* là A.⏎⏎*Thứ hai* là B. …": the series opens in the
        claim's paragraph and goes on in the ordinal paragraphs below it; all are the claim's items."""
        text, blocks = self.text, self.blocks
        b = blocks[bi]
        lead = len(text[rest_s : b.end]) - len(text[rest_s : b.end].lstrip())
        marker, mtype, boff = match_marker(text[rest_s + lead : b.end])
        nxt = blocks[bi + 1] if bi + 1 < self.n else None
        if (
            mtype != "ordinal"
            or not series_start(marker)
            or nxt is None
            or nxt.marker_type != "ordinal"
            or series_start(nxt.marker)
        ):
            return False
        for cs, ce in self.clauses(rest_s + lead + boff, b.end, require_verb=False):
            ctx.items.append(Item(cs, ce, ItemKind.CLAUSE))
        self.take_run(self.following_run(bi), ctx)
        self.consumed.add(bi)
        self.contexts.append(ctx)
        return True

    # -- 2. "... các nhiệm vụ sau:" lists -------------------------------------------------
    def law_quotes(self) -> None:
        """The items of a list quoting a law's article ("… được quy định cụ thể tại Điều 5 Luật … như sau:"; not
        "…, trong đó tập trung:"): no task context, nor offered to the classifier (like a signature's blocks)."""
        for i, b in enumerate(self.blocks):
            if b.kind == "heading" or b.marker_type or not LAW_QUOTE_INTRO.search(b.text):
                continue
            intro = b.text.rstrip("*_ ")
            # the sentence that leads into the list quotes the law, not an earlier one ("Qua rà soát theo quy
            # định tại Điều 38 … . Để có cơ sở giải quyết, Sở … đề nghị doanh nghiệp hoàn thiện các nội dung sau:")
            last = [m.start() + 1 for m in SENTENCE_END.finditer(intro)]
            if last and not LAW_QUOTE_INTRO.search(intro, last[-1]):
                continue
            if (intro.endswith(":") or not self.text[b.start : b.end].rstrip().endswith(".")) and not LAW_QUOTE_OWN_FOCUS.search(
                intro
            ):
                run = self.following_run(i)
                if run and all(self.blocks[j].marker_type for j in run):
                    quoted = set(run).union(*(self.outline.descendants(j) for j in run))
                    self.closing |= quoted
                    self.consumed |= quoted

    def intro_lists(self) -> None:
        text = self.text
        for i, b in enumerate(self.blocks):
            if i in self.consumed or i in self.claim_blocks:
                continue
            intro = b.text.rstrip("*_ ")  # ("… một số** nhiệm vụ trọng tâm sau:**": bold closing after the colon)
            if b.kind != "heading" and INTRO_LIST.search(intro):
                if self.reg and not self.under_task_head(i):
                    continue  # a regulation's "… theo các hình thức sau:" states a procedure
                if (self.under_non_task_heading(i) and not TASK_LIST_INTRO.search(intro)) or aims_intro(intro):
                    continue  # a list under "Quan điểm, định hướng", "Mục đích, yêu cầu", "Kết quả" …, or after "…, theo đó, mục đích và yêu cầu được xác định:"
                run = self.following_run(i) or self.sections_after_request(i)
                ctx = Context(group=text[b.body_start : b.end].rstrip(" :"), group_start=b.body_start, group_end=b.end)
                # "2. Ủy ban nhân dân các tỉnh, thành phố theo chức năng, …, tập trung:" leads its items
                ctx.heading_agency = subject_agency(ctx.group)
                self.collect(i, ctx, run)

    def sections_after_request(self, i: int) -> list[int]:
        """ "Sở … yêu cầu các tổ chức, cá nhân … thực hiện nghiêm túc một số nội dung sau:" over "I. Đối
        với …" / "II. Trong quá trình …": the sibling headings after it, unless one heads a task section
        of its own or is no task context ("Mục đích, yêu cầu", "Kết quả")."""
        blocks, outline, text = self.blocks, self.outline, self.text
        if i + 1 >= self.n or not REQUEST_INTRO.search(blocks[i].text.rstrip("*_ ")):
            return []
        first = blocks[i + 1]
        if first.kind != "heading" or first.marker_type not in ("roman", "part", "arabic"):
            return []
        run = []
        for j in range(i + 1, self.n):
            bj = blocks[j]
            if outline.parents[j] != outline.parents[i + 1] or bj.marker_type != first.marker_type:
                if any(a in run for a in outline.ancestors(j)):
                    continue
                break
            if self.task_head(j) or is_non_task_heading(text[bj.body_start : bj.end]):
                return []
            run.append(j)
        return run

    # -- 3. lists of tasks inside a paragraph or as a series of ordinals -----------------
    def inline_lists(self) -> None:
        for i, b in enumerate(self.blocks):
            if i in self.consumed or i in self.claim_blocks or b.kind == "heading" or self.under_task_head(i):
                continue
            if self.under_non_task_heading(i):
                continue
            if b.marker_type == "ordinal" and series_start(b.marker):
                self.ordinal_series(i)
            elif not self.reg:
                self.inline_list(i)

    def ordinal_series(self, i: int) -> None:
        blocks, outline = self.blocks, self.outline
        b = blocks[i]
        run = [i]
        for j in range(i + 1, self.n):  # the siblings that follow, up to the first that is no ordinal
            if outline.parents[j] != outline.parents[i]:
                continue
            if blocks[j].marker_type != "ordinal" or series_start(blocks[j].marker):
                break  # … or that opens a series of its own ("Một là" again, after a paragraph)
            run.append(j)
        prev = blocks[i - 1] if i > 0 else None
        # the paragraph that announces the series: it ends with ":" or it holds the claim the series
        # lists ("Quyết định cũng nêu rõ 9 hoạt động cần được thực hiện trong giai đoạn 2016-2020 …")
        announces = prev is not None and (
            prev.text.rstrip().endswith(":") or any(prev.start <= c.start < prev.end for c in self.claims)
        )
        group = prev.text.strip().rstrip(" :") if prev is not None and announces else ""
        ctx = Context(
            group=group,
            group_start=prev.start if prev is not None and group else b.start,
            group_end=prev.end if prev is not None and group else b.start,
        )
        ctx.heading_agency = subject_agency(group) if group else ""
        for j in run:
            self.consumed.add(j)
            for a, z in self.units(blocks[j]):
                if self.is_task(self.text[a:z]):
                    ctx.items.append(Item(a, z, ItemKind.ITEM))
        if prev is not None and group:
            self.consumed.add(i - 1)
        if ctx.items:
            self.contexts.append(ctx)

    def inline_list(self, i: int) -> None:
        text, b = self.text, self.blocks[i]
        intro = inline_intro(text, b)
        if intro is None:
            return
        items = self.clauses(intro.start, intro.end, require_verb=True)
        if items and len(items) >= intro.min_items:
            group = text[intro.group_start : intro.group_end].strip()
            ctx = Context(group=group, group_start=intro.group_start, group_end=intro.group_end)
            ctx.heading_agency = subject_agency(ctx.group)
            ctx.items = [Item(a, z, ItemKind.CLAUSE) for a, z in items]
            self.consumed.add(i)
            self.contexts.append(ctx)

    # -- 4. sections under a task heading ---------------------------------------------------
    def task_sections(self) -> None:
        text, blocks, outline = self.text, self.blocks, self.outline
        for i, b in enumerate(blocks):
            if i in self.consumed or not self.task_head(i):
                continue
            if self.under_task_head(i):
                continue  # handled with the outer section
            ctx = Context(group=b.text.strip().rstrip(":"), group_start=b.start, group_end=b.end, is_heading=True)
            ctx.heading_agency = heading_lead(b.text) or (
                leading_agency(text[b.body_start : b.end])[0] if b.text.rstrip().endswith(":") else ""
            )
            if (
                not ctx.heading_agency
                and i + 1 < self.n
                and outline.parents[i + 1] == i
                and not blocks[i + 1].marker_type
                and blocks[i + 1].text.rstrip().endswith(":")
            ):
                # the paragraph that opens the section names who does its tasks
                ctx.heading_agency = subject_agency(blocks[i + 1].text)
            self.collect(i, ctx, outline.descendants(i))

    # -- 5. in a regulation: "c) Sở Tài chính: Chủ trì, phối hợp …" outside any duty list ----
    def duty_items(self) -> None:
        text = self.text
        for i, b in enumerate(self.blocks):
            if i in self.consumed or b.kind == "heading" or not b.marker_type or self.under_task_head(i):
                continue
            body = text[b.body_start : b.end]
            ag, aend = leading_agency(body)
            if ag and body[aend : aend + 2].strip().startswith(":") and agency_duty_heading(body[:aend]):
                ctx = Context(group=ag, group_start=b.body_start, group_end=b.body_start + aend, heading_agency=ag)
                kids = [k for k in self.children[i] if self.blocks[k].marker_type]
                if kids and body.rstrip(" *_").endswith(":"):
                    # "1. Ủy ban nhân dân xã: Khi nhận được hồ sơ …:" ⏎ "a) …" ⏎ "b) …": the steps are the duties
                    ctx.items = [Item(a, z, ItemKind.ITEM) for k in kids for a, z in self.units(self.blocks[k])]
                    self.consumed.update(kids)
                else:
                    ctx.items = [Item(a, z, ItemKind.ITEM) for a, z in self.units(b)]
                self.consumed.add(i)
                if ctx.items:
                    self.contexts.append(ctx)
