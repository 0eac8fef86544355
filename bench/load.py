"""Load on the endpoint: 10,000 queries from 8 concurrent clients, memory before and after.

    .venv/bin/python bench/load.py                      # seed graph, 10,000 queries, 8 clients
    .venv/bin/python bench/load.py --queries 2000 --clients 4

Starts ``regkg serve`` on 127.0.0.1 (a free port), warms it up, samples the resident memory of the
server and its query workers from /proc, sends the queries (a mix of saved queries and ad-hoc
SELECT / ASK / CONSTRUCT), and while they run sends one runaway cross product that the server's
``--timeout`` must cut with a 422 (narrow it; no retry invited) while the other clients keep getting answers. Prints errors,
throughput, latency percentiles and the memory growth. ``tests/test_load_faults.py`` runs the
same functions with fewer queries.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

QUERIES = [
    "/queries/models",
    "/queries/counts",
    "/queries/model-history?model=Fable%205",
    "/queries/government-actions",
    "/sparql?query=" + urllib.parse.quote("SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 50"),
    "/sparql?query=" + urllib.parse.quote("ASK { ?s a <https://w3id.org/regkg/ns#AIModel> }"),
    "/sparql?query=" + urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20"),
]
RUNAWAY = "/sparql?query=" + urllib.parse.quote(
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def regkg() -> list[str]:
    import shutil

    exe = shutil.which("regkg", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "graph"]


def start_server(home: Path | None = None, timeout: float = 2.0, workers: int = 2) -> tuple[subprocess.Popen, int]:
    """``regkg serve`` on a free port of 127.0.0.1, once it answers."""
    port = free_port()
    env = {**os.environ, **({"REGKG_HOME": str(home)} if home else {})}
    proc = subprocess.Popen([*regkg(), "serve", "--port", str(port), "--timeout", str(timeout), "--workers", str(workers)],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"regkg serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            status, _ = get(port, "/-/health")
            if status == 200:
                return proc, port
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("regkg serve did not answer within 60 s")


def get(port: int, path: str, conn: http.client.HTTPConnection | None = None, timeout: float = 60) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": ACCEPT})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


def rss_of_tree(pid: int) -> int:
    """Resident bytes of a process and all its descendants (the server and its query workers)."""
    total, todo = 0, [pid]
    children = _children()
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
        todo += children.get(p, [])
    return total


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            out.setdefault(ppid, []).append(int(entry))
    return out


def hammer(port: int, total: int, clients: int) -> dict:
    """``total`` GETs spread over ``clients`` threads, each on one keep-alive connection."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for i in counter:  # the shared iterator hands out the work; next() on it is thread-safe in CPython
            path = QUERIES[i % len(QUERIES)]
            started = time.perf_counter()
            try:
                status, _ = get(port, path, conn)
            except (OSError, http.client.HTTPException) as exc:
                status = f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                latencies.append(time.perf_counter() - started)
                if status != 200:
                    errors.append(f"{path}: {status}")
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    return {"queries": len(latencies), "errors": errors, "seconds": seconds, "qps": len(latencies) / seconds,
            "p50": latencies[len(latencies) // 2], "p99": latencies[int(len(latencies) * 0.99) - 1]}


def runaway_while_busy(port: int, busy_for: int, clients: int) -> dict:
    """A cross product sent while ``clients`` keep querying: its status, time and the others' answers."""
    done: dict = {}

    def runaway() -> None:
        started = time.perf_counter()
        status, body = get(port, RUNAWAY)
        done.update(status=status, seconds=time.perf_counter() - started, body=body[:300])

    t = threading.Thread(target=runaway)
    t.start()
    stats = hammer(port, busy_for, clients)
    t.join()
    return {**done, "others": stats}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args(argv)
    proc, port = start_server()
    try:
        hammer(port, 200, args.clients)  # warm-up: workers started, caches filled
        before = rss_of_tree(proc.pid)
        stats = hammer(port, args.queries, args.clients)
        after = rss_of_tree(proc.pid)
        growth = (after - before) / 2**20
        print(f"{stats['queries']} queries from {args.clients} clients in {stats['seconds']:.1f} s "
              f"({stats['qps']:.0f}/s), p50 {stats['p50'] * 1000:.1f} ms, p99 {stats['p99'] * 1000:.1f} ms")
        print(f"  errors: {len(stats['errors'])} (goal 0) -> {'PASS' if not stats['errors'] else 'FAIL'}")
        print(f"  memory (server + workers): {before / 2**20:.0f} MB before, {after / 2**20:.0f} MB after, "
              f"growth {growth:+.1f} MB (goal < 50 MB) -> {'PASS' if growth < 50 else 'FAIL'}")
        run = runaway_while_busy(port, 400, args.clients - 1)
        ok = run["status"] == 422 and not run["others"]["errors"]
        print(f"  runaway cross product: HTTP {run['status']} after {run['seconds']:.1f} s; meanwhile "
              f"{run['others']['queries']} other answers, {len(run['others']['errors'])} errors -> {'PASS' if ok else 'FAIL'}")
        return 0 if ok and not stats["errors"] and growth < 50 else 1
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    sys.exit(main())
