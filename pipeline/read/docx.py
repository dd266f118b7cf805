"""Reader of .docx files (python-docx): paragraphs with their list numbering, tables as
`` | ``-joined rows where they stand; zip bombs are refused before anything is unpacked."""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from pathlib import Path

from ..errors import CorruptFile, EncryptedFile, FileTooLarge, ToolMissing
from .legacy import convert_legacy
from .raw import RawText

__all__ = ["read_docx", "MAX_DOCX_UNPACKED", "MAX_DOCX_RATIO"]

# a soft line break (<w:br/>) inside a sentence of a Word paragraph, as PDF-to-Word converters leave them at
# every printed line's end ("… vốn chủ sở hữu của" ⏎ "tổ chức, cá nhân …"): not before a capital, a figure or a
# list marker, nor after the end of a sentence
_SOFT_BREAK = re.compile(r"(?<![.;:!?])\n(?=[^\W\d_])")


def _join_soft_breaks(text: str) -> str:
    """``text`` with each soft line break inside a sentence (:data:`_SOFT_BREAK`, then a lower-case letter) a space."""
    return _SOFT_BREAK.sub(lambda m: " " if text[m.end()].islower() else "\n", text) if "\n" in text else text


MAX_DOCX_UNPACKED = 500 * 1024 * 1024
MAX_DOCX_RATIO = 200  # unpacked / packed size above this is a zip bomb

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
            body = _join_soft_breaks(p.text)
            lines.append(f"{mark} {body}" if mark and body.strip() else body)
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
