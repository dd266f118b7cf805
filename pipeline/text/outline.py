"""The outline of a text's blocks (stage 3): which heading or item each block stands under, built
from the order in which marker types appear, as a reader does: a marker type seen before closes
everything opened after it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import load
from ..types import Block

__all__ = ["Outline", "build_outline", "is_caps", "is_intro", "level_key", "marker_rank"]


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
    """Whether "(i)", "(v)" or "(x)" is the letter after an open "(h)", "(u)", "(v)" or "(w)" item (in the Latin or the
    Vietnamese letter order, ``segmentation.toml`` ``[list_letters]``: "(x)" follows "(v)")."""
    if len(marker) != 3 or not stack or stack[-1][0] != "paren":
        return False
    prev = blocks[stack[-1][1]].marker
    if len(prev) != 3 or not prev[1].isalpha():
        return False
    order = load("segmentation")["list_letters"]["order"]
    return ord(prev[1]) + 1 == ord(marker[1]) or 0 <= order.find(prev[1]) == order.find(marker[1]) - 1


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_ROMAN_MARKER = re.compile(r"\(([ivx]{1,4})\)")
_LETTER_MARKER = re.compile(r"\(?([a-zđ])[.)]")


@cache
def _ordinal_ranks() -> tuple[tuple[str, int], ...]:
    """Ordinal words and their place ("hai là" → 2, "thứ ba" → 3, "đầu tiên" → 1), longest first
    (``segmentation.toml`` ``[inline_ordinals]``)."""
    data = load("segmentation")["inline_ordinals"]
    words = [(w.lower(), i + 1) for series in data["series"] for i, w in enumerate(series)]
    words += [(w.lower(), 1) for w in data["first_extra"]]
    return tuple(sorted(words, key=lambda w: -len(w[0])))


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0], strict=True))


def marker_rank(marker: str) -> int:
    """An item marker's place in its list ("1." → 1, "(12)" → 12, "c)" → 3, "(iv)" → 4, "Hai là," → 2, "Nhiệm vụ
    thứ ba:" → 3; 0 for a bullet)."""
    digits = re.search(r"\d+", marker)
    if digits:
        return int(digits.group())
    low = marker.strip(" *_").lower()
    if roman := _ROMAN_MARKER.fullmatch(low):
        return _roman(roman.group(1))
    if letter := _LETTER_MARKER.fullmatch(low):
        return load("segmentation")["list_letters"]["order"].find(letter.group(1)) + 1
    return next((rank for word, rank in _ordinal_ranks() if word in low), 0)


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


_INTRO = "intro:"  # the stack's key of a paragraph that introduces a list (build_outline)


def is_intro(b: Block) -> bool:
    """Whether block ``b`` is a paragraph that ends with a colon, as one that introduces a list does ("Chủ tịch UBND
    tỉnh yêu cầu:", "Định hướng phát triển đất nước giai đoạn 2021 - 2030:")."""
    return not b.marker_type and b.kind != "heading" and b.text.rstrip("*_ ").endswith(":")


def _introduces(blocks: list[Block], i: int) -> bool:
    """Whether the marked block ``i`` opens a list right after a paragraph that introduces it (:func:`is_intro`,
    "Chủ tịch UBND tỉnh yêu cầu:" ⏎ "- Sở Y tế …"): the list stands under that paragraph, as the reader takes it."""
    if i == 0 or blocks[i].kind == "heading" or not is_intro(blocks[i - 1]):
        return False
    # "1. Chủ tịch UBND các tỉnh …, trọng tâm là các tỉnh:" ⏎ "Đắk Lắk, …:" ⏎ "a) …": the rest of an item above whose
    # sentence runs on (an item that ends its sentence, "(2) Tạo đột phá … đào tạo.", does not hold what follows)
    above = blocks[i - 2] if i >= 2 else None
    if above is None or not above.marker_type:
        return True
    end = above.text.rstrip("*_ ")
    return not end.endswith(":") and (above.kind == "heading" or end.endswith((".", ";", "!", "?")))


def _starts_again(marker: str, before: str) -> bool:
    """Whether an item marked ``marker`` starts its list again after the item marked ``before``."""
    rank, last = marker_rank(marker), marker_rank(before)
    return bool(rank and last and rank <= last)


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
            at = len(keys) - 1 - keys[::-1].index(key)  # the nearest list of its type
            if (
                at
                and keys[at - 1].startswith(_INTRO)
                and not blocks[i - 1].marker_type
                and _starts_again(b.marker, blocks[stack[at][1]].marker)
            ):
                # "Một là" … "Hai là" ⏎ "Quyết định cũng nêu rõ 9 hoạt động …" ⏎ "Một là": after a paragraph of its
                # own, a list that starts again is another's (right after "(vii)", "(i)" goes on the intro's list)
                at -= 1
            del stack[at:]
        else:
            while stack and _rank(stack[-1][0], ranks) >= _rank(key, ranks):
                stack.pop()
        if _introduces(blocks, i) and (not stack or blocks[stack[-1][1]].kind != "item"):
            # the list stands under the paragraph that introduces it, and that paragraph at the list's level:
            # "- Đến năm 2045, …" ⏎ "Định hướng … 2021 - 2030:" ⏎ "(1) …" ends the dash item before the intro (under
            # an item, "c) … trước ngày 30/6/2026." ⏎ "Phương án … theo hướng:" ⏎ "- …", the list stays the item's)
            parents[i - 1] = stack[-1][1] if stack else -1
            ranks[f"{_INTRO}{i - 1}"] = _rank(key, ranks) - 0.01  # a list of a higher type ends the intro's
            stack.append((f"{_INTRO}{i - 1}", i - 1))
        parents.append(stack[-1][1] if stack else -1)
        stack.append((key, i))
    return parents
