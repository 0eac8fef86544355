"""Build the graph from ``data/`` and keep it on disk; open the built graph for queries.

A build writes a new directory (N-Triples dump, pyoxigraph store, manifest) beside the old one
and then swaps the ``current`` symlink with one atomic rename, so a build that fails or is killed
half-way leaves the previous graph intact and usable. Commands that only read open the stored
graph read-only and rebuild it first when the data files changed since it was built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import rdflib

from graph.errors import StoreError
from graph.loader import Dataset, data_files, load_dataset
from graph.paths import default_build_dir, default_data_dir, ontology_dir
from graph.rdf_build import build_graph
from graph.store import OxigraphStore

__all__ = ["BuildResult", "build", "open_graph", "current_dir", "fingerprint", "graph_from_data"]

MANIFEST = "manifest.json"


@dataclasses.dataclass
class BuildResult:
    """What a build produced: where, how many triples, how long, and the data it came from."""

    path: Path
    triples: int
    seconds: float
    data_dir: Path
    conforms: bool


def graph_from_data(data_dir: Path | None = None) -> tuple[Dataset, rdflib.Graph]:
    """Load and check ``data_dir``, then turn it into an rdflib graph (nothing is written).

    >>> ds, g = graph_from_data()
    >>> len(ds.records("models")) >= 10 and len(g) > 500
    True
    """
    ds = load_dataset(data_dir or default_data_dir())
    return ds, build_graph(ds)


def fingerprint(data_dir: Path) -> str:
    """A hash of the names, sizes and times of the data and ontology files: changes when they do."""
    h = hashlib.sha256()
    for path in data_files([data_dir]) + sorted(ontology_dir().glob("*.ttl")):
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def build(data_dir: Path | None = None, home: Path | None = None, validate: bool = True) -> BuildResult:
    """Build the graph of ``data_dir`` into ``home`` and make it the current graph.

    Raises :class:`graph.errors.InputError` on bad data and
    :class:`graph.errors.InputError` listing the SHACL violations when ``validate`` finds any;
    in both cases nothing under ``home`` changes.

    >>> import tempfile, pathlib
    >>> result = build(home=pathlib.Path(tempfile.mkdtemp()))
    >>> result.conforms and result.triples > 500
    True
    """
    started = time.perf_counter()
    data_dir = Path(data_dir or default_data_dir())
    home = Path(home or default_build_dir())
    stamp = fingerprint(data_dir)
    _, graph = graph_from_data(data_dir)
    if validate:
        from graph.validate import require_valid

        require_valid(graph)
    home.mkdir(parents=True, exist_ok=True)
    new_dir = Path(tempfile.mkdtemp(prefix="graph-", dir=home))
    try:
        triples = _write_build(new_dir, graph, data_dir, stamp)
        _make_current(home, new_dir)
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        raise
    _remove_old_builds(home, keep=new_dir)
    return BuildResult(new_dir, triples, time.perf_counter() - started, data_dir, True)


def _write_build(target: Path, graph: rdflib.Graph, data_dir: Path, stamp: str) -> int:
    nt = target / "graph.nt"
    nt.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    store = OxigraphStore(target / "store")
    store.load(nt, "nt")
    store.flush()
    triples = len(store)
    del store  # release the store's lock before anyone opens it read-only
    manifest = {"data_dir": str(data_dir.resolve()), "fingerprint": stamp, "triples": triples,
                "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return triples


def _make_current(home: Path, new_dir: Path) -> None:
    """Point ``home/current`` at ``new_dir`` with one atomic rename of a fresh symlink."""
    link = home / "current"
    tmp_link = home / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(new_dir.name)
    os.replace(tmp_link, link)


def _remove_old_builds(home: Path, keep: Path) -> None:
    for old in home.glob("graph-*"):
        if old.is_dir() and old.resolve() != keep.resolve():
            shutil.rmtree(old, ignore_errors=True)


def current_dir(home: Path | None = None) -> Path | None:
    """The directory of the current build, or ``None`` if nothing was built yet."""
    link = Path(home or default_build_dir()) / "current"
    target = link.resolve() if link.is_symlink() else None
    return target if target and (target / MANIFEST).exists() else None


def open_graph(home: Path | None = None, data_dir: Path | None = None, rebuild: bool = True) -> OxigraphStore:
    """The current graph, opened read-only; built (or rebuilt, if the data changed) when ``rebuild``.

    >>> store = open_graph()
    >>> len(store) > 500
    True
    """
    home = Path(home or default_build_dir())
    data_dir = Path(data_dir or default_data_dir())
    built = current_dir(home)
    if rebuild and (built is None or _stale(built, data_dir)):
        build(data_dir, home)
        built = current_dir(home)
    if built is None:
        raise StoreError(f"{home}: no graph has been built yet (run 'regkg build')")
    return OxigraphStore(built / "store", read_only=True)


def _stale(built: Path, data_dir: Path) -> bool:
    manifest = json.loads((built / MANIFEST).read_text())
    return manifest.get("data_dir") != str(data_dir.resolve()) or manifest.get("fingerprint") != fingerprint(data_dir)
