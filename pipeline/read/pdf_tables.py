"""Annex tables of a PDF's text layer: pdfplumber's ruled-table finder on the pages
:mod:`pipeline.read.pdf` hands over, the cells cleaned and the tables joined across pages.

pdfplumber reads a page by interpreting its content stream (pdfminer); what the table
finder and its cell extraction read of the result — the characters' text and boxes, the
lines', rectangles' and curves' boxes — is taken from pdfminer's layout objects directly
(:func:`_objects`), not through pdfplumber's conversion of every attribute of every object,
and each cell's characters are found by their rows (:func:`_extract`) instead of testing
every character of the page against every row; both give exactly pdfplumber's values
(``tests/test_pdf_tables.py`` compares them).
"""

from __future__ import annotations

import io
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from ..resources import load
from .columns import column_role

__all__ = ["join_letter_spacing", "normalise_table", "with_tables", "page_objects", "extract_cells"]


def _clean(cell) -> str | None:
    if cell is None:
        return None
    return join_letter_spacing(" ".join(cell.split()))


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", ch)[0].lower() in "aeiouy" for ch in word)


def _is_vowel(ch: str) -> bool:
    return bool(ch) and unicodedata.normalize("NFD", ch)[0].lower() in "aeiouy"


def join_letter_spacing(text: str) -> str:
    """Join the letters of words that a PDF table cell split with spaces ("C h í nh phủ"
    → "Chính phủ"); see ``letter_spacing`` in resources/legacy_repairs.toml."""
    if " " not in text:
        return text
    onsets = _onsets()
    out: list[str] = []
    for tok in text.split(" "):
        prev = out[-1] if out else ""
        if prev and tok[:1].islower() and prev.isalpha() and tok[0].isalpha():
            if (
                not _has_vowel(prev)
                and len(prev) <= 3
                and prev[0].isupper()
                and (_is_vowel(tok[0]) or (prev[-1] + tok[0]).lower() in onsets)
            ):
                out[-1] = prev + tok  # "C h" → "Ch", "Ch í" → "Chí", "Q uý" → "Quý"
                continue
            if tok.isalpha() and len(tok) <= 3 and not _has_vowel(tok) and _is_vowel(prev[-1]):
                out[-1] = prev + tok  # "Chí nh" → "Chính"
                continue
        out.append(tok)
    return " ".join(out)


@cache
def _onsets() -> frozenset:
    return frozenset(load("legacy_repairs")["letter_spacing"]["onsets"])


def normalise_table(rows: list[list]) -> list[list[str]]:
    """pdfplumber rows (``None`` = covered by a merged cell) → rows of cell strings.

    Grid columns empty in every row are dropped; a header column owns the grid
    columns up to the next header column; a row whose first cell is covered
    (a row cut by an inner rule) is joined to the row above; a full-width row
    (a section title) is one cell.
    """
    rows = [[_clean(c) for c in r] for r in rows if r]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    header = rows[0]
    starts = [j for j in range(width) if header[j] is not None and any(r[j] for r in rows)]
    if not starts:
        return []
    if starts[0] != 0:
        starts[0] = 0
    bounds = list(zip(starts, starts[1:] + [width]))
    out: list[list[str]] = []
    spans: list[bool] = []
    for r in rows:
        cells = [" ".join(c for c in r[a:b] if c) for a, b in bounds]
        # a section row: its number, then one cell over the rest of the width
        full = (
            r[0] is not None
            and len(bounds) > 2
            and all(c is None for c in r[bounds[1][1] :])
            and all(c is None for c in r[1 : bounds[1][0]])
        )
        if out and (r[0] is None or (full and spans[-1])):
            prev = out[-1]
            if full and spans[-1]:
                prev[-1] = f"{prev[-1]} {' '.join(c for c in cells if c)}".strip()
            else:
                for k, c in enumerate(cells):
                    if c:
                        prev[k] = f"{prev[k]} {c}".strip() if k < len(prev) else c
            continue
        out.append([c for c in cells[:2] if c] if full else cells)
        spans.append(full)
    return _join_centred_rows(out)


