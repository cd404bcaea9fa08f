"""Populations of figure claims read with the shipped cues (calckg.extract.population, data/claim-cues.json):
a population phrase runs to punctuation or an end word and must end with a concept; a relative clause or a
comparison makes it no plain population; a population whose cue follows a figure at once is that figure's only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calckg.extract.cues import ClaimCues, shipped_cues
from calckg.extract.population import age_populations, claimed, population_of, populations
from calckg.ingest.numbers import extract_statistics
from calckg.link import ConceptMatch
from calckg.namespaces import CONCEPT
from calckg.resources import data_dir


def _populations(text: str, *concepts: str) -> list[tuple[str, str | None]]:
    """Each figure of `text` with its population, the `concepts` being the text's mentions (as written)."""
    cues = shipped_cues()
    mentions = [ConceptMatch(CONCEPT[c.replace(" ", "-")], c, text.index(c), text.index(c) + len(c))
                for c in concepts]
    statistics = extract_statistics(text)
    found = claimed(text, populations(text, cues.population, mentions, cues.population_end), statistics)
    assert cues.age_groups is not None
    found += age_populations(text, statistics, cues.age_groups, mentions, cues.population_end)
    return [(s.surface, population_of(text, s, found, cues.age_groups)) for s in statistics]


@pytest.mark.parametrize(("text", "concepts", "expected"), [
    # a sample size and one word may stand between the preposition and the group; the population has neither
    ("In a trial of 513 non-pregnant women with lower UTI in Switzerland, nitrofurantoin cured 70%.", ["UTI"],
     [("70%", "non-pregnant women with lower UTI")]),
    # the phrase runs to punctuation, through a modifier and "and", and ends with a concept
    ("In 1,663 patients with severe heart failure (NYHA class III or IV), mortality was 35%.", ["heart failure"],
     [("1,663 patients", "patients with severe heart failure"), ("35%", "patients with severe heart failure")]),
    # a sample size alone opens a cue too; not after a word of population_treatment_verbs
    ("The RALES trial randomised 1,663 patients with severe heart failure (NYHA class III or IV) to 25 mg.",
     ["heart failure"],
     [("1,663 patients", "patients with severe heart failure"), ("25 mg", "patients with severe heart failure")]),
    ("After 6 months patients with psoriasis had a 40% lower score.", ["psoriasis"],  # a time, no sample size
     [("6 months", None), ("40%", None)]),
    ("Treating 255 patients with a statin for 4 years resulted in one extra case of diabetes.", ["statin", "diabetes"],
     [("255 patients", None), ("4 years", None)]),
    # a relative clause narrows the group: no plain population
    ("Prednisone 40 mg a day could be considered in adults with cellulitis who do not have diabetes.", ["cellulitis"],
     [("40 mg a day", None)]),
    # … unless the relative clause on the group runs to punctuation, ends with a concept and keeps the phrase within
    # fourteen words: it goes on with the population (method 53)
    ("In a trial of 245 adults with IDA who could not tolerate oral iron, ferric carboxymaltose helped 80%.",
     ["IDA", "oral iron", "ferric carboxymaltose"],
     [("245 adults", "adults with IDA who could not tolerate oral iron"),
      ("80%", "adults with IDA who could not tolerate oral iron")]),
    ("Of 300 patients with gout who had been given colchicine for at least twelve weeks before the first flare of "
     "the trial, 40% relapsed.", ["gout", "colchicine", "flare"],
     [("300 patients", None), ("twelve weeks", None), ("40%", None)]),
    # a comparison right after it makes it a trial arm, not a population
    ("New fractures occurred in 5.4% of women with teriparatide vs. 12.0% with risedronate.", ["teriparatide"],
     [("5.4%", None), ("12.0%", None)]),
    # a phrase that does not end with a concept is no plain population
    ("Pain resolved in 60% of children with pain quickly.", ["pain"], [("60%", None)]),
    # "at", "each" and "every" end the phrase (method 145): the time or place after it is no part of the group
    ("Pain resolved in 60% of children with pain at 24 hours.", ["pain"], [("60%", "children with pain")]),
    # the cue follows a figure at once: that figure's population, not the statement's
    ("Oxygen reduced mortality by 58% in all patients and by 78% in patients with confirmed COPD.", ["COPD"],
     [("58%", None), ("78%", "patients with confirmed COPD")]),
    # … and the figures of a parenthesis written right after its phrase
    ("Mortality fell by 58% in all patients (relative risk 0.42) and by 78% in patients with confirmed COPD "
     "(relative risk 0.22; P = 0.04).", ["COPD"],
     [("58%", None), ("relative risk 0.42", None), ("78%", "patients with confirmed COPD"),
      ("relative risk 0.22", "patients with confirmed COPD"), ("P = 0.04", "patients with confirmed COPD")]),
    ("Anticoagulate for 3 months, or for 3 to 6 months in people with active cancer.", ["cancer"],
     [("3 months", None), ("3 to 6 months", "people with active cancer")]),
    # "1 in 3 people with …" is a natural frequency, not a sample size: no cue, so no population for it or the other
    # figures either
    ("Normal IOP is 10-21 mmHg, but 1 in 3 people with glaucoma have an IOP of 21 mmHg or less.", ["glaucoma"],
     [("10-21 mmHg", None), ("1 in 3", None), ("21 mmHg", None)]),
    # … nor with a number word before "in" (the denominator words of data/quantities.json)
    ("Normal IOP is 10-21 mmHg, but one in 3 people with glaucoma have an IOP of 21 mmHg or less.", ["glaucoma"],
     [("10-21 mmHg", None), ("one in 3", None), ("21 mmHg", None)]),
    ("In glaucoma clinics, 1 out of 3 patients with glaucoma had an IOP of 21 mmHg or less.", ["glaucoma"],
     [("1 out of 3", None), ("21 mmHg", None)]),
    # a number word that is no ratio's count stays a cue's word
    ("The pain score fell by three in older patients with gout (from 7 to 4).", ["gout"],
     [("from 7 to 4", "older patients with gout")]),
    # a group word before the figure: it is that group's, not the population named after it
    ("For people who have had an episode of CDI within the previous 6 months, IDSA/SHEA suggests bezlotoxumab, "
     "with caution in people with congestive heart failure.", ["CDI", "congestive heart failure"],
     [("6 months", None)]),
    # an age-bounded group goes on with the condition written right after it, named as plainly
    ("In WOSCOPS, 6595 men aged 45 to 64 years with high cholesterol were randomized to pravastatin 40 mg.",
     ["high cholesterol", "pravastatin"],
     [("6595 men", "men aged 45 to 64 years with high cholesterol"),
      ("45 to 64 years", "men aged 45 to 64 years with high cholesterol"),
      ("40 mg", "men aged 45 to 64 years with high cholesterol")]),
    # … but not when a parenthesis follows: what names the group may come after it
    ("Adults aged 20 to 75 years with a low-density lipoprotein cholesterol (LDL-C) of 190 mg/dL or higher should "
     "take a statin.", ["low-density lipoprotein cholesterol"],
     [("20 to 75 years", "Adults aged 20 to 75 years"), ("190 mg/dL", "Adults aged 20 to 75 years")]),
    # a range of severity holds an end word ("to") but is part of the phrase (population_phrase_ranges)
    ("In the ATTRACT trial of 962 adults with moderate to severe papulopustular rosacea, ivermectin 1% cream once "
     "daily reduced lesions by 83.0%.", ["rosacea"],
     [("962 adults", "adults with moderate to severe papulopustular rosacea"),
      ("1%", "adults with moderate to severe papulopustular rosacea"),
      ("83.0%", "adults with moderate to severe papulopustular rosacea")]),
    # … while "to" outside such a range still ends it: "randomised to" opens no part of the group
    ("Of 300 patients with gout randomised to colchicine, 40% relapsed.", ["gout"],
     [("300 patients", "patients with gout"), ("40%", "patients with gout")]),
    # at most eight words after "with"
    ("In patients with a long and very winding history of recurrent chronic gout, 20% relapse.", ["gout"],
     [("20%", None)]),
])  # fmt: skip
def test_population_phrases(text: str, concepts: list[str], expected: list[tuple[str, str | None]]) -> None:
    assert _populations(text, *concepts) == expected


