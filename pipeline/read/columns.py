"""The roles of annex table columns ("TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp |
Thời gian | Sản phẩm"), read from ``resources/annex_columns.toml``: the one place that maps a
header cell to its role, for the readers that rebuild flattened tables (:mod:`.flat_tables`,
:mod:`.pdf`) and for the annex stage (:mod:`pipeline.extraction.annex`)."""

from __future__ import annotations

import re
from functools import cache

from ..resources import load

__all__ = ["column_role", "cell_start"]


@cache
def _roles() -> list[tuple[str, tuple[str, ...], bool]]:
    return [(r["name"], tuple(w.lower() for w in r["words"]), r.get("exact", False)) for r in load("annex_columns")["role"]]


def column_role(header: str) -> str:
    """The role of a header cell ("number", "lead", "partners", "time", "product", "content",
    "note"), or "": the first role whose words occur in it (case-insensitive); an ``exact``
    role's words must be the whole cell, bar surrounding dots and spaces."""
    h = " ".join(header.lower().split())
    for name, words, exact in _roles():
        if exact:
            if h.strip(" .") in words:
                return name
        elif any(w in h for w in words):
            return name
    return ""


@cache
def _cell_starts() -> dict[str, re.Pattern]:
    return {r["name"]: re.compile(r["cell_start"]["pattern"]) for r in load("annex_columns")["role"] if "cell_start" in r}


def cell_start(role: str) -> re.Pattern | None:
    """How a cell of the column ``role`` opens (for the roles whose file entry has ``cell_start``)."""
    return _cell_starts().get(role)
