"""Exports: every format carries the same graph, rebuilds are byte-identical, writes are atomic."""

from __future__ import annotations

import json

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from calckg import export
from calckg.namespaces import CK
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.union import union_graph
from seed import INFERRED_IRI, ONTOLOGY_IRI, SEED, SEED_IRI, THYROID_IRI, VOCABULARY_IRI

EXPORTS = ("calckg.ttl", "calckg.nt", "calckg.jsonld", "calckg.trig")


def _parse(path: Path) -> Graph:
    if path.suffix == ".trig":
        dataset = Dataset()
        dataset.parse(path, format="trig")
        return union_graph(dataset)
    return Graph().parse(path, format={".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}[path.suffix])


def test_every_format_carries_the_same_graph(seed_build: BuildResult) -> None:
    out = seed_build.files[0].parent
    reference = _parse(out / "calckg.nt")
    assert isomorphic(reference, union_graph(seed_build.dataset))
    for name in EXPORTS:
        assert isomorphic(_parse(out / name), reference), name


def test_blank_nodes_only_in_the_ontology(seed_build: BuildResult) -> None:
    """Data nodes all have IRIs; only OWL restrictions and lists of the ontology are blank nodes."""
    for graph in seed_build.dataset.graphs():
        with_blank = [t for t in graph if any(isinstance(term, BNode) for term in t)]
        assert not with_blank or str(graph.identifier) == "https://w3id.org/calckg/ontology", graph.identifier


def test_one_named_graph_per_article(seed_build: BuildResult, two_article_build: BuildResult) -> None:
    """Each article in its own graph named by its IRI and its extracted claims in <IRI>/extracted, beside the
    ontology, the vocabulary and (when reasoned) the inferred triples; nothing else."""
    def names(result: BuildResult) -> set[str]:
        return {str(g.identifier) for g in result.dataset.graphs() if len(g)}

    extracted = {SEED_IRI + "/extracted", THYROID_IRI + "/extracted"}  # each article's extracted figure claims
    assert names(seed_build) == {SEED_IRI, SEED_IRI + "/extracted", ONTOLOGY_IRI, VOCABULARY_IRI, INFERRED_IRI}
    assert names(two_article_build) == {SEED_IRI, THYROID_IRI, ONTOLOGY_IRI, VOCABULARY_IRI} | extracted
    thyroid = two_article_build.dataset.graph(URIRef(THYROID_IRI))
    assert set(thyroid.objects(None, CK.inArticle)) == {URIRef(THYROID_IRI)}


def test_decimals_are_canonical_and_integers_are_json_numbers(seed_build: BuildResult) -> None:
    graph = union_graph(seed_build.dataset)
    p_value = URIRef(f"{SEED_IRI}/section/association-with-tumor-characteristics/4/stat/3")
    mean_age = URIRef(f"{SEED_IRI}/section/association-with-tumor-characteristics/4/stat/2")
    assert graph.value(p_value, CK.value) == Literal("0.012", datatype=XSD.decimal)
    assert str(graph.value(mean_age, CK.value)) == "50.0"
    jsonld = (seed_build.files[0].parent / "calckg.jsonld").read_text(encoding="utf-8")
    assert '"value": "0.012"' in jsonld
    assert '"number": 7' in jsonld


def test_unresolved_citations_are_explicit_nodes(seed_build: BuildResult) -> None:
    graph = union_graph(seed_build.dataset)
    unresolved = sorted(
        (str(c).removeprefix(SEED_IRI), int(graph.value(c, CK.citationNumber)))
        for c in graph.subjects(RDF.type, CK.UnresolvedCitation)
    )
    assert unresolved == [
        ("/section/mammography-as-primary-modality/2/citation/7", 7),
        ("/section/mammography-as-primary-modality/3/citation/7", 7),
        ("/section/management-approach/2/citation/7", 7),
        ("/section/management-approach/3/citation/7", 7),
        ("/section/management-approach/4/citation/7", 7),
        ("/section/management-approach/5/citation/7", 7),
        ("/section/management-approach/6/citation/7", 7),
        ("/section/prognostic-value/2/citation/8", 8),
        ("/section/prognostic-value/3/citation/8", 8),
        ("/section/prognostic-value/4/citation/8", 8),
        ("/section/ultrasound-limitations/1/citation/7", 7),
    ]
    for citation, _ in unresolved:
        assert graph.value(URIRef(SEED_IRI + citation), CK.citesReference) is None


def _build_with_hash_seed(seed: str, out: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "calckg", "build", "--sources", str(SEED.parent), "--out", str(out)]
    subprocess.run(command, env=env, check=True, capture_output=True)


EVERY_OUTPUT = (*EXPORTS, "answers.json", "answer-index.sqlite", "faq.jsonld", "related.json", "review.txt", "validation.txt",
                "validation-report.ttl")


def test_rebuild_is_byte_identical_across_hash_seeds(tmp_path: Path, seed_build: BuildResult) -> None:
    """A cold build in a process with hash seed 0 (1 when this process already runs with 0) gives the bytes of the
    session's build, made in this process with its own hash seed (random unless PYTHONHASHSEED is set)."""
    session = seed_build.files[0].parent
    assert sorted(p.name for p in seed_build.files) == sorted((*EVERY_OUTPUT, "site"))
    other = "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"
    _build_with_hash_seed(other, tmp_path / "other")
    for name in EVERY_OUTPUT:
        assert (tmp_path / "other" / name).read_bytes() == (session / name).read_bytes(), name
    pages = sorted(p.relative_to(session) for p in (session / "site").rglob("*") if p.is_file())
    assert len(pages) > 3
    for page in pages:  # the review site too (docs/site.md)
        assert (tmp_path / "other" / page).read_bytes() == (session / page).read_bytes(), page


def test_failed_export_leaves_previous_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(BuildOptions(SEED.parent, tmp_path), lambda message: None)
    before = {name: (tmp_path / name).read_bytes() for name in EXPORTS}

    def broken(dataset: Dataset) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setitem(export.FORMATS, "trig", ("calckg.trig", broken))
    (tmp_path / "calckg.trig").write_bytes(before["calckg.trig"] + b"# edited\n")  # so the build must remake it
    before["calckg.trig"] = (tmp_path / "calckg.trig").read_bytes()
    with pytest.raises(RuntimeError, match="disk full"):
        build(BuildOptions(SEED.parent, tmp_path), lambda message: None)
    assert {name: (tmp_path / name).read_bytes() for name in EXPORTS} == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_ntriples_are_the_sorted_lines_of_rdflibs_union_graph(seed_build: BuildResult) -> None:
    """The per-graph writer gives byte for byte what serialising the merged union graph gave."""
    lines = union_graph(seed_build.dataset).serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
    assert export.to_ntriples(seed_build.dataset) == b"".join(sorted(line for line in lines if line.strip()))


def test_jsonld_per_graph_equals_the_union_graph_document(seed_build: BuildResult) -> None:
    """Nodes described in several graphs (concepts, inferred types) are merged as rdflib's union would."""
    import json

    from rdflib.plugins.serializers.jsonld import from_rdf

    context = export.jsonld_context()
    document = from_rdf(union_graph(seed_build.dataset), context_data=context, use_native_types=True)
    nodes = json.loads(json.dumps([{k: v for k, v in n.items() if k != "@context"} for n in document["@graph"]]))
    expected = {"@context": context, "@graph": export._canonical(export._nest(nodes))}
    assert json.loads(export.to_jsonld(seed_build.dataset)) == expected


@pytest.mark.parametrize("name", ["calckg.ttl", "calckg.trig"])
def test_oxigraph_turtle_keeps_decimals_as_written(seed_build: BuildResult, name: str) -> None:
    graph = _parse(seed_build.files[0].parent / name)
    mean_age = URIRef(f"{SEED_IRI}/section/association-with-tumor-characteristics/4/stat/2")
    p_value = URIRef(f"{SEED_IRI}/section/association-with-tumor-characteristics/4/stat/3")
    assert str(graph.value(mean_age, CK.value)) == "50.0"
    assert graph.value(mean_age, CK.value).datatype == XSD.decimal
    assert graph.value(p_value, CK.value) == Literal("0.012", datatype=XSD.decimal)


def test_the_builds_article_parts_are_those_of_its_article_graph(seed_build: BuildResult) -> None:
    """The article's lines and JSON-LD nodes, made by the article builder (or read from its cache), are exactly
    what serialising its named graph gives."""
    part = seed_build.exports.graphs[SEED_IRI]
    again = export.GraphExport.of(seed_build.dataset.graph(URIRef(SEED_IRI)))
    assert part.lines == again.lines
    assert export._canonical(json.loads(part.nodes)) == export._canonical(json.loads(again.nodes))  # arrays are sets
    assert len(part.lines) == 3077  # 2,541 + 481 declaring the general concepts the related questions mention, + 55 from the curation fixes and cue marks (ck:hasPolarityCue, ck:hasHedgeCue; "more likely to have" is no hedge), + 1 comparator ("up to 50%"), - 1 hedge mark ("information about": method 101)


def test_trig_keeps_named_graphs_and_leaves_out_the_default_graph() -> None:
    dataset = Dataset()
    s, o = URIRef("https://example.org/s"), Literal("50.0", datatype=XSD.decimal)
    dataset.graph(URIRef("https://example.org/b")).add((s, CK.value, o))
    dataset.graph(URIRef("https://example.org/a")).add((s, CK.value, Literal("x", lang="en")))
    dataset.add((s, RDF.type, CK.Article))
    parsed = Dataset()
    parsed.parse(data=export.to_trig(dataset), format="trig")
    assert {(str(g.identifier), len(g)) for g in parsed.graphs() if len(g)} == {("https://example.org/a", 1), ("https://example.org/b", 1)}
    assert (s, CK.value, o) in parsed.graph(URIRef("https://example.org/b"))
    assert len(Graph().parse(data=export.to_turtle(dataset), format="turtle")) == 3


def _node_forms_graph() -> Graph:
    """One subject with every object form the context treats differently."""
    s, other = URIRef("https://w3id.org/calckg/id/a/section/s/1"), URIRef("https://example.org/x")
    graph = Graph()
    for p, o in (
        (CK.value, Literal("50.0", datatype=XSD.decimal)),  # a term coercing xsd:decimal
        (CK.value, Literal("7", datatype=XSD.integer)),  # the same term, another datatype: raw, native
        (CK.order, Literal("3", datatype=XSD.integer)),  # a plain term: native number
        (CK.order, Literal("x", datatype=XSD.integer)),  # ill-typed: a string
        (CK.text, Literal("Breast", lang="en")),  # a term with the language
        (CK.text, Literal("Sein", lang="fr")),  # the same term, another language: tagged
        (CK.surface, Literal("50%")),  # a plain string
        (CK.comparator, Literal("true", datatype=XSD.boolean)),
        (CK.line, Literal("1.5e0", datatype=XSD.double)),
        (URIRef("https://example.org/p"), Literal("2026-12-05", datatype=XSD.date)),  # no term: typed
        (URIRef("https://example.org/p"), other),  # no term, an IRI object
        (CK.unit, CK.PercentUnit),  # a term coercing to @id
        (RDF.type, CK.Statistic),
        (CK.inArticle, Literal("not an IRI")),  # a literal under an @id term
    ):
        graph.add((s, p, o))
    graph.add((other, RDF.type, Literal("a literal type")))
    return graph


def test_jsonld_node_writer_equals_rdflibs_converter(two_article_build: BuildResult) -> None:
    """The one-pass writer gives rdflib's converter's nodes for every graph of a build with no blank node and
    for every object form; a graph with a blank node is left to rdflib's converter."""
    from calckg.jsonld_nodes import NodeWriter
    from rdflib.plugins.shared.jsonld.context import Context

    writer = NodeWriter(Context(export.jsonld_context()))
    graphs = [g for g in two_article_build.dataset.graphs() if len(g)]
    covered = [g for g in graphs if writer.nodes(g) is not None]
    assert len(graphs) - len(covered) == 1  # the ontology, which holds blank nodes
    for graph in [*covered, _node_forms_graph()]:
        assert export._canonical(writer.nodes(graph)) == export._canonical(export.rdflib_nodes(graph))
    node = export._canonical(writer.nodes(_node_forms_graph()))[1]
    assert node["value"] == "50.0"  # the term's datatype: the lexical form
    assert node["ck:value"] == 7  # another datatype: under the compact IRI, a native number
    assert node["order"] == ["x", 3]  # an ill-typed integer as written, and a native one
    assert (node["text"], node["ck:text"]) == ("Breast", {"@language": "fr", "@value": "Sein"})
    assert node["https://example.org/p"] == [{"id": "https://example.org/x"}, {"type": "xsd:date", "@value": "2026-12-05"}]
    assert (node["unit"], node["type"], node["ck:inArticle"]) == ("ck:PercentUnit", "ck:Statistic", "not an IRI")
    with_blank = _node_forms_graph()
    with_blank.add((URIRef("https://example.org/x"), CK.value, BNode("b0")))
    assert writer.nodes(with_blank) is None
    assert json.loads(export.graph_nodes(with_blank)) == export._canonical(export.rdflib_nodes(with_blank))


def test_ntriples_lines_are_rdflibs_and_refuse_what_ntriples_cannot_hold() -> None:
    from calckg.ntriples import ntriples_lines

    graph = _node_forms_graph()
    graph.add((URIRef("https://example.org/x"), CK.text, Literal('a "quoted"\\ line\nand\r a return', lang="en")))
    graph.add((BNode("b0"), CK.value, Literal("1", datatype=XSD.integer)))
    text = graph.serialize(format="nt", encoding="utf-8")
    assert ntriples_lines(graph) == sorted({line for line in text.splitlines(keepends=True) if line.strip()})
    assert b'<https://example.org/x> <https://w3id.org/calckg/ontology#text> "a \\"quoted\\"\\\\ line\\nand\\r a return"@en .\n' in ntriples_lines(graph)
    with pytest.raises(ValueError, match="<https://example.org/a b> is no IRI N-Triples can hold"):
        ntriples_lines([(URIRef("https://example.org/a b"), CK.text, Literal("x"))])
