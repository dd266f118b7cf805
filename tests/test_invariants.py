"""Property tests (Hypothesis): normalise is idempotent and maps back, unwrap keeps
length, segmentation loses no characters, every span slices back to its text."""
import unicodedata

from hypothesis import given, settings, strategies as st

from pipeline import process_text
from pipeline.text.normalise import normalise
from pipeline.text.segment import segment
from pipeline.text.unwrap import unwrap

VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
chars = st.sampled_from(list(VI + " \n\t\r.,;:-/0123456789()") + ["\u00d0", "\u0300", "\u0301", "\u0323", "\u00a0", "\u01a3", "\ufeff"])
texts = st.lists(chars, max_size=300).map("".join)
words = st.sampled_from(["Quyết định số 25/2021/QĐ-TTg", "ngày 22/7/2021", "trong năm 2024", "07 nhóm nhiệm vụ chung:",
                         "tổ chức thực hiện", "triển khai", ";", ".", "\n", "1.", "a)", "-", "II. NHIỆM VỤ", "Luật HGOCS",
                         "quý II/2024", "thường xuyên", "và", "các cơ quan", "Sở Tư pháp chủ trì", "hằng năm", "80-KL/TW"])
docs = st.lists(words, max_size=60).map(" ".join)


@given(texts)
def test_normalise_idempotent(t):
    once = normalise(t).text
    assert normalise(once).text == once
    assert unicodedata.is_normalized("NFC", once)


@given(texts)
def test_normalise_maps_back(t):
    n = normalise(t)
    assert len(n.to_source) == len(n.text) + 1
    assert list(n.to_source) == sorted(n.to_source)
    assert n.to_source[-1] == len(t)


@given(texts)
def test_unwrap_keeps_length_and_content(t):
    t = normalise(t).text
    u = unwrap(t)
    assert len(u.text) == len(t)
    blank = set()
    for s, e, _ in u.furniture:
        blank.update(range(s, e))
    for i, (a, b) in enumerate(zip(t, u.text)):
        assert a == b or (a == "\n" and b == " ") or (i in blank and b == " ")


@given(docs)
def test_segmentation_loses_no_characters(t):
    u = unwrap(normalise(t).text).text
    outline = segment(u)
    covered = set()
    for b in outline.blocks:
        assert u[b.start:b.end] == b.text
        covered.update(range(b.start, b.end))
    assert all(u[i].isspace() for i in range(len(u)) if i not in covered)


@settings(max_examples=60, deadline=None)
@given(docs)
def test_every_span_slices_back(t):
    d = process_text(t)
    for coll in (d.tasks, d.claims, d.references, d.times, d.blocks):
        for x in coll:
            assert d.text[x.start:x.end] == x.text


outline_lines = st.sampled_from(["KẾ HOẠCH", "A. MỤC ĐÍCH", "B. NỘI DUNG", "I. NHIỆM VỤ", "II. GIẢI PHÁP", "1. Nội dung",
                                 "2. Cơ quan chủ trì", "a) Tổ chức rà soát.", "b) Tăng cường kiểm tra.", "- Sở Tư pháp.",
                                 "+ Huyện.", "#### 3. Thời gian", "**1. Về cải cách**", "Đoạn văn thường.", "Thứ nhất, rà soát."])


@settings(max_examples=200)
@given(st.lists(outline_lines, max_size=40).map("\n".join))
def test_the_outline_is_a_tree_in_reading_order(t):
    """Every block's descendants follow it without a gap, and children/descendants agree with the
    parents (Outline.descendants and Outline.children rely on it)."""
    o = segment(t)
    n = len(o.blocks)
    for i in range(n):
        below = [j for j in range(i + 1, n) if i in o.ancestors(j)]
        assert o.descendants(i) == below
        assert below == list(range(i + 1, i + 1 + len(below)))
        assert o.children(i) == [j for j in below if o.parents[j] == i]
