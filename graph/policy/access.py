"""Access decisions: may this party do this with this model (or service), here, through this channel, on this date?

:func:`decide` answers with one of XACML's four values, ``permit``, ``deny``, ``not_applicable``
or ``indeterminate``, and lists its evidence (the rules and events that decided it, each with its
date as written, its source, and the authority behind it) and caveats (plans, forecasts, missing
facts, unknown orders, inferences). **A wrong confident answer is the worst outcome**: when the
sources cannot decide, the answer is ``indeterminate`` and says why.

How a decision is made
----------------------
1. **Candidates**: the permissions and prohibitions that target the asset asked about (a model,
   or a service through which models are offered), or an asset collection it is (transitively)
   part of, and whose action covers the requested one (``use`` by default; ODRL's ``includedIn``:
   a ``distribute`` rule does not answer a ``use`` question, a ``use`` rule answers a
   ``distribute`` one). A rule on a service also answers a question about a model the service
   offers (``rkg:offers``), for a use through that service only: as if it had the constraint
   "the channel is (part of) that service". A ban on a service is not a ban on the model. A
   question about a service is about a use through it: with no channel given, the channel is the
   service itself (a rule on one of its channels, a new download of an app, then leaves the answer
   open until the channel is named; a rule on another service's channel does not apply).
2. **Applicable**: the candidates whose assignee has the party as a member and whose constraints
   hold (:mod:`graph.policy.parties`, on the engine of :mod:`graph.policy.constraints`).
3. **A missing fact never produces a permit** (:mod:`graph.policy.openworld` says which facts are
   open and which closed). The answer is first worked out with the missing facts absent (a
   constraint on one does not hold; an unlisted group has the party only when the question says
   so), then with them filled in each way. If the first answer is ``permit`` and some filling
   gives anything else, the answer is ``indeterminate``, naming the missing facts that change
   which rules apply ("give --nationality"). Otherwise the first answer stands, with a caveat for
   each missing fact that would change it ("say so with --member-of ...").
4. **Authority** (*lex superior*): a rule has the authority of its policy's assigner
   (:mod:`graph.policy.authority`). A permission never overrides a prohibition it cannot lift:
   one of a higher authority, or of an unknown rank (unless both have the same assigner).
5. **Order** (*lex posterior*): a permission in force overrides a prohibition in force, for
   exactly the parties it covers, when it can lift it (rule 4) and the start of its current
   enactment (:mod:`graph.policy.state`, rule 5) came strictly after the start of the
   prohibition's. The reinstatement of a model for some institutions overrides an earlier
   suspension for them; a company's later offer does not override a government's ban.
6. **Combining**, in one world: ``deny`` if a prohibition in force is not overridden; otherwise
   ``permit`` if a permission is in force; otherwise ``not_applicable``.
7. **Worlds**: rule 6 is worked out in every order of events the time rule allows
   (:mod:`graph.policy.state`, rules 4 and 5; :mod:`graph.policy.worlds`). When every world gives
   the same decision, that is the answer; otherwise it is ``indeterminate``, never a guess, and
   names every event it may depend on (``undetermined_by``): each event that enacts or ends an
   applicable rule and is uncertain on the date, and both events of each pair (the enactment of a
   permission, the enactment of a prohibition it could lift) whose order is unknown and which may
   both have happened (``undetermined_order``). So two rules known to be in force whose order is
   unknown give ``indeterminate`` when the answer depends on which came last, naming both.
8. **Plans and forecasts** never permit or deny; each one about the model becomes a caveat. So
   do reports of what was actually reachable (:mod:`graph.policy.availability`): the answer is
   about what the rules allow, and lists them beside it (``availability``).
9. **Inferences**: evidence from a fact the curator inferred says "inferred from ...". With
   ``strict``, the answer is worked out from stated facts only (inferred events, policies and
   links left out); when that differs from the answer with the inferences, the answer is
   ``indeterminate``, naming the inferences it needs.

Evidence lists, for each applicable rule: ``permit`` (a permission in force), ``deny`` (a
prohibition that stands in some world), ``overridden`` (a prohibition a later permission lifts in
every world where it is in force), ``outranked`` (a permission that cannot lift a prohibition of
a higher authority that stands), ``superseded`` (a permission a later prohibition stands against)
and ``ended`` (a rule whose policy an event ended; permissions only when the answer is not
``permit``).

Everything comes from the data: the rules, audiences, authorities, events and their dates. The
indexes are built once per projection and cached (:func:`access_index`), so a decision touches
only the model's rules.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools

import networkx as nx

from graph.data.iris import ODRL
from graph.policy import constraints as engine
from graph.policy.authority import Authority, authority_of, can_lift
from graph.policy.availability import availability_caveat, availability_reports
from graph.policy.odrl_actions import ancestors
from graph.policy.openworld import Question, describe_fact, facts_under, fillings_to_try, open_facts
from graph.policy.parties import (
    Facts,
    PartyAttributes,
    ProjectionWorld,
    closure_of,
    constraint_days,
    party_index,
)
from graph.policy.state import HAPPENED, OCCURRING, Trigger, parse_date, state_index
from graph.policy.worlds import Analysis, Ruled, analyse, deciding
from graph.store.memo import cached

__all__ = ["PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE", "EXIT_CODES", "PartyAttributes",
           "Evidence", "Decision", "RuleInfo", "access_index", "candidate_rules", "decide", "party_view",
           "add_rule_actions", "asset_kinds"]

PERMIT, DENY, NOT_APPLICABLE, INDETERMINATE = "permit", "deny", "not_applicable", "indeterminate"
#: Exit status of ``regkg check`` for each decision (2 is kept for usage and input errors).
EXIT_CODES = {PERMIT: 0, DENY: 1, NOT_APPLICABLE: 3, INDETERMINATE: 4}
_INDEXED = ("odrl:permission", "odrl:prohibition", "odrl:target", "odrl:assignee", "odrl:constraint",
            "odrl:assigner", "rkg:affects", "prov:wasGeneratedBy", "prov:wasInvalidatedBy")
#: The kinds of node a question can be about: a model, or a service through which models are offered.
asset_kinds = ("model", "service")


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """A permission or prohibition with its policy, assignee, constraints and authority.

    ``via_service`` is set on a rule about a service that answers a question about a model the
    service offers (rule 1); ``inferred`` holds the curator's reasoning when the rule (or its
    policy) is an inference.
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


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One reason: a rule, the event (or source) that put it in force or ended it, and citations."""

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


@dataclasses.dataclass
class Decision:
    """The answer to one question, with everything needed to cite it.

    The keys of :meth:`to_dict` are a contract: new ones are added, none is renamed.
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

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.decision]

    def to_dict(self) -> dict:
        """Plain JSON-ready data (the ``--json`` output of ``regkg check``)."""
        d = dataclasses.asdict(self)
        d["on"] = self.on.isoformat()
        return d


