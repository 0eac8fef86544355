"""Build the graph from ``data/`` and keep it on disk; open the built graph for queries.

A build writes a new directory (N-Quads dump, pyoxigraph store, projection cache, manifest)
beside the old one and then swaps the ``current`` symlink with one atomic rename, so a build that
fails or is killed half-way leaves the previous graph intact and usable. Commands that only read
open the stored graph read-only and rebuild it first when the data files changed since it was built.

:func:`load_ntriples` is the fast path for big graphs: it bulk-loads an N-Triples file straight
into a new store (no rdflib, no validation), with a progress callback. A graph loaded that way is
*pinned*: reading commands use it as it is until the next ``regkg build``.

:func:`load_projection` gives the networkx projection a build cached beside its store, so a fresh
``regkg check`` unpickles it instead of reading RDF. This module imports rdflib, pydantic and the
loader only inside the functions that build: opening a built graph stays cheap.
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
from typing import TYPE_CHECKING, Callable

from graph.data.paths import default_build_dir, default_data_dir, ontology_dir
from graph.errors import InputError, StoreError

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from graph.data.loader import Dataset
    from graph.store.stores import OxigraphStore

__all__ = ["BuildResult", "build", "load_ntriples", "open_graph", "load_projection", "current_dir",
           "fingerprint", "graph_from_data", "dataset_from_data", "content_key"]

MANIFEST = "manifest.json"
# A callback told (bytes read so far, total bytes) while a big file loads.
Progress = Callable[[int, int], None]
# Builds the indexes of a projection that a build keeps with it (see build()).
Indexer = Callable[["nx.MultiDiGraph"], object]


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
    from graph.data.loader import load_dataset
    from graph.data.rdf_build import build_graph

    ds = load_dataset(data_dir or default_data_dir())
    return ds, build_graph(ds)


def dataset_from_data(data_dir: Path | None = None):
    """Load and check ``data_dir``, then turn it into its RDF dataset: one named graph per source
    document (:class:`graph.data.rdf_build.SourceGraphs`); nothing is written.

    >>> ds, graphs = dataset_from_data()
    >>> len(graphs.named) >= 1
    True
    """
    from graph.data.loader import load_dataset
    from graph.data.rdf_build import build_dataset

    ds = load_dataset(data_dir or default_data_dir())
    return ds, build_dataset(ds)


def fingerprint(data_dir: Path) -> str:
    """A hash of the names, sizes and times of the data and ontology files: changes when they do.
    The names are resolved: ``--data data`` and ``--data /work/main/data`` are one data directory
    (two spellings of it rebuilt the graph each time the other was used)."""
    h = hashlib.sha256()
    for path in _data_files(Path(data_dir).resolve()) + sorted(ontology_dir().resolve().glob("*.ttl")):
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _data_files(path: Path) -> list[Path]:
    """The files :func:`graph.data.loader.data_files` reads, listed without importing the loader.

    Every reading command checks the fingerprint; importing the loader (PyYAML, pydantic) for a
    directory listing would double the start-up time of ``regkg check``.
    """
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml", ".ttl") and p.is_file())
    if path.is_file():
        return [path]
    raise InputError(f"{path}: no such file or directory")


def build(data_dir: Path | None = None, home: Path | None = None, validate: bool = True,
          indexer: Indexer | None = None, dataset: Dataset | None = None) -> BuildResult:
    """Build the graph of ``data_dir`` into ``home`` and make it the current graph.

    ``dataset`` (records already loaded and checked, such as ``data_dir`` with a proposal's
    records, :func:`graph.data.loader.load_proposal`) is built instead of reading ``data_dir``
    again; the build is then marked as not from ``data_dir`` alone (``source: dataset``), and
    reading commands never rebuild it from ``data_dir``.

    ``indexer(G)`` builds the indexes (:func:`graph.store.memo.cached`) that are kept with the
    projection, so a fresh process need not build them again; the command that builds knows which
    (``regkg build`` passes :func:`graph.policy.index_projection`).

    Raises :class:`graph.errors.InputError` on bad data, or listing the SHACL violations when
    ``validate`` finds any; in both cases nothing under ``home`` changes.

    >>> import tempfile, pathlib
    >>> result = build(home=pathlib.Path(tempfile.mkdtemp()))
    >>> result.conforms and result.triples > 500
    True
    """
    started = time.perf_counter()
    data_dir = Path(data_dir or default_data_dir())
    home = Path(home or default_build_dir())
    stamp = fingerprint(data_dir)
    if dataset is None:
        _, graphs = dataset_from_data(data_dir)
    else:
        from graph.data.rdf_build import build_dataset

        graphs = build_dataset(dataset)
    if validate:
        from graph.data.validate import require_valid

        require_valid(graphs.main)  # one account per record: a disputed date is two dates in the union
    source = "data" if dataset is None else "dataset"
    new_dir, triples = _install(home, lambda target: _write_build(target, graphs, data_dir, stamp, indexer, source))
    return BuildResult(new_dir, triples, time.perf_counter() - started, data_dir, True)


def _install(home: Path, fill) -> tuple[Path, int]:
    """Fill a fresh build directory with ``fill(dir) -> triples``, then make it current.

    The one place the atomicity promise is kept: until the symlink swap, the previous build is
    untouched; on any failure (or a kill) the half-filled directory is the only casualty, and the
    next successful build removes leftovers.
    """
    home.mkdir(parents=True, exist_ok=True)
    new_dir = Path(tempfile.mkdtemp(prefix="graph-", dir=home))
    try:
        triples = fill(new_dir)
        _make_current(home, new_dir)
    except BaseException:
        shutil.rmtree(new_dir, ignore_errors=True)
        raise
    _remove_old_builds(home, keep=new_dir)
    return new_dir, triples


def _write_build(target: Path, graphs, data_dir: Path, stamp: str, indexer: Indexer | None, source: str = "data") -> int:
    """Write the dataset as N-Quads, bulk-load it, project it; the triple count is the default graph's
    (every fact once: the named graphs hold the same facts again, by document)."""
    from graph.store.project import project, triples_file_entry, write_cache
    from graph.store.resource_names import keep_names
    from graph.store.stores import OxigraphStore

    nq = target / "graph.nq"
    try:
        data = graphs.nquads()
    except Exception as exc:  # rdflib refuses terms it let in (an IRI with a space from Turtle)
        raise InputError(f"{data_dir}: the graph cannot be written as N-Quads: {exc}") from None
    nq.write_bytes(data)
    store = OxigraphStore(target / "store")
    store.load(nq, "nq")
    store.flush()
    triples = len(store)
    _write_manifest(target, {"source": source, "data_dir": str(data_dir.resolve()), "fingerprint": stamp,
                             "triples": triples, "triples_file": triples_file_entry(nq, target),
                             "graphs": len(graphs.named), "content_key": _content_hash(data)})
    G = project(store, cache=False)
    write_cache(target, G, _indexes(G, indexer), _index_key(indexer))
    keep_names(store, target)
    del store  # release the store's lock before anyone opens it read-only
    return triples


def content_key(built: Path | None = None, home: Path | None = None) -> str | None:
    """What a build holds, as a key: the SHA-256 of its quads, one per line, sorted, blank nodes named
    by what they say (so the same data gives the same key whichever order a serializer wrote them
    in and whatever labels it gave blank nodes, on any machine, in any directory). ``built`` is a
    build directory (default: the current build of ``home``); ``None`` when it has no quads file
    to read.

    >>> key = content_key()
    >>> len(key), key == content_key()
    (64, True)
    """
    built = built or current_dir(home)
    if built is None:
        return None
    manifest = json.loads((built / MANIFEST).read_text())
    if manifest.get("content_key"):
        return manifest["content_key"]
    entry = manifest.get("triples_file") or {}
    path = built / entry.get("path", "graph.nq")
    return _content_hash(path.read_bytes()) if path.exists() else None


def _content_hash(data: bytes) -> str:
    lines = [line for line in data.splitlines() if line.strip()]
    plain = [line for line in lines if b"_:" not in line]
    return hashlib.sha256(b"\n".join(sorted(plain + _blank_lines([x for x in lines if b"_:" in x])))).hexdigest()


def _blank_lines(lines: list[bytes]) -> list[bytes]:
    """``lines`` (quads with blank nodes: the lists of a logical constraint) with each blank node
    named by what it says: a hash of its quads, a blank object named the same way. A serializer
    labels blank nodes at random, a build at a time; the key must not follow.

    >>> a = [b'<urn:c> <urn:or> _:x .', b'_:x <urn:first> <urn:d> .', b'_:x <urn:rest> _:y .', b'_:y <urn:first> <urn:e> .']
    >>> b = [x.replace(b"_:x", b"_:N1").replace(b"_:y", b"_:N2") for x in a]
    >>> sorted(_blank_lines(a)) == sorted(_blank_lines(b)) and b"_:x" not in b"".join(_blank_lines(a))
    True
    """
    if not lines:
        return []
    import pyoxigraph

    quads = list(pyoxigraph.parse(b"\n".join(lines) + b"\n", pyoxigraph.RdfFormat.N_QUADS))
    said: dict[str, list] = {}
    for q in quads:
        if isinstance(q.subject, pyoxigraph.BlankNode):
            said.setdefault(q.subject.value, []).append(q)
    names: dict[str, str] = {}

    def name(blank: str, seen: tuple = ()) -> str:
        if blank in seen:
            return "_:cycle"
        if blank not in names:
            parts = sorted(f"{q.predicate} {term(q.object, (*seen, blank))} {q.graph_name}" for q in said.get(blank, ()))
            names[blank] = "_:b" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
        return names[blank]

    def term(t, seen: tuple = ()) -> str:
        return name(t.value, seen) if isinstance(t, pyoxigraph.BlankNode) else str(t)

    return [(f"{term(q.subject)} {q.predicate} {term(q.object)}"
             + ("" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else f" {q.graph_name}") + " .").encode()
            for q in quads]


def _write_manifest(target: Path, manifest: dict) -> None:
    manifest["built"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2))


def load_ntriples(path: Path, home: Path | None = None, progress: Progress | None = None) -> BuildResult:
    """Bulk-load the N-Triples file ``path`` (or an N-Quads / TriG export, by its suffix) into a new
    store and make it the current graph.

    No rdflib and no SHACL: the file goes straight into pyoxigraph's bulk loader, the way a big
    generated or exported graph should. ``progress(done, total)`` is called as bytes are read.
    The projection is not computed here (it would double the load time at 1M triples); the first
    :func:`load_projection` computes and caches it. Raises :class:`InputError` for a missing,
    empty or malformed file; nothing under ``home`` changes then.

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (tmp / "g.nt").write_text('<urn:a> <urn:b> "c" .\\n')
    >>> load_ntriples(tmp / "g.nt", home=tmp / "home").triples
    1
    """
    from graph.store.project import triples_file_entry

    started = time.perf_counter()
    path, home = Path(path), Path(home or default_build_dir())
    size = _ntriples_size(path)

    def fill(new_dir: Path) -> int:
        triples = _bulk_load(path, new_dir / "store", size, progress)
        if triples == 0:
            raise InputError(f"{path}: no triples (an empty graph would replace the current one)")
        _write_manifest(new_dir, {"source": "ntriples", "data_dir": None, "fingerprint": None,
                                  "triples": triples, "triples_file": triples_file_entry(path, new_dir)})
        return triples

    new_dir, triples = _install(home, fill)
    return BuildResult(new_dir, triples, time.perf_counter() - started, path, False)


def _ntriples_size(path: Path) -> int:
    if not path.is_file():
        raise InputError(f"{path}: no such file" + (" (a directory)" if path.is_dir() else ""))
    return path.stat().st_size


def _bulk_load(path: Path, store_dir: Path, size: int, progress: Progress | None) -> int:
    import pyoxigraph as ox

    store = ox.Store(str(store_dir))
    fmt = bulk_format(path)
    try:
        if progress is None:
            store.bulk_load(path=str(path), format=fmt)
        else:
            with open(path, "rb") as f:
                store.bulk_load(_ProgressReader(f, size, progress), format=fmt)
        store.flush()
        return len(store)
    except SyntaxError as exc:
        raise InputError(f"{path}: malformed {_FORMAT_NAMES[fmt.file_extension]}: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise InputError(f"{path}: cannot load: {exc}") from None
    finally:
        del store  # release the store's lock before anyone opens it read-only


_FORMAT_NAMES = {"nt": "N-Triples", "nq": "N-Quads", "trig": "TriG"}


def bulk_format(path: Path):
    """The pyoxigraph format of a file :func:`load_ntriples` takes: N-Quads (``.nq``) or TriG
    (``.trig``), an export with its named graphs; N-Triples otherwise.

    >>> bulk_format(Path("graph.nq")).name, bulk_format(Path("graph.nt")).name
    ('N-Quads', 'N-Triples')
    """
    import pyoxigraph as ox

    return {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(Path(path).suffix, ox.RdfFormat.N_TRIPLES)


class _ProgressReader:
    """A binary file that reports how far it has been read (read in big chunks: the cost is nil)."""

    def __init__(self, f, total: int, progress: Progress):
        self.f, self.total, self.progress, self.done = f, total, progress, 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.f.read(n if n and n > 0 else 1 << 20)
        self.done += len(chunk)
        self.progress(self.done, self.total)
        return chunk

    def readinto(self, buffer) -> int:
        n = self.f.readinto(buffer)
        self.done += n or 0
        self.progress(self.done, self.total)
        return n

    def readable(self) -> bool:
        return True


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


def open_graph(home: Path | None = None, data_dir: Path | None = None, rebuild: bool = True,
               indexer: Indexer | None = None) -> OxigraphStore:
    """The current graph, opened read-only; built (or rebuilt, if the data changed) when ``rebuild``.

    >>> store = open_graph()
    >>> len(store) > 500
    True
    """
    from graph.store.stores import OxigraphStore

    return OxigraphStore(_current_build(home, data_dir, rebuild, indexer) / "store", read_only=True)


def load_projection(home: Path | None = None, data_dir: Path | None = None, rebuild: bool = True,
                    indexer: Indexer | None = None) -> nx.MultiDiGraph:
    """The networkx projection of the current graph (see :func:`open_graph`), from the build's cache.

    A build pickles its projection beside its store; this unpickles it (a fresh copy each call), and
    computes and caches it when missing (a graph from :func:`load_ntriples`, or an older build).
    Neither rdflib nor the store is imported when the cache is there.

    >>> G = load_projection()
    >>> G.nodes["https://w3id.org/regkg/id/model/claude-mythos-5"]["label"]
    'Claude Mythos 5'
    """
    from graph.store.project import cached_index_key, read_cache, write_cache

    built = _current_build(home, data_dir, rebuild, indexer)
    key = _index_key(indexer)
    G = read_cache(built, key)
    if G is None:
        return _project_and_cache(built, indexer)
    if indexer is not None and cached_index_key(built) != key:
        try:  # indexes built by other code: build them with this code, and keep those
            write_cache(built, G, _indexes(G, indexer), key)
        except OSError:
            pass
    return G


def _project_and_cache(built: Path, indexer: Indexer | None) -> nx.MultiDiGraph:
    from graph.store.project import project, write_cache
    from graph.store.stores import OxigraphStore

    G = project(OxigraphStore(built / "store", read_only=True), cache=False)
    try:
        write_cache(built, G, _indexes(G, indexer), _index_key(indexer))
    except OSError:
        pass  # a read-only build directory: answer anyway, just without a cache
    return G


def _index_key(indexer: Indexer | None) -> str | None:
    """Which code builds ``indexer``'s indexes (its ``key()``), None when it does not say."""
    key = getattr(indexer, "key", None)
    return key() if callable(key) else None


