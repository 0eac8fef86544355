"""Every access situation the source supports, through the installed ``regkg`` command.

Each test asserts the decision, its exit status and its evidence: which rule and event decided it,
the date as the source wrote it, and the cited section.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

EXIT = {"permit": 0, "deny": 1, "not_applicable": 3, "indeterminate": 4}
SECTION_3 = "section 3: The era of government pre-review of AI"
SECTION_1 = "section 1: China's counter-attack"


def check(run_regkg, *args: str) -> dict:
    """``regkg check ... --json``; the exit status must match the decision."""
    result = run_regkg("check", *args, "--json")
    assert result.returncode in EXIT.values(), result.stderr
    answer = json.loads(result.stdout)
    assert result.returncode == EXIT[answer["decision"]]
    return answer


def ids(items, key="rule"):
    return {item[key].rsplit("/", 1)[-1] for item in items}


def evidence(answer, rule):
    return next(e for e in answer["evidence"] if e["rule"].endswith("/" + rule))


# --------------------------------------------------------------------------- Anthropic

def test_baseline_before_the_directive_is_indeterminate(run_regkg):
    """The customers' access has no date of its own ("before the suspension"): no confident permit."""
    a = check(run_regkg, "Claude Mythos 5", "--on", "2026-06-01", "--member-of", "Anthropic customers")
    assert a["decision"] == "indeterminate"
    assert ids(a["undetermined_by"], "event") == {"anthropic-models-available"}
    e = evidence(a, "customers-may-use-mythos-fable")
    assert e["effect"] == "permit" and e["event_state"] == "uncertain"
    assert e["date_text"] == "not stated; before the mid-June 2026 suspension" and e["latest"] == "2026-06-20"
    assert SECTION_3 in e["source"]
    assert any("2026-06-20" in c and "undetermined" in c for c in a["caveats"])


@pytest.mark.parametrize("model", ["Mythos", "Fable 5"])
def test_blanket_suspension_denies_customers(run_regkg, model):
    a = check(run_regkg, model, "--on", "2026-06-25", "--member-of", "all customers", "--employer", "none",
              "--not-member-of", "approved institutions")
    assert a["decision"] == "deny"
    e = evidence(a, "suspension-all-customers")
    assert e["effect"] == "deny" and e["event"].endswith("/anthropic-suspension")
    assert e["date_text"] == "mid-June 2026, immediately after the directive"
    assert (e["earliest"], e["latest"], e["event_state"]) == ("2026-06-11", "2026-06-20", "happened")
    assert SECTION_3 in e["source"] and "Global AI" in e["source"]
    assert evidence(a, "customers-may-use-mythos-fable")["effect"] == "ended"


def test_suspension_window_itself_is_indeterminate(run_regkg):
    """2026-06-20 is the suspension's latest bound: the window contains the date, so no guess."""
    a = check(run_regkg, "mythos", "--on", "2026-06-20", "--member-of", "anthropic-customers")
    assert a["decision"] == "indeterminate"
    assert "anthropic-suspension" in ids(a["undetermined_by"], "event")


def test_partial_reinstatement_inside_its_window_is_indeterminate(run_regkg):
    a = check(run_regkg, "Mythos 5", "--on", "2026-07-01", "--member-of", "approved US institutions",
              "--nationality", "US")
    assert a["decision"] == "indeterminate"
    [window] = a["undetermined_by"]
    assert window["event"].endswith("/mythos-partial-reinstatement")
    assert (window["earliest"], window["latest"]) == ("2026-06-11", "2026-07-31")
    assert window["date_text"] == "after the suspension; date not stated (by the report's publication)"
    assert any("between 2026-06-11 and 2026-07-31" in c for c in a["caveats"])


def test_partial_reinstatement_last_day_of_window_is_still_indeterminate(run_regkg):
    a = check(run_regkg, "Mythos 5", "--on", "2026-07-31", "--member-of", "approved institutions")
    assert a["decision"] == "indeterminate"


