"""The grammar of time expressions: the patterns :func:`pipeline.extraction.times.find_times`
scans for, built from the words of ``resources/time_words.toml`` (the Vietnamese words, including
the patterns' own, ``[grammar]``) and the shared lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace

from ..resources import alternation, lexicon, load

__all__ = ["ROMAN", "G", "words", "patterns"]

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4, "01": 1, "02": 2, "03": 3, "04": 4}
# a quarter's roman numeral as an OCR engine reads it: "I" as "1" or "l" ("quý 11/2026", "quý Il", "quý 1V")
ROMAN.update({a + b: 2 for a in "I1L" for b in "I1L"} | {a + b + c: 3 for a in "I1L" for b in "I1L" for c in "I1L"})
ROMAN.update({"1V": 4, "LV": 4})
_Y = r"(?:19|20)\d{2}"
_Q = r"(?:IV|I{1,3}|0?[1-4]|[Il1]{2,3}|[1l]V)(?![\w])"
_D = r"\d{1,2}"
_M = r"\d{1,2}"
# the space between a written-out date's parts, where a Word file turned into Markdown closes and reopens its
# italics ("ngày 02 tháng* *5 năm 2024", "ngày 18* *tháng 12* *năm 2013")
_S = r"(?:\s|(?<=[\w\s])[*_]{1,2}(?=[\w\s]))"


#: The Vietnamese words of the patterns (``time_words.toml`` ``[grammar]``, regex fragments).
G = SimpleNamespace(**{k: v for k, v in load("time_words")["grammar"].items() if k != "examples"})

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
    named_day_cues: tuple  # words naming a commemoration before its bare day and month ("Chiến thắng 30/4")
    relative: dict
    rel_starts: str
    rel_anchors: str
    rel_units: dict
    rel_not_after: tuple
    not_before: tuple
    stems: tuple  # heavenly stems, "giáp" … "quý", in cycle order
    branches: dict  # earthly branch → its place in the cycle ("mão" and "mẹo" both 3)
    canchi: str  # alternation of "Stem Branch" names
    month_names: dict  # "Sáu" → 6 (case as written)
    month_counts: dict  # "ba" → 3 (lower case)
    weekday: str  # alternation of the days of the week


@cache
def words() -> _Words:
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
        named_day_cues=tuple(tw["named_day_cues"]["words"]),
        relative={e["text"]: (e["unit"], e["offset"]) for e in tw["relative"]},
        rel_starts=_alt(tw["relative_deadline"]["starts"]),
        rel_anchors=_alt(tw["relative_deadline"]["anchors"]),
        rel_units=dict(tw["relative_deadline"]["units"]),
        rel_not_after=tuple(tw["relative_vague"]["after"]),
        not_before=tuple(tw["continuous"].get("not_before", ())),
        stems=tuple(w.lower() for w in tw["sexagenary"]["stems"]),
        branches={w.lower(): i for i, ws in enumerate(tw["sexagenary"]["branches"]) for w in ws},
        canchi=rf"(?:{_alt(tw['sexagenary']['stems'])})\s+(?:{_alt([w for ws in tw['sexagenary']['branches'] for w in ws])})",
        month_names=dict(tw["number_words"]["months"]),
        month_counts=dict(tw["number_words"]["counts"]),
        weekday=_alt(tw["weekday"]["words"]),
    )


def _atom(p: str, yearless: bool = True, bare_year: bool = False, bare_dm: bool = True) -> str:
    """One date, month, quarter or year; group names are prefixed with ``p``."""
    q = words().quarter
    alts = [
        rf"(?:ngày\s*)?(?P<{p}d1>{_D})\s*[/.-]\s*(?P<{p}m1>{_M})\s*[/.-]\s*(?P<{p}y1>{_Y})",
        rf"(?:ngày{_S}*)?(?P<{p}d2>{_D}){_S}*tháng{_S}*(?P<{p}m2>{_M})(?:\s*,)?{_S}+năm{_S}*(?P<{p}y2>{_Y})",
        rf"tháng\s*(?P<{p}m3>{_M})\s*(?:[/–-]\s*|\.(?=\d)|\s+năm\s*)(?P<{p}y3>{_Y})",  # ("tháng 5.2021": a newspaper's dots)
        rf"(?:{q})\s*(?P<{p}q4>{_Q})\s*(?:[/–-]\s*|\s+năm\s*)(?P<{p}y4>{_Y})",
        rf"năm\s+(?P<{p}y5>{_Y})",
    ]
    if yearless:
        alts += [
            rf"(?:ngày|(?<!\w)(?:{G.buoi})\s+(?:ngày\s*)?)\s*(?P<{p}d6>{_D})\s*(?:(?:[/-]\s*|\.(?=\d))(?P<{p}m6>{_M})|\s+tháng\s*(?P<{p}m7>{_M}))(?![\d/-]|\s*năm\s*\d|[ \t]*[/-][ \t]*\d|[ \t]*\.\d)",
            rf"(?:{q})\s*(?P<{p}q8>{_Q})(?![ \t]*[,/-][ \t]*(?:{_Q}|\d))(?!\s+năm\s+\d)",
            rf"{G.thang}\s*(?P<{p}m9>{_M})(?![\d/])(?!\s+{G.nam}\s+\d)(?!\s*(?:{G.nam}|{G.thang}|ngày(?!\s*\d)))",
            # a day before its month without "ngày" ("ngày Thương binh liệt sĩ 27 tháng 7", "Quốc khánh 2 tháng 9"),
            # never a duration's part ("2 năm 6 tháng 3 ngày", "6 tháng 3 ngày")
            rf"(?<![\d.,/])(?<!{G.nam}\s)(?<!{G.thang}\s)(?P<{p}d12>{_D})\s+{G.thang}\s+(?P<{p}m12>{_M})(?![\d/]|[ \t]*\.\d)(?!\s*(?:ngày|{G.thang}|{G.nam}\s*\d|,\s*\d))",
        ]
        if bare_dm:  # "trước 31/12"; standing alone "9/9" is a fraction, not a date
            alts.append(rf"(?<![\d.,])(?P<{p}d10>{_D})\s*/\s*(?P<{p}m10>{_M})(?![\d/]|[.,]\d)")
    if bare_year:
        alts.append(rf"(?P<{p}y11>{_Y})(?![\d/])")
    return "(?:" + "|".join(alts) + ")"


def _holiday(before: str) -> str:
    """A named holiday with its can chi name or year, after a deadline cue or not ("trước Tết Nguyên đán 2016")."""
    w = words()
    return rf"(?:(?P<hcue>{before})\s+)?(?P<hname>{_alt(lexicon().holidays)})(?:\s+(?P<canchi>{w.canchi}))?(?:(?:\s+năm)?\s+(?P<hoy>{_Y}))?(?<=\w)"


@cache
def _timestamp() -> str:
    """A date in figures next to a clock time (``time_words.toml`` ``[timestamp]``): a page's stamp."""
    stamp = load("time_words")["timestamp"]
    meridiem = _alt(stamp["meridiem"])
    clock = rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*(?:{meridiem})(?!\w))?"
    date = rf"{_D}\s*[/.-]\s*{_M}\s*[/.-]\s*{_Y}"
    label = _alt(stamp["labels"])
    labelled = rf"(?:{label})\s*:?\s*{clock}\s*[,|-]?\s*ngày\s+{date}"
    return rf"(?<!\d)(?:{labelled}|{clock}\s*[,|-]?\s*{date}|{date}\s*[,|-]?\s*{clock})"


