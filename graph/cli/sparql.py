"""``regkg sparql / queries / serve / push``: SPARQL on the graph, the saved queries, the endpoint.

Each command parses its options and calls the core (:mod:`graph.sparql.formats`, :mod:`graph.sparql.queries`,
:mod:`graph.sparql.http`, :mod:`graph.store.remote`); ``--endpoint URL`` swaps the embedded store for an
external SPARQL 1.1 store without changing anything else.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.core import open_store
from graph.errors import InputError

__all__ = ["sparql_cmd", "queries_cmd", "serve_cmd", "push_cmd"]

FORMATS = ["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]


def _store(ctx: click.Context, endpoint: str | None):
    if endpoint:
        from graph.store.remote import RemoteStore, endpoint_auth

        return RemoteStore(endpoint, auth=endpoint_auth())
    return open_store(ctx)


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param takes key=value, not '{pair}'")
        out[key.strip()] = value
    return out


def _query_text(query: str | None, file: Path | None, name: str | None) -> str | None:
    given = [x for x in (query, file, name) if x is not None]
    if len(given) > 1:
        raise InputError("give one of QUERY, -f FILE or -n NAME")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{file}: cannot read the query: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{file}: a query must be UTF-8 text (bad byte at offset {exc.start})") from None
    if query == "-" or (not given and not sys.stdin.isatty()):
        return sys.stdin.read()
    if not given:
        raise InputError("give a query: QUERY, -f FILE, -n NAME (see 'regkg queries'), or pipe one in")
    return query


@click.command("sparql")
@click.argument("query", required=False)
@click.option("-f", "--file", type=click.Path(path_type=Path, dir_okay=False), help="Read the query from FILE.")
@click.option("-n", "--name", help="Run the saved query NAME (see 'regkg queries').")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the saved query (repeatable); bound as an RDF term, never pasted in.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Answer format (default: table for SELECT/ASK, ttl for CONSTRUCT/DESCRIBE).")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 query endpoint instead of the built graph "
              "(credentials: REGKG_ENDPOINT_USER / _PASSWORD or REGKG_ENDPOINT_TOKEN).")
@click.option("--max-results", type=int, default=None, help="Fail instead of answering more rows than this.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds the query may run before it is stopped.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="With -n: at most this many rows (one page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="With -n: skip this many rows first.")
@click.option("--known-on", "known_on", metavar="DATE", default=None,
              help="Read only the source documents published by DATE (YYYY-MM-DD): FROM / FROM NAMED each of them.")
@click.pass_context
def sparql_cmd(ctx, query, file, name, params, fmt, endpoint, max_results, timeout, limit, offset, known_on):
    """Run a SPARQL query (argument, file, stdin or saved query) on the graph.

    FROM / FROM NAMED may name the store's named graphs (one per source document: 'regkg sources').
    """
    from graph.sparql.queries import bind_params, get_query
    from graph.store.querytext import check_query

    given = _params(params)
    text = _query_text(query, file, name)
    store = _store(ctx, endpoint)
    bindings = None
    if name is not None:
        saved = get_query(name)
        text, bindings = saved.page(limit, offset), bind_params(saved, given, store)
    elif given:
        raise InputError("--param binds parameters of a saved query; use it with -n NAME")
    elif limit is not None or offset:
        raise InputError("--limit and --offset page a saved query (-n NAME); write LIMIT / OFFSET in your own query")
    if known_on is not None:
        text = _known_on(store, text, known_on)
    if endpoint is not None:  # a remote store resolves FROM / FROM NAMED itself
        checked = check_query(text, dataset_elsewhere=True)
    else:
        named = getattr(store, "named_graphs", None)  # the graphs a FROM may name (issue 10)
        checked = check_query(text, known_graphs=set(named()) if named else None)
    fmt = fmt or ("ttl" if checked.kind == "graph" else "table")
    if fmt == "table" and checked.kind == "graph":
        fmt = "ttl"
    if fmt == "table":
        from graph.sparql.formats import render_table
        from graph.store.stores import results_from_json

        body = _raw(store, checked, "json", bindings, max_results, timeout)
        click.echo(render_table(results_from_json(body)))
        return
    sys.stdout.buffer.write(_raw(store, checked, fmt, bindings, max_results, timeout))


def _known_on(store, text: str, known_on: str) -> str:
    """``text`` reading only the documents published by ``known_on``; those perhaps published by then
    are left out and named on stderr (graph.policy.knowledge.dataset_known_on)."""
    from graph.policy.knowledge import dataset_known_on

    text, perhaps = dataset_known_on(store, text, known_on)
    for doc in perhaps:
        click.echo(f"note: left out '{doc.label}', perhaps published by {known_on} ({doc.window}): "
                   "answers that depend on it may differ", err=True)
    return text


def _raw(store, checked, fmt: str, bindings, max_results, timeout: float) -> bytes:
    """The answer in ``fmt``: from a worker process killed at ``timeout`` (a runaway cross
    product must not hang the terminal), or from the external endpoint."""
    from graph.sparql.formats import make_job, media_type_for
    from graph.sparql.pool import QueryPool
    from graph.store.stores import PREFIX_IRIS

    media_type = media_type_for(fmt, checked.kind)
    if getattr(store, "ox", None) is None:
        return store.raw(checked.text, media_type, bindings)
    pool = QueryPool(store.path, workers=1, timeout=timeout, prefixes=PREFIX_IRIS)
    try:
        return pool.run(make_job(checked, media_type, bindings, max_results))[0]
    finally:
        pool.close()


@click.command("queries")
@click.option("-v", "--verbose", is_flag=True, help="Show parameters and the example answer too.")
def queries_cmd(verbose: bool) -> None:
    """List the saved queries with the question each answers."""
    from graph.sparql.queries import load_queries

    queries = load_queries()
    width = max(len(n) for n in queries)
    for q in queries.values():
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in q.params)
        click.echo(f"{q.name:<{width}}  {q.question}" + (f"  [{params}]" if params and not verbose else ""))
        if verbose:
            for p in q.params:
                click.echo(f"{'':<{width}}    {p.name} ({p.type}, default: {p.default}): {p.help}")
            for line in q.example.splitlines():
                click.echo(f"{'':<{width}}    | {line}")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds a query may run.")
@click.option("--max-results", default=10_000, show_default=True, type=int, help="Most rows an answer may have.")
@click.option("--workers", default=2, show_default=True, type=int, help="Query worker processes.")
@click.option("--allow-update", is_flag=True,
              help="Accept SPARQL UPDATE from holders of --token, on a scratch copy removed when the server stops.")
@click.option("--token", envvar="REGKG_TOKEN", help="Bearer token required for UPDATE (or $REGKG_TOKEN).")
@click.option("--get", "get_path", metavar="PATH", help="Answer one GET request in-process, print the body, exit.")
@click.option("--watchlist", type=click.Path(path_type=Path, dir_okay=False),
              help="Also serve this watchlist's change feed at /feeds/watchlist.atom (and .json).")
@click.pass_context
def serve_cmd(ctx, host, port, timeout, max_results, workers, allow_update, token, get_path, watchlist):
    """Serve the graph: SPARQL 1.1 endpoint at /sparql, saved queries, query page, browser, change feeds at /feeds/."""
    from graph.sparql.http import create_app

    if token and not allow_update:
        raise InputError("--token is only used with --allow-update")
    store = open_store(ctx)
    browser = browser_page(store)
    app = create_app(store, timeout=timeout, max_results=max_results, workers=workers,
                     allow_update=allow_update, token=token, browser=browser,
                     mounts={"/feeds": feeds_page(ctx, store, watchlist)})
    if get_path:
        if get_path.startswith("/browse"):
            browser.wait()  # one request answered in-process: the page itself, not the notice
        import warnings

        with warnings.catch_warnings():  # starlette nags about its httpx-based client; it works
            warnings.simplefilter("ignore")
            from starlette.testclient import TestClient
        try:
            response = TestClient(app).get(get_path)
        finally:
            app.state.settings.close()
        sys.stdout.buffer.write(response.content)
        ctx.exit(0 if response.status_code == 200 else 1)
    import uvicorn

    click.echo(f"regkg: SPARQL endpoint http://{host}:{port}/sparql, query page http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def browser_page(store, start: bool = True):
    """The ``/browse`` page of ``regkg serve``: :mod:`viz`'s browser over ``store``'s projection.

    The CLI wires the two together because the endpoint and the browser do not know each other
    (the layers contract in ``pyproject.toml``). The page's data (every decision of its tables) is
    made in a background thread as soon as the server starts (``start``), and kept beside a
    read-only build (:func:`_kept_page`), so a server started again on the same build has it at
    once. Until it is ready, ``/browse`` answers at once with a short page that says so and reloads
    itself. The page reads its state (``?as-of=``/``?on=``, ``?focus=``, ``?view=``, ``?sel=``) from
    its own address, so one rendering per default date serves every view.

    The function returned has ``ready()`` and ``wait()`` (block until the page is made).
    """
    import threading

    made: dict = {"data": _kept_page(store, make=False), "error": None, "doing": "starting"}
    pages: dict[str, str] = {}

    def make() -> None:
        try:
            made["data"] = _kept_page(store, lambda text: made.__setitem__("doing", text))
        except Exception as err:  # shown on /browse, never swallowed
            made["error"] = err

    worker = threading.Thread(target=make, name="regkg-browse", daemon=True)

    def render(params: dict) -> str:
        import datetime as dt

        from viz.render import html_of

        if not worker.is_alive() and made["data"] is None and made["error"] is None:
            if worker.ident is None:
                worker.start()
        if made["error"] is not None:
            return _browse_waiting(f"the browser could not be made: {made['error']}", reload=False)
        if made["data"] is None:
            return _browse_waiting(made["doing"])
        day = dt.date.today().isoformat()
        if day not in pages:
            pages.clear()
            pages[day] = html_of({**made["data"], "asOf": day})
        return pages[day]

    def wait() -> None:
        if worker.ident is None:
            worker.start()
        worker.join()

    render.ready = lambda: made["data"] is not None
    render.wait = lambda: None if made["data"] is not None else wait()
    if start and made["data"] is None:
        worker.start()
    return render


def _browse_waiting(doing: str, reload: bool = True) -> str:
    """What ``/browse`` answers while its page is being made: plain, escaped, reloading itself."""
    import html

    refresh = '<meta http-equiv="refresh" content="3">' if reload else ""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" + refresh +
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<title>regkg: preparing the browser</title></head><body style=\"font: 15px system-ui, sans-serif; margin: 2em\">"
            "<h1 style=\"font-size: 18px\">The graph browser is being prepared</h1>"
            f"<p role=\"status\">regkg is deciding every answer the page shows ({html.escape(doing)}). "
            + ("This page reloads itself until it is ready. " if reload else "") +
            "The <a href=\"/\">SPARQL query page</a> is ready now.</p></body></html>")


def _code_version() -> str:
    """A digest of the code that makes the page's data (the browser and the policy layer)."""
    import hashlib
    from pathlib import Path

    import graph.policy
    import viz

    digest = hashlib.sha256()
    for package in (viz, graph.policy):
        root = Path(package.__file__).parent
        for f in sorted(root.rglob("*")):
            if f.is_file() and f.suffix in (".py", ".js", ".css", ".html"):
                digest.update(f.relative_to(root).as_posix().encode())
                digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def _kept_page(store, progress=None, make: bool = True) -> dict | None:
    """The browser's page data for ``store``: from beside its build when made before by the same
    code, else made now (:func:`viz.render.page_data`) and kept there (``None`` when not kept and
    not ``make``). A build never changes once made, so what is kept stays true; a store that is
    not a read-only build is never written to."""
    import pickle
    from pathlib import Path

    from graph.store.project import project
    from viz.render import page_data

    path = None
    if getattr(store, "immutable", False) and getattr(store, "path", None):
        path = Path(store.path).parent / f"browse-{_code_version()}.pickle"
        try:
            with open(path, "rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            pass
    if not make:
        return None
    if progress:
        progress("reading the graph")
    data = page_data(project(store), progress=progress)
    if path is not None:
        try:
            from graph.store.export import write_atomically

            write_atomically(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass
    return data


def feeds_page(ctx, store, watchlist: Path | None = None):
    """The ``/feeds/`` of ``regkg serve``: :mod:`graph.watch`'s change feeds over the current graph.

    The CLI wires them in, as it wires the browser: the endpoint does not know them. The projection
    is read on the first request for a feed; ``Last-Modified`` is when the graph was built.
    """
    import datetime as dt
    import json

    from graph.cli.watch import data_dir_of
    from graph.data.watchlist import load_watchlist
    from graph.store.build import MANIFEST, content_key
    from graph.watch.feeds import feeds_app
    from graph.watch.report import built_from

    loaded = load_watchlist(watchlist) if watchlist else None
    built_dir = Path(store.path).parent
    manifest = json.loads((built_dir / MANIFEST).read_text()) if (built_dir / MANIFEST).exists() else {}
    try:
        built = dt.datetime.strptime(manifest["built"], "%Y-%m-%dT%H:%M:%S%z")
    except (KeyError, ValueError):
        built = None
    provenance = built_from(content_key(built_dir) if manifest else None, data_dir_of(ctx),
                            {"watchlist": str(watchlist) if watchlist else None, "known_on": None})

    def load():
        from graph.cli.core import open_projection

        return open_projection(ctx)

    return feeds_app(load, built=built, watchlist=loaded, provenance=provenance)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph); credentials "
                   "from REGKG_ENDPOINT_USER / _PASSWORD or REGKG_ENDPOINT_TOKEN.")
@click.option("--graph", "graph_iri", metavar="IRI",
              help="Load the default graph into this named graph instead (for a store with no default graph of "
                   "its own, such as Virtuoso); the source documents' graphs are still loaded as themselves.")
@click.option("--no-named-graphs", is_flag=True, help="Load only the default graph, not one graph per source document.")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.pass_context
def push_cmd(ctx, endpoint, graph_iri, no_named_graphs, append):
    """Load the built graph into an external store (SPARQL 1.1 Graph Store Protocol), one request per graph."""
    from graph.store.remote import endpoint_auth, push

    auth = endpoint_auth()
    store = open_store(ctx)
    status = push(endpoint, store.dump("nt"), graph=graph_iri, replace=not append, auth=auth)
    where = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"pushed {len(store)} triples to {where} of {endpoint} (HTTP {status})")
    documents = [] if no_named_graphs else store.named_graphs()
    for doc in documents:  # what each source document says
        push(endpoint, store.dump("nt", graph=doc), graph=doc, replace=not append, auth=auth)
    if documents:
        click.echo(f"pushed {len(store.named_graphs())} named graphs (one per source document)")
