"""Training and leakage-free evaluation of the segment classifier (issue 6).

Not imported by the extraction path. The data are the annotated documents of
``data/annotated/``: each is run through the pipeline, every block is cut into
candidate clauses (whole item body, its sentences, their ``;`` clauses, the
part after an ``Agency:`` colon, and the tasks the rules found), and a
candidate is labelled 1 when it matches a gold task by the scorer's rule
(``tok_f1 >= 0.5``). Cross-validation groups by source (``GroupKFold`` over whole sources), so
no document is scored by a model that saw it.

    python3 scripts/train_classifier.py            # train, cross-validate, save model + card (pipeline.learn.train)

The decision rule over the scored candidates and its thresholds are :mod:`.decision`'s.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from ..extraction.cues import closing_blocks
from ..extraction.learned import NEVER, list_of
from ..text.segment import Outline, segment
from .classifier import MODEL_PATH, Candidate, SegmentClassifier, clause_candidates
from .evaluate import load_gold, norm_tokens
from .sources import ROOT, cache_key, shared_dir, source_groups

__all__ = [
    "AnnotatedDoc",
    "ScoredCandidate",
    "Thresholds",
    "load_annotated",
    "doc_candidates",
    "build_dataset",
    "cross_val_predictions",
    "cross_val_models",
    "cross_validate",
    "train",
    "save_model",
    "scored",
    "label_candidates",
    "group_folds",
]

MATCH = 0.5  # the scorer's token-F1 threshold (pipeline.learn.evaluate)


@dataclass(frozen=True)
class AnnotatedDoc:
    """A gold document run through the pipeline: its text, gold task texts,
    the rules' task spans and the spans that must not be cut (references, times)."""

    doc_id: str
    text: str
    gold: tuple[str, ...]
    rule_tasks: tuple[tuple[int, int, str], ...] = ()  # (start, end, task_id)
    protected: tuple[tuple[int, int], ...] = ()
    scope_end: int = 0  # end of the title (pipeline.extraction.header.title_end)


@dataclass(frozen=True)
class ScoredCandidate:
    doc_id: str
    start: int
    end: int
    text: str
    label: int
    proba: float
    rule: bool  # the rules output this span as a task
    item_list: tuple[int, str] | None = None  # the list its marked item belongs to (extraction.learned.list_of)


@dataclass(frozen=True)
class Thresholds:
    """The decision rule's thresholds (:func:`pipeline.learn.decision.select_tasks`), stored on a fitted
    model by :func:`set_thresholds`; None: never add."""

    keep: float = 0.5  # the rules' tasks are kept from this probability
    add: float | None = None  # clauses the rules missed, in a text where they found no task
    add_ruled: float | None = None  # … in a headed text where they found some
    add_headerless: float | None = None  # … in a text without a header where they found some
    add_sibling: float | None = None  # … an item of a list that holds kept rule tasks, in a headed text


# -- data ---------------------------------------------------------------------
def _find(doc: str, search: Sequence[Path]) -> Path | None:
    for d in search:
        p = Path(d) / doc
        if p.is_file():
            return p
    return None


