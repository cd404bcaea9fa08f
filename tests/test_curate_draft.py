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


def test_the_seed_draft_holds_the_figures_no_curated_claim_covers_anchored_by_quote() -> None:
    from calckg.anchors import resolve_anchors
    from calckg.graph import document_graph
    from calckg.ingest import parse_article

    text = draft(SEED)
    graph = Graph().parse(data=text, format="turtle")
    claims = {str(c).rsplit("/", 1)[-1] for c in graph.subjects(RDF.type, CK.Assertion)}
    assert claims == {"magnification-view-two-view-mammography-mammography-as-primary-modality-3-stat-1",
                      "mediolateral-oblique-view-two-view-mammography-mammography-as-primary-modality"}
    claim = URIRef(ROOT + "/assertion/magnification-view-two-view-mammography-mammography-as-primary-modality-3-stat-1")
    assert str(graph.value(claim, CK.figureQuote)) == "two-view"
    assert not list(graph.objects(claim, CK.statistic))  # anchored by quote, never by position
    resolved = resolve_anchors(graph, document_graph(parse_article(SEED, SEED.read_text(encoding="utf-8"))), SEED)
    assert resolved.value(claim, CK.statistic) == URIRef(ROOT + "/section/mammography-as-primary-modality/3/stat/1")
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


def test_a_bound_is_named_above_its_claim() -> None:
    """The draft's values are a bound's value; the sign ("at least", "up to a maximum of") stays on the figure's
    statistic, so the draft names it where the curator reads the claim."""
    text = draft(Path(__file__).parents[1] / "bench" / "blind" / "fresh-k" / "how-is-acute-asthma-managed-in-adults.txt")
    bounds = [line for line in text.splitlines() if line.startswith("# BOUND:")]
    suffix = " (the sentence gives a bound, not an exact value; the sign stays on the figure's statistic)."
    assert bounds[:4] == [f"# BOUND: ≥ 39%{suffix}", f"# BOUND: ≥ 4 mmHg{suffix}", f"# BOUND: ≥ 5 days{suffix}",
                          f"# BOUND: ≤ 50 mg a day{suffix}"]


def test_claims_are_named_and_ordered_by_their_own_figure_not_the_p_value_they_carry() -> None:
    """"… hip fractures (0.7% vs. 1.2%; HR, 0.60; 95% CI, 0.37 to 0.97; P=.04) over 36 months": the claims of
    statistics 7-9 carry the P=.04 of statistic 10; each is named by and ordered at its own figure (by position:
    "stat-10" sorted as text had put them before statistics 3-5 and named them after the p-value)."""
    stress = Path(__file__).parents[1] / "bench" / "stress" / "how-is-osteoporosis-treated-in-postmenopausal-women.txt"
    names = [line.split()[0] for line in draft(stress).splitlines() if "-denosumab-and-anabolic-drugs-1-stat-" in line
             and line.startswith(":")]  # fmt: skip
    prefix = ":drugbank-db06643-drugbank-db06643-denosumab-and-anabolic-drugs-1-stat-"
    assert names == [f"{prefix}{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9, 11)]
