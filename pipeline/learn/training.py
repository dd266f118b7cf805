"""Training and leakage-free evaluation of the segment classifier (issue 6).

Not imported by the extraction path. The data are the annotated documents of
``data/annotated/``: each is run through the pipeline, every block is cut into
candidate clauses (whole item body, its sentences, their ``;`` clauses, the
part after an ``Agency:`` colon, and the tasks the rules found), and a
candidate is labelled 1 when it matches a gold task by the scorer's rule
(``tok_f1 >= 0.5``). Cross-validation groups by source (``GroupKFold`` over whole sources), so
no document is scored by a model that saw it.

    python3 scripts/train_classifier.py            # train, cross-validate, save model + card (pipeline.learn.train)
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..extraction.cues import closing_blocks
from ..extraction.units import action_units
from ..text.segment import Outline, segment
from .classifier import MODEL_PATH, Candidate, SegmentClassifier, clause_candidates
from .evaluate import load_gold, norm_tokens
from .sources import ROOT, cache_key, shared_dir, source_groups

__all__ = [
    "AnnotatedDoc",
    "ScoredCandidate",
    "load_annotated",
    "doc_candidates",
    "build_dataset",
    "cross_val_predictions",
    "cross_val_models",
    "select_tasks",
    "simulate_task_scores",
    "cross_validate",
    "train",
    "save_model",
    "scored",
    "task_level",
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


def build_dataset(docs: Iterable[AnnotatedDoc]) -> Dataset:
    X, y, groups, spans = [], [], [], []
    for d in docs:
        cands = doc_candidates(d)
        labels = label_candidates([c.text for _, _, c, _ in cands], d.gold)
        for (s, e, c, r), lab in zip(cands, labels):
            X.append(c)
            y.append(lab)
            groups.append(d.doc_id)
            spans.append((d.doc_id, s, e, r))
    return Dataset(X, np.array(y, dtype=int), np.array(groups), spans)


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
        out.setdefault(doc, []).append(ScoredCandidate(doc, s, e, ds.X[k].text, int(ds.y[k]), float(proba[k]), rule))
    return out


def cross_val_models(
    docs: Sequence[AnnotatedDoc] | None = None,
    n_splits: int = 5,
    params: dict | None = None,
    dataset: Dataset | None = None,
    thresholds: tuple | None = None,
) -> dict[str, SegmentClassifier]:
    """doc_id → the fold model that did not see that document. Run the pipeline on
    a document inside ``classifier.use_classifier(models[doc_id])`` for a held-out score.
    ``thresholds``: (keep, add, add_ruled, add_headerless) given to every fold model (see :func:`choose_thresholds`)."""
    ds = dataset or build_dataset(docs or load_annotated())
    out = {}
    for tr, te in group_folds(ds, n_splits):
        m = SegmentClassifier(**(params or {})).fit([ds.X[k] for k in tr], ds.y[tr])
        if thresholds is not None:
            set_thresholds(m, *thresholds)
        for doc in set(ds.groups[te]):
            out[str(doc)] = m
    return out


@lru_cache(maxsize=200_000)
def _bag(text: str) -> tuple[Counter, int]:
    c = Counter(norm_tokens(text))
    return c, sum(c.values())


def _bag_f1(a: tuple[Counter, int], b: tuple[Counter, int]) -> float:
    """:func:`pipeline.learn.evaluate.tok_f1` on pre-counted tokens."""
    if not a[1] or not b[1]:
        return 0.0
    common = sum((a[0] & b[0]).values())
    return 2 * common / (a[1] + b[1]) if common else 0.0


@lru_cache(maxsize=4096)
def _headerless(text: str) -> bool:
    from ..extraction.header import has_header

    return not has_header(text)


@lru_cache(maxsize=65_536)
def _match_count(gold: tuple[str, ...], pred: tuple[str, ...]) -> int:
    """Tasks matched one-to-one by the scorer's rule (greedy on token F1 >= 0.5). Cached: the
    threshold grids (:func:`task_level`, :func:`choose_thresholds`) choose the same tasks of a
    document at most of their points."""
    G, P = [_bag(a) for a in gold], [_bag(b) for b in pred]
    pairs = sorted(((_bag_f1(a, b), i, j) for i, a in enumerate(G) for j, b in enumerate(P)), reverse=True)
    ug, up, n = set(), set(), 0
    for sc, i, j in pairs:
        if sc < MATCH:
            break
        if i in ug or j in up:
            continue
        ug.add(i)
        up.add(j)
        n += 1
    return n


def select_tasks(
    cands: Sequence[ScoredCandidate],
    keep: float = 0.5,
    add: float | None = None,
    add_ruled: float | None = None,
    headerless: bool = False,
    add_headerless: float | None = None,
) -> list[ScoredCandidate]:
    """A decision rule over scored candidates: the rules' tasks whose probability is at
    least ``keep``, plus candidates the rules missed that overlap nothing already chosen (best
    first) with probability at least ``add`` where the rules found no task, ``add_headerless``
    in a text without a header (news, web excerpts) where they found some, ``add_ruled``
    elsewhere (None: add nothing)."""
    chosen = [c for c in cands if c.rule and c.proba >= keep]
    bar = add if not any(c.rule for c in cands) else (add_headerless if headerless else add_ruled)
    if bar is not None:
        for c in sorted((c for c in cands if not c.rule and c.proba >= bar), key=lambda c: -c.proba):
            if all(c.end <= o.start or c.start >= o.end for o in chosen):
                chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def simulate_task_scores(
    preds: dict[str, list[ScoredCandidate]],
    docs: Sequence[AnnotatedDoc],
    keep: float | None = 0.5,
    add: float | None = None,
    add_ruled: float | None = None,
    add_headerless: float | None = None,
) -> dict:
    """Task precision/recall/F1 (the scorer's matching) of :func:`select_tasks` on
    held-out predictions; ``keep=None`` gives the rules alone."""
    tp = fp = fn = 0
    for d in docs:
        cands = preds.get(d.doc_id, [])
        chosen = (
            [c for c in cands if c.rule]
            if keep is None
            else select_tasks(cands, keep, add, add_ruled, _headerless(d.text), add_headerless)
        )
        texts = tuple(t for c in chosen for t in _as_tasks(d, c))
        m = _match_count(tuple(d.gold), texts)
        tp, fp, fn = tp + m, fp + len(texts) - m, fn + len(d.gold) - m
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


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


def set_thresholds(
    model: SegmentClassifier, keep: float, add: float | None, add_ruled: float | None, add_headerless: float | None = None
) -> None:
    """Store the decision thresholds on a fitted model (2.0: never add)."""
    model.keep_above_ = float(keep)
    model.add_above_ = float(add) if add is not None else 2.0
    model.add_above_ruled_ = float(add_ruled) if add_ruled is not None else 2.0
    model.add_above_headerless_ = float(add_headerless) if add_headerless is not None else 2.0


def save_model(model: SegmentClassifier, path: str | Path = MODEL_PATH) -> Path:
    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(model, path)
    return path


KEEP_GRID = (0.3, 0.5)
ADD_GRID = (None, 0.4, 0.5, 0.6)  # where the rules found no task
ADD_HEADERLESS_GRID = (None, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)  # a text without a header where they found some
ADD_RULED_GRID = (None, 0.8, 0.9, 0.95)  # elsewhere


def _as_tasks(d: AnnotatedDoc, c: ScoredCandidate) -> list[str]:
    """The task texts a chosen candidate becomes: a rule task as it is, a clause the classifier adds
    cut into its action clauses as the pipeline cuts it (``extraction.learned``)."""
    if c.rule:
        return [c.text]
    return [d.text[a:z] for a, z in action_units(d.text, c.start, c.end, d.protected)]


def _grid():
    """Every (keep, add, add_ruled, add_headerless) of the grids."""
    return ((k, a, r, h) for k in KEEP_GRID for a in ADD_GRID for h in ADD_HEADERLESS_GRID for r in ADD_RULED_GRID)


def choose_thresholds(preds, docs, strict: frozenset = frozenset()) -> tuple[tuple, dict]:
    """The (keep, add, add_ruled, add_headerless) of the grids with the best held-out task F1 over
    all of ``docs`` (the development gold, old and new documents together; see :func:`select_tasks`),
    among those that cost none of the documents of ``strict`` (the seeds) a task; settings within :data:`TIE_F1`
    of the best tie, ties go to the fewer additions. ``preds``: from source-grouped folds (:func:`group_folds`)."""
    each = [(d, simulate_task_scores(preds, [d], None)["f1"]) for d in docs if d.doc_id in strict]
    rows = []
    for t in _grid():
        if any(simulate_task_scores(preds, [d], *t)["f1"] < f for d, f in each):
            continue  # a seed must not lose a task
        r = simulate_task_scores(preds, docs, *t)
        rows.append((-sum(x is not None for x in t[1:]), round(r["f1"], 4), t[2] or 0, t[3] or 0, t[1] or 0, t, r))
    if not rows:
        return (0.5, None, None, None), simulate_task_scores(preds, docs, 0.5)
    top = max(row[1] for row in rows)
    best = max((row for row in rows if row[1] >= top - TIE_F1), key=lambda row: row[:5] + (row[5][0],))
    return best[5], best[6]


TIE_F1 = 0.001  # about 8 tasks in 7,700 (each addition rule lets a text read in sections part from it read whole)


def task_level(preds, docs, protect: frozenset = frozenset()) -> str:
    guard = [d for d in docs if d.doc_id in protect]
    rows = []
    for keep, add, add_ruled, add_hl in _grid():
        r = simulate_task_scores(preds, docs, keep, add, add_ruled, add_hl)
        g = simulate_task_scores(preds, guard, keep, add, add_ruled, add_hl)["f1"] if guard else float("nan")
        rows.append((r["f1"], keep, add, add_hl, add_ruled, r, g))
    rows.sort(key=lambda x: -x[0])
    base = simulate_task_scores(preds, docs, None)
    gbase = simulate_task_scores(preds, guard, None)["f1"] if guard else float("nan")
    lines = [
        "",
        "### Held-out task scores of the decision rules (`training.select_tasks`)",
        "Tasks matched one-to-one to gold by token F1 ≥ 0.5 (the scorer's rule), each document scored",
        "by the fold model that saw no document of its source; the rules' tasks are those of the pipeline at training time.",
        "Columns: drop rule tasks below *keep*; add missed clauses at *no rule* (document where the rules found",
        "nothing), *no header* (news, web excerpts) or *else*. `regression` is the F1 on `data/annotated/`",
        "(shared corpus and seeds), shown beside the objective (F1 over the whole development gold). The rules",
        "alone, then the 15 best settings:",
        "",
        "| keep | add: no rule | no header | else | P | R | F1 | regression F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| rules alone | | | | {base['precision']:.3f} | {base['recall']:.3f} | {base['f1']:.3f} | {gbase:.3f} |",
    ]
    for _f1, keep, add, add_hl, add_ruled, r, g in rows[:15]:
        lines.append(
            f"| {keep} | {add} | {add_hl} | {add_ruled} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {g:.3f} |"
        )
    return "\n".join(lines) + "\n"
