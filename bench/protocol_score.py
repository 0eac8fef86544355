"""Score ``regkg serve`` on the W3C SPARQL 1.1 Protocol tests, beside ``oxigraph serve-read-only``
on the same store (the manifest's graphs data1-3 as named graphs).

Usage: ``.venv/bin/python bench/protocol_score.py [-v]`` (``-v`` lists every case's outcome). The
manifest is read from ``../shared/w3c-sparql11-protocol`` or ``$REGKG_PROTOCOL_SUITE``. A
read-only endpoint takes the 27 cases that do not update; the 7 update cases must be refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

import httpx  # noqa: E402

from graph.sparql.protocol_suite import dataset_quads, load_cases, run_case, score  # noqa: E402
from servers import home_with_graphs, start_oxigraph, start_regkg  # noqa: E402


def main(verbose: bool = False) -> int:
    root = Path(os.environ.get("REGKG_PROTOCOL_SUITE") or REPO.parent / "shared" / "w3c-sparql11-protocol")
    if not (root / "manifest.ttl").is_file():
        print(f"the protocol tests are not at {root} (set REGKG_PROTOCOL_SUITE)", file=sys.stderr)
        return 1
    cases = load_cases(root)
    home = home_with_graphs(Path(tempfile.mkdtemp(prefix="regkg-protocol-")), dataset_quads(root, cases))
    from graph.store.build import current_dir

    servers = [start_regkg(home), start_oxigraph(current_dir(home) / "store", read_only=True)]
    failures = 0
    try:
        with httpx.Client(timeout=30) as client:
            for server in servers:
                outcomes = [run_case(case, server.query, server.update, client) for case in cases]
                scores = score(outcomes)
                print(f"{server.name:<12} " + ", ".join(f"{k}: {a}/{b}" for k, (a, b) in scores.items()))
                for o in outcomes:
                    if verbose or (not o.passed and not o.case.updates):
                        said = "update, refused" if o.case.updates and not o.passed else "PASS" if o.passed else "FAIL"
                        print(f"    {said} {o.case.name}: {o.problem}")
                if server.name == "regkg serve":
                    passed, of = scores["read-only cases"]
                    failures += passed != of or scores["update cases refused"][0] != scores["update cases refused"][1]
    finally:
        for server in servers:
            server.stop()
    print("PASS" if not failures else "FAIL", "regkg serve passes every read-only case and refuses every update")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv[1:]))
