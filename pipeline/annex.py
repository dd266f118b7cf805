"""Annex task tables: rows of " | "-joined cells (as the readers write tables) with a
header that names the columns (Nội dung / Cơ quan chủ trì / Cơ quan phối hợp /
Thời gian / Sản phẩm). Each data row becomes a task candidate."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import load
from .types import Block

__all__ = ["TableRow", "find_tables", "column_role"]

SEP = " | "
_HEADER_CELL_MAX = 60
_LABEL_ROW = re.compile(r"(?:[IVXL]{1,6}|[A-Z]|\d{1,2})\.? \| \S")   # "III | Nghiên cứu, ứng dụng …"


@dataclass(frozen=True)
class TableRow:
    block: int                      # index of the row's block
    cells: dict                     # role -> (start, end) span of the cell in the text
    group_label: str = ""           # a row that only names a group ("I | NHIỆM VỤ CHUNG")
    details: tuple = ()             # cells of the sub-rows ("- | …") that detail this row


@cache
def _roles():
    return [(r["name"], tuple(r["words"]), r.get("exact", False)) for r in load("annex_columns")["role"]]


def column_role(header: str) -> str:
    h = " ".join(header.lower().split())
    for name, words, exact in _roles():
        if exact:
            if h.strip(" .") in words:
                return name
        elif any(w in h for w in words):
            return name
    return ""


def _cells(text: str, b: Block):
    """(start, end) spans of the cells of a row block."""
    spans, pos = [], b.start
    for part in text[b.start:b.end].split(SEP.strip()):
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
    for i, b in enumerate(blocks):
        line = text[b.start:b.end]
        if line.count("|") < 2:
            if header is None:
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
        gap = 0
        spans = _cells(text, b)
        cell_texts = [text[s:e] for s, e in spans]
        # a header names its columns in a few words; a data row's long cells may contain them too
        r = [column_role(c) if len(c) <= _HEADER_CELL_MAX else "" for c in cell_texts]
        if "content" in r and ("lead" in r or "time" in r):
            if header is not None and rows:
                out.append((header, rows))
            header, roles, rows = i, r, []
            continue
        if header is None or roles is None:
            continue
        if all(re.fullmatch(r"\(?\d{1,2}\)?|", c.strip()) for c in cell_texts):
            continue  # numbering row "(1) | (2) | (3)"
        if cell_texts and _is_repeat_header(cell_texts, roles):
            continue
        cells = {}
        for k, span in enumerate(spans[:len(roles)]):
            role = roles[k] if k < len(roles) else ""
            if role and role not in cells and span[1] > span[0]:
                cells[role] = span
        content = cells.get("content")
        if not content:
            continue
        others = [k for k in cells if k not in ("content", "number")]
        ctext = text[content[0]:content[1]]
        num = text[cells["number"][0]:cells["number"][1]].strip() if "number" in cells else ""
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


def _opens_with_action(text: str) -> bool:
    from .tasks import starts_with_action
    return bool(starts_with_action(text))


def _is_repeat_header(cells, roles) -> bool:
    return sum(1 for c, r in zip(cells, roles) if r and column_role(c) == r) >= 2
