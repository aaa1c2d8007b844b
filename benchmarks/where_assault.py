"""Where on the ASSAULT positives of ../shared/eval/gsr-dev: how many detected events have a location.

A sentence's events are those the coder emits with CAMEO root 18, 19 or 20 (the gsr README's "detected").
Also reported: the share of positive sentences in which `where` finds a place at all (the event's, else the
place the sentence gives its first event word), which does not depend on the coder's recall.
Usage: python benchmarks/where_assault.py [--save] [--dump FILE.tsv]   (--dump: every located sentence, to check)
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from marsad.coder import code_text
from marsad.coder.where import locate_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "eval").is_dir()), ROOT.parent / "shared")
ASSAULT = ("18", "19", "20")
CHECK = ROOT / "benchmarks" / "data" / "where_assault_check.tsv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", action="store_true", help="write benchmarks/results/where_assault.json")
    ap.add_argument("--dump", type=Path, help="write every located positive sentence to this TSV")
    args = ap.parse_args()
    with (SHARED / "eval" / "gsr-dev" / "assault.csv").open(encoding="utf-8") as f:
        positives = [r for r in csv.DictReader(f) if r["label"] == "yes"]
    events = located = detected = placed = 0
    rows = []
    for r in positives:
        found = [e for e in code_text(r["text"], doc_id=r["id"]) if e.cameo[:2] in ASSAULT]
        events += len(found)
        located += sum(e.location is not None for e in found)
        detected += bool(found)
        with_place = [e for e in found if e.location is not None]
        if with_place:
            loc, rule, how = with_place[0].location, (with_place[0].rule or "").split("/")[-1], "event"
        else:
            loc, rule = locate_text(r["text"], root="19")
            how = "sentence"
        placed += loc is not None
        if loc is not None:
            rows.append([r["id"], how, loc.text, loc.name, loc.country or "", loc.precision, rule, r["text"]])
    result = {
        "positives": len(positives), "detected_sentences": detected, "detected_events": events,
        "located_events": located, "located_event_share": round(located / events, 3) if events else None,
        "sentences_with_a_place": placed, "sentence_place_share": round(placed / len(positives), 3),
    }
    if CHECK.exists():
        with CHECK.open(encoding="utf-8") as f:
            judged = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
        right = sum(x["verdict"] == "right" for x in judged)
        now = {row[0]: row[2] for row in rows}
        # a judgement of a place the coder no longer gives is stale: judge that sentence again
        result["hand_checked_stale"] = [x["id"] for x in judged if now.get(x["id"]) != x["place_text"]]
        result["hand_checked"] = len(judged)
        result["hand_checked_right"] = right
        result["hand_checked_precision"] = round(right / len(judged), 3) if judged else None
    print(json.dumps(result, indent=2))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            f.write("id\thow\ttext\tname\tcountry\tprecision\trule\tsentence\n")
            for row in rows:
                f.write("\t".join(x.replace("\t", " ").replace("\n", " ") for x in row) + "\n")
    if args.save:
        out = ROOT / "benchmarks" / "results" / "where_assault.json"
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
