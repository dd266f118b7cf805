"""Readers: formats, tables as `` | `` rows, bad input made here (never large files)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pipeline.read import pdf as pdfmod
from pipeline.errors import (CorruptFile, DecodingError, EmptyDocument, EncryptedFile, FileTooLarge,
                             InputError, NoTextLayer, UnsupportedFormat)
from pipeline.read.readers import read_file, rebuild_flat_tables, restore_word_segmented
from tests.pdf_maker import pdf_pages as _pdf


# ------------------------------------------------------------------ PDF makers

def _image_pdf(text: str | None, path: Path) -> Path:
    from PIL import Image, ImageDraw, ImageFont
    img = Image.new("L", (900, 200), 255)
    if text:
        try:
            font = ImageFont.truetype("DejaVuSans.ttf", 40)
        except OSError:
            font = ImageFont.load_default()
        ImageDraw.Draw(img).text((30, 70), text, fill=0, font=font)
    img.save(path, "PDF", resolution=150)
    return path


# ------------------------------------------------------------------- text PDF

def test_pdf_pages_and_page_starts(tmp_path):
    p = tmp_path / "a.pdf"
    p.write_bytes(_pdf([["Page one line one", "continued here"], ["Second page text 2026"]]))
    raw = read_file(p)
    assert raw.format == "pdf" and len(raw.page_starts) == 2
    second = raw.text[raw.page_starts[1]:]
    assert "Second page text 2026" in second and "Page one" not in second


def test_pdfplumber_and_pypdfium2_agree(tmp_path):
    import pdfplumber
    import pypdfium2 as pdfium
    data = _pdf([["Ke hoach so 25/KH-UBND ngay 10/3/2026", "Thoi han: truoc ngay 30/6/2026 (Quy II)"],
                 ["Phu luc: TT | Noi dung | Co quan chu tri"]])
    doc = pdfium.PdfDocument(data)
    fast = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    with pdfplumber.open(io.BytesIO(data)) as pl:
        slow = [pg.extract_text() for pg in pl.pages]
    norm = lambda s: " ".join(s.split())  # noqa: E731
    assert [norm(t) for t in fast] == [norm(t) for t in slow]


@pytest.mark.parametrize("broken,fixed", [
    ("CỘNG HÕA XÃ HỘI", "CỘNG HÒA XÃ HỘI"),
    ("47/2024/TT\ufffeBGTVT", "47/2024/TT-BGTVT"),
    ("line one\r\nline two\rthree", "line one\nline two\nthree"),
    ("VÕ VĂN KIỆT", "VÕ VĂN KIỆT"),
])
def test_repair_text_layer(broken, fixed):
    assert pdfmod.repair_text_layer(broken) == fixed


@pytest.mark.parametrize("rows,expected", [
    # header split over two rows, spurious empty grid columns, merged section row
    ([["TT", "Nội dung", "", "Cơ quan chủ", "Cơ quan", "Thời gian"],
      [None, None, None, "trì", "phối hợp", None],
      ["I", "Hoàn thiện thể chế", None, None, None, None],
      ["1", "Rà soát,\nthể chế hóa", None, "Bộ NN&MT", "Các bộ", "Năm\n2026"]],
     [["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
      ["I", "Hoàn thiện thể chế"],
      ["1", "Rà soát, thể chế hóa", "Bộ NN&MT", "Các bộ", "Năm 2026"]]),
    # a row cut by an inner rule is joined to the row above
    ([["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
      ["4.", "", "Bộ Tài chính", "Thường xuyên"],
      [None, "Đổi mới nội dung", None, None]],
     [["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
      ["4.", "Đổi mới nội dung", "Bộ Tài chính", "Thường xuyên"]]),
])
def test_normalise_table(rows, expected):
    got = pdfmod.normalise_table(rows)
    assert got == expected


# ------------------------------------------------------------------ scans, OCR

def test_image_only_pdf_without_ocr_is_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(pdfmod, "tesseract_ready", lambda: "Tesseract is not installed (apt-get install tesseract-ocr)")
    p = _image_pdf("Ke hoach", tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayer) as e:
        read_file(p)
    assert "scan.pdf" in str(e.value) and "tesseract" in str(e.value).lower()


@pytest.mark.skipif(pdfmod.tesseract_ready() is not None, reason="Tesseract with Vietnamese is not installed")
def test_ocr_tiny_scan(tmp_path):
    p = _image_pdf("KE HOACH 2026", tmp_path / "scan.pdf")
    raw = read_file(p)
    assert raw.ocr_confidence is not None and raw.ocr_confidence > 30
    assert "2026" in raw.text and any("OCR" in w for w in raw.warnings)


def test_ocr_text_layout():
    d = {"text": ["Kế", "hoạch", "", "Điều", "1"], "conf": ["90", "80", "-1", "70", "60"],
         "block_num": [1, 1, 1, 2, 2], "par_num": [1, 1, 1, 1, 1], "line_num": [1, 1, 1, 1, 1]}
    text, confs = pdfmod._ocr_text(d)
    assert text == "Kế hoạch\n\nĐiều 1" and confs == [90, 80, 70, 60]


# ------------------------------------------------------------------ bad input

def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document/>" + b" " * (8 * 2**20))
    return path


@pytest.mark.parametrize("name,content,exc,words", [
    ("empty.pdf", b"", EmptyDocument, ["empty"]),
    ("empty.txt", b"", EmptyDocument, ["empty"]),
    ("trunc.pdf", None, CorruptFile, ["truncated"]),
    ("enc.pdf", "encrypted", EncryptedFile, ["password"]),
    ("html.pdf", b"<html><body>not a pdf</body></html>", CorruptFile, ["no %PDF header"]),
    ("pdf.docx", b"%PDF-1.4 something", CorruptFile, ["a PDF", ".doc"]),
    ("notzip.docx", b"PK\x03\x04garbage", CorruptFile, ["re-save"]),
    ("docx.doc", b"PK\x03\x04garbage", UnsupportedFormat, ["rename it to .docx"]),
    ("bad.doc", b"just some text", CorruptFile, ["OLE"]),
    ("a.odt", b"whatever", UnsupportedFormat, [".odt"]),
    ("noext", b"whatever", UnsupportedFormat, ["(none)"]),
    ("bin.txt", b"\x00\x01\x02binary", DecodingError, ["binary"]),
    ("blank.txt", b"   \n\n  ", EmptyDocument, ["no text"]),
])
def test_bad_input(tmp_path, name, content, exc, words):
    p = tmp_path / name
    if content is None:
        content = _pdf([["Some text that is long enough"]])[:150]
    elif content == "encrypted":
        content = _pdf([["Secret text that is long enough"]], encrypt=True)
    p.write_bytes(content)
    with pytest.raises(exc) as e:
        read_file(p)
    msg = str(e.value)
    assert name in msg and " — " in msg, "names the file and says what to do"
    for w in words:
        assert w in msg


def test_zip_bomb_docx(tmp_path, monkeypatch):
    import pipeline.read.docx as docx_reader
    monkeypatch.setattr(docx_reader, "MAX_DOCX_UNPACKED", 4 * 2**20)   # the real limit is 500 MiB
    p = _zip_bomb(tmp_path / "bomb.docx")
    assert p.stat().st_size < 2**20
    with pytest.raises(FileTooLarge) as e:
        read_file(p)
    assert "zip bomb" in str(e.value)


def test_over_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"x" * 5000)
    with pytest.raises(FileTooLarge) as e:
        read_file(p, max_bytes=1000)
    assert "big.txt" in str(e.value) and "--max-mb" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError):
        read_file(tmp_path / "nope.txt")


def test_batch_goes_on(tmp_path):
    from pipeline.api import process_file
    (tmp_path / "e.pdf").write_bytes(b"")
    doc = process_file(tmp_path / "e.pdf")
    assert doc.status == "error" and "e.pdf" in doc.error


# ------------------------------------------------------------------------ Word

def test_docx_numbering_and_tables(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("Mở đầu")
    d.add_paragraph("Nhiệm vụ một", style="List Number")
    d.add_paragraph("Nhiệm vụ hai", style="List Number")
    d.add_paragraph("Ý phụ", style="List Bullet")
    t = d.add_table(rows=2, cols=3)
    for j, s in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        t.cell(0, j).text = s
    t.cell(1, 0).text = "1"
    t.cell(1, 1).merge(t.cell(1, 2)).text = "Gộp"
    d.add_paragraph("Kết thúc")
    p = tmp_path / "a.docx"
    d.save(p)
    raw = read_file(p)
    lines = raw.text.split("\n")
    assert lines[0] == "Mở đầu"
    assert lines[1] == "1. Nhiệm vụ một" and lines[2] == "2. Nhiệm vụ hai" and lines[3] == "- Ý phụ"
    assert lines[4] == "TT | Nội dung | Cơ quan chủ trì" and lines[5] == "1 | Gộp"
    assert lines[6] == "Kết thúc"
    assert raw.tables == ((("TT", "Nội dung", "Cơ quan chủ trì"), ("1", "Gộp")),)


def test_docx_soft_line_breaks_inside_a_sentence_are_spaces(tmp_path):
    """A Word paragraph with a soft break at every printed line's end (PDF-to-Word output): the breaks inside
    a sentence join; one before a list marker, a capital or after a sentence's end stays."""
    import docx
    d = docx.Document()
    p = d.add_paragraph("- Chủ trì, thẩm định điều kiện về vốn chủ sở hữu của")
    for line in ["tổ chức, cá nhân khi tham mưu trình cấp có thẩm quyền.", "- Phối hợp với Sở Tài chính.", "Chủ tịch UBND xã chịu trách nhiệm trước pháp", "luật."]:
        p.add_run().add_break()
        p.add_run(line)
    path = tmp_path / "b.docx"
    d.save(path)
    assert read_file(path).text.split("\n") == [
        "- Chủ trì, thẩm định điều kiện về vốn chủ sở hữu của tổ chức, cá nhân khi tham mưu trình cấp có thẩm quyền.",
        "- Phối hợp với Sở Tài chính.",
        "Chủ tịch UBND xã chịu trách nhiệm trước pháp luật.",
    ]


