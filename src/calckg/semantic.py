"""The semantic layer added to each article graph: concept mentions found by the vocabulary matcher, the cue words
each statement contains (data/claim-cues.json), and the article's curated assertions (`<slug>.ttl` in a domain
pack's curated folder, or in `data/curated/`), anchored to quoted text (:mod:`calckg.anchors`)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node
from rdflib.namespace import SDO

from calckg.anchors import resolve_anchors
from calckg.claim_cues import default_cues
from calckg.errors import InputError
from calckg.ids import ArticleIris
from calckg.link import ConceptMatcher
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.resources import curated_dir


def mention_graph(iris: ArticleIris, matcher: ConceptMatcher) -> Graph:
    """`schema:mentions` from every statement, the article's question and each related question to the concepts
    its text names."""
    article = iris.article
    graph = Graph(store="SimpleMemory")  # one graph, added to the article's at once: no context bookkeeping
    texts: list[tuple[URIRef, str]] = [(iris.question(), article.title)]
    texts.extend((iris.statement(section, s), s.text) for section, s in article.statements)
    texts.extend((node, question.text) for question, node in iris.related_questions().items())
    for node, text in texts:
        for concept in matcher.concepts(text):
            graph.add((node, SDO.mentions, concept))
    return graph


def cue_graph(document: Graph) -> Graph:
    """`ck:hasPolarityCue` / `ck:hasHedgeCue` on every statement of `document` that contains a listed cue."""
    return default_cues().marks(document)


def _rebased(graph: Graph, base_iri: str) -> Graph:
    """Curated files use the default data namespace; a publisher's --base-iri moves their IRIs along."""
    if base_iri == DEFAULT_BASE_IRI:
        return graph

    def move(term: Node) -> Node:
        if isinstance(term, URIRef) and term.startswith(DEFAULT_BASE_IRI):
            return URIRef(base_iri + term[len(DEFAULT_BASE_IRI) :])
        return term

    moved = Graph()
    for s, p, o in graph:
        moved.add((move(s), p, move(o)))  # type: ignore[arg-type]
    return moved


def curated_folders() -> tuple[Path, ...]:
    """Where curated files are looked for: each domain pack's curated folder, then data/curated/."""
    from calckg.packs import load_packs

    return (*(p.curated_folder for p in load_packs() if p.curated_folder is not None), curated_dir())


def curated_files() -> list[Path]:
    return sorted(path for folder in curated_folders() if folder.is_dir() for path in folder.glob("*.ttl"))


def curated_graph(slug: str, document: Graph, base_iri: str = DEFAULT_BASE_IRI, folder: Path | None = None) -> Graph:
    """The article's curated assertions (the first `<slug>.ttl` of :func:`curated_folders`, or in `folder`) with
    their quotes resolved against its `document` graph, or an empty graph when it has none yet. A quote that names
    no statement (or several) is an InputError (exit 2)."""
    graph = Graph()
    path = next((f / f"{slug}.ttl" for f in ((folder,) if folder else curated_folders()) if (f / f"{slug}.ttl").is_file()),
                None)  # fmt: skip
    if path is None:
        return graph
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises parser-specific types
        raise InputError(f"{path}: not valid Turtle: {str(error).splitlines()[0]}") from None
    return resolve_anchors(_rebased(graph, base_iri), document, path)
