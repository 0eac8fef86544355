"""Where regkg finds its data, ontology and built graph by default.

``REGKG_DATA`` and ``REGKG_HOME`` override the defaults: the ``data/`` directory of the checkout and
``build/`` beside it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["repo_root", "default_data_dir", "default_build_dir", "ontology_dir", "query_dir"]


def repo_root() -> Path:
    """The checkout regkg is installed from (the parent of the ``graph`` package)."""
    return Path(__file__).resolve().parent.parent


def default_data_dir() -> Path:
    """``$REGKG_DATA``, else the checkout's ``data/``."""
    return Path(os.environ.get("REGKG_DATA") or repo_root() / "data")


def default_build_dir() -> Path:
    """``$REGKG_HOME``, else the checkout's ``build/``: where ``regkg build`` keeps the graph."""
    return Path(os.environ.get("REGKG_HOME") or repo_root() / "build")


def ontology_dir() -> Path:
    """The Turtle files of the ontology and the SHACL shapes."""
    return repo_root() / "ontology"


def query_dir() -> Path:
    """The saved SPARQL query library (``*.rq``)."""
    return repo_root() / "ontology" / "queries"
