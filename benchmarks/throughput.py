#!/usr/bin/env python3
"""Throughput of the whole pipeline against two yardsticks, on one and on all cores, and time
against document size.

    python3 benchmarks/throughput.py [CORPUS_DIR] [--out benchmarks/results.json]
        [--sizes 1,10,100,1000,5000] [--jobs N] [--large-mb 50] [--quick]

In one process, after import and a warm-up pass, on the same text (the UTF-8 ``.txt`` files of
CORPUS_DIR, default ``../shared/corpus/raw``):

* MB/s and docs/s of the full pipeline (``pipeline.api.process_text``), of a bare ``re`` scan for
  citations and of underthesea's ``word_tokenize``;
* the pipeline on 1 and on N worker processes (default: all cores), each warmed up, the corpus
  twice over: MB/s, docs/s and the speed-up;
* text-layer PDFs: pages/s of reading the text layer (pypdfium2, as ``pipeline.pdf``) and of the
  whole pipeline (``process_file``), one core;
* seconds on documents of growing size (the corpus text repeated, in KB) and the slope of a
  log-log fit from 10 KB up (1.0 = linear); texts over ``pipeline.sections.THRESHOLD``
  characters go section by section;
* peak RSS of this process (and of the worker processes);
* with ``--large-mb N``: one N MB text in a fresh process, its seconds and peak RSS.

Writes the figures as JSON (with the machine, the date and the versions) to ``--out`` and the
Markdown table beside it (``results.md``), and prints the table. Issue 13's targets: ≥ 2 MB/s
per core, ≥ 15× ``word_tokenize``, ≤ 25× slower than the bare scan, slope ≈ 1, ≥ 1.7× on 2 cores,
≥ 200 text-layer PDF pages/s per core.
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
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def rate(fn, texts: list[str], repeat: int = 1) -> tuple[float, float]:
    """(seconds, MB/s) of ``fn`` over ``texts``, best of ``repeat``."""
    mb = _mb(texts)
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best, mb / best


# -- worker processes ------------------------------------------------------------------------
def _warm(texts):
    from pipeline.api import process_text
    for t in texts:
        process_text(t)


def _work(text: str) -> int:
    from pipeline.api import process_text
    return len(process_text(text).tasks)


def _rss_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pool_rate(texts: list[str], jobs: int) -> dict:
    """The corpus (twice over, so every worker has work to the end) on ``jobs`` warmed-up workers."""
    work = sorted(texts * 2, key=len, reverse=True)        # longest first: no straggler at the end
    with ProcessPoolExecutor(jobs, initializer=_warm, initargs=(texts[:3],)) as ex:
        list(ex.map(_work, texts[:jobs] * 2))              # every worker up (initializer run) before the clock
        t0 = time.perf_counter()
        list(ex.map(_work, work, chunksize=1))
        secs = time.perf_counter() - t0
        rss = max(ex.submit(_rss_self).result() for _ in range(jobs))
    return {"jobs": jobs, "seconds": round(secs, 3), "mb_per_s": round(_mb(work) / secs, 3),
            "docs_per_s": round(len(work) / secs, 2), "worker_max_rss_mib": round(rss, 1)}


def _burn(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def control_speedup(jobs: int, n: int = 10_000_000) -> float:
    """Speed-up of a pure-Python loop on ``jobs`` processes against one: what the machine gives
    right now (other processes on a shared machine take cores), the ceiling of the pipeline's."""
    t0 = time.perf_counter()
    for _ in range(jobs):
        _burn(n)
    serial = time.perf_counter() - t0
    with ProcessPoolExecutor(jobs) as ex:
        list(ex.map(_burn, [1000] * jobs))
        t0 = time.perf_counter()
        list(ex.map(_burn, [n] * jobs))
        par = time.perf_counter() - t0
    return round(serial / par, 2)


