"""Deadline inheritance (annotation guide §4): a task's deadline is its own text's, else
its table row's time column or its item's labelled time field, its list item's closing clause, the
time its sentence opens with, its group's, its section heading's (or the section's labelled time
item), and last the document's scope (:mod:`.scope`). :class:`Deadlines` holds one document's times,
lists for each task what every source proposes (:meth:`Deadlines.candidates`) and answers with the
nearest, reported with its :class:`~pipeline.types.DeadlineSource`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..resources import alternation, load, pattern
from ..text.segment import Outline, sentences
from ..types import DeadlineSource, TimeExpr
from .looking_back import looks_back
from .sentence_place import in_question, opens_sentence, sentence_start
from .times import bare_holiday_name
from .units import TITLED_INTRO, Context, block_at

__all__ = [
    "Deadlines",
    "DeadlineCandidate",
    "CandidateSource",
    "own_deadline",
    "group_deadline",
    "is_moment",
    "is_event_date",
    "joined_period",
]

_STRONG_CUE = pattern("cues", "strong_cue")
_HORIZON_CUE = pattern("cues", "horizon_cue")
_COMPLETION_CLAUSE = pattern("cues", "completion_clause")
_BY_YEAR_END = pattern("cues", "by_year_end")
_VISION = pattern("deadlines", "vision")
_ALLOWANCE = pattern("deadlines", "allowance_recurrence")
_TIME_LABEL = pattern("deadlines", "section_time_label")
_FIELD_LABEL = pattern("deadlines", "task_field_label")
_CLOSING_TIME = pattern("deadlines", "closing_time_sentence")
_SENTENCE_TIME = pattern("deadlines", "sentence_time")
_MOMENT = pattern("deadlines", "reference_moment")
_MISCASED_PART = re.compile(r"\s*(?=[IVXLivxl]{2,5}\s?[.)]\s)(?=[ivxl]*[IVXL])(?=[IVXL]*[ivxl])[IVXLivxl]{2,5}\s?[.)]\s")
_ABOVE_PARTS = ("caps", "caps_cont", "part", "article")  # marker types above a roman part
_INTRO_KINDS = ("year", "month", "quarter", "half", "date", "before")


def is_moment(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is the moment a count or an inventory refers to ("… thời điểm 0h00 ngày 01 tháng 01
    năm 2026", ``deadlines.toml`` ``[reference_moment]``): never a scope."""
    return _MOMENT.search(text, max(0, t.start - 30), t.start) is not None


@cache
def _attribute_re() -> re.Pattern:
    return pattern("deadlines", "recurring_attribute")


@cache
def _term_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(load('deadlines')['term_of_office']['words'])})[\s:*_]*$", re.IGNORECASE)


