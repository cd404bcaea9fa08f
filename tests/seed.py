"""Named paths and IRIs of the seed article, shared by tests (no bare IRIs repeated across tests), a build of the
seed beside another article, and the claims extracted from the seed with one sentence replaced."""

import shutil
from pathlib import Path

import pytest

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from calckg.extract.claims import extracted_graph
from calckg.ingest import parse_article
from calckg.namespaces import DEFAULT_BASE_IRI
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.vocabulary import default_linker

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "what-are-microcalcifications-in-the-breast.txt"
SEED_IRI = "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"
ARTICLES = ROOT / "tests" / "data" / "articles"
"""Illustrative test articles (not the seed), each with the concepts, claims and questions expected of it."""
THYROID = ARTICLES / "how-are-thyroid-nodules-evaluated.txt"
THYROID_IRI = "https://w3id.org/calckg/id/how-are-thyroid-nodules-evaluated"
ONTOLOGY_IRI = "https://w3id.org/calckg/ontology"
VOCABULARY_IRI = "https://w3id.org/calckg/concept/"
INFERRED_IRI = "https://w3id.org/calckg/id/inferred"


def build_beside_seed(tmp_path_factory: pytest.TempPathFactory, article: Path) -> BuildResult:
    """A build of the seed and `article` side by side."""
    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(SEED, sources)
    shutil.copy(article, sources)
    return build(BuildOptions(sources, tmp_path_factory.mktemp("out")), lambda message: None)


def seed_claims_with(text: str) -> tuple[Graph, list[URIRef]]:
    """The extracted claims of the seed with its first mammography sentence replaced by `text` (ending " 1", its
    citation), and the claims of that sentence."""
    old = ("Mammography is the primary and most reliable tool for detecting breast microcalcifications, with "
           "sensitivity superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection). 1")
    source = SEED.read_text(encoding="utf-8")
    assert old in source
    article = parse_article(SEED, source.replace(old, text))
    graph = extracted_graph(article, DEFAULT_BASE_IRI, default_linker().for_article(article), ())
    return graph, list(graph.subjects(RDFS.label, Literal(text.removesuffix(" 1"), lang="en")))
