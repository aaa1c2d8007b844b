"""Does a change to the coder's plumbing keep its output byte for byte? Code a fixed sample before and after.

The sample: the first N SaudiNewsNet articles (default 2,000) and the texts of the gold sets in
../shared/eval (dev, real-dev, gsr-dev sentences). The output is written outside the repository, so no
golden file has to be regenerated when the coder's rules improve:

    .venv/bin/python benchmarks/check_identical.py --save /tmp/before.jsonl    # before the change
    .venv/bin/python benchmarks/check_identical.py --check /tmp/before.jsonl   # after: exit 1 on any difference
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

from marsad.coder import code
from marsad.knowledge import default_kb
from marsad.model import Document

# ../shared beside the checkout (as CI lays it out), or wherever MARSAD_SHARED points
SHARED = Path(os.environ.get("MARSAD_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def saudinewsnet(limit: int) -> Iterator[Document]:
    n = 0
    for path in sorted((SHARED / "corpora" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for i, a in enumerate(json.loads(z.read(name))):
                    text = (a.get("content") or "").strip()
                    if not text:
                        continue
                    yield Document(id=f"{path.stem}/{i}", text=text, published=(a.get("date_extracted") or "")[:10] or None)
                    n += 1
                    if n >= limit:
                        return


def gold_texts() -> Iterator[Document]:
    for folder in ("dev", "real-dev"):
        for f in sorted((SHARED / "eval" / folder).glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            yield Document(id=f"{folder}/{d['id']}", text=d["text"], published=d.get("published"))
    for f in sorted((SHARED / "eval" / "gsr-dev").glob("*.csv")):
        with f.open(encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                yield Document(id=f"gsr/{f.stem}/{row['id']}", text=row["text"], published="2018-01-01")


def main() -> int:
    ap = argparse.ArgumentParser()
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the coded sample here")
    group.add_argument("--check", type=Path, help="code the sample and compare it with this file")
    ap.add_argument("--docs", type=int, default=2000, help="SaudiNewsNet articles in the sample")
    args = ap.parse_args()
    kb = default_kb()
    lines = [e.to_json() for doc in [*saudinewsnet(args.docs), *gold_texts()] for e in code(doc, kb)]
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if args.save:
        args.save.write_bytes(data)
        print(f"{len(lines)} events saved to {args.save}")
        return 0
    before = args.check.read_bytes()
    if before == data:
        print(f"identical: {len(lines)} events")
        return 0
    old = before.decode("utf-8").splitlines()
    diff = next((i for i, (a, b) in enumerate(zip(old, lines, strict=False)) if a != b), min(len(old), len(lines)))
    print(f"DIFFERENT: {len(old)} events before, {len(lines)} now; first difference at event {diff}:")
    print("  before:", old[diff][:300] if diff < len(old) else "-")
    print("  now:   ", lines[diff][:300] if diff < len(lines) else "-")
    return 1


if __name__ == "__main__":
    sys.exit(main())
