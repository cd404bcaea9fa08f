"""OWL 2 reasoning with HermiT (via owlready2): consistency, unsatisfiable classes and inferred triples.

Why it looks like this:
- owlready2 reads N-Triples, not Turtle, and follows ``owl:imports`` over the network; so the rdflib graph is
  written as N-Triples with every ``owl:imports`` triple removed, and loaded from a temp file into a fresh
  ``World`` (never the default one).
- ``sync_reasoner`` has no timeout and owlready2 keeps process-wide state; so it runs in a child process
  (:mod:`calckg.reason_worker`) in its own process group, killed as a whole (Python + JVM) at ``timeout_s``.
- HermiT only says *that* an ontology is inconsistent; the explanation (individuals typed with two disjoint
  classes) is computed here from the asserted graph with rdflib.
- The build stores inferences in their own named graph, so only triples that are new, and worth reading,
  come back: direct types of individuals, subclass/equivalence between named classes, and object property
  values entailed by property axioms; never owl:Thing/owl:NamedIndividual/owl:Nothing noise.
"""

from __future__ import annotations

import itertools
import shutil
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from shutil import which

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from calckg import hierarchy
from calckg.errors import ReasonerError, ReasonerUnavailable, ReasoningTimeout
from calckg.leftovers import owned_temp_dir
from calckg.lifeline import die_with_parent
from calckg.namespaces import bind_prefixes
from calckg.union import union_graph

REASON_TEMP_PREFIX = "calckg-reason-"

__all__ = ["ReasoningResult", "reason", "reasoning_report"]

_WORKER = Path(__file__).with_name("reason_worker.py")
_IMPORTS_NT = OWL.imports.n3()
_BUILTIN_PREFIXES = (str(OWL), str(RDF), str(RDFS), str(XSD), "http://inferrences")
_SYMMETRIC = frozenset({OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs})
_NO_JAVA = "reasoning unavailable: Java 11+ is required (java not found on PATH)"
_MAX_CLASHES_SHOWN = 10
_CALCKG_NAMES = bind_prefixes(Graph()).namespace_manager


@dataclass(frozen=True)
class ReasoningResult:
    """What HermiT concluded about one graph; ``inferred`` holds only triples absent from the input."""

    consistent: bool
    inferred: Graph
    unsatisfiable: tuple[str, ...]
    explanation: str
    seconds: float


def reason(graph: Graph, *, timeout_s: float = 60.0) -> ReasoningResult:
    """Classify ``graph`` (ontology + vocabulary + data) with HermiT; the input graph is not modified.

    A ``Dataset``/``ConjunctiveGraph`` is reasoned over as the union of all its graphs (ontology, vocabulary
    and one named graph per article), and "already asserted" means asserted in any of them.
    Raises ReasonerUnavailable without Java, ReasoningTimeout past ``timeout_s``, ReasonerError when Java
    fails.
    An inconsistent ontology is a result (``consistent=False``), not an exception.
    """
    started = time.perf_counter()
    java = _java_executable()
    graph = union_graph(graph)  # rdflib's Dataset answers `in` from the default graph only
    work = owned_temp_dir(REASON_TEMP_PREFIX)  # owned: the next build removes it if this process is killed
    try:
        (work / "input.nt").write_bytes(_ntriples_without_imports(graph))
        status, unsatisfiable_iris = _run_worker(work, java, timeout_s)
        if status == "inconsistent":
            return ReasoningResult(
                consistent=False,
                inferred=bind_prefixes(Graph()),
                unsatisfiable=(),
                explanation=explain_inconsistency(graph),
                seconds=time.perf_counter() - started,
            )
        raw = Graph().parse(work / "inferred.nt", format="nt")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    unsatisfiable = tuple(sorted(unsatisfiable_iris))
    explanation = ""
    if unsatisfiable:
        explanation = "unsatisfiable classes (can have no members): " + ", ".join(
            _short(graph, URIRef(iri)) for iri in unsatisfiable
        )
    return ReasoningResult(
        consistent=True,
        inferred=_new_triples(raw, graph),
        unsatisfiable=unsatisfiable,
        explanation=explanation,
        seconds=time.perf_counter() - started,
    )


def reasoning_report(result: ReasoningResult) -> str:
    """A few lines for the CLI: verdict, explanation, how many triples were inferred, time taken."""
    lines = ["consistent" if result.consistent else "INCONSISTENT"]
    if result.explanation:
        lines.append(result.explanation)
    if result.consistent:
        lines.append(f"inferred triples: {len(result.inferred)}")
    lines.append(f"reasoning took {result.seconds:.2f} s (HermiT)")
    return "\n".join(lines)


def _java_executable() -> str:
    """Resolve Java up front so a missing JVM gives one clear message instead of a FileNotFoundError."""
    owlready2 = sys.modules.get("owlready2")  # honour a JAVA_EXE the caller configured, without importing it
    configured = getattr(owlready2, "JAVA_EXE", "java") if owlready2 is not None else "java"
    found = which(configured)
    if found is None:
        raise ReasonerUnavailable(_NO_JAVA)
    return found


def _ntriples_without_imports(graph: Graph) -> bytes:
    """N-Triples of ``graph`` minus owl:imports, so neither owlready2 nor HermiT fetches anything.

    In N-Triples the predicate is always the second space-separated token (IRIs and blank node labels
    contain no spaces), so filtering lines is exact and avoids copying the graph.
    """
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = data.splitlines(keepends=True)
    imports = _IMPORTS_NT.encode()
    return b"".join(line for line in lines if line.split(b" ", 2)[1:2] != [imports])


