"""The ODRL 2.2 action hierarchy, for the policy layer: :mod:`graph.data.actions` (the authoring
format checks actions against the same table, so it lives in the data layer)."""

from __future__ import annotations

from graph.data.actions import ACTION_NAMES, INCLUDED_IN, ancestors

__all__ = ["INCLUDED_IN", "ACTION_NAMES", "ancestors"]
