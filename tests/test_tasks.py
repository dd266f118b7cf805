"""Task contexts, splitting, reconciliation, deadlines, annex rows and agencies."""
import pytest

from pipeline import process_text
from pipeline.learn.classifier import use_classifier
from pipeline.extraction.cues import is_task_heading, starts_with_action, strip_connector


def tasks_of(text):
    return process_text(text).tasks


def rule_tasks_of(text):
    """The tasks of ``text`` as the rules alone find them (no classifier)."""
    with use_classifier(None):
        return tasks_of(text)


@pytest.mark.parametrize("text,expected", [
    ("tiếp tục triển khai Quyết định", "tiếp tục triển khai"),
    ("Trong quý II năm 2026, nghiên cứu, ban hành", "nghiên cứu"),
    ("Định kỳ hàng tháng báo cáo tình hình", "báo cáo"),  # a time without its comma
    ("Năm 2018: Rà soát, tổng kết hệ thống văn bản", "Rà soát"),
    ("Ngày 30/5/2025, Bộ Khoa học và Công nghệ đã ban hành", ""),  # a report of what happened
    ("Hội đồng nhân dân tỉnh", ""),
    ("Kinh phí thực hiện", ""),
])
def test_starts_with_action(text, expected):
    assert starts_with_action(text) == expected


def test_strip_connector():
    assert strip_connector("đồng thời triển khai") == len("đồng thời ")
    assert strip_connector("Trong đó, tổ chức") == len("Trong đó, ")


@pytest.mark.parametrize("heading,ok", [
    ("VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024", True), ("I. MỤC ĐÍCH, YÊU CẦU", False), ("1. Thuận lợi", False),
    ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2023", False), ("III. TỔ CHỨC THỰC HIỆN", True),
])
def test_task_headings(heading, ok):
    assert is_task_heading(heading) == ok


def test_heading_section_split_by_sentence_and_semicolon():
    t = tasks_of("I. MỤC ĐÍCH\nNâng cao nhận thức.\nII. NHIỆM VỤ NĂM 2025\nTổ chức tập huấn; xây dựng tài liệu. Kiểm tra việc thực hiện.\n")
    assert [x.text for x in t] == ["Tổ chức tập huấn", "xây dựng tài liệu", "Kiểm tra việc thực hiện"]
    assert {x.deadline for x in t} == {"2025"} and {x.deadline_source for x in t} == {"group"}


def test_own_deadline_beats_section_and_subject_year_is_not_a_deadline():
    t = tasks_of("II. NHIỆM VỤ NĂM 2025\n1. Báo cáo kết quả năm 2024.\n2. Hoàn thành đề án trước ngày 30/6/2025.\n")
    assert [(x.deadline, x.deadline_source) for x in t] == [("2025", "group"), ("../2025-06-30", "own")]


def test_intro_list_with_agency_headings_and_lead_agency():
    text = ("Chủ tịch UBND tỉnh yêu cầu:\n1. Sở Tư pháp:\n- Chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính tổ chức tập huấn.\n"
            "- Theo dõi, đôn đốc việc thực hiện.\n2. Công an tỉnh:\n- Tăng cường tuần tra, kiểm soát.\n")
    t = tasks_of(text)
    assert [x.text for x in t] == ["Chủ trì, phối hợp với Sở Nội vụ, Sở Tài chính tổ chức tập huấn",
                                   "Theo dõi, đôn đốc việc thực hiện", "Tăng cường tuần tra, kiểm soát"]
    assert [x.lead_agency for x in t] == ["Sở Tư pháp", "Sở Tư pháp", "Công an tỉnh"]
    assert t[0].partner_agencies == ("Sở Nội vụ", "Sở Tài chính")


def test_claim_mismatch_is_flagged():
    d = process_text("Có 03 nhiệm vụ: tổ chức hội nghị; xây dựng kế hoạch.\n")
    assert (d.claims[0].declared, d.claims[0].found, d.claims[0].status) == (3, 2, "mismatch")
    assert all("count_mismatch" in x.flags for x in d.tasks)


