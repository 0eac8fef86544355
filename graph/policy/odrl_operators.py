"""ODRL 2.2 constraints on rdflib graphs: left-operand values, and the reports of constraints.

Used by :mod:`graph.policy.odrl`; kept apart so each module stays small. What a constraint means
(operators, logical constraints, part-of, membership of collections) is written once, in
:mod:`graph.policy.constraints`, which :func:`graph.policy.access.decide` uses too; this module is
that engine's adapter to rdflib graphs (:class:`RdfWorld`). A constraint is evaluated in a
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
* ``rkg:memberOf``: like above, plus everything the focus is part of (``odrl:partOf``,
  ``dcterms:isPartOf``, ``rkg:memberOf``), closed transitively (a member of a team that is part of a
  company is a member of the company).

A constraint whose left operand has no known value is *Unsatisfied*: the evaluator does not assume
facts it was not given (closed world), whatever the operator.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ODRL2, RDF, RDFS
from rdflib.term import Node

from graph.data.vocab import REPORT, RKG
from graph.policy import constraints as engine
from graph.policy.constraints import Atomic, CollectionInfo, Iri, Logical
from graph.policy.odrl_actions import INCLUDED_IN

__all__ = ["Facts", "RdfWorld", "SOTW", "TEMP", "LOGICAL", "evaluate_constraint", "left_values",
           "current_time", "objects", "mint", "ACTION_PARENT", "action_ancestors"]

SOTW = Namespace("https://w3id.org/force/sotw#")
#: Namespace of ``temp:currentTime``, the state-of-the-world clock of the public ODRL test suite.
TEMP = Namespace("http://example.com/request/")

#: Logical constraint operands, by their ODRL property (see :data:`graph.policy.constraints.LOGICAL`).
LOGICAL: dict[URIRef, str] = {ODRL2[name]: name for name in engine.LOGICAL}

#: What a node is part of: one closure (:func:`graph.policy.constraints.closure`) for membership,
#: ``isPartOf``/``hasPart`` and ``rkg:memberOf`` values.
_PART_OF = (ODRL2.partOf, DCTERMS.isPartOf, RKG.memberOf)

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


class RdfWorld:
    """The constraint engine's :class:`graph.policy.constraints.World` over rdflib graphs.

    Nodes are handed to the engine as :class:`graph.policy.constraints.Iri` (blank nodes as
    ``_:id``) and literals as Python values; :meth:`term` gives the rdflib term back.
    """

    def __init__(self, data: Graph):
        self.data = data
        self._terms: dict[str, Node] = {}

    def plain(self, value: Node):
        if isinstance(value, Literal):
            return _python(value)
        key = Iri(("_:" if isinstance(value, BNode) else "") + str(value))
        self._terms.setdefault(key, value)
        return key

    def term(self, value) -> Node:
        return self._terms.get(value) or URIRef(value)

    def parents(self, node):
        term = self.term(node)
        return [self.plain(p) for link in _PART_OF for p in self.data.objects(term, link)]

    def types(self, value) -> set:
        if not isinstance(value, Iri):
            return set()
        direct = set(self.data.objects(self.term(value), RDF.type))
        return {self.plain(sup) for t in direct for sup in self.data.transitive_objects(t, RDFS.subClassOf)}

    def constraint(self, node):
        for op, name in LOGICAL.items():
            if (node, op, None) in self.data:
                return Logical(name, tuple(objects(self.data, node, op)))
        op = self.data.value(node, ODRL2.operator)
        rights = objects(self.data, node, ODRL2.rightOperand) + objects(self.data, node, ODRL2.rightOperandReference)
        name = None if op is None else (str(op)[len(str(ODRL2)):] if str(op).startswith(str(ODRL2)) else str(op))
        return Atomic(self.data.value(node, ODRL2.leftOperand), name, tuple(rights))

    def left_values(self, left, focus: "Facts") -> list[Node]:
        return left_values(left, focus)

    def collection(self, node):
        term = self.term(node)
        refinements = tuple(objects(self.data, term, ODRL2.refinement))
        sources = tuple(self.plain(s) for s in self.data.objects(term, ODRL2.source))
        listed = any(True for _ in self.data.subjects(ODRL2.partOf, term))
        universal = any(v.toPython() is True for v in self.data.objects(term, RKG.universal)
                        if isinstance(v, Literal))
        if not (refinements or sources or listed or universal):
            return None
        return CollectionInfo(refinements, sources, listed, universal)

    def subcollections(self, node):
        for sub in self.data.subjects(ODRL2.partOf, self.term(node)):
            info = self.collection(self.plain(sub))
            if info is not None and info.defined_by_refinements:
                yield self.plain(sub)

    def known(self, focus: Node):
        return engine.closure(self, self.plain(focus))


def _python(node: Literal) -> object:
    """A literal as a comparable Python value: date-times, dates, numbers, booleans; text otherwise."""
    value = node.toPython()
    if isinstance(value, bool) or isinstance(value, (int, float, Decimal, dt.date, dt.time)):
        return value
    return str(node)


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
        world = RdfWorld(facts.data)
        for subject in facts.subjects:
            up = [world.term(n) for n in engine.closure(world, world.plain(subject))]
            values.extend(v for v in up if v != subject and v not in values)
    return values


def _context_values(left: Node, facts: Facts) -> list[Node]:
    values: list[Node] = []
    for constraint in facts.context:
        if (constraint, ODRL2.leftOperand, left) not in facts.world:
            continue
        if facts.world.value(constraint, ODRL2.operator) in (ODRL2.eq, ODRL2.isAllOf, None):
            values.extend(objects(facts.world, constraint, ODRL2.rightOperand))
    return values


# --------------------------------------------------------------------------- constraints

def evaluate_constraint(constraint: Node, facts: Facts, report: Graph, scope: str) -> tuple[Node, bool]:
    """Evaluate ``constraint`` (atomic or logical) and add its ``report:ConstraintReport``.

    Returns the report node and whether the constraint is satisfied. ``scope`` makes the report
    node's IRI unique per rule evaluation. The meaning of the constraint is the engine's
    (:func:`graph.policy.constraints.evaluate`); this writes down how it was reached.
    """
    return _report(engine.evaluate(RdfWorld(facts.data), constraint, facts), report, scope)


def _report(outcome: engine.Outcome, report: Graph, scope: str) -> tuple[Node, bool]:
    node = mint(scope, outcome.node)
    report.add((node, RDF.type, REPORT.ConstraintReport))
    report.add((node, REPORT.constraint, outcome.node))
    if outcome.logical is not None:
        report.add((node, REPORT.constraintLogicalOperand, ODRL2[outcome.logical]))
        for child in outcome.children:
            report.add((node, REPORT.premiseReport, _report(child, report, scope)[0]))
    else:
        for value in outcome.lefts:
            report.add((node, REPORT.constraintLeftOperand, value))
        if outcome.operator is not None:
            op = outcome.operator
            report.add((node, REPORT.constraintOperator, URIRef(op) if ":" in op else ODRL2[op]))
        for value in outcome.rights:
            report.add((node, REPORT.constraintRightOperand, value))
    state = REPORT.Satisfied if outcome.satisfied else REPORT.Unsatisfied
    report.add((node, REPORT.satisfactionState, state))
    return node, outcome.satisfied


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

