"""Stage 1: Unicode normalisation with a map back to the input's offsets.

NFC, look-alike letters (``Ð`` U+00D0 → ``Đ`` U+0110, ``ƣ`` → ``ư``), dropped
invisible characters, CRLF → LF. ``normalise(normalise(x).text).text ==
normalise(x).text``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..resources import lexicon

__all__ = ["NormalisedText", "normalise"]


@dataclass(frozen=True)
class NormalisedText:
    text: str
    source: str
    to_source: tuple[int, ...]   # len(text) + 1 offsets into source

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that produced ``text[start:end]``."""
        return self.to_source[start], self.to_source[end]


def _needs_work(text: str, special: re.Pattern) -> bool:
    return not unicodedata.is_normalized("NFC", text) or bool(special.search(text))


def normalise(text: str) -> NormalisedText:
    """Normalise ``text``; the result maps every output offset back to the input."""
    lx = lexicon()
    specials = set(lx.char_map) | set(lx.drop_chars) | {"\r"}
    special = re.compile("[" + re.escape("".join(sorted(specials))) + "]")
    if not _needs_work(text, special):
        return NormalisedText(text, text, tuple(range(len(text) + 1)))
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster == "\r":
            # CRLF -> LF (drop CR); a lone CR is a line break
            if j < n and text[j] == "\n":
                i = j
                continue
            cluster = "\n"
        cluster = unicodedata.normalize("NFC", cluster)
        for ch in cluster:
            if ch in lx.drop_chars:
                continue
            ch = lx.char_map.get(ch, ch)
            out.append(ch)
            offsets.append(i)
        i = j
    offsets.append(n)
    result = unicodedata.normalize("NFC", "".join(out))
    if len(result) != len(out):  # a mapped char recomposed with a neighbour: rare, map coarsely
        return NormalisedText(result, text, _coarse_map(result, text))
    return NormalisedText(result, text, tuple(offsets))


def _coarse_map(result: str, source: str) -> tuple[int, ...]:
    scale = len(source) / max(len(result), 1)
    return tuple(min(int(k * scale), len(source)) for k in range(len(result))) + (len(source),)
