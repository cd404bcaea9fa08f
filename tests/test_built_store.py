"""`calckg build` writes a persistent Oxigraph store under its output folder (atomically, incrementally); the read
commands open it read-only by default, and `--store memory` still parses calckg.trig into rdflib."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from calckg.cli import main
from calckg.outputs import repair
from calckg.pipeline import BuildResult
from calckg.store.built import MANIFEST, built_store_path, read_manifest, write_built_store
from calckg.store.oxigraph import OxigraphStore
from calckg.cli.options import open_built_store
from calckg.store import StoreSpec
from ctrl_c import interruptible
from seed import ROOT

CITING = str(ROOT / "tests" / "data" / "queries" / "statements-citing.rq")


def _graphs(result: BuildResult) -> dict[str, list[bytes]]:
    return {name: part.lines for name, part in result.exports.ordered()}


def _quads(path: Path) -> set[str]:
    store = ox.Store.read_only(str(path))
    return {str(quad) for quad in store.quads_for_pattern(None, None, None, None)}


def test_build_writes_a_store_holding_every_named_graph(seed_build: BuildResult) -> None:
    out = seed_build.files[0].parent
    graphs = _graphs(seed_build)
    manifest = read_manifest(built_store_path(out))
    assert manifest is not None and sorted(manifest) == sorted(name for name, lines in graphs.items() if lines)
    expected = {f"{line.decode('utf-8').strip()[:-1].rstrip()} <{name}>" for name, lines in graphs.items() for line in lines}
    assert len(_quads(built_store_path(out))) == len(expected) == sum(len(lines) for lines in graphs.values())


def test_read_commands_open_the_built_store_read_only(seed_build: BuildResult) -> None:
    out = seed_build.files[0].parent
    first = open_built_store(StoreSpec(), out)
    second = open_built_store(StoreSpec(), out)  # read-only: a second reader is not "store busy"
    try:
        assert isinstance(first, OxigraphStore) and first.description == f"Oxigraph store at {built_store_path(out)}"
        assert first.graph_names() == second.graph_names()
    finally:
        first.close()
        second.close()


def test_query_gives_the_same_rows_from_the_store_and_from_memory(seed_build: BuildResult) -> None:
    out = str(seed_build.files[0].parent)
    runner = CliRunner()
    arguments = ["query", CITING, "--param", "number=8", "--format", "csv", "--build-dir", out]
    from_store = runner.invoke(main, arguments)
    in_memory = runner.invoke(main, [*arguments, "--store", "memory"])
    assert from_store.exit_code == 0 and in_memory.exit_code == 0
    assert from_store.stdout == in_memory.stdout
    assert len(from_store.stdout.splitlines()) == 4


def test_rebuild_replaces_only_changed_graphs_and_drops_gone_ones(seed_build: BuildResult, tmp_path: Path) -> None:
    graphs = _graphs(seed_build)
    first, second, third = (tmp_path / name for name in ("g1", "g2", "g3"))
    assert write_built_store(first, None, graphs) == f"{len(graphs)} of {len(graphs)} named graphs written, 0 dropped"
    assert write_built_store(second, first, graphs) == f"{len(graphs)} named graphs unchanged"
    article = next(name for name in graphs if name.endswith("what-are-microcalcifications-in-the-breast"))
    changed = dict(graphs)
    changed[article] = [*graphs[article], b'<urn:x:s> <urn:x:p> "added" .\n']
    dropped = sorted(graphs)[0] if sorted(graphs)[0] != article else sorted(graphs)[1]
    del changed[dropped]
    assert write_built_store(third, second, changed) == f"1 of {len(changed)} named graphs written, 1 dropped"
    quads = _quads(third)
    assert f'<urn:x:s> <urn:x:p> "added" <{article}>' in quads
    assert not any(q.endswith(f"<{dropped}>") for q in quads)
    assert _quads(second) == _quads(first) != quads  # the previous store is never written


def test_an_unchanged_store_shares_its_table_files_with_the_previous_one(seed_build: BuildResult,
                                                                           tmp_path: Path) -> None:  # fmt: skip
    write_built_store(tmp_path / "g1", None, _graphs(seed_build))
    write_built_store(tmp_path / "g2", tmp_path / "g1", _graphs(seed_build))
    tables = sorted(path.name for path in (tmp_path / "g1").iterdir() if path.suffix == ".sst")
    assert tables and tables == sorted(path.name for path in (tmp_path / "g2").iterdir() if path.suffix == ".sst")
    for name in tables:  # hard links: one file, two names (RocksDB never rewrites a table file)
        assert (tmp_path / "g1" / name).stat().st_ino == (tmp_path / "g2" / name).stat().st_ino
    assert read_manifest(tmp_path / "g2") == read_manifest(tmp_path / "g1")


def test_the_store_switches_with_the_other_outputs(seed_build: BuildResult) -> None:
    out = seed_build.files[0].parent
    generation = (out / "calckg.trig").resolve().parent
    assert built_store_path(out).resolve() == generation / "store"
    assert read_manifest(built_store_path(out)) is not None


def test_leftover_staging_folders_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    for name in (".store.new", ".store.old"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "junk").write_text("from a build that was killed")
    repair(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_a_store_without_its_manifest_is_not_used(seed_build: BuildResult, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_build.files[0].parent, out)
    (built_store_path(out) / MANIFEST).unlink()
    store = open_built_store(StoreSpec(), out)
    try:
        assert store.description != f"Oxigraph store at {built_store_path(out)}"
    finally:
        store.close()


def test_readers_in_other_processes_run_while_one_holds_the_store(seed_build: BuildResult) -> None:
    out = seed_build.files[0].parent
    holder = OxigraphStore(built_store_path(out), read_only=True)
    try:
        script = ("import sys, pyoxigraph as ox; s = ox.Store.read_only(sys.argv[1]); "
                  "print(len(list(s.named_graphs())))")  # fmt: skip
        runs = [subprocess.run([sys.executable, "-c", script, str(built_store_path(out))], capture_output=True,
                               text=True, check=True) for _ in range(2)]  # fmt: skip
        assert [r.stdout.strip() for r in runs] == [str(len(holder.graph_names()))] * 2
    finally:
        holder.close()


@pytest.mark.parametrize("command", [["stats"], ["validate", "--format", "json"]])
def test_stats_and_validate_read_the_store(seed_build: BuildResult, command: list[str]) -> None:
    out = str(seed_build.files[0].parent)
    from_store = CliRunner().invoke(main, [*command, "--build-dir", out])
    in_memory = CliRunner().invoke(main, [*command, "--build-dir", out, "--store", "memory"])
    assert from_store.exit_code == in_memory.exit_code == 0
    assert from_store.stdout == in_memory.stdout
    if command[0] == "validate":
        assert len(json.loads(from_store.stdout)["results"]) == 14


def test_serve_opens_the_built_store_directly_and_leaves_it_in_place(seed_build: BuildResult, tmp_path: Path) -> None:
    out = seed_build.files[0].parent
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    launch = "from calckg.cli.store import serve_command; serve_command()"
    process = subprocess.Popen([sys.executable, "-c", launch, "--trig", str(out / "calckg.trig"), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "TMPDIR": str(tmp_path)},
                               preexec_fn=interruptible())  # fmt: skip  # noqa: PLW1509 - Ctrl-C must reach serve
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query (read-only"), (
            first or f"serve exited {process.wait(timeout=15)}: {process.stderr.read() if process.stderr else ''}")
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query={query}", timeout=30) as response:
            served = int(json.load(response)["results"]["bindings"][0]["n"]["value"])
        assert served == sum(len(lines) for lines in _graphs(seed_build).values())
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert list(tmp_path.iterdir()) == []  # nothing was copied or loaded
    assert read_manifest(built_store_path(out)) is not None
