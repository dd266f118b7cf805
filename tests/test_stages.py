"""Table-driven tests per stage."""
import pytest

from pipeline.extraction.claims import find_claims
from pipeline.text.normalise import normalise
from pipeline.extraction.references import find_references
from pipeline.text.segment import match_marker, segment, sentences
from pipeline.extraction.times import find_times
from pipeline.text.unwrap import unwrap


@pytest.mark.parametrize("text,expected", [
    ("Ðiều 1", "Điều 1"),
    ("Hoa\u0300 gia\u0309i", "Hoà giải"),
    ("a\r\nb", "a\nb"),
    ("THƢƠNG MẠI", "THƯƠNG MẠI"),
])
def test_normalise(text, expected):
    assert normalise(text).text == expected


def test_unwrap_seed_003(seed_dir):
    t = normalise((seed_dir / "003_7e5a56785a403bdd.txt").read_text("utf-8")).text
    u = unwrap(t)
    assert [f[2] for f in u.furniture] == ["slide_page_head", "page_marker", "page_number"]
    assert "Quyết định số 4402/QĐ-UBND ngày 03/12/2020 của UBND tỉnh" in u.text
    assert "\nVI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n" in u.text


@pytest.mark.parametrize("line,mtype", [
    ("VI. PHƯƠNG HƯỚNG", "roman"), ("1.1. Nội dung", "arabic2"), ("1. Thuận lợi", "arabic"), ("a) Tổ chức", "letter"),
    ("- Tăng cường", "dash"), ("+ Xây dựng", "plus"), ("Phần thứ hai", "part"), ("Điều 3. Tổ chức", "article"),
    ("2.305 nhà ở", ""), ("15/4/2026 báo cáo", ""), ("Tổ chức", ""),
])
def test_markers(line, mtype):
    assert match_marker(line)[1] == mtype


def test_sentences_never_split_inside_protected():
    t = "Thực hiện Quyết định số 1. Tổ chức hội nghị. Triển khai TP. Hồ Chí Minh."
    spans = sentences(t, 0, len(t), protected=[(10, 26)])
    assert [t[a:b] for a, b in spans] == ["Thực hiện Quyết định số 1. Tổ chức hội nghị.", "Triển khai TP. Hồ Chí Minh."]


@pytest.mark.parametrize("text,declared,unit", [
    ("07 nhóm nhiệm vụ chung: A; B", 7, "nhóm nhiệm vụ"),
    ("03 nhiệm vụ cụ thể, trong đó:", 3, "nhiệm vụ"),
    ("Công tác hòa giải ở cơ sở, có 03 nhiệm vụ: Tiếp tục", 3, "nhiệm vụ"),
    ("tập trung thực hiện ba nhiệm vụ sau:", 3, "nhiệm vụ"),
    ("gồm mười hai nhóm giải pháp: a; b", 12, "nhóm giải pháp"),
])
def test_claims(text, declared, unit):
    c = find_claims(text)
    assert len(c) == 1 and c[0].declared == declared and c[0].unit == unit


@pytest.mark.parametrize("text", ["tổng kết 10 năm thực hiện", "bố trí 500 triệu đồng", "15 xã đạt chuẩn:", "một số nhiệm vụ sau:",
                                  "hoàn thành 3 nhiệm vụ trong năm.", "Một nhiệm vụ khác là PVN cần tập trung chỉ đạo các dự án:",
                                  "Một giải pháp là: tăng cường kiểm tra"])
def test_not_claims(text):
    assert find_claims(text) == []


@pytest.mark.parametrize("text,rid,rtype,issuer,date", [
    ("Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ", "25/2021/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ", "2021-07-22"),
    ("Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư", "80-KL/TW", "Kết luận", "Ban Bí thư", "2020-06-20"),
    ("Công văn số 7432 /UBND-XD ngày 21 tháng 7 năm 2026", "7432/UBND-XD", "Công văn", "Ủy ban nhân dân", "2026-07-21"),
    ("Chỉ thị số 02/ CT-UBND", "02/CT-UBND", "Chỉ thị", "Ủy ban nhân dân", ""),
    ("Nghị định 180/2026/NĐ- CP", "180/2026/NĐ-CP", "Nghị định", "Chính phủ", ""),
    ("Nghị quyết số 57- NQ/TW", "57-NQ/TW", "Nghị quyết", "Trung ương", ""),
    ("văn_bản số 2600/ttg-ktth", "2600/TTg-KTTH", "Văn bản", "Thủ tướng Chính phủ", ""),
    ("Luật số 42/2024/QH151 ngày", "42/2024/QH15", "Luật", "Quốc hội", ""),
    ("Quyết định số 522/2002/QĐ.UB", "522/2002/QĐ-UB", "Quyết định", "Ủy ban nhân dân", ""),
    ("Nghị quyết số 157-NQ_BCSĐ", "157-NQ/BCSĐ", "Nghị quyết", "Ban cán sự đảng", ""),
    ("Chỉ thị số 21/CT-TTG", "21/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", ""),
    ("Tiếp tục thực hiện Luật HGOCS", "Luật Hòa giải ở cơ sở", "Luật", "", ""),
])
def test_references(text, rid, rtype, issuer, date):
    refs = list(find_references(normalise(text).text).references)
    assert len(refs) == 1, refs
    r = refs[0]
    assert (r.ref_id, r.type, r.issuer, r.date) == (rid, rtype, issuer, date)


