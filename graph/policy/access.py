"""Access decisions: may this party do this with this model (or service), here, through this channel, on this date?

:func:`decide` answers with one of XACML's four values, ``permit``, ``deny``, ``not_applicable``
or ``indeterminate``, lists its evidence (the rules and events that decided it, each with its
date as written, its source, and the authority behind it) and, when the answer depends on a fact
the question does not give, its **conditions**: which values of that fact give which answer
("deny on a work device, permit on a personal one"). **A wrong confident answer is the worst
outcome**: when the sources cannot decide, the answer is ``indeterminate`` and says why.

How a decision is made
----------------------
1. **Candidates**: the permissions and prohibitions that target the asset asked about (a model,
   or a service through which models are offered), or an asset collection it is (transitively)
   part of, and whose action covers the requested one. A prohibition of ``use`` answers a
   ``distribute`` question (ODRL's ``includedIn``); a *permission* to ``use`` does not: an offer to
   use is not a right to distribute, sell or transfer (ODRL: ``use`` is "the most generic action
   for all non-third-party usage"). A rule on a service also answers a question about a model the
   service offers (``rkg:offers``), for a use through that service only. A ban on a service is not
   a ban on the model. A question about a service is about a use through it.
2. **Applicable**, as a condition (:mod:`graph.policy.applies`): the audience has the party, the
   constraints hold, the use is through the rule's service and within its authority's territory.
   What the question gives is fixed; what it leaves open (device, place, employer, nationality,
   membership, channel, recipient) is a variable, and each rule applies where a condition over
   those variables holds.
3. **Authority and order** (:mod:`graph.policy.combine`, the rule in one place): in one world, a
   prohibition in force stands unless a permission in force overrides it: one that can lift it
   (the same authority or one above it, or the authority whose act the prohibition was made to
   comply with) and that started later (*lex posterior*) or in the same act (*lex specialis*).
   ``deny`` if a prohibition stands; otherwise ``permit`` if a permission is in force; otherwise
   ``not_applicable``.
4. **Worlds**: rule 3 is worked out in every order of events the time rule allows
   (:mod:`graph.policy.state`; :mod:`graph.policy.worlds`). The rules fall into *clusters*: rules
   that share an uncertain event, whose uncertain events are ordered, or of which one can lift
   another. Clusters are independent, so the possible decisions of a combination are worked out
   cluster by cluster and combined (deny over permit over not applicable), never world by world.
5. **Conditions**: the space of the open facts is partitioned (:mod:`graph.policy.conditions`)
   into regions with the same possible decisions. A region where every world gives one decision
   has that decision; one where worlds disagree is ``indeterminate``, naming every event it may
   depend on (``undetermined_by``) and the pairs of acts whose order is unknown
   (``undetermined_order``). The answer is the common decision of every region when they agree,
   and ``indeterminate`` otherwise, with ``conditions``: the regions, merged into a few rows of
   *if these facts, then this decision, because these rules*. **A missing fact never turns a
   possible deny into a permit.**
6. **Plans and forecasts** never permit or deny; each one about the model becomes a caveat. So
   do reports of what was actually reachable (:mod:`graph.policy.availability`).
7. **Inferences**: evidence from a fact the curator inferred says "inferred from ...". With
   ``strict``, the answer is worked out from stated facts only; when that differs from the answer
   with the inferences, the answer is ``indeterminate``, naming the inferences it needs.

Evidence lists, for each rule that applies somewhere in the answer's conditions: ``permit`` (a
permission in force), ``deny`` (a prohibition that stands in some world), ``overridden`` (a
prohibition a permission lifts in every world where it is in force), ``outranked`` (a permission
that cannot lift a prohibition that stands), ``superseded`` (a permission a later prohibition it
could lift stands against) and ``ended`` (a rule whose policy an event ended). A line that holds
only under some of the open facts says under which (``where``).

Everything comes from the data. The indexes are built once per projection (:func:`access_index`),
and a decision touches only the asset's rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import networkx as nx

from graph.data.iris import ODRL
from graph.errors import InputError, NotFoundError
from graph.policy.applies import DEVICE, FACTS, OTHER, PURPOSE, Context, context_for, scope_index
from graph.policy.authority import Authority, authority_of
from graph.policy.availability import availability_caveat, availability_reports
from graph.policy.combine import DENY, INDETERMINATE, NOT_APPLICABLE, PERMIT, lifts
from graph.policy.conditions import Cube, Partition
from graph.policy.odrl_actions import ancestors
from graph.policy.parties import COUNTRY, PartyAttributes, closure_of, party_index
from graph.policy.state import HAPPENED, OCCURRING, Trigger, parse_date, state_index
from graph.policy.worlds import NOW, Analysis, Order, Ruled, analyse, deciding
from graph.store.memo import cached, relation_edges

__all__ = ["PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE", "EXIT_CODES", "PartyAttributes",
           "Evidence", "Decision", "RuleInfo", "access_index", "candidate_rules", "decide", "party_view",
           "add_rule_actions", "asset_kinds", "THIRD_PARTY_ACTIONS", "Question", "explain", "applicable_rules",
           "applicable_memo"]

#: Exit status of ``regkg check`` for each decision (2 is kept for usage and input errors).
EXIT_CODES = {PERMIT: 0, DENY: 1, NOT_APPLICABLE: 3, INDETERMINATE: 4}
_INDEXED = ("odrl:permission", "odrl:prohibition", "odrl:target", "odrl:assignee", "odrl:constraint",
            "odrl:assigner", "rkg:affects", "prov:wasGeneratedBy", "prov:wasInvalidatedBy", "rkg:compliesWith",
            "sem:hasActor", "prov:wasAssociatedWith", "org:subOrganizationOf")
#: The kinds of node a question can be about: a model, or a service through which models are offered.
asset_kinds = ("model", "service")
#: Actions for a third party (rule 1): a permission to ``use`` never grants them.
THIRD_PARTY_ACTIONS = frozenset({"distribute", "transfer", "give", "sell", "lend", "lease", "grantUse", "license",
                                 "share", "shareAlike", "nextPolicy"})


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """A permission or prohibition with its policy, assignee, constraints and authority.

    ``via_service`` is set on a rule about a service that answers a question about a model the
    service offers (rule 1); ``inferred`` holds the curator's reasoning when the rule (or its
    policy) is an inference; ``answers_to`` are the agents whose permission can lift it
    (:func:`graph.policy.combine.lifts`); ``territory`` is where it binds when it names no place
    of its own (its authority's jurisdiction: :mod:`graph.policy.applies`).
    """

    node: str
    kind: str
    policy: str
    assignee: str | None
    constraints: tuple
    label: str
    sources: tuple[str, ...]
    action: str = "odrl:use"
    authority: Authority = Authority(None, None)
    inferred: str | None = None
    via_service: str | None = None
    answers_to: frozenset = frozenset()
    territory: str | None = None

    @property
    def assigner(self) -> str | None:
        return self.authority.agent


@dataclasses.dataclass(frozen=True)
class QuoteView:
    """The words of a cited page behind a rule: the text, the section's label and the page's URL."""

    text: str | None
    source: str | None = None
    url: str | None = None


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One reason: a rule, the event (or source) that put it in force or ended it, and citations.

    ``where`` is set when the line holds only under some values of the facts the question leaves
    open: ``{fact: [values]}`` as in :attr:`Decision.conditions`.
    """

    rule: str
    label: str
    effect: str  # permit, deny, overridden, outranked, superseded, ended
    policy: str
    event: str
    event_label: str
    date_text: str
    earliest: str | None
    latest: str | None
    event_state: str  # happened or uncertain on the date asked about
    source: str
    authority: str | None = None  # who made the rule, and at which rank
    inferred_from: str | None = None  # the curator's reasoning, when rule or event is an inference
    sources: tuple[str, ...] = ()  # the sections ``source`` joins, one by one (labels)
    where: tuple = ()  # alternatives, each ((fact, (values...)), ...): the open facts under which it holds; () everywhere
    quote: QuoteView | None = None  # the words of a cited page behind the rule


@dataclasses.dataclass
class Decision:
    """The answer to one question, with everything needed to cite it.

    The keys of :meth:`to_dict` are a contract: new ones are added, none is renamed.
    ``conditions`` are the rows of rule 5 (``[]`` when no open fact changes anything):
    ``{"if": {fact: [values]}, "then": decision, "could_be": [...], "because": [rule IRIs]}``;
    ``notes`` are the caveats as data (``kind`` and what each names), for a caller that words
    them itself.
    """

    decision: str
    model: dict
    on: dt.date
    party: dict
    channel: dict | None
    evidence: list[Evidence]
    caveats: list[str]
    undetermined_by: list[dict]
    action: str = "odrl:use"
    place: str | None = None
    recipient: dict | None = None
    missing: list[dict] = dataclasses.field(default_factory=list)
    undetermined_order: list[dict] = dataclasses.field(default_factory=list)
    strict: bool = False
    inferences: list[dict] = dataclasses.field(default_factory=list)
    availability: list[dict] = dataclasses.field(default_factory=list)  # reports of what was reachable
    conditions: list[dict] = dataclasses.field(default_factory=list)
    device: str | None = None
    purpose: str | None = None
    notes: list[dict] = dataclasses.field(default_factory=list)
    next_change: dict | None = None  # the first later day the answer can change on, and the events then

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.decision]

    def to_dict(self) -> dict:
        """Plain JSON-ready data (the ``--json`` output of ``regkg check``)."""
        d = dataclasses.asdict(self)
        d["on"] = self.on.isoformat()
        for e in d["evidence"]:
            e["where"] = [{k: list(v) for k, v in alt} for alt in e["where"]] or None
        return d