def test_antiword_table_rows():
    from pipeline.read.doc import antiword_tables
    text = "Điều 3.\n|       |TM. ỦY BAN   |\n|       |CHỦ TỊCH     |\n|   |   |\n[pic]\nHết"
    assert antiword_tables(text) == "Điều 3.\nTM. ỦY BAN\nCHỦ TỊCH\nHết"


@pytest.mark.parametrize("raw,expected,changed", [
    ("Chỉ_thị của Bộ_trưởng về việc thực_hiện văn_bản số 2600 / TTg-KTTH , ngày 22 .",
     "Chỉ thị của Bộ trưởng về việc thực hiện văn bản số 2600/TTg-KTTH, ngày 22.", True),
    ("I . phân_công nhiệm_vụ ( quý I năm 2010 ) ; báo_cáo", "I. phân công nhiệm vụ (quý I năm 2010); báo cáo", True),
    ("Thực_hiện theo Nghị_định số 217 / 2025 / NĐ -\nCP và Quy_chuẩn QCVN 40 : 2011 / BTNMT",
     "Thực hiện theo Nghị định số 217/2025/NĐ-\nCP và Quy chuẩn QCVN 40:2011/BTNMT", True),
    # a segmenter's join to a number or to punctuation kept inside a token goes too ("IV._THÀNH": the
    # roman heading must stay a heading)
    ("IV._THÀNH_LẬP , KIỆN_TOÀN TỔ_CHỨC\nTriển_khai 1.236_vụ kiểm_tra . |_TRƯỞNG_BAN",
     "IV. THÀNH LẬP, KIỆN TOÀN TỔ CHỨC\nTriển khai 1.236 vụ kiểm tra. | TRƯỞNG BAN", True),
    # a Markdown table's header and rule glued to their pipes ("| TT_| …", "| ---_| --- |")
    ("| TT_| Nội_dung hoạt_động | Cơ_quan chủ_trì |\n| ---_| ---_| --- |\nTổ_chức hội_nghị",
     "| TT | Nội dung hoạt động | Cơ quan chủ trì |\n| --- | --- | --- |\nTổ chức hội nghị", True),
    # an ampersand inside a code ("4236 / SXD-QLN & CS")
    ("Thực_hiện văn_bản số 4236 / SXD-QLN & CS và 103 / BKH-KTĐP & LT của Bộ_trưởng Bộ Kế_hoạch",
     "Thực hiện văn bản số 4236/SXD-QLN&CS và 103/BKH-KTĐP&LT của Bộ trưởng Bộ Kế hoạch", True),
    ("file_name and a plain sentence , with many words here that are not segmented at all",
     "file_name and a plain sentence , with many words here that are not segmented at all", False),
])
def test_word_segmented(raw, expected, changed):
    assert restore_word_segmented(raw) == (expected, changed)


