"""The TIMEX3-style value of a time pattern's match (annotation guide §4): :func:`value`."""

from __future__ import annotations

import re

from ..resources import lexicon
from .time_grammar import ROMAN, G, words

__all__ = ["value", "valid", "canchi_year"]


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
    if g("d6") or g("d10") or g("d12"):
        return "date", _ymd(ay, g("m6") or g("m7") or g("m10") or g("m12"), g("d6") or g("d10") or g("d12")), False
    if g("q8"):
        return "quarter", f"{ay}-Q{ROMAN[g('q8').upper()]}", False
    if g("m9"):
        return "month", f"{ay}-{int(g('m9')):02d}", False
    return None


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


def valid(value: str) -> bool:
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


def value(name: str, m: re.Match, anchor_year, doc_date: str | None) -> _Val | None:
    lx, w = lexicon(), words()
    ay = str(anchor_year) if anchor_year else "XXXX"
    if name in ("recurring_day", "recurring_before", "recurring"):
        key = " ".join(_g(m, "rec2", "rec3", "rec").lower().split())
        return "recurring", lx.recurring[key], True, True
    if name == "recurring_day_suffix":
        return "recurring", w.recurring_day[" ".join(m.group("rds").lower().split())], True, True
    if name in _RANGE_PATTERNS:
        return _range_value(name, m, anchor_year)
    if name in _YEAR_GROUPS:  # a bare year: the title's last word, a table cell, "hè 2026", "2026 và hằng năm"
        return "year", m.group(_YEAR_GROUPS[name]), True, True
    if name == "until_year":
        return "before", f"../{m.group('uy')}", True, True
    if name in ("relative_deadline", "relative"):
        return _relative_value(name, m, doc_date)
    if name == "before_day":
        return "before", f"../{ay}-XX-{int(m.group('bd')):02d}", False, False
    if name == "bare_month_cell":
        return "month", f"{m.group('bmy')}-{int(m.group('bm')):02d}", True, True
    if name == "half_words":
        y, anchored, own = _year_or_anchor(m.group("hwy"), ay, anchor_year)
        return "half", f"{y}-H{1 if m.group('hpart').lower() == G.dau else 2}", anchored, own
    if name == "month_word":
        y, anchored, own = _year_or_anchor(m.group("mwy"), ay, anchor_year)
        return "month", f"{y}-{w.month_names[' '.join(m.group('mw').split())]:02d}", anchored, own
    if name == "named_day_date":  # a name's capitals ("Ngày môi trường …", "ngày Gia đình …") or a cue, not "ngày làm việc 2/3"
        head = m.group(0).split()
        named = head[0][:1].isupper() or head[1][:1].isupper() or any(m.group(0).startswith(c) for c in w.named_day_cues)
        return ("date", _ymd(ay, m.group("ndm"), m.group("ndd")), bool(anchor_year), False) if named else None
    if name in ("holiday", "named_day"):
        return _named_value(name, m, anchor_year)
    if name == "continuous":
        return "continuous", "continuous", True, True
    return _atom_form(name, m, anchor_year)


def _year_or_anchor(written: str | None, ay: str, anchor_year) -> tuple[str, bool, bool]:
    """(the year, whether there is one, whether the text wrote it) of an expression whose year may
    be left to the enclosing scope."""
    return written or ay, bool(written or anchor_year), bool(written)


#: Patterns whose value is the year in one group.
_YEAR_GROUPS = {"title_year": "ty", "year_and_recurring": "yr", "season": "sy", "bare_year_line": "by"}

_RANGE_PATTERNS = frozenset(
    (
        "range_years",
        "range_years_bare",
        "range_dates_bare",
        "from_to",
        "range_quarters",
        "range_quarter_year",
        "range_year_list",
        "range_months",
        "range_days",
        "range_days_paren",
        "first_months",
        "school_year_pair",
    )
)


