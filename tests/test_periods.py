"""Decisions over time (graph.policy.periods): constant between change dates, equal to decide() on every day."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

import graph.policy.periods as periods_module
from graph.policy.access import decide
from graph.policy.audiences import audiences, models
from graph.policy.parties import PartyAttributes
from graph.policy.periods import audience_party, change_dates, period_index, periods, policy_periods
from graph.policy.state import policy_state

DAY = dt.timedelta(days=1)


def suspension_graph(extra=None):
    """A company's suspension dated 11-20 June, then a government's reinstatement for one group of
    its customers by the end of July, and a planned general availability in September: the seed's
    story on a few nodes. (Who made each rule, and that the approved group is among the customers,
    matter to the decision rule of issue 15: without them the customers' ban could not be lifted.)"""
    G = nx.MultiDiGraph()
    G.add_node("lab", kind="company", label="Lab", authority_rank=10)
    G.add_node("gov", kind="government", label="Government", authority_rank=30)
    G.add_node("m", kind="model", label="Mythos")
    G.add_node("g:all", kind="group", label="Customers")
    G.add_node("g:ok", kind="group", label="Approved")
    G.add_node("e:ban", kind="event", label="suspension", status="occurred", date_text="mid-June",
               earliest="2026-06-11", latest="2026-06-20")
    G.add_node("e:back", kind="event", label="reinstatement", status="occurred", date_text="by July", latest="2026-07-31")
    G.add_node("e:ga", kind="event", label="general availability", status="planned", earliest="2026-09-01",
               latest="2026-09-01")
    for p, r, kind, group, e, by in (("p:ban", "r:ban", "prohibition", "g:all", "e:ban", "lab"),
                                     ("p:back", "r:back", "permission", "g:ok", "e:back", "gov"),
                                     ("p:ga", "r:ga", "permission", "g:all", "e:ga", "lab")):
        G.add_node(p, kind="policy", status="occurred")
        G.add_edge(p, by, relation="odrl:assigner")
        G.add_node(r, kind=kind, label=r)
        for u, v, rel in ((p, r, "odrl:" + kind), (r, "m", "odrl:target"), (r, group, "odrl:assignee"),
                          (p, e, "prov:wasGeneratedBy")):
            G.add_edge(u, v, relation=rel)
    G.add_edge("e:back", "e:ban", relation="rkg:after")
    G.add_edge("g:ok", "g:all", relation="odrl:partOf")
    G.add_node("e:order", kind="event", label="order", status="occurred", date_text="early June",
               earliest="2026-06-01", latest="2026-06-05")
    G.add_edge("e:order", "gov", relation="sem:hasActor")
    G.add_edge("p:ban", "e:order", relation="rkg:compliesWith")  # the suspension complies with the order
    if extra:
        extra(G)
    return G


def every_day(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += DAY


def assert_periods_are_decide(G, model, party, days):
    found = periods(G, model, party)
    for day in days:
        want = decide(G, model, day, party)
        got = found[period_index(found, day)].decision
        assert (got.decision, got.evidence, got.undetermined_by) == (want.decision, want.evidence, want.undetermined_by), day
    return found


def test_change_dates_are_the_occurring_bounds_and_the_day_after_each_latest():
    G = suspension_graph()
    # the suspension from 11 June (uncertain), certain from the 21st; the reinstatement's window is
    # narrowed to start with the suspension; it is certain from 1 August; the planned GA adds nothing
    assert [d.isoformat() for d in change_dates(G, "m")] == ["2026-06-11", "2026-06-21", "2026-08-01"]


def test_periods_equal_decide_on_every_day_of_a_synthetic_story():
    G = suspension_graph()
    for group in ("g:all", "g:ok"):
        party = PartyAttributes(member_of=(group,))
        found = assert_periods_are_decide(G, "m", party, every_day(dt.date(2026, 5, 1), dt.date(2026, 10, 1)))
        assert [(p.start, p.end) for p in found] == [
            (None, dt.date(2026, 6, 10)), (dt.date(2026, 6, 11), dt.date(2026, 6, 20)),
            (dt.date(2026, 6, 21), dt.date(2026, 7, 31)), (dt.date(2026, 8, 1), None)]
    approved = periods(G, "m", PartyAttributes(member_of=("g:ok",)))
    assert [p.decision.decision for p in approved] == ["not_applicable", "indeterminate", "indeterminate", "permit"]
    customers = periods(G, "m", PartyAttributes(member_of=("g:all",), not_member_of=("g:ok",), private=True))
    assert [p.decision.decision for p in customers] == ["not_applicable", "indeterminate", "deny", "deny"]
    unsaid = periods(G, "m", PartyAttributes(member_of=("g:all",)))  # approved, or employed by one? not said
    assert [p.decision.decision for p in unsaid] == ["not_applicable", "indeterminate", "indeterminate", "indeterminate"]


def test_a_date_constraint_is_a_change_date_too():
    def until_july(G):
        G.add_node("c", kind="constraint", left_operand="odrl:dateTime", operator="odrl:lt", right_operands=["2026-07-15"])
        G.add_edge("r:ban", "c", relation="odrl:constraint")

    G = suspension_graph(until_july)
    days = change_dates(G, "m")
    assert dt.date(2026, 7, 15) in days and dt.date(2026, 7, 16) in days
    party = PartyAttributes(member_of=("g:all",), not_member_of=("g:ok",), private=True)
    found = assert_periods_are_decide(G, "m", party, every_day(dt.date(2026, 6, 1), dt.date(2026, 8, 15)))
    assert found[period_index(found, dt.date(2026, 7, 14))].decision.decision == "deny"
    assert found[period_index(found, dt.date(2026, 7, 15))].decision.decision == "not_applicable"


def test_a_report_of_actual_availability_bounds_a_period_as_its_caveat_comes_and_goes():
    """The report never decides, but the answer lists it while it lasts: the periods must cut at its
    window, or a period would hold two different answers (periods raises on that)."""
    def website_still_answered(G):
        G.add_node("s", kind="statement", statement_kind="availability", label="the website still answered",
                   earliest="2026-06-25", latest="2026-07-05")
        G.add_edge("s", "m", relation="dcterms:subject")

    G = suspension_graph(website_still_answered)
    days = change_dates(G, "m")
    assert dt.date(2026, 6, 25) in days and dt.date(2026, 7, 6) in days
    party = PartyAttributes(member_of=("g:all",), not_member_of=("g:ok",), private=True)
    found = assert_periods_are_decide(G, "m", party, every_day(dt.date(2026, 6, 1), dt.date(2026, 8, 15)))
    listed = [day for day in every_day(dt.date(2026, 6, 1), dt.date(2026, 8, 15))
              if found[period_index(found, day)].decision.availability]
    assert (listed[0], listed[-1], len(listed)) == (dt.date(2026, 6, 25), dt.date(2026, 7, 5), 11)


def test_a_change_date_the_module_missed_is_an_error_not_an_answer(monkeypatch):
    G = suspension_graph()
    monkeypatch.setattr(periods_module, "change_dates", lambda *args, **kwargs: [])
    with pytest.raises(RuntimeError, match="changed between"):
        periods(G, "m", PartyAttributes(member_of=("g:all",)))


def test_policy_periods_are_policy_state_on_every_day():
    G = suspension_graph()
    for policy in ("p:ban", "p:back", "p:ga"):
        found = policy_periods(G, policy)
        for day in every_day(dt.date(2026, 6, 1), dt.date(2026, 9, 5)):
            assert found[period_index(found, day)].state == policy_state(G, policy, day).state, (policy, day)


def test_seed_periods_equal_decide_on_every_day_for_every_model_and_audience(G):
    for model in models(G):
        days = change_dates(G, model)
        first, last = (days[0] - 5 * DAY, days[-1] + 5 * DAY) if days else (dt.date(2026, 1, 1), dt.date(2026, 1, 5))
        for audience in audiences(G):
            assert_periods_are_decide(G, model, audience_party(G, audience), every_day(first, last))


@pytest.mark.parametrize("operator", ["lt", "lteq", "gt", "gteq", "eq"])
@pytest.mark.parametrize("right", ["2026-07-15", "2026-07-15T12:00:00Z", "2026-07-15T01:00:00+02:00"])
def test_the_decision_memo_changes_no_answer_around_a_date_constraint(operator, right):
    """decide keeps which rules apply once per span between the days dateTime constraints name
    (graph.policy.access._shape): asked day after day on one projection, it answers as a fresh
    projection asked about that day alone does."""
    def constrained(G):
        G.add_node("c", kind="constraint", left_operand="odrl:dateTime", operator="odrl:" + operator,
                   right_operands=[right])
        G.add_edge("r:ban", "c", relation="odrl:constraint")

    shared = suspension_graph(constrained)
    party = PartyAttributes(member_of=("g:all",), not_member_of=("g:ok",), private=True)
    answers = set()
    for day in every_day(dt.date(2026, 7, 10), dt.date(2026, 7, 20)):
        fresh = decide(suspension_graph(constrained), "m", day, party)
        assert decide(shared, "m", day, party).to_dict() == fresh.to_dict(), (operator, right, day)
        answers.add(fresh.decision)
    # the constraint does change the answer in this range (a date is its first instant: it never
    # equals a date-time later in a day)
    assert len(answers) > 1 or (operator == "eq" and "T" in right)
