"""A question as people ask it, by name, checked and resolved once: the one way the CLI, the
notebook facade (:mod:`graph.facade`) and the page turn words into what :func:`graph.policy.access.decide`
takes.

Names resolve by label or alias (:func:`graph.store.names.resolve`); a channel word such as "app"
or "website" is resolved among the asset's own channels. A party, an employer or a recipient the
graph does not know is taken as a name (described by the other facts); ``employer="none"`` is a
private person. Anything else unknown (a model, a group, a channel, an action, a place) is an
error naming the closest names.
"""

from __future__ import annotations

import re

import networkx as nx

from graph.errors import InputError, NotFoundError
from graph.policy.parties import PartyAttributes
from graph.store.names import resolve

__all__ = ["PARTY_KINDS", "EMPLOYER_KINDS", "party", "ask", "asset", "channel", "recipient", "employer"]

PARTY_KINDS = ("person", "company", "organization", "government", "group")
EMPLOYER_KINDS = ("company", "organization", "government", "group")


def party(G: nx.MultiDiGraph, party=None, member_of=(), employer=None, nationality=None, not_member_of=()) -> PartyAttributes:
    """Who is asking, resolved: ``employer`` is a name, several names (a second employer), or
    ``"none"`` (a private person)."""
    groups = [resolve(G, g, kinds=["group"], what="group") for g in member_of]
    who, name = None, None
    if party:
        try:
            who = resolve(G, party, kinds=PARTY_KINDS, what="party")
        except NotFoundError as exc:
            if "ambiguous" in str(exc):
                raise
            name = party.strip()  # a party the graph does not know: described by the other options
    if who and G.nodes[who].get("kind") == "group":
        who, groups = None, [who, *groups]
    if nationality and not re.fullmatch(r"[A-Za-z]{2}", nationality):
        raise InputError(f"nationality '{nationality}' is not a two-letter country code (ISO 3166, e.g. KR, US)")
    outside = tuple(dict.fromkeys(resolve(G, g, kinds=["group"], what="group") for g in not_member_of))
    employers = (employer,) if isinstance(employer, str) else tuple(employer or ())
    private = any(e.strip().casefold() == "none" for e in employers)
    if private and len(employers) > 1:
        raise InputError("employer 'none' says the party has no employer: give no other employer with it")
    found = tuple(dict.fromkeys(globals()["employer"](G, e) for e in employers if e.strip().casefold() != "none"))
    said = PartyAttributes(who, tuple(dict.fromkeys(groups)), found[0] if found else None,
                           nationality.upper() if nationality else None, name, outside, found[1:], private)
    _consistent(G, said)
    return said


def employer(G: nx.MultiDiGraph, name: str) -> str:
    """The employer's node, or, like a party, a name the graph does not know, taken as it is (part
    of nothing a rule names)."""
    try:
        return resolve(G, name, kinds=EMPLOYER_KINDS, what="employer")
    except NotFoundError as exc:
        if "ambiguous" in str(exc):
            raise
        return name.strip()


def _consistent(G: nx.MultiDiGraph, said: PartyAttributes) -> None:
    """A party cannot be said to be in a group and not in it."""
    from graph.policy.parties import facts_for

    inside = facts_for(G, said).closure & set(said.not_member_of)
    if inside:
        label = G.nodes[sorted(inside)[0]].get("label", "")
        raise InputError(f"the party is said not to be one of '{label}', but the other options make it one")


def ask(G: nx.MultiDiGraph, channel=None, place=None, action="use", recipient=None, strict=False, device=None,
        purpose=None, asset=None) -> dict:
    """The keyword arguments of :func:`graph.policy.access.decide` for the facts of the use."""
    from graph.data.actions import ACTION_NAMES

    if place and not re.fullmatch(r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?", place):
        raise InputError(f"place '{place}' is not an ISO 3166 code (a country, e.g. IT, or a subdivision, e.g. US-TX)")
    name = action.split(":", 1)[1] if action.startswith("odrl:") else action
    if name not in ACTION_NAMES:
        import difflib

        close = difflib.get_close_matches(name, ACTION_NAMES, n=5, cutoff=0.5)
        hint = f"; closest: {', '.join(close)}" if close else f"; known: {', '.join(ACTION_NAMES)}"
        raise InputError(f"unknown action '{action}' (an ODRL action){hint}")
    for value, allowed, what in ((device, ("work", "personal"), "device"), (purpose, ("work", "private"), "purpose")):
        if value is not None and value not in allowed:
            raise InputError(f"unknown {what} '{value}' (expected one of: {', '.join(allowed)})")
    return {"channel": globals()["channel"](G, channel, asset), "place": place.upper() if place else None,
            "action": "odrl:" + name, "recipient": recipient_of(G, recipient) if recipient else None, "strict": strict,
            "device": device, "purpose": purpose}


def recipient_of(G: nx.MultiDiGraph, name: str) -> str:
    """The recipient's node, or, like a party, a name the graph does not know, taken as it is: the
    party a compliance team asks about is usually not in any source."""
    try:
        return resolve(G, name, kinds=[*EMPLOYER_KINDS, "person"], what="recipient")
    except NotFoundError as exc:
        if "ambiguous" in str(exc):
            raise
        return name.strip()


recipient = recipient_of


def asset(G: nx.MultiDiGraph, name: str) -> str:
    """A model or a service, by name (a model's message keeps the word "model")."""
    from graph.policy.access import asset_kinds

    return resolve(G, name, kinds=asset_kinds, what="model")


def channel(G: nx.MultiDiGraph, name: str | None, within: str | None = None) -> str | None:
    """A channel by name; asked about an asset, a word like "app" or "website" is matched among the
    asset's own channels (:func:`graph.store.names.in_context`)."""
    return resolve(G, name, kinds=["channel", "service"], what="channel", within=within) if name else None
