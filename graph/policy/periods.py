"""Decisions over time: the dates on which an answer can change, and the answer between them.

The rule
--------
:func:`graph.policy.access.decide` reads the date it is asked about in two places only:

1. the time rule (:mod:`graph.policy.state`): an occurring trigger (an event, or a source standing
   in for one) has *not yet* happened before its window's ``earliest``, is *uncertain* from
   ``earliest`` to ``latest`` inclusive, and has *happened* from the day after ``latest``;
2. constraints on ``odrl:dateTime`` (of a rule, or of a group's refinement), whose result can
   change on a date they name or on the day after it;
3. reports of actual availability (:mod:`graph.policy.availability`), which an answer lists as
   caveats from the first day of their window to the last.

So for one model, every decision (its value, evidence, undetermined windows and caveats, apart
from the date written into them) is constant between consecutive **change dates**: each
occurring trigger's ``earliest`` and the day after its ``latest``, for the policies of the rules
about the model, each date a ``dateTime`` constraint names and the day after it, and the bounds
of the availability reports about the model or its parts. Planned and
forecast triggers never happen (rule 2 of :mod:`graph.policy.state`), so they add no change date.

:func:`periods` cuts time at those dates and asks :func:`~graph.policy.access.decide` once per
period, then once more on the period's last day, and raises when the two disagree: a change date
this module failed to foresee is a bug to hear about, never an answer to guess.
:func:`policy_periods` does the same for the state of one policy (what the browser draws).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.access import Decision, candidate_rules, decide
from graph.policy.audiences import as_party
from graph.policy.availability import availability_dates
from graph.policy.knowledge import Knowledge
from graph.policy.parties import PartyAttributes, constraint_days, party_index
from graph.policy.state import policy_state, state_index
from graph.store.memo import cached

__all__ = ["Period", "PolicyPeriod", "audience_party", "change_dates", "periods", "policy_change_dates",
           "policy_periods", "period_index", "sample_day", "question_change_dates"]

_DAY = dt.timedelta(days=1)


@dataclasses.dataclass(frozen=True)
class Period:
    """Dates ``start`` to ``end`` (inclusive; ``None`` is unbounded) and the decision on each of them.

    ``decision`` is :func:`~graph.policy.access.decide` on :func:`sample_day`; on any other day of
    the period it differs only in the date it names.
    """

    start: dt.date | None
    end: dt.date | None
    decision: Decision
    #: the decision on another day of the period (its last day, or ten years away on an unbounded
    #: side) that :func:`periods` checked against ``decision``; ``None`` for a one-day period, or
    #: when asked with ``check=False``
    other: Decision | None = None


@dataclasses.dataclass(frozen=True)
class PolicyPeriod:
    """Dates ``start`` to ``end`` (inclusive; ``None`` is unbounded) and a policy's state on each."""

    start: dt.date | None
    end: dt.date | None
    state: str


def audience_party(G: nx.MultiDiGraph, audience: str) -> PartyAttributes:
    """An audience asked about as :mod:`graph.policy.audiences` asks (:func:`~graph.policy.audiences.as_party`):
    "a member of that group, and nothing more" for a group, the party itself otherwise
    (``--member-of`` / ``--party``).

    >>> G = nx.MultiDiGraph(); G.add_node("g", kind="group"); G.add_node("c", kind="company")
    >>> audience_party(G, "g").member_of, audience_party(G, "c").party
    (('g',), 'c')
    """
    return as_party(G, audience)


def sample_day(start: dt.date | None, end: dt.date | None) -> dt.date:
    """The day a period is decided on: its first day, or its last when it has no first.

    A period unbounded both ways (nothing ever changes) is decided on 1 January 2000: any day
    gives the same answer.

    >>> sample_day(dt.date(2026, 6, 11), None), sample_day(None, dt.date(2026, 6, 10))
    (datetime.date(2026, 6, 11), datetime.date(2026, 6, 10))
    """
    return start or end or dt.date(2000, 1, 1)


def _trigger_dates(G: nx.MultiDiGraph, policies, stated_only: bool = False) -> set[dt.date]:
    st = state_index(G, stated_only)
    days: set[dt.date] = set()
    for p in policies:
        for t in st.starts.get(p, ()) + st.ends.get(p, ()):
            if not t.occurring:
                continue  # a plan or forecast never happens: it changes nothing
            if t.window.earliest:
                days.add(t.window.earliest)
            if t.window.latest:
                days.add(t.window.latest + _DAY)
    return days


