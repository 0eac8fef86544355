"""Which decisions the possible orders of events allow: the time half of :func:`graph.policy.access.decide`.

A *world* is one order of the events that can have happened (:mod:`graph.policy.state`, rule 4)
with the moment asked about placed among them. In a world every policy is in force or not, with
the start of its current enactment (state rule 5), and the combining rule of
:mod:`graph.policy.access` gives one decision. :func:`analyse` finds every decision some world
gives, without listing the worlds (there are factorially many):

* Only the events that enact or end the rules asked about matter (the *triggers*); what every
  other event implies about their order is already in :meth:`graph.policy.state.StateIndex.before`.
  A trigger has happened in every world, in none, or is *free* (uncertain on the date).
* Free triggers tied together (the same policy, or a recorded order between them) form a
  *component*; components are independent. Within one, each set of its triggers that may have
  happened (closed under the order) is an *option*; a policy's state follows from the option
  (its enacting and ending events are in a known order, state rule 4).
* Deny is possible when some prohibition can be in force while no permission that could lift
  it started strictly later: place its start as late as the order allows, and ask every other
  component for an option where no such permission started after it.
* A world without deny is possible when some choice of options lets every prohibition in force
  be overridden: build the order from the last event backwards, putting every start that
  starts only permissions (or prohibitions already overridden) as late as possible; if that
  gets stuck, every order of that choice leaves a prohibition standing. Only choices that no
  other choice beats (fewer prohibitions, more permissions) are tried.

So the work grows with the number of triggers tied together in one component, not with the
number of uncertain events: thirty independent uncertain events cost thirty small steps.
:func:`deciding` then names what an indeterminate answer may depend on, without asking the worlds
again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from typing import Iterable

from graph.policy.authority import Authority
from graph.policy.combine import lifts, overrides
from graph.policy.state import HAPPENED, IN_FORCE, NOT_YET, OCCURRING, StateIndex, Trigger, downsets, last_trigger

__all__ = ["Ruled", "Analysis", "Order", "analyse", "deciding", "NOW"]

PERMIT, DENY, NOT_APPLICABLE = "permit", "deny", "not_applicable"
NOW = "\x00now"  # the moment asked about, placed among the events


@dataclasses.dataclass(frozen=True)
class Ruled:
    """A rule that applies to the party: its node, kind, policy, the authority behind it, and the
    agents whose permission can lift it (:func:`graph.policy.combine.lifts`)."""

    node: str
    kind: str  # permission or prohibition
    policy: str
    authority: Authority
    answers_to: frozenset = frozenset()

    @property
    def assigner(self) -> str | None:
        return self.authority.agent


@dataclasses.dataclass
class Analysis:
    """What the worlds allow: the decisions, and for each rule what it can be in some world."""

    decisions: set[str]
    starts: dict[str, set[Trigger]] = dataclasses.field(default_factory=dict)  # rule -> starts when in force
    ended: dict[str, set[Trigger]] = dataclasses.field(default_factory=dict)   # rule -> what ended it
    standing: set[str] = dataclasses.field(default_factory=set)                # prohibitions that can stand
    order: "Order | None" = None  # the known order the worlds were built on


class Order:
    """The known order of the triggers and the moment asked about, closed transitively."""

    def __init__(self, index: StateIndex, triggers: dict[str, Trigger], on: dt.date):
        self.after: dict[str, set[str]] = {NOW: set()}
        nodes = list(triggers)
        bounds = {n: (index.windows.get(n) or triggers[n].window) for n in nodes}
        for a in nodes:
            late = bounds[a].latest
            self.after[a] = {b for b in nodes if a != b and (
                (late is not None and bounds[b].earliest is not None and late < bounds[b].earliest)
                or (a, b) in index._stated or index.reaches(a, b))}
            state = triggers[a].state_on(on)
            if state == HAPPENED:
                self.after[a].add(NOW)
            elif state == NOT_YET:
                self.after[NOW].add(a)
        if any(a in triggers for a, _ in index._stated):
            self.close()  # otherwise already transitive: narrowed windows carry the recorded order

    def close(self) -> None:
        for k in list(self.after):
            for i in self.after:
                if k in self.after[i]:
                    self.after[i] |= self.after[k]

    def copy(self) -> "Order":
        other = object.__new__(Order)
        other.after = {k: set(v) for k, v in self.after.items()}
        return other

    def add(self, a: str, b: str) -> bool:
        """Record ``a`` before ``b``; False when that contradicts what is known."""
        if a == b or a in self.after[b]:
            return False
        later = self.after[b] | {b}
        for x, succ in self.after.items():
            if x == a or a in succ:
                succ |= later
        return True

    def before(self, a: str, b: str) -> bool:
        return b in self.after.get(a, ())


@dataclasses.dataclass
class _Option:
    """One option of a component: each policy's state and the trigger that decided it."""

    state: dict[str, tuple[str, Trigger | None]]
    live: list | None = None  # the rules in force with their starts, once asked (:func:`_in_force`)