def _indexes(G: nx.MultiDiGraph, indexer: Indexer | None) -> dict:
    """The indexes to cache with ``G``: its names, and whatever ``indexer`` builds.

    At a million triples the decision indexes take longer than a decision itself (about 1 s per
    process), so the commands that decide pass an indexer that builds them here, once.
    """
    from graph.store.memo import built_indexes
    from graph.store.names import name_index

    name_index(G)
    if indexer is not None:
        indexer(G)
    return built_indexes(G)


def _current_build(home: Path | None, data_dir: Path | None, rebuild: bool, indexer: Indexer | None = None) -> Path:
    home = Path(home or default_build_dir())
    data_dir = Path(data_dir or default_data_dir())
    built = current_dir(home)
    if rebuild and (built is None or _stale(built, data_dir)):
        build(data_dir, home, indexer=indexer)
        built = current_dir(home)
    if built is None:
        raise StoreError(f"{home}: no graph has been built yet (run 'regkg build')")
    return built


def _stale(built: Path, data_dir: Path) -> bool:
    """Whether the data changed since this build; a graph loaded from N-Triples is pinned."""
    manifest = json.loads((built / MANIFEST).read_text())
    if manifest.get("source") in ("ntriples", "dataset"):
        return False
    return manifest.get("data_dir") != str(data_dir.resolve()) or manifest.get("fingerprint") != fingerprint(data_dir)
