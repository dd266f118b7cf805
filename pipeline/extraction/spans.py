"""Lookups of spans by position that stay linear in the size of a document: the references
inside a task, the task a reference or a time stands in (:mod:`.tasks`). Each gives exactly what
the plain scan over all spans gives; references out of start order and overlapping tasks take
the plain scan."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

__all__ = ["ref_ids_between", "first_containing"]


def ref_ids_between(refs: Sequence) -> Callable[[int, int], tuple[str, ...]]:
    """``lambda a, z: tuple(r.ref_id for r in refs if a <= r.start < z)``, by bisection when
    ``refs`` are in start order (as :func:`~pipeline.extraction.references.find_references` gives them)."""
    starts = [r.start for r in refs]
    if any(x > y for x, y in zip(starts, starts[1:])):
        return lambda a, z: tuple(r.ref_id for r in refs if a <= r.start < z)

    def between(a: int, z: int) -> tuple[str, ...]:
        return tuple(r.ref_id for r in refs[bisect_left(starts, a) : bisect_left(starts, z)])

    return between


def first_containing(spans: Sequence[tuple[int, int, str]]) -> Callable[[int], str]:
    """``lambda pos: next((v for s, e, v in spans if s <= pos < e), "")``, by bisection when the
    spans that hold anything do not overlap (then at most one holds ``pos``, wherever it stands
    in the list)."""
    held = sorted((s, e, v) for s, e, v in spans if s < e)
    starts = [s for s, _, _ in held]
    if any(e > s2 for (_, e, _), s2 in zip(held, starts[1:])):
        return lambda pos: next((v for s, e, v in spans if s <= pos < e), "")

    def at(pos: int) -> str:
        k = bisect_right(starts, pos) - 1
        if k < 0:
            return ""
        s, e, v = held[k]
        return v if pos < e else ""

    return at