def _constraint_dates(G: nx.MultiDiGraph, nodes) -> set[dt.date]:
    """The dates on which the ``dateTime`` constraints at ``nodes`` (constraint node IRIs, inside
    logical constraints too) can change their result (:func:`graph.policy.parties.constraint_days`)."""
    return constraint_days(party_index(G), nodes)


def policy_change_dates(G: nx.MultiDiGraph, policy: str) -> list[dt.date]:
    """The dates on which ``policy``'s state can change (its occurring triggers' bounds), in order.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> _ = G.add_edge("p", "e", relation="prov:wasGeneratedBy")
    >>> [d.isoformat() for d in policy_change_dates(G, "p")]
    ['2026-06-11', '2026-06-21']
    """
    return sorted(_trigger_dates(G, [policy]))


def change_dates(G: nx.MultiDiGraph, model: str, action: str = "odrl:use", *, strict: bool = False,
                 known: Knowledge | None = None) -> list[dt.date]:
    """The dates on which a decision about ``action`` on ``model`` can change, in order (see the
    module docstring): the bounds of the triggers of the rules about the model (as the stated
    facts alone place them too, with ``strict``), and the dates named by ``dateTime`` constraints
    of those rules or of any group's refinements.

    With ``known`` (a :class:`graph.policy.knowledge.Knowledge`), the decisions are those of
    :meth:`~graph.policy.knowledge.Knowledge.decide`: the same dates on every view of the projection
    it decides on (:meth:`~graph.policy.knowledge.Knowledge.views`: the documents counted, those
    surely published, each account of a disputed date), and the day after the knowledge horizon's
    ``latest`` (:meth:`~graph.policy.knowledge.Knowledge.horizon`), from which an answer says that
    the state may have changed since.

    Examples
    --------
    A suspension dated "mid-June" (11 to 20 June) and a reinstatement "by the end of July":

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Mythos"); G.add_node("g", kind="group", label="Customers")
    >>> G.add_node("e:ban", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e:back", kind="event", status="occurred", latest="2026-07-31")
    >>> G.add_node("e:ga", kind="event", status="planned", earliest="2026-09-01")
    >>> for p, r, kind, e in (("p:ban", "r:ban", "prohibition", "e:ban"), ("p:back", "r:back", "permission", "e:back"),
    ...                       ("p:ga", "r:ga", "permission", "e:ga")):
    ...     G.add_node(p, kind="policy", status="occurred"); G.add_node(r, kind=kind)
    ...     for u, v, rel in ((p, r, "odrl:" + kind), (r, "m", "odrl:target"), (r, "g", "odrl:assignee"),
    ...                       (p, e, "prov:wasGeneratedBy")):
    ...         _ = G.add_edge(u, v, relation=rel)
    >>> [d.isoformat() for d in change_dates(G, "m")]  # the planned release adds nothing
    ['2026-06-11', '2026-06-21', '2026-08-01']
    """
    if known is not None:
        days = {d for H in known.views(model) for d in change_dates(H, model, action, strict=strict)}
        until = known.horizon(model)
        if until is not None and until.get("latest"):
            days.add(dt.date.fromisoformat(until["latest"]) + _DAY)
        return sorted(days)
    rules = candidate_rules(G, model, action)
    policies = {r.policy for r in rules}
    days = _trigger_dates(G, policies) | (_trigger_dates(G, policies, stated_only=True) if strict else set())
    days |= _constraint_dates(G, (c for r in rules for c in r.constraints))
    days |= availability_dates(G, model)  # the reports an answer lists beside it change on these
    return sorted(days | cached(G, "refinement-dates", _refinement_dates))


