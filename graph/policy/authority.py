"""Authority: whose act can lift whose (*lex superior*).

Every policy has an assigner (``odrl:assigner``), and every organisation an authority rank
(``rkg:authorityRank``, a number: higher is more authority). Ranks are declared per organisation
kind in the ontology (``orgkind:government rkg:authorityRank 30``, see
:data:`graph.data.models.ORG_KIND_RANKS`) and copied onto each organisation by the build; an
organisation record may override its kind's rank with ``authority_rank``. The kinds: a national
government, a regulator and a ministry act under law at 30; a state or regional government at 20;
a company, publisher or media outlet at 10 (a provider that suspends access to comply with an
order acts at its own rank: the suspension is its act, not the government's).

The rule (:func:`can_lift`)
---------------------------
An act of agent ``A`` can lift (override, or end) a rule of agent ``B`` when ``A`` is ``B``, or
when both ranks are known and ``A``'s is the same or higher. An unknown rank (an assigner that is
not an organisation, or one without a rank) lifts nothing and is lifted by nothing, except acts of
the same agent.
"""

from __future__ import annotations

import dataclasses

import networkx as nx

__all__ = ["Authority", "authority_of", "can_lift"]


@dataclasses.dataclass(frozen=True)
class Authority:
    """Who acted, and at which rank (``None`` when unknown)."""

    agent: str | None
    rank: int | None


def authority_of(G: nx.MultiDiGraph, agent: str | None) -> Authority:
    """The :class:`Authority` of ``agent`` (a node of the projection), from its ``authority_rank``.

    >>> G = nx.MultiDiGraph(); G.add_node("gov", authority_rank=30)
    >>> authority_of(G, "gov"), authority_of(G, "nobody").rank
    (Authority(agent='gov', rank=30), None)
    """
    rank = G.nodes[agent].get("authority_rank") if agent is not None and agent in G else None
    return Authority(agent, int(rank) if isinstance(rank, (int, float)) else None)


def can_lift(lifter: Authority, lifted: Authority) -> bool:
    """Whether an act of ``lifter`` can lift a rule of ``lifted`` (the module's rule).

    >>> gov, lab, who = Authority("gov", 30), Authority("lab", 10), Authority("x", None)
    >>> can_lift(gov, lab), can_lift(lab, gov), can_lift(lab, lab), can_lift(who, lab), can_lift(who, who)
    (True, False, True, False, True)
    """
    if lifter.agent is not None and lifter.agent == lifted.agent:
        return True
    return lifter.rank is not None and lifted.rank is not None and lifter.rank >= lifted.rank
