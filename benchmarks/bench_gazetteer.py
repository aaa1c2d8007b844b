"""Gazetteer cost: cold build, warm load (< 1 s), resident memory it adds (< 100 MB), and what `where` costs the coder.

Each load is measured in a fresh process. Usage: python benchmarks/bench_gazetteer.py [--docs N] [--save]
The machine may be shared with other work: run it when you need a figure, and read it as such.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (CI), or beside a parent of it (a worktree under /work/wt)
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT.parent / "shared")

# In a fresh process: load the rest of the knowledge first, then time the gazetteer alone and the RSS it adds.
PROBE = """
import json, os, time
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
from marsad.knowledge import default_kb
kb = default_kb()
import marsad.knowledge.gazetteer as gz
before = rss()
t = time.perf_counter()
g = gz.load_gazetteer()
took = time.perf_counter() - t
print(json.dumps({"seconds": took, "rss_before_mb": before, "rss_added_mb": rss() - before,
                  "places": len(g.places), "keys": len(g.keys)}))
"""


def probe(cache: str) -> dict:
    env = {"MARSAD_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    out = subprocess.check_output([sys.executable, "-c", PROBE], text=True, env=env)
    return json.loads(out.strip().splitlines()[-1])


def news_docs(limit: int) -> list:
    from marsad.model import Document

    out = []
    for z in sorted((SHARED / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for i, a in enumerate(json.loads(zf.read(name))):
                    if a.get("content"):
                        out.append(Document(f"{z.stem}/{i}", a["content"], (a.get("date_extracted") or "")[:10] or None))
                    if len(out) >= limit:
                        return out
    return out


def coder_cost(limit: int) -> dict:
    """Articles/s of the coder with `where`, and with it switched off, on the same SaudiNewsNet articles."""
    import marsad.coder as coder

    docs = news_docs(limit)
    if not docs:
        return {}
    coder.code(docs[0])  # load everything, the gazetteer included
    runs: dict[str, dict] = {}
    real = coder.locate
    modes = (("with_where", real), ("without_where", lambda state, sent, trig: (None, "none")))
    for _ in range(3):  # interleaved, best of three each: the machine is shared
        for name, fn in modes:
            coder.locate = fn
            t = time.perf_counter()
            out = [e for d in docs for e in coder.code(d)]
            rate = round(len(docs) / (time.perf_counter() - t), 1)
            if rate > runs.get(name, {}).get("articles_per_s", 0):
                runs[name] = {"articles_per_s": rate, "events": len(out),
                              "located": sum(e.location is not None for e in out)}
    coder.locate = real
    return {"articles": len(docs), **runs}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000, help="SaudiNewsNet articles for the coder's cost")
    ap.add_argument("--save", action="store_true", help="write benchmarks/results/gazetteer.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cold = probe(cache)
        warm = min((probe(cache) for _ in range(3)), key=lambda r: r["seconds"])
    print(f"cold build: {cold['seconds']:.2f} s ({cold['places']} places, {cold['keys']} keys)")
    print(f"warm load:  {warm['seconds']:.3f} s, adds {warm['rss_added_mb']:.1f} MB resident "
          f"(on {warm['rss_before_mb']:.0f} MB of other knowledge)")
    cost = coder_cost(args.docs)
    if cost:
        w, wo = cost["with_where"], cost["without_where"]
        print(f"coder on {cost['articles']} articles: {w['articles_per_s']} articles/s with where, "
              f"{wo['articles_per_s']} without; {w['located']} of {w['events']} events located")
    result = {
        "python": platform.python_version(), "machine": platform.machine(), "shared_machine": True,
        "cold_build_seconds": round(cold["seconds"], 2), "warm_load_seconds": round(warm["seconds"], 3),
        "rss_added_mb": round(warm["rss_added_mb"], 1), "places": warm["places"], "keys": warm["keys"],
        "coder": cost,
    }
    if args.save:
        out = ROOT / "benchmarks" / "results" / "gazetteer.json"
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
