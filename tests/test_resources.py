"""Every entry of every data file in pipeline/resources is checked against its examples."""
import re

import pytest

from pipeline.extraction.agencies import leading_agency
from pipeline.extraction.claims import find_claims, parse_number_words
from pipeline.text.normalise import normalise
from pipeline.extraction.references import find_references
from pipeline.extraction.symbols import parse_symbol
from pipeline.resources import lexicon, load
from pipeline.text.segment import match_marker
from pipeline.extraction.cues import is_task_heading, starts_with_action
from pipeline.extraction.times import find_times


def entries(name, key):
    return [pytest.param(e, id=str(e.get("code") or e.get("text") or e.get("char") or e.get("name") or e.get("abbr")))
            for e in load(name)[key]]


@pytest.mark.parametrize("e", entries("lookalikes", "map") + entries("lookalikes", "drop"))
def test_lookalikes(e):
    for before, after in e["examples"]:
        assert normalise(before).text == after


@pytest.mark.parametrize("e", entries("number_words", "word"))
def test_number_words(e):
    for phrase, value in e["examples"]:
        words = " ".join(w for w in phrase.split() if w in lexicon().number_words)
        assert parse_number_words(words) == value


@pytest.mark.parametrize("e", entries("task_nouns", "unit"))
def test_claim_units(e):
    for ex in e["examples"]:
        claims = find_claims(ex + ": A; B.")
        assert claims, ex
        assert claims[0].unit == e["text"]


def test_claim_modifiers_and_introducers():
    data = load("task_nouns")
    for ex in data["modifiers"]["examples"] + data["prefixes"]["examples"]:
        assert find_claims(ex + ":"), ex
    for ex in data["introducers"]["examples"]:
        assert find_claims(ex), ex
    for ex in data["listed_elsewhere"]["examples"]:
        assert [c.flags for c in find_claims(ex)] == [("listed_elsewhere",)], ex


def test_action_verbs():
    data = load("action_verbs")
    for ex in data["verbs"]["examples"] + data["prefixes"]["examples"]:
        assert starts_with_action(ex), ex
    for w in data["verbs"]["words"]:
        assert starts_with_action(w + " các nội dung"), w


def test_object_verbs():
    # "Thông qua kế hoạch …" approves a plan (a task); "Thông qua các cuộc thi …" is "through" (none)
    data = load("action_verbs")["object_verbs"]
    check_examples(starts_with_action, data)
    for w in data["objects"]:
        assert starts_with_action(f"{data['verbs'][0]} {w} năm 2025"), w


def test_document_names():
    data = load("action_verbs")["document_names"]
    for ex in data["examples"]:
        assert not starts_with_action(ex), ex
    for ex in data["counter_examples"]:
        assert starts_with_action(ex), ex


def test_non_agency_parties_and_agency_duty_headings():
    from pipeline.extraction.cues import agency_duty_heading, party_duty_heading
    parties = load("headings")["non_agency_parties"]
    for ex in parties["examples"]:
        assert party_duty_heading(ex) and not is_task_heading(ex), ex
    for ex in parties["counter_examples"]:
        assert not party_duty_heading(ex), ex
    for w in parties["words"]:
        assert party_duty_heading(f"Trách nhiệm của {w}"), w
    duty = load("headings")["agency_duty_openers"]
    for ex in duty["examples"]:
        assert agency_duty_heading(ex), ex
    for ex in duty["counter_examples"]:
        assert not agency_duty_heading(ex), ex
    for w in duty["words"]:
        assert agency_duty_heading(f"1. {w} Sở Tư pháp"), w


def check_examples(holds, data):
    """Every example of a data-file entry satisfies ``holds``; no counter-example does."""
    for ex in data["examples"]:
        assert holds(ex), ex
    for ex in data.get("counter_examples", ()):
        assert not holds(ex), ex


def test_qualifiers():
    from pipeline.extraction.cues import qualifier
    check_examples(qualifier, load("action_verbs")["qualifiers"])


def test_not_task_patterns():
    import re as _re
    data = load("action_verbs")["not_task_patterns"]
    rx = _re.compile("|".join(data["patterns"]), _re.IGNORECASE)
    for ex in data["examples"]:
        assert rx.search(ex), ex


