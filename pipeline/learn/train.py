"""Train the segment classifier as a library call (:func:`train_classifier`, what ``vntasks train``
runs) and write its model card; ``python3 scripts/train_classifier.py`` is :func:`main`."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import TrainingError
from ..extraction.learned import SIBLINGS_LEAST
from .classifier import MODEL_PATH, SegmentClassifier
from .decision import choose_thresholds, task_level
from .evaluate import load_gold
from .training import (
    ROOT,
    AnnotatedDoc,
    build_dataset,
    cross_validate,
    load_annotated,
    save_model,
    scored,
    seed_names,
    set_thresholds,
    train,
)

__all__ = ["train_classifier", "TrainingReport", "write_model_card", "main"]


def _table(rep: dict) -> str:
    lines = ["| candidates | class | precision | recall | F1 | support |", "|---|---|---:|---:|---:|---:|"]
    for scope, label in (("all", "all candidate clauses"), ("rule_tasks", "tasks the rules found")):
        for cls in ("task", "not_task"):
            m = rep[scope][cls]
            lines.append(f"| {label} | {cls} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    return "\n".join(lines)


def write_model_card(
    path: str | Path, rep: dict, model: SegmentClassifier, docs: Sequence[AnnotatedDoc], extra: str = ""
) -> Path:
    import sklearn

    from .. import __version__

    params = ", ".join(f"{k}={v!r}" for k, v in model.get_params().items())
    card = f"""# Model card: segment classifier (`segment_classifier.skops`)