def test_va_split_only_when_it_makes_the_count_match():
    d = process_text("Gồm 02 nhiệm vụ: tổ chức hội nghị và triển khai kế hoạch.\n")
    assert [x.text for x in d.tasks] == ["tổ chức hội nghị", "triển khai kế hoạch"] and d.claims[0].status == "ok"
    d = process_text("Gồm 01 nhiệm vụ: tổ chức hội nghị và triển khai kế hoạch.\n")
    assert len(d.tasks) == 1 and d.claims[0].status == "ok"


def test_annex_table_rows_become_tasks_with_columns():
    text = ("PHỤ LỤC\nNHIỆM VỤ TRỌNG TÂM\n"
            "TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm\n"
            "1 | Xây dựng đề án chuyển đổi số | Sở Khoa học và Công nghệ | Sở Tài chính; Sở Nội vụ | Quý II/2026 | Đề án\n"
            "2 | Tổ chức kiểm tra định kỳ | Thanh tra tỉnh |  | Thường xuyên | Báo cáo\n")
    t = tasks_of(text)
    assert [x.text for x in t] == ["Xây dựng đề án chuyển đổi số", "Tổ chức kiểm tra định kỳ"]
    assert [(x.deadline, x.deadline_source) for x in t] == [("2026-Q2", "column"), ("continuous", "column")]
    assert [x.lead_agency for x in t] == ["Sở Khoa học và Công nghệ", "Thanh tra tỉnh"]
    assert t[0].partner_agencies == ("Sở Tài chính", "Sở Nội vụ") and t[0].product == "Đề án"


def test_signature_block_and_recipients_are_not_tasks():
    text = "II. NHIỆM VỤ\n- Tổ chức tập huấn.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\n"
    assert [x.text for x in tasks_of(text)] == ["Tổ chức tập huấn"]


def test_references_and_times_link_to_their_task():
    d = process_text("II. NHIỆM VỤ\n- Triển khai Quyết định số 25/2021/QĐ-TTg trong quý III/2024.\n")
    assert d.tasks[0].references == ("25/2021/QĐ-TTg",)
    assert d.references[0].task_id == d.tasks[0].task_id == d.times[0].task_id
    assert d.tasks[0].deadline == "2024-Q3"


def test_item_cut_off_at_the_end_of_the_text_is_flagged():
    t = tasks_of("II. NHIỆM VỤ\n- Tổ chức tập huấn.\n- Xây dựng kế hoạch triển khai các nội dung của")
    assert [x.flags for x in t] == [(), ("cut_off",)]


def test_a_plans_horizon_is_not_the_tasks_deadline():
    t = tasks_of("II. NHIỆM VỤ\n- Rà soát Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.\n"
                 "- Phấn đấu hoàn thành đến năm 2030 việc số hóa hồ sơ.\n")
    assert [x.deadline for x in t] == ["", "../2030"]


@pytest.mark.parametrize("cell,value", [
    ("Tháng 5/2026 (báo cáo chuyên đề); Tháng 11/2026", "2026-11"),     # stages: the last governs
    ("2026 và hằng năm", "R/P1Y"),
    ("Thường xuyên, hằng năm", "continuous"),
    ("Quý II/2026 (theo định hướng biên chế giai đoạn 2026 - 2031)", "2026-Q2"),  # a note in brackets
])
def test_a_time_cell_with_several_times(cell, value):
    text = ("PHỤ LỤC\nTT | Nội dung nhiệm vụ | Cơ quan chủ trì | Thời gian thực hiện\n"
            f"1 | Xây dựng đề án chuyển đổi số | Sở Nội vụ | {cell}\n")
    t = tasks_of(text)
    assert [(x.deadline, x.deadline_source) for x in t] == [(value, "column")]


def test_detail_sub_rows_give_their_row_agencies_and_time():
    text = ("PHỤ LỤC\nTT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
            "1 | Hoàn thiện hệ thống tiêu chuẩn kỹ thuật quốc gia |  |  | \n"
            "- | Công trình đê điều | Bộ NN&MT | Các bộ | Năm 2026 và các năm tiếp theo\n"
            "- | Công trình giao thông | Bộ Xây dựng |  | \n"
            "2 | Tổ chức kiểm tra định kỳ | Thanh tra tỉnh |  | Thường xuyên\n")
    t = tasks_of(text)
    assert [x.text for x in t] == ["Hoàn thiện hệ thống tiêu chuẩn kỹ thuật quốc gia", "Tổ chức kiểm tra định kỳ"]
    assert t[0].lead_agency == "Bộ NN&MT; Bộ Xây dựng"
    assert (t[0].deadline, t[0].deadline_source) == ("2026/..", "column")


