"""The shapes of the public record of government actions on AI access (issue 11), decided right.

A small synthetic data set written here, built through the authoring format like ``data/``:
services through which models are offered (a ban on a service is not a ban on the model behind
it), place of use (``--in``), channels with a hierarchy (a new download from an app store vs an
installed app vs the web vs the API), audiences defined by role (government employees, asked as
``--employer`` or as a private person), and authorities of every rank (a regulator, a ministry, a
national and a state government, and a provider suspending to comply). The dates and actors are
shaped after the public record but are not it: the corpus itself is issue 11's.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from quoting import with_quotes

SOURCE = '["synthetic#s1"]'
DATA = with_quotes(f"""
recorded: 2026-11-24
sources:
  - id: synthetic
    title: A synthetic record of government actions on AI services
    publisher: tester
    kind: web-page
    date: {{text: "2025", earliest: 2025-01-01, latest: 2025-12-31, precision: year}}
    sections: [{{id: s1, title: Actions}}]
organizations:
  - {{id: tester, name: Tester, kind: publisher, sources: {SOURCE}}}
  - {{id: openai, name: OpenAI, kind: company, country: US, sources: {SOURCE}}}
  - {{id: deepseek, name: DeepSeek, kind: company, country: CN, sources: {SOURCE}}}
  - {{id: garante, name: Garante, kind: regulator, country: IT, sources: {SOURCE}}}
  - {{id: pipc, name: PIPC, kind: regulator, country: KR, sources: {SOURCE}}}
  - {{id: au-government, name: Australian Government, kind: government, country: AU, sources: {SOURCE}}}
  - {{id: kr-ministry, name: A Korean ministry, kind: ministry, country: KR, sources: {SOURCE}}}
  - {{id: texas, name: State of Texas, kind: state-government, country: US, jurisdiction: US-TX, sources: {SOURCE}}}
models:
  - {{id: gpt-4o, name: GPT-4o, developer: openai, sources: {SOURCE}}}
  - {{id: deepseek-r1, name: DeepSeek-R1, aliases: [DeepSeek model], developer: deepseek, sources: {SOURCE}}}
channels:
  - {{id: chatgpt, name: ChatGPT, kind: service, provider: openai, offers: [gpt-4o], sources: {SOURCE}}}
  - {{id: openai-api, name: OpenAI API, provider: openai, offers: [gpt-4o], sources: {SOURCE}}}
  - {{id: deepseek-app, name: DeepSeek app, kind: service, provider: deepseek, offers: [deepseek-r1], sources: {SOURCE}}}
  - {{id: app-download, name: new download of the DeepSeek app, part_of: deepseek-app, sources: {SOURCE}}}
  - {{id: app-installed, name: installed DeepSeek app, part_of: deepseek-app, sources: {SOURCE}}}
  - {{id: deepseek-web, name: DeepSeek web, kind: service, provider: deepseek, offers: [deepseek-r1], sources: {SOURCE}}}
groups:
  - {{id: everyone, name: Everyone, universal: true, sources: {SOURCE}}}
  - {{id: au-government-bodies, name: Australian government bodies, defined_by: au-government, sources: {SOURCE}}}
  - id: au-government-staff
    name: Employees of Australian government bodies
    part_of: everyone
    refinement: [{{left: employer, operator: isPartOf, right: au-government-bodies}}]
    sources: {SOURCE}
  - {{id: texas-agencies, name: Texas state agencies, defined_by: texas, sources: {SOURCE}}}
  - id: texas-staff
    name: Employees of Texas state agencies
    part_of: everyone
    refinement: [{{left: employer, operator: isPartOf, right: texas-agencies}}]
    sources: {SOURCE}
  - {{id: ministry-staff, name: Staff of the Korean ministry, defined_by: kr-ministry, sources: {SOURCE}}}
