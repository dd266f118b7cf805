"""Clause and heading cues: does a clause open with an action, is a heading about tasks,
which agency a heading names, where signatures begin.

Imported by the task stages (:mod:`.contexts`, :mod:`.tasks`), the annex reader
(:mod:`.annex`) and the classifier's features (:mod:`pipeline.learn.classifier`);
it imports none of them. Word lists come from ``resources/``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import alternation, lexicon, load, pattern
from ..text.fastscan import Prefiltered
from ..text.segment import first_sentence_end
from .agencies import leading_agency

__all__ = [
    "strip_connector",
    "fronted",
    "time_lead",
    "starts_with_action",
    "party_duty_heading",
    "agency_duty_heading",
    "heading_lead",
    "is_task_heading",
    "is_non_task_heading",
    "qualifier",
    "general_requirement_re",
    "agency_task",
    "subject",
    "work_start",
    "inline_intro_colon",
    "aims_intro",
    "intro_strong_re",
    "InlineIntro",
    "inline_intro",
    "series_start",
    "closing_blocks",
    "INTRO_LIST",
    "SENTENCE_END",
    "HEAD_MARKER",
    "PARTNER_LEAD",
]

_CONNECTOR = pattern("cues", "connector")
INTRO_LIST = Prefiltered(pattern("cues", "intro_list"))  # .search: blocks without ":" skipped at once
REQUEST_INTRO = pattern("cues", "request_intro")
TASK_LIST_INTRO = pattern("cues", "task_list_intro")
LAW_QUOTE_INTRO = pattern("cues", "law_quote_intro")
LAW_QUOTE_OWN_FOCUS = pattern("cues", "law_quote_own_focus")
_ANNEX_TITLE = pattern("cues", "annex_title")
_CLOSING = pattern("cues", "closing")
SENTENCE_END = re.compile(r"[.!?]\s+[A-ZĐÀ-Ỹ]")
PARTNER_LEAD = re.compile(r"\s*(?:cùng\s+)?với\s+(?=\S)", re.IGNORECASE)
HEAD_MARKER = pattern("cues", "head_marker")


def strip_connector(text: str) -> int:
    """Length of a leading connector ("đồng thời", "và", "trong đó") to drop."""
    m = _CONNECTOR.match(text)
    return m.end() if m else 0


@cache
def fronted(kinds: tuple[str, ...] = ("time", "basis")) -> re.Pattern:
    """A fronted time or basis phrase up to its comma (resources/action_verbs.toml [fronted])."""
    data = load("action_verbs")["fronted"]
    words = [w for k in kinds for w in data[k]]
    return re.compile(rf"(?:{alternation(words)})\s[^,;:.]{{2,90}},\s*", re.IGNORECASE)


_TIME_LEAD = pattern("cues", "time_lead")


def time_lead(text: str) -> int:
    """Length of a time that opens ``text`` before its verb or agency, with or without a comma
    ("Định kỳ hàng tháng báo cáo …", "Năm 2018: Rà soát …", "Trước ngày 30/6/2025, Bộ Nội vụ …"), or 0."""
    m = fronted(("time",)).match(text) or _TIME_LEAD.match(text)
    return m.end() if m else 0


_MANDATE = pattern("cues", "mandate")


def _lead_end(t: str) -> int:
    """Where the words after a fronted time or basis phrase or an agency's mandate ("theo chức năng,
    nhiệm vụ được giao") begin, or 0 when none opens ``t``."""
    m = _MANDATE.match(t) or fronted().match(t)
    return m.end() if m else time_lead(t)


