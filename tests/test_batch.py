"""Resumable batches: each document is stored when done; --resume reuses unchanged inputs."""
import sqlite3

from pipeline.batch import CACHE_DIR, STORE_FILE, run_batch
from pipeline.cli import main


def _stored_docs(out):
    with sqlite3.connect(out / CACHE_DIR / STORE_FILE) as con:
        return [r[0] for r in con.execute("select doc_id from documents order by doc_id")]

A = "II. NHIỆM VỤ\n- Tổ chức tập huấn trong quý II/2025.\n"
B = "II. NHIỆM VỤ\n- Xây dựng kế hoạch; kiểm tra việc thực hiện.\n"


def test_resume_reuses_unchanged_and_redoes_changed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([src], out)
    assert (first.processed, first.reused) == (2, 0)
    assert len(_stored_docs(out)) == 2
    (src / "b.txt").write_text(B + "- Báo cáo kết quả.\n", encoding="utf-8")
    second = run_batch([src], out, resume=True)
    assert (second.processed, second.reused) == (1, 1)
    assert [len(p["tasks"]) for p in second.parts] == [1, 3]


def test_cache_survives_a_crash(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    import pipeline.batch as batch
    real = batch.work
    calls = []

    def flaky(job):
        calls.append(job)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the machine stops mid-batch
        return real(job)

    monkeypatch.setattr(batch, "work", flaky)
    try:
        run_batch([src], tmp_path / "out")
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(batch, "work", real)
    assert _stored_docs(tmp_path / "out") == ["a.txt"]
    res = run_batch([src], tmp_path / "out", resume=True)
    assert (res.processed, res.reused) == (1, 1)


def test_cli_resume(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o")]) == 0
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--resume"]) == 0
    assert "1 from the cache" in capsys.readouterr().err
