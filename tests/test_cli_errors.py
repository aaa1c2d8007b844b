"""Errors as a user meets them: the real `marsad` in a subprocess, one line on stderr, a distinct exit status."""

from __future__ import annotations

import subprocess
import sys
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
