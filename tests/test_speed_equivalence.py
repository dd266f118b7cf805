"""Speed-ups that must give exactly what the simple version gives (issue 13)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extraction import agencies

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


# -- unwrap: the text is built once from blanked spans, not edited a character at a time -------
from pipeline.text import unwrap as U  # noqa: E402
from pipeline.resources import lexicon  # noqa: E402
from pipeline.text.segment import marker_alone, match_marker, opens_item  # noqa: E402

from .conftest import CORPUS, SEEDS  # noqa: E402


def _unwrap_simple(text):
    """The unwrap of the branch point (a list of characters edited in place)."""
    lx = lexicon()
    quotes = [m.span() for m in U._blockquote_re().finditer(text)]
    for qs, qe in quotes:  # a block quote's marks read as blanks
        text = text[:qs] + " " * (qe - qs) + text[qe:]
    spans = list(U._Spans(text))
    stripped = [text[s:e].strip() for s, e in spans]
    furn = {i: "front_matter" for i in U._front_matter(stripped)}
    for i, line in enumerate(stripped):
        if not line or i in furn:
            continue
        for name, rx in lx.furniture:
            if rx.fullmatch(line):
                furn[i] = name
                break
    nonblank = [i for i, line in enumerate(stripped) if line]
    for k, i in enumerate(nonblank):
        if k >= len(nonblank) // 2 and lx.web_tail.fullmatch(stripped[i]) and \
                all(len(stripped[j]) <= U._HEADLINE_MAX for j in nonblank[k + 1:]):
            for j in nonblank[k:]:
                furn.setdefault(j, "web_tail")
            break
    content = [i for i, line in enumerate(stripped) if line and i not in furn]
    edge = set(content[:2]) | set(content[-2:])
    for _ in range(2):
        for i in content:
            if i in furn or not lx.lone_number.fullmatch(stripped[i]):
                continue
            near = any((k in furn) for k in range(max(0, i - 3), min(len(spans), i + 4)) if k != i)
            if i in edge or near:
                furn[i] = "page_number"
    content = [i for i in content if i not in furn]
    lengths = sorted(len(stripped[i]) for i in content if stripped[i].count("|") < 2)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = 20 <= width <= 250
    out = list(text)
    for m in U._page_break_re().finditer(text):
        out[m.start():m.end()] = " " * (m.end() - m.start())
    if "](" in text:
        image, link = U._markdown_res()
        for m in image.finditer(text):
            out[m.start():m.end()] = " " * (m.end() - m.start())
        for m in link.finditer(text):
            if out[m.start()] == " " and text[m.start()] != " ":
                continue
            out[m.start()] = " "
            out[m.end(1):m.end()] = " " * (m.end() - m.end(1))
    for i in furn:
        s, e = spans[i]
        for k in range(s, e):
            out[k] = " "

    def simple_joins(a, b, ia, ib):
        if a.count("|") >= 2 or b.count("|") >= 2:
            return False
        if marker_alone(a) and not match_marker(b)[0] and ib - ia <= 3:
            return True
        letters = lambda s: [c for c in s if c.isalpha()]  # noqa: E731
        caps = lambda s: len(letters(s)) >= 3 and sum(c.isupper() for c in letters(s)) >= 0.8 * len(letters(s))  # noqa: E731
        if U._dangling(a) and not match_marker(b)[0] and not caps(a) and not caps(b) and not opens_item(b) and ib - ia <= 3:
            return True
        if not wrapped:
            return False
        if match_marker(b)[0]:
            return False
        if any(furn.get(k) == "rule" for k in range(ia + 1, ib)):
            return False
        first = b[0]
        if any(not stripped[k] and k not in furn and not U._near_furniture(k, furn) for k in range(ia + 1, ib)):
            return (
                first.islower()
                and (not U._SENT_END.search(a) or a.endswith(";") or U._stray_period(a, bool(match_marker(a)[0])))
                and not caps(a)
                and not a.isdigit()
                and not opens_item(b)
            )
        if caps(a) and not caps(b):
            return False
        if U._JOIN_END.search(a):
            return True
        if a[:1].islower() and first.isupper() and not any(stripped[k] for k in range(ia)):
            return False
        if not U._SENT_END.search(a) and U._cited_on(b):
            return True
        if U._SENT_END.search(a) and (first.isupper() or first.isdigit() or first in "(\"“'"):
            return False
        if len(a) < 0.6 * width and (first.isupper() or first.isdigit()) and not a.endswith(("số", "ngày", "tháng", "năm")):
            return False
        if match_marker(a)[0] and first.isupper() and not U._SENT_END.search(a) and (
                len(a) < 0.85 * width or (len(a) <= 0.93 * width and b.split()[0] not in U._proper_heads())):
            return False
        return True
    for a, b in zip(content, content[1:]):
        if simple_joins(stripped[a], stripped[b], a, b):
            for k in range(spans[a][1], spans[b][0]):
                if out[k] == "\n":
                    out[k] = " "
    return "".join(out), tuple((spans[i][0], spans[i][1], n) for i, n in sorted(furn.items()))


def _texts():
    out = []
    for folder in (CORPUS, SEEDS):
        for p in sorted(folder.glob("*.txt"))[:30] if folder.is_dir() else ():
            try:
                out.append(p.read_text("utf-8"))
            except UnicodeDecodeError:
                pass
    return out


def test_unwrap_corpus_equal():
    from pipeline.text.normalise import normalise
    for t in _texts():
        t = normalise(t).text
        got = U.unwrap(t)
        assert (got.text, got.furniture) == _unwrap_simple(t)


_LINES = ["1. Tổ chức tập huấn cho cán bộ,", "công chức về pháp luật;", "II. NHIỆM VỤ", "", "   ", "Trang 3", "5",
          "- Sở Tư pháp chủ trì", "![ảnh](http://x.vn/a.jpg) Theo đó", "[Xem](http://x) tin [b](c)", "CÔNG BÁO/Số 5/Ngày 1-2-2025",
          "a | b | c", "Tin liên quan", "Ngắn", "x" * 90, "Người dân được hướng dẫn thực hiện thủ tục hành chính trực tuyến."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=25))
def test_unwrap_generated_equal(lines):
    t = "\n".join(lines)
    got = U.unwrap(t)
    assert (got.text, got.furniture) == _unwrap_simple(t)


# -- normalise: only the clusters that need it get the per-cluster work ------------------------
import re  # noqa: E402
import unicodedata  # noqa: E402

from pipeline.text.normalise import normalise  # noqa: E402


def _normalise_simple(text):
    """The normalise of the branch point: every cluster of the text through the slow loop."""
    lx = lexicon()
    if unicodedata.is_normalized("NFC", text) and not any(c in lx.char_map or c in lx.drop_chars or c == "\r" for c in text):
        return text, tuple(range(len(text) + 1))
    out, offsets = [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if cluster == "\r":
            if j < n and text[j] == "\n":
                i = j
                continue
            cluster = "\n"
        cluster = unicodedata.normalize("NFC", cluster)
        for ch in cluster:
            if ch in lx.drop_chars:
                continue
            ch = lx.char_map.get(ch, ch)
            out.append(ch)
            offsets.append(i)
        i = j
    offsets.append(n)
    result = unicodedata.normalize("NFC", "".join(out))
    if len(result) != len(out):
        from pipeline.text.normalise import _coarse_map
        return result, tuple(_coarse_map(result, text))
    return result, tuple(offsets)


_NCHARS = list("aeoyAĐđ \n\r\t.,") + ["\u0301", "\u0300", "\u0323", "\u0309", "\u0303", "\u0302", "\u0306", "\u031b",
                                    "\u00d0", "\u01a3", "\u200b", "\ufeff", "\u00ad", "\u212b", "\u2126", "\u1100",
                                    "\u1161", "\u11a8", "\uac00", "e\u0301", "\r\n", "ơ",
                                    "\U0001d400", "\U0001d165", "\U0002f800", "\t"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NCHARS), max_size=40))
def test_normalise_generated_equal(chars):
    t = "".join(chars)
    got = normalise(t)
    assert (got.text, tuple(got.to_source)) == _normalise_simple(t)


def test_normalise_corpus_equal():
    for t in _texts():
        for variant in (t, t.replace("\n", "\r\n"), unicodedata.normalize("NFD", t[:20000])):
            got = normalise(variant)
            assert (got.text, tuple(got.to_source)) == _normalise_simple(variant)


# -- segment: clauses scan only their punctuation, sentences test protected spans by bisection --
from pipeline.text import segment as S  # noqa: E402


def _clauses_simple(text, start, end, enumerations=False):
    out, depth, s = [], 0, start
    in_enum = False
    for k in range(start, end):
        c = text[k]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif c == ":" and depth == 0 and not enumerations and k > s + 15:
            in_enum = True
        elif c == ";" and depth == 0 and not in_enum:
            out.append((s, k))
            s = k + 1
    out.append((s, end))
    return [(a, b) for a, b in (S._trim(text, a, b) for a, b in out) if b > a]


_SEG = ["Tổ chức tập huấn", "; ", ";", ": ", "(", ")", "[", "]", " ", "ưu tiên các lĩnh vực", ". ", "Sở Tư pháp", "a", "1."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SEG), max_size=30), st.booleans(), st.integers(0, 10), st.integers(0, 10))
def test_clauses_equal(parts, enum, a, b):
    t = "".join(parts)
    start, end = min(a, len(t)), max(min(a, len(t)), len(t) - b)
    assert S.clauses(t, start, end, enum) == _clauses_simple(t, start, end, enum)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Tổ chức. ", "Sở X. ", "Ban hành Quyết định số 12/QĐ-UBND. ", "Theo TP. ",
                                 "1. ", "a. ", "Trước ngày 1.2.2025. ", "Xong! Rồi"]), max_size=15),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 40)), max_size=8))
def test_sentences_equal(parts, spans):
    t = "".join(parts)
    prot = [(a, a + w) for a, w in spans]

    def simple(text, start, end, protected):     # the loop of the branch point
        out, s, abbrev = [], start, S._abbrev_re()
        for m in S._BOUNDARY.finditer(text, start, end):
            cut = m.start()
            if any(ps < cut < pe for ps, pe in protected):
                continue
            head = text[max(s, cut - 8):cut]
            if abbrev.search(head) or re.search(r"(?:^|\s)(?:\d{1,2}|[a-zđ])\.$", head):
                continue
            out.append((s, cut))
            s = m.end()
        if s < end:
            out.append((s, end))
        return [(a, b) for a, b in (S._trim(text, a, b) for a, b in out) if b > a]
    assert S.sentences(t, 0, len(t), prot) == simple(t, 0, len(t), prot)
    assert S.sentences(t, 3, len(t), tuple(prot)) == simple(t, 3, len(t), prot)


@given(st.text(alphabet=list("aAđĐ ƯưỄễ1.,Ⅰⅰ"), max_size=30))
def test_is_caps_equal(s):
    letters = [c for c in s if c.isalpha()]
    want = len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)
    assert S.is_caps(s) == want == U._is_caps(s)


# -- classifier: candidates built with a per-block heading cache and a bisection for contexts ---
from pipeline.learn import candidates as Cl  # noqa: E402


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=10), st.integers(-2, 100))
def test_covered_equal(spans, pos):
    spans = [(a, a + w) for a, w in spans]
    assert Cl._covered(spans)(pos) == any(a <= pos < z for a, z in spans)


def test_make_candidate_heading_cache():
    t = "KẾ HOẠCH\nII. NHIỆM VỤ\n1. Công tác tuyên truyền:\n- Tổ chức tập huấn; rà soát văn bản.\n- Sở Tư pháp chủ trì.\n"
    o = S.segment(t)
    cache: dict = {}
    for i, b in enumerate(o.blocks):
        for _ in range(2):
            assert Cl.make_candidate(t, o, i, b.body_start, b.end, False, cache) == \
                Cl.make_candidate(t, o, i, b.body_start, b.end, False)



def _candidates_simple(text, outline, rule_spans=(), contexts=(), lead_end=0):
    """clause_candidates as it was: a Candidate per span from make_candidate, then again with
    the neighbour, request, subject and lead fields."""
    from pipeline.extraction.agencies import leading_agency
    from pipeline.extraction.cues import starts_with_action

    blocks = outline.blocks
    task_head = Cl._task_heads(outline)
    rule = set(rule_spans)
    spans = Cl._candidate_spans(text, outline, (), rule, frozenset())
    order = sorted(spans)
    base = [Cl.make_candidate(text, outline, spans[se], *se, False) for se in order]
    ctx = [any(a <= s < z for a, z in contexts) or (spans[(s, e)] >= 0 and task_head[spans[(s, e)]]) for s, e in order]
    doc_verbs = sum(bool(c.verb) for c in base) / max(len(base), 1)
    doc_context = sum(ctx) / max(len(base), 1)
    out = []
    for k, (s, e) in enumerate(order):
        i = spans[(s, e)]
        c = Cl.make_candidate(text, outline, i, s, e, any(a <= s < z for a, z in contexts) or (i >= 0 and task_head[i]))
        prev = [j for j in range(max(0, k - 12), k) if order[j][1] <= s]
        nxt = [j for j in range(k + 1, min(len(order), k + 12)) if order[j][0] >= e]
        prev_v = bool(Cl.make_candidate(text, outline, spans[order[prev[-1]]], *order[prev[-1]], False).verb) if prev else False
        next_v = bool(Cl.make_candidate(text, outline, spans[order[nxt[0]]], *order[nxt[0]], False).verb) if nxt else False
        ag, aend = leading_agency(text[s:e])
        bstart = blocks[i].body_start if 0 <= i < len(blocks) else s
        out.append((s, e, Cl.Candidate(
            c.text, c.heading, c.marker_type, c.position, c.in_task_context, c.verb, rule=(s, e) in rule,
            prev_verb=prev_v, next_verb=next_v, request=bool(Cl._request_re().search(text, bstart, s)),
            subject=bool(ag) and bool(starts_with_action(text[s:e][aend:].lstrip(" ,:"))), lead=s < lead_end,
            modal=Cl.modal_action(c.text), doc_verbs=doc_verbs, doc_context=doc_context, doc_no_rule=not rule)))
    return out


def test_clause_candidates_equal_simple():
    """One construction per candidate (fields, then the Candidate once) gives what building it
    twice through make_candidate gave, on corpus and seed texts."""
    for text in _texts()[:12]:
        text = U.unwrap(text).text
        o = S.segment(text)
        rule = [(b.body_start, b.end) for b in o.blocks[::7] if b.end - b.body_start >= 4]
        ctx = [(b.start, b.end) for b in o.blocks[::11]]
        assert Cl.clause_candidates(text, o, (), rule, ctx, frozenset(), 300) == _candidates_simple(text, o, rule, ctx, 300)


def test_law_fold_table_is_per_character():
    """laws._fold (a str.translate table filled as characters are met) is the per-character fold."""
    import sys

    from pipeline.extraction import laws

    chars = "".join(chr(c) for c in range(32, sys.maxunicode + 1, 7) if not 0xD800 <= c < 0xE000) + "ĐđİẞǅΣ"
    assert laws._fold(chars) == "".join(laws._fold_char(ch) for ch in chars)
    assert laws._fold(chars) == laws._fold(chars)  # from the filled table


def test_marker_prefilter_and_inline_cut_equal(monkeypatch):
    """The alternation of the marker patterns dismisses a line only when no marker pattern
    matches it, and lines without "," or ":" hold no in-line series: segment's answers are those
    of the plain loops, on every line of the corpus and seeds."""
    lines = [ln for t in _texts() for ln in t.split("\n") if ln.strip()]
    lines += ["**1.** Tổ chức", "II.", "a) b", "- x", "Một là, A. Hai là, B", "Thứ nhất: x; thứ hai: y", "  ", "Điều 5."]
    fast = [S._match_marker(ln) for ln in lines]
    pieces = [S._inline_pieces(ln, 0, len(ln)) for ln in lines]
    monkeypatch.setattr(S, "_any_marker", lambda: None)
    assert fast == [S._match_marker(ln) for ln in lines]
    rank, _, inside = S._inline_res()
    for ln, got in zip(lines, pieces):
        if "," not in ln and ":" not in ln:
            assert got == [(0, len(ln))] and not list(inside.finditer(ln))


# -- extraction.spans: bisection where the spans allow it, the plain scan elsewhere ------------
from types import SimpleNamespace  # noqa: E402

from pipeline.extraction.spans import first_containing, ref_ids_between  # noqa: E402

_SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(-2, 15)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_SPANS, st.booleans(), st.lists(st.integers(-3, 80), max_size=10))
def test_first_containing_is_the_scan(raw, ordered, positions):
    spans = [(s, s + w, f"T{k}") for k, (s, w) in enumerate(raw)]
    if ordered:  # without overlaps (then shuffled back): the bisection path
        spans.sort()
        spans = [(s, min(e, spans[k + 1][0]) if k + 1 < len(spans) else e, v) for k, (s, e, v) in enumerate(spans)]
        spans = spans[1::2] + spans[::2]
    at = first_containing(spans)
    for pos in positions + [s for s, _, _ in spans] + [e for _, e, _ in spans]:
        assert at(pos) == next((v for s, e, v in spans if s <= pos < e), "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=12), st.booleans(), st.lists(st.tuples(st.integers(-3, 70), st.integers(-3, 70)), max_size=8))
def test_ref_ids_between_is_the_scan(starts, ordered, queries):
    refs = [SimpleNamespace(start=s, ref_id=f"R{k}") for k, s in enumerate(sorted(starts) if ordered else starts)]
    between = ref_ids_between(refs)
    for a, z in queries + [(r.start, r.start + 1) for r in refs]:
        assert between(a, z) == tuple(r.ref_id for r in refs if a <= r.start < z)