# --------------------------------------------------------------------------- the index

@dataclasses.dataclass
class AccessIndex:
    """The rules of a projection by target, and the plans and forecasts about each model."""

    by_target: dict[str, list[RuleInfo]]
    plans: dict[str, list[str]]


#: The indexes a view that differs from another only in disputed dates and status shares with it
#: (graph.policy.knowledge): none of them reads an event's dates or status.
DATE_FREE_INDEXES = ("access", "parties", "scope", "names", "atoms-holding", "rule-reads", "inferred-reach",
                     "closures", "closures-stated", "candidates", "memo:applicable")


def access_index(G: nx.MultiDiGraph) -> AccessIndex:
    """The :class:`AccessIndex` of ``G``: one pass over its edges, cached (:func:`graph.store.memo.cached`).
    Its ``plans`` (which read the events' status) are their own index, so the rules can be shared."""
    index = cached(G, "access", _build_access_index)
    return dataclasses.replace(index, plans=cached(G, "access-plans", lambda g: _plans(g, index)))


def _plans(G: nx.MultiDiGraph, index: AccessIndex) -> dict[str, list[str]]:
    out: dict[str, dict[str, list[str]]] = {r: {} for r in ("rkg:affects", "prov:wasGeneratedBy",
                                                            "prov:wasInvalidatedBy")}
    for u, v, relation in relation_edges(G):
        if relation in out:
            out[relation].setdefault(u, []).append(v)
    found = AccessIndex(index.by_target, {})
    _index_plans(G, found, out)
    return found.plans


def _build_access_index(G: nx.MultiDiGraph) -> AccessIndex:
    from graph.policy.applies import scope_index

    out: dict[str, dict[str, list[str]]] = {r: {} for r in _INDEXED}
    for u, v, relation in relation_edges(G):
        if relation in out:  # keep only what decisions read, not every edge of a large graph
            out[relation].setdefault(u, []).append(v)
    scope = scope_index(G)
    index = AccessIndex({}, {})
    for relation, kind in (("odrl:permission", "permission"), ("odrl:prohibition", "prohibition")):
        for policy, rules in out.get(relation, {}).items():
            assigner = (out["odrl:assigner"].get(policy) or [None])[0]
            answers = _answers_to(out, policy, assigner)
            for r in rules:
                a = G.nodes[r]
                inferred = a.get("inferred_from") or G.nodes[policy].get("inferred_from")
                constraints = tuple(out["odrl:constraint"].get(r, []))
                assignee = (out["odrl:assignee"].get(r) or [None])[0]
                info = RuleInfo(r, kind, policy, assignee, constraints, a.get("label", r),
                                tuple(a.get("sources", ())), a.get("action") or "odrl:use",
                                authority_of(G, assigner), inferred, None, answers,
                                _territory(scope, r, assigner, assignee, constraints))
                for target in out["odrl:target"].get(r, []):
                    index.by_target.setdefault(target, []).append(info)
    return index


def _ancestors(out: dict, agent: str | None) -> set[str]:
    found, todo = set(), [agent] if agent else []
    while todo:
        a = todo.pop()
        if a not in found:
            found.add(a)
            todo += out["org:subOrganizationOf"].get(a, [])
    return found


def _answers_to(out: dict, policy: str, assigner: str | None) -> frozenset:
    """Whose permission lifts the rules of ``policy`` (:func:`graph.policy.combine.lifts`): its
    assigner and the authorities above it, and the authors of the acts it complies with and theirs."""
    found = _ancestors(out, assigner)
    for act in out["rkg:compliesWith"].get(policy, []):
        for author in (out["sem:hasActor"].get(act, []) + out["prov:wasAssociatedWith"].get(act, [])
                       + out["odrl:assigner"].get(act, [])):
            found |= _ancestors(out, author)
    return frozenset(found)


def _territory(scope, rule: str, assigner: str | None, assignee: str | None, constraints: tuple) -> str | None:
    """Where a rule with no place of its own binds (:mod:`graph.policy.applies`): its assigner's
    jurisdiction, unless it is on staff (an audience defined by employment) or binds beyond."""
    if assigner is None or rule in scope.extraterritorial or assignee in scope.employment:
        return None
    if any("odrl:spatial" in scope.reads.get(c, ()) for c in constraints):
        return None
    return scope.jurisdiction.get(assigner)


def _index_plans(G: nx.MultiDiGraph, index: AccessIndex, out: dict) -> None:
    """Plans and forecasts about a model: events affecting it, or (un)making a policy about it."""
    models_of_policy: dict[str, set[str]] = {}
    for target, rules in index.by_target.items():
        for r in rules:
            models_of_policy.setdefault(r.policy, set()).add(target)
    about: dict[str, set[str]] = {}
    for e, models in out.get("rkg:affects", {}).items():
        about.setdefault(e, set()).update(models)
    for relation in ("prov:wasGeneratedBy", "prov:wasInvalidatedBy"):
        for policy, events in out.get(relation, {}).items():
            for e in events:
                about.setdefault(e, set()).update(models_of_policy.get(policy, ()))
    for e, models in sorted(about.items()):
        if G.nodes[e].get("kind") == "event" and G.nodes[e].get("status", "reported") not in OCCURRING:
            for m in models:
                index.plans.setdefault(m, []).append(e)