def test_legacy_txt_latin1_bytes(tmp_path):
    p = tmp_path / "tcvn3.txt"
    p.write_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam; Ch\u00ad¬ng tr×nh".encode("latin-1"))
    raw = read_file(p)
    assert raw.text == "Cộng hòa xã hội chủ nghĩa Việt Nam; Chương trình"
    assert any("tcvn3" in w for w in raw.warnings)


_FLAT_116_HEADER = """TT
Nội dung, nhiệm vụ
Cơ quan chủ
trì thực hiện
Cơ quan
phối hợp
Thời gian
"""
FLAT = """Phụ lục
""" + _FLAT_116_HEADER + """I
Hoàn thiện thể chế, chính sách
1
Rà soát, thể chế hóa các chủ trương,
định hướng của Đảng.
Bộ NN&MT,
Bộ Quốc phòng
Các bộ,
cơ quan
Năm
2026 - 2027
CÔNG BÁO/Số 277/Ngày 16-05-2026
61
""" + _FLAT_116_HEADER + """2
Bổ sung chiến lược.
Bộ NN&MT
Các bộ, cơ quan
Thường xuyên"""


def test_flat_table_rebuilt():
    text, n = rebuild_flat_tables(FLAT)
    assert n == 1
    assert text.split("\n") == [
        "Phụ lục",
        "TT | Nội dung, nhiệm vụ | Cơ quan chủ trì thực hiện | Cơ quan phối hợp | Thời gian",
        "I | Hoàn thiện thể chế, chính sách",
        "1 | Rà soát, thể chế hóa các chủ trương, định hướng của Đảng. | Bộ NN&MT, Bộ Quốc phòng | Các bộ, cơ quan | Năm 2026 - 2027",
        "2 | Bổ sung chiến lược. | Bộ NN&MT | Các bộ, cơ quan | Thường xuyên",
    ]


