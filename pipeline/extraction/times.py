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
from dataclasses import replace
from functools import cache
from itertools import accumulate

from ..resources import alternation as _alt
from ..resources import lexicon, load, pattern
from ..text.fastscan import compile_scanner, fold, has_only_ascii_digits
from ..types import TimeExpr
from .time_grammar import ROMAN, G, patterns, words
from .time_values import valid
from .time_values import value as time_value

__all__ = ["find_times", "turn_of_year", "written_years", "bare_holiday_name", "ROMAN"]

Anchor = Callable[[int], "int | None"]

# patterns whose match is consumed but gives no time (form lines left blank)
_BLOCK = {"blank_date", "timestamp", "named_event"}  # spans that are no time and hide the dates in them


# kinds that may be a reference's own date when they follow it
_REF_DATE_RE = re.compile(rf"(?:{G.ngay}|{G.nam}|\d)", re.IGNORECASE)
_SYMBOL_TAIL = re.compile(r"\d[\w.]*\s?/[\w.\-/]*\w[\s,]*$")
_SENTENCE_BREAK = re.compile(r"[.;:!?]\s|\n")
_ADOPTED_ON = pattern("time_words", "adopted_on")  # before a date: the document's own adoption formula
_AMENDED_IN = pattern("time_words", "amended_in")  # before a year: a law's amendment ("sửa đổi, bổ sung năm 2025")


@cache
def _numbered_doc_re() -> re.Pattern:
    """A document's type word and number just before a date (``time_words.toml`` ``[numbered_doc_date]``)."""
    names = load("doc_types")["words"]["names"]
    tail = load("time_words")["numbered_doc_date"]["pattern"]
    return re.compile(rf"(?<!\w)(?:{_alt(names)}){tail}$", re.IGNORECASE)


def _after_word(text: str, start: int, words) -> bool:
    before = " ".join(text[max(0, start - 25) : start].lower().split())
    return any(before == x or before.endswith(" " + x) for x in words)


def _negated_continuous(text: str, start: int, end: int) -> bool:
    lx, w = lexicon(), words()
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
    line = text[text.rfind("\n", 0, s) + 1 : s].strip(" \t-+*_#")  # (a bold or heading line's marks)
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


# patterns whose match holds padding around the time (a table cell's, a title's): the time's own span
_PADDED_SPANS = {
    "bare_year_line": lambda m: m.span("by"),
    "title_year": lambda m: m.span("ty"),
    "bare_month_cell": lambda m: (m.start("bm"), m.end("bmy")),
    "named_day_date": lambda m: (m.start("ndd"), m.end("ndm")),
}


def _in_slug(text: str, s: int, e: int) -> bool:
    """A date in figures joined by hyphens to letters on both sides ("CV-8129-UBND-KT-10-8-2026-giao-kiem-tra.pdf"):
    part of a file name or a web address, not a time of the text."""
    return (
        s >= 2
        and text[s - 1] == "-"
        and text[s - 2].isalnum()
        and e + 1 < len(text)
        and text[e] == "-"
        and text[e + 1].isalpha()
        and text[s].isdigit()
    )


_NEW_LINE_CAPITAL = re.compile(r"\n[^\S\n]*[A-ZĐ][a-zà-ỹ]")  # a capitalised word opens the next line (not "III/2026")


