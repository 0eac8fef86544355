"""Guarded SPARQL: what an ad-hoc query may do, in which format its answer comes back.

:func:`check_query` parses a query before anything runs it: only query forms pass (UPDATE only
when the caller allows writing), and ``SERVICE``, ``LOAD`` and ``FROM`` are refused, because
pyoxigraph would fetch the URL a ``SERVICE`` names and rdflib the one a ``FROM`` names. The parse
is rdflib's SPARQL grammar (the AST is walked, not the text searched); a query rdflib cannot parse
is scanned token by token for those keywords, failing closed, and then given to pyoxigraph's parser
on an empty store, whose message (line and column) is the one a user sees.

:func:`negotiate` picks an answer format from an ``Accept`` header (q-values, wildcards, several
headers joined) among pyoxigraph's formats, matched through ``QueryResultsFormat.from_media_type``
and ``RdfFormat.from_media_type`` so aliases such as ``application/json`` work.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from graph.errors import QueryError, RegkgError
from graph.sparql.pool import Job, execute, syntax_message
from graph.store.stores import PREFIX_IRIS, QueryResult
from graph.data.vocab import PREFIXES

__all__ = ["Checked", "check_query", "UpdateRefused", "NotAcceptable", "parse_accept", "negotiate",
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

_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}
_REFUSED = {
    "ServiceGraphPattern": "SERVICE (federated query) is refused: this endpoint never fetches a URL a query names",
    "Load": "LOAD is refused: this endpoint never fetches a URL a query names",
    "DatasetClause": "FROM / FROM NAMED is refused: queries run on regkg's one default graph",
}


class UpdateRefused(QueryError):
    """A SPARQL UPDATE sent to a read-only store."""

    http_status = 403


class NotAcceptable(RegkgError):
    """No answer format the client accepts."""

    http_status = 406


@dataclasses.dataclass(frozen=True)
class Checked:
    """A query that passed :func:`check_query`: its text and form."""

    text: str
    form: str  # select, ask, construct, describe or update

    @property
    def kind(self) -> str:
        """``select``, ``ask``, ``graph`` (CONSTRUCT / DESCRIBE) or ``update``."""
        return "graph" if self.form in ("construct", "describe") else self.form


def check_query(text: str, allow_update: bool = False) -> Checked:
    """Parse ``text`` and refuse what a read-only endpoint must not run.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }").form
    'select'
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE (federated query) is refused: this endpoint never fetches a URL a query names
    >>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    Traceback (most recent call last):
    ...
    graph.sparql.formats.UpdateRefused: SPARQL UPDATE is refused: this endpoint is read-only
    >>> check_query("SELECT * WHERE {\\n ?s ?p \\n}")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SPARQL syntax error at line 3, column 2: expected ...
    """
    if not text or not text.strip():
        raise QueryError("empty query")
    if len(text) <= _CACHED_TEXT:
        return _check_cached(text, allow_update)
    return _check(text, allow_update)


# rdflib's parser takes ~5 ms a query, more than answering a small one: a server sees the same
# texts (the saved queries, a dashboard's queries) again and again. Only short texts are kept, so
# the cache stays under 512 x 16 KB whatever clients send; a refused text raises and is not kept.
_CACHED_TEXT = 16_384


@functools.lru_cache(maxsize=512)
def _check_cached(text: str, allow_update: bool) -> Checked:
    return _check(text, allow_update)


def _check(text: str, allow_update: bool) -> Checked:
    _refuse_deep_nesting(text)
    tree, form = _parse(text)
    if tree is not None:
        _refuse_in_tree(tree)
    else:
        _refuse_in_tokens(text)
        form = _syntax_check(text)
    if form == "update" and not allow_update:
        raise UpdateRefused("SPARQL UPDATE is refused: this endpoint is read-only")
    return Checked(text, form)


def _parse(text: str) -> tuple[Any, str]:
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    # rdflib's grammar raises pyparsing errors, and on odd input others; any failure here only
    # means "rdflib cannot tell", and the token scan plus pyoxigraph's parser take over.
    try:
        tree = parseQuery(text)
        return tree, _FORMS.get(getattr(tree[1], "name", ""), "select")
    except Exception:
        pass
    try:
        return parseUpdate(text), "update"
    except Exception:
        return None, ""


def _refuse_in_tree(node: Any) -> None:
    """Walk rdflib's parse tree (CompValue dicts and pyparsing lists) for refused operations."""
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if name in _REFUSED:
            raise QueryError(_REFUSED[name])
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(list(item))


