"""marsad.store against a real DuckDB file: schema, idempotence, atomic batches, dedup, analytics.

Store-level tests use a scripted coder (events built with marsad.model from a
script carried in the document) so that counts are exact; the end-to-end tests
at the bottom run the real coder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from marsad.ingest import read_paths
from marsad.model import Actor, Document, Event, Mention, make_event_id
from marsad.run import ingest
from marsad.store import SCHEMA_VERSION, Store, analytics, resolve_db
from marsad.store.exports import iter_events

GOLDSTEIN = {"042": 1.9, "057": 8.0, "111": -2.0, "190": -10.0, "036": 4.0}
QUAD = {"042": 1, "057": 1, "111": 3, "190": 4, "036": 1}
VISIT = "زار الرئيس الإسرائيلي إسحاق هرتسوغ أذربيجان يوم الثلاثاء في زيارة رسمية هي الأولى من نوعها."
MEET = "والتقى الرئيس الأذربيجاني إلهام علييف في باكو وبحث معه العلاقات الثنائية بين البلدين."


def actor(key: str) -> Actor:
    if key == "?":  # an actor the coder could not give a country or IGO
        return Actor(text="مسلحون", code="", country=None, igo=None, span=(0, 3))
    igo = key if key in ("UN", "EU", "ARL") else None
    return Actor(text=key, code=key if igo else f"{key}GOV", country=None if igo else key, igo=igo, span=(0, 3))


def scripted(doc: Document) -> list[Event]:
    """Events from doc.extra['script']: [source, target, cameo, date, status] rows."""
    events = []
    for n, (src, tgt, cameo, date, status) in enumerate(doc.extra.get("script", [])):
        events.append(Event(
            doc_id=doc.id, event_id=make_event_id(doc.id, src, tgt, cameo, date, n),
            source=actor(src), target=actor(tgt), cameo=cameo, quad_class=QUAD[cameo],
            goldstein=GOLDSTEIN[cameo], plover="CONSULT", status=status, date=date,
            date_basis="explicit" if date else "unknown", sentence=doc.text[:20], sentence_span=(0, 20),
            trigger="زار", trigger_span=(0, 3), pattern_id=f"p.{cameo}",
            mentions=[Mention(doc.text[20:40], (20, 40), "التقى", (21, 26), f"p.{cameo}")] if n == 0 else [],
        ))
    return events


def doc(i: int, script: list[list[Any]], source: str = "aawsat", published: str = "2023-05-30",
        text: str = VISIT, **extra: Any) -> Document:
    return Document(id=f"d{i}", text=f"{text} {MEET} {i}", published=published, source=source,
                    extra={"script": script, **extra})


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "m.duckdb") as s:
        yield s


def test_schema_version_and_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    Store(path).close()
    with Store(path) as s:  # reopening applies nothing twice
        rows = s.con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, SCHEMA_VERSION + 1))
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"documents", "sentences", "mentions", "events", "event_sources", "distinct_events"} <= tables


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (999, now())")
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


def test_db_path_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db(None) == str(tmp_path / "env.duckdb")
    assert resolve_db("x.duckdb") == "x.duckdb"
    monkeypatch.delenv("MARSAD_DB")
    assert resolve_db(None) == "marsad.duckdb"


def test_rows_and_roundtrip_of_the_contract(store: Store) -> None:
    d = doc(1, [["ISR", "AZE", "042", "2023-05-30", "occurred"], ["UN", "ISR", "111", "2023-05", "occurred"]],
            url="https://a.example/1", title="عنوان")
    stats = ingest(store, [d], scripted)
    assert (stats.read, stats.stored, stats.events, stats.errors) == (1, 1, 2, [])
    c = store.counts()
    assert c["documents"] == 1 and c["events"] == 2 and c["mentions"] == 3 and c["sentences"] == 2
    row = store.con.execute("SELECT url, title, source, published, num_events, extra FROM documents").fetchone()
    assert row[:5] == ("https://a.example/1", "عنوان", "aawsat", "2023-05-30", 2)
    assert json.loads(row[5])["script"]
    assert [e.to_dict() for e in iter_events(store.con)] == [e.to_dict() for e in scripted(d)]


def test_same_input_twice_is_skipped(store: Store) -> None:
    docs = [doc(i, [["ISR", "AZE", "042", "2023-05-30", "occurred"]]) for i in range(5)]
    first = ingest(store, docs, scripted)
    before = store.counts()
    second = ingest(store, docs, scripted)
    assert (first.stored, second.stored, second.skipped) == (5, 0, 5)
    assert store.counts() == before


def test_same_url_or_same_text_is_skipped(store: Store) -> None:
    a = doc(1, [], url="https://a.example/1")
    same_url = Document(id="other", text="نص آخر مختلف تماما", extra={"url": "https://a.example/1"})
    same_text = Document(id="copy", text=a.text)
    repeated_in_batch = Document(id="again", text="نص جديد")
    stats = ingest(store, [a, same_url, same_text, repeated_in_batch, repeated_in_batch], scripted)
    assert (stats.stored, stats.skipped) == (2, 3)


def _doc_rows(store: Store) -> list[tuple[str, str, str | None]]:
    return store.con.execute("SELECT doc_id, text, published FROM documents ORDER BY doc_id").fetchall()


def _event_rows(store: Store) -> list[tuple[str, str, str | None]]:
    return store.con.execute("SELECT doc_id, cameo, date FROM events ORDER BY doc_id, ord").fetchall()


def test_same_id_new_text_replaces_the_document_and_its_events(store: Store) -> None:
    old = Document(id="a.txt", text=VISIT, extra={"script": [["ISR", "AZE", "042", "2023-05-30", "occurred"]]})
    new = Document(id="a.txt", text=MEET, extra={"script": [["AZE", "ISR", "036", "2023-06-01", "planned"],
                                                            ["UN", "ISR", "111", "2023", "occurred"]]})
    ingest(store, [old, doc(2, [["ISR", "AZE", "042", "2023-05-30", "occurred"]])], scripted)
    stats = ingest(store, [new], scripted)
    assert (stats.stored, stats.replaced, stats.skipped) == (1, 1, 0)
    assert [r[:2] for r in _doc_rows(store)] == [("a.txt", MEET), ("d2", doc(2, []).text)]
    assert _event_rows(store) == [("a.txt", "036", "2023-06-01"), ("a.txt", "111", "2023"),
                                  ("d2", "042", "2023-05-30")]
    c = store.counts()  # nothing of the old version is left: its mentions, sentences and sources went with it
    assert (c["documents"], c["events"], c["mentions"], c["event_sources"]) == (2, 3, 5, 3)
    assert store.con.execute("SELECT count(*) FROM sentences WHERE doc_id = 'a.txt'").fetchall() == [(2,)]
    again = ingest(store, [new], scripted)  # the same version again is a repeat
    assert (again.stored, again.skipped, again.replaced) == (0, 1, 0)


def test_changed_published_on_the_same_text_recodes_it(store: Store) -> None:
    """The real coder: «أمس» is the day before publication, so the event's date moves with `published`."""
    text = "زار الرئيس التركي القاهرة أمس في أول زيارة إلى مصر."
    ingest(store, [Document(id="v", text=text, published="2015-07-21")])
    first = _event_rows(store)
    assert first and {date for _, _, date in first} == {"2015-07-20"}
    unchanged = ingest(store, [Document(id="v", text=text, published="2015-07-21")])
    undated = ingest(store, [Document(id="v", text=text)])  # no date given is no new date
    assert (unchanged.skipped, undated.skipped) == (1, 1)
    moved = ingest(store, [Document(id="v", text=text, published="2016-03-02")])
    assert (moved.stored, moved.replaced) == (1, 1)
    assert _doc_rows(store) == [("v", text, "2016-03-02")]
    assert _event_rows(store) == [(d, cameo, "2016-03-01") for d, cameo, _ in first]


