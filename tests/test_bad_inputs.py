"""Bad input, built in tmp_path: each case gets a clear row (status, message naming the file
and the problem) and leaves the other documents' rows intact (issue 12)."""
from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from pipeline.api import process_file
from pipeline.errors import CorruptFile, DecodingError, EmptyDocument, FileTooLarge
from pipeline.readers import read_file

GOOD = ("KẾ HOẠCH\nTriển khai công tác năm 2025\n"
        "II. NHIỆM VỤ\n- Tổ chức tập huấn cho cán bộ trong quý II/2025.\n"
        "- Xây dựng kế hoạch kiểm tra việc thực hiện.\n- Báo cáo kết quả trước ngày 15/12/2025.\n")


def _good_tasks() -> list[str]:
    from pipeline.api import process_text
    return [t.text for t in process_text(GOOD).tasks]


# ------------------------------------------------------------------- decoding

def test_stray_ff_in_utf8_is_replaced_not_reencoded(tmp_path):
    data = GOOD.encode("utf-8")
    cut = data.index("kiểm tra".encode()) + len("kiểm".encode())
    p = tmp_path / "stray.txt"
    p.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = process_file(p)
    assert doc.status == "ok"
    assert [t.text.replace("\ufffd", "") for t in doc.tasks] == _good_tasks()
    assert any(f"at byte offset(s) {cut}" in w and "1 byte sequence" in w for w in doc.warnings), doc.warnings
    assert not any("legacy" in w for w in doc.warnings)


def test_latin1_bytes_in_utf8_do_not_make_mojibake(tmp_path):
    data = GOOD.encode("utf-8")
    p = tmp_path / "latin.txt"
    cut = data.index(b"\n") + 1
    p.write_bytes(data[:cut] + "café ".encode("latin-1") + data[cut:])
    raw = read_file(p)
    assert "KẾ HOẠCH" in raw.text and "Triển khai" in raw.text and "áº" not in raw.text
    assert any("not UTF-8 replaced" in w for w in raw.warnings)


def test_nul_bytes_removed_and_counted(tmp_path):
    data = GOOD.encode("utf-8")
    cut = data.index("Tổ".encode())
    p = tmp_path / "nul.txt"
    p.write_bytes(data[:cut] + b"\x00\x00\x07" + data[cut:])
    doc = process_file(p)
    assert doc.status == "ok" and [t.text for t in doc.tasks] == _good_tasks()
    assert all("\x00" not in t.text for t in doc.tasks)
    assert any("3 control character(s)" in w and str(cut) in w for w in doc.warnings), doc.warnings


def test_legacy_file_still_converted(tmp_path):
    p = tmp_path / "tcvn3.txt"
    p.write_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam; Ch\u00ad¬ng tr×nh".encode("latin-1"))
    raw = read_file(p)
    assert raw.text == "Cộng hòa xã hội chủ nghĩa Việt Nam; Chương trình"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    p = tmp_path / "wide.txt"
    p.write_bytes(GOOD.encode(codec))
    doc = process_file(p)
    assert doc.status == "ok" and [t.text for t in doc.tasks] == _good_tasks()


def test_binary_txt_is_an_error(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(bytes(range(256)) * 40)
    doc = process_file(p)
    assert doc.status == "error" and "bin.txt" in doc.error and "binary" in doc.error


def test_whitespace_only_does_not_suggest_tesseract(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_bytes(b" \n\t\n   \n")
    with pytest.raises(EmptyDocument) as e:
        read_file(p)
    assert "blank.txt" in str(e.value) and "whitespace" in str(e.value)
    assert "esseract" not in str(e.value)


def test_replaced_bytes_flag_the_rows(tmp_path):
    from pipeline.export import doc_rows
    data = GOOD.encode("utf-8")
    cut = data.index("kiểm tra".encode()) + len("kiểm".encode())
    p = tmp_path / "stray.txt"
    p.write_bytes(data[:cut] + b"\xff" + data[cut:])
    rows = doc_rows(process_file(p))
    flagged = [r for r in rows["tasks"] if "undecodable_bytes" in r["flags"]]
    assert len(flagged) == 1 and "\ufffd" in flagged[0]["text"]
