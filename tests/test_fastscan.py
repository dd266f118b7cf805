"""The trigger scanner (pipeline.text.fastscan) gives exactly ``rx.finditer``'s matches."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text.fastscan import Scanner, fold, has_only_ascii_digits
from pipeline.extraction.time_grammar import patterns as _patterns

from .conftest import CORPUS, RAW


def _same(rx, text):
    want = [(m.span(), m.groups()) for m in rx.finditer(text)]
    sc = Scanner(rx)
    got = [(m.span(), m.groups()) for m in sc.finditer(text)]
    assert got == want, rx.pattern[:80]
    # and with the caller's folded copy and digit flag
    got = [(m.span(), m.groups()) for m in sc.finditer(text, fold(text), has_only_ascii_digits(text))]
    assert got == want, rx.pattern[:80]


def _corpus_texts():
    out = []
    for folder in (CORPUS, RAW):
        for p in sorted(folder.glob("*.txt"))[:40] if folder.is_dir() else ():
            try:
                out.append(p.read_text("utf-8"))
            except UnicodeDecodeError:
                pass
    return out


def test_time_patterns_have_triggers():
    with_trigger = sum(Scanner(rx).trigger is not None for _, rx in _patterns())
    assert with_trigger >= len(_patterns()) - 3


def test_corpus_equal():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("no corpus")
    big = "\n".join(texts)
    for _, rx in _patterns():
        _same(rx, big)


# characters that stress case folding: capitals, Vietnamese letters, re's extra case
# equivalences (ſ/s, ı/i, K/k, final sigma), non-ASCII digits, İ (changes length when lowered)
_ALPHABET = list("aAăĂâÂđĐeEêÊoOôÔơƠuUưƯyYnNgGhHtTrRcCqQkKsSiImMvV0123456789 \t\n/.-–,;:()|") + \
    list("àáạảãÀÁẠẢÃằẰếẾộỘớỚừỪýÝỳỲ") + ["ſ", "ı", "K", "ς", "Σ", "٣", "０", "İ", "ẛ", "ṡ"]
_WORDS = ["ngày", "Ngày", "NGÀY", "tháng", "Tháng", "năm", "NĂM", "quý", "Quý", "QUÝ", "trước", "Trước", "đến", "từ",
          "hằng năm", "hàng tháng", "định kỳ", "giai đoạn", "thường xuyên", "Tết Nguyên đán", "năm sau", "sau",
          "trước ngày", "kể từ ngày", "trở đi", "IV", "II", "2025", "2030", "31/12", "15/3/2026", "1999", "  "]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_ALPHABET, max_size=6)), max_size=40))
    seps = draw(st.lists(st.sampled_from([" ", "", "\n", ", ", "/", " - "]), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_generated_equal(text):
    for _, rx in _patterns():
        _same(rx, text)


@pytest.mark.parametrize("pattern,flags", [
    (r"(?:abc|abd)\s+x", re.I), (r"(?<![\d/])\d{1,2}/\d{1,2}", re.I), (r"x?y+z", re.I), (r"(?:ab)*c", 0),
    (r"Straße|STRASSE", re.I), (r"[A-Z]{2}\d", 0), (r"(?m)^\s*\d+\.", 0), (r"s[ſ]?t", re.I), (r"(?i)kelvin", 0),
])
def test_small_patterns(pattern, flags):
    rx = re.compile(pattern, flags)
    for text in ["abc  x abd x ABD\tx", "1/2 12/12/ 3/45", "xyyz yz z", "ababc c", "straße STRASSE Straße",
                 "AB1 ab1", "1. a\n 2. b", "st ſt ST", "KELVIN Kelvin"]:
        _same(rx, text)


@settings(max_examples=200, deadline=None)
@given(texts(), st.integers(0, 60))
def test_from_a_position_equal(text, pos):
    rx = re.compile(r"(?<![\w])Quyết\s+định\s+(?:số\s+)?0*12(?![\w/.-]|\s*[/-]\s*\w)", re.IGNORECASE)
    sc = Scanner(rx)
    t = text + " quyết định số 012, QUYẾT ĐỊNH 12/x Quyết định 12"
    assert [m.span() for m in sc.finditer(t, pos=pos)] == [m.span() for m in rx.finditer(t, pos)]
    for _, r in _patterns():
        assert [m.span() for m in Scanner(r).finditer(t, pos=pos)] == [m.span() for m in r.finditer(t, pos)]


def test_trigger_starts_every_position():
    """The trigger positions (found once per text and trigger, shared by the patterns that have
    that trigger) are every position where the trigger matches, overlapping ones included."""
    from pipeline.text.fastscan import trigger_starts

    from pipeline.text import fastscan

    texts = _corpus_texts()[:5] + ["ngàyngày 2024 aaaab quý quýI 12/12/2012 từtừ từ\ttừ"]
    scanners = [Scanner(rx) for _, rx in _patterns()]
    trigs = {(sc.trigger, sc.heads, sc.whole) for sc in scanners}
    trigs |= {(sc.trigger_ascii, sc.heads_ascii, sc.whole_ascii) for sc in scanners}
    trigs |= {(re.compile("aa|aab"), ("aa",), frozenset({"aa"})), (re.compile(r"\d\d"), None, frozenset()),
              (re.compile(r"từ\s|tới"), ("từ", "tới"), frozenset({"tới"}))}
    assert any(whole for _, _, whole in trigs if whole)
    for text in texts:
        folded = fold(text)
        for trig, heads, whole in trigs:
            if trig is None:
                continue
            want = [p for p in range(len(folded)) if trig.match(folded, p)]
            # found through the heads (str.find; a whole prefix's occurrences not tried again) and through finditer
            for h, w in {(heads, whole), (heads, frozenset()), (None, frozenset())}:
                fastscan._STARTS = (None, {})
                assert trigger_starts(trig, folded, h, w) == want, trig.pattern[:80]
                assert trigger_starts(trig, folded, h, w) == want  # from the per-text cache


@pytest.mark.parametrize("pattern,flags,required", [
    (r"(?:\bsau|như sau)\s*:\s*$", re.I, {":"}), (r"a(?:b|c)d+x?y{0,2}", 0, {"a", "d"}), (r"(?:ab)*c", re.I, set()),
    (r"k:", re.I, {":"}), (r"[:;]x", 0, {"x"}), (r"(?i:đ)", 0, set()),
])
def test_prefiltered_search(pattern, flags, required):
    from pipeline.text.fastscan import Prefiltered, required_chars

    rx = re.compile(pattern, flags)
    assert required_chars(rx) == required
    pf = Prefiltered(rx)
    for text in ["thực hiện như sau:", "sau :  ", "abdd", "acy", "c", "abab c", "K:", "k;", ":x", "Đ", "no"] + _corpus_texts()[:3]:
        assert (pf.search(text) or None) and pf.search(text).span() == rx.search(text).span() or rx.search(text) is None
        assert (pf.search(text, 2, 9) is None) == (rx.search(text, 2, 9) is None)


def _claim_texts():
    from pipeline.extraction.claims import _claim_re

    return _claim_re(), ["gồm 03 nhiệm vụ sau:", "có hai nhiệm vụ, giải pháp", "Ba nhóm nhiệm vụ", "x12 nhiệm vụ",
                         "bao gồm mười hai nhiệm vụ trọng tâm", "٣ nhiệm vụ", "İ 5 NHIỆM VỤ", "có  07  nhiệm vụ chủ yếu"]


def test_claim_pattern_equal():
    """find_claims scans through a Scanner: the same matches as the claim pattern's finditer."""
    rx, extra = _claim_texts()
    for text in ["\n".join(_corpus_texts())] + extra + [" ".join(extra)]:
        _same(rx, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_claim_texts()[1] + _WORDS), max_size=12))
