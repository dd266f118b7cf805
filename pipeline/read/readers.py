"""Stage 0: read a file into text (.txt, .pdf, .docx, .doc).

Each reader returns :class:`RawText`; every failure raises a specific
:class:`~pipeline.errors.InputError` that names the file and says what to do.
Tables come out as one `` | ``-joined line per row, header row first, where
they stand in the document (PDF: :mod:`pipeline.read.pdf`; .docx and antiword
tables here; annex tables flattened one cell per line in text extractions of
Công báo PDFs: :func:`rebuild_flat_tables`).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import stat
import subprocess
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFile, DecodingError, EmptyDocument, EncryptedFile, FileTooLarge, ToolMissing, UnsupportedFormat
from .flat_tables import rebuild_flat_tables
from .legacy import convert_legacy

__all__ = ["RawText", "read_file", "read_text", "SUPPORTED", "MAX_BYTES", "restore_word_segmented", "rebuild_flat_tables"]

SUPPORTED = (".txt", ".pdf", ".docx", ".doc")
MAX_BYTES = 200 * 1024 * 1024
MAX_DOCX_UNPACKED = 500 * 1024 * 1024
MAX_DOCX_RATIO = 200  # unpacked / packed size above this is a zip bomb
DOC_TIMEOUT = 120


@dataclass(frozen=True)
class RawText:
    text: str
    format: str
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None
    tables: tuple = field(default=())


# ------------------------------------------------------------ word segmentation

# "Chỉ_thị": an underscore between two letters. Segmented text has one in a large
# share of its words; identifiers like "file_name" are rare in prose.
_WS_TOKEN = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
_WS_SHARE = 0.05
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \t]+([,.;:!?)\]”…%])")
_SPACE_AFTER = re.compile(r"([(\[“])[ \t]+(?=\S)")
_SLASH = re.compile(r"(?<=\w)[ \t]+([/-])[ \t]+(?=\w)")


def restore_word_segmented(text: str) -> tuple[str, bool]:
    """Undo word segmentation ("Chỉ_thị", "văn_bản , số") when the text is segmented.

    Returns ``(text, restored)``; text that is not segmented comes back unchanged.
    """
    words = len(text.split()) or 1
    joins = len(_WS_TOKEN.findall(text))
    if joins < 3 or joins / words < _WS_SHARE:
        return text, False
    text = _WS_TOKEN.sub(" ", text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    text = _SLASH.sub(r"\1", text)
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
    text = raw.text.translate(_BREAKS)
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
    text, enc, warnings = _decode(path, data)
    if enc is None:
        text, enc = convert_legacy(text)
    if enc:
        warnings.append(f"legacy encoding converted to Unicode: {enc}")
    text, seg = restore_word_segmented(text)
    if seg:
        warnings.append("word-segmented text restored")
    text, n = rebuild_flat_tables(text)
    if n:
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


# ----------------------------------------------------------------------- .docx

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def _fmt_number(n: int, fmt: str) -> str:
    return {
        "decimal": str(n),
        "decimalZero": f"{n:02d}",
        "lowerLetter": _letter(n),
        "upperLetter": _letter(n).upper(),
        "lowerRoman": _roman(n),
        "upperRoman": _roman(n).upper(),
    }.get(fmt, str(n))


class _Numbering:
    """Word list numbering (numPr) rendered as the marker Word shows: "1.", "a)", "-"."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for an in root.findall(qn("w:abstractNum")):
            lv = {}
            for lvl in an.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = lvl.find(qn("w:numFmt"))
                txt = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                lv[ilvl] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    txt.get(qn("w:val")) if txt is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[an.get(qn("w:abstractNumId"))] = lv
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def _num_pr(self, paragraph):
        qn = self.qn
        ppr = paragraph._p.pPr
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = paragraph.style
        while num is None and style is not None:
            sppr = style.element.find(qn("w:pPr"))
            num = sppr.find(qn("w:numPr")) if sppr is not None else None
            style = style.base_style
        if num is None:
            return None
        nid = num.find(qn("w:numId"))
        ilvl = num.find(qn("w:ilvl"))
        if nid is None:
            return None
        return nid.get(qn("w:val")), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0

    def marker(self, paragraph) -> str:
        pr = self._num_pr(paragraph)
        if pr is None or pr[0] == "0" or pr[0] not in self.levels:
            return ""
        nid, ilvl = pr
        levels = self.levels[nid]
        if ilvl not in levels:
            return ""
        fmt, text, _ = levels[ilvl]
        counters = self.counters.setdefault(nid, [levels.get(k, ("", "", 1))[2] - 1 for k in range(9)])
        counters[ilvl] += 1
        for k in range(ilvl + 1, 9):
            counters[k] = levels.get(k, ("", "", 1))[2] - 1
        if fmt in ("bullet", "none"):
            return "-" if fmt == "bullet" else ""

        def sub(m):
            k = int(m.group(1)) - 1
            return _fmt_number(max(counters[k], 1), levels.get(k, ("decimal", "", 1))[0])

        return re.sub(r"%(\d)", sub, text)


