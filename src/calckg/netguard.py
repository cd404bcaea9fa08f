"""No surprise network: an audit hook that refuses outbound connections except to hosts the user named.

rdflib fetches URLs for SPARQL `SERVICE`, `FROM <url>`, `LOAD` and JSON-LD string contexts; owlready2 can
download imports. The guard turns any such attempt into an error instead of a request. Loopback is always
allowed (local test servers, `calckg serve`).
"""

from __future__ import annotations

import ipaddress
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
    _allowed_hosts.add(host)  # before the lookup below, which the guard would otherwise refuse
    try:
        _allowed_hosts.update(str(info[4][0]) for info in socket.getaddrinfo(host, None))
    except OSError:
        pass


def _host_of(address: Any) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None  # Unix sockets and other families carry no host


def _is_address(name: str) -> bool:
    """A numeric address needs no resolver (the connection itself is checked)."""
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def _allowed(host: str) -> bool:
    return host in LOOPBACK or host in _allowed_hosts


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "socket.connect":
        host = _host_of(args[1])
        if host is not None and not _allowed(host):
            raise OutboundRequestBlocked(f"outbound connection to {host} blocked (calckg makes no network requests)")
    elif event == "socket.getaddrinfo":  # a name lookup is a request too (it tells the resolver the name)
        name = args[0].decode("ascii", "replace") if isinstance(args[0], bytes) else args[0]
        if name is not None and not _is_address(str(name)) and not _allowed(str(name)):
            raise OutboundRequestBlocked(f"name lookup of {name} blocked (calckg makes no network requests)")
    elif event == "urllib.Request":
        url = str(args[0])
        host = url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0].strip("[]")
        if not _allowed(host):
            raise OutboundRequestBlocked(f"request to {url} blocked (calckg makes no network requests)")


def install() -> None:
    """Install the guard once per process and stop rdflib from loading `FROM <url>` graphs."""
    global _installed
    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