def _run_worker(work: Path, java: str, timeout_s: float) -> tuple[str, list[str]]:
    """Run reason_worker in its own process group; kill the group (worker + JVM) at the deadline.

    Returns ("ok" | "inconsistent", unsatisfiable class IRIs); every other outcome raises.
    """
    command = [sys.executable, str(_WORKER), str(work / "input.nt"), str(work), java]
    # owlready2's own temp file goes where we clean up, even when the worker is killed
    env = {**os.environ, "TMPDIR": str(work)}
    # SIGTERM when calckg dies (calckg.lifeline): the worker then kills its own group, the JVM included
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True,
        preexec_fn=die_with_parent(signal.SIGTERM),  # noqa: PLW1509 - prctl must run in the child
    )
    try:
        _, stderr = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ReasoningTimeout(
            f"reasoning timed out after {timeout_s:g} s and HermiT was stopped; "
            "raise the time limit or look for recently added axioms that make the ontology expensive"
        ) from None
    result_file = work / "result.json"
    if proc.returncode != 0 or not result_file.exists():
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise ReasonerError("reasoning failed: the owlready2 worker crashed:\n" + "\n".join(tail))
    reply = json.loads(result_file.read_text(encoding="utf-8"))
    status, message = str(reply["status"]), str(reply["message"])
    if status == "java_missing":
        raise ReasonerUnavailable(_NO_JAVA)
    if status == "java_error":
        first_lines = "\n".join(message.strip().splitlines()[:8])
        raise ReasonerError("reasoning failed: HermiT reported an error:\n" + first_lines)
    return status, [str(iri) for iri in reply["unsatisfiable"]]


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop the worker and the JVM it started (same process group, created by start_new_session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):  # already gone, or no killpg (Windows)
        proc.kill()
    proc.communicate()


def _new_triples(raw: Graph, asserted: Graph) -> Graph:
    """Keep inferences that say something: named terms only, no built-ins, no self-links, none asserted.

    Equivalences come back from owlready2 in both directions; one direction (sorted) is kept.
    """
    inferred = bind_prefixes(Graph())
    for s, p, o in raw:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)) or s == o:
            continue
        if _is_builtin(s) or _is_builtin(o) or (s, p, o) in asserted:
            continue
        if p in _SYMMETRIC and ((o, p, s) in asserted or str(o) < str(s)):
            continue
        inferred.add((s, p, o))
    return inferred


def _is_builtin(term: URIRef) -> bool:
    return str(term).startswith(_BUILTIN_PREFIXES)


def explain_inconsistency(graph: Graph) -> str:
    """Name individuals asserted (up to the subclass closure) in two disjoint classes.

    HermiT's command line gives no justification, so this covers the common clash; other causes
    (functional properties, cardinalities, types that only follow from defined classes) get a pointer.
    """
    supers = _superclass_closure(graph)
    disjoint = sorted(set(_disjoint_pairs(graph)))
    clashes: list[str] = []
    for individual in sorted({s for s in graph.subjects(RDF.type) if isinstance(s, URIRef)}):
        asserted = {
            t for t in graph.objects(individual, RDF.type) if isinstance(t, URIRef) and not _is_builtin(t)
        }
        origin = {sup: cls for cls in sorted(asserted) for sup in sorted(supers.get(cls, frozenset({cls})))}
        for first, second in disjoint:
            if first in origin and second in origin:
                clashes.append(
                    f"{_short(graph, individual)} is a {_via(graph, origin[first], first)} and a "
                    f"{_via(graph, origin[second], second)}, but {_short(graph, first)} and "
                    f"{_short(graph, second)} are disjoint"
                )
    if not clashes:
        return (
            "the ontology is inconsistent, but no individual is asserted in two disjoint classes; look for a "
            "type that follows from a defined class, a functional property with two values, or a cardinality "
            "restriction, in the axioms most recently added"
        )
    shown = clashes[:_MAX_CLASHES_SHOWN]
    more = len(clashes) - len(shown)
    return "the ontology is inconsistent: " + "; ".join(shown) + (f"; and {more} more" if more else "")


def _via(graph: Graph, asserted: URIRef, reached: URIRef) -> str:
    if asserted == reached:
        return _short(graph, reached)
    return f"{_short(graph, asserted)} (so a {_short(graph, reached)})"


def _superclass_closure(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    """Reflexive-transitive named superclasses via rdfs:subClassOf and named owl:equivalentClass."""
    direct = hierarchy.merge(hierarchy.links(graph, RDFS.subClassOf),
                             hierarchy.links(graph, OWL.equivalentClass, symmetric=True))
    return hierarchy.closure(direct, reflexive=True)


def _disjoint_pairs(graph: Graph) -> Iterator[tuple[URIRef, URIRef]]:
    """Every pair of named classes declared disjoint, each pair sorted."""
    for a, b in graph.subject_objects(OWL.disjointWith):
        yield from _pairs([a, b])
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(axiom, OWL.members):
            yield from _pairs(_items(graph, members))
    for members in graph.objects(None, OWL.disjointUnionOf):
        yield from _pairs(_items(graph, members))


def _items(graph: Graph, head: Node) -> list[Node]:
    return list(Collection(graph, head)) if isinstance(head, BNode | URIRef) else []


def _pairs(classes: Iterable[Node]) -> Iterator[tuple[URIRef, URIRef]]:
    named = sorted({c for c in classes if isinstance(c, URIRef)})
    for first, second in itertools.combinations(named, 2):
        yield first, second


def _short(graph: Graph, iri: URIRef) -> str:
    """Prefixed name from the graph's own or calckg's prefixes, else <iri>; never invents a prefix."""
    for names in (graph.namespace_manager, _CALCKG_NAMES):
        try:
            return names.curie(str(iri), generate=False)
        except (KeyError, ValueError):
            continue
    return f"<{iri}>"
