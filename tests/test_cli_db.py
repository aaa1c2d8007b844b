"""The database commands through the real `marsad` app, and a SIGKILL mid-ingest."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import networkx as nx
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.errors import ExitStatus
from marsad.model import Actor, Document, Event, make_event_id
from marsad.run import ingest
from marsad.store import Store
from marsad.store.exports import GDELT_COLUMNS

runner = CliRunner()

ARTICLE = (
    "الرياض - واس\n"
    "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في الرياض اليوم وزير الخارجية الأمريكي جون كيري، "
    "وبحث معه العلاقات الثنائية بين البلدين والأوضاع في اليمن وسوريا. "
    "وأدانت المملكة العربية السعودية الهجوم الإرهابي الذي استهدف مسجدا في الكويت، "
    "فيما التقى وزير الخارجية المصري سامح شكري نظيره الأردني ناصر جودة في عمّان. {n}"
)


def scripted(doc: Document) -> list[Event]:
    """Events from doc.extra['script'] (query-command tests need exact rows)."""
    out = []
    for n, (src, tgt, cameo, quad, goldstein, date) in enumerate(doc.extra["script"]):
        out.append(Event(
            doc_id=doc.id, event_id=make_event_id(doc.id, n),
            source=Actor(src, src + "GOV", src), target=Actor(tgt, tgt, tgt),
            cameo=cameo, quad_class=quad, goldstein=goldstein, plover="X", status="occurred", date=date,
            date_basis="explicit", sentence=doc.text[:30], sentence_span=(0, 30), trigger="استقبل",
        ))
    return out


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.duckdb"
    docs = [
        Document(id="a", text=ARTICLE.format(n=1), published="2015-07-21", source="spa", extra={"script": [
            ["SAU", "USA", "043", 1, 2.8, "2015-07-21"], ["SAU", "KWT", "111", 3, -2.0, "2015-07-20"]]}),
        Document(id="b", text=ARTICLE.format(n=2), published="2015-08-03", source="aawsat", extra={"script": [
            ["USA", "SAU", "042", 1, 1.9, "2015-08-02"], ["SAU", "YEM", "190", 4, -10.0, "2015-08-01"]]}),
    ]
    with Store(path) as s:
        ingest(s, docs, scripted)
    return path


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_events_table_json_csv_and_filters(db: Path) -> None:
    code, out = run("events", "--db", str(db))
    assert code == 0 and "SAUGOV" in out and "043" in out
    code, out = run("events", "--db", str(db), "--json", "--dyad", "USA", "SAU")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and sorted(r["cameo"] for r in records) == ["042", "043"]
    assert {"doc_id", "event_id", "source", "target", "sentence_span"} <= set(records[0])
    code, out = run("events", "--db", str(db), "--csv", "--actor", "YEM")
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert {"event_id", "goldstein", "quad_class", "plover", "sentence"} <= set(reader.fieldnames or ())
    assert len(rows) == 1 and rows[0]["cameo"] == "190"
    with Store(db, read_only=True) as s:
        stored = s.con.execute("SELECT event_id, goldstein, quad_class, plover FROM events WHERE cameo = '190'"
                               ).fetchall()
    assert [(r["event_id"], float(r["goldstein"]), int(r["quad_class"]), r["plover"]) for r in rows] == stored
    for args, expected in [
        (["--root", "04"], 2), (["--code", "043"], 1), (["--quad", "4"], 1), (["--since", "2015-08-01"], 2),
        (["--until", "2015-07-21"], 2), (["--status", "occurred"], 4), (["--search", "الرياض"], 4),
    ]:
        code, out = run("events", "--db", str(db), "--json", *args)
        assert code == 0 and len(out.splitlines()) == expected, args
    code, out = run("events", "--db", str(db), "--status", "maybe")
    assert code != 0


def _terminal(columns: int, *args: str) -> str:
    """The real CLI writing to a pipe, as wide as a terminal of `columns`."""
    env = {**os.environ, "COLUMNS": str(columns)}
    r = subprocess.run([sys.executable, "-m", "marsad", *args], env=env, capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    return r.stdout.decode()


@pytest.mark.parametrize("columns", [80, 200])
def test_events_table_keeps_sentences_and_statuses_at_any_width(db: Path, columns: int) -> None:
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET status = 'hypothetical' WHERE cameo = '190'")
    con.close()
    out = _terminal(columns, "events", "--db", str(db))
    assert max(len(line) for line in out.splitlines()) <= columns
    cells = " ".join(part for line in out.splitlines() for part in line.split("│")[1:-1])
    with Store(db, read_only=True) as s:
        sentences = [r[0] for r in s.con.execute("SELECT sentence FROM events").fetchall()]
    for sentence in sentences:  # every word of every sentence is there: wrapped, never cut
        assert all(word in cells for word in sentence.split()), sentence
    assert "hypothetical" in cells and "occurred" in cells and "…" not in out
    dates = [d for d in ("2015-07-20", "2015-07-21", "2015-08-01", "2015-08-02") if d in out]
    assert sorted(dates, key=out.index) == dates  # sorted by date (the fixture stores them otherwise)
    newest = _terminal(columns, "events", "--db", str(db), "--desc")
    assert newest.index("2015-08-02") < newest.index("2015-07-20")


def test_dyad_table_sparkline_and_plot(db: Path, tmp_path: Path) -> None:
    png = tmp_path / "dyad.png"
    code, out = run("dyad", "SAU", "USA", "--db", str(db), "--plot", str(png))
    assert code == 0 and "SAU ↔ USA by month" in out
    assert "events   ██" in out  # one distinct event in each of the two months
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out = run("dyad", "SAU", "USA", "--db", str(db), "--by", "day", "--directed", "--json")
    body = json.loads(out)  # one JSON document, as `dyads --json` and the API's /api/dyads/SAU/USA
    assert code == 0 and [r["period"] for r in body["series"]] == ["2015-07-21"]
    assert {k: body[k] for k in ("a", "b", "by", "directed")} == {"a": "SAU", "b": "USA", "by": "day",
                                                                  "directed": True}
    code, _ = run("dyad", "SAU", "USA", "--db", str(db), "--by", "fortnight")
    assert code != 0


def test_actors_and_stats(db: Path) -> None:
    code, out = run("actors", "--db", str(db), "--json")
    assert code == 0 and json.loads(out)[0]["actor"] == "SAU"
    code, out = run("actors", "SAU", "--db", str(db), "--json")
    profile = json.loads(out)
    assert profile["events"] == 4 and profile["partners"][0]["partner"] == "USA"
    assert profile["most_conflictual"][0]["partner"] == "YEM"
    code, out = run("actors", "SAU", "--db", str(db))
    assert code == 0 and "most cooperative" in out
    code, out = run("dyads", "--db", str(db), "--json")
    dyads = json.loads(out)
    assert code == 0 and [(d["actor_a"], d["actor_b"], d["events"]) for d in dyads] == [
        ("SAU", "USA", 2), ("KWT", "SAU", 1), ("SAU", "YEM", 1)]
    assert dyads[0]["q1_verbal_coop"] == 2 and dyads[0]["goldstein_mean"] == 2.35
    code, out = run("dyads", "--db", str(db), "--directed")
    assert code == 0 and "SAU → USA" in out and "USA → SAU" in out and "Goldstein" in out
    code, out = run("dyads", "--db", str(db), "--limit", "1")
    assert code == 0 and "SAU ↔ USA" in out and "+2.35" in out and "KWT" not in out
    code, out = run("stats", "--db", str(db), "--json")
    info = json.loads(out)
    assert (info["documents"], info["events"], info["distinct_events"]) == (2, 4, 4)
    assert (info["published_from"], info["published_to"]) == ("2015-07-21", "2015-08-03")
    code, out = run("stats", "--db", str(db))
    assert code == 0 and "distinct events" in out and "2015-07-20 … 2015-08-02" in out, out


def test_stats_breakdown_and_all_statuses(db: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET status = 'hypothetical' WHERE cameo = '190'")  # SAU → YEM, feared
    con.close()
    code, out = run("stats", "--db", str(db))
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]  # one line each, at 80 columns
    assert "hypothetical 1 not counted below (--all-statuses)" in lines, out
    assert "distinct events 3 export gdelt, actors" in lines
    assert "between two actors 3 dyads, dyad, export graphml" in lines
    info = json.loads(run("stats", "--db", str(db), "--json")[1])
    assert (info["counts"]["events"], info["counts"]["hypothetical"], info["counts"]["distinct_events"]) == (4, 1, 3)
    code, out = run("export", "--format", "gdelt", "--db", str(db))
    assert code == 0 and len(out.splitlines()) == 3
    code, out = run("export", "--format", "gdelt", "--db", str(db), "--all-statuses")
    assert code == 0 and len(out.splitlines()) == 4
    assert len(run("export", "--format", "jsonl", "--db", str(db))[1].splitlines()) == 4
    pairs = {(d["actor_a"], d["actor_b"]) for d in json.loads(run("dyads", "--db", str(db), "--json")[1])}
    assert ("SAU", "YEM") not in pairs
    pairs = {(d["actor_a"], d["actor_b"])
             for d in json.loads(run("dyads", "--db", str(db), "--json", "--all-statuses")[1])}
    assert ("SAU", "YEM") in pairs
    profile = json.loads(run("actors", "YEM", "--db", str(db), "--json", "--all-statuses")[1])
    assert profile["events"] == 1


@pytest.mark.parametrize(("command", "says"), [
    ("events", "every status"), ("dyads", "--all-statuses adds hypothetical"), ("dyad", "--all-statuses adds"),
    ("actors", "--all-statuses adds"), ("export", "jsonl and parquet hold every stored event"),
])
def test_each_query_says_what_it_counts(command: str, says: str) -> None:
    code, out = run(command, "--help")
    assert code == 0 and says in " ".join(out.replace("│", " ").split()), out


def test_db_from_env_and_missing_db(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DB", str(db))
    code, out = run("stats", "--json")
    assert code == 0 and json.loads(out)["documents"] == 2
    code, out = run("stats", "--db", str(tmp_path / "none.duckdb"))
    assert code == ExitStatus.NO_DATABASE and "no database" in out


def test_export_formats(db: Path, tmp_path: Path) -> None:
    code, out = run("export", "--format", "gdelt", "--db", str(db))
    assert code == 0 and len(out.splitlines()) == 4
    assert all(len(line.split("\t")) == len(GDELT_COLUMNS) for line in out.splitlines())
    code, out = run("export", "--format", "jsonl", "--db", str(db))
    assert code == 0 and len(out.splitlines()) == 4
    assert all(Event.from_dict(json.loads(line)).doc_id in {"a", "b"} for line in out.splitlines())
    code, _ = run("export", "--format", "graphml", "--db", str(db), "-o", str(tmp_path / "g.graphml"))
    assert code == 0 and nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 4
    code, _ = run("export", "--format", "parquet", "--db", str(db), "-o", str(tmp_path / "pq"))
    assert code == 0
    n = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/**/*.parquet')").fetchall()[0][0]
    assert n == 4
    code, _ = run("export", "--format", "parquet", "--db", str(db))
    assert code != 0
    code, _ = run("export", "--format", "csv", "--db", str(db))
    assert code != 0


# --- ingest, end to end with the real coder ------------------------------------------------


def test_ingest_command(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(n="a"), encoding="utf-8")
    (folder / "b.txt").write_bytes(ARTICLE.format(n="b").encode("windows-1256"))
    (folder / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": ARTICLE.format(n="c"), "published": "2015-07-21"}, ensure_ascii=False)
        + "\nnot json\n",
        encoding="utf-8",
    )
    (folder / "d.txt").write_bytes(b"")
    (folder / "README.md").write_text("# not news: a file of no supported kind is passed over\n", encoding="utf-8")
    db = tmp_path / "i.duckdb"
    code, out = run("ingest", str(folder), "--db", str(db), "--published", "2015-07-20")
    assert code == 0, out
    assert "read 3 documents: stored 3" in out and "2 errors" in out
    assert "c.jsonl:2: malformed JSON" in out and "d.txt: empty file" in out
    assert "README" not in out
    code, out = run("ingest", str(folder), "--db", str(db))
    assert code == 0 and "stored 0, skipped 3" in out
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 3
        published = dict(s.con.execute("SELECT doc_id, published FROM documents").fetchall())
    assert published == {"a.txt": "2015-07-20", "b.txt": "2015-07-20", "c1": "2015-07-21"}


def test_ingest_again_after_an_edit_replaces_the_document(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE.format(n="v1"), encoding="utf-8")
    db = tmp_path / "r.duckdb"
    assert run("ingest", str(article), "--db", str(db), "--published", "2015-07-21")[0] == 0
    with Store(db, read_only=True) as s:
        first = s.counts()
    article.write_text(ARTICLE.format(n="v2").replace("الكويت", "البحرين"), encoding="utf-8")
    code, out = run("ingest", str(article), "--db", str(db), "--published", "2015-07-21")
    assert code == 0 and "stored 1 (1 replacing an older version)" in out, out
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 1 and s.counts()["events"] == first["events"]
        texts = s.con.execute("SELECT text FROM documents").fetchall()
        sentences = [r[0] for r in s.con.execute("SELECT sentence FROM events").fetchall()]
    assert texts == [(ARTICLE.format(n="v2").replace("الكويت", "البحرين").strip(),)]
    assert any("البحرين" in x for x in sentences) and not any("الكويت" in x for x in sentences)
    # a new publication date on the same text recodes it: the events dated «اليوم» move with it
    code, out = run("ingest", str(article), "--db", str(db), "--published", "2016-01-10")
    assert code == 0 and "1 replacing" in out
    with Store(db, read_only=True) as s:
        dates = {r[0] for r in s.con.execute("SELECT date FROM events").fetchall()}
    assert "2016-01-10" in dates and not any(d and d.startswith("2015") for d in dates)


def test_ingest_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out = run("ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "n.duckdb"))
    assert code == 1 and "binary file" in out and "nothing could be read" in out
    code, _ = run("ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "n.duckdb"), "--published", "21/07/2015")
    assert code != 0


def test_ingest_nothing_stored_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import marsad.coder

    def broken(doc: Document) -> list[Event]:
        raise RuntimeError("no knowledge")

    monkeypatch.setattr(marsad.coder, "code", broken)
    (tmp_path / "a.txt").write_text(ARTICLE.format(n="a"), encoding="utf-8")
    code, out = run("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "n.duckdb"))
    assert code == 1 and "coder failed: RuntimeError: no knowledge" in out and "nothing could be coded" in out


def _write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            body = " ".join(ARTICLE.format(n=f"({i}-{k})") for k in range(6))
            rec = {"id": f"gen-{i:04d}", "text": body, "published": "2015-07-21", "source": f"outlet{i % 7}"}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


BATCH = 10


def _ingest_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)]


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as s:
        counts = s.counts()
        # every stored document is complete: its events are all there
        bad = s.con.execute(
            "SELECT count(*) FROM documents d WHERE num_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id)"
        ).fetchall()[0][0]
    assert bad == 0
    return counts


def _wal(db: Path) -> int:
    """Size of the database's write-ahead log: it grows by one batch at each commit."""
    wal = Path(f"{db}.wal")
    try:
        return wal.stat().st_size
    except FileNotFoundError:
        return 0


