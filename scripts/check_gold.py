#!/usr/bin/env python3
"""Check gold files against their documents (annotation hygiene, not scoring).

usage: check_gold.py RAW_DIR GOLD_FILE_OR_DIR...

For every ``NAME.gold.json``: valid JSON of the shape of
``../shared/spec/gold-format.md``; every string NFC; every claim, task and time
``text`` a substring of the document once whitespace runs (hard line breaks
included) are collapsed to one space; ``declared``/``found`` integers (found may be
null); values of times and deadlines of a TIMEX3-like form; reference dates ISO.
A word-segmented document ("Chỉ_thị") is compared as the reader restores it. Prints one line per
problem and exits 1 when there is any.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.read.readers import restore_word_segmented  # noqa: E402

KINDS = {"date", "month", "quarter", "half", "year", "range", "before", "recurring", "continuous"}
_POINT = r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|H[12]))?"
VALUE = re.compile(rf"^(?:{_POINT}|\.\./{_POINT}|{_POINT}/(?:{_POINT}|\.\.)|R/P\d+[YMWD]|continuous)$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _strings(obj: object):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def check(gold_path: Path, raw_dir: Path) -> list[str]:
    problems: list[str] = []
    where = gold_path.name

    def bad(msg: str) -> None:
        problems.append(f"{where}: {msg}")

    try:
        gold = json.loads(gold_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{where}: cannot read JSON ({exc})"]
    for key in ("doc", "claims", "tasks", "references", "times"):
        if key not in gold:
            bad(f"missing key {key!r}")
    if problems:
        return problems
    doc = raw_dir / gold["doc"]
    if not doc.is_file():
        return [f"{where}: document {doc} not found"]
    # a word-segmented document ("Chỉ_thị") is read as the reader restores it, and its gold is
    # written so (scripts/normalise_gold.py)
    text = squash(restore_word_segmented(doc.read_text("utf-8"))[0])
    for s in _strings(gold):
        if unicodedata.normalize("NFC", s) != s:
            bad(f"not NFC: {s[:60]!r}")
    for i, c in enumerate(gold["claims"]):
        if not isinstance(c.get("declared"), int):
            bad(f"claim {i}: declared must be an integer")
        if c.get("found") is not None and not isinstance(c.get("found"), int):
            bad(f"claim {i}: found must be an integer or null")
        if squash(c.get("text", "")) not in text:
            bad(f"claim {i}: text not in document: {c.get('text', '')[:80]!r}")
    for i, t in enumerate(gold["tasks"]):
        body = squash(t.get("text") or "")
        if not body:
            bad(f"task {i}: empty text")
        elif body not in text:
            bad(f"task {i}: text not in document: {body[:80]!r}")
        dl = t.get("deadline")
        if dl is not None and not VALUE.match(dl):
            bad(f"task {i}: deadline {dl!r} is not a TIMEX3-like value")
        if t.get("group") is not None and not isinstance(t["group"], str):
            bad(f"task {i}: group must be a string or null")
    for i, r in enumerate(gold["references"]):
        if not r.get("id"):
            bad(f"reference {i}: empty id")
        if r.get("date") is not None and not ISO_DATE.match(r["date"]):
            bad(f"reference {i}: date {r['date']!r} is not ISO")
        if not isinstance(r.get("alt_ids", []), list):
            bad(f"reference {i}: alt_ids must be a list")
    for i, t in enumerate(gold["times"]):
        if squash(t.get("text", "")) not in text:
            bad(f"time {i}: text not in document: {t.get('text', '')[:80]!r}")
        if t.get("kind") not in KINDS:
            bad(f"time {i}: kind {t.get('kind')!r} not one of {sorted(KINDS)}")
        if not VALUE.match(t.get("value") or ""):
            bad(f"time {i}: value {t.get('value')!r} is not a TIMEX3-like value")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    raw_dir = Path(argv[0])
    files: list[Path] = []
    for arg in argv[1:]:
        p = Path(arg)
        files.extend(sorted(p.glob("*.gold.json")) if p.is_dir() else [p])
    problems = [msg for f in files for msg in check(f, raw_dir)]
    for msg in problems:
        print(msg)
    print(f"{len(files)} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