events:
  - {{id: chatgpt-launch, label: OpenAI offers ChatGPT, type: model-release, actor: openai,
     when: {{text: "late 2022", earliest: 2022-11-01, latest: 2022-12-31}}, status: occurred,
     enacts: [chatgpt-offer], sources: {SOURCE}}}
  - {{id: garante-order, label: The Garante orders processing of Italian users' data stopped, type: access-suspension,
     actor: garante, when: {{text: "30 March 2023", earliest: 2023-03-30, latest: 2023-03-30, precision: day}},
     status: occurred, enacts: [garante-policy], sources: {SOURCE}}}
  - {{id: openai-suspends-italy, label: OpenAI takes ChatGPT offline in Italy, type: access-suspension, actor: openai,
     after: [garante-order], when: {{text: "31 March 2023", earliest: 2023-03-31, latest: 2023-03-31, precision: day}},
     status: occurred, enacts: [openai-italy-suspension], sources: {SOURCE}}}
  - {{id: openai-restores-italy, label: OpenAI restores ChatGPT in Italy, type: access-reinstatement, actor: openai,
     when: {{text: "late April 2023", earliest: 2023-04-20, latest: 2023-04-20, precision: day}},
     status: occurred, ends: [openai-italy-suspension, garante-policy], sources: {SOURCE}}}
  - {{id: garante-lifts, label: The Garante lifts its order, type: restriction-lifting, actor: garante,
     when: {{text: "28 April 2023", earliest: 2023-04-28, latest: 2023-04-28, precision: day}},
     status: occurred, ends: [garante-policy], sources: {SOURCE}}}
  - {{id: deepseek-launch, label: DeepSeek offers its app and web service, type: model-release, actor: deepseek,
     when: {{text: "January 2025", earliest: 2025-01-01, latest: 2025-01-20, precision: month}}, status: occurred,
     enacts: [deepseek-offer], sources: {SOURCE}}}
  - {{id: pipc-suspends-downloads, label: PIPC suspends new downloads of the DeepSeek app in Korea,
     type: access-suspension, actor: pipc, when: {{text: "15 February 2025", earliest: 2025-02-15, latest: 2025-02-15,
     precision: day}}, status: occurred, enacts: [pipc-policy], sources: {SOURCE}}}
  - {{id: au-ban, label: Australia bans DeepSeek for government employees, type: access-suspension,
     actor: au-government, when: {{text: "early February 2025", earliest: 2025-02-01, latest: 2025-02-10}},
     status: occurred, enacts: [au-policy], sources: {SOURCE}}}
  - {{id: texas-ban, label: Texas bans DeepSeek for state employees, type: access-suspension, actor: texas,
     when: {{text: "late January 2025", earliest: 2025-01-25, latest: 2025-01-31}}, status: occurred,
     enacts: [texas-policy], sources: {SOURCE}}}
  - {{id: ministry-ban, label: A Korean ministry bars its staff from DeepSeek, type: access-suspension,
     actor: kr-ministry, when: {{text: "February 2025", earliest: 2025-02-01, latest: 2025-02-28}},
     status: occurred, enacts: [ministry-policy], sources: {SOURCE}}}
  - {{id: deepseek-offers-ministries, label: DeepSeek offers its models to Korean ministries, type: model-release,
     actor: deepseek, after: [ministry-ban], when: {{text: "March 2025", earliest: 2025-03-01, latest: 2025-03-31}},
     status: occurred, enacts: [deepseek-ministry-offer], sources: {SOURCE}}}
policies:
  - {{id: chatgpt-offer, label: Anyone may use ChatGPT and GPT-4o, assigner: openai, status: occurred, sources: {SOURCE},
     permissions: [{{id: anyone-chatgpt, target: [chatgpt, gpt-4o], assignee: everyone}}]}}
  - {{id: garante-policy, label: No processing of Italian users' data by ChatGPT, assigner: garante, status: occurred,
     sources: {SOURCE}, prohibitions: [{{id: garante-no-chatgpt-in-italy, target: [chatgpt], assignee: everyone,
     constraints: [{{left: spatial, operator: eq, right: IT}}]}}]}}
  - {{id: openai-italy-suspension, label: ChatGPT offline in Italy, assigner: openai, status: occurred, sources: {SOURCE},
     prohibitions: [{{id: openai-no-chatgpt-in-italy, target: [chatgpt], assignee: everyone,
     constraints: [{{left: spatial, operator: eq, right: IT}}]}}]}}
  - {{id: deepseek-offer, label: Anyone may use DeepSeek, assigner: deepseek, status: occurred, sources: {SOURCE},
     permissions: [{{id: anyone-deepseek, target: [deepseek-r1, deepseek-app, deepseek-web], assignee: everyone}}]}}
  - {{id: pipc-policy, label: No new downloads of the DeepSeek app in Korea, assigner: pipc, status: occurred,
     sources: {SOURCE}, prohibitions: [{{id: pipc-no-downloads, target: [deepseek-app], assignee: everyone,
     constraints: [{{left: spatial, operator: eq, right: KR}}, {{left: deliveryChannel, operator: eq, right: app-download}}]}}]}}
  - {{id: au-policy, label: No DeepSeek for Australian government employees, assigner: au-government, status: occurred,
     sources: {SOURCE}, prohibitions: [{{id: au-no-deepseek, target: [deepseek-r1, deepseek-app, deepseek-web],
     assignee: au-government-staff}}]}}
  - {{id: texas-policy, label: No DeepSeek for Texas state employees, assigner: texas, status: occurred, sources: {SOURCE},
     prohibitions: [{{id: texas-no-deepseek, target: [deepseek-r1], assignee: texas-staff}}]}}
  - {{id: ministry-policy, label: No DeepSeek for the ministry's staff, assigner: kr-ministry, status: occurred,
     sources: {SOURCE}, prohibitions: [{{id: ministry-no-deepseek, target: [deepseek-r1], assignee: ministry-staff}}]}}
  - {{id: deepseek-ministry-offer, label: DeepSeek for ministries, assigner: deepseek, status: occurred, sources: {SOURCE},
     permissions: [{{id: deepseek-for-ministries, target: [deepseek-r1], assignee: ministry-staff}}]}}
