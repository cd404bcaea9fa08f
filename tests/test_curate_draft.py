"""`calckg curate --draft ARTICLE`: a reviewable curated file from the extracted figure claims."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from calckg.cli import main
from calckg.curate import draft
from calckg.namespaces import CK
from seed import SEED

ROOT = "https://w3id.org/calckg/id/what-are-microcalcifications-in-the-breast"


def test_the_seed_draft_holds_the_one_figure_no_curated_claim_covers() -> None:
    text = draft(SEED)
    graph = Graph().parse(data=text, format="turtle")
    (claim,) = graph.subjects(RDF.type, CK.Assertion)
    assert str(claim) == ROOT + "/assertion/magnification-view-two-view-mammography-mammography-as-primary-modality-3-stat-1"
    assert graph.value(claim, CK.statistic) == URIRef(ROOT + "/section/mammography-as-primary-modality/3/stat/1")
    assert graph.value(claim, CK.predicate) == CK.quantifies
    assert "# REVIEW: restate the label, choose the relation, check every value." in text
    assert text.startswith('# DRAFT curated assertions for "What are microcalcifications in the breast?"')


def test_the_command_writes_the_draft_and_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.ttl"
    runner = CliRunner()
    result = runner.invoke(main, ["curate", "--draft", str(SEED), "--out", str(target)])
    assert result.exit_code == 0 and target.read_text(encoding="utf-8") == draft(SEED)
    again = runner.invoke(main, ["curate", "--draft", str(SEED), "--out", str(target)])
    assert again.exit_code == 2 and f"{target}: already exists" in again.output


@pytest.mark.parametrize("name", ["missing.txt"])
def test_a_missing_article_is_an_input_error(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(main, ["curate", "--draft", str(tmp_path / name)])
    assert result.exit_code == 2 and f"{tmp_path / name}: no such article file" in result.output
