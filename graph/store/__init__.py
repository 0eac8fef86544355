"""The store layer: the stored graph and its views (pyoxigraph store, build, networkx projection).

May import the data layer only. Entry points: :func:`graph.store.build.build`, :func:`~graph.store.build.open_graph`
and :func:`~graph.store.build.load_projection`, :class:`graph.store.stores.OxigraphStore`,
:func:`graph.store.project.project`, :func:`graph.store.names.resolve`, :mod:`graph.store.querytext`
(the query guard and parameter binding every store uses), :mod:`graph.store.remote` (external stores).
"""

from graph._moved import OLD_STORE as _OLD
from graph._moved import forward as _forward

# `graph.store` was a module; its names answer here for one release, with a DeprecationWarning.
__getattr__ = _forward(__name__, _OLD)
