"""Annex tables flattened one cell per line → one `` | ``-joined line per row.

Text extractions of Công báo PDFs write an annex table cell by cell: the header
cells (``TT`` / ``Nội dung`` / ``Cơ quan chủ trì`` / …), then for each row its
number, the lines of its content, its lead agency, partners, product and time.
At a page break the header is repeated and the row's cells go on *each from
where it stopped*: the rest of the content first, then the rest of the lead
agency, and so on. :func:`rebuild_flat_tables` puts such tables back together so
that :mod:`pipeline.extraction.annex` reads them like any other table.

The cues that open a new cell of a column (an agency name, a time word, a
document type) are data: ``cell_start`` of ``resources/annex_columns.toml``.
"""

from __future__ import annotations

import re

from ..resources import lexicon, load
from .columns import cell_start, column_role

__all__ = ["rebuild_flat_tables"]

_ROW_NUM = re.compile(r"(?P<num>[IVXL]{1,6}|\d{1,3}(?:\.\d{1,2})?)\.?(?:\s+(?P<rest>\S.*))?")
_SUB_ROW = re.compile(r"[-+–](?:\s+(?P<rest>\S.*))?")
_TABLE_END = re.compile(r"(?:Phụ lục|PHỤ LỤC|Nơi nhận|TM\.|KT\.|THỦ TƯỚNG|Ghi chú\s*:)")
_ROMAN_VAL = {"I": 1, "V": 5, "X": 10, "L": 50}
# A cell that ends like this goes on in a later line ("Bộ Khoa học và" / "Công nghệ").
_OPEN_END = re.compile(r"(?:\b(?:và|của|các|với|về|cho|thuộc)|[,;(\-–/&])\s*$", re.IGNORECASE)
_NEW_BODY = re.compile(r"(?:Cơ quan|Các cơ quan|Đơn vị|Các đơn vị|Các bộ|Các Bộ)\b")
# a footnote number glued to the end of a cell ("Nghị quyết số 66-NQ/TW1", "140/NQ-CP2")
_MARKER = re.compile(r"(?<=[A-ZĐ/)])(\d{1,2})[,;]?$")
_ONE_WORD = re.compile(r"[^\W\d_A-ZĐ][^\s]*")  # one lower-case word
_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
_CLOSED = (".", ";", ":", "!", "?", "…", ")", "”", '"')


def _roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VAL[a]
        total += -v if b in _ROMAN_VAL and _ROMAN_VAL[b] > v else v
    return total


def _is_number_header(line: str) -> bool:
    """The header cell of the number column ("TT", "STT", "Số TT"): where a table starts."""
    return len(line) <= 12 and column_role(line) == "number"


def _agency_start(line: str) -> bool:
    heads = load("agencies")["heads"]["words"]
    if line in ("Các", "Các bộ", "Các Bộ"):
        return True
    rest = line[4:] if line.startswith("Các ") else line
    for h in heads:
        if rest.startswith(h) or (rest is not line and rest.lower().startswith(h.lower())):
            nxt = rest[len(h) : len(h) + 1]
            if not nxt or not nxt.isalpha():
                return True
    low = rest.lower()
    return low.startswith(("cơ quan", "đơn vị")) or (rest is not line and low.startswith(("địa phương", "tỉnh", "tổ chức")))


def _starts(role: str | None, line: str) -> bool:
    if role in ("lead", "partners"):
        return _agency_start(line)
    rx = cell_start(role or "")
    return bool(rx and rx.match(line))


def _is_furniture(line: str) -> bool:
    return any(rx.fullmatch(line) for _, rx in lexicon().furniture)


def _key(line: str) -> str:
    return " ".join(line.split())


def _read_header(lines, i, repeat: bool = False):
    """Header cells from lines[i] (the TT/STT line) to the first row ("1", "I", "I. ...");
    (cells, roles, raw header lines, next index) or None when they do not name annex columns."""
    cells = [lines[i].strip()]
    raw = [_key(lines[i])]
    k = i + 1
    while k < len(lines) and k - i < 20:
        t = lines[k].strip()
        k += 1
        if not t:
            continue
        m = _ROW_NUM.fullmatch(t)
        if m and (repeat or m.group("num") in ("1", "I")):
            k -= 1
            break
        raw.append(_key(t))
        if t[0].islower() and len(cells) > 1:
            cells[-1] += " " + t
        else:
            cells.append(t)
    else:
        return None
    rl = [column_role(c) for c in cells]
    if len(cells) < 3 or sum(1 for r in rl if r in ("lead", "partners", "time", "product", "content")) < 2:
        return None
    return cells, rl, raw, k


