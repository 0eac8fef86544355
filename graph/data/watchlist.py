"""The watchlist: the parties a compliance team answers for and the models it depends on (issue 22).

A watchlist is a YAML file in the authoring style, checked by :class:`Watchlist` (``regkg schema
--watchlist`` prints its JSON Schema) and read by :func:`load_watchlist`, whose errors name the
file and line as :mod:`graph.data.loader`'s do. It names:

* ``parties``: each described as ``regkg check`` describes a party: ``party`` (an organisation or
  person in the graph, or a name it does not know), ``member_of`` / ``not_member_of`` (groups),
  ``employer`` (one or more, or ``none`` for a private person; not given, the employer is an open
  fact the answers' conditions name), ``nationality`` (ISO 3166-1), ``place`` (where the use takes
  place, ISO 3166), ``device`` (``work`` / ``personal``) and ``purpose`` (``work`` / ``private``);
* ``models``: models and services by name, alias or id; each may list its own ``channels`` and
  ``actions``;
* ``channels`` and ``actions`` for every model that lists none: a channel is a word such as
  ``app`` or ``website``, resolved among each model's own channels as ``--channel`` is; ``any``
  asks with no channel (the channel is then an open fact). ``actions`` are ODRL actions (``use``
  by default, ``distribute``...).

Every party is asked about every model, through each channel, for each action. Names are only
checked here for their shape; :mod:`graph.watch` resolves them against a graph and reports an
unknown one at its line (:meth:`LoadedWatchlist.where`).

>>> w = Watchlist.model_validate({"parties": [{"id": "staff", "employer": "Acme", "place": "KR"}],
...                               "models": ["DeepSeek"]})
>>> w.parties[0].employers, w.models[0].model, w.actions
(('Acme',), 'DeepSeek', ('use',))
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal, Union

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from graph.data.models import ACTIONS, Country, Id, Label, Place, Strict
from graph.errors import InputError

__all__ = ["Watchlist", "WatchedParty", "WatchedModel", "LoadedWatchlist", "load_watchlist", "parse_watchlist",
           "EXAMPLE", "ANY_CHANNEL"]

#: The channel word that asks with no channel given.
ANY_CHANNEL = "any"
Action = Literal[ACTIONS]  # type: ignore[valid-type]
Name = Label


class WatchedParty(Strict):
    """One party, as ``regkg check``'s options describe it."""

    id: Id = Field(description="a short id for this party in the report and the feed (e.g. acme-kr-staff)")
    label: Label | None = Field(None, description="how the report names the party (default: the id)")
    party: Name | None = Field(None, description="the party itself: an organisation or person in the graph, or a "
                                                 "name it does not know (--party)")
    member_of: list[Name] = Field([], description="groups the party is a member of (--member-of)")
    not_member_of: list[Name] = Field([], description="groups whose members the sources do not name, which the "
                                                      "party is not in (--not-member-of)")
    employer: Union[Name, list[Name], None] = Field(
        None, description="the employer (--employer): an organisation or group, a name the graph does not know, "
                          "several for a second employer, or 'none' for a private person; not given, the "
                          "employer is an open fact the answer's conditions name")
    nationality: Country | None = Field(None, description="ISO 3166-1 code (--nationality)")
    place: Place | None = Field(None, description="where the use takes place, ISO 3166 (--in)")
    device: Literal["work", "personal"] | None = Field(None, description="whose device or network (--device)")
    purpose: Literal["work", "private"] | None = Field(None, description="what the use is for (--purpose)")
    note: str | None = None

    @property
    def employers(self) -> tuple[str, ...]:
        """The employers named, in order (``("none",)`` for a private person)."""
        if self.employer is None:
            return ()
        return (self.employer,) if isinstance(self.employer, str) else tuple(self.employer)

    @property
    def name(self) -> str:
        return self.label or self.id

    @field_validator("employer")
    @classmethod
    def _none_alone(cls, value):
        names = [value] if isinstance(value, str) else list(value or [])
        if any(n.strip().casefold() == "none" for n in names) and len(names) > 1:
            raise ValueError("'none' says the party has no employer: name no other employer with it")
        if isinstance(value, list) and not value:
            raise ValueError("an empty list of employers: leave 'employer' out (an open fact) or write 'none'")
        return value


class WatchedModel(Strict):
    """A model or service, with the channels and actions asked about it (the watchlist's own when empty)."""

    model: Name = Field(description="a model or service: name, alias or id")
    channels: list[Name] = Field([], description=f"channels of this model ('{ANY_CHANNEL}': no channel given)")
    actions: list[Action] = Field([], description="ODRL actions asked about this model")


