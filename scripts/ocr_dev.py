#!/usr/bin/env python3
"""Make OCR copies of development documents, to measure the extractor on OCR noise.

usage: ocr_dev.py OUT_DIR [--ids a01,b02 | --genres chi-thi,cong-van] [--max-chars 20000]
                  [--scale 0.55] [--jobs 2]

Each chosen development text (``data/raw/wide``, never the sealed split) is printed as a page shows
it (Markdown emphasis, heading hashes and table rules dropped: ``printed``), laid out in pages
of 46 lines of at most 78 characters (hard line breaks inside sentences, as a scan has), drawn at
a small size, scaled down and blurred a little so Tesseract (``-l vie``) makes the errors a real
scan gets, and read back; pages are joined with ``--- PAGE BREAK ---`` lines as PDF-to-Markdown
converters write them. ``OUT_DIR`` gets ``ID.txt`` per document, so
``vntasks extract OUT_DIR --out PRED && vntasks evaluate GOLD_SUBSET PRED`` scores the noisy copies
against the clean gold (tasks match by token overlap, so OCR noise in a task's words costs only
what it should). ``OUT_DIR/gold/`` receives a copy of each chosen gold file for that command.

Needs Tesseract with the ``vie`` language (``scripts/setup.sh``) and Pillow.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_docs import RAW, dev_rows, gold_path  # noqa: E402

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
LINES_PER_PAGE = 46
WIDTH = 78


_RULE_ROW = re.compile(r"^[\s|:\-]+$")  # a Markdown table's separator row


def printed(text: str) -> str:
    """What a printed page shows of a text converted to Markdown: no emphasis asterisks, heading
    hashes or table rules, a table's cells apart by spaces (a scan holds none of that markup)."""
    out = []
    for line in text.splitlines():
        if "|" in line and _RULE_ROW.match(line):
            continue
        line = re.sub(r"^\s*#+\s+", "", line)
        line = re.sub(r"^(\s*)\*\s+", r"\1- ", line)  # a bullet
        line = line.replace("*", "").replace("__", "")
        line = re.sub(r"\s*\|\s*", "   ", line).strip() if line.count("|") >= 2 else line
        out.append(line)
    return "\n".join(out)


def pages_of(text: str) -> list[list[str]]:
    lines: list[str] = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, WIDTH) or [""])
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]


def ocr_page(lines: list[str], scale: float, work: Path, n: int) -> str:
    font = ImageFont.truetype(FONT, 30)
    img = Image.new("L", (2480, 40 * LINES_PER_PAGE + 200), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((120, 100 + 40 * i), line, font=font, fill=0)
    small = img.resize((int(img.width * scale), int(img.height * scale)), Image.Resampling.BILINEAR)
    small = small.filter(ImageFilter.GaussianBlur(0.6)).rotate(0.4, fillcolor=255)
    path = work / f"p{n}.png"
    small.save(path)
    out = subprocess.run(
        ["tesseract", str(path), "-", "-l", "vie", "--psm", "6"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def ocr_text(text: str, scale: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = [ocr_page(p, scale, work, n) for n, p in enumerate(pages_of(text))]
    return "\n\n--- PAGE BREAK ---\n\n".join(pages) + "\n"


def chosen(ids: set[str], genres: set[str], max_chars: int) -> list[str]:
    out = []
    for r in dev_rows():
        if ids and r["id"] not in ids:
            continue
        if not ids and (r["genre"] not in genres or r["whole_or_excerpt"] != "whole"):
            continue
        if len((RAW / r["file"]).read_text(encoding="utf-8")) > max_chars:
            continue
        out.append(r["id"])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--ids", default="")
    ap.add_argument("--genres", default="chi-thi,cong-van,thong-bao,ke-hoach,quyet-dinh")
    ap.add_argument("--max-chars", type=int, default=20000)
    ap.add_argument("--scale", type=float, default=0.55)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    ids = chosen({i for i in a.ids.split(",") if i}, {g for g in a.genres.split(",") if g}, a.max_chars)
    (a.out / "gold").mkdir(parents=True, exist_ok=True)

    def one(doc_id: str) -> str:
        text = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
        (a.out / f"{doc_id}.txt").write_text(ocr_text(printed(text), a.scale), encoding="utf-8")
        shutil.copy(gold_path(doc_id), a.out / "gold" / f"{doc_id}.gold.json")
        return doc_id

    with ThreadPoolExecutor(a.jobs) as pool:
        for doc_id in pool.map(one, ids):
            print(doc_id, flush=True)
    print(f"{len(ids)} documents → {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
