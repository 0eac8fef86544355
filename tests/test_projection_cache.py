"""A build keeps its projection and the indexes decisions need, so a fresh process reads, not rebuilds.

These guard what makes a fresh ``regkg check`` on a large graph fast (bench/scale.py measures the
time): the cache is written by the build, read back equal, carries its indexes, and is never
trusted once it no longer fits the graph it was made for.
"""

from __future__ import annotations

import subprocess
import sys

import networkx as nx

from graph.policy import index_projection
from graph.policy.access import decide
from graph.policy.state import state_index
from graph.store.build import build, load_ntriples, load_projection, open_graph
from graph.store.export import serialize
from graph.store.memo import built_indexes
from graph.store.names import resolve
from graph.store.project import CACHE_FILE, project

INDEXES = {"access", "names", "parties", "state"}


def test_a_build_caches_the_projection_with_its_indexes(tmp_path):
    result = build(home=tmp_path, indexer=index_projection)
    assert (result.path / CACHE_FILE).is_file()
    G = load_projection(home=tmp_path, rebuild=False)
    assert set(built_indexes(G)) >= INDEXES
    fresh = project(open_graph(home=tmp_path, rebuild=False), cache=False)
    assert nx.utils.graphs_equal(G, fresh) and list(G.edges(keys=True)) == list(fresh.edges(keys=True))


def test_a_fresh_process_decides_with_the_cached_indexes(tmp_path):
    build(home=tmp_path, indexer=index_projection)
    code = ("import graph.policy.state as s, graph.policy.access as a; from graph.store.build import load_projection; "
            "G = load_projection(rebuild=False); a._build_access_index = None; s._build_state_index = None; "
            "print(a.decide(G, 'https://w3id.org/regkg/id/model/claude-mythos-5', '2026-08-01').decision)")
    out = subprocess.run([sys.executable, "-c", code], env={"REGKG_HOME": str(tmp_path), "PATH": ""},
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # building an index would have called None
    G = project(open_graph(home=tmp_path, rebuild=False), cache=False)  # indexes built here, in-process
    assert out.stdout.strip() == decide(G, "https://w3id.org/regkg/id/model/claude-mythos-5", "2026-08-01").decision


def test_indexes_are_rebuilt_when_the_projection_changes(tmp_path):
    build(home=tmp_path, indexer=index_projection)
    G = load_projection(home=tmp_path, rebuild=False)
    before = state_index(G)
    G.add_node("urn:new-model", kind="model", label="Brand New Model")
    assert state_index(G) is not before
    assert resolve(G, "brand new model", kinds=["model"]) == "urn:new-model"


def test_a_bulk_load_makes_its_cache_on_first_use(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_bytes(serialize(open_graph(home=tmp_path / "seed"), "nt"))
    load_ntriples(nt, tmp_path / "home")
    G = load_projection(home=tmp_path / "home", rebuild=False, indexer=index_projection)
    again = load_projection(home=tmp_path / "home", rebuild=False)
    assert set(built_indexes(again)) >= INDEXES and nx.utils.graphs_equal(G, again)
