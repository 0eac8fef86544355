"""Project the RDF graph into a networkx ``MultiDiGraph`` for the algorithms of regkg.

Nothing else reads RDF for algorithms: :mod:`graph.policy.access`, :mod:`graph.policy.timeline` and the HTML
browser work on this projection. Nodes are IRIs (strings) with plain attributes; edges carry the
relation as a prefixed name (``"odrl:target"``). Concepts (status, type, precision) become node
attributes rather than nodes, so a graph walk only meets things a person would name.

Sources. The default graph gives the nodes, attributes and edges; the named graphs (one per
source document, see :mod:`graph.data.rdf_build`) say who supports them: a node's and an edge's
``documents`` attribute is the sorted tuple of the source documents whose graphs hold it (absent on
a graph loaded without named graphs: :func:`documents_of` then reads them from the node's cited
sections). Where documents disagree on a node's dates or status (:data:`DISPUTED`), the node keeps
each document's account in ``claims`` (``{document: {attribute: value}}``), names the disputed
attributes in ``disputed``, and its own attributes are settled by :func:`settle_claims`: the
prevailing document's account when the data names one, else the widest window (see there).
:mod:`graph.policy.knowledge` decides with each account in turn.

Speed (``bench/scale.py`` measures it): on a pyoxigraph store the projection reads pyoxigraph
triples (from the N-Triples file the build loaded, when it is still there: reading an on-disk
store back costs a RocksDB lookup per term) and dispatches on the predicate, instead of turning
every triple into rdflib terms; node IRIs and attribute values are shared string objects; edges
go straight into networkx's adjacency dicts. A build writes the projection next to its store
(:data:`CACHE_FILE`), so a fresh process unpickles it instead of projecting again.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import pickle
from pathlib import Path
from typing import Any, Iterator

import networkx as nx

from graph.data.iris import XSD

__all__ = ["project", "short", "NODE_KINDS", "CACHE_FILE", "KEY_FILE", "write_cache", "read_cache", "cached_index_key",
           "projection_key", "triples_file_entry", "CLAIMED", "DISPUTED", "settle_claims", "documents_of",
           "prevailing_document"]

# rdf:type -> kind, most specific first: a node gets the first kind it has.
NODE_KINDS: list[tuple[str, str]] = [
    ("rkg:GovernmentBody", "government"), ("rkg:Company", "company"), ("rkg:Organization", "organization"),
    ("rkg:Person", "person"), ("rkg:AIModel", "model"), ("rkg:Audience", "group"), ("rkg:Service", "service"),
    ("rkg:Channel", "channel"), ("rkg:Inference", "inference"),
    ("rkg:Event", "event"), ("rkg:AccessPolicy", "policy"), ("odrl:Permission", "permission"),
    ("odrl:Prohibition", "prohibition"), ("odrl:Duty", "duty"), ("odrl:Constraint", "constraint"),
    ("odrl:LogicalConstraint", "constraint"), ("rkg:Statement", "statement"), ("rkg:Figure", "figure"),
    ("rkg:FigureSeries", "figure-series"), ("rkg:Price", "price"), ("rkg:BenchmarkScore", "score"),
    ("rkg:SourceDocument", "source"), ("rkg:SourceSection", "source-section"), ("schema:Country", "country"),
    ("rkg:Quote", "quote"),
]
_KIND_RANK = {cls: i for i, (cls, _) in enumerate(NODE_KINDS)}
_KIND_OF = dict(NODE_KINDS)

# Single-valued literal or concept properties that become node attributes. The projection holds
# what the access, timeline, describe and browser code reads; the rest stays in the store for
# SPARQL: the recording date of every record (a fifth of all triples) and the measures, periods,
# values and units of figures (names, sources and status of figures, prices and scores stay).
_ATTRIBUTES = {
    "rdfs:label": "label", "rkg:status": "status", "rkg:dateText": "date_text",
    "sem:hasEarliestBeginTimeStamp": "earliest", "sem:hasLatestEndTimeStamp": "latest",
    "rkg:precision": "precision", "rkg:eventType": "event_type", "rkg:statementKind": "statement_kind",
    "rkg:openness": "openness", "dcterms:description": "description",
    "skos:note": "note", "odrl:leftOperand": "left_operand", "odrl:operator": "operator",
    "rkg:organizationKind": "organization_kind", "rkg:authority": "authority",
    # The compliance engine needs each rule's action, and `regkg groups` how a source describes the
    # members of a group; both used to be read from the store after projecting.
    "odrl:action": "action", "rkg:membersText": "members_text",
    # Party matching must know which audience admits every party, from the data, not from an id.
    "rkg:universal": "universal",
    # Decisions weigh authorities (lex superior) and mark what the curator inferred.
    "rkg:authorityRank": "authority_rank", "rkg:inferred": "inferred", "rkg:inferenceSummary": "inferred_from",
    # Source documents (regkg sources, the knowledge horizon) and the curator's choice where they disagree.
    "dcterms:language": "language", "rkg:documentKind": "document_kind", "rkg:dateBasis": "date_basis",
    "rkg:retrievedOn": "retrieved", "dcterms:bibliographicCitation": "citation",
    "rkg:prevailingReason": "prevailing_reason",
    # The public record (issue 11): the ground an act rests on, how many independent originals
    # report it, and the original a copied page repeats when that original is not a source here.
    "rkg:legalBasis": "legal_basis", "rkg:independentSources": "independent_sources",
    "rkg:relaysExternal": "relays_external",
    # Issues 19 and 20: a rule that binds beyond its authority's jurisdiction; the words of a quote.
    "rkg:extraterritorial": "extraterritorial", "rdf:value": "text", "rkg:minimumMembers": "min_members",
    "rkg:memberKind": "member_kind",
}
# Logical constraints: their operands (an rdf:List) become the node's ``operands``, the operator ``logical``.
_LOGICAL = {"odrl:and": "and", "odrl:or": "or", "odrl:xone": "xone", "odrl:andSequence": "andSequence"}
# schema:url is an IRI: kept as an attribute (the page is not a node of the graph), not as an edge.
_IRI_ATTRIBUTES = {"schema:url": "url"}

#: Attributes each source document's account of a node gives (its named graph's values) ...
CLAIMED = ("earliest", "latest", "status", "date_text", "precision")
#: ... and those on which two accounts disagree make the node *disputed*: the time rule reads them.
DISPUTED = ("earliest", "latest", "status")
_LIST_ATTRIBUTES = {"skos:altLabel": "aliases", "odrl:rightOperand": "right_operands"}
_SKIPPED = {"rdf:type", "skos:prefLabel", "odrl:uid", "skos:inScheme"}
_SORTED_LISTS = ("sources", *_LIST_ATTRIBUTES.values())
_CONCEPT_PREFIXES = ("status", "etype", "precision", "openness", "orgkind", "skind", "basis")

CACHE_FILE = "projection.pickle"
KEY_FILE = "projection.key"  # which code wrote the pickle (JSON): read before the pickle is
# Bump when the projection's contents change, so caches written by an older regkg are not used.
CACHE_VERSION = 9  # 9: quotes, parents of organisations, complies-with, extraterritorial (issues 19, 20); 8: legal bases, jurisdictions, availability reports (issue 11); 7: authorities, inferences, services, logical operands (issue 15); 6: documents (issue 10)
#: The modules that make the projection and the store's own indexes (names): the projection key.
PROJECTION_MODULES = ("store/project.py", "store/memo.py", "store/names.py", "data/iris.py")
_STORE_INDEXES = ("names",)


def projection_key() -> str:
    """Which code makes the projection (:func:`graph.store.memo.code_key`): a cache with another key
    is never read."""
    from graph.store.memo import code_key

    return code_key(*PROJECTION_MODULES)


def short(iri: str) -> str:
    """A prefixed name for ``iri`` when one of regkg's prefixes fits.

    >>> short("http://www.w3.org/ns/odrl/2/target")
    'odrl:target'
    """
    for prefix, ns in _namespaces():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@functools.cache
def _namespaces() -> list[tuple[str, str]]:
    # graph.data.vocab imports rdflib (a third of a fresh `regkg check`); only projecting needs it,
    # reading the cached projection does not.
    from graph.data.vocab import PREFIXES

    return [(prefix, str(ns)) for prefix, ns in PREFIXES.items() if prefix != "id"]


def project(store, cache: bool = True) -> nx.MultiDiGraph:
    """The networkx projection of every typed resource of ``store`` and the links between them.

    Node attributes: ``kind`` (see :data:`NODE_KINDS`), ``label``, ``aliases``, ``status``,
    ``date_text``, ``earliest`` / ``latest`` (ISO dates), ``precision``, ``sources`` (section
    IRIs), ``description``, ``event_type``, ``action`` (rules) and a few more; edge attribute
    ``relation``. The store of a build is projected once, at build time: unless ``cache`` is
    false, this returns a fresh copy of that projection.

    Examples
    --------
    >>> from graph.store.build import open_graph
    >>> G = project(open_graph())
    >>> G.nodes["https://w3id.org/regkg/id/model/claude-mythos-5"]["label"]
    'Claude Mythos 5'
    >>> G.nodes["https://w3id.org/regkg/id/event/export-control-directive"]["date_text"]
    'mid-June 2026'
    """
    cached = read_cache(_build_dir_of(store)) if cache else None
    if cached is not None:
        return cached
    if not hasattr(store, "ox"):
        return _project_terms(store)
    import gc

    # Hundreds of thousands of new dicts would trigger the cyclic collector over and over (a third
    # of the time at 1M triples); the projection makes no cycles the collector needs to break.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _project_oxigraph(store)
    finally:
        if enabled:
            gc.enable()


# -- the cache a build keeps beside its store ----------------------------------------------------

def _build_dir_of(store) -> Path | None:
    path = getattr(store, "path", None)
    return Path(path).parent if path is not None else None


def read_cache(build_dir: Path | None, index_key: str | None = None) -> nx.MultiDiGraph | None:
    """The projection pickled in ``build_dir`` by :func:`write_cache`, or ``None``.

    Only a cache written by this code is read (:func:`projection_key`, checked before unpickling).
    The store's indexes pickled with it are handed to :func:`graph.store.memo.adopt_indexes`, and
    the others (a policy's) only when they were built by the code whose key is ``index_key``, so
    a fresh process neither projects nor indexes again, and never answers from indexes that
    other code built.
    """
    if build_dir is None:
        return None
    keys = _keys(Path(build_dir))
    if keys.get("projection") != projection_key():
        return None
    import gc

    enabled = gc.isenabled()
    gc.disable()  # unpickling makes hundreds of thousands of dicts: see project()
    try:
        with open(Path(build_dir) / CACHE_FILE, "rb") as f:
            version, G, indexes = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return None
    finally:
        if enabled:
            gc.enable()
    if version != CACHE_VERSION:
        return None
    if index_key is None or keys.get("indexes") != index_key:
        indexes = {k: v for k, v in (indexes or {}).items() if k in _STORE_INDEXES}
    if indexes:
        from graph.store.memo import adopt_indexes

        adopt_indexes(G, indexes)
    return G


def cached_index_key(build_dir: Path) -> str | None:
    """The key of the code that built the indexes cached in ``build_dir`` (None: none cached)."""
    return _keys(Path(build_dir)).get("indexes")


def _keys(build_dir: Path) -> dict:
    try:
        keys = json.loads((build_dir / KEY_FILE).read_text())
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def write_cache(build_dir: Path, G: nx.MultiDiGraph, indexes: dict | None = None, index_key: str | None = None) -> None:
    """Pickle ``G`` (and the ``indexes`` built for it by the code ``index_key`` names) into
    ``build_dir`` through a temporary file and one rename (never half-written), then record which
    code wrote it. One pickle, so the indexes share ``G``'s strings."""
    import tempfile

    (Path(build_dir) / KEY_FILE).unlink(missing_ok=True)  # no key while the pickle changes: it is not read
    fd, tmp = tempfile.mkstemp(prefix=f".{CACHE_FILE}.", dir=build_dir)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump((CACHE_VERSION, G, indexes or {}), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, Path(build_dir) / CACHE_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    keys = {"projection": projection_key(), "indexes": index_key if indexes else None}
    fd, tmp = tempfile.mkstemp(prefix=f".{KEY_FILE}.", dir=build_dir)
    with os.fdopen(fd, "w") as f:
        json.dump(keys, f)
    os.replace(tmp, Path(build_dir) / KEY_FILE)


# -- fast path: pyoxigraph triples, dispatched on the predicate ---------------------------------

_SKIP, _EDGE, _ATTR, _LIST, _SOURCES, _IRI_ATTR, _LOGIC = range(7)


def _spec(iri: str) -> tuple[int, str, str | None]:
    """How a predicate is projected: (what to do, its prefixed name, the attribute it fills)."""
    name = short(iri)
    if name in _SKIPPED:
        return _SKIP, name, None
    if name == "prov:wasDerivedFrom":
        return _SOURCES, name, "sources"
    if name in _LOGICAL:
        return _LOGIC, name, _LOGICAL[name]
    if name in _ATTRIBUTES:
        return _ATTR, name, _ATTRIBUTES[name]
    if name in _LIST_ATTRIBUTES:
        return _LIST, name, _LIST_ATTRIBUTES[name]
    if name in _IRI_ATTRIBUTES:
        return _IRI_ATTR, name, _IRI_ATTRIBUTES[name]
    return _EDGE, name, None


def _project_oxigraph(store) -> nx.MultiDiGraph:
    """Project from pyoxigraph triples, in one pass: the build's N-Triples file when there is one.

    Reading the file a build loaded its store from is several times faster than reading an on-disk
    store back (every term of an answer costs a RocksDB lookup there); a build directory never
    changes after it is made, so the two hold the same triples. Which subjects are nodes is only
    known at the end (a type may come after the other triples of its subject), so attributes are
    gathered per subject and edges kept as candidates, then both are cut down to typed nodes.
    """
    import pyoxigraph as ox

    named, literal = ox.NamedNode, ox.Literal
    default_graph = ox.DefaultGraph
    xsd_string = named(_XSD + "string")  # most attribute values: compared in Rust, taken as they are
    rdf_type = _expand("rdf:type")
    kind_by_iri = _kind_by_iri()
    kinds: dict[str, str] = {}  # subject -> its most specific class of NODE_KINDS
    pending: dict[str, dict] = {}  # subject -> attributes gathered so far
    outgoing: dict[str, list] = {}  # subject -> [(object IRI, relation)], cut to nodes at the end
    specs: dict[str, tuple] = {}
    values: dict[Any, Any] = {}  # interned attribute values: thousands of nodes share "occurred"
    lists = _Lists()
    support = _Support()  # what the named graphs (the source documents) say
    last = s = attrs = out = None  # the subject of the previous triple: a file groups a subject's triples
    for t in _triples(store):
        subject = t.subject
        if type(t.graph_name) is not default_graph:
            if type(subject) is named:
                p = t.predicate.value
                o = t.object
                support.add(subject.value, o, type(o) is named, t.graph_name.value,
                            specs.get(p) or specs.setdefault(p, _spec(p)), values)
            continue
        if subject != last:
            if type(subject) is not named:
                lists.cell(subject, t.predicate.value, t.object)
                continue
            last, s, attrs = subject, subject.value, None
        p = t.predicate.value
        o = t.object
        if p == rdf_type:
            cls = kind_by_iri.get(o.value) if type(o) is named else None
            if cls is not None:
                best = kinds.get(s)
                if best is None or _KIND_RANK[cls] < _KIND_RANK[best]:
                    kinds[s] = cls
            continue
        spec = specs.get(p) or specs.setdefault(p, _spec(p))
        what = spec[0]
        o_named = type(o) is named
        if what == _SKIP or (what == _EDGE and not o_named):
            continue  # e.g. a literal no attribute wants (recording dates, figure values, ...)
        if attrs is None:
            attrs = pending.get(s)
            if attrs is None:
                attrs = pending[s] = {"kind": None, "aliases": [], "sources": []}
                out = outgoing[s] = []
            else:
                out = outgoing[s]
        if what == _EDGE:
            out.append((o.value, spec[1]))
            continue
        if what == _LOGIC:
            attrs["logical"] = spec[2]
            lists.head(s, o)
            continue
        if what == _SOURCES:
            target = o.value
            sources = attrs["sources"]
            if target not in sources:  # a file may repeat a triple that a store keeps once
                sources.append(target)
            if o_named:
                out.append((target, spec[1]))
            continue
        if what == _IRI_ATTR:
            _set_once(attrs, spec[2], o.value)
            continue
        if type(o) is literal and o.datatype == xsd_string:
            value = o.value
        else:
            value = values.get(o)  # terms hash in Rust: cheaper than a key built from their parts
            if value is None:
                value = values[o] = _ox_value(o)
        if what == _ATTR:
            _set_once(attrs, spec[2], value)
        else:
            _append_once(attrs.setdefault(spec[2], []), value)
        if o_named:
            out.append((o.value, spec[1]))
    lists.expand(pending)
    return _assemble(kinds, pending, outgoing, support)


def _set_once(attrs: dict, key: str, value) -> None:
    """A single-valued attribute that two statements give two values (two documents' notes on one
    event) keeps the first of them in a fixed order, not the last the store happened to list: two
    builds of the same data gave two pages. (Dates and status the documents disagree on are
    ``claims``, weighed by the knowledge layer.)"""
    old = attrs.get(key)
    if old is None or (type(value).__name__, str(value)) < (type(old).__name__, str(old)):
        attrs[key] = value


class _Lists:
    """The rdf:List cells of logical constraints, gathered while projecting and expanded at the end."""

    _FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
    _REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"

    def __init__(self):
        self.first, self.rest, self.heads = {}, {}, {}

    def cell(self, node, predicate: str, obj) -> None:
        key = str(node)
        if predicate == self._FIRST:
            self.first[key] = str(getattr(obj, "value", obj))
        elif predicate == self._REST:
            self.rest[key] = str(obj)

    def head(self, subject: str, obj) -> None:
        self.heads[subject] = str(obj)

    def expand(self, pending: dict[str, dict]) -> None:
        for subject, cell in self.heads.items():
            operands, seen = [], set()
            while cell in self.first and cell not in seen:
                seen.add(cell)
                operands.append(self.first[cell])
                cell = self.rest.get(cell)
            pending[subject]["operands"] = operands


class _Support:
    """What the named graphs say: which documents hold each node and edge, and each document's
    account of a node's dates and status (:data:`CLAIMED`)."""

    def __init__(self):
        self.nodes: dict[str, set] = {}  # subject -> documents
        self.edges: dict[tuple, set] = {}  # (subject, object, relation) -> documents
        self.claims: dict[str, dict] = {}  # subject -> {document: {attribute: value}}
        self.docs: dict[str, str] = {}  # one string object per document IRI

    def add(self, s: str, o, o_named: bool, doc: str, spec: tuple, values: dict) -> None:
        doc = self.docs.setdefault(doc, doc)
        self.nodes.setdefault(s, set()).add(doc)
        what, relation, attribute = spec
        if what == _SKIP:
            return
        if o_named and what != _IRI_ATTR:
            self.edges.setdefault((s, o.value, relation), set()).add(doc)
        if what == _ATTR and attribute in CLAIMED:
            value = values.get(o)
            if value is None:
                value = values[o] = _ox_value(o)
            self.claims.setdefault(s, {}).setdefault(doc, {})[attribute] = value

    def of_node(self, node: str, interned: dict) -> tuple[str, ...] | None:
        docs = self.nodes.get(node)
        return _interned(docs, interned) if docs else None

    def of_edge(self, key: tuple, interned: dict) -> tuple[str, ...] | None:
        docs = self.edges.get(key)
        return _interned(docs, interned) if docs else None


def _interned(docs: set, interned: dict) -> tuple[str, ...]:
    key = tuple(sorted(docs))
    return interned.setdefault(key, key)  # thousands of nodes share one document tuple


def settle_claims(attrs: dict, documents=None, chosen: str | None = None, prevailing: str | None = None) -> dict:
    """``attrs`` with its :data:`CLAIMED` attributes settled from the accounts of ``documents``.

    The account followed is ``chosen``'s, else the ``prevailing`` document's (the curator's choice
    recorded in the data), else the only account among ``documents`` (all accounts when ``None``).
    When several accounts remain, the window is their union (the earliest lower bound and the
    latest upper bound; a missing bound is unbounded), so a decision on a date between two
    accounts' dates comes out uncertain; the status and precision are the first account's (by
    document IRI) and the date as written joins the accounts'. A node without ``claims`` is
    returned as it is; otherwise a new dict.

    >>> a = {"label": "removal", "claims": {"urn:a": {"earliest": "2025-01-29", "latest": "2025-01-29",
    ...      "status": "occurred", "date_text": "29 January"},
    ...      "urn:b": {"earliest": "2025-01-28", "latest": "2025-01-28", "status": "occurred", "date_text": "28 January"}}}
    >>> w = settle_claims(a); (w["earliest"], w["latest"], w["date_text"])
    ('2025-01-28', '2025-01-29', '29 January / 28 January')
    >>> settle_claims(a, documents={"urn:b"})["latest"]
    '2025-01-28'
    >>> settle_claims(a, prevailing="urn:a")["latest"]
    '2025-01-29'
    """
    claims = attrs.get("claims")
    if not claims:
        return attrs
    accounts = {d: c for d, c in claims.items() if documents is None or d in documents}
    pick = chosen if chosen in accounts else prevailing if prevailing in accounts else None
    if pick is None and len(accounts) == 1:
        pick = next(iter(accounts))
    settled = {k: v for k, v in attrs.items() if k not in CLAIMED}
    if pick is not None:
        settled.update(accounts[pick])
        return settled
    if not accounts:
        return {**settled, **{k: v for k, v in attrs.items() if k in CLAIMED}}
    ordered = [accounts[d] for d in sorted(accounts)]
    lows, highs = [c.get("earliest") for c in ordered], [c.get("latest") for c in ordered]
    if None not in lows:
        settled["earliest"] = min(lows)
    if None not in highs:
        settled["latest"] = max(highs)
    texts = [c["date_text"] for c in ordered if c.get("date_text")]
    if texts:
        settled["date_text"] = " / ".join(dict.fromkeys(texts))
    for key in ("status", "precision"):
        if key in ordered[0]:
            settled[key] = ordered[0][key]
    return settled


def prevailing_document(G: nx.MultiDiGraph, node: str) -> str | None:
    """The source document whose account of ``node`` the data says to follow, if any."""
    return next((v for _, v, r in G.out_edges(node, data="relation") if r == "rkg:prevailingSource"), None)


def documents_of(G: nx.MultiDiGraph, node: str, attrs: dict | None = None) -> tuple[str, ...]:
    """The source documents that support ``node``: its ``documents``, or, on a graph loaded without
    named graphs, the documents of the sections it cites (``dcterms:isPartOf``).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:e", kind="event", sources=["urn:doc/s1"])
    >>> G.add_node("urn:doc/s1", kind="source-section"); G.add_node("urn:doc", kind="source")
    >>> _ = G.add_edge("urn:doc/s1", "urn:doc", relation="dcterms:isPartOf")
    >>> documents_of(G, "urn:e")
    ('urn:doc',)
    """
    attrs = G.nodes[node] if attrs is None else attrs
    docs = attrs.get("documents")
    if docs is not None:
        return docs
    found = [v for s in attrs.get("sources", ()) if s in G
             for _, v, r in G.out_edges(s, data="relation") if r == "dcterms:isPartOf"]
    return tuple(sorted(set(found)))


def _assemble(kinds: dict[str, str], pending: dict[str, dict], outgoing: dict[str, list],
              support: _Support | None = None) -> nx.MultiDiGraph:
    """The graph of the typed subjects, in IRI order, with the edges between them in (IRI, relation) order.

    A file's (or a store's hash) order would leak into every walk of the graph: sorting makes the
    nodes, the edges of each node, each node's attributes and the list attributes come in the same
    order in every build.
    """
    support = support or _Support()
    interned: dict[tuple, tuple] = {}
    G = nx.MultiDiGraph()
    nodes = sorted(kinds)
    attrs_of = {}
    for node in nodes:
        attrs = pending.get(node)  # made with "kind" first, so filling it in keeps the key order
        if attrs is None:
            attrs = {"kind": None, "aliases": [], "sources": []}
        attrs["kind"] = _KIND_OF[kinds[node]]
        if "label" not in attrs:
            attrs["label"] = short(node)
        for key in _SORTED_LISTS:
            values = attrs.get(key)
            if values and len(values) > 1:
                values.sort(key=str)
        docs = support.of_node(node, interned)
        if docs:
            attrs["documents"] = docs
        # The rest in name order: they were filled in the store's order of quads, which two builds
        # of the same data need not share (the page lists a node's attributes as they come).
        attrs = {"kind": attrs["kind"], **dict(sorted(((k, v) for k, v in attrs.items() if k != "kind"),
                                                      key=lambda kv: kv[0]))}
        attrs_of[node] = _with_claims(attrs, support.claims.get(node), outgoing.get(node, ()))
    _add_nodes(G, attrs_of)
    canonical = {node: node for node in nodes}  # one string object per IRI, shared by its edges
    edges = []
    for u in nodes:  # sorting each node's few edges is far cheaper than one sort of them all
        out = outgoing.get(u)
        if out:
            kept = [(canonical[v], r) for v, r in out if v in canonical]
            kept.sort()
            edges += [(u, v, r) for v, r in kept]
    _add_edges(G, edges, support.edges and (lambda key: support.of_edge(key, interned)))
    return G


def _with_claims(attrs: dict, per_document: dict | None, out) -> dict:
    """``attrs`` with ``claims`` and ``disputed`` when two documents' accounts differ on :data:`DISPUTED`."""
    if not per_document or len(per_document) < 2:
        return attrs
    disputed = tuple(a for a in DISPUTED if len({c[a] for c in per_document.values() if a in c}) > 1)
    if not disputed:
        return attrs
    # Sorted both ways: the quads come in the store's order, and an answer that shows the accounts
    # must read the same from every build of the same data.
    attrs["claims"] = {doc: dict(sorted(per_document[doc].items())) for doc in sorted(per_document)}
    attrs["disputed"] = disputed
    prevailing = next((v for v, r in out if r == "rkg:prevailingSource"), None)
    return settle_claims(attrs, prevailing=prevailing)


def _add_nodes(G: nx.MultiDiGraph, attrs_of: dict[str, dict]) -> None:
    """Add new nodes with their (fresh) attribute dicts, as ``add_nodes_from(attrs_of.items())`` would.

    Written straight into networkx's dicts like :func:`_add_edges`: ``add_nodes_from`` takes an
    exception and two dict copies per ``(node, attrs)`` pair (~0.15 s of the projection at 1M triples).
    """
    node, succ, pred = G._node, G._succ, G._pred
    for n, attrs in attrs_of.items():
        succ[n] = {}
        pred[n] = {}
        node[n] = attrs
    getattr(nx, "_clear_cache", lambda g: None)(G)


def _append_once(values: list, value) -> None:
    """Lists hold each value once: an N-Triples file may repeat a triple that a store keeps once."""
    if value not in values:
        values.append(value)


def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return dict(_namespaces())[prefix] + local


@functools.cache
def _kind_by_iri() -> dict[str, str]:
    return {_expand(cls): cls for cls in _KIND_RANK}


def _triples(store) -> Iterator:
    """The store's quads: parsed from the file its build loaded (N-Quads, or N-Triples for a bulk
    load), if still unchanged; else read from the store, every graph."""
    import pyoxigraph as ox

    dump = _triples_file(_build_dir_of(store))
    if dump is not None:
        # Lenient: the store's bulk load already checked every IRI of this very file (its size and
        # time still match the manifest); checking them again was a third of the projection.
        fmt = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(dump.suffix, ox.RdfFormat.N_TRIPLES)
        return ox.parse(path=str(dump), format=fmt, lenient=True)
    return store.ox.quads_for_pattern(None, None, None, None)


def _triples_file(build_dir: Path | None) -> Path | None:
    """The manifest's ``triples_file`` when its size and time still match what was loaded."""
    if build_dir is None:
        return None
    try:
        manifest = json.loads((build_dir / "manifest.json").read_text())
        entry = manifest["triples_file"]
        path = build_dir / entry["path"]  # relative to the build, or absolute
        st = path.stat()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if (st.st_size, st.st_mtime_ns) == (entry["size"], entry["mtime_ns"]) else None


def _ox_value(term) -> str | float | int:
    """A pyoxigraph term as the projection stores it (the value :func:`_plain` gives an rdflib term)."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return _typed(term.value, term.datatype.value)
    if isinstance(term, ox.NamedNode):
        return _concept_or_short(term.value)
    return term.value


def _add_edges(G: nx.MultiDiGraph, edges: list[tuple[str, str, str]], documents=None) -> None:
    """Add ``(u, v, relation)`` edges, keyed by relation, as ``add_edge(u, v, key=r, relation=r)`` would.

    Written straight into the adjacency dicts: networkx's ``add_edges_from`` costs ~6 µs an edge
    (key bookkeeping), a third of the whole projection at 1M triples. The layout used is the one
    networkx documents for multigraphs: ``G._succ[u][v][key] = attrs``, with ``G._pred[v][u]``
    the same key dict; every node here is already in the graph.
    """
    succ, pred, key_dict = G._succ, G._pred, G.edge_key_dict_factory
    for u, v, relation in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = key_dict()
        data = keys[relation] = {"relation": relation}
        if documents:
            docs = documents((u, v, relation))
            if docs:
                data["documents"] = docs  # the source documents whose named graphs hold this edge
    getattr(nx, "_clear_cache", lambda g: None)(G)


_XSD = XSD  # graph.data.iris: this module is on the rdflib-free start-up path
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
_FLOATS = {_XSD + "double", _XSD + "float"}


def _typed(lexical: str, datatype: str) -> str | float | int:
    """What rdflib's ``toPython`` would give, made plain: dates as ISO text, numbers as numbers."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _FLOATS:
            return float(lexical)
        if datatype == _XSD + "boolean":
            return lexical in ("true", "1")
        if datatype == _XSD + "date":
            return dt.date.fromisoformat(lexical).isoformat()
        if datatype == _XSD + "dateTime":
            return dt.datetime.fromisoformat(lexical.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass  # an ill-typed literal stays its text, as rdflib leaves it
    return lexical


def _concept_or_short(iri: str) -> str:
    text = short(iri)
    prefix, _, local = text.partition(":")
    return local if prefix in _CONCEPT_PREFIXES and local else text


def triples_file_entry(path: Path, build_dir: Path) -> dict:
    """The manifest entry naming the N-Triples file a build loaded (see :func:`_triples_file`)."""
    path = Path(path)
    st = path.stat()
    inside = path.resolve().parent == Path(build_dir).resolve()
    return {"path": path.name if inside else str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


# -- any other store (rdflib): the same projection from rdflib terms -----------------------------

def _project_terms(store) -> nx.MultiDiGraph:
    """The same projection from rdflib terms, for stores other than pyoxigraph (slower)."""
    from rdflib.term import URIRef

    kinds: dict[str, str] = {}
    for s, t in store.query("SELECT ?s ?t WHERE { ?s a ?t }").rows:
        cls = short(str(t))
        if isinstance(s, URIRef) and cls in _KIND_RANK:
            best = kinds.get(str(s))
            if best is None or _KIND_RANK[cls] < _KIND_RANK[best]:
                kinds[str(s)] = cls
    pending: dict[str, dict] = {}
    outgoing: dict[str, list] = {}
    lists = _Lists()
    for s, p, o in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }").rows:
        if not isinstance(s, URIRef):
            lists.cell(s, str(p), o)
        elif str(s) in kinds:
            attrs = pending.setdefault(str(s), {"kind": None, "aliases": [], "sources": []})
            name = short(str(p))
            if name in _LOGICAL:
                attrs["logical"] = _LOGICAL[name]
                lists.head(str(s), o)
                continue
            _add_triple(attrs, outgoing.setdefault(str(s), []), name, o)
    lists.expand(pending)
    return _assemble(kinds, pending, outgoing)


def _add_triple(attrs: dict, out: list, p: str, o) -> None:
    from rdflib.term import URIRef

    if p in _SKIPPED:
        return
    if p in _IRI_ATTRIBUTES:
        _set_once(attrs, _IRI_ATTRIBUTES[p], str(o))
        return
    if p == "prov:wasDerivedFrom":
        _append_once(attrs["sources"], str(o))
    if p in _ATTRIBUTES:
        _set_once(attrs, _ATTRIBUTES[p], _plain(o))
    elif p in _LIST_ATTRIBUTES:
        _append_once(attrs.setdefault(_LIST_ATTRIBUTES[p], []), _plain(o))
    if isinstance(o, URIRef):
        out.append((str(o), p))


def _plain(term) -> str | float | int:
    """A literal as a Python value (dates as ISO strings), an IRI as a prefixed name."""
    from rdflib.term import BNode, Literal

    if isinstance(term, Literal):
        value = term.toPython()
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value if isinstance(value, (int, float, str)) else str(term)
    if isinstance(term, BNode):
        return str(term)
    return _concept_or_short(str(term))
