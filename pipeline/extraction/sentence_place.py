"""Where a time stands in its sentence: where the sentence starts, whether the time opens it, and whether it
is asked about, set aside in brackets or quoted as part of a name. Read by the deadlines (:mod:`.deadlines`), the
document's scope (:mod:`.scope`) and the classifier's groups (:mod:`.learned`)."""

from __future__ import annotations

import re

from ..types import TimeExpr

__all__ = ["sentence_start", "opens_sentence", "in_question", "in_parentheses", "in_quotes"]

_SENTENCE_END = re.compile(r"[.!?\n]")


def sentence_start(text: str, pos: int, ends: str = ".!?\n") -> int:
    """Where the sentence holding ``pos`` starts: just after the last of ``ends`` before it (0 when none)."""
    return max(text.rfind(c, 0, pos) for c in ends) + 1


_OPENING_END = re.compile(r"[ *_]*[,:]")


def opens_sentence(text: str, t: TimeExpr, start: int) -> bool:
    """Whether ``t`` is all of the opening of the sentence that starts at ``start``, but for emphasis or a dash, and
    a comma or colon closes it ("Từ năm 2026, tổ chức …", "Năm 2018: Rà soát …", "6 tháng còn lại của năm 2019,
    huyện …")."""
    return not text[start : t.start].strip(" *_-–") and _OPENING_END.match(text, t.end) is not None


def in_question(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` stands in a sentence that ends with a question mark ("Mục tiêu … trong năm
    2025, 2026 là gì?", a Q&A page's headline): it asks about a period, it does not set one."""
    m = _SENTENCE_END.search(text, t.end)
    return m is not None and m.group() == "?"


def in_parentheses(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` stands in an aside in brackets on its line ("… tiến độ triển khai (từ ngày 04/5
    đến ngày 14/5/2025) do Ban Tổ chức trình")."""
    line = max(text.rfind("\n", 0, t.start), text.rfind(". ", 0, t.start))
    return text.count("(", line + 1, t.start) > text.count(")", line + 1, t.start)


def in_quotes(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` stands inside typographic quotes opened in its sentence (Đề án "Tuyên truyền …
    giai đoạn 2010-2020"): part of a quoted name, not the period of the text that quotes it."""
    start = sentence_start(text, t.start)
    return text.count("“", start, t.start) > text.count("”", start, t.start)
