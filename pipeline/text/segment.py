"""Stage 3: headings, list items, paragraphs, sentences and clauses.

Blocks are the lines of the unwrapped text. Their outline (which heading or
item each block stands under) is built from the order in which marker types
appear, as a reader does: a marker type seen before closes everything opened
after it. Segmentation loses no characters: blocks cover every non-blank line.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache
from itertools import accumulate

from ..resources import load
from ..types import Block
from .outline import Outline, build_outline, is_caps, level_key
from .triggered import Triggered

__all__ = [
    "match_marker",
    "marker_alone",
    "opens_item",
    "segment",
    "Outline",
    "sentences",
    "first_sentence_end",
    "clauses",
    "is_caps",
]


@cache
def _marker_res():
    data = load("segmentation")
    bullets = "".join(map(re.escape, data["bullets"]["chars"]))
    return tuple((m["type"], re.compile(r"\s*(" + m["pattern"].replace("{bullets}", bullets) + r")\s*")) for m in data["marker"])


@cache
def _abbrev_re():
    words = load("segmentation")["abbreviations"]["words"]
    return re.compile(r"(?:^|(?<=\s))(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")$")


_EMPHASIS = re.compile(r"\s*(?:\*\*|__|\*(?=[^\s*]))\s*")


def match_marker(line: str) -> tuple[str, str, int]:
    """(marker, marker type, offset of the body) of a line, or ("", "", 0). Markdown bold around
    the marker ("**II. NỘI DUNG**", "**1.** Tổ chức …") and a Markdown heading's hashes ("#### 1. Bảo
    đảm …") are looked through."""
    md = _md_prefix().match(line)
    if md:
        marker, mtype, boff = match_marker(line[md.end() :])
        return (marker, mtype, md.end() + boff) if marker else ("", "", 0)
    em = _EMPHASIS.match(line)
    if em:
        inner = line[em.end() :]
        marker, mtype, boff = _match_marker(inner)
        if not marker:  # "**1.** Tổ chức": the bold closes after the marker (blanks keep the offsets)
            marker, mtype, boff = _match_marker(re.sub(r"\*\*|__|\*", lambda m: " " * len(m.group(0)), inner, count=1))
        if not marker:  # "**1.**** **Các cơ quan …": an empty bold pair after it too
            head = re.sub(r"\*\*|__|\*", lambda m: " " * len(m.group(0)), inner[:12])
            marker, mtype, boff = _match_marker(head + inner[12:])
        return (marker, mtype, em.end() + boff) if marker else ("", "", 0)
    found = _match_marker(line)
    if not found[0] and "*" in line[:40]:  # "Thứ nhất* là …" (an emphasis closing after the ordinal)
        found = _match_marker(line[:40].replace("*", " ") + line[40:])
    return found


def marker_alone(line: str) -> bool:
    """Whether ``line`` is a numbered or lettered list marker with nothing after it ("1 .", "a)",
    "II."): the marker of the next line's item (``segmentation.toml`` ``[[marker]]``)."""
    return any(mtype in _ALONE_TYPES and rx.fullmatch(line) for mtype, rx in _marker_res())


_ALONE_TYPES = ("arabic", "arabic2", "letter", "roman")


def opens_item(line: str) -> bool:
    """Whether ``line`` opens with a numbered, lettered or roman list marker and a space, whatever
    follows: "a) 100% các phường …", "iII. Về công tác …" (an OCR's numeral). :func:`match_marker`
    wants a word after such a marker; a line that joins the one before must not be one either."""
    for mtype, rx in _marker_res():
        if mtype in _ALONE_TYPES:
            m = rx.match(line)
            if m and line[m.end(1) : m.end(1) + 1].isspace():
                return True
    return False


@cache
def _any_marker() -> re.Pattern | None:
    """One pattern that matches at the start of a line where one of the marker patterns does
    (their alternation), so that most lines are dismissed in one call; None when they cannot be
    joined."""
    res = _marker_res()
    if len({rx.flags for _, rx in res}) != 1:
        return None
    try:
        return re.compile("|".join(f"(?:{rx.pattern})" for _, rx in res), res[0][1].flags)
    except re.error:  # pragma: no cover - e.g. a pattern with inline global flags
        return None


