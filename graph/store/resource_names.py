"""Names of the resources in a store, for saved-query parameters: ``model=mythos`` -> an IRI.

Saved queries may run on a remote store, so these names are asked of the store itself (labels,
aliases, titles, section numbers, uids and ids), not of the projection (:mod:`graph.store.names`).
A build keeps them beside its store (:func:`keep_names`), so reading a build never writes to it.
"""

from __future__ import annotations

import difflib
import weakref
from pathlib import Path

from rdflib.term import URIRef

from graph.data.vocab import DCTERMS, ODRL2, RDFS, RKG, SKOS
from graph.store.names import normalize, pick

__all__ = ["KIND_CLASSES", "resolve_name", "keep_names", "NAMES_VERSION"]

# Parameter type naming a record kind -> the class its resources have.
KIND_CLASSES = {
    "model": RKG.AIModel, "organization": RKG.Organization, "person": RKG.Person,
    "group": RKG.Audience, "channel": RKG.Channel, "event": RKG.Event, "policy": RKG.AccessPolicy,
    "statement": RKG.Statement, "section": RKG.SourceSection, "source": RKG.SourceDocument,
}

#: The classes whose names a build keeps: every kind's, and services (asked wherever a model is).
NAMED_CLASSES = tuple(dict.fromkeys([*KIND_CLASSES.values(), RKG.Service]))


def resolve_name(store, kind: str, name: str) -> URIRef:
    """The resource of ``kind`` that ``name`` names: label, alias, title, number, id or IRI.

    Asked of the store itself, so it works on a remote endpoint too.

    >>> from graph.store.build import open_graph
    >>> str(resolve_name(open_graph(), "model", "mythos 5"))
    'https://w3id.org/regkg/id/model/claude-mythos-5'
    >>> str(resolve_name(open_graph(), "model", "ChatGPT"))  # a service, wherever a model is asked
    'https://w3id.org/regkg/id/channel/chatgpt'
    """
    names = _names(store, KIND_CLASSES[kind])
    if kind == "model":  # a service is asked about wherever a model is (issue 21): ChatGPT, DeepSeek's app
        merged: dict[str, set[URIRef]] = {}
        for table in (names, _names(store, RKG.Service)):
            for key, iris in table.items():
                merged.setdefault(key, set()).update(iris)
        names = merged
    wanted = normalize(name)
    hits = set(names.get(wanted, ()))  # a lookup, not a scan: thousands of names at 1M triples
    if ":" in name and any(URIRef(name) in iris for iris in names.values()):
        hits = {URIRef(name)}
    def near() -> list[str]:
        close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
        return sorted({str(i).rsplit("/", 1)[-1] for c in close for i in names[c]})

    return pick(name, hits, kind, str, near)  # the projection's resolver words its errors alike


_NAMES: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def _names(store, cls: URIRef) -> dict[str, set[URIRef]]:
    """Every name of every resource of ``cls``, normalized; kept when the store cannot change.

    At a million triples listing the names of one class takes a few hundred milliseconds, more
    than most saved queries. A read-only build is read once per process, and the names are kept
    beside the build (:func:`_kept_names`) for the next process.
    """
    if not getattr(store, "immutable", False):
        return _read_names(store, cls)
    cache = _NAMES.setdefault(store, {})
    if cls not in cache:
        cache[cls] = _kept_names(Path(store.path).parent, cls, lambda: _read_names(store, cls))
    return cache[cls]


NAMES_VERSION = 1  # bump when _read_names changes what it keys names by


def keep_names(store, build_dir: Path) -> None:
    """Keep the names of every kind of resource beside a new build (``regkg build`` calls this),
    so that reading the build later never has to write to it."""
    for cls in NAMED_CLASSES:
        _kept_names(Path(build_dir), cls, lambda cls=cls: _read_names(store, cls))


def _kept_names(build_dir: Path, cls: URIRef, read):
    """The names of ``cls`` pickled in ``build_dir``, else ``read()`` them and keep them there.

    A build directory never changes once made, so what is kept stays true; a file that cannot be
    read is read again from the store, and one that cannot be written is simply not kept.
    """
    import hashlib
    import pickle

    path = build_dir / f"names-{hashlib.sha256(str(cls).encode()).hexdigest()[:16]}.pickle"
    try:
        with open(path, "rb") as f:
            version, kept_cls, names = pickle.load(f)
        if version == NAMES_VERSION and kept_cls == str(cls):
            return names
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass
    names = read()
    try:
        from graph.store.export import write_atomically

        write_atomically(path, pickle.dumps((NAMES_VERSION, str(cls), names), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return names


def _read_names(store, cls: URIRef) -> dict[str, set[URIRef]]:
    # The class IRI comes from KIND_CLASSES, never from a user, so it may be written into the text.
    sparql = (f"SELECT ?s ?name WHERE {{ ?s a <{cls}> . OPTIONAL {{ {{ ?s <{RDFS.label}> ?name }} "
              f"UNION {{ ?s <{SKOS.altLabel}> ?name }} UNION {{ ?s <{DCTERMS.title}> ?name }} "
              f"UNION {{ ?s <{RKG.sectionNumber}> ?name }} UNION {{ ?s <{ODRL2.uid}> ?name }} }} }}")
    out: dict[str, set[URIRef]] = {}
    for s, name in store.query(sparql).rows:
        local = str(s).rsplit("/id/", 1)[-1].split("/", 1)[-1]  # "model/x" -> "x"; "source/d/s1" -> "d/s1"
        keys = {local, local.rsplit("/", 1)[-1], local.replace("/", "#")}
        if name is not None:
            keys.add(str(name))
        for key in keys:
            out.setdefault(normalize(key), set()).add(s)
    return out
