"""The RDF store behind one small interface, so the engine can change without touching callers.

:class:`OxigraphStore` (pyoxigraph) is the default: it loads N-Triples and answers SPARQL tens to
hundreds of times faster than rdflib's in-memory engine (``bench/store_compare.py`` measures it).
:class:`RdflibStore` wraps an ``rdflib.Graph`` and gives the same answers; pySHACL and the tests
use it. Both return :class:`QueryResult` with rdflib terms, so answers can be compared across engines.
Query strings go straight to the engine: never through rdflib's ``prepareQuery`` (oxrdflib silently
falls back to rdflib's engine for prepared queries).
"""

from __future__ import annotations

import dataclasses
import decimal
from pathlib import Path
from typing import Any, Mapping, Protocol

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from graph.data.vocab import PREFIX_IRIS, PREFIXES, XSD
from graph.errors import InputError, QueryError, StoreError
from graph.store.querytext import leading_values

__all__ = ["results_from_json", "QueryResult", "Store", "OxigraphStore", "RdflibStore", "RDF_FORMATS", "RESULT_FORMATS",
           "DATASET_FORMATS",
           "PREFIX_IRIS", "to_ox", "from_ox", "converter", "canonical"]

# Export format name -> (pyoxigraph format, rdflib format name). The graph formats write the default
# graph (every fact once, with the documents' metadata); the dataset formats (N-Quads, TriG) write it
# and every source document's named graph.
RDF_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    "xml": (ox.RdfFormat.RDF_XML, "xml"),
    "nq": (ox.RdfFormat.N_QUADS, "nquads"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
}
DATASET_FORMATS = ("nq", "trig")

# Result format name -> pyoxigraph format of SELECT / ASK answers (SPARQL 1.1 result formats).
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}


