"""calckg: medical Q&A articles as a cited, validated RDF knowledge graph."""

__version__ = "0.1.0"
