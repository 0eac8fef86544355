"""Run SPARQL in worker processes that can be killed: the only sure way to stop a runaway query.

pyoxigraph evaluates a query in Rust without checking for interruption, so a thread cannot stop
it. Each worker of a :class:`QueryPool` is a process that opens the built store itself (read-only
unless the pool is writable) and answers one :class:`Job` at a time. When a job exceeds the
pool's time limit the worker is killed and a fresh one takes its place; the other workers keep
answering. :func:`execute` does the work inside a worker and is also what the CLI calls in-process.

This module imports only pyoxigraph and the standard library, so a worker starts quickly.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import multiprocessing
import queue
import signal
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.data.iris import XSD
from graph.errors import QueryError, StoreError

__all__ = ["Job", "execute", "QueryPool", "QueryTimeout", "ResultTooLarge", "PoolBusy"]

_XSD_STRING = XSD + "string"


class QueryTimeout(QueryError):
    """The query ran longer than the time limit; its worker was killed."""

    http_status = 503


class PoolBusy(QueryError):
    """Every worker stayed busy for the whole time limit."""

    http_status = 503


class ResultTooLarge(QueryError):
    """The answer has more rows (or triples) than the result cap allows."""

    http_status = 422


@dataclasses.dataclass(frozen=True)
class Job:
    """One query (or update) for a worker.

    ``kind`` is ``select``, ``ask``, ``graph`` (CONSTRUCT / DESCRIBE) or ``update``;
    ``media_type`` names the pyoxigraph format of the answer; ``max_results`` caps rows or
    triples. Parameters are already bound in ``sparql`` (:func:`graph.store.querytext.leading_values`).
    """

    sparql: str
    kind: str
    media_type: str = "application/sparql-results+json"
    max_results: int | None = None


def execute(store: ox.Store, job: Job, prefixes: dict[str, str] | None = None) -> tuple[bytes, int]:
    """Run ``job`` on a pyoxigraph store; return the serialised answer and its number of rows.

    Raises :class:`ResultTooLarge` past ``job.max_results`` and :class:`graph.errors.QueryError`
    (with the parser's line and column for a syntax error).

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    >>> execute(s, Job("SELECT ?o WHERE { ?s ?p ?o }", "select", "text/csv"))
    (b'o\\r\\nc\\r\\n', 1)
    >>> execute(s, Job("SELECT * WHERE { ?s ?p ?o }", "select", max_results=0))
    Traceback (most recent call last):
    ...
    graph.sparql.pool.ResultTooLarge: the answer has more than 0 results (the result cap); add a LIMIT or ask for fewer rows
    """
    try:
        if job.kind == "update":
            store.update(job.sparql, prefixes=prefixes)
            return b"", 0
        result = store.query(job.sparql, prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc))) from None
    except (RuntimeError, OSError, ValueError) as exc:
        raise QueryError(f"SPARQL query failed: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return result.serialize(format=ox.QueryResultsFormat.from_media_type(job.media_type)), 1
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, job)
    triples = _capped(iter(result), job.max_results)
    fmt = ox.RdfFormat.from_media_type(job.media_type)
    return ox.serialize(triples, format=fmt, prefixes=prefixes), len(triples)


def _capped(items, cap: int | None) -> list:
    taken = list(itertools.islice(items, None if cap is None else cap + 1))
    if cap is not None and len(taken) > cap:
        raise ResultTooLarge(f"the answer has more than {cap} results (the result cap); "
                             "add a LIMIT or ask for fewer rows")
    return taken


def _solutions(solutions: ox.QuerySolutions, job: Job) -> tuple[bytes, int]:
    """SELECT answers: counted against the cap, written as SPARQL JSON, then in the asked format.

    The cap must be checked before anything is written, and a ``QuerySolutions`` can be read only
    once; so rows are gathered, written as SPARQL JSON (simple and exact) and, for other formats,
    re-read and written by pyoxigraph's own serialisers.
    """
    names = [v.value for v in solutions.variables]
    rows = _capped(iter(solutions), job.max_results)
    doc = {"head": {"vars": names}, "results": {"bindings": [
        {n: _term_json(sol[i]) for i, n in enumerate(names) if sol[i] is not None} for sol in rows]}}
    data = json.dumps(doc, ensure_ascii=False).encode()
    fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
    if fmt != ox.QueryResultsFormat.JSON:
        data = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return data, len(rows)


def _term_json(term: Any) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    raise QueryError(f"cannot write the term {term!r} in SPARQL results")


# -- worker processes -----------------------------------------------------------------------------

def _serve(conn, path: str, writable: bool, prefixes: dict[str, str]) -> None:
    """A worker's life: open the store, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it kills us
    try:
        store = ox.Store(path) if writable else ox.Store.read_only(path)
    except OSError as exc:
        conn.send(("failed", f"{path}: cannot open the graph store: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        try:
            body, count = execute(store, job, prefixes)
            conn.send(("ok", body, count))
        except QueryError as exc:
            conn.send(("error", type(exc).__name__, exc.message))


class _Worker:
    def __init__(self, ctx, path: str, writable: bool, prefixes: dict[str, str]):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, path, writable, prefixes), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def call(self, job: Job, timeout: float, startup: float = 60.0):
        if not self.ready:
            if not self.conn.poll(startup):
                raise StoreError("a query worker did not start in time")
            hello = self.conn.recv()
            if hello[0] != "ready":
                raise StoreError(hello[1])
            self.ready = True
        self.conn.send(job)
        if not self.conn.poll(timeout):
            raise TimeoutError
        return self.conn.recv()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


_ERRORS = {"ResultTooLarge": ResultTooLarge, "QueryError": QueryError}


class QueryPool:
    """Worker processes over the store at ``store_path``, each query limited to ``timeout`` seconds.

    A writable pool has one worker, which opens the store read-write (updates must not race).

    >>> from graph.store.build import open_graph
    >>> pool = QueryPool(open_graph().path, workers=1, timeout=5)
    >>> pool.run(Job("ASK { ?s ?p ?o }", "ask"))
    (b'{"head":{},"boolean":true}', 1)
    >>> pool.close()
    """

    def __init__(self, store_path: Path | str, *, workers: int = 2, timeout: float = 10.0,
                 writable: bool = False, prefixes: dict[str, str] | None = None):
        self.path = str(store_path)
        self.timeout = timeout
        self.writable = writable
        self.prefixes = dict(prefixes or {})
        self._ctx = multiprocessing.get_context("spawn")  # no fork: the parent runs Rust threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.size = 1 if writable else max(1, workers)
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, self.path, self.writable, self.prefixes)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        return self._spawn()

    def run(self, job: Job) -> tuple[bytes, int]:
        """Answer ``job`` in a worker: ``(body, rows)``; raises QueryTimeout, PoolBusy, QueryError."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolBusy(f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                           "try again later") from None
        try:
            reply = worker.call(job, self.timeout)
        except TimeoutError:
            worker = self._retire(worker)
            raise QueryTimeout(f"the query ran longer than the time limit of {self.timeout:g} s "
                               "and was stopped; narrow it or add a LIMIT") from None
        except (EOFError, OSError, BrokenPipeError):
            worker = self._retire(worker)
            raise QueryError("the query worker died while answering (out of memory?)") from None
        except StoreError:
            worker = self._retire(worker)
            raise
        finally:
            self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1], reply[2]
        raise _ERRORS.get(reply[1], QueryError)(reply[2])

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
