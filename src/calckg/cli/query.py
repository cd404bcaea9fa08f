"""`calckg query NAME|FILE` and `calckg stats`: thin commands over calckg.queries and the store (errors:
calckg.cli.guard)."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Graph

from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.deadline import within
from calckg.namespaces import bind_prefixes
from calckg.queries import bind_parameters, parse_param_options, resolve_query
from calckg.results import RESULT_FORMATS
from calckg.store import StoreSpec
from calckg.store.built import store_class_counts


@command("query")
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(sorted(RESULT_FORMATS)), default="table", show_default=True)
@build_dir_option
@resource_options
@store_options
def query_command(name_or_file: str, params: tuple[str, ...], fmt: str, build_dir: Path, store_spec: StoreSpec) -> None:
    """Run a query from queries/ (NAME = file stem) or a .rq FILE on the built graph.

    Queries that use SERVICE, FROM, LOAD or any update are refused before they run.
    """
    query = resolve_query(name_or_file)
    bindings = bind_parameters(query, parse_param_options(params))
    store = open_built_store(store_spec, build_dir)
    try:
        result = within(store_spec.timeout, "the query", lambda: store.select(query.text, bindings))
    finally:
        store.close()
    click.echo(RESULT_FORMATS[fmt](result), nl=False)


@command("stats")
@build_dir_option
@store_options
def stats_command(build_dir: Path, store_spec: StoreSpec) -> None:
    """Instances per class in the built graph."""
    store = open_built_store(store_spec, build_dir)
    try:
        counts, triples = store_class_counts(store)
    finally:
        store.close()
    namespaces = bind_prefixes(Graph()).namespaces()
    prefixes = sorted(((str(ns), p) for p, ns in namespaces if p), key=lambda item: -len(item[0]))
    for cls, count in counts:
        name = next((f"{p}:{cls[len(ns):]}" for ns, p in prefixes if cls.startswith(ns)), cls)
        click.echo(f"{count:6d}  {name}")
    click.echo(f"{triples:6d}  triples")
