"""An article's matcher keeps a vocabulary abbreviation only where the article says what it stands for: a
definition whose long form the vocabulary recognises, or the same concept named in full elsewhere in the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calckg.article_matcher import ArticleMatcher
from calckg.errors import InputError
from calckg.match_rules import MatchRules, match_rules
from calckg.namespaces import CONCEPT
from calckg.vocabulary import article_matcher

ADA_DEFICIENCY = CONCEPT["doid-5810"]  # DO: adenosine deaminase deficiency, synonym "ADA"
ARDS = CONCEPT["doid-11394"]
COPD = CONCEPT["doid-3083"]


def _linked(texts: list[str], text: str) -> list[tuple[str, str]]:
    matcher = ArticleMatcher(article_matcher(texts[0], texts[1:]), texts, match_rules())
    return [(text[m.start : m.end], str(m.concept)) for m in matcher.match(text)]


def test_an_abbreviation_the_article_never_resolves_stays_unlinked() -> None:
    texts = ["How is gestational diabetes treated?", "The ADA glucose targets are a fasting value of 95 mg/dL."]
    assert ("ADA", str(ADA_DEFICIENCY)) not in _linked(texts, texts[1])
    assert ("ADA", str(ADA_DEFICIENCY)) in _linked(texts, "Is ADA an inherited immunodeficiency?")  # not its text


def test_an_abbreviation_defined_as_something_the_vocabulary_does_not_know_stays_unlinked() -> None:
    texts = ["How is gestational diabetes treated?", "The American Diabetes Association (ADA) sets glucose targets.",
             "The ADA advises a fasting target."]
    assert [s for s, _ in _linked(texts, texts[2])] == []


def test_an_abbreviation_named_in_full_or_defined_by_a_known_long_form_is_linked() -> None:
    named = ["What is ADA deficiency?", "Adenosine deaminase deficiency is rare.", "ADA is treated with enzyme therapy."]
    assert ("ADA", str(ADA_DEFICIENCY)) in _linked(named, named[2])
    defined = ["When is ECMO used?", "It is used in severe acute respiratory distress syndrome (ARDS).",
               "In ARDS, ventilation is protective."]
    assert ("ARDS", str(ARDS)) in _linked(defined, defined[2])


def test_a_concept_inside_the_name_of_an_organisation_the_article_abbreviates_is_not_mentioned() -> None:
    texts = ["How are COPD exacerbations managed?",
             "The Global Initiative for Chronic Obstructive Lung Disease (GOLD) defines an exacerbation.",
             "Chronic obstructive pulmonary disease (COPD) is common."]
    # "Chronic Obstructive Lung Disease" is part of GOLD's name: the sentence mentions the exacerbation only
    assert [words for words, _ in _linked(texts, texts[1])] == ["exacerbation"]
    assert ("Chronic obstructive pulmonary disease", str(COPD)) in _linked(texts, texts[2])
    # a capitalised long form that is no organisation's name keeps its concepts
    thyroid = ["How are thyroid nodules evaluated?", "Thyroid Nodule Ultrasound Features (TNUF) matter.",
               "The Thyroid Nodule Study Group (TNSG) advises."]
    assert [words for words, _ in _linked(thyroid, thyroid[1])] == ["Thyroid Nodule", "Ultrasound"]
    assert _linked(thyroid, thyroid[2]) == []  # a study group's name


def test_name_words_must_be_a_list_of_words(tmp_path: Path) -> None:
    from calckg.resources import data_dir

    rules = json.loads((data_dir() / "vocab" / "match-rules.json").read_text(encoding="utf-8"))
    for bad in ("society", ["society", ""], [3]):
        path = tmp_path / "match-rules.json"
        path.write_text(json.dumps({**rules, "name_words": bad}), encoding="utf-8")
        with pytest.raises(InputError, match=r"match-rules.json: not a valid match-rules file .*name_words"):
            MatchRules.load(path)


def test_an_abbreviation_no_vocabulary_has_stands_for_the_concept_of_its_defined_long_form() -> None:
    """"BPPV" is no label of any vocabulary; the article defines it for DO's benign paroxysmal positional vertigo,
    so each "BPPV" of the article mentions that concept (the definition's own "(BPPV)" too); a definition whose long
    form no concept covers ("American Diabetes Association") or that names an organisation links nothing."""
    bppv = str(CONCEPT["doid-13941"])
    texts = ["How is vertigo treated?", "Benign paroxysmal positional vertigo (BPPV) is common.",
             "BPPV often comes back, and posterior canal BPPV is the usual form."]
    assert _linked(texts, texts[2]) == [("BPPV", bppv), ("BPPV", bppv)]
    assert _linked(texts, texts[1]) == [("Benign paroxysmal positional vertigo", bppv), ("BPPV", bppv)]
    assert _linked(texts, "BPPV is common.") == []  # another article's text: matched as it stands
    other = ["How is gestational diabetes treated?", "The American Diabetes Association (ADA) sets targets.",
             "The European Thyroid Association (ETA) advises it.", "The ADA and the ETA agree."]
    assert _linked(other, other[3]) == []


def test_a_word_the_article_writes_in_capitals_is_a_name_unless_defined_as_an_abbreviation() -> None:
    """fresh-q's audit: "In the PROGNOSIS study …" mentioned the concept prognosis. A word in capitals whose label the
    vocabulary writes in ordinary case is a trial's or study's name; one the article defines as an abbreviation
    ("calcitonin gene-related peptide (CGRP)", DrugBank's label "cgrp") keeps the abbreviation rule."""
    cgrp = str(CONCEPT["drugbank-db06379"])
    texts = ["How is migraine prevented?", "In the PROGNOSIS study, the prognosis was good.",
             "Monoclonal antibodies against calcitonin gene-related peptide (CGRP) work.", "A CGRP antibody is given."]
    assert _linked(texts, texts[1]) == [("prognosis", str(CONCEPT.prognosis))]
    assert ("CGRP", cgrp) in _linked(texts, texts[3])
    assert _linked(texts, "The PROGNOSIS study.") == [("PROGNOSIS", str(CONCEPT.prognosis))]  # not its text


def test_a_concept_followed_by_a_name_head_is_part_of_a_longer_name() -> None:
    """fresh-q's audit: "soluble fms-like tyrosine kinase 1" mentioned the amino acid tyrosine. A concept's words
    followed by a head of data/vocab/name-heads.json (after a space or a hyphen, singular or plural) name a protein or
    a drug class no vocabulary holds; a name a vocabulary holds whole keeps its own concept."""
    texts = ["How is pre-eclampsia diagnosed?", "The ratio of soluble fms-like tyrosine kinase 1 to PlGF helps.",
             "A direct thrombin inhibitor such as dabigatran, or a vitamin K antagonist, can be used.",
             "The calcium-sensing receptor and calcium channel blockers are named; calcium is too."]
    assert _linked(texts, texts[1]) == []
    assert [s for s, _ in _linked(texts, texts[2])] == ["dabigatran", "vitamin K antagonist"]
    assert [s for s, _ in _linked(texts, texts[3])] == ["calcium channel blockers", "calcium"]
    assert [s for s, _ in _linked(texts, "Tyrosine kinase inhibitors and tyrosine.")] == ["tyrosine"]  # not its text
    # fresh-w's audit: "bile duct stones" and "bile duct injury" gave the subject "duct"; "blood test abnormalities"
    # the outcome "blood test"
    text = "Bile duct stones, bile duct injury and blood test abnormalities; a duct."
    assert [s for s, _ in _linked(texts, text)] == ["duct"]


def test_a_bad_name_heads_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    from calckg.name_heads import NameHeads

    bad = tmp_path / "name-heads.json"
    bad.write_text(json.dumps({"heads": ["kinase", 3]}), encoding="utf-8")
    with pytest.raises(InputError, match=r"name-heads\.json: expected a list of words under 'heads'"):
        NameHeads.load(bad)
    with pytest.raises(InputError, match=r"missing\.json: cannot read"):
        NameHeads.load(tmp_path / "missing.json")


def test_a_question_naming_a_longer_name_does_not_ask_about_the_concept_inside_it() -> None:
    """The same rule for questions (calckg.question_units): "calcium-sensing receptor" is asked as words, not as the
    concept calcium."""
    from calckg.question_units import question_units
    from calckg.text_index import StatementRow, build_index

    page = "https://x/urine"
    index = build_index({page: "What does a 24-hour urine calcium test show?"}, [
        StatementRow(page, f"{page}/s/1", 3, "Variants of the calcium-sensing receptor gene change urine calcium.")])
    concepts, units = question_units("What does the calcium-sensing receptor do?", index)
    assert concepts == () and [u.label for u in units] == ["calcium", "sensing", "receptor"]
    concepts, _ = question_units("How much calcium is normal?", index)
    assert [c.label for c in concepts] == ["calcium"]


def test_a_standard_abbreviation_of_the_core_needs_no_definition_unless_the_article_gives_another() -> None:
    """"MRI" and "ECG" were left unlinked in every article that wrote them without a definition or the long form
    (29 statements of 90 articles); a standard abbreviation (data/vocab/match-rules.json) links its core concept.
    One the article defines otherwise keeps the article's meaning, and an ambiguous one ("US") still needs it."""
    mri, ct, ultrasound = (CONCEPT[slug] for slug in ("magnetic-resonance-imaging", "computed-tomography",
                                                      "ultrasound"))
    texts = ["How is carpal tunnel syndrome managed?", "Guidelines advise against routine MRI or CT.",
             "US guidance differs."]
    assert _linked(texts, texts[1]) == [("MRI", str(mri)), ("CT", str(ct))]
    assert ("US", str(ultrasound)) not in _linked(texts, texts[2])
    defined = ["How is chlamydia treated?", "Chlamydia trachomatis (CT) is common.", "CT is treated with doxycycline."]
    assert ("CT", str(ct)) not in _linked(defined, defined[2])


def test_every_standard_abbreviation_is_a_label_of_its_core_concept() -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import SKOS

    from calckg.match_rules import vocab_dir

    core = Graph().parse(vocab_dir() / "core.ttl")
    standard = match_rules().standard_abbreviations
    assert len(standard) == 41
    for slug, label in standard:
        labels = {*core.objects(CONCEPT[slug], SKOS.prefLabel), *core.objects(CONCEPT[slug], SKOS.altLabel)}
        assert Literal(label, lang="en") in labels, (slug, label)


def test_an_abbreviation_with_an_everyday_meaning_links_its_concept_only_where_the_article_defines_it() -> None:
    """fresh-ao's audit: "In three large US cohorts …, a history of gallstone disease …" mentioned ultrasound, and so
    did "22,500 US veterans" in the hepatitis C article: each article writes "ultrasound" elsewhere, which kept the
    undefined "US". "US" is a `defined_only_abbreviations` entry (data/vocab/match-rules.json): it links ultrasound
    only where the article defines it so."""
    ultrasound = str(CONCEPT["ultrasound"])
    texts = ["How are gallstones managed?", "Ultrasound is the first test.", "Three large US cohorts found this."]
    assert _linked(texts, texts[1]) == [("Ultrasound", ultrasound)]
    assert _linked(texts, texts[2]) == []
    defined = ["How are gallstones managed?", "Ultrasound (US) is the first test.", "US shows the stones."]
    assert _linked(defined, defined[2]) == [("US", ultrasound)]
    assert match_rules().defined_only_abbreviations == frozenset({("ultrasound", "US")})


@pytest.mark.parametrize(("key", "label"), [("standard_abbreviations", "Mri"), ("standard_abbreviations", "MRI-SCAN"),
                                            ("defined_only_abbreviations", "Us")])
def test_a_listed_abbreviation_that_is_no_abbreviation_is_refused_naming_the_file(tmp_path: Path, key: str,
                                                                                 label: str) -> None:
    path = tmp_path / "match-rules.json"
    path.write_text(json.dumps({"min_length": 4, "abbreviation_max_length": 6, "abbreviation_min_length": 3,
                                "stop_labels": [], key: [
                                    {"concept": "magnetic-resonance-imaging", "label": label, "why": "x"}]}))
    with pytest.raises(InputError, match=f"{path}: not a valid match-rules file .*{key} must be "
                                         "capitals of at most 6 characters"):
        MatchRules.load(path)
