"""Render the networkx projection as one self-contained, offline HTML page.

The page is our own Jinja template (``viz/templates/page.html``, autoescaped) with its script and
style (``page.js``, ``page.css``) and pyvis's bundled vis-network inlined; no CDN, no network
request. Data reaches the page's script only as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the script writes data into the DOM with
``textContent`` only, so a hostile label stays text.

One engine: every decision and every rule state the page shows was computed here, by
:mod:`graph.policy` (:func:`graph.policy.periods.periods` for the Access view's cells,
:func:`graph.policy.periods.policy_periods` for the rules drawn in the graph), for each span between
the dates on which it can change. The page looks the chosen date up in those tables; it has no
copy of the time rule. See :mod:`viz.access` and :mod:`viz.graphdata` for the two tables.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
from itertools import chain
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from graph.errors import InputError
from graph.policy import state
from graph.store.names import resolve
from viz import style
from viz.access import access_table, place_label
from viz.acts import acts, document_table, place_tree
from viz.chart import data_period
from viz.graphdata import RULE_KINDS, display_label, display_state, graph_data, planned_only, rule_policy

__all__ = [
    "render_html", "page_data", "rule_states", "rule_policy", "display_state", "parse_as_of",
    "neighbourhood", "display_label", "script_json", "RULE_KINDS", "LARGE_GRAPH", "html_of",
]

LARGE_GRAPH = 1000  # nodes above which the graph view opens on an overview of clusters
DEFAULT_TITLE = "regkg: who may use which AI model, and since when"
_TEMPLATES = Path(__file__).parent / "templates"


def parse_as_of(value: dt.date | str | None) -> dt.date:
    """The as-of date: a date, an ISO ``YYYY-MM-DD`` string, or ``None`` for today.

    >>> parse_as_of("2026-06-15")
    datetime.date(2026, 6, 15)
    >>> parse_as_of("mid-June")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: bad --as-of date 'mid-June' (expected YYYY-MM-DD, e.g. 2026-07-01)
    """
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(f"bad --as-of date '{value}' (expected YYYY-MM-DD, e.g. 2026-07-01)") from None


def rule_states(G: nx.MultiDiGraph, as_of: dt.date | str | None = None) -> dict[str, str]:
    """The state (``in-force``, ``uncertain``, ``not-in-force``, ``planned``) of every rule on ``as_of``,
    as :func:`graph.policy.state.policy_state` says of its policy.

    >>> from graph.store.build import open_graph
    >>> from graph.store.project import project
    >>> G = project(open_graph())
    >>> rule = "https://w3id.org/regkg/id/rule/suspension-all-customers"
    >>> [rule_states(G, d)[rule] for d in ("2026-06-01", "2026-06-20", "2026-06-21")]
    ['not-in-force', 'uncertain', 'in-force']
    """
    day = parse_as_of(as_of)
    out = {}
    for rule, kind in G.nodes(data="kind"):
        if kind in RULE_KINDS:
            policy = rule_policy(G, rule)
            engine = state.policy_state(G, policy, day).state if policy else state.NOT_IN_FORCE
            out[rule] = display_state(engine, planned_only(G, policy))
    return out


def neighbourhood(G: nx.MultiDiGraph, center: str, depth: int) -> set[str]:
    """The nodes within ``depth`` hops of ``center``, following edges either way.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(G, "a", 2))
    ['a', 'b', 'c']
    """
    seen, frontier = {center}, [center]
    for _ in range(depth):
        frontier = [m for n in frontier for m in chain(G.successors(n), G.predecessors(n))
                    if m not in seen and not seen.add(m)]
    return seen


def _focus_nodes(G: nx.MultiDiGraph, focus: str | None, depth: int | None) -> tuple[str | None, set[str] | None]:
    if focus is None:
        if depth is not None:
            raise InputError("--depth needs --focus NAME")
        return None, None
    if depth is not None and depth < 0:
        raise InputError(f"bad --depth {depth} (expected 0 or more)")
    center = focus if focus in G else resolve(G, focus, what="focus name")
    return center, neighbourhood(G, center, 2 if depth is None else depth)


def page_data(G: nx.MultiDiGraph, as_of: dt.date | str | None = None, focus: str | None = None,
              depth: int | None = None, title: str = DEFAULT_TITLE, *, known="auto", actions="all",
              models: list[str] | None = None, progress=None) -> dict:
    """Everything the page's script needs, as plain JSON-able data.

    ``focus`` (a name, alias or IRI) keeps only the nodes within ``depth`` hops (default 2) in the
    graph view, which opens on it. The Access view's tables, rule states and event windows come from
    the whole graph, so a focused page says the same as a full one. ``known``, ``actions`` and
    ``models`` say which tables the Access view holds (:func:`viz.access.access_table`). A graph
    whose recorded order :mod:`graph.policy.state` refuses (a cycle, or dates it contradicts) raises
    :class:`graph.errors.InputError`, as ``regkg check`` does.

    >>> G = nx.MultiDiGraph(); G.add_node("urn:m", kind="model", label="M")
    >>> d = page_data(G, as_of="2026-07-01")
    >>> d["asOf"], d["graph"]["label"], d["graph"]["kinds"][0]["shape"]
    ('2026-07-01', ['M'], 'star')
    """
    day = parse_as_of(as_of)
    center, keep = _focus_nodes(G, focus, depth)
    nodes = list(G.nodes) if keep is None else [n for n in G.nodes if n in keep]
    index_of = {n: i for i, n in enumerate(nodes)}
    graph = graph_data(G, nodes)
    period = data_period(G)
    only = None if models is None else [m if m in G else resolve(G, m, kinds=["model", "service"], what="model")
                                        for m in models]
    access = access_table(G, index_of, known=known, actions=actions, only=only, progress=progress)
    the_acts = acts(G, index_of)
    codes = set(access["facts"]["place"]["values"]) | {c for a in the_acts for c in a["places"]}
    codes = sorted(codes | {u for ups in place_tree(G, codes).values() for u in ups})
    return {
        "title": title,
        "asOf": day.isoformat(),
        "focus": center,
        "period": [period[0].isoformat(), period[1].isoformat()] if period else None,
        "large": len(nodes) > LARGE_GRAPH,
        "graph": graph,
        "access": access,
        "acts": the_acts,
        "places": {"codes": codes, "labels": {c: place_label(c) for c in codes}, "up": place_tree(G, codes)},
        "docs": document_table(G, index_of),
        "style": {"other": style.OTHER_KIND, "relations": style.RELATION_LABELS,
                  "relationStyles": style.RELATION_STYLES, "access": sorted(style.ACCESS_RELATIONS),
                  "states": style.RULE_STATES, "decisions": style.DECISION_STYLES,
                  "decisionOrder": list(style.DECISION_ORDER), "selection": style.SELECTION_COLOR,
                  "cluster": style.CLUSTER_STYLE},
    }


def script_json(data) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` or
    line separators appear raw, so no string can close the element or start markup.

    >>> str(script_json({"label": "</script><img src=x>"}))
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":") if _is_big(data) else None)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


def _is_big(data) -> bool:
    return isinstance(data, dict) and len(data.get("graph", {}).get("ids", ())) > 50


@functools.lru_cache(maxsize=1)
def _page_assets() -> tuple[Markup, Markup]:
    """The page's own script and style (``templates/page.js``, ``page.css``), checked to be safe to
    inline verbatim (they are read as text, not rendered, so no template syntax applies in them)."""
    js = (_TEMPLATES / "page.js").read_text(encoding="utf-8")
    css = (_TEMPLATES / "page.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError(f"{_TEMPLATES}: the page's script or style cannot be inlined safely")
    return Markup(js), Markup(css)


@functools.lru_cache(maxsize=1)
def _assets() -> tuple[Markup, Markup]:
    """pyvis's bundled vis-network (JS and CSS), checked to be safe to inline verbatim."""
    spec = importlib.util.find_spec("pyvis")  # locate without importing pyvis (it pulls in IPython)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; its bundled vis-network is needed to render the page")
    lib = Path(spec.submodule_search_locations[0]) / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js or "</style" in css.lower():
        raise RuntimeError(f"{lib}: the bundled vis-network cannot be inlined safely")
    return Markup(js), Markup(css)


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_html(G: nx.MultiDiGraph, as_of: dt.date | str | None = None, focus: str | None = None,
                depth: int | None = None, title: str = DEFAULT_TITLE, **tables) -> str:
    """The HTML page for the projection ``G`` (see :func:`page_data` for the arguments).

    >>> G = nx.MultiDiGraph(); G.add_node("urn:x", kind="model", label="<b>M</b>")
    >>> html = render_html(G, as_of="2026-07-01")
    >>> "<b>M</b>" in html, "\\\\u003cb\\\\u003eM" in html, "https://" in html.split("<script")[0]
    (False, True, False)
    """
    data = page_data(G, as_of=as_of, focus=focus, depth=depth, title=title, **tables)
    return html_of(data)


def html_of(data: dict) -> str:
    """The page for :func:`page_data`'s ``data``."""
    js, css = _assets()
    page_js, page_css = _page_assets()
    return _environment().get_template("page.html").render(
        title=data["title"], data_json=script_json(data), vis_js=js, vis_css=css, page_js=page_js,
        page_css=page_css, node_count=len(data["graph"]["ids"]), edge_count=len(data["graph"]["edges"]) // 3,
        as_of=data["asOf"])
