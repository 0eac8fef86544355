"""When does a rule apply to the party asking? Each rule's applicability as a condition over the
facts the question leaves open (issue 19: partial evaluation, as Cedar's residual policies).

A question gives some facts and leaves others open. Each open fact is a variable
(:mod:`graph.policy.conditions`) whose atoms are the values the rules tell apart:

``place`` (``--in``)
    the places the rules name, their authorities' jurisdictions and the place given; places nest
    (``US-TX`` is in ``US``): an atom is "in this place, and in no named place inside it", and
    ``elsewhere`` is every other place. ``--in US`` leaves open which US state: the states the
    rules name are atoms under it.
``nationality``
    the countries the rules name, and ``another``.
``employer``
    the organisations and groups the rules reach through the employer (an employer constraint's
    value, an audience an employee is covered by), and ``another`` (no employer, or one no rule
    names). **Employment is what the user says**: ``--employer X`` is X and what X is part of,
    never more; a body of one government is never part of another government's bodies, and more
    generally the employer is one organisation, in one of the unrelated groups a question's rules
    name at most (groups tied by ``part_of`` or ``among`` nest). A group given as the employer
    (``--employer "Texas state agencies"``) is "some member of it": which of its named parts stays
    open. No employer given is open; ``--employer none`` is a private person.
``device``, ``purpose``
    ``work`` or ``personal`` (a device or network the employer issues or manages, or the party's
    own); ``work`` or ``private`` (on the job, or for the party's own ends).
``channel``
    the channels the rules name within the asset's services (they nest: a new download of an app
    is a use of the app), and ``another``; a question about a service with no channel leaves open
    which of its channels.
``recipient``
    for ``distribute`` and the like: the parties and groups the rules name, and ``another``.
``member:<group>``
    whether the party is one of a group whose members the source does not name, or names only in
    part (``min_members`` above the names given): true or false, unless ``--member-of`` or
    ``--not-member-of`` says.

A rule applies when its audience has the party, each of its constraints holds
(:mod:`graph.policy.constraints` evaluates them atom by atom), the use is through the service
the rule is about (a rule on a service, asked about a model it offers), and the use is within the
rule's territory: **an authority binds within its jurisdiction**. A rule with no place of its own
binds where its assigner has jurisdiction (``rkg:jurisdiction``, or its parent's, or else a government
body's country), unless it is on
the authority's own staff (an audience defined by employment or by the authority, which the rule follows wherever
they are) or the data says it binds beyond (``extraterritorial``, with the page's words).
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

import networkx as nx

from graph.policy import constraints as engine
from graph.policy.conditions import Cube, Space, Variable
from graph.policy.constraints import Atomic, Iri, Logical
from graph.policy.parties import COUNTRY, PartyAttributes, PartyIndex, country, party_index
from graph.store.memo import cached, relation_edges

__all__ = ["OTHER", "DEVICE", "PURPOSE", "Context", "Scope", "scope_index", "context_for", "FACTS"]

#: The atom "a value no rule names" (a place, a nationality, an employer, a channel, a recipient).
OTHER = "\x00other"
from graph.data.iris import DEVICE, PURPOSE  # noqa: E402  (the concepts device:work, purpose:private...)
#: The open facts, in the order a condition row lists them (memberships come last, by group).
FACTS = ("place", "employer", "device", "purpose", "nationality", "channel", "recipient")
# The facts a question gives as a node with everything it is part of (Context.fixed).
_CLOSED_FACTS = frozenset({"employer", "place", "channel", "recipient"})
_FACT_OF = {"rkg:nationality": "nationality", "odrl:spatial": "place", "odrl:deliveryChannel": "channel",
            "odrl:recipient": "recipient", "rkg:employer": "employer", "rkg:device": "device",
            "odrl:purpose": "purpose"}
_GOVERNMENT_KINDS = frozenset({"government", "regulator", "ministry", "state-government", "court", "legislature"})


# --------------------------------------------------------------------------- what the projection says

@dataclasses.dataclass
class Scope:
    """What applicability reads of a projection beyond party matching, read once per projection."""

    jurisdiction: dict[str, str]  # organisation -> its country node (or its parent's)
    employment: frozenset[str]  # audiences a rule follows anywhere: defined by employment or by an authority
    reads: dict[str, frozenset[str]]  # constraint node -> the left operands under it
    extraterritorial: frozenset[str]  # rules marked so
    labels: dict[str, str]


def scope_index(G: nx.MultiDiGraph) -> Scope:
    """The :class:`Scope` of ``G``, built once and cached."""
    return cached(G, "scope", _build_scope)


def _build_scope(G: nx.MultiDiGraph) -> Scope:
    index = party_index(G)
    direct: dict[str, str] = {}
    parent: dict[str, str] = {}
    for u, v, relation in relation_edges(G):
        if relation == "rkg:jurisdiction" and G.nodes[u].get("kind") in ("government", "company", "organization"):
            direct.setdefault(u, v)
        elif relation == "org:subOrganizationOf":
            parent.setdefault(u, v)
    jurisdiction = {}
    for org in set(direct) | set(parent):
        seen, node = set(), org
        while node is not None and node not in seen:
            seen.add(node)
            if node in direct:
                jurisdiction[org] = direct[node]
                break
            node = parent.get(node)
    for u, v, relation in relation_edges(G):
        # A government body whose territory is not said (nor its parent's) binds in its country: a
        # regulator's order is a national one (a state's must say its state: the loader insists).
        if relation == "rkg:country" and G.nodes[u].get("kind") == "government" and u not in jurisdiction:
            jurisdiction[u] = v
    reads = {n: frozenset(left for left, _ in _lefts(index, n)) for n in index.constraints}
    employment = set()
    for g, info in index.groups.items():
        node, seen = g, set()
        while node is not None and node not in seen:
            seen.add(node)
            here = index.groups.get(node)
            if here is None:
                break
            if any("rkg:employer" in reads.get(c, ()) for c in here.refinements):
                employment.add(g)
                break
            node = here.refines
    # A group an authority defines (its bodies, its staff) is its own audience, wherever they are.
    employment |= {u for u, _, r in relation_edges(G) if r == "rkg:definedBy"}
    extraterritorial = frozenset(n for n, a in G.nodes(data=True) if a.get("extraterritorial")
                                 and a.get("kind") in ("permission", "prohibition"))
    return Scope(jurisdiction, frozenset(employment), reads, extraterritorial, {})


def _lefts(index: PartyIndex, node: str) -> list[tuple[str, tuple]]:
    spec = index.constraints.get(node)
    if isinstance(spec, Logical):
        return [pair for operand in spec.operands for pair in _lefts(index, operand)]
    return [(spec.left, spec.rights)] if spec is not None and spec.left else []


# --------------------------------------------------------------------------- one question

class _World:
    """The constraint engine's world for one atom's value (parents from the projection, places nest)."""

    def __init__(self, index: PartyIndex, stated_only: bool, closures: dict | None = None):
        self.index, self.stated_only = index, stated_only
        # Kept by engine.closure: what a node is part of is the projection's, whoever asks.
        self.closures: dict = {} if closures is None else closures

    def parents(self, node):
        found = self.index.parents_of(node, self.stated_only)
        if node.startswith(COUNTRY) and "-" in node[len(COUNTRY):]:
            found = found | {node.split("-", 1)[0]}  # ISO 3166-2: US-TX is in US
        return found

    def constraint(self, node):
        return self.index.constraints.get(node) or Atomic(None, None, ())

    def plain(self, value):
        return value

    def types(self, value) -> set:
        return set()


@dataclasses.dataclass
class Context:
    """One question made ready for applicability: the fixed facts, the open ones as a
    :class:`~graph.policy.conditions.Space`, and each rule's condition (:meth:`condition`)."""

    G: nx.MultiDiGraph
    index: PartyIndex
    scope: Scope
    party: PartyAttributes
    on: object
    place: str | None  # country node, or None
    channel: str | None
    recipient: str | None
    device: str | None  # concept IRI
    purpose: str | None
    stated_only: bool
    space: Space = None
    known: frozenset = frozenset()  # what the party is known to be (its closure, employer's included)
    vouched: frozenset = frozenset()
    employers: tuple = ()  # given (closed) employers; () with employer_open False: none
    employer_open: bool = False
    employer_within: frozenset | None = None  # a group given as employer: its named parts are open
    party_kind: str = "any"  # person (it has an employer, or none), organization, or any (not known)
    _memo: dict = dataclasses.field(default_factory=dict)

    @property
    def world(self) -> _World:
        world = self._memo.get("world")
        if world is None:
            closures = cached(self.G, "closures-stated" if self.stated_only else "closures", lambda g: {})
            world = self._memo["world"] = _World(self.index, self.stated_only, closures)
        return world

    def closure(self, node: str) -> frozenset:
        return engine.closure(self.world, node)  # kept by the view's world (_World.closures)

    # -- atoms: what a variable's atom stands for, as left values of a constraint -------------------
    def lefts(self, fact: str, atom: str) -> list:
        if atom == OTHER:
            return [Iri(OTHER)]
        if fact in ("place", "channel", "employer", "recipient"):
            return [Iri(n) for n in sorted(self.closure(atom))]
        return [Iri(atom)]

    # -- conditions ---------------------------------------------------------------------------------
    def true(self) -> list[Cube]:
        return [self.space.top]

    def cube(self, fact: str, atoms: Iterable[str]) -> list[Cube]:
        atoms = frozenset(atoms)
        if fact not in self.space.index:
            raise KeyError(fact)
        return [] if not atoms else [self.space.cube(**{fact: atoms})]

    def condition(self, r) -> list[Cube]:
        """Where rule ``r`` (a :class:`graph.policy.access.RuleInfo`) applies, as cubes."""
        key = ("rule", r.node, r.via_service)
        if key in self._memo:
            return self._memo[key]
        found = self.member(r.assignee) if r.assignee is not None else []
        for c in r.constraints:
            if not found:
                break
            found = self.space.conj(found, self.constraint(c))
        if found and r.via_service is not None:
            found = self.space.conj(found, self.within("channel", r.via_service))
        if found and r.territory is not None:
            found = self.space.conj(found, self.within("place", r.territory))
        found = self.space.clean(found)
        self._memo[key] = found
        return found

    def within(self, fact: str, node: str) -> list[Cube]:
        """Where the fact's value is (part of) ``node``: a place, a channel."""
        given = {"place": self.place, "channel": self.channel}[fact]
        if fact not in self.space.index:
            return self.true() if given is not None and node in self.closure(given) else []
        return self.cube(fact, [a for a in self.space.variables[self.space.index[fact]].atoms
                                if a != OTHER and node in self.closure(a)])

    def constraint(self, node: str) -> list[Cube]:
        key = ("constraint", node)
        if key in self._memo:
            return self._memo[key]
        spec = self.index.constraints.get(node)
        if isinstance(spec, Logical):
            parts = [self.constraint(o) for o in spec.operands]
            if not parts:
                found = []
            elif spec.operator in ("and", "andSequence"):
                found = parts[0]
                for p in parts[1:]:
                    found = self.space.conj(found, p)
            elif spec.operator == "or":
                found = [c for p in parts for c in p]
            elif spec.operator == "xone":
                found = []
                for i, p in enumerate(parts):
                    piece = p
                    for j, q in enumerate(parts):
                        if j != i:
                            piece = self.space.conj(piece, self.space.complement(q))
                    found += piece
            else:
                found = []
        elif spec is None or spec.left is None:
            found = []
        else:
            found = self.atomic(spec)
        found = self.space.clean(found)
        self._memo[key] = found
        return found

    def atomic(self, spec: Atomic) -> list[Cube]:
        left, op, rights = spec.left, spec.operator, list(spec.rights)
        if left == "rkg:memberOf":
            return self.member_of(op, rights)
        fact = _FACT_OF.get(left)
        world = self.world
        if left == "odrl:dateTime":
            return self.true() if engine.apply_operator(world, op, [self.on] if self.on else [], rights) else []
        if fact is None:
            return []  # a left operand the question cannot state never holds
        if fact == "recipient" and self.recipient is not None:
            return self.recipient_atomic(op, rights)
        fixed = self.fixed(fact)
        if fixed is not None or fact not in self.space.index:
            lefts = fixed or []
            if op == "isPartOf" and fact in _CLOSED_FACTS and not self._fixed_names(fact).issuperset(map(str, rights)):
                # A given employer, place, channel or recipient comes with all it is part of, and
                # each of those with all it is part of: a whole outside that set is no left's whole.
                # (Most of a model's rules are other governments' staff bans: this is their answer.)
                return []
            return self.true() if engine.apply_operator(world, op, lefts, rights) else []
        atoms = self.space.variables[self.space.index[fact]].atoms
        shared = cached(self.G, "atoms-holding", lambda g: {})  # a constraint's atoms, kept per projection
        key = (spec, fact, atoms, self.stated_only)
        if key not in shared:
            if len(shared) > 100_000:
                shared.clear()
            shared[key] = [a for a in atoms if engine.apply_operator(world, op, self.lefts(fact, a), rights)]
        return self.cube(fact, shared[key])

    def fixed(self, fact: str) -> list | None:
        """The left values of a fact the question gives (``[]``: given as none), or ``None`` when open."""
        key = ("fixed", fact)
        if key not in self._memo:  # (the memo is cleared once the question's variables are known)
            self._memo[key] = self._fixed(fact)
        return self._memo[key]

    def _fixed_names(self, fact: str) -> frozenset:
        key = ("fixed-names", fact)
        if key not in self._memo:
            self._memo[key] = frozenset(str(x) for x in self.fixed(fact) or ())
        return self._memo[key]

    def _fixed(self, fact: str) -> list | None:
        if fact == "nationality" and self.party.nationality:
            return [Iri(country(self.party.nationality))]
        if fact == "employer" and not self.employer_open:
            return [Iri(n) for e in self.employers for n in sorted(self.closure(e))]  # [] for none
        if fact == "place" and self.place is not None and "place" not in self.space.index:
            return [Iri(n) for n in sorted(self.closure(self.place))]
        if fact == "channel" and self.channel is not None and "channel" not in self.space.index:
            return [Iri(n) for n in sorted(self.closure(self.channel))]
        if fact == "recipient" and self.recipient is not None:
            return [Iri(n) for n in sorted(self.closure(self.recipient))]
        if fact == "device" and self.device is not None:
            return [Iri(self.device)]
        if fact == "purpose" and self.purpose is not None:
            return [Iri(self.purpose)]
        return None

    def recipient_atomic(self, op, rights: list) -> list[Cube]:
        """A constraint on a given recipient: what it is part of, and whether it is one of the groups
        the constraint names whose members the source does not list (open, as the party's own)."""
        import itertools

        base = [Iri(n) for n in sorted(self.closure(self.recipient))]
        bits = [str(r) for r in rights if isinstance(r, Iri) and "recipient-member:" + str(r) in self.space.index]
        found = []
        for values in itertools.product((False, True), repeat=len(bits)):
            lefts = base + [Iri(g) for g, v in zip(bits, values) if v]
            if engine.apply_operator(self.world, op, lefts, rights):
                found.append(self.space.cube(**{"recipient-member:" + g: {"yes" if v else "no"}
                                                for g, v in zip(bits, values)}))
        return found

    def member_of(self, op: str | None, rights: list) -> list[Cube]:
        groups = [str(r) for r in rights if isinstance(r, Iri)]
        if not groups:
            return []
        parts = [self.member(g) for g in groups]
        if op in ("eq", "isAllOf"):
            found = parts[0]
            for p in parts[1:]:
                found = self.space.conj(found, p)
            return found
        if op in ("isAnyOf", "isPartOf"):
            return [c for p in parts for c in p]
        if op in ("neq", "isNoneOf"):
            return self.space.complement([c for p in parts for c in p])
        return []

    def excluded(self, group: str) -> bool:
        """Whether the question says the party (and its employer) is not in ``group``: it is not in
        it, nor in any group within it."""
        return bool(self.party.not_member_of) and bool(self.closure(group) & set(self.party.not_member_of))

    def member(self, group: str, seen: frozenset = frozenset()) -> list[Cube]:
        """Where the party is in ``group`` (the membership rule of :mod:`graph.policy.constraints`,
        rule 4, with the employer and unnamed memberships open)."""
        key = ("member", group)
        if key in self._memo:
            return self._memo[key]
        if group in seen or self.excluded(group):
            return []  # --not-member-of closes it for the party and its employer
        seen = seen | {group}
        info = self.index.groups.get(group)
        if group in self.known or group in self.vouched or (info is not None and info.universal):
            found = self.true()
        else:
            found = []
            if self.employer_open and "employer" in self.space.index:
                found += self.cube("employer", [a for a in self.space.variables[self.space.index["employer"]].atoms
                                                if a != OTHER and group in self.closure(a)])
            if info is not None:
                bit = "member:" + group
                if bit in self.space.index:
                    found += self.cube(bit, ["yes"])
                if info.refinements:
                    sources = (info.refines,) if info.refines else ()
                    if sources:
                        candidate = [c for s in sources for c in self.member(s, seen)]
                    else:
                        candidate = self.true() if not info.members else []
                    for c in info.refinements:
                        if not candidate:
                            break
                        candidate = self.space.conj(candidate, self.constraint(c))
                    found += candidate
                for sub in sorted(info.members):
                    child = self.index.groups.get(sub)
                    if child is not None and child.refinements and not child.members and not child.refines:
                        found += self.member(sub, seen)
        found = self.space.clean(found)
        self._memo[key] = found
        return found


