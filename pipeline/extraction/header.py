"""Stage: the document's own header — where it ends, its type, number, issuer, date and
title (:func:`read_header`), the span whose years give the document its scope
(:func:`title_end`) and the year that anchors year-less times (:func:`year_anchor`).

Words and patterns come from ``resources/header.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..resources import load
from ..text.segment import Outline
from ..types import DocumentMeta, Reference
from .symbols import parse_symbol, split_id

__all__ = [
    "page_year",
    "card_date",
    "HeaderSpans",
    "locate_header",
    "has_header",
    "title_end",
    "read_header",
    "year_anchor",
    "time_exclusions",
    "BELOW_FURNITURE",
]

# characters after the header region where a header under a web page's furniture may stand (its
# place-and-date line is no time, its "Số: …" the document's own number)
BELOW_FURNITURE = 6000
# characters after the header block where its place-and-date line may stand (a công văn's "V/v …" subject,
# written left of the date, comes first when the page is flattened)
_DATE_REACH = 600


# Markdown emphasis or a heading mark before a type line ("**NGHỊ QUYẾT**", "# QUYẾT ĐỊNH"): a page saved as
# Markdown keeps its header that way
_MARKUP = r"(?:[*_#]+[ \t]*)?"


@cache
def _rx(key: str) -> re.Pattern:
    return re.compile(load("header")[key]["pattern"])


@cache
def _type_line_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load("header")["type_line"]["words"])
    return re.compile(rf"^\s*(?P<markup>{_MARKUP})(?:{words})\b.*$", re.MULTILINE)


@cache
def _title_type_re() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load("header")["title_type"]["words"])
    return re.compile(rf"^({words})\b\s*:?\s*(?P<rest>.*)$")


@cache
def _title_end_re() -> re.Pattern:
    return re.compile("[*_]*(?:" + "|".join(re.escape(w) for w in load("header")["title_end"]["words"]) + ")")


_ANY_YEAR_RE = re.compile(
    r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?!\d)|(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?!\d)"
)
_TITLE_MAX = 250
_LEAD_SENTENCE = 100  # a first line longer than this that ends with "." is the lead's sentence

TypeLine = re.Match | None


def type_line(text: str) -> TypeLine:
    """The header's type line ("QUYẾT ĐỊNH", "KẾ HOẠCH", …, or in Markdown "**NGHỊ QUYẾT**") in the first
    3,000 characters."""
    return _type_line_re().search(text, 0, min(len(text), 3000))


def _plain(line: TypeLine) -> TypeLine:
    """``line`` unless Markdown marks it up: a page saved as Markdown has its header's title (its years are the
    scope) but counts as a web page for the task decision, whose model learnt such pages with them."""
    return line if line is None or not line.group("markup") else None


@dataclass(frozen=True)
class HeaderSpans:
    """Where a document's header lies."""

    end: int  # end of the header block (the type line's line, else the first 1,200 characters)
    title_end: int  # end of the span whose years give the document its scope (0: none)
    present: bool  # the text opens with a document header (news articles and web excerpts have none)


def locate_header(text: str) -> HeaderSpans:
    """The header's spans of ``text`` (its type line is looked for once)."""
    m = type_line(text)
    return HeaderSpans(end=_header_end(text, m), title_end=title_end(text, m), present=has_header(text, _plain(m)))


def _header_end(text: str, m: TypeLine) -> int:
    if m:
        nl = text.find("\n", m.end())
        return nl if nl > 0 else m.end()
    return min(len(text), 1200)


def _title_end(text: str, m: TypeLine) -> int:
    """End of the document's title (the type line and the trích yếu under it), or 0
    when the text has no header: the span whose years give the document's scope."""
    if not m:
        return 0
    pos = text.find("\n", m.end())
    if pos < 0:
        return len(text)
    for _ in range(2):  # pdftotext -layout leaves blank lines between the type line and the title
        nxt = text.find("\n", pos + 1)
        if nxt > 0 and not text[pos + 1 : nxt].strip() and text[nxt + 1 : text.find("\n", nxt + 1)].strip():
            pos = nxt
            break
        if nxt < 0 or text[pos + 1 : nxt].strip():
            break
        pos = nxt
    stop = _rx("title_stop")
    for k in range(6):
        nxt = text.find("\n", pos + 1)
        line = text[pos + 1 : nxt if nxt > 0 else len(text)]
        if not line.strip() or (k and stop.match(line)) or len(line) > 300:
            break
        pos = nxt if nxt > 0 else len(text)
        if nxt < 0:
            break
    return pos


def _subject_line(text: str) -> re.Match | None:
    """A công văn's subject line ("V/v …") in the header of a text that has no type line."""
    return _rx("subject_line").search(text, 0, min(len(text), 2500))


