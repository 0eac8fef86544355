"""The foundation a user relies on: the data validates, exports round-trip, show cites, schema is generated."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib.compare import isomorphic

from graph.data.models import (EVENT_TYPES, LEGAL_BASES, OPENNESS, ORG_KINDS, PRECISIONS, STATEMENT_KINDS, STATUSES,
                               DataFile)
from graph.data.validate import load_ontology, validate_graph
from graph.data.vocab import BASIS, ETYPE, ORGKIND, PRECISION, PROV, RDFS, RKG, SKIND, SKOS, STATUS
from graph.data.vocab import OPENNESS as OPENNESS_NS
from graph.store.build import dataset_from_data, graph_from_data


def test_curated_data_conforms_to_the_shapes():
    """What a build validates: one account per record (a disputed date gives an event two in the union)."""
    _, graphs = dataset_from_data()
    assert validate_graph(graphs.main) == []


def test_validate_command_passes_on_data(run_regkg):
    result = run_regkg("validate")
    assert result.returncode == 0, result.stderr
    assert "conforms" in result.stdout


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")])
def test_export_then_reimport_is_isomorphic(run_regkg, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"graph.{fmt}"
    result = run_regkg("export", "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    reimported = rdflib.Graph().parse(out, format=rdflib_format)
    _, built = graph_from_data()
    assert len(reimported) == len(built)
    assert isomorphic(reimported, built)


def test_export_to_stdout_is_turtle(run_regkg):
    result = run_regkg("export", "--format", "ttl")
    assert result.returncode == 0
    g = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (None, RDFS.label, rdflib.Literal("Claude Mythos 5")) in g


def test_show_mythos_lists_directive_suspension_and_reinstatement_with_dates_and_source(run_regkg):
    result = run_regkg("show", "mythos 5")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Claude Mythos 5")
    lines = out.splitlines()
    for label, date_text in [
        ("US export-control directive on Claude Mythos 5 and Fable 5", "mid-June 2026"),
        ("Anthropic suspends access to Claude Mythos 5 and Fable 5 for all customers", "mid-June 2026"),
        ("Claude Mythos 5 allowed again for 100 or more approved US institutions", "after the suspension"),
    ]:
        [i] = [i for i, line in enumerate(lines) if label in line]
        assert date_text in lines[i]
        assert "The era of government pre-review of AI" in lines[i + 1], "each line names its source section"


@pytest.mark.parametrize("name", ["Mythos", "mythos-5", "CLAUDE MYTHOS 5", "claude_mythos 5"])
def test_show_resolves_aliases_ignoring_case_spaces_and_hyphens(run_regkg, name):
    result = run_regkg("show", name, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["iri"].endswith("/model/claude-mythos-5")


def test_show_unknown_name_suggests_closest(run_regkg):
    result = run_regkg("show", "mythos 6")
    assert result.returncode == 2
    assert "unknown entity 'mythos 6'" in result.stderr and "Mythos 5" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_generated_from_the_models(run_regkg):
    result = run_regkg("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema == json.loads(json.dumps(DataFile.model_json_schema(by_alias=True)))
    assert {"events", "policies", "models"} <= set(schema["properties"])


def test_stats_counts_kinds(run_regkg):
    result = run_regkg("stats", "--json")
    counts = json.loads(result.stdout)
    assert counts["model"] >= 10 and counts["event"] >= 10 and counts["triples"] > 500


def test_every_command_has_help(run_regkg):
    from graph.cli import COMMANDS

    for name in COMMANDS:
        result = run_regkg(name, "--help")
        assert result.returncode == 0, (name, result.stderr)
        assert "Usage:" in result.stdout


@pytest.mark.parametrize("values,namespace,scheme", [
    (STATUSES, STATUS, "StatusScheme"), (EVENT_TYPES, ETYPE, "EventTypeScheme"),
    (PRECISIONS, PRECISION, "PrecisionScheme"), (OPENNESS, OPENNESS_NS, "OpennessScheme"),
    (ORG_KINDS, ORGKIND, "OrganizationKindScheme"), (STATEMENT_KINDS, SKIND, "StatementKindScheme"),
    (LEGAL_BASES, BASIS, "LegalBasisScheme"),
])
def test_authoring_values_and_ontology_concept_schemes_agree(values, namespace, scheme):
    onto = load_ontology()
    in_scheme = {str(c)[len(str(namespace)):] for c in onto.subjects(SKOS.inScheme, RKG[scheme])}
    assert in_scheme == set(values)


def test_every_ontology_term_has_label_and_comment():
    from rdflib.namespace import OWL, RDF

    onto = load_ontology()
    terms = [t for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in onto.subjects(RDF.type, cls) if str(t).startswith(str(RKG))]
    assert len(terms) > 40
    for term in terms:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_every_term_used_in_the_graph_is_defined_in_the_ontology():
    from rdflib.namespace import RDF

    _, g = graph_from_data()
    onto = load_ontology()
    used = {p for p in g.predicates() if str(p).startswith(str(RKG))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(RKG))}
    undefined = {t for t in used if (t, RDF.type, None) not in onto}
    assert not undefined


def test_every_statement_has_source_and_status():
    _, g = graph_from_data()
    for cls in (RKG.Event, RKG.AccessPolicy, RKG.Statement, RKG.Figure, RKG.AIModel, RKG.Organization):
        for node in g.subjects(rdflib.RDF.type, cls):
            assert g.value(node, PROV.wasDerivedFrom) is not None, node
            assert g.value(node, RKG.status) is not None, node


def test_plain_string_namespaces_match_the_rdflib_ones():
    """graph.data.iris spells a few namespaces for the start-up path; they must be the same IRIs."""
    from rdflib.namespace import ODRL2, XSD

    from graph.data import iris
    from graph.data.vocab import BASE, ID, iri

    assert iris.ODRL == str(ODRL2) and iris.XSD == str(XSD)
    assert iris.REGKG_BASE == BASE and iris.ID == str(ID)
    assert iris.ID + "country/US" == str(iri("countries", "US"))
    from graph.data.vocab import DEVICE, PURPOSE

    assert iris.DEVICE == str(DEVICE) and iris.PURPOSE == str(PURPOSE)


def test_a_command_that_cannot_import_says_why_not_no_such_command(monkeypatch):
    from click.testing import CliRunner

    import graph.cli as cli_module

    monkeypatch.setitem(cli_module.COMMANDS, "check", "graph.cli.no_such_module:check_cmd")
    result = CliRunner().invoke(cli_module.cli, ["check", "mythos", "--on", "2026-08-01"])
    assert result.exit_code == 70
    assert "'regkg check' cannot start" in result.output and "graph.cli.no_such_module" in result.output
    assert "No such command" not in result.output
