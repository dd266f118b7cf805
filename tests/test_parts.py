"""A very large text's rows go to the store section by section (pipeline.parts, Store.writer):
the parts joined are the rows of the whole document, a failure half-way leaves no part behind."""

from __future__ import annotations

import pytest

from pipeline import sections
from pipeline.api import process_file
from pipeline.batch import run_batch
from pipeline.out.export import doc_rows
from pipeline.out.store import Store
from pipeline.parts import PartsFailed, file_parts

_TEXT = (
    "KẾ HOẠCH\nTriển khai công tác năm 2026\n\nI. MỤC ĐÍCH\nBảo đảm thực hiện đúng Quyết định số 25/2021/QĐ-TTg.\n\n"
    + "".join(
        f"II. NHIỆM VỤ {k}\n1. Sở Tư pháp chủ trì tổ chức tập huấn trước ngày 30/6/2026.\n"
        f"2. Các sở, ngành phối hợp triển khai {k} nhiệm vụ trong quý III/2026.\n\n"
        for k in range(120)
    )
)


def _no_seconds(rows: dict) -> dict:
    return {t: [{k: v for k, v in r.items() if k != "seconds"} for r in rs] for t, rs in rows.items()}


def _joined(parts) -> dict:
    out: dict[str, list] = {}
    for p in parts:
        for t, rs in p.items():
            out.setdefault(t, []).extend(rs)
    return out


@pytest.fixture
def big(tmp_path, monkeypatch):
    monkeypatch.setattr(sections, "THRESHOLD", 2000)
    monkeypatch.setattr(sections, "SECTION_CHARS", 3000)
    path = tmp_path / "big.txt"
    path.write_text(_TEXT, "utf-8")
    return path


def test_parts_join_to_the_documents_rows(big):
    parts = list(file_parts(big, "big.txt"))
    assert len(parts) > 3  # several sections, then the documents row
    assert list(parts[-1]) == ["documents"]
    whole = doc_rows(process_file(big, "big.txt"))
    assert any("sections" in w for w in whole["documents"][0]["warnings"])
    joined = _joined(parts)
    assert _no_seconds(joined) == _no_seconds({t: whole[t] for t in joined})
    assert all(not whole[t] for t in whole if t not in joined)


def test_small_files_are_one_part(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text(_TEXT[:400], "utf-8")
    parts = list(file_parts(path, "small.txt"))
    assert len(parts) == 1 and _no_seconds(parts[0]) == _no_seconds(doc_rows(process_file(path, "small.txt")))


def test_writer_stores_what_save_stores_and_rolls_back(tmp_path, big):
    parts = list(file_parts(big, "big.txt"))
    a, b = Store(tmp_path / "a.sqlite"), Store(tmp_path / "b.sqlite")
    a.save("k", _joined(parts), "t")
    with b.writer("k", "t") as write:
        for p in parts:
            write(p)
    assert a.rows("k") == b.rows("k") and b.cached("k") == ("t", False)
    with pytest.raises(RuntimeError), b.writer("k", "t2") as write:
        write(parts[0])
        raise RuntimeError("half-way")
    assert b.rows("k") == a.rows("k") and b.cached("k") == ("t", False)


def test_batch_stores_a_large_text_in_parts(tmp_path, big):
    res = run_batch([big.parent], tmp_path / "out")
    (key,) = res.keys
    stored = res.store.rows(key)
    whole = doc_rows(process_file(big, "big.txt"))
    assert _no_seconds(stored) == _no_seconds({t: whole.get(t, []) for t in stored})


def test_failure_half_way_leaves_only_the_error_row(tmp_path, big, monkeypatch):
    real = sections._one_section
    calls = []

    def flaky(text, a, z, first, *args):
        calls.append(a)
        if len(calls) == 3:
            raise ValueError("boom in the third section")
        return real(text, a, z, first, *args)

    monkeypatch.setattr(sections, "_one_section", flaky)
    with pytest.raises(PartsFailed) as info:
        list(file_parts(big, "big.txt"))
    assert info.value.rows["documents"][0]["status"] == "error"
    calls.clear()
    res = run_batch([big.parent], tmp_path / "out")
    stored = res.store.rows(res.keys[0])
    assert [d["status"] for d in stored["documents"]] == ["error"] and "boom" in stored["documents"][0]["error"]
    assert not stored["tasks"] and not stored["times"] and not stored["references"]


def test_counts_without_lists_equal_the_lists(monkeypatch):
    """The readers count words and letters of a large text a piece at a time: the same counts."""
    import random

    from pipeline.read import legacy
    from pipeline.read.readers import _count_words

    rnd = random.Random(7)
    for _ in range(500):
        t = "".join(rnd.choice("ab \n\t\u00a0\u3000xđ") for _ in range(rnd.randint(0, 60)))
        assert all(_count_words(t, chunk) == len(t.split()) for chunk in (1, 2, 5, 1 << 20))
    text = "Céng hßa x· héi\nCOÄNG HOØA XAÕ HOÄI\nCộng hòa xã hội\n" * 50
    whole = legacy._counts(text)
    monkeypatch.setattr(legacy, "_CHUNK", 10)
    assert legacy._counts(text) == whole and whole[0] > 0


def test_unwrap_built_in_chunks_is_the_same(monkeypatch):
    from pipeline.text import unwrap as U

    text = _TEXT.replace("chủ trì tổ chức", "chủ trì\ntổ chức") + "\n- 1 -\n"
    whole = U.unwrap(text)
    monkeypatch.setattr(U, "_CHUNK", 50)
    assert U.unwrap(text) == whole and whole.text != text and len(whole.text) == len(text)


def test_flat_tables_read_lazily_are_the_same(monkeypatch):
    """A large text's lines are read as the flat-table reader asks for them: the same result."""
    from pipeline.read import flat_tables
    from tests.test_readers import FLAT, FLAT_BREAK

    texts = [FLAT, FLAT_BREAK, "\n".join([_TEXT, FLAT, _TEXT * 3, FLAT_BREAK, FLAT, "- 2 -", _TEXT])]
    whole = [flat_tables.rebuild_flat_tables(t) for t in texts]
    assert all(n for _, n in whole)
    monkeypatch.setattr(flat_tables, "LAZY_CHARS", 0)
    monkeypatch.setattr(flat_tables, "_FLUSH", 7)
    monkeypatch.setattr(flat_tables._Lines, "drop", 5)
    assert [flat_tables.rebuild_flat_tables(t) for t in texts] == whole
