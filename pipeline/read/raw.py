"""The text a reader returns."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RawText"]


@dataclass(frozen=True)
class RawText:
    text: str
    format: str
    page_starts: tuple[int, ...] = ()
    warnings: tuple[str, ...] = ()
    ocr_confidence: float | None = None
    tables: tuple = field(default=())