def add_rule_actions(G: nx.MultiDiGraph, store) -> nx.MultiDiGraph:
    """Copy each rule's ``odrl:action`` from ``store`` onto its node as ``action`` (``"odrl:use"``),
    and return the graph (a thawed copy when ``G`` is frozen: :func:`graph.store.memo.freeze`).

    Only needed for a projection made without actions (older builds, hand-made graphs): without
    them a ``distribute`` rule would be read as ``use``. Nodes that have an action keep it.
    """
    if getattr(G, "frozen", False):
        from graph.store.memo import thaw

        G = thaw(G)
    result = store.query("SELECT ?r ?a WHERE { ?r <http://www.w3.org/ns/odrl/2/action> ?a }")
    for rule, action in result.rows:
        node, text = str(rule), str(action)
        if node in G and text.startswith(ODRL):
            G.nodes[node].setdefault("action", "odrl:" + text[len(ODRL):])
    return G


def candidate_rules(G: nx.MultiDiGraph, model: str, action: str = "odrl:use") -> list[RuleInfo]:
    """Rules about ``action`` on ``model``, or on an asset collection it is (transitively) part of,
    and (rule 1) rules on the services that offer it, marked with ``via_service``.

    A prohibition's action covers ``action`` when it is that action or one ``action`` is included
    in; a permission's only when it is, or when neither is an action for a third party
    (:data:`THIRD_PARTY_ACTIONS`): a permission to ``use`` does not answer ``distribute``.
    """
    memo = cached(G, "candidates", lambda g: {})  # the rules are the view's, whoever asks when
    key = (model, action)
    if key not in memo:
        memo[key] = tuple(_candidate_rules(G, model, action))
    return list(memo[key])


def _candidate_rules(G: nx.MultiDiGraph, model: str, action: str) -> list[RuleInfo]:
    index, parties = access_index(G), party_index(G)
    wholes = closure_of(parties, [model])
    found = [r for whole in sorted(wholes) for r in index.by_target.get(whole, ())]
    seen = {r.node for r in found}
    for service in sorted(parties.offers.get(model, ())):
        for whole in sorted(closure_of(parties, [service]) - wholes):
            for r in index.by_target.get(whole, ()):
                if r.node not in seen:
                    seen.add(r.node)
                    found.append(dataclasses.replace(r, via_service=whole))
    return [r for r in found if _covers(r, action)]


def _covers(r: RuleInfo, action: str) -> bool:
    name, own = action.split(":", 1)[1], r.action.split(":", 1)[1]
    if own not in _ancestors_of(action):
        return False
    if r.kind == "permission" and own != name:
        return not (_third_party(name) and not _third_party(own))
    return True


@functools.lru_cache(maxsize=256)
def _third_party(name: str) -> bool:
    return bool(ancestors(name) & THIRD_PARTY_ACTIONS)


@functools.lru_cache(maxsize=64)
def _ancestors_of(action: str) -> frozenset:
    """Local names of ``action`` and the actions it is included in (no rdflib: see graph.policy.odrl_actions)."""
    return frozenset(ancestors(action.split(":", 1)[1]))


# --------------------------------------------------------------------------- the question

@dataclasses.dataclass(frozen=True)
class Question:
    """What was asked, checked against the projection (:meth:`check`): node IRIs and ISO codes."""

    party: PartyAttributes
    channel: str | None = None
    place: str | None = None
    recipient: str | None = None
    on: object = None
    stated_only: bool = False
    device: str | None = None
    purpose: str | None = None

    def check(self, G: nx.MultiDiGraph, asset: str, action: str) -> None:
        """Refuse what no answer could be about: an unknown asset, group, channel, action or place
        (:class:`~graph.errors.NotFoundError` or :class:`~graph.errors.InputError`, naming the
        closest names). A party or an employer the graph does not know is accepted: it is
        described by the other facts."""
        from graph.policy.odrl_actions import INCLUDED_IN

        _known(G, asset, asset_kinds, "model or service")
        for g in (*self.party.member_of, *self.party.not_member_of):
            _known(G, g, ("group",), "group")
        if self.channel is not None:
            _known(G, self.channel, ("channel", "service"), "channel")
        name = action.split(":", 1)[-1]
        if not action.startswith("odrl:") or (name not in INCLUDED_IN and name not in ("use", "transfer")):
            raise InputError(f"unknown action '{action}' (expected an ODRL action such as odrl:use or odrl:distribute)")
        if self.place is not None:
            _place(self.place, "place")
        if self.party.nationality is not None:
            _place(self.party.nationality, "nationality", country_only=True)
        for value, allowed, what in ((self.device, ("work", "personal"), "device"),
                                     (self.purpose, ("work", "private"), "purpose")):
            if value is not None and value not in allowed:
                raise InputError(f"unknown {what} '{value}' (expected one of: {', '.join(allowed)})")


def _known(G: nx.MultiDiGraph, node: str, kinds, what: str) -> None:
    if node in G and G.nodes[node].get("kind") in kinds:
        return
    from graph.store.names import closest

    near = closest(G, node.rsplit("/", 1)[-1], kinds)
    hint = f"; closest: {', '.join(near)}" if near else ""
    raise NotFoundError(f"unknown {what} '{node}'{hint}")


def _place(code: str, what: str, country_only: bool = False) -> None:
    import re

    shape = r"[A-Z]{2}" if country_only else r"[A-Z]{2}(-[A-Z0-9]{1,3})?"
    if not re.fullmatch(shape, code):
        expected = "a two-letter country code (ISO 3166, e.g. KR)" if country_only else \
            "an ISO 3166 code (IT, or a subdivision such as US-TX)"
        raise InputError(f"{what} '{code}' is not {expected}")


# --------------------------------------------------------------------------- deciding

