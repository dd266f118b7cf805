"""Stage: references to other documents (annotation guide §3).

Numbered state documents (``25/2021/QĐ-TTg``, ``4402/QĐ-UBND``, ``7432/UBND-XD``),
Party documents (``80-KL/TW``), technical standards (``QCVN 06:2022/BXD``) — their
grammar is :mod:`.symbols` —, laws, codes and ordinances cited by name (:mod:`.laws`),
and short forms the document defines (``(viết tắt là Chỉ thị 11)``).
Damage seen in real text (spaces, look-alike letters, odd case, dots, glued
footnote digits, OCR digits, line breaks) is repaired and recorded in ``flags``;
a mention that cannot be parsed completely is still reported, with a flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from itertools import accumulate

from ..resources import alternation, lexicon, load, pattern
from ..text.triggered import Triggered
from ..types import Reference
from .consensus import agree_ids
from .header import BELOW_FURNITURE
from .laws import defined_aliases, named_laws
from .mention import AFTER_YEAR, DATE_RE, date_after, iso, relation
from .short_forms import back_references, short_forms
from .symbols import NATIONAL_STANDARD_RE, NUMBERED_NEAR, NUMBERED_RE, PARTY_NEAR, PARTY_RE, STANDARD_RE, Symbol, parse_symbol

__all__ = ["find_references", "FoundReferences"]


@dataclass(frozen=True)
class FoundReferences:
    """The reference mentions of a document in text order, its own number (its header's "Số: …"), and the spans
    of the mentions of that number in its text, with their dates ("Xem chi tiết tại Công văn 10988/BNV-CQĐP ban
    hành ngày 21/11/2025" on a legal site's page): no reference, and no time either."""

    references: tuple[Reference, ...]
    own_number: str = ""
    own_spans: tuple[tuple[int, int], ...] = ()


_OF = re.compile(r"[ ,]*của\s+", re.IGNORECASE)
_DATE_LEAD = pattern("references", "date_lead")
# = rx.finditer(text), faster (the places where a match may start: symbols.py, references.toml)
_NUMBERED_SCAN = Triggered(NUMBERED_RE, near=NUMBERED_NEAR)
_PARTY_SCAN = Triggered(PARTY_RE, near=PARTY_NEAR)
_DATE_LEAD_SCAN = Triggered(
    _DATE_LEAD, load("references")["date_lead"].get("starts_at", ()), load("references")["date_lead"].get("starts_after", ())
)
_ISSUING = pattern("references", "issuing")
_LIST_GAP = pattern("references", "list_gap")
_FORM = pattern("references", "form_code")


@cache
def _type_word_re():
    lx = lexicon()
    words = "|".join(re.escape(w).replace(r"\ ", r"[\s_]+") for w in lx.type_words)
    number = load("references")["number_word"]["pattern"]
    return re.compile(rf"(?<![\w])(?P<tw>{words})(?:\s+{number})?\s*:?\s*$", re.IGNORECASE)


@cache
def _issuer_stop_re():
    words = load("references")["issuer_stops"]["words"]
    alt = alternation(words)
    return re.compile(rf"\s+(?:{alt})(?![\w])|[,;.:()\n\"“”]|\s-\s|$", re.IGNORECASE)


def _issuer_after(text: str, pos: int) -> tuple[str, int]:
    m = _OF.match(text, pos)
    if not m:
        return "", pos
    start = m.end()
    stop = _issuer_stop_re().search(text, start, min(len(text), start + 120))
    end = stop.start() if stop else min(len(text), start + 80)
    words = text[start:end].split()[:10]
    if not words or not (words[0][:1].isupper()):
        return "", pos
    issuer = " ".join(words)
    return issuer, start + len(text[start:end].rstrip())


def _type_before(text: str, start: int) -> str:
    m = _type_word_re().search(text, max(0, start - 40), start)
    if not m:
        return ""
    tw = " ".join(m.group("tw").replace("_", " ").split())
    for w in lexicon().type_words:
        if w.lower() == tw.lower():
            return w
    return tw


def _date_and_issuer(text: str, end: int) -> tuple[str, tuple[int, int] | None, str]:
    """(date, its span, issuer) of the mention ending at ``end``: "… ngày 22/7/2021 của Thủ tướng
    Chính phủ", or the date after the issuer ("… của Bộ Tư pháp ngày 10/3/2024")."""
    date, pos, dspan = date_after(text, end)
    issuer, ipos = _issuer_after(text, pos)
    if not date and issuer:
        date, _, dspan = date_after(text, ipos)
    return date, dspan, issuer


def _finish(text: str, start: int, end: int, info: Symbol, type_hint: str) -> Reference:
    date, dspan, issuer = _date_and_issuer(text, end)
    year = ""
    if not date:
        y = AFTER_YEAR.match(text, end)
        if y:
            year = y.group("y")
    rtype = info.type or type_hint
    if not rtype:
        rtype = "Luật" if info.issuer_code.startswith("QH") else "Công văn"
    flags = list(info.flags)
    if not info.issuer and not issuer:
        flags.append("issuer_unknown")
    return Reference(
        start=start,
        end=end,
        text=text[start:end],
        ref_id=info.id,
        type=rtype,
        number=info.number,
        year=info.year or year,
        code=info.code,
        issuer=issuer or info.issuer,
        date=date,
        relation=relation(text, start),
        flags=tuple(sorted(set(flags))),
        date_span=dspan,
    )


def _accept(info: Symbol, text: str, s: int, party: bool) -> bool:
    if _FORM.search(text, max(0, s - 20), s):
        return False  # "Mẫu số 06/GTGT": a form's number, not a document cited
    if party:
        return bool(info.type)
    code = info.issuer_code
    if not code:
        # a bare type code ("số 895/HD ngày ...") is a reference only after "số"
        return bool(info.code) and bool(re.search(r"số\s*:?\s*$", text[max(0, s - 8) : s], re.IGNORECASE))
    if not re.match(r"[A-ZĐ]", code):
        return False
    if not info.code and not info.issuer and len(code) < 2:
        return False
    if not info.code and not info.issuer and "case_repaired" in info.flags and "-" not in info.id:
        return False  # "1/ Đối tượng …": an item numbered "1/", not a document "1/ĐỐI"
    return True


def _standard(text: str, m: re.Match, end: int, issuer_code: str, issuer: str) -> Reference:
    """A technical standard's reference from a match of ``STANDARD_RE`` or ``NATIONAL_STANDARD_RE``."""
    code = m.group("code")
    return Reference(
        start=m.start(),
        end=end,
        text=text[m.start() : end],
        ref_id=f"{m.group('kind')} {code}" + (f"/{issuer_code}" if issuer_code else ""),
        type=m.group("kind"),
        number=code,
        issuer=issuer,
        relation=relation(text, m.start()),
        flags=("footnote_stripped",) if m.groupdict().get("fn") else (),
    )


def _numbered(text: str, header_end: int) -> tuple[list[Reference], str]:
    refs: list[Reference] = []
    own = ""
    taken: list[tuple[int, int]] = []
    lx = lexicon()
    for m in STANDARD_RE.finditer(text):  # "QCVN 06:2022/BXD"
        taken.append(m.span())
        refs.append(_standard(text, m, m.end("iss"), m.group("iss"), lx.issuer_codes.get(m.group("iss"), "")))
    for m in NATIONAL_STANDARD_RE.finditer(text):  # "TCVN 7435-1", without an issuer
        if not any(a < m.end() and m.start() < b for a, b in taken):
            taken.append(m.span())
            refs.append(_standard(text, m, m.end(), "", ""))
    for scan, party in ((_PARTY_SCAN, True), (_NUMBERED_SCAN, False)):
        for m in scan.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            sym = m.group("sym")
            if party:
                info = parse_symbol(m.group("num"), "", sym, m.group("ptype"))
                if "_" in text[m.end("ptype") : m.start("sym")]:
                    info = replace(info, flags=tuple(sorted(set(info.flags) | {"separator_repaired"})))
            else:
                info = parse_symbol(m.group("num"), m.group("year") or "", sym)
                if m.group("ysep") == ".":
                    info = replace(info, flags=tuple(sorted(set(info.flags) | {"separator_repaired"})))
            if not _accept(info, text, s, party):
                continue
            if not info.issuer_code:
                info = replace(info, flags=tuple(sorted(set(info.flags) | {"issuer_missing"})))
            info = replace(
                info,
                number=info.id.split("/")[0].split("-")[0] if not party else info.id.split("-")[0],
                year=(m.group("year") or "") if not party else "",
            )
            taken.append((s, e))
            if not own and _own_number_at(text, s, e, header_end):
                own = info.id
                continue
            hint = _type_before(text, s)
            refs.append(_finish(text, s, e, info, hint))
            refs.extend(_list_siblings(text, s, info, hint))
    return refs, own


_LIST_NUMS = re.compile(r"(?P<nums>(?:\d{1,5}\s*,\s*)+(?:\d{1,5}\s*(?:,|và)\s*)?)$")


def _list_siblings(text: str, s: int, info: Symbol, hint: str) -> list[Reference]:
    """'Nghị định 87,88,31/CP': the numbers before the last share its symbol."""
    m = _LIST_NUMS.search(text, max(0, s - 40), s)
    if not m:
        return []
    hint = hint or _type_before(text, m.start())
    if not hint:
        return []
    out = []
    rest = info.id[len(info.number) :]
    pos = m.start()
    for n in re.finditer(r"\d{1,5}", m.group("nums")):
        a, b = pos + n.start(), pos + n.end()
        out.append(
            Reference(
                start=a,
                end=b,
                text=text[a:b],
                ref_id=n.group(0) + rest,
                type=info.type or hint,
                number=n.group(0),
                code=info.code,
                issuer=info.issuer,
                relation=relation(text, a),
                flags=("list_expanded",),
            )
        )
    return out


def _date_before(text: str, refs: list[Reference]) -> list[Reference]:
    """'Ngày 30/12/2023, UBND tỉnh Yên Bái đã có Văn bản số 4516/UBND-TNMT': the opening date
    is the date of the first reference of the clause."""
    out = list(refs)
    starts = sorted((r.start, i) for i, r in enumerate(out))
    for m in _DATE_LEAD_SCAN.finditer(text):
        d = DATE_RE.match(text, m.end())
        if not d or not iso(d):
            continue
        comma = bool(re.match(r"\s*,", text[d.end() : d.end() + 3]))
        nxt = next((i for s, i in starts if s >= d.end()), None)
        if nxt is None:
            continue
        r = out[nxt]
        gap = text[d.end() : r.start]
        if len(gap) > 160 or re.search(r"[.;\n]", gap) or r.date or "/" not in r.ref_id:
            continue
        if (not comma or m.group("mid") is not None) and not _ISSUING.search(gap):
            continue  # (after a fronted phrase's comma, only a clause that issues the document)
        out[nxt] = replace(
            r,
            date=iso(d),
            date_span=(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), d.end()),
            flags=tuple(sorted(set(r.flags) | {"date_before"})),
        )
    return out


def _list_types(text: str, refs: list[Reference]) -> list[Reference]:
    """'các Nghị quyết của HĐND tỉnh: số 340/NQ-HĐND …; số 160/NQ-HĐND': the type given once."""
    out = list(refs)
    for i in range(1, len(out)):
        r, prev = out[i], out[i - 1]
        if r.type not in ("Công văn", "") or "/" not in r.ref_id or prev.type in ("Công văn", ""):
            continue
        if _type_before(text, r.start):
            continue
        gap_from = prev.date_span[1] if prev.date_span and prev.date_span[1] <= r.start else prev.end
        if _LIST_GAP.fullmatch(text[gap_from : r.start] or " ") and not _type_word_re().search(text[gap_from : r.start] + " "):
            out[i] = replace(r, type=prev.type, flags=tuple(sorted(set(r.flags) | {"type_from_list"})))
    return out


_OWN_LABEL = re.compile(r"(?:^|\s)Số\s*:?\s*$")
_DATE_LINE = pattern("header", "date_line")
_SUBJECT_LINE = re.compile(r"(?m)^[\s*_|]*V/v\b")
_CARD_NUMBER = re.compile(r"(?:^|\s)\**Số hiệu\s*:?[*_]*[\s|#]*$")


def _own_number_at(text: str, s: int, e: int, header_end: int) -> bool:
    """Whether the symbol at ``text[s:e]`` is the document's own number: after "Số:" in its header;
    or, for a document whose header stands below a web page's furniture (near the top of a text that
    has a header region: a later section's text, ``header_end`` 0, has none), after "Số:" on a line
    followed by the header's place-and-date line or a công văn's "V/v …" subject line, or as the value
    of a legal site's card label ("**Số hiệu:**" ⏎ "96/CĐ-BXD")."""
    line_start = text.rfind("\n", 0, s) + 1
    numbered = bool(_OWN_LABEL.search(text[line_start:s]))
    if numbered and s < header_end:
        return True
    if s < BELOW_FURNITURE and _CARD_NUMBER.search(text[max(0, s - 60) : s]):
        return True  # a legal site's card near the top, whether or not a header is found below it (OCR)
    if not header_end or s > header_end + BELOW_FURNITURE:
        return False
    if numbered:
        return bool(_DATE_LINE.search(text, e, e + 300) or _SUBJECT_LINE.search(text, e, e + 200))
    return bool(_CARD_NUMBER.search(text[max(0, s - 60) : s]))


# an annex cut from its decision opens on its title and "(Kèm theo Quyết định số …)": no header, the
# line within the text's first characters
_SELF_MENTION_TOP = 1500


def _self_mention(text: str, header_end: int, own: str) -> str:
    """The document's own number given only in a '(Ban hành kèm theo Quyết định số …)' line of its header
    (or, in italics, at the top of an annex cut from its decision)."""
    if own:
        return own
    m = re.search(
        r"^[\s*_]*\(\s*(?:Ban\s+hành\s+)?(?:kèm\s+)?theo\s+[^()\d]{3,30}?số\s*:?\s*",
        text[: max(header_end + 300, _SELF_MENTION_TOP)],
        re.IGNORECASE | re.MULTILINE,
    )
    if m:
        for rx, party in ((NUMBERED_RE, False), (PARTY_RE, True)):
            n = rx.match(text, m.end())
            if n:
                info = parse_symbol(
                    n.group("num"), "" if party else (n.group("year") or ""), n.group("sym"), n.group("ptype") if party else ""
                )
                return info.id
    return ""


def find_references(text: str, header_end: int = 0) -> FoundReferences:
    """All reference mentions of ``text`` in document order, and the document's own
    number when its header (``text[:header_end]``) gives one as ``Số: …``."""
    numbered, own = _numbered(text, header_end)
    self_id = _self_mention(text, header_end, own)
    own_spans: list[tuple[int, int]] = []
    if self_id:
        # the document does not cite itself ("(Kèm theo Nghị quyết số 100/NQ-CP …)" in an annex)
        # (an OCR's dot for the symbol's hyphen too: "6225/BVHTTDL.VP" for 6225/BVHTTDL-VP)
        own_key = _SEPARATORS.sub("", self_id)
        mine = [r for r in numbered if _SEPARATORS.sub("", r.ref_id) == own_key]
        own_spans = [(r.start, r.end) for r in mine] + [r.date_span for r in mine if r.date_span]
        numbered = [r for r in numbered if _SEPARATORS.sub("", r.ref_id) != own_key]
    named = named_laws(text, numbered, defined_aliases(text))
    refs = sorted(numbered + named, key=lambda r: (r.start, -r.end))
    refs = refs + short_forms(text, refs)
    refs = sorted(refs, key=lambda r: (r.start, -r.end))
    refs = sorted(refs + back_references(text, refs), key=lambda r: (r.start, -r.end))
    refs = sorted(refs + _number_only(text, refs), key=lambda r: (r.start, -r.end))
    refs = _date_before(text, refs)
    refs = _list_types(text, refs)
    refs = agree_ids(_type_conflicts(text, refs))
    return FoundReferences(tuple(refs), own, tuple(own_spans))


_NUMBER_ONLY = pattern("references", "number_only")
_NUMBER_ID_TYPES = frozenset(load("references")["number_only"]["number_id_types"])
_SEPARATORS = re.compile(r"[-–.]")


def _number_only(text: str, refs: list[Reference]) -> list[Reference]:
    """Documents cited by type and bare number ("Nghị quyết số 12 của Tỉnh ủy"; ``references.toml``
    ``[number_only]``) that no other mention covers and that are no short form of a cited document
    of that type and number: id as written, flagged ``number_only``."""
    ordered = sorted(refs, key=lambda r: r.start)
    starts = [r.start for r in ordered]
    reach = list(accumulate((r.end for r in ordered), max))  # the furthest end among the refs so far
    known = {(r.type, r.number) for r in refs}  # "Chỉ thị 11" where 11-CT/TU is cited: its short form
    out = []
    for m in _NUMBER_ONLY.finditer(text):
        s, e = m.span()
        k = bisect_left(starts, e)  # the refs that start before the match ends …
        if (k and reach[k - 1] > s) or (m["type"], m["num"]) in known:  # … one of which overlaps it
            continue
        date, dspan, issuer = _date_and_issuer(text, e)
        out.append(
            Reference(
                start=s,
                end=e,
                text=text[s:e],
                ref_id=m["num"] if m["type"] in _NUMBER_ID_TYPES else " ".join(text[s:e].split()),
                type=m.group("type"),
                number=m.group("num"),
                issuer=issuer,
                date=date,
                relation=relation(text, s),
                flags=("number_only",) + (() if issuer else ("issuer_unknown",)),
                date_span=dspan,
            )
        )
    return out


def _type_conflicts(text: str, refs: list[Reference]) -> list[Reference]:
    """'Chỉ thị số 49-NQ/TW' where the document elsewhere cites 49-CT/TW: the type word wins."""
    lx = lexicon()
    by_code = {v: k for k, v in lx.type_codes.items()}
    ids = {r.ref_id for r in refs}
    out = []
    for r in refs:
        hint = _type_before(text, r.start)
        code = by_code.get(hint)
        if r.code and code and r.code != code and r.type != hint:
            fixed = (
                r.ref_id.replace(f"-{r.code}/", f"-{code}/", 1)
                if f"-{r.code}/" in r.ref_id
                else r.ref_id.replace(f"/{r.code}-", f"/{code}-", 1)
            )
            if fixed in ids:
                r = replace(r, ref_id=fixed, code=code, type=hint, flags=tuple(sorted(set(r.flags) | {"type_code_repaired"})))
            else:
                r = replace(r, flags=tuple(sorted(set(r.flags) | {"type_conflict"})))
        out.append(r)
    return out
