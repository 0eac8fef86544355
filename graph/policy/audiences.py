"""Who can access what: :func:`who_can`, :func:`what_can` and :func:`availability`.

Each asks :func:`graph.policy.access.decide` many times. An *audience* is the assignee of a rule
about the action asked (``use`` by default): a group such as "All Anthropic customers" or a named
party. An audience is asked about as "a member of that audience, and nothing more" (plus what the
caller adds: a nationality, a place, a channel, ...). A party in two audiences (a customer that is
also an approved institution) can get another answer: ask :func:`graph.policy.access.decide` with
both memberships. The models (and services) considered are those some such rule targets.

Every function takes the keyword arguments of :func:`graph.policy.access.decide` (``channel``,
``action``, ``place``, ``recipient``, ``strict``) and passes them on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.access import (
    DENY,
    INDETERMINATE,
    NOT_APPLICABLE,
    PERMIT,
    Decision,
    access_index,
    asset_kinds,
    candidate_rules,
    decide,
)
from graph.policy.parties import PartyAttributes, describe_constraint, party_index
from graph.policy.state import parse_date

__all__ = ["OUTCOMES", "Availability", "audiences", "models", "as_party", "label", "who_can", "what_can", "availability",
           "groups"]

#: Decision value -> the key it is listed under in the answers of this module.
OUTCOMES = {PERMIT: "permitted", DENY: "denied", INDETERMINATE: "undetermined", NOT_APPLICABLE: "not_applicable"}


def label(G: nx.MultiDiGraph, node: str) -> str:
    """The label of ``node`` (its IRI when it has none or is not in ``G``)."""
    return str(G.nodes[node].get("label", node)) if node in G else node


_label = label


def models(G: nx.MultiDiGraph, action: str = "odrl:use") -> list[str]:
    """The models (and services) some rule about ``action`` targets, by label."""
    targets = [t for t in access_index(G).by_target if G.nodes.get(t, {}).get("kind") in asset_kinds]
    return sorted((t for t in targets if candidate_rules(G, t, action)), key=lambda t: _label(G, t).casefold())


def audiences(G: nx.MultiDiGraph, model: str | None = None, action: str = "odrl:use") -> list[str]:
    """The assignees of the rules about ``action`` (on ``model`` when given), by label."""
    found = {r.assignee for m in ([model] if model else models(G, action))
             for r in candidate_rules(G, m, action) if r.assignee}
    return sorted(found, key=lambda a: _label(G, a).casefold())


def as_party(G: nx.MultiDiGraph, audience: str, base: PartyAttributes = PartyAttributes()) -> PartyAttributes:
    """A member of ``audience``, with what ``base`` adds (nationality, employer, other groups)."""
    if G.nodes.get(audience, {}).get("kind") == "group":
        return dataclasses.replace(base, member_of=tuple(dict.fromkeys((audience, *base.member_of))))
    return dataclasses.replace(base, party=audience, name=None)


def _grouped(decisions: list[Decision]) -> dict[str, list[Decision]]:
    out: dict[str, list[Decision]] = {key: [] for key in OUTCOMES.values()}
    for d in decisions:
        out[OUTCOMES[d.decision]].append(d)
    return out


def who_can(G: nx.MultiDiGraph, model: str, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
            *, decider=decide, **ask) -> dict[str, list[Decision]]:
    """Which audiences may use ``model`` on ``on``, each with its decision and evidence.

    ``decider`` makes each decision (``decide``'s signature): :mod:`graph.policy.knowledge` passes
    one that answers from the sources published by a date and weighs conflicting sources.

    Returns a dict with the keys ``permitted``, ``denied``, ``undetermined`` and
    ``not_applicable``; each lists :class:`graph.policy.access.Decision` objects whose ``party`` names
    the audience.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="GLM")
    >>> G.add_node("g", kind="group", label="Everyone")
    >>> G.add_node("e", kind="event", label="release", status="occurred", date_text="by July", latest="2026-07-31")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> G.add_node("r", kind="permission", label="anyone may use GLM")
    >>> for u, v, rel in (("p", "r", "odrl:permission"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> answer = who_can(G, "m", "2026-08-01")
    >>> [d.party["member_of"][0]["label"] for d in answer["permitted"]]
    ['Everyone']
    >>> [d.party["member_of"][0]["label"] for d in who_can(G, "m", "2026-07-01")["undetermined"]]
    ['Everyone']
    """
    on = parse_date(on)
    action = ask.get("action", "odrl:use")
    return _grouped([decider(G, model, on, as_party(G, a, party), **ask) for a in audiences(G, model, action)])


def what_can(G: nx.MultiDiGraph, party: PartyAttributes, on: str | dt.date,
             channel: str | None = None, *, decider=decide, **ask) -> dict[str, list[Decision]]:
    """Which models ``party`` may use on ``on`` (through ``channel``), grouped as in :func:`who_can`
    (``decider`` as there).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="Fable")
    >>> G.add_node("g", kind="group", label="Customers")
    >>> G.add_node("e", kind="event", label="suspension", status="occurred", date_text="mid-June",
    ...            earliest="2026-06-11", latest="2026-06-20")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> G.add_node("r", kind="prohibition", label="no customer may use Fable")
    >>> for u, v, rel in (("p", "r", "odrl:prohibition"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> [d.model["label"] for d in what_can(G, PartyAttributes(member_of=("g",)), "2026-06-25")["denied"]]
    ['Fable']
    """
    on = parse_date(on)
    return _grouped([decider(G, m, on, party, channel, **ask) for m in models(G, ask.get("action", "odrl:use"))])


@dataclasses.dataclass
class Availability:
    """Models × audiences on one date: ``cells[model][audience]`` is a :class:`Decision`."""

    on: dt.date
    models: list[dict]
    audiences: list[dict]
    cells: dict[str, dict[str, Decision]]

    def to_dict(self) -> dict:
        return {"on": self.on.isoformat(), "models": self.models, "audiences": self.audiences,
                "cells": [{"model": m, "audience": a, "decision": d.decision,
                           "evidence": [dataclasses.asdict(e) for e in d.evidence], "caveats": d.caveats,
                           "undetermined_by": d.undetermined_by, "missing": d.missing}
                          for m, row in self.cells.items() for a, d in row.items()]}


def availability(G: nx.MultiDiGraph, on: str | dt.date, party: PartyAttributes = PartyAttributes(),
                 *, decider=decide, **ask) -> Availability:
    """Every model some rule is about, against every audience some rule is given to (``decider`` as
    in :func:`who_can`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="GPT")
    >>> G.add_node("g", kind="group", label="Partners")
    >>> G.add_node("e", kind="event", label="preview", status="occurred", date_text="by July", latest="2026-07-31")
    >>> G.add_node("p", kind="policy", status="occurred")
    >>> G.add_node("r", kind="permission", label="partners may use GPT")
    >>> for u, v, rel in (("p", "r", "odrl:permission"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> availability(G, "2026-08-01").cells["m"]["g"].decision
    'permit'
    """
    on = parse_date(on)
    action = ask.get("action", "odrl:use")
    ms, auds = models(G, action), audiences(G, action=action)
    view = [{"iri": n, "label": _label(G, n)} for n in ms], [{"iri": a, "label": _label(G, a)} for a in auds]
    cells = {m: {a: decider(G, m, on, as_party(G, a, party), **ask) for a in auds} for m in ms}
    return Availability(on, view[0], view[1], cells)


def groups(G: nx.MultiDiGraph) -> list[dict]:
    """The groups (audiences) with ids, members where the source names them, and refinements.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("https://w3id.org/regkg/id/group/partners", kind="group", label="Preview partners",
    ...            description="a small number of partners; the report names none")
    >>> [(g["id"], g["members"], g["members_known"]) for g in groups(G)]
    [('partners', [], False)]
    """
    index = party_index(G)
    out = []
    for node, info in sorted(index.groups.items(), key=lambda kv: kv[1].label.casefold()):
        a = G.nodes[node]
        defined_by = [v for _, v, r in G.out_edges(node, data="relation") if r == "rkg:definedBy"]
        out.append({
            "id": node.rsplit("/", 1)[-1], "iri": node, "label": info.label, "aliases": list(a.get("aliases", [])),
            "description": a.get("description"), "members_text": a.get("members_text"),
            "members": [{"iri": m, "label": _label(G, m)} for m in sorted(info.members)],
            "members_known": bool(info.members) or bool(info.refinements) or info.universal,
            "everyone": info.universal,
            "refines": {"iri": info.refines, "label": _label(G, info.refines)} if info.refines else None,
            "refinements": [describe_constraint(G, c) for c in info.refinements],
            "defined_by": {"iri": defined_by[0], "label": _label(G, defined_by[0])} if defined_by else None,
        })
    return out
