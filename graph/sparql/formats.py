"""In which format a SPARQL answer comes back, and how a person reads it.

:func:`negotiate` picks an answer format from an ``Accept`` header (q-values, wildcards, several
headers joined) with `python-mimeparse <https://pypi.org/project/python-mimeparse/>`_; the
aliases clients send (``application/json``, ``text/xml``, ``application/turtle``, ``text/n3``...)
count as the format they name. :func:`requested_format` reads the ``format`` parameter as clients
send it: SPARQLWrapper sends ``format=turtle``, ``format=tsv&format=text/tab-separated-values``,
``format=xml`` for RDF/XML; a name or a media type, repeated, the first that can answer wins.
:func:`make_job` turns a checked query (:func:`graph.store.querytext.check_query`) into a worker
job; :func:`render_table` prints an answer for a terminal, every identifier in a form that pastes
back into a query (:func:`compact`).
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Mapping

import mimeparse
import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from graph.data.vocab import PREFIXES
from graph.errors import RegkgError
from graph.sparql.pool import Job, execute
from graph.store.querytext import Checked, check_query, leading_values
from graph.store.stores import PREFIX_IRIS, QueryResult

__all__ = ["NotAcceptable", "parse_accept", "negotiate", "requested_format", "extension",
           "RESULT_TYPES", "GRAPH_TYPES", "FORMAT_NAMES", "media_type_for", "make_job", "run_local",
           "render_table", "compact"]

# Offered answer formats, in the server's order of preference (the first is the default).
RESULT_TYPES = [f.media_type for f in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML,
                                       ox.QueryResultsFormat.CSV, ox.QueryResultsFormat.TSV)]
GRAPH_TYPES = [f.media_type for f in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES,
                                      ox.RdfFormat.JSON_LD, ox.RdfFormat.RDF_XML)]
# Short names (CLI --format, HTTP ?format=) -> media type.
FORMAT_NAMES = {"json": RESULT_TYPES[0], "xml": RESULT_TYPES[1], "csv": RESULT_TYPES[2],
                "tsv": RESULT_TYPES[3], "ttl": GRAPH_TYPES[0], "nt": GRAPH_TYPES[1],
                "jsonld": GRAPH_TYPES[2], "rdfxml": GRAPH_TYPES[3]}

_BARE = {m: m.split(";")[0] for m in RESULT_TYPES + GRAPH_TYPES}
# What clients send for each offered format, as media types and as names (SPARQLWrapper, Jena's
# `output=`, Virtuoso's `format=`); the name of one kind of answer may name another format for the
# other kind: `xml` is results XML for SELECT / ASK and RDF/XML for CONSTRUCT / DESCRIBE.
_ALIASES = {
    "select": {
        RESULT_TYPES[0]: ("json", "srj", "application/json", "text/javascript", "application/javascript"),
        RESULT_TYPES[1]: ("xml", "srx", "application/xml", "text/xml"),
        RESULT_TYPES[2]: ("csv",),
        RESULT_TYPES[3]: ("tsv", "tab-separated-values"),
    },
    "graph": {
        GRAPH_TYPES[0]: ("ttl", "turtle", "n3", "application/turtle", "application/x-turtle", "text/n3",
                         "application/n3", "text/rdf+n3"),  # Turtle is N3, and SPARQLWrapper asks N3 so
        GRAPH_TYPES[1]: ("nt", "ntriples", "n-triples", "text/plain"),
        GRAPH_TYPES[2]: ("jsonld", "json-ld", "json", "application/json", "application/x-json+ld"),
        GRAPH_TYPES[3]: ("rdfxml", "rdf+xml", "xml", "rdf", "application/xml", "text/xml"),
    },
}
_EXTENSIONS = {RESULT_TYPES[0]: "srj", RESULT_TYPES[1]: "srx", RESULT_TYPES[2]: "csv", RESULT_TYPES[3]: "tsv",
               GRAPH_TYPES[0]: "ttl", GRAPH_TYPES[1]: "nt", GRAPH_TYPES[2]: "jsonld", GRAPH_TYPES[3]: "rdf"}


def _offered(kind: str) -> list[str]:
    return GRAPH_TYPES if kind == "graph" else RESULT_TYPES


def _lookup(kind: str) -> dict[str, str]:
    """Every name and media type a client may use for ``kind`` -> the offered media type."""
    table = _ALIASES["graph" if kind == "graph" else "select"]
    out = {_BARE[m]: m for m in table}
    out.update({alias: m for m, aliases in table.items() for alias in aliases})
    return out


_LOOKUPS = {kind: _lookup(kind) for kind in ("select", "graph")}


class NotAcceptable(RegkgError):
    """No answer format the client accepts."""

    http_status = 406


# -- content negotiation ------------------------------------------------------------------------

def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges and q-values of an Accept header (parsed by mimeparse); unreadable ranges are
    skipped, and a bare ``*`` (Java's default Accept sends one) is ``*/*``.

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json, *; q=.2, nonsense")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0), ('*/*', 0.2)]
    """
    ranges = []
    for part in (header or "").split(","):
        part = part.strip()
        if part == "*" or part.startswith("*;"):
            part = "*/*" + part[1:]
        try:
            kind, subtype, params = mimeparse.parse_media_range(part)
            q = float(params.get("q", 1))
        except (mimeparse.MimeTypeParseException, ValueError):
            continue
        ranges.append((f"{kind}/{subtype}".lower(), max(0.0, min(1.0, q))))
    return ranges


