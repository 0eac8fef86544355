"""The speed goals of issue 19 §3 on the whole ``data/``, each a ratio to a baseline measured in the same run.

    .venv/bin/python bench/ratios.py                     # every goal (viz takes minutes on 2 cores)
    .venv/bin/python bench/ratios.py --skip viz          # leave out regkg viz (and so the build ratio)
    .venv/bin/python bench/ratios.py --profile           # also profile each failing goal (cProfile)
    .venv/bin/python bench/ratios.py --skip viz --profile cold,who-can   # some goals, some profiles

The graph of ``data/`` is built once into ``bench/out/ratios-home`` by a fresh ``regkg build`` (its
time is the viz goal's baseline). Every command is a fresh process (the CLI as a user runs it, via
``.venv/bin/regkg``), run ``--repeat`` times in turns with its baseline; each figure is the median.
Times are the child's CPU time (user + system, from ``getrusage``): on this shared 2-core machine
the wall-clock time depends on the other sessions' load, the CPU time much less; the wall-clock
medians are printed beside them. Measured:

* cold ``regkg check``, every ``$ regkg check`` of the tour (the README's and the docs' console
  examples on the whole data: :func:`tour_questions`), against ``python -c "import
  rdflib"``: goal 2x, for the median question and for the slowest;
* warm ``decide`` in-process, for every question of the tour, each resolved as the CLI resolves it
  (:mod:`graph.policy.question`, then :func:`graph.policy.knowledge.knowledge`), of
  :func:`graph.policy.access.decide` and of ``Knowledge.decide`` (what ``check`` calls: the sources
  weighed). ``decide`` memoises whole answers per question, so asking the same question again is a
  dictionary look-up; three figures are printed: the first ask in the process, the median of asks
  worked out again in the warm process (the answer memos dropped before each, the indexes and the
  analyses of rule sets kept: :func:`forget_answers`), and the median of memo hits. The goal
  (1 ms, every question) is judged on the second;
* ``regkg who-can MODEL --on DAY`` against ``regkg check MODEL --on DAY`` (same model and day):
  goal 3x, for DeepSeek's chatbot (the asset most rules name) and ChatGPT;
* ``regkg availability --on DAY`` against the median cold check of the tour: goal 6x;
* ``regkg viz`` against ``regkg build`` (the same data): goal 3x.

Each goal prints PASS or FAIL; a command that fails (a traceback, a signal, an error) FAILs its
goal and is named, its time counting for nothing. With ``--profile``, each failing goal's command runs again under
cProfile (``bench/out/profile-<goal>.prof``) and the top functions are printed, by own time and by
cumulative time, as ``file:line(function)`` (``--profile who-can,availability``: only those). The
warm-decide goal is profiled in its own warm process, on its slowest question, over asks worked
out again (a fresh ``regkg check`` would mostly profile loading the projection). Profiles count
CPU time (``time.process_time``), as the goals do, not the wall-clock time the other sessions' load
stretches.
Output is stdout only; the build and the page stay
under ``bench/out/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import re
import resource
import shlex
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

import scale  # noqa: E402  (goal(), say(), print_goals(): the same report as the other benchmarks)

PY = scale.PY
REGKG = scale.REGKG
say, goal = scale.say, scale.goal


# -- fresh processes -----------------------------------------------------------------------------------

@dataclasses.dataclass
class Run:
    wall: float
    cpu: float  # the child's user + system time
    code: int | None  # None: stopped at the timeout
    err: str = ""

    @property
    def timed_out(self) -> bool:
        return self.code is None

    def failure(self, answers: bool = False) -> str | None:
        """Why the run stopped on an error, or ``None``: killed by a signal, a traceback or click's
        ``Error:``; or, unless the exit code is an ``answers`` (``check`` exits with its decision:
        permit 0, deny 1, not_applicable 3, indeterminate 4; bad input is 2), any exit but 0. A
        failed run's time measures nothing."""
        if self.code is None or self.code == 0:
            return None
        last = (self.err.strip().splitlines() or [""])[-1][:300]
        if self.code < 0:
            return f"killed by signal {-self.code} {last}".rstrip()
        if not answers or self.code not in _DECISION_EXITS or "Traceback (most recent call last)" in self.err \
                or _ERROR_LINE.search(self.err):
            return f"exit {self.code}: {last}"
        return None


