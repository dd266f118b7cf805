"""The segment classifier: estimator contract, skops round trip, lazy loading,
candidate construction, labels and leakage-free cross-validation (issue 6)."""
from __future__ import annotations

import json
import logging

import numpy as np
import pytest
from sklearn.base import clone

from pipeline.learn import classifier as C
from pipeline.learn.classifier import Candidate, SegmentClassifier, get_classifier, load_model, make_candidate, use_classifier
from pipeline.text.segment import segment

TASKS = [
    ("Tổ chức tập huấn cho cán bộ, công chức về Luật Hòa giải ở cơ sở", "II. NHIỆM VỤ", "dash", True, "Tổ chức"),
    ("Triển khai thực hiện Đề án tuyên truyền pháp luật cho thanh niên", "II. NHIỆM VỤ", "dash", True, "Triển khai"),
    ("Xây dựng kế hoạch kiểm tra công tác phổ biến, giáo dục pháp luật", "III. NHIỆM VỤ TRỌNG TÂM", "arabic", True, "Xây dựng"),
    ("Tăng cường công tác thanh tra, kiểm tra hoạt động khoáng sản", "NHIỆM VỤ VÀ GIẢI PHÁP", "letter", True, "Tăng cường"),
    ("Rà soát, sửa đổi các quy định về quản lý địa chất", "NHIỆM VỤ VÀ GIẢI PHÁP", "plus", True, "Rà soát"),
    ("Hướng dẫn các xã đánh giá chuẩn tiếp cận pháp luật", "II. NHIỆM VỤ", "dash", True, "Hướng dẫn"),
]
OTHERS = [
    ("Kết quả đạt được trong năm 2023 còn nhiều hạn chế", "I. ĐÁNH GIÁ KẾT QUẢ", "", False, ""),
    ("Thuận lợi: sự quan tâm của cấp ủy, chính quyền các cấp", "I. TÌNH HÌNH", "dash", False, ""),
    ("Trang chủ Giới thiệu Tin tức Liên hệ", "", "", False, ""),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", "", "", False, ""),
    ("Nâng cao nhận thức của người dân về pháp luật là mục tiêu chung", "I. MỤC ĐÍCH, YÊU CẦU", "arabic", False, "Nâng cao"),
    ("Hạn chế: một số đơn vị chưa quan tâm đúng mức", "I. ĐÁNH GIÁ KẾT QUẢ", "dash", False, ""),
]


def _cands(rows, pos=0.5):
    return [Candidate(t, h, m, pos, ctx, v) for t, h, m, ctx, v in rows]


@pytest.fixture(scope="module")
def toy():
    X = _cands(TASKS) + _cands(OTHERS)
    y = np.array([1] * len(TASKS) + [0] * len(OTHERS))
    return X, y, SegmentClassifier(n_features=2 ** 12).fit(X, y)


# -- estimator contract --------------------------------------------------------
def test_get_set_params_and_clone(toy):
    _, _, m = toy
    p = m.get_params()
    assert p["n_features"] == 2 ** 12 and set(p) >= {"C", "char_ngrams", "word_ngrams", "opening_chars"}
    c = clone(m)
    assert c.get_params() == p and not hasattr(c, "model_")
    c.set_params(C=0.5)
    assert c.C == 0.5 and m.C != 0.5 or m.C == 0.5


def test_fit_predict_proba_shapes(toy):
    X, y, m = toy
    proba = m.predict_proba(X)
    assert proba.shape == (len(X), 2) and np.allclose(proba.sum(axis=1), 1)
    assert list(m.classes_) == [0, 1]
    assert (m.predict(X) == y).mean() >= 0.9
    assert m.score(X, y) == pytest.approx((m.predict(X) == y).mean())
    assert m.predict_proba([]).shape == (0, 2) and m.task_proba([]) == []


@pytest.mark.parametrize("text,heading,marker,ctx,verb,is_task", [
    ("Tổ chức hội nghị tập huấn pháp luật cho cán bộ", "II. NHIỆM VỤ", "dash", True, "Tổ chức", True),
    ("Kết quả đạt được còn hạn chế", "I. ĐÁNH GIÁ KẾT QUẢ", "", False, "", False),
])
def test_score_returns_task_probabilities(toy, text, heading, marker, ctx, verb, is_task):
    _, _, m = toy
    (p,) = m.task_proba([Candidate(text, heading, marker, 0.5, ctx, verb)])
    assert isinstance(p, float) and 0.0 <= p <= 1.0
    assert (p >= 0.5) == is_task


