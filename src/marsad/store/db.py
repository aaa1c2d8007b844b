"""The embedded DuckDB store: open, write coded documents atomically, skip known ones."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa

from marsad.ingest import IngestError
from marsad.model import Document, Event, Location
from marsad.store.connect import connect
from marsad.store.schema import LOCATION_COLUMNS, migrate

DEFAULT_DB = "marsad.duckdb"
DEFAULT_BATCH = 500


def resolve_db(path: str | Path | None = None) -> str:
    """--db, else $MARSAD_DB, else ./marsad.duckdb."""
    return str(path or os.environ.get("MARSAD_DB") or DEFAULT_DB)


# --- rows: pure functions from records to table rows -------------------------

DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("url", pa.string()), ("source", pa.string()),
        ("title", pa.string()), ("published", pa.string()), ("content_hash", pa.string()),
        ("text", pa.string()), ("extra", pa.string()), ("num_events", pa.int32()),
        ("ingested_at", pa.timestamp("us")),
    ]
)
_ACTOR_FIELDS = [("text", pa.string()), ("code", pa.string()), ("country", pa.string()),
                 ("igo", pa.string()), ("name", pa.string()), ("start", pa.int32()), ("end", pa.int32())]
EVENT_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("doc_id", pa.string())]
    + [(f"source_{k}", t) for k, t in _ACTOR_FIELDS]
    + [(f"target_{k}", t) for k, t in _ACTOR_FIELDS]
    + [
        ("cameo", pa.string()), ("root", pa.string()), ("quad_class", pa.int8()),
        ("goldstein", pa.float64()), ("plover", pa.string()), ("status", pa.string()),
        ("date", pa.string()), ("date_basis", pa.string()), ("sentence", pa.string()),
        ("sentence_start", pa.int32()), ("sentence_end", pa.int32()), ("trigger", pa.string()),
        ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("attribution", pa.string()),
        ("pattern_id", pa.string()), ("status_cue", pa.string()), ("date_text", pa.string()),
        ("ord", pa.int32()), ("contested_by", pa.string()), ("rule", pa.string()),
    ]
    + [(name, pa.float64() if kind == "DOUBLE" else pa.int32() if kind == "INTEGER" else pa.string())
       for name, kind in LOCATION_COLUMNS]
)
MENTION_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("event_id", pa.string()), ("ord", pa.int32()),
        ("sentence_start", pa.int32()), ("sentence_end", pa.int32()), ("trigger", pa.string()),
        ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("pattern_id", pa.string()),
    ]
)
SENTENCE_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())]
)
SOURCE_SCHEMA = pa.schema(
    [("event_id", pa.string()), ("doc_id", pa.string()), ("outlet", pa.string()), ("url", pa.string())]
)


def doc_url(doc: Document) -> str | None:
    url = doc.extra.get("url")
    if isinstance(url, str) and url:
        return url
    return doc.id if doc.id.startswith(("http://", "https://")) else None


def doc_outlet(doc: Document) -> str | None:
    """The outlet: the document's source (a URL's host name), else the host of its URL."""
    source = doc.source
    if source and "://" in source:
        source = urlsplit(source).hostname
    if source:
        return source
    url = doc_url(doc)
    return urlsplit(url).hostname if url else None


def document_row(doc: Document, num_events: int, now: datetime) -> dict[str, Any]:
    extra = {k: v for k, v in doc.extra.items() if k not in ("url", "title")}
    title = doc.extra.get("title")
    return {
        "doc_id": doc.id,
        "url": doc_url(doc),
        "source": doc.source,
        "title": title if isinstance(title, str) else None,
        "published": doc.published,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "extra": json.dumps(extra, ensure_ascii=False) if extra else None,
        "num_events": num_events,
        "ingested_at": now,
    }


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    span = actor.span or (None, None)
    return {
        f"{prefix}_text": actor.text, f"{prefix}_code": actor.code, f"{prefix}_country": actor.country,
        f"{prefix}_igo": actor.igo, f"{prefix}_name": actor.name,
        f"{prefix}_start": span[0], f"{prefix}_end": span[1],
    }


def location_cols(location: Location | None) -> dict[str, Any]:
    """The location_* columns of an event (all null when the text gives no place)."""
    if location is None:
        return {name: None for name, _ in LOCATION_COLUMNS}
    span = location.span or (None, None)
    return {
        "location_text": location.text, "location_name": location.name, "location_country": location.country,
        "location_admin1": location.admin1, "location_lat": location.lat, "location_lon": location.lon,
        "location_feature": location.feature, "location_precision": location.precision,
        "location_id": location.id, "location_start": span[0], "location_end": span[1],
    }


def event_row(event: Event, ord_: int) -> dict[str, Any]:
    tspan = event.trigger_span or (None, None)
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        **_actor_cols("source", event.source),
        **_actor_cols("target", event.target),
        "cameo": event.cameo, "root": event.root, "quad_class": event.quad_class,
        "goldstein": event.goldstein, "plover": event.plover, "status": event.status,
        "date": event.date, "date_basis": event.date_basis, "sentence": event.sentence,
        "sentence_start": event.sentence_span[0], "sentence_end": event.sentence_span[1],
        "trigger": event.trigger, "trigger_start": tspan[0], "trigger_end": tspan[1],
        "attribution": event.attribution, "pattern_id": event.pattern_id,
        "status_cue": event.status_cue, "date_text": event.date_text, "ord": ord_,
        "contested_by": event.contested_by,
        "rule": event.rule,
        **location_cols(event.location),
    }


# The flat event rows of a Parquet export (marsad export, the Parquet sink, the Spark job): an event's
# columns, its article's URL, publication date and outlet, both actors' keys, and the partition.
EXPORT_SCHEMA = pa.schema(
    [f for f in EVENT_SCHEMA if f.name != "ord"]
    + [("url", pa.string()), ("published", pa.string()), ("outlet", pa.string()),
       ("source_key", pa.string()), ("target_key", pa.string()), ("year", pa.int32()), ("month", pa.int32())]
)
_YEAR_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}.*", re.S)


def _number(s: str) -> int | None:
    return int(s) if s.isascii() and s.isdigit() else None


def partition_of(date: str | None, published: str | None) -> tuple[int, int]:
    """(year, month) an event is filed under: its own date's, else its article's, else 0."""
    pub = published or ""
    year = _number((date or "")[:4]) or _number(pub[:4]) or 0
    month = (_number(date[5:7]) if date and _YEAR_MONTH.fullmatch(date) else None) or _number(pub[5:7]) or 0
    return year, month


def export_row(doc: Document, event: Event) -> dict[str, Any]:
    row = event_row(event, 0)
    del row["ord"]
    year, month = partition_of(event.date, doc.published)
    row.update(url=doc_url(doc), published=doc.published, outlet=doc_outlet(doc), source_key=event.source.key,
               target_key=event.target.key, year=year, month=month)
    return row


def mention_rows(event: Event) -> Iterator[dict[str, Any]]:
    """The event's own sentence as mention 0, then its in-document repeats."""
    tspan = event.trigger_span or (None, None)
    yield {
        "doc_id": event.doc_id, "event_id": event.event_id, "ord": 0,
        "sentence_start": event.sentence_span[0], "sentence_end": event.sentence_span[1],
        "trigger": event.trigger, "trigger_start": tspan[0], "trigger_end": tspan[1],
        "pattern_id": event.pattern_id,
    }
    for n, m in enumerate(event.mentions, start=1):
        yield {
            "doc_id": event.doc_id, "event_id": event.event_id, "ord": n,
            "sentence_start": m.sentence_span[0], "sentence_end": m.sentence_span[1],
            "trigger": m.trigger, "trigger_start": m.trigger_span[0], "trigger_end": m.trigger_span[1],
            "pattern_id": m.pattern_id,
        }


