"""How the access commands grow with the record: times at k times the public record's size, and the exponent.

    .venv/bin/python bench/growth.py                          # k = 1 and 10, and the many-rule model
    .venv/bin/python bench/growth.py --k 1,10,100 --timeout 3600
    .venv/bin/python bench/growth.py --k 1 --only check,decide --series ""   # a quick look
    .venv/bin/python bench/growth.py --k "" --series 60,125,250              # the many-rule model alone

The data of each k comes from ``bench/record_generate.py`` (k blocks shaped like the public record,
about 190 access-changing events and 185 policies each, plus the model with 1,000 rules on which
nationality, place and employer are all open), written as YAML under ``bench/out/growth/k<k>/``
and built with the real pipeline: ``regkg --data DIR --home HOME build`` as a fresh process (YAML,
pydantic, SHACL validation, N-Quads, pyoxigraph, the projection and its indexes). ``--no-validate``
builds with ``regkg build --no-validate`` instead (the same pipeline without SHACL), for a k whose
validation would not finish on this machine; the report says which was used. Measured at each k:

* the build (fresh process);
* cold ``regkg check`` (fresh processes) on the shared service most rules name ("Deepnorth
  chatbot", about 90 rules a block): with nothing said but the date (employer, place, device,
  purpose, nationality open), and with a place and an employer said (a state of block 0 and its
  agencies); and on a service of block 0 with a place said (its rules do not grow with k);
* the same three questions in-process (``decide``, resolved as the CLI does; see
  ``bench/ratios.py``): the first ask, and the median of asks worked out again in the warm process;
* ``regkg who-can "Deepnorth chatbot"``, ``regkg availability`` and ``regkg viz`` (fresh processes);
* ``regkg check "Kilo model"`` (the 1,000-rule model, everything open; it does not grow with k).

Times are CPU seconds of the child (user + system), the median of ``--repeat`` runs (wall-clock
beside them); a command stopped at ``--timeout`` is shown as ``>T``. For each command the exponent
``b`` of ``time ~ rules^b`` is fitted by least squares on log-log (rules: the record's rules, the
many-rule model left out); the goal is ``b <= 1.1`` (at most linear), PASS or FAIL (a command that
timed out at the largest k gives a lower bound and FAILs).

``--series 125,250,500,1000`` (the default) also builds the many-rule model alone with that many
rules and fits the exponent of its all-open ``check`` (cold and in-process) against its rules (an
in-process ask slower than 5 s is timed once; a cold check stopped at the timeout ends the series).
Nothing is written outside ``bench/out/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "growth"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import ratios  # noqa: E402  (fresh-process timing, resolve_question, forget_answers)
import record_generate  # noqa: E402
import scale  # noqa: E402  (goal, say, print_goals)

say, goal = scale.say, scale.goal
DAY = record_generate.QUESTION_DAY
SLOW_ASK = 5.0  # seconds: a many-rule decide slower than this is timed once, not repeated
EVERYTHING = ("build", "check", "decide", "who-can", "availability", "viz", "kilo")


def exponent(xs: list[float], ys: list[float]) -> float | None:
    """The least-squares slope of log(y) on log(x).

    >>> round(exponent([1, 10, 100], [2, 20, 200]), 3), round(exponent([1, 10], [1, 100]), 3)
    (1.0, 2.0)
    """
    pts = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx = statistics.fmean(p[0] for p in pts)
    my = statistics.fmean(p[1] for p in pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx if sxx else None


def dataset(k: int, seed: int, thousand: int, name: str | None = None) -> tuple[Path, dict]:
    """``bench/out/growth/<name>/data`` for k blocks (written unless the same arguments wrote it)."""
    base = OUT / (name or f"k{k}")
    data = base / "data"
    meta_path = base / "data.json"
    want = {"k": k, "seed": seed, "thousand": thousand, "generator": _generator_key()}
    if meta_path.exists() and data.exists():
        meta = json.loads(meta_path.read_text())
        if {key: meta.get(key) for key in want} == want:
            return data, meta
    started = time.perf_counter()
    counts = record_generate.write_record(k, data, seed, thousand)
    meta = {**want, **counts, "seconds": round(time.perf_counter() - started, 1)}
    meta_path.write_text(json.dumps(meta, indent=2))
    return data, meta


def _generator_key() -> str:
    import hashlib

    return hashlib.sha256((REPO / "bench" / "record_generate.py").read_bytes()).hexdigest()[:12]


def block0_names(seed: int) -> dict:
    """The names the questions use: a state of block 0 (its code and its agencies' group), a nation
    of block 0 and a service of block 0."""
    block = record_generate.Block(0, seed)
    state = next(a for a in block.authorities if a["kind"] == "state-government")
    groups = {g["id"]: g["name"] for g in block.f.records["groups"]}
    services = {c["id"]: c["name"] for c in block.f.records["channels"]}
    nation = next(a for a in block.authorities if a["kind"] == "government")
    return {"state": state["jurisdiction"], "agencies": groups[f"{state['id']}-agencies"],
            "nation": nation["jurisdiction"], "service": services[block.services[0]]}


def questions(seed: int) -> dict[str, list[str]]:
    n = block0_names(seed)
    return {
        "check, all open": ["Deepnorth chatbot", "--on", DAY],
        "check, place+employer": ["Deepnorth chatbot", "--in", n["state"], "--employer", n["agencies"], "--on", DAY],
        "check, local service": [n["service"], "--in", n["nation"], "--on", DAY],
    }


def measure_k(k: int, args, only: set[str]) -> dict:
    """Every figure at one k: {command: (cpu, wall, timed_out)}, and the data's counts."""
    data, meta = dataset(k, args.seed, args.thousand)
    home = OUT / f"k{k}" / "home"
    say(f"\n== k = {k}: {meta['access_changing_events']} access-changing events, {meta['policies']} policies, "
        f"{meta['rules']} rules ({meta['rules_on_most_restricted']} on the most restricted asset), + the "
        f"{args.thousand}-rule model; {data.relative_to(REPO)} ==")
    figures: dict[str, tuple[float, float, bool]] = {}
    failed: dict[str, str] = {}  # command -> why it failed (no figure: a failed run's time measures nothing)
    timeout = args.timeout

    def record(name: str, t: ratios.Timing) -> None:
        say(f"  {t}")
        why = t.failure(answers=name.startswith("check"))  # check exits with its decision
        if why:
            failed[name] = why
            return
        figures[name] = (t.cpu if not t.timed_out else timeout, t.wall, t.timed_out)

    from graph.store.build import _stale, current_dir

    built = current_dir(home)
    stale = built is None or _stale(built, data)  # a stale build would be rebuilt inside the first command timed
    if "build" in only or stale or args.rebuild:
        shutil.rmtree(home, ignore_errors=True)
        build_args = ["build", "--no-validate"] if args.no_validate else ["build"]
        t = ratios.in_turns({"regkg " + " ".join(build_args): ratios.regkg(data, home, *build_args)}, 1, timeout)
        record("build", next(iter(t.values())))
        run = next(iter(t.values())).runs[-1]
        if run.code != 0:
            say(f"  build failed or stopped: {run.err.strip()[-500:]}")
            return {"meta": meta, "figures": figures, "failed": failed}
    qs = questions(args.seed)
    if "check" in only:
        t = ratios.in_turns({f"check {' '.join(q)}": ratios.regkg(data, home, "check", *q) for q in qs.values()},
                            args.repeat, timeout)
        for name, timing in zip(qs, t.values()):
            timing.label = f"regkg {name}: {timing.label}"
            record(name, timing)
    if "decide" in only:
        from graph.policy import index_projection
        from graph.policy.access import decide
        from graph.store.build import load_projection

        started = time.perf_counter()
        G = load_projection(home=home, data_dir=data, indexer=index_projection)
        say(f"  projection loaded in-process in {time.perf_counter() - started:.2f} s ({G.number_of_nodes():,} nodes)")
        for name, q in [*qs.items(), ("check Kilo, all open", ["Kilo model", "--on", DAY])]:
            if name.startswith("check Kilo") and "kilo" not in only:
                continue
            kn, asset, on, who, ask = ratios.resolve_question(G, q)
            first, again, _ = ratios.warm_times(lambda: decide(kn.graph, asset, on, who, **ask), args.asks)
            figures[f"decide: {name.removeprefix('check, ').removeprefix('check ')}"] = (again, again, False)
            say(f"  decide {' '.join(q)}: first ask {first * 1000:.1f} ms; worked out again: median "
                f"{again * 1000:.2f} ms")
        del G
    if "who-can" in only:
        t = ratios.in_turns({"who-can": ratios.regkg(data, home, "who-can", "Deepnorth chatbot", "--on", DAY)},
                            args.slow_repeat, timeout)
        t["who-can"].label = "regkg who-can 'Deepnorth chatbot'"
        record("who-can", t["who-can"])
    if "availability" in only:
        t = ratios.in_turns({"availability": ratios.regkg(data, home, "availability", "--on", DAY)},
                            args.slow_repeat, timeout)
        t["availability"].label = "regkg availability"
        record("availability", t["availability"])
    if "viz" in only:
        page = OUT / f"k{k}" / "viz.html"
        t = ratios.in_turns({"viz": ratios.regkg(data, home, "viz", "-o", str(page))}, args.slow_repeat, timeout)
        t["viz"].label = "regkg viz"
        record("viz", t["viz"])
    if "kilo" in only and args.thousand:
        t = ratios.in_turns({"kilo": ratios.regkg(data, home, "check", "Kilo model", "--on", DAY)},
                            args.repeat, timeout)
        t["kilo"].label = f"regkg check 'Kilo model' ({args.thousand} rules, all open)"
        record("check Kilo, all open", t["kilo"])
    return {"meta": meta, "figures": figures, "failed": failed}


def series(sizes: list[int], args) -> None:
    """The many-rule model alone at several sizes: its all-open check, cold and in-process."""
    say(f"\n== the many-rule model alone: {', '.join(map(str, sizes))} rules; nationality, place, employer open ==")
    cold, warm = [], []
    for n in sizes:
        data, meta = dataset(0, args.seed, n, name=f"kilo-{n}")
        home = OUT / f"kilo-{n}" / "home"
        shutil.rmtree(home, ignore_errors=True)
        b = ratios.run_process(ratios.regkg(data, home, "build"), args.timeout)
        if b.code != 0:
            say(f"  {n} rules: build failed or stopped ({b.wall:.0f} s): {b.err.strip()[-300:]}")
            break
        t = ratios.in_turns({"kilo": ratios.regkg(data, home, "check", "Kilo model", "--on", DAY)}, args.repeat,
                            args.timeout)["kilo"]
        why = t.failure(answers=True)
        if why:
            say(f"  {n} rules: regkg check 'Kilo model' failed ({why})")
            break
        from graph.policy import index_projection
        from graph.policy.access import decide
        from graph.store.build import load_projection

        G = load_projection(home=home, data_dir=data, indexer=index_projection)
        kn, asset, on, who, ask = ratios.resolve_question(G, ["Kilo model", "--on", DAY])
        started = time.perf_counter()
        d = decide(kn.graph, asset, on, who, **ask)
        first = time.perf_counter() - started
        if first > SLOW_ASK:  # asked once: asks worked out again would cost minutes each
            again, how = first, "asked once (slow)"
        else:
            _, again, _ = ratios.warm_times(lambda: decide(kn.graph, asset, on, who, **ask), args.asks)
            how = f"again {again * 1000:.1f} ms"
        say(f"  {n:5d} rules: build {b.cpu:.1f} s CPU; cold check {'>' if t.timed_out else ''}{t.cpu:.2f} s CPU "
            f"({t.wall:.2f} s wall); decide first {first * 1000:.1f} ms, {how}; "
            f"answer {d.decision}, {len(d.conditions)} condition rows")
        cold.append((n, t.cpu if not t.timed_out else args.timeout, t.timed_out))
        warm.append((n, again, False))
        del G
        if t.timed_out:
            say(f"  (the cold check stopped at {args.timeout:.0f} s: larger sizes are not tried)")
            break
    for name, pts in (("many-rule model: cold check, all open", cold), ("many-rule model: decide, all open", warm)):
        b = exponent([p[0] for p in pts], [p[1] for p in pts])
        if b is None:
            goal(name + ": exponent", None, "fewer than two sizes measured", "<= 1.1")
            continue
        lower = any(p[2] for p in pts)
        goal(name + ": exponent against rules", b <= 1.1 and not lower,
             f"{'>= ' if lower else ''}{b:.2f} over {len(pts)} sizes", "<= 1.1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--k", default="1,10", help="comma-separated multiples of the record (default 1,10)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--thousand", type=int, default=1000, help="rules of the many-rule model in each k's data")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each check (default 3)")
    parser.add_argument("--slow-repeat", type=int, default=1, help="runs of who-can, availability, viz (default 1)")
    parser.add_argument("--asks", type=int, default=10, help="in-process asks per question (default 10)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a command is stopped")
    parser.add_argument("--no-validate", action="store_true", help="build with 'regkg build --no-validate'")
    parser.add_argument("--rebuild", action="store_true", help="build again even if the data's build is there")
    parser.add_argument("--only", default=",".join(EVERYTHING), help=f"comma-separated of: {', '.join(EVERYTHING)}")
    parser.add_argument("--series", default="125,250,500,1000",
                        help="sizes of the many-rule model alone ('' for none)")
    args = parser.parse_args(argv)
    ks = [int(x) for x in args.k.split(",") if x.strip()]
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    OUT.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    say(f"regkg growth (issue 19 §3): k = {', '.join(map(str, ks))}; {os.cpu_count()} cores, load average "
        f"{load[0]:.1f}; build: regkg build{' --no-validate' if args.no_validate else ''}; times: CPU s (wall s)")
    results = {k: measure_k(k, args, only) for k in ks}
    rules = {k: results[k]["meta"]["rules"] for k in ks}
    names = list(dict.fromkeys(n for k in ks for n in (*results[k]["figures"], *results[k]["failed"])))
    say("\n== growth: CPU seconds (a command stopped at the timeout: >T) ==")
    say(f"  {'command':<32}" + "".join(f"{'k=' + str(k) + ' (' + str(rules[k]) + ' rules)':>24}" for k in ks)
        + f"{'exponent':>10}")
    for name in names:
        cells, xs, ys, lower = [], [], [], False
        for k in ks:
            f = results[k]["figures"].get(name)
            if f is None:
                cells.append(f"{'failed' if name in results[k]['failed'] else '-':>24}")
                continue
            cpu, wall, out = f
            unit = "ms" if name.startswith("decide") else "s"
            value = cpu * 1000 if unit == "ms" else cpu
            cells.append(f"{('>' if out else '') + f'{value:.2f} {unit}':>24}")
            xs.append(rules[k])
            ys.append(cpu)
            lower |= out
        b = exponent(xs, ys)
        say(f"  {name:<32}" + "".join(cells) + f"{'' if b is None else ('>=' if lower else '') + f'{b:.2f}':>10}")
        if name == "check Kilo, all open" or name == "decide: Kilo, all open" or name == "check, local service" \
                or name == "decide: local service":
            continue  # their rules do not grow with k: no exponent goal (printed for the record)
        broken = [k for k in ks if name in results[k]["failed"]]
        if broken:
            goal(f"{name}: time ~ rules^b", False, f"the command failed at k = {', '.join(map(str, broken))} ("
                 f"{results[broken[0]]['failed'][name]})", "b <= 1.1")
        elif b is not None:
            goal(f"{name}: time ~ rules^b", b <= 1.1 and not lower,
                 f"b {'>= ' if lower else '= '}{b:.2f} over k = {', '.join(str(k) for k in ks)}", "b <= 1.1")
    for k in ks:
        f = results[k]["figures"].get("check Kilo, all open")
        if f:
            say(f"  the {args.thousand}-rule model, all open, at k = {k}: {'>' if f[2] else ''}{f[0]:.2f} s CPU")
    sizes = [int(x) for x in args.series.split(",") if x.strip()]
    if sizes:
        series(sizes, args)
    return scale.print_goals()


if __name__ == "__main__":
    sys.exit(main())
