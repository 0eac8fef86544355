"""State over time: which policies are in force on a date, given events whose dates are imprecise.

This is regkg's time rule. The HTML browser implements the same rule in JavaScript, so a change
here must be made there too.

The rule
--------
1. A policy is put in force by the events that generate it (``prov:wasGeneratedBy``) and ended by
   the events that invalidate it (``prov:wasInvalidatedBy``).
2. Only events whose status is *occurred*, *reported* or *announced* change the state. *Planned*
   and *forecast* events never do, whatever their dates; callers report them as caveats.
3. An event's time is a window of inclusive dates ``[earliest, latest]``; a missing ``earliest``
   is unbounded below, a missing ``latest`` unbounded above. On date ``D`` the event has
   **happened** when ``latest < D``, has **not yet** happened when ``D < earliest``, and is
   **uncertain** otherwise, i.e. whenever the window contains ``D``. ``D == latest`` is
   uncertain: dates are whole days, and an event dated "by 2026-07-31" may happen late on the
   31st, after the moment asked about. It is certain from the next day on.
4. Recorded order narrows windows. An event that ``rkg:after`` another cannot happen before the
   other's ``earliest``, and the other cannot happen after this one's ``latest``. The event that
   ends a policy is also taken to follow the event that generated it. The order is applied
   transitively, in topological order. Same-day order is allowed ("immediately after"). Only
   occurring events narrow the windows of the events before them: a plan's date is not a fact.
5. A policy is in force on ``D`` when one of its occurring generators has happened and none of
   its occurring invalidators has. With uncertain events this is three-valued (Kleene logic):
   ``in-force``, ``not-in-force`` or ``uncertain``.
6. A policy that no event generates is stated by its source, which tells us that the policy is in
   force **by** the source's publication, not since when. Its generator is therefore the source
   document's date window with the lower bound dropped: uncertain up to and including the
   source's ``latest`` date, in force after it. A policy whose own status is planned or forecast
   is never in force.

Everything here works on the networkx projection of :mod:`graph.store.project`. :func:`state_index`
reads the projection once and caches what it found, so later calls do no full-graph scans.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.errors import InputError
from graph.store.memo import cached

__all__ = [
    "OCCURRING", "HAPPENED", "NOT_YET", "UNCERTAIN", "IN_FORCE", "NOT_IN_FORCE",
    "Window", "Trigger", "PolicyState", "StateIndex",
    "parse_date", "after_graph", "event_windows", "state_index", "policy_state", "policies_in_force",
]

OCCURRING = frozenset({"occurred", "reported", "announced"})
HAPPENED, NOT_YET, UNCERTAIN = "happened", "not-yet", "uncertain"
IN_FORCE, NOT_IN_FORCE = "in-force", "not-in-force"


def parse_date(value: str | dt.date) -> dt.date:
    """A date from ``YYYY-MM-DD`` text (a :class:`datetime.date` passes through).

    >>> parse_date("2026-07-01")
    datetime.date(2026, 7, 1)
    >>> parse_date("2026-13-40")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: '2026-13-40' is not a valid date (expected YYYY-MM-DD, e.g. 2026-07-01): month must be in 1..12
    """
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise InputError(f"'{value}' is not a valid date (expected YYYY-MM-DD, e.g. 2026-07-01): {exc}") from None


@dataclasses.dataclass(frozen=True)
class Window:
    """Inclusive date bounds of an event; ``None`` is unbounded."""

    earliest: dt.date | None = None
    latest: dt.date | None = None

    def state_on(self, on: dt.date) -> str:
        """:data:`HAPPENED`, :data:`NOT_YET` or :data:`UNCERTAIN` on ``on`` (rule 3).

        >>> w = Window(dt.date(2026, 6, 11), dt.date(2026, 6, 20))
        >>> [w.state_on(dt.date(2026, 6, d)) for d in (10, 11, 20, 21)]
        ['not-yet', 'uncertain', 'uncertain', 'happened']
        """
        if self.latest is not None and self.latest < on:
            return HAPPENED
        if self.earliest is not None and on < self.earliest:
            return NOT_YET
        return UNCERTAIN

    def text(self) -> str:
        """``2026-06-11..2026-06-20``, with ``?`` for a missing bound."""
        return f"{self.earliest or '?'}..{self.latest or '?'}"


@dataclasses.dataclass(frozen=True)
class Trigger:
    """What starts or ends a policy: an event, or the source stating it (rule 6)."""

    node: str
    label: str
    date_text: str
    status: str
    window: Window
    sources: tuple[str, ...] = ()
    kind: str = "event"  # or "source"

    @property
    def occurring(self) -> bool:
        return self.status in OCCURRING

    def state_on(self, on: dt.date) -> str:
        """Like :meth:`Window.state_on`; a planned or forecast trigger never happens (rule 2)."""
        return self.window.state_on(on) if self.occurring else NOT_YET


@dataclasses.dataclass(frozen=True)
class PolicyState:
    """A policy's state on one date, with what started and ended it."""

    policy: str
    state: str
    starts: tuple[Trigger, ...]
    ends: tuple[Trigger, ...]


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _out(G: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return [v for _, v, r in G.out_edges(node, data="relation") if r == relation]


def after_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The recorded order of events: an edge ``a -> b`` when ``b`` comes after ``a``.

    Edges come from ``rkg:after`` and from each policy's generator to its invalidator (rule 4).

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e:ban", "e:lift"], kind="event")
    >>> G.add_node("p:ban", kind="policy")
    >>> _ = G.add_edge("p:ban", "e:ban", relation="prov:wasGeneratedBy")
    >>> _ = G.add_edge("p:ban", "e:lift", relation="prov:wasInvalidatedBy")
    >>> list(after_graph(G).edges)
    [('e:ban', 'e:lift')]
    """
    order = nx.DiGraph()
    order.add_nodes_from(n for n, k in G.nodes(data="kind") if k == "event")
    policies = set()
    for u, v, relation in G.edges(data="relation"):
        if relation == "rkg:after":
            order.add_edge(v, u)
        elif relation in ("prov:wasGeneratedBy", "prov:wasInvalidatedBy"):
            policies.add(u)
    for p in policies:
        for start in _out(G, p, "prov:wasGeneratedBy"):
            order.add_edges_from((start, end) for end in _out(G, p, "prov:wasInvalidatedBy"))
    return order


def event_windows(G: nx.MultiDiGraph, order: nx.DiGraph | None = None) -> dict[str, Window]:
    """Each event's window, narrowed by the recorded order (rule 4).

    Raises :class:`graph.errors.InputError` when the order has a cycle or contradicts the dates.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ban", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:lift", kind="event", status="occurred", latest="2026-07-31")
    >>> _ = G.add_edge("e:lift", "e:ban", relation="rkg:after")
    >>> event_windows(G)["e:lift"].text()
    '2026-06-11..2026-07-31'
    """
    order = after_graph(G) if order is None else order
    windows = {e: Window(_date(G.nodes[e].get("earliest")), _date(G.nodes[e].get("latest"))) for e in order}
    try:
        topo = list(nx.topological_sort(order))
    except nx.NetworkXUnfeasible:
        cycle = " -> ".join(G.nodes[u].get("label", u) for u, _ in nx.find_cycle(order))
        raise InputError(f"the recorded order of events (rkg:after) has a cycle: {cycle}") from None
    for b in topo:
        lows = [windows[a].earliest for a in order.predecessors(b)] + [windows[b].earliest]
        lows = [d for d in lows if d is not None]
        windows[b] = dataclasses.replace(windows[b], earliest=max(lows) if lows else None)
    for a in reversed(topo):
        highs = [windows[b].latest for b in order.successors(a) if G.nodes[b].get("status") in OCCURRING]
        highs = [d for d in highs + [windows[a].latest] if d is not None]
        windows[a] = dataclasses.replace(windows[a], latest=min(highs) if highs else None)
    for e, w in windows.items():
        if w.earliest and w.latest and w.earliest > w.latest:
            raise InputError(f"event '{G.nodes[e].get('label', e)}': its recorded order (rkg:after) "
                             f"contradicts its dates ({w.text()})")
    return windows


@dataclasses.dataclass
class StateIndex:
    """What the time rule needs from a projection, read once: the order, windows and triggers.

    ``windows`` holds the narrowed window of every event, and of every source document that stands
    in for a missing generator (rule 6).
    """

    order: nx.DiGraph
    windows: dict[str, Window]
    starts: dict[str, tuple[Trigger, ...]]
    ends: dict[str, tuple[Trigger, ...]]
    status: dict[str, str]

    def before(self, a: str, b: str) -> bool:
        """Whether ``a`` is known to come no later than ``b``: recorded order, or disjoint windows."""
        if a in self.order and b in self.order and nx.has_path(self.order, a, b):
            return True
        wa, wb = self.windows.get(a, Window()), self.windows.get(b, Window())
        return wa.latest is not None and wb.earliest is not None and wa.latest < wb.earliest


def state_index(G: nx.MultiDiGraph) -> StateIndex:
    """The :class:`StateIndex` of ``G``, built on first use and cached (:func:`graph.store.memo.cached`)."""
    return cached(G, "state", _build_state_index)


def _build_state_index(G: nx.MultiDiGraph) -> StateIndex:
    order = after_graph(G)
    windows = event_windows(G, order)
    policies = [n for n, k in G.nodes(data="kind") if k == "policy"]
    index = StateIndex(order, windows, {}, {}, {p: G.nodes[p].get("status", "reported") for p in policies})
    for p in policies:
        gens = _out(G, p, "prov:wasGeneratedBy")
        index.starts[p] = tuple(_event_trigger(G, e, windows) for e in gens) or _source_triggers(G, p)
        index.ends[p] = tuple(_event_trigger(G, e, windows) for e in _out(G, p, "prov:wasInvalidatedBy"))
        for t in index.starts[p]:
            windows.setdefault(t.node, t.window)
    return index


def _event_trigger(G: nx.MultiDiGraph, event: str, windows: dict[str, Window]) -> Trigger:
    a = G.nodes[event]
    return Trigger(event, a.get("label", event), a.get("date_text", "not stated"), a.get("status", "reported"),
                   windows.get(event, Window()), tuple(a.get("sources", ())))


def _source_triggers(G: nx.MultiDiGraph, policy: str) -> tuple[Trigger, ...]:
    """Rule 6: the documents of the policy's cited sections, in force by their ``latest`` date."""
    found = {}
    for section in G.nodes[policy].get("sources", ()):
        for doc in (_out(G, section, "dcterms:isPartOf") if section in G else []):
            a = G.nodes[doc]
            found[doc] = Trigger(doc, f"published in {a.get('label', doc)}", a.get("date_text", "not stated"),
                                 "occurred", Window(None, _date(a.get("latest"))), (section,), kind="source")
    return tuple(found.values())


