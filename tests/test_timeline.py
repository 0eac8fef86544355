"""Timelines, diffs and groups over the seed graph (graph.policy.timeline), in-process."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import NotFoundError
from graph.policy.access import add_rule_actions
from graph.policy.audiences import groups
from graph.policy.state import state_index
from graph.policy.timeline import diff, timeline


@pytest.fixture(scope="module")
def AG(store):
    from graph.store.project import project

    G = project(store)
    G = add_rule_actions(G, store)
    return G


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def test_timeline_respects_recorded_order(AG):
    entries = timeline(AG)
    position = {local(t.event): i for i, t in enumerate(entries)}
    order = state_index(AG).order
    for a, b in order.edges:
        assert position[local(a)] < position[local(b)], (a, b)
    steps = {local(t.event): t.step for t in entries}
    assert steps["export-control-directive"] < steps["anthropic-suspension"] < steps["mythos-partial-reinstatement"]


def test_timeline_keeps_dates_as_written_with_bounds(AG):
    directive = next(t for t in timeline(AG, "Mythos") if local(t.event) == "export-control-directive")
    assert directive.date_text == "mid-June 2026"
    assert (directive.earliest, directive.latest) == ("2026-06-11", "2026-06-20")
    assert directive.window == ("2026-06-11", "2026-06-20")
    assert "section 3" in directive.source and not directive.planned


def test_timeline_marks_plans_and_forecasts(AG):
    marked = {local(t.event): t.planned for t in timeline(AG)}
    assert marked["gpt-5-6-general-availability-plan"] and marked["fable-restriction-lifting-forecast"]
    assert not marked["gpt-5-6-partner-preview"]


def test_timeline_about_one_name(AG):
    fable = {local(t.event) for t in timeline(AG, "Fable")}
    assert {"anthropic-suspension", "fable-restriction-lifting-forecast", "anthropic-models-available"} <= fable
    assert "mythos-partial-reinstatement" not in fable
    group = {local(t.event) for t in timeline(AG, "approved institutions")}
    assert "mythos-partial-reinstatement" in group
    with pytest.raises(NotFoundError):
        timeline(AG, "Mythos 9")


def test_timeline_between_dates(AG):
    july = {local(t.event) for t in timeline(AG, start="2026-07-01", end="2026-07-31")}
    assert "mythos-partial-reinstatement" in july and "export-control-directive" not in july
    june = {local(t.event) for t in timeline(AG, end="2026-06-10")}
    assert "anthropic-models-available" in june and "anthropic-suspension" not in june


def test_diff_names_the_events_that_changed_access(AG):
    changes = {(c.model["label"], c.audience["label"]): c for c in diff(AG, "2026-06-01", "2026-06-25")}
    fable = changes[("Fable 5", "All Anthropic customers")]
    assert (fable.before, fable.after) == ("indeterminate", "deny")
    assert {local(e["event"]) for e in fable.events} == {"anthropic-suspension", "anthropic-models-available"}
    assert diff(AG, "2026-08-01", "2027-08-01") == []


def test_groups(AG):
    found = {g["id"]: g for g in groups(AG)}
    assert found["everyone"]["everyone"] and found["everyone"]["members_known"]
    assert not found["gpt-5-6-preview-partners"]["members_known"]
    assert found["foreign-staff-of-anthropic"]["refines"]["label"] == "Everyone"
    assert found["foreign-staff-of-anthropic"]["refinements"] == ["employer eq Anthropic", "nationality neq US"]
    assert found["approved-us-institutions"]["defined_by"]["label"] == "US government"


def test_named_members_are_listed():
    G = nx.MultiDiGraph()
    G.add_node("https://w3id.org/regkg/id/group/partners", kind="group", label="Partners")
    G.add_node("org:acme", kind="company", label="Acme")
    G.add_edge("org:acme", "https://w3id.org/regkg/id/group/partners", relation="odrl:partOf")
    [g] = groups(G)
    assert g["members"] == [{"iri": "org:acme", "label": "Acme"}] and g["members_known"]
