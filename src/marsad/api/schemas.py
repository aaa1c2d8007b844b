"""The API's JSON shapes, for its OpenAPI schema. Field names are the contract's (shared/spec/events.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

Span = list[int]  # [start, end) character offsets into the document's text


class ActorOut(BaseModel):
    text: str
    code: str
    country: str | None
    igo: str | None
    name: str | None
    span: Span | None = None


class MentionOut(BaseModel):
    sentence: str
    sentence_span: Span
    trigger: str
    trigger_span: Span
    pattern_id: str


class LocationOut(BaseModel):
    """Where the event happened (issue 10): `precision` says how much of a point it is."""

    model_config = ConfigDict(extra="allow")
    text: str | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    precision: str | None = None


class EventOut(BaseModel):
    """One event record of the contract, with Marsad's evidence fields."""

    doc_id: str
    event_id: str
    source: ActorOut
    target: ActorOut
    cameo: str
    quad_class: int
    goldstein: float
    plover: str | None
    status: str
    date: str | None
    date_basis: str | None
    sentence: str
    sentence_span: Span
    trigger: str | None
    attribution: str | None
    trigger_span: Span | None = None
    pattern_id: str | None = None
    rule: str | None = None
    status_cue: str | None = None
    date_text: str | None = None
    contested_by: str | None = None
    location: LocationOut | None = None
    mentions: list[MentionOut] = Field(default_factory=list)


class EventPage(BaseModel):
    total: int = Field(description="events the filters select, over all pages")
    offset: int
    limit: int
    sort: str
    order: str
    next_cursor: str | None = Field(
        description="pass as cursor to get the page after this one; null on the last page")
    events: list[EventOut]


class SeriesRow(BaseModel):
    period: str = Field(description="first day of the period, YYYY-MM-DD")
    events: int
    goldstein_sum: float | None
    goldstein_mean: float | None
    q1_verbal_coop: int
    q2_material_coop: int
    q3_verbal_conflict: int
    q4_material_conflict: int


class DyadSeries(BaseModel):
    a: str
    b: str
    by: str
    directed: bool
    series: list[SeriesRow]


class TimelineRow(BaseModel):
    period: str
    events: int
    q1_verbal_coop: int
    q2_material_coop: int
    q3_verbal_conflict: int
    q4_material_conflict: int


class DyadRow(BaseModel):
    actor_a: str
    actor_b: str
    events: int
    q1_verbal_coop: int
    q2_material_coop: int
    q3_verbal_conflict: int
    q4_material_conflict: int
    goldstein_mean: float | None
    articles: int


class ActorRow(BaseModel):
    actor: str
    events: int
    as_source: int
    as_target: int
    goldstein_mean: float | None


class PartnerRow(BaseModel):
    partner: str
    events: int
    goldstein_mean: float | None
    goldstein_sum: float | None


class ActorProfileOut(BaseModel):
    actor: str
    events: int
    partners: list[PartnerRow]
    most_cooperative: list[PartnerRow]
    most_conflictual: list[PartnerRow]


class NodeOut(BaseModel):
    id: str
    kind: str = Field(description="country or igo")
    events: int
    x: float
    y: float


class EdgeOut(BaseModel):
    source: str
    target: str
    count: int
    goldstein_mean: float | None
    articles: int


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class SpanOut(BaseModel):
    start: int
    end: int
    kind: str = Field(description="source, target, trigger, date or place")
    text: str
    event_ids: list[str]


class DocumentOut(BaseModel):
    doc_id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    text: str
    num_events: int
    events: list[EventOut]
    spans: list[SpanOut]


class StatsOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    documents: int
    events: int
    distinct_events: int
    events_by_status: dict[str, int]
    published_from: str | None
    published_to: str | None
    event_dates_from: str | None
    event_dates_to: str | None


class HealthOut(BaseModel):
    status: str
    version: str
    schema_version: int
    read_only: bool
    documents: int
    events: int


class NameOut(BaseModel):
    en: str
    ar: str


class PlaceOut(BaseModel):
    lat: float | None
    lon: float | None
    precision: str | None
    name: str | None
    country: str | None
    events: int
    quad_class: dict[str, int]
    event_ids: list[str]


class DocumentIn(BaseModel):
    """An input document of the contract; other fields (title, url) are carried through."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=500)


class IngestOut(BaseModel):
    read: int
    stored: int
    replaced: int = Field(description="of the stored documents, new versions of a stored id (new text or date)")
    skipped: int
    events: int
    errors: list[str]


class Problem(BaseModel):
    detail: str
