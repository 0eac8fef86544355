"""The ``regkg`` command line: a thin layer over documented Python functions.

Subcommands live in modules of this package and are imported only when used, so a command such as
``regkg check`` does not pay for the imports of ``regkg serve``. Core code raises
:class:`graph.errors.RegkgError`; only this layer turns it into a message and an exit status.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from graph.errors import RegkgError

__all__ = ["cli", "main", "COMMANDS"]

# command name -> "module:attribute" of its click command; imported on first use.
COMMANDS: dict[str, str] = {
    "build": "graph.cli.core:build_cmd",
    "validate": "graph.cli.core:validate_cmd",
    "export": "graph.cli.core:export_cmd",
    "stats": "graph.cli.core:stats_cmd",
    "show": "graph.cli.core:show_cmd",
    "schema": "graph.cli.core:schema_cmd",
    "odrl": "graph.cli.odrl:odrl",
    "check": "graph.cli.access:check_cmd",
    "who-can": "graph.cli.access:who_can_cmd",
    "what-can": "graph.cli.access:what_can_cmd",
    "availability": "graph.cli.access:availability_cmd",
    "groups": "graph.cli.access:groups_cmd",
    "timeline": "graph.cli.access:timeline_cmd",
    "diff": "graph.cli.access:diff_cmd",
    "sparql": "graph.cli.sparql:sparql_cmd",
    "queries": "graph.cli.sparql:queries_cmd",
    "serve": "graph.cli.sparql:serve_cmd",
    "push": "graph.cli.sparql:push_cmd",
    "viz": "graph.cli.viz:viz_cmd",
    "sources": "graph.cli.provenance:sources_cmd",
    "conflicts": "graph.cli.provenance:conflicts_cmd",
    "chart": "graph.cli.viz:chart_cmd",
    "watch": "graph.cli.watch:watch_group",
    "report": "graph.cli.watch:report_cmd",
    "feed": "graph.cli.watch:feed_cmd",
    "propose": "graph.cli.watch:propose_cmd",
    "compare": "graph.cli.watch:compare_cmd",
}


class BrokenCommand(click.ClickException):
    """A known command whose module cannot be imported: exit 70 (EX_SOFTWARE), naming what is missing."""

    exit_code = 70


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, attr = COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module), attr)
            except ImportError as exc:  # a broken install must say so, not "No such command"
                raise BrokenCommand(f"'regkg {name}' cannot start: {exc} (reinstall: pip install -e '.[test]')") from None
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except RegkgError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", "data_dir", type=click.Path(path_type=Path), envvar="REGKG_DATA",
              help="Data directory (default: the checkout's data/).")
@click.option("--home", type=click.Path(path_type=Path), envvar="REGKG_HOME",
              help="Where the built graph is kept (default: the checkout's build/).")
@click.version_option(package_name="regkg")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, home: Path | None) -> None:
    """regkg: who may use which AI model, through which channel, on which date, on whose say-so."""
    ctx.obj = {"data_dir": data_dir, "home": home}


def main() -> None:
    """Console-script entry point: no traceback for a user, a one-line message instead."""
    from graph.cli import core

    core.TUNE_COLLECTOR = True  # a process of its own: see core._settle_collector
    try:
        cli.main(prog_name="regkg")
    except SystemExit as done:
        _exit_without_teardown(done)
        raise
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(130)
    except OSError as exc:  # a full disk, an unwritable file: the system's words, not "internal error"
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        sys.exit(74)  # EX_IOERR
    except Exception as exc:  # the last guard: a bug must still not greet the user with a traceback
        if os.environ.get("REGKG_DEBUG"):
            raise
        click.echo(f"internal error: {type(exc).__name__}: {exc} (set REGKG_DEBUG=1 for details)", err=True)
        sys.exit(70)


def _exit_without_teardown(done: SystemExit) -> None:
    """End at once, output flushed, when a command loaded a projection (see ``graph.cli.core.LOADED``).

    Only the commands that read a projection do this, and they hold no worker, server or
    temporary file an exit handler would need to clean up.
    """
    core = sys.modules.get("graph.cli.core")
    if core is None or not core.LOADED or not isinstance(done.code, (int, type(None))):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the exit status still tells the caller
        pass
    os._exit(done.code or 0)
