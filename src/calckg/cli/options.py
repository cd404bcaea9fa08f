"""Options several commands share: the build folder, the store/endpoint choice, progress lines.

Credentials are read from CALCKG_ENDPOINT_USER / CALCKG_ENDPOINT_PASSWORD only, never from arguments, so they do
not land in shell history or process listings.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from calckg import netguard, resources
from calckg.errors import InputError
from calckg.store import Store, StoreSpec
from calckg.store.built import built_store_path, read_manifest
from calckg.store.memory import MemoryStore
from calckg.store.oxigraph import OxigraphStore

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_BUILD_DIR = Path("build")
DEFAULT_TRIG = DEFAULT_BUILD_DIR / "calckg.trig"


def progress(message: str) -> None:
    """One progress line on stderr (stdout stays for results)."""
    click.echo(f"» {message}", err=True)


def build_dir_option(command: F) -> F:
    """`--build-dir`: the folder of the built graph a read command works on."""
    return click.option("--build-dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_BUILD_DIR,
                        show_default=True, help="Folder of the built graph (a --store or --endpoint, where offered, replaces it).",
                        )(command)


_ENDPOINT_OPTIONS = [
    click.option("--update-url", metavar="URL", default=None,
                 help="SPARQL Update URL (default: derived: …/query → …/update, …/sparql → …/update)."),
    click.option("--store-url", metavar="URL", default=None,
                 help="Graph Store Protocol URL (default: derived: …/query → …/store, …/sparql → …/data)."),
    click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
                 help="Seconds to wait for each HTTP request."),
    click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
                 help="Retries (with backoff) for queries and uploads on 5xx and connection errors."),
]


def allow_hosts(*urls: str | None) -> None:
    """Let the network guard through to the hosts the user named (it refuses every other host)."""
    for url in urls:
        host = urllib.parse.urlsplit(url).hostname if url else None
        if host:
            netguard.allow_host(host)


def endpoint_options(command: F) -> F:
    """--update-url, --store-url, --timeout and --retries of a remote endpoint."""
    for option in reversed(_ENDPOINT_OPTIONS):
        command = option(command)
    return command


def store_options(command: F) -> F:
    """Add --store/--endpoint (and the endpoint's URLs, timeout, retries) and pass one `store_spec: StoreSpec`."""

    @functools.wraps(command)
    def wrapper(*args: Any, store: str | None, endpoint: str | None, update_url: str | None,
                store_url: str | None, timeout: float, retries: int, **kwargs: Any) -> Any:
        if store is not None and endpoint is not None:
            raise InputError("give either --store or --endpoint, not both")
        allow_hosts(endpoint, update_url, store_url)
        spec = StoreSpec(store, endpoint, update_url, store_url, timeout, retries)
        return command(*args, store_spec=spec, **kwargs)

    wrapper = endpoint_options(wrapper)
    wrapper = click.option("--endpoint", metavar="URL", default=None,
                           help="Remote SPARQL 1.1 endpoint; basic auth from CALCKG_ENDPOINT_USER/_PASSWORD.")(wrapper)
    wrapper = click.option("--store", metavar="oxigraph:PATH", default=None,
                           help="Embedded Oxigraph store directory, or `memory` for calckg.trig in rdflib's "
                                "in-memory store (default: the build's own store, BUILD_DIR/store).")(wrapper)
    return wrapper  # type: ignore[return-value]


def open_built_store(store_spec: StoreSpec, build_dir: Path) -> Store:
    """The store a read command works on: the store the user named, else the Oxigraph store `build` wrote under
    `build_dir` (opened read-only: readers never block each other), else (`--store memory`, or a build without
    one) calckg.trig parsed into rdflib's in-memory store."""
    built = built_store_path(build_dir)
    if store_spec.descriptor is None and store_spec.endpoint is None and read_manifest(built) is not None:
        return OxigraphStore(built, read_only=True)
    if store_spec.is_memory:
        from calckg.input_checks import load_built_dataset  # the build's reader; imported late to keep start-up light

        return MemoryStore(load_built_dataset(build_dir))
    return store_spec.open()


def resource_options(command: F) -> F:
    """--shapes, --queries and --pack: a publisher's own folders instead of the shipped ones
    (:func:`calckg.resources.configure`, applied before the command runs)."""

    @functools.wraps(command)
    def wrapper(*args: Any, shapes: Path | None, queries: Path | None, packs: tuple[str, ...], **kwargs: Any) -> Any:
        chosen = tuple(resources.resolve_pack(value) for value in packs) if packs else None
        resources.configure(shapes=shapes, queries=queries, packs=chosen)
        return command(*args, **kwargs)

    folder = click.Path(file_okay=False, path_type=Path)
    wrapper = click.option("--pack", "packs", multiple=True, metavar="NAME|DIR",
                           help="Domain pack to use (repeatable): a shipped pack's name or a pack folder "
                                "[default: every shipped pack].")(wrapper)
    wrapper = click.option("--queries", type=folder, default=None,
                           help="Folder of .rq queries instead of the shipped queries/.")(wrapper)
    wrapper = click.option("--shapes", type=folder, default=None,
                           help="Folder of SHACL shapes (*.ttl) instead of the shipped shapes/.")(wrapper)
    return wrapper  # type: ignore[return-value]
