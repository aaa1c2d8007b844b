"""Actor resolution on the dev gold set: recall of named event actors, precision of country mentions.

Recall: for every gold event (optional ones included, UNK keys excluded), each evidence fragment
is found in the article and the sentence that holds it is taken; for each of the event's two keys
the audit file says whether that actor is *named* in the sentence (country, nisba, capital,
organisation, named official, or a group reference such as البلدين that stands for it) or only
*implicit* (pronoun, bare title, world knowledge). A named actor counts as resolved when some
mention of the sentence has ``.key`` equal to the gold key or lists it in ``.members``.
Units are (document, sentence, key): an actor named in one sentence by several events counts once.

Precision: every mention whose ``.country`` is set (IGO mentions are not judged) is looked up in the
audit file by document and ORIGINAL start offset. The audit row gives the key that is right for
those words; a mention with that key is right, any other key is wrong. Mentions at offsets the audit
does not know are reported as unjudged (re-audit them after coder changes).

The audit file (benchmarks/data/dev_actor_audit.tsv) holds hand judgements only: offsets, keys and
verdicts, never article text. Skips (exit 0) when ../shared/eval/dev is absent.

Usage: python benchmarks/actor_resolution.py [--json] [--quiet]
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev"
AUDIT = ROOT / "benchmarks" / "data" / "dev_actor_audit.tsv"
OUT = ROOT / "benchmarks" / "results" / "actor_resolution.json"
COLUMNS = ["table", "doc", "start", "end", "key", "verdict", "correct_key", "note"]
TARGET_RECALL = 0.97
TARGET_PRECISION = 0.97


# ---------------------------------------------------------------- gold evidence

def fragments(evidence: str) -> list[str]:
    """Evidence pieces: split on " / ", drop parenthetical notes, split on ellipses."""
    out = []
    for part in evidence.split(" / "):
        part = re.sub(r"\([^)]*\)", "", part).strip()
        for piece in re.split(r"\s*(?:\.\.\.|…)\s*", part):
            if piece.strip():
                out.append(piece.strip())
    return out


@dataclass
class Fragment:
    doc: str
    start: int  # original offsets of the evidence fragment in the article
    end: int
    key: str
    sentence: int  # index into the coder's sentences
    events: list[str] = field(default_factory=list)  # "ev3.source"


def gold_fragments(gold: dict, st) -> tuple[list[Fragment], list[str]]:
    """One Fragment per (evidence fragment, key); also the fragments that could not be found."""
    from marsad.text import normalize_form

    text = st.text
    starts = [s.start for s in st.sentences]
    found: dict[tuple[int, str], Fragment] = {}
    missing: list[str] = []
    for k, ev in enumerate(gold.get("events", [])):
        for j, frag in enumerate(fragments(ev.get("evidence") or "")):
            i = text.find(normalize_form(frag))
            if i < 0:
                missing.append(f"{gold['id']} ev{k} fragment {j}")
                continue
            si = bisect.bisect_right(starts, i) - 1
            if si < 0 or i >= st.sentences[si].end:
                missing.append(f"{gold['id']} ev{k} fragment {j} (outside sentences)")
                continue
            os_, oe = st.norm.to_original(i, i + len(normalize_form(frag)))
            for side in ("source", "target"):
                key = ev.get(side)
                if not key or key == "UNK":
                    continue
                f = found.setdefault((os_, key), Fragment(gold["id"], os_, oe, key, si))
                f.events.append(f"ev{k}.{side}")
    return list(found.values()), missing


# ---------------------------------------------------------------- audit file

def load_audit(path: Path = AUDIT) -> tuple[dict, dict]:
    """(recall rows keyed by (doc, fragment start, key), precision rows keyed by (doc, mention start))."""
    recall: dict[tuple[str, int, str], dict] = {}
    precision: dict[tuple[str, int], dict] = {}
    if not path.exists():
        return recall, precision
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells, strict=False))
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        if row["table"] == "recall":
            recall[(row["doc"], row["start"], row["key"])] = row
        elif row["table"] == "precision":
            precision[(row["doc"], row["start"])] = row
    return recall, precision


def right_key(row: dict) -> str:
    """The key that is right for the audited words ("-": they name no country actor)."""
    return row["key"] if row["verdict"] == "right" else row["correct_key"]


# ---------------------------------------------------------------- measure

def measure(dev: Path = DEV, audit: Path = AUDIT) -> dict:
    from marsad.coder.mentions import build_state
    from marsad.model import Document

    recall_rows, precision_rows = load_audit(audit)
    units: dict[tuple[str, int, str], dict] = {}
    mentions: list[dict] = []
    not_found: list[str] = []
    texts: dict[str, tuple[object, str]] = {}
    used: set[tuple[str, int, str]] = set()
    for path in sorted(dev.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        st = build_state(Document(gold["id"], gold["text"], gold.get("published")))
        texts[gold["id"]] = (st, gold["text"])
        frags, missing = gold_fragments(gold, st)
        not_found += missing
        for f in frags:
            u = units.setdefault((f.doc, f.sentence, f.key), {
                "doc": f.doc, "sentence": f.sentence, "key": f.key, "events": [], "verdicts": [], "notes": []})
            u["events"] += f.events
            row = recall_rows.get((f.doc, f.start, f.key))
            used.add((f.doc, f.start, f.key))
            u["verdicts"].append(row["verdict"] if row else "unjudged")
            if row and row.get("note"):
                note = re.sub(r"\s*\[[^\]]*\]$", "", row["note"])  # the event list is kept apart
                if note:
                    u["notes"].append(note)
        for s in st.sentences:
            for a in s.actors:
                if not a.country:
                    continue
                os_, oe = st.norm.to_original(a.start, a.end)
                row = precision_rows.get((gold["id"], os_))
                m = {"doc": gold["id"], "start": os_, "end": oe, "key": a.country, "kind": a.kind,
                     "sentence": s.index}
                if row is None:
                    m["verdict"] = "unjudged"
                else:
                    want = right_key(row)
                    m["verdict"] = "right" if a.country == want else "wrong"
                    m["correct_key"] = want
                    m["derived"] = a.country != row["key"]  # key changed since the audit
                    m["span_changed"] = oe != row["end"]
                    m["note"] = row.get("note", "")
                mentions.append(m)

    # Recall
    named, hits, misses, implicit, unjudged_units = 0, 0, [], 0, []
    for (doc, si, key), u in sorted(units.items()):
        vs = u["verdicts"]
        verdict = "named" if "named" in vs else ("unjudged" if "unjudged" in vs else "implicit")
        if verdict == "unjudged":
            unjudged_units.append(u)
            continue
        if verdict == "implicit":
            implicit += 1
            continue
        st, _ = texts[doc]
        s = st.sentences[si]
        named += 1
        if any(a.key == key or key in a.members for a in s.actors):
            hits += 1
        else:
            got = sorted({a.key for a in s.actors if a.key} | {m for a in s.actors for m in a.members})
            misses.append({"doc": doc, "sentence": si, "key": key, "events": sorted(set(u["events"])),
                           "predicted_keys_in_sentence": got, "note": "; ".join(dict.fromkeys(u["notes"]))})

    judged = [m for m in mentions if m["verdict"] != "unjudged"]
    right = sum(m["verdict"] == "right" for m in judged)
    wrong = [m for m in judged if m["verdict"] == "wrong"]
    unjudged_mentions = [m for m in mentions if m["verdict"] == "unjudged"]
    # Recall rows whose fragment no longer appears (e.g. evidence edited).
    stale = len(set(recall_rows) - used)
    return {
        "recall": {
            "value": round(hits / named, 4) if named else None, "target": TARGET_RECALL,
            "resolved": hits, "named": named, "implicit": implicit, "unjudged": len(unjudged_units),
            "misses": misses,
            "unjudged_units": [{k: u[k] for k in ("doc", "sentence", "key", "events")} for u in unjudged_units],
        },
        "precision": {
            "value": round(right / len(judged), 4) if judged else None, "target": TARGET_PRECISION,
            "right": right, "judged": len(judged), "unjudged": len(unjudged_mentions),
            "derived_from_correct_key": sum(bool(m.get("derived")) for m in judged),
            "span_changed": sum(bool(m.get("span_changed")) for m in judged),
            "wrong": [{k: m.get(k) for k in ("doc", "start", "end", "key", "correct_key", "kind", "note")}
                      for m in wrong],
            "wrong_by_kind": dict(Counter(m["kind"] for m in wrong).most_common()),
            "unjudged_mentions": [{k: m[k] for k in ("doc", "start", "end", "key", "kind")}
                                  for m in unjudged_mentions],
        },
        "evidence_not_found": not_found,
        "stale_recall_rows": stale,
        "_texts": texts,
    }


def report(res: dict, quiet: bool = False) -> None:
    texts = res["_texts"]
    r, p = res["recall"], res["precision"]

    def words(doc: str, s: int, e: int) -> str:
        return texts[doc][1][s:e].replace("\n", " ")

    def sentence(doc: str, si: int, limit: int = 160) -> str:
        st, original = texts[doc]
        s = st.sentences[si]
        os_, oe = st.norm.to_original(s.start, s.end)
        return original[os_:oe].replace("\n", " ")[:limit]

    if not quiet:
        print("Recall misses (named actor, no mention with its key in the sentence):")
        for m in r["misses"]:
            print(f"  {m['doc']} S{m['sentence']} want {m['key']} ({', '.join(m['events'])}); "
                  f"sentence has {m['predicted_keys_in_sentence']} — {m['note']}")
            print(f"      {sentence(m['doc'], m['sentence'])}")
        print("Wrong country mentions:")
        for m in p["wrong"]:
            print(f"  {m['doc']} {m['start']}-{m['end']} «{words(m['doc'], m['start'], m['end'])}» "
                  f"{m['kind']}: {m['key']} → should be {m['correct_key']}  {m['note'] or ''}")
        if p["unjudged_mentions"]:
            print("Unjudged country mentions (add them to the audit file):")
            for m in p["unjudged_mentions"]:
                print(f"  {m['doc']}\t{m['start']}\t{m['end']}\t{m['key']}\t{m['kind']}\t"
                      f"«{words(m['doc'], m['start'], m['end'])}»")
        if r["unjudged_units"]:
            print("Unjudged recall units (add them to the audit file):")
            for u in r["unjudged_units"]:
                print(f"  {u['doc']} S{u['sentence']} {u['key']} {u['events']}")
        for x in res["evidence_not_found"]:
            print(f"  evidence not found: {x}")
    rv = f"{r['value']:.4f}" if r["value"] is not None else "n/a"
    pv = f"{p['value']:.4f}" if p["value"] is not None else "n/a"
    print(f"recall of named actors: {rv} ({r['resolved']}/{r['named']}; {r['implicit']} implicit "
          f"excluded; {r['unjudged']} unjudged) target ≥ {r['target']}")
    print(f"precision of country mentions: {pv} ({p['right']}/{p['judged']}; {p['unjudged']} unjudged; "
          f"{p['derived_from_correct_key']} judged from the audited correct key, "
          f"{p['span_changed']} with a changed span) target ≥ {p['target']}")
    if p["wrong_by_kind"]:
        print("wrong mentions by kind:", ", ".join(f"{k} {v}" for k, v in p["wrong_by_kind"].items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    ap.add_argument("--quiet", action="store_true", help="only the summary lines")
    args = ap.parse_args(argv)
    if not DEV.is_dir():
        print(f"skipped: {DEV} is absent (the dev gold set lives outside the project)")
        return 0
    if not AUDIT.exists():
        print(f"note: {AUDIT} is missing; every unit will be unjudged")
    res = measure()
    report(res, args.quiet)
    if args.json:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        out = {k: v for k, v in res.items() if not k.startswith("_")}
        OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
