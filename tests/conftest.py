import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNTASKS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = Path(os.environ.get("VNTASKS_CORPUS", SHARED / "corpus" / "raw"))
RAW = ROOT / "data" / "raw"
ANNOTATED = ROOT / "data" / "annotated"


def missing(why: str) -> None:
    """Skip a test whose shared data is absent on a developer's machine; in CI (``CI`` set), where
    ``../shared`` is always laid beside the clone, fail instead: a silent skip would hide a regression."""
    if os.environ.get("CI"):
        pytest.fail(why)
    pytest.skip(why)


@pytest.fixture(scope="session")
def seed_dir():
    if not SEEDS.is_dir():
        missing(f"shared seeds not found at {SEEDS} (set VNTASKS_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir():
    if not CORPUS.is_dir():
        missing(f"shared corpus not found at {CORPUS} (set VNTASKS_CORPUS)")
    return CORPUS


@pytest.fixture(autouse=True)
def _rules_alone(request):
    """Unit tests check the rules; the shipped classifier is used only by tests marked `model`."""
    if request.node.get_closest_marker("model"):
        yield
        return
    from pipeline.learn.classifier import use_classifier
    with use_classifier(None):
        yield


def pytest_configure(config):
    config.addinivalue_line("markers", "model: run with the shipped segment classifier (models/)")
