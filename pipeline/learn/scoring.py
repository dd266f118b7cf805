"""The segment classifier as the task stage sees it (:class:`pipeline.extraction.learned.ClauseScorer`):
candidate clauses of a document scored in one call, with the model's thresholds."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .candidates import clause_candidates
from .model import _UNSET, LightModel, load_light, override

if TYPE_CHECKING:
    from .classifier import SegmentClassifier

__all__ = ["ClassifierScorer", "default_scorer"]


@dataclass(frozen=True)
class ClassifierScorer:
    """Scores every candidate clause of a document with ``model``."""

    model: SegmentClassifier | LightModel

    def score_clauses(
        self, text, outline, protected=(), rule_spans=(), contexts=(), skip_blocks=frozenset(), lead_end: int = 0
    ) -> list[tuple[int, int, bool, float]]:
        """(start, end, the rules output it, task probability) of every candidate clause
        (:func:`~pipeline.learn.classifier.clause_candidates`, as at training)."""
        cands = clause_candidates(text, outline, protected, rule_spans, contexts, skip_blocks, lead_end)
        if not cands:
            return []
        probs = self.model.task_proba([c for _, _, c in cands], text, [(s, e) for s, e, _ in cands])
        return [(s, e, c.rule, p) for (s, e, c), p in zip(cands, probs)]

    def __getattr__(self, name: str):
        # the thresholds the model was trained with (keep_above_, add_above_, …), when it has them
        if name.endswith("_") and not name.startswith("__"):
            return getattr(self.model, name)
        raise AttributeError(name)


_light: dict = {}


def default_model() -> SegmentClassifier | LightModel | None:
    """The model set by :func:`~pipeline.learn.model.use_classifier`, else the shipped one read
    without scikit-learn (:func:`~pipeline.learn.model.load_light`, once per process and model
    path), else :func:`~pipeline.learn.classifier.get_classifier` (a missing file: None, a bad one:
    :class:`~pipeline.errors.ModelError`)."""
    if override() is not _UNSET:
        return override()
    from .model import MODEL_PATH

    key = os.environ.get("VNTASKS_MODEL") or str(MODEL_PATH)
    if key not in _light:
        _light.clear()
        _light[key] = load_light(key)
    if _light[key] is not None:
        return _light[key]
    from .classifier import get_classifier

    return get_classifier()


def default_scorer() -> ClassifierScorer | None:
    """The shipped model (:func:`default_model`) as a scorer, or None."""
    model = default_model()
    return ClassifierScorer(model) if model is not None else None