def policy_state(G: nx.MultiDiGraph, policy: str, on: str | dt.date) -> PolicyState:
    """The state of ``policy`` on ``on``: ``in-force``, ``not-in-force`` or ``uncertain`` (rule 5).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ban", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:lift", kind="event", status="forecast", date_text="soon")
    >>> G.add_node("p:ban", kind="policy", status="occurred")
    >>> _ = G.add_edge("p:ban", "e:ban", relation="prov:wasGeneratedBy")
    >>> _ = G.add_edge("p:ban", "e:lift", relation="prov:wasInvalidatedBy")
    >>> [policy_state(G, "p:ban", d).state for d in ("2026-06-01", "2026-06-15", "2027-01-01")]
    ['not-in-force', 'uncertain', 'in-force']
    """
    index, on = state_index(G), parse_date(on)
    starts, ends = index.starts.get(policy, ()), index.ends.get(policy, ())
    if index.status.get(policy) not in OCCURRING:
        return PolicyState(policy, NOT_IN_FORCE, starts, ends)
    started = _any([t.state_on(on) for t in starts])
    ended = _any([t.state_on(on) for t in ends])
    if started == NOT_YET or ended == HAPPENED:
        state = NOT_IN_FORCE
    elif started == HAPPENED and ended == NOT_YET:
        state = IN_FORCE
    else:
        state = UNCERTAIN
    return PolicyState(policy, state, starts, ends)


def _any(states: list[str]) -> str:
    """Kleene "or" over trigger states: happened if one has, not yet if none can have."""
    if HAPPENED in states:
        return HAPPENED
    return UNCERTAIN if UNCERTAIN in states else NOT_YET


def policies_in_force(G: nx.MultiDiGraph, on: str | dt.date) -> dict[str, PolicyState]:
    """Every policy's :class:`PolicyState` on ``on``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:go", kind="event", status="planned", date_text="in the coming weeks")
    >>> G.add_node("p:ga", kind="policy", status="planned")
    >>> _ = G.add_edge("p:ga", "e:go", relation="prov:wasGeneratedBy")
    >>> policies_in_force(G, "2030-01-01")["p:ga"].state
    'not-in-force'
    """
    return {p: policy_state(G, p, on) for p in state_index(G).status}
