"""Words a question uses for a kind of figure (data/figure-words.json): a statement giving that kind of figure is
also called by them in the answer index."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from calckg.answer_index import index_input
from calckg.figure_words import FigureWords, shipped_figure_words
from calckg.namespaces import CK
from calckg.pipeline import BuildResult
from calckg.resources import ontology_dir
from calckg.store.memory import MemoryStore
from data_file_errors import refusal
from seed import SEED_IRI

DURATION, PERCENTAGE, QUANTITY = (str(CK[name]) for name in ("Duration", "Percentage", "Quantity"))
DURATION_WORDS = ["duration", "durations", "long", "length"]
SHARE_WORDS = ["percentage", "percent", "proportion", "common", "rate", "rates"]


def test_a_figures_kind_gives_its_groups_words_in_the_files_order() -> None:
    words = shipped_figure_words()
    assert words.words_for([(QUANTITY, str(CK.MilligramUnit)), (DURATION, str(CK.DayUnit))]) == DURATION_WORDS
    assert words.words_for([(PERCENTAGE, "http://purl.obolibrary.org/obo/UO_0000187"), (DURATION, None)]) == (
        DURATION_WORDS + SHARE_WORDS)
    assert words.words_for([(QUANTITY, str(CK.MilligramUnit))]) == []  # a dose has no group (it cost a refusal)
    assert words.words_for([]) == []


def test_every_class_and_unit_of_the_shipped_file_is_declared_in_the_ontology() -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    terms = {URIRef(t) for group in shipped_figure_words().groups for t in group.classes | group.units}
    declared = set(ontology.subjects(RDF.type, OWL.Class)) | set(ontology.subjects(RDF.type, CK.Unit))
    assert len(terms) == 4 and terms <= declared


def test_the_index_calls_a_statement_by_the_words_of_its_figures(seed_build: BuildResult) -> None:
    _, rows = index_input(MemoryStore(seed_build.dataset))
    by_statement = {row.iri.removeprefix(f"{SEED_IRI}/section/"): row.names.split(" ; ") for row in rows}
    # "… as bilateral DCIS occurs in approximately 19% of cases" (a percentage): the share words
    assert set(SHARE_WORDS) <= set(by_statement["management-approach/2"])
    assert not set(DURATION_WORDS) & set(by_statement["management-approach/2"])
    # a statement without figures is called only by its concepts' names
    assert not (set(SHARE_WORDS) | set(DURATION_WORDS)) & set(by_statement["definition-and-composition/1"])


@pytest.mark.parametrize(("content", "message"), [
    ("{", "not JSON (line 1"),
    ('{"groups": [{"name": "g", "words": [], "classes": ["ck:Duration"]}]}', "group 'g': words must be"),
    ('{"groups": [{"name": "g", "words": ["long"]}]}', "group 'g': classes and units must be"),
    ('{"groups": [{"name": "g", "words": ["long"], "classes": ["Duration"]}]}', "'Duration' is no ck: term"),
    ('{"group": []}', "expected groups"),
])
def test_a_bad_figure_words_file_is_refused_naming_the_file_and_group(tmp_path: Path, content: str,
                                                                      message: str) -> None:
    assert message in refusal(FigureWords.load, tmp_path / "figure-words.json", content)


def test_an_unreadable_figure_words_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in refusal(FigureWords.load, tmp_path / "missing.json", None)
