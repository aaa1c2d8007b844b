"""The `marsad` command line: a thin surface over the coder, the scorer and the store."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marsad.cli_errors import check_output, checked, published_option
from marsad.cli_run import WorkersOption, workers_for
from marsad.model import Document

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): Arabic news → political event data (CAMEO/PLOVER), natively.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()


def package_version() -> str:
    """The installed distribution's version (what pip installed), else the source tree's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("marsad")
    except PackageNotFoundError:
        from marsad import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        print(f"marsad {package_version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool | None, typer.Option("--version", callback=_print_version, is_eager=True,
                                                 help="Print the version and exit.")] = None,
) -> None:
    """Marsad (مرصد): Arabic news → political event data (CAMEO/PLOVER), natively."""


@app.command("code")
@checked
def code_cmd(
    inputs: Annotated[list[str], typer.Argument(help="JSONL of documents, .txt files, folders, or - for stdin")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="event JSON Lines (stdout if omitted)")] = None,
    published: Annotated[str | None, typer.Option(
        help="publication date for inputs without one (ISO date or date-time, RFC 822)")] = None,
    workers: WorkersOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, or parquet (needs -o)")] = "jsonl",
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="no progress bar")] = False,
) -> None:
    """Code Arabic articles into event records (JSON Lines of the contract, or Parquet)."""
    from marsad.cli_run import input_measure, run_progress, tracker
    from marsad.ingest import IngestError, read_paths
    from marsad.run import JsonlSink, ParquetSink, Sink, Workers, run

    published = published_option(published)
    if fmt not in ("jsonl", "parquet"):
        raise typer.BadParameter("--format must be jsonl or parquet")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet needs -o FILE")
    if output is not None:
        check_output(output)
    total, meter = input_measure(inputs)

    def report(e: IngestError) -> None:
        err.print(f"[red]error[/red] {e}" if e.fatal else f"[yellow]warning[/yellow] {e}", highlight=False,
                  soft_wrap=True)

    started = time.perf_counter()
    stream = output.open("w", encoding="utf-8") if output and fmt == "jsonl" else sys.stdout
    sink: Sink = ParquetSink(output) if fmt == "parquet" and output else JsonlSink(stream)
    try:
        with Workers(workers_for(workers, total)) as pool, \
                run_progress(err, disable=quiet or output is None, transient=True, by_bytes=meter is not None
                             ) as progress:
            items = read_paths(inputs, published=published, stdin=sys.stdin.buffer, meter=meter)
            stats = run(items, sink, pool, on_progress=tracker(progress, "coding", total, meter), on_error=report)
    finally:
        if stream is not sys.stdout:
            stream.close()
    took = time.perf_counter() - started
    err.print(f"{stats.coded} documents, {stats.events} events, {len(stats.failed)} errors in {took:.1f}s",
              highlight=False)
    if stats.coded == 0:
        raise typer.Exit(1)


