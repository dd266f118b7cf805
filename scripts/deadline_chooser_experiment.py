#!/usr/bin/env python3
"""Would a learned chooser pick task deadlines better than the rules' order? (issue 11, item 4)

For every predicted task matched to a gold task (the scorer's token F1 >= 0.5), every time
expression of its document is a candidate, and "no deadline" another; each candidate gets layout
features (where it stands from the task, how many times and blocks lie between, in an enclosing
heading, the document's first time, its kind), cue features (a strong cue before it, asked, an
event's date, quoted, in brackets) and, unless dropped, which rule sources propose it
(``src=``, :meth:`pipeline.extraction.deadlines.Deadlines.candidates`) and whether it is the rules'
choice (``chain_``). A logistic regression scores the (task, candidate) pairs; a task takes its best
candidate's value.

Two steps, so that the rules of an older commit can be used (run ``collect`` from a worktree):

    python3 scripts/deadline_chooser_experiment.py collect ROWS.json [--repo PATH]
    python3 scripts/deadline_chooser_experiment.py simulate ROWS.json [--drop chain_,src] [--heldout z]

``simulate`` trains on the documents whose name does not start with ``--heldout`` and scores the
rest against the rules' choice. Session 9: with the rules of ``07c174e`` (before the eighth batch
``z*`` was seen), on that batch's 838 matched tasks: the rules 0.689; the chooser 0.689 with every
feature (it learns to follow the rules), 0.672 without ``chain_``, 0.653 without ``chain_`` and
``src``. The candidates hold the gold value for 0.968 of the tasks, but these features do not find it
where the rules miss; not shipped.
"""
from __future__ import annotations

import argparse
import json
import sys
from bisect import bisect_left
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else ("3-5" if n < 6 else "6+")


def _record_candidates(D, record: dict) -> None:
    """Wrap the deadline stage so that each task's candidates are kept in ``record`` (an older
    commit without ``Deadlines.candidates`` gets its sources listed the same way)."""
    if hasattr(D.Deadlines, "candidates"):
        original = D.Deadlines.of_task

        def of_task_recorded(self, a, z, ctx, group_dl, cells):
            found = self.candidates(a, z, ctx, group_dl, cells)
            record[a, z] = (self, [(c.source.value, c.time) for c in found], ctx)
            return original(self, a, z, ctx, group_dl, cells)

        D.Deadlines.of_task = of_task_recorded
        return
    from pipeline.types import DeadlineSource

    def of_task(self, a, z, ctx, group_dl, cells):
        ok = group_dl is not None and not ctx.group_start <= a < ctx.group_end and not (
            ctx.is_heading and any(ctx.group_start < k < a for k in self.breaks))
        found = [(s, t) for s, t in (
            ("column", self.column(cells["time"]) if "time" in cells else None),
            ("own", D.own_deadline(self.text, self.within(a, z))), ("item", self.item(a)),
            ("group", group_dl if ok else None), ("section", self.section(a)), ("document", self.scope)) if t is not None]
        record[a, z] = (self, found, ctx)
        return (found[0][1], DeadlineSource(found[0][0])) if found else (None, DeadlineSource.NONE)

    D.Deadlines.of_task = of_task


def _features(D, dl, found, a: int, z: int, ctx) -> list:
    from pipeline.extraction.units import block_at

    text, blocks = dl.text, dl.blocks
    bi = block_at(blocks, a)
    anc = set(dl.outline.ancestors(bi)) if bi >= 0 else set()
    sources: dict = {}
    for s, t in found:
        sources.setdefault(t.start, []).append(s)
    chain = found[0][0] if found else "none"
    first = dl.times[0].start if dl.times else -1
    out = []
    for t in dl.times:
        tb = block_at(blocks, t.start)
        pos = "inside" if a <= t.start < z else ("before" if t.start < a else "after")
        f = {"kind=" + t.kind: 1, "pos=" + pos: 1, "pos&kind=" + pos + t.kind: 1}
        if pos == "before":
            f["between=" + _bucket(bisect_left(dl._starts, a) - bisect_left(dl._starts, t.start) - 1)] = 1
            f["blockdist=" + _bucket(bi - tb)] = 1
        elif pos == "after":
            f["after_between=" + _bucket(bisect_left(dl._starts, t.start) - bisect_left(dl._starts, z))] = 1
            f["after_blockdist=" + _bucket(tb - bi)] = 1
        if tb == bi:
            f["same_block"] = 1
        if tb in anc:
            f["in_ancestor"] = f["anc_kind=" + blocks[tb].kind] = 1
        if t.start == first:
            f["first_in_doc"] = 1
        if dl.scope is not None:
            f["is_scope"] = int(t.start == dl.scope.start)
            f["scope_value"] = int(t.value == dl.scope.value)
        for s in sources.get(t.start, []):
            f["src=" + s] = f["src&kind=" + s + t.kind] = 1
        if found:
            f["chain_first"] = int(found[0][1].start == t.start)
            f["chain_value"] = int(found[0][1].value == t.value)
        checks = {"strong_cue": D._STRONG_CUE.search(text[max(0, t.start - 30): t.start]),
                  "question": D.in_question(text, t), "event": D.is_event_date(text, t),
                  "quotes": D.in_quotes(text, t), "parens": D.in_parentheses(text, t)}
        f.update({k: 1 for k, hit in checks.items() if hit})
        out.append((t.value, f))
    null = {"null": 1, "null&chain=" + chain: 1, "null&heading=" + str(ctx.is_heading): 1,
            "null&claim=" + str(ctx.claim is not None): 1, "null&ntimes=" + _bucket(len(dl.times)): 1}
    if dl.scope is None:
        null["null&noscope"] = 1
    out.append(("", null))
    return out


