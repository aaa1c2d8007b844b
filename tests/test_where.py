"""Where events happen: Arabic sentences of our own with the place, country and precision they give."""

from __future__ import annotations

import pytest

from marsad.coder import code_text
from marsad.coder.mentions import build_state
from marsad.coder.where import Anchor, locate_at, locate_text
from marsad.knowledge import default_kb
from marsad.knowledge.gazetteer import load_place_words, load_rows
from marsad.model import Document, Event, Location
from marsad.schema import validate_event

# sentence, expected place name (None: no place), country, precision
CASES = [
    # cities
    ("قتل خمسة أشخاص في انفجار سيارة مفخخة في الموصل.", "Mosul", "IRQ", "city"),
    ("اغتال مسلحون مجهولون ضابطا في الشرطة بمدينة البصرة.", "Basrah", "IRQ", "city"),
    ("انفجرت عبوة ناسفة قرب دورية للجيش في بعقوبة.", "Baqubah", "IRQ", "city"),
    ("فجر انتحاري نفسه وسط سوق شعبي في كابول.", "Kabul", "AFG", "city"),
    ("سقط صاروخ في مستوطنة سديروت.", "Sderot", "ISR", "city"),
    ("شنت الطائرات الحربية غارات على الرقة.", "Ar Raqqah", "SYR", "city"),
    ("اندلعت اشتباكات عنيفة في مدينة عدن بين القوات والمسلحين.", "Aden", "YEM", "city"),
    ("قتل جنديان تركيان في هجوم قرب ديار بكر.", "Diyarbakır", "TUR", "city"),
    ("أطلق مسلحون النار على حافلة في بيشاور شمال غرب باكستان.", "Peshawar", "PAK", "city"),
    ("قتل 12 شخصا في تفجير داخل مسجد في القطيف.", "Al Qaţīf", "SAU", "city"),
    ("وقع انفجار قوي في العاصمة الأفغانية كابل صباح اليوم.", "Kabul", "AFG", "city"),
    ("قصفت المدفعية الإسرائيلية مواقع في خان يونس جنوب قطاع غزة.", "Khān Yūnis", "PSE", "city"),
    ("قتل شرطيان في هجوم مسلح في العريش شمال سيناء.", "Arīsh", "EGY", "city"),
    ("تظاهر آلاف المحتجين في شوارع إسطنبول.", "Istanbul", "TUR", "city"),
    ("قتل ثلاثة أشخاص في انفجار في بلدة خان شيخون.", "Khān Shaykhūn", "SYR", "city"),
    ("قصفت القوات الروسية أحياء سكنية في خاركيف.", "Kharkiv", "UKR", "city"),
    ("داهمت الشرطة منزلا في حي بمدينة جدة.", "Jeddah", "SAU", "city"),
    ("فجر انتحاري نفسه في سوق شعبي في بلدة تلعفر شمال العراق.", "Tal Afar", "IRQ", "city"),
    ("قتل ثلاثة مدنيين في غارة جنوب غربي مدينة البصرة.", "Basrah", "IRQ", "city"),
    # regions, provinces, countries
    ("قصفت الطائرات أهدافا في قطاع غزة.", "Gaza Strip", "PSE", "region"),
    ("اعتقل الجيش الإسرائيلي 15 فلسطينيا في الضفة الغربية.", "West Bank", "PSE", "region"),
    ("تبادل حزب الله والجيش الإسرائيلي القصف في جنوب لبنان.", "South Lebanon", "LBN", "region"),
    ("احتجزت البحرية الإيرانية ناقلة نفط في مضيق هرمز.", "Strait of Hormuz", None, "region"),
    ("هاجم الحوثيون سفينة تجارية في البحر الأحمر.", "Red Sea", None, "region"),
    ("شنت الطائرات التركية غارات على مواقع في شمال العراق.", "Northern Iraq", "IRQ", "region"),
    ("سقطت طائرة مسيرة في إقليم كردستان العراق.", "Kurdistan Region", "IRQ", "region"),
    ("قتل جنود في هجوم في محافظة الأنبار.", "Al Anbar", "IRQ", "admin1"),
    ("قتل خمسة أشخاص في محافظة البصرة.", "Basrah", "IRQ", "admin1"),
    ("قصفت الطائرات قرى في ريف إدلب الجنوبي.", "Idlib", "SYR", "admin1"),
    ("فجر انتحاري نفسه في سوق شعبي في محافظة ديالى شمال بغداد.", "Diyala", "IRQ", "admin1"),
    ("سقطت قذائف داخل الأراضي التركية.", "Turkey", "TUR", "country"),
    ("قتل 30 شخصا في سلسلة تفجيرات في العراق.", "Iraq", "IRQ", "country"),
    ("نفذت الولايات المتحدة غارات جوية في اليمن.", "Yemen", "YEM", "country"),
    # names several places share
    ("اشتبك الجيش اللبناني مع مسلحين في طرابلس شمال لبنان.", "Tripoli", "LBN", "city"),
    ("اندلعت اشتباكات بين الميليشيات في طرابلس الليبية.", "Tripoli", "LBY", "city"),
    ("وقال الجيش اللبناني إن عبوة انفجرت في طرابلس.", "Tripoli", "LBN", "city"),
    ("قصفت الطائرات الإسرائيلية منزلا في غزة.", "Gaza Strip", "PSE", "region"),
    ("قصفت الطائرات برجا سكنيا في مدينة غزة.", "Gaza", "PSE", "city"),
    ("قتل جندي مصري في هجوم في رفح المصرية.", "Rafaḩ", "EGY", "city"),
    ("قتل فلسطينيان في غارة على رفح.", "Rafaḩ", "PSE", "city"),
    # datelines
    ("بغداد – قتل خمسة أشخاص وأصيب آخرون في هجوم انتحاري.", "Baghdad", "IRQ", "city"),
    ("لندن: قتل عشرة أشخاص في هجوم على سوق شعبي في اليمن.", "Yemen", "YEM", "country"),
    # a reference point or an origin is not where it happened
    ("انفجرت عبوة على بعد 20 كم شمال الموصل.", None, None, None),
    ("أطلقت صواريخ من جنوب لبنان على مستوطنة كريات شمونة.", "Qiryat Shmona", "ISR", "city"),
    # no place: common words that GeoNames also lists, and sentences that name none
    ("جاء ذلك في بيان صادر عن وزارة الخارجية.", None, None, None),
    ("أدان مجلس الأمن الهجوم في إطار جلسة طارئة.", None, None, None),
    ("وقال المتحدث في مقابلة مع قناة الجزيرة إن المفاوضات مستمرة.", None, None, None),
    ("قتل ثلاثة أشخاص وأصيب آخرون في الهجوم.", None, None, None),
    ("وصلت البلاد إلى مرحلة خطيرة من الانقسام.", None, None, None),
    ("أكد الوزير أن الهجوم وقع في المدينة القديمة.", None, None, None),
    ("ظهر الرئيس في مشهد نادر أمام الصحفيين.", None, None, None),
    ("لندن - أعلنت وزارة الدفاع اليمنية مقتل جنود.", None, None, None),
]


