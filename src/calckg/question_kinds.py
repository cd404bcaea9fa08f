"""How a question is read, as data in `data/answer-kinds.json`: stop words, the few structured kinds, templates.

Why it works this way: most questions are answered by retrieval (calckg.answer), which needs only to know which
words carry no topic (stop words). The structured kinds (the references behind claims, conflicting figures) are
answered from SPARQL over claims; their cue words are data, tried in the file's order, first match wins. A
question without a cue has no structured kind (None).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from calckg.claim_cues import alternation
from calckg.errors import InputError
from calckg.ingest.quantities import shipped_lexicon
from calckg.input_checks import is_word_list
from calckg.resources import data_dir
from calckg.word_files import letter_pairs, tsv_pairs

KINDS_FILE = "answer-kinds.json"
_SPACES = re.compile(r"\s+")
_HYPHENS = re.compile(r"[\u00ad\u2010\u2011\u2012\u2013\u2014]")


@dataclass(frozen=True)
class QueryStep:
    """One query a kind runs; `bind="concept"` runs it once per question concept."""

    query: str
    bind: str | None = None
    require_role: str | None = None
    or_min_score: int | None = None


@dataclass(frozen=True)
class KindSpec:
    kind: str
    cues: tuple[str, ...]
    steps: tuple[QueryStep, ...]
    combine: bool = False
    verdict: str = ""


BARE_FIRST_WORDS = 3
"""How many words a compound question's first question has at least when no comma ends it ("How common is
endometriosis and how long …?"; "When and how far …?", "Which antibiotic and how many days …?" are one question)."""


@dataclass(frozen=True)
class KindTable:
    kinds: tuple[KindSpec, ...]
    stop_words: frozenset[str]
    section_question: str
    title_kind: str
    title_queries: tuple[str, str]
    max_question_length: int
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    number_words: tuple[tuple[str, str], ...] = ()
    """(word, digits): "three" and "3" stand for each other. The number words of data/quantities.json, less the stop
    words ("one" in "which one" is no number)."""
    claim_question: str = "What does the article say about {first} and {second}?"
    claim_questions: int = 0
    """How many questions each article is asked on the pairs of concepts its claims relate (calckg.faq)."""
    age: re.Pattern[str] | None = None
    """A number that gives someone's age ("my 3 year old", "an 86-year-old", "I'm 75"): its last group is the
    number, which the answer need not state (age_units, age_marker and age_openers of data/answer-kinds.json)."""
    compound: re.Pattern[str] | None = None
    """Where a question goes on with a second question: a joiner and an opener word (compound_question); group
    ``listed`` when the joiner is one of list_joiners (a bare comma)."""
    back_reference: re.Pattern[str] | None = None
    """A word by which a compound question's second question points back to the first one's topic ("…, and does it
    work?": back_references of compound_question)."""
    alternatives: re.Pattern[str] = re.compile(r"(?!)")
    """What stands between two concepts a question offers as alternatives ("ultrasound or a CT scan"), matched whole:
    a word of alternative_joiners between white space."""
    age_units: Mapping[str, Decimal] = field(default_factory=dict)
    """The units an age is given in (folded), each with how many of it make a year; an age written with none ("I'm
    82") is in years."""
    opening: re.Pattern[str] = re.compile(r"(?!)")
    """An opener word (a preposition allowed before it) at a question's start: only a question that opens so goes on
    after a list joiner ("What is the dose, how long is it taken, and …?"; not "If my score is 2, how …?")."""

    def first_part(self, question: str) -> str | None:
        """The first question of a compound question, with its "?" ("When is light therapy used for psoriasis?" of
        "When is light therapy used for psoriasis, and how many sessions a week are needed?"), else None."""
        split = self._split(question)
        return None if split is None else split[0]

    def second_part(self, question: str) -> str | None:
        """The question a compound question goes on with, from its opener word or the preposition before it ("how
        many sessions a week are needed?" of the example of :meth:`first_part`, "for how long?"), else None."""
        split = self._split(question)
        return None if split is None else split[1]

    def parts(self, question: str) -> tuple[str, ...]:
        """Every question of a compound question, in order ("What regimens are used, what add-back therapy is
        recommended, and how much bone is lost without it?": three), each with its "?"; () for one question."""
        found: list[str] = []
        rest = question
        while (split := self._split(rest)) is not None:
            found.append(split[0])
            rest = split[1]
        return (*found, rest) if found else ()

    def _split(self, question: str) -> tuple[str, str] | None:
        """(the first question, the rest), each with its "?", of a compound question; else None."""
        found = self._second_question(question)
        if found is None:
            return None
        rest = question[found.start("second") :].strip()
        return question[: found.start()].rstrip(" ,;") + "?", rest if rest.endswith("?") else rest + "?"

    def referring_back(self, part: str) -> re.Match[str] | None:
        """The first word of `part` that points back to the question before it ("it" of "does it work?"), else None."""
        return None if self.back_reference is None else self.back_reference.search(part)

    def _second_question(self, question: str) -> re.Match[str] | None:
        """Where a compound question's joiner and second question start (never at the question's start; after a
        joiner without a comma, only when BARE_FIRST_WORDS words come before it: "How and when should I be
        retested?" is one question)."""
        for found in () if self.compound is None else self.compound.finditer(question):
            if not found.start():
                continue
            if found.group("listed") is not None:
                if self.opening.match(question):
                    return found
            elif found.group(0).lstrip()[:1] in ",;" or len(question[: found.start()].split()) >= BARE_FIRST_WORDS:
                return found
        return None

    def ages(self, question: str) -> list[tuple[int, int]]:
        """The spans of the numbers in the question that give someone's age."""
        return [] if self.age is None else [m.span(m.lastindex or 1) for m in self.age.finditer(question)]

    def age_words(self, question: str) -> list[tuple[int, int]]:
        """The spans of the words that only say a number is an age ("-week-old" of "my 6-week-old"): no topic."""
        return [] if self.age is None else [(m.end(m.lastindex or 1), m.end()) for m in self.age.finditer(question)]

    def spec(self, kind: str) -> KindSpec:
        for spec in self.kinds:
            if spec.kind == kind:
                return spec
        raise KeyError(kind)

    def cue_words(self, kind: str) -> frozenset[str]:
        """The words of the kind's cues (folded)."""
        return frozenset(word.casefold() for cue in self.spec(kind).cues for word in re.findall(r"[^\W_]+", cue))

    def detect(self, question: str) -> str | None:
        """The first structured kind whose cue occurs in the question, else None."""
        text = normalise(question)
        for kind, pattern in self.patterns:
            if pattern.search(text):
                return kind
        return None


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted((re.escape(normalise(cue)) for cue in cues), key=lambda c: (-len(c), c))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")


