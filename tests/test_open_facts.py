"""Issue 19: the question as real rules scope it, and conditions instead of a bare "indeterminate".

One small synthetic record written here (its shapes after the public record, its facts not), and
the answers a compliance officer gives from the rules, written before the engine was run on them:

- a staff ban that starts tomorrow: **permit** today, with tomorrow as the next change;
- a ban on government *devices*: deny on a work device, permit on a personal one, and, when the
  device is not said, both, as conditions;
- "app", "web" and "download" asked about DeepSeek name DeepSeek's own channels;
- no employer given is an open fact the conditions name; ``--employer none`` is a private person;
- places nest (a US rule binds in US-IA; a Texas-only ban makes ``--in US`` conditional) and an
  authority binds within its territory (an Italian order is not a French one);
- an exemption written in the ban's own act wins for those it names (lex specialis);
- a government's licence lifts its own bans, and a company's restriction only when the data says it
  was made to comply with that government; it never obliges a company to serve;
- an offer to *use* is not a right to distribute;
- a member list marked partial leaves membership open for the parties it does not name;
- the notebook API refuses what the CLI refuses.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from quoting import with_quotes

EXIT = {"permit": 0, "deny": 1, "not_applicable": 3, "indeterminate": 4}
S = '["synthetic#s1"]'
DATA = with_quotes(f"""
recorded: 2026-11-24
sources:
  - id: synthetic
    title: A synthetic record for issue 19
    publisher: tester
    kind: web-page
    date: {{text: "2025", earliest: 2025-01-01, latest: 2025-12-31, precision: year}}
    sections: [{{id: s1, title: Actions}}]
organizations:
  - {{id: tester, name: Tester, kind: publisher, sources: {S}}}
  - {{id: deepseek, name: DeepSeek Inc, kind: company, country: CN, sources: {S}}}
  - {{id: frontier, name: Frontier Labs, kind: company, country: US, sources: {S}}}
  - {{id: us-government, name: US Government, kind: government, country: US, sources: {S}}}
  - {{id: cz-government, name: Czech Government, kind: government, country: CZ, sources: {S}}}
  - {{id: iowa, name: State of Iowa, kind: state-government, country: US, jurisdiction: US-IA, sources: {S}}}
  - {{id: texas, name: State of Texas, kind: state-government, country: US, jurisdiction: US-TX, sources: {S}}}
  - {{id: alabama, name: State of Alabama, kind: state-government, country: US, jurisdiction: US-AL, sources: {S}}}
  - {{id: garante, name: Garante, kind: regulator, country: IT, sources: {S}}}
  - {{id: agency, name: A research agency, kind: ministry, country: KR, sources: {S}}}
  - {{id: acme, name: Acme Corp, kind: company, country: US, sources: {S}}}
models:
  - {{id: deepseek-r1, name: DeepSeek-R1, aliases: [DeepSeek], developer: deepseek, sources: {S}}}
  - {{id: frontier-1, name: Frontier-1, developer: frontier, sources: {S}}}
  - {{id: lab-model, name: Lab model, developer: frontier, sources: {S}}}
  - {{id: partner-model, name: Partner model, developer: frontier, sources: {S}}}
channels:
  - {{id: deepseek-app, name: DeepSeek app, kind: service, provider: deepseek, offers: [deepseek-r1], sources: {S}}}
  - {{id: deepseek-download, name: new download of the DeepSeek app, part_of: deepseek-app, sources: {S}}}
  - {{id: deepseek-website, name: DeepSeek website, kind: service, provider: deepseek, offers: [deepseek-r1],
     sources: {S}}}
