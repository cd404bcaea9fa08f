"""Loading the shipped SKOS vocabulary and building the concept matcher from it (the file-reading edge)."""

from __future__ import annotations

from functools import lru_cache

from rdflib import Graph

from calckg.link import ConceptMatcher
from calckg.resources import ontology_dir

__all__ = ["VOCABULARY_FILE", "load_vocabulary", "default_matcher"]

VOCABULARY_FILE = "vocabulary.ttl"


def load_vocabulary() -> Graph:
    """A fresh graph holding ontology/vocabulary.ttl (callers may add to it)."""
    return Graph().parse(ontology_dir() / VOCABULARY_FILE, format="turtle")


@lru_cache(maxsize=1)
def default_matcher() -> ConceptMatcher:
    """The matcher for the shipped vocabulary, built once per process (compiling it takes a few ms)."""
    return ConceptMatcher.from_graph(load_vocabulary())
