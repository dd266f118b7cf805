"""Frozen result types. Every result carries ``start``/``end`` offsets into the
document's normalised text and the ``text`` found there (``doc.text[start:end]``)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Block",
    "Claim",
    "ClaimStatus",
    "Reference",
    "TimeExpr",
    "Task",
    "TaskContext",
    "DeadlineSource",
    "DocumentMeta",
    "Document",
]


class ClaimStatus(StrEnum):
    """Whether a count claim's list was found with the declared number of items."""

    OK = "ok"
    MISMATCH = "mismatch"
    UNRESOLVED = "unresolved"


class TaskContext(StrEnum):
    """Where the rules found a task."""

    TABLE = "table"  # a row of an annex task table
    CLAIM = "claim"  # the list a count claim introduces
    LIST = "list"  # a task list or a section under a task heading
    LEARNED = "learned"  # a clause the segment classifier added


class DeadlineSource(StrEnum):
    """Where a task's deadline comes from (annotation guide §4), nearest first."""

    NONE = ""  # no deadline
    OWN = "own"  # the task's own text
    COLUMN = "column"  # the time column of its annex table row
    ITEM = "item"  # the closing clause of its list item
    GROUP = "group"  # the text that introduces its list
    SECTION = "section"  # an enclosing heading
    DOCUMENT = "document"  # the document's scope


@dataclass(frozen=True)
class Block:
    """A heading, list item or paragraph of the unwrapped text."""

    start: int
    end: int
    text: str
    kind: str  # "heading" | "item" | "paragraph"
    marker: str  # "VI.", "1.", "a)", "-", "" ...
    marker_type: str  # "part", "roman", "arabic", "arabic2", "letter", "dash", "plus", "ordinal", ""
    body_start: int  # offset where the text after the marker begins


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    declared: int
    unit: str
    claim_id: str = ""
    found: int | None = None
    status: ClaimStatus = ClaimStatus.UNRESOLVED
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    text: str
    ref_id: str
    type: str = ""
    number: str = ""
    year: str = ""
    code: str = ""
    issuer: str = ""
    date: str = ""
    relation: str = "khác"
    task_id: str = ""
    flags: tuple[str, ...] = ()
    date_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    kind: str
    value: str
    task_id: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Task:
    task_id: str
    seq: int
    start: int
    end: int
    text: str
    section: str = ""
    group: str = ""
    group_declared: int | None = None
    action: str = ""
    deadline: str = ""
    deadline_text: str = ""
    deadline_source: DeadlineSource = DeadlineSource.NONE
    lead_agency: str = ""
    partner_agencies: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    product: str = ""
    flags: tuple[str, ...] = ()
    context: TaskContext = TaskContext.LIST


@dataclass(frozen=True)
class DocumentMeta:
    """The document's own header: its number, type, issuer, date and title."""

    number: str = ""
    type: str = ""
    issuer: str = ""
    date: str = ""
    title: str = ""
    place: str = ""


@dataclass(frozen=True)
class Document:
    """A document's normalised text with everything extracted from it."""

    doc_id: str
    path: str
    format: str
    text: str
    sha256: str = ""
    page_starts: tuple[int, ...] = ()
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    blocks: tuple[Block, ...] = ()
    claims: tuple[Claim, ...] = ()
    references: tuple[Reference, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    tasks: tuple[Task, ...] = ()
    status: str = "ok"
    error: str = ""
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    ocr_confidence: float | None = None

    @property
    def pages(self) -> int | None:
        """Number of pages, or None for inputs without pages (.txt, .docx)."""
        return len(self.page_starts) or None

    def page_of(self, offset: int) -> int | None:
        """1-based page of a character offset, or None when the input has no pages."""
        if not self.page_starts:
            return None
        return bisect_right(self.page_starts, offset)
