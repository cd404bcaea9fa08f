"""All IRI minting in one place. IRIs derive from content (slugs, positions within a section), never from
counters over a run, so adding an article never renumbers another."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from calckg.model import Article, Reference, RelatedQuestion, Section, Statement
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.slugs import unique_slugs

INFERRED_GRAPH_PATH = "inferred"


@dataclass(frozen=True)
class ArticleIris:
    """IRIs of one article's nodes under `base` (default `https://w3id.org/calckg/id/`)."""

    article: Article
    base: str = DEFAULT_BASE_IRI

    @property
    def root(self) -> URIRef:
        return URIRef(f"{self.base}{self.article.slug}")

    def child(self, *parts: str | int) -> URIRef:
        return URIRef("/".join([str(self.root), *map(str, parts)]))

    def section(self, section: Section) -> URIRef:
        return self.child("section", section.slug)

    def section_by_slug(self, slug: str) -> URIRef:
        return self.child("section", slug)

    def statement(self, section: Section, statement: Statement) -> URIRef:
        return self.child("section", section.slug, statement.order)

    def reference(self, reference: Reference | int) -> URIRef:
        number = reference if isinstance(reference, int) else reference.number
        return self.child("reference", number)

    def related_questions(self) -> dict[RelatedQuestion, URIRef]:
        slugs = unique_slugs([q.text for q in self.article.related_questions])
        return {q: self.child("related", slug) for q, slug in zip(self.article.related_questions, slugs, strict=True)}


def inferred_graph_iri(base: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base}{INFERRED_GRAPH_PATH}")
