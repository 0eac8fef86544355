"""The Access view's table: models × audiences, with the decision in each cell for every period.

Every decision comes from :func:`graph.policy.periods.periods`, that is from
:func:`graph.policy.access.decide` once per span between the dates on which an answer can change.
The page only looks a date up in this table (a binary search over the periods' first days): it
decides nothing and knows no time rule.

Which cells are decided
-----------------------
When the graph has at most :data:`FULL_MATRIX_CELLS` model × audience pairs, every pair is decided,
exactly as ``regkg availability`` does. Above that, a model's row holds only the audiences that a
rule about the model names (``regkg who-can``): the other cells stay empty and the page says so,
rather than showing a "not applicable" nobody computed. On a graph of at most
:data:`PARTY_COLUMNS_UP_TO` nodes, every organisation and person that is not itself an audience
also gets a column (asked about as that party alone, ``regkg what-can --party``), which the page
shows in that party's "what may it use" panel.

Where and as known when
-----------------------
Every cell is :meth:`graph.policy.knowledge.Knowledge.decide`: what ``regkg check --json`` prints,
with the knowledge horizon (``known_until``, also kept per row for the lanes) and the sources an
undecided answer rests on. ``rows`` answer for "anywhere, with every recorded source"; each of
``variants`` holds the rows for one place a rule names (:func:`place_codes`, ``--in``), one
other action a rule is about (:func:`rule_actions`, ``--action``), one known-on date
(:func:`knowledge_dates`: between two of them the same sources count, so the page looks a
known-on date up as it looks a date up), or one place with one known-on date (:func:`variants`).

The table's JSON
----------------
Cells repeat the same evidence for many periods and audiences, so each top-level value of
:meth:`graph.policy.access.Decision.to_dict` is stored once in ``parts`` and a decision is a list of
``[key, part]`` pairs in ``to_dict``'s key order (new keys the engine adds travel with no change
here). ``on`` is left out (the page writes the date asked about), and a caveat that names that
date is stored as the list of its pieces around it. :func:`cell_json` rebuilds what
``regkg check --json`` prints, the way the page's script does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.access import access_index, candidate_rules
from graph.policy.audiences import audiences, models
from graph.policy.knowledge import Knowledge
from graph.policy.parties import COUNTRY, PartyAttributes, constraint_left_operands, party_index
from graph.policy.periods import Period, audience_party, change_dates, periods
from graph.policy.state import state_index
from graph.store.provenance import source_documents

__all__ = ["FULL_MATRIX_CELLS", "PARTY_COLUMNS_UP_TO", "PARTY_KINDS", "access_table", "full_matrix",
           "lane_audiences", "lanes", "model_events", "cell_json", "caveat_template"]

FULL_MATRIX_CELLS = 2000
PARTY_COLUMNS_UP_TO = 1000
PARTY_KINDS = ("company", "organization", "government", "person")


def full_matrix(G: nx.MultiDiGraph) -> bool:
    """Whether every model × audience pair is decided (see the module docstring)."""
    return len(models(G)) * len(audiences(G)) <= FULL_MATRIX_CELLS


def lane_audiences(G: nx.MultiDiGraph, model: str, full: bool | None = None) -> list[str]:
    """The audiences of ``model``'s row (and lanes): all of them in a full matrix, else those a
    rule about the model names."""
    return audiences(G) if (full_matrix(G) if full is None else full) else audiences(G, model)


def lanes(G: nx.MultiDiGraph, model: str, full: bool | None = None, *, place: str | None = None,
          known_on: str | dt.date | None = None, check: bool = True) -> list[tuple[str, list[Period]]]:
    """One lane per audience of ``model``'s row: the audience and its :class:`Period` list, each
    decision the page's (:meth:`graph.policy.knowledge.Knowledge.decide`, for a use in ``place``,
    as known on ``known_on``). ``check`` is :func:`~graph.policy.periods.periods`'.

    >>> from graph.store.build import open_graph
    >>> from graph.store.project import project
    >>> G = project(open_graph())
    >>> mythos = "https://w3id.org/regkg/id/model/claude-mythos-5"
    >>> approved = dict(lanes(G, mythos))["https://w3id.org/regkg/id/group/approved-us-institutions"]
    >>> [(str(p.start), p.decision.decision) for p in approved]
    [('None', 'indeterminate'), ('2026-06-11', 'indeterminate'), ('2026-06-21', 'indeterminate'), ('2026-08-01', 'permit')]
    """
    known = Knowledge(G, known_on)
    days = change_dates(G, model, known=known)
    return [(a, periods(G, model, audience_party(G, a), days=days, place=place, known=known, check=check))
            for a in lane_audiences(G, model, full)]


def model_events(G: nx.MultiDiGraph, model: str) -> list[str]:
    """The events that start or end a policy with a rule about ``model``, or that affect it."""
    st = state_index(G)
    policies = {r.policy for r in candidate_rules(G, model)}
    found = {t.node for p in policies for t in st.starts.get(p, ()) + st.ends.get(p, ()) if t.kind == "event"}
    found |= {u for u, _, rel in G.in_edges(model, data="relation") if rel == "rkg:affects"}
    return sorted(e for e in found if e in st.windows)


def caveat_template(first: str, first_day: dt.date, other: str | None, other_day: dt.date | None) -> str | list[str]:
    """A caveat as the page stores it: the text, or its pieces around the date asked about.

    The date is told from a bound that happens to fall on the same day by comparing with the
    caveat of another day of the same period; a one-day period needs no template.

    >>> d1, d2 = dt.date(2026, 6, 11), dt.date(2026, 6, 20)
    >>> caveat_template("undetermined on 2026-06-11: between 2026-06-11 and 2026-06-20", d1,
    ...                 "undetermined on 2026-06-20: between 2026-06-11 and 2026-06-20", d2)
    ['undetermined on ', ': between 2026-06-11 and 2026-06-20']
    >>> caveat_template("membership is as given", d1, "membership is as given", d2)
    'membership is as given'
    """
    if other is None or other == first or other_day is None:
        return first
    pieces = first.split(first_day.isoformat())
    for mask in range(1, 2 ** (len(pieces) - 1)):
        out, current = [], pieces[0]
        for i, piece in enumerate(pieces[1:]):
            if mask >> i & 1:
                out.append(current)
                current = piece
            else:
                current += first_day.isoformat() + piece
        out.append(current)
        if other_day.isoformat().join(out) == other:
            return out
    raise RuntimeError(f"caveat changed within a period beyond its date: {first!r} / {other!r}")


class _Interner:
    """Each distinct JSON value once; its index everywhere it recurs."""

    def __init__(self):
        self.values: list = []
        self._seen: dict[str, int] = {}

    def __call__(self, value) -> int:
        key = repr(value)  # the engine builds equal values in the same key order: repr tells them apart
        if key not in self._seen:
            self._seen[key] = len(self.values)
            self.values.append(value)
        return self._seen[key]


def _as_data(value):
    """What :func:`dataclasses.asdict` makes of ``value``, without its deep copy (a table of
    thousands of decisions spends most of its time there otherwise); read, never written."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _as_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return type(value)(_as_data(v) for v in value)
    if isinstance(value, dict):
        return {k: _as_data(v) for k, v in value.items()}
    return value


