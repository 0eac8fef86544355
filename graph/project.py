"""Project the RDF graph into a networkx ``MultiDiGraph`` for the algorithms of regkg.

Nothing else reads RDF for algorithms: :mod:`graph.access`, :mod:`graph.timeline` and the HTML
browser work on this projection. Nodes are IRIs (strings) with plain attributes; edges carry the
relation as a prefixed name (``"odrl:target"``). Concepts (status, type, precision) become node
attributes rather than nodes, so a graph walk only meets things a person would name.
"""

from __future__ import annotations

import networkx as nx
from rdflib.term import Literal, URIRef

from graph.store import Store
from graph.vocab import PREFIXES

__all__ = ["project", "short", "NODE_KINDS"]

# rdf:type -> kind, most specific first: a node gets the first kind it has.
NODE_KINDS: list[tuple[str, str]] = [
    ("rkg:GovernmentBody", "government"), ("rkg:Company", "company"), ("rkg:Organization", "organization"),
    ("rkg:Person", "person"), ("rkg:AIModel", "model"), ("rkg:Audience", "group"), ("rkg:Channel", "channel"),
    ("rkg:Event", "event"), ("rkg:AccessPolicy", "policy"), ("odrl:Permission", "permission"),
    ("odrl:Prohibition", "prohibition"), ("odrl:Duty", "duty"), ("odrl:Constraint", "constraint"),
    ("odrl:LogicalConstraint", "constraint"), ("rkg:Statement", "statement"), ("rkg:Figure", "figure"),
    ("rkg:FigureSeries", "figure-series"), ("rkg:Price", "price"), ("rkg:BenchmarkScore", "score"),
    ("rkg:SourceDocument", "source"), ("rkg:SourceSection", "source-section"), ("schema:Country", "country"),
]
_KIND_RANK = {cls: i for i, (cls, _) in enumerate(NODE_KINDS)}
_KIND_OF = dict(NODE_KINDS)

# Single-valued literal or concept properties that become node attributes.
_ATTRIBUTES = {
    "rdfs:label": "label", "rkg:status": "status", "rkg:dateText": "date_text",
    "sem:hasEarliestBeginTimeStamp": "earliest", "sem:hasLatestEndTimeStamp": "latest",
    "rkg:precision": "precision", "rkg:eventType": "event_type", "rkg:statementKind": "statement_kind",
    "rkg:openness": "openness", "dcterms:description": "description", "rkg:recordedOn": "recorded",
    "skos:note": "note", "odrl:leftOperand": "left_operand", "odrl:operator": "operator",
    "rkg:organizationKind": "organization_kind", "rkg:authority": "authority", "rkg:period": "period",
    "rkg:measure": "measure", "schema:value": "value", "schema:unitText": "unit",
}
_LIST_ATTRIBUTES = {"skos:altLabel": "aliases", "odrl:rightOperand": "right_operands"}
_SKIPPED = {"rdf:type", "skos:prefLabel", "odrl:uid", "skos:inScheme"}


def short(iri: str) -> str:
    """A prefixed name for ``iri`` when one of regkg's prefixes fits.

    >>> short("http://www.w3.org/ns/odrl/2/target")
    'odrl:target'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and prefix not in ("id",):
            return f"{prefix}:{iri[len(str(ns)):]}"
    return iri


def project(store: Store) -> nx.MultiDiGraph:
    """The networkx projection of every labelled resource of ``store`` and the links between them.

    Node attributes: ``kind`` (see :data:`NODE_KINDS`), ``label``, ``aliases``, ``status``,
    ``date_text``, ``earliest`` / ``latest`` (ISO dates), ``precision``, ``sources`` (section
    IRIs) and a few more; edge attribute ``relation``.

    Examples
    --------
    >>> from graph.build import open_graph
    >>> G = project(open_graph())
    >>> G.nodes["https://w3id.org/regkg/id/model/claude-mythos-5"]["label"]
    'Claude Mythos 5'
    >>> G.nodes["https://w3id.org/regkg/id/event/export-control-directive"]["date_text"]
    'mid-June 2026'
    """
    G = nx.MultiDiGraph()
    _add_typed_nodes(G, store)
    for s, p, o in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows:
        if isinstance(s, URIRef) and str(s) in G:
            _add_triple(G, str(s), short(str(p)), o)
    for node in G.nodes:
        G.nodes[node].setdefault("label", short(node))
    return G


def _add_typed_nodes(G: nx.MultiDiGraph, store: Store) -> None:
    types: dict[str, str] = {}
    for s, t in store.query("SELECT ?s ?t WHERE { ?s a ?t }").rows:
        cls = short(str(t))
        if isinstance(s, URIRef) and cls in _KIND_RANK:
            best = types.get(str(s))
            if best is None or _KIND_RANK[cls] < _KIND_RANK[best]:
                types[str(s)] = cls
    for node, cls in types.items():
        G.add_node(node, kind=_KIND_OF[cls], aliases=[], sources=[])


def _add_triple(G: nx.MultiDiGraph, s: str, p: str, o) -> None:
    attrs = G.nodes[s]
    if p in _SKIPPED:
        return
    if p == "prov:wasDerivedFrom":
        attrs["sources"].append(str(o))
    if p in _ATTRIBUTES:
        attrs[_ATTRIBUTES[p]] = _plain(o)
    elif p in _LIST_ATTRIBUTES:
        attrs.setdefault(_LIST_ATTRIBUTES[p], []).append(_plain(o))
    if isinstance(o, URIRef) and str(o) in G:
        G.add_edge(s, str(o), key=p, relation=p)


def _plain(term) -> str | float | int:
    """A literal as a Python value (dates as ISO strings), an IRI as a prefixed name."""
    if isinstance(term, Literal):
        value = term.toPython()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value if isinstance(value, (int, float, str)) else str(term)
    text = short(str(term))
    return text.split(":", 1)[1] if text.split(":", 1)[0] in (
        "status", "etype", "precision", "openness", "orgkind", "skind") else text
