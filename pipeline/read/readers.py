"""Stage 0: read a file into text (.txt here; .pdf :mod:`.pdf`, .docx :mod:`.docx`, .doc :mod:`.doc`).

Each reader returns :class:`~pipeline.read.raw.RawText`; every failure raises a specific
:class:`~pipeline.errors.InputError` that names the file and says what to do.
Tables come out as one `` | ``-joined line per row, header row first, where
they stand in the document; annex tables flattened one cell per line in text
extractions of Công báo PDFs are rebuilt (:func:`rebuild_flat_tables`).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import CorruptFile, DecodingError, EmptyDocument, FileTooLarge, UnsupportedFormat
from .doc import read_doc
from .docx import read_docx
from .flat_tables import rebuild_flat_pieces, rebuild_flat_tables
from .html_tables import rebuild_html_tables
from .html_text import strip_html_markup
from .legacy import convert_legacy
from .pipe_cells import rebuild_pipe_cells
from .raw import RawText
from .scraped import unwrap_scraped_strings

__all__ = ["RawText", "read_file", "read_text", "SUPPORTED", "MAX_BYTES", "restore_word_segmented", "rebuild_flat_tables"]

SUPPORTED = (".txt", ".pdf", ".docx", ".doc")
MAX_BYTES = 200 * 1024 * 1024


# ------------------------------------------------------------ word segmentation

# "Chỉ_thị": an underscore between two letters. Segmented text has one in a large
# share of its words; identifiers like "file_name" are rare in prose.
_WS_TOKEN = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
# once a text is known to be segmented, every join goes: also a syllable glued to a number or to the
# punctuation a segmenter keeps inside a token ("1.236_vụ", "IV._THÀNH LẬP", "NK._Ảnh", "|_TRƯỞNG", a Markdown
# table's rule "| ---_| --- |")
_WS_JOIN = re.compile(r"(?<=[^\W_])_(?=[^\W_])|(?<=[.,;:)\]|%])_(?=[^\W_])|(?<=[^\W_])_(?=[(\[|])|(?<=[-:])_(?=\|)")
_WS_SHARE = 0.05
_SPACE = re.compile(r"\s")  # str.isspace, as str.split

_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+([,.;:!?)\]”…%])")
_SPACE_AFTER = re.compile(r"([(\[“])[ \t]+(?=\S)")
_SLASH = re.compile(r"(?<=\w)[ \t]+([/-])[ \t]+(?=\w)")
# a symbol cut at the end of a line ("Nghị_định số 217 / 2025 / NĐ -" ⏎ "CP"), a standard's colon
# ("QCVN 40 : 2011 / BTNMT", after the space before it is gone)
_HYPHEN_EOL = re.compile(r"(?<=\w)[ \t]+-(?=[ \t]*\n)")
_DIGIT_COLON = re.compile(r"(?<=\d):[ \t]+(?=\d)")
# an ampersand inside an upper-case code ("văn bản số 103 / BKH-KTĐP & LT": "BKH-KTĐP&LT")
_CODE_AMP = re.compile(r"(?<=[A-ZĐ])[ \t]+&[ \t]+(?=[A-ZĐ])")


def _count_words(text: str, chunk: int = 1 << 20) -> int:
    """``len(text.split())`` without the list of words: pieces of about ``chunk`` characters,
    each cut before a whitespace character (a word never spans a cut)."""
    n, pos, size = 0, 0, len(text)
    while pos < size:
        m = _SPACE.search(text, pos + chunk) if size - pos > chunk else None
        end = m.start() if m else size
        n += len(text[pos:end].split())
        pos = end
    return n


def restore_word_segmented(text: str) -> tuple[str, bool]:
    """Undo word segmentation ("Chỉ_thị", "văn_bản , số") when the text is segmented.

    Returns ``(text, restored)``; text that is not segmented comes back unchanged.
    """
    joins = len(_WS_TOKEN.findall(text))
    if joins < 3 or joins / (_count_words(text) or 1) < _WS_SHARE:
        return text, False
    text = _WS_JOIN.sub(" ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = _SLASH.sub(r"\1", text)
    text = _HYPHEN_EOL.sub("-", text)
    text = _DIGIT_COLON.sub(":", text)
    text = _CODE_AMP.sub("&", text)
    return text, True


# ------------------------------------------------------------------------ .txt

_SHOW_OFFSETS = 10  # offsets named in a warning; the rest are counted
_C0_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
_BINARY_SHARE = 0.05  # control bytes in the first 64 KiB above this: not text


def _offsets(positions: list[int]) -> str:
    shown = ", ".join(str(p) for p in positions[:_SHOW_OFFSETS])
    return shown + (f", … ({len(positions) - _SHOW_OFFSETS} more)" if len(positions) > _SHOW_OFFSETS else "")


def _utf16_without_bom(sample: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when every other byte is mostly NUL (ASCII in UTF-16)."""
    if len(sample) < 8:
        return None
    half = len(sample) // 2
    even = sample[0 : 2 * half : 2].count(0) / half
    odd = sample[1 : 2 * half : 2].count(0) / half
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _utf8_lenient(data: bytes) -> tuple[str, list[int], int]:
    """Decode UTF-8, replacing each invalid sequence with U+FFFD.

    Returns the text, the byte offsets of the invalid sequences and the number of
    valid non-ASCII characters (the evidence that the file is UTF-8 at all)."""
    parts, bad, valid, pos = [], [], 0, 0
    while True:
        try:
            s = data[pos:].decode("utf-8")
        except UnicodeDecodeError as exc:
            s = data[pos : pos + exc.start].decode("utf-8")
            parts.append(s)
            valid += len(s) - len(s.encode("ascii", "ignore"))
            parts.append("\ufffd")
            bad.append(pos + exc.start)
            pos += max(exc.end, exc.start + 1)
            continue
        parts.append(s)
        valid += len(s) - len(s.encode("ascii", "ignore"))
        return "".join(parts), bad, valid


