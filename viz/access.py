"""The Access view's tables: models × audiences, with the decision in each cell for every period.

Every decision is :meth:`graph.policy.knowledge.Knowledge.decide` (what ``regkg check --json``
prints), asked once per span between the dates on which an answer can change
(:func:`graph.policy.periods.change_dates`). The page only looks a date up in these tables (a
binary search over the spans' first days) and matches the decisions' condition rows against its
controls: it decides nothing and knows no time rule and no membership.

Which cells are decided
-----------------------
When the graph has at most :data:`FULL_MATRIX_CELLS` model × audience pairs, every pair is decided,
exactly as ``regkg availability`` does. Above that, a model's row holds only the audiences that a
rule about the model names (``regkg who-can``): the other cells stay empty and the page says so,
rather than showing a "not applicable" nobody computed. On a graph of at most
:data:`PARTY_COLUMNS_UP_TO` nodes, every organisation and person that is not itself an audience
also gets a column (asked about as that party alone, ``regkg what-can --party``).

Every option answers
--------------------
Each cell is decided with the place, the channel, the device, the purpose and the employer left
open: the decision's ``conditions`` rows (issue 19) say which values of those facts give which
answer. The page's Where, Channel, Device, Purpose and Employer selectors are matched against
those rows (:func:`matching_rows`): a row matches when, for each fact it names, the selected
value's atoms meet the row's values (an unselected fact leaves every row possible). The values a
selector offers and how they nest (a state in its country, an app's new download in the app, a
ministry in its government) are :func:`fact_options`, worked out here with the engine's own
closure (:func:`graph.policy.parties.closure_of`): every place, channel and employer any decision
names, so no option leads to an empty table and no place needs a table of its own.

An audience defined by employment ("Employees of the Iowa state government") has its employer by
definition (:func:`graph.policy.applies.employers_implied`): its cells leave no employer open, and
its view lists those ``employers``. An employer chosen on the page that is neither one of them nor
within one is not that audience's question (the engine would take it as a second employer, which
no cell decides): such a column answers with its own employer and says so (:func:`employer_asked`).

Actions other than ``use`` (:func:`rule_actions`) and known-on dates (:func:`knowledge_dates`:
between two of them the same sources count) are whole tables of their own: ``tables`` holds the
main one first, then one per action and one per known-on date the page was asked to hold.

One decision per span
---------------------
A decision differs between two days of one span only in the date it names, which appears in some
caveats ("undetermined on 2026-06-11: ..."). A span is decided on a day that is no date written
anywhere in the graph (:func:`_quiet_days`), so every occurrence of that day in a caveat is the
date asked about and becomes a template the page fills in. A span too short to hold such a day is
decided on two days and the caveats compared (:func:`caveat_template`).

The table's JSON
----------------
Cells repeat the same evidence for many periods and audiences, so each top-level value of
:meth:`graph.policy.access.Decision.to_dict` is stored once in ``parts`` and a decision is a list of
``[key, part]`` pairs in ``to_dict``'s key order (new keys the engine adds travel with no change
here); the lists of evidence, conditions, caveats and the like (``listed``) are stored item by
item, each item once in ``items``. ``on`` is left out (the page writes the date asked about), and a caveat that names that
date is stored as the list of its pieces around it. :func:`cell_json` rebuilds what
``regkg check --json`` prints, the way the page's script does; :func:`cell_answer` is the page's
answer under a selection.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from typing import Callable, Iterable

import networkx as nx

from graph.policy.applies import employers_implied
from graph.policy.access import access_index, candidate_rules
from graph.policy.audiences import audiences, models
from graph.policy.knowledge import Knowledge
from graph.policy.parties import COUNTRY, PartyAttributes, closure_of, constraint_left_operands, party_index
from graph.policy.periods import Period, audience_party, change_dates, periods
from graph.policy.state import state_index
from graph.store.provenance import source_documents

__all__ = ["FULL_MATRIX_CELLS", "PARTY_COLUMNS_UP_TO", "PARTY_KINDS", "SELECTABLE", "access_table", "full_matrix",
           "lane_audiences", "lanes", "model_events", "cell_json", "cell_answer", "employer_asked", "matching_rows", "fact_options",
           "caveat_template", "place_codes", "knowledge_dates", "rule_actions", "place_label", "held_known",
           "KNOWN_TABLES_UP_TO"]

FULL_MATRIX_CELLS = 2000
PARTY_COLUMNS_UP_TO = 1000
PARTY_KINDS = ("company", "organization", "government", "person")
#: The open facts the page has a selector for (memberships, nationality and recipient stay open).
SELECTABLE = ("place", "channel", "device", "purpose", "employer")
_FLAT = {"device": ("work", "personal"), "purpose": ("work", "private")}
_DAY = dt.timedelta(days=1)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    as known on ``known_on``); what ``regkg chart`` draws. ``check`` is :func:`~graph.policy.periods.periods`'.

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


def _quiet_template(text: str, day: dt.date) -> str | list[str]:
    """A caveat of a decision asked on a quiet day (:func:`_quiet_days`): every occurrence of the
    day is the date asked about.

    >>> _quiet_template("undetermined on 2026-06-13: between 2026-06-11 and 2026-06-20", dt.date(2026, 6, 13))
    ['undetermined on ', ': between 2026-06-11 and 2026-06-20']
    """
    pieces = text.split(day.isoformat())
    return text if len(pieces) == 1 else pieces


class _Interner:
    """Each distinct JSON value once; its index everywhere it recurs. With ``items``, a value of one
    of :data:`LISTED` keys is stored as the list of its items' indexes in ``items``: decisions of
    one model repeat most of their evidence, conditions and caveats item by item."""

    def __init__(self, items: "_Interner | None" = None):
        self.values: list = []
        self._seen: dict[str, int] = {}
        self.items = items

    def __call__(self, value, key: str | None = None) -> int:
        if self.items is not None and key in LISTED and isinstance(value, list):
            value = [self.items(v) for v in value]
        seen = repr(value)  # the engine builds equal values in the same key order: repr tells them apart
        if seen not in self._seen:
            self._seen[seen] = len(self.values)
            self.values.append(value)
        return self._seen[seen]


#: The keys of a decision whose lists are stored item by item (see :class:`_Interner`).
LISTED = frozenset({"evidence", "conditions", "caveats", "notes", "missing", "undetermined_by", "availability",
                    "undetermined_order", "undetermined_by_sources", "inferences"})


_PLAIN = frozenset({str, int, float, bool})
_FIELDS: dict[type, tuple[str, ...]] = {}  # a dataclass's field names, read once per class


def _as_data(value):
    """What :func:`dataclasses.asdict` makes of ``value``, without its deep copy (a table of
    thousands of decisions spends most of its time there otherwise); read, never written."""
    kind = type(value)
    if value is None or kind in _PLAIN:  # most values: checked first, as cheaply as can be
        return value
    if kind is list or kind is tuple:
        return kind(_as_data(v) for v in value)
    if kind is dict:
        return {k: _as_data(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return {n: _as_data(getattr(value, n)) for n in names}
    if isinstance(value, (list, tuple)):
        return type(value)(_as_data(v) for v in value)
    if isinstance(value, dict):
        return {k: _as_data(v) for k, v in value.items()}
    return value


def _decision_parts(decision, template: Callable[[str, int], str | list[str]], parts: _Interner) -> list[list]:
    """A decision as ``[key, part]`` pairs; ``template(text, i)`` turns its i-th caveat (or note
    text) into the page's form."""
    d = {**_as_data(decision), "on": decision.on.isoformat()}  # Decision.to_dict(), as regkg check prints it
    pairs = []
    for key, value in d.items():
        if key == "on":
            pairs.append([key, None])
            continue
        if key == "caveats":
            value = [template(c, i) for i, c in enumerate(value)]
        elif key == "notes":  # each note's text as a caveat: the date it names is the page's
            value = [{**n, "text": template(n["text"], -1 - i)} for i, n in enumerate(value)]
        elif key == "evidence":  # as Decision.to_dict writes it
            value = [{**e, "where": [{k: list(v) for k, v in alt} for alt in e["where"]] or None} for e in value]
        pairs.append([key, parts(value, key)])
    return pairs


