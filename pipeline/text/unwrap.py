"""Stage 2: join hard line breaks into paragraphs and blank out page furniture.

The result has exactly the length of its input, so every offset stays valid:
a joined line break becomes a space, a furniture line becomes spaces, and a
paragraph break stays a newline.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from ..resources import alternation, lexicon, load
from .segment import is_caps, marker_alone, match_marker, opens_item

__all__ = ["Unwrapped", "unwrap", "unwrap_plan", "blanked_chunks"]

_SENT_END = re.compile(r"[.:;!?…]\W*$")
_JOIN_END = re.compile(r"[,(\-–/]$")
_BREAK_WORD = re.compile("break", re.IGNORECASE)  # (a page-break marker's word: the text is not copied to look)


@dataclass(frozen=True)
class Unwrapped:
    text: str
    furniture: tuple[tuple[int, int, str], ...]  # (start, end, pattern name)


def _line_at(spans: _Spans, pos: int) -> int:
    """Index of the line that holds offset ``pos`` (0 for a negative one)."""
    return max(0, bisect_right(spans.starts, pos) - 1)


class _Spans:
    """(start, end) of each line of a text, kept as an array of line starts (a 50 MB text has
    nearly a million lines: a list of tuples of them would take 100 MB)."""

    def __init__(self, text: str):
        starts = array("q", [0])
        pos = text.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        starts.append(len(text) + 1)
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.starts[i + 1] - 1

    def __iter__(self):
        starts = self.starts
        return ((starts[i], starts[i + 1] - 1) for i in range(len(starts) - 1))


_is_caps = is_caps  # (the segmenter's test of a line in capitals)


_HEADLINE_MAX = 200  # the lines of a related-articles list are headlines
_SITE_TAIL_MAX = 20_000  # characters: a legal site's page foot stands in the text's last ones
_CHUNK = 1 << 20  # characters of the result joined at a time


_LAZY = 4 << 20  # characters above which the stripped lines are made when asked for, not held


class _Stripped:
    """``[text[s:e].strip() for s, e in spans]`` of a large text, each line made when asked for
    (a 50 MB text's lines held at once take ~150 MB)."""

    def __init__(self, text: str, spans: _Spans):
        self.text, self.starts = text, spans.starts

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.text[self.starts[i] : self.starts[i + 1] - 1].strip()

    def __iter__(self):
        text, starts = self.text, self.starts
        return (text[starts[i] : starts[i + 1] - 1].strip() for i in range(len(starts) - 1))

    def clear(self) -> None:
        self.text, self.starts = "", array("q", [0])


def unwrap(text: str) -> Unwrapped:
    """Return ``text`` with wrapped lines joined and furniture blanked (same length)."""
    blanks, joined, furniture = unwrap_plan(text)
    return Unwrapped(_blanked(text, blanks, joined), furniture)


def unwrap_plan(text: str) -> tuple[list[tuple[int, int]], array, tuple[tuple[int, int, str], ...]]:
    """What :func:`unwrap` changes: the spans blanked, the line breaks joined (for
    :func:`blanked_chunks`) and the furniture."""
    lx = lexicon()
    quotes = _blockquote_blanks(text)
    if quotes:  # the lines as they read without their quote marks (same length, so the same offsets)
        text = _blanked(text, quotes)
    spans = _Spans(text)
    stripped: list[str] | _Stripped = [text[s:e].strip() for s, e in spans] if len(text) <= _LAZY else _Stripped(text, spans)
    furn = _line_furniture(stripped, lx)
    for j in _site_tail(stripped, max(len(stripped) // 2, _line_at(spans, len(text) - _SITE_TAIL_MAX))):
        furn.setdefault(j, "site_tail")
    # a web page's list of related articles: its opening line and all after it, in the last half
    nonblank = array("q", (i for i, line in enumerate(stripped) if line))
    for k in range(len(nonblank) // 2, len(nonblank)):
        if lx.web_tail.fullmatch(stripped[nonblank[k]]) and all(len(stripped[j]) <= _HEADLINE_MAX for j in nonblank[k + 1 :]):
            for j in nonblank[k:]:
                furn.setdefault(j, "web_tail")
            break
    del nonblank
    content = array("q", (i for i, line in enumerate(stripped) if line and i not in furn))
    # lone page numbers: at the edges of the text or beside other furniture
    edge = set(content[:2]) | set(content[-2:])
    lone = [i for i in content if lx.lone_number.fullmatch(stripped[i])]  # tested once, used twice
    for _ in range(2):
        for i in lone:
            if i in furn:
                continue
            near = any((k in furn) for k in range(max(0, i - 3), min(len(spans), i + 4)) if k != i)
            if i in edge or near:
                furn[i] = "page_number"
    content = array("q", (i for i in content if i not in furn))
    lengths = sorted(len(stripped[i]) for i in content if stripped[i].count("|") < 2)  # table rows are not wrapped text
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    wrapped = 20 <= width <= 250
    del lengths

    # every change turns characters into spaces: collect the spans, then build the text once
    blanks = _markdown_blanks(text) + quotes
    for i in furn:
        blanks.append(spans[i])
    joined = array("q")  # the line breaks joined, in increasing order: each a one-character span
    marker = _Memo(lambda i: bool(match_marker(stripped[i])[0]))  # each line is b, then a
    caps = _Memo(lambda i: _is_caps(stripped[i]))
    for a, b in zip(content, content[1:]):
        if _joins(stripped[a], stripped[b], a, b, stripped, furn, width, wrapped, marker, caps):
            # the line breaks between two joined lines: one at the end of each line a … b-1
            joined.extend(spans[k][1] for k in range(a, b))
    stripped.clear()  # the lines, the memos and the pairs are done with: free them before the text is built
    marker.clear()
    caps.clear()
    del content
    furniture = tuple((spans[i][0], spans[i][1], n) for i, n in sorted(furn.items()))
    return blanks, joined, furniture


def _line_furniture(stripped, lx) -> dict[int, str]:
    """The furniture lines found one by one (line index → pattern name): front matter, lines a furniture
    pattern matches, a date alone under a page's headline, a document card's value under its label."""
    furn: dict[int, str] = {}
    any_furniture = _any_furniture(lx)
    for i in _front_matter(stripped):
        furn[i] = "front_matter"
    prev = -1  # the last line with content, for a document card's value under its label
    page_date, page_date_lines = _page_date()
    seen = 0  # lines with content so far
    for i, line in enumerate(stripped):
        if not line or i in furn:
            continue
        seen += 1
        if (
            seen <= page_date_lines
            and page_date.fullmatch(line)
            and not (prev >= 0 and stripped[prev].rstrip("*_ ").endswith(":"))
        ):
            furn[i] = "page_date"  # "11/10/2022" under a page's headline (not a label's value: "Thời hạn:" ⏎ "30/11/2025")
            continue
        if any_furniture(line):  # one test for all patterns, then which one
            for name, rx in lx.furniture:
                if rx.fullmatch(line):
                    furn[i] = name
                    break
        if not line.strip("|# "):  # an empty cell of a card's flattened table
            continue
        # "**Ngày ban hành:**" ⏎⏎ "22/11/2025"
        if prev >= 0 and i not in furn and lx.card_value.fullmatch(line) and lx.card_label.fullmatch(stripped[prev]):
            furn[i] = "legal_site_card"
        prev = i
    return furn


def _blanked(text: str, blanks: list[tuple[int, int]], joined=()) -> str:
    """``text`` with the characters of ``blanks`` (spans, possibly overlapping) and those at the
    positions ``joined`` (in increasing order) made spaces."""
    chunks = blanked_chunks(text, blanks, joined)
    return chunks[0] if len(chunks) == 1 else "".join(chunks)


def blanked_chunks(text: str, blanks: list[tuple[int, int]], joined=()) -> list[str]:
    """:func:`_blanked` as pieces to join (``[text]`` when nothing changes), built a megabyte at a
    time, so that the pieces of a large text are never all in memory at once; a caller holding
    the only reference to ``text`` frees it before joining them."""
    if not blanks and not joined:
        return [text]
    blanks.sort()
    spans = heapq.merge(blanks, ((p, p + 1) for p in joined))
    chunks: list[str] = []
    pieces: list[str] = []
    size = 0
    pos = 0
    for s, e in spans:
        if e <= pos:
            continue
        if s > pos:
            pieces.append(text[pos:s])
            size += s - pos
        else:
            s = pos
        pieces.append(" " * (e - s))
        size += e - s
        pos = e
        if size >= _CHUNK:
            chunks.append("".join(pieces))
            pieces, size = [], 0
    pieces.append(text[pos:])
    chunks.append("".join(pieces))
    return chunks


@cache
def _markdown_res() -> tuple[re.Pattern, re.Pattern]:
    d = load("furniture")["markdown_inline"]
    return re.compile(d["image"]), re.compile(d["link"])


@cache
def _page_break_re() -> re.Pattern:
    return re.compile(load("furniture")["markdown_inline"]["page_break"], re.IGNORECASE)


@cache
def _blockquote_re() -> re.Pattern:
    return re.compile(load("furniture")["markdown_inline"]["blockquote"])


def _blockquote_blanks(text: str) -> list[tuple[int, int]]:
    """The spans of a Markdown block quote's marks at the starts of lines ("> a) Kiểm tra …")."""
    return [m.span() for m in _blockquote_re().finditer(text)] if ">" in text else []


def _markdown_blanks(text: str) -> list[tuple[int, int]]:
    """The spans to blank of Markdown images, of the brackets and addresses of links, and of a
    converter's page-break marker inside a line."""
    out = [m.span() for m in _page_break_re().finditer(text)] if _BREAK_WORD.search(text) else []
    if "](" not in text:
        return out
    image, link = _markdown_res()
    images = [m.span() for m in image.finditer(text)]
    out.extend(images)
    starts = [s for s, _ in images]
    for m in link.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < images[k][1]:
            continue  # inside a blanked image
        out.append((m.start(), m.start() + 1))
        out.append((m.end(1), m.end()))
    return out


class _Memo(dict):
    """f(i) for a pure ``f``, kept for the last few ``i`` asked (the pairs of lines are asked in
    order: a line is b, then a; a memo of every line of a 50 MB text would take 100 MB)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def __missing__(self, i):
        if len(self) >= 8:
            self.clear()
        v = self[i] = self.f(i)
        return v


@cache
def _furniture_alternation(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _any_furniture(lx):
    """``fullmatch`` of a line by any furniture pattern in one call: an alternation fullmatches a
    line exactly when one of its branches does (the patterns have no back-references)."""
    rxs = [rx for _, rx in lx.furniture]
    if all(rx.flags == rxs[0].flags for rx in rxs) and not any(
        "(?P=" in rx.pattern or re.search(r"\\\d", rx.pattern) for rx in rxs
    ):
        return _furniture_alternation(tuple(rx.pattern for rx in rxs)).fullmatch
    return lambda line: True


def _stray_period(line: str, has_marker: bool) -> bool:
    """An OCR's stray full stop closing a paragraph's first line ("e) Chủ động theo dõi diễn biến." ⏎⏎
    "thời tiết do …"): the line opens the paragraph (a marker or a capital) and holds no other stop."""
    return (
        line.endswith(".")
        and line.count(".") == 1 + (1 if has_marker and match_marker(line)[0].endswith(".") else 0)
        and (has_marker or line[:1].isupper())
    )


def _joins(a: str, b: str, ia: int, ib: int, stripped, furn, width: int, wrapped: bool, marker=None, caps=None) -> bool:
    if marker is None:
        marker = _Memo(lambda i: bool(match_marker(stripped[i])[0]))
    if caps is None:
        caps = _Memo(lambda i: _is_caps(stripped[i]))
    if a.count("|") >= 2 or b.count("|") >= 2:
        return False
    if marker_alone(a) and not marker[ib] and ib - ia <= 3:
        return True  # "1 ." ⏎ "Tăng cường …": a marker alone on its line heads the next one
    if _dangling(a) and not marker[ib] and not caps[ia] and not caps[ib] and not opens_item(b) and ib - ia <= 3:
        return True  # "… ban hành Chỉ thị số" ⏎⏎ "33/2004/CT-TTg …": no sentence ends with "số", "của", "và" …
    if not wrapped:
        return False
    between = range(ia + 1, ib)
    if marker[ib]:
        return False
    if any(furn.get(k) == "rule" for k in between):
        return False  # a rule ends what stands above it ("Tiêu đề" ⏎ "=====": a Markdown heading's underline)
    if any(not stripped[k] and k not in furn and not _near_furniture(k, furn) for k in between):
        # a real blank line, unless it cuts a sentence: a line that ends inside a sentence, then a
        # line that goes on in lower case (an OCR or converter's stray blank line; Tesseract leaves
        # one after a paragraph's indented first line or a short heading line, whatever their length);
        # a page number is no sentence, nor does a list item go on one (:func:`opens_item`)
        return (
            b[0].islower()
            and (not _SENT_END.search(a) or a.endswith(";") or _stray_period(a, marker[ia]))
            and not caps[ia]
            and not a.isdigit()
            and not opens_item(b)
        )
    if _open_emphasis(a) and "*" in b:
        return True  # "**III. GIẢI" ⏎ "PHÁP THỰC HIỆN**": an emphasis (a bold heading) closes on the next line
    first = b[0]
    if caps[ia] and not caps[ib]:
        return False
    if _JOIN_END.search(a):
        return True
    if a[:1].islower() and first.isupper() and not any(stripped[k] for k in range(ia)):
        return False  # "chỉ thị về việc … những năm tiếp theo" ⏎ "Trong thời gian qua, …": a lower-cased title line
    if not _SENT_END.search(a) and _cited_on(b):
        return True  # "1. Triển khai thực hiện" ⏎ "Chương trình số 05/CTr-UBND …": a citation goes on the sentence
    if _SENT_END.search(a) and (first.isupper() or first.isdigit() or first in "(\"“'"):
        return False
    if len(a) < 0.6 * width and (first.isupper() or first.isdigit()) and not a.endswith(("số", "ngày", "tháng", "năm")):
        return False
    if (
        marker[ia]
        and first.isupper()
        and not _SENT_END.search(a)
        and (len(a) < 0.85 * width or (len(a) <= 0.93 * width and b.split()[0] not in _proper_heads()))
    ):
        return False  # a short numbered heading line followed by a new sentence
    return True


_FRONT_OPEN = re.compile(r"(?:---|\+\+\+)(?:json|ya?ml|toml)?")
# a YAML key or list entry, a JSON member or brace, a TOML key
_FRONT_KEY = re.compile(r"[A-Za-z_][\w-]{0,40}\s*[:=](?:\s.*)?|-\s.*|\"[\w-]{1,40}\"\s*:.*|[{}\[\]],?")
_FRONT_MAX = 60  # lines


def _site_tail(stripped, first: int) -> list[int]:
    """The lines of a legal site's page foot: its opening line (or the document's title repeated
    above the site's note) and every line after it, from line ``first`` on (the caller takes the
    last half, within the text's last _SITE_TAIL_MAX characters: a page's foot is short; in a long
    text that joins several documents the words open no foot)."""
    lx = lexicon()
    for i in range(first, len(stripped)):
        if not stripped[i]:
            continue
        opens = i if lx.site_tail.fullmatch(stripped[i]) else None
        if opens is None and lx.site_tail_previous.fullmatch(stripped[i]):  # from the repeated title above
            opens = next((k for k in range(i - 1, max(first, i - 4) - 1, -1) if stripped[k]), i)
        if opens is not None:
            return [j for j in range(opens, len(stripped)) if stripped[j]]
    return []


def _front_matter(stripped) -> range:
    """The lines of a front matter that a PDF-to-Markdown converter or a site generator puts at the
    top of a text ("---" ⏎ "title: …" ⏎ "source: …" ⏎ "---"; also "---json" with JSON members, "+++"
    with TOML keys): every line from the opening one to the closing one, when all lines between
    are keys, list entries or braces; else no line."""
    first = next((i for i in range(min(len(stripped), 5)) if stripped[i]), None)
    if first is None or not _FRONT_OPEN.fullmatch(stripped[first]):
        return range(0)
    for j in range(first + 1, min(len(stripped), first + _FRONT_MAX)):
        line = stripped[j]
        if line in ("---", "+++"):
            return range(first, j + 1) if j > first + 1 else range(0)
        if line and not _FRONT_KEY.fullmatch(line):
            return range(0)
    return range(0)


def _open_emphasis(line: str) -> bool:
    """Whether ``line`` opens a Markdown emphasis it does not close (an odd number of "**", or of
    single "*"; a bullet's "* " not counted)."""
    body = line[2:] if line.startswith("* ") else line
    bold = body.count("**")
    return bold % 2 == 1 or (body.count("*") - 2 * bold) % 2 == 1


@cache
def _cited_on_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(lexicon().type_words)})\s+số\s*\d")


def _cited_on(line: str) -> bool:
    """Whether ``line`` opens with a document cited by its number ("Chương trình số 05/CTr-UBND …"), which
    no paragraph of a plan opens with: the sentence of the line above goes on."""
    return bool(_cited_on_re().match(line))


@cache
def _proper_heads() -> frozenset:
    return frozenset(load("segmentation")["proper_heads"]["words"])


@cache
def _dangling_re() -> re.Pattern:
    d = load("segmentation")["dangling"]
    words = sorted(d["words"], key=len, reverse=True)
    endings = "".join(rf"(?<!{re.escape(w)}\s)" for w in d["ending_before"])  # "… những năm tiếp theo" ends
    return re.compile(r"(?<!\w)" + endings + r"(?:" + "|".join(map(re.escape, words)) + r")$")


def _dangling(line: str) -> bool:
    """Whether ``line`` ends with a word that never ends a sentence ("… quy định của"; ``segmentation.toml``
    ``[dangling]``): its sentence goes on after a blank line."""
    return bool(_dangling_re().search(line))


@cache
def _page_date() -> tuple[re.Pattern, int]:
    d = load("furniture")["page_date"]
    return re.compile(d["pattern"]), int(d["lines"])


def _near_furniture(k: int, furn) -> bool:
    return any(j in furn for j in range(k - 3, k + 4))