def find_times(text: str, exclude=(), anchor: Anchor | None = None, doc_date: str | None = None) -> list[TimeExpr]:
    """All time expressions of ``text``, leftmost-longest, outside ``exclude`` spans.

    ``doc_date`` (ISO ``YYYY-MM-DD``, the document's own date) anchors relative
    expressions; without it they are kept with ``XXXX`` and flagged ``unanchored``.
    """
    cands = []
    folded, ascii_digits = fold(text), has_only_ascii_digits(text)
    for prio, (name, rx) in enumerate(patterns()):
        for m in compile_scanner(rx).finditer(text, folded, ascii_digits):
            s, e = _PADDED_SPANS[name](m) if name in _PADDED_SPANS else m.span()
            if s == e:
                continue
            if s > 0 and text[s - 1].isalnum() and text[s].isalnum() and name not in _BLOCK:
                continue
            if e < len(text) and text[e - 1].isalnum() and text[e].isalnum():
                continue
            if _in_slug(text, s, e):
                continue  # "…KL-TW-28-7-2026-BVMT-….pdf": a file name's or a web address's part
            if name not in _BLOCK and text.find("\n", s, e) >= 0 and _NEW_LINE_CAPITAL.search(text, s, e):
                continue  # "… NHỮNG NĂM TỚI" / "Năm 2019, tình hình …": a heading's last word and the next line's first
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
        if name == "relative" and _after_word(text, s, words().rel_not_after):
            continue  # "những năm tới" is vague
        ay = anchor(s) if anchor else None
        val = time_value(name, m, ay, doc_date)
        if val is None:
            continue
        kind, value, anchored, written = val
        if not valid(value.replace("-XX", "-01")):
            continue
        if (
            (kind in ("date", "year", "month") and _reference_date(text, s, e, exclude))
            or (kind == "date" and _ADOPTED_ON.search(text, max(0, s - 260), s))
            or (kind == "date" and _numbered_doc_re().search(text, max(0, s - 80), s))
            or (kind == "year" and _AMENDED_IN.search(text, max(0, s - 40), s))
        ):  # a reference's own date; a document's adoption day ("… thông qua ngày 13/7/2017"), a law's amendment year
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
    w = words()
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
    rx = re.compile(rf"\s*,\s*(?:{G.va}\s+|{G.hoac}\s+)?(?P<u>{_alt(units)})(?![\w])", re.IGNORECASE)
    while m := rx.match(text, pos):
        u = m.group("u")
        more.append(TimeExpr(start=m.start("u"), end=m.end("u"), text=u, kind="recurring", value=units[u.lower()]))
        pos = m.end()
    return more


_DAY_VALUE = re.compile(r"(\d{4})-(\d{2})-\d{2}")
_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}")


def written_years(text: str) -> frozenset[int]:
    """The years ``text`` writes anywhere (for :func:`turn_of_year`; a large text's sections share one set)."""
    return frozenset(int(y) for y in _WRITTEN_YEAR.findall(text))


def bare_holiday_name(written: str) -> str | None:
    """The holiday ``written`` names bare, without its year ("dịp Tết Nguyên đán"; ``time_words.toml``
    ``bare_takes_scope``), or None."""
    key = " ".join(written.lower().split())
    return next((h for h in lexicon().bare_holidays if h.lower() == key), None)


def _coming_holiday(written: str, year: int) -> str | None:
    """The date in ``year`` of a holiday written bare, or None when ``written`` is no such holiday."""
    name = bare_holiday_name(written)
    return lexicon().holidays[name].get(str(year)) if name else None


def turn_of_year(times: list[TimeExpr], named: frozenset[int]) -> list[TimeExpr]:
    """Year-less days at the turn of the year in a text with no date of its own (a news article), whose
    written years are ``named`` (:func:`written_years`): a day of December that took the year Y of the plan
    it reports ("Sáng 28/12, … nêu 4 nhóm nhiệm vụ … cho năm 2019") is of Y − 1 when the text names Y − 1
    and never Y + 1; a day of January that took the year Y of the results it reviews is of Y + 1 when the
    text names Y + 1; a holiday written bare ("Tết Nguyên đán", dated by the scope's year Y) is the coming one,
    of Y + 1, when the text names Y + 1 and not Y − 1. Only plain dates (an event's day), not deadlines."""
    out = []
    for t in times:
        m = _DAY_VALUE.fullmatch(t.value)
        if t.kind == "date" and m and not _WRITTEN_YEAR.search(t.text):
            y, month = int(m.group(1)), m.group(2)
            coming = _coming_holiday(t.text, y + 1) if y + 1 in named and y - 1 not in named else None
            if coming:
                t = replace(t, value=coming)
            elif month == "12" and y - 1 in named and y + 1 not in named:
                t = replace(t, value=f"{y - 1}{t.value[4:]}")
            elif month == "01" and y + 1 in named:
                t = replace(t, value=f"{y + 1}{t.value[4:]}")
        out.append(t)
    return out
