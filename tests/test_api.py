"""The REST API through a real HTTP server on loopback, over a real DuckDB built from examples/."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from conftest import Running, Server
from typer.testing import CliRunner

from marsad.api.app import create_app, default_hosts
from marsad.cli import app as cli
from marsad.errors import ExitStatus

INJECTIONS = [
    "'; DROP TABLE events; --",
    "ISR' OR '1'='1",
    "1; SELECT * FROM documents",
    "\" OR \"\"=\"",
    "%' UNION SELECT text FROM documents --",
    "ISR) OR (1=1",
]


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def cli_json(db: Path, *args: str) -> Any:
    result = CliRunner().invoke(cli, [*args, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return result.output


def stored(db: Path) -> dict[str, int]:
    from marsad.store import Store

    with Store(db, read_only=True) as store:
        return store.counts()


def test_health_and_stats_are_the_clis(client: httpx.Client, examples_db: Path) -> None:
    health = client.get("/api/health").json()
    counts = stored(examples_db)
    assert health["status"] == "ok" and health["read_only"] is True
    assert (health["documents"], health["events"]) == (25, counts["events"]) and counts["events"] > 60
    assert client.get("/api/stats").json() == json.loads(cli_json(examples_db, "stats"))


def test_events_filters_match_the_cli(client: httpx.Client, examples_db: Path) -> None:
    for params, args in [
        ({}, []),
        ({"actor": "irn"}, ["--actor", "irn"]),
        ({"dyad": "QAT,SYR"}, ["--dyad", "QAT", "SYR"]),
        ({"code": "04"}, ["--code", "04"]),
        ({"quad": 4}, ["--quad", "4"]),
        ({"since": "2023", "until": "2024-01"}, ["--since", "2023", "--until", "2024-01"]),
        ({"status": "planned"}, ["--status", "planned"]),
        ({"search": "دمشق"}, ["--search", "دمشق"]),
    ]:
        page = client.get("/api/events", params={**params, "limit": 500, "sort": "doc"}).json()
        lines = cli_json(examples_db, "events", "--sort", "doc", *args).splitlines()
        assert page["total"] == len(lines) == len(page["events"]), params
        assert [e["event_id"] for e in page["events"]] == [json.loads(x)["event_id"] for x in lines], params
    first = client.get("/api/events", params={"dyad": "QAT,SYR", "limit": 1}).json()["events"][0]
    assert {"doc_id", "event_id", "source", "target", "cameo", "quad_class", "goldstein", "plover", "status", "date",
            "date_basis", "sentence", "sentence_span", "trigger", "attribution", "rule"} <= set(first)


def test_events_are_paged_and_sorted(client: httpx.Client) -> None:
    seen: list[str] = []
    total = client.get("/api/health").json()["events"]
    for offset in range(0, total, 40):
        page = client.get("/api/events", params={"limit": 40, "offset": offset, "sort": "date"}).json()
        assert page["total"] == total and page["offset"] == offset
        seen += [e["event_id"] for e in page["events"]]
    assert len(seen) == len(set(seen)) == total
    down = client.get("/api/events", params={"sort": "goldstein", "order": "desc", "limit": 500}).json()["events"]
    values = [e["goldstein"] for e in down]
    assert values == sorted(values, reverse=True)
    dates = [e["date"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated last


@pytest.mark.parametrize("path, params, name", [
    ("/api/events", {"since": "notadate"}, "since"),
    ("/api/events", {"since": "2015-13"}, "since"),
    ("/api/events", {"until": "notadate"}, "until"),
    ("/api/events", {"until": "2015-02-30"}, "until"),
    ("/api/events", {"actor": "XYZ"}, "actor"),
    ("/api/events", {"dyad": "ISR"}, "dyad"),
    ("/api/events", {"limit": 0}, "limit"),
    ("/api/events", {"limit": 501}, "limit"),
    ("/api/events", {"offset": -1}, "offset"),
    ("/api/events", {"sort": "sentence; DROP TABLE events"}, "sort"),
    ("/api/events", {"status": "maybe"}, "status"),
    ("/api/events", {"quad": 5}, "quad"),
    ("/api/dyads/QAT/SYR", {"by": "fortnight"}, "by"),
    ("/api/dyads", {"limit": 100000}, "limit"),
    ("/api/actors/ZZZ", {}, "actor"),
    ("/api/network", {"min_count": 0}, "min_count"),
])
def test_bad_parameters_are_422_naming_them(client: httpx.Client, path: str, params: dict[str, Any],
                                            name: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert any(d["loc"][-1] == name for d in detail), detail


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_values_not_sql(client: httpx.Client, text: str) -> None:
    before = client.get("/api/health").json()["events"]
    assert client.get("/api/events", params={"search": text}).json()["total"] == 0
    assert client.get("/api/events", params={"doc_id": text}).json()["total"] == 0
    assert client.get("/api/events", params={"actor": text}).status_code == 422
    assert client.get("/api/events", params={"since": text}).status_code == 422
    assert client.get("/api/documents/" + text).status_code == 404
    assert client.get("/api/dyads/" + text + "/ISR").status_code in (404, 422)
    assert client.get("/api/health").json()["events"] == before  # nothing dropped, nothing changed


def test_dyads_actors_and_network(client: httpx.Client, examples_db: Path) -> None:
    assert client.get("/api/dyads", params={"limit": 10}).json() == json.loads(cli_json(examples_db, "dyads"))
    series = client.get("/api/dyads/qat/syr").json()
    assert (series["a"], series["b"], series["by"]) == ("QAT", "SYR", "month")
    assert [r["period"] for r in series["series"]] == ["2024-12-01", "2025-01-01"]  # an embassy, then a visit
    assert series == json.loads(cli_json(examples_db, "dyad", "QAT", "SYR"))  # the same JSON form
    actors = client.get("/api/actors", params={"limit": 5}).json()
    assert actors == json.loads(cli_json(examples_db, "actors", "--limit", "5"))
    profile = client.get("/api/actors/QAT").json()
    assert profile == json.loads(cli_json(examples_db, "actors", "QAT", "--limit", "10"))
    assert profile["partners"][0]["partner"] == "SYR"
    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"QAT", "SYR", "UN"} <= ids and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert next(n for n in net["nodes"] if n["id"] == "UN")["kind"] == "igo"
    assert client.get("/api/network", params={"min_count": 3}).json()["edges"][0]["count"] >= 3
    names = client.get("/api/names").json()
    assert names["QAT"] == {"en": "Qatar", "ar": "قطر"} and names["UN"]["ar"] == "الأمم المتحدة"


def test_places_and_location_filters(client: httpx.Client, examples_db: Path) -> None:
    places = client.get("/api/places").json()
    tehran = next(p for p in places if p["name"] == "Tehran")
    assert tehran["precision"] == "city" and tehran["country"] == "IRN" and tehran["lat"] and tehran["events"] > 0
    assert all(p["lat"] is None for p in places if p["precision"] == "country")  # no invented centroid
    inside = client.get("/api/events", params={"in": "SYR", "limit": 500}).json()
    assert inside["total"] > 0 and all(e["location"]["country"] == "SYR" for e in inside["events"])
    assert inside["total"] == len(cli_json(examples_db, "events", "--in", "SYR").splitlines())
    near = client.get("/api/events", params={"near": "بغداد", "km": 50}).json()
    assert near["total"] > 0 and all(e["location"]["name"] == "Baghdad" for e in near["events"])
    assert client.get("/api/places", params={"actor": "IRN"}).json()[0]["events"] <= tehran["events"]
    assert client.get("/api/events", params={"in": "XXX"}).status_code == 422
    assert client.get("/api/events", params={"near": "no such place"}).status_code == 422
    assert client.get("/api/events", params={"near": "95,10"}).status_code == 422


def test_document_has_the_spans_of_actors_triggers_and_dates(client: httpx.Client) -> None:
    doc = client.get("/api/documents/ex-23").json()
    assert doc["title"].startswith("أمير قطر") and len(doc["events"]) == doc["num_events"] > 3
    text = doc["text"]
    for span in doc["spans"]:
        assert text[span["start"]:span["end"]] == span["text"] and span["event_ids"]
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"source", "target", "trigger", "date", "place"} <= kinds
    assert "دمشق" in [s["text"] for s in doc["spans"] if s["kind"] == "place"]
    dates = [s["text"] for s in doc["spans"] if s["kind"] == "date"]
    assert "الشهر الماضي" in dates  # "reopened its embassy in Damascus last month"
    assert all(any(e["event_id"] in s["event_ids"] for s in doc["spans"] if s["kind"] == "date")
               for e in doc["events"] if e["date_text"])
    for e in doc["events"]:
        own = [s for s in doc["spans"] if e["event_id"] in s["event_ids"]]
        assert {s["kind"] for s in own} >= {"trigger", "source", "target"}
    missing = client.get("/api/documents/no-such-article")
    assert missing.status_code == 404 and "no-such-article" in missing.json()["detail"]


def test_exports_through_the_registry(client: httpx.Client, examples_db: Path, tmp_path: Path) -> None:
    jsonl = client.get("/api/export/jsonl")
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert len(jsonl.text.splitlines()) == stored(examples_db)["events"]
    gdelt = client.get("/api/export/gdelt", params={"dyad": "QAT,SYR"}).text.splitlines()
    whole = client.get("/api/export/gdelt").text.splitlines()
    assert len(whole) == stored(examples_db)["distinct_events"]
    assert 0 < len(gdelt) < len(whole) and all(len(line.split("\t")) == 61 for line in gdelt)
    assert {tuple(sorted((line.split("\t")[7], line.split("\t")[17]))) for line in gdelt} == {("QAT", "SYR")}
    path = tmp_path / "net.graphml"
    path.write_text(client.get("/api/export/graphml").text, encoding="utf-8")
    assert nx.read_graphml(path).number_of_edges() == len(client.get("/api/network").json()["edges"])
    assert client.get("/api/export/graphml", params={"actor": "QAT"}).status_code == 422
    assert client.get("/api/export/parquet").status_code == 422
    assert client.get("/api/export/csv").status_code == 422


def test_security_headers_cors_closed_and_hosts(client: httpx.Client, server: Server) -> None:
    response = client.get("/api/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers  # CORS closed by default
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    preflight = client.options("/api/events", headers={"Origin": "https://example.org",
                                                        "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    assert client.get("/api/health", headers={"Host": "attacker.example"}).status_code == 400  # DNS rebinding
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Marsad"
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN


def test_cors_opens_only_to_listed_origins(examples_db: Path) -> None:
    with Running(create_app(examples_db, cors_origins=["http://analyst.local"])) as running:
        ok = httpx.get(f"{running.url}/api/health", headers={"Origin": "http://analyst.local"})
        other = httpx.get(f"{running.url}/api/health", headers={"Origin": "http://elsewhere.local"})
    assert ok.headers["access-control-allow-origin"] == "http://analyst.local"
    assert "access-control-allow-origin" not in other.headers


def test_request_size_limits(client: httpx.Client) -> None:
    big = b"[" + b" " * 1_100_000 + b"]"
    response = client.post("/api/documents", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        for _ in range(40):
            yield b" " * 50_000

    response = client.post("/api/documents", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert client.get("/api/events", params={"search": "ا" * 5000}).status_code == 414


def test_writes_need_the_operators_token(client: httpx.Client, examples_db: Path, tmp_path: Path) -> None:
    doc = [{"id": "new-1", "published": "2024-03-05", "text": "زار الرئيس التركي القاهرة أمس، والتقى نظيره المصري."}]
    refused = client.post("/api/documents", json=doc)
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    db = tmp_path / "writable.duckdb"
    shutil.copy(examples_db, db)
    with Running(create_app(db, token="s3cret-token")) as running:
        url = f"{running.url}/api/documents"
        before = httpx.get(f"{running.url}/api/stats").json()["events"]  # now cached
        assert httpx.post(url, json=doc).status_code == 401
        assert httpx.post(url, json=doc, headers={"Authorization": "Bearer wrong"}).status_code == 401
        auth = {"Authorization": "Bearer s3cret-token"}
        stored = httpx.post(url, json=doc, headers=auth, timeout=60).json()
        assert (stored["read"], stored["stored"], stored["errors"]) == (1, 1, [])
        assert stored["events"] > 0
        events = httpx.get(f"{running.url}/api/events", params={"doc_id": "new-1"}).json()
        assert events["total"] == stored["events"] and events["events"][0]["date"] == "2024-03-04"
        assert httpx.get(f"{running.url}/api/stats").json()["events"] == before + stored["events"]  # not stale
        again = httpx.post(url, json=doc, headers=auth, timeout=60).json()
        assert (again["stored"], again["skipped"]) == (0, 1)
        bad = httpx.post(url, json=[{"id": "x", "text": "   "}], headers=auth)
        assert bad.status_code == 422
        assert httpx.get(f"{running.url}/api/health").json()["read_only"] is False


def test_pages_answer_and_refuse_bad_values(client: httpx.Client) -> None:
    for path in ("/", "/dyad", "/network", "/map", "/events", "/documents/ex-01"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html"), path
    arabic = client.get("/", params={"lang": "ar"})
    assert '<html lang="ar" dir="rtl">' in arabic.text and "نظرة عامة" in arabic.text
    assert arabic.cookies.get("lang") == "ar"
    bad = client.get("/dyad", params={"a": "XYZ", "b": "ISR"})
    assert bad.status_code == 422 and "is not an actor key" in bad.text
    assert client.get("/documents/nothing-here").status_code == 404
    plotly = client.get("/static/vendor/plotly.min.js")
    assert plotly.status_code == 200 and len(plotly.content) > 1_000_000


def test_serve_refuses_what_it_cannot_open(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == ExitStatus.NO_DATABASE and "no database" in result.output
    assert default_hosts("0.0.0.0") is None and "localhost" in (default_hosts("127.0.0.1") or [])
