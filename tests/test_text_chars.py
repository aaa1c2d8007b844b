"""marsad.text.chars: the numpy character classes agree with the regular expressions they stand for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.coder.spans import WORD, WordIndex
from marsad.text.chars import char_classes, runs

SAMPLES = ["زار الرئيسُ التركيّ القاهرةَ أمس، والتقى 3 وزراء في ٢٠٢٤م.", "a_b²c½d 𝐀بالرياض𝐀 x1y", "", "ـــ"]
# Arabic, Latin, digits of several scripts, marks, underscores, superscripts and letters beyond the BMP
ALPHABET = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآ ،.؛:«»\"'_-0123456789٠١٢٣٤٥٦٧٨٩²½ⅫabcXYZ\u064e\u0640\n")
                           + ["𝐀", "😀", "\U00020000"])


def regex_runs(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_runs_of_classes_are_the_regex_matches(text: str) -> None:
    classes = char_classes(text)
    for mask, pattern in ((classes.alnum, r"[^\W_]+"), (classes.letter, r"[^\W\d_]+")):
        starts, ends = runs(mask)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == regex_runs(pattern, text)
    assert classes.alpha.tolist() == [c.isalpha() for c in text]


@given(st.lists(ALPHABET, max_size=60).map("".join), st.integers(0, 70), st.integers(0, 70), st.integers(1, 20))
@settings(max_examples=300)
def test_word_window_is_finditer_between_two_offsets(text: str, start: int, end: int, limit: int) -> None:
    spans, words = WordIndex.of(text).window(start, end, limit)
    found = list(WORD.finditer(text, start, end))[:limit]
    assert spans == [m.span() for m in found] and words == [m.group() for m in found]


def test_samples() -> None:
    for text in SAMPLES:
        index = WordIndex.of(text)
        assert index.words == WORD.findall(text)
        assert WordIndex.of(text) is index  # built once for the document being coded
