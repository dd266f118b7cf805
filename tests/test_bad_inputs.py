"""Bad input, built in tmp_path: each case gets a clear row (status, message naming the file
and the problem) and leaves the other documents' rows intact (issue 12)."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from pipeline.api import process_file
from pipeline.errors import EmptyDocument, FileTooLarge
from pipeline.read.readers import read_file
from tests.bad_cases import GOOD, forged_docx


def _good_tasks() -> list[str]:
    from pipeline.api import process_text
    return [t.text for t in process_text(GOOD).tasks]


# ------------------------------------------------------------------- decoding

def test_stray_ff_in_utf8_is_replaced_not_reencoded(tmp_path):
    data = GOOD.encode("utf-8")
    cut = data.index("kiểm tra".encode()) + len("kiểm".encode())
    p = tmp_path / "stray.txt"
    p.write_bytes(data[:cut] + b"\xff" + data[cut:])
    doc = process_file(p)
    assert doc.status == "ok"
    assert [t.text.replace("\ufffd", "") for t in doc.tasks] == _good_tasks()
    assert any(f"at byte offset(s) {cut}" in w and "1 byte sequence" in w for w in doc.warnings), doc.warnings
    assert not any("legacy" in w for w in doc.warnings)


def test_latin1_bytes_in_utf8_do_not_make_mojibake(tmp_path):
    data = GOOD.encode("utf-8")
    p = tmp_path / "latin.txt"
    cut = data.index(b"\n") + 1
    p.write_bytes(data[:cut] + "café ".encode("latin-1") + data[cut:])
    raw = read_file(p)
    assert "KẾ HOẠCH" in raw.text and "Triển khai" in raw.text and "áº" not in raw.text
    assert any("not UTF-8 replaced" in w for w in raw.warnings)


def test_nul_bytes_removed_and_counted(tmp_path):
    data = GOOD.encode("utf-8")
    cut = data.index("Tổ".encode())
    p = tmp_path / "nul.txt"
    p.write_bytes(data[:cut] + b"\x00\x00\x07" + data[cut:])
    doc = process_file(p)
    assert doc.status == "ok" and [t.text for t in doc.tasks] == _good_tasks()
    assert all("\x00" not in t.text for t in doc.tasks)
    assert any("3 control character(s)" in w and str(cut) in w for w in doc.warnings), doc.warnings


def test_legacy_file_still_converted(tmp_path):
    p = tmp_path / "tcvn3.txt"
    p.write_bytes("Céng hßa x· héi chñ nghÜa ViÖt Nam; Ch\u00ad¬ng tr×nh".encode("latin-1"))
    raw = read_file(p)
    assert raw.text == "Cộng hòa xã hội chủ nghĩa Việt Nam; Chương trình"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, codec):
    p = tmp_path / "wide.txt"
    p.write_bytes(GOOD.encode(codec))
    doc = process_file(p)
    assert doc.status == "ok" and [t.text for t in doc.tasks] == _good_tasks()


def test_binary_txt_is_an_error(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(bytes(range(256)) * 40)
    doc = process_file(p)
    assert doc.status == "error" and "bin.txt" in doc.error and "binary" in doc.error


def test_whitespace_only_does_not_suggest_tesseract(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_bytes(b" \n\t\n   \n")
    with pytest.raises(EmptyDocument) as e:
        read_file(p)
    assert "blank.txt" in str(e.value) and "whitespace" in str(e.value)
    assert "esseract" not in str(e.value)


def test_replaced_bytes_flag_the_rows(tmp_path):
    from pipeline.out.export import doc_rows
    data = GOOD.encode("utf-8")
    cut = data.index("kiểm tra".encode()) + len("kiểm".encode())
    p = tmp_path / "stray.txt"
    p.write_bytes(data[:cut] + b"\xff" + data[cut:])
    rows = doc_rows(process_file(p))
    flagged = [r for r in rows["tasks"] if "undecodable_bytes" in r["flags"]]
    assert len(flagged) == 1 and "\ufffd" in flagged[0]["text"]


# ------------------------------------------------------------------- batches

def _batch_folder(tmp_path: Path, extra: dict[str, bytes]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "good2.txt").write_text(GOOD.replace("2025", "2026"), encoding="utf-8")
    for name, data in extra.items():
        (src / name).write_bytes(data)
    return src


def _docs(out: Path):
    from pipeline.out.export import read_tables
    t = read_tables(out, "csv")
    return t["documents"].set_index("doc_id"), t["tasks"]


def _assert_good_intact(out: Path):
    docs, tasks = _docs(out)
    n = len(_good_tasks())
    for name in ("good.txt", "good2.txt"):
        assert docs.loc[name, "status"] == "ok", docs.loc[name, "error"]
        assert int(docs.loc[name, "n_tasks"]) == n
        assert (tasks["doc_id"] == name).sum() == n
    return docs


def test_dead_worker_gets_error_row_and_batch_goes_on(tmp_path, monkeypatch, capsys):
    import pipeline.worker as worker
    from pipeline.cli import main
    real = worker.process_file

    def dying(path, *args, **kw):
        if Path(path).name == "die.txt":
            os._exit(9)                 # as the OOM killer would: no exception, no cleanup
        return real(path, *args, **kw)

    monkeypatch.setattr(worker, "process_file", dying)   # inherited by the forked workers
    src = _batch_folder(tmp_path, {"die.txt": GOOD.encode(), "also.txt": GOOD.encode()})
    out = tmp_path / "out"
    rc = main(["extract", str(src), "--out", str(out), "--jobs", "2"])
    assert rc == 0
    docs = _assert_good_intact(out)
    assert docs.loc["also.txt", "status"] == "ok"
    assert docs.loc["die.txt", "status"] == "error"
    assert "die.txt" in docs.loc["die.txt", "error"] and "died twice" in docs.loc["die.txt", "error"]
    err = capsys.readouterr().err
    assert "Traceback" not in err and "retried after their worker died" in err


def test_worker_that_dies_once_is_retried(tmp_path, monkeypatch):
    import pipeline.batch as batch
    import pipeline.worker as worker
    real = worker.process_file
    flag = tmp_path / "died-once"

    def dies_once(path, *args, **kw):
        if Path(path).name == "once.txt" and not flag.exists():
            flag.touch()
            os._exit(9)
        return real(path, *args, **kw)

    monkeypatch.setattr(worker, "process_file", dies_once)
    src = _batch_folder(tmp_path, {"once.txt": GOOD.encode()})
    res = batch.run_batch([src], tmp_path / "out", jobs=2)
    assert res.retried >= 1 and not res.errors
    assert [p["documents"][0]["status"] for p in res.parts] == ["ok"] * 3


def test_timeout_names_the_limit_and_the_flag(tmp_path, monkeypatch):
    import time
    import pipeline.batch as batch
    import pipeline.worker as worker
    real = worker.process_file

    def slow(path, *args, **kw):
        if Path(path).name == "slow.txt":
            time.sleep(30)
        return real(path, *args, **kw)

    monkeypatch.setattr(worker, "process_file", slow)
    src = _batch_folder(tmp_path, {"slow.txt": GOOD.encode()})
    t0 = time.monotonic()
    res = batch.run_batch([src], tmp_path / "out", timeout=0.5)
    assert time.monotonic() - t0 < 20
    row = next(p["documents"][0] for p in res.parts if p["documents"][0]["doc_id"] == "slow.txt")
    assert row["status"] == "error" and "slow.txt" in row["error"]
    assert "0.5 s limit" in row["error"] and "--timeout" in row["error"]
    assert sum(p["documents"][0]["status"] == "ok" for p in res.parts) == 2


def test_resume_retries_cached_errors(tmp_path):
    from pipeline.batch import run_batch
    src = _batch_folder(tmp_path, {"big.txt": GOOD.encode() * 20})
    out = tmp_path / "out"
    first = run_batch([src], out, max_bytes=2000)
    assert any("big.txt" in e and "--max-mb" in e for e in first.errors)
    kept = run_batch([src], out, resume=True, resume_errors="skip")
    assert (kept.processed, kept.reused) == (0, 3) and kept.errors == first.errors
    again = run_batch([src], out, resume=True)        # the limit is raised: the error row is retried
    assert (again.processed, again.reused) == (1, 2) and not again.errors


def test_skipped_entries_are_reported(tmp_path, capsys):
    from pipeline.cli import main
    src = _batch_folder(tmp_path, {".hidden.txt": GOOD.encode(), "image.png": b"\x89PNG...."})
    (src / "broken.txt").symlink_to(src / "nowhere.txt")
    (src / "loop.txt").symlink_to(src / "loop.txt")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    import csv
    rows = {Path(r["path"]).name: r["reason"] for r in csv.DictReader((out / "skipped.csv").read_text(encoding="utf-8").splitlines())}
    assert "hidden" in rows[".hidden.txt"] and "unsupported" in rows["image.png"]
    assert "broken symbolic link" in rows["broken.txt"] and "loop" in rows["loop.txt"]
    for name in rows:
        assert name in err
    docs = _assert_good_intact(out)
    assert len(docs) == 2
    # a later run with nothing skipped removes the stale list
    for name in (".hidden.txt", "image.png", "broken.txt", "loop.txt"):
        (src / name).unlink()
    assert main(["extract", str(src), "--out", str(out), "-q"]) == 0
    assert not (out / "skipped.csv").exists()


@pytest.mark.parametrize("kind", ["file", "under_a_file"])
def test_out_that_is_a_file(tmp_path, capsys, kind):
    from pipeline.cli import main
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    f = tmp_path / "taken"
    f.write_text("x")
    out = f if kind == "file" else f / "sub"
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "folder" in err and "Traceback" not in err


def test_ctrl_c_says_where_and_how_to_resume(tmp_path, monkeypatch, capsys):
    import pipeline.worker as worker
    from pipeline.cli import main
    real = worker.process_file

    def interrupt(path, *args, **kw):
        if Path(path).name == "good2.txt":
            raise KeyboardInterrupt
        return real(path, *args, **kw)

    monkeypatch.setattr(worker, "process_file", interrupt)
    src = _batch_folder(tmp_path, {})
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "-q"]) == 130
    err = capsys.readouterr().err
    assert "interrupted after 1 of 2 documents" in err and "good2.txt" in err and "--resume" in err
    monkeypatch.setattr(worker, "process_file", real)
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--resume"]) == 0
    assert "1 from the cache" in capsys.readouterr().err
    _assert_good_intact(tmp_path / "out")


def test_progress_bar_reaches_n_of_n(tmp_path, capsys):
    from pipeline.cli import main
    src = _batch_folder(tmp_path, {"third.txt": GOOD.encode()})
    assert main(["extract", str(src), "--out", str(tmp_path / "out")]) == 0
    assert "3/3" in capsys.readouterr().err


# ------------------------------------------------------------------- exports

def test_xlsx_with_control_characters(tmp_path):
    from pipeline.api import process_text
    from pipeline.out.export import tables, write_tables
    doc = process_text("II. NHIỆM VỤ\n- Tổ chức tập\x01 huấn\x0b cho cán bộ trong quý II/2025.\n")
    written = write_tables(tables([doc]), tmp_path, "xlsx")
    assert len(written) == 5 and not list(tmp_path.glob("*.tmp"))
    import openpyxl
    ws = openpyxl.load_workbook(tmp_path / "tasks.xlsx").active
    assert "Tổ chức tập" in ws.cell(2, 7).value


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "xlsx", "sqlite"])
def test_lone_surrogates_do_not_crash_writers(tmp_path, fmt):
    from pipeline.api import process_text
    from pipeline.out.export import tables, write_tables
    doc = process_text("II. NHIỆM VỤ\n- Tổ chức tập huấn \ud800 cho cán bộ.\n")
    dfs = tables([doc])
    assert "\ufffd" in dfs["tasks"]["text"][0]
    assert write_tables(dfs, tmp_path, fmt) and not list(tmp_path.glob("*.tmp"))


def test_failing_writer_leaves_the_others(tmp_path, monkeypatch, capsys):
    import pipeline.out.writers as writers
    from pipeline.cli import main
    real = writers.write_file

    def fail_tasks(df, name, tmp, fmt):
        if name == "tasks":
            tmp.write_text("half")
            raise OSError(28, "No space left on device")
        return real(df, name, tmp, fmt)

    monkeypatch.setattr(writers, "write_file", fail_tasks)
    src = _batch_folder(tmp_path, {})
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert "tasks.csv" in err and "No space left" in err and "Traceback" not in err
    assert not (out / "tasks.csv").exists() and not (out / "tasks.csv.tmp").exists()
    for t in ("documents", "claims", "references", "times", "citations"):
        assert (out / f"{t}.csv").exists()


# ------------------------------------------------------------------ zip bombs

def _forged_docx(path: Path, real_size: int, declared: int = 0) -> Path:
    path.write_bytes(forged_docx(real_size, declared))
    return path


def test_zip_bomb_with_forged_sizes_is_measured_while_streaming(tmp_path, monkeypatch):
    import tracemalloc
    import pipeline.read.docx as docx_reader
    monkeypatch.setattr(docx_reader, "MAX_DOCX_UNPACKED", 4 * 2**20)
    p = _forged_docx(tmp_path / "bomb.docx", 40 * 2**20)
    assert p.stat().st_size < 2**20
    assert sum(i.file_size for i in zipfile.ZipFile(p).infolist()) < 100, "the sizes are forged"
    tracemalloc.start()
    with pytest.raises(FileTooLarge) as e:
        read_file(p)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "bomb.docx" in str(e.value) and "zip bomb" in str(e.value)
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.0f} MiB: the members were not streamed"


def test_forged_sizes_under_the_budget_are_refused(tmp_path):
    p = _forged_docx(tmp_path / "forged.docx", 2**20, declared=100)
    doc = process_file(p)
    assert doc.status == "error" and "forged.docx" in doc.error and "declares 100 bytes" in doc.error


# --------------------------------------------------------------- whole matrix

def test_matrix_through_the_cli(tmp_path, capsys):
    """Every case of tests/bad_cases.py in one folder, one CLI run: each row as expected,
    each message names its file, the good documents intact, all tables written."""
    import csv
    from pipeline.cli import main
    from tests.bad_cases import OPTIONS, build
    src = tmp_path / "in"
    cases = build(src)
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out), "--format", "csv", *OPTIONS]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    docs, tasks = _docs(out)
    skipped = {Path(r["path"]).name: r["reason"] for r in csv.DictReader((out / "skipped.csv").read_text(encoding="utf-8").splitlines())}
    for name, case in cases.items():
        if case.status == "skipped":
            assert name in skipped and name not in docs.index, name
            text = skipped[name]
        elif case.may_finish and docs.loc[name, "status"] == "ok":
            continue
        else:
            assert docs.loc[name, "status"] == case.status, (name, docs.loc[name, "error"])
            text = docs.loc[name, "error"] + " ".join(docs.loc[name, "warnings"])
            if case.status == "error":
                assert name in docs.loc[name, "error"] and " — " in docs.loc[name, "error"], name
            if case.n_tasks is not None:
                assert int(docs.loc[name, "n_tasks"]) == case.n_tasks == (tasks["doc_id"] == name).sum(), name
        for w in case.words:
            assert w in text, (name, w, text)
        for w in case.not_words:
            assert w not in text, (name, w, text)
    assert set(docs.index) == {n for n, c in cases.items() if c.status != "skipped"}


def test_matrix_xlsx_export(tmp_path):
    from pipeline.cli import main
    src = tmp_path / "in"
    src.mkdir()
    data = GOOD.encode()
    (src / "ctrl.txt").write_bytes(data[:40] + b"\x01\x02\x1b" + data[40:])
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--format", "xlsx", "-q"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == [
        f"{t}.xlsx" for t in sorted(["citations", "claims", "documents", "references", "tasks", "times"])]


def test_memory_limit_names_the_flag(tmp_path, monkeypatch):
    import time
    import pipeline.batch as batch
    import pipeline.worker as worker
    real = worker.process_file

    def greedy(path, *args, **kw):
        if Path(path).name == "greedy.txt":
            hoard = []
            for _ in range(40):
                hoard.append(b"x" * (16 * 2**20))       # touched pages: resident
                time.sleep(0.05)
        return real(path, *args, **kw)

    monkeypatch.setattr(worker, "process_file", greedy)
    src = _batch_folder(tmp_path, {"greedy.txt": GOOD.encode()})
    res = batch.run_batch([src], tmp_path / "out", max_memory=96 * 2**20)
    row = next(p["documents"][0] for p in res.parts if p["documents"][0]["doc_id"] == "greedy.txt")
    assert row["status"] == "error" and "greedy.txt" in row["error"]
    assert "96 MiB" in row["error"] and "--max-memory-mb" in row["error"]
    assert sum(p["documents"][0]["status"] == "ok" for p in res.parts) == 2


def test_cli_rejects_nonsense_numbers(capsys):
    from pipeline.cli import main
    for args in (["--jobs", "0"], ["--max-mb", "0"], ["--timeout", "-1"], ["--max-memory-mb", "x"]):
        with pytest.raises(SystemExit) as e:
            main(["extract", "x.txt", "--out", "o", *args])
        assert e.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_folder_with_nothing_but_skipped_entries(tmp_path, capsys):
    from pipeline.cli import main
    src = tmp_path / "in"
    src.mkdir()
    (src / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    assert main(["extract", str(src), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert ".hidden.txt: hidden file" in err and "photo.jpg: unsupported file type" in err
    assert "no input files" in err


def test_tool_noise_left_out_of_messages(tmp_path, monkeypatch):
    import shutil
    from pipeline.read.doc import tool_message
    assert tool_message(b"I can't find the name of your HOME directory\n/x/a.doc is not a Word Document.\n") \
        == "/x/a.doc is not a Word Document."
    if not shutil.which("antiword"):
        pytest.skip("antiword is not installed")
    monkeypatch.delenv("HOME", raising=False)
    p = tmp_path / "garbage.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"garbage" * 50)
    doc = process_file(p)
    assert doc.status == "error" and "garbage.doc" in doc.error and "HOME" not in doc.error


def test_unlistable_folder_is_reported(tmp_path, monkeypatch):
    from pipeline.read.inputs import scan_inputs
    src = _batch_folder(tmp_path, {})
    (src / "locked").mkdir()
    (src / "locked" / "inside.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":           # as chmod 000 does for anyone but root
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items, skipped = scan_inputs([src])
    assert [d for _, d in items] == ["good.txt", "good2.txt"]
    assert skipped == [(str(src / "locked"), "folder cannot be read (Permission denied); check its permissions")]


def test_scan_matches_iter_inputs_order(tmp_path):
    from pipeline.api import iter_inputs
    from pipeline.read.inputs import scan_inputs
    src = tmp_path / "in"
    for rel in ("a-b.txt", "a/b.txt", "a/c/d.pdf", "Z.docx", ".h/x.txt", "b.doc"):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(b"x")
    assert scan_inputs([src])[0] == list(iter_inputs([src]))


def test_file_name_that_is_not_utf8(tmp_path):
    from pipeline.batch import run_batch
    src = tmp_path / "in"
    src.mkdir()
    name = os.fsdecode(b"b\xffd.txt")
    (src / name).write_text(GOOD, encoding="utf-8")
    first = run_batch([src], tmp_path / "out")
    again = run_batch([src], tmp_path / "out", resume=True)
    assert again.reused == 1 and again.parts == first.parts
    row = first.parts[0]["documents"][0]
    assert row["status"] == "ok" and any("not UTF-8" in w for w in row["warnings"])


def test_extract_many_logs_skipped(tmp_path, caplog):
    from pipeline.api import extract_many
    src = _batch_folder(tmp_path, {".hidden.txt": b"x", "a.png": b"x"})
    with caplog.at_level("WARNING"):
        res = extract_many([src])
    assert len(res.documents) == 2
    assert ".hidden.txt: hidden file" in caplog.text and "a.png: unsupported" in caplog.text


def test_pipe_given_as_input_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    doc = process_file(fifo)
    assert doc.status == "error" and "pipe.txt" in doc.error and "not a regular file" in doc.error


def test_poster_sized_scan_is_rendered_within_the_pixel_budget(tmp_path, monkeypatch):
    from PIL import Image, ImageDraw
    from pipeline.read import pdf as pdfmod
    if pdfmod.tesseract_ready() is not None:
        pytest.skip("Tesseract with Vietnamese is not installed")
    img = Image.new("L", (900, 200), 255)
    ImageDraw.Draw(img).text((30, 70), "KE HOACH 2026", fill=0)
    p = tmp_path / "poster.pdf"
    img.save(p, "PDF", resolution=5)            # 180 × 40 inches: 650 M pixels at 300 dpi
    sizes = []
    real = pdfmod._ocr_scale

    def spy(w, h):
        s = real(w, h)
        sizes.append(w * h * s * s)
        return s

    monkeypatch.setattr(pdfmod, "_ocr_scale", spy)
    monkeypatch.setattr(pdfmod, "MAX_OCR_PIXELS", 4_000_000)    # the real budget is 40 M; quicker OCR here
    raw = read_file(p)
    assert sizes and max(sizes) <= pdfmod.MAX_OCR_PIXELS * 1.001
    assert any("180×40 inches" in w and "dpi instead of 300" in w for w in raw.warnings), raw.warnings


def test_resume_extracts_pdfs_again_once_tesseract_is_installed(tmp_path, monkeypatch):
    from pipeline.read import pdf as pdfmod
    from pipeline.batch import run_batch
    from tests.bad_cases import pdf
    src = _batch_folder(tmp_path, {"a.pdf": pdf(["Ke hoach trien khai cong tac nam 2025 cua xa"])})
    out = tmp_path / "out"
    monkeypatch.setattr(pdfmod, "tesseract_ready", lambda: "Tesseract is not installed")
    run_batch([src], out)
    same = run_batch([src], out, resume=True)
    assert (same.processed, same.reused) == (0, 3)
    monkeypatch.setattr(pdfmod, "tesseract_ready", lambda: None)       # installed since
    again = run_batch([src], out, resume=True)
    assert (again.processed, again.reused) == (1, 2)                 # the PDF only