def test_partial_reinstatement_permits_approved_institutions_after_the_window(run_regkg):
    a = check(run_regkg, "Mythos 5", "--on", "2026-08-01", "--member-of", "approved institutions")
    assert a["decision"] == "permit"
    e = evidence(a, "reinstated-approved-institutions")
    assert e["event"].endswith("/mythos-partial-reinstatement") and e["event_state"] == "happened"
    assert SECTION_3 in e["source"]
    assert any("names none of its members" in c for c in a["caveats"])


def test_reinstatement_overrides_the_earlier_suspension_for_an_approved_customer(run_regkg):
    a = check(run_regkg, "mythos", "--on", "2026-08-01", "--member-of", "approved institutions",
              "--member-of", "Anthropic customers")
    assert a["decision"] == "permit"
    assert evidence(a, "reinstated-approved-institutions")["effect"] == "permit"
    assert evidence(a, "suspension-all-customers")["effect"] == "overridden"


def test_us_customer_outside_the_approved_group_stays_denied(run_regkg):
    said = check(run_regkg, "Mythos 5", "--on", "2026-08-15", "--member-of", "Anthropic customers",
                 "--nationality", "US", "--not-member-of", "approved institutions", "--employer", "none")
    assert said["decision"] == "deny"
    assert ids(said["evidence"]) == {"suspension-all-customers", "customers-may-use-mythos-fable"}
    a = check(run_regkg, "Mythos 5", "--on", "2026-08-15", "--member-of", "Anthropic customers",
              "--nationality", "US")  # not said: approved, or employed by one, would be allowed again
    assert a["decision"] == "indeterminate"
    assert any("--member-of approved-us-institutions" in c for c in a["caveats"])


def test_whether_a_named_company_is_an_approved_institution_is_an_open_fact(run_regkg):
    """The source names none of the approved institutions nor of Anthropic's customers: Coinbase may
    be one. The answer says what each would give, rather than 'not applicable'."""
    a = check(run_regkg, "mythos", "--on", "2026-08-15", "--party", "Coinbase")
    assert a["decision"] == "indeterminate"
    assert a["party"]["party"]["label"] == "Coinbase"
    assert {c["then"] for c in a["conditions"]} == {"permit", "deny", "not_applicable"}
    closed = check(run_regkg, "mythos", "--on", "2026-08-15", "--party", "Coinbase", "--not-member-of",
                   "approved institutions", "--not-member-of", "Anthropic customers")
    assert closed["decision"] == "not_applicable" and closed["evidence"] == []
    said = check(run_regkg, "mythos", "--on", "2026-08-15", "--party", "Coinbase", "--member-of", "approved institutions")
    assert said["decision"] == "permit"


def test_foreign_national_employee_of_anthropic_needs_no_export_licence(run_regkg):
    a = check(run_regkg, "Mythos", "--on", "2026-08-01", "--employer", "Anthropic", "--nationality", "kr")
    assert a["decision"] == "permit"
    assert a["party"]["nationality"] == "KR" and a["party"]["employer"]["label"] == "Anthropic"
    e = evidence(a, "carve-out-anthropic-staff")
    assert e["event"].endswith("/foreign-national-carve-out")
    assert e["date_text"] == "with the partial reinstatement; date not stated"
    assert "without a separate export licence" in e["label"] and SECTION_3 in e["source"]
    assert not any("licence" in c for c in a["caveats"])


def test_foreign_national_employee_of_an_approved_institution_needs_no_export_licence(run_regkg):
    a = check(run_regkg, "Mythos", "--on", "2026-08-01", "--employer", "approved US institutions",
              "--nationality", "DE")
    assert a["decision"] == "permit"
    assert {"carve-out-institution-staff", "reinstated-approved-institutions"} <= ids(a["evidence"])


def test_us_national_employee_of_anthropic_is_not_covered_by_the_carve_out(run_regkg):
    a = check(run_regkg, "Mythos", "--on", "2026-08-01", "--employer", "Anthropic", "--nationality", "US",
              "--not-member-of", "Anthropic customers")
    assert a["decision"] == "not_applicable"