def negotiate(accept: str | None, kind: str) -> str:
    """The offered media type that best fits ``accept`` for a ``kind`` of answer.

    Raises :class:`NotAcceptable` listing what is offered.

    >>> negotiate("text/csv;q=0.9, application/sparql-results+xml", "select")
    'application/sparql-results+xml'
    >>> negotiate("application/json", "graph")
    'application/ld+json'
    >>> negotiate(None, "select")
    'application/sparql-results+json'
    """
    return _negotiate(accept, "graph" if kind == "graph" else "select")


@functools.lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def _negotiate(accept: str | None, kind: str) -> str:
    ranges = parse_accept(accept)
    if not ranges:
        return _offered(kind)[0]
    lookup = _LOOKUPS["graph" if kind == "graph" else "select"]
    header = ", ".join(f"{r};q={q:g}" for r, q in ranges)
    # mimeparse breaks ties by position, the last winning: aliases first, then the offered
    # types from least to most preferred, so `*/*` gets the default and `text/*` gets CSV.
    canonical = [_BARE[m] for m in _offered(kind)]
    aliases = [a for a in lookup if "/" in a and a not in canonical]
    best = mimeparse.best_match(aliases + canonical[::-1], header)
    if not best:
        raise NotAcceptable(f"none of the formats in Accept: {accept} can answer this query; "
                            f"acceptable: {', '.join(canonical)}")
    return lookup[best]


def media_type_for(name: str, kind: str) -> str:
    """The media type of a format name (``csv``, ``ttl``...) or media type, for a kind of answer.

    >>> media_type_for("csv", "select")
    'text/csv; charset=utf-8'
    >>> media_type_for("xml", "graph"), media_type_for("text/tab-separated-values", "ask")
    ('application/rdf+xml', 'text/tab-separated-values; charset=utf-8')
    """
    media_type = _LOOKUPS["graph" if kind == "graph" else "select"].get(name.strip().lower())
    if media_type is None:
        what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
        names = [n for n, m in FORMAT_NAMES.items() if m in _offered(kind)]
        raise NotAcceptable(f"format '{name}' cannot answer a {what} query; use one of: {', '.join(names)}")
    return media_type


