"""State over time: which policies are in force on a date, given events whose dates are imprecise.

This is regkg's time rule, and its only copy: the HTML browser ships what this module and
:mod:`graph.policy.periods` computed for each span between change dates, and looks dates up.

The rule
--------
1. A policy is put in force by the events that generate it (``prov:wasGeneratedBy``: it is
   *enacted*) and ended by the events that invalidate it (``prov:wasInvalidatedBy``), except that
   an event whose actor is known to rank below the assigner of a policy that prohibits anything
   does not end it (:mod:`graph.policy.authority`): a company cannot end a government's ban. (Any
   event may end a policy that only permits: ending access never gives it.)
2. Only events whose status is *occurred*, *reported* or *announced* change the state. *Planned*
   and *forecast* events never do, whatever their dates; callers report them as caveats.
3. An event's time is a window of inclusive dates ``[earliest, latest]``; a missing ``earliest``
   is unbounded below, a missing ``latest`` unbounded above. On date ``D`` the event has
   **happened** when ``latest < D``, has **not yet** happened when ``D < earliest``, and is
   **uncertain** otherwise, i.e. whenever the window contains ``D``. ``D == latest`` is
   uncertain: dates are whole days, and an event dated "by 2026-07-31" may happen late on the
   31st, after the moment asked about. It is certain from the next day on.
4. **Order.** The events that can have happened (rule 2) happen in some order, one consistent
   with their windows and with the recorded order: an event that ``rkg:after`` another comes
   after it (same-day order is allowed, "immediately after"), and an event that ends a policy
   comes after one of the events that enact it: after the only one, after the first when their
   order is known, after the only one that can come before it. ``a`` is *known* to come before
   ``b`` when the recorded order leads from ``a`` to ``b``, or when ``a``'s window ends before
   ``b``'s begins (:meth:`StateIndex.before`). Windows
   are narrowed by this order: an event cannot happen before an event it follows could, nor after
   an event that follows it must. Plans and forecasts neither narrow nor are narrowed into the
   windows of occurring events: a plan's date is not a fact. The order of two events that enact a
   policy, or of one that enacts and one that ends it, must be known: a build refuses a policy
   whose enactment and ending could come in either order (record it with ``after:``).
5. **Enactments.** A policy can be enacted, ended and enacted again; each enactment has its own
   interval. On ``D`` the policy is in force when, of its events that have happened by ``D``, the
   last is one that enacts it; that event is the *start* of its current enactment. Events that
   are uncertain on ``D`` make this three-valued: ``in-force``, ``not-in-force`` or ``uncertain``
   (:func:`policy_state`), worked out over every order rule 4 allows.
6. A policy that no event generates is stated by its source, which tells us that the policy is in
   force **by** the source's publication, not since when. Its generator is therefore the source
   document's date window with the lower bound dropped: uncertain up to and including the
   source's ``latest`` date, in force after it. A policy whose own status is planned or forecast
   is never in force.

Everything here works on the networkx projection of :mod:`graph.store.project`. :func:`state_index`
reads the projection once and caches what it found, so later calls do no full-graph scans. With
``stated_only`` the index leaves out what the curator inferred (``inferred`` nodes): the events,
policies and orders ``regkg check --strict`` may use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import networkx as nx

from graph.errors import InputError
from graph.policy.authority import authority_of, can_lift
from graph.store.memo import cached, relation_edges

__all__ = [
    "OCCURRING", "HAPPENED", "NOT_YET", "UNCERTAIN", "IN_FORCE", "NOT_IN_FORCE",
    "Window", "Trigger", "PolicyState", "StateIndex",
    "parse_date", "after_graph", "event_windows", "state_index", "policy_state", "policies_in_force",
    "last_trigger", "downsets",
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
    inferred: str | None = None  # the curator's reasoning, when the event is an inference

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
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None


def _out(G: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    return [v for _, v, r in G.out_edges(node, data="relation") if r == relation]


def _occurring(G: nx.MultiDiGraph, node: str) -> bool:
    return G.nodes[node].get("status", "reported") in OCCURRING


@dataclasses.dataclass
class StateIndex:
    """What the time rule needs from a projection, read once: the order, windows and triggers.

    ``order`` is the recorded order of all events plus the implied "an ending follows the first
    enactment" (rule 4), for display; ``windows`` the narrowed window of every event, and of every
    source document that stands in for a missing generator (rule 6); ``starts``/``ends`` each
    policy's triggers; ``enacts``/``ending`` the policies each trigger starts and ends.
    """

    order: nx.DiGraph
    windows: dict[str, Window]
    starts: dict[str, tuple[Trigger, ...]]
    ends: dict[str, tuple[Trigger, ...]]
    status: dict[str, str]
    enacts: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    ending: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    _follows: nx.DiGraph = dataclasses.field(default_factory=nx.DiGraph, repr=False)
    _below: dict = dataclasses.field(default_factory=dict, repr=False)
    _stated: set = dataclasses.field(default_factory=set, repr=False)  # (source, ending) pairs, rule 6

    def reaches(self, a: str, b: str) -> bool:
        """Whether the recorded order (of occurring events) leads from ``a`` to ``b`` (memoised).

        The search skips every event that starts later than ``b`` can: narrowed windows only grow
        along the order, so no path to ``b`` goes through it. A long chain of events is not walked
        whole for each question.
        """
        key = (a, b)
        found = self._below.get(key)
        if found is None:
            found = self._below[key] = self._search(a, b)
        return found

    def _search(self, a: str, b: str) -> bool:
        follows = self._follows
        if a not in follows or b not in follows:
            return False
        limit = self.windows.get(b, Window()).earliest
        seen, todo = {a}, [a]
        while todo:
            for y in follows.successors(todo.pop()):
                if y == b:
                    return True
                start = self.windows.get(y, Window()).earliest
                if y in seen or (limit is not None and start is not None and start > limit):
                    continue
                seen.add(y)
                todo.append(y)
        return False

    def before(self, a: str, b: str) -> bool:
        """Whether ``a`` is known to come no later than ``b`` (rule 4): recorded order, or windows."""
        if a == b:
            return False
        wa, wb = self.windows.get(a, Window()), self.windows.get(b, Window())
        if wa.latest is not None and wb.earliest is not None and wa.latest < wb.earliest:
            return True
        return (a, b) in self._stated or self.reaches(a, b)


def after_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The order of events as displayed: an edge ``a -> b`` when ``b`` comes after ``a``.

    Edges come from ``rkg:after`` and from each policy's first enactment to the events that end
    it (rule 4).

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["e:ban", "e:lift"], kind="event")
    >>> G.add_node("p:ban", kind="policy")
    >>> _ = G.add_edge("p:ban", "e:ban", relation="prov:wasGeneratedBy")
    >>> _ = G.add_edge("p:ban", "e:lift", relation="prov:wasInvalidatedBy")
    >>> list(after_graph(G).edges)
    [('e:ban', 'e:lift')]
    """
    return state_index(G).order