_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})*\.?|[IVXL]{1,6}\.?")


def _join_centred_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows of a numbered table cut at every text line, the number on the middle line
    ("" | "Tăng cường lãnh đạo, …" / "1." | "chính sách, pháp luật, …" / "" | "hoạch về …"),
    joined back: an unnumbered line goes on in the row above while its text goes on
    (lower case), and opens the upper part of the next numbered row once a new sentence
    starts (upper case). Lines at the top of a table continued from the page before stay
    rows of their own (the reader of the text joins them to the row above)."""
    if len(rows) < 3:
        return rows
    head = column_role(rows[0][0]) == "number"
    width = len(rows[0])
    body = [r for r in rows[int(head) :] if len(r) == width]
    numbered = sum(1 for r in body if _ROW_NUMBER.fullmatch(r[0].strip()))
    if (
        not numbered
        or numbered == len(body)
        or numbered * 5 < len(body)
        or any(r[0].strip() and not _ROW_NUMBER.fullmatch(r[0].strip()) for r in body)
    ):
        return rows

    def join(a: list[str], b: list[str]) -> list[str]:
        return [f"{x} {y}".strip() for x, y in zip(a, b)]

    out: list[list[str]] = rows[: int(head)]
    pending: list[list[str]] = []  # upper lines of the next numbered row
    last: list[str] | None = None
    for r in rows[int(head) :]:
        if len(r) != width:  # a section title row
            if last is not None:
                for p in pending:
                    last[:] = join(last, p)
            else:
                out.extend(pending)
            pending, last = [], None
            out.append(r)
            continue
        if r[0].strip():
            merged = r
            for p in reversed(pending):
                merged = join(p, merged)
            merged[0] = r[0]
            out.append(merged)
            last, pending = merged, []
            continue
        text = next((c for c in r[1:] if c), "")
        if not pending and text[:1].islower():
            if last is None:
                out.append(r)  # the row of the page before goes on
            else:
                last[:] = join(last, r)
        else:
            pending.append(r)
    for p in pending:
        if last is None:
            out.append(p)
        else:
            last[:] = join(last, p)
    return out


def _same_row(a, b) -> bool:
    return [re.sub(r"\W+", "", c.lower()) for c in a] == [re.sub(r"\W+", "", c.lower()) for c in b]


# ------------------------------------------------------------- pdfplumber, lighter


def page_objects(page) -> dict[str, list[dict]] | None:
    """What pdfplumber's table finder and cell extraction read of a page (``page.objects``
    restricted to the characters, lines, rectangles and curves, and to the attributes those
    read), from pdfminer's layout of the page: the same values, computed the same way. None
    when pdfplumber is asked to normalise Unicode (then ``page.objects`` is the one to use)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect

    if page.pdf.unicode_norm is not None:
        return None
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doc0 = page.initial_doctop
    kinds = ((LTChar, "char"), (LTRect, "rect"), (LTLine, "line"), (LTCurve, "curve"))  # subclasses first
    out: dict[str, list[dict]] = {"char": [], "rect": [], "line": [], "curve": []}

    def walk(items) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):
                walk(obj._objs)
                continue
            kind = next((k for cls, k in kinds if type(obj) is cls), None)
            if kind is None:
                continue
            top = (height - obj.y1) + mb_top
            d = {
                "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                "y0": obj.y0,
                "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                "y1": obj.y1,
                "width": obj.width,
                "height": obj.height,
                "top": top,
                "bottom": (height - obj.y0) + mb_top,
                "doctop": doc0 + top,
                "object_type": kind,
            }
            if kind == "char":
                d["text"] = obj.get_text()
                d["upright"] = obj.upright
            elif kind == "curve":
                d["pts"] = [(page.mediabox[0] + x, page.mediabox[1] + height - y) for x, y in obj.pts]
            out[kind].append(d)

    walk(page.layout._objs)
    return out


