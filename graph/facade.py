"""regkg for notebooks: ``kg = graph.open()``, then ``kg.check(...)``, ``kg.who_can(...)``, ``kg.timeline(...)``
and ``kg.sparql(...)``, with the CLI's options one to one (as sqlite-utils' ``Database`` is to its CLI).

>>> import graph
>>> kg = graph.open()
>>> d = kg.check("Claude Mythos 5", on="2026-08-01", employer="Anthropic", nationality="KR")
>>> d.decision, d.evidence[0].label
('permit', 'foreign-national employees of Anthropic may use Mythos 5 without a separate export licence')
>>> sorted({row["then"] for row in kg.check("GPT-5.6", on="2026-08-01", party="Acme Corp").conditions})
['not_applicable', 'permit']
>>> int(kg.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?m a rkg:AIModel }").rows[0][0].value) > 0
True

Names are what a person types (labels and aliases, ignoring case, spaces and hyphens); a party or
an employer the graph does not know is taken as a name. ``place`` is the CLI's ``--in``. Every
method answers as known on ``known_on`` when given (the CLI's ``--known-on``). The methods are
thin: each resolves names once (:mod:`graph.policy.question`) and calls the documented function
of :mod:`graph.policy` that the CLI calls.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

__all__ = ["Graph", "open_graph", "open"]


class Graph:
    """A built regkg graph: its projection (for decisions) and its store (for SPARQL)."""

    def __init__(self, home: str | Path | None = None, data: str | Path | None = None):
        self.home = Path(home) if home else None
        self.data = Path(data) if data else None
        self._projection = None
        self._store = None

    def __repr__(self) -> str:
        return f"<regkg graph home={self.home or 'default'} data={self.data or 'default'}>"

    # -- what the methods stand on -------------------------------------------------------------------
    @property
    def projection(self):
        """The networkx projection decisions read (frozen: edit ``graph.store.memo.thaw(kg.projection)``)."""
        if self._projection is None:
            from graph.policy import index_projection
            from graph.store.build import load_projection

            self._projection = load_projection(self.home, self.data, indexer=index_projection)
        return self._projection

    @property
    def store(self):
        """The read-only store SPARQL runs on."""
        if self._store is None:
            from graph.store.build import open_graph as open_store

            self._store = open_store(self.home, self.data)
        return self._store

    def _knowledge(self, known_on):
        from graph.policy.knowledge import knowledge

        return knowledge(self.projection, known_on)

    def _question(self, model: str | None, party, member_of, not_member_of, employer, nationality, channel, place,
                  action, recipient, strict, device, purpose):
        from graph.policy import question

        G = self.projection
        asset = question.asset(G, model) if model else None
        who = question.party(G, party, tuple(_many(member_of)), employer, nationality, tuple(_many(not_member_of)))
        ask = question.ask(G, channel, place, action, recipient, strict, device, purpose, asset)
        return asset, who, ask

    # -- the CLI's commands --------------------------------------------------------------------------
    def check(self, model: str, on: str | dt.date, *, party: str | None = None, member_of=(), not_member_of=(),
              employer=None, nationality: str | None = None, channel: str | None = None, place: str | None = None,
              action: str = "use", recipient: str | None = None, device: str | None = None,
              purpose: str | None = None, strict: bool = False, known_on=None):
        """``regkg check MODEL --on ON ...``: a :class:`graph.policy.knowledge.KnownDecision`."""
        asset, who, ask = self._question(model, party, member_of, not_member_of, employer, nationality, channel,
                                         place, action, recipient, strict, device, purpose)
        k = self._knowledge(known_on)
        return k.decide(k.graph, asset, on, who, **ask)

    def explain(self, model: str, on: str | dt.date, **options) -> list[dict]:
        """``regkg check --explain``: the rules about ``model`` that cannot apply, each with why."""
        from graph.policy.access import explain

        asset, who, ask = self._question(model, options.get("party"), options.get("member_of", ()),
                                         options.get("not_member_of", ()), options.get("employer"),
                                         options.get("nationality"), options.get("channel"), options.get("place"),
                                         options.get("action", "use"), options.get("recipient"), False,
                                         options.get("device"), options.get("purpose"))
        return explain(self.projection, asset, on, who, ask["channel"], ask["action"], place=ask["place"],
                       recipient=ask["recipient"], device=ask["device"], purpose=ask["purpose"])

    def who_can(self, model: str, on: str | dt.date, *, known_on=None, **options) -> dict:
        """``regkg who-can MODEL --on ON``: decisions by outcome (permitted, denied, undetermined, not_applicable)."""
        from graph.policy.audiences import who_can

        asset, who, ask = self._options(model, options)
        k = self._knowledge(known_on)
        return who_can(k.graph, asset, on, who, decider=k.decide, **ask)

    def what_can(self, on: str | dt.date, *, known_on=None, **options) -> dict:
        """``regkg what-can --on ON ...``: the models and services by outcome for the party described."""
        from graph.policy.audiences import what_can

        _, who, ask = self._options(None, options)
        k = self._knowledge(known_on)
        return what_can(k.graph, who, on, decider=k.decide, **ask)

    def availability(self, on: str | dt.date, *, known_on=None, **options):
        """``regkg availability --on ON``: models × audiences."""
        from graph.policy.audiences import availability

        _, who, ask = self._options(None, options)
        k = self._knowledge(known_on)
        return availability(k.graph, on, who, decider=k.decide, **ask)

    def timeline(self, name: str | None = None, start=None, end=None, *, known_on=None) -> list:
        """``regkg timeline [NAME] [--from START] [--to END]``: events in order."""
        from graph.policy.timeline import timeline

        return timeline(self._knowledge(known_on).graph, name, start, end)

    def diff(self, start, end, *, known_on=None, **options) -> list:
        """``regkg diff --from START --to END``: what changed in who may use what."""
        from graph.policy.timeline import diff

        _, who, ask = self._options(None, options)
        k = self._knowledge(known_on)
        return diff(k.graph, start, end, who, decider=k.decide, **ask)

    def sparql(self, query: str, known_on=None):
        """``regkg sparql QUERY``: a result with ``columns`` and ``rows`` (regkg's prefixes predeclared),
        on the documents published by ``known_on`` when given."""
        if known_on is not None:
            from graph.policy.knowledge import dataset_known_on

            query, _ = dataset_known_on(self.store, query, known_on)
        return self.store.query(query)

    def _options(self, model, options: dict):
        unknown = set(options) - _OPTIONS
        if unknown:
            from graph.errors import InputError

            raise InputError(f"unknown option {sorted(unknown)[0]!r} (expected one of: {', '.join(sorted(_OPTIONS))})")
        return self._question(model, options.get("party"), options.get("member_of", ()),
                              options.get("not_member_of", ()), options.get("employer"), options.get("nationality"),
                              options.get("channel"), options.get("place"), options.get("action", "use"),
                              options.get("recipient"), options.get("strict", False), options.get("device"),
                              options.get("purpose"))


_OPTIONS = {"party", "member_of", "not_member_of", "employer", "nationality", "channel", "place", "action",
            "recipient", "strict", "device", "purpose"}


def _many(value) -> Iterable[str]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def open_graph(home: str | Path | None = None, data: str | Path | None = None) -> Graph:
    """The built graph of ``home`` (built from ``data`` when missing or stale): the CLI's ``--home`` and ``--data``."""
    return Graph(home, data)


#: ``graph.open()``: the facade's entry point, as ``sqlite_utils.Database`` is sqlite-utils'.
open = open_graph  # noqa: A001
