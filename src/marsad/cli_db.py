"""Database commands of the `marsad` CLI: ingest, events, dyad, dyads, actors, stats, export.

`register(app)` adds them to the main Typer app (marsad.cli). Every query
command opens the database read-only, so it can run beside another reader.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from marsad.cli_errors import check_output, checked, published_option
from marsad.cli_run import WorkersOption, input_measure, run_progress, tracker, workers_for
from marsad.ingest import DEFAULT_MAX_CHARS, read_paths
from marsad.model import STATUSES, Event
from marsad.run import RunStats
from marsad.store import analytics, exports
from marsad.store.db import DEFAULT_BATCH, Store
from marsad.store.params import ParamError

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar="MARSAD_DB", help="DuckDB file (default marsad.duckdb, env MARSAD_DB)."),
]
AllStatusesOption = Annotated[bool, typer.Option(
    "--all-statuses", help="Count hypothetical and negated events too (apart from the asserted reports).")]
MAX_ERRORS_SHOWN = 50
# What the aggregates count, said once for every command's help.
COUNTS_NOTE = ("Counts distinct events: occurred or planned (--all-statuses adds hypothetical and negated), "
               "both actors with a country or IGO, one event reported by many articles counted once. "
               "`marsad stats` shows how many events each step leaves out.")

console = Console()
err_console = Console(stderr=True)


def _open(db: Path | None) -> Store:
    """The database, read-only; a missing, locked or foreign file is a MarsadError (one line, its status)."""
    return Store(db, read_only=True)


def _table(rows: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title)
    for name in rows[0] if rows else []:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


# --- ingest --------------------------------------------------------------------


def _report(stats: RunStats, seconds: float) -> None:
    for err in stats.errors[:MAX_ERRORS_SHOWN]:
        colour = "red" if err.fatal else "yellow"
        err_console.print(
            f"[{colour}]{'error' if err.fatal else 'warning'}[/{colour}] {err}", highlight=False, soft_wrap=True
        )
    if len(stats.errors) > MAX_ERRORS_SHOWN:
        err_console.print(f"… and {len(stats.errors) - MAX_ERRORS_SHOWN} more")
    rate = stats.stored / seconds if seconds > 0 else 0.0
    console.print(
        f"read {stats.read:,} documents: stored {stats.stored:,}"
        + (f" ({stats.replaced:,} replacing an older version)" if stats.replaced else "")
        + f", skipped {stats.skipped:,} already stored, "
        f"{stats.events:,} events, {len(stats.failed):,} errors ({rate:,.1f} documents/s)",
        soft_wrap=True,
    )


def _interrupted(db: Path | None, before: int | None) -> None:
    """Ctrl-C: what is stored (counted in the database: a batch is committed whole or not at all), and
    that running the same command again resumes."""
    stored = ""
    if before is not None:
        with Store(db, read_only=True) as store:
            now = store.documents()
        stored = f"the database holds {now:,} documents, {now - before:,} more than before this run; "
    err_console.print(
        f"[yellow]interrupted[/yellow]: {stored}the batch being coded was not stored. Run the same command "
        "again to resume: stored documents are skipped, nothing is stored twice.", highlight=False, soft_wrap=True)


def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(
        help="Files or folders: .txt .jsonl .html .rss .atom .xml .warc(.gz), or - for stdin (JSON Lines or one text)")],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO date or date-time, RFC 822) for documents that have none.")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Read at most N documents.")] = None,
    max_chars: Annotated[int, typer.Option(min=1, help="Cut longer documents (reported).")] = DEFAULT_MAX_CHARS,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = DEFAULT_BATCH,
    workers: WorkersOption = None,
) -> None:
    """Read, code and store documents. Already stored documents are skipped, so a re-run resumes.

    A document's id is its identity: the same id with new text, or with a new publication date, replaces
    the stored version and its events.

    Files of other kinds inside a folder (README.md, images) are passed over. The exit code is 1
    when nothing could be read, or nothing read could be coded and stored.
    """
    from marsad.run import StoreSink, Workers, run

    day = published_option(published)
    total, meter = input_measure(paths, limit)
    items = read_paths(paths, max_chars=max_chars, published=day, stdin=sys.stdin.buffer, meter=meter)
    started = time.perf_counter()
    stats = RunStats()
    before: int | None = None
    try:
        # the store first: a locked or read-only database fails before any worker starts
        with Store(db) as store, Workers(workers_for(workers, total)) as pool, \
                run_progress(err_console, by_bytes=meter is not None) as progress:
            before = store.documents()
            run(items, StoreSink(store), pool, batch_size=batch_size, limit=limit,
                on_progress=tracker(progress, "ingest", total, meter), stats=stats)
    except (KeyboardInterrupt, duckdb.InterruptException):
        _interrupted(db, before)
        raise typer.Exit(130) from None
    _report(stats, time.perf_counter() - started)
    if stats.read == 0:
        err_console.print("[red]nothing could be read[/red]")
        raise typer.Exit(1)
    if stats.stored == 0 and stats.skipped == 0:
        err_console.print("[red]nothing could be coded and stored[/red]")
        raise typer.Exit(1)


# --- events ----------------------------------------------------------------------

# --csv: one event a row, with its id and scores, so that a spreadsheet can join and sum them
EVENT_COLUMNS = ("event_id", "date", "source", "target", "cameo", "quad_class", "goldstein", "plover", "status",
                 "trigger", "sentence", "doc_id", "place")


def _place(e: Event) -> str:
    loc = e.location
    return f"{loc.name} ({loc.country or '-'}, {loc.precision})" if loc else ""


def _actor(actor: Any) -> str:
    return str(actor.code or actor.text)


def _event_cells(e: Event) -> list[str]:
    return [
        e.event_id, e.date or "", _actor(e.source), _actor(e.target), e.cameo, str(e.quad_class), f"{e.goldstein:g}",
        e.plover or "", e.status, e.trigger or "", e.sentence, e.doc_id, _place(e),
    ]


def _sentence(e: Event) -> Text:
    """The sentence with its trigger in bold: the column that wraps."""
    text = Text(e.sentence)
    if e.trigger_span and e.sentence_span:
        start, end = e.trigger_span[0] - e.sentence_span[0], e.trigger_span[1] - e.sentence_span[0]
        if 0 <= start < end <= len(e.sentence):
            text.stylize("bold", start, end)
    return text


def events_table(events: Iterable[Event]) -> Table:
    """Two columns that read at any width: the event's fields stacked (nothing cut), and its sentence,
    wrapped in the rest of the line."""
    table = Table(show_lines=True)
    table.add_column("date · status\nsource → target\ncameo «trigger»\ndoc · place", no_wrap=True,
                     max_width=34, overflow="fold")
    table.add_column("sentence", ratio=1, min_width=20, overflow="fold")
    for e in events:
        fields = Text(f"{e.date or 'undated'} · {e.status}\n{_actor(e.source)} → {_actor(e.target)}\n"
                      f"{e.cameo} «{e.trigger or ''}»\n{e.doc_id}" + (f" · {_place(e)}" if e.location else ""))
        table.add_row(fields, _sentence(e))
    return table


def events_cmd(
    db: DbOption = None,
    actor: Annotated[str | None, typer.Option(help="Actor key (ISO3 or IGO) on either side.")] = None,
    dyad: Annotated[tuple[str, str] | None, typer.Option(help="Two actor keys, both directions.")] = None,
    code: Annotated[str | None, typer.Option("--code", "--root", help="CAMEO code or root prefix.")] = None,
    quad: Annotated[int | None, typer.Option(min=1, max=4, help="Quad class 1-4.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, typer.Option(help="Event date until (YYYY[-MM[-DD]]).")] = None,
    status: Annotated[str | None, typer.Option(help=f"One of {', '.join(STATUSES)}.")] = None,
    search: Annotated[str | None, typer.Option(help="Text the sentence contains.")] = None,
    near: Annotated[str | None, typer.Option(help="A place (بغداد, Baghdad) or lat,lon: events within --km of it.")] = None,
    km: Annotated[float, typer.Option(help="Radius of --near in kilometres.")] = 50.0,
    country_in: Annotated[str | None, typer.Option("--in", help="ISO3: events located in this country.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most N events (table default 50).")] = None,
    sort: Annotated[str, typer.Option(help=f"Order: {', '.join(analytics.EVENT_SORTS)} (undated last).")] = "date",
    descending: Annotated[bool, typer.Option("--desc", help="Newest (largest) first.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines of the contract.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help=f"CSV: {', '.join(EVENT_COLUMNS)}.")] = False,
) -> None:
    """List stored events: every status, each article's report of an event on its own row (not merged).

    Sorted by event date (undated last) unless --sort says otherwise.
    """
    point = analytics.resolve_point(near) if near else None
    query = analytics.EventQuery(actor, dyad, code, quad, since, until, status, search,
                                 near=(point[0], point[1], km) if point else None, country_in=country_in)
    if point:
        err_console.print(f"within {km:g} km of {point[2]} ({point[0]:.4f}, {point[1]:.4f})", highlight=False)
    if not (as_json or as_csv) and limit is None:
        limit = 50
    with _open(db) as store:
        events = analytics.find_events(store.con, query, sort=sort, descending=descending, limit=limit)
        if as_json:
            for e in events:
                sys.stdout.write(e.to_json() + "\n")
        elif as_csv:
            writer = csv.writer(sys.stdout)
            writer.writerow(EVENT_COLUMNS)
            writer.writerows(_event_cells(e) for e in events)
        else:
            console.print(events_table(events))


# --- dyad, actors, stats -------------------------------------------------------------


def plot_series(rows: list[dict[str, Any]], a: str, b: str, path: Path) -> None:
    """Bars of events per period and a line of mean Goldstein (Agg backend, no display)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    periods = [r["period"] for r in rows]
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.bar(periods, [r["events"] for r in rows], color="#4c72b0", label="events")
    ax.set_ylabel("distinct events")
    ax2 = ax.twinx()
    ax2.plot(periods, [r["goldstein_mean"] for r in rows], color="#c44e52", marker="o", label="Goldstein mean")
    ax2.set_ylabel("mean Goldstein")
    ax2.axhline(0, color="grey", linewidth=0.5)
    ax.set_title(f"{a} – {b}")
    ax.tick_params(axis="x", rotation=45)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def dyad_cmd(
    a: Annotated[str, typer.Argument(help="Actor key (ISO3 or IGO).")],
    b: Annotated[str, typer.Argument(help="Actor key (ISO3 or IGO).")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    directed: Annotated[bool, typer.Option(help="Only A → B.")] = False,
    plot: Annotated[Path | None, typer.Option(help="Write a PNG chart.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: a, b, by, directed and the series "
                                          "(the API's /api/dyads/A/B).")] = False,
    all_statuses: AllStatusesOption = False,
) -> None:
    """The relation of two actors over time (distinct events). Events dated less precisely than --by are
    left out."""
    if plot is not None:
        check_output(plot, "--plot")
    with _open(db) as store:
        rows = analytics.dyad_series(store.con, a, b, by=by, directed=directed, all_statuses=all_statuses)
    if as_json:
        body = {"a": a.upper(), "b": b.upper(), "by": by, "directed": directed, "series": rows}
        sys.stdout.write(json.dumps(body, ensure_ascii=False) + "\n")
    else:
        arrow = "→" if directed else "↔"
        console.print(_table(rows, title=f"{a.upper()} {arrow} {b.upper()} by {by}"))
        console.print(f"events   {analytics.sparkline([r['events'] for r in rows])}")
        console.print(f"goldstein {analytics.sparkline([r['goldstein_mean'] for r in rows])}")
    if plot is not None:
        plot_series(rows, a.upper(), b.upper(), plot)
        console.print(f"chart written to {plot}")


def actors_cmd(
    actor: Annotated[str | None, typer.Argument(help="Profile this actor (ISO3 or IGO).")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    all_statuses: AllStatusesOption = False,
) -> None:
    """Top actors, or one actor's partners (most frequent, most cooperative, most conflictual)."""
    with _open(db) as store:
        if actor is None:
            rows = analytics.top_actors(store.con, limit, all_statuses=all_statuses)
            if as_json:
                sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str) + "\n")
            else:
                console.print(_table(rows, title="actors by distinct events"))
            return
        profile = analytics.actor_profile(store.con, actor, limit=limit, all_statuses=all_statuses)
    if as_json:
        sys.stdout.write(json.dumps(profile.__dict__, ensure_ascii=False, default=str) + "\n")
        return
    console.print(f"{profile.actor}: {profile.events:,} distinct events")
    console.print(_table(profile.partners, title="partners"))
    console.print(_table(profile.most_cooperative, title="most cooperative (mean Goldstein)"))
    console.print(_table(profile.most_conflictual, title="most conflictual (mean Goldstein)"))


