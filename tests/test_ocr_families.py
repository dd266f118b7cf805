"""OCR output of scanned or signed PDFs (issue 11): a converter's page-break lines, stray blank
lines and full stops, tone marks misread, a roman "I." read as "1.", hyphens lost in symbols.
Each test is a family written from how OCR engines fail, not a string of the sealed split."""

from __future__ import annotations

import pytest

from pipeline.api import process_text
from pipeline.extraction.cues import detone, starts_with_action
from pipeline.extraction.symbols import parse_symbol
from pipeline.learn.classifier import use_classifier
from pipeline.text.segment import opens_item, segment
from pipeline.text.unwrap import unwrap

# a công văn as an OCR engine returns it: lines wrapped at the page width, a page break inside an
# item, a blank line inside a sentence, "Chù trì" for "Chủ trì", "tháng." in the date line
OCR = """UỶ BAN NHÂN DÂN
TỈNH LÀO CAI CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 125/UBND-KT Lào Cai, ngày 23
tháng. 7 năm 2026
V/v tăng cường quản lý khoáng sản

Kính gửi: Các sở, ban, ngành thuộc UBND tỉnh.

Để tăng cường công tác quản lý nhà nước về khoáng sản trên địa bàn, Chủ tịch Ủy
ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện một số nội dung như sau:

1. Sở Nông nghiệp và Môi trường

- Chủ động có văn bản hướng dẫn, đôn đốc các tổ chức, doanh nghiệp hoạt động
khoáng sản trên địa bàn tỉnh thực hiện nghiêm các quy định của pháp luật; nâng

--- PAGE BREAK ---

cao trách nhiệm trong công tác quản lý ranh giới mỏ, mốc giới khu vực được cấp
phép và bảo vệ tài nguyên khoáng sản tại khu vực lân cận.

2. Sở Xây dựng

- Chù trì, phối hợp với các sở, ngành, địa phương tăng cường quản lý nhà nước
đối với hoạt động khai thác, vận chuyển, sử dụng khoáng sản làm vật liệu xây
dựng thông thường phục vụ các công trình xây dựng trên địa bàn tỉnh.

- Tăng cường kiểm tra việc sử dụng vật liệu xây dựng tại các công trình; kịp

thời phát hiện, xử lý nghiêm các trường hợp sử dụng khoáng sản không rõ nguồn
gốc, hoàn thành trong quý 11/2026.
"""


def _doc():
    with use_classifier(None):
        return process_text(OCR, doc_id="ocr.txt")


def test_page_break_line_is_furniture_and_the_sentence_goes_on():
    doc = _doc()
    texts = [" ".join(t.text.split()) for t in doc.tasks]
    assert any(t.endswith("tại khu vực lân cận") and t.startswith("nâng cao trách nhiệm") for t in texts), texts
    assert all("PAGE BREAK" not in t for t in texts)


def test_stray_blank_line_inside_a_sentence_is_joined():
    out = unwrap("- Tăng cường kiểm tra việc sử dụng vật liệu xây dựng tại các công trình; kịp\n\nthời phát hiện vi phạm.\n").text
    assert "kịp  thời" in out or "kịp thời" in " ".join(out.split())
    # a short heading line before a blank line stays apart from a lower-case line
    kept = unwrap("II. NHIỆM VỤ\n\nthực hiện các nội dung sau đây trong năm 2026 theo kế hoạch đã được phê duyệt\n").text
    assert "\n" in kept.strip()