groups:
  - {{id: everyone, name: Everyone, universal: true, sources: {S}}}
  - {{id: cz-public-administration, name: Czech public administration, defined_by: cz-government, sources: {S}}}
  - {{id: cz-public-administration-staff, name: Employees of Czech public administration, part_of: everyone, sources: {S},
     refinement: [{{left: employer, operator: isPartOf, right: cz-public-administration}}]}}
  - {{id: iowa-agencies, name: Iowa state agencies, defined_by: iowa, sources: {S}}}
  - {{id: iowa-agencies-staff, name: Employees of Iowa state agencies, part_of: everyone, sources: {S},
     refinement: [{{left: employer, operator: isPartOf, right: iowa-agencies}}]}}
  - {{id: alabama-agencies, name: Alabama state agencies, defined_by: alabama, sources: {S}}}
  - {{id: alabama-agencies-staff, name: Employees of Alabama state agencies, part_of: everyone, sources: {S},
     refinement: [{{left: employer, operator: isPartOf, right: alabama-agencies}}]}}
  - {{id: researchers, name: Accredited researchers, sources: {S}}}
  - {{id: sanctioned-buyers, name: Sanctioned buyers, sources: {S}}}
  - {{id: partners, name: Frontier partners, members: [acme], min_members: 5, member_kind: organization,
     sources: {S}}}
events:
  - {{id: deepseek-launch, label: DeepSeek offered to anyone, type: model-release, actor: deepseek,
     affects: [deepseek-r1], when: {{text: "20 January 2025", earliest: 2025-01-20, latest: 2025-01-20, precision: day}},
     status: occurred, enacts: [deepseek-offer], sources: {S}}}
  - {{id: cz-ban, label: Czech public administration barred from DeepSeek, type: access-ban, actor: cz-government,
     affects: [deepseek-r1], when: {{text: "9 July 2025", earliest: 2025-07-09, latest: 2025-07-09, precision: day}},
     status: occurred, enacts: [cz-policy], sources: {S}}}
  - {{id: iowa-ban, label: DeepSeek barred from Iowa state devices, type: access-ban, actor: iowa,
     affects: [deepseek-r1], when: {{text: "1 February 2025", earliest: 2025-02-01, latest: 2025-02-01, precision: day}},
     status: occurred, enacts: [iowa-policy], sources: {S}}}
  - {{id: alabama-ban, label: DeepSeek barred from Alabama state devices, type: access-ban, actor: alabama,
     affects: [deepseek-r1], when: {{text: "1 February 2025", earliest: 2025-02-01, latest: 2025-02-01, precision: day}},
     status: occurred, enacts: [alabama-policy], sources: {S}}}
  - {{id: texas-ban, label: DeepSeek barred in Texas, type: access-ban, actor: texas,
     affects: [deepseek-r1], when: {{text: "1 March 2025", earliest: 2025-03-01, latest: 2025-03-01, precision: day}},
     status: occurred, enacts: [texas-policy], sources: {S}}}
  - {{id: garante-order, label: The Garante blocks DeepSeek, type: access-suspension, actor: garante,
     affects: [deepseek-r1], when: {{text: "30 January 2025", earliest: 2025-01-30, latest: 2025-01-30, precision: day}},
     status: occurred, enacts: [garante-policy], sources: {S}}}
  - {{id: frontier-launch, label: Frontier-1 offered to anyone, type: model-release, actor: frontier,
     affects: [frontier-1, lab-model], when: {{text: "1 January 2025", earliest: 2025-01-01, latest: 2025-01-01,
     precision: day}}, status: occurred, enacts: [frontier-offer], sources: {S}}}
  - {{id: lab-act, label: An agency act closes the lab model but for accredited researchers, type: access-ban,
     actor: agency, affects: [lab-model], when: {{text: "1 March 2025", earliest: 2025-03-01, latest: 2025-03-01,
     precision: day}}, status: occurred, enacts: [lab-policy], sources: {S}}}
  - {{id: us-directive, label: US directive bars Frontier-1, type: export-control-directive, actor: us-government,
     affects: [frontier-1], when: {{text: "1 April 2025", earliest: 2025-04-01, latest: 2025-04-01, precision: day}},
     status: occurred, enacts: [us-directive-policy], sources: {S}}}
  - {{id: frontier-suspends, label: Frontier suspends Frontier-1 to comply, type: access-suspension, actor: frontier,
     affects: [frontier-1], when: {{text: "2 April 2025", earliest: 2025-04-02, latest: 2025-04-02, precision: day}},
     status: occurred, enacts: [frontier-suspension], sources: {S}}}
  - {{id: frontier-terms, label: Frontier's terms exclude sanctioned buyers, type: provider-terms, actor: frontier,
     affects: [frontier-1], when: {{text: "1 February 2025", earliest: 2025-02-01, latest: 2025-02-01, precision: day}},
     status: occurred, enacts: [frontier-terms-policy], sources: {S}}}
  - {{id: us-licence, label: US licence lets anyone use Frontier-1 again, type: approval, actor: us-government,
     affects: [frontier-1], when: {{text: "1 June 2025", earliest: 2025-06-01, latest: 2025-06-01, precision: day}},
     status: occurred, enacts: [us-licence-policy], sources: {S}}}
  - {{id: partner-programme, label: The partner model for partners, type: model-release, actor: frontier,
     affects: [partner-model], when: {{text: "1 January 2025", earliest: 2025-01-01, latest: 2025-01-01, precision: day}},
     status: occurred, enacts: [partner-policy], sources: {S}}}
