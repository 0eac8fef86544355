"""Old module paths, kept answering for one release: ``from graph.access import decide`` still works.

Modules moved into the layer subpackages (``graph.data``, ``graph.store``, ``graph.policy``,
``graph.sparql``) when the layout of issue 14 landed. An import of an old path gets a stand-in
module that forwards every attribute to the new one and warns (``DeprecationWarning``) with the
new path; ``graph.store`` and ``graph.sparql`` were modules and are now packages, so their old
names are forwarded by the packages themselves (:func:`forward`). Nothing in regkg imports an
old path; remove this module in the release after next.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
import warnings

__all__ = ["MOVED", "ELSEWHERE", "OLD_STORE", "OLD_SPARQL", "install", "forward"]

#: Old module path -> new module path.
MOVED = {
    **{f"graph.{m}": f"graph.data.{m}" for m in ("models", "loader", "rdf_build", "validate", "vocab", "iris", "paths")},
    **{f"graph.{m}": f"graph.store.{m}" for m in ("build", "project", "names", "describe", "export", "remote")},
    **{f"graph.{m}": f"graph.policy.{m}" for m in ("odrl", "odrl_operators", "odrl_actions", "odrl_suite",
                                                    "parties", "state", "access", "audiences", "timeline")},
    **{f"graph.{m}": f"graph.sparql.{m}" for m in ("queries", "pool", "http", "http_page")},
}

#: Names that left their old module for another one than the module's new home.
ELSEWHERE = {
    "graph.state": {n: "graph.store.memo" for n in ("cached", "clear_cache", "built_indexes", "adopt_indexes")},
    "graph.timeline": {"groups": "graph.policy.audiences"},
    "graph.pool": {"syntax_message": "graph.store.querytext"},
}
#: The old modules ``graph.store`` and ``graph.sparql``, now packages: name -> new module.
OLD_STORE = {n: "graph.store.stores" for n in (
    "results_from_json", "QueryResult", "Store", "OxigraphStore", "RdflibStore", "RDF_FORMATS", "RESULT_FORMATS",
    "PREFIX_IRIS", "to_ox", "from_ox", "converter", "canonical")}
OLD_SPARQL = {
    **{n: "graph.store.querytext" for n in ("Checked", "check_query", "UpdateRefused", "leading_values")},
    **{n: "graph.sparql.formats" for n in ("NotAcceptable", "parse_accept", "negotiate", "RESULT_TYPES",
                                            "GRAPH_TYPES", "FORMAT_NAMES", "media_type_for", "make_job",
                                            "run_local", "render_table", "compact")},
}


def _warn(old: str, new: str, name: str) -> None:
    warnings.warn(f"{old}.{name} has moved: import it from {new} (the old path goes in the next release)",
                  DeprecationWarning, stacklevel=3)


class _Forwarding(types.ModuleType):
    """A stand-in for a moved module: attributes come from the new module, with a warning."""

    def __init__(self, old: str, new: str):
        super().__init__(old, f"moved to {new}")
        self.__dict__["_new"] = new

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        new = ELSEWHERE.get(self.__name__, {}).get(name, self.__dict__["_new"])
        _warn(self.__name__, new, name)
        return getattr(importlib.import_module(new), name)


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        return _Forwarding(spec.name, MOVED[spec.name])

    def exec_module(self, module) -> None:
        pass


def install() -> None:
    """Answer imports of the old paths (called once by ``graph/__init__.py``)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())


def forward(package: str, names: dict[str, str]):
    """A module ``__getattr__`` for ``package`` that forwards old ``names`` (name -> new module).

    >>> getattr_ = forward("graph.sparql", {"check_query": "graph.store.querytext"})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as seen:
    ...     warnings.simplefilter("always")
    ...     getattr_("check_query").__module__, str(seen[0].message)[:40]
    ('graph.store.querytext', 'graph.sparql.check_query has moved: impo')
    """
    def __getattr__(name: str):
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        _warn(package, names[name], name)
        return getattr(importlib.import_module(names[name]), name)

    return __getattr__
