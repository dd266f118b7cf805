#!/usr/bin/env python3
"""Run the bad-input matrix of issue 12 through the CLI and print a Markdown table.

    python3 scripts/bad_input_matrix.py [--keep DIR]

Each case of tests/bad_cases.py runs alone (`vntasks extract CASE_FOLDER --out OUT
--max-mb 1 --timeout 1`) in a fresh process, so its seconds and peak RSS (of that process,
from wait4) are its own; then the cases that need more than one input, a signal or other
options: a worker killed mid-batch, Ctrl-C, the whole run killed with SIGKILL and resumed
(compared with a clean run's tables), a text over --max-memory-mb, --out that is a file, an
xlsx export of control characters, and --resume retrying an error row once its cause is
gone. Everything is written under a temporary folder (or --keep DIR).
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.bad_cases import GOOD, OPTIONS, build  # noqa: E402

VNTASKS = [sys.executable, "-m", "pipeline.cli"]


def run(args: list[str], env=None, sigint_after: float | None = None, cwd=None) -> tuple[int, str, float, float]:
    """(exit code, stderr, seconds, peak RSS MiB) of one CLI run in a fresh process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
                         start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if sigint_after is not None:
        time.sleep(sigint_after)
        os.killpg(p.pid, signal.SIGINT)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, err, time.perf_counter() - t0, usage.ru_maxrss / 1024


def row_of(out: Path, name: str) -> tuple[str, str]:
    """(status, message) of ``name`` in OUT/documents.csv or OUT/skipped.csv."""
    skipped = out / "skipped.csv"
    if skipped.exists():
        for r in csv.DictReader(skipped.open(encoding="utf-8")):
            if Path(r["path"]).name == name:
                return "skipped", r["reason"]
    docs = out / "documents.csv"
    if docs.exists():
        for r in csv.DictReader(docs.open(encoding="utf-8")):
            if r["doc_id"] == name:
                msg = r["error"] or r["warnings"] or f"{r['n_tasks']} tasks"
                return r["status"], msg
    return "—", "no row"


def _table(out: Path, name: str) -> list[dict]:
    """A CSV table's rows without the timing column."""
    with (out / f"{name}.csv").open(encoding="utf-8") as f:
        return [{k: v for k, v in r.items() if k != "seconds"} for r in csv.DictReader(f)]


