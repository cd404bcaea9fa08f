"""Click commands `push` and `serve`, and the `store_options` decorator the other commands share.

Thin wrappers: each calls one function of :mod:`calckg.store` and turns a CalckgError into its documented exit code.
Credentials are read from CALCKG_ENDPOINT_USER / CALCKG_ENDPOINT_PASSWORD only, never from arguments, so they do
not land in shell history or process listings.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rdflib import Dataset

from calckg import netguard
from calckg.errors import EXIT_STORE, CalckgError, InputError
from calckg.store import Endpoint, Store, StoreSpec, push as push_dataset, serve as serve_endpoint
from calckg.store.memory import MemoryStore

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_TRIG = Path("build") / "calckg.trig"

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


def _fail(error: CalckgError) -> NoReturn:
    click.echo(f"calckg: error: {error}", err=True)
    raise click.exceptions.Exit(error.exit_code)


def _allow(*urls: str | None) -> None:
    """Let the network guard through to the hosts the user named (it refuses every other host)."""
    for url in urls:
        host = urllib.parse.urlsplit(url).hostname if url else None
        if host:
            netguard.allow_host(host)


def _endpoint_options(command: F) -> F:
    for option in reversed(_ENDPOINT_OPTIONS):
        command = option(command)
    return command


def store_options(command: F) -> F:
    """Add --store/--endpoint (and the endpoint's URLs, timeout, retries) and pass one `store_spec: StoreSpec`."""

    @functools.wraps(command)
    def wrapper(*args: Any, store: str | None, endpoint: str | None, update_url: str | None,
                store_url: str | None, timeout: float, retries: int, **kwargs: Any) -> Any:
        if store is not None and endpoint is not None:
            _fail(InputError("give either --store or --endpoint, not both"))
        _allow(endpoint, update_url, store_url)
        spec = StoreSpec(store, endpoint, update_url, store_url, timeout, retries)
        return command(*args, store_spec=spec, **kwargs)

    wrapper = _endpoint_options(wrapper)
    wrapper = click.option("--endpoint", metavar="URL", default=None,
                           help="Remote SPARQL 1.1 endpoint; basic auth from CALCKG_ENDPOINT_USER/_PASSWORD.")(wrapper)
    wrapper = click.option("--store", metavar="oxigraph:PATH", default=None,
                           help="Embedded Oxigraph store directory (default: in-memory rdflib store).")(wrapper)
    return wrapper  # type: ignore[return-value]


def open_built_store(store_spec: StoreSpec, build_dir: Path) -> Store:
    """The store a read command works on: the built graph in memory by default, else the store the user named."""
    if store_spec.is_memory:
        from calckg.pipeline import load_built_dataset  # the build's reader; imported late to keep start-up light

        return MemoryStore(load_built_dataset(build_dir))
    return store_spec.open()


def _read_trig(path: Path) -> Dataset:
    if not path.is_file():
        _fail(InputError(f"{path}: no built graph; run `calckg build` first or pass --trig FILE"))
    dataset = Dataset()
    try:
        dataset.parse(path, format="trig")
    except Exception as exc:  # rdflib raises many parser-specific types
        _fail(InputError(f"{path}: not valid TriG: {exc}"))
    return dataset


@click.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="SPARQL 1.1 endpoint (a bare http://host:port means Oxigraph's /query, /update, /store).")
@click.option("--trig", type=click.Path(path_type=Path), default=DEFAULT_TRIG, show_default=True,
              help="The built dataset to push.")
@_endpoint_options
def push(endpoint: str, trig: Path, update_url: str | None, store_url: str | None, timeout: float,
         retries: int) -> None:
    """Load each article into its own named graph of a remote store, replacing what was there."""
    try:
        target = Endpoint.from_url(endpoint, update_url=update_url, store_url=store_url, timeout=timeout,
                                   retries=retries)
        _allow(target.query_url, target.update_url, target.store_url)
        report = push_dataset(_read_trig(trig), target)
    except CalckgError as error:
        _fail(error)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise click.exceptions.Exit(EXIT_STORE)


@click.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--trig", type=click.Path(path_type=Path), default=DEFAULT_TRIG, show_default=True,
              help="The built dataset to serve.")
@click.option("--writable", is_flag=True, default=False,
              help="Accept SPARQL Update and Graph Store writes (kept only until the server stops).")
@click.option("--site-port", type=click.IntRange(1, 65535), default=None,
              help="Port on 127.0.0.1 for the review site (the build's site/ folder)  [default: PORT+1]")
def serve(port: int, trig: Path, writable: bool, site_port: int | None) -> None:
    """Serve the built graph as a SPARQL endpoint, and the review site, on 127.0.0.1 until Ctrl-C."""
    from calckg.site.server import site_server

    site_lines: list[str] = []  # the site's address is printed after the endpoint's first line

    def echo(line: str) -> None:
        click.echo(line)
        while site_lines:
            click.echo(site_lines.pop(0))

    try:
        with site_server(trig.parent / "site", site_port or (port % 65535) + 1, echo=site_lines.append):
            code = serve_endpoint(trig, port=port, read_only=not writable, echo=echo)
    except CalckgError as error:
        _fail(error)
    raise click.exceptions.Exit(code)