def _decode(path: Path, data: bytes) -> tuple[str, str | None, list[str]]:
    """Text, the legacy encoding it was converted from (or None) and the repairs made.

    Strict UTF-8 first. Bytes that are not UTF-8 make the file 8-bit text (TCVN3/VNI,
    else Windows-1258) only when they outnumber the valid UTF-8 sequences — a legacy
    file has almost none (corpus files re-encoded in TCVN3: at most 6 valid sequences
    against 3,000–20,000 invalid bytes) —; otherwise they are replaced with U+FFFD
    and the warning names how many and where."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None, warnings
        except UnicodeDecodeError as exc:
            raise DecodingError(path, f"broken UTF-16 text (byte {exc.start})", "re-save the file as UTF-8") from exc
    sample = data[:65536]
    wide = _utf16_without_bom(sample)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = ""  # not UTF-16 after all: judged as bytes below
        head = text[:32768]
        if len(_CONTROL.findall(head)) <= _BINARY_SHARE * len(head):
            warnings.append(f"{wide.upper()} text without a byte-order mark decoded")
            return text, None, warnings
    controls = len(_C0_BYTES.findall(sample))
    kind = _sniff(data) if data.startswith(_BINARY_MAGIC) else ""
    kind = "an image" if kind == "something else" else kind
    if kind or controls > _BINARY_SHARE * len(sample):
        what = f"looks like {kind}" if kind else f"{controls} control bytes in its first {len(sample)}"
        raise DecodingError(path, f"binary data in a .txt file ({what})", "check the file type; convert it to UTF-8 text")
    found = [m.start() for m in _C0_BYTES.finditer(data)]
    if found:
        data = _C0_BYTES.sub(b"", data)
        warnings.append(f"{len(found)} control character(s) (NUL and the like) removed at byte offset(s) {_offsets(found)}")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), None, warnings
    except UnicodeDecodeError as exc:
        first = exc
    text, bad, valid = _utf8_lenient(data)
    if bom or valid >= len(bad):
        shift = 3 if bom else 0
        # offsets into the file as given (before control bytes were removed)
        bad = [_orig_offset(b, found) + shift for b in bad]
        warnings.append(
            f"{len(bad)} byte sequence(s) that are not UTF-8 replaced with U+FFFD at byte offset(s) "
            f"{_offsets(bad)}; the rest of the file is UTF-8"
        )
        return text, None, warnings
    # 8-bit text: TCVN3/VNI shows its bytes as Latin-1; otherwise Windows-1258
    latin = data.decode("latin-1")
    text, enc = convert_legacy(latin)
    if enc:
        return text, enc, warnings
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise DecodingError(
            path, f"not UTF-8 text (byte {first.start}) and not Windows-1258 either", "re-save the file as UTF-8"
        ) from first
    warnings.append(
        f"not UTF-8 ({len(bad)} invalid byte(s), first at byte {_orig_offset(bad[0], found)}): "
        "decoded as Windows-1258 (cp1258); re-save the file as UTF-8 if the text looks wrong"
    )
    return text, None, warnings


def _orig_offset(pos: int, removed: list[int]) -> int:
    """Offset in the original bytes of ``pos`` in the bytes with ``removed`` offsets taken out."""
    for r in removed:  # removed is sorted; few in practice
        if r <= pos:
            pos += 1
        else:
            break
    return pos


def strip_controls(raw: RawText) -> RawText:
    """Remove control characters (C0 but tab and line breaks, DEL, C1) from the text and
    its table cells, vertical tab and form feed become line breaks; page starts move with
    the text. The count and offsets go into a warning."""
    text = raw.text.translate(_BREAKS) if "\x0b" in raw.text or "\x0c" in raw.text else raw.text
    found = [m.start() for m in _CONTROL.finditer(text)]
    if not found:
        return (
            raw if text == raw.text else RawText(text, raw.format, raw.page_starts, raw.warnings, raw.ocr_confidence, raw.tables)
        )
    import bisect

    starts = tuple(s - bisect.bisect_left(found, s) for s in raw.page_starts)
    tables = tuple(
        tuple(tuple(_CONTROL.sub("", c.translate(_BREAKS)) if isinstance(c, str) else c for c in row) for row in t)
        for t in raw.tables
    )
    warning = f"{len(found)} control character(s) removed at character offset(s) {_offsets(found)}"
    return RawText(_CONTROL.sub("", text), raw.format, starts, raw.warnings + (warning,), raw.ocr_confidence, tables)


def read_text(path: Path, data: bytes) -> RawText:
    return _read_text(path, [data])


# the whole-text repairs of a .txt, in order, each with the warning it gives when it changed something ({n}: how
# many); a step returns the text and that count (or whether it changed the text)
_TEXT_STEPS: tuple[tuple[Callable[[str], tuple[str, int]], str], ...] = (
    (restore_word_segmented, "word-segmented text restored"),
    (unwrap_scraped_strings, "a scraper's object literal read: {n} string value(s) written as paragraphs"),
    (rebuild_html_tables, "{n} HTML table(s) written as rows"),
    (strip_html_markup, "HTML markup removed (a web page's source)"),
    (rebuild_pipe_cells, "{n} table(s) scraped cell by cell between '|' lines rebuilt as rows"),
)


def _read_text(path: Path, box: list[bytes]) -> RawText:
    """:func:`read_text` of the bytes in ``box``, taken out so that they are freed once decoded
    (when the caller holds no other reference), and each whole-text step's input freed before
    its result is joined: a 50 MB file is read with one text and the bytes or two texts held."""
    text, enc, warnings = _decode(path, box.pop())
    if enc is None:
        text, enc = convert_legacy(text)
    if enc:
        warnings.append(f"legacy encoding converted to Unicode: {enc}")
    for step, message in _TEXT_STEPS:  # each step's input is freed once its result is bound
        text, n = step(text)
        if n:
            warnings.append(message.format(n=n))
    pieces, n = rebuild_flat_pieces(text)
    if n:
        del text
        text = pieces[0] if len(pieces) == 1 else "\n".join(pieces)
        del pieces
        warnings.append(f"{n} table(s) flattened one cell per line rebuilt as rows")
    return RawText(text=text, format="txt", warnings=tuple(warnings))


# ------------------------------------------------------------------------ .pdf


def read_pdf(path: Path, data: bytes) -> RawText:
    from .pdf import read_pdf_bytes

    res = read_pdf_bytes(path, data)
    starts, pos = [], 0
    for t in res.pages:
        starts.append(pos)
        pos += len(t) + 1
    return RawText(
        text="\n".join(res.pages),
        format="pdf",
        page_starts=tuple(starts),
        warnings=res.warnings,
        ocr_confidence=res.ocr_confidence,
        tables=res.tables,
    )


# --------------------------------------------------------------------- dispatch

_READERS = {".txt": read_text, ".pdf": read_pdf, ".docx": read_docx, ".doc": read_doc}


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "a PDF"
    if data.startswith(b"PK"):
        return "a zip file (.docx?)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office file (.doc?)"
    if data.startswith(b"{\\rtf"):
        return "an RTF file"
    if data[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "an image"
    if data[:64].lstrip().lower().startswith((b"<html", b"<!doctype html", b"<?xml")):
        return "an HTML or XML page"
    return "something else"


def read_file(path: str | Path, max_bytes: int = MAX_BYTES) -> RawText:
    """Read ``path`` into text. Raises an :class:`InputError` subclass on failure."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in _READERS:
        raise UnsupportedFormat(path, f"unsupported file type '{ext or '(none)'}'", f"give one of {', '.join(SUPPORTED)}")
    try:
        st = path.stat()
    except OSError as exc:
        raise CorruptFile(path, f"cannot open ({exc.strerror})", "check the path and permissions") from exc
    if not stat.S_ISREG(st.st_mode):
        raise UnsupportedFormat(
            path, "not a regular file (a folder, pipe, socket or device)", "give a file, or copy what it holds into one"
        )
    size = st.st_size
    if size > max_bytes:
        raise FileTooLarge(
            path, f"{size / 2**20:.1f} MiB is over the {max_bytes / 2**20:.0f} MiB limit", "split the file or raise --max-mb"
        )
    if size == 0:
        raise EmptyDocument(path, "the file is empty (0 bytes)", "check the export or download that produced it")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorruptFile(path, f"cannot read it ({exc.strerror or exc})", "check the file's permissions") from exc
    if ext == ".pdf" and not data[:1024].lstrip().startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise CorruptFile(
            path, f"not a PDF (no %PDF header; looks like {_sniff(data)})", "check the extension; the file may be another type"
        )
    if ext == ".docx" and not data.startswith(b"PK"):
        raise CorruptFile(
            path,
            f"not a .docx (no zip header; looks like {_sniff(data)})",
            "check the extension; a Word 97–2003 file should be named .doc",
        )
    if ext == ".txt":  # the bytes go once decoded: read_file holds no reference to them
        box = [data]
        del data
        raw = strip_controls(_read_text(path, box))
    else:
        raw = strip_controls(_READERS[ext](path, data))
    if not raw.text or raw.text.isspace():  # (not a stripped copy of a large text)
        if ext == ".pdf":
            from .pdf import tesseract_ready

            missing = tesseract_ready()
            hint = f"for a scan: {missing}" if missing else "the pages hold no text layer and OCR found no text; check the file"
            raise EmptyDocument(path, "no text could be extracted", hint)
        what = "only whitespace" if raw.text or ext == ".txt" else "no text"
        raise EmptyDocument(path, f"no text: the document holds {what}", "check the export or the program that produced the file")
    return raw