# --------------------------------------------------------------------------- spans and their days

def _spans(days: list[dt.date]) -> list[tuple[dt.date | None, dt.date | None]]:
    if not days:
        return [(None, None)]
    return [(None, days[0] - _DAY)] + [(a, b - _DAY) for a, b in zip(days, days[1:])] + [(days[-1], None)]


def _quiet_days(G: nx.MultiDiGraph, extra: Iterable[dt.date] = ()) -> frozenset[dt.date]:
    """Every date written anywhere in the graph (any text of any node, the windows as the recorded
    order narrows them) and ``extra``: the days a span is *not* decided on, so that the date asked
    about is the only date of the span a caveat can name."""
    found: set[dt.date] = set(extra)
    for _, attrs in G.nodes(data=True):
        for value in attrs.values():
            for text in (value if isinstance(value, (list, tuple)) else (value,)):
                if isinstance(text, str) and len(text) >= 10:
                    for m in _ISO.findall(text):
                        try:
                            found.add(dt.date.fromisoformat(m))
                        except ValueError:
                            pass
    for w in state_index(G).windows.values():
        found.update(d for d in (w.earliest, w.latest) if d)
    return frozenset(found)


def _sample(start: dt.date | None, end: dt.date | None, loud: frozenset[dt.date]) -> dt.date | None:
    """A day of the span that no text of the graph names, or ``None`` when it has none."""
    if start is None and end is None:
        candidates = (dt.date(2000, 1, 1) + k * _DAY for k in range(400))
    elif start is None:
        candidates = (end - (400 + k) * _DAY for k in range(400))
    elif end is None:
        candidates = (start + (400 + k) * _DAY for k in range(400))
    else:
        candidates = (start + k * _DAY for k in range(1, (end - start).days))
    return next((d for d in candidates if d not in loud), None)


