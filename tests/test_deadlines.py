"""Deadline choice (annotation guide §4): own text → group → section → document.

Every text carries its own years, so nothing depends on today's date."""
import pytest

from pipeline import process_text


def deadlines(text):
    return [(t.text, t.deadline, t.deadline_source) for t in process_text(text).tasks]


@pytest.mark.parametrize("text,expected", [
    # a recurrence in the group's text (here part of a document's name) is not passed down
    ("II. NHIỆM VỤ NĂM 2025\n1. Tăng cường kỷ luật theo Quy chế đánh giá công chức hằng năm:\n"
     "1.1. Tổ chức tập huấn cho cán bộ.\n1.2. Kiểm tra việc thực hiện.\n",
     [("Tổ chức tập huấn cho cán bộ", "2025", "section"), ("Kiểm tra việc thực hiện", "2025", "section")]),
    # of several deadlines in the group's text, the one nearest the list governs it
    ("II. NHIỆM VỤ\n1. Kết thúc hoạt động trước ngày 31/5/2026. Khẩn trương ban hành phương án, "
     "bảo đảm hoàn thành trước ngày 30/6/2026:\n- Tổ chức tập huấn cho cán bộ.\n- Kiểm tra việc thực hiện.\n",
     [("Tổ chức tập huấn cho cán bộ", "../2026-06-30", "group"), ("Kiểm tra việc thực hiện", "../2026-06-30", "group")]),
    # a year in the clause that introduces the list governs it without a cue word
    ("II. NHIỆM VỤ NĂM 2024 - 2025\n1. Hiện đại hóa hành chính: Tiếp tục triển khai nhanh Đề án 112 "
     "giai đoạn 2002-2005, trong đó năm 2004 các ngành, các cấp cần tập trung:\n"
     "1.1. Xây dựng mạng thông tin nội bộ.\n1.2. Kiểm tra việc thực hiện.\n",
     [("Xây dựng mạng thông tin nội bộ", "2004", "group"), ("Kiểm tra việc thực hiện", "2004", "group")]),
    # "vào năm", "đầu năm" say when; a plan's period ("giai  đoạn", however spaced) does not
    ("II. NHIỆM VỤ NĂM 2025\n1. Chuẩn bị hồ sơ để đầu năm 2026 đi vào thực hiện.\n"
     "2. Triển khai ở tất cả các xã vào năm 2026.\n"
     "3. Theo dõi kế hoạch đầu tư công trung hạn giai  đoạn 2026 - 2030.\n",
     [("Chuẩn bị hồ sơ để đầu năm 2026 đi vào thực hiện", "2026", "own"),
      ("Triển khai ở tất cả các xã vào năm 2026", "2026", "own"),
      ("Theo dõi kế hoạch đầu tư công trung hạn giai  đoạn 2026 - 2030", "2025", "group")]),
    # a part marker typed in the wrong case ("iII.") still ends the previous part's scope
    ("KẾ HOẠCH\nCải cách hành chính giai đoạn 2024 - 2030\nI. MỤC TIÊU\nNâng cao hiệu quả.\n"
     "II. NHIỆM VỤ NĂM 2024 - 2025\n1. Tổ chức tập huấn cho cán bộ.\n2. Rà soát thủ tục hành chính.\n\n"
     "iII. Về công tác chỉ đạo, tổ chức thực hiện:\n1. Kiểm tra việc thực hiện kế hoạch.\n",
     [("Tổ chức tập huấn cho cán bộ", "2024/2025", "group"), ("Rà soát thủ tục hành chính", "2024/2025", "group"),
      ("Kiểm tra việc thực hiện kế hoạch", "2024/2030", "document")]),
    # a report's years are the period it reports on: no document scope for its proposals
    ("BÁO CÁO\nCông tác quản lý khoáng sản năm 2025\nI. KẾT QUẢ\nTrong năm 2025, đã cấp 12 giấy phép.\n"
     "II. GIẢI PHÁP\n1. Tăng cường kiểm tra hoạt động khai thác.\n2. Rà soát quy hoạch trong quý I/2026.\n",
     [("Tăng cường kiểm tra hoạt động khai thác", "", ""), ("Rà soát quy hoạch trong quý I/2026", "2026-Q1", "own")]),
    # … while a plan's title year is its scope
    ("KẾ HOẠCH\nCông tác quản lý khoáng sản năm 2025\nI. MỤC ĐÍCH\nNâng cao hiệu quả.\n"
     "II. GIẢI PHÁP\n1. Tăng cường kiểm tra hoạt động khai thác.\n",
     [("Tăng cường kiểm tra hoạt động khai thác", "2025", "document")]),
    # the dated goal of the plan's own part is the document's scope …
    ("KẾ HOẠCH\nHỗ trợ hộ nghèo xây dựng nhà ở\nI. MỤC ĐÍCH YÊU CẦU\n"
     "- Thành phố phấn đấu hoàn thành hỗ trợ xây dựng 2.305 nhà ở trước ngày 30/9/2010.\n"
     "II. TỔ CHỨC THỰC HIỆN\n1. Sở Lao động:\n- Kiểm tra việc thực hiện kế hoạch.\n",
     [("Kiểm tra việc thực hiện kế hoạch", "../2010-09-30", "document")]),
    # … but not a date in the preamble, which recounts the documents carried out
    ("Kính gửi: Các sở, ngành.\nBộ Xây dựng ban hành Quyết định số 1074/QĐ-BXD, giao các tỉnh "
     "hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.\nĐề nghị các đơn vị thực hiện các nhiệm vụ sau:\n"
     "1. Kiểm tra việc thực hiện kế hoạch.\n",
     [("Kiểm tra việc thực hiện kế hoạch", "", "")]),
    # an item's closing "hoàn thành trước …" clause is the deadline of each of its clauses
    ("II. NHIỆM VỤ\na) Khẩn trương rà soát toàn bộ thôn; xây dựng Phương án tổng thể sắp xếp thôn; "
     "hoàn thành trước ngày 10 tháng 6 năm 2026.\nb) Tổ chức tập huấn cho cán bộ; kiểm tra việc thực hiện.\n",
     [("Khẩn trương rà soát toàn bộ thôn", "../2026-06-10", "item"),
      # (the closing clause stays with the clause before it: the tasks' qualifier rule)
      ("xây dựng Phương án tổng thể sắp xếp thôn; hoàn thành trước ngày 10 tháng 6 năm 2026",
       "../2026-06-10", "own"),
      ("Tổ chức tập huấn cho cán bộ", "", ""), ("kiểm tra việc thực hiện", "", "")]),
    # a sentence that opens with a bare year frames each of its tasks (the rules alone take the
    # clauses after the year's own; the classifier adds the first, dated the same way)
    ("Bộ Tư pháp yêu cầu:\n- Năm 2016, ngành tư pháp thực hiện tốt chương trình xây dựng luật, pháp lệnh; "
     "đổi mới mạnh mẽ việc giải quyết thủ tục hành chính.\n",
     [("đổi mới mạnh mẽ việc giải quyết thủ tục hành chính", "2016", "group")]),
])
def test_deadline_rules(text, expected):
    assert deadlines(text) == expected


