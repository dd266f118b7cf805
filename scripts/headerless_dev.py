#!/usr/bin/env python3
"""Make body-only, word-segmented copies of development documents, to measure the extractor on
texts that corpora keep without a header.

usage: headerless_dev.py OUT_DIR [--genres chi-thi,cong-van,...] [--plain]

Text-classification and legal corpora often keep only a document's body, its title line lower-cased,
with no quốc hiệu, number, place-and-date line, "Kính gửi" block or signature, and many are
word-segmented ("Uỷ_ban_nhân_dân tỉnh yêu_cầu các sở , ngành"). Each chosen development text
(``data/raw/wide``, whole documents of the given genres, never the sealed split) is cut the same way:
the lines above its type line ("CHỈ THỊ", "KẾ HOẠCH", …) go, or for a công văn the lines up to its
"Kính gửi" block; the type and title lines are lower-cased; everything from "Nơi nhận" on goes; the
rest is word-segmented with underthesea unless ``--plain``. ``OUT_DIR`` gets ``ID.txt`` per document
and ``OUT_DIR/gold/`` the gold files, so ``vntasks extract OUT_DIR --out PRED && vntasks evaluate
OUT_DIR/gold PRED`` scores the copies against the clean gold (tasks match by token overlap). Times of
the cut header are not in the gold (the guide leaves the document's own date out), so the cut loses
no gold item; a deadline the gold took from the document's date may have nothing to anchor it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_docs import RAW, dev_rows, gold_path  # noqa: E402

TYPE_LINE = re.compile(r"^[\s*#]*(CHỈ THỊ|KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|NGHỊ QUYẾT|CÔNG ĐIỆN|BÁO CÁO|KẾT LUẬN)[\s*:]*$")
GREETING = re.compile(r"^\s*Kính\s+gửi", re.IGNORECASE)
CLOSING = re.compile(r"^\s*[*_]*\s*Nơi\s+nhận", re.IGNORECASE)


def cut(text: str) -> str | None:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines[:60]) if TYPE_LINE.match(line)), None)
    if start is None:
        g = next((i for i, line in enumerate(lines[:60]) if GREETING.match(line)), None)
        if g is None:
            return None
        start = g + 1
        while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith(("-", "+"))):
            start += 1
        head = []
    else:
        title_end = start + 1
        while title_end < len(lines) and lines[title_end].strip() and title_end < start + 4:
            title_end += 1
        head = [line.strip().lower() for line in lines[start:title_end]]
        start = title_end
    end = next((i for i in range(start, len(lines)) if CLOSING.match(lines[i])), len(lines))
    return "\n".join(head + lines[start:end]).strip() + "\n"


def chosen(genres: set[str]) -> list[str]:
    return [r["id"] for r in dev_rows() if r["genre"] in genres and r["whole_or_excerpt"] == "whole"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--genres", default="chi-thi,cong-van,thong-bao,ke-hoach,quyet-dinh")
    ap.add_argument("--plain", action="store_true", help="do not word-segment")
    a = ap.parse_args(argv)
    (a.out / "gold").mkdir(parents=True, exist_ok=True)
    segment = None
    if not a.plain:
        from underthesea import word_tokenize

        def segment(line: str) -> str:
            return word_tokenize(line, format="text") if line.strip() else line

    n = 0
    for doc_id in chosen({g for g in a.genres.split(",") if g}):
        body = cut((RAW / f"{doc_id}.txt").read_text(encoding="utf-8"))
        if not body or "**" in body:  # Markdown pages are not what such corpora hold
            continue
        if segment is not None:
            body = "\n".join(segment(line) for line in body.splitlines()) + "\n"
        (a.out / f"{doc_id}.txt").write_text(body, encoding="utf-8")
        shutil.copy(gold_path(doc_id), a.out / "gold" / f"{doc_id}.gold.json")
        n += 1
    print(f"{n} documents → {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
