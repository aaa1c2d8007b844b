"""The event coder on Arabic sentences: frames, roots, status, dates, attribution, evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.coder import code, code_text
from marsad.knowledge.patterns import load_patterns
from marsad.model import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"


def keys(text: str, published: str = "2023-05-30") -> set[tuple[str | None, str | None, str]]:
    return {(e.source.key, e.target.key, e.cameo[:2]) for e in code_text(text, published)}


def only(text: str, published: str = "2023-05-30"):
    """The one event the text reports (with its reverse record, when a visit or a symmetric act gives one)."""
    events = code_text(text, published)
    first = events[0] if events else None
    reverse = [e for e in events[1:] if first and (e.source.key, e.target.key) == (first.target.key, first.source.key)
               and e.trigger_span == first.trigger_span and e.date == first.date and e.status == first.status]
    assert first is not None and len(events) == 1 + len(reverse) <= 2, [
        (e.source.key, e.target.key, e.cameo, e.trigger) for e in events]
    return first


# -- every pattern's own examples --------------------------------------------------------------

def _pattern_examples():
    for p in load_patterns().patterns.values():
        for i, ex in enumerate(p.examples):
            marks = [pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else []
            yield pytest.param(p.id, p.cameo, ex, id=f"{p.id}-{i}", marks=marks)


@pytest.mark.parametrize(("pattern_id", "cameo", "example"), list(_pattern_examples()))
def test_pattern_example(pattern_id: str, cameo: str, example) -> None:
    """Each example of events.yaml codes as written: its source and target with the pattern's root, or, for a
    near miss (none: true), no event of that root between two resolved parties. An example the coder does not
    code yet says why in the data (xfail), and passing it unexpectedly fails the suite until the mark goes."""
    got = {(e.source.key, e.target.key) for e in code_text(example.text, "2023-05-30")
           if e.pattern_id == pattern_id or e.cameo[:2] == cameo[:2]}
    if example.none:
        assert not any(s and t for s, t in got), (example.text, got)
    else:
        assert (example.source, example.target) in got, (example.text, sorted(got, key=str))


def test_every_root_has_patterns() -> None:
    roots = {p.cameo[:2] for p in load_patterns().patterns.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    assert len(load_patterns().forms) >= 1500


# -- frames and word orders --------------------------------------------------------------------

def test_vso_visit() -> None:
    e = only("زار الرئيس التركي القاهرة يوم الاثنين.")
    assert (e.source.key, e.target.key, e.cameo[:2], e.status) == ("TUR", "EGY", "04", "occurred")


def test_verbal_noun_with_genitive_agent_and_lam_target() -> None:
    assert ("ISR", "AZE", "04") in keys("وأكدته زيارة الرئيس الإسرائيلي اليوم لأذربيجان.")


def test_between_gives_both_directions() -> None:
    got = keys("تم التوقيع على اتفاقية تعاون بين مصر والأردن في مجال الطاقة.")
    assert {("EGY", "JOR", "05"), ("JOR", "EGY", "05")} <= got or {("EGY", "JOR", "06"), ("JOR", "EGY", "06")} <= got


def test_two_countries_in_a_sentence_are_not_an_event() -> None:
    assert code_text("تقع أذربيجان بين روسيا وإيران على بحر قزوين.", "2023-01-01") == []


def test_condemn() -> None:
    assert ("TUR", "ISR", "11") in keys("أدانت وزارة الخارجية التركية الغارات الإسرائيلية على غزة.")


def test_sanctions() -> None:
    assert ("USA", "IRN", "16") in keys("فرضت الولايات المتحدة عقوبات جديدة على إيران.")


def test_air_strike() -> None:
    got = keys("شن الجيش الإسرائيلي غارات جوية على جنوب لبنان.")
    assert any(s == "ISR" and t == "LBN" and r in ("18", "19") for s, t, r in got)


# -- status ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("من المقرر أن يزور الرئيس الفرنسي الجزائر الشهر المقبل.", "planned"),
        ("سيزور وزير الخارجية الروسي أنقرة الأسبوع المقبل.", "planned"),
        ("لم يلتق الرئيس الأمريكي نظيره الصيني خلال القمة.", "negated"),
        ("وسط مخاوف من هجمات إيرانية ضد أهداف إسرائيلية.", "hypothetical"),
        ("التقى الرئيس المصري نظيره الفرنسي في باريس.", "occurred"),
    ],
)
def test_status(text: str, status: str) -> None:
    events = code_text(text, "2023-05-30")
    assert events and events[0].status == status, [(e.status, e.trigger) for e in events]


# -- dates -------------------------------------------------------------------------------------

def test_background_year_is_kept() -> None:
    events = code_text("سبقتها زيارة الرئيس الإسرائيلي الأسبق شيمون بيريز إلى أذربيجان في عام 2009.", "2023-05-30")
    assert events and events[0].date == "2009" and events[0].date_basis == "explicit"


def test_relative_date_anchors_on_publication() -> None:
    e = only("زار وزير الخارجية الإيراني بغداد أمس.", "2022-03-14")
    assert (e.date, e.date_basis) == ("2022-03-13", "relative")


def test_eastern_digits_and_month_name() -> None:
    e = only("زار رئيس الوزراء المصري ليبيا في ١٢ يوليو ٢٠٢١.", "2021-08-01")
    assert e.date == "2021-07-12"


def test_publication_date_fallback() -> None:
    e = only("زار الرئيس التركي القاهرة.", "2024-02-14")
    assert (e.date, e.date_basis) == ("2024-02-14", "published")


# -- attribution and evidence ------------------------------------------------------------------

def test_attribution_to_outlet() -> None:
    events = code_text('التقى وزير الخارجية الإسرائيلي نظيره الأذري في باكو، بحسب صحيفة "يسرائيل هيوم".', "2023-05-30")
    assert events and events[0].attribution and "يسرائيل هيوم" in events[0].attribution
    assert all(e.source.key != None for e in events)  # noqa: E711


def test_offsets_point_at_the_original_text() -> None:
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        doc = Document.from_dict(json.loads(line))
        for e in code(doc):
            s, t = e.sentence_span
            assert doc.text[s:t] == e.sentence
            ts, te = e.trigger_span
            assert doc.text[ts:te] == e.trigger
            for actor in (e.source, e.target):
                a, b = actor.span
                assert doc.text[a:b] == actor.text


def test_deterministic_and_stable_ids() -> None:
    doc = Document(id="x", text=EXAMPLES.read_text(encoding="utf-8").splitlines()[0], published="2023-01-01")
    first = [e.to_json() for e in code(doc)]
    assert first == [e.to_json() for e in code(doc)]


def test_one_megabyte_article() -> None:
    text = ("زار الرئيس التركي القاهرة أمس. " * 40000)[:1_000_000]
    events = code(Document(id="big", text=text, published="2023-05-30"))
    assert [e.cameo for e in events] == ["042", "043"] and all(len(e.mentions) > 1000 for e in events)


# -- offsets survive any normalisation: a property over generated Arabic text --------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = [
    "زار", "زارت", "التقى", "أدانت", "فرضت", "عقوبات", "على", "إلى", "مع", "الرئيس", "التركي", "القاهرة",
    "وإسرائيل", "لأذربيجان", "بأرمينيا", "الأمم", "المتحدة", "وزير", "الخارجية", "الإيراني", "أمس", "عام",
    "٢٠٢١", "2009", "الجيش", "الإسرائيلي", "غزة", "قصف", "هاجم", "مصر", "قطر", "والسعودية", "دعا", "نفى",
]
DECOR = ["", "\u064e", "\u0650", "\u0651", "\u0640", "\u200f", "\u064b"]


@st.composite
def arabic_news(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=40))
    out = []
    for w in words:
        decor = draw(st.sampled_from(DECOR))
        cut = draw(st.integers(min_value=1, max_value=len(w)))
        out.append(w[:cut] + decor + w[cut:])
        out.append(draw(st.sampled_from([" ", " ", " ", "، ", ". ", "\n", " «", "» "])))
    return "".join(out)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(arabic_news())
def test_every_reported_span_is_the_original_text(text: str) -> None:
    for e in code(Document(id="h", text=text, published="2023-05-30")):
        s, t = e.sentence_span
        assert text[s:t] == e.sentence
        ts, te = e.trigger_span
        assert text[ts:te] == e.trigger
        for actor in (e.source, e.target):
            a, b = actor.span
            assert text[a:b] == actor.text
        for m in e.mentions:
            assert text[m.sentence_span[0]:m.sentence_span[1]] == m.sentence
            assert text[m.trigger_span[0]:m.trigger_span[1]] == m.trigger


def test_spans_with_diacritics_and_tatweel_point_at_the_original() -> None:
    text = "زَارَ الرئيـــسُ التركيّ القاهرةَ أمس."
    e, _host = code_text(text, "2023-05-30")
    assert e.trigger == "زَارَ" and e.source.text == "الرئيـــسُ التركيّ" and e.target.text == "القاهرةَ"
    assert (e.source.key, e.target.key) == ("TUR", "EGY")


@pytest.mark.parametrize(
    ("text", "published", "date", "basis"),
    [
        ("زار ولي العهد السعودي القاهرة في 15 رمضان 1436 هـ.", "2015-08-01", "2015-07-02", "explicit"),
        ("زار الرئيس الفرنسي لبنان في 4 تشرين الأول/أكتوبر 2021.", "2022-01-01", "2021-10-04", "explicit"),
        ("زار الرئيس الجزائري تونس في 12 جويلية 2019.", "2019-08-01", "2019-07-12", "explicit"),
        ("زار وزير الخارجية الإيراني بغداد قبل شهرين.", "2023-05-30", "2023-03", "relative"),
        ("زار وزير الخارجية الإيراني بغداد الثلاثاء.", "2023-05-30", "2023-05-30", "relative"),
        ("زار وزير الخارجية الإيراني بغداد الأسبوع الماضي.", "2023-05-30", "2023-05-23", "relative"),
        ("زار وزير الخارجية القطري طهران في مارس الماضي.", "2023-05-30", "2023-03", "relative"),
    ],
)
def test_date_forms(text: str, published: str, date: str, basis: str) -> None:
    e = only(text, published)
    assert (e.date, e.date_basis) == (date, basis)


def test_background_paragraph_keeps_its_year() -> None:
    text = ("في عام 2016 قطعت السعودية علاقاتها مع إيران. وبعد أيام استدعت الإمارات سفيرها من طهران.\n"
            "واليوم زار وزير الخارجية الإيراني الرياض.")
    dates = {(e.source.key, e.target.key, e.root): e.date for e in code_text(text, "2023-04-06")}
    assert dates[("SAU", "IRN", "16")] == "2016" and dates[("ARE", "IRN", "16")] == "2016"
    assert dates[("IRN", "SAU", "04")] == "2023-04-06"


def test_contested_claim_keeps_the_act_and_records_the_denial() -> None:
    text = ("اتهم الجيش السوداني نظيره الإثيوبي بإعدام سبعة جنود سودانيين. "
            "في المقابل، نفت أديس أبابا أن يكون جيشها مسؤولا عن مقتل الجنود.")
    events = code_text(text, "2022-06-27")
    denial = next(e for e in events if e.source.key == "ETH" and e.cameo.startswith("12"))
    act = next(e for e in events if (e.source.key, e.target.key) == ("ETH", "SDN") and e.cameo.startswith("18"))
    assert act.status == "occurred" and act.contested_by == denial.event_id


def test_a_marked_passive_has_no_subject_before_it() -> None:
    text = "بفضل الاتفاق الذي رعته إدارة أوباما رُفعت عن إيران عقوبات اقتصادية."
    assert [(e.source.key, e.target.key) for e in code_text(text, "2015-08-01") if e.cameo.startswith("08")] == []


def test_circumstantial_participle_shares_the_subject() -> None:
    text = "أعلنت الجزائر قطع علاقاتها الدبلوماسية مع المغرب، متهمةً الرباط بأعمال عدائية."
    got = keys(text, "2021-08-25")
    assert ("DZA", "MAR", "16") in got and ("DZA", "MAR", "11") in got


def test_a_match_report_is_not_diplomacy() -> None:
    assert code_text("يلتقي المنتخب المصري نظيره البحريني في مباراة ودية مساء اليوم.", "2015-08-01") == []
    assert code_text("يلتقي الرئيس المصري نظيره البحريني في القاهرة اليوم.", "2015-08-01") != []


def test_reactions_to_the_attack_aim_at_its_author() -> None:
    text = ("أبوظبي – تتواصل تداعيات الهجوم الذي تبنته جماعة الحوثي على العاصمة الإماراتية. "
            "ودانت مصر الهجوم بأشد العبارات.")
    got = keys(text, "2022-01-20")
    assert ("YEM", "ARE", "19") in got  # the relative clause names the author; the dateline is no actor
    assert ("EGY", "YEM", "11") in got


def test_the_council_named_again_by_its_head_noun() -> None:
    text = "عقد مجلس الأمن الدولي جلسة لبحث أزمة السد. ودعا الوزير المصري أعضاء المجلس إلى النظر في القضية."
    assert ("EGY", "UN", "02") in keys(text, "2021-07-09")


def test_a_visit_carried_out_by_someone() -> None:
    assert ("QAT", "EGY", "04") in keys("وصل الوفد في أول زيارة يقوم بها أمير قطر إلى مصر منذ سنوات.", "2022-06-01")


def test_the_kingdom_is_the_article_s_kingdom() -> None:
    text = "تستضيف المملكة العربية السعودية القمة الخليجية. ووصل أمير قطر إلى المملكة أمس."
    assert ("QAT", "SAU", "04") in keys(text, "2021-01-06")
    assert ("QAT", "MAR", "04") not in keys(text, "2021-01-06")


def test_the_writer_condemns_in_his_letter() -> None:
    text = ("كما بعث رئيس الوزراء الإسرائيلي برسالة إلى ولي عهد أبوظبي الشيخ محمد بن زايد دان فيها الهجوم "
            "الذي شنه الحوثيون.")
    got = keys(text, "2022-01-20")
    assert ("ISR", "ARE", "04") in got
    assert not any(s == "ARE" and r == "11" for s, _, r in got)


def test_a_participle_keeps_its_own_date() -> None:
    text = "دعا الأمين العام لجامعة الدول العربية الأطراف السودانية إلى التقيد بالوثيقة الموقعة في أغسطس 2019."
    events = code_text(text, "2021-10-29")
    assert events and all(e.date == "2021-10-29" for e in events)


# -- the contract's record conventions ---------------------------------------------------------

def test_a_phone_call_is_one_record_each_way() -> None:
    got = keys("تلقى أمير الكويت اتصالا هاتفيا من الرئيس الفرنسي تناول العلاقات الثنائية.", "2015-08-01")
    assert {("FRA", "KWT", "04"), ("KWT", "FRA", "04")} <= got


def test_a_meeting_named_in_a_circumstance_is_not_what_an_appeal_asks_for() -> None:
    events = code_text("ودعا العاهل الأردني خلال لقائه أمس وزير الخارجية الألماني إلى دعم اللاجئين.", "2015-08-01")
    meetings = [e for e in events if e.root == "04"]
    assert {(e.source.key, e.target.key) for e in meetings} == {("JOR", "DEU"), ("DEU", "JOR")}
    assert all(e.status == "occurred" for e in meetings)


def test_a_verbal_noun_with_a_pronoun_agent() -> None:
    got = keys("وأكد الرئيس اللبناني خلال استقباله السفير الصيني عمق العلاقات.", "2015-08-01")
    assert ("LBN", "CHN", "04") in got


def test_the_genitive_of_an_accusation_is_the_accused() -> None:
    got = keys("وجدد الوزير القطري اتهام أنقرة بتسهيل عبور المقاتلين.", "2015-08-01")
    assert ("QAT", "TUR", "11") in got and ("TUR", "QAT", "11") not in got


def test_a_state_after_a_visit_noun_is_the_one_visited() -> None:
    got = keys("أنهى رئيس الوزراء الياباني زيارة مصر بعد يومين من المحادثات.", "2015-08-01")
    assert ("JPN", "EGY", "04") in got and ("EGY", "JPN", "04") in got


def test_kosovo_is_a_state_of_its_own() -> None:
    assert ("DEU", "XKX", "04") in keys("التقت المستشارة الألمانية رئيس وزراء كوسوفو في برلين.", "2015-07-21")


# -- who the act is done by and to ---------------------------------------------------------------

def test_a_party_that_completes_an_adjective_is_not_the_target() -> None:
    got = keys("وصل الرئيس التركي إلى الدولة المتاخمة لإيران في زيارة رسمية.", "2015-08-01")
    assert not any("IRN" in (s, t) for s, t, _ in got)


def test_a_party_after_mae_completes_an_adjective_of_alliance() -> None:
    # الفصائل المتحالفة مع إيران: Iran completes "allied with", the act is not done to it
    got = keys("تعاونت تركيا مع الفصائل المتحالفة مع إيران.", "2015-08-01")
    assert not any("IRN" in (s, t) for s, t, _ in got)
    assert ("ERI", "ETH", "03") in keys("أبدت إريتريا استعدادها لتسوية الخلاف الحدودي مع إثيوبيا.", "2015-08-01")


def test_a_name_that_begins_with_hamza_and_lam_takes_the_preposition_lam() -> None:
    # لألمانيا، لألبانيا: أل of ألمانيا is no article, so ل + the name is not written لل
    assert ("SAU", "ALB", "07") in keys("قدمت السعودية مساعدات لألبانيا بعد الفيضانات.", "2015-08-07")
    assert ("TUR", "DEU", "05") in keys("أشاد الرئيس التركي بالدور الألماني وشكر ألمانيا.", "2015-08-07")
    assert ("QAT", "DEU", "04") in keys("وصل أمير قطر إلى ألمانيا في زيارة رسمية.", "2015-08-07")
    assert not any("DEU" in (s, t) for s, t, _ in keys("قدمت السعودية مساعدات للمانحين.", "2015-08-07"))


def test_a_bare_past_before_a_states_adjective_is_the_verbal_noun() -> None:
    # دعم سعودي أمريكي للمبادرة: "Saudi-American support", two agents, not "a Saudi supported an American"
    got = keys("وأعلنت موسكو عن دعم سعودي أمريكي للمبادرة الروسية.", "2015-08-03")
    assert ("SAU", "RUS", "05") in got and ("USA", "RUS", "05") in got and ("SAU", "USA", "05") not in got
    assert ("USA", "RUS", "05") in keys("دعم الرئيس الأمريكي المبادرة الروسية.", "2015-08-03")
    # after a verb of harm the adjective is a person, the passive's subject (قُتل فلسطيني برصاص الجيش الإسرائيلي)
    got = keys("قتل فلسطيني برصاص الجيش الإسرائيلي في الضفة الغربية.", "2015-08-03")
    assert ("PSE", "ISR", "18") not in got


def test_the_subject_may_follow_the_verbs_prepositional_phrase() -> None:
    # وصل إلى القاهرة أمس أمير الكويت: verb, destination, time word, then the subject
    got = keys("وصل إلى القاهرة أمس أمير دولة الكويت للمشاركة في الاحتفالات.", "2015-08-07")
    assert ("KWT", "EGY", "04") in got and ("EGY", "KWT", "04") in got
    # a plural verb has its subject in it, and a و goes on with the list of whom they met
    got = keys("وصل الوفد الجزائري إلى الرياض والتقوا بمستشار الوزير ووكيل الوزارة.", "2015-08-07")
    assert not any(s not in ("DZA", "SAU") for s, _, _ in got)
    # a noun between the phrase and the party makes the party its genitive, not the subject
    assert ("SAU", "YEM", "04") not in keys("تعرضت السفارة في صنعاء لهجوم القوات السعودية.", "2015-08-07")


def test_a_coordinated_verb_keeps_the_first_subject_and_not_its_object() -> None:
    got = keys("استدعت وزارة الخارجية المغربية السفير الجزائري وسلمته مذكرة احتجاج.", "2015-08-01")
    assert ("MAR", "DZA", "11") in got and ("DZA", "MAR", "11") not in got


def test_a_bare_past_after_a_speech_verb_is_its_verbal_noun() -> None:
    got = keys("وأصدر الوزيران بيانا أكدا فيه رفض البلدين القاطع للخطوة الإسرائيلية.", "2015-08-01")
    assert not any(r == "12" and s == "ISR" for s, _, r in got)


def test_before_is_not_accepted() -> None:
    got = keys("وصل الرئيس السوداني إلى القاهرة قبل الوساطة الفرنسية بيوم.", "2015-08-01")
    assert ("SDN", "EGY", "04") in got and not any(r == "03" for _, _, r in got)


def test_a_reacting_state_is_not_the_author_of_the_act_it_condemns() -> None:
    got = keys("ودانت كل من مصر والأردن الهجوم على القنصلية التركية في الموصل.", "2015-08-01")
    assert not any(r in ("18", "19") and s in ("EGY", "JOR") for s, _, r in got)


def test_a_form_three_participle_without_a_comma_is_its_verbal_noun() -> None:
    events = code_text("وأعلن الرئيس الفرنسي مساعدة لبنان على تجاوز الأزمة.", "2015-08-01")
    assert any(e.source.key == "FRA" and e.target.key == "LBN" and e.root == "07" for e in events)


def test_a_capital_after_bi_is_where_a_meeting_is_held() -> None:
    got = keys("وكان وزراء الخارجية العرب قد عقدوا اجتماعهم التشاوري بالدوحة الشهر الماضي.", "2015-08-01")
    assert not any("QAT" in (s, t) for s, t, _ in got)


def test_a_party_qualifying_another_noun_is_not_the_agent_of_an_arrival() -> None:
    got = keys("أعلن وزير الخارجية التركي بدء وصول طائرات أميركية إلى قاعدة إنجرليك.", "2015-08-01")
    assert ("USA", "TUR", "04") not in got and ("TUR", "USA", "04") not in got


def test_an_agreement_named_with_its_two_states_is_theirs_both_ways() -> None:
    got = keys("أثار الاتفاق النووي الأميركي الإيراني جدلا واسعا في المنطقة.", "2015-08-01")
    assert {("USA", "IRN", "05"), ("IRN", "USA", "05")} <= got


def test_an_agreement_named_after_a_city_has_no_party_there() -> None:
    assert not any("AUT" in (s, t) for s, t, _ in keys("وأشاد الكاتب باتفاقية فيينا مع إيران.", "2015-08-01"))


def test_a_date_after_another_act_is_that_act_s() -> None:
    text = ("إنها المرة الأولى التي يربط فيها اتفاق بين إيران والولايات المتحدة منذ قطع علاقاتهما "
            "الدبلوماسية في عام 1980.")
    years = {e.date[:4] for e in code_text(text, "2015-07-22") if e.root == "05"}
    assert years == {"2015"}


def test_a_stated_need_is_not_an_act() -> None:
    events = code_text("أكد الوزير ضرورة استئناف المفاوضات الفلسطينية الإسرائيلية.", "2015-08-01")
    assert all(e.status == "hypothetical" for e in events if e.root == "04")


def test_refugees_hosted_are_no_visit() -> None:
    assert not any(r == "04" for _, _, r in keys("تستضيف تركيا نحو مليوني لاجئ سوري منذ سنوات.", "2015-08-01"))


def test_a_flight_home_on_a_foreign_plane_is_no_visit_to_that_state() -> None:
    got = keys("وصل رئيس الحكومة اليمنية إلى عدن على متن طائرة عسكرية سعودية.", "2015-08-01")
    assert ("YEM", "SAU", "04") not in got and ("SAU", "YEM", "04") not in got


def test_a_foreign_national_acted_upon_is_coded_to_his_state() -> None:
    assert ("IRN", "FRA", "17") in keys("اعتقلت السلطات الإيرانية مواطنا فرنسيا بتهمة التجسس.", "2015-08-01")


def test_a_tail_with_another_pronoun_still_names_the_act() -> None:
    got = keys("قطعت السعودية والبحرين علاقاتهما مع إيران عام 2016.", "2016-01-05")
    assert {("SAU", "IRN", "16"), ("BHR", "IRN", "16")} <= got


def test_a_group_of_states_fixed_by_usage_is_its_members() -> None:
    got = keys("وقعت إيران الاتفاق النووي مع مجموعة (5+1) في فيينا.", "2015-07-14")
    members = {"USA", "GBR", "FRA", "RUS", "CHN", "DEU"}
    assert {t for s, t, r in got if s == "IRN" and r == "05"} == members
    assert {s for s, t, r in got if t == "IRN" and r == "05"} == members


def test_a_named_group_acting_together_is_no_event_among_its_members() -> None:
    got = keys("وأشار التقرير إلى أن دول مجلس التعاون الخليجي مجتمعة تنفرد بأعلى الإعانات.", "2015-08-01")
    assert got == set()


def test_a_verbal_noun_takes_no_object_from_further_on() -> None:
    text = "يذكر أن هذه أول زيارة يقوم بها لافروف لمنطقة الخليج بعد توصل إيران ومجموعة 1+5 إلى اتفاق."
    got = keys(text, "2015-08-03")
    assert not any(s == "RUS" and r == "04" for s, _, r in got)


def test_a_verbal_noun_after_a_title_is_no_name() -> None:
    (e,) = code_text("استدعت الخارجية العراقية السفير الإيراني احتجاجا على القصف.", "2022-03-14")
    assert e.target.text == "السفير الإيراني" and e.target.name is None
    (e,) = code_text("وأكد السفير التركي استعداده للقيام بزيارة إلى بغداد.", "2022-03-14")[:1]
    assert "استعداده" not in (e.source.text + (e.source.name or ""))


# -- when ------------------------------------------------------------------------------------------

def test_next_thursday_is_ahead_and_planned() -> None:
    (e, *_) = code_text("يزور الرئيس المصري الرياض الخميس المقبل.", "2015-08-04")  # a Tuesday
    assert (e.date, e.status) == ("2015-08-06", "planned")


def test_a_month_named_for_a_future_act_is_the_coming_one() -> None:
    (e, *_) = code_text("أعلن أن وفدا أميركيا سيصل في شهر سبتمبر (أيلول) المقبل إلى إسرائيل.", "2015-08-06")
    assert e.date == "2015-09"


def test_recently_is_this_month_not_today() -> None:
    (e, *_) = code_text("زار وزير الخارجية الإيراني بغداد مؤخرا.", "2015-08-06")
    assert (e.date, e.date_basis) == ("2015-08", "relative")


def test_the_day_named_in_a_paragraph_goes_on() -> None:
    text = "وصل وزير الخارجية الأمريكي إلى القاهرة أمس الأحد. وعقد محادثات مع الرئيس المصري في قصر الاتحادية."
    talks = [e for e in code_text(text, "2015-08-03") if e.cameo != "042" and e.cameo != "043"]
    assert {(e.source.key, e.target.key) for e in talks} == {("USA", "EGY"), ("EGY", "USA")}
    assert all(e.date == "2015-08-02" and e.date_basis == "relative" for e in talks)


def test_a_visit_in_a_circumstance_is_made_by_the_speaker() -> None:
    text = "وقال الرئيس التركي، في تصريحات أذيعت على الهواء مباشرة خلال زيارة إلى الشطر الشمالي من قبرص، إنه يدين الهجوم."
    assert ("TUR", "CYP", "04") in keys(text, "2015-07-21")
    assert ("TUR", "IDN", "04") in keys("وقال إردوغان خلال زيارة له إلى إندونيسيا إن الحكومة ستتشكل.", "2015-08-01")


def test_a_list_goes_on_after_even() -> None:
    text = "اتهمت الولايات المتحدة في تقرير سنوي تايلاند وروسيا وإيران وحتى ليبيا بعدم مكافحة الاتجار بالبشر."
    assert {t for s, t, r in keys(text, "2015-07-27") if s == "USA" and r == "11"} == {"THA", "RUS", "IRN", "LBY"}


def test_a_tour_is_a_visit_to_each_state_it_takes_in() -> None:
    got = keys("تأتي جولة وزير الخارجية السعودي في إيطاليا وألمانيا وروسيا في مرحلة حساسة.", "2015-08-10")
    assert {("SAU", "ITA", "04"), ("ITA", "SAU", "04"), ("SAU", "RUS", "04"), ("RUS", "SAU", "04")} <= got


def test_the_subject_of_a_light_verb_carries_out_its_noun() -> None:
    assert ("SAU", "ITA", "04") in keys("بدأ وزير الخارجية السعودي جولة في إيطاليا وألمانيا.", "2015-08-10")
    assert ("QAT", "EGY", "04") in keys("قام أمير قطر بزيارة إلى مصر استغرقت يومين.", "2015-08-10")


def test_a_request_to_free_someone_is_a_demand_on_their_captor() -> None:
    got = keys("طلبت الأمم المتحدة الأربعاء الإفراج غير المشروط عن الإيراني المحكوم بالإعدام.", "2015-08-06")
    assert ("UN", "IRN", "10") in got and not any(r == "08" for _, _, r in got)


def test_support_in_arms_is_aid_not_praise() -> None:
    assert ("USA", "EGY", "07") in keys("أكد البيان التزام الولايات المتحدة بالدعم العسكري لمصر.", "2015-08-04")


def test_no_plans_negate_the_act() -> None:
    events = code_text("قال رئيس الوزراء التركي إنه لا توجد خطط لإرسال قوات برية إلى سوريا.", "2015-07-27")
    assert all(e.status != "occurred" for e in events if e.root == "15")


def test_a_new_clause_of_saying_bounds_the_act_before_it() -> None:
    got = keys("ورفضت أنقرة لعب دور رائد في العمليات العسكرية وقالت إن رحيل الرئيس السوري هو الحل.", "2015-07-24")
    assert ("TUR", "SYR", "12") not in got


def test_a_denied_dispute_does_not_target_the_state_in_it() -> None:
    got = keys("نفى الرئيس التونسي وجود أي خلاف بين تونس والجزائر.", "2015-08-01")
    assert ("TUN", "DZA", "12") not in got


def test_the_start_of_a_span_is_no_time_for_the_paragraph() -> None:
    text = ("وهي المرة الأولى التي يربط فيها اتفاق بين إيران والولايات المتحدة منذ قطع علاقاتهما في عام 1980. "
            "ودعت باريس طهران إلى اغتنام الفرصة.")
    dates = {(e.source.key, e.target.key, e.root): e.date for e in code_text(text, "2015-07-22")}
    assert dates[("FRA", "IRN", "02")] == "2015-07-22"


def test_private_people_visiting_are_no_visit_of_their_state() -> None:
    text = "وأثارت السفارة مخاوف من ضغط يطبق على المواطنين الروس الذين يزورون بريطانيا."
    assert not any(r == "04" for _, _, r in keys(text, "2015-08-08"))


def test_members_of_a_named_group_are_one_side() -> None:
    got = keys("تم الإعلان عن التوصل لاتفاق بين إيران ومجموعة 5+1 بشأن البرنامج النووي.", "2015-07-21")
    assert {(s, t) for s, t, r in got if r == "05"} == {
        *((("IRN", k)) for k in ("USA", "GBR", "FRA", "RUS", "CHN", "DEU")),
        *(((k, "IRN")) for k in ("USA", "GBR", "FRA", "RUS", "CHN", "DEU"))}


def test_parties_of_another_noun_far_from_the_act_are_not_its_own() -> None:
    text = ("تراهن إيران على صعوبة إعادة فرض العقوبات حتى وإن قامت بخرق الاتفاق نظرا للتوتر في العلاقة بين "
            "موسكو وواشنطن.")
    assert not any(r == "05" for _, _, r in keys(text, "2015-07-23"))


def test_a_state_adjective_after_a_kunya_is_a_name() -> None:
    assert all(e.target.key is None for e in code_text("مقتل القيادي أبو خليل السوداني جراء غارة أميركية في أفغانستان",
                                                        "2015-07-25"))


def test_goods_do_not_visit() -> None:
    text = "نشرت الصحف خبرا عن استعداد السلطات التونسية لاستقبال معدات أميركية للتنصت."
    assert not any(r == "04" for _, _, r in keys(text, "2015-07-22"))


def test_exile_is_no_denial() -> None:
    text = "قام الرئيس التونسي السابق بنفي العديد من أعضاء حركة النهضة إلى ليبيا."
    assert not any(r == "12" for _, _, r in keys(text, "2015-07-22"))


def test_together_is_no_meeting() -> None:
    text = "لم يحدد موعد لاجتماع جديد للدول التي تمثل مجتمعة 40 بالمئة من الناتج العالمي ومنها الصين ونيوزيلندا."
    assert not any(s == "CHN" and r == "04" for s, _, r in keys(text, "2015-08-02"))


def test_an_accused_act_with_no_victim_named_aims_at_no_one() -> None:
    text = "تم التفاوض على النص بين واشنطن التي تتهم النظام السوري بشن هذه الهجمات وموسكو التي تنفي وجود أدلة."
    assert not any(s == "SYR" and r in ("18", "19") for s, _, r in keys(text, "2015-08-06"))


def test_two_states_a_sentence_named_are_its_two_countries() -> None:
    text = ("أوضح الوزير أن لقاء وزير الخارجية المصري مع ولي العهد السعودي تم خلاله بحث العلاقات الثنائية "
            "التي تهم البلدين.")
    got = keys(text, "2015-07-22")
    assert {("EGY", "SAU", "04"), ("SAU", "EGY", "04")} <= got and not any("PSE" in (s, t) for s, t, _ in got)


def test_an_actor_after_a_relative_verb_with_a_resumptive_pronoun_is_its_subject() -> None:
    text = "كما حدث في اتفاقية المبادئ التي وقع عليها زعماء مصر والسودان وإثيوبيا عام 2015."
    got = keys(text, "2015-07-23")
    assert {("EGY", "SDN", "05"), ("SDN", "ETH", "05"), ("ETH", "EGY", "05")} <= got


def test_moving_on_to_a_capital_is_a_visit() -> None:
    assert ("USA", "QAT", "04") in keys("ومن القاهرة سينتقل وزير الخارجية الأمريكي إلى الدوحة.", "2015-08-03")


def test_counterparts_in_a_group_of_states_are_each_member_s() -> None:
    text = "ومن مصر سينتقل كيري، اليوم، إلى الدوحة، حيث سيلتقي نظراءه في دول مجلس التعاون الخليجي."
    got = keys(text, "2015-08-03")
    assert {("USA", m, "04") for m in ("ARE", "BHR", "KWT", "OMN", "QAT", "SAU")} <= got


def test_the_two_met_are_the_two_named_before() -> None:
    text = "ذكر رئيس الوزراء الماليزي أن أمير قطر أشار إلى حرصه على الاستثمار. والتقى الاثنان في ماليزيا الجمعة."
    assert {("QAT", "MYS", "04"), ("MYS", "QAT", "04")} <= keys(text, "2015-08-03")


def test_the_knowledge_passed_in_is_the_knowledge_the_rules_read() -> None:
    """code(doc, kb): a knowledge base whose grammar lacks a joiner codes the list without it (no import-time lists)."""
    from dataclasses import replace

    from marsad.knowledge import default_kb

    kb = default_kb()
    joiners = kb.grammar.words["list_joiners"] - {"وحتي"}
    narrow = replace(kb, grammar=replace(kb.grammar, words={**kb.grammar.words, "list_joiners": joiners}))
    text = "اتهمت الولايات المتحدة في تقرير سنوي روسيا وإيران وحتى ليبيا بعدم مكافحة الاتجار بالبشر."
    doc = Document(id="kb", text=text, published="2015-07-27")
    assert "LBY" in {e.target.key for e in code(doc)}
    assert "LBY" not in {e.target.key for e in code(doc, narrow)}
    assert "LBY" in {e.target.key for e in code(doc)}  # the package's knowledge is back after the call


def test_a_body_only_one_state_has_is_that_states() -> None:
    # the story is about Turkey; the Knesset is still Israel's, and "in Ankara" does not make Congress Turkish
    assert ("ISR", "TUR", "11") in keys("انتقد الكنيست الحكومة التركية بشدة.", "2015-07-22")
    got = keys("التقى الرئيس التركي رجب طيب أردوغان وفدا من أعضاء الكونغرس في أنقرة أمس.", "2015-07-22")
    assert ("TUR", "USA", "04") in got and not any("TUR" == s == t for s, t, _ in got)


def test_people_drawn_from_a_body_are_that_bodys() -> None:
    got = code_text("زار وفد من وزارة الخارجية الأمريكية القاهرة أمس.", "2015-07-22")
    assert any(e.source.code == "USAGOV" and e.target.key == "EGY" and e.cameo.startswith("04") for e in got)
    # a definite title before من is a verb's argument, not a group drawn from the state after it
    assert all(e.source.key != "IRN" for e in code_text("طلب الرئيس المصري من إيران وقف التدخل في اليمن.", "2015-07-22"))


def test_a_capital_that_names_a_text_is_no_party() -> None:
    assert not any(t == "EGY" or s == "EGY" for s, t, _ in keys("رحبت جامعة الدول العربية بإعلان القاهرة.", "2015-07-31"))
    assert not any("AUT" in (s, t) for s, t, _ in keys("وقعت إيران على اتفاق فيينا مع القوى الكبرى.", "2015-07-31"))


def test_the_two_state_solution_names_no_two_parties() -> None:
    text = "قالت الخارجية الأمريكية إن التوسع الاستيطاني الإسرائيلي يهدد حل الدولتين."
    assert keys(text, "2015-07-31") == set()


def test_during_is_no_dissuasion_and_dissuasion_is_no_act() -> None:
    during = code_text("أكد عباس أثناء لقائه القنصل الأميركي العام في القدس أن الاستيطان ينسف عملية السلام.", "2015-07-31")
    assert any(e.cameo.startswith("04") and e.status == "occurred" for e in during)
    dissuade = code_text("تسعى واشنطن لإثناء إيران عن مهاجمة إسرائيل.", "2015-07-31")
    assert all(e.status != "occurred" for e in dissuade)


def test_the_partner_of_relations_a_preposition_governs_is_not_the_verbs() -> None:
    assert keys("تحدث وزير الخارجية الإيراني عن العلاقات مع السعودية.", "2015-07-22") == set()
    assert keys("تحدث الوزير المصري بشأن العلاقات مع السعودية.", "2015-07-22") == set()
    # the relations a verb itself restores keep their partner
    assert ("IRN", "PSE", "05") in keys("كذلك يذكر أن إيران أعادت العلاقات مع حماس.", "2015-07-22")


def test_a_spelling_without_the_long_vowel_names_the_same_official() -> None:
    text = "اجتمع وزير الدفاع الأمريكي اشتون كارتر أمس في أربيل مع مسعود البرزاني رئيس إقليم كردستان."
    assert {("USA", "IRQ", "04"), ("IRQ", "USA", "04")} <= keys(text, "2015-07-25")


def test_a_meeting_its_adjective_plans_and_a_coming_month_are_planned() -> None:
    text = "وكشف كيري عن أن لقاءه المرتقب يوم 3 أغسطس المقبل مع نظرائه في مجلس التعاون الخليجي سيتناول الملف الإيراني."
    found = [e for e in code_text(text, "2015-07-22") if e.cameo.startswith("04")]
    assert found and all(e.status == "planned" for e in found)


def test_a_preposition_does_not_govern_across_a_line_break() -> None:
    text = ("قطر تدشن جسراً جوياً إغاثياً إلى عدن\n"
            "بدأت دولة قطر بتسيير أولى مساعداتها الجوية الإغاثية إلى مدينة عدن اليمنية لمساعدة الأهالي.")
    assert ("QAT", "YEM", "07") in keys(text, "2015-08-02")


def test_a_prepositions_noun_after_a_title_is_no_name() -> None:
    # بجهود، بتصريحات، بموقف: the noun a preposition governs, whose genitive is the party praised or condemned
    assert ("PAK", "AFG", "05") in keys("وأشاد رئيس الوزراء الباكستاني بجهود الرئيس الأفغاني أشرف غاني لاستعادة السلام.", "2015-08-01")
    assert ("IRN", "FRA", "11") in keys("ندد الرئيس الإيراني بتصريحات الرئيس الفرنسي.", "2015-08-01")
    assert ("USA", "ESP", "05") in keys("أشاد وزير الخارجية الأمريكي بموقف إسبانيا.", "2015-08-01")


def test_a_title_with_another_states_adjective_is_another_person() -> None:
    found = keys("التقى الرئيس الأمريكي باراك أوباما الرئيس الفرنسي فرانسوا هولاند.", "2015-08-01")
    assert {("USA", "FRA", "04"), ("FRA", "USA", "04")} <= found
    # ... while a title with no other state after a name is still his (ولي العهد after محمد بن نايف)
    assert ("SAU", "USA", "04") in keys("استقبل الأمير محمد بن نايف ولي العهد السعودي وزير الخارجية الأمريكي.", "2015-08-01")


def test_agreeing_to_consolidate_cooperation_is_intent_to_cooperate() -> None:
    found = keys("وقال البيت الأبيض إن أوباما واردوغان اتفقا على “توطيد” التعاون في الحرب على تنظيم الدولة.", "2015-07-25")
    assert {("USA", "TUR", "03"), ("TUR", "USA", "03")} <= found


def test_the_noun_a_relative_clause_qualifies_is_its_verbs_object() -> None:
    # الصفقة التي أبرمتها: the deal is what was concluded, so the pattern's tail stands before the verb
    found = keys("ويأتي ذلك ضمن الصفقة التي أبرمتها مصر مع فرنسا في فبراير الماضي.", "2015-08-01")
    assert {("EGY", "FRA", "05"), ("FRA", "EGY", "05")} <= found
    # ... and the pronoun on the verb is that thing, not a party named earlier in the sentence
    text = "وقال وزير خارجية الغابون إنه يأمل في وقف الصيد، مشيرا إلى أن التحقيق الذي فتحته السلطات الزيمبابوية ما زال جاريا."
    assert not any(t == "GAB" for _, t, _ in keys(text, "2015-08-02"))
    # a party right before the relative (a comma and an adverb between are no matter) is the pronoun's
    text = "أقام صلات مع أجهزة الاستخبارات الباكستانية، التي دائما ما تتهمها أفغانستان بالوقوف وراء الحركة."
    assert ("AFG", "PAK", "11") in keys(text, "2015-08-02")


def test_a_month_called_past_is_the_last_one_of_that_name() -> None:
    found = code_text("خاصة منذ المذبحة التي ارتكبتها طالبان بحق 150 شخصا في ديسمبر (كانون الأول) الماضي.", "2015-07-27")
    assert found and all(e.date == "2014-12" and e.status == "occurred" for e in found)


def test_occupation_forces_are_israels_and_about_twenty_is_the_object() -> None:
    text = "إن قوات الاحتلال الإسرائيلي اعتقلت خلال أقل من 24 ساعة الماضية نحو 20 مقدسيًا."
    assert ("ISR", "PSE", "17") in keys(text, "2015-08-01")


def test_a_houthi_adjective_is_yemens() -> None:
    text = "أعربت اللجنة الدولية للصليب الأحمر عن انزعاجها الشديد من الممارسات الحوثية في اليمن."
    assert ("ICRC", "YEM", "11") in keys(text, "2015-08-01")


def test_a_party_backed_by_another_is_aided_when_it_is_a_group_and_backed_as_it_is_written() -> None:
    text = ("وكان الحوثيون المدعومون من ايران والمتحالفون مع قوات صالح انطلقوا عام 2014 من معاقلهم في شمال البلاد.")
    found = [e for e in code_text(text, "2015-08-10") if e.source.key == "IRN"]
    # the backing holds as the article is written: the year is the publication's, not the verb's 2014
    assert [(e.target.key, e.cameo[:2], e.date, e.status) for e in found] == [("YEM", "07", "2015-08-10", "occurred")]
    # a state's request backed by another is endorsement; the request's modality is not the backing's
    found = code_text("وكان طلب إيران المدعوم من موسكو لرفع هذا الحظر أحد أبرز النقاط الخلافية.", "2015-07-22")
    assert [(e.source.key, e.target.key, e.cameo[:2], e.status) for e in found] == [("RUS", "IRN", "05", "occurred")]


def test_a_name_a_speech_verb_sets_off_before_a_title_is_that_officials_and_his_participles_are_his() -> None:
    text = ("قال طارق فاتيمي، المساعد الخاص لرئيس الوزراء الباكستاني للشؤون الخارجية، إن الجيش اعتقل آلاف الإرهابيين. "
            "وأضاف فاتيمي، أن القوات الباكستانية طهرت منطقة شاوال قرب الحدود الباكستانية - الأفغانية، "
            "ومشيدا في ذات الوقت بجهود الرئيس الأفغاني أشرف غاني لاستعادة السلام.")
    praise = [e for e in code_text(text, "2015-08-01") if e.cameo.startswith("05")]
    assert [(e.source.key, e.source.text, e.target.key) for e in praise] == [("PAK", "فاتيمي", "AFG")]
    # a participle after a preposition (لمساندة) is a verbal noun: its agent is its own, not the speaker's
    found = keys("وأضاف هاموند: بالطبع دور إيران تاريخيا كان لمساندة نظام بشار الأسد.", "2015-08-01")
    assert ("IRN", "SYR", "05") in found and ("GBR", "SYR", "05") not in found


def test_a_refusal_negates_the_next_act_not_the_act_it_names_and_the_latest_is_recent() -> None:
    text = ("وفي عام 2020، دعمت إسرائيل علنًا أذربيجان في حربها بأرمينيا، كما رفض علييف بإصرار إدانة إسرائيل "
            "للعدوان الإسرائيلي الأخير على قطاع غزة.")
    found = code_text(text, "2023-03-29")
    attack = [e for e in found if e.cameo.startswith("19")]
    # the aggression happened (only its condemnation was refused), and "the latest" one is this year's
    assert [(e.source.key, e.target.key, e.status, e.date) for e in attack] == [("ISR", "PSE", "occurred", "2023-03-29")]
    assert all(e.status == "negated" for e in found if e.cameo.startswith("11"))


def test_a_reaction_to_the_agreement_aims_at_the_two_parties_of_the_last_one() -> None:
    text = "وقع لبنان وإسرائيل اتفاق ترسيم الحدود البحرية. ورحّب الرئيس الأمريكي جو بايدن بدخول الاتفاق حيز التنفيذ."
    assert {("USA", "ISR", "05"), ("USA", "LBN", "05")} <= keys(text, "2022-10-28")
    # with no agreement reported before, "the agreement" names no one
    assert keys("رحب الرئيس الأمريكي بدخول الاتفاق حيز التنفيذ.", "2022-10-28") == set()


def test_a_state_and_a_named_group_agree_each_member_with_the_state() -> None:
    found = keys("توصلت إيران ومجموعة 5+1 إلى اتفاق.", "2015-07-14")
    assert {("IRN", "USA", "05"), ("DEU", "IRN", "05"), ("IRN", "CHN", "05")} <= found
    assert ("USA", "GBR", "05") not in found  # the group's members are one side


def test_goods_and_exports_do_not_visit() -> None:
    assert keys("وأشار عباس إلى أن البضاعة الأردنية تصل إلى العراق عن طريق الكويت.", "2015-07-22") == set()
    assert keys("وصلت الصادرات التركية إلى العراق.", "2015-07-22") == set()


def test_an_outlet_after_the_verb_is_its_subject_and_no_actor() -> None:
    text = ("واعتقلت إيران الصحفي جيسون رضائيان. وناشدت صحيفة «واشنطن بوست» الأربعاء الماضي مجلس حقوق الإنسان "
            "التابع للأمم المتحدة المساعدة في إطلاق سراحه.")
    assert not any(t == "UN" for _, t, _ in keys(text, "2015-07-22"))


def test_a_visit_between_two_states_names_no_visitor() -> None:
    found = code_text("وزار وزير الخارجية المصري الرياض. كما تم خلال الاستقبال استعراض آفاق التعاون بين البلدين الشقيقين.",
                      "2015-07-25")
    undirected = [e for e in found if "undirected" in e.rule]
    assert undirected and {(e.source.key, e.target.key, e.cameo) for e in undirected} == {("EGY", "SAU", "040"), ("SAU", "EGY", "040")}


def test_a_crisis_or_a_file_named_with_a_state_is_no_party() -> None:
    text = "وتعمل روسيا، وبعد الضربات الاقتصادية التي نالتها من الغرب بسبب الأزمة الأوكرانية، على توطيد علاقاتها مع الصين."
    assert not any(s == "UKR" for s, _, _ in keys(text, "2015-07-27"))


def test_unrwa_by_its_common_arabic_name() -> None:
    text = "وتظاهر مئات الفلسطينيين في غزة أمس، أمام مقر وكالة الغوث الدولية احتجاجا على سياسة تقليص خدماتها."
    assert ("PSE", "UN", "14") in keys(text, "2015-08-01")


def test_the_states_a_tour_takes_in_are_visited() -> None:
    found = keys("بدأ وزير الخارجية الإيراني جولة إقليمية تشمل أيضا قطر والعراق.", "2015-07-26")
    assert {("IRN", "QAT", "04"), ("QAT", "IRN", "04"), ("IRN", "IRQ", "04")} <= found


def test_a_ruler_named_in_full_is_then_called_by_his_first_name() -> None:
    text = ("وتقدم ولي العهد مستقبلي أمير قطر الشيخ تميم بن حمد آل ثاني لدى هبوط طائرته في مطار العلا، "
            "في أول زيارة يقوم بها تميم إلى السعودية منذ اندلاع الأزمة.")
    assert {("QAT", "SAU", "04"), ("SAU", "QAT", "04")} <= keys(text, "2021-01-06")
    # a first name alone, with no ruler of that name before it, is no one
    assert keys("في أول زيارة يقوم بها تميم إلى السعودية منذ اندلاع الأزمة.", "2021-01-06") == set()


def test_a_present_verb_joined_to_a_future_one_is_planned_and_dated_ahead() -> None:
    text = ("زار خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز القاهرة. "
            "وكشف كارتر أيضا عن أن الملك سلمان سيزور الولايات المتحدة ويلتقي بالرئيس باراك أوباما في سبتمبر.")
    meet = [e for e in code_text(text, "2015-07-23") if e.cameo == "040"]
    assert meet and all(e.status == "planned" and e.date == "2015-09" for e in meet)


def test_in_a_match_report_a_states_name_is_its_team() -> None:
    text = ("وسيلعب جنوب السودان ضد موريتانيا في أول مباراة في تاريخه بتصفيات كأس العالم "
            "وسيلتقي الفائز مع تونس في الدور الثاني.")
    assert keys(text, "2015-07-27") == set()
    # officials who meet at a game still meet
    text = "والتقى الرئيس الفرنسي أمير قطر على هامش المباراة النهائية لكأس العالم."
    assert ("FRA", "QAT", "04") in keys(text, "2022-12-18")


def test_players_of_a_market_are_no_sport() -> None:
    text = ("وكانت شركات فرنسية من كبار اللاعبين في السوق الإيرانية، لكن العقوبات التي فرضها الاتحاد الأوروبي "
            "والولايات المتحدة على طهران عام 2011 أبعدت هذه الشركات عن السوق الإيرانية.")
    assert {("EU", "IRN", "16"), ("USA", "IRN", "16")} <= keys(text, "2015-07-22")


def test_a_planned_act_in_a_bare_month_is_in_the_coming_one_and_a_wished_one_is_not_done() -> None:
    found = code_text("ويعتزم وزير الخارجية المصري زيارة السعودية في سبتمبر.", "2015-07-22")
    assert found and all(e.status == "planned" and e.date == "2015-09" for e in found)
    found = code_text("وقال ولايتي إن أمريكا تريد التفاوض مع طهران حول اليمن وسوريا.", "2015-07-22")
    assert found and all(e.status == "hypothetical" for e in found)
    found = code_text("وقال أوباما إنه يتطلع لاستقبال الرئيس الصيني في البيت الأبيض.", "2015-07-22")
    assert found and all(e.status == "hypothetical" for e in found)


def test_a_building_after_an_attack_noun_is_what_it_hits() -> None:
    text = "وسئل عن تفجيرات السفارة الأميركية عام 1984 في بيروت."
    assert not any(s == "USA" for s, _, _ in keys(text, "2015-07-22"))


def test_a_plural_of_states_with_the_list_of_its_members_stands_for_each() -> None:
    text = "وانتقد المبعوث الأممي دولا عدة، بينها تركيا والإمارات وروسيا، لانتهاكها حظر السلاح."
    assert {("UN", "TUR", "11"), ("UN", "ARE", "11"), ("UN", "RUS", "11")} <= keys(text, "2021-07-10")
    text = "تعهدت الدول المشاركة في المؤتمر، ومن بينها مصر والجزائر، بدعم ليبيا."
    assert {("EGY", "LBY", "03"), ("DZA", "LBY", "03")} <= keys(text, "2021-07-10")


def test_the_party_after_the_verbal_noun_of_a_tail_is_its_target() -> None:
    assert ("TUR", "LBY", "03") in keys("تعهدت تركيا بدعم الحكومة الليبية.", "2021-07-10")
    # a document named after the tail is no party acted upon
    assert keys("صادقت تركمانستان على معاهدة منظمة الصحة العالمية لمكافحة التدخين.", "2015-07-22") == set()
    assert keys("تعهد اللاعب بدعم النادي.", "2015-07-22") == set()


def test_state_adjectives_after_a_received_act_are_its_sources() -> None:
    found = keys("وقال الوزير إن خطة السلام الروسية تحظى بدعم سعودي - أميركي.", "2015-08-03")
    assert {("SAU", "RUS", "05"), ("USA", "RUS", "05")} <= found
    assert keys("حظي اللاعب السعودي بدعم جماهيري كبير.", "2015-08-03") == set()


def test_the_members_of_a_body_acting_as_one_are_the_body() -> None:
    text = ("عقد مجلس الأمن الدولي جلسة حول سد النهضة. ولم يطرح المشروع للتصويت، "
            "فيما حث معظم أعضاء المجلس مصر وإثيوبيا على العودة إلى طاولة التفاوض.")
    assert {("UN", "EGY", "02"), ("UN", "ETH", "02")} <= keys(text, "2021-07-09")
    assert ("EU", "EGY", "04") in keys("التقى الرئيس المصري ممثلي الاتحاد الأوروبي في القاهرة.", "2021-07-09")


def test_a_fight_named_by_two_states_adjectives_goes_both_ways() -> None:
    found = code_text("تجددت المواجهات الأرمنية الأذربيجانية أمس على خط التماس.", "2016-04-03")
    assert {(e.source.key, e.target.key) for e in found} == {("ARM", "AZE"), ("AZE", "ARM")}
    assert all(e.date == "2016-04-02" for e in found)
    # a year in the text outside the named war's span belongs to something else
    found = code_text("وسمح بتشغيل البرنامج خلال الحرب الإيرانية العراقية، وتوسع البرنامج بعد وفاة الخميني في عام 1989.",
                      "2015-08-02")
    assert {e.date for e in found if e.cameo[:2] == "19"} == {"1980"}
    # the two sides are no subject for the next verb
    found = keys("في بداية الثمانينات وقعت الحرب العراقية الإيرانية، وفي 1990 غزا صدام الكويت، وأطلق على الرياض صواريخ.",
                 "2015-07-24")
    assert not any(s == "IRN" and t == "SAU" for s, t, _ in found)


def test_a_reported_speakers_own_journey_after_a_circumstance_word() -> None:
    text = ("ونقلت صحيفة حرييت عن الرئيس التركي قوله للصحافيين الذين رافقوه على متن طائرته "
            "اثناء توجهه في زيارة رسمية الى اندونيسيا إن بلاده ستنتظر.")
    assert {("TUR", "IDN", "04"), ("IDN", "TUR", "04")} <= keys(text, "2015-08-01")
# -- precision on unseen news: words that look like parties or acts and are not ------------------

def test_monday_is_no_pair_of_parties() -> None:
    text = ("التقى الرئيس المصري نظيره الأمريكي في القاهرة. "
            "ووافق مجلس الأمن الدولي اليوم الاثنين على اتفاق يحد من برنامج إيران النووي.")
    assert not any("UN" in (s, t) for s, t, _ in keys(text, "2015-07-20"))
    # the nominative "the two" still names the pair
    text = "التقى الرئيس المصري نظيره الأمريكي في القاهرة، وبحث الاثنان تعزيز العلاقات."
    assert ("EGY", "USA", "04") in keys(text, "2015-07-20")


def test_kama_anna_opens_a_new_clause() -> None:
    text = "وقال الوزير إن الحكومة اليمنية تدعم أي جهد لإنهاء الأزمة، كما أن دول مجلس التعاون تدعم هذا الاتجاه."
    assert not any(s == "YEM" for s, _, _ in keys(text, "2015-08-04"))
    assert ("YEM", "SAU", "05") in keys("وقال الوزير إن الحكومة اليمنية تدعم السعودية.", "2015-08-04")


def test_an_adjective_before_bin_is_a_first_name() -> None:
    assert keys("واستقبل الأمير تركي بن سعود الوفد الياباني.", "2015-08-04") == set()
    assert keys("واستقبل الأمير تركي آل الشيخ السفير الياباني.", "2015-08-04") == set()
    assert ("TUR", "JPN", "04") in keys("استقبل وزير الخارجية التركي نظيره الياباني.", "2015-08-04")


def test_a_prayer_formula_is_no_act() -> None:
    text = "وقد أقام خادم الحرمين الشريفين - أيده الله - مأدبة غداء تكريماً للرئيس المصري."
    assert keys(text, "2015-07-24") == set()
    assert ("FRA", "EGY", "05") in keys("وأيد الرئيس الفرنسي الموقف المصري.", "2015-07-24")


@pytest.mark.parametrize(("text", "status"), [
    ("وأعتقد أن تركيا ستتحدى الحظر الأميركي.", "hypothetical"),
    ("لعل الاشتباك السعودي الإيراني سيكون في بيروت.", "hypothetical"),
    ("وتعمل البحرية الأمريكية لمنع تزويد إيران الحوثيين بالأسلحة.", "hypothetical"),
    ("وستتحدى تركيا الحظر الأميركي.", "planned"),
])
def test_a_believed_or_prevented_act_is_not_asserted(text: str, status: str) -> None:
    found = [e for e in code_text(text, "2015-08-04") if e.source.key and e.target.key]
    assert found and all(e.status == status for e in found), [(e.source.key, e.target.key, e.status) for e in found]


def test_people_after_an_attack_noun_are_its_victims() -> None:
    # a masculine plural of people is never an adjective of a verbal noun: قتل اليمنيين is the killing of Yemenis
    assert ("IRN", "YEM", "18") in keys("وجاء الخبراء الإيرانيون لقتل اليمنيين بالألغام.", "2015-08-04")
    assert ("YEM", "IRN", "18") not in keys("وجاء الخبراء الإيرانيون لقتل اليمنيين بالألغام.", "2015-08-04")
    # the adjective of the act is its agent
    assert ("ISR", "PSE", "19") in keys("ونددت مصر بالهجمات الإسرائيلية على غزة.", "2015-08-04")


def test_a_pair_is_no_guess_when_a_group_of_states_is_one_side() -> None:
    text = ("وأوضح الوزير أن الحديث بين الولايات المتحدة ودول مجلس التعاون تضمن التصدي للأعمال التي تقوم بها إيران "
            "في المنطقة، مشيرا إلى أن عدة اجتماعات عقدت بين الجانبين.")
    assert ("USA", "IRN", "04") not in keys(text, "2015-07-24")
    text = "التقى وزير الخارجية المصري نظيره الأردني في عمان. ووقع الجانبان اتفاقية للتعاون في مجال الطاقة."
    assert ("EGY", "JOR", "05") in keys(text, "2015-07-24")


def test_a_landmark_in_time_is_not_the_subjects_act() -> None:
    # بعد انتهاء المفاوضات مع إيران: the negotiations (the genitive of "end") are others', a point in time
    text = ("وكانت المملكة قد أطلقت تصريحات تحذر من الاتفاقية، وقد وجدت التحذيرات صدى في واشنطن، "
            "وبعد انتهاء المفاوضات مع إيران هددت المملكة بالقيام بردة فعل صلبة.")
    assert ("SAU", "IRN", "04") not in keys(text, "2015-07-24")
    # a visit the circumstantial word governs is the speaker's own
    text = "وقال الرئيس التركي، في تصريحات أذيعت اليوم، خلال زيارة إلى قبرص إن بلاده تدعم الحل."
    assert ("TUR", "CYP", "04") in keys(text, "2015-07-24")


@pytest.mark.parametrize(("text", "status"), [
    ("وأشار الوزير إلى أن عودة السفير السعودي إلى اليمن يتوقف على الأوضاع الأمنية.", "hypothetical"),
    ("وقال إن زيارة الرئيس المصري للسعودية مشروطة بوقف الحملة الإعلامية.", "hypothetical"),
    ("وأعلن الجبير عودة السفير السعودي إلى عدن.", "occurred"),
    ("وقال إن زيارة الرئيس المصري للسعودية مرتبطة بالأزمة اليمنية.", "occurred"),
])
def test_an_act_that_waits_on_a_condition_has_not_happened(text: str, status: str) -> None:
    found = [e for e in code_text(text, "2015-07-24") if e.source.key and e.target.key]
    assert found and all(e.status == status for e in found), [(e.source.key, e.target.key, e.status) for e in found]


def test_a_state_talked_about_is_no_party_to_the_talks() -> None:
    assert keys("وبحث الوزير مع نظيره المصري الأوضاع في اليمن وسوريا.", "2015-07-24") == set()
    assert keys("كما بحث أيضا الشأن السوري، وتناول اللقاء موضوع العراق.", "2015-07-24") == set()
    assert ("EGY", "YEM", "04") in keys("وبحث الرئيس المصري مع الرئيس اليمني الأوضاع في اليمن.", "2015-07-24")


def test_a_line_of_history_that_opens_with_its_year_is_of_that_year() -> None:
    text = "في مثل هذا اليوم\n1965 - حرب ثانية بين الهند وباكستان.\n1990 - العراق يغزو الكويت."
    found = {(e.source.key, e.target.key, e.date) for e in code_text(text, "2015-08-08")}
    assert {("IND", "PAK", "1965"), ("PAK", "IND", "1965"), ("IRQ", "KWT", "1990")} <= found
    # a year and a dash inside a sentence is no line of history
    found = code_text("وقال الوزير إن العلاقات تعود إلى 1965 - 1970 حين زار الرئيس المصري موسكو.", "2015-08-08")
    assert all(e.date != "1965" for e in found)


def test_a_list_after_a_colon_is_no_pair_of_warring_states() -> None:
    assert keys("وكانت الدول التي تأثرت بالحرب: العراق وليبيا واليمن.", "2015-08-08") == set()


def test_a_rulers_title_and_first_name_name_the_one_who_holds_that_office() -> None:
    assert {("SAU", "QAT", "04"), ("QAT", "SAU", "04")} <= keys("استقبل الملك سلمان وزير خارجية قطر.", "2015-08-06")
    assert ("QAT", "FRA", "04") in keys("التقى الشيخ تميم الرئيس الفرنسي في باريس.", "2015-08-06")
    assert ("OMN", "IRN", "04") in keys("استقبل السلطان قابوس وزير الخارجية الإيراني.", "2015-08-06")
    text = "قال وزير الدفاع الأمريكي اشتون كارتر للصحفيين بعد لقائه بالملك سلمان إن الاتفاق جيد."
    assert {("USA", "SAU", "04"), ("SAU", "USA", "04")} <= keys(text, "2015-07-22")
    # two princes named محمد held such offices in 2015; a lineage the lexicon does not know is another man's
    assert keys("استقبل الأمير محمد وزير الخارجية الأمريكي.", "2015-08-06") == set()
    assert not any("KWT" in (s, t) for s, t, _ in keys(
        "يصل الأمير نواف بن سعد رئيس نادي الهلال مساء اليوم إلى لندن.", "2015-08-10"))


def test_a_rulers_title_after_bi_is_the_one_met_not_a_place() -> None:
    text = "قال وزير الدفاع الأمريكي اشتون كارتر بعد لقائه بخادم الحرمين الملك سلمان بن عبد العزيز إن الاتفاق جيد."
    assert {("USA", "SAU", "04"), ("SAU", "USA", "04")} <= keys(text, "2015-07-22")
    assert keys("اجتمع الوزراء بالدوحة أمس.", "2015-07-22") == set()


def test_a_preposition_before_an_complementizer_governs_no_party_of_its_clause() -> None:
    text = "وكشف كارتر أيضا عن أن الملك سلمان سيزور الولايات المتحدة في سبتمبر."
    found = code_text(text, "2015-07-23")
    assert ("SAU", "USA", "042") in {(e.source.key, e.target.key, e.cameo) for e in found}
def test_a_year_of_the_last_century_in_two_digits_dates_the_act_after_it() -> None:
    dates = {(e.source.key, e.target.key, e.root): e.date for e in code_text("في الـ90 غزا صدام الكويت.", "2015-07-24")}
    assert dates == {("IRQ", "KWT", "19"): "1990"}
    # a count or a day after في الـ is no year
    found = code_text("زار الرئيس المصري السعودية خمس مرات في الـ40 عاما الماضية.", "2015-07-24")
    assert found and all(e.date == "2015-07-24" for e in found)


def test_a_derived_or_defective_past_after_a_noun_is_a_verb_not_its_verbal_noun() -> None:
    # غزا، احتل are never spelled as their noun (غزو، احتلال): after "في عام 1990" they are verbs
    assert ("IRQ", "KWT", "19") in keys("في عام 1990 غزا العراق الكويت.", "2015-07-24")
    assert ("IRQ", "KWT", "19") in keys("في ذلك العام احتل العراق الكويت.", "2015-07-24")


def test_states_named_among_a_plural_noun_stand_where_the_noun_stands() -> None:
    text = "اتهم الأمين العام للأمم المتحدة دولا عدة، بينها تركيا والإمارات وروسيا، بانتهاك الحظر."
    assert {("UN", "TUR", "11"), ("UN", "ARE", "11"), ("UN", "RUS", "11")} <= keys(text, "2021-03-20")
    # after a preposition's noun they take that preposition: partners who support, not supported
    text = "تأخر دعم الميزانية من شركاء مهمين بينهم الاتحاد الأوروبي والبنك الدولي."
    assert not any(t in ("EU", "WB") for _, t, _ in keys(text, "2021-03-20"))


def test_the_forces_of_the_occupation_are_the_occupier_named_before() -> None:
    text = ("اعتقلت قوات الاحتلال الإسرائيلي 5 فلسطينيين في الخليل. "
            "وأكد شهود أن قوات الاحتلال اعتدت بوحشية على الأطفال الفلسطينيين.")
    assert ("ISR", "PSE", "18") in keys(text, "2015-07-31")
    # with no occupier named before, the force stays unresolved
    found = keys("وأكد شهود أن قوات الاحتلال اعتدت بوحشية على الأطفال الفلسطينيين.", "2015-07-31")
    assert not any(src for src, _, _ in found)


def test_a_number_or_a_bare_nisba_after_a_title_and_its_genitive_begins_the_object() -> None:
    # قوات الاحتلال 3 فلسطينيين: the Palestinians are arrested, they are not the force's state
    text = "اعتقلت قوات الاحتلال الإسرائيلي شابا. وفي الخليل اعتقلت قوات الاحتلال 3 فلسطينيين."
    assert ("ISR", "PSE", "17") in keys(text, "2015-07-31")
    assert ("IRN", "USA", "01") not in keys("قال وزير الخارجية الإيراني إن بلاده لن تفاوض واشنطن.", "2015-07-31")


def test_a_decade_of_the_last_century_dates_by_its_first_year_and_an_age_does_not() -> None:
    found = code_text("وفي التسعينيات زار الرئيس المصري إسرائيل.", "2015-07-24")
    assert found and all(e.date == "1990" for e in found)
    found = code_text("توفي الرئيس الفرنسي في الستينات من عمره بعد زيارته الجزائر.", "2015-07-24")
    assert found and all(e.date == "2015-07-24" for e in found)


def test_an_act_a_plan_is_for_is_not_done() -> None:
    found = code_text("وانتقد بيان للنصرة خطة أميركية تركية لطرد تنظيم داعش من منطقة الحدود.", "2015-08-01")
    assert found and all(e.status == "hypothetical" and e.source.key == "TUR" for e in found)


def test_the_genitive_of_the_event_noun_a_verb_carries_does_that_event() -> None:
    found = code_text("ويعقد لقاء الجبير مع نظيره الروسي لافروف غدا.", "2015-08-08")
    assert {(e.source.key, e.target.key, e.status) for e in found} >= {("SAU", "RUS", "planned"), ("RUS", "SAU", "planned")}


def test_who_condemns_an_arrest_did_not_make_it() -> None:
    assert keys("أدانت مصر اعتقال الفلسطينيين.", "2015-08-01") == {("EGY", "PSE", "11")}
    found = keys("أدانت مصر الاعتقال الإسرائيلي للفلسطينيين.", "2015-08-01")
    assert ("ISR", "PSE", "17") in found and not any(s == "EGY" and r == "17" for s, _, r in found)


def test_a_place_bordering_a_state_makes_it_no_partner() -> None:
    text = "وأضاف أن تركيا عبرت عن استعدادها لفتح قاعدة إنجرليك الجوية الحدودية مع سوريا أمام طائرات التحالف."
    assert not any(t == "SYR" for _, t, _ in keys(text, "2015-07-24"))
    assert ("ERI", "ETH", "03") in keys("أبدت إريتريا استعدادها لتسوية الخلاف الحدودي مع إثيوبيا.", "2015-07-24")


def test_not_until_affirms_the_act_and_bare_relations_are_the_two_just_named() -> None:
    text = ("ففي عام 1976 قطع المغرب علاقاته مع الجزائر إثر اعترافها بالجمهورية الصحراوية التي أعلنتها جبهة البوليساريو، "
            "ولم تستأنف العلاقات إلا عام 1988.")
    found = {(e.source.key, e.target.key, e.cameo[:2], e.date, e.status) for e in code_text(text, "2021-08-25")}
    assert {("MAR", "DZA", "05", "1988", "occurred"), ("DZA", "MAR", "05", "1988", "occurred")} <= found
    # إلا أن is "yet": the negation stands
    found = code_text("لم تعترف الجزائر بإسرائيل، إلا أنها أقامت علاقات تجارية.", "2021-08-25")
    assert all(e.status == "negated" for e in found if e.cameo[:2] == "05")


def test_qad_before_a_past_is_accomplished_and_before_a_present_is_possible() -> None:
    found = code_text("وحتى عام 2003 كانت قد وقعت الحرب الأميركية على طالبان فأسقطتها.", "2015-07-24")
    assert [e.status for e in found] == ["occurred"]
    found = code_text("قد تشن الولايات المتحدة حربا على إيران.", "2015-07-24")
    assert found and all(e.status == "hypothetical" for e in found)


def test_a_birthplace_is_no_visit_to_muscat() -> None:
    assert keys("أوباما يصل إلى كينيا في أول زيارة لرئيس أمريكي إلى مسقط رأس والده.", "2015-07-25") == {
        ("USA", "KEN", "04"), ("KEN", "USA", "04")}
    assert ("IRN", "OMN", "04") in keys("وصل وزير الخارجية الإيراني إلى مسقط أمس.", "2015-07-25")


def test_a_verb_that_carries_a_dual_or_plural_subject_takes_the_noun_after_it_as_object() -> None:
    assert keys("وطالبا الأمم المتحدة بالعمل بجدية لاستئناف المفاوضات.", "2015-07-25") == set()
    found = keys("والتقى وزيرا خارجية مصر والأردن، وطالبا الأمم المتحدة بحماية المدنيين في سوريا.", "2015-07-25")
    assert {("EGY", "UN", "10"), ("JOR", "UN", "10")} <= found and not any(s == "UN" for s, _, _ in found)
    # a singular verb before its subject is the usual order: the noun after it is the subject
    assert ("UN", "SYR", "10") in keys("وطالبت الأمم المتحدة الحكومة السورية بوقف القصف.", "2015-07-25")


def test_troops_deploy_but_make_no_diplomatic_visit() -> None:
    assert keys("وصلت قوات أمريكية إلى العراق أمس.", "2015-07-25") == set()
    assert keys("تستضيف قطر جنودا أمريكيين في قاعدة العديد.", "2015-07-25") == set()
    # an officer with his title does visit
    assert ("EGY", "USA", "04") in keys("زار رئيس أركان الجيش المصري واشنطن أمس.", "2015-07-25")
    assert ("LBN", "FRA", "04") in keys("زار قائد الجيش اللبناني باريس أمس.", "2015-07-25")


def test_a_light_verb_in_the_future_plans_the_act_its_noun_names() -> None:
    found = code_text("سيجري الرئيس النمساوي زيارة إلى إيران في سبتمبر.", "2015-07-25")
    assert {(e.source.key, e.target.key, e.status, e.date) for e in found} == {
        ("AUT", "IRN", "planned", "2015-09"), ("IRN", "AUT", "planned", "2015-09")}
    found = code_text("أجرى الرئيس النمساوي زيارة إلى إيران في يوليو.", "2015-07-25")
    assert {(e.status, e.date) for e in found} == {("occurred", "2015-07")}


def test_the_parties_between_belong_to_the_contact_noun_right_before_them() -> None:
    text = "وتزامنت الضربات الجوية التي جاءت بعد اتصال هاتفي بين أردوغان والرئيس الأمريكي مع حملة اعتقالات."
    assert not any(r == "19" for _, _, r in keys(text, "2015-07-25"))
    assert keys("عقد اجتماع بين مصر والأردن في عمان.", "2015-07-25") == {("EGY", "JOR", "04"), ("JOR", "EGY", "04")}


def test_one_city_after_talks_is_where_they_are_held_and_two_are_the_parties() -> None:
    assert keys("وشارك الوفد اليمني في محادثات جنيف.", "2015-07-25") == set()
    assert keys("استؤنفت محادثات واشنطن وطهران.", "2015-07-25") == {("USA", "IRN", "04"), ("IRN", "USA", "04")}


def test_the_members_of_a_forum_are_no_pairs_of_partners() -> None:
    text = ("ومن الدول المشاركة في المفاوضات التجارية الولايات المتحدة وأستراليا وكندا وتشيلي وكولومبيا والمكسيك "
            "واليابان وماليزيا.")
    assert keys(text, "2015-07-25") == set()
    # one side facing a named group: each member with the one, not with each other
    found = keys("توصلت إيران ومجموعة 5+1 إلى اتفاق في فيينا.", "2015-07-25")
    assert {("IRN", "USA", "05"), ("RUS", "IRN", "05")} <= found and ("USA", "RUS", "05") not in found


def test_a_title_in_construct_with_a_state_is_that_states_official() -> None:
    assert keys("التقى وزير خارجية مصر نظيره الأردني في عمان.", "2015-07-25") == {
        ("EGY", "JOR", "04"), ("JOR", "EGY", "04")}
    assert ("GBR", "IRQ", "04") in keys("زار وزير دفاع بريطانيا بغداد أمس.", "2015-07-25")
    assert ("QAT", "PAK", "04") in keys("استقبل أمير قطر رئيس وزراء باكستان في الدوحة.", "2015-07-25")
    assert ("ARE", "EGY", "04") in keys("وصل ولي عهد أبوظبي إلى القاهرة في زيارة رسمية.", "2015-07-25")
    assert ("TUR", "RUS", "04") in keys("التقى نائب رئيس وزراء تركيا وزير خارجية روسيا.", "2015-07-25")
    # a plural title with a list: each state's minister
    found = keys("أدان وزراء خارجية السعودية والإمارات والبحرين التدخل الإيراني.", "2015-07-25")
    assert {("SAU", "IRN", "11"), ("ARE", "IRN", "11"), ("BHR", "IRN", "11")} <= found


def test_a_long_subject_run_carries_the_verbs_reach_to_the_party_after_it() -> None:
    text = ("اجتمع وزراء خارجية دول مجلس التعاون لدول الخليج العربية والأمين العام لمجلس التعاون مع وزير خارجية "
            "الولايات المتحدة في الدوحة أمس.")
    found = keys(text, "2015-08-04")
    assert {("SAU", "USA", "04"), ("USA", "OMN", "04")} <= found
    assert not any("GCC" in (s, t) and "USA" not in (s, t) for s, t, _ in found)
