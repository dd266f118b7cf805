"""Stage: time expressions with TIMEX3-style values (annotation guide §4).

``find_times(text, exclude, anchor, doc_date=None)`` returns every time
expression that is not inside an excluded span (a reference, the document's
date line) and is not a reference's own date. Year-less expressions take their
year from ``anchor(offset)``; relative ones ("năm sau", "trong 3 tháng kể từ
ngày ký") from ``doc_date`` (the document's own ISO date). Without either the
year is ``XXXX`` and the expression is flagged ``unanchored``. Nothing is
filled from today's date.

Word lists live in ``resources/time_words.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from ..resources import alternation, lexicon, load
from ..text.fastscan import compile_scanner, fold, has_only_ascii_digits
from ..types import TimeExpr

__all__ = ["find_times", "ROMAN"]

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4}
_Y = r"(?:19|20)\d{2}"
_Q = r"(?:IV|I{1,3}|0?[1-4])(?![\w])"
_D = r"\d{1,2}"
_M = r"\d{1,2}"

Anchor = Callable[[int], "int | None"]

# patterns whose match is consumed but gives no time (form lines left blank)
_BLOCK = {"blank_date"}
# kinds that may be a reference's own date when they follow it
_REF_DATE_RE = re.compile(r"(?:ngày|năm|\d)", re.IGNORECASE)
_SYMBOL_TAIL = re.compile(r"\d[\w.]*\s?/[\w.\-/]*\w[\s,]*$")
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s|\n")


_alt = alternation


@dataclass(frozen=True)
class _Words:
    """The parts of ``time_words.toml`` beyond the shared :class:`Lexicon`."""

    quarter: str
    until: str
    since: str
    open_end: str
    closed_end: str
    join: str
    recurring_day: dict
    recurring_unit: dict
    season: str
    named_day: dict
    relative: dict
    rel_starts: str
    rel_anchors: str
    rel_units: dict
    rel_not_after: tuple
    not_before: tuple
    stems: tuple  # heavenly stems, "giáp" … "quý", in cycle order
    branches: dict  # earthly branch → its place in the cycle ("mão" and "mẹo" both 3)
    canchi: str  # alternation of "Stem Branch" names


@cache
def _words() -> _Words:
    tw = load("time_words")
    return _Words(
        quarter=_alt(tw["quarter"]["words"]),
        until=_alt(tw["until"]["words"]),
        since=_alt(tw["since"]["words"]),
        open_end=_alt(tw["open_end"]["words"]),
        closed_end=_alt(tw["closed_end"]["words"]),
        join=_alt(tw["range_join"]["words"]),
        recurring_day={e["text"]: e["value"] for e in tw["recurring_day"]},
        recurring_unit=dict(tw["recurring_unit"]["units"]),
        season=_alt(tw["season"]["words"]),
        named_day={e["name"]: e["month_day"] for e in tw["named_day"]},
        relative={e["text"]: (e["unit"], e["offset"]) for e in tw["relative"]},
        rel_starts=_alt(tw["relative_deadline"]["starts"]),
        rel_anchors=_alt(tw["relative_deadline"]["anchors"]),
        rel_units=dict(tw["relative_deadline"]["units"]),
        rel_not_after=tuple(tw["relative_vague"]["after"]),
        not_before=tuple(tw["continuous"].get("not_before", ())),
        stems=tuple(w.lower() for w in tw["sexagenary"]["stems"]),
        branches={w.lower(): i for i, ws in enumerate(tw["sexagenary"]["branches"]) for w in ws},
        canchi=rf"(?:{_alt(tw['sexagenary']['stems'])})\s+(?:{_alt([w for ws in tw['sexagenary']['branches'] for w in ws])})",
    )


def _atom(p: str, yearless: bool = True, bare_year: bool = False, bare_dm: bool = True) -> str:
    """One date, month, quarter or year; group names are prefixed with ``p``."""
    q = _words().quarter
    alts = [
        rf"(?:ngày\s*)?(?P<{p}d1>{_D})\s*[/.-]\s*(?P<{p}m1>{_M})\s*[/.-]\s*(?P<{p}y1>{_Y})",
        rf"(?:ngày\s*)?(?P<{p}d2>{_D})\s*tháng\s*(?P<{p}m2>{_M})(?:\s*,)?\s+năm\s*(?P<{p}y2>{_Y})",
        rf"tháng\s*(?P<{p}m3>{_M})\s*(?:[/-]\s*|\s+năm\s*)(?P<{p}y3>{_Y})",
        rf"(?:{q})\s*(?P<{p}q4>{_Q})\s*(?:[/-]\s*|\s+năm\s*)(?P<{p}y4>{_Y})",
        rf"năm\s+(?P<{p}y5>{_Y})",
    ]
    if yearless:
        alts += [
            rf"ngày\s*(?P<{p}d6>{_D})\s*(?:[/-]\s*(?P<{p}m6>{_M})|\s+tháng\s*(?P<{p}m7>{_M}))(?![\d/-]|\s*năm\s*\d|\s*[/.-]\s*\d)",
            rf"(?:{q})\s*(?P<{p}q8>{_Q})(?!\s*[,/-]\s*(?:{_Q}|\d))(?!\s+năm\s+\d)",
            rf"tháng\s*(?P<{p}m9>{_M})(?![\d/])(?!\s+năm\s+\d)(?!\s*(?:năm|tháng))",
        ]
        if bare_dm:  # "trước 31/12"; standing alone "9/9" is a fraction, not a date
            alts.append(rf"(?<![\d.,])(?P<{p}d10>{_D})\s*/\s*(?P<{p}m10>{_M})(?![\d/.,])")
    if bare_year:
        alts.append(rf"(?P<{p}y11>{_Y})(?![\d/])")
    return "(?:" + "|".join(alts) + ")"


def _gp(m, p, n):
    try:
        return m.group(p + n)
    except IndexError:
        return None


def _atom_value(m, p: str, anchor_year) -> tuple[str, str, bool] | None:
    """(kind, value, year written?) of the atom with prefix ``p``; None when absent."""
    g = lambda n: _gp(m, p, n)  # noqa: E731
    for i in ("1", "2"):
        if g("y" + i):
            return "date", _ymd(g("y" + i), g("m" + i), g("d" + i)), True
    if g("y3"):
        return "month", f"{g('y3')}-{int(g('m3')):02d}", True
    if g("y4"):
        return "quarter", f"{g('y4')}-Q{ROMAN[g('q4').upper()]}", True
    if g("y5") or g("y11"):
        return "year", g("y5") or g("y11"), True
    ay = str(anchor_year) if anchor_year else "XXXX"
    if g("d6") or g("d10"):
        return "date", _ymd(ay, g("m6") or g("m7") or g("m10"), g("d6") or g("d10")), False
    if g("q8"):
        return "quarter", f"{ay}-Q{ROMAN[g('q8').upper()]}", False
    if g("m9"):
        return "month", f"{ay}-{int(g('m9')):02d}", False
    return None


@cache
def _patterns():
    lx, w = lexicon(), _words()
    before = _alt(lx.before_words)
    rec = _alt(lx.recurring)
    q = w.quarter
    pats = [
        ("blank_date", r"ngày(?:\s+|\s*[.…_]+[\s.…_\d]*?)tháng[\s.…_]*(?:\d{1,2}[\s.…_]*)?năm(?:\s*" + _Y + r")?"),
        ("recurring_day", rf"(?:{before})\s+ngày\s*{_D}(?:\s*[/-]\s*{_M}|\s+tháng\s*{_M})?\s+(?P<rec2>{rec})"),
        ("recurring_day_suffix", rf"(?:{before})\s+ngày\s*{_D}\s+(?P<rds>{_alt(w.recurring_day)})"),
        (
            "recurring_before",
            rf"(?:định\s+kỳ\s+)?(?P<rec3>{rec})\s*\(\s*trước\s+ngày\s*{_D}(?:\s*[/-]\s*{_M}|\s+tháng\s*{_M})?\s*\)",
        ),
        ("range_years", rf"(?:giai\s+đoạn|thời\s+kỳ|từ\s+năm|từ|năm)\s*(?P<ra>{_Y})\s*(?:[-–—]|đến(?:\s+năm)?)\s*(?P<rb>{_Y})"),
        ("range_years_bare", rf"(?<![\d/])(?P<rc>{_Y})\s*[-–]\s*(?P<rd>{_Y})(?![\d/])"),
        (
            "range_dates_bare",
            rf"(?<![\d/])(?P<xd>{_D})\s*/\s*(?P<xm>{_M})\s*/\s*(?P<xy>{_Y})\s*[-–]\s*(?P<zd>{_D})\s*/\s*(?P<zm>{_M})\s*/\s*(?P<zy>{_Y})",
        ),
        ("from_to", rf"(?:{w.since})\s+{_atom('a')}\s*(?:{w.join})\s*{_atom('b', bare_year=True)}"),
        (
            "range_quarters",
            rf"(?:{q})\s*(?P<qa>{_Q})\s*(?:,|và|-|–|đến)\s*(?:(?:{q})\s*)?(?P<qb>{_Q})\s*(?:[/-]\s*|\s+năm\s+)(?P<qby>{_Y})",
        ),
        ("range_quarter_year", rf"(?:{q})\s*(?P<qc>{_Q})\s*[/-]\s*(?P<qcy>{_Y})\s*,\s*(?P<qd>{_Y})(?![\d/])"),
        (
            "range_months",
            rf"tháng\s*(?P<ma>{_M})(?P<mlist>(?:\s*(?:,|và)\s*(?:tháng\s*)?{_M})+)(?:\s*[/-]\s*(?P<mly>{_Y})|\s+năm\s+(?P<mly2>{_Y}))?(?![\d/])",
        ),
        # "Từ ngày 08 đến ngày 09 tháng 11 năm 2025", "từ ngày 16-20/11/2025": days of one month
        (
            "range_days",
            rf"(?:(?:từ\s+)?ngày|từ)\s*(?P<dra>{_D})\s*(?:[-–]|đến(?:\s+ngày)?)\s*(?P<drb>{_D})(?:\s*[/.-]\s*(?P<drm>{_M})\s*[/.-]\s*(?P<dry>{_Y})|\s+tháng\s+(?P<drm2>{_M})(?:\s+năm\s+|\s*[/-]\s*)(?P<dry2>{_Y}))(?![\d/])",
        ),
        ("closed_end", rf"(?:(?:{w.since})\s+)?{_atom('c', yearless=False)}\s+(?:{w.closed_end})"),
        ("open_end", rf"{_atom('o', yearless=False, bare_year=True)}\s+(?:{w.open_end})"),
        ("since", rf"(?:{w.since})\s+{_atom('s')}"),
        ("first_months", rf"(?<!ngày\s)(?P<n>\d{{1,2}})\s+tháng\s+(?:(?P<part>đầu|cuối)\s+)?năm(?:\s+(?P<hy>{_Y}))?"),
        ("half_words", rf"nửa\s+(?P<hpart>đầu|cuối|sau)\s+(?:của\s+)?năm(?:\s+(?P<hwy>{_Y}))?"),
        ("until_year", rf"(?:{w.until})\s*(?P<uy>{_Y})(?![\d/])"),
        ("relative_deadline", rf"(?:{w.rel_starts})\s+(?P<rn>\d{{1,3}})\s+(?P<ru>{_alt(w.rel_units)})\s+(?:{w.rel_anchors})"),
        ("before", rf"(?P<cue>{before})\s+{_atom('i')}"),
        ("before_day", rf"(?:{before})\s+ngày\s*(?P<bd>{_D})(?![\d/.-])(?!\s*tháng)(?!\s*[/-]\s*\d)"),
        ("year_and_recurring", rf"(?<![\d/])(?P<yr>{_Y})(?=\s+và\s+(?:hằng|hàng)\s+năm)"),
        ("holiday", rf"(?P<hname>{_alt(lx.holidays)})(?:\s+(?P<canchi>{w.canchi}))?(?:(?:\s+năm)?\s+(?P<hoy>{_Y}))?(?<=\w)"),
        ("named_day", rf"(?P<nday>{_alt(w.named_day)})(?:\s+{_D}\s*/\s*{_M}(?![\d/]))?"),
        ("season", rf"(?:{w.season})\s+(?:năm\s+)?(?P<sy>{_Y})(?![\d/])"),
        ("relative", rf"(?<!\d\s)(?P<rel>{_alt(w.relative)})(?!\s+(?:nữa|\d))"),
        # the title line of a text ends with a bare year ("… cho phát triển kinh tế – xã hội 2021"):
        # that year; not one after a document symbol ("2074/QĐ-TTg 2025")
        ("title_year", rf"\A\s*(?:#{{1,6}}[ \t]+)?[^\n]{{5,250}}?[^\W\d_][ \t]+(?P<ty>{_Y})(?=[ \t]*\??[ \t]*(?:\n|\Z))"),
        ("bare_year_line", rf"(?m)(?:^|(?<=\|))[ \t]*(?P<by>{_Y})[ \t]*(?=\||$)"),  # a table cell
        ("atom", _atom("t", bare_dm=False)),
        ("recurring", rf"(?:định\s+kỳ\s+)?(?P<rec>{rec})"),
        ("continuous", rf"(?P<cont>{_alt(lx.continuous_words)})"),
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


def _ymd(y, mo, d) -> str:
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def _valid(value: str) -> bool:
    for part in value.replace("../", "").replace("/..", "").split("/"):
        m = re.fullmatch(r"(?:\d{4}|XXXX)-(\d{2})(?:-(\d{2}))?", part)
        if m and not (1 <= int(m.group(1)) <= 12 and (m.group(2) is None or 1 <= int(m.group(2)) <= 31)):
            return False
    return True


def _shift(iso: str, n: int, unit: str) -> str:
    """``iso`` (YYYY-MM-DD) moved ``n`` days, months or years."""
    from datetime import date, timedelta

    y, mo, d = (int(x) for x in iso[:10].split("-"))
    if unit == "D":
        return (date(y, mo, d) + timedelta(days=n)).isoformat()
    months = y * 12 + (mo - 1) + (n if unit == "M" else 12 * n)
    y2, mo2 = divmod(months, 12)
    import calendar

    d2 = min(d, calendar.monthrange(y2, mo2 + 1)[1])
    return f"{y2:04d}-{mo2 + 1:02d}-{d2:02d}"


# (kind, value, anchored, year_written)
_Val = tuple[str, str, bool, bool]


def _value(name: str, m: re.Match, anchor_year, doc_date: str | None) -> _Val | None:
    lx, w = lexicon(), _words()
    ay = str(anchor_year) if anchor_year else "XXXX"
    if name in ("recurring_day", "recurring_before", "recurring"):
        key = " ".join(_g(m, "rec2", "rec3", "rec").lower().split())
        return "recurring", lx.recurring[key], True, True
    if name == "recurring_day_suffix":
        return "recurring", w.recurring_day[" ".join(m.group("rds").lower().split())], True, True
    if name == "range_years":
        return "range", f"{m.group('ra')}/{m.group('rb')}", True, True
    if name == "range_years_bare":
        ya, yb = int(m.group("rc")), int(m.group("rd"))
        return ("range", f"{ya}/{yb}", True, True) if 0 < yb - ya <= 30 else None
    if name == "range_dates_bare":
        return "range", f"{_ymd(m['xy'], m['xm'], m['xd'])}/{_ymd(m['zy'], m['zm'], m['zd'])}", True, True
    if name == "from_to":
        a, b = _atom_value(m, "a", anchor_year), _atom_value(m, "b", None)
        if not a or not b:
            return None
        va = a[1] if a[2] else b[1][:4] + a[1][4:]
        return "range", f"{va}/{b[1]}", True, True
    if name == "range_quarters":
        y = m.group("qby")
        return "range", f"{y}-Q{ROMAN[m.group('qa').upper()]}/{y}-Q{ROMAN[m.group('qb').upper()]}", True, True
    if name == "range_quarter_year":
        return "range", f"{m.group('qcy')}-Q{ROMAN[m.group('qc').upper()]}/{m.group('qd')}", True, True
    if name == "range_months":
        last = int(re.findall(r"\d+", m.group("mlist"))[-1])
        first = int(m.group("ma"))
        if not first < last <= 12:
            return None
        my = m.group("mly") or m.group("mly2")
        if my:
            return "range", f"{my}-{first:02d}/{my}-{last:02d}", True, True
        return "range", f"{ay}-{first:02d}/{ay}-{last:02d}", bool(anchor_year), False
    if name == "range_days":
        da, db = int(m.group("dra")), int(m.group("drb"))
        mo, y = m.group("drm") or m.group("drm2"), m.group("dry") or m.group("dry2")
        if not da < db:
            return None
        return "range", f"{_ymd(y, mo, da)}/{_ymd(y, mo, db)}", True, True
    if name == "first_months":
        n = int(m.group("n"))
        part = (m.group("part") or "đầu").lower()  # "10 tháng năm 2025": its first ten months
        if not m.group("part") and not m.group("hy"):
            return None
        y = m.group("hy") or ay
        anchored = bool(m.group("hy") or anchor_year)
        if n == 6:
            return "half", f"{y}-H{1 if part == 'đầu' else 2}", anchored, bool(m.group("hy"))
        if not 1 <= n <= 12:
            return None
        if part == "đầu":
            return "range", f"{y}-01/{y}-{n:02d}", anchored, bool(m.group("hy"))
        return "range", f"{y}-{13 - n:02d}/{y}-12", anchored, bool(m.group("hy"))
    if name == "title_year":
        return "year", m.group("ty"), True, True
    if name == "year_and_recurring":
        return "year", m.group("yr"), True, True
    if name == "until_year":
        return "before", f"../{m.group('uy')}", True, True
    if name == "relative_deadline":
        unit = w.rel_units[m.group("ru").lower()]
        if not doc_date:
            return "before", "../XXXX-XX-XX", False, False
        return "before", f"../{_shift(doc_date, int(m.group('rn')), unit)}", True, False
    if name == "relative":
        unit, off = w.relative[" ".join(m.group("rel").lower().split())]
        if not doc_date:
            return {"year": "year", "month": "month", "quarter": "quarter"}[unit], "XXXX", False, False
        y, mo = int(doc_date[:4]), int(doc_date[5:7])
        if unit == "year":
            return "year", str(y + off), True, False
        if unit == "month":
            return "month", _shift(f"{y:04d}-{mo:02d}-01", off, "M")[:7], True, False
        qn = (mo - 1) // 3 + off
        return "quarter", f"{y + qn // 4}-Q{qn % 4 + 1}", True, False
    if name == "before_day":
        return "before", f"../{ay}-XX-{int(m.group('bd')):02d}", False, False
    if name == "half_words":
        y = m.group("hwy") or ay
        return (
            "half",
            f"{y}-H{1 if m.group('hpart').lower() == 'đầu' else 2}",
            bool(m.group("hwy") or anchor_year),
            bool(m.group("hwy")),
        )
    if name == "holiday":
        hname = next(k for k in lx.holidays if k.lower() == " ".join(m.group("hname").lower().split()))
        dates = lx.holidays[hname]
        y = m.group("hoy") or (_canchi_year(m.group("canchi"), anchor_year) if m.group("canchi") else None)
        if y is None:
            return None  # a holiday without its year ("dịp Tết Nguyên đán") names no one date
        y = str(y)
        written = bool(m.group("hoy"))
        return ("date", dates[y], True, written) if y in dates else ("year", y, True, written)
    if name == "named_day":
        md = (
            w.named_day[" ".join(m.group("nday").split())]
            if " ".join(m.group("nday").split()) in w.named_day
            else next(v for k, v in w.named_day.items() if k.lower() == " ".join(m.group("nday").lower().split()))
        )
        return "date", f"{ay}-{md}", bool(anchor_year), False
    if name == "season":
        return "year", m.group("sy"), True, True
    if name == "bare_year_line":
        return "year", m.group("by"), True, True
    if name == "continuous":
        return "continuous", "continuous", True, True
    return _atom_form(name, m, anchor_year)


# patterns built on one atom: (group prefix, kind (None: the atom's), value format, year always written)
_ATOM_FORMS = {
    "closed_end": ("c", "before", "../{}", True),
    "open_end": ("o", "range", "{}/..", True),
    "since": ("s", "range", "{}/..", False),
    "before": ("i", "before", "../{}", False),
}


def _atom_form(name: str, m: re.Match, anchor_year) -> _Val | None:
    """The value of a pattern built on one atom (:data:`_ATOM_FORMS`; any other: the bare atom "t")."""
    prefix, kind, fmt, always = _ATOM_FORMS.get(name, ("t", None, "{}", False))
    atom = _atom_value(m, prefix, anchor_year)
    if atom is None:
        return None
    akind, val, written = atom
    if always:
        return kind or akind, fmt.format(val), True, True
    return kind or akind, fmt.format(val), written or bool(anchor_year), written


def _canchi_year(name: str, anchor_year) -> int | None:
    """The year named by a sexagenary name ("Ất Tỵ" → 2025), the one nearest ``anchor_year``
    (or the year 2000's cycle without one)."""
    w = _words()
    parts = name.lower().split()
    if len(parts) != 2 or parts[0] not in w.stems or parts[1] not in w.branches:
        return None
    stem, branch = w.stems.index(parts[0]), w.branches[parts[1]]
    base = int(anchor_year) if anchor_year else 2000
    cands = [y for y in range(base - 40, base + 41) if (y - 4) % 10 == stem and (y - 4) % 12 == branch]
    return min(cands, key=lambda y: (abs(y - base), -y)) if cands else None


def _after_word(text: str, start: int, words) -> bool:
    before = " ".join(text[max(0, start - 25) : start].lower().split())
    return any(before == x or before.endswith(" " + x) for x in words)


def _negated_continuous(text: str, start: int, end: int) -> bool:
    lx, w = lexicon(), _words()
    found = text[start:end]
    if found.lower().startswith("nhiệm"):
        line = text[text.rfind("\n", 0, start) + 1 : start]
        if not (found[0].isupper() or not line.strip()):
            return True
    window = text[max(0, start - 25) : start]
    before = " ".join(window[window.rfind("\n") + 1 :].lower().split())  # a cell above is another phrase
    if any(before == x or before.endswith(" " + x) for x in lx.continuous_not_after):
        return True
    after = text[end : end + 20]
    return any(re.match(rf"\s+{_alt([x])}(?!\w)", after, re.IGNORECASE) for x in w.not_before)


def _reference_date(text: str, s: int, e: int, exclude) -> bool:
    """Is the time at ``s`` a reference's own date (it follows the reference, or
    opens a sentence that goes on to cite an undated reference)?"""
    if not _REF_DATE_RE.match(text, s):
        return False
    ends = [b for a, b in exclude if b <= s]
    if ends and re.fullmatch(r"[\s,|]{0,4}(?:ngày[\s|]{1,4})?", text[max(ends) : s]):  # "ngày |" split by a cell
        return True
    if _SYMBOL_TAIL.search(text[max(0, s - 40) : s]):
        return True
    # "Ngày 29/6/2026, Bộ trưởng … ban hành Quyết định số 1074/QĐ-BXD …"
    line = text[text.rfind("\n", 0, s) + 1 : s].strip(" \t-+")
    if line or not text[s:e].startswith("Ngày") or not text[e : e + 2].startswith(","):
        return False
    stop = _SENTENCE_BREAK.search(text, e + 1)
    limit = min(stop.start() if stop else len(text), e + 160)
    later = sorted((a, b) for a, b in exclude if e < a < limit)
    if not later:
        return False
    a, b = later[0]
    dated = any(re.fullmatch(r"[\s,]{0,4}", text[b:a2]) for a2, _ in later[1:] if a2 >= b)
    return not dated


def find_times(text: str, exclude=(), anchor: Anchor | None = None, doc_date: str | None = None) -> list[TimeExpr]:
    """All time expressions of ``text``, leftmost-longest, outside ``exclude`` spans.

    ``doc_date`` (ISO ``YYYY-MM-DD``, the document's own date) anchors relative
    expressions; without it they are kept with ``XXXX`` and flagged ``unanchored``.
    """
    cands = []
    folded, ascii_digits = fold(text), has_only_ascii_digits(text)
    for prio, (name, rx) in enumerate(_patterns()):
        for m in compile_scanner(rx).finditer(text, folded, ascii_digits):
            s, e = m.span("by") if name == "bare_year_line" else m.span("ty") if name == "title_year" else m.span()
            # (the cell's or the title's year, not its padding)
            if s == e:
                continue
            if s > 0 and text[s - 1].isalnum() and text[s].isalnum() and name not in _BLOCK:
                continue
            if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                continue
            cands.append((s, -(e - s), prio, name, m))
    cands.sort()
    exclude = sorted(exclude)
    ex_starts = [a for a, _ in exclude]
    ex_maxend = list(accumulate((b for _, b in exclude), max))  # running max of the spans' ends
    taken: list[tuple[int, int]] = []
    taken_end = -1  # candidates come in start order: one number says if one overlaps
    found: list[tuple[TimeExpr, bool, str]] = []
    for s, neg_len, _prio, name, m in cands:
        e = s - neg_len
        if taken_end > s:
            continue
        k = bisect_left(ex_starts, e)  # exclude spans that start before e …
        if k and ex_maxend[k - 1] > s:  # … overlap when one of them ends after s
            continue
        if name in _BLOCK:
            taken.append((s, e))
            taken_end = max(taken_end, e)
            continue
        if name == "continuous" and _negated_continuous(text, s, e):
            continue
        if name == "relative" and _after_word(text, s, _words().rel_not_after):
            continue  # "những năm tới" is vague
        ay = anchor(s) if anchor else None
        val = _value(name, m, ay, doc_date)
        if val is None:
            continue
        kind, value, anchored, written = val
        if not _valid(value.replace("-XX", "-01")):
            continue
        if kind in ("date", "year", "month") and _reference_date(text, s, e, exclude):
            taken.append((s, e))
            taken_end = max(taken_end, e)
            continue
        taken.append((s, e))
        taken_end = max(taken_end, e)
        t = TimeExpr(start=s, end=e, text=text[s:e], kind=kind, value=value, flags=() if anchored else ("unanchored",))
        found.append((t, written, name))
    found.sort(key=lambda x: x[0].start)
    return _recurrence_context(text, found)


def _recurrence_context(text: str, found) -> list[TimeExpr]:
    """Year-less deadlines in a recurring clause take its period ("định kỳ hằng năm
    báo cáo … trước ngày 31 tháng 12" → R/P1Y); lists after a recurrence ("hàng
    tháng, quý, năm") each get their own period."""
    w = _words()
    out: list[TimeExpr] = []
    for t, written, name in found:
        last = out[-1] if out else None
        if (
            name in ("before", "before_day", "atom")
            and not written
            and t.kind in ("before", "date")
            and last is not None
            and last.kind == "recurring"
        ):
            gap = text[last.end : t.start]
            if not _SENTENCE_BREAK.search(gap) and len(gap) <= 200:
                if re.fullmatch(r"[\s(]*", gap):
                    close = re.match(r"\s*\)", text[t.end :])
                    end = t.end + (close.end() if close else 0)
                    out[-1] = TimeExpr(
                        start=last.start,
                        end=end,
                        text=text[last.start : end],
                        kind="recurring",
                        value=last.value,
                        flags=last.flags,
                    )
                else:
                    out.append(TimeExpr(start=t.start, end=t.end, text=t.text, kind="recurring", value=last.value))
                continue
        if name == "before_day":
            continue  # a bare day ("trước ngày 25") means something only in a recurring clause
        out.append(t)
        if t.kind == "recurring":
            out.extend(_unit_list(text, t, w.recurring_unit))
    return out


def _unit_list(text: str, t: TimeExpr, units: dict) -> list[TimeExpr]:
    """ "hàng tháng, quý, năm" → the recurrences named after the first one."""
    more = []
    pos = t.end
    rx = re.compile(rf"\s*,\s*(?:và\s+|hoặc\s+)?(?P<u>{_alt(units)})(?![\w])", re.IGNORECASE)
    while m := rx.match(text, pos):
        u = m.group("u")
        more.append(TimeExpr(start=m.start("u"), end=m.end("u"), text=u, kind="recurring", value=units[u.lower()]))
        pos = m.end()
    return more
