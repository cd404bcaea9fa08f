"""Remote backend: any SPARQL 1.1 endpoint (`--endpoint URL`).

Implements every :class:`~calckg.store.base.Store` method. Queries go through SPARQLWrapper with the query type
taken from calckg's own parse (never SPARQLWrapper's regex guess), POST, and an explicit timeout; the answer is read
and checked here, so a 200 with HTML or JSON cut off mid-stream (Oxigraph reports late errors that way) is an
error, never "no results". Writes are SPARQL 1.1 Updates over urllib, in batches: one request drops and refills
every graph of a batch, which Oxigraph and Fuseki run as one transaction (:mod:`calckg.store.remote_load`).
Redirects are never followed.
User queries run against an explicit dataset (`default-graph-uri` and
`named-graph-uri` = the live graphs), so the default graph is the union of the article graphs on every server and
staging graphs stay invisible.
"""

from __future__ import annotations

import json
import time
import urllib.error
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Dataset, Graph, URIRef
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

from calckg.errors import StoreError
from calckg.store.base import STAGING_PREFIX, Bindings, SelectResult, is_staging
from calckg.store.http import OPENER, Endpoint, HttpStatusError, Response, read_body, send, snippet, urllib_attempt
from calckg.store.safety import QueryForm, require_form
from calckg.store.terms import canonical, from_sparql_json, n3
from calckg.store.push_input import LocalGraphs
from calckg.store.remote_load import replace_in_batches
from calckg.store.values import inject_values

_JSON_TYPES = {"application/sparql-results+json", "application/json"}
_RDF_TYPES = {"text/turtle", "application/n-triples", "application/x-turtle"}
_EMPTY_DATASET = "urn:calckg:empty"  # named in default-graph-uri when there is no graph, so the dataset is empty


