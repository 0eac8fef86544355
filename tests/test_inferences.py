"""Issue 10's corrections that change decisions, each pinned to the passage of SOURCE-FACTS it
rests on, and what the curator inferred marked as such everywhere: the authoring format, the RDF
(an ontology property SPARQL can filter on), the SHACL shapes, the projection, the evidence of
``check --json``, and ``check --strict``.
"""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Literal, URIRef

from conftest import shared_path
from graph.data.loader import load_dataset
from graph.data.paths import default_data_dir
from graph.data.validate import validate_graph
from graph.data.vocab import RKG, iri
from graph.store.build import graph_from_data

ID = "https://w3id.org/regkg/id/"


@pytest.fixture(scope="module")
def facts() -> str:
    """SOURCE-FACTS.md with its lines joined, so a passage can be quoted across a line break."""
    return re.sub(r"\s+", " ", shared_path("SOURCE-FACTS.md", env="REGKG_SOURCE_FACTS").read_text())


@pytest.fixture(scope="module")
def records():
    return load_dataset(default_data_dir()).by_id()


def quoted(facts: str, passage: str) -> None:
    assert passage in facts, f"SOURCE-FACTS no longer says: {passage}"


def check(run_regkg, *args) -> dict:
    result = run_regkg("check", *args, "--json")
    assert result.returncode in (0, 1, 3, 4), result.stderr
    return json.loads(result.stdout)


# --------------------------------------------------------------------------- the corrections

def test_100_or_more_institutions(facts, records):
    quoted(facts, '"100개 이상": 이상 includes the number itself, so the minimum is 100, not 101')
    group = records["approved-us-institutions"]
    assert group.min_members == 100
    assert "100 or more" in group.description and "100 or more" in group.members_text
    assert "100 or more" in records["mythos-partial-reinstatement"].label
    texts = [group.description, group.members_text, records["mythos-partial-reinstatement"].label,
             records["mythos-partial-reinstatement"].description]
    assert not any("more than 100" in t for t in texts)


def test_the_blanket_suspension_is_anthropic_s_act_and_the_directive_restricts_providing(facts, records):
    quoted(facts, "The blanket suspension was *Anthropic's* act of compliance; the report does not give "
                  "the directive's own terms")
    assert records["anthropic-suspension-policy"].assigner == "anthropic"
    directive = records["export-control-directive-policy"]
    assert directive.assigner == "us-government" and not directive.permissions
    [rule] = directive.prohibitions
    assert (rule.action, rule.assignee, rule.target) == ("distribute", "anthropic", ["claude-mythos-5", "fable-5"])
    assert "no terms" in directive.description and "odrl:distribute" in directive.description
    assert records["export-control-directive"].authority == "national-security authority"


def test_the_government_allowed_providing_mythos_again(facts, records, run_regkg):
    quoted(facts, "After negotiations between the government and Anthropic, providing **Mythos 5** was allowed again")
    assert records["mythos-reinstatement-policy"].assigner == "us-government"
    assert records["foreign-national-carve-out-policy"].assigner == "us-government"
    provide = next(r for r in records["mythos-reinstatement-policy"].permissions if r.action == "distribute")
    assert [(c.left, c.operator, c.right) for c in provide.constraints] == [
        ("recipient", "isPartOf", "approved-us-institutions")]
    a = check(run_regkg, "mythos", "--on", "2026-08-01", "--party", "Anthropic", "--action", "distribute",
              "--recipient", "approved institutions")
    assert a["decision"] == "permit"
    assert {e["rule"].rsplit("/", 1)[-1]: e["effect"] for e in a["evidence"]}["anthropic-may-provide-mythos"] == "permit"


def test_the_two_inferences_are_kept_and_marked(facts, records):
    quoted(facts, "That all customers had access before is an inference (you can only suspend access that existed")
    quoted(facts, '("다시 허용": so those institutions had it before)')
    for rid in ("anthropic-models-available", "anthropic-customer-access"):
        why = records[rid].inferred_from
        assert why is not None and "allowed again" in why.passage and why.reasoning
    [among] = records["approved-us-institutions"].among
    assert among.group == "anthropic-customers" and among.inferred_from is not None
    assert "다시 허용" in among.inferred_from.passage


def test_fable_5_is_disabled_for_the_approved_institutions_too(facts, run_regkg):
    """The inference that the approved institutions were customers changes one answer of the seed:
    Fable 5 for an approved institution was not_applicable, it is deny (the suspension covers it)."""
    quoted(facts, "As of the report, Fable 5 remains deactivated.")
    a = check(run_regkg, "fable 5", "--on", "2026-08-01", "--member-of", "approved institutions")
    assert a["decision"] == "deny"
    deny = next(e for e in a["evidence"] if e["effect"] == "deny")
    assert deny["rule"].endswith("/suspension-all-customers")