""")


@pytest.fixture(scope="module")
def where(tmp_path_factory):
    root = tmp_path_factory.mktemp("government-actions")
    (root / "data").mkdir()
    (root / "data" / "actions.yaml").write_text(DATA)
    where = ["--data", str(root / "data"), "--home", str(root / "home")]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    return where


def check(where, *args) -> dict:
    result = CliRunner().invoke(cli, [*where, "check", *args, "--json"])
    assert result.exit_code in (0, 1, 3, 4), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("on, expected", [("2023-03-15", "permit"), ("2023-04-15", "deny"), ("2023-04-25", "deny"),
                                          ("2023-05-15", "permit")])
def test_an_italian_user_of_chatgpt(where, on, expected):
    """The regulator's order and the provider's own suspension; the provider's restoration does not
    lift the regulator's order (25 April), the regulator's lifting does (after 28 April)."""
    a = check(where, "ChatGPT", "--on", on, "--in", "IT")
    assert a["decision"] == expected
    assert a["model"]["kind"] == "service"
    if on == "2023-04-25":
        rules = {e["rule"].rsplit("/", 1)[-1]: e for e in a["evidence"]}
        assert rules["garante-no-chatgpt-in-italy"]["effect"] == "deny"
        assert rules["garante-no-chatgpt-in-italy"]["authority"] == "Garante (rank 30)"
    assert check(where, "ChatGPT", "--on", on, "--in", "FR")["decision"] == "permit"


def test_a_ban_on_a_service_is_not_a_ban_on_the_model_behind_it(where):
    assert check(where, "GPT-4o", "--on", "2023-04-15", "--in", "IT", "--channel", "OpenAI API")["decision"] == "permit"
    assert check(where, "GPT-4o", "--on", "2023-04-15", "--in", "IT", "--channel", "ChatGPT")["decision"] == "deny"
    unsaid = check(where, "GPT-4o", "--on", "2023-04-15", "--in", "IT")
    assert unsaid["decision"] == "indeterminate" and [m["option"] for m in unsaid["missing"]] == ["--channel"]


NOT_STAFF = ("--not-member-of", "Staff of the Korean ministry", "--employer", "none")


@pytest.mark.parametrize("asset, channel, expected", [
    ("DeepSeek app", "new download of the DeepSeek app", "deny"),
    ("DeepSeek app", "installed DeepSeek app", "permit"),
    ("DeepSeek-R1", "DeepSeek web", "permit"),
    ("DeepSeek model", "new download of the DeepSeek app", "deny"),
    ("DeepSeek app", None, "indeterminate"),  # which channel of the app: new download or installed?
])
def test_new_downloads_in_korea(where, asset, channel, expected):
    by = ["--channel", channel] if channel else []
    assert check(where, asset, "--on", "2025-03-10", "--in", "KR", *NOT_STAFF, *by)["decision"] == expected
    assert check(where, asset, "--on", "2025-03-10", "--in", "JP", *NOT_STAFF, *by)["decision"] == "permit"


def test_a_ban_on_an_unnamed_group_leaves_a_permit_open_until_the_party_says(where):
    """The ministry's staff are not named: anyone might be one, so a permit needs the party to say."""
    a = check(where, "DeepSeek-R1", "--on", "2025-03-10", "--channel", "DeepSeek web")
    assert a["decision"] == "indeterminate"
    assert [m["option"] for m in a["missing"]] == ["--employer", "--member-of ministry-staff"]
    said = check(where, "DeepSeek-R1", "--on", "2025-03-10", "--channel", "DeepSeek web", *NOT_STAFF)
    assert said["decision"] == "permit"
    assert said["party"]["not_member_of"][0]["label"] == "Staff of the Korean ministry"


def test_audiences_defined_by_role(where):
    employee = check(where, "DeepSeek-R1", "--on", "2025-03-01", "--employer", "Australian government bodies",
                     "--channel", "DeepSeek web")
    assert employee["decision"] == "deny"
    private = check(where, "DeepSeek-R1", "--on", "2025-03-01", "--in", "AU", "--channel", "DeepSeek web", *NOT_STAFF)
    assert private["decision"] == "permit"
    texan = check(where, "DeepSeek-R1", "--on", "2025-03-01", "--employer", "Texas state agencies", "--in", "US-TX",
                  "--channel", "DeepSeek web")
    assert texan["decision"] == "deny"
    assert any(e["authority"] == "State of Texas (rank 20)" for e in texan["evidence"])


def test_a_company_does_not_lift_a_ministry_s_ban(where):
    staff = check(where, "DeepSeek-R1", "--on", "2025-04-15", "--member-of", "Staff of the Korean ministry",
                  "--channel", "DeepSeek web")
    assert staff["decision"] == "deny"
    effects = {e["rule"].rsplit("/", 1)[-1]: e["effect"] for e in staff["evidence"]}
    assert effects["ministry-no-deepseek"] == "deny" and effects["deepseek-for-ministries"] == "outranked"
