"""Indexes computed once per projection and kept while it lives: :func:`cached`.

The names, party, rule and state indexes all read a whole projection once and answer many
questions from it. They are kept here, keyed on the projection object, so a projection carries
its indexes without knowing what they are; a build pickles them with it (:func:`built_indexes`)
and a fresh process adopts them (:func:`adopt_indexes`). This module knows no index: each one is
named and built by the module that owns it.
"""

from __future__ import annotations

import functools
import hashlib
import weakref
from pathlib import Path

import networkx as nx

__all__ = ["cached", "built_indexes", "adopt_indexes", "clear_cache", "code_key"]

_PACKAGE = Path(__file__).resolve().parents[1]  # graph/

_CACHE: "weakref.WeakKeyDictionary[nx.MultiDiGraph, dict]" = weakref.WeakKeyDictionary()


def cached(G: nx.MultiDiGraph, name: str, build):
    """``build(G)``, computed once per projection and kept while ``G`` lives.

    Indexes are rebuilt when ``G`` gains or loses nodes. Counting a multigraph's edges costs a
    full pass, so edges and attributes are not checked: call :func:`clear_cache` after editing a
    projection's edges or names in place (regkg itself never does).

    >>> G = nx.MultiDiGraph(); G.add_node("a")
    >>> cached(G, "size", len), cached(G, "size", lambda g: "not called")
    (1, 1)
    >>> G.add_node("b"); cached(G, "size", len)
    2
    """
    slot = _CACHE.setdefault(G, {})
    size = G.number_of_nodes()
    if name not in slot or slot[name][0] != size:
        slot[name] = (size, build(G))
    return slot[name][1]


def built_indexes(G: nx.MultiDiGraph) -> dict:
    """The indexes :func:`cached` holds for ``G``, to be kept with it (a build pickles them).

    >>> G = nx.MultiDiGraph(); G.add_node("e", kind="event")
    >>> _ = cached(G, "size", len)
    >>> sorted(built_indexes(G))
    ['size']
    """
    return dict(_CACHE.get(G, {}))


def adopt_indexes(G: nx.MultiDiGraph, indexes: dict) -> None:
    """Use ``indexes`` made for ``G`` by :func:`built_indexes` in an earlier process.

    A fresh ``regkg check`` on a large graph would otherwise spend longer indexing than deciding;
    each index still carries the node count it was built for, so :func:`cached` rebuilds it if
    ``G`` changed since.
    """
    _CACHE.setdefault(G, {}).update(indexes)


def clear_cache(G: nx.MultiDiGraph) -> None:
    """Forget the indexes built for ``G`` (see :func:`cached`)."""
    _CACHE.pop(G, None)


@functools.lru_cache(maxsize=None)
def code_key(*modules: str) -> str:
    """A key for caches built by ``modules`` (paths under ``graph/``, e.g. ``"store/project.py"``):
    the package version and a hash of their source, so nothing is ever read back from a cache
    that other code built.

    >>> code_key("store/memo.py") == code_key("store/memo.py") != code_key("store/names.py")
    True
    """
    from graph import __version__

    h = hashlib.sha256(__version__.encode())
    for module in modules:
        h.update(b"\0" + module.encode() + b"\0" + (_PACKAGE / module).read_bytes())
    return h.hexdigest()[:16]
