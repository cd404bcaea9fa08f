"""An article that writes its figures in the forms a parser meets on other sites ("p = .47", "twenty-five thousand
people", "a twenty-five microgram tablet", "1 microgram equals 40 IU") builds from a folder of its own, passes
validation and states no figure its sentences do not. The article (tests/data/figures/) is illustrative, written
for these tests; before these forms were handled, "p = .47" failed the whole build (exit 1), and a reference's
DOI after its year stopped it (exit 2)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SDO, XSD

from calckg.cli import main
from calckg.namespaces import CK

FOLDER = Path(__file__).parent / "data" / "figures"
ARTICLE = FOLDER / "what-is-the-role-of-vitamin-d-supplementation-in-older-adults.txt"
ANAEMIA = FOLDER / "what-causes-anaemia-in-pregnancy.txt"


def test_figures_written_without_a_leading_zero_or_inside_larger_numbers_build_and_read_right(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(ARTICLE, sources)
    shutil.copy(ANAEMIA, sources)
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "out"),
                                       "--no-reason"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "validate: 0 violation" in result.stderr
    graph = Graph().parse(tmp_path / "out" / "calckg.nt", format="nt")
    values = {str(surface): graph.value(figure, CK.value) for figure, surface in graph.subject_objects(CK.surface)}
    assert [values[p] for p in ("p = .47", "p = .69", "p = .03")] == [
        Literal(v, datatype=XSD.decimal) for v in ("0.47", "0.69", "0.03")]
    # "twenty-five thousand people" and "a twenty-five microgram tablet" were 5 people and 5 micrograms; "one in five"
    # is a natural frequency
    assert [s for s in values if "five" in s.lower()] == ["one in five"]
    assert values["25,871 adults"] == Literal("25871.0", datatype=XSD.decimal)
    # a reference's DOI written after its year ("…, 2020, doi:10.1111/bjh.16221") names the same work
    pavord = URIRef("https://w3id.org/calckg/id/what-causes-anaemia-in-pregnancy/reference/1")
    assert [str(graph.value(pavord, p)) for p in (CK.container, CK.year, SDO.sameAs)] == [
        "British Journal of Haematology", "2020", "https://doi.org/10.1111/bjh.16221"]
    assert len(set(graph.subjects(SDO.sameAs, None))) == 1


def test_a_percentage_above_100_warns_and_a_power_of_ten_is_no_figure(tmp_path: Path) -> None:
    """"rose by 615%" failed the whole build (a percentage above 100 was a violation) and "(P = 2 × 10⁻⁵)" was read as
    a p-value of 2 (also a violation): a change or multiple above 100% is a warning for the editor now, and a power
    of ten is not read, so the article builds and states no figure its sentence does not."""
    sources = tmp_path / "sources"
    sources.mkdir()
    old = "In high-income countries anaemia is less common,"
    text = ANAEMIA.read_text(encoding="utf-8")
    assert old in text
    new = "Admissions for anaemia rose by 615% between 1992 and 2012 (P = 2 × 10⁻⁵), although in high-income countries it is less common,"
    (sources / ANAEMIA.name).write_text(text.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "out"),
                                       "--no-reason"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "validate: 0 violation, 1 warning" in result.stderr
    report = (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
    assert "A percentage above 100 is no share of a group" in report and "Percentage-valueShare" in report
    graph = Graph().parse(tmp_path / "out" / "calckg.nt", format="nt")
    surfaces = {str(surface) for surface in graph.objects(None, CK.surface)}
    assert "615%" in surfaces and not [s for s in surfaces if s.startswith("P") or s in ("2", "10")]


def test_other_unicode_line_breaks_are_spaces_and_the_build_stores_them(tmp_path: Path) -> None:
    """A line separator, paragraph separator, next line, vertical tab or form feed inside a sentence or a reference
    went into the N-Triples the store is loaded from, which refused them ("Line jumps are not allowed"): the whole
    build failed. They are read as spaces."""
    from calckg.ingest.reader import decode_source

    assert decode_source(ANAEMIA, "a\u2028b\u2029c\x85d\ve\ff\r\ng".encode()) == "a b c d e f\ng"
    sources = tmp_path / "sources"
    sources.mkdir()
    old = "In high-income countries anaemia is less common,"
    text = ANAEMIA.read_text(encoding="utf-8")
    assert old in text
    (sources / ANAEMIA.name).write_text(text.replace(old, "In high-income\u2028countries\vanaemia is less common,"),
                                        encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "out"),
                                       "--no-reason"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "In high-income countries anaemia is less common," in (tmp_path / "out" / "calckg.nt").read_text(
        encoding="utf-8")
