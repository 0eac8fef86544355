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

__all__ = ["cached", "built_indexes", "adopt_indexes", "clear_cache", "code_key", "freeze", "thaw", "FrozenError",
           "relation_edges"]

_PACKAGE = Path(__file__).resolve().parents[1]  # graph/

_CACHE: "weakref.WeakKeyDictionary[nx.MultiDiGraph, dict]" = weakref.WeakKeyDictionary()


_EDGES: "weakref.WeakKeyDictionary[nx.MultiDiGraph, list]" = weakref.WeakKeyDictionary()


def relation_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str | None]]:
    """Every link of ``G`` as ``(u, v, relation)``, as ``G.edges(data="relation")`` lists them, read
    once per graph from networkx's own dicts and kept while ``G`` lives (never pickled with a
    build). Each index builds from one walk of a whole graph, and a view of the known-on or
    disputed accounts builds five: networkx's edge view cost three times the walk, every time.

    >>> G = nx.MultiDiGraph(); _ = G.add_edge("p", "r", relation="odrl:permission"); _ = G.add_edge("p", "r")
    >>> relation_edges(G) == list(G.edges(data="relation"))
    True
    """
    found = _EDGES.get(G)
    if found is None:
        if G.is_multigraph():
            found = [(u, v, d.get("relation")) for u, nbrs in G._succ.items() for v, keys in nbrs.items()
                     for d in keys.values()]
        else:
            found = [(u, v, d.get("relation")) for u, nbrs in G._succ.items() for v, d in nbrs.items()]
        if getattr(G, "_regkg_frozen", False):  # an unfrozen graph may still change: not kept
            _EDGES[G] = found
    return found


class FrozenError(TypeError):
    """An edit of a projection regkg has answered from."""


_FROZEN_MESSAGE = ("this projection is frozen: regkg indexed it and answers from it, so an edit would leave "
                   "answers that no longer describe it; edit a copy, H = graph.store.memo.thaw(G), and ask about H")


def _refuse(*args, **kwargs):
    raise FrozenError(_FROZEN_MESSAGE)


class _FrozenAttrs(dict):
    """A node's or an edge's attributes, read-only (:func:`freeze`); pickles as the dict it holds."""

    __slots__ = ()
    __setitem__ = __delitem__ = update = setdefault = pop = popitem = clear = __ior__ = _refuse

    def __reduce__(self):
        return (_FrozenAttrs, (dict(self),))

    def copy(self) -> dict:
        return dict(self)


_EDITS = ("add_node", "add_nodes_from", "remove_node", "remove_nodes_from", "add_edge", "add_edges_from",
          "add_weighted_edges_from", "remove_edge", "remove_edges_from", "clear", "clear_edges", "update")


def freeze(G: nx.MultiDiGraph, links: bool = True) -> nx.MultiDiGraph:
    """Make ``G`` immutable: no node, edge or attribute can change (:class:`FrozenError` says what to
    do instead). Every index regkg keeps for ``G`` (:func:`cached`) is then true of it for good.
    ``links=False`` is for a view whose links are a frozen graph's own dicts: only its nodes are
    wrapped (walking every link again cost more than the view's decisions).

    >>> G = nx.MultiDiGraph(); G.add_node("e", latest="2026-06-20"); _ = freeze(G)
    >>> G.nodes["e"]["latest"] = "2026-03-01"
    Traceback (most recent call last):
    ...
    graph.store.memo.FrozenError: this projection is frozen: ...
    >>> H = thaw(G); H.nodes["e"]["latest"] = "2026-03-01"; H.nodes["e"]["latest"]
    '2026-03-01'
    """
    if getattr(G, "frozen", False) and getattr(G, "_regkg_frozen", False):
        return G
    for n, attrs in list(G._node.items()):
        if type(attrs) is not _FrozenAttrs:
            G._node[n] = _FrozenAttrs(attrs)
    for u, nbrs in (G._adj.items() if links else ()):
        for v, keys in nbrs.items():
            for k, attrs in list(keys.items()):
                if type(attrs) is not _FrozenAttrs:
                    frozen = _FrozenAttrs(attrs)
                    keys[k] = frozen
                    if G.is_directed():
                        G._pred[v][u][k] = frozen  # the same dict both ways, as networkx keeps it
    for name in _EDITS:
        setattr(G, name, _refuse)
    G.frozen = True
    G._regkg_frozen = True
    return G


def thaw(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A mutable copy of a frozen projection, with fresh attribute dicts and no indexes."""
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def cached(G: nx.MultiDiGraph, name: str, build):
    """``build(G)``, computed once per projection and kept while ``G`` lives.

    The first index of a projection freezes it (:func:`freeze`): an index answers for the graph it
    was built from, so that graph must not change. To try an edit, :func:`thaw` a copy.

    >>> G = nx.MultiDiGraph(); G.add_node("a")
    >>> cached(G, "size", len), cached(G, "size", lambda g: "not called")
    (1, 1)
    >>> G.add_node("b")
    Traceback (most recent call last):
    ...
    graph.store.memo.FrozenError: this projection is frozen: ...
    """
    slot = _CACHE.get(G)
    if slot is None:
        freeze(G)
        slot = _CACHE.setdefault(G, {})
    if name not in slot:
        slot[name] = (0, build(G))
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

    A fresh ``regkg check`` on a large graph would otherwise spend longer indexing than deciding.
    ``G`` is frozen (:func:`freeze`): the indexes describe it as it is.
    """
    freeze(G)
    _CACHE.setdefault(G, {}).update(indexes)


def clear_cache(G: nx.MultiDiGraph) -> None:
    """Forget the indexes built for ``G`` (see :func:`cached`); ``G`` stays frozen."""
    _CACHE.pop(G, None)
    _EDGES.pop(G, None)


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