@pytest.mark.parametrize(("text", "name", "country", "precision"), CASES, ids=[c[0][:30] for c in CASES])
def test_place_of_sentence(text: str, name: str | None, country: str | None, precision: str | None) -> None:
    loc, rule = locate_text(text)
    if name is None:
        assert loc is None and rule == "none"
        return
    assert loc is not None, rule
    assert (loc.name, loc.country, loc.precision) == (name, country, precision), rule
    assert loc.span is not None and text[loc.span[0]:loc.span[1]] == loc.text
    assert (loc.lat is None) == (precision in ("admin1", "country") or loc.feature == "sea" or name in (
        "West Bank", "South Lebanon", "Northern Iraq", "Kurdistan Region")), "a point only where the place is one"


def test_rule_names_the_way_the_place_was_found() -> None:
    assert locate_text("قتل ثلاثة مدنيين في غارة جنوب غربي مدينة البصرة.")[1] == "clause-direction"
    assert locate_text("زار الرئيس التركي القاهرة أمس.")[1] == "clause-object"
    assert locate_text("بغداد – قتل خمسة أشخاص وأصيب آخرون في هجوم انتحاري.")[1] == "dateline"
    assert locate_text("سقطت قذائف داخل الأراضي التركية.")[1] == "clause-area"
    # the event's own clause before the rest of its sentence
    loc, rule = locate_text("قتل عشرة أشخاص في هجوم في كركوك، فيما عقد الوزراء اجتماعا في بغداد.")
    assert loc is not None and loc.name == "Kirkuk" and rule == "clause-prep"


