"""``Scores.by_document``: the per-document spread of task and deadline figures (an aggregate, naming no
document) and the CLI flag that prints it."""

from pipeline.learn.evaluate import score


def _gold(tasks):
    return {"claims": [], "references": [], "times": [], "tasks": [{"text": t, "deadline": d} for t, d in tasks]}


def _rows(doc, tasks):
    return [{"doc_id": doc, "text": t, "deadline": d} for t, d in tasks]


def test_by_document_means_and_concentration():
    golds = {
        "a.txt": _gold([("tổ chức tập huấn cho cán bộ", "2024"), ("kiểm tra việc thực hiện", "2024")]),
        "b.txt": _gold([("xây dựng kế hoạch năm", "2025"), ("báo cáo kết quả", "2025")]),
    }
    preds = {
        "tasks": _rows("a.txt", [("tổ chức tập huấn cho cán bộ", "2024"), ("kiểm tra việc thực hiện", "2024")])
        + _rows("b.txt", [("xây dựng kế hoạch năm", ""), ("báo cáo kết quả", "")]),
        "claims": [],
        "references": [],
        "times": [],
    }
    sc = score(golds, preds)
    assert sc.per_doc["a.txt"] == {"gold_tasks": 2, "pred_tasks": 2, "matched": 2, "deadline_right": 2}
    assert sc.per_doc["b.txt"]["deadline_right"] == 0
    text = sc.by_document()
    assert "tasks F1 mean 1.000 over 2 documents" in text
    assert "deadline accuracy mean 0.500 over 2 documents" in text
    assert "2 deadline errors; half of them in 1 of 2 documents" in text
    assert "a.txt" not in text and "b.txt" not in text  # an aggregate: it names no document


def test_by_document_without_tasks():
    sc = score({"a.txt": _gold([])}, {"tasks": [], "claims": [], "references": [], "times": []})
    assert "0 deadline errors; half of them in 0 of 0 documents" in sc.by_document()


def test_cli_prints_it_only_when_asked(tmp_path, capsys):
    import json

    from pipeline.cli import main

    gold = tmp_path / "gold"
    out = tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    g = {"doc": "a.txt", **_gold([("tổ chức tập huấn cho cán bộ", "2024")])}
    (gold / "a.gold.json").write_text(json.dumps(g, ensure_ascii=False), "utf-8")
    (out / "tasks.csv").write_text("doc_id,text,deadline\na.txt,tổ chức tập huấn cho cán bộ,2024\n", "utf-8")
    assert main(["evaluate", str(gold), str(out)]) == 0
    assert "per document" not in capsys.readouterr().out
    assert main(["evaluate", str(gold), str(out), "--by-document"]) == 0
    assert "deadline accuracy mean 1.000 over 1 documents" in capsys.readouterr().out


def test_bootstrap_interval_brackets_the_pooled_figures():
    golds = {f"{i}.txt": _gold([("tổ chức tập huấn cho cán bộ", "2024")]) for i in range(6)}
    rows = [r for i in range(6) for r in _rows(f"{i}.txt", [("tổ chức tập huấn cho cán bộ", "2024" if i % 2 else "")])]
    sc = score(golds, {"tasks": rows, "claims": [], "references": [], "times": []})
    (f_lo, f_hi), (d_lo, d_hi) = sc._bootstrap(draws=200)
    assert f_lo == f_hi == 1.0  # every document matches its one task: no draw changes the task F1
    assert 0.0 <= d_lo <= 0.5 <= d_hi <= 1.0  # half the deadlines right: the interval holds 0.5
    assert sc._bootstrap(draws=200) == sc._bootstrap(draws=200)  # a fixed seed: the same interval each run
    assert "95 % interval" in sc.by_document()


def test_the_error_list_names_spurious_claims_as_well_as_missed_ones():
    gold = _gold([])
    gold["claims"] = [{"text": "3 nhiệm vụ trọng tâm", "declared": 3, "found": 3}]
    preds = {
        "tasks": [],
        "claims": [
            {"doc_id": "a.txt", "text": "3 nhiệm vụ trọng tâm", "declared": "3", "found": "3"},
            {"doc_id": "a.txt", "text": "8 trọng tâm chỉ đạo", "declared": "8", "found": ""},
        ],
        "references": [],
        "times": [],
    }
    sc = score({"a.txt": gold}, preds)
    assert [e for e in sc.errors if e[1] == "claims"] == [("a.txt", "claims", "spurious", "8 trọng tâm chỉ đạo")]
    assert (sc.fields["claims"].tp, sc.fields["claims"].fp) == (1, 1)


def test_by_source_counts_every_matched_task_once():
    # where each matched task's deadline came from and how it fares: right, wrong value, spurious, missing
    golds = {"a.txt": _gold([("tổ chức tập huấn cho cán bộ", "2024"), ("kiểm tra việc thực hiện", ""),
                             ("xây dựng kế hoạch năm", "2025"), ("báo cáo kết quả", "2025-Q1")])}
    rows = _rows("a.txt", [("tổ chức tập huấn cho cán bộ", "2024"), ("kiểm tra việc thực hiện", "2024"),
                           ("xây dựng kế hoạch năm", ""), ("báo cáo kết quả", "2025")])
    for r, src in zip(rows, ("document", "document", "", "own")):
        r["deadline_source"] = src
    sc = score(golds, {"tasks": rows, "claims": [], "references": [], "times": []})
    assert dict(sc.deadline_sources) == {
        ("document", "right"): 1, ("document", "spurious"): 1, ("none", "missing"): 1, ("own", "wrong"): 1
    }
    assert sum(sc.deadline_sources.values()) == sc.per_doc["a.txt"]["matched"]
    lines = sc.by_source().splitlines()
    assert lines[0].split() == ["deadline", "source", "right", "wrong", "spurious", "missing"]
    assert lines[-1].split() == ["none", "0", "0", "0", "1"]  # tasks without a deadline last