@dataclasses.dataclass
class AccessIndex:
    """The rules of a projection by target, and the plans and forecasts about each model."""

    by_target: dict[str, list[RuleInfo]]
    plans: dict[str, list[str]]


def access_index(G: nx.MultiDiGraph) -> AccessIndex:
    """The :class:`AccessIndex` of ``G``: one pass over its edges, cached (:func:`graph.store.memo.cached`)."""
    return cached(G, "access", _build_access_index)


def _build_access_index(G: nx.MultiDiGraph) -> AccessIndex:
    out: dict[str, dict[str, list[str]]] = {r: {} for r in _INDEXED}
    for u, v, relation in G.edges(data="relation"):
        if relation in out:  # keep only what decisions read, not every edge of a large graph
            out[relation].setdefault(u, []).append(v)
    index = AccessIndex({}, {})
    for relation, kind in (("odrl:permission", "permission"), ("odrl:prohibition", "prohibition")):
        for policy, rules in out.get(relation, {}).items():
            assigner = (out["odrl:assigner"].get(policy) or [None])[0]
            for r in rules:
                a = G.nodes[r]
                inferred = a.get("inferred_from") or G.nodes[policy].get("inferred_from")
                info = RuleInfo(r, kind, policy, (out["odrl:assignee"].get(r) or [None])[0],
                                tuple(out["odrl:constraint"].get(r, [])), a.get("label", r),
                                tuple(a.get("sources", ())), a.get("action") or "odrl:use",
                                authority_of(G, assigner), inferred)
                for target in out["odrl:target"].get(r, []):
                    index.by_target.setdefault(target, []).append(info)
    _index_plans(G, index, out)
    return index


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