def event_windows(G: nx.MultiDiGraph, order: nx.DiGraph | None = None) -> dict[str, Window]:
    """Each event's window, narrowed by the order (rule 4).

    Raises :class:`graph.errors.InputError` when the order has a cycle or contradicts the dates.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e:ban", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:lift", kind="event", status="occurred", latest="2026-07-31")
    >>> _ = G.add_edge("e:lift", "e:ban", relation="rkg:after")
    >>> event_windows(G)["e:lift"].text()
    '2026-06-11..2026-07-31'
    """
    return {e: w for e, w in state_index(G).windows.items() if G.nodes.get(e, {}).get("kind") == "event"}


def state_index(G: nx.MultiDiGraph, stated_only: bool = False) -> StateIndex:
    """The :class:`StateIndex` of ``G``, built on first use and cached (:func:`graph.store.memo.cached`).

    With ``stated_only``, inferred events and policies are left out (``regkg check --strict``).
    """
    if stated_only:
        return cached(G, "state-stated", lambda g: _build_state_index(g, True))
    return cached(G, "state", _build_state_index)


# --------------------------------------------------------------------------- building the index

def _build_state_index(G: nx.MultiDiGraph, stated_only: bool = False) -> StateIndex:
    def kept(n: str) -> bool:
        return not (stated_only and G.nodes[n].get("inferred"))

    events = [n for n, k in G.nodes(data="kind") if k == "event" and kept(n)]
    policies = [n for n, k in G.nodes(data="kind") if k == "policy" and kept(n)]
    display = nx.DiGraph()
    display.add_nodes_from(events)
    gens: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    assigners: dict[str, str] = {}
    actors: dict[str, str] = {}
    prohibiting: set[str] = set()
    order_edges = []
    for u, v, relation in relation_edges(G):
        if relation == "rkg:after":
            order_edges.append((v, u))
        elif relation == "prov:wasGeneratedBy":
            gens.setdefault(u, []).append(v)
        elif relation == "prov:wasInvalidatedBy":
            ends.setdefault(u, []).append(v)
        elif relation == "odrl:assigner":
            assigners.setdefault(u, v)
        elif relation == "prov:wasAssociatedWith":
            actors.setdefault(u, v)
        elif relation == "odrl:prohibition":
            prohibiting.add(u)
    display.add_edges_from((a, b) for a, b in order_edges if a in display and b in display)
    for p in policies:  # rule 1: an ending by a lower authority does not lift a ban
        gens[p] = [e for e in gens.get(p, ()) if e in display]
        ends[p] = [e for e in ends.get(p, ()) if e in display]
        if p in prohibiting:
            assigner = authority_of(G, assigners.get(p))
            ends[p] = [e for e in ends[p] if not _outranked(authority_of(G, actors.get(e)), assigner)]
    _check_acyclic(G, display)
    occurring = [e for e in events if _occurring(G, e)]
    follows = nx.DiGraph()
    follows.add_nodes_from(occurring)
    follows.add_edges_from((a, b) for a, b in display.edges if a in follows and b in follows)
    windows = {e: Window(_date(G.nodes[e].get("earliest")), _date(G.nodes[e].get("latest"))) for e in events}
    index = StateIndex(display, windows, {}, {}, {p: G.nodes[p].get("status", "reported") for p in policies},
                       _follows=follows)
    _narrow(G, index, windows)
    while _imply_endings(G, index, policies, gens, ends):  # rule 4: each new edge may settle another
        index._below.clear()
        _narrow(G, index, windows)
    _check_enactment_order(G, index, policies, gens, ends)
    for p in policies:
        index.starts[p] = tuple(_event_trigger(G, e, windows) for e in gens.get(p, ())) or _source_triggers(G, p)
        index.ends[p] = tuple(_event_trigger(G, e, windows) for e in ends.get(p, ()))
        for t in index.starts[p]:
            windows.setdefault(t.node, t.window)
            index.enacts[t.node] = index.enacts.get(t.node, ()) + (p,)
        for t in index.ends[p]:
            index.ending[t.node] = index.ending.get(t.node, ()) + (p,)
            index._stated.update((s.node, t.node) for s in index.starts[p] if s.kind == "source")
    return index


