"""Exact, faster ``finditer`` for case-insensitive patterns that open with words.

Python's ``re`` cannot skip ahead in a text when a pattern compiled with ``re.IGNORECASE``
opens with a cased letter or an alternation of words: it tries a full match at every
position, which makes the time scanner's 29 patterns cost ~1 µs a character. Here each
pattern gets a *trigger*: a trie of the literal prefixes (up to :data:`PREFIX_LEN`
tokens) that every match of the pattern must start with, searched without IGNORECASE in
a case-folded copy of the text, where ``re`` skips ahead with a character-set test. The
pattern itself is then tried (``rx.match(text, pos)``) only where a trigger starts.

The result is exactly ``list(rx.finditer(text))`` — the same match objects, in the same
order — because

* a trigger is a *necessary* prefix, derived from the parsed pattern (``re._parser``):
  branches, optional and repeated groups, look-arounds and anchors are followed soundly,
  and anything not understood ends the prefix (a pattern with no usable prefix falls
  back to ``finditer``);
* the folded copy maps every character ``c`` to ``canon(c.lower())``, where ``canon``
  merges ``re``'s extra case equivalences (``re._casefix``, e.g. ``ſ``/``s``,
  ``ı``/``i``): a case-insensitive literal match implies equal folded characters. When
  ``str.lower`` changes the text's length (``İ``) the plain ``finditer`` is used;
* ``rx.match(text, p)`` at the leftmost trigger ``p`` at or after the last match's end is
  what ``finditer``'s search tries at ``p``; every earlier position has no trigger and so
  cannot start a match. Matches are never empty (every prefix is non-empty).

``tests/test_fastscan.py`` checks the equality on the corpus and on generated text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["Scanner", "fold", "compile_scanner", "required_chars", "required_strings", "Prefiltered"]

try:  # Python ≥ 3.11
    from re import _constants as _C  # type: ignore[attr-defined]  # the parser's own tables
    from re import _parser as _P  # type: ignore[attr-defined]
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - older Pythons: no fast path
    _C = _P = None
    _EXTRA_CASES = None

#: Tokens of literal prefix a trigger holds (longer: fewer false starts, larger tries).
PREFIX_LEN = 4
_MAX_PREFIXES = 4000

_PLAIN = set("0123456789 \t\n\r\f\v!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~–—…“”‘’")


def _canon_table() -> dict[int, int]:
    table = {}
    for lo, others in (_EXTRA_CASES or {}).items():
        cls = (lo,) + tuple(others)
        m = min(cls)
        for c in cls:
            if c != m:
                table[c] = m
    return table


_CANON = _canon_table()
_NONCANON = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CANON)) + "]") if _CANON else None


def fold(text: str) -> str | None:
    """The case-folded copy of ``text`` that triggers are searched in (same length), or None
    when lower-casing changes the length (then triggers cannot be used)."""
    low = text.lower()
    if len(low) != len(text):
        return None
    if _NONCANON is not None and _NONCANON.search(low):
        low = low.translate(_CANON)
    return low


def _fold_char(cp: int) -> str | None:
    low = chr(cp).lower()
    if len(low) != 1:
        return None
    return chr(_CANON.get(ord(low), ord(low)))


def _lit_token(cp: int, ignorecase: bool) -> str | None:
    ch = chr(cp)
    if ch in _PLAIN:
        return re.escape(ch)
    f = _fold_char(cp)  # case-sensitive or not, the folded character is a superset
    return re.escape(f) if f is not None else None


def _class_token(items) -> str | None:
    """A token for a character class made only of uncased characters and \\d / \\s."""
    parts = []
    for op, av in items:
        if op is _C.LITERAL and chr(av) in _PLAIN:
            parts.append(re.escape(chr(av)))
        elif op is _C.RANGE and all(chr(c) in _PLAIN for c in range(av[0], av[1] + 1)):
            parts.append(re.escape(chr(av[0])) + "-" + re.escape(chr(av[1])))
        elif op is _C.CATEGORY and av is _C.CATEGORY_DIGIT:
            parts.append(r"\d")
        elif op is _C.CATEGORY and av is _C.CATEGORY_SPACE:
            parts.append(r"\s")
        else:
            return None
    if not parts:
        return None
    if len(parts) == 1 and parts[0] in (r"\d", r"\s"):
        return parts[0]
    return "[" + "".join(parts) + "]"


def _prefixes(items: list, k: int, ic: bool) -> set[tuple[str, ...]]:
    """Token tuples (≤ ``k`` long) one of which every match of ``items`` starts with; a tuple
    that stops early (a token not understood, the end of the pattern) is still necessary.
    ``()`` in the result means: no constraint."""
    if k == 0 or not items:
        return {()}
    op, av = items[0]
    rest = items[1:]
    if op is _C.LITERAL:
        tok = _lit_token(av, ic)
        return {(tok,) + p for p in _prefixes(rest, k - 1, ic)} if tok else {()}
    if op is _C.IN:
        tok = _class_token(av)
        return {(tok,) + p for p in _prefixes(rest, k - 1, ic)} if tok else {()}
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return _prefixes(rest, k, ic)  # zero width: constrains nothing here
    if op is _C.SUBPATTERN:
        _group, add, dele, p = av
        if add or dele:
            return {()}
        return _prefixes(list(p.data) + rest, k, ic)
    if op is _C.BRANCH:
        out: set = set()
        for alt in av[1]:
            out |= _prefixes(list(alt.data) + rest, k, ic)
            if () in out:
                return {()}
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        lo, hi, p = av
        body = _prefixes(list(p.data) + rest, k, ic) if hi == 1 else _prefixes(list(p.data), k, ic)
        return body | _prefixes(rest, k, ic) if lo == 0 else body
    return {()}


def _trie_regex(prefixes) -> str:
    trie: dict = {}
    for p in prefixes:
        node = trie
        for tok in p:
            node = node.setdefault(tok, {})
        node[""] = {}  # a prefix ends here

    def emit(node) -> str:
        if "" in node:
            return ""  # a shorter prefix suffices
        alts = [tok + emit(child) for tok, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


def _expand_digit_root(prefixes):
    """``\\d`` as a first token becomes the ten ASCII digits, so that every alternative of the
    trie opens with a literal and ``re`` can skip ahead (only used on texts whose digits are
    all ASCII)."""
    out = set()
    for p in prefixes:
        if p and p[0] == r"\d":
            out.update((d,) + p[1:] for d in "0123456789")
        elif p and p[0].startswith("[") and r"\d" in p[0]:
            return None
        else:
            out.add(p)
    return out


class Scanner:
    """``finditer`` of one compiled pattern, through its trigger when it has one."""

    def __init__(self, rx: re.Pattern, prefix_len: int = PREFIX_LEN):
        self.rx = rx
        self.trigger = self.trigger_ascii = None
        self.heads: tuple[str, ...] | None = None
        self.heads_ascii: tuple[str, ...] | None = None
        self.whole: frozenset[str] = frozenset()
        self.whole_ascii: frozenset[str] = frozenset()
        if _C is None or rx.flags & re.LOCALE or not rx.flags & re.UNICODE:
            return
        try:
            parsed = _P.parse(rx.pattern, rx.flags)
        except Exception:  # pragma: no cover
            return
        ic = bool(rx.flags & re.IGNORECASE)
        k = prefix_len
        while k > 0:
            pre = _prefixes(list(parsed.data), k, ic)
            if () in pre:
                return
            if len(pre) <= _MAX_PREFIXES:
                break
            k -= 1
        else:  # pragma: no cover
            return
        if any(p[0] in (r"\s", " ") or (p[0].startswith("[") and (" " in p[0] or r"\s" in p[0])) for p in pre):
            return  # a match may open with a blank: triggers everywhere, no gain
        self.prefixes = pre
        flags = re.DOTALL  # tokens never hold "." anyway
        self.trigger = re.compile(_trie_regex(pre), flags)
        self.heads, self.whole = _heads(pre) or (None, frozenset())
        asc = _expand_digit_root(pre)
        if asc is not None:
            self.trigger_ascii = re.compile(_trie_regex(asc), flags)
            self.heads_ascii, self.whole_ascii = _heads(asc) or (None, frozenset())

    def finditer(
        self, text: str, folded: str | None = None, ascii_digits: bool | None = None, pos: int = 0
    ) -> Iterator[re.Match]:
        """The matches of the pattern in ``text``, as ``rx.finditer(text, pos)`` gives them.
        ``folded``: :func:`fold` of ``text`` when the caller has it (else the last text's is
        reused when it is the same object); ``ascii_digits``: whether every ``\\d`` character of
        the text is an ASCII digit."""
        if self.trigger is None:
            return self.rx.finditer(text, pos)
        if folded is None or ascii_digits is None:
            folded, ascii_digits = _folded(text)
        if folded is None:
            return self.rx.finditer(text, pos)
        if ascii_digits and self.trigger_ascii is not None:
            return self._scan(text, trigger_starts(self.trigger_ascii, folded, self.heads_ascii, self.whole_ascii), pos)
        return self._scan(text, trigger_starts(self.trigger, folded, self.heads, self.whole), pos)

    def _scan(self, text, starts, pos=0):
        # ``starts``: every trigger position; the leftmost at or after ``pos`` is where
        # ``trig.search(folded, pos)`` would stop
        match = self.rx.match
        i = bisect_left(starts, pos)
        n = len(starts)
        while i < n:
            s = starts[i]
            m = match(text, s)
            if m is None:
                i += 1
                continue
            yield m
            i = bisect_left(starts, m.end(), i + 1)  # never empty: every prefix has a token


_STARTS: tuple = (None, {})  # the last folded text, its trigger positions by trigger pattern


def trigger_starts(
    trig: re.Pattern, folded: str, heads: tuple[str, ...] | None = None, whole: frozenset[str] = frozenset()
) -> list[int]:
    """Every position ``p`` of ``folded`` where ``trig.match(folded, p)`` succeeds, in order.
    With ``heads`` (:func:`_heads`: literal strings one of which opens every match): the places
    where a head occurs (``str.find``, kept per head, so triggers that share one find it once),
    each tried with ``trig.match`` unless the head is a whole prefix (``whole``); else one ``finditer`` and, inside each of its matches, the
    positions where another match starts. Kept for the last folded text (patterns that share a
    trigger scan it once); one tuple, read and replaced whole, as :data:`_LAST`."""
    global _STARTS
    last = _STARTS
    if last[0] is not folded:
        last = _STARTS = (folded, {})
    cache = last[1]
    key = (trig.pattern, trig.flags)
    starts = cache.get(key)
    if starts is None:
        tmatch = trig.match
        if heads is not None:
            found: set[int] = set()
            sure: set[int] = set()  # where a head that is a whole prefix occurs: a trigger match
            for h in heads:
                occ = cache.get(h)
                if occ is None:
                    occ = cache[h] = _occurrences(folded, h)
                (sure if h in whole else found).update(occ)
            found -= sure
            starts = sorted(sure.union(p for p in found if tmatch(folded, p)))
        else:
            starts = []
            for t in trig.finditer(folded):
                s, e = t.span()
                starts.append(s)
                starts.extend(p for p in range(s + 1, e) if tmatch(folded, p))
        cache[key] = starts
    return starts


def _occurrences(text: str, head: str) -> list[int]:
    """Every position where ``head`` occurs in ``text`` (overlapping ones too)."""
    out = []
    find = text.find
    p = find(head)
    while p >= 0:
        out.append(p)
        p = find(head, p + 1)
    return out


def _heads(prefixes) -> tuple[tuple[str, ...], frozenset[str]] | None:
    """The literal strings that open the prefixes (each prefix's tokens up to its first class),
    without those that hold a shorter one as their own start, and those of them that are a whole
    prefix (where one occurs, the trigger matches); None when a prefix opens with a class
    (``\\d``, ``[…]``)."""
    out = set()
    whole = set()
    for p in prefixes:
        head = []
        for tok in p:
            if len(tok) == 1:
                head.append(tok)
            elif len(tok) == 2 and tok[0] == "\\" and tok not in (r"\d", r"\s"):
                head.append(tok[1])  # re.escape of one character
            else:
                break
        if not head:
            return None
        out.add("".join(head))
        if len(head) == len(p):
            whole.add("".join(head))
    heads = tuple(sorted(h for h in out if not any(h != o and h.startswith(o) for o in out)))
    return heads, frozenset(whole.intersection(heads))


_NON_ASCII_DIGIT = re.compile(r"[^\D0-9]")
_LAST: tuple = (None, None, False)  # the last text folded, its folded copy, its digit flag


def _folded(text: str) -> tuple[str | None, bool]:
    """:func:`fold` and :func:`has_only_ascii_digits` of ``text``, kept for the last text (the same
    string object is scanned by many patterns in a row). One tuple, read and replaced whole, so
    that threads never mix two texts' entries."""
    global _LAST
    last = _LAST
    if last[0] is not text:
        last = _LAST = (text, fold(text), has_only_ascii_digits(text))
    return last[1], last[2]


def has_only_ascii_digits(text: str) -> bool:
    return _NON_ASCII_DIGIT.search(text) is None


@lru_cache(maxsize=256)
def compile_scanner(rx: re.Pattern) -> Scanner:
    return Scanner(rx)


def _required(items: list, ic: bool) -> set[str]:
    """Characters every match of ``items`` consumes: literals of the top-level sequence, of
    groups and of repeats taken at least once (uncased ones only when ``ic``)."""
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            ch = chr(av)
            if not ic or (ch.lower() == ch == ch.upper() and av not in _CANON and _fold_char(av) == ch):
                out.add(ch)
        elif op is _C.SUBPATTERN:
            _group, add, dele, p = av
            if not (add or dele):
                out |= _required(list(p.data), ic)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            out |= _required(list(av[2].data), ic)
    return out


def required_chars(rx: re.Pattern) -> frozenset[str]:
    """Characters that every match of ``rx`` contains (a text without one of them has no match);
    empty when none is known."""
    if _C is None or rx.flags & re.LOCALE or not rx.flags & re.UNICODE:
        return frozenset()
    try:
        parsed = _P.parse(rx.pattern, rx.flags)
    except Exception:  # pragma: no cover
        return frozenset()
    return frozenset(_required(list(parsed.data), bool(rx.flags & re.IGNORECASE)))


def _runs(items: list, ic: bool) -> list[str]:
    """Strings every match of the sequence ``items`` contains: its runs of literals (folded
    when ``ic``), and those of its groups and of repeats taken at least once."""
    runs: list[str] = []
    cur: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            ch = _fold_char(av) if ic else chr(av)
            if ch is not None:
                cur.append(ch)
                continue
        elif op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
            continue  # zero width: the literals around it stay adjacent
        if cur:
            runs.append("".join(cur))
            cur = []
        if op is _C.SUBPATTERN and not (av[1] or av[2]):
            runs += _runs(list(av[3].data), ic)
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            runs += _runs(list(av[2].data), ic)
    if cur:
        runs.append("".join(cur))
    return runs


def required_strings(rx: re.Pattern, skip_at_start: bool = False) -> tuple[tuple[str, ...], ...]:
    """For each top-level alternative of ``rx``, strings that every match through it contains
    (case-folded as :func:`fold` folds a text when ``rx`` ignores case): a text that holds all
    the strings of no alternative has no match. Empty when an alternative holds none; with
    ``skip_at_start``, alternatives that match only at the start of a text (``^…`` without
    MULTILINE) are left out instead (see :func:`_at_start_alternatives`)."""
    if _C is None or rx.flags & re.LOCALE or not rx.flags & re.UNICODE:
        return ()
    try:
        items = list(_P.parse(rx.pattern, rx.flags).data)
    except Exception:  # pragma: no cover
        return ()
    while len(items) == 1 and items[0][0] is _C.SUBPATTERN and not (items[0][1][1] or items[0][1][2]):
        items = list(items[0][1][3].data)
    alts = [list(a.data) for a in items[0][1][1]] if len(items) == 1 and items[0][0] is _C.BRANCH else [items]
    if skip_at_start:
        alts = [a for a in alts if not _at_start(a, rx.flags)]
        if not alts:
            return ()
    ic = bool(rx.flags & re.IGNORECASE)
    out = tuple(tuple(dict.fromkeys(_runs(a, ic))) for a in alts)
    return () if any(not a for a in out) else out


def _at_start(items: list, flags: int) -> bool:
    """The sequence ``items`` opens with ``^`` (not MULTILINE) or ``\\A``: it matches at the start only."""
    if not items or items[0][0] is not _C.AT:
        return False
    return items[0][1] is _C.AT_BEGINNING_STRING or (items[0][1] is _C.AT_BEGINNING and not flags & re.MULTILINE)


def _at_start_alternatives(rx: re.Pattern) -> bool:
    """Whether some top-level alternative of ``rx`` matches only at the start of a text."""
    if _C is None or rx.flags & re.LOCALE or not rx.flags & re.UNICODE:
        return False
    try:
        items = list(_P.parse(rx.pattern, rx.flags).data)
    except Exception:  # pragma: no cover
        return False
    while len(items) == 1 and items[0][0] is _C.SUBPATTERN and not (items[0][1][1] or items[0][1][2]):
        items = list(items[0][1][3].data)
    alts = [list(a.data) for a in items[0][1][1]] if len(items) == 1 and items[0][0] is _C.BRANCH else [items]
    return any(_at_start(a, rx.flags) for a in alts)


class Prefiltered:
    """``rx.search`` that first checks what every match contains (:func:`required_chars`, then
    :func:`required_strings` in the text, case-folded when ``rx`` ignores case): most blocks of
    a document lack it, and ``in`` on a string is much faster than a search that tries every
    position. Same result as ``rx.search``."""

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        self.pattern = rx.pattern
        self.required = tuple(sorted(required_chars(rx)))
        self.alternatives = required_strings(rx)
        # alternatives that match only at the start ("^\\s*\\d+ nhiệm vụ …"): when no other one can
        # match, a search is a match at 0
        self.at_start = False
        if not self.alternatives and _at_start_alternatives(rx):
            self.alternatives = required_strings(rx, skip_at_start=True)
            self.at_start = bool(self.alternatives)
        self.ignorecase = bool(rx.flags & re.IGNORECASE)

    def search(self, string: str, *args) -> re.Match | None:
        for ch in self.required:
            if ch not in string:
                return None
        if self.alternatives:
            hay = fold(string) if self.ignorecase else string
            if hay is not None and not any(all(s in hay for s in alt) for alt in self.alternatives):
                if not self.at_start:
                    return None
                return self.rx.search(string, *args) if args else self.rx.match(string)
        return self.rx.search(string, *args)