# -- PDFs -------------------------------------------------------------------------------------
def pdf_rates(folder: Path) -> dict | None:
    """Text-layer PDFs (scans left out): pages/s of reading the text layer, and of the whole pipeline."""
    import importlib.util

    if importlib.util.find_spec("pypdfium2") is None:
        return None
    from pipeline.api import process_file
    from pipeline.read.pdf import text_layer_size
    pages = 0
    read_s = 0.0
    files = []
    for f in sorted(folder.glob("*.pdf")):
        data = f.read_bytes()
        t0 = time.perf_counter()
        n, chars = text_layer_size(data)
        secs = time.perf_counter() - t0
        if chars < 20 * n:
            continue                                       # a scan: OCR, not the text layer
        files.append(f)
        pages += n
        read_s += secs
    if not files:
        return None
    process_file(files[0])                                 # warm-up (pdfplumber, tables)
    pipe_s = 0.0
    pipe_pages = 0
    ocr = []
    for f in files:
        t0 = time.perf_counter()
        doc = process_file(f)
        if doc.ocr_confidence is not None:                 # some pages had to be OCR'd: not text-layer speed
            ocr.append(f.name)
            continue
        pipe_s += time.perf_counter() - t0
        pipe_pages += len(doc.page_starts)
    return {"files": len(files), "pages": pages, "read_seconds": round(read_s, 3), "pipeline_pages": pipe_pages,
            "pipeline_left_out_ocr": ocr,
            "read_pages_per_s": round(pages / read_s, 1), "pipeline_seconds": round(pipe_s, 3),
            "pipeline_pages_per_s": round(pipe_pages / pipe_s, 1) if pipe_s else None}


# -- one large text in a fresh process ----------------------------------------------------------
_LARGE = """
import resource, sys, time
sys.path.insert(0, {root!r})
from pipeline.api import process_text
text = open({path!r}, encoding="utf-8").read()
t0 = time.perf_counter()
doc = process_text(text)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(doc.tasks), len(text))
"""


