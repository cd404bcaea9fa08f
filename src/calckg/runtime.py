"""Process-wide settings calckg relies on, applied explicitly by each entry point, never on import.

`configure()` is called by the `calckg` command group, by worker processes when they start, and by the test
suite's conftest. A program that uses calckg as a library calls it once before building or querying.
"""

from __future__ import annotations

from calckg import netguard


def configure() -> None:
    """Refuse outbound network requests to hosts nobody named, and stop rdflib from fetching `FROM <url>` graphs
    (docs/reliability.md rows 1–4). Idempotent."""
    netguard.install()
