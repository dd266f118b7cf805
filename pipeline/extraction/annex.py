"""Annex task tables: rows of " | "-joined cells (as the readers write tables) with a
header that names the columns (Nội dung / Cơ quan chủ trì / Cơ quan phối hợp /
Thời gian / Sản phẩm). Each data row becomes a task candidate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..read.columns import column_role
from ..text.segment import Outline
from ..types import Block
from .cues import starts_with_action
from .units import Context, Item, ItemKind, trim_task, with_details

__all__ = ["TableRow", "find_tables", "annex_contexts"]

SEP = " | "
_HEADER_CELL_MAX = 60
# "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị …": a footnote citing a document
_FOOTNOTE = re.compile(r"\d{1,2}\s+[A-ZĐ][^|]*?\bsố\s+\d+[/-]")
_FOOTNOTE_LINES = 6
# a group label of any length: "III | Nghiên cứu, ứng dụng …", "IV. Tăng cường, nâng cao …"
_LABEL_ROW = re.compile(r"(?:[IVXL]{1,6}|[A-Z]|\d{1,2})\.? \| \S|[IVXL]{1,6}\.\s+\S")


@dataclass(frozen=True)
class TableRow:
    block: int  # index of the row's block
    cells: dict  # role -> (start, end) span of the cell in the text
    group_label: str = ""  # a row that only names a group ("I | NHIỆM VỤ CHUNG")
    details: tuple = ()  # cells of the sub-rows ("- | …") that detail this row


_MD_RULE = re.compile(r":?-{3,}:?|")


def _header_spill(cells: list[str]) -> bool:
    """A row that carries the rest of the header's words: short cells in lower case, no digits."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(len(c) <= 30 and not re.search(r"\d", c) and c[0].islower() for c in filled)


def _cells(text: str, b: Block):
    """(start, end) spans of the cells of a row block."""
    spans, pos = [], b.start
    for part in text[b.start : b.end].split(SEP.strip()):
        s = pos
        e = s + len(part)
        pos = e + 1
        ls = len(part) - len(part.lstrip())
        rs = len(part.rstrip())
        spans.append((s + ls, s + rs) if rs > ls else (s + ls, s + ls))
    return spans


def find_tables(text: str, blocks) -> list[tuple[int, list[TableRow]]]:
    """Task tables of the text: (header block index, data rows)."""
    out = []
    header, roles = None, None
    rows: list[TableRow] = []
    gap = 0
    footnote = 0  # lines of a footnote between two rows of a table that goes on
    for i, b in enumerate(blocks):
        line = text[b.start : b.end]
        if line.count("|") < 2:
            if header is None:
                continue
            if rows and (_FOOTNOTE.match(line.strip()) or 0 < footnote < _FOOTNOTE_LINES):
                footnote += 1
                continue
            gap += 1
            if (len(line) <= 150 or _LABEL_ROW.match(line)) and gap <= 2 and "content" in (roles or []):
                # a group label between rows ("II", "PHÂN CÔNG, PHÂN CẤP …")
                rows.append(TableRow(i, {"content": (b.start, b.end)}, group_label=line.strip()))
                continue
            if rows:
                out.append((header, [r for r in rows if not (r.group_label and r is rows[-1])]))
            header, roles, rows, gap = None, None, [], 0
            continue
        gap, footnote = 0, 0
        spans = _cells(text, b)
        cell_texts = [text[s:e] for s, e in spans]
        if header is not None and not rows and _header_spill(cell_texts):
            # "| | nhiệm vụ | chủ trì | phối hợp | thực hiện |" under "| STT | Nội dung | Cơ quan | …":
            # the header's cells go on in the next row; the roles are those of the joined words
            head_texts = [text[a:z] for a, z in _cells(text, blocks[header])]
            if len(head_texts) == len(cell_texts):
                joined = [" ".join(f"{h} {c}".split()) for h, c in zip(head_texts, cell_texts)]
                r2 = [column_role(c) if len(c) <= _HEADER_CELL_MAX else "" for c in joined]
                if "content" in r2:
                    roles = r2
                continue
        # a header names its columns in a few words; a data row's long cells may contain them too
        r = [column_role(c) if len(c) <= _HEADER_CELL_MAX else "" for c in cell_texts]
        if "content" in r and ("lead" in r or "time" in r):
            if header is not None and rows:
                out.append((header, rows))
            header, roles, rows = i, r, []
            continue
        if header is None or roles is None:
            continue
        if all(_MD_RULE.fullmatch(c.strip()) for c in cell_texts):
            continue  # a Markdown header rule "|---|:---:|"
        if all(re.fullmatch(r"\(?\d{1,2}\)?|", c.strip()) for c in cell_texts):
            continue  # numbering row "(1) | (2) | (3)"
        if cell_texts and _is_repeat_header(cell_texts, roles):
            continue
        cells = _assign(spans, roles)
        num = text[cells["number"][0] : cells["number"][1]].strip() if "number" in cells else ""
        if not num and "number" in roles and rows and _number(text, rows[-1]):
            # a row without a number under a numbered one: the row above going on after a
            # page break; its cells fill what the row above lacks
            parent = rows[-1]
            rows[-1] = TableRow(parent.block, parent.cells, details=parent.details + (cells,))
            continue
        content = cells.get("content")
        if not content:
            continue
        others = [k for k in cells if k not in ("content", "number")]
        ctext = text[content[0] : content[1]]
        if not others and (re.fullmatch(r"[IVXL]+\.?|[A-Z]\.?", num) or ctext.isupper()):
            rows.append(TableRow(i, cells, group_label=ctext))
            continue
        if num in ("-", "+", "–") and rows and not _opens_with_action(ctext):
            # a sub-row ("- | Công trình giao thông | Bộ Xây dựng | …") details the row above,
            # which takes its agencies and time where it names none
            parent = rows[-1]
            if not parent.group_label:
                rows[-1] = TableRow(parent.block, parent.cells, details=parent.details + (cells,))
            continue
        rows.append(TableRow(i, cells))
    if header is not None and rows:
        out.append((header, rows))
    return out


