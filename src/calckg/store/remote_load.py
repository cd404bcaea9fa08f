"""Replacing many named graphs on a remote store quickly, each one atomically (docs/reliability.md, issue 17).

Graphs are sent in batches of up to :data:`BATCH_TRIPLES` triples, one standard SPARQL 1.1 Update per batch:

    DROP SILENT GRAPH <g0> ; DROP SILENT GRAPH <g1> ; … ;
    INSERT DATA { GRAPH <g0> { …Turtle triples… } GRAPH <g1> { … } }

SPARQL 1.1 Update asks that a request be applied atomically (§2.2, Oxigraph and Fuseki run one request as one
transaction), so a reader sees each graph, indeed each batch, all old or all new, and a body cut off in transit is
a parse error that changes nothing. The triples are written by Oxigraph's Turtle serialiser (subjects and
predicates not repeated; without prefixed names, which Oxigraph's SPARQL parser does not always read back, e.g.
`p:0.1.0`). Resending a batch gives the same
store, so batches are retried like queries; the next batch is serialised while the server works on one
(:data:`IN_FLIGHT`). No staging graph is made any more; staging graphs
(`urn:calckg:staging:…`) that a push of an older calckg left are dropped at the start of every push.

Measured (docs/reliability.md, bench `push` stage): 1,000 synthetic articles (750k triples) into a local Oxigraph
server in 25 s on a shared 2-core machine (about 24 s of it the server's CPU), where staging graphs + MOVE took
79 s (MOVE copies triple by triple); the bench `push` stage measures it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

import pyoxigraph as ox

from calckg.store.push_input import LocalGraphs

if TYPE_CHECKING:
    from calckg.store.sparql import RemoteStore

BATCH_TRIPLES = 20_000
"""Triples per update: small enough that a batch's body stays far below servers' request limits (Oxigraph takes
128 MB; 20,000 triples are about 2 MB), large enough that the per-request cost does not matter."""
IN_FLIGHT = 1
"""Updates sent at the same time. The next batch's body is prepared while one is on the server. Two at a time
took 10-12 s instead of about 20 s at N=1000 on an idle 2-core machine, but 32-40 s instead of 25 s beside one
busy process (Oxigraph's concurrent write transactions then cost more server CPU in total)."""


def _batches(sizes: Sequence[tuple[str, int]], limit: int) -> Iterator[list[str]]:
    batch: list[str] = []
    total = 0
    for name, size in sizes:
        if batch and total + size > limit:
            yield batch
            batch, total = [], 0
        batch.append(name)
        total += size
    if batch:
        yield batch


def update_text(local: LocalGraphs, batch: Sequence[str]) -> bytes:
    """One update replacing every graph of `batch` (a name `local` does not hold is emptied)."""
    blocks = []
    for name in batch:
        if local.sizes.get(name):
            triples = ox.serialize(local.triples(name), format=ox.RdfFormat.TURTLE)
            blocks.append(b"GRAPH <%s> {\n%s}\n" % (name.encode("utf-8"), triples))
    drops = " ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in batch).encode("utf-8")
    return drops + (b" ;\nINSERT DATA {\n" + b"".join(blocks) + b"}\n" if blocks else b"\n")


def drop_leftover_staging(store: RemoteStore) -> None:
    """Staging graphs a killed push of an older calckg left (they were never visible to calckg's queries)."""
    names = store.staging_graphs()
    if names:
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in names), idempotent=True)


def replace_in_batches(store: RemoteStore, local: LocalGraphs, names: Sequence[str] | None = None,
                       limit: int = BATCH_TRIPLES) -> None:
    """Replace the graphs `names` (default: every graph of `local`) with `local`'s content, batch by batch.
    The first failing batch stops the push with its StoreError; batches already sent stay (each is whole)."""
    drop_leftover_staging(store)
    wanted = list(local.sizes) if names is None else list(names)
    sizes = [(name, local.sizes.get(name, 0)) for name in wanted]
    with ThreadPoolExecutor(IN_FLIGHT, thread_name_prefix="calckg-push") as pool:
        pending: list[Future[None]] = []
        try:
            for batch in _batches(sizes, limit):
                body = update_text(local, batch)
                pending.append(pool.submit(store.update_bytes, body, idempotent=True))
                while len(pending) > IN_FLIGHT:  # at most IN_FLIGHT + 1 bodies held at once
                    pending.pop(0).result()
            for future in pending:
                future.result()
        finally:
            for future in pending:
                future.cancel()
