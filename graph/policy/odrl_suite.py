"""Run :func:`graph.policy.odrl.evaluate` on the public ODRL test suite and compare with its answers.

The suite (SolidLab / imec, MIT) is read where it lies, never copied: ``data/index.ttl`` names for
each test case its policy, request, state of the world and expected report (as URLs of the upstream
repository, whose ``data/...`` part is the local path). Two measures, as in the suite's own
``data/results``: *rule activation* (every expected rule report has our activation state) and
*activation + constraint satisfaction* (also every expected constraint report has our
satisfaction state). Rule reports are matched by ``report:rule``, constraint reports by
``report:constraint``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from graph.data.vocab import REPORT
from graph.policy.odrl import evaluate

__all__ = ["Case", "Outcome", "suite_root", "load_cases", "run_case", "REFERENCE_SCORES"]

EX = Namespace("http://example.org/")
_SOURCES = {"policy": EX.policySource, "request": EX.requestSource, "sotw": EX.sotwSource,
            "expected": EX.expectedReportSource}

#: Scores of the suite's own (TypeScript) reference evaluator, from ``data/results/*.md``.
REFERENCE_SCORES = {"rule activation": 67, "activation + constraint satisfaction": 66}


@dataclass(frozen=True)
class Case:
    """One test case: its id, title and the four files."""

    id: str
    title: str
    policy: Path
    request: Path
    sotw: Path
    expected: Path


@dataclass
class Outcome:
    """How our report compares with the expected one; lists of human-readable differences."""

    activation: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)

    @property
    def activation_ok(self) -> bool:
        return not self.activation

    @property
    def all_ok(self) -> bool:
        return not self.activation and not self.constraints


def suite_root(repo_root: Path) -> Path:
    """``$REGKG_ODRL_SUITE``, else ``<repo_root>/../shared/odrl-test-suite``."""
    env = os.environ.get("REGKG_ODRL_SUITE")
    return Path(env) if env else repo_root.parent / "shared" / "odrl-test-suite"


def load_cases(root: Path) -> list[Case]:
    """The test cases listed in ``root/data/index.ttl``, in file-name order."""
    data = root / "data"
    index = Graph().parse(data / "index.ttl", format="nt")
    cases = []
    for case in set(index.subjects(_SOURCES["expected"], None)):
        files = {key: data / str(index.value(case, prop)).split("/data/", 1)[1]
                 for key, prop in _SOURCES.items()}
        title = str(index.value(case, DCTERMS.title) or "")
        cases.append(Case(str(case), title, **files))
    return sorted(cases, key=lambda c: c.expected.name)


def run_case(case: Case) -> Outcome:
    """Evaluate ``case`` and compare with its expected report."""
    graphs = [Graph().parse(p, format="turtle") for p in (case.policy, case.request, case.sotw)]
    ours = evaluate(*graphs)
    expected = Graph().parse(case.expected, format="turtle")
    outcome = Outcome()
    for rule_report in expected.objects(None, REPORT.ruleReport):
        rule = expected.value(rule_report, REPORT.rule)
        want = expected.value(rule_report, REPORT.activationState)
        got = _states(ours, REPORT.rule, rule, REPORT.activationState)
        if got != {want}:
            outcome.activation.append(f"rule {rule}: expected {_name(want)}, got {_names(got)}")
    for report in expected.subjects(RDF.type, REPORT.ConstraintReport):
        constraint = expected.value(report, REPORT.constraint)
        want = expected.value(report, REPORT.satisfactionState)
        got = _states(ours, REPORT.constraint, constraint, REPORT.satisfactionState)
        if got != {want}:
            outcome.constraints.append(
                f"constraint {constraint}: expected {_name(want)}, got {_names(got)}")
    return outcome


def _states(graph: Graph, key: Node, value: Node, state: Node) -> set[Node]:
    return {graph.value(s, state) for s in graph.subjects(key, value)}


def _name(node: Node | None) -> str:
    return str(node).rsplit("#", 1)[-1] if node is not None else "nothing"


def _names(nodes: set[Node]) -> str:
    return ", ".join(sorted(_name(n) for n in nodes)) or "nothing"
