"""The decision rule over the segment classifier's scored candidates and its thresholds (issue 6): which
rule tasks to keep and which missed clauses to add (:func:`select_tasks`), that rule's task scores on
held-out predictions (:func:`simulate_task_scores`, the scorer's one-to-one matching) and the thresholds
chosen on them (:func:`choose_thresholds`, the model card's table :func:`task_level`). Not imported by the
extraction path; :mod:`.training` makes the held-out predictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from ..extraction.learned import NEVER, SIBLINGS_LEAST, addition_bars, ruled_lists
from ..extraction.units import action_units
from .evaluate import norm_tokens
from .training import MATCH, AnnotatedDoc, ScoredCandidate, Thresholds

__all__ = ["select_tasks", "simulate_task_scores", "task_counts", "TaskCounts", "choose_thresholds", "task_level", "TIE_F1"]


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


def select_tasks(cands: Sequence[ScoredCandidate], t: Thresholds, headerless: bool = False) -> list[ScoredCandidate]:
    """A decision rule over scored candidates: the rules' tasks whose probability is at least ``t.keep``,
    plus candidates the rules missed that overlap nothing already chosen (best first) with probability at
    least ``t.add`` where the rules found no task, ``t.add_headerless`` in a text without a header (news,
    web excerpts) where they found some, ``t.add_ruled`` elsewhere, and ``t.add_sibling`` for an item of
    a list that holds kept rule tasks (:func:`~pipeline.extraction.learned.ruled_lists`) in a headed text
    (None: add nothing). The extraction applies the same rule (``extraction.learned``)."""
    chosen = [c for c in cands if c.rule and c.proba >= t.keep]
    bars = addition_bars(any(c.rule for c in cands), headerless, t.add, t.add_ruled, t.add_headerless, t.add_sibling)
    lists = ruled_lists(c.item_list for c in chosen) if bars.sibling < NEVER else set()
    for c in sorted((c for c in cands if not c.rule and c.proba >= min(bars.general, bars.sibling)), key=lambda c: -c.proba):
        if c.proba < bars.general and c.item_list not in lists:
            continue
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_DEFAULT = Thresholds()


@dataclass(frozen=True)
class TaskCounts:
    """Tasks matched one-to-one to gold (the scorer's rule), spurious and missed, summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: TaskCounts) -> TaskCounts:
        return TaskCounts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def scores(self) -> dict:
        """precision, recall, F1 and the counts."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def task_counts(d: AnnotatedDoc, chosen: Sequence[ScoredCandidate]) -> TaskCounts:
    """How the tasks the chosen candidates become (:func:`_as_tasks`) match document ``d``'s gold."""
    texts = tuple(x for c in chosen for x in _as_tasks(d, c))
    m = _match_count(tuple(d.gold), texts)
    return TaskCounts(m, len(texts) - m, len(d.gold) - m)


def simulate_task_scores(
    preds: dict[str, list[ScoredCandidate]], docs: Sequence[AnnotatedDoc], t: Thresholds | None = _DEFAULT
) -> dict:
    """Task precision/recall/F1 (the scorer's matching) of :func:`select_tasks` on
    held-out predictions; ``t=None`` gives the rules alone."""
    total = TaskCounts()
    for d in docs:
        cands = preds.get(d.doc_id, [])
        chosen = [c for c in cands if c.rule] if t is None else select_tasks(cands, t, _headerless(d.text))
        total += task_counts(d, chosen)
    return total.scores()


KEEP_GRID = (0.3, 0.5)
ADD_GRID = (None, 0.4, 0.5, 0.6)  # where the rules found no task
ADD_HEADERLESS_GRID = (None, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)  # a text without a header where they found some
ADD_RULED_GRID = (None, 0.8, 0.9, 0.95)  # elsewhere
ADD_SIBLING_GRID = (None, 0.4, 0.5, 0.6, 0.7)  # an item of a list holding kept rule tasks, in a headed text


def _as_tasks(d: AnnotatedDoc, c: ScoredCandidate) -> list[str]:
    """The task texts a chosen candidate becomes: a rule task as it is, a clause the classifier adds
    cut into its action clauses as the pipeline cuts it (``extraction.learned``)."""
    if c.rule:
        return [c.text]
    return [d.text[a:z] for a, z in action_units(d.text, c.start, c.end, d.protected)]


def _grid() -> Iterator[Thresholds]:
    """Every setting of the grids."""
    for k, a, h, r, s in product(KEEP_GRID, ADD_GRID, ADD_HEADERLESS_GRID, ADD_RULED_GRID, ADD_SIBLING_GRID):
        yield Thresholds(keep=k, add=a, add_ruled=r, add_headerless=h, add_sibling=s)


def _additions(t: Thresholds) -> int:
    """How many of the thresholds add clauses (ties go to the fewer)."""
    return sum(x is not None for x in (t.add, t.add_ruled, t.add_headerless, t.add_sibling))


def choose_thresholds(preds, docs, strict: frozenset = frozenset()) -> tuple[Thresholds, dict]:
    """The setting of the grids with the best held-out task F1 over all of ``docs`` (the development gold,
    old and new documents together; see :func:`select_tasks`), among those that cost none of the documents
    of ``strict`` (the seeds) a task; settings within :data:`TIE_F1` of the best tie, ties go to the fewer
    additions, then to the higher precision (at one F1, fewer spurious rows, and the tasks a lower threshold
    adds are the ones whose deadlines are most often wrong: held out, keep 0.3 and keep 0.5 both gave task F1
    0.846, deadline accuracy 0.866 and 0.872). ``preds``: from source-grouped folds (:func:`group_folds`)."""
    each = [(d, simulate_task_scores(preds, [d], None)["f1"]) for d in docs if d.doc_id in strict]
    rows = []
    for t in _grid():
        if any(simulate_task_scores(preds, [d], t)["f1"] < f for d, f in each):
            continue  # a seed must not lose a task
        r = simulate_task_scores(preds, docs, t)
        rows.append((-_additions(t), round(r["precision"], 4), round(r["f1"], 4), t, r))
    if not rows:
        return Thresholds(), simulate_task_scores(preds, docs, Thresholds())
    top = max(row[2] for row in rows)
    best = max((row for row in rows if row[2] >= top - TIE_F1), key=lambda row: row[:3])
    return best[3], best[4]


TIE_F1 = 0.001  # about 8 tasks in 7,700 (each addition rule lets a text read in sections part from it read whole)


def task_level(preds, docs, protect: frozenset = frozenset()) -> str:
    guard = [d for d in docs if d.doc_id in protect]
    rows = []
    for t in _grid():
        r = simulate_task_scores(preds, docs, t)
        g = simulate_task_scores(preds, guard, t)["f1"] if guard else float("nan")
        rows.append((r["f1"], t, r, g))
    rows.sort(key=lambda x: -x[0])
    base = simulate_task_scores(preds, docs, None)
    gbase = simulate_task_scores(preds, guard, None)["f1"] if guard else float("nan")
    lines = [
        "",
        "### Held-out task scores of the decision rules (`decision.select_tasks`)",
        "Tasks matched one-to-one to gold by token F1 ≥ 0.5 (the scorer's rule), each document scored",
        "by the fold model that saw no document of its source; the rules' tasks are those of the pipeline at training time.",
        "Columns: drop rule tasks below *keep*; add missed clauses at *no rule* (document where the rules found",
        "nothing), *no header* (news, web excerpts), *list* (an item of a list that holds at least "
        f"{SIBLINGS_LEAST} kept rule tasks, in a headed text) or *else*. `regression` is the F1 on `data/annotated/`",
        "(shared corpus and seeds), shown beside the objective (F1 over the whole development gold). The rules",
        "alone, then the 15 best settings:",
        "",
        "| keep | add: no rule | no header | list | else | P | R | F1 | regression F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| rules alone | | | | | {base['precision']:.3f} | {base['recall']:.3f} | {base['f1']:.3f} | {gbase:.3f} |",
    ]
    for _f1, t, r, g in rows[:15]:
        lines.append(
            f"| {t.keep} | {t.add} | {t.add_headerless} | {t.add_sibling} | {t.add_ruled} | {r['precision']:.3f} "
            f"| {r['recall']:.3f} | {r['f1']:.3f} | {g:.3f} |"
        )
    return "\n".join(lines) + "\n"
