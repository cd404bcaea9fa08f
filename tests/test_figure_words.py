"""Words a question uses for a kind of figure (data/figure-words.json) or of thing (data/class-words.json): a
statement giving that kind of figure, or speaking of a concept of that class, is also called by them in the answer
index."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from calckg.answer_index import index_input
from calckg.figure_words import FigureWords, shipped_class_words, shipped_figure_words
from calckg.namespaces import CK
from calckg.pipeline import BuildResult
from calckg.queries import internal_query
from calckg.resources import ontology_dir
from calckg.store.memory import MemoryStore
from calckg.text_index import StatementRow, build_index
from data_file_errors import refusal
from seed import SEED_IRI

DURATION, PERCENTAGE, QUANTITY = (str(CK[name]) for name in ("Duration", "Percentage", "Quantity"))
DURATION_WORDS = ["duration", "durations", "long", "length"]
SHARE_WORDS = ["percentage", "percent", "proportion", "common", "rate", "rates"]
DOSE_WORDS = ["dose", "doses", "dosage", "dosing"]
THRESHOLD_WORDS = ["threshold", "thresholds", "cutoff", "cutoffs"]
MEDICINE_WORDS = ["medicine", "medicines", "drug", "drugs", "tablet", "tablets", "pill", "pills"]


def test_a_figures_kind_gives_its_groups_words_in_the_files_order() -> None:
    words = shipped_figure_words()
    assert words.words_for([(QUANTITY, str(CK.MilligramUnit), False), (DURATION, str(CK.DayUnit), False)]) == (
        DURATION_WORDS + DOSE_WORDS)
    assert words.words_for([(PERCENTAGE, "http://purl.obolibrary.org/obo/UO_0000187", False),
                            (DURATION, None, False)]) == DURATION_WORDS + SHARE_WORDS
    assert words.words_for([(QUANTITY, str(CK.MilligramUnit), False)]) == DOSE_WORDS  # a dose in mg
    assert words.words_for([(QUANTITY, str(CK.MillimolePerLitreUnit), False)]) == []  # a level, no dose
    assert words.words_for([]) == []


def test_a_figure_with_a_comparator_is_a_threshold_whatever_its_kind() -> None:
    """"a QRISK3 10-year CVD risk of 10% or more", "a serum ferritin below 15 µg/L": the threshold group."""
    words = shipped_figure_words()
    assert words.words_for([(QUANTITY, str(CK.MillimolePerLitreUnit), True)]) == THRESHOLD_WORDS
    assert words.words_for([(PERCENTAGE, None, True)]) == SHARE_WORDS + THRESHOLD_WORDS
    assert words.words_for([(str(CK.PValue), None, True)]) == []  # "p < 0.001" is no threshold


def test_every_class_and_unit_of_the_shipped_file_is_declared_in_the_ontology() -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    terms = {URIRef(t) for group in shipped_figure_words().groups
             for t in group.classes | group.units | group.not_classes}
    declared = set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDF.type, CK.Unit))
    assert len(terms) == 13 and terms <= declared


def test_the_index_calls_a_statement_by_the_words_of_its_figures(seed_build: BuildResult) -> None:
    _, rows = index_input(MemoryStore(seed_build.dataset))
    by_statement = {row.iri.removeprefix(f"{SEED_IRI}/section/"): row.names.split(" ; ") for row in rows}
    # "… as bilateral DCIS occurs in approximately 19% of cases" (a percentage): the share words
    assert set(SHARE_WORDS) <= set(by_statement["management-approach/2"])
    assert not set(DURATION_WORDS) & set(by_statement["management-approach/2"])
    # "… in up to 50% of cases" (a comparator): a threshold; "52.2% … (p < 0.001)": a p-value's is none
    assert set(THRESHOLD_WORDS) <= set(by_statement["mammography-as-primary-modality/3"])
    assert not set(THRESHOLD_WORDS) & set(by_statement["detection-challenges/1"])
    # a statement without figures is called only by its concepts' names
    assert not (set(SHARE_WORDS) | set(DURATION_WORDS)) & set(by_statement["definition-and-composition/1"])


def test_a_concepts_class_gives_its_groups_words() -> None:
    words = shipped_class_words()
    assert words.words_for([(str(CK.Drug), None, False)]) == MEDICINE_WORDS
    assert words.words_for([(str(CK.ImagingModality), None, False), (str(CK.LaboratoryTest), None, False)]) == []


def test_the_class_words_classes_are_declared_and_are_those_the_index_query_reads() -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    classes = {URIRef(t) for group in shipped_class_words().groups for t in group.classes}
    assert classes == {CK.Drug} and classes <= set(ontology.subjects(RDF.type, OWL.Class))
    values = internal_query("answers/concept-classes").text.split("VALUES ?class {")[1].split("}")[0].split()
    assert {URIRef(str(CK[v.removeprefix("ck:")])) for v in values} == classes


def test_class_words_call_a_statement_but_not_its_article() -> None:
    """"Which tablet …" finds the statements that speak of a drug; which article a question is about is not
    changed by them (an article that names one drug in passing is no more about tablets)."""
    index = build_index({"https://x/a": "How is gout treated?"}, [
        StatementRow("https://x/a", "https://x/a/s/1", 3, "Allopurinol is started at 100 mg.", kind_words="tablet"),
        StatementRow("https://x/a", "https://x/a/s/2", 4, "Flares are common.")])
    assert index.statements_named("tablets", 1) == {1}
    assert index.articles_with("tablets") == set() and not index.uses("tablet")


@pytest.mark.parametrize(("content", "message"), [
    ("{", "not JSON (line 1"),
    ('{"groups": [{"name": "g", "words": [], "classes": ["ck:Duration"]}]}', "group 'g': words must be"),
    ('{"groups": [{"name": "g", "words": ["long"]}]}', "group 'g': classes, units and not_classes must be"),
    ('{"groups": [{"name": "g", "words": ["long"], "classes": ["Duration"]}]}', "'Duration' is no ck: term"),
    ('{"group": []}', "expected groups"),
    ('{"groups": [{"name": "g", "words": ["threshold"], "bounded": "yes"}]}', "group 'g': bounded must be true or"),
    ('{"groups": [{"name": "g", "words": ["threshold"], "bounded": true, "not_classes": "ck:PValue"}]}',
     "group 'g': classes, units and not_classes must be lists"),
    ('{"groups": [{"name": "g", "words": ["threshold"], "bounded": true, "not_classes": ["PValue"]}]}',
     "'PValue' is no ck: term"),
])
def test_a_bad_figure_words_file_is_refused_naming_the_file_and_group(tmp_path: Path, content: str,
                                                                      message: str) -> None:
    assert message in refusal(FigureWords.load, tmp_path / "figure-words.json", content)


def test_an_unreadable_figure_words_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in refusal(FigureWords.load, tmp_path / "missing.json", None)
