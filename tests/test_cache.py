"""The build's disk cache: a hit gives the same outputs without HermiT or the SHACL-for-SHACL check, a changed
input misses, and a corrupt entry is ignored and rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from calckg import cache, reason, validate, validate_engine, validate_shapes
from calckg.pipeline import BuildOptions, BuildResult, build
from calckg.reason import ReasoningResult
from seed import SEED

OUTPUTS = ("calckg.ttl", "calckg.nt", "calckg.jsonld", "calckg.trig", "validation.txt", "validation-report.ttl")
EX = "https://example.org/"


def test_put_get_round_trip_and_atomic_layout(tmp_path: Path) -> None:
    disk = cache.DiskCache(tmp_path / ".cache")
    assert disk.get("kind", "k1") is None
    disk.put("kind", "k1", b"payload")
    assert disk.get("kind", "k1") == b"payload"
    assert disk.hits == ["kind"] and disk.misses == 1
    assert [p.name for p in (tmp_path / ".cache" / "kind").iterdir()] == ["k1"]  # no temporary left behind


def test_keys_depend_on_every_part_and_its_boundaries() -> None:
    assert cache.key("a", "bc") != cache.key("ab", "c")
    assert cache.key("a", b"b") == cache.key("a", "b")
    assert cache.key("x") != cache.key("y")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_corrupt_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage: str) -> None:
    disk = cache.DiskCache(tmp_path)
    disk.put("kind", "k", b"0123456789" * 10)
    path = disk.path("kind", "k")
    raw = path.read_bytes()
    path.write_bytes({
        "garbage": b"not a cache entry",
        "truncated": raw[:-5],
        "flipped": raw[:-1] + bytes([raw[-1] ^ 1]),
        "empty": b"",
    }[damage])  # fmt: skip
    assert disk.get("kind", "k") is None
    disk.put("kind", "k", b"fresh")
    assert disk.get("kind", "k") == b"fresh"


def test_deferred_entries_are_written_on_commit_only(tmp_path: Path) -> None:
    disk = cache.DiskCache(tmp_path / ".cache", deferred=True)
    disk.put("kind", "k", b"v")
    assert not (tmp_path / ".cache").exists()
    disk.commit()
    assert cache.DiskCache(tmp_path / ".cache").get("kind", "k") == b"v"


def _graph(label: str) -> Graph:
    graph = Graph()
    graph.add((URIRef(EX + "a"), URIRef(EX + "p"), Literal(label)))
    return graph


@pytest.fixture
def fake_hermit(monkeypatch: pytest.MonkeyPatch) -> list[Graph]:
    """Replace HermiT with a recorder that infers one triple (no Java needed)."""
    calls: list[Graph] = []

    def fake(graph: Graph, *, timeout_s: float = 60.0) -> ReasoningResult:
        calls.append(graph)
        inferred = Graph()
        inferred.add((URIRef(EX + "a"), URIRef(EX + "q"), URIRef(EX + "b")))
        return ReasoningResult(True, inferred, (EX + "Empty",), "one unsatisfiable class", 1.5)

    monkeypatch.setattr(reason, "reason", fake)
    return calls


def test_reasoning_hit_miss_and_corrupt_entry(tmp_path: Path, fake_hermit: list[Graph]) -> None:
    disk = cache.DiskCache(tmp_path)
    first = cache.cached_reason(_graph("one"), disk)
    again = cache.cached_reason(_graph("one"), disk)
    assert len(fake_hermit) == 1  # the second answer came from disk
    assert (again.consistent, again.unsatisfiable, again.explanation) == (True, (EX + "Empty",), "one unsatisfiable class")
    assert set(again.inferred) == set(first.inferred)
    cache.cached_reason(_graph("two"), disk)  # a changed input misses
    assert len(fake_hermit) == 2
    entries = sorted((tmp_path / "hermit").iterdir())
    assert len(entries) == 2
    for path in entries:
        path.write_bytes(b"corrupt")
    cache.cached_reason(_graph("one"), disk)
    assert len(fake_hermit) == 3  # ignored ...
    cache.cached_reason(_graph("one"), disk)
    assert len(fake_hermit) == 3  # ... and rewritten
    assert sum(disk.get("hermit", path.name) is not None for path in entries) == 1


def test_shapes_check_is_cached_by_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shapes = validate.load_shapes()
    runs: list[bool] = []
    real = validate_shapes.run_pyshacl

    def counting(*args: object, **options: object) -> Graph:
        runs.append(bool(options.get("meta_shacl")))
        return real(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_shapes, "run_pyshacl", counting)
    with cache.using(cache.DiskCache(tmp_path)):
        validate.check_shapes(shapes, cache_key="k1")
        validate.check_shapes(shapes, cache_key="k1")
        assert runs == [True]
        validate.check_shapes(shapes, cache_key="k2")  # other shapes files or tool versions: a miss
        assert runs == [True, True]
    validate.check_shapes(shapes, cache_key="k1")  # no current cache: always checked
    assert runs == [True, True, True]


def test_rebuild_from_cache_is_byte_identical_without_hermit_or_a_shacl_run(
    seed_build: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = seed_build.files[0].parent
    assert (first / cache.CACHE_DIR / "hermit").is_dir()  # the session's build reasoned once and kept the answer
    out = tmp_path / "again"
    shutil.copytree(first / cache.CACHE_DIR, out / cache.CACHE_DIR)

    def no_jvm(*args: object, **kwargs: object) -> None:
        raise AssertionError("HermiT started on an unchanged input")

    real_meta, real_run = validate_shapes.run_pyshacl, validate_engine.ShapesRunner.run
    shacl_runs: list[str] = []

    def recording_meta(*args: object, **options: object) -> Graph:
        shacl_runs.append("meta-shacl" if options.get("meta_shacl") else "pyshacl")
        return real_meta(*args, **options)  # type: ignore[arg-type]

    def recording_run(self: validate_engine.ShapesRunner, data: Graph) -> list[object]:
        shacl_runs.append(self.engine)
        return real_run(self, data)  # type: ignore[return-value]

    monkeypatch.setattr(reason, "reason", no_jvm)
    monkeypatch.setattr(validate_shapes, "run_pyshacl", recording_meta)
    monkeypatch.setattr(validate_engine.ShapesRunner, "run", recording_run)
    monkeypatch.setattr(validate_shapes, "_checked_shapes", validate_shapes._checked_shapes.__wrapped__)  # no memo
    for _ in range(2):
        messages: list[str] = []
        shacl_runs.clear()
        build(BuildOptions(SEED.parent, out), messages.append)
        assert any("HermiT, cached" in m for m in messages)
        assert any("(1 of 1 unchanged, from cache)" in m for m in messages)
        assert shacl_runs == []  # no SHACL run at all: meta-SHACL, article and cross-article results from disk
        for name in OUTPUTS:
            assert (out / name).read_bytes() == (first / name).read_bytes(), name


def test_failed_build_writes_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_hermit: list[Graph]) -> None:
    from calckg import export

    def broken(dataset: object) -> bytes:
        raise RuntimeError("disk full")

    monkeypatch.setitem(export.FORMATS, "trig", ("calckg.trig", broken))
    with pytest.raises(RuntimeError, match="disk full"):
        build(BuildOptions(SEED.parent, tmp_path), lambda message: None)
    assert not (tmp_path / cache.CACHE_DIR).exists()


def test_an_output_is_kept_only_when_its_input_and_its_file_are_unchanged(tmp_path: Path) -> None:
    disk, path = cache.DiskCache(tmp_path / ".cache"), tmp_path / "out.nt"
    made: list[str] = []

    def make(text: str) -> bytes:
        made.append(text)
        return text.encode("utf-8")

    assert cache.reuse_output(disk, path, "input-1", lambda: make("one")) == (b"one", False)
    path.write_bytes(b"one")
    assert cache.reuse_output(disk, path, "input-1", lambda: make("never")) == (b"one", True)
    assert cache.reuse_output(disk, path, "input-2", lambda: make("two")) == (b"two", False)  # new input
    path.write_bytes(b"edited by hand")
    assert cache.reuse_output(disk, path, "input-1", lambda: make("one")) == (b"one", False)  # file differs
    path.unlink()
    assert cache.reuse_output(disk, path, "input-1", lambda: make("one")) == (b"one", False)  # file gone
    assert made == ["one", "two", "one", "one"]


def test_an_unchanged_rebuild_keeps_answers_and_exports_and_restores_an_edited_one(
    seed_build: BuildResult, tmp_path: Path
) -> None:
    first = seed_build.files[0].parent
    out = tmp_path / "again"
    build(BuildOptions(SEED.parent, out), lambda message: None)
    (out / "calckg.ttl").write_bytes(b"edited by hand\n")
    messages: list[str] = []
    build(BuildOptions(SEED.parent, out), messages.append)
    kept = sorted(m.split(" → ")[0] for m in messages if "(graph unchanged, kept)" in m)
    assert kept == ["export: jsonld", "export: nt", "export: trig"]
    assert any(m.startswith("answers: graph unchanged, answers.json and faq.jsonld kept") for m in messages)
    for name in (*OUTPUTS, "answers.json", "faq.jsonld", "related.json"):
        assert (out / name).read_bytes() == (first / name).read_bytes(), name


def test_the_recipe_of_cached_articles_holds_every_data_file_but_the_sources(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited word file (data/quantities.json, data/bare-values.json) changes how every article's figures are
    read, so it makes every cached article a miss; an edited source article changes only its own key."""
    from calckg import resources

    for folder in ("ontology", "shapes", "queries"):
        (tmp_path / folder).symlink_to(resources.project_root() / folder)
    (tmp_path / "data" / "sources").mkdir(parents=True)
    words, source = tmp_path / "data" / "bare-values.json", tmp_path / "data" / "sources" / "a.txt"
    words.write_text('{"followers": ["with"]}', encoding="utf-8")
    source.write_text("An article.", encoding="utf-8")
    monkeypatch.setenv("CALCKG_HOME", str(tmp_path))
    before = cache.recipe.__wrapped__()
    source.write_text("Another article.", encoding="utf-8")
    assert cache.recipe.__wrapped__() == before
    words.write_text('{"followers": ["with", "at"]}', encoding="utf-8")
    assert cache.recipe.__wrapped__() != before
