"""Impact previews (issue 22, parts 4 and 5): ``regkg propose FILE`` and ``regkg compare --against
REV`` on the small data set of ``tests/watch_data.py``. Exit 0 when no answer changes, 1 when
answers change, 2 on an error (with the file and line, never a traceback); the current build is
never touched.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner

import watch_data
from graph.cli import cli
from watch_data import q

# The PIPC lifts its ban on 10 March 2025: everyone in Korea may use Parley again (from the 11th;
# on the 10th the lift is uncertain, so indeterminate).
LIFT = f"""
recorded: 2026-12-07
events:
  - id: pipc-lift
    label: The PIPC lifts its ban on Parley
    type: restriction-lifting
    actor: pipc
    when: {{text: "10 March 2025", earliest: 2025-03-10, latest: 2025-03-10, precision: day,
           quote: {q("the PIPC lifted the ban on 10 March 2025")}}}
    status: occurred
    ends: [pipc-policy]
    sources: ["record#s1"]
"""

# A finding that changes no rule.
FINDING = f"""
recorded: 2026-12-07
events:
  - id: pipc-inquiry
    label: The PIPC opens an inquiry into Parley
    type: investigation
    actor: pipc
    affects: [parley]
    when: {{text: "1 March 2025", earliest: 2025-03-01, latest: 2025-03-01, precision: day,
           quote: {q("the PIPC opened an inquiry on 1 March 2025")}}}
    status: occurred
    sources: ["record#s1"]
"""

# The Garante's ban again (the same id replaces it), with another page's account of its date:
# 3 February. Between 30 January and 3 February the sources now disagree.
DISPUTED = f"""
recorded: 2026-12-07
events:
  - id: garante-ban
    label: The Garante bars Parley in Italy
    type: access-ban
    actor: garante
    when: {{text: "30 January 2025", earliest: 2025-01-30, latest: 2025-01-30, precision: day,
           quote: {q("On 30 January 2025 the Garante ordered Parley blocked in Italy")}}}
    status: occurred
    enacts: [garante-policy]
    sources: ["record#s1"]
    variants:
      - sources: ["other-page#page"]
        when: {{text: "3 February 2025", earliest: 2025-02-03, latest: 2025-02-03, precision: day,
               quote: {q("Italy's block began on 3 February", "other-page#page")}}}
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("propose")
    data, home = watch_data.write_data(root)
    where = ["--data", str(data), "--home", str(home)]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    watchlist = root / "watchlist.yaml"
    watchlist.write_text(watch_data.WATCHLIST)
    for name, text in (("lift", LIFT), ("finding", FINDING), ("disputed", DISPUTED)):
        (root / f"{name}.yaml").write_text(text)
    return {"root": root, "where": where, "data": data, "home": home, "watchlist": watchlist}


def propose(world, *args):
    return CliRunner().invoke(cli, [*world["where"], "propose", *args])


def spans(impact: dict, party_label: str) -> list[tuple]:
    (change,) = [c for c in impact["changes"] if c["question"]["party_label"] == party_label]
    return [(s["from"], s["to"], s["before"]["decision"], s["after"]["decision"]) for s in change["spans"]]


def test_a_lift_changes_the_answers_in_korea(world):
    result = propose(world, str(world["root"] / "lift.yaml"), "--format", "json")
    assert result.exit_code == 1, result.output
    impact = json.loads(result.stdout)
    assert impact["answers_change"] is True
    assert impact["touched"]["places"] == ["KR"]
    # "anyone in Korea" leaves the employer and the device open, and Texas's ban follows its staff
    # wherever they are: after the lift, permit unless a Texas agency's employee on a state device
    assert spans(impact, "Everyone in KR") == [("2025-03-10", "2025-03-10", "deny", "indeterminate"),
                                               ("2025-03-11", None, "deny", "indeterminate")]
    (change,) = impact["changes"]
    after = {c["if"]: c["then"] for c in change["spans"][-1]["after"]["conditions"]}
    assert after["employer: Texas state agencies; device: work"] == "deny"
    assert set(after.values()) == {"deny", "permit"}
    assert impact["conflicts_added"] == []


def test_the_text_preview_says_the_same(world):
    result = propose(world, str(world["root"] / "lift.yaml"))
    assert result.exit_code == 1
    out = result.stdout
    assert "event pipc-lift (added" in out and "lift.yaml:4" in out
    assert "Everyone in KR: use Parley in KR" in out
    assert "2025-03-11 to ..." in out and "before: deny" in out
    assert "after:  indeterminate (if employer: Texas state agencies; device: work: deny" in out
    assert out.rstrip().endswith("answers change")


def test_a_record_that_changes_no_rule_exits_0(world):
    result = propose(world, str(world["root"] / "finding.yaml"))
    assert result.exit_code == 0, result.output
    assert "no answer changes" in result.stdout and "conflicts added: none" in result.stdout


