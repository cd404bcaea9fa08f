"""Thin click commands; each calls one importable function. Exit codes follow CONTRACT.md:
0 ok · 1 data fails a check · 2 usage or input error · 3 unsupported question · 4 store or endpoint error."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from calckg import netguard
from calckg.errors import EXIT_CHECK_FAILED, EXIT_INPUT, CalckgError
from calckg.export import FORMATS, union_graph, write_atomically
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.pipeline import (
    BuildOptions,
    build,
    class_counts,
    load_built_dataset,
    reasoning_input_of_dataset,
    reasoning_input_of_files,
)
from calckg.reason import reason, reasoning_report
from calckg.queries import bind_parameters, parse_param_options, resolve_query
from calckg.resources import sources_dir
from calckg.results import RESULT_FORMATS
from calckg.store import StoreSpec, named_graphs
from calckg.store_cli import open_built_store, push, serve, store_options
from calckg.answer_cli import answer_command
from calckg.related_cli import related_command
from calckg.review_cli import review_command
from calckg.validate_cli import validate_command

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_OUT = Path("build")


def progress(message: str) -> None:
    click.echo(f"» {message}", err=True)


def reports_errors(command: F) -> F:
    """Turn calckg errors into a one-line message on stderr and the error's exit code."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except CalckgError as error:
            click.echo(f"calckg: error: {error}", err=True)
            sys.exit(error.exit_code)
        except netguard.OutboundRequestBlocked as error:
            click.echo(f"calckg: error: {error}", err=True)
            sys.exit(EXIT_INPUT)

    return wrapper  # type: ignore[return-value]


build_dir_option = click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder of the built graph and its exports.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="calckg")
def main() -> None:
    """calckg: medical Q&A articles → a cited, validated RDF knowledge graph."""
    netguard.install()


@main.command("build")
@click.option(
    "--sources",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of article .txt files [default: data/sources/ of the project].",
)
@build_dir_option
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Namespace for the data's IRIs.")
@click.option("--no-reason", is_flag=True, help="Skip OWL reasoning (for machines without Java).")
@store_options
@reports_errors
def build_command(sources: Path | None, out: Path, base_iri: str, no_reason: bool, store_spec: StoreSpec) -> None:
    """Ingest every article, build the graph, validate it and write every export into OUT.

    With --store or --endpoint the built graphs are also loaded into that store, one named graph per article.
    """
    if not base_iri.endswith(("/", "#")):
        raise click.BadParameter("must end with '/' or '#'", param_hint="--base-iri")
    result = build(BuildOptions(sources or sources_dir(), out, base_iri, reason=not no_reason), progress)
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


@main.command("reason")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "target", type=click.Path(dir_okay=False, path_type=Path), help="Write the inferred triples (Turtle).")
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True)
@reports_errors
def reason_command(files: tuple[Path, ...], target: Path | None, build_dir: Path) -> None:
    """OWL reasoning (HermiT): consistency and inferred triples of the built graph, or of the ontology and
    vocabulary together with the given RDF FILES. Exit 1 when inconsistent."""
    result = reason(reasoning_input_of_files(files) if files else reasoning_input_of_dataset(load_built_dataset(build_dir)))
    click.echo(reasoning_report(result))
    if target is not None:
        write_atomically([(target, result.inferred.serialize(format="turtle", encoding="utf-8"))])
        click.echo(f"wrote {target}", err=True)
    if not result.consistent:
        sys.exit(EXIT_CHECK_FAILED)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), required=True, help="Serialisation.")
@click.option("--out", "target", type=click.Path(dir_okay=False, path_type=Path), help="File to write [default: stdout].")
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True)
@reports_errors
def export_command(fmt: str, target: Path | None, build_dir: Path) -> None:
    """Write the built graph in one format."""
    content = FORMATS[fmt][1](load_built_dataset(build_dir))
    if target is None:
        click.echo(content.decode("utf-8"), nl=False)
    else:
        write_atomically([(target, content)])
        click.echo(f"wrote {target}", err=True)


@main.command("query")
@click.argument("name_or_file")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter (repeatable).")
@click.option("--format", "fmt", type=click.Choice(sorted(RESULT_FORMATS)), default="table", show_default=True)
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True)
@store_options
@reports_errors
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


@main.command("stats")
@click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True)
@reports_errors
def stats_command(build_dir: Path) -> None:
    """Instances per class in the built graph."""
    graph = union_graph(load_built_dataset(build_dir))
    prefixes = sorted(((str(ns), p) for p, ns in graph.namespaces() if p), key=lambda item: -len(item[0]))
    for cls, count in class_counts(graph):
        name = next((f"{p}:{cls[len(ns):]}" for ns, p in prefixes if cls.startswith(ns)), cls)
        click.echo(f"{count:6d}  {name}")
    click.echo(f"{len(graph):6d}  triples")


main.add_command(push)
main.add_command(validate_command)
main.add_command(related_command)
main.add_command(answer_command)
main.add_command(serve)
main.add_command(review_command)

if __name__ == "__main__":
    main()
