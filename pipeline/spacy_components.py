"""spaCy integration: the stages as components of a blank ``vi`` pipeline.

``make_nlp()`` builds ``spacy.blank("vi")`` (syllable tokenizer, no pyvi, nothing
downloaded) with the factories registered here. Each component calls the same pure
functions as :func:`pipeline.process_text` and leaves its results on the Doc:
``doc.spans["references"]``, ``doc.spans["times"]``, ``doc.spans["claims"]``,
``doc.spans["tasks"]`` (character spans snapped to tokens, ``alignment_mode="expand"``)
and the frozen dataclasses in ``doc._.vntasks``. Offsets are those of the
normalised, unwrapped text, which is what the pipeline's tokenizer sees.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .api import process_text
from .normalise import normalise
from .unwrap import unwrap

__all__ = ["make_nlp", "prepare_text"]

if not Doc.has_extension("vntasks"):
    Doc.set_extension("vntasks", default=None)


def prepare_text(text: str) -> str:
    """The text a Doc should be made from: normalised and unwrapped (same offsets as the tables)."""
    return unwrap(normalise(text).text).text


def _spans(doc: Doc, key: str, items, label_of):
    spans = []
    for it in items:
        sp = doc.char_span(it.start, it.end, label=label_of(it), alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    doc.spans[key] = spans


@Language.factory("vntasks_extract", default_config={"doc_id": "<spacy>"})
def make_extract(nlp: Language, name: str, doc_id: str):
    """Run every vntasks stage on the Doc's text and store the Document on ``doc._.vntasks``."""
    def component(doc: Doc) -> Doc:
        doc._.vntasks = process_text(doc.text, doc_id=doc_id)
        return doc
    return component


@Language.factory("vntasks_spans", default_config={})
def make_spans(nlp: Language, name: str):
    """Expose the extracted items as span groups (needs ``vntasks_extract`` before it)."""
    def component(doc: Doc) -> Doc:
        d = doc._.vntasks
        if d is None:
            raise ValueError("vntasks_spans needs the 'vntasks_extract' component earlier in the pipeline: "
                             "nlp.add_pipe('vntasks_extract', before='vntasks_spans')")
        _spans(doc, "references", d.references, lambda r: r.type or "REF")
        _spans(doc, "times", d.times, lambda t: t.kind.upper())
        _spans(doc, "claims", d.claims, lambda c: "CLAIM")
        _spans(doc, "tasks", d.tasks, lambda t: "TASK")
        return doc
    return component


def make_nlp() -> Language:
    """A blank Vietnamese pipeline with the vntasks components (no model download)."""
    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vntasks_extract")
    nlp.add_pipe("vntasks_spans")
    return nlp