def test_a_claim_on_tasks_listed_elsewhere_takes_no_items():
    d = process_text("II. NHIỆM VỤ\n1. Triển khai Nghị quyết, nhất là 44 nhiệm vụ có thời hạn hoàn thành "
                     "trong quý II năm 2026.\n2. Tổ chức kiểm tra.\n")
    assert [(c.declared, c.found, c.status, c.flags) for c in d.claims] == [(44, None, "unresolved", ("listed_elsewhere",))]
    assert len(d.tasks) == 2


_REGULATION = "".join(f"Điều {k}. Quy định số {k}\nNội dung điều {k}.\n" for k in range(1, 7))


def test_regulation_keeps_agency_duty_lists_and_drops_subject_first_procedures():
    text = ("QUY CHẾ\nChương II\nNỘI DUNG QUẢN LÝ VÀ TRÁCH NHIỆM CỦA CÁC CƠ QUAN\n"
            "Điều 7. Thành lập cụm công nghiệp\n"
            "1. Trách nhiệm của các cơ quan, đơn vị:\n"
            "a) Sở Công Thương chủ trì, phối hợp với các sở, ngành xây dựng phương án.\n"
            "b) Sở Tài chính: Chủ trì thẩm định, trình Ủy ban nhân dân tỉnh phê duyệt.\n"
            "2. Trách nhiệm của chủ đầu tư:\n"
            "a) Thực hiện đầy đủ các thủ tục đầu tư.\n"
            "Điều 8. Trách nhiệm Sở Xây dựng\n"
            "1. Cấp giấy phép xây dựng theo thẩm quyền.\n"
            "2. Có trách nhiệm hướng dẫn chủ đầu tư lập hồ sơ.\n" + _REGULATION)
    t = tasks_of(text)
    assert [x.text for x in t] == ["Chủ trì thẩm định, trình Ủy ban nhân dân tỉnh phê duyệt",
                                   "Cấp giấy phép xây dựng theo thẩm quyền", "Có trách nhiệm hướng dẫn chủ đầu tư lập hồ sơ"]
    assert [x.lead_agency for x in t][1:] == ["Sở Xây dựng", "Sở Xây dựng"]


def test_a_regulations_implementation_article_keeps_subject_first_clauses():
    # "Điều 9. Trách nhiệm của các Bộ …" gives the regulation's implementation to agencies: their clauses are tasks
    text = ("QUY ĐỊNH\nĐiều 8. Hồ sơ\n1. Ủy ban nhân dân xã có trách nhiệm lập danh sách.\n"
            "Điều 9. Trách nhiệm của các Bộ và Ủy ban nhân dân tỉnh\n"
            "1. Bộ Tài chính chịu trách nhiệm bố trí ngân sách hàng năm.\n"
            "2. Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo, tổ chức thực hiện Quyết định này.\n" + _REGULATION)
    assert [x.text for x in rule_tasks_of(text)] == [
        "Bộ Tài chính chịu trách nhiệm bố trí ngân sách hàng năm",
        "Ủy ban nhân dân tỉnh có trách nhiệm chỉ đạo, tổ chức thực hiện Quyết định này"]


def test_outside_a_regulation_subject_first_clauses_stay_tasks():
    t = tasks_of("III. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương chủ trì, phối hợp với các sở, ngành xây dựng phương án.\n")
    assert [x.text for x in t] == ["Sở Công Thương chủ trì, phối hợp với các sở, ngành xây dựng phương án"]


