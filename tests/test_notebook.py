"""The analysts' notebook runs top to bottom (its code cells, without Jupyter)."""
import json
import os
from pathlib import Path

NB = Path(__file__).resolve().parents[1] / "notebooks" / "inspect_extraction.ipynb"


def test_notebook_code_cells_run():
    nb = json.loads(NB.read_text("utf-8"))
    ns, cwd = {}, os.getcwd()
    os.chdir(NB.parent)
    try:
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                exec("".join(cell["source"]), ns)
    finally:
        os.chdir(cwd)
    assert len(ns["r"].tasks) == 18
