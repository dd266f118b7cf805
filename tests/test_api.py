"""The public API: extract(path), extract_text(text), the citations of a result, train as a library call."""
import pytest

import pipeline
from pipeline.errors import InputError, TrainingError
from pipeline.out.citations import EDGE_COLUMNS


def test_extract_reads_paths_only(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text("KẾ HOẠCH\nTriển khai\nII. NHIỆM VỤ\n1. Tổ chức tập huấn cho cán bộ.\n", encoding="utf-8")
    assert len(pipeline.extract(f).documents) == 1
    assert pipeline.extract(str(f)).documents[0].doc_id == "plan.txt"
    with pytest.raises(InputError, match="extract_text"):
        pipeline.extract("Kế hoạch đề ra 2 nhiệm vụ: tổ chức tập huấn; xây dựng tài liệu.")


def test_result_carries_its_citations():
    a = "Số: 12/KH-UBND\nKẾ HOẠCH\nThực hiện\n"
    r = pipeline.extract_text(a)
    assert list(r.citations.columns) == EDGE_COLUMNS and r.citations.empty


def test_train_refuses_the_sealed_split(tmp_path):
    from pipeline.learn.train import train_classifier
    from pipeline.learn.training import ROOT
    with pytest.raises(TrainingError, match="sealed"):
        train_classifier([ROOT / "data" / "annotated" / "test"], out=tmp_path / "m.skops")


def test_process_text_takes_the_model_as_a_parameter():
    text = "KẾ HOẠCH\nII. NHIỆM VỤ\n1. Tổ chức tập huấn cho cán bộ.\n"
    assert pipeline.process_text(text, model=None).tasks == pipeline.process_text(text, model=None).tasks
