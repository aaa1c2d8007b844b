"""Throughput of the run loop on real news: one core, its floor, the stages, --workers, Spark local mode.

Reads N SaudiNewsNet articles (default 5,000) from ../shared/corpora/saudinewsnet (in place, never
copied into the repository) into a temporary JSONL, then measures, each in a fresh process:

  code     `marsad.run` over the JSONL with one worker (read → code → JSON Lines): articles/s, MB/s,
           events/s, CPU seconds, peak RSS, and the same for the whole `marsad code -w 1` process
  floor    the same reading, normalising and sentence splitting with no coding; the ratio code/floor
  stages   where a single core's time goes (explicit timers around each stage of the coder)
  workers  the run loop with --workers 1 and 2 (wall clock)
  spark    `marsad spark` in local[*] mode on the same JSONL (session start-up not counted)

The machine may be shared with other work: wall-clock rates then wander, so CPU seconds are given
beside them and the ratio is taken on CPU time. Results: benchmarks/results/throughput.json and a chart.

    .venv/bin/python benchmarks/bench_throughput.py [-n 5000] [--no-spark] [--no-save]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (as CI lays it out), or wherever MARSAD_SHARED points
SHARED = Path(os.environ.get("MARSAD_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpora" / "saudinewsnet"
RESULTS = Path(__file__).resolve().parent / "results"
TARGET_RATIO = 16


def corpus_documents(corpus: Path) -> Iterator[dict[str, Any]]:
    """Articles with text, as contract documents, in file order."""
    for path in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for i, a in enumerate(json.loads(z.read(name))):
                    text = (a.get("content") or "").strip()
                    if text:
                        yield {"id": a.get("url") or f"{path.stem}/{i}", "text": text,
                               "published": (a.get("date_extracted") or "")[:10] or None,
                               "source": a.get("source"), "title": a.get("title"), "url": a.get("url")}


def write_jsonl(corpus: Path, n: int | None, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for doc in corpus_documents(corpus):
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
            if n is not None and count >= n:
                break
    return count


# --- measurements, each run in a child process (its own peak RSS) ----------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_code(jsonl: Path, workers: int) -> dict[str, Any]:
    from marsad.ingest import read_paths
    from marsad.knowledge import default_kb
    from marsad.run import JsonlSink, Workers, run

    default_kb()
    with open(os.devnull, "w", encoding="utf-8") as sink, Workers(workers) as pool:
        wall, cpu = time.perf_counter(), time.process_time()
        stats = run(read_paths([jsonl]), JsonlSink(sink), pool)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = peak_rss_mb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, joined by now
    workers_cpu = children.ru_utime + children.ru_stime
    # the floor again, in this process, right after: the ratio is then free of the machine's other work
    floor = min(measure_floor(jsonl)["cpu_s"] for _ in range(3)) if workers == 1 else None
    return {"documents": stats.coded, "events": stats.events, "errors": len(stats.failed), "wall_s": wall,
            "cpu_s": cpu, "workers_cpu_s": workers_cpu, "cores_busy": round((cpu + workers_cpu) / wall, 2),
            "peak_rss_mb": rss, "floor_cpu_s_same_process": floor}


def measure_floor(jsonl: Path) -> dict[str, Any]:
    from marsad.ingest import read_paths
    from marsad.text import normalize, split_sentences

    wall, cpu = time.perf_counter(), time.process_time()
    docs = sentences = 0
    for doc in read_paths([jsonl]):
        normalize(doc.text)  # type: ignore[union-attr]
        sentences += len(split_sentences(doc.text))  # type: ignore[union-attr]
        docs += 1
    return {"documents": docs, "sentences": sentences, "wall_s": time.perf_counter() - wall,
            "cpu_s": time.process_time() - cpu, "peak_rss_mb": peak_rss_mb()}


class Timers:
    """Wraps functions in their modules with a stopwatch per stage (exclusive of nested stages)."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.stack: list[list[float]] = []

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        fn = getattr(owner, name, None)
        if fn is None:  # a stage this version of the coder does not have
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.stack.append([0.0])
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                took = time.process_time() - t
                nested = self.stack.pop()[0]
                self.total[stage] = self.total.get(stage, 0.0) + took - nested
                if self.stack:
                    self.stack[-1][0] += took

        setattr(owner, name, timed)


