"""Score extractor output against gold files (spec/gold-format.md).

The matching rules are those of ``shared/tools/score.py`` (a test checks that
both agree): tasks one-to-one by token F1 ≥ 0.5, claims by declared number and
overlapping text, references as multisets of ids (alt ids accepted), times as
multisets of values. Each field gets precision, recall and F1. One field beyond
the scorer: ``lead_agency``, on matched tasks whose gold gives an optional
``"lead_agency"`` (precision = accuracy there).
"""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PRF", "Scores", "evaluate_dirs", "score", "load_gold", "read_predictions", "tok_f1", "match_tasks", "norm_id"]

BOOTSTRAP_DRAWS = 1000  # documents drawn again, for the interval of Scores.by_document
FIELDS = ("tasks", "claims", "claims_found", "refs", "ref_dates", "ref_issuer", "times", "deadlines", "lead_agency")
csv.field_size_limit(10**9)


def norm_tokens(s):
    s = unicodedata.normalize("NFC", s or "").lower()
    return re.sub(r"[^\w\s]", " ", s).split()


def tok_f1(a: str, b: str) -> float:
    ta, tb = Counter(norm_tokens(a)), Counter(norm_tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def norm_id(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").strip().replace("\u00d0", "\u0110")
    return re.sub(r"\s+", "", s).lower() if re.search(r"\d", s) else re.sub(r"\s+", " ", s).lower()


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp, fp, fn):
        self.tp += int(tp)
        self.fp += int(fp)
        self.fn += int(fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def fmt(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


@dataclass
class Scores:
    fields: dict = field(default_factory=lambda: {k: PRF() for k in FIELDS})
    per_doc: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (doc, field, kind, detail) for analysts
    # (the predicted task's deadline source, outcome) → matched tasks: where the deadlines come from and how they fare
    deadline_sources: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {
            k: {"p": v.precision, "r": v.recall, "f": v.f1, "tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in self.fields.items()
        }

    def report(self) -> str:
        return "\n".join(f"{k:13s} {v.fmt()}" for k, v in self.fields.items())

    def by_document(self) -> str:
        """How the task and deadline figures spread over the documents: their means per document, and how
        few documents hold half of the deadline errors (matched tasks with a wrong deadline). An aggregate:
        no document is named, so it may be printed for the sealed split."""
        docs = self.per_doc.values()
        f1s = [2 * d["matched"] / (d["gold_tasks"] + d["pred_tasks"]) for d in docs if d["gold_tasks"] + d["pred_tasks"]]
        accs = [d["deadline_right"] / d["matched"] for d in docs if d["matched"]]
        wrong = sorted((d["matched"] - d["deadline_right"] for d in docs), reverse=True)
        total, held, k = sum(wrong), 0, 0
        while total and held * 2 < total:
            held += wrong[k]
            k += 1
        (f_lo, f_hi), (d_lo, d_hi) = self._bootstrap()
        return "\n".join(
            [
                f"per document  tasks F1 mean {sum(f1s) / max(len(f1s), 1):.3f} over {len(f1s)} documents with tasks; "
                f"deadline accuracy mean {sum(accs) / max(len(accs), 1):.3f} over {len(accs)} documents with matched tasks",
                f"per document  {total} deadline errors; half of them in {k} of {len(accs)} documents",
                f"per document  95 % interval when the documents are drawn again ({BOOTSTRAP_DRAWS} draws): "
                f"tasks F1 {f_lo:.3f}–{f_hi:.3f}, deadline accuracy {d_lo:.3f}–{d_hi:.3f}",
            ]
        )

    def by_source(self) -> str:
        """The matched tasks by where the predicted deadline came from (the tables' ``deadline_source``: its table
        column, its own text, its group, its section, the document's scope, none) and how it fares against the
        gold: right, a wrong value, one where the gold has none (spurious), none where the gold has one (missing)."""
        outcomes = ("right", "wrong", "spurious", "missing")
        sources = sorted({src for src, _ in self.deadline_sources}, key=lambda x: (x == "none", x))
        lines = ["deadline source  " + "  ".join(f"{o:>8s}" for o in outcomes)]
        for src in sources:
            lines.append(f"{src:16s} " + "  ".join(f"{self.deadline_sources[(src, o)]:8d}" for o in outcomes))
        return "\n".join(lines)

    def _bootstrap(self, draws: int = BOOTSTRAP_DRAWS, seed: int = 0) -> tuple[tuple[float, float], tuple[float, float]]:
        """The 2.5 % and 97.5 % quantiles of the (pooled) task F1 and deadline accuracy over sets of documents
        drawn with replacement from the scored ones: how far the figures move with the choice of documents."""
        docs = list(self.per_doc.values())
        if not docs:
            return (0.0, 0.0), (0.0, 0.0)
        rng = random.Random(seed)
        f1s, accs = [], []
        for _ in range(draws):
            sample = [docs[rng.randrange(len(docs))] for _ in docs]
            m = sum(d["matched"] for d in sample)
            n = sum(d["gold_tasks"] + d["pred_tasks"] for d in sample)
            f1s.append(2 * m / n if n else 0.0)
            accs.append(sum(d["deadline_right"] for d in sample) / m if m else 0.0)
        f1s.sort()
        accs.sort()
        lo, hi = int(0.025 * len(f1s)), min(int(0.975 * len(f1s)), len(f1s) - 1)
        return (f1s[lo], f1s[hi]), (accs[lo], accs[hi])


def load_gold(gold_dir: str | Path) -> dict:
    out = {}
    for p in sorted(Path(gold_dir).glob("*.gold.json")):
        g = json.loads(p.read_text("utf-8"))
        out[g["doc"]] = g
    return out


def _read_csv(path: Path):
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_predictions(pred_dir: str | Path) -> dict:
    """Tables of an output folder as lists of dict rows (CSV, else JSON Lines, else Parquet)."""
    pred_dir = Path(pred_dir)
    out = {}
    for name in ("tasks", "claims", "references", "times"):
        if (pred_dir / f"{name}.csv").exists():
            out[name] = _read_csv(pred_dir / f"{name}.csv")
        elif (pred_dir / f"{name}.jsonl").exists():
            out[name] = [json.loads(x) for x in (pred_dir / f"{name}.jsonl").read_text("utf-8").splitlines() if x.strip()]
        elif (pred_dir / f"{name}.parquet").exists():
            import pandas as pd

            out[name] = (
                pd.read_parquet(pred_dir / f"{name}.parquet").astype(object).where(lambda d: d.notna(), "").to_dict("records")
            )
        else:
            out[name] = []
        for r in out[name]:
            for k, v in list(r.items()):
                r[k] = "" if v is None else (str(v) if not isinstance(v, str) else v)
    return out


def _by_doc(rows, docs):
    out = defaultdict(list)
    for r in rows:
        d = r.get("doc_id", "")
        out[d if d in docs else Path(d).name].append(r)
    return out


def score(golds: dict, preds: dict) -> Scores:
    """Score prediction rows against gold documents."""
    docs = set(golds)
    P = {name: _by_doc(rows, docs) for name, rows in preds.items()}
    sc = Scores()
    for doc, g in golds.items():
        pt = P["tasks"].get(doc, [])
        _score_tasks(sc, doc, g, pt)
        _score_claims(sc, doc, g, P["claims"].get(doc, []))
        _score_references(sc, doc, g, P["references"].get(doc, []))
        _score_times(sc, doc, g, P["times"].get(doc, []))
    return sc


def match_tasks(gold: Sequence[str], pred: Sequence[str]) -> list[tuple[int, int]]:
    """The (gold, predicted) index pairs of task texts matched one to one by token F1 ≥ 0.5, best first
    (the scorer's rule)."""
    pairs = sorted(((tok_f1(a, b), i, j) for i, a in enumerate(gold) for j, b in enumerate(pred)), reverse=True)
    used_g, used_p, matched = set(), set(), []
    for s, i, j in pairs:
        if s < 0.5:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        matched.append((i, j))
    return matched


def _outcome(gold: str, pred: str) -> str:
    """How a matched task's predicted deadline fares: right, wrong, spurious (the gold has none) or missing."""
    if gold == pred:
        return "right"
    return "spurious" if not gold else ("missing" if not pred else "wrong")


def _score_tasks(sc: Scores, doc: str, g: dict, pt: list) -> list[tuple[int, int]]:
    """Tasks matched one to one (:func:`match_tasks`), their deadlines and lead agencies; the matched
    (gold, predicted) index pairs."""
    m = sc.fields
    matched = match_tasks([a["text"] for a in g["tasks"]], [b.get("text", "") for b in pt])
    used_g, used_p = {i for i, _ in matched}, {j for _, j in matched}
    m["tasks"].add(len(matched), len(pt) - len(matched), len(g["tasks"]) - len(matched))
    for i, a in enumerate(g["tasks"]):
        if i not in used_g:
            sc.errors.append((doc, "tasks", "missed", a["text"][:120]))
    for j, b in enumerate(pt):
        if j not in used_p:
            sc.errors.append((doc, "tasks", "spurious", b.get("text", "")[:120]))
    dl_ok = 0
    for i, j in matched:
        gd, pd_ = g["tasks"][i].get("deadline") or "", pt[j].get("deadline") or ""
        sc.deadline_sources[(pt[j].get("deadline_source") or "none", _outcome(gd, pd_))] += 1
        if gd == pd_:
            dl_ok += 1
        else:
            sc.errors.append((doc, "deadlines", f"gold={gd!r} pred={pd_!r}", g["tasks"][i]["text"][:80]))
    m["deadlines"].add(dl_ok, len(matched) - dl_ok, len(g["tasks"]) - len(matched))
    sc.per_doc[doc] = {"gold_tasks": len(g["tasks"]), "pred_tasks": len(pt), "matched": len(matched), "deadline_right": dl_ok}
    # lead agency (an extension of the gold format): matched tasks whose gold names one,
    # right when the token F1 of the names is >= 0.5 (as issuers are scored)
    for i, j in matched:
        gl = g["tasks"][i].get("lead_agency")
        if gl:
            ok = tok_f1(gl, pt[j].get("lead_agency", "")) >= 0.5
            m["lead_agency"].add(ok, not ok, 0)
            if not ok:
                sc.errors.append(
                    (doc, "lead_agency", f"gold={gl!r} pred={pt[j].get('lead_agency', '')!r}", g["tasks"][i]["text"][:80])
                )
    return matched


def _score_claims(sc: Scores, doc: str, g: dict, pc: list) -> None:
    m = sc.fields
    used = set()
    ctp = ftp = 0
    for c in g["claims"]:
        for j, q in enumerate(pc):
            if j in used:
                continue
            try:
                dec = int(float(q.get("declared") or -1))
            except ValueError:
                dec = -1
            if dec == c["declared"] and tok_f1(c["text"], q.get("text", "")) > 0:
                used.add(j)
                ctp += 1
                fq = q.get("found", "")
                fq = int(float(fq)) if fq not in ("", None) else None
                ftp += fq == c["found"]
                if fq != c["found"]:
                    sc.errors.append((doc, "claims_found", f"gold={c['found']!r} pred={fq!r}", c["text"]))
                break
        else:
            sc.errors.append((doc, "claims", "missed", c["text"]))
    sc.errors.extend((doc, "claims", "spurious", q.get("text", "")) for j, q in enumerate(pc) if j not in used)
    m["claims"].add(ctp, len(pc) - ctp, len(g["claims"]) - ctp)
    m["claims_found"].add(ftp, ctp - ftp, len(g["claims"]) - ctp)


def _score_references(sc: Scores, doc: str, g: dict, pr: list) -> None:
    m = sc.fields
    pred_ids = Counter(norm_id(r.get("ref_id", "")) for r in pr)
    tp = 0
    for r in g["references"]:
        for cand in [r["id"], *r.get("alt_ids", [])]:
            k = norm_id(cand)
            if pred_ids[k] > 0:
                pred_ids[k] -= 1
                tp += 1
                break
        else:
            sc.errors.append((doc, "refs", "missed", r["id"]))
    for k, v in pred_ids.items():
        if v > 0:
            sc.errors.append((doc, "refs", f"spurious x{v}", k))
    m["refs"].add(tp, len(pr) - tp, len(g["references"]) - tp)
    pool = defaultdict(list)
    for r in pr:
        pool[norm_id(r.get("ref_id", ""))].append(r)
    for r in g["references"]:
        k = norm_id(r["id"])
        if pool[k]:
            q = pool[k].pop(0)
            if r.get("date"):
                ok = (q.get("date") or "")[:10] == r["date"]
                m["ref_dates"].add(ok, not ok, 0)
                if not ok:
                    sc.errors.append((doc, "ref_dates", f"gold={r['date']} pred={q.get('date')}", r["id"]))
            if r.get("issuer"):
                ok = tok_f1(r["issuer"], q.get("issuer", "")) >= 0.5
                m["ref_issuer"].add(ok, not ok, 0)


def _score_times(sc: Scores, doc: str, g: dict, ptimes: list) -> None:
    gv = Counter(t["value"] for t in g["times"])
    pv = Counter(t.get("value", "") for t in ptimes)
    tp = sum((gv & pv).values())
    sc.fields["times"].add(tp, sum(pv.values()) - tp, sum(gv.values()) - tp)
    for v, c in (gv - pv).items():
        sc.errors.append((doc, "times", f"missed x{c}", v))
    for v, c in (pv - gv).items():
        sc.errors.append((doc, "times", f"spurious x{c}", v))


def evaluate_dirs(gold_dir: str | Path, pred_dir: str | Path) -> Scores:
    return score(load_gold(gold_dir), read_predictions(pred_dir))
