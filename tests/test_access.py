"""The time rule (graph.policy.state), party matching (graph.policy.parties) and decisions (graph.policy.access), in-process."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.data.vocab import iri
from graph.errors import InputError
from graph.policy.access import add_rule_actions, candidate_rules, decide
from graph.policy.audiences import availability, what_can, who_can
from graph.policy.parties import EVERYONE, PartyAttributes, is_member
from graph.policy.state import (
    IN_FORCE,
    NOT_IN_FORCE,
    UNCERTAIN,
    Window,
    event_windows,
    policies_in_force,
    state_index,
)


def node(kind: str, local: str) -> str:
    return str(iri(kind, local))


MYTHOS, FABLE, GPT = node("models", "claude-mythos-5"), node("models", "fable-5"), node("models", "gpt-5-6")
CUSTOMERS, APPROVED = node("groups", "anthropic-customers"), node("groups", "approved-us-institutions")
ANTHROPIC = node("organizations", "anthropic")


@pytest.fixture(scope="module")
def AG(store):
    """The projection with each rule's odrl:action (what `regkg check` decides on)."""
    from graph.store.project import project

    G = project(store)
    G = add_rule_actions(G, store)
    return G


def rules(decision, effect=None):
    return {e.rule.rsplit("/", 1)[-1] for e in decision.evidence if effect in (None, e.effect)}


# --------------------------------------------------------------------------- time rule

def test_window_bounds_are_inclusive_and_the_last_day_is_uncertain():
    w = Window(dt.date(2026, 6, 11), dt.date(2026, 6, 20))
    assert w.state_on(dt.date(2026, 6, 10)) == "not-yet"
    assert w.state_on(dt.date(2026, 6, 11)) == w.state_on(dt.date(2026, 6, 20)) == "uncertain"
    assert w.state_on(dt.date(2026, 6, 21)) == "happened"
    assert Window(None, dt.date(2026, 7, 31)).state_on(dt.date(1990, 1, 1)) == "uncertain"


def test_recorded_order_narrows_windows(AG):
    windows = state_index(AG).windows
    assert windows[node("events", "mythos-partial-reinstatement")].earliest == dt.date(2026, 6, 11)
    # the customers' access was ended by the suspension, so it came no later than the suspension
    assert windows[node("events", "anthropic-models-available")].latest == dt.date(2026, 6, 20)
    # a forecast's open end does not widen anything, and a plan's date narrows nothing
    assert windows[node("events", "fable-restriction-lifting-forecast")].latest is None


def test_policies_in_force_over_time(AG):
    def states(day):
        return {p.rsplit("/", 1)[-1]: s.state for p, s in policies_in_force(AG, day).items()}

    assert states("2026-06-25")["anthropic-suspension-policy"] == IN_FORCE
    assert states("2026-06-25")["anthropic-customer-access"] == NOT_IN_FORCE
    assert states("2026-07-01")["mythos-reinstatement-policy"] == UNCERTAIN
    assert states("2026-08-01")["mythos-reinstatement-policy"] == IN_FORCE
    assert all(states(d)["gpt-5-6-general-availability-policy"] == NOT_IN_FORCE
               for d in ("2026-06-01", "2026-08-01", "2030-01-01"))


def _tiny(edges, **events):
    G = nx.MultiDiGraph()
    for e, attrs in events.items():
        G.add_node(e, kind="event", status="occurred", label=e, **attrs)
    for u, v, rel in edges:
        G.add_node(u, **({} if u in G else {"kind": "policy", "status": "occurred"}))
        G.add_edge(u, v, relation=rel)
    return G


def test_cycle_in_recorded_order_is_an_input_error():
    G = _tiny([("a", "b", "rkg:after"), ("b", "a", "rkg:after")], a={}, b={})
    with pytest.raises(InputError, match="cycle"):
        event_windows(G)


