"""Character error rate of legacy-encoding conversion against Unicode transcripts.

For every ``NAME.doc`` / ``NAME.pdf`` in the corpus that has a ``NAME.txt``
transcript and is in a legacy encoding (TCVN3, VNI), read it with
``pipeline.read.readers.read_file`` and compare with the transcript. CER is the edit
distance (insertions + deletions + substitutions) over the transcript length,
after NFC and collapsing whitespace runs to one space (layout spaces are not
characters of the text). Prints a table; exits 1 when a file is at or over the bar.

    python3 scripts/legacy_cer.py [CORPUS_DIR] [--bar 0.01]
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path

from pipeline.read.legacy import detect_legacy
from pipeline.read.readers import read_file


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: words aligned first (difflib), characters inside the gaps."""
    import difflib
    wa, wb = a.split(" "), b.split(" ")
    sm = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    dist = 0
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            # the gap plus the space that separates it from its neighbours
            dist += _lev(" ".join(wa[i1:i2]), " ".join(wb[j1:j2])) + (tag != "replace")
    return dist


def _lev(a: str, b: str) -> int:
    if not a or not b:
        return len(a) + len(b)
    if len(a) * len(b) > 4_000_000:      # a huge unmatched gap: its upper bound
        return max(len(a), len(b))
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(hyp: str, ref: str) -> float:
    hyp, ref = _norm(hyp), _norm(ref)
    return edit_distance(hyp, ref) / max(1, len(ref))


def main(argv=None) -> int:
    shared = Path(os.environ.get("VNTASKS_SHARED", Path(__file__).resolve().parents[2] / "shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("VNTASKS_CORPUS", shared / "corpus" / "raw"))
    ap.add_argument("--bar", type=float, default=0.01)
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    rows, bad = [], 0
    for f in sorted(corpus.iterdir()):
        ref = f.with_suffix(".txt")
        if f.suffix.lower() not in (".doc", ".pdf") or not ref.exists():
            continue
        if f.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium
            doc = pdfium.PdfDocument(f.read_bytes())
            sample = doc[0].get_textpage().get_text_range() if len(doc) else ""
            doc.close()
            if detect_legacy(sample) is None:
                continue  # a Unicode PDF with a transcript: not a legacy-conversion case
        raw = read_file(f)
        enc = next((w.split()[-1] for w in raw.warnings if w.startswith("legacy encoding")), None)
        c = cer(raw.text, ref.read_text(encoding="utf-8"))
        bad += c >= a.bar
        rows.append((f.name, enc or "-", len(_norm(ref.read_text(encoding="utf-8"))), c))
    print(f"{'file':<10} {'encoding':<9} {'ref chars':>9} {'CER':>8}")
    for name, enc, n, c in rows:
        print(f"{name:<10} {enc:<9} {n:>9} {c:>8.4%}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
