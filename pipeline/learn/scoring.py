"""The segment classifier as the task stage sees it (:class:`pipeline.extraction.learned.ClauseScorer`):
candidate clauses of a document scored in one call, with the model's thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from .classifier import SegmentClassifier, clause_candidates, get_classifier

__all__ = ["ClassifierScorer", "default_scorer"]


@dataclass(frozen=True)
class ClassifierScorer:
    """Scores every candidate clause of a document with ``model``."""

    model: SegmentClassifier

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


def default_scorer() -> ClassifierScorer | None:
    """The shipped model (:func:`~pipeline.learn.classifier.get_classifier`) as a scorer, or None."""
    model = get_classifier()
    return ClassifierScorer(model) if model is not None else None
