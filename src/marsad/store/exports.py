"""Exports of the store: contract JSONL, Parquet, GraphML, and GDELT 2.0 event rows."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import duckdb
import networkx as nx

from marsad.knowledge.actors import Country, load_countries
from marsad.model import IGO_CODES, Actor, Event, Location, Mention
from marsad.store.analytics import EventQuery, network_edges, select_events
from marsad.store.dedup import distinct_view

_FETCH = 2000


def _stream(cur: duckdb.DuckDBPyConnection) -> Iterator[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    while rows := cur.fetchmany(_FETCH):
        for row in rows:
            yield dict(zip(names, row, strict=True))


# --- JSONL: the contract ---------------------------------------------------------

def _span(start: int | None, end: int | None) -> tuple[int, int] | None:
    return (start, end) if start is not None and end is not None else None


def row_actor(row: dict[str, Any], prefix: str) -> Actor:
    return Actor(
        text=row[f"{prefix}_text"] or "",
        code=row[f"{prefix}_code"] or "",
        country=row[f"{prefix}_country"],
        igo=row[f"{prefix}_igo"],
        name=row[f"{prefix}_name"],
        span=_span(row[f"{prefix}_start"], row[f"{prefix}_end"]),
    )


def row_location(row: dict[str, Any]) -> Location | None:
    """The event's location back from its location_* columns (inverse of db.location_cols)."""
    if row.get("location_precision") is None:
        return None
    return Location(
        text=row["location_text"] or "",
        name=row["location_name"] or "",
        country=row["location_country"],
        admin1=row["location_admin1"],
        lat=row["location_lat"],
        lon=row["location_lon"],
        feature=row["location_feature"],
        precision=row["location_precision"],
        span=_span(row["location_start"], row["location_end"]),
        id=row["location_id"],
    )


def row_event(row: dict[str, Any]) -> Event:
    """The contract record back from its flattened row (inverse of db.event_row)."""
    mentions = [
        Mention(
            sentence=m["sentence"],
            sentence_span=(m["sentence_start"], m["sentence_end"]),
            trigger=m["trigger"],
            trigger_span=(m["trigger_start"], m["trigger_end"]),
            pattern_id=m["pattern_id"],
        )
        for m in row.get("mentions") or []
    ]
    return Event(
        doc_id=row["doc_id"],
        event_id=row["event_id"],
        source=row_actor(row, "source"),
        target=row_actor(row, "target"),
        cameo=row["cameo"],
        quad_class=int(row["quad_class"]),
        goldstein=float(row["goldstein"]),
        plover=row["plover"],
        status=row["status"],
        date=row["date"],
        date_basis=row["date_basis"],
        sentence=row["sentence"],
        sentence_span=(row["sentence_start"], row["sentence_end"]),
        trigger=row["trigger"],
        attribution=row["attribution"],
        trigger_span=_span(row["trigger_start"], row["trigger_end"]),
        pattern_id=row["pattern_id"],
        status_cue=row["status_cue"],
        date_text=row["date_text"],
        contested_by=row.get("contested_by"),
        rule=row.get("rule"),
        location=row_location(row),
        mentions=mentions,
    )


def _span_list(start: int | None, end: int | None) -> list[int] | None:
    return [start, end] if start is not None and end is not None else None