def test_agency_heading_with_colon_opens_a_task_list():
    text = ("Điều 1.\n1. Đồng ý chủ trương chuyển giao.\n2. Giao Bộ Văn hoá, Thể thao và Du lịch:\n"
            "a) Chủ trì, phối hợp với các cơ quan liên quan thực hiện thủ tục bàn giao.\n"
            "b) Hướng dẫn việc tiếp nhận.\n")
    t = tasks_of(text)
    assert [x.text for x in t] == ["Chủ trì, phối hợp với các cơ quan liên quan thực hiện thủ tục bàn giao",
                                   "Hướng dẫn việc tiếp nhận"]
    assert {x.lead_agency for x in t} == {"Bộ Văn hoá, Thể thao và Du lịch"}




def test_completion_clause_stays_with_its_task():
    t = tasks_of("II. NHIỆM VỤ\na) Chỉ đạo cấp xã xây dựng đề án sắp xếp thôn; hoàn thành trước ngày 30 tháng 6 năm 2026; "
                 "tổ chức lấy ý kiến Nhân dân.\n")
    assert [x.text for x in t] == ["Chỉ đạo cấp xã xây dựng đề án sắp xếp thôn; hoàn thành trước ngày 30 tháng 6 năm 2026",
                                   "tổ chức lấy ý kiến Nhân dân"]
    assert t[0].deadline == "../2026-06-30"


def test_document_name_opens_no_task_but_the_verb_does():
    from pipeline.extraction.cues import starts_with_action
    assert starts_with_action("Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021") == ""
    assert starts_with_action("Quyết định hỗ trợ đầu tư hạ tầng") == "Quyết định"
    assert starts_with_action("Có trách nhiệm cung cấp đủ điện") == "Có trách nhiệm cung cấp"





def test_lead_agency_from_intro_sentence_heading_and_sentence_subject():
    text = ("III. TỔ CHỨC THỰC HIỆN\n"
            "1. Ủy ban nhân dân các tỉnh, thành phố theo chức năng, nhiệm vụ được giao, tập trung thực hiện:\n"
            "a) Rà soát các chỉ tiêu tăng trưởng.\n"
            "2. Trách nhiệm của Sở Xây dựng:\n"
            "a) Hướng dẫn kiểm tra trật tự xây dựng.\n"
            "3. Ban Thường vụ Tỉnh ủy lãnh đạo các cấp ủy quán triệt Kết luận; xác định đây là nhiệm vụ trọng tâm.\n")
    t = tasks_of(text)
    leads = {x.text: x.lead_agency for x in t}
    assert leads["Rà soát các chỉ tiêu tăng trưởng"] == "Ủy ban nhân dân các tỉnh, thành phố"
    assert leads["Hướng dẫn kiểm tra trật tự xây dựng"] == "Sở Xây dựng"
    assert leads["xác định đây là nhiệm vụ trọng tâm"] == "Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize("heading,lead", [
    ("1. Trách nhiệm của Sở Xây dựng:", "Sở Xây dựng"),
    ("5. Trách nhiệm của cơ quan Công an tỉnh, Công an cấp xã:", "Công an tỉnh, Công an cấp xã"),
    ("6. Trách nhiệm của các sở, ban, ngành có liên quan:", "các sở, ban, ngành có liên quan"),
    ("2. Trách nhiệm của cơ quan chủ trì và cơ quan phối hợp:", ""),
    ("II. TỔ CHỨC THỰC HIỆN", ""),
])
def test_heading_lead(heading, lead):
    from pipeline.extraction.cues import heading_lead
    assert heading_lead(heading) == lead