def test_headings():
    data = load("headings")
    for ex in data["task_headings"]["examples"] + data["task_heading_openers"]["examples"] + data["forward_headings"]["examples"]:
        assert is_task_heading(ex), ex
    for ex in data["non_task_headings"]["examples"] + data["forward_headings"]["counter_examples"]:
        assert not is_task_heading(ex), ex
    budget = data["budget_headings"]
    for ex in budget["examples"]:
        assert not is_task_heading(ex), ex
    for ex in budget["counter_examples"]:
        assert is_task_heading(ex), ex


@pytest.mark.parametrize("e", entries("doc_types", "type"))
def test_type_codes(e):
    for sym in e["examples"]:
        refs = list(find_references(f"theo văn bản số {sym} ngày 01/01/2024").references)
        assert refs and refs[0].type == e["name"] and refs[0].ref_id == sym, (sym, refs)


def test_type_words():
    for ex in load("doc_types")["words"]["examples"]:
        refs = list(find_references(ex).references)
        assert refs, ex


@pytest.mark.parametrize("e", entries("issuers", "issuer"))
def test_issuer_codes(e):
    for sym in e["examples"]:
        m = re.match(r"(\d+)(?:/(\d{4}))?/(.+)$", sym)
        if m:
            info = parse_symbol(m.group(1), m.group(2) or "", m.group(3))
        else:
            m = re.match(r"(\d+)-(\w+)/(.+)$", sym)
            info = parse_symbol(m.group(1), "", m.group(3), m.group(2))
        assert info.issuer == e["name"], (sym, info)


@pytest.mark.parametrize("e", entries("abbreviations", "abbr"))
def test_abbreviations(e):
    for text, law in e["examples"]:
        refs = list(find_references(f"thực hiện {text} và các văn bản").references)
        assert [r.ref_id for r in refs] == [law]


def test_law_names():
    data = load("laws")
    for text, law in data["laws"]["examples"] + data["stops"]["examples"]:
        refs = list(find_references(text).references)
        assert law in [r.ref_id for r in refs], (text, refs)


@pytest.mark.parametrize("e", entries("furniture", "line"))
def test_furniture(e):
    rx = re.compile(e["pattern"], re.IGNORECASE)
    for ex in e["examples"]:
        assert rx.fullmatch(ex), ex
    for ex in e.get("counter_examples", []):
        assert not rx.fullmatch(ex), ex


def test_sexagenary_years():
    from pipeline.extraction.time_values import canchi_year as _canchi_year
    for name, year in load("time_words")["sexagenary"]["examples"]:
        assert _canchi_year(name, year + 3) == year, name
        assert _canchi_year(name, year - 20) == year, name


def test_web_tail_and_inline_ordinals():
    data = load("furniture")["web_tail"]
    rx = re.compile(data["pattern"], re.IGNORECASE)
    assert all(rx.fullmatch(ex) for ex in data["examples"])
    assert not any(rx.fullmatch(ex) for ex in data["counter_examples"])
    from pipeline.text.segment import segment
    for ex in load("segmentation")["inline_ordinals"]["examples"]:
        items = [b for b in segment(ex).blocks if b.marker_type == "ordinal"]
        assert len(items) >= 2, ex


def test_inline_intro():
    from pipeline.extraction.cues import inline_intro_colon
    from pipeline.text.segment import segment
    data = load("headings")["inline_intro"]
    for ex in data["examples"]:
        assert inline_intro_colon(ex, segment(ex).blocks[0]) > 0, ex
    for ex in data["counter_examples"]:
        assert inline_intro_colon(ex, segment(ex).blocks[0]) < 0, ex


def test_inline_request_series():
    from pipeline.extraction.cues import inline_intro
    from pipeline.text.segment import segment
    for ex in load("headings")["inline_intro"]["series_examples"]:
        intro = inline_intro(ex, segment(ex).blocks[0])
        assert intro is not None and intro.min_items == 3 and ex[intro.start :].lstrip().startswith("phải"), ex