def _assign(spans, roles) -> dict:
    """Role -> span of a data row. A cell under an empty header cell goes to the named
    column beside it when that one is empty: PDF tables whose header spans merged cells
    put the data one column off ("TT | Nội dung |  | Cơ quan chủ trì |  | …")."""
    cells, used = {}, set()
    n = min(len(spans), len(roles))
    filled = [k < len(spans) and spans[k][1] > spans[k][0] for k in range(len(roles))]
    for k in range(n):
        role = roles[k]
        if not role or role in cells:
            continue
        for j in (k, k - 1, k + 1):
            if 0 <= j < n and filled[j] and j not in used and (j == k or not roles[j]):
                cells[role] = spans[j]
                used.add(j)
                break
    return cells


def _number(text: str, row: TableRow) -> str:
    """The number cell of a data row ("" for a group label or a row without one)."""
    if row.group_label or "number" not in row.cells:
        return ""
    a, z = row.cells["number"]
    return text[a:z].strip()


def _opens_with_action(text: str) -> bool:
    return bool(starts_with_action(text.lstrip(" -–+•")))  # ("- Rà soát …": a cell's own bullet)


def _is_repeat_header(cells, roles) -> bool:
    return sum(1 for c, r in zip(cells, roles) if r and column_role(c) == r) >= 2


def annex_contexts(text: str, outline: Outline) -> tuple[list[Context], set[int]]:
    """The task contexts of the document's annex task tables — each data row a task with its columns,
    a row that only names a group ("I. Nhóm nhiệm vụ …") opening a new context — and the blocks taken."""
    blocks = outline.blocks
    contexts: list[Context] = []
    taken: set[int] = set()
    for hi, rows in find_tables(text, blocks):
        taken.add(hi)
        path = outline.heading_path(hi)
        title = path[-1].text.strip() if path else ""
        ctx = Context(group=title, group_start=blocks[hi].start, group_end=blocks[hi].start)
        for row in rows:
            taken.add(row.block)
            if row.group_label:
                if ctx.items:
                    contexts.append(ctx)
                a, z = row.cells["content"]
                ctx = Context(group=text[a:z], group_start=a, group_end=a)
                continue
            a, z = trim_task(text, *row.cells["content"])
            ctx.items.append(Item(a, z, ItemKind.ROW, with_details(row)))
        if ctx.items:
            contexts.append(ctx)
    return contexts, taken
