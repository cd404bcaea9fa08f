"""The one module that knows where calckg's data folders live.

The repository keeps ontology/, shapes/, queries/ and data/ at its top level; a wheel carries copies of them
inside the package (`calckg/_data/…`, mapped by the build backend, see pyproject.toml), read here through
`importlib.resources`. So an installed calckg finds them from any working directory, and a source checkout
(editable install, tests) reads the repository's own folders.

A publisher can replace the shapes, the queries and the domain packs with folders of their own: the command-line
options --shapes, --queries and --pack call :func:`configure` once, before any work (like
:func:`calckg.runtime.configure`); library code reads the folders through the functions below only.
CALCKG_HOME names another folder holding all four (for a development checkout used with a wheel install).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources as _importlib_resources
from pathlib import Path

from calckg.errors import InputError

PACKAGED = "_data"
"""The package folder a wheel's copies of ontology/, shapes/, queries/ and data/ live in."""
FOLDERS = ("ontology", "shapes", "queries", "data")


def _checkout_root() -> Path | None:
    root = Path(__file__).resolve().parents[2]
    return root if all((root / name).is_dir() for name in FOLDERS) else None


def project_root() -> Path:
    """The folder holding ontology/, shapes/, queries/ and data/: CALCKG_HOME, else the copies inside the
    installed package, else the source checkout this module runs from."""
    configured = os.environ.get("CALCKG_HOME")
    if configured:
        return Path(configured)
    packaged = _importlib_resources.files("calckg") / PACKAGED
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    checkout = _checkout_root()
    if checkout is None:
        raise InputError(f"calckg's data folders ({', '.join(FOLDERS)}) are neither in the installed package nor "
                         f"beside it; reinstall calckg or set CALCKG_HOME to a folder holding them")
    return checkout


@dataclass(frozen=True)
class Overrides:
    """Folders the user named instead of the shipped ones (None: the shipped one)."""

    shapes: Path | None = None
    queries: Path | None = None
    packs: tuple[Path, ...] | None = None


_overrides = Overrides()  # set only by configure(), called by the entry points


def configure(*, shapes: Path | None = None, queries: Path | None = None,
              packs: tuple[Path, ...] | None = None) -> None:
    """Use the user's own shapes folder, queries folder and domain packs (each pack a folder) for the rest of the
    process; an argument left None means the shipped one (so `configure()` restores every default). Each folder
    must exist."""
    global _overrides
    for folder in (shapes, queries, *(packs or ())):
        if folder is not None and not folder.is_dir():
            raise InputError(f"{folder}: no such directory")
    _overrides = Overrides(shapes, queries, packs)


def overrides() -> Overrides:
    """The folders chosen by :func:`configure` (worker processes are given them when they start)."""
    return _overrides


def ontology_dir() -> Path:
    return project_root() / "ontology"


def shapes_dir() -> Path:
    return _overrides.shapes or project_root() / "shapes"


def queries_dir() -> Path:
    return _overrides.queries or project_root() / "queries"


def query_file(relative: str) -> Path:
    """One of the queries calckg runs itself, by its path under queries/ (e.g. "review/claims.rq"): the --queries
    folder's file when that folder has it, else the shipped one. So a publisher's folder of competency queries need
    not copy calckg's own (answers/, related/, review/, site/, stats/), and may replace any one of them."""
    own = queries_dir() / relative
    return own if _overrides.queries is None or own.is_file() else project_root() / "queries" / relative


def data_dir() -> Path:
    return project_root() / "data"


def curated_dir() -> Path:
    return data_dir() / "curated"


def packs_dir() -> Path:
    """The shipped domain packs: one folder per pack, `data/packs/<name>/`."""
    return data_dir() / "packs"


def pack_dirs() -> tuple[Path, ...]:
    """The domain packs in use: those given with --pack, else every shipped pack (sorted by name)."""
    if _overrides.packs is not None:
        return _overrides.packs
    shipped = packs_dir()
    return tuple(sorted(p for p in shipped.iterdir() if p.is_dir())) if shipped.is_dir() else ()


def resolve_pack(name_or_path: str) -> Path:
    """A --pack value: the name of a shipped pack (`data/packs/<name>/`) or the path of a pack folder."""
    shipped = packs_dir() / name_or_path
    if "/" not in name_or_path and shipped.is_dir():
        return shipped
    path = Path(name_or_path)
    if path.is_dir():
        return path
    shipped_names = sorted(p.name for p in packs_dir().iterdir() if p.is_dir()) if packs_dir().is_dir() else []
    names = ", ".join(shipped_names) or "none"
    raise InputError(f"--pack {name_or_path}: neither a shipped pack (shipped: {names}) nor a folder")


def sources_dir() -> Path:
    """The seed article(s) shipped with calckg (the benchmark and the examples read them)."""
    return data_dir() / "sources"


def context_file() -> Path:
    """The JSON-LD context shipped with calckg (never fetched)."""
    return ontology_dir() / "context.jsonld"


def default_sources() -> Path:
    """Where `calckg build` looks for articles when no --sources is given: ./data/sources of the working
    directory (a publisher's project, or this repository's checkout)."""
    folder = Path("data") / "sources"
    if not folder.is_dir():
        raise InputError(f"no --sources given and {folder.resolve()} does not exist; pass --sources DIR, "
                         f"a folder of article .txt files")
    return folder
