"""Stage: references to other documents (annotation guide §3).

Numbered state documents (``25/2021/QĐ-TTg``, ``4402/QĐ-UBND``, ``7432/UBND-XD``),
Party documents (``80-KL/TW``), technical standards (``QCVN 06:2022/BXD``), laws,
codes and ordinances cited by name (``Luật Hòa giải ở cơ sở``, abbreviations
expanded), and short forms the document defines (``(viết tắt là Chỉ thị 11)``).
Damage seen in real text (spaces, look-alike letters, odd case, dots, glued
footnote digits, OCR digits, line breaks) is repaired and recorded in ``flags``;
a mention that cannot be parsed completely is still reported, with a flag.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from .fastscan import compile_scanner
from .resources import lexicon, load, alternation
from .types import DocumentMeta, Reference

__all__ = ["find_references", "parse_symbol", "read_header", "DATE_RE", "canonical_id"]

_L = r"A-Za-zĐđÀ-ỹ"
_SEG = rf"[{_L}][{_L}0-9&]*"
# a hyphen (also U+FFFE / soft hyphen left by PDF text layers) with a space or a line break on at
# most one side; or a dot / underscore glued to the next letter ("QĐ.UB", "NQ_BCSĐ")
_HY = "[-–\ufffe\u00ad]"
_SEP = rf"(?:{_HY}(?:[ ]{{1,2}}|\n\s{{0,3}})?|[ ]{{1,2}}{_HY}(?![ ])|[._](?=[{_L}]))"
_SYM = rf"{_SEG}(?:{_SEP}{_SEG}){{0,4}}"
# digits (with a sub-number: "66.4"), or OCR look-alikes of digits ("II", "l2") before a slash
_NUM = r"(?:\d{1,5}(?:\.\d{1,2})?[a-z]?|(?=[0-9IlO]*[IlO])[0-9IlO]{2,4}(?=[ ]{0,2}/))"
NUMBERED_RE = re.compile(
    rf"(?<![\w/.:-])(?P<num>{_NUM})[ ]{{0,2}}(?:(?P<ysep>[/.])[ ]{{0,2}}(?P<year>(?:19|20)\d{{2}})[ ]{{0,2}})?/[ ]{{0,2}}(?P<sym>{_SYM})"
)
PARTY_RE = re.compile(
    rf"(?<![\w/.:-])(?P<num>\d{{1,5}})(?:[ ]{{0,2}}-(?:[ ]{{0,2}}|\n\s{{0,3}})|(?=[A-ZĐ]))"
    rf"(?P<ptype>[A-ZĐ][A-Za-zĐđ]{{0,3}})[ ]{{0,2}}[/_][ ]{{0,2}}(?P<sym>{_SYM})"
)
STANDARD_RE = re.compile(r"(?P<kind>QCVN|TCVN)\s*(?P<code>\d+(?:[-:.]\d+)*(?::\d{4})?)\s*/\s*(?P<iss>[A-ZĐ]+?)(?P<fn>\d?)(?![\wĐ])")
DATE_RE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*|\s*tháng\s*(?P<m2>\d{1,2})\s*,?\s*năm\s*)(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
_AFTER_DATE = re.compile(r"[ ,]*\n?[ ,]*(?:(?:đã\s+)?được\s+|đã\s+)?(?:ban\s+hành\s+|ký\s+)?(?:vào\s+)?(?:ngày[ ]{0,2}(?=\d)|(?=\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}))",
                         re.IGNORECASE)
_AFTER_YEAR = re.compile(r"[ ,]*năm\s+(?P<y>(?:19|20)\d{2})(?!\d)")
_OF = re.compile(r"[ ,]*của\s+", re.IGNORECASE)
# "Ngày 24/02/2020, Chính phủ ban hành Nghị định số 23/2020/NĐ-CP": a date that opens a clause
_DATE_LEAD = re.compile(r"(?:^|(?<=[.;:\n–—-])|(?<=\s)(?=Ngày\s))\s*(?:Vào\s+|vào\s+)?[Nn]gày\s+(?=\d)")
# "Ngày 16/4/2020 Ủy ban nhân dân tỉnh ban hành Chỉ thị số 11/CT-CTUBND": no comma after the
# date, but the clause issues the document it names
_ISSUING = re.compile(r"(?<!\w)(?:ban hành|đã có|có|ký|gửi|phát hành|công bố|thông qua)(?!\w)", re.IGNORECASE)
_LIST_GAP = re.compile(r"[^.\n;:]{0,90}?[;,]\s*(?:và\s+)?(?:số\s*:?\s*)?$|\s*(?:,|và)\s*(?:số\s*)?$")


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


def _canon_segment(seg: str, last: bool = False) -> tuple[str, list[str]]:
    flags = []
    canon = _canon_codes()
    up = seg.upper()
    if up in canon:
        c = canon[up]
        if c != seg:
            flags.append("case_repaired" if c.upper() == up else "stroke_repaired")
        return c, flags
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


def canonical_id(number: str, year: str, parts: list[str], party_type: str = "") -> str:
    """The id as written in the official form: ``25/2021/QĐ-TTg``, ``80-KL/TW``."""
    if party_type:
        return f"{number}-{party_type}/{'-'.join(parts)}"
    mid = f"/{year}" if year else ""
    return f"{number}{mid}/{'-'.join(parts)}"


_SPLIT = re.compile(rf"\s*{_HY}\s*|[._]")
_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "O": "0"})


def parse_symbol(number: str, year: str, sym: str, party_type: str = "") -> dict:
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
    return {
        "id": rid,
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
    return re.compile(rf"(?<![\w])(?P<tw>{words})(?:\s+(?:số|Số))?\s*:?\s*$", re.IGNORECASE)


@cache
def _issuer_stop_re():
    words = load("references")["issuer_stops"]["words"]
    alt = alternation(words)
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
                lead = len(m.group(0)) - len(m.group(0).lstrip(" ,"))
                return iso, d.end(), (m.start() + lead, d.end())
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
    issuer, ipos = _issuer_after(text, pos)
    if not date and issuer:
        date, _, dspan = _date_after(text, ipos)
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
        flags=tuple(sorted(set(flags))), date_span=dspan,
    )


def _accept(info: dict, text: str, s: int, party: bool) -> bool:
    if party:
        return bool(info["type"])
    code = info["issuer_code"]
    if not code:
        # a bare type code ("số 895/HD ngày ...") is a reference only after "số"
        return bool(info["code"]) and bool(re.search(r"số\s*:?\s*$", text[max(0, s - 8):s], re.IGNORECASE))
    if not re.match(r"[A-ZĐ]", code):
        return False
    if not info["code"] and not info["issuer"] and len(code) < 2:
        return False
    return True


def _numbered(text: str, header_end: int) -> tuple[list[Reference], str]:
    refs: list[Reference] = []
    own = ""
    taken: list[tuple[int, int]] = []
    lx = lexicon()
    for m in STANDARD_RE.finditer(text):
        iss = m.group("iss")
        rid = f"{m.group('kind')} {m.group('code')}/{iss}"
        taken.append(m.span())
        e = m.end("iss")
        refs.append(Reference(start=m.start(), end=e, text=text[m.start():e], ref_id=rid, type=m.group("kind"),
                              number=m.group("code"), issuer=lx.issuer_codes.get(iss, ""),
                              relation=_relation(text, m.start()),
                              flags=("footnote_stripped",) if m.group("fn") else ()))
    for rx, party in ((PARTY_RE, True), (NUMBERED_RE, False)):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            sym = m.group("sym")
            if party:
                info = parse_symbol(m.group("num"), "", sym, m.group("ptype"))
                if "_" in text[m.end("ptype"):m.start("sym")]:
                    info["flags"] = sorted(set(info["flags"]) | {"separator_repaired"})
            else:
                info = parse_symbol(m.group("num"), m.group("year") or "", sym)
                if m.group("ysep") == ".":
                    info["flags"] = sorted(set(info["flags"]) | {"separator_repaired"})
            if not _accept(info, text, s, party):
                continue
            if not info["issuer_code"]:
                info["flags"] = sorted(set(info["flags"]) | {"issuer_missing"})
            info["number"] = info["id"].split("/")[0].split("-")[0] if not party else info["id"].split("-")[0]
            info["year"] = (m.group("year") or "") if not party else ""
            taken.append((s, e))
            line_start = text.rfind("\n", 0, s) + 1
            if s < header_end and not own and re.search(r"(?:^|\s)Số\s*:?\s*$", text[line_start:s]):
                own = info["id"]
                continue
            hint = _type_before(text, s)
            refs.append(_finish(text, s, e, info, hint))
            refs.extend(_list_siblings(text, s, info, hint))
    return refs, own


_LIST_NUMS = re.compile(r"(?P<nums>(?:\d{1,5}\s*,\s*)+(?:\d{1,5}\s*(?:,|và)\s*)?)$")


def _list_siblings(text: str, s: int, info: dict, hint: str) -> list[Reference]:
    """'Nghị định 87,88,31/CP': the numbers before the last share its symbol."""
    m = _LIST_NUMS.search(text, max(0, s - 40), s)
    if not m:
        return []
    hint = hint or _type_before(text, m.start())
    if not hint:
        return []
    out = []
    rest = info["id"][len(info["number"]):]
    pos = m.start()
    for n in re.finditer(r"\d{1,5}", m.group("nums")):
        a, b = pos + n.start(), pos + n.end()
        out.append(Reference(start=a, end=b, text=text[a:b], ref_id=n.group(0) + rest, type=info["type"] or hint,
                             number=n.group(0), code=info["code"], issuer=info["issuer"],
                             relation=_relation(text, a), flags=("list_expanded",)))
    return out


# ---------------------------------------------------------------- named laws

_FOLD_KEEP = {"đ": "d", "Đ": "D"}


def _fold(s: str) -> str:
    """Lower case without diacritics, one character for one character (offsets are kept)."""
    out = []
    for ch in s:
        if ch in _FOLD_KEEP:
            out.append(_FOLD_KEEP[ch].lower())
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base.lower() if len(base) == 1 else ch.lower())
    return "".join(out)


def _name_pattern(name: str, abbr: dict) -> str:
    """A regex over folded text for a law name: any whitespace run, optional commas,
    known abbreviations ("HĐND") in place of what they abbreviate."""
    f = _fold(name)
    for short, full in abbr.items():
        ff = _fold(full)
        if ff in f and len(ff.split()) > 1:
            f = f.replace(ff, f"\x00{_fold(short)}\x01{ff}\x02")
    out = re.escape(f)
    out = out.replace(r"\ ", " ").replace(",", ",?")
    out = re.sub(r"\x00(.*?)\x01(.*?)\x02", lambda m: f"(?:{m.group(2)}|{m.group(1)})", out)
    return out.replace(" ", r"[\s,]+").replace(",?[\\s,]+", r",?[\s,]+")


@cache
def _known_law_re():
    lx = lexicon()
    pats = [f"(?P<n{i}>{_name_pattern(n, lx.abbreviations)})" for i, n in enumerate(lx.law_names)]
    return re.compile(rf"(?:{'|'.join(pats)})(?![\w])")


_LAW_HEAD = re.compile(r"(?<![\w])(?P<head>Bộ\s+[Ll]uật|Luật|Pháp\s+lệnh)\s+(?!sư\b|này\b|nêu\b|trên\b)")
_AMEND = re.compile(r"sửa\s+đổi(?:\s*,\s*|\s+)(?:bổ\s+sung\s+)?(?:một\s+số\s+điều\s+)?(?:của\s+)?(?=(?:Bộ\s+)?[Ll]uật\s)", re.IGNORECASE)


@cache
def _law_stop_re():
    lx = lexicon()
    alt = alternation(lx.law_stops)
    return re.compile(rf"\s+(?:{alt})(?![\w])|\s+và(?=\s+[A-ZĐÀ-Ỹ])|[,;.:()\n\"“”]|\s[-–]\s|\s\d|$")


def _canon_head(head: str) -> str:
    head = " ".join(head.split())
    return {"bộ luật": "Bộ luật", "luật": "Luật", "pháp lệnh": "Pháp lệnh"}[head.lower()]


def _law_name(text: str, pos: int, aliases: dict) -> tuple[str, int, tuple[str, ...], str]:
    """The law name starting at ``pos``: (canonical name, end, flags, abbreviation)."""
    lx = lexicon()
    window = text[pos:pos + 250]
    m = _known_law_re().match(_fold(window))
    if m:
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        name = lx.law_names[i]
        written = " ".join(window[:m.end()].split())
        flags = () if _fold(written) == _fold(name) or written.lower() == name.lower() else ("name_repaired",)
        if written != name and _fold(written) != _fold(name) and not flags:
            flags = ("name_repaired",)
        return name, pos + m.end(), flags, ""
    am = re.match(r"([A-ZĐ][A-ZĐ0-9&]{1,12})(?![\w])", window)
    if am and (am.group(1) in lx.abbreviations or am.group(1) in aliases):
        abbr = am.group(1)
        return lx.abbreviations.get(abbr) or aliases[abbr], pos + len(abbr), ("abbreviation_expanded",), abbr
    if window[:1].isupper():
        stop = _law_stop_re().search(window)
        name = window[:stop.start()] if stop else ""
        for va in re.finditer(r"\s+và\s+", name):   # "Luật A và triển khai …": a verb after "và" ends the name
            if lx.verb_re.match(name, va.end()):
                name = name[:va.start()]
                break
        first = name.split()[0].lower() if name.split() else ""
        if 0 < len(name.split()) <= 12 and first not in lx.law_stops:
            full = " ".join(lx.abbreviations.get(w, w) for w in name.split())
            flags = ("name_by_rule",) + (("abbreviation_expanded",) if full != " ".join(name.split()) else ())
            return full, pos + len(name.rstrip()), flags, ""
    return "", pos, (), ""


def _named_laws(text: str, numbered: list[Reference], aliases: dict) -> list[Reference]:
    out: list[Reference] = []
    num_starts = {r.start: i for i, r in enumerate(numbered)}
    consumed = 0
    for m in _LAW_HEAD.finditer(text):
        s = m.start()
        if s < consumed:
            continue
        head = _canon_head(m.group("head"))
        am = _AMEND.match(text, m.end()) if head != "Pháp lệnh" else None
        if am:
            ref_list, end = _amending(text, s, am.end(), aliases)
            after = re.match(r"\s*(?:số|Số)\s*", text[end:end + 12])
            if ref_list and after and (end + after.end()) in num_starts:
                # "Luật sửa đổi, bổ sung … số 78/2025/QH15": the number is the id
                i = num_starts[end + after.end()]
                numbered[i] = replace(numbered[i], type="Luật")
                consumed = end
                continue
            if ref_list:
                out.extend(ref_list)
                consumed = end
                continue
        name, e, flags, _ = _law_name(text, m.end(), aliases)
        if not name:
            continue
        # "Luật Đường sắt số 95/2025/QH15": the number is the id
        after = re.match(r"\s*(?:số|Số)\s*", text[e:e + 12])
        if after and (e + after.end()) in num_starts:
            i = num_starts[e + after.end()]
            numbered[i] = replace(numbered[i], type=head)
            continue
        out.append(_law_ref(text, s, e, f"{head} {name}", head, flags))
    return out


def _law_ref(text: str, s: int, e: int, rid: str, head: str, flags: tuple) -> Reference:
    date, _, dspan = _date_after(text, e)
    y = _AFTER_YEAR.match(text, e)
    return Reference(start=s, end=e, text=text[s:e], ref_id=rid, type=head, year=y.group("y") if y else "",
                     date=date, date_span=dspan, relation=_relation(text, s), flags=tuple(sorted(set(flags))))


def _amending(text: str, s: int, pos: int, aliases: dict) -> tuple[list[Reference], int]:
    """'Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C': the amending law, and
    each amended law when there are several."""
    inner: list[tuple[int, int, str, str, tuple]] = []
    seps: list[str] = []
    while True:
        hm = re.compile(r"(?P<head>Bộ\s+[Ll]uật|[Ll]uật)\s+").match(text, pos)
        if not hm:
            break
        name, e, flags, _ = _law_name(text, hm.end(), aliases)
        if not name:
            break
        inner.append((hm.start(), e, _canon_head(hm.group("head")), name, flags))
        nxt = re.compile(r"\s*(?P<sep>,|và)\s*(?=(?:Bộ\s+)?[Ll]uật\s)").match(text, e)
        if not nxt:
            break
        seps.append(nxt.group("sep"))
        pos = nxt.end()
    # "của Luật A, Luật B và Luật C": a list of amended laws ends with "và"; otherwise the
    # commas separate other laws of an enumeration and only the first is amended
    if "và" not in seps:
        inner = inner[:1]
    else:
        inner = inner[:seps.index("và") + 2]
    if not inner:
        return [], s
    end = inner[-1][1]
    names = [f"{h} {n}" for _, _, h, n, _ in inner]
    listed = ", ".join(names[:-1]) + (" và " if len(names) > 1 else "") + names[-1]
    amend = _law_ref(text, s, end, f"Luật sửa đổi, bổ sung một số điều của {listed}", "Luật",
                     tuple(f for *_, fl in inner for f in fl))
    refs = [amend]
    if len(inner) > 1:
        refs += [replace(_law_ref(text, a, b, f"{h} {n}", h, fl + ("amended_law",)), date="", date_span=None)
                 for a, b, h, n, fl in inner]
    return refs, end


# ---------------------------------------------------------------- aliases and short forms

@cache
def _alias_re():
    return re.compile(load("references")["alias"]["pattern"], re.IGNORECASE)


def _aliases(text: str) -> dict:
    """Abbreviations a document defines for law names ("Luật ... (sau đây gọi tắt là Luật PBGDPL)")."""
    out = {}
    for m in _alias_re().finditer(text):
        alias = m.group("alias").strip()
        alias = re.sub(r"^(?:Bộ\s+)?[Ll]uật\s+", "", alias)
        if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&]{1,12}", alias):
            prev = text[max(0, m.start() - 120):m.start()]
            lm = re.search(r"(?:Luật|luật)\s+([^()]{3,100})$", prev)
            if lm:
                out[alias] = " ".join(lm.group(1).split())
    return out


def _short_forms(text: str, refs: list[Reference]) -> list[Reference]:
    """Mentions of a short form the document defines: '(viết tắt là Chỉ thị 11)', then 'Chỉ thị 11'."""
    out = []
    for m in _alias_re().finditer(text):
        alias = " ".join(m.group("alias").split())
        if any(m.start() <= r.start < m.end() for r in refs):
            continue          # "(sau đây gọi tắt là Kết luận số 213-KL/TW)": a mention in its own right
        am = re.fullmatch(r"(?P<tw>[^\d]+?)\s+(?:số\s+)?(?P<num>\d{1,5})", alias)
        if not am or am.group("tw").lower() not in {w.lower() for w in lexicon().type_words}:
            continue
        before = [r for r in refs if r.end <= m.start() and m.start() - r.end < 400 and "/" in r.ref_id]
        if not before:
            continue
        target = next((r for r in reversed(before) if r.number.split(".")[0] == am.group("num")), before[-1])
        words = r"\s+".join(re.escape(w) for w in am.group("tw").split())
        rx = re.compile(rf"(?<![\w]){words}\s+(?:số\s+)?{am.group('num')}(?![\w/-])")
        for u in rx.finditer(text, m.end()):
            if any(r.start <= u.start() < r.end for r in refs):
                continue
            out.append(Reference(start=u.start(), end=u.end(), text=u.group(0), ref_id=target.ref_id, type=target.type,
                                 number=target.number, year=target.year, code=target.code, issuer=target.issuer,
                                 relation=_relation(text, u.start()), flags=("alias_resolved",)))
    return out


def _back_references(text: str, refs: list[Reference]) -> list[Reference]:
    """'Nghị quyết 02' after 'Nghị quyết 02/NQ-CP': a type and number without the symbol, after the
    document has cited the full id of that type and number (and no other one), mention that id."""
    by_key: dict[tuple[str, str], set[str]] = {}
    first: dict[tuple[str, str], Reference] = {}
    for r in refs:
        if "/" in r.ref_id and r.type and r.number:
            key = (r.type.lower(), r.number.split(".")[0].lstrip("0") or "0")
            by_key.setdefault(key, set()).add(r.ref_id)
            first.setdefault(key, r)
    out: list[Reference] = []
    defined = [(m.start(), m.end()) for m in _alias_re().finditer(text)]
    for key, ids in by_key.items():
        if len(ids) != 1:
            continue
        target = first[key]
        words = r"\s+".join(re.escape(w) for w in target.type.split())
        rx = re.compile(rf"(?<![\w]){words}\s+(?:số\s+)?0*{key[1]}(?![\w/.-]|\s*[/-]\s*\w)", re.IGNORECASE)
        for u in compile_scanner(rx).finditer(text, pos=target.end):   # speed (issue 13): = rx.finditer(text, target.end)
            if any(r.start <= u.start() < r.end or u.start() <= r.start < u.end() for r in refs + out) or \
                    any(a <= u.start() < z for a, z in defined):
                continue   # already a mention, or the definition of a short form ("(viết tắt là Chỉ thị 11)")
            out.append(Reference(start=u.start(), end=u.end(), text=u.group(0), ref_id=target.ref_id, type=target.type,
                                 number=target.number, year=target.year, code=target.code, issuer=target.issuer,
                                 relation=_relation(text, u.start()), flags=("short_form",)))
    return out


def _date_before(text: str, refs: list[Reference]) -> list[Reference]:
    """'Ngày 30/12/2023, UBND tỉnh Yên Bái đã có Văn bản số 4516/UBND-TNMT': the opening date
    is the date of the first reference of the clause."""
    out = list(refs)
    starts = sorted((r.start, i) for i, r in enumerate(out))
    for m in _DATE_LEAD.finditer(text):
        d = DATE_RE.match(text, m.end())
        if not d or not _iso(d):
            continue
        comma = bool(re.match(r"\s*,", text[d.end():d.end() + 3]))
        nxt = next((i for s, i in starts if s >= d.end()), None)
        if nxt is None:
            continue
        r = out[nxt]
        gap = text[d.end():r.start]
        if len(gap) > 160 or re.search(r"[.;\n]", gap) or r.date or "/" not in r.ref_id:
            continue
        if not comma and not _ISSUING.search(gap):
            continue
        out[nxt] = replace(r, date=_iso(d), date_span=(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), d.end()),
                           flags=tuple(sorted(set(r.flags) | {"date_before"})))
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
        if _LIST_GAP.fullmatch(text[gap_from:r.start] or " ") and not _type_word_re().search(text[gap_from:r.start] + " "):
            out[i] = replace(r, type=prev.type, flags=tuple(sorted(set(r.flags) | {"type_from_list"})))
    return out


def _self_mention(text: str, header_end: int, own: str) -> str:
    """The document's own number given only in a '(Ban hành kèm theo Quyết định số …)' line of its header."""
    if own:
        return own
    m = re.search(r"^\s*\(\s*(?:Ban\s+hành\s+)?(?:kèm\s+)?theo\s+[^()\d]{3,30}?số\s*:?\s*", text[:header_end + 300],
                  re.IGNORECASE | re.MULTILINE)
    if m:
        for rx, party in ((NUMBERED_RE, False), (PARTY_RE, True)):
            n = rx.match(text, m.end())
            if n:
                info = parse_symbol(n.group("num"), "" if party else (n.group("year") or ""), n.group("sym"),
                                    n.group("ptype") if party else "")
                return info["id"]
    return ""


