"""`--timeout` stops a runaway query on every local backend with exit 4 and releases the store (issue 17 item 9).

The query is a four-way cartesian product of the seed graph (about 10^14 rows to count): it cannot finish within
the limit on any machine, so the test asserts the outcome, not a duration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset

from calckg.pipeline import BuildResult
from calckg.store import named_graphs
from calckg.store.oxigraph import OxigraphStore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }\n"
MESSAGE = "calckg: error: the query timed out after 0.5 s and was stopped (raise --timeout, or narrow the query)\n"


def _calckg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calckg", *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def oxigraph_dir(seed_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ox") / "store"
    store = OxigraphStore(path)
    store.replace_graphs(named_graphs(seed_dataset))
    store.close()
    return path


def test_runaway_query_on_the_built_graph(seed_build: BuildResult, tmp_path: Path) -> None:
    query = tmp_path / "runaway.rq"
    query.write_text(RUNAWAY, encoding="utf-8")
    build_dir = seed_build.files[0].parent
    run = _calckg("query", str(query), "--timeout", "0.5", "--build-dir", str(build_dir))
    assert (run.returncode, run.stdout, run.stderr) == (4, "", MESSAGE)


def test_runaway_query_on_oxigraph_releases_the_store(oxigraph_dir: Path, tmp_path: Path) -> None:
    query = tmp_path / "runaway.rq"
    query.write_text(RUNAWAY, encoding="utf-8")
    run = _calckg("query", str(query), "--timeout", "0.5", "--store", f"oxigraph:{oxigraph_dir}")
    assert (run.returncode, run.stdout, run.stderr) == (4, "", MESSAGE)
    after = _calckg("query", "title-question", "--format", "csv", "--store", f"oxigraph:{oxigraph_dir}")
    assert after.returncode == 0
    assert after.stdout.splitlines()[1] == (
        "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast,"
        "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast/question,"
        "What are microcalcifications in the breast?")
