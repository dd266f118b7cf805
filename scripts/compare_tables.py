"""Compare two `vntasks extract --format csv` output folders table by table.

    python3 scripts/compare_tables.py BEFORE_DIR AFTER_DIR

Every table must be byte-identical, except the `seconds` column of `documents`
(wall time of each document), which is blanked on both sides before comparing.
Prints one line per table and exits 1 when any differs (with the first differing
rows), so a refactoring or a speed-up can show that behaviour is unchanged.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

IGNORED = {"documents.csv": {"seconds"}}


def _canonical(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    drop = IGNORED.get(path.name)
    if not drop:
        return text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    keep = [i for i, name in enumerate(rows[0]) if name not in drop]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row[i] if i < len(row) else "" for i in keep])
    return out.getvalue().splitlines()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    before, after = Path(argv[0]), Path(argv[1])
    names = sorted({p.name for p in before.glob("*.csv")} | {p.name for p in after.glob("*.csv")})
    if not names:
        print(f"error: no .csv tables in {before} or {after}", file=sys.stderr)
        return 2
    failed = False
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if not a.exists() else 'before'}")
            failed = True
            continue
        la, lb = _canonical(a), _canonical(b)
        if la == lb:
            print(f"{name}: identical ({len(la) - 1} rows)")
            continue
        failed = True
        print(f"{name}: DIFFERS ({len(la) - 1} rows before, {len(lb) - 1} after)")
        shown = 0
        for i, (x, y) in enumerate(zip(la, lb)):
            if x != y:
                print(f"  line {i + 1}\n  - {x[:300]}\n  + {y[:300]}")
                shown += 1
                if shown == 3:
                    break
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
