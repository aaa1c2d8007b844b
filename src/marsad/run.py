"""The one batch loop: documents in → `code` (here, or in a pool of worker processes) → a sink.

`marsad code`, `marsad ingest` and the Spark job all run documents through here; the store only
stores. Coding is pure and deterministic and results come back in input order, so N workers write
the same records, byte for byte, as one.

    with Workers(4) as workers:
        stats = run(read_paths(["corpus/"]), JsonlSink(open("events.jsonl", "w")), workers)
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from marsad.ingest import IngestError
from marsad.model import Document, Event
from marsad.store.db import DEFAULT_BATCH, Pending, Store, unique_events, write_batch

Coder = Callable[[Document], list[Event]]
Coded = tuple[Document, list[Event]]
Outcome = list[Event] | str  # a document's events, or why the coder failed on it

CHUNK = 32  # documents per task sent to a worker: enough to amortise the hand-over, small enough to keep order cheap
IN_FLIGHT = 4  # tasks queued per worker, so workers never wait while this process reads and writes


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# --- coding: here or in worker processes ------------------------------------------------------------


def _default_coder() -> Coder:
    # Looked up at call time, so the knowledge is the process's own (loaded once) and tests may patch it.
    import marsad.coder

    return lambda doc: marsad.coder.code(doc)


def code_one(doc: Document, coder: Coder) -> Outcome:
    """The document's events; a coder crash costs that document only."""
    try:
        return coder(doc)
    except Exception as exc:  # one bad document never stops a batch
        return f"coder failed: {type(exc).__name__}: {exc}"


_worker_coder: Coder | None = None


def _init_worker(coder: Coder | None) -> None:
    global _worker_coder
    _worker_coder = coder or _default_coder()


def _code_chunk(docs: list[Document]) -> list[Outcome]:
    assert _worker_coder is not None
    return [code_one(d, _worker_coder) for d in docs]


def warm_up() -> None:
    """Load everything the coder loads on first use (knowledge, gazetteer), here, once: forked workers inherit it,
    and a broken data file fails once, here, with its file and line."""
    import marsad.coder
    from marsad.knowledge import default_kb
    from marsad.knowledge.errors import KnowledgeError

    kb = default_kb()
    try:
        marsad.coder.code(Document("warm-up", "زار الرئيس التركي القاهرة أمس في أول زيارة إلى مصر.", "2015-07-21"), kb)
    except KnowledgeError:
        raise
    except Exception:  # noqa: S110 - a coder that fails reports it on every document, where it is useful
        pass


class Workers:
    """Codes chunks of documents in order: in this process (n=1) or in a pool of n processes.

    Each worker holds the knowledge once: it is loaded here before the pool forks (warm_up), so workers
    inherit it. Open the pool before starting any thread (a progress bar): forking copies only the
    calling thread.
    """

    def __init__(self, n: int = 1, coder: Coder | None = None) -> None:
        self.n = max(1, n)
        self.coder = coder
        self._pool: Any = None

    def __enter__(self) -> Workers:
        if self.n > 1:
            if self.coder is None:
                warm_up()
            methods = mp.get_all_start_methods()
            ctx = mp.get_context("fork" if "fork" in methods else methods[0])
            self._pool = ctx.Pool(self.n, initializer=_init_worker, initargs=(self.coder,))
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(self, chunks: Iterable[list[Document]]) -> Iterator[tuple[list[Document], list[Outcome]]]:
        """(chunk, outcomes) in the order of `chunks`, with a bounded number of chunks in flight."""
        if self._pool is None:
            coder = self.coder or _default_coder()
            for chunk in chunks:
                yield chunk, [code_one(d, coder) for d in chunk]
            return
        pending: deque[tuple[list[Document], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, self._pool.apply_async(_code_chunk, (chunk,)) if chunk else None))
            if len(pending) >= IN_FLIGHT * self.n:
                yield _ready(pending.popleft())
        while pending:
            yield _ready(pending.popleft())


def _ready(task: tuple[list[Document], Any]) -> tuple[list[Document], list[Outcome]]:
    chunk, result = task
    return chunk, result.get() if result is not None else []


# --- sinks: where coded documents go ----------------------------------------------------------------


@dataclass
class Written:
    documents: int = 0
    events: int = 0
    errors: list[IngestError] = field(default_factory=list)
    replaced: int = 0  # of the documents written, how many replaced a stored version


class Sink:
    """Takes batches of coded documents. `select` may leave out documents it already holds."""

    def select(self, docs: list[Document]) -> list[Document]:
        return docs

    def write(self, coded: list[Coded]) -> Written:
        raise NotImplementedError

    def close(self) -> None:
        """Called once after the last batch."""


