"""Coder throughput: articles/s and MB/s on the dev set, the bundled examples and SaudiNewsNet.

Usage: python benchmarks/bench_coder.py [--docs N] [--save]
Knowledge is loaded once before timing (as a long-running process would); every corpus is coded twice and
the faster run is kept.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import zipfile
from pathlib import Path

from marsad.coder import code
from marsad.knowledge.lexicon import build_lexicon
from marsad.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def dev_docs() -> list[Document]:
    out = []
    for f in sorted((SHARED / "eval" / "dev").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append(Document(id=d["id"], text=d["text"], published=d.get("published")))
    return out


def example_docs() -> list[Document]:
    lines = (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [Document.from_dict(json.loads(x)) for x in lines if x.strip()]


def news_docs(limit: int) -> list[Document]:
    out: list[Document] = []
    for z in sorted((SHARED / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for i, a in enumerate(json.loads(zf.read(name))):
                    if a.get("content"):
                        published = (a.get("date_extracted") or "")[:10] or None
                        out.append(Document(id=f"{z.stem}/{i}", text=a["content"], published=published))
                    if len(out) >= limit:
                        return out
    return out


def measure(docs: list[Document]) -> dict[str, float]:
    best = float("inf")
    events = 0
    for _ in range(2):
        t0 = time.perf_counter()
        events = sum(len(code(d)) for d in docs)
        best = min(best, time.perf_counter() - t0)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 2**20
    return {"articles": len(docs), "events": events, "seconds": round(best, 3),
            "articles_per_s": round(len(docs) / best, 1), "mb_per_s": round(mb / best, 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000, help="SaudiNewsNet articles to code")
    ap.add_argument("--save", action="store_true", help="write benchmarks/results/coder.json")
    args = ap.parse_args()
    build_lexicon()
    results = {"python": platform.python_version(), "machine": platform.machine()}
    corpora = {"examples": example_docs()}
    if (SHARED / "eval" / "dev").is_dir():
        corpora["dev"] = dev_docs()
    news = news_docs(args.docs) if (SHARED / "corpora" / "saudinewsnet").is_dir() else []
    if news:
        corpora["saudinewsnet"] = news
    for name, docs in corpora.items():
        results[name] = measure(docs)
        r = results[name]
        print(f"{name:13s} {r['articles']:6d} articles  {r['events']:6d} events  "
              f"{r['articles_per_s']:8.1f} articles/s  {r['mb_per_s']:6.2f} MB/s")
    if args.save:
        out = ROOT / "benchmarks" / "results" / "coder.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
