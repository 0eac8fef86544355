"""Score the ODRL evaluator on the public ODRL test suite, next to the suite's reference evaluator.

Usage: ``.venv/bin/python bench/odrl_suite_score.py [-v]`` (``-v`` lists the differences).
The suite is read from ``../shared/odrl-test-suite`` or ``$REGKG_ODRL_SUITE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.policy.odrl_suite import REFERENCE_SCORES, load_cases, run_case, suite_root  # noqa: E402


def main(verbose: bool = False) -> int:
    root = suite_root(REPO)
    if not (root / "data" / "index.ttl").is_file():
        print(f"ODRL test suite not found at {root} (set REGKG_ODRL_SUITE)", file=sys.stderr)
        return 1
    cases = load_cases(root)
    outcomes = [(case, run_case(case)) for case in cases]
    scores = {"rule activation": sum(o.activation_ok for _, o in outcomes),
              "activation + constraint satisfaction": sum(o.all_ok for _, o in outcomes)}
    for name, score in scores.items():
        print(f"{name}: {score}/{len(cases)}  (reference evaluator: "
              f"{REFERENCE_SCORES[name]}/{len(cases)})")
    if verbose:
        for case, outcome in outcomes:
            for line in outcome.activation + outcome.constraints:
                print(f"  {case.expected.stem}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
