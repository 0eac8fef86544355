"""Render the networkx projection as one self-contained, offline HTML page.

The page is our own Jinja template (``viz/templates/page.html``, autoescaped) with pyvis's bundled
vis-network inlined; no CDN, no network request. Data reaches the page's script only as JSON inside
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, and the
script writes data into the DOM with ``textContent`` only, so a hostile label stays text.

We build the nodes/edges JSON ourselves instead of through ``pyvis.Network.add_edge``, which scans
lists and took minutes for 10k nodes; here 5,000 nodes render in well under two seconds.

The as-of rule is the compliance engine's, :mod:`graph.policy.state` (read its module docstring): a rule
is in force when its policy is. Python asks :func:`graph.policy.state.policy_state`; for the page's date
control we embed, per rule, what the engine derived (its policy's status and the generating and
invalidating triggers, each with its window already narrowed by the recorded order, a policy stated
only by its source standing in with the source's window), and the page's ``ruleState`` repeats only
the last step of :func:`graph.policy.state.policy_state`: the inclusive-window comparison and the Kleene
combination. Change that step in both places together. The engine's ``not-in-force`` is shown as
*planned* for a rule that only planned or forecast events (or a planned policy) would put in force.
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

__all__ = [
    "render_html", "page_data", "rule_states", "rule_windows", "rule_policy", "display_state",
    "parse_as_of", "neighbourhood", "display_label", "script_json", "RULE_KINDS", "LARGE_GRAPH",
]

_PLANNED = frozenset({"planned", "forecast"})
RULE_KINDS = frozenset({"permission", "prohibition"})
LARGE_GRAPH = 1000  # nodes above which the page trades looks for speed (no curves, short layout)
DEFAULT_TITLE = "regkg: who may use which AI model, and since when"
_RULE_LINKS = {"odrl:permission", "odrl:prohibition"}
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


def rule_policy(G: nx.MultiDiGraph, rule: str) -> str | None:
    """The policy a permission or prohibition belongs to (``odrl:permission``/``odrl:prohibition``)."""
    return next((p for p, _, rel in G.in_edges(rule, data="relation") if rel in _RULE_LINKS), None)


def _trigger_json(t: state.Trigger) -> dict:
    w = t.window
    return {"id": t.node, "label": t.label, "kind": t.kind, "status": t.status, "date_text": t.date_text,
            "earliest": w.earliest.isoformat() if w.earliest else None,
            "latest": w.latest.isoformat() if w.latest else None}


def rule_windows(G: nx.MultiDiGraph) -> dict[str, dict]:
    """For each permission/prohibition, what :mod:`graph.policy.state` derived about its policy.

    ``status`` is the policy's status, ``gen``/``end`` its generating and invalidating triggers
    (:class:`graph.policy.state.Trigger`) with their narrowed windows, ``planned`` whether only plans or
    forecasts would put it in force. The page's ``ruleState`` reads nothing else.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", kind="policy", status="occurred"); G.add_node("r", kind="prohibition")
    >>> G.add_node("a", kind="event", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("e", kind="event", status="occurred", latest="2026-07-31")
    >>> for u, v, rel in [("p", "r", "odrl:prohibition"), ("p", "e", "prov:wasGeneratedBy"), ("e", "a", "rkg:after")]:
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> [(t["id"], t["earliest"], t["latest"]) for t in rule_windows(G)["r"]["gen"]]  # narrowed by the order
    [('e', '2026-06-11', '2026-07-31')]
    """
    index = state.state_index(G)
    windows = {}
    for rule, kind in G.nodes(data="kind"):
        if kind not in RULE_KINDS:
            continue
        policy = rule_policy(G, rule)
        starts, ends = index.starts.get(policy, ()), index.ends.get(policy, ())
        status = index.status.get(policy)
        only_plans = bool(starts) and not any(t.occurring for t in starts)
        windows[rule] = {
            "policy": policy, "status": status,
            "planned": policy is not None and (status in _PLANNED or only_plans),
            "gen": [_trigger_json(t) for t in starts],
            "end": [_trigger_json(t) for t in ends],
        }
    return windows


def display_state(engine_state: str, planned: bool) -> str:
    """The page's state of a rule from :func:`graph.policy.state.policy_state`'s state of its policy.

    >>> display_state("not-in-force", True), display_state("uncertain", False)
    ('planned', 'uncertain')
    """
    return "planned" if planned and engine_state == state.NOT_IN_FORCE else engine_state


def rule_states(G: nx.MultiDiGraph, as_of: dt.date | str | None = None,
                windows: dict[str, dict] | None = None) -> dict[str, str]:
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
    windows = rule_windows(G) if windows is None else windows
    return {rule: display_state(state.policy_state(G, w["policy"], day).state if w["policy"] else state.NOT_IN_FORCE,
                                w["planned"])
            for rule, w in windows.items()}


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


def display_label(G: nx.MultiDiGraph, node: str) -> str:
    """A node's label; an unlabelled constraint reads as its condition instead of its IRI.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("urn:g", label="Approved US institutions")
    >>> G.add_node("urn:c", label="urn:c", left_operand="rkg:memberOf", operator="odrl:eq", right_operands=["urn:g"])
    >>> display_label(G, "urn:c")
    'memberOf eq Approved US institutions'
    """
    attrs = G.nodes[node]
    label = str(attrs.get("label", node))
    if label != node or "left_operand" not in attrs:
        return label
    right = [str(G.nodes[r].get("label", r)) if r in G else str(r) for r in attrs.get("right_operands", [])]
    parts = [str(attrs["left_operand"]), str(attrs.get("operator", "")), ", ".join(right)]
    return " ".join(p.split(":", 1)[-1] for p in parts[:2]) + " " + parts[2]


def _node_json(G: nx.MultiDiGraph, node: str) -> dict:
    attrs = G.nodes[node]
    extra = {k: v for k, v in attrs.items()
             if k not in ("kind", "label", "aliases", "sources") and isinstance(v, (str, int, float, list))}
    return {"id": node, "kind": attrs.get("kind", "other"), "label": display_label(G, node),
            "aliases": [str(a) for a in attrs.get("aliases", [])], "sources": list(attrs.get("sources", [])),
            "attrs": extra}


def _timeline(G: nx.MultiDiGraph, nodes) -> list[str]:
    """Event ids in date order: by earliest (else latest), then latest; undated events last."""
    def key(n):
        a = G.nodes[n]
        start = a.get("earliest") or a.get("latest") or "9999"
        return (start, a.get("latest") or "9999", str(a.get("label", n)))
    return sorted((n for n in nodes if G.nodes[n].get("kind") == "event"), key=key)


def _kinds(G: nx.MultiDiGraph, nodes, keep: str | None) -> list[dict]:
    counts: dict[str, int] = {}
    for n in nodes:
        kind = G.nodes[n].get("kind", "other")
        counts[kind] = counts.get(kind, 0) + 1
    order = list(style.KIND_STYLES)
    return [{"kind": k, "count": counts[k], "hidden": k in style.HIDDEN_BY_DEFAULT and k != keep,
             **style.kind_style(k)}
            for k in sorted(counts, key=lambda k: (order.index(k) if k in order else len(order), k))]


def page_data(G: nx.MultiDiGraph, as_of: dt.date | str | None = None, focus: str | None = None,
              depth: int | None = None, title: str = DEFAULT_TITLE) -> dict:
    """Everything the page's script needs, as plain JSON-able data.

    ``focus`` (a name, alias or IRI) keeps only the nodes within ``depth`` hops (default 2). Rule
    states and event bounds come from the whole graph, so a focused page says the same as a full one.
    A graph whose recorded order :mod:`graph.policy.state` refuses (a cycle, or dates it contradicts) raises
    :class:`graph.errors.InputError`, as ``regkg check`` does.

    >>> G = nx.MultiDiGraph(); G.add_node("urn:m", kind="model", label="M")
    >>> d = page_data(G, as_of="2026-07-01")
    >>> d["asOf"], [n["label"] for n in d["nodes"]], d["kinds"][0]["shape"]
    ('2026-07-01', ['M'], 'star')
    """
    day = parse_as_of(as_of)
    center, keep = _focus_nodes(G, focus, depth)
    nodes = list(G.nodes) if keep is None else [n for n in G.nodes if n in keep]
    windows = rule_windows(G)
    rules = {r: w for r, w in windows.items() if keep is None or r in keep}
    edges = G.edges(keys=False, data="relation") if keep is None else G.subgraph(nodes).edges(data="relation")
    return {
        "title": title,
        "asOf": day.isoformat(),
        "focus": center,
        "large": len(nodes) > LARGE_GRAPH,
        "kinds": _kinds(G, nodes, G.nodes[center].get("kind") if center else None),
        "nodes": [_node_json(G, n) for n in nodes],
        "edges": [{"id": i, "from": u, "to": v, "relation": rel or ""} for i, (u, v, rel) in enumerate(edges)],
        "sections": {n: str(a.get("label", n)) for n, a in G.nodes(data=True)
                     if a.get("kind") in ("source-section", "source")},
        "rules": rules,
        "states": rule_states(G, day, rules),
        "timeline": _timeline(G, nodes),
        "style": {"other": style.OTHER_KIND, "relations": style.RELATION_LABELS,
                  "relationStyles": style.RELATION_STYLES, "access": sorted(style.ACCESS_RELATIONS),
                  "states": style.RULE_STATES, "occurring": sorted(state.OCCURRING)},
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
    return isinstance(data, dict) and len(data.get("nodes", ())) > 50


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
                depth: int | None = None, title: str = DEFAULT_TITLE) -> str:
    """The HTML page for the projection ``G`` (see :func:`page_data` for the arguments).

    >>> G = nx.MultiDiGraph(); G.add_node("urn:x", kind="model", label="<b>M</b>")
    >>> html = render_html(G, as_of="2026-07-01")
    >>> "<b>M</b>" in html, "\\\\u003cb\\\\u003eM" in html, "https://" in html.split("<script")[0]
    (False, True, False)
    """
    data = page_data(G, as_of=as_of, focus=focus, depth=depth, title=title)
    js, css = _assets()
    return _environment().get_template("page.html").render(
        title=title, data_json=script_json(data), vis_js=js, vis_css=css,
        node_count=len(data["nodes"]), edge_count=len(data["edges"]), as_of=data["asOf"])
