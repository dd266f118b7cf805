"""Legacy encodings (TCVN3, VNI) and text-layer repairs: every table entry against its examples."""
from __future__ import annotations

import re

import pytest

from pipeline.read.legacy import convert_legacy, detect_legacy, to_unicode
from pipeline.read.pdf import repair_text_layer
from pipeline.resources import load

TCVN3 = load("legacy_tcvn3")["char"]
VNI = load("legacy_vni")["single"] + load("legacy_vni")["mark"]
REPAIRS = load("legacy_repairs")["repair"]


@pytest.mark.parametrize("entry", TCVN3, ids=lambda e: f"0x{ord(e['legacy']):02X}")
def test_tcvn3_entry(entry):
    assert entry["examples"], "every entry needs examples"
    for legacy, uni in entry["examples"]:
        assert to_unicode(legacy, "tcvn3") == uni


@pytest.mark.parametrize("entry", VNI, ids=lambda e: f"0x{ord(e['legacy']):02X}")
def test_vni_entry(entry):
    assert entry["examples"]
    for legacy, uni in entry["examples"]:
        assert to_unicode(legacy, "vni") == uni


def test_tables_complete():
    assert len({e["legacy"] for e in TCVN3}) == len(TCVN3) == 74
    assert len({e["legacy"] for e in VNI}) == len(VNI)


@pytest.mark.parametrize("entry", REPAIRS, ids=lambda e: e["name"])
def test_repair_entry(entry):
    rx = re.compile(entry["pattern"])
    for a, b in entry["examples"]:
        assert rx.sub(entry["replacement"], a) == b
        assert repair_text_layer(a) == b
    for c in entry.get("counter_examples", []):
        assert rx.sub(entry["replacement"], c) == c


@pytest.mark.parametrize("text,enc,expected", [
    ("Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc", "tcvn3",
     "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"),
    ("Ch\u00ad¬ng tr×nh c¶i c¸ch hµnh chÝnh", "tcvn3", "Chương trình cải cách hành chính"),
    ("QUYÕT §ÞNH cña ñY BAN NH¢N D¢N THµNH PHè", "tcvn3", "QUYẾT ĐỊNH của ủY BAN NHÂN DÂN THÀNH PHỐ"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc", "vni",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
    ("Caên cöù Quyeát ñònh soá 186/2006/QÑ-TTg ngaøy 14/8/2006 cuûa Thuû töôùng Chính phuû", "vni",
     "Căn cứ Quyết định số 186/2006/QĐ-TTg ngày 14/8/2006 của Thủ tướng Chính phủ"),
])
def test_detect_and_convert(text, enc, expected):
    assert detect_legacy(text) == enc
    assert convert_legacy(text) == (expected, enc)


@pytest.mark.parametrize("text", [
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Căn cứ Quyết định số 186/2006/QĐ-TTg; hoàn thành trước ngày 30/6",
    "El niño está en la montaña; ¿dónde está el señor? Él comió paella.",
    "Café crème brûlée, déjà vu à la française, très élégant.",
    "Plain ASCII text about 25/2021/QD-TTg.",
    "",
])
def test_not_legacy(text):
    assert detect_legacy(text) is None
    assert convert_legacy(text) == (text, None)


def test_unicode_lines_kept_in_legacy_document():
    text = "Céng hßa x· héi chñ nghÜa ViÖt Nam\nTrương Tấn Thiệu"
    assert to_unicode(text, "tcvn3") == "Cộng hòa xã hội chủ nghĩa Việt Nam\nTrương Tấn Thiệu"


def test_unknown_encoding():
    with pytest.raises(ValueError):
        to_unicode("x", "viscii")


def test_letter_spacing_of_pdf_table_cells():
    from pipeline.read.pdf import join_letter_spacing
    data = load("legacy_repairs")["letter_spacing"]
    for given, expected in data["examples"]:
        assert join_letter_spacing(given) == expected
    for given in data["counter_examples"]:
        assert join_letter_spacing(given) == given