def _match_marker(line: str) -> tuple[str, str, int]:
    anym = _any_marker()
    if anym is not None and not anym.match(line):
        return "", "", 0
    for mtype, rx in _marker_res():
        m = rx.match(line)
        if m:
            rest = line[m.end() :]
            if not rest.strip():
                if mtype in ("part", "article", "roman"):
                    return m.group(1), mtype, len(line)
                continue
            if mtype in ("arabic", "arabic2", "roman", "letter", "upper") and not (rest[:1].isalpha() or rest[:1] in '("“'):
                continue
            if mtype == "arabic2" and not line[m.end(1) : m.end(1) + 1].isspace():
                continue
            return m.group(1), mtype, m.end()
    return "", "", 0


@cache
def _inline_res() -> tuple[dict[str, tuple[int, int]], re.Pattern, Triggered]:
    """(ordinal word → (series, rank), a marker at a piece's start, a marker inside a line)."""
    data = load("segmentation")["inline_ordinals"]
    series = data["series"]
    rank = {w.lower(): (k, i) for k, words in enumerate(series) for i, w in enumerate(words)}
    rank.update({w.lower(): (-1, -1) for w in data.get("last", ())})  # closes any series under way
    alt = "|".join(sorted((re.escape(w) for w in rank), key=len, reverse=True))
    # the words that already end in "là" ("Một là") may stand without a comma ("Một là bổ sung …")
    whole = "|".join(sorted((re.escape(w) for w in rank if w.endswith(" là")), key=len, reverse=True)) or "(?!)"
    head = re.compile(rf"\s*((?:{alt})\s*[,:])", re.IGNORECASE)
    inside = re.compile(
        rf"(?:(?<=^)|(?<=[.;:!?]\s)|(?<=[.;:!?]\s\s)|(?<=[.;:!?]\s\*)|(?<=[.;:!?]\s\*\*))"
        rf"(?:(?:{alt})(?=\*{{0,2}}(?:\s*[,:]|\s+là\s))|(?:{whole})(?=\s))",
        re.IGNORECASE,
    )
    # where ``inside`` may start: 0, or after one of its look-behinds' last characters (pipeline/text/triggered.py)
    after = (r"\s(?<=[.;:!?]\s)", r"\s(?<=[.;:!?]\s\s)", r"\*(?<=[.;:!?]\s\*)", r"\*(?<=[.;:!?]\s\*\*)")
    return rank, head, Triggered(inside, starts_after=after)


def _inline_pieces(line: str, ls: int, le: int) -> list[tuple[int, int]]:
    """The line ``line[ls:le]`` cut before each ordinal of an in-line series that starts with its
    first word ("Một là, …. Hai là, …. Ba là, …"); [(ls, le)] when it holds no such series."""
    cuts: list[int] = []
    found: list[tuple[int, tuple[int, int]]] = []
    if line.find(",", ls, le) >= 0 or line.find(":", ls, le) >= 0 or line.find(" là ", ls, le) >= 0:
        # (every ordinal of a series is followed by "," or ":" or is "… là": ``inside``'s lookahead)
        rank, _, inside = _inline_res()
        found = [(m.start(), rank[" ".join(m.group(0).lower().split())]) for m in inside.finditer(line, ls, le)]
    for pos, (ser, i) in found:
        if i == 0:
            cuts = [pos]
            cur = (ser, 0)
        elif cuts and (ser, i) == (cur[0], cur[1] + 1):
            cuts.append(pos)
            cur = (ser, i)
        elif cuts and ser == -1 and len(cuts) >= 2 and cur[0] != -1:
            cuts.append(pos)  # "… Thứ ba, C. Cuối cùng, D.": the series' last item
            cur = (-1, -1)
    if len(cuts) < 2 and line.find("(", ls, le) >= 0:
        cuts = _series_cuts(line, ls, le, _paren_series_re(), _PAREN_ITEM_MIN)
    if len(cuts) < 2:
        cuts = _series_cuts(line, ls, le, _number_series_re(), _NUMBER_ITEM_MIN)
    if len(cuts) < 2:
        return [(ls, le)]
    bounds = ([ls] if cuts[0] > ls else []) + cuts + [le]
    out = []
    for a, z in zip(bounds, bounds[1:]):
        while z > a and line[z - 1].isspace():
            z -= 1
        if z > a:
            out.append((a, z))
    return out


