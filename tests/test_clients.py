"""Clients that know nothing of regkg, as analysts run them, against ``regkg serve`` as a process.

SPARQLWrapper (GET, POST form and POST direct; every result format of every query form, and its
default), rdflib's ``SPARQLStore`` as a graph, as a graph named by ``identifier`` and as a
``Dataset``, and plain HTTP with the Accept headers browsers and tools send. The server's store
holds the seed graph as its default graph and again as one named graph, the layout of one named
graph per source document; every answer is checked against the embedded store.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings

import httpx
import pytest
import rdflib
import rdflib.compare
from rdflib import URIRef

from graph.store.stores import canonical
from servers import home_with_graphs, start_regkg

GRAPH = "https://w3id.org/regkg/graph/test-document"
RKG = rdflib.Namespace("https://w3id.org/regkg/ns#")
MODELS = "SELECT ?model ?name WHERE { ?model a <https://w3id.org/regkg/ns#AIModel> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
ASK_TRUE = "ASK { ?m a <https://w3id.org/regkg/ns#AIModel> }"
CONSTRUCT = "CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
DESCRIBE = "DESCRIBE <https://w3id.org/regkg/id/model/fable-5>"


@pytest.fixture(scope="module")
def server(seed_store, tmp_path_factory):
    seed = seed_store.dump("nt")
    quads = b"".join(line[:-1].rstrip() + f" <{GRAPH}> .".encode() + b"\n"
                     for line in seed.splitlines() if line.strip().endswith(b"."))
    home = home_with_graphs(tmp_path_factory.mktemp("clients-home"), quads, seed)
    running = start_regkg(home)
    yield running
    running.stop()


def _models(seed_store) -> set[tuple[str, str]]:
    return {(str(m), str(n)) for m, n in seed_store.query(MODELS).rows}


def _graph(seed_store, query: str) -> rdflib.Graph:
    g = rdflib.Graph()
    for t in seed_store.query(query).triples:
        g.add(t)
    return g


# -- SPARQLWrapper ---------------------------------------------------------------------------

METHODS = ["GET", "POST", "POSTDIRECTLY"]


def _wrapper(server, method: str, query: str, fmt: str | None):
    from SPARQLWrapper import POST, POSTDIRECTLY, SPARQLWrapper

    client = SPARQLWrapper(server.query)
    client.setQuery(query)
    if method != "GET":
        client.setMethod(POST)
        if method == "POSTDIRECTLY":
            client.setRequestMethod(POSTDIRECTLY)
    if fmt is not None:
        client.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SPARQLWrapper warns about formats it finds unusual
        return client.query()


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_select(server, seed_store, method, fmt):
    result = _wrapper(server, method, MODELS, fmt)
    data = result.convert()
    if fmt == "json":
        rows = {(b["model"]["value"], b["name"]["value"]) for b in data["results"]["bindings"]}
    elif fmt == "xml":
        rows = set()
        for r in data.getElementsByTagName("result"):
            values = {b.getAttribute("name"): b.firstChild.firstChild.data for b in r.getElementsByTagName("binding")}
            rows.add((values["model"], values["name"]))
    else:
        lines = data.decode().splitlines()
        sep = "," if fmt == "csv" else "\t"
        assert lines[0].split(sep) == (["model", "name"] if fmt == "csv" else ["?model", "?name"])
        cells = [line.split(sep) for line in lines[1:]]
        if fmt == "tsv":  # TSV writes terms in N-Triples syntax
            cells = [(m.strip("<>"), json.loads(n)) for m, n in cells]
        rows = {tuple(c) for c in cells}
    assert rows == _models(seed_store)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_ask(server, method, fmt):
    data = _wrapper(server, method, ASK_TRUE, fmt).convert()
    if fmt == "json":
        assert data["boolean"] is True
    elif fmt == "xml":
        assert data.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert data.decode().split()[-1] == "true"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE], ids=["construct", "describe"])
@pytest.mark.parametrize("fmt", ["turtle", "n3", "xml", "rdf+xml", "json-ld", None])
def test_sparqlwrapper_graphs(server, seed_store, method, query, fmt):
    """Every RDF format SPARQLWrapper knows, and its default (XML: RDF/XML for a graph)."""
    result = _wrapper(server, method, query, fmt)
    data = result.convert()
    if isinstance(data, bytes):
        data = rdflib.Graph().parse(data=data, format="turtle")
    assert isinstance(data, rdflib.Graph) and len(data) > 0
    assert rdflib.compare.isomorphic(data, _graph(seed_store, query))


# -- rdflib's SPARQLStore ---------------------------------------------------------------------

def test_rdflib_sparqlstore_graph(server, seed_store):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(server.query))
    assert {(str(m), str(n)) for m, n in g.query(MODELS)} == _models(seed_store)
    assert set(g.subjects(rdflib.RDF.type, RKG.AIModel)) == {URIRef(m) for m, _ in _models(seed_store)}
    assert len(g) == len(seed_store)


def test_rdflib_sparqlstore_graph_with_an_identifier(server, seed_store):
    """``Graph(SPARQLStore, identifier=G)`` sends ``default-graph-uri=G``: the named graph answers."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = rdflib.Graph(store=SPARQLStore(server.query), identifier=URIRef(GRAPH))
    assert {(str(m), str(n)) for m, n in g.query(MODELS)} == _models(seed_store)
    assert len(g) == len(seed_store)
    nothing = rdflib.Graph(store=SPARQLStore(server.query), identifier=URIRef("urn:regkg:no-such-graph"))
    assert len(nothing) == 0 and list(nothing.query(MODELS)) == []


