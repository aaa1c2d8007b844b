"""Cost against input size: coding time must grow linearly with the text, also for pathological input.

Two inputs at growing sizes: real news (SaudiNewsNet articles joined into one long document) and a run
of words glued by quotes with no space and no sentence end, every word an actor or an event (a case that
took 20 s at 74,000 characters, growing quadratically). Sentences longer than
marsad.text.sentences.MAX_SENTENCE are cut into pieces, so the second also grows linearly.

    .venv/bin/python benchmarks/bench_input_size.py [--no-save]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad.coder import code
from marsad.knowledge import default_kb
from marsad.model import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_identical import saudinewsnet  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "input_size.json"
SIZES = (9_000, 18_600, 37_000, 74_000)
GLUED = "زار الرئيس المصري السعودية والتقى الملك سلمان في الرياض".split()


def timed(text: str) -> tuple[float, int]:
    kb = default_kb()
    t = time.process_time()
    events = code(Document("size", text, "2015-07-21"), kb)
    return time.process_time() - t, len(events)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    news = "\n".join(d.text for d in saudinewsnet(200))
    glued = '"'.join(GLUED[i % len(GLUED)] for i in range(max(SIZES) // 4))
    results: dict[str, list[dict[str, float]]] = {"news": [], "quote_glued": []}
    timed(news[:2000])  # knowledge and gazetteer loaded before timing
    for name, source in (("news", news), ("quote_glued", glued)):
        for n in SIZES:
            seconds, events = timed(source[:n])
            results[name].append({"chars": n, "cpu_s": round(seconds, 3), "ms_per_1000_chars": round(seconds / n * 1e6, 2),
                                  "events": events})
            print(f"{name:12s} {n:7,d} chars  {seconds:6.2f} s  {seconds / n * 1e6:6.2f} ms per 1,000 chars")
    for name, rows in results.items():
        growth = rows[-1]["cpu_s"] / max(rows[0]["cpu_s"], 1e-9)
        print(f"{name}: ×{SIZES[-1] / SIZES[0]:.1f} the input costs ×{growth:.1f} the time")
    if not args.no_save:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"saved {RESULTS}")


if __name__ == "__main__":
    main()
