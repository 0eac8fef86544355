"""The HTTP face of regkg: a SPARQL 1.1 Protocol endpoint, the saved queries, a query page, the browser.

:func:`create_app` only wires routes to the functions below. The endpoint is read-only by
construction: queries run in :class:`graph.sparql.pool.QueryPool` workers that open the built store with
``Store.read_only``; UPDATE is refused (403) unless the app was created with ``allow_update`` and
a token, and then runs on a scratch copy of the store. Every query passes
:func:`graph.store.querytext.check_query` first (no SERVICE, LOAD or FROM: the server never fetches a URL a
query names), runs under a time limit in a process that is killed when it overruns, and answers at
most ``max_results`` rows. Errors are plain-text messages with a 4xx/503 status, never a 500.

The protocol as the W3C SPARQL 1.1 Protocol tests check it (``tests/test_protocol_suite.py``):
``default-graph-uri`` / ``named-graph-uri`` choose the dataset among the store's graphs (a graph
it does not hold is empty: nothing is fetched) and replace the query's FROM; a request carrying
two queries is 400; relative IRIs resolve against the endpoint's URL; ``format`` (or ``output``,
``results``), a name or a media type, repeated as SPARQLWrapper sends it, wins over ``Accept``;
HEAD answers as GET does, without the body. A query stopped at the time limit is 422 with a
message on narrowing it; 503 with ``Retry-After`` means only that every worker was busy.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
from starlette.routing import Mount, Route

from graph.data.iris import FORMATS, SD, XSD
from graph.errors import InputError, QueryError, RegkgError
from graph.sparql.formats import extension, make_job, negotiate, requested_format
from graph.sparql.pool import PoolBusy, QueryPool, ResultTooLarge
from graph.sparql.queries import KIND_CLASSES, RESERVED_PARAMS, bind_params, get_query, load_queries, page_args
from graph.store.querytext import check_query
from graph.store.stores import PREFIX_IRIS

__all__ = ["create_app", "Settings", "Operation", "read_operation", "answer_query", "service_description"]

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

_FORMS = {"application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update"}


class Settings:
    """What the app was started with; kept on ``app.state.settings``."""

    def __init__(self, store, *, timeout: float = 10.0, max_results: int = 10_000, workers: int = 2,
                 allow_update: bool = False, token: str | None = None, max_body: int = 1_000_000,
                 browser: Callable[[dict], str] | None = None, union_default_graph: bool = False):
        if allow_update and not token:
            raise InputError("allowing updates needs a token (--allow-update --token T)")
        self.store, self.timeout, self.max_results = store, timeout, max_results
        self.triples = len(store)  # counted once: a full scan at a million triples (0.1 s)
        self.named_graphs = sorted(g.value for g in store.ox.named_graphs() if isinstance(g, ox.NamedNode))
        # The saved queries as the server started with them, like the store: reading and parsing
        # the twenty files took 1.2 ms a request, more than answering most of them.
        self.queries = load_queries()
        # Names a read-only build resolves stay in memory once read: read them now, so that a
        # saved query's parameters bind without a thread hand-off (250 us a request here).
        self.names_in_memory = bool(getattr(store, "immutable", False))
        if self.names_in_memory:
            for saved in self.queries.values():
                if any(p.type in KIND_CLASSES for p in saved.params):
                    with contextlib.suppress(RegkgError):
                        bind_params(saved, {}, store)
        self.union_default_graph = union_default_graph
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
                              prefixes=PREFIX_IRIS, union_default_graph=union_default_graph)

    def close(self) -> None:
        """Stop the workers and remove the scratch copy updates went to."""
        self.pool.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


class _Refused(RegkgError):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.http_status = status


def create_app(store, *, mounts: dict | None = None, **options) -> Starlette:
    """The ASGI app serving ``store`` (an :class:`graph.store.stores.OxigraphStore` opened from disk).

    ``options`` are those of :class:`Settings`: ``timeout``, ``max_results``, ``workers``,
    ``allow_update``, ``token``, ``max_body``, ``browser`` (a function of the request's query
    parameters giving the HTML served at ``/browse``) and ``union_default_graph`` (a query's default
    graph is the union of the store's graphs, declared as ``sd:UnionDefaultGraph``). ``mounts``
    maps a path (``"/feeds"``) to an ASGI app served under it: ``regkg serve`` mounts the change
    feeds there, which this layer does not know.

    >>> from starlette.testclient import TestClient
    >>> from graph.store.build import open_graph
    >>> app = create_app(open_graph(), workers=1)
    >>> TestClient(app).get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
    True
    >>> app.state.settings.close()
    """
    settings = Settings(store, **options)
    routes = [
        Route("/sparql", sparql_endpoint, methods=["GET", "HEAD", "POST"]),
        Route("/queries", list_saved, methods=["GET"]),
        Route("/queries/{name}", run_saved_query, methods=["GET"]),
        Route("/-/health", health, methods=["GET"]),
        Route("/", query_page, methods=["GET"]),
        Route("/query", query_page, methods=["GET"]),
        Route("/browse", browse, methods=["GET"]),
        *(Mount(path, app=sub) for path, sub in (mounts or {}).items()),
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
    # Retry-After only when waiting helps: every worker was busy. A query stopped at the time
    # limit (422) would be stopped again, so its answer invites no retry.
    headers = {"Retry-After": "5"} if isinstance(exc, PoolBusy) else None
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


@dataclasses.dataclass(frozen=True)
class Operation:
    """One SPARQL Protocol request, read: ``kind`` is ``query``, ``update`` or ``service`` (a GET
    with no query asks for the service description); the dataset and format parameters as sent."""

    kind: str
    text: str = ""
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    formats: tuple[str, ...] = ()
    update_dataset: bool = False  # using-graph-uri / using-named-graph-uri were sent


_FORMAT_KEYS = ("format", "output", "results")  # Virtuoso's, Jena's and 4store's names; SPARQLWrapper sends all three
_UPDATE_DATASET = ("using-graph-uri", "using-named-graph-uri")
_RDFLIB_DEFAULT = "urn:x-rdflib:default"  # rdflib's identifier of a Dataset's default graph


async def read_operation(request: Request, max_body: int) -> Operation:
    """The :class:`Operation` of a SPARQL 1.1 Protocol request (GET, HEAD, POST form, POST direct).

    Refused with 4xx: a query or update sent twice (or both), an update by GET, a body that is
    not UTF-8 or of another media type, a dataset IRI that is not absolute.
    """
    url = request.query_params.multi_items()
    if request.method in ("GET", "HEAD"):
        fields = url
    else:
        media_type, _, options = request.headers.get("content-type", "").partition(";")
        media_type = media_type.strip().lower()
        if media_type not in _FORMS:
            raise _Refused(f"unsupported content type '{media_type or 'none'}'; send {', '.join(sorted(_FORMS))}", 415)
        charset = dict(_option(o) for o in options.split(";") if "=" in o).get("charset", "utf-8")
        if charset.lower() not in ("utf-8", "utf8"):
            raise _Refused(f"the request body must be UTF-8, not {charset}", 415)
        try:
            text = (await _read_body(request, max_body)).decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused("the request body is not UTF-8", 400) from None
        if media_type == "application/x-www-form-urlencoded":
            fields = url + urllib.parse.parse_qsl(text, keep_blank_values=True)
        else:
            fields = url + [("query" if media_type == "application/sparql-query" else "update", text)]
    return _operation(request.method, fields)


def _option(text: str) -> tuple[str, str]:
    key, _, value = text.partition("=")
    return key.strip().lower(), value.strip().strip('"')


def _operation(method: str, fields: list[tuple[str, str]]) -> Operation:
    values: dict[str, list[str]] = {}
    for key, value in fields:
        values.setdefault(key, []).append(value)
    ops = [(key, text) for key in ("query", "update") for text in values.get(key, ())]
    if len(ops) > 1:
        raise _Refused("send one query or one update per request (the request carries "
                       f"{len(ops)}: {', '.join(sorted({k for k, _ in ops}))})", 400)
    if not ops:
        return Operation("service")
    kind, text = ops[0]
    if kind == "update" and method != "POST":
        raise _Refused("UPDATE must be sent with POST", 405)
    if kind == "query" and any(k in values for k in _UPDATE_DATASET):
        raise _Refused("using-graph-uri and using-named-graph-uri go with an update, not a query", 400)
    default, named = values.get("default-graph-uri"), values.get("named-graph-uri")
    if default == [_RDFLIB_DEFAULT] and named is None:
        default = None  # rdflib's Dataset over a SPARQLStore names the service's own default graph so
    given = default is not None or named is not None
    return Operation(kind, text, _iris(default) if given else None, _iris(named) if given else None,
                     tuple(v for key in _FORMAT_KEYS for v in values.get(key, ())),
                     any(k in values for k in _UPDATE_DATASET))


def _iris(values: list[str] | None) -> tuple[str, ...]:
    for value in values or ():
        try:
            ox.NamedNode(value)
        except ValueError:
            raise _Refused(f"'{value}' is not an absolute IRI (default-graph-uri / named-graph-uri "
                           "name graphs of this store; nothing is fetched)", 400) from None
    return tuple(values or ())


async def sparql_endpoint(request: Request) -> Response:
    """``/sparql``: the SPARQL 1.1 Protocol (GET, HEAD, POST form, POST sparql-query / sparql-update)."""
    settings: Settings = request.app.state.settings
    try:
        operation = await read_operation(request, settings.max_body)
        if operation.kind == "service":
            return service_description(request, settings)
        if operation.kind == "update":
            return await _update(request, settings, operation)
        return await answer_query(request, settings, operation.text, operation=operation)
    except RegkgError as exc:
        return _error(exc)


async def answer_query(request: Request, settings: Settings, text: str, bindings=None,
                       operation: Operation | None = None) -> Response:
    """Check, negotiate, run in a worker and answer one query.

    The base IRI is the endpoint's URL; a protocol dataset (``default-graph-uri``,
    ``named-graph-uri``) replaces the query's own FROM / FROM NAMED, over the store's graphs.
    """
    operation = operation or Operation("query", text, formats=tuple(request.query_params.getlist("format")))
    dataset = operation.default_graphs is not None
    checked = check_query(text, allow_update=False, dataset_elsewhere=dataset)
    media_type = requested_format(operation.formats, checked.kind) or negotiate(_accept(request), checked.kind)
    job = make_job(checked, media_type, bindings, settings.max_results, base_iri=_base_iri(request),
                   default_graphs=operation.default_graphs, named_graphs=operation.named_graphs)
    body, count = await settings.pool.answer(job)
    headers = {"Vary": "Accept", "X-Result-Count": str(count)}
    if operation.formats:
        headers["Content-Disposition"] = f'attachment; filename="results.{extension(media_type)}"'
    return Response(body, media_type=media_type, headers=headers)


def _base_iri(request: Request) -> str:
    """The URL the request was sent to, without its query: the base of relative IRIs (the
    protocol lets the service choose; the endpoint's own URL is what Oxigraph and Jena use)."""
    scope = request.scope
    host = request.headers.get("host") or "{}:{}".format(*scope.get("server") or ("localhost", 80))
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}{scope['path']}"


