"""Stage: count claims ("07 nhóm nhiệm vụ chung", "có 04 nhiệm vụ", "ba nhiệm vụ").

A claim is a number with a task noun that introduces a list (annotation guide
§1). ``found`` and ``status`` are filled in by the tasks stage, which sees
the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import alternation, lexicon, load
from ..text.fastscan import compile_scanner
from ..text.segment import match_marker
from ..types import Claim

__all__ = ["coordinated", "find_claims", "parse_number_words"]


def parse_number_words(words: str) -> int | None:
    """Value of a Vietnamese number phrase ("mười hai" → 12), or None."""
    lx = lexicon()
    toks = words.lower().split()
    if not toks:
        return None
    roles = []
    for t in toks:
        if t not in lx.number_words:
            return None
        roles.append((t, *lx.number_words[t]))
    total, i = 0, 0
    # [unit] (mươi|mười) [unit|after_tens]  or  unit
    if roles[0][2] == "unit" and len(roles) >= 2 and roles[1][2] == "tens":
        total = roles[0][1] * 10
        i = 2
    elif roles[0][2] == "ten":
        total = 10
        i = 1
    elif roles[0][2] == "unit" and len(roles) == 1:
        return roles[0][1]
    else:
        return None
    if i < len(roles):
        if i != len(roles) - 1 or roles[i][2] not in ("unit", "after_tens"):
            return None
        if roles[i][0] == "một" and total > 10:
            pass  # "hai mươi một" is accepted beside "hai mươi mốt"
        total += roles[i][1]
    return total


@cache
def _claim_re() -> re.Pattern:
    lx = lexicon()
    nw = "|".join(sorted(map(re.escape, lx.number_words), key=len, reverse=True))
    units = alternation(lx.units)
    mods = alternation(lx.unit_modifiers)
    pre = alternation(lx.claim_prefixes)
    return re.compile(
        rf"(?<![\w.,/])(?:(?P<pre>{pre})\s+)?(?P<num>\d{{1,3}}|(?:{nw})(?:\s+(?:{nw})){{0,2}})\s+(?P<unit>{units})(?:\s+(?P<mod>{mods}))?(?![\w])",
        re.IGNORECASE,
    )


@cache
def _introducer_re() -> re.Pattern:
    lx = lexicon()
    words = [w for w in lx.claim_introducers if w != ":"]
    alt = alternation(words)
    return re.compile(rf"[^.;:\n]{{0,100}}?(?::|(?<![\w])(?:{alt})(?![\w]))", re.IGNORECASE)


@cache
def _elsewhere_re() -> re.Pattern:
    return re.compile(rf"\s+(?:{alternation(lexicon().claim_elsewhere)})(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class _SetOut:
    """``task_nouns.toml`` ``[set_out]``: where a claim without an introducer sets out tasks all the same."""

    lead: int  # characters of the title and lead
    heading: int  # characters of a short line of its own (a sub-heading)
    units: frozenset[str]
    before: re.Pattern  # a set-out word in the 40 characters before the claim
    results: re.Pattern  # a result word there


@cache
def _set_out() -> _SetOut:
    d = load("task_nouns")["set_out"]
    before = re.compile(rf"(?<![\w])(?:{alternation(d['words'])})(?![\w])[^.;:\n]{{0,40}}$", re.IGNORECASE)
    results = re.compile(rf"(?<![\w])(?P<w>{alternation(d['results'])})(?![\w])[^.;:\n]{{0,40}}$", re.IGNORECASE)
    return _SetOut(int(d["lead_chars"]), int(d["heading_chars"]), frozenset(d["units"]), before, results)


@cache
def _set_out_after() -> re.Pattern:
    """The passive of a set-out word just after a claim ("… nhóm nhiệm vụ, giải pháp được chỉ ra …")."""
    return re.compile(
        rf"[^.;:\n]{{0,40}}?(?<![\w])(?:{alternation(load('task_nouns')['set_out']['after'])})(?![\w])", re.IGNORECASE
    )


@cache
def _set_out_words() -> tuple[re.Pattern, re.Pattern]:
    d = load("task_nouns")["set_out"]
    word = r"(?<![\w])(?:{})(?![\w])"
    return (
        re.compile(word.format(alternation(d["words"])), re.IGNORECASE),
        re.compile(word.format(alternation(d["results"])), re.IGNORECASE),
    )


def _sets_out(text: str, start: int, end: int, unit: str, num: int | None = None) -> bool:
    """A claim with no introducer after it that sets out tasks all the same: in the title or lead,
    opening a short line of its own (a sub-heading), or after "đề ra", "với", "xác định" … — not a
    count of tasks done ("đã hoàn thành 35 nhiệm vụ"; a result word nearer the claim than the
    set-out word wins), or before the passive of one ("… được chỉ ra để triển khai …")."""
    so = _set_out()
    before_any, results_any = _set_out_words()
    if " ".join(unit.lower().split()) not in so.units:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if not text[line_start:start].strip(" \t#*_-") and line_end - line_start <= so.heading:
        return True
    if _set_out_after().match(text, end):
        return True
    window = text[max(0, start - 40) : num if num is not None else start]  # (with the claim's own "có" before its number)
    r, b = so.results.search(window), so.before.search(window)
    if r:
        # the word nearest the claim decides: "Kế hoạch đã đề ra 6 …", "Để đạt mục tiêu này, Thủ tướng
        # nhấn mạnh 6 nhóm nhiệm vụ" set out; "đã chủ trì thực hiện ít nhất 01 nhiệm vụ" counts work done
        last_r = max(m.end() for m in results_any.finditer(window))
        last_b = max((m.start() for m in before_any.finditer(window)), default=-1)
        if last_b < last_r:
            return False
    return start < so.lead or bool(b)


_LINE_REST = re.compile(r"[ \t*_)]*\n\s*")


def _heads_list(text: str, start: int, end: int) -> bool:
    """Whether the claim closes a short line and the next line opens a list item ("2.1. Các chỉ tiêu kinh tế: 13
    chỉ tiêu" ⏎ "(1) Tổng sản phẩm …"): it introduces that list as a colon would."""
    rest = _LINE_REST.match(text, end)
    if rest is None:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return end - line_start <= _set_out().heading and bool(match_marker(text[rest.end() : rest.end() + 80])[0])


@cache
def _coordination() -> tuple[int, re.Pattern]:
    d = load("task_nouns")["coordinated"]
    return int(d["max_gap"]), re.compile(rf"[^.;:!?\n]*(?<![\w])(?:{alternation(d['words'])})(?![\w])[^.;:!?\n]*", re.IGNORECASE)


def coordinated(text: str, before: Claim | None, start: int) -> bool:
    """The claim at ``start`` is joined to the claim ``before`` it in the same sentence ("… với 07 nhiệm vụ trọng
    tâm và 12 chỉ tiêu cụ thể …", ``task_nouns.toml`` ``[coordinated]``): the words that set out one set out both."""
    gap, joined = _coordination()
    if before is None or "listed_elsewhere" in before.flags or not 0 <= start - before.end <= gap:
        return False
    return bool(joined.fullmatch(text, before.end, start))


def find_claims(text: str, exclude=()) -> list[Claim]:
    """Count claims of ``text`` that introduce a list, or that count tasks listed in another
    document ("nhất là 44 nhiệm vụ có thời hạn hoàn thành trong quý II": flag
    ``listed_elsewhere``)."""
    out: list[Claim] = []
    for m in compile_scanner(_claim_re()).finditer(text):  # = _claim_re().finditer(text), faster
        s, e = m.span()
        if any(a < e and s < b for a, b in exclude):
            continue
        num = m.group("num")
        value = int(num) if num.isdigit() else parse_number_words(num)
        if not value or value > 200 or (value == 1 and not num.isdigit()):
            continue  # "Một nhiệm vụ khác là …", "một giải pháp là …": the article "a", no count
        flags: tuple[str, ...] = ()
        if not _introducer_re().match(text, e) and not _heads_list(text, s, e):
            if _elsewhere_re().match(text, e):
                flags = ("listed_elsewhere",)
            elif value > 1 and (
                _sets_out(text, s, e, m.group("unit"), m.start("num")) or coordinated(text, out[-1] if out else None, s)
            ):  # "là một trọng tâm" counts nothing
                flags = ("no_list_cue",)
            else:
                continue
        out.append(
            Claim(
                start=s,
                end=e,
                text=text[s:e],
                declared=value,
                unit=" ".join(m.group("unit").lower().split()),
                claim_id=f"C{len(out) + 1}",
                flags=flags,
            )
        )
    return out
