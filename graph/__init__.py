"""regkg: a regulatory-event knowledge graph for AI models.

The public API, re-exported lazily so ``import graph`` stays cheap. In a notebook, start with the
facade (:mod:`graph.facade`), which takes the CLI's options one to one::

    import graph
    kg = graph.open()
    kg.check("DeepSeek", on="2025-03-01", employer="Iowa state government", device="work")

and go further down when needed::

    from graph import load_dataset, build, open_graph, project
    G = project(open_graph())

Data flows one way, through four layers, each importing only those below it (``pyproject.toml``
holds the contract; ``lint-imports`` checks it):

* :mod:`graph.data`: ``data/`` → pydantic records → RDF (the authoring format and its path to RDF);
* :mod:`graph.store`: the stored graph and its views (pyoxigraph store, build, networkx projection);
* :mod:`graph.policy`: who may do what, when (time rule, membership, decisions, ODRL);
* :mod:`graph.sparql` and :mod:`viz`: the SPARQL endpoint and the HTML browser, which do not know
  each other; :mod:`graph.cli` on top wires them together.

Old module paths (``graph.access``, ``graph.store.OxigraphStore``...) still answer, with a
``DeprecationWarning`` naming the new path (:mod:`graph._moved`).
"""

from __future__ import annotations

import importlib

from graph import _moved

_moved.install()

#: The package version (``pyproject.toml`` says the same; a test keeps them in step). Caches of
#: the projection and its indexes are keyed on it (:func:`graph.store.memo.code_key`).
__version__ = "0.1.0"

__all__ = [
    "open", "Graph", "explain", "Decision",
    "load_dataset", "build_graph", "build", "load_ntriples", "open_graph", "load_projection",
    "graph_from_data", "project",
    "validate_graph", "describe", "stats", "resolve", "OxigraphStore", "RdflibStore",
    "decide", "PartyAttributes", "who_can", "what_can", "availability", "timeline", "diff", "groups",
    "policies_in_force", "run_saved", "evaluate", "knowledge", "known_decide", "build_dataset", "source_documents",
    "RegkgError", "InputError", "NotFoundError", "QueryError",
]

_WHERE = {
    "load_dataset": "graph.data.loader", "build_graph": "graph.data.rdf_build", "build": "graph.store.build",
    "open_graph": "graph.store.build", "graph_from_data": "graph.store.build", "project": "graph.store.project",
    "load_ntriples": "graph.store.build", "load_projection": "graph.store.build",
    "validate_graph": "graph.data.validate", "describe": "graph.store.describe", "stats": "graph.store.describe",
    "resolve": "graph.store.names", "OxigraphStore": "graph.store.stores", "RdflibStore": "graph.store.stores",
    "decide": "graph.policy.access", "PartyAttributes": "graph.policy.access", "who_can": "graph.policy.audiences",
    "what_can": "graph.policy.audiences", "availability": "graph.policy.audiences", "timeline": "graph.policy.timeline",
    "diff": "graph.policy.timeline", "groups": "graph.policy.audiences", "policies_in_force": "graph.policy.state",
    "run_saved": "graph.sparql.queries", "evaluate": "graph.policy.odrl",
    "knowledge": "graph.policy.knowledge", "known_decide": "graph.policy.knowledge",
    "build_dataset": "graph.data.rdf_build", "source_documents": "graph.store.provenance",
    "RegkgError": "graph.errors", "InputError": "graph.errors", "NotFoundError": "graph.errors",
    "QueryError": "graph.errors", "Graph": "graph.facade", "open": "graph.facade", "explain": "graph.policy.access",
    "Decision": "graph.policy.access",
}



def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