def starts_with_action(text: str) -> str:
    """The leading action verb phrase of ``text`` (after a leading time or basis
    phrase such as "Trong quý II năm 2026, ..." or a time without its comma: "Định kỳ hàng tháng
    báo cáo …"), or "". A verb of two or more syllables is also
    recognised with its tone marks misread ("Chù tri, phối hợp" of an OCR text, see :func:`detone`)."""
    t = text.lstrip()
    lead: int | None = None  # not looked for yet
    for loose in (False, True):
        for pos in (0, -1):
            if pos < 0:
                if lead is None:
                    lead = _lead_end(t)
                if not lead:
                    break
                pos = lead
            if loose:
                word = t[pos : pos + 12].split(maxsplit=1)[:1]
                if not word or detone(word[0].lower()) not in _loose_heads():
                    continue  # (most clauses: no verb under any tone marks)
                m = _loose_verb_re().match(detone(t[: pos + 120]), pos)
            else:
                m = lexicon().verb_re.match(t, pos)
            if m:
                return "" if _document_name(t, m) else t[m.start() : m.end()]
    return ""


_TONES = "\u0300\u0301\u0303\u0309\u0323"


@cache
def _detone_table() -> dict[int, str]:
    table = {}
    for cp in range(0xC0, 0x1EFA):
        c = chr(cp)
        d = unicodedata.normalize("NFD", c)
        if any(m in d for m in _TONES):
            base = unicodedata.normalize("NFC", "".join(ch for ch in d if ch not in _TONES))
            if len(base) == 1:
                table[cp] = base
    return table


def detone(text: str) -> str:
    """``text`` without its tone marks (same length: "Chủ trì" and "Chù tri" both give "Chu tri");
    vowel marks and "đ" are kept."""
    return text.translate(_detone_table())


