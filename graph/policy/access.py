"""Access decisions: may this party use this model, through this channel, on this date?

:func:`decide` answers with one of XACML's four values, ``permit``, ``deny``, ``not_applicable``
or ``indeterminate``, and lists its evidence (the rules and events that decided it, each with its
date as written and its source) and caveats (plans, forecasts, unstated memberships, windows).

How a decision is made
----------------------
1. **Candidates**: the permissions and prohibitions that target the model (or an asset collection
   it is ``odrl:partOf``) and whose action covers the requested one (``use`` by default, with
   ODRL's ``includedIn``: a ``distribute`` rule does not answer a ``use`` question). A rule whose
   action the projection does not carry is read as ``use``, the authoring format's default.
2. **Applicable**: the candidates whose assignee has the party as a member
   (:mod:`graph.policy.parties`) and whose constraints hold (a channel constraint needs ``channel``).
3. **Time** (:mod:`graph.policy.state`): a rule is in force when its policy is. Occurring events whose
   window contains the date are *uncertain*; the decision is worked out for every combination of
   them having happened or not (combinations that break the recorded order are skipped). When
   every combination gives the same answer, that is the answer. Otherwise the answer is
   ``indeterminate`` and names the windows of the events it depends on: never a guess.
4. **Combining rule**, within one combination:

   * a permission **overrides** a prohibition when the event that put the permission in force is
     known to come after the one that put the prohibition in force (recorded ``rkg:after`` order,
     or windows that do not overlap). A later action that restores access overrides an earlier
     blanket suspension, for exactly the parties the later permission covers;
   * otherwise **deny overrides**: any prohibition left standing gives ``deny``;
   * else any permission gives ``permit``;
   * else ``not_applicable``: no rule in force speaks about this party and this model.
5. **Plans and forecasts** never permit or deny. Each one about the model becomes a caveat.

Everything comes from the data: the rules, audiences, events and their dates. The indexes are built
once per projection and cached (:func:`access_index`), so a decision touches only the model's
rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools

import networkx as nx

from graph.data.iris import ODRL
from graph.policy.odrl_actions import ancestors
from graph.policy.parties import (
    Facts,
    PartyAttributes,
    constraint_holds,
    constraint_of,
    describe_constraint,
    facts_for,
    is_member,
    missing_value,
    party_index,
)
from graph.policy.state import (
    HAPPENED,
    NOT_IN_FORCE,
    OCCURRING,
    UNCERTAIN,
    Trigger,
    parse_date,
    policy_state,
    state_index,
)
from graph.store.memo import cached

__all__ = ["PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE", "EXIT_CODES", "PartyAttributes",
           "Evidence", "Decision", "RuleInfo", "access_index", "candidate_rules", "decide", "party_view", "add_rule_actions"]

PERMIT, DENY, NOT_APPLICABLE, INDETERMINATE = "permit", "deny", "not_applicable", "indeterminate"
#: Exit status of ``regkg check`` for each decision (2 is kept for usage and input errors).
EXIT_CODES = {PERMIT: 0, DENY: 1, NOT_APPLICABLE: 3, INDETERMINATE: 4}
_INDEXED = ("odrl:permission", "odrl:prohibition", "odrl:target", "odrl:assignee", "odrl:constraint",
            "rkg:affects", "prov:wasGeneratedBy", "prov:wasInvalidatedBy")
_MAX_UNCERTAIN = 12  # 2**12 combinations: far more uncertain events than one model's rules have


@dataclasses.dataclass(frozen=True)
class RuleInfo:
    """A permission or prohibition with its policy, assignee and constraints."""

    node: str
    kind: str
    policy: str
    assignee: str | None
    constraints: tuple
    label: str
    sources: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Evidence:
    """One reason: a rule, the event (or source) that put it in force or ended it, and citations."""

    rule: str
    label: str
    effect: str  # permit, deny, overridden (a prohibition a later permission overrides), ended
    policy: str
    event: str
    event_label: str
    date_text: str
    earliest: str | None
    latest: str | None
    event_state: str  # happened or uncertain on the date asked about
    source: str


@dataclasses.dataclass
class Decision:
    """The answer to one question, with everything needed to cite it."""

    decision: str
    model: dict
    on: dt.date
    party: dict
    channel: dict | None
    evidence: list[Evidence]
    caveats: list[str]
    undetermined_by: list[dict]

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
            for r in rules:
                info = RuleInfo(r, kind, policy, (out.get("odrl:assignee", {}).get(r) or [None])[0],
                                tuple(constraint_of(G, c) for c in out.get("odrl:constraint", {}).get(r, [])),
                                G.nodes[r].get("label", r), tuple(G.nodes[r].get("sources", ())))
                for target in out.get("odrl:target", {}).get(r, []):
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


def decide(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
           channel: str | None = None, action: str = "odrl:use") -> Decision:
    """May ``party`` perform ``action`` on ``model`` through ``channel`` on date ``on``?

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection of :mod:`graph.store.project`.
    model : str
        The model's node IRI.
    on : str or datetime.date
        The date asked about (``YYYY-MM-DD``).
    party : PartyAttributes
        Who is asking (party, groups, employer, nationality); empty means "anyone".
    channel : str, optional
        The delivery channel's node IRI.
    action : str
        An ODRL action as a prefixed name.

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
    A suspension, then a later reinstatement for one group (dates as imprecise as the source's):

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Mythos")
    >>> G.add_node("g", kind="group", label="Approved institutions")
    >>> G.add_node("e:ban", kind="event", label="suspension", status="occurred",
    ...            date_text="mid-June 2026", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:back", kind="event", label="reinstatement", status="occurred",
    ...            date_text="later; not stated", latest="2026-07-31")
    >>> for p, r, kind, e in (("p:ban", "r:ban", "prohibition", "e:ban"), ("p:back", "r:back", "permission", "e:back")):
    ...     G.add_node(p, kind="policy", status="occurred")
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
    """
    on = parse_date(on)
    facts = facts_for(G, party, channel, on)
    candidates = candidate_rules(G, model, action)
    applicable = [r for r in candidates if _applies(G, r, facts)]
    st = state_index(G)
    uncertain = sorted({t.node: t for r in applicable for t in _triggers(st, r)
                        if t.occurring and t.state_on(on) == UNCERTAIN}.values(), key=lambda t: t.node)
    value, evidence, deciding = _settle(G, applicable, uncertain, on)
    caveats = _window_caveats(deciding, on) + _caveats(G, model, candidates, applicable, facts, on, value)
    return Decision(value, _node_view(G, model), on, party_view(G, party),
                    _node_view(G, channel) if channel else None, evidence, caveats,
                    [_window_view(t) for t in deciding])


def candidate_rules(G: nx.MultiDiGraph, model: str, action: str = "odrl:use") -> list[RuleInfo]:
    """Rules about ``action`` on ``model``, or on an asset collection it is (transitively) part of.

    A rule's action covers ``action`` when it is that action or one ``action`` is included in.
    """
    index = access_index(G)
    wanted = _ancestors(action)
    wholes = facts_for(G, PartyAttributes(party=model)).closure
    return [r for whole in sorted(wholes) for r in index.by_target.get(whole, ())
            if (G.nodes[r.node].get("action") or "odrl:use").split(":", 1)[1] in wanted]


@functools.lru_cache(maxsize=64)
def _ancestors(action: str) -> frozenset:
    """Local names of ``action`` and the actions it is included in (no rdflib: see graph.policy.odrl_actions)."""
    return frozenset(ancestors(action.split(":", 1)[1]))


def _applies(G: nx.MultiDiGraph, r: RuleInfo, facts: Facts) -> bool:
    return (r.assignee is not None and is_member(G, r.assignee, facts)
            and all(constraint_holds(party_index(G), c, facts) for c in r.constraints))


def _triggers(st, r: RuleInfo) -> tuple[Trigger, ...]:
    return st.starts.get(r.policy, ()) + st.ends.get(r.policy, ())


# --------------------------------------------------------------------------- combining

def _settle(G, applicable, uncertain, on) -> tuple[str, list[Evidence], list[Trigger]]:
    """Decide in every combination of the uncertain events; agree, or say what it depends on."""
    if len(uncertain) > _MAX_UNCERTAIN:
        return INDETERMINATE, [], uncertain
    st = state_index(G)
    names = [t.node for t in uncertain]
    outcomes: dict[tuple[bool, ...], tuple[str, list[Evidence]]] = {}
    for bits in itertools.product((True, False), repeat=len(names)):
        happened = dict(zip(names, bits))
        if all(not (happened[b] and not happened[a] and a != b and st.before(a, b))
               for a in names for b in names):
            outcomes[bits] = _combine(G, applicable, on, happened)
    values = {v for v, _ in outcomes.values()}
    evidence = list(dict.fromkeys(e for _, ev in outcomes.values() for e in ev))
    if len(values) == 1:
        return values.pop(), evidence, []
    deciding = [t for i, t in enumerate(uncertain) if any(
        outcomes.get(bits[:i] + (not bits[i],) + bits[i + 1:], (v,))[0] != v for bits, (v, _) in outcomes.items())]
    return INDETERMINATE, evidence, deciding or list(uncertain)


def _combine(G, applicable, on, happened: dict[str, bool]) -> tuple[str, list[Evidence]]:
    """The combining rule of the module docstring, for one combination of uncertain events."""
    st = state_index(G)

    def occurred(t: Trigger) -> bool:
        state = t.state_on(on)
        return state == HAPPENED or (state == UNCERTAIN and happened.get(t.node, False))

    in_force, ended = [], []
    for r in applicable:
        if st.status.get(r.policy) not in OCCURRING:
            continue
        starts = [t for t in st.starts.get(r.policy, ()) if occurred(t)]
        ends = [t for t in st.ends.get(r.policy, ()) if occurred(t)]
        if starts:
            (ended if ends else in_force).append((r, starts, ends))
    perms = [(r, s) for r, s, _ in in_force if r.kind == "permission"]
    prohibs = [(r, s) for r, s, _ in in_force if r.kind == "prohibition"]
    overridden = [(q, qs) for q, qs in prohibs if any(_later(st, ps, qs) for _, ps in perms)]
    standing = [x for x in prohibs if x not in overridden]
    lapsed = [_evidence(G, r, e[0], "ended", on) for r, _, e in ended if r.kind == "permission"]
    if standing:
        return DENY, [_evidence(G, r, s[0], "deny", on) for r, s in standing] + lapsed
    if perms:
        return PERMIT, ([_evidence(G, r, s[0], "permit", on) for r, s in perms]
                        + [_evidence(G, r, s[0], "overridden", on) for r, s in overridden])
    return NOT_APPLICABLE, lapsed


def _later(st, permission_starts: list[Trigger], prohibition_starts: list[Trigger]) -> bool:
    """Whether the permission was put in force after every start of the prohibition."""
    return any(all(q.node != p.node and st.before(q.node, p.node) for q in prohibition_starts)
               for p in permission_starts)


def _evidence(G, r: RuleInfo, t: Trigger, effect: str, on: dt.date) -> Evidence:
    sections = list(dict.fromkeys(r.sources + t.sources))
    source = "; ".join(G.nodes[s].get("label", s) if s in G else s for s in sections)
    return Evidence(r.node, r.label, effect, r.policy, t.node, t.label, t.date_text,
                    _iso(t.window.earliest), _iso(t.window.latest), t.state_on(on), source)


# --------------------------------------------------------------------------- caveats and views

def _caveats(G, model, candidates, applicable, facts, on, value) -> list[str]:
    notes: list[str] = []
    for e in access_index(G).plans.get(model, ()):
        a = G.nodes[e]
        notes.append(f"{a.get('label', e)}: '{a.get('date_text', 'not stated')}' ({a.get('status')}); "
                     f"{a.get('status')} events do not change who may use a model")
    groups = party_index(G).groups
    for r in candidates:
        if policy_state(G, r.policy, on).state == NOT_IN_FORCE:
            continue
        group = groups.get(r.assignee or "")
        if r not in applicable and group and group.unnamed and not is_member(G, group.node, facts):
            if value == PERMIT:
                continue  # only worth saying when it could change a refusal or a "can't tell"
            notes.append(f"the party is not known to be one of '{group.label}' (the source names none of "
                         f"its members), so '{r.label}' was not applied; if it is one, say so with "
                         f"--member-of {group.node.rsplit('/', 1)[-1]}")
        elif r in applicable and group and group.unnamed and group.node in facts.closure:
            notes.append(f"membership of '{group.label}' is as given: the source names none of its members")
        elif r not in applicable and is_member(G, r.assignee or "", facts):
            for c in r.constraints:
                if missing_value(c, facts):
                    notes.append(f"'{r.label}' applies only when {describe_constraint(G, c)}, "
                                 f"and no {c.left.split(':', 1)[-1]} was given")
    return list(dict.fromkeys(notes))


def _window_caveats(deciding: list[Trigger], on: dt.date) -> list[str]:
    return [f"undetermined on {on}: depends on whether '{t.label}' ('{t.date_text}', between "
            f"{t.window.earliest or 'an unknown date'} and {t.window.latest or 'an unknown date'}) "
            f"had happened by then" for t in deciding]


def _window_view(t: Trigger) -> dict:
    return {"event": t.node, "label": t.label, "date_text": t.date_text, "status": t.status,
            "earliest": _iso(t.window.earliest), "latest": _iso(t.window.latest)}


def _node_view(G: nx.MultiDiGraph, node: str | None) -> dict | None:
    return None if node is None else {"iri": node, "label": G.nodes[node].get("label", node) if node in G else node}


def party_view(G: nx.MultiDiGraph, party: PartyAttributes) -> dict:
    """The party attributes used, with labels (the ``party`` object of ``--json``)."""
    return {"party": _node_view(G, party.party), "member_of": [_node_view(G, g) for g in party.member_of],
            "employer": _node_view(G, party.employer), "nationality": party.nationality.upper() if party.nationality else None}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
