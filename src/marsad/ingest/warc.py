"""WARC / WARC.gz archives: each HTML `response` record is one document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from marsad.ingest.encoding import DecodeError, decode_bytes
from marsad.ingest.html import extract_html
from marsad.model import Document
from marsad.published import KEPT

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record: Any) -> str:
    headers = record.http_headers
    value = headers.get_header("Content-Type") if headers is not None else None
    return (value or "").lower()


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _decode_body(body: bytes, content_type: str) -> str:
    """The server's declared charset when it decodes cleanly, else detection."""
    declared = _charset(content_type)
    if declared:
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(body).text


def record_items(record: Any) -> Iterator[Document | str | Warning]:
    """A Document (after a Warning about its stated date, if bad), an error message, or nothing for
    records that are not HTML responses."""
    if record.rec_type != "response":
        return
    content_type = _content_type(record)
    if not content_type.startswith(_HTML_TYPES):
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    body = record.content_stream().read()
    try:
        html = _decode_body(body, content_type)
    except DecodeError as exc:
        yield f"{url}: {exc}"
        return
    page = extract_html(html, url=url or None)
    if page is None:
        yield f"{url}: no article text in the page"
        return
    warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    if page["date_problem"]:
        yield Warning(f"{url}: {page['date_problem']}; "
                      + (f"the crawl date {warc_date} is kept instead" if warc_date else KEPT))
    extra: dict[str, Any] = {"url": url} if url else {}
    if page["title"]:
        extra["title"] = page["title"]
    yield Document(
        id=url or record.rec_headers.get_header("WARC-Record-ID"),
        text=page["text"],
        # The page's own date is the publication; the crawl date only bounds it.
        published=page["published"] or warc_date,
        source=urlsplit(url).hostname or page["sitename"],
        extra=extra,
    )


def warc_documents(stream: BinaryIO) -> Iterator[tuple[int | None, Document | str | Warning]]:
    """(record number, Document, Warning or error message) for each HTML response in the archive."""
    records = pages = 0
    for records, record in enumerate(ArchiveIterator(stream), start=1):
        if records == 1 and getattr(record, "format", "warc") != "warc":
            # warcio reads arbitrary bytes as a legacy ARC record: refuse them
            yield None, "not a WARC archive"
            return
        try:
            items: list[Document | str | Warning] = list(record_items(record))
        except Exception as exc:  # one bad record never stops the archive
            items = [f"record {records}: {type(exc).__name__}: {exc}"]
        for item in items:
            pages += not isinstance(item, Warning)
            yield records, item
    if pages == 0:
        yield None, "not a WARC archive (no records)" if records == 0 else "no HTML responses in the archive"
