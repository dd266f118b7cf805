"""The shipped model read without scikit-learn (pipeline.learn.model) gives exactly the
probabilities of the SegmentClassifier skops loads, and extraction does not import scikit-learn,
skops or pandas (issue 13: the memory and start-up time of every worker)."""

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.learn import model as M
from pipeline.learn.scoring import ClassifierScorer

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def models():
    if not M.MODEL_PATH.is_file():
        pytest.skip("no shipped model")
    from pipeline.learn.classifier import load_model

    light = M.load_light(M.MODEL_PATH)
    assert light is not None
    return load_model(M.MODEL_PATH), light


def _candidates(full):
    """Every candidate the pipeline scores on the bundled examples."""
    import pipeline

    seen = []

    class Recorder(ClassifierScorer):
        def score_clauses(self, *a, **k):
            from pipeline.learn.candidates import clause_candidates

            seen.extend(c for _, _, c in clause_candidates(*a, **k))
            return super().score_clauses(*a, **k)

    files = sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus" / "raw").glob("*.txt"))
    for p in files:
        pipeline.process_file(p, model=Recorder(full))
    return seen


def test_same_probabilities_and_thresholds(models):
    full, light = models
    cands = _candidates(full)
    assert len(cands) > 50
    assert light.task_proba(cands) == full.task_proba(cands)
    for name in ("keep_above_", "add_above_", "add_above_ruled_", "add_above_headerless_", "add_above_sibling_"):
        if hasattr(full, name):
            assert getattr(light, name) == getattr(full, name)
    assert light.task_proba([]) == []


def test_other_files_go_to_the_checked_loader(tmp_path):
    bad = tmp_path / "m.skops"
    bad.write_bytes(b"not a zip")
    assert M.load_light(bad) is None
    assert M.load_light(tmp_path / "missing.skops") is None


def test_extraction_imports_no_sklearn_skops_or_pandas():
    code = (
        "import sys, pipeline.cli, pipeline.batch, pipeline.api as a; from pipeline.learn.scoring import default_scorer;"
        "from pipeline.out.export import doc_rows; assert default_scorer() is not None;"
        "doc_rows(a.process_text('Kế hoạch đề ra 2 nhiệm vụ: tổ chức tập huấn; xây dựng tài liệu.'));"
        "print(sorted(m for m in ('sklearn', 'skops', 'scipy.stats', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout
