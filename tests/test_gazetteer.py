"""The gazetteer's data, its index, its disk cache and its matcher."""

from __future__ import annotations

from pathlib import Path

import pytest

import marsad.knowledge.gazetteer as gz
from marsad.knowledge import default_kb
from marsad.knowledge.errors import KnowledgeError
from marsad.text import normalize


def test_index_holds_geonames_cities_our_rows_and_countries() -> None:
    g = default_kb().gazetteer
    assert len(g) > 9000
    sources = {p.source for p in g.places}
    assert sources == {"geonames", "marsad", "country"}
    baghdad = g.lookup("بغداد")[0]
    assert (baghdad.name, baghdad.country, baghdad.precision, baghdad.id) == ("Baghdad", "IRQ", "city", "98182")
    assert g.lookup("العراق")[0].lat is None  # a country has no point
    assert [p.country for p in g.lookup("طرابلس")] == ["LBY", "LBN"]  # the larger city first
    assert g.lookup("غزة")[0].id == "gaza_strip"  # our row before GeoNames' Gaza City


def test_common_words_are_weak_and_vouched_names_are_not() -> None:
    g = default_kb().gazetteer
    for word in ("بيان", "إطار", "صور", "المدينة", "الخبر", "الجزيرة", "مشهد"):
        assert g.by_form[gz._forms(word)].weak, word
    for name in ("بغداد", "الموصل", "إدلب", "الرياض", "تعز", "قطاع غزة", "الخليل"):
        assert not g.by_form[gz._forms(name)].weak, name
    assert "بلاد" in g.blocked  # بلاد is a word, not ب + لاد (Lod)


def test_matcher_takes_clitics_and_the_longest_name() -> None:
    g = default_kb().gazetteer
    text = normalize("قصفت الطائرات قطاع غزة وللموصل وبالبصرة ومدينتهم ثم بكين").text
    found = [(text[m.start:m.end], m.prefix) for m in g.find(text) if m.key.places]
    assert ("قطاع غزه", "") in found and ("غزه", "") not in found
    assert ("لموصل", "ول") in found and ("البصره", "وب") in found
    assert ("بكين", "") in found  # Beijing, not ب + كين
    assert not any(t.startswith("مدينتهم") for t, _ in found)


def test_rows_are_validated(tmp_path: Path) -> None:
    header = "id\tkind\tname_ar\tvariants\tcountry\tprecision\tfeature\tlat\tlon\tgeonameid\tname_en\texample\n"
    good = "x\tplace\tمكان\t\tIRQ\tcity\ttown\t33.1\t44.2\t\tX\tوقع انفجار في مكان.\n"
    bad = {
        "x\tplace\tمكان\t\tIRQ\tcity\ttown\t\t\t\tX\tوقع انفجار في مكان.\n": "needs its point",
        "x\tplace\tمكان\t\tXXX\tcity\ttown\t33\t44\t\tX\tمثال.\n": "not in countries.tsv",
        "x\tplace\tمكان\t\tIRQ\tvillage\ttown\t33\t44\t\tX\tمثال.\n": "precision",
        "x\tspelling\tمكان\t\t\t\t\t\t\t\t\tمثال.\n": "geonameid",
        "x\tplace\tmakan\t\tIRQ\tcity\ttown\t33\t44\t\tX\tمثال.\n": "Arabic",
        "x\tplace\tمكان\t\tIRQ\tcity\ttown\t133\t44\t\tX\tمثال.\n": "outside",
        "x\tplace\tمكان\t\tIRQ\tcity\ttown\t33\t44\t\tX\t\n": "example",
        good + good: "repeated",
    }
    f = tmp_path / "g.tsv"
    f.write_text(header + good, encoding="utf-8")
    assert gz.load_rows(f)[0].place.lat == 33.1  # type: ignore[union-attr]
    for body, message in bad.items():
        f.write_text(header + body, encoding="utf-8")
        with pytest.raises(KnowledgeError, match=message):
            gz.load_rows(f)


def test_cache_is_written_read_and_optional(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g = default_kb().gazetteer
    data = (g.places, g.keys, g.blocked)
    built = []
    monkeypatch.setattr(gz, "build_index", lambda: built.append(1) or data)
    first = gz.load_gazetteer(tmp_path)
    assert built == [1] and list(tmp_path.glob("gazetteer-*.pickle"))
    second = gz.load_gazetteer(tmp_path)
    assert built == [1] and len(second) == len(first) and second.lookup("حلب")[0].name == "Aleppo"
    # an unwritable cache directory: built in memory, and the batch goes on
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    third = gz.load_gazetteer(blocker / "cache")
    assert built == [1, 1] and third.lookup("حلب")[0].name == "Aleppo"
    # a damaged cache file is rebuilt, not trusted
    path = next(tmp_path.glob("gazetteer-*.pickle"))
    path.write_bytes(b"garbage")
    assert len(gz.load_gazetteer(tmp_path)) == len(first) and built == [1, 1, 1]


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MARSAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.cache_dir() == tmp_path / "marsad"
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path / "m"))
    assert gz.cache_dir() == tmp_path / "m"
    assert gz.cache_key().startswith("gazetteer-")
