"""Party matching: is the party asking a member of the audience a rule is given to?

A party is described by attributes (:class:`PartyAttributes`), not only by a name, because the
audiences of the source are mostly unnamed ("100 or more US institutions") or defined by
refinements ("foreign-national employees of approved institutions"). The party need not be in the
graph at all: a party given only by name ("Acme Corp") is described by the other attributes.

Membership rule
---------------
Membership is the rule of the shared engine (:mod:`graph.policy.constraints`, rule 4), read on
the projection by :class:`ProjectionWorld`. What the party is known to be (its *closure*) is:
the party itself, its employer, the groups given with ``member_of``, and everything these are
(transitively) part of (``odrl:partOf``, ``rkg:refines``, and, unless only stated facts are
wanted, ``rkg:inferredPartOf``, a curator's inference). So

* a universal audience (``universal: true``, such as ``everyone``) has every party;
* an audience in the closure has the party: **an employee is covered by every permission or
  prohibition given to their employer or to a group the employer is in**. The employer may be a
  group, meaning "some member of that group": ``employer=approved-us-institutions`` describes a
  person employed by an (unnamed) approved institution. A person with no employer given is
  taken to be employed by their recorded affiliation (``org:memberOf``);
* an audience defined by refinements (and the audience it refines) has the parties that satisfy
  every refinement (e.g. employer part of the approved institutions AND nationality not US);
* an audience the question says the party is in (``member_of``) has it, refinements or not: the
  one asking vouches for it. Nothing the refinements say is inferred about the party's other
  attributes.

Constraint left operands and where their values come from: ``rkg:nationality`` (the country of
``nationality``), ``rkg:employer``, ``rkg:memberOf`` (the closure), ``odrl:deliveryChannel`` (the
channel and every channel it is part of: a new download of an app is a use of the app),
``odrl:spatial`` (where the use takes place, an ISO 3166 code, and the country of a subdivision:
``US-TX`` is in ``US``), ``odrl:recipient`` and ``odrl:dateTime`` (the date asked about). What is
not given has no value, so a constraint on it does not hold: :mod:`graph.policy.openworld` then
works the answer out with each value it could have.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Mapping

import networkx as nx

from graph.data.iris import CONCEPT_PREFIXES, ID
from graph.policy import constraints as engine
from graph.policy.constraints import Atomic, CollectionInfo, Iri, Logical
from graph.store.memo import cached, relation_edges

__all__ = ["EVERYONE", "COUNTRY", "PartyAttributes", "Constraint", "GroupInfo", "PartyIndex", "Facts",
           "ProjectionWorld", "party_index", "facts_for", "is_member", "constraint_of", "constraint_holds",
           "constraint_left_operands", "describe_constraint", "country", "closure_of"]

#: The seed data's universal audience (an open-weight release's audience); what makes a group
#: universal is its ``universal`` attribute, never this id.
EVERYONE = ID + "group/everyone"  # graph.data.vocab.iri("groups", "everyone")
COUNTRY = ID + "country/"  # graph.data.vocab.iri("countries", code)
_UP = ("odrl:partOf", "rkg:refines", "org:subOrganizationOf")
_INFERRED_UP = "rkg:inferredPartOf"


def country(code: str) -> str:
    """The node of an ISO 3166 country (or subdivision) code: ``KR`` -> ``.../country/KR``."""
    return COUNTRY + code.upper()


@dataclasses.dataclass(frozen=True)
class PartyAttributes:
    """Who is asking: node IRIs for ``party``, ``member_of`` and ``employer``; an ISO country code
    (``"KR"``) for ``nationality``; ``name`` for a party that is not in the graph ("Acme Corp");
    ``not_member_of`` groups the party (and its employer) is said not to be in. Every field is
    optional: an empty description is "anyone".

    The employer is what the question says (issue 19): ``employer`` (and ``employers``, further
    employers of the same party) are node IRIs, or names the graph does not know; ``private``
    says the party has no employer (``--employer none``). With none of these, and no recorded
    affiliation of ``party``, the employer is an open fact: an answer it could change says which
    employers would."""

    party: str | None = None
    member_of: tuple[str, ...] = ()
    employer: str | None = None
    nationality: str | None = None
    name: str | None = None
    not_member_of: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    private: bool = False

    def employers_given(self) -> tuple[str, ...]:
        """Every employer the question names (``employer`` first)."""
        return tuple(dict.fromkeys(e for e in (self.employer, *self.employers) if e))


@dataclasses.dataclass(frozen=True)
class Constraint:
    """An atomic ODRL constraint of the projection: left operand, operator, right operands."""

    node: str
    left: str | None
    operator: str | None
    rights: tuple[str, ...]


@dataclasses.dataclass
class GroupInfo:
    """A group (``rkg:Audience``) as party matching needs it."""

    node: str
    label: str
    refines: str | None = None
    refinements: tuple[str, ...] = ()  # constraint nodes
    members: set[str] = dataclasses.field(default_factory=set)
    subgroups: set[str] = dataclasses.field(default_factory=set)
    universal: bool = False
    member_groups: set[str] = dataclasses.field(default_factory=set)  # members that are groups themselves
    min_members: int | None = None  # how many members the source says it has, at least
    member_kind: str = "any"  # organization, person or any (graph.data.models.Group.member_kind)

    @property
    def partial(self) -> bool:
        """Whether the source names some members but says there are more (``min_members``): membership
        stays open for parties it does not name (issue 19)."""
        named = len(self.members - self.member_groups)
        return self.min_members is not None and named > 0 and self.min_members > named

    @property
    def unnamed(self) -> bool:
        """Whether the source names none of its members and no refinement defines them.

        Only parties count as named members: a group known to lie inside this one (the approved
        institutions among Anthropic's customers) names none of this group's other members, so a
        party not known to be in it may still be, and that stays an open question.
        """
        return not (self.members - self.member_groups) and not self.refinements and not self.universal


@dataclasses.dataclass
class PartyIndex:
    """Groups, part-of links, affiliations and constraints of a projection, read once."""

    groups: dict[str, GroupInfo]
    parents: dict[str, set[str]]
    affiliation: dict[str, str]
    inferred: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)  # link -> reasoning
    constraints: dict[str, Atomic | Logical] = dataclasses.field(default_factory=dict)
    offers: dict[str, set[str]] = dataclasses.field(default_factory=dict)  # model -> services offering it

    def parents_of(self, node: str, stated_only: bool = False) -> set[str]:
        found = self.parents.get(node, set())
        if stated_only:
            return {p for p in found if (node, p) not in self.inferred}
        return found


@dataclasses.dataclass(frozen=True)
class Facts:
    """A party's attributes made ready for matching: everything it is known to be, plus context.

    ``extra`` holds memberships assumed for one way of filling in what the question leaves open
    (the employer's or the recipient's, by node); ``stated_only`` leaves inferred links out.
    """

    closure: frozenset[str]
    employer: str | None
    nationality: str | None
    channel: str | None
    on: dt.date | None
    place: str | None = None
    recipient: str | None = None
    extra: Mapping[str, frozenset] = dataclasses.field(default_factory=dict)
    stated_only: bool = False
    vouched: frozenset[str] = frozenset()  # the groups the question says the party is in, and above


def constraint_of(G: nx.MultiDiGraph, node: str) -> Constraint:
    """The :class:`Constraint` at ``node`` of the projection."""
    a = G.nodes[node]
    return Constraint(node, a.get("left_operand"), a.get("operator"), tuple(a.get("right_operands", ())))


def party_index(G: nx.MultiDiGraph) -> PartyIndex:
    """The :class:`PartyIndex` of ``G``, built with one pass over its edges and cached."""
    return cached(G, "parties", _build_party_index)


def _build_party_index(G: nx.MultiDiGraph) -> PartyIndex:
    groups = {n: GroupInfo(n, a.get("label", n), universal=bool(a.get("universal")),
                           min_members=a.get("min_members") if isinstance(a.get("min_members"), int) else None,
                           member_kind=a.get("member_kind") or "any")
              for n, a in G.nodes(data=True) if a.get("kind") == "group"}
    index = PartyIndex(groups, {}, {})
    for u, v, relation in relation_edges(G):
        if relation in _UP or relation == _INFERRED_UP:
            index.parents.setdefault(u, set()).add(v)
            if relation == _INFERRED_UP:
                index.inferred[(u, v)] = _inference_text(G, u, v)
            if v in groups:
                (groups[v].subgroups if relation == "rkg:refines" else groups[v].members).add(u)
                if relation != "rkg:refines" and u in groups:
                    groups[v].member_groups.add(u)
            if relation == "rkg:refines" and u in groups:
                groups[u].refines = v
        elif relation == "odrl:refinement" and u in groups:
            groups[u].refinements += (v,)
        elif relation == "org:memberOf":
            index.affiliation[u] = v
        elif relation == "rkg:offers":
            index.offers.setdefault(v, set()).add(u)
    for n, a in G.nodes(data=True):
        if a.get("kind") == "constraint":
            index.constraints[n] = _spec(a)
    return index


def _inference_text(G: nx.MultiDiGraph, u: str, v: str) -> str:
    """The reasoning of the inference behind the link ``u -> v`` (its ``rkg:Inference`` node)."""
    for n in G.predecessors(u):
        a = G.nodes[n]
        if a.get("kind") == "inference" and v in G.successors(n):
            return a.get("inferred_from") or a.get("label", n)
    return "a curator's inference"


def _spec(a: dict) -> Atomic | Logical:
    if a.get("logical"):
        return Logical(a["logical"], tuple(a.get("operands", ())))
    left = a.get("left_operand")
    op = a.get("operator")
    op = op.split(":", 1)[1] if isinstance(op, str) and op.startswith("odrl:") else op
    return Atomic(left, op, tuple(_right(left, r) for r in a.get("right_operands", ())))


def _right(left: str | None, value):
    """A right operand as the engine compares it: an IRI, a date for ``dateTime``, else the value."""
    if not isinstance(value, str):
        return value
    if left == "odrl:dateTime":
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00")) if "T" in value else dt.date.fromisoformat(value)
        except ValueError:
            return value
    for prefix, base in CONCEPT_PREFIXES.items():  # device:work as the projection writes it: the concept's IRI
        if value.startswith(prefix):
            return Iri(base + value[len(prefix):])
    return Iri(value) if ":" in value and " " not in value else value


class ProjectionWorld:
    """The constraint engine's :class:`graph.policy.constraints.World` on the projection, for one
    party's :class:`Facts`."""

    def __init__(self, index: PartyIndex, facts: Facts):
        self.index, self.facts = index, facts

    def parents(self, node):
        found = self.index.parents_of(node, self.facts.stated_only) | self.facts.extra.get(node, frozenset())
        if node.startswith(COUNTRY) and "-" in node[len(COUNTRY):]:
            found = found | {node.split("-", 1)[0]}  # ISO 3166-2: US-TX is in US
        return found

    def constraint(self, node):
        return self.index.constraints.get(node) or Atomic(None, None, ())

    def plain(self, value):
        return value

    def types(self, value) -> set:
        return set()

    def known(self, facts: Facts) -> frozenset:
        return facts.closure

    def vouched(self, facts: Facts) -> frozenset:
        return facts.vouched

    def collection(self, node):
        info = self.index.groups.get(node)
        if info is None:
            return None
        sources = (info.refines,) if info.refines and info.refinements else ()
        return CollectionInfo(info.refinements, sources, bool(info.members), info.universal)

    def subcollections(self, node):
        info = self.index.groups.get(node)
        for sub in sorted(info.members if info else ()):
            child = self.index.groups.get(sub)
            if child is not None and child.refinements and not child.members and not child.refines:
                yield sub

    def left_values(self, left, facts: Facts) -> list:
        if left == "rkg:nationality":
            return [Iri(country(facts.nationality))] if facts.nationality else []
        if left == "rkg:employer":
            return [Iri(facts.employer)] if facts.employer else []
        if left == "rkg:memberOf":
            return [Iri(n) for n in sorted(facts.closure)]
        if left == "odrl:deliveryChannel":
            return [Iri(n) for n in sorted(engine.closure(self, facts.channel))] if facts.channel else []
        if left == "odrl:spatial":
            return [Iri(n) for n in sorted(engine.closure(self, country(facts.place)))] if facts.place else []
        if left == "odrl:recipient":
            return [Iri(facts.recipient)] if facts.recipient else []
        if left == "odrl:dateTime":
            return [facts.on] if facts.on else []
        return []  # purpose, ...: the question cannot state them, so they are never satisfied


def closure_of(index: PartyIndex, nodes, extra: Mapping[str, frozenset] | None = None,
               stated_only: bool = False) -> frozenset[str]:
    """The upward closure of ``nodes`` (rule 3 of :mod:`graph.policy.constraints`)."""
    world = ProjectionWorld(index, Facts(frozenset(), None, None, None, None, extra=extra or {},
                                         stated_only=stated_only))
    found: set[str] = set()
    for n in nodes:
        if n:
            found |= engine.closure(world, n)
    return frozenset(found)


def facts_for(G: nx.MultiDiGraph, party: PartyAttributes, channel: str | None = None,
              on: dt.date | None = None, *, place: str | None = None, recipient: str | None = None,
              assumed: frozenset = frozenset(), extra: Mapping[str, frozenset] | None = None,
              stated_only: bool = False) -> Facts:
    """The :class:`Facts` of ``party``: the upward closure of what it is known (or ``assumed``) to be."""
    index = party_index(G)
    employer = party.employer or index.affiliation.get(party.party or "")
    closure = closure_of(index, (party.party, employer, *party.member_of, *assumed), extra, stated_only)
    nationality = party.nationality.upper() if party.nationality else None
    vouched = closure_of(index, party.member_of, None, stated_only)
    return Facts(closure, employer, nationality, channel, on, place.upper() if place else None, recipient,
                 extra or {}, stated_only, vouched)


def is_member(G: nx.MultiDiGraph, group: str, party: PartyAttributes | Facts) -> bool:
    """Whether ``party`` is in ``group`` (see the module docstring).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("g:approved", kind="group", label="Approved US institutions")
    >>> G.add_node("g:foreign", kind="group", label="Foreign staff of approved institutions")
    >>> G.add_node("c:emp", kind="constraint", left_operand="rkg:employer", operator="odrl:isPartOf",
    ...            right_operands=["g:approved"])
    >>> G.add_node("c:nat", kind="constraint", left_operand="rkg:nationality", operator="odrl:neq",
    ...            right_operands=[COUNTRY + "US"])
    >>> _ = G.add_edge("g:foreign", "c:emp", relation="odrl:refinement")
    >>> _ = G.add_edge("g:foreign", "c:nat", relation="odrl:refinement")
    >>> is_member(G, "g:foreign", PartyAttributes(employer="g:approved", nationality="KR"))
    True
    >>> is_member(G, "g:foreign", PartyAttributes(employer="g:approved", nationality="US"))
    False
    >>> is_member(G, "g:approved", PartyAttributes(employer="g:approved", nationality="US"))
    True
    >>> from graph.store.memo import thaw
    >>> G = thaw(G)  # asked about, G is frozen: an addition goes to a copy
    >>> G.add_node("g:everyone", kind="group", label="Everyone", universal=True)
    >>> is_member(G, "g:everyone", PartyAttributes())
    True
    """
    facts = party if isinstance(party, Facts) else facts_for(G, party)
    index = party_index(G)
    return engine.is_member(ProjectionWorld(index, facts), group, facts, facts.closure)


def constraint_holds(index: PartyIndex, c: Constraint | str, facts: Facts) -> bool:
    """Whether the constraint (a node, or a :class:`Constraint`'s node) holds for ``facts``."""
    node = c.node if isinstance(c, Constraint) else c
    return engine.holds(ProjectionWorld(index, facts), node, facts)


def constraint_left_operands(index: PartyIndex, node: str) -> list[tuple[str, tuple]]:
    """Every atomic (left operand, right operands) under the constraint at ``node``.

    >>> index = PartyIndex({}, {}, {}, constraints={"c": Logical("or", ("a", "b")),
    ...     "a": Atomic("rkg:nationality", "eq", (Iri("x/CN"),)), "b": Atomic("odrl:spatial", "eq", (Iri("x/IT"),))})
    >>> [left for left, _ in constraint_left_operands(index, "c")]
    ['rkg:nationality', 'odrl:spatial']
    """
    spec = index.constraints.get(node)
    if isinstance(spec, Logical):
        return [pair for operand in spec.operands for pair in constraint_left_operands(index, operand)]
    return [(spec.left, spec.rights)] if spec is not None and spec.left else []


def _as_day(value) -> dt.date | None:
    """The day of a ``dateTime`` right operand as the constraint engine compares it (a date-time as
    its day in UTC, a date-time text as the engine would parse it), ``None`` when it is no date."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).date() if value.tzinfo else value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None  # not a date: the constraint cannot hold on any day, so it changes nothing


def constraint_days(index: PartyIndex, nodes) -> set[dt.date]:
    """The days on which a ``dateTime`` constraint at ``nodes`` (constraint node IRIs, logical ones
    walked) can change its result: each day it names and the day after (a date is compared as its
    first instant, so ``lt``/``gteq`` a date change on it, ``lteq``/``gt`` and a date-time later
    that day on the next). Between two consecutive such days every one of them holds or fails alike.

    >>> index = PartyIndex({}, {}, {}, constraints={"c": Atomic("odrl:dateTime", "lt", (dt.date(2026, 6, 11),))})
    >>> sorted(d.isoformat() for d in constraint_days(index, ["c"]))
    ['2026-06-11', '2026-06-12']
    """
    days: set[dt.date] = set()
    for node in nodes:
        for left, rights in constraint_left_operands(index, node):
            if left == "odrl:dateTime":
                days.update(d + k for d in map(_as_day, rights) if d is not None for k in (_NO_DAYS, _ONE_DAY))
    return days


_NO_DAYS, _ONE_DAY = dt.timedelta(0), dt.timedelta(days=1)


def describe_constraint(G: nx.MultiDiGraph, c: Constraint | str) -> str:
    """A constraint as a person reads it.

    >>> G = nx.MultiDiGraph(); G.add_node("ch:api", label="API")
    >>> describe_constraint(G, Constraint("c", "odrl:deliveryChannel", "odrl:isAnyOf", ("ch:api",)))
    'deliveryChannel isAnyOf API'
    """
    if isinstance(c, str):
        a = G.nodes[c] if c in G else {}
        if a.get("logical"):
            inner = f" {a['logical']} ".join(describe_constraint(G, o) for o in a.get("operands", ()))
            return f"({inner})"
        c = constraint_of(G, c) if c in G else Constraint(c, None, None, ())
    rights = ", ".join(G.nodes[r].get("label", r) if r in G else str(r) for r in c.rights)
    left = (c.left or "?").split(":", 1)[-1]
    return f"{left} {(c.operator or '?').split(':', 1)[-1]} {rights}"
