import pytest

from pipeline.spacy_components import make_nlp, prepare_text

TEXT = ("KẾ HOẠCH\nUBND tỉnh xác định 02 nhiệm vụ trong năm 2024: tổ chức tập huấn; "
        "triển khai Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021.\n")


def test_blank_vi_pipeline_with_components():
    nlp = make_nlp()
    assert nlp.pipe_names == ["vntasks_extract", "vntasks_spans"]
    doc = nlp(prepare_text(TEXT))
    assert [s.text for s in doc.spans["references"]] == ["25/2021/QĐ-TTg"]
    assert [s.label_ for s in doc.spans["times"]] == ["YEAR"]
    assert len(doc.spans["tasks"]) == 2 and len(doc._.vntasks.tasks) == 2
    assert doc._.vntasks.claims[0].found == 2


def test_spans_component_needs_extract():
    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vntasks_spans")
    with pytest.raises(ValueError, match="vntasks_extract"):
        nlp("văn bản")