def test_order_contradicting_dates_is_an_input_error():
    G = _tiny([("late", "early", "rkg:after")], early={"earliest": "2026-07-01"}, late={"latest": "2026-06-01"})
    with pytest.raises(InputError, match="contradicts"):
        event_windows(G)


# --------------------------------------------------------------------------- party matching

def test_membership_rules(AG):
    foreign_anthropic = node("groups", "foreign-staff-of-anthropic")
    foreign_approved = node("groups", "foreign-staff-of-approved-institutions")
    assert is_member(AG, EVERYONE, PartyAttributes())
    assert is_member(AG, foreign_anthropic, PartyAttributes(employer=ANTHROPIC, nationality="kr"))
    assert not is_member(AG, foreign_anthropic, PartyAttributes(employer=ANTHROPIC))  # nationality unknown
    assert not is_member(AG, foreign_anthropic, PartyAttributes(employer=ANTHROPIC, nationality="US"))
    assert is_member(AG, foreign_approved, PartyAttributes(employer=APPROVED, nationality="KR"))
    assert is_member(AG, APPROVED, PartyAttributes(employer=APPROVED))  # employees share the employer's rules
    assert not is_member(AG, APPROVED, PartyAttributes(party=node("organizations", "coinbase")))
    assert is_member(AG, APPROVED, PartyAttributes(party=node("organizations", "coinbase"), member_of=(APPROVED,)))


def test_person_is_employed_by_their_affiliation(AG):
    altman = PartyAttributes(party=node("people", "sam-altman"))
    assert not is_member(AG, node("groups", "foreign-staff-of-anthropic"), altman)
    from graph.policy.parties import facts_for

    assert facts_for(AG, altman).employer == node("organizations", "openai")


def test_distribute_rules_do_not_answer_use_questions(AG):
    use = {r.node.rsplit("/", 1)[-1] for r in candidate_rules(AG, MYTHOS)}
    distribute = {r.node.rsplit("/", 1)[-1] for r in candidate_rules(AG, MYTHOS, "odrl:distribute")}
    assert "directive-no-provision" not in use and "directive-no-provision" in distribute
    not_customer = PartyAttributes(party=ANTHROPIC, not_member_of=(CUSTOMERS,))
    assert decide(AG, MYTHOS, "2026-06-25", not_customer).decision == "not_applicable"
    provide = decide(AG, MYTHOS, "2026-06-25", PartyAttributes(party=ANTHROPIC, not_member_of=(CUSTOMERS,)),
                     action="odrl:distribute", recipient="Acme")  # is Acme approved? open
    assert provide.decision == "indeterminate" and rules(provide, "deny") == {"directive-no-provision"}
    assert sorted((c["then"], c["if"]["recipient_member_of"][APPROVED]) for c in provide.conditions) == [
        ("deny", False), ("indeterminate", True)]
    anyone = decide(AG, MYTHOS, "2026-06-25", PartyAttributes(party=ANTHROPIC, not_member_of=(CUSTOMERS,)),
                    action="odrl:distribute")  # to an approved institution, the reinstatement may have come
    assert anyone.decision == "indeterminate"
    assert sorted((c["then"], c["if"]["recipient"][0]) for c in anyone.conditions) == [
        ("deny", "other"), ("indeterminate", APPROVED)]


# --------------------------------------------------------------------------- decisions

