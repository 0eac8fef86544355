"""A reference evaluator of the decision rule, written from the rules as issue 19 and the module
docstrings of ``graph/policy/state.py``, ``graph/policy/applies.py``, ``graph/policy/combine.py`` and
``graph/policy/access.py`` state them, as plainly (and slowly) as possible.

It does not share a line with the engine: it reads a small :class:`Scenario` (not the projection),
evaluates constraints and memberships itself, lists every order of the events (and of the moment
asked about) that the time rule allows, decides in each (the combining rule), and fills in every
fact the question leaves open, one complete filling at a time (the engine never does: it works
the conditions out symbolically). ``tests/test_decide_property.py`` asks it and ``decide`` the
same questions about thousands of random scenarios, conditions included.

What the scenarios hold (and the rules the reference applies to them):

* organisations: ``gov`` (jurisdiction ``US``), its ``ministry`` (part of ``gov``, jurisdiction
  ``US``), ``state`` (jurisdiction ``US-TX``), ``lab`` and ``anon`` (no jurisdiction, ``anon`` of
  no known rank);
* places nest: ``US-TX`` is in ``US``; ``IT`` is elsewhere;
* audiences: everyone; ``u1``, ``u2`` (unnamed members); ``listed`` (members: ``acme``);
  ``partial`` (members: ``acme``, at least 3: others unnamed); ``cn-nationals`` (a refinement on
  nationality); ``tx-staff`` and ``cz-staff`` (employees of Texas's, of the Czech government's
  agencies: a refinement on the employer);
* rules may be on ``use`` or ``distribute``; constraints on nationality, place and device;
* a policy may comply with an act (an event) of another agent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

OCCURRING = {"occurred", "reported", "announced"}
NOW = "NOW"
OTHER = "other"

#: Each organisation's parent and jurisdiction (None: none).
PARENT = {"ministry": "gov"}
JURISDICTION = {"gov": "US", "ministry": "US", "state": "US-TX"}
#: Place atoms: what each stands for, as the places it is in.
PLACE_UP = {"US": {"US"}, "US-TX": {"US-TX", "US"}, "IT": {"IT"}, OTHER: {OTHER}}
#: Employer atoms: what the employer is part of. One organisation is in one of the unrelated groups
#: at most: a Texas agency, a Czech one, a member of an audience with unnamed or listed members, or
#: none of them (``other``; ``none``: no employer at all).
EMPLOYERS = {"tx-agency": {"tx-agencies"}, "cz-agency": {"cz-agencies"}, "in:u1": {"u1"}, "in:u2": {"u2"},
             "in:partial": {"partial"}, "acme": {"acme", "listed", "partial"}, OTHER: set(), "none": set()}


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
    complies_with: tuple[str, ...] = ()  # events whose actor's permission lifts this policy's bans


@dataclasses.dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # permission / prohibition
    policy: str
    assignee: str
    constraint: tuple | None  # ("nationality"|"place"|"device", op, values) or ("or"|"and"|"xone", [c, c])
    action: str = "use"  # or "distribute"


@dataclasses.dataclass(frozen=True)
class Group:
    name: str
    universal: bool = False
    refinement: tuple | None = None  # a constraint, as on rules; ("employer", "isPartOf", (agencies,))
    members: tuple[str, ...] = ()  # parties the source lists
    min_members: int | None = None


@dataclasses.dataclass(frozen=True)
class Question:
    party: str | None
    member_of: tuple[str, ...]
    nationality: str | None
    place: str | None  # None (open), or a place atom, or "US" meaning somewhere in the US
    not_member_of: tuple[str, ...] = ()
    employer: str | None = None  # None: open; "none"; an employer atom
    device: str | None = None
    action: str = "use"


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
    if left == "employer":  # the employer is part of the agencies group named
        return values[0] in facts["employer_in"]
    v = facts.get(left)
    if v is None:
        return False
    if left == "place":  # places nest: the use in US-TX is in US
        ups = PLACE_UP[v]
        return {"eq": len(set(values)) == 1 and values[0] in ups, "neq": not (ups & set(values)),
                "isAnyOf": bool(ups & set(values)), "isNoneOf": not (ups & set(values))}[operator]
    return {"eq": v == values[0] and len(set(values)) == 1, "neq": v not in values,
            "isAnyOf": v in values, "isNoneOf": v not in values}[operator]


def open_membership(g: Group) -> bool:
    """Members the source does not name (all, or some: a partial list)."""
    if g.universal or g.refinement is not None:
        return False
    return not g.members or (g.min_members is not None and g.min_members > len(g.members))


def member(group: Group | None, name: str, facts: dict) -> bool:
    q = facts["question"]
    if group is None:  # a party, not a group: it, or its employee
        return q.party == name or name in facts["employer_in"]
    if name in q.not_member_of:
        return False
    if group.universal or name in q.member_of or name in facts["assumed"] or name in facts["employer_in"]:
        return True  # an employee is covered by what is given to a group its employer is in
    if q.party is not None and q.party in group.members:
        return True
    return group.refinement is not None and not group.members and holds(group.refinement, facts)


def reads(c: tuple | None) -> set[tuple[str, str]]:
    if c is None:
        return set()
    if c[0] in ("or", "and", "xone"):
        return set().union(*(reads(x) for x in c[1]))
    return {(c[0], v) for v in c[2]}


# --------------------------------------------------------------------------- who lifts whom, where a rule binds

def ancestors(agent: str | None) -> set[str]:
    found = set()
    while agent is not None and agent not in found:
        found.add(agent)
        agent = PARENT.get(agent)
    return found


def lifts(s: Scenario, p: Rule, q: Rule) -> bool:
    """A permission lifts a prohibition of its own assigner, of a body below it, or one made to
    comply with its assigner's act."""
    policies = {x.name: x for x in s.policies}
    events = {e.name: e for e in s.events}
    pa, qa = policies[p.policy].assigner, policies[q.policy].assigner
    answers = ancestors(qa)
    for act in policies[q.policy].complies_with:
        answers |= ancestors(events[act].actor)
    return p.kind == "permission" and q.kind == "prohibition" and pa in answers


