"""The knowledge files: validated on load, and every entry found in an Arabic sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.coder.mentions import build_state
from marsad.knowledge.actors import (
    load_countries,
    load_groups,
    load_igos,
    load_outlets,
    load_people,
    load_places,
    load_roles,
    load_sites,
    load_state_groups,
)
from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import read_tsv
from marsad.knowledge.lexicon import build_lexicon
from marsad.knowledge.wars import load_wars
from marsad.model import Document
from marsad.text import normalize


def actors_in(text: str, published: str = "2023-05-30") -> list:
    state = build_state(Document(id="t", text=text, published=published))
    return [a for s in state.sentences for a in s.actors]


def keys_in(text: str, published: str = "2023-05-30") -> list[str | None]:
    return [a.key for a in actors_in(text, published)]


# -- real sentences, with clitics and nisba forms ---------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("وصل الرئيس الإسرائيلي إلى باكو في زيارة رسمية.", ["ISR", "AZE"]),
        ("أعلنت وزارة الخارجية الإيرانية أن طهران لن تتراجع.", ["IRN", "IRN"]),
        ("قدمت تركيا دعما لأذربيجان في حربها بأرمينيا.", ["TUR", "AZE", "ARM"]),
        ("وقالت الولايات المتحدة وإسرائيل إن الاتفاق تاريخي.", ["USA", "ISR"]),
        ("نفى الجيش السوداني الاتهامات الإثيوبية.", ["SDN", "ETH"]),
        ("دعا الأمين العام للأمم المتحدة إلى التهدئة.", ["UN"]),
        ("اعتبرت حماس أن القرار الأمريكي منحاز لإسرائيل.", ["PSE", "USA", "ISR"]),
        ("استهدف الحوثيون منشآت نفطية في أبوظبي.", ["YEM", "ARE"]),
        ("التقى وزير الخارجية السعودي نظيره القطري في الدوحة.", ["SAU", "QAT", "QAT"]),
    ],
)
def test_sentences_resolve_their_actors(sentence: str, expected: list[str]) -> None:
    assert keys_in(sentence) == expected


def test_role_and_nisba_compose_one_actor() -> None:
    (a,) = actors_in("قال وزير الخارجية الإيراني إن المحادثات مستمرة.")
    assert (a.key, a.code, a.role) == ("IRN", "IRNGOV", "GOV")
    (m,) = actors_in("تقدم الجيش الإسرائيلي نحو الحدود.")
    assert m.code == "ISRMIL"


def test_person_resolves_by_year_in_office() -> None:
    (a,) = actors_in("قال الرئيس رجب طيب أردوغان إن بلاده مستعدة.", "2021-06-01")
    assert a.key == "TUR" and a.person is not None


def test_surname_alone_resolves_through_earlier_full_name() -> None:
    text = "التقى أنتوني بلينكن بالمسؤولين. وقال بلينكن إن واشنطن قلقة."
    keys = keys_in(text, "2021-10-29")
    assert keys.count("USA") >= 3


def test_outlet_is_not_an_actor() -> None:
    text = 'وذلك بحسب صحيفة "يسرائيل هيوم" العبرية.'
    state = build_state(Document(id="t", text=text, published="2023-05-30"))
    assert [a.key for s in state.sentences for a in s.actors] == []
    assert state.sentences[0].outlets


def test_stoplist_words_are_not_names() -> None:
    assert [k for k in keys_in("قدمت الحكومة دعما ماليا وفتح باب الأمل للشباب.") if k] == []


# -- every entry of every file, through an Arabic sentence ------------------------------------

def _found(name: str, key: str, published: str = "2023-05-30", frame: str = "وصل {} إلى المدينة.") -> bool:
    return key in keys_in(frame.format(name), published)


def test_every_country_name_and_nisba() -> None:
    missing = []
    for c in load_countries():
        for name in c.variants:
            if not _found(name, c.iso3, frame="أعلنت {} موقفها."):
                missing.append((c.iso3, name))
        for nisba in c.nisba:
            if not _found(nisba, c.iso3, frame="قال المسؤول {} إن الاتفاق مهم.".replace("{}", "ال{}")):
                missing.append((c.iso3, nisba))
    lex = build_lexicon()
    missing = [(k, n) for k, n in missing if normalize(n).text not in lex.stoplist]
    assert missing == []


def test_every_place() -> None:
    missing = [(p.iso3, n) for p in load_places() for n in p.variants if not _found(n, p.iso3, frame="قصفت الطائرات {} أمس.")]
    assert missing == []


def test_every_igo_and_group() -> None:
    missing = []
    for o in load_igos():
        if o.igo:
            missing += [(o.id, n) for n in o.variants if not _found(n, o.igo, frame="أعلن {} موقفه أمس.")]
    for g in load_groups():
        if g.country:
            missing += [(g.id, n) for n in g.variants if not _found(n, g.country, frame="أعلن {} موقفه أمس.")]
    assert missing == []


def test_every_state_group_names_its_members() -> None:
    """مجموعة 5+1 and the rest: each name stands for its fixed members, whatever the sentence."""
    wrong = []
    for g in load_state_groups():
        for name in g.variants:
            state = build_state(Document(id="t", text=f"أعلنت {name} موقفها أمس.", published="2015-08-01"))
            refs = [a for a in state.sentences[0].actors if a.kind == "group_ref"]
            if [a.members for a in refs] != [g.members]:
                wrong.append((g.id, name, [a.members for a in refs]))
    assert wrong == []


def test_every_outlet_is_attribution() -> None:
    lost = []
    for o in load_outlets():
        for name in o.variants:
            state = build_state(Document(id="t", text=f"وذلك بحسب صحيفة {name} اليوم.", published="2023-01-01"))
            if not state.sentences[0].outlets:
                lost.append((o.id, name))
    assert lost == []


@pytest.mark.parametrize("site", load_sites(), ids=lambda s: s.names[0])
def test_every_site_gives_its_home_to_a_bare_kingdom(site) -> None:
    from marsad.coder import code

    for name in site.names:
        events = code(Document(id="t", text=site.example, published="2015-08-01", source=name))
        assert ("USA", site.country) in {(e.source.key, e.target.key) for e in events}, name
    # an article that names no kingdom, from no known site, leaves المملكة unresolved
    assert not code(Document(id="t", text=site.example, published="2015-08-01", source="example.org"))


def test_a_site_is_found_in_a_url_a_subdomain_or_an_id() -> None:
    from marsad.knowledge.base import default_kb

    kb = default_kb()
    assert kb.home_of("http://www.alriyadh.com/1067842") == "SAU"
    assert kb.home_of(None, "https://news.aawsat.com/home/article/1") == "SAU"
    assert kb.home_of("Petra.gov.jo") == "JOR"
    assert kb.home_of("unknown-outlet", "http://example.org/x") is None
    assert kb.home_of("com.sa") is None  # a public suffix is no outlet


def test_a_kingdom_the_article_names_wins_over_the_sites_home() -> None:
    from marsad.coder import code

    text = "أعلنت المملكة الأردنية الهاشمية ترحيبها. وزار وزير الخارجية الأمريكي المملكة أمس."
    events = code(Document(id="t", text=text, published="2015-08-01", source="aawsat.com"))
    assert ("USA", "JOR") in {(e.source.key, e.target.key) for e in events}


def test_sites_refuse_a_bad_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.knowledge.actors as actors

    _refused(actors, "load_sites", "sites.tsv", "site\tcountry\tname_en\texample\nAawsat.com\tSAU\tX\tجملة\n",
             "lowercase", tmp_path, monkeypatch)


def test_every_role_in_its_example() -> None:
    lex = build_lexicon()
    bad = []
    for r in load_roles():
        assert r.example, r.form
        norm = normalize(r.example).text
        found = [m for m in lex.find(norm) if any(e.kind == "role" and e.value is r for e in m.entries)]
        if not found:
            bad.append(r.form)
    assert bad == []


# Every person's names and surnames are tested in tests/test_people.py.


def test_people_volume() -> None:
    people = load_people()
    offices = sum(len(p.offices) for p in people.values())
    countries = {o.country for p in people.values() for o in p.offices if o.country}
    assert offices >= 1000
    assert len(countries) >= 80


# -- validation --------------------------------------------------------------------------------

def test_tsv_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n# comment\nx\ty\tz\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad.tsv:3"):
        list(read_tsv(bad, ("a", "b")))
    with pytest.raises(KnowledgeError, match=r"missing columns: c"):
        list(read_tsv(bad, ("a", "c")))


# -- the stop list, by scope, and the other guards against accidental names -------------------

def _stoplist_rows() -> list[tuple[str, str]]:
    return [(r.get("form"), r.get("scope")) for r in read_tsv("stoplist.tsv", ("form", "scope", "reason"))]


def test_every_stoplist_entry_holds() -> None:
    from marsad.knowledge.patterns import load_patterns

    verbs = {f.text for f in load_patterns().forms if f.pos == "verb"}
    for form, scope in _stoplist_rows():
        state = build_state(Document(id="t", text=f"قال المتحدث إن {form} مهمة جدا.", published="2023-01-01"))
        sent = state.sentences[0]
        norm = normalize(form).text
        if scope in ("name", "phrase"):
            inside = [a for a in sent.actors if a.key and state.text[a.start:a.end] in norm]
            assert inside == [], (form, scope)
        else:
            assert not any(state.text[t.start:t.end] in verbs and t.match.prefix + state.text[t.start:t.end] + t.match.suffix == norm
                           for t in sent.triggers), form


def test_football_clubs_and_foreign_cities_are_not_states() -> None:
    assert [k for k in keys_in("فاز ريال مدريد على باريس سان جيرمان في المباراة.") if k] == []


def test_a_nisba_after_a_non_political_noun_is_no_actor() -> None:
    assert [k for k in keys_in("تعاقد النادي مع المدرب الروماني لمدة عامين.") if k] == []
    assert keys_in("اتهم الوفد الروماني الحكومة بالتقصير.")[0] == "ROU"


def test_names_written_as_one_word() -> None:
    assert "SAU" in keys_in("استقبل الملك سلمان بن عبدالعزيز الضيوف.", "2020-01-01")
    assert "ARE" in keys_in("وصل الوفد إلى ابوظبي أمس.")


def test_taa_marbuta_is_not_a_pronoun() -> None:
    state = build_state(Document(id="t", text="كانت رحلة الرئيس إلى كينيا طويلة.", published="2015-07-01"))
    assert [state.text[t.start:t.end] for t in state.sentences[0].triggers if t.pattern.id == "deport"] == []


def test_duplicate_ids_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.knowledge.actors as actors

    _refused(actors, "load_igos", "igos.tsv", "id\tigo\tcameo\tname_en\tname_ar\tvariants\nun\tUN\tIGOUNO\tUN\tالأمم المتحدة\t\n"
             "un\tUN\tIGOUNO\tUN\tالمنظمة الدولية\t\n", r"igos.tsv:3: duplicate id 'un'", tmp_path, monkeypatch)


def test_grammar_loads_normalised_and_refuses_a_broken_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.knowledge.grammar as grammar

    g = grammar.load_grammar()
    assert "الي" in g["prepositions"] and g.group_sizes["الاربع"] == 4 and g.time_units["شهرين"] == ("month", 2)
    bad = tmp_path / "grammar.yaml"
    bad.write_text("prepositions: []\n", encoding="utf-8")
    monkeypatch.setattr(grammar, "data_path", lambda name: bad)
    grammar.load_grammar.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match="grammar.yaml: prepositions must be a non-empty list"):
            grammar.load_grammar()
    finally:
        grammar.load_grammar.cache_clear()


@pytest.mark.parametrize("war", load_wars(), ids=lambda w: w.name_en)
def test_every_named_war_is_dated_by_its_first_year(war) -> None:
    from marsad.coder import code

    events = code(Document(id="t", text=war.example, published="2015-08-01"))
    a, b = sorted(war.sides)
    got = {(e.source.key, e.target.key, e.cameo[:2], e.date) for e in events}
    assert {(a, b, "19", str(war.start)), (b, a, "19", str(war.start))} <= got


def test_a_war_named_in_an_article_written_before_it_ended_keeps_the_articles_date() -> None:
    from marsad.coder import code

    events = code(Document(id="t", text="وأصيب الاقتصاد بالشلل خلال الحرب العراقية الإيرانية.", published="1985-03-01"))
    assert events and all(e.date == "1985-03-01" for e in events)


def test_wars_refuse_a_pair_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.knowledge.wars as wars

    _refused(wars, "load_wars", "wars.tsv", "side_a\tside_b\tstart\tend\tname_en\texample\n"
             "IND\tPAK\t1947\t1948\tA\tجملة\nPAK\tIND\t1965\t1965\tB\tجملة\n", "one war only", tmp_path, monkeypatch)


def _refused(module, loader: str, name: str, content: str, match: str, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> None:
    """A knowledge file with `content` makes `module.loader()` raise a KnowledgeError matching `match`."""
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    monkeypatch.setattr(module, "read_tsv", lambda _name, cols: read_tsv(bad, cols))
    load = getattr(module, loader)
    load.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=match):
            load()
    finally:
        load.cache_clear()
