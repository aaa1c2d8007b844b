"""marsad.run, the one batch loop: the real coder on the bundled examples, one worker or a pool, three sinks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from marsad.coder import code
from marsad.ingest import IngestError, count_inputs, read_paths
from marsad.model import Document, Event
from marsad.run import CHUNK, JsonlSink, ParquetSink, Workers, ingest, run
from marsad.store import Store
from marsad.store.db import partition_of
from marsad.store.exports import export_parquet

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"


def example_docs() -> list[Document]:
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()
    return [Document.from_dict(json.loads(x)) for x in lines if x.strip()]


def many_docs() -> list[Document]:
    """The examples three times over, with ids of their own: several chunks for every worker."""
    return [Document(f"{d.id}-{k}", d.text + f"\n{k}", d.published, d.source, d.extra)
            for k in range(3) for d in example_docs()]


def coded_jsonl(docs: list[Document], workers: int, batch_size: int = 500) -> str:
    out = io.StringIO()
    with Workers(workers) as pool:
        stats = run(docs, JsonlSink(out), pool, batch_size=batch_size)
    assert stats.failed == [] and stats.coded == len(docs)
    return out.getvalue()


def test_a_pool_writes_the_same_bytes_as_one_worker() -> None:
    docs = many_docs()
    assert len(docs) > 2 * CHUNK
    one = coded_jsonl(docs, 1)
    assert one == "".join(e.to_json() + "\n" for d in docs for e in code(d))
    assert coded_jsonl(docs, 2, batch_size=7) == one
    assert len(one.splitlines()) > 200


def fails_on_ex03(doc: Document) -> list[Event]:
    if doc.id.startswith("ex-03"):
        raise ValueError("a broken rule")
    return code(doc)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_coder_crash_costs_that_document_only(workers: int) -> None:
    docs = many_docs()
    out, errors = io.StringIO(), []
    with Workers(workers, fails_on_ex03) as pool:
        stats = run(docs, JsonlSink(out), pool, batch_size=10, on_error=errors.append)
    failed = [d.id for d in docs if d.id.startswith("ex-03")]
    assert [e.path for e in stats.failed] == failed == [e.path for e in errors]
    assert all(e.message == "coder failed: ValueError: a broken rule" for e in errors)
    assert stats.coded == len(docs) - 3
    expected = "".join(e.to_json() + "\n" for d in docs if not d.id.startswith("ex-03") for e in code(d))
    assert out.getvalue() == expected


def test_read_errors_pass_through_in_order(tmp_path: Path) -> None:
    good = {"id": "ok", "text": "زار الرئيس التركي القاهرة أمس.", "published": "2024-01-02"}
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    seen: list[IngestError] = []
    out = io.StringIO()
    stats = run(read_paths([path]), JsonlSink(out), on_error=seen.append)
    assert (stats.read, stats.coded, [str(e) for e in seen]) == (1, 1, [f"{path}:2: malformed JSON: Expecting "
                                                                        "property name enclosed in double quotes "
                                                                        "(column 2)"])
    assert {json.loads(x)["doc_id"] for x in out.getvalue().splitlines()} == {"ok"}


def test_ingest_with_a_pool_equals_one_worker_and_skips_repeats_across_batches(tmp_path: Path) -> None:
    docs = many_docs()
    # Repeats of earlier documents land in later batches while those are still being coded.
    repeats = [Document("copy-" + d.id, d.text, d.published) for d in docs[:8]]
    items = docs[:10] + repeats + docs[10:]
    counts = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            stats = ingest(store, items, workers=workers, batch_size=4)
            assert (stats.read, stats.stored, stats.skipped, stats.errors) == (len(items), len(docs), 8, [])
            counts[workers] = store.counts()
            rows = store.con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY doc_id").fetchall()
            events = store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
            counts[workers]["rows"] = hash((tuple(rows), tuple(events)))
    assert counts[1] == counts[2]
    assert counts[1]["events"] > 200


def test_parquet_sink_writes_the_rows_of_the_parquet_export(tmp_path: Path) -> None:
    docs = example_docs()
    with Workers(1) as pool:
        stats = run(docs, ParquetSink(tmp_path / "events.parquet"), pool)
    sink_rows = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert stats.events == len(sink_rows) > 50
    with Store(tmp_path / "s.duckdb") as store:
        ingest(store, docs)
        export_parquet(store.con, tmp_path / "export")
    exported = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path}/export/**/*.parquet', hive_partitioning = true)")
    columns = exported.columns
    export_rows = [dict(zip(columns, r, strict=True)) for r in exported.fetchall()]
    assert set(columns) == set(sink_rows[0])
    key = lambda r: r["event_id"]  # noqa: E731
    assert sorted(({k: r[k] for k in columns} for r in sink_rows), key=key) == sorted(export_rows, key=key)


def test_partition_of_event_date_then_publication() -> None:
    assert partition_of("2009-03-02", "2015-07-21") == (2009, 3)
    assert partition_of("2009", "2015-07-21") == (2009, 7)
    assert partition_of("2015/2022", "2015-07-21") == (2015, 7)
    assert partition_of(None, "2015-07-21") == (2015, 7)
    assert partition_of(None, None) == (0, 0)


def test_count_inputs_knows_jsonl_and_text_but_not_feeds(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1}\n\n{"id": 2}\n  \n{bad\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص", encoding="utf-8")
    assert count_inputs([tmp_path]) == 4
    assert count_inputs([EXAMPLES]) == 24
    (tmp_path / "c.rss").write_text("<rss/>", encoding="utf-8")
    assert count_inputs([tmp_path]) is None


def test_code_command_workers_give_identical_bytes(tmp_path: Path) -> None:
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in many_docs()),
                      encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        r = subprocess.run([sys.executable, "-m", "marsad", "code", str(corpus), "-o", str(out), "--workers", workers],
                           capture_output=True, timeout=600)
        assert r.returncode == 0, r.stderr.decode()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 200


def test_progress_bar_has_a_total_and_an_eta(tmp_path: Path) -> None:
    """Documents when they can be counted; else bytes of the files read (feeds, web archives)."""
    import io
    import time

    from rich.console import Console

    from marsad.cli_run import input_measure, run_progress, tracker
    from marsad.run import RunStats

    def shown(by_bytes: bool, total: int | None, meter: object, stats: list[RunStats]) -> str:
        console = Console(file=io.StringIO(), width=200)
        with run_progress(console, by_bytes=by_bytes) as progress:
            update = tracker(progress, "ingest", total, meter)  # type: ignore[arg-type]
            for s in stats:
                update(s)
                time.sleep(0.3)  # the ETA needs a rate: progress over time
            line = Console(file=io.StringIO(), width=200)
            line.print(progress.get_renderable())
            return line.file.getvalue()  # type: ignore[attr-defined]

    total, meter = input_measure([str(EXAMPLES)])
    assert (total, meter) == (24, None)
    out = shown(False, total, None, [RunStats(read=n, coded=n) for n in (2, 4, 6)])
    assert "6/24" in out and "eta 0:00:" in out, out

    (tmp_path / "feed.rss").write_text("<rss><channel>" + "<item>خبر</item>" * 500 + "</channel></rss>",
                                       encoding="utf-8")
    total, meter = input_measure([str(tmp_path)])
    assert total is None and meter is not None and meter.total == (tmp_path / "feed.rss").stat().st_size
    assert input_measure(["-"]) == (None, None)
    list(read_paths([tmp_path], meter=meter))
    assert meter.done == meter.total
    class Reading:  # a meter half-way through 10 kB of feeds
        total = 10_000
        steps = iter([1_000, 3_000, 5_000])

        @property
        def done(self) -> int:
            return next(self.steps)

    out = shown(True, None, Reading(), [RunStats(), RunStats(), RunStats()])
    assert "5.0/10.0 kB" in out and "eta" in out and "-:--:--" not in out, out
