"""Apache Jena SHACL as an independent second engine (tests and benchmark): many (shapes, data) pairs, one JVM.

Jena 4.5 from Debian (`apt-get install -y libapache-jena-java`) puts its jars in /usr/share/java without a
Class-Path, so the classpath is listed here. Out of the box every command dies in XSSimpleTypeDecl with an
"internal error": jena-core.jar relocates Xerces' classes to `xerces.*` but keeps their message bundles under
`org/apache/jena/ext/xerces/`. The fix (docs/shacl-engines.md): copy those entries to a folder as `xerces/…` and
put it first on the classpath. $CALCKG_JENA_JARS names another folder of jars.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from calckg.errors import CalckgError

JARS_VARIABLE = "CALCKG_JENA_JARS"
DEBIAN_JARS = Path("/usr/share/java")
CLASSPATH_JARS = (
    "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shacl", "commons-lang3", "commons-io", "commons-codec",
    "commons-compress", "commons-csv", "commons-cli", "slf4j-api", "slf4j-nop", "jackson-core", "jackson-databind",
    "jackson-annotations", "thrift", "protobuf", "dexx.collection", "jsonld-java", "httpclient", "httpcore", "guava",
)  # fmt: skip
XERCES_BUNDLES = "org/apache/jena/ext/xerces/"
PROGRAM = Path(__file__).parent / "jena" / "JenaShacl.java"
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


class JenaUnavailable(CalckgError):
    """Java or the Jena jars are not installed."""


def jars_dir() -> Path:
    return Path(os.environ.get(JARS_VARIABLE) or DEBIAN_JARS)


def missing() -> str | None:
    """Why Jena cannot run here (None when it can)."""
    if shutil.which("java") is None:
        return "no `java` on PATH (Debian: apt-get install -y default-jre-headless)"
    absent = [name for name in CLASSPATH_JARS if not (jars_dir() / f"{name}.jar").is_file()]
    if absent:
        return f"{jars_dir()}: no {', '.join(absent)} jar (Debian: apt-get install -y libapache-jena-java)"
    return None


def _xerces_fix(folder: Path) -> Path:
    """The message bundles jena-core.jar left under their old package, copied out as `xerces/…`."""
    fix = folder / "xerces-fix"
    with zipfile.ZipFile(jars_dir() / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(XERCES_BUNDLES) and not name.endswith("/"):
                target = fix / "xerces" / name[len(XERCES_BUNDLES) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return fix


def validate_pairs(pairs: Sequence[tuple[Graph, Graph]], *, timeout: float = 600.0) -> list[Graph]:
    """Jena's report graph for each (shapes, data) pair, in order, from one JVM."""
    reason = missing()
    if reason is not None:
        raise JenaUnavailable(f"Apache Jena is not available: {reason}")
    with tempfile.TemporaryDirectory(prefix="calckg-jena-") as name:
        folder = Path(name)
        classpath = os.pathsep.join([str(_xerces_fix(folder)), *(str(jars_dir() / f"{j}.jar") for j in CLASSPATH_JARS)])
        arguments: list[str] = []
        for number, (shapes, data) in enumerate(pairs):
            paths = [folder / f"{number}-{part}.nt" for part in ("shapes", "data", "report")]
            paths[0].write_bytes(shapes.serialize(format="nt", encoding="utf-8"))
            paths[1].write_bytes(data.serialize(format="nt", encoding="utf-8"))
            arguments += [str(p) for p in paths]
        command = ["java", *JVM_OPTIONS, "-cp", classpath, str(PROGRAM), *arguments]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise CalckgError(f"Jena SHACL failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
        return [Graph().parse(folder / f"{n}-report.nt", format="nt") for n in range(len(pairs))]