@app.command("spark")
@checked
def spark_cmd(
    source: Annotated[str, typer.Argument(metavar="INPUT", help="Hadoop path: a file, folder or glob of .jsonl/.txt/.html/.warc")],
    output: Annotated[str, typer.Argument(help="Hadoop path of the output folder (year=YYYY/month=M/...)")],
    master: Annotated[str, typer.Option(help="Spark master: local[*], local[4], yarn, spark://host:7077")] = "local[*]",
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, jsonl (the contract) or gdelt")] = "parquet",
    published: Annotated[str | None, typer.Option(
        help="publication date for inputs without one (ISO date or date-time, RFC 822)")] = None,
    partitions: Annotated[int | None, typer.Option(min=1, help="coding tasks (default: Spark's parallelism)")] = None,
    overwrite: Annotated[bool, typer.Option(help="replace OUTPUT if it exists")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="no progress bar")] = False,
) -> None:
    """Code a corpus on Apache Spark (needs `pip install 'marsad[spark]'` and Java 17+)."""
    import shutil

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    try:
        from marsad import spark as job
    except ImportError as e:
        err.print(f"[red]error[/red] PySpark is not installed ({e}): pip install 'marsad[spark]'", highlight=False)
        raise typer.Exit(2) from None
    published = published_option(published)
    if fmt not in job.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(job.FORMATS)}")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        err.print("[red]error[/red] Spark needs Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)")
        raise typer.Exit(2)
    started = time.perf_counter()
    spark = job.session(master)
    progress = Progress(TextColumn("[bold]spark[/bold] {task.fields[stage]}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, disable=quiet, transient=True)
    try:
        with progress, job.StageProgress(spark, progress):
            stats = job.code_to(spark, source, output, fmt, published=published, partitions=partitions,
                                overwrite=overwrite)
    except (FileNotFoundError, ValueError) as e:
        err.print(f"[red]error[/red] {e}", highlight=False)
        raise typer.Exit(2) from None
    except Exception as e:
        if type(e).__name__ != "AnalysisException":
            raise
        err.print(f"[red]error[/red] {str(e).splitlines()[0]}", highlight=False)
        raise typer.Exit(2) from None
    for message in stats.messages:
        err.print(message, highlight=False, soft_wrap=True)
    rows = f", {stats.rows} distinct events" if fmt == "gdelt" else ""
    err.print(f"{stats.documents} documents, {stats.events} events{rows}, {stats.errors} errors "
              f"in {time.perf_counter() - started:.1f}s → {output}", highlight=False)
    if stats.documents == 0:
        raise typer.Exit(1)


@app.command()
@checked
def evaluate(
    gold_dirs: Annotated[list[Path], typer.Argument(help="folders of gold JSON files (contract format), scored together")],
    by_file: Annotated[bool, typer.Option("--by-file", help="per-article matches, misses and false positives")] = False,
    by_rule: Annotated[bool, typer.Option("--by-rule", help="events made and precision of every pattern, argument "
                                          "and date rule")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="the report as JSON")] = False,
) -> None:
    """Code the gold articles and score them (dated, undated and quad P/R/F1)."""
    from marsad.coder import code
    from marsad.evaluate import (
        code_gold,
        format_report,
        format_rules,
        load_gold,
        report_to_json,
        score,
        score_rules,
    )

    for d in gold_dirs:
        if not d.is_dir():
            err.print(f"[red]error[/red] {d}: not a folder")
            raise typer.Exit(2)
    gold = [g for d in gold_dirs for g in load_gold(d)]
    predictions = code_gold(gold, code)
    report = score(gold, predictions)
    rules = score_rules(gold, predictions) if by_rule else None
    if as_json:
        data = report_to_json(report)
        if rules is not None:
            data["rules"] = {name: {**vars(s), "precision": s.precision} for name, s in rules.items()}
        out.print_json(json.dumps(data, ensure_ascii=False))
        return
    if rules is not None:
        print(format_rules(rules))
        print()
    print(format_report(report, by_file))


def read_argument_file(path: Path) -> str:
    """The text of a file named on the command line, in whatever encoding it has (as `code` reads .txt)."""
    from marsad.errors import InputError
    from marsad.ingest.encoding import DecodeError, decode_bytes

    try:
        return decode_bytes(path.read_bytes()).text
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}; give Arabic text, or @FILE naming a readable file") \
            from None
    except DecodeError as exc:
        raise InputError(f"cannot read {path}: {exc}; give @FILE a text file") from None


@app.command()
@checked
def explain(
    text: Annotated[str, typer.Argument(help="Arabic text, or @FILE to read it from a file")],
    published: Annotated[str | None, typer.Option(help="publication date (ISO date or date-time, RFC 822)")] = None,
) -> None:
    """Show each event with the pattern, the words that filled its slots, its date and status cue."""
    from marsad.coder import code_detailed

    published = published_option(published)
    if text.startswith("@"):
        text = read_argument_file(Path(text[1:]))
    coded = code_detailed(Document(id="explain", text=text, published=published))
    if not coded:
        out.print("no event found")
        return
    for i, c in enumerate(coded, start=1):
        e = c.event
        t = Table(title=f"{i}. {e.source.code or e.source.key} → {e.target.code or e.target.key}  "
                        f"CAMEO {e.cameo} ({e.plover or '-'}, Goldstein {e.goldstein:+.1f})  {e.status}",
                  show_header=False, title_justify="left")
        t.add_row("pattern", f"{e.pattern_id}  trigger «{e.trigger}» {list(e.trigger_span or ())}")
        t.add_row("source", f"«{e.source.text}» → {e.source.key or 'unresolved'}  ({c.args.how})")
        t.add_row("target", f"«{e.target.text}» → {e.target.key or 'unresolved'}")
        t.add_row("date", f"{e.date} ({e.date_basis}{': «' + c.date.text + '»' if c.date.text else ''})")
        t.add_row("status cue", c.status_cue or "-")
        t.add_row("attribution", e.attribution or "-")
        t.add_row("sentence", e.sentence)
        out.print(t)


@app.command()
@checked
def knowledge() -> None:
    """Load, validate and count the knowledge files."""
    from marsad.knowledge.stats import knowledge_stats

    t = Table("file", "records")
    for name, n in knowledge_stats().items():
        t.add_row(name, f"{n:,}")
    out.print(t)


def _register_db_commands() -> None:
    from marsad.cli_db import register
    from marsad.cli_web import register as register_web

    register(app)
    register_web(app)


_register_db_commands()


def main() -> None:
    from marsad.errors import ExitStatus, MarsadError
    from marsad.knowledge.errors import KnowledgeError

    try:
        app()
    except KnowledgeError as e:  # a broken data file: say which line, not a traceback
        err.print(f"[red]knowledge error[/red] {e}", highlight=False)
        raise SystemExit(ExitStatus.KNOWLEDGE) from None
    except MarsadError as e:  # raised outside a command's own handler (checked)
        err.print(f"[red]error[/red] {e}", highlight=False, soft_wrap=True)
        raise SystemExit(e.status) from None

if __name__ == "__main__":
    main()
