"""``bench/record_generate.py`` and the helpers of ``bench/growth.py`` (issue 19 §3): what the growth
figures are measured on must be valid data, shaped like the record, the same every time.

No time is asserted here: the figures are the benchmarks' to print (``bench/growth.py``,
``bench/ratios.py``, ``bench/conditions.py``).
"""

from __future__ import annotations

import sys

import pytest

from graph.data.loader import load_dataset
from graph.data.paths import repo_root

REPO = repo_root()
sys.path.insert(0, str(REPO / "bench"))

import growth  # noqa: E402
import record_generate  # noqa: E402


@pytest.fixture(scope="module")
def one_block(tmp_path_factory):
    out = tmp_path_factory.mktemp("record") / "data"
    counts = record_generate.write_record(1, out, seed=19, thousand=40)
    return out, counts


def test_a_block_is_valid_data_the_loader_takes(one_block):
    out, _ = one_block
    ds = load_dataset(out)  # references, quotes, variants, after: orders, places: every check of the loader
    events = ds.records("events")
    assert any(e.variants for e in events) and any(e.after for e in events)
    rules = [r for p in ds.records("policies") for r in (*p.permissions, *p.prohibitions)]
    assert all(r.quote is not None for r in rules)
    assert all(e.when.quote is not None for e in events)


def test_a_block_is_about_the_records_size(one_block):
    """k = 1 is about the public record's size in access-changing events and policies."""
    _, counts = one_block
    record = record_generate.record_counts(REPO / "data")
    for key in ("access_changing_events", "policies", "rules"):
        assert 0.8 * record[key] <= counts[key] <= 1.25 * record[key], (key, counts[key], record[key])


def test_shaped_like_the_record(one_block):
    """Staff groups defined by employment with no member named, device and purpose scopes as
    constraints, providers' terms, acts that widen access, a partial member list."""
    out, _ = one_block
    ds = load_dataset(out)
    staff = [g for g in ds.records("groups") if any(getattr(c, "left", None) == "employer" for c in g.refinement)]
    assert len(staff) >= 20 and all(not g.members for g in staff)
    assert any(g.members and g.min_members and g.min_members > len(g.members) for g in ds.records("groups"))
    lefts = {c.left for p in ds.records("policies") for r in (*p.permissions, *p.prohibitions)
             for c in r.constraints if hasattr(c, "left")}
    assert {"device", "purpose", "spatial", "memberOf", "nationality"} <= lefts
    types = {e.type for e in ds.records("events")}
    assert {"provider-terms", "approval", "procurement", "restriction-lifting", "access-ban"} <= types
    places = {o.jurisdiction for o in ds.records("organizations") if o.jurisdiction}
    assert any("-" in p for p in places) and len(places) >= 20


def test_the_same_arguments_write_the_same_files(tmp_path):
    a = record_generate.write_record(1, tmp_path / "a", seed=5, thousand=10)
    b = record_generate.write_record(1, tmp_path / "b", seed=5, thousand=10)
    assert a == b
    for name in ("globals.yaml", "block-000.yaml", "thousand.yaml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_many_rule_model_has_the_rules_asked_for(one_block):
    out, _ = one_block
    ds = load_dataset(out)
    kilo = [r for p in ds.records("policies") for r in (*p.permissions, *p.prohibitions) if "kilo-model" in r.target]
    assert len(kilo) == 40 + 1  # the rules asked for, and the maker's offer


def test_the_exponent_is_the_log_log_slope():
    assert growth.exponent([1, 10, 100], [3, 30, 300]) == pytest.approx(1.0)
    assert growth.exponent([10, 100], [1, 100]) == pytest.approx(2.0)
    assert growth.exponent([10], [1]) is None


def test_ratios_reads_the_readme_tour_and_the_goal_names():
    import ratios

    tour = ratios.tour_questions()
    assert tour and all(q and not any(";" in a for a in q) for q in tour)
    assert ratios.wanted("all", "viz") and ratios.wanted("cold", "cold-check")
    assert ratios.wanted("who-can,viz", "who-can-chatgpt") and not ratios.wanted("viz", "decide")
    assert not ratios.wanted("", "viz")


def test_a_failed_command_is_not_a_time():
    """check exits with its decision (0, 1, 3, 4); an error, a traceback or a signal is a failure."""
    from graph.policy.access import EXIT_CODES
    from ratios import _DECISION_EXITS, Run, Timing

    assert _DECISION_EXITS == set(EXIT_CODES.values()) - {0}

    assert Run(1, 1, 0).failure() is None and Run(1, 1, None).failure() is None  # None: the timeout
    assert Run(1, 1, 4).failure(answers=True) is None and Run(1, 1, 4).failure() == "exit 4: "
    assert Run(1, 1, 2).failure(answers=True) == "exit 2: "  # bad input
    assert "KeyError" in Run(1, 1, 1, "Traceback (most recent call last):\n  ...\nKeyError: 'x'").failure(answers=True)
    assert Run(1, 1, 2, "Error: no such model").failure(answers=True) == "exit 2: Error: no such model"
    assert Run(1, 1, -9).failure(answers=True).startswith("killed by signal 9")
    assert "FAILED" in str(Timing("viz", [Run(5, 4, 1, "RuntimeError: the decision changed")]))
    internal = "internal error: RuntimeError: the decision about x changed between 2025-02-15 and 2025-02-17"
    assert Run(1, 1, 70, internal).failure(answers=True).startswith("exit 70: internal error")
