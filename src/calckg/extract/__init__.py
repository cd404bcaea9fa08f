"""Claims extracted automatically from article text (kept apart from curated claims)."""

from calckg.extract.claims import extracted_graph, extracted_graph_iri

__all__ = ["extracted_graph", "extracted_graph_iri"]