_DECISION_EXITS = frozenset({1, 3, 4})  # graph.policy.access.EXIT_CODES but permit's 0 (not imported: no engine cost)
# click's usage errors, an exception's last line, regkg's "internal error: ..." (exit 70)
_ERROR_LINE = re.compile(r"(?m)^(Error: |internal error: |[A-Za-z_.]*(Error|Exception)\b|Killed\b)")


def run_process(args: list[str], timeout: float | None = None, env: dict | None = None) -> Run:
    """Run ``args`` as a fresh process (stdout discarded): wall-clock and CPU seconds, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO, env=env)
        try:
            code = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            code = None
        wall = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")[-4000:]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, code, text)


@dataclasses.dataclass
class Timing:
    """Medians of several runs of one command."""

    label: str
    runs: list[Run]

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    def failure(self, answers: bool = False) -> str | None:
        """The first run's error (:meth:`Run.failure`), or ``None``."""
        return next((f for r in self.runs if (f := r.failure(answers))), None)

    def __str__(self) -> str:
        failed = self.failure(answers=True)
        if failed:
            return f"{self.label}: FAILED ({failed}) after {max(r.cpu for r in self.runs):.2f} s CPU"
        if self.timed_out:
            return f"{self.label}: stopped after {max(r.wall for r in self.runs):.0f} s (timeout)"
        return f"{self.label}: {self.cpu:.2f} s CPU ({self.wall:.2f} s wall), n={len(self.runs)}"


def in_turns(commands: dict[str, list[str]], repeat: int, timeout: float | None = None) -> dict[str, Timing]:
    """Each command ``repeat`` times, in turns (a, b, a, b, ...), so load changes hit them alike."""
    runs: dict[str, list[Run]] = {k: [] for k in commands}
    for _ in range(repeat):
        for key, args in commands.items():
            if runs[key] and (runs[key][-1].timed_out or runs[key][-1].failure(answers=True)):
                continue  # a command that timed out or failed once is not run again
            runs[key].append(run_process(args, timeout))
    return {k: Timing(k, v) for k, v in runs.items()}


def compiled(packages: list[str]) -> None:
    """Write the bytecode of regkg's own packages, as a wheel install does (pip compiles what it
    installs; an editable install leaves it to the first import, and none is written where
    ``PYTHONDONTWRITEBYTECODE`` is set, as on these machines). rdflib, the baseline, is compiled: a
    cold check that compiled regkg's source on every run would be timed on something a user's
    install does not do. Stale bytecode is never read: Python checks each file's time and size."""
    import compileall

    for name in packages:
        compileall.compile_dir(str(REPO / name), quiet=1)
    say(f"  ({', '.join(packages)}: bytecode written, as an installed wheel has it)")


def regkg(data: Path, home: Path, *args: str) -> list[str]:
    return [REGKG, "--data", str(data), "--home", str(home), *args]


# -- the tour: the README and the docs -------------------------------------------------------------------

def tour_files() -> list[Path]:
    """The README and every page of ``docs/`` (the tour moved there from the README)."""
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def tour_questions(files: list[Path] | None = None) -> list[list[str]]:
    """Every ``$ regkg check ...`` of the README's and the docs' console examples that run on the
    whole ``data/`` (a block marked ``<!-- example: data=seed -->`` or ``not run`` is left out, as
    ``docs/examples.py`` reads them), as arguments after ``check``: what follows a ``;``, ``|`` or
    ``&&`` (``echo $?``, a pipe into python) is dropped; each question once, in the order first met.

    >>> q = tour_questions(); ["ChatGPT", "--in", "IT", "--on", "2023-04-15", "--employer", "none"] in q
    True
    """
    out: list[list[str]] = []
    for path in tour_files() if files is None else files:
        fenced, skip, previous = False, False, ""
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                if not fenced:
                    skip = "example:" in previous and ("data=" in previous and "data=data" not in previous
                                                       or "not run" in previous)
                fenced = not fenced and line.strip() == "```console"
            elif fenced and not skip and line.startswith("$ regkg check "):
                lexer = shlex.shlex(line[len("$ regkg check "):], posix=True, punctuation_chars=";|&")
                lexer.whitespace_split = True
                args = []
                for token in lexer:
                    if token and set(token) <= set(";|&"):
                        break
                    args.append(token)
                if args not in out:
                    out.append(args)
            if line.strip():
                previous = line
    return out


