"""The API under load, on loopback, against a 100,000-event database.

1. A database of at least 100,000 events is built synthetically through the store's writer: the example
   articles are coded once, then written again and again with new ids, new text endings and dates shifted
   by a day per copy (so filters, sorting and dedup see varied data). Kept in out/bench/ between runs.
2. `marsad serve` runs in a subprocess (the real CLI, read-only, uvicorn).
3. Latency: a bounded loop of requests to /api/events over a mix of filters, sorts and pages, one at a
   time: p50/p95/p99 per query and overall. Target: p95 under 100 ms.
4. Load: 100 concurrent clients for 30 s (bounded in time and in requests) over events, dyads, series,
   stats and health: errors, requests/s, p50/p95/p99.
5. Schemathesis (--schemathesis): more generated requests per operation than the test suite, no 5xx.

The machine has 2 cores shared with other work; the client runs on the same machine as the server.

    .venv/bin/python benchmarks/bench_api.py [--events 100000] [--requests 600] [--clients 100] [--seconds 30]
                                             [--schemathesis 150] [--no-save]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RESULTS = ROOT / "benchmarks" / "results" / "api.json"
DB = ROOT / "out" / "bench" / "api.duckdb"
TARGET_P95_MS = 100.0

# The latency mix: what the event table and the dyad explorer ask for.
EVENT_QUERIES: dict[str, dict[str, Any]] = {
    "first page": {},
    "actor": {"actor": "IRN"},
    "dyad": {"dyad": "QAT,SYR", "sort": "date"},
    "date range": {"since": "2030-01", "until": "2031-06-30"},
    "code + status": {"code": "04", "status": "occurred"},
    "quad, by goldstein": {"quad": 4, "sort": "goldstein", "order": "desc"},
    "sentence search": {"search": "دمشق"},
    "deep page": {"offset": 60000, "limit": 50},
    "page of 500": {"limit": 500, "sort": "cameo"},
}
LOAD_PATHS = [
    "/api/events?limit=50",
    "/api/events?actor=USA&limit=50",
    "/api/events?dyad=CHN,IND&sort=date",
    "/api/events?since=2028&until=2029&sort=goldstein&order=desc",
    "/api/dyads?limit=20",
    "/api/dyads/QAT/SYR?by=month",
    "/api/actors/IRN",
    "/api/stats",
    "/api/health",
]


def shift_day(value: str | None, days: int) -> str | None:
    """A full date moved by `days`; coarser dates and spans as they are."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
        except ValueError:
            return value
    return value


