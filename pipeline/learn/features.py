"""Features of the segment classifier (:mod:`pipeline.learn.classifier`): the layout features of
a candidate clause and the hashed n-grams of its text, opening and heading (hashed as scikit-learn's
``HashingVectorizer`` does, each token once: :class:`pipeline.learn.hashing._CachedHashing`), with
each candidate's words found once."""

from __future__ import annotations

import math
import re

import numpy as np
from scipy import sparse

from .candidates import Candidate
from .hashing import _flat

__all__ = ["MARKER_TYPES"]

#: Marker types of :func:`pipeline.text.segment.match_marker` ("" for a paragraph; "caps" for an all-caps heading).
MARKER_TYPES = ("", "part", "article", "roman", "arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus", "caps")

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SENT = re.compile(r"[.!?]\s+[A-ZĐÀ-Ỹ]")


def _task_heading(heading: str) -> bool:
    from ..extraction.cues import is_task_heading

    return bool(heading) and is_task_heading(heading)


def _dense(c: Candidate, words: list[str] | None = None, task_heading: bool | None = None) -> list[float]:
    """The layout features of ``c``; ``words``: ``_WORD.findall(c.text)`` and ``task_heading``:
    ``_task_heading(c.heading)`` when the caller has them."""
    text = c.text
    if words is None:
        words = _WORD.findall(text)
    if task_heading is None:
        task_heading = _task_heading(c.heading)
    n = len(words)
    first = text.lstrip()[:1]
    row = [
        1.0,
        min(max(c.position, 0.0), 1.0),
        math.log1p(n) / 5.0,
        float(n <= 3),
        float(n > 60),
        float(bool(c.verb)),
        len(c.verb.split()) / 4.0,
        float(c.in_task_context),
        float(task_heading),
        float(not c.heading),
        float(first.isupper()),
        float(first.isdigit()),
        len(_DIGIT.findall(text)) / max(len(text), 1) * 5.0,
        float(text.rstrip().endswith(":")),
        float(_upper_words(words) > 0.5 * max(n, 1)),
        min(text.count(";"), 4) / 2.0,
        min(_sentence_breaks(text), 4) / 2.0,
        float(":" in text),
        float(c.heading.rstrip().endswith(":")),
        float(c.rule),
        float(c.prev_verb),
        float(c.next_verb),
        float(c.request),
        float(c.subject),
        float(c.lead),
        float(c.rule and c.in_task_context),
        float(bool(c.verb) and c.prev_verb and c.next_verb),
        # the document as a whole: how much of it opens with actions, stands in task contexts, and
        # whether the rules found anything in it (a news article that reports a plan in prose)
        c.doc_verbs,
        c.doc_verbs * bool(c.verb),
        float(c.doc_no_rule),
        float(c.doc_no_rule and bool(c.verb)),
        c.doc_context,
        c.doc_context * bool(c.verb),
        float(c.modal),
    ]
    mt = c.marker_type if c.marker_type in MARKER_TYPES else ""
    row += _ONE_HOT.get(mt) or _ONE_HOT[""]
    return row


_ONE_HOT = {m: [float(mt == m) for mt in MARKER_TYPES] for m in MARKER_TYPES}
_N_DENSE = 34 + len(MARKER_TYPES)  # the length of a row of _dense


def _sentence_breaks(text: str) -> int:
    """``len(_SENT.findall(text))``; a text without ".", "!" or "?" has none (most clauses)."""
    return len(_SENT.findall(text)) if "." in text or "!" in text or "?" in text else 0


def _upper_words(words: list[str]) -> int:
    """How many of ``words`` are all capitals and longer than one character."""
    n = 0
    for w in filter(str.isupper, words):  # few words are: the filter runs in C
        if len(w) > 1:
            n += 1
    return n


