"""regkg's HTML graph browser (rendered with pyvis's vis-network, working offline).

``render_html(G)`` turns the networkx projection into one self-contained page; it is re-exported
lazily so ``import viz.style`` stays free of Jinja.
"""

from __future__ import annotations

import importlib

__all__ = ["render_html", "page_data", "rule_states"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("viz.render"), name)
    raise AttributeError(f"module 'viz' has no attribute {name!r}")