def normalise(text: str) -> str:
    """Lower case, one space between words, plain hyphens, no control characters, no trailing '?'."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    text = _HYPHENS.sub("-", text)
    return _SPACES.sub(" ", text).strip().rstrip("?").strip().lower()


def clean_question(text: str) -> str:
    """The question as asked, without control characters and with single spaces (kept for display)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n")
    return _SPACES.sub(" ", text).strip()


def parse_kind_table(document: dict, number_words: Mapping[str, Decimal] | None = None  # type: ignore[type-arg]
                     ) -> KindTable:
    kinds = tuple(
        KindSpec(
            kind=entry["kind"],
            cues=tuple(entry["cues"]),
            steps=tuple(QueryStep(**step) for step in entry["queries"]),
            combine=bool(entry.get("combine", False)),
            verdict=str(entry.get("verdict", "")),
        )
        for entry in document["structured"]
    )
    title = tuple(document["title_queries"])
    if len(title) != 2:
        raise InputError(f"{KINDS_FILE}: title_queries must name the title query and the overview query")
    template = str(document["section_question"])
    if "{heading}" not in template:
        raise InputError(f"{KINDS_FILE}: section_question must contain {{heading}}")
    patterns = tuple((k.kind, _cue_pattern(k.cues)) for k in kinds if k.cues)
    stop_words = frozenset(str(word).casefold() for word in document["stop_words"])
    numbers = tuple((word, str(value)) for word, value in (number_words or {}).items() if word not in stop_words)
    units, marker = _age_units(document.get("age_units", {})), document.get("age_marker", "")
    age = _age_pattern(units, marker, document.get("age_openers", []), document.get("age_opener_ends", []))
    claim_template = str(document.get("claim_question", KindTable.claim_question))
    if "{first}" not in claim_template or "{second}" not in claim_template:
        raise InputError(f"{KINDS_FILE}: claim_question must contain {{first}} and {{second}}")
    return KindTable(kinds, stop_words, template, document["title_kind"], (title[0], title[1]),
                     int(document["max_question_length"]), patterns, numbers, claim_template,
                     int(document.get("claim_questions", 0)), age, _compound(document.get("compound_question")),
                     _back_reference(document.get("compound_question")), _alternatives(document), units,
                     _opening(document.get("compound_question")))


def _alternatives(document: dict) -> re.Pattern[str]:  # type: ignore[type-arg]
    joiners = document.get("alternative_joiners", [])
    if not isinstance(joiners, list) or (joiners and not is_word_list(joiners)):
        raise InputError(f"{KINDS_FILE}: alternative_joiners must be a list of words or phrases")
    return re.compile(rf"(?i)\s+(?:{alternation(joiners)})\s+") if joiners else re.compile(r"(?!)")