def _repeat_header_end(lines, i, raw) -> int | None:
    """Index after a header repeated at lines[i] (same lines as the table's own), else None."""
    k, n = i, 0
    while k < len(lines) and n < len(raw):
        t = lines[k].strip()
        if t:
            if _key(t) != raw[n]:
                return None
            n += 1
        k += 1
    return k if n == len(raw) else None


class _Row:
    """One table row being rebuilt: its number and the text of each column."""

    def __init__(self, number: str, ncol: int, section: bool):
        self.cells = [number] + [""] * (ncol - 1)
        self.section = section
        self.col = 1  # the column the last line went to
        self.pending: int | None = None  # after a page break: the next column that goes on

    def add(self, col: int, line: str) -> None:
        self.cells[col] = f"{self.cells[col]} {line}".strip()
        self.col = col

    def render(self) -> str:
        if self.section:
            return f"{self.cells[0]} | {self.cells[1]}"
        return " | ".join(self.cells)


def _next_open(row: _Row, after: int) -> int | None:
    """The first column after ``after`` whose text was cut (ends open) at a page break."""
    for k in range(after + 1, len(row.cells)):
        if row.cells[k] and _OPEN_END.search(row.cells[k]):
            return k
    return None


def _place_continued(row: _Row, line: str, rl) -> None:
    """Put a line that follows a header repeated at a page break: the rest of the content,
    then the rest of each cell the break cut (one ending open: "Bộ Khoa học và")."""
    ncol = len(row.cells)
    content = row.cells[1]
    if (
        row.col <= 1
        and content
        and not content.endswith(_CLOSED)
        and (line[:1].islower() or not any(_starts(rl[k], line) for k in range(2, ncol)))
    ):
        row.add(1, line)
        return
    col = max(row.col, 1)
    open_col = _next_open(row, col)
    later = [k for k in range(col + 1, ncol) if _starts(rl[k], line)]
    if open_col is not None and (not later or later[0] >= open_col) and row.pending != open_col:
        row.pending = open_col
        row.add(open_col, line)
    elif later:
        row.add(later[0], line)
    elif (
        row.pending is not None
        and row.col == row.pending
        and row.pending + 1 < ncol
        and not _OPEN_END.search(row.cells[row.pending])
    ):
        row.add(row.pending + 1, line)  # the cut cell is whole again: the next one goes on
    else:
        fallback = rl.index("partners") if "partners" in rl else col
        row.add(max(row.col, fallback) if row.col > 1 else fallback, line)


def _place(row: _Row, line: str, prev: str, rl, continuing: bool) -> None:
    """Put one line of a row into its column."""
    if row.section:
        row.add(1, line)
        return
    if continuing:
        _place_continued(row, line, rl)
        return
    ncol = len(row.cells)
    col = row.col
    # "Bộ Khoa học và" / "Công nghệ" goes on; "Bộ Khoa học và" / "Cơ quan, tổ chức" is the
    # next column (a page break cut the cell above)
    if row.cells[col] and (not _OPEN_END.search(prev) or _NEW_BODY.match(line)):
        # the content is followed by its lead agency (never empty); other cells may be
        candidates = [rl.index("lead")] if rl[col] == "content" and "lead" in rl else range(col + 1, ncol)
        for k in candidates:
            if k > col and _starts(rl[k], line):
                row.add(k, line)
                return
        if rl[col] == "product" and col + 1 < ncol and rl[col + 1] == "time" and prev.endswith(".") and line[:1].isupper():
            row.add(col + 1, line)  # a new sentence after the product: the time cell, in words
            return  # cut one per line ("Thực" / "hiện" / "thường xuyên")
        if rl[col] in ("lead", "partners") and _agency_start(line):
            row.cells[col] += ";"  # a second agency of the same cell
        elif rl[col] == "partners" and line[:1].isupper() and "product" in rl[col + 1 :]:
            row.add(rl.index("product", col + 1), line)  # not an agency: the product
            return
    row.add(col, line)


