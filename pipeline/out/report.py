"""Review report: one self-contained HTML page for a batch's output tables.

``write_report(out_dir, html_path)`` reads the tables that ``vntasks extract`` wrote
(:func:`pipeline.out.export.read_tables`), re-reads each document's normalised text from its
``documents.path`` (the tables do not hold the texts: the file is read again with the same
reader, :func:`~pipeline.text.normalise.normalise` and :func:`~pipeline.text.unwrap.unwrap` as at
extraction, so the offsets of every row apply; a file whose SHA-256 changed since is
reported, never silently mis-highlighted) and writes one HTML page with the data embedded as
JSON: a summary, filters, and per document its text with tasks, claims, references and
times highlighted. Each document's payload is gzip-compressed and base64-encoded and only
decoded and rendered when the document is opened, so a batch of 1,000 documents stays one
file of a few MB that opens at once. No network: scripts and styles are inline.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, VntasksError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ReportError",
    "ReportStats",
    "load_texts",
    "report_data",
    "render_html",
    "write_report",
    "detect_format",
    "ref_problems",
    "MAX_PAGE_BYTES",
]

MAX_PAGE_BYTES = 20 * 2**20  # the page must stay under this for a batch of 1,000 documents
_ASSETS = Path(__file__).with_name("report_assets")

# reference flags that say a part of the reference could not be read (the others name a repair)
_REF_INCOMPLETE_SUFFIXES = ("_unknown", "_missing")
_REF_INCOMPLETE_FLAGS = {"cut_off"}


class ReportError(VntasksError):
    """The report cannot be built (no tables in the folder, unreadable tables)."""


@dataclass
class ReportStats:
    """What :func:`write_report` wrote and what it could not show."""

    path: Path
    bytes: int
    documents: int
    texts: int  # documents whose text is shown
    notes: dict[str, str] = field(default_factory=dict)  # doc_id → why its text is missing or suspect


def detect_format(out_dir: Path) -> str:
    """The format ``vntasks extract --format`` wrote into ``out_dir`` (csv, parquet, jsonl or sqlite)."""
    if (out_dir / "vntasks.sqlite").is_file():
        return "sqlite"
    for fmt in ("csv", "parquet", "jsonl"):
        if (out_dir / f"documents.{fmt}").is_file():
            return fmt
    if (out_dir / "documents.xlsx").is_file():
        raise ReportError(
            f"{out_dir}: the report cannot read xlsx tables — extract again with --format csv, parquet, jsonl or sqlite"
        )
    raise ReportError(
        f"{out_dir}: no documents table (documents.csv, .parquet, .jsonl or vntasks.sqlite) — "
        "give the --out folder of 'vntasks extract'"
    )


def _read(out_dir: Path, fmt: str | None) -> dict[str, pd.DataFrame]:
    import pandas as pd

    from .export import read_tables

    fmt = fmt or detect_format(out_dir)
    try:
        dfs = read_tables(out_dir, fmt)
    except (OSError, KeyError, ValueError, pd.errors.ParserError) as exc:
        raise ReportError(
            f"{out_dir}: cannot read the {fmt} tables ({type(exc).__name__}: {exc}) — "
            "are they from this version of vntasks extract?"
        ) from exc
    return dfs


def _citations(dfs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from .citations import link_citation_tables

    return link_citation_tables(dfs["documents"], dfs["references"])


def _resolve(path: str, root: Path | None) -> Path | None:
    p = Path(path)
    cands = [p] if p.is_absolute() else ([root / p] if root else []) + [p]
    return next((c for c in cands if c.is_file()), None)


def load_texts(
    documents: pd.DataFrame, root: str | Path | None = None, check_sha: bool = True
) -> tuple[dict[str, str], dict[str, str]]:
    """Normalised texts of the ``ok`` documents, read again from their ``path`` (relative paths
    are tried under ``root`` first, then the current folder). Returns ``(texts, notes)``: notes
    say, per document, why its text is missing or may not match the offsets."""
    from ..read.inputs import file_sha256
    from ..read.readers import read_file
    from ..text.normalise import normalise
    from ..text.unwrap import unwrap

    root = Path(root) if root else None
    texts, notes = {}, {}
    for row in documents.itertuples(index=False):
        if row.status != "ok":
            continue
        src = _resolve(str(row.path), root)
        if src is None:
            notes[row.doc_id] = (
                f"source file {row.path} not found — run the report from the folder extract ran in, or give --root"
            )
            continue
        try:
            if check_sha and row.sha256 and file_sha256(src) != row.sha256:
                notes[row.doc_id] = f"{src} changed since extraction (SHA-256 differs): highlights may be off — extract again"
            texts[row.doc_id] = unwrap(normalise(read_file(src).text).text).text
        except InputError as exc:
            notes[row.doc_id] = f"cannot read the text again: {exc}"
        except OSError as exc:
            notes[row.doc_id] = f"cannot read the text again: {src}: {exc.strerror or exc}"
    return texts, notes


def ref_problems(row) -> list[str]:
    """Why a reference did not fully parse (empty when it did): flags naming a part that could
    not be read (``issuer_unknown``, ``cut_off``, …) and a missing type."""
    out = [f for f in row["flags"] if f.endswith(_REF_INCOMPLETE_SUFFIXES) or f in _REF_INCOMPLETE_FLAGS]
    if not row["type"]:
        out.append("type_unknown")
    return out


def _plain(v):
    import pandas as pd

    if v is None or v is pd.NA:
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v


_KEEP = {
    "tasks": [
        "task_id",
        "section",
        "group",
        "group_declared",
        "text",
        "action",
        "deadline",
        "deadline_text",
        "deadline_source",
        "lead_agency",
        "partner_agencies",
        "references",
        "product",
        "context",
        "page",
        "start",
        "end",
        "flags",
    ],
    "claims": ["claim_id", "text", "declared", "unit", "found", "status", "page", "start", "end", "flags"],
    "references": ["ref_id", "type", "number", "issuer", "date", "relation", "text", "task_id", "page", "start", "end", "flags"],
    "times": ["text", "kind", "value", "task_id", "page", "start", "end", "flags"],
}


def _records(df: pd.DataFrame, name: str) -> dict[str, list[dict]]:
    cols = [c for c in _KEEP[name] if c in df.columns]
    out: dict[str, list[dict]] = {}
    for doc_id, rec in zip(df["doc_id"].tolist(), df[cols].to_dict("records")):
        out.setdefault(doc_id, []).append({k: _plain(v) for k, v in rec.items()})
    return out


def _issues(tasks, claims, refs) -> dict[str, int]:
    """Problem tags of one document with their counts (the filter's 'flag' values)."""
    tags: dict[str, int] = {}

    def add(tag):
        tags[tag] = tags.get(tag, 0) + 1

    for t in tasks:
        for f in t["flags"]:
            add(f"task: {f.split(':')[0]}")
        if not t["deadline"]:
            add("task: no deadline")
        if not t["lead_agency"]:
            add("task: no lead agency")
    for c in claims:
        for f in c["flags"]:
            add(f"claim: {f}")
        if c["status"] != "ok":
            add(f"claim: {c['status']}")
    for r in refs:
        for f in r["flags"]:
            add(f"reference: {f}")
        if r["problems"]:
            add("reference: not fully parsed")
    return tags


def _row_tags(kind: str, row: dict) -> list[str]:
    if kind == "task":
        return (
            [f"task: {f.split(':')[0]}" for f in row["flags"]]
            + (["task: no deadline"] if not row["deadline"] else [])
            + (["task: no lead agency"] if not row["lead_agency"] else [])
        )
    if kind == "claim":
        return [f"claim: {f}" for f in row["flags"]] + ([f"claim: {row['status']}"] if row["status"] != "ok" else [])
    if kind == "reference":
        return [f"reference: {f}" for f in row["flags"]] + (["reference: not fully parsed"] if row["problems"] else [])
    return [f"time: {f}" for f in row["flags"]]


def _check_spans(text: str, rows: list[dict]) -> int:
    """Rows whose text is not what their offsets cut from ``text`` (whitespace folded)."""
    bad = 0
    for r in rows:
        s, e = r.get("start"), r.get("end")
        if s is None or e is None or e > len(text) or _fold(text[s:e]) != _fold(r["text"] or ""):
            bad += 1
    return bad


def _doc_entry(d: dict, tasks, claims, refs, times, tags, has_text: bool, note: str, cites, cited_by) -> dict:
    """A document's entry in the page's index."""
    return dict(
        id=d["doc_id"],
        title=d.get("doc_title") or "",
        number=d.get("doc_number") or "",
        type=d.get("doc_type") or "",
        date=d.get("doc_date") or "",
        status=d["status"],
        error=d["error"],
        path=d["path"],
        n=dict(
            tasks=len(tasks),
            claims=len(claims),
            references=len(refs),
            times=len(times),
            mismatch=sum(c["status"] == "mismatch" for c in claims),
            refs_incomplete=sum(bool(r["problems"]) for r in refs),
            no_deadline=sum(not t["deadline"] for t in tasks),
            no_lead=sum(not t["lead_agency"] for t in tasks),
        ),
        tags=tags,
        has_text=has_text,
        note=note,
        cites=cites,
        cited_by=cited_by,
    )


def report_data(
    dfs: dict[str, pd.DataFrame],
    texts: dict[str, str],
    notes: dict[str, str] | None = None,
    citations: pd.DataFrame | None = None,
    title: str = "vntasks review",
) -> tuple[dict, list[dict]]:
    """``(index, payloads)``: the page's index (summary, one entry per document, problem tags) and
    one payload per document (text and rows), in the documents table's order."""
    notes = dict(notes or {})
    docs = dfs["documents"]
    per = {name: _records(dfs[name], name) for name in _KEEP}
    for rows in per["references"].values():
        for r in rows:
            r["problems"] = ref_problems(r)
    for kind, name in (("task", "tasks"), ("claim", "claims"), ("reference", "references"), ("time", "times")):
        for rows in per[name].values():
            for r in rows:
                r["tags"] = _row_tags(kind, r)
    cit = citations if citations is not None else _citations(dfs)
    cites: dict[str, set] = {}
    cited_by: dict[str, set] = {}
    for a, b in zip(cit["doc_id"].tolist(), cit["cited_doc_id"].tolist()):
        cites.setdefault(a, set()).add(b)
        cited_by.setdefault(b, set()).add(a)
    index_docs: list = []
    payloads: list = []
    all_tags: dict = {}
    for d in docs.to_dict("records"):
        did = d["doc_id"]
        tasks, claims = per["tasks"].get(did, []), per["claims"].get(did, [])
        refs, times = per["references"].get(did, []), per["times"].get(did, [])
        text = texts.get(did)
        if text is not None:
            bad = sum(_check_spans(text, rows) for rows in (tasks, claims, refs, times))
            if bad:
                notes[did] = (
                    notes.get(did, "") + "; " if did in notes else ""
                ) + f"{bad} spans do not match the text at their offsets"
        tags = _issues(tasks, claims, refs)
        for k, v in tags.items():
            all_tags[k] = all_tags.get(k, 0) + v
        index_docs.append(
            _doc_entry(
                d,
                tasks,
                claims,
                refs,
                times,
                tags,
                text is not None,
                notes.get(did, ""),
                sorted(cites.get(did, ())),
                sorted(cited_by.get(did, ())),
            )
        )
        payloads.append(_compact(dict(text=text, tasks=tasks, claims=claims, references=refs, times=times)))
    n = lambda key: sum(x["n"][key] for x in index_docs)  # noqa: E731
    summary = dict(
        documents=len(index_docs),
        errors=sum(x["status"] != "ok" for x in index_docs),
        texts=sum(x["has_text"] for x in index_docs),
        tasks=n("tasks"),
        claims=n("claims"),
        mismatch=n("mismatch"),
        unresolved=sum(c["status"] == "unresolved" for r in per["claims"].values() for c in r),
        references=n("references"),
        refs_incomplete=n("refs_incomplete"),
        times=n("times"),
        no_deadline=n("no_deadline"),
        no_lead=n("no_lead"),
        citations=len(cit),
    )
    index = dict(title=title, summary=summary, docs=index_docs, tags=dict(sorted(all_tags.items())))
    return index, payloads


def _fold(s: str) -> str:
    return " ".join(s.split())


_JS_SPACE_DIFF = set("\x1c\x1d\x1e\x1f\x85\ufeff")  # whitespace to Python's split() but not to JS's \s, or back


def _same_fold(cut: str, text: str) -> bool:
    """``cut`` folds to ``text`` here and in the page's script (which cuts the text again)."""
    return _fold(cut) == text and not _JS_SPACE_DIFF.intersection(cut)


def _compact(p: dict) -> dict:
    """Smaller payload: a row's ``text`` is dropped where it is what its offsets cut from the
    document's text (the page cuts it again), and headings (``section``, ``group``) are indexes
    into ``p["strings"]``. Tasks cover most of a plan, so this halves the page."""
    text = p["text"]
    strings: list[str] = []
    pos: dict = {}

    def intern(v):
        if v not in pos:
            pos[v] = len(strings)
            strings.append(v)
        return pos[v]

    out = dict(p, strings=strings)
    for name in ("tasks", "claims", "references", "times"):
        rows = []
        for r in p[name]:
            r = dict(r)
            s, e = r.get("start"), r.get("end")
            if text is not None and s is not None and e is not None and e <= len(text) and _same_fold(text[s:e], r["text"]):
                r["text"] = None
            for k in ("section", "group"):
                if k in r:
                    r[k] = intern(r[k] or "")
            rows.append(r)
        out[name] = rows
    return out


def _pack(payload: dict) -> str:
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def _json_for_script(obj) -> str:
    """JSON safe inside a <script> element (no '</script>', no HTML comment openers)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def render_html(index: dict, payloads: list[dict]) -> str:
    """The self-contained page (styles and script inline, data embedded)."""
    css = (_ASSETS / "report.css").read_text("utf-8")
    js = (_ASSETS / "report.js").read_text("utf-8")
    tpl = (_ASSETS / "report.html").read_text("utf-8")
    import html as _html

    return (
        tpl.replace("{{TITLE}}", _html.escape(index["title"]))
        .replace("{{CSS}}", css)
        .replace("{{INDEX}}", _json_for_script(index))
        .replace("{{DOCS}}", _json_for_script([_pack(p) for p in payloads]))
        .replace("{{JS}}", js)
    )


def write_report(
    out_dir: str | Path, html_path: str | Path, fmt: str | None = None, root: str | Path | None = None, title: str | None = None
) -> ReportStats:
    """Build the review page of the batch in ``out_dir`` (the ``--out`` folder of ``vntasks extract``)."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise ReportError(f"{out_dir}: no such folder — give the --out folder of 'vntasks extract'")
    dfs = _read(out_dir, fmt)
    texts, notes = load_texts(dfs["documents"], root)
    index, payloads = report_data(dfs, texts, notes, title=title or f"vntasks review — {out_dir.name}")
    page = render_html(index, payloads)
    html_path = Path(html_path)
    data = page.encode("utf-8")
    try:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        html_path.write_bytes(data)
    except OSError as exc:
        raise ReportError(f"{html_path}: cannot write the report ({exc.strerror or exc}) — choose another --html path") from exc
    return ReportStats(
        path=html_path,
        bytes=len(data),
        documents=len(payloads),
        texts=len(texts),
        notes={d["id"]: d["note"] for d in index["docs"] if d["note"]},
    )


def _cmd_report(a) -> int:
    import sys

    st = write_report(a.out_dir, a.html, fmt=a.format, root=a.root, title=a.title)
    for doc_id, note in st.notes.items():
        print(f"vntasks: {doc_id}: {note}", file=sys.stderr)
    if st.bytes > MAX_PAGE_BYTES:
        print(
            f"vntasks: warning: {st.path} is {st.bytes / 2**20:.1f} MiB (over {MAX_PAGE_BYTES / 2**20:.0f} MiB); "
            "browsers may be slow — report a part of the batch",
            file=sys.stderr,
        )
    if not a.quiet:
        print(f"{st.documents} documents ({st.texts} with their text) → {st.path} ({st.bytes / 2**20:.2f} MiB)", file=sys.stderr)
    return 0


def add_report_parser(sub) -> None:
    """The ``vntasks report`` subcommand (registered by :mod:`pipeline.cli`)."""
    r = sub.add_parser("report", help="one self-contained HTML page to review a batch against its texts")
    r.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="the --out folder of 'vntasks extract'")
    r.add_argument("--html", type=Path, required=True, help="the page to write (report.html)")
    r.add_argument(
        "--format",
        choices=("csv", "parquet", "jsonl", "sqlite"),
        default=None,
        help="format of the tables (default: whichever is in OUT_DIR)",
    )
    r.add_argument(
        "--root",
        type=Path,
        default=None,
        help="folder the documents' relative paths are resolved against (default: the current folder); "
        "the texts are read again from these files",
    )
    r.add_argument("--title", default=None)
    r.add_argument("-q", "--quiet", action="store_true")
    r.set_defaults(func=_cmd_report)
