"""One engine for ODRL constraints and collections, shared by :func:`graph.policy.access.decide`
and the ODRL evaluator (:mod:`graph.policy.odrl`).

Both ask the same questions: does this constraint hold, is this party (or asset) a member of that
collection, what is this node (transitively) part of. They differ only in where the answers come
from: an rdflib graph for the evaluator, the networkx projection for decisions. Each side gives a
:class:`World` (an adapter); the rules below are written once, here.

Values
------
An IRI is an :class:`Iri` (a ``str``); a literal is a plain Python value (``str``, ``int``,
``float``, ``Decimal``, ``bool``, ``date``, ``datetime``, ``time``). A world may keep its own terms
(rdflib ``URIRef``/``Literal``) and turn them into these with :meth:`World.plain`.

The rules
---------
1. **Operators.** Comparison operators (``lt``, ``lteq``, ``gt``, ``gteq``) hold when some left
   value compares so with every right value; ``eq`` when some left value equals every right value;
   ``neq`` when no left value equals a right value; ``isAnyOf`` when some left value is among the
   right values, ``isNoneOf`` when none is, ``isAllOf`` when every right value is among the left
   ones; ``isA`` by the world's types; ``isPartOf`` when some left value is (transitively) part of
   every right value, ``hasPart`` the converse. A date compares with a date-time as its first
   instant (UTC). No left value (a fact not given): the constraint does **not** hold, whatever the
   operator. An operator the engine does not know never holds.
2. **Logical constraints.** ``and`` and ``andSequence`` hold when every operand holds, ``or`` when
   one does, ``xone`` when exactly one does; a logical constraint without operands does not hold.
   (``andSequence`` is ``and``: nothing happens over time during one evaluation.)
3. **Part-of.** :func:`closure` is the one transitive, reflexive part-of closure: a node and
   everything it is part of, by the world's :meth:`World.parents` (``odrl:partOf`` and what the
   world counts as such).
4. **Membership.** A party (asset) is in collection ``X`` when ``X`` is universal; or when the
   question itself says it is (:meth:`World.vouched`: a party said to be in ``X`` is in it); or
   when what the party is known to be (its closure) contains ``X`` or one of ``X``'s sources, or
   ``X`` is defined by its refinements alone (no listed member, no source), and every refinement
   of ``X`` holds for the party. A party in a collection defined by refinements that is part of
   ``X`` is in ``X`` too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, Callable, Iterable, Protocol

__all__ = ["Iri", "Atomic", "Logical", "CollectionInfo", "Outcome", "World", "LOGICAL", "closure",
           "apply_operator", "evaluate", "holds", "is_member", "equal"]


class Iri(str):
    """An IRI as a value (a plain ``str`` is a literal)."""

    __slots__ = ()


@dataclasses.dataclass(frozen=True)
class Atomic:
    """``left operator rights``: names as the world writes them (``"nationality"``, ``"eq"``)."""

    left: Any
    operator: str | None
    rights: tuple


@dataclasses.dataclass(frozen=True)
class Logical:
    """``operator`` (``and``, ``or``, ``xone``, ``andSequence``) over constraint nodes."""

    operator: str
    operands: tuple


@dataclasses.dataclass(frozen=True)
class CollectionInfo:
    """What membership needs of a collection (rule 4)."""

    refinements: tuple = ()
    sources: tuple = ()
    listed: bool = False  # it has members named by the data
    universal: bool = False

    @property
    def defined_by_refinements(self) -> bool:
        return bool(self.refinements) and not self.listed and not self.sources


#: Rule 2: how each logical operator combines its operands' states.
LOGICAL: dict[str, Callable[[list[bool]], bool]] = {
    "and": all, "or": any, "xone": lambda states: sum(states) == 1, "andSequence": all,
}


class World(Protocol):
    """Where the answers come from (the ODRL evaluator's graphs, or the projection)."""

    def parents(self, node) -> Iterable:
        """What ``node`` is directly part of."""

    def constraint(self, node) -> Atomic | Logical:
        """The constraint at ``node``."""

    def left_values(self, left, focus) -> list:
        """The values of left operand ``left`` for ``focus`` (none when not given: rule 1)."""

    def collection(self, node) -> CollectionInfo | None:
        """``node`` as a collection, or None when it is not one."""

    def subcollections(self, node) -> Iterable:
        """Collections defined by refinements that are directly part of ``node`` (rule 4)."""

    def plain(self, value) -> Any:
        """``value`` as an :class:`Iri` or a Python value."""

    def types(self, value) -> set:
        """The classes of ``value`` (for ``isA``), as plain values."""

    def known(self, focus) -> frozenset:
        """The closure of what ``focus`` is known to be (rule 4)."""

    def vouched(self, focus) -> frozenset:
        """The collections the question itself says ``focus`` is in (rule 4)."""


@dataclasses.dataclass
class Outcome:
    """The evaluation of one constraint: its state, and how it was reached (for reports)."""

    node: Any
    satisfied: bool
    logical: str | None = None
    children: list["Outcome"] = dataclasses.field(default_factory=list)
    lefts: list = dataclasses.field(default_factory=list)
    operator: str | None = None
    rights: tuple = ()


# --------------------------------------------------------------------------- rule 3

def closure(world: World, node) -> frozenset:
    """``node`` and everything it is (transitively) part of (rule 3).

    >>> class Chain:
    ...     def parents(self, n): return {"team": ["lab"], "lab": ["company"]}.get(n, [])
    >>> sorted(closure(Chain(), "team"))
    ['company', 'lab', 'team']

    A world that keeps a ``closures`` dict has each node's walked once (a question's world reads
    the same few places and employers for each of a model's rules).
    """
    memo = getattr(world, "closures", None)
    if memo is not None:
        found = memo.get(node)
        if found is None:
            found = memo[node] = _walk_up(world, node)
        return found
    return _walk_up(world, node)


def _walk_up(world: World, node) -> frozenset:
    seen, todo = {node}, [node]
    while todo:
        for parent in world.parents(todo.pop()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return frozenset(seen)


# --------------------------------------------------------------------------- rule 1

def _comparable(a: object, b: object) -> tuple[object, object] | None:
    """``a`` and ``b`` brought to one type, or None when they cannot be ordered."""
    if isinstance(a, Iri) or isinstance(b, Iri):
        return None
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime) and all(isinstance(x, dt.date) for x in (a, b)):
        a, b = (x if isinstance(x, dt.datetime) else dt.datetime(x.year, x.month, x.day, tzinfo=dt.timezone.utc)
                for x in (a, b))
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        a, b = (x if x.tzinfo else x.replace(tzinfo=dt.timezone.utc) for x in (a, b))
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return (float(a), float(b)) if isinstance(a, float) or isinstance(b, float) else (a, b)
    for kind in (dt.datetime, dt.date, dt.time, str):
        if isinstance(a, kind) and isinstance(b, kind):
            return a, b
    return None


def equal(a: object, b: object) -> bool:
    """Equality of plain values: IRIs by text, literals by value (``"KR"`` is not the IRI ``KR``).

    >>> equal(Iri("x:a"), Iri("x:a")), equal(Iri("x:a"), "x:a"), equal(1, 1.0)
    (True, False, True)
    """
    if isinstance(a, Iri) or isinstance(b, Iri):
        return isinstance(a, Iri) and isinstance(b, Iri) and str(a) == str(b)
    pair = _comparable(a, b)
    return pair is not None and pair[0] == pair[1]


_ORDERED = {"lt": lambda a, b: a < b, "lteq": lambda a, b: a <= b,
            "gt": lambda a, b: a > b, "gteq": lambda a, b: a >= b}


def _ordered(test, a: object, b: object) -> bool:
    pair = _comparable(a, b)
    return pair is not None and test(*pair)


def _among(value: object, values: list) -> bool:
    return any(equal(value, other) for other in values)


def _within(world: World, part: object, wholes: list) -> bool:
    """Whether IRI ``part`` is (transitively) part of every IRI of ``wholes`` (rule 3)."""
    if not isinstance(part, Iri) or not all(isinstance(w, Iri) for w in wholes):
        return False
    up = {str(n) for n in closure(world, part)}
    return all(str(w) in up for w in wholes)


def apply_operator(world: World, op: str | None, lefts: list, rights: list) -> bool:
    """Whether ``lefts op rights`` holds (rule 1); values are plain (see :meth:`World.plain`).

    >>> class Flat:
    ...     def parents(self, n): return {"seoul": ["kr"]}.get(n, [])
    ...     def types(self, v): return set()
    >>> apply_operator(Flat(), "isAllOf", ["KR", "US"], ["KR"]), apply_operator(Flat(), "neq", [], ["US"])
    (True, False)
    >>> apply_operator(Flat(), "isPartOf", [Iri("seoul")], [Iri("kr")])
    True
    >>> apply_operator(Flat(), "lt", [dt.date(2026, 1, 1)], [dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)])
    True
    """
    if not lefts or not rights or op is None:
        return False
    if op in _ORDERED:
        return any(all(_ordered(_ORDERED[op], l, r) for r in rights) for l in lefts)
    if op == "eq":
        return any(all(equal(l, r) for r in rights) for l in lefts)
    if op in ("neq", "isNoneOf"):
        return not any(_among(l, rights) for l in lefts)
    if op == "isAnyOf":
        return any(_among(l, rights) for l in lefts)
    if op == "isAllOf":
        return all(_among(r, lefts) for r in rights)
    if op == "isA":
        return any(all(equal(r, l) or _among(r, list(world.types(l))) for r in rights) for l in lefts)
    if op == "isPartOf":
        return any(_within(world, l, rights) for l in lefts)
    if op == "hasPart":
        return any(all(_within(world, r, [l]) for r in rights) for l in lefts)
    return False


# --------------------------------------------------------------------------- rules 1 and 2

def evaluate(world: World, node, focus=None) -> Outcome:
    """Evaluate the constraint at ``node`` for ``focus``, with how it was reached (rules 1, 2).

    >>> class Tiny:
    ...     def constraint(self, n):
    ...         return {"c:or": Logical("or", ("c:cn", "c:ru")),
    ...                 "c:cn": Atomic("nationality", "eq", ("CN",)),
    ...                 "c:ru": Atomic("nationality", "eq", ("RU",))}[n]
    ...     def left_values(self, left, focus): return [focus] if focus else []
    ...     def plain(self, v): return v
    >>> evaluate(Tiny(), "c:or", "RU").satisfied, evaluate(Tiny(), "c:or", "KR").satisfied
    (True, False)
    >>> [c.satisfied for c in evaluate(Tiny(), "c:or", "RU").children]
    [False, True]
    """
    spec = world.constraint(node)
    if isinstance(spec, Logical):
        children = [evaluate(world, operand, focus) for operand in spec.operands]
        combine = LOGICAL.get(spec.operator)
        ok = bool(children) and combine is not None and combine([c.satisfied for c in children])
        return Outcome(node, ok, logical=spec.operator, children=children)
    lefts = world.left_values(spec.left, focus) if spec.left is not None else []
    ok = apply_operator(world, spec.operator, [world.plain(v) for v in lefts],
                        [world.plain(r) for r in spec.rights])
    return Outcome(node, ok, lefts=list(lefts), operator=spec.operator, rights=spec.rights)


def holds(world: World, node, focus=None) -> bool:
    """Whether the constraint at ``node`` holds for ``focus`` (:func:`evaluate` without the trace)."""
    return evaluate(world, node, focus).satisfied


# --------------------------------------------------------------------------- rule 4

def is_member(world: World, collection, focus, known: frozenset | None = None) -> bool:
    """Whether ``focus`` (whose closure is ``known``) is in ``collection`` (rule 4).

    >>> class Groups:
    ...     def collection(self, n):
    ...         return {"g:all": CollectionInfo(universal=True),
    ...                 "g:kr": CollectionInfo(refinements=("c:kr",), sources=()),
    ...                 "g:team": CollectionInfo(listed=True)}.get(n)
    ...     def subcollections(self, n): return []
    ...     def constraint(self, n): return Atomic("nationality", "eq", ("KR",))
    ...     def left_values(self, left, focus): return [focus["nationality"]] if focus.get("nationality") else []
    ...     def plain(self, v): return v
    ...     def known(self, focus): return frozenset(focus.get("known", ()))
    >>> is_member(Groups(), "g:kr", {"nationality": "KR"}), is_member(Groups(), "g:kr", {})
    (True, False)
    >>> is_member(Groups(), "g:team", {"known": ["g:team"]}), is_member(Groups(), "g:all", {})
    (True, True)
    """
    known = world.known(focus) if known is None else known
    vouched = world.vouched(focus) if hasattr(world, "vouched") else frozenset()
    return _member(world, collection, focus, known, frozenset(), vouched)


def _member(world: World, collection, focus, known: frozenset, seen: frozenset, vouched: frozenset) -> bool:
    if collection in seen:
        return False
    seen = seen | {collection}
    info = world.collection(collection)
    if info is None:
        return collection in known
    if info.universal or collection in vouched:
        return True
    candidate = (collection in known or info.defined_by_refinements
                 or any(_member(world, s, focus, known, seen, vouched) for s in info.sources))
    if candidate and all(holds(world, r, focus) for r in info.refinements):
        return True
    return any(_member(world, sub, focus, known, seen, vouched) for sub in world.subcollections(collection))
