"""Run SPARQL in worker processes that can be killed: the only sure way to stop a runaway query.

pyoxigraph evaluates a query in Rust without checking for interruption, so a thread cannot stop
it. Each worker of a :class:`QueryPool` is a process that opens the built store itself (read-only
unless the pool is writable) and answers one :class:`Job` at a time over a pipe. When a job
exceeds the pool's time limit the worker is killed and a fresh one takes its place; the other
workers keep answering. The server waits for a worker's answer on its event loop (the pipe is
watched like a socket), so a request costs no thread hand-off. :func:`execute` does the work inside
a worker and is also what the CLI calls in-process.

Hand-written on purpose: `pebble`'s ``ProcessPool`` kills a task at its timeout too, but a task
costs 156 us there against 29 us on a bare pipe (``bench/scale.py``'s endpoint section measures
the whole request), and the endpoint's budget is a fraction of a millisecond.

This module imports only pyoxigraph and the standard library, so a worker starts quickly.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import itertools
import multiprocessing
import os
import signal
import threading
from pathlib import Path

import pyoxigraph as ox

from graph.errors import QueryError, StoreError

__all__ = ["Job", "execute", "QueryPool", "QueryTimeout", "ResultTooLarge", "PoolBusy"]


class QueryTimeout(QueryError):
    """The query ran longer than the time limit; its worker was killed.

    422, not 503: the same query would be stopped again, so nothing here invites a retry (no
    ``Retry-After``); the message says how to narrow it. 503 is kept for :class:`PoolBusy`.
    """

    http_status = 422


class PoolBusy(QueryError):
    """Every worker stayed busy for the whole time limit: try again later (503, ``Retry-After``)."""

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
    ``base_iri`` resolves relative IRIs (the endpoint's URL). ``default_graphs`` and
    ``named_graphs`` are the SPARQL Protocol's dataset (``default-graph-uri``,
    ``named-graph-uri``): when either is given the dataset is exactly those graphs of the store
    (a graph it does not hold is empty; nothing is fetched), replacing any FROM of the query.
    """

    sparql: str
    kind: str
    media_type: str = "application/sparql-results+json"
    max_results: int | None = None
    base_iri: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None


def dataset_options(job: Job, union_default_graph: bool = False) -> dict:
    """pyoxigraph ``query()`` options for the job's dataset.

    >>> dataset_options(Job("ASK {}", "ask", named_graphs=("urn:g",)))
    {'default_graph': [], 'named_graphs': [<NamedNode value=urn:g>]}
    >>> dataset_options(Job("ASK {}", "ask"), union_default_graph=True)
    {'use_default_graph_as_union': True}
    """
    if job.default_graphs is None and job.named_graphs is None:
        return {"use_default_graph_as_union": True} if union_default_graph else {}
    return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}


def execute(store: ox.Store, job: Job, prefixes: dict[str, str] | None = None,
            union_default_graph: bool = False) -> tuple[bytes, int]:
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
    >>> execute(s, Job("CONSTRUCT { <s> <p> 1 } WHERE {}", "graph", "application/n-triples", base_iri="http://h/sparql"))[0]
    b'<http://h/s> <http://h/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    """
    try:
        if job.kind == "update":
            store.update(job.sparql, prefixes=prefixes, base_iri=job.base_iri)
            return b"", 0
        result = store.query(job.sparql, prefixes=prefixes, base_iri=job.base_iri,
                             **dataset_options(job, union_default_graph))
    except SyntaxError as exc:
        from graph.store.querytext import syntax_message  # here only: a worker starts without rdflib

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


def _over_cap(cap: int) -> ResultTooLarge:
    return ResultTooLarge(f"the answer has more than {cap} results (the result cap); "
                          "add a LIMIT or ask for fewer rows")


def _capped(items, cap: int | None) -> list:
    taken = list(itertools.islice(items, None if cap is None else cap + 1))
    if cap is not None and len(taken) > cap:
        raise _over_cap(cap)
    return taken


class _RowCounter:
    """A binary sink for pyoxigraph's TSV writer that counts rows as they come and stops the
    writing past the cap. TSV writes one row a line (a line break inside a literal is escaped),
    so the count is exact, and a huge answer stops at the cap instead of being written whole."""

    def __init__(self, cap: int | None):
        self.parts: list[bytes] = []
        self.lines = 0
        self.cap = cap

    def write(self, data) -> int:
        self.lines += data.count(b"\n")
        if self.cap is not None and self.lines > self.cap + 1:  # the first line is the header
            raise _over_cap(self.cap)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


_TSV = ox.QueryResultsFormat.TSV


def _solutions(solutions: ox.QuerySolutions, job: Job) -> tuple[bytes, int]:
    """SELECT answers, counted against the cap, written by pyoxigraph's own serialisers.

    The cap must be checked before anything is sent, and a ``QuerySolutions`` can be read only
    once; so the answer is written as TSV (lossless: every term in N-Triples syntax) while its
    rows are counted, then, for another format, read back and written in that one, all in Rust.
    """
    sink = _RowCounter(job.max_results)
    solutions.serialize(sink, format=_TSV)
    data = b"".join(sink.parts)
    fmt = ox.QueryResultsFormat.from_media_type(job.media_type)
    if fmt != _TSV:
        data = ox.parse_query_results(data, format=_TSV).serialize(format=fmt)
    return data, sink.lines - 1


# -- worker processes -----------------------------------------------------------------------------

