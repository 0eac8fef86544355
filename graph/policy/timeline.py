"""Timelines over the projection: events in order, and what changed between two dates.

Ordering rule of :func:`timeline`
---------------------------------
Events are ordered by their recorded order first (``rkg:after``, plus "the event that ends a
policy follows the one that made it", see :mod:`graph.policy.state`), then by their date windows once
narrowed by that order: latest bound first (by when the event had certainly happened, so that
"mid-June" comes before "by the end of July"), then earliest bound (a missing bound sorts as
unbounded), then label. An event with no bound at all comes after the dated ones. ``networkx.lexicographical_topological_sort`` on the after-graph, keyed by the
windows, gives exactly that. Each entry's ``step`` is its index in
``networkx.topological_generations``: events of one step have no recorded order between them.
Dates are shown as written (``date_text``) with their bounds; plans and forecasts are marked
(``planned`` is true). They appear in the timeline but never change the state.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.access import access_index, candidate_rules, decide
from graph.policy.audiences import as_party
from graph.policy.odrl_actions import ancestors
from graph.policy.audiences import label as label_of
from graph.policy.parties import PartyAttributes, constraint_left_operands, party_index
from graph.policy.state import OCCURRING, Window, parse_date, state_index
from graph.store.memo import cached, relation_edges

__all__ = ["TimelineEntry", "Change", "timeline", "diff", "event_order", "order_key", "moved_events"]


@dataclasses.dataclass
class TimelineEntry:
    """One event of a timeline, with its date as written, its bounds and what it did."""

    event: str
    label: str
    date_text: str
    earliest: str | None  # bounds as recorded
    latest: str | None
    window: tuple[str | None, str | None]  # bounds narrowed by the recorded order
    status: str
    planned: bool  # a plan or forecast: never changes who may use what
    step: int
    after: list[str]
    enacts: list[str]
    ends: list[str]
    source: str


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def order_key(window: Window, label: str) -> tuple:
    """The key that orders events with no recorded order between them (the module docstring's
    rule): latest bound, then earliest bound, then label; an event with no bound comes last.

    >>> from graph.policy.state import Window
    >>> sorted(["by July", "mid-June", "plan"], key=lambda name: order_key({
    ...     "by July": Window(None, dt.date(2026, 7, 31)), "mid-June": Window(dt.date(2026, 6, 11), dt.date(2026, 6, 20)),
    ...     "plan": Window()}[name], name))
    ['mid-June', 'by July', 'plan']
    """
    if window.earliest is None and window.latest is None:
        return (dt.date.max, dt.date.max, label)  # undated (mostly plans): after everything dated
    return (window.latest or dt.date.max, window.earliest or dt.date.min, label)


def event_order(G: nx.MultiDiGraph) -> list[str]:
    """Every event of ``G`` in the order of :func:`timeline`, without building its entries (what a
    caller that needs only the order, such as the browser's timeline, asks for).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:lift", kind="event", label="lift", status="occurred", latest="2026-07-31")
    >>> G.add_node("e:ban", kind="event", label="ban", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> event_order(G)
    ['e:ban', 'e:lift']
    """
    st = state_index(G)
    return list(nx.lexicographical_topological_sort(st.order, key=lambda e: order_key(st.windows[e], _label(G, e))))


def timeline(G: nx.MultiDiGraph, name: str | None = None, start: str | dt.date | None = None,
             end: str | dt.date | None = None) -> list[TimelineEntry]:
    """The events (about node ``name`` when given) whose window meets ``[start, end]``, in order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projection.
    name : str, optional
        A node IRI, or a name :func:`graph.store.names.resolve` understands ("Mythos 5").
    start, end : str or datetime.date, optional
        Keep the events that may have happened between these dates (bounds inclusive); an event
        with an open window is kept.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:lift", kind="event", label="reinstatement", status="occurred", date_text="later", latest="2026-07-31")
    >>> G.add_node("e:ban", kind="event", label="suspension", status="occurred",
    ...            date_text="mid-June 2026", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:ga", kind="event", label="general availability", status="planned", date_text="in the coming weeks")
    >>> _ = G.add_edge("e:lift", "e:ban", relation="rkg:after")
    >>> [(t.label, t.date_text, t.window, t.planned) for t in timeline(G)]  # doctest: +NORMALIZE_WHITESPACE
    [('suspension', 'mid-June 2026', ('2026-06-11', '2026-06-20'), False),
     ('reinstatement', 'later', ('2026-06-11', '2026-07-31'), False),
     ('general availability', 'in the coming weeks', (None, None), True)]
    >>> [t.label for t in timeline(G, start="2026-07-01")]
    ['reinstatement', 'general availability']
    """
    st = state_index(G)
    keep = _related(G, name) if name else set(st.order)
    lo, hi = (parse_date(start) if start else None), (parse_date(end) if end else None)
    generation = {e: i for i, gen in enumerate(nx.topological_generations(st.order)) for e in gen}
    recorded = cached(G, "timeline-after", _recorded_after)
    return [_entry(G, st, recorded, e, generation[e]) for e in event_order(G)
            if e in keep and not ((lo and st.windows[e].latest and st.windows[e].latest < lo)
                                  or (hi and st.windows[e].earliest and st.windows[e].earliest > hi))]


def _related(G: nx.MultiDiGraph, name: str) -> set[str]:
    """Events about ``name``: the node itself, its neighbours, and the events of its policies. A name
    that names several things ("DeepSeek": the company and its chatbot) is about each of them:
    their events together, as ``check`` takes the name of the asset it asks about."""
    from graph.errors import NotFoundError
    from graph.store.names import name_index, normalize, resolve

    if name in G:
        return _related_node(G, name)
    try:
        return _related_node(G, resolve(G, name))
    except NotFoundError as exc:
        nodes = name_index(G).get(normalize(name), ())
        if "ambiguous" not in str(exc) or not nodes:
            raise
        return set().union(*(_related_node(G, n) for n in nodes))


def _related_node(G: nx.MultiDiGraph, node: str) -> set[str]:
    st = state_index(G)
    policies = {n for n in nx.all_neighbors(G, node) if G.nodes[n].get("kind") == "policy"}
    for rules in access_index(G).by_target.values():
        policies.update(r.policy for r in rules if node in (r.assignee, r.node, r.policy))
    policies.update(r.policy for r in access_index(G).by_target.get(node, ()))
    events = {n for n in nx.all_neighbors(G, node) if n in st.order} | ({node} & set(st.order))
    for p in policies:
        events.update(t.node for t in st.starts.get(p, ()) + st.ends.get(p, ()) if t.kind == "event")
    return events


def _entry(G: nx.MultiDiGraph, st, recorded: frozenset, e: str, step: int) -> TimelineEntry:
    """One event's entry, read from indexes built once: what it enacts and ends (the state index)
    and the events a source says it follows (``recorded``, :func:`_recorded_after`)."""
    a = G.nodes[e]
    made, ended = sorted(st.enacts.get(e, ())), sorted(st.ending.get(e, ()))
    status = a.get("status", "reported")
    window = st.windows[e]
    return TimelineEntry(e, _label(G, e), a.get("date_text", "not stated"), a.get("earliest"), a.get("latest"),
                         (_iso(window.earliest), _iso(window.latest)), status, status not in OCCURRING, step,
                         [_label(G, b) for b in sorted(st.order.predecessors(e)) if (e, b) in recorded],
                         [_label(G, p) for p in made], [_label(G, p) for p in ended],
                         "; ".join(_label(G, s) for s in a.get("sources", ())))


def _recorded_after(G: nx.MultiDiGraph) -> frozenset:
    """The (event, earlier event) pairs a source orders (``rkg:after``), as against those the time
    rule adds (an ending follows the enactment)."""
    return frozenset((u, v) for u, v, r in relation_edges(G) if r == "rkg:after")


@dataclasses.dataclass
class Change:
    """A model × audience whose decision differs between two dates, and the events that differ."""

    model: dict
    audience: dict
    before: str
    after: str
    events: list[dict]


def diff(G: nx.MultiDiGraph, d1: str | dt.date, d2: str | dt.date, party: PartyAttributes = PartyAttributes(),
         *, decider=None, **ask) -> list[Change]:
    """What changed in who may use what between ``d1`` and ``d2``, and the events that changed it.

    Only the models whose rules an event (or a date constraint) could have changed between the
    two dates are asked about, with the audiences those rules can reach: the work follows the
    changes, not the size of the graph. An event "changed it" when it is among the evidence (or
    the undetermined windows) of either decision and its state (happened / not yet / uncertain)
    differs on the two dates. ``party``, ``decider`` (which makes each decision) and the keyword
    arguments are those of :func:`graph.policy.audiences.who_can`.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Fable")
    >>> G.add_node("g", kind="group", label="Customers")
    >>> G.add_node("e", kind="event", label="suspension", status="occurred", date_text="mid-June",
    ...            earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> G.add_node("r", kind="prohibition", label="no customer may use Fable")
    >>> for u, v, rel in (("p", "r", "odrl:prohibition"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> [(c.before, c.after, [e["label"] for e in c.events]) for c in diff(G, "2026-06-01", "2026-06-25")]
    [('not_applicable', 'deny', ['suspension'])]
    """
    d1, d2 = parse_date(d1), parse_date(d2)
    decider = decider or decide
    st = state_index(G)
    action = ask.get("action", "odrl:use")
    changes = []
    everyone = _assignees(G, action)
    below = _below(G)
    for m in _touched_models(G, st, d1, d2):
        for aud in _reached(G, m, action, everyone, below):
            who = as_party(G, aud, party)
            before, after = decider(G, m, d1, who, **ask), decider(G, m, d2, who, **ask)
            if before.decision == after.decision:
                continue
            changes.append(Change({"iri": m, "label": label_of(G, m)}, {"iri": aud, "label": label_of(G, aud)},
                                  before.decision, after.decision, moved_events(G, before, after, d1, d2)))
    return changes


def moved_events(G: nx.MultiDiGraph, before, after, d1: str | dt.date, d2: str | dt.date) -> list[dict]:
    """The events that changed an answer between ``d1`` and ``d2`` (:func:`diff`'s rule): those among
    the evidence or the undetermined windows of either decision (``before`` on ``d1``, ``after`` on
    ``d2``) whose state (happened, not yet, uncertain) differs on the two dates; each as
    ``{event, label, date_text, earliest, latest, status}``."""
    d1, d2 = parse_date(d1), parse_date(d2)
    st = state_index(G)
    involved = dict.fromkeys([e.event for e in before.evidence + after.evidence]
                             + [w["event"] for w in before.undetermined_by + after.undetermined_by])
    return [_event_view(G, st, e) for e in involved if e in G and _state(st, G, e, d1) != _state(st, G, e, d2)]


def _touched_models(G: nx.MultiDiGraph, st, d1: dt.date, d2: dt.date) -> list[str]:
    """The models and services whose rules an event moving between ``d1`` and ``d2``, or a date
    constraint, could change; by label."""
    policies = {p for e in st.windows if _state(st, G, e, d1) != _state(st, G, e, d2)
                for p in (*st.enacts.get(e, ()), *st.ending.get(e, ()))}
    index = access_index(G)
    parties = party_index(G)
    targets = {t for t, rules in index.by_target.items() for r in rules
               if r.policy in policies or _dated(G, r)}
    below: dict[str, set[str]] = {}
    for child, parents in parties.parents.items():
        for parent in parents:
            below.setdefault(parent, set()).add(child)
    found, todo = set(), list(targets)
    while todo:
        t = todo.pop()
        if t in found:
            continue
        found.add(t)
        todo.extend(below.get(t, ()))
        todo.extend(m for m, services in parties.offers.items() if t in services)
    assets = [t for t in found if G.nodes.get(t, {}).get("kind") in ("model", "service")]
    return sorted(assets, key=lambda t: label_of(G, t).casefold())


def _dated(G: nx.MultiDiGraph, r) -> bool:
    """Whether rule ``r`` has a constraint on the date (it may change without any event)."""
    return any(left == "odrl:dateTime" for c in r.constraints for left, _ in constraint_left_operands(party_index(G), c))


def _assignees(G: nx.MultiDiGraph, action: str) -> list[str]:
    """Every audience some rule about ``action`` is given to (what :func:`graph.policy.audiences.audiences`
    lists, read straight from the rules), by label."""
    wanted = _action_names(action)
    found = {r.assignee for rules in access_index(G).by_target.values() for r in rules
             if r.assignee and r.action.split(":", 1)[1] in wanted}
    return sorted(found, key=lambda a: label_of(G, a).casefold())


def _action_names(action: str) -> frozenset:
    return frozenset(ancestors(action.split(":", 1)[1]))


def _below(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """For each node, what is directly part of it (the part-of links read downwards)."""
    below: dict[str, set[str]] = {}
    for child, parents in party_index(G).parents.items():
        for parent in parents:
            below.setdefault(parent, set()).add(child)
    return below


def _reached(G: nx.MultiDiGraph, model: str, action: str, everyone: list[str], below: dict[str, set[str]]) -> list[str]:
    """The audiences (of ``everyone``) a change to ``model``'s rules can reach: all of them when a
    rule's assignee is universal or defined by refinements; otherwise those (transitively) inside a
    rule's assignee."""
    groups = party_index(G).groups
    assignees = {r.assignee for r in candidate_rules(G, model, action) if r.assignee}
    if any(a in groups and (groups[a].universal or groups[a].refinements) for a in assignees):
        return everyone
    found, todo = set(assignees), list(assignees)
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    known = set(everyone)
    return sorted((a for a in found if a in known), key=lambda a: label_of(G, a).casefold())


def _state(st, G: nx.MultiDiGraph, event: str, day: dt.date) -> str:
    occurring = G.nodes[event].get("status", "occurred") in OCCURRING if event in G else True
    return st.windows.get(event, Window()).state_on(day) if occurring else "never"


def _event_view(G: nx.MultiDiGraph, st, e: str) -> dict:
    w = st.windows.get(e, Window())
    return {"event": e, "label": _label(G, e), "date_text": G.nodes[e].get("date_text", "not stated"),
            "earliest": _iso(w.earliest), "latest": _iso(w.latest), "status": G.nodes[e].get("status")}