def _over_budget(total: int, packed: int) -> bool:
    return total > MAX_DOCX_UNPACKED or (total > MAX_DOCX_RATIO * max(packed, 1) and total > 50 * 2**20)


def _measure_zip(path: Path, data: bytes, infos) -> None:
    """Decompress every member's raw deflate stream in bounded chunks, counting the bytes that
    really come out, and stop at the budget. Declared sizes (and CRCs) can be forged — a member
    declaring 0 bytes makes zipfile inflate its whole stream in one call — so they are only
    compared with what was counted: a member holding more or less than it declares is refused."""
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:  # encrypted member: cannot be measured, python-docx will refuse it
            continue
        start = info.header_offset
        head = data[start : start + 30]
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise CorruptFile(
                path,
                f"zip member {info.filename} has no local header (damaged zip)",
                "open and re-save it in Word or LibreOffice",
            )
        name_len, extra_len = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
        pos = start + 30 + name_len + extra_len
        if info.compress_type == zipfile.ZIP_STORED:
            size = min(info.compress_size, max(len(data) - pos, 0))
            total += size
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflater, size, buf = zlib.decompressobj(-15), 0, b""
            try:
                while not inflater.eof:
                    if not buf:
                        if pos >= len(data):
                            raise CorruptFile(
                                path, f"zip member {info.filename} is truncated", "open and re-save it in Word or LibreOffice"
                            )
                        buf, pos = data[pos : pos + (1 << 16)], pos + (1 << 16)
                    out = inflater.decompress(buf, 1 << 20)  # at most 1 MiB out per call
                    buf = inflater.unconsumed_tail
                    size += len(out)
                    total += len(out)
                    if _over_budget(total, len(data)):
                        raise FileTooLarge(
                            path,
                            f"the .docx unpacks to more than {total // 2**20} MiB from "
                            f"{len(data) // 1024} KiB (a zip bomb; member {info.filename})",
                            "check where the file came from; re-save it in Word if it is genuine",
                        )
            except zlib.error as exc:
                raise CorruptFile(
                    path, f"zip member {info.filename} is damaged ({exc})", "open and re-save it in Word or LibreOffice"
                ) from exc
        else:
            raise CorruptFile(
                path,
                f"zip member {info.filename} uses compression method {info.compress_type}, which Word never writes",
                "open and re-save it in Word or LibreOffice",
            )
        if size != info.file_size:
            raise CorruptFile(
                path,
                f"zip member {info.filename} declares {info.file_size} bytes but holds {size} (forged or damaged sizes)",
                "check where the file came from; re-save it in Word",
            )