class Watchlist(Strict):
    """A watchlist file: ``parties`` × ``models`` (× ``channels`` × ``actions``)."""

    title: Label | None = Field(None, description="the report's and the feed's title")
    parties: list[WatchedParty] = Field(min_length=1)
    models: list[Union[Name, WatchedModel]] = Field(min_length=1)
    channels: tuple[Name, ...] = Field((ANY_CHANNEL,), description="channels asked about each model that lists "
                                                                   f"none ('{ANY_CHANNEL}': no channel given)")
    actions: tuple[Action, ...] = Field(("use",), description="ODRL actions asked about each model that lists none")
    note: str | None = None

    @field_validator("models")
    @classmethod
    def _as_entries(cls, models: list) -> list[WatchedModel]:
        return [WatchedModel(model=m) if isinstance(m, str) else m for m in models]

    @model_validator(mode="after")
    def _unique(self) -> "Watchlist":
        seen: set[str] = set()
        for p in self.parties:
            if p.id in seen:
                raise ValueError(f"two parties have the id '{p.id}'")
            seen.add(p.id)
        for field, values in (("channels", self.channels), ("actions", self.actions)):
            if not values:
                raise ValueError(f"'{field}' is empty: leave it out for the default")
        return self

    def channels_of(self, m: WatchedModel) -> tuple[str, ...]:
        return tuple(m.channels) or self.channels

    def actions_of(self, m: WatchedModel) -> tuple[str, ...]:
        return tuple(m.actions) or self.actions


@dataclasses.dataclass
class LoadedWatchlist:
    """A checked watchlist and where it was written: :meth:`where` gives ``file:line`` of a field."""

    watchlist: Watchlist
    path: str
    text: str
    node: Any = None

    def where(self, *loc) -> str:
        """``file:line`` of the field at ``loc`` (``("models", 2)``, ``("parties", 0, "employer")``)."""
        from graph.data.loader import _line_of

        return f"{self.path}:{_line_of(self.node, list(loc))}"

    def error(self, loc: tuple, message: str) -> InputError:
        """An :class:`InputError` naming the file, the line and the field."""
        field = ".".join(str(p) for p in loc)
        return InputError(f"{self.where(*loc)}: {field}: {message}")


def load_watchlist(path: Path | str) -> LoadedWatchlist:
    """Read and check a watchlist file.

    Raises
    ------
    InputError
        A missing or unreadable file, malformed YAML, an unknown field or a bad value, with the
        file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a watchlist file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_watchlist(text, str(path))


def parse_watchlist(text: str, name: str = "<watchlist>") -> LoadedWatchlist:
    """Check a watchlist given as text; ``name`` is the file name errors give."""
    from graph.data.loader import _parse, _validation_message, _yaml_message

    try:
        node, raw = _parse(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: {_yaml_message(exc)}") from None
    except RecursionError:
        raise InputError(f"{name}: malformed YAML: nested too deeply to be a watchlist") from None
    if not isinstance(raw, dict):
        raise InputError(f"{name}:1: expected a mapping with 'parties:' and 'models:' (regkg watch init writes an "
                         "example)")
    try:
        watchlist = Watchlist.model_validate(raw)
    except ValidationError as exc:
        raise InputError(_validation_message(Path(name), node, exc)) from None
    return LoadedWatchlist(watchlist, name, text, node)


#: What ``regkg watch init`` writes: a commented example over the public record.
EXAMPLE = """\
# A regkg watchlist: the parties you answer for and the models and services they use.
# Check it with `regkg report --watchlist THIS_FILE --on YYYY-MM-DD`; its JSON Schema is
# `regkg schema --watchlist`. Every party is asked about every model, through each channel, for
# each action. Names are those `regkg check` takes (a name, an alias or an id).
title: Acme Korea and its Seoul office

parties:
  # Staff of a Korean subsidiary, at work, in Korea. A company the graph does not know is taken
  # as it is: part of no government body and no group a rule names.
  - id: acme-kr-staff
    label: Acme Korea staff in Seoul (work devices)
    employer: Acme Korea          # or a list for a second employer; `none` for a private person
    nationality: KR               # ISO 3166-1
    place: KR                     # where the use takes place (ISO 3166: KR, US-TX, ...)
    device: work                  # work | personal; left out, the answer says which way it goes
    purpose: work                 # work | private
  # The same people on their own phones, on their own time.
  - id: acme-kr-staff-private
    label: Acme Korea staff in Seoul (own phones, own time)
    employer: Acme Korea
    nationality: KR
    place: KR
    device: personal
    purpose: private
  # A party described by memberships only (see `regkg groups` for the ids):
  # - id: korean-foreign-ministry
  #   member_of: [kr-mofa-staff]
  #   place: KR

models:
  - DeepSeek                      # asked through each of the `channels` below
  - model: ChatGPT                # a model may list its own channels and actions
    channels: [any]

# Channels asked about each model that lists none: a word resolved among the model's own
# channels (app, website, download), or `any` for no channel (then the channel is an open fact).
channels: [any, app, website]
# ODRL actions: use (the default), distribute, ...
actions: [use]
"""
