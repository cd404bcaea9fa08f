"""`calckg serve`: read-only, loopback-only, stops cleanly on Ctrl-C (SIGINT)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from calckg.errors import EXIT_INPUT, StoreError
from calckg.lifeline import die_with_parent
from calckg.store.memory import MemoryStore
from calckg.store.sparql import RemoteStore
from ctrl_c import interruptible

LAUNCH = "from calckg.cli.store import serve_command; serve_command()"  # the click command alone


def start_serve(trig: Path, port: int, temp: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", LAUNCH, "--trig", str(trig), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(temp)},
                            preexec_fn=interruptible(die_with_parent(signal.SIGTERM)))  # noqa: PLW1509 - ends with pytest


@pytest.fixture
def served(fixture_trig: Path, free_port, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], int, str]]:
    port = free_port()
    process = start_serve(fixture_trig, port, tmp_path)
    first_line = process.stdout.readline() if process.stdout else ""
    yield process, port, first_line
    if process.poll() is None:
        process.kill()
        process.wait()


def test_serve_answers_read_only_and_stops_on_sigint(served, endpoint_for, fixture_dataset, tmp_path) -> None:
    process, port, first_line = served
    assert first_line.strip().startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query")
    store = RemoteStore(endpoint_for(f"http://127.0.0.1:{port}"))
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"  # the union default graph, as on every backend
    assert store.select(query).sorted_rows() == MemoryStore(fixture_dataset).select(query).sorted_rows()
    with pytest.raises(StoreError, match="HTTP 403"):
        store.update("DROP ALL", idempotent=False)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=15) == 0
    assert list(tmp_path.iterdir()) == []  # the temporary store is gone
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_serve_refuses_a_busy_port(fixture_trig: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        done = subprocess.run([sys.executable, "-c", LAUNCH, "--trig", str(fixture_trig), "--port",
                               str(holder.getsockname()[1])], capture_output=True, text=True, timeout=30)
    assert done.returncode == EXIT_INPUT
    assert "in use" in done.stderr
    assert "Traceback" not in done.stderr