_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[?$]?[A-Za-z_][\w.-]*(?::[\w.:%-]*)?|:[\w.:%-]*)
  | (?P<other>.)''', re.S | re.X)


def _keywords(text: str) -> list[str]:
    """The bare keywords of a query: no comments, strings, IRIs, variables or prefixed names."""
    return [m.group("word").upper() for m in _TOKENS.finditer(text)
            if m.lastgroup == "word" and ":" not in m.group("word") and m.group("word")[0] not in "?$"]


def leading_values(text: str, bindings: Mapping[str, Node] | None) -> str:
    """``text`` with ``bindings`` as a ``VALUES`` block opening its WHERE group.

    This is how saved-query parameters are bound, on every engine. pyoxigraph's ``substitutions``
    never reach its query planner: a bound ``?model`` still walks every event before matching it
    (53 ms against 0.5 ms at a million triples, ``bench/scale.py``). A VALUES block is joined
    first, so the bound value leads. Terms are written by rdflib (escaped N-Triples syntax) from
    checked RDF terms, never pasted in as the text a user typed.

    >>> leading_values("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("urn:a")})
    'SELECT ?x WHERE { VALUES (?x) { (<urn:a>) } ?x ?p ?o }'
    >>> leading_values("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", {"x": Literal("mid-June")})
    'CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x) { ("mid-June") } ?x ?p ?o }'
    >>> leading_values("CONSTRUCT WHERE { ?x ?p ?o }", {"x": URIRef("urn:a")})
    'CONSTRUCT WHERE { ?x ?p ?o }\\nVALUES (?x) { (<urn:a>) }'
    """
    if not bindings:
        return text
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"'{name}' is not a SPARQL variable name")
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(bindings[n].n3() for n in names)}) }}"
    brace = _where_brace(text)
    if brace is None:  # e.g. CONSTRUCT WHERE { }, whose group may hold triples only: VALUES goes last
        return f"{text}\n{block}"
    return f"{text[:brace + 1]} {block}{text[brace + 1:]}"


@functools.lru_cache(maxsize=256)  # the saved queries' texts, bound again and again
def _where_brace(text: str) -> int | None:
    """The offset of the ``{`` that opens the query's WHERE group (a CONSTRUCT template skipped);
    ``None`` for the short form ``CONSTRUCT WHERE { }``, whose group may hold triples only."""
    depth, form, where, template = 0, None, False, False
    for m in _TOKENS.finditer(text):
        if m.lastgroup == "word" and depth == 0:
            word = m.group().upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            where = where or word == "WHERE"
        elif m.lastgroup == "other" and m.group() in "{}":
            if m.group() == "}":
                depth -= 1
                continue
            if depth == 0 and form is not None:
                if form != "CONSTRUCT" or template:
                    return m.start()
                if where:
                    return None
                template = True
            depth += 1
    return None


MAX_NESTING = 64


def _refuse_deep_nesting(text: str) -> None:
    """Refuse groups nested deeper than :data:`MAX_NESTING` before any parser sees them.

    Both parsers recurse per level: rdflib hits Python's recursion limit and pyoxigraph overflows
    the native stack and kills the process (SIGSEGV), so a 20,000-deep query would take the
    server down. No real query comes near 64 levels.

    >>> _refuse_deep_nesting("SELECT * WHERE " + "{" * 100 + "}" * 100)
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: the query nests groups more than 64 levels deep; refused before parsing
    """
    depth = 0
    for m in _TOKENS.finditer(text):
        if m.lastgroup != "other":
            continue
        char = m.group()
        if char in "{([":
            depth += 1
            if depth > MAX_NESTING:
                raise QueryError(f"the query nests groups more than {MAX_NESTING} levels deep; refused before parsing")
        elif char in "})]":
            depth -= 1


def _refuse_in_tokens(text: str) -> None:
    words = set(_keywords(text))
    for word, name in (("SERVICE", "ServiceGraphPattern"), ("LOAD", "Load"), ("FROM", "DatasetClause")):
        if word in words:
            raise QueryError(_REFUSED[name])


def _syntax_check(text: str) -> str:
    """The form of a query rdflib could not parse, as pyoxigraph's parser sees it (no data, no URLs)."""
    words = _keywords(text)
    form = next((w.lower() for w in words if w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), "update")
    try:
        empty = ox.Store()
        if form == "update":
            empty.update(text, prefixes=PREFIX_IRIS)
        else:
            empty.query(text, prefixes=PREFIX_IRIS)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc))) from None
    except (RuntimeError, OSError, ValueError):
        pass  # parsed; failing at run time on an empty store is the engine's business later
    return form


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