def build_db(path: Path, events_wanted: int) -> dict[str, int]:
    """Examples coded once, written as many times as needed through Store.write."""
    from marsad.coder import code
    from marsad.ingest import read_paths
    from marsad.model import Document
    from marsad.store import Store

    coded = [(d, code(d)) for d in read_paths([EXAMPLES]) if isinstance(d, Document)]
    per_copy = sum(len(e) for _, e in coded)
    copies = -(-events_wanted // per_copy)
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store(path) as store:
        batch: list[tuple[Any, list[Any]]] = []
        for k in range(copies):
            for doc, events in coded:
                new_id = f"{doc.id}~{k}"
                copy = replace(doc, id=new_id, text=f"{doc.text}\n{k}", published=shift_day(doc.published, k))
                batch.append((copy, [
                    replace(e, doc_id=new_id, event_id=f"{new_id}:{e.event_id.rsplit(':', 1)[-1]}",
                            date=shift_day(e.date, k))
                    for e in events
                ]))
                if len(batch) >= 500:
                    store.write(batch)
                    batch = []
        if batch:
            store.write(batch)
        counts = store.counts()
    print(f"built {path} in {time.perf_counter() - started:.0f}s: {counts}", file=sys.stderr)
    return counts


def ensure_db(path: Path, events_wanted: int) -> dict[str, int]:
    if path.exists():
        from marsad.store import Store

        with Store(path, read_only=True) as store:
            counts = store.counts()
        if counts["events"] >= events_wanted:
            return counts
    return build_db(path, events_wanted)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """`marsad serve` in a subprocess, stopped (by its pid) on exit."""

    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        marsad = Path(sys.executable).with_name("marsad")
        self.proc = subprocess.Popen([str(marsad), "serve", "--db", str(db), "--port", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def __enter__(self) -> Served:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.proc.stderr.read().decode() if self.proc.stderr else "serve exited")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return {"p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1),
            "max_ms": round(max(ms), 1), "n": len(ms)}


def latency(url: str, requests: int) -> dict[str, Any]:
    """One client, one request at a time, the query mix in turn; a warm-up round first."""
    per: dict[str, list[float]] = {name: [] for name in EVENT_QUERIES}
    errors = 0
    with httpx.Client(base_url=url, timeout=30) as client:
        for params in EVENT_QUERIES.values():
            client.get("/api/events", params=params)
        for n in range(requests):
            name = list(EVENT_QUERIES)[n % len(EVENT_QUERIES)]
            started = time.perf_counter()
            response = client.get("/api/events", params=EVENT_QUERIES[name])
            per[name].append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or "events" not in response.json():
                errors += 1
    every = [x for xs in per.values() for x in xs]
    return {"overall": percentiles(every), "errors": errors,
            "by_query": {name: percentiles(xs) for name, xs in per.items()}}


async def load(url: str, clients: int, seconds: float, max_requests: int) -> dict[str, Any]:
    """`clients` concurrent clients, each a loop of requests until the time or request budget runs out."""
    times: list[float] = []
    statuses: dict[str, int] = {}
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one(worker: int) -> None:
            nonlocal sent
            n = worker
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                path = LOAD_PATHS[n % len(LOAD_PATHS)]
                n += 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {path}")
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__} {path}")
                times.append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(one(w) for w in range(clients)))
        took = time.perf_counter() - started
    return {"clients": clients, "seconds": round(took, 1), "requests": len(times),
            "requests_per_s": round(len(times) / took, 1), "errors": len(errors), "error_examples": errors[:5],
            "statuses": statuses, **percentiles(times)}


def fuzz(url: str, examples: int) -> dict[str, Any]:
    """Schemathesis over every operation, valid and invalid requests: count what broke the checks."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    schema = schemathesis.openapi.from_url(f"{url}/api/openapi.json")
    calls = 0
    failures: list[str] = []
    operations = [r.ok() for r in schema.get_all_operations()]
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def run(case: Any) -> None:
                nonlocal calls
                calls += 1
                case.call_and_validate(checks=checks)

            try:
                run()
            except Unsatisfiable:
                pass
            except Exception as exc:  # a failed check: note it, go on with the other operations
                failures.append(f"{operation.label} ({mode.value}): {str(exc).splitlines()[0][:200]}")
    return {"operations": len(operations), "examples_per_operation_and_mode": examples, "requests": calls,
            "failures": failures, "server_errors": sum("server error" in f.lower() for f in failures)}


def previous_fuzz() -> dict[str, Any] | None:
    """A run without --schemathesis keeps the last schemathesis figures (they take ~20 minutes)."""
    if not RESULTS.exists():
        return None
    return json.loads(RESULTS.read_text(encoding="utf-8")).get("schemathesis")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=900, help="latency loop length")
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=200_000, help="load test request budget")
    ap.add_argument("--schemathesis", type=int, default=0, metavar="N", help="N examples per operation and mode")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()

    counts = ensure_db(DB, args.events)
    with Served(DB) as served:
        lat = latency(served.url, args.requests)
        print(f"latency: {json.dumps(lat['overall'])}", file=sys.stderr)
        loaded = asyncio.run(load(served.url, args.clients, args.seconds, args.max_requests))
        print(f"load: {json.dumps({k: v for k, v in loaded.items() if k != 'statuses'})}", file=sys.stderr)
        fuzzed = fuzz(served.url, args.schemathesis) if args.schemathesis else None
        if fuzzed:
            print(f"schemathesis: {json.dumps(fuzzed)}", file=sys.stderr)
    result = {
        "database": {k: counts[k] for k in ("documents", "events", "distinct_events")},
        "events_latency": lat,
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": lat["overall"]["p95_ms"] < TARGET_P95_MS and lat["errors"] == 0,
        "load": loaded,
        "schemathesis": fuzzed or previous_fuzz(),
        "server": "marsad serve (uvicorn, one process), client on the same machine",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "note": "2 cores shared with other agents' work while measured",
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if not args.no_save:
        RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
