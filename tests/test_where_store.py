"""Locations through the store: DuckDB columns and migration, JSONL/Parquet/GDELT exports, events --near/--in."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.model import Document, Event
from marsad.run import ingest
from marsad.store import Store
from marsad.store.analytics import HAVERSINE_SQL, EventQuery, haversine_km, resolve_point
from marsad.store.exports import GDELT_COLUMNS, export_gdelt, export_jsonl, export_parquet
from marsad.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate

runner = CliRunner()
DOCS = [
    Document(id="cairo", text="زار الرئيس التركي رجب طيب أردوغان القاهرة أمس.", published="2024-03-05"),
    Document(id="gaza", text="قصفت الطائرات الإسرائيلية مواقع لحركة حماس في قطاع غزة أمس.", published="2023-10-10"),
    Document(id="basra", text="اتهمت إيران القوات الأمريكية بقصف مواقع في مدينة البصرة العراقية أمس.",
             published="2019-12-30"),
    Document(id="none", text="أدانت السعودية التصريحات الإسرائيلية.", published="2024-03-05"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("where") / "w.duckdb"
    with Store(path) as s:
        stats = ingest(s, DOCS)
    assert stats.stored == 4 and not stats.errors
    return path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_location_columns_hold_the_place(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT doc_id, location_name, location_country, location_precision, location_lat, "
                       "location_text FROM events ORDER BY doc_id").fetchall()
    by_doc = {r[0]: r for r in rows}
    assert by_doc["cairo"][1:4] == ("Cairo", "EGY", "city") and by_doc["cairo"][5] == "القاهرة"
    assert by_doc["gaza"][1:4] == ("Gaza Strip", "PSE", "region")
    assert by_doc["basra"][1:4] == ("Basrah", "IRQ", "city") and 30 < by_doc["basra"][4] < 31
    assert by_doc["none"][1] is None and by_doc["none"][4] is None


def test_migration_adds_location_columns_to_a_v4_database(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    for number, steps in enumerate(MIGRATIONS[:4], start=1):
        for statement in steps:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [number])
    assert migrate(con) == SCHEMA_VERSION >= 5
    columns = {r[0] for r in con.execute("DESCRIBE events").fetchall()}
    assert {"location_name", "location_lat", "location_lon", "location_precision", "location_id"} <= columns


def test_jsonl_carries_location_and_reads_back(db: Path) -> None:
    out = io.StringIO()
    with Store(db, read_only=True) as s:
        export_jsonl(s.con, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert all("location" in r for r in records)
    gaza = next(r for r in records if r["doc_id"] == "gaza")
    assert gaza["location"]["name"] == "Gaza Strip" and gaza["location"]["span"] is not None
    assert next(r for r in records if r["doc_id"] == "none")["location"] is None
    for r in records:
        assert Event.from_dict(r).to_dict() == r


def test_parquet_carries_location(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as s:
        export_parquet(s.con, tmp_path / "pq")
    con = duckdb.connect()
    rows = con.execute(f"SELECT doc_id, location_name, location_lat FROM read_parquet('{tmp_path}/pq/**/*.parquet', "
                       "hive_partitioning=true)").fetchall()
    by_doc = {r[0]: r for r in rows}
    assert by_doc["cairo"][1] == "Cairo" and by_doc["cairo"][2] == pytest.approx(30.06, abs=0.1)
    assert by_doc["none"][1] is None


def test_gdelt_action_geo_from_location_and_actor_geo_only_where_the_text_puts_the_actor(db: Path) -> None:
    out = io.StringIO()
    with Store(db, read_only=True) as s:
        export_gdelt(s.con, out)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in out.getvalue().splitlines()]
    visit = next(r for r in rows if r["EventCode"] == "042")
    assert (visit["ActionGeo_Type"], visit["ActionGeo_FullName"], visit["ActionGeo_CountryCode"]) == (
        "4", "Cairo, Egypt", "EG")
    assert float(visit["ActionGeo_Lat"]) == pytest.approx(30.06, abs=0.1) and visit["ActionGeo_FeatureID"]
    # the host is القاهرة itself: its place is in the text; the visitor's is not
    assert visit["Actor2Geo_FullName"] == "Cairo, Egypt" and visit["Actor1Geo_Type"] == "0"
    assert visit["Actor1Geo_Lat"] == ""
    gaza = next(r for r in rows if r["ActionGeo_FullName"].startswith("Gaza Strip"))
    assert gaza["ActionGeo_Type"] == "5" and gaza["ActionGeo_FeatureID"] == "gaza_strip"
    unplaced = [r for r in rows if r["ActionGeo_FullName"] == ""]
    assert unplaced and all(r["ActionGeo_Type"] == "0" and r["ActionGeo_Lat"] == "" for r in unplaced)


def test_haversine_in_sql_and_python_agree() -> None:
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1.5)  # London–Paris
    assert haversine_km(33.34, 44.40, 33.34, 44.40) == 0
    con = duckdb.connect()
    con.execute("CREATE TABLE t (location_lat DOUBLE, location_lon DOUBLE)")
    con.execute("INSERT INTO t VALUES (30.5085, 47.7804), (36.335, 43.1189)")
    for lat, lon in con.execute("SELECT * FROM t").fetchall():
        (sql,) = con.execute(f"SELECT {HAVERSINE_SQL} FROM t WHERE location_lat = ?",
                             [33.3406, 33.3406, 44.4009, lat]).fetchall()[0]
        assert sql == pytest.approx(haversine_km(33.3406, 44.4009, lat, lon), rel=1e-9)


def test_query_validates_its_place_filters() -> None:
    with pytest.raises(ValueError, match="ISO3"):
        EventQuery(country_in="Iraq").where()
    with pytest.raises(ValueError, match="km"):
        EventQuery(near=(33.3, 44.4, 0)).where()
    with pytest.raises(ValueError, match="point on Earth"):
        EventQuery(near=(133.3, 44.4, 5)).where()
    assert resolve_point("بغداد")[:2] == pytest.approx((33.34, 44.40), abs=0.05)
    assert resolve_point("33.3,44.4")[:2] == (33.3, 44.4)
    with pytest.raises(ValueError, match="no point"):
        resolve_point("العراق")
    with pytest.raises(ValueError, match="no place"):
        resolve_point("مكان لا وجود له")


def test_events_near_and_in(db: Path) -> None:
    code, out = run("events", "--db", str(db), "--json", "--near", "القاهرة", "--km", "50")
    docs = {json.loads(line)["doc_id"] for line in out.splitlines() if line.startswith("{")}
    assert code == 0 and docs == {"cairo"}
    code, out = run("events", "--db", str(db), "--json", "--near", "الجيزة", "--km", "30")
    assert code == 0 and {json.loads(x)["doc_id"] for x in out.splitlines() if x.startswith("{")} == {"cairo"}
    code, out = run("events", "--db", str(db), "--json", "--near", "بغداد", "--km", "50")
    assert code == 0 and not [x for x in out.splitlines() if x.startswith("{")]  # Basra is 450 km away
    code, out = run("events", "--db", str(db), "--json", "--near", "بغداد", "--km", "500")
    assert {json.loads(x)["doc_id"] for x in out.splitlines() if x.startswith("{")} == {"basra"}
    code, out = run("events", "--db", str(db), "--json", "--in", "pse")
    assert code == 0 and {json.loads(x)["doc_id"] for x in out.splitlines()} == {"gaza"}
    code, out = run("events", "--db", str(db), "--csv", "--in", "IRQ")
    assert code == 0 and "Basrah (IRQ, city)" in out
    for bad in (["--in", "Iraq"], ["--near", "بغداد", "--km", "-5"], ["--near", "العراق"]):
        code, out = run("events", "--db", str(db), *bad)
        assert code != 0, bad