@pytest.mark.parametrize("batch_size", [1, 10])
def test_the_last_version_in_one_run_wins(store: Store, batch_size: int) -> None:
    versions = [Document(id="x", text=f"{VISIT} {n}", extra={"script": [["ISR", "AZE", "042", f"2023-05-0{n}",
                                                                          "occurred"]]}) for n in (1, 2, 3)]
    stats = ingest(store, [versions[0], versions[1], doc(9, []), versions[2], versions[1]], scripted,
                   batch_size=batch_size)
    # versions[1] comes back last: it is the newest and wins
    assert _doc_rows(store)[1] == ("x", versions[1].text, None)
    assert _event_rows(store) == [("x", "042", "2023-05-02")]
    assert store.counts()["documents"] == 2 and stats.read == 5


def test_new_text_that_another_document_holds_is_skipped(store: Store) -> None:
    ingest(store, [Document(id="a", text=VISIT), Document(id="b", text=MEET)], scripted)
    stats = ingest(store, [Document(id="a", text=MEET)], scripted)
    assert (stats.stored, stats.skipped) == (0, 1)
    assert _doc_rows(store) == [("a", VISIT, None), ("b", MEET, None)]


def test_a_failing_document_costs_only_itself(store: Store) -> None:
    def flaky(d: Document) -> list[Event]:
        if d.id == "d3":
            raise RuntimeError("boom")
        return scripted(d)

    docs = [doc(i, [["ISR", "AZE", "042", "2023-05-30", "occurred"]]) for i in range(6)]
    stats = ingest(store, docs, flaky, batch_size=2)
    assert stats.stored == 5 and [e.where for e in stats.errors] == [None]
    assert "coder failed" in stats.errors[0].message
    # A re-run retries the failed document only.
    again = ingest(store, docs, scripted, batch_size=2)
    assert (again.stored, again.skipped) == (1, 5)


