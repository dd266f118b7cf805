"""References (issue 3): forms, damage, dates, named laws, aliases, lists, relations, header, citations."""
import pytest

from pipeline import process_text
from pipeline.out.citations import link_citations
from pipeline.text.normalise import normalise
from pipeline.extraction.header import read_header
from pipeline.extraction.references import find_references
from pipeline.extraction.symbols import parse_symbol
from pipeline.types import Document, DocumentMeta, Reference


def refs_of(text, header_end=0):
    return list(find_references(normalise(text).text, header_end).references)


def one(text):
    refs = refs_of(text)
    assert len(refs) == 1, refs
    return refs[0]


# ------------------------------------------------------------------ forms and damage
@pytest.mark.parametrize("text,rid,rtype,flag", [
    # legal normative documents
    ("Quyết định số 25/2021/QĐ-TTg", "25/2021/QĐ-TTg", "Quyết định", None),
    ("Thông tư số 09/2021/TT-BTP", "09/2021/TT-BTP", "Thông tư", None),
    ("Luật số 43/2022/QH15", "43/2022/QH15", "Luật", None),
    ("Nghị quyết số 12/2024/NQ-HĐND", "12/2024/NQ-HĐND", "Nghị quyết", None),
    ("Thông tư liên tịch số 01/2014/TTLT-BTP-BNV", "01/2014/TTLT-BTP-BNV", "Thông tư liên tịch", None),
    # administrative documents, công văn
    ("Kế hoạch số 7308/KH-BNN-TCLN", "7308/KH-BNN-TCLN", "Kế hoạch", None),
    ("Kế hoạch số 80/KH-BCĐBVMT", "80/KH-BCĐBVMT", "Kế hoạch", None),
    ("Chương trình số 28/CTr-UBND", "28/CTr-UBND", "Chương trình", None),
    ("Công văn số 7432/UBND-XD", "7432/UBND-XD", "Công văn", None),
    # Party documents
    ("Quy định số 08-QĐi/TW", "08-QĐi/TW", "Quy định", None),
    ("Chỉ thị số 11-CT/TU", "11-CT/TU", "Chỉ thị", None),
    ("Công văn số 59-CV/BCĐ", "59-CV/BCĐ", "Công văn", None),
    # damage
    ("Công văn số 7432 /UBND-XD", "7432/UBND-XD", "Công văn", None),
    ("Chỉ thị số 02/ CT-UBND", "02/CT-UBND", "Chỉ thị", None),
    ("Nghị định 180/2026/NĐ- CP", "180/2026/NĐ-CP", "Nghị định", "space_repaired"),
    ("Nghị quyết số 57- NQ/TW", "57-NQ/TW", "Nghị quyết", None),
    ("Quyết định số 25/2021/QÐ-TTg", "25/2021/QĐ-TTg", "Quyết định", None),
    ("văn bản số 2600/ttg-ktth", "2600/TTg-KTTH", "Văn bản", "case_repaired"),
    ("Chỉ thị số 21/CT-TTG", "21/CT-TTg", "Chỉ thị", "case_repaired"),
    ("Quyết định số 522/2002/QĐ.UB", "522/2002/QĐ-UB", "Quyết định", "separator_repaired"),
    ("Nghị quyết số 157-NQ_BCSĐ", "157-NQ/BCSĐ", "Nghị quyết", "separator_repaired"),
    ("Luật số 42/2024/QH151 ngày", "42/2024/QH15", "Luật", "footnote_stripped"),
    ("Thông tư số 47/2024/TT-BGTVT4 của Bộ", "47/2024/TT-BGTVT", "Thông tư", "footnote_stripped"),
    ("Nghị quyết số 66-NQ/TW1 về", "66-NQ/TW", "Nghị quyết", "footnote_stripped"),
    ("Quyết định số 16/2026/QĐÐ-UBND", "16/2026/QĐ-UBND", "Quyết định", "ocr_repaired"),
    ("Quyết định số II /2026/QĐ-UBND", "11/2026/QĐ-UBND", "Quyết định", "ocr_repaired"),
    ("Nghị quyết số 10-\n\nNQ/TW ngày 10/02/2022", "10-NQ/TW", "Nghị quyết", None),
    ("Thông tư số 47/2024/TT\ufffeBGTVT và", "47/2024/TT-BGTVT", "Thông tư", None),
    ("Nghị quyết 66.4/2025/NQ-CP ngày 21/9/2025", "66.4/2025/NQ-CP", "Nghị quyết", None),
    ("Nghị quyết 66.4.2025/NQ-CP", "66.4/2025/NQ-CP", "Nghị quyết", "separator_repaired"),
    ("Văn bản số 9611/VPCP-CN. Ngày 30/12/2023", "9611/VPCP-CN", "Văn bản", None),
    ("Nghị định số 175/2024/NĐ-CP. Trong đó", "175/2024/NĐ-CP", "Nghị định", None),
    ("văn_bản số 2600/ttg-ktth", "2600/TTg-KTTH", "Văn bản", None),
])
def test_forms_and_damage(text, rid, rtype, flag):
    r = one(text)
    assert (r.ref_id, r.type) == (rid, rtype)
    if flag:
        assert flag in r.flags, r.flags


