"""`marsad code`, `marsad evaluate`, `marsad explain` as a user runs them: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.schema import validate_event

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
DEV = ROOT.parent / "shared" / "eval" / "dev"


def marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, timeout=600)


def test_code_examples_contract_valid_and_deterministic(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    r = marsad("code", str(EXAMPLES), "-o", str(out1))
    assert r.returncode == 0, r.stderr.decode()
    marsad("code", str(EXAMPLES), "-o", str(out2))
    assert out1.read_bytes() == out2.read_bytes()
    lines = out1.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 20
    ids = [json.loads(x)["doc_id"] for x in lines]
    order = [json.loads(x)["id"] for x in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids, key=order.index)  # input order
    for line in lines:
        assert validate_event(json.loads(line)) == []


def test_code_bad_inputs_are_reported_and_skipped(tmp_path: Path) -> None:
    good = {"id": "ok", "text": "زار الرئيس التركي القاهرة أمس.", "published": "2024-01-02"}
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text(
        json.dumps(good, ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": "empty", "text": ""}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes("زار الرئيس المصري الرياض.".encode("cp1256"))
    out = tmp_path / "out.jsonl"
    r = marsad("code", str(tmp_path), "-o", str(out))
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert "docs.jsonl:2" in err  # malformed JSON line, named by file and line
    assert "docs.jsonl:3" in err  # document without text
    assert "empty.txt" in err and "binary.txt" in err
    docs = {json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert "ok" in docs


def test_code_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    r = marsad("code", str(bad), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode != 0
    assert "bad.jsonl:1" in r.stderr.decode()


def test_code_stdin_text_with_published() -> None:
    r = marsad("code", "-", "--published", "2024-03-05", stdin="زار الرئيس التركي القاهرة أمس.".encode())
    assert r.returncode == 0, r.stderr.decode()
    visit, host = [json.loads(x) for x in r.stdout.decode().splitlines()]  # a visit is two records
    assert (visit["source"]["country"], visit["target"]["country"], visit["cameo"], visit["date"]) == (
        "TUR", "EGY", "042", "2024-03-04")
    assert (host["source"]["country"], host["target"]["country"], host["cameo"]) == ("EGY", "TUR", "043")


def test_code_stdin_detects_windows_1256() -> None:
    r = marsad("code", "-", "--published", "2024-03-05", stdin="زار الرئيس التركي القاهرة أمس.".encode("cp1256"))
    assert r.returncode == 0, r.stderr.decode()
    records = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert records and records[0]["trigger"] == "زار" and records[0]["doc_id"].startswith("stdin-")


def test_ingest_reads_stdin_like_files(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    legacy = "استقبل الرئيس المصري وزير الخارجية الأمريكي في القاهرة أمس."
    r = marsad("ingest", "-", "--db", db, "--published", "2015-07-21", stdin=legacy.encode("windows-1256"))
    assert r.returncode == 0, r.stderr.decode()
    assert "stored 1" in r.stdout.decode()
    lines = "\n".join(json.dumps({"id": f"j{i}", "text": f"زار الرئيس التركي القاهرة أمس. {i}",
                                  "published": "2024-03-05"}, ensure_ascii=False) for i in range(2))
    r = marsad("ingest", "-", "--db", db, stdin=lines.encode())
    assert r.returncode == 0 and "stored 2" in r.stdout.decode(), r.stderr.decode()
    r = marsad("ingest", "-", "--db", db, "--published", "2015-07-21", stdin=legacy.encode("windows-1256"))
    assert "stored 0, skipped 1" in r.stdout.decode()  # the same text again: one document, not two
    import duckdb

    con = duckdb.connect(db, read_only=True)
    rows = con.execute("SELECT doc_id, text, published FROM documents ORDER BY doc_id").fetchall()
    con.close()
    assert [r[0] for r in rows][:2] == ["j0", "j1"] and rows[2][0].startswith("stdin-")
    assert rows[2][1:] == (legacy, "2015-07-21")  # decoded from windows-1256, not mojibake
    r = marsad("ingest", "-", "--db", db, stdin=b"")
    assert r.returncode == 1 and "-: empty input" in r.stderr.decode() + r.stdout.decode()


def test_explain_shows_the_why() -> None:
    r = marsad("explain", "فرضت الولايات المتحدة عقوبات جديدة على إيران.", "--published", "2024-01-01")
    text = r.stdout.decode()
    assert r.returncode == 0
    assert "USA" in text and "IRN" in text and "pattern" in text


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev not present")
def test_evaluate_prints_three_scores() -> None:
    r = marsad("evaluate", str(DEV))
    assert r.returncode == 0, r.stderr.decode()
    tail = r.stdout.decode().strip().splitlines()[-3:]
    assert [x.split()[0] for x in tail] == ["dated", "undated", "quad"]
    r = marsad("evaluate", str(DEV), "--json")
    report = json.loads(r.stdout.decode())
    assert "dated" in json.dumps(report)


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/dev not present")
def test_evaluate_by_rule_over_two_gold_folders(tmp_path: Path) -> None:
    one = tmp_path / "one"
    one.mkdir()
    gold = {"id": "g1", "published": "2024-03-05", "text": "زار الرئيس التركي القاهرة أمس.",
            "events": [{"source": "TUR", "target": "EGY", "root": "04", "year": 2024, "status": "occurred"}]}
    (one / "g1.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    r = marsad("evaluate", str(one), str(DEV), "--by-rule")
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode().splitlines()
    visit = next(x for x in lines if x.startswith("pattern:visit "))
    assert int(visit.split()[2]) >= 1  # at least the TUR→EGY visit is a true positive
    assert any(x.startswith("args:vso") for x in lines) and any(x.startswith("date:") for x in lines)
    assert "12 articles" in r.stdout.decode()
