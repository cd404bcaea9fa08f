"""A figure's spread: "7.2 ± 8.1 years", "58 mmol/mol (SD 12)", "5 days (IQR 3-8 days)" (data/spreads.json). Before
method 110 both numbers of a plus-minus were left unread and a bracketed interquartile range was read as a range of
values of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from calckg.figure_links import spread_estimates
from calckg.graph import document_graph
from calckg.ingest.numbers import extract_statistics
from calckg.ingest.parser import parse_article
from calckg.ingest.quantities import shipped_lexicon
from calckg.ingest.spreads import Spreads
from calckg.model import StatisticKind
from calckg.namespaces import CK
from data_file_errors import refusal
from seed import SEED, seed_claims_with

SPREAD, QUANTITY, DURATION = StatisticKind.SPREAD, StatisticKind.QUANTITY, StatisticKind.DURATION


def _read(text: str) -> list[tuple[str, str, str | None, str | None, str | None, str | None, str | None]]:
    return [(s.kind.value, s.surface, *(None if v is None else str(v) for v in (s.value, s.low, s.high, s.unit)),
             s.measure) for s in extract_statistics(text)]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [
    # the unit after the spread is the figure's too; the sign is the spread's measure
    ("The mean delay was 7.2 ± 8.1 years.", [
        ("duration", "7.2", "7.2", None, None, "year", None),
        ("spread", "± 8.1 years", "8.1", None, None, "year", "±")]),
    ("Mean age was 54.2 years +/- 11.3.", [
        ("duration", "54.2 years", "54.2", None, None, "year", None),
        ("spread", "+/- 11.3", "11.3", None, None, None, "+/-")]),
    ("Weight fell by 5.1% ± 2.0%.", [
        ("percentage", "5.1%", "5.1", None, None, "percent", None),
        ("spread", "± 2.0%", "2.0", None, None, "percent", "±")]),
    ("The score averages 12.7 ± 7.7.", [
        ("quantity", "12.7", "12.7", None, None, None, None), ("spread", "± 7.7", "7.7", None, None, None, "±")]),
    # a named spread: one value or two, the unit only where written
    ("Mean HbA1c was 58 mmol/mol (SD 12).", [
        ("quantity", "58 mmol/mol", "58", None, None, "millimole-per-mole", None),
        ("spread", "SD 12", "12", None, None, None, "SD")]),
    ("The median stay was 5 days (IQR 3-8 days).", [
        ("duration", "5 days", "5", None, None, "day", None), ("spread", "IQR 3-8 days", None, "3", "8", "day", "IQR")]),
    ("The median age was 62 years, interquartile range 55 to 70.", [
        ("duration", "62 years", "62", None, None, "year", None),
        ("spread", "interquartile range 55 to 70", None, "55", "70", None, "interquartile range")]),
    ("The change was -1.2 (IQR -3 to 2) points.", [
        ("quantity", "-1.2", "-1.2", None, None, None, None), ("spread", "IQR -3 to 2", None, "-3", "2", None, "IQR")]),
    # a bare number right before a bracketed named spread is its figure
    ("People see a median of 3 (IQR 2–5) doctors.", [
        ("quantity", "3", "3", None, None, None, None), ("spread", "IQR 2–5", None, "2", "5", None, "IQR")]),
    # a notation declared by a name alone in brackets: each "<number> (<value>)" after it is a figure and its spread
    ("Flares fell, a mean (SD) of 1.3 (1.6) vs. 0.5 (0.9) per patient.", [
        ("quantity", "1.3", "1.3", None, None, None, None), ("spread", "1.6", "1.6", None, None, None, "SD"),
        ("quantity", "0.5", "0.5", None, None, None, None), ("spread", "0.9", "0.9", None, None, None, "SD")]),
    ("Mean (SD) age was 54 (12) years.", [
        ("duration", "54", "54", None, None, "year", None), ("spread", "12", "12", None, None, "year", "SD")]),
])  # fmt: skip
def test_a_figure_and_its_spread_are_read_as_written(text: str, expected: list[tuple[str | None, ...]]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a number after the sign in another unit than the figure's is no spread of it, and no figure by itself
    ("It was 5 mg ± 2 days.", [("quantity", "5 mg", "5", None, None, "milligram", None)]),
    # quartiles written the wrong way round are no spread; the range they would make is none either
    ("The stay was long (IQR 8-3 days).", []),
    # the sign without numbers, a range written with "range", and an abbreviation in another case are no spread
    ("The mean ± SD age was reported.", []),
    ("A median of 5 days (range 2-10 days).", [("duration", "5 days", "5", None, None, "day", None),
                                               ("quantity-range", "2-10 days", None, "2", "10", "day", None)]),
    ("Doses were 5 mg (sd 2).", [("quantity", "5 mg", "5", None, None, "milligram", None)]),
    # a standard deviation is one value, an interquartile range two
    ("A stay of 5 days (IQR 3) and a dose of 5 mg (SD 1-2).", [("duration", "5 days", "5", None, None, "day", None),
                                                               ("quantity", "5 mg", "5", None, None, "milligram", None)]),
    # after "median (IQR)", a single number in brackets is no quartile range; without a declaration no spread at all
    ("The median (IQR) stay was 5 (3–8) days, and 12 (2) died.", [
        ("duration", "5", "5", None, None, "day", None), ("spread", "3–8", None, "3", "8", "day", "IQR")]),
    ("Of 12 (2) patients, 5 (3–8) died.", []),
])  # fmt: skip
def test_what_is_no_spread_is_not_read_as_one(text: str, expected: list[tuple[str | None, ...]]) -> None:
    assert _read(text) == expected


def test_a_spread_is_of_the_figure_written_right_before_it_only() -> None:
    text = "In 633 patients the median age was 22 years (IQR 17–29), and 45% (SD 3) were women."
    statistics = extract_statistics(text)
    assert [s.surface for s in statistics] == ["633 patients", "22 years", "IQR 17–29", "45%", "SD 3"]
    assert spread_estimates(statistics, text) == {2: 1, 4: 3}
    # a spread with no figure right before it is of none: the unread words stand between
    text = "The median age (IQR 17–29) was reported in 633 patients."
    assert spread_estimates(extract_statistics(text), text) == {}


def test_the_document_graph_types_the_spread_and_links_it_to_its_figure() -> None:
    old = "sensitivity superior to ultrasound (55% vs. 47%, P < 0.01 for DCIS detection)"
    source = SEED.read_text(encoding="utf-8")
    article = parse_article(SEED, source.replace(old, "a mean lesion size of 12.7 ± 7.7 mm"))
    graph = document_graph(article)
    spreads = list(graph.subjects(RDF.type, CK.Spread))
    assert len(spreads) == 1
    spread = spreads[0]
    estimate = graph.value(spread, CK.spreadOf)
    assert [str(graph.value(spread, p)) for p in (CK.surface, CK.value, CK.measure, CK.unit)] == [
        "± 7.7 mm", "7.7", "±", str(CK.MillimetreUnit)]
    assert [str(graph.value(estimate, p)) for p in (CK.surface, CK.value, CK.unit)] == [
        "12.7", "12.7", str(CK.MillimetreUnit)]
    assert (estimate, RDF.type, CK.Length) in graph and str(spread).endswith("/stat/2")


def _claims(text: str) -> list[tuple[list[str], str | None, ...]]:
    graph, claims = seed_claims_with(text)
    short = lambda term: None if term is None else str(term).rsplit("/", 1)[-1]  # noqa: E731
    return sorted(([short(s) for s in sorted(graph.objects(c, CK.statistic))],
                   *(short(graph.value(c, p)) for p in (CK.subject, CK.object, CK.outcome, CK.value, CK.minValue)))
                  for c in claims)  # fmt: skip


def test_a_spreads_claim_has_its_figures_concepts_and_no_p_value() -> None:
    """The spread (stat 2) takes the subject, object and outcome of the figure it is of; the p-value is the
    figure's, not the spread's (the change the p tests is no standard deviation)."""
    assert _claims("Mammography found DCIS lesions of 12.7 ± 7.7 mm, larger than with ultrasound (p = 0.02). 1") == [
        (["1", "3"], "mammography", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "12.7", None),
        (["2"], "mammography", "ductal-carcinoma-in-situ", "ductal-carcinoma-in-situ", "7.7", None)]
    assert _claims("With mammography, DCIS was found after a median of 22 days (IQR 17–29 days). 1") == [
        (["1"], "ductal-carcinoma-in-situ", "mammography", None, "22.0", None),
        (["2"], "ductal-carcinoma-in-situ", "mammography", None, None, "17.0")]


@pytest.mark.parametrize(("content", "message"), [
    ("{", "expected plus_minus (signs), names and quartile_names"),
    ('{"plus_minus": ["±"], "names": ["SD"]}', "'quartile_names'"),
    ('{"plus_minus": [], "names": ["SD"], "quartile_names": ["IQR"]}', "non-empty lists"),
    ('{"plus_minus": ["±"], "names": ["SD", " "], "quartile_names": ["IQR"]}', "non-empty lists"),
    ('{"plus_minus": ["±"], "names": "SD", "quartile_names": ["IQR"]}', "non-empty lists"),
])  # fmt: skip
def test_a_bad_spreads_file_is_refused_naming_the_file(tmp_path: Path, content: str, message: str) -> None:
    assert message in refusal(lambda path: Spreads.load(path, shipped_lexicon()), tmp_path / "spreads.json", content)


def test_an_unreadable_spreads_file_is_refused(tmp_path: Path) -> None:
    assert "cannot read" in refusal(lambda path: Spreads.load(path, shipped_lexicon()), tmp_path / "missing.json",
                                    None)  # fmt: skip


def test_the_ontology_defines_the_spread_and_its_link() -> None:
    from calckg.resources import ontology_dir

    ontology = Graph().parse(ontology_dir() / "calckg.ttl")
    assert (CK.Spread, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), CK.Statistic) in ontology
    assert ontology.value(CK.spreadOf, URIRef("http://www.w3.org/2000/01/rdf-schema#domain")) == CK.Spread


def test_the_review_sheet_names_a_spread_and_the_figure_it_is_of() -> None:
    from calckg.review import _bounds

    assert _bounds("SD", "1.3", "1.6") == ", the SD of “1.3”"
    assert _bounds("IQR", None, "IQR 17–29") == ""  # the name is in its wording already
    assert _bounds("IQR", None, "3–8") == " (IQR)"
    assert _bounds(None, "7.2", "8.1") == ""  # no interval or spread