@pytest.mark.parametrize("e", entries("time_words", "recurring"))
def test_recurring(e):
    for ex in e["examples"]:
        assert e["value"] in [t.value for t in find_times(ex)], ex


def test_time_words():
    data = load("time_words")
    for ex in data["before"]["examples"]:
        assert find_times(ex)[0].kind == "before", ex
    for ex in data["continuous"]["examples"]:
        assert [t.value for t in find_times(ex)] == ["continuous"], ex
    for ex in data["continuous"]["counter_examples"]:
        assert find_times(ex) == [], ex
    for h in data["holiday"]:
        for text, value in h["examples"]:
            assert [t.value for t in find_times(text)] == [value]
        for text, year, value in h.get("bare_examples", []):  # written bare: the scope's year
            assert [t.value for t in find_times(text, anchor=lambda _pos, y=int(year): y)] == [value], text
            assert find_times(text) == [], text  # and no date without a scope
    bare = [h["name"] for h in data["holiday"] if h.get("bare_takes_scope")]
    assert all(any(b for b in h.get("bare_examples", [])) for h in data["holiday"] if h["name"] in bare)
    for text, values in data["named_day_cues"]["examples"]:
        assert [t.value for t in find_times(text, anchor=lambda _pos: 2025)] == values, text
    for text in data["named_day_cues"]["counter_examples"]:
        assert not [t for t in find_times(text, anchor=lambda _pos: 2025) if t.kind == "date" and "/" not in t.text[-6:] and t.value.startswith("2025-")], text
    for text, value in data["season"]["examples"]:
        assert [t.value for t in find_times(text)] == [value], text


@pytest.mark.parametrize("e", entries("segmentation", "marker"))
def test_markers(e):
    for ex in e["examples"]:
        marker, mtype, _ = match_marker(ex + " Tổ chức thực hiện")
        assert mtype == e["type"], (ex, mtype)


@pytest.mark.parametrize("clause,names_only", [
    ("Ban Chỉ đạo các quân khu; Ban Chỉ đạo các tỉnh", True),  # a "Cơ quan chủ trì" entry
    ("Các Bộ, ngành liên quan.", True),
    ("Bộ Quốc phòng; Bộ Tài chính.", True),
    ("Sở Y tế chủ trì kiểm tra", False),
    ("giao Văn phòng Chính phủ đưa nội dung này vào Quy chế làm việc của Chính phủ", False),
    ("In ấn chứng chỉ", False),
])
def test_agency_list(clause, names_only):
    from pipeline.extraction.agencies import agency_list

    assert agency_list(clause) is names_only


def test_agency_heads():
    data = load("agencies")
    for ex in data["heads"]["examples"]:
        assert leading_agency(ex)[0], ex
    for text, agency in data["lead_ins"]["examples"]:
        assert leading_agency(text)[0] == agency
    for text, agency in data["dash_join"]["examples"]:  # a dash inside one name, not before a post or a body
        assert leading_agency(text)[0] == agency
    for ex in data["not_heads"]["examples"]:
        assert not leading_agency(ex)[0], ex
    for ex in data["determiners"]["examples"]:     # the determiner is part of the name
        assert ex.startswith(leading_agency(ex)[0]) and len(leading_agency(ex)[0].split()) > 2, ex
    for ex in data["stops"]["examples"]:          # the name ends before the stop word
        name = leading_agency(ex)[0]
        assert name and len(name) < len(ex), ex


def test_reference_words():
    data = load("references")
    from pipeline.extraction.references import _issuer_after
    for text, issuer in data["issuer_stops"]["examples"]:
        assert _issuer_after(text, 0)[0] == issuer
    for rel in data["relation"]:
        for ex in rel["examples"]:
            refs = list(find_references(ex + (" số 1/QĐ-UBND" if not re.search(r"\d", ex) else "")).references)
            assert refs and refs[-1].relation == rel["name"], (ex, refs)
    for ex in data["alias"]["examples"]:
        assert re.search(data["alias"]["pattern"], ex, re.IGNORECASE)


def _annex_roles():
    return load("annex_columns")["role"]


@pytest.mark.parametrize("role", _annex_roles(), ids=lambda r: r["name"])
def test_annex_column_headers(role):
    from pipeline.read.columns import column_role
    for ex in role["examples"]:
        assert column_role(ex) == role["name"], ex


