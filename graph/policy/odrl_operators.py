"""ODRL 2.2 constraints: left-operand values, operators and logical constraints.

Used by :mod:`graph.policy.odrl`; kept apart so each module stays small. A constraint is evaluated in a
:class:`Facts` context (what is known about the request and the state of the world) and yields a
FORCE ``report:ConstraintReport`` node in the report graph.

Where a left operand's value comes from
---------------------------------------
* ``odrl:dateTime``: the current time of the state of the world (``sotw:currentTime`` of a
  ``sotw:SotW`` node, or ``temp:currentTime dct:issued`` as in the public ODRL test suite).
* any other left operand ``L`` (``odrl:purpose``, ``odrl:deliveryChannel``, ``odrl:spatial``,
  ``rkg:nationality``, ``rkg:employer``, ...): first the request's own context, i.e. the
  constraints ``[ odrl:leftOperand L; odrl:operator odrl:eq; odrl:rightOperand v ]`` attached to the
  request rule with ``sotw:context`` or ``odrl:constraint``; otherwise the triples ``<s> L v`` of
  the state of the world (and request) about the *focus* ``s``. The focus is the requesting party,
  the request rule and the request for a rule's constraint, and the member being tested for a
  refinement of a party or asset collection.
* ``rkg:memberOf``: like above, plus ``odrl:partOf``, closed transitively (a member of a team that
  is part of a company is a member of the company).

A constraint whose left operand has no known value is *Unsatisfied*: the evaluator does not assume
facts it was not given (closed world), whatever the operator.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ODRL2, RDF, RDFS
from rdflib.term import Node

from graph.data.vocab import REPORT, RKG
from graph.policy.odrl_actions import INCLUDED_IN

__all__ = ["Facts", "SOTW", "TEMP", "LOGICAL", "evaluate_constraint", "apply_operator", "left_values",
           "current_time", "members", "part_of_closure", "objects", "mint", "ACTION_PARENT",
           "action_ancestors"]

SOTW = Namespace("https://w3id.org/force/sotw#")
#: Namespace of ``temp:currentTime``, the state-of-the-world clock of the public ODRL test suite.
TEMP = Namespace("http://example.com/request/")

#: Logical constraint operands; ``andSequence`` is ``and`` here, as nothing happens over time
#: during one evaluation.
LOGICAL: dict[URIRef, Callable[[list[bool]], bool]] = {
    ODRL2["and"]: all,
    ODRL2["or"]: any,
    ODRL2.xone: lambda states: sum(states) == 1,
    ODRL2.andSequence: all,
}

_MINT_NS = uuid.UUID("6f1d7f0e-3c1a-4d8e-9b2a-0d0c0f0e0d0c")


def mint(*parts: object) -> URIRef:
    """A stable ``urn:uuid:`` IRI for a report node made from ``parts`` (same inputs, same IRI).

    >>> mint("a", 1) == mint("a", 1) != mint("a", 2)
    True
    """
    return URIRef(f"urn:uuid:{uuid.uuid5(_MINT_NS, '|'.join(map(str, parts)))}")


@dataclass
class Facts:
    """What the evaluator knows while evaluating one policy rule against one request rule.

    ``data`` is the union of policy, request and state of the world (used for ``odrl:partOf`` and
    ``rdf:type``), ``world`` the request and state of the world (used for left-operand values),
    ``now`` the current time, ``party`` the requesting party, ``subjects`` the nodes whose
    properties give left-operand values, ``context`` the request rule's context constraints.
    """

    data: Graph
    world: Graph
    now: Literal | None = None
    party: Node | None = None
    subjects: list[Node] = field(default_factory=list)
    context: list[Node] = field(default_factory=list)

    def focused(self, focus: Node) -> "Facts":
        """The same facts, with ``focus`` as the only subject (refinement of a collection)."""
        return Facts(self.data, self.world, self.now, self.party, [focus], self.context)


# --------------------------------------------------------------------------- graph helpers

def objects(graph: Graph, subject: Node, predicate: URIRef) -> list[Node]:
    """Objects of ``subject predicate``; an ``rdf:List`` object is expanded to its members."""
    out: list[Node] = []
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, (BNode, URIRef)) and (obj, RDF.first, None) in graph:
            out.extend(Collection(graph, obj))
        elif obj != RDF.nil:
            out.append(obj)
    return out


def part_of_closure(data: Graph, node: Node, links: Iterable[URIRef] = (ODRL2.partOf,)) -> set[Node]:
    """``node`` and everything it is (transitively) part of along ``links``."""
    seen, todo = {node}, [node]
    while todo:
        current = todo.pop()
        for link in links:
            for parent in data.objects(current, link):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return seen


def members(data: Graph, collection: Node) -> set[Node]:
    """Nodes known (transitively) to be ``odrl:partOf`` ``collection``, or of its ``odrl:source``."""
    wholes = {collection, *data.objects(collection, ODRL2.source)}
    found: set[Node] = set()
    for whole in wholes:
        for member in data.transitive_subjects(ODRL2.partOf, whole):
            if member != whole:
                found.add(member)
    return found


def _types(data: Graph, node: Node) -> set[Node]:
    direct = set(data.objects(node, RDF.type))
    return {sup for t in direct for sup in data.transitive_objects(t, RDFS.subClassOf)}


# --------------------------------------------------------------------------- actions

#: ``odrl:includedIn`` of the ODRL 2.2 actions (:data:`graph.policy.odrl_actions.INCLUDED_IN`, section 4
#: of Vocabulary & Expression, plus the deprecated actions mapped to their replacement).
#: ``odrl:includedIn`` triples found in the input graphs are honoured as well.
ACTION_PARENT: dict[URIRef, URIRef] = {ODRL2[child]: ODRL2[parent] for child, parent in INCLUDED_IN.items()}


def action_ancestors(data: Graph, action: Node) -> set[Node]:
    """``action`` and every action it is (transitively) ``odrl:includedIn``.

    >>> ODRL2.use in action_ancestors(Graph(), ODRL2.read), ODRL2.use in action_ancestors(Graph(), ODRL2.sell)
    (True, False)
    """
    seen, todo = {action}, [action]
    while todo:
        current = todo.pop()
        parents = set(data.objects(current, ODRL2.includedIn))
        if current in ACTION_PARENT:
            parents.add(ACTION_PARENT[current])
        todo.extend(p for p in parents - seen)
        seen |= parents
    return seen


# --------------------------------------------------------------------------- left operands

def left_values(left: Node, facts: Facts) -> list[Node]:
    """The values of left operand ``left`` in ``facts`` (see the module docstring).

    Examples
    --------
    >>> world = Graph().parse(data='<http://ex/kim> <https://w3id.org/regkg/ns#nationality> "KR" .',
    ...                       format="turtle")
    >>> left_values(RKG.nationality, Facts(world, world, subjects=[URIRef("http://ex/kim")]))
    [rdflib.term.Literal('KR')]
    """
    if left == ODRL2.dateTime:
        return [facts.now] if facts.now is not None else []
    stated = _context_values(left, facts)
    if stated:
        return stated
    values: list[Node] = []
    for subject in facts.subjects:
        values.extend(v for v in objects(facts.world, subject, left) if v not in values)
    if left == RKG.memberOf:
        for subject in facts.subjects:
            closure = part_of_closure(facts.data, subject, (RKG.memberOf, ODRL2.partOf)) - {subject}
            values.extend(v for v in closure if v not in values)
    return values


def _context_values(left: Node, facts: Facts) -> list[Node]:
    values: list[Node] = []
    for constraint in facts.context:
        if (constraint, ODRL2.leftOperand, left) not in facts.world:
            continue
        if facts.world.value(constraint, ODRL2.operator) in (ODRL2.eq, ODRL2.isAllOf, None):
            values.extend(objects(facts.world, constraint, ODRL2.rightOperand))
    return values


# --------------------------------------------------------------------------- typed values

def _python(node: Node) -> object:
    """A comparable Python value: aware datetimes (naive ones read as UTC), dates, numbers, text."""
    if not isinstance(node, Literal):
        return node
    value = node.toPython()
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, bool) or isinstance(value, (int, float, Decimal, dt.date, dt.time)):
        return value
    return str(node)


def _comparable(a: object, b: object) -> tuple[object, object] | None:
    """``a`` and ``b`` brought to one type, or None when they cannot be ordered."""
    if isinstance(a, dt.datetime) != isinstance(b, dt.datetime) and all(
            isinstance(x, dt.date) for x in (a, b)):
        # xsd:date against xsd:dateTime: the date is its first instant (UTC).
        a, b = (x if isinstance(x, dt.datetime) else
                dt.datetime(x.year, x.month, x.day, tzinfo=dt.timezone.utc) for x in (a, b))
    numbers = (int, float, Decimal)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool):
        return (float(a), float(b)) if isinstance(a, float) or isinstance(b, float) else (a, b)
    for kind in (dt.datetime, dt.date, dt.time, str):
        if isinstance(a, kind) and isinstance(b, kind):
            return a, b
    return None


def _equal(a: Node, b: Node) -> bool:
    if isinstance(a, Literal) != isinstance(b, Literal):
        return False
    if not isinstance(a, Literal):
        return a == b
    pair = _comparable(_python(a), _python(b))
    return pair is not None and pair[0] == pair[1]


def _order(a: Node, b: Node, test: Callable[[object, object], bool]) -> bool:
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return False
    pair = _comparable(_python(a), _python(b))
    return pair is not None and test(*pair)


# --------------------------------------------------------------------------- operators

def _in(value: Node, values: list[Node]) -> bool:
    return any(_equal(value, other) for other in values)


def apply_operator(op: Node, lefts: list[Node], rights: list[Node], data: Graph) -> bool:
    """Whether ``lefts op rights`` holds; ``lefts`` is a set of values, ``rights`` a set too.

    Comparison operators hold when some left value compares so with every right value; ``neq``
    when no left value equals a right value; ``isAnyOf`` when some left value is among the right
    values, ``isNoneOf`` when none is, ``isAllOf`` when every right value is among the left ones.
    ``isA`` uses ``rdf:type``/``rdfs:subClassOf``; ``isPartOf``/``hasPart`` the reflexive,
    transitive ``odrl:partOf`` (and ``dct:isPartOf``). No left value: never holds.

    Examples
    --------
    >>> from rdflib import Literal, Graph
    >>> from rdflib.namespace import XSD
    >>> now = Literal("2024-02-12T11:20:10Z", datatype=XSD.dateTime)
    >>> apply_operator(ODRL2.lt, [now], [Literal("2024-02-13", datatype=XSD.date)], Graph())
    True
    >>> apply_operator(ODRL2.isAllOf, [Literal("KR"), Literal("US")], [Literal("KR")], Graph())
    True
    """
    if not lefts or not rights:
        return False
    ordered = {ODRL2.lt: lambda a, b: a < b, ODRL2.lteq: lambda a, b: a <= b,
               ODRL2.gt: lambda a, b: a > b, ODRL2.gteq: lambda a, b: a >= b}
    if op in ordered:
        return any(all(_order(l, r, ordered[op]) for r in rights) for l in lefts)
    if op == ODRL2.eq:
        return any(all(_equal(l, r) for r in rights) for l in lefts)
    if op == ODRL2.neq:
        return not any(_in(l, rights) for l in lefts)
    if op == ODRL2.isAnyOf:
        return any(_in(l, rights) for l in lefts)
    if op == ODRL2.isNoneOf:
        return not any(_in(l, rights) for l in lefts)
    if op == ODRL2.isAllOf:
        return all(_in(r, lefts) for r in rights)
    if op == ODRL2.isA:
        return any(all(r == l or r in _types(data, l) for r in rights) for l in lefts)
    links = (ODRL2.partOf, DCTERMS.isPartOf)
    if op == ODRL2.isPartOf:
        return any(all(r in part_of_closure(data, l, links) for r in rights) for l in lefts)
    if op == ODRL2.hasPart:
        return any(all(l in part_of_closure(data, r, links) for r in rights) for l in lefts)
    return False  # an operator this evaluator does not know is never satisfied


# --------------------------------------------------------------------------- constraints

def evaluate_constraint(constraint: Node, facts: Facts, report: Graph, scope: str) -> tuple[Node, bool]:
    """Evaluate ``constraint`` (atomic or logical) and add its ``report:ConstraintReport``.

    Returns the report node and whether the constraint is satisfied. ``scope`` makes the report
    node's IRI unique per rule evaluation.
    """
    node = mint(scope, constraint)
    report.add((node, RDF.type, REPORT.ConstraintReport))
    report.add((node, REPORT.constraint, constraint))
    logical = [(op, objects(facts.data, constraint, op)) for op in LOGICAL
               if (constraint, op, None) in facts.data]
    if logical:
        satisfied = _logical(node, logical[0], facts, report, scope)
    else:
        satisfied = _atomic(node, constraint, facts, report)
    state = REPORT.Satisfied if satisfied else REPORT.Unsatisfied
    report.add((node, REPORT.satisfactionState, state))
    return node, satisfied


def _logical(node: Node, logical: tuple[URIRef, list[Node]], facts: Facts, report: Graph,
             scope: str) -> bool:
    op, operands = logical
    report.add((node, REPORT.constraintLogicalOperand, op))
    states = []
    for operand in operands:
        sub, satisfied = evaluate_constraint(operand, facts, report, scope)
        report.add((node, REPORT.premiseReport, sub))
        states.append(satisfied)
    return bool(operands) and LOGICAL[op](states)


def _atomic(node: Node, constraint: Node, facts: Facts, report: Graph) -> bool:
    left = facts.data.value(constraint, ODRL2.leftOperand)
    op = facts.data.value(constraint, ODRL2.operator)
    rights = objects(facts.data, constraint, ODRL2.rightOperand)
    rights += objects(facts.data, constraint, ODRL2.rightOperandReference)
    lefts = left_values(left, facts) if left is not None else []
    for value in lefts:
        report.add((node, REPORT.constraintLeftOperand, value))
    if op is not None:
        report.add((node, REPORT.constraintOperator, op))
    for value in rights:
        report.add((node, REPORT.constraintRightOperand, value))
    return op is not None and apply_operator(op, lefts, rights, facts.data)


def current_time(world: Graph) -> Literal | None:
    """The state of the world's current time: ``sotw:currentTime`` or ``temp:currentTime``.

    ``sotw:currentTime`` may be the literal itself or a node with ``dct:issued``.

    Examples
    --------
    >>> world = Graph().parse(data="<http://example.com/request/currentTime> "
    ...     '<http://purl.org/dc/terms/issued> "2024-02-12T11:20:10Z" .', format="turtle")
    >>> str(current_time(world))
    '2024-02-12T11:20:10Z'
    """
    for value in world.objects(None, SOTW.currentTime):
        if isinstance(value, Literal):
            return value
        issued = world.value(value, DCTERMS.issued)
        if issued is not None:
            return issued
    return world.value(TEMP.currentTime, DCTERMS.issued)

