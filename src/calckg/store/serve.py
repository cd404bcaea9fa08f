"""`calckg serve`: a local SPARQL endpoint over the built graph, using the `oxigraph` package's server.

Oxigraph's server has no authentication, accepts any Host and Origin and follows SERVICE and LOAD to any URL
(docs/reliability.md row 25), so it listens on a private loopback port behind :mod:`calckg.store.serve_proxy`, which
checks every request; it runs with `serve-read-only` unless writes are asked for, and with `--timeout-s` so a
runaway query stops. The data is loaded into a fresh temporary directory (removed on exit, or by the next
`calckg serve` if this process was killed); the server dies with calckg (:mod:`calckg.lifeline`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import IO

from calckg.errors import InputError, StoreError
from calckg.leftovers import owned_temp_dir, remove_orphans
from calckg.lifeline import die_with_parent
from calckg.store.serve_proxy import CheckingProxy

HOST = "127.0.0.1"
SERVE_TEMP_PREFIX = "calckg-serve-"
_STARTUP_SECONDS = 20.0


def _child_env() -> dict[str, str]:
    """The environment for oxigraph: no Rust backtraces, so errors are the message itself (issue 17 item 20)."""
    return {k: v for k, v in os.environ.items() if k not in ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE")}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


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
    if trig.stat().st_size == 0:
        raise InputError(f"{trig}: the file is empty; run `calckg build` first or pass --trig FILE")
    done = subprocess.run([oxigraph_cli(), "load", "--location", str(location), "--file", str(trig)],
                          capture_output=True, text=True, check=False, env=_child_env())
    if done.returncode != 0:
        marker = f"Error while loading file {trig}: "
        parse_errors = [line.split(marker, 1)[1] for line in done.stderr.splitlines() if marker in line]
        if parse_errors:
            raise InputError(f"{trig}: not valid TriG: {parse_errors[0]}")
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


def _start_server(mode: str, location: Path, log: IO[bytes],
                  timeout_s: float) -> tuple[subprocess.Popen[bytes], int]:
    """The oxigraph server on a private loopback port (only the checking proxy talks to it)."""
    inner = _free_port()
    # Own session: Ctrl-C reaches only calckg, which then stops the server and cleans up in order.
    process = subprocess.Popen(
        [oxigraph_cli(), mode, "--location", str(location), "--bind", f"{HOST}:{inner}",
         "--union-default-graph", "--timeout-s", f"{max(1, round(timeout_s))}"],
        stdout=log, stderr=log, start_new_session=True, env=_child_env(),
        preexec_fn=die_with_parent())  # noqa: PLW1509 - prctl must run in the child
    _wait_until_listening(process, inner, log)
    return process, inner


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(trig: Path, *, port: int = 7878, read_only: bool = True, echo: Callable[[str], None] = print,
          timeout_s: float = 30.0, built_store: Path | None = None) -> int:
    """Serve `trig` on http://127.0.0.1:PORT until Ctrl-C (or SIGTERM, SIGHUP); returns the exit code 0. Read-only,
    and given the store `calckg build` wrote (`built_store`), the server opens that store directly (read-only:
    nothing is loaded or copied; a later build swaps in a new folder, which a restart picks up).

    Oxigraph checks its own deadline only between storage reads, so a query still running past `timeout_s`
    (plus a short grace) gets a 503 from the proxy, and the server is restarted on the same data to stop it."""
    _check_port_free(port)
    remove_orphans(SERVE_TEMP_PREFIX)
    direct = read_only and built_store is not None
    temp: Path | None = None
    if built_store is not None and direct:
        database = built_store
    else:
        temp = owned_temp_dir(SERVE_TEMP_PREFIX)
        database = temp / "db"
    log = tempfile.TemporaryFile()  # the server's output: an unread pipe would block it once full
    previous = {sig: signal.signal(sig, _raise_interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    process: subprocess.Popen[bytes] | None = None
    proxy: CheckingProxy | None = None
    restart = threading.Event()
    try:
        if not direct:
            load_directory(trig, database)
        mode = "serve-read-only" if read_only else "serve"
        process, inner = _start_server(mode, database, log, timeout_s)
        proxy = CheckingProxy(port, inner, writable=not read_only, timeout_s=timeout_s, on_timeout=restart.set)
        proxy.start()
        base = f"http://{HOST}:{port}"
        echo(f"SPARQL endpoint: {base}/query ({'read-only' if read_only else 'read-write, changes are discarded'})")
        echo(f"Query page: {base}/")
        echo("Press Ctrl-C to stop.")
        while process.poll() is None:
            if restart.wait(0.2):
                restart.clear()
                _stop(process)
                process, proxy.inner_port = _start_server(mode, database, log, timeout_s)
                echo(f"A query ran past {timeout_s:g} s: the SPARQL server was restarted to stop it.")
        raise StoreError(f"the oxigraph server stopped unexpectedly (exit {process.returncode})")
    except KeyboardInterrupt:
        echo("Stopping the SPARQL endpoint.")
        return 0
    finally:
        if proxy is not None:
            proxy.shutdown()
            proxy.server_close()
        _stop(process)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.close()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