@pytest.mark.parametrize("role", [r for r in _annex_roles() if "cell_start" in r], ids=lambda r: r["name"])
def test_annex_cell_starts(role):
    rx = re.compile(role["cell_start"]["pattern"])
    for ex in role["cell_start"]["examples"]:
        assert rx.match(ex), (role["name"], ex)


def test_fronted_phrases():
    from pipeline.extraction.cues import fronted
    data = load("action_verbs")["fronted"]
    for ex in data["examples"]:
        assert fronted().match(ex), ex
    for ex in data["time_examples"]:
        assert fronted(("time",)).match(ex), ex


def test_report_types():
    from pipeline.extraction.scope import is_report
    check_examples(is_report, load("deadlines")["report_types"])


def test_scope_completion():
    from pipeline.extraction.scope import scope_goal
    check_examples(lambda ex: any(scope_goal(ex, t) for t in find_times(ex)), load("deadlines")["scope_completion"])


def test_results_period_examples():
    data = load("deadlines")["results_period"]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)


@pytest.mark.parametrize("key", ["title_period", "results_title", "review_year", "section_time_label", "task_field_label", "results_said"])
def test_title_period_and_results_title_examples(key):
    data = load("deadlines")[key]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)


def test_results_object_examples():
    # "kết quả thực hiện nhiệm vụ … năm 2019": the work word is what the results are of
    data = load("deadlines")["results_title"]
    for ex in data["object_of_examples"]:
        assert re.search(data["object_of"], ex), ex


def test_congress_term_examples():
    """A congress's term in a header-less lead is the scope of the directions it set; a council's, an election's
    or a greeted congress's is not (``deadlines.toml`` ``[congress_term]``)."""
    from pipeline.extraction.scope import congress_term

    data = load("deadlines")["congress_term"]
    for ex in data["blocking_examples"]:
        assert re.search(data["blocking"], ex), ex
    for ex in data["examples"]:
        text = ex + "2020-2025, Đảng bộ xác định 3 khâu đột phá: phát triển nông nghiệp."
        term = congress_term(text, find_times(text), len(text))
        assert term is not None and term.value == "2020/2025", ex
    for ex in data["counter_examples"] + data["blocking_examples"]:
        text = ex + "2020-2025, Đảng bộ xác định 3 khâu đột phá: phát triển nông nghiệp."
        assert congress_term(text, find_times(text), len(text)) is None, ex


def test_term_of_office_and_horizon_examples():
    """A year after "nhiệm kỳ" names a council; a lead's "từ nay đến ngày …" is a horizon."""
    from pipeline.extraction.deadlines import names_term
    from pipeline.extraction.scope import _horizon_re

    check_examples(lambda ex: any(names_term(ex, t) for t in find_times(ex)), load("deadlines")["term_of_office"])
    lead = load("deadlines")["lead_scope"]
    for ex in lead["horizon_examples"]:
        assert any(t.kind == "before" and _horizon_re().match(t.text) for t in find_times(ex)), ex
    for ex in lead["ahead_examples"]:
        assert re.search(lead["ahead"], ex), ex
    for ex in lead["narrower_examples"]:
        assert re.search(lead["narrower"], ex), ex
    for ex in lead["plan_horizon_examples"]:
        assert re.search(lead["plan_horizon"], ex), ex
    for ex in lead["plan_horizon_counter_examples"]:
        assert not re.search(lead["plan_horizon"], ex), ex
    for ex in lead["year_horizon_examples"]:
        assert re.match(lead["year_horizon"], ex), ex


def test_page_year_examples():
    from pipeline.extraction.header import page_year

    for ex in load("header")["page_year"]["examples"]:
        assert page_year(ex), ex
    for ex in load("header")["page_year"]["stamp_examples"]:
        assert page_year(ex) == int(ex.split("date ")[1][:4]), ex


def test_period_statement_examples():
    """A plan's statement of its own period ends just before the time; a heading of tasks ends it."""
    data = load("deadlines")["period_statement"]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)
    for ex in data["sections_examples"]:
        assert re.search(data["sections"], ex, re.IGNORECASE), ex


