"""Stage: where an event happened (Event.location), and the name of the place rule that chose it.

A place counts only where the text says something happens there: after a preposition (في، قرب، وسط، بـ),
a direction (جنوب غربي مدينة البصرة), a head noun (مدينة، محافظة، مخيم), as what an attack or a visit
aims at (قصفت الطائرات الرقة، وصل إلى الرياض), or as a dateline (بغداد – ). The event's clause is read
first, then its sentence, then the article's dateline; a name the text does not place gives no location.
A name several places share (طرابلس) is settled by a country written beside it (طرابلس اللبنانية), then by
the countries the article names, then by the gazetteer's order (our rows, then the largest city).

A place given only as a reference point ("50 كلم غرب كركوك") or as an origin ("من جنوب لبنان") is not where.

Rules, as they appear in `Event.rule`: clause-prep, clause-direction, clause-head, clause-object,
clause-area (and the same with sentence-), dateline, none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from marsad.coder.state import DocState, Sentence, Trigger
from marsad.knowledge.base import KnowledgeBase, default_kb
from marsad.knowledge.gazetteer import Gazetteer, Place, PlaceMatch, PlaceWords, load_place_words
from marsad.model import Document, Location

# Attacks, force, coercion and visits: the place they aim at is where they happen (قصفت الرقة، زار القاهرة).
OBJECT_ROOTS = frozenset({"04", "15", "17", "18", "19", "20"})
OBJECT_WORDS = 8  # a bare place at most this many words after the trigger (a long subject between) may be its object
CONTEXT_WORDS = 6  # words read back from a place for its preposition, direction and head
QUALIFIER_WORDS = 4  # a country written this close after a name settles which place it is
CLAUSE_END = re.compile(r"[،؛;:,\n]")
WORD = re.compile(r"[^\W_]+")
DATELINE_MARKS = "–—-ـ:("
DATELINE_LEAD = " \t*\"'«»"
CLITICS = ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل")
ORIGINS = frozenset({"من", "عن", "منذ"})  # انطلقت من جنوب لبنان: where it came from, not where it happened


@dataclass(frozen=True, slots=True)
class Context:
    how: str | None  # prep | direction | head | objprep | from | None (a bare name)
    head: str | None  # city | admin | area: the head noun before the name, if any
    relative: bool = False  # "50 كلم غرب بغداد": the place is a reference point


@dataclass(frozen=True, slots=True)
class Candidate:
    match: PlaceMatch
    how: str
    head: str | None
    rank: tuple[int, int, int]


def _word_class(words: PlaceWords, w: str) -> tuple[str | None, bool]:
    """The class of a word of where.yaml (with a proclitic or not), and whether it carries ب."""
    classes = (("prep", words.prepositions), ("direction", words.directions), ("city", words.city_heads),
               ("admin", words.admin_heads), ("area", words.area_heads), ("distance", words.distance),
               ("objprep", words.object_preps), ("country_area", words.country_areas))
    for form, b in [(w, False)] + [(w[len(c):], "ب" in c) for c in CLITICS if w.startswith(c) and len(w) > len(c) + 1]:
        for name, members in classes:
            if form in members:
                return name, b
    return None, False


def context_of(text: str, sent: Sentence, m: PlaceMatch, words: PlaceWords,
               nisba: frozenset[str] = frozenset()) -> Context:
    """What the words before a place name say about it (read backwards from the name)."""
    if "ب" in m.prefix:
        return Context("prep", None)
    before = [x.group() for x in WORD.finditer(text, max(sent.start, m.word_start - 90), m.word_start)]
    if len(before) >= 2 and before[-1] in nisba and _word_class(words, before[-2])[0] in ("city", "admin", "area"):
        before.pop()  # العاصمة الأفغانية كابل: the head's nisba stands between it and the name
    if before and before[-1] in ORIGINS:
        if len(before) < 2 or _word_class(words, before[-2])[0] != "prep":
            return Context("from", None)
        before.pop()  # بالقرب من، على مقربة من: near, not from
    head = None
    dirs = 0
    relative = False
    for i, w in enumerate(reversed(before[-CONTEXT_WORDS:])):
        kind, with_b = _word_class(words, w)
        if kind in ("city", "admin", "area") and i == 0:
            head = kind
        elif kind == "direction" and dirs < 2:
            dirs += 1
        elif kind == "distance" and dirs:
            relative = True
        elif relative and (w.isdigit() or w in ("بعد", "علي", "نحو", "حوالي")):
            continue  # على بعد 20 كم
        elif kind == "prep" or with_b:
            return Context("prep", head, relative)
        elif kind == "objprep":
            return Context("objprep" if not dirs else "direction", head, relative)
        else:
            break
        if with_b:
            return Context("prep", head, relative)
    if dirs:
        return Context("direction", head, relative)
    return Context("head" if head else None, head, relative)


def _clause(text: str, sent: Sentence, pos: int) -> tuple[int, int]:
    start = max((m.end() for m in CLAUSE_END.finditer(text, sent.start, pos)), default=sent.start)
    after = CLAUSE_END.search(text, pos, sent.end)
    return start, after.start() if after else sent.end


def _places(gaz: Gazetteer, text: str, sent: Sentence) -> list[PlaceMatch]:
    if sent.places is None:
        sent.places = gaz.find(text, sent.start, sent.end)
    return sent.places


def _country_area(text: str, m: PlaceMatch, words: PlaceWords) -> bool:
    """الأراضي التركية، الأجواء السورية: a nisba after a word for a state's territory."""
    before = WORD.findall(text, max(0, m.word_start - 20), m.word_start)
    return bool(before) and _word_class(words, before[-1])[0] == "country_area"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where the event word is (normalised offsets) and its CAMEO root."""

    start: int
    end: int
    root: str


def candidates(text: str, sent: Sentence, trig: Anchor, gaz: Gazetteer, words: PlaceWords,
               lo: int, hi: int) -> list[Candidate]:
    """The places between lo and hi the text says something happens at, best first."""
    out = []
    matches = _places(gaz, text, sent)
    ends = {m.end for m in matches if m.key.places}
    root = trig.root
    for m in matches:
        if not (lo <= m.start and m.end <= hi) or trig.start <= m.start < trig.end:
            continue
        if not m.key.places:
            if m.key.nisba and _country_area(text, m, words):
                out.append(Candidate(m, "area", None, (0, 0, abs(m.start - trig.end))))
            continue
        c = context_of(text, sent, m, words, gaz.nisba)
        if m.key.weak and c.head is None:
            continue  # بيان، صور: a common word unless a head noun names it a place
        how = c.how
        if c.relative or how == "from":
            continue  # 50 كلم غرب كركوك names a reference point, من الموصل where something came from
        after = m.start >= trig.end
        if how == "objprep" or how in (None, "head") and after and _near(text, trig.end, m.word_start):
            # قصفت الطائرات الرقة: what an attack or a visit aims at; a bare state name there is its subject
            bare_state = how is None and all(p.precision == "country" for p in gaz.candidates(m.key))
            if root not in OBJECT_ROOTS or not after or bare_state:
                continue
            how = "object"
        elif how is None:
            continue
        # a direction right after another place describes that place (تلعفر شمال العراق): a reference only
        reference = how == "direction" and _follows_place(text, m, ends)
        distance = m.start - trig.end if after else 2 * (trig.start - m.end)
        rank = (int(reference), int(how == "object"), distance)
        out.append(Candidate(m, how, c.head, rank))
    return sorted(out, key=lambda c: c.rank)


def _near(text: str, end: int, start: int) -> bool:
    return len(WORD.findall(text, end, start)) <= OBJECT_WORDS


def _follows_place(text: str, m: PlaceMatch, ends: set[int]) -> bool:
    """Is the direction before `m` written right after another place name?"""
    before = list(WORD.finditer(text, max(0, m.word_start - 40), m.word_start))
    for k in (1, 2):
        if len(before) > k and before[-k - 1].end() in ends:
            return True
    return False


def _article_countries(state: DocState, name: str = "") -> Counter[str]:
    """How often the article names each state (not counting the ambiguous `name` itself: طرابلس is LBY's
    metonym in the actor lexicon)."""
    counts: Counter[str] = Counter()
    text = state.text
    for s in state.sentences:
        for a in s.actors:
            if a.country and (not name or name not in text[a.start:a.end]):
                counts[a.country] += 1
    return counts


def resolve(state: DocState, sent: Sentence, m: PlaceMatch, head: str | None) -> Place:
    """Which of the places a name may mean the text means."""
    gaz = state.kb.gazetteer
    places = gaz.candidates(m.key)
    if head == "city":
        places = [p for p in places if p.precision == "city"] or places
    elif head == "admin":
        places = [p for p in places if p.precision in ("city", "admin1")] or places
    if len({p.country for p in places}) <= 1:
        return places[0]
    # طرابلس اللبنانية، طرابلس في شمال لبنان: a country written just after the name
    text = state.text
    window_end = min(sent.end, m.end + 60)
    nearby = [x for x in _places(gaz, text, sent) if m.end <= x.start < window_end
              and len(WORD.findall(text, m.end, x.start)) <= QUALIFIER_WORDS]
    for x in nearby:
        iso3 = x.key.nisba or next((p.country for p in gaz.candidates(x.key) if p.precision == "country"), None)
        qualified = [p for p in places if iso3 and p.country == iso3]
        if qualified:
            return qualified[0]
    named = _article_countries(state, m.key.form)
    best = max(places, key=lambda p: named.get(p.country or "", 0))
    return best if named.get(best.country or "", 0) else places[0]


def location_of(state: DocState, m: PlaceMatch, place: Place, head: str | None, area: bool = False) -> Location:
    start = m.word_start + len(m.prefix) if not area else _area_start(state.text, m)
    s, e = state.norm.to_original_marks(start, m.end)
    precision, lat, lon, feature, pid = place.precision, place.lat, place.lon, place.feature, place.id
    if head == "admin" and precision == "city":
        # محافظة البصرة: the province, which has no point of its own here
        precision, lat, lon, feature, pid = "admin1", None, None, "province", None
    if place.source == "country":
        pid = None
    return Location(text=state.doc.text[s:e], name=place.name, country=place.country, admin1=place.admin1,
                    lat=lat, lon=lon, feature=feature, precision=precision, span=(s, e), id=pid)


def _area_start(text: str, m: PlaceMatch) -> int:
    before = list(WORD.finditer(text, max(0, m.word_start - 20), m.word_start))
    return before[-1].start() if before else m.start


def _dateline(state: DocState, sent: Sentence) -> tuple[PlaceMatch, Place] | None:
    """"بغداد – "، "أنقرة ـ رويترز:" at the head of the sentence or the article (or after a '*')."""
    gaz = state.kb.gazetteer
    text, original = state.text, state.doc.text
    for s in (sent, state.sentences[0]) if state.sentences else ():
        for m in _places(gaz, text, s):
            if not m.key.places or m.prefix:
                continue
            lead = text[s.start:m.start].rstrip(" \t")
            if lead.strip(DATELINE_LEAD) and not lead.endswith(("*", "\n")):
                continue
            _, oe = state.norm.to_original(m.start, m.end)
            rest = original[oe:oe + 4].lstrip(" \t")
            if not rest or rest[0] not in DATELINE_MARKS:
                continue
            place = resolve(state, s, m, None)
            named = _article_countries(state)
            if not named or place.country in named:
                return m, place
    return None


def locate(state: DocState, sent: Sentence, trig: Trigger) -> tuple[Location | None, str]:
    """Where the event at `trig` happened, and the place rule that says so ("none" when the text does not)."""
    return locate_at(state, sent, Anchor(trig.start, trig.end, trig.pattern.cameo[:2]))


def locate_at(state: DocState, sent: Sentence, trig: Anchor) -> tuple[Location | None, str]:
    """`locate` for any event word: a trigger, or a word the coder did not read as one."""
    gaz = state.kb.gazetteer
    words = load_place_words()
    text = state.text
    lo, hi = _clause(text, sent, trig.start)
    for scope, (a, b) in (("clause", (lo, hi)), ("sentence", (sent.start, sent.end))):
        found = candidates(text, sent, trig, gaz, words, a, b)
        if found:
            c = found[0]
            if c.how == "area":
                iso3 = c.match.key.nisba
                place = gaz.countries.get(iso3 or "")
                if place is not None:
                    return location_of(state, c.match, place, None, area=True), f"{scope}-area"
                continue
            return location_of(state, c.match, resolve(state, sent, c.match, c.head), c.head), f"{scope}-{c.how}"
    dated = _dateline(state, sent)
    if dated is not None:
        return location_of(state, dated[0], dated[1], None), "dateline"
    return None, "none"


def locate_text(text: str, kb: KnowledgeBase | None = None, root: str = "") -> tuple[Location | None, str]:
    """Where the first sentence of `text` says its first event word happens (or, with none, the sentence).

    For sentences the coder finds no event in (tests of the gazetteer's data, benchmarks): the anchor is the
    sentence's first trigger, else its first word, with the trigger's root (else `root`).
    """
    from marsad.coder.mentions import build_state

    state = build_state(Document(id="where", text=text), kb or default_kb())
    if not state.sentences:
        return None, "none"
    sent = state.sentences[0]
    if sent.triggers:
        t = sent.triggers[0]
        return locate_at(state, sent, Anchor(t.start, t.end, t.pattern.cameo[:2]))
    return locate_at(state, sent, Anchor(sent.start, sent.start, root))