def add_rule_actions(G: nx.MultiDiGraph, store) -> None:
    """Copy each rule's ``odrl:action`` from ``store`` onto its node as ``action`` (``"odrl:use"``).

    Only needed for a projection made without actions (older builds, hand-made graphs): without
    them a ``distribute`` rule would be read as ``use``. Nodes that have an action keep it.
    """
    result = store.query("SELECT ?r ?a WHERE { ?r <http://www.w3.org/ns/odrl/2/action> ?a }")
    for rule, action in result.rows:
        node, text = str(rule), str(action)
        if node in G and text.startswith(ODRL):
            G.nodes[node].setdefault("action", "odrl:" + text[len(ODRL):])


def candidate_rules(G: nx.MultiDiGraph, model: str, action: str = "odrl:use") -> list[RuleInfo]:
    """Rules about ``action`` on ``model``, or on an asset collection it is (transitively) part of,
    and (rule 1) rules on the services that offer it, marked with ``via_service``.

    A rule's action covers ``action`` when it is that action or one ``action`` is included in.
    """
    index, parties = access_index(G), party_index(G)
    wanted = _ancestors(action)
    wholes = closure_of(parties, [model])
    found = [r for whole in sorted(wholes) for r in index.by_target.get(whole, ())]
    seen = {r.node for r in found}
    for service in sorted(parties.offers.get(model, ())):
        for whole in sorted(closure_of(parties, [service]) - wholes):
            for r in index.by_target.get(whole, ()):
                if r.node not in seen:
                    seen.add(r.node)
                    found.append(dataclasses.replace(r, via_service=whole))
    return [r for r in found if r.action.split(":", 1)[1] in wanted]


@functools.lru_cache(maxsize=64)
def _ancestors(action: str) -> frozenset:
    """Local names of ``action`` and the actions it is included in (no rdflib: see graph.policy.odrl_actions)."""
    return frozenset(ancestors(action.split(":", 1)[1]))


def _applies(G: nx.MultiDiGraph, r: RuleInfo, facts: Facts) -> bool:
    """Rule 2 (and rule 1's service condition)."""
    index = party_index(G)
    world = ProjectionWorld(index, facts)
    if r.assignee is None or not engine.is_member(world, r.assignee, facts, facts.closure):
        return False
    if r.via_service is not None and not (facts.channel and r.via_service in engine.closure(world, facts.channel)):
        return False
    return all(engine.holds(world, c, facts) for c in r.constraints)


# --------------------------------------------------------------------------- deciding

