"""The HTTP endpoint in-process: SPARQL 1.1 Protocol, negotiation, refusals, time limit, result cap."""

from __future__ import annotations

import json
import socket
import threading
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from graph.sparql.http import create_app
from graph.store.build import open_graph

JSON, XML, CSV, TSV = ("application/sparql-results+json", "application/sparql-results+xml",
                       "text/csv", "text/tab-separated-values")
ASK = "ASK { ?s ?p ?o }"
MODELS = "PREFIX rkg: <https://w3id.org/regkg/ns#> SELECT ?m WHERE { ?m a rkg:AIModel } ORDER BY ?m"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A private build, so a colleague's rebuild of build/ never moves the store under the workers."""
    path = tmp_path_factory.mktemp("home")
    open_graph(home=path)
    return path


def _client(home, **options):
    app = create_app(open_graph(home=home, rebuild=False), **options)
    client = TestClient(app)
    client.__enter__()
    return client


@pytest.fixture(scope="module")
def client(home):
    c = _client(home, workers=2)
    yield c
    c.__exit__(None, None, None)


@pytest.fixture(scope="module")
def strict(home):
    """A server with a 2 s time limit and a 5-row cap."""
    c = _client(home, workers=2, timeout=2.0, max_results=5)
    yield c
    c.__exit__(None, None, None)


def test_get_post_form_and_post_query_agree(client):
    a = client.get("/sparql", params={"query": MODELS})
    b = client.post("/sparql", data={"query": MODELS})
    c = client.post("/sparql", content=MODELS, headers={"Content-Type": "application/sparql-query"})
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.headers["content-type"].startswith(JSON)
    assert a.json() == b.json() == c.json()
    assert len(a.json()["results"]["bindings"]) >= 10


@pytest.mark.parametrize("accept, expected", [
    (None, JSON), ("*/*", JSON), ("application/json", JSON), (XML, XML), ("text/xml", XML),
    (CSV, CSV), (TSV, TSV), ("text/*", CSV),
    ("text/csv;q=0.5, application/sparql-results+xml", XML),       # q-values
    ("application/sparql-results+json;q=0.1, text/tab-separated-values;q=0.9", TSV),
    ("text/html, application/xhtml+xml, */*;q=0.8", JSON),          # a browser's Accept
])
def test_select_negotiation(client, accept, expected):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": MODELS}, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected)
    assert "vary" in {k.lower() for k in r.headers}


def test_combined_accept_headers(client):
    """Two Accept headers are one list (RFC 9110); rdflib-endpoint falls back to XML here."""
    r = client.get("/sparql", params={"query": MODELS},
                   headers=[("Accept", "text/plain;q=0.2"), ("Accept", "text/csv")])
    assert r.status_code == 200 and r.headers["content-type"].startswith(CSV)


@pytest.mark.parametrize("accept, expected", [
    (None, "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/json", "application/ld+json"),
    ("application/rdf+xml;q=0.9, text/turtle;q=0.1", "application/rdf+xml"),
])
def test_construct_negotiation(client, accept, expected):
    q = "CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }"
    r = client.get("/sparql", params={"query": q}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected)
    assert b"AIModel" in r.content


def test_ask_in_every_result_format(client):
    assert client.get("/sparql", params={"query": ASK}).json()["boolean"] is True
    for media in (XML, CSV, TSV):
        r = client.get("/sparql", params={"query": ASK}, headers={"Accept": media})
        assert r.status_code == 200 and b"true" in r.content


