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

from ..resources import lexicon, load, pattern
from .columns import cell_start, column_role

__all__ = ["rebuild_flat_tables", "rebuild_flat_pieces"]

_ROW_NUM = re.compile(r"(?P<num>[IVXL]{1,6}|\d{1,3}(?:\.\d{1,2})?)\.?(?:\s+(?P<rest>\S.*))?")
_SUB_ROW = re.compile(r"[-+–](?:\s+(?P<rest>\S.*))?")
_LETTER_ROW = re.compile(r"(?P<letter>[a-zđ])\)(?:\s+(?P<rest>\S.*))?")
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # the order of lettered items in Vietnamese texts
_TABLE_END = pattern("annex_columns", "table_end")
_ROMAN_VAL = {"I": 1, "V": 5, "X": 10, "L": 50}
# A cell that ends like this goes on in a later line ("Bộ Khoa học và" / "Công nghệ").
_OPEN_END = pattern("annex_columns", "open_end")
_NEW_BODY = pattern("annex_columns", "new_body")
# a footnote number glued to the end of a cell ("Nghị quyết số 66-NQ/TW1", "140/NQ-CP2")
_MARKER = re.compile(r"(?<=[A-ZĐ/)])(\d{1,2})[,;]?$")
_ONE_WORD = re.compile(r"[^\W\d_A-ZĐ][^\s]*")  # one lower-case word
_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
_CLOSED = (".", ";", ":", "!", "?", "…", ")", "”", '"')
#: Characters from which a text's lines are read as they are needed (:class:`_Lines`) instead of split at once.
LAZY_CHARS = 1_000_000
_FLUSH = 10_000  # lines of the result joined at a time (of a large text)


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


_PIPE_RULE = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")


def _pipe_header_cells(lines, i: int) -> list[str] | None:
    """The cells of lines[i] when it is a Markdown table's header row whose first cell is the number
    column, with its rule below and, after it, cells one per line instead of rows of pipes; else None."""
    cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
    if len(cells) < 3 or not _is_number_header(cells[0]) or i + 2 >= len(lines):
        return None
    if not _PIPE_RULE.fullmatch(lines[i + 1].strip()) or lines[i + 2].lstrip().startswith("|"):
        return None
    return cells


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
    pieces, n = rebuild_flat_pieces(text)
    if not n:
        return text, 0  # every line as it was
    return pieces[0] if len(pieces) == 1 else "\n".join(pieces), n


def rebuild_flat_pieces(text: str) -> tuple[list[str], int]:
    """:func:`rebuild_flat_tables` as pieces to join with line breaks (``[]`` when no table was
    rebuilt): a caller that holds the only reference to ``text`` frees it before joining them."""
    if "TT" not in text:
        return [], 0
    lines = text.split("\n") if len(text) < LAZY_CHARS else _Lines(text)
    out: list[str] = []
    chunks: list[str] = []  # the result a megabyte at a time (a large text's lines are never all in memory)
    n_tables = 0
    i = 0
    while i < len(lines):
        t = lines[i].strip()
        if t.startswith("|") and (cells := _pipe_header_cells(lines, i)):
            # "| TT | Nội dung | Cơ quan chủ trì | … |" and its rule over cells one per line (a PDF
            # converted to Markdown that kept only the header as a table): the header cells one per line
            lines[i : i + 2] = cells
            t = cells[0]
        head = _read_header(lines, i) if _is_number_header(t) else None
        if not head:
            out.append(lines[i])
            i += 1
        else:
            cells, rl, raw, i = head
            n_tables += 1
            out.append(" | ".join(cells))
            table = _FlatTable(lines, rl, raw, len(cells))
            i = table.read(i)
            out.extend(r.render() for r in table.rows)
            out.extend(table.notes)
        if isinstance(lines, _Lines):
            lines.forget(i)
            if len(out) >= _FLUSH:
                chunks.append("\n".join(out))
                out = []
    if out or not chunks:
        chunks.append("\n".join(out))
    return (chunks, n_tables) if n_tables else ([], 0)


class _Lines:
    """``text.split("\\n")`` for a large text, read as it is asked for and forgotten once passed:
    indexing, ``len`` and the replacement of one line by several (what the table reader does), with
    only the lines from just before the current one on in memory."""

    drop = 4096  # lines forgotten at a time

    def __init__(self, text: str) -> None:
        self.text = text
        self.total = text.count("\n") + 1  # lines of the text, and those added by replacements
        self.buf: list[str] = []
        self.base = 0  # index of buf[0]
        self.pos = 0  # where the next line to read starts

    def __len__(self) -> int:
        return self.total

    def _load(self, i: int) -> None:
        text = self.text
        while self.base + len(self.buf) <= i:
            end = text.find("\n", self.pos)
            end = len(text) if end < 0 else end
            self.buf.append(text[self.pos : end])
            self.pos = end + 1

    def __getitem__(self, i: int) -> str:
        if i < 0 or i >= self.total:
            raise IndexError(i)
        self._load(i)
        return self.buf[i - self.base]

    def __setitem__(self, span: slice, parts: list[str]) -> None:
        a, b = span.start - self.base, span.stop - self.base
        self._load(span.stop - 1)
        self.buf[a:b] = parts
        self.total += len(parts) - (b - a)

    def forget(self, i: int) -> None:
        """Lines before ``i - 2`` will not be asked for again."""
        k = i - 2 - self.base
        if k >= self.drop:
            del self.buf[:k]
            self.base += k