def test_dotted_issuer_part_is_kept_as_written():
    assert one("Quyết định số 11/1998/QĐ-TC.CCVC của Bộ").ref_id == "11/1998/QĐ-TC.CCVC"


def test_standard_with_footnote_is_one_reference():
    refs = refs_of("Quy chuẩn QCVN 122:2024/BGTVT3 , Thông tư")
    assert [r.ref_id for r in refs] == ["QCVN 122:2024/BGTVT"]


@pytest.mark.parametrize("text,ids", [
    ("theo tiêu chuẩn TCVN 14423:2025 về An ninh mạng", ["TCVN 14423:2025"]),
    ("TCVN 7435-1, Phòng cháy, chữa cháy – Bình chữa cháy; TCVN 13456, Phòng cháy", ["TCVN 7435-1", "TCVN 13456"]),
    ("Quy chuẩn QCVN 01:2019/BCT và TCVN 5712:1993", ["QCVN 01:2019/BCT", "TCVN 5712:1993"]),
    ("phông chữ TCVN3 (ABC) và bảng mã TCVN 5712:1993/BKHCN", ["TCVN 5712:1993/BKHCN"]),
])
def test_a_national_standard_without_an_issuer_is_a_reference(text, ids):
    """A TCVN is cited by its number alone ("TCVN 7336"); the font name "TCVN3" is none."""
    assert [r.ref_id for r in refs_of(text)] == ids


@pytest.mark.parametrize("text,flag", [
    ("theo hướng dẫn của liên sở số 895/HD ngày 10/6/2009", "issuer_missing"),
    ("Công văn số 12/XYZ-AB", "issuer_unknown"),
])
def test_partial_mentions_are_reported_with_a_flag(text, flag):
    r = one(text)
    assert flag in r.flags


@pytest.mark.parametrize("number,year,sym,ptype,rid,code,issuer", [
    ("25", "2021", "QĐ-TTg", "", "25/2021/QĐ-TTg", "QĐ", "Thủ tướng Chính phủ"),
    ("80", "", "TW", "KL", "80-KL/TW", "KL", "Trung ương"),
    ("7432", "", "UBND-XD", "", "7432/UBND-XD", "", "Ủy ban nhân dân"),
    ("2", "2022", "UBTVQH15", "", "2/2022/UBTVQH15", "", "Ủy ban Thường vụ Quốc hội"),
])
def test_parse_symbol(number, year, sym, ptype, rid, code, issuer):
    info = parse_symbol(number, year, sym, ptype)
    assert (info.id, info.code, info.issuer) == (rid, code, issuer)


