"""regkg: a regulatory-event knowledge graph for AI models.

The public API, re-exported lazily so ``import graph`` stays cheap::

    from graph import load_dataset, build, open_graph, project
    G = project(open_graph())

Data flows one way: ``data/`` → :mod:`graph.loader` (pydantic records) → :mod:`graph.rdf_build`
(RDF) → :mod:`graph.store` (one interface, pyoxigraph by default) → :mod:`graph.project`
(networkx) → answers (:mod:`graph.cli`, HTTP, HTML).
"""

from __future__ import annotations

import importlib

__all__ = [
    "load_dataset", "build_graph", "build", "load_ntriples", "open_graph", "load_projection",
    "graph_from_data", "project",
    "validate_graph", "describe", "stats", "resolve", "OxigraphStore", "RdflibStore",
    "decide", "PartyAttributes", "who_can", "what_can", "availability", "timeline", "diff", "groups",
    "policies_in_force", "run_saved", "evaluate",
    "RegkgError", "InputError", "NotFoundError", "QueryError",
]

_WHERE = {
    "load_dataset": "graph.loader", "build_graph": "graph.rdf_build", "build": "graph.build",
    "open_graph": "graph.build", "graph_from_data": "graph.build", "project": "graph.project",
    "load_ntriples": "graph.build", "load_projection": "graph.build",
    "validate_graph": "graph.validate", "describe": "graph.describe", "stats": "graph.describe",
    "resolve": "graph.names", "OxigraphStore": "graph.store", "RdflibStore": "graph.store",
    "decide": "graph.access", "PartyAttributes": "graph.access", "who_can": "graph.audiences",
    "what_can": "graph.audiences", "availability": "graph.audiences", "timeline": "graph.timeline",
    "diff": "graph.timeline", "groups": "graph.timeline", "policies_in_force": "graph.state",
    "run_saved": "graph.queries", "evaluate": "graph.odrl",
    "RegkgError": "graph.errors", "InputError": "graph.errors", "NotFoundError": "graph.errors",
    "QueryError": "graph.errors",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
