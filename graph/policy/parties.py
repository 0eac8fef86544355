"""Party matching: is the party asking a member of the audience a rule is given to?

A party is described by attributes (:class:`PartyAttributes`), not only by a name, because the
audiences of the source are mostly unnamed ("more than 100 US institutions") or defined by
refinements ("foreign-national employees of approved institutions").

Membership rule
---------------
A party is in group ``X`` when

* ``X`` is a universal audience (``universal: true`` in the data, ``rkg:universal`` in RDF, such as
  the group ``everyone``: every party is a member of it);
* ``X`` is among what the party is known to be: the party itself, its employer, the groups given
  with ``member_of``, and everything these are (transitively) ``odrl:partOf`` or ``rkg:refines``.
  An employee acts for their employer, so **an employee is covered by every permission or
  prohibition given to their employer or to a group the employer is in**. The employer may be a
  group, meaning "some member of that group": ``employer=approved-us-institutions`` describes a
  person employed by an (unnamed) approved institution. A person with no employer given is
  taken to be employed by their recorded affiliation (``org:memberOf``);
* ``X`` has refinements and no named members: the party satisfies every refinement and is in the
  group ``X`` refines (e.g. employer part of the approved institutions AND nationality not US);
* a group that refines ``X`` has the party as a member.

Membership is closed-world, as in :mod:`graph.policy.odrl_operators`: nothing is assumed that was not
given. A named company is not a member of "Approved US institutions" or "All Anthropic customers"
unless the caller says so: the source names none of their members. A refinement on an attribute
that was not given (no nationality) is not satisfied. Constraint operators are those of the ODRL
evaluator (:func:`graph.policy.odrl_operators.apply_operator`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

import networkx as nx

from graph.data.iris import ID
from graph.store.memo import cached

if TYPE_CHECKING:
    from rdflib import Graph, Literal, URIRef

# rdflib (and graph.data.vocab, graph.policy.odrl_operators, which import it) is imported only when a
# constraint needs the ODRL evaluator: IRI-only constraints are matched as strings, so a fresh
# `regkg check` does not pay for importing rdflib.

__all__ = ["EVERYONE", "PartyAttributes", "Constraint", "GroupInfo", "PartyIndex", "Facts",
           "party_index", "facts_for", "is_member", "constraint_of", "constraint_holds", "missing_value",
           "describe_constraint"]

#: The seed data's universal audience (an open-weight release's audience); what makes a group
#: universal is its ``universal`` attribute, never this id.
EVERYONE = ID + "group/everyone"  # graph.data.vocab.iri("groups", "everyone")
_COUNTRY = ID + "country/"  # graph.data.vocab.iri("countries", code)
_UP = ("odrl:partOf", "rkg:refines")


@dataclasses.dataclass(frozen=True)
class PartyAttributes:
    """Who is asking: node IRIs for ``party``, ``member_of`` and ``employer``; an ISO country code
    (``"KR"``) for ``nationality``. Every field is optional: an empty description is "anyone"."""

    party: str | None = None
    member_of: tuple[str, ...] = ()
    employer: str | None = None
    nationality: str | None = None


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
    refinements: tuple[Constraint, ...] = ()
    members: set[str] = dataclasses.field(default_factory=set)
    subgroups: set[str] = dataclasses.field(default_factory=set)
    universal: bool = False

    @property
    def unnamed(self) -> bool:
        """Whether the source names none of its members and no refinement defines them."""
        return not self.members and not self.refinements and not self.universal


@dataclasses.dataclass
class PartyIndex:
    """Groups, ``partOf`` links and affiliations of a projection, read once."""

    groups: dict[str, GroupInfo]
    parents: dict[str, set[str]]
    affiliation: dict[str, str]
    _part_graph: "Graph | None" = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def part_graph(self) -> "Graph":
        """``odrl:partOf`` triples (from :attr:`parents`), for the evaluator's isPartOf / hasPart."""
        if self._part_graph is None:
            from rdflib import Graph, URIRef
            from rdflib.namespace import ODRL2

            graph = Graph()
            for u, parents in self.parents.items():
                for v in parents:
                    graph.add((URIRef(u), ODRL2.partOf, URIRef(v)))
            self._part_graph = graph
        return self._part_graph


@dataclasses.dataclass(frozen=True)
class Facts:
    """A party's attributes made ready for matching: everything it is known to be, plus context."""

    closure: frozenset[str]
    employer: str | None
    nationality: str | None
    channel: str | None
    on: dt.date | None