def test_own_number_is_not_a_reference():
    t = "UBND TỈNH SƠN LA\nSố: 78/QĐ-UBND\nSơn La, ngày 16 tháng 01 năm 2024\nQUYẾT ĐỊNH\nCăn cứ Quyết định số 25/2021/QĐ-TTg;"
    found = find_references(t, header_end=60)
    refs, own = list(found.references), found.own_number
    assert own == "78/QĐ-UBND"
    assert [r.ref_id for r in refs] == ["25/2021/QĐ-TTg"]


# Cases beyond tests/test_times.py (which has every row of the guide's table); anchor year pinned to 2024
TIMES = [
    ("hàng quý", [("recurring", "R/P3M")]),
    ("trong quý III năm 2012", [("quarter", "2012-Q3")]),
    ("trong năm có", []),
]


@pytest.mark.parametrize("text,expected", TIMES)
def test_times(text, expected):
    got = [(t.kind, t.value) for t in find_times(text, anchor=lambda pos: 2024)]
    assert got == expected


def test_times_unanchored_are_flagged_not_filled_from_today():
    t = find_times("trước ngày 15/12")
    assert t[0].value == "../XXXX-12-15" and "unanchored" in t[0].flags


def test_items_that_start_again_under_a_numbered_heading_in_capitals_are_its_children():
    # "2. NHIỆM VỤ VÀ GIẢI PHÁP⏎1. …⏎2. …⏎3. TỔ CHỨC THỰC HIỆN": the restarted numbers are the heading's
    # items, and the next numbered heading in capitals is their heading's sibling again
    text = "1. MỤC TIÊU\nĐạt các chỉ tiêu.\n2. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tăng cường chỉ đạo.\n2. Hoàn thiện pháp luật.\n3. TỔ CHỨC THỰC HIỆN\nCác sở thực hiện.\n"
    o = segment(text)
    head = {b.text.split(" ")[0] + b.text.split(" ")[1]: i for i, b in enumerate(o.blocks)}
    assert o.parents[head["1.Tăng"]] == o.parents[head["2.Hoàn"]] == head["2.NHIỆM"]
    assert o.parents[head["3.TỔ"]] == o.parents[head["2.NHIỆM"]] == -1


def test_a_line_that_goes_on_with_a_cited_document_is_one_sentence():
    # "1. Triển khai thực hiện" ⏎ "Chương trình số 05/CTr-UBND …" (a converter's short first line): no paragraph of a
    # plan opens with a document cited by its number, so the item goes on
    text = "1. Triển khai thực hiện\nChương trình số 05/CTr-UBND ngày 30 tháng 5 năm 2017 của UBND tỉnh về tăng trưởng xanh và bền vững của tỉnh.\n"
    assert unwrap(text).text.startswith("1. Triển khai thực hiện Chương trình số 05/CTr-UBND")
    kept = "Căn cứ Luật Tổ chức chính quyền địa phương;\nQuyết định số 12/QĐ-UBND ngày 3/3/2017 quy định chức năng của Sở.\n"
    assert unwrap(kept).text == kept


def test_a_claims_own_co_sets_it_out_past_the_lead():
    # "Theo đó, có ba nhóm giải pháp quan trọng.⏎Thứ nhất, …" far down an article: "có" is the claim's own word
    lead = "Tin khác trước đó. " * 40
    [c] = find_claims(lead + "Theo đó, có ba nhóm giải pháp quan trọng.\nThứ nhất, đổi mới tổ chức bộ máy.")
    assert (c.declared, c.flags) == (3, ("no_list_cue",))


def test_a_lower_cased_title_line_does_not_run_into_the_body():
    # a corpus text whose title line is lower-cased and unpunctuated ("chỉ thị về việc … những năm tiếp theo"), then
    # its first paragraph: the title ends at its line
    text = (
        "chỉ thị về việc tăng cường kiểm tra điều kiện kinh doanh vật liệu xây dựng trong năm 2010 và những năm tiếp theo\n"
        "Trong thời gian qua, công tác quản lý kinh doanh vật liệu xây dựng trên địa bàn thành phố đã có chuyển biến tích cực, "
        "song vẫn còn nhiều tồn tại cần khắc phục.\nNhiều cơ sở kinh doanh chưa bảo đảm điều kiện về môi trường.\n"
    )
    assert unwrap(text).text.split("\n")[0].endswith("những năm tiếp theo")
