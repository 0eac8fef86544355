"""A reference evaluator of the decision rule, written from the module docstrings of
``graph/policy/state.py`` and ``graph/policy/access.py`` alone, as plainly (and slowly) as possible.

It does not share a line with the engine: it reads a small :class:`Scenario` (not the projection),
evaluates constraints and memberships itself, lists every order of the events (and of the moment
asked about) that the time rule allows, decides in each (the combining rule), and then applies the
rules on missing facts and on deciding events. ``tests/test_decide_property.py`` asks it and
``decide`` the same questions about thousands of random scenarios.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

OCCURRING = {"occurred", "reported", "announced"}
NOW = "NOW"
OTHER = "other"


@dataclasses.dataclass(frozen=True)
class Event:
    name: str
    status: str
    earliest: dt.date | None
    latest: dt.date | None
    actor: str


@dataclasses.dataclass(frozen=True)
class Policy:
    name: str
    assigner: str
    status: str
    gens: tuple[str, ...]
    ends: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # permission / prohibition
    policy: str
    assignee: str
    constraint: tuple | None  # ("nationality"|"place", op, values) or ("or"|"and"|"xone", [c, c])


@dataclasses.dataclass(frozen=True)
class Group:
    name: str
    universal: bool = False
    refinement: tuple | None = None  # a constraint, as on rules
    members: tuple[str, ...] = ()  # parties the source lists


@dataclasses.dataclass(frozen=True)
class Question:
    party: str | None
    member_of: tuple[str, ...]
    nationality: str | None
    place: str | None


@dataclasses.dataclass
class Scenario:
    on: dt.date
    ranks: dict[str, int | None]
    events: list[Event]
    after: list[tuple[str, str]]  # (later, earlier)
    policies: list[Policy]
    rules: list[Rule]
    groups: list[Group]
    question: Question


class Invalid(Exception):
    """The data admits no world, or leaves a policy's enactments in an unknown order: an input error."""


# --------------------------------------------------------------------------- constraints, membership

def holds(c: tuple | None, facts: dict) -> bool:
    if c is None:
        return True
    op = c[0]
    if op in ("or", "and", "xone"):
        states = [holds(x, facts) for x in c[1]]
        return {"or": any(states), "and": all(states), "xone": sum(states) == 1}[op] and bool(states)
    left, operator, values = c
    v = facts.get(left)
    if v is None:
        return False
    return {"eq": v == values[0] and len(set(values)) == 1, "neq": v not in values,
            "isAnyOf": v in values, "isNoneOf": v not in values}[operator]


def member(group: Group | None, name: str, facts: dict) -> bool:
    q = facts["question"]
    if group is None:  # a party, not a group
        return q.party == name
    if group.universal or name in q.member_of or name in facts["assumed"]:
        return True
    if q.party is not None and q.party in group.members:
        return True
    return group.refinement is not None and not group.members and holds(group.refinement, facts)


def unnamed(g: Group) -> bool:
    return not g.universal and g.refinement is None and not g.members


def reads(c: tuple | None) -> set[tuple[str, str]]:
    if c is None:
        return set()
    if c[0] in ("or", "and", "xone"):
        return set().union(*(reads(x) for x in c[1]))
    return {(c[0], v) for v in c[2]}


# --------------------------------------------------------------------------- worlds (state rules 2-5)

def can_lift(lifter: str, lifted: str, ranks: dict) -> bool:
    if lifter == lifted:
        return True
    a, b = ranks.get(lifter), ranks.get(lifted)
    return a is not None and b is not None and a >= b


def effective_ends(s: Scenario, p: Policy) -> tuple[str, ...]:
    """State rule 1: an event of a known lower rank does not end a policy that prohibits."""
    prohibits = any(r.policy == p.name and r.kind == "prohibition" for r in s.rules)
    events = {e.name: e for e in s.events}
    out = []
    for e in p.ends:
        a, b = s.ranks.get(events[e].actor), s.ranks.get(p.assigner)
        if prohibits and a is not None and b is not None and a < b:
            continue
        out.append(e)
    return tuple(out)


def worlds(s: Scenario) -> list[tuple[str, ...]]:
    """Every order of the occurring events and NOW that state rule 4 allows."""
    events = {e.name: e for e in s.events if e.status in OCCURRING}
    window = {n: (e.earliest, e.latest) for n, e in events.items()}
    window[NOW] = (s.on, s.on)
    ends = {p.name: effective_ends(s, p) for p in s.policies}
    found = []
    for perm in itertools.permutations([*events, NOW]):
        pos = {x: i for i, x in enumerate(perm)}
        if any(window[a][0] is not None and window[b][1] is not None and window[a][0] > window[b][1]
               for i, a in enumerate(perm) for b in perm[i + 1:]):
            continue
        if any(later in pos and earlier in pos and pos[earlier] > pos[later] for later, earlier in s.after):
            continue
        ok = True
        for p in s.policies:
            gens = [g for g in p.gens if g in pos]
            for e in ends[p.name]:
                if e in pos and gens and e not in gens and not any(pos[g] < pos[e] for g in gens):
                    ok = False
        if ok:
            found.append(perm)
    if not found:
        raise Invalid("no order of the events fits their dates and recorded order")
    for p in s.policies:  # state rule 4: enactments, and each with each ending, in a known order
        gens = [g for g in p.gens if g in events]
        pairs = list(itertools.combinations(gens, 2)) + [(g, e) for g in gens for e in ends[p.name] if e in events]
        for a, b in pairs:
            if a != b and len({w.index(a) < w.index(b) for w in found}) > 1:
                raise Invalid(f"unknown order of {a} and {b} in {p.name}")
    return found