def test_batch_is_all_or_nothing(store: Store) -> None:
    good = (doc(1, [["ISR", "AZE", "042", "2023-05-30", "occurred"]]), None)
    bad_doc = doc(2, [])
    bad_event = scripted(doc(2, [["ISR", "AZE", "042", "2023-05-30", "occurred"]]))[0]
    bad_event.sentence = None  # type: ignore[assignment]  # NOT NULL violation inside the transaction
    with pytest.raises(duckdb.Error):
        store.write([(good[0], scripted(good[0])), (bad_doc, [bad_event])])
    assert store.counts()["documents"] == 0 and store.counts()["events"] == 0


def test_write_batch_isolates_a_bad_document(store: Store) -> None:
    from marsad.store.db import write_batch

    good = doc(1, [["ISR", "AZE", "042", "2023-05-30", "occurred"]])
    bad = doc(2, [])
    bad_event = scripted(doc(2, [["ISR", "AZE", "042", "2023-05-30", "occurred"]]))[0]
    bad_event.sentence = None  # type: ignore[assignment]
    written, errors, replaced = write_batch(store, [(good, scripted(good)), (bad, [bad_event])])
    assert [d.id for d, _ in written] == [good.id] and "could not store" in errors[0].message
    assert replaced == 0


def test_distinct_events_across_articles(store: Store) -> None:
    visit = ["ISR", "AZE", "042", "2023-05-30", "occurred"]
    docs = [
        doc(1, [visit], source="aawsat", published="2023-05-30"),
        doc(2, [visit], source="alriyadh", published="2023-05-31"),
        doc(3, [["ISR", "AZE", "042", "2023-05-30", "planned"]], source="aawsat", published="2023-05-29"),
        doc(4, [["ISR", "AZE", "042", "2023-05-30", "hypothetical"]]),     # not an assertion
        doc(5, [["ISR", "AZE", "042", "2023-06-02", "occurred"]]),         # another day
        doc(6, [["ISR", "AZE", "042", None, "occurred"]]),                 # undated: per article
        doc(7, [["ISR", "AZE", "042", None, "occurred"]]),
        doc(8, [["UN", "ISR", "111", "2023", "occurred"]]),                # IGO key, year-only date
    ]
    ingest(store, docs, scripted)
    rows = store.con.execute(
        "SELECT source_key, target_key, cameo, day, status, num_mentions, num_articles, num_sources, "
        "first_seen, last_seen, event_id FROM distinct_events ORDER BY day NULLS LAST, event_id"
    ).fetchall()
    assert len(rows) == 5
    may30 = rows[1]
    assert may30[:8] == ("ISR", "AZE", "042", "2023-05-30", "occurred", 6, 3, 2)
    assert may30[8:10] == ("2023-05-29", "2023-05-31")
    assert may30[10].startswith("d3:")  # the earliest article represents the event
    assert rows[0][:4] == ("UN", "ISR", "111", "2023")


