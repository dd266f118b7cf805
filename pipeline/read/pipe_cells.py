"""Tables scraped from legal sites with each cell between lines that hold only "|" → one
`` | ``-joined line per row.

A web page's table copied as text (thuvienphapluat.vn and the sites that copy it, Markdown
converters of them) comes out cell by cell: a line "|", the cell's lines, a line "|", the next cell …,
and a row ends where two "|" lines meet::

    |
    **STT**
    |
    **Nội dung nhiệm vụ**
    |
    **Cơ quan chủ trì**
    |
    |
    1
    |
    Rà soát, kịp thời cụ thể
    hoá các cơ chế, chính sách …
    |
    Sở Tài chính
    |
    |

:func:`rebuild_pipe_cells` writes such a table back as rows (``STT | Nội dung nhiệm vụ | Cơ quan chủ
trì``, ``1 | Rà soát, kịp thời cụ thể hoá … | Sở Tài chính``) so that
:mod:`pipeline.extraction.annex` reads it like any other table. A row shorter than the header that opens
with a row label ("I", "A.", "2") is a group row, its cells from the left; one that opens without a label
is a row whose first columns span the row above (its agencies): they are written again, and the row
numbered "-", a sub-row that :mod:`~pipeline.extraction.annex` takes as a task of its own when it opens
with an action.
"""

from __future__ import annotations

import re

from .columns import column_role

__all__ = ["rebuild_pipe_cells"]

_SEP = "|"
_NUMBER_HEAD = re.compile(r"[*_\s]*(?:S[ốố]\s*)?S?TT[*_.\s]*", re.IGNORECASE)
_LABEL = re.compile(r"[*_\s]*(?:[IVXL]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,2}){0,2})[.)]?[*_\s]*")
_BOLD = re.compile(r"^[*_\s]+|[*_\s]+$")
_END_GAP = 12  # lines without a "|" line: the table is over
_MIN_COLUMNS = 3


def rebuild_pipe_cells(text: str) -> tuple[str, int]:
    """``text`` with every such table written as rows, and the number of tables rebuilt (the text
    unchanged when there is none)."""
    if "\n|\n" not in text:
        return text, 0
    lines = text.split("\n")
    out: list[str] = []
    i, n = 0, 0
    while i < len(lines):
        table = _table_at(lines, i)
        if table is None:
            out.append(lines[i])
            i += 1
            continue
        rows, end = table
        out.extend(rows)
        n += 1
        i = end
    return ("\n".join(out), n) if n else (text, 0)


def _table_at(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """(the rows, the index after the table) of a table whose header opens at line ``i`` ("|" then
    the number column's head), or None."""
    if lines[i].strip() != _SEP or i + 1 >= len(lines) or not _NUMBER_HEAD.fullmatch(lines[i + 1]):
        return None
    end = _table_end(lines, i)
    segments = _segments(lines[i:end])
    if not segments:
        return None
    header = segments[0]
    roles = [column_role(_clean(c)) for c in header]
    if len(header) < _MIN_COLUMNS or "content" not in roles:
        return None
    width = len(header)
    rows = [header]
    above: list[str] | None = None  # the last full row
    for seg in _merge_empty_cells(segments[1:], width):
        if len(seg) >= width:
            rows.append(seg)
            above = seg
        elif _LABEL.fullmatch(seg[0]) and seg[0].strip(" *_"):
            rows.append(seg + [""] * (width - len(seg)))  # a group row ("I | NHÓM GIẢI PHÁP …")
            above = None
        elif above is not None:
            # a row of its own whose first columns span the row above (its agencies): they are
            # written again, under the number "-" (a sub-row: its own task when it opens with an action)
            rows.append(["-"] + above[1 : width - len(seg)] + seg)
        else:
            rows.append([""] * (width - len(seg)) + seg)
    return [" | ".join(_clean(c) for c in row) for row in rows], end


def _table_end(lines: list[str], i: int) -> int:
    """The index after the last "|" line of the table opening at ``i`` (no "|" line in the next
    _END_GAP lines after it)."""
    last = i
    k = i
    while k < len(lines) and k - last <= _END_GAP:
        if lines[k].strip() == _SEP:
            last = k
        k += 1
    return last + 1


def _segments(lines: list[str]) -> list[list[str]]:
    """The rows of a table's lines: cells between "|" lines, a row ending where two meet."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] | None = None
    for line in lines:
        if line.strip() == _SEP:
            if cell is None:  # two "|" lines meet: the row is over
                if row:
                    rows.append(row)
                row = []
            else:
                row.append(" ".join(" ".join(cell).split()))
            cell = None
        else:
            cell = (cell or []) + [line]
    if cell is not None:
        row.append(" ".join(" ".join(cell).split()))
    if row:
        rows.append(row)
    return rows


def _merge_empty_cells(segments: list[list[str]], width: int) -> list[list[str]]:
    """An empty cell inside a row also makes two "|" lines meet: a numbered row cut short and
    followed by a piece without a row label that fits beside it (with the empty cell) is one row."""
    out: list[list[str]] = []
    for seg in segments:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev) < width
            and _LABEL.fullmatch(prev[0])
            and not _LABEL.fullmatch(seg[0])
            and len(prev) + 1 + len(seg) <= width
            and len(prev) > 2  # a group row names its group in one cell
        ):
            out[-1] = prev + [""] * (width - len(prev) - len(seg)) + seg
        else:
            out.append(seg)
    return out


def _clean(cell: str) -> str:
    """A cell without the Markdown bold around it and without "|" (the row's separator)."""
    return _BOLD.sub("", cell).replace("|", "/")
