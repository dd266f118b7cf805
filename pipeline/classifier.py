"""A learned segment classifier: is this candidate clause a task? (issue 6)

The rules of :mod:`pipeline.tasks` find candidate clauses; what they cannot
decide (a task, or an objective, a general requirement, an assessment,
background, web-page boilerplate) is scored here. This module is inference
only: features, the scikit-learn estimator and the lazy loader. Training and
cross-validation live in :mod:`pipeline.training`, which the pipeline never
imports.

>>> clf = get_classifier()            # None when models/segment_classifier.skops is missing
>>> clf.task_proba([Candidate("Tổ chức tập huấn cho cán bộ", "II. NHIỆM VỤ", "dash", 0.4, True, "Tổ chức")])
[0.97...]

The model file is read with ``skops.io.load`` and an explicit list of trusted
types (:data:`TRUSTED_TYPES`); nothing is unpickled.
"""
from __future__ import annotations

import logging
import math
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

__all__ = ["Candidate", "SegmentClassifier", "make_candidate", "heading_context", "load_model", "get_classifier",
           "use_classifier",
           "MODEL_PATH", "TRUSTED_TYPES", "MARKER_TYPES"]

log = logging.getLogger(__name__)

#: Where the trained model lives (override with ``VNTASKS_MODEL``).
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "segment_classifier.skops"

#: The only non-builtin types a model file may contain.
TRUSTED_TYPES = ("pipeline.classifier.SegmentClassifier", "sklearn.linear_model._logistic.LogisticRegression")

#: Marker types of :func:`pipeline.segment.match_marker` ("" for a paragraph; "caps" for an all-caps heading).
MARKER_TYPES = ("", "part", "article", "roman", "arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus", "caps")

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SENT = re.compile(r"[.!?]\s+[A-ZĐÀ-Ỹ]")


@dataclass(frozen=True)
class Candidate:
    """One candidate clause, as the rules see it.

    ``text``: the clause without list marker, leading connector or closing ``;``/``.``;
    ``heading``: text of the nearest enclosing heading or parent item ("" at top level);
    ``marker_type``: list marker type of the clause's block (see :data:`MARKER_TYPES`);
    ``position``: start offset / document length, in [0, 1];
    ``in_task_context``: the rules placed the clause's block in a task context (claim list,
    "... các nhiệm vụ sau:" list, section under a task heading);
    ``verb``: leading action verb phrase (:func:`pipeline.tasks.starts_with_action`), or "".
    """

    text: str
    heading: str = ""
    marker_type: str = ""
    position: float = 0.0
    in_task_context: bool = False
    verb: str = ""


@lru_cache(maxsize=4096)
def _task_heading(heading: str) -> bool:
    from .tasks import is_task_heading   # lazy: tasks.py may import this module
    return bool(heading) and is_task_heading(heading)


def _dense(c: Candidate) -> list[float]:
    text = c.text
    words = _WORD.findall(text)
    n = len(words)
    first = text.lstrip()[:1]
    row = [
        1.0,
        min(max(c.position, 0.0), 1.0),
        math.log1p(n) / 5.0,
        float(n <= 3),
        float(n > 60),
        float(bool(c.verb)),
        len(c.verb.split()) / 4.0,
        float(c.in_task_context),
        float(_task_heading(c.heading)),
        float(not c.heading),
        float(first.isupper()),
        float(first.isdigit()),
        len(_DIGIT.findall(text)) / max(len(text), 1) * 5.0,
        float(text.rstrip().endswith(":")),
        float(sum(w.isupper() and len(w) > 1 for w in words) > 0.5 * max(n, 1)),
        min(text.count(";"), 4) / 2.0,
        min(len(_SENT.findall(text)), 4) / 2.0,
        float(":" in text),
        float(c.heading.rstrip().endswith(":")),
    ]
    mt = c.marker_type if c.marker_type in MARKER_TYPES else ""
    row += [float(mt == m) for m in MARKER_TYPES]
    return row


