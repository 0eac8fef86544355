"""The acts: every policy put in force by an event, as the page's place, authority and facet views show it.

An *act* is a policy of the graph with what a reader of an AI-policy tracker asks of it: who made
it (its assigner, the authority), where it binds (the places its rules name in a ``spatial``
constraint, else its authority's jurisdiction: :mod:`graph.policy.applies`; ``reach`` says where
such a rule binds beyond it: marked extraterritorial, or on an authority's own staff, who are
followed anywhere), what it is about
(each rule's target, narrowed to the channels a ``deliveryChannel`` constraint names: the lanes of
the place view), whom (the assignees), with which scope (device, purpose and other constraints in
words), and from when to when: the window of the event that enacted it and of the one that ended
it, as :mod:`graph.policy.state` narrows them. Its status, event type and legal basis are the
enacting event's. Nothing here decides who may use what: the Access view does, with the engine.

:func:`document_table` lists the source documents (title, publisher, date, address) and which
document each section belongs to, so that every evidence line can link to the page it cites.
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from graph.policy.applies import scope_index
from graph.policy.parties import COUNTRY, closure_of, constraint_left_operands, describe_constraint, party_index
from graph.policy.state import state_index
from graph.store.provenance import source_documents

__all__ = ["acts", "document_table", "place_tree"]

_RULES = {"odrl:permission": "permission", "odrl:prohibition": "prohibition"}
_SCOPE_LEFTS = {"rkg:device": "device", "odrl:purpose": "purpose"}


def _label(G: nx.MultiDiGraph, node: str | None) -> str | None:
    if node is None:
        return None
    return str(G.nodes[node].get("label", node)) if node in G else node


def _code(node: str | None) -> str | None:
    return node[len(COUNTRY):] if node and node.startswith(COUNTRY) else None


def acts(G: nx.MultiDiGraph, index_of: dict[str, int]) -> list[dict]:
    """One record per policy with rules: see the module docstring. Nodes are given as their index
    in the page's node list (``index_of``), or as IRIs where they are not in it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("gov", kind="government", label="Garante"); G.add_node("m", kind="service", label="ChatGPT")
    >>> G.add_node("e", kind="event", label="order", status="occurred", event_type="access-suspension",
    ...            earliest="2023-03-30", latest="2023-03-30", date_text="30 March 2023")
    >>> G.add_node("p", kind="policy", label="No ChatGPT in Italy"); G.add_node("r", kind="prohibition", label="no")
    >>> for u, v, rel in (("p", "r", "odrl:prohibition"), ("r", "m", "odrl:target"), ("p", "gov", "odrl:assigner"),
    ...                   ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> [(a["label"], a["effect"], a["start"]["earliest"], a["end"]) for a in acts(G, {n: n for n in G})]
    [('No ChatGPT in Italy', 'prohibition', '2023-03-30', None)]
    """
    st = state_index(G)
    scope = scope_index(G)
    index = party_index(G)
    ref = lambda n: index_of.get(n, n) if n is not None else None  # noqa: E731
    out = []
    for p, kind in G.nodes(data="kind"):
        if kind != "policy":
            continue
        rules = [(v, _RULES[rel]) for _, v, rel in G.out_edges(p, data="relation") if rel in _RULES]
        if not rules:
            continue
        assigner = next((v for _, v, rel in G.out_edges(p, data="relation") if rel == "odrl:assigner"), None)
        places, lanes, audiences, scopes, sources = set(), [], [], [], list(G.nodes[p].get("sources", ()))
        reach = []  # where rules with no place of their own bind beyond the authority's territory (the engine's reading)
        for r, rkind in rules:
            targets = [v for _, v, rel in G.out_edges(r, data="relation") if rel == "odrl:target"]
            constraints = [v for _, v, rel in G.out_edges(r, data="relation") if rel == "odrl:constraint"]
            channels = []
            for c in constraints:
                for left, rights in constraint_left_operands(index, c):
                    if left == "odrl:spatial":
                        places.update(c for c in (_code(str(x)) for x in rights) if c)
                    elif left == "odrl:deliveryChannel":
                        channels += [str(x) for x in rights]
                text = describe_constraint(G, c)
                if not any(left == "odrl:spatial" for left, _ in constraint_left_operands(index, c)):
                    scopes.append(text)
            for t in targets:
                lanes.append({"target": ref(t), "channels": [ref(ch) for ch in channels], "effect": rkind})
            assignees = [v for _, v, rel in G.out_edges(r, data="relation") if rel == "odrl:assignee"]
            audiences += [ref(v) for v in assignees]
            if not any(left == "odrl:spatial" for c in constraints for left, _ in constraint_left_operands(index, c)):
                if r in scope.extraterritorial:
                    reach.append("beyond its authority's territory (extraterritorial, as its source says)")
                reach += [f"{_label(G, v)} wherever they are" for v in assignees if v in scope.employment]
            sources += list(G.nodes[r].get("sources", ()))
        home = _code(scope.jurisdiction.get(assigner)) if assigner else None
        if not places and home:
            places.add(home)
        if not home:
            reach = []  # with no territory, a rule with no place binds anywhere: nothing is beyond
        starts, ends = st.starts.get(p, ()), st.ends.get(p, ())
        first = _trigger(G, starts[0], ref) if starts else None
        # ended by several events (a provider's restoration and a regulator's lifting): the bar runs
        # to the last of them, and the panel lists each
        ending = sorted(ends, key=lambda t: (t.window.latest or t.window.earliest or dt.date.max))
        last = _trigger(G, ending[-1], ref) if ending else None
        event = G.nodes[starts[0].node] if starts and starts[0].node in G and starts[0].kind == "event" else {}
        effects = {k for _, k in rules}
        for t in (*starts, *ends):
            if t.node in G:
                sources += list(G.nodes[t.node].get("sources", ()))
        out.append({
            "policy": ref(p), "label": _label(G, p), "effect": effects.pop() if len(effects) == 1 else "both",
            "authority": ref(assigner), "authority_label": _label(G, assigner), "home": home,
            "places": sorted(places), "reach": list(dict.fromkeys(reach)), "lanes": _unique(lanes), "audiences": list(dict.fromkeys(audiences)),
            "scope": list(dict.fromkeys(scopes)), "start": first, "end": last,
            "ends": [_trigger(G, t, ref) for t in ending],
            "status": event.get("status") or G.nodes[p].get("status"), "event_type": event.get("event_type"),
            "legal_basis": event.get("legal_basis"), "note": G.nodes[p].get("note") or event.get("note"),
            "sources": list(dict.fromkeys(sources)),
        })
    return sorted(out, key=lambda a: ((a["start"] or {}).get("earliest") or (a["start"] or {}).get("latest") or "",
                                      a["label"] or ""))


def _unique(items: list[dict]) -> list[dict]:
    seen, out = set(), []
    for it in items:
        key = (it["target"], tuple(it["channels"]), it["effect"])
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def _trigger(G: nx.MultiDiGraph, t, ref) -> dict:
    w = t.window
    return {"node": ref(t.node), "label": t.label, "kind": t.kind, "status": t.status, "date_text": t.date_text,
            "earliest": w.earliest.isoformat() if w.earliest else None,
            "latest": w.latest.isoformat() if w.latest else None}


def place_tree(G: nx.MultiDiGraph, codes) -> dict[str, list[str]]:
    """Each code's places above it (the engine's closure: ``US-IA`` is in ``US``), nearest first.

    >>> G = nx.MultiDiGraph([(COUNTRY + "US-IA", COUNTRY + "US", {"relation": "odrl:partOf"})])
    >>> place_tree(G, ["US-IA", "US"])
    {'US-IA': ['US']}
    """
    index = party_index(G)
    out = {}
    for code in codes:
        up = closure_of(index, [COUNTRY + code]) - {COUNTRY + code}
        above = sorted((_code(u) for u in up if _code(u)), key=lambda c: (-c.count("-"), c))
        if above:
            out[code] = above
    return out


def document_table(G: nx.MultiDiGraph, index_of: dict[str, int]) -> dict:
    """The source documents (title, publisher, kind, date as written and bounds, address, the node
    index of the document) and, for each section, the index of its document."""
    docs = source_documents(G)
    order = {iri: i for i, iri in enumerate(docs)}
    listed = [{"iri": d.iri, "node": index_of.get(d.iri), "title": d.label, "publisher": d.publisher_label,
               "kind": d.kind, "date_text": d.date_text, "earliest": d.earliest, "latest": d.latest, "url": d.url,
               "retrieved": d.retrieved, "language": d.language}
              for d in docs.values()]
    sections = {}
    for n, kind in G.nodes(data="kind"):
        if kind == "source-section":
            doc = next((v for _, v, rel in G.out_edges(n, data="relation") if rel == "dcterms:isPartOf"), None)
            if doc in order:
                sections[n] = order[doc]
        elif kind == "source" and n in order:
            sections[n] = order[n]
    return {"list": listed, "of": sections}
