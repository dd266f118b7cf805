"""The pipeline: file or text → :class:`~pipeline.types.Document` → tables.

``extract(path_or_text)`` runs every stage on one input and returns an
:class:`ExtractResult` (dataclasses plus DataFrames); ``extract_many(paths)``
does the same for many files and never stops on a bad one.
"""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from .claims import find_claims
from .errors import InputError
from .normalise import normalise
from .readers import SUPPORTED, RawText, read_file
from .references import find_references, read_header
from . import sections
from .segment import segment
from .tasks import extract_tasks
from .times import find_times
from .types import Document
from .unwrap import unwrap

__all__ = ["extract_text", "has_header", "title_end", "process_text", "process_file", "file_sha256", "extract", "extract_many", "ExtractResult", "iter_inputs"]

_HEADER_END_RE = re.compile(r"^\s*(?:QUYẾT ĐỊNH|NGHỊ QUYẾT|CHỈ THỊ|KẾ HOẠCH|THÔNG TƯ|NGHỊ ĐỊNH|BÁO CÁO|CHƯƠNG TRÌNH|THÔNG BÁO|HƯỚNG DẪN|CÔNG VĂN|ĐỀ ÁN)\b.*$", re.MULTILINE)
_YEAR_RE = re.compile(r"(?:năm|NĂM)\s+((?:19|20)\d{2})")
_ANY_YEAR_RE = re.compile(r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?!\d)|(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")


def _type_line(text: str) -> re.Match | None:
    """The header's type line ("QUYẾT ĐỊNH", "KẾ HOẠCH", …) in the first 3,000 characters."""
    return _HEADER_END_RE.search(text, 0, min(len(text), 3000))


def _header_end(text: str, m: re.Match | None) -> int:
    if m:
        nl = text.find("\n", m.end())
        return nl if nl > 0 else m.end()
    return min(len(text), 1200)


_TITLE_STOP = re.compile(r"^\s*(?:Căn cứ|Theo|Thực hiện|Để|Trên cơ sở|Xét|Ngày|[IVX]+\.|\d+\.|Điều\s+\d|[-–•+])", re.IGNORECASE)


def _title_end(text: str, m: re.Match | None) -> int:
    """End of the document's title (the type line and the trích yếu under it), or 0
    when the text has no header: the span whose years give the document's scope."""
    if not m:
        return 0
    pos = text.find("\n", m.end())
    if pos < 0:
        return len(text)
    for _ in range(2):   # pdftotext -layout leaves blank lines between the type line and the title
        nxt = text.find("\n", pos + 1)
        if nxt > 0 and not text[pos + 1:nxt].strip() and text[nxt + 1:text.find("\n", nxt + 1)].strip():
            pos = nxt
            break
        if nxt < 0 or text[pos + 1:nxt].strip():
            break
        pos = nxt
    for k in range(6):
        nxt = text.find("\n", pos + 1)
        line = text[pos + 1:nxt if nxt > 0 else len(text)]
        if not line.strip() or (k and _TITLE_STOP.match(line)) or len(line) > 300:
            break
        pos = nxt if nxt > 0 else len(text)
        if nxt < 0:
            break
    return pos


_TITLE_MAX = 250


def _lead_end(text: str) -> int:
    """End of the title of a text without a header (a news article, a web excerpt): its first
    content line when that is short enough to be a title, else 0. Furniture is already blank."""
    m = re.search(r"\S[^\n]*", text)
    if not m or len(m.group(0).rstrip()) > _TITLE_MAX:
        return 0
    return m.end()


_HEADER_MARKS = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA|Độc\s+lập\s*-\s*Tự\s+do|^\s*Số\s*:\s*\S*\s*/", re.IGNORECASE | re.MULTILINE)


def has_header(text: str, type_line: re.Match | None | bool = True) -> bool:
    """Whether the text opens with a document header: its type line ("KẾ HOẠCH", "QUYẾT ĐỊNH", …),
    the national motto or a "Số: …/…" line in its first 2,000 characters. News articles and web
    excerpts have none. ``type_line``: :func:`_type_line` of the text when the caller has it."""
    if type_line is True:
        type_line = _type_line(text)
    return type_line is not None or bool(_HEADER_MARKS.search(text, 0, min(len(text), 2000)))


def title_end(text: str, type_line: re.Match | None | bool = True) -> int:
    """End of the span whose years give a document its scope: the header's type line and title,
    else (a news article, a web excerpt) its title line."""
    if type_line is True:
        type_line = _type_line(text)
    return _title_end(text, type_line) or _lead_end(text)


def process_text(raw: RawText | str, doc_id: str = "<text>", path: str = "", sha256: str = "") -> Document:
    """Run all stages on already-read text."""
    t0 = time.perf_counter()
    if isinstance(raw, str):
        raw = RawText(text=raw, format="txt")
    if sections.is_large(raw.text):     # hook (issue 12): a very large text goes section by section
        return sections.process_sections(raw, doc_id=doc_id, path=path, sha256=sha256)
    norm = normalise(raw.text)
    page_starts = ()
    if raw.page_starts:
        inv = {}
        k = 0
        for i, src in enumerate(norm.to_source):
            while k < len(raw.page_starts) and raw.page_starts[k] <= src:
                inv.setdefault(k, i)
                k += 1
        page_starts = tuple(inv.get(k, len(norm.text)) for k in range(len(raw.page_starts)))
    text = unwrap(norm.text).text
    outline = segment(text)
    type_line = _type_line(text)
    head_end = _header_end(text, type_line)
    refs, own = find_references(text, head_end)
    meta = read_header(text, own, head_end)
    exclude = [(r.start, r.end) for r in refs] + [r.date_span for r in refs if r.date_span]
    date_line = re.search(r"[A-ZĐ][\w .]{1,40},\s*ngày\s*[\d.…]*\s+tháng\s*[\d.…]*\s+năm\s+\d{4}", text[:head_end + 200])
    if date_line:
        exclude.append(date_line.span())
    anchor = _anchor(text, outline, meta)
    # a year-less time that no scope anchors has no value to give ("quý II" in an undated excerpt)
    times = [t for t in find_times(text, exclude=exclude, anchor=anchor, doc_date=meta.date or None) if "XXXX" not in t.value]
    claims = find_claims(text, exclude=[(r.start, r.end) for r in refs])
    tasks, claims = extract_tasks(text, outline, claims, refs, times, scope_end=title_end(text, type_line),
                                  headerless=not has_header(text, type_line))
    # link references and times to the task they stand in
    spans = [(t.start, t.end, t.task_id) for t in tasks]
    refs = [replace(r, task_id=_task_at(spans, r.start)) for r in refs]
    times = [replace(t, task_id=_task_at(spans, t.start)) for t in times]
    return Document(doc_id=doc_id, path=path, format=raw.format, text=text, sha256=sha256,
                    page_starts=page_starts, meta=meta, blocks=outline.blocks, claims=tuple(claims),
                    references=tuple(refs), times=tuple(times), tasks=tuple(tasks),
                    warnings=raw.warnings, seconds=time.perf_counter() - t0, ocr_confidence=raw.ocr_confidence)


def _task_at(spans, pos) -> str:
    for s, e, tid in spans:
        if s <= pos < e:
            return tid
    return ""


def _anchor(text, outline, meta):
    """Year of the nearest enclosing scope for year-less expressions."""
    years = [(b.start, int(m.group(1))) for b in outline.blocks if b.kind == "heading"
             for m in [_YEAR_RE.search(b.text)] if m]
    doc_year = int(meta.date[:4]) if meta.date[:4].isdigit() else None
    if doc_year is None:
        m = _YEAR_RE.search(text) or _ANY_YEAR_RE.search(text)
        doc_year = int(next(g for g in m.groups() if g)) if m else None

    def anchor(pos: int):
        best = None
        for s, y in years:
            if s <= pos:
                best = y
        return best or doc_year
    return anchor


def _failed(doc_id: str, path: str, fmt: str, err: Exception, sha: str = "") -> Document:
    msg = str(err) if isinstance(err, InputError) else f"{path}: internal error {type(err).__name__}: {err} — please report it with this file"
    return Document(doc_id=doc_id, path=path, format=fmt, text="", sha256=sha, status="error", error=msg)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, streamed (a file over the size limit is never read whole)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_file(path: str | Path, doc_id: str | None = None, max_bytes: int | None = None,
                 sha256: str | None = None) -> Document:
    """Read and process one file. Never raises for a bad input: the Document has status=error.
    ``sha256``: the file's hash when the caller already has it."""
    path = Path(path)
    doc_id = doc_id or path.name
    fmt = path.suffix.lower().lstrip(".")
    sha = sha256 or ""
    try:
        t0 = time.perf_counter()
        if not sha and path.is_file():
            sha = file_sha256(path)
        raw = read_file(path, max_bytes) if max_bytes else read_file(path)
        doc = process_text(raw, doc_id=doc_id, path=str(path), sha256=sha)
        return replace(doc, seconds=time.perf_counter() - t0)   # reading (OCR, tables) included
    except InputError as exc:
        return _failed(doc_id, str(path), fmt, exc, sha)
    except Exception as exc:  # one bad document must not stop a batch; the row says what happened
        return _failed(doc_id, str(path), fmt, exc, sha)


def iter_inputs(inputs: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    """(path, doc_id) for files and folders (searched recursively), per the output contract."""
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED and not f.name.startswith("."):
                    yield f, f.relative_to(p).as_posix()
        else:
            yield p, p.name


@dataclass(frozen=True)
class ExtractResult:
    """Documents and their tables. ``.tasks``, ``.claims``, ``.references``,
    ``.times`` and ``.document`` are pandas DataFrames; ``.documents`` the dataclasses."""

    documents: tuple[Document, ...]

    def _table(self, name):
        from .export import tables
        return tables(self.documents)[name]

    @property
    def tasks(self):
        return self._table("tasks")

    @property
    def claims(self):
        return self._table("claims")

    @property
    def references(self):
        return self._table("references")

    @property
    def times(self):
        return self._table("times")

    @property
    def document(self):
        return self._table("documents")


def extract(path_or_text: str | Path, doc_id: str | None = None) -> ExtractResult:
    """Extract from a file path (a ``Path``, or a one-line string naming an existing file), else from
    text. A one-line string that names a missing file of a supported type raises
    :class:`~pipeline.errors.InputError` instead of being read as text (use :func:`extract_text`
    to extract from such a string on purpose)."""
    if isinstance(path_or_text, Path):
        return ExtractResult((process_file(path_or_text, doc_id),))
    if "\n" not in path_or_text and len(path_or_text) < 4096:
        p = Path(path_or_text)
        if p.is_file():
            return ExtractResult((process_file(p, doc_id),))
        if p.suffix.lower() in SUPPORTED:
            raise InputError(path_or_text, "no such file",
                             "to extract from this string as text, call pipeline.extract_text")
    return extract_text(str(path_or_text), doc_id or "<text>")


def extract_text(text: str, doc_id: str = "<text>") -> ExtractResult:
    """Extract from a string of text (never read as a path)."""
    return ExtractResult((process_text(text, doc_id=doc_id),))


def extract_many(paths: Iterable[str | Path]) -> ExtractResult:
    """Extract from many files or folders; bad files become rows with status=error, folder
    entries that are not inputs (hidden, broken links, other types) are logged with the reason."""
    import logging
    from .inputs import scan_inputs
    items, skipped = scan_inputs(paths)
    for p, reason in skipped:
        logging.getLogger(__name__).warning("skipped %s: %s", p, reason)
    return ExtractResult(tuple(process_file(p, d) for p, d in items))