@pytest.mark.parametrize("text,left,right,joined", [
    # Tesseract leaves a blank line after a paragraph's indented first line or a short item line,
    # however short the line
    ("Dòng đầu tiên của văn bản này khá dài để đặt độ rộng dòng của trang văn bản.\nNước là nguồn tài nguyên có vai\n\n"
     "trò đặc biệt quan trọng trong phát triển kinh tế - xã hội cũng như đời sống\n", "vai", "trò", True),
    ("a) Tăng cường công tác tuyên\n\ntruyền, phổ biến, tập huấn các quy định về quản lý và bảo vệ nước dưới đất đến\n",
     "tuyên", "truyền,", True),
    # an OCR's stray full stop after a paragraph's first line
    ("e) Chủ động theo dõi diễn biến.\n\nthời tiết do các cơ quan chức năng cung cấp, kịp thời cung cấp thông tin cho\n",
     "biến.", "thời", True),
    # a clause closed by ";" whose item goes on in lower case after the stray blank line
    ("Xây dựng các nhiệm vụ phải rõ ràng, đơn giản, dễ làm, có tính khả thi cao;\n\n"
     "trên cơ sở thực hiện theo mục tiêu, chỉ tiêu đã được Quốc hội phê duyệt\n", "cao;", "trên", True),
    # a line that ends with a word no sentence ends with, before a proper noun ("… quy định của" ⏎⏎ "Luật …")
    ("Các cơ quan quản lý nhà nước có trách nhiệm thực hiện hiệu quả và chấp hành nghiêm quy định\ncủa\n\n"
     "Luật Tài nguyên nước và các văn bản quy phạm pháp luật liên quan; thực hiện tốt\n", "của", "Luật", True),
    # … a number after "số", whatever the text's line width ("… ban hành Chỉ thị số" ⏎⏎ "33/2004/CT-TTg …")
    ("Ngày 23 tháng 9 năm 2004, Thủ tướng Chính phủ đã ban hành Chỉ thị số\n\n33/2004/CT-TTg về việc xây dựng kế hoạch "
     "phát triển kinh tế - xã hội 5 năm 2006 - 2010 của các bộ, ngành và địa phương trong cả nước, với nhiều dòng dài "
     "hơn khổ trang thường thấy của một văn bản được in ra giấy rồi quét lại bằng máy.\n", "số", "33/2004/CT-TTg", True),
    # … but a heading in capitals after it stays apart
    ("Các cơ quan quản lý nhà nước có trách nhiệm thực hiện hiệu quả và chấp hành nghiêm quy định của\n\n"
     "II. TỔ CHỨC THỰC HIỆN\n", "của", "II.", False),
    # … but not a sentence's last line (pdftotext's jumbled columns go on in lower case)
    ("Chủ động phối hợp với Ủy ban nhân dân các xã tổ chức thực hiện công tác bồi thường, giải phóng mặt bằng\n"
     "theo quy định.\n\n\nnhưng chưa sử dụng, khoáng sản đi kèm trong quá trình khai thác; đối với khu vực\n",
     "định.", "nhưng", False),
    # a page number, or an item that opens with its letter, is no sentence going on
    ("quyết định hoặc phối hợp với các cơ quan có liên quan theo các hình thức sau đây\n"
     "                                         2\n\nchủ trì quyết định hoặc phối hợp với các cơ quan\n", "2", "chủ", False),
    ("2. Mục tiêu cụ thể đến năm 2030\n\na) 100% các phường, xã tổ chức ngày cuối tuần ra quân tổng vệ sinh\n",
     "2030", "a)", False),
])
def test_blank_line_inside_a_sentence_whatever_the_lines_length(text, left, right, joined):
    lines = [line.split() for line in unwrap(text).text.split("\n")]
    together = any(w == left and k + 1 < len(line) and line[k + 1] == right for line in lines for k, w in enumerate(line))
    assert together is joined, lines


def test_a_table_of_contents_entry_is_furniture():
    out = unwrap("MỤC LỤC\nPHỤ LỤC B Các giải pháp kỹ thuật nâng cao an toàn PCCC đối với một số tồn tại về\n\n"
                 "PCCC điển hình liên quan đến thoát nạn ......................................... 20\n").text
    assert "thoát nạn" not in out


def test_a_date_alone_under_a_pages_headline_is_furniture():
    page = "Kiên Giang: Quyết định lấy ngày 10-10 hằng năm là ngày chuyển đổi số\n11/10/2022\nChủ tịch UBND tỉnh quyết định.\n"
    assert "11/10/2022" not in unwrap(page).text
    label = "Kế hoạch kiểm tra\nThời hạn hoàn thành:\n30/11/2025\nNội dung\n"  # a label's value stays
    assert "30/11/2025" in unwrap(label).text


def test_inline_page_break_marker_is_blanked():
    out = unwrap("đôn đốc công tác --- PAGE BREAK --- chéo trong ngành").text
    assert " ".join(out.split()) == "đôn đốc công tác chéo trong ngành"


