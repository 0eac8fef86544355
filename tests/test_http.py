"""The HTTP endpoint in-process: SPARQL 1.1 Protocol, negotiation, refusals, time limit, result cap."""

from __future__ import annotations

import json
import socket
import threading
import time
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
    """A server with a 1 s time limit and a 5-row cap."""
    c = _client(home, workers=2, timeout=1.0, max_results=5)
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
    r = client.get("/sparql")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert "sparql-service-description#Service" in r.text or "sd:Service" in r.text
    assert "SPARQL11Update" not in r.text
    assert client.get("/sparql", headers={"Accept": "application/ld+json"}).json()


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


def test_415_413_and_unsupported_dataset_parameters(client):
    assert client.post("/sparql", content=ASK, headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.post("/sparql", content=ASK).status_code == 415
    big = "ASK {}" + " " * 1_100_000
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    r = client.get("/sparql", params={"query": ASK, "default-graph-uri": "http://example.org/g"})
    assert r.status_code == 400 and "default-graph-uri" in r.text


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
    outcome = {}

    def runaway():
        outcome["response"] = strict.get("/sparql", params={"query": RUNAWAY})

    thread = threading.Thread(target=runaway)
    started = time.monotonic()
    thread.start()
    time.sleep(0.2)
    quick = strict.get("/sparql", params={"query": ASK})
    assert quick.status_code == 200 and time.monotonic() - started < 1.0
    thread.join(10)
    response = outcome["response"]
    assert response.status_code == 503 and "time limit" in response.text
    assert time.monotonic() - started < 5
    # the killed worker was replaced: the server keeps answering
    for _ in range(3):
        assert strict.get("/sparql", params={"query": ASK}).status_code == 200


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
    app = create_app(store, workers=1, browser=browser_page(store))
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