# ------------------------------------------------------------------ dates and issuers
@pytest.mark.parametrize("text,date,year", [
    ("Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021", "2021-07-22", "2021"),
    ("Quyết định số 25/2021/QĐ-TTg ngày 22 tháng 7 năm 2021", "2021-07-22", "2021"),
    ("Kết luận số 80-KL/TW ngày 20-6-2020", "2020-06-20", ""),
    ("Công văn số 7432/UBND-XD, 14/02/2025", "2025-02-14", ""),
    ("Kết luận số 182-KL/TW, \nngày 29/7/2025 và", "2025-07-29", ""),
    ("Quyết định số 11/2026/QĐ-UBND ngày 29tháng 01 năm 2026", "2026-01-29", "2026"),
    ("Quyết định số 16/2026/QĐ-UBND ngày 25 / 02 /2026", "2026-02-25", "2026"),
    ("Quyết định số 4402/QĐ-UBND của Ủy ban nhân dân tỉnh ngày 01/02/2024", "2024-02-01", ""),
    ("Quyết định số 4402/QĐ-UBND năm 2023 của UBND tỉnh", "", "2023"),
    ("Ngày 24/02/2020, Chính phủ ban hành Nghị định số 23/2020/NĐ-CP Quy định", "2020-02-24", "2020"),
])
def test_dates(text, date, year):
    r = one(text)
    assert r.date == date
    assert r.year == year


def test_date_before_only_within_its_clause():
    refs = refs_of("Ngày 24/02/2020, đoàn kiểm tra làm việc. Sau đó Nghị định số 23/2020/NĐ-CP")
    assert refs[0].date == ""


@pytest.mark.parametrize("text,issuer", [
    ("Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ về xây dựng", "Thủ tướng Chính phủ"),
    ("Quyết định số 25/2021/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Thông tư số 09/2021/TT-BTP", "Bộ Tư pháp"),
    ("Kết luận số 80-KL/TW", "Trung ương"),
])
def test_issuers(text, issuer):
    assert one(text).issuer == issuer


# ------------------------------------------------------------------ lists
def test_list_with_type_given_once():
    refs = refs_of("các Nghị quyết của HĐND tỉnh: số 340/NQ-HĐND ngày 22/12/2020; số 160/NQ-HĐND ngày 10/7/2021")
    assert [(r.ref_id, r.type, r.date) for r in refs] == [("340/NQ-HĐND", "Nghị quyết", "2020-12-22"),
                                                          ("160/NQ-HĐND", "Nghị quyết", "2021-07-10")]


def test_list_of_cong_van_takes_the_type():
    refs = refs_of("các Công văn số 12/UBND-XD ngày 01/02/2024, số 15/UBND-XD")
    assert [r.type for r in refs] == ["Công văn", "Công văn"]


def test_number_list_shares_the_symbol():
    refs = refs_of("thực hiện các Nghị định 87,88,31/CP và Chỉ thị 814/TTg")
    assert [r.ref_id for r in refs] == ["87/CP", "88/CP", "31/CP", "814/TTg"]


@pytest.mark.parametrize("text,ids", [
    ("ban hành Công văn số 402/UBND-THKHvề tổ chức thực hiện", ["402/UBND-THKH"]),  # a word glued to the symbol
    ("vừa có công văn số 6129/BTC - TCCB truyền đạt ý kiến", ["6129/BTC-TCCB"]),  # spaces around the hyphen
    ("Công văn số 123/UBND - Bộ Tài chính đề nghị", ["123/UBND"]),  # … only before a code in capitals
])
def test_symbol_damage_of_scraped_pages(text, ids):
    assert [r.ref_id for r in refs_of(text)] == ids


