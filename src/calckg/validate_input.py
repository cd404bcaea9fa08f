"""RDF files given to `calckg validate`, read safely into one dataset."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, URIRef

from calckg import input_checks
from calckg.errors import InputError
from calckg.namespaces import bind_prefixes
from calckg.validate_engine import first_line

RDF_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
}



def read_files(paths: Iterable[Path]) -> Dataset:
    """Parse RDF files into one dataset; each single-graph file becomes a named graph called after the file.

    Refused (InputError naming the file): unknown extensions, RDF/XML with a DOCTYPE or ENTITY declaration
    (entity expansion attacks), JSON-LD whose @context or @import is a string (rdflib would fetch or open it).
    """
    dataset = Dataset()
    bind_prefixes(dataset)
    for path in paths:
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: unknown RDF file type; use one of {', '.join(sorted(RDF_FORMATS))}")
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        raw = path.read_bytes()
        # RDF/XML declares its own encoding; every other format is UTF-8 text
        text = raw.decode("utf-8", "replace") if fmt == "xml" else input_checks.text_of(path, raw)
        _refuse_unsafe(path, fmt, raw)
        try:
            if fmt in ("trig", "nquads"):
                dataset.parse(data=raw, format=fmt)
            else:
                dataset.graph(URIRef(path.resolve().as_uri())).parse(data=raw, format=fmt)
        except Exception as error:  # rdflib raises many parser exception types (RecursionError too)
            raise InputError(f"{path}: cannot be read as {fmt}: {first_line(error)}") from None
        input_checks.refuse_lone_surrogates(path, text, dataset)
    return dataset


def _refuse_unsafe(path: Path, fmt: str, raw: bytes) -> None:
    if fmt == "xml" and (b"<!DOCTYPE" in raw or b"<!ENTITY" in raw):
        raise InputError(f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)")
    if fmt == "json-ld":
        input_checks.refuse_deep_json(path, raw.decode("utf-8"))
        try:
            document = json.loads(raw)
        except ValueError as error:
            raise InputError(f"{path}: not valid JSON: {error}") from error
        if _has_remote_context(document):
            raise InputError(
                f"{path}: JSON-LD with a string @context or @import is refused (it would be fetched); "
                "inline the context object instead"
            )


def _has_remote_context(node: object) -> bool:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("@context", "@import") and _names_document(value):
                return True
            if _has_remote_context(value):
                return True
    elif isinstance(node, list):
        return any(_has_remote_context(item) for item in node)
    return False


def _names_document(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, str) for v in value))
