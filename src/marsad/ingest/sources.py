"""Dispatch paths to readers by file type; cap and fill in every document."""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from marsad.ingest import IngestError
from marsad.ingest.encoding import DecodeError, decode_bytes, looks_binary
from marsad.ingest.feeds import feed_documents, parse_feed
from marsad.ingest.html import extract_html
from marsad.ingest.warc import warc_documents
from marsad.model import Document
from marsad.published import KEPT, day_or_problem

DEFAULT_MAX_CHARS = 1_000_000

Item = Document | IngestError
Reader = Callable[[BinaryIO, str, str], Iterator[Item]]


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str  # id of one-document files: the path relative to the argument


def file_kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    suffix = path.suffix.lower()
    return {
        ".txt": "txt",
        ".jsonl": "jsonl",
        ".html": "html",
        ".htm": "html",
        ".rss": "feed",
        ".atom": "feed",
        ".xml": "feed",
    }.get(suffix)


def iter_files(paths: Iterable[str | Path]) -> Iterator[SourceFile | IngestError]:
    """Files under each path, recursively, in a stable (sorted) order."""
    for arg in paths:
        root = Path(arg)
        if root.is_file():
            yield SourceFile(root, root.name)
        elif root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if file_kind(path) is not None:
                    yield SourceFile(path, path.relative_to(root).as_posix())
        else:
            yield IngestError(str(root), None, "no such file or folder")


