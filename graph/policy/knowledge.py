"""What was known on a date, and until when: decisions from the sources, audited.

:func:`graph.policy.access.decide` answers from everything the graph holds. This module wraps it
(never changes it) so that an answer says which sources it rests on, answers "what would regkg have
said with what was published by 1 July", and never hides that two sources disagree.

The rule
--------
1. **Publication.** A source document was *published by* date ``K`` when its publication window
   ends before ``K``, *not yet* when ``K`` is before the window, and *perhaps* when the window
   contains ``K``: the time rule of :mod:`graph.policy.state` (rule 3) applied to the document's
   date (:func:`publication`).
2. **A view.** The projection restricted to a set of documents (:func:`view`) keeps every entity
   (models, groups, organisations, people, channels, countries, the documents themselves: what a
   question may name) and, of the facts (events, policies, rules, constraints, statements,
   figures, prices, scores) and of the links, those some document of the set supports (the
   ``documents`` of :mod:`graph.store.project`). A node the documents disagree about is settled
   among the set's accounts (:func:`graph.store.project.settle_claims`).
3. **Known on K.** The answer is decided on the view of the documents published by ``K`` and on
   the view that adds those perhaps published by then. When the two answers differ the answer is
   ``indeterminate``, naming each perhaps-published document whose absence alone changes it (all of
   them when none does alone). Without ``K``, every document counts.
4. **Conflicting sources.** Where two documents of the view give different accounts (dates or
   status, :data:`graph.store.project.DISPUTED`) of a node the decision reads (its *support*,
   :func:`decision_support`: the rules about the model, their policies, the events that start or
   end them and every event ordered with those), the decision is made with each account in turn.
   If the answers differ it is ``indeterminate`` and names the documents that disagree, unless
   the data records which one prevails (``rkg:prevailingSource``, with its reason): that account
   is followed and a caveat says so. Asked about one question, the support is that of the rules
   that can apply to it (:func:`question_support`: a dispute about a ban on another government's
   staff cannot change the answer), and only the disputes of that support are weighed. Disputed
   events that start or end none of those rules' policies and whose accounts differ in dates only
   are taken with all their accounts at once: the union of their windows, which allows every
   order any one account allows, so an answer that holds there holds with each account (a wider
   window can only make an answer indeterminate, never wrongly certain); so are the dates of the
   others past :data:`TRIED_ONE_BY_ONE` combinations. An event of disputed status that is ordered
   with none of the events of those rules cannot change the answer either (its status counts
   through the order only), and is not tried account by account. The other disputes whose
   accounts differ in dates only are first held at once too, each combination of the rest tried:
   if none of the events those answers are undetermined by is one of them or ordered with one,
   these are every account's answers; otherwise the disputes they touch are tried account by
   account as well. At most :data:`MAX_ACCOUNTS` combinations are tried; past that, the answer is
   ``indeterminate``, naming them all.
5. **Knowledge horizon.** The newest document (by the end of its publication window) that supports
   the model or anything in its support, among those counted, bounds what regkg knows: the answer
   carries it as ``known_until``, and an answer about a date after its window says in a caveat
   that the state may have changed since. With ``K`` and no such document, a caveat says that no
   source published by ``K`` speaks about the model.

:class:`Knowledge` holds the documents counted for one ``K``; its :meth:`Knowledge.decide` has
``decide``'s signature, so ``who_can(k.graph, model, on, decider=k.decide)`` and the other
audience functions answer as known on ``K`` too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import networkx as nx

from graph.errors import InputError
from graph.policy.access import INDETERMINATE, Decision, decide
from graph.policy.parties import PartyAttributes
from graph.policy.state import HAPPENED, NOT_YET, Window, parse_date
from graph.store.memo import cached, freeze, relation_edges
from graph.store.project import DISPUTED, documents_of, prevailing_document, settle_claims
from graph.store.provenance import FACT_KINDS, SourceDocument, source_documents, store_documents

__all__ = ["KnownDecision", "Publication", "Knowledge", "knowledge", "publication", "view", "decision_support",
           "known_decide", "dataset_known_on", "MAX_ACCOUNTS"]

#: The most combinations of disputed accounts one decision tries (rule 4).
MAX_ACCOUNTS = 64
#: Past this many combinations of disputed dates that one question can depend on, they are taken
#: with every account's window at once (rule 4): each combination would cost a decision.
TRIED_ONE_BY_ONE = 8
_ORDER_RELATIONS = ("prov:wasGeneratedBy", "prov:wasInvalidatedBy")


@dataclasses.dataclass
class KnownDecision(Decision):
    """A :class:`graph.policy.access.Decision` with what it was known from.

    ``known_on``: the date asked about the knowledge of (ISO), or ``None``; ``known_until``: the
    newest source document about the model (its IRI, label, date as written and bounds), or
    ``None``; ``undetermined_by_sources``: the documents an ``indeterminate`` answer depends on,
    each with ``why`` (``"published"``: perhaps published by ``known_on``; ``"conflict"``: it
    disagrees with another document about ``about``).
    """

    known_on: str | None = None
    known_until: dict | None = None
    undetermined_by_sources: list[dict] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Publication:
    """The documents published by a date, perhaps published by then, and published later (rule 1)."""

    on: dt.date | None
    published: frozenset[str]
    perhaps: frozenset[str]
    later: frozenset[str]


def publication(documents: dict[str, SourceDocument], on: str | dt.date | None) -> Publication:
    """Which of ``documents`` were published by ``on`` (rule 1); all of them when ``on`` is ``None``.

    >>> docs = {"urn:report": SourceDocument("urn:report", "report", earliest="2026-06-15", latest="2026-07-31")}
    >>> [sorted(getattr(publication(docs, d), f)) for d in ("2026-06-01", "2026-07-01", "2026-08-01")
    ...  for f in ("published", "perhaps")]
    [[], [], [], ['urn:report'], ['urn:report'], []]
    """
    if on is None:
        return Publication(None, frozenset(documents), frozenset(), frozenset())
    on = parse_date(on)
    state = {iri: _window(doc).state_on(on) for iri, doc in documents.items()}
    return Publication(on, frozenset(d for d, s in state.items() if s == HAPPENED),
                       frozenset(d for d, s in state.items() if s not in (HAPPENED, NOT_YET)),
                       frozenset(d for d, s in state.items() if s == NOT_YET))


def _window(doc: SourceDocument) -> Window:
    return Window(dt.date.fromisoformat(doc.earliest) if doc.earliest else None,
                  dt.date.fromisoformat(doc.latest) if doc.latest else None)


# --------------------------------------------------------------------------- views (rule 2)

def view(G: nx.MultiDiGraph, documents: frozenset[str] | None, choices: tuple[tuple[str, str], ...] = ()) -> nx.MultiDiGraph:
    """The projection as the ``documents`` tell it (rule 2); ``choices`` pins a disputed node to one
    document's account (``((node, document), ...)``). ``None`` counts every document: then, without
    choices, this is ``G`` itself. A view is built once per projection and kept with it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Mythos")
    >>> G.add_node("e:old", kind="event", label="release", documents=("urn:a",))
    >>> G.add_node("e:new", kind="event", label="suspension", documents=("urn:b",))
    >>> for e in ("e:old", "e:new"):
    ...     _ = G.add_edge(e, "m", relation="rkg:affects", documents=G.nodes[e]["documents"])
    >>> sorted(view(G, frozenset({"urn:a"})))
    ['e:old', 'm']
    >>> view(G, None) is G
    True
    """
    if documents is None and not choices:
        return G
    key = "knowledge-view:" + repr((sorted(documents) if documents is not None else None, sorted(choices)))
    return cached(G, key, lambda g: _shared(_build_view(g, documents, dict(choices)), view(g, documents) if choices else None))


def pinned(H: nx.MultiDiGraph, base: nx.MultiDiGraph, combo: tuple) -> nx.MultiDiGraph:
    """``H`` with each disputed node of ``combo`` pinned to one document's account (rule 4), sharing
    ``H``'s links and its indexes that read no date (a pinned account changes dates and status only).

    Kept with ``H`` and keyed by the combination alone: the questions of a table (``who-can``, a
    page) that try the same accounts share one view and its time rule, where a view per question
    cost its own indexes.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="event", earliest="2026-06-01", latest="2026-06-30",
    ...            claims={"urn:a": {"earliest": "2026-06-01", "latest": "2026-06-01"},
    ...                    "urn:b": {"earliest": "2026-06-30", "latest": "2026-06-30"}})
    >>> G.add_node("m", kind="model"); _ = G.add_edge("e", "m", relation="rkg:affects")
    >>> V = pinned(G, G, (("e", "urn:b"),))
    >>> V.nodes["e"]["earliest"], list(V.successors("e")), pinned(G, G, (("e", "urn:b"),)) is V
    ('2026-06-30', ['m'], True)
    """
    key = "pinned:" + repr(sorted(combo))

    def build(g):
        V = nx.MultiDiGraph()
        V._node = dict(g._node)  # the same attribute dicts, read only, but for the pinned nodes
        for n, document in combo:
            attrs = g._node.get(n)
            if attrs is not None and "claims" in attrs:
                V._node[n] = settle_claims(attrs, None, document, prevailing_document(base, n))
        V._succ = V._adj = g._succ  # links are the same: shared, and never written (frozen)
        V._pred = g._pred
        getattr(nx, "_clear_cache", lambda x: None)(V)
        freeze(V, links=False)
        return _shared(V, g)

    return cached(H, key, build)


def _shared(V: nx.MultiDiGraph, H: nx.MultiDiGraph | None, names: tuple | None = None) -> nx.MultiDiGraph:
    """A view that pins disputed accounts differs from the view of the same documents only in those
    nodes' dates and status: it takes that view's indexes that read neither (built first when
    missing), or only ``names`` of them (a view with fewer facts shares those about entities)."""
    if H is not None:
        from graph.policy.access import DATE_FREE_INDEXES, access_index, applicable_memo
        from graph.policy.applies import scope_index
        from graph.policy.parties import party_index
        from graph.store.memo import adopt_indexes, built_indexes

        names = DATE_FREE_INDEXES if names is None else names
        for name, build in (("access", access_index), ("parties", party_index), ("scope", scope_index),
                            ("memo:applicable", applicable_memo)):
            if name in names:
                build(H)
        adopt_indexes(V, {k: v for k, v in built_indexes(H).items() if k in names})
    return V


def _build_view(G: nx.MultiDiGraph, documents: frozenset[str] | None, choices: dict[str, str]) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    kept: dict[str, dict] = {}
    document_of = {} if documents is None else _sections(G)
    for n, attrs in G.nodes(data=True):
        if documents is not None and attrs.get("kind") in FACT_KINDS:
            docs = attrs.get("documents")
            if docs is None:  # no named graphs: the documents of the sections it cites (documents_of)
                docs = [document_of[s] for s in attrs.get("sources", ()) if s in document_of]
            if docs and not any(d in documents for d in docs):
                continue
        if "claims" in attrs:
            attrs = settle_claims(attrs, documents, choices.get(n), prevailing_document(G, n))
        if document_of and any(s in document_of and document_of[s] not in documents for s in attrs.get("sources", ())):
            # cite only the sections of the documents counted: a later document is not a source yet
            attrs = {**attrs, "sources": [s for s in attrs["sources"] if s not in document_of or document_of[s] in documents]}
        kept[n] = attrs
    # Written straight into networkx's dicts, as graph.store.project does: add_edge costs ~6 us an
    # edge, most of a view at a million triples. Attribute dicts are shared with ``G`` (a view is
    # read, never written); a settled or re-cited node has its own.
    succ, pred = H._succ, H._pred
    for n, attrs in kept.items():
        H._node[n], succ[n], pred[n] = attrs, {}, {}
    # Links carry documents only in a graph built with named graphs (nodes then carry them too).
    by_link = documents is not None and any("documents" in a for a in kept.values())
    for u in kept:
        for v, keys in G._succ[u].items():
            if v not in kept:
                continue
            if by_link:
                keys = {k: d for k, d in keys.items()
                        if not d.get("documents") or any(x in documents for x in d["documents"])}
                if not keys:
                    continue
            succ[u][v] = pred[v][u] = keys  # G's own key dict when nothing is cut: shared, read only
    getattr(nx, "_clear_cache", lambda g: None)(H)
    return H


def _sections(G: nx.MultiDiGraph) -> dict[str, str]:
    """Source section -> its document (``dcterms:isPartOf``; the projection keys edges by relation)."""
    return {n: v for n, kind in G.nodes(data="kind") if kind == "source-section"
            for v, keys in G._succ[n].items() if "dcterms:isPartOf" in keys}


def decision_support(G: nx.MultiDiGraph, model: str) -> frozenset[str]:
    """The nodes a decision about ``model`` reads the dates and status of (rule 4): the model, the
    rules about it (or an asset collection it is part of), their policies, the events that start or
    end those policies or affect the model, and every event ordered with those (``rkg:after``, or
    enacting and ending one policy).

    >>> G = nx.MultiDiGraph()
    >>> for u, v, r in (("r", "m", "odrl:target"), ("p", "r", "odrl:permission"), ("p", "e1", "prov:wasGeneratedBy"),
    ...                 ("e1", "e0", "rkg:after"), ("x", "y", "rkg:after")):
    ...     _ = G.add_edge(u, v, relation=r)
    >>> sorted(decision_support(G, "m"))
    ['e0', 'e1', 'm', 'p', 'r']
    """
    memo = cached(G, "knowledge-support", lambda g: {})  # per projection (or view), per model
    if model not in memo:
        memo[model] = _support(G, model)
    return memo[model]


def question_support(G: nx.MultiDiGraph, model: str, ask) -> frozenset[str]:
    """:func:`decision_support` cut to the rules that can apply to one question (its party, place,
    device...): a dispute about the dates of a ban on another government's staff cannot change the
    answer, so it is not weighed."""
    from graph.policy.access import applicable_rules

    _, on, party, channel, options = ask
    memo = cached(G, "knowledge-question-support", lambda g: {})
    key = (model, party, channel, tuple(sorted(options.items())))
    if key not in memo:
        rules = applicable_rules(G, model, party, channel, **options, on=on)
        full = decision_support(G, model)
        policies = {u for rule in rules for u, _, r in G.in_edges(rule, data="relation")
                    if r in ("odrl:permission", "odrl:prohibition")}
        events = {v for p in policies for _, v, r in G.out_edges(p, data="relation") if r in _ORDER_RELATIONS}
        events |= {u for u, _, r in G.in_edges(model, data="relation") if r == "rkg:affects"}
        keep = {n for n in full if G.nodes[n].get("kind") not in ("permission", "prohibition", "policy", "event")}
        memo[key] = frozenset(keep | rules | policies | _ordered_with(G, events))
    return memo[key]


def _support(G: nx.MultiDiGraph, model: str) -> frozenset[str]:
    if model not in G:
        return frozenset({model})
    wholes, frontier = {model}, [model]
    while frontier:
        node = frontier.pop()
        for _, whole, r in G.out_edges(node, data="relation"):
            if r == "odrl:partOf" and whole not in wholes:
                wholes.add(whole)
                frontier.append(whole)
    rules = {u for w in wholes for u, _, r in G.in_edges(w, data="relation") if r == "odrl:target"}
    policies = {u for rule in rules for u, _, r in G.in_edges(rule, data="relation")
                if r in ("odrl:permission", "odrl:prohibition")}
    events = {v for p in policies for _, v, r in G.out_edges(p, data="relation") if r in _ORDER_RELATIONS}
    events |= {u for u, _, r in G.in_edges(model, data="relation") if r == "rkg:affects"}
    return frozenset({model} | wholes | rules | policies | _ordered_with(G, events))


def _ordered_with(G: nx.MultiDiGraph, events: set[str]) -> set[str]:
    """``events`` and every event the time rule may order with them (its windows narrow each other):
    their components of the order (``rkg:after`` either way, and the events that enact or end one
    policy), worked out once per projection."""
    component = cached(G, "knowledge-order-components", _order_components)
    out = set(events)
    for e in events:
        out |= component.get(e, frozenset())
    return out


def _order_components(G: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Each node an order link touches -> the nodes linked with it, directly or through others."""
    linked = nx.utils.UnionFind()
    by_policy: dict[str, list[str]] = {}
    for u, v, r in relation_edges(G):
        if r == "rkg:after":
            linked.union(u, v)
        elif r in _ORDER_RELATIONS:
            by_policy.setdefault(u, []).append(v)
    for events in by_policy.values():
        linked.union(*events)
    return {x: frozenset(part) for part in linked.to_sets() for x in part}


