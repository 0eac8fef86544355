"""An external SPARQL 1.1 store (Oxigraph server, Jena Fuseki, GraphDB...) behind regkg's store interface.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (POST, form-encoded) and gives the same
:class:`graph.store.QueryResult` as the embedded store, so saved queries and the CLI work on either.
The protocol has no parameter binding, so bound values travel as a trailing ``VALUES`` clause of
RDF terms written by rdflib (escaped N-Triples syntax), never as text pasted into the query.
regkg's prefixes are declared in front of a query that does not declare them itself.
:func:`push` loads N-Triples with the SPARQL 1.1 Graph Store HTTP Protocol.
"""

from __future__ import annotations

import re
from typing import Mapping

import httpx
import pyoxigraph as ox
from rdflib.term import Node

from graph.errors import QueryError, StoreError
from graph.sparql import check_query
from graph.store import PREFIX_IRIS, QueryResult, converter, results_from_json

__all__ = ["RemoteStore", "push", "with_values", "with_prefixes"]

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"


def with_prefixes(sparql: str) -> str:
    """``sparql`` preceded by the regkg prefixes it uses but does not declare.

    >>> with_prefixes("SELECT * WHERE { ?m a rkg:AIModel }").splitlines()[0]
    'PREFIX rkg: <https://w3id.org/regkg/ns#>'
    """
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", sparql)}
    used = [p for p in PREFIX_IRIS if p.lower() not in declared and re.search(rf"(?<![\w?$:]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}>\n" for p in used) + sparql


def with_values(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """``sparql`` with a trailing ``VALUES`` clause binding each variable to one term.

    >>> from rdflib import Literal
    >>> with_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": Literal('a "quoted" value')})
    'SELECT ?x WHERE { ?x ?p ?o }\\nVALUES (?x) { ("a \\\\"quoted\\\\" value") }'
    """
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"'{name}' is not a SPARQL variable name")
    terms = " ".join(bindings[n].n3() for n in names)
    return f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}"


class RemoteStore:
    """A SPARQL 1.1 query endpoint at ``url``, read through the store interface.

    >>> RemoteStore("http://127.0.0.1:7878/query").url
    'http://127.0.0.1:7878/query'
    """

    def __init__(self, url: str, timeout: float = 60.0, client: httpx.Client | None = None):
        self.url = url
        self.timeout = timeout
        self.client = client or httpx.Client(timeout=timeout)
        self.path = None  # nothing on this machine to open

    def raw(self, sparql: str, media_type: str, bindings: Mapping[str, Node] | None = None) -> bytes:
        """The endpoint's answer to ``sparql`` in ``media_type``, as bytes."""
        text = with_values(with_prefixes(sparql), bindings)
        try:
            response = self.client.post(self.url, data={"query": text},
                                        headers={"Accept": media_type.split(";")[0]})
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL endpoint: {exc}") from None
        if response.status_code == 400:
            raise QueryError(f"{self.url} refused the query: {response.text.strip()[:500]}")
        if response.status_code != 200:
            raise StoreError(f"{self.url} answered {response.status_code}: {response.text.strip()[:500]}")
        return response.content

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run ``sparql`` on the endpoint; the same :class:`QueryResult` the embedded store gives."""
        checked = check_query(sparql)
        if checked.kind == "graph":
            data = self.raw(sparql, _NT, bindings)
            convert = converter()
            triples = [(convert(t.subject), convert(t.predicate), convert(t.object))
                       for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
            return QueryResult(kind="graph", triples=triples)
        return results_from_json(self.raw(sparql, _JSON, bindings))

    def __len__(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(result.rows[0][0])


def push(url: str, ntriples: bytes, graph: str | None = None, replace: bool = True,
         timeout: float = 300.0) -> int:
    """Load ``ntriples`` into the Graph Store endpoint ``url`` (PUT replaces, POST adds).

    The target is the default graph, or the named graph ``graph``. Returns the HTTP status.
    """
    params = {"graph": graph} if graph else {"default": ""}
    method = "PUT" if replace else "POST"
    try:
        response = httpx.request(method, url, params=params, content=ntriples,
                                 headers={"Content-Type": _NT}, timeout=timeout)
    except httpx.HTTPError as exc:
        raise StoreError(f"{url}: cannot reach the Graph Store endpoint: {exc}") from None
    if response.status_code not in (200, 201, 204):
        raise StoreError(f"{url} answered {response.status_code} to {method}: {response.text.strip()[:500]}")
    return response.status_code