def _named_event() -> str:
    """An event named after a month ("Cách mạng Tháng Tám"; ``time_words.toml`` ``[named_event]``)."""
    return _alt(load("time_words")["named_event"]["words"])


def _opening_patterns(w: _Words, before: str, rec: str) -> list[tuple[str, str]]:
    """Blank and garbled dates, page stamps, named events and recurring days (tried first)."""
    return [
        ("blank_date", rf"{G.ngay}(?:\s+|\s*[.…_]+[\s.…_\d]*?){G.thang}[\s.…_]*(?:\d{{1,2}}[\s.…_]*)?{G.nam}(?:\s*{_Y})?"),
        # a day or month an OCR engine could not read ("ngày 26 tháng Í Ï năm 2014", "ngày 0Â tháng } năm 2026"):
        # a date of no value whose year is not a time of its own (a reference's or the header's date)
        (
            "blank_date",
            rf"{G.ngay}\s+(?:\d{{1,2}}\s+{G.thang}\s+(?:[^\s\d]{{1,2}}\s+){{0,2}}|\d?[^\s\d.,;:]{{1,2}}\s+{G.thang}\s+(?:\S{{1,2}}\s+){{0,2}}){G.nam}\s+{_Y}",
        ),
        ("timestamp", _timestamp()),
        ("named_event", _named_event()),
        ("recurring_day", rf"(?:{before})\s+ngày\s*{_D}(?:\s*[/-]\s*{_M}|\s+tháng\s*{_M})?\s+(?P<rec2>{rec})"),
        ("recurring_day_suffix", rf"(?:{before})\s+ngày\s*{_D}\s+(?P<rds>{_alt(w.recurring_day)})"),
        (
            "recurring_before",
            rf"(?:định\s+kỳ\s+)?(?P<rec3>{rec})\s*\(\s*trước\s+ngày\s*{_D}(?:\s*[/-]\s*{_M}|\s+tháng\s*{_M})?\s*\)",
        ),
    ]


