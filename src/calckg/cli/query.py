"""`calckg query NAME|FILE`: a thin command over calckg.queries and the store (errors: calckg.cli.guard)."""

from __future__ import annotations

from pathlib import Path

import click

from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.queries import bind_parameters, parse_param_options, resolve_query
from calckg.results import RESULT_FORMATS
from calckg.store import StoreSpec


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
        result = store.select(query.text, bindings)
    finally:
        store.close()
    click.echo(RESULT_FORMATS[fmt](result), nl=False)
