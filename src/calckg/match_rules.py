"""The rules that keep the big general vocabulary from matching ordinary words (data/vocab/match-rules.json): minimum
length, stop labels, abbreviation lengths, the words that make a long form a name, label variants, and the standard
abbreviations that need no definition. Read by the
general vocabulary's index (calckg.lexicon) and by each article's matcher (calckg.article_matcher)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from calckg.errors import InputError
from calckg.resources import data_dir

__all__ = ["RULES_FILE", "VOCAB_FOLDER", "MatchRules", "match_rules", "vocab_dir"]

VOCAB_FOLDER = "vocab"
RULES_FILE = "match-rules.json"


@dataclass(frozen=True)
class MatchRules:
    """Which labels a big vocabulary may match with (data/vocab/match-rules.json)."""

    min_length: int
    abbreviation_max_length: int
    abbreviation_min_length: int
    stop_labels: frozenset[str]
    name_words: frozenset[str] = frozenset()
    """Words that make a capitalised long form the name of an organisation, a trial or a study (lower case)."""
    label_variants: tuple[tuple[str, str], ...] = ()
    """(ending, replacement) pairs: a label that ends with the words of `ending` is also matched with them
    replaced ("cardiovascular system disease" as "cardiovascular disease"; an empty replacement drops them:
    "Ferrous sulfate anhydrous" as "Ferrous sulfate"), unless another label claims them."""
    rejected_labels: frozenset[tuple[str, str]] = frozenset()
    """(concept slug, label in lower case) pairs a source gives wrongly, never matched for that concept: the NCIt
    subset of the Disease Ontology gives paronychia the exact synonym "fungal nail infection"."""
    standard_abbreviations: frozenset[tuple[str, str]] = frozenset()
    """(concept slug, abbreviation) pairs of the hand-made core that mean that concept in a medical article even where
    the article neither defines the abbreviation nor names the concept in words ("MRI", "CRP")."""
    defined_only_abbreviations: frozenset[tuple[str, str]] = frozenset()
    """(concept slug, abbreviation) pairs of an abbreviation that means something else in ordinary writing as often as
    that concept ("US": the United States, in "US veterans", "US guidance"): it means the concept only where the
    article defines it so, even when the article names the concept in words elsewhere."""
    added_labels: tuple[tuple[str, str], ...] = ()
    """(concept slug, label) pairs matched for a concept of the general vocabulary besides its source's labels, each
    with the source words that support it in the file ("fungal nail infection" for HPO's onychomycosis, "A fungal
    infection of the toenails or fingernails")."""

    @classmethod
    def load(cls, path: Path) -> MatchRules:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            name_words = document.get("name_words", [])
            if not isinstance(name_words, list) or not all(isinstance(w, str) and w.strip() for w in name_words):
                raise ValueError("name_words must be a list of words")
            variants = document.get("label_variants", [])
            if not isinstance(variants, list) or not all(
                    isinstance(v, dict) and set(v) == {"ending", "replacement"}
                    and all(isinstance(t, str) for t in v.values()) and v["ending"].strip()
                    and (v["replacement"] == "" or v["replacement"].strip()) for v in variants):
                raise ValueError('label_variants must be a list of {"ending": WORDS, "replacement": WORDS or ""}')
            rejected = _label_pairs(document, "rejected_labels")
            added = _label_pairs(document, "added_labels")
            standard = _label_pairs(document, "standard_abbreviations")
            defined_only = _label_pairs(document, "defined_only_abbreviations")
            max_length = int(document["abbreviation_max_length"])
            for key, pairs in (("standard_abbreviations", standard), ("defined_only_abbreviations", defined_only)):
                if not all(len(label) <= max_length and label.isupper() for _, label in pairs):
                    raise ValueError(f"{key} must be capitals of at most {max_length} characters")
            return cls(int(document["min_length"]), max_length, int(document["abbreviation_min_length"]),
                       frozenset(label.lower() for label in document["stop_labels"]),
                       frozenset(word.lower() for word in name_words),
                       tuple((v["ending"], v["replacement"]) for v in variants),
                       frozenset((slug, label.lower()) for slug, label in rejected), frozenset(standard),
                       frozenset(defined_only), tuple(added))  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: not a valid match-rules file ({error})") from None

    def is_name(self, long_form: str) -> bool:
        """A proper name: three words or more, each word of four letters or more capitalised, one a name word
        ("European Thyroid Association"; not "High-Resolution Computed Tomography")."""
        words = long_form.replace("-", " ").replace("/", " ").replace(",", " ").split()
        return (len(words) >= 3 and all(w[0].isupper() for w in words if len(w) >= 4)
                and any(w.lower() in self.name_words for w in words))

    def variants(self, label: str) -> list[str]:
        """The label's other forms by `label_variants` (whole words at its end, any case)."""
        words = label.split()
        found = []
        for ending, replacement in self.label_variants:
            tail = ending.split()
            if len(words) > len(tail) and [w.lower() for w in words[-len(tail):]] == [w.lower() for w in tail]:
                found.append(" ".join([*words[: -len(tail)], *replacement.split()]))
        return found

    def is_abbreviation(self, label: str) -> bool:
        return len(label) <= self.abbreviation_max_length and label.isupper()

    def accepts(self, label: str, abbreviation: bool) -> bool:
        if label.lower() in self.stop_labels:
            return False
        if abbreviation:
            return len(label) >= self.abbreviation_min_length
        return len(label) >= self.min_length


def vocab_dir() -> Path:
    return data_dir() / VOCAB_FOLDER


@lru_cache(maxsize=1)
def match_rules() -> MatchRules:
    return MatchRules.load(vocab_dir() / RULES_FILE)


def _label_pairs(document: dict[str, object], key: str) -> list[tuple[str, str]]:
    """The (concept, label) pairs of a list of {"concept", "label", "why"} (each saying why, in the file)."""
    entries = document.get(key, [])
    if not isinstance(entries, list) or not all(
            isinstance(e, dict) and set(e) == {"concept", "label", "why"} and all(isinstance(v, str) and v.strip()
                                                                            for v in e.values()) for e in entries):
        raise ValueError(f'{key} must be a list of {{"concept": SLUG, "label": LABEL, "why": TEXT}}')
    return [(e["concept"], e["label"]) for e in entries]