def _serve(conn, path: str, writable: bool, prefixes: dict[str, str], union_default_graph: bool) -> None:
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
            body, count = execute(store, job, prefixes, union_default_graph)
            conn.send(("ok", body, count))
        except QueryError as exc:
            conn.send(("error", type(exc).__name__, exc.message))


_STARTUP = 60.0  # seconds a fresh worker may take to open the store


class _Duplex:
    """A worker's two pipe ends as one connection: jobs come in on one, answers go out on the other."""

    def __init__(self, incoming, outgoing):
        self.recv, self.send = incoming.recv, outgoing.send


class _Worker:
    def __init__(self, ctx, args: tuple):
        # Two one-way pipes rather than a socket pair: a round trip costs 24 us against 31 us here.
        self.conn, child_out = ctx.Pipe(duplex=False)
        child_in, self.jobs = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_serve, args=(_Duplex(child_in, child_out), *args), daemon=True)
        self.proc.start()
        child_in.close()
        child_out.close()
        self.ready = False

    async def _receive(self, timeout: float):
        """The next message from the worker, read when its pipe is readable (no thread waits)."""
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = self.conn.fileno()
        # level-triggered: an answer already waiting in the pipe wakes the reader at once
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        try:
            await asyncio.wait_for(readable, timeout)
        finally:
            loop.remove_reader(fd)
            # uvloop leaves a watched descriptor non-blocking; the rest of a large answer is
            # still being written, and recv() must wait for it, not fail half-way
            os.set_blocking(fd, True)
        return self.conn.recv()

    async def call(self, job: Job, timeout: float):
        if not self.ready:
            try:
                hello = await self._receive(_STARTUP)
            except asyncio.TimeoutError:
                raise StoreError("a query worker did not start in time") from None
            if hello[0] != "ready":
                raise StoreError(hello[1])
            self.ready = True
        self.jobs.send(job)
        return await self._receive(timeout)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()
        self.jobs.close()


_ERRORS = {"ResultTooLarge": ResultTooLarge, "QueryError": QueryError}


class QueryPool:
    """Worker processes over the store at ``store_path``, each query limited to ``timeout`` seconds.

    A writable pool has one worker, which opens the store read-write (updates must not race).
    ``union_default_graph`` makes a query's default graph the union of the store's graphs.
    The server awaits :meth:`answer` on its event loop; :meth:`run` is the same for a caller
    without one (the CLI).

    >>> from graph.store.build import open_graph
    >>> pool = QueryPool(open_graph().path, workers=1, timeout=5)
    >>> pool.run(Job("ASK { ?s ?p ?o }", "ask"))
    (b'{"head":{},"boolean":true}', 1)
    >>> pool.close()
    """

    def __init__(self, store_path: Path | str, *, workers: int = 2, timeout: float = 10.0,
                 writable: bool = False, prefixes: dict[str, str] | None = None,
                 union_default_graph: bool = False):
        self.path = str(store_path)
        self.timeout = timeout
        self.writable = writable
        self.prefixes = dict(prefixes or {})
        self.union_default_graph = union_default_graph
        self._ctx = multiprocessing.get_context("spawn")  # no fork: the parent runs Rust threads
        self._idle: list[_Worker] = []
        # Requests waiting for a worker, each with the event loop it waits on: a worker handed
        # back on one loop (or thread) goes to the longest waiting request, on its own loop.
        self._waiters: collections.deque = collections.deque()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self.size = 1 if writable else max(1, workers)
        for _ in range(self.size):
            self._idle.append(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx, (self.path, self.writable, self.prefixes, self.union_default_graph))
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        return self._spawn()

    async def _acquire(self) -> _Worker:
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._idle:
                return self._idle.pop()
            waiter = loop.create_future()
            self._waiters.append((loop, waiter))
        try:
            return await asyncio.wait_for(waiter, self.timeout)
        except asyncio.TimeoutError:
            raise PoolBusy(f"all {self.size} query workers stayed busy for {self.timeout:g} s; "
                           "try again later") from None

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            if not self._waiters:
                self._idle.append(worker)
                return
            loop, waiter = self._waiters.popleft()
        loop.call_soon_threadsafe(self._hand_over, waiter, worker)

    def _hand_over(self, waiter: asyncio.Future, worker: _Worker) -> None:
        if waiter.done():  # that request gave up waiting: the next one gets the worker
            self._release(worker)
        else:
            waiter.set_result(worker)

    async def answer(self, job: Job) -> tuple[bytes, int]:
        """Answer ``job`` in a worker: ``(body, rows)``; raises QueryTimeout, PoolBusy, QueryError."""
        worker = await self._acquire()
        try:
            reply = await worker.call(job, self.timeout)
        except asyncio.TimeoutError:
            worker = self._retire(worker)
            raise QueryTimeout(f"the query ran longer than the time limit of {self.timeout:g} s and was "
                               "stopped; it would be stopped again if sent again: narrow it (bind a "
                               "variable, make a pattern more specific, drop an OPTIONAL) or add a LIMIT") from None
        except (EOFError, OSError, BrokenPipeError):
            worker = self._retire(worker)
            raise QueryError("the query worker died while answering (out of memory?)") from None
        except StoreError:
            worker = self._retire(worker)
            raise
        finally:
            self._release(worker)
        if reply[0] == "ok":
            return reply[1], reply[2]
        raise _ERRORS.get(reply[1], QueryError)(reply[2])

    def run(self, job: Job) -> tuple[bytes, int]:
        """:meth:`answer` for a caller with no event loop of its own."""
        return asyncio.run(self.answer(job))

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()
