"""The availability chart as a file for reports: one lane per audience, coloured by decision.

:func:`write_chart` draws what the page's "Availability over time" draws, from the same lanes
(:func:`viz.access.lanes`, that is :func:`graph.policy.periods.periods`) over the same span
(:func:`data_period`): each lane is coloured by the decision, hatched where the sources cannot
decide, marked with the decision's symbol (never colour alone), with the events that start or end
the model's rules numbered underneath and listed with their dates as written.

Drawn with matplotlib's object API (no pyplot, no display needed); SVG keeps its text as text,
escaped by matplotlib, so a label reads and searches as written and cannot become markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from graph.errors import InputError
from graph.policy.knowledge import Knowledge
from graph.policy.state import state_index
from viz import style
from viz.access import lanes, model_events

__all__ = ["FORMATS", "data_period", "chart_span", "chart_figure", "write_chart"]

FORMATS = ("svg", "png", "pdf")
_DAY = dt.timedelta(days=1)


def data_period(G: nx.MultiDiGraph) -> tuple[dt.date, dt.date] | None:
    """The whole period of the data: from the earliest to the latest date any event's window (as
    recorded or as narrowed by the recorded order) names; ``None`` for a graph with no dated event.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="event", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("b", kind="event", latest="2026-07-31")
    >>> [d.isoformat() for d in data_period(G)]
    ['2026-06-11', '2026-07-31']
    """
    days = [d for w in state_index(G).windows.values() for d in (w.earliest, w.latest) if d]
    for _, a in G.nodes(data=True):
        if a.get("kind") == "event":
            days += [dt.date.fromisoformat(a[k][:10]) for k in ("earliest", "latest") if a.get(k)]
    return (min(days), max(days)) if days else None


def chart_span(G: nx.MultiDiGraph, include: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The dates a chart shows: :func:`data_period` and ``include`` (the date asked about), padded
    by a twentieth of the span (at least a week) on each side.

    >>> G = nx.MultiDiGraph(); G.add_node("a", kind="event", earliest="2026-06-01", latest="2026-06-30")
    >>> [d.isoformat() for d in chart_span(G, dt.date(2026, 9, 1))]
    ['2026-05-25', '2026-09-08']
    """
    period = data_period(G)
    days = [d for d in (*(period or ()), include) if d]
    lo, hi = (min(days), max(days)) if days else (dt.date.today(), dt.date.today())
    pad = max(7, round((hi - lo).days * 0.05)) * _DAY
    return lo - pad, hi + pad