def test_a_group_known_to_hold_another_still_leaves_its_other_members_open(run_regkg):
    """Knowing that the approved institutions are among Anthropic's customers names none of the
    customers' other members: a party that does not say whether it is a customer must not get a
    bare not_applicable for Fable 5, deactivated for all customers. The missing fact is named, with
    the deny it could give."""
    a = check(run_regkg, "fable 5", "--on", "2026-08-01", "--party", "Coinbase")
    assert a["decision"] == "indeterminate"  # deny if Coinbase is a customer, not applicable if not
    assert {(tuple(c["if"]["member_of"].values()), c["then"]) for c in a["conditions"]} == {
        ((True,), "deny"), ((False,), "not_applicable")}
    missing = [m for m in a["missing"] if (m["group"] or "").endswith("/anthropic-customers")]
    assert missing and "deny" in missing[0]["could_be"], a["missing"]
    assert any("--member-of anthropic-customers" in c for c in a["caveats"])


# --------------------------------------------------------------------------- inferences marked

def test_rdf_marks_inferences_and_sparql_can_filter_them_out(store):
    rows = store.query("""PREFIX rkg: <https://w3id.org/regkg/ns#>
        SELECT ?e WHERE { ?e a rkg:Event . FILTER NOT EXISTS { ?e rkg:inferred true } }""").rows
    stated = {str(e).rsplit("/", 1)[-1] for (e,) in rows}
    assert "anthropic-suspension" in stated and "anthropic-models-available" not in stated
    why = store.query("""PREFIX rkg: <https://w3id.org/regkg/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?passage ?reasoning ?section WHERE {
          <https://w3id.org/regkg/id/event/anthropic-models-available> rkg:inferredFrom ?i .
          ?i rkg:passage ?passage ; rkg:reasoning ?reasoning ; prov:wasDerivedFrom ?section }""").rows
    [(passage, reasoning, section)] = why
    assert "allowed again" in str(passage) and str(section).endswith("/samsung-2026-global-ai/s3")
    links = store.query("""PREFIX rkg: <https://w3id.org/regkg/ns#> PREFIX odrl: <http://www.w3.org/ns/odrl/2/>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?p WHERE { <https://w3id.org/regkg/id/group/approved-us-institutions> ?p
                          <https://w3id.org/regkg/id/group/anthropic-customers> .
                          ?i a rkg:Inference ; rdf:subject <https://w3id.org/regkg/id/group/approved-us-institutions> }""").rows
    assert {str(p) for (p,) in links} == {str(RKG.inferredPartOf)}  # never a stated odrl:partOf


def test_shapes_require_an_inference_to_say_what_it_rests_on():
    _, g = graph_from_data()
    node = URIRef(str(iri("events", "anthropic-models-available")))
    assert (node, RKG.inferred, Literal(True)) in g
    g.remove((node, RKG.inferredFrom, None))
    messages = [v.message for v in validate_graph(g)]
    assert any("rkg:inferredFrom" in m for m in messages), messages
    _, g = graph_from_data()
    g.remove((None, RKG.reasoning, None))
    assert any("reasoning" in v.message for v in validate_graph(g))


def test_the_projection_carries_the_flag(G):
    event = G.nodes[ID + "event/anthropic-models-available"]
    assert event["inferred"] is True and "allowed again" in event["inferred_from"]
    assert not G.nodes[ID + "event/anthropic-suspension"].get("inferred")
    [link] = [n for n, k in G.nodes(data="kind") if k == "inference"
              and ID + "group/approved-us-institutions" in G.successors(n)]
    assert "다시 허용" in G.nodes[link]["inferred_from"]


def test_evidence_says_inferred_from(run_regkg):
    a = check(run_regkg, "fable 5", "--on", "2026-06-01", "--member-of", "anthropic customers")
    line = next(e for e in a["evidence"] if e["rule"].endswith("/customers-may-use-mythos-fable"))
    assert "allowed again" in line["inferred_from"]
    human = run_regkg("check", "fable 5", "--on", "2026-06-01", "--member-of", "anthropic customers").stdout
    assert "inferred from '" in human
    approved = check(run_regkg, "fable 5", "--on", "2026-08-01", "--member-of", "approved institutions")
    ban = next(e for e in approved["evidence"] if e["rule"].endswith("/suspension-all-customers"))
    assert "다시 허용" in ban["inferred_from"]  # the ban applies to them only through the inferred inclusion
    customers = check(run_regkg, "fable 5", "--on", "2026-08-01", "--member-of", "anthropic customers")
    assert next(e for e in customers["evidence"] if e["rule"].endswith("/suspension-all-customers"))["inferred_from"] is None


def test_strict_answers_from_stated_facts_only(run_regkg):
    full = check(run_regkg, "fable 5", "--on", "2026-08-01", "--member-of", "approved institutions")
    strict = check(run_regkg, "fable 5", "--on", "2026-08-01", "--member-of", "approved institutions", "--strict")
    assert (full["decision"], strict["decision"]) == ("deny", "indeterminate") and strict["strict"]
    assert any("are among" in i["label"] and "다시 허용" in i["inferred_from"] for i in strict["inferences"])
    assert any("stated facts alone" in c for c in strict["caveats"])
    stated = check(run_regkg, "mythos", "--on", "2026-06-25", "--member-of", "anthropic customers", "--strict",
                   "--employer", "none", "--not-member-of", "approved institutions")
    assert stated["decision"] == "deny"  # the suspension is stated: no inference is needed
    human = run_regkg("check", "fable 5", "--on", "2026-08-01", "--member-of", "approved institutions", "--strict")
    assert human.returncode == 4 and "(stated facts only)" in human.stdout.splitlines()[0]
