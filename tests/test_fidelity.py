"""``bench/fidelity.py``: the repeatable draw of events to check against their pages (issue 20, section 4).

The script is run as a user runs it, in a subprocess with this interpreter (the checkout's venv),
on the checkout's ``data/`` with fixed seeds. Checked: the same seed draws the same events; the
default draws only from the public record, and ``--access-changing`` only events that enact or end
a policy; every page an event or its policies cite is printed with its URL; ``--json`` is valid
JSON with a blank tally of every field; the Markdown ends with the blank tally table.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.data.loader import load_dataset
from graph.data.paths import repo_root

REPO = repo_root()
SCRIPT = REPO / "bench" / "fidelity.py"
DATA = REPO / "data"
N, SEED = 8, 1


def run(*args: str) -> str:
    """The script on the whole ``data/`` (tests otherwise read the seed only: REGKG_DATA, see ../conftest.py)."""
    done = subprocess.run([sys.executable, str(SCRIPT), "--data", str(DATA), *args], capture_output=True,
                          text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


@pytest.fixture(scope="module")
def drawn() -> dict:
    return json.loads(run("--n", str(N), "--seed", str(SEED), "--json"))


@pytest.fixture(scope="module")
def drawn_markdown() -> str:
    return run("--n", str(N), "--seed", str(SEED))


def _ids(report: dict) -> list[str]:
    return [e["id"] for e in report["events"]]


def test_json_is_valid_and_carries_a_blank_tally(drawn):
    assert drawn["seed"] == SEED and drawn["n"] == N
    assert len(drawn["events"]) == N
    assert set(drawn["tally"]) == set(drawn["fields"]) >= {"when", "status", "jurisdiction", "legal_basis",
                                                            "authority", "independent_sources", "rules", "quotes"}
    assert all(v is None for verdicts in drawn["tally"].values() for v in verdicts.values())
    assert all(set(verdicts) == {"right", "wrong", "unsupported", "missing"} for verdicts in drawn["tally"].values())
    for e in drawn["events"]:
        for key in ("id", "label", "type", "actor", "when", "status", "jurisdiction", "legal_basis", "authority",
                    "independent_sources", "enacts", "ends", "policies", "quotes", "pages"):
            assert key in e, f"{e['id']}: no {key}"
        assert {"text", "earliest", "latest", "precision", "quote"} <= set(e["when"])


def test_the_same_seed_draws_the_same_events(drawn, drawn_markdown):
    again = json.loads(run("--n", str(N), "--seed", str(SEED), "--json"))
    assert _ids(again) == _ids(drawn)
    assert len(set(_ids(drawn))) == N, "drawn without replacement"
    headings = [line.split("`")[1] for line in drawn_markdown.splitlines() if line.startswith("## ") and "`" in line]
    assert headings == _ids(drawn), "the Markdown and the JSON draw the same events in the same order"
    other = json.loads(run("--n", str(N), "--seed", str(SEED + 1), "--json"))
    assert _ids(other) != _ids(drawn), "another seed draws other events"


def test_the_default_draws_from_the_public_record_only(drawn, dataset):
    public = (DATA / "public-record").resolve()
    for event_id in _ids(drawn):
        path = Path(dataset.origin[event_id].rsplit(":", 1)[0]).resolve()
        assert public in path.parents, f"{event_id} is written in {path}"
    assert drawn["pool_size"] == sum(
        public in Path(dataset.origin[e.id].rsplit(":", 1)[0]).resolve().parents for e in dataset.records("events"))


def test_access_changing_draws_only_events_that_enact_or_end_policies(dataset):
    report = json.loads(run("--n", "10", "--seed", "3", "--access-changing", "--json"))
    by_id = dataset.by_id()
    assert len(report["events"]) == 10
    for event_id in _ids(report):
        assert by_id[event_id].enacts or by_id[event_id].ends, event_id
    for e in report["events"]:
        assert [p["id"] for p in e["policies"]] == [*e["enacts"], *e["ends"]]
        assert all(r["assignee"] and r["action"] and r["targets"] for p in e["policies"] for r in p["rules"])


def test_every_cited_url_of_every_drawn_event_is_printed(drawn, drawn_markdown, dataset):
    by_id = dataset.by_id()
    for event_id in _ids(drawn):
        event = by_id[event_id]
        cited = {*event.sources, *(s for v in event.variants for s in v.sources)}
        for policy_id in [*event.enacts, *event.ends]:
            cited |= set(by_id[policy_id].sources)
        urls = {by_id[ref.split("#")[0]].url for ref in cited}
        assert urls and None not in urls, f"{event_id}: a public-record page without a URL"
        section = drawn_markdown.split(f"`{event_id}`", 1)[1].split("\n## ", 1)[0]
        missing = [u for u in urls if u not in section]
        assert not missing, f"{event_id}: URLs not printed: {missing}"
        printed = next(e for e in drawn["events"] if e["id"] == event_id)
        assert {p["url"] for p in printed["pages"]} == urls
        assert {p["cited"] for p in printed["pages"]} == cited


def test_the_markdown_ends_with_the_blank_tally(drawn_markdown):
    tally = drawn_markdown.split("## Tally (fill in)", 1)[1]
    assert "| field | right | wrong | unsupported | missing |" in tally
    for field in ("label", "when", "status", "independent_sources", "rules", "quotes"):
        assert f"| {field} |  |  |  |  |" in tally


def test_all_includes_the_seed_reports_events(dataset):
    report = json.loads(run("--n", "100000", "--seed", "1", "--all", "--json"))  # more than the record holds: all of it
    assert report["pool_size"] == len(dataset.records("events")) == len(report["events"])
    assert "export-control-directive" in _ids(report)
