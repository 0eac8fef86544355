"""The layout of graph/ (issue 14): four layers, imports one way, old paths answering for a release.

``lint-imports`` (run by ``make test``) checks the contract in ``pyproject.toml`` over every import
statement, those inside functions included. What it cannot see is an import by name at run time
(``importlib.import_module("graph.x")``): the test below finds those, so that no lower layer
reaches a higher one that way either.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAYERS = ["graph.errors", "graph.data", "graph.store", "graph.policy", "graph.sparql", "graph.cli"]


def _layer(module: str) -> int | None:
    if module in ("viz", "graph.watch") or module.startswith(("viz.", "graph.watch.")):
        return LAYERS.index("graph.sparql")  # viz and watch sit beside the endpoint, above policy
    for i, layer in reversed(list(enumerate(LAYERS))):
        if module == layer or module.startswith(layer + "."):
            return i
    return None


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_by_name(tree: ast.AST) -> list[str]:
    """String literals handed to importlib.import_module / __import__, and 'module:attr' targets."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.split(":")[0]
            if text.startswith(("graph.", "viz.")) and " " not in text and text.replace(".", "").replace("_", "").isalnum():
                names.append(text)
    return names


def test_no_layer_names_a_higher_one_even_as_a_string():
    """A module name written as text (for a lazy import) must point down the layers as well."""
    allowed = {"graph/__init__.py", "graph/_moved.py", "graph/store/__init__.py", "graph/sparql/__init__.py"}
    offences = []
    for path in sorted((REPO / "graph").rglob("*.py")) + sorted((REPO / "viz").rglob("*.py")):
        rel = str(path.relative_to(REPO))
        if rel in allowed:
            continue  # the public API and the old paths' forwarding name every layer on purpose
        own = _layer(_module_name(path))
        for name in _imported_by_name(ast.parse(path.read_text())):
            other = _layer(name)
            if own is not None and other is not None and other > own:
                offences.append(f"{rel} names {name}")
    assert not offences, offences


def test_the_import_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([str(lint)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("old, name, new", [
    ("graph.access", "decide", "graph.policy.access"),
    ("graph.state", "cached", "graph.store.memo"),
    ("graph.timeline", "groups", "graph.policy.audiences"),
    ("graph.store", "OxigraphStore", "graph.store.stores"),
    ("graph.sparql", "check_query", "graph.store.querytext"),
    ("graph.queries", "run_saved", "graph.sparql.queries"),
])
def test_old_paths_answer_with_a_warning_naming_the_new_one(old, name, new):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        value = getattr(importlib.import_module(old), name)
    assert value is getattr(importlib.import_module(new), name)
    assert any(issubclass(w.category, DeprecationWarning) and new in str(w.message) for w in seen)


def test_from_old_path_import_works_in_a_fresh_process():
    code = ("import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
            "try:\n    from graph.access import decide\nexcept DeprecationWarning as w:\n    print(w)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert "import it from graph.policy.access" in out.stdout, out.stderr
