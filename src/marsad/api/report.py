"""`marsad report`: the dyad explorer as one HTML file that needs no server and no network.

The page is the dashboard's own template and script with everything inline: the CSS, Plotly's bundled
JavaScript, the dyad's series and events as JSON, and the dyad's events in each text export format
of the registry as data: links to download.
"""

from __future__ import annotations

import base64
import io
from datetime import UTC, datetime
from typing import Any

import duckdb

from marsad import __version__
from marsad.api.labels import actor_names
from marsad.api.pages import LANGS, render, strings_for
from marsad.store import analytics, exports, params
from marsad.store.analytics import EventQuery

MAX_EVENTS = 5000  # evidence rows embedded in one report


def downloads(con: duckdb.DuckDBPyConnection, query: EventQuery, stem: str) -> list[dict[str, str]]:
    """The query's events in every filterable text format of the export registry, as data: URIs."""
    out = []
    for spec in exports.EXPORTS.values():
        if not (spec.is_text and spec.filters):
            continue
        buffer = io.StringIO()
        spec.write_text(con, buffer, query)
        payload = base64.b64encode(buffer.getvalue().encode("utf-8")).decode("ascii")
        out.append({"name": spec.name, "help": spec.help, "filename": stem + spec.suffix,
                    "href": f"data:{spec.media_type};charset=utf-8;base64,{payload}"})
    return out


def dyad_report(
    con: duckdb.DuckDBPyConnection, a: str, b: str, *, by: str = "month", lang: str = "en", db_name: str = ""
) -> str:
    a, b = params.dyad((a, b))
    by = params.period(by)
    lang = params.choice(lang, "lang", LANGS)
    query = EventQuery(dyad=(a, b))
    series = analytics.dyad_series(con, a, b, by=by)
    events = [e.to_dict() for e in analytics.find_events(con, query, sort="date", limit=MAX_EVENTS)]
    t = strings_for(lang)
    names = actor_names()

    def label(key: str) -> str:
        return names.get(key, {}).get(lang, key)

    data: dict[str, Any] = {"a": a, "b": b, "by": by, "series": series, "events": events, "standalone": True}
    return render(
        "dyad", lang, data, standalone=True,
        title=t["report_title"].format(a=f"{label(a)} ({a})", b=f"{label(b)} ({b})"),
        made=t["report_made"].format(version=__version__, db=db_name or "-",
                                     when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        downloads=downloads(con, query, f"marsad-{a}-{b}".lower()),
    )