def test_the_words_that_open_a_groups_condition_are_data(tmp_path: Path) -> None:
    """population_condition_links of the cue file: with "having" instead of "with", "in 40 patients having gout"
    opens a population cue and "in 40 patients with gout" does not; without the list, only the listed cues do."""
    document = json.loads((data_dir() / "claim-cues.json").read_text(encoding="utf-8"))
    document["population_condition_links"] = ["having"]
    path = tmp_path / "claim-cues.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    cues = ClaimCues.load(path)
    assert [m.group() for m in cues.population.finditer("in 40 patients having gout; in 40 patients with gout")] == [
        "in 40 patients having"]
    assert cues.age_groups is not None
    aged = "In WOSCOPS, 6595 men aged 45 to 64 years having high cholesterol were randomized."
    mention = ConceptMatch(CONCEPT["high-cholesterol"], "high cholesterol", aged.index("high"),
                           aged.index("high") + len("high cholesterol"))
    assert [p.text for p in age_populations(aged, extract_statistics(aged), cues.age_groups, [mention],
                                            cues.population_end)] == [
        "men aged 45 to 64 years having high cholesterol"]
    # … and a group's condition negated by a word of population_condition_negations is no negation of the claim
    text = "500 adults having cellulitis and no abscess were given cefalexin 500 mg."
    start = text.index("500 mg")
    assert cues.clauses.claim_part(text, start, start + 6)[text.index(" no ") + 1 : text.index(" no ") + 3] == "  "
    assert shipped_cues().clauses.claim_part(text, start, start + 6)[text.index(" no ") + 1 : text.index(" no ") + 3] \
        == "no"  # the shipped "with" does not open the condition "having … no"
    del document["population_condition_links"]
    path.write_text(json.dumps(document), encoding="utf-8")
    bare = ClaimCues.load(path)
    assert bare.population.search("in 40 patients with gout") is None
    assert bare.population.search("in patients with gout") is not None  # a listed cue of "population"