def test_carve_out_inside_its_window_is_indeterminate(run_regkg):
    a = check(run_regkg, "Mythos", "--on", "2026-07-01", "--employer", "Anthropic", "--nationality", "KR",
              "--not-member-of", "Anthropic customers")
    assert a["decision"] == "indeterminate"
    assert ids(a["undetermined_by"], "event") == {"foreign-national-carve-out"}


@pytest.mark.parametrize("args", [["--member-of", "Anthropic customers"], ["--member-of", "approved institutions"],
                                  ["--employer", "Anthropic", "--nationality", "KR"], []])
def test_fable_stays_disabled_and_its_lifting_is_only_a_forecast(run_regkg, args):
    a = check(run_regkg, "Fable", "--on", "2026-12-01", *args)
    assert a["decision"] in ("deny", "not_applicable", "indeterminate")
    assert all(row["then"] in ("deny", "not_applicable") for row in a["conditions"])  # never a permit
    assert any("reportedly to be lifted soon" in c and "(forecast)" in c for c in a["caveats"])
    if "Anthropic customers" in args:
        assert a["decision"] == "deny"
        assert evidence(a, "suspension-all-customers")["date_text"] == "mid-June 2026, immediately after the directive"


# --------------------------------------------------------------------------- OpenAI

def test_gpt_5_6_preview_permits_preview_partners(run_regkg):
    a = check(run_regkg, "GPT-5.6", "--on", "2026-08-01", "--member-of", "preview partners")
    assert a["decision"] == "permit"
    e = evidence(a, "preview-partners-may-use-gpt-5-6")
    assert e["event"].endswith("/gpt-5-6-partner-preview") and e["date_text"] == "not stated; by the report's publication"
    assert SECTION_3 in e["source"]
    assert any("in the coming weeks" in c and "(planned)" in c for c in a["caveats"])


@pytest.mark.parametrize("args", [["--member-of", "OpenAI users", "--channel", "api"], ["--channel", "API"],
                                  ["--member-of", "ChatGPT users", "--channel", "chatgpt"], []])
def test_gpt_5_6_general_availability_is_only_planned(run_regkg, args):
    a = check(run_regkg, "GPT 5.6", "--on", "2026-12-01", *args, "--not-member-of", "preview partners")
    assert a["decision"] == "not_applicable" and a["evidence"] == []
    unsaid = check(run_regkg, "GPT 5.6", "--on", "2026-12-01", *args)  # a preview partner, or not?
    assert unsaid["decision"] == "indeterminate"
    assert {c["then"] for c in unsaid["conditions"]} == {"permit", "not_applicable"}
    assert any("general availability" in c and "in the coming weeks" in c and "(planned)" in c for c in a["caveats"])
    if "--channel" in args:
        assert a["channel"]["iri"].split("/")[-1] in ("api", "chatgpt")


def test_gpt_5_6_preview_partner_through_the_api(run_regkg):
    a = check(run_regkg, "GPT-5.6", "--on", "2026-08-01", "--member-of", "preview partners", "--channel", "api")
    assert a["decision"] == "permit" and a["channel"]["label"] == "API"


def test_gpt_5_6_preview_before_its_bound_is_indeterminate(run_regkg):
    a = check(run_regkg, "GPT-5.6", "--on", "2026-07-15", "--member-of", "preview partners")
    assert a["decision"] == "indeterminate"
    assert ids(a["undetermined_by"], "event") == {"gpt-5-6-partner-preview"}


# --------------------------------------------------------------------------- open weights

