"""Endpoint configuration and the HTTP rules every remote request follows: timeouts, retries, error messages.

Retries (exponential backoff) happen on 5xx answers and connection errors, and only for idempotent requests
(queries, GSP PUT) — except a refused connection, which proves nothing was sent. A timeout is not retried: a slow
store stays slow. 4xx, timeouts and unreachable hosts become a StoreError (exit 4) naming the URL, the status and
the first 200 characters of the answer, with credentials removed.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from dataclasses import dataclass, field

from calckg.errors import InputError, StoreError

USER_VARIABLE = "CALCKG_ENDPOINT_USER"
PASSWORD_VARIABLE = "CALCKG_ENDPOINT_PASSWORD"

# Where the update and Graph Store Protocol services sit relative to the query URL.
# Oxigraph: http://host:port/query, /update, /store. Fuseki: http://host:port/ds/sparql, /ds/update, /ds/data.
_SIBLINGS = {"query": ("update", "store"), "sparql": ("update", "data")}


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL 1.1 service: query URL, optional update and Graph Store Protocol URLs, basic-auth credentials."""

    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5

    @classmethod
    def from_url(cls, url: str, *, update_url: str | None = None, store_url: str | None = None,
                 timeout: float = 30.0, retries: int = 3, environ: Mapping[str, str] | None = None) -> Endpoint:
        """Derive update/store URLs from the query URL (see _SIBLINGS; a bare http://host:port is Oxigraph's
        root) unless given; credentials only from CALCKG_ENDPOINT_USER / CALCKG_ENDPOINT_PASSWORD."""
        env = os.environ if environ is None else environ
        query_url = _check_url(url)
        derived_update, derived_store = _derive(query_url)
        if urllib.parse.urlsplit(query_url).path in ("", "/"):
            query_url = query_url.rstrip("/") + "/query"
        return cls(query_url=query_url,
                   update_url=_check_url(update_url) if update_url else derived_update,
                   store_url=_check_url(store_url) if store_url else derived_store,
                   user=env.get(USER_VARIABLE) or None, password=env.get(PASSWORD_VARIABLE) or None,
                   timeout=timeout, retries=retries)

    def auth_header(self) -> dict[str, str]:
        if not self.user:
            return {}
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}

    def scrub(self, text: str) -> str:
        """Text safe to show: the password and the basic-auth token never appear."""
        for secret in (self.password, *self.auth_header().values()):
            if secret:
                text = text.replace(secret, "***")
        return text


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"not an endpoint URL: {url[:100]!r} (expected http(s)://host[:port]/path)")
    if parts.username or parts.password:
        raise InputError(f"credentials in the endpoint URL are not accepted; set {USER_VARIABLE} and "
                         f"{PASSWORD_VARIABLE} in the environment instead")
    return url


def _derive(query_url: str) -> tuple[str | None, str | None]:
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if not path:
        head, last = "", "query"
    if last not in _SIBLINGS:
        return None, None
    update, store = _SIBLINGS[last]
    base = f"{parts.scheme}://{parts.netloc}{head}"
    return f"{base}/{update}", f"{base}/{store}"


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes


class HttpStatusError(Exception):
    """An HTTP error status, whichever client saw it."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def snippet(body: bytes, endpoint: Endpoint) -> str:
    """First 200 characters of an answer, one line, printable, credentials removed."""
    text = re.sub(r"\s+", " ", body[:2000].decode("utf-8", "replace"))
    text = "".join(ch for ch in text if ch.isprintable()).strip()
    return endpoint.scrub(text)[:200] or "(empty body)"


def read_body(response: http.client.HTTPResponse, deadline: float, url: str) -> Response:
    """Read a whole answer, giving up at the deadline even if the server keeps dripping bytes."""
    chunks = []
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} kept sending past the deadline")
        chunk = response.read1(65536)
        if not chunk:
            break
        chunks.append(chunk)
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    return Response(response.status, content_type, b"".join(chunks))


class RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: urllib would resend the Authorization header to whatever host the Location
    names and turn a POST into a GET (issue 17 item 15). The answer is reported with the Location instead."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> None:
        raise HttpStatusError(code, f"redirected to {newurl}; calckg does not follow redirects (they could carry "
                                    "credentials to another host or turn a POST into a GET): use that URL".encode())


OPENER = urllib.request.build_opener(RefuseRedirects())
"""The opener for every request calckg sends to an endpoint."""


def urllib_attempt(endpoint: Endpoint, method: str, url: str, body: bytes | None,
                   headers: Mapping[str, str]) -> Callable[[], Response]:
    """One plain HTTP request (GSP and Update: SPARQLWrapper has no Graph Store Protocol)."""

    def attempt() -> Response:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={**headers, **endpoint.auth_header()})
        deadline = time.monotonic() + endpoint.timeout
        try:
            with OPENER.open(request, timeout=endpoint.timeout) as response:  # noqa: S310 (http(s) only)
                return read_body(response, deadline, url)
        except urllib.error.HTTPError as exc:
            raise HttpStatusError(exc.code, exc.read()[:4096]) from None

    return attempt


def _reason(exc: BaseException) -> BaseException | str:
    return exc.reason if isinstance(exc, urllib.error.URLError) else exc


def _retryable(exc: BaseException, idempotent: bool) -> bool:
    if isinstance(exc, HttpStatusError):
        return exc.status >= 500 and idempotent
    reason = _reason(exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return False  # a slow store stays slow; retrying would multiply the wait
    if isinstance(reason, ConnectionRefusedError):
        return True  # nothing was sent, so even an update is safe to resend
    return idempotent and isinstance(reason, ConnectionError | http.client.IncompleteRead)


def _describe(exc: BaseException, endpoint: Endpoint, *, url: str, what: str, attempts: int) -> str:
    after = f" after {attempts} attempts" if attempts > 1 else ""
    if isinstance(exc, HttpStatusError):
        return f"{what} failed: {url} answered HTTP {exc.status}{after}: {snippet(exc.body, endpoint)}"
    reason = _reason(exc)
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{what} failed: {url} did not answer within {endpoint.timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot reach {url}: connection refused{after} (is the SPARQL server running?)"
    if isinstance(reason, http.client.HTTPException) and not isinstance(reason, ConnectionError):
        return f"{what} failed: {url} did not answer with HTTP ({type(reason).__name__}); is it a SPARQL endpoint?"
    return f"cannot reach {url}: {endpoint.scrub(str(reason))[:200]}{after}"


def send(endpoint: Endpoint, attempt: Callable[[], Response], *, url: str, what: str, idempotent: bool,
         passthrough: tuple[int, ...] = ()) -> Response:
    """Run `attempt` under the retry rules in the module docstring; every failure ends as a StoreError, except an
    HTTP status in `passthrough`, raised as HttpStatusError for the caller to handle."""
    tries = 1 + max(endpoint.retries, 0)
    for number in range(1, tries + 1):
        try:
            return attempt()
        except (HttpStatusError, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if isinstance(exc, HttpStatusError) and exc.status in passthrough:
                raise
            if number == tries or not _retryable(exc, idempotent):
                raise StoreError(_describe(exc, endpoint, url=url, what=what, attempts=number)) from None
        time.sleep(endpoint.backoff * 2 ** (number - 1))
    raise AssertionError("unreachable")  # the loop always returns or raises
