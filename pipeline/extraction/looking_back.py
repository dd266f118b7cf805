"""Whether a time looks back: the nearest cue before it is a results word ("ĐÁNH GIÁ KẾT QUẢ NĂM 2023 VÀ
NHIỆM VỤ NĂM 2024": 2023 is the year reported on, 2024 the work's), read by the document's scope
(:mod:`.scope`) and by the section headings' times (:mod:`.deadlines`).
"""

from __future__ import annotations

import re
from functools import cache

from ..resources import load, pattern
from ..types import TimeExpr

__all__ = ["looks_back", "results_last"]


def looks_back(text: str, t: TimeExpr, start: int = -1) -> bool:
    """Whether the nearest cue before ``t`` in its paragraph (or after ``start``) is a results word
    (``deadlines.toml`` ``[results_title]``) rather than a word of the work to come (``[title_period]``'s):
    "ĐÁNH GIÁ KẾT QUẢ NĂM 2023 VÀ NHIỆM VỤ NĂM 2024" looks back at 2023, not at 2024."""
    return results_last(text, text.rfind("\n\n", 0, t.start) + 1 if start < 0 else start, t.start)


def results_last(text: str, start: int, end: int) -> bool:
    """Whether the last cue in ``text[start:end]`` is a results word rather than a word of the work to come
    (:func:`looks_back`): "1. Kết quả thực hiện Nghị quyết Đại hội XII" ends on results."""
    back = [m.end() for m in _results_title_re().finditer(text, start, end)]
    if not back:
        return False
    of_results = _results_object_re()
    ahead = [
        m.end()
        for m in _forward_word_re().finditer(text, start, end)
        if not of_results.search(text, max(start, m.start() - 40), m.start())
    ]
    return max(back) > max(ahead, default=-1)


@cache
def _results_object_re() -> re.Pattern:
    return re.compile(load("deadlines")["results_title"]["object_of"])


@cache
def _results_title_re() -> re.Pattern:
    return pattern("deadlines", "results_title")


@cache
def _forward_word_re() -> re.Pattern:
    """The work words of ``[title_period]`` found anywhere (its pattern anchors them before a time)."""
    return re.compile(load("deadlines")["title_period"]["pattern"].removesuffix("\\s*$"))