def _age_units(entry: object) -> dict[str, Decimal]:
    if not isinstance(entry, dict) or not all(isinstance(unit, str) and unit.strip() and isinstance(per, int)
                                              and not isinstance(per, bool) and per > 0 for unit, per in entry.items()):
        raise InputError(f"{KINDS_FILE}: age_units must map each unit to how many of it make a year")
    return {unit.casefold(): Decimal(per) for unit, per in entry.items()}


def _age_pattern(units: Mapping[str, Decimal], marker: object, openers: object, ends: object
                 ) -> re.Pattern[str] | None:  # fmt: skip
    """An age: a number, a unit and the marker ("my 3 year old"), or an opener and a number in years that a unit
    of one per year, punctuation that is no range's dash, the end or an end word follows ("I'm 82 - is it safe?",
    "aged 70 or older"); the number is the last group."""
    for key, words in (("age_openers", openers), ("age_opener_ends", ends)):
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise InputError(f"{KINDS_FILE}: {key} must be a list of words")
    if not isinstance(marker, str):
        raise InputError(f"{KINDS_FILE}: age_marker must be a word")
    forms = [rf"(?<![\w.,])(\d+)[\s-]*(?:{alternation(units)})[\s-]+{re.escape(marker)}(?![\w])"
             ] if units and marker.strip() else []  # fmt: skip
    if openers:
        years = alternation(unit for unit, per in units.items() if per == 1)
        in_years = rf"(?:[\s-]*(?:{years})(?:[\s-]+{re.escape(marker)})?)?" if years and marker.strip() else ""
        after = rf"(?=\s*(?:[,.;:!?)\u2013\u2014-](?!\s*\d)|$)|\s+(?:{alternation(ends)})(?![\w]))"
        forms.append(rf"(?<![\w])(?:{alternation(openers)})\s+(\d+)(?![\w]|[.,]\d){in_years}{after}")
    return re.compile("|".join(forms), re.IGNORECASE) if forms else None


def _compound(entry: dict | None) -> re.Pattern[str] | None:  # type: ignore[type-arg]
    """The pattern of compound_question: a joiner, then an opener word, a preposition allowed before it ("…, and
    for how long?"; any case); group ``second`` is where the second question starts."""
    if entry is None:
        return None
    joiners, openers, prepositions = entry.get("joiners"), entry.get("openers"), entry.get("prepositions", [])
    if not (is_word_list(joiners) and is_word_list(openers)) or not (prepositions == [] or is_word_list(prepositions)):
        raise InputError(f"{KINDS_FILE}: compound_question needs lists of joiners and openers (and of prepositions, "
                         "if given)")
    bare, bare_openers = entry.get("bare_joiners", []), entry.get("bare_openers", [])
    if not (bare == [] or is_word_list(bare)) or not (bare_openers == [] or is_word_list(bare_openers)):
        raise InputError(f"{KINDS_FILE}: compound_question's bare_joiners and bare_openers must be lists of words")
    # "… for endometriosis and what are its side effects?": a joiner with no comma only before a question word
    without_comma = (rf"|\s+(?:{alternation(bare)})\s+(?=(?:{alternation(bare_openers)})(?![\w-]))"
                     if bare and bare_openers else "")
    with_comma = rf"\s*(?:{alternation(joiners)})\s+(?={_opener(entry)})"
    listed = entry.get("list_joiners", [])
    if not (listed == [] or (isinstance(listed, list) and all(isinstance(j, str) and j.strip() for j in listed))):
        raise InputError(f"{KINDS_FILE}: compound_question's list_joiners must be a list of non-empty strings")
    # "What is the dose, how long is it taken …?": a list joiner only before a question word, in a question (below)
    in_list = (rf"|(?P<listed>\s*(?:{alternation(listed)})\s+(?=(?:{alternation(bare_openers)})(?![\w-])))"
               if listed and bare_openers else "")
    return re.compile(rf"(?i)(?:{with_comma}{without_comma}{in_list})(?P<second>\w)")


def _opening(entry: dict | None) -> re.Pattern[str]:  # type: ignore[type-arg]
    """An opener of compound_question at the start of a question, a preposition allowed before it ("In which
    patients …"); never matches without compound_question."""
    return re.compile(r"(?!)") if entry is None else re.compile(rf"(?i)\s*{_opener(entry)}")


def _opener(entry: dict) -> str:  # type: ignore[type-arg]
    """An opener word of compound_question (its entry checked by :func:`_compound`), a preposition allowed before
    it ("for how long?")."""
    prepositions = entry.get("prepositions", [])
    before = rf"(?:(?:{alternation(prepositions)})\s+)?" if prepositions else ""
    return rf"{before}(?:{alternation(entry['openers'])})(?![\w-])"