def _raised_in_docx(exc: BaseException) -> bool:
    """Whether python-docx itself raised ``exc`` (an AttributeError on a part it did not expect):
    the file is malformed, not our code broken."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and f"{os.sep}docx{os.sep}" in tb.tb_frame.f_code.co_filename


def read_docx(path: Path, data: bytes) -> RawText:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError) as exc:
        raise CorruptFile(
            path, "not a valid .docx (zip) file; it may be truncated", "open and re-save it in Word or LibreOffice"
        ) from exc
    total = sum(i.file_size for i in infos)
    if _over_budget(total, len(data)):
        raise FileTooLarge(
            path,
            f"the .docx unpacks to {total // 2**20} MiB from {len(data) // 1024} KiB (a zip bomb?)",
            "check where the file came from; re-save it in Word if it is genuine",
        )
    _measure_zip(path, data, infos)
    if "word/document.xml" not in {i.filename for i in infos}:
        if any(i.flag_bits & 0x1 for i in infos) or "EncryptionInfo" in {i.filename for i in infos}:
            raise EncryptedFile(path, "the .docx is password-protected", "save an unprotected copy")
        raise CorruptFile(
            path,
            "a zip file but not a Word document (no word/document.xml)",
            "check the extension; give the document saved as .docx",
        )
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except ImportError as exc:  # pragma: no cover
        raise ToolMissing(path, "python-docx is not installed", "pip install python-docx") from exc
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise CorruptFile(
            path, f"python-docx cannot read it ({type(exc).__name__}: {exc})", "open and re-save it as .docx"
        ) from exc
    except Exception as exc:  # lxml XMLSyntaxError and python-docx's own errors have no common base
        if type(exc).__module__.split(".")[0] in ("lxml", "docx") or _raised_in_docx(exc):
            raise CorruptFile(
                path, f"python-docx cannot read it ({type(exc).__name__}: {exc})", "open and re-save it as .docx"
            ) from exc
        raise
    numbering = _Numbering(document)
    lines: list[str] = []
    tables = []

    def table_rows(table) -> list[list[str]]:
        rows = []
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats in every grid column
                    continue
                seen.add(id(cell._tc))
                cells.append(" ".join(cell.text.split()))
            rows.append(cells)
        return rows

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            mark = numbering.marker(p)
            lines.append(f"{mark} {p.text}" if mark and p.text.strip() else p.text)
        elif tag == "tbl":
            rows = table_rows(Table(child, document))
            tables.append(tuple(tuple(r) for r in rows))
            lines.extend(" | ".join(r) for r in rows)
    text = "\n".join(lines)
    warnings = []
    text, enc = convert_legacy(text)
    if enc:
        warnings.append(f"legacy encoding converted to Unicode: {enc}")
    return RawText(text=text, format="docx", warnings=tuple(warnings), tables=tuple(tables))


# ------------------------------------------------------------------------ .doc

_ANTIWORD_ROW = re.compile(r"^\|(.*)\|[ \t]*$")
_ANTIWORD_PIC = re.compile(r"^\s*\[pic\]\s*$")


def _antiword_tables(text: str) -> str:
    """antiword draws a table row as ``|cell   |cell   |``: make it `` | ``-joined."""
    out = []
    for line in text.split("\n"):
        if _ANTIWORD_PIC.match(line):
            continue
        m = _ANTIWORD_ROW.match(line)
        if m:
            cells = [c.strip() for c in m.group(1).split("|")]
            cells = [c for c in cells if c]
            if cells:
                out.append(" | ".join(cells))
            continue
        out.append(line)
    return "\n".join(out)


# antiword's complaints about its own setup, not about the document
_ANTIWORD_NOISE = re.compile(
    r"^(?:I can't find the name of your HOME directory|"
    r"I can't open your mapping file|.*\.antiword.*)$",
    re.IGNORECASE,
)


def _tool_message(stderr: bytes) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", errors="replace").splitlines()]
    return " ".join(ln for ln in lines if ln and not _ANTIWORD_NOISE.match(ln))


def read_doc(path: Path, data: bytes) -> RawText:
    """Legacy Word 97–2003 through antiword (keeps U+00AD, TCVN3's ư, which catdoc drops)."""
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        if data[:2] == b"PK":
            raise UnsupportedFormat(path, "a .docx (zip) file named .doc", "rename it to .docx")
        if data[:5] == b"{\\rtf":
            raise UnsupportedFormat(path, "an RTF file named .doc", "open it in Word and save it as .docx")
        raise CorruptFile(path, "not a Word 97–2003 file (no OLE header)", "check the extension, or save it as .docx")
    tool = shutil.which("antiword")
    if not tool:
        raise ToolMissing(path, "legacy .doc needs antiword", "apt-get install antiword, or save the file as .docx")
    env = {
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME") or "/nonexistent",
    }
    if os.environ.get("ANTIWORDHOME"):
        env["ANTIWORDHOME"] = os.environ["ANTIWORDHOME"]
    try:
        res = subprocess.run([tool, "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True, timeout=DOC_TIMEOUT, env=env)
    except subprocess.TimeoutExpired as exc:
        raise CorruptFile(path, f"antiword did not finish in {DOC_TIMEOUT} s", "save the file as .docx") from exc
    err = _tool_message(res.stderr)
    if res.returncode != 0 or not res.stdout.strip():
        if "encrypt" in err.lower() or "password" in err.lower():
            raise EncryptedFile(path, "the .doc is password-protected", "save an unprotected copy")
        raise CorruptFile(path, f"antiword cannot read it ({err[:200] or 'no text'})", "open and re-save it as .docx")
    text = _antiword_tables(res.stdout.decode("utf-8", errors="replace"))
    warnings = []
    text, enc = convert_legacy(text)
    if enc:
        warnings.append(f"legacy encoding converted to Unicode: {enc}")
    return RawText(text=text, format="doc", warnings=tuple(warnings))


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
    raw = strip_controls(_READERS[ext](path, data))
    if not raw.text.strip():
        if ext == ".pdf":
            from .pdf import tesseract_ready

            missing = tesseract_ready()
            hint = f"for a scan: {missing}" if missing else "the pages hold no text layer and OCR found no text; check the file"
            raise EmptyDocument(path, "no text could be extracted", hint)
        what = "only whitespace" if raw.text or ext == ".txt" else "no text"
        raise EmptyDocument(path, f"no text: the document holds {what}", "check the export or the program that produced the file")
    return raw
