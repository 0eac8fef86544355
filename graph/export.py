"""Export the graph as Turtle, N-Triples, JSON-LD or RDF/XML, written atomically.

A file is written to a temporary name beside its target and renamed into place, so an export that
fails half-way never leaves a truncated file where a good one stood.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import rdflib

from graph.errors import InputError
from graph.store import RDF_FORMATS, Store
from graph.vocab import bind_prefixes

__all__ = ["serialize", "write_atomically", "FORMATS"]

FORMATS = tuple(RDF_FORMATS)


def serialize(store: Store, format: str) -> bytes:
    """The whole graph of ``store`` in ``format`` (``ttl``, ``nt``, ``jsonld`` or ``xml``).

    Turtle and JSON-LD go through rdflib so they carry regkg's prefixes and read well;
    N-Triples comes straight from the store.

    >>> from graph.store import OxigraphStore
    >>> s = OxigraphStore(); s.load(b'<urn:a> <urn:b> "c" .', "nt")
    >>> serialize(s, "nt")
    b'<urn:a> <urn:b> "c" .\\n'
    """
    if format not in RDF_FORMATS:
        raise InputError(f"unknown format '{format}' (expected one of: {', '.join(FORMATS)})")
    if format == "nt":
        return store.dump("nt")
    g = rdflib.Graph()
    bind_prefixes(g)
    g.parse(data=store.dump("nt"), format="nt")
    return g.serialize(format=RDF_FORMATS[format][1], encoding="utf-8")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
