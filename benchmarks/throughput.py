#!/usr/bin/env python3
"""Throughput of the whole pipeline against two yardsticks, and time against document size.

    python3 benchmarks/throughput.py [CORPUS_DIR] [--out benchmarks/results.json] [--sizes 1,10,100,1000,5000]

In one process, after import and one warm-up pass, on the same text (the UTF-8 ``.txt`` files of
CORPUS_DIR, default ``../shared/corpus/raw``): MB/s of the full pipeline
(``pipeline.api.process_text``), of a bare ``re`` scan for citations, and of underthesea's
``word_tokenize``; then the pipeline's seconds on documents of growing size (the corpus text
repeated, in KB) with the slope of a log-log fit (1.0 = linear). Writes the figures as JSON
(with the machine, the date and the versions) and prints a Markdown table. Issue 13's targets:
≥ 2 MB/s per core, ≥ 15× ``word_tokenize``, ≤ 25× slower than the bare scan, slope ≈ 1.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_CITATION = re.compile(r"\d{1,5}(?:/\d{4})?/[A-ZĐ]{1,6}(?:-[A-ZĐa-z0-9]{1,10})+|\d{1,4}-[A-Z]{2}/TW")


def corpus_texts(folder: Path) -> list[str]:
    out = []
    for p in sorted(folder.glob("*.txt")):
        try:
            out.append(p.read_text("utf-8"))
        except UnicodeDecodeError:
            continue            # legacy-encoded transcripts are not the yardstick's text
    return out


def rate(fn, texts: list[str], repeat: int = 1) -> tuple[float, float]:
    """(seconds, MB/s) of ``fn`` over ``texts``, best of ``repeat``."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best, mb / best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "raw"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--sizes", default="1,10,100,1000,5000", help="document sizes in KB")
    a = ap.parse_args(argv)

    from pipeline import __version__
    from pipeline.api import process_text
    texts = corpus_texts(Path(a.corpus))
    if not texts:
        print(f"throughput: no UTF-8 .txt files in {a.corpus}", file=sys.stderr)
        return 2
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    for t in texts[:3]:
        process_text(t)                                  # warm-up: model, caches, compiled patterns
    res: dict = {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "vntasks": __version__,
                 "python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
                 "corpus": a.corpus, "files": len(texts), "mb": round(mb, 3)}
    s, r = rate(process_text, texts)
    res["pipeline"] = {"seconds": round(s, 3), "mb_per_s": round(r, 3)}
    s, r = rate(lambda t: _CITATION.findall(t), texts, repeat=3)
    res["re_scan"] = {"seconds": round(s, 4), "mb_per_s": round(r, 2)}
    try:
        from underthesea import word_tokenize
        word_tokenize(texts[0][:2000])
        s, r = rate(word_tokenize, texts)
        res["underthesea_word_tokenize"] = {"seconds": round(s, 3), "mb_per_s": round(r, 3)}
    except ImportError:
        res["underthesea_word_tokenize"] = None
    base = "\n".join(texts)
    sizes = []
    for kb in (int(x) for x in a.sizes.split(",")):
        n = kb * 1000
        doc = (base * (n // max(len(base), 1) + 1))[:n]
        t0 = time.perf_counter()
        process_text(doc)
        sizes.append({"kb": kb, "seconds": round(time.perf_counter() - t0, 3)})
    res["size_scaling"] = sizes
    pts = [(math.log(x["kb"]), math.log(x["seconds"])) for x in sizes if x["seconds"] > 0 and x["kb"] >= 10]
    if len(pts) >= 2:
        mx = sum(p[0] for p in pts) / len(pts)
        my = sum(p[1] for p in pts) / len(pts)
        res["size_slope"] = round(sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts), 3)
    res["max_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", "utf-8")
    p, rs, ws = res["pipeline"]["mb_per_s"], res["re_scan"]["mb_per_s"], res["underthesea_word_tokenize"]
    print(f"{len(texts)} files, {mb:.2f} MB, one process after warm-up (vntasks {__version__}):\n")
    print("| measure | value |\n|---|---:|")
    print(f"| full pipeline | {p:.2f} MB/s |")
    print(f"| bare `re` citation scan | {rs:.1f} MB/s ({rs / p:.0f}× the pipeline) |")
    if ws:
        print(f"| underthesea `word_tokenize` | {ws['mb_per_s']:.3f} MB/s (pipeline is {p / ws['mb_per_s']:.1f}× it) |")
    for x in sizes:
        print(f"| {x['kb']} KB document | {x['seconds']:.2f} s |")
    if "size_slope" in res:
        print(f"| log-log slope of time against size (10 KB up) | {res['size_slope']} |")
    print(f"| max RSS | {res['max_rss_mib']} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
