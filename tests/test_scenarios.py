"""The scenarios of issue 15, section 1: plausible additions to ``data/`` that used to get confident
wrong answers. Each builds the seed data plus the YAML written here, and asks ``regkg`` what a
compliance officer would ask (in-process, through the command line's own parser: the installed
command is exercised by ``tests/test_cli_access.py``); the expected answers are the ones that
officer would give.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import cli
from graph.data.paths import default_data_dir
from quoting import with_quotes

EXIT = {"permit": 0, "deny": 1, "not_applicable": 3, "indeterminate": 4}

# A government ban on Chinese nationals, a company's later re-offer, an "or" of nationalities, and
# a regulator's order covering users in a country.
ADDITIONS = """
recorded: 2026-11-24
organizations:
  - {id: garante, name: Garante per la protezione dei dati personali, aliases: [Garante], kind: regulator,
     country: IT, sources: ["samsung-2026-global-ai#s3"]}
events:
  - id: cn-nationals-ban
    label: US government bars Chinese nationals from Claude Mythos 5
    type: export-control-directive
    actor: us-government
    affects: [claude-mythos-5]
    when: {text: "10 August 2026", earliest: 2026-08-10, latest: 2026-08-10, precision: day}
    status: occurred
    enacts: [cn-nationals-ban-policy]
    sources: ["samsung-2026-global-ai#s3"]
  - id: anthropic-reoffers-mythos
    label: Anthropic offers Claude Mythos 5 to all its customers again
    type: model-release
    actor: anthropic
    affects: [claude-mythos-5]
    when: {text: "20 August 2026", earliest: 2026-08-20, latest: 2026-08-20, precision: day}
    status: occurred
    enacts: [anthropic-reoffer-policy]
    sources: ["samsung-2026-global-ai#s3"]
  - id: opus-sanctions
    label: Opus 4.7 barred to Chinese and Russian nationals
    type: export-control-directive
    actor: us-government
    affects: [opus-4-7]
    when: {text: "1 August 2026", earliest: 2026-08-01, latest: 2026-08-01, precision: day}
    status: occurred
    enacts: [opus-sanctions-policy]
    sources: ["samsung-2026-global-ai#s3"]
  - id: garante-glm-order
    label: The Garante orders GLM-5.2 blocked for users in Italy
    type: access-suspension
    actor: garante
    affects: [glm-5-2]
    when: {text: "10 August 2026", earliest: 2026-08-10, latest: 2026-08-10, precision: day}
    status: occurred
    enacts: [garante-glm-policy]
    sources: ["samsung-2026-global-ai#s1"]
policies:
  - id: cn-nationals-ban-policy
    label: No Chinese national may use Claude Mythos 5
    assigner: us-government
    status: occurred
    prohibitions:
      - {id: no-cn-nationals-mythos, target: [claude-mythos-5], assignee: everyone, action: use,
         constraints: [{left: nationality, operator: eq, right: CN}], note: "Chinese nationals may not use Mythos 5"}
    sources: ["samsung-2026-global-ai#s3"]
  - id: anthropic-reoffer-policy
    label: Anthropic's customers may use Claude Mythos 5 again
    type: offer
    assigner: anthropic
    status: occurred
    permissions:
      - {id: customers-may-use-mythos-again, target: [claude-mythos-5], assignee: anthropic-customers, action: use,
         note: "Anthropic customers may use Mythos 5 again"}
    sources: ["samsung-2026-global-ai#s3"]
  - id: opus-sanctions-policy
    label: Opus 4.7 barred to Chinese and Russian nationals
    assigner: us-government
    status: occurred
    prohibitions:
      - id: no-cn-ru-opus
        target: [opus-4-7]
        assignee: everyone
        action: use
        constraints: [{or: [{left: nationality, operator: eq, right: CN}, {left: nationality, operator: eq, right: RU}]}]
        note: "Chinese and Russian nationals may not use Opus 4.7"
    sources: ["samsung-2026-global-ai#s3"]
  - id: garante-glm-policy
    label: GLM-5.2 blocked for users in Italy
    assigner: garante
    status: occurred
    prohibitions:
      - {id: no-glm-in-italy, target: [glm-5-2], assignee: everyone, action: use,
         constraints: [{left: spatial, operator: eq, right: IT}], note: "no one in Italy may use GLM-5.2"}
    sources: ["samsung-2026-global-ai#s1"]