def resolve_question(G, args: list[str]):
    """A tour question resolved as ``regkg check`` resolves it: click parses the options, then
    :mod:`graph.policy.question` and :func:`graph.policy.knowledge.knowledge`. Returns
    ``(knowledge, asset, on, party, ask)``."""
    from graph.cli.access import check_cmd
    from graph.policy import question
    from graph.policy.knowledge import knowledge

    ctx = check_cmd.make_context("check", list(args))
    p = ctx.params
    k = knowledge(G, p["known_on"])
    asset = question.asset(G, p["model"])
    ask = question.ask(G, p["channel"], p["place"], p["action"], p["recipient"], p["strict"], p["device"],
                       p["purpose"], asset)
    who = question.party(G, p["party"], p["member_of"], p["employer"], p["nationality"], p["not_member_of"])
    return k, asset, p["on"], who, ask


#: The keys of ``decide``'s memo that hold (parts of) answers, each keyed by what it reads: the
#: question's answer, its context and conditions, the answer worked out for the rules that apply,
#: and what an undetermined region depends on. The analyses of rule sets ("timed") stay.
_ANSWERS = ("answer", "applicable", "applied", "deciding")


def forget_answers() -> None:
    """Drop every memoised answer (``decide``'s memo of answers and their parts, :data:`_ANSWERS`,
    its memo of questions' contexts and conditions, and the knowledge layer's per-question support)
    from the memos kept with every projection and view, keeping the indexes and the analyses of rule
    sets: the next ask works its answer out in a warm process. Reads :mod:`graph.store.memo`'s
    private cache: a benchmark's business, no engine change."""
    from graph.store import memo

    for slot in list(memo._CACHE.values()):
        decided = slot.get("memo:decide")
        if decided:
            for key in [k for k in decided[1] if isinstance(k, tuple) and k and k[0] in _ANSWERS]:
                del decided[1][key]
        for name in ("knowledge-question-support", "memo:applicable"):
            asked = slot.get(name)
            if asked:
                asked[1].clear()


def warm_times(fn, asks: int) -> tuple[float, float, float]:
    """(the first call's seconds; the median of ``asks`` calls each after :func:`forget_answers`,
    the answer worked out again in a warm process; the median of ``asks`` calls answered from the
    memo, a question asked again)."""
    started = time.perf_counter()
    fn()
    first = time.perf_counter() - started
    again = []
    for _ in range(asks):
        forget_answers()
        started = time.perf_counter()
        fn()
        again.append(time.perf_counter() - started)
    hits = []
    for _ in range(asks):
        started = time.perf_counter()
        fn()
        hits.append(time.perf_counter() - started)
    return first, statistics.median(again), statistics.median(hits)


def profile_warm(name: str, fn, asks: int, top: int = 15) -> None:
    """Profile ``asks`` warm asks of ``fn`` in this process, each after :func:`forget_answers` (what
    the warm-decide goal is judged on): a fresh ``regkg check`` would mostly profile the load."""
    import cProfile

    fn()  # the first ask (indexes, analyses of rule sets) is not what the goal measures
    out = OUT / f"profile-{name}.prof"
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    for _ in range(asks):
        forget_answers()
        profiler.enable()
        fn()
        profiler.disable()
    spent = time.process_time() - started
    profiler.dump_stats(str(out))
    say(f"  ({asks} warm asks, {spent:.2f} s CPU with cProfile; {out.relative_to(REPO)}):")
    print_profile(out, top)


# -- profiles -------------------------------------------------------------------------------------------