def _dense_matrix(X: list[Candidate], words: list[list[str]]) -> np.ndarray:
    """``[_dense(c) for c in X]`` as one array, built column by column (each heading's cue test
    done once); the same values as :func:`_dense` (``tests/test_classifier_speed.py``)."""
    m = len(X)
    out = np.zeros((m, _N_DENSE), dtype=float)
    if not m:
        return out
    task_heading: dict[str, bool] = {}
    for h in {c.heading for c in X}:
        task_heading[h] = _task_heading(h)
    texts = [c.text for c in X]
    headings = [c.heading for c in X]
    n = np.fromiter(map(len, words), dtype=np.int64, count=m)
    # float(a and b) of numbers a, b is np.where(a != 0, b, a)
    verb = np.array([bool(c.verb) for c in X], dtype=bool)
    ctx = np.array([c.in_task_context for c in X], dtype=float)
    rule = np.array([c.rule for c in X], dtype=float)
    prev = np.array([c.prev_verb for c in X], dtype=float)
    nxt = np.array([c.next_verb for c in X], dtype=float)
    doc_verbs = np.array([c.doc_verbs for c in X], dtype=float)
    doc_context = np.array([c.doc_context for c in X], dtype=float)
    no_rule = np.array([c.doc_no_rule for c in X], dtype=float)
    firsts = [t.lstrip()[:1] for t in texts]
    out[:, 0] = 1.0
    out[:, 1] = [min(max(c.position, 0.0), 1.0) for c in X]
    out[:, 2] = np.array(list(map(math.log1p, n.tolist())), dtype=float) / 5.0
    out[:, 3] = n <= 3
    out[:, 4] = n > 60
    out[:, 5] = verb
    out[:, 6] = np.array([len(c.verb.split()) for c in X], dtype=float) / 4.0
    out[:, 7] = ctx
    out[:, 8] = [task_heading[h] for h in headings]
    out[:, 9] = [not h for h in headings]
    out[:, 10] = list(map(str.isupper, firsts))
    out[:, 11] = list(map(str.isdigit, firsts))
    digits = np.array([len(_DIGIT.findall(t)) for t in texts], dtype=float)
    out[:, 12] = digits / np.maximum(np.fromiter(map(len, texts), dtype=np.int64, count=m), 1) * 5.0
    out[:, 13] = [t.rstrip().endswith(":") for t in texts]
    upper = np.fromiter(map(_upper_words, words), dtype=np.int64, count=m)
    out[:, 14] = upper > 0.5 * np.maximum(n, 1)
    out[:, 15] = np.minimum([t.count(";") for t in texts], 4) / 2.0
    out[:, 16] = np.minimum(list(map(_sentence_breaks, texts)), 4) / 2.0
    out[:, 17] = [":" in t for t in texts]
    out[:, 18] = [h.rstrip().endswith(":") for h in headings]
    out[:, 19] = rule
    out[:, 20] = prev
    out[:, 21] = nxt
    out[:, 22] = [c.request for c in X]
    out[:, 23] = [c.subject for c in X]
    out[:, 24] = [c.lead for c in X]
    out[:, 25] = np.where(rule != 0, ctx, rule)
    out[:, 26] = np.where(verb, np.where(prev != 0, nxt, prev), 0.0)
    out[:, 27] = doc_verbs
    out[:, 28] = doc_verbs * verb
    out[:, 29] = no_rule
    out[:, 30] = np.where(no_rule != 0, verb, no_rule)
    out[:, 31] = doc_context
    out[:, 32] = doc_context * verb
    out[:, 33] = [c.modal for c in X]
    types = {m: k for k, m in enumerate(MARKER_TYPES)}
    out[np.arange(m), 34 + np.array([types.get(c.marker_type, 0) for c in X], dtype=np.int64)] = 1.0
    return out


_WORD_TABLE: list = []  # [the \\w-ness of every code point below 0x10000], built on first use


def _word_table() -> np.ndarray:
    if not _WORD_TABLE:
        table = np.zeros(0x10000, dtype=bool)
        for m in _WORD.finditer("".join(map(chr, range(0x10000)))):
            table[m.start() : m.end()] = True
        _WORD_TABLE.append(table)
    return _WORD_TABLE[0]


def candidate_tokens(X: list[Candidate], text: str | None = None, spans=None) -> list[list[str]]:
    """``[_WORD.findall(c.text) for c in X]``; with ``text`` and ``spans`` (each candidate's
    (start, end) in ``text``), the document's tokens found once and each candidate's taken from
    them, the tokens of a candidate that is not ``text[start:end]`` or that cuts a word found
    in its own text (``tests/test_classifier_speed.py``)."""
    if text is None or spans is None or len(spans) != len(X) or not text:
        return [_WORD.findall(c.text) for c in X]
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if int(cp.max()) >= 0x10000:  # outside the table: each candidate's own
        return [_WORD.findall(c.text) for c in X]
    w = _word_table()[cp]
    edges = np.flatnonzero(np.diff(np.concatenate(([False], w, [False])).astype(np.int8)))
    toks = _WORD.findall(text)
    if len(toks) * 2 != len(edges):  # pragma: no cover - a \\w the table does not know
        return [_WORD.findall(c.text) for c in X]
    tstart, tend = edges[0::2], edges[1::2]
    n = len(text)
    S = np.fromiter((se[0] for se in spans), dtype=np.int64, count=len(X))
    E = np.fromiter((se[1] for se in spans), dtype=np.int64, count=len(X))
    wx = np.concatenate(([False], w, [False]))  # wx[p + 1]: the character at p is a word character
    inside = (S >= 0) & (S <= E) & (E <= n)
    Sc, Ec = np.clip(S, 0, n), np.clip(E, 0, n)
    cut = ~inside | (wx[Sc] & wx[Sc + 1]) | (wx[Ec] & wx[Ec + 1])  # a word runs across the start or the end
    lo = np.searchsorted(tstart, Sc, "left").tolist()
    hi = np.searchsorted(tend, Ec, "right").tolist()
    out = []
    for c, (s, e), k, a, z in zip(X, spans, cut.tolist(), lo, hi):
        if k or c.text != text[s:e]:
            out.append(_WORD.findall(c.text))
        else:
            out.append(toks[a:z])
    return out


def stack_features(X: list[Candidate], vectorisers, opening_chars: int, text: str | None = None, spans=None):
    """The sparse feature matrix of candidates (text, opening, heading, layout) with ``vectorisers``
    (words, opening, heading); ``text``, ``spans``: the document and each candidate's span in it,
    when the caller has them (its words are then found once). One recipe for the trained estimator
    and the light reader of its file."""
    words, opening, head = vectorisers
    tokens = candidate_tokens(X, text, spans)  # for the layout features and the word n-grams
    parts = [
        words.transform([c.text for c in X], _flat(tokens)),
        opening.transform([c.text[:opening_chars] for c in X]),
        head.transform([c.heading[:200] for c in X]),
        sparse.csr_matrix(_dense_matrix(X, tokens)),
    ]
    return sparse.hstack(parts, format="csr")
