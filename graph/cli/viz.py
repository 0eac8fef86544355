"""``regkg viz`` and ``regkg chart``: the offline HTML browser, and the availability chart as a file."""

from __future__ import annotations

from pathlib import Path

import click

from graph.cli.core import _dirs, open_projection

__all__ = ["viz_cmd", "chart_cmd"]


@click.command("viz")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: regkg.html in the build home).")
@click.option("--as-of", "as_of", metavar="DATE", help="Date (YYYY-MM-DD) the page opens on (default: today).")
@click.option("--focus", metavar="NAME", help="Only the neighbourhood of this node (name, alias or IRI).")
@click.option("--depth", type=click.IntRange(min=0), help="Hops around --focus to keep (default: 2).")
@click.option("--known-on", "known", metavar="auto|all|none|DATE[,DATE...]", default="auto", show_default=True,
              help="The known-on dates the page answers for (each a table of its own, as costly as the page's): "
                   "every state of knowledge the sources' publication dates allow (all), none, those of the dates "
                   "given, or (auto) every one when there are at most 24, else none.")
@click.option("--models", metavar="NAME[,NAME...]",
              help="Only these models or services in the Access view (default: every one a rule is about).")
@click.pass_context
def viz_cmd(ctx: click.Context, output: Path | None, as_of: str | None, focus: str | None, depth: int | None,
            known: str, models: str | None) -> None:
    """Write the interactive graph browser (works offline; open it in any browser)."""
    from graph.data.paths import default_build_dir
    from graph.store.export import write_atomically
    from viz.render import parse_as_of, render_html

    day = parse_as_of(as_of)  # a bad date fails before the graph is opened
    dates = known_dates(known)
    names = [m.strip() for m in models.split(",") if m.strip()] if models else None
    G = open_projection(ctx)
    _say_known_left_out(G, dates)
    html = render_html(G, as_of=day, focus=focus, depth=depth, known=dates, models=names)
    _, home = _dirs(ctx)
    path = output or (home or default_build_dir()) / "regkg.html"
    write_atomically(path, html.encode("utf-8"))
    click.echo(str(path))


def _say_known_left_out(G, dates) -> None:
    """Tell the user, on stderr, when ``auto`` leaves the known-on tables out, and how to ask."""
    from viz.access import KNOWN_TABLES_UP_TO, held_known, knowledge_dates

    if dates == "auto":
        epochs = knowledge_dates(G)
        if epochs and not held_known(epochs, "auto"):  # (the rule is held_known's)
            click.echo(f"note: the sources allow {len(epochs)} states of knowledge, more than the "
                       f"{KNOWN_TABLES_UP_TO} a page holds unless asked; the page answers from every recorded "
                       "source (--known-on DATE[,DATE...] adds a table for each date given, --known-on all one "
                       "for every state)", err=True)


def known_dates(text: str):
    """``--known-on``'s value: ``"auto"``, ``"all"``, ``None`` (none) or a list of dates.

    >>> known_dates("all"), known_dates("none"), known_dates("2025-03-01, 2025-04-01"), known_dates("auto")
    ('all', None, ['2025-03-01', '2025-04-01'], 'auto')
    """
    from viz.render import parse_as_of

    text = text.strip().lower()
    if text in ("all", "none", "", "auto"):
        return None if text in ("none", "") else text
    try:
        return [parse_as_of(d).isoformat() for d in text.split(",") if d.strip()]
    except Exception:
        raise click.BadParameter(f"'{text}' (expected auto, all, none or YYYY-MM-DD dates separated by commas)",
                                 param_hint="--known-on") from None


@click.command("chart")
@click.argument("model")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write: .svg, .png or .pdf (default: MODEL-availability.svg in the build home).")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf"]), help="Format (default: from the file's extension).")
@click.option("--from", "start", metavar="DATE", help="First day shown (default: the start of the data, padded).")
@click.option("--to", "end", metavar="DATE", help="Last day shown (default: the end of the data, padded).")
@click.option("--in", "place", metavar="CC", help="Where the use takes place: an ISO 3166 code (IT, US-TX).")
@click.option("--known-on", "known_on", metavar="DATE",
              help="Answer from what the sources published by this date say (YYYY-MM-DD).")
@click.pass_context
def chart_cmd(ctx: click.Context, model: str, output: Path | None, fmt: str | None, start: str | None,
              end: str | None, place: str | None, known_on: str | None) -> None:
    """Write MODEL's (or a service's) availability over time, one lane per audience, as an SVG, PNG or PDF file."""
    from graph.data.paths import default_build_dir
    from graph.policy.state import parse_date
    from graph.store.names import resolve
    from viz.chart import write_chart

    first, last = (parse_date(start) if start else None), (parse_date(end) if end else None)
    known = parse_date(known_on) if known_on else None
    G = open_projection(ctx)
    node = resolve(G, model, kinds=["model", "service"], what="model")
    _, home = _dirs(ctx)
    path = output or (home or default_build_dir()) / f"{node.rsplit('/', 1)[-1]}-availability.{fmt or 'svg'}"
    click.echo(str(write_chart(G, node, path, fmt, first, last, place=place, known_on=known)))
