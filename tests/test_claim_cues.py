"""Cue words from data/claim-cues.json mark the statements that contain them (whole words, any case), and a bad
cue file is an input error naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from calckg.claim_cues import default_cues, parse_cues
from calckg.errors import InputError
from calckg.namespaces import CK
from calckg.pipeline import BuildResult
from seed import SEED_IRI

SECTION = f"{SEED_IRI}/section/"


def marks(graph: Graph, prop: URIRef) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for statement, cue in graph.subject_objects(prop):
        found.setdefault(str(statement)[len(SECTION):], set()).add(str(cue))
    return found


POLARITY_CUES = {
    "definition-and-composition/6": {"rather than"},
    "prevalence-in-breast-cancer/3": {"without"},
    "morphology-based-on-grade/3": {"without"},
    "ultrasound-limitations/1": {"cannot", "not"},
    "ultrasound-limitations/3": {"not"},
    "detection-challenges/1": {"missed"},
}
"""Each seed statement with a negative cue (ck:hasPolarityCue), and its cues."""

HEDGES = {
    "definition-and-composition/3": {"typically"},
    "definition-and-composition/4": {"primarily"},
    "definition-and-composition/6": {"likely"},
    "clinical-significance/1": {"approximately"},
    "prevalence-in-breast-cancer/1": {"approximately"},
    "prevalence-in-breast-cancer/2": {"approximately"},
    "prevalence-in-breast-cancer/3": {"about"},
    # "significantly more likely to have microcalcifications (p = 0.031)" compares: no hedge (not_hedge)
    # "morphology-based-on-grade/1" ("critical information about the underlying pathology") was hedged "about": no
    # hedge since method 101
    "morphology-based-on-grade/3": {"typically"},
    "morphology-based-on-grade/4": {"approximately"},
    "distribution-patterns/3": {"typical"},
    "distribution-patterns/4": {"suggest"},
    "benign-vs-malignant-features/1": {"tend to"},
    "benign-vs-malignant-features/6": {"typically"},
    "mammography-as-primary-modality/3": {"up to"},
    "prognostic-value/1": {"certain"},
    "prognostic-value/4": {"often"},
    "management-approach/2": {"approximately"},
    "management-approach/6": {"if possible"},
}
"""Each seed statement with a hedge (ck:hasHedgeCue), and its hedges."""


@pytest.mark.parametrize(("prop", "expected"), [(CK.hasPolarityCue, POLARITY_CUES), (CK.hasHedgeCue, HEDGES)],
                         ids=["polarity", "hedge"])
def test_the_seed_statements_carry_exactly_their_cues(seed_build: BuildResult, prop: URIRef,
                                                      expected: dict[str, set[str]]) -> None:
    assert marks(seed_build.dataset.graph(URIRef(SEED_IRI)), prop) == expected


def test_cues_match_whole_words_in_any_case() -> None:
    graph = Graph()
    texts = {"a": "Findings were MISSED.", "b": "The dismissed case", "c": "No-one", "d": "It may be", "e": "Dismay"}
    for name, text in texts.items():
        graph.add((URIRef(f"urn:s:{name}"), RDF.type, CK.Statement))
        graph.add((URIRef(f"urn:s:{name}"), CK.text, Literal(text)))
    marked = default_cues().marks(graph)
    assert set(marked) == {
        (URIRef("urn:s:a"), CK.hasPolarityCue, Literal("missed")),
        (URIRef("urn:s:d"), CK.hasHedgeCue, Literal("may")),
    }


def test_a_negation_word_inside_a_phrase_that_negates_nothing_is_no_cue() -> None:
    graph = Graph()
    texts = {"food": "Take 10 mg with or without food.", "bound": "No more than 400 mg a day.",
             "both": "Take it with or without food, but not at night.", "real": "Without treatment, 70% recover.",
             # a negation up to three words after a comparison opener describes the group compared with (method 104)
             "group": "The hazard ratio was 4.30 compared with men carrying neither variant.",
             "apart": "Compared with surgery, antibiotics did not help."}
    for name, text in texts.items():
        graph.add((URIRef(f"urn:s:{name}"), RDF.type, CK.Statement))
        graph.add((URIRef(f"urn:s:{name}"), CK.text, Literal(text)))
    marked = default_cues().marks(graph)
    assert {(str(s), str(cue)) for s, cue in marked.subject_objects(CK.hasPolarityCue)} == {
        ("urn:s:both", "not"), ("urn:s:real", "without"), ("urn:s:apart", "not")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "cannot read the claim cues"),
        (json.dumps({"negation": ["not"], "hedge": ["may"], "not_negation": "with or without"}),
         '"not_negation" is a list of phrases'),
        (json.dumps({"negation": ["not"], "hedge": ["may"], "not_hedge": ["less often", ""]}),
         '"not_hedge" is a list of phrases'),
        (json.dumps({"negation": ["not"]}), '"hedge" needs a non-empty list of words or phrases'),
        (json.dumps({"negation": ["not"], "hedge": ["may"], "comparison_openers": "versus"}),
         '"comparison_openers" is a list of phrases'),
        (json.dumps({"negation": [], "hedge": ["may"]}), '"negation" needs a non-empty list'),
        (json.dumps({"negation": ["not", 3], "hedge": ["may"]}), '"negation" needs a non-empty list'),
    ],
)
def test_a_bad_cue_file_is_an_input_error_naming_it(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "claim-cues.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        parse_cues(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert message in str(raised.value)
    assert raised.value.exit_code == 2
