"""Cue words that change what a sentence claims, read from data/claim-cues.json: negation cues ("missed",
"without", "cannot", …) and hedges ("likely", "may", "approximately", …); the same lists the claim extractor reads.

The build marks every statement that contains a cue with `ck:hasPolarityCue` / `ck:hasHedgeCue` (the cue as
listed in the file), so the claim shapes (shapes/claims.ttl) can check claims against those marks in standard
SHACL without naming a single word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from calckg.errors import InputError
from calckg.input_checks import is_word_list
from calckg.namespaces import CK
from calckg.resources import data_dir

CUES_FILE = "claim-cues.json"
KINDS = {"negation": CK.hasPolarityCue, "hedge": CK.hasHedgeCue}


@dataclass(frozen=True)
class ClaimCues:
    patterns: tuple[tuple[URIRef, str, re.Pattern[str]], ...]
    not_negation: re.Pattern[str] | None = None
    """Phrases that hold a negation word but negate nothing ("with or without", "no more than")."""
    not_hedge: re.Pattern[str] | None = None
    """Phrases that hold a hedge word but hedge nothing ("came back less often", "a likely trigger")."""

    @cached_property
    def any_cue(self) -> dict[URIRef, re.Pattern[str]]:
        """Per kind, one pattern of all its cues: a statement it finds nothing in needs no cue-by-cue look (most do
        not: a statement's marks took 14 ms per article looked up cue by cue)."""
        cues: dict[URIRef, list[str]] = {}
        for prop, cue, _ in self.patterns:
            cues.setdefault(prop, []).append(cue)
        return {prop: cue_pattern(words) for prop, words in cues.items()}

    def marks(self, document: Graph) -> Graph:
        """`<statement> ck:hasPolarityCue "cue"` (and hedges) for every statement of `document` naming a cue."""
        graph = Graph(store="SimpleMemory")  # one graph, added to the article's at once
        for statement, text in document.subject_objects(CK.text):
            if (statement, RDF.type, CK.Statement) not in document:
                continue
            plain = str(text)
            read = {CK.hasPolarityCue: blank_out(plain, self.not_negation),
                    CK.hasHedgeCue: blank_out(plain, self.not_hedge)}
            kinds = {prop for prop, pattern in self.any_cue.items() if pattern.search(read.get(prop, plain))}
            for prop, cue, pattern in self.patterns:
                if prop in kinds and pattern.search(read.get(prop, plain)):
                    graph.add((statement, prop, Literal(cue)))
        return graph


def blank_out(text: str, phrases: re.Pattern[str] | None) -> str:
    """`text` with every match of `phrases` replaced by spaces (offsets kept): what a negation cue is looked for in."""
    return text if phrases is None else phrases.sub(lambda found: " " * len(found.group(0)), text)


def alternation(cues: Iterable[str]) -> str:
    """The cues as one regex alternation, longest first, any white space between their words; an empty list never
    matches (the cue readers of data/claim-cues.json all build their patterns from it)."""
    forms = sorted({cue for cue in cues if cue.strip()}, key=lambda c: (-len(c), c))
    return "|".join(r"\s+".join(re.escape(word) for word in cue.split()) for cue in forms) or "(?!)"


def cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of the cues as whole words, any white space between their words, ignoring case."""
    return re.compile(rf"(?<![\w-])(?:{alternation(cues)})(?![\w-])", re.IGNORECASE)


def _pattern(cue: str) -> re.Pattern[str]:
    return cue_pattern([cue])


def parse_cues(path: Path) -> ClaimCues:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: cannot read the claim cues: {error}") from None
    patterns = []
    for kind, prop in KINDS.items():
        cues = document.get(kind) if isinstance(document, dict) else None
        if not is_word_list(cues):
            raise InputError(f'{path}: "{kind}" needs a non-empty list of words or phrases')
        patterns.extend((prop, cue.strip().lower(), _pattern(cue.strip())) for cue in cues)
    not_negation, not_hedge, comparisons, relatives, modals = (_phrases(document, key, path) for key in (
        "not_negation", "not_hedge", "comparison_openers", "person_relatives", "ability_modals"))
    return ClaimCues(tuple(patterns), not_negation_pattern(not_negation, comparisons, document["negation"]),
                     not_hedge_pattern(not_hedge, relatives, modals))


def _phrases(document: dict, key: str, path: Path) -> list[str]:  # type: ignore[type-arg]
    """The optional list of phrases at `key` ([] when left out)."""
    phrases = document.get(key, [])
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
        raise InputError(f'{path}: "{key}" is a list of phrases (it may be left out)')
    return phrases


def not_negation_pattern(phrases: list[str], comparisons: Iterable[str] = (), negations: Iterable[str] = ()
                         ) -> re.Pattern[str] | None:  # fmt: skip
    """The not_negation phrases of data/claim-cues.json, every comparator of data/quantities.json written with "no"
    or "not" ("no larger than 15 mm" bounds the figure; it negates nothing), and a negation word of `negations` up
    to three words after a word of `comparisons` (comparison_openers), with no punctuation between: it describes the
    group compared with ("compared with men carrying neither variant", "versus those not treated"), as one pattern."""
    from calckg.ingest.quantities import shipped_lexicon  # the lexicon's module imports this one

    bounds = [word for word in shipped_lexicon().before if {"no", "not"} & set(word.split())]
    every = sorted({*phrases, *bounds})
    words = [w for w in negations if " " not in w.strip()]
    comparators = (rf"(?<![\w-])(?:{alternation(comparisons)})\s+(?:[^\W\d_]+\s+){{0,3}}(?:{alternation(words)})"
                   rf"(?![\w-])" if comparisons and words else "")
    return _phrases_or(every, comparators)


def not_hedge_pattern(phrases: list[str], relatives: Iterable[str] = (), modals: Iterable[str] = ()
                      ) -> re.Pattern[str] | None:  # fmt: skip
    """The not_hedge phrases of data/claim-cues.json, and a modal verb of `modals` (ability_modals: "can", "could")
    right after a word of `relatives` (person_relatives), one word allowed between, as one pattern: the modal says
    what the people of the group can do or be ("women who could become pregnant", "the proportion in whom PE could
    be excluded"), not how certain a figure is (method 107); "who may have DCIS" still hedges."""
    groups = (rf"(?<![\w-])(?:{alternation(relatives)})(?:\s+[\w'’-]+)?\s+(?:{alternation(modals)})(?![\w-])"
              if relatives and modals else "")
    return _phrases_or(phrases, groups)


def _phrases_or(phrases: Iterable[str], pattern: str) -> re.Pattern[str] | None:
    """The phrases as whole words (:func:`cue_pattern`) or `pattern` (a regex, "" for none), any case; None when
    both are empty."""
    every = list(phrases)
    if not pattern:
        return cue_pattern(every) if every else None
    return re.compile("|".join(filter(None, (cue_pattern(every).pattern if every else "", pattern))), re.IGNORECASE)


@cache
def default_cues() -> ClaimCues:
    return parse_cues(data_dir() / CUES_FILE)