policies:
  - {{id: deepseek-offer, label: Anyone may use DeepSeek, assigner: deepseek, status: occurred, sources: {S},
     permissions: [{{id: anyone-deepseek, target: [deepseek-r1, deepseek-app, deepseek-website], assignee: everyone}}]}}
  - {{id: cz-policy, label: No DeepSeek in the Czech public administration, assigner: cz-government, status: occurred,
     sources: {S}, prohibitions: [{{id: cz-no-deepseek, target: [deepseek-r1], assignee: cz-public-administration-staff}}]}}
  - {{id: iowa-policy, label: No DeepSeek on Iowa state devices, assigner: iowa, status: occurred, sources: {S},
     prohibitions: [{{id: iowa-no-deepseek-on-devices, target: [deepseek-r1], assignee: iowa-agencies-staff,
     constraints: [{{left: device, operator: eq, right: work}}]}}]}}
  - {{id: alabama-policy, label: No DeepSeek on Alabama state devices, assigner: alabama, status: occurred,
     sources: {S}, prohibitions: [{{id: alabama-no-deepseek-on-devices, target: [deepseek-r1],
     assignee: alabama-agencies-staff, constraints: [{{left: device, operator: eq, right: work}}]}}]}}
  - {{id: texas-policy, label: No DeepSeek anywhere in Texas, assigner: texas, status: occurred, sources: {S},
     prohibitions: [{{id: texas-no-deepseek, target: [deepseek-r1], assignee: everyone,
     constraints: [{{left: spatial, operator: eq, right: US-TX}}]}}]}}
  - {{id: garante-policy, label: DeepSeek blocked by the Garante, assigner: garante, status: occurred, sources: {S},
     prohibitions: [{{id: garante-no-deepseek, target: [deepseek-r1], assignee: everyone}}]}}
  - {{id: frontier-offer, label: Anyone may use Frontier's models, assigner: frontier, status: occurred, sources: {S},
     permissions: [{{id: anyone-frontier, target: [frontier-1, lab-model], assignee: everyone}}]}}
  - {{id: lab-policy, label: The lab model closed but for accredited researchers, assigner: agency, status: occurred,
     sources: {S}, prohibitions: [{{id: no-lab-model, target: [lab-model], assignee: everyone}}],
     permissions: [{{id: researchers-keep-lab-model, target: [lab-model], assignee: researchers}}]}}
  - {{id: us-directive-policy, label: Frontier-1 barred by directive, assigner: us-government, status: occurred,
     sources: {S}, prohibitions: [{{id: directive-no-frontier, target: [frontier-1], assignee: everyone}}]}}
  - {{id: frontier-suspension, label: Frontier-1 suspended to comply, assigner: frontier, status: occurred,
     complies_with: [us-directive], sources: {S},
     prohibitions: [{{id: frontier-suspends-frontier-1, target: [frontier-1], assignee: everyone}}]}}
  - {{id: frontier-terms-policy, label: No Frontier-1 for sanctioned buyers, assigner: frontier, status: occurred,
     sources: {S}, prohibitions: [{{id: terms-no-sanctioned, target: [frontier-1], assignee: sanctioned-buyers}}]}}
  - {{id: us-licence-policy, label: Anyone may use Frontier-1 under licence, assigner: us-government, status: occurred,
     sources: {S}, permissions: [{{id: licence-anyone-frontier, target: [frontier-1], assignee: everyone}}]}}
  - {{id: partner-policy, label: Partners may use the partner model, assigner: frontier, status: occurred,
     sources: {S}, permissions: [{{id: partners-partner-model, target: [partner-model], assignee: partners}}]}}
