"""Triggered scans (pipeline.text.triggered) give exactly ``rx.finditer``'s matches: the reference
patterns' triggers are necessary conditions (bounds checked against the patterns' widths), and the
matches are equal on the corpus and on generated text."""

import re
from re import _parser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extraction import references as R
from pipeline.extraction.symbols import NUMBERED_NEAR, NUMBERED_RE, PARTY_NEAR, PARTY_RE
from pipeline.text.normalise import normalise
from pipeline.text.triggered import Triggered
from pipeline.text.unwrap import unwrap

from .conftest import CORPUS, RAW

from pipeline.text.segment import _inline_res

SCANS = (R._NUMBERED_SCAN, R._PARTY_SCAN, R._DATE_LEAD_SCAN, _inline_res()[2])


def _key(ms):
    return [(m.span(), m.groups()) for m in ms]


def _same(text, ranges=((0, None), (1, None), (2, 9), (3, 40), (0, 1), (5, 4))):
    for sc in SCANS:
        assert _key(sc.finditer(text)) == _key(sc.rx.finditer(text)), (sc.pattern[:60], text[:200])
        for a, z in ranges:
            want = sc.rx.finditer(text, a) if z is None else sc.rx.finditer(text, a, z)
            assert _key(sc.finditer(text, a, z)) == _key(want), (sc.pattern[:60], text[:200], a, z)


def test_scans_use_the_patterns():
    assert R._NUMBERED_SCAN.rx is NUMBERED_RE and R._PARTY_SCAN.rx is PARTY_RE and R._DATE_LEAD_SCAN.rx is R._DATE_LEAD
    assert R._DATE_LEAD_SCAN.at and R._DATE_LEAD_SCAN.after  # the triggers of references.toml are read


def _reach(rx: re.Pattern, anchors: str) -> int:
    """The largest distance from a match's start to the first item of the pattern that is one of
    ``anchors`` (a literal or a class of them): the sum of the widths of the items before it."""
    total = 0
    for op, av in _parser.parse(rx.pattern, rx.flags).data:
        if str(op) == "LITERAL" and chr(av) in anchors:
            return total
        if str(op) == "IN" and all(str(o) == "LITERAL" and chr(a) in anchors for o, a in av):
            return total
        total += _parser.SubPattern(_parser.State(), [(op, av)]).getwidth()[1]
    raise AssertionError(f"no item of {anchors!r} in {rx.pattern}")


@pytest.mark.parametrize("rx, near", [(NUMBERED_RE, NUMBERED_NEAR), (PARTY_RE, PARTY_NEAR)])
def test_near_bounds_hold_for_the_patterns(rx, near):
    anchors, reach, trigger = near
    assert _reach(rx, anchors) <= reach
    # the trigger's look-behind is the pattern's own first item, and its class covers the pattern's first characters
    assert rx.pattern.startswith(r"(?<![\w/.:-])")
    first = re.compile(trigger)
    for text in ("1", "9", "٣", "I", "l", "O", "12", "0", "x", "/"):
        opens = bool(re.compile(rx.pattern[len(r"(?<![\w/.:-])") :]).match(text + "1/ABC-DE"))
        if opens:
            assert first.match(text + "1/ABC"), text


def _corpus():
    out = []
    for folder in (CORPUS, RAW):
        for p in sorted(folder.glob("*.txt"))[:40] if folder.is_dir() else ():
            try:
                raw = p.read_text("utf-8")
            except UnicodeDecodeError:
                continue
            out += [raw, unwrap(normalise(raw).text).text]
    return out


def test_corpus_equal():
    texts = _corpus()
    if not texts:
        pytest.skip("no corpus")
    for t in texts:
        _same(t)
        starts = [0] + [k + 1 for k, c in enumerate(t) if c == "\n"]
        _same(t, list(zip(starts, starts[1:])))  # line by line, as segment scans


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 24/02/2020, Chính phủ",
        "; vào ngày 16/4/2020",
        "các ngày lễ",
        "\nNgày 5/5; Vào  \n ngày 7/7 .Ngày 1",
        "  Ngày 3/3",
        "số 12/2024/NĐ-CP, 45-KL/TW, l2/QĐ-UB, 07 /2023/ TT-BTC, 3.2024/QĐ_UB, 1/ABC",
        "Quyết định số 123/QĐ-UBND ngày 1/1/2020 và Kết luận 80-KL/TW; 12NQ/TW, 5 - \n  CT/TU",
        "x/1/2/3//4 __5_6 ll/ OO/ I/ 0 /2000 /A",
        "١٢/٢٠٢٤/QĐ-TTg ٣-KL/TW",
        "",
        "/",
        "Một là, A. Hai là, B; Ba là: C.  Thứ nhất, x.\t**Thứ hai**, y. * Thứ ba là z",
        "xMột là, Hai là, ?  Ba là,",
    ],
)
def test_examples_equal(text):
    _same(text)


_ALPHABET = list("0123456789IlOAĐBQCx/_-.:;!? \n\t–—,*") + ["Ngày ", "ngày ", "Vào ", "vào ", "QĐ", "KL", "TW", "2024", "٣"] + [
    "Một là", "Hai là", "Thứ nhất", "thứ hai", " là ", "Cuối cùng"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_generated_equal(text):
    _same(text)


def test_bad_triggers_are_refused():
    with pytest.raises(ValueError):
        Triggered(re.compile("a"), starts_at=["ab"])
    with pytest.raises(ValueError):
        Triggered(re.compile("a"), starts_after=["(a)"])
    with pytest.raises(ValueError):
        Triggered(re.compile("^a", re.MULTILINE))


def test_trigger_lookaheads_are_bounded():
    """A trigger is tried at every place it may fire; an unbounded run of blanks opening its look-ahead
    ("(?=\\s*…") scans a run of blanked furniture lines to its end from every line break in it,
    quadratic in the run (a 3 MB text took 40 s). Such a run must have an upper bound."""
    from pipeline.resources import load

    for name in ("references",):
        for key, entry in load(name).items():
            if not isinstance(entry, dict):
                continue
            for trig in entry.get("starts_after", ()) + entry.get("starts_at", ()):
                assert not re.search(r"\(\?=\\s[*+]", trig), (key, trig)