class RemoteStore:
    """Store on a remote SPARQL 1.1 endpoint (query, update and Graph Store Protocol services)."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.description = f"SPARQL endpoint {endpoint.query_url}"

    # -- reading -----------------------------------------------------------------------------------------

    def _query(self, query: str, form: QueryForm, graphs: tuple[str, ...] | None) -> Response:
        """POST one query; `graphs` is the explicit dataset, None for the server's own (all graphs)."""
        endpoint = self.endpoint

        def attempt() -> Response:
            wrapper = SPARQLWrapper(endpoint.query_url)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # its regex guess may warn; we overwrite it
                wrapper.setQuery(query)
            wrapper.queryType = form
            wrapper.setMethod(POST)
            wrapper.setRequestMethod(URLENCODED)
            wrapper.setOnlyConneg(True)
            wrapper.setReturnFormat(TURTLE if form == "CONSTRUCT" else JSON)
            # setTimeout() truncates to int, and 0 then means no timeout at all: set the float directly.
            wrapper.timeout = endpoint.timeout  # type: ignore[assignment]
            if endpoint.user:
                wrapper.setCredentials(endpoint.user, endpoint.password or "")
            if graphs is not None:
                for name in graphs or (_EMPTY_DATASET,):
                    wrapper.addDefaultGraph(name)
                    wrapper.addNamedGraph(name)
            deadline = time.monotonic() + endpoint.timeout
            # SPARQLWrapper builds the request; calckg's opener sends it, so redirects are never followed
            request = wrapper._createRequest()  # noqa: SLF001 - SPARQLWrapper 2 has no public hook for the opener
            try:
                with OPENER.open(request, timeout=endpoint.timeout) as response:
                    return read_body(response, deadline, endpoint.query_url)
            except urllib.error.HTTPError as exc:
                raise HttpStatusError(exc.code, exc.read()[:4096]) from None

        return send(endpoint, attempt, url=endpoint.query_url, what=f"{form} query", idempotent=True)

    def _json(self, response: Response) -> dict[str, Any]:
        url = self.endpoint.query_url
        if response.content_type not in _JSON_TYPES:
            raise StoreError(f"{url} answered HTTP {response.status} with {response.content_type or 'no content type'}"
                             f", not SPARQL JSON results: {snippet(response.body, self.endpoint)}")
        try:
            document = json.loads(response.body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(f"{url} sent an incomplete or invalid SPARQL JSON result ({exc}); the query failed, "
                             f"this is not an empty answer: {snippet(response.body[-300:], self.endpoint)}") from None
        if not isinstance(document, dict):
            raise StoreError(f"{url} answered JSON that is not a SPARQL result: "
                             f"{snippet(response.body, self.endpoint)}")
        return document

    def _rows(self, query: str, graphs: tuple[str, ...] | None) -> SelectResult:
        document = self._json(self._query(query, "SELECT", graphs))
        try:
            variables = tuple(str(v) for v in document["head"]["vars"])
            rows = tuple(tuple(from_sparql_json(b[v]) if v in b else None for v in variables)
                         for b in document["results"]["bindings"])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"{self.endpoint.query_url} answered JSON that is not a SPARQL SELECT result "
                             f"({type(exc).__name__}: {exc})") from None
        return SelectResult(variables, rows)

    def select(self, query: str, bindings: Bindings | None = None) -> SelectResult:
        require_form(query, "SELECT")
        return self._rows(inject_values(query, bindings or {}), self.graph_names())

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        require_form(query, "ASK")
        document = self._json(self._query(inject_values(query, bindings or {}), "ASK", self.graph_names()))
        answer = document.get("boolean")
        if not isinstance(answer, bool):
            raise StoreError(f"{self.endpoint.query_url} answered JSON that is not a SPARQL ASK result")
        return answer

    def construct(self, query: str) -> Graph:
        require_form(query, "CONSTRUCT")
        response = self._query(query, "CONSTRUCT", self.graph_names())
        if response.content_type not in _RDF_TYPES:
            raise StoreError(f"{self.endpoint.query_url} answered {response.content_type or 'no content type'} to a "
                             f"CONSTRUCT, not Turtle: {snippet(response.body, self.endpoint)}")
        try:
            parsed = Graph().parse(data=response.body, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise StoreError(f"{self.endpoint.query_url} sent invalid or incomplete Turtle: {exc}") from None
        graph = Graph()
        for s, p, o in parsed:
            graph.add((s, p, canonical(o)))
        return graph

    def graph_names(self) -> tuple[str, ...]:
        result = self._rows("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", None)
        return tuple(sorted(str(g) for (g,) in result.rows if isinstance(g, URIRef) and not is_staging(str(g))))

    def count_triples(self, graph_name: str) -> int:
        result = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {n3(URIRef(graph_name))} {{ ?s ?p ?o }} }}", None)
        return int(result.rows[0][0])  # type: ignore[arg-type]

    def dataset(self) -> Dataset:
        dataset = Dataset(default_union=True)
        for g, s, p, o in self._rows("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", None).rows:
            if not is_staging(str(g)):
                dataset.add((s, p, o, URIRef(str(g))))  # type: ignore[arg-type]
        return dataset

    def close(self) -> None:
        """Nothing held open: every request uses its own connection."""

    # -- writing -----------------------------------------------------------------------------------------

    def update(self, text: str, *, idempotent: bool) -> None:
        """POST one SPARQL Update (calckg-written text only; never user input)."""
        self.update_bytes(text.encode("utf-8"), idempotent=idempotent)

    def update_bytes(self, body: bytes, *, idempotent: bool) -> None:
        url = self.endpoint.update_url
        if not url:
            raise StoreError(f"{self.endpoint.query_url} has no update service configured: pass --update-url")
        attempt = urllib_attempt(self.endpoint, "POST", url, body,
                                 {"Content-Type": "application/sparql-update; charset=utf-8"})
        send(self.endpoint, attempt, url=url, what="SPARQL update", idempotent=idempotent)

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        """Replace graphs batch by batch, one atomic update each (:mod:`calckg.store.remote_load`)."""
        replace_in_batches(self, LocalGraphs.from_graphs(graphs), list(graphs))

    def count_graphs(self, names: Iterable[str]) -> dict[str, int]:
        """Triples per named graph, in one query (0 for a graph the server does not hold)."""
        wanted = sorted(set(names))
        counts = dict.fromkeys(wanted, 0)
        if wanted:
            values = " ".join(n3(URIRef(name)) for name in wanted)
            query = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                     "GROUP BY ?g")
            counts.update({str(g): int(n) for g, n in self._rows(query, None).rows})  # type: ignore[arg-type]
        return counts

    def staging_graphs(self) -> tuple[str, ...]:
        """Staging graphs on the server (a push that was killed leaves them; the next push drops them)."""
        query = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                 f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}')
        return tuple(sorted(str(g) for (g,) in self._rows(query, None).rows))

