"""Families of documents the first releases missed (issue 11): each test is a family, written
from the annotation guide, not a string of the sealed split."""
from __future__ import annotations

import pytest

from pipeline.api import process_text
from pipeline.extraction.header import title_end
from pipeline.learn.classifier import use_classifier

NEWS = """Trang chủ | Tin tức | Văn bản
Cập nhật: 10:25 12/03/2025
UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2025
Ngày 10/3/2025, UBND tỉnh ban hành Kế hoạch số 45/KH-UBND với 6 nhiệm vụ trọng tâm.
Theo đó, Kế hoạch đề ra 6 nhiệm vụ trọng tâm gồm: Đẩy mạnh cải cách thể chế; tăng cường cải cách thủ tục hành chính; cải cách tổ chức bộ máy hành chính nhà nước; cải cách chế độ công vụ; cải cách tài chính công; xây dựng và phát triển Chính phủ điện tử.
Để thực hiện, UBND tỉnh yêu cầu: Một là, tiếp tục nâng cao nhận thức của cán bộ về cải cách hành chính. Hai là, đẩy mạnh ứng dụng công nghệ thông tin. Ba là, tăng cường kỷ luật, kỷ cương hành chính.
Tin liên quan
UBND tỉnh họp phiên thường kỳ tháng 2/2025
Sở Nội vụ tổng kết năm 2024
"""


def _rules_only(text: str, doc_id: str):
    """The document as the rules alone extract it (no classifier)."""
    with use_classifier(None):
        return process_text(text, doc_id=doc_id)


@pytest.fixture(scope="module")
def news():
    with use_classifier(None):
        return process_text(NEWS, doc_id="news.txt")


def test_news_ordinals_and_claim_lists_are_tasks(news):
    texts = [t.text for t in news.tasks]
    assert "Đẩy mạnh cải cách thể chế" in texts
    assert "đẩy mạnh ứng dụng công nghệ thông tin" in texts
    assert len(texts) == 9


def test_news_title_scope_reaches_tasks(news):
    assert {t.deadline for t in news.tasks} == {"2025"}
    assert all(t.deadline_source == "document" for t in news.tasks)


def test_lead_claim_without_list_counts_its_twin(news):
    lead, listed = news.claims
    assert listed.found == 6 and listed.status == "ok"
    assert lead.found == 6 and any(f.startswith("twin_of:") for f in lead.flags)


def test_web_furniture_gives_no_times(news):
    values = [t.value for t in news.times]
    assert "2025-03-12" not in values          # the page's timestamp
    assert "2025-02" not in values and "2024" not in values   # the related-articles list


def test_claim_in_title_without_list_is_unresolved():
    with use_classifier(None):
        doc = process_text("Tỉnh đề ra 5 nhóm giải pháp chủ yếu phát triển du lịch năm 2026\n"
                           "Hội nghị diễn ra sáng nay tại hội trường tỉnh.", doc_id="x.txt")
    assert [(c.declared, c.found, c.status) for c in doc.claims] == [(5, None, "unresolved")]


def test_markdown_table_with_spilled_header():
    text = ("KẾ HOẠCH\nChuyển đổi số năm 2025\n"
            "| STT | Nội dung | Cơ quan | Cơ quan | Thời gian |\n"
            "| | nhiệm vụ | chủ trì | phối hợp | thực hiện |\n"
            "|---|---|---|---|---|\n"
            "| 1 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Các sở, ngành | Quý III/2025 |\n"
            "| 2 | Tổ chức tập huấn kỹ năng số | Sở Nội vụ | Các sở, ngành | Quý II, III/2025 |\n")
    doc = _rules_only(text, "md.txt")
    assert [(t.text, t.deadline, t.lead_agency) for t in doc.tasks] == [
        ("Xây dựng kho dữ liệu dùng chung", "2025-Q3", "Sở Khoa học và Công nghệ"),
        ("Tổ chức tập huấn kỹ năng số", "2025-Q2/2025-Q3", "Sở Nội vụ")]


def test_pdftotext_layout_title_gives_the_scope():
    text = ("   ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "  Số: 12/KH-UBND                         X, ngày 5 tháng 1 năm 2026\n\n"
            "                                 KẾ HOẠCH\n\n"
            "                  Thực hiện công tác cải cách hành chính\n"
            "                              năm 2026\n\n"
            "      Căn cứ Nghị quyết số 76/NQ-CP")
    assert text[:title_end(text)].rstrip().endswith("năm 2026")


@pytest.mark.parametrize("text, law", [
    ("theo Luật Bảo vệ và kiểm dịch thực vật năm 2013", "Luật Bảo vệ và kiểm dịch thực vật"),
    ("thực hiện Luật Nuôi ong và triển khai kế hoạch", "Luật Nuôi ong"),
    ("Luật Nuôi ong và Luật Đất đai", "Luật Nuôi ong"),
])
def test_law_names_with_va(text, law):
    from pipeline.extraction.references import find_references
    assert [r.ref_id for r in find_references(text).references][0] == law


def test_short_form_back_reference():
    from pipeline.extraction.references import find_references
    text = ("Nghị quyết 02/NQ-CP của Chính phủ về môi trường kinh doanh. Nghị quyết 02 năm 2021 là căn cơ. "
            "Chỉ thị số 11-CT/TU (viết tắt là Chỉ thị 11) được quán triệt.")
    refs = find_references(text).references
    assert [r.ref_id for r in refs] == ["02/NQ-CP", "02/NQ-CP", "11-CT/TU"]
    assert "short_form" in refs[1].flags


def test_ambiguous_short_form_is_left_alone():
    from pipeline.extraction.references import find_references
    text = "Nghị quyết 02/NQ-CP và Nghị quyết 02/2021/NQ-HĐND. Nghị quyết 02 được triển khai."
    assert [r.ref_id for r in find_references(text).references] == ["02/NQ-CP", "02/2021/NQ-HĐND"]


def test_date_opening_an_issuing_clause_without_comma():
    from pipeline.extraction.references import find_references
    refs = find_references("Ngày 16/4/2020 Ủy ban nhân dân tỉnh ban hành Chỉ thị số 11/CT-CTUBND về phòng dịch.").references
    assert (refs[0].ref_id, refs[0].date) == ("11/CT-CTUBND", "2020-04-16")


@pytest.mark.parametrize("text, value", [
    ("từ nay đến tháng 6/2027", "../2027-06"),
    ("đến quý II/2026", "../2026-Q2"),
    ("từ tháng 3 đến tháng 6/2025", "2025-03/2025-06"),
    ("nửa đầu năm 2025", "2025-H1"),
    ("dịp Tết Nguyên đán Ất Tỵ", "2025-01-29"),
])
def test_time_families(text, value):
    from pipeline.extraction.times import find_times
    assert [t.value for t in find_times(text, anchor=lambda pos: 2025)] == [value]


def test_claim_counts_items_holding_several_tasks():
    text = ("Kế hoạch đề ra 2 nhóm nhiệm vụ:\n1. Tổ chức tuyên truyền. Xây dựng tài liệu.\n"
            "2. Tăng cường kiểm tra. Xử lý vi phạm.\n")
    doc = _rules_only(text, "x.txt")
    assert (doc.claims[0].found, doc.claims[0].status) == (2, "ok")


def test_lead_claim_met_by_a_later_list():
    text = ("Tỉnh đề ra 3 nhiệm vụ trọng tâm năm 2026\nHội nghị sáng nay đã thống nhất.\n"
            "**Một là**, tăng cường kiểm tra.\n**Hai là**, đẩy mạnh tuyên truyền.\n**Ba là**, hoàn thiện thể chế.\n")
    doc = _rules_only(text, "x.txt")
    assert (doc.claims[0].found, doc.claims[0].status) == (3, "ok") and "list_later" in doc.claims[0].flags


def test_lead_claim_met_by_ordinal_paragraphs_opened_and_closed_without_markers():
    # a news article's series of sentences: "Trước hết" and "Cuối cùng" have no marker of their own
    text = ("Thủ tướng giao 4 nhiệm vụ cho ngành Nội vụ\nNgày 9/12, Bộ Nội vụ tổ chức Hội nghị.\n"
            "Trước hết, ngành phải tập trung xây dựng thể chế.\nĐồng thời, Bộ cần hoàn thiện Luật.\n"
            "Nhiệm vụ thứ hai là tiếp tục đẩy mạnh cải cách hành chính.\nThủ tướng đã phê duyệt 4.700 thủ tục.\n"
            "Thứ ba là thực hiện nghiêm việc không tăng biên chế.\nPhần giảm chỉ được tuyển lại tối đa 50%.\n"
            "Cuối cùng, Thủ tướng đề nghị ngành Nội vụ nâng cao tinh thần trách nhiệm.\n")
    doc = _rules_only(text, "x.txt")
    assert (doc.claims[0].found, doc.claims[0].status) == (4, "ok") and "list_later" in doc.claims[0].flags
    without_close = text.replace("Cuối cùng, Thủ tướng", "Thủ tướng")
    assert _rules_only(without_close, "x.txt").claims[0].found is None  # 3 items for 4: still unresolved


