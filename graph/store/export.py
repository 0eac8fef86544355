"""Export the graph as Turtle, N-Triples, JSON-LD or RDF/XML (the default graph: every fact once,
with the source documents' metadata), or as N-Quads or TriG (that, plus one named graph per source
document), written atomically.

A file is written to a temporary name beside its target and renamed into place, so an export that
fails half-way never leaves a truncated file where a good one stood.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from graph.errors import InputError
from graph.store.stores import RDF_FORMATS, Store

__all__ = ["serialize", "write_atomically", "FORMATS"]

FORMATS = tuple(RDF_FORMATS)


def serialize(store: Store, format: str) -> bytes:
    """The whole graph of ``store`` in ``format`` (``ttl``, ``nt``, ``jsonld``, ``xml``; ``nq`` and
    ``trig`` with the named graphs).

    The store serialises (with regkg's prefixes), so literals keep the canonical form the store
    holds: rdflib's Turtle writer turns ``"50"^^xsd:decimal`` into ``50.0``, another literal.

    >>> from graph.store.stores import OxigraphStore
    >>> s = OxigraphStore(); s.load(b'<urn:a> <urn:b> "c" .', "nt")
    >>> serialize(s, "nt")
    b'<urn:a> <urn:b> "c" .\\n'
    """
    if format not in RDF_FORMATS:
        raise InputError(f"unknown format '{format}' (expected one of: {', '.join(FORMATS)})")
    return store.dump(format)


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
