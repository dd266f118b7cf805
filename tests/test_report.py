"""`vntasks report`: the review page of a batch (data, self-containment, size, errors).
The page in a real browser: tests/test_report_browser.py."""
import base64
import gzip
import json
import re
import shutil

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.learn.classifier import use_classifier
from pipeline.out.export import read_tables
from pipeline.out.report import (MAX_PAGE_BYTES, ReportError, load_texts, ref_problems, render_html, report_data,
                             write_report)
from pipeline.spacy_components import prepare_text


@pytest.fixture(scope="module")
def seed_out(seed_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds_out")
    with use_classifier(None):
        assert main(["extract", str(seed_dir), "--out", str(out), "-q"]) == 0
    return out


def page_data(html: str):
    index = json.loads(re.search(r'<script id="vn-index" type="application/json">(.*?)</script>', html, re.S).group(1))
    packed = json.loads(re.search(r'<script id="vn-docs" type="application/json">(.*?)</script>', html, re.S).group(1))
    return index, [json.loads(gzip.decompress(base64.b64decode(p))) for p in packed]


def expand(p):
    """What the page's script does to a payload (report.js: expand)."""
    for name in ("tasks", "claims", "references", "times"):
        for r in p[name]:
            if r["text"] is None:
                r["text"] = " ".join(p["text"][r["start"]:r["end"]].split())
            for k in ("section", "group"):
                if isinstance(r.get(k), int):
                    r[k] = p["strings"][r[k]]
    return p


def test_report_of_the_seeds(seed_out, seed_dir, tmp_path):
    html_path = tmp_path / "report.html"
    assert main(["report", str(seed_out), "--html", str(html_path), "-q"]) == 0
    html = html_path.read_text("utf-8")
    # self-contained: nothing fetched from anywhere
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", html, re.I)
    assert "http://" not in html and "https://" not in html
    assert "default-src 'none'" in html
    index, payloads = page_data(html)
    dfs = read_tables(seed_out)
    s = index["summary"]
    assert (s["documents"], s["errors"], s["texts"]) == (2, 0, 2)
    assert s["tasks"] == len(dfs["tasks"]) == 30
    assert s["claims"] == len(dfs["claims"]) and s["references"] == len(dfs["references"])
    assert s["mismatch"] == (dfs["claims"].status == "mismatch").sum() == 1
    assert s["no_deadline"] == (dfs["tasks"].deadline == "").sum()
    assert s["no_lead"] == (dfs["tasks"].lead_agency == "").sum()
    assert index["tags"]["claim: mismatch"] == 1 and index["tags"]["task: count_mismatch"] >= 1
    for d, p in zip(index["docs"], payloads):
        p = expand(p)
        assert p["text"] == prepare_text((seed_dir / d["id"]).read_text("utf-8"))
        assert d["note"] == ""
        tasks = dfs["tasks"][dfs["tasks"].doc_id == d["id"]]
        assert [t["task_id"] for t in p["tasks"]] == tasks.task_id.tolist()
        assert [t["text"] for t in p["tasks"]] == tasks.text.tolist()     # cut again from the text, as the page does
        assert [t["group"] for t in p["tasks"]] == tasks.group.tolist()
        assert all(t["deadline_source"] for t in p["tasks"])
        mism = [c for c in p["claims"] if c["status"] == "mismatch"]
        assert all("claim: mismatch" in c["tags"] for c in mism)


def test_relative_paths_resolved_under_root(seed_dir, tmp_path, monkeypatch):
    src = tmp_path / "in" / "seeds"
    shutil.copytree(seed_dir, src, ignore=shutil.ignore_patterns("*.json"))
    monkeypatch.chdir(tmp_path / "in")
    with use_classifier(None):
        assert main(["extract", "seeds", "--out", str(tmp_path / "out"), "-q"]) == 0
    monkeypatch.chdir(tmp_path)
    st = write_report(tmp_path / "out", tmp_path / "r.html")
    assert st.texts == 0 and all("not found" in n and "--root" in n for n in st.notes.values())
    st = write_report(tmp_path / "out", tmp_path / "r.html", root=tmp_path / "in")
    assert st.texts == 2 and st.notes == {}


def test_changed_source_is_reported(seed_dir, tmp_path, capsys):
    src = tmp_path / "in"
    shutil.copytree(seed_dir, src, ignore=shutil.ignore_patterns("*.json"))
    with use_classifier(None):
        assert main(["extract", str(src), "--out", str(tmp_path / "out"), "-q"]) == 0
    f = src / "003_7e5a56785a403bdd.txt"
    f.write_text("Văn bản khác.\n" + f.read_text("utf-8"), "utf-8")
    assert main(["report", str(tmp_path / "out"), "--html", str(tmp_path / "r.html"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "003_7e5a56785a403bdd.txt" in err and "SHA-256 differs" in err and "do not match the text" in err
    index, _ = page_data((tmp_path / "r.html").read_text("utf-8"))
    assert "SHA-256" in index["docs"][1]["note"] and index["docs"][0]["note"] == ""


def test_error_documents_and_other_formats(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "a.txt").write_text("KẾ HOẠCH\nUBND tỉnh xác định 02 nhiệm vụ trong năm 2024: tổ chức tập huấn; "
                                           "triển khai Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021.\n", "utf-8")
    with use_classifier(None):
        assert main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--format", "jsonl", "-q"]) == 0
    st = write_report(tmp_path / "out", tmp_path / "r.html")
    index, payloads = page_data(st.path.read_text("utf-8"))
    assert index["summary"]["errors"] == 1 and index["summary"]["texts"] == 1
    bad = next(d for d in index["docs"] if d["id"] == "empty.txt")
    assert bad["status"] == "error" and "empty" in bad["error"]
    assert payloads[[d["id"] for d in index["docs"]].index("empty.txt")]["text"] is None


def test_clear_errors(tmp_path):
    with pytest.raises(ReportError, match="no such folder"):
        write_report(tmp_path / "nope", tmp_path / "r.html")
    with pytest.raises(ReportError, match="no documents table"):
        write_report(tmp_path, tmp_path / "r.html")
    (tmp_path / "documents.xlsx").write_bytes(b"x")
    with pytest.raises(ReportError, match="cannot read xlsx"):
        write_report(tmp_path, tmp_path / "r.html")


def test_unwritable_html_path(seed_out, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ReportError, match="cannot write the report"):
        write_report(seed_out, tmp_path / "file" / "r.html")


def test_cli_error_message(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2
    assert "no documents table" in capsys.readouterr().err


def test_ref_problems():
    assert ref_problems({"flags": ["issuer_unknown", "space_repaired"], "type": "Quyết định"}) == ["issuer_unknown"]
    assert ref_problems({"flags": [], "type": ""}) == ["type_unknown"]
    assert ref_problems({"flags": ["name_repaired"], "type": "Luật"}) == []


def test_script_safe_json():
    index = {"title": "</script><script>alert(1)</script>", "summary": {}, "docs": [], "tags": {}}
    html = render_html(index, [])
    assert html.count("</script>") == 3            # the two data elements and the script, nothing injected
    assert "<script>alert" not in html


def replicate(dfs, texts, n):
    """A batch of ``n`` documents made of copies of the given ones."""
    ids = dfs["documents"].doc_id.tolist()
    groups = {k: dict(tuple(df.groupby("doc_id", sort=False))) for k, df in dfs.items()}
    parts = {k: [] for k in dfs}
    out_texts = {}
    for i in range(n):
        d = ids[i % len(ids)]
        new = f"{i:04d}_{d}"
        for k in dfs:
            if d in groups[k]:
                parts[k].append(groups[k][d].assign(doc_id=new))
        out_texts[new] = texts[d]
    return {k: pd.concat(v, ignore_index=True) if v else dfs[k] for k, v in parts.items()}, out_texts


def test_thousand_documents_stay_small(seed_out):
    dfs = read_tables(seed_out)
    texts, notes = load_texts(dfs["documents"])
    big, big_texts = replicate(dfs, texts, 1000)
    index, payloads = report_data(big, big_texts, notes)
    html = render_html(index, payloads)
    assert len(index["docs"]) == 1000 and index["summary"]["tasks"] == 15 * 1000
    size = len(html.encode("utf-8"))
    assert size < MAX_PAGE_BYTES
    # per document: the compressed payload, not rendered HTML (that is built in the browser on opening)
    assert size / 1000 < 8000
    assert 'data-k="t0"' not in html
