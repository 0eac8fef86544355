"""Many open memberships: an employer that may belong to any of a dozen governments' agencies.

The public record bans a service for the staff of fifteen governments' agencies, each a group
whose members the sources do not list; a question with an employer no source places leaves each
membership open. Every complete filling is 2**15 x more: past ``MAX_FILLINGS`` they are filled in
group by group (graph.policy.openworld). These tests hold the answers to what the open world
says, on a small synthetic graph written here (shaped after the record; not it).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from quoting import with_quotes
from graph.policy.openworld import MAX_FILLINGS

SOURCE = '["synthetic#s1"]'
STATES = [f"state{i:02d}" for i in range(12)]  # 2**12 x 3 channels > MAX_FILLINGS


def _data() -> str:
    orgs = "\n".join(f"  - {{id: {s}, name: Government {s}, kind: state-government, sources: {SOURCE}}}" for s in STATES)
    groups = "\n".join(
        f"  - {{id: {s}-agencies, name: Agencies of {s}, defined_by: {s}, sources: {SOURCE}}}\n"
        f"  - {{id: {s}-staff, name: Staff of {s}, part_of: everyone, "
        f"refinement: [{{left: employer, operator: isPartOf, right: {s}-agencies}}], sources: {SOURCE}}}"
        for s in STATES)
    events = "\n".join(
        f"  - {{id: {s}-ban, label: {s} bans the chatbot, type: access-ban, actor: {s}, status: occurred,\n"
        f"     when: {{text: '1 February 2025', earliest: 2025-02-01, latest: 2025-02-01, precision: day}},\n"
        f"     enacts: [{s}-policy], sources: {SOURCE}}}" for s in STATES)
    policies = "\n".join(
        f"  - {{id: {s}-policy, label: {s} bans the chatbot, assigner: {s}, status: occurred, sources: {SOURCE},\n"
        f"     prohibitions: [{{id: {s}-rule, target: [chatbot], assignee: {s}-staff}}]}}" for s in STATES)
    return f"""
recorded: 2026-11-29
sources:
  - id: synthetic
    title: A synthetic record of many governments' bans
    publisher: tester
    kind: web-page
    date: {{text: "2025", earliest: 2025-01-01, latest: 2025-12-31, precision: year}}
    sections: [{{id: s1, title: Bans}}]
organizations:
  - {{id: tester, name: Tester, kind: publisher, sources: {SOURCE}}}
  - {{id: maker, name: Chatbot Maker, kind: company, sources: {SOURCE}}}
  - {{id: acme, name: Acme Corp, kind: company, sources: {SOURCE}}}
{orgs}
channels:
  - {{id: chatbot, name: Chatbot, kind: service, provider: maker, sources: {SOURCE}}}
  - {{id: chatbot-web, name: Chatbot website, part_of: chatbot, sources: {SOURCE}}}
  - {{id: chatbot-app, name: Chatbot app, part_of: chatbot, sources: {SOURCE}}}
groups:
  - {{id: everyone, name: Everyone, universal: true, sources: {SOURCE}}}
{groups}
events:
  - {{id: launch, label: The chatbot is offered to anyone, type: model-release, actor: maker, status: occurred,
     when: {{text: 'January 2025', earliest: 2025-01-01, latest: 2025-01-10}}, enacts: [offer], sources: {SOURCE}}}
  - {{id: app-pulled, label: New app downloads stop in IT, type: access-suspension, actor: maker, status: occurred,
     when: {{text: '1 February 2025', earliest: 2025-02-01, latest: 2025-02-01, precision: day}},
     enacts: [app-pull], sources: {SOURCE}}}
{events}
policies:
  - {{id: offer, label: Anyone may use the chatbot, assigner: maker, status: occurred, sources: {SOURCE},
     permissions: [{{id: offer-rule, target: [chatbot], assignee: everyone}}]}}
  - {{id: app-pull, label: No app in IT, assigner: maker, status: occurred, sources: {SOURCE},
     prohibitions: [{{id: app-pull-rule, target: [chatbot], assignee: everyone,
                      constraints: [{{left: spatial, operator: eq, right: IT}},
                                    {{left: deliveryChannel, operator: eq, right: chatbot-app}}]}}]}}
{policies}
"""


@pytest.fixture(scope="module")
def where(tmp_path_factory):
    root = tmp_path_factory.mktemp("many-open")
    (root / "data").mkdir()
    (root / "data" / "bans.yaml").write_text(with_quotes(_data()))
    where = ["--data", str(root / "data"), "--home", str(root / "home")]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    return where


def check(where, *args) -> dict:
    result = CliRunner().invoke(cli, [*where, "check", "Chatbot", "--on", "2025-03-01", *args, "--json"])
    assert result.exit_code in (0, 1, 3, 4), result.output
    return json.loads(result.stdout)


def test_the_question_has_more_fillings_than_are_tried_one_by_one():
    assert 2 ** len(STATES) * 3 > MAX_FILLINGS


def test_an_employer_no_source_places_leaves_the_answer_open_naming_a_membership(where):
    answer = check(where, "--employer", "Acme Corp", "--in", "FR", "--channel", "Chatbot website")
    assert answer["decision"] == "indeterminate"
    named = " ".join(answer["caveats"])
    assert all(f"Agencies of {s}" in named for s in STATES)


def test_the_facts_one_rule_reads_together_are_still_filled_in_together(where):
    """The app rule reads the place and the channel: with both open it is seen applying (the
    place IT and the app at once), so a permit is never given where it could be a deny."""
    answer = check(where, "--employer", "Acme Corp")
    assert answer["decision"] == "indeterminate"
    missing = json.dumps(answer["missing"])
    assert "--in" in missing and "--channel" in missing


def test_a_closed_question_is_decided(where):
    assert check(where, "--in", "FR", "--channel", "Chatbot website")["decision"] == "permit"
    assert check(where, "--employer", "state03-agencies")["decision"] == "deny"
    assert check(where, "--in", "IT", "--channel", "Chatbot app")["decision"] == "deny"