# ------------------------------------------------------------------ named laws
@pytest.mark.parametrize("text,ids", [
    ("Luật Hòa giải ở cơ sở và các văn bản", ["Luật Hòa giải ở cơ sở"]),
    ("theo Bộ luật Lao động năm 2019", ["Bộ luật Lao động"]),
    ("tại Điều 227 Bộ Luật hình sự năm 2015;", ["Bộ luật Hình sự"]),
    ("Luật PBGDPL", ["Luật Phổ biến, giáo dục pháp luật"]),
    ("Luật Tổ chức HĐND và UBND ngày 26/11/2003", ["Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân"]),
    ("Luật Phòng cháy chữa cháy và cứu nạn cứu hộ.", ["Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ"]),
    ("Luật Cán  bộ, công chức", ["Luật Cán bộ, công chức"]),
    ("Luật Chất lượng sản phẩm, hàng hoá", ["Luật Chất lượng sản phẩm, hàng hóa"]),
    ("Luật Ban hành văn bán quy phạm pháp luật", ["Luật Ban hành văn bản quy phạm pháp luật"]),
    ("Pháp lệnh xử lý vi phạm hành chính", ["Pháp lệnh Xử lý vi phạm hành chính"]),
    ("Luật Trí tuệ nhân tạo", ["Luật Trí tuệ nhân tạo"]),
    ("Luật Thủ đô (sửa đổi)", ["Luật Thủ đô"]),
    ("Luật Đường sắt số 95/2025/QH15", ["95/2025/QH15"]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản năm 2025 thì",
     ["Luật sửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản"]),
    ("Luật sửa đổi Luật Địa chất và khoáng sản năm 2025",
     ["Luật sửa đổi, bổ sung một số điều của Luật Địa chất và khoáng sản"]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng và Luật Thuế tiêu thụ đặc biệt;",
     ["Luật sửa đổi, bổ sung một số điều của Luật Thuế giá trị gia tăng và Luật Thuế tiêu thụ đặc biệt"]),
    ("Luật sửa đổi, bổ sung một số điều của Luật Chất lượng sản phẩm, hàng hóa số 78/2025/QH15;", ["78/2025/QH15"]),
    ("Luật sư và Luật này", []),
    ("Đề xuất xây dựng Luật \nNăm 2026", []),
])
def test_named_laws(text, ids):
    assert [r.ref_id for r in refs_of(text)] == ids


def test_law_date_and_year():
    r = one("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;")
    assert (r.date, r.relation) == ("2025-02-18", "căn cứ")
    assert one("Luật Đất đai năm 2024").year == "2024"


def test_abbreviation_defined_in_the_document():
    refs = refs_of("Luật Phòng, chống ma túy (sau đây gọi tắt là PCMT). Thực hiện Luật PCMT.")
    assert [r.ref_id for r in refs] == ["Luật Phòng, chống ma túy", "Luật Phòng, chống ma túy"]


# ------------------------------------------------------------------ aliases and short forms
def test_short_form_resolves_to_its_reference():
    text = ("Thực hiện Chỉ thị số 11-CT/TU ngày 04/01/2026 của Ban Thường vụ Tỉnh ủy (viết tắt là Chỉ thị 11), "
            "UBND tỉnh ban hành Kế hoạch thực hiện Chỉ thị 11 như sau. Quán triệt Chỉ thị 11 của Tỉnh ủy.")
    refs = refs_of(text)
    assert [r.ref_id for r in refs] == ["11-CT/TU", "11-CT/TU", "11-CT/TU"]
    assert "alias_resolved" in refs[1].flags


def test_short_form_of_a_type_code_fused_with_the_number():
    text = ("Thủ tướng Chính phủ đã ban hành Quyết định số 22/2013/QĐ-TTg về việc hỗ trợ người có công với cách mạng "
            "về nhà ở (sau đây gọi tắt là QĐ22). Bộ Xây dựng hướng dẫn thực hiện QĐ22; các tỉnh rà soát theo QĐ 22.")
    refs = refs_of(text)
    assert [r.ref_id for r in refs] == ["22/2013/QĐ-TTg"] * 3 and [r.text for r in refs[1:]] == ["QĐ22", "QĐ 22"]


def test_a_type_and_number_mention_the_full_id_cited_after_it_and_along_a_list():
    text = ("Theo Nghị quyết 282, Đề án hoàn thành năm 2026. Chương trình hành động ban hành kèm Nghị quyết "
            "282/NQ-CP năm 2025 quy định; triển khai Nghị quyết 68, 57 và Đề án 06. Nghị quyết 68-NQ/TW và "
            "Nghị quyết số 57-NQ/TW của Bộ Chính trị.")
    assert [r.ref_id for r in refs_of(text)] == ["282/NQ-CP", "282/NQ-CP", "68-NQ/TW", "57-NQ/TW", "68-NQ/TW", "57-NQ/TW"]