def read_txt(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    text = decode_bytes(stream.read()).text
    yield Document(id=rel, text=text.strip(), extra={"path": rel})


def read_jsonl(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    """Streamed line by line (JSON Lines is UTF-8 by definition), so size is no limit."""
    head = stream.read(8192)
    if not head.strip():
        raise DecodeError("empty file")
    if looks_binary(head):
        raise DecodeError("binary file (not text)")
    stream.seek(0)
    for n, raw in enumerate(stream, start=1):
        if n == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if raw.strip():
            yield from jsonl_line(raw, name, n)


def jsonl_line(raw: bytes, path: str, n: int) -> Iterator[Item]:
    """The document of one line; a publication date that is no date is a warning, the document is kept."""
    try:
        data = json.loads(raw.decode("utf-8"))
        problem = None
        if isinstance(data, dict):
            day, problem = day_or_problem(data.get("published"))
            data["published"] = day
        doc = Document.from_dict(data)
    except UnicodeDecodeError:
        yield IngestError(path, n, "line is not UTF-8")
    except json.JSONDecodeError as exc:
        yield IngestError(path, n, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except ValueError as exc:
        yield IngestError(path, n, str(exc))
    else:
        if problem:
            yield IngestError(path, n, f"document {doc.id!r}: {problem}; {KEPT}", fatal=False)
        yield doc


def read_html(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    page = extract_html(decode_bytes(stream.read()).text)
    if page is None:
        yield IngestError(name, None, "no article text in the page")
        return
    if page["date_problem"]:
        yield IngestError(name, None, f"{page['date_problem']}; {KEPT}", fatal=False)
    extra = {"path": rel}
    if page["title"]:
        extra["title"] = page["title"]
    yield Document(id=rel, text=page["text"], published=page["published"], source=page["sitename"], extra=extra)


def read_feed(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    data = stream.read()
    decode_bytes(data)  # empty and binary files get the same clear message as elsewhere
    parsed = parse_feed(data)
    if parsed is None:
        yield IngestError(name, None, "not an RSS or Atom feed")
        return
    for n, item in feed_documents(parsed, fallback_source=None):
        yield IngestError(name, n, item) if isinstance(item, str) else _noted(item, name, n)


def read_warc(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    if not stream.read(1):
        yield IngestError(name, None, "empty file")
        return
    stream.seek(0)
    for n, item in warc_documents(stream):
        yield IngestError(name, n, item) if isinstance(item, str) else _noted(item, name, n)


def _noted(item: Document | Warning, name: str, where: int | None) -> Item:
    """A reader's Warning (a document kept with a flaw) as a non-fatal error at its place in the file."""
    return IngestError(name, where, str(item), fatal=False) if isinstance(item, Warning) else item


READERS: dict[str, Reader] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}


def read_stream(stream: BinaryIO, name: str, rel: str) -> Iterator[Item]:
    """All items of one file's bytes, by the kind its name says; an exception ends this file only, as one error.

    `name` names the file in errors, `rel` is the id of a one-document file. The Spark job reads its
    files' bytes from any Hadoop path and passes them here.
    """
    kind = file_kind(Path(name))
    if kind is None:
        yield IngestError(name, None, "unknown file type (expected .txt, .jsonl, .html, .rss, .atom, .xml, .warc, .warc.gz)")
        return
    try:
        yield from READERS[kind](stream, name, rel)
    except DecodeError as exc:
        yield IngestError(name, None, str(exc))
    except Exception as exc:  # one unreadable file never stops a batch
        yield IngestError(name, None, f"{type(exc).__name__}: {exc}")


class ReadMeter:
    """How many bytes of the input files are read: a progress bar's measure when the documents in a
    feed or a web archive cannot be counted without parsing them twice."""

    def __init__(self, paths: Iterable[str | Path]) -> None:
        self.total = sum(s.path.stat().st_size for s in iter_files(paths) if isinstance(s, SourceFile))
        self._finished = 0
        self._stream: BinaryIO | None = None
        self._size = 0

    def open(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._size = os.fstat(stream.fileno()).st_size

    def close(self) -> None:
        self._finished += self._size
        self._stream = None

    @property
    def done(self) -> int:
        """Bytes of finished files, and the position in the file being read (a compressed one's too)."""
        if self._stream is None or self._stream.closed:
            return self._finished
        return self._finished + self._stream.tell()


def read_file(source: SourceFile, meter: ReadMeter | None = None) -> Iterator[Item]:
    """All items of one file; an exception ends this file only, as one error."""
    name = str(source.path)
    try:
        stream = source.path.open("rb")
    except OSError as exc:
        yield IngestError(name, None, f"{type(exc).__name__}: {exc}")
        return
    if meter is not None:
        meter.open(stream)
    try:
        with stream:
            yield from read_stream(stream, name, source.rel)
    finally:
        if meter is not None:
            meter.close()


STDIN = "-"


def read_stdin(stream: BinaryIO) -> Iterator[Item]:
    """Standard input's bytes: JSON Lines of documents when they start with '{', else one text whose
    encoding is detected as a file's is (UTF-8, windows-1256, ISO-8859-6, UTF-16).

    The text's id is `stdin-` and the start of its content hash: the same text piped twice is one
    document, and another text piped later is another document, not a new version of the first.
    """
    data = stream.read()
    if data.lstrip().removeprefix(codecs.BOM_UTF8)[:1] == b"{":
        for n, raw in enumerate(data.splitlines(), start=1):
            if n == 1:
                raw = raw.lstrip().removeprefix(codecs.BOM_UTF8)
            if raw.strip():
                yield from jsonl_line(raw, STDIN, n)
        return
    try:
        text = decode_bytes(data).text.strip()
    except DecodeError as exc:
        yield IngestError(STDIN, None, str(exc).replace("file", "input"))
        return
    doc = Document(id=STDIN, text=text)
    yield replace(doc, id=f"stdin-{doc.content_hash[:12]}")


def cap_text(doc: Document, max_chars: int) -> Document:
    """Cut a huge document at max_chars; the caller reports the cut."""
    if len(doc.text) <= max_chars:
        return doc
    extra = {**doc.extra, "truncated_from": len(doc.text)}
    return replace(doc, text=doc.text[:max_chars], extra=extra)


def finish(doc: Document, origin: str, max_chars: int, published: str | None) -> Iterator[Item]:
    """Apply the default publication date and the size cap; report a cut."""
    if published and not doc.published:
        doc = replace(doc, published=published)
    capped = cap_text(doc, max_chars)
    if capped is not doc:
        msg = f"document {doc.id!r} truncated from {len(doc.text):,} to {max_chars:,} characters"
        yield IngestError(origin, None, msg, fatal=False)
    yield capped


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many records `read_paths` will take from `paths` (for a progress bar's total and ETA).

    None when it cannot be known without parsing: feeds, web archives and standard input ('-').
    """
    paths = list(paths)
    if any(str(p) == STDIN for p in paths):
        return None
    total = 0
    for source in iter_files(paths):
        if isinstance(source, IngestError):
            continue
        kind = file_kind(source.path)
        if kind in ("feed", "warc"):
            return None
        if kind == "jsonl":
            try:
                with source.path.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1  # reported by the reader
        else:
            total += 1
    return total


def read_paths(
    paths: Iterable[str | Path],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    meter: ReadMeter | None = None,
) -> Iterator[Item]:
    """Documents and errors from every file under `paths` ('-' is `stdin`), in input order."""
    for arg in paths:
        if str(arg) == STDIN and stdin is not None:
            for item in read_stdin(stdin):
                if isinstance(item, Document):
                    yield from finish(item, STDIN, max_chars, published)
                else:
                    yield item
            continue
        for source in iter_files([arg]):
            if isinstance(source, IngestError):
                yield source
                continue
            for item in read_file(source, meter):
                if isinstance(item, Document):
                    yield from finish(item, str(source.path), max_chars, published)
                else:
                    yield item