def _range_patterns(w: _Words) -> list[tuple[str, str]]:
    """Periods: years, dates, quarters, months and days from … to …, first months."""
    q = w.quarter
    return [
        (
            "range_years",
            rf"(?:{G.giai_doan}|{G.thoi_ky}|{G.tu}\s+{G.nam}|{G.tu}|{G.nam})\s*(?P<ra>{_Y})\s*(?:[-–—]|{G.den}(?:\s+{G.nam})?)\s*(?P<rb>{_Y})",
        ),
        ("school_year_pair", rf"{G.nam}\s+học\s+(?P<sya>{_Y})\s*,?\s+(?P<syb>{_Y})(?![\d/])"),
        ("range_years_bare", rf"(?<![\d/])(?P<rc>{_Y})\s*[-–]\s*(?P<rd>{_Y})(?![\d/])"),
        (
            "range_dates_bare",
            rf"(?<![\d/])(?P<xd>{_D})\s*/\s*(?P<xm>{_M})\s*/\s*(?P<xy>{_Y})\s*[-–]\s*(?P<zd>{_D})\s*/\s*(?P<zm>{_M})\s*/\s*(?P<zy>{_Y})",
        ),
        # (an aside in brackets may stand between the two: "từ ngày 16/02/2015 (tức ngày 28 tháng Chạp âm lịch) đến hết …")
        (
            "from_to",
            rf"(?:{w.since})\s+(?:(?:{G.buoi})\s+)?(?:{G.ngay}\s*(?=\d{{1,2}}\s*/\s*\d{{1,2}}\s*[-–]))?{_atom('a')}\s*(?:\([^()\n]{{1,80}}\)\s*)?(?:{w.join})\s*(?:{G.clock},?\s+)?{_atom('b', bare_year=True)}",
        ),
        (
            "range_quarters",
            rf"(?:{q})\s*(?P<qa>{_Q})\s*(?:,|{G.va}|-|–|{G.den})\s*(?:(?:{q})\s*)?(?P<qb>{_Q})\s*(?:[/-]\s*|\s+{G.nam}\s+)(?P<qby>{_Y})",
        ),
        # "năm 2025, 2026": the years listed, as one period (like "Quý IV/2026, 2027")
        ("range_year_list", rf"{G.nam}\s+(?P<yla>{_Y})\s*,\s*(?P<ylb>{_Y})(?![\d/])"),
        ("range_quarter_year", rf"(?:{q})\s*(?P<qc>{_Q})\s*[/-]\s*(?P<qcy>{_Y})\s*,\s*(?P<qd>{_Y})(?![\d/])"),
        (
            "range_months",
            rf"(?:{G.tu}\s+)?tháng\s*(?P<ma>{_M})(?P<mlist>(?:\s*(?:,|{G.va}|[-–](?=\s*(?:tháng\s*)?(?:{_M})(?!\d)))\s*(?:tháng\s*)?{_M})+)(?:\s*[/-]\s*(?P<mly>{_Y})|\s+năm\s+(?P<mly2>{_Y}))?(?![\d/])",
        ),
        # "Từ ngày 08 đến ngày 09 tháng 11 năm 2025", "từ ngày 16-20/11/2025", "ngày 21, 22-4-2011", "ngày 1 và 2/12"
        (
            "range_days",
            rf"(?:(?:{G.tu}\s+)?{G.ngay}|{G.tu})\s*(?P<dra>{_D})\s*(?:[-–]|{G.den}(?:\s+{G.ngay})?|,|{G.va}(?:\s+{G.ngay})?)\s*(?P<drb>{_D})(?:[ \t]*[/.-][ \t]*(?P<drm>{_M})(?:[ \t]*[/.-][ \t]*(?P<dry>{_Y}))?|\s+{G.thang}\s+(?P<drm2>{_M})(?:(?:\s+{G.nam}\s+|\s*[/-]\s*)(?P<dry2>{_Y}))?)(?![\d/-]|\.\d)",
        ),
        # a campaign's days in brackets after its name ("Tháng hành động quốc gia về Dân số (01 - 31/12)")
        (
            "range_days_paren",
            rf"(?<=\()(?P<dra>{_D})\s*[-–]\s*(?P<drb>{_D})[ \t]*/[ \t]*(?P<drm>{_M})(?:[ \t]*/[ \t]*(?P<dry>{_Y}))?(?=\s*\))",
        ),
        ("closed_end", rf"(?:(?:{w.since})\s+)?{_atom('c', yearless=False)}\s+(?:{w.closed_end})"),
        ("open_end", rf"{_atom('o', yearless=False, bare_year=True)}\s+(?:{w.open_end})"),
        (
            "since",
            rf"(?:{w.since})\s+(?:(?:{G.buoi})\s+|{G.clock}\s+)?{_atom('s')}",
        ),  # "kể từ sáng ngày 17-11-2008", "kể từ 00 giờ ngày …"
        (
            "first_months",
            rf"(?<!{G.ngay}\s)(?<!\w)(?P<n>\d{{1,2}}|{_alt(w.month_counts)})\s+{G.thang}\s+(?:(?P<part>{G.dau}|{G.cuoi})\s+|(?P<rest>{G.con_lai})\s+(?:{G.cua}\s+)?)?{G.nam}(?:\s+(?P<hy>{_Y}))?",
        ),
    ]


