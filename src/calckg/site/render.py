"""Jinja2 templates (`templates/`) and the few filters they use; every page is rendered to UTF-8 bytes.

Jinja2 autoescapes every value, so article text, messages and labels can never become markup.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from calckg.site import graph_data

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@cache
def _code_prefixes() -> list[tuple[str, str]]:
    document = json.loads((HERE / "code-systems.json").read_text(encoding="utf-8"))
    return sorted(document["prefixes"].items(), key=lambda item: -len(item[0]))


def code_name(iri: str) -> str:
    """A code IRI as "SYSTEM code" (e.g. NCIt C2924), from `code-systems.json`; unknown systems as the IRI."""
    for prefix, system in _code_prefixes():
        if iri.startswith(prefix) and len(iri) > len(prefix):
            code = iri[len(prefix):]
            return f"{system} {'C' + code if system == 'NCIt' and code.isdigit() else code}"
    return iri


def shape_words(name: str) -> str:
    """A shape's local name in words: "CitationResolvesShape" → "Citation resolves"."""
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", re.sub(r"Shape$", "", name))
    text = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)
    return text[:1].upper() + text[1:] if text else name


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.ChainableUndefined,  # a field another stage drops renders empty instead of failing
    )
    env.filters["code_name"] = code_name
    env.filters["shape_words"] = shape_words
    return env


def render(template: str, **context: Any) -> bytes:
    return environment().get_template(template).render(**context).encode("utf-8")


def static_files() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every file under `static/`, sorted."""
    return [(p.name, p.read_bytes()) for p in sorted(STATIC.iterdir()) if p.is_file()]


def site_files() -> list[Path]:
    """Every file that shapes the site besides the graph (code, templates, static files, data, and its queries in
    queries/site/)."""
    own = sorted(p for p in HERE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return own + graph_data.query_files()