def test_fit_rejects_wrong_input():
    with pytest.raises(TypeError):
        SegmentClassifier().fit(["a plain string", "another"], [0, 1])
    with pytest.raises(ValueError):
        SegmentClassifier().fit(_cands(TASKS), [1] * len(TASKS))


def test_unfitted_model_raises():
    from sklearn.exceptions import NotFittedError
    with pytest.raises(NotFittedError):
        SegmentClassifier().predict_proba(_cands(TASKS))


def test_scores_many_candidates(toy):
    _, _, m = toy
    scores = m.task_proba(_cands(TASKS + OTHERS) * 84)
    assert len(scores) == 1008 and scores[:12] == m.task_proba(_cands(TASKS + OTHERS))


# -- persistence -----------------------------------------------------------------
def test_skops_round_trip_with_trusted_types(toy, tmp_path):
    import skops.io as sio
    X, _, m = toy
    path = tmp_path / "m.skops"
    sio.dump(m, path)
    assert set(sio.get_untrusted_types(file=path)) <= set(C.TRUSTED_TYPES)
    m2 = load_model(path)
    assert isinstance(m2, SegmentClassifier)
    assert np.allclose(m2.predict_proba(X), m.predict_proba(X))


def test_shipped_model_has_only_trusted_types():
    import skops.io as sio
    if not C.MODEL_PATH.is_file():
        pytest.skip("no trained model in models/")
    assert set(sio.get_untrusted_types(file=C.MODEL_PATH)) <= set(C.TRUSTED_TYPES)
    m = load_model()
    assert isinstance(m, SegmentClassifier)
    good, bad = m.task_proba([Candidate(*TASKS[0][:3], 0.5, True, TASKS[0][4]), Candidate(*OTHERS[0][:3], 0.1, False, "")])
    assert good > bad


def test_missing_model_warns_once(tmp_path, caplog, monkeypatch):
    monkeypatch.setitem(C._state, "warned", False)
    with caplog.at_level(logging.WARNING, logger="pipeline.learn.classifier"):
        assert load_model(tmp_path / "none.skops") is None
        assert load_model(tmp_path / "none.skops") is None
    assert sum("rules alone" in r.getMessage() for r in caplog.records) == 1


def test_not_a_model_is_an_error(tmp_path):
    import skops.io as sio
    from pipeline.errors import ModelError
    path = tmp_path / "x.skops"
    sio.dump({"a": 1}, path)
    with pytest.raises(ModelError, match="vntasks train"):
        load_model(path)
    path.write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError, match="vntasks train"):
        load_model(path)


def test_broken_model_stops_extract_with_a_message(tmp_path, monkeypatch, capsys):
    from pipeline.learn import classifier
    from pipeline.cli import main
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"garbage")
    doc = tmp_path / "d.txt"
    doc.write_text("Tổ chức tập huấn cho cán bộ.", "utf-8")
    monkeypatch.setenv("VNTASKS_MODEL", str(bad))
    monkeypatch.setitem(classifier._state, "loaded", False)
    monkeypatch.setitem(classifier._state, "override", classifier._UNSET)
    assert main(["extract", str(doc), "--out", str(tmp_path / "out"), "-q"]) == 2
    err = capsys.readouterr().err
    assert "bad.skops" in err and "vntasks train" in err and "Traceback" not in err


def test_use_classifier_overrides_and_restores(toy):
    _, _, m = toy
    before = get_classifier()
    with use_classifier(m):
        assert get_classifier() is m
        with use_classifier(None):
            assert get_classifier() is None
        assert get_classifier() is m
    assert get_classifier() is before


def test_inference_path_does_not_import_training():
    """No pipeline module imports pipeline.learn.training at module level (``vntasks train``
    may import it inside its command function)."""
    import ast
    from pathlib import Path
    for f in Path(C.__file__).parent.glob("*.py"):
        if f.name in ("training.py", "train.py", "decision.py"):   # the training side: it runs the whole pipeline
            continue
        for node in ast.parse(f.read_text("utf-8")).body:
            if isinstance(node, ast.Import):
                assert not any(a.name.endswith(".training") for a in node.names), f.name
            elif isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                assert mod.split(".")[-1] != "training" and not any(a.name == "training" for a in node.names), f.name


