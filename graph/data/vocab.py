"""Namespaces and IRI minting: the only place regkg's IRIs are built.

The ontology namespace ``https://w3id.org/regkg/ns#`` (prefix ``rkg:``) holds classes and
properties; each SKOS concept scheme has its own namespace (``status:``, ``etype:``, ...); data
resources live under ``https://w3id.org/regkg/id/<kind>/<id>``, so an id in ``data/`` gives the
same IRI in every build.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ODRL2, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, XSD

from graph.data.iris import REGKG_BASE

__all__ = [
    "RKG", "ID", "STATUS", "ETYPE", "PRECISION", "OPENNESS", "ORGKIND", "SKIND", "BASIS", "DEVICE", "PURPOSE", "SEM", "REPORT",
    "PREFIXES", "iri", "concept", "bind_prefixes", "SPARQL_PREFIXES",
    "DCTERMS", "ODRL2", "ORG", "OWL", "PROV", "RDF", "RDFS", "SDO", "SKOS", "TIME", "XSD",
]

BASE = REGKG_BASE
RKG = Namespace(BASE + "ns#")
ID = Namespace(BASE + "id/")
STATUS = Namespace(BASE + "status/")
ETYPE = Namespace(BASE + "event-type/")
PRECISION = Namespace(BASE + "precision/")
OPENNESS = Namespace(BASE + "openness/")
ORGKIND = Namespace(BASE + "org-kind/")
SKIND = Namespace(BASE + "statement-kind/")
BASIS = Namespace(BASE + "legal-basis/")
DEVICE = Namespace(BASE + "device/")
PURPOSE = Namespace(BASE + "purpose/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
REPORT = Namespace("https://w3id.org/force/compliance-report#")

PREFIXES: dict[str, Namespace] = {
    "rkg": RKG, "id": ID, "status": STATUS, "etype": ETYPE, "precision": PRECISION,
    "openness": OPENNESS, "orgkind": ORGKIND, "skind": SKIND, "basis": BASIS, "device": DEVICE,
    "purpose": PURPOSE, "sem": SEM,
    "odrl": ODRL2, "prov": PROV, "time": TIME, "org": ORG, "skos": SKOS, "dcterms": DCTERMS,
    "schema": SDO, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
}

# The same prefixes as plain strings, as pyoxigraph takes them (``prefixes=``): predeclared in every
# query regkg runs.
PREFIX_IRIS: dict[str, str] = {p: str(ns) for p, ns in PREFIXES.items()}

# Record kind (a list of graph.data.models.DataFile) -> path segment of its IRIs.
_SEGMENT = {
    "sources": "source", "organizations": "org", "people": "person", "models": "model",
    "groups": "group", "channels": "channel", "events": "event", "policies": "policy",
    "rules": "rule", "statements": "statement", "figures": "figure", "prices": "price",
    "scores": "score", "countries": "country", "constraints": "constraint", "inferences": "inference",
    "quotes": "quote",
}

_SCHEMES = {"status": STATUS, "event-type": ETYPE, "precision": PRECISION, "openness": OPENNESS,
            "org-kind": ORGKIND, "statement-kind": SKIND, "legal-basis": BASIS,
            "device": DEVICE, "purpose": PURPOSE}


def iri(kind: str, local: str) -> URIRef:
    """The IRI of the record ``local`` of kind ``kind`` (a key of ``DataFile``, or rules/countries).

    >>> str(iri("models", "claude-mythos-5"))
    'https://w3id.org/regkg/id/model/claude-mythos-5'
    """
    return ID[f"{_SEGMENT[kind]}/{local}"]


def concept(scheme: str, value: str) -> URIRef:
    """The SKOS concept for ``value`` in one of regkg's concept schemes.

    >>> str(concept("status", "planned"))
    'https://w3id.org/regkg/status/planned'
    """
    return _SCHEMES[scheme][value]


def bind_prefixes(graph) -> None:
    """Bind regkg's prefixes on an rdflib graph, so its Turtle reads well."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)


SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
