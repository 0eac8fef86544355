"""The policy layer: who may do what, when, and why (the time rule, membership, decisions, ODRL).

May import the store and data layers, never the SPARQL endpoint, the browser or the CLI.
Entry points: :func:`graph.policy.access.decide`, :mod:`graph.policy.audiences` (``who_can``,
``what_can``, ``availability``, ``groups``), :mod:`graph.policy.timeline` (``timeline``, ``diff``),
:func:`graph.policy.odrl.evaluate`, and :func:`index_projection` for a build to keep its indexes.
"""

from __future__ import annotations

__all__ = ["index_projection"]


def index_projection(G) -> None:
    """Build the indexes decisions read (rules, parties, event windows), to be kept with ``G``.

    Passed as ``indexer`` to :func:`graph.store.build.build` and
    :func:`graph.store.build.load_projection` by the commands that decide.
    """
    from graph.policy.access import access_index
    from graph.policy.parties import party_index
    from graph.policy.state import state_index

    access_index(G), party_index(G), state_index(G)
