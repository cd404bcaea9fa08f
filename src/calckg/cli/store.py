"""`calckg push` and `calckg serve`: thin commands over calckg.store (errors: calckg.cli.guard)."""

from __future__ import annotations

from pathlib import Path

import click
from calckg.cli.guard import command
from calckg.cli.options import DEFAULT_TRIG, allow_hosts, endpoint_options
from calckg.errors import EXIT_STORE
from calckg.store import Endpoint, push as push_dataset, serve as serve_endpoint
from calckg.store.built import built_store_path, read_manifest
from calckg.store.push_input import LocalGraphs


@command("push")
@click.option("--endpoint", metavar="URL", required=True,
              help="SPARQL 1.1 endpoint (a bare http://host:port means Oxigraph's /query, /update, /store).")
@click.option("--trig", type=click.Path(path_type=Path), default=DEFAULT_TRIG, show_default=True,
              help="The built dataset to push.")
@endpoint_options
def push_command(endpoint: str, trig: Path, update_url: str | None, store_url: str | None, timeout: float,
         retries: int) -> None:
    """Load each article into its own named graph of a remote store, replacing what was there."""
    target = Endpoint.from_url(endpoint, update_url=update_url, store_url=store_url, timeout=timeout, retries=retries)
    allow_hosts(target.query_url, target.update_url, target.store_url)
    report = push_dataset(LocalGraphs.from_trig(trig), target)
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise click.exceptions.Exit(EXIT_STORE)


@command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port on 127.0.0.1.")
@click.option("--trig", type=click.Path(path_type=Path), default=DEFAULT_TRIG, show_default=True,
              help="The built dataset to serve.")
@click.option("--writable", is_flag=True, default=False,
              help="Accept SPARQL Update and Graph Store writes (kept only until the server stops).")
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True,
              help="Seconds a query may run on the endpoint.")
@click.option("--site-port", type=click.IntRange(1, 65535), default=None,
              help="Port on 127.0.0.1 for the review site (the build's site/ folder)  [default: PORT+1]")
def serve_command(port: int, trig: Path, writable: bool, timeout: float, site_port: int | None) -> None:
    """Serve the built graph as a SPARQL endpoint on 127.0.0.1 until Ctrl-C (read-only: the Oxigraph store the
    build wrote beside the TriG file, opened directly when there is one), and the review site beside it.

    Requests must come from this machine's own pages (Host 127.0.0.1/localhost, no foreign Origin); SERVICE, FROM
    and LOAD are refused."""
    from calckg.site.server import site_server

    site_lines: list[str] = []  # the site's address is printed after the endpoint's first line

    def echo(line: str) -> None:
        click.echo(line)
        while site_lines:
            click.echo(site_lines.pop(0))

    built = built_store_path(trig.parent)
    with site_server(trig.parent / "site", site_port or (port % 65535) + 1, echo=site_lines.append):
        code = serve_endpoint(trig, port=port, read_only=not writable, echo=echo, timeout_s=timeout,
                              built_store=built if read_manifest(built) is not None else None)
    raise click.exceptions.Exit(code)
