"""`calckg build`, `reason`, `export` and `stats`: thin commands over the pipeline (errors: calckg.cli.guard)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calckg.cli.guard import command
from calckg.cli.options import DEFAULT_BUILD_DIR, build_dir_option, progress, resource_options, store_options
from calckg.errors import EXIT_CHECK_FAILED
from calckg.atomic import write_file
from calckg.export import FORMATS
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.input_checks import load_built_dataset
from calckg.pipeline import BuildOptions, build
from calckg.reason_input import reasoning_input_of_dataset, reasoning_input_of_files
from calckg.reason import reason, reasoning_report
from calckg.resources import default_sources
from calckg.store import StoreSpec, named_graphs


@command("build")
@click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of article .txt files [default: ./data/sources].",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_BUILD_DIR,
    show_default=True,
    help="Folder of the built graph and its exports.",
)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Namespace for the data's IRIs.")
@click.option("--no-reason", is_flag=True, help="Skip OWL reasoning (for machines without Java).")
@resource_options
@store_options
def build_command(sources: Path | None, out: Path, base_iri: str, no_reason: bool, store_spec: StoreSpec) -> None:
    """Ingest every article, build the graph, validate it and write every export into OUT.

    With --store or --endpoint the built graphs are also loaded into that store, one named graph per article.
    """
    if not base_iri.endswith(("/", "#")):
        raise click.BadParameter("must end with '/' or '#'", param_hint="--base-iri")
    result = build(BuildOptions(sources or default_sources(), out, base_iri, reason=not no_reason), progress)
    if not store_spec.is_memory:
        store = store_spec.open()
        try:
            store.replace_graphs(named_graphs(result.dataset))
            progress(f"store: {len(store.graph_names())} named graphs in {store.description}")
        finally:
            store.close()
    counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
    click.echo(f"built: {counts}")
    for article in result.articles:
        if article.unresolved_citations:
            numbers = ", ".join(map(str, article.unresolved_citations))
            click.echo(f"unresolved citation numbers in {article.file_name}: {numbers}")
    for path in result.files:
        click.echo(f"wrote {path}")


@command("reason")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "target", type=click.Path(dir_okay=False, path_type=Path), help="Write the inferred triples (Turtle).")
@build_dir_option
def reason_command(files: tuple[Path, ...], target: Path | None, build_dir: Path) -> None:
    """OWL reasoning (HermiT): consistency and inferred triples of the built graph, or of the ontology and
    vocabulary together with the given RDF FILES. Exit 1 when inconsistent."""
    result = reason(reasoning_input_of_files(files) if files else reasoning_input_of_dataset(load_built_dataset(build_dir)))
    click.echo(reasoning_report(result))
    if target is not None:
        write_file(target, result.inferred.serialize(format="turtle", encoding="utf-8"))
        click.echo(f"wrote {target}", err=True)
    if not result.consistent:
        sys.exit(EXIT_CHECK_FAILED)


@command("export")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True, help="Serialisation.")
@click.option("--out", "target", type=click.Path(dir_okay=False, path_type=Path), help="File to write [default: stdout].")
@build_dir_option
def export_command(fmt: str, target: Path | None, build_dir: Path) -> None:
    """Write the built graph in one format."""
    content = FORMATS[fmt][1](load_built_dataset(build_dir))
    if target is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        write_file(target, content)
        click.echo(f"wrote {target}", err=True)