def test_event_dates_examples():
    """A date after an event noun of its clause is the event's, not a deadline; one after a
    deadline cue ("Tổ chức Hội nghị sơ kết trước ngày 30/6/2024") is a deadline."""
    from pipeline.extraction.deadlines import is_event_date

    check_examples(lambda ex: any(is_event_date(ex, t) for t in find_times(ex)), load("deadlines")["event_dates"])


def test_markdown_headings_and_inline_syntax():
    from pipeline.text.segment import segment
    from pipeline.text.unwrap import unwrap
    md = load("segmentation")["markdown"]
    for ex in md["examples"]:
        assert segment(ex).blocks[0].kind == "heading", ex
    for ex in md["counter_examples"]:
        assert segment(ex).blocks[0].kind != "heading", ex
    for text, kept in load("furniture")["markdown_inline"]["examples"]:
        out = unwrap(text).text
        assert len(out) == len(text) and " ".join(out.split()) == kept


def test_request_cues():
    from pipeline.learn.candidates import _request_re
    for ex in load("headings")["request_cues"]["examples"]:
        assert _request_re().search(ex), ex


def test_general_requirements():
    from pipeline.extraction.cues import general_requirement_re
    data = load("action_verbs")["general_requirements"]
    assert all(general_requirement_re().search(ex) for ex in data["examples"])
    assert not any(general_requirement_re().search(ex) for ex in data["counter_examples"])


@pytest.mark.parametrize("key", ["title_stop", "marks", "issuer", "date", "date_line", "year", "subject_line", "school_year"])
def test_header_patterns(key):
    data = load("header")[key]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)


def test_header_words():
    from pipeline.extraction.header import has_header, read_header, type_line
    check_examples(lambda ex: type_line(ex) is not None, load("header")["type_line"])
    check_examples(lambda ex: read_header(ex + "\n", "", len(ex) + 1).type != "", load("header")["title_type"])
    check_examples(lambda ex: bool(re.match("|".join(load("header")["title_end"]["words"]), ex)), load("header")["title_end"])
    assert has_header("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nvề việc") and not has_header("Tin tức hôm nay")


def test_header_sentence_case():
    from pipeline.extraction.header import sentence_case
    for caps, name in load("header")["sentence_case"]["examples"]:
        assert sentence_case(caps) == name


def test_duty_words():
    from pipeline.extraction.cues import party_duty_heading
    for ex in load("cues")["duty_words"]["examples"]:
        assert party_duty_heading(ex), ex


def test_set_out_claims_examples():
    """Claims with no introducer that set out tasks all the same (after "đề ra", in a sub-heading),
    and counts of work done that are no claim."""
    from pipeline.extraction.claims import find_claims

    check_examples(lambda ex: any("no_list_cue" in c.flags or not c.flags for c in find_claims(ex)), load("task_nouns")["set_out"])


def test_coordinated_claims_examples():
    """A count joined to a claim before it ("… với 07 nhiệm vụ trọng tâm và 12 chỉ tiêu cụ thể …") is a claim too."""
    from pipeline.extraction.claims import find_claims

    for ex in load("task_nouns")["coordinated"]["examples"]:
        assert len(find_claims(ex)) == 2, ex


def test_period_join_examples():
    from pipeline.extraction.deadlines import joined_period

    def joins(ex: str) -> bool:
        ts = find_times(ex)
        return len(ts) >= 2 and joined_period(ex, ts, ts[-1]).start == ts[-2].start

    check_examples(joins, load("deadlines")["period_join"])


def test_amend_collective_examples():
    from pipeline.extraction.laws import named_laws

    check_examples(
        lambda ex: any("amends_several" in r.flags for r in named_laws("theo Luật " + ex, [], {})),
        load("references")["amend_collective"],
    )


def test_modal_cue_examples():
    from pipeline.learn.candidates import modal_action

    check_examples(modal_action, load("headings")["modal_cues"])


