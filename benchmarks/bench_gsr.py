"""Recognition of attacks and protests on the public half of arabic_event_gsr (../shared/eval/gsr-dev).

Usage: python benchmarks/bench_gsr.py [--gold DIR] [--half odd|even] [--type ASSAULT|PROTEST] [--misses] [--save]

Each sentence is coded alone. A sentence counts as detected when the coder emits any event in it with CAMEO
root 18, 19 or 20 (ASSAULT) or 14 (PROTEST), whatever its actors, status or date. Positives are the `yes`
rows, negatives the `easy no` rows (the set's README); the other labels are left out. `--half` keeps the odd
or the even data rows only, so that a change made looking at one half can be checked on the other.
The CSVs are read from ../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
from dataclasses import dataclass
from pathlib import Path

from rich.progress import track

from marsad.coder import code
from marsad.knowledge import default_kb
from marsad.model import Document

ROOT = Path(__file__).resolve().parents[1]
GSR = ROOT.parent / "shared" / "eval" / "gsr-dev"
ROOTS = {"ASSAULT": frozenset({"18", "19", "20"}), "PROTEST": frozenset({"14"})}
FILES = {"ASSAULT": "assault.csv", "PROTEST": "protest.csv"}
LABELS = {"yes": True, "easy no": False}


@dataclass(slots=True)
class Row:
    line: int  # 1-based data row
    id: str
    gold: bool
    text: str


def read_rows(gold: Path, event_type: str, half: str | None) -> list[Row]:
    with open(gold / FILES[event_type], encoding="utf-8", newline="") as f:
        rows = [Row(i, r["id"], LABELS[r["label"]], r["text"])
                for i, r in enumerate(csv.DictReader(f), start=1) if r["label"] in LABELS]
    if half is not None:
        rows = [r for r in rows if r.line % 2 == (1 if half == "odd" else 0)]
    return rows


def detected(text: str, roots: frozenset[str], kb: object) -> tuple[bool, list[str]]:
    events = code(Document(id="gsr", text=text), kb)  # type: ignore[arg-type]
    hits = [f"{e.cameo} {e.source.code or '-'}→{e.target.code or '-'} {e.trigger} [{e.rule}]"
            for e in events if e.cameo[:2] in roots]
    return bool(hits), hits


def score(tp: int, fp: int, fn: int, tn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=GSR, help="folder of assault.csv and protest.csv")
    ap.add_argument("--half", choices=("odd", "even"), help="only the odd or even data rows")
    ap.add_argument("--type", choices=tuple(ROOTS), help="only one event type")
    ap.add_argument("--misses", action="store_true", help="print false negatives and false positives")
    ap.add_argument("--save", action="store_true", help="write benchmarks/results/gsr.json")
    args = ap.parse_args()
    if not args.gold.is_dir():
        raise SystemExit(f"no gold set at {args.gold} (give --gold DIR)")
    kb = default_kb()
    results: dict[str, object] = {"python": platform.python_version(), "half": args.half or "all"}
    for event_type in [args.type] if args.type else list(ROOTS):
        rows = read_rows(args.gold, event_type, args.half)
        counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
        misses: list[str] = []
        for row in track(rows, description=event_type, transient=True):
            hit, hits = detected(row.text, ROOTS[event_type], kb)
            kind = ("tp" if hit else "fn") if row.gold else ("fp" if hit else "tn")
            counts[kind] += 1
            if kind == "fn":
                misses.append(f"FN {row.line}: {row.text}")
            elif kind == "fp":
                misses.append(f"FP {row.line}: {row.text}\n    " + "\n    ".join(hits))
        s = score(**counts)
        results[event_type] = s
        print(f"{event_type:8s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}   "
              f"tp {s['tp']}  fp {s['fp']}  fn {s['fn']}  tn {s['tn']}")
        if args.misses:
            print("\n".join(misses))
    if args.save:
        out = ROOT / "benchmarks" / "results" / "gsr.json"
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
