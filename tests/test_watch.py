"""Watchlists and the audit report (issue 22, parts 1 and 2), on the small data set of
``tests/watch_data.py``: its acts change the answers, and the report says exactly what the rules
say (the expected answers are written there, from the rules).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import pytest
from click.testing import CliRunner

import watch_data
from graph.cli import cli


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("watch")
    data, home = watch_data.write_data(root)
    where = ["--data", str(data), "--home", str(home)]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    watchlist = root / "watchlist.yaml"
    watchlist.write_text(watch_data.WATCHLIST)
    return {"root": root, "where": where, "watchlist": watchlist, "data": data, "home": home}


def run(world, *args):
    return CliRunner().invoke(cli, [*world["where"], *args])


def report(world, *args) -> dict:
    result = run(world, "report", "--watchlist", str(world["watchlist"]), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def by_party(rep: dict) -> dict:
    return {row["question"]["party"]: row for row in rep["rows"]}


# --------------------------------------------------------------------------- the watchlist

def test_watch_init_writes_a_commented_example_that_checks(world, tmp_path):
    from graph.data.watchlist import load_watchlist

    target = tmp_path / "w.yaml"
    result = run(world, "watch", "init", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text()
    assert text.count("\n#") >= 3 and "employer:" in text and "device:" in text
    assert load_watchlist(target).watchlist.parties[0].id == "acme-kr-staff"
    again = run(world, "watch", "init", str(target))
    assert again.exit_code == 2 and "exists" in again.output


def test_the_watchlist_schema_is_printed():
    result = CliRunner().invoke(cli, ["schema", "--watchlist"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    party = schema["$defs"]["WatchedParty"]["properties"]
    assert {"party", "member_of", "not_member_of", "employer", "nationality", "place", "device", "purpose"} <= set(party)
    assert "parties" in schema["properties"] and "models" in schema["properties"]


@pytest.mark.parametrize("text, line, words", [
    ("parties:\n  - {id: a, place: Italy}\nmodels: [Parley]\n", 2, "place"),
    ("parties:\n  - id: a\n    devise: work\nmodels: [Parley]\n", 3, "unknown field 'devise'"),
    ("parties:\n  - {id: a, employer: [none, Acme]}\nmodels: [Parley]\n", 2, "'none'"),
    ("parties: [{id: a}]\nmodels: [Parley]\nactions: [fly]\n", 3, "actions"),
    ("parties: [{id: a}\nmodels: [Parley]\n", 2, "malformed YAML"),
    ("- just a list\n", 1, "expected a mapping"),
])
def test_a_bad_watchlist_is_refused_with_its_file_and_line(world, tmp_path, text, line, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run(world, "report", "--watchlist", str(bad), "--on", "2025-03-01")
    assert result.exit_code == 2, result.output
    assert f"{bad}:{line}" in result.output or f"{bad}: line {line}," in result.output  # YAML errors give a column too
    assert words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("text, line, words", [
    ("parties: [{id: a}]\nmodels:\n  - Parley\n  - Parlay 9\n", 4, "unknown model 'Parlay 9'"),
    ("parties:\n  - {id: a}\n  - {id: b, member_of: [no-such-group]}\nmodels: [Parley]\n", 3, "unknown group"),
    ("parties: [{id: a}]\nmodels:\n  - model: Parley\n    channels: [any, telepathy]\n", 4, "telepathy"),
])
def test_an_unknown_name_is_refused_at_its_line(world, tmp_path, text, line, words):
    bad = tmp_path / "names.yaml"
    bad.write_text(text)
    result = run(world, "report", "--watchlist", str(bad), "--on", "2025-03-01")
    assert result.exit_code == 2, result.output
    assert f"{bad}:{line}" in result.output and words in result.output


def test_the_installed_command_gives_a_message_not_a_traceback(world, run_regkg, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("parties:\n  - {id: a, nationality: Korea}\nmodels: [Parley]\n")
    done = run_regkg(*world["where"], "report", "--watchlist", str(bad), "--on", "2025-03-01")
    assert done.returncode == 2 and f"{bad}:2" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- the answers

@pytest.mark.parametrize("party, day", sorted(watch_data.EXPECTED))
def test_the_report_answers_as_the_rules_say(world, party, day):
    row = by_party(report(world, "--on", day))[party]
    assert row["answer"]["decision"] == watch_data.EXPECTED[(party, day)]


def test_a_device_conditional_answer_says_which_device_gives_which(world):
    row = by_party(report(world, "--on", "2025-03-01"))["austin"]
    assert row["answer"]["decision"] == "indeterminate"
    rows = {c["if"]: c["then"] for c in row["answer"]["conditions"]}
    assert rows == {"device: work": "deny", "device: personal": "permit"}
    deny = next(e for e in row["answer"]["evidence"] if e["effect"] == "deny")
    assert deny["where"] == "device: work" and deny["authority"].startswith("State of Texas")
    assert deny["quote"]["text"] == "state employees may not use Parley"
    assert deny["sources"][0]["url"] == "https://example.org/record"


def test_evidence_names_the_authority_event_quote_and_source(world):
    row = by_party(report(world, "--on", "2025-03-01"))["milan"]
    deny = [e for e in row["answer"]["evidence"] if e["effect"] == "deny"]
    assert [e["label"] for e in deny] == ["no-parley-in-italy"]
    e = deny[0]
    assert e["authority"].startswith("Garante") and e["event"]["label"] == "The Garante bars Parley in Italy"
    assert e["event"]["date_text"] == "30 January 2025" and e["quote"]["text"] == "Parley blocked in Italy"
    assert e["quote"]["url"] == "https://example.org/record"


@pytest.mark.parametrize("party", sorted(watch_data.CHANGES))
def test_changes_since_a_date_are_the_rules_changes(world, party):
    row = by_party(report(world, "--on", "2025-05-31", "--since", "2025-01-01"))[party]
    got = [(c["on"], c["before"]["decision"], c["after"]["decision"]) for c in row["changes"]]
    assert got == watch_data.CHANGES[party]


def test_a_change_names_its_act_authority_and_source(world):
    row = by_party(report(world, "--on", "2025-05-31", "--since", "2025-01-01"))["milan"]
    lift = next(c for c in row["changes"] if c["on"] == "2025-04-30")
    (act,) = lift["acts"]
    assert act["label"] == "The Garante lifts its ban on Parley" and act["actor"] == "Garante"
    assert act["date_text"] == "29 April 2025" and act["sources"][0]["url"] == "https://example.org/record"
    ban = next(c for c in row["changes"] if c["on"] == "2025-01-31")
    assert ban["acts"][0]["authority"] and ban["acts"][0]["authority"][0].startswith("Garante")


def test_a_disputed_date_is_named_in_the_change_it_makes(world):
    row = by_party(report(world, "--on", "2025-05-31", "--since", "2025-02-01"))["seoul"]
    first = next(c for c in row["changes"] if c["on"] == "2025-02-15")
    (dispute,) = first["after"]["disputes"]
    assert dispute["about"] == "The PIPC bars Parley in Korea"
    assert {a["says"].split(" (")[0] for a in dispute["accounts"]} == {"15 February 2025", "17 February 2025"}


def test_the_device_conditional_change_shows_its_conditions(world):
    row = by_party(report(world, "--on", "2025-03-01", "--since", "2025-02-01"))["austin"]
    change = next(c for c in row["changes"] if c["on"] == "2025-02-04")
    assert change["before"]["decision"] == change["after"]["decision"] == "indeterminate"
    assert {(c["if"], c["then"]) for c in change["after"]["conditions"]} == {("device: work", "deny"),
                                                                            ("device: personal", "permit")}


def test_known_on_answers_from_what_was_published_by_then(world):
    # the only source about Parley is dated 2025 (a window to 30 June): on 1 December 2024 it was not out
    row = by_party(report(world, "--on", "2025-03-01", "--known-on", "2024-12-01"))["milan"]
    assert row["answer"]["decision"] == "not_applicable"
    assert any("no source published by 2024-12-01" in c for c in row["answer"]["caveats"])


def test_the_horizon_is_stated(world):
    rep = report(world, "--on", "2025-03-01")
    assert rep["horizon"]["label"] == "A synthetic record of acts on a chatbot"  # its window ends 30 June 2025
    assert by_party(rep)["milan"]["answer"]["known_until"]["latest"] == "2025-06-30"


# --------------------------------------------------------------------------- what it was built from; formats

def test_the_report_names_what_it_was_built_from_and_repeats_byte_for_byte(world):
    from graph.store.build import content_key

    args = ["report", "--watchlist", str(world["watchlist"]), "--on", "2025-05-31", "--since", "2025-01-01"]
    for fmt in ("md", "html", "csv", "json"):
        first, second = run(world, *args, "--format", fmt), run(world, *args, "--format", fmt)
        assert first.exit_code == 0, first.output
        assert first.stdout == second.stdout, fmt
    rep = report(world, "--on", "2025-05-31", "--since", "2025-01-01")
    built = rep["built_from"]
    assert built["content_key"] == content_key(home=world["home"])
    assert built["options"]["on"] == "2025-05-31" and built["options"]["since"] == "2025-01-01"
    assert len(built["options"]["watchlist_sha256"]) == 64
    md = run(world, *args).stdout
    assert built["content_key"] in md and not re.search(r"\d\d:\d\d:\d\d", md)


def test_the_data_commit_is_named_in_a_git_checkout(tmp_path):
    from graph.watch.report import data_commit

    assert data_commit(tmp_path) is None
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a.yaml").write_text("recorded: 2026-12-07\n")
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *env, "-C", str(tmp_path), "add", "."], check=True)
    subprocess.run(["git", *env, "-C", str(tmp_path), "commit", "-qm", "x"], check=True)
    found = data_commit(tmp_path)
    assert len(found["commit"]) == 40 and found["uncommitted_changes"] is False
    (tmp_path / "a.yaml").write_text("recorded: 2026-12-08\n")
    assert data_commit(tmp_path)["uncommitted_changes"] is True


def test_markdown_and_csv_say_the_same_answers(world):
    args = ["report", "--watchlist", str(world["watchlist"]), "--on", "2025-03-01", "--since", "2025-01-01"]
    md = run(world, *args, "--format", "md").stdout
    assert "## What changed between 2025-01-01 and 2025-03-01" in md
    assert "| Milan office | Parley | any | use | **deny** |" in md
    assert "if device: work: deny" in md and "## Knowledge horizon" in md
    rows = list(csv.DictReader(io.StringIO(run(world, *args, "--format", "csv").stdout)))
    assert {r["party"]: r["answer"] for r in rows} == {"milan": "deny", "seoul": "deny", "austin": "indeterminate",
                                                      "austin-work": "deny"}
    assert "2025-01-31: indeterminate -> deny (The Garante bars Parley in Italy)" in rows[0]["changes"]


def test_html_is_one_printable_offline_file_with_links(world, tmp_path):
    out = tmp_path / "r.html"
    result = run(world, "report", "--watchlist", str(world["watchlist"]), "--on", "2025-03-01", "--since",
                 "2025-01-01", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert '<a href="https://example.org/record">' in html
    assert not re.search(r"<(script|link|img|iframe)\b", html) and "src=" not in html


def test_html_and_markdown_escape_hostile_labels(tmp_path):
    """A label or a URL written to attack a reader's browser is shown as text, never run."""
    hostile = "<script>alert(1)</script> \" onmouseover=\"x"
    data = watch_data.DATA.replace("name: Parley, kind: service", f"name: '{hostile.replace(chr(39), '')}', "
                                                                   "aliases: [Parley], kind: service")
    data = data.replace("title: A synthetic record of acts on a chatbot", "title: '<img src=x onerror=alert(2)>'")
    root = tmp_path / "w"
    (root / "data").mkdir(parents=True)
    (root / "data" / "record.yaml").write_text(data)
    where = ["--data", str(root / "data"), "--home", str(root / "home")]
    wl = root / "w.yaml"
    wl.write_text("title: '<b>bold</b>'\nparties: [{id: a, label: '<i>x</i>', place: IT}]\nmodels: [Parley]\n")
    html = CliRunner().invoke(cli, [*where, "report", "--watchlist", str(wl), "--on", "2025-03-01",
                                    "--format", "html"]).stdout
    assert "<script>" not in html and "<img src=x" not in html and "<b>bold</b>" not in html and "<i>x</i>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    md = CliRunner().invoke(cli, [*where, "report", "--watchlist", str(wl), "--on", "2025-03-01"]).stdout
    assert "<script>" not in md and "\\<script\\>" in md


