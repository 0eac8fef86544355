"""The hostile-input corpus (``tests/hostile/manifest.yaml``): each input gets a clear outcome.

For every entry: the expected exit status (or HTTP status) and message fragment; never a
traceback or "internal error"; never a network request (a local trap listener stands in for every
URL the corpus names, and subprocesses get proxies pointing at it, so any attempt is counted);
never a changed graph (the current build's files are compared before and after, and the store's
N-Triples at the end); never a partly written file (no stray build directories or temporary files).
Entries with ``known_issue`` are failures this corpus found in another module: they run as
``xfail`` so the day their module is fixed, the report shows it.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import REPO, regkg_executable
from graph.data.paths import default_data_dir

HOSTILE = REPO / "tests" / "hostile"
CASES = yaml.safe_load((HOSTILE / "manifest.yaml").read_text(encoding="utf-8"))
PWNED = Path("/tmp/regkg-pwned")


def test_the_corpus_is_large_and_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 60 and len(set(ids)) == len(ids)
    for case in CASES:
        assert case["feed"] in ("data", "validate", "ntriples", "cli", "sparql", "http"), case
        assert ("status" if case["feed"] == "http" else "exit") in case, case
        if "file" in case:
            assert (HOSTILE / case["file"]).is_file(), case


# -- fixtures --------------------------------------------------------------------------------------

class Trap:
    """A TCP listener on 127.0.0.1 that counts connections: nothing must ever connect to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.address = "127.0.0.1:%d" % self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


@pytest.fixture(scope="module")
def trap():
    t = Trap()
    yield t
    t.sock.close()


