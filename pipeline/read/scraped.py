"""An article saved as a scraper's object literal (JSON, or a JavaScript/TypeScript data file):

    content: [
      { title: "", paragraph: [ { text: "Trước diễn biến …, UBND tỉnh yêu cầu …", below_img: false }, …

Its prose stands in string values, one per line, among keys, brackets and flags, so no sentence or list of
it starts a line. :func:`unwrap_scraped_strings` writes each prose value as a paragraph of its own and drops
the structure. Only a text that is such an object as a whole is changed: a front matter over a body, or a
record whose body is one multi-line template string, reads well already and is left as it is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

__all__ = ["unwrap_scraped_strings"]

_KEY = r"(?:\"[\w$@.-]+\"|'[\w$@.-]+'|[\w$@.-]+)\s*:\s*"
# a whole line holding one string value, with its key or as an array item, and an optional trailing comma
_STRING_LINE = re.compile(rf"^\s*(?:{_KEY})?(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')\s*,?\s*$")
# lines of pure structure: brackets, a key whose value follows or opens, a number, flag or null, a declaration
_STRUCTURE = re.compile(
    rf"^\s*(?:[\[\]{{}}(),;]*|{_KEY}(?:[\[{{]\s*)?|(?:{_KEY})?(?:true|false|null|undefined|-?\d+(?:\.\d+)?)\s*,?"
    r"|(?:export\s+)?(?:const|let|var)\s+[\w$]+(?:\s*:\s*[\w$<>\[\]]+)?\s*=\s*[\[{]|(?:export\s+default\s*)?[\[{]"
    r"|---\s*\w*)\s*$"
)
_LINK = re.compile(r"^(?:https?:|data:|/|\.{0,2}/)\S*$")
_PROSE_WORDS = 8  # a value of this many words or more is prose
_MIN_PROSE = 3  # … and an object with fewer prose values is a record, not an article
_MAX_ODD = 0.1  # the share of non-blank lines that may be neither strings nor structure
_SNIFF = 200  # non-blank lines read before a text with too many such lines is given up (prose: no object)


def _value(literal: str) -> str:
    """The text of a quoted literal; an escape JSON cannot read is kept as written."""
    if literal[0] == "'":
        literal = '"' + literal[1:-1].replace('\\"', '"').replace("\\'", "'").replace('"', '\\"') + '"'
    try:
        return json.loads(literal)
    except json.JSONDecodeError:
        return literal[1:-1]


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time (a large prose text is not split whole to be given up)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def unwrap_scraped_strings(text: str) -> tuple[str, int]:
    """``text`` with its prose values as paragraphs when it is a scraper's object literal, and how many
    values were written (0 when the text is not such an object and comes back as it is)."""
    out: list[str] = []
    prose = odd = filled = 0
    for line in _lines(text):
        if not line.strip():
            continue
        filled += 1
        m = _STRING_LINE.match(line)
        if m:
            value = _value(m.group(1)).strip()
            prose += len(value.split()) >= _PROSE_WORDS
            if value and not _LINK.match(value):
                out.append(value)
        elif not _STRUCTURE.match(line):
            odd += 1  # kept as it is: an inline array, a stray line
            out.append(line.strip())
            if filled >= _SNIFF and odd > _MAX_ODD * filled:
                return text, 0
    if prose < _MIN_PROSE or odd > _MAX_ODD * filled:
        return text, 0
    return "\n\n".join(out) + "\n", len(out) - odd