def test_a_disputed_date_adds_a_conflict_and_an_indeterminate_span(world):
    result = propose(world, str(world["root"] / "disputed.yaml"), "--format", "json")
    assert result.exit_code == 1, result.output
    impact = json.loads(result.stdout)
    (conflict,) = impact["conflicts_added"]
    assert conflict["label"] == "The Garante bars Parley in Italy" and conflict["prevails"] is None
    assert {a["says"]["date_text"] for a in conflict["accounts"]} == {"30 January 2025", "3 February 2025"}
    assert spans(impact, "Everyone in IT") == [("2025-01-31", "2025-02-03", "deny", "indeterminate")]
    assert impact["touched"]["records"][0]["change"] == "replaced"


def test_a_watchlist_asks_its_own_questions(world):
    result = propose(world, str(world["root"] / "lift.yaml"), "--watchlist", str(world["watchlist"]),
                     "--format", "json")
    assert result.exit_code == 1
    impact = json.loads(result.stdout)
    assert [c["question"]["party"] for c in impact["changes"]] == ["seoul"]
    assert spans(impact, "Seoul office")[-1] == ("2025-03-11", None, "deny", "permit")


def test_the_current_build_is_never_touched(world):
    from graph.store.build import content_key, current_dir

    before = (current_dir(world["home"]), content_key(home=world["home"]))
    stamp = (before[0] / "manifest.json").stat().st_mtime_ns
    assert propose(world, str(world["root"] / "lift.yaml")).exit_code == 1
    assert (current_dir(world["home"]), content_key(home=world["home"])) == before
    assert (before[0] / "manifest.json").stat().st_mtime_ns == stamp
    assert sorted(p.name for p in world["home"].iterdir() if p.name.startswith("graph-")) == [before[0].name]


@pytest.mark.parametrize("text, where, words", [
    ("events:\n  - id: x\n    label: x\n    type: access-ban\n    actor: nobody\n"
     "    when: {text: '1 May 2025', earliest: 2025-05-01, latest: 2025-05-01, quote: {text: x, source: 'record#s1'}}\n"
     "    sources: ['record#s1']\n", ":2", "unknown id 'nobody'"),
    ("events:\n  - id: x\n    label: x\n    type: not-a-type\n", ":2", "events.0"),
    ("events: [\n", "line 2", "malformed YAML"),
    ("policies:\n  - {id: p, label: p, assigner: garante, sources: ['record#s1'],\n"
     "     prohibitions: [{id: r, target: [parley], assignee: everyone, quote: {text: x, source: 'other-page#page'}}]}\n",
     ":2", "not one of its sources"),
])
def test_bad_records_are_refused_with_file_and_line(world, tmp_path, text, where, words):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = propose(world, str(bad))
    assert result.exit_code == 2, result.output
    assert f"{bad}{where}" in result.output or f"{bad}: {where}" in result.output
    assert words in result.output and "Traceback" not in result.output


def test_a_missing_proposal_file_exits_2(world, run_regkg):
    done = run_regkg(*world["where"], "propose", str(world["root"] / "no-such.yaml"))
    assert done.returncode == 2 and "no such file" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- compare

def _git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo), *args],
                   check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("compare")
    data, home = watch_data.write_data(root / "checkout")
    _git(root / "checkout", "init", "-q")
    _git(root / "checkout", "add", "data")
    _git(root / "checkout", "commit", "-qm", "the record")
    return {"checkout": root / "checkout", "data": data, "where": ["--data", str(data), "--home", str(home)]}


def test_compare_with_no_change_exits_0(repo):
    result = CliRunner().invoke(cli, [*repo["where"], "compare", "--against", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "no answer changes" in result.stdout


def test_compare_against_a_commit_shows_the_curation_since(repo):
    (repo["data"] / "lift.yaml").write_text(LIFT)
    try:
        result = CliRunner().invoke(cli, [*repo["where"], "compare", "--against", "HEAD", "--format", "json"])
        assert result.exit_code == 1, result.output
        impact = json.loads(result.stdout)
        assert impact["before"] == "the data at HEAD" and impact["after"] == "the working data"
        assert [(r["id"], r["change"]) for r in impact["touched"]["records"]] == [("pipc-lift", "added")]
        assert spans(impact, "Everyone in KR")[-1] == ("2025-03-11", None, "deny", "indeterminate")  # Texas staff: see above
        _git(repo["checkout"], "add", "data")
        _git(repo["checkout"], "commit", "-qm", "the lift")
        back = CliRunner().invoke(cli, [*repo["where"], "compare", "--against", "HEAD~1", "--format", "json"])
        assert back.exit_code == 1 and json.loads(back.stdout)["changes"]
        same = CliRunner().invoke(cli, [*repo["where"], "compare", "--against", "HEAD"])
        assert same.exit_code == 0, same.output
    finally:
        (repo["data"] / "lift.yaml").unlink(missing_ok=True)


def test_compare_errors_exit_2(repo, tmp_path):
    result = CliRunner().invoke(cli, [*repo["where"], "compare", "--against", "no-such-rev"])
    assert result.exit_code == 2 and "unknown git revision 'no-such-rev'" in result.output
    outside = tmp_path / "plain"
    shutil.copytree(repo["data"], outside / "data")
    result = CliRunner().invoke(cli, ["--data", str(outside / "data"), "--home", str(tmp_path / "h"), "compare",
                                      "--against", "HEAD"])
    assert result.exit_code == 2 and "not in a git checkout" in result.output
