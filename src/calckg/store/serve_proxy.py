"""The checking front of `calckg serve`: what a browser or script on this machine reaches on 127.0.0.1:PORT.

Oxigraph's server follows SERVICE and LOAD to any URL and accepts any Host and Origin (issue 17 items 10-11), and
has no option to stop either, so it listens on a private loopback port and this proxy forwards only requests that
pass three checks:
- the `Host` header names 127.0.0.1, localhost or [::1] (a DNS-rebinding page sends its own host name);
- an `Origin` header, when sent, is this endpoint's own (a web page elsewhere cannot post forms to it);
- a query passes :func:`calckg.store.safety.check_query` (no SERVICE, FROM or update), an update (only with
  `--writable`) holds no LOAD and no SERVICE.
Refusals are `403` (host, origin) or `400` (query) with a one-line text body. Responses stream through unchanged.
"""

from __future__ import annotations

import http.client
import http.server
import threading
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseUpdate

from calckg.errors import InputError
from calckg.store.safety import walk_tree, check_query

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
MAX_BODY_BYTES = 64 << 20
GRACE_S = 2.0
BUFFER_BYTES = 8 << 20
"""Answers up to this size are checked whole before they are sent; larger ones stream."""
_CANCELLED = b"The SPARQL operation has been cancelled"
"""Seconds past the query timeout before the proxy gives up on the server and has it restarted."""
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-authenticate", "host"}
_CHUNK = 64 << 10


def check_update(text: str) -> None:
    """Refuse an update that would fetch a URL (LOAD, SERVICE) or that does not parse."""
    try:
        parsed = parseUpdate(text)
    except ParseException as error:
        raise InputError(f"SPARQL update syntax error at line {error.lineno}, column {error.col}") from None
    except RecursionError:
        raise InputError("the update is nested too deeply for the SPARQL parser") from None
    for node in walk_tree(parsed):
        if node.name == "Load":
            raise InputError("LOAD is not allowed: it would fetch a URL")
        if node.name == "ServiceGraphPattern":
            raise InputError("SERVICE (federated query) is not allowed: calckg queries only its own graph")


def _host_allowed(host: str | None, port: int) -> bool:
    if not host:
        return False
    return host in {f"{name}:{port}" for name in LOCAL_HOSTS} | set(LOCAL_HOSTS)


def _origin_allowed(origin: str | None, port: int) -> bool:
    return origin is None or origin in {f"http://{name}:{port}" for name in LOCAL_HOSTS}


def _sparql_texts(path: str, content_type: str, body: bytes) -> tuple[list[str], list[str]]:
    """The query and update texts a request carries (URL parameters, form fields, or a SPARQL body)."""
    parts = urllib.parse.urlsplit(path)
    fields = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
    media = content_type.split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        for key, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
            fields.setdefault(key, []).extend(values)
    queries = list(fields.get("query", []))
    updates = list(fields.get("update", []))
    if media == "application/sparql-query":
        queries.append(body.decode("utf-8", "replace"))
    elif media == "application/sparql-update":
        updates.append(body.decode("utf-8", "replace"))
    return queries, updates


class _Handler(http.server.BaseHTTPRequestHandler):
    server: CheckingProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class' name
        """Quiet: the endpoint's console shows only calckg's own lines."""

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _handle(self) -> None:
        port = self.server.public_port
        if not _host_allowed(self.headers.get("Host"), port):
            return self._refuse(403, "forbidden: the Host header must be 127.0.0.1 or localhost")
        if not _origin_allowed(self.headers.get("Origin"), port):
            return self._refuse(403, "forbidden: requests from other web origins are not accepted")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            return self._refuse(413, f"request body over {MAX_BODY_BYTES} bytes")
        body = self.rfile.read(length) if length else b""
        queries, updates = _sparql_texts(self.path, self.headers.get("Content-Type", ""), body)
        if updates and not self.server.writable:
            return self._refuse(403, "forbidden: the endpoint is read-only (start it with --writable for updates)")
        try:
            for query in queries:
                check_query(query)
            for update in updates:
                check_update(update)
        except InputError as error:
            return self._refuse(400, f"refused: {error}")
        self._forward(body)

    def _forward(self, body: bytes) -> None:
        """Send the request on; answer small responses whole (so a query Oxigraph cancelled mid-answer becomes a
        503, not a 200 with broken JSON), stream larger ones chunked, and cut any answer still running at the
        deadline (the client sees an incomplete chunked body, never a silently short one)."""
        deadline = time.monotonic() + self.server.timeout_s + GRACE_S
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.inner_port,
                                              timeout=self.server.timeout_s + GRACE_S)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        headers["Host"] = f"127.0.0.1:{self.server.inner_port}"
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = upstream.getresponse()
            buffered = b""
            while len(buffered) < BUFFER_BYTES and (chunk := response.read(_CHUNK)):
                buffered += chunk
                if time.monotonic() > deadline:
                    raise TimeoutError
            if len(buffered) < BUFFER_BYTES:
                if _CANCELLED in buffered[-200:]:
                    raise TimeoutError
                return self._reply(response, buffered)
            self._stream(response, buffered, deadline)
        except TimeoutError:
            self.server.on_timeout()
            return self._refuse(503, f"the query ran past {self.server.timeout_s:g} s and was stopped "
                                     "(the SPARQL server restarts; retry a narrower query)")
        except (OSError, http.client.HTTPException) as error:
            return self._refuse(502, f"the SPARQL server did not answer: {error}")
        finally:
            upstream.close()
        self.close_connection = True

    def _headers_of(self, response: http.client.HTTPResponse) -> None:
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in _HOP_BY_HOP and key.lower() != "content-length":
                self.send_header(key, value)
        self.send_header("Connection", "close")

    def _reply(self, response: http.client.HTTPResponse, content: bytes) -> None:
        self._headers_of(response)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def _stream(self, response: http.client.HTTPResponse, first: bytes, deadline: float) -> None:
        self._headers_of(response)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = first
        while chunk:
            if time.monotonic() > deadline or _CANCELLED in chunk[-200:]:
                self.server.on_timeout()
                self.close_connection = True
                return  # no closing chunk: the client sees the answer is incomplete
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            chunk = response.read(_CHUNK)
        self.wfile.write(b"0\r\n\r\n")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _handle


class CheckingProxy(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, public_port: int, inner_port: int, *, writable: bool, timeout_s: float,
                 on_timeout: Callable[[], None]) -> None:
        super().__init__(("127.0.0.1", public_port), _Handler)
        self.public_port = public_port
        self.inner_port = inner_port
        self.writable = writable
        self.timeout_s = timeout_s
        self.on_timeout = on_timeout

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="calckg-serve-proxy", daemon=True)
        thread.start()
        return thread
