"""What watchlists cost (issue 22): a report for 20 parties × 20 models, and ``propose`` of one event,
each against its yardstick, measured in the same run on the whole data.

    .venv/bin/python bench/reports.py

Prints, for each command run as a user runs it (a fresh ``regkg`` process; CPU seconds of the
process, the figure that holds on a shared machine, and wall seconds beside it):

* ``regkg build`` of ``data/`` into a scratch home, and one cold ``regkg check`` (the median of 3);
* ``regkg report --watchlist W --on 2025-06-30`` for a watchlist of 20 parties (places, employers,
  devices and purposes of every kind, four of them with the employer left open) × 20 models and
  services (the first 20 of the graph by id): goal at most 20× one ``check``;
* the same report with ``--since 2025-01-01`` (every change of every answer in the half-year,
  with its acts): printed against the same goal;
* ``regkg propose`` of one event (a ban in Korea, with its policy and its page): goal at most 2×
  one ``build``.

Each goal prints PASS or FAIL. Nothing is written outside a scratch directory.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGKG = [str(Path(sys.executable).with_name("regkg"))] if Path(sys.executable).with_name("regkg").exists() \
    else [sys.executable, "-m", "graph"]

PLACES = ["KR", "US", "US-TX", "US-IA", "IT", "AU", "AU-QLD", "CZ", "TW", "IN", "JP", "FR", "DE", "NL", "BE", "TR",
          "CN", "GB", "CA", "KR"]
EMPLOYERS = ["Acme", "none", None, "kr-mofa", "Acme", "iowa", None, "Acme", "none", "Acme"]

PROPOSAL = """\
recorded: 2026-12-07
sources:
  - id: bench-kr-ban-page
    title: A page written for the benchmark (not a source)
    publisher: pipc
    kind: web-page
    language: en
    date: {text: 1 March 2025, earliest: 2025-03-01, latest: 2025-03-01, precision: day}
    url: https://example.org/bench-kr-ban
policies:
  - id: bench-kr-deepseek-ban
    label: The PIPC bars everyone in Korea from DeepSeek (benchmark)
    assigner: pipc
    status: reported
    prohibitions:
      - id: bench-no-deepseek-in-kr
        target: [deepseek-service]
        assignee: everyone
        quote: {text: "no one in Korea may use DeepSeek", source: "bench-kr-ban-page#page"}
        constraints:
          - {left: spatial, operator: eq, right: KR, quote: {text: "in Korea", source: "bench-kr-ban-page#page"}}
    sources: ["bench-kr-ban-page#page"]
events:
  - id: bench-kr-deepseek-ban-2025
    label: The PIPC bars DeepSeek in Korea (benchmark)
    type: access-ban
    actor: pipc
    affects: [deepseek-service]
    when: {text: 1 March 2025, earliest: 2025-03-01, latest: 2025-03-01, precision: day,
           quote: {text: "from 1 March 2025", source: "bench-kr-ban-page#page"}}
    status: reported
    enacts: [bench-kr-deepseek-ban]
    sources: ["bench-kr-ban-page#page"]
"""


def run(args: list[str], env: dict, ok=(0,)) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one ``regkg`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*REGKG, *args], cwd=REPO, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in ok:
        raise SystemExit(f"regkg {' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def watchlist(path: Path, home: Path, data: Path) -> None:
    import yaml

    sys.path.insert(0, str(REPO))
    from graph.policy import index_projection
    from graph.store.build import load_projection

    G = load_projection(home=home, data_dir=data, indexer=index_projection)
    assets = sorted(n for n, a in G.nodes(data=True) if a.get("kind") in ("model", "service"))[:20]
    parties = []
    for i, place in enumerate(PLACES):
        p = {"id": f"p{i}", "place": place, "nationality": place[:2]}
        if EMPLOYERS[i % len(EMPLOYERS)]:
            p["employer"] = EMPLOYERS[i % len(EMPLOYERS)]
        if i % 3 == 0:
            p["device"] = "work"
        if i % 4 == 1:
            p["purpose"] = "private"
        parties.append(p)
    path.write_text(yaml.safe_dump({"title": "bench", "parties": parties,
                                    "models": [a.rsplit("/", 1)[-1] for a in assets]}, sort_keys=False))


def goal(name: str, figure: float, base: float, bound: float) -> bool:
    ratio = figure / base
    ok = ratio <= bound
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {ratio:.1f}x (goal at most {bound:g}x)")
    return ok


def main() -> int:
    scratch = Path(tempfile.mkdtemp(prefix="regkg-bench-reports-"))
    data, home = REPO / "data", scratch / "home"
    env = {**os.environ, "REGKG_HOME": str(home), "REGKG_DATA": str(data)}
    print("regkg reports and propose on the whole data (CPU s; wall s)")
    build = run(["build"], env)
    print(f"  build                              {build[0]:7.2f}  {build[1]:7.2f}")
    checks = [run(["check", "DeepSeek", "--on", "2025-03-01", "--in", "KR"], env, ok=(0, 1, 3, 4)) for _ in range(3)]
    check = (statistics.median(c[0] for c in checks), statistics.median(c[1] for c in checks))
    print(f"  check (median of 3)                {check[0]:7.2f}  {check[1]:7.2f}")
    wl = scratch / "watchlist.yaml"
    watchlist(wl, home, data)
    report = run(["report", "--watchlist", str(wl), "--on", "2025-06-30", "--format", "json", "-o",
                  str(scratch / "r.json")], env)
    print(f"  report 20 x 20 on a date           {report[0]:7.2f}  {report[1]:7.2f}")
    since = run(["report", "--watchlist", str(wl), "--on", "2025-06-30", "--since", "2025-01-01", "--format", "json",
                 "-o", str(scratch / "r2.json")], env)
    print(f"  report 20 x 20, changes since      {since[0]:7.2f}  {since[1]:7.2f}")
    (scratch / "event.yaml").write_text(PROPOSAL)
    propose = run(["propose", str(scratch / "event.yaml")], env, ok=(0, 1))
    print(f"  propose one event                  {propose[0]:7.2f}  {propose[1]:7.2f}")
    print("goals (ratios of CPU seconds measured above):")
    results = [goal("report 20 x 20 / check", report[0], check[0], 20),
               goal("report 20 x 20 with --since / check", since[0], check[0], 20),
               goal("propose one event / build", propose[0], build[0], 2)]
    import shutil

    shutil.rmtree(scratch, ignore_errors=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
