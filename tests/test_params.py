"""Query parameters are checked once (store/params.py), for the CLI, the API and the report alike."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import params
from marsad.store.analytics import EventQuery
from marsad.store.params import ParamError


@pytest.mark.parametrize("value", ["notadate", "2015-13", "2015-02-30", "15-01-01", "2015/2016", "2015-1", "", "٢٠١٥"])
def test_bad_dates_are_refused(value: str) -> None:
    with pytest.raises(ParamError, match="since: .* is not a date"):
        params.day(value, "since")


@pytest.mark.parametrize("value", ["2015", "2015-12", "2016-02-29", " 2015-07-21 "])
def test_dates_at_each_precision(value: str) -> None:
    assert params.day(value, "until") == value.strip()


def test_actor_keys_are_known_countries_or_igos() -> None:
    assert params.actor("isr") == "ISR" and params.actor("UN") == "UN" and params.actor(" nato ") == "NATO"
    for bad in ("XYZ", "ISRGOV", "I", "'; DROP TABLE events; --", "إسرائيل"):
        with pytest.raises(ParamError, match="is not an actor key"):
            params.actor(bad)
    with pytest.raises(ParamError, match="needs two actor keys"):
        params.dyad(["ISR"])


def test_counts_codes_and_choices() -> None:
    assert params.limit(1) == 1 and params.limit(params.MAX_LIMIT) == params.MAX_LIMIT
    for bad in (0, -1, params.MAX_LIMIT + 1, True):
        with pytest.raises(ParamError, match="limit"):
            params.limit(bad)
    assert params.cameo("042") == "042"
    with pytest.raises(ParamError, match="CAMEO"):
        params.cameo("04a")
    with pytest.raises(ParamError, match="by: 'fortnight'"):
        params.period("fortnight")
    with pytest.raises(ParamError, match="quad"):
        params.quad(5)
    with pytest.raises(ParamError, match="status"):
        params.status("maybe")
    with pytest.raises(ParamError, match="longer than"):
        params.search("ا" * (params.MAX_SEARCH + 1))


def test_event_query_checks_and_normalises_on_construction() -> None:
    q = EventQuery(actor="isr", dyad=("aze", "isr"), since="2023", until="2023-05-30")
    assert (q.actor, q.dyad, q.since) == ("ISR", ("AZE", "ISR"), "2023")
    with pytest.raises(ParamError, match="until"):
        EventQuery(until="notadate")


@pytest.mark.parametrize("args, message", [
    (["events", "--since", "notadate"], "--since: 'notadate' is not a date"),
    (["events", "--until", "notadate"], "--until: 'notadate' is not a date"),
    (["events", "--since", "2015-13"], "--since: '2015-13' is not a date"),
    (["events", "--actor", "XYZ"], "--actor: 'XYZ' is not an actor key"),
    (["dyad", "AZE", "ISR", "--by", "fortnight"], "--by: 'fortnight' is not one of"),
    (["actors", "ZZZ"], "--actor: 'ZZZ'"),
    (["export", "--format", "csv"], "--format: 'csv' is not one of jsonl, gdelt, parquet, graphml"),
])
def test_cli_refuses_bad_values_in_one_line(args: list[str], message: str, tmp_path) -> None:
    from marsad.store import Store

    db = tmp_path / "empty.duckdb"
    Store(db).close()
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 2
    assert message in result.output and len(result.output.strip().splitlines()) == 1