# --------------------------------------------------------------------------- building the context

def context_for(G: nx.MultiDiGraph, rules: list, party: PartyAttributes, on, *, place: str | None = None,
                channel: str | None = None, recipient: str | None = None, device: str | None = None,
                purpose: str | None = None, stated_only: bool = False, asset_kind: str | None = None,
                space: Space | None = None) -> Context:
    """The :class:`Context` of a question about ``rules`` (their :class:`~graph.policy.access.RuleInfo`):
    which facts are open, with which atoms (``space`` given: those of another context, to compare
    two readings of one question)."""
    index = party_index(G)
    scope = scope_index(G)
    ctx = Context(G, index, scope, party, on, country(place) if place else None, channel, recipient,
                  DEVICE + device if device else None, PURPOSE + purpose if purpose else None, stated_only)
    employers = party.employers_given()
    if not employers and not party.private:
        employers = employers_implied(index, party.member_of)
    if not employers and not party.private and party.party:
        affiliated = index.affiliation.get(party.party)
        employers = (affiliated,) if affiliated else ()
    within = None
    if employers:
        groups = [e for e in employers if e in index.groups and _unnamed(index, e)]
        if len(employers) == 1 and groups:
            within = frozenset(groups)  # "some member of that group": which of its named parts is open
    ctx.employers = employers
    # An organisation in the graph asking for itself has no employer; a person, or a name the graph
    # does not know, has one the question may leave open.
    organisation = party.party is not None and ctx.G.nodes.get(party.party, {}).get("kind") in (
        "company", "organization", "government")
    ctx.employer_open = not employers and not party.private and not organisation  # until the variables are known
    ctx.party_kind = "organization" if organisation else (
        "person" if employers or party.private or ctx.G.nodes.get(party.party or "", {}).get("kind") == "person"
        else "any")
    known = set()
    for node in (party.party, *employers, *party.member_of):
        if node:
            known |= ctx.closure(node)
    ctx.known = frozenset(known)
    vouched = set()
    for g in party.member_of:
        vouched |= ctx.closure(g)
    ctx.vouched = frozenset(vouched)
    ctx.space = Space([])  # the atoms are gathered with a space that has no variables yet
    ctx.space = space if space is not None else Space(_variables(ctx, rules, within, asset_kind))
    ctx.employer_open = "employer" in ctx.space.index
    ctx._memo.clear()
    return ctx


