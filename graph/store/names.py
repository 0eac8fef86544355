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

__all__ = ["normalize", "resolve", "pick", "names_of", "name_index", "closest", "in_context", "related_channels"]

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


def resolve(G: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None, what: str = "name",
            within: str | None = None) -> str:
    """The IRI of the node of one of ``kinds`` that ``name`` names.

    ``within`` is the asset a question is about: a word that names no node by itself ("app",
    "website", "download") is then matched among that asset's own channels (:func:`in_context`).

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
    if within is not None and len(hits) != 1:
        related = related_channels(G, within)
        mine = hits & set(related)
        if len(mine) == 1:
            return next(iter(mine))
        if not hits:
            context = names_of(G, within) + [n for o in _makers_of(G, within) for n in names_of(G, o)]
            found = in_context(name, [(c, names_of(G, c)) for c in related], context)
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                labels = sorted(G.nodes[h].get("label", h) for h in found)
                raise NotFoundError(f"{what} '{name}' is ambiguous for {G.nodes[within].get('label', within)}: "
                                    f"it could be {', '.join(labels)}")
    return pick(name, hits, what, lambda h: G.nodes[h].get("label", h), lambda: closest(G, name, kinds))


def pick(name: str, hits, what: str, label, near) -> str:
    """The one node ``name`` names, or the error every resolver gives (the CLI's, the page's and the
    saved queries' parameters'): ambiguous, with what it names, or unknown, with the closest names
    (``near()``, asked only then).

    >>> pick("x", {"urn:a", "urn:b"}, "model", str, list)
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: model 'x' is ambiguous: it names urn:a, urn:b
    """
    if len(hits) == 1:
        return next(iter(hits))
    if hits:
        raise NotFoundError(f"{what} '{name}' is ambiguous: it names {', '.join(sorted(label(h) for h in hits))}")
    close = near()
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise NotFoundError(f"unknown {what} '{name}'{hint}")


def closest(G: nx.MultiDiGraph, name: str, kinds: Iterable[str] | None = None) -> list[str]:
    """Up to five names of nodes (of ``kinds``) that look like ``name``, as they are written.

    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", kind="company", label="Anthropic")
    >>> closest(G, "Anthropc", ["company"])
    ['Anthropic']
    """
    memo = cached(G, "names-closest", lambda g: {})  # a name asked about again (every cell of a page)
    key = (name, tuple(sorted(kinds)) if kinds else None)
    if key not in memo:
        memo[key] = _closest(G, name, set(kinds) if kinds else None)
    return list(memo[key])


def _closest(G: nx.MultiDiGraph, name: str, kinds: set[str] | None) -> list[str]:
    display: dict[str, str] = {}  # normalized -> the first way it is written (labels before ids)
    for node in G.nodes:
        if kinds is None or G.nodes[node].get("kind") in kinds:
            for n in names_of(G, node):
                display.setdefault(normalize(n), n)
    return [display[c] for c in difflib.get_close_matches(normalize(name), list(display), n=5, cutoff=0.5)]


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(unicodedata.normalize("NFKC", text))]


def in_context(word: str, candidates: list[tuple[str, list[str]]], context: list[str]) -> list[str]:
    """The candidates a short word names once the context's own words are set aside: "app" asked
    about DeepSeek is "DeepSeek app", "web" is "DeepSeek website", "download" a new download of it.

    A name matches *exactly* when its words, less the context's, are the word's; *by prefix* when
    each of the word's words begins one of them. Exact matches win; several of one kind are an
    ambiguity the caller reports. The one matching rule of the CLI, saved-query parameters and page.

    >>> chans = [("a", ["DeepSeek app"]), ("d", ["new download of the DeepSeek app"]), ("w", ["DeepSeek website"])]
    >>> [in_context(w, chans, ["DeepSeek"]) for w in ("app", "web", "download", "store")]
    [['a'], ['w'], ['d'], []]
    """
    wanted = _tokens(word)
    if not wanted:
        return []
    common = {t for c in context for t in _tokens(c)}
    exact, prefix = [], []
    for node, names in candidates:
        for n in names:
            rest = [t for t in _tokens(n) if t not in common]
            if sorted(rest) == sorted(wanted):
                exact.append(node)
                break
            if all(any(r.startswith(w) for r in rest) for w in wanted):
                prefix.append(node)
                break
    found = exact or prefix
    return list(dict.fromkeys(found))


def related_channels(G: nx.MultiDiGraph, asset: str) -> list[str]:
    """The channels and services of a question about ``asset``: the asset's own parts when it is a
    service, and for a model the services that offer it and their parts."""
    services = _services_of(G, asset)
    return sorted(c for c in G.nodes if G.nodes[c].get("kind") in ("channel", "service")
                  and _within(G, c, services))


def _makers_of(G: nx.MultiDiGraph, asset: str) -> set[str]:
    """Who makes or provides ``asset``: their names are context, not what tells channels apart (the
    services' own names are not: "app" must still tell "DeepSeek app" from "DeepSeek website")."""
    return {v for _, v, r in G.out_edges(asset, data="relation") if r in ("rkg:developer", "rkg:provider")}


def _services_of(G: nx.MultiDiGraph, asset: str) -> set[str]:
    if asset not in G:
        return set()
    if G.nodes[asset].get("kind") == "service":
        return {asset}
    return {u for u, _, r in G.in_edges(asset, data="relation") if r == "rkg:offers"}


def _within(G: nx.MultiDiGraph, node: str, wholes: set[str]) -> bool:
    seen, todo = set(), [node]
    while todo:
        n = todo.pop()
        if n in wholes:
            return True
        if n in seen:
            continue
        seen.add(n)
        todo += [v for _, v, r in G.out_edges(n, data="relation") if r == "odrl:partOf"]
    return False
