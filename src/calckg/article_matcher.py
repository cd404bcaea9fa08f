"""One article's concept matcher: the layered matcher of its vocabularies, and the article's own word on what its
abbreviations stand for.

A vocabulary abbreviation is a guess until the article says what it means: "ADA" is adenosine deaminase deficiency
in the Disease Ontology and the American Diabetes Association in an article on gestational diabetes; "US" is
ultrasound in a radiology text and the United States in "US guidance". So a match whose words are an abbreviation
(upper case, at most `abbreviation_max_length` characters: data/vocab/match-rules.json) is kept only when
- the article defines the abbreviation ("acute respiratory distress syndrome (ARDS)", :mod:`calckg.abbreviations`)
  and one concept of the vocabulary covers that long form (at least :data:`LONG_FORM_COVER` of its letters:
  "American Diabetes Association (ADA)" names an association, not the "diabetes" inside it); or
- the article does not define it, and names the same concept somewhere in words that are not an abbreviation, or
  it is a standard abbreviation of the hand-made core for that concept (`standard_abbreviations`: "MRI", "CRP");
  an abbreviation of `defined_only_abbreviations` ("US", the United States as often as ultrasound) only where the
  article defines it.
A concept inside the name of an organisation or a trial that the article abbreviates (a long form of three words or
more, each word of four letters or more capitalised, one of them a `name_words` word of
data/vocab/match-rules.json: "Global Initiative for Chronic Obstructive Lung Disease (GOLD)",
"European Thyroid Association (ETA)") is not mentioned there: the name is not the disease or organ it contains. A
match covering nearly the whole name (:data:`LONG_FORM_COVER` of its letters) stays.
Otherwise the words stay unlinked: a term the vocabulary cannot resolve is never forced onto a near match. An
abbreviation that no vocabulary has ("BPPV") but that the article defines for a long form one concept covers (at
least LONG_FORM_COVER of its letters: "benign paroxysmal positional vertigo (BPPV)") mentions that concept wherever
the article writes it, as a whole word that no vocabulary match overlaps; an organisation's or trial's name (above)
links nothing. A word the article writes in capitals where the vocabulary's label is in ordinary case, and that
the article does not define as an abbreviation, is a name ("the PROGNOSIS study"): it links nothing. The rules
read the article's own texts only; any other text (a related question, which belongs to another article) is
matched as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import URIRef

from calckg.abbreviations import defined_abbreviations
from calckg.match_rules import MatchRules
from calckg.link import ConceptMatch, Matcher
from calckg.namespaces import CONCEPT
from calckg.name_heads import shipped_name_heads

__all__ = ["LONG_FORM_COVER", "ArticleMatcher"]

LONG_FORM_COVER = 0.8


class ArticleMatcher:
    """`matcher` for the texts of one article (its title and statements), with the abbreviation rule above; each
    text's matches are computed once."""

    def __init__(self, matcher: Matcher, texts: Iterable[str], rules: MatchRules) -> None:
        self._matcher, self._rules = matcher, rules
        self._heads = shipped_name_heads()
        self._seen: dict[str, tuple[ConceptMatch, ...]] = {}
        texts = tuple(texts)
        self._own = frozenset(texts)
        self._defined = defined_abbreviations(texts)
        self._standard = frozenset((CONCEPT[slug], short) for slug, short in rules.standard_abbreviations)
        self._defined_only = frozenset((CONCEPT[slug], short) for slug, short in rules.defined_only_abbreviations)
        self._names = tuple(re.compile(re.escape(long)) for long in sorted(set(self._defined.values()))
                            if rules.is_name(long))
        self._named: set[URIRef] = {m.concept for text in texts for m in self._raw(text)
                                    if not self._abbreviated(text, m)}  # fmt: skip
        # an abbreviation no vocabulary has, defined by the article for a long form one concept covers ("benign
        # paroxysmal positional vertigo (BPPV)"): that concept wherever the article writes it
        self._written_for = {short: (concept, re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])"))
                             for short, long in sorted(self._defined.items()) if not rules.is_name(long)
                             for concept in [self._covering(long)] if concept is not None}

    def _raw(self, text: str) -> tuple[ConceptMatch, ...]:
        """The vocabularies' matches that are no part of a longer name (calckg.name_heads: "tyrosine kinase")."""
        if text not in self._seen:
            self._seen[text] = self._heads.keep(text, self._matcher.match(text))
        return self._seen[text]

    def _abbreviated(self, text: str, match: ConceptMatch) -> bool:
        return self._rules.is_abbreviation(text[match.start : match.end])

    def _covering(self, long: str) -> URIRef | None:
        """The concept of the longest match covering LONG_FORM_COVER of a long form, if any."""
        long = " ".join(long.replace("/", " ").split())  # "calcium/creatinine clearance ratio"
        covering = [m for m in self._raw(long) if m.end - m.start >= LONG_FORM_COVER * len(long)]
        return max(covering, key=lambda m: (m.end - m.start, -m.start)).concept if covering else None

    def _capitalised_name(self, text: str, match: ConceptMatch) -> bool:
        """Words the article writes in capitals that the vocabulary writes in ordinary case, and that the article
        does not define as an abbreviation: a trial's or a study's name ("the PROGNOSIS study", "the STONE
        trial"), not the concept ("prognosis", "stone")."""
        written = text[match.start : match.end]
        return (written.isupper() and sum(c.isalpha() for c in written) >= 2 and not match.label.isupper()
                and written not in self._defined)

    def _resolved(self, text: str, match: ConceptMatch) -> bool:
        short = text[match.start : match.end]
        if short in self._defined:
            return self._covering(self._defined[short]) is not None
        if (match.concept, short) in self._defined_only:  # "US veterans": the United States
            return False
        return match.concept in self._named or (match.concept, short) in self._standard

    def match(self, text: str) -> tuple[ConceptMatch, ...]:
        if text not in self._own:
            return self._heads.keep(text, self._matcher.match(text))
        names = [n.span() for name in self._names for n in name.finditer(text)]
        kept = [m for m in self._raw(text) if (not self._abbreviated(text, m) or self._resolved(text, m))
                and not any(_inside(m, start, end) for start, end in names) and not self._capitalised_name(text, m)]
        written = [ConceptMatch(concept, short, found.start(), found.end())
                   for short, (concept, pattern) in self._written_for.items() for found in pattern.finditer(text)
                   if not any(m.start < found.end() and found.start() < m.end for m in self._raw(text))
                   and not self._heads.heads_a_name(text, found.end())]
        return tuple(sorted([*kept, *written], key=lambda m: (m.start, m.end))) if written else tuple(kept)

    def concepts(self, text: str) -> frozenset[URIRef]:
        return frozenset(m.concept for m in self.match(text))


def _inside(match: ConceptMatch, start: int, end: int) -> bool:
    return start <= match.start and match.end <= end and match.end - match.start < LONG_FORM_COVER * (end - start)