def test_claim_pattern_generated(parts):
    _same(_claim_texts()[0], " ".join(parts))


def test_reference_patterns_equal():
    """The reference scans that go through a Scanner give their patterns' finditer matches."""
    from pipeline.extraction.laws import _LAW_HEAD
    from pipeline.extraction.symbols import NUMBERED_RE, PARTY_RE

    extra = ["Luật số 12/2020/QH14, Bộ luật Dân sự; pháp lệnh 01-L/CTN, 15-KH/TU ngày 2/3/2024",
             "BỘ LUẬT Lao động 45/2019/QH14 và Quyết định số 1O/QĐ-UBND, 12 / 2023 / NĐ - CP", "٣-CT/TW"]
    for rx in (_LAW_HEAD, PARTY_RE, NUMBERED_RE):
        for text in ["\n".join(_corpus_texts())] + extra:
            _same(rx, text)


@pytest.mark.parametrize("pattern,flags,alternatives", [
    (r"yêu cầu\b[^.;:]{0,9}\bphải\b|\bphải (?:a|b)|^\s*(?:Đồng thời,\s*)?bám sát\b", re.I | re.M,
     (("yêu cầu", "phải"), ("phải ",), ("bám sát",))),
    (r"(?:abc|x)y", 0, (("y",),)), (r"(?:ab(?=c)c|d)", 0, (("abc",), ("d",))), (r"a|b?", 0, ()),
    (r"(?:Ngày)+\s+(?i:x)", 0, (("Ngày",),)), (r"ſt|K", re.I, (("st",), ("k",))), (r"İx", re.I, (("x",),)),
])
def test_required_strings(pattern, flags, alternatives):
    from pipeline.text.fastscan import Prefiltered, required_strings

    rx = re.compile(pattern, flags)
    assert required_strings(rx) == alternatives
    pf = Prefiltered(rx)
    for text in ["YÊU CẦU các sở phải", "Phải A", "  bám sát", "Đồng thời, BÁM SÁT x", "abcy", "xy", "ABC", "dd",
                 "NgàyNgày  x", "NGÀY X", "ST", "ſt", "K", "İX", "ix", ""]:
        want = rx.search(text)
        got = pf.search(text)
        assert (got is None) == (want is None) and (want is None or got.span() == want.span()), text


