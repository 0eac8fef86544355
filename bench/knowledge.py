"""What auditing costs: graph.policy.knowledge against the decide() it wraps, on one projection.

    .venv/bin/python bench/knowledge.py --size 1m

On the generated graph of ``bench/scale.py`` (the seed plus a seed-free world from
``bench/generate.py``, whose facts cite a few dozen synthetic reports with publication windows in
2025-2026), it prints, every figure measured in the same run:

* ``decide()``: the median time of an ask (the raw engine this module wraps);
* ``known_decide()`` without ``--known-on``: the median, and its ratio to ``decide()`` (the
  wrapper's support walk, conflict check and knowledge horizon);
* ``--known-on``: the seconds to build the view of the documents published by a date (once per
  projection and date), then the median ask on it and its ratio to ``decide()`` (two decisions
  when a document was perhaps published by then);
* the projection the views are cut from, for scale (seconds).

Goals (PASS/FAIL): without ``--known-on`` an answer costs at most 1.5x ``decide()`` plus 0.5 ms; a
``--known-on`` view at 1M triples is built in at most the projection's own time; an answer on a
built view costs at most 3x ``decide()`` plus 0.5 ms (it decides twice when a document is perhaps
out). Output goes to stdout; the data and the built graph stay in ``bench/out`` (git-ignored).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402 (bench/ is not a package)


def median_ms(fn, asks) -> float:
    times = []
    for ask in asks:
        started = time.perf_counter()
        fn(*ask)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def goal(name: str, ok: bool, figure: str, target: str) -> None:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {figure} (goal {target})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1m", help="triples to generate: 10k, 100k, 1m (default 1m)")
    parser.add_argument("--known-on", default="2026-01-15", help="the date of the knowledge asked about")
    args = parser.parse_args(argv)

    from graph.policy import index_projection
    from graph.policy.access import access_index, decide
    from graph.policy.knowledge import knowledge
    from graph.policy.parties import PartyAttributes
    from graph.store.build import current_dir, load_ntriples, load_projection
    from graph.store.project import project
    from graph.store.stores import OxigraphStore

    nt = scale.dataset(args.size)
    home = scale.OUT / f"knowledge-{args.size}-home"
    built = current_dir(home)
    if built is None or (built / "manifest.json").stat().st_mtime < nt.stat().st_mtime:
        load_ntriples(nt, home)
        built = current_dir(home)
    started = time.perf_counter()
    project(OxigraphStore(built / "store", read_only=True), cache=False)
    projecting = time.perf_counter() - started
    G = load_projection(home=home, rebuild=False, indexer=index_projection)
    print(f"{args.size}: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges; projected in {projecting:.2f} s")

    index = access_index(G)
    models = sorted(index.by_target)
    asks = []
    for m in models[:: max(1, len(models) // 40)]:
        groups = sorted({r.assignee for r in index.by_target[m] if r.assignee and G.nodes[r.assignee].get("kind") == "group"})
        asks += [(m, day, PartyAttributes(member_of=tuple(groups[:2]))) for day in ("2025-06-01", "2026-03-01")]
    decide(G, *asks[0])  # warm: the indexes are the projection's, not the first ask's

    raw = median_ms(lambda m, d, p: decide(G, m, d, p), asks)
    k = knowledge(G)
    wrapped = median_ms(lambda m, d, p: k.decide(G, m, d, p), asks)
    print(f"  decide(): median {raw:.3f} ms over {len(asks)} asks")
    print(f"  known_decide() without --known-on: median {wrapped:.3f} ms ({wrapped / raw:.2f}x decide)")

    started = time.perf_counter()
    then = knowledge(G, args.known_on)
    _ = then.graph  # the view of the documents published by then, built once
    then.decide(G, *asks[0])
    viewing = time.perf_counter() - started
    p = then.publication
    print(f"  --known-on {args.known_on}: {len(p.published)} documents published, {len(p.perhaps)} perhaps, "
          f"{len(p.later)} later; views built in {viewing:.2f} s ({viewing / projecting:.2f}x the projection)")
    on_view = median_ms(lambda m, d, party: then.decide(G, m, d, party), asks)
    print(f"  known_decide() with --known-on, views built: median {on_view:.3f} ms ({on_view / raw:.2f}x decide)")

    goal("an answer without --known-on", wrapped <= 1.5 * raw + 0.5, f"{wrapped:.3f} ms", f"<= 1.5x decide + 0.5 ms = {1.5 * raw + 0.5:.3f} ms")
    if args.size == "1m":
        goal("--known-on views at 1M", viewing <= projecting, f"{viewing:.2f} s", f"<= the projection, {projecting:.2f} s")
    goal("an answer on built --known-on views", on_view <= 3 * raw + 0.5, f"{on_view:.3f} ms", f"<= 3x decide + 0.5 ms = {3 * raw + 0.5:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
