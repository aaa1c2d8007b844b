"""Tokenisation and conservative clitic segmentation."""

from __future__ import annotations

import pytest

from marsad.text import Token, normalize_form, segment, tokenize

KNOWN = frozenset(normalize_form(w) for w in ["بيروت", "لبنان", "باكو", "الجزائر", "يقوم", "الأمم"])


def known(form: str) -> bool:
    return form in KNOWN


def seg(word: str, k=None) -> tuple[str, str, str]:
    return segment(normalize_form(word), k)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("وإسرائيل", ("و", "اسرائيل", "")),
        ("بأرمينيا", ("ب", "ارمينيا", "")),
        ("لأذربيجان", ("ل", "اذربيجان", "")),
        ("وبأرمينيا", ("وب", "ارمينيا", "")),
        ("والجيش", ("وال", "جيش", "")),  # article stays with the proclitic, not the stem
        ("للأمم", ("لل", "امم", "")),
        ("بالعاصمة", ("بال", "عاصمه", "")),
        ("وباكو", ("و", "باكو", "")),
        ("وقال", ("و", "قال", "")),
        ("وأكد", ("و", "اكد", "")),
        ("فإن", ("ف", "ان", "")),
        ("بسبب", ("ب", "سبب", "")),
        ("وزارته", ("", "وزاره", "ه")),  # ta marbuta restored in the stem
        ("حكومتها", ("", "حكومه", "ها")),
        ("قواتهم", ("", "قوات", "هم")),
        ("عنها", ("", "عن", "ها")),
        ("ووزارته", ("و", "وزاره", "ه")),
    ],
)
def test_segment_without_known(word: str, expected: tuple[str, str, str]) -> None:
    assert seg(word) == expected


@pytest.mark.parametrize(
    "word",
    ["بيروت", "لبنان", "ليبيا", "فلسطين", "واشنطن", "وزير", "وزارة", "بيان", "كانت", "سياسة",
     "التقى", "ألغى", "لاجئين", "كتابة", "الله", "إلى", "الذي", "بين", "لكن", "فيما", "كما",
     "اتجاه", "مصر", "ملك", "لبناني", "سيارة", "وقع", "بلغ"],
)
def test_words_that_must_stay_whole(word: str) -> None:
    assert seg(word) == ("", normalize_form(word), "")


def test_known_wins_over_rules() -> None:
    assert seg("بيروت", known) == ("", "بيروت", "")
    assert seg("لبنان", known) == ("", "لبنان", "")
    assert seg("ولبنان", known) == ("و", "لبنان", "")
    assert seg("وباكو", known) == ("و", "باكو", "")
    # a name stored with its article keeps it: و + الجزائر rather than وال + جزائر
    assert seg("والجزائر") == ("وال", "جزائر", "")
    assert seg("والجزائر", known) == ("و", "الجزائر", "")
    assert seg("للأمم", known) == ("ل", "الامم", "")
    # the future prefix and ي/ك are only split when the stem is confirmed
    assert seg("سيقوم") == ("", "سيقوم", "")
    assert seg("سيقوم", known) == ("س", "يقوم", "")
    assert seg("وسيقوم", known) == ("وس", "يقوم", "")
    assert seg("بيروتي", known) == ("", "بيروتي", "")  # nisba adjective, not a pronoun
    assert seg("مني") == ("", "من", "ي")


def test_ta_marbuta_versus_pronoun_uses_the_surface() -> None:
    (book,) = tokenize("كتابه")  # real ه: his book
    (writing,) = tokenize("كتابة")  # ta marbuta: writing
    assert (book.stem, book.suffix) == ("كتاب", "ه")
    assert (writing.stem, writing.suffix) == ("كتابه", "")
    # ...while the bare normalised form is ambiguous and left whole
    assert seg("كتابه") == ("", "كتابه", "")


def test_hamza_on_article_alef_blocks_the_article_reading() -> None:
    (verb,) = tokenize("أعلن")
    assert (verb.prefix, verb.stem) == ("", "اعلن")
    (verb,) = tokenize("ألحق")
    assert (verb.prefix, verb.stem) == ("", "الحق")
    (noun,) = tokenize("الحق")
    assert (noun.prefix, noun.stem) == ("ال", "حق")


def test_tokenize_sentence() -> None:
    text = "وقالَ وزيرُ الخارجيّة اللبنانيّ، في بيروتَ، إنّ بلاده «لن تقبل» بأيّ تدخّل."
    toks = tokenize(text)
    assert [t.text for t in toks] == [
        "وقالَ", "وزيرُ", "الخارجيّة", "اللبنانيّ", "في", "بيروتَ", "إنّ", "بلاده", "لن", "تقبل", "بأيّ", "تدخّل",
    ]
    assert all(text[t.start : t.end] == t.text and t.norm == normalize_form(t.text) for t in toks)
    assert [(t.prefix, t.stem, t.suffix) for t in toks[:4]] == [
        ("و", "قال", ""),
        ("", "وزير", ""),
        ("ال", "خارجيه", ""),
        ("ال", "لبناني", ""),
    ]
    assert (toks[7].stem, toks[7].suffix) == ("بلاد", "ه")
    assert isinstance(toks[0], Token)


def test_tokenize_numbers_latin_and_tatweel() -> None:
    text = "قُتل ١٣ شخصا و20 جريحا بـ2023، وارتفع المؤشر 13.5% إلى ١٬٠٠٠ نقطة. (F-16) عـــاجـــل"
    toks = tokenize(text)
    assert [t.norm for t in toks] == [
        "قتل", "13", "شخصا", "و20", "جريحا", "ب2023", "وارتفع", "المؤشر", "13.5", "الي", "1,000", "نقطه",
        "F", "16", "عاجل",
    ]
    by_norm = {t.norm: t for t in toks}
    assert (by_norm["و20"].prefix, by_norm["و20"].stem) == ("و", "20")
    assert (by_norm["ب2023"].prefix, by_norm["ب2023"].stem) == ("ب", "2023")
    assert by_norm["عاجل"].text == "عـــاجـــل"


def test_token_surface_keeps_trailing_marks_and_known_is_passed() -> None:
    text = "وصلَ الوفدُ إلى لبنانَ وبيروتَ"
    toks = tokenize(text, known)
    assert toks[-2].text == "لبنانَ" and toks[-2].stem == "لبنان"
    assert (toks[-1].prefix, toks[-1].stem) == ("و", "بيروت")


def test_punctuation_only() -> None:
    assert tokenize("، . ؟ « » - !") == []
    assert tokenize("") == []
    assert segment("") == ("", "", "")