def load_annotated(
    gold_dir: str | Path | Sequence[str | Path] = ROOT / "data" / "annotated",
    search: Sequence[str | Path] = (),
    cache: str | Path | None = None,
    progress: bool = False,
) -> list[AnnotatedDoc]:
    """Run the pipeline (rules alone, no classifier) on every gold document found in ``search`` folders.

    ``cache``: a JSON file to read the result from or to write it to. It is read only when it was
    written for the same gold files and the same pipeline code (:func:`cache_key`); otherwise it is
    rebuilt, so that a gold document added since, or a rule changed since, is never silently left out.
    """
    folders: list[Path] = [Path(s) for s in search] or _default_search()
    dirs = [gold_dir] if isinstance(gold_dir, (str, Path)) else list(gold_dir)
    key = cache_key(dirs, folders) if cache else ""
    stored = json.loads(Path(cache).read_text("utf-8")) if cache and Path(cache).is_file() else None
    if stored is not None and not (isinstance(stored, dict) and stored.get("key") == key):
        print(f"training: {cache}: written for other gold files or code; rebuilding it", file=sys.stderr)
        stored = None
    if stored is not None:
        rows = stored["docs"]
        return [
            AnnotatedDoc(
                r["doc_id"],
                r["text"],
                tuple(r["gold"]),
                tuple(tuple(x) for x in r["rule_tasks"]),
                tuple(tuple(x) for x in r["protected"]),
                r.get("scope_end", 0),
            )
            for r in rows
        ]
    from ..api import process_file
    from ..extraction.header import title_end

    out = []
    golds = {doc: g for d in dirs for doc, g in load_gold(d).items()}
    for doc, g in golds.items():
        path = _find(doc, folders)
        if path is None:
            print(f"training: {doc}: not found in {', '.join(map(str, folders))}; skipped", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        d = process_file(path, doc, model=None)  # the rules alone: the data must not depend on a previous model
        if d.status != "ok":
            print(f"training: {doc}: {d.error}; skipped", file=sys.stderr)
            continue
        out.append(
            AnnotatedDoc(
                doc_id=doc,
                text=d.text,
                gold=tuple(t["text"] for t in g["tasks"]),
                rule_tasks=tuple((t.start, t.end, t.task_id) for t in d.tasks),
                protected=tuple((r.start, r.end) for r in d.references) + tuple((t.start, t.end) for t in d.times),
                scope_end=title_end(d.text),
            )
        )
        if progress:
            print(
                f"  {doc}: {len(g['tasks'])} gold tasks, {len(d.tasks)} rule tasks ({time.perf_counter() - t0:.1f}s)",
                file=sys.stderr,
            )
    if cache:
        Path(cache).write_text(json.dumps({"key": key, "docs": [asdict(d) for d in out]}, ensure_ascii=False), "utf-8")
    return out


def seed_names() -> frozenset:
    """File names of the seed documents (``../shared/seeds``), which must keep every task."""

    shared = shared_dir()
    return frozenset(p.name for p in (shared / "seeds").glob("*.txt"))


def _default_search() -> list[Path]:
    import os

    shared = shared_dir()
    corpus = Path(os.environ.get("VNTASKS_CORPUS", shared / "corpus" / "raw"))
    return [corpus, ROOT / "data" / "raw", ROOT / "data" / "raw" / "wide", shared / "seeds"]


# -- candidates -----------------------------------------------------------------
def _contexts(doc: AnnotatedDoc) -> list[tuple[int, int]]:
    """Regions the rules treated as task contexts: first to last task of each group."""
    groups: dict[str, list[int]] = {}
    for s, e, tid in doc.rule_tasks:
        g = groups.setdefault(tid.split(".")[0], [s, e])
        g[0], g[1] = min(g[0], s), max(g[1], e)
    return [(a, z) for a, z in groups.values()]


def doc_candidates(doc: AnnotatedDoc, outline: Outline | None = None) -> list[tuple[int, int, Candidate, bool]]:
    """(start, end, candidate, found by the rules) for every candidate clause of a document:
    :func:`pipeline.learn.classifier.clause_candidates`, as at run time."""
    outline = outline or segment(doc.text)
    rule = [(s, e) for s, e, _ in doc.rule_tasks]
    cands = clause_candidates(
        doc.text, outline, doc.protected, rule, _contexts(doc), frozenset(closing_blocks(outline.blocks)), doc.scope_end
    )
    return [(s, e, c, c.rule) for s, e, c in cands]


def label_candidates(cands: Sequence[str], gold: Sequence[str], split: bool = False) -> list[int]:
    """1 when a candidate matches a gold task (token F1 >= 0.5); with ``split``, only
    when it also holds fewer than two whole gold tasks (else the gold splits it)."""
    gt = [Counter(norm_tokens(g)) for g in gold]
    gn = [sum(c.values()) for c in gt]
    out = []
    for text in cands:
        ct = Counter(norm_tokens(text))
        n = sum(ct.values())
        best, held = 0.0, 0
        for g, m in zip(gt, gn):
            if not n or not m or (m > n and 2 * n / (n + m) < MATCH):
                continue
            common = sum((ct & g).values())
            if common:
                best = max(best, 2 * common / (n + m))
                held += common >= 0.8 * m and m >= 4
        out.append(int(best >= MATCH and (held < 2 or not split)))
    return out


@dataclass(frozen=True)
class Dataset:
    X: list  # Candidate
    y: np.ndarray
    groups: np.ndarray  # doc ids
    spans: list  # (doc_id, start, end, rule)
    lists: list  # the list of each candidate's marked item, or None (extraction.learned.list_of)


def build_dataset(docs: Iterable[AnnotatedDoc]) -> Dataset:
    X, y, groups, spans, lists = [], [], [], [], []
    for d in docs:
        outline = segment(d.text)
        cands = doc_candidates(d, outline)
        labels = label_candidates([c.text for _, _, c, _ in cands], d.gold)
        for (s, e, c, r), lab in zip(cands, labels):
            X.append(c)
            y.append(lab)
            groups.append(d.doc_id)
            spans.append((d.doc_id, s, e, r))
            lists.append(list_of(outline, s))
    return Dataset(X, np.array(y, dtype=int), np.array(groups), spans, lists)


# -- cross-validation -------------------------------------------------------------
def group_folds(ds: Dataset, n_splits: int):
    """Folds of whole sources (:func:`source_groups`), never a document split across two."""
    from sklearn.model_selection import GroupKFold

    src = source_groups(sorted(set(map(str, ds.groups))))
    groups = np.array([src[str(g)] for g in ds.groups])
    n = min(n_splits, len(set(groups)))
    return list(GroupKFold(n_splits=n).split(np.zeros(len(ds.y)), ds.y, groups))


def _held_out(ds: Dataset, n_splits: int, params: dict) -> np.ndarray:
    proba = np.zeros(len(ds.y))
    for tr, te in group_folds(ds, n_splits):
        m = SegmentClassifier(**params).fit([ds.X[k] for k in tr], ds.y[tr])
        proba[te] = m.task_proba([ds.X[k] for k in te])
    return proba


def cross_val_predictions(
    docs: Sequence[AnnotatedDoc] | None = None, n_splits: int = 5, params: dict | None = None, dataset: Dataset | None = None
) -> dict[str, list[ScoredCandidate]]:
    """For every annotated document, the task probability of each of its
    candidates from the fold model that did not see the document."""
    ds = dataset or build_dataset(docs or load_annotated())
    return scored(ds, _held_out(ds, n_splits, params or {}))


def scored(ds: Dataset, proba) -> dict[str, list[ScoredCandidate]]:
    out: dict[str, list[ScoredCandidate]] = {}
    for k, (doc, s, e, rule) in enumerate(ds.spans):
        out.setdefault(doc, []).append(ScoredCandidate(doc, s, e, ds.X[k].text, int(ds.y[k]), float(proba[k]), rule, ds.lists[k]))
    return out


def cross_val_models(
    docs: Sequence[AnnotatedDoc] | None = None,
    n_splits: int = 5,
    params: dict | None = None,
    dataset: Dataset | None = None,
    thresholds: Thresholds | None = None,
) -> dict[str, SegmentClassifier]:
    """doc_id → the fold model that did not see that document. Run the pipeline on
    a document inside ``classifier.use_classifier(models[doc_id])`` for a held-out score.
    ``thresholds``: given to every fold model (see :func:`~pipeline.learn.decision.choose_thresholds`)."""
    ds = dataset or build_dataset(docs or load_annotated())
    out = {}
    for tr, te in group_folds(ds, n_splits):
        m = SegmentClassifier(**(params or {})).fit([ds.X[k] for k in tr], ds.y[tr])
        if thresholds is not None:
            set_thresholds(m, thresholds)
        for doc in set(ds.groups[te]):
            out[str(doc)] = m
    return out


def _prf(y, pred, cls) -> dict:
    tp = int(((pred == cls) & (y == cls)).sum())
    fp = int(((pred == cls) & (y != cls)).sum())
    fn = int(((pred != cls) & (y == cls)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "support": int((y == cls).sum())}


def cross_validate(ds: Dataset, n_splits: int = 5, params: dict | None = None, threshold: float = 0.5) -> tuple[dict, np.ndarray]:
    """Held-out per-class precision/recall/F1 at ``threshold`` over all candidates,
    and over the rules' own tasks only (what the classifier would keep or drop)."""
    proba = _held_out(ds, n_splits, params or {})
    pred = (proba >= threshold).astype(int)
    rule = np.array([r for *_, r in ds.spans], dtype=bool)
    rep = {
        "all": {"task": _prf(ds.y, pred, 1), "not_task": _prf(ds.y, pred, 0)},
        "rule_tasks": {"task": _prf(ds.y[rule], pred[rule], 1), "not_task": _prf(ds.y[rule], pred[rule], 0)},
        "n_candidates": int(len(ds.y)),
        "n_positive": int(ds.y.sum()),
        "n_documents": int(len(set(ds.groups))),
        "n_splits": min(n_splits, len(set(ds.groups))),
        "threshold": threshold,
    }
    return rep, proba


# -- training and saving ------------------------------------------------------------
def train(ds: Dataset, params: dict | None = None) -> SegmentClassifier:
    return SegmentClassifier(**(params or {})).fit(ds.X, ds.y)


def set_thresholds(model: SegmentClassifier, t: Thresholds) -> None:
    """Store the decision thresholds on a fitted model, as the extraction reads them (2.0: never add)."""
    model.keep_above_ = float(t.keep)
    model.add_above_ = _never(t.add)
    model.add_above_ruled_ = _never(t.add_ruled)
    model.add_above_headerless_ = _never(t.add_headerless)
    model.add_above_sibling_ = _never(t.add_sibling)


def _never(bar: float | None) -> float:
    return float(bar) if bar is not None else NEVER


def save_model(model: SegmentClassifier, path: str | Path = MODEL_PATH) -> Path:
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path)
    return path