def decide(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
           channel: str | None = None, action: str = "odrl:use", *, place: str | None = None,
           recipient: str | None = None, strict: bool = False, device: str | None = None,
           purpose: str | None = None) -> Decision:
    """May ``party`` perform ``action`` on ``model`` through ``channel``, in ``place``, on date ``on``?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection of :mod:`graph.store.project`.
    model : str
        The node IRI of a model, or of a service through which models are offered.
    on : str or datetime.date
        The date asked about (``YYYY-MM-DD``).
    party : PartyAttributes
        Who is asking (party or a name not in the graph, groups, employer, nationality); empty means "anyone".
    channel : str, optional
        The delivery channel's (or service's) node IRI.
    action : str
        An ODRL action as a prefixed name (``odrl:use``, ``odrl:distribute``, ...).
    place : str, optional
        Where the use takes place: an ISO 3166 code (``IT``, ``US-TX``).
    recipient : str, optional
        Who receives the model, for ``distribute`` and the like: a party or group node IRI.
    strict : bool
        Answer from stated facts only (rule 7).
    device, purpose : str, optional
        ``work`` or ``personal``; ``work`` or ``private``.

    Returns
    -------
    Decision
        ``permit``, ``deny``, ``not_applicable`` or ``indeterminate``, with evidence, conditions and caveats.

    Raises
    ------
    graph.errors.NotFoundError
        An asset, group or channel that is not in ``G``.
    graph.errors.InputError
        A date that is not ``YYYY-MM-DD``, an unknown action, place, device or purpose.

    Examples
    --------
    A company's suspension to comply with a government's order, then the government's later
    reinstatement for one group (dates as imprecise as the source's):

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", kind="company", label="Lab", authority_rank=10)
    >>> G.add_node("gov", kind="government", label="Government", authority_rank=30)
    >>> G.add_node("m", kind="model", label="Mythos")
    >>> G.add_node("g", kind="group", label="Approved institutions", members_text="none named")
    >>> G.add_node("e:order", kind="event", label="order", status="occurred", date_text="early June",
    ...            earliest="2026-06-01", latest="2026-06-05")
    >>> _ = G.add_edge("e:order", "gov", relation="sem:hasActor")
    >>> G.add_node("e:ban", kind="event", label="suspension", status="occurred",
    ...            date_text="mid-June 2026", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:back", kind="event", label="reinstatement", status="occurred",
    ...            date_text="later; not stated", latest="2026-07-31")
    >>> for p, r, kind, e, by in (("p:ban", "r:ban", "prohibition", "e:ban", "lab"),
    ...                           ("p:back", "r:back", "permission", "e:back", "gov")):
    ...     G.add_node(p, kind="policy", status="occurred")
    ...     _ = G.add_edge(p, by, relation="odrl:assigner")
    ...     G.add_node(r, kind=kind, label=r)
    ...     _ = G.add_edge(p, r, relation="odrl:" + kind)
    ...     _ = G.add_edge(r, "m", relation="odrl:target")
    ...     _ = G.add_edge(r, "g", relation="odrl:assignee")
    ...     _ = G.add_edge(p, e, relation="prov:wasGeneratedBy")
    >>> _ = G.add_edge("p:ban", "e:order", relation="rkg:compliesWith")
    >>> _ = G.add_edge("e:back", "e:ban", relation="rkg:after")
    >>> member = PartyAttributes(member_of=("g",))
    >>> [decide(G, "m", d, member).decision for d in ("2026-06-01", "2026-07-01", "2026-08-01")]
    ['not_applicable', 'indeterminate', 'permit']
    >>> decide(G, "m", "2026-07-01", member).undetermined_by[0]["label"]
    'reinstatement'
    >>> [(e.rule, e.effect) for e in decide(G, "m", "2026-08-01", member).evidence]
    [('r:back', 'permit'), ('r:ban', 'overridden')]

    Whether someone not said to be a member is one is an open fact (for a private person, with no
    employer that could be one): the answer says which way it goes.

    >>> d = decide(G, "m", "2026-08-01", PartyAttributes(private=True))
    >>> d.decision, [(c["if"], c["then"]) for c in d.conditions]
    ('indeterminate', [({'member_of': {'g': False}}, 'not_applicable'), ({'member_of': {'g': True}}, 'permit')])
    """
    on = parse_date(on)
    key = ("answer", model, on, party, channel, action, place, recipient, strict, device, purpose)
    memo = _memo(G)
    if key in memo:  # a question asked again: the same answer (the projection does not change)
        return dataclasses.replace(memo[key])
    memo[key] = _decide(G, model, on, party, channel, action, place, recipient, strict, device, purpose)
    return dataclasses.replace(memo[key])


@functools.lru_cache(maxsize=4096)
def _report_fields(report) -> tuple:
    return tuple(dataclasses.asdict(report).items())


def _report_dict(report) -> dict:
    """An availability report as data: worked out once per report (a table's thousands of
    decisions about one service name the same few), a fresh dict each time."""
    return dict(_report_fields(report))


def _decide(G, model, on, party, channel, action, place, recipient, strict, device, purpose) -> Decision:
    through = channel if channel is not None or G.nodes.get(model, {}).get("kind") != "service" else model
    question = Question(party, through, place.upper() if place else None, recipient, on, False, device, purpose)
    question.check(G, model, action)
    candidates = candidate_rules(G, model, action)
    answer = _answer(G, candidates, question, model)
    inferences: list[dict] = []
    notes = list(answer.notes)
    if strict:
        stated = _answer(G, [r for r in candidates if not r.inferred], dataclasses.replace(question, stated_only=True),
                         model)
        inferences = _inferences_used(G, candidates, question)
        if stated.value != answer.value:
            answer = _needs_inference(answer, stated, inferences)
        else:
            answer = stated
        notes = list(answer.notes)
    reports = availability_reports(G, model, on, channel, question.place)
    notes += (_plan_notes(G, model) + _membership_notes(G, answer, question) + _party_notes(G, party)
              + [{"kind": "availability", "text": availability_caveat(r), "report": _report_dict(r)}
                 for r in reports])
    notes = list({n["text"]: n for n in notes}.values())
    return Decision(answer.value, _node_view(G, model), on, party_view(G, party),
                    _node_view(G, channel) if channel else None, answer.evidence, [n["text"] for n in notes],
                    [_window_view(t) for t in answer.deciding], action, question.place,
                    _node_view(G, recipient) if recipient else None, answer.missing, answer.order, strict,
                    inferences, [_report_dict(r) for r in reports], answer.conditions, device, purpose, notes,
                    _next_change(G, answer.applied, on, question.stated_only))


def _next_change(G, rules, on: dt.date, stated_only: bool) -> dict | None:
    """The first day after ``on`` on which an event that starts or ends one of ``rules`` (those that
    can apply to the party as described) may have happened, or becomes certain: the answer cannot
    change before it (a date constraint aside), and may then."""
    st = state_index(G, stated_only)
    found: dict[dt.date, list[Trigger]] = {}
    for r in rules:
        for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ())):
            if not t.occurring:
                continue
            state = t.state_on(on)
            day = t.window.earliest if state == "not-yet" else (
                t.window.latest + dt.timedelta(days=1) if state == "uncertain" and t.window.latest else None)
            if day is not None and day > on:
                found.setdefault(day, []).append(t)
    if not found:
        return None
    day = min(found)
    return {"on": day.isoformat(), "events": [_window_view(t) for t in dict.fromkeys(found[day])]}


@dataclasses.dataclass
class _Answer:
    """One answer before it becomes a :class:`Decision`."""

    value: str
    evidence: list[Evidence]
    deciding: list[Trigger]
    notes: list[dict] = dataclasses.field(default_factory=list)
    missing: list[dict] = dataclasses.field(default_factory=list)
    order: list[dict] = dataclasses.field(default_factory=list)
    applied: tuple = ()
    conditions: list[dict] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Cell:
    """A region of one cluster where the same rules apply, and what the worlds allow there."""

    cube: Cube
    rules: tuple  # RuleInfo that apply here
    values: frozenset  # the decisions the worlds allow
    analysis: Analysis | None


#: Entries a projection's decision memo holds at most before it starts again.
_MEMO_LIMIT = 50_000


def applicable_memo(G: nx.MultiDiGraph) -> dict:
    """:func:`_applicable`'s memo: a question's context and its rules' conditions read no event's
    dates or status, so a view that pins disputed accounts shares it with the view it pins
    (:data:`DATE_FREE_INDEXES`), as the questions of one view share it across dates."""
    memo = cached(G, "memo:applicable", lambda g: {})
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def _memo(G: nx.MultiDiGraph) -> dict:
    """The worlds' verdict on a set of applicable rules on a date, kept with the projection: a pure
    function of the projection and its key, so the memo changes no answer; it makes a table over
    time (:mod:`graph.policy.periods`) or over audiences cost one analysis per distinct set."""
    memo = cached(G, "memo:decide", lambda g: {})
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def _timed(G, st, rules: tuple[RuleInfo, ...], on: dt.date, stated_only: bool) -> tuple[frozenset, Analysis | None]:
    if not rules:
        return frozenset({NOT_APPLICABLE}), None
    memo = _memo(G)
    key = ("timed", stated_only, frozenset(r.node for r in rules), on)
    if key not in memo:
        ruled = [Ruled(r.node, r.kind, r.policy, r.authority, r.answers_to) for r in rules]
        analysis = analyse(st, ruled, on)
        memo[key] = (frozenset(analysis.decisions) or frozenset({NOT_APPLICABLE}), analysis)
    return memo[key]


