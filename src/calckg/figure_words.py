"""Words a question uses for a kind of figure or of thing, as data in `data/figure-words.json` and
`data/class-words.json`.

"What are the doses …", "How long …", "How common …" ask for a figure, not for a topic: the article's answer says
"100 mg twice a day", "for 3 days", "in 4.6% of the population" and never the question's word. A statement holding
a figure of a group's statistic classes (or, when the group lists units, a figure in one of them) is also called by
the group's words in the answer index (:mod:`calckg.answer_index`, beside its concepts' names), so such a word is
covered by the statements that give that kind of figure and no statement's bm25 changes. "Which tablet …", "What
medicine …" ask for a kind of thing the same way: a statement speaking of a concept of a class-words group's classes
(a ck:Drug) is called by that group's words; a concept is read as a (class, no unit) figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from calckg.input_checks import is_word_list, parsed_json_file
from calckg.namespaces import CK
from calckg.resources import data_dir

__all__ = ["CLASS_WORDS_FILE", "FIGURE_WORDS_FILE", "Figure", "FigureGroup", "FigureWords", "shipped_class_words",
           "shipped_figure_words"]

FIGURE_WORDS_FILE = "figure-words.json"
CLASS_WORDS_FILE = "class-words.json"


Figure = tuple[str, str | None, bool]
"""What a group reads of a figure: its class IRI, its unit IRI or None, and whether it has a comparator ("10% or
more"); a concept of a class is read as (class IRI, None, False)."""


@dataclass(frozen=True)
class FigureGroup:
    words: tuple[str, ...]
    classes: frozenset[str]
    units: frozenset[str]
    """Empty: a figure of any unit (or none) of the classes; else only figures in one of these units."""
    bounded: bool = False
    """Only figures with a comparator ("a QRISK3 risk of 10% or more", "ferritin below 15 µg/L")."""
    not_classes: frozenset[str] = frozenset()
    """Never figures of these classes ("p < 0.001" is no threshold)."""

    def holds(self, figures: Iterable[Figure]) -> bool:
        """Whether one of the figures is of this group."""
        return any((not self.classes or kind in self.classes) and (not self.units or unit in self.units)
                   and (bounded or not self.bounded) and kind not in self.not_classes
                   for kind, unit, bounded in figures)


@dataclass(frozen=True)
class FigureWords:
    groups: tuple[FigureGroup, ...]

    def every_word(self) -> frozenset[str]:
        """Every group's words, folded: the words of the file whatever figure they are for."""
        return frozenset(word.casefold() for group in self.groups for word in group.words)

    def words_for(self, figures: Iterable[Figure]) -> list[str]:
        """The words of every group one of the figures belongs to, in the file's order."""
        figures = list(figures)
        return [word for group in self.groups if group.holds(figures) for word in group.words]

    @classmethod
    def load(cls, path: Path) -> FigureWords:
        return parsed_json_file(path, lambda document: cls(tuple(_group(entry) for entry in document["groups"])),
                                "groups, each with words and classes or units of ck: terms or bounded")


def _group(entry: dict) -> FigureGroup:
    name = entry.get("name", "?")
    words = entry["words"]
    if not is_word_list(words):
        raise ValueError(f"group {name!r}: words must be a non-empty list of words")
    terms = [entry.get(key, []) for key in ("classes", "units", "not_classes")]
    bounded = entry.get("bounded", False)
    if not isinstance(bounded, bool):
        raise ValueError(f"group {name!r}: bounded must be true or false")
    if not (any(terms[:2]) or bounded) or not all(isinstance(t, list) and all(isinstance(i, str) for i in t)
                                                  for t in terms):
        raise ValueError(f"group {name!r}: classes, units and not_classes must be lists of ck: terms, classes or "
                         "units not empty (or the group bounded)")
    classes, units, not_classes = (frozenset(_ck(term, name) for term in found) for found in terms)
    return FigureGroup(tuple(words), classes, units, bounded, not_classes)


def _ck(term: str, group: str) -> str:
    if not term.startswith("ck:") or not term[3:].isidentifier():
        raise ValueError(f"group {group!r}: {term!r} is no ck: term")
    return str(CK[term[3:]])


@cache
def shipped_figure_words() -> FigureWords:
    return FigureWords.load(data_dir() / FIGURE_WORDS_FILE)


@cache
def shipped_class_words() -> FigureWords:
    return FigureWords.load(data_dir() / CLASS_WORDS_FILE)
