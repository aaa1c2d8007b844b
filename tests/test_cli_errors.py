"""Errors as a user meets them: the real `marsad` in a subprocess, one line on stderr, a distinct exit status."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from marsad.errors import ExitStatus

ROOT = Path(__file__).resolve().parents[1]
VISIT = "زار الرئيس التركي القاهرة أمس."


def marsad(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd)


def one_line(r: subprocess.CompletedProcess[str]) -> str:
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("db")
    (folder / "a.txt").write_text(VISIT, encoding="utf-8")
    db = folder / "m.duckdb"
    r = marsad("ingest", str(folder / "a.txt"), "--db", str(db), "--published", "2024-01-02")
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize("args, message", [
    (["events", "--since", "notadate"], "--since: 'notadate' is not a date"),
    (["events", "--until", "notadate"], "--until: 'notadate' is not a date"),
    (["events", "--since", "2015-13"], "--since: '2015-13' is not a date"),
    (["events", "--until", "2015-02-30"], "--until: '2015-02-30' is not a date"),
    (["events", "--dyad", "TUR", "XYZ"], "--dyad: 'XYZ' is not an actor key"),
    (["dyad", "TUR", "XYZ"], "--dyad: 'XYZ' is not an actor key"),
    (["dyads", "--limit", "5000"], "--limit: 5000 is not a whole number from 1 to 1,000"),
    (["actors", "XYZ"], "--actor: 'XYZ' is not an actor key"),
    (["export", "--format", "csv"], "--format: 'csv' is not one of"),
])
def test_query_arguments_are_checked(small_db: Path, args: list[str], message: str) -> None:
    r = marsad(*args, "--db", str(small_db))
    assert r.returncode == ExitStatus.USAGE
    assert message in one_line(r)
    assert r.stdout == ""  # no rows: not 0 rows that look like an answer


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` made unwritable for this user: chmod for a user, the immutable attribute for root (whom modes
    do not stop)."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: nothing here is read-only")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(VISIT, encoding="utf-8")
    return path


def test_statuses_are_distinct_and_documented() -> None:
    statuses = [int(s) for s in ExitStatus]
    assert len(set(statuses)) == len(statuses)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for status in ExitStatus:
        if status:
            assert re.search(rf"^\| {int(status)} \|", readme, re.M), f"exit status {status.name} not in the README"


def test_missing_database_folder(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "no" / "such" / "m.duckdb"
    r = marsad("ingest", str(article), "--db", str(db))
    assert r.returncode == ExitStatus.NO_DATABASE
    line = one_line(r)
    assert f"cannot create the database {db}" in line and "does not exist" in line and "mkdir -p" in line
    r = marsad("events", "--db", str(db))
    assert r.returncode == ExitStatus.NO_DATABASE and f"no database at {db}" in one_line(r)


def test_read_only_database_folder(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    assert marsad("ingest", str(article), "--db", str(folder / "m.duckdb")).returncode == 0
    with read_only(folder):
        # new and existing databases: DuckDB needs a .wal beside the file
        for db in (folder / "new.duckdb", folder / "m.duckdb"):
            r = marsad("ingest", str(article), "--db", str(db))
            assert r.returncode == ExitStatus.NOT_WRITABLE
            assert f"cannot write the database {db}: its folder" in one_line(r) and "read-only" in r.stderr
        assert marsad("stats", "--db", str(folder / "m.duckdb")).returncode == 0  # reading still works


def test_immutable_database_file(tmp_path: Path, article: Path) -> None:
    db = tmp_path / "m.duckdb"
    assert marsad("ingest", str(article), "--db", str(db)).returncode == 0
    with read_only(db):
        r = marsad("ingest", str(article), "--db", str(db))
        assert r.returncode == ExitStatus.NOT_WRITABLE
        assert f"cannot open the database {db} for writing" in one_line(r)
        r = marsad("stats", "--db", str(db))
        assert r.returncode == 0 and "documents" in r.stdout


def test_a_file_that_is_no_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("not a database", encoding="utf-8")
    r = marsad("stats", "--db", str(db))
    assert r.returncode == ExitStatus.NOT_A_DATABASE and "is not a DuckDB database" in one_line(r)


@pytest.mark.parametrize("args", [
    ["code", "{article}", "-o", "{tmp}/no/such/dir/out.jsonl"],
    ["code", "{article}", "-f", "parquet", "-o", "{tmp}/no/such/dir/out.parquet"],
    ["export", "-f", "jsonl", "--db", "{db}", "-o", "{tmp}/no/such/dir/out.jsonl"],
    ["export", "-f", "parquet", "--db", "{db}", "-o", "{tmp}/no/such/dir/out"],
    ["dyad", "TUR", "EGY", "--db", "{db}", "--plot", "{tmp}/no/such/dir/out.png"],
    ["report", "--dyad", "TUR", "EGY", "--db", "{db}", "-o", "{tmp}/no/such/dir/out.html"],
])
def test_unwritable_output_path(tmp_path: Path, article: Path, small_db: Path, args: list[str]) -> None:
    r = marsad(*(a.format(article=article, tmp=tmp_path, db=small_db) for a in args))
    assert r.returncode == ExitStatus.OUTPUT
    line = one_line(r)
    assert f"cannot write {tmp_path}/no/such/dir/out" in line and "does not exist" in line
    assert not (tmp_path / "no").exists()


def test_output_in_a_read_only_folder_fails_before_coding(tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder):
        r = marsad("code", str(article), "-o", str(folder / "out.jsonl"))
    assert r.returncode == ExitStatus.OUTPUT and f"cannot write {folder / 'out.jsonl'}" in one_line(r)


def test_explain_missing_file(tmp_path: Path) -> None:
    r = marsad("explain", "@" + str(tmp_path / "missing.txt"))
    assert r.returncode == ExitStatus.INPUT
    assert f"cannot read {tmp_path / 'missing.txt'}: No such file or directory" in one_line(r)


def test_explain_reads_a_legacy_encoded_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(VISIT.encode("cp1256"))
    r = marsad("explain", f"@{path}", "--published", "2024-01-02")
    assert r.returncode == 0 and "042" in r.stdout


def test_locked_database_second_ingest_and_query(small_db: Path, article: Path, tmp_path: Path) -> None:
    import duckdb

    copy = tmp_path / "m.duckdb"
    shutil.copy(small_db, copy)
    holder = duckdb.connect(str(copy))  # what a running ingest holds: DuckDB's write lock
    try:
        for args in (["ingest", str(article)], ["events"], ["stats"], ["serve"]):
            r = marsad(*args, "--db", str(copy))
            assert r.returncode == ExitStatus.DATABASE_LOCKED, args
            line = one_line(r)
            assert f"the database {copy} is in use by process {os.getpid()}" in line and "wait" in line
    finally:
        holder.close()
    assert marsad("stats", "--db", str(copy)).returncode == 0  # free again once the writer ends


def test_python_api_errors_name_the_field() -> None:
    from marsad import Document, code

    with pytest.raises(TypeError, match="Document.text must be a str, not NoneType"):
        code(Document(id="x", text=None))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="code\\(\\) takes a marsad.Document, not str"):
        code(VISIT)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="published 'yesterday' is not a date"):
        Document(id="x", text=VISIT, published="yesterday")
    with pytest.raises(ValueError, match="source must be a string, not int"):  # a JSONL line: file:line, not the file
        Document.from_dict({"id": "x", "text": VISIT, "source": 5})
    doc = Document(id="x", text=VISIT, published="2024-01-02T08:00:00+03:00")
    assert doc.published == "2024-01-02" and code(doc)
    doc.text = None  # type: ignore[assignment]
    with pytest.raises(TypeError, match="Document.text"):
        code(doc)