def states(s: Scenario, world: tuple[str, ...]) -> dict[str, str | None]:
    """State rule 5 in one world: each policy's current start (an event), or None when not in force."""
    pos = {x: i for i, x in enumerate(world)}
    out = {}
    for p in s.policies:
        if p.status not in OCCURRING:
            out[p.name] = None
            continue
        done = [(pos[t], t, t in p.gens) for t in (*p.gens, *effective_ends(s, p)) if t in pos and pos[t] < pos[NOW]]
        if not done:
            out[p.name] = None
            continue
        _, last, enacts = max(done)
        out[p.name] = last if enacts else None
    return out


# --------------------------------------------------------------------------- access rules 4-7

def decision(s: Scenario, rules: list[Rule], world: tuple[str, ...], start: dict) -> str:
    pos = {x: i for i, x in enumerate(world)}
    assigner = {p.name: p.assigner for p in s.policies}
    live = [(r, start[r.policy]) for r in rules if start[r.policy] is not None]
    perms = [(r, t) for r, t in live if r.kind == "permission"]
    for q, tq in live:
        if q.kind == "prohibition" and not any(
                can_lift(assigner[p.policy], assigner[q.policy], s.ranks) and pos[tp] > pos[tq] for p, tp in perms):
            return "deny"
    return "permit" if perms else "not_applicable"


@dataclasses.dataclass
class Verdict:
    value: str
    deciding: set[str]


def timed(s: Scenario, rules: list[Rule], all_worlds, starts) -> Verdict:
    """Access rule 7: the decisions of every world, and the events an indeterminate answer may depend on."""
    per_world = [decision(s, rules, w, st) for w, st in zip(all_worlds, starts)]
    values = set(per_world)
    value = values.pop() if len(values) == 1 else "indeterminate"
    if value != "indeterminate":
        return Verdict(value, set())
    policies = {r.policy for r in rules}
    live = [p for p in s.policies if p.name in policies and p.status in OCCURRING]
    occurring = {e.name for e in s.events if e.status in OCCURRING}
    triggers = {t for p in live for t in (*p.gens, *effective_ends(s, p)) if t in occurring}
    live = [p for p in live if any(g in occurring for g in p.gens)]
    triggers = {t for p in live for t in (*p.gens, *effective_ends(s, p)) if t in occurring}

    found = {t for t in triggers if any(w.index(t) < w.index(NOW) for w in all_worlds)
             and any(w.index(t) > w.index(NOW) for w in all_worlds)}
    assigner = {p.name: p.assigner for p in s.policies}
    by_policy = {p.name: p for p in live}
    for p, q in itertools.product(rules, rules):
        if p.kind != "permission" or q.kind != "prohibition" or p.policy not in by_policy or q.policy not in by_policy:
            continue
        if not can_lift(assigner[p.policy], assigner[q.policy], s.ranks):
            continue
        for a in by_policy[p.policy].gens:
            for b in by_policy[q.policy].gens:
                if a == b or a not in occurring or b not in occurring:
                    continue
                either_way = len({w.index(a) < w.index(b) for w in all_worlds}) == 2
                may_have_happened = all(any(w.index(x) < w.index(NOW) for w in all_worlds) for x in (a, b))
                if either_way and may_have_happened:
                    found |= {a, b}
    return Verdict(value, found)


# --------------------------------------------------------------------------- access rule 3

def decide(s: Scenario) -> Verdict:
    """The decision and its deciding events, by brute force; raises :class:`Invalid` as decide raises InputError."""
    all_worlds = worlds(s)
    starts = [states(s, w) for w in all_worlds]
    groups = {g.name: g for g in s.groups}
    q = s.question
    read = set().union(*(reads(r.constraint) for r in s.rules),
                       *(reads(groups[r.assignee].refinement) for r in s.rules if r.assignee in groups))
    open_nationality = q.nationality is None and any(k == "nationality" for k, _ in read)
    open_place = q.place is None and any(k == "place" for k, _ in read)
    open_groups = sorted({r.assignee for r in s.rules if r.assignee in groups and unnamed(groups[r.assignee])
                          and r.assignee not in q.member_of})
    nationalities = sorted({v for k, v in read if k == "nationality"}) + [OTHER]
    places = sorted({v for k, v in read if k == "place"}) + [OTHER]

    def applicable(nationality, place, assumed) -> list[Rule]:
        facts = {"nationality": nationality, "place": place, "question": q, "assumed": assumed}
        return [r for r in s.rules if member(groups.get(r.assignee), r.assignee, facts) and holds(r.constraint, facts)]

    cache: dict[tuple, Verdict] = {}

    def verdict(rules: list[Rule]) -> Verdict:
        key = tuple(r.name for r in rules)
        if key not in cache:
            cache[key] = timed(s, rules, all_worlds, starts)
        return cache[key]

    first = verdict(applicable(q.nationality, q.place, frozenset()))
    changing = []
    for nat in (nationalities if open_nationality else [q.nationality]):
        for place in (places if open_place else [q.place]):
            for bits in itertools.product([False, True], repeat=len(open_groups)):
                v = verdict(applicable(nat, place, frozenset(g for g, b in zip(open_groups, bits) if b)))
                if v.value != first.value:
                    changing.append(v)
    if first.value == "permit" and changing:
        return Verdict("indeterminate", first.deciding.union(*(v.deciding for v in changing)))
    return first
