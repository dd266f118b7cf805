#!/usr/bin/env python3
"""Count places where the development gold itself splits, before any rule is written for them (sessions 23 and 24, no
rule came of it): a rule that follows one reading loses the other's tasks.

1. A date that opens "Ngày 25/11/2025, Văn phòng Chính phủ đã ban hành …": annotated as a time, or left out as the
   issued document's date? (counted over the mentions the extractor reports as a time, in ``TABLES/times.csv``)
2. A holiday in a task's own text ("bảo đảm an toàn giao thông dịp Tết Dương lịch") that the extractor takes as the
   task's deadline (``TABLES/tasks.csv``, source ``own``): is the gold deadline the holiday or something else?
3. The horizon of a cited document in a plan's title ("thực hiện Nghị quyết … đến năm 2030"): how many of the tasks
   below it does the gold date by that year? (gold only)
4. A holiday in the first 600 characters of a text without a header ("… ban hành Chỉ thị về tổ chức đón Tết Nguyên đán
   Tân Sửu năm 2021"): is its tasks' commonest gold deadline the holiday's date, its year, none or another time?
5. A year by which a figure is to be reached, in the first 1,200 characters ("mục tiêu tăng trưởng kinh tế năm 2025
   phấn đấu đạt 8,3-8,5%", "sản lượng lúa đạt 45 triệu tấn vào năm 2020"): is it the tasks' commonest gold deadline?

    vntasks extract $(ls data/raw/wide/*.txt | grep -v '/d[a-h][0-9]') --out /tmp/dev --format csv
    python3 scripts/experiments/judgement_splits.py /tmp/dev --gold data/annotated/wide

Result (2026-12-07, 1,438 development documents, session 23's model): issuing dates reported as times 28, annotated in
17 of them; holidays taken as a task's own deadline 28, the gold gives the holiday for 13, the year for 10, something
else or none for 5; tasks under a cited horizon 416 in 27 documents, dated by the horizon's year 186, none 98, another
time 132.
Session 24 (1,489 wide development documents, the tables of its held-out run at ``e03918d``): holidays in a header-less
lead 40 documents, their tasks' commonest gold deadline the holiday's year in 14, none in 12, the holiday's date in 9,
another time in 5; a figure's target year in the lead 13 documents, the tasks dated by that year in 3, none in 5,
another time in 5. (Issuing dates 30, annotated 17; holidays in a task's own text 28: 13 / 10 / 5; cited horizons 442
tasks in 30 documents: 186 / 115 / 141.)
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.learn.evaluate import load_gold, match_tasks  # noqa: E402

ISSUED = re.compile(
    r"(?i)\b(ngày\s+\d{1,2}(?:\s*(?:/|-|tháng)\s*\d{1,2})(?:\s*(?:/|-|năm)\s*\d{4})?)\s*,?\s*"
    r"(?:[^,.;\n]{0,60}?)\s(?:đã\s+)?(?:ký\s+)?ban\s+hành\b"
)
HOLIDAY = re.compile(r"(?i)tết|lễ|quốc khánh|giỗ|noel|giáng sinh")
CITED_HORIZON = re.compile(
    r"(?i)(?:thực hiện|triển khai|quán triệt)\s+(?:các\s+)?(?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Chiến lược|Đề án|"
    r"Chương trình)\s+(?:số\s+)?[^\n]{0,250}?(?:đến năm|giai đoạn|tầm nhìn đến năm)\s+((?:19|20)\d\d)"
)


def _rows(path: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out[r["doc_id"]].append(r)
    return out


def issued_dates(gold_dir: Path, raw_dir: Path, docs: set[str], times: dict[str, list[dict]]) -> Counter:
    """Mentions of an issuing date the extractor reports as a time, by whether the gold annotates them."""
    c: Counter = Counter()
    for g in sorted(gold_dir.glob("*.gold.json")):
        doc = g.name[: -len(".gold.json")] + ".txt"
        if doc not in docs:
            continue
        text = (raw_dir / doc).read_text(encoding="utf-8")
        gold = [" ".join(t["text"].split()).lower() for t in json.loads(g.read_text(encoding="utf-8"))["times"]]
        spans = [(int(r["start"]), int(r["end"])) for r in times.get(doc, [])]
        for m in ISSUED.finditer(text):
            if not any(a <= m.start(1) + 5 <= b for a, b in spans):
                continue
            said = " ".join(m.group(1).split()).lower()
            c["annotated" if any(said in x or x in said for x in gold) else "left out"] += 1
    return c


def holiday_deadlines(gold: dict, tasks: dict[str, list[dict]]) -> Counter:
    """Tasks whose own text's holiday the extractor takes as their deadline, by what the gold says."""
    c: Counter = Counter()
    for doc, g in gold.items():
        texts = [t["text"] for t in g["tasks"]]
        for gi, pi in match_tasks(texts, [r["text"] for r in tasks.get(doc, [])]):
            r = tasks[doc][pi]
            if r["deadline_source"] != "own" or not HOLIDAY.search(r["deadline_text"]):
                continue
            want = g["tasks"][gi].get("deadline") or ""
            c["the holiday" if want == r["deadline"] else "a year" if re.fullmatch(r"\d{4}", want) else "else"] += 1
    return c