def test_card_label_examples():
    """Each example is a (label line, value line) pair made furniture; a counter-example's is kept."""
    from pipeline.text.unwrap import unwrap

    d = load("furniture")["card_label"]
    label, value = re.compile(d["label"]), re.compile(d["value"])
    for lab, val in d["examples"]:
        assert label.fullmatch(lab) and value.fullmatch(val), (lab, val)
        assert val.strip("*") not in unwrap(f"Trang văn bản\n{lab}\n|\n{val}\nNội dung\n").text
    for lab, val in d["counter_examples"]:
        assert val in unwrap(f"Trang văn bản\n{lab}\n|\n{val}\nNội dung\n").text


def test_inline_paren_series_examples():
    """Each example line is cut into one item per marker; a counter-example stays one block."""
    from pipeline.text.segment import segment

    d = load("segmentation")["inline_paren_series"]
    for ex in d["examples"]:
        assert sum(b.marker_type == "paren" for b in segment(ex).blocks) >= 2, ex
    for ex in d["counter_examples"]:
        assert len(segment(ex).blocks) == 1, ex


def test_an_empty_marker_keeps_the_series_count():
    """"(ii) … (iii) (iv) Bố trí …": a marker with nothing after it (a line lost) does not end the series."""
    from pipeline.text.segment import segment

    t = ("Yêu cầu: (i) Ban hành kế hoạch triển khai nhiệm vụ được phân cấp trong giáo dục và đào tạo năm nay. "
         "(ii) Kiện toàn, đổi mới và vận hành hiệu quả quản lý giáo dục ở địa phương. (iii) (iv) Bố trí quỹ đất, "
         "huy động mọi nguồn lực để xây dựng trường lớp. (v) Tăng cường chỉ đạo, hướng dẫn, kiểm tra các cơ sở giáo dục.")
    assert [t[b.start : b.start + 4] for b in segment(t).blocks if b.marker_type == "paren"] == ["(i) ", "(ii)", "(iv)", "(v) "]


def test_inline_number_series_examples():
    """A paragraph of numbered sentences ("1- A. 2- B. 3- C.") is cut into one item per number; a
    counter-example stays one block."""
    from pipeline.text.segment import segment

    d = load("segmentation")["inline_number_series"]
    for ex in d["examples"]:
        assert sum(b.marker_type == "arabic" for b in segment(ex).blocks) >= 2, ex
    for ex in d["counter_examples"]:
        assert len(segment(ex).blocks) == 1, ex


def test_site_tail_examples():
    from pipeline.text.unwrap import unwrap

    d = load("furniture")["site_tail"]
    rx = re.compile(d["pattern"])
    assert all(rx.fullmatch(ex) for ex in d["examples"])
    assert not any(rx.fullmatch(ex) for ex in d["counter_examples"])
    body = "Nội dung văn bản.\n" * 6
    for ex in d["examples"]:
        out = unwrap(f"{body}{ex}\nCập nhật ngày 31/05/2021 rất nhiều chữ dài hơn một dòng tiêu đề bình thường của trang.\n").text
        assert "31/05/2021" not in out, ex
    for ex in d["with_previous_examples"]:  # the foot opens at the repeated title above the note
        out = unwrap(f"{body}Thông báo 659/TB-VPCP ngày 29/11/2025 kết luận của Phó Thủ tướng\n{ex}\n").text
        assert "659/TB-VPCP" not in out and "Nội dung văn bản." in out, ex


def test_site_tail_opens_no_foot_far_from_the_end():
    """In a long text that joins several documents, "## Văn bản liên quan" followed by more than a
    page foot's worth of text opens no foot: what follows stays content."""
    from pipeline.text.unwrap import unwrap

    body = "Nội dung văn bản.\n" * 6
    rest = "Hoàn thành trước ngày 31/05/2021 các nhiệm vụ của văn bản tiếp theo trong tập.\n" * 400
    assert "31/05/2021" in unwrap(f"{body}## Văn bản liên quan\n{rest}").text


def test_dangling_word_examples():
    # a line ending with "của", "với", "số" … goes on after a blank line; "… những năm tiếp theo" ends
    from pipeline.text.unwrap import _dangling

    data = load("segmentation")["dangling"]
    check_examples(_dangling, {"examples": data["examples"], "counter_examples": data["ending_examples"]})


