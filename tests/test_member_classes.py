"""Classes an article names by their members ("an antibiotic such as nitrofurantoin, trimethoprim or fosfomycin",
data/member-cues.json): a statement of that article mentioning a member also speaks of the class in the answer
index, and no statement of another article does."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from calckg.member_classes import MemberCues, article_members, member_classes, shipped_member_cues
from calckg.namespaces import CK
from calckg.queries import internal_query
from calckg.resources import ontology_dir
from data_file_errors import refusal

LABELS = {
    "antibiotic": ["antibiotic", "antibacterial"], "nitrofurantoin": ["nitrofurantoin"],
    "trimethoprim": ["trimethoprim"], "fosfomycin": ["fosfomycin"], "pivmecillinam": ["pivmecillinam"],
    "benzodiazepine": ["benzodiazepine"], "lorazepam": ["lorazepam"], "phenytoin": ["phenytoin"],
    "hypoglycaemia": ["hypoglycaemia"], "metformin": ["metformin"], "infection": ["severe infection"],
    "cellulitis": ["cellulitis"], "fasciitis": ["necrotising fasciitis"], "antimuscarinic": ["antimuscarinic"],
    "solifenacin": ["solifenacin"], "alpha-blocker": ["alpha blocker"], "tamsulosin": ["tamsulosin"],
    "lymecycline": ["lymecycline"], "tetracycline": ["tetracycline"],
}
KINDS = {concept: ["Drug"] for concept in LABELS} | {
    "hypoglycaemia": ["ClinicalFinding"], "infection": ["Disease"], "cellulitis": ["Disease"],
    "fasciitis": ["ClinicalFinding"], "lymecycline": ["ChemicalSubstance"]}


def members(*texts: str) -> dict[str, set[str]]:
    statements = [(text, [c for c in LABELS if any(label in text.lower().replace("-", " ") for label in LABELS[c])])
                  for text in texts]
    return article_members(statements, LABELS, KINDS, shipped_member_cues())


def test_a_list_after_such_as_names_the_members_of_the_class_before_it() -> None:
    assert members("Women are treated with a short course of an antibiotic such as nitrofurantoin, trimethoprim, "
                   "fosfomycin or pivmecillinam, chosen with local resistance in mind.") == {
        "nitrofurantoin": {"antibiotic"}, "trimethoprim": {"antibiotic"}, "fosfomycin": {"antibiotic"},
        "pivmecillinam": {"antibiotic"}}


def test_a_head_word_a_plural_and_a_hyphen_between_class_and_cue() -> None:
    assert members("An antimuscarinic drug such as solifenacin 5 mg once daily may be added.") == {
        "solifenacin": {"antimuscarinic"}}
    assert members("Alpha-blockers such as tamsulosin relax the smooth muscle of the ureter.") == {
        "tamsulosin": {"alpha-blocker"}}


def test_a_comma_and_ends_the_list() -> None:
    assert members("Seizures are treated with a quick-acting benzodiazepine such as lorazepam, and phenytoin "
                   "should not be used.") == {"lorazepam": {"benzodiazepine"}}


def test_a_member_of_another_kind_is_none() -> None:
    assert members("Start with a drug that does not cause hypoglycaemia such as metformin.") == {}


def test_two_kinds_of_one_group_are_one_kind() -> None:
    # a disease and a finding; a drug and a chemical substance (data/member-cues.json "kinds")
    assert members("Class IV: sepsis or a severe infection such as necrotising fasciitis") == {
        "fasciitis": {"infection"}}
    assert members("An oral tetracycline such as lymecycline is added.") == {"lymecycline": {"tetracycline"}}


def test_a_member_a_qualifier_narrows_is_none() -> None:
    assert members("For severe infection, such as cellulitis that has failed oral antibiotics, give it "
                   "intravenously.") == {}


def test_nothing_right_before_the_cue_is_no_class() -> None:
    assert members("Take an antibiotic for 3 days, such as nitrofurantoin.") == {}
    assert members("Lorazepam and phenytoin, such as in status epilepticus, are given.") == {}


def test_the_kinds_of_the_shipped_file_are_classes_of_the_ontology() -> None:
    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    declared = set(ontology.subjects(RDF.type, OWL.Class))
    assert {URIRef(str(CK[k])) for group in shipped_member_cues().kinds for k in group} <= declared


def test_the_index_query_reads_the_kinds_of_the_shipped_file() -> None:
    values = internal_query("answers/concept-kinds").text.split("VALUES ?kind {")[1].split("}")[0].split()
    assert {v.removeprefix("ck:") for v in values} == {k for group in shipped_member_cues().kinds for k in group}


GOOD = '{"cues": ["such as"], "heads": ["drug"], "joiners": [","], "qualifiers": ["that"], "kinds": [["Drug"]]}'


@pytest.mark.parametrize(("content", "message"), [
    ("[", "not JSON (line 1"),
    (GOOD.replace('"cues": ["such as"]', '"cues": []'), "cues, heads, joiners and qualifiers must be non-empty"),
    (GOOD.replace('"qualifiers": ["that"], ', ""), "expected cues, heads, joiners and qualifiers"),
    (GOOD.replace('[["Drug"]]', '["Drug"]'), "kinds must be a list of lists of ck: class names"),
    (GOOD.replace('[["Drug"]]', '[["ck:Drug"]]'), "kinds must be a list of lists of ck: class names"),
])
def test_a_bad_member_cues_file_is_refused_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    assert message in refusal(MemberCues.load, tmp_path / "member-cues.json", content)


def test_an_unreadable_member_cues_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in refusal(MemberCues.load, tmp_path / "missing.json", None)


def test_a_class_reaches_the_statements_of_the_article_that_names_it_and_no_other() -> None:
    statements = {
        "a/1": ("a", "Women are treated with an antibiotic such as nitrofurantoin or trimethoprim."),
        "a/2": ("a", "Nitrofurantoin 100 mg twice a day for 5 days."),
        "a/3": ("a", "Fosfomycin 3 g once."),
        "b/1": ("b", "Nitrofurantoin 50 mg at night prevents recurrence."),
    }
    concepts = {"a/1": ["antibiotic", "nitrofurantoin", "trimethoprim"], "a/2": ["nitrofurantoin"],
                "a/3": ["fosfomycin"], "b/1": ["nitrofurantoin"]}
    assert member_classes(statements, concepts, LABELS, KINDS, shipped_member_cues()) == {
        "a/1": {"antibiotic"}, "a/2": {"antibiotic"}}