# --------------------------------------------------------------------------- the options

def place_codes(G: nx.MultiDiGraph) -> list[str]:
    """The places (ISO 3166 codes, as ``--in`` takes them) that a rule's or a group's ``spatial``
    constraint names, and the jurisdictions of the authorities that make rules: the places where an
    answer can differ from the answer for "anywhere".

    >>> from graph.policy import constraints as engine
    >>> from graph.policy.parties import country
    >>> G = nx.MultiDiGraph(); G.add_node("c", kind="constraint")
    >>> index = party_index(G); index.constraints["c"] = engine.Atomic("odrl:spatial", "eq", (engine.Iri(country("IT")),))
    >>> place_codes(G)
    ['IT']
    """
    from graph.policy.applies import scope_index

    index = party_index(G)
    found = {str(r)[len(COUNTRY):] for node in index.constraints for left, rights in constraint_left_operands(index, node)
             if left == "odrl:spatial" for r in rights if str(r).startswith(COUNTRY)}
    territories = {r.territory for rules in access_index(G).by_target.values() for r in rules if r.territory}
    jurisdictions = set(scope_index(G).jurisdiction.values())
    found |= {t[len(COUNTRY):] for t in territories | jurisdictions if t.startswith(COUNTRY)}
    return sorted(found)


def place_label(code: str) -> str:
    """The name of an ISO 3166 code: a country's common name, a subdivision's name and country.

    >>> place_label("KR"), place_label("US-IA"), place_label("XX")
    ('South Korea', 'Iowa (United States)', 'XX')
    """
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency (places are checked with it)
        return code
    if "-" in code:
        sub = pycountry.subdivisions.get(code=code)
        if sub is None:
            return code
        return f"{sub.name} ({place_label(code.split('-')[0])})"
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return {"KR": "South Korea", "KP": "North Korea", "RU": "Russia", "IR": "Iran", "TW": "Taiwan", "VN": "Vietnam",
            "SY": "Syria", "LA": "Laos", "MD": "Moldova", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
            "GB": "United Kingdom", "US": "United States"}.get(code) or getattr(c, "common_name", None) or c.name


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


def _fact_node(fact: str, value: str) -> str:
    return COUNTRY + value if fact == "place" else value