def _outranked(actor, assigner) -> bool:
    """Whether ``actor`` is known to rank below ``assigner`` (rule 1): both ranks known, and lower."""
    return actor.rank is not None and assigner.rank is not None and not can_lift(actor, assigner)


def _check_acyclic(G: nx.MultiDiGraph, order: nx.DiGraph) -> None:
    if nx.is_directed_acyclic_graph(order):
        return
    cycle = " -> ".join(G.nodes[u].get("label", u) for u, _ in nx.find_cycle(order))
    raise InputError(f"the recorded order of events (rkg:after) has a cycle: {cycle}")


def _narrow(G: nx.MultiDiGraph, index: StateIndex, windows: dict[str, Window]) -> None:
    """Rule 4: narrow every occurring event's window by the order of occurring events; a plan's
    window by the occurring events before it (for display), never the other way."""
    for e in windows:
        windows[e] = Window(_date(G.nodes[e].get("earliest")), _date(G.nodes[e].get("latest")))
    follows = index._follows
    topo = list(nx.topological_sort(follows))
    for b in topo:
        lows = [windows[a].earliest for a in follows.predecessors(b)] + [windows[b].earliest]
        lows = [d for d in lows if d is not None]
        windows[b] = dataclasses.replace(windows[b], earliest=max(lows) if lows else None)
    for a in reversed(topo):
        highs = [windows[b].latest for b in follows.successors(a)] + [windows[a].latest]
        highs = [d for d in highs if d is not None]
        windows[a] = dataclasses.replace(windows[a], latest=min(highs) if highs else None)
    for e, w in windows.items():
        if e in follows and w.earliest and w.latest and w.earliest > w.latest:
            raise InputError(f"event '{G.nodes[e].get('label', e)}': its recorded order (rkg:after) "
                             f"contradicts its dates ({w.text()})")
    for b in nx.topological_sort(index.order):
        if b in follows:
            continue
        lows = [windows[a].earliest for a in index.order.predecessors(b) if a in follows]
        lows = [d for d in lows + [windows[b].earliest] if d is not None]
        windows[b] = dataclasses.replace(windows[b], earliest=max(lows) if lows else None)


