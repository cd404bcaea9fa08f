"""Differential test (docs/reliability.md row 10): every shipped query template gives the same rows on rdflib, embedded
Oxigraph and the Oxigraph server, over the seed article's build, with its documented example parameters bound."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from calckg.queries import NamedQuery, bind_parameters, parse_param_options, parse_query_file
from calckg.resources import queries_dir
from calckg.store.base import Store, named_graphs
from calckg.store.memory import MemoryStore
from calckg.store.oxigraph import OxigraphStore

TEMPLATES = sorted([*queries_dir().glob("*.rq"), *(Path(__file__).parents[1] / "data" / "queries").glob("*.rq"),
                    *(queries_dir() / "answers").glob("*.rq")])  # the answer index's and the FAQ's own queries


def example_bindings(query: NamedQuery) -> dict[str, object]:
    """The parameters of the template's first `#+ example:` line."""
    if not query.examples:
        return {}
    words = shlex.split(query.examples[0])
    options = tuple(words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param")
    return bind_parameters(query, parse_param_options(options))


@pytest.fixture(scope="module")
def engines(seed_dataset, oxigraph_server, tmp_path_factory, endpoint_for) -> Iterator[dict[str, Store]]:
    from calckg.store.sparql import RemoteStore

    graphs = named_graphs(seed_dataset)
    remote = RemoteStore(endpoint_for(oxigraph_server.url))
    remote.update("DROP ALL", idempotent=True)  # the session's server: other test files leave graphs in it
    stores: dict[str, Store] = {
        "memory": MemoryStore(),
        "oxigraph": OxigraphStore(tmp_path_factory.mktemp("templates") / "db"),
        "remote": remote,
    }
    for store in stores.values():
        store.replace_graphs(graphs)
    yield stores
    for store in stores.values():
        store.close()


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_template_rows_agree_across_engines(path: Path, engines: dict[str, Store]) -> None:
    query = parse_query_file(path)
    bindings = example_bindings(query)
    results = {name: store.select(query.text, bindings) for name, store in engines.items()}  # type: ignore[arg-type]
    reference = results.pop("memory")
    for name, result in results.items():
        assert result.variables == reference.variables, name
        assert result.sorted_rows() == reference.sorted_rows(), name
