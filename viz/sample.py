"""A generated graph with the projection's shape, for sizing the page (benchmarks, browser tests).

The seed data has a few hundred nodes; the page must stay usable at thousands. This builds a
``MultiDiGraph`` with the node kinds, attributes and relations :func:`graph.store.project.project` makes
(companies, models, groups, events with imprecise bounds, policies with permissions and prohibitions,
source sections), deterministically from a seed.
"""

from __future__ import annotations

import datetime as dt
import random

import networkx as nx

__all__ = ["synthetic_projection"]

_BASE = "https://example.org/regkg-sample/"
_STATUSES = ["occurred"] * 6 + ["reported", "announced", "planned", "forecast"]


def synthetic_projection(n_nodes: int = 5000, seed: int = 0) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes (at least 30) of every main kind, with two to three edges per node.

    >>> G = synthetic_projection(200)
    >>> G.number_of_nodes() >= 200, {"model", "event", "policy", "permission"} <= {k for _, k in G.nodes(data="kind")}
    (True, True)
    """
    rng = random.Random(seed)
    n = max(n_nodes, 30)
    G = nx.MultiDiGraph()
    sections = _add(G, "source-section", n // 500 + 3, "Sample report, section {i}")
    companies = _add(G, "company", n // 20, "Company {i}")
    governments = _add(G, "government", n // 250 + 2, "Government body {i}")
    models = _add(G, "model", n // 10, "Model {i}", aliases=lambda i: [f"M{i}"])
    groups = _add(G, "group", n // 25, "Audience {i}")
    events = sorted((_event(G, i, rng) for i in range(n // 6)), key=lambda e: _order_key(G, e))
    remaining = n - G.number_of_nodes()
    for i in range(max(remaining // 4, 1)):
        _policy(G, i, rng, events, models, groups, companies + governments)
    for node in list(G.nodes):
        G.nodes[node]["sources"] = [] if node in sections else [rng.choice(sections)]
        if node not in sections:
            G.add_edge(node, G.nodes[node]["sources"][0], relation="prov:wasDerivedFrom")
    for model in models:
        G.add_edge(model, rng.choice(companies), relation="rkg:developer")
    for ev in events:
        G.add_edge(ev, rng.choice(companies + governments), relation="sem:hasActor")
        G.add_edge(ev, rng.choice(models), relation="rkg:affects")
    for i, ev in enumerate(events):
        earlier = [e for e in events[max(0, i - 20):i] if _forward(G, e, ev)]
        if earlier and rng.random() < 0.3:
            G.add_edge(ev, rng.choice(earlier), relation="rkg:after")
    return G


def _order_key(G: nx.MultiDiGraph, event: str) -> tuple[str, str, str]:
    attrs = G.nodes[event]
    return attrs.get("earliest") or "0000", attrs.get("latest") or "9999", event


def _forward(G: nx.MultiDiGraph, first: str, then: str) -> bool:
    """Whether ``then`` may follow ``first`` without contradicting either's bounds.

    The compliance engine refuses an order its dates contradict, so the sample only records
    orders that go forward in both bounds, as real data would.
    """
    a, b = _order_key(G, first), _order_key(G, then)
    return a[0] <= b[0] and a[1] <= b[1] and a < b


def _add(G: nx.MultiDiGraph, kind: str, count: int, label: str, aliases=lambda i: []) -> list[str]:
    nodes = [f"{_BASE}{kind}/{i}" for i in range(count)]
    for i, node in enumerate(nodes):
        G.add_node(node, kind=kind, label=label.format(i=i), aliases=aliases(i), sources=[])
    return nodes


def _event(G: nx.MultiDiGraph, i: int, rng: random.Random) -> str:
    node = f"{_BASE}event/{i}"
    start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(700))
    width = rng.choice([0, 0, 9, 30, 60])
    attrs = {"kind": "event", "label": f"Event {i}", "aliases": [], "sources": [],
             "status": rng.choice(_STATUSES), "date_text": f"around {start:%B %Y}", "precision": "part-of-month"}
    if rng.random() < 0.9:
        attrs["latest"] = (start + dt.timedelta(days=width)).isoformat()
    if rng.random() < 0.8:
        attrs["earliest"] = start.isoformat()
    G.add_node(node, **attrs)
    return node


def _policy(G, i, rng, events, models, groups, assigners) -> None:
    policy = f"{_BASE}policy/{i}"
    G.add_node(policy, kind="policy", label=f"Policy {i}", aliases=[], sources=[], status="occurred")
    G.add_edge(policy, rng.choice(assigners), relation="odrl:assigner")
    start = rng.randrange(len(events))
    G.add_edge(policy, events[start], relation="prov:wasGeneratedBy")
    later = [e for e in events[start + 1:start + 40] if _forward(G, events[start], e)]
    if later and rng.random() < 0.25:
        G.add_edge(policy, rng.choice(later), relation="prov:wasInvalidatedBy")
    for j, kind in enumerate(rng.sample(["permission", "prohibition", "permission"], 3)):
        rule = f"{_BASE}rule/{i}-{j}"
        G.add_node(rule, kind=kind, label=f"Rule {i}.{j} ({kind})", aliases=[], sources=[], status="occurred")
        G.add_edge(policy, rule, relation=f"odrl:{kind}")
        G.add_edge(rule, rng.choice(models), relation="odrl:target")
        G.add_edge(rule, rng.choice(groups), relation="odrl:assignee")
