"""The same pipeline on Apache Spark (the optional extra `marsad[spark]`).

Documents are read from any Hadoop-compatible path (JSON Lines split by line, other files whole), each
partition is coded by the one batch loop of `marsad.run` (the knowledge is loaded once per Python
worker, which Spark reuses from task to task), and the events are written partitioned by year and
month, as Parquet, contract JSON Lines or GDELT 2.0 rows (one per distinct event across articles).

    marsad spark hdfs:///news/2015/ s3a://bucket/events --format parquet --master yarn
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pyspark import RDD, StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from marsad.ingest import DEFAULT_MAX_CHARS, IngestError
from marsad.ingest.sources import file_kind, finish, jsonl_line, read_stream
from marsad.model import Document, Event
from marsad.run import Sink, Workers, Written, run
from marsad.store.db import EXPORT_SCHEMA, export_row, unique_events
from marsad.store.exports import GDELT_COLUMNS, gdelt_row

FORMATS = ("parquet", "jsonl", "gdelt")


# --- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InputFile:
    uri: str  # as Hadoop names it (file:/..., hdfs://..., s3a://...)
    rel: str  # the id of a one-document file: its path below the input folder, as `marsad code` gives it
    kind: str


def list_inputs(spark: SparkSession, path: str) -> list[InputFile]:
    """Files of a known kind under `path` (a file, a folder or a glob), sorted, through Hadoop's FileSystem."""
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()  # type: ignore[attr-defined]
    pattern = jvm.org.apache.hadoop.fs.Path(path)
    fs = pattern.getFileSystem(conf)
    out: list[InputFile] = []
    for status in fs.globStatus(pattern) or []:
        root = status.getPath()
        if not status.isDirectory():
            kind = file_kind_of(root.getName())
            if kind is not None:
                out.append(InputFile(root.toString(), root.getName(), kind))
            continue
        prefix = root.toString().rstrip("/") + "/"
        found = []
        files = fs.listFiles(root, True)
        while files.hasNext():
            uri = files.next().getPath().toString()
            kind = file_kind_of(uri)
            if kind is not None:
                found.append(InputFile(uri, uri.removeprefix(prefix), kind))
        out.extend(sorted(found, key=lambda f: f.rel))
    return out


def file_kind_of(name: str) -> str | None:
    from pathlib import PurePosixPath

    return file_kind(PurePosixPath(name))  # type: ignore[arg-type]


# An input record: (file number, line or 0, Document or IngestError). The position orders repeats.
Record = tuple[int, int, Document | IngestError]


def _jsonl_records(spark: SparkSession, files: list[tuple[int, InputFile]]) -> tuple[RDD[Record], list[IngestError]]:
    """JSON Lines split by Hadoop, each line numbered within its file (one counting pass for all files)."""
    sc = spark.sparkContext
    parts = [(n, f, sc.textFile(f.uri, use_unicode=False)) for n, f in files]
    owners = [(n, f.uri) for n, f, rdd in parts for _ in range(rdd.getNumPartitions())]
    lines = sc.union([rdd for _, _, rdd in parts])
    counts = lines.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
    first: list[int] = []  # the line number each partition starts at, within its file
    for i, (n, _) in enumerate(owners):
        first.append(1 if i == 0 or owners[i - 1][0] != n else first[-1] + counts[i - 1])
    lines_in: dict[int, int] = {}
    for (n, _), c in zip(owners, counts, strict=True):
        lines_in[n] = lines_in.get(n, 0) + c
    empty = [IngestError(f.uri, None, "empty file") for n, f, _ in parts if not lines_in.get(n)]

    def number(i: int, raw_lines: Iterable[bytes]) -> Iterator[Record]:
        n, uri = owners[i]
        for k, raw in enumerate(raw_lines, start=first[i]):
            if k == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if raw.strip():
                for item in jsonl_line(raw, uri, k):
                    yield n, k, item

    return lines.mapPartitionsWithIndex(number), empty


def read_records(spark: SparkSession, files: list[InputFile], published: str | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS) -> tuple[RDD[Record], list[IngestError]]:
    """Every document and read error under the input, with its position; plus errors found on the driver."""
    sc = spark.sparkContext
    numbered = list(enumerate(files))
    rdds: list[RDD[Record]] = []
    errors: list[IngestError] = []
    jsonl = [(n, f) for n, f in numbered if f.kind == "jsonl"]
    if jsonl:
        rdd, errors = _jsonl_records(spark, jsonl)
        rdds.append(rdd)
    whole = {f.uri: (n, f.rel) for n, f in numbered if f.kind != "jsonl"}
    if whole:
        def items(pair: tuple[str, bytes]) -> Iterator[Record]:
            n, rel = whole[pair[0]]
            for k, item in enumerate(read_stream(io.BytesIO(pair[1]), pair[0], rel)):
                yield n, k, item

        rdds.append(sc.binaryFiles(",".join(whole)).flatMap(items))

    def finished(rec: Record) -> Iterator[Record]:
        n, k, item = rec
        if isinstance(item, IngestError):
            yield rec
        else:
            for out in finish(item, files[n].uri, max_chars, published):
                yield n, k, out

    return sc.union(rdds).flatMap(finished), errors


