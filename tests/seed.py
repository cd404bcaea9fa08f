"""Named paths and IRIs of the seed article, shared by tests (no bare IRIs repeated across tests)."""

from pathlib import Path

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