def decide(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
           channel: str | None = None, action: str = "odrl:use", *, place: str | None = None,
           recipient: str | None = None, strict: bool = False) -> Decision:
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
        Answer from stated facts only (rule 9).

    Returns
    -------
    Decision
        ``permit``, ``deny``, ``not_applicable`` or ``indeterminate``, with evidence and caveats.

    Raises
    ------
    graph.errors.InputError
        A date that is not ``YYYY-MM-DD``.

    Examples
    --------
    A company's suspension, then a government's later reinstatement for one group (dates as
    imprecise as the source's):

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("lab", kind="company", label="Lab", authority_rank=10)
    >>> G.add_node("gov", kind="government", label="Government", authority_rank=30)
    >>> G.add_node("m", kind="model", label="Mythos")
    >>> G.add_node("g", kind="group", label="Approved institutions", members_text="none named")
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
    >>> _ = G.add_edge("e:back", "e:ban", relation="rkg:after")
    >>> member = PartyAttributes(member_of=("g",))
    >>> [decide(G, "m", d, member).decision for d in ("2026-06-01", "2026-07-01", "2026-08-01")]
    ['not_applicable', 'indeterminate', 'permit']
    >>> decide(G, "m", "2026-07-01", member).undetermined_by[0]["label"]
    'reinstatement'
    >>> [(e.rule, e.effect) for e in decide(G, "m", "2026-08-01", member).evidence]
    [('r:back', 'permit'), ('r:ban', 'overridden')]

    Without the recorded order, the reinstatement may have come first: the answer depends on it.

    >>> G.remove_edge("e:back", "e:ban")
    >>> from graph.store.memo import clear_cache; clear_cache(G)
    >>> d = decide(G, "m", "2026-08-01", member)
    >>> d.decision, sorted(w["label"] for w in d.undetermined_by)
    ('indeterminate', ['reinstatement', 'suspension'])
    """
    on = parse_date(on)
    through = channel if channel is not None or G.nodes.get(model, {}).get("kind") != "service" else model
    question = Question(party, through, place.upper() if place else None, recipient, on)
    candidates = candidate_rules(G, model, action)
    answer = _answer(G, candidates, question)
    inferences: list[dict] = []
    if strict:
        stated = _answer(G, [r for r in candidates if not r.inferred], dataclasses.replace(question, stated_only=True))
        inferences = _inferences_used(G, candidates, question)
        if stated.value != answer.value:
            answer = _needs_inference(answer, stated, inferences)
        else:
            answer = stated
    reports = availability_reports(G, model, on, channel, question.place)
    caveats = (answer.caveats + _plan_caveats(G, model) + _membership_caveats(G, candidates, answer, question)
               + _party_caveats(G, party) + [availability_caveat(r) for r in reports])
    return Decision(answer.value, _node_view(G, model), on, party_view(G, party),
                    _node_view(G, channel) if channel else None, answer.evidence, list(dict.fromkeys(caveats)),
                    [_window_view(t) for t in answer.deciding], action, question.place,
                    _node_view(G, recipient) if recipient else None, answer.missing, answer.order, strict,
                    inferences, [dataclasses.asdict(r) for r in reports])


@dataclasses.dataclass
class _Answer:
    """One answer before it becomes a :class:`Decision`."""

    value: str
    evidence: list[Evidence]
    deciding: list[Trigger]
    caveats: list[str] = dataclasses.field(default_factory=list)
    missing: list[dict] = dataclasses.field(default_factory=list)
    order: list[dict] = dataclasses.field(default_factory=list)
    applied: tuple = ()


@dataclasses.dataclass
class _Timed:
    """The worlds' verdict on one set of applicable rules."""

    value: str
    analysis: Analysis
    deciding: list[str]
    pairs: list[tuple[str, str]]
    rules: tuple


def _answer(G: nx.MultiDiGraph, candidates: list[RuleInfo], question: Question) -> _Answer:
    """Rules 2, 3 and 7: the answer with missing facts absent, and with each way of filling them in."""
    st = state_index(G, question.stated_only)
    shape = _shape(G, candidates, question)
    memo = _memo(G)

    def timed(rules: tuple[RuleInfo, ...]) -> _Timed:
        key = ("timed", question.stated_only, rules, question.on)
        if key not in memo:
            memo[key] = _timed(st, rules, question.on)
        return memo[key]

    first = timed(shape.first)
    changing = []
    for filling, rules in shape.fillings:
        t = timed(rules)
        if t.value != first.value:
            changing.append((filling, t))
    deps = shape.deps
    value = INDETERMINATE if first.value == PERMIT and changing else first.value
    named = _named_facts(first, changing, deps)
    by_missing = value != first.value
    deciding = list(first.deciding) + [t for _, c in changing if by_missing for t in c.deciding]
    timings = [first] + ([c for _, c in changing] if by_missing else [])
    through = shape.through
    evidence = list(dict.fromkeys(e for t in timings for e in _evidence(G, st, t, question.on, value, through)))
    triggers = _triggers(st, [r for t in timings for r in t.rules])
    pairs = [p for t in timings for p in t.pairs]
    caveats = (_window_caveats([triggers[n] for n in dict.fromkeys(deciding)], question.on)
               + _order_caveats(triggers, pairs) + _missing_caveats(G, first, changing, named, by_missing, deps))
    return _Answer(value, evidence, [triggers[n] for n in dict.fromkeys(deciding)], caveats,
                   [_missing_view(G, k, first, changing, deps) for k in named],
                   [{"first": _window_view(triggers[a]), "second": _window_view(triggers[b])} for a, b in pairs],
                   first.rules)


#: Entries a projection's decision memo holds at most before it starts again (see :func:`_memo`).
_MEMO_LIMIT = 50_000


def _memo(G: nx.MultiDiGraph) -> dict:
    """Answers to the parts of a question that recur, kept with the projection: which rules apply
    under each way of filling in the missing facts (:func:`_shape`), and the worlds' verdict on a
    set of applicable rules on a date (:func:`_timed`). Both are pure functions of the projection
    and their key, so the memo changes no answer; it makes asking the same party about the same
    model on many dates (a table over time, :mod:`graph.policy.periods`) cost one analysis per
    distinct set of rules and date instead of one per way of filling in per decision."""
    memo = cached(G, "memo:decide", lambda g: {})
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


@dataclasses.dataclass(frozen=True)
class _Shape:
    """Which rules apply to a question with nothing filled in (``first``) and under each way of
    filling in its missing facts, the facts each rule depends on, and the rules that reach the
    party only through an inference."""

    first: tuple
    fillings: tuple
    deps: dict
    through: dict


def _shape(G: nx.MultiDiGraph, candidates: list[RuleInfo], question: Question) -> _Shape:
    """Rules 2 and 3 for ``question``. The date enters only through ``dateTime`` constraints (of the
    candidates, or of the groups' refinements), whose results change only on the days
    :func:`~graph.policy.parties.constraint_days` names: the shape is kept once per span between
    two of those days (once for every date when there are none)."""
    memo, rules = _memo(G), tuple(candidates)
    if ("days", rules) not in memo:  # the days of these rules' constraints and of any group's refinements
        index = party_index(G)
        refined = cached(G, "refinement-days", lambda g: constraint_days(
            index, [c for group in index.groups.values() for c in group.refinements]))
        memo["days", rules] = sorted(refined | constraint_days(index, [c for r in rules for c in r.constraints]))
    days = memo["days", rules]
    span = bisect.bisect_right(days, question.on) if days and question.on is not None else None
    key = ("shape", rules, dataclasses.replace(question, on=span))
    if key not in memo:
        facts, deps = open_facts(G, candidates, question)

        def applying(filling: dict) -> tuple:
            under = facts_under(G, question, filling)
            return tuple(r for r in candidates if _applies(G, r, under))

        tried = fillings_to_try(facts, deps) if facts else ()  # openworld's limit on how many
        memo[key] = _Shape(applying({}), tuple((f, applying(f)) for f in tried),
                           deps, _through_inference(G, candidates, question))
    return memo[key]


def _timed(st, rules: tuple[RuleInfo, ...], on: dt.date) -> _Timed:
    ruled = [Ruled(r.node, r.kind, r.policy, r.authority) for r in rules]
    analysis = analyse(st, ruled, on)
    d = analysis.decisions
    value = d.copy().pop() if len(d) == 1 else INDETERMINATE
    found, pairs = deciding(st, ruled, on, analysis) if len(d) > 1 else ([], [])
    return _Timed(value, analysis, found, pairs, rules)


def _named_facts(first: _Timed, changing, deps) -> list[tuple]:
    """The missing facts that change which rules apply, in a filling that changes the answer."""
    base = {r.node for r in first.rules}
    named: dict[tuple, None] = {}
    for filling, t in changing:
        moved = base ^ {r.node for r in t.rules}
        for r in sorted(moved):
            for key in sorted(deps.get(r, ()), key=str):
                if key in filling and filling[key] not in (False, None):
                    named.setdefault(key)
    return list(named)


def _triggers(st, rules) -> dict[str, Trigger]:
    return {t.node: t for r in rules for t in (*st.starts.get(r.policy, ()), *st.ends.get(r.policy, ()))}


# --------------------------------------------------------------------------- evidence

_EFFECT_ORDER = {"permit": 0, "deny": 0, "overridden": 1, "outranked": 1, "superseded": 1, "ended": 2}


def _through_inference(G, candidates: list[RuleInfo], question: Question) -> dict[str, str]:
    """The rules that apply to the party only through an inferred link (``rkg:inferredPartOf``),
    with the reasoning of the links that make it a member."""
    if question.stated_only:
        return {}
    index = party_index(G)
    full = facts_under(G, question, {})
    links = [why for (u, _), why in index.inferred.items() if u in full.closure]
    if not links:
        return {}
    stated = facts_under(G, dataclasses.replace(question, stated_only=True), {})
    reason = "; ".join(dict.fromkeys(links))
    return {r.node: reason for r in candidates if _applies(G, r, full) and not _applies(G, r, stated)}


def _evidence(G, st, t: _Timed, on: dt.date, value: str, through: dict[str, str]) -> list[Evidence]:
    a = t.analysis
    standing = [r for r in t.rules if r.node in a.standing]
    found = []
    for r in t.rules:
        for trigger in sorted(a.starts.get(r.node, ()), key=lambda x: x.node):
            found.append(_line(G, r, trigger, _effect(r, a, standing, value), on, through.get(r.node)))
        if r.kind == "prohibition" or value != PERMIT:
            for trigger in sorted(a.ended.get(r.node, ()), key=lambda x: x.node):
                found.append(_line(G, r, trigger, "ended", on, through.get(r.node)))
    return sorted(found, key=lambda e: _EFFECT_ORDER[e.effect])


def _effect(r: RuleInfo, a: Analysis, standing: list[RuleInfo], value: str) -> str:
    if r.kind == "prohibition":
        return "deny" if r.node in a.standing else "overridden"
    if value == DENY and standing:
        return "superseded" if all(can_lift(r.authority, q.authority) for q in standing) else "outranked"
    return "permit"


def _line(G, r: RuleInfo, t: Trigger, effect: str, on: dt.date, through: str | None = None) -> Evidence:
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
                    _iso(t.window.latest), t.state_on(on), source, authority, inferred, labels)


