"""Named paths and IRIs of the seed article, shared by tests (no bare IRIs repeated across tests), and a build of the
seed beside another article."""

import shutil
from pathlib import Path

import pytest

from calckg.pipeline import BuildOptions, BuildResult, build

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
