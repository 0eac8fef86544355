"""Resolve what a person types ("mythos 5", "Zhipu AI") to a node of the projection.

Names match a node's label, aliases or id, ignoring case, spaces, hyphens, dots and underscores.
An unknown name raises :class:`graph.errors.NotFoundError` listing the closest matches.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

import networkx as nx

from graph.errors import NotFoundError
from graph.store.memo import cached

__all__ = ["normalize", "resolve", "names_of", "name_index", "closest"]

_IGNORED = re.compile(r"[\s\-_.·]+")


def normalize(name: str) -> str:
    """The form names are compared in.

    >>> normalize("Claude Mythos-5")
    'claudemythos5'
    """
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())


def names_of(G: nx.MultiDiGraph, node: str) -> list[str]:
    """Every name a node answers to: label, aliases and the last segment of its IRI."""
    attrs = G.nodes[node]
    return [attrs.get("label", ""), *attrs.get("aliases", []), node.rsplit("/", 1)[-1]]


def name_index(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """Every node of ``G`` under each of its names, normalized: built once per projection (a build
    caches it too), so resolving a name is a lookup, not a pass over a large graph.

    >>> G = nx.MultiDiGraph(); G.add_node("urn:m", kind="model", label="Claude Mythos 5")
    >>> name_index(G)["claudemythos5"]
    ('urn:m',)
    """
    return cached(G, "names", _build_name_index)


def _build_name_index(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    index: dict[str, set[str]] = {}
    for node in G:
        for n in names_of(G, node):
            index.setdefault(normalize(n), set()).add(node)
    return {name: tuple(sorted(nodes)) for name, nodes in index.items()}


def resolve(G: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None, what: str = "name") -> str:
    """The IRI of the node of one of ``kinds`` that ``name`` names.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:m", kind="model", label="Claude Mythos 5", aliases=["Mythos"])
    >>> resolve(G, "mythos", kinds=["model"])
    'urn:m'
    >>> resolve(G, "mythos 6", kinds=["model"])
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: unknown name 'mythos 6'; closest: ...Claude Mythos 5...
    """
    kinds = set(kinds) if kinds else None
    wanted = normalize(name)
    hits = {n for n in name_index(G).get(wanted, ()) if kinds is None or G.nodes[n].get("kind") in kinds}
    if len(hits) == 1:
        return next(iter(hits))
    if len(hits) > 1:
        labels = sorted(G.nodes[h].get("label", h) for h in hits)
        raise NotFoundError(f"{what} '{name}' is ambiguous: it names {', '.join(labels)}")
    close = closest(G, name, kinds)
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise NotFoundError(f"unknown {what} '{name}'{hint}")


def closest(G: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None) -> list[str]:
    """Up to five names of nodes (of ``kinds``) that look like ``name``, as they are written.

    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", kind="company", label="Anthropic")
    >>> closest(G, "Anthropc", ["company"])
    ['Anthropic']
    """
    kinds = set(kinds) if kinds else None
    display: dict[str, str] = {}  # normalized -> the first way it is written (labels before ids)
    for node in G.nodes:
        if kinds is None or G.nodes[node].get("kind") in kinds:
            for n in names_of(G, node):
                display.setdefault(normalize(n), n)
    return [display[c] for c in difflib.get_close_matches(normalize(name), list(display), n=5, cutoff=0.5)]
