"""Exports round-trip; bad inputs give error rows and the batch goes on."""
import io
import sqlite3
import zipfile

import pandas as pd
from hypothesis import given, settings, strategies as st

from pipeline import extract_many, process_text
from pipeline.cli import main
from pipeline.out.export import LIST_COLUMNS, read_tables, tables, write_tables

GOOD = "KẾ HOẠCH\nUBND tỉnh xác định 02 nhiệm vụ trong năm 2024: tổ chức tập huấn; triển khai Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021.\n"


def _norm(df, name):
    df = df.copy()
    for c in LIST_COLUMNS.get(name, []):
        df[c] = df[c].map(lambda v: "; ".join(map(str, v)) if hasattr(v, "__len__") and not isinstance(v, str)
                          else ("" if v is None or isinstance(v, float) else str(v)))
    df = df.astype(object)
    df = df.where(df.notna(), "")
    return df.map(lambda v: "" if v is None else str(v)).replace({"<NA>": "", "nan": "", "None": ""})


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from([GOOD, "- Xây dựng kế hoạch; tổ chức kiểm tra.\n", "II. NHIỆM VỤ\n", "Tăng cường, “phối hợp”, 'x' | y\n", "trước ngày 30/6/2024\n"]), min_size=1, max_size=6))
def test_exports_round_trip(tmp_path_factory, parts):
    doc = process_text("".join(parts), doc_id="x.txt")
    dfs = tables([doc])
    for fmt in ("csv", "parquet", "jsonl", "sqlite"):
        out = tmp_path_factory.mktemp(fmt)
        write_tables(dfs, out, fmt)
        back = read_tables(out, fmt)
        for name, df in dfs.items():
            assert list(back[name].columns) == list(df.columns)
            pd.testing.assert_frame_equal(_norm(df, name).reset_index(drop=True), _norm(back[name], name).reset_index(drop=True),
                                          check_dtype=False)


def test_sqlite_and_xlsx(tmp_path):
    dfs = tables([process_text(GOOD, doc_id="x.txt")])
    write_tables(dfs, tmp_path, "sqlite")
    with sqlite3.connect(tmp_path / "vntasks.sqlite") as con:
        n = con.execute("select count(*) from tasks").fetchone()[0]
    assert n == len(dfs["tasks"]) == 2
    write_tables(dfs, tmp_path, "xlsx")
    assert len(pd.read_excel(tmp_path / "tasks.xlsx")) == 2


def _docx_bomb(path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (600 * 2**20))
    path.write_bytes(buf.getvalue())


BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02\x03" * 100,
    "latin.txt": "Kế hoạch".encode("utf-16-be"),
    "corrupt.pdf": b"%PDF-1.4\n garbage garbage",
    "notapdf.pdf": b"hello world",
    "corrupt.docx": b"PK\x03\x04 not really a zip",
    "wrong.docx": b"plain text with a docx name",
    "image.png": b"\x89PNG....",
}


def test_bad_inputs_get_error_rows_and_batch_goes_on(tmp_path):
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    _docx_bomb(tmp_path / "bomb.docx")
    try:
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument.new()
        pdf.new_page(200, 200)
        pdf.save(str(tmp_path / "blank.pdf"))
    except Exception:  # pragma: no cover
        pass
    res = extract_many([tmp_path])
    docs = res.document.set_index("doc_id")
    assert docs.loc["good.txt", "status"] == "ok" and docs.loc["good.txt", "n_tasks"] == 2
    for name in ["empty.txt", "binary.txt", "corrupt.pdf", "notapdf.pdf", "corrupt.docx", "wrong.docx", "bomb.docx"]:
        assert docs.loc[name, "status"] == "error", name
        assert name in docs.loc[name, "error"], docs.loc[name, "error"]
    assert "image.png" not in docs.index  # unsupported types in folders are skipped
    assert len(res.tasks) == 2


def test_cli_writes_all_tables_despite_errors(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    rc = main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert rc == 0
    for t in ("documents", "tasks", "claims", "references", "times"):
        assert (tmp_path / "out" / f"{t}.csv").exists()
    assert "empty.txt: the file is empty" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "o2"), "-q", "--strict"]) == 1