class JsonlSink(Sink):
    """Event records of the contract, one JSON object a line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, coded: list[Coded]) -> Written:
        events = [e for _, found in coded for e in found]
        self.stream.write("".join(e.to_json() + "\n" for e in events))
        return Written(len(coded), len(events))


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C back while the store runs a statement, and raise it after.

    DuckDB stops a statement it sees interrupted, even a COMMIT half-way through its checkpoint, and
    says so with a generic error; deferred, the batch is written whole (or not at all) and the run
    stops between batches. Signal handlers belong to the main thread: elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


class StoreSink(Sink):
    """A DuckDB store: documents already stored are skipped before coding; each batch is one transaction.

    A new version of a stored document (same id, new text or publication date) replaces it.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        # Documents selected but not written yet (their batch is still being coded): a repeat of one of
        # them in the next batch is a repeat, even though the database does not know it yet.
        self._pending = Pending()
        self._batches: deque[list[Document]] = deque()

    def select(self, docs: list[Document]) -> list[Document]:
        with deferred_interrupt():
            fresh, _ = self.store.select_new(docs, pending=self._pending)
        for d in fresh:
            self._pending.add(d)
        self._batches.append(fresh)
        return fresh

    def write(self, coded: list[Coded]) -> Written:
        with deferred_interrupt():
            written, errors, replaced = write_batch(self.store, coded)
        for d in self._batches.popleft():
            self._pending.remove(d)
        return Written(len(written), sum(len(unique_events(events)) for _, events in written), errors, replaced)


class ParquetSink(Sink):
    """One Parquet file of events, flattened as `marsad export --format parquet` writes them."""

    def __init__(self, path: str | Path) -> None:
        import pyarrow.parquet as pq

        from marsad.store.db import EXPORT_SCHEMA

        self.schema = EXPORT_SCHEMA
        self.writer = pq.ParquetWriter(str(path), EXPORT_SCHEMA)

    def write(self, coded: list[Coded]) -> Written:
        import pyarrow as pa

        from marsad.store.db import export_row

        rows = [export_row(doc, e) for doc, events in coded for e in unique_events(events)]
        if rows:
            self.writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
        return Written(len(coded), len(rows))

    def close(self) -> None:
        self.writer.close()


# --- the loop -------------------------------------------------------------------------------------


@dataclass
class RunStats:
    read: int = 0  # documents read from the sources
    skipped: int = 0  # left out by the sink (already stored: same text or URL)
    coded: int = 0  # coded without error
    stored: int = 0  # coded and written
    events: int = 0  # events written
    replaced: int = 0  # of the documents stored, new versions that replaced a stored one (same id)
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> list[IngestError]:
        return [e for e in self.errors if e.fatal]

    @property
    def done(self) -> int:
        """Inputs dealt with so far (for a progress bar): coded, skipped, failed or unreadable."""
        return self.coded + self.skipped + len(self.failed)


def batches(items: Iterable[Document | IngestError], size: int, stats: RunStats, limit: int | None,
            on_error: Callable[[IngestError], None] | None = None) -> Iterator[list[Document]]:
    """Group documents into batches, collecting read errors into stats on the way."""
    batch: list[Document] = []
    for item in items:
        if isinstance(item, IngestError):
            stats.errors.append(item)
            if on_error is not None:
                on_error(item)
            continue
        if limit is not None and stats.read >= limit:
            break
        stats.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    items: Iterable[Document | IngestError],
    sink: Sink,
    workers: Workers | None = None,
    *,
    batch_size: int = DEFAULT_BATCH,
    limit: int | None = None,
    on_progress: Callable[[RunStats], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    stats: RunStats | None = None,
) -> RunStats:
    """Read, code and write every document; the sink writes each batch of `batch_size` inputs at once.

    A document the coder fails on, or the sink cannot write, is reported in the stats and skipped.
    `stats` is filled as the run goes: the caller still has it when the run is interrupted.
    """
    workers = workers or Workers(1)
    stats = stats if stats is not None else RunStats()

    def report(error: IngestError) -> None:
        stats.errors.append(error)
        if on_error is not None:
            on_error(error)

    def chunks() -> Iterator[list[Document]]:
        # Each batch ends with an empty chunk: the mark that tells the writer the batch is complete.
        for batch in batches(items, batch_size, stats, limit, on_error):
            fresh = sink.select(batch)
            stats.skipped += len(batch) - len(fresh)
            for i in range(0, len(fresh), CHUNK):
                yield fresh[i:i + CHUNK]
            yield []

    coded: list[Coded] = []
    try:
        for chunk, outcomes in workers.map(chunks()):
            if not chunk:
                written = sink.write(coded)
                stats.stored += written.documents
                stats.events += written.events
                stats.replaced += written.replaced
                for error in written.errors:
                    report(error)
                coded = []
            for doc, outcome in zip(chunk, outcomes, strict=True):
                if isinstance(outcome, str):
                    report(IngestError(doc.id, None, outcome))
                else:
                    coded.append((doc, outcome))
                    stats.coded += 1
            if on_progress is not None:
                on_progress(stats)
    finally:
        sink.close()
    return stats


def ingest(
    store: Store,
    items: Iterable[Document | IngestError],
    coder: Coder | None = None,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    limit: int | None = None,
    on_batch: Callable[[RunStats], None] | None = None,
) -> RunStats:
    """Code and store documents; known ones are skipped before coding, so a re-run resumes."""
    with Workers(workers, coder) as pool:
        return run(items, StoreSink(store), pool, batch_size=batch_size, limit=limit, on_progress=on_batch)


__all__ = ["CHUNK", "Coder", "JsonlSink", "ParquetSink", "RunStats", "Sink", "StoreSink", "Workers",
           "code_one", "default_workers", "ingest", "run"]
