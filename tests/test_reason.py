"""calckg.reason: HermiT via owlready2 in a killable child process, inferred triples returned apart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from shutil import which
from typing import Any

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Dataset, Graph, Namespace, URIRef
from rdflib.compare import isomorphic

from calckg import reason as reason_module
from calckg.errors import EXIT_OK, ReasonerError, ReasonerUnavailable, ReasoningTimeout
from calckg.namespaces import CK, CONCEPT
from calckg.reason import ReasoningResult, reason, reasoning_report
from calckg.vocabulary import load_vocabulary
from calckg.resources import ontology_dir

DATA = Path(__file__).parent / "data" / "reason"
EX = Namespace("https://example.org/reason#")
NO_JAVA_MESSAGE = "reasoning unavailable: Java 11+ is required (java not found on PATH)"

needs_java = pytest.mark.skipif(which("java") is None, reason="HermiT needs a Java runtime")


def load(name: str) -> Graph:
    return Graph().parse(DATA / name, format="turtle")


@pytest.fixture(scope="module")
def consistent() -> tuple[Graph, Graph, ReasoningResult]:
    """The consistent fixture, a snapshot taken before reasoning, and the result (HermiT runs once)."""
    graph = load("consistent.ttl")
    snapshot = Graph()
    for triple in graph:
        snapshot.add(triple)
    return graph, snapshot, reason(graph)


# ---------------------------------------------------------------- consistent ontology, defined classes

EXPECTED_INFERENCES = {
    # hasValue definition classifies an individual
    (EX.calc1, RDF.type, EX.SuspiciousCalcification),
    # someValuesFrom definition classifies an individual through an asserted subclass (DCIS ⊑ Malignancy)
    (EX.deposit1, RDF.type, EX.MalignancyAssociatedDeposit),
    # a named class subsumed by a defined class
    (EX.PleomorphicCalcification, RDFS.subClassOf, EX.SuspiciousCalcification),
    # the defined class's intersection makes it a subclass of Calcification
    (EX.SuspiciousCalcification, RDFS.subClassOf, EX.Calcification),
}


@needs_java
def test_consistent_fixture_gives_exactly_the_expected_inferences(
    consistent: tuple[Graph, Graph, ReasoningResult],
) -> None:
    _, _, result = consistent
    assert result.consistent
    assert result.unsatisfiable == ()
    assert result.explanation == ""
    assert set(result.inferred) == EXPECTED_INFERENCES


@needs_java
def test_inferred_never_repeats_an_asserted_triple(consistent: tuple[Graph, Graph, ReasoningResult]) -> None:
    graph, _, result = consistent
    assert (EX.calc2, RDF.type, EX.SuspiciousCalcification) in graph  # entailed, but asserted
    assert [t for t in result.inferred if t in graph] == []


@needs_java
def test_inferred_has_no_builtin_or_trivial_noise(consistent: tuple[Graph, Graph, ReasoningResult]) -> None:
    _, _, result = consistent
    for s, _, o in result.inferred:
        assert s != o
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        assert o not in (OWL.Thing, OWL.NamedIndividual, OWL.Nothing, OWL.Ontology)


@needs_java
def test_input_graph_is_unchanged(consistent: tuple[Graph, Graph, ReasoningResult]) -> None:
    graph, snapshot, _ = consistent
    assert len(graph) == len(snapshot)
    assert isomorphic(graph, snapshot)


@needs_java
def test_same_input_gives_same_inferred_triples(consistent: tuple[Graph, Graph, ReasoningResult]) -> None:
    graph, _, first = consistent
    second = reason(graph)
    assert sorted(second.inferred) == sorted(first.inferred)


@needs_java
def test_dataset_is_reasoned_as_the_union_of_its_graphs(
    consistent: tuple[Graph, Graph, ReasoningResult],
) -> None:
    """The build holds one named graph per article; asserted-in-any-graph triples must not come back."""
    graph, _, _ = consistent
    dataset = Dataset()
    article = dataset.graph(URIRef("https://example.org/reason/article"))
    for s, p, o in graph:
        is_data = (s, RDF.type, OWL.NamedIndividual) in graph
        (article if is_data else dataset.default_graph).add((s, p, o))
    result = reason(dataset)
    assert set(result.inferred) == EXPECTED_INFERENCES


@needs_java
def test_report_for_consistent_result(consistent: tuple[Graph, Graph, ReasoningResult]) -> None:
    _, _, result = consistent
    assert reasoning_report(result) == f"consistent\ninferred triples: 4\nreasoning took {result.seconds:.2f} s (HermiT)"


# ---------------------------------------------------------------- inconsistent / unsatisfiable


@needs_java
@pytest.mark.parametrize(
    ("fixture", "named"),
    [
        (
            "inconsistent_disjoint_with.ttl",
            [
                "ex:lesion1",
                "ex:PunctateBenignCalcification",
                "ex:BenignCalcification",
                "ex:MalignantCalcification",
            ],
        ),
        (
            "inconsistent_all_disjoint.ttl",
            ["ex:lesion1", "ex:BenignCalcification", "ex:MalignantCalcification"],
        ),
    ],
)
def test_individual_in_two_disjoint_classes_is_inconsistent_and_named(fixture: str, named: list[str]) -> None:
    result = reason(load(fixture))
    assert result.consistent is False
    assert len(result.inferred) == 0
    for name in named:
        assert name in result.explanation
    assert "ex:lesion2" not in result.explanation  # the innocent individual is not blamed
    assert reasoning_report(result).startswith("INCONSISTENT\nthe ontology is inconsistent: ex:lesion1 is a ")


@needs_java
def test_unsatisfiable_class_is_listed_while_ontology_stays_consistent() -> None:
    result = reason(load("unsatisfiable.ttl"))
    assert result.consistent is True
    assert result.unsatisfiable == (str(EX.BenignMalignantCalcification),)
    assert "ex:BenignMalignantCalcification" in result.explanation
    assert (EX.BenignMalignantCalcification, OWL.equivalentClass, OWL.Nothing) not in result.inferred


def test_explanation_without_disjoint_types_points_elsewhere() -> None:
    """No Java needed: the explanation is computed from the asserted graph alone."""
    text = reason_module.explain_inconsistency(load("consistent.ttl"))
    assert "no individual is asserted in two disjoint classes" in text


# ---------------------------------------------------------------- environment failures


@pytest.mark.parametrize("how", ["PATH without java", "owlready2.JAVA_EXE missing"])
def test_without_java_reasoning_is_unavailable(
    how: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if how == "PATH without java":
        monkeypatch.setenv("PATH", str(tmp_path))
    else:
        owlready2 = pytest.importorskip("owlready2")
        monkeypatch.setattr(owlready2, "JAVA_EXE", str(tmp_path / "no-such-java"))
    with pytest.raises(ReasonerUnavailable) as caught:
        reason(load("consistent.ttl"))
    assert str(caught.value) == NO_JAVA_MESSAGE
    assert caught.value.exit_code != EXIT_OK


@pytest.mark.skipif(os.name != "posix", reason="fake java is a shell script")
def test_java_failure_is_a_reasoner_error_with_javas_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("owlready2")
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho 'Exception in thread main: java.lang.OutOfMemoryError'\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReasonerError, match="HermiT reported an error:(.|\n)*OutOfMemoryError") as caught:
        reason(load("consistent.ttl"))
    assert not isinstance(caught.value, ReasonerUnavailable)
    assert caught.value.exit_code != EXIT_OK


def _group_alive(pgid: int) -> list[int]:
    """Pids in process group ``pgid`` that are still running (zombies awaiting a reaper do not count)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


