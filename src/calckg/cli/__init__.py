"""calckg's one command-line face: the `calckg` group and the registry of its commands.

To add a command, write it in its own module of this package with `@command("name")` (from
:mod:`calckg.cli.guard`) and add ONE line to COMMANDS below. Modules are imported only when their command runs
(or `--help` lists them), so start-up stays light. Errors are mapped to exit codes in one place,
:mod:`calckg.cli.guard`.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from calckg.cli.guard import DEBUG_ENV, reported_errors
from calckg.runtime import configure

COMMANDS: dict[str, str] = {  # command name → "module:attribute"
    "build": "calckg.cli.build:build_command",
    "reason": "calckg.cli.build:reason_command",
    "export": "calckg.cli.build:export_command",
    "stats": "calckg.cli.query:stats_command",
    "query": "calckg.cli.query:query_command",
    "answer": "calckg.cli.answer:answer_command",
    "related": "calckg.cli.related:related_command",
    "validate": "calckg.cli.validate:validate_command",
    "push": "calckg.cli.store:push_command",
    "serve": "calckg.cli.store:serve_command",
    "curate": "calckg.cli.curate:curate_command",
}


class CalckgGroup(click.Group):
    """Commands loaded from COMMANDS on first use; the whole invocation runs under the error guard."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return self.commands.get(cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command), target
        return command

    def invoke(self, ctx: click.Context) -> Any:
        with reported_errors(ctx):
            return super().invoke(ctx)


@click.group(cls=CalckgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="calckg")
@click.option("--debug", is_flag=True, envvar=DEBUG_ENV,
              help="On an internal error, print the Python traceback as well (also CALCKG_DEBUG=1).")
def main(debug: bool) -> None:
    """calckg: medical Q&A articles → a cited, validated RDF knowledge graph.

    Exit codes: 0 ok, 1 data fails a check, 2 usage or input error, 3 unsupported question, 4 store or endpoint
    error, 70 internal error (please report), 130 interrupted.
    """
    configure()