def fact_options(G: nx.MultiDiGraph, found: dict[str, set[str]]) -> dict:
    """The page's selectors: for each of place, channel and employer, the values (``found`` in the
    decisions' atoms and the graph's own lists) with their labels, and how they nest, from the
    engine's closure: ``chain[v]``, the values ``v`` is in (the nearest first), and ``inside[v]``,
    the values in ``v``. Device and purpose have their two values each.

    >>> G = nx.MultiDiGraph([("https://w3id.org/regkg/id/country/US-TX", "https://w3id.org/regkg/id/country/US",
    ...                       {"relation": "odrl:partOf"})])
    >>> f = fact_options(G, {"place": {"US", "US-TX", "IT"}})["place"]
    >>> f["values"], f["chain"]["US-TX"], f["inside"]["US"]
    (['IT', 'US', 'US-TX'], ['US'], ['US-TX'])
    """
    index = party_index(G)
    out: dict = {fact: {"values": list(values)} for fact, values in _FLAT.items()}
    for fact in ("place", "channel", "employer"):
        values = sorted(v for v in found.get(fact, set()) if v != "other")
        nodes = {v: _fact_node(fact, v) for v in values}
        up = {v: closure_of(index, [nodes[v]]) for v in values}
        depth = {v: len(up[v]) for v in values}
        chain, inside = {}, {}
        for v in values:
            above = [w for w in values if w != v and nodes[w] in up[v]]
            if above:
                chain[v] = sorted(above, key=lambda w: (-depth[w], w))
            below = [w for w in values if w != v and nodes[v] in up[w]]
            if below:
                inside[v] = below
        labels = {v: place_label(v) if fact == "place" else str(G.nodes[v].get("label", v)) if v in G else v
                  for v in values}
        order = sorted(values, key=lambda v: labels[v].casefold()) if fact != "place" else values
        out[fact] = {"values": order, "labels": labels, "chain": chain, "inside": inside}
    return out


def _atoms(found: dict[str, set[str]], decision: dict) -> None:
    """Collect the atoms of the selectable facts a decision's rows name (``missing`` lists them)."""
    for m in decision.get("missing") or ():
        if m.get("fact") in ("place", "channel", "employer") and not m.get("group"):
            found.setdefault(m["fact"], set()).update(m.get("values") or ())


# --------------------------------------------------------------------------- the table

#: The most states of knowledge whose known-on tables a page holds when not told which
#: (``known="auto"``). Each is a table as costly as the page's own: on the whole public record
#: (296 states) every one took more than 21 GB and did not finish (issue 21).
KNOWN_TABLES_UP_TO = 24


def held_known(epochs: list, known) -> list:
    """The known-on dates a page holds a table for, among ``epochs`` (:func:`knowledge_dates`):
    ``"all"`` every one, ``None`` none, ``"auto"`` every one when there are at most
    :data:`KNOWN_TABLES_UP_TO` and none otherwise, or the state of each date given.

    >>> import datetime as dt
    >>> days = [dt.date(2026, 6, 14), dt.date(2026, 6, 15), dt.date(2026, 8, 1)]
    >>> [len(held_known(days, k)) for k in ("auto", "all", None)], held_known(days, ["2026-07-01"])
    ([3, 3, 0], [datetime.date(2026, 6, 15)])
    """
    if known == "auto":
        known = "all" if len(epochs) <= KNOWN_TABLES_UP_TO else None
    if known == "all":
        return list(epochs)
    if known is None:
        return []
    return sorted({_epoch(epochs, k) for k in known} - {None})


