"""Stage: request sentences. In a text without a document header (a news article, a web excerpt), a
sentence that reports what someone asks an agency to do gives that work as tasks, wherever it stands in
its paragraph: "Thủ tướng Nguyễn Tấn Dũng yêu cầu ngành Thuế phải đổi mới mạnh mẽ hơn nữa …; góp phần
…", "Năm nay, UBND TP yêu cầu các địa phương phải xây dựng phương án …". The tasks run from the verb
after the request word, its addressee and a modal ("phải", "cần") to the clause's end, with each later
";" clause of the sentence that opens with a verb (annotation guide §2: in news, the clauses that report
what a plan or directive asks agencies to do). A headed document's requests are the assignment stage's
(:mod:`.assignments`): there "UBND tỉnh yêu cầu các cơ quan … phải quán triệt …" closes the text as a
general requirement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from ..resources import pattern
from ..text.segment import Outline, sentences
from .agencies import leading_agency
from .cues import general_requirement_re, starts_with_action, work_start
from .units import Context, Item, ItemKind, Span

__all__ = ["request_contexts"]

_CUE = pattern("cues", "request_sentence")
_MODAL = pattern("cues", "request_modal")
_ADDRESSEE_MODAL = pattern("cues", "request_addressee_modal")
_ADDRESSEE_MAX = 60  # characters of an addressee before its modal
_REQUIREMENT_REACH = 20  # characters after the work's start in which a general requirement's verb stands


def _request_start(text: str, cue: re.Match, end: int) -> int:
    """Where the work a request asks for begins (its verb, right after the addressee and a modal), or -1.
    An addressee that is no agency's name stands before a modal ("yêu cầu ngành Thuế phải đổi mới …")."""
    p = cue.end() + work_start(text[cue.end() : end])
    while p < end and text[p] in " ,":
        p += 1
    m = _MODAL.match(text, p, end)
    if m is None and not cue.group("says"):
        verb = starts_with_action(text[p:end])
        if verb and text.startswith(verb, p):
            return p
    m = m or _ADDRESSEE_MODAL.match(text, p, min(end, p + _ADDRESSEE_MAX))
    if m is None:
        return -1  # (after "nhấn mạnh", "lưu ý" a modal must stand: "nhấn mạnh, trong quá trình …, cải cách … là …")
    verb = starts_with_action(text[m.end() : end])
    return m.end() if verb and text.startswith(verb, m.end()) else -1


def _least_clauses(cue: re.Match, between: str) -> int:
    """How many clauses a request sentence needs to be read as work: one after "giao" ("Thủ tướng giao
    Bộ Nội vụ chủ trì …") or a modal ("yêu cầu các địa phương phải xây dựng …"); else two (on the
    development texts a lone clause after "yêu cầu"/"đề nghị" was as often no task as a task)."""
    if cue.group("assigns") or _MODAL.search(between + " "):
        return 1
    return 2


def request_contexts(
    text: str,
    outline: Outline,
    taken: Collection[int],
    prot: list[tuple[int, int]],
    clauses: Callable[[int, int, bool], list[Span]],
) -> list[tuple[int, Context]]:
    """(block index, context) of each paragraph sentence no other rule took that reports a request:
    one context per sentence, its group the words before the work ("Thủ tướng yêu cầu ngành Thuế
    phải")."""
    out = []
    for i, b in enumerate(outline.blocks):
        if i in taken or b.kind == "heading" or not _CUE.search(text, b.body_start, b.end):
            continue
        for ss, se in sentences(text, b.body_start, b.end, prot):
            for m in _CUE.finditer(text, ss, se):
                v = _request_start(text, m, se)
                if v < 0 or general_requirement_re().search(text[m.end() : v + _REQUIREMENT_REACH]):
                    continue  # ("UBND tỉnh yêu cầu các cơ quan … phải quán triệt …": a general requirement)
                spans = clauses(v, se, True)
                if len(spans) >= _least_clauses(m, text[m.end() : v]):  # (the sentence's first request decides)
                    ctx = Context(group=text[ss:v].strip(), group_start=ss, group_end=v, reported=True)
                    ctx.heading_agency = leading_agency(text[m.end() : v])[0]
                    ctx.items = [Item(a, z, ItemKind.CLAUSE) for a, z in spans]
                    out.append((i, ctx))
                break
    return out
