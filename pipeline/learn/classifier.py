"""A learned segment classifier: is this candidate clause a task? (issue 6)

The rules of :mod:`pipeline.extraction.tasks` find candidate clauses; what they cannot
decide (a task, or an objective, a general requirement, an assessment,
background, web-page boilerplate) is scored here. This module is inference
only: features, the scikit-learn estimator and the lazy loader. Training and
cross-validation live in :mod:`pipeline.learn.training`, which the pipeline never
imports.

>>> clf = get_classifier()            # None when models/segment_classifier.skops is missing
>>> clf.task_proba([Candidate("Tổ chức tập huấn cho cán bộ", "II. NHIỆM VỤ", "dash", 0.4, True, "Tổ chức")])
[0.97...]

The model file is read with ``skops.io.load`` and an explicit list of trusted
types (:data:`TRUSTED_TYPES`); nothing is unpickled.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .candidates import Candidate, clause_candidates, heading_context, make_candidate
from .features import _WORD, MARKER_TYPES, _dense, _dense_matrix, candidate_tokens, stack_features  # noqa: F401 (_dense: tests)
from .hashing import _CachedHashing, _flat  # noqa: F401 (_flat: tests)
from .model import _UNSET, MODEL_PATH, TRUSTED_TYPES, _state, override, use_classifier

__all__ = [
    "Candidate",
    "SegmentClassifier",
    "make_candidate",
    "heading_context",
    "clause_candidates",
    "load_model",
    "get_classifier",
    "use_classifier",
    "MODEL_PATH",
    "TRUSTED_TYPES",
    "MARKER_TYPES",
]

log = logging.getLogger(__name__)


class SegmentClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression over hashed syllable / character n-grams and layout features.

    Follows the scikit-learn estimator contract (``fit``, ``predict``,
    ``predict_proba``, ``get_params``/``set_params``, ``clone``); ``X`` is a
    sequence of :class:`Candidate`. The vectorisers are stateless
    (``HashingVectorizer``), so the fitted state is only ``model_``.
    """

    def __init__(
        self,
        C: float = 1.0,
        n_features: int = 2**16,
        char_ngrams: tuple = (2, 4),
        word_ngrams: tuple = (1, 2),
        opening_chars: int = 60,
        class_weight=None,
        max_iter: int = 2000,
    ):
        self.C = C
        self.n_features = n_features
        self.char_ngrams = char_ngrams
        self.word_ngrams = word_ngrams
        self.opening_chars = opening_chars
        self.class_weight = class_weight
        self.max_iter = max_iter

    # -- features ---------------------------------------------------------
    def _vectorisers(self):
        key = (self.n_features, tuple(self.char_ngrams), tuple(self.word_ngrams))
        cache = self.__dict__.get("_vec_cache")
        if cache is None or cache[0] != key:
            nf = self.n_features
            words = HashingVectorizer(
                n_features=nf, ngram_range=tuple(self.word_ngrams), alternate_sign=False, token_pattern=r"(?u)\b\w+\b", norm="l2"
            )
            opening = HashingVectorizer(
                n_features=nf // 4, analyzer="char_wb", ngram_range=tuple(self.char_ngrams), alternate_sign=False, norm="l2"
            )
            head = HashingVectorizer(
                n_features=nf // 4, ngram_range=(1, 2), alternate_sign=False, token_pattern=r"(?u)\b\w+\b", norm="l2"
            )
            cache = (key, tuple(_CachedHashing(v) for v in (words, opening, head)))
            self.__dict__["_vec_cache"] = cache
        return cache[1]

    def transform_features(self, X: Sequence[Candidate], text: str | None = None, spans=None):
        """The sparse feature matrix of candidates (text, opening, heading, layout); ``text`` and
        ``spans``: the document and each candidate's (start, end) in it, when the caller has them
        (its words are then found once)."""
        X = list(X)
        if X and not isinstance(X[0], Candidate):
            raise TypeError(f"SegmentClassifier expects Candidate objects, got {type(X[0]).__name__}")
        return stack_features(X, self._vectorisers(), self.opening_chars, text, spans)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_vec_cache", None)
        return state

    # -- estimator contract ----------------------------------------------
    def fit(self, X: Sequence[Candidate], y, sample_weight=None):
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) < 2:
            raise ValueError("SegmentClassifier.fit needs examples of both classes")
        self.model_ = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, solver="liblinear", random_state=0
        )
        self.model_.fit(self.transform_features(X), y, sample_weight=sample_weight)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(self, X: Sequence[Candidate]) -> np.ndarray:
        check_is_fitted(self, "model_")
        X = list(X)
        if not X:
            return np.zeros((0, len(self.classes_)))
        return self.model_.predict_proba(self.transform_features(X))

    def decision_function(self, X: Sequence[Candidate]) -> np.ndarray:
        check_is_fitted(self, "model_")
        return self.model_.decision_function(self.transform_features(list(X)))

    def predict(self, X: Sequence[Candidate]) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=self.classes_.dtype)

    def task_proba(self, X: Sequence[Candidate], text: str | None = None, spans=None) -> list[float]:
        """The probability that each candidate is a task (``text``, ``spans``: as :meth:`transform_features`)."""
        X = list(X)
        if not X:
            return []
        check_is_fitted(self, "model_")
        m = self.model_
        if len(self.classes_) == 2 and isinstance(m, LogisticRegression) and np.array_equal(m.classes_, self.classes_):
            # LogisticRegression.predict_proba of two classes without its input checks: the sigmoid
            # of the decision function, 1 - it for the first class (tests/test_classifier_speed.py)
            p = expit((self.transform_features(X, text, spans) @ m.coef_.T + m.intercept_).reshape(-1))
            p = p if 1 not in self.classes_ or self.classes_[1] == 1 else 1 - p
            return p.tolist()
        proba = self.predict_proba(X)
        col = int(np.flatnonzero(self.classes_ == 1)[0]) if 1 in self.classes_ else proba.shape[1] - 1
        return [float(p) for p in proba[:, col]]


