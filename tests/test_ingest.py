"""marsad.ingest: every input format, real files written here, Arabic content."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import IngestError, read_paths
from marsad.ingest.encoding import DecodeError, decode_bytes
from marsad.model import Document

VISIT = "زار الرئيس الإسرائيلي إسحاق هرتسوغ أذربيجان يوم الثلاثاء في زيارة رسمية هي الأولى من نوعها."
MEET = "والتقى الرئيس الأذربيجاني إلهام علييف في باكو وبحث معه العلاقات الثنائية بين البلدين."
CONDEMN = "أدانت وزارة الخارجية السعودية الهجوم الذي استهدف مسجدا في الكويت."

PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>هرتسوغ في باكو</title>
<meta property="article:published_time" content="2023-05-30T09:15:00+03:00">
</head><body>
<nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a> | <a href="/eco">اقتصاد</a></nav>
<article><h1>هرتسوغ في باكو</h1><p>{a}</p><p>{b}</p></article>
<footer>جميع الحقوق محفوظة © 2023 صحيفة المرصد</footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>صحيفة المرصد</title><link>https://example.com/</link>
<item><guid>https://example.com/a/1</guid><link>https://example.com/a/1</link><title>زيارة</title>
<description>&lt;p&gt;{a}&lt;/p&gt;&lt;p&gt;&lt;b&gt;{b}&lt;/b&gt;&lt;/p&gt;</description>
<pubDate>Tue, 30 May 2023 10:00:00 GMT</pubDate></item>
<item><link>https://example.com/a/2</link><title>إدانة</title><description>{c}</description>
<pubDate>Sat, 23 May 2015 08:00:00 GMT</pubDate></item>
<item><guid>https://example.com/a/3</guid><title>بلا نص</title><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title><id>urn:feed</id><updated>2015-05-23T00:00:00Z</updated>
<entry><id>urn:entry:1</id><title>إدانة</title><updated>2015-05-23T08:00:00Z</updated>
<content type="html">&lt;p&gt;{c}&lt;/p&gt;</content></entry></feed>"""


def items(*paths: Path, **kw) -> tuple[list[Document], list[IngestError]]:
    out = list(read_paths(paths, **kw))
    return [i for i in out if isinstance(i, Document)], [i for i in out if isinstance(i, IngestError)]