# -- candidates and labels ----------------------------------------------------------
DOC = """II. NHIỆM VỤ TRỌNG TÂM
Các nhiệm vụ cụ thể như sau:
1. Tổ chức tập huấn cho cán bộ; xây dựng tài liệu hướng dẫn.
2. Sở Tư pháp: rà soát văn bản quy phạm pháp luật.
III. TỔ CHỨC THỰC HIỆN
Kinh phí thực hiện theo quy định."""


@pytest.mark.parametrize("needle,heading_has,marker,verb", [
    ("Tổ chức tập huấn cho cán bộ", ["NHIỆM VỤ TRỌNG TÂM", "như sau:"], "arabic", "Tổ chức"),
    ("rà soát văn bản quy phạm pháp luật", ["NHIỆM VỤ TRỌNG TÂM", "Sở Tư pháp:"], "arabic", "rà soát"),
    ("Kinh phí thực hiện theo quy định", ["TỔ CHỨC THỰC HIỆN"], "", ""),
])
def test_make_candidate(needle, heading_has, marker, verb):
    out = segment(DOC)
    s = DOC.index(needle)
    i = next(k for k, b in enumerate(out.blocks) if b.start <= s < b.end)
    c = make_candidate(DOC, out, i, s, s + len(needle), True)
    assert c.text == needle and c.marker_type == marker and c.verb == verb
    assert all(h in c.heading for h in heading_has)
    assert 0 < c.position < 1 and c.in_task_context


def test_doc_candidates_cover_items_and_clauses():
    from pipeline.learn.training import AnnotatedDoc, doc_candidates
    d = AnnotatedDoc("x", DOC, ("Tổ chức tập huấn cho cán bộ",))
    texts = [c.text for _, _, c, _ in doc_candidates(d)]
    for want in ("Tổ chức tập huấn cho cán bộ; xây dựng tài liệu hướng dẫn", "Tổ chức tập huấn cho cán bộ",
                 "xây dựng tài liệu hướng dẫn", "rà soát văn bản quy phạm pháp luật", "Kinh phí thực hiện theo quy định"):
        assert want in texts
    assert len(texts) == len(set((s, e) for s, e, _, _ in doc_candidates(d)))


@pytest.mark.parametrize("cand,gold,split,label", [
    ("Tổ chức tập huấn cho cán bộ", ["Tổ chức tập huấn cho cán bộ, công chức"], False, 1),
    ("Kết quả đạt được", ["Tổ chức tập huấn cho cán bộ"], False, 0),
    ("Tổ chức tập huấn cho cán bộ; xây dựng tài liệu hướng dẫn", ["Tổ chức tập huấn cho cán bộ", "xây dựng tài liệu hướng dẫn"], False, 1),
    ("Tổ chức tập huấn cho cán bộ; xây dựng tài liệu hướng dẫn", ["Tổ chức tập huấn cho cán bộ", "xây dựng tài liệu hướng dẫn"], True, 0),
    ("anything", [], False, 0),
])
def test_labels_follow_the_scorer(cand, gold, split, label):
    from pipeline.learn.training import label_candidates
    assert label_candidates([cand], gold, split=split) == [label]


def test_cross_validation_never_scores_a_seen_document(monkeypatch):
    from pipeline.learn import training as T
    docs = [T.AnnotatedDoc(f"d{k}", DOC, ("Tổ chức tập huấn cho cán bộ", "xây dựng tài liệu hướng dẫn",
                                           "rà soát văn bản quy phạm pháp luật")) for k in range(4)]
    ds = T.build_dataset(docs)
    seen = []
    real_fit = SegmentClassifier.fit

    def spy(self, X, y, sample_weight=None):
        seen.append({id(x) for x in X})
        return real_fit(self, X, y, sample_weight)
    monkeypatch.setattr(SegmentClassifier, "fit", spy)
    preds = T.cross_val_predictions(dataset=ds, n_splits=2, params={"n_features": 2 ** 10})
    assert set(preds) == {d.doc_id for d in docs}
    for tr, te in T.group_folds(ds, 2):
        assert not set(ds.groups[tr]) & set(ds.groups[te])
    models = T.cross_val_models(dataset=ds, n_splits=2, params={"n_features": 2 ** 10})
    assert set(models) == {d.doc_id for d in docs}
    from pipeline.learn.decision import simulate_task_scores

    r = simulate_task_scores(preds, docs, None)
    assert r["fn"] == 3 * 4     # no rule tasks in these docs