# -- loading ----------------------------------------------------------------
_state.update(loaded=False, model=None, warned=False)  # with the override of use_classifier


def load_model(path: str | Path | None = None) -> SegmentClassifier | None:
    """Load a model saved with skops, trusting only :data:`TRUSTED_TYPES`.

    Returns None (and logs one warning per process) when the file is missing;
    raises :class:`~pipeline.errors.ModelError` (saying how to retrain) for a file that is not a valid model.
    """
    path = Path(path or os.environ.get("VNTASKS_MODEL") or MODEL_PATH)
    if not path.is_file():
        if not _state["warned"]:
            log.warning(
                "segment classifier %s not found: tasks are decided by the rules alone (train one with `vntasks train`)", path
            )
            _state["warned"] = True
        return None
    import zipfile

    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    from ..errors import ModelError

    fix = (
        "retrain it with `vntasks train`, point VNTASKS_MODEL at a good file, "
        "or set VNTASKS_MODEL=/nonexistent to run on the rules alone"
    )
    try:
        model = sio.load(path, trusted=list(TRUSTED_TYPES))
    except UntrustedTypesFoundException as exc:
        raise ModelError(f"{path}: the model file holds types that are not trusted ({exc}); {fix}") from exc
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, TypeError, AttributeError, ImportError) as exc:
        raise ModelError(f"{path}: not a readable segment classifier ({type(exc).__name__}: {exc}); {fix}") from exc
    if not isinstance(model, SegmentClassifier):
        raise ModelError(f"{path}: expected a SegmentClassifier, found {type(model).__name__}; {fix}")
    return model


def get_classifier() -> SegmentClassifier | None:
    """The lazily loaded default model (None when there is none), or the one set by :func:`use_classifier`."""
    if override() is not _UNSET:
        return override()
    if not _state["loaded"]:
        _state["model"] = load_model()
        _state["loaded"] = True
    return _state["model"]