"""

# An event that enacts the customers' access a second time (its first enactment is the inferred
# release before the suspension).
REENACTMENT = """
recorded: 2026-11-24
events:
  - id: anthropic-restores-customer-access
    label: Anthropic restores its customers' access to Claude Mythos 5 and Fable 5
    type: access-reinstatement
    actor: anthropic
    affects: [claude-mythos-5, fable-5]
    when: {text: "1 September 2026", earliest: 2026-09-01, latest: 2026-09-01, precision: day}
    status: occurred
    enacts: [anthropic-customer-access]
    sources: ["samsung-2026-global-ai#s3"]
"""


def world(tmp_path: Path, name: str, extra: str | None = None, edit=None) -> list[str]:
    """A data directory (the seed, edited, plus ``extra``) and a home: the options of ``regkg``."""
    data = tmp_path / name / "data"
    shutil.copytree(default_data_dir(), data)
    if extra:
        (data / "zz-scenario.yaml").write_text(with_quotes(extra))
    if edit:
        edit(data)
    return ["--data", str(data), "--home", str(tmp_path / name / "home")]


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    return world(tmp_path_factory.mktemp("added"), "added", ADDITIONS)


def regkg(*args: str):
    """``regkg ARGS`` in this process: (exit status, standard output, standard error)."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def run_regkg():
    class Done:
        def __init__(self, code, out, err):
            self.returncode, self.stdout, self.stderr = code, out, err

    return lambda *args: Done(*regkg(*args))


def ask(run_regkg, where: list[str], *args: str) -> dict:
    result = run_regkg(*where, *args, "--json")
    assert result.returncode in EXIT.values(), result.stderr
    answer = json.loads(result.stdout)
    if args[0] == "check":
        assert result.returncode == EXIT[answer["decision"]]
    return answer


def effects(answer: dict) -> dict[str, str]:
    return {e["rule"].rsplit("/", 1)[-1]: e["effect"] for e in answer["evidence"]}


def test_a_company_does_not_override_a_government(run_regkg, added):
    """The US bars Chinese nationals on 10 August; Anthropic re-offers Mythos 5 to its customers on
    20 August. Anthropic's later offer does not lift the government's ban."""
    a = ask(run_regkg, added, "check", "mythos", "--on", "2026-09-01", "--member-of", "anthropic customers",
            "--nationality", "CN", "--in", "US")
    assert a["decision"] == "deny"
    assert effects(a)["no-cn-nationals-mythos"] == "deny"
    assert effects(a)["customers-may-use-mythos-again"] == "outranked"
    ban = next(e for e in a["evidence"] if e["rule"].endswith("/no-cn-nationals-mythos"))
    assert ban["authority"] == "US government (rank 30)"
    korean = ask(run_regkg, added, "check", "mythos", "--on", "2026-09-01", "--member-of", "anthropic customers",
                 "--nationality", "KR")
    assert korean["decision"] == "permit"  # the same company's later offer lifts its own suspension


@pytest.mark.parametrize("group", ["approved institutions", "anthropic customers"])
def test_a_missing_nationality_never_produces_a_permit(run_regkg, added, group):
    a = ask(run_regkg, added, "check", "mythos", "--on", "2026-09-01", "--member-of", group)
    assert a["decision"] == "indeterminate"
    [missing] = [m for m in a["missing"] if m["fact"] == "nationality"]
    assert missing["option"] == "--nationality" and "deny" in missing["could_be"]
    assert any(m.endswith("/no-cn-nationals-mythos") for m in missing["rules"])
    assert any("--nationality" in c and "Chinese nationals may not use Mythos 5" in c for c in a["caveats"])


def test_a_customer_not_said_to_be_approved_gets_both_answers_with_their_conditions(run_regkg, added):
    """Approved institutions (none named) were allowed again; a customer not said to be one, nor to be
    employed by one, is denied only if it is neither: the answer says which fact decides it."""
    a = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-15", "--member-of", "anthropic customers",
            "--nationality", "US")
    assert a["decision"] == "indeterminate"
    approved = "https://w3id.org/regkg/id/group/approved-us-institutions"
    rows = [(c["if"], c["then"]) for c in a["conditions"]]
    assert all(i.get("member_of") == {approved: False} and approved not in i.get("employer", [])
               for i, then in rows if then == "deny")
    assert ({"member_of": {approved: True}}, "permit") in rows and ({"employer": [approved]}, "permit") in rows
    assert any("--member-of approved-us-institutions" in c for c in a["caveats"])
    closed = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-15", "--member-of", "anthropic customers",
                 "--nationality", "US", "--not-member-of", "approved institutions", "--employer", "none")
    assert closed["decision"] == "deny" and closed["conditions"] == []


