"""The records of the contract (shared/spec/events.md): Document, Actor, Location, Event.

Field names are the contract's; outside scorers read them, so they never change.
Extra fields (spans, pattern ids, evidence) are added after the contract's own.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from marsad.published import publication_day

STATUSES = ("occurred", "planned", "hypothetical", "negated")
DATE_BASES = ("explicit", "relative", "published", "unknown")
IGO_CODES = (
    "UN", "EU", "NATO", "ARL", "GCC", "AU", "OIC", "IAEA", "ICC", "ICJ",
    "WHO", "IMF", "WB", "OPEC", "ASEAN", "SCO", "BRICS", "ICRC",
)

_DOC_FIELDS = ("id", "text", "published", "source")
# How exact a location is: a point in a city, a first-order division, a whole state, or a named area
# (a strip, a sea, "north Syria"). A country, admin1 or large region has no point: no invented centroid.
PRECISIONS = ("city", "admin1", "country", "region")


@dataclass
class Document:
    """One input article. Unknown input fields are kept in `extra` and carried through."""

    id: str
    text: str
    published: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Checked here, where the caller made the mistake, not deep inside the coder.
        for name, value, optional in (("id", self.id, False), ("text", self.text, False),
                                      ("source", self.source, True)):
            if not isinstance(value, str) and not (optional and value is None):
                raise TypeError(f"Document.{name} must be a str{' or None' if optional else ''}, "
                                f"not {type(value).__name__}")
        if not isinstance(self.extra, dict):
            raise TypeError(f"Document.extra must be a dict, not {type(self.extra).__name__}")
        self.published = publication_day(self.published)  # YYYY-MM-DD; ValueError for no date

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        if not isinstance(d, dict):
            raise ValueError("a document must be a JSON object")
        if "id" not in d or d["id"] in (None, ""):
            raise ValueError("document has no 'id'")
        text = d.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"document {d['id']!r} has no text")
        source = d.get("source")
        if source is not None and not isinstance(source, str):
            raise ValueError(f"document {d['id']!r}: source must be a string, not {type(source).__name__}")
        extra = {k: v for k, v in d.items() if k not in _DOC_FIELDS}
        return cls(
            id=str(d["id"]),
            text=text,
            published=publication_day(d.get("published")),  # ValueError for a stated date that is none
            source=source,
            extra=extra,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.published:
            out["published"] = self.published
        if self.source:
            out["source"] = self.source
        out.update(self.extra)
        return out

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass
class Actor:
    text: str
    code: str
    country: str | None = None
    igo: str | None = None
    name: str | None = None
    span: tuple[int, int] | None = None  # offsets of `text` in the document

    @property
    def key(self) -> str | None:
        """Scoring key: country, else igo, else unresolved."""
        return self.country or self.igo

    def to_dict(self) -> dict[str, Any]:
        return _with_span(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        span = d.get("span")
        return cls(
            text=d.get("text", ""),
            code=d.get("code", ""),
            country=d.get("country"),
            igo=d.get("igo"),
            name=d.get("name"),
            span=tuple(span) if span else None,  # type: ignore[arg-type]
        )


@dataclass
class Location:
    """Where an event happened, as the text says it (never a guessed centroid)."""

    text: str  # the words in the article that name the place
    name: str  # canonical (English) name of the place
    country: str | None  # ISO3, like the actors'
    admin1: str | None = None  # GeoNames admin1 code within the country
    lat: float | None = None  # a point only where the place is one (city, small area); else null
    lon: float | None = None
    feature: str | None = None  # city, town, camp, province, region, sea, strait, country ...
    precision: str = "city"  # one of PRECISIONS
    span: tuple[int, int] | None = None  # offsets of `text` in the document
    id: str | None = None  # GeoNames id, or the id of a row in our gazetteer.tsv

    def to_dict(self) -> dict[str, Any]:
        return _with_span(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Location:
        known = {f.name for f in fields(cls)} - {"span"}
        span = d.get("span")
        values = {k: v for k, v in d.items() if k in known}
        return cls(**{"text": "", "name": "", "country": None, **values},
                   span=tuple(span) if span else None)  # type: ignore[arg-type]


def _with_span(record: Actor | Location) -> dict[str, Any]:
    """A record as JSON: its fields, the span as a list."""
    d = asdict(record)
    d["span"] = list(record.span) if record.span else None
    return d


@dataclass
class Mention:
    """One more place in the same article that reports the same event."""

    sentence: str
    sentence_span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int]
    pattern_id: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sentence_span"] = list(self.sentence_span)
        d["trigger_span"] = list(self.trigger_span)
        return d


@dataclass
class Event:
    doc_id: str
    event_id: str
    source: Actor
    target: Actor
    cameo: str
    quad_class: int
    goldstein: float
    plover: str
    status: str
    date: str | None
    date_basis: str
    sentence: str
    sentence_span: tuple[int, int]
    trigger: str
    attribution: str | None = None
    # Evidence beyond the contract: why this record exists.
    trigger_span: tuple[int, int] | None = None
    pattern_id: str | None = None
    status_cue: str | None = None
    date_text: str | None = None
    contested_by: str | None = None  # event_id of a denial of this event by one of its parties
    mentions: list[Mention] = field(default_factory=list)
    # Why it exists: "pattern/argument rule/date rule/place rule", each part a name `evaluate --by-rule` scores.
    rule: str | None = None
    location: Location | None = None  # where it happened, when the text says so

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "status": self.status,
            "date": self.date,
            "date_basis": self.date_basis,
            "sentence": self.sentence,
            "sentence_span": list(self.sentence_span),
            "trigger": self.trigger,
            "attribution": self.attribution,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
            "pattern_id": self.pattern_id,
            "rule": self.rule,
            "status_cue": self.status_cue,
            "date_text": self.date_text,
            "contested_by": self.contested_by,
            "mentions": [m.to_dict() for m in self.mentions],
            "location": self.location.to_dict() if self.location else None,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        ts = d.get("trigger_span")
        loc = d.get("location")
        return cls(
            doc_id=d["doc_id"],
            event_id=d["event_id"],
            source=Actor.from_dict(d["source"]),
            target=Actor.from_dict(d["target"]),
            cameo=d["cameo"],
            quad_class=int(d["quad_class"]),
            goldstein=float(d["goldstein"]),
            plover=d["plover"],
            status=d["status"],
            date=d.get("date"),
            date_basis=d["date_basis"],
            sentence=d["sentence"],
            sentence_span=tuple(d["sentence_span"]),  # type: ignore[arg-type]
            trigger=d["trigger"],
            attribution=d.get("attribution"),
            trigger_span=tuple(ts) if ts else None,  # type: ignore[arg-type]
            pattern_id=d.get("pattern_id"),
            status_cue=d.get("status_cue"),
            date_text=d.get("date_text"),
            contested_by=d.get("contested_by"),
            rule=d.get("rule"),
            location=Location.from_dict(loc) if loc else None,
            mentions=[
                Mention(
                    sentence=m["sentence"],
                    sentence_span=tuple(m["sentence_span"]),  # type: ignore[arg-type]
                    trigger=m["trigger"],
                    trigger_span=tuple(m["trigger_span"]),  # type: ignore[arg-type]
                    pattern_id=m["pattern_id"],
                )
                for m in d.get("mentions") or []
            ],
        )


def make_event_id(doc_id: str, *parts: object) -> str:
    """Stable id: a hash of the document id and what makes the event distinct."""
    h = hashlib.sha1("\x1f".join([doc_id, *map(str, parts)]).encode("utf-8")).hexdigest()
    return f"{doc_id}:{h[:12]}"
