"""Mentions of a document by a short form (part of the reference stage, :mod:`.references`): a short form the
document defines ("(viết tắt là Chỉ thị 11)", "(sau đây gọi tắt là QĐ22)") and a type with a number whose full id
the document cites ("Nghị quyết 02" beside "Nghị quyết 02/NQ-CP"), each given the id of the document it names."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..resources import lexicon
from ..text.fastscan import compile_scanner
from ..types import Reference
from .laws import alias_re
from .mention import relation

__all__ = ["short_forms", "back_references"]

_CODE_NUMBER = r"(?P<tw>[A-ZĐ]{2,4})(?P<num>\d{1,5})"  # a type code fused with its number: "(sau đây gọi tắt là QĐ22)"


@cache
def _type_names() -> frozenset[str]:
    """The document types a short form may name, by word or by code, lower-cased ("chỉ thị", "qđ")."""
    return frozenset(w.lower() for w in (*lexicon().type_words, *lexicon().type_codes))


def short_forms(text: str, refs: list[Reference]) -> list[Reference]:
    """Mentions of a short form the document defines: '(viết tắt là Chỉ thị 11)', then 'Chỉ thị 11'."""
    out = []
    for m in alias_re().finditer(text):
        alias = " ".join(m.group("alias").split())
        if any(m.start() <= r.start < m.end() for r in refs):
            continue  # "(sau đây gọi tắt là Kết luận số 213-KL/TW)": a mention in its own right
        am = re.fullmatch(r"(?P<tw>[^\d]+?)\s+(?:số\s+)?(?P<num>\d{1,5})", alias) or re.fullmatch(_CODE_NUMBER, alias)
        if not am or am["tw"].lower() not in _type_names():
            continue
        before = [r for r in refs if r.end <= m.start() and m.start() - r.end < 400 and "/" in r.ref_id]
        if not before:
            continue
        target = next((r for r in reversed(before) if r.number.split(".")[0] == am.group("num")), before[-1])
        words = r"\s+".join(re.escape(w) for w in am.group("tw").split())
        rx = re.compile(rf"(?<![\w]){words}\s*(?:số\s+)?{am.group('num')}(?![\w/-])")
        for u in rx.finditer(text, m.end()):
            if any(r.start <= u.start() < r.end for r in refs):
                continue
            out.append(_mention_of(target, text, u.start(), u.end(), "alias_resolved"))
    return out


def _mention_of(target: Reference, text: str, start: int, end: int, flag: str) -> Reference:
    """The mention ``text[start:end]`` of the document ``target`` cites in full elsewhere."""
    return Reference(
        start=start,
        end=end,
        text=text[start:end],
        ref_id=target.ref_id,
        type=target.type,
        number=target.number,
        year=target.year,
        code=target.code,
        issuer=target.issuer,
        relation=relation(text, start),
        flags=(flag,),
    )


def back_references(text: str, refs: list[Reference]) -> list[Reference]:
    """'Nghị quyết 02' beside 'Nghị quyết 02/NQ-CP': a type and number without the symbol, where the
    document cites the full id of that type and number (and no other one), before or after it (a
    headline's "Theo Nghị quyết 282, …" above "Nghị quyết 282/NQ-CP năm 2025"), mention that id; so
    does each further number of a list ("Nghị quyết 71, 57 và …") whose full id the document cites. Of
    several ids of one type and number ("71-NQ/TW" thrice, "71/NQ-CP" once) the one cited most, if any."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    for r in refs:
        if "/" in r.ref_id and r.type and r.number:
            counts.setdefault((r.type.lower(), _plain_number(r.number.split(".")[0])), Counter())[r.ref_id] += 1
    first: dict[tuple[str, str], Reference] = {}  # (type, number) → the first mention of the id it names
    for key, c in counts.items():
        top = c.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            first[key] = next(r for r in refs if r.ref_id == top[0][0])
    out: list[Reference] = []
    defined = [(m.start(), m.end()) for m in alias_re().finditer(text)]
    for key, target in first.items():
        words = r"\s+".join(re.escape(w) for w in target.type.split())
        rx = re.compile(rf"(?<![\w]){words}\s+(?:số\s+)?0*{key[1]}(?![\w/.-]|\s*[/-]\s*\w)", re.IGNORECASE)
        for u in compile_scanner(rx).finditer(text):  # = rx.finditer(text), faster
            if any(r.start <= u.start() < r.end or u.start() <= r.start < u.end() for r in refs + out) or any(
                a <= u.start() < z for a, z in defined
            ):
                continue  # already a mention, or the definition of a short form ("(viết tắt là Chỉ thị 11)")
            out.append(_mention_of(target, text, u.start(), u.end(), "short_form"))
            pos = u.end()
            while (n := _LIST_NUMBER.match(text, pos)) is not None:  # "Nghị quyết 71, 57": the type once
                other = first.get((key[0], _plain_number(n.group("num"))))
                if other is None or any(r.start <= n.start("num") < r.end for r in refs + out):
                    break
                out.append(_mention_of(other, text, n.start("num"), n.end("num"), "short_form"))
                pos = n.end()
    return out


def _plain_number(number: str) -> str:
    """A document number without its leading zeros ("05" → "5", "0" stays)."""
    return number.lstrip("0") or "0"


# a further number of a list after a type and its number ("Nghị quyết 71, 57 và Đề án 06")
_LIST_NUMBER = re.compile(r"\s*(?:,|và)\s*(?:số\s+)?(?P<num>\d{1,5})(?![\w/.-]|\s*[/-]\s*\w)")