def test_logical_constraints_hold_in_check_and_who_can_alike(run_regkg, added):
    a = ask(run_regkg, added, "check", "opus 4.7", "--on", "2026-09-01", "--nationality", "CN", "--in", "US")
    assert a["decision"] == "deny" and effects(a) == {"no-cn-ru-opus": "deny"}
    assert ask(run_regkg, added, "check", "opus 4.7", "--on", "2026-09-01", "--nationality", "RU",
               "--in", "US")["decision"] == "deny"
    assert ask(run_regkg, added, "check", "opus 4.7", "--on", "2026-09-01", "--nationality", "KR")["decision"] \
        == "not_applicable"
    # The US government's rule says no place, so it binds in the US: asked without one, the answer
    # says so instead of denying everywhere.
    anywhere = ask(run_regkg, added, "check", "opus 4.7", "--on", "2026-09-01", "--nationality", "CN")
    assert anywhere["decision"] == "indeterminate"
    assert {(c["then"], tuple(c["if"]["place"])) for c in anywhere["conditions"]} == {
        ("deny", ("US",)), ("not_applicable", ("other",))}
    who = ask(run_regkg, added, "who-can", "opus 4.7", "--on", "2026-09-01", "--nationality", "CN", "--in", "US")
    assert [d["audience"]["label"] for d in who["denied"]] == ["Everyone"]


def test_use_in_a_country(run_regkg, added):
    """A regulator's order covers users in Italy, whatever their nationality."""
    italy = ask(run_regkg, added, "check", "GLM-5.2", "--on", "2026-09-01", "--in", "IT", "--nationality", "FR")
    assert italy["decision"] == "deny" and italy["place"] == "IT"
    assert effects(italy)["no-glm-in-italy"] == "deny"
    assert ask(run_regkg, added, "check", "GLM-5.2", "--on", "2026-09-01", "--in", "FR")["decision"] == "permit"
    nowhere = ask(run_regkg, added, "check", "GLM-5.2", "--on", "2026-09-01")
    assert nowhere["decision"] == "indeterminate"
    assert [m["option"] for m in nowhere["missing"]] == ["--in"]
    before = ask(run_regkg, added, "check", "GLM-5.2", "--on", "2026-08-05", "--in", "IT")
    assert before["decision"] == "permit"


def test_providing_the_models_is_an_action_check_can_ask_about(run_regkg, added):
    a = ask(run_regkg, added, "check", "mythos", "--on", "2026-06-25", "--party", "Anthropic", "--action", "distribute",
            "--recipient", "Acme Corp")
    assert a["decision"] == "indeterminate" and a["action"] == "odrl:distribute"  # is Acme approved? since when?
    approved = "https://w3id.org/regkg/id/group/approved-us-institutions"
    assert sorted((c["then"], c["if"]["recipient_member_of"][approved]) for c in a["conditions"]) == [
        ("deny", False), ("indeterminate", True)]
    assert effects(a)["directive-no-provision"] == "deny"
    again = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-01", "--party", "Anthropic", "--action",
                "distribute", "--recipient", "approved institutions")
    assert again["decision"] == "permit" and again["recipient"]["label"] == "Approved US institutions"
    unsaid = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-01", "--party", "Anthropic", "--action",
                 "distribute")
    assert unsaid["decision"] == "indeterminate" and any("--recipient" in c for c in unsaid["caveats"])
    assert {c["then"] for c in unsaid["conditions"]} == {"permit", "deny"}


def test_a_recipient_not_in_the_graph_is_asked_about_as_described(run_regkg, added):
    """'May Anthropic provide Mythos 5 to Acme Corp?': the recipient a compliance team asks about is
    usually in no source; it is taken as named, and whether it is approved stays the open question."""
    a = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-01", "--party", "Anthropic", "--action",
            "distribute", "--recipient", "Acme Corp")
    assert a["decision"] == "indeterminate" and a["recipient"]["label"] == "Acme Corp"
    assert any(m["fact"] == "recipient-member" and "permit" in m["could_be"] for m in a["missing"]), a["missing"]
    assert {c["then"] for c in a["conditions"]} == {"permit", "deny"}


