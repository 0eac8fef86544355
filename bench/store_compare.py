"""Benchmark rdflib's in-memory store against pyoxigraph on every saved query, at several sizes.

    .venv/bin/python bench/store_compare.py                       # seed, ~100k and ~1M triples
    .venv/bin/python bench/store_compare.py --sizes seed,100k --cap 20

For each size it loads the same N-Triples into both stores, runs every saved query of
``ontology/queries`` (parameters at their defaults, bound once on the seed graph), and prints load
times, query times and the rdflib / pyoxigraph ratios measured in this one run. rdflib runs each
query in a forked child that is killed after ``--cap`` seconds, so one runaway join order cannot
stall the run; such a query is reported as "> cap". Answers are compared (order-free) wherever both
stores finished, and the verdict says whether the faster store may be the default: only if every
saved query gives identical answers on both.

The generated graphs are the seed graph copied until the size is reached, each copy's data IRIs
(``https://w3id.org/regkg/id/...``) and blank nodes renamed, ontology terms shared: the shape of
our data exactly, scaled. (``bench/generate.py`` writes a richer synthetic world for issue 6.)
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.store.build import graph_from_data  # noqa: E402
from graph.sparql.queries import bind_params, load_queries  # noqa: E402
from graph.store.stores import OxigraphStore, RdflibStore, canonical  # noqa: E402

__all__ = ["seed_ntriples", "scaled_ntriples", "main"]

DATA_IRI = "https://w3id.org/regkg/id/"


def seed_ntriples() -> bytes:
    """The seed graph (``data/``) as N-Triples."""
    _, graph = graph_from_data()
    return graph.serialize(format="nt", encoding="utf-8")


def scaled_ntriples(seed: bytes, triples: int) -> bytes:
    """``seed`` copied until about ``triples`` triples; copy 0 keeps the seed's own IRIs.

    >>> nt = b'<https://w3id.org/regkg/id/model/m> <urn:p> _:b .\\n'
    >>> scaled_ntriples(nt, 2).decode().splitlines()[1]
    '<https://w3id.org/regkg/id/model/m-c1> <urn:p> _:bc1 .'
    """
    base = list(ox.parse(seed, format=ox.RdfFormat.N_TRIPLES))
    copies = max(1, round(triples / len(base)))
    out = list(base)
    for k in range(1, copies):
        rename = lambda t: _renamed(t, k)  # noqa: E731
        out.extend(ox.Triple(rename(t.subject), t.predicate, rename(t.object)) for t in base)
    return ox.serialize(out, format=ox.RdfFormat.N_TRIPLES)


def _renamed(term, k: int):
    if isinstance(term, ox.NamedNode) and term.value.startswith(DATA_IRI):
        return ox.NamedNode(f"{term.value}-c{k}")
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"{term.value}c{k}")
    return term


def _timed(fn, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def run_oxigraph(nt: bytes, jobs: dict) -> tuple[float, dict]:
    store = OxigraphStore()
    load, _ = _timed(lambda: store.load(nt, "nt"))
    answers = {}
    for name, (text, bindings) in jobs.items():
        seconds, result = _timed(lambda: store.query(text, bindings), repeat=3)
        answers[name] = (seconds, canonical(result))
    return load, answers


def _rdflib_child(conn, graph, text, bindings) -> None:
    store = RdflibStore(graph)
    started = time.perf_counter()
    result = store.query(text, bindings)
    conn.send((time.perf_counter() - started, canonical(result)))


def run_rdflib(nt: bytes, jobs: dict, cap: float) -> tuple[float, dict]:
    """rdflib loads once; each query runs in a forked child (sharing the graph) killed at ``cap``."""
    store = RdflibStore()
    load, _ = _timed(lambda: store.load(nt, "nt"))
    store.query("ASK { ?s ?p ?o }")  # warm rdflib's parser once here, not in every child
    ctx = multiprocessing.get_context("fork")
    answers = {}
    for name, (text, bindings) in jobs.items():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_rdflib_child, args=(child, store.graph, text, bindings))
        proc.start()
        answers[name] = parent.recv() if parent.poll(cap) else None  # None: over the cap
        proc.kill()
        proc.join()
    return load, answers


def _fmt(seconds: float | None, cap: float) -> str:
    return f"> {cap:g} s" if seconds is None else f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def report(label: str, size: int, ox_run, rdf_run, cap: float) -> bool:
    """Print one size's table; True if every answer both stores gave is identical."""
    (ox_load, ox_answers), (rdf_load, rdf_answers) = ox_run, rdf_run
    print(f"\n## {label}: {size:,} triples")
    print(f"load            pyoxigraph {ox_load:.2f} s   rdflib {rdf_load:.2f} s   ratio {rdf_load / ox_load:.1f}x")
    print(f"{'query':<22} {'pyoxigraph':>11} {'rdflib':>11} {'ratio':>9}  same answer")
    ratios, identical = [], True
    for name, (ox_s, ox_answer) in ox_answers.items():
        rdf = rdf_answers[name]
        if rdf is None:
            ratio, same = f"> {cap / ox_s:.0f}x", "-"
        else:
            ratios.append(rdf[0] / ox_s)
            ratio, same = f"{rdf[0] / ox_s:.0f}x", "yes" if rdf[1] == ox_answer else "NO"
            identical &= rdf[1] == ox_answer
        print(f"{name:<22} {_fmt(ox_s, cap):>11} {_fmt(rdf and rdf[0], cap):>11} {ratio:>9}  {same}")
    over = sum(1 for a in rdf_answers.values() if a is None)
    if ratios:
        print(f"ratio rdflib/pyoxigraph: median {statistics.median(ratios):.0f}x, "
              f"min {min(ratios):.0f}x, max {max(ratios):.0f}x; {over} rdflib queries over the {cap:g} s cap")
    return identical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="seed,100k,1m", help="comma-separated: seed, 100k, 1m, 250000...")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds an rdflib query may run")
    args = parser.parse_args(argv)
    seed = seed_ntriples()
    seed_store = OxigraphStore()
    seed_store.load(seed, "nt")
    jobs = {name: (q.text, bind_params(q, {}, seed_store)) for name, q in load_queries().items()}
    verdicts = {}
    for label in args.sizes.split(","):
        target = 0 if label == "seed" else int(float(label.lower().rstrip("km")) *
                                                 {"k": 1e3, "m": 1e6}.get(label[-1].lower(), 1))
        nt = seed if target == 0 else scaled_ntriples(seed, target)
        size = nt.count(b"\n")
        ox_run = run_oxigraph(nt, jobs)
        rdf_run = run_rdflib(nt, jobs, args.cap)
        verdicts[label] = report(label, size, ox_run, rdf_run, args.cap)
    same = all(verdicts.values())
    print(f"\nidentical answers wherever both finished: {'yes' if same else 'NO'} ({', '.join(verdicts)})")
    print("verdict: pyoxigraph stays the default store" if same and verdicts.get("seed", True)
          else "verdict: answers differ; do not switch the default store")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