def access_table(G: nx.MultiDiGraph, index_of: dict[str, int] | None = None, *,
                 known: Iterable[dt.date | str] | str | None = "auto", actions: Iterable[str] | str | None = "all",
                 only: Iterable[str] | None = None, progress: Callable[[str], None] | None = None) -> dict:
    """The Access view's data for ``G`` (the shape is in the module docstring).

    ``index_of`` maps node IRIs to their index in the page's node list; event markers use it.
    ``known``: the known-on dates to hold a table for (:func:`held_known`: ``"all"``, every one of
    :func:`knowledge_dates`; ``None``, none; ``"auto"``, every one up to :data:`KNOWN_TABLES_UP_TO`
    states); ``actions`` likewise for :func:`rule_actions`;
    ``only``: the models (IRIs) to hold rows for (default: every model). ``progress`` is told
    what is being decided.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="model", label="GLM"); G.add_node("g", kind="group", label="Everyone")
    >>> G.add_node("e", kind="event", label="release", status="occurred", date_text="by July", latest="2026-07-31")
    >>> G.add_node("p", kind="policy", status="occurred"); G.add_node("r", kind="permission", label="anyone")
    >>> for u, v, rel in (("p", "r", "odrl:permission"), ("r", "m", "odrl:target"),
    ...                   ("r", "g", "odrl:assignee"), ("p", "e", "prov:wasGeneratedBy")):
    ...     _ = G.add_edge(u, v, relation=rel)
    >>> t = access_table(G)
    >>> t["tables"][0]["rows"][0]["starts"], [cell_json(t, "m", "g", d)["decision"] for d in ("2026-07-31", "2026-08-01")]
    (['2026-08-01'], ['indeterminate', 'permit'])
    """
    started = time.perf_counter()
    full = full_matrix(G)
    ms, auds = models(G), audiences(G)
    if only is not None:
        wanted = set(only)
        ms = [m for m in ms if m in wanted]
    small = G.number_of_nodes() <= PARTY_COLUMNS_UP_TO
    aud_set = set(auds)
    parties = sorted((n for n, k in G.nodes(data="kind") if small and k in PARTY_KINDS and n not in aud_set),
                     key=lambda n: _label(G, n).casefold())
    items = _Interner()
    parts, decisions = _Interner(items), _Interner()
    events = {m: [index_of[e] if index_of else e for e in model_events(G, m) if not index_of or e in index_of]
              for m in ms}
    epochs = knowledge_dates(G)
    held = held_known(epochs, known)
    all_actions = rule_actions(G)
    held_actions = all_actions if actions == "all" else [] if actions is None else [a for a in all_actions if a in set(actions)]
    loud = _quiet_days(G, epochs)
    found: dict[str, set[str]] = {}
    counts = {"decisions": 0}

    todo = 1 + len(held_actions) + len(held)

    def table(action: str | None, known_on: dt.date | None) -> dict:
        what = f"the table for {(action or 'odrl:use').split(':')[-1]}" + (f" as known on {known_on}" if known_on else "")
        done = len(tables_made)
        tell = (lambda m: progress(f"{what}, table {done + 1} of {todo}: {m}")) if progress else None
        columns = parties if action or known_on is None else []
        rows = _rows(G, Knowledge(G, known_on), action or "odrl:use", ms, auds, columns, full, parts, decisions,
                     events, loud, counts, tell)
        tables_made.append(what)
        return {"action": action, "known": _iso(known_on), "rows": rows}

    tables_made: list[str] = []
    tables = [table(None, None)] + [table(a, None) for a in held_actions] + [table(None, k) for k in held]
    for d in decisions.values:
        _atoms(found, _rebuild(parts.values, d, items=items.values))
    found.setdefault("place", set()).update(place_codes(G))
    index = party_index(G)  # a state named brings its country: "in the US" leaves open which state
    found["place"] |= {str(u)[len(COUNTRY):] for v in list(found["place"]) if v != "other"
                       for u in closure_of(index, [COUNTRY + v]) if str(u).startswith(COUNTRY)}
    found.setdefault("channel", set()).update(_channels_of(G, ms))
    return {"full": full,
            "models": [_view(G, m, _channels_of(G, [m])) for m in ms],
            "audiences": [_with_employers(_view(G, a), employers_implied(index, [a])) for a in auds],
            "parties": [_view(G, p) for p in parties],
            "tables": tables, "known": [_iso(k) for k in epochs], "actions": all_actions,
            "facts": fact_options(G, found), "parts": parts.values, "items": items.values, "listed": sorted(LISTED),
            "decisions": decisions.values,
            "cost": {"seconds": round(time.perf_counter() - started, 2), "decisions": counts["decisions"]}}


def _epoch(epochs: list[dt.date], day) -> dt.date | None:
    import bisect

    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    k = bisect.bisect_right(epochs, day) - 1
    return epochs[max(k, 0)] if epochs else None


def _channels_of(G: nx.MultiDiGraph, ms: Iterable[str]) -> list[str]:
    """The channels and services that are (transitively) part of the services ``ms``: an app and
    its new downloads under the chatbot service."""
    out: list[str] = []

    def parts(node: str, seen: set[str]) -> None:  # depth first: each channel under its own
        found = sorted((u for u, _, rel in G.in_edges(node, data="relation")
                        if rel == "odrl:partOf" and u not in seen and G.nodes[u].get("kind") in ("channel", "service")),
                       key=lambda u: _label(G, u).casefold())
        for u in found:
            seen.add(u)
            out.append(u)
            parts(u, seen)

    for m in ms:
        parts(m, {m})
    return list(dict.fromkeys(out))