def test_folds_hold_whole_sources():
    """Cross-validation folds hold whole sources (as the sealed split does): two documents of one
    repository never land on both sides of a fold; a document no SOURCES.tsv lists is its own source."""
    from pipeline.learn.sources import source_groups
    src = source_groups(["a01.txt", "a02.txt", "101.docx", "zz-unknown.txt"])
    assert src["a01.txt"] == src["a02.txt"] == src["101.docx"] == "trangsct/skill-sct"
    assert src["zz-unknown.txt"] == "zz-unknown.txt"


def test_model_card_keeps_its_sealed_section(tmp_path):
    """Retraining rewrites the card but keeps the sealed-test section (scored by hand once a session)."""
    from pipeline.learn.train import SEALED_BEGIN, SEALED_END, _kept_section

    card = tmp_path / "MODEL_CARD.md"
    assert _kept_section(card) == ""
    card.write_text(f"# old\n{SEALED_BEGIN}\n| sealed | 0.685 |\n{SEALED_END}\n", "utf-8")
    assert _kept_section(card) == f"\n{SEALED_BEGIN}\n| sealed | 0.685 |\n{SEALED_END}\n"
    from pipeline.learn.train import EXPERIMENTS_BEGIN, EXPERIMENTS_END

    experiments = f"{EXPERIMENTS_BEGIN}\n## Not shipped\n{EXPERIMENTS_END}"
    card.write_text(f"# old\n{SEALED_BEGIN}\n| sealed |\n{SEALED_END}\n{experiments}\n", "utf-8")
    assert _kept_section(card) == f"\n{experiments}\n\n{SEALED_BEGIN}\n| sealed |\n{SEALED_END}\n"


def test_training_cache_is_read_only_for_the_same_gold_and_code(tmp_path, capsys):
    """A cache written for other gold is rebuilt, never read: a gold document added since must not be
    left out of training and held-out figures without a word."""
    from pipeline.learn.sources import cache_key
    from pipeline.learn.training import load_annotated

    gold, raw = tmp_path / "gold", tmp_path / "raw"
    gold.mkdir()
    raw.mkdir()
    text = "KẾ HOẠCH\nI. NHIỆM VỤ\n1. Rà soát các văn bản quy phạm pháp luật.\n2. Tổ chức tập huấn cho cán bộ.\n"
    for name in ("a.txt", "b.txt"):
        (raw / name).write_text(text, "utf-8")
    gold_doc = {"doc": "a.txt", "claims": [], "tasks": [{"text": "Rà soát các văn bản quy phạm pháp luật."}],
                "references": [], "times": []}
    (gold / "a.gold.json").write_text(json.dumps(gold_doc, ensure_ascii=False), "utf-8")
    cache = tmp_path / "cache.json"
    key = cache_key([gold], [raw])
    assert [d.doc_id for d in load_annotated(gold, [raw], cache=cache)] == ["a.txt"]
    assert json.loads(cache.read_text("utf-8"))["key"] == key
    assert [d.doc_id for d in load_annotated(gold, [raw], cache=cache)] == ["a.txt"]  # read back
    (gold / "b.gold.json").write_text(json.dumps(dict(gold_doc, doc="b.txt"), ensure_ascii=False), "utf-8")
    assert cache_key([gold], [raw]) != key
    assert [d.doc_id for d in load_annotated(gold, [raw], cache=cache)] == ["a.txt", "b.txt"]
    assert "rebuilding" in capsys.readouterr().err


class _SureOfEverything:
    """A scorer that calls every block a task (to see what learned_contexts lets through)."""

    add_above_ = 0.5

    def score_clauses(self, text, outline, *args, **kwargs):
        return [(b.start, b.end, False, 0.99) for b in outline.blocks if text[b.start : b.end].strip()]