def _single_patterns(w: _Words, lx, before: str, rec: str) -> list[tuple[str, str]]:
    """Single times: named months and halves, bounds, holidays and named days, table cells, atoms."""
    return [
        # "tháng Sáu năm 2022": a month named by its capitalised word
        ("month_word", rf"{G.thang}\s+(?P<mw>(?-i:{_alt(w.month_names)}))(?!\w)(?:\s+(?:{G.nam}\s+)?(?P<mwy>{_Y})(?![\d/]))?"),
        ("half_words", rf"{G.nua}\s+(?P<hpart>{G.dau}|{G.cuoi}|{G.sau})\s+(?:{G.cua}\s+)?{G.nam}(?:\s+(?P<hwy>{_Y}))?"),
        ("until_year", rf"(?:{w.until})\s*(?P<uy>{_Y})(?![\d/])"),
        ("relative_deadline", rf"(?:{w.rel_starts})\s+(?P<rn>\d{{1,3}})\s+(?P<ru>{_alt(w.rel_units)})\s+(?:{w.rel_anchors})"),
        # "đến cuối năm 2020", "chậm nhất vào cuối năm 2026": by the end of that period
        # the cue reaches past an emphasis opening, a clock time and a day of the week ("trước *ngày 3/12/2025*",
        # "trước Thứ Tư ngày 03/12/2025", "trước 9h00 ngày 23/4/2018")
        (
            "before",
            rf"(?P<cue>{before})\s+(?:{G.vao}\s+)?(?:{G.clock},?\s+)?(?:(?:{w.weekday}),?\s+)?(?:{G.cuoi}\s+)?[*_]{{0,2}}{_atom('i')}",
        ),
        ("before_day", rf"(?:{before})\s+ngày\s*(?P<bd>{_D})(?![\d/-]|\.\d)(?!\s*tháng)(?!\s*[/-]\s*\d)"),
        ("year_and_recurring", rf"(?<![\d/])(?P<yr>{_Y})(?=\s+{G.va}\s+(?:{G.hang}|{G.hang_alt})\s+{G.nam})"),
        ("holiday", _holiday(before)),
        ("named_day", rf"(?P<nday>{_alt(w.named_day)})(?:\s+{_D}\s*/\s*{_M}(?![\d/]))?"),
        # a commemoration day named before its day and month ("Ngày Đại dương thế giới (08/6)", "ngày Gia đình Việt Nam
        # (28-6)", "Ngày môi trường thế giới 5/6", "Chiến thắng 30/4"): the day in the scope's year, not a fraction
        (
            "named_day_date",
            rf"(?:{G.ngay}\s+(?:[^\W\d_]+\s+){{1,12}}?|(?:{_alt(w.named_day_cues)})\s+)\(?\s*"
            rf"(?P<ndd>{_D})\s*[/-]\s*(?P<ndm>{_M})(?![\d/]|[.,]\d|\s*[/-]\s*\d)",
        ),
        ("season", rf"(?:{w.season})\s+(?:năm\s+)?(?P<sy>{_Y})(?![\d/])(?!\s*[-–]\s*\d{{4}})"),
        ("relative", rf"(?<!\d\s)(?P<rel>{_alt(w.relative)})(?!\s+(?:nữa|\d))"),
        # a title line ending with a bare year ("… kinh tế – xã hội 2021"), not after a symbol ("2074/QĐ-TTg 2025")
        ("title_year", rf"\A\s*(?:#{{1,6}}[ \t]+)?[^\n]{{5,250}}?[^\W\d_][ \t]+(?P<ty>{_Y})(?=[ \t]*\??[ \t]*(?:\n|\Z))"),
        ("bare_year_line", rf"(?m)(?:^|(?<=\|))[ \t]*(?P<by>{_Y})[ \t]*(?=\||$)"),  # a table cell
        # a table cell that holds a month and year alone ("| 6/2025 |" in a time column): that month
        ("bare_month_cell", rf"(?<=\|)[ \t]*(?P<bm>0?[1-9]|1[0-2])[ \t]*/[ \t]*(?P<bmy>{_Y})[ \t]*(?=\|)"),
        ("atom", _atom("t", bare_dm=False)),
        ("recurring", rf"(?:định\s+kỳ\s+)?(?P<rec>{rec})"),
        ("continuous", rf"(?P<cont>{_alt(lx.continuous_words)})"),
    ]


def patterns():
    lx, w = lexicon(), words()
    before = _alt(lx.before_words)
    rec = _alt(lx.recurring)
    pats = _opening_patterns(w, before, rec) + _range_patterns(w) + _single_patterns(w, lx, before, rec)
    return [(name, re.compile(p, re.IGNORECASE)) for name, p in pats]
