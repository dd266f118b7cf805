"""Load the data files of ``pipeline/resources/`` (word lists, codes, patterns).

Every file is TOML and every entry carries examples; ``tests/test_resources.py``
checks each entry against its examples. Files are read once and cached.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources as _res

__all__ = ["load", "pattern", "Lexicon", "lexicon", "alternation"]


@cache
def load(name: str) -> dict:
    """Return the parsed TOML file ``pipeline/resources/<name>.toml``."""
    path = _res.files("pipeline") / "resources" / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:  # pragma: no cover - packaging error
        raise FileNotFoundError(f"resource file {name}.toml is missing from pipeline/resources; reinstall the package") from exc


@cache
def pattern(name: str, key: str) -> re.Pattern:
    """The compiled ``pattern`` of the entry ``key`` of ``resources/<name>.toml``."""
    return re.compile(load(name)[key]["pattern"])


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace run."""
    parts = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The compiled form of the resource files, shared by all stages."""

    char_map: dict
    drop_chars: frozenset
    number_words: dict  # text -> (value, role)
    units: tuple  # claim units, longest first
    unit_modifiers: tuple
    claim_introducers: tuple
    claim_prefixes: tuple
    claim_elsewhere: tuple  # "N nhiệm vụ có thời hạn …": a claim on a list in another document
    verbs: tuple
    verb_prefixes: tuple
    object_verbs: str  # regex: a verb that opens a task only before one of its objects ("thông qua kế hoạch")
    not_task_re: re.Pattern
    task_headings: tuple
    task_heading_openers: tuple
    forward_headings: tuple
    non_task_headings: tuple
    type_codes: dict  # code -> type name
    type_words: tuple
    issuer_codes: dict  # code -> issuer name
    issuer_canonical: dict  # a variant code -> the code the official form writes ("TƯ" -> "TW")
    abbreviations: dict  # abbr -> expansion
    law_names: tuple
    law_stops: tuple
    furniture: tuple  # (name, compiled regex)
    web_tail: re.Pattern  # the line that opens a web page's related-articles list
    site_tail: re.Pattern  # the line that opens a legal site's page foot (all after it is furniture)
    site_tail_previous: re.Pattern  # a line of that foot that opens it one line above (the repeated title)
    lone_number: re.Pattern
    card_label: re.Pattern  # a line ending with a document card's label ("**Ngày ban hành:**")
    card_value: re.Pattern  # the value line under it ("22/11/2025")
    recurring: dict  # phrase -> value
    before_words: tuple
    continuous_words: tuple
    continuous_not_after: tuple
    holidays: dict  # name -> {year: date}
    bare_holidays: frozenset = frozenset()  # holidays dated by the scope's year when written without one

    @property
    def verb_re(self) -> re.Pattern:
        return _verb_re(self)


@cache
def _verb_re(lx: Lexicon) -> re.Pattern:
    prefixes = alternation(lx.verb_prefixes)
    verbs = alternation(lx.verbs)
    return re.compile(rf"(?:(?:{prefixes})[\s,]+)*(?:(?:{verbs})(?![\w])|{lx.object_verbs})", re.IGNORECASE)


def _object_verbs(d: dict) -> str:
    return (
        rf"(?:{alternation(d['verbs'])})(?=\s+(?:(?:{alternation(d['determiners'])})\s+)?(?:{alternation(d['objects'])})(?!\w))"
    )


@cache
def lexicon() -> Lexicon:
    """Build (once) the :class:`Lexicon` from the resource files."""
    look = load("lookalikes")
    nums = load("number_words")
    nouns = load("task_nouns")
    verbs = load("action_verbs")
    heads = load("headings")
    types = load("doc_types")
    issuers = load("issuers")
    abbr = load("abbreviations")
    laws = load("laws")
    furn = load("furniture")
    tw = load("time_words")
    return Lexicon(
        char_map={e["char"]: e["replacement"] for e in look["map"]},
        drop_chars=frozenset(e["char"] for e in look["drop"]),
        number_words={e["text"]: (e["value"], e["role"]) for e in nums["word"]},
        units=tuple(sorted((u["text"] for u in nouns["unit"]), key=len, reverse=True)),
        unit_modifiers=tuple(nouns["modifiers"]["words"]),
        claim_introducers=tuple(nouns["introducers"]["words"]),
        claim_prefixes=tuple(nouns["prefixes"]["words"]),
        claim_elsewhere=tuple(nouns["listed_elsewhere"]["words"]),
        verbs=tuple(verbs["verbs"]["words"]),
        verb_prefixes=tuple(verbs["prefixes"]["words"]),
        object_verbs=_object_verbs(verbs["object_verbs"]),
        not_task_re=re.compile("|".join(verbs["not_task_patterns"]["patterns"]), re.IGNORECASE),
        task_headings=tuple(heads["task_headings"]["words"]),
        task_heading_openers=tuple(heads["task_heading_openers"]["words"]),
        forward_headings=tuple(heads["forward_headings"]["words"]),
        non_task_headings=tuple(heads["non_task_headings"]["words"]),
        type_codes={e["code"]: e["name"] for e in types["type"]},
        type_words=tuple(sorted(types["words"]["names"], key=len, reverse=True)),
        issuer_codes={e["code"]: e["name"] for e in issuers["issuer"]},
        issuer_canonical={e["code"]: e["canonical"] for e in issuers["issuer"] if "canonical" in e},
        abbreviations={e["abbr"]: e["expansion"] for e in abbr["abbr"]},
        law_names=tuple(sorted(laws["laws"]["names"], key=len, reverse=True)),
        law_stops=tuple(laws["stops"]["words"]),
        furniture=tuple((e["name"], re.compile(e["pattern"], re.IGNORECASE)) for e in furn["line"]),
        lone_number=re.compile(furn["lone_number"]["pattern"]),
        card_label=re.compile(furn["card_label"]["label"]),
        card_value=re.compile(furn["card_label"]["value"]),
        web_tail=re.compile(furn["web_tail"]["pattern"], re.IGNORECASE),
        site_tail=re.compile(furn["site_tail"]["pattern"]),
        site_tail_previous=re.compile(furn["site_tail"]["with_previous"]),
        recurring={e["text"]: e["value"] for e in tw["recurring"]},
        before_words=tuple(sorted(tw["before"]["words"], key=len, reverse=True)),
        continuous_words=tuple(tw["continuous"]["text"]),
        continuous_not_after=tuple(tw["continuous"]["not_after"]),
        holidays={h["name"]: h["dates"] for h in tw["holiday"]},
        bare_holidays=frozenset(h["name"] for h in tw["holiday"] if h.get("bare_takes_scope")),
    )