def question_change_dates(G: nx.MultiDiGraph, model: str, start: dt.date, end: dt.date,
                          party: PartyAttributes = PartyAttributes(), channel: str | None = None,
                          action: str = "odrl:use", *, place: str | None = None, recipient: str | None = None,
                          device: str | None = None, purpose: str | None = None,
                          known: Knowledge | None = None) -> list[dt.date]:
    """The dates after ``start`` and up to ``end`` on which the answer to one question (the
    arguments of :func:`~graph.policy.access.decide`) can change: :func:`change_dates`, less those
    of rules that cannot apply to the question.

    A decision reads only the rules whose applicability condition is not empty for the question
    (rule 2 of :mod:`graph.policy.access`): a rule of another country, another employer or another
    channel never changes it, whatever its events do. That condition reads the date only through
    ``dateTime`` constraints, so it is worked out on ``start`` and on each date such a constraint
    (of a rule, or of a group's refinement) names in the span, and a rule counts if it can apply
    on any of them. With ``known``, on every view :meth:`~graph.policy.knowledge.Knowledge.decide`
    may decide this question on (:meth:`~graph.policy.knowledge.Knowledge.question_views`).
    Availability reports and the knowledge horizon change caveats, never the decision or its
    conditions, so their dates are not listed.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Fable")
    >>> for g in ("g", "h"):
    ...     G.add_node(g, kind="group", label=g, members_text="none named")
    >>> for i, (day, group) in enumerate((("2026-06-11", "g"), ("2026-07-01", "h"))):
    ...     G.add_node(f"e{i}", kind="event", status="occurred", earliest=day, latest=day)
    ...     G.add_node(f"p{i}", kind="policy", status="occurred"); G.add_node(f"r{i}", kind="prohibition")
    ...     for u, v, rel in ((f"p{i}", f"r{i}", "odrl:prohibition"), (f"r{i}", "m", "odrl:target"),
    ...                       (f"r{i}", group, "odrl:assignee"), (f"p{i}", f"e{i}", "prov:wasGeneratedBy")):
    ...         _ = G.add_edge(u, v, relation=rel)
    >>> span = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    >>> member = PartyAttributes(member_of=("g",))  # whether it is one of h too is open
    >>> [d.isoformat() for d in question_change_dates(G, "m", *span, member)]
    ['2026-06-11', '2026-06-12', '2026-07-01', '2026-07-02']
    >>> outside = PartyAttributes(member_of=("g",), not_member_of=("h",))  # h's ban cannot apply
    >>> [d.isoformat() for d in question_change_dates(G, "m", *span, outside)]
    ['2026-06-11', '2026-06-12']
    """
    from graph.policy.applies import context_for

    asked = {"action": action, "place": place, "device": device, "purpose": purpose}
    if recipient is not None:
        asked["recipient"] = recipient
    views = known.question_views(model, party, channel, asked) if known is not None else [G]
    days: set[dt.date] = set()
    for H in views:
        rules = candidate_rules(H, model, action)
        dated = {d for d in _constraint_dates(H, (c for r in rules for c in r.constraints))
                 | cached(H, "refinement-dates", _refinement_dates) if start < d <= end}
        kind = H.nodes[model].get("kind") if model in H else None
        through = channel if channel is not None or kind != "service" else model  # as decide() asks
        live: set[str] = set()
        for day in [start, *sorted(dated)]:
            ctx = context_for(H, rules, party, day, place=place.upper() if place else None, channel=through,
                              recipient=recipient, device=device, purpose=purpose, asset_kind=kind)
            live |= {r.node for r in rules if r.node not in live and ctx.condition(r)}
        days |= {d for d in _trigger_dates(H, {r.policy for r in rules if r.node in live}) if start < d <= end}
        days |= dated
    return sorted(days)


def _refinement_dates(G: nx.MultiDiGraph) -> set[dt.date]:
    return _constraint_dates(G, (c for g in party_index(G).groups.values() for c in g.refinements))


def _spans(days: list[dt.date]) -> list[tuple[dt.date | None, dt.date | None]]:
    """The periods the change dates cut time into: before the first, between each, after the last."""
    if not days:
        return [(None, None)]
    return ([(None, days[0] - _DAY)] + [(a, b - _DAY) for a, b in zip(days, days[1:])] + [(days[-1], None)])


def _other_day(start: dt.date | None, end: dt.date | None) -> dt.date | None:
    """The day checked against :func:`sample_day`: the last day of a bounded period, ten years
    away on an unbounded side (so a missed change date anywhere in between shows)."""
    if start is None and end is None:
        return dt.date(2040, 1, 1)
    if start is None:
        return end - 3652 * _DAY
    if end is None:
        return start + 3652 * _DAY
    return end if end != start else None