def dyads_cmd(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most N dyads.")] = 10,
    directed: Annotated[bool, typer.Option(help="Keep A → B apart from B → A.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON array of dyads (the API's /api/dyads).")] = False,
    all_statuses: AllStatusesOption = False,
) -> None:
    """Top dyads by distinct events, with counts per quad class and mean Goldstein.

    An actor's events with itself (domestic ones) are no dyad.
    """
    with _open(db) as store:
        rows = analytics.top_dyads(store.con, limit, directed=directed, all_statuses=all_statuses)
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, default=str) + "\n")
        return
    table = Table(
        title=f"top dyads by distinct events ({'directed' if directed else 'both directions'})",
        caption="Q1 verbal coop, Q2 material coop, Q3 verbal conflict,\nQ4 material conflict; Goldstein: mean",
    )
    for name in ("dyad", "events", "Q1", "Q2", "Q3", "Q4", "Goldstein", "articles"):
        table.add_column(name, justify="left" if name == "dyad" else "right", no_wrap=True)
    arrow = "→" if directed else "↔"
    for r in rows:
        table.add_row(
            f"{r['actor_a']} {arrow} {r['actor_b']}", str(r["events"]), str(r["q1_verbal_coop"]),
            str(r["q2_material_coop"]), str(r["q3_verbal_conflict"]), str(r["q4_material_conflict"]),
            f"{r['goldstein_mean']:+.2f}", str(r["articles"]),
        )
    console.print(table)


