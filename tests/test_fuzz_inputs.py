"""Hypothesis fuzzing of every reader (random bytes behind each format's magic) and of
``process_text`` (random Unicode and random outline-shaped text): the only exceptions
allowed are InputError subclasses, and whatever comes out is well formed (issue 12).
Bounded so the whole file runs in a few seconds."""
from __future__ import annotations

import io
import itertools
import zipfile

from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.api import process_text
from pipeline.errors import InputError
from pipeline.out.export import tables
from pipeline.read.readers import read_file

FUZZ = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_n = itertools.count()

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = st.sampled_from(list(VIET + VIET.upper() + "0123456789 .,;:()/-–+*|\n\t\r\x00\x0b\x0c\ufffd\u00ad\u200b"))


def _read(tmp_path, name: str, data: bytes):
    p = tmp_path / f"{next(_n)}-{name}"
    p.write_bytes(data)
    try:
        raw = read_file(p)
    except InputError as exc:
        assert p.name in str(exc), "an error names the file"
        return None
    assert raw.text.strip()
    assert not any(c in raw.text for c in "\x00\x01\x07\x1b\x7f"), "control characters removed"
    assert all(0 <= s <= len(raw.text) for s in raw.page_starts)
    return raw


def _mixed_utf8():
    """Mostly UTF-8 Vietnamese with random bytes spliced in (the issue's stray bytes)."""
    return st.tuples(st.text(ALPHABET, max_size=400), st.lists(st.tuples(st.integers(0, 400), st.binary(max_size=3)),
                                                                max_size=4)).map(_splice)


def _splice(args):
    text, cuts = args
    data = text.encode("utf-8")
    for pos, junk in cuts:
        pos = min(pos, len(data))
        data = data[:pos] + junk + data[pos:]
    return data


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), _mixed_utf8()))
def test_txt_reader_on_random_bytes(tmp_path, data):
    _read(tmp_path, "f.txt", data)


@FUZZ
@given(text=st.text(ALPHABET, min_size=1, max_size=300), codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1258"]))
def test_txt_reader_on_encoded_text(tmp_path, text, codec):
    data = text.encode(codec, errors="ignore")
    raw = _read(tmp_path, "f.txt", data)
    if raw is not None and codec in ("utf-8", "utf-16"):
        # valid Unicode text is never taken for 8-bit or legacy text, nor gets replacement characters
        # (UTF-16 without a byte-order mark is recognised by its NUL bytes: not on any few bytes)
        assert not any("UTF-8" in w or "legacy" in w or "1258" in w for w in raw.warnings), raw.warnings
        assert raw.text.count("\ufffd") <= text.count("\ufffd")


@FUZZ
@given(body=st.binary(max_size=800))
def test_pdf_reader_on_random_bytes(tmp_path, body):
    _read(tmp_path, "f.pdf", b"%PDF-1.4\n" + body)


@FUZZ
@given(members=st.lists(st.tuples(st.sampled_from(["word/document.xml", "[Content_Types].xml", "x.bin",
                                                     "word/_rels/document.xml.rels"]),
                                   st.binary(max_size=300)), max_size=4),
       junk=st.binary(max_size=40), cut=st.integers(0, 2000))
def test_docx_reader_on_random_zips(tmp_path, members, junk, cut):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in dict(members).items():
            z.writestr(name, data)
    data = buf.getvalue()
    data = data[:cut] + junk + data[cut:]            # damage somewhere
    _read(tmp_path, "f.docx", data if data.startswith(b"PK") else b"PK\x03\x04" + data)


@settings(max_examples=10, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=600))
def test_doc_reader_on_random_bytes(tmp_path, body):
    _read(tmp_path, "f.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + body)


def _well_formed(doc):
    n = len(doc.text)
    for row in (*doc.tasks, *doc.claims, *doc.references, *doc.times):
        assert 0 <= row.start <= row.end <= n
    dfs = tables([doc])
    assert len(dfs["tasks"]) == len(doc.tasks)


@FUZZ
@given(text=st.text(max_size=400))
def test_process_text_on_random_unicode(text):
    _well_formed(process_text(text))


LINE = st.tuples(st.sampled_from(["", "I. ", "II. ", "1. ", "1.1. ", "a) ", "- ", "+ ", "Điều 1. ", "KẾ HOẠCH ",
                                  "Căn cứ ", "07 nhóm nhiệm vụ: ", "Quyết định số 25/2021/QĐ-TTg ",
                                  "trước ngày 30/6/2025 ", "quý II/2025 ", "| "]),
                 st.text(ALPHABET, max_size=60)).map("".join)


@FUZZ
@given(lines=st.lists(LINE, max_size=25))
def test_process_text_on_outline_shaped_text(lines):
    _well_formed(process_text("\n".join(lines)))
