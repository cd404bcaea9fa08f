"""Named paths and IRIs of the seed article, shared by tests (no bare IRIs repeated across tests)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "sources" / "what-are-microcalcifications-in-the-breast.txt"
SEED_IRI = "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"