@pytest.fixture(autouse=True)
def no_outbound_connections(monkeypatch, trap):
    """In this process, any connect() to a non-loopback address fails the test."""
    real = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
            pytest.fail(f"outbound connection attempted to {address}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    before = trap.connections
    yield
    assert trap.connections == before, "something fetched a URL the hostile input named"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """The seed graph, built once; every case must leave it exactly as it is."""
    path = tmp_path_factory.mktemp("hostile-home")
    result = subprocess.run([*regkg_executable(), "--home", str(path), "build"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    yield path
    assert dump(path) == SEED_DUMP[0], "the graph changed"


SEED_DUMP: list[list[bytes]] = []


def dump(home: Path) -> list[bytes]:
    from graph.store.stores import OxigraphStore

    store = OxigraphStore(Path(home, "current").resolve() / "store", read_only=True)
    return sorted(store.dump("nt").splitlines())


@pytest.fixture(scope="module")
def seed_dump(home):
    SEED_DUMP[:] = [dump(home)]
    return SEED_DUMP[0]


def snapshot(home: Path) -> dict[str, object]:
    """Every file of the home but the store's own logs (read-only opens may rotate those) and the
    browser page `regkg serve` makes in the background at start and keeps beside the build (written
    whole, whenever it is ready: not a request's doing), with the temporary file it is written to
    first (``.browse-*.pickle.*``, renamed into place)."""
    files = {}
    for p in sorted(home.rglob("*")):
        rel = str(p.relative_to(home))
        if p.name.lstrip(".").startswith("browse-") and ".pickle" in p.name:
            continue
        if p.is_symlink():
            files[rel] = os.readlink(p)
        elif p.is_file() and "/store/" not in f"/{rel}":
            files[rel] = p.read_bytes()
        elif p.is_dir():
            files[rel] = "dir"
    return files


def env(trap: Trap, home: Path) -> dict[str, str]:
    proxy = f"http://{trap.address}"
    return {**os.environ, "REGKG_HOME": str(home), "http_proxy": proxy, "https_proxy": proxy,
            "HTTP_PROXY": proxy, "HTTPS_PROXY": proxy, "ALL_PROXY": proxy, "no_proxy": "", "NO_PROXY": ""}


def run(args: list[str], trap: Trap, home: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*regkg_executable(), *args], capture_output=True, cwd=REPO, env=env(trap, home),
                          timeout=timeout)


def expand(text: str, trap: Trap) -> str:
    return text.replace("{trap}", trap.address).replace("{hostile}", str(HOSTILE))


def materialize(case: dict, trap: Trap, tmp_path: Path) -> Path:
    """The case's input as a file in ``tmp_path`` ({trap} filled in), or generated at test time."""
    generated = case.get("generate")
    if generated == "huge-yaml":  # just over the loader's 20 MiB limit: made here, never committed
        path = tmp_path / "huge.yaml"
        with path.open("w") as f:
            f.write("models:\n")
            line = "  - {id: m, name: " + "x" * 1000 + ", sources: [\"samsung-2026-global-ai#s3\"]}\n"
            for _ in range(21 * 1024):
                f.write(line)
        return path
    if generated == "deep-sparql":
        path = tmp_path / "deep.rq"
        path.write_text("SELECT * WHERE " + "{ " * 20000 + "?s ?p ?o" + " }" * 20000 + "\n")
        return path
    source = HOSTILE / case["file"]
    path = tmp_path / source.name
    data = source.read_bytes()
    try:
        data = expand(data.decode("utf-8"), trap).encode("utf-8")
    except UnicodeDecodeError:
        pass  # binary on purpose
    path.write_bytes(data)
    return path


def check_cli_outcome(case: dict, result: subprocess.CompletedProcess) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[-2000:]
    assert result.returncode == case["exit"], (result.returncode, stderr[-2000:])
    if case["exit"] != 0:
        assert stderr.strip(), "a refusal must say why"
        assert len(stderr.strip().splitlines()) <= 6, "one clear message, not a dump"
    if case.get("message"):
        assert case["message"] in stderr, (case["message"], stderr[-2000:])


def mark(case: dict):
    marks = [pytest.mark.xfail(reason=case["known_issue"], strict=False)] if case.get("known_issue") else []
    return pytest.param(case, id=case["id"], marks=marks)


def cases(*feeds: str):
    return [mark(c) for c in CASES if c["feed"] in feeds]


# -- files, arguments, SPARQL on the command line --------------------------------------------------

@pytest.mark.parametrize("case", cases("data"))
def test_hostile_data_file(case, trap, home, seed_dump, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)  # the seed (the root conftest.py)
    source = materialize(case, trap, tmp_path)
    target = data / f"zz-hostile{source.suffix}"
    shutil.move(source, target)
    # A refused input must leave the shared home as it was. An accepted one (or a known issue, which
    # may be accepted by mistake) builds into a copy, so it cannot change what later cases see.
    build_home = home
    if case["exit"] == 0 or case.get("known_issue"):
        build_home = tmp_path / "own-home"
        shutil.copytree(home, build_home, symlinks=True)
    before = snapshot(build_home)
    for args in (["--data", str(data), "--home", str(build_home), "build"],
                 ["--data", str(data), "--home", str(build_home), "validate"]):
        check_cli_outcome(case, run(args, trap, build_home, timeout=case.get("timeout", 120)))
    if case["exit"] != 0:
        assert snapshot(build_home) == before, "a refused input changed the graph or left files behind"
    if case["exit"] == 0 and "label" in case["id"]:
        text = target.read_text()
        label = yaml.safe_load(text)["models"][0]["name"]
        shown = run(["--data", str(data), "--home", str(build_home), "show", yaml.safe_load(text)["models"][0]["id"],
                     "--json"], trap, build_home)
        assert shown.returncode == 0 and label in shown.stdout.decode(), "a hostile label is kept as plain text"
    assert not PWNED.exists()


@pytest.mark.parametrize("case", cases("validate", "ntriples"))
def test_hostile_file_argument(case, trap, home, seed_dump, tmp_path):
    path = materialize(case, trap, tmp_path)
    args = ["validate", str(path)] if case["feed"] == "validate" else ["build", "--ntriples", str(path)]
    before = snapshot(home)
    check_cli_outcome(case, run(args, trap, home, timeout=case.get("timeout", 120)))
    assert snapshot(home) == before


@pytest.mark.parametrize("case", cases("cli"))
def test_hostile_cli_arguments(case, trap, home, seed_dump):
    args = [expand(a, trap) for a in case["args"]]
    args = ["m" * 100_000 if a == "!huge-name" else a for a in args]
    before = snapshot(home)
    check_cli_outcome(case, run(args, trap, home, timeout=case.get("timeout", 120)))
    assert snapshot(home) == before
    assert not PWNED.exists()


@pytest.mark.parametrize("case", cases("sparql"))
def test_hostile_sparql_file(case, trap, home, seed_dump, tmp_path):
    path = materialize(case, trap, tmp_path)
    before = snapshot(home)
    try:
        result = run(["sparql", "-f", str(path), *case.get("args", [])], trap, home, timeout=case.get("timeout", 60))
    except subprocess.TimeoutExpired:
        pytest.fail(f"no answer within {case.get('timeout', 60)} s: a runaway query must be cut by a time limit")
    check_cli_outcome(case, result)
    assert snapshot(home) == before


# -- HTTP requests to a real `regkg serve` ---------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``regkg serve`` on a free port; restarted if a request killed it (that request's test fails)."""

    def __init__(self, trap: Trap, home: Path):
        self.trap, self.home, self.proc, self.port = trap, home, None, 0

    def ensure(self) -> int:
        if self.proc is None or self.proc.poll() is not None:
            self.port = free_port()
            self.proc = subprocess.Popen(
                [*regkg_executable(), "serve", "--port", str(self.port), "--timeout", "2", "--workers", "2"],
                cwd=REPO, env=env(self.trap, self.home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.2)
        return self.port

    def stop(self) -> bytes:
        self.proc.terminate()
        return self.proc.communicate(timeout=30)[1]


@pytest.fixture(scope="module")
def server(trap, home, seed_dump):
    s = Server(trap, home)
    s.ensure()
    yield s
    stderr = s.stop()
    assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")[-3000:]


def body_of(case: dict, trap: Trap) -> bytes:
    body = case.get("body") or ""
    if body == "!deep-sparql":
        return ("SELECT * WHERE " + "{ " * 20000 + "?s ?p ?o" + " }" * 20000).encode()
    if body == "!huge-body":
        return b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 5_000_000
    if body == "!bad-utf8":
        return b"SELECT * WHERE { ?s ?p \"\xff\xfe\" }"
    if body.startswith("@"):
        return expand((HOSTILE / body[1:]).read_text(), trap).encode()
    return expand(body, trap).encode()


@pytest.mark.parametrize("case", cases("http"))
def test_hostile_http_request(case, trap, home, server):
    conn = http.client.HTTPConnection("127.0.0.1", server.ensure(), timeout=60)
    body = body_of(case, trap)
    headers = {"Content-Length": str(len(body)), **case.get("headers", {})}
    before = snapshot(home)
    try:
        conn.request(case["method"], expand(case["path"], trap), body=body or None, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
    except (ConnectionError, http.client.HTTPException) as exc:  # a server may close on a huge body
        assert case["status"] == 413 and server.proc.poll() is None, f"connection failed: {exc}"
        return
    finally:
        conn.close()
    assert server.proc.poll() is None, "the request killed the server"
    assert response.status == case["status"], (response.status, text[:1000])
    assert "Traceback" not in text
    if case.get("message"):
        assert case["message"] in text, (case["message"], text[:1000])
    assert snapshot(home) == before
