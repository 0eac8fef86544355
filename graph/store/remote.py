"""An external SPARQL 1.1 store (Oxigraph server, Jena Fuseki, GraphDB...) behind regkg's store interface.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (POST, form-encoded) and gives the same
:class:`graph.store.stores.QueryResult` as the embedded store, so saved queries and the CLI work on either.
The protocol has no parameter binding, so bound values travel as they do to the embedded store:
a ``VALUES`` block opening the WHERE group (:func:`graph.store.querytext.leading_values`), RDF terms written
by rdflib (escaped N-Triples syntax), never text pasted into the query.
regkg's prefixes are declared in front of a query that does not declare them itself.
``FROM`` / ``FROM NAMED`` go through as written: the remote store resolves them (this machine
fetches nothing). :func:`push` loads N-Triples with the SPARQL 1.1 Graph Store HTTP Protocol.

Tested live (``tests/test_external_store.py``) against an Oxigraph server, Apache Jena Fuseki and
OpenLink Virtuoso 7.2. The one store-specific exception: Virtuoso answers an ``ASK`` as a one-column
table (variable ``__ASK_RETVAL``, one row for true, none for false) in every result format;
:meth:`RemoteStore.raw` turns that table back into the boolean the protocol defines.

Credentials for a store that wants them come from the environment (:func:`endpoint_auth`), never
from command-line arguments, which every user of the machine can read in the process list.
"""

from __future__ import annotations

import os
import re
from typing import Mapping

import httpx
import pyoxigraph as ox
from rdflib.term import Node

from graph.errors import InputError, QueryError, StoreError
from graph.store.querytext import check_query, leading_values
from graph.store.stores import PREFIX_IRIS, QueryResult, converter, results_from_json

__all__ = ["RemoteStore", "push", "with_prefixes", "endpoint_auth", "ask_as_boolean", "AUTH_HELP"]

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"


AUTH_HELP = ("set REGKG_ENDPOINT_USER and REGKG_ENDPOINT_PASSWORD (HTTP Basic, e.g. Fuseki or GraphDB) "
             "or REGKG_ENDPOINT_TOKEN (a bearer token)")


class _Bearer(httpx.Auth):
    def __init__(self, token: str):
        self.header = f"Bearer {token}"

    def auth_flow(self, request):
        request.headers["Authorization"] = self.header
        yield request


def endpoint_auth(env: Mapping[str, str] | None = None) -> httpx.Auth | None:
    """The credentials for an external store, from ``REGKG_ENDPOINT_USER`` / ``_PASSWORD`` (HTTP
    Basic) or ``REGKG_ENDPOINT_TOKEN`` (bearer); ``None`` when none are set.

    >>> endpoint_auth({"REGKG_ENDPOINT_USER": "analyst", "REGKG_ENDPOINT_PASSWORD": "s3cret"})
    <httpx.BasicAuth ...>
    >>> endpoint_auth({}) is None
    True
    """
    env = os.environ if env is None else env
    user, token = env.get("REGKG_ENDPOINT_USER"), env.get("REGKG_ENDPOINT_TOKEN")
    if user and token:
        raise InputError("set REGKG_ENDPOINT_USER (with REGKG_ENDPOINT_PASSWORD) or REGKG_ENDPOINT_TOKEN, not both")
    if token:
        return _Bearer(token)
    if user:
        return httpx.BasicAuth(user, env.get("REGKG_ENDPOINT_PASSWORD", ""))
    return None


def _refused_credentials(url: str, response: httpx.Response, auth: httpx.Auth | None) -> StoreError | None:
    if response.status_code not in (401, 403):
        return None
    if auth is None:
        return StoreError(f"{url} answered {response.status_code}: it wants credentials; {AUTH_HELP}")
    return StoreError(f"{url} answered {response.status_code}: it refused the credentials from "
                      "REGKG_ENDPOINT_USER / REGKG_ENDPOINT_PASSWORD / REGKG_ENDPOINT_TOKEN")


def with_prefixes(sparql: str) -> str:
    """``sparql`` preceded by the regkg prefixes it uses but does not declare.

    >>> with_prefixes("SELECT * WHERE { ?m a rkg:AIModel }").splitlines()[0]
    'PREFIX rkg: <https://w3id.org/regkg/ns#>'
    """
    declared = {m.lower() for m in re.findall(r"(?i)\bPREFIX\s+([\w.-]*):", sparql)}
    used = [p for p in PREFIX_IRIS if p.lower() not in declared and re.search(rf"(?<![\w?$:]){re.escape(p)}:", sparql)]
    return "".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}>\n" for p in used) + sparql


