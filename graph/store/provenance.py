"""Source documents: what each one is, when it was published, and what it supports.

Every source document is a named graph of the store, named by the document's IRI (see
:mod:`graph.data.rdf_build`), and a node of kind ``source`` of the projection with its metadata:
publisher, publication window (``earliest`` / ``latest``, the date as written, and ``date_basis``:
how the window was established), kind, language, URL or bibliographic reference, retrieval date.

:func:`source_documents` reads them from the projection, :func:`store_documents` from any store
(the embedded one or a remote SPARQL endpoint, so ``--known-on`` works with ``--endpoint`` too);
:func:`supported_by` counts what each document supports. Which documents were *published by* a
date is the time rule's business: :mod:`graph.policy.knowledge`.
"""

from __future__ import annotations

import collections
import dataclasses

import networkx as nx

from graph.store.project import documents_of

__all__ = ["SourceDocument", "source_documents", "store_documents", "supported_by", "graph_sizes", "FACT_KINDS"]

#: Node kinds that state something a source supports (as opposed to the entities they are about).
FACT_KINDS = frozenset({"event", "policy", "permission", "prohibition", "duty", "constraint", "statement",
                        "figure", "figure-series", "price", "score"})


@dataclasses.dataclass(frozen=True)
class SourceDocument:
    """A source document and its metadata, as ``regkg sources`` lists it."""

    iri: str
    label: str
    publisher: str | None = None
    publisher_label: str | None = None
    kind: str | None = None
    language: str | None = None
    date_text: str | None = None
    earliest: str | None = None
    latest: str | None = None
    date_basis: str | None = None
    status: str | None = None
    url: str | None = None
    citation: str | None = None
    retrieved: str | None = None
    note: str | None = None

    @property
    def id(self) -> str:
        return self.iri.rsplit("/", 1)[-1]

    @property
    def window(self) -> str:
        """``2026-06-15..2026-07-31``, ``?`` for a missing bound."""
        return f"{self.earliest or '?'}..{self.latest or '?'}"

    def view(self) -> dict:
        """A short JSON-ready description: IRI, label, the date as written and its bounds."""
        return {"source": self.iri, "label": self.label, "date_text": self.date_text,
                "earliest": self.earliest, "latest": self.latest}


def source_documents(G: nx.MultiDiGraph) -> dict[str, SourceDocument]:
    """The source documents of a projection, by IRI (sorted).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:doc", kind="source", label="A report", earliest="2026-06-15", latest="2026-07-31")
    >>> source_documents(G)["urn:doc"].window
    '2026-06-15..2026-07-31'
    """
    found = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") != "source":
            continue
        publisher = next((v for _, v, r in G.out_edges(node, data="relation") if r == "dcterms:publisher"), None)
        found[node] = SourceDocument(
            node, str(attrs.get("label", node)), publisher,
            str(G.nodes[publisher].get("label", publisher)) if publisher in G else publisher,
            attrs.get("document_kind"), attrs.get("language"), attrs.get("date_text"), attrs.get("earliest"),
            attrs.get("latest"), attrs.get("date_basis"), attrs.get("status"), attrs.get("url"),
            attrs.get("citation"), attrs.get("retrieved"), attrs.get("note"))
    return dict(sorted(found.items()))


_STORE_DOCUMENTS = """
SELECT ?doc ?label ?publisher ?publisherLabel ?dateText ?earliest ?latest ?basis ?url WHERE {
  ?doc a rkg:SourceDocument .
  OPTIONAL { ?doc rdfs:label ?label }
  OPTIONAL { ?doc dcterms:publisher ?publisher OPTIONAL { ?publisher rdfs:label ?publisherLabel } }
  OPTIONAL { ?doc rkg:dateText ?dateText }
  OPTIONAL { ?doc sem:hasEarliestBeginTimeStamp ?earliest }
  OPTIONAL { ?doc sem:hasLatestEndTimeStamp ?latest }
  OPTIONAL { ?doc rkg:dateBasis ?basis }
  OPTIONAL { ?doc schema:url ?url }
}
ORDER BY ?doc
"""


def store_documents(store) -> dict[str, SourceDocument]:
    """The source documents a store describes, by IRI: asked with SPARQL, so a remote store answers too.

    >>> from graph.store.build import open_graph
    >>> docs = store_documents(open_graph())
    >>> docs["https://w3id.org/regkg/id/source/samsung-2026-global-ai"].earliest
    '2026-06-15'
    """
    found = {}
    for row in store.query(_STORE_DOCUMENTS).dicts():
        iri = str(row["doc"])
        text = {k: (str(v) if v is not None else None) for k, v in row.items()}
        found.setdefault(iri, SourceDocument(
            iri, text["label"] or iri, text["publisher"], text["publisherLabel"], date_text=text["dateText"],
            earliest=text["earliest"], latest=text["latest"], date_basis=text["basis"], url=text["url"]))
    return found


def supported_by(G: nx.MultiDiGraph) -> dict[str, int]:
    """How many facts (events, policies, rules, statements, figures, prices, scores...) each
    document's graph holds, by document IRI.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:e", kind="event", documents=("urn:a", "urn:b"))
    >>> G.add_node("urn:m", kind="model", documents=("urn:a",))
    >>> dict(supported_by(G))
    {'urn:a': 1, 'urn:b': 1}
    """
    counts: collections.Counter = collections.Counter()
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in FACT_KINDS:
            counts.update(documents_of(G, node, attrs))
    return counts


_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def graph_sizes(store) -> dict[str, int]:
    """Triples in each named graph of ``store``, by graph IRI.

    >>> from graph.store.stores import OxigraphStore
    >>> s = OxigraphStore(); s.load(b'<urn:a> <urn:b> "c" <urn:doc> .', "nq")
    >>> graph_sizes(s)
    {'urn:doc': 1}
    """
    return {str(g): int(n) for g, n in store.query(_GRAPH_SIZES).rows}
