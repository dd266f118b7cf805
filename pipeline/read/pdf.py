"""PDF input: text layer (pypdfium2), annex tables (pdfplumber), scans (Tesseract).

* Text comes from pypdfium2 page by page (``page_starts`` carries the pages).
  pdfium's U+FFFE (a hyphen it took for a soft hyphen) becomes ``-``; legacy
  TCVN3/VNI text layers are converted (:mod:`pipeline.read.legacy`); glyph-mapping
  damage that is not a look-alike (``HÕA`` for ``HÒA``) is repaired from
  ``resources/legacy_repairs.toml``.
* Pages drawn with many ruling lines are handed to pdfplumber's table finder
  (:mod:`pipeline.read.pdf_tables`);
  a table of three or more columns becomes one `` | ``-joined line per row
  (header first, merged cells collapsed, rows split by inner rules re-joined)
  in its place in the page. A table that goes on over the next page is joined
  and the repeated header dropped.
* A page without text (a scan) is OCR'd with Tesseract's Vietnamese data; the
  mean word confidence is recorded. Without Tesseract, a scan is a clear error.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

from ..errors import CorruptFile, EmptyDocument, EncryptedFile, NoTextLayer, ToolMissing
from ..resources import load
from .legacy import convert_legacy
from .pdf_tables import join_letter_spacing, normalise_table, with_tables

__all__ = [
    "PdfText",
    "read_pdf_bytes",
    "repair_text_layer",
    "tesseract_ready",
    "MIN_PAGE_CHARS",
    "join_letter_spacing",
    "normalise_table",
]

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


def _count_objects(pdfium_c, page, kind: int) -> int:
    """Page objects of ``kind`` at the top level of the page (not inside form XObjects)."""
    raw = page.raw
    return sum(
        1
        for k in range(pdfium_c.FPDFPage_CountObjects(raw))
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, k)) == kind
    )


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
    found_tables: tuple = ()
    table_error = ""
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
                elif tables and _count_objects(pdfium_c, page, pdfium_c.FPDF_PAGEOBJ_PATH) >= TABLE_MIN_PATHS:
                    table_pages.append(i)
            finally:
                page.close()
            pages.append(repair_text_layer(t))
        if table_pages:
            pages, found_tables, table_error = with_tables(data, pdf, pages, table_pages, repair_text_layer)
    finally:
        pdf.close()
    warnings: list[str] = []
    conf = None
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