@pytest.mark.parametrize("model, day, party, expected, evidence", [
    (MYTHOS, "2026-06-01", PartyAttributes(member_of=(CUSTOMERS,)), "indeterminate", {"customers-may-use-mythos-fable"}),
    (MYTHOS, "2026-06-25", PartyAttributes(member_of=(CUSTOMERS,), not_member_of=(APPROVED,), private=True), "deny",
     {"suspension-all-customers"}),
    (FABLE, "2026-06-25", PartyAttributes(member_of=(CUSTOMERS,)), "deny", {"suspension-all-customers"}),
    (MYTHOS, "2026-07-01", PartyAttributes(member_of=(APPROVED,)), "indeterminate", {"reinstated-approved-institutions"}),
    (MYTHOS, "2026-08-01", PartyAttributes(member_of=(APPROVED,)), "permit", {"reinstated-approved-institutions"}),
    (MYTHOS, "2026-08-01", PartyAttributes(employer=ANTHROPIC, nationality="KR"), "permit", {"carve-out-anthropic-staff"}),
    (MYTHOS, "2026-08-01", PartyAttributes(employer=APPROVED, nationality="KR"), "permit", {"carve-out-institution-staff"}),
    (MYTHOS, "2026-08-15", PartyAttributes(member_of=(CUSTOMERS,), nationality="US", not_member_of=(APPROVED,)), "deny",
     {"suspension-all-customers"}),
    (FABLE, "2027-01-01", PartyAttributes(member_of=(CUSTOMERS, APPROVED)), "deny", {"suspension-all-customers"}),
    (GPT, "2026-08-01", PartyAttributes(member_of=(node("groups", "gpt-5-6-preview-partners"),)), "permit",
     {"preview-partners-may-use-gpt-5-6"}),
    (GPT, "2026-08-01", PartyAttributes(member_of=(node("groups", "openai-users"),),
                                        not_member_of=(node("groups", "gpt-5-6-preview-partners"),)),
     "not_applicable", set()),
    (node("models", "glm-5-2"), "2026-08-01", PartyAttributes(), "permit", {"everyone-may-use-glm-5-2"}),
    (node("models", "kimi-k2-7"), "2026-07-31", PartyAttributes(), "indeterminate", {"everyone-may-use-kimi-k2-7"}),
])
def test_decisions(AG, model, day, party, expected, evidence):
    d = decide(AG, model, day, party)
    assert d.decision == expected
    assert evidence <= rules(d)
    assert all(e.source and e.date_text for e in d.evidence)


def test_later_reinstatement_overrides_earlier_suspension_only_for_its_group(AG):
    both = decide(AG, MYTHOS, "2026-08-01", PartyAttributes(member_of=(CUSTOMERS, APPROVED)))
    assert both.decision == "permit"
    assert rules(both, "overridden") == {"suspension-all-customers"}
    only = PartyAttributes(member_of=(CUSTOMERS,), not_member_of=(APPROVED,), private=True)
    assert decide(AG, MYTHOS, "2026-08-01", only).decision == "deny"
    open_ = decide(AG, MYTHOS, "2026-08-01", PartyAttributes(member_of=(CUSTOMERS,), nationality="US"))
    assert open_.decision == "indeterminate"  # a customer not said to be approved: the conditions say both ways
    assert {"deny", "permit"} == {c["then"] for c in open_.conditions}
    assert all(c["if"].get("member_of", {}).get(APPROVED) is not None or "employer" in c["if"] for c in open_.conditions)


def test_indeterminate_names_only_the_events_it_depends_on(AG):
    d = decide(AG, MYTHOS, "2026-07-01", PartyAttributes(member_of=(CUSTOMERS, APPROVED), nationality="US"))
    assert d.decision == "indeterminate"
    assert [w["event"].rsplit("/", 1)[-1] for w in d.undetermined_by] == ["mythos-partial-reinstatement"]
    foreign = decide(AG, MYTHOS, "2026-07-01", PartyAttributes(member_of=(CUSTOMERS, APPROVED)))
    assert [w["event"].rsplit("/", 1)[-1] for w in foreign.undetermined_by] == [  # a foreign national: the carve-out too
        "foreign-national-carve-out", "mythos-partial-reinstatement"]
    assert {"reinstated-approved-institutions", "suspension-all-customers"} <= rules(d)


def test_plans_and_forecasts_are_caveats_never_permits(AG):
    for day in ("2026-08-01", "2027-06-01", "2035-01-01"):
        fable = decide(AG, FABLE, day, PartyAttributes(member_of=(CUSTOMERS,)))
        assert fable.decision == "deny" and any("(forecast)" in c for c in fable.caveats)
        gpt = decide(AG, GPT, day, PartyAttributes(member_of=(node("groups", "openai-users"),),
                                                   not_member_of=(node("groups", "gpt-5-6-preview-partners"),)),
                     channel=node("channels", "api"))
        assert gpt.decision == "not_applicable" and any("(planned)" in c for c in gpt.caveats)