def analyse(index: StateIndex, rules: list[Ruled], on: dt.date, extra: Iterable[tuple[str, str]] = (),
            base: Order | None = None) -> Analysis:
    """Every decision some world gives for ``rules`` on ``on`` (see the module docstring).

    ``extra`` adds orders to what is known, ``(a, NOW)`` meaning "``a`` had happened": what
    :func:`deciding` asks. An impossible ``extra`` gives no decision at all.
    """
    policies = _policies(index, rules)
    triggers = {t.node: t for p in policies for t in (*index.starts[p], *index.ends[p]) if t.occurring}
    order = base.copy() if base is not None else Order(index, triggers, on)
    for a, b in extra:
        if not order.add(a, b):
            return Analysis(set())
    options = _options(index, policies, triggers, order)
    by_policy: dict[str, list[Ruled]] = {}
    for r in rules:
        if r.policy in policies:
            by_policy.setdefault(r.policy, []).append(r)
    result = Analysis(set(), order=order)
    _evidence(result, options, by_policy)
    if _deny_possible(result, options, by_policy, order):
        result.decisions.add(DENY)
    if _not_deny_possible(options, by_policy, order, need_permit=True):
        result.decisions.add(PERMIT)
    if all(any(all(s != IN_FORCE or p not in by_policy for p, (s, _) in o.state.items()) for o in opts)
           for opts in options):
        result.decisions.add(NOT_APPLICABLE)
    return result


def _policies(index: StateIndex, rules: list[Ruled]) -> list[str]:
    """The policies of ``rules`` that can be in force: occurring, with an occurring enactment."""
    found = dict.fromkeys(r.policy for r in rules)
    return [p for p in found if index.status.get(p) in OCCURRING and any(t.occurring for t in index.starts.get(p, ()))]


def _options(index, policies, triggers, order: Order) -> list[list[_Option]]:
    """The components of free triggers, each as the list of its options (module docstring)."""
    free = [t for t in triggers if not order.before(t, NOW) and not order.before(NOW, t)]
    group = {p: p for p in policies}

    def find(p):
        while group[p] != p:
            group[p] = group[group[p]]
            p = group[p]
        return p

    owners: dict[str, list[str]] = {}
    for p in policies:
        for t in (*index.starts[p], *index.ends[p]):
            if t.node in triggers:
                owners.setdefault(t.node, []).append(p)
    for t, ps in owners.items():
        for p in ps[1:]:
            group[find(p)] = find(ps[0])
    for a, b in itertools.permutations(free, 2):
        if order.before(a, b):
            group[find(owners[a][0])] = find(owners[b][0])
    components: dict[str, list[str]] = {}
    for p in policies:
        components.setdefault(find(p), []).append(p)
    happened = {t for t in triggers if order.before(t, NOW)}
    out = []
    for members in components.values():
        mine = sorted({t.node for p in members for t in (*index.starts[p], *index.ends[p]) if t.node in free})
        opts = []
        for chosen in downsets(mine, order.before):
            done = happened | chosen
            opts.append(_Option({p: last_trigger(order.before, index.starts[p], index.ends[p], done)
                                 for p in members}))
        out.append(opts)
    return out


def _in_force(option: _Option, by_policy: dict[str, list[Ruled]]) -> list[tuple[Ruled, Trigger]]:
    if option.live is None:
        option.live = [(r, t) for p, (s, t) in option.state.items() if s == IN_FORCE for r in by_policy.get(p, ())]
    return option.live


def _evidence(result: Analysis, options, by_policy) -> None:
    for opts in options:
        for o in opts:
            for p, (s, t) in o.state.items():
                for r in by_policy.get(p, ()):
                    if s == IN_FORCE:
                        result.starts.setdefault(r.node, set()).add(t)
                    elif t is not None:
                        result.ended.setdefault(r.node, set()).add(t)


def _later_lifter(rules: list[tuple[Ruled, Trigger]], q: Ruled, start: str, order: Order) -> bool:
    """Whether some permission of ``rules`` surely overrides ``q`` started at ``start``
    (:func:`graph.policy.combine.overrides`: it can lift it, and started later or in the same act)."""
    return any(overrides(p, t.node, q, start, order.before) for p, t in rules)