def employers_implied(index: PartyIndex, groups) -> tuple[str, ...]:
    """The employers a party is said to have by being one of ``groups``: one of "the staff of X"
    (a group whose refinement says the employer is part of X) is employed within X, and by no
    other government's body unless the question names a second employer.

    >>> from types import SimpleNamespace
    >>> from graph.policy.parties import GroupInfo
    >>> index = SimpleNamespace(groups={"staff": GroupInfo("staff", "Staff", refinements=("c",))},
    ...                         constraints={"c": Atomic("rkg:employer", "isPartOf", (Iri("bodies"),))})
    >>> employers_implied(index, ["staff"])
    ('bodies',)
    """
    found: list[str] = []
    for g in groups:
        node, seen = g, set()
        while node in index.groups and node not in seen:
            seen.add(node)
            for c in index.groups[node].refinements:
                spec = index.constraints.get(c)
                if isinstance(spec, Atomic) and spec.left == "rkg:employer" and spec.operator in (
                        "isPartOf", "eq", "isA", "isAnyOf"):
                    found += [str(r) for r in spec.rights]
            node = index.groups[node].refines
    return tuple(dict.fromkeys(found))


def _unnamed(index: PartyIndex, group: str) -> bool:
    info = index.groups[group]
    return (info.unnamed or info.partial)