# what the rules take as tasks: (why, text, task texts)
@pytest.mark.parametrize("why,text,expected", [
    ("duties of enterprises in a regulation are not tasks",
     "QUY CHẾ\n" + "".join(f"Điều {i}. Quy định chung {i}\nNội dung quy định chung số {i}.\n" for i in range(1, 8))
     + "Điều 8. Trách nhiệm thực hiện\n1. Trách nhiệm của doanh nghiệp:\n- Thực hiện đầy đủ nghĩa vụ thuế.\n"
     "2. Sở Tài chính:\n- Hướng dẫn doanh nghiệp kê khai thuế.\nĐiều 9. Hiệu lực thi hành\nQuy chế có hiệu lực.\n",
     ["Hướng dẫn doanh nghiệp kê khai thuế"]),
    ("outside a regulation the duties of an enterprise under a task section are tasks (the regression gold's 112)",
     "II. NHIỆM VỤ\n1. Trách nhiệm của doanh nghiệp:\n- Thực hiện đầy đủ nghĩa vụ thuế.\n"
     "2. Sở Tài chính:\n- Hướng dẫn doanh nghiệp kê khai thuế.\n",
     ["Thực hiện đầy đủ nghĩa vụ thuế", "Hướng dẫn doanh nghiệp kê khai thuế"]),
    ("an item that is a sentence is a task and the group of its sub-items",
     "II. NHIỆM VỤ\n1. Tiếp tục kiện toàn, sắp xếp lại các cơ quan chuyên môn phù hợp với yêu cầu quản lý.\n"
     "1.1. Xây dựng lại quy chế tổ chức và hoạt động.\n1.2. Kiện toàn bộ máy chính quyền cấp xã.\n"
     "2. Đẩy mạnh ứng dụng công nghệ thông tin\na) Xây dựng cơ sở dữ liệu.\nb) Số hóa hồ sơ.\n",
     ["Tiếp tục kiện toàn, sắp xếp lại các cơ quan chuyên môn phù hợp với yêu cầu quản lý",
      "Xây dựng lại quy chế tổ chức và hoạt động", "Kiện toàn bộ máy chính quyền cấp xã",
      "Xây dựng cơ sở dữ liệu", "Số hóa hồ sơ"]),
    ("a list under an orientation heading is not a task list",
     "I. Về quan điểm, định hướng chỉ đạo, điều hành\nQuốc hội đã thông qua, Chính phủ yêu cầu:\n"
     "1. Quán triệt, tổ chức thực hiện nghiêm các chủ trương.\nII. NHIỆM VỤ\n1. Tổ chức tập huấn.\n",
     ["Tổ chức tập huấn"]),
    ("title-case roman headings and progress sections",
     "Ii. mục đích yêu cầu:\n- Hỗ trợ đúng đối tượng.\nIv. tiến độ thực hiện:\n"
     "Từ tháng 1/2010 thực hiện rà soát, hoàn chỉnh hồ sơ.\n",
     ["Từ tháng 1/2010 thực hiện rà soát, hoàn chỉnh hồ sơ"]),
    ("partner items under a cooperation intro are tasks",
     "II. NHIỆM VỤ\na) Vụ Xuất nhập khẩu chủ trì, phối hợp:\n"
     "- Với các đơn vị của Bộ Tài chính xây dựng cơ chế hỗ trợ xuất khẩu.\n"
     "- Với Vụ Thị trường ngoài nước tiếp tục tổ chức các lớp tập huấn.\n",
     ["Với các đơn vị của Bộ Tài chính xây dựng cơ chế hỗ trợ xuất khẩu",
      "Với Vụ Thị trường ngoài nước tiếp tục tổ chức các lớp tập huấn"]),
    ("an item broken after its first line keeps its continuation lines",
     "II. NHIỆM VỤ\n1. Thanh tra tỉnh\n- Chủ trì, phối hợp với các cơ quan liên quan rà soát, xác minh, giải quyết\n"
     "đơn thư khiếu nại, tố cáo theo thẩm quyền; kịp thời tham mưu Ủy ban nhân dân tỉnh xử lý dứt điểm.\n"
     "- Tăng cường công tác theo dõi.\n",
     ["Chủ trì, phối hợp với các cơ quan liên quan rà soát, xác minh, giải quyết đơn thư khiếu nại, tố cáo theo thẩm quyền",
      "kịp thời tham mưu Ủy ban nhân dân tỉnh xử lý dứt điểm", "Tăng cường công tác theo dõi"]),
    ("a short title over paragraphs is no broken item; a closing 'nếu có vướng mắc' clause is no task",
     "II. NHIỆM VỤ\n1. Tổ chức thực hiện\nThủ trưởng các sở chịu trách nhiệm thi hành Quyết định này.\n"
     "2. Trong quá trình thực hiện nếu có vướng mắc, đề nghị phản ánh về\nSở Tư pháp để được hướng dẫn./.\n",
     []),
    ("agency subjects: a fronted time, a determiner, a verb that is no stop word, a lower-case head",
     "II. NHIỆM VỤ\n1. Đến hết quý II năm 2025, tất cả các Sở, ngành phải xây dựng xong quy chế làm việc.\n"
     "2. Các Tập đoàn, Tổng công ty hoàn thành chỉ tiêu kinh doanh.\n"
     "3. Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện cơ sở vật chất cho bộ phận một cửa.\n"
     "4. ủy ban nhân dân quận, huyện triển khai Chương trình cải cách hành chính.\n"
     "5. Căn cứ ý kiến chỉ đạo trên, các cơ quan, đơn vị liên quan nghiêm túc triển khai thực hiện.\n",
     ["Đến hết quý II năm 2025, tất cả các Sở, ngành phải xây dựng xong quy chế làm việc",
      "Các Tập đoàn, Tổng công ty hoàn thành chỉ tiêu kinh doanh",
      "Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện cơ sở vật chất cho bộ phận một cửa",
      "ủy ban nhân dân quận, huyện triển khai Chương trình cải cách hành chính"]),
], ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_task_rules(why, text, expected):
    assert [x.text for x in tasks_of(text)] == expected


def test_subject_agency_of_a_task_clause():
    from pipeline.extraction.cues import subject
    assert subject("Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện cơ sở vật chất") == \
        "Các Sở, Ban ngành, ủy ban nhân dân các cấp"
    assert subject("Các bộ, cơ quan trung ương và địa phương hoàn thiện công tác quyết toán") == \
        "Các bộ, cơ quan trung ương và địa phương"
    assert subject("Sở Kế hoạch và Đầu tư") == ""


def test_a_regulations_duty_item_that_leads_into_lettered_steps_gives_the_steps():
    # a regulation's article of duties: "1. Ủy ban nhân dân xã: Khi nhận được hồ sơ …:" then "a) …", "b) …"
    arts = "".join(f"Điều {k}. Nội dung {k}\n\nNội dung của điều {k}.\n\n" for k in range(1, 8))
    text = (arts + "Điều 8. Đối với các cơ quan nhà nước\n\n"
            "1. Ủy ban nhân dân xã: Khi nhận được hồ sơ xin miễn, giảm tiền sử dụng đất của người có công với cách mạng, "
            "trong thời hạn không quá 05 (năm) ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, thực hiện như sau:\n\n"
            "a) Tiến hành bình xét, lấy ý kiến công khai của các tổ chức, đoàn thể.\n\n"
            "b) Lập văn bản đề nghị gửi Ủy ban nhân dân huyện.\n")
    with use_classifier(None):
        doc = process_text(text)
    assert [t.text for t in doc.tasks] == ["Tiến hành bình xét, lấy ý kiến công khai của các tổ chức, đoàn thể",
                                          "Lập văn bản đề nghị gửi Ủy ban nhân dân huyện"]


def test_an_item_that_opens_with_a_time_is_a_task():
    text = ("II. NHIỆM VỤ\n"
            "a) Tăng cường công tác tuyên truyền pháp luật về xây dựng.\n"
            "b) Định kỳ hàng tháng báo cáo tình hình về Phòng Quản lý đô thị.\n"
            "c) Hằng năm, Phòng Tài chính tổng hợp kinh phí thực hiện.\n")
    t = rule_tasks_of(text)
    assert [x.text for x in t] == ["Tăng cường công tác tuyên truyền pháp luật về xây dựng",
                                   "Định kỳ hàng tháng báo cáo tình hình về Phòng Quản lý đô thị",
                                   "Hằng năm, Phòng Tài chính tổng hợp kinh phí thực hiện"]
    assert [x.deadline for x in t][1:] == ["R/P1M", "R/P1Y"]


def test_a_news_sentence_that_reports_a_request_gives_its_work():
    text = ("Theo báo cáo của Tổng cục Thuế, kết quả thu 6 tháng đầu năm ước đạt gần 54% dự toán.\n"
            "Thủ tướng yêu cầu ngành Thuế phải đổi mới mạnh mẽ hơn nữa công tác quản lý. Thủ tướng cũng lưu ý cần "
            "tăng cường hoạt động thanh tra, kiểm tra; tiếp tục chấn chỉnh các khâu trong công tác quản lý thuế.\n"
            "Thủ tướng nhấn mạnh, trong quá trình hội nhập, cải cách hành chính là khâu đột phá để đáp ứng yêu cầu "
            "phát triển.\n")
    t = rule_tasks_of(text)
    assert [x.text for x in t] == ["đổi mới mạnh mẽ hơn nữa công tác quản lý",
                                   "tăng cường hoạt động thanh tra, kiểm tra",
                                   "tiếp tục chấn chỉnh các khâu trong công tác quản lý thuế"]
    assert t[0].group == "Thủ tướng yêu cầu ngành Thuế phải"


def test_a_headed_documents_closing_request_is_no_task():
    """In a document with a header the request stage does not run: "UBND tỉnh yêu cầu các cơ quan … phải
    quán triệt …" closing a plan is a general requirement (annotation guide §2)."""
    text = ("ỦY BAN NHÂN DÂN TỈNH X\nSố: 12/KH-UBND\nX, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\nPhổ biến pháp luật năm 2024\n"
            "I. MỤC ĐÍCH\nNâng cao nhận thức pháp luật.\n"
            "UBND tỉnh yêu cầu các cơ quan, đơn vị phải quán triệt, thực hiện nghiêm túc Kế hoạch này.\n")
    assert not rule_tasks_of(text)


@pytest.mark.parametrize("raw,trimmed", [
    ("- tăng cường kiểm tra, giám sát;", "tăng cường kiểm tra, giám sát"),
    ("tăng cường gặp gỡ doanh nghiệp gặp khó khăn./.", "tăng cường gặp gỡ doanh nghiệp gặp khó khăn"),  # closing mark
    ("Đó là, tăng cường hỗ trợ doanh nghiệp.", "tăng cường hỗ trợ doanh nghiệp"),
    ("báo cáo theo Mẫu 01/BC", "báo cáo theo Mẫu 01/BC"),
])
def test_a_task_loses_its_marker_connector_and_closing_punctuation(raw, trimmed):
    from pipeline.extraction.units import trim_task

    s, e = trim_task(raw, 0, len(raw))
    assert raw[s:e] == trimmed


def test_a_clause_of_one_or_two_words_is_no_task():
    # "yêu cầu các Bộ: Nông nghiệp và Môi trường; Xây dựng; Khoa học và Công nghệ xây dựng phương án …": the list of
    # ministries is no list of tasks; no task of the development gold has fewer than three words
    from pipeline.api import process_text

    text = "II. NHIỆM VỤ TRỌNG TÂM\n- Xây dựng;\n- Tổ chức tập huấn cho cán bộ công chức;\n- Rà soát thủ tục hành chính.\n"
    assert [t.text for t in process_text(text, model=None).tasks] == ["Tổ chức tập huấn cho cán bộ công chức", "Rà soát thủ tục hành chính"]


def test_a_claim_of_targets_counts_its_items_but_only_actions_are_tasks():
    # "chỉ tiêu" are targets (task_nouns.toml [targets]): the claim is found with all three, and only the item
    # that opens with an action is a task; the same list under "nhiệm vụ" gives three tasks
    items = "tốc độ tăng trưởng tổng sản phẩm trên địa bàn đạt 8%; tỷ lệ hộ nghèo giảm 1,5 điểm phần trăm; "
    d = process_text(f"Năm 2025, tỉnh đề ra 3 chỉ tiêu chủ yếu gồm: {items}phấn đấu đạt 95% hộ gia đình văn hóa.\n", model=None)
    assert [(c.declared, c.found) for c in d.claims] == [(3, 3)]
    assert [t.text for t in d.tasks] == ["phấn đấu đạt 95% hộ gia đình văn hóa"]
    d = process_text(
        "Năm 2025, tỉnh đề ra 3 nhiệm vụ chủ yếu gồm: nâng tốc độ tăng trưởng tổng sản phẩm trên địa bàn; "
        "giảm tỷ lệ hộ nghèo xuống dưới 2%; xây dựng gia đình văn hóa.\n",
        model=None,
    )
    assert len(d.tasks) == 3
