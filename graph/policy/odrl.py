"""An ODRL 2.2 evaluator that writes FORCE compliance reports.

Given a policy, a request and a state of the world (sotw), :func:`evaluate` tells for every rule of
the policy whether it is *active* for the request, with the reasons (premises), in the vocabulary of
the FORCE compliance report model (``report:`` = ``https://w3id.org/force/compliance-report#``).

How a rule is evaluated
-----------------------
* Rules: ``odrl:permission`` (``report:PermissionReport``), ``odrl:prohibition``
  (``report:ProhibitionReport``) and ``odrl:obligation`` (``report:DutyReport``). A rule inherits
  ``odrl:target``, ``odrl:assignee`` and ``odrl:action`` from its policy when it has none.
* Request: an ``odrl:Request`` whose ``odrl:permission`` rules name the requesting party
  (``odrl:assignee``), ``odrl:action`` and ``odrl:target``, or a ``sotw:EvaluationRequest`` with
  ``sotw:requestingParty``/``requestedAction``/``requestedTarget``. Context the requester states
  (purpose, delivery channel, ...) is given by constraints on the request rule (``sotw:context`` or
  ``odrl:constraint``), see :mod:`graph.policy.odrl_operators`.
* Premises, each reported only when the rule has that property: ``report:TargetReport`` (the
  requested asset is the target, or a member of the target asset collection), ``report:PartyReport``
  (the requesting party is the assignee, or a member of the assignee party collection),
  ``report:ActionReport`` (the requested action is the rule's action or included in it, e.g.
  ``odrl:read`` in ``odrl:use``), one ``report:ConstraintReport`` per ``odrl:constraint``.
* Collections: a party (asset) is a member of a ``odrl:PartyCollection`` (``odrl:AssetCollection``)
  when the graphs say it is ``odrl:partOf`` it, or of its ``odrl:source``, possibly through
  intermediate collections. A collection with an ``odrl:refinement`` admits only the members that
  satisfy every refinement, evaluated with the member as focus (e.g. ``rkg:nationality`` of the
  candidate party). A collection that has refinements but neither ``odrl:source`` nor any known
  member is defined by its refinements alone ("every party whose nationality is KR"). This is the
  membership rule of :mod:`graph.policy.constraints`, which access decisions use too.
* Activation: a rule is ``report:Active`` when all its premises are satisfied. A permission with
  duties is moreover ``report:Inactive`` when the sotw reports one of its duties as
  ``report:Violated`` (test cases 059-061: "yes, if the duty is not violated"); a duty the sotw
  says nothing about gets a fresh ``report:DutyReport`` (``report:NonSet``, performance
  ``report:Unknown``) and does not block the permission. Duty reports are linked from the
  permission report with ``report:conditionReport``.

Report node IRIs are ``urn:uuid:`` IRIs derived from the inputs, so the same inputs give the same
report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ODRL2, RDF, XSD
from rdflib.term import Node
from rdflib.util import guess_format

from graph.data.vocab import REPORT
from graph.errors import InputError
from graph.policy import constraints as engine
from graph.policy.odrl_operators import (
    SOTW,
    Facts,
    RdfWorld,
    action_ancestors,
    current_time,
    evaluate_constraint,
    mint,
    objects,
)

__all__ = ["evaluate", "evaluate_files"]

_RULE_KINDS = {ODRL2.permission: REPORT.PermissionReport, ODRL2.prohibition: REPORT.ProhibitionReport,
               ODRL2.obligation: REPORT.DutyReport}
_REQUEST_TYPES = (ODRL2.Request, SOTW.EvaluationRequest)

@dataclass(frozen=True)
class _RequestRule:
    """One thing asked for: ``party`` wants to do ``action`` on ``target``."""

    request: Node
    node: Node
    party: Node | None
    action: Node | None
    target: Node | None
    context: tuple[Node, ...]


@dataclass
class _Run:
    """The inputs of one evaluation and the report being written."""

    policy: Graph
    sotw: Graph
    data: Graph
    world: Graph
    now: Literal | None
    report: Graph


def evaluate(policy: Graph, request: Graph, sotw: Graph) -> Graph:
    """Evaluate an ODRL policy against a request in a state of the world.

    Parameters
    ----------
    policy : rdflib.Graph
        One or more ODRL policies (subjects with ``odrl:permission``/``prohibition``/``obligation``).
    request : rdflib.Graph
        An ``odrl:Request`` (or ``sotw:EvaluationRequest``) naming party, action and target.
    sotw : rdflib.Graph
        The state of the world: current time, memberships, party attributes, duty reports.

    Returns
    -------
    rdflib.Graph
        The FORCE compliance report: one ``report:PolicyReport`` per policy and request, with a
        rule report per rule and request rule.

    Raises
    ------
    graph.errors.InputError
        When the policy graph holds no policy or the request graph no request.

    Examples
    --------
    >>> from rdflib import Graph
    >>> pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> . @prefix ex: <http://example.org/> ."
    >>> policy = Graph().parse(data=pre + "ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use ] .")
    >>> request = Graph().parse(data=pre + "ex:r a odrl:Request; odrl:permission [ "
    ...     "odrl:assignee ex:alice; odrl:action odrl:read; odrl:target ex:x ] .")
    >>> report = evaluate(policy, request, Graph())
    >>> [str(state) for state in report.objects(None, REPORT.activationState)]
    ['https://w3id.org/force/compliance-report#Active']
    """
    policies, requests = _policies(policy), _request_rules(request)
    if not policies:
        raise InputError("policy: no ODRL policy found (no odrl:permission, odrl:prohibition "
                         "or odrl:obligation)")
    if not requests:
        raise InputError("request: no odrl:Request with an odrl:permission, nor a "
                         "sotw:EvaluationRequest, found")
    run = _Run(policy, sotw, policy + request + sotw, request + sotw, current_time(sotw), Graph())
    for prefix, ns in (("report", REPORT), ("odrl", ODRL2), ("dct", DCTERMS), ("xsd", XSD)):
        run.report.bind(prefix, ns)
    for pol in policies:
        for req in sorted({r.request for r in requests}, key=str):
            _policy_report(run, pol, [r for r in requests if r.request == req])
    return run.report


def evaluate_files(policy_path: str | Path, request_path: str | Path,
                   sotw_path: str | Path) -> Graph:
    """Read policy, request and state of the world from RDF files and :func:`evaluate` them.

    The format is guessed from the file extension (Turtle when unknown).

    Parameters
    ----------
    policy_path, request_path, sotw_path : str or pathlib.Path
        The files holding the policy, the request and the state of the world.

    Returns
    -------
    rdflib.Graph
        The compliance report, as :func:`evaluate` returns it.

    Raises
    ------
    graph.errors.InputError
        A missing or unreadable file, malformed RDF (with the file name and line), or no
        policy/request in the file meant to hold it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> pre = "@prefix odrl: <http://www.w3.org/ns/odrl/2/> . @prefix ex: <http://example.org/> .\\n"
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "p.ttl").write_text(pre + "ex:p a odrl:Set; odrl:prohibition [ odrl:action odrl:sell ] .")
    >>> _ = (d / "r.ttl").write_text(pre + "ex:r a odrl:Request; odrl:permission [ odrl:action odrl:read ] .")
    >>> _ = (d / "s.ttl").write_text(pre)
    >>> report = evaluate_files(d / "p.ttl", d / "r.ttl", d / "s.ttl")
    >>> len(list(report.subjects(RDF.type, REPORT.ProhibitionReport)))
    1
    """
    graphs = [_read(Path(p)) for p in (policy_path, request_path, sotw_path)]
    if not _policies(graphs[0]):
        raise InputError(f"{policy_path}: no ODRL policy found (no odrl:permission, "
                         "odrl:prohibition or odrl:obligation)")
    if not _request_rules(graphs[1]):
        raise InputError(f"{request_path}: no odrl:Request with an odrl:permission, nor a "
                         "sotw:EvaluationRequest, found")
    return evaluate(*graphs)


# --------------------------------------------------------------------------- reading

def _read(path: Path) -> Graph:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    try:
        return Graph().parse(data=text, format=guess_format(str(path)) or "turtle",
                             publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many exception types for malformed input
        raise InputError(f"{path}{_line(exc)}: malformed RDF: {_why(exc)}") from None


def _line(exc: Exception) -> str:
    line = getattr(exc, "lines", None)  # notation3.BadSyntax counts the newlines before the error
    return f":{line + 1}" if isinstance(line, int) else ""


def _why(exc: Exception) -> str:
    why = getattr(exc, "_why", None)
    if why:
        return str(why)
    if isinstance(exc, IndexError):
        return "unexpected end of file"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _policies(graph: Graph) -> list[Node]:
    """Subjects with rules (typed or not as a policy), except requests."""
    found = {s for p in _RULE_KINDS for s in graph.subjects(p, None)}
    found -= {s for t in _REQUEST_TYPES for s in graph.subjects(RDF.type, t)}
    return sorted(found, key=str)


def _request_rules(graph: Graph) -> list[_RequestRule]:
    rules = []
    for req in set(graph.subjects(RDF.type, ODRL2.Request)):
        for perm in objects(graph, req, ODRL2.permission):
            party, action, target = (graph.value(perm, prop) or graph.value(req, prop)
                                     for prop in (ODRL2.assignee, ODRL2.action, ODRL2.target))
            context = objects(graph, perm, SOTW.context) + objects(graph, perm, ODRL2.constraint)
            rules.append(_RequestRule(req, perm, party, action, target, tuple(context)))
    for req in set(graph.subjects(RDF.type, SOTW.EvaluationRequest)):
        rules.append(_RequestRule(req, req, graph.value(req, SOTW.requestingParty),
                                  graph.value(req, SOTW.requestedAction),
                                  graph.value(req, SOTW.requestedTarget),
                                  tuple(objects(graph, req, SOTW.context))))
    return sorted(rules, key=lambda r: (str(r.request), str(r.node)))


# --------------------------------------------------------------------------- reports

def _policy_report(run: _Run, policy: Node, requests: list[_RequestRule]) -> None:
    node = mint("policy-report", policy, requests[0].request)
    created = run.now if run.now is not None else Literal(
        dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"), datatype=XSD.dateTime)
    for p, o in ((RDF.type, REPORT.PolicyReport), (REPORT.policy, policy),
                 (REPORT.policyRequest, requests[0].request), (DCTERMS.created, created)):
        run.report.add((node, p, o))
    for prop, kind in _RULE_KINDS.items():
        for rule in sorted(objects(run.policy, policy, prop), key=str):
            for req in requests:
                run.report.add((node, REPORT.ruleReport, _rule_report(run, policy, rule, kind, req)))


def _rule_report(run: _Run, policy: Node, rule: Node, kind: URIRef, req: _RequestRule) -> Node:
    scope = f"{policy}|{rule}|{req.node}"
    node = mint("rule-report", scope)
    report = run.report
    for p, o in ((RDF.type, kind), (REPORT.rule, rule), (REPORT.ruleRequest, req.node),
                 (REPORT.attemptState, REPORT.Attempted)):
        report.add((node, p, o))
    subjects = [n for n in (req.party, req.node, req.request) if n is not None]
    facts = Facts(run.data, run.world, run.now, req.party, subjects, list(req.context))
    states = [_premise(run, node, scope, REPORT[name], ok) for name, ok in _premises(
        run, policy, rule, req, facts)]
    for constraint in sorted(objects(run.data, rule, ODRL2.constraint), key=str):
        sub, ok = evaluate_constraint(constraint, facts, report, scope)
        report.add((node, REPORT.premiseReport, sub))
        states.append(ok)
    active = all(states)
    if kind == REPORT.PermissionReport:
        for duty in sorted(objects(run.data, rule, ODRL2.duty), key=str):
            cond, violated = _duty_condition(run, duty, facts, scope)
            report.add((node, REPORT.conditionReport, cond))
            active = active and not violated
    if kind == REPORT.DutyReport:
        _copy_deontic_state(run, rule, node)
    report.add((node, REPORT.activationState, REPORT.Active if active else REPORT.Inactive))
    return node


def _premises(run: _Run, policy: Node, rule: Node, req: _RequestRule, facts: Facts):
    """(report class name, satisfied) for target, party and action, when the rule has them."""
    def inherited(prop: URIRef) -> list[Node]:
        return objects(run.policy, rule, prop) or objects(run.policy, policy, prop)

    checks = (("TargetReport", ODRL2.target, req.target), ("PartyReport", ODRL2.assignee, req.party))
    for name, prop, asked in checks:
        allowed = inherited(prop)
        if allowed:
            yield name, any(_member_of(run, a, asked, facts) for a in allowed)
    actions = inherited(ODRL2.action)
    if actions:
        yield "ActionReport", any(_action_matches(run, a, req.action, facts) for a in actions)


def _premise(run: _Run, rule_report: Node, scope: str, kind: URIRef, ok: bool) -> bool:
    node = mint(scope, kind)
    run.report.add((rule_report, REPORT.premiseReport, node))
    run.report.add((node, RDF.type, kind))
    run.report.add((node, REPORT.satisfactionState, REPORT.Satisfied if ok else REPORT.Unsatisfied))
    return ok


# --------------------------------------------------------------------------- matching

def _member_of(run: _Run, allowed: Node, asked: Node | None, facts: Facts) -> bool:
    """Whether party/asset ``asked`` is ``allowed`` or a member of the collection ``allowed``
    (the membership rule of :mod:`graph.policy.constraints`, refinements evaluated on ``asked``)."""
    if asked is None:
        return False
    world = RdfWorld(run.data)
    return engine.is_member(world, world.plain(allowed), facts.focused(asked), world.known(asked))


def _refined(refinements: list[Node], facts: Facts) -> bool:
    """Whether every refinement holds."""
    world = RdfWorld(facts.data)
    return all(engine.holds(world, r, facts) for r in refinements)


def _action_matches(run: _Run, allowed: Node, asked: Node | None, facts: Facts) -> bool:
    """Whether the requested action is the rule's action or included in it, and refinements hold."""
    if asked is None:
        return False
    allowed_value = _action_value(run.data, allowed)
    asked_value = _action_value(run.data, asked)
    if allowed_value not in action_ancestors(run.data, asked_value):
        return False
    return _refined(objects(run.data, allowed, ODRL2.refinement), facts)


