"""HTML tables inside a text file, as PDF-to-Markdown converters write the tables they cannot draw
with pipes (``<table><tr><td rowspan="2">…</td>…``): each becomes one `` | ``-joined line per row,
where it stands, as :mod:`.docx` writes a Word table, so the annex reader sees the same rows.

A cell's text is its words joined by single spaces (line breaks, ``<br/>`` and emphasis tags go,
entities are decoded); a cell spanning columns (``colspan``) is written once; a cell spanning rows
(``rowspan``) is repeated in the rows below it, at its column, so an agency or a time shared by
several rows stays with each. A table the parser cannot close is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["rebuild_html_tables", "html_table_rows"]

_TABLE = re.compile(r"<table\b[^>]*>.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_CELL_TAGS = ("td", "th")
_MAX_SPAN = 1000  # a span beyond this is a damaged attribute, read as 1


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for k, v in attrs:
        if k == name and v and v.strip().isdigit():
            n = int(v.strip())
            return n if 1 <= n <= _MAX_SPAN else 1
    return 1


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


class _TableParser(HTMLParser):
    """The rows of one ``<table>``: lists of cells with their spans (nested tables flattened into the
    cell that holds them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_Cell]] = []
        self.cell: _Cell | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
        elif tag == "tr" and self.depth == 1:
            self._close_cell()
            self.rows.append([])
        elif tag in _CELL_TAGS and self.depth == 1:
            self._close_cell()
            if not self.rows:
                self.rows.append([])
            self.cell = _Cell(rowspan=_span(attrs, "rowspan"), colspan=_span(attrs, "colspan"), header=tag == "th")
        elif tag in ("br", "p", "li") and self.cell is not None:
            self.cell.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
        elif tag in _CELL_TAGS and self.depth == 1 or tag == "tr" and self.depth == 1:
            self._close_cell()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text.append(data)

    def _close_cell(self) -> None:
        if self.cell is not None:
            self.rows[-1].append(self.cell)
            self.cell = None

    def close(self) -> None:
        super().close()
        self._close_cell()  # (a last cell left open: "<td>…</table>")


def html_table_rows(html: str) -> list[list[str]]:
    """The rows of the HTML table ``html``, each a list of cell texts: a column-spanning cell once, a
    row-spanning cell repeated below it at its column. The header rows at the top (``<th>`` cells only)
    are one row, each column's titles joined ("Phân bổ nguồn vốn Ngân sách Trung ương")."""
    p = _TableParser()
    p.feed(html)
    p.close()
    grid: list[list[tuple[str, int]]] = []  # each row: (text, colspan) at its grid columns, in order
    heads: list[bool] = []
    pending: dict[int, tuple[str, int, int]] = {}  # grid column → (text, rows left, colspan)
    for row in p.rows:
        cells: list[tuple[str, int]] = []
        col = 0
        queue = list(row)
        while queue or any(c >= col for c in pending):
            if col in pending:
                text, left, span = pending[col]
                cells.append((text, span))
                if left > 1:
                    pending[col] = (text, left - 1, span)
                else:
                    del pending[col]
                col += span
                continue
            if not queue:
                col = min(c for c in pending if c >= col)
                continue
            cell = queue.pop(0)
            text = " ".join("".join(cell.text).split())
            cells.append((text, cell.colspan))
            if cell.rowspan > 1:
                pending[col] = (text, cell.rowspan - 1, cell.colspan)
            col += cell.colspan
        if any(t for t, _ in cells):
            grid.append(cells)
            heads.append(bool(row) and all(c.header for c in row))
    n_head = next((k for k, h in enumerate(heads) if not h), len(heads))
    if n_head < 2:
        return [[t for t, _ in r] for r in grid]
    columns: list[list[str]] = []
    for r in grid[:n_head]:
        flat = [t for t, span in r for _ in range(span)]
        for c, t in enumerate(flat):
            if c == len(columns):
                columns.append([])
            if t and t not in columns[c]:
                columns[c].append(t)
    return [[" ".join(c) for c in columns]] + [[t for t, _ in r] for r in grid[n_head:]]


def rebuild_html_tables(text: str) -> tuple[str, int]:
    """``text`` with each ``<table>…</table>`` written as `` | ``-joined rows, and how many were."""
    if "<table" not in text and "<TABLE" not in text:
        return text, 0
    n = 0

    def rows(m: re.Match) -> str:
        nonlocal n
        got = html_table_rows(m.group(0))
        if not got:
            return m.group(0)
        n += 1
        return "\n".join(" | ".join(r) for r in got)

    return _TABLE.sub(rows, text), n