@cache
def _loose_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(verbs of two or more syllables, prefixes) of the lexicon without tone marks, lower case."""
    lx = lexicon()
    return tuple({detone(v.lower()) for v in lx.verbs if " " in v}), tuple({detone(p.lower()) for p in lx.verb_prefixes})


@cache
def _loose_heads() -> frozenset[str]:
    """The first syllables of what :func:`_loose_verb_re` matches."""
    verbs, prefixes = _loose_words()
    return frozenset(w.split()[0] for w in (*verbs, *prefixes))


@cache
def _loose_verb_re() -> re.Pattern:
    """The action verbs of two or more syllables and the prefixes, without tone marks, for
    :func:`starts_with_action` on text whose tone marks an OCR engine misread (a one-syllable verb
    without its tone is too often another word: "cư", "giam")."""
    verbs, prefixes = _loose_words()
    return re.compile(rf"(?:(?:{alternation(prefixes)})[\s,]+)*(?:{alternation(verbs)})(?![\w])", re.IGNORECASE)


@cache
def _document_names() -> tuple[frozenset, re.Pattern]:
    d = load("action_verbs")["document_names"]
    return frozenset(w.lower() for w in d["words"]), re.compile(d["not_before"], re.IGNORECASE)


def _document_name(t: str, m: re.Match) -> bool:
    """The verb is the name of a document ("Quyết định số 25/2021/QĐ-TTg", "Chỉ thị này")."""
    words, after = _document_names()  # (the words as written in ``t``: ``m`` may match a toneless copy)
    return " ".join(t[m.start() : m.end()].lower().split()) in words and bool(after.match(t, m.end()))


@cache
def _party_duty_re() -> re.Pattern:
    parties = alternation(load("headings")["non_agency_parties"]["words"])
    data = load("cues")["duty_words"]
    duty = "|".join(re.escape(w) for w in data["words"])
    det = "|".join(re.escape(w) + r"\s+" for w in data["determiners"])
    return re.compile(
        rf"(?:{duty})(?:\s*(?:,|và)\s*(?:{duty}))*\s+(?:của\s+)?(?:{det})?(?:{parties})(?![\w])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=16384)  # pure string predicates, asked again for the same heading (speed)
def party_duty_heading(text: str) -> bool:
    """A heading about the duties of a party that is not a state agency ("Trách nhiệm của chủ đầu tư")."""
    return bool(_party_duty_re().search(HEAD_MARKER.sub("", text, count=1)))


def _duty_heading_agency(text: str) -> tuple[str, str]:
    """(agency, rest) of a heading naming whose duties follow ("2. Trách nhiệm của Sở X:")."""
    body = HEAD_MARKER.sub("", text.strip(), count=1).strip().rstrip(":.").strip()
    low = body.lower()
    for w in sorted(load("headings")["agency_duty_openers"]["words"], key=len, reverse=True):
        if low.startswith(w + " "):
            body = body[len(w) :].strip()
            break
    if body.lower().startswith("cơ quan "):  # "Trách nhiệm của cơ quan Công an tỉnh"
        inner, end = leading_agency(body[len("cơ quan ") :])
        if inner:
            body = body[len("cơ quan ") :]
    ag, end = leading_agency(body)
    return ag, body[end:] if ag else body


def agency_duty_heading(text: str) -> str:
    """The agency of a heading that names one agency's duties ("Điều 16. Trách nhiệm Sở Công Thương",
    "1. Sở Công Thương:"), or "". Plural generic names ("các cơ quan, đơn vị") are not one agency."""
    ag, rest = _duty_heading_agency(text)
    if not ag or rest.strip(" ,;:.") or pattern("cues", "plural").match(ag):
        return ""
    return ag


def heading_lead(text: str) -> str:
    """The agency a heading or group title makes responsible for what stands under it, plural
    names included ("2. Trách nhiệm của các sở, ban, ngành có liên quan:"), or ""."""
    ag, rest = _duty_heading_agency(text)
    return ag if ag and not rest.strip(" ,;:.") else ""


@lru_cache(maxsize=16384)  # pure string predicates, asked again for the same heading (speed)
def is_task_heading(text: str) -> bool:
    budget = _budget_re()
    low = budget.sub(" ", text.lower())
    lx = lexicon()
    body = budget.sub(" ", HEAD_MARKER.sub("", text, count=1).lstrip().lower())
    if party_duty_heading(text):
        return False
    if any(body.startswith(w) for w in lx.task_heading_openers):
        return True
    if _assessment_heading(body):
        return any(w in low for w in lx.forward_headings)
    return any(w in low for w in lx.task_headings) or any(w in detone(low) for w in _loose_task_headings())


@cache
def _loose_task_headings() -> tuple[str, ...]:
    """The task heading words of two or more syllables without tone marks, for a heading whose tone marks an OCR
    engine misread ("IV. TÔ CHỨC THỰC HIỆN"); one syllable without its tone is too often another word."""
    return tuple({detone(w) for w in lexicon().task_headings if " " in w})


@cache
def _budget_re() -> re.Pattern:
    return re.compile(load("headings")["budget_headings"]["pattern"], re.IGNORECASE)


@lru_cache(maxsize=16384)  # pure string predicates, asked again for the same heading (speed)
def _assessment_heading(body: str) -> bool:
    """A heading about results, situation, purpose …: it opens with such a word
    ("Kết quả …", "Về tình hình …") or is short and holds one ("Mục đích, yêu cầu"),
    or a heading about the duties of a party that is not an agency."""
    lx = lexicon()
    if party_duty_heading(body):
        return True
    b = pattern("cues", "about").sub("", body.strip().lower())
    opening = pattern("cues", "plural_opening").sub("", b)  # "Các nguyên tắc của kiến trúc …", "Những khó khăn …"
    if any(opening.startswith(w) for w in lx.non_task_headings):
        return True
    return len(b.split()) <= 6 and any(w in b for w in lx.non_task_headings)


@lru_cache(maxsize=16384)  # pure string predicates, asked again for the same heading (speed)
def is_non_task_heading(text: str) -> bool:
    return _assessment_heading(HEAD_MARKER.sub("", text, count=1)) and not is_task_heading(text)


@cache
def _qualifier_re() -> re.Pattern:
    return re.compile("|".join(load("action_verbs")["qualifiers"]["patterns"]), re.IGNORECASE)


@cache
def general_requirement_re() -> re.Pattern:
    """A general requirement ("… yêu cầu các cơ quan … phải quán triệt …", "Đồng thời, bám sát …"; annotation guide
    §2: not a task; ``action_verbs.toml`` ``[general_requirements]``)."""
    return re.compile("|".join(load("action_verbs")["general_requirements"]["patterns"]), re.IGNORECASE | re.MULTILINE)


def qualifier(clause: str) -> bool:
    """A clause that qualifies the task before it rather than starting one ("hoàn thành trước ngày …")."""
    return bool(_qualifier_re().match(clause.lstrip()))


def agency_task(clause: str, regulation: bool = False) -> bool:
    """The clause opens with an agency that acts ("Sở Y tế chủ trì …") or has a verb inside its
    subject. In a ``regulation`` a clause with an agency as subject states a procedure: never."""
    if regulation:
        return False
    partner = PARTNER_LEAD.match(clause)  # "Với các đơn vị của Bộ Tài chính xây dựng …" under "… phối hợp:"
    if partner:
        clause = clause[partner.end() :]
    lead = time_lead(clause)  # "Đến hết quý II năm 2004, tất cả các Sở … phải tiến hành …"
    if lead and not leading_agency(clause)[0]:
        clause = clause[lead:]
    ag, end = leading_agency(clause)
    if ag and (starts_with_action(clause[end:].lstrip(" ,:")) or pattern("cues", "agency_acts").match(clause[end:])):
        return True
    return bool(_verb_inside(clause))


def subject(clause: str) -> str:
    """The agency a task clause names as its subject after a fronted time or basis phrase
    ("Căn cứ vào các kiến nghị …, các bộ, ngành khẩn trương …") or before a verb that is no
    stop word ("Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện …"), or ""."""
    lead = _lead_end(clause)
    if lead and not leading_agency(clause)[0] and not PARTNER_LEAD.match(clause):
        clause = clause[lead:]
    split = _verb_inside(clause)
    if split:
        return leading_agency(clause[:split].rstrip())[0]
    ag, end = leading_agency(clause)
    return ag if ag and starts_with_action(clause[end:].lstrip(" ,:")) else ""


def work_start(clause: str) -> int:
    """Where the work begins after the agency that opens ``clause`` ("UBND các cấp tiến hành đánh giá …"
    → at "tiến hành", even when the verb is no stop word of an agency's name), or 0 without an agency."""
    return _verb_inside(clause) or leading_agency(clause)[1]


@cache
def _determiner_end() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load('agencies')['determiners']['words'])})$", re.IGNORECASE)