def test_406_lists_acceptable_formats(client):
    r = client.get("/sparql", params={"query": MODELS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and JSON in r.text and CSV in r.text
    r = client.get("/sparql", params={"query": "DESCRIBE <urn:x>"}, headers={"Accept": CSV})
    assert r.status_code == 406 and "text/turtle" in r.text


def test_format_parameter_gives_a_download(client):
    r = client.get("/sparql", params={"query": MODELS, "format": "csv"})
    assert r.status_code == 200 and r.text.startswith("m\r\n") and "attachment" in r.headers["content-disposition"]


def test_service_description(client):
    import rdflib

    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "SPARQL11Update" not in r.text
    assert client.get("/sparql", headers={"Accept": "application/ld+json"}).json()
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    rkg, sh = rdflib.Namespace("https://w3id.org/regkg/ns#"), rdflib.Namespace("http://www.w3.org/ns/shacl#")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    service = g.value(predicate=rdflib.RDF.type, object=sd.Service)
    assert str(service) == "http://testserver/sparql"
    assert {rkg.TimeLimit, rkg.ResultCap, rkg.PredeclaredPrefixes} <= set(g.objects(service, sd.feature))
    assert g.value(service, rkg.queryTimeLimit).toPython() == 10 and g.value(service, rkg.resultCap).toPython() == 10_000
    for term in (rkg.queryTimeLimit, rkg.resultCap):
        assert g.value(term, rdflib.RDFS.comment)  # the extension is documented where it is used
    declared = {str(g.value(d, sh.prefix)): str(g.value(d, sh.namespace)) for d in g.objects(service, sh.declare)}
    assert declared["rkg"] == "https://w3id.org/regkg/ns#" and declared["id"] == "https://w3id.org/regkg/id/"
    formats = {str(f).rsplit("/", 1)[-1] for f in g.objects(service, sd.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_TSV", "Turtle", "RDF_XML"} <= formats


def test_syntax_error_is_400_with_line_and_column(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert r.status_code == 400 and "line 3, column" in r.text


@pytest.mark.parametrize("query", ["", "   ", "SELECT", "ASK { FILTER(", "\x00"])
def test_bad_queries_are_never_500(client, query):
    assert client.get("/sparql", params={"query": query}).status_code == 400


def test_update_is_403_on_a_read_only_server(client):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    assert client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is False


def test_update_needs_the_write_option_and_the_token(home):
    with pytest.raises(Exception, match="token"):
        create_app(open_graph(home=home, rebuild=False), allow_update=True)
    c = _client(home, workers=1, allow_update=True, token="s3cret")
    scratch = c.app.state.settings.scratch
    try:
        update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
        headers = {"Content-Type": "application/sparql-update"}
        assert c.post("/sparql", content=update, headers=headers).status_code == 403
        assert c.post("/sparql", content=update, headers={**headers, "Authorization": "Bearer wrong"}).status_code == 403
        assert c.post("/sparql", content="LOAD <http://127.0.0.1:9/x>",
                      headers={**headers, "Authorization": "Bearer s3cret"}).status_code == 400
        assert c.post("/sparql", content=update, headers={**headers, "Authorization": "Bearer s3cret"}).status_code == 204
        assert c.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is True
        assert "SPARQL11Update" in c.get("/sparql").text
    finally:
        c.__exit__(None, None, None)
    # the update went to a scratch copy: the built graph is as data/ made it, and the copy is gone
    assert open_graph(home=home, rebuild=False).query("ASK { <urn:a> <urn:b> <urn:c> }").boolean is False
    assert scratch is not None and not scratch.exists()


def test_415_413_and_bad_encodings(client):
    assert client.post("/sparql", content=ASK, headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content=ASK).status_code == 415
    big = "ASK {}" + " " * 1_100_000
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    utf16 = {"Content-Type": "application/sparql-query; charset=UTF-16"}
    assert client.post("/sparql", content=ASK.encode("utf-16"), headers=utf16).status_code == 415
    r = client.post("/sparql", content=ASK.encode("utf-16"), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400 and "UTF-8" in r.text


@pytest.mark.parametrize("method, url, kwargs", [
    ("GET", "/sparql?query=ASK%7B%7D&query=SELECT%20*%20%7B%7D", {}),
    ("POST", "/sparql", {"content": "query=ASK%7B%7D&query=ASK%7B%7D",
                         "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
    ("POST", "/sparql?query=ASK%7B%7D", {"content": "ASK {}", "headers": {"Content-Type": "application/sparql-query"}}),
    ("POST", "/sparql", {"content": "query=ASK%7B%7D&update=CLEAR%20ALL",
                         "headers": {"Content-Type": "application/x-www-form-urlencoded"}}),
])
def test_a_request_carrying_two_operations_is_400(client, method, url, kwargs):
    """The protocol wants 400; regkg once ran the last query on GET and the first on POST."""
    r = client.request(method, url, **kwargs)
    assert r.status_code == 400 and "one query" in r.text


def test_relative_iris_resolve_against_the_endpoint(client):
    r = client.post("/sparql", content="CONSTRUCT { <s> <p> 1 } WHERE {}",
                    headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"})
    assert r.status_code == 200 and r.text.startswith("<http://testserver/s> <http://testserver/p> ")


@pytest.mark.parametrize("query, formats, expected", [
    (MODELS, ["json"], JSON), (MODELS, ["xml"], XML), (MODELS, ["csv"], CSV),
    (MODELS, ["tsv", "text/tab-separated-values"], TSV),            # SPARQLWrapper's TSV
    (MODELS, ["application/sparql-results+xml"], XML),
    (ASK, ["text/csv"], CSV),
    ("CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }", ["turtle"], "text/turtle"),
    ("CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }", ["n3"], "text/turtle"),
    ("CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }", ["xml"], "application/rdf+xml"),
    ("DESCRIBE <https://w3id.org/regkg/id/model/fable-5>", ["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
    ("DESCRIBE <https://w3id.org/regkg/id/model/fable-5>", ["json-ld", "application/ld+json"], "application/ld+json"),
    ("DESCRIBE <https://w3id.org/regkg/id/model/fable-5>", ["nt"], "application/n-triples"),
])
def test_format_parameter_as_clients_send_it(client, query, formats, expected):
    """Names and media types, repeated; `format` wins over Accept (SPARQLWrapper sends both)."""
    params = [("query", query)] + [("format", f) for f in formats] + [("output", formats[0])]
    r = client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected), r.text
    form = client.post("/sparql", data={"query": query, "format": formats})
    assert form.status_code == 200 and form.headers["content-type"].startswith(expected)


def test_a_format_that_cannot_answer_is_406_naming_what_can(client):
    r = client.get("/sparql", params={"query": "DESCRIBE <urn:x>", "format": "csv"})
    assert r.status_code == 406 and "ttl" in r.text


def test_head_answers_as_get_without_a_body(client):
    for params in ({"query": MODELS}, {}):
        get, head = client.get("/sparql", params=params), client.head("/sparql", params=params)
        assert head.status_code == get.status_code == 200 and head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?x } } }",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }",
    "select * where { service <http://127.0.0.1:{port}/> { ?s ?p ?o } } # rdflib-proof: lower case",
])
def test_service_refused_without_any_network_attempt(client, query):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        listener.setblocking(False)
        port = listener.getsockname()[1]
        r = client.get("/sparql", params={"query": query.replace("{port}", str(port))})
        assert r.status_code == 400 and "refused" in r.text
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody knocked


def test_timeout_stops_a_runaway_query_while_others_are_answered(strict):
    """No wall-clock bound (a loaded machine is slow): the order of events is what is asserted.
    How fast each answer comes is measured by bench/load.py and bench/scale.py."""
    outcome = {}

    def runaway():
        outcome["response"] = strict.get("/sparql", params={"query": RUNAWAY})

    thread = threading.Thread(target=runaway)
    thread.start()
    quick = strict.get("/sparql", params={"query": ASK})
    assert quick.status_code == 200 and "response" not in outcome  # answered while the runaway ran
    thread.join(60)
    response = outcome["response"]
    # stopped at the limit: an answer that says how to narrow it and invites no retry
    assert response.status_code == 422 and "time limit" in response.text and "narrow it" in response.text
    assert "retry-after" not in {k.lower() for k in response.headers}
    # the killed worker was replaced: the server keeps answering
    for _ in range(3):
        assert strict.get("/sparql", params={"query": ASK}).status_code == 200


def test_only_a_busy_server_asks_to_retry():
    from graph.sparql.http import _error
    from graph.sparql.pool import PoolBusy, QueryTimeout

    busy, slow = _error(PoolBusy("all workers busy")), _error(QueryTimeout("ran past the limit"))
    assert busy.status_code == 503 and busy.headers["retry-after"]
    assert slow.status_code == 422 and "retry-after" not in slow.headers


def test_result_cap_is_a_clear_4xx(strict):
    r = strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 422 and "more than 5 results" in r.text
    r = strict.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert r.status_code == 422
    assert strict.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"}).status_code == 200


def test_saved_queries_over_http(client):
    listing = client.get("/queries").json()
    assert len(listing) >= 15 and all(q["question"] for q in listing)
    r = client.get("/queries/model-history", params={"model": "Fable 5"}, headers={"Accept": JSON})
    models = {b["model"]["value"] for b in r.json()["results"]["bindings"]}
    assert models == {"https://w3id.org/regkg/id/model/fable-5"}
    assert client.get("/queries/model-history", params={"colour": "red"}).status_code == 400
    assert client.get("/queries/model-history", params={"model": "mythos 9"}).status_code == 404
    assert client.get("/queries/no-such-query").status_code == 404
    assert client.get("/queries/prices", params={"format": "csv"}).text.startswith("model,")


def test_health(client):
    body = client.get("/-/health").json()
    assert body["status"] == "ok" and body["triples"] > 500 and body["read_only"] is True


def test_query_page_is_offline_and_escaped(client):
    for path in ("/", "/query"):
        r = client.get(path, params={"query": "<script>alert(1)</script>"})
        assert r.status_code == 200 and "<textarea" in r.text
        assert "<script src" not in r.text and "<link" not in r.text and "alert(1)" not in r.text
        assert "connect-src 'self'" in r.headers["content-security-policy"]
    saved = r.text.split('id="saved">', 1)[1].split("</script>", 1)[0]
    assert {q["name"] for q in json.loads(saved)} >= {"model-history", "prices"}


def test_no_cors_by_default(client):
    r = client.get("/sparql", params={"query": ASK}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in r.headers}


def test_browse_is_404_on_an_app_made_without_a_browser(client):
    assert client.get("/browse").status_code == 404


def test_regkg_serve_gives_the_app_the_graph_browser(home):
    from graph.cli.sparql import browser_page

    store = open_graph(home=home, rebuild=False)
    browse = browser_page(store)
    browse.wait()  # made in the background; test_query_page_browser's tests are about the wait
    app = create_app(store, workers=1, browser=browse)
    with TestClient(app) as browsing:
        r = browsing.get("/browse")
    assert r.status_code == 200 and "<html" in r.text.lower() and "Claude Mythos 5" in r.text


def test_a_listing_over_the_cap_is_read_page_by_page(strict, client):
    """At a million triples a whole-graph listing outgrows the cap; its pages, read in turn, are it."""
    refused = strict.get("/queries/plans-vs-events")
    assert refused.status_code == 422 and "?limit=5&offset=0" in refused.text
    whole = client.get("/queries/plans-vs-events", params={"format": "csv"}).text.splitlines()
    pages, offset = [], 0
    while True:
        r = strict.get("/queries/plans-vs-events", params={"limit": 5, "offset": offset, "format": "csv"})
        assert r.status_code == 200
        rows = r.text.splitlines()[1:]
        if not rows:
            break
        pages += rows
        offset += 5
    assert len(whole) > 11 and pages == whole[1:]


@pytest.mark.parametrize("params", [{"limit": "ten"}, {"offset": "-1"}, {"limit": "1e3"}])
def test_bad_page_arguments_are_400(client, params):
    r = client.get("/queries/plans-vs-events", params=params)
    assert r.status_code == 400 and "whole number" in r.text


# -- the protocol's dataset, over a small store with named graphs written here ------------------

@pytest.fixture(scope="module")
def graphs(tmp_path_factory):
    from servers import home_with_graphs

    quads = (b'<urn:a> <urn:p> "in g1" <urn:g1> .\n'
             b'<urn:b> <urn:p> "in g2" <urn:g2> .\n')
    home = home_with_graphs(tmp_path_factory.mktemp("graphs"), quads, b'<urn:d> <urn:p> "in default" .\n')
    c = _client(home, workers=1)
    c.store = open_graph(home=home, rebuild=False)
    yield c
    c.__exit__(None, None, None)


VALUES = "SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o"
NAMED = "SELECT ?g ?o WHERE { GRAPH ?g { ?s <urn:p> ?o } } ORDER BY ?g"


def _objects(response) -> list:
    assert response.status_code == 200, response.text
    return [tuple(b[v]["value"] for v in response.json()["head"]["vars"]) for b in response.json()["results"]["bindings"]]


@pytest.mark.parametrize("query, params, expected", [
    (VALUES, [("default-graph-uri", "urn:g1")], [("in g1",)]),
    (VALUES, [("default-graph-uri", "urn:g1"), ("default-graph-uri", "urn:g2")], [("in g1",), ("in g2",)]),
    (VALUES, [("named-graph-uri", "urn:g2")], []),                       # named only: the default graph is empty
    (NAMED, [("named-graph-uri", "urn:g2")], [("urn:g2", "in g2")]),
    (NAMED, [("default-graph-uri", "urn:g1")], []),                       # default only: no named graphs
    (NAMED, [("default-graph-uri", "urn:g1"), ("named-graph-uri", "urn:g1"), ("named-graph-uri", "urn:g2")],
     [("urn:g1", "in g1"), ("urn:g2", "in g2")]),
    (VALUES, [("default-graph-uri", "http://127.0.0.1:9/not-held")], []),  # not held: empty, never fetched
    ("SELECT ?o FROM <urn:g2> WHERE { ?s <urn:p> ?o }", [("default-graph-uri", "urn:g1")], [("in g1",)]),
])
def test_dataset_parameters_choose_among_the_stores_graphs(graphs, query, params, expected):
    assert _objects(graphs.get("/sparql", params=[("query", query)] + params)) == expected
    form = graphs.post("/sparql", data={"query": query, **{k: [v for key, v in params if key == k] for k, _ in params}})
    assert _objects(form) == expected


def test_without_dataset_parameters_the_stores_own_default_graph_answers(graphs):
    here = [tuple(str(t) for t in row) for row in graphs.store.query(VALUES).rows]
    assert _objects(graphs.get("/sparql", params={"query": VALUES})) == here


def test_a_dataset_iri_must_be_absolute(graphs):
    r = graphs.get("/sparql", params={"query": VALUES, "named-graph-uri": "not an IRI"})
    assert r.status_code == 400 and "absolute IRI" in r.text


def test_the_service_description_names_the_graphs(graphs):
    text = graphs.get("/sparql", headers={"Accept": "application/n-triples"}).text
    assert "<urn:g1>" in text and "<urn:g2>" in text


def test_a_union_default_graph_is_queried_and_declared(graphs):
    """The layout of one named graph per source document: the default graph is their union."""
    home = graphs.store.path.parent.parent
    union = _client(home, workers=1, union_default_graph=True)
    try:
        assert _objects(union.get("/sparql", params={"query": VALUES})) == [("in default",), ("in g1",), ("in g2",)]
        assert _objects(union.get("/sparql", params=[("query", VALUES), ("default-graph-uri", "urn:g2")])) == [("in g2",)]
        assert "UnionDefaultGraph" in union.get("/sparql").text
        assert "UnionDefaultGraph" not in graphs.get("/sparql").text
    finally:
        union.__exit__(None, None, None)