def _first(index: StateIndex, events: list[str]) -> str | None:
    """The one event of ``events`` known to come before all the others, if there is one."""
    firsts = [e for e in events if all(index.before(e, o) for o in events if o != e)]
    return firsts[0] if len(firsts) == 1 else None


def _imply_endings(G, index: StateIndex, policies, gens, ends) -> bool:
    """Rule 4: an ending follows one of the policy's enactments. True when an edge was added."""
    added = False
    for p in policies:
        occurring_gens = [g for g in gens.get(p, ()) if g in index._follows]
        first = _first(index, occurring_gens) if occurring_gens else None
        for e in ends.get(p, ()):
            if e not in index._follows or not occurring_gens or e in occurring_gens:
                continue
            can = [g for g in occurring_gens if not index.before(e, g)]
            if not can:
                raise InputError(f"policy '{G.nodes[p].get('label', p)}': '{G.nodes[e].get('label', e)}' ends "
                                 f"it before any event enacts it")
            follow = can[0] if len(can) == 1 else first
            if follow is None or index.before(follow, e):
                continue
            index._follows.add_edge(follow, e)
            if not nx.has_path(index.order, e, follow):  # a plan between them orders nothing (rule 4)
                index.order.add_edge(follow, e)
            added = True
    _check_acyclic(G, index._follows)
    return added


def _check_enactment_order(G, index: StateIndex, policies, gens, ends) -> None:
    """Rule 4: the events that enact a policy, and each of them with each event that ends it, are in
    a known order."""
    for p in policies:
        occurring_gens = [g for g in gens.get(p, ()) if g in index._follows]
        occurring_ends = [e for e in ends.get(p, ()) if e in index._follows]
        pairs = itertools.chain(itertools.combinations(occurring_gens, 2),
                                ((g, e) for g in occurring_gens for e in occurring_ends))
        for a, b in pairs:
            if a != b and not index.before(a, b) and not index.before(b, a):
                label = G.nodes[p].get("label", p)
                raise InputError(
                    f"policy '{label}': the order of '{G.nodes[a].get('label', a)}' ({index.windows[a].text()}) and "
                    f"'{G.nodes[b].get('label', b)}' ({index.windows[b].text()}) is unknown, and the policy's "
                    f"state depends on it: record which came first with 'after:' on the later event")


