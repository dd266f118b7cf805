"""Tables scraped cell by cell between '|' lines (pipeline/read/pipe_cells.py)."""

from __future__ import annotations

from pipeline.api import process_text
from pipeline.learn.classifier import use_classifier
from pipeline.read.pipe_cells import rebuild_pipe_cells

TABLE = """KẾ HOẠCH thực hiện năm 2026
|
**STT**
|
**NHIỆM VỤ VÀ GIẢI PHÁP**
|
**CHỦ TRÌ**
|
**PHỐI HỢP**
|
**THỜI GIAN**
|
|
**I**
|
**NHÓM
GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH**
|
|
1
|
Rà soát, kịp thời cụ thể
hoá các cơ chế, chính sách khuyến khích xã hội hóa.
|
Sở Tài chính
|
Sở, ban, ngành có liên quan
|
Thường xuyên
|
|
- Đề xuất giải pháp cải thiện môi trường đầu tư, kinh doanh.
|
Sở Tài chính
|
Sở Công Thương
|
Quý II/2026
|
|
2
|
Nghiên cứu, tư vấn, phản biện chính sách, giải pháp công nghệ.
|
Liên hiệp các Hội Khoa học và Kỹ thuật
|
Sở, ban, ngành có liên quan
|
2026
|
|
Nơi nhận:
"""


def test_rows_are_rebuilt():
    out, n = rebuild_pipe_cells(TABLE)
    lines = out.split("\n")
    assert n == 1
    assert "STT | NHIỆM VỤ VÀ GIẢI PHÁP | CHỦ TRÌ | PHỐI HỢP | THỜI GIAN" in lines
    assert "I | NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH |  |  | " in lines
    assert any(line.startswith("1 | Rà soát, kịp thời cụ thể hoá") and line.endswith("| Thường xuyên") for line in lines)
    # a row whose first column spans the row above: numbered "-"
    assert "- | - Đề xuất giải pháp cải thiện môi trường đầu tư, kinh doanh. | Sở Tài chính | Sở Công Thương | Quý II/2026" in lines
    assert lines[0] == "KẾ HOẠCH thực hiện năm 2026" and lines[-2] == "Nơi nhận:"


def test_rebuilding_twice_changes_nothing_and_plain_text_is_left_alone():
    out, _ = rebuild_pipe_cells(TABLE)
    assert rebuild_pipe_cells(out) == (out, 0)
    plain = "Theo đó,\n|\nmột dòng\n|\n"
    assert rebuild_pipe_cells(plain) == (plain, 0)


def test_table_rows_become_tasks_with_agencies_and_times():
    with use_classifier(None):
        doc = process_text(rebuild_pipe_cells(TABLE)[0])
    got = {t.text[:30]: (t.lead_agency, t.deadline) for t in doc.tasks}
    assert got["Rà soát, kịp thời cụ thể hoá c"] == ("Sở Tài chính", "continuous")
    assert got["Đề xuất giải pháp cải thiện mô"] == ("Sở Tài chính", "2026-Q2")
    assert got["Nghiên cứu, tư vấn, phản biện "][1] == "2026"