def test_extract_never_reads_a_mistyped_path_as_text(tmp_path):
    import pipeline
    from pipeline.errors import InputError
    with pytest.raises(InputError, match="extract_text"):
        pipeline.extract(str(tmp_path / "missing-plan.txt"))
    r = pipeline.extract_text("Kế hoạch đề ra 2 nhiệm vụ: tổ chức tập huấn; xây dựng tài liệu.")
    assert len(r.tasks) == 2


CONG_VAN = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 4555/BGDĐT-GDPT
V/v hướng dẫn thực hiện nhiệm vụ
giáo dục phổ thông năm học 2025-2026
Hà Nội, ngày 05 tháng 8 năm 2025
Kính gửi: Các Sở Giáo dục và Đào tạo.
Bộ Giáo dục và Đào tạo đề nghị các Sở tập trung chỉ đạo, tổ chức thực hiện các nội dung sau:
1. Rà soát, sắp xếp mạng lưới trường lớp.
2. Tổ chức tập huấn cho giáo viên.
"""


def test_cong_van_subject_line_is_title_and_scope():
    """A công văn has no type line: its "V/v …" subject line (over two lines here) is its title and
    the span whose years are the document's scope."""
    with use_classifier(None):
        doc = process_text(CONG_VAN)
    assert doc.meta.type == "Công văn"
    assert doc.meta.title == "hướng dẫn thực hiện nhiệm vụ giáo dục phổ thông năm học 2025-2026"
    assert [t.deadline for t in doc.tasks] == ["2025/2026", "2025/2026"]


EVENT = """KẾ HOẠCH
Thực hiện nhiệm vụ trọng tâm
Theo tinh thần chỉ đạo của Thủ tướng tại Hội nghị trực tuyến ngày 07 tháng 11 năm 2025, đề nghị các sở tập trung thực hiện các nhiệm vụ sau:
1. Rà soát các dự án đầu tư công.
2. Thực hiện kết luận tại cuộc họp ngày 15/3/2025 của Ban Chỉ đạo, hoàn thành trước ngày 30/6/2025.
"""


def test_event_dates_are_not_deadlines():
    """The date of a conference or meeting tells when it took place, not when to do a task."""
    with use_classifier(None):
        doc = process_text(EVENT)
    got = [(t.text[:12], t.deadline) for t in doc.tasks]
    assert got == [("Rà soát các ", ""), ("Thực hiện kế", "../2025-06-30")]


SERIES = """Chương trình này tập trung vào hai nhóm mục tiêu cụ thể:
Một là, nâng cao nhận thức của người dân.
Hai là, xây dựng các công cụ hỗ trợ giải quyết tranh chấp.
Quyết định cũng nêu rõ 3 hoạt động cần được thực hiện trong giai đoạn 2016-2020 để đạt các mục tiêu đề ra.
Một là, xây dựng kế hoạch tổ chức Ngày Quyền của người tiêu dùng;
Hai là, tuyên truyền, phổ biến chính sách và pháp luật;
Ba là, đào tạo, phát triển nguồn nhân lực.
"""


def test_second_ordinal_series_is_the_claims_list():
    """A series that starts again ("Một là" after a paragraph) is another list; the paragraph that
    holds its claim announces it, and that paragraph's period is the items' deadline. Objectives
    ("nhóm mục tiêu") are no claim unit (annotation guide §1)."""
    with use_classifier(None):
        doc = process_text(SERIES)
    assert [(c.text, c.declared, c.found) for c in doc.claims] == [("3 hoạt động", 3, 3)]
    listed = [t for t in doc.tasks if t.deadline]
    assert [t.text[:10] for t in listed] == ["xây dựng k", "tuyên truy", "đào tạo, p"]
    assert {t.deadline for t in listed} == {"2016/2020"}


# -- session 5 families -------------------------------------------------------------------

QA = """# Đề án cơ sở dữ liệu doanh nghiệp gồm những mục tiêu nào trong năm 2025, 2026?

Mục tiêu thực hiện đề án trong năm 2025, 2026 là gì? Thủ tướng Chính phủ đặt ra 3 nhiệm vụ chính như sau:

(1) Hoàn thiện khung pháp lý về cơ sở dữ liệu doanh nghiệp.

(2) Xây dựng mô hình kiến trúc cơ sở dữ liệu doanh nghiệp.

(3) Nâng cấp hạ tầng công nghệ thông tin cho cơ sở dữ liệu.
"""


def test_a_period_asked_about_is_no_scope():
    """A Q&A page asks about a period ("… trong năm 2025, 2026 là gì?"): it sets no deadline."""
    doc = _rules_only(QA, "qa.txt")
    assert doc.tasks
    assert {t.deadline for t in doc.tasks} == {""}
    assert "2025/2026" in {t.value for t in doc.times}  # still a time expression


JOINED = """KẾ HOẠCH

Đề nghị các sở, ngành tập trung thực hiện các nhiệm vụ trong 02 tháng cuối năm 2025 và những tháng đầu năm 2026 theo chỉ đạo của Thủ tướng Chính phủ; trong đó lưu ý các nội dung sau:

1. Rà soát, đẩy nhanh tiến độ các dự án trọng điểm.

2. Xây dựng kế hoạch phát triển kinh tế - xã hội năm 2026.
"""


def test_two_periods_joined_by_va_are_one_group_period():
    doc = _rules_only(JOINED, "joined.txt")
    assert [t.deadline for t in doc.tasks] == ["2025-11/2026", "2025-11/2026"]


def test_open_period_from_a_date_is_no_lead_scope():
    text = (
        "Áp dụng biểu thuế mới từ 1/9/2016\n\nChính phủ ban hành Nghị định về nhiệm vụ áp dụng biểu thuế từ 1/9/2016. "
        "Chính phủ yêu cầu các Bộ tăng cường kiểm tra việc thực hiện; rà soát các văn bản liên quan.\n"
    )
    doc = _rules_only(text, "from.txt")
    assert all(not t.deadline.endswith("/..") for t in doc.tasks)


def test_a_claim_with_a_third_of_its_items_is_unresolved():
    text = (
        "Bộ đề ra 9 nhiệm vụ trọng tâm, trong đó:\n\n- Tăng cường kiểm tra việc thực hiện.\n\n"
        "Ngoài ra, Bộ đã tổ chức hội nghị tổng kết.\n"
    )
    doc = _rules_only(text, "few.txt")
    [claim] = doc.claims
    assert claim.found is None and claim.status == "unresolved"
    assert "list_not_found" in claim.flags


QUOTED_NAME = (
    "Ngày 30/01/2019, Sở Văn hóa ban hành Kế hoạch số 09/KH-SVHTTDL về triển khai Đề án “Tuyên truyền, giáo dục "
    "đạo đức, lối sống trong gia đình Việt Nam giai đoạn 2010-2020” tỉnh Bình Dương năm 2019\n\n"
    "Kế hoạch xác định 02 nhiệm vụ chủ yếu gồm: Tổ chức các hoạt động tuyên truyền; kiểm tra, giám sát việc thực hiện.\n"
)
PAST_EVENT = (
    "CÔNG ĐIỆN\n\nNguy cơ sạt lở đất là rất cao (ngày 14/11/2025 cũng đã xảy ra sạt lở đất tại thôn Pứt). "
    "Thủ tướng Chính phủ yêu cầu các Bộ tập trung một số nhiệm vụ cụ thể sau:\n\n"
    "1. Chỉ đạo theo dõi chặt chẽ diễn biến mưa lũ.\n\n2. Tổ chức sơ tán người dân khỏi khu vực nguy hiểm.\n"
)


@pytest.mark.parametrize(
    "text, deadlines",
    [(QUOTED_NAME, {"2019"}), (PAST_EVENT, {""})],
    ids=["a period inside a quoted name is no lead scope", "a date narrating what happened is no deadline"],
)
def test_times_that_set_no_deadline(text, deadlines):
    doc = _rules_only(text, "deadline-family.txt")
    assert doc.tasks and {t.deadline for t in doc.tasks} == deadlines


def test_a_restated_title_claim_counts_its_twins_later_list():
    """A headline claim and its restatements (same number, a shared task noun) count the list that
    the text gives further on for any of them."""
    text = (
        "6 giải pháp chính của Bộ trong năm 2019\n\n"
        "Năm 2019, Bộ xác định sẽ tập trung đẩy mạnh 6 giải pháp chính.\n\n"
        "Cụ thể, Bộ đề ra 6 định hướng, giải pháp lớn.\n\n"
        "1. Hoàn thiện thể chế.\n\n2. Phát triển thị trường.\n\n3. Đẩy mạnh xuất khẩu.\n\n"
        "4. Cải cách hành chính.\n\n5. Phát triển nhân lực.\n\n6. Tăng cường kiểm tra.\n"
    )
    doc = _rules_only(text, "twins.txt")
    assert doc.claims and {c.found for c in doc.claims} == {6}


def test_a_lead_sentence_is_no_headline():
    """A news text that opens with a sentence of its lead (ending with a full stop) has no title:
    a past goal it recounts ("… đến năm 2020 … đã không đạt được.") is no scope."""
    from pipeline.extraction.header import title_end

    lead = ("(PL)- Theo Tổng Bí thư, dù đã nỗ lực phấn đấu nhưng nhiều chỉ tiêu trong mục tiêu mà Đại hội XI "
            "xác định là đến năm 2020 cơ bản trở thành nước công nghiệp đã không đạt được.\n\nThứ nhất, tiếp tục đổi mới.\n")
    assert title_end(lead) == 0
    assert title_end("Hà Nội ban hành kế hoạch cải cách hành chính năm 2025\n\nNgày 10/3, …") > 0