def _clusters(st, rules: list[RuleInfo], on: dt.date) -> list[list[RuleInfo]]:
    """Rule 4: the rules tied by an uncertain event, an order between uncertain events, or lifting."""
    parent = {r.node: r.node for r in rules}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    triggers = {t.node: t for r in rules for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ()))
                if t.occurring}
    order = Order(st, triggers, on)
    free = {t for t in triggers if not order.before(t, NOW) and not order.before(NOW, t)}
    owners: dict[str, list[str]] = {}
    for r in rules:
        for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ())):
            if t.node in free:
                owners.setdefault(t.node, []).append(r.node)
    for nodes in owners.values():
        for n in nodes[1:]:
            union(n, nodes[0])
    ordered = sorted(free)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if order.before(a, b) or order.before(b, a):
                union(owners[a][0], owners[b][0])
    for p in rules:
        for q in rules:
            if lifts(p, q):
                union(p.node, q.node)
    by_root: dict[str, list[RuleInfo]] = {}
    for r in rules:
        by_root.setdefault(find(r.node), []).append(r)
    return list(by_root.values())


def _cluster_cells(G, ctx: Context, st, cluster: list[RuleInfo], conds: dict, on, stated_only) -> list[_Cell]:
    """The regions of one cluster by the rules that apply there, each with the worlds' verdict."""
    space = ctx.space
    cells: list[tuple[Cube, tuple]] = [(space.top, ())]
    for r in cluster:
        pieces = space.disjoint(conds[r.node])
        nxt = []
        for cube, rules in cells:
            rest = [cube]
            for p in pieces:
                m = space.meet(cube, p)
                if m is not None:
                    nxt.append((m, rules + (r,)))
                    rest = [x for y in rest for x in space.minus(y, p)]
            nxt.extend((x, rules) for x in rest)
        cells = _merge_cells(space, nxt)
    out = []
    for cube, rules in cells:
        values, analysis = _timed(G, st, rules, on, stated_only)
        out.append(_Cell(cube, rules, values, analysis))
    return out


def _merge_cells(space, cells: list[tuple[Cube, tuple]]) -> list[tuple[Cube, tuple]]:
    by_rules: dict[tuple, list[Cube]] = {}
    for cube, rules in cells:
        if not space.empty(cube):
            by_rules.setdefault(rules, []).append(cube)
    return [(c, rules) for rules, cubes in by_rules.items() for c in space.merge(cubes)]


_RANK = {NOT_APPLICABLE: 0, PERMIT: 1, DENY: 2}


def _join(a: frozenset, b: frozenset) -> frozenset:
    """Rule 4's combination of two independent clusters' possible decisions: deny over permit over
    not applicable, in each pair of worlds."""
    return frozenset(max(x, y, key=_RANK.__getitem__) for x in a for y in b)


def _answer(G: nx.MultiDiGraph, candidates: list[RuleInfo], question: Question, asset: str) -> _Answer:
    """Rules 2-5."""
    st = state_index(G, question.stated_only)
    ctx, conds, live, through = _applicable(G, candidates, question, asset)
    # The rest reads only the rules that can apply, where they apply (over the same open facts), the
    # inferred links, and of the date only the state of these rules' events on it (happened,
    # uncertain, not yet): parties of a table that reach the same rules in the same way share one
    # answer (who-can and the page ask every audience; most are alike), and so do the days of a
    # table over time on which no event of those rules moves.
    states = tuple(sorted({(t.node, t.state_on(question.on)) for r in live
                           for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ()))}))
    key = ("applied", states, question.stated_only, ctx.space.variables,
           tuple((r, tuple(conds[r.node])) for r in live), tuple(sorted(through.items())))
    memo = _memo(G)
    if key not in memo:
        memo[key] = _answer_applied(G, st, ctx, live, conds, through, question.on)
    answer = memo[key]
    return dataclasses.replace(answer, notes=_window_notes(answer.deciding, question.on) + answer.notes)


def _applicable(G: nx.MultiDiGraph, candidates: list[RuleInfo], question: Question, asset: str):
    """Rule 2: the question's context, each candidate's condition, those that can apply, and those
    reached through an inferred link. Only a date constraint reads the date: without one, the
    questions of a table over time (one per span) share them."""
    from graph.policy.applies import scope_index

    reads = scope_index(G).reads
    dated = any("odrl:dateTime" in reads.get(c, ()) for r in candidates for c in r.constraints)
    key = ("applicable", dataclasses.replace(question, on=question.on if dated else None),
           asset, tuple(r.node for r in candidates))
    memo = applicable_memo(G)
    if key not in memo:
        kind = G.nodes[asset].get("kind") if asset in G else None
        ctx = context_for(G, candidates, question.party, question.on, place=question.place, channel=question.channel,
                          recipient=question.recipient, device=question.device, purpose=question.purpose,
                          stated_only=question.stated_only, asset_kind=kind)
        conds = {r.node: ctx.condition(r) for r in candidates}
        live = [r for r in candidates if conds[r.node]]
        through = _through_inference(G, candidates, question, ctx)
        ctx._memo.clear()  # kept for its space: the closures and conditions behind it are done with
        memo[key] = ctx, conds, live, through
    return memo[key]


def _answer_applied(G, st, ctx: Context, live: list[RuleInfo], conds: dict, through: dict, on: dt.date) -> _Answer:
    """Rules 3-5 for the rules that can apply (``live``), each where ``conds`` says."""
    space = ctx.space
    partition = Partition.whole(space, frozenset({NOT_APPLICABLE}))
    cells: list[_Cell] = []
    by_cluster: list[list[_Cell]] = []
    for cluster in _clusters(st, live, on):
        mine = _cluster_cells(G, ctx, st, cluster, conds, on, ctx.stated_only)
        cells += mine
        by_cluster.append(mine)
        partition.fold([(c.cube, c.values) for c in mine if c.values != {NOT_APPLICABLE}], _join)
    regions = partition.regions()
    labelled: dict[str, list[Cube]] = {}
    could: dict[str, frozenset] = {}
    for values, cubes in regions.items():
        value = next(iter(values)) if len(values) == 1 else INDETERMINATE
        labelled.setdefault(value, []).extend(cubes)
        could[value] = could.get(value, frozenset()) | values
    rows, default = _rows(space, labelled)
    values = {v for _, v in rows}
    value = values.pop() if len(values) == 1 else INDETERMINATE
    evidence, conditions = {}, []
    for facts, row_value in rows:
        row_cube = space.cube(**facts)
        found: dict[tuple, tuple[Evidence, list]] = {}
        for c in cells:
            m = space.meet(c.cube, row_cube)
            if m is None or not c.rules:
                continue
            for e in _evidence(G, st, c, on, row_value, through):
                found.setdefault((e.rule, e.event, e.effect), (e, []))[1].append(m)
        lines = _relevant([dataclasses.replace(e, where=_where(ctx, cubes, row_cube)) for e, cubes in found.values()],
                          row_value)
        for e in lines:
            key = (e.rule, e.event, e.effect)
            evidence.setdefault(key, (e, []))[1].extend(found[key][1])
        if len(rows) > 1 or facts:
            row = {"if": _facts_view(ctx, facts), "then": row_value,
                   "because": list(dict.fromkeys(e.rule for e in lines if e.effect in ("permit", "deny")))}
            if row_value == INDETERMINATE:
                row["could_be"] = sorted(could.get(INDETERMINATE, frozenset()), key=_ORDER.__getitem__)
            conditions.append(row)
    if len(values) > 1 and conditions and conditions[-1]["then"] == default:
        conditions[-1]["otherwise"] = True  # the last answer: it also stands for all the rows above do not cover
    evidence = sorted((dataclasses.replace(e, where=_where(ctx, cubes, space.top)) for e, cubes in evidence.values()),
                      key=_evidence_order)
    depends, pairs = _depends(st, space, partition, by_cluster, on, _memo(G))
    triggers = {t.node: t for r in live for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ()))}
    deciding_t = [triggers[n] for n in dict.fromkeys(depends) if n in triggers]
    pairs = list(dict.fromkeys(pairs))
    notes = _order_notes(triggers, pairs)  # the notes on the date asked about are the caller's
    missing = _missing(ctx, rows, live, conds)
    notes += [_open_note(m) for m in missing] if value == INDETERMINATE else []
    return _Answer(value, evidence, deciding_t, notes, missing,
                   [{"first": _window_view(triggers[a]), "second": _window_view(triggers[b])} for a, b in pairs],
                   tuple(live), conditions)


