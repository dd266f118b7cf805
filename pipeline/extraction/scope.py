"""A document's scope (annotation guide §4, last in the order of a task's deadline): the year or
period its title, its preamble or, for a text without a header, its lead sets for all its tasks
(:func:`document_scope`). A report's years look back, a quoted name's or an asked question's are none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..resources import alternation, lexicon, load, pattern
from ..text.segment import Outline
from ..types import Block, TimeExpr
from .cues import starts_with_action
from .deadlines import is_event_date, is_moment
from .looking_back import looks_back, results_last
from .sentence_place import in_parentheses, in_question, in_quotes, opens_sentence, sentence_start
from .units import block_at

__all__ = ["document_scope", "lead_scope", "lead_limit", "intro_scope", "is_report", "scope_goal", "congress_term"]

_RESULTS_PERIOD = pattern("deadlines", "results_period")
_UNTIL_NOW = pattern("deadlines", "until_now")
_SCOPE_WITHIN = pattern("cues", "scope_within")
_YEAR_SUBJECT = re.compile(load("deadlines")["lead_scope"]["year_subject"])
# periods a lead may name for its plan: a quarter or month there is more often the period a report
# looks back on ("đã hoàn thành nhiệm vụ công tác của quý I/2014") than the plan's (held-out dev); a half
# after a plan word is the work ahead ("… triển khai nhiệm vụ công tác 6 tháng cuối năm")
_LEAD_KINDS = ("year", "range", "half")
_REVIEW = pattern("deadlines", "review_year")
_RESULTS_SAID = pattern("deadlines", "results_said")
_TITLE_PLAN_PERIOD = pattern("deadlines", "title_plan_period")


@cache
def _lead_scope_re() -> tuple[int, re.Pattern]:
    d = load("deadlines")["lead_scope"]
    return int(d["lead_chars"]), re.compile(rf"(?<!\w)(?:{alternation(d['words'])})(?!\w)[^.!?\n]*$", re.IGNORECASE)


def lead_limit() -> int:
    """How far a header-less text's lead reaches (characters, ``deadlines.toml`` ``[lead_scope]``)."""
    return _lead_scope_re()[0]


def lead_scope(text: str, times: Sequence[TimeExpr], first_task: int, blocks: Sequence[Block] = ()) -> TimeExpr | None:
    """The scope a header-less text gives in its lead: the first year or period after a plan word
    ("… ban hành Kế hoạch … năm 2019", "Chương trình … giai đoạn 2016-2020", "… nhiệm vụ … từ nay đến
    ngày 30/6/2025") in the same sentence, not inside a quoted name (:func:`in_quotes`) nor an aside in
    brackets (:func:`in_parentheses`);
    never one that is asked about (:func:`in_question`) nor an open period from a date on ("áp
    dụng … từ 1/9/2016": when a rule starts to apply, not a plan's period), nor one inside a list item of ``blocks``
    (an excerpt that opens on "– Xây dựng … Chương trình … giai đoạn 2016 – 2020 …" names that item's subject: the lead
    is prose)."""
    limit, cue = _lead_scope_re()
    for t in times:
        if t.start >= min(limit, first_task):
            break
        if _no_period(text, t) or _in_item(blocks, t):
            continue  # (a lower-cased title "nghị quyết về kết quả giám sát … giai đoạn 2010 - 2016" looks back)
        if t.kind == "year" and _YEAR_SUBJECT.match(text, t.start) and not in_question(text, t):
            return t  # "Năm 2022 là năm …"
        if (_period_kind(text, t) or _ahead(text, t)) and _cued(text, t, cue):
            end = min(limit, first_task)
            return _next_period(text, times, t, end) or _narrower(text, times, t, end) or _next_year(text, times, t, end) or t
    return None


def _in_item(blocks: Sequence[Block], t: TimeExpr) -> bool:
    """``t`` stands in a list item of ``blocks`` (one with a marker)."""
    i = block_at(blocks, t.start)
    return i >= 0 and blocks[i].kind == "item"