def _subject_end(text: str, m: re.Match) -> int:
    """End of a subject line and of the lines it runs on over (not past a blank line, the date
    line, "Kính gửi" or a line that opens the body)."""
    pos = m.end()
    stop, date = _rx("title_stop"), _rx("date_line")
    for _ in range(3):
        nxt = text.find("\n", pos + 1)
        line = text[pos + 1 : nxt if nxt > 0 else len(text)]
        if not line.strip() or stop.match(line) or date.search(line) or _title_end_re().match(line.strip()) or len(line) > 200:
            break
        pos = nxt if nxt > 0 else len(text)
        if nxt < 0:
            break
    # lines joined by the unwrapping stage: the date line or "Kính gửi" may follow on the same line
    cuts = [
        x.start() for x in (date.search(text, m.start("title"), pos), _title_end_re().search(text, m.start("title"), pos)) if x
    ]
    return min(cuts, default=pos)


def _lead_end(text: str) -> int:
    """End of the title of a text without a header (a news article, a web excerpt): its first
    content line when that is short enough to be a title and is no sentence of the lead, else 0.
    Furniture is already blank."""
    m = re.search(r"\S[^\n]*", text)
    if not m or len(m.group(0).rstrip()) > _TITLE_MAX:
        return 0
    line = m.group(0).rstrip()
    if len(line) > _LEAD_SENTENCE and line.endswith("."):
        return 0  # a sentence of the lead, not a headline: headlines end without a full stop
    if _rx("lead_not_title").search(line):
        return 0  # "Căn cứ Luật … ;": a body-only text's preamble
    return m.end()


def has_header(text: str, line: TypeLine | bool = True) -> bool:
    """Whether the text opens with a document header: its type line ("KẾ HOẠCH", "QUYẾT ĐỊNH", …),
    the national motto or a "Số: …/…" line in its first 2,000 characters. News articles and web
    excerpts have none. ``line``: :func:`type_line` of the text (through :func:`_plain`) when the caller has it."""
    if line is True:
        line = _plain(type_line(text))
    return line is not None or bool(_rx("marks").search(text, 0, min(len(text), 2000)))


def title_end(text: str, line: TypeLine | bool = True) -> int:
    """End of the span whose years give a document its scope: the header's type line and title,
    else (a news article, a web excerpt) its title line."""
    if line is True:
        line = type_line(text)
    if isinstance(line, re.Match):
        return _title_end(text, line) or _lead_end(text)
    subject = _subject_line(text) if has_header(text, line) else None
    return _subject_end(text, subject) if subject else _lead_end(text)


def card_date(text: str) -> str:
    """The date a legal-document site's card gives a document ("**Ngày ban hành:**" ⏎ "17/11/2025";
    ``header.toml`` ``[card_date]``), ISO, or "". Read on the text before its furniture is blanked."""
    d = load("header")["card_date"]
    m = _rx("card_date").search(text, 0, int(d["chars"]))
    if not m or not (1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31):
        return ""
    return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"


def read_header(text: str, own_number: str, header_end: int) -> DocumentMeta:
    """The document's own number, type, issuer, date, place and title from its header block."""
    head = text[:header_end]
    date = place = ""
    m = _rx("date").search(head)
    if m is None and header_end:  # below a công văn's "V/v …" subject, a line of its own
        alone = _date_line_alone_re().search(text, header_end, header_end + _DATE_REACH)
        m = _rx("date").match(text, alone.start(1)) if alone else None
    if m and m.group("d").isdigit() and m.group("m").isdigit():
        date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        place = m.group("place").strip()
    elif m:
        date = m.group("y")
        place = m.group("place").strip()
    dtype, title = _type_and_title(text, header_end)
    issuer = ""
    im = _rx("issuer").search(text, 0, min(len(text), 600))
    if im:
        issuer = sentence_case(" ".join(im.group("iss").split()))
    if own_number:
        info = parse_symbol(*split_id(own_number))
        issuer = issuer or info.issuer
        dtype = dtype or info.type
    return DocumentMeta(number=own_number, type=dtype, issuer=issuer, date=date, title=title, place=place)


def _type_and_title(text: str, header_end: int) -> tuple[str, str]:
    """The type ("Kế hoạch") and the title of the header's type line and the lines under it."""
    lines = [ln.strip(" \t*_#") for ln in text[: header_end + 400].split("\n")]
    for i, ln in enumerate(lines):
        t = _title_type_re().match(ln)
        if not t or ln.endswith(":"):
            continue  # ("QUYẾT ĐỊNH:" is the enacting formula above Điều 1, not the type line)
        rest = [t.group("rest")] if t.group("rest") and not t.group("rest").isupper() else []
        capitals: list[str] = []  # a title in capitals ("BAN HÀNH QUY CHẾ …"), when no sentence-case one follows
        for x in lines[i + 1 : i + 5]:
            if not x:
                if rest or capitals:
                    break
                continue
            if _title_end_re().match(x) or (capitals and _rx("title_stop").match(x)):
                break
            if x.isupper() and not rest:
                capitals.append(x)
                continue
            if x.isupper():
                break
            rest.append(x)
        return t.group(1).capitalize(), " ".join(" ".join(rest or capitals).split())
    subject = _subject_line(text) if has_header(text, False) else None
    if subject:
        title = text[subject.start("title") : _subject_end(text, subject)]
        return load("header")["subject_line"]["type"], " ".join(title.replace("|", " ").split())
    return "", ""