# --------------------------------------------------------------------------- deciding (rules 3-5)

class Knowledge:
    """The documents counted as known on one date, and decisions made from them.

    >>> from graph.store.build import load_projection
    >>> k = knowledge(load_projection(), "2026-06-01")
    >>> d = k.decide(k.graph, "https://w3id.org/regkg/id/model/claude-mythos-5", "2026-08-01")
    >>> d.decision, d.known_until
    ('not_applicable', None)
    >>> knowledge(load_projection(), "2026-07-01").decide(None, "https://w3id.org/regkg/id/model/glm-5-2",
    ...     "2026-08-01").undetermined_by_sources[0]["why"]
    'published'
    """

    def __init__(self, G: nx.MultiDiGraph, known_on: str | dt.date | None = None):
        self.base = G
        self.known_on = parse_date(known_on) if known_on is not None else None
        self.documents = source_documents(G) if self.known_on is not None else {}
        self.publication = publication(self.documents, self.known_on)

    @property
    def counted(self) -> frozenset[str] | None:
        """The documents counted at most (published or perhaps published); ``None``: every one."""
        if self.known_on is None:
            return None
        return self.publication.published | self.publication.perhaps

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The projection as the documents counted tell it: what to list audiences, models and events from."""
        return view(self.base, self.counted)

    def decide(self, G: nx.MultiDiGraph | None, model: str, on: str | dt.date,
               party: PartyAttributes = PartyAttributes(), channel: str | None = None, **options) -> KnownDecision:
        """:func:`graph.policy.access.decide` as known on :attr:`known_on` (rules 3-5).

        ``G`` is ignored (the knowledge's own projection is used); it is there so that this method
        can stand in for ``decide`` as the ``decider`` of :mod:`graph.policy.audiences`.
        ``options`` (``action=...`` and whatever else ``decide`` takes) are passed on.
        """
        on = parse_date(on)
        ask = (model, on, party, channel, options)
        d = self._settled(self.counted, ask)
        if self.publication.perhaps:
            without = self._settled(self.publication.published, ask)
            if without.decision != d.decision:
                d = self._depends_on_publication(d, without, ask)
        return self._with_horizon(d, model, on)

    def views(self, model: str) -> list[nx.MultiDiGraph]:
        """Every view of the projection :meth:`decide` may decide on about ``model``: the documents
        counted; with documents perhaps published, those surely published and the counted ones
        less each perhaps-published one (rule 3); and, for each, every combination of disputed
        accounts it tries (rule 4), or past :data:`MAX_ACCOUNTS` combinations each account alone.
        Whatever date one of these views can change its answer on, the answer of :meth:`decide` can
        change on (:func:`graph.policy.periods.change_dates`).

        >>> from graph.store.build import load_projection
        >>> mythos = "https://w3id.org/regkg/id/model/claude-mythos-5"
        >>> len(knowledge(load_projection()).views(mythos)), len(knowledge(load_projection(), "2026-07-01").views(mythos))
        (1, 2)
        """
        sets = [self.counted]
        if self.publication.perhaps:
            sets += [self.publication.published] + [self.counted - {p} for p in sorted(self.publication.perhaps)]
        found: dict[int, nx.MultiDiGraph] = {}
        for documents in sets:
            H = view(self.base, documents)
            found.setdefault(id(H), H)
            disputes, _ = self._disputes(H, documents, model)
            combos, _ = _tried(self.base, H, model, disputes)
            if disputes and len(combos) <= MAX_ACCOUNTS:
                for combo in combos:
                    V = view(self.base, documents, combo)
                    found.setdefault(id(V), V)
            elif disputes:
                # Too many to list every combination, but one question (its support) may still try
                # a few disputes account by account, the others with every account's window: each
                # account alone, the rest as in H, brings the days its window can change an answer on.
                for n, docs in disputes:
                    for group in _same_accounts(self.base, n, docs):
                        V = view(self.base, documents, ((n, group[0]),))
                        found.setdefault(id(V), V)
        return list(found.values())

    def question_views(self, model: str, party: PartyAttributes = PartyAttributes(), channel: str | None = None,
                       options: dict | None = None) -> list[nx.MultiDiGraph]:
        """Every view :meth:`decide` may decide one question on, whatever the date (its party,
        channel and the options ``decide`` takes): as :meth:`views`, but with the disputes the rules
        that can apply to the question read (:func:`question_support`) and the combinations of
        accounts it tries for them, each pinned on the documents' view, as :meth:`_settled` decides.
        :meth:`views` lists the combinations of every dispute about the model, and none past
        :data:`MAX_ACCOUNTS` of them, although one question tries a few: the dates an account moves
        an answer on would be missed.
        """
        ask = (model, None, party, channel, dict(options or {}))
        sets = [self.counted]
        if self.publication.perhaps:
            sets += [self.publication.published] + [self.counted - {p} for p in sorted(self.publication.perhaps)]
        found: dict[int, nx.MultiDiGraph] = {}
        for documents in sets:
            H = view(self.base, documents)
            found.setdefault(id(H), H)
            disputes, _ = self._disputes(H, documents, model, ask)
            if not disputes:
                continue
            support = question_support(H, model, ask)
            combos, _ = _tried(self.base, H, model, disputes, support)
            if len(combos) <= MAX_ACCOUNTS:
                for combo in combos:
                    V = pinned(H, self.base, combo)
                    found.setdefault(id(V), V)
        return list(found.values())

    # -- rule 4: conflicting accounts ----------------------------------------------------------------
    def _settled(self, documents: frozenset[str] | None, ask) -> KnownDecision:
        model, on, party, channel, options = ask
        H = view(self.base, documents)
        disputes, followed = self._disputes(H, documents, model, ask)
        if not disputes:
            return _known(decide(H, model, on, party, channel, **options), followed)
        support = question_support(H, model, ask)
        combos, widened = _tried(self.base, H, model, disputes, support)
        if len(combos) > MAX_ACCOUNTS:
            first = _known(decide(H, model, on, party, channel, **options), followed)
            return _undetermined(first, [], [_conflict_view(self.base, n, docs) for n, docs in disputes],
                                 [f"more than {MAX_ACCOUNTS} combinations of disputed accounts: not decided"])
        if widened:
            dated = [(n, docs) for n, docs in widened if _statuses(self.base, n, docs) <= 1]
            status = [(n, docs) for n, docs in widened if _statuses(self.base, n, docs) > 1]
            if dated:
                followed = followed + [f"sources disagree about the dates of {len(dated)} event(s) that start or end "
                                       "no rule about it (" + ", ".join(f"'{_label(self.base, n)}'" for n, _ in dated)
                                       + "): each taken with every account's window at once (regkg conflicts lists them)"]
            if status:
                followed = followed + [f"sources disagree about the status of {len(status)} event(s) ordered with no "
                                       "event of the rules that can apply ("
                                       + ", ".join(f"'{_label(self.base, n)}'" for n, _ in status)
                                       + "): the answer is the same with any account (regkg conflicts lists them)"]
            disputes = [d for d in disputes if d not in widened]
        answers, tried = self._dates_at_once(H, disputes, ask)
        if answers is None:
            # Each combination is a view of its own, shared by every question that tries it (a
            # table's questions mostly try the same few), with its own time rule.
            answers = [(combo, decide(pinned(H, self.base, combo), model, on, party, channel, **options))
                       for combo in _combinations(self.base, tried)]
        values = {_answer_key(a) for _, a in answers}
        first = _known(answers[0][1], followed)
        if len(values) == 1:  # (every dispute widened: nothing was tried account by account)
            same = [_same_answer_note(self.base, disputes)] if disputes else []
            return dataclasses.replace(first, caveats=first.caveats + same)
        # The accounts disagree on the answer, or on some of its conditions: only the rows every
        # account gives stand; the rest is undetermined (one account's rows would be a confident
        # answer the other contradicts).
        first = dataclasses.replace(first, conditions=_shared_rows([a for _, a in answers]))
        mattering = [(n, docs) for i, (n, docs) in enumerate(tried)
                     if any(_differs(answers, i, d) for d in docs)] or tried
        notes = [f"undetermined: sources disagree about '{_label(self.base, n)}' "
                 f"({_accounts_text(self.base, n, docs)}) and the answer depends on which is right; "
                 "the data records no source that prevails" for n, docs in mattering]
        return _undetermined(first, [a for _, a in answers[1:]],
                             [_conflict_view(self.base, n, docs) for n, docs in mattering], notes)

    def _dates_at_once(self, H: nx.MultiDiGraph, disputes, ask) -> tuple[list | None, list]:
        """Rule 4 with the disputes whose accounts differ in dates only held at every account's
        window at once (as ``H`` holds them), which allows every order any one account allows.
        The answers for each combination of the others (those whose accounts differ in status) are
        worked out; where none is undetermined by such an event or an event ordered with one, each
        is the answer of every account of those events: ``(answers, the disputes tried one by
        one)``. Otherwise ``(None, the disputes to try one by one)``: the others and those events
        (narrowing one window leaves the others as they were). Each combination tried costs a
        decision of its own."""
        model, on, party, channel, options = ask
        dated = {n for n, docs in disputes if _statuses(self.base, n, docs) <= 1}
        if not dated:
            return None, disputes
        status = [(n, docs) for n, docs in disputes if n not in dated]
        answers, events = [], set()
        for combo in _combinations(self.base, status):
            d = decide(pinned(H, self.base, combo) if combo else H, model, on, party, channel, **options)
            events |= _undetermined_events(d)
            answers.append((combo, d))
        touched = {n for n in dated if _ordered_with(H, {n}) & events}
        if not touched:
            return answers, status
        return None, [(n, docs) for n, docs in disputes if n not in dated or n in touched]

    def _disputes(self, H: nx.MultiDiGraph, documents, model: str, ask=None):
        """Disputed nodes of the decision's support with two or more accounts among ``documents`` and
        no prevailing one; and the caveats for those a prevailing document settles. Asked about one
        question (``ask``), the support is that of the rules that can apply to it."""
        disputes, followed = [], []
        if ask is not None and not self._contested(H, documents, model):
            return disputes, followed  # nothing about the model is disputed: no question's part is
        support = decision_support(H, model) if ask is None else question_support(H, model, ask)
        for n in sorted(self._claimed(H, documents) & support):
            accounts = [d for d in self.base.nodes[n]["claims"] if documents is None or d in documents]
            prevailing = prevailing_document(self.base, n)
            if prevailing in accounts:
                reason = self.base.nodes[n].get("prevailing_reason") or "no reason recorded"
                followed.append(f"sources disagree about '{_label(self.base, n)}' "
                                f"({_accounts_text(self.base, n, accounts)}); following "
                                f"'{_label(self.base, prevailing)}': {reason}")
            else:
                disputes.append((n, tuple(sorted(accounts))))
        return disputes, followed

    def _claimed(self, H: nx.MultiDiGraph, documents) -> frozenset[str]:
        """The nodes with two or more accounts among ``documents``, found once per view (a question's
        support is searched for them on every ask)."""
        return cached(H, "knowledge-claimed", lambda g: frozenset(
            n for n, claims in self.base.nodes(data="claims")
            if claims and len([d for d in claims if documents is None or d in documents]) > 1))

    def _contested(self, H: nx.MultiDiGraph, documents, model: str) -> bool:
        """Whether some node of the decision's support has two or more accounts among ``documents``
        (the support of one question is part of it, so when none has, no question needs its own)."""
        memo = cached(H, "knowledge-contested", lambda g: {})
        if model not in memo:
            memo[model] = any(
                len([d for d in self.base.nodes[n].get("claims") or () if documents is None or d in documents]) > 1
                for n in decision_support(H, model) if n in self.base)
        return memo[model]

    # -- rule 3: perhaps published -------------------------------------------------------------------
    def _depends_on_publication(self, d: KnownDecision, without: KnownDecision, ask) -> KnownDecision:
        perhaps = self._perhaps_read(ask[0])
        alone = [p for p in perhaps if self._settled(self.counted - {p}, ask).decision != d.decision]
        named = alone or perhaps
        notes = [f"undetermined as known on {self.known_on}: '{_label(self.base, p)}' (published "
                 f"'{self.documents[p].date_text or 'date not stated'}', {self.documents[p].window}) may or "
                 f"may not have been published by then; with it the answer is {d.decision}, without it "
                 f"{without.decision}" for p in named]
        return _undetermined(d, [without], [{**self.documents[p].view(), "why": "published"} for p in named], notes)

    def _perhaps_read(self, model: str) -> list[str]:
        """The perhaps-published documents a decision about ``model`` reads: those that support a node
        of its support (:func:`decision_support`) or a node those point at (an assignee, an
        assigner, a constraint, a target). Leaving out another document changes no node the
        decision reads, so it is not tried on its own (on the whole record, hundreds of documents
        are perhaps published on a date; each tried alone cost a view and its indexes)."""
        H = self.base
        read = set(decision_support(H, model))
        read |= {v for n in list(read) if n in H for v in H._succ[n]}
        docs = {doc for n in read if n in H for doc in documents_of(H, n)}
        return sorted(p for p in self.publication.perhaps if p in docs)

    # -- rule 5: the knowledge horizon ---------------------------------------------------------------
    def horizon(self, model: str) -> dict | None:
        """The newest counted document about ``model`` or its support (its view), or ``None``."""
        memo = cached(self.graph, "knowledge-horizon", lambda g: {})
        if model not in memo:
            memo[model] = self._horizon(model)
        return memo[model]

    def _horizon(self, model: str) -> dict | None:
        H, counted = self.graph, self.counted
        found: set[str] = set()
        for n in decision_support(H, model):
            if n in H:
                found.update(d for d in documents_of(H, n) if counted is None or d in counted)
        if not found:
            return None
        docs = {d: self.documents.get(d) or _document(self.base, d) for d in found}
        newest = max(found, key=lambda d: (docs[d].latest or "9999-12-31", docs[d].earliest or "", d))
        return docs[newest].view()

    def newest(self) -> dict | None:
        """The newest counted document of all (its view): the horizon of everything regkg knows."""
        docs = self.documents or source_documents(self.base)
        counted = [d for d in docs if self.counted is None or d in self.counted]
        if not counted:
            return None
        return docs[max(counted, key=lambda d: (docs[d].latest or "9999-12-31", docs[d].earliest or "", d))].view()

    def _with_horizon(self, d: KnownDecision, model: str, on: dt.date) -> KnownDecision:
        until = self.horizon(model)
        notes = []
        if until is None and self.known_on is not None:
            notes.append(f"no source published by {self.known_on} speaks about {d.model['label']}: "
                         "regkg knew nothing about it then")
        elif until is not None and until["latest"] and until["latest"] < on.isoformat():
            notes.append(f"the sources about {d.model['label']} end around {until['latest']} (the newest, "
                         f"'{until['label']}', published '{until['date_text'] or 'date not stated'}', "
                         f"{until['earliest'] or '?'}..{until['latest']}): the state on {on} may have changed "
                         "since, and regkg would not know")
        if self.known_on is not None:
            p = self.publication
            notes.append(f"as known on {self.known_on}: from the {len(p.published)} source document(s) published "
                         f"by then" + (f" and {len(p.perhaps)} perhaps published by then" if p.perhaps else "")
                         + (f"; {len(p.later)} later one(s) left out" if p.later else ""))
        return dataclasses.replace(d, caveats=d.caveats + notes, known_until=until,
                                   known_on=self.known_on.isoformat() if self.known_on else None)

    def sources_of(self, node: str) -> list[dict]:
        """The counted documents that support ``node``, each marked ``published`` (``"yes"`` or
        ``"perhaps"``, by :attr:`known_on`; ``None`` without it)."""
        H = self.graph
        if node not in H:
            return []
        out = []
        for doc in documents_of(H, node):
            if self.counted is not None and doc not in self.counted:
                continue
            source = self.documents.get(doc) or _document(self.base, doc)
            state = None if self.known_on is None else ("yes" if doc in self.publication.published else "perhaps")
            out.append({**source.view(), "published": state})
        return out


def knowledge(G: nx.MultiDiGraph, known_on: str | dt.date | None = None) -> Knowledge:
    """The :class:`Knowledge` of ``G`` as known on ``known_on`` (every document when ``None``)."""
    return Knowledge(G, known_on)


def known_decide(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
                 channel: str | None = None, known_on: str | dt.date | None = None, **options) -> KnownDecision:
    """:func:`graph.policy.access.decide`, as known on ``known_on``, with conflicting sources weighed
    and the knowledge horizon (the module's rules 1-5).

    >>> from graph.store.build import load_projection
    >>> d = known_decide(load_projection(), "https://w3id.org/regkg/id/model/claude-mythos-5", "2026-09-01")
    >>> d.known_until["label"].startswith("Global AI")
    True
    >>> any("may have changed since" in c for c in d.caveats)
    True
    """
    return Knowledge(G, known_on).decide(G, model, on, party, channel, **options)


def dataset_known_on(store, text: str, known_on: str | dt.date) -> tuple[str, list[SourceDocument]]:
    """``text`` restricted (``FROM`` / ``FROM NAMED``) to the documents published by ``known_on``,
    and the documents perhaps published by then, which are left out (a listing cannot be
    indeterminate row by row: the caller names them). Works on any store that answers SPARQL.

    >>> from graph.store.build import open_graph
    >>> text, perhaps = dataset_known_on(open_graph(), "SELECT * WHERE { ?s ?p ?o }", "2026-07-01")
    >>> text.split(" WHERE")[0], [d.id for d in perhaps]
    ('SELECT * FROM <https://w3id.org/regkg/graph/none>', ['samsung-2026-global-ai'])
    """
    from graph.store.querytext import dataset_clauses, with_dataset

    if dataset_clauses(text):
        raise InputError("the query names its own FROM / FROM NAMED graphs; give those or --known-on, not both")
    docs = store_documents(store)
    p = publication(docs, known_on)
    published = sorted(p.published)
    return with_dataset(text, published, published), [docs[d] for d in sorted(p.perhaps)]


# --------------------------------------------------------------------------- helpers

def _combinations(G: nx.MultiDiGraph, disputes) -> list[tuple]:
    """Every way of picking one account per disputed node (one document for each distinct account:
    documents that say the same need not be tried twice), up to one more than :data:`MAX_ACCOUNTS`."""
    choices = [[(n, group[0]) for group in _same_accounts(G, n, docs)] for n, docs in disputes]
    return list(itertools.islice(itertools.product(*choices), MAX_ACCOUNTS + 1))


def _same_answer_note(G: nx.MultiDiGraph, disputes) -> str:
    """One caveat for the disputes an answer does not depend on: each named once, the details one
    command away (a caveat per dispute, every document named, would bury the answer)."""
    if len(disputes) == 1:
        n, docs = disputes[0]
        return (f"sources disagree about '{_label(G, n)}' ({_accounts_text(G, n, docs)}); "
                "the answer is the same with either account")
    named = ", ".join(f"'{_label(G, n)}' ({len(_same_accounts(G, n, docs))} accounts)" for n, docs in disputes)
    return (f"sources disagree about {len(disputes)} events this answer reads ({named}); the answer is the same "
            "with either account (regkg conflicts lists every account)")


def _same_accounts(G: nx.MultiDiGraph, node: str, docs) -> list[list[str]]:
    """``docs`` grouped by the account each gives of ``node`` (its disputed dates and status), in order."""
    claims = G.nodes[node].get("claims", {})
    groups: dict[tuple, list[str]] = {}
    for d in sorted(docs):
        says = claims.get(d, {})
        groups.setdefault(tuple(says.get(k) for k in DISPUTED), []).append(d)
    return list(groups.values())


def _tried(G: nx.MultiDiGraph, H: nx.MultiDiGraph, model: str, disputes, support=None) -> tuple[list, list]:
    """Rule 4's combinations of accounts for ``disputes`` (more than :data:`MAX_ACCOUNTS` when
    there are too many to decide), and the disputes taken with every account at once to get there.
    Asked about one question (``support``, :func:`question_support`), the disputes about events that
    start or end none of the rules that can apply to it are always taken with every account at once.
    :meth:`Knowledge.decide` tries these, and :meth:`Knowledge.views` lists the same views."""
    if support is not None:
        decisive, widened = _decisive(G, H, model, disputes, support)
        combos = _combinations(G, decisive)
        if len(combos) > TRIED_ONE_BY_ONE:  # too many to decide one by one: dates taken with every account at once
            by_status = [(n, docs) for n, docs in decisive if _statuses(G, n, docs) > 1]
            widened = widened + [d for d in decisive if d not in by_status]
            combos = _combinations(G, by_status)
        return combos, widened
    combos = _combinations(G, disputes)
    if len(combos) <= MAX_ACCOUNTS:
        return combos, []
    decisive, widened = _decisive(G, H, model, disputes)
    return _combinations(G, decisive), widened


def _statuses(G: nx.MultiDiGraph, node: str, docs) -> int:
    claims = G.nodes[node].get("claims", {})
    return len({claims[d].get("status") for d in docs if d in claims})


def _decisive(G: nx.MultiDiGraph, H: nx.MultiDiGraph, model: str, disputes, support=None) -> tuple[list, list]:
    """``disputes`` split (rule 4) into those tried account by account (events that start or end a
    policy of a rule about ``model``, and any node whose accounts differ in status, unless, asked
    about one question (``support``), it is ordered with none of its rules' events) and those taken
    with every account at once (the rest: dates of events that only bound others)."""
    asked = support is not None  # about one question (its support), not the whole model
    support = decision_support(H, model) if support is None else support
    policies = {n for n in support if H.nodes[n].get("kind") == "policy"} if support else set()
    triggers = {v for p in policies for _, v, r in H.out_edges(p, data="relation") if r in _ORDER_RELATIONS}
    decisive, widened = [], []
    for n, docs in disputes:
        claims = G.nodes[n].get("claims", {})
        statuses = {claims[d].get("status") for d in docs if d in claims}
        # An event whose status is disputed matters through the time rule's order; asked about one
        # question, one ordered with none of its rules' events cannot change its answer.
        status_matters = len(statuses) > 1 and (not asked or bool(_ordered_with(H, {n}) & triggers))
        (decisive if n in triggers or status_matters else widened).append((n, docs))
    return decisive, widened


def _known(d: Decision, followed: list[str] = ()) -> KnownDecision:
    """``d`` as a :class:`KnownDecision` (every field of ``decide``'s answer kept)."""
    if isinstance(d, KnownDecision):
        return dataclasses.replace(d, caveats=d.caveats + list(followed)) if followed else d
    fields = {f.name: getattr(d, f.name) for f in dataclasses.fields(d)}
    fields["caveats"] = list(d.caveats) + list(followed)
    return KnownDecision(**fields)


def _undetermined(d: KnownDecision, others: list[Decision], sources: list[dict], notes: list[str]) -> KnownDecision:
    """``indeterminate``: ``d``'s answer and the ``others`` cannot both be right."""
    evidence = list(dict.fromkeys([*d.evidence, *(e for o in others for e in o.evidence)]))
    windows = list({w["event"]: w for w in [*d.undetermined_by, *(w for o in others for w in o.undetermined_by)]}.values())
    caveats = list(dict.fromkeys([*notes, *d.caveats, *(c for o in others for c in o.caveats)]))
    return dataclasses.replace(d, decision=INDETERMINATE, evidence=evidence, caveats=caveats,
                               undetermined_by=windows, undetermined_by_sources=d.undetermined_by_sources + sources)


def _undetermined_events(d: Decision) -> set[str]:
    """The events ``d`` is undetermined by: uncertain on its date, or of unknown order."""
    events = {e["event"] for e in d.undetermined_by}
    return events | {pair[side]["event"] for pair in d.undetermined_order for side in ("first", "second")}


def _answer_key(d: Decision) -> tuple:
    """What two accounts must share to give one answer: the decision and each of its conditions."""
    return d.decision, tuple(sorted(repr((r["if"], r["then"])) for r in d.conditions))


def _shared_rows(answers: list[Decision]) -> list[dict]:
    """The condition rows every answer gives (each true whichever account is right), then
    ``indeterminate`` for everything else; none when no row is shared.

    >>> row = {"if": {"device": ["work"]}, "then": "deny", "because": ["r"]}
    >>> a = Decision("indeterminate", {}, None, {}, None, [], [], [], conditions=[row, {"if": {"device": ["personal"]}, "then": "permit", "because": []}])
    >>> b = Decision("indeterminate", {}, None, {}, None, [], [], [], conditions=[row, {"if": {"device": ["personal"]}, "then": "deny", "because": ["s"]}])
    >>> [(r["if"], r["then"], r.get("otherwise")) for r in _shared_rows([a, b])]
    [({'device': ['work']}, 'deny', None), ({}, 'indeterminate', True)]
    """
    keys = [{repr((r["if"], r["then"])) for r in d.conditions} for d in answers]
    shared = [dict(r) for r in answers[0].conditions if all(repr((r["if"], r["then"])) in k for k in keys[1:])]
    for r in shared:
        r.pop("otherwise", None)
    if not shared:
        return []
    could = sorted(({r["then"] for d in answers for r in d.conditions} | {d.decision for d in answers})
                   - {INDETERMINATE})
    return shared + [{"if": {}, "then": INDETERMINATE, "because": [], "could_be": could, "otherwise": True}]


def _differs(answers, i: int, doc: str) -> bool:
    """Whether switching dispute ``i`` to another account, all else equal, changes some answer."""
    by_combo = {combo: _answer_key(a) for combo, a in answers}
    for combo, value in by_combo.items():
        if combo[i][1] != doc:
            continue
        for other, other_value in by_combo.items():
            if other_value != value and all(j == i or other[j] == combo[j] for j in range(len(combo))):
                return True
    return False


def _conflict_view(G: nx.MultiDiGraph, node: str, docs) -> list[dict] | dict:
    claims = G.nodes[node].get("claims", {})
    return {"about": node, "about_label": _label(G, node), "why": "conflict",
            "accounts": [{**_document(G, d).view(), "says": claims.get(d, {})} for d in docs]}


def _accounts_text(G: nx.MultiDiGraph, node: str, docs) -> str:
    """Each distinct account once, with the documents that give it (the first two named)."""
    claims = G.nodes[node].get("claims", {})
    disputed = G.nodes[node].get("disputed", ())
    parts = []
    for group in _same_accounts(G, node, docs):
        says = claims.get(group[0], {})
        told = ", ".join(f"{k} {says[k]}" for k in disputed if k in says)
        who = ", ".join(f"'{_label(G, d)}'" for d in group[:2]) + (f" and {len(group) - 2} more" if len(group) > 2 else "")
        parts.append(f"{who} {'say' if len(group) > 1 else 'says'} {says.get('date_text') or told or 'nothing dated'}"
                     + (f" ({told})" if says.get("date_text") and told else ""))
    return "; ".join(parts)


def _document(G: nx.MultiDiGraph, doc: str) -> SourceDocument:
    attrs = G.nodes[doc] if doc in G else {}
    return SourceDocument(doc, str(attrs.get("label", doc)), date_text=attrs.get("date_text"),
                          earliest=attrs.get("earliest"), latest=attrs.get("latest"))


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node
