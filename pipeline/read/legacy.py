"""Pre-Unicode Vietnamese encodings (TCVN3/ABC, VNI) → Unicode.

Legacy files store Vietnamese letters in the upper half of an 8-bit code page;
extractors (antiword, pdfium, a Latin-1 decode) show those bytes as Latin-1
characters (``"Céng hßa"``, ``"COÄNG HOØA"``). The conversion tables are data:
``resources/legacy_tcvn3.toml`` and ``resources/legacy_vni.toml``.

Detection is by content: legacy text has no Unicode-only Vietnamese letters
(ă đ ĩ ũ ơ ư and U+1EA0–U+1EF9) but many characteristic Latin-1 characters. Lines
that already hold Unicode Vietnamese are left alone, so a mixed document is
converted only where it is legacy. U+00AD (soft hyphen) is TCVN3's ``ư``: call
:func:`to_unicode` before anything strips invisible characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..resources import load

__all__ = ["LegacyTables", "tables", "detect_legacy", "to_unicode", "convert_legacy"]

# Unicode letters that only Unicode Vietnamese text has (never a Latin-1 decode).
_UNICODE_VIET = re.compile(r"[ăđĩũơưĂĐĨŨƠƯ\u1ea0-\u1ef9]")
_LETTER = re.compile(r"[^\W\d_]")
# Thresholds: share of letters that must be legacy signatures. Measured on the
# corpus: TCVN3 documents 8–12 %, VNI 9–13 %, Unicode Vietnamese 0 % (TCVN3
# signatures) and < 0.5 % after the Unicode-letter guard; French/Spanish text
# has no TCVN3 signature bytes and few vowel+mark pairs.
_MIN_SHARE = 0.02
_MAX_UNICODE_SHARE = 0.002
# ...and never on a handful of characters: one soft hyphen in a line of ASCII is 100 % of
# its "letters" but no evidence (the shortest legacy line of the tests has 5 signatures).
_MIN_SIGNS = 3


@dataclass(frozen=True, eq=False)
class LegacyTables:
    """Compiled conversion tables."""

    tcvn3: dict  # legacy char -> Unicode letter
    vni_single: dict  # legacy char -> Unicode letter
    vni_marks: dict  # mark char -> (combining sequence, allowed bases)
    vni_pair: re.Pattern  # vowel followed by a mark
    tcvn3_signature: re.Pattern


@cache
def tables() -> LegacyTables:
    t = load("legacy_tcvn3")
    v = load("legacy_vni")
    tcvn3 = {e["legacy"]: e["unicode"] for e in t["char"]}
    single = {e["legacy"]: e["unicode"] for e in v["single"]}
    marks = {e["legacy"]: (e["combining"], frozenset(e["bases"])) for e in v["mark"]}
    bases = sorted({b for _, bs in marks.values() for b in bs})
    pair = re.compile(f"([{re.escape(''.join(bases))}])([{re.escape(''.join(marks))}])")
    # TCVN3 bytes 0xA1–0xBF never occur in VNI and hardly in Unicode prose; the
    # ones that are letters in TCVN3 are its signature.
    sig = "".join(c for c in tcvn3 if "\u00a1" <= c <= "\u00bf")
    return LegacyTables(tcvn3, single, marks, pair, re.compile(f"[{re.escape(sig)}]"))


_CHUNK = 1 << 20  # characters counted at a time: the matches of a 50 MB text are never all listed


def _chunks(text: str):
    """``text`` in pieces of about :data:`_CHUNK` characters, cut after a line break (no pattern
    counted here matches across one)."""
    pos, n = 0, len(text)
    while pos < n:
        end = n if n - pos <= _CHUNK else text.find("\n", pos + _CHUNK)
        end = n if end < 0 else end + 1
        yield text[pos:end]
        pos = end


def _counts(text: str) -> tuple[int, int, int, int]:
    """(letters, TCVN3 signatures, VNI vowel+mark pairs, Unicode-only Vietnamese letters) in ``text``."""
    tb = tables()
    letters = tc = vni = uni = 0
    for part in _chunks(text):
        letters += len(_LETTER.findall(part))
        tc += len(tb.tcvn3_signature.findall(part))
        vni += len(tb.vni_pair.findall(part))  # vowel + mark pairs only (not "ñ": Spanish)
        uni += len(_UNICODE_VIET.findall(part))
    return letters, tc, vni, uni


def _scores(text: str) -> tuple[float, float, float]:
    """(TCVN3 share, VNI share, Unicode-Vietnamese share) of the letters in ``text``."""
    letters, tc, vni, uni = _counts(text)
    letters = letters or 1
    return tc / letters, vni / letters, uni / letters


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None`` (Unicode or not Vietnamese), by the statistics of
    the whole text: shares of its letters, and at least :data:`_MIN_SIGNS` signatures."""
    letters, n_tc, n_vni, n_uni = _counts(text)
    letters = letters or 1
    tc, vni, uni = n_tc / letters, n_vni / letters, n_uni / letters
    if uni > _MAX_UNICODE_SHARE:
        return None
    if tc >= _MIN_SHARE and tc >= vni / 3 and n_tc >= _MIN_SIGNS:
        return "tcvn3"
    if vni >= _MIN_SHARE and n_vni >= _MIN_SIGNS:
        return "vni"
    return None


_WORD = re.compile(r"[^\W\d_]+")


def _caps(m: re.Match) -> str:
    """A word whose plain letters are all capitals was set in capitals: TCVN3 has no
    capital toned letters, so ``QUYÕT`` converts to ``QUYếT``; give it back as ``QUYẾT``."""
    w = m.group(0)
    plain = [c for c in w if c.isascii()]
    if len(plain) >= 2 and all(c.isupper() for c in plain):
        return w.upper()
    return w


def _tcvn3_line(line: str, table: dict) -> str:
    return _WORD.sub(_caps, "".join(table.get(c, c) for c in line))


def _vni_line(line: str, tb: LegacyTables) -> str:
    line = "".join(tb.vni_single.get(c, c) for c in line)

    def compose(m: re.Match) -> str:
        comb, bases = tb.vni_marks[m.group(2)]
        if m.group(1) not in bases:
            return m.group(0)
        return unicodedata.normalize("NFC", m.group(1) + comb)

    # singles turned ô/ö into ơ/ư, which are bases too; base letters in the
    # pattern are Unicode, so the pattern is applied after the singles.
    return tb.vni_pair.sub(compose, line)


def to_unicode(text: str, encoding: str) -> str:
    """Convert ``text`` from ``encoding`` (``"tcvn3"`` or ``"vni"``) to Unicode NFC.

    Lines that already contain Unicode-only Vietnamese letters are kept as they are.
    """
    tb = tables()
    if encoding not in ("tcvn3", "vni"):
        raise ValueError(f"unknown legacy encoding {encoding!r}; use 'tcvn3' or 'vni'")
    out = []
    for line in text.split("\n"):
        if _UNICODE_VIET.search(line):
            out.append(line)
        elif encoding == "tcvn3":
            out.append(_tcvn3_line(line, tb.tcvn3))
        else:
            out.append(_vni_line(line, tb))
    return unicodedata.normalize("NFC", "\n".join(out))


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Detect a legacy encoding and convert; returns ``(text, encoding or None)``."""
    enc = detect_legacy(text)
    if enc is None:
        return text, None
    return to_unicode(text, enc), enc