def constraint_of(G: nx.MultiDiGraph, node: str) -> Constraint:
    """The :class:`Constraint` at ``node`` of the projection."""
    a = G.nodes[node]
    return Constraint(node, a.get("left_operand"), a.get("operator"), tuple(a.get("right_operands", ())))


def party_index(G: nx.MultiDiGraph) -> PartyIndex:
    """The :class:`PartyIndex` of ``G``, built with one pass over its edges and cached."""
    return cached(G, "parties", _build_party_index)


def _build_party_index(G: nx.MultiDiGraph) -> PartyIndex:
    groups = {n: GroupInfo(n, a.get("label", n), universal=bool(a.get("universal")))
              for n, a in G.nodes(data=True) if a.get("kind") == "group"}
    index = PartyIndex(groups, {}, {})
    for u, v, relation in G.edges(data="relation"):
        if relation in _UP:
            index.parents.setdefault(u, set()).add(v)
            if v in groups:
                (groups[v].subgroups if relation == "rkg:refines" else groups[v].members).add(u)
            if relation == "rkg:refines" and u in groups:
                groups[u].refines = v
        elif relation == "odrl:refinement" and u in groups:
            groups[u].refinements += (constraint_of(G, v),)
        elif relation == "org:memberOf":
            index.affiliation[u] = v
    return index


