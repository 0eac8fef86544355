"""The cube algebra of ``graph/policy/conditions.py`` against BDDs (the ``dd`` library), on the
condition workloads ``decide`` builds.

    .venv/bin/pip install -e '.[bench]'                 # dd (CUDD wheels and dd's pure-Python BDDs)
    .venv/bin/python bench/conditions.py                 # whole data/, the many-rule model, k = 10
    .venv/bin/python bench/conditions.py --workloads data --repeat 5

The workloads are the engine's own: each question is decided once with every call the engine
makes into :mod:`graph.policy.conditions` recorded (``Space.conj``, ``complement``, ``disjoint``,
``merge``, ``clean``, ``cover``, ``rows``, ``holds``, ``empty``, ``meet``, ``minus`` and
``Partition.fold``; calls made inside those are theirs, not recorded again). The questions:

* ``data``: the whole ``data/`` (built into ``bench/out/ratios-home`` if it is not there): every
  ``regkg check`` of the README's tour, DeepSeek's chatbot and ChatGPT with nothing said but a
  date (employer, place, device, purpose open), and ``who-can ChatGPT``;
* ``kilo``: the model with 1,000 rules of ``bench/record_generate.py`` (nationality, place and
  employer open), alone (``bench/out/growth/kilo-1000``, built if missing);
* ``k10``: the shared service most rules name at 10 times the record, all open
  (``bench/out/growth/k10``, built if missing).

``kilo-N`` and ``kN`` take another size (the data ``bench/growth.py`` writes, reused when built):
``--workloads data,kilo-125,k4`` where the defaults would take hours to decide.

Each recorded call is then replayed, timed, (a) by the cube algebra (the same function on the
same arguments) and (b) by BDDs: each open fact a block of ``ceil(log2(atoms))`` Boolean
variables (an atom its code; "any atom" the fact's domain), a condition the disjunction of its
cubes, ``conj`` an AND, ``complement`` the domain AND NOT, ``disjoint`` / ``merge`` / ``clean``
the disjunction itself (a BDD is canonical), ``fold`` the same refinement on BDD cells, ``holds``
an implication test; ``cover`` and ``rows`` also read the rows back as cubes (the BDD's paths, as
disjoint cubes, merged by the cube algebra's ``merge``: what a page and ``--json`` print). Each
BDD backend is timed: ``dd.cudd`` (CUDD, C) and ``dd.autoref`` (pure Python). A cube argument is
made a BDD before the timing (a BDD engine would have built it as a BDD: not counted against BDDs);
the BDD results are checked equal to the cubes' results, so both sides compute the same thing.

Printed: per workload the calls by kind, the cube algebra's seconds, each BDD backend's seconds
(and how much of them reading rows back), the ratio, and the import time of each in a fresh
process (what a cold ``regkg check`` pays); then a verdict, which is faster at our sizes.
"""

from __future__ import annotations

import argparse
import collections
import math
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import ratios  # noqa: E402  (run_process, tour_questions, resolve_question, forget_answers)
import scale  # noqa: E402  (say, goal, print_goals)

say, goal = scale.say, scale.goal


# -- recording the engine's calls ------------------------------------------------------------------------

