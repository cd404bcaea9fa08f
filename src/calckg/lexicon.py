"""The general vocabulary (data/vocab/general.tsv, derived from DO and HPO) as a fast label index and matcher.

Why not Turtle and the regex matcher of :mod:`calckg.link`: the general vocabulary holds about 30,000 concepts and
90,000 label variants. Parsing them with rdflib takes tens of seconds and a regular expression over them takes
seconds to compile, in every worker. Here the TSV is read once per process (about a tenth of a second), only the
label columns are indexed, and a concept's other columns are parsed when a text mentions it.

Matching follows the rules of :class:`calckg.link.ConceptMatcher`: whole words, longest match first, no overlaps,
the last word may be plural, words may be joined by spaces or hyphens (or nothing between a word and a number),
short all-capital labels match case-sensitively. Three more, for the big vocabulary's wordings: an apostrophe joins
words ("Bell's palsy"), letters match without their diacritics ("Guillain-Barré" = "Guillain-Barre"), and a word is
also read in its American spelling ("hyperkalaemia" = "Hyperkalemia"). The rules that keep a big vocabulary from matching
ordinary words (minimum length, stop list, abbreviation length) are data: data/vocab/match-rules.json, read by
calckg.match_rules.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import URIRef

from calckg.errors import InputError
from calckg.link import COMPOUND_HYPHENS, ConceptMatch, label_tokens, plural_variants
from calckg.namespaces import CONCEPT
from calckg.match_rules import RULES_FILE, MatchRules, vocab_dir
from calckg.word_files import american_spellings

__all__ = ["GeneralConcept", "Lexicon", "LexiconMatcher", "general_lexicon"]

GENERAL_FILE = "general.tsv"
INDEX_FILE = "general-index.tsv"
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_GAP = re.compile(r"[\s\u00a0]*(?:[\-\u00ad\u2010\u2011\u2012\u2013][\s\u00a0]*)?|['\u2019]")
UMLS_CUI = "/umls/id/C"
"""Part of the IRI of a UMLS concept in general.tsv's mappings (http://linkedlifedata.com/resource/umls/id/C…)."""
INDEX_FORMAT = "2"  # bump when the way keys are made changes, so a stored index is rebuilt
SPELLED_FROM = 5
"""A word this long or longer is also looked up in its American spelling (calckg.word_files)."""
SPELLED_SPAN = 8
"""A label's words are read in their American spellings from a word when one of the next this many words has one."""
_END = ""  # trie key of the entry stored at a node (no token is empty)


@dataclass(frozen=True)
class GeneralConcept:
    """One concept of general.tsv, parsed on demand."""

    slug: str
    source_id: str
    kind: str
    pref_label: str
    labels: tuple[str, ...]
    broader: tuple[str, ...]
    exact_match: tuple[str, ...]
    close_match: tuple[str, ...]
    definition: str

    @property
    def iri(self) -> URIRef:
        return CONCEPT[self.slug]


def fold(word: str) -> str:
    """Lower case without diacritics ("Barré" → "barre"), as the index keys are made."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    folded = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode("ascii")
    return folded or lowered


def _cuis(concept: GeneralConcept) -> list[str]:
    """The UMLS concepts among the concept's mappings."""
    return [iri for iri in (*concept.exact_match, *concept.close_match) if UMLS_CUI in iri]


def _split(field: str) -> tuple[str, ...]:
    return tuple(field.split("|")) if field else ()