@dataclasses.dataclass(frozen=True)
class _Reads:
    """What one rule reads of the facts, whoever asks: the values each fact's constraints name, the
    groups its audience and ``rkg:memberOf`` constraints lead through, and the groups its recipient
    constraints name. Worked out once per rule and view (:func:`_rule_reads`); a question keeps of
    it what concerns its party (:func:`_variables`)."""

    named: dict  # fact -> frozenset of IRIs
    groups: frozenset
    recipients: frozenset


def _rule_reads(index: PartyIndex, r) -> _Reads:
    named: dict[str, set] = {f: set() for f in FACTS}
    recipients: set[str] = set()
    seen: set[str] = set()

    def note_constraint(node: str) -> None:
        for left, rights in _lefts(index, node):
            fact = _FACT_OF.get(left)
            iris = [str(r) for r in rights if isinstance(r, Iri)]
            if fact is not None:
                named[fact].update(iris)
                if fact == "recipient":
                    recipients.update(iris)
            elif left == "rkg:memberOf":
                for g in iris:
                    note_group(g)

    def note_group(g: str) -> None:
        if g in seen:
            return
        seen.add(g)
        info = index.groups.get(g)
        if info is None:
            named["employer"].add(g)
            return
        if not info.universal and not info.refinements and info.member_kind != "person":
            named["employer"].add(g)  # an employee is covered by what is given to the employer's groups
        for c in info.refinements:
            note_constraint(c)
        if info.refines:
            note_group(info.refines)
        for sub in info.members:
            child = index.groups.get(sub)
            if child is not None and child.refinements and not child.members and not child.refines:
                note_group(sub)

    if r.assignee is not None:
        if r.assignee in index.groups:
            note_group(r.assignee)
        else:
            named["employer"].add(r.assignee)
    for c in r.constraints:
        note_constraint(c)
    if r.via_service is not None:
        named["channel"].add(r.via_service)
    if r.territory is not None:
        named["place"].add(r.territory)
    return _Reads({f: frozenset(v) for f, v in named.items()}, frozenset(seen), frozenset(recipients))