@needs_java
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the process group")
def test_timeout_raises_and_kills_worker_and_jvm(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[subprocess.Popen[bytes]] = []

    class RecordingPopen(subprocess.Popen):  # type: ignore[type-arg]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(reason_module.subprocess, "Popen", RecordingPopen)
    with pytest.raises(ReasoningTimeout, match="timed out after 0.3 s"):
        reason(load("consistent.ttl"), timeout_s=0.3)
    assert len(started) == 1
    deadline = time.monotonic() + 30  # a SIGKILLed JVM can take a moment to finish exiting (longer on a busy machine)
    while _group_alive(started[0].pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _group_alive(started[0].pid) == []


# ---------------------------------------------------------------- no network


@pytest.fixture
def network_events() -> Iterator[list[str]]:
    """Record socket/urllib audit events in this process while the test runs (hooks cannot be removed)."""
    events: list[str] = []
    active = True

    def hook(event: str, args: tuple[object, ...]) -> None:
        if active and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
            events.append(f"{event} {args[:2]!r}")

    sys.addaudithook(hook)
    yield events
    active = False


@needs_java
def test_owl_imports_are_not_followed_and_reasoning_still_works(network_events: list[str]) -> None:
    graph = load("imports.ttl")
    assert len(list(graph.objects(None, OWL.imports))) == 2
    result = reason(graph)
    assert result.consistent
    assert (EX.calc1, RDF.type, EX.CoarseCalcification) in result.inferred
    assert network_events == []


def test_input_sent_to_owlready2_has_no_imports() -> None:
    data = reason_module._ntriples_without_imports(load("imports.ttl"))
    assert b"owl#imports" not in data
    assert len(Graph().parse(data=data, format="nt")) == len(load("imports.ttl")) - 2


def test_worker_refuses_network_even_if_imports_slip_through(tmp_path: Path) -> None:
    """Defence in depth: the worker's audit hook turns owlready2's download attempt into a failure."""
    pytest.importorskip("owlready2")
    source = tmp_path / "input.nt"
    load("imports.ttl").serialize(source, format="nt", encoding="utf-8")
    worker = Path(reason_module.__file__).with_name("reason_worker.py")
    done = subprocess.run(
        [sys.executable, str(worker), str(source), str(tmp_path), "java"], capture_output=True, timeout=60
    )
    assert done.returncode != 0
    assert b"calckg reasoning never uses the network" in done.stderr
    assert not (tmp_path / "result.json").exists()


# ---------------------------------------------------------------- the real ontology and vocabulary

ONTOLOGY = ontology_dir() / "calckg.ttl"


@pytest.fixture(scope="module")
def ontology_and_vocabulary() -> Graph:
    if which("java") is None:
        pytest.skip("HermiT needs a Java runtime")
    return Graph().parse(ONTOLOGY, format="turtle") + load_vocabulary()


@pytest.fixture(scope="module")
def real(ontology_and_vocabulary: Graph) -> tuple[Graph, ReasoningResult]:
    """Ontology + vocabulary + semantic-layer claims, reasoned once for the tests below."""
    graph = Graph()
    for triple in ontology_and_vocabulary:
        graph.add(triple)
    graph.parse(DATA / "semantic_layer.ttl", format="turtle")
    return graph, reason(graph)


def test_real_ontology_and_vocabulary_are_consistent(ontology_and_vocabulary: Graph) -> None:
    result = reason(ontology_and_vocabulary)
    assert result.consistent, result.explanation
    assert result.unsatisfiable == ()
    # the defined classes' intersections place them in the hierarchy
    assert (CK.SuspiciousMorphology, RDFS.subClassOf, CK.DomainConcept) in result.inferred
    assert (CK.MalignancyAssociatedDeposit, RDFS.subClassOf, CK.CalciumDeposit) in result.inferred
    assert [t for t in result.inferred if t in ontology_and_vocabulary] == []


@pytest.mark.parametrize(
    ("concept", "defined_class"),
    [
        ("fine-pleomorphic-calcification", CK.SuspiciousMorphology),  # suggests hasValue malignancy
        ("hydroxyapatite-microcalcification", CK.MalignancyAssociatedDeposit),
        ("calcium-oxalate-microcalcification", CK.BenignAssociatedDeposit),
        ("ductal-carcinoma-in-situ", CK.ImagingDetectableCondition),  # inverse(detects) some ImagingModality
    ],
)
def test_real_defined_classes_classify_semantic_layer_claims(
    real: tuple[Graph, ReasoningResult], concept: str, defined_class: URIRef
) -> None:
    graph, result = real
    assert result.consistent, result.explanation
    triple = (CONCEPT[concept], RDF.type, defined_class)
    assert triple not in graph
    assert triple in result.inferred


def test_real_disjointness_clash_is_explained(ontology_and_vocabulary: Graph) -> None:
    """A concept mistakenly typed as an article clashes with the top-level AllDisjointClasses axiom."""
    graph = Graph()
    for triple in ontology_and_vocabulary:
        graph.add(triple)
    graph.add((CONCEPT["malignancy"], RDF.type, CK.Article))
    result = reason(graph)
    assert result.consistent is False
    expected = "concept:malignancy is a ck:Article and a ck:Condition (so a ck:DomainConcept)"
    assert expected in result.explanation
