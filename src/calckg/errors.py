"""calckg's error hierarchy; each error maps to an exit code documented in docs/contract.md."""

from __future__ import annotations

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_INPUT = 2
EXIT_UNSUPPORTED = 3
EXIT_STORE = 4
EXIT_INTERNAL = 70  # an unexpected exception: a bug in calckg (BSD sysexits EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it
EXIT_BROKEN_PIPE = 141  # the reader of stdout went away (`| head`): 128 + SIGPIPE, as shells report it


class CalckgError(Exception):
    """Base class: a message for a person, and the exit code the CLI returns."""

    exit_code = EXIT_INPUT


class InputError(CalckgError):
    """Bad input: a file, argument or query the user gave (exit 2)."""

    exit_code = EXIT_INPUT


class SourceError(InputError):
    """A source article that cannot be parsed; names the file and line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class CheckFailed(CalckgError):
    """The data fails a check: a SHACL violation or an inconsistent ontology (exit 1)."""

    exit_code = EXIT_CHECK_FAILED


class StoreError(CalckgError):
    """A store or SPARQL endpoint failed or answered something unusable (exit 4)."""

    exit_code = EXIT_STORE


class ReasonerError(CalckgError):
    """The OWL reasoner gave no answer (Java error, timeout); says which and what to try (exit 2).

    An *inconsistent* ontology is not a ReasonerError: it is a result, and the CLI maps it to CheckFailed.
    """

    exit_code = EXIT_INPUT


class ReasonerUnavailable(ReasonerError):
    """Reasoning needs a Java runtime (HermiT runs in a JVM) and none was found (exit 2)."""


class ReasoningTimeout(ReasonerError):
    """HermiT ran past the wall-clock limit and was killed (exit 2)."""
