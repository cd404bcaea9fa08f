"""No surprise network: an audit hook that refuses outbound connections except to hosts the user named.

rdflib fetches URLs for SPARQL `SERVICE`, `FROM <url>`, `LOAD` and JSON-LD string contexts; owlready2 can
download imports. The guard turns any such attempt into an error instead of a request. Loopback is always
allowed (local test servers, `calckg serve`).
"""

from __future__ import annotations

import socket
import sys
from typing import Any

import rdflib.plugins.sparql

from calckg.errors import InputError

_allowed_hosts: set[str] = set()
_installed = False
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class OutboundRequestBlocked(InputError):
    """Raised inside the library that tried to reach a host nobody named (exit 2)."""


def allow_host(host: str) -> None:
    """Permit connections to `host` (and the addresses it resolves to), e.g. a user's `--endpoint`."""
    _allowed_hosts.add(host)
    try:
        _allowed_hosts.update(str(info[4][0]) for info in socket.getaddrinfo(host, None))
    except OSError:
        pass


def _host_of(address: Any) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None  # Unix sockets and other families carry no host


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect":
        host = _host_of(args[1])
        if host is not None and host not in LOOPBACK and host not in _allowed_hosts:
            raise OutboundRequestBlocked(f"outbound connection to {host} blocked (calckg makes no network requests)")
    elif event == "urllib.Request":
        url = str(args[0])
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].strip("[]")
        if host not in LOOPBACK and host not in _allowed_hosts:
            raise OutboundRequestBlocked(f"request to {url} blocked (calckg makes no network requests)")


def install() -> None:
    """Install the guard once per process and stop rdflib from loading `FROM <url>` graphs."""
    global _installed
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
