"""Stage: time expressions with TIMEX3-style values (annotation guide §4).

``find_times(text, exclude, anchor)`` returns every time expression that is not
inside an excluded span (a reference, the document's date line). Year-less
expressions take their year from ``anchor(offset)``; without one the year is
``XXXX`` and the expression is flagged ``unanchored``. Nothing is filled from
today's date.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Callable

from .resources import lexicon
from .types import TimeExpr

__all__ = ["find_times", "ROMAN"]

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4}
_Y = r"(?:19|20)\d{2}"
_Q = r"(?:IV|I{1,3}|0?[1-4])(?![\w])"
_D = r"\d{1,2}"
_M = r"\d{1,2}"
_SP = r"[ \t]*"

Anchor = Callable[[int], "int | None"]


def _alt(words):
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns():
    lx = lexicon()
    before = _alt(lx.before_words)
    rec = _alt(lx.recurring)
    date = rf"(?:ngày\s*)?(?P<d>{_D})\s*[/.-]\s*(?P<m>{_M})\s*[/.-]\s*(?P<y>{_Y})|ngày\s*(?P<d2>{_D})\s+tháng\s*(?P<m2>{_M})(?:\s*,)?\s+năm\s+(?P<y2>{_Y})"
    date_noyear = rf"ngày\s*(?P<d3>{_D})\s*(?:[/-]\s*(?P<m3>{_M})|\s+tháng\s*(?P<m4>{_M}))(?![\d/-]|\s*năm\s*\d|\s*[/.-]\s*\d)"
    month = rf"tháng\s*(?P<mm>{_M})\s*(?:[/-]\s*|\s+năm\s+)(?P<my>{_Y})"
    month_noyear = rf"tháng\s*(?P<mm2>{_M})(?![\d/])(?!\s+năm\s+\d)(?!\s*(?:năm|tháng))"
    quarter = rf"quý\s*(?P<q>{_Q})\s*(?:[/-]\s*|\s+năm\s+)(?P<qy>{_Y})"
    quarter_noyear = rf"quý\s*(?P<q2>{_Q})(?!\s*[,/-]\s*(?:{_Q}|\d))(?!\s+năm\s+\d)"
    year = rf"(?:(?P<ymod>trong|cuối|đầu|giữa|hết)\s+)?năm\s+(?P<yy>{_Y})(?!\s*[-–]\s*{_Y})"
    bare_dm = rf"(?P<d5>{_D})\s*/\s*(?P<m5>{_M})(?![\d/])"
    inner = "|".join(f"(?:{p})" for p in (date, month, quarter, year, date_noyear, quarter_noyear, month_noyear, bare_dm))
    pats = [
        ("recurring_day", rf"(?:{before})\s+ngày\s*{_D}(?:\s*[/-]\s*{_M}|\s+tháng\s*{_M})?\s+(?P<rec2>{rec})"),
        ("recurring_before", rf"(?:định\s+kỳ\s+)?(?P<rec3>{rec})\s*\(\s*trước\s+ngày\s*{_D}(?:\s*[/-]\s*{_M})?\s*\)"),
        ("range_years", rf"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm|năm)\s*(?P<ra>{_Y})\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?P<rb>{_Y})"),
        ("range_years_bare", rf"(?<![\d/])(?P<rc>{_Y})\s*[-–]\s*(?P<rd>{_Y})(?![\d/])"),
        ("range_dates", rf"từ\s+(?:ngày\s*)?(?P<fd>{_D})\s*[/-]\s*(?P<fm>{_M})(?:\s*[/-]\s*(?P<fy>{_Y}))?\s*(?:đến|-)\s*(?:ngày\s*)?(?P<td>{_D})\s*[/-]\s*(?P<tm>{_M})\s*[/-]\s*(?P<ty>{_Y})"),
        ("range_quarters", rf"quý\s*(?P<qa>{_Q})\s*(?:,|và|-|–|đến)\s*(?:quý\s*)?(?P<qb>{_Q})\s*[/-]\s*(?P<qby>{_Y})"),
        ("range_quarter_year", rf"quý\s*(?P<qc>{_Q})\s*[/-]\s*(?P<qcy>{_Y})\s*,\s*(?P<qd>{_Y})(?![\d/])"),
        ("since", rf"(?:kể\s+)?từ\s+(?:(?:ngày\s*)?(?P<sd>{_D})\s*[/.-]\s*(?P<sm>{_M})\s*[/.-]\s*(?P<sy>{_Y})|ngày\s*(?P<sd2>{_D})\s+tháng\s*(?P<sm2>{_M})\s+năm\s+(?P<sy2>{_Y})|năm\s+(?P<syy>{_Y}))"),
        ("first_months", rf"(?P<n>\d{{1,2}})\s+tháng\s+(?P<part>đầu|cuối)\s+năm(?:\s+(?P<hy>{_Y}))?"),
        ("until_year", rf"(?:tầm\s+nhìn\s+)?đến\s+năm\s+(?P<uy>{_Y})"),
        ("before", rf"(?P<cue>{before})\s+(?:{inner})"),
        ("year_and_recurring", rf"(?<![\d/])(?P<yr>{_Y})(?=\s+và\s+(?:hằng|hàng)\s+năm)"),
        ("holiday", rf"Tết\s+Nguyên\s+đán(?:\s+[A-ZĐ]\w+\s+[A-ZĐ]\w+)?(?:\s+năm)?\s+(?P<hoy>{_Y})"),
        ("date", date),
        ("month", month),
        ("quarter", quarter),
        ("year", year),
        ("recurring", rf"(?:định\s+kỳ\s+)?(?P<rec>{rec})"),
        ("continuous", rf"(?P<cont>{_alt(lx.continuous_words)})"),
        ("date_noyear", date_noyear),
        ("quarter_noyear", quarter_noyear),
        ("month_noyear", month_noyear),
    ]
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in pats]


def _g(m, *names):
    for n in names:
        try:
            v = m.group(n)
        except IndexError:
            continue
        if v:
            return v
    return None


def _inner_value(m, anchor_year) -> tuple[str, str, bool]:
    """(kind, value, anchored?) of the date/month/quarter/year alternatives."""
    y = _g(m, "y", "y2")
    if y:
        return "date", _ymd(y, _g(m, "m", "m2"), _g(m, "d", "d2")), True
    if _g(m, "my"):
        return "month", f"{m.group('my')}-{int(m.group('mm')):02d}", True
    if _g(m, "qy"):
        return "quarter", f"{m.group('qy')}-Q{ROMAN[m.group('q').upper()]}", True
    if _g(m, "yy"):
        return "year", m.group("yy"), True
    ay = str(anchor_year) if anchor_year else "XXXX"
    if _g(m, "d3", "d5"):
        return "date", _ymd(ay, _g(m, "m3", "m4", "m5"), _g(m, "d3", "d5")), bool(anchor_year)
    if _g(m, "q2"):
        return "quarter", f"{ay}-Q{ROMAN[m.group('q2').upper()]}", bool(anchor_year)
    if _g(m, "mm2"):
        return "month", f"{ay}-{int(m.group('mm2')):02d}", bool(anchor_year)
    raise ValueError("no inner time value")  # pragma: no cover


def _ymd(y, mo, d) -> str:
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def _valid(value: str) -> bool:
    for part in value.replace("../", "").replace("/..", "").split("/"):
        m = re.fullmatch(r"(?:\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?", part)
        if m and not (1 <= int(m.group(1)) <= 12 and (m.group(2) is None or 1 <= int(m.group(2)) <= 31)):
            return False
    return True


def _value(name: str, m: re.Match, anchor_year) -> tuple[str, str, bool] | None:
    lx = lexicon()
    if name in ("recurring_day", "recurring_before", "recurring"):
        key = " ".join(_g(m, "rec2", "rec3", "rec").lower().split())
        return "recurring", lx.recurring[key], True
    if name == "range_years":
        return "range", f"{m.group('ra')}/{m.group('rb')}", True
    if name == "range_years_bare":
        a, b = int(m.group("rc")), int(m.group("rd"))
        return ("range", f"{a}/{b}", True) if 0 < b - a <= 30 else None
    if name == "range_dates":
        fy = m.group("fy") or m.group("ty")
        return "range", f"{_ymd(fy, m.group('fm'), m.group('fd'))}/{_ymd(m.group('ty'), m.group('tm'), m.group('td'))}", True
    if name == "range_quarters":
        y = m.group("qby")
        return "range", f"{y}-Q{ROMAN[m.group('qa').upper()]}/{y}-Q{ROMAN[m.group('qb').upper()]}", True
    if name == "range_quarter_year":
        return "range", f"{m.group('qcy')}-Q{ROMAN[m.group('qc').upper()]}/{m.group('qd')}", True
    if name == "since":
        if m.group("syy"):
            return "range", f"{m.group('syy')}/..", True
        return "range", f"{_ymd(_g(m, 'sy', 'sy2'), _g(m, 'sm', 'sm2'), _g(m, 'sd', 'sd2'))}/..", True
    if name == "first_months":
        n = int(m.group("n"))
        y = m.group("hy") or (str(anchor_year) if anchor_year else "XXXX")
        anchored = bool(m.group("hy") or anchor_year)
        if n == 6:
            return "half", f"{y}-H{1 if m.group('part').lower() == 'đầu' else 2}", anchored
        if not 1 <= n <= 12:
            return None
        if m.group("part").lower() == "đầu":
            return "range", f"{y}-01/{y}-{n:02d}", anchored
        return "range", f"{y}-{13 - n:02d}/{y}-12", anchored
    if name == "year_and_recurring":
        return "year", m.group("yr"), True
    if name == "until_year":
        return "before", f"../{m.group('uy')}", True
    if name == "before":
        kind, val, anchored = _inner_value(m, anchor_year)
        return "before", f"../{val}", anchored
    if name == "holiday":
        dates = lx.holidays["Tết Nguyên đán"]
        y = m.group("hoy")
        return ("date", dates[y], True) if y in dates else ("year", y, True)
    if name == "continuous":
        return "continuous", "continuous", True
    return _inner_value(m, anchor_year)


def _negated_continuous(text: str, start: int) -> bool:
    lx = lexicon()
    before = " ".join(text[max(0, start - 25):start].lower().split())
    return any(before == w or before.endswith(" " + w) for w in lx.continuous_not_after)


def find_times(text: str, exclude=(), anchor: Anchor | None = None) -> list[TimeExpr]:
    """All time expressions of ``text``, leftmost-longest, outside ``exclude`` spans."""
    cands = []
    for prio, (name, rx) in enumerate(_patterns()):
        for m in rx.finditer(text):
            s, e = m.span()
            if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
                continue
            if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                continue
            cands.append((s, -(e - s), prio, name, m))
    cands.sort()
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for s, neg_len, _prio, name, m in cands:
        e = s - neg_len
        if any(a < e and s < b for a, b in taken) or any(a < e and s < b for a, b in exclude):
            continue
        if name == "continuous" and _negated_continuous(text, s):
            continue
        ay = anchor(s) if anchor else None
        val = _value(name, m, ay)
        if val is None:
            continue
        kind, value, anchored = val
        if not _valid(value):
            continue
        taken.append((s, e))
        out.append(TimeExpr(start=s, end=e, text=text[s:e], kind=kind, value=value,
                            flags=() if anchored else ("unanchored",)))
    out.sort(key=lambda t: t.start)
    return out