def facts_for(G: nx.MultiDiGraph, party: PartyAttributes, channel: str | None = None,
              on: dt.date | None = None) -> Facts:
    """The :class:`Facts` of ``party``: the upward closure of what it is known to be."""
    index = party_index(G)
    employer = party.employer or index.affiliation.get(party.party or "")
    todo = [n for n in (party.party, employer, *party.member_of) if n]
    closure = set(todo)
    while todo:
        for parent in index.parents.get(todo.pop(), ()):
            if parent not in closure:
                closure.add(parent)
                todo.append(parent)
    nationality = party.nationality.upper() if party.nationality else None
    return Facts(frozenset(closure), employer, nationality, channel, on)


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
    ...            right_operands=[_COUNTRY + "US"])
    >>> _ = G.add_edge("g:foreign", "c:emp", relation="odrl:refinement")
    >>> _ = G.add_edge("g:foreign", "c:nat", relation="odrl:refinement")
    >>> is_member(G, "g:foreign", PartyAttributes(employer="g:approved", nationality="KR"))
    True
    >>> is_member(G, "g:foreign", PartyAttributes(employer="g:approved", nationality="US"))
    False
    >>> is_member(G, "g:approved", PartyAttributes(employer="g:approved", nationality="US"))
    True
    >>> G.add_node("g:everyone", kind="group", label="Everyone", universal=True)
    >>> is_member(G, "g:everyone", PartyAttributes())
    True
    """
    facts = party if isinstance(party, Facts) else facts_for(G, party)
    return _member(party_index(G), group, facts, set())


def _member(index: PartyIndex, group: str, facts: Facts, seen: set[str]) -> bool:
    if group in facts.closure:
        return True
    if group in seen:
        return False
    seen.add(group)
    info = index.groups.get(group)
    if info is not None and info.universal:
        return True
    if info is None:
        return False
    if info.refinements and not info.members:
        inside = info.refines is None or _member(index, info.refines, facts, seen)
        if inside and all(constraint_holds(index, c, facts) for c in info.refinements):
            return True
    return any(_member(index, sub, facts, seen) for sub in info.subgroups)


def _is_iri(value: str) -> bool:
    """Whether a right operand is an IRI (``https://...``, ``g:x``) rather than plain text."""
    return ":" in value and " " not in value


def _term(value: str) -> URIRef | Literal:
    """A right operand: an IRI (``https://...``, ``g:x``) or plain text (a purpose)."""
    from rdflib import Literal, URIRef

    return URIRef(value) if _is_iri(value) else Literal(value)


def _left_names(left: str | None, facts: Facts) -> list[str]:
    """The request's values for a left operand that takes IRIs, as strings; none when not given."""
    if left == "rkg:nationality":
        return [_COUNTRY + facts.nationality] if facts.nationality else []
    if left == "rkg:employer":
        return [facts.employer] if facts.employer else []
    if left == "rkg:memberOf":
        return sorted(facts.closure)
    if left == "odrl:deliveryChannel":
        return [facts.channel] if facts.channel else []
    return []  # purpose, spatial, ...: the request cannot state them, so they are unknown


def _left_values(left: str | None, facts: Facts) -> list:
    """The request's values for a left operand; none when the caller did not give it."""
    if left == "odrl:dateTime":
        from rdflib import Literal
        from rdflib.namespace import XSD

        return [Literal(facts.on, datatype=XSD.date)] if facts.on else []
    from rdflib import URIRef

    return [URIRef(n) for n in _left_names(left, facts)]


def _part_of_closure(index: PartyIndex, node: str) -> set[str]:
    """``node`` and everything it is (transitively) part of: the evaluator's ``isPartOf`` on
    :attr:`PartyIndex.part_graph`, as strings."""
    seen, todo = {node}, [node]
    while todo:
        for parent in index.parents.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


#: Operators whose result on IRIs alone is decided by string identity and ``partOf`` closure;
#: with IRI operands they give what :func:`graph.policy.odrl_operators.apply_operator` gives.
_IRI_OPERATORS = frozenset({"odrl:eq", "odrl:neq", "odrl:isAnyOf", "odrl:isNoneOf", "odrl:isAllOf",
                            "odrl:isPartOf", "odrl:hasPart"})


def _iri_constraint_holds(index: PartyIndex, op: str, lefts: list[str], rights: list[str]) -> bool:
    if not lefts or not rights:
        return False
    if op == "odrl:eq":
        return any(all(l == r for r in rights) for l in lefts)
    if op in ("odrl:neq", "odrl:isNoneOf"):
        return not any(l in rights for l in lefts)
    if op == "odrl:isAnyOf":
        return any(l in rights for l in lefts)
    if op == "odrl:isAllOf":
        return all(r in lefts for r in rights)
    if op == "odrl:isPartOf":
        return any(all(r in _part_of_closure(index, l) for r in rights) for l in lefts)
    # odrl:hasPart
    return any(all(l in _part_of_closure(index, r) for r in rights) for l in lefts)


def constraint_holds(index: PartyIndex, c: Constraint, facts: Facts) -> bool:
    """Whether constraint ``c`` holds for ``facts``, with the ODRL evaluator's operators.

    A logical constraint (no left operand in the projection) does not hold: the projection
    does not carry its operands. A constraint on IRIs only, with an operator of identity or
    ``partOf``, is decided on strings; any other goes to the ODRL evaluator (and rdflib).
    """
    if not c.left or not c.operator:
        return False
    if (c.operator in _IRI_OPERATORS and c.left != "odrl:dateTime"
            and all(_is_iri(r) for r in c.rights)):
        return _iri_constraint_holds(index, c.operator, _left_names(c.left, facts), list(c.rights))
    return _evaluate(index, c, facts)


def _evaluate(index: PartyIndex, c: Constraint, facts: Facts) -> bool:
    """``c`` by the ODRL evaluator, on rdflib terms."""
    from rdflib import Literal
    from rdflib.namespace import ODRL2, XSD

    from graph.policy.odrl_operators import apply_operator

    if c.left == "odrl:dateTime":
        rights = [Literal(dt.date.fromisoformat(r[:10]), datatype=XSD.date) for r in c.rights]
    else:
        rights = [_term(r) for r in c.rights]
    op = ODRL2[c.operator.split(":", 1)[1]]
    return apply_operator(op, _left_values(c.left, facts), rights, index.part_graph)


def missing_value(c: Constraint, facts: Facts) -> bool:
    """Whether ``c`` fails only because the request did not give its left operand's value."""
    given = facts.on if c.left == "odrl:dateTime" else _left_names(c.left, facts)
    return bool(c.left) and not given


def describe_constraint(G: nx.MultiDiGraph, c: Constraint) -> str:
    """A constraint as a person reads it.

    >>> G = nx.MultiDiGraph(); G.add_node("ch:api", label="API")
    >>> describe_constraint(G, Constraint("c", "odrl:deliveryChannel", "odrl:isAnyOf", ("ch:api",)))
    'deliveryChannel isAnyOf API'
    """
    rights = ", ".join(G.nodes[r].get("label", r) if r in G else r for r in c.rights)
    left = (c.left or "?").split(":", 1)[-1]
    return f"{left} {(c.operator or '?').split(':', 1)[-1]} {rights}"
