"""Regenerate the golden rows of every shipped query (tests/data/answers/query-rows/<name>.json).

Run from the repository root after a deliberate change to a query or to the curated data, then review the diff:

    .venv/bin/python tests/data/answers/regenerate.py

The rows are those of the seed article's graph as the build makes it (document graph, concept mentions with the
article's own matcher, general concepts, curated assertions, ontology and
vocabulary), with each query's `#+ example:` parameters; tests/test_queries.py compares them exactly.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from calckg.namespaces import DEFAULT_BASE_IRI  # noqa: E402
from calckg.datasets import add_reference_graphs, document_dataset  # noqa: E402
from calckg.pipeline import load_articles  # noqa: E402
from calckg.queries import NamedQuery, bind_parameters, parse_param_options, shipped_queries  # noqa: E402
from calckg.results import short  # noqa: E402
from calckg.store.memory import MemoryStore  # noqa: E402
from calckg.vocabulary import default_linker  # noqa: E402
from seed import SEED  # noqa: E402

OUT = HERE / "query-rows"


def example_params(query: NamedQuery) -> dict[str, str]:
    if not query.examples:
        return {}
    words = shlex.split(query.examples[0])
    return parse_param_options(tuple(words[i + 1] for i, w in enumerate(words[:-1]) if w == "--param"))


def main() -> None:
    dataset = document_dataset(load_articles(SEED.parent), DEFAULT_BASE_IRI, default_linker())
    add_reference_graphs(dataset)
    store = MemoryStore(dataset)
    OUT.mkdir(exist_ok=True)
    for name, query in sorted(shipped_queries().items()):
        params = example_params(query)
        result = store.select(query.text, bind_parameters(query, params))
        rows = sorted([short(term) for term in row] for row in result.rows)
        document = {"query": name, "params": params, "variables": list(result.variables), "rows": rows}
        (OUT / f"{name}.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
