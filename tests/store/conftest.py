"""Fixtures for the store suite: a real Oxigraph server on loopback, stub HTTP servers, the tiny fixture dataset,
and one `store` fixture parametrised over the three backends. Every test runs under calckg's own network guard
(`calckg.netguard`, installed by tests/conftest.py): no connection or name lookup other than loopback.
"""

from __future__ import annotations

import dataclasses
import http.server
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Namespace, URIRef

from calckg.lifeline import die_with_parent
from calckg.store.base import Store, named_graphs
from calckg.store.http import Endpoint
from calckg.store.memory import MemoryStore
from calckg.store.oxigraph import OxigraphStore
from calckg.store.sparql import RemoteStore

DATA = Path(__file__).parent / "data"
FIXTURE_TRIG = DATA / "fixture.trig"
LOOPBACK = "127.0.0.1"
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


# -- fixture data -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Iris:
    """The named IRIs of tests/store/data/fixture.trig."""

    ck: Namespace = Namespace("https://w3id.org/calckg/ontology#")
    concept: Namespace = Namespace("https://w3id.org/calckg/concept/")
    micro_graph: URIRef = URIRef("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast")
    dcis_graph: URIRef = URIRef("https://w3id.org/calckg/id/how-often-does-dcis-show-calcifications")
    micro: Namespace = Namespace("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast/")
    dcis: Namespace = Namespace("https://w3id.org/calckg/id/how-often-does-dcis-show-calcifications/")
    sizes: dict[str, int] = field(default_factory=lambda: {
        "https://w3id.org/calckg/id/how-often-does-dcis-show-calcifications": 12,
        "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast": 13,
    })


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris()


def load_fixture() -> Dataset:
    dataset = Dataset()
    dataset.parse(FIXTURE_TRIG, format="trig")
    return dataset


@pytest.fixture
def fixture_dataset() -> Dataset:
    return load_fixture()


@pytest.fixture(scope="session")
def fixture_trig() -> Path:
    return FIXTURE_TRIG


# -- servers ------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes] | None = None, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listening on {LOOPBACK}:{port} after {seconds} s")


@dataclass
class OxigraphServer:
    process: subprocess.Popen[bytes]
    url: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_oxigraph(location: Path) -> OxigraphServer:
    port = free_port()
    # dies with pytest however pytest ends (calckg.lifeline): a killed test run leaves no server behind
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(location), "--bind", f"{LOOPBACK}:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=die_with_parent())  # noqa: PLW1509 - prctl must run in the child
    server = OxigraphServer(process, f"http://{LOOPBACK}:{port}")
    try:
        wait_listening(port, process)
    except RuntimeError:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One read-write Oxigraph server for the session, on a free loopback port; stopped by this fixture."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"))
    yield server
    server.stop()


@pytest.fixture
def oxigraph_factory(tmp_path: Path) -> Iterator[Callable[[], OxigraphServer]]:
    """Extra servers a test may stop itself; any left running are stopped here."""
    started: list[OxigraphServer] = []

    def start() -> OxigraphServer:
        server = start_oxigraph(tmp_path / f"oxigraph-{len(started)}")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def endpoint_for(url: str, **changes: Any) -> Endpoint:
    """A test endpoint: short timeout, fast backoff."""
    return dataclasses.replace(Endpoint.from_url(url, timeout=5.0, retries=2), backoff=0.01, **changes)


@pytest.fixture(name="endpoint_for", scope="session")
def endpoint_for_fixture() -> Callable[..., Endpoint]:
    return endpoint_for


@pytest.fixture(name="free_port", scope="session")
def free_port_fixture() -> Callable[[], int]:
    return free_port


@pytest.fixture
def remote(oxigraph_server: OxigraphServer) -> RemoteStore:
    """The session server, emptied."""
    store = RemoteStore(endpoint_for(oxigraph_server.url))
    store.update("DROP ALL", idempotent=True)
    return store


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class StubServer:
    url: str
    requests: list[Seen]


Reply = Callable[[Seen], tuple[int, str, bytes] | tuple[int, str, bytes, dict[str, str]]]
"""A stub's behaviour: request → (status, content type, body[, more headers]); it may sleep."""


@pytest.fixture
def stub_server() -> Iterator[Callable[[Reply], StubServer]]:
    """Tiny HTTP servers on 127.0.0.1 answering whatever a test scripts; shut down after the test."""
    running: list[http.server.ThreadingHTTPServer] = []

    def start(reply: Reply) -> StubServer:
        seen: list[Seen] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Seen(self.command, self.path, dict(self.headers), self.rfile.read(length))
                seen.append(request)
                status, content_type, body, *more = reply(request)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    for key, value in (more[0] if more else {}).items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (timeout tests)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: Any) -> None:
                pass

        server = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        running.append(server)
        return StubServer(f"http://{LOOPBACK}:{server.server_address[1]}", seen)

    yield start
    for server in running:
        server.shutdown()
        server.server_close()


@pytest.fixture
def garbage_port() -> Iterator[int]:
    """A port that answers every connection with bytes that are not HTTP."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            self.request.recv(65536)
            self.request.sendall(b"\x00\x01 this is not HTTP \xff\r\n\r\n")

    server = socketserver.ThreadingTCPServer((LOOPBACK, 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


# -- the three backends -------------------------------------------------------------------------------------


@pytest.fixture(params=["memory", "oxigraph", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Each backend holding the fixture dataset."""
    backend: Store
    if request.param == "memory":
        backend = MemoryStore()
    elif request.param == "oxigraph":
        backend = OxigraphStore(tmp_path / "oxigraph")
    else:
        backend = request.getfixturevalue("remote")
    backend.replace_graphs(named_graphs(load_fixture()))
    yield backend
    backend.close()
