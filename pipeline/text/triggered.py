"""Exact, faster ``finditer`` for patterns whose matches can only start at a few places that a
cheap *trigger* finds.

Python's ``re`` tries a pattern at every position of a text when the pattern opens with a
look-around (``(?<![\\w/.:-])\\d…``) or with an optional part (``\\s*…``): about 30 ns a
character. A trigger is a pattern that opens with a character class (which ``re`` skips ahead
to) and consumes exactly one character; :class:`Triggered` tries the pattern itself
(``rx.match(text, p)``) only at position 0 (or the ``pos`` it is given) and at the places the triggers give: the start of
each trigger match (``starts_at``) or its end (``starts_after``), or, for a pattern every match
of which holds one of a few characters (``"/"``) a bounded distance from its start, at the places
just before each occurrence of one of them that a one-character trigger without look-ahead matches
(``near``; the characters are found with ``str.find``).

The result is exactly ``list(rx.finditer(text))`` — the same match objects in the same order —
provided every match of ``rx`` starts at 0 (at ``pos``) or at such a place (each trigger is a *necessary*
condition written for its pattern, next to it; ``tests/test_triggered.py`` checks the equality
on the corpus and on generated text) and no match is empty: trigger matches are one character
wide, so ``finditer`` over a trigger finds every such place, and ``rx.match`` at the first place
at or after the last match's end is what ``finditer``'s own search tries there.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

__all__ = ["Triggered"]


class Triggered:
    """``rx.finditer(text)``, the pattern tried only where a trigger says a match may start."""

    def __init__(
        self,
        rx: re.Pattern,
        starts_at: Sequence[str] = (),
        starts_after: Sequence[str] = (),
        near: tuple[str, int, str] | None = None,
    ):
        """``near``: (anchors, reach, trigger): every match of ``rx`` starts where ``trigger``
        matches and holds one of the characters ``anchors`` at most ``reach`` characters after
        its start."""
        self.rx = rx
        self.pattern = rx.pattern
        self.at = tuple(re.compile(t) for t in starts_at)
        self.after = tuple(re.compile(t) for t in starts_after)
        self.near = (near[0], near[1], re.compile(near[2])) if near else None
        for t in self.at + self.after + ((self.near[2],) if self.near else ()):
            if t.groups or _width(t) != (1, 1):
                raise ValueError(f"a trigger must consume exactly one character and have no group: {t.pattern!r}")
        if rx.flags & re.MULTILINE:
            raise ValueError("a triggered pattern must not be MULTILINE (its ^ would match after every line break)")

    def starts(self, text: str, pos: int = 0, endpos: int | None = None) -> list[int]:
        """Every place in ``[pos, endpos]`` where a match of the pattern may start, in order."""
        end = len(text) if endpos is None else min(max(endpos, 0), len(text))
        pos = min(max(pos, 0), end)
        found = {pos}
        for t in self.at:
            found.update(m.start() for m in t.finditer(text, pos, end))
        for t in self.after:
            found.update(m.end() for m in t.finditer(text, max(pos - 1, 0), end))
        if self.near:
            anchors, reach, trig = self.near
            finditer = trig.finditer  # with an end: the trigger has no look-ahead
            for a in anchors:
                find = text.find
                q = find(a, pos, end)
                while q >= 0:
                    found.update(m.start() for m in finditer(text, max(q - reach, pos), q))
                    q = find(a, q + 1, end)
        return sorted(found)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """``rx.finditer(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        starts = self.starts(text, pos, endpos)
        match = self.rx.match
        i = 0
        n = len(starts)
        while i < n:
            m = match(text, starts[i], end)
            if m is None:
                i += 1
                continue
            if m.end() == m.start():  # pragma: no cover - an empty match: finditer's own rules
                yield from self.rx.finditer(text, starts[i], end)
                return
            yield m
            i = bisect_left(starts, m.end(), i + 1)


def _width(rx: re.Pattern) -> tuple[int, int]:
    from re import _parser  # type: ignore[attr-defined]

    lo, hi = _parser.parse(rx.pattern, rx.flags).getwidth()
    return lo, hi
