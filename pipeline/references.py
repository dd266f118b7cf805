"""Stage: references to other documents (annotation guide §3).

Numbered state documents (``25/2021/QĐ-TTg``, ``4402/QĐ-UBND``, ``7432/UBND-XD``),
Party documents (``80-KL/TW``), technical standards (``QCVN 06:2022/BXD``) and
laws cited by name (``Luật Hòa giải ở cơ sở``, abbreviations expanded). Damage
seen in real text is repaired and recorded in ``flags``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .resources import lexicon, load
from .types import DocumentMeta, Reference

__all__ = ["find_references", "parse_symbol", "read_header", "DATE_RE", "canonical_id"]

_L = r"A-Za-zĐđÀ-ỹ"
_SEG = rf"[{_L}][{_L}0-9&]*"
_SYM = rf"{_SEG}(?:[ ]?[-–._][ ]?{_SEG}){{0,4}}"
NUMBERED_RE = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}}[a-z]?)[ ]{{0,2}}(?:/[ ]{{0,2}}(?P<year>(?:19|20)\d{{2}})[ ]{{0,2}})?/[ ]{{0,2}}(?P<sym>{_SYM})"
)
PARTY_RE = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}})[ ]{{0,2}}-?[ ]{{0,2}}(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,3}})[ ]{{0,2}}[/_][ ]{{0,2}}(?P<sym>{_SYM})"
)
STANDARD_RE = re.compile(r"(?P<kind>QCVN|TCVN)\s*(?P<code>\d+(?:[-:.]\d+)*(?::\d{4})?)\s*/\s*(?P<iss>[A-ZĐ]+)")
DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*|\s+tháng\s*(?P<m2>\d{1,2})\s+năm\s+)(?P<y>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_AFTER_DATE = re.compile(r"[ ,]*(?:được\s+|đã\s+được\s+)?(?:ban\s+hành\s+|ký\s+)?ngày[ ]{0,2}(?=\d)", re.IGNORECASE)
_AFTER_YEAR = re.compile(r"[ ,]*năm\s+(?P<y>(?:19|20)\d{2})")
_OF = re.compile(r"[ ,]*của\s+", re.IGNORECASE)
_FOOTNOTE_CODES = ("QH", "UBTVQH")


@cache
def _canon_codes() -> dict:
    lx = lexicon()
    out = {}
    codes = list(lx.type_codes) + list(lx.issuer_codes)
    for code in codes:
        out.setdefault(code.upper(), code)
    for code in codes:
        out.setdefault(code.upper().replace("Đ", "D"), code)
    return out


def _canon_segment(seg: str) -> tuple[str, list[str]]:
    flags = []
    canon = _canon_codes()
    up = seg.upper()
    if up in canon:
        c = canon[up]
        if c != seg:
            flags.append("case_repaired" if c.upper() == up else "stroke_repaired")
        return c, flags
    m = re.fullmatch(r"(QH|UBTVQH)(\d{2})(\d?)", up)
    if m:
        if m.group(3):
            flags.append("footnote_stripped")
        return m.group(1) + m.group(2), flags
    m = re.fullmatch(r"([A-ZĐ&]+)(\d{1,2})", up)
    if m and m.group(1) in canon:
        flags.append("footnote_stripped")
        return canon[m.group(1)], flags
    return up, flags if up == seg else flags + ["case_repaired"]


def canonical_id(number: str, year: str, parts: list[str], party_type: str = "") -> str:
    if party_type:
        return f"{number}-{party_type}/{'-'.join(parts)}"
    mid = f"/{year}" if year else ""
    return f"{number}{mid}/{'-'.join(parts)}"


def parse_symbol(number: str, year: str, sym: str, party_type: str = "") -> dict:
    """Split and repair a symbol: id, type code, issuer code, flags."""
    flags: list[str] = []
    raw_parts = [p for p in re.split(r"[ ]?[-–._][ ]?", sym.strip()) if p]
    if re.search(r"[._]", sym):
        flags.append("separator_repaired")
    if " " in sym:
        flags.append("space_repaired")
    parts = []
    for p in raw_parts:
        c, f = _canon_segment(p)
        parts.append(c)
        flags += f
    lx = lexicon()
    ptype = ""
    if party_type:
        ptype, f = _canon_segment(party_type)
        flags += f
    code = ptype or (parts[0] if parts and parts[0] in lx.type_codes else "")
    issuer_parts = parts if ptype else (parts[1:] if code else parts)
    issuer_code = issuer_parts[0] if issuer_parts else ""
    base = re.sub(r"\d+$", "", issuer_code)
    return {
        "id": canonical_id(number, year, parts, ptype),
        "code": code,
        "type": lx.type_codes.get(code, ""),
        "issuer_code": issuer_code,
        "issuer": lx.issuer_codes.get(issuer_code) or lx.issuer_codes.get(base, ""),
        "flags": sorted(set(flags)),
    }


@cache
def _type_word_re():
    lx = lexicon()
    words = "|".join(re.escape(w).replace(r"\ ", r"[\s_]+") for w in lx.type_words)
    return re.compile(rf"(?P<tw>{words})(?:\s+(?:số|Số))?\s*:?\s*$", re.IGNORECASE)


@cache
def _issuer_stop_re():
    words = load("references")["issuer_stops"]["words"]
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s+(?:{alt})(?![\w])|[,;.:()\n\"“”]|\s-\s|$", re.IGNORECASE)


@cache
def _relations():
    return [(r["name"], tuple(r["cues"])) for r in load("references")["relation"]]


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


def _date_after(text: str, pos: int) -> tuple[str, int, tuple[int, int] | None]:
    m = _AFTER_DATE.match(text, pos)
    if m:
        d = DATE_RE.match(text, m.end())
        if d:
            iso = _iso(d)
            if iso:
                return iso, d.end(), (m.start() + len(m.group(0)) - len(m.group(0).lstrip(" ,")), d.end())
    return "", pos, None


def _iso(d: re.Match) -> str:
    day, month, year = int(d.group("d")), int(d.group("m") or d.group("m2")), int(d.group("y"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _type_before(text: str, start: int) -> str:
    m = _type_word_re().search(text, max(0, start - 40), start)
    if not m:
        return ""
    tw = " ".join(m.group("tw").replace("_", " ").split())
    for w in lexicon().type_words:
        if w.lower() == tw.lower():
            return w
    return tw


def _relation(text: str, start: int) -> str:
    window = text[max(0, start - 150):start]
    cut = max(window.rfind("."), window.rfind(";"), window.rfind("\n"))
    window = window[cut + 1:].lower()
    best, best_pos = "khác", -1
    for name, cues in _relations():
        for cue in cues:
            k = window.rfind(cue)
            if k > best_pos:
                best, best_pos = name, k
    return best


def _finish(text: str, start: int, end: int, info: dict, type_hint: str) -> Reference:
    date, pos, dspan = _date_after(text, end)
    year = ""
    if not date:
        y = _AFTER_YEAR.match(text, end)
        if y:
            year = y.group("y")
    issuer, _ = _issuer_after(text, pos)
    rtype = info["type"] or type_hint
    if not rtype:
        rtype = "Luật" if info["issuer_code"].startswith("QH") else "Công văn"
    flags = list(info["flags"])
    if not info["issuer"] and not issuer:
        flags.append("issuer_unknown")
    return Reference(
        start=start, end=end, text=text[start:end], ref_id=info["id"], type=rtype,
        number=info.get("number", ""), year=info.get("year", "") or year, code=info["code"],
        issuer=issuer or info["issuer"], date=date, relation=_relation(text, start),
        flags=tuple(flags), date_span=dspan,
    )


def _numbered(text: str, header_end: int) -> tuple[list[Reference], str]:
    refs: list[Reference] = []
    own = ""
    taken: list[tuple[int, int]] = []
    for rx, party in ((PARTY_RE, True), (NUMBERED_RE, False)):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            sym = m.group("sym")
            if party:
                info = parse_symbol(m.group("num"), "", sym, m.group("ptype"))
                if not info["type"]:
                    continue
            else:
                info = parse_symbol(m.group("num"), m.group("year") or "", sym)
                if not info["issuer_code"] or not re.match(r"[A-ZĐ]", info["issuer_code"]):
                    continue
                if not info["code"] and not info["issuer"] and len(info["issuer_code"]) < 2:
                    continue
            info["number"], info["year"] = m.group("num"), (m.group("year") or "") if not party else ""
            # trailing space-separated parts belong to the symbol only when glued by a hyphen
            line_start = text.rfind("\n", 0, s) + 1
            if s < header_end and re.fullmatch(r"\s*Số\s*:?\s*", text[line_start:s]):
                own = own or info["id"]
                taken.append((s, e))
                continue
            taken.append((s, e))
            refs.append(_finish(text, s, e, info, _type_before(text, s)))
    for m in STANDARD_RE.finditer(text):
        rid = f"{m.group('kind')} {m.group('code')}/{m.group('iss')}"
        refs.append(Reference(start=m.start(), end=m.end(), text=m.group(0), ref_id=rid, type=m.group("kind"),
                              number=m.group("code"), issuer=lexicon().issuer_codes.get(m.group("iss"), ""),
                              relation=_relation(text, m.start())))
    return refs, own


_LAW_HEAD = re.compile(r"(?<![\w])(?P<head>Bộ\s+luật|Luật)\s+(?!sư\b)", re.UNICODE)


@cache
def _law_stop_re():
    lx = lexicon()
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lx.law_stops, key=len, reverse=True))
    return re.compile(rf"\s+(?:{alt})(?![\w])|[,;.:()\n\"“”]|\s[-–]\s|\s\d|$")


def _named_laws(text: str, numbered: list[Reference], aliases: dict) -> list[Reference]:
    lx = lexicon()
    out = []
    num_starts = {r.start: i for i, r in enumerate(numbered)}
    for m in _LAW_HEAD.finditer(text):
        head = " ".join(m.group("head").split())
        s, pos = m.start(), m.end()
        rest = text[pos:pos + 250]
        name, flags = "", []
        low = rest.lower()
        for known in lx.law_names:
            k = known.lower()
            if low.startswith(k) and (len(low) == len(k) or not low[len(k)].isalnum()):
                name = rest[:len(known)]
                break
        if not name:
            am = re.match(r"([A-ZĐ][A-ZĐ0-9&]{1,12})(?![\w])", rest)
            if am and (am.group(1) in lx.abbreviations or am.group(1) in aliases):
                abbr = am.group(1)
                full = lx.abbreviations.get(abbr) or aliases[abbr]
                e = pos + len(abbr)
                out.append(Reference(start=s, end=e, text=text[s:e], ref_id=f"{head} {full}", type=head,
                                     code=abbr, relation=_relation(text, s), flags=("abbreviation_expanded",)))
                continue
            if rest.lower().startswith("sửa đổi"):
                stop = re.search(r"\s+(?:ngày|số)\s|[;.\n(]", rest)
                name = rest[:stop.start()] if stop else rest[:150]
            elif rest[:1].isupper():
                stop = _law_stop_re().search(rest)
                name = rest[:stop.start()] if stop else ""
                if len(name.split()) > 12:
                    name = ""
                flags.append("name_by_rule")
        name = name.strip()
        if not name:
            continue
        e = pos + len(name)
        # "Luật Đường sắt số 95/2025/QH15": the number is the id
        after = re.match(r"\s*(?:số|Số)\s*", text[e:e + 12])
        if after and (e + after.end()) in num_starts:
            i = num_starts[e + after.end()]
            numbered[i] = replace(numbered[i], type=head)
            continue
        full_name = " ".join(name.split())
        out.append(Reference(start=s, end=e, text=text[s:e], ref_id=f"{head} {full_name}", type=head,
                             relation=_relation(text, s), flags=tuple(flags)))
    return out


@cache
def _alias_re():
    return re.compile(load("references")["alias"]["pattern"], re.IGNORECASE)


def _aliases(text: str) -> dict:
    out = {}
    for m in _alias_re().finditer(text):
        alias = m.group("alias").strip()
        if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&]{1,12}", alias):
            prev = text[max(0, m.start() - 120):m.start()]
            lm = re.search(r"(?:Luật|luật)\s+([^()]{3,100})$", prev)
            if lm:
                out[alias] = " ".join(lm.group(1).split())
    return out


def find_references(text: str, header_end: int = 0) -> tuple[list[Reference], str]:
    """All reference mentions of ``text`` in document order, and the document's own
    number when its header (``text[:header_end]``) gives one as ``Số: …``."""
    numbered, own = _numbered(text, header_end)
    named = _named_laws(text, numbered, _aliases(text))
    refs = sorted(numbered + named, key=lambda r: (r.start, -r.end))
    return refs, own


_HEADER_DATE = re.compile(r"(?P<place>[A-ZĐ][\w .]{1,40}?),\s*ngày\s+(?P<d>\d{1,2}|\.+)\s+tháng\s+(?P<m>\d{1,2}|\.+)\s+năm\s+(?P<y>(?:19|20)\d{2})", re.IGNORECASE)
_TITLE_TYPES = re.compile(r"^(QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH(?: HÀNH ĐỘNG)?|THÔNG TƯ|NGHỊ ĐỊNH|BÁO CÁO|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|THÔNG BÁO|HƯỚNG DẪN|ĐỀ ÁN|QUY ĐỊNH|QUY CHẾ|LUẬT|CÔNG VĂN|TỜ TRÌNH)\s*:?\s*$")


def read_header(text: str, own_number: str, header_end: int) -> DocumentMeta:
    """The document's own type, date, place and title from its header block."""
    head = text[:header_end]
    date = place = dtype = title = ""
    m = _HEADER_DATE.search(head)
    if m and m.group("d").isdigit() and m.group("m").isdigit():
        date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        place = m.group("place").strip()
    elif m:
        date = m.group("y")
    lines = [ln.strip() for ln in head.split("\n")]
    for i, ln in enumerate(lines):
        t = _TITLE_TYPES.match(ln)
        if t:
            dtype = t.group(1).capitalize()
            rest = [x for x in lines[i + 1:i + 4] if x and not x.isupper()]
            title = rest[0] if rest else ""
            break
    issuer = ""
    if own_number:
        info = parse_symbol(*_split_id(own_number))
        issuer = info["issuer"]
        dtype = dtype or info["type"]
    return DocumentMeta(number=own_number, type=dtype, issuer=issuer, date=date, title=title, place=place)


def _split_id(rid: str) -> tuple[str, str, str]:
    m = re.match(r"(\d+[a-z]?)(?:/((?:19|20)\d{2}))?/(.*)", rid)
    if m:
        return m.group(1), m.group(2) or "", m.group(3)
    return rid, "", ""
