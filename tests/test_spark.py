"""The Spark job in local mode on the bundled examples: the same records as `marsad code`, the same
distinct events as the store's GDELT export, partitioned by year and month. One SparkSession for the module."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from marsad import spark as job
from marsad.cli import app
from marsad.ingest import read_paths
from marsad.run import ingest
from marsad.store import Store
from marsad.store.db import partition_of
from marsad.store.exports import GDELT_COLUMNS, export_gdelt, export_parquet

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def spark():
    session = job.session("local[2]")
    yield session
    session.stop()


def part_lines(folder: Path) -> dict[tuple[str, str], list[str]]:
    """Lines of a partitioned text output by (year=..., month=...) folder."""
    out: dict[tuple[str, str], list[str]] = {}
    for part in folder.glob("year=*/month=*/part-*"):
        key = (part.parent.parent.name, part.parent.name)
        out.setdefault(key, []).extend(part.read_text(encoding="utf-8").splitlines())
    return out


def test_spark_jsonl_equals_marsad_code_record_for_record(spark, tmp_path: Path) -> None:
    expected = tmp_path / "code.jsonl"
    r = subprocess.run([sys.executable, "-m", "marsad", "code", str(EXAMPLES), "-o", str(expected)],
                       capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    lines = expected.read_text(encoding="utf-8").splitlines()

    stats = job.code_to(spark, str(EXAMPLES), str(tmp_path / "out"), "jsonl")
    parts = part_lines(tmp_path / "out")
    got = [line for part in parts.values() for line in part]
    assert sorted(got) == sorted(lines) and len(lines) > 90
    assert (stats.documents, stats.events, stats.errors) == (25, len(lines), 0)
    for (year, month), part in parts.items():
        for line in part:
            event = json.loads(line)
            published = next(d.published for d in read_paths([EXAMPLES]) if d.id == event["doc_id"])
            assert (year, month) == tuple(f"{k}={v}" for k, v in zip(("year", "month"),
                                                                       partition_of(event["date"], published),
                                                                       strict=True))


def test_spark_gdelt_rows_are_the_stores_distinct_events(spark, tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, read_paths([EXAMPLES]))
        with (tmp_path / "store.tsv").open("w", encoding="utf-8") as f:
            export_gdelt(store.con, f)
    stats = job.code_to(spark, str(EXAMPLES), str(tmp_path / "gdelt"), "gdelt")
    added = GDELT_COLUMNS.index("DATEADDED")

    def rows(lines: list[str]) -> list[list[str]]:
        return sorted([c for i, c in enumerate(line.split("\t")) if i != added] for line in lines)

    store_rows = rows((tmp_path / "store.tsv").read_text(encoding="utf-8").splitlines())
    spark_lines = [line for part in part_lines(tmp_path / "gdelt").values() for line in part]
    assert all(len(line.split("\t")) == 61 for line in spark_lines)
    assert rows(spark_lines) == store_rows and stats.rows == len(store_rows) > 50
    assert stats.rows < stats.events  # reports of one event across articles count once


def test_spark_command_writes_parquet_and_reports_bad_input(spark, tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(EXAMPLES, corpus)
    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as f:
        f.write("{broken\n")
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "parquet"
    result = CliRunner().invoke(app, ["spark", str(corpus), str(out), "--format", "parquet", "--master", "local[2]",
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    assert "25 documents" in result.output and "2 errors" in result.output
    assert "articles.jsonl:25: malformed JSON" in result.output and "empty.txt: empty file" in result.output
    saved = (out / "_errors").glob("part-*")
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) for p in saved) == 2
    table = duckdb.sql(f"SELECT * FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)")
    rows = {r[0]: dict(zip(table.columns, r, strict=True)) for r in table.fetchall()}
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, read_paths([EXAMPLES]))
        export_parquet(store.con, tmp_path / "export")
    exported = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path}/export/**/*.parquet', hive_partitioning = true)")
    expected = {r[0]: dict(zip(exported.columns, r, strict=True)) for r in exported.fetchall()}
    assert rows == expected and len(rows) > 90

    again = CliRunner().invoke(app, ["spark", str(corpus), str(out), "--quiet"])
    assert again.exit_code == 2 and "already exists" in again.output