def test_cuoi_cung_alone_is_no_item():
    from pipeline.text.segment import segment

    text = "Thứ nhất, rà soát văn bản. Cuối cùng, báo cáo kết quả.\n"
    assert len(segment(text).blocks) == 1


CONCLUSION = """VĂN PHÒNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại buổi làm việc với tỉnh Đắk Lắk

I. VỀ MỘT SỐ KIẾN NGHỊ CỦA TỈNH

1. Về kiến nghị tăng mức hỗ trợ của ngân sách trung ương:

Giao Bộ Tài chính nghiên cứu kiến nghị của Tỉnh, báo cáo cấp có thẩm quyền xem xét, quyết định.

2. Về kiến nghị đầu tư tuyến cao tốc:

Đề nghị Ủy ban nhân dân tỉnh Đắk Lắk chủ trì, phối hợp với Bộ Xây dựng làm rõ sự cần thiết của dự án.

Tỉnh đã báo cáo đầy đủ các nội dung liên quan.
"""


def test_paragraphs_that_give_work_to_an_agency_are_tasks():
    """A headed document's paragraphs that open by giving work to a named agency (the answers of
    a Thông báo kết luận to a province's requests) are tasks; a statement about an agency is not."""
    doc = _rules_only(CONCLUSION, "conclusion.txt")
    texts = [t.text for t in doc.tasks]
    assert any(t.startswith("Giao Bộ Tài chính nghiên cứu") for t in texts)
    assert any(t.startswith("Đề nghị Ủy ban nhân dân tỉnh Đắk Lắk chủ trì") for t in texts)
    assert not any(t.startswith("Tỉnh đã báo cáo") for t in texts)


def test_a_plural_head_with_a_colon_is_one_agency():
    from pipeline.extraction.agencies import leading_agency
    from pipeline.extraction.cues import agency_task

    clause = "Các Bộ: Quốc phòng, Công an chủ động chỉ đạo các đơn vị đóng trên địa bàn rà soát kịch bản"
    assert leading_agency(clause)[0] == "Các Bộ: Quốc phòng, Công an"
    assert agency_task(clause)
    assert leading_agency("Sở Tư pháp: chủ trì thực hiện")[0] == "Sở Tư pháp"


CUOI_CUNG = (
    "Nghị quyết nêu rõ.\n\nCụ thể, 4 nhóm giải pháp gồm: Thứ nhất, cần giải quyết các vướng mắc với doanh nghiệp. "
    "Thứ hai, chuyển đổi số trong quản lý nhà nước. Thứ ba, thực hiện các mục tiêu phát triển bền vững. "
    "Cuối cùng, tiếp tục hỗ trợ doanh nghiệp phục hồi sản xuất.\n"
)
SERIES_IN_CLAIM = (
    "Hội nghị trực tuyến\n\nTrong đó, 3 trọng tâm chỉ đạo bao gồm: *Thứ nhất* là chuẩn bị chu đáo để tổ chức "
    "thành công Đại hội.\n\n*Thứ hai* là thực hiện hiệu quả mục tiêu kép.\n\n*Thứ ba* là tiếp tục hoàn thiện thể "
    "chế. Đổi mới quản trị quốc gia.\n\nBên cạnh đó, Bộ trưởng cho biết.\n"
)