def test_no_table_no_change():
    text = "TT\nmột dòng\nhai dòng"
    assert rebuild_flat_tables(text) == (text, 0)


# A Công báo annex flattened cell by cell, with a page break inside row 1.2: the header
# is repeated, then the rest of the content, then the rest of the lead agency's name.
_FLAT_HEADER = """TT
Nhiệm vụ, giải pháp
Cơ quan
chủ trì
Cơ quan
phối hợp
Sản phẩm
Thời gian
thực hiện
"""
FLAT_BREAK = _FLAT_HEADER + """1.
Rà soát, hoàn thiện thể chế
1.1
Nghiên cứu, sửa đổi các quy định
về đầu tư.
Bộ Tài chính
Bộ Khoa học và
Công nghệ
Cơ chế, chính sách
được ban hành
Nhiệm vụ thường
xuyên
1.2
Nghiên cứu xây dựng tiêu chuẩn cơ
Bộ Khoa học và
Cơ quan, tổ chức
Tiêu chuẩn, quy
Quý IV/2026

CÔNG BÁO/Số 333/Ngày 16-06-2026
92
""" + _FLAT_HEADER + """sở, tiêu chuẩn quốc gia.
Công nghệ
và doanh nghiệp
2
Tuyên truyền Nghị quyết số 66-NQ/TW1
Bộ Tư pháp
Các bộ
Báo cáo
Năm 2026

1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị.
"""