def test_adopted_on_examples():
    """The closing formula's words before a date (time_words.toml [adopted_on]), and the date after them is no time."""
    from pipeline.extraction.times import find_times

    data = load("time_words")["adopted_on"]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)
    for ex in data["examples"]:
        assert not find_times(ex + "ngày 13 tháng 7 năm 2017."), ex
    assert find_times("Kế hoạch này được thông qua. Ngày 13/7/2017, Sở Nội vụ tổ chức hội nghị.")


def test_fronted_year_examples():
    """deadlines.toml [fronted_year]: matched after the year, and the scope of a header-less text."""
    from pipeline.extraction.scope import _fronted_year
    from pipeline.extraction.times import find_times

    data = load("deadlines")["fronted_year"]
    check_examples(lambda ex: re.match(data["pattern"], ex), data)
    text = "Tin tức.\nNăm 2017, định hướng tín dụng tăng khoảng 18%. Ngân hàng Nhà nước tổ chức hội nghị."
    assert _fronted_year(text, find_times(text)).value == "2017"
    past = "Tin tức.\nNăm 2016, tỉnh đã phát hiện, xử lý 1.236 vụ vi phạm. Cần tập trung xử lý."
    assert _fronted_year(past, find_times(past)) is None


def test_amended_in_examples():
    """time_words.toml [amended_in]: the words before a law's amendment year, which is then no time."""
    from pipeline.extraction.times import find_times

    data = load("time_words")["amended_in"]
    check_examples(lambda ex: re.search(data["pattern"], ex), data)
    assert [t.value for t in find_times("theo Luật Bầu cử (được sửa đổi, bổ sung năm 2025). Cụ thể")] == []
    assert [t.value for t in find_times("hoàn thành việc sửa đổi, bổ sung Luật Đất đai trong năm 2025")] == ["2025"]


def test_numbered_doc_date_examples():
    """time_words.toml [numbered_doc_date]: the words between a document's type word and its date, however broken
    its number; that date is then no time, and a date after other words still is."""
    from pipeline.extraction.times import _numbered_doc_re, find_times

    data = load("time_words")["numbered_doc_date"]
    check_examples(lambda ex: _numbered_doc_re().search(ex), data)
    assert find_times("Căn cứ Nghị quyết số 89NQ-HĐND ngày 14 tháng 7 năm 2017 của Hội đồng nhân dân tỉnh") == []
    assert [t.value for t in find_times("Kế hoạch triển khai trước ngày 30/6/2024.")] == ["../2024-06-30"]


def test_anniversary_spans():
    from pipeline.api import process_text
    from pipeline.extraction.deadlines import is_event_date

    for ex in load("deadlines")["event_dates"]["anniversary_examples"]:
        ranges = [t for t in process_text(ex, doc_id="x.txt").times if t.kind == "range"]
        assert ranges and all(is_event_date(ex, t) for t in ranges), ex


def test_meeting_spans():
    from pipeline.extraction.deadlines import is_event_date
    from pipeline.extraction.times import find_times

    for ex in load("deadlines")["event_dates"]["meeting_span_examples"]:
        text = ex + "từ ngày 25/01/2021 đến ngày 01/02/2021, tại Thủ đô Hà Nội"
        ranges = [t for t in find_times(text) if t.kind == "range"]
        assert ranges and all(is_event_date(text, t) for t in ranges), ex
    plan = "Kế hoạch được thực hiện từ ngày 01/3/2024 đến ngày 30/6/2024"
    assert not any(is_event_date(plan, t) for t in find_times(plan))


def test_late_scope():
    from pipeline.resources import pattern

    rx = pattern("deadlines", "late_scope")
    data = load("deadlines")["late_scope"]
    assert all(rx.search(ex) for ex in data["examples"])
    assert not any(rx.search(ex) for ex in data["counter_examples"])


def test_fronted_year_reported_openings():
    import re

    data = load("deadlines")["fronted_year"]
    rx = re.compile(data["reported"])
    assert all(rx.fullmatch(ex) for ex in data["reported_examples"])
    assert not rx.fullmatch("Năm qua, tỉnh đã tổ chức năm ")