def _after_determiner(text: str) -> bool:
    return bool(_determiner_end().search(text))


@lru_cache(maxsize=16384)  # pure string predicates, asked again for the same heading (speed)
def _verb_inside(clause: str) -> int:
    """Where a lower-case action verb ends an agency name that runs on past it because the verb
    is no stop word ("Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện …"), or 0."""
    for m in re.finditer(r"\s(?=\w)", clause[:160]):
        if (
            m.start() < 4
            or clause[m.start() - 1] == ","
            or not clause[m.end()].islower()
            or _after_determiner(clause[: m.start()])
        ):
            continue  # "các cấp" is a noun after a determiner
        if lexicon().verb_re.match(clause, m.end()) and leading_agency(clause[: m.start()])[1] == m.start():
            return m.end()
    return 0


@cache
def _inline_intro_re() -> re.Pattern:
    words = load("headings")["inline_intro"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)[^:.;]{{0,60}}$", re.IGNORECASE)


@cache
def intro_strong_re() -> re.Pattern:
    words = load("headings")["inline_intro"]["strong"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)


_PURPOSE_INTRO = pattern("cues", "purpose_intro")


def aims_intro(intro: str) -> bool:
    """An intro that announces a plan's aims, not tasks ("…, theo đó, mục đích và yêu cầu được xác định:",
    ``[purpose_intro]``), unless it also names tasks (``[task_list_intro]``): its list gives no task."""
    return bool(_PURPOSE_INTRO.search(intro)) and not TASK_LIST_INTRO.search(intro)


