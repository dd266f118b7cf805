"""Stage 1: Unicode normalisation with a map back to the input's offsets.

NFC, look-alike letters (``Ð`` U+00D0 → ``Đ`` U+0110, ``ƣ`` → ``ư``), dropped
invisible characters, CRLF → LF. ``normalise(normalise(x).text).text ==
normalise(x).text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..resources import lexicon

__all__ = ["NormalisedText", "normalise"]


@dataclass(frozen=True)
class NormalisedText:
    text: str
    source: str
    to_source: tuple[int, ...] | range  # len(text) + 1 offsets into source (a range when nothing changed)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that produced ``text[start:end]``."""
        return self.to_source[start], self.to_source[end]


def _needs_work(text: str, special: re.Pattern) -> bool:
    return not unicodedata.is_normalized("NFC", text) or bool(special.search(text))


def normalise(text: str) -> NormalisedText:
    """Normalise ``text``; the result maps every output offset back to the input."""
    lx = lexicon()
    specials = set(lx.char_map) | set(lx.drop_chars) | {"\r"}
    special = _special_re(frozenset(specials))
    if not _needs_work(text, special):
        return NormalisedText(text, text, range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    n = len(text)
    dirty = _dirty_re(frozenset(specials))
    if len(dirty.findall(text)) * 8 > n:
        # decomposed text (a combining mark in most syllables): every cluster through the loop
        drop, cmap, combining, nfc = lx.drop_chars, lx.char_map, unicodedata.combining, unicodedata.normalize
        i = 0
        while i < n:
            j = i + 1
            while j < n and combining(text[j]):
                j += 1
            cluster = text[i:j]
            if cluster == "\r":
                if j < n and text[j] == "\n":  # CRLF -> LF (drop CR); a lone CR is a line break
                    i = j
                    continue
                cluster = "\n"
            for ch in nfc("NFC", cluster):
                if ch in drop:
                    continue
                out.append(cmap.get(ch, ch))
                offsets.append(i)
            i = j
        return _finish(text, out, offsets)
    # Only clusters holding a special, a combining or an NFC-unstable character need the
    # per-cluster work; the runs between them are copied whole (each of their characters is its
    # own cluster, NFC-stable, neither dropped nor mapped: it maps to itself).
    pos = 0
    for m in dirty.finditer(text):
        start = m.start()
        if start < pos:
            continue  # inside a cluster already done
        if unicodedata.combining(text[start]):  # its cluster opens at the base before it
            while start > pos and unicodedata.combining(text[start - 1]):
                start -= 1
            if start > pos:
                start -= 1
        if start > pos:
            out.append(text[pos:start])
            offsets.extend(range(pos, start))
        pos = _cluster(text, start, n, lx, out, offsets)
    if pos < n:
        out.append(text[pos:])
        offsets.extend(range(pos, n))
    return _finish(text, out, offsets)


def _finish(text: str, out: list[str], offsets: list[int]) -> NormalisedText:
    n = len(text)
    offsets.append(n)
    joined = "".join(out)
    result = unicodedata.normalize("NFC", joined)
    if len(result) != len(joined):  # a mapped char recomposed with a neighbour: rare, map coarsely
        return NormalisedText(result, text, _coarse_map(result, text))
    return NormalisedText(result, text, tuple(offsets))


def _cluster(text: str, i: int, n: int, lx, out: list[str], offsets: list[int]) -> int:
    """The per-cluster work for the cluster that opens at ``i``; returns where the next opens."""
    j = i + 1
    while j < n and unicodedata.combining(text[j]):
        j += 1
    cluster = text[i:j]
    if cluster == "\r":
        # CRLF -> LF (drop CR); a lone CR is a line break
        if j < n and text[j] == "\n":
            return j
        cluster = "\n"
    cluster = unicodedata.normalize("NFC", cluster)
    for ch in cluster:
        if ch in lx.drop_chars:
            continue
        ch = lx.char_map.get(ch, ch)
        out.append(ch)
        offsets.append(i)
    return j


@cache
def _special_re(specials: frozenset) -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted(specials))) + "]")


@cache
def _dirty_re(specials: frozenset) -> re.Pattern:
    """A character that needs the per-cluster work: a special (mapped, dropped, CR), a combining
    character, or one that NFC changes on its own (singletons such as U+212B)."""
    odd = {chr(c) for c in range(0x10000) if unicodedata.combining(chr(c)) or unicodedata.normalize("NFC", chr(c)) != chr(c)}
    bmp = "".join(sorted(c for c in odd | set(specials) if ord(c) < 0x10000))
    # every character past the BMP counts as one that needs the work (always exact, and it keeps
    # the class within the BMP, which re tests by a table lookup instead of a list of ranges)
    return re.compile("[" + re.escape(bmp) + "\U00010000-\U0010ffff]")


def _coarse_map(result: str, source: str) -> tuple[int, ...]:
    scale = len(source) / max(len(result), 1)
    return tuple(min(int(k * scale), len(source)) for k in range(len(result))) + (len(source),)