async def _update(request: Request, settings: Settings, operation: Operation) -> Response:
    if not settings.allow_update:
        raise _Refused("SPARQL UPDATE is refused: this endpoint is read-only", 403)
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {settings.token}".encode()):
        raise _Refused("SPARQL UPDATE needs 'Authorization: Bearer <token>' with the server's token", 403)
    if operation.update_dataset:
        raise _Refused("using-graph-uri and using-named-graph-uri are not supported: write USING in the update", 400)
    checked = check_query(operation.text, allow_update=True)
    if checked.form != "update":
        raise QueryError("this is a query, not an update; send it as 'query'")
    await settings.pool.answer(make_job(checked, "", base_iri=_base_iri(request)))
    return Response(status_code=204)


# Extension terms of regkg's service description (documented in docs/analyst/endpoint.md, "The details clients meet").
_RKG = "https://w3id.org/regkg/ns#"
_SH = "http://www.w3.org/ns/shacl#"
_EXTENSIONS = f"""
<{_RKG}queryTimeLimit> a <{RDF}Property> ; <{RDFS}label> "query time limit" ;
  <{RDFS}comment> "Seconds a query may run on this service; a query stopped at the limit is answered 422 (narrow it), never 503." .
<{_RKG}resultCap> a <{RDF}Property> ; <{RDFS}label> "result cap" ;
  <{RDFS}comment> "Most rows (or triples) an answer may have; a larger one is answered 422 (add a LIMIT or page it)." .
<{_RKG}TimeLimit> a <{SD}Feature> ; <{RDFS}comment> "Queries stop at rkg:queryTimeLimit seconds." .
<{_RKG}ResultCap> a <{SD}Feature> ; <{RDFS}comment> "Answers hold at most rkg:resultCap rows." .
<{_RKG}PredeclaredPrefixes> a <{SD}Feature> ;
  <{RDFS}comment> "Queries may use the prefixes declared (sh:declare) without PREFIX lines; other stores need the PREFIX lines." .
"""


