#!/usr/bin/env python3
"""Add a batch of newly annotated documents to the development split.

usage: add_dev_batch.py STAGE_DIR [--dry-run]

``STAGE_DIR`` holds what the annotators wrote (``raw/PREFIXNN.txt``, ``raw/SOURCES.PREFIX.tsv``,
``gold/PREFIXNN.gold.json``, ``second/*.gold.json``, ``notes/*.md``), as in
``data/annotated/notes/wide-brief-s6.md``. Every document must have a source row and gold that
passes ``scripts/check_gold.py``; no document may come from a source of the sealed split (the split
stays as ``scripts/split_sealed.py`` chose it, so its figure stays comparable across sessions) or
repeat a title already in ``data/raw/SOURCES.tsv``. The documents go to ``data/raw/wide/``, their
gold to ``data/annotated/wide/`` (second annotations to ``data/annotated/second/``, notes to
``data/annotated/notes/``), and their rows, with ``source`` and ``split=dev``, are appended to
``data/raw/SOURCES.tsv``. Prints what it would do and why a document is refused; exits 1 on any refusal.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from split_sealed import source_key  # noqa: E402

SOURCES = ROOT / "data" / "raw" / "SOURCES.tsv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stage", type=Path)
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument(
        "--set-aside",
        action="store_true",
        help="move each refused document (text, gold, second annotation, source row) to STAGE_DIR/refused/ and add the rest",
    )
    a = ap.parse_args(argv)
    with SOURCES.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    sealed = {r["source"] for r in rows if r["split"] == "test"}
    known_ids = {r["id"] for r in rows}
    known_urls = {r["url_or_repo_path"].strip() for r in rows if r["url_or_repo_path"].strip()}

    new: list[dict] = []
    for f in sorted((a.stage / "raw").glob("SOURCES.*.tsv")):
        with f.open(encoding="utf-8", newline="") as fh:
            new += [r for r in csv.DictReader(fh, delimiter="\t") if r.get("id")]
    problems: list[str] = []
    refused: list[str] = []
    accepted: list[dict] = []
    done = 0
    for r in new:
        doc, gold = a.stage / "raw" / r["file"], a.stage / "gold" / f"{r['id']}.gold.json"
        here = ROOT / "data" / "raw" / "wide" / r["file"]
        if r["id"] in known_ids and here.is_file() and doc.is_file() and here.read_bytes() == doc.read_bytes():
            done += 1  # added by an earlier run (its second annotation, if new, is copied below)
            continue
        src = source_key(r["site"])
        why = (
            "its text is missing" if not doc.is_file()
            else "its gold is missing" if not gold.is_file()
            else f"its source {src} is in the sealed split" if src in sealed
            else "its id is taken" if r["id"] in known_ids
            else "its URL or path is already in the corpus" if r["url_or_repo_path"].strip() in known_urls
            else ""
        )
        if why:
            problems.append(f"{r['id']}: refused, {why}")
            refused.append(r["id"])
            continue
        check = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "check_gold.py"), str(a.stage / "raw"), str(gold)],
            capture_output=True, text=True,
        )
        if check.returncode:
            problems.append(f"{r['id']}: refused, check_gold.py says:\n{check.stdout.strip()}")
            refused.append(r["id"])
            continue
        accepted.append({**{k: r.get(k, "") for k in fields}, "source": src, "split": "dev"})
        known_urls.add(r["url_or_repo_path"].strip())
    for p in problems:
        print(p)
    print(f"{len(accepted)} of {len(new)} documents accepted from {len({r['source'] for r in accepted})} sources"
          f" ({done} added before)")
    if a.dry_run or (problems and not a.set_aside):
        return 1 if problems else 0
    if refused:
        set_aside(a.stage, refused)
    for r in accepted:
        shutil.copy2(a.stage / "raw" / r["file"], ROOT / "data" / "raw" / "wide" / r["file"])
        shutil.copy2(a.stage / "gold" / f"{r['id']}.gold.json", ROOT / "data" / "annotated" / "wide")
    ids = {r["id"] for r in accepted} | known_ids
    for g in sorted((a.stage / "second").glob("*.gold.json")):
        if g.name.split(".")[0] in ids:
            shutil.copy2(g, ROOT / "data" / "annotated" / "second" / g.name)
    for n in sorted((a.stage / "notes").glob("*.md")):
        shutil.copy2(n, ROOT / "data" / "annotated" / "notes" / n.name)
    with SOURCES.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fields, delimiter="\t", lineterminator="\r\n").writerows(accepted)
    return 0


def set_aside(stage: Path, ids: list[str]) -> None:
    """Move the refused documents' texts, gold and second annotations to ``stage/refused/``, and their rows from the
    stage's SOURCES files to ``stage/refused/SOURCES.refused.tsv``, so that the batch can be added without them and
    nothing of them is lost."""
    out = stage / "refused"
    out.mkdir(exist_ok=True)
    for i in ids:
        for src, name in ((stage / "raw", f"{i}.txt"), (stage / "gold", f"{i}.gold.json"), (stage / "second", f"{i}.gold.json")):
            if (src / name).is_file():
                shutil.move(str(src / name), str(out / (name if src.name != "second" else f"{i}.second.gold.json")))
    header, moved = "", []
    for f in sorted((stage / "raw").glob("SOURCES.*.tsv")):
        lines = f.read_text("utf-8").splitlines(keepends=True)
        header = header or lines[0]
        theirs = [ln for ln in lines[1:] if ln.split("\t", 1)[0] in ids]
        if theirs:
            f.write_text("".join(ln for ln in lines if ln not in theirs), "utf-8")
            moved += theirs
    target = out / "SOURCES.refused.tsv"
    if moved:
        with target.open("a", encoding="utf-8") as fh:
            fh.writelines(([] if target.stat().st_size else [header]) + moved)
    print(f"set aside in {out}: {', '.join(ids)}")


if __name__ == "__main__":
    sys.exit(main())