def _plain(text: str) -> str:
    """Text matplotlib must draw as written: a ``$`` would otherwise start mathematics."""
    return str(text).replace("$", r"\$")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def chart_figure(G: nx.MultiDiGraph, model: str, start: dt.date | None = None, end: dt.date | None = None, *,
                 place: str | None = None, known_on: dt.date | None = None):
    """A matplotlib :class:`~matplotlib.figure.Figure` of ``model``'s lanes between ``start`` and
    ``end`` (default: :func:`chart_span`), its events in a panel underneath, for a use in
    ``place`` as known on ``known_on`` (:func:`viz.access.lanes`), and the knowledge horizon."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    span = chart_span(G)
    lo, hi = start or span[0], end or span[1]
    if hi <= lo:
        raise InputError(f"the chart's end ({hi}) must come after its start ({lo})")
    rows = lanes(G, model, place=place, known_on=known_on, check=False)  # values only: one decision a period
    events = _events(G, model, lo, hi)
    height = 1.6 + 0.4 * max(len(rows), 1) + 0.28 * len(events)
    fig = Figure(figsize=(11, height), layout="constrained")
    grid = fig.add_gridspec(2 if events else 1, 1, height_ratios=[max(len(rows), 1), 0.7 * len(events)] if events else [1])
    ax = fig.add_subplot(grid[0])
    x0, x1 = date2num(lo), date2num(hi + _DAY)
    for k, (audience, periods) in enumerate(rows):
        y = len(rows) - 1 - k
        for value, first, last in _segments(periods, lo, hi):
            st = style.DECISION_STYLES[value]
            a, b = date2num(first), date2num(last + _DAY)
            ax.broken_barh([(a, b - a)], (y - 0.4, 0.8), facecolor=st["color"],
                           hatch="///" if st["hatch"] else None, edgecolor="#1b1f2480" if st["hatch"] else "none",
                           linewidth=0)
            if (b - a) / (x1 - x0) > 0.03:
                ax.text(a + (x1 - x0) * 0.004, y, st["symbol"], va="center", ha="left", color=st["ink"],
                        fontsize=10, fontweight="bold")
    ax.set_yticks(range(len(rows))[::-1], labels=[_plain(_short(_label(G, a))) for a, _ in rows])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    axes = [ax]
    if events:
        ev = fig.add_subplot(grid[1], sharex=ax)
        for n, (text, first, last, label, _) in enumerate(events):
            y = len(events) - 1 - n
            a, b = date2num(first), date2num(last + _DAY)
            if last == first:
                ev.plot([a + 0.5], [y], marker="D", color="#8e44ad", markersize=6)
            else:
                ev.broken_barh([(a, b - a)], (y - 0.25, 0.5), facecolor="#8e44ad", alpha=0.75)
        ev.set_yticks(range(len(events))[::-1],
                      labels=[_plain(f"{n}. {_short(e[3], 40)}") for n, e in enumerate(events, 1)], fontsize=8)
        ev.set_ylim(-0.6, len(events) - 0.4)
        ax.tick_params(labelbottom=False)
        axes.append(ev)
    for a_ in axes:
        a_.set_xlim(x0, x1)
        a_.grid(axis="x", color="#e5e8e8")
        a_.set_axisbelow(True)
        for side in ("top", "right", "left"):
            a_.spines[side].set_visible(False)
    until = Knowledge(G, known_on).horizon(model)
    if until and until.get("latest") and lo < dt.date.fromisoformat(until["latest"]) + _DAY <= hi:
        xh = date2num(dt.date.fromisoformat(until["latest"]) + _DAY)
        ax.axvline(xh, color="#555555", linestyle="--", linewidth=1)
        ax.axvspan(xh, x1, color="white", alpha=0.45, linewidth=0)
        ax.text(xh, len(rows) - 0.45, _plain(f" known until {until['latest']}"), fontsize=8, color="#333333", va="bottom")
    locator = AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    how = (f" in {place.upper()}" if place else "") + (f", as known on {known_on}" if known_on else "")
    fig.suptitle(_plain(f"Who may use {_label(G, model)}{how}, over time"), x=0.01, ha="left", fontsize=12, fontweight="bold")
    handles = [Patch(facecolor=st["color"], hatch="///" if st["hatch"] else None, edgecolor="#1b1f2480",
                     label=f"{st['symbol']} {st['label']}") for st in (style.DECISION_STYLES[d] for d in style.DECISION_ORDER)]
    fig.legend(handles=handles, loc="outside upper right", ncols=4, frameon=False, fontsize=9)
    notes = [f"{n}. {_short(label, 70)}: {_short(text, 80)} ({bounds})"
             for n, (text, _, _, label, bounds) in enumerate(events, 1)]
    notes.append("Decided by regkg (as regkg check does: graph.policy.access.decide, the sources weighed by "
                 "graph.policy.knowledge) for each span between the dates the sources give; hatched: the sources cannot decide.")
    fig.supxlabel(_plain("\n".join(notes)), x=0.01, ha="left", fontsize=7.5, color="#333333", linespacing=1.5)
    return fig


def _segments(periods, lo: dt.date, hi: dt.date):
    """Consecutive periods with the same decision as one (value, first day, last day), clipped."""
    out: list[list] = []
    for p in periods:
        first, last = max(p.start or lo, lo), min(p.end or hi, hi)
        if first > last:
            continue
        value = p.decision.decision
        if out and out[-1][0] == value and out[-1][2] + _DAY == first:
            out[-1][2] = last
        else:
            out.append([value, first, last])
    return [tuple(s) for s in out]


def _events(G: nx.MultiDiGraph, model: str, lo: dt.date, hi: dt.date) -> list[tuple]:
    """The model's events with a window inside the chart: (date as written, first and last day
    drawn, label, the window's bounds as text)."""
    windows = state_index(G).windows
    out = []
    for e in model_events(G, model):
        w = windows[e]
        first, last = max(w.earliest or lo, lo), min(w.latest or hi, hi)
        if first <= last:
            out.append((G.nodes[e].get("date_text", "no date given"), first, last, _label(G, e), w.text()))
    return sorted(out, key=lambda x: (x[1], x[2], x[3]))


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def write_chart(G: nx.MultiDiGraph, model: str, path: str | Path, fmt: str | None = None,
                start: dt.date | None = None, end: dt.date | None = None, *, place: str | None = None,
                known_on: dt.date | None = None) -> Path:
    """Write ``model``'s availability chart to ``path`` as SVG, PNG or PDF (``fmt``, else the
    file's extension); the file is replaced in one step, never left half-written. ``place`` and
    ``known_on`` are ``regkg check``'s ``--in`` and ``--known-on``.

    Raises :class:`graph.errors.InputError` for a format it cannot write.

    >>> import tempfile
    >>> from graph.store.build import open_graph
    >>> from graph.store.project import project
    >>> out = write_chart(project(open_graph()), "https://w3id.org/regkg/id/model/claude-mythos-5",
    ...                   Path(tempfile.mkdtemp()) / "mythos.svg")
    >>> text = out.read_text(); "Approved US institutions" in text and "<svg" in text
    True
    """
    from graph.store.export import write_atomically

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "svg").lower()
    if fmt not in FORMATS:
        raise InputError(f"cannot write a chart as '{fmt}' ({path.name}): use one of {', '.join(FORMATS)}")
    import io

    from matplotlib import rc_context

    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans", "svg.hashsalt": "regkg"}):
        chart_figure(G, model, start, end, place=place, known_on=known_on).savefig(buffer, format=fmt, dpi=150,
                                                   metadata={"Date": None} if fmt in ("svg", "pdf") else None)
    write_atomically(path, buffer.getvalue())
    return path