@cache
def _case_res() -> tuple[re.Pattern, re.Pattern]:
    d = load("header")["sentence_case"]
    heads = "|".join(re.escape(w) for w in d["heads"])
    places = "|".join(re.escape(w) for w in d["places"])
    return re.compile(rf"^({heads}) (\w)"), re.compile(rf"\b({places}) (.+)$")


def sentence_case(name: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH SƠN LA' → 'Ủy ban nhân dân tỉnh Sơn La', 'BỘ TƯ PHÁP' → 'Bộ Tư pháp'."""
    low = name.lower().replace("uỷ", "ủy")
    low = low[:1].upper() + low[1:]
    head, place = _case_res()
    low = head.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", low)
    low = place.sub(lambda m: f"{m.group(1)} {m.group(2).title()}", low)
    low = re.sub(r"^(Thủ tướng) chính phủ", r"\1 Chính phủ", low)
    return low


def time_exclusions(
    text: str, header_end: int, refs: list[Reference], own_spans: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Spans no time is read from: references, their dates, the mentions of the document's own number with
    theirs (``FoundReferences.own_spans``) and the header's place-and-date line."""
    exclude = [(r.start, r.end) for r in refs] + [r.date_span for r in refs if r.date_span] + list(own_spans)
    date_line = _rx("date_line").search(text[: header_end + _DATE_REACH])
    if date_line:
        exclude.append(date_line.span())
    # a place-and-date line standing alone further down, near the top of a text that has a header
    # region (a header below a web page's furniture): the document's date, not a time of its content
    if header_end:
        exclude += [
            m.span(1) for m in _date_line_alone_re().finditer(text, header_end + _DATE_REACH, header_end + BELOW_FURNITURE)
        ]
    return exclude


@cache
def _date_line_alone_re() -> re.Pattern:
    # (then the end of the line, or a column joined after two or more blanks: "… năm 2025*   **CÔNG ĐIỆN**")
    return re.compile(
        rf"^[ \t*_|]*(?:Số\s*:[^\n]{{0,40}}?[ \t]{{2,}}[*_]*)?({load('header')['date_line']['pattern']})[*_]*(?:[ \t]{{2,}}.*|[ \t*_|]*)$",
        re.MULTILINE,
    )


def page_year(text: str) -> int | None:
    """The year of a web page's date line above the text ("09:06, 23/06/2020", "Thứ Năm, 28/11/2024 15:28") or of a
    search result's stamp before it ("date 2024-06", ``[page_year] stamp``),
    in its first ``[page_year] chars`` characters: read on the text before its furniture is blanked."""
    d = load("header")["page_year"]
    stamp = re.match(d["stamp"], text)
    if stamp:
        return int(stamp.group(1))
    m = _ANY_YEAR_RE.search(text, 0, int(d["chars"]))
    return int(next(g for g in m.groups() if g)) if m else None


def year_anchor(
    text: str, outline: Outline, meta: DocumentMeta, published: int | None = None, refs: Sequence[Reference] = ()
) -> Callable[[int], int | None]:
    """Year of the nearest enclosing scope for year-less expressions: the last heading before a
    position that names a year, else the document's year (its date, else the first year in it or, when
    later, the year of the latest dated reference in ``refs``, else the year of the page that ``published`` it)."""
    year_re = _rx("year")
    years = [(b.start, int(m.group(1))) for b in outline.blocks if b.kind == "heading" for m in [year_re.search(b.text)] if m]
    doc_year = int(meta.date[:4]) if meta.date[:4].isdigit() else None
    if doc_year is None:  # the first year written ("năm 2020" or "ngày 14-7-2020", whichever comes first), not a horizon
        horizon = _rx("horizon_year")
        ahead = (m for m in year_re.finditer(text) if not horizon.search(text, max(0, m.start() - 20), m.start()))
        # (or a quarter's: "trong quý IV-2015", ``header.toml`` ``[quarter_year]``)
        found = [m for m in (next(ahead, None), _ANY_YEAR_RE.search(text), _rx("quarter_year").search(text)) if m]
        m = min(found, key=lambda m: m.start()) if found else None
        doc_year = int(next(g for g in m.groups() if g)) if m else None
        cited = [int(r.date[:4]) for r in refs if r.date[:4].isdigit()]
        if doc_year is not None and cited:  # a text is no older than the latest document it cites
            doc_year = max(doc_year, max(cited))
        if doc_year is not None:  # … nor than the year after one it compares with ("cùng kỳ năm 2018")
            doc_year = max([doc_year] + [int(m.group(1)) + 1 for m in _rx("last_year").finditer(text)])
    if doc_year is None and (school := _rx("school_year").search(text)):  # "năm học 2019-2020": its second year
        doc_year = int(school.group(1))
    if doc_year is None:  # nothing in the text: the page that published it ("09:06, 23/06/2020" above it)
        doc_year = published

    def anchor(pos: int) -> int | None:
        best = None
        for s, y in years:
            if s <= pos:
                best = y
        return best or doc_year

    return anchor
