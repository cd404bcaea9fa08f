"""`calckg review [ARTICLE]`: each claim beside its sentence (calckg.review). Exit codes: 0 ok · 2 no built graph or
no such article · 4 store or endpoint error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calckg.errors import CalckgError
from calckg.review import formats, review_report
from calckg.store import StoreSpec
from calckg.store_cli import open_built_store, store_options


@click.command("review")
@click.argument("article", required=False)
@click.option("--format", "fmt", type=click.Choice(list(formats())), default="text", show_default=True)
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder of the built graph (used when no --store/--endpoint is given).")
@store_options
def review_command(article: str | None, fmt: str, build_dir: Path, store_spec: StoreSpec) -> None:
    """Each claim of ARTICLE (IRI, slug, file name or title; default every article) beside its sentence."""
    try:
        store = open_built_store(store_spec, build_dir)
        try:
            report = review_report(store, article, fmt)
        finally:
            store.close()
    except CalckgError as error:
        click.echo(f"calckg: error: {error}", err=True)
        sys.exit(error.exit_code)
    click.echo(report, nl=False)