def short(msg: str, base: Path, width: int = 150) -> str:
    """The message with the work folder's paths cut to the file name, one line, at most ``width``."""
    msg = re.sub(re.escape(str(base)) + r"/(?:[^/\s:]+/)*", "", msg)
    msg = msg.replace("|", "\\|").replace("\n", " ")
    return msg if len(msg) <= width else msg[:width - 1] + "…"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--keep", type=Path, help="work here instead of a temporary folder (kept)")
    a = ap.parse_args(argv)
    base = a.keep or Path(tempfile.mkdtemp(prefix="vntasks-matrix-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    rows = []
    try:
        all_cases = base / "all"
        cases = build(all_cases)
        for name, case in cases.items():
            folder = base / "case" / name.lstrip(".")
            folder.mkdir(parents=True)
            src = all_cases / name
            if src.is_symlink():
                os.symlink(folder / os.readlink(src).rsplit(os.sep, 1)[-1], folder / name)
            else:
                shutil.copyfile(src, folder / name)
            if case.status == "skipped":        # beside an input, so the run goes on and writes skipped.csv
                shutil.copyfile(all_cases / "good.txt", folder / "good.txt")
            out = base / "out" / name.lstrip(".")
            rc, err, secs, rss = run(VNTASKS + ["extract", str(folder), "--out", str(out), "-q", *OPTIONS], env=env)
            status, msg = row_of(out, name)
            if "Traceback" in err:
                status, msg = f"CRASH rc={rc}", err.strip().splitlines()[-1]
            rows.append((name, case.what, status, short(msg, base), secs, rss))

        # a worker killed mid-batch (os._exit, as the OOM killer does)
        mixed = base / "dead"
        mixed.mkdir()
        for n in ("good.txt", "die.txt", "good2.txt"):
            (mixed / n).write_text(GOOD, encoding="utf-8")
        hook = ("import os, sys; from pathlib import Path; import pipeline.worker as b; real = b.process_file\n"
                "def dying(p, *a, **k):\n"
                "    if Path(p).name == 'die.txt': os._exit(9)\n"
                "    return real(p, *a, **k)\n"
                "b.process_file = dying\nfrom pipeline.cli import main\nsys.exit(main(sys.argv[1:]))")
        out = base / "out-dead"
        rc, err, secs, rss = run([sys.executable, "-c", hook, "extract", str(mixed), "--out", str(out), "--jobs", "2",
                                  "-q"], env=env)
        status, msg = row_of(out, "die.txt")
        others = [row_of(out, n)[0] for n in ("good.txt", "good2.txt")]
        rows.append(("die.txt (--jobs 2)", f"worker exits mid-document; others: {', '.join(others)}", status,
                     short(msg, base), secs, rss))

        # Ctrl-C in the middle of a batch
        slow = base / "slow"
        slow.mkdir()
        for k in range(40):
            (slow / f"part{k:02d}.txt").write_text(GOOD * 100, encoding="utf-8")
        many = base / "many"
        many.mkdir()
        for k in range(150):
            (many / f"part{k:03d}.txt").write_text(GOOD * 100, encoding="utf-8")
        rc, err, secs, rss = run(VNTASKS + ["extract", str(many), "--out", str(base / "out-int")],
                                 env=env, sigint_after=6)
        line = next((ln for ln in err.splitlines() if "interrupted" in ln), err.strip()[-150:])
        rows.append(("Ctrl-C", "SIGINT 6 s into 150 × 22 KiB", f"rc={rc}", short(line, base), secs, rss))

        # SIGKILL of the whole run, then --resume: the same tables as a clean run
        clean, killed = base / "out-clean", base / "out-killed"
        run(VNTASKS + ["extract", str(slow), "--out", str(clean), "-q"], env=env)
        p = subprocess.Popen(VNTASKS + ["extract", str(slow), "--out", str(killed), "-q", "--jobs", "2"], env=env,
                             start_new_session=True, stderr=subprocess.DEVNULL)
        time.sleep(6)
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        cached = len(list((killed / ".vntasks-cache").glob("*.json")))
        rc, err, secs, rss = run(VNTASKS + ["extract", str(slow), "--out", str(killed), "-q", "--resume"], env=env)
        same = all(_table(clean, t) == _table(killed, t)
                   for t in ("documents", "tasks", "claims", "references", "times", "citations"))
        rows.append(("kill -9, --resume", f"40 × 22 KiB, --jobs 2 killed at 6 s ({cached} cached)", f"rc={rc}",
                     f"tables identical to a clean run's (but seconds): {same}", secs, rss))

        # a text whose extraction needs more memory than allowed
        mem = base / "mem"
        mem.mkdir()
        (mem / "mem.txt").write_text(GOOD * 9000, encoding="utf-8")
        out = base / "out-mem"
        rc, err, secs, rss = run(VNTASKS + ["extract", str(mem), "--out", str(out), "-q", "--max-memory-mb", "150",
                                            "--timeout", "0"], env=env)
        status, msg = row_of(out, "mem.txt")
        rows.append(("mem.txt", "2 MiB of tasks over --max-memory-mb 150", status, short(msg, base), secs, rss))

        # --out that is a file
        taken = base / "taken"
        taken.write_text("x")
        rc, err, secs, rss = run(VNTASKS + ["extract", str(all_cases / "good.txt"), "--out", str(taken)], env=env)
        rows.append(("--out FILE", "--out names a file", f"rc={rc}", short(err.strip(), base), secs, rss))

        # xlsx export of control characters
        out = base / "out-xlsx"
        rc, err, secs, rss = run(VNTASKS + ["extract", str(all_cases / "ctrl_xlsx.txt"), "--out", str(out),
                                            "--format", "xlsx"], env=env)
        tables = sorted(p.stem for p in out.glob("*.xlsx"))
        rows.append(("ctrl_xlsx.txt → xlsx", "control characters, --format xlsx", f"rc={rc}",
                     f"{len(tables)} tables written: {', '.join(tables)}; no .tmp left: {not list(out.glob('*.tmp'))}",
                     secs, rss))

        # --resume retries an error row once its cause is gone
        out = base / "out-resume"
        mid = base / "mid.txt"
        mid.write_text(GOOD * 100, encoding="utf-8")
        run(VNTASKS + ["extract", str(mid), "--out", str(out), "--max-mb", "0.01", "-q"], env=env)
        first = row_of(out, "mid.txt")[0]
        rc, err, secs, rss = run(VNTASKS + ["extract", str(mid), "--out", str(out), "--max-mb", "1",
                                            "--resume", "-q"], env=env)
        status, msg = row_of(out, "mid.txt")
        rows.append(("mid.txt --resume", f"22 KiB; first run --max-mb 0.01: {first}; then --max-mb 1 --resume", status,
                     short(msg, base), secs, rss))
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)

    print(f"`python3 scripts/bad_input_matrix.py` — each case alone through `vntasks extract FOLDER --out OUT "
          f"{' '.join(OPTIONS)}` (seconds and peak RSS of that process; ≈ 2 s and ≈ 235 MiB of "
          "each are starting Python and loading the pipeline and its model)\n")
    print("| case | input | status | message (error, warnings or skip reason) | s | peak RSS MiB |")
    print("|---|---|---|---|---:|---:|")
    for name, what, status, msg, secs, rss in rows:
        print(f"| `{name}` | {what} | {status} | {msg} | {secs:.1f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
