"""`calckg curate --draft ARTICLE`: a thin command over calckg.curate (errors: calckg.cli.guard).

Exit codes (docs/contract.md): 0 ok, 2 the article file is missing or not an article, or --out already exists.
"""

from __future__ import annotations

from pathlib import Path

import click

from calckg.cli.guard import command
from calckg.namespaces import DEFAULT_BASE_IRI


@command("curate")
@click.option("--draft", "article", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Article .txt file to draft curated assertions for (from its extracted figure claims).")
@click.option("--out", "target", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the draft here (never replaces a file) [default: standard output].")
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Namespace for the data's IRIs.")
def curate_command(article: Path, target: Path | None, base_iri: str) -> None:
    """Write a reviewable draft of a curated file from the article's extracted figure claims."""
    from calckg.curate import write_draft

    text = write_draft(article, target, base_iri)
    if target is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {target}")