class SegmentClassifier(ClassifierMixin, BaseEstimator):
    """Logistic regression over hashed syllable / character n-grams and layout features.

    Follows the scikit-learn estimator contract (``fit``, ``predict``,
    ``predict_proba``, ``get_params``/``set_params``, ``clone``); ``X`` is a
    sequence of :class:`Candidate`. The vectorisers are stateless
    (``HashingVectorizer``), so the fitted state is only ``model_``.
    """

    def __init__(self, C: float = 0.3, n_features: int = 2 ** 16, char_ngrams: tuple = (2, 4),
                 word_ngrams: tuple = (1, 2), opening_chars: int = 60, class_weight=None, max_iter: int = 2000):
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
            words = HashingVectorizer(n_features=nf, ngram_range=tuple(self.word_ngrams), alternate_sign=False,
                                      token_pattern=r"(?u)\b\w+\b", norm="l2")
            opening = HashingVectorizer(n_features=nf // 4, analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                        alternate_sign=False, norm="l2")
            head = HashingVectorizer(n_features=nf // 4, ngram_range=(1, 2), alternate_sign=False,
                                     token_pattern=r"(?u)\b\w+\b", norm="l2")
            cache = (key, (words, opening, head))
            self.__dict__["_vec_cache"] = cache
        return cache[1]

    def transform_features(self, X: Sequence[Candidate]):
        """The sparse feature matrix of candidates (text, opening, heading, layout)."""
        X = list(X)
        if X and not isinstance(X[0], Candidate):
            raise TypeError(f"SegmentClassifier expects Candidate objects, got {type(X[0]).__name__}")
        words, opening, head = self._vectorisers()
        oc = self.opening_chars
        parts = [
            words.transform([c.text for c in X]),
            opening.transform([c.text[:oc] for c in X]),
            head.transform([c.heading[:200] for c in X]),
            sparse.csr_matrix(np.array([_dense(c) for c in X], dtype=float).reshape(len(X), -1)),
        ]
        return sparse.hstack(parts, format="csr")

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
        self.model_ = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                         solver="liblinear", random_state=0)
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

    def task_proba(self, X: Sequence[Candidate]) -> list[float]:
        """The probability that each candidate is a task."""
        X = list(X)
        if not X:
            return []
        proba = self.predict_proba(X)
        col = int(np.flatnonzero(self.classes_ == 1)[0]) if 1 in self.classes_ else proba.shape[1] - 1
        return [float(p) for p in proba[:, col]]


def heading_context(outline, i: int, width: int = 120) -> str:
    """The ``heading`` of a candidate in block ``i``: its section path (as
    ``Task.section``), then its parent item when the parent is an item."""
    parts = [b.text.strip()[:width] for b in outline.heading_path(i)]
    p = outline.parents[i] if 0 <= i < len(outline.parents) else -1
    if p >= 0 and outline.blocks[p].kind != "heading":
        parts.append(outline.blocks[p].text.strip()[:width])
    # an introducing paragraph ("... các nhiệm vụ sau:") between the parent and the block
    for k in range(i - 1, max(p, i - 40, -1), -1):
        b = outline.blocks[k]
        if outline.parents[k] == p and not b.marker_type:
            if b.text.rstrip().endswith(":"):
                parts.append(b.text.strip()[-width:])
            break
    return " > ".join(parts)


def make_candidate(text: str, outline, i: int, start: int, end: int, in_task_context: bool) -> Candidate:
    """The :class:`Candidate` for ``text[start:end]`` in block ``i`` of ``outline``
    (the same construction at training and at run time)."""
    from .tasks import starts_with_action
    clause = text[start:end]
    mt = outline.blocks[i].marker_type if 0 <= i < len(outline.blocks) else ""
    heading = heading_context(outline, i)
    if 0 <= i < len(outline.blocks):
        # "Công tác X, có 04 nhiệm vụ: A; B" – the block's own text up to a colon before the clause
        b = outline.blocks[i]
        colon = text.rfind(":", b.body_start, start)
        if colon > b.body_start:
            intro = text[b.body_start:colon + 1].strip()[-120:]
            heading = f"{heading} > {intro}" if heading else intro
    return Candidate(text=clause, heading=heading, marker_type=mt,
                     position=start / max(len(text), 1), in_task_context=bool(in_task_context),
                     verb=starts_with_action(clause))


# -- loading ----------------------------------------------------------------
_UNSET = object()
_state: dict = {"loaded": False, "model": None, "warned": False, "override": _UNSET}


def load_model(path: str | Path | None = None) -> SegmentClassifier | None:
    """Load a model saved with skops, trusting only :data:`TRUSTED_TYPES`.

    Returns None (and logs one warning per process) when the file is missing;
    raises ``skops`` / ``TypeError`` errors for a file that is not a valid model.
    """
    path = Path(path or os.environ.get("VNTASKS_MODEL") or MODEL_PATH)
    if not path.is_file():
        if not _state["warned"]:
            log.warning("segment classifier %s not found: tasks are decided by the rules alone "
                        "(train one with `vntasks train`)", path)
            _state["warned"] = True
        return None
    import skops.io as sio
    model = sio.load(path, trusted=list(TRUSTED_TYPES))
    if not isinstance(model, SegmentClassifier):
        raise TypeError(f"{path}: expected a SegmentClassifier, found {type(model).__name__}")
    return model


def get_classifier() -> SegmentClassifier | None:
    """The lazily loaded default model (None when there is none), or the one set by :func:`use_classifier`."""
    if _state["override"] is not _UNSET:
        return _state["override"]
    if not _state["loaded"]:
        _state["model"] = load_model()
        _state["loaded"] = True
    return _state["model"]


@contextmanager
def use_classifier(model: SegmentClassifier | None) -> Iterator[None]:
    """Make :func:`get_classifier` return ``model`` inside the block (held-out evaluation,
    tests); ``use_classifier(None)`` runs on the rules alone."""
    old = _state["override"]
    _state["override"] = model
    try:
        yield
    finally:
        _state["override"] = old