def test_flat_table_page_break_continues_each_cell():
    text, n = rebuild_flat_tables(FLAT_BREAK)
    assert n == 1
    rows = [line.split(" | ") for line in text.split("\n") if " | " in line]
    assert rows[1] == ["1.", "Rà soát, hoàn thiện thể chế"]          # a group label over 1.1
    assert rows[2] == ["1.1", "Nghiên cứu, sửa đổi các quy định về đầu tư.", "Bộ Tài chính",
                       "Bộ Khoa học và Công nghệ", "Cơ chế, chính sách được ban hành",
                       "Nhiệm vụ thường xuyên"]
    r12 = rows[3]
    assert r12[1] == "Nghiên cứu xây dựng tiêu chuẩn cơ sở, tiêu chuẩn quốc gia."
    assert r12[2] == "Bộ Khoa học và Công nghệ"
    assert r12[5] == "Quý IV/2026"
    assert rows[4] == ["2", "Tuyên truyền Nghị quyết số 66-NQ/TW1", "Bộ Tư pháp", "Các bộ", "Báo cáo", "Năm 2026"]
    # the footnote is not a row and is not lost
    assert "1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị." in text.split("\n")


def test_flat_table_keeps_every_word():
    """Rebuilding only moves cells: every word of the table survives (page furniture aside)."""
    text, _ = rebuild_flat_tables(FLAT_BREAK)
    dropped = {"CÔNG", "BÁO/Số", "333/Ngày", "16-06-2026", "92"}
    before = [w for w in FLAT_BREAK.split() if w not in dropped]
    after = [w.rstrip(";") for w in text.replace(" | ", " ").split()]
    # the repeated header's words appear once, in the rebuilt header row
    header = "TT Nhiệm vụ, giải pháp Cơ quan chủ trì Cơ quan phối hợp Sản phẩm Thời gian thực hiện".split()
    for w in header:
        before.remove(w)
    assert sorted(before) == sorted(after)


_WORDS = st.sampled_from(["rà soát", "xây dựng", "đề án", "chuyển đổi số", "cơ chế", "chính sách",
                          "thủ tục", "hành chính", "kiểm tra", "giám sát", "dữ liệu", "tổ chức"])
_AGENCIES = st.sampled_from(["Bộ Tài chính", "Bộ Nội vụ", "Sở Tư pháp", "Ủy ban nhân dân tỉnh", "Các bộ, ngành"])
_TIMES = st.sampled_from(["Quý IV/2026", "Năm 2026", "Thường xuyên", "Tháng 6/2027"])


@given(st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=12), _AGENCIES, _AGENCIES, _TIMES,
                          st.booleans()), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_flat_table_rebuild_keeps_words_and_rows(rows):
    """A table written one cell per line, with the header repeated at page breaks between
    rows, comes back as one row per table row with every word of its cells."""
    header = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    lines, cells = list(header), list(header)
    for k, (content, lead, partner, time, page_break) in enumerate(rows, start=1):
        row = [str(k), " ".join(content).capitalize() + ".", lead, partner, time]
        lines += row
        cells += row
        if page_break:
            lines += ["", "CÔNG BÁO/Số 333/Ngày 16-06-2026", str(90 + k)] + header
    text, n = rebuild_flat_tables("\n".join(lines))
    assert n == 1
    out = [line.split(" | ") for line in text.split("\n")[1:] if line]
    assert out == [[str(k), " ".join(c).capitalize() + ".", lead, partner, time]
                   for k, (c, lead, partner, time, _) in enumerate(rows, start=1)]
    assert sorted(" ".join(cells).split()) == sorted(text.replace(" | ", " ").split())