def test_a_type_and_number_of_two_cited_ids_mention_the_one_cited_most():
    text = ("Triển khai Nghị quyết 71, 57 và Đề án 06. Thực hiện Nghị quyết 71-NQ/TW năm 2025, Nghị quyết 57-NQ/TW "
            "và Nghị quyết 71/NQ-CP của Chính phủ; quán triệt Nghị quyết 71-NQ/TW của Bộ Chính trị.")
    ids = [r.ref_id for r in refs_of(text)]
    assert ids[:2] == ["71-NQ/TW", "57-NQ/TW"]


def test_sau_day_goi_la_then_bare_short_form():
    text = "Nghị định số 180/2025/NĐ-CP (sau đây gọi là Nghị định số 180). Theo Nghị định 180, các bộ"
    assert [r.ref_id for r in refs_of(text)] == ["180/2025/NĐ-CP", "180/2025/NĐ-CP"]


def test_alias_that_is_a_full_symbol_counts_once():
    text = "Kết luận số 213-KL/TW của Bộ Chính trị (sau đây viết tắt là Kết luận số 213-KL/TW)."
    assert [r.ref_id for r in refs_of(text)] == ["213-KL/TW", "213-KL/TW"]


def test_body_names_are_not_short_forms():
    text = "Quyết định số 41/QĐ-CTUB ngày 30/03/2004 (sau đây gọi tắt là Đội kiểm tra 814). Đội kiểm tra 814 có"
    assert [r.ref_id for r in refs_of(text)] == ["41/QĐ-CTUB"]


def test_type_word_repairs_a_wrong_type_code():
    text = "Chỉ thị số 49-CT/TW ngày 28/6/2025. Trên cơ sở Chỉ thị số 49-NQ/TW của Ban Bí thư"
    refs = refs_of(text)
    assert [r.ref_id for r in refs] == ["49-CT/TW", "49-CT/TW"]
    assert "type_code_repaired" in refs[1].flags


# ------------------------------------------------------------------ relations
@pytest.mark.parametrize("text,relation", [
    ("Căn cứ Quyết định số 25/2021/QĐ-TTg", "căn cứ"),
    ("Kế hoạch triển khai thực hiện Quyết định số 1521/QĐ-TTg", "thực hiện"),
    ("Ban hành kèm theo Quyết định số 78/QĐ-UBND", "ban hành kèm theo"),
    ("sửa đổi, bổ sung Nghị định số 30/2020/NĐ-CP", "sửa đổi"),
    ("thay thế Quyết định số 14/2021/QĐ-UBND", "thay thế"),
    ("bãi bỏ Quyết định số 06/2022/QĐ-UBND", "bãi bỏ"),
    ("Tham khảo Quyết định số 06/2022/QĐ-UBND", "khác"),
])
def test_relations(text, relation):
    assert one(text).relation == relation


# ------------------------------------------------------------------ the document's own header
HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 78/QĐ-UBND\nSơn La, ngày 16 tháng 01 năm 2024\n"
          "QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch tuyên truyền năm 2024\n"
          "Căn cứ Quyết định số 25/2021/QĐ-TTg;\n(Kèm theo Quyết định số 78/QĐ-UBND)")


def test_header_is_not_a_reference_and_is_read():
    end = HEADER.index("QUYẾT ĐỊNH") + len("QUYẾT ĐỊNH")
    found = find_references(HEADER, end)
    refs, own = list(found.references), found.own_number
    assert own == "78/QĐ-UBND"
    assert [r.ref_id for r in refs] == ["25/2021/QĐ-TTg"]      # the annex line is the document itself
    meta = read_header(HEADER, own, end)
    assert (meta.number, meta.type, meta.date, meta.place) == ("78/QĐ-UBND", "Quyết định", "2024-01-16", "Sơn La")
    assert meta.title == "Về việc ban hành Kế hoạch tuyên truyền năm 2024"
    assert meta.issuer == "Ủy ban nhân dân"