class Recorder:
    """Wraps the functions of :mod:`graph.policy.conditions` (and the names ``access`` imported from
    it) so that every call from outside the module is kept: ``(kind, space, args)``."""

    METHODS = ("conj", "complement", "disjoint", "merge", "clean", "cover", "rows", "holds", "empty", "meet", "minus")

    def __init__(self):
        self.calls: list[tuple] = []
        self.depth = 0
        self.space = None
        self.saved: list[tuple] = []
        self.on = False

    def _wrap_method(self, cls, name):
        original = getattr(cls, name)
        rec = self

        def wrapper(space, *args):
            rec.space = space
            if rec.on and rec.depth == 0:
                rec.calls.append((name, space, args))
            rec.depth += 1
            try:
                return original(space, *args)
            finally:
                rec.depth -= 1

        self.saved.append((cls, name, original))
        setattr(cls, name, wrapper)

    def _wrap_function(self, module, name, kind):
        original = getattr(module, name)
        rec = self

        def wrapper(*args):
            if rec.on and rec.depth == 0:
                rec.calls.append((kind, rec.space, args))
            rec.depth += 1
            try:
                return original(*args)
            finally:
                rec.depth -= 1

        self.saved.append((module, name, original))
        setattr(module, name, wrapper)

    def install(self) -> "Recorder":
        from graph.policy import conditions

        for name in self.METHODS:
            self._wrap_method(conditions.Space, name)
        original_fold = conditions.Partition.fold
        rec = self

        def fold(partition, regions, combine):
            rec.space = partition.space
            if rec.on and rec.depth == 0:
                rec.calls.append(("fold", partition.space, (list(partition.cells), list(regions), combine)))
            rec.depth += 1
            try:
                return original_fold(partition, regions, combine)
            finally:
                rec.depth -= 1

        self.saved.append((conditions.Partition, "fold", original_fold))
        conditions.Partition.fold = fold
        return self

    def uninstall(self) -> None:
        for owner, name, original in reversed(self.saved):
            setattr(owner, name, original)
        self.saved.clear()


def capture(G, asks) -> list[tuple]:
    """The engine's calls into the cube algebra while it answers ``asks`` (callables), each answered
    afresh (:func:`ratios.forget_answers`)."""
    rec = Recorder().install()
    try:
        for ask in asks:
            ratios.forget_answers()
            rec.on = True
            ask()
            rec.on = False
    finally:
        rec.uninstall()
    return rec.calls


# -- the cube side ----------------------------------------------------------------------------------------

def replay_cubes(calls, repeat: int) -> float:
    """Seconds the cube algebra takes for ``calls`` (the best of ``repeat`` passes)."""
    from graph.policy import conditions

    best = math.inf
    for _ in range(repeat):
        started = time.perf_counter()
        for kind, space, args in calls:
            if kind == "fold":
                cells, regions, combine = args
                conditions.Partition(space, list(cells)).fold(regions, combine)
            else:
                getattr(conditions.Space, kind)(space, *args)
        best = min(best, time.perf_counter() - started)
    return best


def cube_result(kind, space, args):
    """What the cube algebra returns for one call, as something :class:`Bdds` can compare."""
    from graph.policy import conditions

    if kind == "fold":
        cells, regions, combine = args
        p = conditions.Partition(space, list(cells))
        p.fold(regions, combine)
        return p.regions()
    return getattr(conditions.Space, kind)(space, *args)


# -- the BDD side -----------------------------------------------------------------------------------------

class Bdds:
    """One :class:`~graph.policy.conditions.Space` encoded in a ``dd`` BDD manager: a block of
    ``ceil(log2(n))`` variables per open fact, an atom its binary code."""

    def __init__(self, module, space):
        self.space = space
        self.bdd = bdd = module.BDD()
        bdd.configure(reordering=False)  # the facts' order is fixed, as the rows list them; no reordering pauses
        self.bits: list[list[str]] = []
        for i, v in enumerate(space.variables):
            width = max(1, math.ceil(math.log2(max(2, len(v.atoms)))))
            names = [f"v{i}b{j}" for j in range(width)]
            bdd.declare(*names)
            self.bits.append(names)
        self.atom: list[dict] = []
        self.domain: list = []
        for i, v in enumerate(space.variables):
            codes = {}
            for n, a in enumerate(v.atoms):
                u = bdd.true
                for j, name in enumerate(self.bits[i]):
                    u &= bdd.var(name) if (n >> j) & 1 else ~bdd.var(name)
                codes[a] = u
            self.atom.append(codes)
            d = bdd.false
            for u in codes.values():
                d |= u
            self.domain.append(d)
        self.top = bdd.true
        for d in self.domain:
            self.top &= d
        self._sets: dict = {}
        self.level_of = {name: (i, j) for i, names in enumerate(self.bits) for j, name in enumerate(names)}

    def coord(self, i: int, atoms) -> object:
        if atoms is None:
            return self.domain[i]
        key = (i, atoms)
        if key not in self._sets:
            u = self.bdd.false
            for a in atoms:
                u |= self.atom[i][a]
            self._sets[key] = u
        return self._sets[key]

    def cube(self, c) -> object:
        u = self.top
        for i, atoms in enumerate(self.space.coords(c)):
            if atoms is not None:
                u &= self.coord(i, atoms)
        return u

    def cubes(self, cs) -> object:
        u = self.bdd.false
        for c in cs:
            u |= self.cube(c)
        return u

    def read_back(self, u) -> list[tuple]:
        """``u`` as disjoint cubes: one per path of the BDD (each fact the atoms whose code agrees
        with the path's bits), merged as the cube algebra merges rows."""
        paths: list[dict] = []
        bdd = self.bdd

        def walk(node, fixed):
            if node == bdd.false:
                return
            if node == bdd.true:
                paths.append(dict(fixed))
                return
            lo, hi = node.low, node.high
            if node.negated:
                lo, hi = ~lo, ~hi
            fixed[node.var] = False
            walk(lo, fixed)
            fixed[node.var] = True
            walk(hi, fixed)
            del fixed[node.var]

        walk(u, {})
        out = []
        for path in paths:
            c = []
            for i, v in enumerate(self.space.variables):
                said = {j: path[name] for j, name in enumerate(self.bits[i]) if name in path}
                if not said:
                    c.append(None)
                    continue
                c.append(frozenset(a for n, a in enumerate(v.atoms)
                                   if all(((n >> j) & 1) == bit for j, bit in said.items())))
            out.append(self.space.encode(c))
        return self.space.merge(out)


