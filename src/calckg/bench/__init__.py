"""Benchmark tooling: a seeded synthetic corpus in the publisher's page-text format, and a harness that times
every build stage (and a naive rdflib/pyshacl baseline) in a fresh process per corpus size.

`python -m calckg.bench --help` runs it; bench/README.md documents the output.
"""