@pytest.mark.parametrize("line,issuer", [("ỦY BAN NHÂN DÂN TỈNH SƠN LA", "Ủy ban nhân dân tỉnh Sơn La"),
                                         ("BỘ TƯ PHÁP", "Bộ Tư pháp"), ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ")])
def test_header_issuer(line, issuer):
    t = f"{line}\nSố: 12/QĐ-UBND\nHà Nội, ngày 01 tháng 02 năm 2024\nQUYẾT ĐỊNH\nVề việc X\n"
    assert read_header(t, "12/QĐ-UBND", len(t)).issuer == issuer


def test_own_number_after_motto_on_the_same_line():
    t = "CHÍNH PHỦ\nĐộc lập - Tự do - Hạnh phúc  Số: 97/NQ-CP\nHà Nội, ngày 06 tháng 4 năm 2026\nNGHỊ QUYẾT\n"
    found = find_references(t, len(t))
    refs, own = list(found.references), found.own_number
    assert own == "97/NQ-CP" and refs == []


def test_self_mention_in_the_header_of_an_attached_rule():
    t = "QUY ĐỊNH\nvề chương trình\n(Ban hành theo Quyết định số: 256/2004/QĐ-UB ngày 01/7/2004)\nĐiều 1."
    found = find_references(t, 10)
    refs, _own = list(found.references), found.own_number
    assert refs == []


@pytest.mark.parametrize("text,expected", [
    # the date a news lead opens with, past a bold mark of the page
    ("Bộ Xây dựng yêu cầu ứng phó mưa lũ tại Trung Bộ\n**Ngày 22/11/2025, Bộ Xây dựng ban hành Công điện 96/CĐ-BXD về việc ứng phó.**\n",
     [("96/CĐ-BXD", "2025-11-22")]),
    # the year a web page writes after the symbol, emphasis marks between "ngày" and the date
    ("thực hiện Chỉ thị 11/CT-TTg năm 2025 ngày 21/4/2025 của Thủ tướng Chính phủ", [("11/CT-TTg", "2025-04-21")]),
    ("*Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày* *16/6/2025;*", [("72/2025/QH15", "2025-06-16")]),
    # a space beside the "&" of a symbol; "ngày" glued to a symbol
    ("các văn bản số 103/BKH-KTĐP &LT ngày 7 tháng 01 năm 2008", [("103/BKH-KTĐP &LT", "2008-01-07")]),
    ("Công văn số 1479/VPCP-KTTHngày 12/3/2009 của Văn phòng Chính phủ", [("1479/VPCP-KTTH", "2009-03-12")]),
    # a công văn or công điện cited by its number alone
    ("UBND tỉnh ban hành công văn số 3025 ngày 13/5/2022 về việc tổ chức", [("3025", "2022-05-13")]),
    ("Căn cứ Luật Đầu tư theo phương thức PPP ngày 18 tháng 6 năm 2020;", [("Luật Đầu tư theo phương thức đối tác công tư", "2020-06-18")]),
])
def test_reference_dates_of_scraped_and_news_texts(text, expected):
    doc = process_text(text)
    assert [(r.ref_id, r.date) for r in doc.references] == expected
    assert not doc.times  # each date is its reference's


def test_a_short_form_the_text_defines_comes_before_the_abbreviation_list():
    doc = process_text("theo quy định tại Điều 73 Luật Đầu tư theo phương thức PPP (sau đây gọi là Luật PPP), hỗ trợ "
                       "xây dựng dự án; các nội dung khác thực hiện theo Luật PPP.")
    assert {r.ref_id for r in doc.references} == {"Luật Đầu tư theo phương thức đối tác công tư"}


# ------------------------------------------------------------------ citation graph
def _doc(doc_id, number, refs):
    return Document(doc_id=doc_id, path="", format="txt", text="", meta=DocumentMeta(number=number),
                    references=tuple(Reference(start=i, end=i + 1, text="", ref_id=r) for i, r in enumerate(refs)))


def test_link_citations():
    docs = [_doc("a.txt", "78/QĐ-UBND", ["25/2021/QĐ-TTg", "12/KH-UBND"]),
            _doc("b.txt", "12/KH-UBND", ["78/qđ-ubnd", "12/KH-UBND"]),
            _doc("c.txt", "", ["78/QĐ-UBND"])]
    edges = link_citations(docs)
    assert list(edges.columns[:3]) == ["doc_id", "cited_doc_id", "ref_id"]
    assert sorted(zip(edges.doc_id, edges.cited_doc_id)) == [("a.txt", "b.txt"), ("b.txt", "a.txt"), ("c.txt", "a.txt")]


def test_link_citations_empty():
    assert link_citations([]).empty


def test_an_item_numbered_with_a_slash_is_no_document():
    # "**1/ Đối tượng tham gia …" (a tax office's items "1/ … 6/"): no document "1/ĐỐI"
    text = "Bảo hiểm xã hội Thành phố thông báo như sau:\n\n**1/ Đối tượng tham gia bảo hiểm**\n\n2/ Tỷ lệ đóng giữ nguyên.\n"
    assert find_references(text, 0).references == ()


def test_a_party_symbol_written_tu_is_its_official_tw():
    [r] = find_references("thực hiện Nghị quyết số 09-NQ/TƯ ngày 09/12/2011 của Bộ Chính trị", 0).references
    assert (r.ref_id, r.text) == ("09-NQ/TW", "09-NQ/TƯ")


def test_a_forms_number_is_no_document():
    text = "Người nộp thuế kê khai theo Mẫu số 06/GTGT ban hành kèm theo Thông tư số 80/2021/TT-BTC."
    assert [r.ref_id for r in find_references(text, 0).references] == ["80/2021/TT-BTC"]


def test_the_documents_own_number_and_its_date_are_no_reference_and_no_time():
    """A legal site's page repeats the document's own number with its date ("Xem chi tiết tại Công văn
    10988/BNV-CQĐP ban hành ngày 21/11/2025"): no reference, and its date no time of the text."""
    text = (
        "BỘ NỘI VỤ\nSố: 10988/BNV-CQĐP\nV/v tăng cường quản lý\nHà Nội, ngày 21 tháng 11 năm 2025\n\n"
        "Kính gửi: Ủy ban nhân dân các tỉnh.\n\nXem chi tiết tại Công văn 10988/BNV-CQĐP ban hành ngày 21/11/2025. "
        "Đề nghị các tỉnh báo cáo trước ngày 30/11/2025.\n"
    )
    found = find_references(text, text.index("Kính gửi"))
    assert found.own_number == "10988/BNV-CQĐP"
    assert not [r for r in found.references if "10988" in r.ref_id]
    s = text.index("ngày 21/11/2025")
    assert any(a <= s < b for a, b in found.own_spans)
    doc = process_text(text)
    assert [t.value for t in doc.times] == ["../2025-11-30"]


def test_a_party_symbol_broken_after_its_hyphen_by_a_line_join():
    """pdftotext's "số 31-" ⏎ "   CTr/TW", joined as "31-    CTr/TW": one reference, 31-CTr/TW."""
    found = find_references("Chương trình hành động số 31-    CTr/TW ngày 28/7/2026 của Bộ Chính trị")
    assert [r.ref_id for r in found.references] == ["31-CTr/TW"]


@pytest.mark.parametrize("text,ids", [
    ("được cụ thể hoá trong luật Cảnh sát biển Việt Nam năm 2018", ["Luật Cảnh sát biển Việt Nam"]),
    ("nghiên cứu, sửa đổi luật Phòng, chống tham nhũng để Chính phủ trình", ["Luật Phòng, chống tham nhũng"]),
    ("thực hiện theo quy định của luật lao động và pháp luật Việt Nam", []),
    ("các luật gia và luật sư tham gia", []),
])
def test_a_known_law_after_a_lower_case_head_is_a_reference(text, ids):
    """A word-segmented or news text writes "luật" in lower case before a law's name: a known name with its
    capital is the law; the word alone ("luật lao động", "luật gia", "pháp luật") names none."""
    assert [r.ref_id for r in refs_of(text)] == ids


@pytest.mark.parametrize("text,rid", [
    ("Bộ Xây dựng đã có Công văn 2239 yêu cầu Sở Xây dựng các tỉnh", "2239"),
    ("Thực hiện Công điện số 1409 ngày 15 tháng 9 năm 2021 của Bộ Y tế", "1409"),
    ("xây dựng chương trình hành động thực hiện Nghị quyết số 28 của Chính phủ", "Nghị quyết số 28"),
])
def test_a_letter_cited_by_its_bare_number_has_that_number_for_its_id(text, rid):
    assert [r.ref_id for r in refs_of(text)] == [rid]
