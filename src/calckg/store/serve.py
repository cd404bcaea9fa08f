"""`calckg serve`: a local SPARQL endpoint over the built graph, using the `oxigraph` package's server.

Oxigraph's server has no authentication and follows SERVICE and LOAD to any URL (docs/reliability.md row 25), so it is
bound to 127.0.0.1 only and started with `serve-read-only` unless writes are asked for. The data is loaded into a
fresh temporary directory, so the build and any store the user keeps are never touched; the directory is removed
on exit.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import IO

from calckg.errors import InputError, StoreError

HOST = "127.0.0.1"
_STARTUP_SECONDS = 20.0


def oxigraph_cli() -> str:
    """The `oxigraph` executable installed with this Python (the venv's bin), else the one on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed: pip install oxigraph")
    return found


def load_directory(trig: Path, location: Path) -> None:
    """Load a TriG/N-Quads file into an Oxigraph directory (atomic per file; the directory is new)."""
    if not trig.is_file():
        raise InputError(f"{trig}: no built graph to serve; run `calckg build` first or pass --trig FILE")
    done = subprocess.run([oxigraph_cli(), "load", "--location", str(location), "--file", str(trig)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise StoreError(f"oxigraph could not load {trig}: {done.stderr.strip()[-300:]}")


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log: IO[bytes]) -> None:
    deadline = time.monotonic() + _STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            error = log.read().decode("utf-8", "replace")
            raise StoreError(f"the oxigraph server stopped at start-up (is port {port} in use?): "
                             f"{error.strip()[-300:]}")
        try:
            with socket.create_connection((HOST, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise StoreError(f"the oxigraph server did not start listening on {HOST}:{port} within {_STARTUP_SECONDS:g} s")


def _check_port_free(port: int) -> None:
    """Refuse a busy port up front: otherwise the readiness check could talk to whatever holds it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise InputError(f"port {port} on {HOST} is in use; choose another with --port") from None


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def serve(trig: Path, *, port: int = 7878, read_only: bool = True, echo: Callable[[str], None] = print,
          built_store: Path | None = None) -> int:
    """Serve `trig` on http://127.0.0.1:PORT until Ctrl-C (or SIGTERM); returns the exit code 0. Read-only, and
    given the store `calckg build` wrote (`built_store`), the server opens that store directly (read-only: nothing
    is loaded or copied; a later build swaps in a new folder, which a restart picks up)."""
    _check_port_free(port)
    direct = read_only and built_store is not None
    location = built_store if direct else Path(tempfile.mkdtemp(prefix="calckg-serve-"))
    assert location is not None
    log = tempfile.TemporaryFile()  # the server's output: an unread pipe would block it once full
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)  # clean up on `kill` as on Ctrl-C
    process: subprocess.Popen[bytes] | None = None
    try:
        if not direct:
            load_directory(trig, location)
        mode = "serve-read-only" if read_only else "serve"
        # Own session: Ctrl-C reaches only calckg, which then stops the server and cleans up in order.
        process = subprocess.Popen(
            [oxigraph_cli(), mode, "--location", str(location), "--bind", f"{HOST}:{port}", "--union-default-graph"],
            stdout=log, stderr=log, start_new_session=True)
        _wait_until_listening(process, port, log)
        base = f"http://{HOST}:{port}"
        echo(f"SPARQL endpoint: {base}/query ({'read-only' if read_only else 'read-write, changes are discarded'})")
        echo(f"Query page: {base}/")
        echo("Press Ctrl-C to stop.")
        process.wait()
        raise StoreError(f"the oxigraph server stopped unexpectedly (exit {process.returncode})")
    except KeyboardInterrupt:
        echo("Stopping the SPARQL endpoint.")
        return 0
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        signal.signal(signal.SIGTERM, previous)
        log.close()
        if not direct:
            shutil.rmtree(location, ignore_errors=True)