_PAREN_ITEM_MIN = 50  # characters (median item): an item of work is a clause, not a name
_NUMBER_ITEM_MIN = 30  # (numbers that open sentences already mark sentences, not names)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@cache
def _paren_series_re() -> re.Pattern:
    return re.compile(load("segmentation")["inline_paren_series"]["pattern"])


@cache
def _number_series_re() -> re.Pattern:
    return re.compile(load("segmentation")["inline_number_series"]["pattern"])


def _series_cuts(line: str, ls: int, le: int, rx: re.Pattern, least: int) -> list[int]:
    """Where an in-line series of ``rx``'s markers starts each item ("(i) A; (ii) B. (iii) C", "(1) A (2) B",
    or numbers that open sentences: "1- A. 2- B."): from its first marker, each next one in order (value
    one more, same kind), each opening a sentence (a capital after it); [] when there is no such run of
    two, or when its median item is shorter than ``least`` characters."""
    if line.count("|", ls, le) >= 2:
        return []  # (a flattened table's row keeps its cells whole)
    cuts: list[int] = []
    kind, last = "", 0
    for m in rx.finditer(line, ls, le):
        tok = m.group().strip("()-./ ")  # "(ii)" → "ii", "3-" → "3"
        k, v = ("d", int(tok)) if tok.isdigit() else ("r", _ROMAN.get(tok, 0))
        after = line[m.end() : m.end() + 3].lstrip(" *")[:1]
        if not after.isupper():  # "… 07 lĩnh vực sau: (1) bảo tàng; (2) thư viện": names, not sentences
            if after == "(" and cuts and k == kind and v == last + 1:
                last = v  # "(iii) (iv) Bố trí …": an empty item (a line lost) keeps the count
            continue
        if v == 1:
            if len(cuts) >= 2:
                break  # a second series: the first one stands
            cuts, kind, last = [m.start()], k, 1
        elif cuts and k == kind and v == last + 1:
            cuts.append(m.start())
            last = v
    inner = cuts[1:]
    if inner and 2 * sum(line[:c].rstrip(" *")[-1:] in ".;:" for c in inner) < len(inner):
        return []  # "gồm: (i) Năng lực cơ bản … và (ii) Năng lực đặc thù …": parts of one sentence
    ends = cuts[1:] + [le]
    if len(cuts) >= 2 and sorted(z - a for a, z in zip(cuts, ends))[len(cuts) // 2] < least:
        return []  # "gồm: (i) Bản lĩnh chính trị, tư tưởng; (ii) …": named parts, not items of work
    return cuts


@cache
def _md_prefix() -> re.Pattern:
    return re.compile(load("segmentation")["markdown"]["heading_prefix"])


@cache
def _md_heading() -> re.Pattern:
    return re.compile(load("segmentation")["markdown"]["heading"])


def segment(text: str) -> Outline:
    """Split unwrapped ``text`` into blocks and build their outline."""
    raw = []
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        ls = len(line) - len(line.lstrip())
        le = len(line.rstrip())
        if le <= ls:
            continue
        for a, z in _inline_pieces(line, ls, le):
            body = line[a:z]
            marker, mtype, boff = match_marker(body)
            if not marker and a > ls:  # "…; thứ hai, …": the series' own lower-case marker
                m = _inline_res()[1].match(body)
                marker, mtype, boff = (m.group(1), "ordinal", m.end()) if m else ("", "", 0)
            raw.append((s + a, s + z, body, marker, mtype, s + a + boff if marker else s + a))
    _ocr_roman_one(raw)
    blocks: list[Block] = []
    for k, (s, e, body, marker, mtype, bstart) in enumerate(raw):
        rest = text[bstart:e]
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        kind = "paragraph"
        if marker:
            kind = "item"
            if (
                mtype in ("part", "roman")
                or is_caps(rest)
                or (mtype == "article" and len(rest) < 120 and not rest.rstrip().endswith("."))
            ):
                kind = "heading"
            elif not re.search(r"[.;]\W*$", rest) and len(rest) <= 160 and nxt is not None:
                same = nxt[4] == mtype and level_key(nxt[3], nxt[4]) == level_key(marker, mtype)
                if not same and (nxt[3] or len(rest) < 90):
                    kind = "heading"
        elif _md_heading().fullmatch(body):
            kind = "heading"
            prev = blocks[-1] if blocks else None
            mtype = "caps_cont" if prev is not None and prev.marker_type in ("caps", "caps_cont") else "caps"
        elif is_caps(body) and len(body) <= 200:
            kind = "heading"
            prev = blocks[-1] if blocks else None
            mtype = "caps_cont" if prev is not None and prev.marker_type in ("caps", "caps_cont") else "caps"
        blocks.append(Block(s, e, text[s:e], kind, marker, mtype, bstart))
    parents = build_outline(blocks)
    return Outline(tuple(blocks), tuple(parents))


def _ocr_roman_one(raw: list) -> None:
    """An OCR engine reads a heading's "I." as "1.": when a text's roman headings start at "II."
    with no "I." before, and a "1." line before that "II." is followed by another "1." line (the
    first item under it) before the "II.", that first "1." line is the heading "I." (changed in place)."""
    romans = [k for k, r in enumerate(raw) if r[4] == "roman"]
    if not romans or raw[romans[0]][3].rstrip(".) ").replace("l", "I") != "II":
        return
    ones = [k for k in range(romans[0]) if raw[k][4] == "arabic" and raw[k][3].replace(" ", "") in ("1.", "1)")]
    if len(ones) >= 2:
        s, e, body, marker, _, bstart = raw[ones[0]]
        raw[ones[0]] = (s, e, body, marker, "roman", bstart)


_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”')]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


def sentences(text: str, start: int, end: int, protected=()) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]``; never ends a sentence inside a
    protected span (a reference, a date) or after an abbreviation."""
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in _raw_sentences(text, start, end, protected)) if b > a]


def first_sentence_end(text: str, start: int, end: int, protected=()) -> int:
    """The end of the first sentence of ``text[start:end]`` (that of :func:`sentences`' first span), or ``end``; reads
    no further than that sentence."""
    for a, b in _raw_sentences(text, start, end, protected):
        a, b = _trim(text, a, b)
        if b > a:
            return b
    return end


def _raw_sentences(text: str, start: int, end: int, protected) -> Iterator[tuple[int, int]]:
    """The untrimmed sentence spans of ``text[start:end]``, one at a time (:func:`sentences`)."""
    s = start
    abbrev = _abbrev_re()
    inside = _inside(protected)
    for m in _BOUNDARY.finditer(text, start, end):
        cut = m.start()
        if inside(cut):
            continue
        head = text[max(s, cut - 8) : cut]
        if abbrev.search(head):
            continue
        # "1.", "a." list numbers inside a sentence are not ends
        if re.search(r"(?:^|\s)(?:\d{1,2}|[a-zđ])\.$", head):
            continue
        yield s, cut
        s = m.end()
    if s < end:
        yield s, end


_PUNCT = re.compile(r"[()\[\]:;]")


_PROTECTED: tuple = (None, -1, None)  # the last ``protected`` list seen, its length and its test (one tuple: thread-safe)


def _inside(protected) -> Callable[[int], bool]:
    """``lambda cut: any(ps < cut < pe for ps, pe in protected)`` with a sorted index, built
    once per protected list (a document passes the same list for all its sentences)."""
    if not protected:
        return lambda cut: False
    global _PROTECTED
    last = _PROTECTED
    if last[0] is protected and last[1] == len(protected):
        return last[2]
    spans = sorted(protected)
    starts = [a for a, _ in spans]
    maxend = list(accumulate((b for _, b in spans), max))

    def inside(cut: int) -> bool:
        k = bisect_left(starts, cut)  # spans with ps < cut …
        return k > 0 and maxend[k - 1] > cut  # … one of which ends after cut

    _PROTECTED = (protected, len(protected), inside)
    return inside


def clauses(text: str, start: int, end: int, enumerations: bool = False) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at semicolons outside parentheses. Unless
    ``enumerations`` is true, a colon starts an enumeration ("ưu tiên các lĩnh
    vực: A; B; C") whose semicolons do not split the clause."""
    out, depth, s = [], 0, start
    in_enum = False
    for m in _PUNCT.finditer(text, start, end):  # only these characters change anything
        k = m.start()
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
    return [(a, b) for a, b in (_trim(text, a, b) for a, b in out) if b > a]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