class RemoteStore:
    """A SPARQL 1.1 query endpoint at ``url``, read through the store interface.

    >>> RemoteStore("http://127.0.0.1:7878/query").url
    'http://127.0.0.1:7878/query'
    """

    def __init__(self, url: str, timeout: float = 60.0, client: httpx.Client | None = None,
                 auth: httpx.Auth | None = None):
        self.url = url
        self.timeout = timeout
        self.auth = auth
        self.client = client or httpx.Client(timeout=timeout, auth=auth)
        self.path = None  # nothing on this machine to open

    def raw(self, sparql: str, media_type: str, bindings: Mapping[str, Node] | None = None) -> bytes:
        """The endpoint's answer to ``sparql`` in ``media_type``, as bytes."""
        text = leading_values(with_prefixes(sparql), bindings)
        body = self._post(text, media_type)
        if check_query(sparql, dataset_elsewhere=True).form == "ask":
            return ask_as_boolean(body, media_type)
        return body

    def _post(self, text: str, media_type: str) -> bytes:
        try:
            response = self.client.post(self.url, data={"query": text},
                                        headers={"Accept": media_type.split(";")[0]})
        except httpx.HTTPError as exc:
            raise StoreError(f"{self.url}: cannot reach the SPARQL endpoint: {exc}") from None
        refused = _refused_credentials(self.url, response, self.auth)
        if refused:
            raise refused
        if response.status_code == 400:
            raise QueryError(f"{self.url} refused the query: {response.text.strip()[:500]}")
        if response.status_code != 200:
            raise StoreError(f"{self.url} answered {response.status_code}: {response.text.strip()[:500]}")
        return response.content

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run ``sparql`` on the endpoint; the same :class:`QueryResult` the embedded store gives."""
        checked = check_query(sparql, dataset_elsewhere=True)
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


_ASK_COLUMN = "__ASK_RETVAL"  # Virtuoso 7.2's answer to ASK, a table


def ask_as_boolean(body: bytes, media_type: str) -> bytes:
    """An ASK answer as the protocol's boolean, also when the store sent Virtuoso's table.

    >>> table = b'{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[{"__ASK_RETVAL":{"type":"literal","value":"1"}}]}}'
    >>> ask_as_boolean(table, "application/sparql-results+json")
    b'{"head":{},"boolean":true}'
    >>> ask_as_boolean(b'{"head":{},"boolean":false}', "application/sparql-results+json")
    b'{"head":{},"boolean":false}'
    """
    fmt = ox.QueryResultsFormat.from_media_type(media_type.split(";")[0])
    if fmt is None:
        return body
    try:
        answer = ox.parse_query_results(body, format=fmt)
    except (SyntaxError, ValueError, OSError):
        return body  # not a results document: the caller reports what it is
    if not isinstance(answer, ox.QuerySolutions) or [v.value for v in answer.variables] != [_ASK_COLUMN]:
        return body
    true = any(row[0] is not None and row[0].value not in ("0", "false") for row in answer)
    doc = b'{"head":{},"boolean":%s}' % (b"true" if true else b"false")
    return ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)


def push(url: str, ntriples: bytes, graph: str | None = None, replace: bool = True,
         timeout: float = 300.0, auth: httpx.Auth | None = None) -> int:
    """Load ``ntriples`` into the Graph Store endpoint ``url`` (PUT replaces, POST adds).

    The target is the default graph, or the named graph ``graph``; ``auth`` as from
    :func:`endpoint_auth`. Returns the HTTP status.
    """
    params = {"graph": graph} if graph else {"default": ""}
    method = "PUT" if replace else "POST"
    try:
        response = httpx.request(method, url, params=params, content=ntriples,
                                 headers={"Content-Type": _NT}, timeout=timeout, auth=auth)
    except httpx.HTTPError as exc:
        raise StoreError(f"{url}: cannot reach the Graph Store endpoint: {exc}") from None
    refused = _refused_credentials(url, response, auth)
    if refused:
        raise refused
    if response.status_code not in (200, 201, 204):
        raise StoreError(f"{url} answered {response.status_code} to {method}: {response.text.strip()[:500]}")
    return response.status_code