def collect(out: Path, repo: Path) -> None:
    sys.path.insert(0, str(repo))
    from pipeline.api import process_file
    from pipeline.extraction import deadlines as D
    from pipeline.learn.evaluate import load_gold, tok_f1

    record: dict = {}
    _record_candidates(D, record)
    search = [ROOT / "data" / "raw" / "wide", ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus" / "raw",
              ROOT.parent / "shared" / "seeds"]
    rows = []
    for gold_dir in (ROOT / "data" / "annotated", ROOT / "data" / "annotated" / "wide"):
        for doc, g in load_gold(gold_dir).items():
            path = next((d / doc for d in search if (d / doc).is_file()), None)
            if path is None:
                continue
            record.clear()
            pt = list(process_file(path, doc).tasks)
            pairs = sorted(((tok_f1(a["text"], b.text), i, j) for i, a in enumerate(g["tasks"]) for j, b in enumerate(pt)),
                           reverse=True)
            used_g, used_p = set(), set()
            for s, i, j in pairs:
                if s < 0.5:
                    break
                if i in used_g or j in used_p or (pt[j].start, pt[j].end) not in record:
                    continue
                used_g.add(i)
                used_p.add(j)
                dl, found, ctx = record[pt[j].start, pt[j].end]
                rows.append({"doc": doc, "gold": g["tasks"][i].get("deadline") or "",
                             "chain": found[0][1].value if found else "",
                             "cands": _features(D, dl, found, pt[j].start, pt[j].end, ctx)})
    out.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
    print(f"{len(rows)} matched tasks → {out}")


def simulate(rows_path: Path, drop: list[str], heldout: str, c: float) -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = json.loads(rows_path.read_text("utf-8"))

    def pairs(part):
        X, y, task, vals = [], [], [], []
        for k, r in enumerate(part):
            for v, f in r["cands"]:
                X.append({a: b for a, b in f.items() if not any(a.startswith(d) for d in drop)})
                y.append(int(v == r["gold"]))
                task.append(k)
                vals.append(v)
        return X, np.array(y), task, vals

    train = [r for r in rows if not r["doc"].startswith(heldout)]
    test = [r for r in rows if r["doc"].startswith(heldout)]
    X, y, _, _ = pairs(train)
    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000).fit(vec.fit_transform(X), y)
    X2, _, task, vals = pairs(test)
    best: dict = {}
    for k, v, p in zip(task, vals, model.predict_proba(vec.transform(X2))[:, 1]):
        if k not in best or p > best[k][0]:
            best[k] = (p, v)
    n = len(test)
    chooser = sum(test[k]["gold"] == best[k][1] for k in range(n)) / n
    rules = sum(r["gold"] == r["chain"] for r in test) / n
    oracle = sum(r["gold"] in [v for v, _ in r["cands"]] for r in test) / n
    print(f"held out {heldout}*: {n} matched tasks; deadline accuracy: rules {rules:.3f}, chooser {chooser:.3f} "
          f"(dropped {drop or 'nothing'}, C={c}); a candidate holds the gold value: {oracle:.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a1 = sub.add_parser("collect")
    a1.add_argument("rows", type=Path)
    a1.add_argument("--repo", type=Path, default=ROOT, help="the checkout whose rules are run (a worktree)")
    a2 = sub.add_parser("simulate")
    a2.add_argument("rows", type=Path)
    a2.add_argument("--drop", default="", help="feature prefixes left out, comma-separated (chain_, src)")
    a2.add_argument("--heldout", default="z", help="file-name prefix of the documents scored")
    a2.add_argument("-C", type=float, default=1.0)
    a = ap.parse_args(argv)
    if a.cmd == "collect":
        collect(a.rows, a.repo.resolve())
    else:
        simulate(a.rows, [d for d in a.drop.split(",") if d], a.heldout, a.C)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
