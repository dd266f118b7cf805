"""``scripts/add_dev_batch.py --set-aside``: a refused document leaves the stage whole (text, gold, second
annotation, source row) for ``refused/``, and the others stay to be added."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("add_dev_batch", ROOT / "scripts" / "add_dev_batch.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_set_aside_moves_everything_of_the_refused_documents(tmp_path):
    for d in ("raw", "gold", "second", "notes"):
        (tmp_path / d).mkdir()
    header = "id\tfile\tsite\n"
    (tmp_path / "raw" / "SOURCES.xa.tsv").write_text(header + "xa01\txa01.txt\ta.vn\nxa02\txa02.txt\tb.vn\n", "utf-8")
    (tmp_path / "raw" / "SOURCES.xb.tsv").write_text(header + "xb01\txb01.txt\tc.vn\n", "utf-8")
    for i in ("xa01", "xa02", "xb01"):
        (tmp_path / "raw" / f"{i}.txt").write_text("văn bản", "utf-8")
        (tmp_path / "gold" / f"{i}.gold.json").write_text("{}", "utf-8")
    (tmp_path / "second" / "xb01.gold.json").write_text("{}", "utf-8")
    _script().set_aside(tmp_path, ["xa02", "xb01"])
    out = tmp_path / "refused"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["SOURCES.refused.tsv", "xa02.txt", "xa02.gold.json", "xb01.txt", "xb01.gold.json", "xb01.second.gold.json"]
    )
    assert (out / "SOURCES.refused.tsv").read_text("utf-8") == header + "xa02\txa02.txt\tb.vn\nxb01\txb01.txt\tc.vn\n"
    assert (tmp_path / "raw" / "SOURCES.xa.tsv").read_text("utf-8") == header + "xa01\txa01.txt\ta.vn\n"
    assert (tmp_path / "raw" / "SOURCES.xb.tsv").read_text("utf-8") == header
    assert sorted(p.name for p in (tmp_path / "raw").glob("*.txt")) == ["xa01.txt"]