def first_copies(records: RDD[Record], partitions: int) -> RDD[Record]:
    """One document per text (a repeat of an earlier article's text, by input position, is dropped), spread
    over `partitions` for coding: one shuffle does both. Read errors travel along under keys of their own."""
    def key(r: Record) -> tuple[Any, ...]:
        item = r[2]
        return (item.content_hash,) if isinstance(item, Document) else ("error", r[0], r[1], str(item))

    return records.keyBy(key).reduceByKey(lambda a, b: a if a[:2] <= b[:2] else b, partitions).values()


# --- coding: the run loop on each partition -----------------------------------------------------------


class CollectSink(Sink):
    """Keeps what a partition's documents give, in the shape the output format needs."""

    def __init__(self, fmt: str, added: datetime) -> None:
        self.fmt, self.added = fmt, added
        self.rows: list[tuple[Any, ...]] = []

    def write(self, coded: list[tuple[Document, list[Event]]]) -> Written:
        n = 0
        for doc, events in coded:
            for e in unique_events(events):
                self.rows.append(("event", *event_output(self.fmt, doc, e, self.added)))
                n += 1
        return Written(len(coded), n)


_EXPORT_COLUMNS = [f.name for f in EXPORT_SCHEMA]


def event_output(fmt: str, doc: Document, e: Event, added: datetime) -> tuple[Any, ...]:
    """An event as a row of the format's DataFrame (see output_schema)."""
    row = export_row(doc, e)
    if fmt == "jsonl":
        return e.to_json(), row["year"], row["month"]
    if fmt == "parquet":
        return tuple(row[c] for c in _EXPORT_COLUMNS)
    # GDELT: the row as the store would write it if this event represented itself alone; the counts
    # across articles are filled in after the events are grouped (distinct_events)
    row.update(rep_id=e.event_id, day=e.date, doc_text=doc.text, ingested_at=added,
               num_mentions=0, num_sources=0, num_articles=0)
    return (e.event_id, e.doc_id, e.status, row["source_key"], row["target_key"], e.cameo, e.date, row["outlet"],
            doc.published, 1 + len(e.mentions), row["year"], row["month"], "\t".join(gdelt_row(row)))


def code_partition(fmt: str, added: datetime, records: Iterable[Record]) -> Iterator[tuple[Any, ...]]:
    """("event", ...) rows, ("error", message, fatal) rows and one ("coded", n) row per partition."""
    sink = CollectSink(fmt, added)
    stats = run((item for _, _, item in records), sink, Workers(1))
    yield from sink.rows
    for error in stats.errors:
        yield "error", str(error), error.fatal
    yield "coded", stats.coded


# --- writing ------------------------------------------------------------------------------------------

_ARROW_TO_SPARK = {"string": T.StringType(), "int32": T.IntegerType(), "int8": T.ByteType(), "double": T.DoubleType()}
EXPORT_STRUCT = T.StructType([T.StructField(f.name, _ARROW_TO_SPARK[str(f.type)]) for f in EXPORT_SCHEMA])
TEXT_STRUCT = T.StructType([T.StructField("value", T.StringType()), T.StructField("year", T.IntegerType()),
                            T.StructField("month", T.IntegerType())])
GDELT_STRUCT = T.StructType(
    [T.StructField(name, T.StringType()) for name in ("event_id", "doc_id", "status", "source_key", "target_key",
                                                      "cameo", "date", "outlet", "seen")]
    + [T.StructField(name, T.IntegerType()) for name in ("n_mentions", "year", "month")]
    + [T.StructField("gdelt", T.StringType())]
)
_COUNTS = [GDELT_COLUMNS.index(c) for c in ("NumMentions", "NumSources", "NumArticles")]


def output_schema(fmt: str) -> T.StructType:
    return {"jsonl": TEXT_STRUCT, "parquet": EXPORT_STRUCT, "gdelt": GDELT_STRUCT}[fmt]


def distinct_events(events: DataFrame, today: str) -> DataFrame:
    """GDELT's unit: one row per (source, target, code, day) across articles, as the store's distinct_events view.

    Only asserted and planned events with both actors resolved count; an undated one stays its article's.
    The representative is the event of the earliest article (by publication day, then event id).
    """
    seen = F.coalesce(F.col("seen"), F.lit(today))
    keyed = events.where(F.col("status").isin("occurred", "planned") & F.col("source_key").isNotNull()
                         & F.col("target_key").isNotNull()).withColumn("seen", seen)
    groups = keyed.groupBy("source_key", "target_key", "cameo", "date",
                           F.when(F.col("date").isNull(), F.col("doc_id")).alias("undated_doc")).agg(
        F.min_by("event_id", F.concat("seen", "event_id")).alias("rep_id"),
        F.sum("n_mentions").alias("num_mentions"),
        F.count_distinct("doc_id").alias("num_articles"),
        F.count_distinct(F.coalesce("outlet", F.lit(""))).alias("num_sources"),
        F.min("seen").alias("first_seen"),
    ).select("rep_id", "num_mentions", "num_articles", "num_sources", "first_seen")
    return groups.join(events, groups.rep_id == events.event_id)


