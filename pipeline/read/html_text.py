"""A web page saved as text ("<h2>Điều 1. Phê duyệt …</h2>", "<p>a) Xây dựng …</p>", a PHP template around
it): its markup goes, block elements end lines, entities are read (:func:`strip_html_markup`). Tables are
rows already (:mod:`.html_tables` runs first). Stdlib ``html.parser``: no dependency for a page's text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["strip_html_markup"]

# elements that end a line of text; those whose content is no text at all
_BLOCK = frozenset("p br div h1 h2 h3 h4 h5 h6 li ul ol tr table section article header footer blockquote pre hr dd dt".split())
_HIDDEN = frozenset("script style head noscript template svg".split())
_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|li|span|strong|em|a|table|tr|td)\b[^>]*>", re.IGNORECASE)
_PHP = re.compile(r"<\?php.*?(?:\?>|\Z)", re.DOTALL | re.IGNORECASE)
_MIN_TAGS = 10  # a text with fewer is prose that mentions a tag, not a page
_MIN_SHARE = 0.2  # … or whose lines mostly carry none


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def strip_html_markup(text: str) -> tuple[str, bool]:
    """``text`` without its HTML markup when it is a page's source (at least ``_MIN_TAGS`` tags, on a fifth
    of its lines or more), and whether it was; other text comes back as it is."""
    tagged, pos, n = 0, -1, 0  # the lines that hold a tag, counted without splitting the text
    for m in _TAG.finditer(text):
        n += 1
        if pos < 0 or text.find("\n", pos, m.start()) >= 0:
            tagged += 1
        pos = m.start()
    if n < _MIN_TAGS or tagged < _MIN_SHARE * (text.count("\n") + 1):
        return text, False
    parser = _TextParser()
    parser.feed(_PHP.sub("\n", text))
    parser.close()
    out = "".join(parser.parts)
    out = "\n".join(line.strip() for line in out.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n", True
