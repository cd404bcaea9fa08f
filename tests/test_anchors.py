"""Curated claims anchor to quoted text (calckg.anchors): inserting a sentence into the article moves no claim, and
a quote that no longer matches stops the build with exit 2 and a message naming the file, the claim and the
nearest statement."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from calckg.anchors import AnchorError, resolve_anchors
from calckg.graph import document_graph
from calckg.ingest import parse_article
from calckg.namespaces import CK, DEFAULT_BASE_IRI
from calckg.semantic import curated_files, curated_graph
from seed import SEED, SEED_IRI

SLUG = SEED.stem
CURATED = next(path for path in curated_files() if path.stem == SLUG)
INSERTED_BULLET = "  • Screening programmes differ between countries 1\n"
INSERTED_SENTENCE = "Breast imaging reports follow a shared lexicon. 1\n\n"


def resolved(text: str) -> tuple[Graph, Graph]:
    document = document_graph(parse_article(SEED, text), DEFAULT_BASE_IRI)
    return document, curated_graph(SLUG, document)


def anchors(document: Graph, claims: Graph) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each claim → (texts of the statements it is derived from, surfaces of its figures)."""
    found = {}
    for claim in claims.subjects(PROV.wasDerivedFrom, None):
        texts = tuple(sorted(str(document.value(s, CK.text)) for s in claims.objects(claim, PROV.wasDerivedFrom)))
        figures = tuple(sorted(str(document.value(f, CK.surface)) for f in claims.objects(claim, CK.statistic)))
        found[str(claim)] = (texts, figures)
    return found


def narrative(claims: Graph, document: Graph) -> set[str]:
    return {str(document.value(s, CK.text)) for s in claims.subjects(RDF.type, CK.NarrativeStatement)}


def test_inserting_sentences_does_not_change_what_the_claims_resolve_to() -> None:
    text = SEED.read_text(encoding="utf-8")
    edited = text.replace("  • Approximately 30-38%", INSERTED_BULLET + "  • Approximately 30-38%", 1)
    edited = edited.replace("Microcalcifications are the predominant", INSERTED_SENTENCE + "Microcalcifications are the predominant", 1)
    assert edited.count(INSERTED_BULLET.strip()) == 1 and INSERTED_SENTENCE.strip() in edited
    before_document, before = resolved(text)
    after_document, after = resolved(edited)
    assert anchors(after_document, after) == anchors(before_document, before)
    assert narrative(after, after_document) == narrative(before, before_document)
    assert len(anchors(before_document, before)) == 63
    moved = URIRef(f"{SEED_IRI}/assertion/dcis-presents-as-suspicious-calcifications-in-80-percent")
    assert set(before.objects(moved, PROV.wasDerivedFrom)) == {URIRef(f"{SEED_IRI}/section/prevalence-in-breast-cancer/2")}
    assert set(after.objects(moved, PROV.wasDerivedFrom)) == {URIRef(f"{SEED_IRI}/section/prevalence-in-breast-cancer/3")}
    assert set(after.objects(moved, CK.statistic)) == {URIRef(f"{SEED_IRI}/section/prevalence-in-breast-cancer/3/stat/1")}


def curated_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / f"{SLUG}.ttl"
    path.write_text(
        "@prefix ck: <https://w3id.org/calckg/ontology#> .\n"
        "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        f"@prefix : <{SEED_IRI}/assertion/> .\n" + body,
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def seed_document() -> Graph:
    return document_graph(parse_article(SEED, SEED.read_text(encoding="utf-8")), DEFAULT_BASE_IRI)


def refusal(tmp_path: Path, seed_document: Graph, body: str) -> tuple[Path, str]:
    """(the curated file holding `body`, the message of the AnchorError curating it raises, whose exit code is 2)."""
    path = curated_file(tmp_path, body)
    with pytest.raises(AnchorError) as raised:
        curated_graph(SLUG, seed_document, folder=tmp_path)
    assert raised.value.exit_code == 2
    return path, str(raised.value)


def test_a_quote_matching_no_statement_names_the_file_the_claim_and_the_nearest_statement(
    tmp_path: Path, seed_document: Graph
) -> None:
    path, message = refusal(tmp_path, seed_document, ':c a ck:Assertion ; ck:quote "Only about 12% of mammographically '
                            'evident DCIS will be without calcifications" .\n')
    assert message == (
        f'{path}: claim c: quote "Only about 12% of mammographically evident DCIS will be without calcifications" '
        'matches no statement of the article; nearest statement: "Only about 10% of mammographically evident DCIS '
        f'will be without calcifications" ({SEED_IRI}/section/prevalence-in-breast-cancer/3)'
    )


def test_a_quote_matching_several_statements_is_refused(tmp_path: Path, seed_document: Graph) -> None:
    path, message = refusal(tmp_path, seed_document, ':c a ck:Assertion ; ck:quote "recurrences" .\n')
    assert message == (
        f'{path}: claim c: quote "recurrences" matches 2 statements ({SEED_IRI}/section/recurrence-patterns/2, '
        f"{SEED_IRI}/section/recurrence-patterns/3): quote more of the sentence"
    )


def test_a_figure_quote_must_name_a_figure_of_the_claims_sentence(tmp_path: Path, seed_document: Graph) -> None:
    path, message = refusal(tmp_path, seed_document, ':c a ck:Assertion ; ck:quote "Only about 10% of mammographically '
                            'evident DCIS will be without calcifications" ; ck:figureQuote "90%" .\n')
    assert message == (
        f'{path}: claim c: quote "90%" names no figure of the claim\'s statements; nearest figure: "10%" '
        f"({SEED_IRI}/section/prevalence-in-breast-cancer/3/stat/1)"
    )


def test_anchoring_by_position_is_refused(tmp_path: Path, seed_document: Graph) -> None:
    path = curated_file(tmp_path, f":c a ck:Assertion ; prov:wasDerivedFrom <{SEED_IRI}/section/summary/1> .\n")
    with pytest.raises(AnchorError) as raised:
        resolve_anchors(Graph().parse(path), seed_document, path)
    assert str(raised.value) == (
        f"{path}: claim c: anchors by position (wasDerivedFrom); quote the sentence (ck:quote) and the figure "
        "(ck:figureQuote) instead"
    )


def test_a_build_whose_article_no_longer_has_a_quoted_sentence_exits_2(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    text = SEED.read_text(encoding="utf-8").replace("visible on pathology are missed", "seen on pathology are missed")
    (sources / SEED.name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run([str(Path(sys.executable).parent / "calckg"), "build", "--sources", str(sources), "--out", str(out)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert (
        f'{CURATED}: claim mammography-misses-microcalcifications-visible-on-pathology-in-52-2-percent: quote "An '
        "important caveat: 52.2% of microcalcifications visible on pathology are missed on mammograms (p < 0.001), "
        'highlighting the limitations even of our best imaging modality." matches no statement of the article; nearest '
        'statement: "An important caveat: 52.2% of microcalcifications seen on pathology are missed on mammograms '
        '(p < 0.001), highlighting the limitations even of our best imaging modality." '
        f"({SEED_IRI}/section/detection-challenges/1)"
    ) in done.stderr
    assert not out.exists() or not any(out.glob("*.ttl"))
