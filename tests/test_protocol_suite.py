"""The W3C SPARQL 1.1 Protocol tests, sent to ``regkg serve`` as a real process.

The manifest and its data are read from ``../shared/w3c-sparql11-protocol`` (never copied). The
store the server runs on holds the manifest's graphs (data1-3) as named graphs, as the dataset
cases need. regkg must pass every case that applies to a read-only endpoint (27 of 34) and refuse
the seven update cases. ``bench/protocol_score.py`` prints the same score beside Oxigraph's.
"""

from __future__ import annotations

import httpx
import pytest

from conftest import shared_path
from graph.sparql.protocol_suite import UPDATES, dataset_quads, load_cases, run_case, score
from servers import home_with_graphs, start_regkg

ROOT_CASES = 34


@pytest.fixture(scope="module")
def suite():
    root = shared_path("w3c-sparql11-protocol", env="REGKG_PROTOCOL_SUITE")
    return root, load_cases(root)


@pytest.fixture(scope="module")
def outcomes(suite, tmp_path_factory):
    root, cases = suite
    home = home_with_graphs(tmp_path_factory.mktemp("protocol-home"), dataset_quads(root, cases))
    server = start_regkg(home)
    try:
        with httpx.Client(timeout=30) as client:
            yield {case.name: run_case(case, server.query, server.update, client) for case in cases}
    finally:
        server.stop()


def test_the_manifest_reads_as_34_cases(suite):
    _, cases = suite
    assert len(cases) == ROOT_CASES and {c.name for c in cases} >= UPDATES
    assert sum(not c.updates for c in cases) == 27


def test_every_read_only_case_passes(outcomes):
    failed = {name: o.problem for name, o in outcomes.items() if name not in UPDATES and not o.passed}
    assert failed == {}


def test_every_update_case_is_refused(outcomes):
    assert score(list(outcomes.values()))["update cases refused"] == (7, 7)