def find_references(text: str, header_end: int = 0) -> tuple[list[Reference], str]:
    """All reference mentions of ``text`` in document order, and the document's own
    number when its header (``text[:header_end]``) gives one as ``Số: …``."""
    numbered, own = _numbered(text, header_end)
    self_id = _self_mention(text, header_end, own)
    if self_id:
        # the document does not cite itself ("(Kèm theo Nghị quyết số 100/NQ-CP …)" in an annex)
        numbered = [r for r in numbered if r.ref_id != self_id]
    named = _named_laws(text, numbered, _aliases(text))
    refs = sorted(numbered + named, key=lambda r: (r.start, -r.end))
    refs = refs + _short_forms(text, refs)
    refs = sorted(refs, key=lambda r: (r.start, -r.end))
    refs = sorted(refs + _back_references(text, refs), key=lambda r: (r.start, -r.end))
    refs = _date_before(text, refs)
    refs = _list_types(text, refs)
    refs = _type_conflicts(text, refs)
    return refs, own


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
            fixed = r.ref_id.replace(f"-{r.code}/", f"-{code}/", 1) if f"-{r.code}/" in r.ref_id else r.ref_id.replace(f"/{r.code}-", f"/{code}-", 1)
            if fixed in ids:
                r = replace(r, ref_id=fixed, code=code, type=hint, flags=tuple(sorted(set(r.flags) | {"type_code_repaired"})))
            else:
                r = replace(r, flags=tuple(sorted(set(r.flags) | {"type_conflict"})))
        out.append(r)
    return out