def test_learned_additions_skip_clauses_in_capitals():
    # no task of the development gold is written in capitals: a title or a section heading the
    # classifier scores high is not added
    from pipeline.extraction.learned import learned_contexts
    from pipeline.text.segment import segment

    text = "ĐẨY MẠNH THÔNG TIN, TUYÊN TRUYỀN VỀ CÔNG TÁC TÌM KIẾM\n\nTổ chức tuyên truyền rộng rãi về công tác tìm kiếm.\n"
    outline = segment(text)
    contexts, _ = learned_contexts(text, outline, [], (), 0, _SureOfEverything(), True, set())
    added = [text[it.start : it.end].strip() for c in contexts for it in c.items]
    assert added == ["Tổ chức tuyên truyền rộng rãi về công tác tìm kiếm"]


def test_learned_additions_are_cut_into_action_clauses():
    # a sentence of several actions the rules did not take is as many tasks, as a list item's
    # ';' clauses are; a clause that opens with no action stays with the one before
    from pipeline.extraction.learned import learned_contexts
    from pipeline.text.segment import segment

    text = (
        "Bộ Tài nguyên và Môi trường chủ trì xây dựng tiêu chí xác định các dự án thích ứng với biến đổi khí hậu; "
        "khẩn trương hoàn thành các chương trình điều tra cơ bản; nhất là ở vùng ven biển.\n"
    )
    contexts, _ = learned_contexts(text, segment(text), [], (), 0, _SureOfEverything(), True, set())
    added = [text[it.start : it.end] for c in contexts for it in c.items]
    assert added == [
        "Bộ Tài nguyên và Môi trường chủ trì xây dựng tiêu chí xác định các dự án thích ứng với biến đổi khí hậu",
        "khẩn trương hoàn thành các chương trình điều tra cơ bản; nhất là ở vùng ven biển",
    ]


def test_simulation_cuts_learned_additions_as_the_pipeline_does():
    # the held-out simulation that chooses the decision thresholds scores a clause the classifier adds
    # as the tasks the pipeline makes of it: its action clauses
    from pipeline.learn.decision import simulate_task_scores
    from pipeline.learn.training import AnnotatedDoc, ScoredCandidate, Thresholds

    text = "Bộ Y tế chủ trì kiểm tra an toàn thực phẩm tại các chợ đầu mối; khẩn trương hoàn thành báo cáo tổng kết."
    gold = ("Bộ Y tế chủ trì kiểm tra an toàn thực phẩm tại các chợ đầu mối", "khẩn trương hoàn thành báo cáo tổng kết")
    doc = AnnotatedDoc(doc_id="d", text=text, gold=gold)
    cand = ScoredCandidate("d", 0, len(text) - 1, text[:-1], 1, 0.9, False)
    r = simulate_task_scores({"d": [cand]}, [doc], Thresholds(keep=0.5, add=0.5))
    assert (r["tp"], r["fp"], r["fn"]) == (2, 0, 0)


def test_learned_additions_skip_the_heading_of_rule_tasks():
    # "1. Tăng cường …" over "a) …", "b) …" is the group of the tasks the rules took, not one more task,
    # however sure the classifier is of its words
    from pipeline.api import process_text

    text = (
        "2. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "1. Tăng cường sự chỉ đạo, hướng dẫn, phối hợp của các bộ, ngành, địa phương\n\n"
        "a) Xây dựng chương trình, đề án, kế hoạch cụ thể để thực hiện các mục tiêu về trẻ em.\n\n"
        "b) Bảo đảm việc lồng ghép các mục tiêu về trẻ em trong kế hoạch phát triển kinh tế - xã hội.\n\n"
        "2. Hoàn thiện pháp luật, chính sách bảo đảm thực hiện quyền trẻ em\n\n"
        "a) Nghiên cứu, bổ sung chính sách hỗ trợ chăm sóc, phát triển toàn diện trẻ em.\n\n"
        "b) Hoàn thiện pháp luật, chính sách về bảo vệ trẻ em.\n"
    )
    doc = process_text(text, model=_SureOfEverything())
    assert [t.text for t in doc.tasks] == [
        "Xây dựng chương trình, đề án, kế hoạch cụ thể để thực hiện các mục tiêu về trẻ em",
        "Bảo đảm việc lồng ghép các mục tiêu về trẻ em trong kế hoạch phát triển kinh tế - xã hội",
        "Nghiên cứu, bổ sung chính sách hỗ trợ chăm sóc, phát triển toàn diện trẻ em",
        "Hoàn thiện pháp luật, chính sách về bảo vệ trẻ em",
    ]
    assert {t.group for t in doc.tasks} == {
        "1. Tăng cường sự chỉ đạo, hướng dẫn, phối hợp của các bộ, ngành, địa phương",
        "2. Hoàn thiện pháp luật, chính sách bảo đảm thực hiện quyền trẻ em",
    }