@pytest.mark.slow
def test_sigkill_midway_then_rerun_equals_uninterrupted_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, 300)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    # The uninterrupted run, watched: how big its WAL grows tells where "midway" is.
    reference = tmp_path / "ref.duckdb"
    proc = subprocess.Popen(_ingest_cmd(corpus, reference), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    full_wal = 0
    while proc.poll() is None:
        full_wal = max(full_wal, _wal(reference))
        time.sleep(0.002)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    expected = _counts(reference)
    assert expected["documents"] == 300
    assert full_wal > 0, "ingest was too quick to watch: make the corpus larger"

    # The same run, killed without warning once about half of it is committed.
    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen(_ingest_cmd(corpus, killed), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and _wal(killed) < full_wal // 2:
        time.sleep(0.002)
    assert proc.poll() is None, "ingest finished before it could be killed: make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # The kill landed midway: whole batches are stored, the rest not at all.
    partial = _counts(killed)
    print(f"killed after {partial['documents']} of 300 documents")
    assert 0 < partial["documents"] < 300 and 0 < partial["events"] < expected["events"]
    assert partial["documents"] % BATCH == 0, "a batch is committed whole or not at all"

    # Re-running resumes: the result equals the uninterrupted run.
    subprocess.run(_ingest_cmd(corpus, killed), check=True, env=env, capture_output=True, timeout=600)
    assert _counts(killed) == expected


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_says_what_is_stored_and_a_rerun_resumes(tmp_path: Path, workers: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, 120)
    db = tmp_path / "int.duckdb"
    Store(db).close()  # schema made and checkpointed: from here the WAL grows only when a batch commits
    cmd = [*_ingest_cmd(corpus, db), "--workers", workers]
    # As at a terminal: Ctrl-C is not ignored (a runner that starts tests in the background ignores it,
    # and a child inherits that).
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None and _wal(db) == 0:
        time.sleep(0.002)
    assert proc.poll() is None, "ingest finished before it could be interrupted: make the corpus larger"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    message = " ".join(err.decode().split())
    assert proc.returncode == 130, message
    assert "Traceback" not in message and "Run the same command again to resume" in message
    stored = int(message.split("the database holds ")[1].split(" documents")[0].replace(",", ""))
    assert f"{stored} more than before this run" in message
    assert 0 < stored < 120 and stored % BATCH == 0 and _counts(db)["documents"] == stored
    rerun = subprocess.run(cmd, capture_output=True, timeout=600)
    assert rerun.returncode == 0
    assert f"stored {120 - stored}, skipped {stored} already stored" in rerun.stdout.decode()
    assert _counts(db)["documents"] == 120
