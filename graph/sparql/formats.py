"""In which format a SPARQL answer comes back, and how a person reads it.

:func:`negotiate` picks an answer format from an ``Accept`` header (q-values, wildcards, several
headers joined) among pyoxigraph's formats, matched through ``QueryResultsFormat.from_media_type``
and ``RdfFormat.from_media_type`` so aliases such as ``application/json`` work. :func:`make_job`
turns a checked query (:func:`graph.store.querytext.check_query`) into a worker job;
:func:`render_table` prints an answer for a terminal.
"""

from __future__ import annotations

from typing import Mapping

import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from graph.data.vocab import PREFIXES
from graph.errors import RegkgError
from graph.sparql.pool import Job, execute
from graph.store.querytext import Checked, check_query, leading_values
from graph.store.stores import PREFIX_IRIS, QueryResult

__all__ = ["NotAcceptable", "parse_accept", "negotiate",
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


class NotAcceptable(RegkgError):
    """No answer format the client accepts."""

    http_status = 406


# -- content negotiation ------------------------------------------------------------------------

def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges and q-values of an Accept header, parameters other than q dropped.

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0)]
    """
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def _canonical(media_range: str, kind: str) -> str:
    """A concrete media type as the offered type it names (``application/json`` -> results JSON)."""
    lookup = ox.RdfFormat if kind == "graph" else ox.QueryResultsFormat
    fmt = lookup.from_media_type(media_range)
    return fmt.media_type.split(";")[0] if fmt is not None else media_range


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
    offered = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    ranges = parse_accept(accept) or [("*/*", 1.0)]
    best, best_score = None, (0.0, 0)
    for rank, media_type in enumerate(offered):
        bare = media_type.split(";")[0]
        match = None
        for media_range, q in ranges:
            specificity = _specificity(media_range, bare, kind)
            if specificity and (match is None or specificity > match[0]):
                match = (specificity, q)
        if match and match[1] > 0 and (match[1], -rank) > (best_score[0], best_score[1]):
            best, best_score = media_type, (match[1], -rank)
    if best is None:
        raise NotAcceptable(f"none of the formats in Accept: {accept} can answer this query; "
                            f"acceptable: {', '.join(m.split(';')[0] for m in offered)}")
    return best


def _specificity(media_range: str, offered: str, kind: str) -> int:
    if media_range == "*/*":
        return 1
    if media_range.endswith("/*"):
        return 2 if offered.startswith(media_range[:-1]) else 0
    return 3 if _canonical(media_range, kind) == offered else 0


def media_type_for(name: str, kind: str) -> str:
    """The media type of a format name (``csv``, ``ttl``...) for a kind of answer.

    >>> media_type_for("csv", "select")
    'text/csv; charset=utf-8'
    """
    media_type = FORMAT_NAMES.get(name)
    offered = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    if media_type not in offered:
        names = [n for n, m in FORMAT_NAMES.items() if m in offered]
        what = "CONSTRUCT/DESCRIBE" if kind == "graph" else "SELECT/ASK"
        raise NotAcceptable(f"format '{name}' cannot answer a {what} query; use one of: {', '.join(names)}")
    return media_type


# -- running ------------------------------------------------------------------------------------

def make_job(checked: Checked, media_type: str, bindings: Mapping[str, Node] | None = None,
             max_results: int | None = None) -> Job:
    """The worker :class:`graph.sparql.pool.Job` for a checked query, parameters bound (:func:`leading_values`)."""
    return Job(leading_values(checked.text, bindings), checked.kind, media_type, max_results)


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


def compact(term: Node | None) -> str:
    """A term as a person reads it: a prefixed name, or a literal's text.

    >>> compact(URIRef("https://w3id.org/regkg/id/model/fable-5"))
    'id:model/fable-5'
    >>> compact(Literal("mid-June 2026"))
    'mid-June 2026'
    """
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
            if term.startswith(str(ns)):
                return f"{prefix}:{term[len(str(ns)):]}"
        return f"<{term}>"
    return str(term)


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