- **Version**: vntasks {__version__}, scikit-learn {sklearn.__version__}; trained {_dt.date.today().isoformat()}.
- **Task**: is a clause a task (annotation guide §2) or not (objective, general requirement,
  assessment, background, web-page boilerplate, heading)? Every clause of a document is scored
  (`pipeline.learn.classifier.clause_candidates`, the same at training and run time): the rules' tasks
  below `keep_above_` are dropped, and clauses the rules missed are added above `add_above_` (where the
  rules found nothing), `add_above_headerless_` (texts without a header), `add_above_sibling_` (an item
  of a list that holds the rules' kept tasks, in a headed text) or `add_above_ruled_` (elsewhere). The
  rules' output is a feature; without the model file the rules alone decide.
- **Estimator**: `pipeline.learn.classifier.SegmentClassifier` (scikit-learn estimator contract;
  logistic regression, liblinear), parameters: {params}.

## Data
{len(docs)} annotated development documents ({sum(len(d.gold) for d in docs)} gold tasks): the shared corpus
and the seeds (`data/annotated/*.gold.json`) and the wide corpus' development split
(`data/annotated/wide/`); the sealed test split (`data/annotated/test/`) is never used. Each is run
through the pipeline with the rules alone. Every block is cut into candidates: the whole item body, each sentence,
each `;` clause, the part after an `Agency:` colon, plus the tasks the rules output
({rep["n_candidates"]} candidates, {rep["n_positive"]} positive). A candidate is labelled *task* when it
matches a gold task with token F1 ≥ 0.5 (the scorer's rule, `pipeline.learn.evaluate.tok_f1`).
Documents: {", ".join(d.doc_id for d in docs)}.

## Features
- syllable {model.word_ngrams[0]}–{model.word_ngrams[1]}-grams of the clause (hashed, `HashingVectorizer`, {model.n_features} features);
- character {model.char_ngrams[0]}–{model.char_ngrams[1]}-grams (`char_wb`, {model.n_features // 4} features) of the clause's first {model.opening_chars} characters;
- syllable 1–2-grams of the heading context (section path, parent item, introducing `…:` paragraph;
  {model.n_features // 4} features);
- layout: position in the document, length, leading verb present and its length
  (`tasks.starts_with_action`), in a rule task context, heading is a task heading
  (`tasks.is_task_heading`), list marker type (one-hot), capitalisation, digits, ends with `:`;
- the rules and the neighbourhood: the rules output this clause as a task; the clauses before and
  after it open with an action; a request cue stands before it in its block (`headings.toml`
  `[request_cues]`); it opens with an agency as subject; it stands in the title; a word of will or
  request stands before an action verb in its first words (`headings.toml` `[modal_cues]`);
- the document: the share of its clauses that open with an action, the share in rule task contexts,
  whether the rules found no task in it (alone and crossed with the clause's own leading verb).
- underthesea `word_tokenize` is not used: it costs 0.8 ms a clause (0.8 s per 1,000
  candidates, more than all the rest of scoring), and syllable 1–2-grams already cover
  two-syllable words; its accuracy gain was not measured.

## Cross-validated scores (held out by source)
`GroupKFold` with {rep["n_splits"]} folds of whole sources (a site or repository, from the SOURCES.tsv
files): no candidate is scored by a model that saw its document or any document of its source. Threshold {rep["threshold"]}.

{_table(rep)}
{extra}
## How to retrain
```bash
vntasks train            # data/annotated → models/segment_classifier.skops + this card
vntasks train --cv-only  # scores only, model untouched
# (the same: python3 scripts/train_classifier.py [--cv-only])
```
Loading uses `skops.io.load` with the trusted types `pipeline.learn.classifier.TRUSTED_TYPES`
(never pickle); a missing file makes the pipeline run on the rules alone, with one warning.
"""
    path = Path(path)
    path.write_text(card + _kept_section(path), "utf-8")
    return path


SEALED_BEGIN, SEALED_END = "<!-- sealed-test:begin -->", "<!-- sealed-test:end -->"
EXPERIMENTS_BEGIN, EXPERIMENTS_END = "<!-- experiments:begin -->", "<!-- experiments:end -->"
#: The card's hand-written sections, which retraining keeps (in this order): models tried and not
#: shipped, measured by their own scripts; the sealed split, scored by hand once a session
#: (``scripts/evaluate_wide.sh test``), never by the training code.
KEPT = ((EXPERIMENTS_BEGIN, EXPERIMENTS_END), (SEALED_BEGIN, SEALED_END))


def _kept_section(path: Path) -> str:
    """The card's :data:`KEPT` sections, as they stand in the card at ``path``."""
    old = path.read_text("utf-8") if path.is_file() else ""
    out = ""
    for begin, end in KEPT:
        a, z = old.find(begin), old.find(end)
        out += "\n" + old[a : z + len(end)] + "\n" if 0 <= a < z else ""
    return out


def _speed(model, ds) -> str:
    X = (ds.X * (1000 // max(len(ds.X), 1) + 1))[:1000]
    model.task_proba(X[:10])
    t0 = time.perf_counter()
    model.task_proba(X)
    return f"\nScoring 1,000 candidates takes {time.perf_counter() - t0:.2f} s on the training machine.\n"


@dataclass(frozen=True)
class TrainingReport:
    """What :func:`train_classifier` did: the cross-validation report, and the files it wrote
    (None with ``cv_only``)."""

    cross_validation: dict
    task_level: str
    model_path: Path | None = None
    card_path: Path | None = None


def train_classifier(
    gold: Sequence[str | Path] = (),
    search: Sequence[str | Path] = (),
    out: str | Path = MODEL_PATH,
    card: str | Path | None = None,
    folds: int = 5,
    cache: str | Path | None = None,
    cv_only: bool = False,
    echo=print,
) -> TrainingReport:
    """Train and cross-validate the segment classifier on the gold files of ``gold`` (default
    data/annotated and data/annotated/wide — never data/annotated/test, the sealed split),
    their documents found in ``search``; save the model to ``out`` and its card (default
    MODEL_CARD.md beside it) unless ``cv_only``. Candidates come from the rules alone, never
    from an older model. Raises :class:`~pipeline.errors.TrainingError` when there is nothing
    to train on. ``echo`` receives the reports as they are ready."""
    t0 = time.perf_counter()
    gold = list(gold) or [ROOT / "data" / "annotated", ROOT / "data" / "annotated" / "wide"]
    if any(Path(g).resolve() == (ROOT / "data" / "annotated" / "test").resolve() for g in gold):
        raise TrainingError("data/annotated/test is the sealed split; train on the development gold only")
    docs = load_annotated(gold, list(search), cache=cache, progress=True)
    if not docs:
        raise TrainingError("no annotated documents found (give --gold and --search folders)")
    ds = build_dataset(docs)
    rep, proba = cross_validate(ds, folds)
    echo(json.dumps(rep, indent=1))
    protect = frozenset(load_gold(gold[0])) if gold else frozenset()
    extra = task_level(scored(ds, proba), docs, protect)
    echo(extra)
    if cv_only:
        return TrainingReport(rep, extra)
    t, best = choose_thresholds(scored(ds, proba), docs, seed_names())
    extra += (
        f"\nChosen decision (best held-out F1 {best['f1']:.3f} over the whole development gold, old and new documents, "
        f"that costs no seed a task): keep the rules' tasks with p ≥ {t.keep}; add clauses the rules missed with p ≥ {t.add} "
        f"where the rules found no task, p ≥ {t.add_headerless} in a text without a header where they found some, "
        f"p ≥ {t.add_sibling} for an item of a list that holds at least {SIBLINGS_LEAST} kept rule tasks in a headed text, "
        f"p ≥ {t.add_ruled} elsewhere (None: never). Stored in the model as `keep_above_`, `add_above_`, "
        f"`add_above_headerless_`, `add_above_sibling_`, `add_above_ruled_` and read by `pipeline.extraction.learned`.\n"
    )
    model = train(ds)
    set_thresholds(model, t)
    out = Path(out)
    path = save_model(model, out)
    card_path = write_model_card(
        Path(card) if card else out.parent / "MODEL_CARD.md", rep, model, docs, extra + _speed(model, ds)
    )
    print(f"saved {path} and {card_path} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    return TrainingReport(rep, extra, path, card_path)


def main(argv=None) -> int:
    """``python3 scripts/train_classifier.py``: :func:`train_classifier` with its options."""
    ap = argparse.ArgumentParser(prog="train_classifier", description="train and cross-validate the segment classifier")
    ap.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="a folder of gold files (repeatable; default data/annotated and data/annotated/wide — "
        "never data/annotated/test, the sealed split)",
    )
    ap.add_argument("--search", type=Path, action="append", default=[], help="folders holding the gold documents")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--card", type=Path, default=None, help="model card path (default: MODEL_CARD.md beside --out)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", type=Path, default=None, help="JSON cache of the processed documents")
    ap.add_argument("--cv-only", action="store_true")
    a = ap.parse_args(argv)
    try:
        train_classifier(a.gold, a.search, a.out, a.card, a.folds, a.cache, a.cv_only)
    except TrainingError as exc:
        print(f"training: {exc}", file=sys.stderr)
        return 2
    return 0
