"""Exports read back by the tools that consume them: DuckDB, pyarrow, networkx."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import networkx as nx
import pyarrow.dataset as ds
import pytest

from marsad.model import Actor, Document, Event, make_event_id
from marsad.run import ingest
from marsad.store import Store
from marsad.store.exports import (
    GDELT_COLUMNS,
    actor_types,
    date_fields,
    export_gdelt,
    export_graphml,
    export_jsonl,
    export_parquet,
)

TEXT = "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة وزير الخارجية الأمريكي.\tوأدان الهجوم."
CODES = {"042": (1, 1.9), "043": (1, 2.8), "111": (3, -2.0), "190": (4, -10.0)}


def actor(key: str, role: str = "GOV") -> Actor:
    if key == "UN":
        return Actor(text="الأمم المتحدة", code="IGOUNO", igo="UN")
    return Actor(text=f"نص\t{key}", code=key + role, country=key, name=None)


def scripted(doc: Document) -> list[Event]:
    out = []
    for n, (src, tgt, cameo, date) in enumerate(doc.extra["script"]):
        quad, goldstein = CODES[cameo]
        out.append(Event(
            doc_id=doc.id, event_id=make_event_id(doc.id, n), source=actor(src), target=actor(tgt, "MIL"),
            cameo=cameo, quad_class=quad, goldstein=goldstein, plover="CONSULT", status="occurred", date=date,
            date_basis="explicit", sentence=doc.text[:40], sentence_span=(0, 40), trigger="استقبل",
            trigger_span=(0, 6), pattern_id="p",
        ))
    return out


@pytest.fixture
def store(tmp_path: Path):
    docs = [
        Document(id="a", text=TEXT + " 1", published="2015-07-21", source="aawsat",
                 extra={"url": "https://aawsat.com/1", "script": [["EGY", "USA", "043", "2015-07-20"],
                                                                 ["UN", "EGY", "111", "2015-07"]]}),
        Document(id="b", text=TEXT + " 2", published="2015-07-22", source="alriyadh",
                 extra={"script": [["EGY", "USA", "043", "2015-07-20"], ["SAU", "YEM", "190", None]]}),
        Document(id="c", text=TEXT + " 3", published="2015-08-01",
                 extra={"script": [["SAU", "YEM", "190", "2015/2016"]]}),
    ]
    with Store(tmp_path / "x.duckdb") as s:
        ingest(s, docs, scripted)
        yield s


def test_gdelt_columns_are_gdelt_2() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[5] == "Actor1Code" and GDELT_COLUMNS[15] == "Actor2Code"
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[35:43] == ("Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode",
                                    "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat",
                                    "Actor1Geo_Long", "Actor1Geo_FeatureID")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert len(set(GDELT_COLUMNS)) == 61


def test_gdelt_export_has_61_columns_and_loads_into_duckdb(store: Store, tmp_path: Path) -> None:
    out = io.StringIO()
    n = export_gdelt(store.con, out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) == 4  # the EGY→USA visit reported twice is one row; undated SAU→YEM stays apart
    assert all(len(line.split("\t")) == 61 for line in lines)
    path = tmp_path / "events.tsv"
    path.write_text(out.getvalue(), encoding="utf-8")
    con = duckdb.connect()
    rows = con.execute(
        "SELECT * FROM read_csv(?, delim='\t', header=false, names=?, all_varchar=true, quote='')",
        [str(path), list(GDELT_COLUMNS)],
    ).fetchall()
    table = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows]
    visit = next(r for r in table if r["EventCode"] == "043")
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"]) == ("20150720", "201507", "2015")
    assert (visit["Actor1Code"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == ("EGYGOV", "EGY", "GOV")
    assert (visit["Actor2Code"], visit["Actor2Type1Code"]) == ("USAMIL", "MIL")
    assert visit["Actor1Name"] == "نص EGY"  # tabs never leak into a field
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("043", "04", "1")
    assert (visit["NumMentions"], visit["NumArticles"], visit["NumSources"]) == ("2", "2", "2")
    assert visit["GoldsteinScale"] == "2.8" and visit["AvgTone"] is None
    assert visit["SOURCEURL"] == "https://aawsat.com/1" and len(visit["DATEADDED"]) == 14
    # these records name no place: every geography column stays empty (no country centroids)
    assert visit["Actor1Geo_Type"] == visit["Actor2Geo_Type"] == visit["ActionGeo_Type"] == "0"
    assert visit["Actor1Geo_CountryCode"] is None and visit["ActionGeo_Lat"] is None
    un = next(r for r in table if r["EventCode"] == "111")
    assert (un["SQLDATE"], un["MonthYear"], un["Actor1KnownGroupCode"], un["Actor1CountryCode"]) == (None, "201507", "UNO", None)
    ids = [r["GLOBALEVENTID"] for r in table]
    assert len(set(ids)) == 4 and all(i.isdigit() for i in ids)


def test_gdelt_helpers() -> None:
    assert date_fields("2015-07-20") == ("20150720", "201507", "2015", "2015.5479")
    assert date_fields("2015") == ("", "", "2015", "")
    assert date_fields("2015/2016") == ("", "", "", "")
    assert date_fields(None) == ("", "", "", "")
    assert actor_types("ISRGOVMIL", "ISR") == ["GOV", "MIL"]
    assert actor_types("IGOUNO", None) == []


def test_jsonl_export_is_the_contract(store: Store) -> None:
    out = io.StringIO()
    assert export_jsonl(store.con, out) == 5
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["doc_id"], r["cameo"]) for r in records] == [("a", "043"), ("a", "111"), ("b", "043"), ("b", "190"), ("c", "190")]
    assert records[0]["source"]["country"] == "EGY" and records[1]["source"]["igo"] == "UN"
    assert Event.from_dict(records[0]).to_dict() == records[0]


def test_parquet_export_partitions_and_reads_back(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    export_parquet(store.con, out)
    # the undated event of b falls back to b's publication month; c's span to c's
    assert {p.parent.relative_to(out).as_posix() for p in out.rglob("*.parquet")} == {
        "year=2015/month=7", "year=2015/month=8",
    }
    con = duckdb.connect()
    n, keys = con.execute(
        f"SELECT count(*), list(DISTINCT source_key ORDER BY source_key) FROM read_parquet('{out}/**/*.parquet', hive_partitioning=true)"
    ).fetchall()[0]
    assert n == 5 and keys == ["EGY", "SAU", "UN"]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 5 and {"cameo", "sentence", "year", "month", "url"} <= set(table.column_names)


def test_graphml_reads_back_with_networkx(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export_graphml(store.con, path)
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.DiGraph)
    assert set(graph.nodes) == {"EGY", "USA", "UN", "SAU", "YEM"}
    assert graph.nodes["UN"]["kind"] == "igo" and graph.nodes["EGY"]["kind"] == "country"
    assert graph.edges["EGY", "USA"]["weight"] == 1 and graph.edges["EGY", "USA"]["articles"] == 2
    assert graph.edges["SAU", "YEM"]["weight"] == 2 and graph.edges["SAU", "YEM"]["goldstein_mean"] == -10.0
