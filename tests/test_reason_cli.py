"""`calckg reason`: consistency, inferred triples kept apart, clashes named, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from calckg.cli import main
from calckg.namespaces import CK, CONCEPT
from calckg.pipeline import BuildResult
from seed import ROOT

REASON_DATA = ROOT / "tests" / "data" / "reason"


def test_claims_classify_concepts_into_defined_classes(tmp_path: Path) -> None:
    out = tmp_path / "inferred.ttl"
    result = CliRunner().invoke(main, ["reason", str(REASON_DATA / "semantic_layer.ttl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("consistent\n")
    inferred = Graph().parse(out)
    assert {(s, o) for s, o in inferred.subject_objects(RDF.type)} == {
        (CONCEPT["calcium-oxalate-microcalcification"], CK.BenignAssociatedDeposit),
        (CONCEPT["ductal-carcinoma-in-situ"], CK.ImagingDetectableCondition),
        (CONCEPT["fine-pleomorphic-calcification"], CK.SuspiciousMorphology),
        (CONCEPT["hydroxyapatite-microcalcification"], CK.MalignancyAssociatedDeposit),
    }


def test_inconsistent_curation_names_the_clash() -> None:
    result = CliRunner().invoke(main, ["reason", str(REASON_DATA / "inconsistent-curated.ttl")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "INCONSISTENT",
        "the ontology is inconsistent: concept:hydroxyapatite-microcalcification is a ck:CalciumDeposit and a "
        "ck:Condition, but ck:CalciumDeposit and ck:Condition are disjoint",
    ]


def test_built_graph_is_consistent_and_inferences_are_a_separate_graph(seed_build: BuildResult) -> None:
    names = {str(g.identifier) for g in seed_build.dataset.graphs() if len(g)}
    assert "https://w3id.org/calckg/id/inferred" in names
    inferred = seed_build.dataset.graph(URIRef("https://w3id.org/calckg/id/inferred"))
    article = seed_build.dataset.graph(URIRef("https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"))
    assert len(inferred) > 0
    assert not [t for t in inferred if t in article]
    result = CliRunner().invoke(main, ["reason", "--build-dir", str(seed_build.files[0].parent)])
    assert result.exit_code == 0
    assert result.stdout.startswith("consistent\n")
