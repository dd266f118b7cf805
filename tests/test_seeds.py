"""Golden tests on the two seed documents: the scorer of shared/tools gives 1.000."""
import json
import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.learn.evaluate import evaluate_dirs

from .conftest import ANNOTATED, SHARED, missing


pytestmark = pytest.mark.model   # the whole pipeline as shipped, classifier included


@pytest.fixture(scope="module")
def seed_out(seed_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    assert main(["extract", str(seed_dir), "--out", str(out), "--format", "csv", "-q"]) == 0
    return out


def test_seed_scores(seed_dir, seed_out):
    sc = evaluate_dirs(seed_dir, seed_out)
    for f in ("claims", "claims_found", "refs", "ref_dates", "times"):
        assert sc.fields[f].f1 == 1.0, (f, sc.report())
    assert sc.fields["tasks"].f1 == 1.0, sc.report()        # issue 11: the seeds still score 1.000
    assert sc.fields["deadlines"].f1 == 1.0, sc.report()


def test_evaluate_agrees_with_shared_scorer(seed_dir, seed_out):
    tool = SHARED / "tools" / "score.py"
    if not tool.exists():
        missing(f"{tool} not found (set VNTASKS_SHARED)")
    res = subprocess.run([sys.executable, str(tool), str(ANNOTATED), str(seed_out), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(res.stdout)
    ours = evaluate_dirs(ANNOTATED, seed_out).as_dict()
    for k, v in theirs.items():
        assert abs(v["f"] - ours[k]["f"]) < 1e-9 and abs(v["p"] - ours[k]["p"]) < 1e-9, k


def test_seed_000_claims_and_mismatch(seed_dir):
    from pipeline import extract
    r = extract(str(seed_dir / "000_0aba8204a976d128.txt"))
    claims = r.claims
    assert list(claims["declared"]) == [7, 3, 4, 3, 2]
    assert list(claims["found"]) == [7, 3, 4, 3, 4]
    assert list(claims["status"]) == ["ok", "ok", "ok", "ok", "mismatch"]
    assert "split_va_to_match" in claims["flags"][0]
    assert set(r.tasks["deadline"]) == {"2024"}