# ---------------------------------------------------------------- the document's own header

_HEADER_DATE = re.compile(r"(?P<place>[A-ZĐ][\w .]{1,40}?),\s*ngày\s+(?P<d>\d{1,2}|[.…]+)\s*tháng\s*(?P<m>\d{1,2}|[.…]+)\s*năm\s*(?P<y>(?:19|20)\d{2})", re.IGNORECASE)
_TITLE_TYPES = re.compile(r"^(QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH(?: HÀNH ĐỘNG)?|THÔNG TƯ(?: LIÊN TỊCH)?|NGHỊ ĐỊNH|BÁO CÁO|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|THÔNG BÁO|HƯỚNG DẪN|ĐỀ ÁN|QUY ĐỊNH|QUY CHẾ|LUẬT|CÔNG VĂN|TỜ TRÌNH|KẾT LUẬN|PHƯƠNG ÁN)\b\s*:?\s*(?P<rest>.*)$")
_HEADER_ISSUER = re.compile(r"^\s*(?P<iss>(?:ỦY|UỶ|ỦY) BAN NHÂN DÂN[^\n]{0,60}|THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|QUỐC HỘI|BỘ [A-ZÀ-ỸĐ ,-]{2,60}|HỘI ĐỒNG NHÂN DÂN[^\n]{0,60}|TỈNH ỦY[^\n]{0,40}|BAN [A-ZÀ-ỸĐ ,-]{2,60}|SỞ [A-ZÀ-ỸĐ ,-]{2,60}|CỤC [A-ZÀ-ỸĐ ,-]{2,60}|VĂN PHÒNG [A-ZÀ-ỸĐ ,-]{2,60})\s*$", re.MULTILINE)