def test_a_link_is_only_an_http_url():
    from graph.watch.writers import safe_url

    assert safe_url("https://example.org/x") == "https://example.org/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "ftp://x", None, ""):
        assert safe_url(bad) is None


def test_the_report_is_a_function_a_notebook_can_call(world):
    from graph.data.watchlist import parse_watchlist
    from graph.store.build import load_projection
    from graph.watch.report import build_report
    from graph.watch.writers import render

    G = load_projection(home=world["home"], data_dir=world["data"])
    rep = build_report(G, parse_watchlist(watch_data.WATCHLIST), "2025-03-01", since="2025-01-01")
    assert {r["question"]["party"]: r["answer"]["decision"] for r in rep.rows}["seoul"] == "deny"
    assert "Parley watch" in render(rep, "md")
    with pytest.raises(Exception, match="after"):
        build_report(G, parse_watchlist(watch_data.WATCHLIST), "2025-01-01", since="2025-03-01")


def test_question_change_dates_miss_no_change_of_the_answer(world):
    """The dates a report decides on (the rules that can apply to the question) are every date the
    answer changes on: checked against every change date of the model, day by day in between."""
    import datetime as dt

    from graph.data.watchlist import parse_watchlist
    from graph.policy.knowledge import knowledge
    from graph.policy.periods import change_dates, question_change_dates
    from graph.store.build import load_projection
    from graph.watch.answers import answer_key
    from graph.watch.questions import questions

    G = load_projection(home=world["home"], data_dir=world["data"])
    k = knowledge(G)
    start, end = dt.date(2025, 1, 1), dt.date(2025, 6, 1)
    for q in questions(G, parse_watchlist(watch_data.WATCHLIST)):
        mine = question_change_dates(G, q.asset, start, end, q.party, q.channel, q.action, place=q.place,
                                     device=q.device, purpose=q.purpose, known=k)
        every = [d for d in change_dates(G, q.asset, q.action, known=k) if start < d <= end]
        assert set(mine) <= set(every) | set(mine)
        previous = answer_key(k.decide(None, q.asset, start, q.party, q.channel, **q.options()))
        for d in every:
            now = answer_key(k.decide(None, q.asset, d, q.party, q.channel, **q.options()))
            if now != previous:
                assert d in mine, (q.party_id, d)
            previous = now