def _variables(ctx: Context, rules: list, within, asset_kind) -> list[Variable]:
    """The open facts ``rules`` read, each with its atoms."""
    index = ctx.index
    kept = cached(ctx.G, "rule-reads", lambda g: {})  # per view: a rule's reads do not depend on who asks
    named: dict[str, set] = {f: set() for f in FACTS}
    groups: set[str] = set()
    recipients: set[str] = set()
    for r in rules:
        key = (r.node, r.via_service, r.territory)
        reads = kept.get(key)
        if reads is None:
            reads = kept[key] = _rule_reads(index, r)
        for fact, values in reads.named.items():
            named[fact] |= values
        groups |= reads.groups
        recipients |= reads.recipients
    # The groups whose members the source does not (all) name are open for a party not known to be in
    # them, and of the kind they hold; so are the recipient's, for a recipient the question names.
    members = {g for g in groups if _unnamed(index, g) and g not in ctx.known and g not in ctx.vouched
               and not ctx.excluded(g) and (index.groups[g].member_kind == "any"
                                            or ctx.party_kind in ("any", index.groups[g].member_kind))}
    recipient_members: set[str] = set()
    if ctx.recipient is not None and recipients:
        known = ctx.closure(ctx.recipient)
        recipient_members = {g for g in recipients if g in index.groups and g not in known and _unnamed(index, g)}
    out = []
    # place
    if ctx.place is None:
        if named["place"]:
            out.append(Variable("place", _nested(ctx, named["place"], None)))
    elif named["place"]:
        atoms = _nested(ctx, named["place"] | {ctx.place}, ctx.place)
        if len(atoms) > 1:
            out.append(Variable("place", atoms))
    named["employer"] = {e for e in named["employer"] if not ctx.excluded(e)}
    # employer
    if ctx.employer_open or within is not None:
        if within is not None:
            atoms = tuple(sorted((a for a in named["employer"] | set(within) if within & ctx.closure(a)),
                                 key=lambda a: _label(ctx.G, a)))
            if len(atoms) > 1:
                out.append(Variable("employer", atoms))
        elif named["employer"]:
            atoms = tuple(sorted(_positions(ctx, named["employer"]), key=lambda a: _label(ctx.G, a)))
            out.append(Variable("employer", atoms + (OTHER,)))
    for fact, base, values in (("device", DEVICE, ("work", "personal")), ("purpose", PURPOSE, ("work", "private"))):
        if named[fact] and ctx.fixed(fact) is None:
            out.append(Variable(fact, tuple(base + v for v in values)))
    if named["nationality"] and not ctx.party.nationality:
        out.append(Variable("nationality", tuple(sorted(named["nationality"])) + (OTHER,)))
    # channel: open when not given (a model's), or given as a channel a named one is part of
    if named["channel"]:
        if ctx.channel is None:
            out.append(Variable("channel", _nested(ctx, named["channel"], None)))
        else:
            inside = {c for c in named["channel"] if ctx.channel in ctx.closure(c) and c != ctx.channel}
            if inside:
                out.append(Variable("channel", _nested(ctx, inside | {ctx.channel}, ctx.channel)))
    if named["recipient"] and ctx.recipient is None:
        out.append(Variable("recipient", tuple(sorted(named["recipient"])) + (OTHER,)))
    for g in sorted(members, key=lambda g: _label(ctx.G, g)):
        out.append(Variable("member:" + g, ("yes", "no")))
    for g in sorted(recipient_members, key=lambda g: _label(ctx.G, g)):
        out.append(Variable("recipient-member:" + g, ("yes", "no")))
    return out


def _positions(ctx: Context, nodes: set[str]) -> set[str]:
    """Where an open employer can be, among what the rules name: each organisation named; for a group,
    the parties it lists (one may be in several groups) and, when the source does not name every
    member, "another member of it" (the group itself)."""
    found: set[str] = set()
    todo, seen = list(nodes), set()
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        info = ctx.index.groups.get(x)
        if info is None:
            found.add(x)
            continue
        found.update(info.members - info.member_groups)
        todo.extend(info.member_groups)
        if info.unnamed or info.partial:
            found.add(x)
    return {a for a in found if not ctx.excluded(a)}


def _nested(ctx: Context, nodes: set[str], within: str | None) -> tuple[str, ...]:
    """Atoms for nested values (places, channels): each named node stands for "in it, and in no named
    node inside it"; ``OTHER`` for the rest, unless the question says the value is within ``within``."""
    atoms = set(nodes)
    if within is not None:
        atoms = {a for a in atoms if within in ctx.closure(a)} | {within}
    ordered = tuple(sorted(atoms, key=lambda a: (len(ctx.closure(a)), _label(ctx.G, a))))
    return ordered if within is not None else ordered + (OTHER,)


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node
