"""The HTML browser in Debian's chromium, measured where the user waits; against plain pyvis.

    .venv/bin/python bench/browser.py                       # seed, 5k and 50k nodes, and the whole data
    .venv/bin/python bench/browser.py --sizes seed,5k       # quicker
    .venv/bin/python bench/browser.py --sizes data --viz-budget 600

For each graph (the seed data, graphs of about 5,000 and 50,000 nodes from ``bench/generate.py``,
loaded with ``regkg build --ntriples``, and the whole ``data/``: the public record), ``regkg viz``
writes the page and headless chromium (Playwright, ``/usr/bin/chromium``) opens it from a file://
URL, fresh each time. For the whole data, ``regkg build`` and ``regkg viz`` (every table: each
action, each known-on date) are timed in the same run and their ratio printed (issue 19: at most
3); a ``regkg viz`` that has not finished within ``--viz-budget`` seconds is stopped and reported
as such, and the views are then measured on the page of every model but the costliest, with no
known-on table (the page says which models it holds). At the other sizes a ``regkg viz`` stopped
at the budget fails its goal and that size is skipped, rather than holding the shared machine.
Measured inside the page, from navigation start (``performance.now()``), median of ``--repeat``:

* first drawn view: the Access view painted (the page opens on it);
* graph view: the focused neighbourhood of the first model drawn and its layout settled;
* overview: the whole graph as clusters (or nodes, for a small graph) drawn and settled;
* search: typing a model's name until the results are painted;
* selection: choosing that result until its neighbourhood is drawn, laid out and its panel shown;
* date change: setting another date until the Access view, lanes and panel are repainted (and the
  same in the graph view);
* place view: choosing the place with the most acts in the Places & acts view until its lanes,
  facets and list are painted;
* chart: choosing the model with the most audiences until its chart (lanes merged, events numbered
  and listed) is painted;
* the longest main-thread stall: the longest "long task" (PerformanceObserver) while loading;
* the page's size.

The same graph as a plain pyvis page (its ``Node``/``Edge`` records, scripts inlined so it works
offline, its default physics) is measured for its first drawn view (stabilisation done, then painted), its
selection (``selectNodes`` + ``focus``, painted) and its longest stall; pyvis has no search and no
dates. Ratios are regkg ÷ pyvis. Goals print PASS or FAIL; output goes to stdout only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import generate  # noqa: E402
from scale import goal, print_goals, say  # noqa: E402  (one way of reporting figures and goals)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REGKG = shutil.which("regkg", path=str(Path(sys.executable).parent)) or "regkg"
TRIPLES_PER_NODE = 10  # what bench/generate.py makes: 48,310 triples -> 5,049 nodes; 481,371 -> 49,831
PYVIS_CAP = 120.0  # seconds a pyvis page may take to draw before it is reported as "not drawn"
BUILD_SECONDS: dict[str, float] = {}
VIZ_BUDGET = [1800.0]  # seconds regkg viz may take before it is stopped (--viz-budget)

# Runs before the page's own scripts: records the longest main-thread task.
LONG_TASKS = """
window.__longest = 0; window.__longTasks = 0;
try { new PerformanceObserver((list) => { for (const e of list.getEntries()) {
  window.__longest = Math.max(window.__longest, e.duration); window.__longTasks++; } })
  .observe({ type: "longtask", buffered: true }); } catch (err) {}
