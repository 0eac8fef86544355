"""The README can't drift: its two commands, every CLI command and every saved query are named there."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def test_readme_opens_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    assert README.index("```sh") < README.index("## ")


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


def test_makefile_has_both_targets():
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^run: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)


def test_every_cli_command_is_in_the_readme():
    from graph.cli import COMMANDS

    missing = [name for name in COMMANDS if f"regkg {name}" not in README]
    assert not missing


def test_every_saved_query_is_in_the_readme():
    names = sorted(p.stem for p in (REPO / "ontology" / "queries").glob("*.rq"))
    assert len(names) >= 15
    assert [n for n in names if f"`{n}`" not in README] == []