def _rows(G, known: Knowledge, action, ms, auds, parties, full, parts, decisions, events, loud, counts,
          tell=None) -> list[dict]:
    """One row per model: its change dates, its cells per audience and per party column, its
    events, and the knowledge horizon of its answers."""
    aud_index = {a: i for i, a in enumerate(auds)}
    out = []
    for n, m in enumerate(ms):
        if tell:
            tell(f"{_label(G, m)} ({n + 1} of {len(ms)} models; {counts['decisions']} decisions so far)")
        days = change_dates(G, m, action, known=known)
        spans = _spans(days)

        def cells(party: PartyAttributes) -> list[int]:
            return [decisions(_span_decision(known, m, party, action, start, end, loud, parts, counts))
                    for start, end in spans]

        out.append({"starts": [d.isoformat() for d in days],
                    "cells": {str(aud_index[a]): cells(audience_party(G, a)) for a in lane_audiences(G, m, full)},
                    "parties": {str(i): cells(PartyAttributes(party=party)) for i, party in enumerate(parties)},
                    "events": events[m], "known_until": known.horizon(m)})
    return out


def _span_decision(known: Knowledge, model, party, action, start, end, loud, parts, counts) -> list[list]:
    """The decision of one span as the page stores it: asked on a quiet day of the span, else on
    its first and last days with the caveats compared."""
    day = _sample(start, end, loud)
    counts["decisions"] += 1
    if day is not None:
        d = known.decide(None, model, day, party, action=action)
        return _decision_parts(d, lambda text, _i: _quiet_template(text, day), parts)
    first = start or end
    d = known.decide(None, model, first, party, action=action)
    other_day = end if start is not None and end is not None and end != start else None
    if other_day is None:
        return _decision_parts(d, lambda text, _i: text, parts)
    counts["decisions"] += 1
    o = known.decide(None, model, other_day, party, action=action)
    if d.decision != o.decision or len(d.caveats) != len(o.caveats) or len(d.notes) != len(o.notes):
        raise RuntimeError(f"the decision about {model} changed between {first} and {other_day} "
                           f"({d.decision} -> {o.decision}) with no change date between them")

    def template(text: str, i: int) -> str | list[str]:
        other = o.caveats[i] if i >= 0 else o.notes[-1 - i]["text"]
        return caveat_template(text, first, other, other_day)

    return _decision_parts(d, template, parts)


def _view(G: nx.MultiDiGraph, node: str, channels: list[str] | None = None) -> dict:
    view = {"iri": node, "label": _label(G, node), "kind": G.nodes[node].get("kind", "other") if node in G else "other"}
    if channels:
        view["channels"] = [{"iri": c, "label": _label(G, c), "parent": _parent(G, c)} for c in channels]
    return view


def _with_employers(view: dict, employers: tuple[str, ...]) -> dict:
    if employers:
        view["employers"] = list(employers)
    return view


