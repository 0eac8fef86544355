"""One named graph per source document (issue 10, section 3): build, SPARQL, export, push, validation.

The data set of tests/test_knowledge.py (three documents, one disputed date) is built once here too.
"""

from __future__ import annotations

import http.server
import threading
import urllib.parse

import pytest
import rdflib

from graph.data.vocab import RKG, SEM, iri
from graph.errors import InputError, QueryError
from graph.store.build import open_graph
from graph.store.querytext import FROM_REFUSED, check_query
from test_knowledge import MODEL, NOTICE, REVIEW, SUSPENSION, WIRE, italy, write  # noqa: F401 (italy: a fixture)

SEED_DOC = str(iri("sources", "samsung-2026-global-ai"))


@pytest.fixture(scope="module")
def store(italy):
    return open_graph(home=italy[1], data_dir=italy[0])


def ask(store, text):
    return store.query(text).dicts()


# -- the layout ---------------------------------------------------------------------------------

def test_one_named_graph_per_document_and_the_default_graph_is_their_union(store):
    assert store.named_graphs() == sorted([NOTICE, WIRE, REVIEW])
    union = {(r["s"], r["p"], r["o"]) for r in ask(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")}
    default = {(r["s"], r["p"], r["o"]) for r in ask(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")}
    assert union <= default and len(default) == len(store), "every fact once, without GRAPH"
    extra = {t for t in default - union}
    assert all(str(s).startswith(str(iri("sources", ""))) or str(p) == str(RKG.prevailingSource)
               for s, p, _ in extra), "the default graph adds only the documents' metadata"


def test_metadata_is_in_the_default_graph_only(store):
    q = "SELECT ?g WHERE { GRAPH ?g { ?doc <https://w3id.org/regkg/ns#dateBasis> ?basis } }"
    assert ask(store, q) == [], "how a date was established is the curator's metadata, not what a document says"
    assert store.query(f"ASK {{ <{WIRE}> <https://w3id.org/regkg/ns#dateBasis> ?b }}").boolean


def test_each_graph_holds_its_own_account_of_a_disputed_date(store):
    rows = ask(store, f"SELECT ?g ?latest WHERE {{ GRAPH ?g {{ <{SUSPENSION}> <{SEM.hasLatestEndTimeStamp}> ?latest }} }}")
    assert {(str(r["g"]), str(r["latest"])) for r in rows} == {(NOTICE, "2025-01-29"), (WIRE, "2025-01-31")}
    both = ask(store, f"SELECT ?latest WHERE {{ <{SUSPENSION}> <{SEM.hasLatestEndTimeStamp}> ?latest }}")
    assert len(both) == 2, "the default graph keeps both accounts"


def test_the_seed_is_one_graph_named_by_the_report(run_regkg):
    done = run_regkg("sparql", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["g", SEED_DOC]


# -- SPARQL over named graphs: GRAPH, FROM, FROM NAMED --------------------------------------------

def test_from_and_from_named_select_sources_from_the_command_line(run_regkg, italy):
    data, home = italy
    said = run_regkg("--data", str(data), "--home", str(home), "sparql",
                     f"SELECT ?latest FROM <{WIRE}> WHERE {{ <{SUSPENSION}> <{SEM.hasLatestEndTimeStamp}> ?latest }}",
                     "--format", "csv")
    assert said.returncode == 0, said.stderr
    assert said.stdout.split() == ["latest", "2025-01-31"]
    named = run_regkg("--data", str(data), "--home", str(home), "sparql",
                      f"SELECT DISTINCT ?g FROM NAMED <{NOTICE}> FROM NAMED <{REVIEW}> WHERE {{ GRAPH ?g {{ <{MODEL}> ?p ?o }} }}",
                      "--format", "csv")
    assert sorted(named.stdout.split()[1:]) == sorted([NOTICE, REVIEW])


def test_from_a_graph_the_store_does_not_hold_is_refused_and_never_fetched(run_regkg):
    done = run_regkg("sparql", "SELECT * FROM <http://127.0.0.1:9/steal.ttl> WHERE { ?s ?p ?o }")
    assert done.returncode == 2 and "names no graph this store holds" in done.stderr


def test_check_query_allows_from_only_for_known_graphs():
    known = {"urn:doc"}
    assert check_query("PREFIX d: <urn:> SELECT * FROM d:doc WHERE { ?s ?p ?o }", known_graphs=known).dataset == \
        (("default", "urn:doc"),)
    with pytest.raises(QueryError, match="FROM NAMED <urn:other> names no graph"):
        check_query("SELECT * FROM NAMED <urn:other> WHERE { GRAPH ?g { ?s ?p ?o } }", known_graphs=known)
    with pytest.raises(QueryError) as refused:
        check_query("SELECT * FROM <urn:doc> WHERE { ?s ?p ?o }")
    assert str(refused.value) == FROM_REFUSED, "a caller that names no graphs gets every FROM refused"


def test_serve_answers_over_the_named_graphs_as_the_embedded_store_does(run_regkg, italy, store):
    import json
    import urllib.parse

    q = f"SELECT ?g ?latest WHERE {{ GRAPH ?g {{ <{SUSPENSION}> <{SEM.hasLatestEndTimeStamp}> ?latest }} }}"
    data, home = italy
    done = run_regkg("--data", str(data), "--home", str(home), "serve", "--get",
                     "/sparql?" + urllib.parse.urlencode({"query": q, "format": "json"}))
    assert done.returncode == 0, done.stderr
    served = {(b["g"]["value"], b["latest"]["value"]) for b in json.loads(done.stdout)["results"]["bindings"]}
    assert served == {(str(r["g"]), str(r["latest"])) for r in store.query(q).dicts()} == \
        {(NOTICE, "2025-01-29"), (WIRE, "2025-01-31")}


def test_the_embedded_store_answers_from_and_graph(store):
    rows = store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{SUSPENSION}> a ?t }} }}").dicts()
    assert {str(r["g"]) for r in rows} == {NOTICE, WIRE}
    only = store.query(f"SELECT (COUNT(*) AS ?n) FROM <{REVIEW}> WHERE {{ ?s ?p ?o }}").rows[0][0]
    assert 0 < int(only) < len(store)


# -- export and re-load ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, rdflib_format", [("nq", "nquads"), ("trig", "trig")])
def test_export_with_named_graphs_round_trips(run_regkg, italy, store, tmp_path, fmt, rdflib_format):
    data, home = italy
    out = tmp_path / f"graph.{fmt}"
    done = run_regkg("--data", str(data), "--home", str(home), "export", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib_format)
    graphs = {str(g.identifier): len(g) for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier}
    assert graphs == {str(doc): int(n) for doc, n in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows}
    assert len(ds.default_graph) == len(store)
    reloaded = run_regkg("--home", str(tmp_path / "again"), "build", "--ntriples", str(out))
    assert reloaded.returncode == 0, reloaded.stderr
    assert open_graph(home=tmp_path / "again", rebuild=False).named_graphs() == store.named_graphs()


# -- push: one request per graph -----------------------------------------------------------------

class _GraphStore(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_PUT(self):  # noqa: N802 (the HTTP method)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query, keep_blank_values=True)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.seen.append(("PUT", query.get("graph", [None])[0], body.count(b"\n")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_push_puts_the_default_graph_then_each_document(run_regkg, italy, store):
    server = http.server.HTTPServer(("127.0.0.1", 0), _GraphStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        data, home = italy
        done = run_regkg("--data", str(data), "--home", str(home), "push", "--endpoint",
                         f"http://127.0.0.1:{server.server_port}/store")
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    assert [(m, g) for m, g, _ in _GraphStore.seen] == [("PUT", None), *(("PUT", doc) for doc in store.named_graphs())]
    assert _GraphStore.seen[0][2] == len(store)


# -- the authoring format: variants, prevails ------------------------------------------------------

BAD = {
    "a variant citing the record's own document": ("variants:\n      - sources: [\"notice#page\"]\n"
                                                   "        when: {text: 1 February 2025,\n"
                                                   "               quote: {text: x, source: \"notice#page\"}}",
                                                   "already gives an account"),
    "a variant that varies nothing": ("variants:\n      - sources: [\"review#page\"]", "gives another value"),
    "a field that cannot vary": ("variants:\n      - sources: [\"review#page\"]\n        value: 3",
                                 "field 'value' cannot vary on a event"),
    "prevails naming a document with no account": ("variants:\n      - sources: [\"wire#page\"]\n"
                                                   "        when: {text: 1 February 2025,\n"
                                                   "               quote: {text: x, source: \"wire#page\"}}\n"
                                                   "    prevails: {source: review, because: x}", "gives no account"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_variants_are_refused_with_file_and_line(tmp_path, case):
    from graph.data.loader import load_dataset

    text, message = BAD[case]
    data = write(tmp_path)
    path = data / "italy.yaml"
    source = path.read_text()
    start = source.index("    variants:")
    end = source.index("  - id: restoration")
    path.write_text(source[:start] + "    " + text + "\n" + source[end:])
    with pytest.raises(InputError, match=message) as refused:
        load_dataset(data)
    assert str(refused.value).startswith(f"{path}:")


def test_a_dataset_with_a_disputed_date_validates(italy, run_regkg):
    from graph.data.validate import validate_graph
    from graph.store.build import dataset_from_data

    _, graphs = dataset_from_data(italy[0])
    assert validate_graph(graphs.main) == []
    assert len(list(graphs.default.objects(rdflib.URIRef(SUSPENSION), SEM.hasLatestEndTimeStamp))) == 2
    done = run_regkg("--data", str(italy[0]), "validate")
    assert done.returncode == 0 and "in 3 source graphs, conforms" in done.stdout, done.stderr


def test_the_accounts_of_a_disputed_event_read_the_same_from_every_build():
    """The quads come in the store's order, which changes from one build to the next (two builds of
    data/ under two hash seeds gave two texts of `check DeepSeek --json`): an answer that shows the
    documents' accounts must not."""
    import json

    from graph.store.project import _with_claims

    one = {"urn:b": {"latest": "2025-02-17", "earliest": "2025-02-17"},
           "urn:a": {"earliest": "2025-02-15", "latest": "2025-02-15"}}
    other = {d: dict(reversed(list(one[d].items()))) for d in reversed(list(one))}
    texts = {json.dumps(_with_claims({}, accounts, ())["claims"]) for accounts in (one, other)}
    assert len(texts) == 1


def test_a_node_s_attributes_come_in_the_same_order_from_every_build():
    """The page lists a node's attributes as they come, and they were filled in the store's order
    of quads: two builds of data/ gave two pages."""
    from graph.store.project import NODE_KINDS, _assemble

    kind = next(iter(dict(NODE_KINDS)))
    orders = [{"status": "reported", "description": "Commercial API access"},
              {"description": "Commercial API access", "status": "reported"}]
    keys = {tuple(_assemble({"urn:x": kind}, {"urn:x": {"kind": None, **attrs}}, {}).nodes["urn:x"])
            for attrs in orders}
    assert len(keys) == 1


def test_an_attribute_two_statements_give_two_values_keeps_the_same_one_from_every_build():
    """Two documents' notes on one event: the store lists them in its own order, and the projection
    kept whichever came last (two builds of data/ gave two pages)."""
    from graph.store.project import _set_once

    kept = set()
    for order in (("Breaking Defense: one part stands", "Wired: the status quo of 27 February"),
                  ("Wired: the status quo of 27 February", "Breaking Defense: one part stands")):
        attrs: dict = {}
        for note in order:
            _set_once(attrs, "note", note)
        kept.add(attrs["note"])
    assert len(kept) == 1