def test_dyad_series_actor_profile_network(store: Store) -> None:
    docs = [
        doc(1, [["ISR", "AZE", "042", "2023-05-30", "occurred"], ["AZE", "ISR", "057", "2023-05-31", "occurred"]]),
        doc(2, [["ISR", "AZE", "111", "2023-06-10", "occurred"], ["ISR", "PSE", "190", "2023-06-10", "occurred"]]),
        doc(3, [["ISR", "AZE", "036", "2023", "planned"]]),
    ]
    ingest(store, docs, scripted)
    month = analytics.dyad_series(store.con, "aze", "isr", by="month")
    assert [(r["period"], r["events"], r["goldstein_sum"], r["q1_verbal_coop"], r["q3_verbal_conflict"]) for r in month] == [
        ("2023-05-01", 2, 9.9, 2, 0),
        ("2023-06-01", 1, -2.0, 0, 1),
    ]
    directed = analytics.dyad_series(store.con, "ISR", "AZE", by="day", directed=True)
    assert [r["period"] for r in directed] == ["2023-05-30", "2023-06-10"]
    assert [r["events"] for r in analytics.dyad_series(store.con, "ISR", "AZE", by="year")] == [4]
    assert analytics.dyad_series(store.con, "ISR", "AZE", by="week")[0]["period"] == "2023-05-29"
    with pytest.raises(ValueError):
        analytics.dyad_series(store.con, "ISR", "AZE", by="decade")

    profile = analytics.actor_profile(store.con, "isr")
    assert profile.events == 5
    assert profile.partners[0]["partner"] == "AZE" and profile.partners[0]["events"] == 4
    assert profile.most_conflictual[0]["partner"] == "PSE"
    assert profile.most_cooperative[0]["partner"] == "AZE"

    edges = {(e["source"], e["target"]): e for e in analytics.network_edges(store.con)}
    assert edges[("ISR", "AZE")]["count"] == 3 and edges[("ISR", "PSE")]["goldstein_mean"] == -10.0
    top = analytics.top_actors(store.con)
    assert top[0]["actor"] == "ISR" and top[0]["events"] == 5

    dyads = analytics.top_dyads(store.con)
    assert [(d["actor_a"], d["actor_b"], d["events"]) for d in dyads] == [("AZE", "ISR", 4), ("ISR", "PSE", 1)]
    assert (dyads[0]["q1_verbal_coop"], dyads[0]["q3_verbal_conflict"], dyads[0]["goldstein_mean"]) == (3, 1, 2.975)
    # three articles report AZE–ISR events; one reports ISR–PSE (distinct articles, not reports summed)
    assert [d["articles"] for d in dyads] == [3, 1]
    directed = analytics.top_dyads(store.con, 2, directed=True)
    assert [(d["actor_a"], d["actor_b"], d["events"]) for d in directed] == [("ISR", "AZE", 3), ("AZE", "ISR", 1)]


