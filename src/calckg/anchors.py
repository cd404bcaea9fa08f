"""Curated claims anchor to quoted text, not to positions: resolve the quotes against the article's document graph.

A curated file (`data/curated/<article-slug>.ttl`) names the sentence a claim comes from by its exact words
(`ck:quote`), the figure by its exact text (`ck:figureQuote`, e.g. "52.9%" or "p < 0.001"), and the statements
that make no claim by `<article> ck:narrativeQuote "…"`. At build time each quote becomes the IRI it names today
(prov:wasDerivedFrom the statement, ck:statistic the figure, `<statement> a ck:NarrativeStatement`), so queries
and answers read the same graph as before, and inserting a sentence into the article moves no claim.

A quote matches the statement whose text it equals, else the one statement whose text contains it. A quote that
matches no statement, or several, is an input error (exit 2) naming the file, the claim and the nearest statement.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from calckg.errors import InputError
from calckg.namespaces import CK

QUOTE = CK.quote
FIGURE_QUOTE = CK.figureQuote
NARRATIVE_QUOTE = CK.narrativeQuote
POSITIONAL = (PROV.wasDerivedFrom, CK.statistic)  # IRIs that move when a sentence is inserted


class AnchorError(InputError):
    """A curated quote that names no statement (or figure) of its article, or more than one (exit 2)."""


def _statements(document: Graph) -> dict[URIRef, str]:
    return {
        s: str(text)
        for s, text in document.subject_objects(CK.text)
        if isinstance(s, URIRef) and (s, RDF.type, CK.Statement) in document
    }


def _local(node: Node) -> str:
    text = str(node)
    return text.rsplit("/", 1)[-1] if "/" in text else text


def _nearest(quote: str, candidates: Iterable[str]) -> str:
    scored = sorted(candidates, key=lambda text: (-difflib.SequenceMatcher(None, quote, text).ratio(), text))
    return scored[0] if scored else ""


class _Resolver:
    def __init__(self, document: Graph, path: Path) -> None:
        self.statements = _statements(document)
        self.document = document
        self.path = path

    def fail(self, claim: Node, quote: str, problem: str, candidates: dict[URIRef, str], noun: str = "statement") -> AnchorError:
        nearest = _nearest(quote, candidates.values())
        where = next((iri for iri, text in sorted(candidates.items()) if text == nearest), None)
        hint = f'; nearest {noun}: "{nearest}" ({where})' if where is not None else ""
        return AnchorError(f'{self.path}: claim {_local(claim)}: quote "{quote}" {problem}{hint}')

    def statement(self, claim: Node, quote: str) -> URIRef:
        exact = sorted(iri for iri, text in self.statements.items() if text == quote)
        found = exact or sorted(iri for iri, text in self.statements.items() if quote in text)
        if len(found) == 1:
            return found[0]
        if not found:
            raise self.fail(claim, quote, "matches no statement of the article", self.statements)
        listed = ", ".join(str(iri) for iri in found)
        raise AnchorError(f'{self.path}: claim {_local(claim)}: quote "{quote}" matches {len(found)} statements '
                          f"({listed}): quote more of the sentence")

    def figure(self, claim: Node, quote: str, statements: list[URIRef]) -> URIRef:
        figures = {
            stat: str(self.document.value(stat, CK.surface))
            for stat in self.document.subjects(CK.inStatement, None)
            if self.document.value(stat, CK.inStatement) in statements and (stat, RDF.type, CK.Statistic) in self.document
        }
        found = sorted(stat for stat, surface in figures.items() if surface == quote)
        if len(found) == 1 and isinstance(found[0], URIRef):
            return found[0]
        problem = "names no figure of the claim's statements" if not found else f"names {len(found)} figures"
        raise self.fail(claim, quote, problem, {s: t for s, t in figures.items() if isinstance(s, URIRef)}, "figure")


def resolve_anchors(curated: Graph, document: Graph, path: Path) -> Graph:
    """`curated` with every quote replaced by the statement or figure it names in `document` (a new graph)."""
    positional = sorted((str(claim), anchor.fragment) for anchor in POSITIONAL for claim in curated.subjects(anchor, None))
    if positional:
        claim, name = positional[0]
        raise AnchorError(f"{path}: claim {_local(claim)}: anchors by position ({name}); quote the sentence "
                          "(ck:quote) and the figure (ck:figureQuote) instead")
    resolver = _Resolver(document, path)
    resolved = Graph()
    for triple in curated:
        if triple[1] not in (QUOTE, FIGURE_QUOTE, NARRATIVE_QUOTE):
            resolved.add(triple)
    for _, quote in sorted(curated.subject_objects(NARRATIVE_QUOTE)):
        resolved.add((resolver.statement(CK.NarrativeStatement, str(quote)), RDF.type, CK.NarrativeStatement))
    for claim in sorted(set(curated.subjects(QUOTE, None)) | set(curated.subjects(FIGURE_QUOTE, None)), key=str):
        statements = [resolver.statement(claim, str(quote)) for quote in sorted(curated.objects(claim, QUOTE))]
        if not statements:
            raise AnchorError(f"{path}: claim {_local(claim)}: has ck:figureQuote but no ck:quote of its sentence")
        for statement in statements:
            resolved.add((claim, PROV.wasDerivedFrom, statement))
        for quote in sorted(curated.objects(claim, FIGURE_QUOTE)):
            resolved.add((claim, CK.statistic, resolver.figure(claim, str(quote), statements)))
    return resolved
