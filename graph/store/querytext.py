"""The text of a SPARQL query, before any engine runs it: guard it, and bind its parameters.

:func:`check_query` parses a query before anything runs it: only query forms pass (UPDATE only
when the caller allows writing), and ``SERVICE`` and ``LOAD`` are refused, because pyoxigraph
would fetch the URL a ``SERVICE`` names. ``FROM`` / ``FROM NAMED`` pass only when every graph they
name is one the store holds (``known_graphs``: regkg's named graphs are its source documents);
otherwise they are refused, because rdflib (and a store that reads the web) would fetch the URL a
``FROM`` names. A caller that does not say which graphs it holds gets every ``FROM`` refused. The
parse is rdflib's SPARQL grammar (the AST is walked, not the text searched); a query rdflib cannot
parse is scanned token by token for those keywords, failing closed, and then given to pyoxigraph's
parser on an empty store, whose message (line and column) is the one a user sees.

:func:`with_dataset` writes ``FROM`` / ``FROM NAMED`` clauses into a query's text: how
``--known-on`` restricts a query to the documents published by a date, on any store.

:func:`leading_values` binds parameters as a ``VALUES`` block opening the WHERE group, the same
way on the embedded store, the endpoint and a remote store. Both live in the store layer because
every store (embedded and remote) and the endpoint above them need them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib.term import Literal, Node, URIRef

from graph.data.vocab import PREFIX_IRIS
from graph.errors import QueryError

__all__ = ["Checked", "check_query", "UpdateRefused", "leading_values", "syntax_message", "MAX_NESTING",
           "with_dataset", "dataset_of", "dataset_clauses", "FROM_REFUSED", "NO_GRAPH"]

_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "describe"}
_REFUSED = {
    "ServiceGraphPattern": "SERVICE (federated query) is refused: this endpoint never fetches a URL a query names",
    "Load": "LOAD is refused: this endpoint never fetches a URL a query names",
}
FROM_REFUSED = ("FROM / FROM NAMED is refused here: this endpoint never fetches a URL a query names, "
                "and it was not told which graphs it holds")


class UpdateRefused(QueryError):
    """A SPARQL UPDATE sent to a read-only store."""

    http_status = 403


@dataclasses.dataclass(frozen=True)
class Checked:
    """A query that passed :func:`check_query`: its text, form, and the graphs its ``FROM`` /
    ``FROM NAMED`` clauses name (``("default", iri)`` or ``("named", iri)``, in order)."""

    text: str
    form: str  # select, ask, construct, describe or update
    dataset: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        """``select``, ``ask``, ``graph`` (CONSTRUCT / DESCRIBE) or ``update``."""
        return "graph" if self.form in ("construct", "describe") else self.form


def check_query(text: str, allow_update: bool = False, known_graphs=None, dataset_elsewhere: bool = False) -> Checked:
    """Parse ``text`` and refuse what a read-only endpoint must not run.

    ``known_graphs`` are the IRIs of the named graphs the store holds: ``FROM`` / ``FROM NAMED``
    may name those and no others (``None``: the caller holds none it will vouch for, every ``FROM``
    is refused). :class:`graph.store.stores.OxigraphStore` ``.named_graphs()`` gives them.

    ``dataset_elsewhere``: the query's ``FROM`` / ``FROM NAMED`` are not this machine's to
    resolve, so they pass whatever they name: the SPARQL Protocol's ``default-graph-uri`` /
    ``named-graph-uri`` replace them, or the query goes to a remote store, which answers them itself.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }").form
    'select'
    >>> check_query("SELECT * FROM <urn:doc> WHERE { ?s ?p ?o }", known_graphs={"urn:doc"}).dataset
    (('default', 'urn:doc'),)
    >>> check_query("SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }", known_graphs={"urn:doc"})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: FROM <http://example.org/x.ttl> names no graph this store holds (its named graphs are its source documents: see 'regkg sources'); it is refused, never fetched
    >>> check_query("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SERVICE (federated query) is refused: this endpoint never fetches a URL a query names
    >>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    Traceback (most recent call last):
    ...
    graph.store.querytext.UpdateRefused: SPARQL UPDATE is refused: this endpoint is read-only
    >>> check_query("SELECT * WHERE {\\n ?s ?p \\n}")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: SPARQL syntax error at line 3, column 2: expected ...
    """
    if not text or not text.strip():
        raise QueryError("empty query")
    if len(text) <= _CACHED_TEXT:
        checked = _check_cached(text, allow_update, dataset_elsewhere)
    else:
        checked = _check(text, allow_update, dataset_elsewhere)
    if not dataset_elsewhere:
        _refuse_unknown_graphs(checked, known_graphs)
    return checked


def dataset_clauses(text: str) -> tuple[tuple[str, str], ...]:
    """The graphs the ``FROM`` / ``FROM NAMED`` clauses of ``text`` name (see :class:`Checked`), the
    query otherwise checked as by :func:`check_query`; ``()`` when it has none.

    >>> dataset_clauses("SELECT * FROM NAMED <urn:doc> WHERE { GRAPH ?g { ?s ?p ?o } }")
    (('named', 'urn:doc'),)
    """
    if not text or not text.strip():
        raise QueryError("empty query")
    return (_check_cached(text, False) if len(text) <= _CACHED_TEXT else _check(text, False)).dataset


def _refuse_unknown_graphs(checked: Checked, known_graphs) -> None:
    """The ``FROM`` rule: every graph a dataset clause names must be one the store holds."""
    if not checked.dataset:
        return
    if known_graphs is None:
        raise QueryError(FROM_REFUSED)
    for clause, graph in checked.dataset:
        if graph not in known_graphs and graph != NO_GRAPH:
            keyword = "FROM NAMED" if clause == "named" else "FROM"
            raise QueryError(f"{keyword} <{graph}> names no graph this store holds (its named graphs are its "
                             "source documents: see 'regkg sources'); it is refused, never fetched")


# rdflib's parser takes ~5 ms a query, more than answering a small one: a server sees the same
# texts (the saved queries, a dashboard's queries) again and again. Only short texts are kept, so
# the cache stays under 512 x 16 KB whatever clients send; a refused text raises and is not kept.
_CACHED_TEXT = 16_384


@functools.lru_cache(maxsize=512)
def _check_cached(text: str, allow_update: bool, dataset_elsewhere: bool = False) -> Checked:
    return _check(text, allow_update, dataset_elsewhere)


def _check(text: str, allow_update: bool, dataset_elsewhere: bool = False) -> Checked:
    _refuse_deep_nesting(text)
    tree, form = _parse(text)
    dataset: tuple = ()
    if tree is not None:
        _refuse_in_tree(tree)
        dataset = dataset_of(tree)
    else:
        _refuse_in_tokens(text, dataset_elsewhere)
        form = _syntax_check(text)
    if form == "update" and not allow_update:
        raise UpdateRefused("SPARQL UPDATE is refused: this endpoint is read-only")
    return Checked(text, form, dataset)


def dataset_of(tree: Any) -> tuple[tuple[str, str], ...]:
    """``(("default" | "named", iri), ...)`` of the dataset clauses of rdflib's parse tree of a query,
    prefixed names expanded (the query's own prefixes, then regkg's predeclared ones)."""
    try:
        prologue, query = tree[0], tree[1]
    except (IndexError, TypeError, KeyError):
        return ()
    # rdflib's CompValue.get answers a missing key with the key itself: test membership first.
    if not isinstance(query, dict) or "datasetClause" not in query:
        return ()
    prefixes = dict(PREFIX_IRIS)
    for decl in prologue or ():
        if getattr(decl, "name", None) == "PrefixDecl":
            prefixes[str(decl["prefix"]) if "prefix" in decl else ""] = str(decl["iri"])
    found = []
    for clause in query["datasetClause"]:
        kind = "named" if "named" in clause else "default"
        term = clause[kind]
        if getattr(term, "name", None) == "pname":
            prefix = str(term["prefix"]) if "prefix" in term else ""
            if prefix not in prefixes:
                raise QueryError(f"FROM names the undeclared prefix '{prefix}:'")
            term = prefixes[prefix] + (str(term["localname"]) if "localname" in term else "")
        found.append((kind, str(term)))
    return tuple(found)


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


def _refuse_in_tokens(text: str, dataset_elsewhere: bool = False) -> None:
    """For a query rdflib cannot parse: its graphs cannot be checked, so ``FROM`` is refused too
    (unless resolving them is someone else's: ``dataset_elsewhere``)."""
    words = set(_keywords(text))
    for word, name in (("SERVICE", "ServiceGraphPattern"), ("LOAD", "Load")):
        if word in words:
            raise QueryError(_REFUSED[name])
    if "FROM" in words and not dataset_elsewhere:
        raise QueryError(FROM_REFUSED)


#: A graph IRI no store holds: ``FROM`` it reads nothing (what was known before any source).
NO_GRAPH = "https://w3id.org/regkg/graph/none"


def with_dataset(text: str, default: list[str], named: list[str] | None = None) -> str:
    """``text`` with ``FROM <g>`` for each of ``default`` and ``FROM NAMED <g>`` for each of ``named``,
    written before its WHERE clause: the query then reads only those graphs, on any SPARQL store.

    An empty ``default`` still gets one ``FROM``: of :data:`NO_GRAPH`, a graph no store holds, so
    the query reads nothing rather than everything.

    >>> with_dataset("SELECT * WHERE { ?s ?p ?o }", ["urn:a"], ["urn:a"])
    'SELECT * FROM <urn:a> FROM NAMED <urn:a> WHERE { ?s ?p ?o }'
    >>> with_dataset("ASK { ?s ?p ?o }", [])
    'ASK FROM <https://w3id.org/regkg/graph/none> { ?s ?p ?o }'
    """
    graphs = list(default) or [NO_GRAPH]
    for g in [*graphs, *(named or [])]:
        if not _IRI_TEXT.fullmatch(g):
            raise QueryError(f"'{g}' is not an IRI a FROM clause can name")
    clauses = " ".join([*(f"FROM <{g}>" for g in graphs), *(f"FROM NAMED <{g}>" for g in named or [])])
    at = _dataset_position(text)
    return f"{text[:at].rstrip()} {clauses} {text[at:].lstrip()}"


_IRI_TEXT = re.compile(r'[^<>"{}|^`\\\x00-\x20]+')


def _dataset_position(text: str) -> int:
    """Where dataset clauses go: before the query's ``WHERE`` keyword, or its ``{`` when it has none."""
    brace = _where_brace(text)
    if brace is None:  # CONSTRUCT WHERE { }: the keyword is the last word before the group
        words = [m.group().upper() for m in _TOKENS.finditer(text) if m.lastgroup == "word"]
        where = [m for m in _TOKENS.finditer(text) if m.lastgroup == "word" and m.group().upper() == "WHERE"]
        if where:
            return where[0].start()
        if "DESCRIBE" in words and not {"LIMIT", "OFFSET", "ORDER", "VALUES"} & set(words):
            return len(text.rstrip())  # DESCRIBE <iri> with no WHERE clause: the dataset comes last
        raise QueryError("cannot find the WHERE clause of this query to add FROM to it")
    last_word = None
    for m in _TOKENS.finditer(text, 0, brace):
        if m.lastgroup == "word":
            last_word = m
        elif m.lastgroup == "other" and not m.group().isspace():
            last_word = None
    if last_word is not None and last_word.group().upper() == "WHERE":
        return last_word.start()
    return brace


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


def syntax_message(raw: str) -> str:
    """pyoxigraph's ``error at L:C: ...`` as a sentence naming line and column.

    >>> syntax_message("error at 3:2: expected OPTIONAL")
    'SPARQL syntax error at line 3, column 2: expected OPTIONAL'
    """
    head, sep, rest = raw.partition(": ")
    if head.startswith("error at ") and ":" in head and sep:
        line, _, col = head[len("error at "):].partition(":")
        return f"SPARQL syntax error at line {line}, column {col.split('-')[0]}: {rest}"
    return f"SPARQL syntax error: {raw}"