def gdelt_lines(reps: DataFrame) -> DataFrame:
    """The 61 tab-separated GDELT fields of each distinct event, with its counts across articles."""
    def line(r: Any) -> tuple[str, int, int]:
        fields = r.gdelt.split("\t")
        for i, n in zip(_COUNTS, (r.num_mentions, r.num_sources, r.num_articles), strict=True):
            fields[i] = str(n)
        return "\t".join(fields), r.year, r.month

    ordered = reps.sortWithinPartitions("first_seen", "rep_id")
    return ordered.rdd.map(line).toDF(TEXT_STRUCT)


@dataclass
class SparkStats:
    documents: int = 0  # coded
    events: int = 0  # coded
    rows: int = 0  # written: events, or distinct events across articles for gdelt
    errors: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)  # the first error messages, for the console


def code_to(spark: SparkSession, source: str, output: str, fmt: str = "parquet", *, published: str | None = None,
            max_chars: int = DEFAULT_MAX_CHARS, partitions: int | None = None, overwrite: bool = False,
            show: int = 20) -> SparkStats:
    """Read, code and write: the whole job. Errors go to OUTPUT/_errors (one line each) as well."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    sc = spark.sparkContext
    files = list_inputs(spark, source)
    if not files:
        raise FileNotFoundError(f"{source}: no .jsonl, .txt, .html, .rss, .atom, .xml or .warc(.gz) files")
    records, driver_errors = read_records(spark, files, published, max_chars)
    # Coding is the cost: spread it over every core (or the tasks asked for).
    records = first_copies(records, partitions or max(sc.defaultParallelism, records.getNumPartitions()))
    added = datetime.now(UTC).replace(tzinfo=None)  # GDELT's DATEADDED, the store's ingested_at
    out = records.mapPartitions(lambda it: code_partition(fmt, added, it)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = out.map(lambda r: (r[0], r[1] if r[0] == "coded" else 1)).reduceByKey(lambda a, b: a + b)
        totals = counts.collectAsMap()
        stats = SparkStats(documents=totals.get("coded", 0), events=totals.get("event", 0))
        events = spark.createDataFrame(out.filter(lambda r: r[0] == "event").map(lambda r: r[1:]), output_schema(fmt))
        if fmt == "gdelt":
            events = gdelt_lines(distinct_events(events, added.date().isoformat()))
        mode = "overwrite" if overwrite else "errorifexists"
        writer = events.write.mode(mode).partitionBy("year", "month")
        if fmt == "parquet":
            writer.parquet(output)
        else:
            writer.text(output)
        stats.rows = stats.events if fmt != "gdelt" else spark.read.text(output).count()
        errors = out.filter(lambda r: r[0] == "error").map(lambda r: (r[1], r[2]))
        if driver_errors:
            errors = errors.union(sc.parallelize([(str(e), e.fatal) for e in driver_errors]))
        counted = errors.map(lambda e: (e[1], 1)).reduceByKey(lambda a, b: a + b).collectAsMap()
        stats.errors, stats.warnings = counted.get(True, 0), counted.get(False, 0)
        if stats.errors or stats.warnings:
            errors.map(lambda e: ("error " if e[1] else "warning ") + e[0]).saveAsTextFile(output.rstrip("/") + "/_errors")
            stats.messages = [("error " if fatal else "warning ") + m for m, fatal in errors.take(show)]
    finally:
        out.unpersist()
    return stats


# --- the session --------------------------------------------------------------------------------------


def session(master: str | None = None, app: str = "marsad") -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (with marsad installed)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if (master or "local").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # one machine: no need to look for a network
        builder = (builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "8"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class StageProgress:
    """Moves a Rich progress bar with the tasks of Spark's active stages (polled from the status tracker)."""

    def __init__(self, spark: SparkSession, progress: Any, every: float = 0.5) -> None:
        self.tracker = spark.sparkContext.statusTracker()
        self.progress, self.every = progress, every
        self.task = progress.add_task("spark", total=None, stage="")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> StageProgress:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(self.every):
            infos = [self.tracker.getStageInfo(s) for s in self.tracker.getActiveStageIds()]
            infos = [i for i in infos if i is not None]
            if infos:
                total = sum(i.numTasks for i in infos)
                done = sum(i.numCompletedTasks for i in infos)
                names = ", ".join(sorted({i.name.split(" at ")[0] for i in infos}))
                self.progress.update(self.task, total=total, completed=done, stage=names)


__all__ = ["FORMATS", "SparkStats", "StageProgress", "code_to", "list_inputs", "read_records", "session"]