class BddReplay:
    """The recorded calls done with BDDs (one manager per space), arguments made BDDs beforehand."""

    def __init__(self, module, calls):
        self.module = module
        self.managers: dict[int, Bdds] = {}
        self.prepared = [self._prepare(kind, space, args) for kind, space, args in calls]

    def manager(self, space) -> Bdds:
        key = id(space)
        if key not in self.managers:
            self.managers[key] = Bdds(self.module, space)
        return self.managers[key]

    def _prepare(self, kind, space, args):
        m = self.manager(space)
        if kind == "meet":
            return kind, m, (m.cube(args[0]), m.cube(args[1]))
        if kind == "minus":
            return kind, m, (m.cube(args[0]), m.cube(args[1]))
        if kind in ("conj",):
            return kind, m, (m.cubes(args[0]), m.cubes(args[1]))
        if kind in ("complement", "disjoint", "merge", "clean"):
            return kind, m, (m.cubes(args[0]),)
        if kind == "empty":
            return kind, m, (m.cube(args[0]),)
        if kind == "holds":
            point = space.cube(**{k: {v} for k, v in args[1].items() if k in space.index})
            return kind, m, (m.cubes(args[0]), m.cube(point))
        if kind == "cover":
            return kind, m, (m.cubes(args[0]),)
        if kind == "rows":
            return kind, m, ({label: m.cubes(cs) for label, cs in args[0].items()},)
        if kind == "fold":
            cells, regions, combine = args
            return kind, m, ([(m.cube(c), label) for c, label in cells],
                             [(m.cube(r), label) for r, label in regions], combine)
        raise ValueError(kind)

    @staticmethod
    def run(kind, m: Bdds, args, read_rows: bool = True):
        false = m.bdd.false
        if kind == "meet":
            u = args[0] & args[1]
            return None if u == false else u
        if kind == "minus":
            return args[0] & ~args[1]
        if kind == "conj":
            return args[0] & args[1]
        if kind == "complement":
            return m.top & ~args[0]
        if kind in ("disjoint", "merge", "clean"):
            return args[0]
        if kind == "empty":
            return args[0] == false
        if kind == "holds":
            return args[1] != false and (args[1] & ~args[0]) == false
        if kind == "cover":
            return m.read_back(args[0]) if read_rows else args[0]
        if kind == "rows":
            return [(c, label) for label, u in args[0].items() for c in (m.read_back(u) if read_rows else [u])]
        if kind == "fold":
            cells, regions, combine = args
            out: dict = {}
            for cell, label in cells:
                rest = cell
                for region, other in regions:
                    meet = cell & region
                    if meet == false:
                        continue
                    new = combine(label, other)
                    out[new] = out.get(new, false) | meet
                    rest = rest & ~region
                if rest != false:
                    out[label] = out.get(label, false) | rest
            return out
        raise ValueError(kind)

    def time(self, repeat: int, read_rows: bool = True) -> float:
        best = math.inf
        for _ in range(repeat):
            started = time.perf_counter()
            for kind, m, args in self.prepared:
                self.run(kind, m, args, read_rows)
            best = min(best, time.perf_counter() - started)
        return best

    def check(self, calls, limit: int = 20000) -> int:
        """Compare each BDD result with the cubes' (the first ``limit`` calls); the mismatches."""
        bad = 0
        for (kind, space, args), (_, m, bargs) in list(zip(calls, self.prepared))[:limit]:
            want = cube_result(kind, space, args)
            got = self.run(kind, m, bargs)
            if kind == "meet":
                ok = (want is None) == (got is None) and (want is None or m.cube(want) == got)
            elif kind == "minus" or kind in ("conj", "complement", "disjoint", "merge", "clean"):
                ok = m.cubes(want) == got
            elif kind in ("empty", "holds"):
                ok = bool(want) == bool(got)
            elif kind == "cover":
                ok = m.cubes(want) == m.cubes(got)
            elif kind == "rows":
                w, g = collections.defaultdict(list), collections.defaultdict(list)
                for facts, label in want:
                    w[label].append(space.cube(**facts))
                for c, label in got:
                    g[label].append(c)
                ok = w.keys() == g.keys() and all(m.cubes(w[k]) == m.cubes(g[k]) for k in w)
            elif kind == "fold":
                ok = want.keys() == got.keys() and all(m.cubes(want[k]) == got[k] for k in want)
            else:
                ok = True
            bad += not ok
        return bad