def sentence_rows(doc_id: str, events: list[Event]) -> list[dict[str, Any]]:
    spans: dict[tuple[int, int], str] = {}
    for e in events:
        spans.setdefault(tuple(e.sentence_span), e.sentence)  # type: ignore[arg-type]
        for m in e.mentions:
            spans.setdefault(tuple(m.sentence_span), m.sentence)  # type: ignore[arg-type]
    return [{"doc_id": doc_id, "start": s, "end": t, "text": text} for (s, t), text in spans.items()]


def unique_events(events: list[Event]) -> list[Event]:
    """Drop repeated event ids (keep the first): the primary key would reject the whole batch."""
    seen: set[str] = set()
    out = []
    for e in events:
        if e.event_id not in seen:
            seen.add(e.event_id)
            out.append(e)
    return out


@dataclass
class Rows:
    """All table rows of a batch of coded documents."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: Document, events: list[Event], now: datetime) -> None:
        events = unique_events(events)
        outlet, url = doc_outlet(doc), doc_url(doc)
        self.documents.append(document_row(doc, len(events), now))
        for n, e in enumerate(events):
            self.events.append(event_row(e, n))
            self.mentions.extend(mention_rows(e))
            self.sources.append({"event_id": e.event_id, "doc_id": e.doc_id, "outlet": outlet, "url": url})
        self.sentences.extend(sentence_rows(doc.id, events))


# --- the store ---------------------------------------------------------------


@dataclass
class Pending:
    """Documents selected for the store but not written yet: what a later batch must count as stored."""

    hashes: dict[str, str] = field(default_factory=dict)  # content hash -> id
    urls: set[str] = field(default_factory=set)
    versions: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # id -> (content hash, published)

    def add(self, doc: Document) -> None:
        self.hashes[doc.content_hash] = doc.id
        url = doc_url(doc)
        if url:
            self.urls.add(url)
        self.versions[doc.id] = (doc.content_hash, doc.published)

    def remove(self, doc: Document) -> None:
        """`doc` is written (or failed): the database answers for it now."""
        if self.hashes.get(doc.content_hash) == doc.id:
            del self.hashes[doc.content_hash]
        self.urls.discard(doc_url(doc) or "")
        if self.versions.get(doc.id, ("",))[0] == doc.content_hash:
            del self.versions[doc.id]

_TABLES = (
    ("events", "events", EVENT_SCHEMA),
    ("mentions", "mentions", MENTION_SCHEMA),
    ("sentences", "sentences", SENTENCE_SCHEMA),
    ("sources", "event_sources", SOURCE_SCHEMA),
    ("documents", "documents", DOC_SCHEMA),  # last: a document row means "complete"
)


class Store:
    """A DuckDB database file holding documents, events and their evidence."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = resolve_db(path)
        self.con = connect(self.path, read_only=read_only)  # errors.py's one-line errors
        if not read_only:
            # Fewer, larger checkpoints: bulk ingest otherwise rewrites the file every 16 MB of WAL.
            self.con.execute("SET checkpoint_threshold = '256MB'")
            migrate(self.con)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _known(
        self, hashes: list[str], urls: list[str | None], ids: list[str]
    ) -> tuple[dict[str, str], set[str], dict[str, tuple[str, str | None]]]:
        """The ids holding these content hashes, which of these URLs are stored, and the (hash, published)
        of these ids: one query."""
        if not hashes:
            return {}, set(), {}
        probe = pa.table({
            "h": pa.array(hashes, pa.string()),
            "u": pa.array(urls, pa.string()),
            "i": pa.array(ids, pa.string()),
        })
        self.con.register("_probe", probe)
        try:
            rows = self.con.execute(
                "SELECT 0, content_hash, doc_id, NULL FROM documents WHERE content_hash IN (SELECT h FROM _probe) "
                "UNION ALL SELECT 1, url, NULL, NULL FROM documents WHERE url IN (SELECT u FROM _probe) "
                "UNION ALL SELECT 2, doc_id, content_hash, published FROM documents "
                "WHERE doc_id IN (SELECT i FROM _probe)"
            ).fetchall()
        finally:
            self.con.unregister("_probe")
        found_hashes: dict[str, str] = {}
        found_urls: set[str] = set()
        found_ids: dict[str, tuple[str, str | None]] = {}
        for column, value, other, published in rows:
            if column == 0:
                found_hashes[value] = other
            elif column == 1:
                found_urls.add(value)
            else:
                found_ids[value] = (other, published)
        return found_hashes, found_urls, found_ids

    def select_new(self, docs: list[Document], pending: Pending | None = None) -> tuple[list[Document], int]:
        """The documents to code: new ones, and new versions of stored ones.

        The id is a document's identity. A stored id with new text, or with the same text and another
        `published` date (its relative dates move with it), is coded again and replaces the stored
        version when written; so does a later version of an id earlier in the same run. Otherwise a
        document is skipped when its text or URL is already stored. `pending` holds the documents on
        their way to the store (selected, not written yet), counted as stored.
        Returns (documents to code, number skipped).
        """
        doc_hashes = [d.content_hash for d in docs]  # a sha256 of the text: compute it once
        doc_urls = [doc_url(d) for d in docs]
        hashes, urls, versions = self._known(doc_hashes, doc_urls, [d.id for d in docs])
        if pending is not None:
            hashes, urls, versions = hashes | pending.hashes, urls | pending.urls, versions | pending.versions
        fresh: dict[str, Document] = {}
        skipped = 0
        for doc, content_hash, url in zip(docs, doc_hashes, doc_urls, strict=True):
            if not _is_new_version(doc, content_hash, url, versions.get(doc.id), hashes, urls):
                skipped += 1
                continue
            if doc.id in fresh:  # an earlier version in this batch: this one wins
                del fresh[doc.id]
                skipped += 1
            hashes[content_hash] = doc.id
            if url:
                urls.add(url)
            versions[doc.id] = (content_hash, doc.published)
            fresh[doc.id] = doc
        return list(fresh.values()), skipped

    def write(self, coded: list[tuple[Document, list[Event]]], now: datetime | None = None) -> int:
        """Write a batch in ONE transaction: after a crash it is all there or not at all.

        A stored document of the same id is replaced, with its events. Returns how many were replaced.
        """
        now = now or datetime.now(UTC).replace(tzinfo=None)
        rows = Rows()
        for doc, events in coded:
            rows.add(doc, events, now)
        self.con.execute("BEGIN TRANSACTION")
        try:
            replaced = self._delete_documents([doc.id for doc, _ in coded])
            for attr, table, schema in _TABLES:
                data = getattr(rows, attr)
                if not data:
                    continue
                view = f"_batch_{table}"
                self.con.register(view, pa.Table.from_pylist(data, schema=schema))
                try:
                    self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
                finally:
                    self.con.unregister(view)
            self.con.execute("COMMIT")
        except Exception:
            self._rollback()
            raise
        return replaced

    def _rollback(self) -> None:
        """Roll back what is open; a COMMIT that was interrupted (Ctrl-C) may have ended the transaction
        already, and the error to report is the interruption, not this."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass

    def _delete_documents(self, doc_ids: list[str]) -> int:
        """Remove the stored versions of these documents and everything coded from them; returns how many."""
        (row,) = self.con.execute(
            "SELECT list(doc_id) FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
        ).fetchall()
        stored = row[0] or []
        if stored:
            for _, table, _ in _TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [stored])
        return len(stored)

    def documents(self) -> int:
        (row,) = self.con.execute("SELECT count(*) FROM documents").fetchall()
        return int(row[0])

    def counts(self) -> dict[str, int]:
        tables = ("documents", "events", "mentions", "sentences", "event_sources", "distinct_events")
        return {t: int(self.con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in tables}


def _is_new_version(doc: Document, content_hash: str, url: str | None, stored: tuple[str, str | None] | None,
                    hashes: dict[str, str], urls: set[str]) -> bool:
    """Whether to code `doc`, given its id's latest version and the texts (hash -> id) and URLs stored or
    on their way."""
    if stored is not None:
        stored_hash, stored_published = stored
        if stored_hash == content_hash:  # same text: only a new publication date makes it new
            return doc.published is not None and doc.published != stored_published
        return hashes.get(content_hash, doc.id) == doc.id  # new text, unless another document holds it
    return content_hash not in hashes and not (url and url in urls)


def write_batch(store: Store, coded: list[tuple[Document, list[Event]]]
                ) -> tuple[list[tuple[Document, list[Event]]], list[IngestError], int]:
    """Write all-or-nothing; if the batch is rejected, find the culprit one document at a time.

    Returns what was written, an error for each document that could not be, and how many of the
    written documents replaced a stored version.
    """
    if not coded:
        return [], [], 0
    try:
        return coded, [], store.write(coded)
    except duckdb.InterruptException:  # Ctrl-C while DuckDB ran a statement: stop, do not retry
        raise KeyboardInterrupt from None
    except duckdb.Error:
        written, errors, replaced = [], [], 0
        for item in coded:
            try:
                replaced += store.write([item])
                written.append(item)
            except duckdb.InterruptException:
                raise KeyboardInterrupt from None
            except duckdb.Error as exc:
                errors.append(IngestError(item[0].id, None, f"could not store: {exc}"))
        return written, errors, replaced
