"""The time a rate is given per (src/calckg/ingest/time_bases.py, words from data/time-bases.json): "2.7% per year"
is 2.7 percent each year, and the graph and the review sheet say so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph

from calckg.errors import InputError
from calckg.ingest.numbers import extract_statistics
from calckg.ingest.time_bases import TIME_BASES_FILE, TimeBases
from calckg.namespaces import CK
from calckg.resources import data_dir


def _bases(text: str) -> list[tuple[str, str | None, tuple[str | None, ...]]]:
    """(surface, time base, the operands' time bases) of each figure of `text`."""
    return [(s.surface, s.per, tuple(o.per for o in s.operands)) for s in extract_statistics(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("the absolute risk reduction with warfarin was 2.7% per year (NNT 37)",
     [("2.7%", "year", ()), ("NNT 37", None, ())]),
    ("death from any cause was also lower (3.52% vs 3.94% per year; p = 0.047)",
     [("3.52% vs 3.94%", "year", ("year", "year")), ("p = 0.047", None, ())]),
    ("augmentation developed at a rate of about 7% to 8% a year", [("7% to 8%", "year", ())]),
    ("apixaban reduced stroke from 1.60% to 1.27% per year (HR 0.79; 95% CI 0.66–0.95)",
     [("from 1.60% to 1.27%", "year", ("year", "year")), ("HR 0.79", None, ()), ("0.66–0.95", None, ())]),
    ("stroke occurred in 3.09% and 3.36% per year", [("3.09%", "year", ()), ("3.36%", "year", ())]),
    ("slowed the decline in eGFR by 1.73 mL/min/1.73 m² per year", [("1.73 mL/min/1.73 m²", "year", ())]),
    ("Regular aerobic exercise for 90 to 150 minutes a week", [("90 to 150 minutes", "week", ())]),
    ("then 0.6 mg every hour for 6 hours", [("0.6 mg", "hour", ()), ("6 hours", None, ())]),
    # a time point or an age is no time base; nor a daily dose's day, which its unit holds
    ("15% a year later had relapsed", [("15%", None, ())]),
    ("a ratio of 1.3 a year after surgery", []),
    ("75 mg daily and 10 mg once daily", [("75 mg daily", None, ()), ("10 mg", None, ())]),
    # only a figure of the same kind and unit shares the base written after the next one
    ("in 12 patients and 3.36% per year", [("12 patients", None, ()), ("3.36%", "year", ())]),
    ("3.09% in the first group; 3.36% per year", [("3.09%", None, ()), ("3.36%", "year", ())]),
])  # fmt: skip
def test_a_rate_keeps_the_time_it_is_given_per(text: str, expected: list[tuple[object, ...]]) -> None:
    assert _bases(text) == expected


@pytest.mark.parametrize(("change", "message"), [
    ({"words": {"per year": "decade"}}, "words: each phrase with one of the units day, hour, month, week, year"),
    ({"words": []}, "words: each phrase with one of the units"),
    ({"shared_by": []}, "not_after and shared_by: lists of words"),
    ({"not_after": [3]}, "not_after and shared_by: lists of words"),
    ({"words": None, "not_after": None}, "expected words"),
])  # fmt: skip
def test_a_bad_time_bases_file_is_refused_naming_it(tmp_path: Path, change: dict[str, object], message: str) -> None:
    document = {**json.loads((data_dir() / TIME_BASES_FILE).read_text(encoding="utf-8")), **change}
    (tmp_path / TIME_BASES_FILE).write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InputError, match=f"{TIME_BASES_FILE}: expected words") as raised:
        TimeBases.load(tmp_path / TIME_BASES_FILE)
    assert message in str(raised.value)
    with pytest.raises(InputError, match=f"{TIME_BASES_FILE}: cannot read"):
        TimeBases.load(tmp_path / "missing" / TIME_BASES_FILE)
    (tmp_path / TIME_BASES_FILE).write_text('{"words": {', encoding="utf-8")
    with pytest.raises(InputError, match=f"{TIME_BASES_FILE}: not JSON \\(line 1"):
        TimeBases.load(tmp_path / TIME_BASES_FILE)


def test_the_graph_and_the_review_sheet_give_a_rate_its_time_base(tmp_path: Path) -> None:
    from calckg.pipeline import BuildOptions, build
    from calckg.review import review_report
    from calckg.store.memory import MemoryStore

    slug = "how-is-empagliflozin-used-in-type-2-diabetes"
    sources = tmp_path / "sources"
    sources.mkdir()
    text = (Path(__file__).parent / "data" / "articles" / f"{slug}.txt").read_text(encoding="utf-8")
    assert text.count("in 10.5% vs 12.1% of patients") == 1
    (sources / f"{slug}.txt").write_text(text.replace("in 10.5% vs 12.1% of patients", "in 3.52% vs 3.94% per year"),
                                         encoding="utf-8")
    built = build(BuildOptions(sources, tmp_path / "out"), lambda message: None)
    graph = Graph().parse(tmp_path / "out" / "calckg.nt")
    rates = sorted((str(graph.value(s, CK.surface)), str(base).rsplit("#", 1)[1])
                   for s, base in graph.subject_objects(CK.timeBase))
    assert rates == [("3.52%", "YearUnit"), ("3.52% vs 3.94%", "YearUnit"), ("3.94%", "YearUnit")]
    # the JSON-LD export names it with the context's term, an IRI as the unit is ("timeBase": "ck:YearUnit")
    exported = (tmp_path / "out" / "calckg.jsonld").read_text(encoding="utf-8")
    assert exported.count('"timeBase": "ck:YearUnit"') == 3 and '"ck:timeBase": ' not in exported
    assert set(Graph().parse(data=exported, format="json-ld").triples((None, CK.timeBase, None))) == set(
        graph.triples((None, CK.timeBase, None)))
    lines = review_report(MemoryStore(built.dataset), slug).splitlines()
    assert ("- myocardial infarction — reports a figure on — stroke; measures: –; population: –; value: – "
            "(written “3.52% vs 3.94%” per year); p = 0.04; hedge: –; polarity: positive; cites [1]; extracted"
            ) in lines
    assert not any("per year" in line for line in lines if "3.52" not in line)