""")


@pytest.fixture(scope="module")
def where(tmp_path_factory):
    root = tmp_path_factory.mktemp("open-facts")
    (root / "data").mkdir()
    (root / "data" / "record.yaml").write_text(DATA)
    where = ["--data", str(root / "data"), "--home", str(root / "home")]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    return where


def regkg(where, *args):
    return CliRunner().invoke(cli, [*where, *args])


def check(where, *args) -> dict:
    result = regkg(where, "check", *args, "--json")
    assert result.exit_code in EXIT.values(), result.output
    answer = json.loads(result.stdout)
    assert result.exit_code == EXIT[answer["decision"]]
    return answer


def rows(answer: dict) -> list[tuple[dict, str]]:
    return [(c["if"], c["then"]) for c in answer["conditions"]]


def because(answer: dict) -> set[str]:
    return {e["rule"].rsplit("/", 1)[-1] for e in answer["evidence"] if e["effect"] in ("permit", "deny")}


CZ = ("--in", "CZ", "--employer", "Czech public administration", "--channel", "DeepSeek website")


def test_a_staff_ban_that_starts_tomorrow_is_a_permit_today_with_the_next_change(where):
    """The Czech ban starts on 9 July: on 8 July a Czech civil servant may use DeepSeek, and the
    answer says the 9th may change it. Alabama's and Iowa's state agencies are other governments'
    bodies: they play no part."""
    today = check(where, "DeepSeek", "--on", "2025-07-08", *CZ)
    assert today["decision"] == "permit"
    assert because(today) == {"anyone-deepseek"}
    assert today["next_change"]["on"] == "2025-07-09"
    assert [e["label"] for e in today["next_change"]["events"]] == ["Czech public administration barred from DeepSeek"]
    after = check(where, "DeepSeek", "--on", "2025-07-10", *CZ)
    assert after["decision"] == "deny" and "cz-no-deepseek" in because(after)
    on_the_day = check(where, "DeepSeek", "--on", "2025-07-09", *CZ)  # the ban's day: before or after it?
    assert on_the_day["decision"] == "indeterminate" and on_the_day["next_change"]["on"] == "2025-07-10"
    text = regkg(where, "check", "DeepSeek", "--on", "2025-07-08", *CZ).stdout
    assert "next change: from 2025-07-09" in text


IOWA = ("--on", "2025-05-01", "--in", "US-IA", "--employer", "Iowa state agencies", "--channel", "DeepSeek website")


@pytest.mark.parametrize("device, expected", [("work", "deny"), ("personal", "permit")])
def test_a_ban_on_state_devices_binds_the_device_not_the_person(where, device, expected):
    assert check(where, "DeepSeek", *IOWA, "--device", device)["decision"] == expected


def test_a_device_not_said_gives_both_halves(where):
    a = check(where, "DeepSeek", *IOWA)
    assert a["decision"] == "indeterminate"
    assert sorted((r["device"], then) for r, then in rows(a)) == [(["personal"], "permit"), (["work"], "deny")]
    deny_row = next(c for c in a["conditions"] if c["then"] == "deny")
    assert [r.rsplit("/", 1)[-1] for r in deny_row["because"]] == ["iowa-no-deepseek-on-devices"]
    assert [m["option"] for m in a["missing"]] == ["--device"]
    text = regkg(where, "check", "DeepSeek", *IOWA).stdout
    assert "if device is work: deny" in text.replace("  ", " ") or "device" in text.split("conditions")[1]


@pytest.mark.parametrize("word, channel", [("app", "DeepSeek app"), ("web", "DeepSeek website"),
                                           ("website", "DeepSeek website"),
                                           ("download", "new download of the DeepSeek app")])
def test_channel_words_name_the_models_own_channels(where, word, channel):
    a = check(where, "DeepSeek", "--on", "2025-05-01", "--in", "JP", "--employer", "none", "--channel", word)
    assert a["channel"]["label"] == channel and a["decision"] == "permit"


def test_an_unknown_channel_is_a_clear_error(where):
    result = regkg(where, "check", "DeepSeek", "--on", "2025-05-01", "--channel", "carrier pigeon")
    assert result.exit_code == 2 and "unknown channel 'carrier pigeon'" in result.output
    assert "Traceback" not in result.output


def test_no_employer_given_is_an_open_fact_and_none_is_a_private_person(where):
    """In Iowa on a work device, whether DeepSeek may be used depends on who employs the user."""
    unsaid = check(where, "DeepSeek", "--on", "2025-05-01", "--in", "US-IA", "--device", "work",
                   "--channel", "DeepSeek website")
    assert unsaid["decision"] == "indeterminate"
    assert {then for _, then in rows(unsaid)} == {"deny", "permit"}
    deny = [r for r, then in rows(unsaid) if then == "deny"]
    assert deny and all("iowa-agencies" in json.dumps(r) for r in deny)
    assert "--employer" in [m["option"] for m in unsaid["missing"]]
    private = check(where, "DeepSeek", "--on", "2025-05-01", "--in", "US-IA", "--device", "work",
                    "--channel", "DeepSeek website", "--employer", "none")
    assert private["decision"] == "permit" and private["conditions"] == []


def test_an_employer_the_graph_does_not_know_is_taken_as_a_name(where):
    a = check(where, "DeepSeek", "--on", "2025-05-01", "--in", "US-IA", "--device", "work",
              "--channel", "DeepSeek website", "--employer", "Hawkeye Plumbing LLC")
    assert a["decision"] == "permit"


def test_places_nest_and_a_state_only_ban_makes_the_country_conditional(where):
    private = ("--on", "2025-05-01", "--employer", "none", "--channel", "DeepSeek website")
    assert check(where, "DeepSeek", *private, "--in", "US-TX")["decision"] == "deny"
    assert check(where, "DeepSeek", *private, "--in", "US-NY")["decision"] == "permit"
    country = check(where, "DeepSeek", *private, "--in", "US")
    assert country["decision"] == "indeterminate"
    assert ({"place": ["US-TX"]}, "deny") in rows(country)
    assert any(then == "permit" for _, then in rows(country))


def test_an_authority_binds_within_its_territory(where):
    """The Garante's order names no place: it binds in Italy, not in France."""
    private = ("--on", "2025-05-01", "--employer", "none", "--channel", "DeepSeek website")
    italy = check(where, "DeepSeek", *private, "--in", "IT")
    assert italy["decision"] == "deny" and "garante-no-deepseek" in because(italy)
    assert check(where, "DeepSeek", *private, "--in", "FR")["decision"] == "permit"