def _actor_dict(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {"text": row[f"{prefix}_text"] or "", "code": row[f"{prefix}_code"] or "",
            "country": row[f"{prefix}_country"], "igo": row[f"{prefix}_igo"], "name": row[f"{prefix}_name"],
            "span": _span_list(row[f"{prefix}_start"], row[f"{prefix}_end"])}


def row_dict(row: dict[str, Any]) -> dict[str, Any]:
    """`row_event(row).to_dict()` built straight from the row: the API's pages skip the dataclasses.

    Equal to the contract record (tests/test_api_paging.py compares the two on every stored event).
    """
    location = None
    if row.get("location_precision") is not None:
        location = {
            "text": row["location_text"] or "", "name": row["location_name"] or "",
            "country": row["location_country"], "admin1": row["location_admin1"], "lat": row["location_lat"],
            "lon": row["location_lon"], "feature": row["location_feature"], "precision": row["location_precision"],
            "span": _span_list(row["location_start"], row["location_end"]), "id": row["location_id"]}
    return {
        "doc_id": row["doc_id"], "event_id": row["event_id"],
        "source": _actor_dict(row, "source"), "target": _actor_dict(row, "target"),
        "cameo": row["cameo"], "quad_class": int(row["quad_class"]), "goldstein": float(row["goldstein"]),
        "plover": row["plover"], "status": row["status"], "date": row["date"], "date_basis": row["date_basis"],
        "sentence": row["sentence"], "sentence_span": [row["sentence_start"], row["sentence_end"]],
        "trigger": row["trigger"], "attribution": row["attribution"],
        "trigger_span": _span_list(row["trigger_start"], row["trigger_end"]),
        "pattern_id": row["pattern_id"], "rule": row.get("rule"), "status_cue": row["status_cue"],
        "date_text": row["date_text"], "contested_by": row.get("contested_by"),
        "mentions": [{"sentence": m["sentence"], "sentence_span": [m["sentence_start"], m["sentence_end"]],
                      "trigger": m["trigger"], "trigger_span": [m["trigger_start"], m["trigger_end"]],
                      "pattern_id": m["pattern_id"]} for m in row.get("mentions") or []],
        "location": location,
    }


def iter_events(
    con: duckdb.DuckDBPyConnection, where: str = "TRUE", params: list[Any] | None = None, limit: int | None = None
) -> Iterator[Event]:
    """Stored events as contract records, in document and coder order."""
    return select_events(con, where, params, limit=limit)


def _where(query: EventQuery | None) -> tuple[str, list[Any]]:
    return query.where() if query is not None else ("TRUE", [])


def export_jsonl(con: duckdb.DuckDBPyConnection, out: TextIO, query: EventQuery | None = None) -> int:
    """Every stored event (all statuses), or those the query selects, as the contract's JSON Lines."""
    return EXPORTS["jsonl"].write_text(con, out, query)


# --- Parquet -----------------------------------------------------------------------

# Partition by the event's own year and month; undated (or year-only) events
# fall back to the publication date so that every row lands in a partition.
PARQUET_SELECT = """
    SELECT e.* EXCLUDE (ord),
           d.url, d.published, es.outlet,
           coalesce(e.source_country, e.source_igo) AS source_key,
           coalesce(e.target_country, e.target_igo) AS target_key,
           coalesce(try_cast(left(e.date, 4) AS INTEGER), try_cast(left(d.published, 4) AS INTEGER), 0) AS year,
           coalesce(CASE WHEN e.date SIMILAR TO '[0-9]{4}-[0-9]{2}.*' THEN try_cast(substr(e.date, 6, 2) AS INTEGER) END,
                    try_cast(substr(d.published, 6, 2) AS INTEGER), 0) AS month
    FROM events e JOIN documents d USING (doc_id) LEFT JOIN event_sources es USING (event_id)
"""


def export_parquet(con: duckdb.DuckDBPyConnection, path: str | Path, query: EventQuery | None = None, *,
                   all_statuses: bool = True) -> Path:
    """A Hive-partitioned Parquet dataset (year=YYYY/month=M/*.parquet) of all events (or the query's)."""
    out = Path(path)
    out.mkdir(parents=True, exist_ok=True)
    target = str(out).replace("'", "''")
    where, args = _where(query)
    con.execute(
        f"COPY (SELECT * FROM ({PARQUET_SELECT}) e WHERE {where}) TO '{target}' "
        "(FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)",
        args,
    )
    return out


# --- GraphML -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """ISO3 → the knowledge's country (FIPS 10-4 code, English and Arabic names)."""
    return {c.iso3: c for c in load_countries()}


def build_graph(con: duckdb.DuckDBPyConnection, *, min_count: int = 1, all_statuses: bool = False) -> nx.DiGraph:
    """Actors as nodes (kind, name, event count), distinct-event counts as edge weights."""
    graph = nx.DiGraph()
    names = countries()
    for edge in network_edges(con, min_count=min_count, all_statuses=all_statuses):
        for key in (edge["source"], edge["target"]):
            if key not in graph:
                known = names.get(key)
                graph.add_node(
                    key,
                    label=key,
                    name=known.name_en if known else key,
                    kind="igo" if key in IGO_CODES else "country",
                    events=0,
                )
            graph.nodes[key]["events"] += int(edge["count"])
        graph.add_edge(
            edge["source"],
            edge["target"],
            weight=int(edge["count"]),
            goldstein_mean=float(edge["goldstein_mean"]),
            articles=int(edge["articles"]),
        )
    return graph


def export_graphml(con: duckdb.DuckDBPyConnection, path: str | Path) -> nx.DiGraph:
    graph = build_graph(con)
    nx.write_graphml(graph, str(path))
    return graph


# --- GDELT 2.0 -------------------------------------------------------------------------

_ACTOR_COLS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# The GDELT 2.0 event table, in the codebook's order.
GDELT_COLUMNS: tuple[str, ...] = (
    ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{c}" for c in _ACTOR_COLS)
    + tuple(f"Actor2{c}" for c in _ACTOR_COLS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"Actor1Geo_{c}" for c in _GEO_COLS)
    + tuple(f"Actor2Geo_{c}" for c in _GEO_COLS)
    + tuple(f"ActionGeo_{c}" for c in _GEO_COLS)
    + ("DATEADDED", "SOURCEURL")
)
assert len(GDELT_COLUMNS) == 61

# Our IGO codes → CAMEO known-group codes (AU and BRICS have none we are sure of).
_IGO_GROUP = {
    "UN": "UNO", "EU": "EEC", "NATO": "NAT", "ARL": "ARL", "GCC": "GCC", "OIC": "OIC", "IAEA": "IAE",
    "ICC": "ICC", "ICJ": "ICJ", "WHO": "WHO", "IMF": "IMF", "WB": "WBK", "OPEC": "OPC", "ASEAN": "ASN",
    "SCO": "SHA", "ICRC": "IRC",
}

# One row per distinct event, with the representative event's fields and article.
GDELT_SELECT = """
    SELECT de.event_id AS rep_id, de.num_mentions, de.num_sources, de.num_articles, de.day, de.first_seen,
           e.*, d.url, d.text AS doc_text, d.ingested_at
    FROM {view} de
    JOIN events e ON e.event_id = de.event_id
    JOIN documents d ON d.doc_id = e.doc_id
"""


def global_event_id(event_id: str) -> int:
    """A stable positive integer id (60 bits) from our string id."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def date_fields(day: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate: as much as the date says, the rest empty."""
    if not day or "/" in day:
        return "", "", "", ""
    parts = day.split("-")
    year = parts[0] if parts[0].isdigit() else ""
    month = parts[1] if len(parts) > 1 else ""
    sqldate = month_year = fraction = ""
    if year and month:
        month_year = year + month
    if len(parts) == 3:
        try:
            d = date.fromisoformat(day)
        except ValueError:
            d = None
        if d is not None:
            sqldate = d.strftime("%Y%m%d")
            fraction = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
    return sqldate, month_year, year, fraction


def actor_types(code: str, country: str | None) -> list[str]:
    """Role codes after the country prefix: ISRGOVMIL → [GOV, MIL]."""
    rest = code[len(country):] if country and code.startswith(country) else ""
    return [rest[i : i + 3] for i in range(0, len(rest), 3) if len(rest[i : i + 3]) == 3][:3]


def actor_fields(row: dict[str, Any], prefix: str) -> list[str]:
    code = row[f"{prefix}_code"] or ""
    country = row[f"{prefix}_country"]
    igo = row[f"{prefix}_igo"]
    types = actor_types(code, country) + ["", "", ""]
    name = row[f"{prefix}_name"] or row[f"{prefix}_text"] or ""
    return [code, name, country or "", _IGO_GROUP.get(igo or "", ""), "", "", "", *types[:3]]


NO_GEO = ["0", "", "", "", "", "", "", ""]
# GDELT geography types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1). A named
# region (قطاع غزة، البحر الأحمر) is reported as a state-level area: it is neither a city nor a country.
_GEO_TYPE = {"city": ("4", "3"), "admin1": ("5", "2"), "region": ("5", "5"), "country": ("1", "1")}
# Between an actor and a place: the text says the actor is there (السفارة الأمريكية في بغداد، قواتها بالرقة).
_AT = re.compile(r"^\s*(?:(?:في|فى|داخل|من)\s+|ب)$")


def geo_fields(loc: Location | None) -> list[str]:
    """The 8 GDELT geography columns of a place the text names; empty when it names none (no centroids)."""
    if loc is None:
        return list(NO_GEO)
    known = countries().get(loc.country or "")
    fips = known.fips if known else ""
    country_name = known.name_en if known else ""
    geo_type = _GEO_TYPE.get(loc.precision, ("0", "0"))[1 if loc.country == "USA" else 0]
    if loc.precision == "country":
        return [geo_type, country_name, fips, fips, "", "", "", fips]
    full = ", ".join(x for x in (loc.name, country_name) if x)
    adm1 = fips + loc.admin1 if fips and loc.admin1 else fips
    lat = f"{loc.lat:.4f}" if loc.lat is not None else ""
    lon = f"{loc.lon:.4f}" if loc.lon is not None else ""
    return [geo_type, full, fips, adm1, "", lat, lon, loc.id or ""]


def actor_location(row: dict[str, Any], prefix: str, loc: Location | None) -> Location | None:
    """The event's place, when the text puts this actor there: the actor is the place (قصفت إسرائيل غزة), or
    the place follows it with في/بـ/من (السفارة الأمريكية في بغداد). Otherwise the actor has no place."""
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    if loc is None or loc.span is None or start is None or end is None:
        return None
    ls, le = loc.span
    if start <= ls and le <= end:
        return loc
    text = row.get("doc_text") or ""
    if end <= ls and ls - end <= 12 and _AT.match(text[end:ls]):
        return loc
    return None


def is_root_event(row: dict[str, Any]) -> str:
    """GDELT marks events from the lead paragraph: the text's first paragraph here."""
    text = row["doc_text"] or ""
    first_break = text.find("\n", 1)
    lead_end = first_break if first_break > 0 else min(len(text), 400)
    return "1" if row["sentence_start"] <= lead_end else "0"


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def gdelt_row(row: dict[str, Any]) -> list[str]:
    cameo = row["cameo"]
    loc = row_location(row)
    added: datetime = row["ingested_at"]
    fields = [
        str(global_event_id(row["rep_id"])),
        *date_fields(row["day"]),
        *actor_fields(row, "source"),
        *actor_fields(row, "target"),
        is_root_event(row),
        cameo,
        cameo[:3],
        cameo[:2],
        str(row["quad_class"]),
        f"{row['goldstein']:g}",
        str(row["num_mentions"]),
        str(row["num_sources"]),
        str(row["num_articles"]),
        "",  # AvgTone: Marsad does not score tone
        *geo_fields(actor_location(row, "source", loc)),
        *geo_fields(actor_location(row, "target", loc)),
        *geo_fields(loc),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        row["url"] or row["doc_id"],  # GDELT allows a citation when there is no URL
    ]
    return [_clean(f) for f in fields]


def iter_gdelt(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *, all_statuses: bool = False
               ) -> Iterator[list[str]]:
    where, args = _where(query)
    select = GDELT_SELECT.format(view=distinct_view(all_statuses))
    sql = f"SELECT * FROM ({select}) WHERE {where} ORDER BY first_seen, rep_id"
    for row in _stream(con.execute(sql, args)):
        yield gdelt_row(row)


def export_gdelt(con: duckdb.DuckDBPyConnection, out: TextIO, query: EventQuery | None = None) -> int:
    """Tab-separated, no header, one line per distinct event, exactly 61 columns."""
    return EXPORTS["gdelt"].write_text(con, out, query)


# --- the registry: one place lists the formats; the CLI, the API and the report read it ----


def jsonl_lines(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *,
                all_statuses: bool = True) -> Iterator[str]:
    for event in iter_events(con, *_where(query)):
        yield event.to_json() + "\n"


def gdelt_lines(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *,
                all_statuses: bool = False) -> Iterator[str]:
    for fields in iter_gdelt(con, query, all_statuses=all_statuses):
        yield "\t".join(fields) + "\n"


def graphml_lines(con: duckdb.DuckDBPyConnection, query: EventQuery | None = None, *,
                  all_statuses: bool = False) -> Iterator[str]:
    if query is not None:
        raise ValueError("the graphml export is the whole network: it takes no event filter")
    for line in nx.generate_graphml(build_graph(con, all_statuses=all_statuses)):
        yield line + "\n"


@dataclass(frozen=True)
class ExportFormat:
    name: str
    help: str            # what it holds, said once for every surface
    media_type: str
    suffix: str          # file name ending; a folder format has none
    filters: bool        # takes the events filters (EventQuery)
    lines: Callable[..., Iterator[str]] | None = None  # (con, query, *, all_statuses) -> text, line by line
    write_folder: Callable[..., Path] | None = None    # (con, folder, query, *, all_statuses) -> the folder
    every_status: bool = True  # holds every stored event; False: asserted ones unless all_statuses

    @property
    def is_text(self) -> bool:
        return self.lines is not None

    def write_text(self, con: duckdb.DuckDBPyConnection, out: TextIO, query: EventQuery | None = None, *,
                   all_statuses: bool = False) -> int:
        """Write the format to a text stream; returns the number of lines."""
        assert self.lines is not None, f"{self.name} is written to a folder"
        n = 0
        for line in self.lines(con, query, all_statuses=all_statuses):
            out.write(line)
            n += 1
        return n


EXPORTS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("jsonl", "every stored event (all statuses, each article's report) as the contract's "
                     "JSON Lines", "application/x-ndjson", ".jsonl", True, lines=jsonl_lines),
        ExportFormat("gdelt", "GDELT 2.0 event rows, tab-separated: one per distinct event (reports of one "
                     "event merged across articles), occurred or planned, both actors with a country or IGO",
                     "text/tab-separated-values", ".tsv", True, lines=gdelt_lines, every_status=False),
        ExportFormat("parquet", "every stored event (all statuses, each article's report) as a Parquet "
                     "dataset partitioned by year and month",
                     "application/vnd.apache.parquet", "", True, write_folder=export_parquet),
        ExportFormat("graphml", "the actor network of distinct events, occurred or planned, between two actors "
                     "with a country or IGO (GraphML, for Gephi or networkx)",
                     "application/graphml+xml", ".graphml", False, lines=graphml_lines, every_status=False),
    )
}
FORMATS = tuple(EXPORTS)


def export_format(name: str) -> ExportFormat:
    """The registered format of that name, or a one-line ParamError listing the formats."""
    from marsad.store.params import choice

    return EXPORTS[choice(name, "format", FORMATS)]
