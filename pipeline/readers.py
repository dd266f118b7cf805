"""Stage 0: read a file into text (.txt, .pdf, .docx, .doc).

Each reader returns :class:`RawText`; every failure raises a specific
:class:`~pipeline.errors.InputError` that names the file and says what to do.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import (CorruptFile, DecodingError, EmptyDocument, EncryptedFile, FileTooLarge,
                     NoTextLayer, ToolMissing, UnsupportedFormat)

__all__ = ["RawText", "read_file", "read_text", "SUPPORTED", "MAX_BYTES", "restore_word_segmented"]

SUPPORTED = (".txt", ".pdf", ".docx", ".doc")
MAX_BYTES = 200 * 1024 * 1024
MAX_DOCX_UNPACKED = 500 * 1024 * 1024


@dataclass(frozen=True)
class RawText:
    text: str
    format: str
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None
    tables: tuple = field(default=())


_WS_TOKEN = re.compile(r"\w_\w")


def restore_word_segmented(text: str) -> tuple[str, bool]:
    """Undo word segmentation ("Chỉ_thị", "văn_bản , số") when the text is segmented."""
    words = len(text.split()) or 1
    if len(_WS_TOKEN.findall(text)) / words < 0.05:
        return text, False
    text = re.sub(r"(?<=\w)_(?=\w)", " ", text)
    text = re.sub(r"[ \t]+([,.;:!?)\]”])", r"\1", text)
    text = re.sub(r"([(\[“])[ \t]+", r"\1", text)
    return text, True


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DecodingError(path, "binary data in a .txt file", "check the file type; convert it to UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise DecodingError(path, f"not UTF-8 text (byte {exc.start})", "re-save the file as UTF-8") from exc


def read_text(path: Path, data: bytes) -> RawText:
    text = _decode(path, data)
    warnings = []
    text, seg = restore_word_segmented(text)
    if seg:
        warnings.append("word-segmented text restored")
    return RawText(text=text, format="txt", warnings=tuple(warnings))


def read_pdf(path: Path, data: bytes) -> RawText:
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover
        raise ToolMissing(path, "pypdfium2 is not installed", "pip install pdfplumber") from exc
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedFile(path, "the PDF is encrypted or password-protected", "save an unprotected copy") from exc
        raise CorruptFile(path, f"not a readable PDF ({msg})", "check that the file is complete") from exc
    pages, starts, pos = [], [], 0
    try:
        for page in pdf:
            tp = page.get_textpage()
            t = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            tp.close()
            page.close()
            starts.append(pos)
            pages.append(t)
            pos += len(t) + 1
    finally:
        pdf.close()
    text = "\n".join(pages)
    if not pages:
        raise EmptyDocument(path, "the PDF has no pages")
    if len(text.strip()) < 20 * len(pages) and len(text.strip()) < 200:
        return _ocr_pdf(path, data, len(pages))
    return RawText(text=text, format="pdf", page_starts=tuple(starts))


def _ocr_pdf(path: Path, data: bytes, n_pages: int) -> RawText:
    try:
        import pytesseract
    except ImportError as exc:  # pragma: no cover
        raise NoTextLayer(path, "the PDF has no text layer and pytesseract is not installed",
                          "pip install pytesseract and apt-get install tesseract-ocr tesseract-ocr-vie") from exc
    if not shutil.which("tesseract"):
        raise NoTextLayer(path, "the PDF has no text layer (a scan) and Tesseract is not installed",
                          "apt-get install tesseract-ocr tesseract-ocr-vie, or give a text version")
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as exc:  # tesseract present but broken
        raise ToolMissing(path, f"Tesseract cannot run ({exc})", "reinstall tesseract-ocr") from exc
    if "vie" not in langs:
        raise ToolMissing(path, "Tesseract has no Vietnamese data", "apt-get install tesseract-ocr-vie")
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(data)
    pages, starts, confs, pos = [], [], [], 0
    try:
        for page in pdf:
            img = page.render(scale=300 / 72).to_pil()
            d = pytesseract.image_to_data(img, lang="vie", output_type=pytesseract.Output.DICT)
            confs += [float(c) for c in d["conf"] if float(c) >= 0]
            t = pytesseract.image_to_string(img, lang="vie")
            starts.append(pos)
            pages.append(t)
            pos += len(t) + 1
            page.close()
    finally:
        pdf.close()
    conf = sum(confs) / len(confs) if confs else 0.0
    return RawText(text="\n".join(pages), format="pdf", page_starts=tuple(starts),
                   warnings=(f"OCR with Tesseract (mean confidence {conf:.1f})",), ocr_confidence=conf)


def read_docx(path: Path, data: bytes) -> RawText:
    import io
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptFile(path, "not a valid .docx (zip) file", "open and re-save it in Word or LibreOffice") from exc
    total = sum(i.file_size for i in zf.infolist())
    if total > MAX_DOCX_UNPACKED:
        raise FileTooLarge(path, f"the .docx unpacks to {total // 2**20} MiB (zip bomb?)", "check the file's origin")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise CorruptFile(path, f"python-docx cannot read it ({type(exc).__name__}: {exc})", "re-save it as .docx") from exc
    lines = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    t = " ".join(cell.text.split())
                    if not cells or cells[-1] != t:
                        cells.append(t)
                lines.append(" | ".join(cells))
    return RawText(text="\n".join(lines), format="docx")


def read_doc(path: Path, data: bytes) -> RawText:
    tool = shutil.which("antiword") or shutil.which("catdoc")
    if not tool:
        raise ToolMissing(path, "legacy .doc needs antiword or catdoc", "apt-get install antiword catdoc, or save as .docx")
    cmd = [tool, "-w", "0", str(path)] if tool.endswith("antiword") else [tool, "-w", str(path)]
    env = {"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    res = subprocess.run(cmd, capture_output=True, timeout=120, env=env)
    if res.returncode != 0 and not res.stdout:
        raise CorruptFile(path, f"{Path(tool).name} cannot read it ({res.stderr.decode(errors='replace').strip()[:200]})",
                          "open and re-save it as .docx")
    text = res.stdout.decode("utf-8", errors="replace")
    return RawText(text=text, format="doc")


_READERS = {".txt": read_text, ".pdf": read_pdf, ".docx": read_docx, ".doc": read_doc}


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> RawText:
    """Read ``path`` into text. Raises an :class:`InputError` subclass on failure."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in _READERS:
        raise UnsupportedFormat(path, f"unsupported file type '{ext or '(none)'}'", f"give one of {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFile(path, f"cannot open ({exc.strerror})", "check the path and permissions") from exc
    if size > max_bytes:
        raise FileTooLarge(path, f"{size // 2**20} MiB is over the {max_bytes // 2**20} MiB limit", "split the file or raise --max-mb")
    if size == 0:
        raise EmptyDocument(path, "the file is empty", "check the export that produced it")
    data = path.read_bytes()
    magic = data[:8]
    if ext == ".pdf" and not magic.startswith(b"%PDF"):
        raise CorruptFile(path, "not a PDF (no %PDF header)", "check the extension; the file may be another type")
    if ext == ".docx" and not magic.startswith(b"PK"):
        raise CorruptFile(path, "not a .docx (no zip header)", "check the extension; a legacy Word file should be named .doc")
    raw = _READERS[ext](path, data)
    if not raw.text.strip():
        raise EmptyDocument(path, "no text could be extracted", "for a scan, install tesseract-ocr-vie")
    return raw
