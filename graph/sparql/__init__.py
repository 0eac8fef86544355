"""The SPARQL layer: the saved-query library, the worker pool and the SPARQL 1.1 endpoint.

May import the policy, store and data layers, never :mod:`viz` or the CLI. Entry points:
:func:`graph.sparql.queries.run_saved`, :func:`graph.sparql.http.create_app`,
:class:`graph.sparql.pool.QueryPool`, :func:`graph.sparql.formats.negotiate`.
"""

from graph._moved import OLD_SPARQL as _OLD
from graph._moved import forward as _forward

# `graph.sparql` was a module; its names answer here for one release, with a DeprecationWarning.
__getattr__ = _forward(__name__, _OLD)
