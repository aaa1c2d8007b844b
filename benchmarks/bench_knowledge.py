"""Knowledge load cost (seconds, peak MB) and lexicon matching throughput (MB/s).

Runs on SaudiNewsNet when ../shared/corpora is present, else on the bundled examples.
Usage: python benchmarks/bench_knowledge.py [--docs N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet"


def load_texts(limit: int) -> list[str]:
    texts: list[str] = []
    for z in sorted(CORPUS.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    texts.append(art.get("content") or "")
                    if len(texts) >= limit:
                        return texts
    if not texts:
        for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--save", action="store_true", help="write benchmarks/results/knowledge.json")
    args = ap.parse_args()
    # Load cost in a fresh process, so nothing is cached.
    probe = ("from marsad.knowledge.stats import load_cost; import resource; t, m = load_cost(); "
             "print(t, m, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    t, peak, rss = map(float, subprocess.check_output([sys.executable, "-c", probe], text=True).split())
    print(f"knowledge load+compile: {t:.2f} s, peak traced {peak:.0f} MB, process RSS {rss:.0f} MB")

    from marsad.knowledge.lexicon import build_lexicon
    from marsad.text import normalize

    lex = build_lexicon()
    texts = load_texts(args.docs)
    size = sum(len(x.encode("utf-8")) for x in texts) / 2**20
    t0 = time.perf_counter()
    n = 0
    for x in texts:
        n += len(lex.find(normalize(x).text))
    took = time.perf_counter() - t0
    print(f"matching: {len(texts)} documents, {size:.1f} MB, {n} matches in {took:.2f} s → {size / took:.2f} MB/s")
    if args.save:
        out = ROOT / "benchmarks" / "results" / "knowledge.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({
            "load_seconds_traced": round(t, 3), "peak_traced_mb": round(peak, 1), "process_rss_mb": round(rss, 1),
            "documents": len(texts), "mb": round(size, 2), "matches": n, "seconds": round(took, 3),
            "mb_per_s": round(size / took, 2)}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