def requested_format(values: Iterable[str], kind: str) -> str | None:
    """The media type named by a request's ``format`` values (names or media types, repeated as
    SPARQLWrapper repeats them): the first that can answer ``kind``; ``None`` when none was given.

    >>> requested_format(["tsv", "text/tab-separated-values"], "select")
    'text/tab-separated-values; charset=utf-8'
    >>> requested_format(["rdf+xml", "application/rdf+xml"], "graph")
    'application/rdf+xml'
    >>> requested_format(["csv"], "graph")
    Traceback (most recent call last):
    ...
    graph.sparql.formats.NotAcceptable: format 'csv' cannot answer a CONSTRUCT/DESCRIBE query; use one of: ttl, nt, jsonld, rdfxml
    """
    values = [v for v in values if v.strip()]
    for value in values:
        try:
            return media_type_for(value, kind)
        except NotAcceptable:
            continue
    if values:
        media_type_for(values[0], kind)  # raises, naming what would do
    return None


def extension(media_type: str) -> str:
    """The file extension of an answer in ``media_type`` (for a download's file name).

    >>> extension("text/csv; charset=utf-8")
    'csv'
    """
    return _EXTENSIONS.get(media_type, "txt")

# -- running ------------------------------------------------------------------------------------

def make_job(checked: Checked, media_type: str, bindings: Mapping[str, Node] | None = None,
             max_results: int | None = None, **fields) -> Job:
    """The worker :class:`graph.sparql.pool.Job` for a checked query, parameters bound
    (:func:`leading_values`); ``fields`` are the Job's others (``base_iri``, the dataset)."""
    return Job(leading_values(checked.text, bindings), checked.kind, media_type, max_results, **fields)


def run_local(store, text: str, fmt: str, bindings: Mapping[str, Node] | None = None,
              max_results: int | None = None) -> bytes:
    """Check ``text`` and answer it in-process on an :class:`graph.store.stores.OxigraphStore` as ``fmt``.

    >>> from graph.store.stores import OxigraphStore
    >>> s = OxigraphStore(); s.load(b'<urn:a> <urn:b> "c" .', "nt")
    >>> run_local(s, "SELECT ?o WHERE { ?s ?p ?o }", "tsv")
    b'?o\\n"c"\\n'
    """
    checked = check_query(text)
    job = make_job(checked, media_type_for(fmt, checked.kind), bindings, max_results)
    return execute(store.ox, job, PREFIX_IRIS)[0]


# A prefixed name's local part that every SPARQL parser reads back as written (a safe subset of
# the grammar's PN_LOCAL: no escapes, no percent signs, no trailing dot).
_PN_LOCAL = re.compile(r"\w([\w.-]*[\w-])?|", re.ASCII)


def compact(term: Node | None) -> str:
    """A term as a person reads it and can paste back into a query: a prefixed name when its local
    part is one SPARQL reads as written, else the full IRI in angle brackets; a literal's text.

    ``id:model/claude-mythos-5`` is not a prefixed name (``/`` may not stand there unescaped), so
    identifiers of records print whole.

    >>> compact(URIRef("https://w3id.org/regkg/id/model/fable-5"))
    '<https://w3id.org/regkg/id/model/fable-5>'
    >>> compact(URIRef("https://w3id.org/regkg/status/planned")), compact(URIRef("urn:x"))
    ('status:planned', '<urn:x>')
    >>> compact(Literal("mid-June 2026"))
    'mid-June 2026'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in _BY_LENGTH:
            if term.startswith(ns) and _PN_LOCAL.fullmatch(term[len(ns):]):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    return str(term)


_BY_LENGTH = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda p: -len(p[1]))


def render_table(result: QueryResult) -> str:
    """A SELECT / ASK answer as an aligned text table for a terminal.

    >>> print(render_table(QueryResult("select", ["a", "b"], [(Literal("x"), None)])))
    a | b
    --+--
    x |
    (1 row)
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    cells = [[compact(t).replace("\n", " ") for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    line = lambda values: " | ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)
