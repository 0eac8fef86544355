"""The graph view's data: nodes, edges, classes, clusters and rule states, as compact JSON.

Nodes travel as parallel arrays (``ids``, ``kind``, ``label``, ``imp``) and edges as one flat list
of ``from, to, relation`` indexes, so a 50,000-node page stays a few megabytes and parses in a
fraction of a second. Everything a node panel shows beyond that (dates as written, bounds,
status, sources) is in ``attrs``, ``aliases`` and ``sources``, keyed by node index.

Rule states are the engine's: for each permission and prohibition, the first days of the spans
between its policy's change dates and the state :func:`graph.policy.state.policy_state` gives on
each (:func:`graph.policy.periods.policy_periods`). The page looks the date up; it has no time
rule of its own. A rule that only planned or forecast events (or a planned policy) would put in
force is drawn *planned* instead of *not in force*.

Clusters: a large graph opens as an overview of clusters, by ``kind``, ``jurisdiction`` (the
country of the node, else of its developer, actor, assigner, provider, publisher, subject or
affiliation, up to three hops) or ``source`` (the section the node is derived from).
"""

from __future__ import annotations

import math

import networkx as nx

from graph.policy import state
from graph.policy.periods import policy_periods
from graph.policy.timeline import event_order
from viz import style

__all__ = ["RULE_KINDS", "graph_data", "rule_policy", "display_state", "planned_only", "rule_periods",
           "jurisdictions", "display_label", "importance", "event_order"]

RULE_KINDS = frozenset({"permission", "prohibition"})
_PLANNED = frozenset({"planned", "forecast"})
_RULE_LINKS = {"odrl:permission", "odrl:prohibition"}
# Relations along which a node's jurisdiction is looked for, most telling first.
_JURISDICTION_PATH = ("rkg:country", "rkg:developer", "sem:hasActor", "odrl:assigner", "rkg:provider",
                      "dcterms:publisher", "org:memberOf", "rkg:definedBy", "rkg:model", "odrl:target",
                      "rkg:subject", "dcterms:subject", "prov:wasAttributedTo")
_NO_JURISDICTION = "no jurisdiction recorded"
_NO_SOURCE = "no source recorded"


def rule_policy(G: nx.MultiDiGraph, rule: str) -> str | None:
    """The policy a permission or prohibition belongs to (``odrl:permission``/``odrl:prohibition``)."""
    return next((p for p, _, rel in G.in_edges(rule, data="relation") if rel in _RULE_LINKS), None)


def display_state(engine_state: str, planned: bool) -> str:
    """The page's state of a rule from :func:`graph.policy.state.policy_state`'s state of its policy.

    >>> display_state("not-in-force", True), display_state("uncertain", False)
    ('planned', 'uncertain')
    """
    return "planned" if planned and engine_state == state.NOT_IN_FORCE else engine_state


def planned_only(G: nx.MultiDiGraph, policy: str | None) -> bool:
    """Whether only plans or forecasts (or the policy's own planned status) would put ``policy`` in force."""
    if policy is None:
        return False
    index = state.state_index(G)
    starts = index.starts.get(policy, ())
    return index.status.get(policy) in _PLANNED or (bool(starts) and not any(t.occurring for t in starts))


def rule_periods(G: nx.MultiDiGraph, rule: str) -> tuple[list[str], list[str]]:
    """A rule's display state over time: the first days of its spans (after the first, which is
    unbounded below) and the state on each.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred"); G.add_node("r", kind="prohibition")
    >>> _ = G.add_edge("p", "e", relation="prov:wasGeneratedBy"); _ = G.add_edge("p", "r", relation="odrl:prohibition")
    >>> rule_periods(G, "r")
    (['2026-06-11', '2026-06-21'], ['not-in-force', 'uncertain', 'in-force'])
    """
    policy = rule_policy(G, rule)
    if policy is None:
        return [], [state.NOT_IN_FORCE]
    found = policy_periods(G, policy)
    planned = planned_only(G, policy)
    return [p.start.isoformat() for p in found[1:]], [display_state(p.state, planned) for p in found]


def _trigger_json(t: state.Trigger, index_of: dict[str, int]) -> dict:
    w = t.window
    return {"node": index_of.get(t.node), "label": t.label, "kind": t.kind, "status": t.status,
            "date_text": t.date_text, "earliest": w.earliest.isoformat() if w.earliest else None,
            "latest": w.latest.isoformat() if w.latest else None}


def _rule_json(G: nx.MultiDiGraph, rule: str, index_of: dict[str, int]) -> dict:
    policy = rule_policy(G, rule)
    st = state.state_index(G)
    starts, states = rule_periods(G, rule)
    return {"policy": index_of.get(policy) if policy else None, "starts": starts, "states": states,
            "gen": [_trigger_json(t, index_of) for t in st.starts.get(policy, ())],
            "end": [_trigger_json(t, index_of) for t in st.ends.get(policy, ())]}


