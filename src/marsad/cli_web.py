"""The web commands of the `marsad` CLI: `serve` (API and dashboard) and `report` (one offline HTML file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli_db import DbOption, _open, err_console
from marsad.cli_errors import check_output, checked

TOKEN_ENV = "MARSAD_API_TOKEN"


def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    cors_origin: Annotated[list[str] | None, typer.Option(
        help="An origin allowed to read the API from a browser (repeatable); none by default.")] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="A Host header the server answers to (repeatable); on loopback, loopback names by default.")] = None,
) -> None:
    """Serve the REST API (/api, OpenAPI at /api/openapi.json) and the dashboard.

    Read-only unless MARSAD_API_TOKEN is set: then POST /api/documents codes and stores documents
    sent with that bearer token. See SECURITY.md before exposing it beyond this machine.
    """
    import uvicorn

    from marsad.api.app import ServerError, create_app, default_hosts

    token = os.environ.get(TOKEN_ENV) or None
    try:
        app = create_app(db, token=token, cors_origins=cors_origin or (),
                         allowed_hosts=allowed_host or default_hosts(host))
    except ServerError as exc:
        err_console.print(f"[red]error[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    mode = "read-write (token set)" if token else "read-only"
    err_console.print(f"Marsad on http://{host}:{port}/ ({mode}, {app.state.store.path})", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", limit_concurrency=512, timeout_keep_alive=5,
                server_header=False)


def report_cmd(
    dyad: Annotated[tuple[str, str], typer.Option(help="Two actor keys: --dyad AZE ISR.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")],
    db: DbOption = None,
    by: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    lang: Annotated[str, typer.Option(help="en or ar.")] = "en",
) -> None:
    """The dyad explorer as one self-contained HTML file that works offline (chart, events, downloads)."""
    from marsad.api.report import dyad_report

    check_output(output)
    with _open(db) as store:
        html = dyad_report(store.con, dyad[0], dyad[1], by=by, lang=lang, db_name=Path(store.path).name)
    output.write_text(html, encoding="utf-8")
    err_console.print(f"report written to {output} ({len(html.encode()) / 1e6:.1f} MB)", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(checked(serve_cmd))
    app.command("report")(checked(report_cmd))
