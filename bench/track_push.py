"""The push track: `calckg push` of the corpus into a local Oxigraph server (issue 17: 1,000 articles in ≤ 30 s).

Set-up (untimed, the `push` stage's prepare): every article's graph (document + mentions + curated,
`calckg.pipeline.article_graph`, as the queries-oxigraph track builds them) with the ontology and vocabulary
graphs written as one TriG file, the shape of `build/calckg.trig` without the cross-article parts, and an
`oxigraph serve` on 127.0.0.1 with an empty store in the track's work folder (tied to this process with
`calckg.lifeline`, stopped by `push.again` or, failing that, by the track's clean-up).

- `push`: what `calckg push --trig FILE --endpoint URL` does after start-up: read the TriG
  (`LocalGraphs.from_trig`), replace every graph on the server, count every graph there. Info: graphs, triples,
  triples/s, seconds reading, and whether every remote count equals the local one (`counts_match`).
- `push.again`: the same push into the server that now holds every graph (each graph dropped and refilled).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.state import Info, RunState, needed_function, needed_module

_SERVER = "push_server"


def _write_trig(state: RunState, path: Path) -> None:
    """One article graph at a time (the corpus's rdflib graphs together do not fit in the RSS cap at N=1000)."""
    import pyoxigraph as ox

    from calckg.ids import ArticleIris

    article_graph = needed_function("calckg.pipeline", "article_graph")
    matcher = needed_function("calckg.vocabulary", "default_matcher")()

    def graphs() -> Iterator[tuple[str, Any]]:
        for article in state.need("articles", "ingest"):
            yield str(ArticleIris(article, state.base_iri).root), article_graph(article, state.base_iri, matcher)
        yield from needed_function("calckg.pipeline", "reference_graphs")().items()

    with path.open("wb") as out:
        for name, graph in graphs():
            triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
            ox.serialize((ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples), out,
                         format=ox.RdfFormat.TRIG)


def _start_server(location: Path) -> tuple[subprocess.Popen[bytes], str]:
    from calckg.lifeline import die_with_parent

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [str(Path(sys.executable).with_name("oxigraph")), "serve", "--location", str(location),
               "--bind", f"127.0.0.1:{port}"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=die_with_parent())  # noqa: PLW1509 - dies with the track process
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    process.kill()
    process.wait()
    raise RuntimeError(f"oxigraph serve did not listen on 127.0.0.1:{port} (exit {process.returncode})")


def _stop_server(state: RunState) -> None:
    found = state.values.pop(_SERVER, None)
    if found is not None and found[0].poll() is None:
        found[0].terminate()
        found[0].wait(timeout=30)


def prepare_push(state: RunState) -> None:
    needed_module("calckg.store.push_input")
    trig = state.work / "push.trig"
    _write_trig(state, trig)
    state.values["push_trig"] = trig
    state.values[_SERVER] = _start_server(state.work / "push-oxigraph")
    state.closers.append(lambda: _stop_server(state))


def _push(state: RunState) -> Info:
    from calckg.store.http import Endpoint
    from calckg.store.push import push as push_graphs
    from calckg.store.push_input import LocalGraphs

    _, url = state.need(_SERVER, "push")
    started = time.perf_counter()
    local = LocalGraphs.from_trig(state.need("push_trig", "push"))
    read_s = time.perf_counter() - started
    report = push_graphs(local, Endpoint.from_url(url, timeout=300.0, retries=0))
    seconds = time.perf_counter() - started
    return {"graphs": len(report.graphs), "triples": report.triples, "read_s": round(read_s, 3),
            "triples_per_s": round(report.triples / seconds), "counts_match": report.ok,
            "remote_triples": sum(g.remote for g in report.graphs)}  # fmt: skip


def push(state: RunState) -> Info:
    return _push(state)


def push_again(state: RunState) -> Info:
    try:
        return _push(state)
    finally:
        _stop_server(state)
