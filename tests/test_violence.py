"""Violence and protest (coder/violence.py): each construction of issue 9 on Arabic sentences written for it.

A party the text leaves unresolved is None here: its country and igo are null, its role is in `code`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from marsad.coder import code_text
from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.patterns import load_patterns
from marsad.model import Event

PUBLISHED = "2008-05-01"


def events(text: str, roots: tuple[str, ...] = ("18", "19", "20")) -> list[Event]:
    return [e for e in code_text(text, PUBLISHED) if e.cameo[:2] in roots]


def pairs(text: str, roots: tuple[str, ...] = ("18", "19", "20")) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.key, e.target.key, e.cameo) for e in events(text, roots)}


def protests(text: str) -> set[tuple[str | None, str | None, str]]:
    return pairs(text, ("14",))


# -- the vocabulary of violence: one sentence per kind of act -------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("شنت طائرات حربية روسية غارات على قرى في ريف إدلب السوري.", ("RUS", "SYR", "195")),  # air strike
    ("شنت طائرات مسيرة أمريكية غارة على سيارة في محافظة مأرب اليمنية أمس.", ("USA", "YEM", "195")),  # drone
    ("قصفت المدفعية التركية قرى كردية في شمال العراق.", ("TUR", "IRQ", "194")),  # shelling
    ("اقتحمت القوات الإسرائيلية مخيم جنين الفلسطيني فجر اليوم.", ("ISR", "PSE", "190")),  # raid
    ("فرضت القوات الإسرائيلية حصارا عسكريا على مدينة نابلس.", ("ISR", "PSE", "191")),  # siege
    ("احتلت القوات العراقية الكويت عام 1990.", ("IRQ", "KWT", "192")),  # occupation
    ("ارتكبت قوات الأمن السورية مجزرة بحق المدنيين في حماة.", ("SYR", "SYR", "202")),  # massacre, domestic
    ("اختطف مسلحون مهندسين صينيين في دلتا النيجر.", (None, "CHN", "181")),  # kidnapping
    ("اغتال مسلحون مجهولون ضابطا في الشرطة العراقية أمام منزله في كركوك.", (None, "IRQ", "186")),  # assassination
    ("انفجرت سيارة مفخخة قرب مقر للشرطة في بغداد.", (None, "IRQ", "1832")),  # car bomb
    ("انفجرت عبوة ناسفة بدورية للجيش الأمريكي جنوب بغداد.", (None, "USA", "1833")),  # IED
    ("فجر انتحاري نفسه وسط حشد من الجنود الباكستانيين في وزيرستان.", (None, "PAK", "1831")),  # suicide attack
])
def test_kinds_of_attack(text: str, expected: tuple[str | None, str | None, str]) -> None:
    assert expected in pairs(text)


def test_clashes_between_a_force_and_unnamed_men_go_both_ways() -> None:
    got = pairs("اندلعت اشتباكات بين الجيش اللبناني ومسلحين في مخيم نهر البارد.")
    assert got == {("LBN", None, "193"), (None, "LBN", "193")}


def test_an_explosion_needs_a_bomb() -> None:
    assert events("انفجرت الأوضاع في المنطقة بعد قرار الحكومة.") == []
    assert events("قتل شخصان في انفجار أسطوانة غاز في مطعم.") == []
    assert (None, "IRQ", "183") in pairs("سقطت قذائف هاون وانفجرت في حي سكني وسط بغداد.")


# -- passives and unaccusatives ----------------------------------------------------------------------

def test_unvowelled_passive_kill_hits_the_people_after_it() -> None:
    e = events("قتل جندي أمريكي برصاص قناص في الرمادي.")
    assert [(x.source.code, x.target.key, x.cameo) for x in e] == [("UAF", "USA", "180")]
    assert e[0].rule.split("/")[1] == "passive-agent"


def test_the_passive_reading_gives_way_to_a_named_agent() -> None:
    assert ("ISR", "PSE", "180") in pairs("قتل فلسطيني برصاص الجيش الإسرائيلي على حدود قطاع غزة.")
    assert ("IRQ", "IRQ", "180") in pairs("قتلت قوات الأمن العراقية عشرة متمردين في الأنبار.")  # active, not passive


def test_a_pronoun_subject_keeps_the_verb_active() -> None:
    got = pairs("وأكد الجيش الأمريكي أنه قتل نحو عشرين مسلحا في غارة جوية.")
    assert all(t is None for _, t, _ in got)  # the gunmen are the target, not a state


def test_lost_life_by_gunfire() -> None:
    assert (None, "TUR", "1823") in pairs("لقي سبعة عمال أتراك حتفهم بنيران مسلحين في شمال العراق.")


def test_a_death_in_an_accident_is_no_attack() -> None:
    assert events("لقي عشرة أشخاص مصرعهم في حادث سير على طريق عمان.") == []


def test_undergo_makes_the_subject_the_target() -> None:
    assert ("RUS", "UKR", "194") in pairs("تعرضت مدينة خاركيف لقصف روسي عنيف الليلة الماضية.")
    assert ("IRQ", "USA", "190") in pairs("تعرضت قاعدة أمريكية في سوريا لهجوم من فصائل عراقية.")


def test_shells_that_fell() -> None:
    assert (None, "IRQ", "194") in pairs("سقطت قذائف هاون على مبان سكنية في حي الكرادة ببغداد.")


# -- casualties as evidence, and deaths the attack explains --------------------------------------------

def test_casualties_of_a_bombing_are_its_target_and_not_a_second_event() -> None:
    e = events("قتل خمسة أشخاص وأصيب عشرون آخرون في انفجار سيارة مفخخة في سوق شعبي وسط الموصل أمس.")
    assert [(x.target.key, x.target.code, x.cameo) for x in e] == [("IRQ", "IRQCVL", "1832")]
    assert e[0].date == "2008-04-30"


def test_an_attack_that_caused_deaths_hits_the_dead() -> None:
    assert (None, "USA", "190") in pairs("أسفر هجوم بالصواريخ على قاعدة عسكرية عن مقتل أربعة جنود أمريكيين.")
    assert (None, "USA", "1833") in pairs("قتل جنديان أمريكيان في هجوم بعبوة ناسفة.")


# -- nisba and genitive attackers and victims ---------------------------------------------------------

def test_nisba_attacker_and_nisba_victim() -> None:
    assert ("RUS", "SYR", "195") in pairs("أسفرت غارات روسية على ريف حلب عن مقتل مدنيين سوريين.")
    assert (None, "GBR", "183") in pairs("عبوة ناسفة انفجرت على دورية بريطانية على الطريق الدولي.")


def test_genitive_victim_of_an_assassination_noun() -> None:
    e = events("نددت الحكومة اللبنانية باغتيال النائب اللبناني في انفجار سيارة مفخخة ببيروت أمس.")
    assert any(x.target.key == "LBN" and x.cameo[:3] in ("186", "183") for x in e)


def test_coalition_planes_take_the_state_that_leads_them() -> None:
    got = pairs("شنت طائرات التحالف العربي بقيادة السعودية غارات على مواقع للحوثيين في صنعاء.")
    assert ("SAU", "YEM", "195") in got
    # a long subject after the verb does not push the target out of the verb's reach
    far = pairs("شنت طائرات التحالف العربي بقيادة السعودية غارات جوية على مواقع الحوثيين في صنعاء.")
    assert ("SAU", "YEM", "195") in far
    unled = events("أطلقت طائرات التحالف صواريخ على مواقع في صنعاء.")
    assert [(x.source.key, x.source.code, x.target.key) for x in unled] == [(None, "MIL", "YEM")]


def test_a_member_of_a_body_is_that_bodys_state() -> None:
    assert ("PSE", "ISR", "183") in pairs("فجر عنصر من حركة حماس عبوة ناسفة في حافلة إسرائيلية.")


# -- places for the party attacked, only when nothing else is said ------------------------------------

def test_a_bombing_in_a_city_hits_its_state() -> None:
    assert (None, "IRQ", "1833") in pairs("انفجرت عبوة ناسفة على جانب الطريق في ضواحي الموصل صباح اليوم.")


def test_people_named_before_the_place_are_the_target() -> None:
    got = pairs("فجر انتحاري نفسه وسط جنود أمريكيين في بغداد.")
    assert (None, "USA", "1831") in got and (None, "IRQ", "1831") not in got


def test_a_nation_is_not_the_target_of_its_own_attacks_by_place() -> None:
    got = pairs("قصفت طائرات إسرائيلية مواقع في إسرائيل.")
    assert ("ISR", "ISR", "194") not in got


# -- unresolved parties and role codes ----------------------------------------------------------------

def test_unknown_gunmen_are_emitted_unresolved_with_a_role_code() -> None:
    e = events("قتل مسلحون مجهولون ثلاثة من رجال الشرطة العراقية في الموصل.")
    assert [(x.source.code, x.source.country, x.source.igo, x.target.key) for x in e] == [("UAF", None, None, "IRQ")]


def test_a_suicide_bomber_is_an_insurgent_of_no_state() -> None:
    e = events("فجر انتحاري حزامه الناسف داخل مسجد في مدينة كويتا الباكستانية.")
    assert e and e[0].source.code == "INS" and e[0].source.key is None


def test_isis_is_unresolved() -> None:
    e = events("هاجم تنظيم داعش قرية في شمال العراق.")
    assert e and e[0].source.key is None and e[0].target.key == "IRQ"


# -- domestic violence keeps both codes ---------------------------------------------------------------

def test_a_states_forces_and_its_own_insurgents() -> None:
    e = events("قتلت قوات الأمن الباكستانية ستة متشددين في وزيرستان.")
    assert [(x.source.code, x.target.code) for x in e] == [("PAKCOP", "PAKINS")]


def test_gunmen_attacking_police_stay_unresolved() -> None:
    e = events("هاجم مسلحون مجهولون دورية للشرطة العراقية في بعقوبة.")
    assert [(x.source.code, x.source.key, x.target.key) for x in e] == [("UAF", None, "IRQ")]


# -- past mentions, anniversaries, inquiries, trials ---------------------------------------------------

def test_an_inquiry_into_an_assassination_is_an_investigation() -> None:
    got = pairs("فتحت السلطات الباكستانية تحقيقا في اغتيال الصحفي.", ("09", "18"))
    assert not any(code.startswith("18") for _, _, code in got)
    assert any(code.startswith("09") for _, _, code in got)


def test_a_trial_is_no_attack() -> None:
    assert events("قضت المحكمة بإعدام المتهمين باغتيال الصحفي.") == []


def test_an_anniversary_is_no_new_attack() -> None:
    assert events("أحيا الفلسطينيون الذكرى العاشرة لاغتيال القيادي في حركة حماس.") == []
    dated = events("أحيا اللبنانيون ذكرى اغتيال رفيق الحريري عام 2005.")
    assert [(x.target.key, x.date) for x in dated] == [("LBN", "2005")]


def test_calls_to_stop_and_feared_attacks_are_not_attacks() -> None:
    assert events("دعا الرئيس إلى وقف الاغتيالات في المدينة.") == []
    assert events("حذرت الشرطة من هجوم محتمل على السفارات الأجنبية.") == []


def test_a_military_convoy_is_no_aid() -> None:
    got = pairs("سيرت تركيا قافلة عسكرية إلى إدلب.", ("07", "15"))
    assert got == {("TUR", "SYR", "154")}


# -- protest --------------------------------------------------------------------------------------------

def test_a_demonstration_in_front_of_an_embassy_targets_its_state() -> None:
    assert ("JOR", "ISR", "141") in protests("تظاهر آلاف الطلاب الأردنيين أمام السفارة الإسرائيلية في عمان.")
    assert ("IRN", "SAU", "141") in protests("تظاهر مئات الإيرانيين أمام القنصلية السعودية في مشهد.")


def test_sit_in_against_with_ihtijajan_ala() -> None:
    assert ("EGY", "USA", "141") in protests(
        "اعتصم عشرات الناشطين المصريين أمام السفارة الأمريكية في القاهرة احتجاجا على الحرب.")


def test_march_with_tandidan_bi() -> None:
    assert ("MAR", "ISR", "141") in protests("خرج آلاف المغاربة في مسيرة في الرباط تنديدا بالعدوان الإسرائيلي.")


def test_demonstration_against() -> None:
    assert ("TUR", "FRA", "141") in protests("نظم طلاب أتراك مظاهرة ضد فرنسا في أنقرة.")


def test_strike_and_hunger_strike() -> None:
    e = [x for x in events("أضرب المعلمون في الأردن عن العمل احتجاجا على قرار الحكومة.", ("14",))]
    assert [(x.source.key, x.target.code, x.cameo) for x in e] == [("JOR", "JORGOV", "143")]
    assert ("PSE", None, "142") in protests("بدأ معتقلون فلسطينيون إضرابا عن الطعام في السجون الإسرائيلية.")


def test_riot_by_protesters_but_not_flag_burning() -> None:
    assert ("PSE", "ISR", "145") in protests("رشق المتظاهرون الفلسطينيون الجنود الإسرائيليين بالحجارة في الخليل.")
    assert protests("أحرق المتظاهرون الأعلام الأمريكية أمام السفارة.") == set()
    assert protests("أطلقت الشرطة النار على المتظاهرين وأحرقت خيامهم.") == set()


def test_a_protest_with_no_target_aims_at_its_places_government() -> None:
    e = events("اندلعت مظاهرات في القاهرة ضد غلاء الأسعار.", ("14",))
    assert [(x.source.key, x.target.code) for x in e] == [("EGY", "EGYGOV")]


def test_protesters_as_a_noun_are_no_protest() -> None:
    assert protests("اعتقلت الشرطة تسعين متظاهرا في وسط المدينة.") == set()
    assert protests("وقالت متظاهرة إن الحكومة لم تستمع إلى مطالبهم.") == set()


# -- knowledge: the patterns' new keys -----------------------------------------------------------------

def test_patterns_that_need_a_word_name_a_cue_list() -> None:
    p = load_patterns().patterns["explode"]
    assert p.needs == ("explosives", "projectiles")
    assert all(set(q.needs) <= {"explosives", "projectiles", "gunfire"} for q in load_patterns().patterns.values())


def test_an_unknown_needs_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.knowledge.patterns as patterns

    bad = [{"id": "boom", "cameo": "183", "verbs": ["انفجر/ينفجر"], "needs": ["bombs"],
            "examples": [{"text": "انفجرت قنبلة.", "source": "UNK", "target": "UNK"}]}]
    (tmp_path / "events.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(patterns, "data_path", lambda name: tmp_path / name)
    patterns.load_patterns.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="needs 'bombs'"):
            patterns.load_patterns()
    finally:
        patterns.load_patterns.cache_clear()


def test_unk_in_an_example_is_an_unresolved_party() -> None:
    ex = load_patterns().patterns["explode"].examples[0]
    assert ex.source is None and ex.target == "PAK"


def test_people_hurt_in_an_attack_are_its_target_never_its_authors() -> None:
    got = pairs("أصيب ثلاثة جنود إسرائيليين بجروح في هجوم قرب رام الله.")
    assert (None, "ISR", "190") in got and not any(s == "ISR" for s, _, _ in got)
    # each of the peoples listed, and the attacker its ل names
    got = pairs("قتل خمسة مهندسين أمريكيين وبريطانيين في هجوم للمتشددين على مجمع سكني.")
    assert {(None, "USA", "190"), (None, "GBR", "190")} <= got
    assert all(e.source.code == "INS" for e in events("قتل جندي أمريكي في هجوم للمتشددين على قاعدة في كابل."))
    # the sides of a fight stay its parties
    got = pairs("قتل ستة أشخاص في اشتباكات بين القوات الأفغانية ومسلحي طالبان.")
    assert not any(s is None and t is None for s, t, _ in got)


def test_settlers_are_israels() -> None:
    assert ("ISR", "PSE", "190") in pairs("هاجم مستوطنون منازل الفلسطينيين في قرية دوما جنوب نابلس.")
    assert all(e.source.key == "ISR" for e in events("اقتحم عشرات المستوطنين المسجد الأقصى صباح اليوم."))


def test_a_car_parked_on_the_roadside_is_no_condition() -> None:
    got = pairs("أدى انفجار سيارة مفخخة متوقفة على جانب الطريق في بغداد الى مقتل ثمانية اشخاص.")
    assert got and all(r == "1832" for _, _, r in got)
