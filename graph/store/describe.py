"""Describe the graph for people: counts by kind, and everything known about one entity.

:func:`stats` and :func:`describe` work on the networkx projection; every fact :func:`describe`
returns carries the source sections it comes from and the source documents that state the link
(every one of them: several documents may report one event), so ``regkg show`` prints nothing
uncited.
"""

from __future__ import annotations

import collections
import dataclasses

import networkx as nx

from graph.store.names import resolve

__all__ = ["Fact", "Description", "stats", "describe"]


@dataclasses.dataclass
class Fact:
    """One line of a description: a relation to another node, with that node's date and sources."""

    relation: str
    node: str
    label: str
    kind: str
    status: str | None
    date_text: str | None
    earliest: str | None
    latest: str | None
    sources: list[str]
    documents: list[str] = dataclasses.field(default_factory=list)  # the documents whose graphs hold the link


@dataclasses.dataclass
class Description:
    iri: str
    attrs: dict
    facts: list[Fact]


def stats(G: nx.MultiDiGraph, triples: int | None = None, graphs: int | None = None) -> dict[str, int]:
    """Counts of nodes by kind (and the default graph's triples and the named graphs, when given).

    >>> G = nx.MultiDiGraph(); G.add_node("urn:a", kind="model")
    >>> stats(G)
    {'model': 1}
    """
    counts = collections.Counter(attrs.get("kind", "other") for _, attrs in G.nodes(data=True))
    result = dict(sorted(counts.items()))
    if triples is not None:
        result["triples"] = triples
    if graphs is not None:
        result["named graphs"] = graphs
    return result


def describe(G: nx.MultiDiGraph, name: str) -> Description:
    """Everything the graph links to the entity ``name``, events first, each with its sources.

    >>> from graph.store.build import open_graph
    >>> from graph.store.project import project
    >>> d = describe(project(open_graph()), "mythos 5")
    >>> any(f.label.startswith("US export-control directive") for f in d.facts)
    True
    """
    node = resolve(G, name, what="entity")
    facts = []
    for other, relation, direction, documents in _neighbours(G, node):
        attrs = G.nodes[other]
        if attrs.get("kind") in ("source-section", "country", "constraint"):
            continue
        facts.append(Fact(
            relation=relation if direction == "out" else f"{relation} (of)", node=other,
            label=attrs.get("label", other), kind=attrs.get("kind", ""), status=attrs.get("status"),
            date_text=attrs.get("date_text"), earliest=attrs.get("earliest"), latest=attrs.get("latest"),
            sources=attrs.get("sources", []), documents=list(documents)))
    order = {"event": 0, "policy": 1, "permission": 2, "prohibition": 2, "statement": 3}
    facts.sort(key=lambda f: (order.get(f.kind, 4), f.earliest or "0000", f.latest or "9999", f.label))
    return Description(node, dict(G.nodes[node]), _unique(facts))


def _neighbours(G: nx.MultiDiGraph, node: str):
    for _, other, data in G.out_edges(node, data=True):
        yield other, data["relation"], "out", data.get("documents", ())
    for other, _, data in G.in_edges(node, data=True):
        yield other, data["relation"], "in", data.get("documents", ())


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, result = set(), []
    for f in facts:
        if (f.node, f.relation) not in seen:
            seen.add((f.node, f.relation))
            result.append(f)
    return result
