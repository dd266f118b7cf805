#!/usr/bin/env python3
"""Choose the sealed test split of the wide corpus by source, and move it aside.

usage: split_sealed.py [--dry-run]

Reads ``data/raw/wide/SOURCES.*.tsv`` (one row per collected document), groups documents by
source (a repository, or a web site's registrable domain: ``sotuphap.kontum.gov.vn`` and
``kontum.gov.vn`` are one source), shuffles the sources with a fixed seed and gives whole
sources to the test split until it holds a third of the documents of each stratum (whole
documents, excerpts). The rule was fixed before any extraction result on these documents was
looked at; rerunning it on the same SOURCES files gives the same split.

Writes ``data/raw/SOURCES.tsv`` (all rows, with a ``split`` column), moves the test documents
to ``data/raw/test/`` and their gold to ``data/annotated/test/`` (``git mv`` when in a git
work tree), and lists the sealed sources in ``data/annotated/test/README.md``.
"""
from __future__ import annotations

import csv
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDE = ROOT / "data" / "raw" / "wide"
TEST_RAW = ROOT / "data" / "raw" / "test"
GOLD = ROOT / "data" / "annotated" / "wide"
TEST_GOLD = ROOT / "data" / "annotated" / "test"
SEED = 20261206
SHARE = 1 / 3
_SECOND_LEVEL = ("gov.vn", "com.vn", "edu.vn", "org.vn", "net.vn", "dcs.vn", "vn.ua")


def source_key(site: str) -> str:
    """A repository ``owner/name`` as it is; a domain cut to its registrable part. Words after the site
    ("nghean.gov.vn (via SQL dump)", "owner/name (scrape of …)") are no part of it."""
    site = site.strip().lower()
    site = site.split()[0].split("(")[0] if site else site
    if "/" in site and "." not in site.split("/")[0]:
        return site
    host = site.split("/")[0].removeprefix("www.")
    labels = host.split(".")
    keep = 3 if any(host.endswith("." + s) or host == s for s in _SECOND_LEVEL) else 2
    return ".".join(labels[-keep:])


def read_rows() -> list[dict]:
    rows = []
    for f in sorted(WIDE.glob("SOURCES.*.tsv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r.get("file") and (WIDE / r["file"]).is_file() or (TEST_RAW / (r.get("file") or "")).is_file():
                    rows.append(r)
    return rows


def choose(rows: list[dict]) -> set[str]:
    """The source keys of the test split."""
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_source[source_key(r["site"])].append(r)
    stratum = lambda r: "whole" if r.get("whole_or_excerpt", "").strip() == "whole" else "excerpt"  # noqa: E731
    totals = Counter(stratum(r) for r in rows)
    taken: Counter = Counter()
    order = sorted(by_source)
    random.Random(SEED).shuffle(order)
    test = set()
    for src in order:
        docs = by_source[src]
        need = Counter(stratum(r) for r in docs)
        # a source may not carry its stratum past a third (plus two documents of slack)
        if all(taken[k] + n <= SHARE * totals[k] + 2 for k, n in need.items()):
            test.add(src)
            taken.update(need)
    return test


def main(argv: list[str]) -> int:
    dry = "--dry-run" in argv
    rows = read_rows()
    test = choose(rows)
    n_test = sum(source_key(r["site"]) in test for r in rows)
    print(f"{len(rows)} documents from {len({source_key(r['site']) for r in rows})} sources; "
          f"test: {n_test} documents from {len(test)} sources")
    if dry:
        return 0
    TEST_RAW.mkdir(parents=True, exist_ok=True)
    TEST_GOLD.mkdir(parents=True, exist_ok=True)
    git = (ROOT / ".git").exists()
    for r in rows:
        r["source"] = source_key(r["site"])
        r["split"] = "test" if r["source"] in test else "dev"
        if r["split"] != "test":
            continue
        stem = Path(r["file"]).stem
        for src, dst in ((WIDE / r["file"], TEST_RAW / r["file"]),
                         (GOLD / f"{stem}.gold.json", TEST_GOLD / f"{stem}.gold.json")):
            if not src.exists():
                continue
            if git:
                subprocess.run(["git", "mv", "-f", str(src), str(dst)], cwd=ROOT, check=True)
            else:
                src.rename(dst)
    cols = list(rows[0].keys())
    with (ROOT / "data" / "raw" / "SOURCES.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, delimiter="\t", extrasaction="ignore")
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["id"]))
    lines = ["# data/annotated/test — the sealed split", "",
             "Chosen by `scripts/split_sealed.py` (whole sources, fixed seed, a third of each stratum)",
             "before any extraction result on the wide corpus was looked at. Tune nothing on it; score it",
             "once at the end of a session (`scripts/evaluate_wide.sh`) and report it beside the dev figure.", "",
             f"{n_test} documents from {len(test)} sources:", ""]
    lines += [f"- `{s}`: " + ", ".join(sorted(r["id"] for r in rows if r["source"] == s)) for s in sorted(test)]
    (TEST_GOLD / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
