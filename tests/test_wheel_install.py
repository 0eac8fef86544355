"""A wheel install (``pip install .``, not editable) works away from the checkout.

The wheel is built here without the network (the environment's own setuptools, no build
isolation), installed into a fresh environment, and run from an empty directory: it must find the
ontology, the saved queries and the data set it carries, and keep its built graph in the user's
cache directory, never in site-packages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from graph.sparql.queries import load_queries

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of a fresh environment holding only the regkg wheel, a scratch HOME)."""
    work = tmp_path_factory.mktemp("wheel")
    # setuptools builds inside the source tree (build/lib, *.egg-info): build from a copy, so the
    # checkout, and the graph kept in its build/, are left as they were.
    source = work / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "out", "__pycache__",
                                                                 "*.egg-info", ".pytest_cache"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    built = subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(work / "dist"), str(source)],
                           capture_output=True, text=True, env={**os.environ, "PIP_NO_INDEX": "1"})
    assert built.returncode == 0, built.stderr[-2000:]
    env_dir = work / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    wheel = next((work / "dist").glob("regkg-*.whl"))
    # --ignore-installed: without it pip would first uninstall the regkg of *this* environment.
    done = subprocess.run([*pip, "install", "--no-deps", "--no-index", "--ignore-installed", "--prefix", str(env_dir),
                           str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    python = env_dir / "bin" / "python"
    # The dependencies come from this environment, appended after the new one's own packages.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "deps-from-test-env.pth").write_text(sysconfig.get_path("purelib") + "\n")
    home = work / "home"
    home.mkdir()
    return python, home, Path(site)


def regkg(installed, *args: str) -> subprocess.CompletedProcess:
    python, home, _ = installed
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGKG_", "XDG_", "PYTHON"))}
    env["HOME"] = str(home)
    code = "import sys; from graph.cli import main; sys.argv[0] = 'regkg'; main()"
    return subprocess.run([str(python), "-c", code, *args], capture_output=True, text=True, cwd=home,
                          env=env, timeout=300)


def test_the_installed_package_is_the_wheel_not_the_checkout(installed):
    python, home, site = installed
    where = subprocess.run([str(python), "-c", "import graph, graph.data.paths as p; print(graph.__file__); "
                            "print(p.resource_root())"], capture_output=True, text=True, cwd=home, check=True)
    module, resources = where.stdout.split()
    assert Path(module).is_relative_to(site) and not Path(module).is_relative_to(REPO)
    assert Path(resources).name == "regkg" and Path(resources).parent.name == "share"


def test_an_installed_regkg_answers_a_compliance_question(installed):
    r = regkg(installed, "check", "Claude Mythos 5", "--on", "2026-08-01", "--employer", "Anthropic",
              "--nationality", "KR")
    assert r.returncode == 0 and r.stdout.startswith("permit"), r.stderr
    home, site = installed[1], installed[2]
    assert list((home / ".cache" / "regkg").glob("graph-*/store")), "the built graph goes to ~/.cache/regkg"
    assert not (site / "build").exists() and not (site.parent / "build").exists()


def test_an_installed_regkg_carries_the_saved_query_library(installed):
    listing = regkg(installed, "queries")
    assert listing.returncode == 0
    assert all(name in listing.stdout for name in load_queries())
    counts = regkg(installed, "sparql", "-n", "counts", "--format", "csv")
    assert counts.returncode == 0 and "AIModel" in counts.stdout


def test_an_installed_regkg_writes_the_browser_with_its_script_and_style(installed):
    home = installed[1]
    r = regkg(installed, "viz", "-o", str(home / "page.html"), "--as-of", "2026-09-01")
    assert r.returncode == 0, r.stderr
    page = (home / "page.html").read_text()
    assert "function setDate(" in page and "#matrix" in page  # templates/page.js and page.css travel in the wheel


def test_installing_the_wheel_leaves_this_environment_alone(installed):
    """pip's --prefix install would otherwise uninstall the regkg the rest of the suite runs."""
    here = subprocess.run([sys.executable, "-c", "import importlib.metadata as m, graph; "
                           "print(m.version('regkg'), graph.__file__)"], capture_output=True, text=True, cwd=REPO)
    assert here.returncode == 0, here.stderr
    assert Path(here.stdout.split()[1]).is_relative_to(REPO)
    script = Path(sys.executable).parent / "regkg"
    assert script.exists() or not Path(sys.prefix, "pyvenv.cfg").exists()