_ORDER = {DENY: 0, INDETERMINATE: 1, NOT_APPLICABLE: 2, PERMIT: 3}


def _depends(st, space, partition: Partition, by_cluster: list[list[_Cell]], on, memo: dict) -> tuple[list, list]:
    """What an indeterminate answer may depend on (rule 5): where the worlds disagree, every event
    of the rules that apply there that is uncertain on the date, and the pairs of acts whose order is
    unknown; worked out on the exact set of rules of each part of those regions."""
    events, pairs = [], []
    for cube, label in partition.cells:
        if len(label) < 2:
            continue
        pieces = [(cube, ())]
        for mine in by_cluster:
            nxt = []
            for piece, rules in pieces:
                for c in mine:
                    m = space.meet(piece, c.cube)
                    if m is not None:
                        nxt.append((m, rules + c.rules))
            pieces = nxt
        for _, rules in pieces:
            if not rules:
                continue
            key = ("deciding", id(st), tuple(r.node for r in rules), on)  # st is kept with the memo's graph
            if key not in memo:
                memo[key] = deciding(st, [Ruled(r.node, r.kind, r.policy, r.authority, r.answers_to) for r in rules], on)
            found, found_pairs = memo[key]
            events += found
            pairs += found_pairs
    return events, pairs


def _rows(space, labelled: dict[str, list[Cube]]) -> tuple[list[tuple[dict, str]], str | None]:
    """Rule 5's rows: each answer's region as a few broad cubes (:meth:`Space.cover`), deny first;
    the answer with the largest region last (``otherwise``)."""
    if len(labelled) == 1:
        (value, cubes), = labelled.items()
        return [({}, value)], value
    sizes = {v: sum(space._size(c) for c in cubes) for v, cubes in labelled.items()}
    # The answer of a party no rule singles out reads best last: permit, else not applicable.
    default = next((v for v in (PERMIT, NOT_APPLICABLE) if v in labelled), None) or max(
        labelled, key=lambda v: (sizes[v], -_ORDER[v]))
    out = []
    for value in sorted(labelled, key=lambda v: (v == default, _ORDER[v])):
        outside = [c for other, cubes in labelled.items() if other != value for c in cubes]
        out += [(space.named(c), value) for c in space.cover(labelled[value], outside)]
    return out, default
#: The effects that decide a row of each value (the relevance rule of :func:`_relevant`).
_DECIDING = {DENY: "deny", PERMIT: "permit"}


def _relevant(lines: list[Evidence], value: str) -> list[Evidence]:
    """The lines that decide a row for the party as described: when a rule with the row's effect
    holds throughout the row, rules with that effect only under narrower facts are left out (they
    belong to the rows of those facts); a rule's lines in several parts of the row become one, the
    broadest."""
    effect = _DECIDING.get(value)
    throughout = effect is not None and any(e.effect == effect and not e.where for e in lines)
    kept: dict[tuple, Evidence] = {}
    for e in lines:
        if throughout and e.where and (e.effect == effect or e.effect in ("outranked", "superseded", "overridden")):
            if any(o.rule == e.rule and not o.where for o in lines):
                continue
            if e.effect == effect:
                continue
        key = (e.rule, e.event)
        if key in kept and (not kept[key].where or e.where):
            continue
        kept[key] = e
    return sorted(kept.values(), key=_evidence_order)


def _evidence_order(e: Evidence) -> tuple:
    """Deciding lines first, then those overridden, outranked or superseded, then ended; within each,
    by rule and event (the same order in every process, whatever order the regions came in)."""
    return _EFFECT_ORDER[e.effect], e.rule, e.event


# --------------------------------------------------------------------------- facts as data

def _atom_view(ctx: Context, fact: str, atom: str):
    if atom == OTHER:
        return "other"
    if fact == "place":
        return atom[len(COUNTRY):] if atom.startswith(COUNTRY) else atom
    if fact == "device":
        return atom[len(DEVICE):]
    if fact == "purpose":
        return atom[len(PURPOSE):]
    if fact == "nationality":
        return atom[len(COUNTRY):] if atom.startswith(COUNTRY) else atom
    return atom


def _facts_view(ctx: Context, facts: dict) -> dict:
    """A row's facts as JSON-ready data: ``{fact: [values]}``, memberships as ``member_of: {group: bool}``."""
    out: dict = {}
    for fact, atoms in facts.items():
        if fact.startswith("member:"):
            out.setdefault("member_of", {})[fact[len("member:"):]] = "yes" in atoms
        elif fact.startswith("recipient-member:"):
            out.setdefault("recipient_member_of", {})[fact[len("recipient-member:"):]] = "yes" in atoms
        else:
            order = ctx.space.variables[ctx.space.index[fact]].atoms
            out[fact] = [_atom_view(ctx, fact, a) for a in order if a in atoms]
    return out


def _where(ctx: Context, cubes: list[Cube], within: Cube) -> tuple:
    """Where a line of evidence holds within ``within`` (a row, or the whole space), as alternatives:
    ``()`` when it holds throughout, else ``((fact, values), ...)`` per alternative."""
    space = ctx.space
    rest = [within]
    for c in cubes:
        rest = [p for q in rest for p in space.minus(q, c)]
    if not rest:
        return ()
    out = []
    cubes = sorted(cubes, key=space.sort_key)  # one cover whatever order the cells came in (hash order varies)
    for c in (cubes if len(cubes) == 1 else space.merge(space.disjoint(cubes))):
        view = _facts_view(ctx, space.named(c))
        alt = []
        for fact, values in view.items():
            if fact in ("member_of", "recipient_member_of"):
                alt.append((fact, tuple(f"{g}={'yes' if v else 'no'}" for g, v in values.items())))
            else:
                alt.append((fact, tuple(values)))
        out.append(tuple(alt))
    return tuple(out)


def _missing(ctx: Context, rows, live: list[RuleInfo], conds: dict) -> list[dict]:
    """The open facts the conditions name: what each is, the rules that read it, what it could make
    the answer (``fact``: ``place``, ``employer``, ``member``...; no CLI option: callers name their own)."""
    if len(rows) < 2:
        return []
    out = []
    for var in ctx.space.variables:
        i = ctx.space.index[var.name]
        outcomes = sorted({v for facts, v in rows if var.name in facts}, key=_ORDER.__getitem__)
        if not outcomes:
            continue
        rules = [r.node for r in live if any(ctx.space.fixes(c, i) for c in conds[r.node])]
        fact, _, group = var.name.partition(":")
        out.append({"fact": fact, "group": group or None,
                    "what": _what(ctx, var.name), "rules": rules, "could_be": outcomes,
                    "labels": [_label(ctx.G, r) for r in rules],
                    "values": [] if group else [_atom_view(ctx, var.name, a) for a in var.atoms]})
    return out


def _what(ctx: Context, fact: str) -> str:
    if fact.startswith("member:"):
        g = fact[len("member:"):]
        return f"whether the party is one of '{_label(ctx.G, g)}'"
    if fact.startswith("recipient-member:"):
        g = fact[len("recipient-member:"):]
        return f"whether the recipient is one of '{_label(ctx.G, g)}'"
    return {"place": "where the use takes place", "employer": "the party's employer", "device": "the device",
            "purpose": "what the use is for (work or private)", "nationality": "the party's nationality",
            "channel": "the channel", "recipient": "who receives it"}[fact]


