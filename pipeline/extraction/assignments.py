"""Stage: assignment paragraphs. In the body of a headed document, a paragraph that gives work to
a named agency ("Giao Bộ Tài chính khẩn trương hoàn thiện …", "Đề nghị Ủy ban nhân dân tỉnh Đắk
Lắk chủ trì …", "Bộ Xây dựng khẩn trương rà soát …") is a task wherever it stands: the answers of
a Thông báo kết luận to a province's requests, the orders of a Công điện or a Chỉ thị, under a
heading that does not announce tasks ("III. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH" / "1. Về kiến nghị …:").
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..resources import pattern
from ..text.segment import Block, Outline
from .agencies import leading_agency
from .cues import is_non_task_heading, starts_with_action
from .units import Context, Item, ItemKind, Span

__all__ = ["assigns_work", "assignment_contexts", "gives_work_then_lists"]

_LEAD = pattern("cues", "assignment_lead")
_TOPIC = pattern("cues", "assignment_topic")
_WORK_INTRO_MIN = 60  # characters


def assigns_work(body: str) -> bool:
    """Whether ``body`` opens by giving work to an agency: an optional request word
    (``cues.toml`` ``[assignment_lead]``), the agency, then an action verb."""
    m = _LEAD.match(body)
    rest = body[m.end() :] if m else body
    ag, end = leading_agency(rest)
    return bool(ag) and bool(starts_with_action(rest[end:].lstrip(" ,:")))


def gives_work_then_lists(intro: str) -> bool:
    """An item's text before its closing colon that gives a named agency work ("Bộ Tài chính thực
    hiện nghiêm các ý kiến chỉ đạo …; chủ trì …, trong đó lưu ý"), long enough to be work and not a
    bare agency heading ("1. Sở Công Thương:")."""
    return len(intro) > _WORK_INTRO_MIN and assigns_work(intro)


def assignment_contexts(
    text: str,
    outline: Outline,
    taken: Collection[int],
    units: Callable[[Block], list[Span]],
    clauses: Callable[[int, int, bool], list[Span]],
) -> list[tuple[int, Context]]:
    """(block index, context) of each assignment of a headed document's body (the caller knows
    it has a header) that no other rule took, none of whose headings is a non-task one ("Căn cứ …",
    "Kết quả …"): a paragraph (no list marker, not ending with ":") under a heading or a list item;
    or a list item that names its topic and then gives the work ("2. Về dự án …: Bộ Xây dựng khẩn
    trương rà soát …")."""
    blocks, out = outline.blocks, []
    for i, b in enumerate(blocks):
        if i in taken or b.kind == "heading":
            continue
        body = text[b.body_start : b.end]
        topic = _TOPIC.match(body) if b.marker_type else None
        if topic is None and (b.marker_type or outline.parents[i] < 0):
            continue
        work = body[topic.end() :] if topic else body
        if body.rstrip().endswith(":") or not assigns_work(work):
            continue
        above = [blocks[a] for a in outline.ancestors(i)]
        if any(a.kind == "heading" and is_non_task_heading(text[a.body_start : a.end]) for a in above):
            continue
        head = next((a for a in reversed(above) if a.kind == "heading"), above[-1] if above else b)
        ctx = Context(group=head.text.strip().rstrip(":"), group_start=head.start, group_end=head.end, is_heading=True)
        spans = clauses(b.body_start + topic.end(), b.end, False) if topic else units(b)
        ctx.items = [Item(a, z, ItemKind.ITEM) for a, z in spans]
        if ctx.items:
            out.append((i, ctx))
    return out