def profile(name: str, args: list[str], top: int = 15, timeout: float | None = None) -> None:
    """Run ``regkg args`` (the arguments after ``regkg``) under cProfile in a fresh process, and print
    the top functions by own time and by cumulative time (file:line(function))."""
    import pstats

    out = OUT / f"profile-{name}.prof"
    out.unlink(missing_ok=True)
    run = run_process([PY, "-c", _PROFILE_CHILD, str(out), *args], timeout)
    if run.timed_out or not out.exists():
        say(f"  profile {name}: no profile ({'timeout' if run.timed_out else run.err.strip()[-300:]})")
        return
    say(f"  profile of {name}: regkg {shlex.join(args)}")
    say(f"  ({run.cpu:.1f} s CPU under cProfile; {out.relative_to(REPO)}):")
    print_profile(out, top)


def print_profile(out: Path, top: int = 15) -> None:
    """The top functions of a cProfile file, by own time and by cumulative time (graph/ and viz/ only)."""
    import pstats

    for key, title in (("tottime", "own time"), ("cumulative", "cumulative, graph/ and viz/ only")):
        stats = pstats.Stats(str(out))
        stats.sort_stats(key)
        rows = []
        for func in stats.fcn_list:
            filename, line, fname = func
            if key == "cumulative" and not any(f"/{d}/" in filename for d in ("graph", "viz")):
                continue
            cc, nc, tt, ct, _ = stats.stats[func]
            rows.append((tt, ct, nc, f"{_short(filename)}:{line}({fname})"))
            if len(rows) == top:
                break
        say(f"    by {title}:  {'own s':>7} {'cum s':>7} {'calls':>9}")
        for tt, ct, nc, where in rows:
            say(f"      {tt:7.2f} {ct:7.2f} {nc:9d}  {where}")


# The CLI ends a command that read a projection with os._exit (no teardown), which would lose the
# profile: the child runs the click group itself, not in standalone mode, and writes the profile.
_PROFILE_CHILD = """
import cProfile, sys, time
from graph.cli import cli
profiler = cProfile.Profile(time.process_time)
profiler.enable()
try:
    cli.main(args=sys.argv[2:], prog_name="regkg", standalone_mode=False)
finally:
    profiler.disable()
    profiler.dump_stats(sys.argv[1])
"""