def measure_stages(jsonl: Path) -> dict[str, Any]:
    import marsad.coder as coder
    import marsad.coder.mentions as mentions
    from marsad.ingest import read_paths
    from marsad.knowledge import default_kb
    from marsad.knowledge.lexicon import Lexicon
    from marsad.model import Event

    kb = default_kb()
    timers = Timers()
    stages = {
        "normalise": [(mentions, "normalize")],
        "sentences": [(mentions, "split_sentences"), (mentions, "paragraphs")],
        "lexicon match": [(Lexicon, "find")],
        "mentions": [(coder, "build_state")],
        "arguments": [(coder, "assign")],
        "status": [(coder, "status_of")],
        "dates": [(coder, "date_of"), (coder, "next_anchor")],
        "attribution": [(coder, "speaker_of"), (coder, "attribution_of")],
        "where": [(coder, "locate")],
        "serialise": [(Event, "to_json")],
    }
    for stage, functions in stages.items():
        for owner, name in functions:
            timers.wrap(owner, name, stage)
    docs = list(read_paths([jsonl]))
    cpu = time.process_time()
    for doc in docs:
        for e in coder.code(doc, kb):  # type: ignore[arg-type]
            e.to_json()
    cpu = time.process_time() - cpu
    spent = {k: round(v, 3) for k, v in sorted(timers.total.items(), key=lambda kv: -kv[1])}
    spent["other (event records, dedup, loop)"] = round(cpu - sum(timers.total.values()), 3)
    return {"documents": len(docs), "cpu_s": cpu, "stages_cpu_s": spent}


def measure_spark(jsonl: Path, out: Path) -> dict[str, Any]:
    from marsad import spark as job

    session = job.session("local[*]")
    session.sparkContext.parallelize(range(4), 2).count()  # the JVM and its Python workers are up
    wall = time.perf_counter()
    stats = job.code_to(session, str(jsonl), str(out), "parquet")
    wall = time.perf_counter() - wall
    cores = session.sparkContext.defaultParallelism
    session.stop()
    return {"documents": stats.documents, "events": stats.events, "errors": stats.errors, "wall_s": wall,
            "cores": cores}


MEASURES: dict[str, Callable[..., dict[str, Any]]] = {
    "code": measure_code, "floor": measure_floor, "stages": measure_stages, "spark": measure_spark,
}


def child(measure: str, *args: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its JSON."""
    cmd = [sys.executable, __file__, "--child", measure, *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    if r.returncode != 0:
        raise RuntimeError(f"{measure} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def whole_process(jsonl: Path, workers: int) -> dict[str, Any]:
    """`marsad code` as a user runs it: start-up and knowledge loading included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "marsad", "code", str(jsonl), "-o", os.devnull, "-q",
                        "--workers", str(workers)], capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    return {"wall_s": wall, "cpu_s": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}


def workers_scaling(jsonl: Path, n: int, repeat: int) -> dict[str, Any]:
    """--workers 1 and 2, interleaved, best of `repeat` each: other work on the machine comes and goes."""
    best: dict[str, Any] = {}
    for _ in range(repeat):
        for w in (1, 2):
            r = child("code", str(jsonl), str(w))
            r["articles_per_s"] = round(n / r["wall_s"], 1)
            if str(w) not in best or r["wall_s"] < best[str(w)]["wall_s"]:
                best[str(w)] = r
            print(f"--workers {w}: {r['articles_per_s']:,.0f} articles/s (wall), {r['cores_busy']:.2f} cores busy")
    return best


