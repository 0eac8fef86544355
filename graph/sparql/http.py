"""The HTTP face of regkg: a SPARQL 1.1 Protocol endpoint, the saved queries, a query page, the browser.

:func:`create_app` only wires routes to the functions below. The endpoint is read-only by
construction: queries run in :class:`graph.sparql.pool.QueryPool` workers that open the built store with
``Store.read_only``; UPDATE is refused (403) unless the app was created with ``allow_update`` and
a token, and then runs on a scratch copy of the store. Every query passes
:func:`graph.store.querytext.check_query` first (no SERVICE, LOAD or FROM: the server never fetches a URL a
query names), runs under a time limit in a process that is killed when it overruns, and answers at
most ``max_results`` rows. Errors are plain-text messages with a 4xx/503 status, never a 500.
"""

from __future__ import annotations

import contextlib
import hmac
import shutil
import tempfile
import urllib.parse
from pathlib import Path
from typing import Callable

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from graph.data.iris import FORMATS, SD
from graph.errors import InputError, QueryError, RegkgError
from graph.sparql.formats import make_job, media_type_for, negotiate
from graph.sparql.pool import QueryPool, ResultTooLarge
from graph.sparql.queries import RESERVED_PARAMS, bind_params, get_query, load_queries, page_args
from graph.store.querytext import check_query
from graph.store.stores import PREFIX_IRIS

__all__ = ["create_app", "Settings", "read_operation", "service_description"]

_FORMS = {"application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update"}


class Settings:
    """What the app was started with; kept on ``app.state.settings``."""

    def __init__(self, store, *, timeout: float = 10.0, max_results: int = 10_000, workers: int = 2,
                 allow_update: bool = False, token: str | None = None, max_body: int = 1_000_000,
                 browser: Callable[[dict], str] | None = None):
        if allow_update and not token:
            raise InputError("allowing updates needs a token (--allow-update --token T)")
        self.store, self.timeout, self.max_results = store, timeout, max_results
        self.triples = len(store)  # counted once: a full scan at a million triples (0.1 s)
        self.allow_update, self.token, self.max_body = allow_update, token, max_body
        self.browser = browser  # query parameters -> the /browse page's HTML
        path = Path(store.path)
        self.scratch: Path | None = None
        if allow_update:
            # Updates go to a scratch copy, removed when the server stops: the graph is what
            # data/ makes it (data flows one way), and an experiment must not outlive the session.
            self.scratch = Path(tempfile.mkdtemp(prefix="regkg-serve-"))
            path = self.scratch / "store"
            shutil.copytree(store.path, path, ignore=shutil.ignore_patterns("LOCK"))
        self.pool = QueryPool(path, workers=workers, timeout=timeout, writable=allow_update,
                              prefixes=PREFIX_IRIS)

    def close(self) -> None:
        """Stop the workers and remove the scratch copy updates went to."""
        self.pool.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


class _Refused(RegkgError):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.http_status = status