def _open_note(m: dict) -> dict:
    rules = ", ".join(f"'{x}'" for x in m.get("labels", ())[:5]) or "a rule"
    text = (f"undetermined: {m['what']} is not given, and {rules} depends on it (it could make the answer "
            f"{' or '.join(m['could_be'])})")
    return {"kind": "open-fact", "fact": m["fact"], "group": m["group"], "could_be": m["could_be"], "text": text}


# --------------------------------------------------------------------------- evidence

_EFFECT_ORDER = {"permit": 0, "deny": 0, "overridden": 1, "outranked": 1, "superseded": 1, "ended": 2}


def _through_inference(G, candidates: list[RuleInfo], question: Question, ctx: Context) -> dict[str, str]:
    """The rules that reach the party only through an inferred link (``rkg:inferredPartOf``), with
    the reasoning of the links."""
    if question.stated_only:
        return {}
    index = party_index(G)
    if not index.inferred:
        return {}
    reached, reason, rules = cached(G, "inferred-reach", _inferred_reach)
    maybe = []
    for r in candidates:
        if r.node not in rules:  # whether an inferred link can lead to it does not depend on who asks
            rules[r.node] = r.assignee in reached or any(
                g in reached for c in r.constraints for _, rights in _lefts_of(index, c) for g in map(str, rights))
        if rules[r.node]:
            maybe.append(r)
    if not maybe:
        return {}
    candidates = maybe
    stated = context_for(G, candidates, question.party, question.on, place=question.place, channel=question.channel,
                         recipient=question.recipient, device=question.device, purpose=question.purpose,
                         stated_only=True, space=ctx.space)
    found = {}
    for r in candidates:
        full = ctx.condition(r)
        if full and not _within(ctx, full, stated.condition(r)):
            found[r.node] = reason
    return found


def _inferred_reach(G) -> tuple[frozenset, str, dict]:
    """The groups an inferred link can put a party in (where each leads, and above), the links'
    reasoning, and a memo of the rules one of those groups reaches (rule node -> bool)."""
    index = party_index(G)
    reached = set()
    for (_, v) in index.inferred:
        reached |= closure_of(index, [v])
    return frozenset(reached), "; ".join(dict.fromkeys(index.inferred.values())), {}


def _lefts_of(index, node: str) -> list:
    from graph.policy.parties import constraint_left_operands

    return constraint_left_operands(index, node)


def _within(ctx: Context, cubes, others) -> bool:
    """Whether the union of ``cubes`` lies within the union of ``others``."""
    rest = list(cubes)
    for o in others:
        rest = [p for q in rest for p in ctx.space.minus(q, o)]
    return not rest


def _evidence(G, st, cell: _Cell, on: dt.date, value: str, through: dict[str, str], where: tuple = ()) -> list[Evidence]:
    a = cell.analysis
    if a is None:
        return []
    standing = [r for r in cell.rules if r.node in a.standing]
    found = []
    for r in cell.rules:
        for trigger in sorted(a.starts.get(r.node, ()), key=lambda x: x.node):
            found.append(_line(G, r, trigger, _effect(r, a, standing, value), on, through.get(r.node), where))
        if r.kind == "prohibition" or value != PERMIT:
            for trigger in sorted(a.ended.get(r.node, ()), key=lambda x: x.node):
                found.append(_line(G, r, trigger, "ended", on, through.get(r.node), where))
    return found


def _effect(r: RuleInfo, a: Analysis, standing: list[RuleInfo], value: str) -> str:
    if r.kind == "prohibition":
        return "deny" if r.node in a.standing else "overridden"
    if value == DENY:
        return "superseded" if standing and all(lifts(r, q) for q in standing) else "outranked"
    return "permit"


def _line(G, r: RuleInfo, t: Trigger, effect: str, on: dt.date, through: str | None, where: tuple) -> Evidence:
    sections = list(dict.fromkeys(r.sources + t.sources))
    labels = tuple(dict.fromkeys(G.nodes[s].get("label", s) if s in G else s for s in sections))
    source = "; ".join(labels)
    who = r.authority
    authority = None
    if who.agent is not None:
        label = G.nodes[who.agent].get("label", who.agent) if who.agent in G else who.agent
        authority = f"{label} (rank {who.rank})" if who.rank is not None else f"{label} (rank unknown)"
    inferred = r.inferred or t.inferred or through
    return Evidence(r.node, r.label, effect, r.policy, t.node, t.label, t.date_text, _iso(t.window.earliest),
                    _iso(t.window.latest), t.state_on(on), source, authority, inferred, labels, where,
                    _quote(G, r.node))


def _quote(G, node: str) -> QuoteView | None:
    """The quote behind a rule (``rkg:quote``): its words, the section, and the page's URL."""
    quotes = cached(G, "access-quotes", lambda g: {})  # a rule's quote, once per projection
    if node not in quotes:
        quotes[node] = _find_quote(G, node)
    return quotes[node]


def _find_quote(G, node: str) -> QuoteView | None:
    for _, q, relation in G.out_edges(node, data="relation"):
        if relation == "rkg:quote" and q in G:
            section = next((s for _, s, rel in G.out_edges(q, data="relation") if rel == "prov:wasQuotedFrom"), None)
            doc = next((d for _, d, rel in G.out_edges(section, data="relation") if rel == "dcterms:isPartOf"),
                       None) if section else None
            return QuoteView(G.nodes[q].get("text"), G.nodes[section].get("label") if section in G else None,
                             G.nodes[doc].get("url") if doc in G else None)
    return None


# --------------------------------------------------------------------------- notes

def _window_notes(deciding: list[Trigger], on: dt.date) -> list[dict]:
    return [{"kind": "undetermined-window", "event": t.node,
             "text": f"undetermined on {on}: depends on whether '{t.label}' ('{t.date_text}', between "
                     f"{t.window.earliest or 'an unknown date'} and {t.window.latest or 'an unknown date'}) "
                     f"had happened by then"}
            for t in deciding if t.state_on(on) != HAPPENED]


def _order_notes(triggers: dict[str, Trigger], pairs) -> list[dict]:
    """One note per permission's act, naming the prohibitions' acts of unknown order against it."""
    against: dict[str, list[str]] = {}
    for a, b in pairs:
        against.setdefault(a, []).append(b)
    out = []
    for a, others in against.items():
        x = triggers[a]
        names = ", ".join(f"'{triggers[b].label}' ({triggers[b].window.text()})" for b in others)
        out.append({"kind": "undetermined-order", "event": a, "against": others,
                    "text": f"undetermined: depends on whether '{x.label}' ({x.window.text()}) came after {names}; "
                            f"their dates overlap and no order is recorded"})
    return out


def _plan_notes(G, model: str) -> list[dict]:
    notes = []
    for e in access_index(G).plans.get(model, ()):
        a = G.nodes[e]
        notes.append({"kind": "plan", "event": e,
                      "text": f"{a.get('label', e)}: '{a.get('date_text', 'not stated')}' ({a.get('status')}); "
                              f"{a.get('status')} events do not change who may use a model"})
    return notes


def _membership_notes(G, answer: _Answer, question: Question) -> list[dict]:
    """Membership of a group whose members the source does not name, used because it was given."""
    index = party_index(G)
    given = closure_of(index, question.party.member_of)
    notes = []
    for r in answer.applied:
        group = index.groups.get(r.assignee or "")
        if group is not None and (group.unnamed or group.partial) and group.node in given:
            notes.append({"kind": "membership-as-given", "group": group.node,
                          "text": f"membership of '{group.label}' is as given: the source names none of its members"
                          if group.unnamed else
                          f"membership of '{group.label}' is as given: the source names only some of its members"})
    return notes