def test_misread_tone_marks_still_open_a_task():
    assert starts_with_action("Chù trì, phối hợp với các sở") == "Chù trì"
    assert starts_with_action("Chủ tri, phối hợp với các sở") == "Chủ tri"
    assert starts_with_action("Cư dân trên địa bàn") == ""  # one-syllable verbs only exactly ("cử")
    assert len(detone("Chủ trì Đảng ủy")) == len("Chủ trì Đảng ủy")
    assert detone(detone("Chủ trì")) == detone("Chủ trì") == "Chu tri"
    doc = _doc()
    assert any(t.text.startswith("Chù trì, phối hợp") for t in doc.tasks)


def test_date_line_with_ocr_punctuation_dates_the_document():
    assert _doc().meta.date == "2026-07-23"


def test_quarter_numeral_read_as_digits():
    doc = _doc()
    assert any(t.value == "2026-Q2" for t in doc.times)


def test_roman_one_read_as_arabic_one_is_a_heading():
    text = (
        "1. Đối với các dự án đã được cấp phép\n1. Tổ chức rà soát hồ sơ pháp lý của dự án.\n"
        "2. Thực hiện đối chiếu thông tin, số liệu.\nII. Trong quá trình hoạt động khai thác\n"
        "1. Thực hiện nghiêm túc các nghĩa vụ.\n"
    )
    o = segment(text)
    assert [b.marker_type for b in o.blocks] == ["roman", "arabic", "arabic", "roman", "arabic"]
    assert o.parents[1] == 0 and o.parents[4] == 3
    # without a later "II." or a second "1." nothing is changed
    o = segment("1. Tổ chức rà soát hồ sơ pháp lý.\n2. Thực hiện đối chiếu thông tin.\n")
    assert [b.marker_type for b in o.blocks] == ["arabic", "arabic"]


def test_roman_numerals_with_l_for_i():
    o = segment("Il. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Tổ chức tuyên truyền.\nIll. TỔ CHỨC THỰC HIỆN\n")
    assert [b.marker_type for b in o.blocks] == ["roman", "arabic", "roman"]


def test_symbol_whose_hyphen_was_lost():
    assert parse_symbol("38", "2025", "TTBCT").id == "38/2025/TT-BCT"
    assert parse_symbol("14", "", "CTTTg").id == "14/CT-TTg"
    assert parse_symbol("5", "", "UBND").id == "5/UBND"  # a known code is left whole
    assert parse_symbol("5141", "", "SNNMTKS").id == "5141/SNNMTKS"  # no known split: as written


def test_reference_date_after_a_stray_full_stop():
    with use_classifier(None):
        doc = process_text(
            "Thực hiện Nghị định số 193/2025/NĐ-CP.\nngày 02/7/2025 của Chính phủ, Sở yêu cầu các đơn vị rà soát.\n"
        )
    ref = next(r for r in doc.references if r.ref_id == "193/2025/NĐ-CP")
    assert ref.date == "2025-07-02"


def test_yaml_front_matter_of_a_converter_is_furniture():
    text = "---\ntitle: Công văn 4451/TCT-TTKT\nsource: scan.pdf\npages: 3\ntags:\n- thuế\n---\n\nKính gửi: Cục Thuế các tỉnh.\n"
    u = unwrap(text)
    assert {n for _, _, n in u.furniture} == {"front_matter"}
    assert "4451" not in u.text and "Kính gửi" in u.text
    # a text that opens with a rule line and then prose keeps its prose
    prose = "---\nTổng cục Thuế yêu cầu các Cục Thuế triển khai thực hiện.\n---\n"
    assert "Tổng cục Thuế" in unwrap(prose).text


def test_json_front_matter_of_a_site_generator_is_furniture():
    text = '---json\n{\n    "title": "Chỉ đạo nổi bật tuần từ 5-9/9/2016",\n    "tag": []\n}\n---\nÁp dụng biểu thuế mới từ 1/9/2016\n'
    u = unwrap(text)
    assert "5-9/9/2016" not in u.text and "từ 1/9/2016" in u.text