def service_description(request: Request, settings: Settings) -> Response:
    """The SPARQL 1.1 Service Description of the endpoint, in a negotiated RDF format.

    It declares the features (the union default graph when the store's default graph is the
    union of its named graphs; regkg's time limit, result cap and predeclared prefixes), the
    result formats, ``rkg:queryTimeLimit`` (seconds) and ``rkg:resultCap`` (rows), each prefix
    queries may use undeclared (``sh:declare``, as SHACL declares prefixes), and the graphs.
    """
    media_type = negotiate(_accept(request), "graph")
    endpoint = _base_iri(request)
    sd, formats = SD, FORMATS
    languages = f"<{sd}SPARQL11Query>" + (f", <{sd}SPARQL11Update>" if settings.allow_update else "")
    results = ", ".join(f"<{formats}{n}>" for n in ("SPARQL_Results_JSON", "SPARQL_Results_XML",
                                                   "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                                                   "Turtle", "N-Triples", "JSON-LD", "RDF_XML"))
    features = [f"<{_RKG}{f}>" for f in ("TimeLimit", "ResultCap", "PredeclaredPrefixes")]
    if settings.union_default_graph:
        features.insert(0, f"<{sd}UnionDefaultGraph>")
    prefixes = " , ".join(f'[ <{_SH}prefix> "{p}" ; <{_SH}namespace> "{ns}"^^<{XSD}anyURI> ]'
                          for p, ns in PREFIX_IRIS.items())
    named = "".join(f" ; <{sd}namedGraph> [ a <{sd}NamedGraph> ; <{sd}name> <{g}> ]" for g in settings.named_graphs)
    turtle = (f"<{endpoint}> a <{sd}Service> ; <{sd}endpoint> <{endpoint}> ;\n"
              f"  <{sd}supportedLanguage> {languages} ;\n  <{sd}resultFormat> {results} ;\n"
              f"  <{sd}feature> {', '.join(features)} ;\n"
              f"  <{_RKG}queryTimeLimit> \"{settings.timeout:g}\"^^<{XSD}decimal> ;\n"
              f"  <{_RKG}resultCap> {settings.max_results} ;\n"
              f"  <{_SH}declare> {prefixes} ;\n"
              f"  <{sd}defaultDataset> [ a <{sd}Dataset> ; <{sd}defaultGraph> [ a <{sd}Graph> ;\n"
              f"    <http://rdfs.org/ns/void#triples> {settings.triples} ]{named} ] .\n" + _EXTENSIONS)
    triples = ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)
    body = ox.serialize(triples, format=ox.RdfFormat.from_media_type(media_type),
                        prefixes={"sd": sd, "format": formats, "rkg": _RKG, "sh": _SH, "xsd": XSD,
                                  "rdfs": RDFS, "rdf": RDF})
    return Response(body, media_type=media_type, headers={"Vary": "Accept"})


async def list_saved(request: Request) -> Response:
    """``/queries``: the saved queries, their questions and parameters, as JSON."""
    return JSONResponse([_describe(q) for q in request.app.state.settings.queries.values()])


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
        name = request.path_params["name"]
        saved = settings.queries.get(name) or get_query(name)  # get_query names the closest ones
        given = {k: v for k, v in request.query_params.items() if k not in RESERVED_PARAMS}
        text = saved.page(*page_args(request.query_params))
        if settings.names_in_memory or not any(p.type in KIND_CLASSES for p in saved.params):
            bindings = bind_params(saved, given, settings.store)  # microseconds: no thread hand-off
        else:  # names are asked of a store that may change: that may take a while
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
                for q in request.app.state.settings.queries.values()]
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