def _decision_parts(p: Period, parts: _Interner) -> list[list]:
    d = {**_as_data(p.decision), "on": p.decision.on.isoformat()}  # Decision.to_dict(), as regkg check prints it
    other = p.other.caveats if p.other is not None else None
    day, other_day = p.decision.on, p.other.on if p.other is not None else None
    pairs = []
    for key, value in d.items():
        if key == "on":
            pairs.append([key, None])
            continue
        if key == "caveats":
            value = [caveat_template(c, day, other[i] if other else None, other_day)
                     for i, c in enumerate(value)]
        elif key == "notes":  # each note's text as a caveat: the date it names is the page's
            others = p.other.notes if p.other is not None else None
            value = [{**n, "text": caveat_template(n["text"], day, others[i]["text"] if others else None, other_day)}
                     for i, n in enumerate(value)]
        elif key == "evidence":  # as Decision.to_dict writes it
            value = [{**e, "where": [{k: list(v) for k, v in alt} for alt in e["where"]] or None} for e in value]
        pairs.append([key, parts(value)])
    return pairs


def access_table(G: nx.MultiDiGraph, index_of: dict[str, int] | None = None) -> dict:
    """The Access view's data for ``G`` (the shape is in the module docstring).

    ``index_of`` maps node IRIs to their index in the page's node list; event markers use it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="GLM"); G.add_node("g", kind="group", label="Everyone")
    >>> G.add_node("e", kind="event", label="release", status="occurred", date_text="by July", latest="2026-07-31")
    >>> G.add_node("p", kind="policy", status="occurred"); G.add_node("r", kind="permission", label="anyone")
    >>> for u, v, rel in (("p", "r", "odrl:permission"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> t = access_table(G)
    >>> t["rows"][0]["starts"], [cell_json(t, "m", "g", d)["decision"] for d in ("2026-07-31", "2026-08-01")]
    (['2026-08-01'], ['indeterminate', 'permit'])
    """
    full = full_matrix(G)
    ms, auds = models(G), audiences(G)
    small = G.number_of_nodes() <= PARTY_COLUMNS_UP_TO
    parties = sorted((n for n, k in G.nodes(data="kind") if small and k in PARTY_KINDS and n not in set(auds)),
                     key=lambda n: _label(G, n).casefold())
    parts, decisions = _Interner(), _Interner()
    events = {m: [index_of[e] if index_of else e for e in model_events(G, m) if not index_of or e in index_of]
              for m in ms}

    def rows(place: str | None, known_on: dt.date | None, action: str | None = None) -> list[dict]:
        # party columns in the main table, and for another action (its rules are often an organisation's)
        columns = parties if action or (place is None and known_on is None) else []
        return _rows(G, Knowledge(G, known_on), place, action or "odrl:use", ms, auds, columns, full, parts,
                     decisions, events)

    places, known, actions = place_codes(G), knowledge_dates(G), rule_actions(G)
    cells = sum(len(lane_audiences(G, m, full)) for m in ms)
    chosen = variants(places, known, actions, cells, len(ms) * len(parties)) if full else []
    return {"full": full,
            "models": [_view(G, m) for m in ms], "audiences": [_view(G, a) for a in auds],
            "parties": [_view(G, p) for p in parties],
            "rows": rows(None, None), "places": places, "known": [_iso(k) for k in known], "actions": actions,
            "variants": [{"place": p, "known": _iso(k), "action": a, "rows": rows(p, k, a)} for p, k, a in chosen],
            "parts": parts.values, "decisions": decisions.values}