_LISTS_TEXT = (
    "QUYẾT ĐỊNH\nĐiều 1. Nhiệm vụ\n1. Sở Tài chính:\n- Rà soát các khoản chi thường xuyên.\n"
    "- Tham mưu bố trí kinh phí thực hiện.\n- Các khoản chi cho đầu tư phát triển.\n"
    "2. Sở Nội vụ:\n- Cơ cấu bộ máy của các phòng chuyên môn.\n"
)


def test_lists_of_items_and_the_lists_rule_tasks_hold():
    # an item's list is its parent and marker type; only marked items belong to one, and a list counts
    # for its siblings once it holds SIBLINGS_LEAST of the rules' kept tasks
    from pipeline.extraction.learned import SIBLINGS_LEAST, list_of, ruled_lists
    from pipeline.text.segment import segment

    outline = segment(_LISTS_TEXT)
    first, second, third, other = (_LISTS_TEXT.index(s) for s in ("Rà soát", "Tham mưu", "Các khoản", "Cơ cấu"))
    assert list_of(outline, first) == list_of(outline, second) == list_of(outline, third) is not None
    assert list_of(outline, other) not in (None, list_of(outline, first))
    assert list_of(outline, _LISTS_TEXT.index("QUYẾT ĐỊNH")) is None  # a heading
    assert SIBLINGS_LEAST == 2
    assert ruled_lists([list_of(outline, first), list_of(outline, second), None]) == {list_of(outline, first)}
    assert ruled_lists([list_of(outline, first), list_of(outline, other)]) == set()


def test_siblings_of_rule_tasks_are_added_at_their_own_bar():
    # in a headed text whose rules found tasks, a missed item of a list holding two kept rule tasks is
    # added from add_sibling; an item of another list at the same probability is not (add_ruled: never);
    # the simulation and the extraction decide alike
    from pipeline.extraction.learned import learned_contexts
    from pipeline.learn.decision import select_tasks
    from pipeline.learn.training import ScoredCandidate, Thresholds
    from pipeline.text.segment import segment

    text = _LISTS_TEXT
    outline = segment(text)
    spans = {k: (text.index(k), text.index(".", text.index(k))) for k in ("Rà soát", "Tham mưu", "Các khoản", "Cơ cấu")}
    rule = {"Rà soát", "Tham mưu"}
    proba = {"Rà soát": 0.9, "Tham mưu": 0.8, "Các khoản": 0.55, "Cơ cấu": 0.55}

    from pipeline.extraction.learned import list_of

    cands = [
        ScoredCandidate("d", a, z, text[a:z], 0, proba[k], k in rule, list_of(outline, a)) for k, (a, z) in spans.items()
    ]
    t = Thresholds(keep=0.3, add_sibling=0.5)
    assert [text[c.start : c.end] for c in select_tasks(cands, t) if not c.rule] == ["Các khoản chi cho đầu tư phát triển"]
    assert [c for c in select_tasks(cands, Thresholds(keep=0.3)) if not c.rule] == []
    assert [c for c in select_tasks(cands, t, headerless=True) if not c.rule] == []

    class Scorer:
        keep_above_, add_above_, add_above_ruled_, add_above_headerless_, add_above_sibling_ = 0.3, 0.5, 2.0, 2.0, 0.5

        def score_clauses(self, *args, **kwargs):
            return [(a, z, k in rule, proba[k]) for k, (a, z) in spans.items()]

    from pipeline.extraction.units import Context, Item, ItemKind

    ctx = Context(group="Sở Tài chính", group_start=0, group_end=1)
    ctx.items = [Item(*spans[k], ItemKind.ITEM) for k in ("Rà soát", "Tham mưu")]
    contexts, _ = learned_contexts(text, outline, [ctx], (), 0, Scorer(), False, set())
    assert [text[it.start : it.end] for c in contexts for it in c.items] == ["Các khoản chi cho đầu tư phát triển"]