# --------------------------------------------------------------------------- caveats

def _window_caveats(deciding: list[Trigger], on: dt.date) -> list[str]:
    return [f"undetermined on {on}: depends on whether '{t.label}' ('{t.date_text}', between "
            f"{t.window.earliest or 'an unknown date'} and {t.window.latest or 'an unknown date'}) "
            f"had happened by then" for t in deciding if t.state_on(on) != HAPPENED]


def _order_caveats(triggers: dict[str, Trigger], pairs) -> list[str]:
    """One caveat per permission's act, naming the prohibitions' acts of unknown order against it."""
    against: dict[str, list[str]] = {}
    for a, b in pairs:
        against.setdefault(a, []).append(b)
    out = []
    for a, others in against.items():
        x = triggers[a]
        names = ", ".join(f"'{triggers[b].label}' ({triggers[b].window.text()})" for b in others)
        out.append(f"undetermined: depends on whether '{x.label}' ({x.window.text()}) came after {names}; "
                   f"their dates overlap and no order is recorded")
    return out


def _moved_rules(first: _Timed, changing, key: tuple, deps) -> list[RuleInfo]:
    """The rules that depend on missing fact ``key`` and apply in a filling that changes the answer,
    or applied with the facts absent and no longer do."""
    base = {r.node for r in first.rules}
    found: dict[str, RuleInfo] = {}
    for filling, t in changing:
        if filling.get(key) in (False, None):
            continue
        now = {r.node for r in t.rules}
        for r in (*t.rules, *first.rules):
            if (r.node in base) != (r.node in now) and key in deps.get(r.node, ()):
                found.setdefault(r.node, r)
    return sorted(found.values(), key=lambda r: r.label)