def inline_intro_colon(text: str, b) -> int:
    """Offset of the colon of a paragraph that introduces a list of tasks in its own line
    ("UBND tỉnh yêu cầu các sở, ngành: A; B"), or -1."""
    colon = text.find(":", b.body_start, b.end)
    if colon < 0 or b.end - colon < 12:
        return -1
    return colon if _inline_intro_re().search(text, b.body_start, colon) else -1


@dataclass(frozen=True)
class InlineIntro:
    """A paragraph that lists tasks in its own line: its introducing words run from ``group_start`` to
    ``group_end``, its clauses from ``start`` to ``end``, and it makes a list with ``min_items`` of them."""

    group_start: int
    group_end: int
    start: int
    end: int
    min_items: int


def inline_intro(text: str, b) -> InlineIntro | None:
    """The inline list of block ``b``: after an introducing colon ("UBND tỉnh yêu cầu các sở, ngành: A;
    B"; two clauses, or one after a strong cue), or, with no colon, a request to an agency followed by
    clauses separated by ";" ("Chủ tịch UBND huyện yêu cầu các ngành phải có kế hoạch …; cần …; tập trung
    …", ``headings.toml`` ``[inline_intro]`` ``series``; three clauses)."""
    colon = inline_intro_colon(text, b)
    if colon >= 0:
        strong = bool(intro_strong_re().search(text, b.body_start, colon))
        return InlineIntro(b.body_start, colon, colon + 1, b.end, 1 if strong else 2)
    for m in _series_cue_re().finditer(text, b.body_start, b.end):
        agency, aend = leading_agency(text[m.end() : b.end])
        if not agency:
            continue
        start = m.end() + aend
        # the series ends with the request's sentence, not at an abbreviation's full stop ("UBND Tp. trước …")
        end = first_sentence_end(text, start, b.end)
        if end < b.end and text[end - 1] == ".":
            end -= 1
        if text.count(";", start, end) >= 2 and ":" not in text[m.start() : start]:
            # the request's own clause introduces the clauses, not the dateline, lead or fronted
            # adverbial before it ("Phát biểu chỉ đạo Hội nghị … tổ chức ngày 13/12, Thủ tướng … yêu cầu …")
            opening = max(
                text.rfind(". ", b.body_start, m.start()) + 2, text.rfind(", ", b.body_start, m.start()) + 2, b.body_start
            )
            return InlineIntro(opening, start, start, end, 3)
    return None


@cache
def _series_cue_re() -> re.Pattern:
    words = load("headings")["inline_intro"]["series"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})\s+", re.IGNORECASE)


@cache
def _series_first_re() -> re.Pattern:
    data = load("segmentation")["inline_ordinals"]
    firsts = [series[0] for series in data["series"]] + list(data.get("first_extra", ()))
    return re.compile(rf"(?<!\w)(?:{alternation(firsts)})(?!\w)", re.IGNORECASE)


def series_start(marker: str) -> bool:
    """The marker opens a series of ordinals ("Một là,", "Thứ nhất,", "Nhiệm vụ thứ nhất:")."""
    return bool(_series_first_re().search(" ".join(marker.split())))


def closing_blocks(blocks) -> set[int]:
    """Signature blocks and "Nơi nhận" lists, up to the next annex heading: no content."""
    out: set[int] = set()
    closing = False
    for i, b in enumerate(blocks):
        if (
            closing
            and not _CLOSING.search(b.text.strip())
            and (b.marker_type in ("caps", "roman", "part", "article") or _ANNEX_TITLE.match(b.text.strip()))
        ):
            closing = False
        if _CLOSING.search(b.text.strip()):
            closing = True
            if not b.text.strip().endswith("./."):
                out.add(i)
            continue
        if closing:
            out.add(i)
    return out
