"""One store interface, three backends: in-memory rdflib, embedded Oxigraph, remote SPARQL 1.1.

Pick one with :func:`open_store` (or a :class:`StoreSpec` from the CLI options); every backend returns the same
:class:`SelectResult` for the same query.
"""

from calckg.store.base import Bindings, SelectResult, Store, StoreSpec, named_graphs, open_store
from calckg.store.http import Endpoint
from calckg.store.push import GraphCount, PushReport, push
from calckg.store.safety import check_query
from calckg.store.serve import serve

__all__ = [
    "Bindings",
    "Endpoint",
    "GraphCount",
    "PushReport",
    "SelectResult",
    "Store",
    "StoreSpec",
    "check_query",
    "named_graphs",
    "open_store",
    "push",
    "serve",
]
