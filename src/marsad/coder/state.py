"""The document state the coder's stages read and extend (all offsets normalised)."""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.knowledge.actors import Person
from marsad.knowledge.base import KnowledgeBase
from marsad.knowledge.gazetteer import PlaceMatch
from marsad.knowledge.lexicon import Match
from marsad.knowledge.patterns import Form, Pattern
from marsad.model import Document
from marsad.text import Normalized


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    kind: str  # country | nisba | metonym | place | igo | group | role | person | surname | group_ref
    country: str | None
    igo: str | None
    role: str | None
    code: str
    name: str | None = None
    person: Person | None = None
    members: tuple[str, ...] = ()  # for البلدين/الجانبين: the keys they stand for
    prefix: str = ""  # proclitics on the first word (ل، ب ...)
    definite: bool = False  # written with ال (الجيش), not as a bare noun (قوات، جنود)
    title: bool = False  # a person's title (وزير الخارجية), after which a name may follow
    civilian: bool = False  # a state's adjective on private people or firms (مواطنا فرنسيا، شركات تركية)
    thing: bool = False  # a state's adjective on goods, arms or vehicles (معدات أميركية، طائرات روسية)
    home: str | None = None  # a body only one state has (الكنيست): its state when no nisba names one
    listed: bool = False  # a group whose members the text lists (الدول المشاركة، ومن بينها تركيا وروسيا)

    @property
    def key(self) -> str | None:
        return self.country or self.igo

    @property
    def resolved(self) -> bool:
        return self.key is not None or bool(self.members)


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    form: Form
    pattern: Pattern
    match: Match
    tail_end: int | None = None  # where the pattern's tail ends (تعهدت ... بدعم|), when it has one


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    kind: str  # cue list key (planned, negated, ...), or month | hijri | weekday | relative
    value: object


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # normalised
    end: int
    paragraph: int
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    outlets: list[Match] = field(default_factory=list)
    dates: list[tuple[int, int, str]] | None = None  # explicit dates, found once (coder.dates)
    places: list[PlaceMatch] | None = None  # gazetteer matches, found once (coder.where)


@dataclass(slots=True)
class DocState:
    doc: Document
    norm: Normalized
    sentences: list[Sentence]
    kb: KnowledgeBase

    @property
    def text(self) -> str:
        return self.norm.text