class LexiconMatcher:
    """Finds the concepts of a label index in text. Keys are a label's words joined by single spaces (lower-cased
    unless the label is an abbreviation); from each word of the text the key grows word by word while it is a
    known prefix, and the longest key that is a label wins. The index is flat (keys, prefixes), so it is stored
    as a TSV file and loaded in a few hundredths of a second (:data:`INDEX_FILE`)."""

    def __init__(self) -> None:
        self._entries: tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]] = ({}, {})
        self._prefixes: tuple[set[str], set[str]] = (set(), set())
        self._spellings: dict[str, str] = {}

    @classmethod
    def build(cls, labels: Iterable[tuple[str, str]], rules: MatchRules) -> LexiconMatcher:
        """``labels``: (concept slug, label) pairs; the first concept to claim a label's words keeps them."""
        matcher = cls()
        for slug, label in labels:
            abbreviation = rules.is_abbreviation(label)
            if not rules.accepts(label, abbreviation):
                continue
            tokens = label_tokens(label)
            if not tokens:
                continue
            if abbreviation:
                variants = [tokens, (*tokens[:-1], tokens[-1] + "s")] if tokens[-1].isalpha() else [tokens]
            else:
                lowered = tuple(fold(t) for t in tokens)
                variants = [(*lowered[:-1], last) for last in plural_variants(lowered[-1])]
            for key in variants:
                matcher.add(abbreviation, key, slug, label)
        return matcher

    def add(self, exact: bool, key: tuple[str, ...], slug: str, label: str) -> None:
        entries, prefixes = self._entries[exact], self._prefixes[exact]
        joined = " ".join(key)
        if joined not in entries:
            entries[joined] = (slug, label)
        for end in range(1, len(key)):
            prefixes.add(" ".join(key[:end]))

    def __len__(self) -> int:
        return len(self._entries[0]) + len(self._entries[1])

    def to_lines(self) -> Iterator[str]:
        """The index as six tab-separated lines (read back with a few C-level calls): for folded and then exact
        labels, the sorted keys, their (slug, label) pairs, and the prefixes."""
        for exact in (False, True):
            keys = sorted(self._entries[exact])
            yield "\t".join(keys)
            yield "\t".join(f"{slug}\t{label}" for slug, label in (self._entries[exact][key] for key in keys))
            yield "\t".join(sorted(self._prefixes[exact]))

    @classmethod
    def from_lines(cls, lines: list[str]) -> LexiconMatcher:
        matcher = cls()
        for exact, first in ((False, 0), (True, 3)):
            keys, values, prefixes = (lines[first + i].split("\t") if lines[first + i] else [] for i in range(3))
            matcher._entries[exact].update(zip(keys, zip(values[0::2], values[1::2], strict=True), strict=True))
            matcher._prefixes[exact].update(prefixes)
        return matcher

    def match(self, text: str) -> tuple[ConceptMatch, ...]:
        return tuple(self._iter(text))

    def concepts(self, text: str) -> frozenset[URIRef]:
        return frozenset(m.concept for m in self._iter(text))

    def _iter(self, text: str) -> Iterator[ConceptMatch]:
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        count = len(tokens)
        joined = [i > 0 and _GAP.fullmatch(text, tokens[i - 1][1], tokens[i][0]) is not None for i in range(count)]
        glued = [i > 0 and tokens[i - 1][1] == tokens[i][0] for i in range(count)] + [False]
        # a label never starts at the tail of a hyphenated compound ("non-diabetic"), as in calckg.link
        tails = [i > 0 and len(gap := text[tokens[i - 1][1] : tokens[i][0]]) == 1 and gap in COMPOUND_HYPHENS
                 for i in range(count)]  # fmt: skip
        lowered = [fold(token[2]) for token in tokens]
        known = self._spellings
        spelled = [known.get(word) or self._spelled(word) for word in lowered]
        respelled = [n for n in range(count) if spelled[n] != lowered[n]]  # most texts: none
        words = [token[2] for token in tokens]
        position = 0
        while position < count:
            best = None
            if not glued[position] and not tails[position]:  # nor inside a word-number run ("HER2" is not "2")
                ahead = bisect_left(respelled, position)
                spelling = ahead < len(respelled) and respelled[ahead] < position + SPELLED_SPAN
                for exact, forms in ((False, lowered), (False, spelled), (True, words)) if spelling else (
                        (False, lowered), (True, words)):
                    found = self._longest(exact, forms, joined, glued, position)
                    if found is not None and (best is None or found[0] > best[0]):
                        best = found
            if best is None:
                position += 1
                continue
            last, (slug, label) = best
            yield ConceptMatch(CONCEPT[slug], label, tokens[position][0], tokens[last][1])
            position = last + 1

    def _spelled(self, word: str) -> str:
        """The word's American spelling (:func:`calckg.word_files.american_spellings`) that the index knows as a
        label's word, else the word: labels are mostly American, articles often British ("oesophageal cancer" is
        "esophageal cancer"; "oesophageal" alone is a word of other labels, so both forms are tried). Words shorter
        than :data:`SPELLED_FROM` are taken as written ("does" is no "des")."""
        if word not in self._spellings:
            known = self._prefixes[False], self._entries[False]
            self._spellings[word] = word if len(word) < SPELLED_FROM or not word.isalpha() else next(
                (other for other in american_spellings(word) if other in known[0] or other in known[1]), word)
        return self._spellings[word]

    def _longest(self, exact: bool, forms: list[str], joined: list[bool], glued: list[bool],
                 start: int) -> tuple[int, tuple[str, str]] | None:
        entries, prefixes = self._entries[exact], self._prefixes[exact]
        best, index, key = None, start, forms[start]
        while True:
            entry = entries.get(key)
            if entry is not None and not glued[index + 1]:
                best = (index, entry)
            index += 1
            if index >= len(forms) or not joined[index] or key not in prefixes:
                return best
            key = f"{key} {forms[index]}"


