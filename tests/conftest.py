"""Shared fixtures: the built seed graph, its projection, and a runner for the installed ``regkg``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from servers import (fuseki_server, jena_server, oxigraph_server, regkg_executable,  # noqa: F401
                     seed_home, seed_store, virtuoso_server)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def unavailable(reason: str):
    """The one rule for what a test needs and may not find (../shared, chromium, a server):
    skip with the reason in a user's clone, fail under ``CI=true``, where everything must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


def shared_path(*parts: str, env: str | None = None) -> Path:
    """A path under ../shared (or ``$env`` when that variable is set); :func:`unavailable` when missing."""
    path = Path(os.environ[env]) if env and os.environ.get(env) else SHARED.joinpath(*parts)
    if not path.exists():
        hint = f" (or set {env} to where it is)" if env and not os.environ.get(env) else ""
        unavailable(f"{path} is missing{hint}: it sits beside the checkout in CI; a user's clone has none")
    return path


@pytest.fixture(scope="session")
def store():
    """The seed graph built from data/, opened read-only (pyoxigraph)."""
    from graph.store.build import open_graph

    return open_graph()


@pytest.fixture(scope="session")
def G(store):
    """The networkx projection of the seed graph."""
    from graph.store.project import project

    return project(store)


@pytest.fixture(scope="session")
def run_regkg():
    """Run the installed ``regkg`` command as a user would; returns the CompletedProcess."""

    def run(*args: str, input: str | None = None, env: dict | None = None, timeout: float = 120):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run([*regkg_executable(), *args], capture_output=True, text=True,
                              input=input, env=full_env, timeout=timeout, cwd=REPO)

    return run
