"""Throughput of `ingest` (read + code + store in DuckDB) against bare coding.

Takes N articles from the SaudiNewsNet corpus in ../shared (read in place,
never copied into the repository), writes them to a temporary JSONL, then times:

  bare:   marsad.coder.code over every document, events written as JSON Lines
  ingest: marsad.store.ingest of the same JSONL into a fresh DuckDB file

Target: ingest runs at >= 80% of bare coding's articles/s.

    .venv/bin/python benchmarks/bench_ingest.py [-n 10000] [--save]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "saudinewsnet"
RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
TARGET_RATIO = 0.8


def corpus_articles(corpus: Path) -> Iterator[dict]:
    """Articles of every zip (one JSON array each), in file order."""
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".json"):
                    yield from json.loads(z.read(name))


def to_document(article: dict, n: int) -> dict | None:
    text = (article.get("content") or "").strip()
    if not text:
        return None
    return {
        "id": article.get("url") or f"saudinewsnet-{n}",
        "text": text,
        "published": (article.get("date_extracted") or "")[:10] or None,
        "source": article.get("source"),
        "title": article.get("title"),
        "url": article.get("url"),
    }


def write_jsonl(corpus: Path, n: int, path: Path) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as f:
        for i, article in enumerate(corpus_articles(corpus)):
            doc = to_document(article, i)
            if doc is None:
                continue
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
            written += 1
            if written >= n:
                break
    return written


def bench_bare(jsonl: Path, out: Path) -> tuple[float, int, int]:
    from marsad.coder import code
    from marsad.model import Document

    started = time.perf_counter()
    docs = events = 0
    with jsonl.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as sink:
        for line in src:
            found = code(Document.from_dict(json.loads(line)))
            docs += 1
            events += len(found)
            for e in found:
                sink.write(e.to_json() + "\n")
    return time.perf_counter() - started, docs, events


def bench_ingest(jsonl: Path, db: Path) -> tuple[float, int, int]:
    from marsad.ingest import read_paths
    from marsad.store import Store, ingest

    started = time.perf_counter()
    with Store(db) as store:
        stats = ingest(store, read_paths([jsonl]))
    return time.perf_counter() - started, stats.stored, stats.events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=10_000, help="number of articles (default 10,000)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of SaudiNewsNet *.zip files")
    parser.add_argument("--save", action="store_true", help=f"write the results to {RESULTS}")
    args = parser.parse_args()
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.zip")):
        print(f"SaudiNewsNet corpus not found at {args.corpus} (expected *.zip files); nothing to benchmark.",
              file=sys.stderr)
        return 2

    from marsad.coder import code
    from marsad.model import Document

    code(Document(id="warm-up", text="زار الرئيس التركي القاهرة أمس.", published="2015-07-21"))  # compile knowledge once

    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        tmpdir = Path(tmp)
        jsonl = tmpdir / "articles.jsonl"
        n = write_jsonl(args.corpus, args.n, jsonl)
        print(f"{n:,} articles from {args.corpus}")
        bare_s, bare_docs, bare_events = bench_bare(jsonl, tmpdir / "events.jsonl")
        ingest_s, stored, ingest_events = bench_ingest(jsonl, tmpdir / "bench.duckdb")
        db_mb = (tmpdir / "bench.duckdb").stat().st_size / 1e6

    bare_rate, ingest_rate = bare_docs / bare_s, stored / ingest_s
    ratio = ingest_rate / bare_rate
    print(f"bare coding : {bare_rate:8.1f} articles/s  ({bare_docs:,} articles, {bare_events:,} events, {bare_s:.1f}s)")
    print(f"ingest      : {ingest_rate:8.1f} articles/s  ({stored:,} stored, {ingest_events:,} events, {ingest_s:.1f}s, {db_mb:.1f} MB)")
    print(f"ratio       : {ratio:.1%} (target >= {TARGET_RATIO:.0%}) {'OK' if ratio >= TARGET_RATIO else 'BELOW TARGET'}")
    if stored != bare_docs:
        print(f"note: {bare_docs - stored:,} articles were duplicates (same text or URL) and not stored")
    if args.save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps({
            "articles": n, "bare_articles_per_s": round(bare_rate, 1), "ingest_articles_per_s": round(ingest_rate, 1),
            "ratio": round(ratio, 3), "bare_events": bare_events, "ingest_events": ingest_events,
            "stored": stored, "db_mb": round(db_mb, 1), "python": platform.python_version(),
            "machine": platform.machine(),
        }, indent=2) + "\n", encoding="utf-8")
        print(f"results written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
