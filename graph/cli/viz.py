"""``regkg viz``: write the graph browser, one self-contained offline HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.core import _dirs, open_projection

__all__ = ["viz_cmd"]


@click.command("viz")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: regkg.html in the build home).")
@click.option("--as-of", "as_of", metavar="DATE", help="Date (YYYY-MM-DD) whose rules are drawn in force (default: today).")
@click.option("--focus", metavar="NAME", help="Only the neighbourhood of this node (name, alias or IRI).")
@click.option("--depth", type=click.IntRange(min=0), help="Hops around --focus to keep (default: 2).")
@click.pass_context
def viz_cmd(ctx: click.Context, output: Path | None, as_of: str | None, focus: str | None, depth: int | None) -> None:
    """Write the interactive graph browser (works offline; open it in any browser)."""
    from graph.data.paths import default_build_dir
    from graph.store.export import write_atomically
    from viz.render import parse_as_of, render_html

    day = parse_as_of(as_of)  # a bad date fails before the graph is opened
    html = render_html(open_projection(ctx), as_of=day, focus=focus, depth=depth)
    _, home = _dirs(ctx)
    path = output or (home or default_build_dir()) / "regkg.html"
    write_atomically(path, html.encode("utf-8"))
    click.echo(str(path))
