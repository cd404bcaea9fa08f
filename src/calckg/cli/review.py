"""`calckg review [ARTICLE]`: each claim beside its sentence (calckg.review; errors: calckg.cli.guard).

Exit codes (docs/contract.md): 0 ok · 2 no built graph, or no such article · 4 store or endpoint error.
"""

from __future__ import annotations

from pathlib import Path

import click

from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.review import formats, review_report
from calckg.store import StoreSpec


@command("review")
@click.argument("article", required=False)
@click.option("--format", "fmt", type=click.Choice(list(formats())), default="text", show_default=True)
@build_dir_option
@resource_options
@store_options
def review_command(article: str | None, fmt: str, build_dir: Path, store_spec: StoreSpec) -> None:
    """Each claim of ARTICLE (IRI, slug, file name or title; default every article) beside its sentence."""
    store = open_built_store(store_spec, build_dir)
    try:
        report = review_report(store, article, fmt)
    finally:
        store.close()
    click.echo(report, nl=False)
