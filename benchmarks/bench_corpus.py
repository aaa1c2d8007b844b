"""The whole SaudiNewsNet corpus end to end: `marsad ingest --workers N` into a fresh DuckDB file.

Every record of ../shared/corpora/saudinewsnet (31,030 articles, read in place) is written to a
temporary JSONL as a contract document (records whose content is empty are kept: the reader must
report them, one line each), then ingested as a user would run it. Reports documents, events,
errors by kind, time, throughput and peak memory; results in benchmarks/results/corpus.json.

    .venv/bin/python benchmarks/bench_corpus.py [--workers 2] [--db /tmp/snn.duckdb] [--no-save]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

# ../shared beside the checkout (as CI lays it out), or wherever MARSAD_SHARED points
SHARED = Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[2] / "shared")
CORPUS = SHARED / "corpora" / "saudinewsnet"
RESULTS = Path(__file__).resolve().parent / "results" / "corpus.json"


def write_corpus(path: Path) -> tuple[int, int]:
    """All records as documents; returns (records, records without text)."""
    records = empty = 0
    with path.open("w", encoding="utf-8") as f:
        for zpath in sorted(CORPUS.glob("*.zip")):
            with zipfile.ZipFile(zpath) as z:
                for name in z.namelist():
                    for i, a in enumerate(json.loads(z.read(name))):
                        text = (a.get("content") or "").strip()
                        records += 1
                        empty += not text
                        f.write(json.dumps({"id": a.get("url") or f"{zpath.stem}/{i}", "text": text,
                                            "published": (a.get("date_extracted") or "")[:10] or None,
                                            "source": a.get("source"), "title": a.get("title"), "url": a.get("url")},
                                           ensure_ascii=False) + "\n")
    return records, empty


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db", type=Path, default=None, help="DuckDB file to create (default: a temporary one)")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS} (set MARSAD_SHARED to the shared folder)")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "saudinewsnet.jsonl"
        records, empty = write_corpus(jsonl)
        db = args.db or Path(tmp) / "snn.duckdb"
        for p in (db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        cmd = [sys.executable, "-m", "marsad", "ingest", str(jsonl), "--db", str(db), "--workers", str(args.workers)]
        wall = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"}, timeout=7200)
        wall = time.perf_counter() - wall
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = r.stdout + r.stderr
        summary = re.search(r"read ([\d,]+) documents: stored ([\d,]+), skipped ([\d,]+) already stored, "
                            r"([\d,]+) events, ([\d,]+) errors", out)
        if r.returncode != 0 or summary is None:
            raise SystemExit(f"ingest failed ({r.returncode}):\n{out[-3000:]}")
        read, stored, skipped, events, errors = (int(x.replace(",", "")) for x in summary.groups())
        messages = [line for line in out.splitlines() if line.startswith(("error", "warning"))]
        kinds: dict[str, int] = {}
        for line in messages:
            kind = "coder failed" if "coder failed" in line else "could not store" if "could not store" in line \
                else "no text" if "has no text" in line else "other"
            kinds[kind] = kinds.get(kind, 0) + 1
        from marsad.store import Store

        with Store(db, read_only=True) as store:
            counts = store.counts()
    results = {
        "records": records, "records_without_text": empty, "workers": args.workers,
        "read": read, "stored": stored, "skipped_repeats": skipped, "events": events, "errors": errors,
        "error_kinds_shown": kinds, "tables": counts, "wall_s": round(wall, 1),
        "articles_per_s_wall": round(read / wall, 1), "cpu_s_children": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb_largest_process": round(usage.ru_maxrss / 1024, 1),
        "note": "machine shared with other work while measured; wall clock includes start-up and the final checkpoint",
    }
    print(json.dumps(results, indent=2))
    if not args.no_save:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