def test_the_counts_line_up_with_every_surface(store: Store) -> None:
    """`marsad stats`'s breakdown: each line is what the surfaces named beside it really hold."""
    import io

    from marsad.store.exports import EXPORTS, build_graph

    visit = ["ISR", "AZE", "042", "2023-05-30", "occurred"]
    ingest(store, [
        doc(1, [visit, ["ISR", "AZE", "042", "2023-06-01", "planned"], ["ISR", "ISR", "111", "2023-05", "occurred"]]),
        doc(2, [visit, ["?", "AZE", "190", "2023-05-30", "occurred"]]),       # a repeat; an unresolved actor
        doc(3, [["ISR", "AZE", "042", "2023-05-30", "hypothetical"], ["UN", "ISR", "111", "2023", "negated"],
                ["UN", "ISR", "111", "2023", "negated"]]),
        doc(4, [["UN", "ISR", "111", "2023", "negated"]]),
    ], scripted)
    c = analytics.event_counts(store.con)
    assert c == {"events": 9, "asserted": 5, "occurred": 4, "planned": 1, "hypothetical": 1, "negated": 3,
                 "unresolved_actor": 1, "merged": 1, "distinct_events": 3, "dyad_events": 2, "same_actor": 1,
                 "actors": 2}
    assert c["events"] == c["asserted"] + c["hypothetical"] + c["negated"]
    assert c["asserted"] == c["unresolved_actor"] + c["merged"] + c["distinct_events"]
    assert c["distinct_events"] == c["dyad_events"] + c["same_actor"]

    def lines(fmt: str, **kw: bool) -> int:
        return EXPORTS[fmt].write_text(store.con, io.StringIO(), **kw)

    assert lines("jsonl") == c["events"] and lines("gdelt") == c["distinct_events"]
    assert sum(d["events"] for d in analytics.top_dyads(store.con, 100)) == c["dyad_events"]
    assert sum(d["weight"] for _, _, d in build_graph(store.con).edges(data=True)) == c["dyad_events"]
    assert len(analytics.top_actors(store.con, 100)) == c["actors"]
    # --all-statuses: the hypothetical visit and the negated UN act (three reports, one event) come in,
    # each apart from the asserted reports of the same act
    assert lines("gdelt", all_statuses=True) == c["distinct_events"] + 2
    both = analytics.top_dyads(store.con, 100, all_statuses=True)
    assert [(d["actor_a"], d["actor_b"], d["events"], d["articles"]) for d in both] == [
        ("AZE", "ISR", 3, 3), ("ISR", "UN", 1, 2)]
    assert analytics.actor_profile(store.con, "UN", all_statuses=True).events == 1
    assert analytics.actor_profile(store.con, "UN").events == 0
    assert [r["events"] for r in analytics.dyad_series(store.con, "ISR", "AZE", by="year", all_statuses=True)] == [3]


def test_event_query_filters(store: Store) -> None:
    ingest(store, [
        doc(1, [["ISR", "AZE", "042", "2023-05-30", "occurred"], ["UN", "ISR", "111", "2023-06", "planned"]]),
        doc(2, [["SAU", "YEM", "190", "2015-04-01", "occurred"]], text="شن التحالف غارات على صنعاء"),
    ], scripted)

    def cameos(**kw: Any) -> list[str]:
        where, params = analytics.EventQuery(**kw).where()
        return sorted(e.cameo for e in iter_events(store.con, where, params))

    assert cameos() == ["042", "111", "190"]
    assert cameos(actor="isr") == ["042", "111"]
    assert cameos(dyad=("AZE", "ISR")) == ["042"]
    assert cameos(code="1") == ["111", "190"]
    assert cameos(quad=4) == ["190"]
    assert cameos(since="2023-01-01") == ["042", "111"]
    assert cameos(until="2023-05") == ["042", "190"]
    assert cameos(status="planned") == ["111"]
    assert cameos(search="الإسرائيل") == ["042", "111"]
    assert cameos(search="غارات") == ["190"]
    assert cameos(search="غير موجود") == []


# --- end to end, with the real coder ---------------------------------------------------

ARTICLE = (
    "الرياض - واس\n"
    "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في الرياض اليوم وزير الخارجية الأمريكي جون كيري. "
    "وأدانت المملكة العربية السعودية الهجوم الإرهابي الذي استهدف مسجدا في الكويت. "
    "{n}"
)


def write_inputs(folder: Path, n: int = 12) -> None:
    folder.mkdir()
    lines = [json.dumps({"id": f"j{i}", "text": ARTICLE.format(n=i), "published": "2015-07-21", "source": "spa"},
                        ensure_ascii=False) for i in range(n)]
    (folder / "docs.jsonl").write_text("\n".join(lines) + "\n{broken\n", encoding="utf-8")
    (folder / "a.txt").write_text(VISIT + "\n" + MEET, encoding="utf-8")
    (folder / "legacy.txt").write_bytes(ARTICLE.format(n="cp1256").encode("windows-1256"))


def test_ingest_end_to_end_twice_gives_same_counts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_inputs(folder)
    with Store(tmp_path / "e2e.duckdb") as s:
        first = ingest(s, read_paths([folder], published="2023-05-30"))
        counts = s.counts()
        second = ingest(s, read_paths([folder], published="2023-05-30"))
        assert s.counts() == counts
    assert first.read == 14 and first.stored == 14 and len(first.errors) == 1
    assert second.stored == 0 and second.skipped == 14
    assert counts["documents"] == 14 and counts["events"] == first.events