def display_label(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label; an unlabelled constraint reads as its condition instead of its IRI.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:g", label="Approved US institutions")
    >>> G.add_node("urn:c", label="urn:c", left_operand="rkg:memberOf", operator="odrl:eq", right_operands=["urn:g"])
    >>> display_label(G, "urn:c")
    'memberOf eq Approved US institutions'
    """
    attrs = G.nodes[node]
    label = str(attrs.get("label", node))
    if label != node or "left_operand" not in attrs:
        return label
    right = [str(G.nodes[r].get("label", r)) if r in G else str(r) for r in attrs.get("right_operands", [])]
    parts = [str(attrs["left_operand"]), str(attrs.get("operator", "")), ", ".join(right)]
    return " ".join(p.split(":", 1)[-1] for p in parts[:2]) + " " + parts[2]


def jurisdictions(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each node's jurisdiction: the label of the country it, or what it is about, is in.

    >>> G = nx.MultiDiGraph([("m", "c", {"relation": "rkg:developer"}), ("c", "us", {"relation": "rkg:country"})])
    >>> G.nodes["us"].update(kind="country", label="United States")
    >>> jurisdictions(G)["m"], jurisdictions(G)["us"]
    ('United States', 'United States')
    """
    found = {n: str(a.get("label", n)) for n, a in G.nodes(data=True) if a.get("kind") == "country"}
    rank = {r: i for i, r in enumerate(_JURISDICTION_PATH)}
    links: dict[str, list[tuple[int, str]]] = {}
    for u, v, rel in G.edges(data="relation"):
        if rel in rank:
            links.setdefault(u, []).append((rank[rel], v))
    for _ in range(3):
        for n, targets in links.items():
            if n not in found:
                hit = next((found[v] for _, v in sorted(targets) if v in found), None)
                if hit is not None:
                    found[n] = hit
    return found


def importance(G: nx.MultiDiGraph, node: str) -> int:
    """How prominent a node is drawn (its size, and how early its label shows when zooming in):
    its class's size, grown by the logarithm of its number of links.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c")]); G.nodes["a"]["kind"] = "model"
    >>> importance(G, "a") > importance(G, "b")
    True
    """
    base = style.kind_style(G.nodes[node].get("kind")).get("size", 8)
    return round(base * (1 + math.log2(1 + G.degree(node)) / 3))


def _node_attrs(attrs: dict) -> dict:
    return {k: v for k, v in attrs.items()
            if k not in ("kind", "label", "aliases", "sources") and isinstance(v, (str, int, float, list))}


def graph_data(G: nx.MultiDiGraph, nodes: list[str]) -> dict:
    """The graph view's JSON for ``nodes`` of ``G`` (and the edges between them); rule states and
    event windows come from the whole graph, so a piece of it says what the whole says."""
    index_of = {n: i for i, n in enumerate(nodes)}
    keep = set(nodes)
    relations: dict[str, int] = {}
    edges: list[int] = []
    for u, v, rel in G.edges(data="relation"):
        if u in keep and v in keep:
            edges += [index_of[u], index_of[v], relations.setdefault(rel or "", len(relations))]
    kinds = _kinds(G, nodes)
    kind_index = {k["kind"]: i for i, k in enumerate(kinds)}
    juris = jurisdictions(G)
    sections = {n: str(a.get("label", n)) for n, a in G.nodes(data=True) if a.get("kind") in ("source-section", "source")}
    windows = state.state_index(G).windows
    return {
        "ids": nodes,
        "kind": [kind_index[G.nodes[n].get("kind", "other")] for n in nodes],
        "label": [display_label(G, n) for n in nodes],
        "imp": [importance(G, n) for n in nodes],
        # sparse tables keyed by node index, as text: what JSON makes of them anyway
        "aliases": {str(i): [str(a) for a in G.nodes[n].get("aliases", [])] for i, n in enumerate(nodes)
                    if G.nodes[n].get("aliases")},
        "sources": {str(i): list(G.nodes[n].get("sources", [])) for i, n in enumerate(nodes) if G.nodes[n].get("sources")},
        "attrs": {str(i): a for i, n in enumerate(nodes) if (a := _node_attrs(G.nodes[n]))},
        "windows": {str(index_of[e]): [w.earliest.isoformat() if w.earliest else None, w.latest.isoformat() if w.latest else None]
                    for e, w in windows.items() if e in index_of},
        "edges": edges,
        "relations": list(relations),
        "kinds": kinds,
        "sections": sections,
        "clusters": {"jurisdiction": _grouping([juris.get(n, _NO_JURISDICTION) for n in nodes]),
                     "source": _grouping([_source_of(G, n, sections) for n in nodes])},
        "rules": {str(index_of[r]): _rule_json(G, r, index_of) for r in nodes if G.nodes[r].get("kind") in RULE_KINDS},
        "timeline": [index_of[e] for e in event_order(G) if e in index_of],
    }


def _source_of(G: nx.MultiDiGraph, node: str, sections: dict[str, str]) -> str:
    sources = G.nodes[node].get("sources") or []
    if G.nodes[node].get("kind") in ("source-section", "source"):
        return sections.get(node, node)
    return sections.get(sources[0], str(sources[0])) if sources else _NO_SOURCE


def _grouping(values: list[str]) -> dict:
    names = sorted(set(values), key=lambda v: (v.startswith("no "), v.casefold()))
    at = {name: i for i, name in enumerate(names)}
    return {"names": names, "of": [at[v] for v in values]}


def _kinds(G: nx.MultiDiGraph, nodes: list[str]) -> list[dict]:
    counts: dict[str, int] = {}
    for n in nodes:
        kind = G.nodes[n].get("kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    order = list(style.KIND_STYLES)
    return [{"kind": k, "count": counts[k], "hidden": k in style.HIDDEN_BY_DEFAULT, **style.kind_style(k)}
            for k in sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))]