@dataclasses.dataclass
class QueryResult:
    """The answer of a SPARQL query, engine-neutral: rdflib terms, ``None`` for unbound."""

    kind: str  # "select", "ask" or "graph" (CONSTRUCT / DESCRIBE)
    variables: list[str] = dataclasses.field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = dataclasses.field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Node, Node, Node]] = dataclasses.field(default_factory=list)

    def dicts(self) -> list[dict[str, Node | None]]:
        """Rows as ``{variable: term}`` dicts."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def graph(self) -> rdflib.Graph:
        """The triples of a CONSTRUCT / DESCRIBE answer as an rdflib graph."""
        g = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for t in self.triples:
            g.add(t)
        return g


class Store(Protocol):
    """What every store offers: load, query, dump, count."""

    def load(self, data: bytes | str | Path, format: str = "nt") -> None: ...

    def add_graph(self, graph: rdflib.Graph) -> None: ...

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult: ...

    def dump(self, format: str = "nt") -> bytes: ...

    def __len__(self) -> int: ...


def to_ox(term: Node) -> Any:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


_XSD_STRING = str(XSD.string)


def from_ox(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (``None`` stays ``None``).

    A typed literal keeps the lexical form the store holds (``normalize=False``): an answer reports
    what is stored, and rdflib's re-lexicalisation would only cost time.

    >>> import pyoxigraph as ox
    >>> from_ox(ox.Literal("1.50", datatype=ox.NamedNode(str(XSD.decimal))))
    rdflib.term.Literal('1.50', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def converter():
    """A :func:`from_ox` that converts each distinct term once: for one answer's rows.

    Answers repeat terms (a status, a developer, a currency on every row); rdflib's literal
    constructor is the costly part of an answer, so each distinct term pays it once. The memo lives
    as long as the answer being converted, never across queries.

    >>> import pyoxigraph as ox
    >>> convert = converter()
    >>> a, b = convert(ox.NamedNode("urn:a")), convert(ox.NamedNode("urn:a"))
    >>> a is b, convert(None)
    (True, None)
    """
    memo: dict[Any, Node | None] = {None: None}

    def convert(term: Any) -> Node | None:
        try:
            return memo[term]
        except KeyError:
            memo[term] = converted = from_ox(term)
            return converted

    return convert


def results_from_json(data: bytes) -> QueryResult:
    """A SPARQL 1.1 JSON results document as a :class:`QueryResult`.

    >>> results_from_json(b'{"head":{},"boolean":true}').boolean
    True
    """
    result = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(result))
    variables = [v.value for v in result.variables]
    convert = converter()
    rows = [tuple(convert(sol[v]) for v in variables) for sol in result]
    return QueryResult(kind="select", variables=variables, rows=rows)


class OxigraphStore:
    """A pyoxigraph store, in memory or on disk (``path``), optionally read-only.

    >>> s = OxigraphStore()
    >>> s.load(b'<urn:a> <urn:b> "c" .', "nt")
    >>> s.query("SELECT ?o WHERE { <urn:a> <urn:b> ?o }").rows
    [(rdflib.term.Literal('c'),)]
    >>> s.query("ASK { <urn:a> ?p ?o }").boolean
    True
    """

    def __init__(self, path: Path | None = None, read_only: bool = False):
        try:
            if path is None:
                self.ox = ox.Store()
            elif read_only:
                self.ox = ox.Store.read_only(str(path))
            else:
                self.ox = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the graph store: {exc}") from None
        self.path = path
        # A build directory never changes once made, so what is read from it may be cached.
        self.immutable = read_only and path is not None

    def load(self, data: bytes | str | Path, format: str = "nt", graph: str | None = None) -> None:
        """Bulk-load ``data``; a graph format goes into the default graph, or the named graph ``graph``."""
        fmt = RDF_FORMATS[format][0]
        where = {"to_graph": ox.NamedNode(graph)} if graph else {}
        if isinstance(data, Path):
            self.ox.bulk_load(path=str(data), format=fmt, **where)
        else:
            self.ox.bulk_load(data, format=fmt, **where)

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs the store holds (one per source document), sorted.

        >>> s = OxigraphStore()
        >>> s.load(b'<urn:a> <urn:b> "c" <urn:doc> .', "nq")
        >>> s.named_graphs()
        ['urn:doc']
        """
        return sorted(g.value for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode))

    def default_graph_size(self) -> int:
        """Triples in the default graph (every fact once); ``len(store.ox)`` counts every graph's quads.

        >>> s = OxigraphStore()
        >>> s.load(b'<urn:a> <urn:b> "c" .\\n<urn:a> <urn:b> "c" <urn:doc> .', "nq")
        >>> s.default_graph_size(), len(s), len(s.ox)
        (1, 1, 2)
        """
        solutions = self.ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(solutions))[0].value)

    def add_graph(self, graph: rdflib.Graph) -> None:
        self.load(graph.serialize(format="nt", encoding="utf-8"), "nt")

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        if bindings:
            sparql = leading_values(sparql, bindings)
        try:
            result = self.ox.query(sparql, prefixes=PREFIX_IRIS)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (RuntimeError, OSError) as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from None
        if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph >= 0.5 answers ASK with QueryBoolean
            return QueryResult(kind="ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            convert = converter()
            columns = range(len(variables))
            rows = [tuple(convert(sol[i]) for i in columns) for sol in result]
            return QueryResult(kind="select", variables=variables, rows=rows)
        convert = converter()
        triples = [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in result]
        return QueryResult(kind="graph", triples=triples)

    def dump(self, format: str = "nt", graph: str | None = None) -> bytes:
        """The default graph (or the named graph ``graph``) in a graph format; the whole dataset in
        N-Quads or TriG."""
        fmt = RDF_FORMATS[format][0]
        prefixes = PREFIX_IRIS if format in ("ttl", "xml", "trig") else None
        if format in DATASET_FORMATS:
            return self.ox.dump(format=fmt, prefixes=prefixes)
        return self.ox.dump(format=fmt, from_graph=ox.NamedNode(graph) if graph else ox.DefaultGraph(),
                            prefixes=prefixes)

    def flush(self) -> None:
        if self.path is not None:
            self.ox.flush()

    def __len__(self) -> int:
        """Triples in the default graph: every fact once (the named graphs repeat them by document)."""
        if next(iter(self.ox.named_graphs()), None) is None:
            return len(self.ox)
        return self.default_graph_size()


class RdflibStore:
    """An rdflib in-memory graph behind the same interface (used for SHACL and comparisons).

    Given an ``rdflib.Dataset`` it holds named graphs too, and loads and dumps N-Quads and TriG;
    its default graph is then the dataset's default graph, as in a pyoxigraph store.

    >>> s = RdflibStore()
    >>> s.load(b'<urn:a> <urn:b> "c" .', "nt")
    >>> s.query("ASK { <urn:a> ?p ?o }").boolean
    True
    >>> d = RdflibStore(rdflib.Dataset())
    >>> d.load(b'<urn:a> <urn:b> "c" <urn:doc> .', "nq")
    >>> d.named_graphs(), len(d)
    (['urn:doc'], 0)
    """

    def __init__(self, graph: rdflib.Graph | None = None):
        self.graph = graph if graph is not None else rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            self.graph.bind(prefix, ns)

    @property
    def is_dataset(self) -> bool:
        return isinstance(self.graph, rdflib.Dataset)

    def load(self, data: bytes | str | Path, format: str = "nt") -> None:
        if format in DATASET_FORMATS and not self.is_dataset:
            raise InputError(f"{format} holds named graphs: load it into RdflibStore(rdflib.Dataset())")
        rdf_format = RDF_FORMATS[format][1]
        if isinstance(data, Path):
            self.graph.parse(data, format=rdf_format)
        else:
            self.graph.parse(data=data, format=rdf_format)

    def add_graph(self, graph: rdflib.Graph) -> None:
        self.graph += graph

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        try:
            result = self.graph.query(sparql, initBindings=dict(bindings or {}), initNs=PREFIXES)
        except Exception as exc:  # rdflib's parser raises pyparsing errors of several types
            raise QueryError(f"SPARQL query failed: {exc}") from None
        if result.type == "ASK":
            return QueryResult(kind="ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            return QueryResult(kind="select", variables=variables, rows=[tuple(r) for r in result])
        return QueryResult(kind="graph", triples=list(result))

    def dump(self, format: str = "nt") -> bytes:
        if format in DATASET_FORMATS and not self.is_dataset:
            raise InputError(f"an rdflib graph holds no named graphs: export it as ttl, nt, jsonld or xml, not {format}")
        graph = self.graph.default_graph if self.is_dataset and format not in DATASET_FORMATS else self.graph
        return graph.serialize(format=RDF_FORMATS[format][1], encoding="utf-8")

    def named_graphs(self) -> list[str]:
        if not self.is_dataset:
            return []
        default = self.graph.default_graph.identifier
        return sorted(str(g.identifier) for g in self.graph.graphs() if g.identifier != default and len(g))

    def __len__(self) -> int:
        return len(self.graph.default_graph) if self.is_dataset else len(self.graph)


# regkg's prefixes as plain strings: pyoxigraph takes them as defaults for every query.

_NUMERIC = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "int", "long",
                                  "nonNegativeInteger", "positiveInteger")}


def canonical(result: QueryResult):
    """An answer in an engine-neutral, order-free form, so stores can be compared.

    Rows (or triples) become a sorted list of N-Triples-like strings; numbers compare by value
    within their datatype ("1.0" and "1" as xsd:decimal are one value).

    >>> a = QueryResult("select", ["x"], [(Literal("1.0", datatype=XSD.decimal),), (None,)])
    >>> b = QueryResult("select", ["x"], [(None,), (Literal("1", datatype=XSD.decimal),)])
    >>> canonical(a) == canonical(b)
    True
    """
    if result.kind == "ask":
        return result.boolean
    if result.kind == "graph":
        return sorted(tuple(_canon_term(t) for t in triple) for triple in set(result.triples))
    return (list(result.variables), sorted(tuple(_canon_term(t) for t in row) for row in result.rows))


def _canon_term(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in _NUMERIC:
        try:
            return f"{decimal.Decimal(str(term)).normalize()}^^{term.datatype}"
        except decimal.InvalidOperation:
            pass
    return term.n3()
