"""Stage 2: join hard line breaks into paragraphs and blank out page furniture.

The result has exactly the length of its input, so every offset stays valid:
a joined line break becomes a space, a furniture line becomes spaces, and a
paragraph break stays a newline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from functools import cache

from ..resources import lexicon, load
from .segment import match_marker

__all__ = ["Unwrapped", "unwrap"]

_SENT_END = re.compile(r"[.:;!?…]\W*$")
_JOIN_END = re.compile(r"[,(\-–/]$")


@dataclass(frozen=True)
class Unwrapped:
    text: str
    furniture: tuple[tuple[int, int, str], ...]   # (start, end, pattern name)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


_HEADLINE_MAX = 200   # the lines of a related-articles list are headlines


def unwrap(text: str) -> Unwrapped:
    """Return ``text`` with wrapped lines joined and furniture blanked (same length)."""
    lx = lexicon()
    spans = list(_lines(text))
    stripped = [text[s:e].strip() for s, e in spans]
    furn: dict[int, str] = {}
    for i, line in enumerate(stripped):
        if not line:
            continue
        for name, rx in lx.furniture:
            if rx.fullmatch(line):
                furn[i] = name
                break
    # a web page's list of related articles: its opening line and all after it, in the last half
    nonblank = [i for i, line in enumerate(stripped) if line]
    for k, i in enumerate(nonblank):
        if k >= len(nonblank) // 2 and lx.web_tail.fullmatch(stripped[i]) and \
                all(len(stripped[j]) <= _HEADLINE_MAX for j in nonblank[k + 1:]):
            for j in nonblank[k:]:
                furn.setdefault(j, "web_tail")
            break
    content = [i for i, line in enumerate(stripped) if line and i not in furn]
    # lone page numbers: at the edges of the text or beside other furniture
    edge = set(content[:2]) | set(content[-2:])
    for _ in range(2):
        for i in content:
            if i in furn or not lx.lone_number.fullmatch(stripped[i]):
                continue
            near = any((k in furn) for k in range(max(0, i - 3), min(len(spans), i + 4)) if k != i)
            if i in edge or near:
                furn[i] = "page_number"
    content = [i for i in content if i not in furn]
    lengths = sorted(len(stripped[i]) for i in content if stripped[i].count("|") < 2)  # table rows are not wrapped text
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = 20 <= width <= 250

    out = list(text)
    _blank_markdown(text, out)
    for i, name in furn.items():
        s, e = spans[i]
        for k in range(s, e):
            out[k] = " "
    for a, b in zip(content, content[1:]):
        if _joins(stripped[a], stripped[b], a, b, stripped, furn, width, wrapped):
            for k in range(spans[a][1], spans[b][0]):
                if out[k] == "\n":
                    out[k] = " "
    furniture = tuple((spans[i][0], spans[i][1], n) for i, n in sorted(furn.items()))
    return Unwrapped("".join(out), furniture)


@cache
def _markdown_res() -> tuple[re.Pattern, re.Pattern]:
    d = load("furniture")["markdown_inline"]
    return re.compile(d["image"]), re.compile(d["link"])


def _blank_markdown(text: str, out: list[str]) -> None:
    """Blank Markdown images and the brackets and addresses of links, in place (same length)."""
    if "](" not in text:
        return
    image, link = _markdown_res()
    for m in image.finditer(text):
        out[m.start():m.end()] = " " * (m.end() - m.start())
    for m in link.finditer(text):
        if out[m.start()] == " " and text[m.start()] != " ":
            continue   # inside a blanked image
        out[m.start()] = " "
        out[m.end(1):m.end()] = " " * (m.end() - m.end(1))


def _joins(a: str, b: str, ia: int, ib: int, stripped, furn, width: int, wrapped: bool) -> bool:
    if not wrapped or a.count("|") >= 2 or b.count("|") >= 2:
        return False
    between = range(ia + 1, ib)
    if any(not stripped[k] and k not in furn and not _near_furniture(k, furn) for k in between):
        return False  # a real blank line
    if match_marker(b)[0]:
        return False
    first = b[0]
    if _is_caps(a) and not _is_caps(b):
        return False
    if _JOIN_END.search(a):
        return True
    if _SENT_END.search(a) and (first.isupper() or first.isdigit() or first in "(\"“'"):
        return False
    if len(a) < 0.6 * width and (first.isupper() or first.isdigit()) and not a.endswith(("số", "ngày", "tháng", "năm")):
        return False
    if match_marker(a)[0] and first.isupper() and not _SENT_END.search(a) and (
            len(a) < 0.85 * width or (len(a) <= 0.93 * width and b.split()[0] not in _proper_heads())):
        return False  # a short numbered heading line followed by a new sentence
    return True


@cache
def _proper_heads() -> frozenset:
    return frozenset(load("segmentation")["proper_heads"]["words"])


def _near_furniture(k: int, furn) -> bool:
    return any(j in furn for j in range(k - 3, k + 4))
