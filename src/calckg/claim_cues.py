"""Cue words that change what a sentence claims, read from data/claim-cues.json: negation cues ("missed",
"without", "cannot", …) and hedges ("likely", "may", "approximately", …); the same lists the claim extractor reads.

The build marks every statement that contains a cue with `ck:hasPolarityCue` / `ck:hasHedgeCue` (the cue as
listed in the file), so the claim shapes (shapes/claims.ttl) can check claims against those marks in standard
SHACL without naming a single word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from calckg.errors import InputError
from calckg.namespaces import CK
from calckg.resources import data_dir

CUES_FILE = "claim-cues.json"
KINDS = {"negation": CK.hasPolarityCue, "hedge": CK.hasHedgeCue}


@dataclass(frozen=True)
class ClaimCues:
    patterns: tuple[tuple[URIRef, str, re.Pattern[str]], ...]

    def marks(self, document: Graph) -> Graph:
        """`<statement> ck:hasPolarityCue "cue"` (and hedges) for every statement of `document` naming a cue."""
        graph = Graph()
        for statement, text in document.subject_objects(CK.text):
            if (statement, RDF.type, CK.Statement) not in document:
                continue
            for prop, cue, pattern in self.patterns:
                if pattern.search(str(text)):
                    graph.add((statement, prop, Literal(cue)))
        return graph


def _pattern(cue: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in cue.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.IGNORECASE)


def parse_cues(path: Path) -> ClaimCues:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the claim cues: {error}") from None
    patterns = []
    for kind, prop in KINDS.items():
        cues = document.get(kind) if isinstance(document, dict) else None
        if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
            raise InputError(f'{path}: "{kind}" needs a non-empty list of words or phrases')
        patterns.extend((prop, cue.strip().lower(), _pattern(cue.strip())) for cue in cues)
    return ClaimCues(tuple(patterns))


@cache
def default_cues() -> ClaimCues:
    return parse_cues(data_dir() / CUES_FILE)
