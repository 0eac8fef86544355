"""Real servers on 127.0.0.1: an Oxigraph server fed by ``regkg push``, and ``regkg serve`` as a process.

The whole saved-query library must answer the same on the embedded store and on the Oxigraph
server; clients that know nothing of regkg (SPARQLWrapper, httpx, curl) must get correct answers
from ``regkg serve``. Ports are chosen free by the tests; nothing leaves the machine.
"""

from __future__ import annotations

import base64
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from conftest import REPO, regkg_executable  # tests/ is on sys.path (rootdir conftest, no package)
from graph.sparql.queries import load_queries, run_saved
from graph.store.build import open_graph
from graph.store.remote import RemoteStore
from graph.store.stores import canonical

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    path = tmp_path_factory.mktemp("home")
    open_graph(home=path)
    return path


@pytest.fixture(scope="module")
def local(home):
    return open_graph(home=home, rebuild=False)


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory, home, run_regkg):
    """An Oxigraph server on a free port, loaded with ``regkg push``; yields its base URL."""
    if OXIGRAPH is None:
        pytest.skip("the oxigraph server binary (PyPI package 'oxigraph') is not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi")),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/query?query=ASK%7B%7D", proc)
        done = run_regkg("push", "--endpoint", f"{base}/store", env={"REGKG_HOME": str(home)})
        assert done.returncode == 0, done.stderr
        assert "pushed" in done.stdout
        yield base
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def served(home):
    """``regkg serve`` as a real process on a free port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "REGKG_HOME": str(home)}
    proc = subprocess.Popen([*regkg_executable(), "serve", "--port", str(port), "--timeout", "5"], cwd=REPO,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/health", proc)
        yield base
    finally:
        stop(proc)


def test_push_loaded_every_triple(oxigraph, local):
    assert len(RemoteStore(f"{oxigraph}/query")) == len(local)


def test_whole_library_answers_the_same_on_the_server(oxigraph, local):
    remote = RemoteStore(f"{oxigraph}/query")
    for name in load_queries():
        assert canonical(run_saved(remote, name)) == canonical(run_saved(local, name)), name


def test_parameters_travel_to_the_server_as_terms(oxigraph, local):
    remote = RemoteStore(f"{oxigraph}/query")
    for name, params in [("model-history", {"model": "Fable 5"}), ("section-records", {"section": "s1"}),
                         ("statements-by-status", {"status": "opinion"}), ("model-restricted", {"model": "gpt-5-6"})]:
        assert canonical(run_saved(remote, name, params)) == canonical(run_saved(local, name, params)), name


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


def test_sparqlwrapper_gets_correct_answers(served, local):
    from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

    query = load_queries()["models"].text
    expected = {str(row[0]) for row in local.query(query).rows}
    for method in ("GET", POST):
        client = SPARQLWrapper(f"{served}/sparql")
        client.setQuery(query)
        client.setMethod(method)
        client.setReturnFormat(JSON)
        bindings = client.query().convert()["results"]["bindings"]
        assert {b["model"]["value"] for b in bindings} == expected
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().startswith("model,name,")
    client.setReturnFormat(XML)
    assert len(client.query().convert().getElementsByTagName("result")) == len(expected)
    client.setQuery("CONSTRUCT WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> }")
    client.setReturnFormat(TURTLE)
    import rdflib

    assert len(rdflib.Graph().parse(data=client.query().convert(), format="turtle")) == len(expected)


def test_plain_http_clients_with_accept_headers(served):
    query = "SELECT ?m WHERE { ?m a <https://w3id.org/regkg/ns#AIModel> } ORDER BY ?m"
    r = httpx.get(f"{served}/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.text.startswith("m\r\nhttps://w3id.org/regkg/id/model/")
    r = httpx.post(f"{served}/sparql", content=query,
                   headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})
    assert r.status_code == 200 and r.text.startswith("?m\n<https://")
    r = httpx.get(f"{served}/sparql", params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 400
    curl = shutil.which("curl")
    if curl:
        out = subprocess.run([curl, "-s", "-G", f"{served}/sparql", "--data-urlencode", f"query={query}",
                              "-H", "Accept: application/sparql-results+xml"], capture_output=True, text=True, timeout=30)
        assert out.stdout.startswith("<?xml") and "claude-mythos-5" in out.stdout


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
