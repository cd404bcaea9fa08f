"""`calckg related ["QUESTION"]`: a thin command over calckg.related (errors: calckg.cli.guard).

Without QUESTION it scores the related questions of the graph's article (or of --article when the graph has several)
against the article; with QUESTION it ranks the graph's questions against it. Exit codes (docs/contract.md): 0 ok,
2 bad arguments or no built graph, 3 the question names no concept of the vocabulary (the graph cannot relate it:
the JSON is still printed, with an empty list), 4 store or endpoint error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from calckg.cli.guard import command
from calckg.cli.options import build_dir_option, open_built_store, resource_options, store_options
from calckg.deadline import within
from calckg.errors import EXIT_UNSUPPORTED
from calckg.input_checks import utf8_argument
from calckg.related import FREE_TEXT_LIMIT, Match, RelatedResult, rank_related, related_document
from calckg.store import StoreSpec

FORMATS = ("text", "json")


def _why(match: Match) -> str:
    credit = {1.0: "", 0.5: "½", 0.25: "¼"}.get(match.credit, f"{match.credit:g}")
    return match.label if not match.via else f"{match.label} ({credit}, via {match.via})"


def format_text(result: RelatedResult) -> str:
    """What a person reads: score, linked or not, the question, and why (the shared concepts)."""
    concepts = ", ".join(result.concepts) or "(none in the vocabulary)"
    lines = [f"Related to: {result.question}", f"  concepts: {concepts}"]
    if result.article is not None:
        lines.append(f"  scored against the article: {len(result.profile)} concepts of its question and statements")
    if not result.related:
        lines.append("  no question of the graph shares a concept with it")
    for q in result.related:
        lines.append(f"  {q.score:5.3f}  {'linked' if q.linked else '      '}  {q.question}")
        if q.shared:
            lines.append(f"{'':17}shared: {'; '.join(_why(m) for m in q.shared)}")
    lines.append(f"  linked: score ≥ {result.threshold:g}")
    return "\n".join(lines) + "\n"


@command("related")
@click.argument("question", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--article", metavar="IRI|SLUG", default=None,
              help="Without QUESTION: the article whose related questions are scored (when the graph has several).")
@click.option("--limit", type=click.IntRange(min=1), default=FREE_TEXT_LIMIT, show_default=True,
              help="With QUESTION: show at most this many related questions.")
@build_dir_option
@resource_options
@store_options
def related_command(question: str | None, fmt: str, article: str | None, limit: int, build_dir: Path,
                    store_spec: StoreSpec) -> None:
    """Related questions ranked by shared concepts, with the score and the concepts that explain it."""
    if question is not None and article is not None:
        raise click.UsageError("--article applies only without QUESTION")
    if question is not None and not question.strip():
        raise click.UsageError("QUESTION is empty")
    if question is not None:
        utf8_argument(question, "the question")
    store = open_built_store(store_spec, build_dir)
    try:
        result = within(store_spec.timeout, "ranking related questions",
                        lambda: rank_related(question, store, article=article, limit=limit))
    finally:
        store.close()
    if fmt == "json":
        click.echo(related_document(result).decode("utf-8"), nl=False)
    else:
        click.echo(format_text(result), nl=False)
    if not result.supported:
        click.echo("calckg: the question is not supported by the graph: it names no concept of the vocabulary",
                   err=True)
        sys.exit(EXIT_UNSUPPORTED)
