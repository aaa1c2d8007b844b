"""Normalisation rules, offset maps and the translate/numpy equivalence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import Normalized, normalize, normalize_form


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قَالَ الرَّئِيسُ", "قال الرئيس"),  # harakat and shadda
        ("القرآن ٱلكريم", "القران الكريم"),  # madda, wasla (+ U+0670 superscript alef below)
        ("ذٰلك", "ذلك"),  # superscript alef U+0670
        ("صَلَّى ٱللَّهُ عَلَيْهِ وَسَلَّمَ ۖ", "صلي الله عليه وسلم "),  # Quranic pause mark U+06D6
        ("عـــاجـــل", "عاجل"),  # tatweel
        ("أحمد إبراهيم آل", "احمد ابراهيم ال"),
        ("مصطفى على", "مصطفي علي"),
        ("الحكومة اللبنانية", "الحكومه اللبنانيه"),
        ("ایران کابل خانۀ", "ايران كابل خانه"),  # Persian yeh, keheh, heh with yeh
        ("عام ٢٠٢١ و۱۴۰۰", "عام 2021 و1400"),
        ("١٣٫٥ و١٬٠٠٠", "13.5 و1,000"),
        ("\u202bبيروت\u202c\u200f", "بيروت"),  # bidi embedding and RLM
        ("كلمة\u200cكلمة\ufeff", "كلمةكلمة".replace("ة", "ه")),  # ZWNJ and BOM
        ("\ufefb\ufef7\ufef9\ufef5 بد", "لالالالا بد"),  # lam-alef ligatures
        ("بيروت\u00a0اليوم\u2009الاثنين\u3000", "بيروت اليوم الاثنين "),
        ("سطر\u2028سطر", "سطر\nسطر"),
        ("لماذا؟ نعم، لا؛ سؤال", "لماذا؟ نعم، لا؛ سؤال"),  # punctuation untouched
        ("مسؤول بريء سائل", "مسؤول بريء سائل"),  # ؤ ء ئ untouched
        ("Biden 2024 ﷺ", "Biden 2024 ﷺ"),
    ],
)
def test_rules(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected
    assert normalize_form(raw) == expected


def test_offsets_shape_and_mapping() -> None:
    raw = "وَقَالَ ﻻ"
    n = normalize(raw)
    assert n.text == "وقال لا"
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(raw)
    assert list(n.offsets) == [0, 2, 4, 5, 7, 8, 8, 9]
    # both chars of the expanded ligature map to it
    assert n.to_original(5, 7) == (8, 9)
    assert n.to_original(6, 7) == (8, 9)
    # a word maps to its surface with inner marks, without the trailing one
    s, e = n.to_original(0, 4)
    assert raw[s:e] == "وَقَال"
    assert n.to_normalized(0, 7) == (0, 4)
    assert n.to_normalized(0, 8) == (0, 5)
    assert n.to_original(3, 3) == (5, 5)


def test_to_original_rejects_bad_spans() -> None:
    n = normalize("بيروت")
    with pytest.raises(ValueError):
        n.to_original(2, 1)
    with pytest.raises(ValueError):
        n.to_original(0, 6)


def test_normalized_is_frozen_and_comparable() -> None:
    a, b = normalize("قَال"), normalize("قَال")
    assert a == b
    with pytest.raises(AttributeError):
        a.text = "x"  # type: ignore[misc]
    assert isinstance(a, Normalized)


def test_long_text_path_matches_translate() -> None:
    raw = "قالَ وزيرُ الخارجيّة ﻻ ٢٠٢١ \u200fإنّ «بلاده» 😀 ی\n" * 400
    n = normalize(raw)
    assert n.text == normalize_form(raw) == raw.translate(_table())
    _check_all_char_spans(n)


def _table() -> dict[int, str | None]:
    from marsad.text.normalize import _TABLE

    return _TABLE


def _check_all_char_spans(n: Normalized) -> None:
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert n.text[i] in normalize_form(n.original[s:e])


_ALPHABET = (
    [chr(c) for c in range(0x0621, 0x064B)]  # letters incl. tatweel
    + list("ىةیکۀأإآٱؤئء")
    + [chr(c) for c in range(0x064B, 0x0660)]  # harakat
    + ["\u0670", "\u0610", "\u06d6", "\u06ed", "\u061c"]
    + [chr(c) for c in range(0x0660, 0x066D)]  # Arabic-Indic digits and separators
    + list("۰۱۲۹0123456789")
    + [chr(c) for c in range(0xFEF5, 0xFEFD)]  # lam-alef ligatures
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\ufeff"]
    + [" ", "\u00a0", "\u2009", "\n", "\t"]
    + list(".,،؛؟!:«»\"-%()")
    + ["a", "Z", "\U0001f600"]
)
arabicish = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=24)


@settings(max_examples=150, deadline=None)
@given(arabicish)
def test_every_span_round_trips(raw: str) -> None:
    n = normalize(raw)
    assert n.text == normalize_form(raw)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(raw)
    assert list(n.offsets) == sorted(n.offsets)
    # Boundaries that do not fall between the two halves of an expanded ligature.
    cuts = [i for i in range(len(n.text) + 1) if i in (0, len(n.text)) or n.offsets[i - 1] != n.offsets[i]]
    for a, i in enumerate(cuts):
        for j in cuts[a:]:
            s, e = n.to_original(i, j)
            assert normalize_form(raw[s:e]) == n.text[i:j]
    # A span cutting a ligature maps to the whole ligature, which covers it.
    for i in range(len(n.text) + 1):
        for j in range(i, len(n.text) + 1):
            s, e = n.to_original(i, j)
            assert n.text[i:j] in normalize_form(raw[s:e])
            if i < j:
                assert n.to_normalized(s, e)[0] <= i and n.to_normalized(s, e)[1] >= j


@given(st.text(max_size=40))
def test_any_unicode_string(raw: str) -> None:
    n = normalize(raw)
    assert n.text == normalize_form(raw)
    assert len(n.offsets) == len(n.text) + 1
