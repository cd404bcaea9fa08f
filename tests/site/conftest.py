"""Fixtures of the review-site tests: the seed build served by `calckg serve`, and one headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from browser import chromium, chromium_missing, serving


@pytest.fixture(scope="module")
def site_url(seed_build) -> Iterator[str]:  # noqa: ANN001 - the shared fixture's type
    with serving(seed_build.files[0].parent) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    missing = chromium_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the browser tests cannot run: {missing}")
        pytest.skip(missing)
    with chromium() as driver:
        yield driver
