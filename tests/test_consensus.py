"""A document's mentions of one document agree (pipeline.extraction.consensus)."""

from pipeline.extraction.references import find_references


def _ids(text: str) -> list[str]:
    return [r.ref_id for r in find_references(text).references]


def test_ocr_slip_takes_the_id_cited_more_often():
    text = (
        "Căn cứ Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ. Theo Nghị định số 15/2018/NĐ-CE, "
        "các cơ sở thực hiện Nghị định số 15/2018/NĐ-CP. Thông tư số 36/2025/TT-BNNMT và Thông tư 36/2025/TT-BNNMT; "
        "nay hướng dẫn Thông tư số 36/2025/TTBNMT."
    )
    refs = find_references(text).references
    assert [r.ref_id for r in refs] == ["15/2018/NĐ-CP"] * 3 + ["36/2025/TT-BNNMT"] * 3
    slip = refs[1]
    assert slip.text == "15/2018/NĐ-CE" and "consensus_repaired" in slip.flags and slip.issuer == "Chính phủ"


def test_symbol_cut_short_takes_the_whole_id():
    text = "Thực hiện Nghị định số 15/2018/NĐ-CP và Nghị định số 15/2018/NĐ-CP; Nghị định số 15/2018/NĐ\nquy định …"
    assert _ids(text) == ["15/2018/NĐ-CP"] * 3


def test_two_well_formed_ids_stay_apart():
    # Bộ Tư pháp and Bộ Tài chính: one letter apart, both real
    text = "Thông tư số 10/2020/TT-BTC, Thông tư số 10/2020/TT-BTC và Thông tư số 10/2020/TT-BTP."
    assert _ids(text) == ["10/2020/TT-BTC", "10/2020/TT-BTC", "10/2020/TT-BTP"]


def test_no_majority_no_repair():
    text = "Công văn số 847/UBND-VX1 và Công văn số 847/UBND-VXI của UBND tỉnh."
    assert _ids(text) == ["847/UBND-VX1", "847/UBND-VXI"]


def test_repair_is_idempotent_on_spans():
    text = "Nghị định số 15/2018/NĐ-CP, Nghị định số 15/2018/NĐ-CP, Nghị định số 15/2018/NĐ-CE."
    for r in find_references(text).references:
        assert text[r.start : r.end] == r.text