def names_term(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` is the term of office of a council or committee ("khóa VI, nhiệm kỳ 2016-2021"):
    a name, never a deadline (``deadlines.toml`` ``[term_of_office]``)."""
    return bool(_term_re().search(text, max(0, t.start - 20), t.start))


@cache
def _event_res() -> tuple[re.Pattern, re.Pattern]:
    d = load("deadlines")["event_dates"]
    return (
        re.compile(rf"(?<!\w)(?:{alternation(d['words'])})(?!\w)", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{alternation(d['blocking'])})(?!\w)", re.IGNORECASE),
    )


@cache
def _meeting_span_re() -> re.Pattern:
    return re.compile(load("deadlines")["event_dates"]["meeting_span"])


@cache
def _past_re() -> re.Pattern:
    return re.compile(load("deadlines")["event_dates"]["past"])


def is_event_date(text: str, t: TimeExpr) -> bool:
    """Whether ``t`` dates an event rather than sets a deadline: a date or month after an event
    noun of its clause ("… tại Hội nghị trực tuyến … ngày 07 tháng 11 năm 2025"), with no deadline
    cue between them, or one followed by a past marker ("ngày 14/11/2025 cũng đã xảy ra …")
    (``deadlines.toml`` ``[event_dates]``); or an anniversary's span (:func:`_anniversary_span`)."""
    if t.kind == "range":
        return _anniversary_span(text, t) or bool(_meeting_span_re().search(text, max(0, t.start - 30), t.start))
    if t.kind not in ("date", "month"):
        return False
    if _past_re().match(text, t.end, t.end + 60):
        return True  # "ngày 14/11/2025 cũng đã xảy ra …": what happened that day
    start = max(sentence_start(text, t.start, ".;:\n"), t.start - 160)
    event, blocking = _event_res()
    found = list(event.finditer(text, start, t.start))
    if not found:
        return False
    last = found[-1]
    gap = text[last.end() : t.start]
    return len(gap) <= 120 and not blocking.search(gap) and not _STRONG_CUE.search(text[max(0, t.start - 30) : t.start])


@cache
def _anniversary_re() -> re.Pattern:
    return re.compile(load("deadlines")["event_dates"]["anniversary"])


_YEAR_IN_VALUE = re.compile(r"\d{4}")


def _anniversary_span(text: str, t: TimeExpr) -> bool:
    """Whether the range ``t`` spans as many years as the anniversary named before it in its sentence ("Kỷ niệm
    80 năm Ngày Tổng tuyển cử … (06/01/1946 - 06/01/2026)"): the years commemorated (``deadlines.toml``
    ``[event_dates] anniversary``)."""
    years = _YEAR_IN_VALUE.findall(t.value)
    if len(years) != 2:
        return False
    span = int(years[1]) - int(years[0])
    start = max(sentence_start(text, t.start, ".;\n"), t.start - 250)
    return any(int(m.group("n")) == span for m in _anniversary_re().finditer(text, start, t.start))


@cache
def _dateline_res() -> tuple[re.Pattern, re.Pattern]:
    d = load("deadlines")["dateline"]
    return re.compile(d["pattern"]), re.compile(d["after"])


def is_dateline(text: str, t: TimeExpr) -> bool:
    """Whether the day ``t`` opens its sentence, alone or after a part of the day, with a comma after it
    ("Sáng 13/01, tại Hà Nội, … tổ chức Hội nghị …"): a news article's dateline (``deadlines.toml``
    ``[dateline]``)."""
    if t.kind != "date":
        return False
    before, after = _dateline_res()
    return bool(after.match(text, t.end) and before.search(text, max(0, t.start - 40), t.start))


def own_deadline(text: str, times_in: Sequence[TimeExpr]) -> TimeExpr | None:
    """The strongest deadline among the times of a task's own text (a cue word before it, or a kind
    that is one); the date of an event (:func:`is_event_date`) is none, nor a recurrence that
    qualifies a noun (``deadlines.toml`` ``[recurring_attribute]``)."""
    best = None
    attribute = _attribute_re()
    for t in times_in:
        before = text[max(0, t.start - 30) : t.start]
        if is_event_date(text, t) or (t.kind == "recurring" and (attribute.match(text, t.end) or _ALLOWANCE.search(before))):
            continue  # (an event's date; "hoạt động hàng ngày của doanh nghiệp": a kind of work; "trợ cấp hàng tháng")
        strong: object = (
            t.kind in ("before", "recurring", "continuous", "quarter", "month", "date", "half")
            or pattern("cues", "own_time").match(t.text)
            or _STRONG_CUE.search(before)
        )
        if t.kind == "range" and not pattern("cues", "range_within").search(before + " ") and "/.." not in t.value:
            strong = strong and "giai đoạn" not in " ".join(t.text.lower().split())
        if (
            t.kind == "before"
            and re.fullmatch(r"\.\./\d{4}", t.value)
            and not (_HORIZON_CUE.search(before) or _BY_YEAR_END.match(t.text))
        ):
            strong = False  # "Quy hoạch … thời kỳ 2021-2030, tầm nhìn đến năm 2050" names a plan's horizon
        if strong:
            if best is None or (best.kind == "continuous" and t.kind != "continuous"):
                best = t
    return best


def bare_holiday(t: TimeExpr) -> bool:
    """A holiday written without its year ("dịp Tết Nguyên đán", dated by the scope): the day of a task that
    names it, never the time of a group, section or document (as a festival is no scope)."""
    return bare_holiday_name(t.text) is not None


def group_deadline(text: str, ctx: Context, group_times: Sequence[TimeExpr]) -> TimeExpr | None:
    """The time a group's text gives its items. A recurrence there says how often the
    group's own work recurs (or names a document: "Quy chế đánh giá công chức hằng năm"),
    so it is not passed down. Of several deadlines the last one governs: it stands nearest
    the list ("…trước ngày 31/5. … bảo đảm hoàn thành …, trước ngày 30/6:" → 30/6). A time
    in the clause that introduces the list ("…, trong đó năm 2004 các cấp cần tập trung:")
    governs it even without a cue word. A heading's or a claim's last time governs its items unless it is a vision
    ("tầm nhìn đến năm 2045", ``deadlines.toml`` ``[vision]``), which looks past the work."""
    times = [
        t
        for t in group_times
        if t.kind != "recurring"
        and not is_event_date(text, t)
        and not is_dateline(text, t)
        and not in_question(text, t)
        and not bare_holiday(t)
    ]
    best = None
    for t in times:
        if own_deadline(text, [t]) is not None and (best is None or best.kind == "continuous" or t.kind != "continuous"):
            best = t
    if best is not None:
        return joined_period(text, times, best)
    body = text[ctx.group_start : ctx.group_end].rstrip()
    if body.endswith(":"):
        cut = max(body.rfind(". "), body.rfind(";"), body.rfind(":", 0, len(body) - 1))
        # a closed period only in a title-like intro (:data:`~.units.TITLED_INTRO`)
        titled = len(body) - cut <= TITLED_INTRO
        intro = [
            t
            for t in times
            if t.start >= ctx.group_start + cut + 1
            and (t.kind in _INTRO_KINDS or (t.kind == "range" and titled and not t.value.endswith("/..")))
        ]
        if intro:
            return intro[-1]
    ahead = [t for t in times if not _VISION.match(t.text)]  # "… GIAI ĐOẠN 2021-2025, TẦM NHÌN ĐẾN NĂM 2045": the plan's period
    if (ctx.is_heading or ctx.claim is not None) and ahead:
        return ahead[-1]
    return None


_PERIOD_KINDS = ("year", "month", "quarter", "half", "range")
_JOIN = pattern("deadlines", "period_join")


def _ends(value: str) -> tuple[str, str]:
    a, _, z = value.partition("/")
    return a, (z or a)


def joined_period(text: str, times: Sequence[TimeExpr], t: TimeExpr) -> TimeExpr:
    """``t`` widened to the period that the time before it opens when "và" joins them ("trong 02
    tháng cuối năm 2025 và những tháng đầu năm 2026" → ``2025-11/2026``): the work is to be done
    over both; ``t`` itself otherwise."""
    k = times.index(t)
    if k == 0 or t.kind not in _PERIOD_KINDS:
        return t
    p = times[k - 1]
    if p.kind not in _PERIOD_KINDS or ".." in p.value + t.value or not _JOIN.match(text, p.end, t.start):
        return t
    a, z = _ends(p.value)[0], _ends(t.value)[1]
    if not a < z:
        return t
    return TimeExpr(p.start, t.end, text[p.start : t.end], "range", f"{a}/{z}", t.task_id, t.flags)


class Deadlines:
    """The deadlines of one document's tasks."""

    def __init__(
        self, text: str, outline: Outline, times: Sequence[TimeExpr], scope: TimeExpr | None, title_end: int = 0
    ) -> None:
        self.text, self.outline, self.blocks = text, outline, outline.blocks
        self.times, self.scope = times, scope
        # the title's lines are headings of the outline too, but their years are the document's scope, which a
        # period the plan states for itself overrides ("… ĐẾN NĂM 2030" ⏎ … "Thời gian thực hiện: Từ năm 2017 …")
        self.title_end = title_end if scope is not None and scope.start >= title_end else 0
        self._starts = [t.start for t in times]
        self._labels: dict[int, TimeExpr | None] = {}
        self._heading_times: dict[int, TimeExpr | None] = {}
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        # a part marker typed in the wrong case ("iV. Về công tác chỉ đạo …") is read as a
        # paragraph, so the outline keeps the previous part's headings open across it; their
        # times stop there all the same
        self.breaks = [b.start for b in self.blocks if b.marker_type != "roman" and _MISCASED_PART.match(b.text)]

    def within(self, a: int, z: int) -> Sequence[TimeExpr]:
        """The times that start in ``a:z``."""
        return self.times[bisect_left(self._starts, a) : bisect_left(self._starts, z)]

    def group(self, ctx: Context) -> TimeExpr | None:
        return group_deadline(self.text, ctx, self.within(ctx.group_start, ctx.group_end))

    def item(self, pos: int) -> TimeExpr | None:
        """The deadline of a list item's closing clause that says only when the item is to be
        done ("a) Rà soát …; xây dựng Phương án …; hoàn thành trước ngày 10/6/2026."): it is
        the whole item's, so each of its clauses takes it."""
        text, blocks = self.text, self.blocks
        bi = block_at(blocks, pos)
        if bi < 0:
            return None
        b = blocks[bi]
        if not b.marker:
            return self._next_sentence_completes(pos, bi)
        body = text[b.start : b.end].rstrip(" .;")
        cut = b.start + max(body.rfind(";"), body.rfind(". ")) + 1
        if cut <= pos or not _COMPLETION_CLAUSE.match(text, cut):
            return None
        return own_deadline(text, self.within(cut, b.end))

    def _next_sentence_completes(self, pos: int, bi: int) -> TimeExpr | None:
        """In paragraph ``bi``, the time of the sentence right after the task's that says only when it is to be done
        ("Giao Sở Tài nguyên và Môi trường chủ trì … rà soát, đề xuất UBND tỉnh xem xét. Hoàn thành trước ngày
        10/3/2023.")."""
        spans = self._block_sentences(bi)
        k = next((k for k, (s, e) in enumerate(spans) if s <= pos < e), len(spans))
        if k + 1 >= len(spans) or not _COMPLETION_CLAUSE.match(self.text, spans[k + 1][0]):
            return None
        return own_deadline(self.text, self.within(*spans[k + 1]))

    def _block_sentences(self, bi: int) -> list[tuple[int, int]]:
        """The sentences of block ``bi``'s body, once per block: a long paragraph holds many tasks."""
        if bi not in self._sentences:
            b = self.blocks[bi]
            self._sentences[bi] = sentences(self.text, b.body_start, b.end)
        return self._sentences[bi]

    def trailer(self, pos: int) -> TimeExpr | None:
        """The time of a labelled paragraph after the task's item, among its fields ("- Cập nhật … ⏎*Đơn
        vị chủ trì thực hiện:* Sở Tư pháp.⏎*Thời gian thực hiện*: Thường xuyên."), or after the task's
        paragraph that closes its step ("2.2. Bước 2: … ⏎Ban Chỉ đạo … tổ chức kiểm tra …⏎Thời gian hoàn
        tất: trước ngày 25 tháng 7 năm 2014."), before the next item or heading."""
        bi = block_at(self.blocks, pos)
        if bi < 0:
            return None
        item = self.outline.parents[bi] if self.blocks[bi].marker_type == "dash" else bi
        for k in range(bi + 1, min(bi + 8, len(self.blocks))):
            b = self.blocks[k]
            if b.kind == "heading":
                return None
            if b.marker:  # among the item's dash fields: "- Cơ quan thực hiện: …⏎- Thời gian thực hiện: …"
                if _TIME_LABEL.match(self.text, b.body_start, b.end):
                    ts = self.within(b.body_start, b.end)
                    return ts[0] if ts else None
                if _FIELD_LABEL.match(self.text, b.body_start, b.end):
                    continue
                if b.marker_type == "dash" and item >= 0 and self.outline.parents[k] == item:
                    continue  # a dash detail of the same item ("2.2. Tổ chức Hội nghị …⏎- Việc tổ chức … ⏎- Thời gian hoàn thành: Quý I/2026")
                return None
            if _TIME_LABEL.match(self.text, b.start, b.end) or _CLOSING_TIME.match(self.text, b.start, b.end):
                ts = self.within(b.start, b.end)
                return ts[0] if ts else None
        return None

    def sentence_time(self, pos: int) -> TimeExpr | None:
        """The time a sentence opens with, before the task at ``pos`` ("Cũng trong tháng 11 này, UBND thị
        xã sẽ tập trung …; Tăng cường …", ``deadlines.toml`` ``[sentence_time]``)."""
        bi = block_at(self.blocks, pos)
        if bi < 0:
            return None
        start, end = next(((s, e) for s, e in self._block_sentences(bi) if s <= pos < e), (-1, -1))
        # a task that opens its sentence may open with the year itself ("Năm 2016, ngành tư pháp sẽ …")
        m = _SENTENCE_TIME.match(self.text, start, pos if pos > start else end) if start >= 0 else None
        if m is None:
            return None
        opening = self.within(start, m.end())
        # an opening that is one time and nothing else frames the task it opens ("Từ năm 2026, tổ chức …",
        # "Đến năm 2020, phấn đấu …", "Năm 2018: Rà soát …")
        whole = next((t for t in opening if opens_sentence(self.text, t, start)), None)
        if whole is not None:
            return whole
        if pos <= start and not m.group("year"):
            return None
        # the opening is a cue of its own: "Năm 2016," frames the sentence as "Trong năm 2016," does
        return own_deadline(self.text, opening) or next((t for t in opening if t.kind == "year"), None)

    def section(self, pos: int) -> TimeExpr | None:
        """The first time of the nearest enclosing heading that has one."""
        blocks = self.blocks
        bi = block_at(blocks, pos)
        if bi < 0:
            return None
        for a in reversed(self.outline.ancestors(bi)):
            hb = blocks[a]
            if hb.kind != "heading" or hb.end <= self.title_end:
                continue
            if hb.marker_type not in _ABOVE_PARTS and any(hb.start < k < pos for k in self.breaks):
                continue
            found = self.heading_time(a) or self.time_label(a)
            if found is not None:
                return found
        return None

    def heading_time(self, a: int) -> TimeExpr | None:
        """The first time of heading ``a`` that can date its section (no recurrence, moment, question or period looked
        back on); once per heading, as every task below it asks."""
        if a not in self._heading_times:
            hb, text = self.blocks[a], self.text
            fits = (t for t in self.within(hb.start, hb.end) if t.kind != "recurring" and not self.moment_or_asked(t))
            self._heading_times[a] = next((t for t in fits if not looks_back(text, t, hb.start)), None)
        return self._heading_times[a]

    def moment_or_asked(self, t: TimeExpr) -> bool:
        """Whether ``t`` is asked about or an inventory's reference moment: no heading's time."""
        return in_question(self.text, t) or is_moment(self.text, t)

    def time_label(self, a: int) -> TimeExpr | None:
        """The first time of a child of heading ``a`` labelled as the section's time ("3. Thời gian thực
        hiện: Tháng 12/2013 và thường xuyên.", ``deadlines.toml`` ``[section_time_label]``); once per heading
        (a long document's title encloses every block)."""
        if a not in self._labels:
            labelled = [
                b
                for b in map(self.blocks.__getitem__, self.outline.children(a))
                if _TIME_LABEL.match(self.text, b.body_start, b.end)
            ]
            self._labels[a] = next((ts[0] for b in labelled if (ts := self.within(b.body_start, b.end))), None)
        return self._labels[a]

    def column(self, span: tuple[int, int]) -> TimeExpr | None:
        """The time of a table row's time cell ``span``: a cell that names stages ("Tháng 5/2026 …
        Tháng 11/2026", "2026 và hằng năm") is governed by its last one, "thường xuyên, hằng năm"
        is continuous; a note in brackets does not count."""
        ta, tz = span
        col = self.within(ta, tz)
        if not col:
            return None
        text = self.text
        bare = [t for t in col if text.count("(", ta, t.start) <= text.count(")", ta, t.start)] or col
        cont = [t for t in bare if t.kind == "continuous"]
        return (cont or bare)[-1]

    def candidates(
        self, a: int, z: int, ctx: Context, group_dl: TimeExpr | None, cells: Mapping
    ) -> tuple[DeadlineCandidate, ...]:
        """What every source of the guide's order proposes for the task ``a:z`` of ``ctx`` (whose
        :meth:`group` deadline is ``group_dl``), nearest first: its table row's time column (which
        outranks its own text), its own text, its labelled time field, its item's closing clause, the
        time its sentence opens with, its group's (not for a clause of the group's own text, nor across a
        part break), its section's and the document's scope; a source with nothing to say is left out."""
        return tuple(self._proposals(a, z, ctx, group_dl, cells))

    def _proposals(self, a: int, z: int, ctx: Context, group_dl: TimeExpr | None, cells: Mapping) -> Iterator[DeadlineCandidate]:
        """:meth:`candidates` one at a time, each source asked only when the previous ones are used up
        (:meth:`of_task` needs the first)."""
        group_ok = (
            group_dl is not None
            and not ctx.group_start <= a < ctx.group_end
            and not (ctx.is_heading and any(ctx.group_start < k < a for k in self.breaks))
        )
        asks = (
            (CandidateSource.COLUMN, lambda: self.column(cells["time"]) if "time" in cells else None),
            (CandidateSource.OWN, lambda: own_deadline(self.text, self.within(a, z))),
            (CandidateSource.FIELD, lambda: self.trailer(a)),
            (CandidateSource.ITEM, lambda: self.item(a)),
            (CandidateSource.SENTENCE, lambda: self.sentence_time(a)),
            (CandidateSource.GROUP, lambda: group_dl if group_ok else None),
            (CandidateSource.SECTION, lambda: self.section(a)),
            (CandidateSource.DOCUMENT, lambda: self.scope),
        )
        for src, ask in asks:
            t = ask()
            if t is not None:
                yield DeadlineCandidate(src, t)

    def of_task(
        self, a: int, z: int, ctx: Context, group_dl: TimeExpr | None, cells: Mapping
    ) -> tuple[TimeExpr | None, DeadlineSource]:
        """The deadline of the task ``a:z`` of ``ctx`` and where it comes from: the nearest of its
        :meth:`candidates`."""
        first = next(self._proposals(a, z, ctx, group_dl, cells), None)
        return (first.time, first.source.reported) if first else (None, DeadlineSource.NONE)


class CandidateSource(StrEnum):
    """A source of :meth:`Deadlines.candidates`, finer than the :class:`~pipeline.types.DeadlineSource`
    reported in the tables (an item's labelled time field is reported as its column, the time a
    sentence opens with as its group)."""

    COLUMN = "column"
    OWN = "own"
    FIELD = "field"
    ITEM = "item"
    SENTENCE = "sentence"
    GROUP = "group"
    SECTION = "section"
    DOCUMENT = "document"

    @property
    def reported(self) -> DeadlineSource:
        """The table's :class:`~pipeline.types.DeadlineSource` for this source."""
        return _REPORTED[self] if self in _REPORTED else DeadlineSource(self.value)


_REPORTED = {CandidateSource.FIELD: DeadlineSource.COLUMN, CandidateSource.SENTENCE: DeadlineSource.GROUP}


@dataclass(frozen=True)
class DeadlineCandidate:
    """A time one source proposes as a task's deadline."""

    source: CandidateSource
    time: TimeExpr
