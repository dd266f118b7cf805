"""The outline of a text's blocks (stage 3): which heading or item each block stands under, built
from the order in which marker types appear, as a reader does: a marker type seen before closes
everything opened after it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..types import Block

__all__ = ["Outline", "build_outline", "is_caps", "level_key", "marker_rank"]


def is_caps(s: str) -> bool:
    letters = list(filter(str.isalpha, s))
    n = len(letters)
    return n >= 3 and sum(map(str.isupper, letters)) >= 0.8 * n


@dataclass(frozen=True)
class Outline:
    blocks: tuple[Block, ...]
    parents: tuple[int, ...]  # index of the enclosing heading/item, -1 at top level

    def ancestors(self, i: int) -> list[int]:
        out = []
        p = self.parents[i]
        while p >= 0:
            out.append(p)
            p = self.parents[p]
        return out[::-1]

    def descendants(self, i: int) -> list[int]:
        """The indices of the blocks below block ``i``: they follow it without a gap (the outline is a tree
        in reading order: a block popped off the outline's stack is never a parent again), so the first
        block whose parent is neither ``i`` nor one of them ends them."""
        inside, out = {i}, []
        for j in range(i + 1, len(self.parents)):
            if self.parents[j] not in inside:
                break
            inside.add(j)
            out.append(j)
        return out

    def children(self, i: int) -> list[int]:
        """The blocks whose parent is ``i``."""
        return [k for k in self.descendants(i) if self.parents[k] == i]

    def heading_path(self, i: int) -> list[Block]:
        return [self.blocks[k] for k in self.ancestors(i) if self.blocks[k].kind == "heading"]

    def nearest_heading(self, i: int) -> int:
        """The index of the nearest heading above block ``i``, -1 when there is none."""
        p = self.parents[i]
        while p >= 0 and self.blocks[p].kind != "heading":
            p = self.parents[p]
        return p


def level_key(marker: str, mtype: str) -> str:
    if mtype == "arabic2":
        return f"arabic2:{marker.rstrip('.').count('.')}"
    return mtype


_RANKS = {
    "caps": -2,
    "caps_cont": -1,
    "part": 0,
    "article": 1,
    "roman": 2,
    "upper": 2.5,
    "arabic": 3,
    "arabic_sub": 3.5,
    "letter": 8,
    "paren": 9,
    "ordinal": 9,
    "paren_roman": 9.5,
    "dash": 10,
    "plus": 11,
}


def _rank(key: str, ranks: dict[str, float] = _RANKS) -> float:
    if key.startswith("arabic2:"):
        return 3 + int(key.split(":")[1])
    return ranks.get(key, 12)


_ROMAN_PAREN = re.compile(r"\([ivx]{1,4}\)")


def _letter_after(stack: list[tuple[str, int]], blocks: list[Block], marker: str) -> bool:
    """Whether "(i)", "(v)" or "(x)" is the letter after an open "(h)", "(u)" or "(w)" item."""
    if len(marker) != 3 or not stack or stack[-1][0] != "paren":
        return False
    prev = blocks[stack[-1][1]].marker
    return len(prev) == 3 and ord(prev[1]) == ord(marker[1]) - 1


def marker_rank(marker: str) -> int:
    """An item marker's place in its list ("1." → 1, "(12)" → 12, "c)" → 3; 0 for a bullet)."""
    digits = re.search(r"\d+", marker)
    if digits:
        return int(digits.group())
    letter = re.search(r"[a-zđ]", marker)
    return ord(letter.group()) - ord("a") + 1 if letter else 0


def _restart_key(blocks: list[Block], i: int, restarted: bool) -> tuple[str, bool]:
    """ "2. NHIỆM VỤ VÀ GIẢI PHÁP⏎1. Tăng cường …⏎2. Hoàn thiện …": numbered items that start again at "1."
    under a numbered heading in capitals are its children (key ``arabic_sub``) until the next such heading."""
    b = blocks[i]
    if b.kind == "heading" and is_caps(b.text[b.body_start - b.start :]):
        return "arabic", False
    if restarted:
        return "arabic_sub", True
    if marker_rank(b.marker) != 1:
        return "arabic", False
    prev = next((blocks[k] for k in range(i - 1, -1, -1) if blocks[k].marker_type == "arabic"), None)
    if prev is not None and prev.kind == "heading" and is_caps(prev.text[prev.body_start - prev.start :]):
        return "arabic_sub", True
    return "arabic", False


def build_outline(blocks: list[Block]) -> list[int]:
    stack: list[tuple[str, int]] = []  # (level key, block index)
    parents = []
    # "A. MỤC ĐÍCH⏎…⏎B. NỘI DUNG⏎I. …⏎IX. …⏎C. …": a document whose first roman part opens under an
    # upper-letter heading ranks its letters above its romans (by default romans rank above letters)
    ranks = dict(_RANKS)
    seen_roman = False
    restarted = False
    for i, b in enumerate(blocks):
        if not b.marker_type:
            parents.append(stack[-1][1] if stack else -1)
            continue
        key = level_key(b.marker, b.marker_type)
        if key == "paren" and _ROMAN_PAREN.fullmatch(b.marker) and not _letter_after(stack, blocks, b.marker):
            key = "paren_roman"  # "(i)", "(ii)" under "(6)": a sub-list, not the next sibling
        if key == "caps":
            restarted = False
            stack = [(key, i)]
            parents.append(-1)
            continue
        if key == "caps_cont":
            stack = stack[:1] + [(key, i)]
            parents.append(stack[0][1])
            continue
        if key == "roman" and not seen_roman:
            seen_roman = True
            if stack and stack[-1][0] == "upper" and blocks[stack[-1][1]].kind == "heading":
                ranks["upper"] = _RANKS["roman"] - 0.5
        if key == "arabic":
            key, restarted = _restart_key(blocks, i, restarted)
        elif key in ("part", "article", "roman"):
            restarted = False
        keys = [k for k, _ in stack]
        if key in keys:
            del stack[keys.index(key) :]
        else:
            while stack and _rank(stack[-1][0], ranks) >= _rank(key, ranks):
                stack.pop()
        parents.append(stack[-1][1] if stack else -1)
        stack.append((key, i))
    return parents