def large_text(base: str, mb: int) -> dict:
    n = mb * 1_000_000
    raw = base.encode("utf-8")
    data = (raw * (n // len(raw) + 1))[:n].decode("utf-8", "ignore")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(data)
        path = f.name
    try:
        out = subprocess.run([sys.executable, "-c", _LARGE.format(root=str(ROOT), path=path)],
                             capture_output=True, text=True, check=True).stdout.split()
    finally:
        os.unlink(path)
    secs, rss, tasks, chars = float(out[0]), float(out[1]), int(out[2]), int(out[3])
    return {"mb": mb, "chars": chars, "seconds": round(secs, 1), "s_per_mb": round(secs / mb, 2),
            "max_rss_mib": round(rss, 1), "tasks": tasks}


def _slope(sizes):
    pts = [(math.log(x["kb"]), math.log(x["seconds"])) for x in sizes if x["seconds"] > 0 and x["kb"] >= 10]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    return round(sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts), 3)


def table(res: dict) -> str:
    p = res["pipeline"]["mb_per_s"]
    rs = res["re_scan"]["mb_per_s"]
    ws = res.get("underthesea_word_tokenize")
    lines = [f"{res['files']} files, {res['mb']:.2f} MB, {res['date']}, vntasks {res['vntasks']}, "
             f"Python {res['python']}, {res['cores']} cores\n",
             "| measure | value |", "|---|---:|",
             f"| full pipeline, one process | {p:.2f} MB/s, {res['pipeline']['docs_per_s']:.1f} docs/s |",
             f"| bare `re` citation scan | {rs:.1f} MB/s (the pipeline is {rs / p:.0f}× slower) |"]
    if ws:
        lines.append(f"| underthesea `word_tokenize` | {ws['mb_per_s']:.3f} MB/s (the pipeline is {p / ws['mb_per_s']:.1f}× it) |")
    for c in res.get("cores_runs", []):
        lines.append(f"| pipeline on {c['jobs']} worker(s) | {c['mb_per_s']:.2f} MB/s, {c['docs_per_s']:.1f} docs/s |")
    if res.get("speedup") is not None:
        lines.append(f"| speed-up, {res['cores_runs'][-1]['jobs']} workers against 1 | {res['speedup']:.2f}× "
                     f"(a pure-Python loop, same moment: {res.get('control_speedup', float('nan')):.2f}×) |")
    pdf = res.get("pdf")
    if pdf:
        lines.append(f"| text-layer PDFs ({pdf['files']} files, {pdf['pages']} pages), reading | {pdf['read_pages_per_s']:.0f} pages/s |")
        if pdf.get("pipeline_pages_per_s"):
            lines.append(f"| text-layer PDFs, whole pipeline ({pdf['pipeline_pages']} pages; partly OCR'd left out: "
                         f"{', '.join(pdf['pipeline_left_out_ocr']) or 'none'}) | {pdf['pipeline_pages_per_s']:.0f} pages/s |")
    for x in res["size_scaling"]:
        lines.append(f"| {x['kb']} KB document | {x['seconds']:.2f} s |")
    if res.get("size_slope") is not None:
        lines.append(f"| log-log slope of time against size (10 KB up) | {res['size_slope']} |")
    lines.append(f"| max RSS, this process | {res['max_rss_mib']} MiB |")
    big = res.get("large_text")
    if big:
        lines.append(f"| one {big['mb']} MB text (fresh process) | {big['seconds']:.0f} s ({big['s_per_mb']} s/MB), "
                     f"max RSS {big['max_rss_mib']:.0f} MiB |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "raw"))
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--sizes", default="1,10,100,1000,5000", help="document sizes in KB")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the all-cores run")
    ap.add_argument("--repeat", type=int, default=2, help="best of N for the one-process pipeline run")
    ap.add_argument("--large-mb", type=int, default=0, help="also one text of this many MB in a fresh process")
    ap.add_argument("--quick", action="store_true", help="skip the worker and PDF runs")
    a = ap.parse_args(argv)

    from pipeline import __version__
    from pipeline.api import process_text
    texts = corpus_texts(Path(a.corpus))
    if not texts:
        print(f"throughput: no UTF-8 .txt files in {a.corpus}", file=sys.stderr)
        return 2
    mb = _mb(texts)
    for t in texts[:3]:
        process_text(t)                                  # warm-up: model, caches, compiled patterns
    res: dict = {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "vntasks": __version__,
                 "python": platform.python_version(), "machine": platform.machine(), "cores": os.cpu_count(),
                 "corpus": a.corpus, "files": len(texts), "mb": round(mb, 3)}
    s, r = rate(process_text, texts, repeat=a.repeat)
    res["pipeline"] = {"seconds": round(s, 3), "mb_per_s": round(r, 3), "docs_per_s": round(len(texts) / s, 2)}
    s, r = rate(lambda t: _CITATION.findall(t), texts, repeat=3)
    res["re_scan"] = {"seconds": round(s, 4), "mb_per_s": round(r, 2)}
    try:
        from underthesea import word_tokenize
        word_tokenize(texts[0][:2000])
        s, r = rate(word_tokenize, texts)
        res["underthesea_word_tokenize"] = {"seconds": round(s, 3), "mb_per_s": round(r, 3)}
    except ImportError:
        res["underthesea_word_tokenize"] = None
    if not a.quick:
        runs = [pool_rate(texts, 1)]
        if a.jobs > 1:
            runs.append(pool_rate(texts, a.jobs))
            res["speedup"] = round(runs[0]["seconds"] / runs[-1]["seconds"], 2)
            res["control_speedup"] = control_speedup(a.jobs)
        res["cores_runs"] = runs
        res["pdf"] = pdf_rates(Path(a.corpus))
    base = "\n".join(texts)
    sizes = []
    for kb in (int(x) for x in a.sizes.split(",")):
        n = kb * 1000
        doc = (base * (n // max(len(base), 1) + 1))[:n]
        t0 = time.perf_counter()
        process_text(doc)
        sizes.append({"kb": kb, "seconds": round(time.perf_counter() - t0, 3)})
    res["size_scaling"] = sizes
    res["size_slope"] = _slope(sizes)
    res["max_rss_mib"] = round(_rss_self(), 1)
    if a.large_mb:
        res["large_text"] = large_text("\n\n".join(texts), a.large_mb)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n", "utf-8")
    md = table(res)
    out.with_suffix(".md").write_text(md, "utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
