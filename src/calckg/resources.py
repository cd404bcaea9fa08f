"""The one module that knows where calckg's data folders live.

Data (ontology, vocabulary, shapes, queries, JSON-LD context, curated assertions) sits in the repository's
top-level folders; an installed package finds them through the CALCKG_HOME environment variable or the
checkout it was installed from (editable install).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The folder holding ontology/, shapes/, queries/ and data/."""
    configured = os.environ.get("CALCKG_HOME")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2]


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return project_root() / "shapes"


def queries_dir() -> Path:
    return project_root() / "queries"


def data_dir() -> Path:
    return project_root() / "data"


def sources_dir() -> Path:
    return data_dir() / "sources"


def curated_dir() -> Path:
    return data_dir() / "curated"


def context_file() -> Path:
    """The JSON-LD context shipped with the repository (never fetched)."""
    return ontology_dir() / "context.jsonld"
