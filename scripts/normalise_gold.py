#!/usr/bin/env python3
"""Write the gold of word-segmented documents in the project's convention: syllables apart.

usage: normalise_gold.py GOLD_DIR RAW_DIR [--check]

Some corpora ship Vietnamese text word-segmented ("Chỉ_thị", "văn_bản , số"). The reader restores
it (`pipeline.read.readers.restore_word_segmented`) and the gold of the shared corpus (128, 129) is
written in the restored spelling; the scorer counts "tổ_chức" as one token, so gold copied
with underscores matches nothing. For every gold file whose document is word-segmented, every
string but "doc" is rewritten with the reader's own restoration. Idempotent; `--check` only lists
the files it would change and exits 1 when there is one.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.read.readers import _SLASH, _SPACE_AFTER, _SPACE_BEFORE, _WS_TOKEN, restore_word_segmented  # noqa: E402


def restore(s: str) -> str:
    s = _WS_TOKEN.sub(" ", s)
    s = _SPACE_BEFORE.sub(r"\1", s)
    s = _SPACE_AFTER.sub(r"\1", s)
    return _SLASH.sub(r"\1", s)


def _walk(obj, key=""):
    if isinstance(obj, str):
        return obj if key == "doc" else restore(obj)
    if isinstance(obj, list):
        return [_walk(v, key) for v in obj]
    if isinstance(obj, dict):
        return {k: _walk(v, k) for k, v in obj.items()}
    return obj


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    gold_dir, raw_dir, check = Path(argv[0]), Path(argv[1]), "--check" in argv
    changed = []
    for p in sorted(gold_dir.glob("*.gold.json")):
        g = json.loads(p.read_text("utf-8"))
        doc = raw_dir / g["doc"]
        if not doc.is_file() or not restore_word_segmented(doc.read_text("utf-8"))[1]:
            continue
        new = _walk(g)
        if new != g:
            changed.append(p.name)
            if not check:
                p.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(changed)} gold files {'to rewrite' if check else 'rewritten'}: {', '.join(changed)}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
