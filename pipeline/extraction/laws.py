"""Laws, codes and ordinances cited by name ("Luật Hòa giải ở cơ sở", "Bộ luật Dân sự",
"Pháp lệnh …"), with known names repaired, abbreviations expanded ("Luật PBGDPL" where the
document defines it), and the laws an amending law lists."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from ..resources import alternation, lexicon, load, pattern
from ..text.fastscan import compile_scanner
from ..types import Reference
from .mention import AFTER_YEAR, date_after, relation

__all__ = ["named_laws", "defined_aliases", "alias_re"]

_FOLD_KEEP = {"đ": "d", "Đ": "D"}


def _fold_char(ch: str) -> str:
    if ch in _FOLD_KEEP:
        return _FOLD_KEEP[ch].lower()
    base = unicodedata.normalize("NFD", ch)[0]
    return base.lower() if len(base) == 1 else ch.lower()


class _FoldTable(dict):
    """``str.translate`` table of :func:`_fold_char`, filled as characters are met."""

    def __missing__(self, cp: int) -> str:
        v = self[cp] = _fold_char(chr(cp))
        return v


_FOLD_TABLE = _FoldTable()


def _fold(s: str) -> str:
    """Lower case without diacritics, one character for one character (offsets are kept)."""
    return s.translate(_FOLD_TABLE)


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
    # a footnote mark glued to the name ("… khoáng sản3") does not stop it, nor a "ngày" a scraped page
    # glued to it ("Luật Tổ chức HĐND và UBNDngày 26/11/2003"; the text is folded: "ngay")
    return re.compile(rf"(?:{'|'.join(pats)})(?![^\W\d](?<!n(?=gay\b)))")


_LAW_HEAD = pattern("references", "law_head")
_AMEND = pattern("references", "amend")
_AMEND_COLLECTIVE = pattern("references", "amend_collective")
_CONSTITUTION = pattern("laws", "constitution")
_NUMBER_AFTER = re.compile(r"\s*" + load("references")["number_word"]["pattern"] + r"\s*")


@cache
def _law_stop_re():
    lx = lexicon()
    alt = alternation(lx.law_stops)
    return re.compile(rf"\s+(?:{alt})(?![\w])|\s+và(?=\s+[A-ZĐÀ-Ỹ])|[,;.:()\n\"“”]|\s[-–]\s|\s\d|$")


def _canon_head(head: str) -> str:
    head = " ".join(head.split())
    return {"bộ luật": "Bộ luật", "luật": "Luật", "pháp lệnh": "Pháp lệnh"}[head.lower()]


def _known_names_only(head: str) -> bool:
    """A head in capitals ("LUẬT" of a title) or in lower case ("sửa đổi luật Phòng, chống tham nhũng"): only a
    known law name follows it."""
    return head.isupper() or head.islower()


def _law_name(text: str, pos: int, aliases: dict) -> tuple[str, int, tuple[str, ...], str]:
    """The law name starting at ``pos``: (canonical name, end, flags, abbreviation)."""
    lx = lexicon()
    window = text[pos : pos + 250]
    m = _known_law_re().match(_fold(window))
    if m:
        i = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        name = lx.law_names[i]
        written = " ".join(window[: m.end()].split())
        flags = () if _fold(written) == _fold(name) or written.lower() == name.lower() else ("name_repaired",)
        if written != name and _fold(written) != _fold(name) and not flags:
            flags = ("name_repaired",)
        return name, pos + m.end(), flags, ""
    am = re.match(r"([A-ZĐ][A-ZĐ0-9&]{1,12})(?![\w])", window)
    if am and (am.group(1) in lx.abbreviations or am.group(1) in aliases):
        abbr = am.group(1)
        # the text's own short form first ("Luật Đầu tư theo phương thức PPP (Luật PPP)"), its words expanded
        name = _expanded(aliases[abbr]) if abbr in aliases else lx.abbreviations[abbr]
        return name, pos + len(abbr), ("abbreviation_expanded",), abbr
    if window[:1].isupper():
        stop = _law_stop_re().search(window)
        name = window[: stop.start()] if stop else ""
        for va in re.finditer(r"\s+và\s+", name):  # "Luật A và triển khai …": a verb after "và" ends the name
            if lx.verb_re.match(name, va.end()):
                name = name[: va.start()]
                break
        first = name.split()[0].lower() if name.split() else ""
        if 0 < len(name.split()) <= 12 and first not in lx.law_stops:
            full = _expanded(name)
            by_rule = ("name_by_rule",) + (("abbreviation_expanded",) if full != " ".join(name.split()) else ())
            return full, pos + len(name.rstrip()), by_rule, ""
    return "", pos, (), ""


def _expanded(name: str) -> str:
    """``name`` with its known abbreviations written out ("Tổ chức HĐND và UBND" → "Tổ chức Hội đồng nhân dân …")."""
    abbreviations = lexicon().abbreviations
    return " ".join(abbreviations.get(w, w) for w in name.split())


def named_laws(text: str, numbered: list[Reference], aliases: dict) -> list[Reference]:
    out: list[Reference] = []
    num_starts = {r.start: i for i, r in enumerate(numbered)}
    consumed = 0
    for m in compile_scanner(_LAW_HEAD).finditer(text):  # = _LAW_HEAD.finditer(text), faster
        s = m.start()
        if s < consumed:
            continue
        head = _canon_head(m.group("head"))
        cm = _AMEND_COLLECTIVE.match(text, m.end()) if head == "Luật" else None
        if cm:  # "Luật sửa đổi, bổ sung một số điều của các Luật về thuế"
            e = cm.end("end")
            out.append(_law_ref(text, s, e, " ".join(text[s:e].split()), head, ("amends_several",)))
            consumed = e
            continue
        am = _AMEND.match(text, m.end()) if head != "Pháp lệnh" else None
        if am:
            ref_list, end = _amending(text, s, am.end(), aliases)
            after = _NUMBER_AFTER.match(text[end : end + 12])
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
        if m.group("head").islower() and not text[m.end() : m.end() + 1].isupper():
            continue  # "quy định của luật lao động", "luật gia": the word, no law's name
        name, e, flags, _ = _law_name(text, m.end(), aliases)
        if not name or (_known_names_only(m.group("head")) and "name_by_rule" in flags):
            continue
        # "Luật Đường sắt số 95/2025/QH15": the number is the id
        after = _NUMBER_AFTER.match(text[e : e + 12])
        if after and (e + after.end()) in num_starts:
            i = num_starts[e + after.end()]
            numbered[i] = replace(numbered[i], type=head)
            continue
        out.append(_law_ref(text, s, e, f"{head} {name}", head, flags))
    for m in _CONSTITUTION.finditer(text):  # "Hiến pháp năm 2013"
        out.append(_law_ref(text, m.start(), m.end(), "Hiến pháp", "Hiến pháp", ()))
    return out


def _law_ref(text: str, s: int, e: int, rid: str, head: str, flags: tuple) -> Reference:
    date, _, dspan = date_after(text, e)
    y = AFTER_YEAR.match(text, e)
    return Reference(
        start=s,
        end=e,
        text=text[s:e],
        ref_id=rid,
        type=head,
        year=y.group("y") if y else "",
        date=date,
        date_span=dspan,
        relation=relation(text, s),
        flags=tuple(sorted(set(flags))),
    )


def _amending(text: str, s: int, pos: int, aliases: dict) -> tuple[list[Reference], int]:
    """'Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C': the amending law alone (the
    laws it names are part of its title, not mentions of their own)."""
    inner: list[tuple[int, int, str, str, tuple]] = []
    seps: list[str] = []
    while True:
        hm = pattern("references", "amended_head").match(text, pos)
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
        inner = inner[: seps.index("và") + 2]
    if not inner:
        return [], s
    end = inner[-1][1]
    names = [f"{h} {n}" for _, _, h, n, _ in inner]
    listed = ", ".join(names[:-1]) + (" và " if len(names) > 1 else "") + names[-1]
    amend = _law_ref(
        text, s, end, f"Luật sửa đổi, bổ sung một số điều của {listed}", "Luật", tuple(f for *_, fl in inner for f in fl)
    )
    return [amend], end


@cache
def alias_re():
    return re.compile(load("references")["alias"]["pattern"], re.IGNORECASE)


def defined_aliases(text: str) -> dict:
    """Abbreviations a document defines for law names ("Luật ... (sau đây gọi tắt là Luật PBGDPL)")."""
    out = {}
    for m in alias_re().finditer(text):
        alias = m.group("alias").strip()
        alias = re.sub(r"^(?:Bộ\s+)?[Ll]uật\s+", "", alias)
        if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9&]{1,12}", alias):
            prev = text[max(0, m.start() - 120) : m.start()]
            lm = pattern("references", "law_before_alias").search(prev)
            if lm:
                out[alias] = " ".join(lm.group(1).split())
    return out