def _same_answer(a: Decision, b: Decision) -> bool:
    def key(d: Decision) -> tuple:
        return (d.decision, d.evidence, d.undetermined_by, len(d.caveats), d.missing, d.undetermined_order,
                getattr(d, "undetermined_by_sources", None), getattr(d, "known_until", None))
    return key(a) == key(b)


def periods(G: nx.MultiDiGraph, model: str, party: PartyAttributes = PartyAttributes(),
            channel: str | None = None, action: str = "odrl:use", days: list[dt.date] | None = None, *,
            place: str | None = None, recipient: str | None = None, strict: bool = False,
            known: Knowledge | None = None, check: bool = True) -> list[Period]:
    """The decision for ``party`` about ``model`` over all time, one :class:`Period` per span
    between consecutive :func:`change_dates` (``days``, when the caller asking about many parties
    has them already).

    ``place``, ``recipient`` and ``strict`` are :func:`~graph.policy.access.decide`'s. With
    ``known`` (a :class:`graph.policy.knowledge.Knowledge`), each decision is its
    :meth:`~graph.policy.knowledge.Knowledge.decide` (``regkg check --known-on``): a
    :class:`~graph.policy.knowledge.KnownDecision`, with the knowledge horizon and the sources.
    ``check=False`` skips the second decision of each period (and :attr:`Period.other`): for
    callers that read the decision's value only (a chart), at half the cost and without the guard.

    Raises
    ------
    RuntimeError
        When the first and last day of a period get different answers: a date ``decide`` reads
        that :func:`change_dates` does not know, i.e. this module is out of step with the engine.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Fable"); G.add_node("g", kind="group", label="Customers")
    >>> G.add_node("e", kind="event", label="suspension", status="occurred", date_text="mid-June",
    ...            earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred"); G.add_node("r", kind="prohibition", label="no")
    >>> for u, v, rel in (("p", "r", "odrl:prohibition"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> [(p.start and p.start.isoformat(), p.end and p.end.isoformat(), p.decision.decision)
    ...  for p in periods(G, "m", PartyAttributes(member_of=("g",)))]  # doctest: +NORMALIZE_WHITESPACE
    [(None, '2026-06-10', 'not_applicable'), ('2026-06-11', '2026-06-20', 'indeterminate'),
     ('2026-06-21', None, 'deny')]
    """
    options = {"place": place, "recipient": recipient, "strict": strict}

    def ask(day: dt.date) -> Decision:
        if known is not None:
            return known.decide(None, model, day, party, channel, action=action, **options)
        return decide(G, model, day, party, channel, action, **options)

    if days is None:
        days = change_dates(G, model, action, strict=strict, known=known)
    out = []
    for start, end in _spans(days):
        day = sample_day(start, end)
        first = ask(day)
        last_day, last = (_other_day(start, end) if check else None), None
        if last_day is not None:
            last = ask(last_day)
            if not _same_answer(first, last):
                raise RuntimeError(f"the decision about {model} changed between {day} and {last_day} "
                                   f"({first.decision} -> {last.decision}) with no change date between them")
        out.append(Period(start, end, first, last if last_day is not None else None))
    return out


def policy_periods(G: nx.MultiDiGraph, policy: str) -> list[PolicyPeriod]:
    """``policy``'s state (:func:`graph.policy.state.policy_state`) over all time, per span between
    consecutive :func:`policy_change_dates`.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> _ = G.add_edge("p", "e", relation="prov:wasGeneratedBy")
    >>> [(p.start and p.start.isoformat(), p.state) for p in policy_periods(G, "p")]
    [(None, 'not-in-force'), ('2026-06-11', 'uncertain'), ('2026-06-21', 'in-force')]
    """
    return [PolicyPeriod(start, end, policy_state(G, policy, sample_day(start, end)).state)
            for start, end in _spans(policy_change_dates(G, policy))]


def period_index(found: list[Period] | list[PolicyPeriod], day: dt.date) -> int:
    """The index of the period of ``found`` (from :func:`periods` or :func:`policy_periods`)
    that contains ``day``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("e", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> _ = G.add_edge("p", "e", relation="prov:wasGeneratedBy")
    >>> [period_index(policy_periods(G, "p"), dt.date(2026, 6, d)) for d in (10, 11, 20, 21)]
    [0, 1, 1, 2]
    """
    return bisect.bisect_right([p.start for p in found[1:]], day)