def test_slash_markers_are_list_markers():
    o = segment(
        "1/ Về công tác tuyên truyền\na/ Tổ chức quán triệt Chỉ thị.\nb/ Rà soát kế hoạch.\n2/ Về kiểm tra\n12/5/2024 là ngày ký.\n"
    )
    assert [b.marker for b in o.blocks] == ["1/", "a/", "b/", "2/", ""]
    assert o.parents[1] == 0 and o.parents[3] == -1


def test_marker_alone_on_its_line_heads_the_next_line():
    text = "1 .\nTăng cường kiểm tra, giám sát việc thực hiện.\n2 .\n\nRà soát, bổ sung kế hoạch phòng thủ.\n"
    o = segment(unwrap(text).text)
    items = [b for b in o.blocks if b.marker_type == "arabic"]
    assert len(items) == 2 and "Tăng cường" in items[0].text and "Rà soát" in items[1].text


@pytest.mark.parametrize(
    "line, opens",
    [("a) 100% các phường, xã", True), ("iII. Về công tác tuyên truyền", True), ("ii) Rà soát", True),
     ("b. 30% số xã", True), ("truyền, phổ biến", False), ("xi măng", False), ("vi phạm hành chính", False)],
)
def test_a_line_opens_a_list_item_whatever_follows_its_marker(line, opens):
    assert opens_item(line) is opens


def test_lower_case_roman_numeral_heads_a_section():
    # a legacy-encoded text lower-cased by its conversion ("iV. Về công tác chỉ đạo …"), an OCR's "iII."
    outline = segment("iII. Về công tác chỉ đạo:\n1. Tăng cường kiểm tra.\niV. Tổ chức thực hiện\n")
    assert [b.marker_type for b in outline.blocks if b.marker_type == "roman"] == ["roman", "roman"]


def test_block_quote_marks_are_blanked_and_their_items_read():
    # an amended article quoted in a decision ("8. Sửa đổi Điều 25 như sau:" ⏎ "> a) Kiểm tra …")
    text = "> **1. Sở Nông nghiệp và Môi trường**\n>\n> a) Kiểm tra, hướng dẫn Ủy ban nhân dân cấp xã.\n"
    out = unwrap(text).text
    assert len(out) == len(text) and ">" not in out
    assert [b.marker_type for b in segment(out).blocks][-1] == "letter"


def test_a_rule_line_ends_the_heading_above_it():
    # a Markdown heading's underline ("=====") is no wrapped line: the lead below is not joined to the title
    text = "6 giải pháp quản lý quỹ tài chính ngoài ngân sách\n=====\n\nNghị quyết 792 đã ban hành một số nhiệm vụ.\n"
    lines = [line.strip() for line in unwrap(text).text.split("\n") if line.strip()]
    assert lines[0] == "6 giải pháp quản lý quỹ tài chính ngoài ngân sách"


def test_a_date_line_below_a_cong_vans_subject_is_the_documents_date():
    """A công văn flattened with its "V/v …" subject (left column) above the place-and-date line (right
    column), below a news page's furniture (development text i05): that line is the document's date, not a
    time of its content."""
    from pathlib import Path

    from pipeline.api import extract

    doc = extract(Path(__file__).resolve().parents[1] / "data" / "raw" / "wide" / "i05.txt").documents[0]
    assert doc.meta.date == "2013-06-12"
    assert "2013-06-12" not in [t.value for t in doc.times]


def test_a_plain_text_legal_card_gives_the_own_number_and_no_self_mention():
    """An OCR'd legal-site page: "Số hiệu:" alone above the number (no Markdown bold) is the card's label,
    so the number is the document's own; its annex's "(Kèm theo Công văn số 6225/BVHTTDL.VP …)", the OCR
    reading the hyphen as a dot, is no reference."""
    from pipeline.api import extract_text

    text = ("Đang tải văn bản...\n\n#\n\nSố hiệu:\n\n6225/BVHTTDL-VP\n\nLoại văn bản:\n\nCông văn\n\n"
            "Bộ đề nghị các đơn vị thực hiện các nhiệm vụ sau:\n1. Rà soát các thủ tục hành chính.\n\nPHỤ LỤC\n"
            "(Kèm theo Công văn số 6225/BVHTTDL.VP ngày 18/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)\n")
    doc = extract_text(text).documents[0]
    assert doc.meta.number == "6225/BVHTTDL-VP"
    assert [r.ref_id for r in doc.references] == []
