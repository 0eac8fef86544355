"""The decision engine and the timeline on synthetic projections: figures, goals, and ratios to the
previous algorithm.

    .venv/bin/python bench/decisions.py                 # the figures of docs/project/performance.md
    .venv/bin/python bench/decisions.py --events 2000   # a quicker timeline/diff run

The graphs come from the generator below, which needs no seed data and draws nothing at random:
the same arguments make the same graph. Measured, in-process:

* ``decide`` on a model with N uncertain events (windows that contain the date asked about), each
  enacting a reinstatement (a government's) after one company's ban, or a ban of its own: the
  median of repeated asks, every deciding event named. Goal: 30 events under 10 ms.
* ``timeline`` and ``diff`` over N events (releases, suspensions, reinstatements of many models,
  each with an imprecise window and a recorded order), with the indexes a build keeps (which
  events start and end which policies, read once; timed apart). Goal: 10,000 events under 1 s each.
* the previous algorithm (commit ``PREVIOUS``'s ``graph/policy``, read from git into a scratch
  package) on the same graphs where it finishes: it enumerated every combination of uncertain
  events (2^N; it refused N > 12 with an empty indeterminate), and its timeline and diff were
  quadratic and worse.

Each goal prints PASS or FAIL.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import scale  # noqa: E402  (its timing helpers)
from graph.policy.access import decide  # noqa: E402
from graph.policy.timeline import diff, timeline  # noqa: E402

PREVIOUS = "f782194"  # main before issue 15: the combination-enumerating engine
DAY = "2026-07-01"


# -- the generator --------------------------------------------------------------------------------

def _edge(G, u, v, relation):
    G.add_edge(u, v, key=relation, relation=relation)


def uncertain_world(n: int) -> nx.MultiDiGraph:
    """A model under a company's ban (happened), and ``n`` uncertain acts recorded after it: odd ones
    a government's reinstatement for everyone, even ones another ban of the company's. Every act's
    window contains :data:`DAY`, so each is uncertain on it."""
    G = nx.MultiDiGraph()
    G.add_node("m", kind="model", label="Model")
    G.add_node("everyone", kind="group", label="Everyone", universal=True)
    G.add_node("gov", kind="government", label="Government", authority_rank=30)
    G.add_node("lab", kind="company", label="Lab", authority_rank=10)
    G.add_node("e:ban", kind="event", label="ban", status="occurred", date_text="June", earliest="2026-06-01",
               latest="2026-06-10")
    _policy(G, "ban", "lab", "prohibition", "e:ban")
    for i in range(n):
        e = f"e:{i}"
        G.add_node(e, kind="event", label=f"act {i}", status="occurred", date_text="by July",
                   earliest=f"2026-06-{11 + i % 15:02d}", latest=f"2026-07-{1 + i % 20:02d}")
        _edge(G, e, "e:ban", "rkg:after")
        if i % 2:
            _policy(G, f"back{i}", "gov", "permission", e)
        else:
            _policy(G, f"ban{i}", "lab", "prohibition", e)
    return G


def _policy(G, name, by, kind, event, target="m", assignee="everyone"):
    p, r = f"p:{name}", f"r:{name}"
    G.add_node(p, kind="policy", label=name, status="occurred")
    G.add_node(r, kind=kind, label=f"{kind} {name}", action="odrl:use")
    _edge(G, p, by, "odrl:assigner")
    _edge(G, p, r, f"odrl:{kind}")
    _edge(G, r, target, "odrl:target")
    _edge(G, r, assignee, "odrl:assignee")
    _edge(G, p, event, "prov:wasGeneratedBy")
    return p


def history_world(events: int) -> nx.MultiDiGraph:
    """Models each released, suspended and reinstated (three events), spread over two years, with
    imprecise windows and the suspension recorded after the release: ``events`` events in all."""
    G = nx.MultiDiGraph()
    G.add_node("everyone", kind="group", label="Everyone", universal=True)
    G.add_node("gov", kind="government", label="Government", authority_rank=30)
    for k in range(events // 3):
        lab, model, customers = f"lab{k}", f"m{k}", f"customers{k}"
        G.add_node(lab, kind="company", label=f"Lab {k}", authority_rank=10)
        G.add_node(model, kind="model", label=f"Model {k}")
        G.add_node(customers, kind="group", label=f"Customers of lab {k}")
        month = 1 + k % 12
        year = 2025 + (k // 12) % 2
        release, suspension, back = f"e:{k}:release", f"e:{k}:suspension", f"e:{k}:back"
        for e, day, late in ((release, 1, 5), (suspension, 10, 20), (back, 21, 28)):
            G.add_node(e, kind="event", label=f"{e}", status="occurred", date_text=f"{year}-{month:02d}",
                       earliest=f"{year}-{month:02d}-{day:02d}", latest=f"{year}-{month:02d}-{late:02d}")
            _edge(G, e, lab, "prov:wasAssociatedWith")
        _edge(G, suspension, release, "rkg:after")
        access = _policy(G, f"access{k}", lab, "permission", release, model, customers)
        _edge(G, access, suspension, "prov:wasInvalidatedBy")
        _policy(G, f"ban{k}", lab, "prohibition", suspension, model, customers)
        _policy(G, f"back{k}", "gov", "permission", back, model, customers)
    return G


# -- the previous algorithm, read from git ----------------------------------------------------------

def previous():
    """``graph/policy``'s state, parties, access, audiences and timeline as of :data:`PREVIOUS`, as a
    scratch package ``previous`` (None when git cannot show them)."""
    names = ("state", "parties", "access", "audiences", "timeline")
    root = Path(tempfile.mkdtemp(prefix="regkg-previous-"))
    (root / "previous").mkdir()
    (root / "previous" / "__init__.py").write_text("")
    for name in names:
        try:
            text = subprocess.run(["git", "show", f"{PREVIOUS}:graph/policy/{name}.py"], cwd=REPO, check=True,
                                  capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return None
        for other in names:
            text = text.replace(f"graph.policy.{other}", f"previous.{other}")
        (root / "previous" / f"{name}.py").write_text(text)
    sys.path.insert(0, str(root))
    return {name: importlib.import_module(f"previous.{name}") for name in names}


# -- measuring ---------------------------------------------------------------------------------------

RESULTS: list[tuple[str, str, str]] = []


def median_time(fn, repeat: int = 7) -> float:
    fn()  # the indexes are built on first use, once per projection
    return scale.median_time(fn, repeat)


def goal(name: str, seconds: float, limit: float) -> None:
    verdict = "PASS" if seconds < limit else "FAIL"
    RESULTS.append((name, f"{seconds * 1000:.1f} ms", verdict))
    print(f"  {name}: {seconds * 1000:.1f} ms (goal < {limit * 1000:.0f} ms) {verdict}")


def measure_uncertain(old) -> None:
    print("decide() with N uncertain events on the model")
    for n in (8, 10, 12, 30):
        G = uncertain_world(n)
        d = decide(G, "m", DAY)
        named = len(d.undetermined_by)
        new = median_time(lambda: decide(G, "m", DAY), repeat=21)
        line = f"  N={n}: {new * 1000:.2f} ms, {d.decision}, names {named} of {n} events"
        if old is not None:
            H = uncertain_world(n)
            was = old["access"].decide(H, "m", DAY)
            if n <= 12:
                before = median_time(lambda: old["access"].decide(H, "m", DAY), repeat=3)
                line += f"; previous {before * 1000:.1f} ms ({before / new:.0f}x), names {len(was.undetermined_by)}"
            else:
                line += (f"; previous refuses: {was.decision} naming {len(was.undetermined_by)} events "
                         f"with {len(was.evidence)} evidence lines")
        print(line)
        if n == 30:
            goal("decide, 30 uncertain events", new, 0.010)


def measure_history(events: int, old) -> None:
    print("timeline and diff over N events (releases, suspensions, reinstatements)")
    from graph.policy import index_projection

    sizes = sorted({1000, 2000, events})
    for n in sizes:
        G = history_world(n)
        started = time.perf_counter()
        index_projection(G)  # what a build does once and keeps with the projection
        t_index = time.perf_counter() - started
        started = time.perf_counter()
        entries = timeline(G)
        t_timeline = time.perf_counter() - started
        started = time.perf_counter()
        changes = diff(G, "2025-03-01", "2025-03-31")
        t_diff = time.perf_counter() - started
        line = (f"  N={n}: timeline {t_timeline:.2f} s ({len(entries)} events), diff {t_diff:.2f} s "
                f"({len(changes)} changes); the indexes a build keeps {t_index:.2f} s")
        if old is not None and n <= 2000:
            H = history_world(n)
            started = time.perf_counter()
            old["timeline"].timeline(H)
            o_timeline = time.perf_counter() - started
            line += f"; previous timeline {o_timeline:.2f} s ({o_timeline / (t_timeline + t_index):.0f}x with our indexing)"
            if n <= 1000:
                started = time.perf_counter()
                old["timeline"].diff(H, "2025-03-01", "2025-03-31")
                o_diff = time.perf_counter() - started
                line += f", previous diff {o_diff:.2f} s ({o_diff / t_diff:.0f}x)"
        print(line)
        if n == max(sizes):
            goal(f"timeline, {n:,} events", t_timeline, 1.0)
            goal(f"diff, {n:,} events", t_diff, 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000, help="events of the timeline/diff graph")
    parser.add_argument("--no-previous", action="store_true", help="skip the previous algorithm")
    args = parser.parse_args(argv)
    old = None if args.no_previous else previous()
    if old is None and not args.no_previous:
        print(f"(the previous algorithm is not available: git cannot show {PREVIOUS})")
    measure_uncertain(old)
    measure_history(args.events, old)
    print("\n".join(f"{verdict}  {name}: {figure}" for name, figure, verdict in RESULTS))
    return 0 if all(v == "PASS" for _, _, v in RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())
