"""The bad-input matrix of issue 12, built in a folder: used by tests/test_bad_inputs.py and
by scripts/bad_input_matrix.py (which runs it through the CLI and prints a table).

``build(folder)`` writes every case and returns ``{doc_id: Case}``; entries that are not
inputs (hidden, links, unsupported types) have ``status="skipped"``. The CLI options the
expectations assume are :data:`OPTIONS`.
"""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from tests.pdf_maker import pdf_pages

GOOD = ("KẾ HOẠCH\nTriển khai công tác năm 2025\n"
        "II. NHIỆM VỤ\n- Tổ chức tập huấn cho cán bộ trong quý II/2025.\n"
        "- Xây dựng kế hoạch kiểm tra việc thực hiện.\n- Báo cáo kết quả trước ngày 15/12/2025.\n")
GOOD_TASKS = 3

OPTIONS = ["--max-mb", "1", "--timeout", "1"]     # what the expectations below assume


@dataclass(frozen=True)
class Case:
    status: str                       # ok | error | skipped
    words: tuple[str, ...] = ()       # in the error message, the warnings or the skip reason
    not_words: tuple[str, ...] = ()
    n_tasks: int | None = None        # for ok rows
    may_finish: bool = False          # a time-limit case a fast machine may finish in time
    what: str = ""                    # one line for the table


def pdf(lines: list[str], encrypt: bool = False) -> bytes:
    """A minimal one-page PDF with a Helvetica line per string."""
    return pdf_pages([lines], encrypt)


def forged_docx(real_size: int, declared: int = 0) -> bytes:
    """A .docx-like zip whose document.xml holds ``real_size`` bytes but declares ``declared``
    (in the local and the central header; CRC forged to that of an empty member)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document/>" + b" " * real_size)
    data = bytearray(buf.getvalue())
    name = b"word/document.xml"
    for sig, name_len_at, name_at, crc_at, size_at in ((b"PK\x03\x04", 26, 30, 14, 22), (b"PK\x01\x02", 28, 46, 16, 24)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            n = int.from_bytes(data[pos + name_len_at:pos + name_len_at + 2], "little")
            if bytes(data[pos + name_at:pos + name_at + n]) == name:
                data[pos + crc_at:pos + crc_at + 4] = (0).to_bytes(4, "little")
                data[pos + size_at:pos + size_at + 4] = declared.to_bytes(4, "little")
            pos += 4
    return bytes(data)


def build(folder: Path) -> dict[str, Case]:
    """Write the matrix into ``folder`` (created); returns the expectation per entry name."""
    folder.mkdir(parents=True, exist_ok=True)
    good = GOOD.encode("utf-8")
    cut = good.index("kiểm tra".encode()) + len("kiểm".encode())
    files: dict[str, tuple[bytes, Case]] = {
        "good.txt": (good, Case("ok", n_tasks=GOOD_TASKS, what="control: clean UTF-8")),
        "good2.txt": (GOOD.replace("2025", "2026").encode(), Case("ok", n_tasks=GOOD_TASKS, what="control: clean UTF-8")),
        "empty.txt": (b"", Case("error", ("empty",), what="0 bytes")),
        "binary.txt": (bytes(range(256)) * 64, Case("error", ("binary",), what="random binary named .txt")),
        "nul.txt": (good[:cut] + b"\x00\x00\x07" + good[cut:],
                    Case("ok", ("control character",), n_tasks=GOOD_TASKS, what="NUL and BEL bytes inside a task")),
        "stray_ff.txt": (good[:cut] + b"\xff" + good[cut:],
                         Case("ok", ("not UTF-8 replaced", str(cut)), ("legacy",), n_tasks=GOOD_TASKS,
                              what="one 0xFF byte in UTF-8")),
        "latin1_bytes.txt": (good[:9] + "café ".encode("latin-1") + good[9:],
                             Case("ok", ("not UTF-8 replaced",), ("legacy",), n_tasks=GOOD_TASKS,
                                  what="Latin-1 bytes in UTF-8")),
        "utf16_nobom.txt": (GOOD.encode("utf-16-le"), Case("ok", ("UTF-16-LE",), n_tasks=GOOD_TASKS,
                                                           what="UTF-16 without BOM")),
        "utf16_bom.txt": (GOOD.encode("utf-16"), Case("ok", n_tasks=GOOD_TASKS, what="UTF-16 with BOM")),
        "tcvn3.txt": ("Céng hßa x· héi chñ nghÜa ViÖt Nam\nCh\u00ad¬ng tr×nh c«ng t¸c".encode("latin-1"),
                      Case("ok", ("tcvn3",), what="TCVN3 legacy bytes")),
        "blank.txt": (b"  \n\t\n   \n", Case("error", ("whitespace",), ("esseract",), what="whitespace only")),
        "huge.txt": (good * (int(1.5 * 2**20) // len(good)), Case("error", ("--max-mb", "limit"),
                                                                 what="1.5 MiB over --max-mb 1")),
        "slow.txt": (good * (900 * 1024 // len(good)), Case("error", ("s limit", "--timeout"), may_finish=True,
                                                             what="0.9 MiB of tasks over --timeout 1")),
        "corrupt.pdf": (pdf(["Some text that is long enough"])[:150], Case("error", ("PDF",), what="truncated PDF")),
        "encrypted.pdf": (pdf(["Secret text that is long enough"], encrypt=True),
                          Case("error", ("password",), what="password-protected PDF")),
        "notpdf.pdf": (b"<html>not a pdf</html>", Case("error", ("no %PDF header",), what="HTML named .pdf")),
        "bomb.docx": (forged_docx(60 * 2**20), Case("error", ("zip bomb",), what="60 MiB member, sizes forged to 0")),
        "forged.docx": (forged_docx(2**20, declared=100), Case("error", ("declares 100 bytes",),
                                                               what="1 MiB member declaring 100 bytes")),
        "text.docx": (b"plain text with a docx name", Case("error", ("zip header",), what="text named .docx")),
        "rtf.doc": (b"{\\rtf1 hello}", Case("error", ("RTF",), what="RTF named .doc")),
        "ctrl_xlsx.txt": (good[:cut] + b"\x01\x0b\x0c" + good[cut:],
                          Case("ok", ("control character",), n_tasks=GOOD_TASKS,
                               what="control characters bound for xlsx cells")),
        ".hidden.txt": (good, Case("skipped", ("hidden",), what="dot-file")),
        "image.png": (b"\x89PNG\r\n\x1a\n....", Case("skipped", ("unsupported",), what="unsupported type")),
    }
    cases = {}
    for name, (data, case) in files.items():
        (folder / name).write_bytes(data)
        cases[name] = case
    os.symlink(folder / "nowhere.txt", folder / "broken_link.txt")
    cases["broken_link.txt"] = Case("skipped", ("broken symbolic link",), what="link to nothing")
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    cases["loop.txt"] = Case("skipped", ("loop",), what="link to itself")
    return cases