def test_rdflib_dataset_over_sparqlstore(server, seed_store):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    ds = rdflib.Dataset(store=SPARQLStore(server.query))
    assert URIRef(GRAPH) in set(ds.store.contexts())
    named = ds.get_context(URIRef(GRAPH))  # ds.graph() would try to add a graph to a read-only store
    assert set(named.subjects(rdflib.RDF.type, RKG.AIModel)) == {URIRef(m) for m, _ in _models(seed_store)}
    rows = ds.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert {(str(g), int(n)) for g, n in rows} == {(GRAPH, len(seed_store))}


# -- plain HTTP, with the Accept headers browsers and tools send ---------------------------------

ACCEPTS = {
    "firefox": ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    "chrome": ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
               "application/signed-exchange;v=b3;q=0.7", "application/sparql-results+xml"),
    "safari": ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/sparql-results+xml"),
    "curl": ("*/*", "application/sparql-results+json"),
    "httpx/requests": (None, "application/sparql-results+json"),
    "java URLConnection": ("text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", "application/sparql-results+json"),
    "jena": ("application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.7, "
             "text/csv;q=0.5, application/json;q=0.2, application/xml;q=0.2, */*;q=0.1", "application/sparql-results+json"),
    "yasgui": ("application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),
    "pandas read_csv": ("text/csv", "text/csv"),
}


@pytest.mark.parametrize("client", list(ACCEPTS))
def test_accept_headers_of_browsers_and_tools(server, client):
    accept, expected = ACCEPTS[client]
    headers = {"Accept": accept} if accept else {}
    r = httpx.get(server.query, params={"query": MODELS}, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected), (r.status_code, r.text[:200])


def test_browsers_get_rdf_xml_for_a_graph(server):
    r = httpx.get(server.query, params={"query": CONSTRUCT}, headers={"Accept": ACCEPTS["firefox"][0]})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/rdf+xml")


def test_curl(server):
    curl = shutil.which("curl")
    if curl is None:
        pytest.skip("curl is not installed")
    out = subprocess.run([curl, "-sS", "-G", server.query, "--data-urlencode", f"query={MODELS}",
                          "-H", "Accept: text/csv"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0 and out.stdout.startswith("model,name\nhttps://w3id.org/regkg/id/model/")  # text mode: CRLF read as LF
    head = subprocess.run([curl, "-sS", "-I", "-G", server.query, "--data-urlencode", f"query={ASK_TRUE}"],
                          capture_output=True, text=True, timeout=30)
    assert head.stdout.startswith("HTTP/1.1 200") and "application/sparql-results+json" in head.stdout


def test_the_same_answers_as_the_embedded_store_through_the_protocol(server, seed_store):
    from graph.store.remote import RemoteStore

    remote = RemoteStore(server.query)
    assert canonical(remote.query(MODELS)) == canonical(seed_store.query(MODELS))


def test_an_answer_larger_than_a_pipe_buffer_arrives_whole(server, seed_store):
    """The worker writes it in pieces while the server reads (uvloop once left the pipe
    non-blocking and the read failed half-way, as if the worker had died)."""
    r = httpx.get(server.query, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200 and len(r.content) > 256 * 1024
    assert len(r.json()["results"]["bindings"]) == len(seed_store)