def test_article_countries_settle_an_ambiguous_name() -> None:
    text = "أعلنت الحكومة الليبية حالة الطوارئ. وقتل عشرة أشخاص في اشتباكات في طرابلس أمس."
    state = build_state(Document(id="t", text=text), default_kb())
    sent = state.sentences[1]
    loc, _ = locate_at(state, sent, Anchor(sent.start, sent.start + 3, "19"))
    assert loc is not None and loc.country == "LBY"
    text = "أعلن الجيش اللبناني استنفار وحداته. وقتل عشرة أشخاص في اشتباكات في طرابلس أمس."
    state = build_state(Document(id="t", text=text), default_kb())
    sent = state.sentences[1]
    loc, _ = locate_at(state, sent, Anchor(sent.start, sent.start + 3, "19"))
    assert loc is not None and loc.country == "LBN"


def test_the_coder_puts_the_location_on_the_event_and_its_rule() -> None:
    events = code_text("قصفت الطائرات الإسرائيلية مواقع لحركة حماس في قطاع غزة أمس.", published="2023-10-10")
    assert events and all(e.location is not None and e.location.name == "Gaza Strip" for e in events)
    assert all(e.rule is not None and e.rule.count("/") == 3 and e.rule.endswith("/clause-prep") for e in events)
    visit = code_text("زار الرئيس التركي القاهرة أمس.", published="2024-03-05")
    assert visit and visit[0].location is not None and visit[0].location.country == "EGY"
    none = code_text("أدانت السعودية التصريحات الإسرائيلية.", published="2024-03-05")
    assert none and all(e.location is None and e.rule is not None and e.rule.endswith("/none") for e in none)


def test_location_round_trips_and_fits_the_schema() -> None:
    event = code_text("قصفت الطائرات الإسرائيلية مواقع لحركة حماس في قطاع غزة أمس.", published="2023-10-10")[0]
    d = event.to_dict()
    assert d["location"]["precision"] == "region" and d["location"]["country"] == "PSE"
    assert validate_event(d) == []
    assert Event.from_dict(d).to_dict() == d
    d["location"] = None
    assert validate_event(d) == [] and Event.from_dict(d).location is None
    d["location"] = Location("x", "X", "IRQ", precision="village").to_dict()
    assert validate_event(d)  # precision outside city|admin1|country|region


def test_every_where_word_has_a_working_example() -> None:
    words = load_place_words()
    assert len(words.examples) >= 40
    for cls, word, sentence, expected in words.examples:
        loc, rule = locate_text(sentence, root="19")
        if expected == "-":
            assert loc is None, (cls, word, sentence, loc)
        else:
            assert loc is not None and loc.name == expected, (cls, word, sentence, rule)


@pytest.mark.parametrize("row", load_rows(), ids=lambda r: r.id)
def test_every_gazetteer_row_has_a_working_example(row) -> None:
    loc, rule = locate_text(row.example, root="19")
    if row.kind == "homograph":
        forms = {default_kb().gazetteer.by_form.get(n) for n in row.names}
        assert loc is None or all(k is None or loc.text not in row.names for k in forms), (row.example, loc)
        return
    expected = row.id if row.kind == "place" else row.geonameid
    assert loc is not None and loc.id == expected, (row.example, rule, loc)