def chart(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    stages = results["stages"]["stages_cpu_s"]
    n = results["stages"]["documents"]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    names = list(stages)
    ax1.barh(names[::-1], [stages[k] / n * 1000 for k in names[::-1]], color="#4c72b0")
    ax1.set_xlabel("ms per article (CPU)")
    ax1.set_title(f"where one core's time goes ({n:,} SaudiNewsNet articles)")
    rates = {"floor\n(read+normalise+split)": results["floor"]["articles_per_s_cpu"],
             "code, 1 core": results["code"]["articles_per_s_cpu"]}
    for w, r in results["workers"].items():
        rates[f"--workers {w}\n(wall)"] = r["articles_per_s"]
    if "spark" in results:
        rates["spark local[*]\n(wall)"] = results["spark"]["articles_per_s"]
    ax2.bar(list(rates), list(rates.values()), color=["#999999", "#4c72b0"] + ["#55a868"] * (len(rates) - 2))
    ax2.set_yscale("log")
    ax2.set_ylabel("articles/s")
    ax2.set_title(f"ratio to the floor: {results['code']['ratio_to_floor']:.1f} (target ≤ {TARGET_RATIO})")
    ax2.tick_params(axis="x", labelsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=5000, help="articles (default 5,000)")
    ap.add_argument("--no-spark", action="store_true", help="skip the Spark measurement")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each --workers setting (best counts)")
    ap.add_argument("--no-save", action="store_true", help="print only")
    ap.add_argument("--only-workers", action="store_true", help="measure --workers scaling only (no save)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        measure, *rest = args.child
        params: list[Any] = [Path(rest[0]), *(int(x) if x.isdigit() else Path(x) for x in rest[1:])]
        print(json.dumps(MEASURES[measure](*params)))
        return

    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS} (set MARSAD_SHARED to the shared folder)")
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        n = write_jsonl(CORPUS, args.n, jsonl)
        mb = jsonl.stat().st_size / 2**20
        text_mb = sum(len(json.loads(x)["text"].encode("utf-8")) for x in jsonl.open(encoding="utf-8")) / 2**20
        print(f"{n:,} SaudiNewsNet articles, {text_mb:.1f} MB of text ({mb:.1f} MB of JSONL)")
        results: dict[str, Any] = {
            "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                        "cores": os.cpu_count(), "note": "shared with other work while measured: wall clock wanders"},
            "articles": n, "text_mb": round(text_mb, 2),
        }
        if args.only_workers:  # measured again on their own, into the saved results
            saved = json.loads((RESULTS / "throughput.json").read_text(encoding="utf-8"))
            saved["workers"] = workers_scaling(jsonl, n, args.repeat)
            saved["workers_speedup"] = round(saved["workers"]["1"]["wall_s"] / saved["workers"]["2"]["wall_s"], 2)
            print(f"--workers 2 / 1: {saved['workers_speedup']:.2f}×")
            if not args.no_save:
                (RESULTS / "throughput.json").write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
                chart(saved, RESULTS / "throughput.png")
            return
        floor = child("floor", str(jsonl))
        # best of `repeat` runs (each with its floor, in the same process): the least disturbed one
        code = min((child("code", str(jsonl), "1") for _ in range(args.repeat)),
                   key=lambda r: r["cpu_s"])
        proc = whole_process(jsonl, 1)
        for r in (floor, code):
            r["articles_per_s"] = round(n / r["wall_s"], 1)
            r["articles_per_s_cpu"] = round(n / r["cpu_s"], 1)
        code["mb_per_s_cpu"] = round(text_mb / code["cpu_s"], 2)
        code["events_per_s_cpu"] = round(code["events"] / code["cpu_s"], 1)
        code["ratio_to_floor"] = round(code["cpu_s"] / code["floor_cpu_s_same_process"], 2)
        code["ratio_to_floor_wall"] = round(code["wall_s"] / floor["wall_s"], 2)
        code["whole_process"] = {"wall_s": round(proc["wall_s"], 2), "cpu_s": round(proc["cpu_s"], 2),
                                 "articles_per_s_cpu": round(n / proc["cpu_s"], 1)}
        results["floor"], results["code"] = floor, code
        print(f"floor   {floor['articles_per_s_cpu']:8,.0f} articles/s (CPU)  {floor['articles_per_s']:8,.0f} (wall)")
        print(f"code    {code['articles_per_s_cpu']:8,.0f} articles/s (CPU)  {code['articles_per_s']:8,.0f} (wall)  "
              f"{code['mb_per_s_cpu']:.2f} MB/s  {code['events_per_s_cpu']:,.0f} events/s  "
              f"peak RSS {code['peak_rss_mb']:.0f} MB  errors {code['errors']}")
        print(f"ratio to the floor {code['ratio_to_floor']:.1f} (CPU), {code['ratio_to_floor_wall']:.1f} (wall); "
              f"target ≤ {TARGET_RATIO}; whole `marsad code -w 1` process "
              f"{code['whole_process']['articles_per_s_cpu']:,.0f} articles/s (CPU)")
        stages = child("stages", str(jsonl))
        results["stages"] = stages
        for name, s in stages["stages_cpu_s"].items():
            print(f"  {name:36s} {s:7.2f} s  {s / n * 1000:6.3f} ms/article  {s / stages['cpu_s']:6.1%}")
        results["workers"] = workers_scaling(jsonl, n, args.repeat)
        results["workers_speedup"] = round(results["workers"]["1"]["wall_s"] / results["workers"]["2"]["wall_s"], 2)
        print(f"--workers 2 / 1: {results['workers_speedup']:.2f}×")
        if not args.no_spark:
            r = child("spark", str(jsonl), str(Path(tmp) / "spark-out"))
            r["articles_per_s"] = round(n / r["wall_s"], 1)
            results["spark"] = r
            print(f"spark local[{r['cores']}]: {r['articles_per_s']:,.0f} articles/s (wall, session start-up excluded)")
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "throughput.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        chart(results, RESULTS / "throughput.png")
        print(f"saved {RESULTS / 'throughput.json'} and throughput.png")


if __name__ == "__main__":
    main()