class Lexicon:
    """general.tsv: concepts by slug (parsed on demand) and the matcher over their labels, loaded from the index
    file when it was made from the same general.tsv and match rules (else rebuilt in memory)."""

    def __init__(self, path: Path, rules_path: Path, index_path: Path | None = None) -> None:
        try:
            text = path.read_bytes()
        except OSError as error:
            raise InputError(f"{path}: cannot read the general vocabulary ({error.strerror})") from None
        self.path = path
        self._rows: dict[str, str] = {}
        lines = text.decode("utf-8").splitlines()
        for number, line in enumerate(lines[1:], start=2):
            slug, _, rest = line.partition("\t")
            if rest.count("\t") < 4:
                raise InputError(f"{path}:{number}: expected 9 tab-separated columns")
            self._rows[slug] = line
        self.inputs = {path.name: _sha256(text), rules_path.name: _sha256(_read(rules_path))}
        self._rules_path = rules_path
        index = _load_index(index_path, self.inputs) if index_path is not None else None
        if index is None:
            index = self.build_matcher(MatchRules.load(rules_path))
        self.matcher = index

    def build_matcher(self, rules: MatchRules) -> LexiconMatcher:
        """Index every label: preferred labels first (they claim their words before synonyms do), in file order
        (DO rows before HPO rows), then the match rules' added labels, then the labels' variants (match rules'
        `label_variants`); a label the match rules reject for its concept is none."""
        preferred: list[tuple[str, str]] = []
        synonyms: list[tuple[str, str]] = []
        for slug, line in self._rows.items():
            fields = line.split("\t", 5)
            preferred.append((slug, fields[3]))
            synonyms.extend((slug, other) for other in _split(fields[4]))
        unknown = sorted({slug for slug, _ in [*rules.added_labels, *rules.rejected_labels]} - set(self._rows))
        if unknown:
            raise InputError(f"{self._rules_path}: added_labels or rejected_labels name concepts {self.path.name} "
                             f"does not have: {', '.join(unknown)}")
        synonyms.extend(rules.added_labels)
        kept = [(slug, label) for slug, label in preferred + synonyms if (slug, label.lower()) not in rules.rejected_labels]
        variants = [(slug, form) for slug, label in kept for form in rules.variants(label)]
        return LexiconMatcher.build(kept + variants, rules)  # a label's words before a variant's

    def hidden_labels(self, slug: str) -> tuple[str, ...]:
        """The label variants (match rules' `label_variants`) by which the matcher finds this concept, for
        skos:hiddenLabel: "cardiovascular disease" of "cardiovascular system disease"."""
        concept = self.concept(slug)
        forms = (f for label in (concept.pref_label, *concept.labels) for f in self._rules.variants(label))
        return tuple(sorted({f for f in forms if self.matcher.concepts(f) == {concept.iri}}))

    @cached_property
    def _rules(self) -> MatchRules:
        return MatchRules.load(self._rules_path)

    def __contains__(self, concept: object) -> bool:
        return isinstance(concept, URIRef) and concept.startswith(CONCEPT) and str(concept)[len(CONCEPT):] in self._rows

    @property
    def slugs(self) -> dict[str, str]:
        """slug → its raw row (membership tests)."""
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def concept(self, slug: str) -> GeneralConcept:
        fields = self._rows[slug].split("\t")
        fields += [""] * (9 - len(fields))
        return GeneralConcept(fields[0], fields[1], fields[2], fields[3], _split(fields[4]), _split(fields[5]),
                              _split(fields[6]), _split(fields[7]), fields[8])  # fmt: skip

    def equivalents(self, slug: str) -> tuple[str, ...]:
        """The other concepts that share a UMLS concept (CUI) with `slug` among their mappings: one meaning in two
        source ontologies ("Hypoglycemia" of HPO and "hypoglycemia" of DO), in file order."""
        cuis = _cuis(self.concept(slug))
        return tuple(dict.fromkeys(other for cui in cuis for other in self._by_cui.get(cui, ()) if other != slug))

    @cached_property
    def _by_cui(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for slug in self._rows:
            for cui in _cuis(self.concept(slug)):
                found.setdefault(cui, []).append(slug)
        return {cui: tuple(slugs) for cui, slugs in found.items()}

    def ancestors(self, slug: str) -> list[str]:
        """`slug`'s broader concepts, transitively, in a fixed order (breadth first, then by slug)."""
        seen: dict[str, None] = {}
        frontier = [slug]
        while frontier:
            following: list[str] = []
            for current in frontier:
                for parent in self.concept(current).broader:
                    if parent in self._rows and parent not in seen and parent != slug:
                        seen[parent] = None
                        following.append(parent)
            frontier = sorted(following)
        return list(seen)


@lru_cache(maxsize=1)
def general_lexicon() -> Lexicon:
    """The shipped general vocabulary, read once per process."""
    folder = vocab_dir()
    return Lexicon(folder / GENERAL_FILE, folder / RULES_FILE, folder / INDEX_FILE)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_index(path: Path, inputs: dict[str, str]) -> LexiconMatcher | None:
    """The stored index, or None when it is missing or was made from other inputs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return None
    if len(lines) != 7 or lines[0] != _index_header(inputs):
        return None
    return LexiconMatcher.from_lines(lines[1:])


def _index_header(inputs: dict[str, str]) -> str:
    return f"# calckg label index (format {INDEX_FORMAT}) of " + " ".join(f"{name} sha256:{digest}" for name, digest in sorted(inputs.items()))


def write_index(folder: Path) -> Path:
    """(Re)write the label index of `folder`'s general.tsv and match rules (after either changes)."""
    rules_path = folder / RULES_FILE
    lexicon = Lexicon(folder / GENERAL_FILE, rules_path)
    matcher = lexicon.build_matcher(MatchRules.load(rules_path))
    path = folder / INDEX_FILE
    path.write_text("\n".join([_index_header(lexicon.inputs), *matcher.to_lines()]) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_index(vocab_dir())}")