def _back_reference(entry: dict | None) -> re.Pattern[str] | None:  # type: ignore[type-arg]
    """The pattern of compound_question's back_references: any of the words, whole (any case)."""
    words = (entry or {}).get("back_references", [])
    if not (words == [] or is_word_list(words)):
        raise InputError(f"{KINDS_FILE}: compound_question's back_references must be a list of words")
    return re.compile(rf"(?i)(?<![\w'’-])(?:{alternation(words)})(?![\w-])") if words else None


@cache
def kind_table(path: Path | None = None) -> KindTable:
    """The shipped kind table, read once per process."""
    path = path or data_dir() / KINDS_FILE
    try:
        return parse_kind_table(json.loads(path.read_text(encoding="utf-8")), shipped_lexicon().number_words)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise InputError(f"{path}: cannot read the question kinds ({error})") from None


FREQUENCY_FILE = "english-word-frequency.tsv"
COMMON_ZIPF = 6.0
"""A word this frequent in English (Zipf scale) or more is as generic as a word can be."""
RARE_ZIPF = 3.0
"""A word this rare in English or rarer (or not in the list) is as specific as a word can be."""
MIN_RARITY = 0.1


@cache
def word_frequencies(path: Path | None = None) -> dict[str, float]:
    """English word → its Zipf frequency (data/english-word-frequency.tsv, from wordfreq; words below 3.0 absent)."""
    path = path or data_dir() / FREQUENCY_FILE
    table: dict[str, float] = {}
    for number, word, value in tsv_pairs(path, "word frequencies"):
        try:
            table[word] = float(value)
        except ValueError:
            raise InputError(f"{path}:{number}: expected WORD<TAB>ZIPF, got {word}\t{value}") from None
    return table


PLURALS_FILE = "irregular-plurals.tsv"


@cache
def irregular_plurals(path: Path | None = None) -> dict[str, str]:
    """Each word of data/irregular-plurals.tsv → its other number (singular ↔ plural)."""
    found: dict[str, str] = {}
    for singular, plural in letter_pairs(path or data_dir() / PLURALS_FILE, "irregular plurals",
                                          "SINGULAR<TAB>PLURAL"):
        found[singular], found[plural] = plural, singular
    return found


LAY_WORDS_FILE = "lay-words.tsv"


@cache
def lay_words(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Each everyday word of data/lay-words.tsv → the clinical words an article may write for it, in file order."""
    found: dict[str, tuple[str, ...]] = {}
    for everyday, clinical in letter_pairs(path or data_dir() / LAY_WORDS_FILE, "everyday words",
                                            "EVERYDAY<TAB>CLINICAL"):
        found[everyday] = (*found.get(everyday, ()), clinical)
    return found


LAY_PHRASES_FILE = "lay-phrases.tsv"


@cache
def lay_phrases(path: Path | None = None) -> dict[tuple[str, ...], str]:
    """Each everyday phrase of data/lay-phrases.tsv (its words, case-folded) → the clinical word an article may write
    for it; a line that is not two words or more, a tab and one word is an input error naming it."""
    path = path or data_dir() / LAY_PHRASES_FILE
    found: dict[tuple[str, ...], str] = {}
    for number, everyday, clinical in tsv_pairs(path, "everyday phrases"):
        words = tuple(everyday.casefold().split())
        if len(words) < 2 or not all(w.isalpha() for w in words) or not clinical.isalpha():
            raise InputError(f"{path}:{number}: expected EVERYDAY PHRASE<TAB>CLINICAL (two words or more, then one "
                             f"word), got {everyday}\t{clinical}")
        found[words] = clinical.casefold()
    return found


def rarity(word: str) -> float:
    """How specific an English word is, in [MIN_RARITY, 1]: 1 for a rare word (or one not in the list), falling
    linearly to MIN_RARITY for the most common words (data/english-word-frequency.tsv, from wordfreq)."""
    zipf = word_frequencies().get(word.casefold(), 0.0)
    return max(MIN_RARITY, min(1.0, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


_WORDS = re.compile(r"[^\W_]+")
_WORDS_AND_DECIMALS = re.compile(r"\d+(?:[.,]\d+)+(?![\w])|[^\W\d_]+-\d+(?![\w-])|[^\W_]+")


def content_words(text: str, spans: list[tuple[int, int]], stop: frozenset[str], *,
                  decimals: bool = False) -> list[str]:
    """The words of the text outside the given (concept) spans that are not stop words, in order; with
    ``decimals``, a number such as "0.01" or "1,000" is one word (not "0" and "01")."""
    pattern = _WORDS_AND_DECIMALS if decimals else _WORDS
    return [m.group() for m in pattern.finditer(text)
            if m.group().casefold() not in stop and not any(a <= m.start() < b for a, b in spans)]