def _parent(G: nx.MultiDiGraph, node: str) -> str | None:
    return next((v for _, v, rel in G.out_edges(node, data="relation") if rel == "odrl:partOf"), None)


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --------------------------------------------------------------------------- reading it back (the page's twin)

def _rebuild(parts: list, pairs: list[list], day: str | None = None, items: list | None = None) -> dict:
    out = {}
    for key, part in pairs:
        value = None if part is None else parts[part]
        if items is not None and key in LISTED and isinstance(value, list):
            value = [items[i] for i in value]
        if key == "on":
            out[key] = day
        elif key == "caveats":
            out[key] = [c if isinstance(c, str) else (day or "").join(c) for c in value]
        elif key == "notes":
            out[key] = [{**n, "text": n["text"] if isinstance(n["text"], str) else (day or "").join(n["text"])}
                        for n in value]
        else:
            out[key] = value
    return out


def _table_rows(table: dict, known: str | None, action: str | None) -> list[dict]:
    if known is not None and table["known"]:
        known = _epoch([dt.date.fromisoformat(k) for k in table["known"]], known).isoformat()
    return next(t["rows"] for t in table["tables"] if (t["known"], t["action"]) == (known, action))


def cell_json(table: dict, model: str, audience: str, day: str | dt.date,
              known: str | dt.date | None = None, action: str | None = None) -> dict | None:
    """What ``regkg check --json`` prints for ``audience`` (an audience or a party column) and
    ``model`` on ``day`` (``--known-on known``, ``--action action``: a known-on date of one of
    the table's epochs and one of its ``actions``), rebuilt from ``table`` as the page's script
    rebuilds it; ``None`` for a cell that was not decided.
    """
    import bisect

    day = day if isinstance(day, str) else day.isoformat()
    known = known if known is None or isinstance(known, str) else known.isoformat()
    rows = _table_rows(table, known, action)
    row = rows[[m["iri"] for m in table["models"]].index(model)]
    audiences_ = [a["iri"] for a in table["audiences"]]
    if audience in audiences_:
        cell = row["cells"].get(str(audiences_.index(audience)))
    else:
        cell = row["parties"].get(str([p["iri"] for p in table["parties"]].index(audience)))
    if cell is None:
        return None
    return _rebuild(table["parts"], table["decisions"][cell[bisect.bisect_right(row["starts"], day)]], day,
                    items=table.get("items"))


def _selected_atoms(facts: dict, fact: str, value: str, atoms: list[str]) -> set[str]:
    """The atoms of one decision that a selected value covers: itself, the named values inside it,
    and (when it is no atom itself) the nearest atom it is in, else "other"."""
    if fact in _FLAT:
        return {value}
    f = facts.get(fact, {})
    inside = set(f.get("inside", {}).get(value, ()))
    out = {a for a in atoms if a == value or a in inside}
    if value not in atoms:
        out.add(next((c for c in f.get("chain", {}).get(value, ()) if c in atoms), "other"))
    return out


def matching_rows(decision: dict, selection: dict[str, str], facts: dict) -> list[dict]:
    """The condition rows of ``decision`` (a ``regkg check --json`` dict) that the ``selection``
    (fact -> value, for the facts of :data:`SELECTABLE`) leaves possible; a decision without rows is
    one row that holds everywhere. What the page's ``matchRows`` does.

    >>> d = {"decision": "indeterminate", "conditions": [{"if": {"device": ["work"]}, "then": "deny"},
    ...      {"if": {"device": ["personal"]}, "then": "permit"}], "missing": []}
    >>> [r["then"] for r in matching_rows(d, {"device": "work"}, {})], len(matching_rows(d, {}, {}))
    (['deny'], 2)
    """
    rows = decision.get("conditions") or []
    if not rows:
        return [{"if": {}, "then": decision["decision"], "because": []}]
    atoms = {m["fact"]: m.get("values") or [] for m in decision.get("missing") or () if not m.get("group")}
    out = []
    for row in rows:
        ok = True
        for fact, values in row["if"].items():
            if fact not in selection or not isinstance(values, list):
                continue
            chosen = _selected_atoms(facts, fact, selection[fact], atoms.get(fact) or values)
            if not chosen & set(values):
                ok = False
                break
        if ok:
            out.append(row)
    return out


def employer_asked(table: dict, audience: str, employer: str | None) -> bool:
    """Whether a chosen ``employer`` is asked in ``audience``'s column (the page's ``employerAsked``):
    always, unless the audience has employers of its own and ``employer`` is none of them nor within
    one of them ("other" is within none).

    >>> t = {"audiences": [{"iri": "staff", "employers": ["iowa"]}, {"iri": "everyone"}],
    ...      "facts": {"employer": {"chain": {"iowa-dot": ["iowa"]}}}}
    >>> [employer_asked(t, a, e) for a, e in (("staff", "iowa-dot"), ("staff", "texas"), ("staff", "other"),
    ...                                       ("everyone", "texas"), ("staff", None))]
    [True, False, False, True, True]
    """
    if not employer:
        return True
    own = next((a.get("employers") or [] for a in table["audiences"] if a["iri"] == audience), [])
    if not own or employer in own:
        return True
    return any(u in own for u in table["facts"].get("employer", {}).get("chain", {}).get(employer, ()))


def cell_answer(table: dict, model: str, audience: str, day: str | dt.date, selection: dict[str, str] | None = None,
                known: str | dt.date | None = None, action: str | None = None) -> dict | None:
    """The page's answer in one cell under a ``selection`` of the open facts: ``decision`` (one
    value, or ``indeterminate`` when the rows left differ or the sources themselves cannot
    decide), and the ``rows`` left (each ``if`` / ``then`` / ``because``)."""
    d = cell_json(table, model, audience, day, known, action)
    if d is None:
        return None
    selection = dict(selection or {})
    if not employer_asked(table, audience, selection.get("employer")):
        del selection["employer"]
    rows = matching_rows(d, selection, table["facts"])
    values = {r["then"] for r in rows}
    value = values.pop() if len(values) == 1 else "indeterminate"
    if d["decision"] == "indeterminate" and (d.get("undetermined_by_sources") or not d.get("conditions")):
        value = "indeterminate"  # the sources, not an open fact, leave it undecided
    return {"decision": value, "rows": rows}