def test_decision_json_shape(AG):
    d = decide(AG, MYTHOS, dt.date(2026, 8, 1), PartyAttributes(member_of=(APPROVED,)))
    data = d.to_dict()
    assert {"decision", "model", "on", "party", "evidence", "caveats"} <= set(data)
    assert {"iri": MYTHOS, "label": "Claude Mythos 5"}.items() <= data["model"].items() and data["on"] == "2026-08-01"
    assert {"rule", "event", "label", "date_text", "source"} <= set(data["evidence"][0])
    assert d.exit_code == 0


def test_audience_queries(AG):
    permitted = {d.party["member_of"][0]["iri"] for d in who_can(AG, MYTHOS, "2026-08-01")["permitted"]}
    assert APPROVED in permitted and CUSTOMERS not in permitted
    customer = PartyAttributes(member_of=(CUSTOMERS,), not_member_of=(APPROVED,), private=True)
    models = {d.model["iri"] for d in what_can(AG, customer, "2026-08-01")["denied"]}
    assert models == {MYTHOS, FABLE}
    grid = availability(AG, "2026-08-01")
    assert grid.cells[FABLE][CUSTOMERS].decision == "deny"
    assert not any(d.decision == "permit" for d in grid.cells[FABLE].values())


def test_check_does_not_import_rdflib(store):
    """A fresh `regkg check` on the built graph stays clear of rdflib (a third of its start-up)."""
    import subprocess
    import sys

    code = ("import sys\nfrom graph.cli import cli\n"
            "try:\n    cli(['check', 'mythos', '--on', '2026-08-01', '--employer', 'anthropic', '--nationality', 'KR'])\n"
            "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
            "assert 'rdflib' not in sys.modules, 'rdflib imported'\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_one_constraint_engine_reads_the_projection_and_the_rdf_alike(G):
    """decide (on the projection) and the ODRL evaluator (on RDF) share one constraint engine; fed the
    same facts, every constraint of the data holds on one side exactly when it holds on the other."""
    from rdflib import URIRef
    from rdflib.namespace import ODRL2

    from graph.data.vocab import RKG
    from graph.policy import constraints as engine
    from graph.policy.odrl_operators import Facts as RdfFacts
    from graph.policy.odrl_operators import RdfWorld
    from graph.policy.parties import COUNTRY, ProjectionWorld, facts_for, party_index
    from graph.store.build import graph_from_data

    _, data = graph_from_data()
    nodes = [n for n, k in G.nodes(data="kind") if k == "constraint"]
    assert any(G.nodes[n].get("left_operand") == "odrl:recipient" for n in nodes)
    who = URIRef("urn:test:party")
    for nationality in (None, "KR", "US"):
        for employer in (None, ANTHROPIC, APPROVED):
            for channel in (None, node("channels", "api")):
                for recipient in (None, APPROVED, node("organizations", "coinbase")):
                    facts = facts_for(G, PartyAttributes(employer=employer, nationality=nationality), channel,
                                      dt.date(2026, 8, 1), recipient=recipient)
                    said = [(who, prop, URIRef(value)) for prop, value in (
                        (RKG.nationality, nationality and COUNTRY + nationality), (RKG.employer, employer),
                        (ODRL2.deliveryChannel, channel), (ODRL2.recipient, recipient)) if value]
                    for triple in said:
                        data.add(triple)
                    rdf = RdfFacts(data, data, None, who, [who])
                    for c in nodes:
                        here = engine.holds(ProjectionWorld(party_index(G), facts), c, facts)
                        there = engine.holds(RdfWorld(data), URIRef(c), rdf)
                        assert here == there, (c, nationality, employer, channel, recipient)
                    for triple in said:
                        data.remove(triple)
