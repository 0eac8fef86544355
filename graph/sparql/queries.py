"""The saved query library: ``ontology/queries/*.rq`` with their questions and typed parameters.

Each file opens with a comment header, then the query::

    # Question: What happened to one model ...?
    # Parameters:
    #   model (model, default: Claude Mythos 5) - the model, by name, alias or id
    # Example answer:
    #   model | event | ...

``Parameters: none`` declares none. A parameter names a query variable; its type is a record kind
(``model``, ``organization``, ``person``, ``group``, ``channel``, ``event``, ``policy``,
``statement``, ``section``: the value is a name, alias, id or IRI, resolved against the graph), a
concept scheme (``status``, ``event-type``, ``openness``, ``precision``, ``org-kind``,
``statement-kind``), or ``string``, ``integer``, ``decimal``, ``date``, ``boolean``, ``iri``.
Values become checked RDF terms, bound as a ``VALUES`` block opening the query's WHERE group
(:func:`graph.store.querytext.leading_values`: the engine then starts from the bound value), written by
rdflib in escaped N-Triples syntax, never the text a user typed pasted into the query.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping

from rdflib.term import Literal, Node, URIRef

from graph.data import models
from graph.data.paths import query_dir
from graph.data.vocab import XSD, concept
from graph.errors import InputError, NotFoundError
from graph.store.resource_names import KIND_CLASSES, keep_names, resolve_name

__all__ = ["Param", "SavedQuery", "load_queries", "get_query", "parse_header", "bind_params",
           "to_term", "resolve_name", "run_saved", "keep_names", "page_args", "RESERVED_PARAMS", "KIND_CLASSES",
           "CONCEPT_TYPES"]

# Parameter type naming a concept scheme -> its allowed values (kept in step with ontology/regkg.ttl).
CONCEPT_TYPES = {
    "status": models.STATUSES, "event-type": models.EVENT_TYPES, "openness": models.OPENNESS,
    "precision": models.PRECISIONS, "org-kind": models.ORG_KINDS, "statement-kind": models.STATEMENT_KINDS,
    "legal-basis": models.LEGAL_BASES,
}
LITERAL_TYPES = ("string", "integer", "decimal", "date", "boolean", "iri")

_PARAM = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<type>[\w-]+)(?:\s*,\s*default:\s*(?P<default>[^)]*))?\)"
                    r"\s*(?:[-:—]\s*(?P<help>.*))?$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclasses.dataclass(frozen=True)
class Param:
    """A declared parameter: the variable it binds, its type, default and help text."""

    name: str
    type: str
    default: str | None = None
    help: str = ""


@dataclasses.dataclass(frozen=True)
class SavedQuery:
    """One ``.rq`` file: its name (the file stem), question, parameters, example answer and text."""

    name: str
    question: str
    params: tuple[Param, ...]
    example: str
    text: str
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def page(self, limit: int | None = None, offset: int = 0) -> str:
        """The text narrowed to one page of its rows: ``LIMIT`` / ``OFFSET`` after its ``ORDER BY``.

        Whole-graph listings run to tens of thousands of rows on a large graph, more than an
        endpoint's result cap; an analyst reads them a page at a time. Only an ordered query
        has stable pages, so a query without ``ORDER BY`` is refused.

        >>> get_query("plans-vs-events").page(100, 200).splitlines()[-1]
        'LIMIT 100 OFFSET 200'
        """
        if limit is None and not offset:
            return self.text
        if (limit is not None and limit < 0) or offset < 0:
            raise InputError("limit and offset must be 0 or more")
        body = _strip_comments(self.text)
        if not re.search(r"\bORDER\s+BY\b", body, re.I) or re.search(r"\b(LIMIT|OFFSET)\s+\d+\s*$", body, re.I):
            raise InputError(f"saved query '{self.name}' cannot be paged: it has no ORDER BY of its own "
                             "(pages would not be stable) or ends with its own LIMIT")
        return self.text.rstrip() + "\n" + " ".join(
            ([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset else []))


def parse_header(text: str, where: str = "query") -> tuple[str, tuple[Param, ...], str]:
    """The question, parameters and example answer of a saved query's comment header.

    >>> q, params, ex = parse_header('''# Question: Who?
    ... # Parameters:
    ... #   model (model, default: Fable 5) - the model
    ... # Example answer:
    ... #   a | b
    ... SELECT ?model WHERE { ?model ?p ?o }''')
    >>> q, params[0], ex
    ('Who?', Param(name='model', type='model', default='Fable 5', help='the model'), 'a | b')
    """
    section, question, params, example = None, [], [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line[1:].strip()
        head, _, rest = body.partition(":")
        key = head.strip().lower()
        # A key line is "# Key: ..."; indented lines ("#   ...") continue the current section.
        if key in ("question", "parameters", "example answer", "example") and not line[1:].startswith("  "):
            section, rest = key, rest.strip()
            if section == "question" and rest:
                question.append(rest)
            elif section.startswith("example") and rest:
                example.append(rest)
            elif section == "parameters" and rest and rest.lower() != "none":
                params.append(_param(rest, where))
            continue
        if section == "question":
            question.append(body)
        elif section == "parameters" and body:
            params.append(_param(body, where))
        elif section and section.startswith("example"):
            example.append(line[4:].rstrip() if line.startswith("#   ") else body)
    if not question:
        raise InputError(f"{where}: the header has no '# Question:' line")
    return " ".join(question), tuple(params), "\n".join(example).strip("\n")


def _param(line: str, where: str) -> Param:
    m = _PARAM.match(line)
    if not m:
        raise InputError(f"{where}: cannot read the parameter line '{line}'; "
                         "expected 'name (type, default: value) - help'")
    ptype = m.group("type")
    if ptype not in KIND_CLASSES and ptype not in CONCEPT_TYPES and ptype not in LITERAL_TYPES:
        raise InputError(f"{where}: parameter '{m.group('name')}' has unknown type '{ptype}'")
    default = m.group("default")
    return Param(m.group("name"), ptype, default.strip() if default else None, (m.group("help") or "").strip())


def load_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    """Every saved query of ``directory`` (default ``ontology/queries``), by name.

    >>> qs = load_queries()
    >>> len(qs) >= 15 and qs["model-history"].params[0].type
    'model'
    """
    directory = Path(directory or query_dir())
    out = {}
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question, params, example = parse_header(text, str(path))
        out[path.stem] = SavedQuery(path.stem, question, params, example, text, path)
    return out


def get_query(name: str, directory: Path | None = None) -> SavedQuery:
    """The saved query ``name``; :class:`graph.errors.NotFoundError` names the closest ones.

    >>> get_query("model-histroy")
    Traceback (most recent call last):
    ...
    graph.errors.NotFoundError: no saved query 'model-histroy'; closest: model-history, ...
    """
    queries = load_queries(directory)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(close)}" if close else "; 'regkg queries' lists them"
    raise NotFoundError(f"no saved query '{name}'{hint}")


def bind_params(query: SavedQuery, given: Mapping[str, str], store=None) -> dict[str, Node]:
    """RDF terms for the parameters of ``query``: given values, else defaults.

    Unknown and missing parameters are :class:`graph.errors.InputError`. Record kinds need
    ``store`` to resolve names.

    >>> q = get_query("statements-by-status")
    >>> bind_params(q, {"status": "planned"})
    {'status': rdflib.term.URIRef('https://w3id.org/regkg/status/planned')}
    >>> bind_params(q, {"colour": "red"})
    Traceback (most recent call last):
    ...
    graph.errors.InputError: saved query 'statements-by-status' has no parameter 'colour'; its parameters: status
    """
    declared = {p.name for p in query.params}
    unknown = sorted(set(given) - declared)
    if unknown:
        names = ", ".join(p.name for p in query.params) or "none"
        raise InputError(f"saved query '{query.name}' has no parameter '{unknown[0]}'; its parameters: {names}")
    out = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise InputError(f"saved query '{query.name}' needs parameter '{p.name}' ({p.type}): {p.help}")
        out[p.name] = to_term(p, value, store)
    return out


def to_term(param: Param, value: str, store=None) -> Node:
    """The RDF term for one parameter value, checked against the parameter's type.

    >>> to_term(Param("d", "date"), "2026-06-11")
    rdflib.term.Literal('2026-06-11', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#date'))
    >>> to_term(Param("n", "integer"), "ten")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: parameter 'n' must be an integer, not 'ten'
    """
    t, value = param.type, str(value).strip()
    if t in KIND_CLASSES:
        if store is None:
            raise InputError(f"parameter '{param.name}' ({t}) needs the graph to resolve '{value}'")
        return resolve_name(store, t, value)
    if t in CONCEPT_TYPES:
        if value not in CONCEPT_TYPES[t]:
            raise InputError(f"parameter '{param.name}' must be one of {', '.join(CONCEPT_TYPES[t])}, not '{value}'")
        return concept(t, value)
    return _literal(param, value)


def _literal(param: Param, value: str) -> Node:
    checks = {
        "string": (lambda v: Literal(v), "text"),
        "integer": (lambda v: Literal(int(v), datatype=XSD.integer), "an integer"),
        "decimal": (lambda v: Literal(Decimal(v), datatype=XSD.decimal), "a decimal number"),
        "date": (lambda v: Literal(dt.date.fromisoformat(v), datatype=XSD.date), "a date (YYYY-MM-DD)"),
        "boolean": (lambda v: Literal({"true": True, "false": False}[v.lower()]), "true or false"),
        "iri": (_iri, "an absolute IRI"),
    }
    make, what = checks[param.type]
    try:
        return make(value)
    except (ValueError, KeyError, InvalidOperation):
        raise InputError(f"parameter '{param.name}' must be {what}, not '{value}'") from None


def _iri(value: str) -> URIRef:
    if not _IRI.match(value):
        raise ValueError(value)
    return URIRef(value)


def run_saved(store, name: str, params: Mapping[str, str] | None = None, limit: int | None = None,
              offset: int = 0):
    """Run the saved query ``name`` with ``params`` on ``store``: a :class:`graph.store.stores.QueryResult`.

    ``limit`` and ``offset`` give one page of an ordered query's rows (:meth:`SavedQuery.page`).

    >>> from graph.store.build import open_graph
    >>> result = run_saved(open_graph(), "model-history", {"model": "Fable 5"})
    >>> len(result.rows) > 0
    True
    >>> len(run_saved(open_graph(), "plans-vs-events", limit=3).rows)
    3
    """
    query = get_query(name)
    return store.query(query.page(limit, offset), bind_params(query, params or {}, store))


# Request parameters of the endpoint's /queries/NAME that are not query parameters.
RESERVED_PARAMS = ("format", "limit", "offset")


def page_args(given: Mapping[str, str]) -> tuple[int | None, int]:
    """``(limit, offset)`` from request parameters given as text.

    >>> page_args({"limit": "50", "offset": "100"}), page_args({})
    ((50, 100), (None, 0))
    >>> page_args({"limit": "all"})
    Traceback (most recent call last):
    ...
    graph.errors.InputError: limit must be a whole number of rows (0 or more), not 'all'
    """
    values = []
    for key, default in (("limit", None), ("offset", 0)):
        text = given.get(key)
        if text is None:
            values.append(default)
        elif text.strip().isdigit() and text.strip().isascii():
            values.append(int(text))
        else:
            raise InputError(f"{key} must be a whole number of rows (0 or more), not '{text}'")
    return values[0], values[1]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
