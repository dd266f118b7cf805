"""Citation graph of a batch: references that point at another document of the batch.

``link_citations(documents)`` matches every reference id against the other
documents' own numbers (``doc.meta.number``, read from their ``Số: …`` line) and
returns one edge per matching mention.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..types import Document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["link_citations", "link_citation_tables", "with_citations", "EDGE_COLUMNS"]

EDGE_COLUMNS = ["doc_id", "cited_doc_id", "ref_id", "relation", "start", "end"]


def _key(rid: str) -> str:
    """Join key of an id: NFC, look-alike Đ, no spaces, case-folded."""
    s = unicodedata.normalize("NFC", rid or "").replace("\u00d0", "\u0110")
    return re.sub(r"\s+", "", s).casefold()


def link_citations(documents: Iterable[Document]) -> pd.DataFrame:
    """Edges ``doc_id → cited_doc_id`` for every reference whose id is the own number of
    another document of the batch (a document never cites itself)."""
    import pandas as pd

    docs = list(documents)
    owners = defaultdict(list)
    for d in docs:
        if d.meta.number:
            owners[_key(d.meta.number)].append(d.doc_id)
    rows = []
    for d in docs:
        for r in d.references:
            for target in owners.get(_key(r.ref_id), ()):
                if target != d.doc_id:
                    rows.append(
                        dict(doc_id=d.doc_id, cited_doc_id=target, ref_id=r.ref_id, relation=r.relation, start=r.start, end=r.end)
                    )
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def link_citation_tables(documents: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """The same edges from the ``documents`` and ``references`` tables (``doc_number``, ``ref_id``)."""
    import pandas as pd

    owners = defaultdict(list)
    for doc_id, number in zip(documents["doc_id"], documents.get("doc_number", pd.Series(dtype=str))):
        if isinstance(number, str) and number:
            owners[_key(number)].append(doc_id)
    rows = []
    for r in references.itertuples(index=False):
        for target in owners.get(_key(r.ref_id), ()):
            if target != r.doc_id:
                rows.append(
                    dict(doc_id=r.doc_id, cited_doc_id=target, ref_id=r.ref_id, relation=r.relation, start=r.start, end=r.end)
                )
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def with_citations(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables of a batch with its citation graph added as ``citations``."""
    return {**tables, "citations": link_citation_tables(tables["documents"], tables["references"])}
