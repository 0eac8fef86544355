"""A watchlist's questions: each party × model × channel × action, resolved against a graph.

:func:`questions` turns a :class:`graph.data.watchlist.LoadedWatchlist` into :class:`Ask` items,
each the arguments of one :func:`graph.policy.access.decide` call. Names resolve as ``regkg
check`` resolves its options (:func:`graph.store.names.resolve`): a party or an employer the graph
does not know is taken as a name; an unknown model, group or channel is an error naming the
watchlist's file and line, with the closest names. :func:`audience_questions` asks the same of
every audience the rules name (what ``regkg feed --model`` and ``regkg propose`` ask).
"""

from __future__ import annotations

import dataclasses

import networkx as nx

from graph.data.watchlist import ANY_CHANNEL, LoadedWatchlist
from graph.errors import InputError, NotFoundError
from graph.policy.access import asset_kinds
from graph.policy.audiences import as_party
from graph.policy.parties import PartyAttributes, facts_for
from graph.store.names import resolve

__all__ = ["Ask", "questions", "audience_questions", "party_attributes", "resolve_asset", "resolve_channel"]

PARTY_KINDS = ("person", "company", "organization", "government", "group")
EMPLOYER_KINDS = ("company", "organization", "government", "group")


@dataclasses.dataclass(frozen=True)
class Ask:
    """One question: who (``party``, described), about what (``asset``), how (``channel``,
    ``action``), where and on what device and for what purpose."""

    party_id: str
    party_label: str
    party: PartyAttributes
    asset: str
    channel: str | None = None
    action: str = "odrl:use"
    place: str | None = None
    device: str | None = None
    purpose: str | None = None

    def options(self) -> dict:
        """The keyword arguments of :func:`graph.policy.access.decide` after ``channel``."""
        return {"action": self.action, "place": self.place, "device": self.device, "purpose": self.purpose}

    @property
    def key(self) -> tuple:
        return (self.party_id, self.asset, self.channel or "", self.action)


def _resolve(G, name: str, kinds, what: str, within: str | None = None) -> str:
    return resolve(G, name, kinds=kinds, what=what, within=within)


def party_attributes(G: nx.MultiDiGraph, party: str | None = None, member_of=(), employer=(), nationality=None,
                     not_member_of=()) -> PartyAttributes:
    """A party as ``regkg check``'s options describe it (names resolved; an unknown party or employer
    is kept as a name; ``employer`` ``"none"``: a private person).

    Raises :class:`graph.errors.NotFoundError` for an unknown or ambiguous group, and an ambiguous
    party or employer; :class:`graph.errors.InputError` for a party said to be in a group and not."""
    groups = [_resolve(G, g, ["group"], "group") for g in member_of]
    who, name = None, None
    if party:
        try:
            who = _resolve(G, party, PARTY_KINDS, "party")
        except NotFoundError as exc:
            if "ambiguous" in str(exc):
                raise
            name = party.strip()
    if who and G.nodes[who].get("kind") == "group":
        who, groups = None, [who, *groups]
    outside = tuple(dict.fromkeys(_resolve(G, g, ["group"], "group") for g in not_member_of))
    employers = (employer,) if isinstance(employer, str) else tuple(employer or ())
    private = any(e.strip().casefold() == "none" for e in employers)
    found = tuple(dict.fromkeys(_employer(G, e) for e in employers if e.strip().casefold() != "none"))
    said = PartyAttributes(who, tuple(dict.fromkeys(groups)), found[0] if found else None,
                           nationality.upper() if nationality else None, name, outside, found[1:], private)
    inside = facts_for(G, said).closure & set(said.not_member_of)
    if inside:
        label = G.nodes[sorted(inside)[0]].get("label", "")
        raise InputError(f"the party is said not to be one of '{label}', but the rest of its description makes it one")
    return said


def _employer(G, name: str) -> str:
    try:
        return _resolve(G, name, EMPLOYER_KINDS, "employer")
    except NotFoundError as exc:
        if "ambiguous" in str(exc):
            raise
        return name.strip()


def resolve_asset(G: nx.MultiDiGraph, name: str) -> str:
    """A model or service by name, alias or id."""
    return _resolve(G, name, asset_kinds, "model")


def resolve_channel(G: nx.MultiDiGraph, name: str, asset: str) -> str | None:
    """A channel by name, a word such as ``app`` matched among ``asset``'s own; ``any``: none."""
    if name.strip().casefold() == ANY_CHANNEL:
        return None
    return _resolve(G, name, ["channel", "service"], "channel", within=asset)


def questions(G: nx.MultiDiGraph, loaded: LoadedWatchlist) -> list[Ask]:
    """Every question of a watchlist, in its order: parties, then models, channels and actions.

    Raises
    ------
    graph.errors.InputError
        A name that resolves to nothing (or to several things), with the watchlist's file and line.
    """
    w = loaded.watchlist
    assets = []
    for i, m in enumerate(w.models):
        try:
            asset = resolve_asset(G, m.model)
        except NotFoundError as exc:
            raise loaded.error(("models", i, "model") if m.channels or m.actions else ("models", i), exc.message) from None
        channels = []
        own = bool(m.channels)
        for j, c in enumerate(w.channels_of(m)):
            try:
                channels.append(resolve_channel(G, c, asset))
            except NotFoundError as exc:
                raise loaded.error(("models", i, "channels", j) if own else ("channels", j),
                                   f"{exc.message} (asked about {G.nodes[asset].get('label', asset)})") from None
        assets.append((asset, list(dict.fromkeys(channels)), w.actions_of(m)))
    out = []
    for i, p in enumerate(w.parties):
        try:
            attrs = party_attributes(G, p.party, p.member_of, p.employers, p.nationality, p.not_member_of)
        except (NotFoundError, InputError) as exc:
            raise loaded.error(("parties", i), exc.message) from None
        for asset, channels, actions in assets:
            for channel in channels:
                for action in actions:
                    out.append(Ask(p.id, p.name, attrs, asset, channel, "odrl:" + action, p.place, p.device, p.purpose))
    return list({q.key: q for q in out}.values())


def audience_questions(G: nx.MultiDiGraph, assets: list[str], audiences: list[str], places=(None,),
                       action: str = "odrl:use") -> list[Ask]:
    """Each audience (a group or a party: a member of it, as ``who-can`` asks) about each asset, in
    each place (``None``: the place left open)."""
    out = []
    for asset in assets:
        for aud in audiences:
            who = as_party(G, aud)
            label = G.nodes[aud].get("label", aud) if aud in G else aud
            for place in places:
                pid = aud.rsplit("/", 1)[-1] + (f"@{place}" if place else "")
                out.append(Ask(pid, label + (f" in {place}" if place else ""), who, asset, None, action, place))
    return out
