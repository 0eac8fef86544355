"""``regkg odrl``: evaluate ODRL policies into FORCE compliance reports.

Thin: reads the arguments, calls :func:`graph.policy.odrl.evaluate_files` and prints Turtle. Errors are
:class:`graph.errors.RegkgError` subclasses, which the main CLI turns into a message and exit code.
"""

from __future__ import annotations

import click

from graph.policy.odrl import evaluate_files

__all__ = ["odrl"]

_FILE = click.Path(dir_okay=False, path_type=str)


@click.group()
def odrl() -> None:
    """Evaluate ODRL 2.2 policies against requests (FORCE compliance reports)."""


@odrl.command("evaluate")
@click.option("--policy", required=True, type=_FILE, help="RDF file with the ODRL policy.")
@click.option("--request", required=True, type=_FILE, help="RDF file with the odrl:Request.")
@click.option("--sotw", required=True, type=_FILE, help="RDF file with the state of the world.")
def evaluate(policy: str, request: str, sotw: str) -> None:
    """Print the compliance report of POLICY for REQUEST in the state of the world, as Turtle."""
    report = evaluate_files(policy, request, sotw)
    click.echo(report.serialize(format="turtle"), nl=False)
