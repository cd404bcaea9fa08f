"""calckg.validate around the shapes: broken shapes are errors, inputs stay untouched, reports are stable,
the seed build gives exactly its known warnings, and `calckg validate` follows docs/contract.md's exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF

from calckg.namespaces import CK
from calckg.pipeline import BuildResult
from calckg.semantic import curated_files
from calckg.errors import InputError
from calckg.validate_engine import ENGINE_VARIABLE, ENGINES
from calckg.validate import ShapesError, check_shapes, lint_shapes, load_shapes, validate_dataset, validate_files
from calckg.cli.validate import validate_command
from calckg.validation_report import Severity, format_json, format_text, format_turtle
from seed import SEED_IRI

DATA = Path(__file__).parent / "data" / "shapes"
VALID = DATA / "valid" / "article.trig"
VOCABULARY = DATA / "vocabulary.ttl"
SHAPES_NS = "https://w3id.org/calckg/shapes#"
CITATION_RESOLVES = URIRef(SHAPES_NS + "CitationResolvesShape")
CONFLICTING_FIGURES = URIRef(SHAPES_NS + "ConflictingFiguresShape")
UNRESOLVED_IN_SEED = {  # statement (relative to the seed article) → the citation number it cannot resolve
    "section/mammography-as-primary-modality/2": 7,
    "section/mammography-as-primary-modality/3": 7,
    "section/ultrasound-limitations/1": 7,
    "section/management-approach/2": 7,
    "section/management-approach/3": 7,
    "section/management-approach/4": 7,
    "section/management-approach/5": 7,
    "section/management-approach/6": 7,
    "section/prognostic-value/2": 8,
    "section/prognostic-value/3": 8,
    "section/prognostic-value/4": 8,
}
CK_IRI = str(CK)
DCIS_FIGURES = ("73-98%", "75-98%", "80%")  # "10% … without calcifications" is another measure, never compared


def valid_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(VALID, format="trig")
    return dataset


def vocabulary() -> Graph:
    return Graph().parse(VOCABULARY, format="turtle")


# --- broken shapes are errors, not silent passes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "says"),
    [
        ("misspelt-term.ttl", "unknown SHACL term sh:mincount"),
        ("missing-scope.ttl", "needs exactly one shapes:scope"),
        ("missing-message.ttl", "has constraints but no sh:message"),
        ("ill-typed-count.ttl", "SHACL-for-SHACL"),
        ("sparql-values.ttl", "VALUES"),
        ("sparql-syntax.ttl", "SPARQL parse error"),
    ],
)
def test_broken_shapes_raise(fixture: str, says: str) -> None:
    with pytest.raises(ShapesError, match=says):
        check_shapes(Graph().parse(DATA / "broken" / fixture, format="turtle"))


def test_repository_shapes_pass_the_lint() -> None:
    assert lint_shapes(load_shapes()) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_shape_the_engine_cannot_run_fails_validation(engine: str) -> None:
    shapes = load_shapes() + Graph().parse(DATA / "broken" / "sparql-values.ttl", format="turtle")
    with pytest.raises(ShapesError, match="VALUES"):
        validate_dataset(valid_dataset(), vocabulary=vocabulary(), shapes=shapes, engine=engine)


def test_an_unknown_engine_is_refused_with_the_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "jena")
    with pytest.raises(InputError, match=r"unknown SHACL engine 'jena' \(from CALCKG_SHACL_ENGINE\); use one of turbo, pyshacl"):
        validate_dataset(valid_dataset(), vocabulary=vocabulary())


# --- nothing is mutated --------------------------------------------------------------------------------------------


def test_validation_leaves_shapes_data_and_vocabulary_unchanged() -> None:
    shapes, dataset, terms = load_shapes(), valid_dataset(), vocabulary()
    before = (len(shapes), to_isomorphic(shapes), {g.identifier: len(g) for g in dataset.graphs()}, len(terms))
    validate_dataset(dataset, vocabulary=terms, shapes=shapes)
    validate_dataset(dataset, vocabulary=terms, shapes=shapes)
    after = (len(shapes), to_isomorphic(shapes), {g.identifier: len(g) for g in dataset.graphs()}, len(terms))
    assert before == after
    article = URIRef("https://w3id.org/calckg/id/t")
    assert isomorphic(dataset.graph(article), valid_dataset().graph(article))


# --- the seed build ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_dataset_with_curation(seed_build: BuildResult) -> Dataset:
    """The built dataset, plus data/curated/*.ttl in its own graph when the build does not yet include it."""
    dataset = Dataset()
    for graph in seed_build.dataset.graphs():
        target = dataset.graph(graph.identifier)
        target += graph
    has_assertions = any(next(g.triples((None, RDF.type, CK.Assertion)), None) for g in dataset.graphs())
    if not has_assertions:
        curated = dataset.graph(URIRef(SEED_IRI + "/curated"))
        for path in curated_files():
            curated.parse(path, format="turtle")
    return dataset


def test_seed_build_conforms_with_exactly_the_known_warnings(seed_dataset_with_curation: Dataset) -> None:
    report = validate_dataset(seed_dataset_with_curation)
    assert report.conforms, format_text(report)
    unresolved = {
        str(r.focus_node)[len(SEED_IRI) + 1 :]: int(r.value)
        for r in report.results
        if r.source_shape == CITATION_RESOLVES
    }
    assert unresolved == UNRESOLVED_IN_SEED
    others = [r for r in report.results if r.source_shape not in (CITATION_RESOLVES, CONFLICTING_FIGURES)]
    assert others == [], format_text(report)
    assert all(r.severity is Severity.WARNING for r in report.results)


def test_seed_build_reports_the_conflicting_dcis_figures(seed_dataset_with_curation: Dataset) -> None:
    report = validate_dataset(seed_dataset_with_curation)
    conflicts = [r.message for r in report.results if r.source_shape == CONFLICTING_FIGURES]
    for figure in DCIS_FIGURES:
        assert any(figure in message for message in conflicts), (figure, conflicts)
    assert len(conflicts) == 3 and not any("10%" in message or "90" in message for message in conflicts), conflicts


# --- output ----------------------------------------------------------------------------------------------------------


def test_text_report_groups_by_severity_and_shows_the_statement() -> None:
    dataset = valid_dataset()
    dataset.graph(URIRef("https://w3id.org/calckg/id/t")).parse(
        data="""@prefix ck: <https://w3id.org/calckg/ontology#> .
        <https://w3id.org/calckg/id/t/section/facts/2> ck:hasCitation <https://w3id.org/calckg/id/t/c9> .
        <https://w3id.org/calckg/id/t/c9> a ck:Citation ; ck:citationNumber 9 ; ck:order 1 ;
            ck:inStatement <https://w3id.org/calckg/id/t/section/facts/2> .
        <https://w3id.org/calckg/id/t/section/summary/1/stat/1> ck:surface "85%" .""",
        format="turtle",
    )
    text = format_text(validate_dataset(dataset, vocabulary=vocabulary()))
    assert text.index("Violations (") < text.index("Warnings (1)")
    assert "reference [9]" in text
    assert "“DCIS shows calcification in 73-98% of cases" in text
    assert text.startswith("SHACL validation: does NOT conform")


def test_json_report_is_sorted_and_complete() -> None:
    report = validate_dataset(valid_dataset(), vocabulary=vocabulary())
    assert json.loads(format_json(report)) == {
        "conforms": True,
        "counts": {"Violation": 0, "Warning": 0, "Info": 0},
        "results": [],
    }


def test_report_bytes_do_not_depend_on_the_hash_seed(seed_build: BuildResult) -> None:
    """A process with hash seed 1 (2 when this process already runs with 1) prints the bytes this process makes
    with its own hash seed (random unless PYTHONHASHSEED is set)."""
    trig = next(p for p in seed_build.files if p.suffix == ".trig")
    script = (
        "import sys; from pathlib import Path; from calckg.validate import validate_files; "
        "from calckg.validation_report import format_json, format_turtle; "
        "report = validate_files([Path(sys.argv[1])]); print(format_turtle(report)); print(format_json(report))"
    )
    other = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    printed = subprocess.run([sys.executable, "-c", script, str(trig)], capture_output=True,
                             env={**os.environ, "PYTHONHASHSEED": other}, check=True).stdout  # fmt: skip
    report = validate_files([trig])
    assert printed == f"{format_turtle(report)}\n{format_json(report)}\n".encode()
    assert b"sh:ValidationResult" in printed and b'"severity": "Warning"' in printed and b"_:" not in printed


# --- the command -----------------------------------------------------------------------------------------------


def test_cli_validates_the_build_folder_and_exits_0_on_warnings(seed_build: BuildResult) -> None:
    folder = seed_build.files[0].parent
    result = CliRunner().invoke(validate_command, ["--build-dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Warnings (" in result.output and "reference [8]" in result.output


def test_cli_strict_fails_on_warnings(seed_build: BuildResult) -> None:
    folder = seed_build.files[0].parent
    assert CliRunner().invoke(validate_command, ["--strict", "--build-dir", str(folder)]).exit_code == 1


def test_cli_exits_1_on_violations(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://w3id.org/calckg/id/x> a <https://w3id.org/calckg/ontology#Article> .\n")
    result = CliRunner().invoke(validate_command, [str(broken)])
    assert result.exit_code == 1
    assert "Violations (" in result.output


def test_cli_engines_give_the_same_json_report(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://w3id.org/calckg/id/x> a <https://w3id.org/calckg/ontology#Article> .\n")
    outputs = [CliRunner().invoke(validate_command, ["--engine", e, "--format", "json", str(broken)]) for e in ENGINES]
    assert [o.exit_code for o in outputs] == [1, 1]
    assert outputs[0].output == outputs[1].output
    assert sorted(r["path"] for r in json.loads(outputs[0].output)["results"]) == [
        "http://www.w3.org/ns/prov#wasDerivedFrom", "https://schema.org/mainEntity", "https://schema.org/name",
        "https://w3id.org/calckg/ontology#hasSection",
    ]  # fmt: skip


def test_cli_accepts_a_valid_trig_file() -> None:
    result = CliRunner().invoke(validate_command, ["--format", "json", str(VALID)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["conforms"] is True


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("bomb.rdf", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r/>', "DOCTYPE"),
        ("remote.jsonld", '{"@context": "https://example.org/context.jsonld", "@id": "x"}', "@context"),
        ("local.jsonld", '{"@context": ["file:///etc/passwd"], "@id": "x"}', "@context"),
        ("nested.jsonld", '{"@context": {"@import": "https://example.org/c"}, "@id": "x"}', "@context"),
        ("graph.txt", "not rdf", "unknown RDF file type"),
        ("bad.ttl", "this is not turtle", "cannot be read as turtle"),
    ],
)
def test_cli_refuses_unsafe_or_unreadable_files(tmp_path: Path, name: str, content: str, says: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = CliRunner().invoke(validate_command, [str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and says in result.output


def test_validate_files_reads_inline_json_ld(tmp_path: Path) -> None:
    path = tmp_path / "article.jsonld"
    document = {"@context": {"ck": CK_IRI}, "@id": "https://w3id.org/calckg/id/y", "@type": "ck:Article"}
    path.write_text(json.dumps(document))
    report = validate_files([path], vocabulary=vocabulary())
    assert report.has_violations
    assert {str(r.focus_node) for r in report.results} == {"https://w3id.org/calckg/id/y"}