def rebuild_flat_tables(text: str) -> tuple[str, int]:
    """Annex tables flattened one cell per line → one `` | ``-joined line per row.

    A table starts at a ``TT``/``STT`` line followed by header cells whose words
    name annex columns; rows start at the next row number in sequence (``1``,
    ``2.``, ``1.1``, ``II``; a lone ``-`` starts a sub-row). Inside a row, a line
    goes on in the current cell unless it opens the cell of a later column (an
    agency for the lead/partner columns, a time word for the time column, a
    document type for the product column) and the line before it did not end
    with a comma. A header repeated at a page break is dropped and the row goes
    on cell by cell (the rest of the content, then the rest of each cell that
    was cut). A numbered row with only a title, followed by its sub-rows
    (``1.`` over ``1.1``), is a group label. Running heads and page numbers are
    dropped. Returns ``(text, number of tables rebuilt)``.
    """
    if "TT" not in text:
        return text, 0
    lines = text.split("\n")
    out: list[str] = []
    n_tables = 0
    i = 0
    while i < len(lines):
        t = lines[i].strip()
        head = _read_header(lines, i) if _is_number_header(t) else None
        if not head:
            out.append(lines[i])
            i += 1
            continue
        cells, rl, raw, i = head
        n_tables += 1
        out.append(" | ".join(cells))
        ncol = len(cells)
        rows: list[_Row] = []
        cur: _Row | None = None
        last_arabic, last_roman, last_sub = 0, 0, 0
        prev_line = ""
        continuing = False
        markers: set[str] = set()  # footnote numbers glued to a cell ("66-NQ/TW1")
        notes: list[str] = []  # footnotes, kept after the table
        footnote = False
        while i < len(lines):
            t = lines[i].strip()
            parts = _GAP.split(t)
            if len(parts) > 1:  # two cells side by side: "cơ quan ngang bộ  Bộ Tư pháp"
                lines[i : i + 1] = parts
                t = parts[0]
            if not t or _is_furniture(t):
                footnote = False  # a footnote runs to the foot of the page
                i += 1
                continue
            if footnote and not _is_number_header(t):
                notes.append(t)
                i += 1
                continue
            footnote = False
            glued = _MARKER.search(t)
            if glued:
                markers.add(glued.group(1))
            if _is_number_header(t):
                end = _repeat_header_end(lines, i, raw)
                if end is not None:
                    i, continuing = end, cur is not None
                    if cur is not None:
                        cur.pending, cur.col = None, 1
                    continue
                again = _read_header(lines, i, repeat=True)
                if again and len(again[0]) == ncol:
                    i, continuing = again[3], cur is not None
                    if cur is not None:
                        cur.pending, cur.col = None, 1
                    continue
                break
            if _TABLE_END.match(t) and (cur is None or cur.col > 1):
                break
            m = _ROW_NUM.fullmatch(t)
            sub = _SUB_ROW.fullmatch(t)
            start = None
            if m and m.group("num") in markers and m.group("rest")[:1].isupper() and int(m.group("num")) != last_arabic + 1:
                footnote = True  # "1 Nghị quyết số 66-NQ/TW ngày …" at the foot of the page
                notes.append(t)
                i += 1
                continue
            if m:
                num = m.group("num")
                dot = "." if t[len(num) : len(num) + 1] == "." else ""
                top, _, part = num.partition(".")
                if part and top.isdigit() and int(top) == last_arabic and int(part) == last_sub + 1:
                    last_sub = int(part)
                    start = (num + dot, m.group("rest"), False)
                    if last_sub == 1 and rows and rows[-1].cells[0].rstrip(".") == top and not any(rows[-1].cells[2:]):
                        rows[-1].section = True  # "1." over "1.1": a group label
                elif not part and num.isdigit() and int(num) in (last_arabic + 1, 1):
                    last_arabic, last_sub = int(num), 0
                    start = (num + dot, m.group("rest"), False)
                elif not num.isdigit() and not part and _roman_value(num) == last_roman + 1:
                    last_roman = _roman_value(num)
                    start = (num + dot, m.group("rest"), True)
                elif num.isdigit() and (
                    i + 1 < len(lines) and _is_furniture(lines[i + 1].strip()) or i > 0 and _is_furniture(lines[i - 1].strip())
                ):
                    i += 1  # a page number beside a running head
                    continue
            elif sub and cur is not None:
                start = ("-", sub.group("rest"), False)
            if start:
                cur = _Row(start[0], ncol, start[2])
                rows.append(cur)
                continuing = False
                if start[1]:
                    cur.add(1, start[1])
                prev_line = t
                i += 1
                continue
            if cur is None:
                break
            # a narrow column cut one word per line ("Thực" / "hiện" / "thường"): the words
            # of one cell are read together, so that its opening cue is seen
            while " " not in t and t[:1].isupper() and i + 1 < len(lines) and _ONE_WORD.fullmatch(lines[i + 1].strip()):
                i += 1
                t = f"{t} {lines[i].strip()}"
            _place(cur, t, prev_line, rl, continuing)
            prev_line = t
            i += 1
        out.extend(r.render() for r in rows)
        out.extend(notes)
    return "\n".join(out), n_tables
