"""The cue words of data/claim-cues.json that the figure extraction reads (calckg.extract.claims): negation, hedge,
restatement and population cues, the clause reader's words, the links that tie a figure to its concept, the
age-bounded groups and the units of a dose. The file's comment says what each list does."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from types import SimpleNamespace
from functools import lru_cache
from pathlib import Path

from calckg.claim_cues import alternation, cue_pattern, not_hedge_pattern, not_negation_pattern
from calckg.errors import InputError
from calckg.extract.clause import ClauseReader
from calckg.extract.cue_patterns import (age_groups_patterns, arm_links_pattern, measured_before_pattern,
                                         phrase_ends_pattern, population_pattern, scale_near_patterns, words_pattern)
from calckg.extract.population import PHRASE_END, AgeGroups
from calckg.model import Statistic, StatisticKind
from calckg.resources import data_dir

__all__ = ["ASIDE_END", "CUES_FILE", "ClaimCues", "shipped_cues"]

CUES_FILE = "claim-cues.json"
COVARIATE_WORDS = 6
"""At most this many words between a covariate opener and a covariate it names ("adjusted for age, sex, smoking and
diabetes")."""
_ITEM = r"[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,4}"
"""An item of a list of outcomes: one to five words, no figure ("non-fatal heart attack")."""
EXAMPLE_WORDS = 4
"""At most this many words between an example opener and the concept it gives as an example ("for example because of
an abnormal EEG")."""
OPTIONAL_LISTS = ("not_negation", "clause_connectors", "clause_openers", "condition_openers", "copula_only_negations",
                  "copulas", "figure_links_before", "arm_links_after", "opening_continuations",
                  "forward_only_negations", "dose_units", "population_groups", "population_age_words",
                  "population_age_units", "population_referents", "clause_connectors_without_comma",
                  "formulations", "relative_words", "person_relatives", "not_hedge",
                  "arm_participles", "population_phrase_ends", "population_phrase_breaks",
                  "population_treatment_verbs", "population_condition_links", "population_condition_negations",
                  "design_count_nouns", "design_count_openers", "exclusions", "drug_modifiers", "course_links_after",
                  "change_verbs", "determiners", "population_phrase_ranges", "covariate_openers",
                  "compound_modifier_endings", "pronouns", "population_relative_breaks", "control_arms",
                  "scale_words", "comparison_openers", "group_negations", "modal_hedges", "auxiliaries",
                  "clause_verbs", "result_verbs", "subordinators", "advice_lead_ins", "composite_joiners",
                  "respective_cues", "duration_cues", "ability_modals", "negated_effects", "sequence_words",
                  "example_openers", "measure_group_prepositions", "negation_bounds", "complement_words",
                  "predicate_ends", "object_negations", "course_links_before", "course_list_joiners")


@dataclass(frozen=True)
class ClaimCues:
    negation: re.Pattern[str]
    hedge: re.Pattern[str]
    restatement: re.Pattern[str]
    """Words between two figures that make the second a restatement of the first in another unit."""
    population: re.Pattern[str]
    """Words after which a concept names the group a figure holds for ("of patients with")."""
    not_negation: re.Pattern[str] | None = None
    """Phrases that hold a negation word but negate nothing ("with or without food", and every comparator of
    data/quantities.json that holds "no" or "not": "no more than", "no larger than")."""
    clauses: ClauseReader = ClauseReader((), ())
    """Where the clause that states a figure ends (clause_connectors, clause_openers)."""
    link_before: re.Pattern[str] = re.compile(r"\s*")
    """What may stand between a concept and the figure right after it that belongs to it ("naproxen 500 mg",
    "febuxostat at 40 mg": nothing, or a word of figure_links_before), matched whole."""
    arm_after: re.Pattern[str] = re.compile(r"(?!)")
    """What stands between a figure and the arm it is the rate of ("11.9% of the placebo group": arm_links_after,
    then at most one hyphenated word: "37.8% with low-dose colchicine"), matched whole."""
    age_groups: AgeGroups | None = None
    """What names an age-bounded population ("adults under 65 years": population_groups, population_age_words,
    population_age_units and the comparator words of data/quantities.json)."""
    dose_units: frozenset[str] = frozenset()
    """Units of a dose (dose_units): a figure in one is what an arm was given and takes no p-value."""
    not_hedge: re.Pattern[str] | None = None
    """Phrases that hold a hedge word but hedge nothing ("came back less often", "a likely trigger")."""
    formulation_after: re.Pattern[str] = re.compile(r"(?!)")
    """A formulation written right after a percentage (formulations: "malathion 0.5% lotion"): the percentage is the
    strength of what an arm was given, like a dose, and takes no p-value."""
    population_end: re.Pattern[str] = PHRASE_END
    """Where a population phrase ends: punctuation, the text's end or a word of population_phrase_ends ("women with
    lower UTI in Switzerland"); one of population_phrase_breaks (group ``qualified``) ends it too, but then the
    phrase names no plain population: a relative clause narrows it ("adults with cellulitis who do not have
    diabetes"), a comparison makes it a trial arm ("5.4% of women with teriparatide vs. 12.0% with risedronate"); a
    match of group ``range`` (population_phrase_ranges: "moderate to severe") ends nothing."""
    design_nouns: frozenset[str] = frozenset()
    """Count nouns that always count a study's design (design_count_nouns: "39 trials", "2492 participants")."""
    design_opener: re.Pattern[str] = re.compile(r"(?!)")
    """What, written right before a count (up to two words between), makes it a study's size (design_count_openers:
    "a randomised trial of 136 people", "enrolled 1776 women"), searched in the text before the count."""

    excluding: re.Pattern[str] = re.compile(r"(?!)")
    """What, written right before a concept (up to three words between), makes it a condition a group lacks
    (exclusions: "adults without diabetes", "people who do not have type 2 diabetes"), searched in the text before
    the concept's words."""
    copula_before: re.Pattern[str] = re.compile(r"(?!)")
    """A copula right before an exclusion word: "10% will be without calcifications" negates the clause (copulas)."""
    course_after: re.Pattern[str] = re.compile(r"(?!)")
    """What stands between a duration and the drug it is a course of ("10 days of doxycycline", "30 days of
    intravenous ceftriaxone": course_links_after, then up to two words of drug_modifiers), matched whole."""
    course_before: re.Pattern[str] = re.compile(r"(?!)")
    """What stands between a drug and a duration written after it that is its course (course_links_before; the rest of
    a combination's name joined by a hyphen: "sofosbuvir-velpatasvir for 12 weeks"), matched whole."""
    listed_before: re.Pattern[str] = re.compile(r"(?!)")
    """A comma or a word of course_list_joiners, then determiners or drug_modifiers only, right before a concept (the
    text before it searched): the concept is the last item of a list or a combination ("… or placebo for 16 weeks",
    "care plus placebo for up to 6 weeks": the trial's length, every item's)."""
    change_before: re.Pattern[str] = re.compile(r"(?!)")
    """A change's verb, what it changes (after a leading word of determiners) and "by" or "to", written right before a
    figure ("reduced the weekly itch severity score by 9.8 points": change_verbs), searched in the text before the
    figure's words; groups ``what`` and ``to`` (the preposition)."""

    covariate_before: re.Pattern[str] = re.compile(r"(?!)")
    """What, written before a concept (up to COVARIATE_WORDS words between), makes it a covariate a result was
    adjusted for (covariate_openers: "after adjustment for age, lifestyle factors and other illnesses"), searched in
    the text before the concept's words."""

    compound_modifier: re.Pattern[str] = re.compile(r"(?!)")
    """A hyphen and a word ending in one of compound_modifier_endings, written right after a concept: the concept is
    the first part of a compound modifier ("CT-confirmed diverticulitis", "antibiotic-associated diarrhoea"), matched
    at the concept's end."""

    measured_before: re.Pattern[str] = re.compile(r"(?!)")
    """What a figure written right after a copula measures, named by a clause's first words ("…, the median time to
    recovery was 14 days", "12-month stoma-free survival was 94.6%"): up to eight words, after punctuation or at the
    text's start, less a leading determiner (copulas, determiners), searched in the text before the figure's words;
    group ``what``."""
    scale_near: tuple[re.Pattern[str], re.Pattern[str]] = (re.compile(r"(?!)"), re.compile(r"(?!)"))
    """A word of scale_words shortly before a figure ("a questionnaire scored from 0 to 24", "a score from 0 to 72"),
    searched in the text before it, and one right after it ("a 0 to 10 scale"), matched at its end."""
    control_arms: frozenset[str] = frozenset()
    """Names of a trial's control arm (control_arms: "placebo", "sham"): a figure's subject only when it is that
    arm's own by its words ("15.5% with placebo"), never in its place ("…, and 22.9% became continent" of the
    active arm; method 59)."""
    result_verb: re.Pattern[str] = re.compile(r"(?!)")
    """A word of result_verbs ("reduced", "increased"): an effect estimate's outcome is the concept it acts on
    (method 132)."""
    share_of_group: re.Pattern[str] = re.compile(r"(?!)")
    """A preposition of the population cues and a group of population_groups, up to three words between, written
    right after a share ("62% of pregnant vegetarian women", "half of people who are dependent"), matched at its
    end: the share counts people, so what was given or taken is not what it measures (method 129)."""
    comparison: re.Pattern[str] = re.compile(r"(?!)")
    """A word of comparison_openers ("compared with", "versus"), searched after a figure: a concept after it is the
    comparator's, no subject of the figure (method 64)."""
    advice: re.Pattern[str] = re.compile(r"(?!)")
    """A word of advice_lead_ins ("advised to", "should"): a lead-in holding one introduces advice, whose amounts and
    times are what to do, not figures on the lead-in's concepts ("Adults with CKD are usually advised to: • keep salt
    intake below 5 g a day" measures no chronic kidney disease; method 95)."""
    composite_before: re.Pattern[str] = re.compile(r"(?!)")
    """A word of composite_joiners right before a concept (searched in the text before it): "… complications or
    death" names one part of a composite outcome (:meth:`in_composite`)."""
    respective: re.Pattern[str] = re.compile(r"(?!)")
    """A word of respective_cues ("respectively"): figures written before it in order are the items' written before
    them in the same order (:mod:`calckg.extract.respective`, method 97)."""
    duration: re.Pattern[str] = re.compile(r"(?!)")
    """A word of duration_cues ("lasts", "duration"): a time measures the concept it is written with only after one
    in its clause (method 103)."""
    composite_after: re.Pattern[str] = re.compile(r"(?!)")
    """Up to four items between commas, then a word of composite_joiners, right after a concept (matched at its end):
    "cardiovascular death, non-fatal heart attack or non-fatal stroke"."""
    relative: re.Pattern[str] = re.compile(r"(?!)")
    """A relative word ("who", "which", "that": relative_words, person_relatives): a hedge cue after a figure with one
    between hedges the relative clause's words, not the figure (method 70)."""
    clause_relative: re.Pattern[str] = re.compile(r"(?!)")
    """A word of relative_words ("that", "which"), not of person_relatives: what follows it up to a comma is a clause
    on a thing or a report ("the highest dose that the person can tolerate,"), whose modal is not the sentence's
    (method 94); a clause on people ("Women who do not meet these criteria can be offered …") may run on into the
    sentence's own verb."""
    modal: re.Pattern[str] = re.compile(r"(?!)")
    """A word of modal_hedges ("may", "can"), searched after a figure with an approximation: it hedges the figure too
    (method 67)."""
    phrase_stops: frozenset[str] = frozenset()
    """Words no outcome in words holds (:attr:`measured_before`): a group's ("patients were older than 65 years":
    population_groups, population_referents), a clause's opening or joining word ("If the lactate is > 2 mmol/L":
    clause_connectors, …_without_comma, condition_openers, opening_continuations, relative_words, person_relatives),
    a pronoun (pronouns) and a verb ("the time in range should ideally be": clause_verbs, auxiliaries, modal_hedges)."""
    dosed_after: re.Pattern[str] = re.compile(r"(?!)")
    """What stands between a dose and the drug written right after it that it is a dose of ("the 52 mg
    levonorgestrel-releasing intrauterine system": white space, a word of course_links_after and up to two words of
    drug_modifiers between: "800 IU of oral vitamin D", method 99), matched whole."""

    example_before: re.Pattern[str] = re.compile(r"(?!)")
    """A word of example_openers and up to EXAMPLE_WORDS words, searched in the text between a figure and a concept
    written after it ("…, including autism", "…, for example because of an abnormal EEG"): the concept is an example
    of what the figure is about, not its object or outcome (method 122)."""
    ratio_group: re.Pattern[str] = re.compile(r"(?!)")
    """A group of population_groups and a word of population_condition_links, matched right after a natural
    frequency: the group it counts in ("1 in 3 people with open-angle glaucoma", method 143)."""
    example_aside: re.Pattern[str] = re.compile(r"(?!)")
    """A comma and a word of example_openers, searched after a figure: an example set off from the figure's clause
    (", most often dry mouth"), whose hedge word is not the figure's (method 141)."""
    negation_bound: re.Pattern[str] = re.compile(r"(?!)")
    """A negation cue, up to three words, then a word of negation_bounds ("not started until", "not be given until"),
    matched at the cue: the negation says when something begins, so a figure after the bound word is that time,
    not negated (method 133)."""
    negated_effect: re.Pattern[str] = re.compile(r"(?!)")
    """A negation cue, up to two words, then a word of negated_effects ("did not reduce", "had no effect on", "was not
    significantly associated"), matched at the cue: the negation says an effect did not happen, not that an amount
    written before it was not given (:mod:`calckg.extract.polarity`, method 117)."""

    counted_subject: re.Pattern[str] = re.compile(r"(?!)")
    """What may stand between a share and a negation it is the subject of, matched whole: a preposition of the
    population cues and words with no figure or punctuation ("of the people who died"), then an auxiliary, copula or
    modal ("had"): "45% of the people who died had not sought help" counts those who had not (method 140)."""
    complement_before: re.Pattern[str] = re.compile(r"(?!)")
    """A word of complement_words or determiners right before a figure, searched in the text before it: the figure is
    a complement ("reduced by 20%", "a 20% fall"), the subject of no negation written after it (method 140)."""
    verb_before: re.Pattern[str] = re.compile(r"(?!)")
    """A word right before a negation of object_negations ("needed no", "had none"), searched between a share and
    the cue: the verb of the predicate the share counts (method 140)."""
    predicate_end: re.Pattern[str] = re.compile(r"(?!)")
    """Where a negated predicate's words end (predicate_ends, punctuation or a digit): "did not come back" after a
    median follow-up of 34 months (method 140)."""

    modifier_word: re.Pattern[str] = re.compile(r"(?!)")
    """A drug's route or salt (drug_modifiers), matched whole against a concept's words: written after a name, it is
    that drug's ("alverine citrate" is no citric acid: :meth:`salt_of_a_name`)."""

    def salt_of_a_name(self, text: str, start: int, end: int) -> bool:
        """Whether the concept written at text[start:end] is a word of drug_modifiers right after another word: the
        salt or route of the drug that word names ("alverine citrate", method 81), not a concept of its own."""
        return (self.modifier_word.fullmatch(text, start, end) is not None
                and _NAME_BEFORE.search(text, 0, start) is not None)

    def in_composite(self, text: str, start: int, end: int) -> bool:
        """Whether the concept written at text[start:end] is one part of a composite outcome, joined to the others
        by a word of composite_joiners ("death or hospital admission", "readmission … or death"): a figure on the
        composite measures no one of its parts (method 96)."""
        return (self.composite_before.search(text, 0, start) is not None
                or self.composite_after.match(text, end) is not None)

    def example_asides(self, text: str) -> list[tuple[int, int]]:
        """Where each example set off by a comma (example_aside: ", most often dry mouth,") begins and ends (at the
        next comma or semicolon, else the text's end): a figure outside it takes neither its hedge word nor its
        concepts (method 141)."""
        found = []
        for example in self.example_aside.finditer(text):
            stop = ASIDE_END.search(text, example.end())
            found.append((example.start(), len(text) if stop is None else stop.start()))
        return found

    def excluded(self, text: str, start: int) -> bool:
        """Whether the concept written at `start` is a condition a group lacks, not a copula's negation, or a
        covariate a result was adjusted for (method 49): never a claim's subject, object or outcome."""
        if self.covariate_before.search(text, 0, start) is not None:
            return True
        cue = self.excluding.search(text, 0, start)
        return cue is not None and self.copula_before.search(text, 0, cue.start()) is None

    def scale_range(self, text: str, statistic: Statistic) -> bool:
        """A range from 0 that a scale word names: the scale's range ("the ADHD Rating Scale, which runs from 0 to 72
        points"), not a result (method 61)."""
        before, after = self.scale_near
        named = before.search(text, 0, statistic.start) is not None or after.match(text, statistic.end) is not None
        return statistic.kind is StatisticKind.QUANTITY_RANGE and statistic.low == 0 and named

    def design_count(self, text: str, statistic: Statistic) -> bool:
        """A count that is a study's size, not a result: it measures nothing, so its claim has no outcome."""
        return statistic.kind is StatisticKind.COUNT and (
            (statistic.measure or "").casefold().rpartition(" ")[2] in self.design_nouns  # "two randomised trials"
            or self.design_opener.search(text, 0, statistic.start) is not None)

    @classmethod
    def load(cls, path: Path) -> ClaimCues:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            lists = [document[key] for key in ("negation", "hedge", "restatement", "population")]
            if not all(isinstance(cues, list) and cues and all(isinstance(c, str) for c in cues) for cues in lists):
                raise ValueError("an empty list or one that is not all words")
            negation, hedge, restatement, population = lists
            if any(len(cue.split()) < 2 for cue in population):
                raise ValueError("a population cue is a preposition and a group (of patients with)")
            optional = [document.get(key, []) for key in OPTIONAL_LISTS]
            wrong = [key for key, words in zip(OPTIONAL_LISTS, optional, strict=True)
                     if not isinstance(words, list) or not all(isinstance(w, str) for w in words)]
            if wrong:
                raise ValueError(f"{', '.join(wrong)} must be lists of words")
            w = SimpleNamespace(**dict(zip(OPTIONAL_LISTS, optional, strict=True)))  # each optional list, by its key
            anyone = [*w.population_groups, *w.population_referents]
            clauses = ClauseReader(w.clause_connectors, w.clause_openers, w.condition_openers, w.copula_only_negations,
                                   w.copulas, continuations=w.opening_continuations,
                                   forward_only=w.forward_only_negations, groups=anyone,
                                   bare_connectors=w.clause_connectors_without_comma, relative_words=w.relative_words,
                                   auxiliaries=w.auxiliaries,
                                   person_relatives=w.person_relatives, condition_links=w.population_condition_links,
                                   condition_negations=w.population_condition_negations,
                                   group_negations=w.group_negations,
                                   verbs=[*w.copulas, *w.auxiliaries, *w.modal_hedges, *w.clause_verbs,
                                          *w.result_verbs],
                                   predicate_verbs=[*w.copulas, *w.auxiliaries, *w.modal_hedges, *w.clause_verbs],
                                   subordinate=w.subordinators, sequence_words=w.sequence_words,
                                   group_prepositions=w.measure_group_prepositions)
            # a drug's route or salt may stand between it and its dose: "cefuroxime axetil 500 mg"
            routes = rf"(?:(?:{alternation(w.drug_modifiers)})\s+)*" if w.drug_modifiers else ""
            verbs = alternation([*w.auxiliaries, *w.copulas, *w.modal_hedges])  # "had been" free of seizures
            prepositions = alternation({cue.split()[0] for cue in population})  # "of" of "of patients with"
            return cls(words_pattern(negation), words_pattern(hedge),
                       re.compile(rf"(?i)\s*(?:{alternation(restatement)})\s*"),
                       population_pattern(population, w.population_groups, w.population_treatment_verbs,
                                   w.population_condition_links),
                       not_negation_pattern(w.not_negation, w.comparison_openers, negation), clauses,
                       re.compile(rf"(?i)\s*{routes}(?:(?:{alternation(w.figure_links_before)})\s+)?"),
                       arm_links_pattern(w.arm_links_after, population, anyone, w.arm_participles, w.determiners),
                       age_groups_patterns(w.population_groups, w.population_age_words, w.population_age_units,
                                   w.population_referents, population, w.population_condition_links),
                       frozenset(w.dose_units), not_hedge_pattern(w.not_hedge, w.person_relatives, w.ability_modals),
                       re.compile(rf"(?i)\s*(?:{alternation(w.formulations)})(?!\w)"),
                       phrase_ends_pattern(w.population_phrase_ends, w.population_phrase_breaks,
                                           w.population_phrase_ranges, w.population_relative_breaks),
                       frozenset(n.casefold() for n in w.design_count_nouns),
                       re.compile(rf"(?i)(?<!\w)(?:{alternation(w.design_count_openers)})\s+(?:[^\W\d_]+\s+){{0,2}}$"
                                  if w.design_count_openers else r"(?!)"),
                       re.compile(rf"(?i)(?<!\w)(?:{alternation(w.exclusions)})\s+(?:[^\W\d_][\w-]*\s+){{0,3}}$"
                                  if w.exclusions else r"(?!)"),
                       re.compile(rf"(?i)(?<!\w)(?:{alternation(w.copulas)})\s+$"),
                       re.compile(rf"(?i)\s+(?:{alternation(w.course_links_after)})\s+"
                                  rf"(?:(?:{alternation(w.drug_modifiers)})\s+){{0,2}}"
                                  if w.course_links_after and w.drug_modifiers else r"(?!)"),
                       change_before=re.compile(rf"(?i)(?<![\w-])(?:{alternation(w.change_verbs)})\s+"
                                                rf"(?:(?:{alternation(w.determiners)})\s+)?"
                                                rf"(?P<what>[^\d.,;:()\[\]]{{3,80}}?)\s+(?P<to>by|to)\s+$"
                                                if w.change_verbs and w.determiners else r"(?!)"),
                       covariate_before=re.compile(rf"(?i)(?<!\w)(?:{alternation(w.covariate_openers)})\s+"
                                                   rf"(?:[^\W\d_][\w'’-]*,?\s+){{0,{COVARIATE_WORDS}}}$"
                                                   if w.covariate_openers else r"(?!)"),
                       compound_modifier=re.compile(rf"(?i)-[^\W\d_]*(?:{alternation(w.compound_modifier_endings)})"
                                                    r"(?![\w-])" if w.compound_modifier_endings else r"(?!)"),
                       measured_before=measured_before_pattern(w.copulas, w.determiners, w.opening_continuations),
                       dosed_after=re.compile(rf"(?i)\s+(?:(?:{alternation(w.course_links_after)})\s+)?"
                                              rf"(?:(?:{alternation(w.drug_modifiers)})\s+){{0,2}}"),
                       example_before=re.compile(rf"(?i)(?<![\w-])(?:{alternation(w.example_openers)})\s+"
                                                 rf"(?:[^\W\d_][\w'’-]*\s+){{0,{EXAMPLE_WORDS}}}$"
                                                 if w.example_openers else r"(?!)"),
                       course_before=re.compile(rf"(?i)(?:-[^\W\d_]+)*\s+(?:{alternation(w.course_links_before)})\s+"
                                                if w.course_links_before else r"(?!)"),
                       listed_before=re.compile(rf"(?i)(?:,|(?<![\w-])(?:{alternation(w.course_list_joiners)}))\s+"
                                                rf"(?:(?:{alternation([*w.determiners, *w.drug_modifiers])})\s+)*$"),
                       ratio_group=re.compile(rf"(?i)\s+(?:{alternation(w.population_groups)})\s+"
                                              rf"(?:{alternation(w.population_condition_links)})(?![\w-])"),
                       example_aside=re.compile(rf"(?i),\s+(?:{alternation(w.example_openers)})(?![\w-])"),
                       negation_bound=re.compile(rf"(?i)(?:{alternation(negation)})\s+(?:[^\W\d_]+\s+){{0,3}}?"
                                                 rf"(?:{alternation(w.negation_bounds)})(?![\w-])"
                                                 if w.negation_bounds else r"(?!)"),
                       negated_effect=re.compile(rf"(?i)(?:{alternation(negation)})\s+(?:[^\W\d_]+\s+){{0,2}}?"
                                                 rf"(?:{alternation(w.negated_effects)})(?![\w-])"
                                                 if w.negated_effects else r"(?!)"),
                       counted_subject=re.compile(
                           rf"(?i)(?:\s+(?:{prepositions})\s+"
                           rf"[^\d,;:()\[\]]{{1,80}}?)?\s+(?:(?P<verb>(?:{verbs})(?:\s+(?:{verbs}))?)\s+)?"),
                       complement_before=re.compile(
                           rf"(?i)(?<![\w-])(?:{alternation([*w.complement_words, *w.determiners])})\s+$"),
                       verb_before=re.compile(rf"(?i)[^\W\d_][\w'’-]*(?=\s+(?:{alternation(w.object_negations)})"
                                              r"(?![\w-])\s*$)"),
                       predicate_end=re.compile(rf"(?i)[\d,;:.!?()\[\]]|(?<![\w-])(?:{alternation(w.predicate_ends)})"
                                                r"(?![\w-])"),
                       modifier_word=re.compile(rf"(?i)(?:{alternation(w.drug_modifiers)})"
                                                if w.drug_modifiers else r"(?!)"),
                       control_arms=frozenset(word.casefold() for word in w.control_arms),
                       result_verb=cue_pattern(w.result_verbs),
                       share_of_group=re.compile(
                           rf"(?i)\s+(?:{prepositions})\s+"
                           rf"(?:[^\W\d_][\w'’-]*\s+){{0,3}}?(?:{alternation(w.population_groups)})(?![\w-])"
                           if w.population_groups else r"(?!)"),
                       scale_near=scale_near_patterns(w.scale_words),
                       # every pattern of whole cue words is cue_pattern's; an empty list never matches (alternation)
                       relative=cue_pattern([*w.relative_words, *w.person_relatives]),
                       clause_relative=cue_pattern(w.relative_words),
                       modal=cue_pattern(w.modal_hedges),
                       comparison=cue_pattern(w.comparison_openers),
                       advice=cue_pattern(w.advice_lead_ins),
                       respective=cue_pattern(w.respective_cues),
                       duration=cue_pattern(w.duration_cues),
                       composite_before=re.compile(rf"(?i)(?<![\w-])(?:{alternation(w.composite_joiners)})\s+$"),
                       composite_after=re.compile(
                           rf"(?i)(?:,\s+{_ITEM})*,?\s+(?:{alternation(w.composite_joiners)})\s"),
                       phrase_stops=frozenset(word.casefold() for word in [
                           *anyone, *w.clause_connectors, *w.clause_connectors_without_comma, *w.condition_openers,
                           *w.opening_continuations, *w.relative_words, *w.person_relatives, *w.pronouns,
                           *w.clause_verbs, *w.auxiliaries, *w.modal_hedges]))  # fmt: skip
        except OSError as error:
            raise InputError(f"{path}: cannot read ({error.strerror})") from None
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}: expected lists negation, hedge, restatement and population ({error!r})") from None


ASIDE_END = re.compile(r",(?=\s)|;")
"""Where an aside set off by a comma ends."""
_NAME_BEFORE = re.compile(r"[^\W\d_]{3,}\s$")
"""A word of letters right before a concept (and one space)."""


@lru_cache(maxsize=1)
def shipped_cues() -> ClaimCues:
    return ClaimCues.load(data_dir() / CUES_FILE)