def _rows(G, known: Knowledge, place, action, ms, auds, parties, full, parts, decisions, events) -> list[dict]:
    """One row per model: its change dates, its cells per audience and per party column, its
    events, and the knowledge horizon of its answers."""
    aud_index = {a: i for i, a in enumerate(auds)}
    out = []
    for m in ms:
        days = change_dates(G, m, action, known=known)

        def cells(party: PartyAttributes) -> list[int]:
            return [decisions(_decision_parts(p, parts))
                    for p in periods(G, m, party, action=action, days=days, place=place, known=known)]

        out.append({"starts": [d.isoformat() for d in days],
                    "cells": {str(aud_index[a]): cells(audience_party(G, a)) for a in lane_audiences(G, m, full)},
                    "parties": {str(i): cells(PartyAttributes(party=party)) for i, party in enumerate(parties)},
                    "events": events[m], "known_until": known.horizon(m)})
    return out


#: Tables for other places and known-on dates that a page holds at most (each is a whole table),
#: and the model × audience cells all of them may hold together: a page holds them only for a
#: graph whose every pair is decided (:func:`full_matrix`); on a larger one the page says which
#: table it lacks and which ``regkg check`` answers it, rather than taking minutes to write. With
#: the public record a cell costs about 40 ms (each answer tries every account of the disputed
#: dates it reads): with 12,000 cells ``regkg viz`` took 2 min 9 s on the whole data, with 3,000
#: 1 min 8 s (the main table alone is about 27 s), and 3,000 still hold every table of the seed's
#: data (140 cells).
VARIANTS_MAX = 24
VARIANT_CELLS = 3_000


def place_codes(G: nx.MultiDiGraph) -> list[str]:
    """The places (ISO 3166 codes, as ``--in`` takes them) that a rule's or a group's ``spatial``
    constraint names: the places where an answer can differ from the answer for "anywhere".

    >>> from graph.policy import constraints as engine
    >>> from graph.policy.parties import country
    >>> G = nx.MultiDiGraph(); G.add_node("c", kind="constraint")
    >>> index = party_index(G); index.constraints["c"] = engine.Atomic("odrl:spatial", "eq", (engine.Iri(country("IT")),))
    >>> place_codes(G)
    ['IT']
    """
    index = party_index(G)
    found = {str(r)[len(COUNTRY):] for node in index.constraints for left, rights in constraint_left_operands(index, node)
             if left == "odrl:spatial" for r in rights if str(r).startswith(COUNTRY)}
    return sorted(found)


def knowledge_dates(G: nx.MultiDiGraph) -> list[dt.date]:
    """One known-on date per state of knowledge the sources' publication dates allow (rule 1 of
    :mod:`graph.policy.knowledge`): the day before the first publication window opens (nothing
    published yet), then each day a window opens (a document perhaps published) or the day after
    it closes (surely published). Between two of these dates the same documents count, so every
    answer as known on a date is the answer as known on the last of these dates before it.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("doc", kind="source", label="Report", earliest="2026-06-15", latest="2026-07-31")
    >>> [d.isoformat() for d in knowledge_dates(G)]
    ['2026-06-14', '2026-06-15', '2026-08-01']
    """
    bounds = set()
    for doc in source_documents(G).values():
        if doc.earliest:
            bounds.add(dt.date.fromisoformat(doc.earliest))
        if doc.latest:
            bounds.add(dt.date.fromisoformat(doc.latest) + dt.timedelta(days=1))
    return [min(bounds) - dt.timedelta(days=1), *sorted(bounds)] if bounds else []


