"""IRIs of an article's nodes, minted in one place: the document graph (:mod:`calckg.graph`) and the semantic
layer ask here. IRIs derive from content (slugs, positions within a section), never from counters over a run, so
adding an article never renumbers another. (Related-question links, `…/related-link/<slug>`, are minted by
:mod:`calckg.related`; concept IRIs come from the vocabulary.)"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from calckg.model import Article, Reference, RelatedQuestion, Section, Statement
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.slugs import unique_slugs

INFERRED_GRAPH_PATH = "inferred"


def section_iri(article: str, slug: str) -> URIRef:
    """The IRI of the article's section with this slug (its statements are `<section>/<n>`)."""
    return URIRef(f"{article}/section/{slug}")


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

    def question(self) -> URIRef:
        """The article's own question (schema:mainEntity)."""
        return self.child("question")

    def answer(self) -> URIRef:
        return self.child("answer")

    def source(self) -> URIRef:
        """The source file the article was read from (prov:wasDerivedFrom)."""
        return self.child("source")

    def audience(self) -> URIRef:
        return self.child("audience")

    def section(self, section: Section) -> URIRef:
        return section_iri(self.root, section.slug)

    def section_by_slug(self, slug: str) -> URIRef:
        return section_iri(self.root, slug)

    def statement(self, section: Section, statement: Statement) -> URIRef:
        return self.child("section", section.slug, statement.order)

    def lead_in(self, section: Section, order: int) -> URIRef:
        """The lead-in statement (by its order in `section`) that a bullet continues."""
        return self.child("section", section.slug, order)

    @staticmethod
    def selector(statement: URIRef) -> URIRef:
        return URIRef(f"{statement}/selector")

    @staticmethod
    def citation(statement: URIRef, number: int) -> URIRef:
        return URIRef(f"{statement}/citation/{number}")

    @staticmethod
    def statistic(statement: URIRef, position: int) -> URIRef:
        return URIRef(f"{statement}/stat/{position}")

    @staticmethod
    def operand(statistic: URIRef, suffix: str) -> URIRef:
        """The first ("a") or second ("b") operand of a comparison statistic."""
        return URIRef(f"{statistic}{suffix}")

    def reference(self, reference: Reference | int) -> URIRef:
        number = reference if isinstance(reference, int) else reference.number
        return self.child("reference", number)

    def related_questions(self) -> dict[RelatedQuestion, URIRef]:
        slugs = unique_slugs([q.text for q in self.article.related_questions])
        return {q: self.child("related", slug) for q, slug in zip(self.article.related_questions, slugs, strict=True)}


def inferred_graph_iri(base: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base}{INFERRED_GRAPH_PATH}")
