"""The README and the documentation site cannot drift.

- The README opens with its two commands, stays under 200 lines, and links only to pages that exist.
- Every console example of the README and of docs/ prints what it shows (one test per block, run by
  ``docs/examples.py``; volatile parts masked), and every Python session passes.
- The site builds offline with ``mkdocs build --strict`` (a broken link, anchor or nav entry fails),
  with the pages generated at build time: the ontology reference (an example for each class), the
  saved-query gallery (every query), the CLI reference (every command) and the Python API.

Refresh the documented outputs after an intended change: ``make docs-refresh``
(``.venv/bin/python -m docs.examples --update``), then read the diff.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()
DOCS = REPO / "docs"

sys.path.insert(0, str(REPO))  # the docs package (docs/examples.py and the generators) lives at the top
from docs import examples  # noqa: E402


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert README.index("```sh") < README.index("## ")


def test_readme_is_read_in_two_minutes():
    assert len(README.splitlines()) <= 200


def test_readme_links_into_the_docs_resolve():
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README)
    local = [link for link in links if not re.match(r"[a-z]+:", link)]
    assert local, "the README links into docs/"
    assert [link for link in local if not (REPO / link).exists()] == []


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_makefile_has_the_targets():
    makefile = (REPO / "Makefile").read_text()
    for target in ("run", "test", "docs", "docs-refresh", "setup"):
        assert re.search(rf"^{target}: ", makefile, re.M), target
    assert "'.[test,docs]'" in makefile  # make setup installs what make docs and this test need


def test_site_is_not_committed():
    assert re.search(r"^site/$", (REPO / ".gitignore").read_text(), re.M)


def test_every_cli_command_is_in_the_docs():
    from graph.cli import COMMANDS

    text = README + "".join(p.read_text() for p in DOCS.rglob("*.md"))
    assert [name for name in COMMANDS if f"regkg {name}" not in text] == []


def test_pages_merged_from_other_branches_have_their_place():
    """The lead moves docs-fragments/compliance.md (branch watch) and docs-fragments/fidelity.md (branch
    fidelity) to these paths at merge; until then each holds a placeholder, and the nav lists both."""
    nav = (REPO / "mkdocs.yml").read_text()
    for page in ("compliance/watch.md", "compliance/fidelity.md"):
        assert (DOCS / page).is_file() and page in nav


def test_the_docs_tools_doctests():
    from docs import griffe_rst, ontology_ref

    for module in (examples, griffe_rst, ontology_ref):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, module.__name__


# -- the examples ---------------------------------------------------------------------------------

BLOCKS = examples.all_blocks()
SESSIONS = [s for f in examples.doc_files() for s in examples.sessions(f)]


@pytest.fixture(scope="module")
def built():
    examples.prepare(BLOCKS)


@pytest.mark.parametrize("block", [b for b in BLOCKS if not b.skipped], ids=lambda b: b.where)
def test_console_example(block, built):
    outcome = examples.check_block(block)
    assert not outcome.failures, "\n\n".join(outcome.failures) + "\n\n(refresh: make docs-refresh)"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s.where)
def test_python_example(session, built):
    assert examples.check_session(session) is None


def test_examples_not_run_say_why():
    skipped = [b for b in BLOCKS if b.skipped]
    assert all(b.skipped != "no reason given" for b in skipped)
    assert len(skipped) <= 5, "examples are run; 'not run' is for servers and stores that are not there"


# -- the site -------------------------------------------------------------------------------------


def test_the_site_builds_offline_and_strict(tmp_path, built):
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-4000:]

    from graph.cli import COMMANDS
    from graph.sparql.queries import load_queries
    from rdflib import OWL, RDF, Graph

    ontology = (site / "reference" / "ontology.html").read_text()
    classes = [c for c in Graph().parse(REPO / "ontology" / "regkg.ttl").subjects(RDF.type, OWL.Class)
               if str(c).startswith("https://w3id.org/regkg/ns#")]
    for c in classes:
        assert f'id="{str(c).split("#")[1]}"' in ontology, c
    assert ontology.count("Example from the data") == len(classes)
    assert "https://www.w3.org/TR/odrl-model/" in ontology and "https://www.w3.org/TR/prov-o/" in ontology
    assert (site / "reference" / "ontology-pylode.html").stat().st_size > 10_000

    gallery = (site / "reference" / "queries.html").read_text()
    assert [name for name in load_queries() if f'id="{name}"' not in gallery] == []

    cli = (site / "reference" / "cli.html").read_text()
    assert [name for name in COMMANDS if f'id="regkg-{name}"' not in cli] == []
    api = (site / "reference" / "python.html").read_text()
    assert 'id="graph.facade.Graph"' in api and api.index("graph.facade") < api.index("graph.policy.access")