def in_territory(s: Scenario, r: Rule, place: str | None) -> bool:
    """A rule with no place of its own binds in its assigner's jurisdiction, unless it is on staff."""
    if any(k == "place" for k, _ in reads(r.constraint)):
        return True
    groups = {g.name: g for g in s.groups}
    g = groups.get(r.assignee)
    if g is not None and g.refinement is not None and g.refinement[0] == "employer":
        return True
    where = JURISDICTION.get({x.name: x for x in s.policies}[r.policy].assigner)
    if where is None:
        return True
    return place is not None and where in PLACE_UP[place]


# --------------------------------------------------------------------------- worlds (state rules 2-5)

def outranked(s: Scenario, actor: str, assigner: str) -> bool:
    a, b = s.ranks.get(actor), s.ranks.get(assigner)
    return a is not None and b is not None and a < b


def effective_ends(s: Scenario, p: Policy) -> tuple[str, ...]:
    """State rule 1: an event of a known lower rank does not end a policy that prohibits."""
    prohibits = any(r.policy == p.name and r.kind == "prohibition" for r in s.rules)
    events = {e.name: e for e in s.events}
    return tuple(e for e in p.ends if not (prohibits and outranked(s, events[e].actor, p.assigner)))


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


# --------------------------------------------------------------------------- combining, in one world

def decision(s: Scenario, rules: list[Rule], world: tuple[str, ...], start: dict) -> str:
    pos = {x: i for i, x in enumerate(world)}
    live = [(r, start[r.policy]) for r in rules if start[r.policy] is not None]
    perms = [(r, t) for r, t in live if r.kind == "permission"]
    for q, tq in live:
        if q.kind == "prohibition" and not any(lifts(s, p, q) and (tp == tq or pos[tp] > pos[tq]) for p, tp in perms):
            return "deny"
    return "permit" if perms else "not_applicable"


@dataclasses.dataclass
class Verdict:
    value: str
    deciding: set[str]
    rows: list = dataclasses.field(default_factory=list)  # (filling, value) for every filling tried


def timed(s: Scenario, rules: list[Rule], all_worlds, starts) -> tuple[set[str], set[str]]:
    """Access rule 7: the decisions of every world, and the events an indeterminate answer may depend on."""
    values = {decision(s, rules, w, st) for w, st in zip(all_worlds, starts)}
    if len(values) < 2:
        return values, set()
    policies = {r.policy for r in rules}
    occurring = {e.name for e in s.events if e.status in OCCURRING}
    live = [p for p in s.policies if p.name in policies and p.status in OCCURRING
            and any(g in occurring for g in p.gens)]
    triggers = {t for p in live for t in (*p.gens, *effective_ends(s, p)) if t in occurring}
    found = {t for t in triggers if any(w.index(t) < w.index(NOW) for w in all_worlds)
             and any(w.index(t) > w.index(NOW) for w in all_worlds)}
    by_policy = {p.name: p for p in live}
    for p, q in itertools.product(rules, rules):
        if p.policy not in by_policy or q.policy not in by_policy or not lifts(s, p, q):
            continue
        for a in by_policy[p.policy].gens:
            for b in by_policy[q.policy].gens:
                if a == b or a not in occurring or b not in occurring:
                    continue
                either_way = len({w.index(a) < w.index(b) for w in all_worlds}) == 2
                may_have_happened = all(any(w.index(x) < w.index(NOW) for w in all_worlds) for x in (a, b))
                if either_way and may_have_happened:
                    found |= {a, b}
    return values, found