def cited_horizons(gold_dir: Path, raw_dir: Path, extracted: set[str]) -> tuple[Counter, int]:
    """Gold tasks of documents whose title carries out a cited document with a horizon, by their deadline."""
    c: Counter = Counter()
    docs = 0
    for g in sorted(gold_dir.glob("*.gold.json")):
        doc = g.name[: -len(".gold.json")] + ".txt"
        if doc not in extracted:
            continue
        m = CITED_HORIZON.search((raw_dir / doc).read_text(encoding="utf-8")[:2500])
        tasks = json.loads(g.read_text(encoding="utf-8"))["tasks"] if m else []
        docs += bool(tasks)
        for t in tasks:
            dl = t.get("deadline") or ""
            c["none" if not dl else "the horizon's year" if m.group(1) in dl else "another time"] += 1
    return c, docs


TARGET = re.compile(r"(?i)(?:năm\s+((?:19|20)\d\d)\s*,?\s*(?:phấn\s+đ[ấầ]u\s+)?đạt\s+\d|đạt\s+[^.;\n]{1,40}?(?:vào|đến)\s+năm\s+((?:19|20)\d\d))")


def lead_holidays(gold: dict, times: dict[str, list[dict]], headed: set[str]) -> Counter:
    """Header-less documents with a holiday in their first 600 characters, by their tasks' commonest gold deadline."""
    c: Counter = Counter()
    for doc, g in gold.items():
        hol = [t for t in times.get(doc, []) if int(t["start"]) < 600 and t["kind"] == "date" and HOLIDAY.search(t["text"])]
        if doc in headed or not g["tasks"] or not hol:
            continue
        top = Counter(t.get("deadline") or "" for t in g["tasks"]).most_common(1)[0][0]
        value = hol[0]["value"]
        c["the holiday" if top.endswith(value) else "its year" if top == value[:4] else "none" if not top else "else"] += 1
    return c


def target_years(gold: dict, raw_dir: Path) -> Counter:
    """Documents whose first 1,200 characters name a year a figure is to be reached by, by whether that year is their
    tasks' commonest gold deadline."""
    c: Counter = Counter()
    for doc, g in gold.items():
        m = TARGET.search((raw_dir / doc).read_text(encoding="utf-8")[:1200]) if g["tasks"] else None
        if m:
            top = Counter(t.get("deadline") or "" for t in g["tasks"]).most_common(1)[0][0]
            c["the year" if top == (m.group(1) or m.group(2)) else "none" if not top else "else"] += 1
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tables", type=Path, help="the extractor's CSV tables of the development texts")
    ap.add_argument("--gold", type=Path, default=ROOT / "data" / "annotated" / "wide")
    ap.add_argument("--raw", type=Path, default=ROOT / "data" / "raw" / "wide")
    a = ap.parse_args()
    times, tasks = _rows(a.tables / "times.csv"), _rows(a.tables / "tasks.csv")
    with (a.tables / "documents.csv").open(encoding="utf-8", newline="") as f:
        documents = list(csv.DictReader(f))
    extracted = {r["doc_id"] for r in documents}
    headed = {r["doc_id"] for r in documents if r["doc_type"]}
    gold = {d: g for d, g in load_gold(a.gold).items() if d in extracted}
    print(f"{len(gold)} documents extracted and annotated")
    print("issuing dates reported as times:", dict(issued_dates(a.gold, a.raw, extracted, times)))
    print("holidays taken as a task's own deadline:", dict(holiday_deadlines(gold, tasks)))
    horizons, docs = cited_horizons(a.gold, a.raw, extracted)
    print(f"tasks under a cited horizon ({docs} documents):", dict(horizons))
    print("holidays in a header-less lead (documents):", dict(lead_holidays(gold, times, headed)))
    print("figure-target years in the lead (documents):", dict(target_years(gold, a.raw)))


if __name__ == "__main__":
    main()