# -- workloads ---------------------------------------------------------------------------------------------

def _projection(home: Path, data: Path):
    from graph.policy import index_projection
    from graph.store.build import _stale, current_dir, load_projection

    built = current_dir(home)
    if built is None or _stale(built, data):
        say(f"  building {data.relative_to(REPO) if data.is_relative_to(REPO) else data} into "
            f"{home.relative_to(REPO)} ...")
        run = ratios.run_process(ratios.regkg(data, home, "build"))
        if run.code != 0:
            raise SystemExit(f"build failed: {run.err}")
    return load_projection(home=home, data_dir=data, indexer=index_projection)


def _asks(G, questions: list[list[str]]):
    from graph.policy.access import decide

    out = []
    for q in questions:
        k, asset, on, who, ask = ratios.resolve_question(G, q)
        out.append((shlex.join(q), lambda k=k, asset=asset, on=on, who=who, ask=ask: decide(k.graph, asset, on, who, **ask)))
    return out


def workload(name: str):
    """(label, projection, [(question, ask)])."""
    import growth
    import record_generate

    day = record_generate.QUESTION_DAY
    if name == "data":
        G = _projection(OUT / "ratios-home", REPO / "data")
        qs = ratios.tour_questions() + [["DeepSeek chatbot", "--on", "2025-03-01"], ["ChatGPT", "--on", "2023-04-15"]]
        asks = _asks(G, qs)
        from graph.policy.access import decide
        from graph.policy.audiences import who_can
        from graph.policy import question

        chatgpt = question.asset(G, "ChatGPT")
        asks.append(("who-can ChatGPT --on 2023-04-15", lambda: who_can(G, chatgpt, "2023-04-15", decider=decide)))
        return "whole data/", G, asks
    if name == "kilo" or name.startswith("kilo-") and name[5:].isdigit():
        n = int(name[5:] or 1000)
        data, _ = growth.dataset(0, 19, n, name=f"kilo-{n}")  # the data bench/growth.py --series writes
        G = _projection(OUT / "growth" / f"kilo-{n}" / "home", data)
        return f"the {n:,}-rule model, all open", G, _asks(G, [["Kilo model", "--on", day]])
    if name[:1] == "k" and name[1:].isdigit():
        k = int(name[1:])
        data, _ = growth.dataset(k, 19, 1000)  # bench/growth.py's k
        G = _projection(OUT / "growth" / f"k{k}" / "home", data)
        return f"k = {k}, the most restricted service, all open", G, _asks(G, [["Deepnorth chatbot", "--on", day]])
    raise SystemExit(f"unknown workload {name!r} (data, kilo, kilo-N, kN)")