def test_validate_warns_about_a_rule_for_everyone_with_no_place(where):
    result = regkg(where, "validate")
    assert result.exit_code == 0, result.output
    assert "garante-no-deepseek" in result.output and "binds within IT" in result.output


def test_an_exemption_in_the_same_act_wins_for_those_it_names(where):
    researcher = check(where, "Lab model", "--on", "2025-05-01", "--member-of", "Accredited researchers",
                       "--in", "KR", "--employer", "none")
    assert researcher["decision"] == "permit" and "researchers-keep-lab-model" in because(researcher)
    other = check(where, "Lab model", "--on", "2025-05-01", "--not-member-of", "Accredited researchers",
                  "--in", "KR", "--employer", "none")
    assert other["decision"] == "deny"


def test_a_government_licence_lifts_its_own_ban_and_a_restriction_made_to_comply(where):
    """The directive and Frontier's suspension to comply with it are both lifted by the licence."""
    said = ("--not-member-of", "Sanctioned buyers", "--in", "US", "--employer", "none")
    assert check(where, "Frontier-1", "--on", "2025-05-01", *said)["decision"] == "deny"
    after = check(where, "Frontier-1", "--on", "2025-07-01", *said)
    assert after["decision"] == "permit" and "licence-anyone-frontier" in because(after)


