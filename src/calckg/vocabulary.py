"""The shipped vocabularies and the matchers built from them (the file-reading edge of concept linking).

Three layers, all data:
- the core vocabulary (data/vocab/core.ttl): general imaging, procedures, laboratory tests, drugs, substances and
  measures, matched in every article;
- domain packs (data/packs/<name>/, :mod:`calckg.packs`): a topic's concepts, matched only in articles in the
  pack's scope;
- the general vocabulary (data/vocab/general.tsv, derived from DO and HPO, :mod:`calckg.lexicon`): diseases and
  findings, matched in every article.
Where two layers match the same words, the longer match wins, then the pack, then the core, then the general
vocabulary. Core and pack concepts are declared in the vocabulary graph; a general concept an article mentions
is declared in that article's graph (:func:`calckg.concept_graph.general_concepts_graph`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef

from calckg.errors import InputError
from calckg.article_matcher import ArticleMatcher
from calckg.lexicon import Lexicon, general_lexicon
from calckg.match_rules import match_rules, vocab_dir
from calckg.link import ConceptMatcher, LayeredMatcher
from calckg.model import Article
from calckg.namespaces import CK
from calckg.packs import Pack, load_packs

__all__ = ["CORE_FILE", "ArticleLinker", "article_matcher", "default_linker", "default_matcher", "load_vocabulary", "packs_in_scope",
           "shipped_vocabulary", "vocabulary_files"]  # fmt: skip

CORE_FILE = "core.ttl"


def core_file() -> Path:
    return vocab_dir() / CORE_FILE


def vocabulary_files() -> tuple[Path, ...]:
    """The hand-made vocabulary files: the core, then every pack's (general.tsv is not Turtle)."""
    return (core_file(), *(path for pack in load_packs() for path in pack.vocabulary_files))


def _parse(graph: Graph, path: Path) -> Graph:
    try:
        return graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises parser-specific types
        raise InputError(f"{path}: not valid Turtle: {str(error).splitlines()[0]}") from None


def load_vocabulary() -> Graph:
    """A fresh graph holding the core vocabulary and every pack's vocabulary (callers may add to it)."""
    graph = Graph()
    for path in vocabulary_files():
        _parse(graph, path)
    return graph


@lru_cache(maxsize=1)
def shipped_vocabulary() -> Graph:
    """The core and every pack's vocabulary, parsed once per process and shared by its readers (the matcher, the
    concept hierarchy of answers and related questions): never add to it; :func:`load_vocabulary` gives a graph of
    one's own."""
    return load_vocabulary()


@lru_cache(maxsize=1)
def measure_concepts() -> frozenset[URIRef]:
    """The concepts the core and pack vocabularies type ck:Measure (sensitivity, mortality, prevalence …): what a
    figure measures, never what it is about (calckg.extract.claims)."""
    return frozenset(s for s in shipped_vocabulary().subjects(RDF.type, CK.Measure) if isinstance(s, URIRef))


@lru_cache(maxsize=1)
def core_matcher() -> ConceptMatcher:
    return ConceptMatcher.from_graph(_parse(Graph(), core_file()))


@lru_cache(maxsize=1)
def default_matcher() -> ConceptMatcher:
    """Core and every pack's concepts in one matcher, with no scope (questions, related-question ranking)."""
    return ConceptMatcher.from_graph(shipped_vocabulary())


def packs_in_scope(title: str, statements: Iterable[str]) -> tuple[Pack, ...]:
    texts = tuple(statements)
    return tuple(pack for pack in load_packs() if pack.in_scope(title, texts))


def article_texts(article: Article) -> tuple[str, tuple[str, ...]]:
    return article.title, tuple(s.text for _, s in article.statements)


@lru_cache(maxsize=16)
def _layered(pack_names: tuple[str, ...]) -> LayeredMatcher:
    packs = {pack.name: pack for pack in load_packs()}
    layers = [packs[name].matcher for name in pack_names]
    return LayeredMatcher((*layers, core_matcher(), general_lexicon().matcher))


def article_matcher(title: str, statements: Iterable[str]) -> LayeredMatcher:
    """The matcher for one article: the packs whose scope the article is in, the core and the general vocabulary.
    Built once per combination of packs."""
    return _layered(tuple(pack.name for pack in packs_in_scope(title, statements)))


class ArticleLinker:
    """Links each article with its own matcher (:func:`article_matcher`) and knows the general vocabulary, whose
    concepts an article graph declares itself."""

    def for_article(self, article: Article) -> ArticleMatcher:
        title, statements = article_texts(article)
        return ArticleMatcher(article_matcher(title, statements), (title, *statements), match_rules())

    @property
    def lexicon(self) -> Lexicon:
        return general_lexicon()


@lru_cache(maxsize=1)
def default_linker() -> ArticleLinker:
    return ArticleLinker()
