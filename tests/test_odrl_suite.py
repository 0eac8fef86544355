"""The public ODRL test suite (68 cases): our reports against the expected FORCE reports.

The suite is read from ``../shared/odrl-test-suite`` (relative to the repository) or
``$REGKG_ODRL_SUITE``; it is never copied into the repository. Without it the tests are skipped,
except on CI (``CI=true``) where a missing suite is a failure.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from conftest import unavailable
from graph.policy.odrl_suite import Case, Outcome, load_cases, run_case, suite_root

REPO = Path(__file__).resolve().parents[1]
SUITE = suite_root(REPO)
CASE_COUNT = 68


def _cases() -> list[Case]:
    return load_cases(SUITE) if (SUITE / "data" / "index.ttl").is_file() else []


CASES = _cases()


def _require_suite() -> None:
    if CASES:
        return
    unavailable(f"ODRL test suite not found at {SUITE} (set REGKG_ODRL_SUITE to its directory, "
                "the one holding data/index.ttl)")


@functools.lru_cache(maxsize=None)
def _outcome(case: Case) -> Outcome:
    return run_case(case)


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.expected.stem) for c in CASES] or [pytest.param(None, id="suite")])
def test_case_matches_expected_report(case: Case | None) -> None:
    _require_suite()
    outcome = _outcome(case)
    assert outcome.activation == [], f"{case.title}: rule activation differs"
    assert outcome.constraints == [], f"{case.title}: constraint satisfaction differs"


def test_suite_totals() -> None:
    _require_suite()
    outcomes = [_outcome(c) for c in CASES]
    activation = sum(o.activation_ok for o in outcomes)
    both = sum(o.all_ok for o in outcomes)
    assert len(CASES) == CASE_COUNT
    assert (activation, both) == (CASE_COUNT, CASE_COUNT), (
        f"rule activation: {activation}/{len(CASES)}, "
        f"activation + constraint satisfaction: {both}/{len(CASES)}")
