"""One document's mentions of one document agree: an OCR or typing slip in a number's symbol
("15/2018/NĐ-CE", "36/2025/TTBNMT") or a symbol cut short at a line end ("15/2018/NĐ") takes the id
the same text cites more often under that number and year ("15/2018/NĐ-CP" six times), when that id's
codes are all known (``issuers.toml``, ``doc_types.toml``) and the slip's are not
(:func:`agree_ids`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..resources import lexicon
from ..types import Reference

__all__ = ["agree_ids"]

_ID = re.compile(r"(?P<num>\d[\w.]*(?:/(?:19|20)\d{2})?)/(?P<sym>.+)")
_SEPARATORS = re.compile(r"[-–._ ]")
_ASSEMBLY = re.compile(r"(?:QH|UBTVQH)\d{2}")


def _known(symbol: str) -> bool:
    """Whether every part of ``symbol`` ("TT-BNNMT", "NQ-CP", "QH15") is a known type or issuer code."""
    lx = lexicon()
    return all(p in lx.type_codes or p in lx.issuer_codes or _ASSEMBLY.fullmatch(p) for p in _SEPARATORS.split(symbol))


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substituted, inserted or dropped letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _slip_of(slip: str, sure: str) -> bool:
    """Whether symbol ``slip`` is a slip of symbol ``sure``: one letter apart once separators and case
    go (and ``slip`` not itself a well-formed symbol), or cut short of it."""
    a, b = _SEPARATORS.sub("", slip).upper(), _SEPARATORS.sub("", sure).upper()
    if len(a) >= 2 and len(a) < len(b) and b.startswith(a):
        return True
    return len(a) >= 3 and _one_edit(a, b) and not _known(slip)


def agree_ids(refs: Sequence[Reference]) -> list[Reference]:
    """``refs`` with each slip's id replaced by the id it slips from (and that id's type, code and
    issuer when the slip has none), flagged ``consensus_repaired``."""
    counts = Counter(r.ref_id for r in refs)
    by_number: dict[str, list[tuple[str, str]]] = {}
    for rid in counts:
        parts = _ID.fullmatch(rid)
        if parts:
            by_number.setdefault(parts["num"], []).append((rid, parts["sym"]))
    fix: dict[str, str] = {}
    for ids in by_number.values():
        for rid, sym in ids:
            sure = [o for o, osym in ids if counts[o] >= 2 and counts[o] > counts[rid] and _known(osym) and _slip_of(sym, osym)]
            if len(sure) == 1:
                fix[rid] = sure[0]
    if not fix:
        return list(refs)
    model = {r.ref_id: r for r in refs if r.ref_id in fix.values()}
    out = []
    for r in refs:
        if r.ref_id in fix:
            m = model[fix[r.ref_id]]
            issuer = r.issuer or m.issuer
            flags = (set(r.flags) - ({"issuer_unknown"} if issuer else set())) | {"consensus_repaired"}
            r = replace(r, ref_id=m.ref_id, type=m.type, code=m.code, issuer=issuer, flags=tuple(sorted(flags)))
        out.append(r)
    return out
