"""The policy layer: who may do what, when, and why (the time rule, membership, decisions, ODRL).

May import the store and data layers, never the SPARQL endpoint, the browser or the CLI.
Entry points: :func:`graph.policy.access.decide`, :mod:`graph.policy.audiences` (``who_can``,
``what_can``, ``availability``, ``groups``), :mod:`graph.policy.timeline` (``timeline``, ``diff``),
:func:`graph.policy.odrl.evaluate`, and :func:`index_projection` for a build to keep its indexes.
"""

from __future__ import annotations

__all__ = ["index_projection", "INDEX_MODULES"]

#: The modules that build the indexes :func:`index_projection` keeps: a cache of them is used only
#: by the same code (:func:`graph.store.memo.code_key`).
INDEX_MODULES = ("policy/__init__.py", "policy/access.py", "policy/parties.py", "policy/state.py",
                 "policy/authority.py", "policy/constraints.py", "policy/applies.py")


def index_projection(G) -> None:
    """Build the indexes decisions read (rules, parties, event windows), to be kept with ``G``.

    Passed as ``indexer`` to :func:`graph.store.build.build` and
    :func:`graph.store.build.load_projection` by the commands that decide; ``index_projection.key()``
    says which code built them.
    """
    from graph.policy.access import access_index
    from graph.policy.applies import scope_index
    from graph.policy.parties import party_index
    from graph.policy.state import state_index

    access_index(G), party_index(G), state_index(G), scope_index(G)


def _index_key() -> str:
    from graph.store.memo import code_key

    return code_key(*INDEX_MODULES)


index_projection.key = _index_key
