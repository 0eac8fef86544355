"""What a question leaves open, and every way of filling it in (rule 3 of :mod:`graph.policy.access`).

A question gives some facts about the use and the party; a rule may depend on others. These are
*open* (a missing fact), and each is filled in with every value that could change which rules
apply:

* ``nationality`` (``--nationality``), ``place`` (``--in``) and ``recipient`` (``--recipient``),
  when not given and a rule's constraint reads them: each value a rule names, and one it does not;
* ``channel`` (``--channel``), when not given, or given as a channel that a rule's channel is
  part of (``--channel "DeepSeek app"`` while a rule speaks of new downloads of it): each channel
  a rule names within it, and the channel itself;
* membership of a group whose members the source does not list (``--member-of``), for the party,
  its employer (when one is given) and the recipient: a member, or not (``--not-member-of``
  closes it for the party and its employer).

Closed, taken as the whole truth: the date, the model, the action, what was given (one
nationality, one place, the channel named, the groups named), groups whose members are listed or
defined by refinements, and the employer: no ``--employer`` means none a rule could name (a
private person, or a party acting for itself).

How many fillings are tried
---------------------------
Every complete filling, while there are at most :data:`MAX_FILLINGS` of them. Past that (an
employer whose membership of fifteen governments' agencies is open, each a choice of two), the
facts are split into groups that rules share (the facts one rule reads are in one group, and
groups that share a fact are one), and every filling of each group is tried with the other facts
left missing. A rule's applicability depends on its own facts only, so every rule that could
apply is still seen applying, alone and with every rule it shares a fact with; what is not
looked for is an answer that changes only when rules reading unrelated facts apply together.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from typing import Iterator

import networkx as nx

from graph.policy.constraints import Iri
from graph.policy.parties import (
    COUNTRY,
    Facts,
    PartyAttributes,
    PartyIndex,
    closure_of,
    constraint_left_operands,
    facts_for,
    party_index,
)

__all__ = ["OTHER", "MAX_FILLINGS", "Question", "OpenFact", "open_facts", "fillings", "fillings_to_try",
           "fact_groups", "facts_under", "describe_fact"]

#: The value "something no rule names" (a nationality, a place, a channel, a recipient).
OTHER = "\x00other"


@dataclasses.dataclass(frozen=True)
class Question:
    """What was asked: who, through which channel, where, to whom, on which date."""

    party: PartyAttributes
    channel: str | None = None
    place: str | None = None
    recipient: str | None = None
    on: object = None
    stated_only: bool = False


@dataclasses.dataclass(frozen=True)
class OpenFact:
    """One missing fact: ``key`` is ``("nationality",)``, ``("place",)``, ``("channel",)``,
    ``("recipient",)`` or ``(who, group)`` with ``who`` one of ``member``, ``employer-member``,
    ``recipient-member``; ``values`` what it may be (``(True,)`` for a membership)."""

    key: tuple
    values: tuple


def open_facts(G: nx.MultiDiGraph, rules, question: Question) -> tuple[list[OpenFact], dict[str, set[tuple]]]:
    """The facts ``rules`` depend on that ``question`` leaves open, and for each rule its facts.

    ``rules`` are :class:`graph.policy.access.RuleInfo` (anything with ``node``, ``assignee``,
    ``constraints`` and ``via_service``).
    """
    index = party_index(G)
    base = facts_for(G, question.party, question.channel, stated_only=question.stated_only,
                     recipient=question.recipient)
    found: dict[tuple, set] = {}
    deps: dict[str, set[tuple]] = {}
    for r in rules:
        mine: set[tuple] = set()
        collector = _Collector(G, index, question, base, found, mine)
        if r.assignee is not None:
            collector.group(r.assignee)
        for c in r.constraints:
            collector.constraint(c)
        if r.via_service is not None:
            collector.channel([Iri(r.via_service)])
        deps[r.node] = mine
    facts = [OpenFact(k, tuple(sorted(v, key=str))) for k, v in sorted(found.items(), key=lambda kv: str(kv[0]))]
    return facts, deps


@dataclasses.dataclass
class _Collector:
    G: nx.MultiDiGraph
    index: PartyIndex
    question: Question
    base: Facts
    found: dict
    mine: set
    seen: set = dataclasses.field(default_factory=set)

    def note(self, key: tuple, values) -> None:
        self.found.setdefault(key, set()).update(values)
        self.mine.add(key)

    def unnamed(self, node: str) -> bool:
        info = self.index.groups.get(node)
        return info is not None and info.unnamed

    def group(self, node: str) -> None:
        if node in self.seen:
            return
        self.seen.add(node)
        info = self.index.groups.get(node)
        if info is None:
            return
        if info.unnamed and node not in self.base.closure and node not in self.question.party.not_member_of:
            self.note(("member", node), [True])
        for c in info.refinements:
            self.constraint(c)
        if info.refines and info.refinements:
            self.group(info.refines)

    def constraint(self, node: str) -> None:
        for left, rights in constraint_left_operands(self.index, node):
            self.atomic(left, rights)

    def atomic(self, left: str, rights: tuple) -> None:
        q = self.question
        iris = [r for r in rights if isinstance(r, Iri)]
        if left == "rkg:nationality" and not q.party.nationality:
            self.note(("nationality",), [_code(r) for r in iris] + [OTHER])
        elif left == "odrl:spatial" and not q.place:
            self.note(("place",), [_code(r) for r in iris] + [OTHER])
        elif left == "odrl:deliveryChannel":
            self.channel(iris)
        elif left == "odrl:recipient":
            if q.recipient is None:
                self.note(("recipient",), [str(r) for r in iris] + [OTHER])
            else:
                self.memberships("recipient-member", iris, closure_of(self.index, [q.recipient]))
        elif left == "rkg:employer" and self.base.employer:
            self.memberships("employer-member", iris, closure_of(self.index, [self.base.employer]))
        elif left == "rkg:memberOf":
            self.memberships("member", iris, self.base.closure)

    def memberships(self, who: str, groups, known) -> None:
        denied = self.question.party.not_member_of if who != "recipient-member" else ()
        for g in groups:
            if self.unnamed(g) and g not in known and g not in denied:
                self.note((who, str(g)), [True])
            elif who == "member":
                self.group(str(g))

    def channel(self, rights) -> None:
        named = self.question.channel
        if named is None:
            self.note(("channel",), [str(r) for r in rights] + [OTHER])
            return
        narrower = [str(r) for r in rights if str(r) != named and named in closure_of(self.index, [str(r)])]
        if narrower:
            self.note(("channel",), narrower + [named])


def _code(node: str) -> str:
    return node[len(COUNTRY):] if node.startswith(COUNTRY) else node


def fillings(facts: list[OpenFact]) -> Iterator[dict[tuple, object]]:
    """Every complete way of filling ``facts`` in (a membership: member or not).

    >>> [sorted(f.items()) for f in fillings([OpenFact(("nationality",), ("CN", OTHER)), OpenFact(("member", "g"), (True,))])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [[(('member', 'g'), False), (('nationality',), 'CN')], [(('member', 'g'), True), (('nationality',), 'CN')],
     [(('member', 'g'), False), (('nationality',), '\\x00other')], [(('member', 'g'), True), (('nationality',), '\\x00other')]]
    """
    choices = [[False, True] if f.key[0].endswith("member") else list(f.values) for f in facts]
    for combo in itertools.product(*choices):
        yield {f.key: v for f, v in zip(facts, combo)}


#: Past this many complete fillings, facts are filled in group by group (the module's rule).
MAX_FILLINGS = 1024


def _count(facts: list[OpenFact]) -> int:
    return math.prod(2 if f.key[0].endswith("member") else len(f.values) for f in facts)


def fact_groups(facts: list[OpenFact], deps: dict[str, set[tuple]]) -> list[list[OpenFact]]:
    """``facts`` split into the groups rules share: one rule's facts are in one group.

    >>> a, b, c = (OpenFact(("member", g), (True,)) for g in "abc")
    >>> [[f.key[1] for f in g] for g in fact_groups([a, b, c], {"r1": {a.key, b.key}, "r2": {c.key}})]
    [['a', 'b'], ['c']]
    """
    parent = {f.key: f.key for f in facts}

    def root(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for keys in deps.values():
        known = [k for k in keys if k in parent]
        for k in known[1:]:
            parent[root(k)] = root(known[0])
    groups: dict[tuple, list[OpenFact]] = {}
    for f in facts:
        groups.setdefault(root(f.key), []).append(f)
    return list(groups.values())


def fillings_to_try(facts: list[OpenFact], deps: dict[str, set[tuple]],
                    limit: int = MAX_FILLINGS) -> Iterator[dict[tuple, object]]:
    """The fillings to try (the module's rule): every complete one while there are at most
    ``limit``; past that, every filling of each of :func:`fact_groups`, the other facts missing.

    >>> facts = [OpenFact(("member", g), (True,)) for g in "abc"]
    >>> deps = {"r1": {facts[0].key, facts[1].key}, "r2": {facts[2].key}}
    >>> len(list(fillings_to_try(facts, deps))), len(list(fillings_to_try(facts, deps, limit=4)))
    (8, 6)
    """
    if _count(facts) <= limit:
        yield from fillings(facts)
        return
    for group in fact_groups(facts, deps):
        yield from fillings(group)


def facts_under(G: nx.MultiDiGraph, question: Question, filling: dict[tuple, object]) -> Facts:
    """The :class:`graph.policy.parties.Facts` of ``question`` with ``filling`` (``{}``: nothing filled in)."""
    party = question.party
    nationality = filling.get(("nationality",), party.nationality)
    place = filling.get(("place",), question.place)
    channel = filling.get(("channel",), question.channel)
    recipient = filling.get(("recipient",), question.recipient)
    assumed = frozenset(g for (who, *rest), v in filling.items() if who == "member" and v for g in rest)
    employer_in = frozenset(g for (who, *rest), v in filling.items() if who == "employer-member" and v for g in rest)
    recipient_in = frozenset(g for (who, *rest), v in filling.items() if who == "recipient-member" and v for g in rest)
    base = facts_for(G, party, stated_only=question.stated_only)
    extra = {}
    if employer_in and base.employer:
        extra[base.employer] = employer_in
    if recipient_in and recipient not in (None, OTHER):
        extra[recipient] = recipient_in
    party = dataclasses.replace(party, nationality=nationality)
    return facts_for(G, party, None if channel is None else channel, question.on, place=place,
                     recipient=recipient, assumed=assumed | employer_in, extra=extra, stated_only=question.stated_only)


def describe_fact(G: nx.MultiDiGraph, key: tuple) -> tuple[str, str]:
    """(what is missing, the option that gives it), as a person reads them."""
    what = key[0]
    if what == "nationality":
        return "the party's nationality", "--nationality"
    if what == "place":
        return "where the use takes place", "--in"
    if what == "channel":
        return "the channel", "--channel"
    if what == "recipient":
        return "who receives it", "--recipient"
    group = key[1]
    label = G.nodes[group].get("label", group) if group in G else group
    ident = group.rsplit("/", 1)[-1]
    if what == "member":
        return f"whether the party is one of '{label}'", f"--member-of {ident}"
    if what == "employer-member":
        return f"whether the employer is one of '{label}'", f"--employer {ident}"
    return f"whether the recipient is one of '{label}'", f"--recipient {ident}"
