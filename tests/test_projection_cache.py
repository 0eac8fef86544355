"""A build keeps its projection and the indexes decisions need, so a fresh process reads, not rebuilds.

These guard what makes a fresh ``regkg check`` on a large graph fast (bench/scale.py measures the
time): the cache is written by the build, read back equal, carries its indexes, and is never
trusted once it no longer fits the graph it was made for.
"""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest

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
    G = load_projection(home=tmp_path, rebuild=False, indexer=index_projection)
    assert set(built_indexes(G)) >= INDEXES
    fresh = project(open_graph(home=tmp_path, rebuild=False), cache=False)
    assert nx.utils.graphs_equal(G, fresh) and list(G.edges(keys=True)) == list(fresh.edges(keys=True))


def test_a_fresh_process_decides_with_the_cached_indexes(tmp_path):
    build(home=tmp_path, indexer=index_projection)
    code = ("import graph.policy.state as s, graph.policy.access as a; from graph.store.build import load_projection; "
            "from graph.policy import index_projection as ix; "
            "G = load_projection(rebuild=False, indexer=ix); a._build_access_index = None; s._build_state_index = None; "
            "print(a.decide(G, 'https://w3id.org/regkg/id/model/claude-mythos-5', '2026-08-01').decision)")
    out = subprocess.run([sys.executable, "-c", code], env={"REGKG_HOME": str(tmp_path), "PATH": ""},
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # building an index would have called None
    G = project(open_graph(home=tmp_path, rebuild=False), cache=False)  # indexes built here, in-process
    assert out.stdout.strip() == decide(G, "https://w3id.org/regkg/id/model/claude-mythos-5", "2026-08-01").decision


def test_a_projection_with_indexes_cannot_change_and_a_thawed_copy_gets_its_own(tmp_path):
    """Issue 19: no index answers for a graph it no longer describes. The loaded projection is
    frozen with its indexes; an edit goes to a thawed copy, which is indexed afresh."""
    from graph.store.memo import FrozenError, thaw

    build(home=tmp_path, indexer=index_projection)
    G = load_projection(home=tmp_path, rebuild=False)
    before = state_index(G)
    with pytest.raises(FrozenError):
        G.add_node("urn:new-model", kind="model", label="Brand New Model")
    H = thaw(G)
    H.add_node("urn:new-model", kind="model", label="Brand New Model")
    assert state_index(H) is not before
    assert resolve(H, "brand new model", kinds=["model"]) == "urn:new-model"


def test_a_bulk_load_makes_its_cache_on_first_use(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_bytes(serialize(open_graph(home=tmp_path / "seed"), "nt"))
    load_ntriples(nt, tmp_path / "home")
    G = load_projection(home=tmp_path / "home", rebuild=False, indexer=index_projection)
    again = load_projection(home=tmp_path / "home", rebuild=False, indexer=index_projection)
    assert set(built_indexes(again)) >= INDEXES and nx.utils.graphs_equal(G, again)


def test_indexes_built_by_other_code_are_never_used(tmp_path, monkeypatch):
    """A cache keyed on other code (a changed module) is rebuilt, never answered from."""
    import graph.policy as policy
    import graph.policy.access as access

    build(home=tmp_path, indexer=index_projection)
    calls = []

    def broken(G):
        calls.append(1)
        raise RuntimeError("the new code cannot build this index")

    monkeypatch.setattr(access, "_build_access_index", broken)
    G = load_projection(home=tmp_path, rebuild=False, indexer=index_projection)  # same code: cached
    decide(G, "https://w3id.org/regkg/id/model/claude-mythos-5", "2026-08-01")
    assert calls == []
    monkeypatch.setattr(policy, "INDEX_MODULES", policy.INDEX_MODULES + ("policy/worlds.py",))  # "other code"
    with pytest.raises(RuntimeError, match="cannot build"):
        load_projection(home=tmp_path, rebuild=False, indexer=index_projection)


def test_a_projection_made_by_other_code_is_made_again(tmp_path, monkeypatch):
    import graph.store.project as project_module

    result = build(home=tmp_path, indexer=index_projection)
    monkeypatch.setattr(project_module, "projection_key", lambda: "made-by-other-code")
    assert project_module.read_cache(result.path) is None
    G = load_projection(home=tmp_path, rebuild=False, indexer=index_projection)
    assert G.nodes["https://w3id.org/regkg/id/model/claude-mythos-5"]["label"] == "Claude Mythos 5"
    assert json.loads((result.path / project_module.KEY_FILE).read_text())["projection"] == "made-by-other-code"


def test_the_version_caches_are_keyed_on_is_the_package_version():
    import importlib.metadata

    import graph

    assert graph.__version__ == importlib.metadata.version("regkg")


def test_two_spellings_of_one_data_directory_are_one_build(tmp_path, monkeypatch):
    """`--data data` and `--data /abs/path/data` name one directory: each used to find the other's
    build stale and rebuild it (a full build with validation, 16 s on the whole record)."""
    from pathlib import Path

    from graph.store.build import fingerprint

    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert fingerprint(Path("data")) == fingerprint(data) == fingerprint(Path("./data"))