def extract_cells(table, chars: list[dict]) -> list[list[str | None]]:
    """``table.extract()`` (pdfplumber, default settings): each cell's text from the characters
    whose centre lies in it, in page order; the characters of a cell are found among those whose
    vertical centre lies in its range instead of by testing every character against every row."""
    from pdfplumber.utils import extract_text

    mids = sorted(((c["top"] + c["bottom"]) / 2, k) for k, c in enumerate(chars))
    vs = [m for m, _ in mids]
    hs = [(c["x0"] + c["x1"]) / 2 for c in chars]
    out: list[list[str | None]] = []
    for row in table.rows:
        arr: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                arr.append(None)
                continue
            x0, top, x1, bottom = cell
            idx = sorted(k for _, k in mids[bisect_left(vs, top) : bisect_left(vs, bottom)] if x0 <= hs[k] < x1)
            arr.append(extract_text([chars[k] for k in idx]) if idx else "")
        out.append(arr)
    return out


def _page_tables(page) -> list[tuple[tuple, list[list[str | None]]]]:
    """(bbox, cell texts) of each table pdfplumber finds on the page."""
    objs = page_objects(page)
    if objs is None:
        return [(t.bbox, t.extract()) for t in page.find_tables()]
    page._objects = objs  # what page.objects would be, as far as the table finder reads it
    return [(t.bbox, extract_cells(t, objs["char"])) for t in page.find_tables()]


def with_tables(data: bytes, pdf, pages: list[str], table_pages: list[int], repair: Callable[[str], str]):
    """Pages with their tables rebuilt as " | " rows: (pages, tables, error message or "").
    ``pdf``: the open pypdfium2 document of ``data``; ``repair``: what the page text goes through."""
    original = tuple(pages)
    try:
        import pdfplumber
    except ImportError:
        return pages, (), "pdfplumber is not installed"
    pages = list(pages)
    all_tables: list[list[list[str]]] = []
    last_header = None
    last_page = None
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in table_pages]) as plumb:
            for i, page in zip(table_pages, plumb.pages):
                found = []
                for bbox, cells in _page_tables(page):
                    rows = normalise_table(cells)
                    if len(rows) >= 2 and len(rows[0]) >= 3 and sum(1 for c in rows[0] if c) >= 3:
                        found.append((bbox, rows))
                    elif last_header and rows and len(rows[0]) == len(last_header) and last_page == i - 1:
                        found.append((bbox, rows))  # a continuation without its header
                page.close()
                if not found:
                    continue
                found.sort(key=lambda x: x[0][1])
                ppage = pdf[i]
                tp = ppage.get_textpage()
                h = ppage.get_height()
                w = ppage.get_width()
                parts, top = [], 0.0
                for bbox, rows in found:
                    x0, t_top, x1, t_bottom = bbox
                    parts.append(tp.get_text_bounded(0, h - t_top, w, h - top))
                    cont = last_header is not None and last_page == i - 1 and top == 0.0 and len(rows[0]) == len(last_header)
                    if cont and _same_row(rows[0], last_header):
                        rows = rows[1:]
                    if cont and all_tables:
                        all_tables[-1].extend(rows)
                    else:
                        all_tables.append(list(rows))
                        last_header = rows[0]
                    parts.append("\n".join(" | ".join(r) for r in rows))
                    top = t_bottom
                parts.append(tp.get_text_bounded(0, 0, w, h - top))
                tp.close()
                ppage.close()
                last_page = i
                pages[i] = repair("\n".join(p.strip("\r\n") for p in parts))
    except (ValueError, KeyError, TypeError) as exc:  # pdfminer on odd PDFs: keep the plain text
        return list(original), (), f"pdfplumber failed: {type(exc).__name__}: {exc}"
    return pages, tuple(tuple(tuple(r) for r in t) for t in all_tables), ""
