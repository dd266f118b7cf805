"""HTML tables inside a text file (PDF-to-Markdown converters' output) become `` | ``-joined rows."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.api import extract
from pipeline.read.html_tables import html_table_rows, rebuild_html_tables

_TABLE = """<table>
<colgroup><col/><col/><col/><col/><col/></colgroup>
<thead>
<tr>
<th rowspan="2"><strong>TT</strong></th>
<th rowspan="2"><strong>Nội dung
nhiệm vụ</strong></th>
<th rowspan="2">Đơn vị chủ trì</th>
<th colspan="2">Kinh phí</th>
</tr>
<tr><th>Trung ương</th><th>Địa phương</th></tr>
</thead>
<tbody>
<tr><td><strong>I</strong></td><td colspan="4"><strong>Hạ tầng số</strong></td></tr>
<tr><td>1</td><td>Xây dựng Trung tâm dữ liệu<br/>của tỉnh</td><td rowspan="2">Sở Thông tin và Truyền thông</td>
<td>2,00</td><td>&nbsp;</td></tr>
<tr><td>2</td><td>Mở rộng mạng Wifi công cộng</td><td>1,00</td><td>0,50</td></tr>
</tbody>
</table>"""


def test_rows_with_spans_and_one_header():
    assert html_table_rows(_TABLE) == [
        ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Kinh phí Trung ương", "Kinh phí Địa phương"],
        ["I", "Hạ tầng số"],
        ["1", "Xây dựng Trung tâm dữ liệu của tỉnh", "Sở Thông tin và Truyền thông", "2,00", ""],
        ["2", "Mở rộng mạng Wifi công cộng", "Sở Thông tin và Truyền thông", "1,00", "0,50"],
    ]


def test_text_around_a_table_stays_and_the_table_becomes_rows():
    text = "# Các nhóm nhiệm vụ ưu tiên\n\n_Đơn vị tính: Tỷ đồng_\n" + _TABLE + "\n\nGhi chú: số liệu dự kiến."
    out, n = rebuild_html_tables(text)
    assert n == 1
    assert out.startswith("# Các nhóm nhiệm vụ ưu tiên\n\n_Đơn vị tính: Tỷ đồng_\n")
    assert out.endswith("\n\nGhi chú: số liệu dự kiến.")
    assert "<" not in out
    assert "1 | Xây dựng Trung tâm dữ liệu của tỉnh | Sở Thông tin và Truyền thông | 2,00 | " in out
    assert rebuild_html_tables(out) == (out, 0)  # a second pass changes nothing


def test_an_unclosed_table_is_left_as_it_is():
    text = "Bảng:\n<table><tr><td>1</td><td>Xây dựng"
    assert rebuild_html_tables(text) == (text, 0)


def test_the_rows_of_an_annex_table_are_tasks_with_their_agency(tmp_path):
    text = ("KẾ HOẠCH\nTriển khai thành phố thông minh năm 2020\n\nPHỤ LỤC\nDanh mục nhiệm vụ\n"
            "<table><tr><th>TT</th><th>Nội dung nhiệm vụ</th><th>Đơn vị chủ trì</th><th>Thời gian thực hiện</th></tr>"
            "<tr><td>1</td><td>Xây dựng Trung tâm dữ liệu của tỉnh</td><td>Sở Thông tin và Truyền thông</td>"
            "<td>Quý IV/2020</td></tr>"
            "<tr><td>2</td><td>Mở rộng mạng Wifi công cộng</td><td>Sở Thông tin và Truyền thông</td>"
            "<td>Năm 2021</td></tr></table>\n")
    path = tmp_path / "ke-hoach.md.txt"
    path.write_text(text, encoding="utf-8")
    doc = extract(path).documents[0]
    assert "HTML table(s) written as rows" in " ".join(doc.warnings)
    tasks = doc.tasks
    assert [(t.text, t.lead_agency, t.deadline) for t in tasks] == [
        ("Xây dựng Trung tâm dữ liệu của tỉnh", "Sở Thông tin và Truyền thông", "2020-Q4"),
        ("Mở rộng mạng Wifi công cộng", "Sở Thông tin và Truyền thông", "2021"),
    ]


@given(st.text(alphabet=st.sampled_from(list("<>/tablerdh =\"12 xyz\n&;")), max_size=200))
def test_any_text_is_read_without_error_and_keeps_what_is_outside_tables(text):
    out, n = rebuild_html_tables(text)
    if n == 0:
        assert out == text