def read_header(text: str, own_number: str, header_end: int) -> DocumentMeta:
    """The document's own number, type, issuer, date, place and title from its header block."""
    head = text[:header_end]
    date = place = dtype = title = ""
    m = _HEADER_DATE.search(head)
    if m and m.group("d").isdigit() and m.group("m").isdigit():
        date = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        place = m.group("place").strip()
    elif m:
        date = m.group("y")
        place = m.group("place").strip()
    lines = [ln.strip() for ln in text[:header_end + 400].split("\n")]
    for i, ln in enumerate(lines):
        t = _TITLE_TYPES.match(ln)
        if t:
            dtype = t.group(1).capitalize()
            rest = [t.group("rest")] if t.group("rest") and not t.group("rest").isupper() else []
            for x in lines[i + 1:i + 5]:
                if not x:
                    if rest:
                        break
                    continue
                if x.isupper() and not rest:
                    continue
                if x.isupper() or re.match(r"(?:Căn cứ|Theo đề nghị|Xét đề nghị|Kính gửi)", x):
                    break
                rest.append(x)
            title = " ".join(" ".join(rest).split())
            break
    issuer = ""
    im = _HEADER_ISSUER.search(text, 0, min(len(text), 600))
    if im:
        issuer = _sentence_case(" ".join(im.group("iss").split()))
    if own_number:
        info = parse_symbol(*_split_id(own_number))
        issuer = issuer or info["issuer"]
        dtype = dtype or info["type"]
    return DocumentMeta(number=own_number, type=dtype, issuer=issuer, date=date, title=title, place=place)


def _sentence_case(name: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH SƠN LA' → 'Ủy ban nhân dân tỉnh Sơn La', 'BỘ TƯ PHÁP' → 'Bộ Tư pháp'."""
    low = name.lower().replace("uỷ", "ủy")
    low = low[:1].upper() + low[1:]
    low = re.sub(r"^(Bộ|Sở|Cục|Ban) (\w)", lambda m: f"{m.group(1)} {m.group(2).upper()}", low)
    low = re.sub(r"\b(tỉnh|thành phố|huyện|quận|xã|phường|thị xã) (.+)$", lambda m: f"{m.group(1)} {m.group(2).title()}", low)
    low = re.sub(r"^(Thủ tướng) chính phủ", r"\1 Chính phủ", low)
    return low


def _split_id(rid: str) -> tuple[str, str, str, str]:
    m = re.match(r"(\d+(?:\.\d+)?[a-z]?)(?:/((?:19|20)\d{2}))?/(.*)", rid)
    if m:
        return m.group(1), m.group(2) or "", m.group(3), ""
    m = re.match(r"(\d+)-([^/]+)/(.*)", rid)
    if m:
        return m.group(1), "", m.group(3), m.group(2)
    return rid, "", "", ""
