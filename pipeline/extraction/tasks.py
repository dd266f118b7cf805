"""Stage: tasks (annotation guide §2) and their deadlines (§4).

The task contexts come from :mod:`.contexts` (and from the classifier, when one is passed);
each item becomes a :class:`~pipeline.types.Task` with its deadline (:mod:`.deadlines`),
lead and partner agencies, references and flags. Claims are reconciled with the items
found: the ``và``/``đồng thời`` + verb split is used only where it makes the count match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ..resources import alternation, lexicon, load, pattern
from ..text.fastscan import Prefiltered
from ..text.segment import Outline
from ..types import Claim, ClaimStatus, Reference, Task, TaskContext, TimeExpr
from .agencies import lead_and_partners, leading_agency
from .contexts import find_contexts, is_regulation
from .cues import series_start, starts_with_action, subject
from .deadlines import Deadlines, names_term
from .learned import KEEP_ABOVE, ClauseScorer, keep_bar, learned_contexts
from .scope import document_scope, lead_limit
from .spans import first_containing, ref_ids_between
from .units import Context, ItemKind, block_at, trim_task

__all__ = ["extract_tasks", "link_to_tasks", "TaskResult", "GivenScope", "DROP_BELOW", "FLAG_BELOW"]


@dataclass(frozen=True)
class TaskResult:
    """The tasks of a document and its claims with ``found``/``status`` filled in."""

    tasks: tuple[Task, ...]
    claims: tuple[Claim, ...]
    scope: TimeExpr | None = None  # the document's scope the deadlines fell back on


@dataclass(frozen=True)
class GivenScope:
    """A document scope read elsewhere: a later section of a large document takes the first section's
    (:mod:`pipeline.sections`), as its header, not one of its own from the middle of the text."""

    value: TimeExpr | None


def extract_tasks(
    text: str,
    outline: Outline,
    claims: Sequence[Claim],
    refs: Sequence[Reference],
    times: Sequence[TimeExpr],
    scope_end: int = 0,
    headerless: bool = False,
    model: ClauseScorer | None = None,
    ruled_before: bool = False,
    given_scope: GivenScope | None = None,
) -> TaskResult:
    """Tasks of the document and its claims reconciled with them. ``scope_end``: end of the
    title (its years are the document's scope); ``headerless``: the text has no document
    header (a news article, a web excerpt), so its lead may name the scope; ``model``: the
    segment classifier (None: the rules alone); ``ruled_before``: ``text`` is a section of a large
    document in an earlier section of which the rules found tasks (:mod:`pipeline.sections`), so the
    classifier adds clauses as in a document where the rules found some; ``given_scope``: the document's
    scope, when an earlier section read it (None: read it from ``text``)."""
    claims = list(claims)
    prot = [(r.start, r.end) for r in refs] + [(t.start, t.end) for t in times]
    contexts, closing = find_contexts(text, outline, claims, prot, is_regulation(outline), not headerless)
    proba: dict = {}
    keep_above = DROP_BELOW
    if model is not None:
        # the classifier reads the document as if the request sentences were not found; where it takes a
        # whole sentence whose request a reported context holds, the reported clauses stand instead
        layout = [c for c in contexts if not c.reported]
        extra, proba = learned_contexts(text, outline, layout, prot, scope_end, model, headerless, closing, ruled_before)
        contexts = layout + _beside_reported(extra, [c for c in contexts if c.reported])
        keep_above = keep_bar(model)
    contexts.sort(key=lambda c: c.group_start)
    # (the layout rules' tasks when there are any: a clause the classifier adds or a news sentence
    # reports in the lead does not move the region where the document states its scope)
    ruled = [c for c in contexts if not c.learned and not c.reported]
    first_task = min((it.start for c in ruled or contexts for it in c.items), default=len(text))
    if headerless and not ruled:
        # only the classifier's clauses: the first may be the lead's own sentence ("… xây dựng Kế
        # hoạch tổ chức … năm 2019 trên địa bàn phường"), which must not hide the scope the lead names
        first_task = max(first_task, min(lead_limit(), len(text)))
    due: list[TimeExpr] = []
    terms: list[TimeExpr] = []  # "nhiệm kỳ 2016-2021" names a council, not a period of work
    for t in times:
        (terms if names_term(text, t) else due).append(t)
    first_clause = min((it.start for c in contexts for it in c.items), default=len(text))
    scope = (
        given_scope.value
        if given_scope is not None
        else document_scope(text, outline, due, scope_end, first_task, headerless, first_clause, terms)
    )
    builder = _Builder(text, outline, claims, refs, Deadlines(text, outline, due, scope, scope_end), proba, keep_above)
    for gi, ctx in enumerate(contexts, start=1):
        builder.add_context(gi, ctx)
    # twins again after the later lists: a restated title claim counts the list found for its twin
    return TaskResult(tuple(builder.tasks), tuple(_twins(_later_lists(outline, _twins(builder.claims)))), scope)


def _beside_reported(learned: list[Context], reported: list[Context]) -> list[Context]:
    """The classifier's contexts without the clauses that overlap a reported request's, then the reported ones."""
    spans = [(it.start, it.end) for c in reported for it in c.items]
    for c in learned:
        c.items = [it for it in c.items if not any(a < it.end and it.start < z for a, z in spans)]
    return [c for c in learned if c.items] + reported


DROP_BELOW = KEEP_ABOVE  # (the rules' tasks below it are dropped, learned.KEEP_ABOVE)
FLAG_BELOW = 0.5


@cache
def _target_units() -> frozenset[str]:
    """Claim units whose items are targets (``task_nouns.toml`` ``[targets]``)."""
    return frozenset(load("task_nouns")["targets"]["words"])


class _Builder:
    """Tasks from contexts, one context at a time; reconciles each claim with its items."""

    def __init__(
        self,
        text: str,
        outline: Outline,
        claims: list[Claim],
        refs: Sequence[Reference],
        deadlines: Deadlines,
        proba: dict,
        keep_above: float,
    ) -> None:
        self.text, self.outline, self.blocks = text, outline, outline.blocks
        self.claims, self.refs = claims, refs
        self.ref_ids_between = ref_ids_between(refs)  # (a, z) → ids of the references starting in a … z
        self.claim_index = {id(c): k for k, c in enumerate(claims)}
        self.deadlines, self.proba, self.keep_above = deadlines, proba, keep_above
        self.tasks: list[Task] = []

    def claim_of(self, ctx: Context) -> Claim | None:
        return self.claims[self.claim_index[id(ctx.claim)]] if ctx.claim is not None else None

    def reconcile_claim(self, ctx: Context, items: list[tuple[int, int]], rflags: list[str]) -> None:
        """The claim of ``ctx`` with the number of items found and its status."""
        assert ctx.claim is not None
        k = self.claim_index[id(ctx.claim)]
        found_items = [it for it in ctx.items if it.kind is ItemKind.SUBGROUP]
        found = len(found_items) if found_items else (len(items) if items else None)
        cflags = ctx.claim.flags + tuple(rflags)
        if found is not None and found != ctx.declared and not found_items:
            # "8 nhóm nhiệm vụ, giải pháp: 1. … 8. …" whose items hold several tasks each: the
            # claim counts the items (annotation guide §1: sub-groups satisfy it)
            n_blocks = len({block_at(self.blocks, a) for a, _ in items})
            if n_blocks == ctx.declared:
                found, cflags = n_blocks, cflags + ("counted_items",)
        if found == 1 and ctx.declared is not None and ctx.declared >= 3 and len(items) == 1:
            # "… có 4 vấn đề trọng tâm, bao gồm: A, B, C và D": one clause listing the items with commas
            if comma_series(self.text[items[0][0] : items[0][1]]) == ctx.declared:
                found, cflags = ctx.declared, cflags + ("comma_series",)
        last = max((it.end for it in ctx.items), default=0)
        if (
            found is not None
            and ctx.declared is not None
            and found < ctx.declared
            and self.text[last:].strip() in ("", ";", ",", "…", "...", ";…", "; …")
        ):
            # the text ends inside the list (a web excerpt, a missing page): its items cannot all be seen
            found, cflags = None, cflags + ("list_cut_off",)
        if found is not None and ctx.declared is not None and ctx.declared >= 3 and found * 3 <= ctx.declared:
            # one or two clauses for "8 nhiệm vụ trọng tâm": not the claim's list, which the text
            # does not give (a news lead that names the count only) or gives elsewhere
            found, cflags = None, cflags + ("list_not_found",)
        status = ClaimStatus.UNRESOLVED if found is None else (ClaimStatus.OK if found == ctx.declared else ClaimStatus.MISMATCH)
        self.claims[k] = replace(ctx.claim, found=found, status=status, flags=cflags)

    def add_context(self, gi: int, ctx: Context) -> None:
        """The tasks of context number ``gi``."""
        text = self.text
        items, rflags = _reconcile(text, ctx)
        if ctx.claim is not None:
            self.reconcile_claim(ctx, items, rflags)
        group_dl = self.deadlines.group(ctx)
        cells_of = {it.span: it.cells for it in ctx.items if it.kind is ItemKind.ROW}
        probas = self.proba if ctx.claim is None and not cells_of else {}
        for ii, (a, z) in enumerate(items, start=1):
            if z - a < 4 or len(_WORDS.findall(text, a, z)) < _MIN_WORDS:
                continue  # "Xây dựng", "Nông nghiệp và Môi trường" (a list of ministries): no task of the gold is so short
            prob = probas.get((a, z))
            if prob is not None and prob < self.keep_above:
                continue  # the segment classifier says this clause is not a task
            if _prefiltered(lexicon().not_task_re).search(text[a:z]) and not cells_of:
                continue  # accountability or closing clause ("… chịu trách nhiệm trước …")
            if ctx.claim is not None and ctx.claim.unit in _target_units() and not starts_with_action(text[a:z]):
                continue  # a target the claim counts ("12 chỉ tiêu cụ thể: GDP tăng khoảng 6%; …"), no task
            self.tasks.append(self.task(f"T{gi}.{ii}", a, z, ctx, group_dl, cells_of.get((a, z)) or {}, rflags, prob))

    def agencies(self, a: int, z: int, ctx: Context, cells: Mapping) -> tuple[str, tuple[str, ...]]:
        """(lead, partners) of the task ``a:z``: its own text's, its item's subject, its group's, its columns'."""
        text, body = self.text, self.text[a:z]
        lead, partners = lead_and_partners(body)
        if not lead:
            blk = self.blocks[block_at(self.blocks, a)]
            if blk.body_start < a:  # "Ban Thường vụ Tỉnh ủy lãnh đạo …; xác định …": the item's subject
                lead = leading_agency(text[blk.body_start : a])[0]
        lead = lead or ctx.heading_agency or subject(body)
        if cells.get("leads"):
            lead = _cells_text(text, cells["leads"])
        if "partners" in cells:
            pa, pz = cells["partners"]
            partners = tuple(p.strip() for p in re.split(r"[;,]\s*", " ".join(text[pa:pz].split())) if p.strip())
        return lead, partners

    def task(
        self,
        task_id: str,
        a: int,
        z: int,
        ctx: Context,
        group_dl: TimeExpr | None,
        cells: Mapping,
        rflags: list[str],
        prob: float | None,
    ) -> Task:
        text, blocks = self.text, self.blocks
        body = text[a:z]
        dl, src = self.deadlines.of_task(a, z, ctx, group_dl, cells)
        lead, partners = self.agencies(a, z, ctx, cells)
        product = " ".join(text[cells["product"][0] : cells["product"][1]].split()) if "product" in cells else ""
        flags = list(rflags)
        claim = self.claim_of(ctx)
        if claim is not None and claim.status == ClaimStatus.MISMATCH:
            flags.append("count_mismatch")
        if prob is not None and prob < FLAG_BELOW:
            flags.append(f"low_confidence:{prob:.2f}")
        if _VISIBLE.search(text, z) is None and not re.search(r"[.;:!?…)”\"]\s*$", text[a : z + 2]):
            flags.append("cut_off")  # the text ends inside this item (a missing page, a truncated file)
        context = (
            TaskContext.TABLE
            if cells
            else (TaskContext.CLAIM if ctx.claim is not None else (TaskContext.LEARNED if ctx.learned else TaskContext.LIST))
        )
        return Task(
            task_id=task_id,
            seq=len(self.tasks) + 1,
            start=a,
            end=z,
            text=body,
            section=" > ".join(b.text.strip() for b in self.outline.heading_path(block_at(blocks, a))),
            group=ctx.group,
            group_declared=ctx.declared,
            action=starts_with_action(body),
            deadline=dl.value if dl else "",
            deadline_text=dl.text if dl else "",
            deadline_source=src,
            lead_agency=lead,
            partner_agencies=partners,
            references=self.ref_ids_between(a, z),
            product=product,
            flags=tuple(flags),
            context=context,
        )


_SPLIT_VA = pattern("cues", "split_va")


def _va_splits(text, s, e):
    out = []
    for m in _SPLIT_VA.finditer(text, s, e):
        if starts_with_action(text[m.end() : e]):
            out.append((m.start(), m.end()))
    return out


def _reconcile(text: str, ctx: Context) -> tuple[list[tuple[int, int]], list[str]]:
    """The context's task spans, split at "và"/"đồng thời" + verb where that makes a claim's count match."""
    items = ctx.tasks()
    flags: list[str] = []
    if ctx.declared is None or not items or len(items) >= ctx.declared:
        return items, flags
    need = ctx.declared - len(items)
    cands = [(k, sp) for k, (a, z) in enumerate(items) for sp in _va_splits(text, a, z)]
    if 0 < len(cands) <= need or len(cands) == need:
        new = []
        by_item: dict[int, list[tuple[int, int]]] = {}
        for k, sp in cands:
            by_item.setdefault(k, []).append(sp)
        for k, (a, z) in enumerate(items):
            cur = a
            for ss, se in by_item.get(k, []):
                new.append(trim_task(text, cur, ss))
                cur = se
            new.append(trim_task(text, cur, z))
        flags.append("split_va_to_match")
        return new, flags
    return items, flags


def _cells_text(text, spans) -> str:
    """The text of one or more cell spans, distinct values joined by "; "."""
    seen = []
    for a, z in spans:
        t = " ".join(text[a:z].split())
        if t and t not in seen:
            seen.append(t)
    return "; ".join(seen)


_WORDS = re.compile(r"\S+")
_MIN_WORDS = 3  # the shortest task of the development gold has three words ("Bảo vệ rừng")
_VISIBLE = re.compile(r"\S")  # (searched from a task's end: copying the rest of the text per task was quadratic)


def comma_series(clause: str) -> int:
    """The number of items of an in-line series "A, B, C và D" (the last "và" joins the last two; a
    comma inside brackets does not count)."""
    flat = re.sub(r"\([^()]*\)", "", clause)
    parts = [p for p in flat.split(",") if p.strip()]
    if not parts:
        return 0
    return len(parts) + (1 if re.search(r"\svà\s", parts[-1]) else 0)


_LIST_TYPES = ("roman", "arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus", "caps")


def _later_lists(outline: Outline, claims: list[Claim]) -> list[Claim]:
    """A claim of a title or lead that nothing lists at once ("6 nhiệm vụ trọng tâm …"), or whose
    list was not found after it, is satisfied by a later run of sibling items of its size (numbered items, ordinals, bold
    sub-headings): found = that size, flagged ``list_later``."""
    out = list(claims)
    for k, c in enumerate(out):
        if c.status == ClaimStatus.MISMATCH and c.declared == _last_ordinal(outline, c.start):
            # "5 nhiệm vụ trọng tâm nêu trên là: A. B. Ba là C. Bốn là D. Và năm là E.": the ordinals count on
            # past the items the list was cut into
            out[k] = replace(c, found=c.declared, status=ClaimStatus.OK, flags=c.flags + ("counted_by_ordinals",))
            continue
        if c.found is not None or not {"no_list_cue", "list_not_found"} & set(c.flags):
            continue
        runs: dict[tuple[int, str], int] = {}
        for i, b in enumerate(outline.blocks):
            if b.start > c.end and b.marker_type in _LIST_TYPES:
                key = (outline.parents[i], b.marker_type)
                runs[key] = runs.get(key, 0) + 1
        if c.declared in runs.values() or c.declared in (_ordinal_paragraphs(outline, c.end), _last_ordinal(outline, c.end)):
            out[k] = replace(c, found=c.declared, status=ClaimStatus.OK, flags=c.flags + ("list_later",))
    return out


@cache
def _series_ends() -> tuple[re.Pattern, re.Pattern]:
    d = load("segmentation")["inline_ordinals"]
    opening, closing = (
        re.compile(rf"\W*(?:{alternation(d[k])})\W*[,:]", re.IGNORECASE) for k in ("opening_words", "closing_words")
    )
    return opening, closing


def _ordinal_paragraphs(outline: Outline, after: int) -> int:
    """The items of the first run of ordinal paragraphs after ``after`` that are siblings, with an unmarked
    paragraph that opens it ("Trước hết, …" before "Nhiệm vụ thứ hai là …") and one that closes it ("Cuối
    cùng, …"; ``segmentation.toml`` ``[inline_ordinals]``): a news article's series of sentences. 0 when none."""
    opening, closing = _series_ends()
    blocks, parents = outline.blocks, outline.parents
    first = next((i for i, b in enumerate(blocks) if b.start > after and b.marker_type == "ordinal"), -1)
    if first < 0:
        return 0
    run = [first]
    for i in range(first + 1, len(blocks)):
        if parents[i] == parents[first] and blocks[i].marker_type == "ordinal":
            if series_start(blocks[i].marker):
                break  # a second series ("Thứ nhất …" again)
            run.append(i)
    opened = not series_start(blocks[first].marker) and any(
        opening.match(blocks[i].text)
        for i in range(first)
        if blocks[i].start > after and parents[i] == parents[first] and not blocks[i].marker_type
    )
    closed = any(
        closing.match(blocks[i].text)
        for i in range(run[-1] + 1, min(len(blocks), run[-1] + 13))
        if not blocks[i].marker_type and parents[i] in (parents[first], run[-1])  # (a paragraph under the last item is its child)
    )
    return len(run) + opened + closed


_ORDINAL_REACH = 70  # how far into a paragraph its ordinal may stand ("Trọng tâm chỉ đạo, điều hành thứ năm, …")


@cache
def _ordinal_words() -> tuple[dict[str, int], re.Pattern]:
    """The ordinals ("thứ nhất" … "thứ mười", "một là" … "mười là") with their numbers, and a pattern that finds
    them and the closing words ("cuối cùng")."""
    d = load("segmentation")["inline_ordinals"]
    numbers = {w.lower(): n for series in d["series"] for n, w in enumerate(series, start=1)}
    words = re.compile(rf"(?<!\w)(?:{alternation([*numbers, *(w.lower() for w in d['closing_words'])])})(?!\w)")
    return numbers, words


def _last_ordinal(outline: Outline, after: int) -> int:
    """The number of items a news article's paragraphs count off after ``after`` with ordinals near their start,
    whatever noun they use ("Đầu tiên là …" ⏎ "Nhóm nhiệm vụ thứ hai, …" ⏎ "Trọng tâm chỉ đạo, điều hành thứ ba
    …" ⏎ … "Trọng tâm chỉ đạo, điều hành thứ năm, …" ⏎ "Cuối cùng, …"; "Ba là …" ⏎ "Và năm là …"): the highest
    ordinal, one more when a closing word follows it. 0 when the paragraphs count off fewer than two, or out of
    order."""
    numbers, words = _ordinal_words()
    seen: list[int] = []
    closed = False
    for b in outline.blocks:
        if b.start <= after:
            continue
        for m in words.finditer(b.text.lower(), 0, _ORDINAL_REACH):
            n = numbers.get(" ".join(m.group().split()))
            if n:
                seen.append(n)
            elif seen:
                closed = True
    if not seen or len(seen) + closed < 2 or seen != sorted(set(seen)):
        return 0
    return seen[-1] + closed


def _unit_nouns(unit: str) -> frozenset[str]:
    """The task nouns of a claim's unit without "nhóm" ("nhóm giải pháp" → {"giải pháp"},
    "định hướng, giải pháp" → {"định hướng", "giải pháp"}): a restated claim may name its unit
    shorter, by any of them."""
    u = unit.lower().removeprefix("nhóm ").strip()
    return frozenset(p.strip().removeprefix("nhóm ").strip() for p in re.split(r",|\s+và\s+", u) if p.strip())


def _twins(claims: list[Claim]) -> list[Claim]:
    """A claim of the title or lead that lists nothing ("… với 6 nhiệm vụ trọng tâm.") counts the
    list of the claim that restates it further on (same number, same unit)."""
    out = list(claims)
    for k, c in enumerate(out):
        if c.found is not None or "no_list_cue" not in c.flags:
            continue
        twin = next(
            (
                o
                for o in out
                if o is not c and o.found is not None and o.declared == c.declared and _unit_nouns(o.unit) & _unit_nouns(c.unit)
            ),
            None,
        )
        if twin is not None:
            out[k] = replace(c, found=twin.found, status=twin.status, flags=c.flags + ("twin_of:" + twin.claim_id,))
    return out


def link_to_tasks(
    tasks: Sequence[Task], refs: Sequence[Reference], times: Sequence[TimeExpr]
) -> tuple[list[Reference], list[TimeExpr]]:
    """References and times with the id of the task they stand in ("" outside every task)."""
    task_at = first_containing([(t.start, t.end, t.task_id) for t in tasks])  # the first task holding pos, or ""
    return [replace(r, task_id=task_at(r.start)) for r in refs], [replace(t, task_id=task_at(t.start)) for t in times]


@cache
def _prefiltered(rx: re.Pattern) -> Prefiltered:
    """``rx.search``, texts without the words a match needs dismissed at once."""
    return Prefiltered(rx)
