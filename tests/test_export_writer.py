"""The export files written in a thread while the build goes on (calckg.export_writer)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDFS

from calckg import cache, export
from calckg.export import ExportSet
from calckg.export_writer import ExportWriter
from calckg.outputs import Generation


def _exports() -> ExportSet:
    dataset = Dataset()
    dataset.graph(URIRef("https://example.org/g")).add(
        (URIRef("https://example.org/a"), RDFS.label, Literal("a")))
    return ExportSet.of_dataset(dataset)


def test_the_four_exports_are_written_in_format_order_each_with_its_own_time(tmp_path: Path) -> None:
    exports, messages = _exports(), []
    generation = Generation(tmp_path)
    with ExportWriter(exports, generation, tmp_path, cache.DiskCache(tmp_path / ".c"), "key", messages.append) as writer:
        writer.start()
        files = writer.files()
    names = [file_name for file_name, _ in export.FORMATS.values()]
    assert names == ["calckg.ttl", "calckg.nt", "calckg.jsonld", "calckg.trig"]
    assert files == [tmp_path / name for name in names]
    for name, (file_name, serialize) in export.FORMATS.items():
        assert (generation.root / file_name).read_bytes() == serialize(exports), name
    assert [re.sub(r"\(\d+\.\d\d s\)$", "(T)", m) for m in messages] == [
        f"export: {name} → {tmp_path / file_name} (T)" for name, (file_name, _) in export.FORMATS.items()]


def test_a_failed_build_stops_the_exports_after_the_file_being_written(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    made: list[str] = []
    writer: ExportWriter | None = None

    def slow_first(source: object) -> bytes:
        deadline = time.monotonic() + 30  # bounded: the block below fails at once
        while writer is not None and not writer.stopping and time.monotonic() < deadline:
            time.sleep(0.01)
        made.append("turtle")
        return b"turtle\n"

    def never(source: object) -> bytes:
        made.append("another")
        return b""

    monkeypatch.setattr(export, "FORMATS", {"turtle": ("calckg.ttl", slow_first), "nt": ("calckg.nt", never),
                                            "jsonld": ("calckg.jsonld", never)})  # fmt: skip
    monkeypatch.setattr("calckg.export_writer.FORMATS", export.FORMATS)
    generation, messages = Generation(tmp_path), []
    with pytest.raises(RuntimeError, match="answers failed"):
        with ExportWriter(_exports(), generation, tmp_path, cache.DiskCache(tmp_path / ".c"), "key",
                          messages.append) as writer:  # fmt: skip
            writer.start()
            raise RuntimeError("answers failed")
    assert made == ["turtle"]
    assert sorted(p.name for p in generation.root.iterdir()) == ["calckg.ttl"]
    assert len(messages) == 1 and messages[0].startswith("export: turtle → ")


def test_an_export_that_fails_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr("calckg.export_writer.FORMATS", {"turtle": ("calckg.ttl", broken)})
    with ExportWriter(_exports(), Generation(tmp_path), tmp_path, cache.DiskCache(tmp_path / ".c"), "key",
                      lambda message: None) as writer:  # fmt: skip
        with pytest.raises(OSError, match="disk full"):
            writer.files()
