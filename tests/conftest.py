"""Shared fixtures: the seed article parsed and built once per session, and a guard that fails any test
making an outbound network request (only 127.0.0.1 is reachable)."""

from __future__ import annotations

import shutil
import time

import pytest
from rdflib import Dataset

from artefacts import written_since
from calckg.runtime import configure
from calckg.ingest import parse_article, read_source
from calckg.model import Article
from calckg.pipeline import BuildOptions, BuildResult, build
from seed import SEED, THYROID


configure()
STARTED = time.time()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Lists the screenshots this run wrote (in this process or in pytest-xdist's workers)."""
    written = written_since(STARTED)
    if written:
        terminalreporter.write_line("review-site screenshots (test artefacts):")
        for path in written:
            terminalreporter.write_line(f"  {path}")


@pytest.fixture(scope="session")
def seed_article() -> Article:
    source = read_source(SEED)
    return parse_article(source.path, source.text)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """`calckg build` of the real sources into a temporary folder, once per test session."""
    out = tmp_path_factory.mktemp("build")
    return build(BuildOptions(SEED.parent, out), lambda message: None)


@pytest.fixture(scope="session")
def two_article_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The seed and one illustrative article built together (no reasoning), once per test session."""
    sources = tmp_path_factory.mktemp("two-articles")
    for path in (SEED, THYROID):
        shutil.copy(path, sources)
    return build(BuildOptions(sources, tmp_path_factory.mktemp("two-article-build"), reason=False), lambda m: None)


@pytest.fixture(scope="session")
def seed_dataset(seed_build: BuildResult) -> Dataset:
    return seed_build.dataset
