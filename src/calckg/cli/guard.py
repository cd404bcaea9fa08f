"""The one place that turns what a command raises into a message and an exit code.

Exit codes (docs/contract.md): 0 ok · 1 data fails a check · 2 usage or input error · 3 unsupported question ·
4 store or endpoint error · 70 internal error (a bug in calckg: please report) · 130 interrupted (Ctrl-C) ·
141 the reader of the output went away (`| head`; nothing printed).

A calckg error prints `calckg: error: <message>`; anything else is a bug and prints one line,
`calckg: internal error: <Type>: <message> (please report)`, with the traceback only under `--debug`
(or CALCKG_DEBUG=1). Ctrl-C prints `calckg: interrupted`; every writer stages its files and removes them when
interrupted, so no partial output is left behind.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from calckg.errors import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_INTERRUPTED, CalckgError

DEBUG_ENV = "CALCKG_DEBUG"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def debugging(ctx: click.Context | None) -> bool:
    """True under `calckg --debug …` or with CALCKG_DEBUG set to a non-empty value other than 0."""
    if ctx is not None and ctx.find_root().params.get("debug"):
        return True
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


@contextmanager
def reported_errors(ctx: click.Context | None) -> Iterator[None]:
    """Run a command body; map calckg's errors to their exit codes and anything unexpected to 70."""
    try:
        yield
    except (click.exceptions.Exit, click.ClickException, click.Abort):
        raise  # click's own: usage errors (2), explicit exits
    except CalckgError as error:
        click.echo(f"calckg: error: {error}", err=True)
        raise click.exceptions.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        click.echo("calckg: interrupted", err=True)
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader of stdout stopped reading (`calckg stats | head`): nothing to report. Output still buffered
        # goes to /dev/null so the interpreter's flush at exit does not fail again (Python docs, "Note on SIGPIPE").
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
    except Exception as error:  # noqa: BLE001 - the top-level guard: a bug must not show as a traceback
        if debugging(ctx):
            traceback.print_exc()
        message = _one_line(str(error))
        click.echo(f"calckg: internal error: {type(error).__name__}: {message} (please report)", err=True)
        raise click.exceptions.Exit(EXIT_INTERNAL) from None


class GuardedCommand(click.Command):
    """A command whose errors go through `reported_errors`, also when it is invoked on its own (tests)."""

    def invoke(self, ctx: click.Context) -> Any:
        with reported_errors(ctx):
            return super().invoke(ctx)


def command(name: str | None = None, **attrs: Any) -> Any:
    """`@command("name")`: click.command with calckg's error handling."""
    return click.command(name, cls=GuardedCommand, **attrs)
