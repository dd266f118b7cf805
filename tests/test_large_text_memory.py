"""The large-text path's memory savings (issue 13) change nothing: unwrapping a large text with
its lines made when asked for, the flat-table rebuild and the normalisation as pieces joined by
the caller give the same text as the whole-text functions."""

from pathlib import Path

from pipeline import sections
from pipeline.read import flat_tables
from pipeline.read.readers import read_file, read_text
from pipeline.text import unwrap as U
from pipeline.text.normalise import normalise

DATA = Path(__file__).resolve().parents[1] / "data" / "raw"


def _texts():
    return [p.read_text("utf-8") for p in sorted(DATA.glob("*.txt"))]


def test_lazy_stripped_lines_unwrap_the_same(monkeypatch):
    for text in _texts():
        whole = U.unwrap(text)
        monkeypatch.setattr(U, "_LAZY", 0)
        assert U.unwrap(text) == whole
        monkeypatch.setattr(U, "_LAZY", 4 << 20)
        blanks, joined, furniture = U.unwrap_plan(text)
        assert "".join(U.blanked_chunks(text, blanks, joined)) == whole.text and furniture == whole.furniture


def test_stripped_lines_as_a_list():
    text = " a \n\n  b  \nc"
    lazy = U._Stripped(text, U._Spans(text))
    assert list(lazy) == [lazy[i] for i in range(len(lazy))] == ["a", "", "b", "c"] and lazy[-1] == "c"


def test_pieces_join_to_the_whole():
    for text in _texts():
        pieces, n = flat_tables.rebuild_flat_pieces(text)
        assert (("\n".join(pieces), n) if n else (text, 0)) == flat_tables.rebuild_flat_tables(text)
        joined, _ = sections._normalise_in_pieces(text, ())
        assert "".join(joined) == normalise(text).text


def test_read_file_equals_read_text(tmp_path):
    for p in sorted(DATA.glob("*.txt")):
        assert read_file(p) == read_text(p, p.read_bytes())
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", "utf-8")
    import pytest
    from pipeline.errors import EmptyDocument

    with pytest.raises(EmptyDocument):
        read_file(blank)