def _range_value(name: str, m: re.Match, anchor_year) -> _Val | None:
    """The value of a period: years, dates, quarters, months or days from … to …, first months."""
    ay = str(anchor_year) if anchor_year else "XXXX"
    if name == "range_years":
        return "range", f"{m.group('ra')}/{m.group('rb')}", True, True
    if name == "school_year_pair":  # "năm học 2025 2026" (its hyphen lost), "năm học 2022, 2023": one school year
        ya, yb = int(m.group("sya")), int(m.group("syb"))
        return ("range", f"{ya}/{yb}", True, True) if yb == ya + 1 else None
    if name == "range_years_bare":
        ya, yb = int(m.group("rc")), int(m.group("rd"))
        return ("range", f"{ya}/{yb}", True, True) if 0 < yb - ya <= 30 else None
    if name == "range_dates_bare":
        return "range", f"{_ymd(m['xy'], m['xm'], m['xd'])}/{_ymd(m['zy'], m['zm'], m['zd'])}", True, True
    if name == "from_to":
        a, b = _atom_value(m, "a", anchor_year), _atom_value(m, "b", anchor_year)
        if not a or not b:
            return None
        va = a[1] if a[2] else b[1][:4] + a[1][4:]  # "từ 29/1 đến 28/2/2022": the end's year
        if a[2] and not b[2]:  # "từ 29/1/2021 đến 28/2": the start's year (the next one past December)
            vb = a[1][:4] + b[1][4:]
            b = (b[0], vb if vb >= a[1] else f"{int(a[1][:4]) + 1}{b[1][4:]}", False)
        written = a[2] or b[2]  # "từ ngày 29-1 đến hết ngày 28-2": the scope's year, as a lone date takes it
        return "range", f"{va}/{b[1]}", written or bool(anchor_year), written
    if name == "range_quarters":
        y = m.group("qby")
        return "range", f"{y}-Q{ROMAN[m.group('qa').upper()]}/{y}-Q{ROMAN[m.group('qb').upper()]}", True, True
    if name == "range_quarter_year":
        return "range", f"{m.group('qcy')}-Q{ROMAN[m.group('qc').upper()]}/{m.group('qd')}", True, True
    if name == "range_year_list":
        ya, yb = int(m.group("yla")), int(m.group("ylb"))
        return ("range", f"{ya}/{yb}", True, True) if yb == ya + 1 else None
    if name == "range_months":
        listed = [int(m.group("ma"))] + [int(x) for x in re.findall(r"\d+", m.group("mlist"))]
        first, last = listed[0], listed[-1]
        spanned = len(listed) == 2 and bool(re.match(r"\s*[-–]", m.group("mlist")))  # "từ tháng 3-8": March to August
        if not first < last <= 12 or (not spanned and any(b != a + 1 for a, b in zip(listed, listed[1:]))):
            return None  # "tháng 4 và tháng 8": two months, each read alone, not the months between
        my = m.group("mly") or m.group("mly2")
        if my:
            return "range", f"{my}-{first:02d}/{my}-{last:02d}", True, True
        return "range", f"{ay}-{first:02d}/{ay}-{last:02d}", bool(anchor_year), False
    if name in ("range_days", "range_days_paren"):
        g = m.groupdict()
        da, db = int(g["dra"]), int(g["drb"])
        mo, y = g["drm"] or g.get("drm2"), g["dry"] or g.get("dry2")
        if not da < db:
            return None
        return "range", f"{_ymd(y or ay, mo, da)}/{_ymd(y or ay, mo, db)}", bool(y or anchor_year), bool(y)
    if name == "first_months":
        n = int(m.group("n")) if m.group("n").isdigit() else words().month_counts[" ".join(m.group("n").lower().split())]
        # "10 tháng năm 2025": its first ten months; "6 tháng còn lại của năm 2019": its last six
        part = G.cuoi if m.group("rest") else (m.group("part") or G.dau).lower()
        if not m.group("part") and not m.group("rest") and not m.group("hy"):
            return None
        y = m.group("hy") or ay
        anchored = bool(m.group("hy") or anchor_year)
        if n == 6:
            return "half", f"{y}-H{1 if part == G.dau else 2}", anchored, bool(m.group("hy"))
        if not 1 <= n <= 12:
            return None
        if part == G.dau:
            return "range", f"{y}-01/{y}-{n:02d}", anchored, bool(m.group("hy"))
        return "range", f"{y}-{13 - n:02d}/{y}-12", anchored, bool(m.group("hy"))
    return None


def _relative_value(name: str, m: re.Match, doc_date: str | None) -> _Val | None:
    """A time relative to the document's date ("trong vòng 30 ngày kể từ …", "năm tới")."""
    w = words()
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
    return None


def _named_value(name: str, m: re.Match, anchor_year) -> _Val | None:
    """A named holiday or day of the year ("Tết Nguyên đán Giáp Thìn", "Quốc khánh 2/9")."""
    lx, w = lexicon(), words()
    ay = str(anchor_year) if anchor_year else "XXXX"
    if name == "holiday":
        hname = next(k for k in lx.holidays if k.lower() == " ".join(m.group("hname").lower().split()))
        dates = lx.holidays[hname]
        y = m.group("hoy") or (canchi_year(m.group("canchi"), anchor_year) if m.group("canchi") else None)
        if y is None and anchor_year and hname in lx.bare_holidays and not m.group("hcue") and str(anchor_year) in dates:
            return ("date", dates[str(anchor_year)], True, False)  # "đón Tết Nguyên đán": the scope's year (resources)
        if y is None:
            return None  # a holiday without its year ("dịp Tết Nguyên đán") names no one date
        y = str(y)
        written = bool(m.group("hoy"))
        if y not in dates:
            return ("year", y, True, written)
        # "trước Tết Nguyên đán 2016", "từ nay đến Tết Kỷ Hợi 2019": by that day
        return ("before", f"../{dates[y]}", True, written) if m.group("hcue") else ("date", dates[y], True, written)
    if name == "named_day":
        md = (
            w.named_day[" ".join(m.group("nday").split())]
            if " ".join(m.group("nday").split()) in w.named_day
            else next(v for k, v in w.named_day.items() if k.lower() == " ".join(m.group("nday").lower().split()))
        )
        return "date", f"{ay}-{md}", bool(anchor_year), False
    return None


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


def canchi_year(name: str, anchor_year) -> int | None:
    """The year named by a sexagenary name ("Ất Tỵ" → 2025), the one nearest ``anchor_year``
    (or the year 2000's cycle without one)."""
    w = words()
    parts = name.lower().split()
    if len(parts) != 2 or parts[0] not in w.stems or parts[1] not in w.branches:
        return None
    stem, branch = w.stems.index(parts[0]), w.branches[parts[1]]
    base = int(anchor_year) if anchor_year else 2000
    cands = [y for y in range(base - 40, base + 41) if (y - 4) % 10 == stem and (y - 4) % 12 == branch]
    return min(cands, key=lambda y: (abs(y - base), -y)) if cands else None
