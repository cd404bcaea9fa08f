"""The README's example query runs on the seed build and gives the rows it promises."""

from __future__ import annotations

import re

from calckg.pipeline import BuildResult
from calckg.store.memory import MemoryStore
from seed import ROOT


def test_readme_example_query(seed_build: BuildResult) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", readme, re.DOTALL)
    assert query is not None
    result = MemoryStore(seed_build.dataset).select(query.group(1))
    rows = sorted((str(t), str(s), int(n)) for t, s, n in result.rows)
    assert rows == [
        ("fine calcification", "Fine in appearance", 6),
        ("grouped distribution", "Grouped or clustered", 6),
        ("grouped distribution", "Grouped or clustered distribution is typical of malignancy", 6),
        ("hydroxyapatite", "Hydroxyapatite - primarily associated with malignancy", 2),
        ("linear distribution", "Show linear branching patterns", 6),
        ("magnesium-substituted hydroxyapatite", "Hydroxyapatite with magnesium - also associated with malignancy", 2),
        ("pleomorphic calcification", "Pleomorphic (varying shapes)", 6),
    ]