def write_warc(path: Path, pages: list[tuple[str, str, str]]) -> None:
    """(url, html, WARC-Date) pages as gzipped response records, plus a request and an image."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html, when in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers,
                warc_headers_dict={"WARC-Date": when},
            ))
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://example.com/logo.png", "response", payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image,
        ))


def test_txt_ids_are_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "2023" / "may").mkdir(parents=True)
    (tmp_path / "2023" / "may" / "a.txt").write_text(VISIT + "\n" + MEET, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\ufeff" + CONDEMN, encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"ignored: not a known type")
    docs, errors = items(tmp_path)
    assert errors == []
    assert [d.id for d in docs] == ["2023/may/a.txt", "b.txt"]
    assert docs[0].text == VISIT + "\n" + MEET
    assert docs[1].text == CONDEMN  # BOM dropped


def test_jsonl_malformed_line_is_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "d1", "text": VISIT, "published": "2023-05-30", "source": "aawsat", "url": "u1"}, ensure_ascii=False),
        '{"id": "d2", "text": "نص مقطوع',
        "",
        json.dumps({"id": "d3"}),
        json.dumps({"id": "d4", "text": CONDEMN}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = items(path)
    assert [d.id for d in docs] == ["d1", "d4"]
    assert docs[0].published == "2023-05-30" and docs[0].extra == {"url": "u1"}
    assert [(e.path, e.where) for e in errors] == [(str(path), 2), (str(path), 4)]
    assert "malformed JSON" in errors[0].message
    assert str(errors[0]).startswith(f"{path}:2: ")


def test_html_boilerplate_removed_title_and_date_from_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE.format(a=VISIT, b=MEET), encoding="utf-8")
    docs, errors = items(tmp_path)
    assert errors == []
    (doc,) = docs
    assert doc.id == "page.html"
    assert VISIT in doc.text and MEET in doc.text
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.extra["title"] == "هرتسوغ في باكو"
    assert doc.published == "2023-05-30"


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.htm").write_text("<html><head><title>فارغ</title></head><body></body></html>", encoding="utf-8")
    docs, errors = items(tmp_path)
    assert docs == [] and "no article text" in errors[0].message


def test_rss_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "feed.rss").write_text(RSS.format(a=VISIT, b=MEET, c=CONDEMN), encoding="utf-8")
    docs, errors = items(tmp_path)
    assert [d.id for d in docs] == ["https://example.com/a/1", "https://example.com/a/2"]
    assert docs[0].text == f"{VISIT}\n{MEET}"  # HTML cleaned, paragraphs kept
    assert docs[0].published == "2023-05-30" and docs[1].published == "2015-05-23"
    assert docs[0].source == "صحيفة المرصد"
    assert docs[0].extra["url"] == "https://example.com/a/1"
    assert len(errors) == 1 and errors[0].where == 3 and "no text" in errors[0].message


def test_atom_and_xml_feeds(tmp_path: Path) -> None:
    (tmp_path / "feed.atom").write_text(ATOM.format(c=CONDEMN), encoding="utf-8")
    (tmp_path / "feed.xml").write_text(RSS.format(a=VISIT, b=MEET, c=CONDEMN), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>', encoding="utf-8")
    docs, errors = items(tmp_path)
    assert [d.id for d in docs] == ["urn:entry:1", "https://example.com/a/1", "https://example.com/a/2"]
    assert docs[0].text == CONDEMN and docs[0].published == "2015-05-23"
    assert any(e.path.endswith("sitemap.xml") and "not an RSS or Atom feed" in e.message for e in errors)


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
def test_arabic_legacy_encodings(tmp_path: Path, encoding: str) -> None:
    text = f"{CONDEMN}\n{MEET}"
    (tmp_path / f"{encoding}.txt").write_bytes(text.encode(encoding))
    docs, errors = items(tmp_path)
    assert errors == []
    assert docs[0].text == text


def test_decode_reports_encoding() -> None:
    assert decode_bytes(CONDEMN.encode("cp1256")).encoding == "cp1256"
    assert decode_bytes(CONDEMN.encode("utf-16")).text == CONDEMN
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"  \n")


def test_binary_and_empty_files_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "gz.jsonl").write_bytes(gzip.compress(b'{"id": "x", "text": "y"}'))
    (tmp_path / "empty.warc.gz").write_bytes(b"")
    (tmp_path / "good.txt").write_text(VISIT, encoding="utf-8")
    docs, errors = items(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    messages = {Path(e.path).name: e.message for e in errors}
    assert messages["image.txt"] == "binary file (not text)"
    assert messages["gz.jsonl"] == "binary file (not text)"
    assert messages["empty.txt"] == "empty file"
    assert messages["empty.jsonl"] == "empty file"
    assert messages["empty.warc.gz"] == "empty file"


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    docs, errors = items(tmp_path / "nowhere")
    assert docs == [] and errors[0].message == "no such file or folder"


def test_huge_document_is_truncated_and_reported(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text((VISIT + "\n") * 50, encoding="utf-8")
    docs, errors = items(tmp_path, max_chars=1000)
    assert len(docs[0].text) == 1000
    assert docs[0].extra["truncated_from"] > 1000
    assert len(errors) == 1 and not errors[0].fatal and "truncated" in errors[0].message


def test_default_published_fills_only_missing_dates(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": VISIT, "published": "2020-01-02"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "b", "text": MEET}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    docs, _ = items(path, published="2023-05-30")
    assert [d.published for d in docs] == ["2020-01-02", "2023-05-30"]


def test_warc_gz_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    dated = PAGE.format(a=VISIT, b=MEET)
    undated = PAGE.replace('<meta property="article:published_time" content="2023-05-30T09:15:00+03:00">', "")
    write_warc(path, [
        ("https://news.example.com/herzog", dated, "2023-06-02T10:00:00Z"),
        ("https://news.example.com/saudi", undated.format(a=CONDEMN, b=MEET), "2015-05-23T12:00:00Z"),
    ])
    docs, errors = items(path)
    assert errors == []
    assert [d.id for d in docs] == ["https://news.example.com/herzog", "https://news.example.com/saudi"]
    assert docs[0].published == "2023-05-30"  # the page's own date wins over the crawl date
    assert docs[1].published == "2015-05-23"  # no date in the page: WARC-Date
    assert docs[0].source == "news.example.com"
    assert docs[1].extra["url"] == "https://news.example.com/saudi"
    assert CONDEMN in docs[1].text and "جميع الحقوق" not in docs[1].text


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(VISIT, encoding="utf-8")
    (tmp_path / "b.warc.gz").write_bytes(b"this is not a warc file at all")
    (tmp_path / "c.txt").write_text(MEET, encoding="utf-8")
    docs, errors = items(tmp_path)
    assert [d.id for d in docs] == ["a.txt", "c.txt"]
    assert len(errors) == 1 and errors[0].path.endswith("b.warc.gz")
