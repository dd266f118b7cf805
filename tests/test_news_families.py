"""More families of unseen documents (issue 11, session 25): each test is a family read from the
annotation guide on a development document's shape, not a string of the sealed split."""
from __future__ import annotations

import pytest

from pipeline.api import process_text

AIMS = """Triển khai công tác bình đẳng giới tỉnh năm 2021
Ngày 30 tháng 3 năm 2021, Chủ tịch UBND tỉnh ban hành Kế hoạch số 1467/KH-UBND triển khai công tác bình đẳng giới năm 2021, theo đó, mục đích và yêu cầu được xác định:
- Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy Đảng, chính quyền trong chỉ đạo thực hiện các mục tiêu về bình đẳng giới.
- Đẩy mạnh công tác tuyên truyền, phổ biến và vận động Nhân dân thực hiện chính sách về bình đẳng giới.
- Các hoạt động triển khai cần thiết thực, hiệu quả.
Đồng thời, Chủ tịch UBND tỉnh giao Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với các sở, ngành tổ chức các hoạt động truyền thông về bình đẳng giới.
"""


@pytest.mark.model
def test_a_list_of_aims_gives_no_task():
    """A list whose intro announces the plan's purpose and requirements states aims (guide §2), whichever
    stage reads it: the rules or the classifier."""
    doc = process_text(AIMS, doc_id="aims.txt")
    texts = [t.text for t in doc.tasks]
    assert not any(t.startswith(("Tăng cường sự lãnh đạo", "Đẩy mạnh công tác tuyên truyền", "Các hoạt động")) for t in texts)
    assert any(t.startswith("chủ trì, phối hợp với các sở, ngành") for t in texts)


INLINE_ABBREVIATION = """Hà Nội rà soát toàn bộ hoạt động quảng cáo ngoài trời

Văn phòng UBND Tp. Hà Nội vừa có công văn gửi Giám đốc Sở Văn hóa và Thể thao về việc kiểm tra, xử lý thông tin báo chí phản ánh về quảng cáo ngoài trời.

Về việc này, Chủ tịch UBND Tp. giao Giám đốc Sở Văn hóa và Thể thao chỉ đạo kiểm tra, làm rõ thông tin báo chí nêu; rà soát toàn bộ hoạt động quảng cáo ngoài trời trên địa bàn Tp.; báo cáo UBND Tp. trước ngày 15/4/2023; thông tin trả lời báo chí theo quy định.
"""


def test_an_inline_series_runs_past_an_abbreviation():
    """"UBND Tp." is no sentence end: the series' last clause keeps its own date."""
    doc = process_text(INLINE_ABBREVIATION, doc_id="tp.txt")
    report = [t for t in doc.tasks if t.text.startswith("báo cáo UBND Tp.")]
    assert report and report[0].deadline == "../2023-04-15"


COORDINATED = """Hội nông dân xã triển khai nhiệm vụ năm 2026
Tại hội nghị, Hội nông dân xã đã thông qua chương trình công tác năm 2026 với 07 nhiệm vụ trọng tâm và 12 chỉ tiêu cụ thể phấn đấu thực hiện trong năm 2026. Trong đó: Phấn đấu kết nạp mới 20 hội viên trở lên; giới thiệu ít nhất 05 hội viên ưu tú cho Đảng. Xây dựng ít nhất 01 mô hình phát triển kinh tế.
"""


def test_coordinated_counts_are_two_claims_and_the_list_is_the_nearer_ones():
    """"07 nhiệm vụ trọng tâm và 12 chỉ tiêu cụ thể": both are claims (the same words set them out); the list
    after them is the nearer claim's, so no task is read twice."""
    doc = process_text(COORDINATED, doc_id="coordinated.txt")
    assert [c.text for c in doc.claims] == ["07 nhiệm vụ trọng tâm", "12 chỉ tiêu cụ thể"]
    assert doc.claims[0].found is None
    texts = [t.text for t in doc.tasks]
    assert len(texts) == len(set(texts))
    assert all(t.group.endswith("12 chỉ tiêu cụ thể") for t in doc.tasks)


QUARTER_YEAR = """Phó Thủ tướng yêu cầu hoàn thành 247 dự án dở dang trong quý IV-2015.
Phó Thủ tướng yêu cầu Bộ Nông nghiệp và Phát triển nông thôn chủ trì cùng các bộ, ngành trong tháng 6 và tháng 7 tổ chức các đoàn kiểm tra tiến độ các dự án; cuối tháng 5 báo cáo Chính phủ.
"""


def test_a_quarter_with_its_year_dates_the_text_s_yearless_months():
    """A text whose only year stands in "quý IV-2015" still dates "tháng 6 và tháng 7" by it."""
    values = [t.value for t in process_text(QUARTER_YEAR, doc_id="quarter.txt").times]
    assert "2015-06/2015-07" in values and "2015-05" in values


def test_first_sentence_end_is_the_first_sentence_s_end():
    """:func:`first_sentence_end` (the inline series' end) is :func:`sentences`' first span's end, abbreviations and
    list numbers included."""
    from pipeline.text.segment import first_sentence_end, sentences

    for text in (INLINE_ABBREVIATION, AIMS, COORDINATED, QUARTER_YEAR, "   ", "Không có dấu chấm"):
        spans = sentences(text, 0, len(text))
        assert first_sentence_end(text, 0, len(text)) == (spans[0][1] if spans else len(text))
