"""spaCy integration: the stages as components of a blank ``vi`` pipeline.

``make_nlp()`` builds ``spacy.blank("vi")`` (syllable tokenizer, no pyvi, nothing
downloaded) with the factories registered here. Each component calls the same pure
functions as :func:`pipeline.process_text` and leaves its results on the Doc:
``doc.spans["references"]``, ``doc.spans["times"]``, ``doc.spans["claims"]``,
``doc.spans["tasks"]`` (character spans snapped to tokens, ``alignment_mode="expand"``)
and the frozen dataclasses in ``doc._.vntasks``. Offsets are those of the
normalised, unwrapped text, which is what the pipeline's tokenizer sees.

Every span also carries its parsed fields as extension attributes (plain values, so
``doc.spans`` stay serialisable): ``span._.vn_id`` (reference id, task id, claim id),
``vn_type`` (reference type, time kind), ``vn_issuer``, ``vn_date``, ``vn_relation``,
``vn_value`` (TIMEX value), ``vn_deadline`` and ``vn_deadline_source`` (own, item, group,
section, document, column), ``vn_deadline_text``, ``vn_lead_agency``, ``vn_declared``,
``vn_found``, ``vn_status``, ``vn_task`` (the task a reference or time stands in) and
``vn_flags``; the others are None. ``span.kb_id_`` holds a one-line summary of those fields,
which displaCy prints beside the label:
``displacy.render(doc, style="span", **displacy_options(doc, "vntasks"))`` shows every kind
at once (group ``vntasks``) in the colours of the review report.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .api import process_text
from .text.normalise import normalise
from .text.unwrap import unwrap

__all__ = ["make_nlp", "prepare_text", "displacy_options", "render_spans", "SPAN_FIELDS", "SPAN_KEYS", "COLORS"]

if not Doc.has_extension("vntasks"):
    Doc.set_extension("vntasks", default=None)

SPAN_FIELDS = (
    "vn_id",
    "vn_type",
    "vn_issuer",
    "vn_date",
    "vn_relation",
    "vn_value",
    "vn_deadline",
    "vn_deadline_source",
    "vn_deadline_text",
    "vn_lead_agency",
    "vn_declared",
    "vn_found",
    "vn_status",
    "vn_task",
    "vn_flags",
)
for _name in SPAN_FIELDS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

SPAN_KEYS = ("references", "times", "claims", "tasks")
# the review report's colours (pipeline/report_assets/report.css), one per kind
COLORS = {"tasks": "#ffe066", "claims": "#ff8787", "references": "#74c0fc", "times": "#8ce99a"}


def prepare_text(text: str) -> str:
    """The text a Doc should be made from: normalised and unwrapped (same offsets as the tables)."""
    return unwrap(normalise(text).text).text


def _unset_if_empty(**fields) -> dict:
    """The fields with "" as None (an unset span attribute)."""
    return {k: v or None for k, v in fields.items()}


def _ref_fields(r) -> dict:
    rest = _unset_if_empty(vn_type=r.type, vn_issuer=r.issuer, vn_date=r.date, vn_relation=r.relation, vn_task=r.task_id)
    return dict(vn_id=r.ref_id, **rest)


def _time_fields(t) -> dict:
    return dict(vn_type=t.kind, vn_value=t.value or None, vn_task=t.task_id or None)


def _claim_fields(c) -> dict:
    return dict(vn_id=c.claim_id, vn_declared=c.declared, vn_found=c.found, vn_status=c.status)


def _task_fields(t) -> dict:
    rest = _unset_if_empty(
        vn_deadline=t.deadline,
        vn_deadline_source=t.deadline_source,
        vn_deadline_text=t.deadline_text,
        vn_lead_agency=t.lead_agency,
    )
    return dict(vn_id=t.task_id, **rest)


def _summary(key: str, f: dict) -> str:
    """One line of the parsed fields (the span's ``kb_id_``, printed by displaCy beside the label)."""
    if key == "references":
        return " · ".join(v for v in (f["vn_id"], f["vn_issuer"], f["vn_date"]) if v)
    if key == "times":
        return f"= {f['vn_value']}" if f["vn_value"] else "no value"
    if key == "claims":
        return f"{f['vn_id']}: {f['vn_declared']} declared, {'?' if f['vn_found'] is None else f['vn_found']} found"
    dl = f"{f['vn_deadline']} ({f['vn_deadline_source']})" if f["vn_deadline"] else "no deadline"
    return f"{f['vn_id']} → {dl}"


def _spans(doc: Doc, key: str, items, label_of, fields_of):
    spans = []
    for it in items:
        f = fields_of(it)
        sp = doc.char_span(it.start, it.end, label=label_of(it), kb_id=_summary(key, f), alignment_mode="expand")
        if sp is None:
            continue
        for name, v in f.items():
            setattr(sp._, name, v)
        sp._.vn_flags = list(it.flags)
        spans.append(sp)
    doc.spans[key] = spans
    return spans


def displacy_options(doc: Doc, spans_key: str = "vntasks") -> dict:
    """``spans_key`` and one colour per label (by kind) for ``displacy.render(doc, style="span", options=…)``."""
    colors: dict[str, str] = {}
    for key in SPAN_KEYS:
        for sp in doc.spans.get(key, []):
            colors.setdefault(sp.label_, COLORS[key])
    return {"spans_key": spans_key, "colors": colors}


_LABEL_STYLE = "font-weight: bold; line-height: 1; border-radius: 3px"


def render_spans(doc: Doc, spans_key: str = "vntasks", page: bool = False) -> str:
    """displaCy's span style for ``doc.spans[spans_key]`` with each span's fields beside its label
    (kept on one line: displaCy wraps a label to the width of its first token)."""
    from spacy import displacy

    html = displacy.render(doc, style="span", options=displacy_options(doc, spans_key), page=page, jupyter=False)
    return html.replace(_LABEL_STYLE, _LABEL_STYLE + "; white-space: nowrap")


@Language.factory("vntasks_extract", default_config={"doc_id": "<spacy>"})
def make_extract(nlp: Language, name: str, doc_id: str):
    """Run every vntasks stage on the Doc's text and store the Document on ``doc._.vntasks``."""

    def component(doc: Doc) -> Doc:
        doc._.vntasks = process_text(doc.text, doc_id=doc_id)
        return doc

    return component


@Language.factory("vntasks_spans", default_config={})
def make_spans(nlp: Language, name: str):
    """Expose the extracted items as span groups ``references``, ``times``, ``claims``, ``tasks`` and all
    of them in ``vntasks``, each span with its parsed fields (needs ``vntasks_extract`` before it)."""

    def component(doc: Doc) -> Doc:
        d = doc._.vntasks
        if d is None:
            raise ValueError(
                "vntasks_spans needs the 'vntasks_extract' component earlier in the pipeline: "
                "nlp.add_pipe('vntasks_extract', before='vntasks_spans')"
            )
        every = (
            _spans(doc, "references", d.references, lambda r: r.type or "REF", _ref_fields)
            + _spans(doc, "times", d.times, lambda t: t.kind.upper(), _time_fields)
            + _spans(doc, "claims", d.claims, lambda c: "CLAIM", _claim_fields)
            + _spans(doc, "tasks", d.tasks, lambda t: "TASK", _task_fields)
        )
        doc.spans["vntasks"] = sorted(every, key=lambda sp: (sp.start, -sp.end))
        return doc

    return component


def make_nlp() -> Language:
    """A blank Vietnamese pipeline with the vntasks components (no model download)."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("vntasks_extract")
    nlp.add_pipe("vntasks_spans")
    return nlp
