"""PDF input: text layer (pypdfium2), annex tables (pdfplumber), scans (Tesseract).

* Text comes from pypdfium2 page by page (``page_starts`` carries the pages).
  pdfium's U+FFFE (a hyphen it took for a soft hyphen) becomes ``-``; legacy
  TCVN3/VNI text layers are converted (:mod:`pipeline.read.legacy`); glyph-mapping
  damage that is not a look-alike (``HÕA`` for ``HÒA``) is repaired from
  ``resources/legacy_repairs.toml``.
* Pages drawn with many ruling lines are handed to pdfplumber's table finder;
  a table of three or more columns becomes one `` | ``-joined line per row
  (header first, merged cells collapsed, rows split by inner rules re-joined)
  in its place in the page. A table that goes on over the next page is joined
  and the repeated header dropped.
* A page without text (a scan) is OCR'd with Tesseract's Vietnamese data; the
  mean word confidence is recorded. Without Tesseract, a scan is a clear error.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..errors import CorruptFile, EmptyDocument, EncryptedFile, NoTextLayer, ToolMissing
from ..resources import load
from .columns import column_role
from .legacy import convert_legacy

__all__ = ["PdfText", "read_pdf_bytes", "repair_text_layer", "tesseract_ready", "MIN_PAGE_CHARS"]

MIN_PAGE_CHARS = 20  # a page with an image and fewer non-space characters is a scan
TABLE_MIN_PATHS = 50  # pages with fewer path objects are not searched for tables
OCR_DPI = 300
# Pixels one page may be rendered at for OCR (an A4 page at 300 dpi is 8.7 M; A2 35 M). A page
# declaring a poster's size (a 900-pixel scan saved at 5 dpi is 180 inches wide) would need
# gigabytes at 300 dpi: it is rendered at the resolution that fits, and a warning says so.
MAX_OCR_PIXELS = 40_000_000


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None
    tables: tuple = ()  # one tuple of rows (tuples of cells) per table


def _repairs():
    data = load("legacy_repairs")
    return tuple((re.compile(e["pattern"]), e["replacement"]) for e in data["repair"])


_REPAIRS = None


def repair_text_layer(text: str) -> str:
    """Undo text-layer damage of PDF producers that is not a plain look-alike."""
    global _REPAIRS
    if _REPAIRS is None:
        _REPAIRS = _repairs()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")
    for rx, rep in _REPAIRS:
        text = rx.sub(rep, text)
    return text


def text_layer_size(data: bytes) -> tuple[int, int]:
    """(pages, characters of the repaired text layer) of a PDF, read the way :func:`read_pdf_bytes`
    reads it (what the benchmarks time; fewer than 20 characters a page means a scan)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    n = chars = 0
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            chars += len(repair_text_layer(tp.get_text_range()))
            tp.close()
            page.close()
            n += 1
    finally:
        doc.close()
    return n, chars


def tesseract_ready() -> str | None:
    """``None`` when Tesseract with Vietnamese can run, else what is missing."""
    try:
        import pytesseract
    except ImportError:
        return "pytesseract is not installed (pip install pytesseract)"
    if not shutil.which("tesseract"):
        return "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        langs = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError, RuntimeError) as exc:
        return f"Tesseract cannot run ({exc}); reinstall tesseract-ocr"
    if "vie" not in langs:
        return "Tesseract has no Vietnamese data (apt-get install tesseract-ocr-vie)"
    return None


def _open(path, data):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower() or "security" in msg.lower():
            raise EncryptedFile(
                path, "the PDF is encrypted or password-protected", "save an unprotected copy (print to PDF) and give that"
            ) from exc
        raise CorruptFile(
            path, f"not a readable PDF ({msg})", "the file may be truncated or damaged; download or export it again"
        ) from exc


def read_pdf_bytes(path, data: bytes, tables: bool = True) -> PdfText:
    """Read a PDF's pages. Raises :class:`InputError` subclasses."""
    try:
        import pypdfium2.raw as pdfium_c
    except ImportError as exc:  # pragma: no cover
        raise ToolMissing(path, "pypdfium2 is not installed", "pip install pypdfium2") from exc
    pdf = _open(path, data)
    pages: list[str] = []
    scanned: list[int] = []
    table_pages: list[int] = []
    try:
        n = len(pdf)
        if n == 0:
            raise EmptyDocument(path, "the PDF has no pages", "check the export that produced it")
        for i in range(n):
            page = pdf[i]
            try:
                tp = page.get_textpage()
                t = tp.get_text_range()
                tp.close()
                if len("".join(t.split())) < MIN_PAGE_CHARS and any(
                    True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
                ):
                    scanned.append(i)  # an image and (almost) no text: a scanned page
                elif tables:
                    paths = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=1))
                    if paths >= TABLE_MIN_PATHS:
                        table_pages.append(i)
            finally:
                page.close()
            pages.append(repair_text_layer(t))
    finally:
        pdf.close()
    warnings: list[str] = []
    conf = None
    found_tables: tuple = ()
    if table_pages:
        pages, found_tables, table_error = _with_tables(path, data, pages, table_pages)
        if table_error:
            warnings.append(f"tables not read (text kept without table layout): {table_error}")
    if scanned:
        missing = tesseract_ready()
        text_pages = n - len(scanned)
        if missing:
            if text_pages == 0:
                raise NoTextLayer(
                    path,
                    f"the PDF has no text layer (a scan of {n} page(s)) and {missing}",
                    "install Tesseract with Vietnamese data, or give a text version of the file",
                )
            warnings.append(
                f"pages {', '.join(str(i + 1) for i in scanned)} are images without text and were not read: {missing}"
            )
        else:
            ocr_pages, conf, notes = _ocr(path, data, scanned)
            warnings.extend(notes)
            for i, t in zip(scanned, ocr_pages):
                pages[i] = t
            warnings.append(f"OCR with Tesseract on {len(scanned)} of {n} page(s) (mean word confidence {conf:.1f})")
    converted = []
    encs = set()
    for t in pages:
        t2, enc = convert_legacy(t)
        if enc:
            encs.add(enc)
        converted.append(t2)
    if encs:
        warnings.append(f"legacy encoding converted to Unicode: {', '.join(sorted(encs))}")
    return PdfText(tuple(converted), tuple(warnings), conf, found_tables)