def test_a_tasks_deadline_is_the_nearest_of_its_candidates(monkeypatch):
    """Every source's candidate is kept (for analysts and for a learned chooser), the table's deadline
    is the nearest one with its reported source, and each candidate's text slices back to the document."""

    from pipeline.extraction.deadlines import Deadlines
    from pipeline.learn.model import use_classifier
    from pipeline.learn.sources import shared_dir

    seen = {}
    original = Deadlines.of_task

    def record(self, a, z, ctx, group_dl, cells):  # every candidate of each task the pipeline dates
        seen[a, z] = (self.text, self.candidates(a, z, ctx, group_dl, cells))
        return original(self, a, z, ctx, group_dl, cells)

    monkeypatch.setattr(Deadlines, "of_task", record)
    seeds = sorted(p for p in (shared_dir() / "seeds").glob("*") if p.suffix in (".txt", ".md"))
    assert seeds, "the seeds are needed"
    for path in seeds:
        with use_classifier(None):
            doc = process_text(path.read_text("utf-8"))
        for t in doc.tasks:
            text, found = seen[t.start, t.end]
            assert all(text[c.time.start : c.time.end] == c.time.text for c in found)
            assert len({c.source for c in found}) == len(found)
            if found:
                assert (t.deadline, t.deadline_source) == (found[0].time.value, found[0].source.reported)
            else:
                assert (t.deadline, t.deadline_source) == ("", "")


def test_a_paragraphs_next_sentence_that_only_says_when_dates_the_task_before_it():
    """ "Giao Sở … rà soát, đề xuất UBND tỉnh xem xét. Hoàn thành trước ngày 10/3/2023.": the closing sentence
    says when the task before it is to be done; a sentence that does more (a report of its own) does not."""
    from pipeline.extraction.deadlines import Deadlines
    from pipeline.extraction.times import find_times
    from pipeline.text.segment import segment

    text = ("UBND tỉnh có ý kiến như sau:\nGiao Sở Tài nguyên và Môi trường chủ trì, phối hợp với UBND huyện Gio Linh rà "
            "soát, đề xuất UBND tỉnh xem xét. Hoàn thành trước ngày 10/3/2023.\n")
    dl = Deadlines(text, segment(text), find_times(text), None, 0)
    t = dl.item(text.index("Giao Sở"))
    assert t is not None and t.value == "../2023-03-10"
    other = text.replace("Hoàn thành trước", "Báo cáo kết quả trước")
    assert Deadlines(other, segment(other), find_times(other), None, 0).item(other.index("Giao Sở")) is None


def test_a_vision_in_a_heading_is_not_its_items_deadline():
    """ "NHIỆM VỤ GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045": the heading's period dates its items, not the vision
    after it (``deadlines.toml`` ``[vision]``)."""
    text = ("KẾ HOẠCH\nBảo vệ môi trường tỉnh\n"
            "II. NHIỆM VỤ GIAI ĐOẠN 2026 - 2030, TẦM NHÌN ĐẾN NĂM 2045\n"
            "1. Rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật về bảo vệ môi trường.\n"
            "2. Đầu tư phát triển hạ tầng thu gom, xử lý chất thải rắn.\n")
    got = deadlines(text)
    assert got and all(dl == "2026/2030" for _, dl, _ in got), got


def test_the_end_of_a_year_is_a_tasks_deadline_without_a_cue():
    """ "đến hết năm 2018, kiện toàn cơ bản bộ máy …": the end of a year the task is to be done by is its own deadline,
    where a bare horizon ("tầm nhìn đến năm 2050") needs a cue word before it (``cues.toml`` ``[by_year_end]``)."""
    from pipeline.extraction.deadlines import own_deadline
    from pipeline.extraction.times import find_times

    text = "đến hết năm 2018, kiện toàn cơ bản bộ máy quản lý nhà nước về an toàn thực phẩm"
    t = own_deadline(text, find_times(text))
    assert t is not None and t.value == "../2018"
    vision = "xây dựng quy hoạch tỉnh, tầm nhìn đến năm 2050"
    assert own_deadline(vision, find_times(vision)) is None
