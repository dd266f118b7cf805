"""Property: every generated citation (type, number, year, issuer, date, damage) round-trips to its id."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text.normalise import normalise
from pipeline.extraction.references import find_references
from pipeline.resources import lexicon

TYPES = ["QĐ", "NĐ", "TT", "NQ", "CT", "KH", "CTr", "TB", "HD", "KL", "BC", "TTr", "ĐA", "PA", "QyĐ"]
PARTY_TYPES = ["NQ", "CT", "KL", "QĐ", "HD", "CTr", "QĐi", "BC"]
ISSUERS = ["TTg", "CP", "UBND", "HĐND", "BTP", "BNV", "BTC", "VPCP", "BXD", "BNNMT"]
PARTY_ISSUERS = ["TW", "TU", "HU", "BCSĐ", "BTGTW"]
UNITS = ["XD", "KTTH", "TNMT", "KT", "VX", "NC"]
WORDS = {"QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "NQ": "Nghị quyết", "CT": "Chỉ thị",
         "KH": "Kế hoạch", "CTr": "Chương trình", "TB": "Thông báo", "HD": "Hướng dẫn", "KL": "Kết luận",
         "BC": "Báo cáo", "TTr": "Tờ trình", "ĐA": "Đề án", "PA": "Phương án", "QyĐ": "Quy định", "QĐi": "Quy định"}


def official_id(number: str, year: str, parts: list[str], party_type: str = "") -> str:
    """The id in its official form, written out here rather than taken from the code under test:
    ``25/2021/QĐ-TTg``, ``7432/UBND-XD``, ``80-KL/TW``."""
    if party_type:
        return f"{number}-{party_type}/" + "-".join(parts)
    return number + (f"/{year}" if year else "") + "/" + "-".join(parts)


@st.composite
def citations(draw):
    """(text, expected id, expected ISO date or "") for one citation with random damage."""
    form = draw(st.sampled_from(["normative", "admin", "congvan", "party"]))
    number = str(draw(st.integers(1, 9999)))
    if len(number) == 1 and draw(st.booleans()):
        number = "0" + number
    year = str(draw(st.integers(1990, 2030))) if form == "normative" else ""
    if form == "party":
        ptype, parts = draw(st.sampled_from(PARTY_TYPES)), [draw(st.sampled_from(PARTY_ISSUERS))]
        word = WORDS[ptype]
    elif form == "congvan":
        ptype, parts, word = "", [draw(st.sampled_from(ISSUERS)), draw(st.sampled_from(UNITS))], "Công văn"
    else:
        ptype = ""
        code = draw(st.sampled_from(TYPES))
        parts = [code, draw(st.sampled_from(ISSUERS))]
        if draw(st.integers(0, 4)) == 0:
            parts.append(draw(st.sampled_from(UNITS)))
        word = WORDS[code]
    rid = official_id(number, year, parts, ptype)

    # damage
    seps = ["-"] * (len(parts) - 1)
    if form in ("normative", "admin") and draw(st.booleans()):
        seps[0] = draw(st.sampled_from([".", "- ", " -", "-\n", "\ufffe"]))
    sym = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:]))
    last_known = parts[-1] in lexicon().issuer_codes
    if last_known and draw(st.integers(0, 3)) == 0:
        sym += str(draw(st.integers(1, 9)))                    # footnote digit glued on
    if form != "party" and draw(st.integers(0, 3)) == 0:
        sym = sym.lower()
    if draw(st.booleans()):
        sym = sym.replace("Đ", "\u00d0")                       # look-alike letter
    slash = draw(st.sampled_from(["/", " /", "/ "]))
    if form == "party":
        head = number + draw(st.sampled_from(["-", "- ", "-\n"])) + (ptype.replace("Đ", "\u00d0"))
        body = head + draw(st.sampled_from(["/", "_"])) + sym
    else:
        body = number + (slash + year if year else "") + slash + sym
    seg = "_" if draw(st.integers(0, 4)) == 0 else " "
    lead = word.replace(" ", seg) + draw(st.sampled_from([" số ", " ", " số: "]))

    date = ""
    tail = draw(st.sampled_from([" về việc triển khai.", " của Ủy ban nhân dân tỉnh về việc", ";", "."]))
    if draw(st.booleans()):
        d, m, y = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(1990, 2030))
        written = draw(st.sampled_from([f"ngày {d}/{m}/{y}", f"ngày {d:02d}/{m:02d}/{y}", f"ngày {d} tháng {m} năm {y}",
                                        f"ngày {d}-{m}-{y}", f"ngày {d} tháng\n{m} năm {y}"]))
        body += draw(st.sampled_from([" ", ", "])) + written
        date = f"{y:04d}-{m:02d}-{d:02d}"
    prefix = draw(st.sampled_from(["Căn cứ ", "Thực hiện ", "theo ", ""]))
    return prefix + lead + body + tail, rid, date


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(citations())
def test_generated_citation_round_trips(case):
    text, rid, date = case
    refs = list(find_references(normalise(text).text).references)
    assert [r.ref_id for r in refs] == [rid], text
    assert refs[0].date == date, text
