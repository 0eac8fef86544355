"""What changed for us: watchlists, audit reports, change feeds, and the impact of new records (issue 22).

A layer beside :mod:`graph.sparql` and :mod:`viz` (above the policy layer, below the CLI; it knows
neither of them). Every command of ``regkg watch``, ``report``, ``feed``, ``propose`` and
``compare`` is a thin wrapper over a function here, which a notebook can call as well::

    from graph.data.watchlist import load_watchlist
    from graph.store.build import load_projection
    from graph.watch.report import build_report
    from graph.watch.writers import render

    G = load_projection()
    report = build_report(G, load_watchlist("watchlist.yaml"), on="2025-04-01", since="2025-02-01")
    print(render(report, "md"))

* :mod:`graph.watch.questions`: a watchlist's questions (party × model × channel × action);
* :mod:`graph.watch.answers`: an answer as plain data, and its changes over a span of dates;
* :mod:`graph.watch.report` and :mod:`graph.watch.writers`: the audit report and its formats;
* :mod:`graph.watch.feeds`: the acts that change answers, as Atom 1.0 and JSON Feed 1.1, and the
  ``/feeds/`` app ``regkg serve`` mounts;
* :mod:`graph.watch.impact`: which answers new records (``propose``) or another revision of the
  data (``compare``) change.
"""
