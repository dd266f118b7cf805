"""What stands around a reference mention: the date or year after it and the relation its
sentence gives it ("căn cứ", "thực hiện", "bãi bỏ" …). Shared by :mod:`.references` and :mod:`.laws`."""

from __future__ import annotations

import re
from functools import cache

from ..resources import load, pattern

__all__ = ["DATE_RE", "AFTER_YEAR", "iso", "date_after", "relation"]

DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*|\s*tháng\s*(?P<m2>\d{1,2})\s*,?\s*năm\s*)(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_AFTER_DATE = pattern("references", "after_date")
AFTER_YEAR = re.compile(r"[ ,]*năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")


@cache
def _relations():
    return [(r["name"], tuple(r["cues"])) for r in load("references")["relation"]]


def iso(d: re.Match) -> str:
    day, month, year = int(d.group("d")), int(d.group("m") or d.group("m2")), int(d.group("y"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_after(text: str, pos: int) -> tuple[str, int, tuple[int, int] | None]:
    m = _AFTER_DATE.match(text, pos)
    if m:
        d = DATE_RE.match(text, m.end())
        if d:
            day = iso(d)
            if day:
                lead = len(m.group(0)) - len(m.group(0).lstrip(" ,"))
                return day, d.end(), (m.start() + lead, d.end())
    return "", pos, None


def relation(text: str, start: int) -> str:
    window = text[max(0, start - 150) : start]
    cut = max(window.rfind("."), window.rfind(";"), window.rfind("\n"))
    window = window[cut + 1 :].lower()
    best, best_pos = "khác", -1
    for name, cues in _relations():
        for cue in cues:
            k = window.rfind(cue)
            if k > best_pos:
                best, best_pos = name, k
    return best
