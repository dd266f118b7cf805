#!/usr/bin/env python3
"""Peak memory of a batch run against the number of files (issue 13, item 2: flat memory).

    python3 benchmarks/memory.py [--files 10000] [--big-mb 50] [--jobs 2] [--src REPO]
                                 [--label after] [--out benchmarks/memory.json]

Makes ``--files`` small distinct inputs under ``/tmp/vntasks-memory/`` (copies of the smallest
``data/raw/wide`` documents, each with a numbered line added so no two have the same content) and,
with ``--big-mb``, one text file of that size (corpus documents repeated); then runs
``python3 -m pipeline.cli extract … --format csv -q --jobs J`` from ``--src`` (default this
repository; point it at an older checkout to measure "before") and samples the resident memory
of the run's process tree every 0.1 s from /proc: the batch's own process (what grows with the
number of files when rows are held in memory), the largest worker, and the whole tree. The
figures go to ``--out`` under ``--label`` (other labels in the file are kept) and are printed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/vntasks-memory")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(d))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def small_inputs(n: int) -> Path:
    folder = WORK / f"small-{n}"
    if folder.is_dir() and sum(1 for _ in folder.iterdir()) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    wide = sorted((ROOT / "data" / "raw" / "wide").glob("*.txt"), key=lambda p: p.stat().st_size)
    seeds = [p.read_text("utf-8") for p in wide if 2000 <= p.stat().st_size <= 8000][:8]
    for i in range(n):
        text = seeds[i % len(seeds)] + f"\n- Báo cáo kết quả thực hiện nhiệm vụ số {i} trước ngày 15/12/2025.\n"
        (folder / f"doc{i:05d}.txt").write_text(text, "utf-8")
    return folder


def big_input(mb: int) -> Path:
    folder = WORK / f"big-{mb}"
    path = folder / f"big{mb}.txt"
    if path.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as f:
        written, i = 0, 0
        while written < mb * 2**20:
            t = texts[i % len(texts)] + "\n"
            f.write(t)
            written += len(t.encode("utf-8"))
            i += 1
    return folder


def measure(src: Path, inputs: Path, jobs: int, extra: list[str]) -> dict:
    out = WORK / "out"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(inputs), "--out", str(out), "--format", "csv",
           "-q", "--jobs", str(jobs), *extra]
    env = dict(os.environ, PYTHONPATH=str(src))
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=src, env=env)
    peak = {"main": 0, "worker": 0, "tree": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            pids = _tree(proc.pid)
            sizes = {p: _rss(p) for p in pids}
            peak["main"] = max(peak["main"], sizes.get(proc.pid, 0))
            peak["worker"] = max([peak["worker"]] + [s for p, s in sizes.items() if p != proc.pid])
            peak["tree"] = max(peak["tree"], sum(sizes.values()))
            done.wait(0.1)
    th = threading.Thread(target=sample, daemon=True)
    th.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    th.join()
    seconds = time.monotonic() - t0
    rows = sum(1 for _ in (out / "tasks.csv").open(encoding="utf-8")) - 1 if (out / "tasks.csv").exists() else None
    return {"command": " ".join(cmd), "exit": os.waitstatus_to_exitcode(status), "seconds": round(seconds, 1),
            "peak_rss_mb": {k: round(v / 2**20, 1) for k, v in peak.items()},
            "wait4_maxrss_mb": round(usage.ru_maxrss / 1024, 1), "tasks_rows": rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--big-mb", type=int, default=0, help="also one file of this many MB (0: not)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--src", type=Path, default=ROOT, help="the checkout to run (default this one)")
    ap.add_argument("--label", default="after")
    ap.add_argument("--extra", default="", help="more extract options, space-separated")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "memory.json")
    a = ap.parse_args(argv)
    extra = a.extra.split()
    runs = {}
    if a.files:
        runs[f"{a.files}_small_files"] = measure(a.src, small_inputs(a.files), a.jobs, extra)
        print(a.label, f"{a.files} small files:", json.dumps(runs[f"{a.files}_small_files"]), flush=True)
    if a.big_mb:
        runs[f"one_{a.big_mb}mb_file"] = measure(a.src, big_input(a.big_mb), 1, extra)
        print(a.label, f"one {a.big_mb} MB file:", json.dumps(runs[f"one_{a.big_mb}mb_file"]), flush=True)
    data = json.loads(a.out.read_text("utf-8")) if a.out.exists() else {}
    old = data.get(a.label, {}).get("runs", {})      # runs of the same label measured separately are kept
    data[a.label] = {"date": dt.datetime.now().isoformat(timespec="seconds"), "machine": platform.platform(),
                     "cpus": os.cpu_count(), "python": platform.python_version(), "runs": {**old, **runs}}
    a.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
