"""Real stores, live on 127.0.0.1: the saved-query library answers the same everywhere.

The embedded store, an Oxigraph server, Apache Jena Fuseki, Apache Jena's engine behind
``stores/jena/JenaEndpoint.java`` (Debian's Jena, for machines that cannot fetch Fuseki from Maven
Central) and OpenLink Virtuoso, each loaded with ``regkg push`` (Graph Store Protocol) and started once per session (``tests/servers.py``):
the whole library, with its parameters, must give the same answers on each (formatting
normalised by :func:`graph.store.stores.canonical`). A store that is not installed is a skip with
the reason here and a failure under ``CI=true`` (``make stores`` installs them). Clients that know
nothing of regkg are ``tests/test_clients.py``.
"""

from __future__ import annotations

import base64
import http.server
import threading

import httpx
import pytest

from graph.sparql.queries import get_query, load_queries, run_saved
from graph.store.remote import RemoteStore
from graph.store.stores import canonical

STORES = ["oxigraph_server", "fuseki_server", "jena_server", "virtuoso_server"]
PARAMETERS = [("model-history", {"model": "Fable 5"}), ("section-records", {"section": "s1"}),
              ("statements-by-status", {"status": "opinion"}), ("model-restricted", {"model": "gpt-5-6"}),
              ("model-restricted", {"model": "Fable 5"}), ("organization-events", {"organization": "OpenAI"}),
              ("financial-figures", {"company": "OpenAI"}), ("model-neighbourhood", {"model": "mythos"})]


@pytest.fixture(scope="module")
def home(seed_home):
    return seed_home


@pytest.fixture(scope="module")
def local(seed_store):
    return seed_store


@pytest.fixture(scope="module")
def oxigraph(oxigraph_server):
    """The Oxigraph server's base URL (its query, update and store endpoints hang off it)."""
    return oxigraph_server.query.rsplit("/", 1)[0]


@pytest.fixture(params=STORES, ids=["oxigraph", "fuseki", "jena", "virtuoso"])
def remote(request):
    return RemoteStore(request.getfixturevalue(request.param).query)


def test_push_loaded_every_triple(remote, local):
    assert len(remote) == len(local)


def test_whole_library_answers_the_same_on_every_store(remote, local):
    differ = [name for name in load_queries() if canonical(run_saved(remote, name)) != canonical(run_saved(local, name))]
    assert differ == []


def test_parameters_travel_as_terms_to_every_store(remote, local):
    differ = [(name, params) for name, params in PARAMETERS
              if canonical(run_saved(remote, name, params)) != canonical(run_saved(local, name, params))]
    assert differ == []


def _day_count(query: str) -> str:
    """The lines of a saved query that count days between ?ordered and ?restored (Julian day numbers)."""
    lines = query.splitlines()
    first = next(i for i, line in enumerate(lines) if "BIND (FLOOR((14 - MONTH(?ordered))" in line)
    last = next(i for i, line in enumerate(lines) if "AS ?days)" in line)
    return "\n".join(lines[first:last + 1])


# (from, to, days): a month boundary, a leap day, a year end, a non-leap century (2100).
DAYS = [("2023-03-30", "2023-04-28", 29), ("2024-02-28", "2024-03-01", 2), ("2024-12-31", "2025-01-01", 1),
        ("2100-02-28", "2100-03-01", 1), ("2023-02-02", "2023-06-30", 148)]


def test_order_to_restoration_counts_days_alike_on_every_store(remote, local):
    """The seed ends no prohibition, so the library's run leaves the day count unread: it is
    checked here on dates where calendars trip, on each store."""
    text = get_query("order-to-restoration").text
    values = " ".join(f'("{a}"^^xsd:date "{b}"^^xsd:date)' for a, b, _ in DAYS)
    query = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nSELECT ?ordered ?days WHERE {\n"
             f"  VALUES (?ordered ?restored) {{ {values} }}\n{_day_count(text)}\n}} ORDER BY ?ordered")
    want = [d for _, _, d in sorted(DAYS)]
    for store in (remote, local):
        assert [int(row[1]) for row in store.query(query).rows] == want


def test_ask_answers_are_booleans_on_every_store(remote):
    """Virtuoso 7.2 answers ASK with a one-column table (``__ASK_RETVAL``): the one exception,
    read back as the boolean (:func:`graph.store.remote.ask_as_boolean`)."""
    assert remote.query("ASK { ?s ?p ?o }").boolean is True
    assert remote.query("ASK { <urn:regkg:nothing> ?p ?o }").boolean is False


