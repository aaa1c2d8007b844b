"""Sentence, paragraph and clause splitting on realistic Arabic news text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text import paragraphs, split_clauses, split_sentences


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def clauses(text: str) -> list[str]:
    return [text[s:e] for s, e in split_clauses(text, 0, len(text))]


def test_news_paragraph_with_numbers_and_abbreviations() -> None:
    text = (
        "أعلن وزير المالية أن الخطة تمتد على الفترة 2023-2028. وقال إن النمو سيبلغ 3.5% "
        "بعد أن سجل ١٣٫٥ في المئة عام ٢٠٢١! وأضاف د. محمد السيد أن الحكومة ستلتزم بذلك؟ "
        "وتعود الاتفاقية إلى القرن الثالث ق.م. حسب المؤرخين…"
    )
    assert sents(text) == [
        "أعلن وزير المالية أن الخطة تمتد على الفترة 2023-2028.",
        "وقال إن النمو سيبلغ 3.5% بعد أن سجل ١٣٫٥ في المئة عام ٢٠٢١!",
        "وأضاف د. محمد السيد أن الحكومة ستلتزم بذلك؟",
        "وتعود الاتفاقية إلى القرن الثالث ق.م. حسب المؤرخين…",
    ]


def test_headlines_and_lines_are_boundaries() -> None:
    text = "عاجل\nانفجار في مرفأ بيروت\n\nقتل 3 أشخاص وأصيب 20 آخرون في انفجار. وفتحت السلطات تحقيقا\r\nالمزيد لاحقا"
    assert sents(text) == [
        "عاجل",
        "انفجار في مرفأ بيروت",
        "قتل 3 أشخاص وأصيب 20 آخرون في انفجار.",
        "وفتحت السلطات تحقيقا",
        "المزيد لاحقا",
    ]


def test_quoted_speech_is_not_split() -> None:
    text = (
        'وقال المتحدث: "الوضع خطير. نحن بحاجة إلى مساعدة عاجلة". '
        "وتساءل: «هل هذا معقول؟ لا أظن» مضيفا أن الأمر مرفوض. "
        "وقالت الوزيرة “لن نتراجع!” ثم غادرت."
    )
    assert sents(text) == [
        'وقال المتحدث: "الوضع خطير. نحن بحاجة إلى مساعدة عاجلة".',
        "وتساءل: «هل هذا معقول؟ لا أظن» مضيفا أن الأمر مرفوض.",
        "وقالت الوزيرة “لن نتراجع!” ثم غادرت.",
    ]


def test_unclosed_quote_does_not_swallow_the_line() -> None:
    text = "قال «إن الهدنة انتهت. وبدأ القصف من جديد."
    assert sents(text) == ["قال «إن الهدنة انتهت.", "وبدأ القصف من جديد."]


def test_urls_emails_and_agency_codes() -> None:
    text = "ونشرت الوكالة (أ.ف.ب) البيان على موقع www.example.gov.lb اليوم. للتواصل: press@example.org."
    assert sents(text) == [
        "ونشرت الوكالة (أ.ف.ب) البيان على موقع www.example.gov.lb اليوم.",
        "للتواصل: press@example.org.",
    ]


def test_era_marker_and_missing_space() -> None:
    assert sents("ولد عام 1950م. وتوفي عام 1445 هـ. في القاهرة") == [
        "ولد عام 1950م.",
        "وتوفي عام 1445 هـ.",
        "في القاهرة",
    ]
    assert sents("انتهى الاجتماع.وأعلن الطرفان اتفاقا") == ["انتهى الاجتماع.", "وأعلن الطرفان اتفاقا"]


def test_multiple_terminators_and_vocalised_text() -> None:
    text = "هل انتهت الحرب؟! لا... لم تنتهِ بعدُ."
    assert sents(text) == ["هل انتهت الحرب؟!", "لا...", "لم تنتهِ بعدُ."]


def test_paragraphs() -> None:
    text = "  الفقرة الأولى. جملة ثانية.\n\n\tالفقرة الثانية\n   \nالثالثة"
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "الفقرة الأولى. جملة ثانية.",
        "الفقرة الثانية",
        "الثالثة",
    ]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []
    assert paragraphs("") == []


@given(st.text(alphabet=st.sampled_from(list("قال في بيروت. 2023.5؟!…\n«»\"،د ")), max_size=60))
def test_spans_are_trimmed_ordered_disjoint(text: str) -> None:
    prev = 0
    for s, e in split_sentences(text):
        assert prev <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert "\n" not in text[s:e]
        prev = e
    # nothing but whitespace is lost
    covered = "".join(text[s:e] for s, e in split_sentences(text))
    assert "".join(text.split()) == "".join(covered.split())


def test_clause_punctuation_and_connectors() -> None:
    text = "وقال الوزير، في مؤتمر صحفي، إن الجيش سيرد على الهجوم بينما دعت الأمم المتحدة إلى ضبط النفس."
    assert clauses(text) == [
        "وقال الوزير،",
        "في مؤتمر صحفي،",
        "إن الجيش سيرد على الهجوم",
        "بينما دعت الأمم المتحدة إلى ضبط النفس.",
    ]


def test_clause_connectors_with_prefix_pronoun_and_diacritics() -> None:
    text = "اجتمع الرئيسان في باريس ثم توجها إلى برلين؛ غير أنهما لم يتفقا، ولكنّه وعد بجولة جديدة وسط توتر"
    assert clauses(text) == [
        "اجتمع الرئيسان في باريس",
        "ثم توجها إلى برلين؛",
        "غير أنهما لم يتفقا،",
        "ولكنّه وعد بجولة جديدة",
        "وسط توتر",
    ]
    text = "رفضت المعارضة القرار في حين أيدته الحكومة، كما أن النقابات أعلنت الإضراب فيما التزم الجيش الصمت"
    assert clauses(text) == [
        "رفضت المعارضة القرار",
        "في حين أيدته الحكومة،",
        "كما أن النقابات أعلنت الإضراب",
        "فيما التزم الجيش الصمت",
    ]


def test_clause_non_boundaries() -> None:
    # numbers, words that merely contain a connector, إذا vs إذ, كما without أن
    text = "بلغت الخسائر 1,000 دولار عند الساعة 10:30 وإذا ثمن الاتفاق كما قال حيثما كان"
    assert clauses(text) == [text]
    text = "دخل الجيش المدينة إذ كانت خالية"
    assert clauses(text) == ["دخل الجيش المدينة", "إذ كانت خالية"]


def test_clauses_inside_a_sentence_span() -> None:
    text = "عاجل. قال الرئيس، ثم غادر. انتهى"
    s, e = split_sentences(text)[1]
    assert [text[a:b] for a, b in split_clauses(text, s, e)] == ["قال الرئيس،", "ثم غادر."]
    assert split_clauses(text, 0, 0) == []
    assert clauses("، ثم") == ["، ثم"]  # bare punctuation joins the next clause


def test_an_endless_sentence_is_cut_at_spaces_into_capped_pieces() -> None:
    from marsad.text.sentences import MAX_SENTENCE

    words = "أكدت المملكة العربية السعودية دعمها للشعب اليمني وحكومته الشرعية".split()
    line = " و".join(words[i % len(words)] for i in range(3 * MAX_SENTENCE // 5))  # no terminator at all
    text = "عنوان الخبر\n" + line + ".\nسطر أخير."
    spans = split_sentences(text)
    assert spans[0] == (0, 11) and text[spans[-1][0]:spans[-1][1]] == "سطر أخير."
    pieces = spans[1:-1]
    assert len(pieces) >= 2 and all(e - s <= MAX_SENTENCE for s, e in pieces)
    assert " ".join(text[s:e] for s, e in pieces) == line + "."  # cut at spaces: no word is split or lost
    glued = '"'.join(words[i % len(words)] for i in range(MAX_SENTENCE))  # words glued by quotes: no space
    assert [e - s for s, e in split_sentences(glued)][:2] == [MAX_SENTENCE, MAX_SENTENCE]
