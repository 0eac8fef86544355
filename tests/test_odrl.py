"""regkg-specific behaviour of the ODRL evaluator, on small inline policies, and its CLI."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF

from graph.cli.odrl import odrl
from graph.data.vocab import REPORT
from graph.errors import InputError
from graph.policy.odrl import evaluate

PREFIXES = """
@prefix odrl: <http://www.w3.org/ns/odrl/2/> .
@prefix rkg: <https://w3id.org/regkg/ns#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix sotw: <https://w3id.org/force/sotw#> .
@prefix report: <https://w3id.org/force/compliance-report#> .
"""

WORLD = PREFIXES + """
[] a sotw:SotW; sotw:currentTime [ dct:issued "2025-06-01T12:00:00Z"^^xsd:dateTime ] .
ex:minji rkg:nationality "KR"; rkg:employer ex:acme; rkg:memberOf ex:evalTeam .
ex:evalTeam odrl:partOf ex:safetyInstitute .
ex:john rkg:nationality "US"; rkg:employer ex:other .
"""


def _graph(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


def _request(party: str, action: str = "odrl:read", extra: str = "") -> Graph:
    return _graph(f"ex:req a odrl:Request; odrl:permission ex:ask . "
                  f"ex:ask odrl:assignee {party}; odrl:action {action}; odrl:target ex:model {extra} .")


def _activation(policy: str, party: str, world: str = WORLD, **kw) -> str:
    report = evaluate(_graph(policy), _request(party, **kw), Graph().parse(data=world, format="turtle"))
    states = [report.value(r, REPORT.activationState) for r in report.objects(None, REPORT.ruleReport)]
    assert len(states) == 1, states
    return str(states[0]).rsplit("#", 1)[1]


def _constraint_state(report: Graph, constraint: str) -> str:
    node = next(report.subjects(REPORT.constraint, _graph("").namespace_manager.expand_curie(constraint)))
    return str(report.value(node, REPORT.satisfactionState)).rsplit("#", 1)[1]


@pytest.mark.parametrize(("constraint", "party", "expected"), [
    ('rkg:nationality; odrl:operator odrl:eq; odrl:rightOperand "KR"', "ex:minji", "Active"),
    ('rkg:nationality; odrl:operator odrl:eq; odrl:rightOperand "KR"', "ex:john", "Inactive"),
    ('rkg:nationality; odrl:operator odrl:isNoneOf; odrl:rightOperand "KP", "IR"', "ex:minji", "Active"),
    ("rkg:employer; odrl:operator odrl:eq; odrl:rightOperand ex:acme", "ex:minji", "Active"),
    ("rkg:employer; odrl:operator odrl:neq; odrl:rightOperand ex:acme", "ex:john", "Active"),
    # memberOf follows rkg:memberOf and odrl:partOf transitively: team -> institute
    ("rkg:memberOf; odrl:operator odrl:eq; odrl:rightOperand ex:safetyInstitute", "ex:minji", "Active"),
    ("rkg:memberOf; odrl:operator odrl:eq; odrl:rightOperand ex:safetyInstitute", "ex:john", "Inactive"),
    # an attribute the state of the world does not give is never satisfied, whatever the operator
    ('rkg:nationality; odrl:operator odrl:neq; odrl:rightOperand "KR"', "ex:nobody", "Inactive"),
])
def test_party_attribute_left_operands(constraint: str, party: str, expected: str) -> None:
    policy = f"""ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use; odrl:target ex:model;
        odrl:constraint [ odrl:leftOperand {constraint} ] ] ."""
    assert _activation(policy, party) == expected


@pytest.mark.parametrize(("party", "expected"), [("ex:minji", "Active"), ("ex:john", "Inactive")])
def test_party_collection_defined_by_nationality_refinement(party: str, expected: str) -> None:
    policy = """ex:p a odrl:Set; odrl:permission [ odrl:action odrl:read; odrl:target ex:model;
        odrl:assignee [ a odrl:PartyCollection; odrl:refinement [
            odrl:leftOperand rkg:nationality; odrl:operator odrl:eq; odrl:rightOperand "KR" ] ] ] ."""
    assert _activation(policy, party) == expected


def test_refinement_narrows_a_party_collection_with_members() -> None:
    policy = """ex:p a odrl:Set; odrl:permission [ odrl:action odrl:read; odrl:target ex:model;
        odrl:assignee ex:staff ] .
        ex:staff a odrl:PartyCollection; odrl:source ex:staffList; odrl:refinement [
            odrl:leftOperand rkg:nationality; odrl:operator odrl:eq; odrl:rightOperand "KR" ] ."""
    world = WORLD + "ex:minji odrl:partOf ex:staffList . ex:john odrl:partOf ex:staffList ."
    assert _activation(policy, "ex:minji", world) == "Active"
    assert _activation(policy, "ex:john", world) == "Inactive"  # a member, but not KR
    assert _activation(policy, "ex:alice", world + 'ex:alice rkg:nationality "KR" .') == "Inactive"


def test_xone_needs_exactly_one_operand() -> None:
    policy = """ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use; odrl:constraint ex:x ] .
        ex:x a odrl:LogicalConstraint; odrl:xone ( ex:kr ex:acme ) .
        ex:kr odrl:leftOperand rkg:nationality; odrl:operator odrl:eq; odrl:rightOperand "KR" .
        ex:acme odrl:leftOperand rkg:employer; odrl:operator odrl:eq; odrl:rightOperand ex:acme ."""
    world = WORLD + 'ex:kim rkg:nationality "KR"; rkg:employer ex:other .'
    assert _activation(policy, "ex:kim", world) == "Active"      # KR only
    assert _activation(policy, "ex:minji", world) == "Inactive"  # KR and employed by acme
    assert _activation(policy, "ex:john", world) == "Inactive"   # neither
    report = evaluate(_graph(policy), _request("ex:minji"), Graph().parse(data=world))
    assert _constraint_state(report, "ex:kr") == "Satisfied"
    assert _constraint_state(report, "ex:x") == "Unsatisfied"


def test_typed_comparisons_and_request_context() -> None:
    policy = """ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use; odrl:constraint [ odrl:and
        [ odrl:leftOperand odrl:dateTime; odrl:operator odrl:lt; odrl:rightOperand "2025-06-02"^^xsd:date ],
        [ odrl:leftOperand odrl:purpose; odrl:operator odrl:isAnyOf;
          odrl:rightOperand ex:research, ex:safetyTesting ] ] ] ."""
    context = ("; odrl:constraint [ odrl:leftOperand odrl:purpose; odrl:operator odrl:eq; "
               "odrl:rightOperand ex:safetyTesting ]")
    assert _activation(policy, "ex:minji", extra=context) == "Active"
    assert _activation(policy, "ex:minji") == "Inactive"  # no purpose stated


def test_violated_duty_deactivates_permission() -> None:
    policy = "ex:p a odrl:Set; odrl:permission [ odrl:action odrl:read; odrl:duty ex:pay ] ."
    violated = WORLD + "[] a report:DutyReport; report:rule ex:pay; report:deonticState report:Violated ."
    assert _activation(policy, "ex:minji") == "Active"
    assert _activation(policy, "ex:minji", violated) == "Inactive"


# --------------------------------------------------------------------------- CLI

def _main_cli() -> click.Group:
    """The real ``regkg`` group: it turns RegkgError into a message and exit status 2."""
    from graph.cli import cli

    return cli


def _files(tmp_path: Path, policy: str) -> list[str]:
    files = {"policy": PREFIXES + policy,
             "request": PREFIXES + "ex:req a odrl:Request; odrl:permission [ odrl:assignee ex:minji; "
                                   "odrl:action odrl:read; odrl:target ex:model ] .",
             "sotw": WORLD}
    args = []
    for name, text in files.items():
        (tmp_path / f"{name}.ttl").write_text(text)
        args += [f"--{name}", str(tmp_path / f"{name}.ttl")]
    return args


def test_cli_prints_the_report_as_turtle(tmp_path: Path) -> None:
    args = _files(tmp_path, "ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use ] .")
    result = CliRunner().invoke(_main_cli(), ["odrl", "evaluate", *args])
    assert result.exit_code == 0, result.output
    report = Graph().parse(data=result.output, format="turtle")
    rule_report = next(report.subjects(RDF.type, REPORT.PermissionReport))
    assert report.value(rule_report, REPORT.activationState) == REPORT.Active


def test_cli_malformed_turtle_is_a_clear_error(tmp_path: Path) -> None:
    args = _files(tmp_path, "ex:p a odrl:Set;\n odrl:permission [ odrl:action ; ] .")
    result = CliRunner().invoke(_main_cli(), ["odrl", "evaluate", *args])
    assert result.exit_code == 2
    assert "policy.ttl:" in result.stderr and "Traceback" not in result.output + result.stderr
    with pytest.raises(InputError, match=r"policy\.ttl:\d+"):  # the group itself just raises
        CliRunner().invoke(odrl, ["evaluate", *args], catch_exceptions=False)


def test_cli_missing_file_names_it(tmp_path: Path) -> None:
    args = _files(tmp_path, "ex:p a odrl:Set; odrl:permission [ odrl:action odrl:use ] .")
    (tmp_path / "sotw.ttl").unlink()
    result = CliRunner().invoke(_main_cli(), ["odrl", "evaluate", *args])
    assert result.exit_code == 2 and "sotw.ttl" in result.stderr