def test_two_processes_with_different_hash_seeds_write_the_same_report(world, run_regkg):
    """Sets and dicts of strings iterate in a per-process order: the engine's rows and their
    ``otherwise`` row follow it, the report must not."""
    args = [*world["where"], "report", "--watchlist", str(world["watchlist"]), "--on", "2025-03-01",
            "--since", "2025-01-01", "--format", "json"]
    first, second = (run_regkg(*args, env={"PYTHONHASHSEED": seed}) for seed in ("1", "2"))
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert first.stdout == second.stdout


def test_two_builds_of_the_same_data_have_one_content_key(tmp_path):
    """A logical constraint's operands are an RDF list, written with blank nodes a serializer labels
    at random, one build at a time: the content key names them by what they say."""
    from graph.store.build import build, content_key

    data = tmp_path / "data"
    data.mkdir()
    either = ('{or: [{left: device, operator: eq, right: work}, {left: purpose, operator: eq, right: work}], '
              'quote: {text: "on state-issued devices", source: "record#s1"}}')
    text = watch_data.DATA.replace('{left: device, operator: eq, right: work, quote: {text: "on state-issued devices", '
                                   'source: "record#s1"}}', either)
    assert text != watch_data.DATA
    (data / "record.yaml").write_text(text)
    keys = {content_key(build(data, tmp_path / home).path) for home in ("one", "two")}
    assert len(keys) == 1 and None not in keys
    assert "_:" in (tmp_path / "one" / "current" / "graph.nq").read_text()
