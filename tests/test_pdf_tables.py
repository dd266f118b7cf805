"""The lighter road to pdfplumber's tables (pipeline.read.pdf_tables) gives pdfplumber's own values."""

from __future__ import annotations

import gc
import io
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from pipeline.read import pdf_tables  # noqa: E402
from tests.pdf_maker import pdf_objects  # noqa: E402
from pipeline.learn.sources import shared_dir  # noqa: E402

@pytest.fixture(autouse=True, scope="module")
def _collect():
    """pdfminer's objects hold cycles: collected here, not during a later test's time limits (a
    SIGALRM landing in a garbage-collector callback is an unraisable exception)."""
    yield
    gc.collect()


_KEYS = ("x0", "y0", "x1", "y1", "width", "height", "top", "bottom", "doctop", "object_type")


def _ruled_pdf() -> bytes:
    """One page: a 3 × 4 grid of thin filled rectangles, text in the cells (one cell letter-spaced,
    runs of spaces), a stroked line and a curve outside the grid."""
    ops = ["0 0 0 rg"]
    xs, ys = [60, 110, 300, 420, 540], [700, 670, 630, 590]
    for x in xs:
        ops.append(f"{x} {ys[-1]} 0.5 {ys[0] - ys[-1]} re f")
    for y in ys:
        ops.append(f"{xs[0]} {y} {xs[-1] - xs[0]} 0.5 re f")
    ops.append("1 w 60 560 m 540 560 l S 60 540 m 100 520 150 530 200 540 c S")
    cells = [
        ["TT", "Noi dung", "Co quan chu tri", "Thoi gian"],
        ["1", "Xay dung ke hoach", "B o  Tu phap", "Quy II/2026"],
        ["2", "To chuc   trien khai", "Cac bo,  nganh", "Thuong xuyen"],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            ops.append(f"BT /F1 9 Tf {xs[c] + 3} {ys[r] - 14} Td ({text}) Tj ET")
    ops.append("BT /F1 12 Tf 60 740 Td (KE HOACH trien khai nam 2026) Tj ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n" + stream.decode("latin-1") + "\nendstream",
    ]
    return pdf_objects(objs)


def _same_as_pdfplumber(data: bytes, page_numbers: list[int]) -> int:
    """Compare, page by page, the light objects and cell texts with pdfplumber's; the number of tables."""
    n = 0
    with pdfplumber.open(io.BytesIO(data), pages=page_numbers) as a, pdfplumber.open(io.BytesIO(data), pages=page_numbers) as b:
        for ref, light in zip(a.pages, b.pages):
            objs = pdf_tables.page_objects(light)
            assert objs is not None
            for kind in ("char", "rect", "line", "curve"):
                want = ref.objects.get(kind, [])
                assert [{k: o[k] for k in _KEYS if k in o} for o in objs[kind]] == [{k: o[k] for k in _KEYS} for o in want]
                if kind == "char":
                    assert [(o["text"], o["upright"]) for o in objs[kind]] == [(o["text"], o["upright"]) for o in want]
                if kind == "curve":
                    assert [o["pts"] for o in objs[kind]] == [o["pts"] for o in want]
            got = pdf_tables._page_tables(light)
            want_tables = [(t.bbox, t.extract()) for t in ref.find_tables()]
            assert got == want_tables
            n += len(got)
    return n


def test_light_objects_and_cells_equal_pdfplumber():
    data = _ruled_pdf()
    assert _same_as_pdfplumber(data, [1]) == 1


def test_ruled_table_becomes_rows_in_the_page_text(tmp_path):
    from pipeline.read.pdf import TABLE_MIN_PATHS, read_pdf_bytes

    data = _ruled_pdf()
    got = read_pdf_bytes(tmp_path / "t.pdf", data)
    # the grid has fewer rectangles than a page must have to be searched for tables
    assert TABLE_MIN_PATHS > 9 and not got.tables
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        pages, tables, err = pdf_tables.with_tables(data, pdf, list(got.pages), [0], lambda t: t)
    finally:
        pdf.close()
    assert not err and len(tables) == 1
    assert tables[0][0] == ("TT", "Noi dung", "Co quan chu tri", "Thoi gian")
    assert "1 | Xay dung ke hoach |" in pages[0] and pages[0].startswith("KE HOACH")


def test_corpus_table_pages_equal_pdfplumber():
    """Every page of the corpus PDFs that is searched for tables (skipped without the corpus)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipeline.read.pdf import TABLE_MIN_PATHS, _count_objects

    raw = shared_dir() / "corpus" / "raw"
    files = sorted(Path(raw).glob("*.pdf"))
    if not files:
        pytest.skip("no corpus PDFs")
    tables = 0
    for f in files:
        data = f.read_bytes()
        doc = pdfium.PdfDocument(data)
        try:
            pages = [
                i + 1 for i in range(len(doc)) if _count_objects(pdfium_c, doc[i], pdfium_c.FPDF_PAGEOBJ_PATH) >= TABLE_MIN_PATHS
            ]
        finally:
            doc.close()
        if pages:
            tables += _same_as_pdfplumber(data, pages)
    assert tables > 0
