"""`calckg answer "QUESTION"`: a thin command over calckg.answer (errors: calckg.cli.guard).

Exit codes (docs/contract.md): 0 answered · 2 usage or input error · 3 the graph does not support an answer ·
4 store or endpoint error. An unsupported question still prints its answer object (with the reason).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calckg.answer import answer
from calckg.answer_model import ANSWER_FORMATS
from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.deadline import within
from calckg.errors import EXIT_UNSUPPORTED
from calckg.input_checks import utf8_argument
from calckg.store import StoreSpec


@command("answer")
@click.argument("question")
@click.option("--format", "fmt", type=click.Choice(sorted(ANSWER_FORMATS)), default="text", show_default=True)
@build_dir_option
@resource_options
@store_options
def answer_command(question: str, fmt: str, build_dir: Path, store_spec: StoreSpec) -> None:
    """Answer QUESTION from the graph, citing the article's own statements and references."""
    utf8_argument(question, "the question")
    store = open_built_store(store_spec, build_dir)
    try:
        result = within(store_spec.timeout, "answering", lambda: answer(question, store))
    finally:
        store.close()
    click.echo(ANSWER_FORMATS[fmt](result), nl=False)
    if not result.supported:
        sys.exit(EXIT_UNSUPPORTED)
