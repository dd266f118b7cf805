"""The shape of every data file in pipeline/resources: known tables and known keys only (a misspelt
key would silently be ignored by the code), every table and entry with examples, and every
cue pattern checked against its examples and counter-examples."""

import re
import tomllib
from importlib import resources

import pytest

# Tables are "name" (a table) or "[[name]]" (an array of tables); the keys each may hold.
SCHEMA = {
    "abbreviations": {"[[abbr]]": {"abbr", "examples", "expansion"}},
    "action_verbs": {
        "verbs": {"words", "examples"},
        "prefixes": {"words", "examples"},
        "document_names": {"not_before", "words", "counter_examples", "examples"},
        "not_task_patterns": {"patterns", "examples"},
        "general_requirements": {"counter_examples", "patterns", "examples"},
        "qualifiers": {"counter_examples", "patterns", "examples"},
        "fronted": {"time", "examples", "time_examples", "basis"},
    },
    "agencies": {
        "heads": {"words", "examples"},
        "determiners": {"words", "examples"},
        "not_heads": {"words", "examples"},
        "stops": {"words", "examples"},
        "lead_ins": {"words", "examples"},
        "assignment": {"pattern", "counter_examples", "examples"},
        "partners": {"pattern", "counter_examples", "examples"},
    },
    "annex_columns": {
        "[[role]]": {"name", "examples", "words", "cell_start", "exact"},
        "table_end": {"pattern", "counter_examples", "examples"},
        "open_end": {"pattern", "counter_examples", "examples"},
        "new_body": {"pattern", "counter_examples", "examples"},
    },
    "cues": {
        "connector": {"pattern", "counter_examples", "examples"},
        "intro_list": {"pattern", "counter_examples", "examples"},
        "annex_title": {"pattern", "counter_examples", "examples"},
        "closing": {"pattern", "counter_examples", "examples"},
        "head_marker": {"pattern", "counter_examples", "examples"},
        "duty_words": {"words", "determiners", "examples"},
        "about": {"pattern", "counter_examples", "examples"},
        "plural": {"pattern", "counter_examples", "examples"},
        "agency_acts": {"pattern", "counter_examples", "examples"},
        "split_va": {"pattern", "counter_examples", "examples"},
        "strong_cue": {"pattern", "counter_examples", "examples"},
        "own_time": {"pattern", "counter_examples", "examples"},
        "range_within": {"pattern", "counter_examples", "examples"},
        "horizon_cue": {"pattern", "counter_examples", "examples"},
        "completion_clause": {"pattern", "counter_examples", "examples"},
        "scope_within": {"pattern", "counter_examples", "examples"},
    },
    "deadlines": {
        "report_types": {"words", "counter_examples", "examples"},
        "scope_completion": {"words", "counter_examples", "examples"},
        "lead_scope": {"examples", "words", "lead_chars"},
    },
    "doc_types": {"[[type]]": {"examples", "code", "name"}, "words": {"names", "examples"}},
    "furniture": {
        "[[line]]": {"name", "examples", "pattern", "counter_examples"},
        "web_tail": {"pattern", "counter_examples", "examples"},
        "lone_number": {"pattern", "counter_examples", "examples"},
        "markdown_inline": {"link", "examples", "image"},
    },
    "header": {
        "type_line": {"words", "counter_examples", "examples"},
        "title_type": {"words", "counter_examples", "examples"},
        "title_stop": {"pattern", "counter_examples", "examples"},
        "marks": {"pattern", "counter_examples", "examples"},
        "issuer": {"pattern", "counter_examples", "examples"},
        "date": {"pattern", "counter_examples", "examples"},
        "date_line": {"pattern", "counter_examples", "examples"},
        "year": {"pattern", "counter_examples", "examples"},
        "title_end": {"words", "counter_examples", "examples"},
        "sentence_case": {"examples", "places", "heads"},
    },
    "headings": {
        "task_headings": {"words", "examples"},
        "task_heading_openers": {"words", "examples"},
        "forward_headings": {"words", "counter_examples", "examples"},
        "non_task_headings": {"words", "examples"},
        "non_agency_parties": {"words", "counter_examples", "examples"},
        "agency_duty_openers": {"words", "counter_examples", "examples"},
        "inline_intro": {"strong", "words", "counter_examples", "examples"},
        "request_cues": {"words", "examples"},
    },
    "issuers": {"[[issuer]]": {"examples", "code", "name"}},
    "laws": {"laws": {"names", "examples"}, "stops": {"words", "examples"}},
    "legacy_repairs": {
        "[[repair]]": {"replacement", "name", "examples", "pattern", "counter_examples"},
        "letter_spacing": {"onsets", "counter_examples", "examples"},
    },
    "legacy_tcvn3": {"[[char]]": {"legacy", "examples", "unicode"}},
    "legacy_vni": {"[[single]]": {"legacy", "examples", "unicode"}, "[[mark]]": {"legacy", "bases", "combining", "examples"}},
    "lookalikes": {"[[map]]": {"replacement", "char", "why", "examples"}, "[[drop]]": {"why", "examples", "char"}},
    "number_words": {"[[word]]": {"examples", "text", "value", "role"}},
    "references": {
        "issuer_stops": {"words", "examples"},
        "[[relation]]": {"examples", "name", "cues"},
        "alias": {"pattern", "examples"},
        "date_lead": {"pattern", "counter_examples", "examples"},
        "issuing": {"pattern", "counter_examples", "examples"},
        "list_gap": {"pattern", "counter_examples", "examples"},
        "number_word": {"pattern", "counter_examples", "examples"},
        "after_date": {"pattern", "counter_examples", "examples"},
        "law_head": {"pattern", "counter_examples", "examples"},
        "amend": {"pattern", "counter_examples", "examples"},
        "amended_head": {"pattern", "counter_examples", "examples"},
        "law_before_alias": {"pattern", "counter_examples", "examples"},
    },
    "segmentation": {
        "abbreviations": {"words", "examples"},
        "proper_heads": {"words", "examples"},
        "[[marker]]": {"examples", "pattern", "type"},
        "inline_ordinals": {"series", "examples"},
        "markdown": {"counter_examples", "heading", "examples"},
    },
    "task_nouns": {
        "[[unit]]": {"examples", "text"},
        "modifiers": {"words", "examples"},
        "introducers": {"words", "examples"},
        "listed_elsewhere": {"words", "examples"},
        "prefixes": {"words", "examples"},
        "set_out": {"units", "examples", "words", "counter_examples", "lead_chars", "results"},
    },
    "time_words": {
        "[[recurring]]": {"examples", "text", "value"},
        "before": {"words", "examples"},
        "continuous": {"not_after", "text", "examples", "not_before", "counter_examples"},
        "[[holiday]]": {"examples", "name", "dates"},
        "sexagenary": {"branches", "examples", "stems"},
        "quarter": {"words", "examples"},
        "until": {"words", "examples"},
        "since": {"words", "examples"},
        "open_end": {"words", "examples"},
        "closed_end": {"words", "examples"},
        "range_join": {"words", "examples"},
        "[[recurring_day]]": {"examples", "text", "value"},
        "recurring_unit": {"units", "examples"},
        "season": {"words", "examples"},
        "[[named_day]]": {"month_day", "examples", "name"},
        "[[relative]]": {"unit", "offset", "examples", "text"},
        "relative_vague": {"after", "examples"},
        "relative_deadline": {"starts", "units", "examples", "counter_examples", "anchors"},
        "blank_date": {"examples"},
    },
}

