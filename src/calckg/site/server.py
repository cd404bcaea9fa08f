"""`calckg serve` serves the review site (`<build>/site/`) on 127.0.0.1 beside the SPARQL endpoint.

A read-only static file server (the standard library's, in a background thread): GET and HEAD only, files under
the site folder only (the handler resolves paths inside its directory), no directory listings, and a Content
Security Policy that lets a page load nothing but this server's own files.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from calckg.errors import InputError

HOST = "127.0.0.1"
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class _SiteHandler(SimpleHTTPRequestHandler):
    server_version = "calckg-site"
    sys_version = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def list_directory(self, path: Any) -> None:
        self.send_error(404, "No such page")
        return None

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return  # quiet: the SPARQL server's console is the one the user reads

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.send_error(405, "The review site is read-only")


@contextmanager
def site_server(site: Path, port: int, echo: Callable[[str], None] = print) -> Iterator[ThreadingHTTPServer | None]:
    """Serve `site` on http://127.0.0.1:PORT/ while the block runs (nothing when the folder is missing)."""
    if not (site / "index.html").is_file():
        echo(f"Review site: none ({site} has no index.html; run `calckg build` to make it)")
        yield None
        return
    handler = functools.partial(_SiteHandler, directory=str(site))
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError:
        raise InputError(f"port {port} on {HOST} is in use; choose another with --site-port") from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="calckg-site", daemon=True)
    thread.start()
    echo(f"Review site: http://{HOST}:{port}/")
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
