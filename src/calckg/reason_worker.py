"""Child process that runs HermiT through owlready2; started by :mod:`calckg.reason` only.

Why a separate process: owlready2's ``sync_reasoner`` has no timeout and keeps global state (default
world, ``onto_path``, ``JAVA_EXE``); running it here lets the parent kill the whole process group
(Python and the JVM) at a wall-clock limit and keeps the parent free of owlready2's import cost.

Protocol (stdlib + owlready2 only, no calckg import, so it runs by file path):
``python reason_worker.py INPUT.nt OUTDIR JAVA_EXE`` reads N-Triples that already have owl:imports
stripped, writes ``OUTDIR/inferred.nt`` (the triples owlready2 added for HermiT's results) and
``OUTDIR/result.json`` = ``{"status": "ok"|"inconsistent"|"java_missing"|"java_error",
"unsatisfiable": [IRI, ...], "message": str}``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

_INFERENCES_IRI = "http://inferrences/"  # owlready2's own (misspelt) name for the inferred ontology
_OWL_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


def _forbid_network(event: str, args: tuple[object, ...]) -> None:
    """Audit hook: owlready2 downloads imported ontologies with urllib; the parent strips owl:imports, this
    makes any remaining attempt fail loudly instead of reaching the network."""
    if event in ("urllib.Request", "socket.connect", "socket.getaddrinfo"):
        raise PermissionError(f"calckg reasoning never uses the network (blocked {event} {args[:1]!r})")


def run(input_nt: Path, out_dir: Path, java_exe: str) -> dict[str, object]:
    """Load into a fresh World, run HermiT, save what it added; never touch the default world."""
    import owlready2
    from owlready2 import OwlReadyInconsistentOntologyError, OwlReadyJavaError, World

    owlready2.JAVA_EXE = java_exe
    owlready2.onto_path.clear()  # nothing may be looked up on the Web or elsewhere on disk
    world = World()  # in-memory SQLite: no lock file shared with other processes
    with input_nt.open("rb") as handle:
        world.get_ontology(input_nt.resolve().as_uri()).load(fileobj=handle, format="ntriples")
    status, message = "ok", ""
    try:
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
        )
    except OwlReadyInconsistentOntologyError:
        status = "inconsistent"
    except FileNotFoundError as exc:  # owlready2 does not wrap a missing java executable
        status, message = "java_missing", str(exc)
    except OwlReadyJavaError as exc:
        status, message = "java_error", str(exc)
    unsatisfiable: list[str] = []
    if status == "ok":
        unsatisfiable = sorted(
            c.iri for c in world.inconsistent_classes() if getattr(c, "iri", _OWL_NOTHING) != _OWL_NOTHING
        )
        with (out_dir / "inferred.nt").open("wb") as handle:
            world.get_ontology(_INFERENCES_IRI).save(handle, format="ntriples")
    world.close()
    return {"status": status, "unsatisfiable": unsatisfiable, "message": message}


def _end_group(signum: int, frame: object) -> None:
    os.killpg(0, signal.SIGKILL)


def end_group_on_sigterm() -> None:
    """SIGTERM (which the kernel sends when calckg dies, calckg.lifeline) ends this process's whole group, the
    JVM owlready2 started included; only when calckg.reason started it as a group of its own."""
    if os.getpgid(0) == os.getpid():
        signal.signal(signal.SIGTERM, _end_group)


def main(argv: list[str]) -> int:
    input_nt, out_dir, java_exe = Path(argv[0]), Path(argv[1]), argv[2]
    end_group_on_sigterm()
    sys.addaudithook(_forbid_network)
    result = run(input_nt, out_dir, java_exe)
    (out_dir / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