FILES = sorted(p.name.removesuffix(".toml") for p in resources.files("pipeline").joinpath("resources").iterdir()
               if p.name.endswith(".toml"))


def _read(name):
    return tomllib.loads(resources.files("pipeline").joinpath("resources", f"{name}.toml").read_text("utf-8"))


def test_every_file_has_a_schema():
    assert set(FILES) == set(SCHEMA), "add the new file's tables and keys to SCHEMA"


@pytest.mark.parametrize("name", FILES)
def test_known_tables_and_keys_only(name):
    data, schema = _read(name), SCHEMA[name]
    for key, value in data.items():
        if isinstance(value, dict):
            assert key in schema, f"{name}.toml: unknown table [{key}]"
            assert set(value) <= schema[key], f"{name}.toml [{key}]: unknown keys {set(value) - schema[key]}"
            assert "examples" in value, f"{name}.toml [{key}]: no examples"
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            known = schema.get(f"[[{key}]]")
            assert known is not None, f"{name}.toml: unknown array [[{key}]]"
            for entry in value:
                assert set(entry) <= known, f"{name}.toml [[{key}]]: unknown keys {set(entry) - known}"
                assert "examples" in entry, f"{name}.toml [[{key}]] {entry}: no examples"
        else:
            pytest.fail(f"{name}.toml: top-level key {key!r} outside a table")


CUE_FILES = {"cues": None, "header": None, "agencies": ("assignment", "partners"),
             "annex_columns": ("table_end", "open_end", "new_body"),
             "references": ("date_lead", "issuing", "list_gap", "number_word", "after_date", "law_head", "amend",
                            "amended_head", "law_before_alias")}


@pytest.mark.parametrize("name,key", [(n, k) for n, keys in CUE_FILES.items() for k, v in _read(n).items()
                                      if isinstance(v, dict) and "pattern" in v and (keys is None or k in keys)])
def test_cue_patterns_match_their_examples(name, key):
    entry = _read(name)[key]
    rx = re.compile(entry["pattern"])
    for ex in entry["examples"]:
        assert rx.search(ex), (key, ex)
    for ex in entry.get("counter_examples", ()):
        assert not rx.search(ex), (key, ex)