# --------------------------------------------------------------------------- open facts, filled in

def covers(rule: Rule, action: str) -> bool:
    """Rule 1: a prohibition of use answers distribute; a permission to use does not."""
    if rule.action == action:
        return True
    return rule.kind == "prohibition" and rule.action == "use" and action == "distribute"


def decide(s: Scenario) -> Verdict:
    """The decision by brute force over every filling of the open facts; raises :class:`Invalid` as
    decide raises InputError. ``rows`` holds each filling with its answer (for the conditions)."""
    all_worlds = worlds(s)
    starts = [states(s, w) for w in all_worlds]
    groups = {g.name: g for g in s.groups}
    q = s.question
    rules = [r for r in s.rules if covers(r, q.action)]
    read = set().union(*(reads(r.constraint) for r in rules),
                       *(reads(groups[r.assignee].refinement) for r in rules if r.assignee in groups))
    nationalities = sorted({v for k, v in read if k == "nationality"}) + [OTHER]
    staff = any(k == "employer" for k, _ in read) or any(
        r.assignee == "acme" or (r.assignee in groups and not groups[r.assignee].universal
                                 and groups[r.assignee].refinement is None) for r in rules)
    territorial = any(JURISDICTION.get({p.name: p for p in s.policies}[r.policy].assigner) for r in rules)
    places_read = any(k == "place" for k, _ in read) or territorial

    def open_group(g: str) -> bool:
        return (g in groups and open_membership(groups[g]) and g not in q.member_of and g not in q.not_member_of
                and not (q.party is not None and q.party in groups[g].members))

    bits = sorted({r.assignee for r in rules if open_group(r.assignee)})
    nat_choices = nationalities if q.nationality is None and any(k == "nationality" for k, _ in read) \
        else [q.nationality]
    if q.place is None:
        place_choices = ["US", "US-TX", "IT", OTHER] if places_read else [None]
    elif q.place == "US":
        place_choices = ["US", "US-TX"]
    else:
        place_choices = [q.place]
    # An organisation in the graph asking for itself (acme) has no employer; a person's is open.
    employer = "none" if q.employer is None and q.party == "acme" else q.employer
    # --not-member-of closes a group for the party and its employer: an employer in it is not possible.
    employer_choices = [e for e in EMPLOYERS if e != "none" and not EMPLOYERS[e] & set(q.not_member_of)] \
        if employer is None and staff else [employer]
    device_choices = ["work", "personal"] if q.device is None and any(k == "device" for k, _ in read) \
        else [q.device]
    verdicts = []
    cache: dict[frozenset, tuple] = {}
    for nat, place, employer, device in itertools.product(nat_choices, place_choices, employer_choices,
                                                          device_choices):
        for values in itertools.product([False, True], repeat=len(bits)):
            assumed = frozenset(g for g, v in zip(bits, values) if v)
            facts = {"nationality": nat, "place": place, "device": device, "question": q, "assumed": assumed,
                     "employer_in": EMPLOYERS.get(employer, set()) if employer is not None else set()}
            applicable = [r for r in rules if member(groups.get(r.assignee), r.assignee, facts)
                          and holds(r.constraint, facts) and in_territory(s, r, place)]
            key = frozenset(r.name for r in applicable)
            if key not in cache:
                cache[key] = timed(s, applicable, all_worlds, starts)
            found, deciding = set(cache[key][0]), cache[key][1]
            value = found.pop() if len(found) == 1 else "indeterminate"
            filling = {"nationality": nat, "place": place, "employer": employer, "device": device,
                       **{"member:" + g: v for g, v in zip(bits, values)}}
            verdicts.append((filling, value, deciding))
    values = {v for _, v, _ in verdicts}
    value = values.pop() if len(values) == 1 else "indeterminate"
    deciding = set().union(*(d for _, v, d in verdicts if v == "indeterminate"))
    return Verdict(value, deciding, [(f, v) for f, v, _ in verdicts])