def test_flat_table_under_a_markdown_header_with_lettered_rows():
    """A PDF converted to Markdown that kept only the header as a table ("| TT | Nội dung hoạt động | …
    |", its rule, a header cell spilled below it) over cells one per line, rows "1" with lettered
    sub-rows "a)", "b)": the header is read cell by cell, each lettered row is a row of its own and the
    numbered row over them a group label."""
    text = (
        "PHỤ LỤC\n| TT | Nội dung hoạt động | Cơ quan chủ trì | Cơ quan phối hợp |\n| --- | --- | --- | --- |\n"
        "Thời gian thực hiện\n1\nTổ chức tuyên truyền, phổ biến Nghị định\na)\n"
        "Tổ chức Hội nghị phổ biến Nghị định đến các cơ quan, tổ chức.\nCục Lâm nghiệp và Kiểm lâm\n"
        "Vụ Pháp chế; các cơ quan, đơn vị có liên quan\nQuý III, IV/2026\nb)\n"
        "Tổ chức các chương trình truyền thông phù hợp khác.\nCục Lâm nghiệp và Kiểm lâm\nSở Nông nghiệp và Môi trường\n"
        "Thường xuyên\n"
    )
    rebuilt, n = rebuild_flat_tables(text)
    assert n == 1
    rows = [line for line in rebuilt.splitlines() if line.count(" | ") >= 3]
    assert rows[0].startswith("TT | Nội dung hoạt động")
    assert any(r.startswith("a) | Tổ chức Hội nghị") and r.endswith("Quý III, IV/2026") for r in rows), rows
    assert any(r.startswith("b) | Tổ chức các chương trình") and r.endswith("Thường xuyên") for r in rows), rows
    assert set(text.split()) - {"|", "---"} <= set(rebuilt.split())  # no word lost


def test_web_page_source_loses_its_markup(tmp_path):
    page = (
        "<?php include 'header.php'; $items = ['<p>tin</p>']; ?>\n<html><head><style>p {color: red}</style></head><body>\n"
        + "".join(f"<p>Căn cứ Luật số {i};</p>\n" for i in range(6))
        + "<h2>Điều 1. Phê duyệt Chương trình giai đoạn 2021 - 2030</h2>\n<p>a) Xây dựng kế hoạch&nbsp;hành động;"
        "<br>b) Tổ chức tập huấn.</p>\n<script>var x = '<p>';</script></body></html>\n"
    )
    path = tmp_path / "page.txt"
    path.write_text(page, "utf-8")
    raw = read_file(path)
    assert "<" not in raw.text and "color" not in raw.text and "include" not in raw.text
    assert "Điều 1. Phê duyệt Chương trình giai đoạn 2021 - 2030\n" in raw.text
    assert "a) Xây dựng kế hoạch\u00a0hành động;\nb) Tổ chức tập huấn." in raw.text or "a) Xây dựng kế hoạch hành động;\nb) Tổ chức tập huấn." in raw.text
    assert any("HTML markup" in w for w in raw.warnings)


def test_prose_that_names_a_tag_keeps_it():
    from pipeline.read.html_text import strip_html_markup

    text = "Trang tin dùng thẻ <p> và <br> để xuống dòng.\nKế hoạch năm 2024.\n"
    assert strip_html_markup(text) == (text, False)


