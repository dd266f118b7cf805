"""Parsed fields on the spaCy spans (extension attributes) and displaCy's span style over the seeds."""
import re

import pytest
from spacy import displacy

from pipeline.spacy_components import SPAN_FIELDS, displacy_options, make_nlp, prepare_text, render_spans

SEEDS = ("000_0aba8204a976d128.txt", "003_7e5a56785a403bdd.txt")


@pytest.fixture(scope="module")
def docs(seed_dir):
    from pipeline.learn.classifier import use_classifier
    nlp = make_nlp()
    with use_classifier(None):
        return {name: nlp(prepare_text((seed_dir / name).read_text("utf-8"))) for name in SEEDS}


def test_span_fields_match_the_extraction(docs):
    for doc in docs.values():
        d = doc._.vntasks
        refs, times, claims, tasks = (list(doc.spans[k]) for k in ("references", "times", "claims", "tasks"))
        assert [s._.vn_id for s in refs] == [r.ref_id for r in d.references]
        assert [s._.vn_issuer for s in refs] == [r.issuer or None for r in d.references]
        assert [s._.vn_date for s in refs] == [r.date or None for r in d.references]
        assert [s._.vn_type for s in refs] == [r.type or None for r in d.references]
        assert [(s._.vn_type, s._.vn_value) for s in times] == [(t.kind, t.value) for t in d.times]
        assert [(s._.vn_declared, s._.vn_found, s._.vn_status) for s in claims] == \
            [(c.declared, c.found, c.status) for c in d.claims]
        assert [(s._.vn_id, s._.vn_deadline, s._.vn_deadline_source, s._.vn_lead_agency) for s in tasks] == \
            [(t.task_id, t.deadline or None, t.deadline_source or None, t.lead_agency or None) for t in d.tasks]
        assert all(isinstance(s._.vn_flags, list) for s in doc.spans["vntasks"])
        assert len(doc.spans["vntasks"]) == len(refs) + len(times) + len(claims) + len(tasks)
        fields = lambda s: (s.start, s.end, s.label_, s._.vn_id, s._.vn_value, s._.vn_deadline)   # noqa: E731
        assert sorted(map(fields, doc.spans["vntasks"]), key=repr) == sorted(map(fields, refs + times + claims + tasks), key=repr)
    ref = next(s for s in docs[SEEDS[0]].spans["references"] if s._.vn_id == "14/2019/QĐ-TTg")
    assert (ref._.vn_type, ref._.vn_issuer, ref._.vn_task) == ("Quyết định", "Thủ tướng Chính phủ", "T3.2")
    assert ref.kb_id_ == "14/2019/QĐ-TTg · Thủ tướng Chính phủ"
    assert set(SPAN_FIELDS) >= {"vn_id", "vn_type", "vn_issuer", "vn_date", "vn_value", "vn_deadline", "vn_deadline_source"}


def test_displacy_span_style_shows_the_fields(docs):
    for _name, doc in docs.items():
        d = doc._.vntasks
        html = displacy.render(doc, style="span", options={"spans_key": "references"})
        for r in d.references:
            assert r.ref_id in html
        html = displacy.render(doc, style="span", options=displacy_options(doc, "vntasks"))
        for t in d.tasks:
            assert f"{t.task_id} → {t.deadline} ({t.deadline_source})" in html
        for t in d.times:
            assert f"= {t.value}" in html
        for c in d.claims:
            assert f"{c.claim_id}: {c.declared} declared" in html
        assert "#ffe066" in html and "#74c0fc" in html      # colours by kind
        nice = render_spans(doc)
        assert nice.count("white-space: nowrap") == len(re.findall(r"border-radius: 3px\">", html))
