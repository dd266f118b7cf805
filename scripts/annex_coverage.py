"""How many annex-table tasks carry a lead agency and a deadline, per file (issue 5).

    python3 scripts/annex_coverage.py OUT_DIR [FILE ...]

OUT_DIR is the output of ``vntasks extract … --format csv``; with FILE names, only those
documents are listed (e.g. 116.pdf 116.txt 117.pdf 117.txt 119.pdf 119.txt 131.txt).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    tasks = pd.read_csv(Path(argv[0]) / "tasks.csv", dtype=str, keep_default_na=False)
    rows = tasks[tasks["context"] == "table"]
    names = argv[1:] or sorted(rows["doc_id"].unique())
    print("| file | annex tasks | with lead agency | with deadline | both |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        r = rows[rows["doc_id"] == name]
        lead, dl = r["lead_agency"] != "", r["deadline"] != ""
        print(f"| {name} | {len(r)} | {lead.sum()} | {dl.sum()} | {(lead & dl).sum()} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