# (key of analytics.event_counts, label, what holds it or why it is left out): 80 columns wide
COUNT_LINES = (
    ("events", "events", "events, export jsonl and parquet"),
    ("occurred", "  occurred", ""),
    ("planned", "  planned", ""),
    ("hypothetical", "  hypothetical", "not counted below (--all-statuses)"),
    ("negated", "  negated", "not counted below (--all-statuses)"),
    ("unresolved_actor", "  an actor without country/IGO", "not counted below: no key"),
    ("merged", "  reported again elsewhere", "merged: one event counts once"),
    ("distinct_events", "distinct events", "export gdelt, actors"),
    ("dyad_events", "  between two actors", "dyads, dyad, export graphml"),
    ("same_actor", "  one actor on both sides", "not in dyads (domestic)"),
    ("actors", "actors", "countries and IGOs"),
)


def stats_cmd(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Documents, events, distinct events and date ranges, and how many events each export and query holds."""
    with _open(db) as store:
        info = analytics.overview(store.con)
    if as_json:
        sys.stdout.write(json.dumps(info, ensure_ascii=False, default=str) + "\n")
        return
    table = Table(show_header=False, box=None)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(style="dim")
    table.add_row("documents", f"{info['documents']:,}",
                  f"published {info['published_from'] or '?'} … {info['published_to'] or '?'}")
    counts = info["counts"]
    for key, label, note in COUNT_LINES:
        table.add_row(label, f"{counts[key]:,}", note)
    table.add_row("event dates", "", f"{info['event_dates_from'] or '?'} … {info['event_dates_to'] or '?'}")
    console.print(table)


# --- export ---------------------------------------------------------------------------


def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=" · ".join(
        f"{f.name}: {f.help}" for f in exports.EXPORTS.values()))],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (folder for parquet).")] = None,
    db: DbOption = None,
    all_statuses: Annotated[bool, typer.Option(
        "--all-statuses", help="gdelt and graphml: add hypothetical and negated events (jsonl and parquet hold "
        "every status already).")] = False,
) -> None:
    """Export events in one of the registered formats (exports.EXPORTS).

    jsonl and parquet hold every stored event; gdelt and graphml hold distinct events, occurred or
    planned, between actors with a country or IGO. `marsad stats` shows how many each step leaves out.
    """
    spec = exports.export_format(fmt)
    if output is not None:
        check_output(output, folder=spec.write_folder is not None)
    if spec.write_folder is not None:
        if output is None:
            raise ParamError("output", f"{spec.name} needs -o FOLDER")
        with _open(db) as store:
            spec.write_folder(store.con, output, all_statuses=all_statuses)
    else:
        assert spec.write_text is not None
        with _open(db) as store:
            if output is None:
                spec.write_text(store.con, sys.stdout, all_statuses=all_statuses)
            else:
                with output.open("w", encoding="utf-8", newline="\n") as f:
                    spec.write_text(store.con, f, all_statuses=all_statuses)
    if output is not None:
        err_console.print(f"{spec.name} written to {output}")


def register(app: typer.Typer) -> None:
    """Add the database commands to the main `marsad` app."""
    app.command("ingest")(checked(ingest_cmd))
    app.command("events")(checked(events_cmd))
    for name, command in (("dyad", dyad_cmd), ("actors", actors_cmd), ("dyads", dyads_cmd)):
        app.command(name, help=f"{command.__doc__}\n\n{COUNTS_NOTE}")(checked(command))
    app.command("stats")(checked(stats_cmd))
    app.command("export")(checked(export_cmd))


__all__ = ["register"]