def _no_period(text: str, t: TimeExpr) -> bool:
    """``t`` is no plan's period: an open period from a date on, an aside in brackets, a period looked back on (also one
    that runs up to now, ``deadlines.toml`` ``[until_now]``: "từ đầu năm 2020 đến nay")."""
    return (
        (t.kind == "range" and t.value.endswith("/.."))
        or in_parentheses(text, t)
        or looks_back(text, t)
        or bool(_UNTIL_NOW.match(text, t.end))
    )


def _period_kind(text: str, t: TimeExpr) -> bool:
    """``t`` is of a kind a plan's period is: a year, range or half-year, or a horizon ("đến năm 2030")."""
    return t.kind in _LEAD_KINDS or (t.kind == "before" and _is_horizon(text, t))


def _cued(text: str, t: TimeExpr, cue: re.Pattern) -> bool:
    """``cue`` (a plan word, ending at the time) stands in the 200 characters before ``t``, which is neither asked about
    (:func:`in_question`) nor inside a quoted name (:func:`in_quotes`)."""
    return bool(cue.search(text, max(0, t.start - 200), t.start)) and not in_question(text, t) and not in_quotes(text, t)


def _late_scope(text: str, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """A header-less text that names no scope in its lead: the period of the plan it reports, stated further down
    ("Ngày 28/10/2020, UBND TP Hà Nội đã ban hành Kế hoạch số 205/KH-UBND về …, giai đoạn 2020-2025"; "Kế hoạch cao
    điểm … được thực hiện từ ngày 20/12/2020 đến ngày 28/2/2021"; ``deadlines.toml`` ``[late_scope]``), never in a
    sentence that opens with an action (a task's own "trình ban hành Kế hoạch … năm 2025")."""
    for t in times:
        if (
            not _no_period(text, t)
            and _period_kind(text, t)
            and _cued(text, t, _LATE_SCOPE)
            and not starts_with_action(text[sentence_start(text, t.start, ".;:!?\n") : t.start].lstrip(" -–+•*"))
        ):
            return t
    return None


_LATE_SCOPE = pattern("deadlines", "late_scope")


def _next_year(text: str, times: Sequence[TimeExpr], t: TimeExpr, end: int) -> TimeExpr | None:
    """The year after ``t`` that the lead names with a plan word, when ``t``'s sentence reviews it
    ("… đánh giá tình hình thực hiện kế hoạch … năm 2014 và phương hướng, nhiệm vụ năm 2015";
    ``deadlines.toml`` ``[review_year]``): the work the text sets is the next year's."""
    if t.kind != "year" or not t.value.isdigit():
        return None
    start = sentence_start(text, t.start)
    if not _REVIEW.search(text, start, t.start):
        return None
    _, cue = _lead_scope_re()
    nxt = str(int(t.value) + 1)
    for u in times:
        if t.start < u.start < end and u.kind == "year" and u.value == nxt and cue.search(text, max(0, u.start - 200), u.start):
            return u
    return None


_NARROW_KINDS = ("half", "quarter", "range")  # (a month in a lead is a meeting's more often than the work's)
_FIRST_PART = re.compile(r"\d{4}-(?:H1|01)")  # the first half or months of the year: the part a lead looks back on


def _narrower(text: str, times: Sequence[TimeExpr], t: TimeExpr, end: int) -> TimeExpr | None:
    """The part of the lead's year ``t`` that a header-less lead names next as the time of the work ("…
    nhiệm vụ trọng tâm 6 tháng cuối năm 2019", "Tháng hành động … năm 2023 diễn ra từ ngày 01 - 30/6"): a
    plan word or words of taking place just before it (``deadlines.toml`` ``[lead_scope] narrower``), or it
    opens its sentence ("6 tháng còn lại của năm 2019, huyện … tập trung …"); never a period looked back on."""
    if t.kind != "year" or not t.value.isdigit():
        return None
    _, cue = _lead_scope_re()
    for u in times:
        if u.start >= end:
            break
        if (
            u.start > t.start
            and u.kind in _NARROW_KINDS
            and all(part.startswith(t.value) for part in u.value.split("/"))
            and not _FIRST_PART.match(u.value)
            and not (_RESULTS_PERIOD.match(u.text) or looks_back(text, u) or in_question(text, u))
            and (
                cue.search(text, max(0, u.start - 40), u.start)
                or _lead_re("narrower").search(text, max(0, u.start - 40), u.start)
                or opens_sentence(text, u, sentence_start(text, u.start, ".!?\n"))
            )
        ):
            return u
    return None


def _ahead(text: str, t: TimeExpr) -> bool:
    """A quarter or month right after a plan word ("… triển khai nhiệm vụ quý II năm 2024"): the work
    ahead, a lead's scope (``deadlines.toml`` ``[lead_scope] ahead``)."""
    return t.kind in ("quarter", "month") and bool(_lead_re("ahead").search(text, max(0, t.start - 60), t.start))


def _next_period(text: str, times: Sequence[TimeExpr], t: TimeExpr, end: int) -> TimeExpr | None:
    """The half of the year after ``t`` that the lead names as the work ahead, when ``t`` is the first
    half ("… đánh giá kết quả 6 tháng đầu năm và mục tiêu, nhiệm vụ 6 tháng cuối năm 2023"): a review
    meeting looks back on the first and plans the second, which is the scope of the tasks it reports."""
    if t.kind != "half" or not t.value.endswith("-H1"):
        return None
    _, cue = _lead_scope_re()
    after = t.value.removesuffix("-H1") + "-H2"
    return next(
        (u for u in times if t.end <= u.start < end and u.value == after and cue.search(text, max(0, u.start - 40), u.start)),
        None,
    )


@cache
def _title_period_re() -> re.Pattern:
    return pattern("deadlines", "title_period")


def _titles_period(text: str, t: TimeExpr) -> bool:
    """A month, quarter or half-year in a title that is the plan's period: right after the work it names ("Kế
    hoạch công tác quý II/2024", ``[title_period]``) or after the plan's subject ("KẾ HOẠCH ⏎ Bảo đảm … 6 tháng cuối
    năm 2026", ``[title_plan_period]``); a year or a range in a title is the scope whatever stands before it."""
    return bool(_title_period_re().search(text, 0, t.start) or _TITLE_PLAN_PERIOD.search(text, max(0, t.start - 220), t.start))


def _by_holiday(t: TimeExpr) -> bool:
    """ "… từ nay đến Tết Kỷ Hợi 2019" in a title: the festival's season the text is about, whose year is the
    scope, not a deadline for every task."""
    return t.kind == "before" and _holiday_re().search(t.text) is not None


@cache
def _holiday_re() -> re.Pattern:
    return re.compile(alternation(lexicon().holidays), re.IGNORECASE)


def _is_horizon(text: str, t: TimeExpr) -> bool:
    """Whether the open period ``t`` is a horizon from now ("từ nay đến ngày 30/6/2025", "từ nay đến hết năm 2030":
    the words may stand before the time's own) or a year a plan runs to ("Chương trình … đến năm 2020",
    ``deadlines.toml`` ``[lead_scope] horizon``)."""
    horizon = _horizon_re()
    if horizon.match(t.text) or horizon.search(text, max(0, t.start - 12), t.end):
        return True
    return bool(_lead_re("year_horizon").match(t.text) and _lead_re("plan_horizon").search(text, max(0, t.start - 100), t.start))


@cache
def _lead_re(key: str) -> re.Pattern:
    """A pattern of ``deadlines.toml`` ``[lead_scope]``."""
    return re.compile(load("deadlines")["lead_scope"][key])


def _horizon_re() -> re.Pattern:
    return _lead_re("horizon")


@cache
def _report_re():
    words = load("deadlines")["report_types"]["words"]
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*$", re.MULTILINE)


def is_report(head: str) -> bool:
    """Whether the header ``head`` (type line and title) is that of a report, whose years
    name the period reported on rather than a scope for its tasks."""
    return bool(_report_re().search(head))


@cache
def _completion_re():
    words = load("deadlines")["scope_completion"]["words"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def scope_goal(text: str, t: TimeExpr) -> bool:
    """Whether ``t``, standing before the first task, is a dated deadline of the plan's
    goal ("… phấn đấu hoàn thành … trước ngày 30/9/2010."): a scope for the whole document."""
    if t.kind != "before" or not re.fullmatch(r"\.\./\d{4}-\d{2}(?:-\d{2})?", t.value):
        return False
    start = max(text.rfind(". ", 0, t.start), text.rfind(";", 0, t.start), text.rfind("\n", 0, t.start)) + 1
    return bool(_completion_re().search(text, start, t.start))


_FROM_A_DAY = re.compile(r"\d{4}-\d\d-\d\d/\.\.$")


def document_scope(
    text: str,
    outline: Outline,
    times: Sequence[TimeExpr],
    scope_end: int,
    first_task: int,
    headerless: bool,
    first_clause: int | None = None,
    terms: Sequence[TimeExpr] = (),
) -> TimeExpr | None:
    """The document's scope: the first "trong năm YYYY"-like year before the first task, a year in
    the title, or the dated goal of the plan's own parts (under a heading: the preamble before the
    first heading recounts the documents the plan carries out, and their dates are theirs); for a
    text without a header, the period its lead names, or else the term of the congress it reports (:func:`congress_term`
    over ``terms``, the times that name a term of office, which ``times`` leaves out). None for a report, whose years
    before the tasks are the period it looks back on."""
    blocks = outline.blocks
    report = is_report(text[:scope_end])
    stated = None if report else _stated_period(text, outline, times, first_task)
    if stated:
        return stated
    for t in times:
        if t.start >= first_task or report:
            break
        if _RESULTS_PERIOD.match(t.text) or _UNTIL_NOW.match(text, t.end):
            continue  # "Trong 10 tháng năm 2025, …", "Từ đầu năm 2020 đến nay, …": the period a report's figures cover
        if in_question(text, t) or in_quotes(text, t):
            continue  # "… đến năm 2030 … vị trí nào …?": asked, not set; "Đề án “… 2010-2020”": a name
        if t.start < scope_end and looks_back(text, t):
            continue  # "NGHỊ QUYẾT VỀ KẾT QUẢ GIÁM SÁT … GIAI ĐOẠN 2011 - 2016"
        if is_moment(text, t):
            continue  # "Tổng kiểm kê tài sản công … thời điểm 0h00 ngày 01 tháng 01 năm 2026"
        if t.kind == "range" and is_event_date(text, t):
            continue  # "Kỷ niệm 80 năm Ngày Tổng tuyển cử … (06/01/1946 - 06/01/2026)": the years commemorated
        if t.kind == "range" and _FROM_A_DAY.match(t.value):
            continue  # "Áp dụng biểu thuế mới từ 1/9/2016": when a rule starts to apply, not a period of work
        if (
            (
                t.kind in ("year", "range")
                and _said_within(text, t)
                and (headerless or t.start - scope_end < _SAID_WITHIN_REACH)
                and not _recounted(text, t)
                and not (t.start >= scope_end and in_parentheses(text, t))
                and not _under_results(text, outline, t)
                and not (headerless and _completes(text, t))
            )
            or (t.kind in ("year", "range", "before") and t.start < scope_end and not _by_holiday(t))
            or (t.kind in ("month", "quarter", "half") and t.start < scope_end and _titles_period(text, t))
            or (
                scope_goal(text, t)
                and t.start < (first_task if first_clause is None else first_clause)
                and any(scope_end <= b.start < t.start for b in blocks if b.kind == "heading" and b.marker)
            )
        ):
            narrower = _narrower(text, times, t, min(lead_limit(), first_task)) if headerless else None
            return narrower or _next_year(text, times, t, first_task) or t
    if headerless:
        return (
            lead_scope(text, times, first_task, blocks)
            or _lead_year_within(text, outline, times)
            or _fronted_year(text, times)
            or _late_scope(text, times)
            or congress_term(text, terms, first_task if first_clause is None else min(first_task, first_clause))
        )
    return None if report else intro_scope(text, outline, times, scope_end, first_task)


# how far below a headed text's title a year said as the period of work ("trong năm 2025") is still the text's
# scope: further down a letter's body it conditions a rule ("doanh thu … trong năm 2013 làm căn cứ …") or dates
# one task ("hoàn thành Dự án thành phần 1 … trong năm 2025"); on the development texts every scope read there
# was wrong (20 tasks), every one nearer the title right but 2 (81)
_SAID_WITHIN_REACH = 1500

_PERIOD_STATEMENT = pattern("deadlines", "period_statement")
_STATED_KINDS = ("year", "range", "before", "half")
_TASK_SECTION = re.compile(load("deadlines")["period_statement"]["sections"], re.IGNORECASE)


def _stated_period(text: str, outline: Outline, times: Sequence[TimeExpr], first_task: int) -> TimeExpr | None:
    """The period the plan states for itself before its first task ("Thời gian thực hiện: Từ năm 2017 đến hết
    năm 2030", "Đề án được thực hiện từ nay đến năm 2020"; ``deadlines.toml`` ``[period_statement]``, on the
    time's line) and before the first heading of tasks (``[period_statement] sections``): the document's scope,
    before its title's year. (Under "# Các nhóm nhiệm vụ …⏎## Nhóm 1 …", "**Thời gian triển khai:** Giai đoạn
    2019 – 2020" is one group's.)"""
    tasks_from = next(
        (b.start for b in outline.blocks if b.kind == "heading" and b.marker_type != "article" and _TASK_SECTION.search(b.text)),
        first_task,
    )
    for t in times:
        if t.start >= min(first_task, tasks_from):
            break
        if t.kind not in _STATED_KINDS or t.value.endswith("/..") or in_quotes(text, t):
            continue
        line = text.rfind("\n", 0, t.start) + 1
        if _PERIOD_STATEMENT.search(text, max(line, t.start - 80), t.start):
            return t
    return None


def intro_scope(text: str, outline: Outline, times: Sequence[TimeExpr], scope_end: int, first_task: int) -> TimeExpr | None:
    """The year or period a headed text's preamble closes on, for the plan the text carries out
    ("… đề nghị Sở … triển khai kế hoạch năm 2008 như sau:"): in the sentence, ending with a
    colon, just before the first numbered heading or item (or the first task), after a plan word of
    that sentence (``deadlines.toml`` ``[lead_scope]``)."""
    _, cue = _lead_scope_re()
    end = next((b.start for b in outline.blocks if b.start >= scope_end and b.marker), first_task)
    end = min(end, first_task)
    body = text[:end].rstrip().rstrip("*_")
    if not body.endswith(":"):
        return None
    colon = len(body) - 1
    start = sentence_start(text, colon, ".!?;\n")
    found = None
    for t in times:
        if t.start >= colon:
            break
        if (
            t.start >= start
            and t.kind in _LEAD_KINDS
            and not t.value.endswith("/..")
            and cue.search(text, max(start, t.start - 80), t.start)
            and not in_quotes(text, t)
        ):
            found = t
    return found


def _lead_year_within(text: str, outline: Outline, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """A header-less text whose first tasks come before any plan word: the first year its lead says
    the work is done within ("Rà soát các chỉ tiêu, nhiệm vụ trong năm 2023 để …"), as a headed
    text's "trong năm YYYY" before its first task is its scope; never one whose clause recounts what was
    done in it (:func:`_recounted`)."""
    limit, _ = _lead_scope_re()
    for t in times:
        if t.start >= limit:
            break
        if (
            t.kind == "year"
            and _said_within(text, t)
            and not _recounted(text, t)
            and not in_question(text, t)
            and not in_quotes(text, t)
            and not _under_results(text, outline, t)
        ):
            return t
    return None


_FRONTED_START = re.compile(load("deadlines")["fronted_year"]["reported"])
_FRONTED = pattern("deadlines", "fronted_year")


def _fronted_year(text: str, times: Sequence[TimeExpr]) -> TimeExpr | None:
    """A header-less text whose lead names no scope: the first year that opens a sentence setting that
    year's work ("Năm 2017, định hướng tổng phương tiện thanh toán tăng …"; ``deadlines.toml``
    ``[fronted_year]``), never one that recounts what was done."""
    for t in times:
        if t.kind != "year":
            continue
        start = sentence_start(text, t.start)
        if _FRONTED_START.fullmatch(text, start, t.start) and _FRONTED.match(text, t.end):
            return t
    return None


_CONGRESS_TERM = pattern("deadlines", "congress_term")
_CONGRESS_BLOCKING = re.compile(load("deadlines")["congress_term"]["blocking"])


def congress_term(text: str, times: Sequence[TimeExpr], first_task: int) -> TimeExpr | None:
    """A header-less text whose lead names no other scope: the term of the congress whose directions it reports
    ("… vừa tổ chức Đại hội đại biểu lần thứ 24, nhiệm kỳ 2020-2025", ``deadlines.toml`` ``[congress_term]``) in its
    lead, before its first task; never a council's term, a congress the sentence prepares for or greets, nor one a request
    or a cited document names."""
    end = min(lead_limit(), first_task)
    for t in times:
        if t.start >= end:
            break
        if t.kind != "range" or not _CONGRESS_TERM.search(text, max(0, t.start - 160), t.start):
            continue
        if not _CONGRESS_BLOCKING.search(text, sentence_start(text, t.start, ".!?;\n"), t.start):
            return t
    return None


_DONE = pattern("deadlines", "done_before")


def _recounted(text: str, t: TimeExpr) -> bool:
    """Whether ``t``'s clause recounts what was done in it, before it or after it ("PVN đã hoàn thành các chỉ
    tiêu trong năm 2017", "báo cáo tình hình thực hiện nhiệm vụ … trong năm 2019", "Riêng trong năm 2023 …, lực
    lượng công an đã kiểm tra …"; ``deadlines.toml`` ``[done_before]``, ``[review_year]``, ``[results_said]``): the
    period of a result, no scope."""
    start = sentence_start(text, t.start, ".!?;\n")
    return bool(_DONE.match(text, start, t.start) or _REVIEW.search(text, start, t.start) or _RESULTS_SAID.match(text, t.end))


def _completes(text: str, t: TimeExpr) -> bool:
    """Whether ``t``'s clause says a piece of work is to be finished within it ("thí điểm đầu tư hoàn thành xây mới
    … 100 trường trong năm 2025", ``deadlines.toml`` ``[scope_completion]``): in a text without a header, that one
    task's deadline, not the period of all the text's tasks."""
    start = sentence_start(text, t.start, ".!?;\n")
    nominal = _period_noun_re()
    return any(
        not nominal.search(text, max(start, m.start() - 12), m.start()) for m in _completion_re().finditer(text, start, t.start)
    )


@cache
def _period_noun_re() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load('deadlines')['scope_completion']['period_nouns'])})\s+$", re.IGNORECASE)


def _under_results(text: str, outline: Outline, t: TimeExpr) -> bool:
    """Whether ``t`` stands in a paragraph under a heading of results ("1. Kết quả thực hiện Nghị quyết Đại hội
    XII" ⏎ "… Đặc biệt, trong năm 2020, đại dịch COVID-19 gây ra …"): the period looked back on, no scope."""
    bi = block_at(outline.blocks, t.start)
    if bi < 0 or outline.blocks[bi].kind == "heading":
        return False
    heading = outline.nearest_heading(bi)
    return heading >= 0 and results_last(text, outline.blocks[heading].start, outline.blocks[heading].end)


def _said_within(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is said as the period the work is done in ("trong năm 2024", ``cues.toml``
    ``[scope_within]`` just before it)."""
    return bool(re.match(r"trong", t.text, re.IGNORECASE) or _SCOPE_WITHIN.search(text, max(0, t.start - 20), t.start))
