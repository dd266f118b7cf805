"""Agency names: who leads a task and who helps (``lead_agency``, ``partner_agencies``)."""

from __future__ import annotations

import re
from functools import cache

from ..resources import alternation, lexicon, load, pattern

__all__ = ["agency_list", "leading_agency", "lead_and_partners", "subject_agency"]


@cache
def _name_run() -> tuple[str, str]:
    """The pattern of one character of a name's run (no stop word, no dash between spaces may follow it, no
    clause punctuation) and of where the run ends: the stop word, the punctuation or the dash."""
    stops = alternation(load("agencies")["stops"]["words"])
    return (
        rf"(?:(?!\s+(?:{stops})(?![\w])|\s[-–]\s)[^;:.()\n])",
        rf"(?=\s+(?:{stops})(?![\w])|\s*[:;.(\n]|\s[-–]\s|$)",
    )


@cache
def _agency_re() -> re.Pattern:
    data = load("agencies")
    heads = alternation(data["heads"]["words"])
    lead_in = alternation(data["lead_ins"]["words"])
    not_heads = alternation(data["not_heads"]["words"])
    det = alternation(data["determiners"]["words"])
    char, end = _name_run()
    return re.compile(rf"(?:(?:{lead_in})\s+)?(?P<ag>(?:(?:{det})\s+)?(?!(?:{not_heads})(?!\w))(?:{heads}){char}{{0,120}}?){end}")


_LIST_COLON = pattern("agencies", "list_colon")


@cache
def _compound_tail_re() -> re.Pattern:
    """The rest of a name joined by a dash ("Sở Lao động - Thương binh và Xã hội"): up to a stop word or the
    end of the clause, as :func:`_agency_re`'s name runs; never a person's post (``agencies.toml``
    ``[dash_join]``)."""
    posts = alternation(load("agencies")["dash_join"]["words"])
    char, end = _name_run()
    return re.compile(rf"\s[-–]\s(?!(?:{posts})(?!\w))(?P<tail>{char}{{1,80}}?){end}")


def leading_agency(text: str) -> tuple[str, int]:
    """An agency name that opens ``text`` ("Sở Tư pháp chủ trì ...", "Các Bộ: Quốc phòng, Công an
    chủ động …"), and its end offset. A dash followed by a capitalised word that opens no agency's name
    joins the two halves of one name ("Sở Lao động - Thương binh và Xã hội chủ trì …", "Trung tâm Văn hóa -
    Thông tin và Thể thao huyện tăng cường …"); before another agency ("UBND tỉnh - Ban Chỉ đạo …") it ends it."""
    lc = _LIST_COLON.match(text)
    read = text[: lc.start("colon")] + " " + text[lc.end("colon") :] if lc else text  # past "Các Bộ:"'s colon
    lead = len(read) - len(read.lstrip())
    m = _agency_re().match(read, lead)
    if not m:
        return "", 0
    end = m.end("ag")
    while (
        (t := _compound_tail_re().match(read, end))
        and t.group("tail")[:1].isupper()
        and not _agency_re().match(read, t.start("tail"))
    ):
        end = t.end("tail")
    name = text[m.start("ag") : end].strip(" ,*_")  # as written, the colon kept, an emphasis's marks not
    if len(name.split()) > 25:
        return "", 0
    return name, end


_NAME_END = " .,*_"  # what may follow an agency name in a list: punctuation, an emphasis's marks


def agency_list(clause: str) -> bool:
    """The clause only names agencies ("Ban Chỉ đạo các quân khu; Ban Chỉ đạo các tỉnh", a "Cơ quan
    chủ trì" entry): each ``;`` part is one agency name and no action verb in lower case stands
    anywhere in it (the capitalised "Chỉ đạo" of "Ban Chỉ đạo" is part of a name)."""
    parts = [p for p in (p.strip(_NAME_END + "\t\n") for p in clause.split(";")) if p]
    if not parts or _any_verb().search(clause):
        return False
    for part in parts:
        name, end = leading_agency(part)
        if not name or part[end:].strip(_NAME_END):
            return False
    return True


@cache
def _any_verb() -> re.Pattern:
    return re.compile(rf"(?<!\w){lexicon().verb_re.pattern}")


@cache
def _stop_next() -> re.Pattern:
    """A stop word (a verb like "chủ trì", "cần", "triển khai") right after an agency name."""
    return re.compile(rf"\s+(?:{alternation(load('agencies')['stops']['words'])})(?![\w])")


def subject_agency(text: str) -> str:
    """The agency that is the subject of a sentence introducing a list, wherever the clause
    that names it starts ("Nhằm đạt được mục tiêu …, các bộ, cơ quan ngang bộ, … cần cụ thể
    hóa và tổ chức triển khai thực hiện các nhiệm vụ sau đây:"), or ""."""
    ag, end = leading_agency(text)
    if ag:
        return ag
    for m in re.finditer(r"[,;]\s+", text):
        ag, end = leading_agency(text[m.end() :])
        if ag and _stop_next().match(text, m.end() + end):
            return ag
    return ""


_GIAO = re.compile(load("agencies")["assignment"]["pattern"])
_LEAD = re.compile(r"(?P<ag>[^;:.]{3,120}?)\s+chủ trì")
_LEAD_WORD = "chủ trì"


def _lead_search(text: str) -> re.Match | None:
    """``_LEAD.search(text)``, started where a match can first begin. ``_LEAD`` tries up to 120
    characters lazily at every position, so a plain search costs ~120 steps a character. Any match
    ends with whitespace then "chủ trì"; its name part (≤ 120 characters) ends inside the
    whitespace run before that word, so no match starts more than 120 characters before the
    run before the first "chủ trì", and without "chủ trì" there is none."""
    o = text.find(_LEAD_WORD)
    if o < 0:
        return None
    r = o
    while r > 0 and text[r - 1].isspace():  # str.isspace is re's \s for str patterns
        r -= 1
    return _LEAD.search(text, max(0, r - 120))


_PARTNER = re.compile(load("agencies")["partners"]["pattern"])


def _split_names(s: str) -> tuple[str, ...]:
    parts = re.split(r",\s*|\s+và\s+", s)
    return tuple(p.strip() for p in parts if p.strip() and not p.strip().startswith(("các cơ quan", "cơ quan liên quan")))


def lead_and_partners(text: str, heading_agency: str = "") -> tuple[str, tuple[str, ...]]:
    """Lead agency and partners from a task's text (or the agency heading above it)."""
    lead = ""
    m = _GIAO.search(text)
    if m and leading_agency(m.group("ag"))[0]:  # "giao nhiệm vụ tham mưu" assigns no agency
        lead = m.group("ag").strip()
    else:
        ag, _ = leading_agency(text)
        if ag:
            lead = ag
        else:
            m = _lead_search(text)
            if m:
                cand, _ = leading_agency(m.group("ag").split(",")[-1])
                lead = cand
    lead = lead or heading_agency
    pm = _PARTNER.search(text)
    partners = _split_names(pm.group("ps")) if pm else ()
    return lead, partners
