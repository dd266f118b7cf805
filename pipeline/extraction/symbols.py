"""The symbol grammar of Vietnamese document numbers (Nghị định 30/2020/NĐ-CP, Phụ lục III):
``25/2021/QĐ-TTg``, ``4402/QĐ-UBND``, ``7432/UBND-XD``, Party forms ``80-KL/TW`` and technical
standards ``QCVN 06:2022/BXD``. :func:`parse_symbol` splits and repairs a symbol (case,
look-alike letters, OCR digits, separators, glued footnote digits) into a :class:`Symbol`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import lexicon, load

__all__ = ["Symbol", "parse_symbol", "split_id", "NUMBERED_RE", "PARTY_RE", "STANDARD_RE", "NATIONAL_STANDARD_RE"]

_L = r"A-Za-zĐđÀ-ỹ"
# (a segment stops before a lower-case word glued to it by a scraped page: "1479/VPCP-KTTHngày 12/3/2009",
# "402/UBND-THKHvề tổ chức …")
# (and a space beside an "&" stays inside it: "103/BKH-KTĐP &LT", "15972/SXD-QLN& TTBĐS")
_GLUED = "|".join(load("references")["glued_words"]["words"])
_SEG = rf"[{_L}](?:(?!(?:{_GLUED})\b)(?:[{_L}0-9&]|[ ](?=&[{_L}])|(?<=&)[ ](?=[{_L}])))*"
# a hyphen (also U+FFFE / soft hyphen left by PDF text layers) with a space or a line break on at
# most one side; or a dot / underscore glued to the next letter ("QĐ.UB", "NQ_BCSĐ")
_HY = "[-–\ufffe\u00ad]"
# ("6129/BTC - TCCB": spaces on both sides only before a code in capitals)
_SEP = rf"(?:{_HY}(?:[ ]{{1,2}}|\n\s{{0,3}})?|[ ]{{1,2}}{_HY}(?![ ])|[ ]{_HY}[ ](?=[A-ZĐ]{{2,8}}(?![{_L}0-9]))|[._](?=[{_L}]))"
_SYM = rf"{_SEG}(?:{_SEP}{_SEG}){{0,4}}"
# digits (with a sub-number: "66.4"), or OCR look-alikes of digits ("II", "l2") before a slash
_NUM = r"(?:\d{1,5}(?:\.\d{1,2})?[a-z]?|(?=[0-9IlO]*[IlO])[0-9IlO]{2,4}(?=[ ]{0,2}/))"
NUMBERED_RE = re.compile(
    rf"(?<![\w/.:-])(?P<num>{_NUM})[ ]{{0,2}}(?:(?P<ysep>[/.])[ ]{{0,2}}(?P<year>(?:19|20)\d{{2}})[ ]{{0,2}})?/[ ]{{0,2}}(?P<sym>{_SYM})"
)
PARTY_RE = re.compile(
    rf"(?<![\w/.:-])(?P<num>\d{{1,5}})(?:[ ]{{0,2}}-(?:[ ]{{0,4}}|\n\s{{0,3}})|(?=[A-ZĐ]))"
    rf"(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,3}})[ ]{{0,2}}[/_][ ]{{0,2}}(?P<sym>{_SYM})"
)
STANDARD_RE = re.compile(
    r"(?P<kind>QCVN|TCVN)\s*(?P<code>\d+(?:[-:.]\d+)*(?::\d{4})?)\s*/\s*(?P<iss>[A-ZĐ]+?)(?P<fn>\d?)(?![\wĐ])"
)
# a national standard cited without an issuer ("TCVN 7435-1", "TCVN 14423:2025"); not the font "TCVN3"
NATIONAL_STANDARD_RE = re.compile(r"(?<![\w])(?P<kind>TCVN)[ ]+(?P<code>\d{3,5}(?:-\d{1,2})*(?::\d{4})?)(?![\d/:.-]*[\d/])")

# Where a match of NUMBERED_RE / PARTY_RE may start (pipeline/text/triggered.py): a digit (or an OCR
# look-alike "I", "l", "O") not after a word character, "/", ".", ":" or "-", with the pattern's
# "/" (or "_") at most 20 (18) characters on; tests/test_triggered.py checks these bounds against the
# patterns' widths and the equality of the matches.
NUMBERED_NEAR = ("/", 22, r"[\dIlO](?<![\w/.:-][\dIlO])")
PARTY_NEAR = ("/_", 20, r"\d(?<![\w/.:-]\d)")

_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0"})


@dataclass(frozen=True)
class Symbol:
    """A parsed document number."""

    id: str  # as written in the official form: "25/2021/QĐ-TTg", "80-KL/TW"
    code: str = ""  # type code ("QĐ"), "" for a công văn
    type: str = ""  # document type of the code ("Quyết định")
    issuer_code: str = ""  # first issuer part ("TTg", "UBND")
    issuer: str = ""  # issuer of the code ("Thủ tướng Chính phủ")
    flags: tuple[str, ...] = ()  # repairs made (sorted)
    number: str = ""  # the number part, when the caller set it
    year: str = ""  # the year part, when the caller set it


@cache
def _canon_codes() -> dict:
    lx = lexicon()
    out: dict[str, str] = {}
    codes = list(lx.type_codes) + list(lx.issuer_codes)
    for code in codes:
        out.setdefault(code.upper(), code)
    for code in codes:
        out.setdefault(code.upper().replace("Đ", "D"), code)
    return out


def _canon_segment(seg: str, last: bool = False) -> tuple[str, list[str]]:
    flags = []
    canon = _canon_codes()
    up = seg.upper()
    if up in canon:
        c = canon[up]
        if c != seg:
            flags.append("case_repaired" if c.upper() == up else "stroke_repaired")
        variant = lexicon().issuer_canonical.get(c)
        return (variant, flags + ["variant_repaired"]) if variant else (c, flags)
    if last:
        m = re.fullmatch(r"(QH|UBTVQH)(\d{2})(\d)", up)
        if m:
            return m.group(1) + m.group(2), ["footnote_stripped"]
        m = re.fullmatch(r"([A-ZĐ&]+?)(\d{1,2})", up)
        if m and m.group(1) in canon and not re.fullmatch(r"(QH|UBTVQH)\d{2}", up):
            return canon[m.group(1)], ["footnote_stripped"]
    if re.fullmatch(r"(QH|UBTVQH)\d{2}", up):
        return up, [] if up == seg else ["case_repaired"]
    # OCR doubled a letter ("QĐĐ" for "QĐ")
    m = re.fullmatch(r"(.*?)(.)\2", up)
    if m and (m.group(1) + m.group(2)) in canon and len(up) > 2:
        return canon[m.group(1) + m.group(2)], ["ocr_repaired"]
    return up, flags if up == seg else flags + ["case_repaired"]


def _split_fused(seg: str) -> tuple[str, str] | None:
    """A type code and an issuer code written as one word ("TTBCT", "CTTTg"), split at the one
    point where both halves are known codes; None when the word is a known code itself or no
    such point exists."""
    canon = _canon_codes()
    up = seg.upper()
    if up in canon or len(up) < 4:
        return None
    types = lexicon().type_codes
    cuts = [k for k in range(2, len(up) - 1) if canon.get(up[:k]) in types and up[k:] in canon]
    return (seg[: cuts[0]], seg[cuts[0] :]) if len(cuts) == 1 else None


def parse_symbol(number: str, year: str, sym: str, party_type: str = "") -> Symbol:
    """Split and repair a symbol: id, type code, issuer code, flags."""
    flags: list[str] = []
    if re.search(r"[IlO]", number):
        number = number.translate(_OCR_DIGITS)
        flags.append("ocr_repaired")
    if " " in sym or "\n" in sym:
        flags.append("space_repaired")
    # split at hyphens; a dot or underscore is a hyphen only between the type code and the
    # issuer ("QĐ.UB", "NQ_BCSĐ"); inside a multi-part issuer ("TC.CCVC") it is kept as written
    pieces = re.split(rf"(\s*{_HY}\s*|[._])", sym.strip())
    raw_parts, seps = pieces[0::2], pieces[1::2]
    lx = lexicon()
    if len(raw_parts) == 1 and not party_type:
        fused = _split_fused(raw_parts[0])
        if fused:  # "TTBCT" for "TT-BCT": an OCR engine lost the hyphen
            raw_parts, seps = list(fused), ["-"]
            flags.append("separator_repaired")
    parts = []
    n = len(raw_parts)
    for i, p in enumerate(raw_parts):
        c, f = _canon_segment(p, last=i == n - 1)
        parts.append(c)
        flags += f
    joined = parts[0] if parts else ""
    for i, sep in enumerate(seps, start=1):
        if sep in "._":
            first_gap = i == 1 and not party_type and parts[0] in lx.type_codes
            if first_gap or sep == "_" or party_type:
                flags.append("separator_repaired")
                joined += "-" + parts[i]
            else:
                joined += "." + parts[i]
        else:
            joined += "-" + parts[i]
    ptype = ""
    if party_type:
        ptype, f = _canon_segment(party_type)
        flags += f
    code = ptype or (parts[0] if parts and parts[0] in lx.type_codes else "")
    issuer_parts = parts if ptype else (parts[1:] if code else parts)
    issuer_code = issuer_parts[0] if issuer_parts else ""
    base = re.sub(r"\d+$", "", issuer_code)
    if ptype:
        rid = f"{number}-{ptype}/{joined}"
    else:
        rid = f"{number}{'/' + year if year else ''}/{joined}"
    return Symbol(
        id=rid,
        code=code,
        type=lx.type_codes.get(code, ""),
        issuer_code=issuer_code,
        issuer=lx.issuer_codes.get(issuer_code) or lx.issuer_codes.get(base, ""),
        flags=tuple(sorted(set(flags))),
    )


def split_id(rid: str) -> tuple[str, str, str, str]:
    """(number, year, symbol, party type) of an id, the arguments of :func:`parse_symbol`."""
    m = re.match(r"(\d+(?:\.\d+)?[a-z]?)(?:/((?:19|20)\d{2}))?/(.*)", rid)
    if m:
        return m.group(1), m.group(2) or "", m.group(3), ""
    m = re.match(r"(\d+)-([^/]+)/(.*)", rid)
    if m:
        return m.group(1), "", m.group(3), m.group(2)
    return rid, "", "", ""
