"""Speed-ups that must give exactly what the simple version gives (issue 13)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import agencies

_PIECES = ["Sở Tư pháp", " chủ trì", "chủ trì", " ", "  ", "\n", ";", ".", ":", ",", "UBND tỉnh", "phối hợp với",
           "Giao ", "x" * 50, "a" * 130, "\t\t", "các sở", "chủ", " trì"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_lead_search_is_search(parts):
    text = "".join(parts)
    want = agencies._LEAD.search(text)
    got = agencies._lead_search(text)
    assert (want is None) == (got is None)
    if want:
        assert want.span() == got.span() and want.group("ag") == got.group("ag")