def test_a_party_not_in_the_graph_is_asked_about_as_described(run_regkg, added):
    a = ask(run_regkg, added, "check", "GLM-5.2", "--on", "2026-09-01", "--party", "Acme Corp", "--in", "FR")
    assert a["decision"] == "permit"
    assert a["party"]["party"] == {"iri": None, "label": "Acme Corp", "in_graph": False}
    assert any("'Acme Corp' is not in the graph" in c for c in a["caveats"])
    member = ask(run_regkg, added, "check", "mythos", "--on", "2026-08-15", "--party", "Acme Corp",
                 "--member-of", "approved institutions", "--nationality", "US")
    assert member["decision"] == "permit"
    for command in (["who-can", "mythos"], ["what-can"], ["availability"]):
        out = ask(run_regkg, added, *command, "--on", "2026-09-01", "--party", "Acme Corp")
        assert out["party"]["party"]["in_graph"] is False
    diff = ask(run_regkg, added, "diff", "--from", "2026-08-01", "--to", "2026-09-01", "--party", "Acme Corp",
               "--in", "IT")
    assert diff["party"]["party"]["label"] == "Acme Corp" and diff["place"] == "IT"
    assert any(c["model"]["label"] == "GLM-5.2" and c["after"] == "deny" for c in diff["changes"])


def test_a_party_name_is_text_whatever_it_looks_like(run_regkg, added):
    """A --party the graph does not know is only a name: a SPARQL or HTML fragment is echoed as text."""
    for name in ("?s ?p ?o }", "<img src=x onerror=alert(1)>"):
        a = ask(run_regkg, added, "check", "mythos 5", "--on", "2026-08-01", "--party", name, "--employer", "none",
                "--not-member-of", "anthropic customers")
        assert a["decision"] == "not_applicable" and a["party"]["party"]["label"] == name


def test_unknown_order_is_indeterminate_and_names_both_events(run_regkg, tmp_path):
    """Without the recorded 'after', the reinstatement may have come before the suspension."""
    def drop_after(data: Path) -> None:
        path = data / "regulation.yaml"
        text = path.read_text()
        line = "    after: [government-anthropic-negotiations, anthropic-suspension]\n"
        assert line in text
        path.write_text(text.replace(line, "", 1))

    where = world(tmp_path, "unordered", edit=drop_after)
    a = ask(run_regkg, where, "check", "mythos", "--on", "2026-08-01", "--member-of", "anthropic customers",
            "--member-of", "approved institutions")
    assert a["decision"] == "indeterminate"
    assert {w["event"].rsplit("/", 1)[-1] for w in a["undetermined_by"]} == {
        "mythos-partial-reinstatement", "anthropic-suspension"}
    assert {e["rule"].rsplit("/", 1)[-1] for e in a["evidence"]} >= {
        "reinstated-approved-institutions", "suspension-all-customers"}
    [pair] = a["undetermined_order"]
    assert {pair["first"]["event"].rsplit("/", 1)[-1], pair["second"]["event"].rsplit("/", 1)[-1]} == {
        "mythos-partial-reinstatement", "anthropic-suspension"}
    assert any("came after" in c and "no order is recorded" in c for c in a["caveats"])


def test_a_policy_can_be_enacted_ended_and_enacted_again(run_regkg, tmp_path):
    where = world(tmp_path, "reenacted", REENACTMENT)
    built = run_regkg(*where, "build")
    assert built.returncode == 0, built.stderr
    after = ask(run_regkg, where, "check", "fable 5", "--on", "2026-09-15", "--member-of", "anthropic customers")
    assert after["decision"] == "permit"
    start = next(e for e in after["evidence"] if e["rule"].endswith("/customers-may-use-mythos-fable"))
    assert start["event"].endswith("/anthropic-restores-customer-access") and start["effect"] == "permit"
    assert effects(after)["suspension-all-customers"] == "overridden"
    between = ask(run_regkg, where, "check", "fable 5", "--on", "2026-08-15", "--member-of", "anthropic customers")
    assert between["decision"] == "deny"
    that_day = ask(run_regkg, where, "check", "fable 5", "--on", "2026-09-01", "--member-of", "anthropic customers")
    assert that_day["decision"] == "indeterminate"
    provide = ask(run_regkg, where, "check", "fable 5", "--on", "2026-09-15", "--party", "Anthropic",
                  "--action", "distribute")
    assert provide["decision"] == "deny"  # Anthropic's own act does not lift the government's directive
    timeline = ask(run_regkg, where, "timeline", "fable 5")
    restore = next(t for t in timeline if t["event"].endswith("/anthropic-restores-customer-access"))
    assert restore["enacts"] == ["Anthropic's customers may use Claude Mythos 5 and Fable 5"]
