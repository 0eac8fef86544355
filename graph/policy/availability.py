"""What was actually reachable, as reported, beside what the rules say.

regkg decides *may this party use it* from rules: the acts of authorities and the providers' own
terms (:mod:`graph.policy.access`). Some sources also report what could actually be used, which is
not always what the rules said: a website that kept answering in Italy after the regulator's
order, an app already installed that went on working, a court's order a platform had not applied.
Those reports are statements of kind ``availability`` (:mod:`graph.data.models`). They never
permit or deny anything; an answer shows them beside its decision.

The rule
--------
A report bears on a question about asset ``A`` (a model or a service) on date ``D``, through
channel ``C``, in place ``P``, when

1. it is about ``A``, an asset ``A`` is part of, or a part of ``A`` (a channel of a service: the
   website of a chatbot service, an installed copy of an app); or, when ``C`` is given, about
   ``C``, what ``C`` is part of, or a part of ``C``;
2. its time window contains ``D`` (a missing bound is open: a report with no date always bears);
3. its place (``place:``, ISO 3166) is ``P`` or contains it (``US-TX`` is in ``US``), or either
   is not given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.parties import COUNTRY, closure_of, party_index
from graph.store.memo import cached

__all__ = ["AvailabilityReport", "availability_reports", "availability_caveat", "availability_dates"]

_ABOUT, _PLACE, _PART_OF = "dcterms:subject", "dcterms:spatial", "odrl:partOf"


@dataclasses.dataclass(frozen=True)
class AvailabilityReport:
    """One report of what was actually available: the statement, its dates and place, its sources."""

    statement: str
    label: str
    date_text: str | None
    earliest: str | None
    latest: str | None
    place: str | None
    sources: tuple[str, ...]


def _index(G: nx.MultiDiGraph) -> dict[str, list[AvailabilityReport]]:
    """Every availability report, by the node it is about (one pass over the statements)."""
    by_node: dict[str, list[AvailabilityReport]] = {}
    for node, a in G.nodes(data=True):
        if a.get("kind") != "statement" or a.get("statement_kind") != "availability":
            continue
        place = next((v[len(COUNTRY):] for _, v, r in G.out_edges(node, data="relation")
                      if r == _PLACE and v.startswith(COUNTRY)), None)
        sources = tuple(G.nodes[s].get("label", s) if s in G else s for s in a.get("sources", ()))
        report = AvailabilityReport(node, a.get("label", node), a.get("date_text"), a.get("earliest"),
                                    a.get("latest"), place, sources)
        for _, about, relation in G.out_edges(node, data="relation"):
            if relation == _ABOUT:
                by_node.setdefault(about, []).append(report)
    return by_node


def _around(G: nx.MultiDiGraph, node: str) -> frozenset[str]:
    """``node``, what it is part of, and its parts (rule 1), worked out once per node and graph."""
    known = cached(G, "availability-around", lambda g: {})
    if node not in known:
        known[node] = frozenset(_walk_around(G, node))
    return known[node]


def _walk_around(G: nx.MultiDiGraph, node: str) -> set[str]:
    found = set(closure_of(party_index(G), [node]))
    todo = [node]
    while todo:
        for part, _, relation in G.in_edges(todo.pop(), data="relation"):
            if relation == _PART_OF and part not in found:
                found.add(part)
                todo.append(part)
    return found


def _in_window(r: AvailabilityReport, on: dt.date) -> bool:
    day = on.isoformat()
    return (r.earliest is None or r.earliest <= day) and (r.latest is None or day <= r.latest)


def _in_place(r: AvailabilityReport, place: str | None) -> bool:
    if place is None or r.place is None:
        return True
    return place.upper() == r.place or place.upper().split("-", 1)[0] == r.place


def availability_reports(G: nx.MultiDiGraph, asset: str, on: dt.date, channel: str | None = None,
                         place: str | None = None) -> list[AvailabilityReport]:
    """The reports of actual availability that bear on a question (the module's rule), in date order.

    Examples
    --------
    A service, its website, and a report that the website kept answering in Italy after an order:

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("svc", kind="service", label="Chatbot")
    >>> G.add_node("web", kind="service", label="Chatbot website")
    >>> _ = G.add_edge("web", "svc", relation="odrl:partOf")
    >>> G.add_node(COUNTRY + "IT", kind="country")
    >>> G.add_node("s", kind="statement", statement_kind="availability", label="The website still answered",
    ...            date_text="January to May 2025", earliest="2025-01-30", latest="2025-05-14")
    >>> _ = G.add_edge("s", "web", relation="dcterms:subject")
    >>> _ = G.add_edge("s", COUNTRY + "IT", relation="dcterms:spatial")
    >>> [r.label for r in availability_reports(G, "svc", dt.date(2025, 3, 1), place="IT")]
    ['The website still answered']
    >>> availability_reports(G, "svc", dt.date(2025, 3, 1), place="FR"), availability_reports(G, "svc", dt.date(2025, 7, 1))
    ([], [])
    """
    index = cached(G, "availability", _index)
    if not index:
        return []
    nodes = _around(G, asset) | (_around(G, channel) if channel else set())
    found = {r.statement: r for n in nodes for r in index.get(n, ())
             if _in_window(r, on) and _in_place(r, place)}
    return sorted(found.values(), key=lambda r: (r.earliest or "", r.latest or "9999", r.label))


def availability_dates(G: nx.MultiDiGraph, asset: str) -> set[dt.date]:
    """The days on which the reports bearing on a question about ``asset`` can change: the first
    day of each report's window and the day after its last, for every report about the asset, what
    it is part of, or one of its parts (so through any of its channels). An answer's caveats change
    on these days, so :func:`graph.policy.periods.change_dates` counts them.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("svc", kind="service", label="Chatbot")
    >>> G.add_node("s", kind="statement", statement_kind="availability", label="Still answered",
    ...            earliest="2025-01-30", latest="2025-05-14")
    >>> _ = G.add_edge("s", "svc", relation="dcterms:subject")
    >>> sorted(d.isoformat() for d in availability_dates(G, "svc"))
    ['2025-01-30', '2025-05-15']
    """
    index = cached(G, "availability", _index)
    reports = {r.statement: r for n in _around(G, asset) for r in index.get(n, ())} if index else {}
    days = {dt.date.fromisoformat(r.earliest) for r in reports.values() if r.earliest}
    return days | {dt.date.fromisoformat(r.latest) + dt.timedelta(days=1) for r in reports.values() if r.latest}


def availability_caveat(r: AvailabilityReport) -> str:
    """The line an answer shows for a report: what was reported, when, where, and from which source.

    >>> availability_caveat(AvailabilityReport("s", "The website still answered", "January to May 2025",
    ...                                        "2025-01-30", "2025-05-14", "IT", ("A news page",)))
    "reported availability, not a rule (regkg decides on the rules): 'The website still answered' [January to May 2025; 2025-01-30..2025-05-14; in IT]; source: A news page"
    """
    where = f"; in {r.place}" if r.place else ""
    return (f"reported availability, not a rule (regkg decides on the rules): '{r.label}' "
            f"[{r.date_text or 'not dated'}; {r.earliest or '?'}..{r.latest or '?'}{where}]; "
            f"source: {'; '.join(r.sources)}")
