"""Page text → `calckg.model.Article`."""

from calckg.ingest.parser import parse_article
from calckg.ingest.reader import read_source, read_sources

__all__ = ["parse_article", "read_source", "read_sources"]
