"""The dashboard in a real browser: Debian's chromium, driven headless by Playwright, against the real server.

Every page loads with no console error and asks nothing of any host but the server; screenshots of each
page in both languages are written to out/screenshots/ (a test artefact: look at them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parent.parent / "out" / "screenshots"

# CI installs chromium (.ci/run): there a missing browser is a failure, not a skip.
pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                                reason="Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


class Watched:
    """A page that records console errors, page errors and any request to another host."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1360, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith((base, "data:", "file:")):
                r.continue_()
            else:
                self.foreign.append(url)
                r.abort()

        self.page.route("**/*", route)

    def open(self, url: str, ready: str) -> Any:
        self.page.goto(url)
        self.page.wait_for_selector(ready, timeout=20_000)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)

    def check(self) -> None:
        assert self.errors == [], self.errors
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any, server: Any) -> Iterator[Watched]:
    w = Watched(browser, server.url)
    yield w
    w.close()


PAGES = [
    ("overview", "/", "#timeline-chart .main-svg"),
    ("dyad", "/dyad?a=QAT&b=SYR", "#dyad-chart .main-svg"),
    ("network", "/network", "#network-chart .main-svg"),
    ("map", "/map", "#map-chart .main-svg"),
    ("events", "/events", "#events-grid tbody tr"),
    ("article", "/documents/ex-23", "#article mark"),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("name, path, ready", PAGES, ids=[p[0] for p in PAGES])
def test_each_page_loads_without_console_errors(watched: Watched, server: Any, name: str, path: str, ready: str,
                                                lang: str) -> None:
    sep = "&" if "?" in path else "?"
    page = watched.open(f"{server.url}{path}{sep}lang={lang}", ready)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator("#error").is_hidden()
    watched.shot(f"{name}-{lang}")
    watched.check()


def test_dyad_chart_shows_the_series_of_the_dyad(watched: Watched, server: Any) -> None:
    series = httpx.get(f"{server.url}/api/dyads/QAT/SYR").json()["series"]
    assert len(series) == 2  # December 2024 and January 2025 in the examples
    page = watched.open(f"{server.url}/dyad?a=QAT&b=SYR", "#dyad-chart .main-svg")
    traces = page.evaluate("() => document.getElementById('dyad-chart').data.map(t => ({x: t.x, y: t.y, type: t.type}))")
    bars = [t for t in traces if t["type"] == "bar"]
    line = next(t for t in traces if t["type"] == "scatter")
    assert all(t["x"] == [r["period"] for r in series] for t in bars)
    totals = [sum(t["y"][i] for t in bars) for i in range(len(series))]
    assert totals == [r["events"] for r in series]
    assert line["y"] == [r["goldstein_mean"] for r in series]
    assert page.locator(".bars .point path").count() >= 2  # the bars are drawn
    rows = page.locator("#dyad-events-table tbody tr")
    assert rows.count() == httpx.get(f"{server.url}/api/events", params={"dyad": "QAT,SYR"}).json()["total"]
    assert "QAT" in page.locator("#dyad-summary").inner_text()
    watched.check()


def test_a_filter_narrows_the_event_table(watched: Watched, server: Any) -> None:
    page = watched.open(f"{server.url}/events", "#events-grid tbody tr")
    total = httpx.get(f"{server.url}/api/events").json()["total"]
    assert total > 50 and page.locator("#events-grid tbody tr").count() == 50  # the first page
    page.fill("input[name=actor]", "QAT")
    page.select_option("select[name=quad]", "1")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**/events?actor=QAT&quad=1*")
    page.wait_for_selector("#events-grid tbody tr")
    page.wait_for_load_state("networkidle")
    expected = httpx.get(f"{server.url}/api/events", params={"actor": "QAT", "quad": 1}).json()["total"]
    rows = page.locator("#events-grid tbody tr")
    assert 0 < rows.count() == expected < 50
    for i in range(rows.count()):
        assert "QAT" in rows.nth(i).inner_text()
    assert page.locator("input[name=actor]").input_value() == "QAT"
    watched.shot("events-filtered-en")
    page.click("th[data-sort=cameo]")  # sorting: a click on a header
    page.wait_for_url("**sort=cameo*")
    page.wait_for_selector("#events-grid tbody tr")
    assert "▲" in page.locator("th[data-sort=cameo]").inner_text()
    watched.check()


def test_article_view_is_right_to_left_with_highlights(watched: Watched, server: Any) -> None:
    page = watched.open(f"{server.url}/documents/ex-23?lang=en", "#article mark")
    article = page.locator("#article")
    assert article.evaluate("a => getComputedStyle(a).direction") == "rtl"
    assert article.get_attribute("lang") == "ar"
    for kind in ("source", "target", "trigger", "date", "place"):
        assert page.locator(f"#article mark.hl-{kind}").count() > 0, kind
    doc = httpx.get(f"{server.url}/api/documents/ex-23").json()
    marked = " ".join(page.locator("#article mark.hl-trigger").all_inner_texts())
    assert all(e["trigger"] in marked for e in doc["events"])
    assert page.locator("#article mark.hl-date").all_inner_texts() == [
        s["text"] for s in doc["spans"] if s["kind"] == "date"]
    assert page.locator("#article mark.hl-place").count() > 0
    rows = page.locator("#doc-events tbody tr")
    assert rows.count() == len(doc["events"]) > 0
    first = rows.first.inner_text()
    assert doc["events"][0]["rule"] in first and doc["events"][0]["date_basis"] in first
    rows.first.click()  # the event's own spans stand out, the others fade
    first_id = doc["events"][0]["event_id"]
    focused = "".join(page.locator("#article mark.focus").all_inner_texts())
    own = [s["text"] for s in doc["spans"] if first_id in s["event_ids"]]
    assert len(own) >= 3 and all(text in focused for text in own)
    assert page.locator("#doc-events tr.focus").get_attribute("data-event") == first_id
    watched.shot("article-focused-en")
    watched.check()


def test_report_is_one_offline_file(watched: Watched, server: Any, examples_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from marsad.cli import app

    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--dyad", "QAT", "SYR", "-o", str(out), "--db", str(examples_db)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script src=" not in html and "<link " not in html  # everything inline; the route sees any fetch
    page = watched.open(out.as_uri(), "#dyad-chart .main-svg")
    bars = page.evaluate("() => document.getElementById('dyad-chart').data.filter(t => t.type === 'bar').length")
    assert bars == 4
    expected = httpx.get(f"{server.url}/api/events", params={"dyad": "QAT,SYR"}).json()["total"]
    assert page.locator("#dyad-events-table tbody tr").count() == expected > 0
    assert page.locator(".downloads a[download]").count() == 2  # jsonl and gdelt from the export registry
    watched.shot("report-en")
    watched.check()


def test_map_draws_cities_as_points_and_areas_as_rings(watched: Watched, server: Any) -> None:
    places = httpx.get(f"{server.url}/api/places").json()
    cities = [p for p in places if p["precision"] in ("city", "admin1") and p["lat"] is not None]
    areas = [p for p in places if p["precision"] not in ("city", "admin1") and p["lat"] is not None]
    assert cities and areas  # e.g. Tehran and Beirut as points, the Gaza Strip as an area
    page = watched.open(f"{server.url}/map", "#map-chart .main-svg")
    traces = page.evaluate("""() => document.getElementById('map-chart').data
        .filter(t => t.mode === 'markers').map(t => ({n: t.lat.length, symbol: t.marker.symbol || 'circle'}))""")
    assert traces == [{"n": len(cities), "symbol": "circle"}, {"n": len(areas), "symbol": "circle-open"}]
    assert page.locator("#places-table tbody tr").count() == len(places)  # countries too: no point, listed
    assert "GSHHG" in page.locator("#map-credit").inner_text()
    watched.shot("map-located-en")
    watched.check()
