"""Where regkg finds its data, ontology and built graph by default.

Run from a checkout (``make``, ``pip install -e .``), everything is in the checkout: ``data/``,
``ontology/`` and ``build/``. Installed from a wheel (``pip install .``), the ontology, the saved
queries and the curated data set are under ``<prefix>/share/regkg`` (``pyproject.toml`` puts them
there) and the built graph goes to ``$XDG_CACHE_HOME/regkg`` (``~/.cache/regkg``): never into
site-packages. ``REGKG_DATA`` and ``REGKG_HOME`` override the data directory and the build home.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

__all__ = ["repo_root", "resource_root", "default_data_dir", "default_build_dir", "ontology_dir", "query_dir"]


def repo_root() -> Path:
    """The directory above the ``graph`` package: the checkout, when regkg runs from one."""
    return Path(__file__).resolve().parents[2]


def _has_ontology(root: Path) -> bool:
    return (root / "ontology" / "regkg.ttl").is_file()


@functools.cache
def resource_root() -> Path:
    """Where ``ontology/`` and ``data/`` are: the checkout, else the installed ``share/regkg``.

    >>> (resource_root() / "ontology" / "regkg.ttl").is_file()
    True
    """
    if _has_ontology(repo_root()):
        return repo_root()
    for share in _installed_shares():
        if _has_ontology(share):
            return share
    return repo_root()  # nothing installed either: messages then name the paths that are missing


def _installed_shares() -> list[Path]:
    """``share/regkg`` under each place a wheel's data files may have gone (environment, user)."""
    import sysconfig  # only an installed regkg gets here: a checkout's start-up does not pay for it

    places = [sys.prefix]
    for scheme in (None, f"{os.name}_user"):
        try:
            places.append(sysconfig.get_path("data", scheme))
        except KeyError:  # a platform without a user scheme
            continue
    return [Path(place) / "share" / "regkg" for place in dict.fromkeys(places)]


def default_data_dir() -> Path:
    """``$REGKG_DATA``, else the curated data set (the checkout's ``data/``)."""
    return Path(os.environ.get("REGKG_DATA") or resource_root() / "data")


def default_build_dir() -> Path:
    """``$REGKG_HOME``, else where ``regkg build`` keeps the graph: the checkout's ``build/``, or
    ``$XDG_CACHE_HOME/regkg`` for an installed regkg (a built graph can always be built again)."""
    if os.environ.get("REGKG_HOME"):
        return Path(os.environ["REGKG_HOME"])
    if resource_root() == repo_root():
        return repo_root() / "build"
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "regkg"


def ontology_dir() -> Path:
    """The Turtle files of the ontology and the SHACL shapes."""
    return resource_root() / "ontology"


def query_dir() -> Path:
    """The saved SPARQL query library (``*.rq``)."""
    return resource_root() / "ontology" / "queries"