def _action_value(data: Graph, action: Node) -> Node:
    """An action given as ``[ rdf:value odrl:print; odrl:refinement ... ]`` is ``odrl:print``."""
    return data.value(action, RDF.value) if isinstance(action, BNode) and (
        action, RDF.value, None) in data else action


# --------------------------------------------------------------------------- duties

def _duty_condition(run: _Run, duty: Node, facts: Facts, scope: str) -> tuple[Node, bool]:
    """The report of a permission's duty and whether that duty is violated.

    The state of the world may already hold a ``report:DutyReport`` for the duty (``report:rule``
    is the duty); it is linked (and copied into the report). Otherwise a new duty report is made:
    activation from the duty's own constraints, deontic state ``report:NonSet``.

    Only reports about *this* duty count. (Test cases 065-068 expect a ``report:conditionReport``
    to the sotw's report about another policy's duty; we do not link it, and the permission's
    activation is the same either way: a duty nobody reports as violated does not block it.)
    """
    known = sorted((s for s in run.sotw.subjects(REPORT.rule, duty)
                    if (s, RDF.type, REPORT.DutyReport) in run.sotw), key=str)
    if known:
        for triple in run.sotw.triples((known[0], None, None)):
            run.report.add(triple)
        violated = any((k, REPORT.deonticState, REPORT.Violated) in run.sotw for k in known)
        return known[0], violated
    node = mint("duty-report", scope, duty)
    for p, o in ((RDF.type, REPORT.DutyReport), (REPORT.rule, duty),
                 (REPORT.performanceState, REPORT.Unknown), (REPORT.deonticState, REPORT.NonSet)):
        run.report.add((node, p, o))
    states = []
    for constraint in sorted(objects(run.data, duty, ODRL2.constraint), key=str):
        sub, ok = evaluate_constraint(constraint, facts, run.report, f"{scope}|{duty}")
        run.report.add((node, REPORT.premiseReport, sub))
        states.append(ok)
    run.report.add((node, REPORT.activationState, REPORT.Active if all(states) else REPORT.Inactive))
    return node, False


def _copy_deontic_state(run: _Run, duty: Node, node: Node) -> None:
    """Copy performance and deontic state of an obligation from a sotw duty report, if any."""
    for known in run.sotw.subjects(REPORT.rule, duty):
        for prop in (REPORT.performanceState, REPORT.deonticState):
            for value in run.sotw.objects(known, prop):
                run.report.add((node, prop, value))
