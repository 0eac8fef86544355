"""How authority, order and effect decide, in one world: :func:`combine`, the rule in one place.

A *world* fixes which rules are in force on the date asked about and when each current enactment
started (:mod:`graph.policy.state`). Among the rules that apply to the party (their audience
has the party, their constraints hold: :mod:`graph.policy.applies`):

1. **Who can lift whom** (:func:`lifts`). A permission can lift a prohibition when the
   permission's assigner is the prohibition's assigner or an authority above it (``parent`` of
   the assigner, transitively: a government lifts its ministry's ban); or when the prohibition's
   policy was made to comply with an act of the permission's assigner (``complies_with``: a
   provider's suspension made to comply with an export-control directive is lifted by that
   government's later licence). Nothing else: a government's permission never obliges a company
   to serve, a company's offer never lifts a government's ban, and one government's licence never
   lifts another's ban.
2. **Which act wins** (:func:`overrides`). A permission in force overrides a prohibition in force
   that it can lift when it started *strictly later* (*lex posterior*) or in the *same act* (the
   same event or source put both in force: an exemption written into the act that bans is the
   specific rule and wins for those it names, *lex specialis*).
3. **Combining** (:func:`combine`): ``deny`` if some prohibition in force is not overridden;
   otherwise ``permit`` if some permission is in force; otherwise ``not_applicable``.

The engine (:mod:`graph.policy.worlds`) searches the possible worlds without listing them, but
every comparison it makes between two rules is :func:`overrides`; ``tests/reference_decide.py``
lists the worlds and applies :func:`combine`-equivalent code it writes itself.
"""

from __future__ import annotations

from typing import Callable, Iterable, Protocol

__all__ = ["PERMIT", "DENY", "NOT_APPLICABLE", "INDETERMINATE", "Ruling", "lifts", "overrides", "combine"]

PERMIT, DENY, NOT_APPLICABLE, INDETERMINATE = "permit", "deny", "not_applicable", "indeterminate"


class Ruling(Protocol):
    """What :func:`combine` reads of a rule: its kind, its assigner, and who may lift it."""

    kind: str  # "permission" or "prohibition"
    assigner: str | None
    answers_to: frozenset  # agents whose permission lifts this rule (rule 1), the assigner included


def lifts(p: Ruling, q: Ruling) -> bool:
    """Rule 1: whether permission ``p`` can lift prohibition ``q``.

    >>> from types import SimpleNamespace as R
    >>> ban = R(kind="prohibition", assigner="moi", answers_to=frozenset({"moi", "gov"}))
    >>> [lifts(R(kind="permission", assigner=a, answers_to=frozenset()), ban) for a in ("moi", "gov", "lab", None)]
    [True, True, False, False]
    """
    return p.kind == "permission" and q.kind == "prohibition" and p.assigner is not None and p.assigner in q.answers_to


def overrides(p: Ruling, p_start: str, q: Ruling, q_start: str, before: Callable[[str, str], bool]) -> bool:
    """Rule 2: whether permission ``p`` (its enactment started by ``p_start``) overrides prohibition
    ``q`` (started by ``q_start``), given ``before(a, b)``: ``a`` surely came before ``b``.

    >>> from types import SimpleNamespace as R
    >>> ban = R(kind="prohibition", assigner="gov", answers_to=frozenset({"gov"}))
    >>> ok = R(kind="permission", assigner="gov", answers_to=frozenset({"gov"}))
    >>> order = lambda a, b: (a, b) == ("e1", "e2")
    >>> overrides(ok, "e2", ban, "e1", order), overrides(ok, "e1", ban, "e2", order), overrides(ok, "e1", ban, "e1", order)
    (True, False, True)
    """
    return lifts(p, q) and (p_start == q_start or before(q_start, p_start))


def combine(in_force: Iterable[tuple[Ruling, str]], before: Callable[[str, str], bool]) -> str:
    """Rule 3: the decision of one world, from the rules in force with the start of each.

    >>> from types import SimpleNamespace as R
    >>> ban = R(kind="prohibition", assigner="gov", answers_to=frozenset({"gov"}))
    >>> offer = R(kind="permission", assigner="lab", answers_to=frozenset({"lab"}))
    >>> licence = R(kind="permission", assigner="gov", answers_to=frozenset({"gov"}))
    >>> order = lambda a, b: a < b  # events e1, e2, e3 in that order
    >>> combine([(ban, "e1"), (offer, "e2")], order), combine([(ban, "e1"), (licence, "e2")], order)
    ('deny', 'permit')
    >>> combine([(offer, "e1")], order), combine([], order)
    ('permit', 'not_applicable')
    """
    rules = list(in_force)
    permissions = [(p, s) for p, s in rules if p.kind == "permission"]
    for q, q_start in rules:
        if q.kind == "prohibition" and not any(overrides(p, s, q, q_start, before) for p, s in permissions):
            return DENY
    return PERMIT if permissions else NOT_APPLICABLE