def import_time(module: str, repeat: int) -> float:
    base = statistics.median(ratios.run_process([ratios.PY, "-c", "pass"]).cpu for _ in range(repeat))
    t = statistics.median(ratios.run_process([ratios.PY, "-c", f"import {module}"]).cpu for _ in range(repeat))
    return max(0.0, t - base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workloads", default="data,kilo,k10",
                        help="comma-separated: data, kilo (1,000 rules) or kilo-N (N rules), k10 or kN (k times the record)")
    parser.add_argument("--repeat", type=int, default=3, help="passes over each workload; the best is kept")
    args = parser.parse_args(argv)
    backends = []
    for name in ("dd.cudd", "dd.autoref"):
        try:
            backends.append((name, __import__(name, fromlist=["BDD"])))
        except ImportError as exc:
            say(f"  {name}: not importable ({exc}); pip install -e '.[bench]'")
    if not backends:
        goal("cubes against BDDs", None, "dd is not installed", "the faster is chosen")
        return scale.print_goals()
    say(f"regkg conditions: cubes (graph/policy/conditions.py) against dd {', '.join(n for n, _ in backends)}; "
        f"load average {os.getloadavg()[0]:.1f}")
    totals = collections.Counter()
    for name in [w.strip() for w in args.workloads.split(",") if w.strip()]:
        label, G, asks = workload(name)
        started = time.perf_counter()
        calls = capture(G, [a for _, a in asks])
        engine = time.perf_counter() - started
        kinds = collections.Counter(k for k, _, _ in calls)
        spaces = {id(s): s for _, s, _ in calls}
        widths = [sum(len(v.atoms) for v in s.variables) for s in spaces.values()]
        say(f"\n== {label}: {len(asks)} questions, decided in {engine:.2f} s with the calls recorded ==")
        say(f"  {len(calls):,} calls: " + ", ".join(f"{k} {n:,}" for k, n in kinds.most_common()))
        say(f"  {len(spaces)} spaces; open facts per space up to "
            f"{max((len(s.variables) for s in spaces.values()), default=0)}, atoms per space up to "
            f"{max(widths, default=0)} (median {statistics.median(widths) if widths else 0})")
        cubes = replay_cubes(calls, args.repeat)
        say(f"  cubes: {cubes * 1000:9.2f} ms")
        totals["cubes"] += cubes
        for bname, module in backends:
            started = time.perf_counter()
            replay = BddReplay(module, calls)
            prep = time.perf_counter() - started
            bad = replay.check(calls)
            ops = replay.time(args.repeat, read_rows=False)
            full = replay.time(args.repeat, read_rows=True)
            totals[bname] += full
            say(f"  {bname:10}: {full * 1000:9.2f} ms ({ops * 1000:.2f} ms without reading rows back; "
                f"{full / cubes if cubes else math.inf:.1f}x the cubes; arguments made BDDs beforehand in "
                f"{prep:.2f} s, not counted){'' if not bad else f'; {bad} results differ from the cubes!'}")
    say("\n== import in a fresh process (CPU, over a bare interpreter) ==")
    imports = {"graph.policy.conditions": import_time("graph.policy.conditions", 5)}
    for bname, _ in backends:
        imports[bname] = import_time(bname, 5)
    for m, t in imports.items():
        say(f"  import {m}: {t * 1000:.0f} ms")
    say("\n== verdict ==")
    for bname, _ in backends:
        ratio = totals[bname] / totals["cubes"] if totals["cubes"] else math.inf
        say(f"  all workloads: cubes {totals['cubes'] * 1000:.1f} ms, {bname} {totals[bname] * 1000:.1f} ms "
            f"({ratio:.1f}x)")
        goal(f"cubes at least as fast as {bname} on the engine's workloads", ratio >= 1.0,
             f"{bname} / cubes = {ratio:.2f}", ">= 1 keeps the cubes")
    return scale.print_goals()


if __name__ == "__main__":
    sys.exit(main())