def _missing_caveats(G, first: _Timed, changing, named: list[tuple], by_missing: bool, deps) -> list[str]:
    out = []
    for key in named:
        what, option = describe_fact(G, key)
        rules = [r.label for r in _moved_rules(first, changing, key, deps)]
        outcomes = sorted({t.value for filling, t in changing if filling.get(key) not in (False, None)})
        if key[0] == "member":
            group = G.nodes[key[1]].get("label", key[1]) if key[1] in G else key[1]
            text = (f"the party is not known to be one of '{group}' (the source names none of its members), "
                    f"so {_quoted(rules)} was not applied; if it is one, say so with {option}")
        else:
            text = f"{what} is not given, and {_quoted(rules)} depends on it; give {option}"
        if by_missing:
            text = f"undetermined: {text} (it could make the answer {' or '.join(outcomes)})"
        out.append(text)
    return out


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"'{x}'" for x in labels) or "a rule"


def _missing_view(G, key: tuple, first: _Timed, changing, deps) -> dict:
    what, option = describe_fact(G, key)
    return {"fact": key[0], "group": key[1] if len(key) > 1 else None, "what": what, "option": option,
            "rules": [r.node for r in _moved_rules(first, changing, key, deps)],
            "could_be": sorted({t.value for filling, t in changing if filling.get(key) not in (False, None)})}


