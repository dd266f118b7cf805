"""Document scope families of header-less texts (issue 11): a council's term of office, a lead's
horizon "từ nay đến …", a period in an aside in brackets. Written from the annotation guide."""

from __future__ import annotations

from pipeline.api import process_text
from pipeline.learn.classifier import use_classifier

COUNCIL = """NGHỊ QUYẾT
VỀ CHẤT VẤN TẠI KỲ HỌP THỨ NĂM HỘI ĐỒNG NHÂN DÂN TỈNH KHÓA VI, NHIỆM KỲ 2016-2021
Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh chỉ đạo thực hiện các nội dung sau:
1. Tăng cường kiểm tra, xử lý vi phạm trong lĩnh vực đất đai.
2. Rà soát, sắp xếp lại các cơ sở giáo dục trên địa bàn.
"""

LEAD = """KẾT LUẬN CỦA BỘ CHÍNH TRỊ về một số nhiệm vụ trọng tâm cần tập trung thực hiện từ nay đến ngày 30/6/2025
Sau khi nghe Báo cáo về tình hình, tiến độ triển khai thực hiện Nghị quyết (từ ngày 04/5 đến ngày 14/5/2025) do Ban Tổ chức trình, Bộ Chính trị kết luận như sau:
1. Các cấp ủy tập trung hoàn thiện phương án sắp xếp tổ chức bộ máy.
2. Đảng ủy Chính phủ chỉ đạo rà soát các văn bản quy phạm pháp luật.
"""


def _tasks(text: str):
    with use_classifier(None):
        return process_text(text).tasks


def test_term_of_office_is_no_scope():
    tasks = _tasks(COUNCIL)
    assert tasks and all(t.deadline == "" for t in tasks)


def test_lead_horizon_is_the_scope_and_an_aside_is_not():
    tasks = _tasks(LEAD)
    assert tasks and all(t.deadline == "../2025-06-30" for t in tasks), [t.deadline for t in tasks]


def test_lead_plan_word_in_any_case():
    text = (
        "Tăng cường công tác quốc phòng địa phương\n"
        "Để thực hiện tốt các nhiệm vụ quốc phòng địa phương năm 2010, Ủy ban nhân dân thành phố "
        "yêu cầu các sở, ngành thực hiện tốt các nội dung sau:\n"
        "1. Tổ chức quán triệt nghị quyết của Đảng về quốc phòng.\n2. Rà soát, bổ sung kế hoạch phòng thủ.\n"
    )
    tasks = _tasks(text.replace("các nhiệm vụ", "CÁC NHIỆM VỤ"))
    assert tasks and all(t.deadline == "2010" for t in tasks), [t.deadline for t in tasks]


def test_body_only_text_opening_on_a_preamble_has_no_title_scope():
    text = (
        "Căn cứ Luật Địa chất và khoáng sản số 54/2024/QH15 ngày 29/11/2024, có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025;\n"
        "Sở Nông nghiệp và Môi trường yêu cầu các tổ chức, cá nhân hoạt động khoáng sản thực hiện các nội dung sau:\n"
        "1. Tổ chức rà soát toàn bộ hồ sơ pháp lý của dự án.\n2. Thực hiện đối chiếu thông tin, số liệu giữa các giấy phép.\n"
    )
    tasks = _tasks(text)
    assert tasks and all(t.deadline == "" for t in tasks), [t.deadline for t in tasks]


def test_title_period_after_the_work_it_names_is_the_scope():
    text = (
        "UBND huyện họp đánh giá tình hình kinh tế - xã hội Quý I và phương hướng, nhiệm vụ Quý II/2022\n"
        "Chủ tịch UBND huyện yêu cầu các cơ quan, đơn vị: (1) Tăng cường công tác kiểm tra, phòng chống dịch bệnh; "
        "(2) Tập trung chỉ đạo rà soát, triển khai các nhiệm vụ về thu ngân sách.\n"
    )
    tasks = _tasks(text)
    assert tasks and all(t.deadline == "2022-Q2" for t in tasks), [t.deadline for t in tasks]


def test_item_closing_sentence_in_bold_gives_the_item_its_deadline():
    text = (
        "Bộ Văn hóa, Thể thao và Du lịch yêu cầu:\n**1. Vụ Pháp chế**\n"
        "- Phối hợp với Bộ Tài chính đưa nội dung thực thi Phương án vào Luật sửa đổi. Đảm bảo **hoàn thành thực thi trong năm 2026.**\n"
    )
    tasks = _tasks(text)
    assert tasks and tasks[0].deadline == "2026", [t.deadline for t in tasks]
