"""The cached hashing of pipeline.learn.classifier gives scikit-learn's HashingVectorizer matrix exactly."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import HashingVectorizer

from pipeline.learn.classifier import SegmentClassifier, _CachedHashing, clause_candidates, get_classifier
from pipeline.text.segment import segment
from pipeline.text.unwrap import unwrap

from .conftest import CORPUS


def _equal(a, b):
    a, b = a.tocsr(), b.tocsr()
    assert a.shape == b.shape and a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)          # bit for bit, not approximately


def _vecs():
    words, opening, head = SegmentClassifier()._vectorisers()
    return [words.vec, opening.vec, head.vec]


_TEXT = st.text(alphabet=list("aAbđĐưƯ ờỜ\t\n,;.:123-_ếẾ()") + ["\u00a0", "\u2003", "Σ", "İ", "'"], max_size=80)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=8))
def test_generated_documents(docs):
    for vec in _vecs():
        fast = _CachedHashing(vec)
        assert fast.ok
        _equal(fast.transform(docs), vec.transform(docs))
        _equal(fast.transform(docs[::-1]), vec.transform(docs[::-1]))   # with a warm cache
        if not fast.char:  # from the tokens as written
            from pipeline.learn.classifier import _WORD, _flat

            _equal(fast.transform(docs, _flat([_WORD.findall(d) for d in docs])), vec.transform(docs))


def test_unsupported_configuration_falls_back():
    vec = HashingVectorizer(n_features=64, analyzer="char", ngram_range=(1, 3))
    fast = _CachedHashing(vec)
    assert not fast.ok
    _equal(fast.transform(["abc", "de f"]), vec.transform(["abc", "de f"]))


def _corpus_candidates():
    """The shipped model and the clause candidates of the first six corpus texts (skips without them)."""
    files = sorted(CORPUS.glob("*.txt"))[:6] if CORPUS.is_dir() else []
    model = get_classifier()
    if not files or model is None:
        pytest.skip("no corpus or no model")
    cands = []
    for p in files:
        try:
            text = unwrap(p.read_text("utf-8")).text
        except UnicodeDecodeError:
            continue
        cands += [c for _, _, c in clause_candidates(text, segment(text))]
    return model, cands


@pytest.mark.model
def test_corpus_candidates_and_probabilities():
    model, cands = _corpus_candidates()
    fast = model.transform_features(cands)
    words, opening, head = (v.vec for v in model._vectorisers())
    oc = model.opening_chars
    from scipy import sparse
    from pipeline.learn.classifier import _dense
    slow = sparse.hstack([words.transform([c.text for c in cands]), opening.transform([c.text[:oc] for c in cands]),
                          head.transform([c.heading[:200] for c in cands]),
                          sparse.csr_matrix(np.array([_dense(c) for c in cands], dtype=float).reshape(len(cands), -1))],
                         format="csr")
    _equal(fast, slow)
    assert np.array_equal(model.model_.predict_proba(fast), model.model_.predict_proba(slow))


def test_repeated_documents_and_small_cache(monkeypatch):
    docs = ["Tổ chức tập huấn", "", "Sở Tư pháp chủ trì", "Tổ chức tập huấn", "a b c d", "", "Sở Tư pháp chủ trì"] * 3
    monkeypatch.setattr(_CachedHashing, "_LIMIT", 5)          # the cache is emptied again and again
    for vec in _vecs():
        fast = _CachedHashing(vec)
        for _ in range(3):
            _equal(fast.transform(docs), vec.transform(docs))
            _equal(fast.transform(docs[2:5]), vec.transform(docs[2:5]))


def test_threads_share_one_cache(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor
    monkeypatch.setattr(_CachedHashing, "_LIMIT", 40)          # clears while other threads hash
    batches = [[f"việc {i} số {j} của sở {i * j}" for j in range(30)] for i in range(16)]
    for vec in _vecs():
        fast = _CachedHashing(vec)
        with ThreadPoolExecutor(4) as ex:
            got = list(ex.map(fast.transform, batches))
        for b, g in zip(batches, got):
            _equal(g, vec.transform(b))


def test_lower_keeps_word_characters():
    """What the word n-grams from the tokens as written rely on: lower-casing any character keeps its
    \\w-ness, and its length but for İ (Σ, whose lower case depends on its neighbours, and İ are
    handled by the slow path)."""
    import re
    import sys

    w = re.compile(r"\w")
    odd = []
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1 or bool(w.match(ch)) != bool(w.match(low)):
            odd.append(ch)
    assert odd == ["İ"]


@pytest.mark.parametrize("texts", [["ÔNG ΑΣ ĐI", "Σ", "x"], ["İstanbul İİ", "abc"], ["", " ", "A B"], ["ĐÃ GIAO; Ở", "đã giao"],
                                   ["ΑΣ.Β ΑΣ", "Ở Ở ở"]])
def test_tokens_as_written(texts, monkeypatch):
    """The word n-grams from the tokens as written (each form lowered once) are HashingVectorizer's,
    also with Σ or İ (the slow path) and with a cache emptied while a batch is added."""
    from pipeline.learn.classifier import _WORD, _flat

    vec = _vecs()[0]
    for limit in (None, 3):
        if limit:
            monkeypatch.setattr(_CachedHashing, "_LIMIT", limit)
        fast = _CachedHashing(vec)
        for docs in (texts, texts[::-1], texts * 2):
            _equal(fast.transform(docs, _flat([_WORD.findall(d) for d in docs])), vec.transform(docs))


@pytest.mark.model
def test_task_proba_is_predict_proba():
    """task_proba (the sigmoid of the decision function, without scikit-learn's input checks) and
    the row normalisation without normalize()'s checks give scikit-learn's numbers bit for bit."""
    from sklearn.preprocessing import normalize

    model, cands = _corpus_candidates()
    want = model.model_.predict_proba(model.transform_features(cands))[:, list(model.classes_).index(1)]
    assert model.task_proba(cands) == want.tolist()
    words = model._vectorisers()[0]
    docs = [c.text for c in cands]
    raw = HashingVectorizer(**{**words.vec.get_params(), "norm": None}).transform(docs)
    _equal(words.transform(docs), normalize(raw, norm="l2"))


def test_dense_matrix_is_dense_rows():
    """The layout features of a batch are _dense's rows, odd candidates included."""
    from pipeline.learn.classifier import Candidate, _dense
    from pipeline.learn.features import _WORD, _dense_matrix

    cands = [Candidate("Tổ chức tập huấn; rà soát. Báo cáo", "II. NHIỆM VỤ:", "dash", 0.4, True, "Tổ chức", rule=True,
                       prev_verb=True, next_verb=True), Candidate(""), Candidate("  12/2024 ", position=-0.5, marker_type="??"),
             Candidate("UBND TỈNH BAN HÀNH KẾ HOẠCH", "", "caps", 1.7, 1, lead=True, request=True, subject=True),
             Candidate("a " * 70, "x", "paren", 0, False, "Thực hiện"),
             Candidate("Ⅻ TỔ CHỨC: 3 việc. Báo cáo! Rà soát ; ;;;; ;", "Nhiệm vụ :  ", "plus", 0.25, 2, "Tổ chức thực hiện",
                       rule=1, prev_verb=True, next_verb=0, doc_verbs=0.3, doc_context=0.7, doc_no_rule=True, modal=True),
             Candidate("rà soát", "", "arabic", 0.5, 0, "Rà soát", rule=0, prev_verb=1, next_verb=1, doc_verbs=1 / 3,
                       doc_context=0.1, doc_no_rule=False)]
    cands += [Candidate(c.text[:k], c.heading, c.marker_type, k / 10, k % 2 == 0, c.verb, rule=k % 3 == 0,
                        prev_verb=k % 2 == 1, next_verb=True, doc_verbs=k / 7, doc_no_rule=k % 4 == 0)
              for c in cands[:3] for k in range(12)]
    words = [_WORD.findall(c.text) for c in cands]
    want = np.array([_dense(c) for c in cands], dtype=float)
    assert np.array_equal(_dense_matrix(cands, words), want)


def test_candidate_tokens_from_the_document():
    """A document's words found once and sliced per candidate are each candidate's own
    ``_WORD.findall``: spans that cut a word, that are not the candidate's text, odd characters."""
    from pipeline.learn.classifier import Candidate
    from pipeline.learn.features import _WORD, candidate_tokens

    text = "Tổ chức tập_huấn 12/2024; rà soát-báo cáo.\nĐiều 5 ٣x ½ ÀB  cd\u00a0ef \ud800 g"
    spans = [(a, z) for a in range(0, len(text), 3) for z in range(a, min(len(text), a + 25), 4)] + [(0, len(text))]
    cands = [Candidate(text[a:z]) for a, z in spans]
    cands[3] = Candidate("khác hẳn")  # not text[a:z]: its own words
    want = [_WORD.findall(c.text) for c in cands]
    assert candidate_tokens(cands, text, spans) == want
    assert candidate_tokens(cands, text, None) == want
    astral = text + " 𝐀𝐁 xy"
    assert candidate_tokens(cands, astral, spans) == want
    assert candidate_tokens([Candidate("")], "", [(0, 0)]) == [[]]
    assert candidate_tokens([Candidate("ab")], "xab", [(1, 9)]) == [["ab"]]


@pytest.mark.model
def test_document_features_equal_candidate_features():
    """transform_features with the document and the spans (as the pipeline calls it) equals it
    without them, on the corpus's documents."""
    from pipeline.learn.features import _WORD, candidate_tokens

    files = sorted(CORPUS.glob("*.txt"))[:8] if CORPUS.is_dir() else []
    model = get_classifier()
    if not files or model is None:
        pytest.skip("no corpus or no model")
    for p in files:
        try:
            text = unwrap(p.read_text("utf-8")).text
        except UnicodeDecodeError:
            continue
        found = clause_candidates(text, segment(text))
        cands, spans = [c for _, _, c in found], [(s, e) for s, e, _ in found]
        assert candidate_tokens(cands, text, spans) == [_WORD.findall(c.text) for c in cands]
        _equal(model.transform_features(cands, text, spans), model.transform_features(cands))
        assert model.task_proba(cands, text, spans) == model.task_proba(cands)
