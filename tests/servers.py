"""Servers the tests start on 127.0.0.1 (free ports, private data directories), once per session.

``regkg serve``, an Oxigraph server, Apache Jena Fuseki, Apache Jena's engine behind a small
endpoint (where Fuseki cannot be fetched) and OpenLink Virtuoso, each started by a
session fixture (``tests/conftest.py`` imports them) and stopped when the session ends; the
benchmarks start them with the same functions. A store that is not installed is
:func:`conftest.unavailable`: a skip with the reason in a user's clone, a
failure under ``CI=true``; ``make stores`` installs them (docs/analyst/external-stores.md).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.parse
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
STORES_CACHE = Path(os.environ.get("REGKG_STORES_CACHE") or REPO / ".cache" / "stores")
FUSEKI_LIB = STORES_CACHE / "fuseki" / "lib"
JENA = STORES_CACHE / "jena"
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")


def regkg_executable() -> list[str]:
    """The installed console script, or ``python -m graph`` beside this interpreter."""
    exe = shutil.which("regkg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "graph"]


def _unavailable(reason: str):
    try:
        from conftest import unavailable  # tests/conftest.py: skip, or fail under CI=true
    except ImportError:  # a bench script, not a test session
        raise RuntimeError(reason) from None
    unavailable(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Until ``url`` answers at all (any status), or ``proc`` exits, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read() if proc.stderr else ""
            raise RuntimeError(f"{proc.args} exited with {proc.returncode}: {err}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@dataclasses.dataclass
class Server:
    """A running server: where queries, updates and Graph Store Protocol requests go."""

    name: str
    proc: subprocess.Popen
    query: str
    update: str = ""
    store: str = ""  # Graph Store Protocol endpoint

    def stop(self) -> None:
        stop(self.proc)


def start_regkg(home: Path, *args: str) -> Server:
    """``regkg serve`` as a real process over the build in ``home``."""
    port = free_port()
    proc = subprocess.Popen([*regkg_executable(), "serve", "--port", str(port), *args], cwd=REPO,
                            env={**os.environ, "REGKG_HOME": str(home)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/-/health", proc)
    return Server("regkg serve", proc, f"{base}/sparql", f"{base}/sparql")


def start_oxigraph(location: Path, read_only: bool = False) -> Server:
    """``oxigraph serve`` (or ``serve-read-only``) on ``location``."""
    if OXIGRAPH is None:
        _unavailable("the oxigraph server binary (PyPI package 'oxigraph', in the test extra) is not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve-read-only" if read_only else "serve", "--location", str(location),
                             "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/query?query=ASK%7B%7D", proc)
    return Server("oxigraph", proc, f"{base}/query", f"{base}/update", f"{base}/store")


def start_fuseki(workdir: Path) -> Server:
    """Apache Jena Fuseki (``jena-fuseki-main`` from Maven Central, fetched by ``make stores``)
    with an in-memory, updatable dataset ``/regkg``, on 127.0.0.1 only."""
    java = shutil.which("java")
    if java is None or not any(FUSEKI_LIB.glob("jena-fuseki-main-*.jar")):
        failed = STORES_CACHE / "fuseki.failed"
        why = failed.read_text() if failed.is_file() else ""
        if java is not None and re.search(r"Could not transfer|Unknown host|Connect(ion)? (refused|timed out)", why):
            # `make stores` ran and Maven could not reach Maven Central from this machine: nothing
            # the checkout can install. The one store that is a skip under CI=true too, with why.
            pytest.skip(f"Apache Jena Fuseki could not be fetched: 'make stores' found Maven Central "
                        f"unreachable from this machine (...{why.strip()[-240:]})")
        _unavailable(f"Apache Jena Fuseki is not installed ({FUSEKI_LIB} holds no jena-fuseki-main jar; "
                     "run 'make stores', which needs Java and Maven Central)")
    port = free_port()
    proc = subprocess.Popen([java, "-Xmx1g", "-cp", f"{FUSEKI_LIB}/*", "org.apache.jena.fuseki.main.cmds.FusekiMainCmd",
                             "--localhost", "--port", str(port), "--update", "--mem", "/regkg"],
                            cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/regkg"
    wait_for(f"{base}/sparql?query=ASK%7B%7D", proc, seconds=120)
    return Server("fuseki", proc, f"{base}/sparql", f"{base}/update", f"{base}/data")


def start_jena() -> Server:
    """Apache Jena's engine (ARQ and its in-memory transactional dataset, Debian's
    ``libapache-jena-java`` 4.5) behind ``stores/jena/JenaEndpoint.java``: the query protocol and
    the Graph Store Protocol on 127.0.0.1, no update. ``make stores`` prepares it
    (``stores/jena/setup.sh``); it runs where Fuseki, which only Maven Central has, cannot."""
    java = shutil.which("java")
    classpath = JENA / "classpath"
    if java is None or not (JENA / "classes" / "JenaEndpoint.class").is_file() or not classpath.is_file():
        failed = STORES_CACHE / "jena.failed"
        why = f" ({failed.read_text().strip()})" if failed.is_file() else ""
        _unavailable(f"the Apache Jena endpoint is not ready{why}: run 'make stores', which installs Debian's "
                     "libapache-jena-java and a JDK and compiles stores/jena/JenaEndpoint.java")
    port = free_port()
    jars = classpath.read_text().strip()
    proc = subprocess.Popen([java, "-Xmx1g", "-cp", f"{JENA / 'classes'}:{JENA / 'fix'}:{jars}", "JenaEndpoint",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/sparql?query=ASK%7B%7D", proc, seconds=120)
    return Server("jena", proc, f"{base}/sparql", "", f"{base}/data")


def start_virtuoso(workdir: Path) -> Server:
    """OpenLink Virtuoso (Debian's ``virtuoso-opensource``) with a private database in ``workdir``.

    What Virtuoso needs for ``regkg push``: its Graph Store endpoint ``/sparql-graph-crud`` takes
    writes only once the anonymous ``SPARQL`` account holds ``SPARQL_UPDATE`` (granted here through
    ``isql``, on this private server only); Virtuoso has no default graph of its own (a query
    without FROM reads every graph), so the graph goes into a named graph (``--graph``) and queries
    name it with ``default-graph-uri`` in the endpoint URL.
    """
    if VIRTUOSO is None or ISQL is None:
        _unavailable("OpenLink Virtuoso is not installed (virtuoso-t, isql-vt: run 'make stores', "
                    "which installs Debian's virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    (workdir / "virtuoso.ini").write_text(textwrap.dedent(f"""\
        [Database]
        DatabaseFile = {workdir}/virtuoso.db
        ErrorLogFile = {workdir}/virtuoso.log
        LockFile = {workdir}/virtuoso.lck
        TransactionFile = {workdir}/virtuoso.trx
        xa_persistent_file = {workdir}/virtuoso.pxa
        ErrorLogLevel = 7
        FileExtend = 200
        MaxCheckpointRemap = 2000
        Striping = 0
        TempStorage = TempDatabase

        [TempDatabase]
        DatabaseFile = {workdir}/virtuoso-temp.db
        TransactionFile = {workdir}/virtuoso-temp.trx
        MaxCheckpointRemap = 2000
        Striping = 0

        [Parameters]
        ServerPort = 127.0.0.1:{sql_port}
        DisableTcpSocket = 0
        ServerThreads = 10
        CheckpointInterval = 60
        NumberOfBuffers = 10000
        MaxDirtyBuffers = 6000
        DirsAllowed = ., {workdir}
        VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

        [HTTPServer]
        ServerPort = 127.0.0.1:{http_port}
        ServerRoot = /var/lib/virtuoso-opensource-7/vsp
        ServerThreads = 10
        MaxKeepAlives = 10
        KeepAliveTimeout = 10
        EnabledDavVSP = 0
        HTTPProxyEnabled = 0

        [SPARQL]
        ResultSetMaxRows = 100000
        MaxQueryExecutionTime = 60
        DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
        """))
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(workdir / "virtuoso.ini")], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(f"{base}/sparql?query=ASK%7B%7D", proc, seconds=180)
        grant = subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba",
                                "exec=GRANT SPARQL_UPDATE TO \"SPARQL\";"],
                               capture_output=True, text=True, timeout=60)
        if grant.returncode != 0:
            raise RuntimeError(f"isql could not grant SPARQL_UPDATE: {grant.stdout} {grant.stderr}")
    except BaseException:
        stop(proc)
        raise
    return Server("virtuoso", proc, f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud")


# -- session fixtures (tests/conftest.py imports them, so each starts once per session) -------------

@pytest.fixture(scope="session")
def seed_home(tmp_path_factory):
    """A private build of the seed data, shared by the session: a colleague's rebuild of build/
    never moves the store under a running server."""
    from graph.store.build import open_graph

    path = tmp_path_factory.mktemp("seed-home")
    open_graph(home=path)
    return path


@pytest.fixture(scope="session")
def seed_store(seed_home):
    from graph.store.build import open_graph

    return open_graph(home=seed_home, rebuild=False)


def _pushed(server: Server, seed_home: Path, graph: str | None = None) -> Server:
    args = ["push", "--endpoint", server.store] + (["--graph", graph] if graph else [])
    done = subprocess.run([*regkg_executable(), *args], capture_output=True, text=True, cwd=REPO, timeout=300,
                          env={**os.environ, "REGKG_HOME": str(seed_home)})
    if done.returncode != 0:
        server.stop()
        raise RuntimeError(f"regkg push to {server.name} failed: {done.stderr}")
    return server


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory, seed_home):
    """An Oxigraph server loaded with ``regkg push`` (the default graph)."""
    server = _pushed(start_oxigraph(tmp_path_factory.mktemp("oxigraph")), seed_home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def fuseki_server(tmp_path_factory, seed_home):
    """Apache Jena Fuseki loaded with ``regkg push`` (the default graph of dataset /regkg)."""
    server = _pushed(start_fuseki(tmp_path_factory.mktemp("fuseki")), seed_home)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def jena_server(seed_home):
    """Apache Jena's engine loaded with ``regkg push`` (the default graph, and a named graph per
    source document)."""
    server = _pushed(start_jena(), seed_home)
    yield server
    server.stop()


VIRTUOSO_GRAPH = "https://w3id.org/regkg/graph/seed"


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory, seed_home):
    """Virtuoso loaded with ``regkg push --graph`` (the default graph into a named graph: Virtuoso has
    no default graph of its own; the source documents' graphs go in as themselves); ``query`` names
    the dataset in the URL (``default-graph-uri``, ``named-graph-uri``)."""
    from graph.store.build import open_graph

    server = _pushed(start_virtuoso(tmp_path_factory.mktemp("virtuoso")), seed_home, VIRTUOSO_GRAPH)
    # The dataset, named in the URL: the pushed default graph, and each source document's graph.
    documents = open_graph(home=seed_home, rebuild=False).named_graphs()
    server.query += "?" + urllib.parse.urlencode([("default-graph-uri", VIRTUOSO_GRAPH),
                                                  *(("named-graph-uri", doc) for doc in documents)])
    yield server
    server.stop()


def home_with_graphs(home: Path, nquads: bytes, default: bytes = b"") -> Path:
    """A build directory in ``home`` whose store holds ``nquads`` (named graphs) and ``default``
    (N-Triples, the default graph): what ``regkg serve`` serves when ``REGKG_HOME`` is ``home``.

    Built as ``regkg build --ntriples`` builds (a pinned graph, never rebuilt from data/), then
    the named graphs are added to its store before any server opens it.
    """
    import pyoxigraph as ox

    from graph.store.build import current_dir, load_ntriples

    home.mkdir(parents=True, exist_ok=True)
    seed = home / "default.nt"
    seed.write_bytes(default or b'<urn:regkg:test> <http://www.w3.org/2000/01/rdf-schema#comment> "a test store" .\n')
    load_ntriples(seed, home=home)
    store = ox.Store(str(current_dir(home) / "store"))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return home
