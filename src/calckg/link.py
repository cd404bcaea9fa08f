"""Deterministic concept matcher: text → the vocabulary concepts it mentions.

Why it works this way:
- Labels (skos:prefLabel, altLabel, hiddenLabel) are split into word and number tokens and compiled, once, into a
  regular expression shaped as a token trie, so shared prefixes ("fine pleomorphic", "fine linear …") are tried
  once and the scan runs in C. Case-insensitive labels are matched against the lower-cased text (several times
  faster than a case-insensitive regex); abbreviations have a second, small case-sensitive regex. This keeps it
  well above 20k statements/s.
- Between two words of a label the text may use a space, a hyphen of any kind (including U+2011) or a
  non-breaking space; between a word and a number the separator may also be absent ("HER2" = "HER-2").
- The last word of a label may be plural (-s, -es, -y → -ies). Nothing else is stemmed.
- Short all-capital abbreviations (≤ 5 characters: "US", "CC", "DCIS", "HER-2") match case-sensitively, so
  "us" or "cc" in prose match nothing; every other label matches case-insensitively.
- Matches never overlap; at each position the longest label wins ("fine pleomorphic calcifications" beats
  "calcifications"), and only whole words match ("urine calcium" never yields "calcium", and "calcium" never
  matches inside "hypocalciuric"); a label never starts at the tail of a hyphenated compound ("sensitivity" in
  "high-sensitivity CRP"), while a compound's head still names its concept ("microcalcification-associated").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

__all__ = ["COMPOUND_HYPHENS", "ConceptMatch", "ConceptMatcher", "LabelConflict", "LayeredMatcher", "Matcher", "label_tokens", "plural_variants"]

_LABEL_PREDICATES = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_SPACES = re.compile(r"\s")
_HYPHEN_FORMS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": "\u2013", "\u2012": "\u2013"})
"""Labels are matched in the text with every space written " " and every hyphen "-" (the hyphens of compounds,
COMPOUND_HYPHENS) or "\u2013" (soft hyphen, figure dash, en dash): one character for one, so offsets hold, and the
separators of the label regex need no character classes: compiling it for the shipped vocabulary took 0.23 s
with them, 0.07 s without (once per process, and every `calckg answer` is a process)."""
# between two words: spaces, or a hyphen optionally surrounded by spaces
_SEP_WORDS = "(?: *[-\u2013] *| +)"
# between a word and a number the separator may be absent
_SEP_NUMBER = _SEP_WORDS + "?"
# a label starts a word that is not the tail of a hyphenated compound: "sensitivity" in "high-sensitivity CRP"
# is no diagnostic sensitivity, "diabetic" in "non-diabetic" no diabetes, "eclampsia" in "pre-eclampsia" no
# eclampsia (a compound the vocabulary has as a label still matches whole)
COMPOUND_HYPHENS = "-\u2010\u2011"
_START = rf"(?<!\w)(?<!\w[{re.escape(COMPOUND_HYPHENS)}])"
_MAX_ABBREVIATION = 5
_NOTHING = "(?!)"
_CACHE_LIMIT = 50_000

_Key = tuple[str, ...]


class LabelConflict(ValueError):
    """Two concepts share a label (after plural and case folding), so a match would be ambiguous."""


@dataclass(frozen=True)
class ConceptMatch:
    """One mention: ``text[start:end]`` mentions ``concept``; ``label`` is the vocabulary label that matched."""

    concept: URIRef
    label: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class _Entry:
    concept: URIRef
    label: str


class _Trie:
    __slots__ = ("children", "terminal")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.terminal = False

    def insert(self, tokens: _Key) -> None:
        node = self
        for token in tokens:
            node = node.children.setdefault(token, _Trie())
        node.terminal = True

    def pattern(self) -> str:
        """Regex for the label token sequences below this node; longer alternatives first (greedy = longest)."""
        return self._alternatives(previous=None)

    def _alternatives(self, previous: str | None) -> str:
        parts = []
        for token in sorted(self.children, key=lambda t: (-len(t), t)):
            child = self.children[token]
            separator = "" if previous is None else _separator(previous, token)
            body = separator + re.escape(token)
            if child.children:
                tail = child._alternatives(previous=token)
                body += f"(?:{tail})" + ("?" if child.terminal else "")
            parts.append(body)
        return "(?:" + "|".join(parts) + ")"


def _separator(previous: str, token: str) -> str:
    return _SEP_WORDS if previous.isalpha() and token.isalpha() else _SEP_NUMBER


def label_tokens(label: str) -> _Key:
    return tuple(_TOKEN.findall(label))


def _is_abbreviation(label: str) -> bool:
    letters = [ch for ch in label if ch.isalpha()]
    return bool(letters) and len(label) <= _MAX_ABBREVIATION and all(ch.isupper() for ch in letters)


def plural_variants(word: str) -> tuple[str, ...]:
    """The word and its regular English plural (lower case); numbers and very short words stay as they are."""
    if not word.isalpha() or len(word) < 3:
        return (word,)
    if word.endswith("y") and word[-2] not in "aeiou":
        return (word, word[:-1] + "ies")
    if word.endswith("is"):
        return (word, word[:-2] + "es")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return (word, word + "es")
    return (word, word + "s")


class ConceptMatcher:
    """Finds vocabulary concepts in text. Build once (``from_graph``), then call ``match`` many times."""

    def __init__(self, labels: Iterable[tuple[URIRef, str]]) -> None:
        """``labels``: (concept, label) pairs; when two labels of one concept match the same words, the earlier
        one is reported (``from_graph`` puts prefLabels first)."""
        self._folded: dict[_Key, _Entry] = {}
        self._exact: dict[_Key, _Entry] = {}
        folded_trie, exact_trie = _Trie(), _Trie()
        for concept, label in dict.fromkeys(labels):
            tokens = label_tokens(label)
            if not tokens:
                continue
            if _is_abbreviation(label):
                variants = [tokens, (*tokens[:-1], tokens[-1] + "s")] if tokens[-1].isalpha() else [tokens]
                self._register(self._exact, exact_trie, variants, _Entry(concept, label))
            else:
                lowered = tuple(t.lower() for t in tokens)
                variants = [(*lowered[:-1], last) for last in plural_variants(lowered[-1])]
                self._register(self._folded, folded_trie, variants, _Entry(concept, label))
        self._folded_pattern = folded_trie.pattern() if folded_trie.children else _NOTHING
        # matched against the lower-cased text: much faster than a case-insensitive regex
        self._folded_regex = re.compile(rf"{_START}{self._folded_pattern}(?!\w)")
        self._folded_any_case: re.Pattern[str] | None = None
        exact_pattern = exact_trie.pattern() if exact_trie.children else _NOTHING
        # an abbreviation glued to a dollar sign is a currency ("US$", "A$"), not the abbreviation
        self._exact_regex = re.compile(rf"{_START}{exact_pattern}(?![\w$])")
        self._cache: dict[tuple[bool, str], _Entry] = {}

    @staticmethod
    def _register(index: dict[_Key, _Entry], trie: _Trie, variants: list[_Key], entry: _Entry) -> None:
        for key in variants:
            known = index.get(key)
            if known is not None and known.concept != entry.concept:
                raise LabelConflict(
                    f"label {entry.label!r} of {entry.concept} matches the same words as {known.label!r} of "
                    f"{known.concept}; give one of them a different label"
                )
            if known is None:  # the first label given wins, so the caller controls which label is reported
                index[key] = entry
            trie.insert(key)

    @classmethod
    def from_graph(cls, graph: Graph) -> ConceptMatcher:
        """Collect English (or untagged) SKOS labels of every skos:Concept in ``graph``, in a fixed order:
        by concept, then prefLabel before altLabel before hiddenLabel, then alphabetically."""
        return cls(_concept_labels(graph))

    def __len__(self) -> int:
        """Number of distinct label variants the matcher knows."""
        return len(self._folded) + len(self._exact)

    def match(self, text: str) -> tuple[ConceptMatch, ...]:
        """Every concept mention in ``text``, in order of position, non-overlapping, longest first."""
        return tuple(self._iter(text))

    def concepts(self, text: str) -> frozenset[URIRef]:
        """The set of concepts mentioned in ``text``."""
        return frozenset(m.concept for m in self._iter(text))

    def _iter(self, text: str) -> Iterator[ConceptMatch]:
        written = _SPACES.sub(" ", text).translate(_HYPHEN_FORMS)  # one character for one: the offsets hold
        lowered = written.lower()
        if len(lowered) == len(written):
            folded = self._folded_regex.finditer(lowered)
        else:  # a few characters change length when lower-cased; fall back to a case-insensitive regex
            folded = self._any_case_regex().finditer(written)
        found = [(m.start(), m.end(), False) for m in folded]
        found += [(m.start(), m.end(), True) for m in self._exact_regex.finditer(written)]
        if len(found) > 1:
            found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last_end = -1
        for start, end, exact in found:
            if start < last_end:  # overlaps a match already taken (earlier, or as early and longer)
                continue
            last_end = end
            entry = self._entry(text[start:end], exact)
            yield ConceptMatch(entry.concept, entry.label, start, end)

    def _entry(self, surface: str, exact: bool) -> _Entry:
        cached = self._cache.get((exact, surface))
        if cached is not None:
            return cached
        if exact:
            entry = self._exact[label_tokens(surface)]
        else:
            entry = self._folded[tuple(t.lower() for t in label_tokens(surface))]
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[(exact, surface)] = entry
        return entry

    def _any_case_regex(self) -> re.Pattern[str]:
        if self._folded_any_case is None:
            self._folded_any_case = re.compile(rf"{_START}(?i:{self._folded_pattern})(?!\w)")
        return self._folded_any_case


def _concept_labels(graph: Graph) -> list[tuple[URIRef, str]]:
    ranked: list[tuple[URIRef, int, str]] = []
    for concept in graph.subjects(RDF.type, SKOS.Concept, unique=True):
        if not isinstance(concept, URIRef):
            continue
        for rank, predicate in enumerate(_LABEL_PREDICATES):
            for label in graph.objects(concept, predicate):
                if isinstance(label, Literal) and label.language in (None, "en"):
                    ranked.append((concept, rank, str(label)))
    return [(concept, label) for concept, _, label in sorted(ranked)]


class Matcher(Protocol):
    """What concept linking needs of a matcher (:class:`ConceptMatcher`, :class:`calckg.lexicon.LexiconMatcher`)."""

    def match(self, text: str) -> tuple[ConceptMatch, ...]: ...


class LayeredMatcher:
    """Several matchers as one: every layer's matches, then at each position the longest match, and among equally
    long ones the earliest layer's; matches never overlap."""

    def __init__(self, layers: Iterable[Matcher]) -> None:
        self.layers = tuple(layers)

    def match(self, text: str) -> tuple[ConceptMatch, ...]:
        found = [(m.start, -m.end, rank, m) for rank, layer in enumerate(self.layers) for m in layer.match(text)]
        found.sort(key=lambda item: item[:3])
        taken: list[ConceptMatch] = []
        last_end = -1
        for start, _, _, match in found:
            if start >= last_end:
                taken.append(match)
                last_end = match.end
        return tuple(taken)

    def concepts(self, text: str) -> frozenset[URIRef]:
        return frozenset(m.concept for m in self.match(text))