def _event_trigger(G: nx.MultiDiGraph, event: str, windows: dict[str, Window]) -> Trigger:
    a = G.nodes[event]
    return Trigger(event, a.get("label", event), a.get("date_text", "not stated"), a.get("status", "reported"),
                   windows.get(event, Window()), tuple(a.get("sources", ())), inferred=a.get("inferred_from"))


def _source_triggers(G: nx.MultiDiGraph, policy: str) -> tuple[Trigger, ...]:
    """Rule 6: the first document of the policy's cited sections to be published (by its ``latest``
    date): the policy is in force by then."""
    found = []
    for section in G.nodes[policy].get("sources", ()):
        for doc in (_out(G, section, "dcterms:isPartOf") if section in G else []):
            a = G.nodes[doc]
            found.append(Trigger(doc, f"published in {a.get('label', doc)}", a.get("date_text", "not stated"),
                                 "occurred", Window(None, _date(a.get("latest"))), (section,), kind="source"))
    found.sort(key=lambda t: (t.window.latest is None, t.window.latest or dt.date.max, t.node))
    return tuple(found[:1])


# --------------------------------------------------------------------------- rule 5

def downsets(items: list[str], before) -> list[frozenset]:
    """Every set of ``items`` closed under "comes before" (``before(a, b)``): what may have
    happened by a date among events that are uncertain on it.

    >>> sorted(sorted(s) for s in downsets(["a", "b"], lambda x, y: (x, y) == ("a", "b")))
    [[], ['a'], ['a', 'b']]
    """
    ordered = sorted(items, key=lambda x: sum(before(y, x) for y in items))  # predecessors first
    found: list[frozenset] = []

    def grow(i: int, chosen: frozenset) -> None:
        if i == len(ordered):
            found.append(chosen)
            return
        x = ordered[i]
        grow(i + 1, chosen)
        if all(y in chosen for y in ordered[:i] if before(y, x)):
            grow(i + 1, chosen | {x})

    def closed_below(s: frozenset) -> bool:
        return all(y in s for x in s for y in items if before(y, x))

    grow(0, frozenset())
    return [s for s in found if closed_below(s)]


def last_trigger(before, starts, ends, happened) -> tuple[str, Trigger | None]:
    """Rule 5 in one world: (``IN_FORCE`` or ``NOT_IN_FORCE``, the trigger that decided it).

    ``happened`` holds the nodes of the triggers that happened by the date, ``before(a, b)`` the
    known order. The last of those is the one no other happened trigger of the policy is known to
    follow; when it enacts, the policy is in force and it is the start of the current enactment.
    """
    done = [t for t in (*starts, *ends) if t.occurring and t.node in happened]
    if not done:
        return NOT_IN_FORCE, None
    enacting = {t.node for t in starts}
    last = [t for t in done if not any(before(t.node, o.node) for o in done)]
    start = next((t for t in last if t.node in enacting), None)
    if start is not None and all(t.node == start.node or before(t.node, start.node) for t in done):
        return IN_FORCE, start
    return NOT_IN_FORCE, next((t for t in last if t.node not in enacting), last[0])


def policy_state(G: nx.MultiDiGraph, policy: str, on: str | dt.date, stated_only: bool = False) -> PolicyState:
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
    index, on = state_index(G, stated_only), parse_date(on)
    starts, ends = index.starts.get(policy, ()), index.ends.get(policy, ())
    if index.status.get(policy) not in OCCURRING:
        return PolicyState(policy, NOT_IN_FORCE, starts, ends)
    triggers = [t for t in (*starts, *ends) if t.occurring]
    happened = {t.node for t in triggers if t.state_on(on) == HAPPENED}
    uncertain = sorted({t.node for t in triggers if t.state_on(on) == UNCERTAIN})
    states = {last_trigger(index.before, starts, ends, happened | s)[0] for s in downsets(uncertain, index.before)}
    return PolicyState(policy, states.pop() if len(states) == 1 else UNCERTAIN, starts, ends)


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
