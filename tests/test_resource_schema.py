"""The shape of every data file in pipeline/resources: known tables and known keys only (a misspelt
key would silently be ignored by the code), every table and entry with examples, and every
cue pattern checked against its examples and counter-examples."""

import re
import tomllib
from importlib import resources

import pytest

# Tables are "name" (a table) or "[[name]]" (an array of tables); the keys each may hold.
PATTERN = {"pattern", "examples", "counter_examples"}
WORDS = {"words", "examples"}
WORDS_COUNTER = {"words", "examples", "counter_examples"}

SCHEMA = {
    'abbreviations': {
        '[[abbr]]': {'abbr', 'examples', 'expansion'},
    },
    'action_verbs': {
        'verbs': WORDS,
        'prefixes': WORDS,
        'document_names': {'counter_examples', 'examples', 'not_before', 'words'},
        'object_verbs': {'counter_examples', 'determiners', 'examples', 'objects', 'verbs'},
        'not_task_patterns': {'examples', 'patterns'},
        'general_requirements': {'counter_examples', 'examples', 'patterns'},
        'qualifiers': {'counter_examples', 'examples', 'patterns'},
        'fronted': {'basis', 'examples', 'time', 'time_examples'},
    },
    'agencies': {
        'heads': WORDS,
        'determiners': WORDS,
        'not_heads': WORDS,
        'stops': WORDS,
        'lead_ins': WORDS,
        'dash_join': WORDS,
        'assignment': PATTERN,
        'partners': PATTERN,
        'list_colon': PATTERN,
    },
    'annex_columns': {
        '[[role]]': {'cell_start', 'exact', 'examples', 'name', 'words'},
        'table_end': PATTERN,
        'open_end': PATTERN,
        'new_body': PATTERN,
    },
    'cues': {
        'by_year_end': PATTERN,
        'connector': PATTERN,
        'intro_list': PATTERN,
        'request_intro': PATTERN,
        'task_list_intro': PATTERN,
        'purpose_intro': PATTERN,
        'law_quote_intro': PATTERN,
        'law_quote_own_focus': PATTERN,
        'annex_title': PATTERN,
        'closing': PATTERN,
        'head_marker': PATTERN,
        'duty_words': {'determiners', 'examples', 'words'},
        'about': PATTERN,
        'plural_opening': PATTERN,
        'purpose_sentence': PATTERN,
        'plural': PATTERN,
        'mandate': PATTERN,
        'request_addressee_modal': PATTERN,
        'request_sentence': PATTERN,
        'request_modal': PATTERN,
        'time_lead': PATTERN,
        'agency_acts': PATTERN,
        'implementation_article': PATTERN,
        'claim_list_opener': PATTERN,
        'assignment_lead': PATTERN,
        'assignment_topic': PATTERN,
        'split_va': PATTERN,
        'strong_cue': PATTERN,
        'own_time': PATTERN,
        'range_within': PATTERN,
        'horizon_cue': PATTERN,
        'completion_clause': PATTERN,
        'scope_within': PATTERN,
        'claim_enumeration': PATTERN,
    },
    'deadlines': {
        'report_types': WORDS_COUNTER,
        'scope_completion': WORDS_COUNTER | {'period_nouns'},
        'late_scope': PATTERN,
        'lead_scope': {'examples', 'lead_chars', 'words', 'horizon', 'horizon_examples', 'year_subject', 'year_subject_examples',
                       'plan_horizon', 'plan_horizon_examples', 'plan_horizon_counter_examples', 'year_horizon',
                       'year_horizon_examples',
                       'ahead', 'ahead_examples', 'narrower', 'narrower_examples'},
        'term_of_office': WORDS_COUNTER,
        'until_now': PATTERN,
        'vision': PATTERN,
        'congress_term': PATTERN | {'blocking', 'blocking_examples'},
        'recurring_attribute': PATTERN,
        'allowance_recurrence': PATTERN,
        'title_period': PATTERN,
        'title_plan_period': PATTERN,
        'results_title': PATTERN | {'object_of', 'object_of_examples'},
        'review_year': PATTERN,
        'fronted_year': PATTERN | {'reported', 'reported_examples'},
        'results_said': PATTERN,
        'done_before': PATTERN,
        'event_dates': {'words', 'blocking', 'past', 'anniversary', 'anniversary_examples', 'meeting_span', 'meeting_span_examples', 'examples', 'counter_examples'},
        'results_period': PATTERN,
        'dateline': {'pattern', 'after', 'examples', 'counter_examples'},
        'period_join': PATTERN,
        'section_time_label': PATTERN,
        'closing_time_sentence': PATTERN,
        'task_field_label': PATTERN,
        'period_statement': PATTERN | {'sections', 'sections_examples'},
        'sentence_time': PATTERN,
        'reference_moment': PATTERN,
    },
    'doc_types': {
        '[[type]]': {'code', 'examples', 'name'},
        'words': {'examples', 'names'},
    },
    'furniture': {
        '[[line]]': {'counter_examples', 'examples', 'name', 'pattern'},
        'web_tail': PATTERN,
        'site_tail': PATTERN | {'with_previous', 'with_previous_examples'},
        'lone_number': PATTERN,
        'page_date': PATTERN | {'lines'},
        'card_label': {'counter_examples', 'examples', 'label', 'value'},
        'markdown_inline': {'examples', 'image', 'link', 'page_break', 'blockquote'},
    },
    'header': {
        'type_line': WORDS_COUNTER,
        'title_type': WORDS_COUNTER,
        'title_stop': PATTERN,
        'marks': PATTERN,
        'issuer': PATTERN,
        'date': PATTERN,
        'date_line': PATTERN,
        'card_date': PATTERN | {'chars'},
        'page_year': {'chars', 'examples', 'stamp', 'stamp_examples'},
        'school_year': {'pattern', 'examples'},
        'year': PATTERN,
        'horizon_year': PATTERN,
        'quarter_year': PATTERN,
        'last_year': PATTERN,
        'title_end': WORDS_COUNTER,
        'subject_line': {'pattern', 'type', 'examples', 'counter_examples'},
        'sentence_case': {'examples', 'heads', 'places'},
        'lead_not_title': PATTERN,
    },
    'headings': {
        'task_headings': WORDS,
        'budget_headings': PATTERN,
        'task_heading_openers': WORDS,
        'forward_headings': WORDS_COUNTER,
        'non_task_headings': WORDS,
        'non_agency_parties': WORDS_COUNTER,
        'agency_duty_openers': WORDS_COUNTER,
        'inline_intro': {'counter_examples', 'examples', 'series', 'series_examples', 'strong', 'words'},
        'request_cues': WORDS,
        'modal_cues': WORDS_COUNTER,
    },
    'issuers': {
        '[[issuer]]': {'canonical', 'code', 'examples', 'name'},
    },
    'laws': {
        'laws': {'examples', 'names'},
        'stops': WORDS,
        'constitution': PATTERN,
    },
    'legacy_repairs': {
        '[[repair]]': {'counter_examples', 'examples', 'name', 'pattern', 'replacement'},
        'letter_spacing': {'counter_examples', 'examples', 'onsets'},
    },
    'legacy_tcvn3': {
        '[[char]]': {'examples', 'legacy', 'unicode'},
    },
    'legacy_vni': {
        '[[single]]': {'examples', 'legacy', 'unicode'},
        '[[mark]]': {'bases', 'combining', 'examples', 'legacy'},
    },
    'lookalikes': {
        '[[map]]': {'char', 'examples', 'replacement', 'why'},
        '[[drop]]': {'char', 'examples', 'why'},
    },
    'number_words': {
        '[[word]]': {'examples', 'role', 'text', 'value'},
    },
    'references': {
        'issuer_stops': WORDS,
        'glued_words': WORDS,
        '[[relation]]': {'cues', 'examples', 'name'},
        'alias': {'examples', 'pattern'},
        'date_lead': PATTERN | {'starts_at', 'starts_after'},
        'issuing': PATTERN,
        'list_gap': PATTERN,
        'number_word': PATTERN,
        'after_date': PATTERN,
        'law_head': PATTERN,
        'amend': PATTERN,
        'amend_collective': PATTERN,
        'number_only': PATTERN | {'number_id_types'},
        'amended_head': PATTERN,
        'law_before_alias': PATTERN,
        'form_code': PATTERN,
    },
    'segmentation': {
        'abbreviations': WORDS,
        'proper_heads': WORDS,
        'dangling': WORDS | {'ending_before', 'ending_examples'},
        '[[marker]]': {'examples', 'pattern', 'type'},
        'inline_ordinals': {'examples', 'series', 'last', 'first_extra', 'opening_words', 'closing_words'},
        'inline_paren_series': PATTERN,
        'inline_number_series': PATTERN,
        'bullets': {'chars', 'examples'},
        'list_letters': {'examples', 'order'},
        'markdown': {'counter_examples', 'examples', 'heading', 'heading_prefix', 'heading_prefix_examples'},
    },
    'task_nouns': {
        '[[unit]]': {'examples', 'text'},
        'modifiers': WORDS,
        'targets': WORDS,
        'introducers': WORDS,
        'listed_elsewhere': WORDS,
        'prefixes': WORDS,
        'set_out': {'after', 'counter_examples', 'examples', 'heading_chars', 'lead_chars', 'results', 'units', 'words'},
        'coordinated': {'examples', 'max_gap', 'words'},
    },
    'time_words': {
        '[[recurring]]': {'examples', 'text', 'value'},
        'before': WORDS,
        'continuous': {'counter_examples', 'examples', 'not_after', 'not_before', 'text'},
        '[[holiday]]': {'bare_examples', 'bare_takes_scope', 'dates', 'examples', 'name'},
        'sexagenary': {'branches', 'examples', 'stems'},
        'quarter': WORDS,
        'until': WORDS,
        'since': WORDS,
        'open_end': WORDS,
        'closed_end': WORDS,
        'range_join': WORDS,
        '[[recurring_day]]': {'examples', 'text', 'value'},
        'recurring_unit': {'examples', 'units'},
        'season': WORDS,
        '[[named_day]]': {'examples', 'month_day', 'name'},
        'named_day_cues': {'counter_examples', 'examples', 'words'},
        '[[relative]]': {'examples', 'offset', 'text', 'unit'},
        'relative_vague': {'after', 'examples'},
        'relative_deadline': {'anchors', 'counter_examples', 'examples', 'starts', 'units'},
        'blank_date': {'examples'},
        'adopted_on': PATTERN,
        'amended_in': PATTERN,
        'numbered_doc_date': PATTERN,
        'named_event': {'words', 'examples'},
        'timestamp': {'examples', 'counter_examples', 'meridiem', 'labels'},
        'weekday': {'words', 'examples'},
        'number_words': {'months', 'counts', 'examples'},
        'grammar': {'ngay', 'clock', 'thang', 'nam', 'tu', 'den', 'va', 'hoac', 'giai_doan', 'thoi_ky', 'dau', 'cuoi', 'con_lai', 'vao', 'buoi', 'sau',
                    'nua', 'cua', 'hang', 'hang_alt', 'examples'},
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


CUE_FILES = {"cues": None, "header": None, "agencies": ("assignment", "partners", "list_colon"),
             "annex_columns": ("table_end", "open_end", "new_body"),
             "references": ("date_lead", "issuing", "list_gap", "number_word", "after_date", "law_head", "amend",
                            "amended_head", "law_before_alias", "amend_collective", "number_only", "form_code")}


@pytest.mark.parametrize("name,key", [(n, k) for n, keys in CUE_FILES.items() for k, v in _read(n).items()
                                      if isinstance(v, dict) and "pattern" in v and (keys is None or k in keys)])
def test_cue_patterns_match_their_examples(name, key):
    entry = _read(name)[key]
    rx = re.compile(entry["pattern"])
    for ex in entry["examples"]:
        assert rx.search(ex), (key, ex)
    for ex in entry.get("counter_examples", ()):
        assert not rx.search(ex), (key, ex)
