"""``regkg watch init / report / feed / propose / compare``: thin commands over :mod:`graph.watch`.

``report`` answers a watchlist on a date (and lists what changed since another); ``feed`` writes
the acts that change answers as Atom 1.0 or JSON Feed 1.1; ``propose`` previews which answers a
file of new records would change, and ``compare`` which answers changed since a git revision of
the data. ``propose`` and ``compare`` exit 0 when no answer changes, 1 when some do, 2 on an error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from graph.cli.access import DATE

__all__ = ["watch_group", "report_cmd", "feed_cmd", "propose_cmd", "compare_cmd"]


def _dirs(ctx: click.Context) -> tuple[Path | None, Path | None]:
    obj = ctx.find_root().obj or {}
    return obj.get("data_dir"), obj.get("home")


def data_dir_of(ctx: click.Context) -> Path:
    """The data directory of this invocation (``--data``, or the default one)."""
    from graph.data.paths import default_data_dir

    data_dir, _ = _dirs(ctx)
    return Path(data_dir or default_data_dir())


def _provenance(ctx: click.Context, options: dict) -> dict:
    """What the output is built from: the current build's content key, the data's commit, the options."""
    from graph.store.build import content_key
    from graph.watch.report import built_from

    _, home = _dirs(ctx)
    return built_from(content_key(home=home), data_dir_of(ctx), options)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from graph.store.export import write_atomically

    write_atomically(output, text.encode("utf-8"))
    click.echo(f"wrote {output} ({len(text.encode('utf-8'))} bytes)", err=True)


@click.group("watch")
def watch_group() -> None:
    """Watchlists: the parties you answer for and the models they use (see 'regkg report')."""


@watch_group.command("init")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def watch_init_cmd(file: Path | None, force: bool) -> None:
    """Write a commented example watchlist to FILE (default: standard output)."""
    from graph.data.watchlist import EXAMPLE
    from graph.errors import InputError

    if file is None:
        click.echo(EXAMPLE, nl=False)
        return
    if file.exists() and not force:
        raise InputError(f"{file}: exists already (give --force to overwrite it)")
    _write(EXAMPLE, file)


@watch_group.command("check")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def watch_check_cmd(ctx, file: Path) -> None:
    """Check a watchlist against the graph: every name resolves; print its questions."""
    from graph.cli.core import open_projection
    from graph.data.watchlist import load_watchlist
    from graph.watch.questions import questions

    loaded = load_watchlist(file)
    G = open_projection(ctx)
    asked = questions(G, loaded)
    for q in asked:
        channel = f" through {G.nodes[q.channel]['label']}" if q.channel else ""
        click.echo(f"{q.party_id}: {q.action.split(':')[1]} {G.nodes[q.asset]['label']}{channel}")
    click.echo(f"ok: {len(loaded.watchlist.parties)} parties, {len(asked)} questions", err=True)


@click.command("report")
@click.option("--watchlist", "watchlist", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The watchlist (YAML; 'regkg watch init' writes an example).")
@click.option("--on", "on", type=DATE, required=True, help="The date the answers are about (YYYY-MM-DD).")
@click.option("--since", "since", type=DATE, help="Also list every change of an answer after this date, up to --on.")
@click.option("--known-on", "known_on", type=DATE,
              help="Answer from what the sources published by this date say (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "csv", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
@click.pass_context
def report_cmd(ctx, watchlist, on, since, known_on, fmt, output):
    """The audit report of a watchlist: every party × model's answer on a date, with its conditions,
    evidence, quotes and sources; what changed since --since; the knowledge horizon.

    The report names what it was built from (the build's content key, the data's git commit, the
    options), and holds no clock time: the same inputs give the same bytes.
    """
    from graph.cli.core import open_projection
    from graph.data.watchlist import load_watchlist
    from graph.watch.report import build_report, watchlist_digest
    from graph.watch.writers import render

    loaded = load_watchlist(watchlist)
    G = open_projection(ctx)
    options = {"watchlist": str(watchlist), "watchlist_sha256": watchlist_digest(loaded), "on": on.isoformat(),
               "since": since and since.isoformat(), "known_on": known_on and known_on.isoformat(), "format": fmt}
    report = build_report(G, loaded, on, since, known_on, provenance=_provenance(ctx, options))
    _write(render(report, fmt), output)


@click.command("feed")
@click.option("--watchlist", type=click.Path(path_type=Path, dir_okay=False), help="The acts that change an answer "
              "for this watchlist's parties and models.")
@click.option("--model", metavar="MODEL", help="The acts that change who may use this model or service (every "
                                               "audience its rules name).")
@click.option("--place", metavar="CC", help="The acts that change an answer for a use in this place (ISO 3166), "
                                            "for every model and audience.")
@click.option("--known-on", "known_on", type=DATE, help="As known from the sources published by this date.")
@click.option("--format", "fmt", type=click.Choice(["atom", "json"]), default="atom", show_default=True,
              help="Atom 1.0 or JSON Feed 1.1.")
@click.option("--self-url", metavar="URL", help="The address the feed will be published at (its 'self' link).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
@click.pass_context
def feed_cmd(ctx, watchlist, model, place, known_on, fmt, self_url, output):
    """A feed of the acts that change an answer: each entry a date, the acts, what each answer was
    and is, for whom, and the sources. With no option, every model and audience."""
    from graph.cli.core import open_projection
    from graph.data.watchlist import load_watchlist
    from graph.errors import InputError
    from graph.watch.feeds import feed_for, render_feed

    if sum(x is not None for x in (watchlist, model, place)) > 1:
        raise InputError("give one of --watchlist, --model and --place")
    loaded = load_watchlist(watchlist) if watchlist else None
    G = open_projection(ctx)
    options = {"watchlist": str(watchlist) if watchlist else None, "model": model, "place": place,
               "known_on": known_on and known_on.isoformat(), "format": fmt}
    feed = feed_for(G, watchlist=loaded, model=model, place=place, known_on=known_on,
                    provenance=_provenance(ctx, options))
    body = render_feed(feed, fmt, self_url)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        from graph.store.export import write_atomically

        write_atomically(output, body)
        click.echo(f"wrote {output} ({len(feed.entries)} entries, {len(body)} bytes)", err=True)


def _impact_out(ctx, impact, fmt: str, output: Path | None, options: dict) -> None:
    import json

    from graph.watch.impact import impact_text

    impact.built_from = _provenance(ctx, options)
    text = json.dumps(impact.to_dict(), indent=2, ensure_ascii=False) + "\n" if fmt == "json" else impact_text(impact)
    _write(text, output)
    ctx.exit(impact.exit_code)


@click.command("propose")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--watchlist", type=click.Path(path_type=Path, dir_okay=False),
              help="Ask this watchlist's questions instead of those the records touch.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
@click.pass_context
def propose_cmd(ctx, files, watchlist, fmt, output):
    """Which answers the records in FILES (YAML, the authoring format) would change.

    The records are checked against the current data (a new id is added; an existing id replaces
    that record), built into a temporary graph beside the current one (which is not touched), and
    the answers for every audience and place the records touch (or for --watchlist) are compared
    over all time. Also the conflicts the records add and the knowledge horizon they move.
    Exit 0 when no answer changes, 1 when answers change, 2 on an error.
    """
    from graph.cli.core import open_projection
    from graph.data.watchlist import load_watchlist
    from graph.watch.impact import propose

    loaded = load_watchlist(watchlist) if watchlist else None
    current = open_projection(ctx)
    impact = propose(current, data_dir_of(ctx), list(files), watchlist=loaded)
    _impact_out(ctx, impact, fmt, output, {"files": [str(f) for f in files],
                                           "watchlist": str(watchlist) if watchlist else None})


@click.command("compare")
@click.option("--against", "rev", required=True, metavar="REV",
              help="A git revision (commit, branch, tag) of the data to compare the working data with.")
@click.option("--watchlist", type=click.Path(path_type=Path, dir_okay=False),
              help="Ask this watchlist's questions instead of those the changed records touch.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: standard output).")
@click.pass_context
def compare_cmd(ctx, rev, watchlist, fmt, output):
    """Which answers changed between the data at a git revision and the working data
    ("what did last week's curation change?"). Exit 0 when none, 1 when some, 2 on an error."""
    from graph.cli.core import open_projection
    from graph.data.watchlist import load_watchlist
    from graph.watch.impact import compare

    loaded = load_watchlist(watchlist) if watchlist else None
    current = open_projection(ctx)
    impact = compare(current, data_dir_of(ctx), rev, watchlist=loaded)
    _impact_out(ctx, impact, fmt, output, {"against": rev, "watchlist": str(watchlist) if watchlist else None})