def create_app(store, **options) -> Starlette:
    """The ASGI app serving ``store`` (an :class:`graph.store.stores.OxigraphStore` opened from disk).

    ``options`` are those of :class:`Settings`: ``timeout``, ``max_results``, ``workers``,
    ``allow_update``, ``token``, ``max_body``, and ``browser`` (a function of the request's query
    parameters giving the HTML served at ``/browse``).

    >>> from starlette.testclient import TestClient
    >>> from graph.store.build import open_graph
    >>> app = create_app(open_graph(), workers=1)
    >>> TestClient(app).get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
    True
    >>> app.state.settings.close()
    """
    settings = Settings(store, **options)
    routes = [
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/queries", list_saved, methods=["GET"]),
        Route("/queries/{name}", run_saved_query, methods=["GET"]),
        Route("/-/health", health, methods=["GET"]),
        Route("/", query_page, methods=["GET"]),
        Route("/query", query_page, methods=["GET"]),
        Route("/browse", browse, methods=["GET"]),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        settings.close()  # the workers, and any scratch copy, go with the server

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.settings = settings
    return app


def _accept(request: Request) -> str | None:
    """Every Accept header of the request as one list: several headers mean their concatenation."""
    values = request.headers.getlist("accept")
    return ", ".join(values) if values else None


def _error(exc: RegkgError) -> Response:
    headers = {"Retry-After": "5"} if exc.http_status == 503 else None
    return PlainTextResponse(f"error: {exc.message}\n", status_code=exc.http_status, headers=headers)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _Refused(f"the request body is larger than {limit} bytes", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _Refused(f"the request body is larger than {limit} bytes", 413)
    return bytes(body)


async def read_operation(request: Request, max_body: int) -> tuple[str, str] | None:
    """``("query" | "update", text)`` from a SPARQL 1.1 Protocol request; ``None`` asks for the
    service description (GET without a query)."""
    if request.method == "GET":
        params = request.query_params
        _refuse_datasets(params)
        if "update" in params:
            raise _Refused("UPDATE must be sent with POST", 405)
        return ("query", params["query"]) if "query" in params else None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in _FORMS:
        raise _Refused(f"unsupported content type '{ctype or 'none'}'; send {', '.join(sorted(_FORMS))}", 415)
    body = await _read_body(request, max_body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused("the request body is not UTF-8", 400) from None
    _refuse_datasets(request.query_params)
    if ctype == "application/sparql-query":
        return "query", text
    if ctype == "application/sparql-update":
        return "update", text
    form = urllib.parse.parse_qs(text, keep_blank_values=True)
    _refuse_datasets(form)
    ops = [op for op in ("query", "update") if op in form]
    if len(ops) != 1:
        raise _Refused("send exactly one of the form fields 'query' or 'update'", 400)
    return ops[0], form[ops[0]][0]


def _refuse_datasets(params) -> None:
    for key in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if key in params:
            raise _Refused(f"'{key}' is not supported: queries run on regkg's one default graph", 400)


async def sparql_endpoint(request: Request) -> Response:
    """``/sparql``: the SPARQL 1.1 Protocol (GET, POST form, POST sparql-query / sparql-update)."""
    settings: Settings = request.app.state.settings
    try:
        operation = await read_operation(request, settings.max_body)
        if operation is None:
            return service_description(request, settings)
        if operation[0] == "update":
            return await _update(request, settings, operation[1])
        return await answer_query(request, settings, operation[1])
    except RegkgError as exc:
        return _error(exc)


async def answer_query(request: Request, settings: Settings, text: str, bindings=None) -> Response:
    """Check, negotiate, run in a worker and answer one query."""
    checked = check_query(text, allow_update=False)
    fmt = request.query_params.get("format")
    media_type = media_type_for(fmt, checked.kind) if fmt else negotiate(_accept(request), checked.kind)
    job = make_job(checked, media_type, bindings, settings.max_results)
    body, count = await run_in_threadpool(settings.pool.run, job)
    headers = {"Vary": "Accept", "X-Result-Count": str(count)}
    if fmt:
        headers["Content-Disposition"] = f'attachment; filename="results.{fmt}"'
    return Response(body, media_type=media_type, headers=headers)


async def _update(request: Request, settings: Settings, text: str) -> Response:
    if not settings.allow_update:
        raise _Refused("SPARQL UPDATE is refused: this endpoint is read-only", 403)
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {settings.token}".encode()):
        raise _Refused("SPARQL UPDATE needs 'Authorization: Bearer <token>' with the server's token", 403)
    checked = check_query(text, allow_update=True)
    if checked.form != "update":
        raise QueryError("this is a query, not an update; send it as 'query'")
    await run_in_threadpool(settings.pool.run, make_job(checked, ""))
    return Response(status_code=204)


def service_description(request: Request, settings: Settings) -> Response:
    """The SPARQL 1.1 Service Description of the endpoint, in a negotiated RDF format."""
    media_type = negotiate(_accept(request), "graph")
    endpoint = str(request.url.replace(query=""))
    sd, formats = SD, FORMATS
    languages = f"<{sd}SPARQL11Query>" + (f", <{sd}SPARQL11Update>" if settings.allow_update else "")
    results = ", ".join(f"<{formats}{n}>" for n in ("SPARQL_Results_JSON", "SPARQL_Results_XML",
                                                   "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                                                   "Turtle", "N-Triples", "JSON-LD", "RDF_XML"))
    turtle = (f"<{endpoint}> a <{sd}Service> ; <{sd}endpoint> <{endpoint}> ;\n"
              f"  <{sd}supportedLanguage> {languages} ;\n  <{sd}resultFormat> {results} ;\n"
              f"  <{sd}defaultDataset> [ a <{sd}Dataset> ; <{sd}defaultGraph> [ a <{sd}Graph> ;\n"
              f"    <http://rdfs.org/ns/void#triples> {settings.triples} ] ] .\n")
    triples = ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(media_type),
                        prefixes={"sd": sd, "format": formats})
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def list_saved(request: Request) -> Response:
    """``/queries``: the saved queries, their questions and parameters, as JSON."""
    return JSONResponse([_describe(q) for q in load_queries().values()])


def _describe(q) -> dict:
    return {"name": q.name, "question": q.question, "url": f"/queries/{q.name}",
            "params": [{"name": p.name, "type": p.type, "default": p.default, "help": p.help} for p in q.params],
            "example": q.example, "query": q.text}


async def run_saved_query(request: Request) -> Response:
    """``/queries/{name}?param=value``: a saved query, bound like ``regkg sparql -n``.

    ``limit`` and ``offset`` ask for one page of its rows; ``format`` names the answer's format.
    """
    settings: Settings = request.app.state.settings
    try:
        saved = get_query(request.path_params["name"])
        given = {k: v for k, v in request.query_params.items() if k not in RESERVED_PARAMS}
        text = saved.page(*page_args(request.query_params))
        bindings = await run_in_threadpool(bind_params, saved, given, settings.store)
        return await answer_query(request, settings, text, bindings)
    except ResultTooLarge as exc:  # a listing of a large graph: say how to page through it
        return _error(ResultTooLarge(f"{exc.message}; ask for one page at a time with "
                                     f"?limit={settings.max_results}&offset=0, then offset={settings.max_results}, ..."))
    except RegkgError as exc:
        return _error(exc)


async def health(request: Request) -> Response:
    """``/-/health``: the server answers, with the size of its graph."""
    settings: Settings = request.app.state.settings
    return JSONResponse({"status": "ok", "triples": settings.triples, "workers": settings.pool.size,
                         "read_only": not settings.allow_update, "timeout": settings.timeout,
                         "max_results": settings.max_results})


async def query_page(request: Request) -> Response:
    """``/`` and ``/query``: the offline query page (editor, examples, results, downloads, links)."""
    from graph.sparql.http_page import render_page

    examples = [{"name": q.name, "question": q.question, "query": q.text, "params": _describe(q)["params"]}
                for q in load_queries().values()]
    csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'"
    return HTMLResponse(render_page(examples, PREFIX_IRIS), headers={"Content-Security-Policy": csp})


async def browse(request: Request) -> Response:
    """``/browse``: the HTML graph browser, when the server was given one (``regkg serve`` gives
    :mod:`viz`'s; this layer does not know the browser, so an app made without one answers 404)."""
    settings: Settings = request.app.state.settings
    if settings.browser is None:
        return _error(_Refused("this server has no graph browser (regkg serve provides one at /browse)", 404))
    html = await run_in_threadpool(settings.browser, dict(request.query_params))
    return HTMLResponse(html)

