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


def test_a_list_stands_under_the_paragraph_that_introduces_it():
    got = _parents(
        "II. NHIỆM VỤ TRỌNG TÂM\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở thực hiện tốt các nội dung sau:\n"
        "- Tăng cường kiểm tra.\n"
        "- Đẩy mạnh tuyên truyền.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
    )
    assert got["- Tăng"] == got["- Đẩy"] == "Ủy ban"
    assert got["Ủy ban"] == "II. NHIỆM"
    assert got["III. TỔ"] == ""


def test_an_intro_after_an_item_takes_the_level_of_its_list():
    """ "- Đến năm 2045, …" ⏎ "Định hướng …:" ⏎ "(1) …": the intro is no longer the dash item's continuation."""
    got = _parents(
        "2. Tầm nhìn và định hướng phát triển\n"
        "Mục tiêu cụ thể:\n"
        "- Đến năm 2025, là nước đang phát triển.\n"
        "- Đến năm 2045, trở thành nước phát triển.\n"
        "Định hướng phát triển đất nước giai đoạn 2021 - 2030:\n"
        "(1) Tiếp tục đổi mới mạnh mẽ tư duy.\n"
        "(2) Hoàn thiện toàn diện thể chế.\n"
    )
    assert got["- Đến"] == "Mục tiêu"
    assert got["(1) Tiếp"] == got["(2) Hoàn"] == "Định hướng"
    assert got["Định hướng"] == got["Mục tiêu"] == "2. Tầm"


def test_the_rest_of_an_items_sentence_is_no_intro():
    """ "1. Chủ tịch …, trọng tâm là các tỉnh:" ⏎ "Đắk Lắk, …:" ⏎ "a) …": the line after the item ends its sentence, and
    the letters are the item's; under an item that ends its sentence the dashes stay the item's too."""
    got = _parents(
        "Thủ tướng Chính phủ yêu cầu:\n"
        "1. Chủ tịch Ủy ban nhân dân các tỉnh, trọng tâm là các tỉnh:\n"
        "Đắk Lắk, Khánh Hòa:\n"
        "a) Tổ chức xây dựng kế hoạch.\n"
        "b) Huy động lực lượng.\n"
        "c) Hoàn thành trước ngày 30/6/2026.\n"
        "Phương án bố trí phải gắn với yêu cầu, theo hướng:\n"
        "- Lựa chọn, tiếp nhận công chức.\n"
    )
    assert got["a) Tổ"] == got["b) Huy"] == "1. Chủ"
    assert got["- Lựa"] == "c) Hoàn"


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
