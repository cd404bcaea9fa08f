"""Benchmark tooling: a seeded synthetic corpus in the publisher's page-text format, and a harness that times the
real build (cold, rebuilt from its cache, one article changed), one question at a time on the built graph, a naive
rdflib/pyshacl baseline and the shipped queries, each in a fresh process per corpus size.

`python -m bench --help` (from the repository root) runs it; bench/README.md documents the output. It lives in the
repository, not in the installed package: no calckg command needs it.
"""