def _deny_possible(result: Analysis, options, by_policy, order: Order) -> bool:
    possible = False
    for k, opts in enumerate(options):
        for o in opts:
            here = _in_force(o, by_policy)
            for q, start in here:
                if q.kind != "prohibition" or q.node in result.standing or _later_lifter(here, q, start.node, order):
                    continue
                if all(any(not _later_lifter(_in_force(other, by_policy), q, start.node, order) for other in rest)
                       for j, rest in enumerate(options) if j != k):
                    result.standing.add(q.node)
                    possible = True
    return possible


def _dominates(a: list[tuple[Ruled, Trigger]], b: list[tuple[Ruled, Trigger]], order: Order) -> bool:
    """Whether option ``a`` is at least as good as ``b`` for avoiding deny: each of its prohibitions is
    in ``b`` and started no later there, each of ``b``'s permissions is in ``a``, started no earlier."""
    qa = {r.node: t.node for r, t in a if r.kind == "prohibition"}
    qb = {r.node: t.node for r, t in b if r.kind == "prohibition"}
    pa = {r.node: t.node for r, t in a if r.kind == "permission"}
    pb = {r.node: t.node for r, t in b if r.kind == "permission"}
    return (all(q in qb and (qa[q] == qb[q] or order.before(qa[q], qb[q])) for q in qa)
            and all(p in pa and (pa[p] == pb[p] or order.before(pb[p], pa[p])) for p in pb))


def _front(opts: list[_Option], by_policy, order: Order) -> list[list[tuple[Ruled, Trigger]]]:
    """The options no other option beats (:func:`_dominates`), as their rules in force."""
    found = [_in_force(o, by_policy) for o in opts]
    unique = []
    for f in found:
        if f not in unique:
            unique.append(f)
    return [f for i, f in enumerate(unique)
            if not any(j != i and _dominates(g, f, order) and not _dominates(f, g, order) for j, g in enumerate(unique))]


def _not_deny_possible(options, by_policy, order: Order, need_permit: bool) -> bool:
    fronts = [_front(opts, by_policy, order) for opts in options]
    for choice in itertools.product(*fronts):
        in_force = [x for part in choice for x in part]
        if need_permit and not any(r.kind == "permission" for r, _ in in_force):
            continue
        if _overridable(in_force, order):
            return True
    return False


def _overridable(in_force: list[tuple[Ruled, Trigger]], order: Order) -> bool:
    """Whether some order of the starts leaves every prohibition in force overridden (built from the
    last start backwards; see the module docstring)."""
    at: dict[str, list[Ruled]] = {}
    for r, t in in_force:
        at.setdefault(t.node, []).append(r)
    remaining, placed = set(at), []
    while remaining:
        progress = False
        for x in sorted(remaining):
            if any(order.before(x, y) for y in remaining if y != x):
                continue  # something still to place comes after it
            here = [p for p in at[x] if p.kind == "permission"]  # the same act: lex specialis
            if all(any(lifts(p, q) for p in (*placed, *here))
                   for q in at[x] if q.kind == "prohibition"):
                remaining.discard(x)
                placed.extend(p for p in at[x] if p.kind == "permission")
                progress = True
        if not progress:
            return False
    return True


def deciding(index: StateIndex, rules: list[Ruled], on: dt.date,
             analysis: Analysis | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """What an indeterminate answer may depend on: (uncertain triggers, pairs of starts of unknown order).

    Every trigger of the rules' policies that is uncertain on ``on`` (it may or may not have
    happened), and both events of each pair (the enactment of a permission, the enactment of a
    prohibition it could lift) whose order is unknown and that may both have happened. Nothing when
    every world gives the same decision.
    """
    policies = _policies(index, rules)
    triggers = {t.node: t for p in policies for t in (*index.starts[p], *index.ends[p]) if t.occurring}
    analysis = analysis or analyse(index, rules, on)
    if len(analysis.decisions) < 2:
        return [], []
    base = analysis.order
    free = sorted(t for t in triggers if not base.before(t, NOW) and not base.before(NOW, t))
    pairs = list(_start_pairs(index, rules, policies, base))
    found = free + [x for pair in pairs for x in pair if x not in free]
    return list(dict.fromkeys(found)), pairs


def _start_pairs(index: StateIndex, rules: list[Ruled], policies: list[str], order: Order):
    """(enactment of a permission, enactment of a prohibition it could lift), of unknown order."""
    seen = set()
    for p, q in itertools.product(rules, rules):
        if not lifts(p, q):
            continue
        if p.policy not in policies or q.policy not in policies:
            continue
        for a in index.starts[p.policy]:
            for b in index.starts[q.policy]:
                key = (a.node, b.node)
                if (not a.occurring or not b.occurring or a.node == b.node or key in seen
                        or order.before(a.node, b.node) or order.before(b.node, a.node)
                        or order.before(NOW, a.node) or order.before(NOW, b.node)):
                    continue
                seen.add(key)
                yield key