def _short(filename: str) -> str:
    for marker in ("/wt-bench/", "/site-packages/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def ratio_goal(name: str, t: Timing, base: Timing | float, limit: float, timeout: float, extra: str = "") -> bool:
    """The goal ``t <= limit x base`` (CPU medians), PASS or FAIL; a command that failed or was
    stopped FAILs. Returns whether ``t``'s command is to be profiled (it ran, too slowly)."""
    target = f"<= {limit:g}x"
    failed = t.failure()
    base_failed = base.failure(answers=True) if isinstance(base, Timing) else None
    if failed or base_failed:
        goal(name, False, f"{'the command' if failed else 'the baseline'} failed ({failed or base_failed})", target)
        return False
    if t.timed_out:
        goal(name, False, f"stopped after {timeout:.0f} s", target)
        return True
    base_cpu = base.cpu if isinstance(base, Timing) else base
    ratio = t.cpu / base_cpu
    goal(name, ratio <= limit, f"{t.cpu:.2f} s / {base_cpu:.2f} s = {ratio:.1f}x (CPU{'; ' + extra if extra else ''})",
         target)
    return ratio > limit


def wanted(option: str, name: str) -> bool:
    """Whether ``--profile`` (``all``, or comma-separated goal names) asks for the goal ``name``'s
    profile (``cold`` names ``cold-check``; ``who-can`` both models)."""
    names = {"cold-check" if w == "cold" else w for w in (p.strip() for p in option.split(",")) if w}
    return "all" in names or any(name.startswith(w) for w in names)


# -- the goals --------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the data directory (default: data/)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each fresh-process command (default 5)")
    parser.add_argument("--slow-repeat", type=int, default=1,
                        help="runs of who-can, availability, build and viz (default 1)")
    parser.add_argument("--asks", type=int, default=30, help="warm asks per question (default 30)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a command is stopped")
    parser.add_argument("--skip", default="", help="comma-separated: cold, decide, who-can, availability, viz")
    parser.add_argument("--profile", nargs="?", const="all", default="",
                        help="profile each failing goal's command (cProfile); or only those named: "
                             "cold, decide, who-can, availability, viz")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    data = args.data.resolve()
    home = OUT / "ratios-home"
    OUT.mkdir(parents=True, exist_ok=True)
    failing: list[tuple[str, list[str]]] = []  # (goal name, regkg arguments) to profile
    load = os.getloadavg()
    say(f"regkg speed ratios (issue 19 §3) on {data}; {os.cpu_count()} cores, load average {load[0]:.1f}; "
        f"python {sys.version.split()[0]}")

    say("\n== build ==")
    from graph.store.build import current_dir

    build = None
    if "viz" in skip and current_dir(home) is not None:
        say(f"  reusing the build in {home.relative_to(REPO)} (viz skipped: no build time needed)")
    else:
        shutil.rmtree(home, ignore_errors=True)
        build = in_turns({"regkg build": regkg(data, home, "build")}, args.slow_repeat, args.timeout)["regkg build"]
        if build.runs[-1].code != 0:
            say(f"  build failed: {build.runs[-1].err.strip()}")
            return 1
        say(f"  {build}")
    env_home = ["--data", str(data), "--home", str(home)]
    questions = tour_questions()
    say(f"  the tour (README.md and docs/): {len(questions)} 'regkg check' questions on the whole data")

    cold_check = None
    if "cold" not in skip or {"availability"} - skip:
        say("\n== cold regkg check (fresh process) against python -c 'import rdflib' ==")
        compiled(["graph", "viz"])
        commands = {"import rdflib": [PY, "-c", "import rdflib"]}
        for i, q in enumerate(questions):
            commands[f"check {shlex.join(q)}"] = regkg(data, home, "check", *q)
        t = in_turns(commands, args.repeat, args.timeout)
        base = t.pop("import rdflib")
        say(f"  {base}")
        broken = {}
        for label, timing in t.items():
            failed = timing.failure(answers=True)  # check exits with its decision (0-3)
            if failed:
                broken[label] = failed
                say(f"  FAILED ({failed})  regkg {label}")
            else:
                say(f"  {timing.cpu:6.2f} s CPU {timing.wall:6.2f} s wall  {timing.cpu / base.cpu:5.1f}x  regkg {label}")
        timed = [x for label, x in t.items() if label not in broken]
        cold_check = statistics.median(x.cpu for x in timed)
        slowest = max(timed, key=lambda x: x.cpu)
        goal("cold check, median tour question <= 2x import rdflib", cold_check / base.cpu <= 2.0,
             f"{cold_check:.2f} s / {base.cpu:.2f} s = {cold_check / base.cpu:.1f}x (CPU)", "<= 2x")
        goal("cold check, slowest tour question <= 2x import rdflib", slowest.cpu / base.cpu <= 2.0,
             f"{slowest.cpu:.2f} s / {base.cpu:.2f} s = {slowest.cpu / base.cpu:.1f}x (regkg {slowest.label})", "<= 2x")
        if broken:
            goal("cold check, every tour question answers", False,
                 f"{len(broken)} of {len(t)} failed: " + "; ".join(f"regkg {k} ({v})" for k, v in broken.items()),
                 "no error")
        if slowest.cpu / base.cpu > 2.0:
            failing.append(("cold-check", [*env_home, *slowest.label.split(" ", 1)[0:1],
                                           *shlex.split(slowest.label.split(" ", 1)[1])]))

    if "decide" not in skip:
        say("\n== warm decide (in-process), every question of the tour ==")
        from graph.policy import index_projection
        from graph.policy.access import decide
        from graph.store.build import load_projection

        G = load_projection(home=home, data_dir=data, indexer=index_projection)
        worst_raw, worst_known = (0.0, ""), (0.0, "")
        say("  ms: the first ask in this process / the median of asks worked out again (answer memo dropped) / "
            f"the median of asks answered from the memo; {args.asks} asks each")
        say(f"  {'decide':>28}   {'Knowledge.decide (check)':>28}   question")
        asked = {}  # label -> (the raw ask, the knowledge's ask): to profile the slowest
        for q in questions:
            k, asset, on, who, ask = resolve_question(G, q)
            raw_fn = functools.partial(decide, k.graph, asset, on, who, **ask)
            known_fn = functools.partial(k.decide, G, asset, on, who, **ask)
            raw = warm_times(raw_fn, args.asks)
            known = warm_times(known_fn, args.asks)
            label = shlex.join(q)
            asked[label] = (raw_fn, known_fn)
            say("  " + " / ".join(f"{x * 1000:8.3f}" for x in raw) + "   "
                + " / ".join(f"{x * 1000:8.3f}" for x in known) + f"   {label}")
            worst_raw = max(worst_raw, (raw[1], label))
            worst_known = max(worst_known, (known[1], label))
        goal("warm decide <= 1 ms median, every tour question (answer worked out again)", worst_raw[0] <= 0.001,
             f"slowest {worst_raw[0] * 1000:.3f} ms ({worst_raw[1]})", "<= 1 ms")
        goal("warm Knowledge.decide (what check calls) <= 1 ms median, every tour question", worst_known[0] <= 0.001,
             f"slowest {worst_known[0] * 1000:.3f} ms ({worst_known[1]})", "<= 1 ms")
        # Profiled here, in this warm process, not later in a fresh one: see profile_warm.
        if wanted(args.profile, "decide"):
            for which, (seconds, label), pick in (("decide", worst_raw, 0), ("knowledge", worst_known, 1)):
                if seconds > 0.001:
                    say(f"\n  profile of warm {'Knowledge.' if pick else ''}decide, {label}:")
                    profile_warm(f"decide-{which}", asked[label][pick], min(args.asks, 10))

    if "who-can" not in skip:
        say("\n== regkg who-can against regkg check (same model and day; fresh processes) ==")
        for model, day in (("DeepSeek chatbot", "2025-03-01"), ("ChatGPT", "2023-04-15")):
            t = in_turns({"check": regkg(data, home, "check", model, "--on", day),
                          "who-can": regkg(data, home, "who-can", model, "--on", day)},
                         args.slow_repeat, args.timeout)
            say(f"  {t['check']}\n  {t['who-can']}")
            name = f"who-can {model} <= 3x check {model} ({day})"
            if ratio_goal(name, t["who-can"], t["check"], 3.0, args.timeout):
                failing.append((f"who-can-{model.split()[0].lower()}", [*env_home, "who-can", model, "--on", day]))

    if "availability" not in skip and cold_check is not None:
        say("\n== regkg availability against the median cold check of the tour ==")
        day = "2025-03-01"
        t = in_turns({"availability": regkg(data, home, "availability", "--on", day),
                      "check": regkg(data, home, "check", "DeepSeek chatbot", "--on", day)},
                     args.slow_repeat, args.timeout)
        say(f"  {t['availability']}\n  {t['check']} (for scale)")
        name = f"availability --on {day} <= 6x check (median tour question)"
        if ratio_goal(name, t["availability"], cold_check, 6.0, args.timeout):
            failing.append(("availability", [*env_home, "availability", "--on", day]))

    if "viz" not in skip:
        say("\n== regkg viz against regkg build ==")
        page = OUT / "ratios-viz.html"
        page.unlink(missing_ok=True)
        t = in_turns({"viz": regkg(data, home, "viz", "-o", str(page))}, args.slow_repeat, args.timeout)
        say(f"  {t['viz']}\n  {build}")
        name = "regkg viz <= 3x regkg build"
        written = page.exists() or t["viz"].timed_out or t["viz"].failure()
        size = f"page {page.stat().st_size / 2**20:.1f} MB" if page.exists() else "no page written"
        if not written:
            goal(name, False, f"the command wrote no page ({t['viz'].runs[-1].err.strip()[-300:]})", "<= 3x")
        elif ratio_goal(name, t["viz"], build, 3.0, args.timeout, size):
            failing.append(("viz", [*env_home, "viz", "-o", str(OUT / "ratios-viz-profiled.html")]))

    chosen = [(n, c) for n, c in failing if wanted(args.profile, n)]
    if chosen:
        say("\n== profiles of the failing goals ==")
        for name, cmd in chosen:
            profile(name, cmd, timeout=args.timeout)
    return scale.print_goals()


if __name__ == "__main__":
    sys.exit(main())