def _plan_caveats(G, model: str) -> list[str]:
    notes = []
    for e in access_index(G).plans.get(model, ()):
        a = G.nodes[e]
        notes.append(f"{a.get('label', e)}: '{a.get('date_text', 'not stated')}' ({a.get('status')}); "
                     f"{a.get('status')} events do not change who may use a model")
    return notes


def _membership_caveats(G, candidates, answer: _Answer, question: Question) -> list[str]:
    """Membership of a group whose members the source does not name, used because it was given."""
    groups = party_index(G).groups
    given = closure_of(party_index(G), question.party.member_of)
    notes = []
    for r in answer.applied:
        group = groups.get(r.assignee or "")
        if group is not None and group.unnamed and group.node in given:
            notes.append(f"membership of '{group.label}' is as given: the source names none of its members")
    return notes


def _party_caveats(G, party: PartyAttributes) -> list[str]:
    if party.name and not party.party:
        from graph.store.names import closest

        near = closest(G, party.name, ("person", "company", "organization", "government"))
        hint = f" (did you mean {' or '.join(near)}?)" if near else ""
        return [f"'{party.name}' is not in the graph{hint}: it is described only by the options given "
                f"(its groups, employer, nationality)"]
    return []


# --------------------------------------------------------------------------- inferences (rule 9)

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
    closure = facts_under(G, question, {}).closure
    for (u, v), why in index.inferred.items():
        if u in closure:
            label = f"{G.nodes[u].get('label', u)} are among {G.nodes[v].get('label', v)}"
            found.setdefault(f"{u}|{v}", {"node": u, "label": label, "inferred_from": why})
    return list(found.values())


def _needs_inference(full: _Answer, stated: _Answer, inferences: list[dict]) -> _Answer:
    names = "; ".join(f"'{i['label']}' (inferred from {i['inferred_from']})" for i in inferences) or "an inference"
    caveat = (f"undetermined from stated facts alone: with the curator's inferences the answer is {full.value}, "
              f"without them {stated.value}; it needs {names}")
    return _Answer(INDETERMINATE, full.evidence, full.deciding, [caveat] + full.caveats, full.missing, full.order,
                   full.applied)


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
    return {"party": who, "member_of": [_node_view(G, g) for g in party.member_of],
            "employer": _node_view(G, party.employer), "nationality": party.nationality.upper() if party.nationality else None,
            "not_member_of": [_node_view(G, g) for g in party.not_member_of]}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