class _FlatTable:
    """The rows of one flattened table, read line by line after its header."""

    def __init__(self, lines: list[str] | _Lines, rl, raw, ncol: int) -> None:
        self.lines, self.rl, self.raw, self.ncol = lines, rl, raw, ncol
        self.rows: list[_Row] = []
        self.cur: _Row | None = None
        self.last_arabic, self.last_roman, self.last_sub, self.last_letter = 0, 0, 0, -1
        self.prev_line = ""
        self.continuing = False
        self.markers: set[str] = set()  # footnote numbers glued to a cell ("66-NQ/TW1")
        self.notes: list[str] = []  # footnotes, kept after the table
        self.footnote = False

    def read(self, i: int) -> int:
        """Rows from ``lines[i]`` to the end of the table; the index of the line after it."""
        lines = self.lines
        while i < len(lines):
            t = lines[i].strip()
            parts = _GAP.split(t)
            if len(parts) > 1:  # two cells side by side: "cơ quan ngang bộ  Bộ Tư pháp"
                lines[i : i + 1] = parts
                t = parts[0]
            if not t or _is_furniture(t):
                self.footnote = False  # a footnote runs to the foot of the page
                i += 1
                continue
            if self.footnote and not _is_number_header(t):
                self.notes.append(t)
                i += 1
                continue
            self.footnote = False
            glued = _MARKER.search(t)
            if glued:
                self.markers.add(glued.group(1))
            if _is_number_header(t):
                nxt = self.after_repeated_header(i)
                if nxt is None:
                    break
                i = nxt
                continue
            if _TABLE_END.match(t) and (self.cur is None or self.cur.col > 1):
                break
            nxt = self.row_start(i, t)
            if nxt is not None:
                i = nxt
                continue
            if self.cur is None:
                break
            i = self.place(i, t)
        return i

    def after_repeated_header(self, i: int) -> int | None:
        """The index after a header repeated at a page break (the row goes on cell by cell), or None."""
        end = _repeat_header_end(self.lines, i, self.raw)
        if end is None:
            again = _read_header(self.lines, i, repeat=True)
            if not (again and len(again[0]) == self.ncol):
                return None
            end = again[3]
        self.continuing = self.cur is not None
        if self.cur is not None:
            self.cur.pending, self.cur.col = None, 1
        return end

    def row_start(self, i: int, t: str) -> int | None:
        """The index after ``lines[i]`` when it starts a row (or is a footnote or a page number), else None."""
        m = _ROW_NUM.fullmatch(t)
        sub = _SUB_ROW.fullmatch(t)
        start = None
        if m and m.group("num") in self.markers and m.group("rest")[:1].isupper() and int(m.group("num")) != self.last_arabic + 1:
            self.footnote = True  # "1 Nghị quyết số 66-NQ/TW ngày …" at the foot of the page
            self.notes.append(t)
            return i + 1
        if m:
            start = self.numbered(m, t)
            if (
                start is None
                and m.group("num").isdigit()
                and (
                    i + 1 < len(self.lines)
                    and _is_furniture(self.lines[i + 1].strip())
                    or i > 0
                    and _is_furniture(self.lines[i - 1].strip())
                )
            ):
                return i + 1  # a page number beside a running head
        elif sub and self.cur is not None:
            start = ("-", sub.group("rest"), False)
        elif self.cur is not None and (lm := _LETTER_ROW.fullmatch(t)) and self.lettered(lm.group("letter")):
            start = (t[:2], lm.group("rest"), False)
        if not start:
            return None
        self.cur = _Row(start[0], self.ncol, start[2])
        self.rows.append(self.cur)
        self.continuing = False
        if start[1]:
            self.cur.add(1, start[1])
        self.prev_line = t
        return i + 1

    def lettered(self, letter: str) -> bool:
        """Whether ``letter`` is the next lettered sub-row ("a)", "b)" … under "1"); the numbered row
        over the first is then a group label."""
        k = _LETTERS.find(letter)
        if k != self.last_letter + 1:
            return False
        self.last_letter = k
        if k == 0:
            self.label_group(str(self.last_arabic))
        return True

    def label_group(self, number: str) -> None:
        """The last row, numbered ``number`` and with nothing past its content, is the group label of
        the sub-rows that open under it ("1." over "1.1", "1" over "a)")."""
        rows = self.rows
        if rows and rows[-1].cells[0].rstrip(".") == number and not any(rows[-1].cells[2:]):
            rows[-1].section = True

    def numbered(self, m: re.Match, t: str) -> tuple[str, str, bool] | None:
        """(number, rest, roman) of a row number next in sequence ("1", "2.", "1.1", "II"), or None."""
        num = m.group("num")
        dot = "." if t[len(num) : len(num) + 1] == "." else ""
        top, _, part = num.partition(".")
        if part and top.isdigit() and int(top) == self.last_arabic and int(part) == self.last_sub + 1:
            self.last_sub = int(part)
            if self.last_sub == 1:
                self.label_group(top)
            return (num + dot, m.group("rest"), False)
        if not part and num.isdigit() and int(num) in (self.last_arabic + 1, 1):
            self.last_arabic, self.last_sub, self.last_letter = int(num), 0, -1
            return (num + dot, m.group("rest"), False)
        if not num.isdigit() and not part and _roman_value(num) == self.last_roman + 1:
            self.last_roman = _roman_value(num)
            return (num + dot, m.group("rest"), True)
        return None

    def place(self, i: int, t: str) -> int:
        """Put the content line ``lines[i]`` in its cell of the current row; the index after it."""
        lines = self.lines
        # a narrow column cut one word per line ("Thực" / "hiện" / "thường"): the words
        # of one cell are read together, so that its opening cue is seen
        while " " not in t and t[:1].isupper() and i + 1 < len(lines) and _ONE_WORD.fullmatch(lines[i + 1].strip()):
            i += 1
            t = f"{t} {lines[i].strip()}"
        assert self.cur is not None
        _place(self.cur, t, self.prev_line, self.rl, self.continuing)
        self.prev_line = t
        return i + 1