@pytest.mark.parametrize(
    "text, claim, task, opening",
    [(CUOI_CUNG, (4, 4), -1, "tiếp tục hỗ trợ doanh nghiệp"), (SERIES_IN_CLAIM, (3, 3), 0, "chuẩn bị chu đáo để tổ chức")],
    ids=["'Cuối cùng' closes an in-line ordinal series", "an ordinal series opening in the claim's paragraph is its list"],
)
def test_ordinal_series_families(text, claim, task, opening):
    doc = _rules_only(text, "series.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [claim]
    assert doc.tasks[task].text.startswith(opening)


def test_a_list_item_that_names_its_topic_then_gives_the_work():
    text = CONCLUSION.replace(
        "Tỉnh đã báo cáo đầy đủ các nội dung liên quan.",
        "3. Về dự án nạo vét luồng tàu vào khu bến cảng Nghi Sơn: Bộ Xây dựng khẩn trương rà soát, sớm bàn giao dự án "
        "cho tỉnh Thanh Hóa, báo cáo Thủ tướng Chính phủ kết quả thực hiện.",
    )
    doc = _rules_only(text, "topic.txt")
    assert any(t.text.startswith("Bộ Xây dựng khẩn trương rà soát") for t in doc.tasks)


def test_a_bold_heading_wrapped_over_two_lines_is_one_heading():
    from pipeline.text.segment import segment
    from pipeline.text.unwrap import unwrap

    text = (
        "Phần mở đầu của kế hoạch này được viết trên nhiều dòng để có độ rộng dòng thông\n"
        "thường của một văn bản được ngắt dòng cứng khi chuyển đổi từ tệp PDF sang văn bản.\n\n"
        "**III. GIẢI\nPHÁP THỰC HIỆN**\n\n1. Tăng cường kiểm tra việc thực hiện quy hoạch.\n"
    )
    heads = [b.text for b in segment(unwrap(text).text).blocks if b.kind == "heading"]
    assert heads == ["**III. GIẢI PHÁP THỰC HIỆN**"]


CONG_VAN_PLAN_YEAR = """BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Số: 1234/LĐTBXH-BVCSTE
V/v: Thực hiện Chương trình bảo vệ trẻ em
Hà Nội, ngày 01 tháng 07 năm 2008
Kính gửi: Sở Lao động – Thương binh và Xã hội các tỉnh, thành phố
Thực hiện Chương trình bảo vệ trẻ em giai đoạn 2004 – 2010; để tiếp tục triển khai có hiệu quả các đề án, Bộ đề nghị Sở Lao động – Thương binh và Xã hội các tỉnh, thành phố triển khai kế hoạch năm 2008 như sau:
I. NHIỆM VỤ
1. Tổ chức tập huấn cho đội ngũ cộng tác viên cơ sở.
2. Rà soát, thống kê số trẻ em có hoàn cảnh đặc biệt.
"""


def test_the_preamble_closing_on_a_plan_year_scopes_the_tasks():
    """A headed text whose preamble ends "… triển khai kế hoạch năm 2008 như sau:" gives its tasks
    that year (the plan it carries out), not the period of a programme cited earlier in the sentence."""
    doc = _rules_only(CONG_VAN_PLAN_YEAR, "cv.txt")
    assert [t.deadline for t in doc.tasks] == ["2008", "2008"]
    assert {t.deadline_source for t in doc.tasks} == {"document"}


ROMAN_SUBLIST = """Thông báo yêu cầu các ngân hàng thực hiện 3 nhóm nhiệm vụ trọng tâm sau:
(1) Tiếp tục tiết giảm chi phí hoạt động.
(2) Chủ động tham gia tích cực vào 2 đột phá chiến lược, cụ thể:
(i) Tích cực tham gia xây dựng hệ thống pháp luật ngành ngân hàng.
(ii) Huy động vốn để phục vụ phát triển hạ tầng chiến lược.
(3) Phát triển hệ thống các tổ chức tín dụng an toàn, lành mạnh.
"""


def test_a_roman_sub_list_in_parentheses_nests_under_its_item():
    """ "(i)", "(ii)" after "(2)" are that item's sub-list: the outer claim counts three items, the
    inner one two, and no clause is a task twice."""
    from pipeline.text.segment import segment

    outline = segment(ROMAN_SUBLIST)
    markers = [b.marker for b in outline.blocks]
    assert outline.parents[markers.index("(i)")] == markers.index("(2)")
    assert outline.parents[markers.index("(3)")] == outline.parents[markers.index("(1)")]
    doc = _rules_only(ROMAN_SUBLIST, "tb.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [(3, 3), (2, 2)]
    texts = [t.text for t in doc.tasks]
    assert len(texts) == len(set(texts))


def test_paren_i_after_paren_h_is_a_letter():
    from pipeline.text.segment import segment

    text = "".join(f"({c}) Thực hiện nhiệm vụ {c}.\n" for c in "abcdefghij")
    outline = segment(text)
    assert len(set(outline.parents)) == 1


REQUEST_OVER_SECTIONS = """SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 123/SNNMT-KS
V/v tăng cường quản lý hoạt động khoáng sản
Kính gửi: Các tổ chức, cá nhân hoạt động khoáng sản trên địa bàn tỉnh
Sở Nông nghiệp và Môi trường yêu cầu các tổ chức, cá nhân hoạt động khoáng sản thực hiện nghiêm túc một số nội dung sau:
I. Đối với các dự án đã được cấp phép khai thác
1. Rà soát toàn bộ hồ sơ pháp lý trong quá trình hoạt động khoáng sản.
2. Lập bản đồ hiện trạng khu vực khai thác.
II. Trong quá trình hoạt động khai thác khoáng sản
1. Thực hiện đầy đủ các nghĩa vụ tài chính theo quy định.
"""


def test_a_request_over_topic_sections_gives_their_items():
    """A request ending "… một số nội dung sau:" whose list is a run of topic sections ("I. Đối với
    …", "II. Trong quá trình …"): their items are tasks, grouped by their section."""
    doc = _rules_only(REQUEST_OVER_SECTIONS, "cv.txt")
    assert [t.text for t in doc.tasks] == [
        "Rà soát toàn bộ hồ sơ pháp lý trong quá trình hoạt động khoáng sản",
        "Lập bản đồ hiện trạng khu vực khai thác",
        "Thực hiện đầy đủ các nghĩa vụ tài chính theo quy định",
    ]
    assert doc.tasks[0].group.startswith("I. Đối với")


def test_a_bold_marker_with_an_empty_bold_pair_is_a_marker():
    from pipeline.text.segment import match_marker

    assert match_marker("**1.**** **Các cơ quan quản lý nhà nước")[:2] == ("1.", "arabic")


def test_a_markdown_heading_keeps_its_list_marker():
    """"#### 1. Bảo đảm …": item 1 of a numbered list under a claim, so the claim's seven headings are
    found (a news page of a Nghị quyết, its seven "nhiệm vụ, giải pháp lớn" as level-4 headings)."""
    from pipeline.resources import load
    from pipeline.text.segment import match_marker

    for ex in load("segmentation")["markdown"]["heading_prefix_examples"]:
        marker, mtype, boff = match_marker(ex)
        assert mtype in ("arabic", "roman") and ex[boff:][:1].isalpha(), ex
    text = "Nghị quyết đề ra 3 nhiệm vụ, giải pháp lớn. Cụ thể là:\n\n" + "".join(
        f"#### {i}. {head}\n\n- {task}.\n\n- {task2}.\n\n"
        for i, (head, task, task2) in enumerate(
            [
                ("Đổi mới tư duy xây dựng pháp luật", "Rà soát các quy định chồng chéo", "Cắt giảm thủ tục hành chính"),
                ("Tạo đột phá trong thi hành pháp luật", "Tăng cường kiểm tra việc thi hành", "Xây dựng văn hóa tuân thủ"),
                ("Tăng cường chuyển đổi số", "Xây dựng cơ sở dữ liệu pháp luật", "Ứng dụng trí tuệ nhân tạo"),
            ],
            start=1,
        )
    )
    doc = process_text(text, doc_id="md.txt", model=None)
    assert [(c.declared, c.found) for c in doc.claims] == [(3, 3)]


LAW_QUOTE = """**Chỉ thị yêu cầu Công an Thành phố những gì?**
Chủ tịch Ủy ban nhân dân Thành phố yêu cầu Công an Thành phố thực hiện các nhiệm vụ sau:
- Tăng cường kiểm tra an toàn phòng cháy tại các khu dân cư.
- Vận động mỗi hộ gia đình trang bị bình chữa cháy.
**Nguyên tắc phòng cháy chữa cháy là gì?**
Nguyên tắc phòng cháy chữa cháy được quy định cụ thể tại Điều 5 Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024 như sau:
- Huy động sức mạnh tổng hợp của toàn dân tham gia hoạt động phòng cháy, chữa cháy.
- Chuẩn bị sẵn sàng lực lượng, phương tiện để kịp thời chữa cháy.
"""


@pytest.mark.parametrize("model", [False, True])
def test_a_list_quoting_a_law_article_gives_no_task(model):
    """A Q&A page quotes a law ("… được quy định cụ thể tại Điều 5 Luật … như sau:"): those items say
    what the law provides, so neither the rules nor the classifier take them."""
    doc = process_text(LAW_QUOTE, doc_id="qa.txt") if model else _rules_only(LAW_QUOTE, "qa.txt")
    texts = [t.text for t in doc.tasks]
    assert "Tăng cường kiểm tra an toàn phòng cháy tại các khu dân cư" in texts
    assert not any(t.startswith(("Huy động sức mạnh", "Chuẩn bị sẵn sàng")) for t in texts)


def test_a_request_after_a_sentence_citing_a_law_article_gives_its_items():
    """Only the sentence that leads into a list can quote a law: "Qua rà soát theo quy định tại Điều 38 … .
    Để có cơ sở giải quyết, Sở … đề nghị doanh nghiệp hoàn thiện các nội dung sau:" asks for its items."""
    text = ("Qua rà soát, thẩm định theo quy định tại Điều 38, Điều 39 Luật Quản lý, sử dụng vũ khí, vật liệu nổ và "
            "công cụ hỗ trợ, hồ sơ chưa bảo đảm điều kiện. Để có cơ sở giải quyết, Sở Công Thương đề nghị doanh nghiệp "
            "rà soát, hoàn thiện các nội dung sau:\n"
            "a) Bổ sung Quyết định phê duyệt Báo cáo kinh tế - kỹ thuật.\n"
            "b) Rà soát, tính toán lại khoảng cách an toàn.\n")
    assert [t.text for t in _rules_only(text, "cv.txt").tasks] == [
        "Bổ sung Quyết định phê duyệt Báo cáo kinh tế - kỹ thuật", "Rà soát, tính toán lại khoảng cách an toàn"]


def test_a_header_below_page_furniture_gives_no_time_of_its_date():
    """A legal site's page: the document card ("**Ngày ban hành:**" over its date) and the document's
    own place-and-date line further down are the document's date, not times of its content."""
    text = (
        "Trang chủ | Văn bản pháp luật\n**Ngày ban hành:**\n|\n22/11/2025\n|\n"
        "Công điện về việc ứng phó mưa lũ được đăng tải đầy đủ dưới đây cho bạn đọc tham khảo.\n\n"
        "BỘ XÂY DỰNG\nSố: 96/CĐ-BXD   *Hà Nội, ngày 22 tháng 11 năm 2025*   **CÔNG ĐIỆN**\n"
        "Bộ Xây dựng yêu cầu các Sở Xây dựng thực hiện các nhiệm vụ sau:\n"
        "1. Hoàn thành khắc phục hậu quả mưa lũ trước ngày 30/11/2025.\n"
    )
    doc = _rules_only(text, "cd.txt")
    assert [t.value for t in doc.times] == ["../2025-11-30"]


def test_own_number_of_a_header_below_page_furniture_is_no_reference():
    """A legal site's page repeats the document's number in its title and card ("**Số hiệu:**" over
    "96/CĐ-BXD") above the document's header; its "Số: 96/CĐ-BXD" line followed by the place-and-date
    line is its own number, so none of those mentions is a reference."""
    text = (
        "Công điện 96/CĐ-BXD năm 2025 ứng phó mưa lũ\n**Số hiệu:**\n|\n96/CĐ-BXD\n|\n"
        "Trang chủ | Văn bản pháp luật | Tiện ích | Liên hệ | Đăng nhập | Đăng ký tài khoản | Hỏi đáp pháp luật\n"
        * 12
        + "BỘ XÂY DỰNG\nSố: 96/CĐ-BXD\n*Hà Nội, ngày 22 tháng 11 năm 2025*\nCÔNG ĐIỆN\n"
        "Thực hiện Công điện số 225/CĐ-TTg ngày 20/11/2025, Bộ Xây dựng yêu cầu các Sở Xây dựng thực hiện:\n"
        "1. Khắc phục hậu quả mưa lũ.\n"
    )
    doc = _rules_only(text, "cd.txt")
    assert doc.meta.number == "96/CĐ-BXD"
    assert [r.ref_id for r in doc.references] == ["225/CĐ-TTg"]


def test_an_in_line_series_of_parenthesised_numerals_is_a_list():
    """ "… yêu cầu các cơ quan … theo chức năng, nhiệm vụ: (1) A; … (2) B. (3) C" in one paragraph: the
    request introduces the series, and each numbered part is a task (never the request itself)."""
    text = (
        "Kết luận phiên họp, đồng chí Chủ tịch UBND huyện yêu cầu các cơ quan, đơn vị, địa phương trong thời gian "
        "tới theo chức năng, nhiệm vụ: (1) Tập trung thực hiện “mục tiêu kép”, vừa phòng chống dịch bệnh hiệu quả, "
        "vừa phát triển kinh tế - xã hội. (2) Đẩy nhanh tiến độ triển khai, giải ngân các công trình, dự án được giao "
        "vốn đầu tư. (3) Tiếp tục rà soát, sắp xếp, kiện toàn lãnh đạo các cơ quan chuyên môn, đơn vị sự nghiệp.\n"
    )
    doc = _rules_only(text, "news.txt")
    texts = [t.text for t in doc.tasks]
    assert texts[0].startswith("Tập trung thực hiện") and len(texts) == 3
    assert not any(t.startswith("Kết luận phiên họp") for t in texts)


@pytest.mark.parametrize(
    "text, tasks",
    [
        (  # Markdown bold closing after the intro's colon
            "Thủ tướng Chính phủ yêu cầu các bộ, cơ quan tập trung thực hiện một số** nhiệm vụ trọng tâm sau:**\n"
            "(i) Tập trung xây dựng, hoàn thiện hệ thống văn bản quy phạm pháp luật.\n"
            "(ii) Bảo đảm đủ biên chế giáo viên.\n",
            ["Tập trung xây dựng, hoàn thiện hệ thống văn bản quy phạm pháp luật", "Bảo đảm đủ biên chế giáo viên"],
        ),
        (  # a thông báo kết luận turning from assessment to work under "I. ĐÁNH GIÁ CHUNG"
            "VĂN PHÒNG CHÍNH PHỦ\nSố: 641/TB-VPCP\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n"
            "I. ĐÁNH GIÁ CHUNG\nThành phố đã triển khai quyết liệt việc sắp xếp tổ chức bộ máy.\n"
            "Để tiếp tục vận hành chính quyền địa phương 02 cấp hiệu quả, thành phố cần tập trung thực hiện tốt một số "
            "nhiệm vụ, giải pháp sau đây:\n1. Tăng cường hiệu quả hoạt động của bộ máy chính quyền cấp xã.\n"
            "2. Thúc đẩy mạnh mẽ chuyển đổi số.\n",
            ["Tăng cường hiệu quả hoạt động của bộ máy chính quyền cấp xã", "Thúc đẩy mạnh mẽ chuyển đổi số"],
        ),
    ],
)
def test_intros_that_open_their_list(text, tasks):
    """An intro whose bold closes after its colon, or one that names the tasks it lists ("… một số nhiệm
    vụ, giải pháp sau đây:") even under a heading of assessment: the items below are its tasks."""
    assert [t.text for t in _rules_only(text, "doc.txt").tasks] == tasks


def test_an_item_that_gives_work_before_its_details_is_a_task():
    """ "2. Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo …, cụ thể:" over dash items: the item's own
    text before the colon gives the agency work (a task), and its dashes are tasks too."""
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 467/TB-VPCP\nTHÔNG BÁO\nKết luận của Phó Thủ tướng\n"
        "Phó Thủ tướng kết luận như sau:\n"
        "1. Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo của Lãnh đạo Chính phủ tại các Thông báo kết luận về "
        "thị trường các-bon; chủ trì, phối hợp chặt chẽ với các Bộ Tài nguyên và Môi trường, Tư pháp để khẩn trương "
        "hoàn thiện Đề án, trong đó lưu ý:\n"
        "- Nghiên cứu kỹ lưỡng quy định của pháp luật hiện hành.\n"
        "- Hoàn thiện dự thảo Đề án trước ngày 20 tháng 10 năm 2024.\n"
    )
    texts = [t.text for t in _rules_only(text, "tb.txt").tasks]
    assert texts[0].startswith("Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo")
    assert "Nghiên cứu kỹ lưỡng quy định của pháp luật hiện hành" in texts


def test_list_after_a_cited_article_with_own_focus_is_tasks():
    """"… theo quy định tại Điều 8 Nghị định …, trong đó tập trung:" leads the document's own tasks,
    unlike a list that quotes the article ("… quy định tại Điều 5 Luật … như sau:")."""
    text = (
        "Điều 3. Nhiệm vụ của Đoàn kiểm tra\n"
        "Đoàn kiểm tra thực hiện nhiệm vụ theo quy định tại Điều 8 Nghị định số 217/2025/NĐ-CP, trong đó tập trung:\n"
        "1. Xây dựng và trình Giám đốc Sở phê duyệt Kế hoạch kiểm tra chi tiết.\n"
        "2. Báo cáo kết quả kiểm tra cho Giám đốc Sở sau khi kết thúc đợt kiểm tra.\n"
    )
    texts = [t.text for t in _rules_only(text, "focus.txt").tasks]
    assert "Xây dựng và trình Giám đốc Sở phê duyệt Kế hoạch kiểm tra chi tiết" in texts


def test_constitution_with_its_year_is_a_reference():
    doc = _rules_only("Nghiên cứu sửa đổi một số điều của Hiến pháp năm 2013; thượng tôn Hiến pháp và pháp luật.", "hp.txt")
    assert [(r.ref_id, r.type, r.year) for r in doc.references] == [("Hiến pháp", "Hiến pháp", "2013")]
    assert not doc.times  # the year names the constitution


@pytest.mark.parametrize("text,cited", [
    ("Bảo đảm phù hợp với quy định của Hiến pháp 2013; bảo đảm tính thống nhất.", True),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", True),
    ("Các văn bản sớm ban hành sau khi thông qua Hiến pháp sửa đổi.", True),
    ("Người dân thực hiện quyền có nhà ở theo quy định của Hiến pháp. Xử lý nghiêm các vi phạm.", True),
    ("Tuân thủ Hiến pháp, pháp luật Việt Nam và điều ước quốc tế.", False),
    ("Bảo đảm thượng tôn Hiến pháp và pháp luật.", False),
])
def test_constitution_cited_as_a_document(text, cited):
    """The Constitution is a reference where a text cites it as a document (a year, "Căn cứ", "sửa đổi", what a
    right follows at a clause's end), not in "thượng tôn Hiến pháp và pháp luật"."""
    doc = _rules_only(text, "hp.txt")
    assert [r.ref_id for r in doc.references] == (["Hiến pháp"] if cited else [])
    assert not doc.times


def test_annex_cut_from_its_decision_does_not_cite_its_decision():
    text = (
        "**PHỤ LỤC I**\nBẢNG PHÂN CÔNG THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP TẠI KẾ HOẠCH HÀNH ĐỘNG QUỐC GIA VỀ KHẮC PHỤC "
        "Ô NHIỄM VÀ QUẢN LÝ CHẤT LƯỢNG MÔI TRƯỜNG KHÔNG KHÍ GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045\n"
        "*(Kèm theo Quyết định số 2530/QĐ-TTg ngày 19 tháng 11 năm 2025 của Thủ tướng Chính phủ)*\n"
        "Bộ Nông nghiệp và Môi trường hoàn thiện Nghị định theo Quyết định số 1616/QĐ-TTg.\n"
    )
    assert [r.ref_id for r in _rules_only(text, "annex.txt").references] == ["1616/QĐ-TTg"]


def test_a_claims_items_in_one_comma_series_are_counted():
    from pipeline.extraction.tasks import comma_series

    assert comma_series("phát triển kết cấu hạ tầng, phát triển nông nghiệp công nghệ cao, giải quyết tình trạng "
                        "thiếu giáo viên mầm non và kéo giảm tình hình vi phạm pháp luật và tội phạm") == 4
    assert comma_series("A (gồm B, C), D và E") == 3
    text = ("Phó Chủ tịch UBND tỉnh đã nêu một số giải pháp cần thực hiện, trong đó, có 4 vấn đề trọng tâm, bao gồm: "
            "phát triển kết cấu hạ tầng, phát triển nông nghiệp công nghệ cao, giải quyết tình trạng thiếu giáo viên "
            "mầm non và kéo giảm tình hình vi phạm pháp luật.\n")
    doc = process_text(text, doc_id="news.txt", model=None)
    assert [(c.declared, c.found) for c in doc.claims] == [(4, 4)]


def test_a_claims_ordinals_may_stand_apart_in_running_text():
    # a news article sets out "3 nhiệm vụ trọng tâm" and gives them in paragraphs of their own, with
    # comment between them and the ordinals written three ways ("Thứ nhất", "Nhiệm vụ thứ 2 là",
    # "Thứ 3,"): the claim's list is found all the same
    text = (
        "Thủ tướng yêu cầu làm tốt 3 nhiệm vụ trọng tâm cuối năm 2018\n\n"
        "Chiều nay, Thủ tướng đề nghị làm tốt 3 nhiệm vụ trọng tâm của tháng 12, trong đó việc tổng kết phải thực chất.\n"
        "Thứ nhất, các bộ, ngành, địa phương chuẩn bị kỹ, làm tốt nhiệm vụ tổng kết năm 2018.\n"
        "“Chúng ta có thể khẳng định nước ta sẽ hoàn thành thắng lợi các mục tiêu”, Thủ tướng nói.\n"
        "Nhiệm vụ thứ 2 là xây dựng Nghị quyết 01 với tinh thần cụ thể hoá Nghị quyết của Trung ương.\n"
        "Điều quan trọng của Nghị quyết là giải quyết được các điểm nghẽn.\n"
        "Thứ 3, trong tháng 12, thúc đẩy phát triển sản xuất, kinh doanh; chú trọng lo Tết cho nhân dân.\n"
    )
    with use_classifier(None):
        claims = process_text(text).claims
    assert [(c.declared, c.found) for c in claims] == [(3, 3), (3, 3)]


def test_a_weekdays_dateline_is_no_ordinal():
    from pipeline.text.segment import match_marker

    assert match_marker("Thứ 2, 12/3/2018 08:00 (GMT+7)")[1] != "ordinal"
    assert match_marker("Thứ 3, trong tháng 12, thúc đẩy phát triển sản xuất")[1] == "ordinal"
    assert match_marker("Nhóm giải pháp cuối cùng là “tăng cường kiểm tra, giám sát”")[1] == "ordinal"


def test_social_media_bullets_are_list_markers():
    # a portal's or page's post lists a directive's contents with emoji bullets
    text = (
        "CHỈ THỊ SỐ 06-CT/TU VỀ VIỆC TIẾP TỤC NÂNG CAO HIỆU QUẢ CÔNG TÁC PHÒNG, CHỐNG DỊCH\n"
        "Một số nội dung chính của Chỉ thị:\n"
        "👉 Kiên quyết, kiên trì thực hiện giãn cách xã hội.\n"
        "✅ Áp dụng một số biện pháp cao hơn đối với vùng đỏ, vùng da cam.\n"
        "▶️ Bảo đảm tốt công tác an sinh xã hội.\n"
    )
    with use_classifier(None):
        tasks = [t.text for t in process_text(text).tasks]
    assert tasks == [
        "Kiên quyết, kiên trì thực hiện giãn cách xã hội",
        "Áp dụng một số biện pháp cao hơn đối với vùng đỏ, vùng da cam",
        "Bảo đảm tốt công tác an sinh xã hội",
    ]


def test_a_claim_whose_items_a_following_sentence_opens():
    """ "… đề ra hai nhiệm vụ, giải pháp quan trọng. Đó là, A; B.": the sentence after the claim lists it."""
    text = ("Để thực hiện hiệu quả Nghị quyết này, Ban Thường vụ Đảng ủy Khối đề ra hai nhiệm vụ, giải pháp quan trọng. "
            "Đó là, tăng cường hỗ trợ, bảo vệ quyền lợi doanh nghiệp; tăng cường lãnh đạo công tác xây dựng Đảng.\n")
    doc = _rules_only(text, "news.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [(2, 2)]
    assert [t.text for t in doc.tasks] == ["tăng cường hỗ trợ, bảo vệ quyền lợi doanh nghiệp",
                                           "tăng cường lãnh đạo công tác xây dựng Đảng"]


def test_a_claims_list_goes_on_in_the_paragraphs_below_only_when_they_make_its_count():
    head = "Cục trưởng đã đưa ra những cam kết với 4 nội dung cụ thể: Đó là, tận tụy với công việc; thực hiện đúng quy trình.\n\n"
    more = "Tiếp nhận đầy đủ ý kiến của khách hàng; giảm thời gian thông quan.\n\n"
    doc = _rules_only(head + more + "Hội nghị đã trao giấy khen cho 5 doanh nghiệp.\n", "news.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [(4, 4)]
    short = _rules_only(head + "Tiếp nhận đầy đủ ý kiến của khách hàng.\n", "news.txt")
    assert [t.text for t in short.tasks] == ["tận tụy với công việc", "thực hiện đúng quy trình"]


def test_a_dateline_gives_no_deadline_to_the_list_of_its_claim():
    """ "Sáng 13/01, … Hội nghị tổng kết công tác năm 2011 và triển khai nhiệm vụ năm 2012 … nêu rõ 5 nhiệm vụ":
    the day reports the meeting; of the claim sentence's times the last, nearest the list, governs it."""
    text = ("Sáng 13/01, tại Hà Nội, Văn phòng Chính phủ tổ chức Hội nghị tổng kết công tác năm 2011 và triển khai "
            "nhiệm vụ năm 2012. Thủ tướng nêu rõ 2 nhiệm vụ trọng tâm: tham mưu tổng hợp ý kiến; xây dựng chương "
            "trình công tác của Chính phủ.\n")
    doc = _rules_only(text, "news.txt")
    assert [(t.text, t.deadline) for t in doc.tasks] == [("tham mưu tổng hợp ý kiến", "2012"),
                                                         ("xây dựng chương trình công tác của Chính phủ", "2012")]


def test_a_legal_sites_card_dates_a_document_whose_header_gives_no_date():
    """A legal-document site's card ("**Ngày ban hành:**" ⏎ "|" ⏎ "17/11/2025") is page furniture, yet it
    is the date a text without its own date line anchors its year-less times to ("quý IV")."""
    from pipeline.extraction.header import card_date
    from pipeline.resources import load

    for ex in load("header")["card_date"]["examples"]:
        assert card_date(ex), ex
    for ex in load("header")["card_date"]["counter_examples"]:
        assert not card_date(ex), ex
    text = ("**Số hiệu:**\n|\n17809/BTC-CTK\n|\n**Ngày ban hành:**\n|\n17/11/2025\n|\n"
            "**Kính gửi:** Ủy ban nhân dân các tỉnh\nĐề nghị các địa phương thực hiện các nội dung sau:\n"
            "1. Gửi báo cáo tình hình kinh tế - xã hội quý IV về Bộ Tài chính.\n")
    doc = _rules_only(text, "cv.txt")
    assert doc.meta.date == "2025-11-17"
    assert "2025-Q4" in [t.value for t in doc.times]


_PROGRAMME = """| THỦ TƯỚNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |
| --- | --- |
| Số: 419/QĐ-TTg | *Hà Nội, ngày 05 tháng 04 năm 2017* |
QUYẾT ĐỊNH
PHÊ DUYỆT CHƯƠNG TRÌNH QUỐC GIA VỀ QUẢN LÝ BỀN VỮNG TÀI NGUYÊN RỪNG{TITLE_YEAR}
THỦ TƯỚNG CHÍNH PHỦ
*Căn cứ Quyết định số 799/QĐ-TTg ngày 27/6/2012 về phê duyệt Chương trình hành động quốc gia giai đoạn 2011-2020;*
*Xét đề nghị của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn,*
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Chương trình quốc gia về quản lý bền vững tài nguyên rừng, với các nội dung chủ yếu sau:
1. Phạm vi và thời gian thực hiện:
- Chương trình được thực hiện trong phạm vi toàn quốc.
{STATEMENT}
2. Nội dung chủ yếu của Chương trình
- Rà soát, điều chỉnh quy hoạch sử dụng rừng và đất rừng.
- Hỗ trợ sản xuất nông nghiệp bền vững và không gây mất rừng.
- Cải thiện quản trị rừng và sinh kế cho người dân sống gần rừng.
"""


@pytest.mark.parametrize("title_year,statement,scope", [
    # the period the programme states for itself before its tasks, before the title's horizon
    (" ĐẾN NĂM 2030", "- Thời gian thực hiện: Từ năm 2017 đến hết năm 2030.", "2017/2030"),
    (" ĐẾN NĂM 2030", "", "../2030"),
    # a period of a document the preamble cites ("*Căn cứ …* giai đoạn 2011-2020") is not the scope: the title
    # ends at the signer's authority line, whose Markdown italics do not hide the "Căn cứ" under it
    ("", "", ""),
    ("", "- Đề án được thực hiện từ nay đến năm 2020.", "../2020"),
])
def test_stated_period_and_preamble_years(title_year, statement, scope):
    doc = _rules_only(_PROGRAMME.replace("{TITLE_YEAR}", title_year).replace("{STATEMENT}", statement), "qd.txt")
    assert len(doc.tasks) == 3
    assert {t.deadline for t in doc.tasks} == {scope}
    assert doc.meta.title.startswith("PHÊ DUYỆT CHƯƠNG TRÌNH QUỐC GIA")


def test_a_groups_period_label_is_not_the_documents_scope():
    text = """KẾ HOẠCH
Phát triển đô thị thông minh của tỉnh
I. MỤC ĐÍCH, YÊU CẦU
Xây dựng đô thị thông minh phục vụ người dân và doanh nghiệp.
II. NHIỆM VỤ, GIẢI PHÁP
1. Xây dựng kiến trúc ICT của tỉnh
Kiến trúc ICT gồm các tầng ứng dụng, dữ liệu và hạ tầng.
Thời gian triển khai: Giai đoạn 2019 – 2020.
2. Đẩy mạnh xây dựng hạ tầng
- Xây dựng Trung tâm điều hành thành phố thông minh.
- Xây dựng Trung tâm dữ liệu thành phố thông minh.
"""
    doc = _rules_only(text, "plan.txt")
    assert [t.deadline for t in doc.tasks if "Trung tâm" in t.text] == ["", ""]


def test_page_date_anchors_yearless_times_of_an_undated_text():
    # the page's date line is furniture, but a text that writes no year of its own takes its year
    text = """09:06, 23/06/2020

Họp Tiểu ban Nội dung Đại hội Thi đua yêu nước tỉnh

Theo tiến độ dự kiến, hầu hết nhiệm vụ của tiểu ban phải hoàn thành trước ngày 15-8. Riêng dự thảo báo cáo
đại hội hoàn thành trước ngày 30-7.
"""
    doc = _rules_only(text, "news.txt")
    assert [t.value for t in doc.times] == ["../2020-08-15", "../2020-07-30"]
    assert doc.meta.date == ""  # the page's date is not the document's


def test_two_year_recurrence():
    from pipeline.extraction.times import find_times

    assert [t.value for t in find_times("Báo cáo định kỳ hai (02) năm một lần; cập nhật (2 năm một lần).")] == ["R/P2Y", "R/P2Y"]


@pytest.mark.parametrize("sentence,found,items", [
    ("Thủ tướng nêu rõ ba nhiệm vụ trọng tâm cần thực hiện trong năm 2007 là phấn đấu đạt tốc độ tăng trưởng GDP 8,5%, "
     "đẩy mạnh cải cách hành chính để thúc đẩy tăng trưởng kinh tế và quyết liệt hơn nữa trong đấu tranh, phòng ngừa tham nhũng.",
     3, ["phấn đấu đạt tốc độ tăng trưởng GDP 8,5%", "đẩy mạnh cải cách hành chính để thúc đẩy tăng trưởng kinh tế",
         "quyết liệt hơn nữa trong đấu tranh, phòng ngừa tham nhũng"]),
    # the cut must make the declared count: two items for four tasks is no enumeration of them (the clauses
    # as the rules read them are the claim's items, a mismatch)
    ("Thủ tướng nêu rõ bốn nhiệm vụ trọng tâm cần thực hiện trong năm 2007 là phấn đấu đạt tốc độ tăng trưởng và "
     "đẩy mạnh cải cách hành chính.", 2, None),
])
def test_a_claims_own_sentence_enumerates_its_items(sentence, found, items):
    doc = _rules_only("Phiên họp Chính phủ thường kỳ\n\n" + sentence + "\n", "news.txt")
    assert [c.found for c in doc.claims] == [found]
    if items:
        assert [t.text for t in doc.tasks] == items
        assert {t.deadline for t in doc.tasks} == {"2007"}


def test_a_count_of_schemes_set_out_is_a_claim():
    # "đề án" counts tasks as "nhiệm vụ" does when a plan sets them out (the guide's units); not listed: unresolved
    from pipeline.extraction.claims import find_claims

    claims = find_claims("Tổng cục Hải quan sẽ trình Quốc hội, Chính phủ 11 đề án trong năm 2021.\n\nNăm 2021, Tổng cục có "
                         "11 đề án, chương trình công tác trọng tâm sẽ trình Chính phủ.")
    assert [(c.text, c.declared, c.flags) for c in claims] == [("11 đề án", 11, ("no_list_cue",)), ("có 11 đề án", 11, ("no_list_cue",))]


@pytest.mark.parametrize("last,found", [
    ("Trọng tâm chỉ đạo, điều hành thứ năm, tiếp tục củng cố quốc phòng, an ninh.\n", 5),
    ("Trọng tâm chỉ đạo, điều hành thứ tư, đẩy mạnh cải cách hành chính.\n"
     "Cuối cùng, tiếp tục củng cố quốc phòng, an ninh và đẩy mạnh công tác đối ngoại.\n", 5),
    ("Trọng tâm chỉ đạo, điều hành thứ sáu, tiếp tục củng cố quốc phòng, an ninh.\n", None),
])
def test_a_claims_items_counted_off_by_ordinals_near_paragraph_starts(last, found):
    """A news article counts a claim's items off with ordinals in its paragraphs, whatever noun it uses ("Đầu
    tiên là …", "Nhóm nhiệm vụ thứ hai, …", "Trọng tâm chỉ đạo, điều hành thứ ba của Chính phủ được đặt vào …"):
    the highest ordinal (one more for a closing "Cuối cùng") is found when it is the declared number; a series
    that goes past it resolves nothing."""
    text = (
        "Nhân dịp năm mới, Thủ tướng có bài viết đề ra 5 nhóm nhiệm vụ cho năm mới.\n"
        "Đầu tiên là tập trung phát triển kinh tế; chú trọng củng cố nền tảng vĩ mô.\n"
        "Nhóm nhiệm vụ thứ hai, phát triển văn hoá, xã hội hài hoà với phát triển kinh tế.\n"
        "Trọng tâm chỉ đạo, điều hành thứ ba của Chính phủ được đặt vào việc tăng cường quản lý tài nguyên.\n" + last
    )
    claims = _rules_only(text, "ordinals.txt").claims
    assert [(c.declared, c.found) for c in claims] == [(5, found)]


def test_a_claims_inline_list_ends_with_its_sentence_when_that_holds_its_count():
    """"… 4 nhóm nhiệm vụ: A; B; C; D. Với giáo dục mầm non, …": the sentence after the list is none of its items."""
    text = (
        "Bộ GD&ĐT vừa ban hành Chỉ thị, trong đó tập trung thực hiện 4 nhóm nhiệm vụ: Tiếp tục nâng cao hiệu lực, "
        "hiệu quả công tác quản lý; Nâng cao chất lượng hoạt động giáo dục; Phát triển đội ngũ nhà giáo; Công tác kế "
        "hoạch, tài chính và tăng cường cơ sở vật chất. Với giáo dục mầm non, phải tập trung nâng cao chất lượng.\n"
    )
    doc = _rules_only(text, "inline.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [(4, 4)]
    assert not any(t.text.startswith("Với giáo dục") for t in doc.tasks)


def test_a_claims_list_cut_short_is_counted_by_the_ordinals_that_follow():
    """"5 nhiệm vụ trọng tâm nêu trên là: A. B. Ba là C. Bốn là D. Và năm là E.": the list after the colon was cut
    into two items, the ordinals count on to five, the declared count."""
    text = (
        "Bộ trưởng cho biết 5 nhiệm vụ trọng tâm nêu trên là: Thực hiện gửi, nhận, xử lý văn bản trên hệ thống CNTT.\n"
        "Chính phủ cũng sẽ tập trung xây dựng phần mềm giải quyết đơn thư khiếu nại tố cáo.\n"
        "Ba là tập trung xây dựng sớm nhất Trung tâm dịch vụ công quốc gia.\n"
        "Bốn là xây dựng trung tâm tích hợp dữ liệu quốc gia.\n"
        "Và năm là triển khai hệ thống dữ liệu quốc gia, trước hết là dữ liệu dân cư.\n"
    )
    claims = _rules_only(text, "ordinals5.txt").claims
    assert [(c.declared, c.found) for c in claims] == [(5, 5)]


def test_a_decisions_duties_of_its_investor_are_tasks_outside_a_regulation():
    """"Điều 2. Tổ chức thực hiện ⏎ 1. Trách nhiệm của nhà đầu tư ⏎ - …": a decision approving an investment asks its
    investor to do things; in a regulation the same heading lists obligations, no tasks."""
    text = (
        "QUYẾT ĐỊNH\nChấp thuận chủ trương đầu tư dự án khu công nghiệp\n"
        "Điều 1. Chấp thuận chủ trương đầu tư dự án.\n"
        "Điều 2. Tổ chức thực hiện\n"
        "1. Trách nhiệm của nhà đầu tư\n"
        "- Tổ chức triển khai thực hiện dự án theo đúng quy định của Luật Đầu tư.\n"
        "- Báo cáo giám sát đánh giá đầu tư dự án hằng quý gửi Sở Tài chính.\n"
        "2. Trách nhiệm của các sở, ngành\n"
        "- Sở Tài chính hướng dẫn, theo dõi, đôn đốc nhà đầu tư thực hiện dự án.\n"
    )
    assert {
        "Tổ chức triển khai thực hiện dự án theo đúng quy định của Luật Đầu tư",
        "Báo cáo giám sát đánh giá đầu tư dự án hằng quý gửi Sở Tài chính",
        "Sở Tài chính hướng dẫn, theo dõi, đôn đốc nhà đầu tư thực hiện dự án",
    } <= {t.text for t in _rules_only(text, "investor.txt").tasks}


def test_a_claims_items_that_head_lists_of_their_own_are_sub_groups():
    """"3 nhiệm vụ, giải pháp lớn. Cụ thể là: ⏎ #### 1. … ⏎ - … ⏎ #### 2. …": each numbered heading counts for the
    claim and is no task (annotation guide §2: headings themselves are none); the dashes below are the tasks."""
    text = (
        "Nghị quyết đề ra 3 nhiệm vụ, giải pháp lớn. Cụ thể là:\n"
        "#### 1. Bảo đảm sự lãnh đạo toàn diện của Đảng trong công tác xây dựng pháp luật\n"
        "- Tăng cường sự lãnh đạo của cấp ủy đối với công tác xây dựng pháp luật.\n"
        "- Kiện toàn tổ chức pháp chế ở các bộ, ngành.\n"
        "#### 2. Nâng cao hiệu quả công tác hợp tác quốc tế về pháp luật\n"
        "- Mở rộng hợp tác quốc tế về pháp luật với các nước.\n"
        "#### 3. Tăng cường chuyển đổi số trong công tác xây dựng pháp luật\n"
        "- Xây dựng cơ sở dữ liệu quốc gia về pháp luật.\n"
    )
    doc = _rules_only(text, "subgroups.txt")
    assert [(c.declared, c.found) for c in doc.claims] == [(3, 3)]
    texts = [t.text for t in doc.tasks]
    assert "Kiện toàn tổ chức pháp chế ở các bộ, ngành" in texts
    assert not any(t.startswith("Bảo đảm sự lãnh đạo") or t.startswith("Nâng cao hiệu quả") for t in texts)


def test_a_sites_card_naming_the_country_is_no_header():
    """A Markdown page whose metadata card says "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam" is a web page,
    not a document that opens with the national motto; a real motto line still is one."""
    from pipeline.extraction.header import has_header

    card = "# Nghị quyết 148/NQ-CP\n\n| **Cơ quan ban hành** | Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam |\n"
    assert not has_header(card)
    assert has_header("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n")


def test_a_news_request_to_observe_generally_is_no_task():
    """Annotation guide §2: "UBND tỉnh yêu cầu các cơ quan … phải quán triệt …" is a general requirement."""
    text = (
        "UBND tỉnh ban hành Kế hoạch phổ biến pháp luật năm 2024\n"
        "UBND tỉnh yêu cầu các cơ quan, đơn vị, địa phương phải quán triệt, triển khai thực hiện đầy đủ quan điểm của Đảng; "
        "bám sát nhiệm vụ được giao trong Luật Phổ biến, giáo dục pháp luật.\n"
    )
    doc = _rules_only(text, "req.txt")
    assert not [t for t in doc.tasks if t.text.startswith(("quán triệt", "bám sát"))]


PARTY_RESOLUTION = """NGHỊ QUYẾT
HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHOÁ XI
VỀ PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ

A- TÌNH HÌNH VÀ NGUYÊN NHÂN
1- Trong quá trình thực hiện công cuộc đổi mới, khoa học và công nghệ nước ta đã đạt nhiều thành tựu.
B- ĐỊNH HƯỚNG PHÁT TRIỂN KHOA HỌC VÀ CÔNG NGHỆ ĐẾN NĂM 2020 VÀ TẦM NHÌN ĐẾN NĂM 2030
I- QUAN ĐIỂM
1- Phát triển và ứng dụng khoa học và công nghệ là quốc sách hàng đầu.
II- NHIỆM VỤ VÀ GIẢI PHÁP
1- Đổi mới cơ chế quản lý
1.1- Đổi mới mạnh mẽ phương thức đầu tư
Đổi mới cơ chế xây dựng kế hoạch và dự toán ngân sách đối với hoạt động khoa học và công nghệ.
1.2- Đổi mới hệ thống tổ chức
Sắp xếp lại hệ thống tổ chức khoa học và công nghệ.
"""


def test_a_party_resolutions_dash_markers_make_its_outline():
    """ "A- …", "I- …", "1- …", "1.1- …" (and Markdown's escaped "1\\." ) are the markers of a Party resolution's
    parts: the tasks under "II- NHIỆM VỤ VÀ GIẢI PHÁP" take the period of part B's heading."""
    from pipeline.text.segment import match_marker

    assert match_marker("A- TÌNH HÌNH VÀ NGUYÊN NHÂN")[1] == "upper"
    assert match_marker("III- NHIỆM VỤ VÀ GIẢI PHÁP")[1] == "roman"
    assert match_marker("2.1- Đổi mới mạnh mẽ cơ chế quản lý")[1] == "arabic2"
    assert match_marker("**1\\. Đến năm 2030**")[1] == "arabic"
    assert match_marker("**2.6- **Thực hành dân chủ")[1] == "arabic2"
    doc = _rules_only(PARTY_RESOLUTION, "nq.txt")
    got = {t.text: t.deadline for t in doc.tasks}
    assert got.get("Đổi mới cơ chế xây dựng kế hoạch và dự toán ngân sách đối với hoạt động khoa học và công nghệ") == "../2020"
    assert got.get("Sắp xếp lại hệ thống tổ chức khoa học và công nghệ") == "../2020"


CONGRESS = """Đại hội đại biểu toàn quốc lần thứ XIII họp từ ngày 25/01/2021 đến ngày 01/02/2021, tại Thủ đô Hà Nội, sau khi thảo luận các văn kiện do Ban Chấp hành Trung ương Đảng khoá XII trình,
QUYẾT NGHỊ
I- Tán thành những nội dung cơ bản về đánh giá kết quả thực hiện Cương lĩnh xây dựng đất nước năm 1991 (bổ sung, phát triển năm 2011),
1. Kết quả thực hiện Nghị quyết Đại hội XII
Trong nhiệm kỳ, toàn Đảng đã nỗ lực. Đặc biệt, trong năm 2020, đại dịch COVID-19 gây ra nhiều thiệt hại về kinh tế - xã hội.
2. Định hướng phát triển và nhiệm vụ trọng tâm
Định hướng phát triển đất nước giai đoạn 2021 - 2030:
(1) Tiếp tục đổi mới mạnh mẽ tư duy, hoàn thiện đồng bộ thể chế phát triển.
(2) Tạo đột phá trong đổi mới căn bản, toàn diện giáo dục và đào tạo.
Nhiệm vụ trọng tâm trong nhiệm kỳ:
(1) Tiếp tục đẩy mạnh xây dựng, chỉnh đốn Đảng.
(2) Tập trung kiểm soát đại dịch COVID-19.
"""


def test_a_title_like_intro_groups_its_list_and_a_recounted_year_is_no_scope():
    """A short paragraph ending with a colon ("Định hướng phát triển đất nước giai đoạn 2021 - 2030:") heads the
    numbered list after it, which ends where the numbers start again, and its period is the list's; neither
    "năm 1991" in a heading that recounts results nor "trong năm 2020" under "Kết quả thực hiện …" is a period."""
    doc = _rules_only(CONGRESS, "dh.txt")
    got = {t.text: (t.group, t.deadline) for t in doc.tasks}
    assert got["Tiếp tục đổi mới mạnh mẽ tư duy, hoàn thiện đồng bộ thể chế phát triển"] == (
        "Định hướng phát triển đất nước giai đoạn 2021 - 2030",
        "2021/2030",
    )
    assert got["Tiếp tục đẩy mạnh xây dựng, chỉnh đốn Đảng"] == ("Nhiệm vụ trọng tâm trong nhiệm kỳ", "")


def test_a_claim_closing_a_short_line_over_a_list_introduces_it():
    """ "2.1. Các chỉ tiêu kinh tế: 3 chỉ tiêu" ⏎ "(1) …": the line break before the list stands for the colon;
    a count in running text that ends a long line is still no claim."""
    text = (
        "2. Chỉ tiêu chủ yếu\n2.1. Các chỉ tiêu kinh tế: 3 chỉ tiêu\n(1) Tổng sản phẩm trên địa bàn đạt trên 155.000 tỷ"
        " đồng.\n(2) Tốc độ tăng trưởng kinh tế (GRDP) đạt trên 10%.\n(3) GRDP bình quân đầu người 93 triệu đồng.\n"
    )
    doc = _rules_only(text, "ct.txt")
    assert [(c.text, c.declared, c.found) for c in doc.claims] == [("3 chỉ tiêu", 3, 3)]
    prose = "Năm qua, các phòng, ban của huyện tổ chức nhiều hội nghị, lớp tập huấn và đoàn kiểm tra; " * 2 + "đã hoàn thành 3 nhiệm vụ\n- Một dòng khác.\n"
    assert not _rules_only(prose, "p.txt").claims


def test_a_plans_stated_purpose_is_no_task_the_classifier_adds():
    """ "Mục đích của kế hoạch là đẩy mạnh …; nâng cao nhận thức …" in a news report states the plan's aims: the
    classifier adds none of its clauses, while the sentence that gives an agency work stays a task."""
    from pipeline.api import process_text

    text = (
        "Ngày 17/11, Bộ Văn hóa, Thể thao và Du lịch ban hành Quyết định số 2972/QĐ-BVHTTDL về kế hoạch tuyên truyền.\n\n"
        "Theo đó, Bộ giao Vụ Pháp chế chủ trì, phối hợp với các cơ quan, đơn vị có liên quan tổ chức thực hiện việc "
        "tuyên truyền, phổ biến các quy định của pháp luật trên truyền hình.\n\n"
        "Mục đích của kế hoạch là đẩy mạnh thông tin, tuyên truyền chủ trương, đường lối của Đảng; nâng cao nhận thức, "
        "trách nhiệm của các cấp, các ngành; tăng cường hiệu quả quản lý nhà nước trong lĩnh vực văn hóa, gia đình.\n"
    )
    texts = [t.text for t in process_text(text, doc_id="md.txt").tasks]
    assert not any(t.startswith(("nâng cao nhận thức", "tăng cường hiệu quả", "đẩy mạnh thông tin")) for t in texts), texts


def test_a_headerless_texts_one_completion_year_is_no_scope():
    """News: "Trước mắt, thí điểm đầu tư hoàn thành xây mới 100 trường trong năm 2025" dates that one piece of work;
    the other tasks take no scope from it. "… thời gian hoàn thành tập trung chủ yếu trong năm 2025" (when the plan as
    a whole ends) still is the scope."""
    one = (
        "Ngày 18/7/2025, Bộ Chính trị có Thông báo kết luận về đầu tư xây dựng trường học cho các xã biên giới.\n"
        + "Bộ Chính trị cơ bản thống nhất với Tờ trình của Đảng uỷ Chính phủ về chủ trương đầu tư, nhấn mạnh ý nghĩa "
        "chính trị, xã hội và nhân văn sâu sắc của việc bảo đảm điều kiện học tập cho con em đồng bào vùng biên giới. " * 8
        + "\nTrước mắt, thí điểm đầu tư hoàn thành xây mới hoặc cải tạo 100 trường trong năm 2025.\n"
        "Bộ Chính trị yêu cầu:\n- Đảng uỷ Chính phủ lãnh đạo, chỉ đạo bố trí nguồn lực đầu tư.\n"
        "- Giao Bộ Giáo dục và Đào tạo chủ trì xây dựng đề án tổng thể.\n"
    )
    got = {t.text: t.deadline for t in _rules_only(one, "tb.txt").tasks}
    assert "Giao Bộ Giáo dục và Đào tạo chủ trì xây dựng đề án tổng thể" in got, got
    assert not got["Giao Bộ Giáo dục và Đào tạo chủ trì xây dựng đề án tổng thể"], got
    whole = one.replace(
        "Trước mắt, thí điểm đầu tư hoàn thành xây mới hoặc cải tạo 100 trường trong năm 2025.",
        "Mốc dự kiến thời gian hoàn thành tập trung chủ yếu trong năm 2025.",
    )
    got = {t.text: t.deadline for t in _rules_only(whole, "tb2.txt").tasks}
    assert got.get("Giao Bộ Giáo dục và Đào tạo chủ trì xây dựng đề án tổng thể") == "2025", got