@pytest.mark.parametrize("model, rule, event", [
    ("GLM-5.2", "everyone-may-use-glm-5-2", "glm-5-2-release"),
    ("Kimi K2.7", "everyone-may-use-kimi-k2-7", "kimi-k2-7-open-weights-available"),
])
def test_open_weight_models(run_regkg, model, rule, event):
    a = check(run_regkg, model, "--on", "2026-08-01")
    assert a["decision"] == "permit"
    e = evidence(a, rule)
    assert e["event"].endswith("/" + event) and e["date_text"] == "not stated; by the report's publication"
    assert SECTION_1 in e["source"]
    customer = check(run_regkg, model, "--on", "2026-08-01", "--member-of", "Anthropic customers", "--nationality", "CN")
    assert customer["decision"] == "permit"
    before = check(run_regkg, model, "--on", "2026-07-15")
    assert before["decision"] == "indeterminate" and ids(before["undetermined_by"], "event") == {event}


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("args, message", [
    (["check", "Mythos 6", "--on", "2026-08-01"], "closest: "),
    (["check", "mythos", "--on", "2026-13-40"], "not a valid date"),
    (["check", "mythos", "--on", "yesterday"], "YYYY-MM-DD"),
    (["check", "mythos"], "Missing option '--on'"),
    (["check", "mythos", "--on", "2026-08-01", "--member-of", "approved aliens"], "unknown group 'approved aliens'"),
    (["check", "mythos", "--on", "2026-08-01", "--nationality", "Korea"], "two-letter country code"),
    (["check", "mythos", "--on", "2026-08-01", "--channel", "fax"], "unknown channel"),
    (["check", "mythos", "--on", "2026-08-01", "--employer", "Nobody Inc", "--employer", "none"], "no employer"),
    (["who-can", "mythos", "--on", "2026-02-30"], "not a valid date"),
    (["diff", "--from", "2026-06-01", "--to", "2026-06-31"], "not a valid date"),
    (["timeline", "Gemini 9"], "closest"),
])
def test_bad_input_exits_2_with_a_clear_message(run_regkg, args, message):
    result = run_regkg(*args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_model_lists_the_closest_matches(run_regkg):
    result = run_regkg("check", "Mythos 6", "--on", "2026-08-01")
    assert result.stderr.startswith("error: unknown model 'Mythos 6'; closest:")
    assert "Mythos 5" in result.stderr


# --------------------------------------------------------------------------- human output

def test_human_output_gives_decision_then_reasons_then_caveats(run_regkg):
    result = run_regkg("check", "Fable 5", "--on", "2026-08-01", "--member-of", "Anthropic customers")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("deny: Fable 5 on 2026-08-01")
    assert lines.index("because:") < lines.index("caveats:")
    assert any(SECTION_3 in line for line in lines[: lines.index("caveats:")])
    assert "mid-June 2026" in result.stdout


# --------------------------------------------------------------------------- audiences

def test_who_can(run_regkg):
    result = run_regkg("who-can", "Mythos 5", "--on", "2026-08-01", "--json")
    assert result.returncode == 0, result.stderr
    a = json.loads(result.stdout)
    assert {d["audience"]["iri"].rsplit("/", 1)[-1] for d in a["permitted"]} == {
        "approved-us-institutions", "foreign-staff-of-anthropic", "foreign-staff-of-approved-institutions"}
    # A customer (not said to be approved, nor employed by one) is denied; the row says on which facts.
    [customers] = [d for d in a["undetermined"] if d["audience"]["label"] == "All Anthropic customers"]
    assert {"suspension-all-customers", "customers-may-use-mythos-fable"} <= ids(customers["evidence"])
    assert {c["then"] for c in customers["conditions"]} == {"permit", "deny"}
    said = json.loads(run_regkg("who-can", "Mythos 5", "--on", "2026-08-01", "--json", "--employer", "none",
                                "--nationality", "US").stdout)
    assert [d["audience"]["label"] for d in said["denied"]] == ["All Anthropic customers"]  # a person: not an institution
    during = json.loads(run_regkg("who-can", "Mythos 5", "--on", "2026-07-01", "--json").stdout)
    assert len(during["undetermined"]) == 4 and len(during["denied"]) == 0


def test_what_can(run_regkg):
    result = run_regkg("what-can", "--employer", "Anthropic", "--nationality", "KR", "--on", "2026-08-01", "--json")
    assert result.returncode == 0, result.stderr
    a = json.loads(result.stdout)
    assert {d["model"]["label"] for d in a["permitted"]} == {"Claude Mythos 5", "GLM-5.2", "Kimi K2.7"}
    assert {d["model"]["label"] for d in a["not_applicable"]} == {"GPT-5.6"}
    # whether an Anthropic employee is also one of its customers is not said: Fable 5 is denied if so
    [fable] = [d for d in a["undetermined"] if d["model"]["label"] == "Fable 5"]
    assert {c["then"] for c in fable["conditions"]} == {"deny", "not_applicable"}
    assert a["party"]["nationality"] == "KR"


def test_availability_formats(run_regkg):
    a = json.loads(run_regkg("availability", "--on", "2026-08-01", "--json").stdout)
    cell = {(c["model"].rsplit("/", 1)[-1], c["audience"].rsplit("/", 1)[-1]): c["decision"] for c in a["cells"]}
    assert cell[("fable-5", "anthropic-customers")] == "deny"
    assert cell[("claude-mythos-5", "approved-us-institutions")] == "permit"
    assert cell[("gpt-5-6", "gpt-5-6-preview-partners")] == "permit"
    assert cell[("gpt-5-6", "openai-users")] == "indeterminate"  # unless a preview partner: not applicable
    assert cell[("glm-5-2", "everyone")] == "permit"
    assert "permit" not in {d for (m, _), d in cell.items() if m == "fable-5"}
    rows = list(csv.reader(io.StringIO(run_regkg("availability", "--on", "2026-08-01", "--format", "csv").stdout)))
    assert rows[0][0] == "model" and "All Anthropic customers" in rows[0]
    assert ["Fable 5", "deny"] == rows[[r[0] for r in rows].index("Fable 5")][:2]
    md = run_regkg("availability", "--on", "2026-08-01", "--format", "markdown").stdout.splitlines()
    assert md[0].startswith("| model |") and md[1].startswith("| --- |")
    table = run_regkg("availability", "--on", "2026-06-25").stdout
    assert "Claude Mythos 5" in table and "indeterminate" in table


def test_groups(run_regkg):
    result = run_regkg("groups", "--json")
    assert result.returncode == 0, result.stderr
    groups = {g["id"]: g for g in json.loads(result.stdout)}
    assert {"approved-us-institutions", "gpt-5-6-preview-partners", "anthropic-customers", "everyone"} <= set(groups)
    assert groups["approved-us-institutions"]["members"] == [] and not groups["approved-us-institutions"]["members_known"]
    assert groups["foreign-staff-of-approved-institutions"]["refinements"] == [
        "employer isPartOf Approved US institutions", "nationality neq US"]
    human = run_regkg("groups").stdout
    assert "approved-us-institutions: Approved US institutions" in human and "none named in the source" in human


def test_timeline_and_diff(run_regkg):
    result = run_regkg("timeline", "Mythos", "--json")
    assert result.returncode == 0, result.stderr
    events = [e["event"].rsplit("/", 1)[-1] for e in json.loads(result.stdout)]
    assert events.index("export-control-directive") < events.index("anthropic-suspension") \
        < events.index("government-anthropic-negotiations") < events.index("mythos-partial-reinstatement")
    gpt = json.loads(run_regkg("timeline", "GPT-5.6", "--json").stdout)
    plan = next(e for e in gpt if e["event"].endswith("/gpt-5-6-general-availability-plan"))
    assert plan["planned"] and plan["date_text"] == "in the coming weeks (no timeline given)"
    window = json.loads(run_regkg("timeline", "--from", "2026-08-01", "--json").stdout)
    assert all(e["window"][1] is None or e["window"][1] >= "2026-08-01" for e in window)
    assert "[planned: does not change access]" in run_regkg("timeline", "gpt-5.6").stdout
    d = json.loads(run_regkg("diff", "--from", "2026-06-25", "--to", "2026-08-01", "--json").stdout)
    change = next(c for c in d["changes"] if c["model"]["label"] == "Claude Mythos 5"
                  and c["audience"]["label"] == "Approved US institutions")
    assert (change["before"], change["after"]) == ("indeterminate", "permit")
    assert "mythos-partial-reinstatement" in ids(change["events"], "event")
    assert "no change" in run_regkg("diff", "--from", "2026-08-01", "--to", "2026-09-01").stdout