"""
PAINTED = "() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))"


def progress(text: str) -> None:
    print(f"    ... {text}", file=sys.stderr, flush=True)


# -- the pages ---------------------------------------------------------------------------------------

def data_args(size: str) -> list[str]:
    """``--data`` for a size: the whole ``data/`` for ``data``; the seed's own files (``data/*.yaml``,
    not the public record in folders under it, as the tests read it) for ``seed``."""
    if size == "data":
        return ["--data", str(REPO / "data")]
    if size == "seed":
        seed = OUT / "seed-data"
        if not seed.exists():
            seed.mkdir(parents=True)
            for f in sorted((REPO / "data").glob("*.yaml")):
                shutil.copy(f, seed / f.name)
        return ["--data", str(seed)]
    return []


def build_home(size: str) -> tuple[Path, Path]:
    """A build of the seed data, of the whole data, or of a generated graph of about ``size`` nodes,
    in a temporary home."""
    home = Path(tempfile.mkdtemp(prefix=f"regkg-browser-{size}-", dir=OUT))
    if size in ("seed", "data"):
        started = time.perf_counter()
        subprocess.run([REGKG, *data_args(size), "--home", str(home), "build"], check=True, capture_output=True)
        BUILD_SECONDS[size] = time.perf_counter() - started
        return home, home
    nodes = generate.parse_size(size)
    world = OUT / f"browser-{size}"
    meta = generate.ensure_dataset(round(nodes * TRIPLES_PER_NODE), world, formats=("nt",))
    subprocess.run([REGKG, "--home", str(home), "build", "--ntriples", str(world / "graph.nt")], check=True,
                   capture_output=True)
    say(f"  data: {world.relative_to(REPO)}/graph.nt ({meta.get('triples')} triples)")
    return home, world


def run_viz(home: Path, size: str, out: Path, day: str, *extra: str, budget: float | None = None) -> float | None:
    """``regkg viz`` as a fresh process: its seconds, or ``None`` when stopped at ``budget``."""
    started = time.perf_counter()
    child = subprocess.Popen([REGKG, *data_args(size), "--home", str(home), "viz", "-o", str(out), "--as-of", day, *extra],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, err = child.communicate(timeout=budget)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, 9)  # the one process group it started
        child.wait()
        return None
    if child.returncode:
        raise RuntimeError(f"regkg viz failed: {err.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - started


def costliest(G) -> str:
    """The model (or service) whose row takes most decisions: audiences × change dates."""
    from graph.policy.audiences import models
    from graph.policy.knowledge import Knowledge
    from graph.policy.periods import change_dates
    from viz.access import lane_audiences

    k = Knowledge(G)
    return max(models(G), key=lambda m: len(lane_audiences(G, m)) * (len(change_dates(G, m, known=k)) + 1))


def write_pages(home: Path, size: str) -> tuple[Path, Path, dict]:
    """``regkg viz``'s page (timed as a fresh process) and plain pyvis's page of the same projection."""
    from graph.policy import index_projection
    from graph.policy.audiences import models
    from graph.store.build import load_projection
    from viz.chart import data_period

    G = load_projection(home=home, data_dir=Path(data_args(size)[1]) if data_args(size) else None, rebuild=False,
                        indexer=index_projection)
    period = data_period(G)
    day = "2026-09-01" if size == "seed" else "2025-03-01" if size == "data" else \
        (period[0] + (period[1] - period[0]) / 2).isoformat()
    ours, plain = home / "regkg.html", home / "pyvis.html"
    if size == "data":
        progress(f"regkg viz on the whole data (stopped after {VIZ_BUDGET[0]:.0f} s)")
        build = BUILD_SECONDS["data"]
        try:
            viz_seconds = run_viz(home, size, ours, day, budget=VIZ_BUDGET[0])
        except RuntimeError as failed:  # a page regkg viz refuses to write is a result too: say it, measure nothing
            say(f"  regkg build {build:.1f} s; {str(failed).strip().splitlines()[-1]}")
            goal("data: regkg viz writes the page", False, "failed (above)", "a page")
            return None, None, {}
        if viz_seconds is None:
            say(f"  regkg build {build:.1f} s; regkg viz (every table) did not finish in {VIZ_BUDGET[0]:.0f} s: "
                f"ratio viz / build > {VIZ_BUDGET[0] / build:.0f}")
            goal("data: regkg viz at most 3x regkg build", False, f"> {VIZ_BUDGET[0] / build:.0f}x "
                 f"(stopped after {VIZ_BUDGET[0]:.0f} s; build {build:.1f} s)", "<= 3x")
            slow = costliest(G)
            keep = [m for m in models(G) if m != slow]
            progress(f"the views measured on a page of every model but {G.nodes[slow].get('label')}, no known-on table")
            fallback = run_viz(home, size, ours, day, "--known-on", "none", "--models", ",".join(keep))
            say(f"  views measured on the page of {len(keep)} of {len(keep) + 1} models (all but "
                f"{G.nodes[slow].get('label')}, the costliest) with no known-on table: regkg viz took {fallback:.1f} s")
        else:
            say(f"  regkg build {build:.1f} s; regkg viz (every table) {viz_seconds:.1f} s: ratio {viz_seconds / build:.2f}")
            goal("data: regkg viz at most 3x regkg build", viz_seconds <= 3 * build, f"{viz_seconds / build:.2f}x", "<= 3x")
    else:
        viz_seconds = run_viz(home, size, ours, day, budget=VIZ_BUDGET[0])
        if viz_seconds is None:
            say(f"  {G.number_of_nodes():,} nodes: regkg viz did not finish in {VIZ_BUDGET[0]:.0f} s; nothing to measure")
            goal(f"{size}: regkg viz finishes", False, f"stopped after {VIZ_BUDGET[0]:.0f} s", f"<= {VIZ_BUDGET[0]:.0f} s")
            return None, None, {}
    started = time.perf_counter()
    plain.write_text(pyvis_page(G), encoding="utf-8")
    pyvis_seconds = time.perf_counter() - started
    from graph.policy.audiences import models

    first = models(G)[0]
    info = {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "day": day, "viz_seconds": viz_seconds,
            "pyvis_seconds": pyvis_seconds, "model": first, "model_label": G.nodes[first]["label"],
            "other_day": (period[0]).isoformat() if period else day}
    wrote = f"in {viz_seconds:.2f} s (fresh process)" if viz_seconds is not None else "(see above)"
    say(f"  {info['nodes']:,} nodes, {info['edges']:,} edges; regkg viz wrote {ours.stat().st_size / 1e6:.1f} MB "
        f"{wrote}; pyvis wrote {plain.stat().st_size / 1e6:.1f} MB in {pyvis_seconds:.2f} s")
    return ours, plain, info


def pyvis_page(G) -> str:
    """Plain pyvis: labels only, its bundled vis-network inlined (offline), its default options.

    The nodes and edges are what ``Network.add_node`` / ``add_edge`` store (pyvis's own ``Node``
    and ``Edge``), appended directly: those methods look each id up in a list, which takes hours
    at 50,000 nodes, and that is not what the user of the page waits for.
    """
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    net = Network(directed=True, cdn_resources="in_line")
    for n, a in G.nodes(data=True):
        node = Node(n, "dot", label=str(a.get("label", n))[:60], color="#97c2fc", font_color=net.font_color)
        net.nodes.append(node.options)
        net.node_ids.append(n)
        net.node_map[n] = node.options
    for u, v, relation in G.edges(data="relation"):
        net.edges.append(Edge(u, v, net.directed, title=str(relation)).options)
    return net.generate_html()


# -- measuring ---------------------------------------------------------------------------------------

class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._p = sync_playwright().start()
        self.browser = self._p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)

    def open(self, url: str):
        context = self.browser.new_context(viewport={"width": 1500, "height": 950})
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="commit", timeout=0)  # a page still building its view is waited for below
        return context, page, errors

    def close(self):
        self.browser.close()
        self._p.stop()


def wait(page, predicate: str, cap: float = 600.0) -> bool:
    started = time.monotonic()
    while not page.evaluate(predicate):
        if time.monotonic() - started > cap:
            return False
        time.sleep(0.02)
    return True


def measure_regkg(b: Browser, page_path: Path, info: dict) -> dict:
    """One fresh load per view; every figure in seconds, from navigation start or from the action."""
    url = page_path.as_uri()
    out: dict = {}
    progress("regkg: loading the page")
    context, page, errors = b.open(url)
    wait(page, "() => !!(window.regkg && window.regkg.ready)")
    out["first_view"] = page.evaluate("() => regkg.timings.firstView") / 1000
    out["stall"] = page.evaluate("() => window.__longest") / 1000
    # search, then choosing the result: its neighbourhood drawn, laid out, its panel shown
    progress("regkg: search and selection")
    page.evaluate("() => regkg.setView('graph')")
    wait(page, "() => regkg.settled")
    out["search"] = page.evaluate("""async (q) => { const box = document.getElementById('search'), t0 = performance.now();
        box.value = q; box.dispatchEvent(new Event('input'));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        if (!document.querySelector('#results li')) return null; return (performance.now() - t0) / 1000; }""",
                                  info["model_label"])
    out["selection"] = page.evaluate("""async () => { const t0 = performance.now();
        document.getElementById('search').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
        while (!regkg.settled) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return (performance.now() - t0) / 1000; }""")
    progress("regkg: date changes")
    out["date_graph"] = _date_change(page, info)
    page.evaluate("() => regkg.setView('access')")
    page.evaluate(PAINTED)
    out["date_access"] = _date_change(page, info)
    progress("regkg: the place view and the chart")
    out["place_view"], out["place"] = _place_view(page)
    out["chart"], out["chart_model"] = _chart(page)
    out["errors"] = list(errors)
    context.close()
    import urllib.parse

    focus = "#view=graph&focus=" + urllib.parse.quote(info["model"], safe="")
    for view, fragment in (("graph_view", focus), ("overview", "#view=graph&overview=1")):
        progress(f"regkg: loading the page on {fragment}")
        context, page, errors = b.open(url + fragment)
        wait(page, "() => !!(window.regkg && window.regkg.ready && regkg.settled)")
        page.evaluate(PAINTED)
        out[view] = page.evaluate("() => Math.max(regkg.timings.settled, regkg.timings.firstView)") / 1000
        out[view + "_stall"] = page.evaluate("() => window.__longest") / 1000
        out["errors"] += errors
        context.close()
    return out


def _place_view(page) -> tuple[float | None, str | None]:
    """Choosing the place with the most acts, until the Places & acts view is painted."""
    return tuple(page.evaluate("""async () => {
        const acts = regkg.data.acts || [], count = new Map();
        acts.forEach((a) => a.places.forEach((c) => count.set(c, (count.get(c) || 0) + 1)));
        if (!count.size) return [null, null];
        const place = Array.from(count.entries()).sort((a, b) => b[1] - a[1])[0][0];
        regkg.setView('acts'); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const t0 = performance.now(); regkg.setActPlace(place);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const took = (performance.now() - t0) / 1000; regkg.setView('access'); return [took, place]; }"""))


def _chart(page) -> tuple[float | None, str | None]:
    """Choosing the model with the most audiences, until its chart is painted."""
    return tuple(page.evaluate("""async () => {
        const ac = regkg.data.access, rows = ac.tables[0].rows;
        if (!rows.length) return [null, null];
        let best = 0; rows.forEach((r, i) => { if (Object.keys(r.cells).length > Object.keys(rows[best].cells).length) best = i; });
        const t0 = performance.now(); regkg.selectModel(ac.models[best].iri);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return [(performance.now() - t0) / 1000, ac.models[best].label]; }"""))


def _date_change(page, info: dict) -> float:
    """The slower of two date changes (there and back), each until painted."""
    times = []
    for day in (info["other_day"], info["day"]):
        times.append(page.evaluate("""async (d) => { const t0 = performance.now(); regkg.setDate(d);
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            return (performance.now() - t0) / 1000; }""", day))
    return max(times)


def measure_pyvis(page_path: Path, info: dict) -> dict:
    """pyvis's page, measured by a child process with its own chromium: a page whose script holds the
    main thread for minutes does not answer Playwright's time-outs, so the child is killed instead."""
    progress(f"pyvis: loading the page (waiting up to {PYVIS_CAP:.0f} s for it to be drawn)")
    child = subprocess.Popen([sys.executable, __file__, "--pyvis-page", str(page_path), "--model", info["model"]],
                             stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, _ = child.communicate(timeout=PYVIS_CAP + 60)
        return json.loads(out.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        os.killpg(child.pid, 9)  # the child, its Playwright driver and its chromium: one process group
        child.wait()
        return {"drawn": False, "errors": []}


def pyvis_child(page_path: Path, model: str) -> None:
    """In the child: open pyvis's page, wait for its stabilisation, print the figures as JSON."""
    b = Browser()
    try:
        context, page, errors = b.open(page_path.as_uri())
        drawn = wait(page, "() => typeof network !== 'undefined' && network.physics && network.physics.ready === true",
                     PYVIS_CAP)
        out: dict = {"drawn": drawn}
        if drawn:
            page.evaluate(PAINTED)
            out["first_view"] = page.evaluate("() => performance.now()") / 1000
            out["selection"] = page.evaluate("""async (id) => { const t0 = performance.now();
                network.selectNodes([id]); network.focus(id, { scale: 1 });
                await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
                return (performance.now() - t0) / 1000; }""", model)
            out["stall"] = page.evaluate("() => window.__longest") / 1000
        out["errors"] = errors
        print(json.dumps(out), flush=True)
    finally:
        b.close()


def median_runs(fn, repeat: int) -> dict:
    runs = [fn() for _ in range(repeat)]
    keys = [k for k, v in runs[0].items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    out = {k: statistics.median(r[k] for r in runs if r.get(k) is not None) for k in keys}
    out.update({k: v for k, v in runs[0].items() if k not in out})
    out["errors"] = sorted({e for r in runs for e in r.get("errors", [])})
    return out


def fmt(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(ours: float | None, theirs: float | None, drawn: bool = True) -> str:
    if ours is None:
        return "n/a"
    if not drawn:
        return f"< {ours / PYVIS_CAP:.3f} (pyvis not drawn in {PYVIS_CAP:.0f} s)"
    if not theirs:
        return "n/a"
    return f"{ours / theirs:.2f}"


def run_size(b: Browser, size: str, repeat: int) -> None:
    say(f"\n== {size} ==")
    home, _ = build_home(size)
    try:
        ours_path, pyvis_path, info = write_pages(home, size)
        if ours_path is None:
            return
        ours = median_runs(lambda: measure_regkg(b, ours_path, info), repeat)
        theirs = measure_pyvis(pyvis_path, info)
        drawn = theirs.get("drawn", False)
        stall = max(ours["stall"], ours["graph_view_stall"], ours["overview_stall"])
        rows = [("first drawn view (the Access view)", ours["first_view"], "first_view"),
                ("graph view: focused neighbourhood drawn, settled", ours["graph_view"], "first_view"),
                ("overview drawn, settled", ours["overview"], "first_view"),
                ("search: results painted", ours["search"], None),
                ("selection: neighbourhood laid out, panel shown", ours["selection"], "selection"),
                ("date change, Access view, painted", ours["date_access"], None),
                ("date change, graph view, painted", ours["date_graph"], None),
                (f"place view ({ours.get('place')}), painted", ours.get("place_view"), None),
                (f"chart ({ours.get('chart_model')}), painted", ours.get("chart"), None),
                ("longest main-thread stall while loading", stall, "stall")]
        say(f"  {'measure':<50} {'regkg':>9} {'pyvis':>10}  regkg / pyvis")
        for name, mine, key in rows:
            if key is None:
                other, quotient = "n/a", "(pyvis has none)"
            elif not drawn:
                other, quotient = "not drawn", ratio(mine, None, False)
            else:
                other, quotient = fmt(theirs.get(key)), ratio(mine, theirs.get(key))
            say(f"  {name:<50} {fmt(mine):>9} {other:>10}  {quotient}")
        say(f"  page size: regkg {ours_path.stat().st_size / 1e6:.2f} MB, pyvis {pyvis_path.stat().st_size / 1e6:.2f} MB "
            f"(ratio {ours_path.stat().st_size / pyvis_path.stat().st_size:.2f})")
        if ours["errors"] or theirs.get("errors"):
            say(f"  page errors: regkg {ours['errors']}; pyvis {theirs.get('errors')}")
        if size == "5k":
            goal("5k: first drawn view", ours["first_view"] <= 2, fmt(ours["first_view"]), "< 2 s")
            goal("5k: graph view (focused) drawn", ours["graph_view"] <= 2, fmt(ours["graph_view"]), "< 2 s")
            goal("5k: search answers", ours["search"] <= 2, fmt(ours["search"]), "< 2 s")
            goal("5k: selection answers", ours["selection"] <= 2, fmt(ours["selection"]), "< 2 s")
            worst = max(ours["date_access"], ours["date_graph"])
            goal("5k: date change", worst <= 0.2, fmt(worst), "< 200 ms")
        if size == "50k":
            goal("50k: overview drawn", ours["overview"] <= 3, fmt(ours["overview"]), "< 3 s")
        if size == "data":
            for key, name in (("place_view", "place view"), ("chart", "chart")):
                if ours.get(key) is not None:
                    goal(f"data: {name}", ours[key] <= 0.5, fmt(ours[key]), "<= 500 ms")
            worst = max(ours["date_access"], ours["date_graph"])
            goal("data: date change", worst <= 0.2, fmt(worst), "< 200 ms")
        if ours["errors"]:
            goal(f"{size}: no page errors", False, "; ".join(ours["errors"])[:200], "none")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="seed,5k,50k,data",
                        help="comma-separated: seed, 5k, 50k, data (the whole data/) (default all four)")
    parser.add_argument("--viz-budget", type=float, default=VIZ_BUDGET[0],
                        help="seconds regkg viz may take before it is stopped (default %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure; the median is printed (default 3)")
    parser.add_argument("--pyvis-page", type=Path, help=argparse.SUPPRESS)  # the child of measure_pyvis
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pyvis_page:
        pyvis_child(args.pyvis_page, args.model)
        return 0
    VIZ_BUDGET[0] = args.viz_budget
    if not os.path.exists(CHROMIUM):
        say(f"SKIP: {CHROMIUM} is not installed (apt-get install chromium)")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(OUT / "seed-data", ignore_errors=True)  # the seed's files as they are now
    say(f"regkg browser benchmark: sizes {args.sizes}; median of {args.repeat}; {os.cpu_count()} cores; "
        f"chromium {subprocess.run([CHROMIUM, '--version'], capture_output=True, text=True).stdout.strip()}")
    b = Browser()
    try:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            run_size(b, size, args.repeat)
    finally:
        b.close()
    return print_goals()


if __name__ == "__main__":
    sys.exit(main())
