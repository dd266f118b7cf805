"""The outline's reading of list markers (pipeline.text.outline)."""

from __future__ import annotations

import pytest

from pipeline.resources import load
from pipeline.text.outline import marker_rank


@pytest.mark.parametrize(
    ("marker", "rank"),
    [
        ("1.", 1),
        ("(12)", 12),
        ("c)", 3),
        ("đ)", 5),
        ("e)", 6),
        ("g.", 7),
        ("(b)", 2),
        ("(iii)", 3),
        ("(iv)", 4),
        ("(ix)", 9),
        ("Một là,", 1),
        ("Hai là,", 2),
        ("Thứ nhất,", 1),
        ("*Thứ ba* là", 3),
        ("Nhiệm vụ thứ tư:", 4),
        ("Nhóm giải pháp đầu tiên là", 1),
        ("-", 0),
        ("+", 0),
    ],
)
def test_an_item_markers_place_in_its_list(marker, rank):
    assert marker_rank(marker) == rank


def test_every_list_letter_follows_the_one_before():
    letters = load("segmentation")["list_letters"]["order"]
    assert [marker_rank(f"{c})") for c in letters] == list(range(1, len(letters) + 1))
    for example in load("segmentation")["list_letters"]["examples"]:
        assert marker_rank(example) > 0, example


def test_an_ordinal_series_counts_up():
    for series in load("segmentation")["inline_ordinals"]["series"]:
        assert [marker_rank(f"{word},") for word in series] == list(range(1, len(series) + 1))


def _parents(text: str) -> dict[str, str]:
    """Each block's first words → its parent's first words ("" at the top)."""
    from pipeline.text.segment import segment

    outline = segment(text)
    first = [" ".join(b.text.split()[:2]) for b in outline.blocks]
    return {first[i]: first[p] if p >= 0 else "" for i, p in enumerate(outline.parents)}


# (text, {a block's first two words: its parent's first two words}): a list stands under the paragraph that
# introduces it; an intro after an item takes its list's level ("- Đến năm 2045, …" ⏎ "Định hướng …:" ⏎ "(1) …": no
# longer the dash item's continuation); the line after an item whose sentence runs on ("1. Chủ tịch …, trọng tâm là các
# tỉnh:" ⏎ "Đắk Lắk, …:") is the item's, and so is a list under an item that ends its sentence
NESTING = [
    (
        "II. NHIỆM VỤ TRỌNG TÂM\nỦy ban nhân dân tỉnh yêu cầu các sở thực hiện tốt các nội dung sau:\n"
        "- Tăng cường kiểm tra.\n- Đẩy mạnh tuyên truyền.\nIII. TỔ CHỨC THỰC HIỆN\n",
        {"- Tăng": "Ủy ban", "- Đẩy": "Ủy ban", "Ủy ban": "II. NHIỆM", "III. TỔ": ""},
    ),
    (
        "2. Tầm nhìn và định hướng phát triển\nMục tiêu cụ thể:\n- Đến năm 2025, là nước đang phát triển.\n"
        "- Đến năm 2045, trở thành nước phát triển.\nĐịnh hướng phát triển đất nước giai đoạn 2021 - 2030:\n"
        "(1) Tiếp tục đổi mới mạnh mẽ tư duy.\n(2) Hoàn thiện toàn diện thể chế.\n",
        {"- Đến": "Mục tiêu", "(1) Tiếp": "Định hướng", "(2) Hoàn": "Định hướng", "Định hướng": "2. Tầm", "Mục tiêu": "2. Tầm"},
    ),
    (
        "Thủ tướng Chính phủ yêu cầu:\n1. Chủ tịch Ủy ban nhân dân các tỉnh, trọng tâm là các tỉnh:\nĐắk Lắk, Khánh Hòa:\n"
        "a) Tổ chức xây dựng kế hoạch.\nb) Huy động lực lượng.\nc) Hoàn thành trước ngày 30/6/2026.\n"
        "Phương án bố trí phải gắn với yêu cầu, theo hướng:\n- Lựa chọn, tiếp nhận công chức.\n",
        {"a) Tổ": "1. Chủ", "b) Huy": "1. Chủ", "- Lựa": "c) Hoàn"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTING)
def test_a_list_stands_under_the_paragraph_that_introduces_it(text, expected):
    got = _parents(text)
    assert {k: got[k] for k in expected} == expected


def test_a_list_that_starts_again_after_a_paragraph_is_another_list():
    """After a paragraph of its own, "Một là" again starts another list; right after "(vii)", "(i)" goes on."""
    from pipeline.text.segment import segment

    outline = segment(
        "Chương trình tập trung vào hai nhóm mục tiêu cụ thể:\n"
        "Một là, tuyên truyền, phổ biến.\n"
        "Hai là, xây dựng các công cụ hỗ trợ.\n"
        "Quyết định cũng nêu rõ 2 hoạt động cần được thực hiện.\n"
        "Một là, xây dựng kế hoạch.\n"
        "Hai là, đào tạo nguồn nhân lực.\n"
    )
    assert outline.parents[1:3] == (0, 0)
    assert outline.parents[4] != 0 and outline.parents[5] != 0
    outline = segment(
        "Thủ tướng Chính phủ yêu cầu các bộ tập trung thực hiện:\n"
        "(i) Hoàn thiện thể chế.\n"
        "(ii) Đẩy mạnh chuyển đổi số.\n"
        "(i) Ban hành kế hoạch triển khai.\n"
        "(ii) Kiện toàn tổ chức bộ máy.\n"
    )
    assert outline.parents[1:] == (0, 0, 0, 0)


def test_x_after_v_is_a_letter_in_the_vietnamese_order():
    """ "(v)" then "(x)": the Vietnamese alphabet has no "w", so "(x)" is the next letter, a sibling, not the
    roman ten under "(v)"."""
    from pipeline.text.outline import build_outline
    from pipeline.text.segment import segment

    text = "Các nhiệm vụ:\n(u) Rà soát quy hoạch.\n(v) Kiểm tra việc thực hiện.\n(x) Báo cáo kết quả.\n"
    blocks = segment(text).blocks
    parents = build_outline(blocks)
    v = next(i for i, b in enumerate(blocks) if b.marker == "(v)")
    x = next(i for i, b in enumerate(blocks) if b.marker == "(x)")
    assert parents[x] == parents[v]