def test_prefiltered_cue_patterns_on_corpus():
    """The cue patterns searched through Prefiltered give re's answer on every corpus line."""
    from pipeline.extraction.cues import INTRO_LIST
    from pipeline.extraction.cues import general_requirement_re
    from pipeline.resources import lexicon, pattern
    from pipeline.text.fastscan import Prefiltered

    rxs = [INTRO_LIST.rx, general_requirement_re(), lexicon().not_task_re, pattern("cues", "closing"), pattern("cues", "annex_title")]
    lines = [ln for t in _corpus_texts() for ln in t.split("\n") if ln.strip()]
    for rx in rxs:
        pf = Prefiltered(rx)
        for ln in lines:
            want = rx.search(ln)
            got = pf.search(ln)
            assert (got is None) == (want is None) and (want is None or got.span() == want.span()), (rx.pattern[:40], ln)


@pytest.mark.parametrize("pattern,flags,at_start", [
    (r"chịu trách nhiệm trước|nếu có\b[^;.]{0,9}\bx|^\s*\d+\s+(?:nhiệm vụ|việc)\s+(?:là|chưa)\b", re.I, True),
    (r"ab|^\d|\A\s", 0, True), (r"ab|^\d", re.M, False), (r"ab|^\d|e?", 0, False), (r"(?:ab|^\d+)", 0, True),
    (r"^\d|x", 0, True),
])
def test_prefiltered_at_start_alternatives(pattern, flags, at_start):
    """Alternatives that match only at a text's start (``^…`` without MULTILINE, ``\\A…``) are
    answered by ``rx.match`` when no other alternative's strings occur: the same as ``rx.search``."""
    from pipeline.text.fastscan import Prefiltered

    rx = re.compile(pattern, flags)
    pf = Prefiltered(rx)
    assert pf.at_start == at_start
    for text in ["ab", "c", "cab", " c", "d", "xd", "12 việc là", "  3 NHIỆM VỤ LÀ x", "a 3 việc là", "Chịu trách nhiệm TRƯỚC",
                 "nếu có 12 x", "\nc", "e", "", "5", "x5", "٣ việc là", "İ"]:
        want = rx.search(text)
        got = pf.search(text)
        assert (got is None) == (want is None) and (want is None or got.span() == want.span()), text
        assert (pf.search(text, 1) is None) == (rx.search(text, 1) is None), text
