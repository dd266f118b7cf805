"""The shipped segment classifier at inference, without scikit-learn, SciPy's statistics, pandas or
skops (issue 13: ~150 MB and ~1.5 s less in every process that extracts).

The model file stays what :mod:`pipeline.learn.training` writes with skops (a
:class:`~pipeline.learn.classifier.SegmentClassifier` holding a fitted ``LogisticRegression``).
:func:`load_light` reads that file's ``schema.json`` and arrays itself (``numpy.load`` without
pickle) when every object in it is one of the trusted types, and keeps what inference uses: the
parameters, ``classes_``, the coefficients and the thresholds. :class:`LightModel` then computes
the very same features (:class:`~pipeline.learn.hashing._CachedHashing`, hashing each token with
the same MurmurHash3 as scikit-learn) and the same probabilities as
``SegmentClassifier.task_proba`` (``tests/test_light_model.py``). Any other file (another shape,
an untrusted or unknown type, an unreadable archive) gives None, and the caller loads it with
:func:`~pipeline.learn.classifier.load_model`, which checks it with skops and names the problem.
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import numpy as np
from scipy import sparse

from .candidates import Candidate
from .features import stack_features
from .hashing import _CachedHashing

__all__ = ["LightModel", "load_light", "override", "use_classifier", "MODEL_PATH", "TRUSTED_TYPES"]

#: Where the trained model lives (override with ``VNTASKS_MODEL``).
MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "segment_classifier.skops"

#: The only non-builtin types a model file may contain.
TRUSTED_TYPES = ("pipeline.learn.classifier.SegmentClassifier", "sklearn.linear_model._logistic.LogisticRegression")

_UNSET = object()
_state: dict = {"override": _UNSET}  # classifier.py's loader state shares this dict


def override():
    """The model set by :func:`use_classifier` (None: the rules alone), or ``_UNSET``."""
    return _state["override"]


@contextmanager
def use_classifier(model) -> Iterator[None]:
    """Make the classifier used by the pipeline ``model`` inside the block (held-out evaluation,
    tests); ``use_classifier(None)`` runs on the rules alone."""
    old = _state["override"]
    _state["override"] = model
    try:
        yield
    finally:
        _state["override"] = old


class _Params:
    """What ``HashingVectorizer.get_params()`` gives for the vectorisers of ``SegmentClassifier``."""

    def __init__(self, n_features: int, analyzer: str, ngram_range: tuple):
        self.params = {
            "input": "content",
            "lowercase": True,
            "preprocessor": None,
            "tokenizer": None,
            "stop_words": None,
            "strip_accents": None,
            "binary": False,
            "alternate_sign": False,
            "norm": "l2",
            "dtype": np.float64,
            "analyzer": analyzer,
            "ngram_range": tuple(ngram_range),
            "token_pattern": r"(?u)\b\w+\b",
            "n_features": n_features,
        }

    def get_params(self) -> dict:
        return self.params


class _LightHashing(_CachedHashing):
    """:class:`_CachedHashing` with scikit-learn's hashing done by the ``murmurhash`` package (the
    same MurmurHash3_x86_32 of the UTF-8 bytes, seed 0; index ``abs(h) % n_features``) and its
    row normalisation by numpy (the squares are whole numbers: their sums are exact in any order)."""

    def _fast_ok(self) -> bool:
        return True

    def _hash(self, feats: list[str]) -> list[int]:
        from murmurhash.mrmr import hash as mmh

        n = self.n_features
        return [abs(h) % n for h in map(mmh, feats)]

    def _normalise(self, X):
        X = sparse.csr_matrix(X)
        data = X.data
        if data.size:
            sq = np.zeros(X.shape[0], dtype=np.float64)
            lens = np.diff(X.indptr)
            rows = np.flatnonzero(lens)
            sq[rows] = np.add.reduceat(data * data, X.indptr[:-1][rows])
            norm = np.sqrt(sq)
            norm[norm == 0.0] = 1.0
            data /= np.repeat(norm, lens)
        return X


class LightModel:
    """The parts of a fitted ``SegmentClassifier`` that score candidates (``task_proba``), and its
    other fitted attributes (the thresholds ``keep_above_``, ``add_above_``, …)."""

    n_features: int
    word_ngrams: tuple
    char_ngrams: tuple
    opening_chars: int
    classes_: np.ndarray

    def __init__(self, attrs: dict, coef: np.ndarray, intercept: np.ndarray):
        self.__dict__.update(attrs)
        self.coef_t = coef.T
        self.intercept = intercept
        nf = int(self.n_features)
        self.vectorisers = (
            _LightHashing(_Params(nf, "word", tuple(self.word_ngrams))),
            _LightHashing(_Params(nf // 4, "char_wb", tuple(self.char_ngrams))),
            _LightHashing(_Params(nf // 4, "word", (1, 2))),
        )

    def transform_features(self, X: Sequence[Candidate], text: str | None = None, spans=None):
        """``SegmentClassifier.transform_features`` (``text``, ``spans``: the document and each
        candidate's span in it, when the caller has them: its words are then found once)."""
        return stack_features(list(X), self.vectorisers, self.opening_chars, text, spans)

    def task_proba(self, X: Sequence[Candidate], text: str | None = None, spans=None) -> list[float]:
        """The probability that each candidate is a task (``SegmentClassifier.task_proba``)."""
        from scipy.special import expit

        X = list(X)
        if not X:
            return []
        p = expit((self.transform_features(X, text, spans) @ self.coef_t + self.intercept).reshape(-1))
        p = p if 1 not in self.classes_ or self.classes_[1] == 1 else 1 - p
        return p.tolist()


class _Unsupported(Exception):
    pass


def _value(node: dict, z: zipfile.ZipFile):
    loader = node.get("__loader__")
    if loader == "JsonNode" and node.get("is_json"):
        return json.loads(node["content"])
    if loader in ("TupleNode", "ListNode"):
        items = [_value(n, z) for n in node["content"]]
        return tuple(items) if loader == "TupleNode" else items
    if (
        loader == "NdArrayNode"
        and node.get("type") == "numpy"
        and (node["__module__"], node["__class__"]) == ("numpy", "ndarray")
    ):
        with z.open(node["file"]) as f:
            return np.load(BytesIO(f.read()), allow_pickle=False)
    if loader == "ObjectNode" and f"{node['__module__']}.{node['__class__']}" in TRUSTED_TYPES:
        content = node["content"]
        if content.get("__loader__") != "DictNode":
            raise _Unsupported
        return (f"{node['__module__']}.{node['__class__']}", {k: _value(v, z) for k, v in content["content"].items()})
    raise _Unsupported


def load_light(path: str | Path | None = None) -> LightModel | None:
    """The model file at ``path`` (default: ``VNTASKS_MODEL`` or :data:`MODEL_PATH`) as a
    :class:`LightModel`, or None when it is missing or not exactly the shape this reads."""
    path = Path(path or os.environ.get("VNTASKS_MODEL") or MODEL_PATH)
    if not path.is_file():
        return None
    try:
        import murmurhash.mrmr  # noqa: F401 (spaCy's; without it, scikit-learn's hashing)
    except ImportError:  # pragma: no cover
        return None
    try:
        with zipfile.ZipFile(path) as z:
            kind, attrs = _value(json.loads(z.read("schema.json")), z)
    except (_Unsupported, zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    lr = attrs.get("model_")
    if kind != TRUSTED_TYPES[0] or not isinstance(lr, tuple) or lr[0] != TRUSTED_TYPES[1]:
        return None
    m = lr[1]
    classes = attrs.get("classes_")
    needed = ("n_features", "word_ngrams", "char_ngrams", "opening_chars")
    if not all(k in attrs for k in needed) or not isinstance(classes, np.ndarray) or len(classes) != 2:
        return None
    if not all(isinstance(m.get(k), np.ndarray) for k in ("classes_", "coef_", "intercept_")):
        return None
    if not np.array_equal(m["classes_"], classes) or m["coef_"].shape[0] != 1:
        return None
    attrs = {k: v for k, v in attrs.items() if k != "model_"}
    try:
        return LightModel(attrs, m["coef_"], m["intercept_"])
    except (ValueError, TypeError, KeyError):
        return None
