"""Fixtures shared by the API and browser tests: a real DuckDB built from examples/ and a real server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested by the project's own ingest, as `marsad ingest examples` does."""
    from marsad.ingest import read_paths
    from marsad.run import ingest
    from marsad.store import Store

    path = tmp_path_factory.mktemp("web") / "examples.duckdb"
    with Store(path) as store:
        stats = ingest(store, read_paths([EXAMPLES]))
    assert stats.stored == 25 and not stats.failed
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    app: object


class Running:
    """A uvicorn server on a free loopback port, in a thread of this process."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return Server(f"http://127.0.0.1:{self.port}", self.server.config.app)

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(examples_db: Path) -> Iterator[Server]:
    """The read-only app over the examples, as `marsad serve` runs it."""
    from marsad.api.app import create_app, default_hosts

    with Running(create_app(examples_db, allowed_hosts=default_hosts("127.0.0.1"))) as running:
        yield running