def test_from_and_from_named_pass_through_to_the_store(oxigraph, run_regkg, home):
    graph = "https://w3id.org/regkg/graph/from-test"
    done = run_regkg("push", "--endpoint", f"{oxigraph}/store", "--graph", graph, env={"REGKG_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    env = {"REGKG_HOME": str(home)}
    count = f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}"
    there = run_regkg("sparql", count, "--endpoint", f"{oxigraph}/query", "--format", "csv", env=env)
    assert there.returncode == 0 and there.stdout.split()[-1] == str(len(RemoteStore(f"{oxigraph}/query"))), there.stderr
    named = f"SELECT ?g FROM NAMED <{graph}> WHERE {{ GRAPH ?g {{ }} }}"
    there = run_regkg("sparql", named, "--endpoint", f"{oxigraph}/query", "--format", "csv", env=env)
    assert there.returncode == 0 and there.stdout.split() == ["g", graph], there.stderr


def test_cli_endpoint_option(oxigraph, run_regkg, home):
    env = {"REGKG_HOME": str(home)}
    there = run_regkg("sparql", "-n", "prices", "--endpoint", f"{oxigraph}/query", env=env)
    here = run_regkg("sparql", "-n", "prices", env=env)
    assert there.returncode == 0 and there.stdout == here.stdout
    refused = run_regkg("sparql", "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }",
                        "--endpoint", f"{oxigraph}/query", env=env)
    assert refused.returncode == 2 and "SERVICE" in refused.stderr


def test_push_into_a_named_graph(oxigraph, run_regkg, home):
    graph = "https://w3id.org/regkg/graph/test"
    done = run_regkg("push", "--endpoint", f"{oxigraph}/store", "--graph", graph, env={"REGKG_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    r = httpx.post(f"{oxigraph}/query", data={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.json()["boolean"] is True


class _Gate(http.server.BaseHTTPRequestHandler):
    """A reverse proxy that lets through only requests with the expected Authorization header,
    as a Fuseki or GraphDB behind a login would."""

    upstream = ""
    expected = ""

    def _forward(self):
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="regkg-test"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: self.headers[k] for k in ("Content-Type", "Accept") if self.headers.get(k)}
        answer = httpx.request(self.command, self.upstream + self.path, content=body, headers=headers)
        self.send_response(answer.status_code)
        self.send_header("Content-Type", answer.headers.get("content-type", "text/plain"))
        self.send_header("Content-Length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_PUT = _forward

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def gate(oxigraph):
    """The Oxigraph server behind a login; yields the gate's base URL."""
    _Gate.upstream = oxigraph
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_endpoint_credentials_come_from_the_environment(gate, run_regkg, home):
    _Gate.expected = "Basic " + base64.b64encode(b"analyst:s3cret").decode()
    env = {"REGKG_HOME": str(home), "REGKG_ENDPOINT_USER": "analyst", "REGKG_ENDPOINT_PASSWORD": "s3cret"}
    there = run_regkg("sparql", "-n", "prices", "--endpoint", f"{gate}/query", env=env)
    here = run_regkg("sparql", "-n", "prices", env={"REGKG_HOME": str(home)})
    assert there.returncode == 0 and there.stdout == here.stdout, there.stderr
    wrong = run_regkg("sparql", "-n", "prices", "--endpoint", f"{gate}/query",
                      env={**env, "REGKG_ENDPOINT_PASSWORD": "guess"})
    assert wrong.returncode == 2 and "refused the credentials" in wrong.stderr and "guess" not in wrong.stderr
    none = run_regkg("sparql", "-n", "prices", "--endpoint", f"{gate}/query", env={"REGKG_HOME": str(home)})
    assert none.returncode == 2 and "wants credentials" in none.stderr and "REGKG_ENDPOINT_USER" in none.stderr
    assert "Traceback" not in wrong.stderr + none.stderr


def test_push_with_a_bearer_token(gate, oxigraph, run_regkg, home):
    _Gate.expected = "Bearer t0ken"
    graph = "https://w3id.org/regkg/graph/behind-login"
    env = {"REGKG_HOME": str(home), "REGKG_ENDPOINT_TOKEN": "t0ken"}
    done = run_regkg("push", "--endpoint", f"{gate}/store", "--graph", graph, env=env)
    assert done.returncode == 0, done.stderr
    r = httpx.post(f"{oxigraph}/query", data={"query": f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.json()["boolean"] is True
    refused = run_regkg("push", "--endpoint", f"{gate}/store", env={"REGKG_HOME": str(home)})
    assert refused.returncode == 2 and "wants credentials" in refused.stderr