_SCRAPED = """export const dataVietNamNet = [
  {
    source:
      "https://vietnamnet.vn/sap-hinh-thanh-bao-so-4-2323191.html",
    title:
      "Sắp hình thành bão số 4: Đà Nẵng, Huế, Quảng Trị cảnh báo lũ quét, sạt lở",
    content: [
      {
        title: "",
        paragraph: [
          {
            text: "Chiều 17/9, Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết áp thấp nhiệt đới di chuyển nhanh.",
            below_img: false,
          },
          {
            text: "UBND tỉnh Quảng Trị yêu cầu các cơ quan, đơn vị: theo dõi chặt chẽ các bản tin dự báo; rà soát, hoàn thiện kịch bản ứng phó.",
            below_img: false,
          },
          {
            text: 'Ông Chính nói: \\"Huyện đang tập trung phối hợp với các đơn vị xử lý vết nứt\\", bảo đảm an toàn.',
            below_img: true,
          },
        ],
        order: 0,
      },
    ],
    created_at: 1726588800,
  },
];
"""


def test_a_scrapers_object_literal_is_read_as_paragraphs():
    """An article saved as a scraper's TypeScript data (``text: "…",`` among keys, brackets and flags):
    each prose value becomes a paragraph, links and structure go, escapes are read; unwrapping the result
    again changes nothing."""
    from pipeline.read.scraped import unwrap_scraped_strings

    text, n = unwrap_scraped_strings(_SCRAPED)
    paragraphs = text.strip().split("\n\n")
    assert n == len(paragraphs) == 4
    assert paragraphs[0].startswith("Sắp hình thành bão số 4")
    assert paragraphs[2].startswith("UBND tỉnh Quảng Trị yêu cầu") and paragraphs[2].endswith("kịch bản ứng phó.")
    assert paragraphs[3] == 'Ông Chính nói: "Huyện đang tập trung phối hợp với các đơn vị xử lý vết nứt", bảo đảm an toàn.'
    assert "http" not in text and "below_img" not in text and "{" not in text
    assert unwrap_scraped_strings(text) == (text, 0)


def test_a_scraped_article_gives_its_tasks(tmp_path):
    from pipeline.api import process_text
    from pipeline.learn.classifier import use_classifier

    path = tmp_path / "bao.txt"
    path.write_text(_SCRAPED, "utf-8")
    raw = read_file(path)
    assert any("object literal" in w for w in raw.warnings)
    with use_classifier(None):
        doc = process_text(raw.text)
    assert {t.text for t in doc.tasks} >= {"theo dõi chặt chẽ các bản tin dự báo", "rà soát, hoàn thiện kịch bản ứng phó"}


@pytest.mark.parametrize(
    "text",
    [
        # a front matter over a body that reads as it is
        '---json\n{\n    "slug": "01-kh",\n    "title": "Trung tâm lập kế hoạch phòng, chống dịch bệnh viêm đường hô hấp cấp"\n}\n---\n'
        "Ngày 10/02/2020, Trung tâm ban hành Kế hoạch số 01/KH-GDNN.\nYêu cầu các học sinh rửa tay.\n",
        # a record whose body is one multi-line template string
        '  {\n    title: "Tặng quà người dân nhân dịp kỷ niệm 80 năm Cách mạng Tháng Tám thành công",\n    content: `Sáng 23/8, Bộ '
        "tổ chức lễ kỷ niệm.\n\nBộ trưởng yêu cầu các đơn vị tiếp tục đổi mới.`,\n  },\n",
        # prose with a quoted line
        'Thủ tướng nói:\n"Không có vùng cấm, không có ngoại lệ trong xử lý vi phạm nồng độ cồn của cán bộ",\nvà yêu cầu xử lý nghiêm.\n',
    ],
)
def test_text_that_is_no_object_literal_as_a_whole_is_kept(text):
    from pipeline.read.scraped import unwrap_scraped_strings

    assert unwrap_scraped_strings(text) == (text, 0)
