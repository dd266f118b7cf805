"""Document scope families of header-less texts (issue 11): a council's term of office, a lead's
horizon "từ nay đến …", a period in an aside in brackets, a plan word in any case, a preamble line
that is no title, a title's period after the work it names or after its results, an item's closing
sentence. Written from
the annotation guide."""

from __future__ import annotations

import pytest

from pipeline.api import process_text
from pipeline.learn.classifier import use_classifier

CASES = {
    "term of office is no scope": (
        "NGHỊ QUYẾT\nVỀ CHẤT VẤN TẠI KỲ HỌP THỨ NĂM HỘI ĐỒNG NHÂN DÂN TỈNH KHÓA VI, NHIỆM KỲ 2016-2021\n"
        "Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh chỉ đạo thực hiện các nội dung sau:\n"
        "1. Tăng cường kiểm tra, xử lý vi phạm trong lĩnh vực đất đai.\n2. Rà soát, sắp xếp lại các cơ sở giáo dục trên địa bàn.\n",
        "",
    ),
    "lead horizon is the scope, an aside is not": (
        "KẾT LUẬN CỦA BỘ CHÍNH TRỊ về một số nhiệm vụ trọng tâm cần tập trung thực hiện từ nay đến ngày 30/6/2025\n"
        "Sau khi nghe Báo cáo về tình hình, tiến độ triển khai thực hiện Nghị quyết (từ ngày 04/5 đến ngày 14/5/2025) "
        "do Ban Tổ chức trình, Bộ Chính trị kết luận như sau:\n"
        "1. Các cấp ủy tập trung hoàn thiện phương án sắp xếp tổ chức bộ máy.\n"
        "2. Đảng ủy Chính phủ chỉ đạo rà soát các văn bản quy phạm pháp luật.\n",
        "../2025-06-30",
    ),
    "plan word in any case": (
        "Tăng cường công tác quốc phòng địa phương\n"
        "Để thực hiện tốt CÁC NHIỆM VỤ quốc phòng địa phương năm 2010, Ủy ban nhân dân thành phố "
        "yêu cầu các sở, ngành thực hiện tốt các nội dung sau:\n"
        "1. Tổ chức quán triệt nghị quyết của Đảng về quốc phòng.\n2. Rà soát, bổ sung kế hoạch phòng thủ.\n",
        "2010",
    ),
    "preamble line is no title": (
        "Căn cứ Luật Địa chất và khoáng sản số 54/2024/QH15 ngày 29/11/2024, có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025;\n"
        "Sở Nông nghiệp và Môi trường yêu cầu các tổ chức, cá nhân hoạt động khoáng sản thực hiện các nội dung sau:\n"
        "1. Tổ chức rà soát toàn bộ hồ sơ pháp lý của dự án.\n2. Thực hiện đối chiếu thông tin, số liệu giữa các giấy phép.\n",
        "",
    ),
    "title period after the work it names": (
        "UBND huyện họp đánh giá tình hình kinh tế - xã hội Quý I và phương hướng, nhiệm vụ Quý II/2022\n"
        "Chủ tịch UBND huyện yêu cầu các cơ quan, đơn vị: (1) Tăng cường công tác kiểm tra, phòng chống dịch bệnh; "
        "(2) Tập trung chỉ đạo rà soát, triển khai các nhiệm vụ về thu ngân sách.\n",
        "2022-Q2",
    ),
    "a lead's year-less half, anchored by the first date": (
        "Đà Nẵng tập trung phòng, chống dịch bệnh\n"
        "UBND thành phố vừa ban hành kế hoạch triển khai Nghị quyết số 105/NQ-CP ngày 14-7-2020 của Chính phủ về "
        "triển khai nhiệm vụ công tác 6 tháng cuối năm. Theo đó, UBND thành phố yêu cầu các sở, ngành:\n"
        "- Tập trung thực hiện quyết liệt các giải pháp phòng, chống dịch.\n- Đẩy mạnh giải ngân vốn đầu tư công.\n",
        "2020-H2",
    ),
    "a year said within in an aside of the body is the object's, no scope": (
        "QUYẾT ĐỊNH\nChấp thuận chủ trương đầu tư dự án hạ tầng khu công nghiệp\n"
        "Điều 1. Chấp thuận chủ trương đầu tư với các nội dung sau:\n"
        "8. Tiến độ thực hiện dự án: Hoàn thành trong quý IV năm 2027 (trong năm 2027 sẽ hoàn thành đầu tư "
        "xây dựng phần hạ tầng).\n"
        "Điều 2. Tổ chức thực hiện\n"
        "1. Sở Công thương có trách nhiệm giám sát thực hiện dự án.\n"
        "2. Các sở, ban, ngành hướng dẫn, theo dõi, đôn đốc nhà đầu tư thực hiện dự án.\n",
        "",
    ),
    "item closing sentence in bold": (
        "Bộ Văn hóa, Thể thao và Du lịch yêu cầu:\n**1. Vụ Pháp chế**\n"
        "- Phối hợp với Bộ Tài chính đưa nội dung thực thi Phương án vào Luật sửa đổi. "
        "Đảm bảo **hoàn thành thực thi trong năm 2026.**\n",
        "2026",
    ),
    "a programme's horizon in the lead": (
        "Theo Dự thảo, Chương trình khuyến công quốc gia đến năm 2020 gồm 8 tiểu chương trình: Đào tạo nghề, truyền nghề; "
        "nâng cao năng lực quản lý; phát triển sản phẩm công nghiệp nông thôn; hợp tác quốc tế; phát triển hoạt động tư vấn; "
        "hỗ trợ liên doanh, liên kết; hỗ trợ xây dựng mô hình trình diễn kỹ thuật; nâng cao hiệu quả quản lý.\n",
        "../2020",
    ),
    "a horizon from now whose time starts after 'từ nay'": (
        "Theo đó, đề án được triển khai tại các cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh từ nay đến hết năm 2030. "
        "Để đạt mục tiêu, đề án đề ra các nhiệm vụ sau:\n1. Xây dựng, biên soạn chương trình và tài liệu đào tạo.\n"
        "2. Đẩy mạnh tuyên truyền nâng cao nhận thức của thanh niên.\n",
        "../2030",
    ),
    "a lead's plan year outranks a reviewed year said within": (
        "Huyện uỷ Bắc Sơn tổng kết công tác năm 2019\n\n"
        "Hôm nay, Huyện uỷ Bắc Sơn tổ chức hội nghị tổng kết công tác lãnh đạo, chỉ đạo năm 2019, triển khai nhiệm vụ công tác năm 2020.\n\n"
        "Trong năm 2019, cấp uỷ đảng, chính quyền các cấp đã nỗ lực, tập trung chỉ đạo.\n\nHội nghị đề ra các nhiệm vụ trọng tâm sau:\n"
        "1. Tiếp tục nâng cao năng lực lãnh đạo và sức chiến đấu của toàn Đảng bộ.\n2. Tập trung thúc đẩy tăng trưởng kinh tế.\n",
        "2020",
    ),
    "a lead that reviews a year sets the next one's work": (
        "Hòa Thành: Kỳ họp thứ 11 Hội đồng nhân dân huyện khóa X\n"
        "Kỳ họp đã thông qua các nghị quyết về đánh giá tình hình thực hiện kế hoạch phát triển kinh tế, xã hội năm 2014 "
        "và phương hướng, nhiệm vụ năm 2015. Theo đó, huyện đề ra các nhiệm vụ trọng tâm sau:\n"
        "1. Tăng cường quốc phòng an ninh, giữ vững ổn định chính trị.\n2. Thực hiện tốt chính sách an sinh xã hội.\n",
        "2015",
    ),
    "a title that closes a year's review names the next one's tasks": (
        "Kết luận Phiên họp tổng kết hoạt động Ủy ban Quốc gia về chuyển đổi số năm 2024, phương hướng, nhiệm vụ trọng tâm năm 2025\n"
        "Trên cơ sở đánh giá những kết quả đạt được, Thủ tướng Chính phủ thống nhất một số nội dung. Trong đó tập trung vào các nhiệm vụ sau:\n"
        "1. Đẩy mạnh tuyên truyền nâng cao nhận thức xã hội về chuyển đổi số.\n"
        "2. Hoàn thành xây dựng các cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành.\n",
        "2025",
    ),
    "a lead that reviews results of the work of a year looks back": (
        "Tại phiên họp, Chủ tịch UBND tỉnh yêu cầu các sở bám sát Nghị quyết số 68/NQ-HĐND ngày 11/12/2019 về kết quả thực hiện "
        "nhiệm vụ phát triển kinh tế - xã hội năm 2019 và mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2020, "
        "tập trung thực hiện các nhiệm vụ trọng tâm sau:\n"
        "1. Đẩy mạnh cải cách hành chính, tăng cường ứng dụng công nghệ thông tin.\n2. Đẩy nhanh tiến độ các dự án đầu tư.\n",
        "2020",
    ),
    "a plan's half-year on the title line below its type": (
        "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 12/KH-UBND\nNam Định, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Bảo đảm trật tự an toàn giao thông 6 tháng cuối năm 2026\nI. NHIỆM VỤ\n"
        "1. Tăng cường công tác tuyên truyền về an toàn giao thông.\n2. Rà soát, sửa chữa hệ thống biển báo trên các tuyến đường.\n",
        "2026-H2",
    ),
    "a plan's title that reviews a half-year sets no scope from it": (
        "ỦY BAN NHÂN DÂN\nTỈNH NAM ĐỊNH\nSố: 12/KH-UBND\nNam Định, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Sơ kết công tác bảo đảm trật tự an toàn giao thông 6 tháng đầu năm 2026\nI. NHIỆM VỤ\n"
        "1. Tăng cường công tác tuyên truyền về an toàn giao thông.\n2. Rà soát, sửa chữa hệ thống biển báo trên các tuyến đường.\n",
        "",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_every_task_takes_the_scope(name):
    text, deadline = CASES[name]
    with use_classifier(None):
        tasks = process_text(text).tasks
    assert tasks and all(t.deadline == deadline for t in tasks), [t.deadline for t in tasks]


def test_a_title_naming_a_periods_results_looks_back_on_it():
    from pipeline.extraction.looking_back import looks_back as _looks_back
    from pipeline.extraction.times import find_times

    back = "NGHỊ QUYẾT\nVỀ KẾT QUẢ GIÁM SÁT TÌNH HÌNH SỬ DỤNG ĐẤT CỦA CÁC DỰ ÁN ĐẦU TƯ GIAI ĐOẠN 2011 - 2016\n"
    ahead = "BÁO CÁO\nKết quả tháng 02 và triển khai phương hướng, nhiệm vụ năm 2022\n"
    assert _looks_back(back, find_times(back)[0])
    assert not _looks_back(ahead, find_times(ahead)[-1])


SECTIONED_PLAN = """KẾ HOẠCH
TRIỂN KHAI THỰC HIỆN ĐỀ ÁN TỪ NAY ĐẾN NĂM 2020
A. MỤC ĐÍCH, YÊU CẦU
Bảo đảm sự lãnh đạo thống nhất của các cấp.
B. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP
I. CÔNG TÁC QUÁN TRIỆT
1. Nội dung, biện pháp
a) Tổ chức hội nghị quán triệt và triển khai thực hiện Đề án.
b) Xây dựng kế hoạch triển khai của từng cơ quan.
2. Cơ quan chủ trì, phối hợp
- Ban Chỉ đạo quốc gia.
3. Thời gian thực hiện: Tháng 12/2013 và thường xuyên.
II. THÔNG TIN, TUYÊN TRUYỀN
1. Nội dung, biện pháp
a) Đẩy mạnh tuyên truyền trên các phương tiện thông tin đại chúng.
2. Cơ quan chủ trì
- Bộ Thông tin và Truyền thông.
3. Thời gian thực hiện: Từ tháng 11/2013 trở đi.
C. TỔ CHỨC THỰC HIỆN
1. Bộ Quốc phòng
Chủ trì hướng dẫn các đơn vị triển khai thực hiện Kế hoạch.
"""


def test_a_sections_time_label_is_its_tasks_deadline():
    """ "3. Thời gian thực hiện: …" among a section's parts dates the section's tasks; "C." after "IX."
    is the next part after "B.", not a child of the last roman section (a plan whose romans open under
    "B."), so its tasks take the document's scope, not that section's time."""
    with use_classifier(None):
        tasks = process_text(SECTIONED_PLAN).tasks
    got = {t.text[:20]: t.deadline for t in tasks}
    assert got["Tổ chức hội nghị quá"] == "2013-12" and got["Xây dựng kế hoạch tr"] == "2013-12"
    assert got["Đẩy mạnh tuyên truyề"] == "2013-11/.."
    assert got["Chủ trì hướng dẫn cá"] == "../2020"


def test_letters_rank_above_romans_that_open_under_them():
    from pipeline.text.segment import segment

    o = segment(SECTIONED_PLAN)
    heads = {b.text.split(".")[0]: k for k, b in enumerate(o.blocks) if b.kind == "heading"}
    assert o.parents[heads["I"]] == heads["B"] and o.parents[heads["II"]] == heads["B"]
    assert o.parents[heads["C"]] == o.parents[heads["B"]]


# Texts whose tasks take a time that stands near them, with the deadline of each task (by its first
# 18 characters): a sentence that opens with a time dates its tasks ("Cũng trong tháng 11 năm 2010, …");
# a step whose paragraphs end with a labelled time ("Thời gian hoàn tất: trước ngày 25 tháng 7 năm
# 2014.") dates them, each step its own, not the plan's year.
DATED = {
    "a sentence's opening time": (
        "KẾ HOẠCH\nCông tác năm 2010 của UBND thị xã\nII. NHIỆM VỤ TRỌNG TÂM\n"
        "1. Cũng trong tháng 11 năm 2010, các phòng, ban tập trung thực hiện tốt công tác quy hoạch; tăng cường công tác "
        "quản lý đô thị; hoàn thành việc san nền dự án trước ngày 30/11/2010.\n"
        "2. Đẩy mạnh công tác thu ngân sách.\n",
        {"tăng cường công tá": "2010-11", "hoàn thành việc sa": "../2010-11-30", "Đẩy mạnh công tác ": "2010"},
    ),
    "a step's closing time label": (
        "KẾ HOẠCH\nTriển khai hỗ trợ nhà ở năm 2014\nII. CÁC BƯỚC THỰC HIỆN\n1. Bước 1: Hướng dẫn và tiếp nhận hồ sơ.\n"
        "Ủy ban nhân dân xã tổ chức phổ biến chính sách đến các đối tượng; tập hợp đơn gửi Ủy ban nhân dân huyện.\n"
        "Thời gian hoàn tất: trước ngày 27 tháng 6 năm 2014.\n2. Bước 2: Kiểm tra hiện trạng nhà ở.\n"
        "Ban Chỉ đạo tổ chức kiểm tra hiện trạng nhà ở của từng đối tượng.\nThời gian hoàn tất: trước ngày 25 tháng 7 năm 2014.\n",
        {"Ủy ban nhân dân xã": "../2014-06-27", "Ban Chỉ đạo tổ chứ": "../2014-07-25"},
    ),
}


@pytest.mark.parametrize("name", list(DATED))
def test_a_nearby_time_dates_its_tasks(name):
    text, expected = DATED[name]
    got = {t.text[:18]: t.deadline for t in process_text(text, model=None).tasks}
    assert {k: got.get(k) for k in expected} == expected, got


def test_the_year_a_lead_describes_is_its_scope():
    """ "Năm 2022 là năm …, tạo nền tảng thực hiện … Kế hoạch 5 năm 2021-2025": the year the text plans for,
    not the longer plan's period named after it."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times

    for lead, year in [
        ("Trả lời\nNăm 2022 là năm có ý nghĩa quan trọng, tạo nền tảng thực hiện các mục tiêu của Kế hoạch 5 năm 2021-2025.", "2022"),
        ("Năm 2025 mang ý nghĩa đặc biệt quan trọng, là năm tăng tốc để hoàn thành Kế hoạch 5 năm 2021 – 2025.", "2025"),
    ]:
        scope = lead_scope(lead, find_times(lead), len(lead))
        assert scope is not None and scope.value == year, lead


def test_a_tasks_labelled_time_field_is_its_deadline():
    text = (
        "KẾ HOẠCH\nThực hiện công tác tư pháp giai đoạn 2026 - 2030\nII. NHIỆM VỤ\n"
        "- Cập nhật, khai thác, sử dụng hiệu quả Cổng pháp luật quốc gia.\n\n"
        "*Đơn vị chủ trì thực hiện:* Sở Tư pháp.\n\n*Thời gian thực hiện*: Thường xuyên.\n\n"
        "- Tổ chức hội nghị trao đổi nghiệp vụ về xây dựng pháp luật.\n\n"
        "*Đơn vị chủ trì thực hiện:* Sở Tư pháp.\n\n*Thời gian thực hiện*: Hằng năm.\n\n"
        "- Rà soát các văn bản quy phạm pháp luật của tỉnh.\n"
    )
    got = [(t.deadline, t.deadline_source) for t in process_text(text, model=None).tasks]
    assert got == [("continuous", "column"), ("R/P1Y", "column"), ("2026/2030", "document")], got


def test_an_inventorys_reference_moment_is_no_scope():
    text = (
        "QUYẾT ĐỊNH\nBan hành Kế hoạch Tổng kiểm kê tài sản công tại cơ quan, tổ chức, đơn vị thời điểm 0h00 "
        "ngày 01 tháng 01 năm 2026\nI. NHIỆM VỤ\n1. Các sở, ngành rà soát danh mục tài sản công đang quản lý.\n"
        "2. Sở Tài chính hướng dẫn các đơn vị lập báo cáo kiểm kê.\n"
    )
    assert [t.deadline for t in process_text(text, model=None).tasks] == ["", ""]


def test_a_dated_goal_inside_a_learned_task_is_that_tasks_own():
    """A "hoàn thành chậm nhất ngày …" date under a heading is the plan's dated goal only before every
    task: when the classifier reads the clause that holds it as a task (a "*1.1.* Đối với …" item that
    the rules miss), it is that task's own deadline, not a scope for the tasks that follow."""
    from pipeline.extraction.scope import document_scope
    from pipeline.text.segment import segment
    from pipeline.extraction.times import find_times

    text = (
        "CÔNG VĂN\nVề việc triển khai các nhiệm vụ\nKính gửi: Các Bộ, cơ quan ngang Bộ\n"
        "**1. Về phân cấp, phân quyền**\n"
        "Đối với 355 nhiệm vụ cần ban hành văn bản, các Bộ khẩn trương rà soát, ban hành văn bản hướng dẫn. "
        "Thời hạn hoàn thành chậm nhất ngày 25/12/2025.\n"
        "**2. Về tháo gỡ khó khăn**\n"
        "Các Bộ tiếp tục phối hợp với Bộ Tư pháp rà soát hệ thống văn bản quy phạm pháp luật.\n"
    )
    outline = segment(text)
    times = find_times(text)
    first_task = text.index("Các Bộ tiếp tục")
    clause = text.index("Đối với 355")
    scope_end = text.index("Kính gửi")
    goal = document_scope(text, outline, times, scope_end, first_task, False)
    assert goal is not None and goal.value == "../2025-12-25"  # before every task the rules found
    assert document_scope(text, outline, times, scope_end, first_task, False, first_clause=clause) is None


def test_a_review_meeting_plans_the_second_half():
    """A lead that looks back on the first half of a year and sets the tasks of the second ("… đánh giá
    những kết quả đã đạt được trong 6 tháng đầu năm và mục tiêu, nhiệm vụ 6 tháng cuối năm 2023"): the
    second half is the scope of the tasks it reports; a lead that names only the first half keeps it."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times

    for lead, value in [
        ("Hội nghị báo cáo tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023… Hội nghị thảo luận, đánh giá những kết quả "
         "đã đạt được trong 6 tháng đầu năm và mục tiêu, nhiệm vụ 6 tháng cuối năm 2023. Trong đó thường xuyên đôn đốc.", "2023-H2"),
        ("UBND huyện ban hành Kế hoạch thực hiện nhiệm vụ 6 tháng đầu năm 2023, trong đó tập trung rà soát.", "2023-H1"),
    ]:
        scope = lead_scope(lead, find_times(lead), len(lead))
        assert scope is not None and scope.value == value, lead


def test_a_quarter_after_a_plan_word_is_the_leads_scope():
    """ "… đánh giá kết quả … quý I, triển khai nhiệm vụ quý II năm 2024": the quarter ahead is the scope; a
    quarter the lead looks back on ("đã hoàn thành nhiệm vụ công tác của quý I/2014") is none."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times

    ahead = ("Chiều 11/4, Đảng ủy Khối tổ chức Hội nghị để đánh giá kết quả thực hiện Nghị quyết trong quý I, triển khai "
             "nhiệm vụ quý II năm 2024. Hội nghị yêu cầu tăng cường kiểm tra.")
    scope = lead_scope(ahead, find_times(ahead), len(ahead))
    assert scope is not None and scope.value == "2024-Q2"
    back = "Các bộ, ngành đã hoàn thành nhiệm vụ công tác của quý I/2014, tiếp tục tập trung thực hiện."
    assert lead_scope(back, find_times(back), len(back)) is None


def test_a_lower_cased_title_that_looks_back_gives_no_lead_scope():
    """A body-only text whose title was lower-cased ("nghị quyết về kết quả giám sát … giai đoạn 2010 - 2016"):
    its period is what the monitoring looked back on, as in a headed title, not the scope of its tasks."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times

    lead = ("nghị quyết về kết quả giám sát việc thực hiện chính sách, pháp luật đối với đội ngũ nhà giáo, "
            "giai đoạn 2010-2016\nHỘI ĐỒNG NHÂN DÂN TỈNH\nĐiều 2. Giao Ủy ban nhân dân tỉnh chỉ đạo thực hiện.")
    assert lead_scope(lead, find_times(lead), len(lead)) is None


def test_a_lead_whose_tasks_come_first_takes_its_year_within():
    """A header-less text that opens with its tasks, before any plan word ("Bế mạc kỳ họp, … yêu cầu UBND
    tỉnh … tập trung triển khai …. Rà soát các chỉ tiêu, nhiệm vụ trong năm 2023 để …"): the year its lead
    says the work is done within is the scope; a year without "trong" is not."""
    from pipeline.extraction.scope import document_scope
    from pipeline.extraction.times import find_times
    from pipeline.text.segment import segment

    for lead, value in [
        ("Bế mạc kỳ họp, Chủ tịch HĐND tỉnh yêu cầu UBND tỉnh tập trung triển khai các nghị quyết. Rà soát các chỉ "
         "tiêu, nhiệm vụ trong năm 2023 để triển khai các giải pháp.", "2023"),
        ("Bế mạc kỳ họp, Chủ tịch HĐND tỉnh yêu cầu UBND tỉnh tập trung triển khai các nghị quyết đã ban hành năm 2023.", None),
        ("Thủ tướng yêu cầu các bộ tập trung xử lý nghiêm. Riêng trong năm 2023 và quý 1 năm 2024, lực lượng công an "
         "đã kiểm tra, xử lý trên 7.600 cán bộ vi phạm.", None),
    ]:
        scope = document_scope(lead, segment(lead), find_times(lead), 0, lead.index("tập trung"), True)
        assert (scope.value if scope else None) == value, lead


def test_a_review_of_last_years_work_is_no_scope_and_next_years_tasks_are():
    text = ("Hội nghị tổng kết công tác năm 2011 của Văn phòng Chính phủ\n\n"
            "Văn phòng Chính phủ tổ chức Hội nghị tổng kết công tác năm 2011 và triển khai nhiệm vụ năm 2012.\n\n"
            "Thủ tướng yêu cầu Văn phòng Chính phủ thực hiện các nhiệm vụ sau:\n\n"
            "- Nâng cao chất lượng xây dựng các đề án trình Trung ương.\n\n"
            "- Đổi mới công tác tham mưu tổng hợp.\n")
    with use_classifier(None):
        doc = process_text(text)
    assert doc.tasks and {t.deadline for t in doc.tasks} == {"2012"}


def test_a_time_field_among_the_items_dash_fields_dates_it():
    """"1.4. Xây dựng kế hoạch …⏎- Cơ quan thực hiện: …⏎- Thời gian thực hiện: Thực hiện thường xuyên hằng năm.": the
    time field below the task's other fields is the task's deadline."""
    text = (
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường công tác tuyên truyền\n"
        "1.1. Xây dựng kế hoạch và triển khai có hiệu quả công tác tuyên truyền pháp luật về lao động.\n"
        "- Cơ quan thực hiện: Ủy ban nhân dân các huyện, thành phố.\n- Thời gian thực hiện: Hằng năm.\n"
        "1.2. Rà soát, kiến nghị sửa đổi các thủ tục giải quyết tranh chấp lao động.\n"
        "- Cơ quan thực hiện: Sở Lao động - Thương binh và Xã hội.\n- Thời gian thực hiện: Quý II/2020.\n"
    )
    with use_classifier(None):
        tasks = process_text(text).tasks
    assert [(t.text[:12], t.deadline) for t in tasks][:2] == [("Xây dựng kế ", "R/P1Y"), ("Rà soát, kiế", "2020-Q2")]



def test_a_time_field_after_the_items_dash_details_dates_it():
    """"2.2. Tổ chức Hội nghị …⏎- Việc tổ chức hội nghị phải bảo đảm …⏎- Thời gian hoàn thành: Quý I/2026;": the
    item's closing time field dates it past the dash details between them."""
    text = (
        "II. NHIỆM VỤ CỤ THỂ\n2. Công tác hiệp thương\n"
        "2.1. Tổ chức Hội nghị tiếp xúc cử tri để người ứng cử thực hiện công tác vận động bầu cử.\n"
        "- Việc tổ chức hội nghị tiếp xúc cử tri phải bảo đảm đúng thành phần, thời gian, địa điểm.\n"
        "- Phối hợp với Ủy ban nhân dân xã để tổ chức hội nghị hiệu quả, an toàn, tiết kiệm.\n"
        "- Thời gian hoàn thành: Quý I/2026;\n"
        "2.2. Theo dõi, tổng hợp số liệu, báo cáo tình hình trên địa bàn xã.\n"
        "- Thời gian hoàn thành: Quý IV/2025;\n"
    )
    with use_classifier(None):
        tasks = process_text(text).tasks
    by_start = {t.text[:8]: t.deadline for t in tasks}
    assert by_start["Tổ chức "] == "2026-Q1" and by_start["Theo dõi"] == "2025-Q4"


def test_a_horizon_year_is_not_the_year_an_undated_text_is_written_in():
    """A news text without a date whose first "năm YYYY" is a horizon ("tầm nhìn đến năm 2025"): a year-less
    date ("chiều 26/11") is not read in that year."""
    doc = process_text(
        "Đề án xây dựng đô thị thông minh giai đoạn 2017-2020, tầm nhìn đến năm 2025, sẽ được công bố chiều 26/11."
    )
    assert "2025-11-26" not in {t.value for t in doc.times}
    assert "../2025" in {t.value for t in doc.times}


def test_an_undated_text_is_no_older_than_the_year_after_one_it_compares_with():
    """"… tăng 2,8 lần so với cùng kỳ năm 2018": a text without a date that compares with a year's same period is
    written the year after, and its year-less dates are read in it."""
    doc = process_text(
        "Từ đầu năm đến ngày 29/7, toàn tỉnh ghi nhận hơn 8.100 ca mắc sốt xuất huyết, tăng 2,8 lần so với cùng kỳ "
        "năm 2018. Ngày 30/7, ngành Y tế tổ chức ra quân diệt lăng quăng."
    )
    assert "2019-07-30" in {t.value for t in doc.times}


def test_a_year_said_within_far_below_a_headed_texts_title_is_no_scope():
    """"… trong năm 2013 làm căn cứ …" deep in a letter's body conditions a rule: no scope of the whole text; the
    same words just below the title are its scope."""
    from pipeline.extraction.scope import document_scope
    from pipeline.extraction.times import find_times
    from pipeline.text.segment import segment

    title = "CÔNG VĂN\nV/v triển khai thực hiện Luật thuế giá trị gia tăng\n"
    body = "Căn cứ quy định trên, Bộ Tài chính hướng dẫn doanh thu chịu thuế trong năm 2013 làm căn cứ xác định.\n"
    tasks = "Đề nghị Cục Thuế tổ chức triển khai thực hiện.\n"
    for filler, value in [("", "2013"), ("Nội dung hướng dẫn chi tiết như sau. " * 60 + "\n", None)]:
        text = title + filler + body + tasks
        scope = document_scope(text, segment(text), find_times(text), len(title), text.index("Đề nghị"), False)
        assert (scope.value if scope else None) == value


@pytest.mark.parametrize("sentence,value", [
    ("Theo Thủ tướng, PVN đã hoàn thành các chỉ tiêu trong năm 2017.", None),
    ("Chủ tịch ghi nhận những cố gắng của cán bộ, hội viên trong năm 2019.", None),
    ("Các Hiệp định mà Việt Nam đã ký kết đều cắt giảm thuế mạnh trong năm 2021.", "2021"),
])
def test_a_year_said_within_a_clause_of_results_is_no_scope(sentence, value):
    from pipeline.extraction.scope import document_scope
    from pipeline.extraction.times import find_times
    from pipeline.text.segment import segment

    text = sentence + " Thủ tướng yêu cầu tập đoàn tiếp tục đổi mới quản trị.\n"
    scope = document_scope(text, segment(text), find_times(text), 0, text.index("tiếp tục"), True)
    assert (scope.value if scope else None) == value


def test_a_markdown_headers_bold_title_is_its_scope():
    """A resolution saved as Markdown: its type line and title are bold, with no motto above; the title's year is
    the scope, not a goal's period further down."""
    text = (
        "**NGHỊ QUYẾT**\n\n**Về Kế hoạch phát triển kinh tế - xã hội năm 2025**\n\n**QUỐC HỘI**\n\n"
        "*Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;*\n\n**QUYẾT NGHỊ:**\n\n"
        "**Điều 1. Mục tiêu**\n\nTạo nền tảng vững chắc để tăng trưởng hai con số trong giai đoạn 2026 - 2030.\n\n"
        "**Điều 2. Nhiệm vụ và giải pháp chủ yếu**\n\n"
        "1. Đẩy mạnh hoàn thiện thể chế, pháp luật về đầu tư.\n\n2. Tăng cường hội nhập quốc tế trong lĩnh vực dịch vụ.\n"
    )
    with use_classifier(None):
        doc = process_text(text, doc_id="md.txt")
    assert [t.deadline for t in doc.tasks] == ["2025", "2025"]


def test_a_budgets_spending_duties_are_no_task_heading():
    """"Nhiệm vụ chi của ngân sách …" lists what a budget pays for, not work an agency is asked to do."""
    from pipeline.extraction.cues import is_task_heading

    assert not is_task_heading("Điều 2. Nhiệm vụ chi của ngân sách cấp tỉnh")
    assert is_task_heading("Điều 2. Nhiệm vụ và giải pháp")


def test_a_task_heading_with_ocr_lost_tone_marks_is_one():
    from pipeline.extraction.cues import is_task_heading

    assert is_task_heading("IV. TÔ CHỨC THỰC HIỆN")  # "TỔ" read without its hook
    assert is_task_heading("II. NHIÊM VU VÀ GIAI PHÁP")
    assert not is_task_heading("I. KẾT QUẢ")


def test_an_anniversarys_span_is_no_scope():
    """"Kỷ niệm 80 năm … (06/01/1946 - 06/01/2026)": the years commemorated, not the plan's period."""
    text = (
        "Kế hoạch thi đua chào mừng “Kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên” (06/01/1946 - 06/01/2026)\n"
        "UBND tỉnh vừa ban hành Kế hoạch thi đua. Theo đó, Kế hoạch triển khai các nội dung cụ thể: "
        "Tuyên truyền về ý nghĩa của Ngày Tổng tuyển cử đầu tiên. Tổ chức phổ biến kịp thời các quy định của pháp luật.\n"
    )
    with use_classifier(None):
        doc = process_text(text, doc_id="a.txt")
    assert doc.tasks and not any(t.deadline for t in doc.tasks)


def test_a_news_texts_plan_period_stated_after_its_tasks_is_its_scope():
    """A news article whose lead names no period states it below the tasks: "Kế hoạch … được thực hiện từ ngày …
    đến ngày …"; a task's own "trình ban hành Kế hoạch … năm 2025" is no such statement."""
    text = (
        "Ban Chỉ đạo 389 mở đợt cao điểm chống buôn lậu dịp Tết\n"
        "Theo Kế hoạch, Ban Chỉ đạo 389 các bộ, ngành, địa phương có nhiệm vụ: "
        "Tăng cường kiểm tra, kiểm soát hàng hóa qua biên giới; xử lý nghiêm các vụ buôn lậu; "
        "trình ban hành Kế hoạch phối hợp năm 2025.\n"
        "Kế hoạch cao điểm chống buôn lậu trước, trong và sau Tết Nguyên đán Tân Sửu được thực hiện "
        "từ ngày 20/12/2020 đến ngày 28/2/2021.\n"
    )
    with use_classifier(None):
        doc = process_text(text, doc_id="late.txt")
    assert doc.tasks and {t.deadline for t in doc.tasks[:2]} == {"2020-12-20/2021-02-28"}


@pytest.mark.parametrize(
    ("lead", "scope"),
    [
        # the year of the work a letter reports is its tasks' scope, as a plan's year is
        (
            "Công tác phòng chống lụt bão\nVăn phòng Chính phủ vừa ra Thông báo truyền đạt ý kiến kết luận của Phó Thủ "
            "tướng về công tác phòng chống lụt bão năm 2006.\n",
            "2006",
        ),
        # the part of its year that the lead names as the time of the campaign, not the title's year
        ("Tháng hành động phòng, chống ma túy năm 2023 diễn ra từ ngày 01 - 30/6\n", "2023-06-01/2023-06-30"),
    ],
)
def test_a_header_less_lead_names_its_tasks_scope(lead, scope):
    """A news text's lead: "… Thông báo … về công tác phòng chống lụt bão năm 2006" gives 2006; "Tháng hành động … năm
    2023 diễn ra từ ngày 01 - 30/6" gives the days of June."""
    text = lead + (
        "UBND tỉnh ban hành Kế hoạch thực hiện. Theo đó, UBND tỉnh yêu cầu các sở, ngành thực hiện các nội dung sau:\n"
        "1. Từng bước hoàn thiện cơ cấu tổ chức.\n2. Ban hành quy chế phối hợp giữa các bộ, ngành và địa phương.\n"
    )
    with use_classifier(None):
        doc = process_text(text, doc_id="lead.txt")
    assert doc.tasks and {t.deadline for t in doc.tasks} == {scope}


@pytest.mark.parametrize(
    ("opening", "value"),
    [("Từ năm 2026, ", "2026/.."), ("Đến năm 2020, ", "../2020"), ("Năm 2018: ", "2018")],
)
def test_a_time_that_opens_its_task_is_its_deadline(opening, value):
    """A task whose sentence opens with a time and nothing else ("Từ năm 2026, tổ chức …", "Năm 2018: Rà soát …")
    takes it, whatever its kind."""
    text = (
        "KẾ HOẠCH\nthực hiện chính sách ưu đãi người có công\n"
        "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
        f"- {opening}rà soát, tổng kết hệ thống văn bản chính sách về người có công.\n"
        "- Nghiên cứu, ban hành chính sách đối với người bị ảnh hưởng bởi chất độc hóa học.\n"
    )
    with use_classifier(None):
        doc = process_text(text, doc_id="open.txt")
    assert doc.tasks[0].deadline == value


def test_a_period_in_a_list_item_or_a_summed_up_resolution_is_no_lead_scope():
    """An excerpt that opens on its list ("– Xây dựng … Chương trình … giai đoạn 2016 – 2020 …") names that item's
    subject, not the scope of the list; a resolution a meeting sums up ("Tổng kết thực hiện Nghị quyết số 20 … giai
    đoạn 2016-2020") is looked back on."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times
    from pipeline.text.segment import segment

    item = ("Tăng cường dự phòng lạm dụng các chất gây nghiện.\n\n– Xây dựng và thực hiện Chương trình phòng chống lạm "
            "dụng các chất gây nghiện giai đoạn 2016 – 2020.\n\n– Hoàn thiện hệ thống thông tin dữ liệu.\n")
    assert lead_scope(item, find_times(item), len(item), segment(item).blocks) is None
    assert lead_scope(item, find_times(item), len(item)) is not None  # (without the outline the item is not known)
    summed = ("Tại phiên họp các đại biểu đã thảo luận các dự thảo báo cáo: Tổng kết thực hiện Nghị quyết số 20 của BCH "
              "Đảng bộ thành phố về xây dựng văn minh đô thị giai đoạn 2016-2020.\n\nThành phố cần đẩy nhanh giải ngân.\n")
    assert lead_scope(summed, find_times(summed), len(summed)) is None


def test_a_period_up_to_now_is_no_lead_scope():
    """ "Theo Công điện, từ đầu năm 2020 đến nay, lượng mưa … thiếu hụt": the period a text looks back on up to now
    (``deadlines.toml`` ``[until_now]``) is no scope for the tasks that follow."""
    from pipeline.extraction.scope import lead_scope
    from pipeline.extraction.times import find_times

    lead = ("Theo Công điện, từ đầu năm 2020 đến nay, lượng mưa tại khu vực Nam Trung Bộ bị thiếu hụt nghiêm trọng. "
            "Thủ tướng yêu cầu các bộ, ngành tiếp tục triển khai kế hoạch phòng, chống hạn.")
    assert lead_scope(lead, find_times(lead), len(lead)) is None
