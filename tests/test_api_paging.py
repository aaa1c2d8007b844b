"""Paging the events: by cursor (keyset) and by offset, over a real HTTP server and the examples' DuckDB.

The fast paths (contract dicts built from rows, a deep page read from a cached row order, the repeat
look-up skipped) must give exactly what find_events and Event.to_dict give.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import Server

from marsad.api.routes import Aggregates
from marsad.store import Store, analytics
from marsad.store.analytics import EVENT_SORTS, EventQuery

FILTERS: list[dict[str, Any]] = [{}, {"actor": "IRN"}, {"quad": 4}, {"since": "2023"}]


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def by_cursor(client: httpx.Client, params: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """Every page by following next_cursor from the first page."""
    events: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = client.get("/api/events", params={**params, "limit": limit,
                                                  **({"cursor": cursor} if cursor else {})}).json()
        events += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            assert len(events) == page["total"]
            return events
        assert len(page["events"]) == limit
    raise AssertionError("next_cursor never ended")


def by_offset(client: httpx.Client, params: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    while True:
        page = client.get("/api/events", params={**params, "limit": limit, "offset": len(events)}).json()
        events += page["events"]
        if len(events) >= page["total"]:
            return events


@pytest.mark.parametrize("sort", list(EVENT_SORTS))
def test_cursor_pages_are_the_offset_pages_in_order(client: httpx.Client, sort: str) -> None:
    for order in ("asc", "desc"):
        for filters in FILTERS:
            params = {**filters, "sort": sort, "order": order}
            cursored = by_cursor(client, params, limit=7)
            assert cursored == by_offset(client, params, limit=7), params
            ids = [e["event_id"] for e in cursored]
            assert len(ids) == len(set(ids)) and len(ids) > 0, params


def test_pages_are_the_contract_records(examples_db: Path) -> None:
    """page_events' dicts (built from rows) equal Event.to_dict of find_events, repeats and places included."""
    with Store(examples_db, read_only=True) as store:
        repeated = analytics.repeated_events(store.con)
        for sort in EVENT_SORTS:
            expected = [e.to_dict() for e in analytics.find_events(store.con, sort=sort, descending=True)]
            page = analytics.page_events(store.con, sort=sort, descending=True, limit=100_000, repeated=repeated)
            assert page.events == expected and page.next_key is None
    assert repeated and any(e["mentions"] for e in expected) and any(e["location"] for e in expected)


def test_deep_pages_from_the_cached_order(client: httpx.Client, examples_db: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages past DEEP_OFFSET are slices of the query's row order (cached): the same events as a sort."""
    monkeypatch.setattr(analytics, "DEEP_OFFSET", 3)
    continued = 0
    with Store(examples_db, read_only=True) as store:
        for sort, order, filters in [("date", "asc", {}), ("goldstein", "desc", {"actor": "IRN"}), ("source", "asc", {})]:
            query = EventQuery(**filters)
            for offset in (3, 10, 41):
                expected = [e.to_dict() for e in analytics.find_events(
                    store.con, query, sort=sort, descending=order == "desc", limit=9, offset=offset)]
                page = client.get("/api/events", params={**filters, "sort": sort, "order": order, "limit": 9,
                                                         "offset": offset}).json()
                assert page["events"] == expected, (sort, order, filters, offset)
                assert (page["next_cursor"] is None) == (offset + 9 >= page["total"])
            # A deep page's cursor goes on where it ended.
            page = client.get("/api/events", params={**filters, "sort": sort, "order": order, "limit": 9,
                                                     "offset": 10}).json()
            if page["next_cursor"] is None:
                assert page["total"] <= 19  # nothing after this page to go on to
                continue
            continued += 1
            after = client.get("/api/events", params={**filters, "sort": sort, "order": order, "limit": 9,
                                                      "cursor": page["next_cursor"]}).json()
            assert after["events"] == [e.to_dict() for e in analytics.find_events(
                store.con, query, sort=sort, descending=order == "desc", limit=9, offset=19)]
    assert continued >= 2  # the examples hold enough events for most of these queries to page on


def forged(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


def test_bad_cursors_are_422_naming_them(client: httpx.Client) -> None:
    cursor = client.get("/api/events", params={"sort": "date", "limit": 5}).json()["next_cursor"]
    assert cursor
    for params, name in [
        ({"cursor": "not a cursor"}, "cursor"),
        ({"cursor": forged(1, 2, 3)}, "cursor"),
        ({"cursor": cursor, "sort": "cameo"}, "cursor"),               # made for another order
        ({"cursor": cursor, "order": "desc"}, "cursor"),
        ({"cursor": forged("goldstein", "asc", "high", "d", 1), "sort": "goldstein"}, "cursor"),
        ({"cursor": forged("date", "asc", 3.5, "d", 1)}, "cursor"),
        ({"cursor": cursor, "offset": 5}, "offset"),                   # one way of paging at a time
        ({"cursor": "x" * 3000}, "cursor"),
    ]:
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, (params, response.text)
        assert response.json()["detail"][0]["loc"][-1] == name, (params, response.text)


def test_a_value_computed_across_a_write_is_not_kept() -> None:
    cache = Aggregates()

    def during_a_write() -> int:
        cache.clear()  # a write lands while the value is computed
        return 1

    assert cache.get(("k",), during_a_write) == 1
    assert cache.get(("k",), lambda: 2) == 2      # computed again: the first was of the old state
    assert cache.get(("k",), lambda: 3) == 2      # and now kept


def test_repeats_and_sentences_are_looked_up_by_index(examples_db: Path) -> None:
    """Schema v6: the look-ups of every page (_mentions) have their indexes (a scan each without)."""
    with Store(examples_db, read_only=True) as store:
        names = {r[0] for r in store.con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert {"mentions_event", "sentences_doc"} <= names