def rule_actions(G: nx.MultiDiGraph) -> list[str]:
    """The ODRL actions other than ``use`` that some rule is about (``odrl:distribute``): the
    questions a page answers besides "may they use it".

    >>> G = nx.MultiDiGraph(); G.add_node("m", kind="model"); G.add_node("r", kind="prohibition", action="odrl:distribute")
    >>> for u, v, rel in (("p", "r", "odrl:prohibition"), ("r", "m", "odrl:target")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> rule_actions(G)
    ['odrl:distribute']
    """
    return sorted({r.action for rules in access_index(G).by_target.values() for r in rules} - {"odrl:use"})


def variants(places: list[str], known: list[dt.date], actions: list[str], cells: int, party_cells: int = 0,
             budget: int = VARIANT_CELLS, most: int = VARIANTS_MAX) -> list[tuple]:
    """The (place, known-on, action) triples a page decides besides "anywhere, with every recorded
    source, to use" (``None`` for each of those), while their tables' cells fit in ``budget`` and
    at most ``most`` of them: every place, every other action (with the ``party_cells`` of the party
    columns), every known-on date, then every place with every known-on date when all of those fit
    (the page says which table it lacks).

    >>> variants(["IT"], [dt.date(2026, 6, 14)], ["odrl:distribute"], 10)  # doctest: +NORMALIZE_WHITESPACE
    [('IT', None, None), (None, None, 'odrl:distribute'), (None, datetime.date(2026, 6, 14), None),
     ('IT', datetime.date(2026, 6, 14), None)]
    >>> variants(["IT", "KR"], [dt.date(2026, 6, 14)], [], 10, budget=25)
    [('IT', None, None), ('KR', None, None)]
    """
    chosen, spent = [], 0
    single = ([((p, None, None), cells) for p in places] + [((None, None, a), cells + party_cells) for a in actions]
              + [((None, k, None), cells) for k in known])
    for variant, cost in single:
        if spent + cost <= budget and len(chosen) < most:
            chosen.append(variant)
            spent += cost
    pairs = [(p, k, None) for p in places for k in known]
    if spent + cells * len(pairs) <= budget and len(chosen) + len(pairs) <= most:
        chosen += pairs
    return chosen


def _view(G: nx.MultiDiGraph, node: str) -> dict:
    return {"iri": node, "label": _label(G, node), "kind": G.nodes[node].get("kind", "other") if node in G else "other"}


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def cell_json(table: dict, model: str, audience: str, day: str | dt.date, place: str | None = None,
              known: str | dt.date | None = None, action: str | None = None) -> dict | None:
    """What ``regkg check --json`` prints for ``audience`` (an audience or a party column) and
    ``model`` on ``day`` (``--in place``, ``--known-on known``, ``--action action``: one of the
    table's ``places``, ``known`` dates and ``actions``), rebuilt from ``table`` as the page's
    script rebuilds it; ``None`` for a cell that was not decided.
    """
    import bisect

    day = day if isinstance(day, str) else day.isoformat()
    known = known if known is None or isinstance(known, str) else known.isoformat()
    rows = table["rows"] if place is None and known is None and action is None else \
        next(v["rows"] for v in table["variants"] if (v["place"], v["known"], v["action"]) == (place, known, action))
    at = [m["iri"] for m in table["models"]].index(model)
    row = rows[at]
    audiences_ = [a["iri"] for a in table["audiences"]]
    if audience in audiences_:
        cell = row["cells"].get(str(audiences_.index(audience)))
    else:
        cell = row["parties"].get(str([p["iri"] for p in table["parties"]].index(audience)))
    if cell is None:
        return None
    out = {}
    for key, part in table["decisions"][cell[bisect.bisect_right(row["starts"], day)]]:
        if key == "on":
            out[key] = day
        elif key == "caveats":
            out[key] = [c if isinstance(c, str) else day.join(c) for c in table["parts"][part]]
        elif key == "notes":
            out[key] = [{**n, "text": n["text"] if isinstance(n["text"], str) else day.join(n["text"])}
                        for n in table["parts"][part]]
        else:
            out[key] = table["parts"][part]
    return out
