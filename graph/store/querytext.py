"""The text of a SPARQL query, before any engine runs it: guard it, and bind its parameters.

:func:`check_query` parses a query before anything runs it: only query forms pass (UPDATE only
when the caller allows writing), and ``SERVICE``, ``LOAD`` and ``FROM`` are refused, because
pyoxigraph would fetch the URL a ``SERVICE`` names and rdflib the one a ``FROM`` names. The parse
is rdflib's SPARQL grammar (the AST is walked, not the text searched); a query rdflib cannot parse
is scanned token by token for those keywords, failing closed, and then given to pyoxigraph's parser
on an empty store, whose message (line and column) is the one a user sees.

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

__all__ = ["Checked", "check_query", "UpdateRefused", "leading_values", "syntax_message", "MAX_NESTING"]

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


@dataclasses.dataclass(frozen=True)
class Checked:
    """A query that passed :func:`check_query`: its text and form."""

    text: str
    form: str  # select, ask, construct, describe or update

    @property
    def kind(self) -> str:
        """``select``, ``ask``, ``graph`` (CONSTRUCT / DESCRIBE) or ``update``."""
        return "graph" if self.form in ("construct", "describe") else self.form


def check_query(text: str, allow_update: bool = False, dataset_elsewhere: bool = False) -> Checked:
    """Parse ``text`` and refuse what a read-only endpoint must not run.

    ``dataset_elsewhere``: the query's ``FROM`` / ``FROM NAMED`` are not this machine's to
    resolve, so they pass: the SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri``
    replace them, or the query goes to a remote store, which answers them itself.

    >>> check_query("SELECT * WHERE { ?s ?p ?o }").form
    'select'
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
        return _check_cached(text, allow_update, dataset_elsewhere)
    return _check(text, allow_update, dataset_elsewhere)


# rdflib's parser takes ~5 ms a query, more than answering a small one: a server sees the same
# texts (the saved queries, a dashboard's queries) again and again. Only short texts are kept, so
# the cache stays under 512 x 16 KB whatever clients send; a refused text raises and is not kept.
_CACHED_TEXT = 16_384


@functools.lru_cache(maxsize=512)
def _check_cached(text: str, allow_update: bool, dataset_elsewhere: bool) -> Checked:
    return _check(text, allow_update, dataset_elsewhere)


def _check(text: str, allow_update: bool, dataset_elsewhere: bool = False) -> Checked:
    _refuse_deep_nesting(text)
    passing = ("DatasetClause",) if dataset_elsewhere else ()
    tree, form = _parse(text)
    if tree is not None:
        _refuse_in_tree(tree, passing)
    else:
        _refuse_in_tokens(text, passing)
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


def _refuse_in_tree(node: Any, passing: tuple[str, ...] = ()) -> None:
    """Walk rdflib's parse tree (CompValue dicts and pyparsing lists) for refused operations."""
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if name in _REFUSED and name not in passing:
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


def _refuse_in_tokens(text: str, passing: tuple[str, ...] = ()) -> None:
    words = set(_keywords(text))
    for word, name in (("SERVICE", "ServiceGraphPattern"), ("LOAD", "Load"), ("FROM", "DatasetClause")):
        if word in words and name not in passing:
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
