import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VNTASKS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = Path(os.environ.get("VNTASKS_CORPUS", SHARED / "corpus" / "raw"))
RAW = ROOT / "data" / "raw"
ANNOTATED = ROOT / "data" / "annotated"


@pytest.fixture(scope="session")
def seed_dir():
    if not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SEEDS} (set VNTASKS_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def corpus_dir():
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (set VNTASKS_CORPUS)")
    return CORPUS
