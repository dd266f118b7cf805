"""Very large texts go section by section (pipeline.sections); rows as close as can be to a whole-text run."""
from __future__ import annotations

import pytest

from pipeline import sections
from pipeline.api import process_text
from pipeline.read.readers import RawText

from .conftest import CORPUS


def _synthetic() -> str:
    texts = []
    for p in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else ():
        try:
            texts.append(p.read_text("utf-8"))
        except UnicodeDecodeError:
            pass
    return "\n\n".join(texts)


def test_cut_points_are_line_starts():
    text = "\n".join(f"{i}. Tổ chức thực hiện nhiệm vụ số {i};" if i % 50 else "\nII. NHIỆM VỤ" for i in range(20000))
    cuts = sections.cut_points(text, 50_000)
    assert cuts[0] == 0 and cuts[-1] == len(text) and cuts == sorted(set(cuts))
    assert all(text[c - 1] == "\n" for c in cuts[1:-1])
    assert all(b - a <= 50_000 * 1.5 + sections._LOOK for a, b in zip(cuts, cuts[1:]))
    assert any(text.startswith("II. NHIỆM VỤ", c) for c in cuts[1:-1])   # a heading is preferred


def test_hook_under_and_over_threshold(monkeypatch):
    text = "KẾ HOẠCH\nTriển khai\n\nII. NHIỆM VỤ\n1. Sở Tư pháp chủ trì tổ chức tập huấn trước ngày 30/6/2026.\n" * 40
    small = process_text(text)
    assert not any("sections" in w for w in small.warnings)
    monkeypatch.setattr(sections, "THRESHOLD", 1000)
    big = process_text(text)
    assert any("sections" in w for w in big.warnings)
    assert big.text == small.text


@pytest.mark.model
def test_sections_match_whole_text_run():
    doc = _synthetic()
    if len(doc) < 300_000:
        pytest.skip("no corpus")
    whole = process_text(doc)                      # under the threshold: the whole text at once
    sec = sections.process_sections(RawText(text=doc, format="txt"), section_chars=100_000)
    assert sec.text == whole.text and sec.meta == whole.meta
    assert [(r.start, r.end, r.ref_id) for r in sec.references] == [(r.start, r.end, r.ref_id) for r in whole.references]
    assert [(t.start, t.end, t.value) for t in sec.times] == [(t.start, t.end, t.value) for t in whole.times]
    assert [(c.start, c.end, c.declared, c.found) for c in sec.claims] == [(c.start, c.end, c.declared, c.found) for c in whole.claims]

    def key(t):
        return (t.start, t.end, t.text, t.deadline, t.lead_agency, t.partner_agencies, t.section, t.action, t.flags, t.references)
    a, b = {key(t) for t in whole.tasks}, {key(t) for t in sec.tasks}
    assert len(a & b) >= 0.9 * len(a) and abs(len(a) - len(b)) <= 0.02 * len(a)   # 0.925 when written, 0.946 once the scope is carried on
    spans_a, spans_b = {(t.start, t.end) for t in whole.tasks}, {(t.start, t.end) for t in sec.tasks}
    assert len(spans_a & spans_b) >= 0.97 * len(spans_a)
    ids = [t.task_id for t in sec.tasks]
    assert len(set(ids)) == len(ids) and [t.seq for t in sec.tasks] == list(range(1, len(ids) + 1))
