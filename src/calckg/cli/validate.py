"""`calckg validate`: a thin command over calckg.validate (errors: calckg.cli.guard).

Exit codes (docs/contract.md): 0 the graph conforms (warnings and infos allowed), 1 violations, or warnings with
--strict, 2 unreadable files, bad arguments or broken shapes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
from rdflib import Dataset

from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.errors import EXIT_CHECK_FAILED, EXIT_OK
from calckg.store import StoreSpec
from calckg.validate import validate_dataset, validate_files
from calckg.validate_engine import DEFAULT_ENGINE, ENGINE_VARIABLE, ENGINES
from calckg.validation_report import ValidationReport, format_json, format_text, format_turtle

FORMATTERS: dict[str, Callable[[ValidationReport], str]] = {
    "text": format_text,
    "turtle": format_turtle,
    "json": format_json,
}


def _stored_dataset(store_spec: StoreSpec, build_dir: Path) -> Dataset:
    store = open_built_store(store_spec, build_dir)
    try:
        return store.dataset()
    finally:
        store.close()


def exit_code(report: ValidationReport, *, strict: bool) -> int:
    """1 when the graph fails: any violation, or with `strict` any warning too; else 0."""
    failed = report.has_violations or (strict and report.has_warnings)
    return EXIT_CHECK_FAILED if failed else EXIT_OK


@command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as violations.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATTERS)), default="text", show_default=True)
@build_dir_option
@resource_options
@click.option("--engine", type=click.Choice(ENGINES), default=None,
              help=f"SHACL engine (default: ${ENGINE_VARIABLE}, else {DEFAULT_ENGINE}; pyshacl is the reference).")
@store_options
def validate_command(files: tuple[Path, ...], strict: bool, fmt: str, build_dir: Path, engine: str | None,
                     store_spec: StoreSpec) -> None:  # fmt: skip
    """SHACL validation of the built graph (or of the store given by --store/--endpoint), or of RDF FILES."""
    if files:
        report = validate_files(files, engine=engine)
    else:
        report = validate_dataset(_stored_dataset(store_spec, build_dir), engine=engine)
    click.echo(FORMATTERS[fmt](report), nl=False)
    sys.exit(exit_code(report, strict=strict))