# --------------------------------------------------------------------------- OCR


def _ocr_scale(width_pt: float, height_pt: float) -> float:
    """Render scale for OCR: 300 dpi, or less when that would exceed :data:`MAX_OCR_PIXELS`."""
    scale = OCR_DPI / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > MAX_OCR_PIXELS:
        scale = (MAX_OCR_PIXELS / area) ** 0.5
    return scale


def _ocr(path, data, page_indexes) -> tuple[list[str], float, list[str]]:
    """OCR'd text of the pages, mean word confidence, and warnings (pages rendered below 300 dpi)."""
    import pytesseract

    pdf = _open(path, data)
    texts, confs, notes = [], [], []
    try:
        for i in page_indexes:
            page = pdf[i]
            try:
                w, h = page.get_size()
                scale = _ocr_scale(w, h)
                if scale < OCR_DPI / 72:
                    notes.append(
                        f"page {i + 1} is {w / 72:.0f}×{h / 72:.0f} inches: OCR'd at {scale * 72:.0f} dpi "
                        f"instead of {OCR_DPI} to stay under {MAX_OCR_PIXELS // 10**6} M pixels"
                    )
                img = page.render(scale=scale).to_pil()
            finally:
                page.close()
            try:
                d = pytesseract.image_to_data(img, lang="vie", output_type=pytesseract.Output.DICT, timeout=300)
            except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
                raise CorruptFile(path, f"OCR of page {i + 1} took too long ({exc})", "give a text version of the file") from exc
            except pytesseract.TesseractError as exc:
                raise ToolMissing(
                    path,
                    f"Tesseract failed on page {i + 1} ({exc.message.strip()[:200]})",
                    "check the tesseract-ocr installation",
                ) from exc
            text, c = _ocr_text(d)
            texts.append(text)
            confs += c
    finally:
        pdf.close()
    return texts, (sum(confs) / len(confs) if confs else 0.0), notes


def _ocr_text(d: dict) -> tuple[str, list[float]]:
    """Lines of words from ``image_to_data`` output; paragraphs separated by a blank line."""
    lines: dict[tuple, list[str]] = {}
    confs = []
    for k, word in enumerate(d["text"]):
        c = float(d["conf"][k])
        if c < 0 or not word.strip():
            continue
        confs.append(c)
        lines.setdefault((d["block_num"][k], d["par_num"][k], d["line_num"][k]), []).append(word)
    out, last = [], None
    for key in sorted(lines):
        if last is not None and key[:2] != last:
            out.append("")
        out.append(" ".join(lines[key]))
        last = key[:2]
    return "\n".join(out), confs


# ------------------------------------------------------------------------ tables


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


def _with_tables(path, data, pages, table_pages):
    """Pages with their tables rebuilt as " | " rows: (pages, tables, error message or "")."""
    original = tuple(pages)
    try:
        import pdfplumber
    except ImportError:
        return pages, (), "pdfplumber is not installed"
    import pypdfium2 as pdfium

    pages = list(pages)
    all_tables: list[list[list[str]]] = []
    last_header = None
    last_page = None
    pdf = pdfium.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data), pages=[i + 1 for i in table_pages]) as plumb:
            for i, page in zip(table_pages, plumb.pages):
                found = []
                for t in page.find_tables():
                    rows = normalise_table(t.extract())
                    if len(rows) >= 2 and len(rows[0]) >= 3 and sum(1 for c in rows[0] if c) >= 3:
                        found.append((t.bbox, rows))
                    elif last_header and rows and len(rows[0]) == len(last_header) and last_page == i - 1:
                        found.append((t.bbox, rows))  # a continuation without its header
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
                pages[i] = repair_text_layer("\n".join(p.strip("\r\n") for p in parts))
    except (ValueError, KeyError, TypeError) as exc:  # pdfminer on odd PDFs: keep the plain text
        return list(original), (), f"pdfplumber failed: {type(exc).__name__}: {exc}"
    finally:
        pdf.close()
    return pages, tuple(tuple(tuple(r) for r in t) for t in all_tables), ""