def test_a_government_licence_does_not_oblige_a_company_to_serve(where):
    """Frontier's own terms exclude sanctioned buyers; the government's licence does not lift them."""
    a = check(where, "Frontier-1", "--on", "2025-07-01", "--member-of", "Sanctioned buyers", "--in", "US",
              "--employer", "none")
    assert a["decision"] == "deny" and "terms-no-sanctioned" in because(a)


def test_an_offer_to_use_is_not_a_right_to_distribute(where):
    said = ("--on", "2025-05-01", "--in", "JP", "--employer", "none", "--channel", "DeepSeek website")
    assert check(where, "DeepSeek", *said)["decision"] == "permit"
    assert check(where, "DeepSeek", *said, "--action", "distribute")["decision"] == "not_applicable"


def test_a_partial_member_list_leaves_membership_open(where):
    """Five or more partners, one named: Acme is one; Globex may be one of the others, so the answer
    says both ways; a party said not to be one is outside the offer, as is a private person (the
    partners are organisations)."""
    said = ("--on", "2025-05-01", "--in", "US")
    assert check(where, "Partner model", "--party", "acme", *said)["decision"] == "permit"
    globex = check(where, "Partner model", "--party", "Globex", *said)
    assert globex["decision"] == "indeterminate"
    assert {then for _, then in rows(globex)} == {"not_applicable", "permit"}
    partners = "https://w3id.org/regkg/id/group/partners"
    assert ({"member_of": {partners: True}}, "permit") in rows(globex)
    assert all(r.get("member_of", {}).get(partners) is False for r, then in rows(globex) if then == "not_applicable")
    outside = check(where, "Partner model", "--party", "Globex", "--not-member-of", "Frontier partners", *said)
    assert outside["decision"] == "not_applicable"
    person = check(where, "Partner model", "--party", "Globex", "--employer", "none", *said)
    assert person["decision"] == "not_applicable"


def test_explain_lists_the_rules_that_cannot_apply_and_why(where):
    result = regkg(where, "check", "DeepSeek", "--on", "2025-07-10", *CZ, "--explain")
    assert result.exit_code == 1, result.output
    explained = result.output.split("not applying", 1)[-1] if "not applying" in result.output else result.output
    for rule in ("texas-no-deepseek", "garante-no-deepseek", "iowa-no-deepseek-on-devices"):
        assert rule in explained or rule.replace("-", " ") in explained


def test_the_notebook_api_refuses_what_the_cli_refuses(where):
    import graph
    from graph.errors import InputError, NotFoundError

    kg = graph.open(home=where[3], data=where[1])
    with pytest.raises(NotFoundError):
        kg.check("no such model", on="2025-05-01")
    with pytest.raises(InputError):
        kg.check("DeepSeek", on="2025-05-01", place="Italy")
    with pytest.raises(InputError):
        kg.check("DeepSeek", on="2025-05-01", action="teleport")
    with pytest.raises(NotFoundError):
        kg.check("DeepSeek", on="2025-05-01", member_of="no such group")
    assert kg.check("DeepSeek", on="2025-05-01", place="IT", employer="none",
                    channel="DeepSeek website").decision == "deny"


def test_timeline_takes_a_name_check_takes(where):
    result = regkg(where, "timeline", "DeepSeek")
    assert result.exit_code == 0, result.output
    assert "Czech public administration barred from DeepSeek" in result.output
