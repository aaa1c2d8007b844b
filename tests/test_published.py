"""Publication dates: what every reader and --published accept, and a warning with file:line for the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_ingest import CONDEMN, MEET, PAGE, VISIT, items, write_warc

from marsad.model import Document
from marsad.published import publication_day

YESTERDAY = "زار الرئيس التركي القاهرة أمس."


def marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, timeout=300,
                          text=stdin is None)


@pytest.mark.parametrize("value, day", [
    ("2023-05-01", "2023-05-01"),
    (" 2023-05-01 ", "2023-05-01"),
    ("2023-05-01T10:30:00", "2023-05-01"),
    ("2023-05-01 10:30", "2023-05-01"),
    ("2023-05-01T23:30:00Z", "2023-05-01"),
    ("2023-05-01T01:30:00+03:00", "2023-05-01"),  # the publisher's own day, not UTC's 30 April
    ("Mon, 01 May 2023 01:00:00 +0300", "2023-05-01"),
    ("1 May 2023 10:00 GMT", "2023-05-01"),
    (None, None),
    ("", None),
])
def test_accepted_dates(value: str | None, day: str | None) -> None:
    assert publication_day(value) == day


@pytest.mark.parametrize("value", ["yesterday", "2023-13-45", "2023-02-30", "2023", "May 2023", "أمس",
                                   "Mon, 31 Apr 2023 01:00:00 GMT", 20230501, "x" * 500])
def test_refused_dates_name_the_value_briefly(value: object) -> None:
    with pytest.raises(ValueError, match="is not a date") as info:
        publication_day(value)
    assert len(str(info.value)) < 200


def test_jsonl_bad_dates_warn_with_file_and_line_and_keep_the_document(tmp_path: Path) -> None:
    docs = [("iso", "2023-05-01T01:30:00+03:00"), ("bad", "yesterday"), ("impossible", "2023-13-45"),
            ("rfc", "Mon, 01 May 2023 01:00:00 +0300")]
    path = tmp_path / "dates.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": YESTERDAY, "published": p}, ensure_ascii=False) + "\n"
                            for i, p in docs), encoding="utf-8")
    out = tmp_path / "events.jsonl"
    r = marsad("code", str(path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 2
    assert f"{path}:2: document 'bad': published 'yesterday' is not a date" in warnings[0]
    assert f"{path}:3: document 'impossible': published '2023-13-45' is not a date" in warnings[1]
    dates = {e["doc_id"]: (e["date"], e["date_basis"]) for e in map(json.loads, out.read_text("utf-8").splitlines())}
    # "أمس" is anchored on the day as published; a document without a date is still coded, undated
    assert dates == {"iso": ("2023-04-30", "relative"), "rfc": ("2023-04-30", "relative"),
                     "bad": (None, "unknown"), "impossible": (None, "unknown")}


def test_stdin_jsonl_warns_as_a_file_does() -> None:
    line = json.dumps({"id": "s", "text": YESTERDAY, "published": "2023-13-45"}, ensure_ascii=False)
    r = marsad("code", "-", stdin=line.encode("utf-8"))
    err = r.stderr.decode()
    assert r.returncode == 0 and "-:1: document 's': published '2023-13-45' is not a date" in err


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة</title>
<item><guid>https://example.com/1</guid><description>{a}</description><pubDate>Mon, 01 May 2023 01:00:00 +0300</pubDate></item>
<item><guid>https://example.com/2</guid><description>{b}</description><pubDate>2023-13-45</pubDate></item>
<item><guid>https://example.com/3</guid><description>{c}</description><pubDate>2023-05-02T08:00:00+03:00</pubDate></item>
</channel></rss>"""


def test_feed_dates_are_the_entry_own_day_and_bad_ones_warn(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS.format(a=VISIT, b=MEET, c=CONDEMN), encoding="utf-8")
    docs, errors = items(path)
    # feedparser's *_parsed would give 30 April (UTC) and roll 2023-13-45 over to 2024-01-01
    assert [d.published for d in docs] == ["2023-05-01", None, "2023-05-02"]
    assert len(errors) == 1 and not errors[0].fatal and errors[0].where == 2
    assert "'2023-13-45' is not a date" in errors[0].message and str(path) in str(errors[0])


@pytest.mark.parametrize("stated, published, warned", [
    ("2023-05-30T09:15:00+03:00", "2023-05-30", False),
    ("yesterday", None, True),
    ("2023-13-45", None, True),
    ("1990-06-01", "1990-06-01", False),  # older than trafilatura's window: the page's own meta is read
])
def test_html_stated_dates(tmp_path: Path, stated: str, published: str | None, warned: bool) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(a=VISIT, b=MEET).replace("2023-05-30T09:15:00+03:00", stated), encoding="utf-8")
    docs, errors = items(page)
    assert [d.published for d in docs] == [published]
    assert [("article:published_time" in e.message and repr(stated) in e.message) for e in errors] == \
        ([True] if warned else [])
    assert all(not e.fatal for e in errors)


def test_warc_bad_page_date_warns_and_keeps_the_crawl_date(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    page = PAGE.format(a=VISIT, b=MEET).replace("2023-05-30T09:15:00+03:00", "yesterday")
    write_warc(path, [("https://news.example.com/herzog", page, "2023-06-02T10:00:00Z")])
    docs, errors = items(path)
    assert [d.published for d in docs] == ["2023-06-02"]
    assert len(errors) == 1 and not errors[0].fatal and errors[0].where == 1
    assert "'yesterday' is not a date" in errors[0].message and "crawl date 2023-06-02" in errors[0].message


@pytest.mark.parametrize("command", ["code", "ingest"])
@pytest.mark.parametrize("value", ["yesterday", "2023-13-45"])
def test_bad_published_option_is_one_line_and_exit_2(tmp_path: Path, command: str, value: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(YESTERDAY, encoding="utf-8")
    extra = ["--db", str(tmp_path / "m.duckdb")] if command == "ingest" else []
    r = marsad(command, str(path), "--published", value, *extra)
    assert r.returncode == 2
    assert r.stderr.strip() == (f"error --published {value!r} is not a date (ISO 2023-05-01 or "
                                "2023-05-01T10:30:00+03:00, or RFC 822 Mon, 01 May 2023 10:30:00 +0300)")
    assert not (tmp_path / "m.duckdb").exists()


def test_published_option_accepts_a_datetime_with_zone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(YESTERDAY, encoding="utf-8")
    r = marsad("code", str(path), "--published", "Mon, 01 May 2023 01:00:00 +0300")
    assert r.returncode == 0, r.stderr
    assert {json.loads(x)["date"] for x in r.stdout.splitlines()} == {"2023-04-30"}


def test_from_dict_refuses_what_a_reader_would_warn_about() -> None:
    # the API's POST /documents answers 400 with this message instead of storing a wrong date
    with pytest.raises(ValueError, match="'yesterday' is not a date"):
        Document.from_dict({"id": "x", "text": YESTERDAY, "published": "yesterday"})
    assert Document.from_dict({"id": "x", "text": YESTERDAY, "published": "2023-05-01T23:00Z"}).published == "2023-05-01"