def _party_notes(G, party: PartyAttributes) -> list[dict]:
    notes = []
    if party.name and not party.party:
        from graph.store.names import closest

        near = closest(G, party.name, ("person", "company", "organization", "government"))
        hint = f" (did you mean {' or '.join(near)}?)" if near else ""
        notes.append({"kind": "party-not-in-graph", "name": party.name, "closest": near,
                      "text": f"'{party.name}' is not in the graph{hint}: it is described only by the facts "
                              f"given (its groups, employer, nationality)"})
    for e in party.employers_given():
        if e not in G:
            notes.append({"kind": "employer-not-in-graph", "name": e,
                          "text": f"the employer '{e}' is not in the graph: it is taken to be part of nothing a "
                                  f"rule names (no government body, no group)"})
    return notes


# --------------------------------------------------------------------------- inferences (rule 7)

def _inferences_used(G, candidates: list[RuleInfo], question: Question) -> list[dict]:
    """The inferences that bear on the question: inferred rules, their inferred events, inferred links."""
    st = state_index(G)
    found: dict[str, dict] = {}
    for r in candidates:
        if r.inferred:
            found.setdefault(r.policy, {"node": r.policy, "label": G.nodes[r.policy].get("label", r.policy),
                                        "inferred_from": r.inferred})
        for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ())):
            if t.inferred:
                found.setdefault(t.node, {"node": t.node, "label": t.label, "inferred_from": t.inferred})
    index = party_index(G)
    for (u, v), why in index.inferred.items():
        label = f"{G.nodes[u].get('label', u)} are among {G.nodes[v].get('label', v)}"
        found.setdefault(f"{u}|{v}", {"node": u, "label": label, "inferred_from": why})
    return list(found.values())


def _needs_inference(full: _Answer, stated: _Answer, inferences: list[dict]) -> _Answer:
    names = "; ".join(f"'{i['label']}' (inferred from {i['inferred_from']})" for i in inferences) or "an inference"
    note = {"kind": "needs-inference", "with": full.value, "without": stated.value,
            "text": f"undetermined from stated facts alone: with the curator's inferences the answer is {full.value}, "
                    f"without them {stated.value}; it needs {names}"}
    return dataclasses.replace(full, value=INDETERMINATE, notes=[note] + full.notes)


def applicable_rules(G: nx.MultiDiGraph, model: str, party: PartyAttributes = PartyAttributes(),
                     channel: str | None = None, action: str = "odrl:use", *, place: str | None = None,
                     recipient: str | None = None, device: str | None = None, purpose: str | None = None,
                     on: dt.date | None = None, **_) -> frozenset[str]:
    """The candidate rules that can apply to the question for some value of the facts it leaves open,
    whatever the date: what its answer can depend on (:mod:`graph.policy.knowledge` weighs disputed
    accounts of these rules' events only). A rule with a date constraint is counted whatever its
    constraint says; only such a constraint reads the date, so the others' conditions are those
    :func:`decide` works out for the question on any day (``on``: the day it is asked about, whose
    worked-out context decide then takes from the memo)."""
    through = channel if channel is not None or G.nodes.get(model, {}).get("kind") != "service" else model
    candidates = candidate_rules(G, model, action)
    question = Question(party, through, place.upper() if place else None, recipient, on, False, device, purpose)
    _, conds, _, _ = _applicable(G, candidates, question, model)
    reads = scope_index(G).reads
    return frozenset(r.node for r in candidates
                     if conds[r.node] or any("odrl:dateTime" in reads.get(c, ()) for c in r.constraints))


# --------------------------------------------------------------------------- why a rule does not apply

def explain(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
            channel: str | None = None, action: str = "odrl:use", *, place: str | None = None,
            recipient: str | None = None, device: str | None = None, purpose: str | None = None) -> list[dict]:
    """The candidate rules that cannot apply to the question, one each, with why (``--explain``):
    ``{"rule", "label", "why"}`` where ``why`` is ``audience``, ``place``, ``territory``,
    ``channel``, ``constraint`` or ``not-in-force``, and ``text`` says it in words."""
    on = parse_date(on)
    through = channel if channel is not None or G.nodes.get(model, {}).get("kind") != "service" else model
    question = Question(party, through, place.upper() if place else None, recipient, on, False, device, purpose)
    question.check(G, model, action)
    candidates = candidate_rules(G, model, action)
    ctx = context_for(G, candidates, party, on, place=question.place, channel=through, recipient=recipient,
                      device=device, purpose=purpose)
    st = state_index(G)
    out = []
    for r in candidates:
        why = _why_not(G, ctx, r)
        if why is None:
            starts = st.starts.get(r.policy, ())
            if starts and all(t.state_on(on) != HAPPENED for t in starts) and not any(
                    t.state_on(on) != "not-yet" for t in starts):
                why = ("not-in-force", f"not in force on {on}: enacted later")
        if why is not None:
            out.append({"rule": r.node, "label": r.label, "why": why[0], "text": why[1]})
    return out


def _why_not(G, ctx: Context, r: RuleInfo) -> tuple[str, str] | None:
    if ctx.condition(r):
        return None
    if r.assignee is None or not ctx.member(r.assignee):
        return "audience", f"the party is not one of '{_label(G, r.assignee)}'"
    if r.via_service is not None and not ctx.within("channel", r.via_service):
        return "channel", f"the use is not through '{_label(G, r.via_service)}'"
    if r.territory is not None and not ctx.within("place", r.territory):
        code = r.territory[len(COUNTRY):]
        return "territory", (f"'{_label(G, r.assigner)}' binds within {code} (its jurisdiction), and the use is "
                             f"elsewhere")
    for c in r.constraints:
        if not ctx.constraint(c):
            from graph.policy.parties import describe_constraint

            return "constraint", f"its constraint '{describe_constraint(G, c)}' does not hold"
    return "constraint", "its constraints cannot hold together"


# --------------------------------------------------------------------------- views

def _window_view(t: Trigger) -> dict:
    return {"event": t.node, "label": t.label, "date_text": t.date_text, "status": t.status,
            "earliest": _iso(t.window.earliest), "latest": _iso(t.window.latest)}


def _node_view(G: nx.MultiDiGraph, node: str | None) -> dict | None:
    if node is None:
        return None
    if node not in G:
        return {"iri": node, "label": node}
    a = G.nodes[node]
    view = {"iri": node, "label": a.get("label", node)}
    if a.get("kind") in asset_kinds:
        view["kind"] = a["kind"]
    return view


def party_view(G: nx.MultiDiGraph, party: PartyAttributes) -> dict:
    """The party attributes used, with labels (the ``party`` object of ``--json``).

    A party that is not in the graph has ``iri`` None and ``in_graph`` false.
    """
    who = _node_view(G, party.party)
    if who is not None:
        who["in_graph"] = True
    elif party.name:
        who = {"iri": None, "label": party.name, "in_graph": False}
    employers = [_node_view(G, e) for e in party.employers_given()]
    return {"party": who, "member_of": [_node_view(G, g) for g in party.member_of],
            "employer": employers[0] if employers else None,
            "nationality": party.nationality.upper() if party.nationality else None,
            "not_member_of": [_node_view(G, g) for g in party.not_member_of],
            "employers": employers, "private": party.private}


def _label(G: nx.MultiDiGraph, node: str | None) -> str:
    return str(G.nodes[node].get("label", node)) if node is not None and node in G else str(node)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
