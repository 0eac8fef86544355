"""Answers as a report shows them, and how one question's answer changed over a span of dates.

:func:`answer_view` turns a :class:`graph.policy.knowledge.KnownDecision` into plain data: the
decision, its conditions in words, each line of evidence with its authority, event, quote and
source documents (with their addresses), and the caveats. :func:`history` gives the changes of
one :class:`~graph.watch.questions.Ask`'s answer between two dates, each with the acts that made
it: the dates come from :func:`graph.policy.periods.question_change_dates` (the time rule of
:mod:`graph.policy.periods`, restricted to the rules that can apply to the question) and the acts
from :func:`graph.policy.timeline.moved_events` (``regkg diff``'s rule), so this module adds no
time rule of its own.

An *answer* is the decision with its conditions (:func:`answer_key`): a change of evidence alone
(another permission taking over from one that ended) is not a change of answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import networkx as nx

from graph.policy.knowledge import Knowledge
from graph.policy.periods import question_change_dates
from graph.policy.timeline import moved_events
from graph.store.project import documents_of
from graph.watch.questions import Ask

__all__ = ["answer_view", "answer_key", "history", "Change", "facts_text", "label", "documents", "act_view",
           "ask_view", "describe_party", "brief", "conditions_view", "disputes_view"]

_DAY = dt.timedelta(days=1)

#: The watchlist field that states each open fact (the report's words for a caveat's missing fact).
FACT_FIELDS = {"place": "place", "employer": "employer", "device": "device", "purpose": "purpose",
               "nationality": "nationality", "channel": "channels", "recipient": "recipient",
               "member": "member_of (or not_member_of)", "recipient-member": "recipient"}


def label(G: nx.MultiDiGraph, node: str | None) -> str:
    if node is None:
        return ""
    return str(G.nodes[node].get("label", node)) if node in G else node.rsplit("/", 1)[-1]


def canonical_facts(facts: dict) -> dict:
    """A condition row's facts in one order (the engine may list a fact's values, or a row's
    alternatives, in any order: a report must not depend on it)."""
    out = {}
    for fact, values in facts.items():
        if isinstance(values, dict):
            out[fact] = {k: values[k] for k in sorted(values)}
        elif isinstance(values, (list, tuple, set, frozenset)):
            out[fact] = sorted(values, key=str)
        else:
            out[fact] = values
    return out


def facts_text(G: nx.MultiDiGraph, facts: dict) -> str:
    """A condition row's facts in words: ``employer: Iowa state government; device: work``."""
    parts = []
    for fact, values in canonical_facts(facts).items():
        if fact in ("member_of", "recipient_member_of"):
            items = values.items() if isinstance(values, dict) else (v.rsplit("=", 1) for v in values)
            for g, yes in items:
                yes = yes is True or yes == "yes"
                parts.append(f"{'one' if yes else 'not one'} of '{label(G, g)}'")
            continue
        names = sorted(str(("another" if v == "other" else label(G, v)) if fact in ("employer", "channel", "recipient")
                           else ("elsewhere" if v == "other" and fact == "place" else ("another" if v == "other" else v)))
                       for v in values)
        parts.append(f"{fact}: {' or '.join(names)}")
    return "; ".join(parts) or "otherwise"


def documents(G: nx.MultiDiGraph, nodes, counted=None) -> list[dict]:
    """The source documents behind ``nodes`` (rules, events), each once: label, date as written, URL."""
    found: dict[str, dict] = {}
    for node in nodes:
        if node is None or node not in G:
            continue
        for doc in documents_of(G, node):
            if doc in found or (counted is not None and doc not in counted) or doc not in G:
                continue
            a = G.nodes[doc]
            found[doc] = {"source": doc, "label": a.get("label", doc), "date": a.get("date_text"),
                          "url": a.get("url"), "publisher": label(G, _publisher(G, doc))}
    return sorted(found.values(), key=lambda d: (str(d["label"]).casefold(), d["source"]))


def _publisher(G: nx.MultiDiGraph, doc: str) -> str | None:
    return next((v for _, v, r in G.out_edges(doc, data="relation") if r == "dcterms:publisher"), None)


def _quote(G: nx.MultiDiGraph, node: str) -> dict | None:
    """The words of a cited page behind ``node`` (``rkg:quote``): text, section and the page's URL."""
    if node not in G:
        return None
    for _, q, relation in G.out_edges(node, data="relation"):
        if relation == "rkg:quote" and q in G:
            section = next((s for _, s, r in G.out_edges(q, data="relation") if r == "prov:wasQuotedFrom"), None)
            doc = next((d for _, d, r in G.out_edges(section, data="relation") if r == "dcterms:isPartOf"),
                       None) if section else None
            return {"text": G.nodes[q].get("text"), "source": label(G, section) if section else None,
                    "url": G.nodes[doc].get("url") if doc in G else None}
    return None


def _quote_view(quote) -> dict | None:
    """An evidence line's quote as plain data (a dict, or the engine's small record)."""
    if quote is None:
        return None
    view = dict(quote) if isinstance(quote, dict) else {k: getattr(quote, k, None) for k in ("text", "source", "url")}
    return view if view.get("text") else None


def act_view(G: nx.MultiDiGraph, event: dict, evidence=(), counted=None) -> dict:
    """An act (an event of :func:`~graph.policy.timeline.moved_events`) with who acted, on whose
    request, the authority of the rules it put in force or ended, and its sources."""
    e = event["event"]
    rel = {r: v for _, v, r in G.out_edges(e, data="relation")} if e in G else {}
    authorities = list(dict.fromkeys(x.authority for x in evidence if x.event == e and x.authority))
    return {**event, "actor": label(G, rel.get("sem:hasActor")) or None,
            "at_request_of": label(G, rel.get("rkg:atRequestOf")) or None,
            "authority": authorities, "legal_basis": G.nodes[e].get("authority") if e in G else None,
            "quote": _quote(G, e), "sources": documents(G, [e], counted)}


def conditions_view(G: nx.MultiDiGraph, d) -> list[dict]:
    """A decision's conditions with their facts and rules in words (``facts`` keeps the data)."""
    rules = {e.rule: e.label for e in d.evidence}
    rows = [{"if": facts_text(G, row["if"]), "facts": canonical_facts(row["if"]), "then": row["then"],
             "could_be": list(row.get("could_be", [])), "otherwise": bool(row.get("otherwise")),
             "because": sorted(rules.get(r, label(G, r)) for r in row["because"])} for row in d.conditions]
    # The engine flags the last row of the answer that stands for what the rows above leave out; which
    # of that answer's rows comes last follows hash order: its rows go last, in one order, the last flagged.
    default = next((r["then"] for r in rows if r["otherwise"]), None)
    rows.sort(key=lambda r: (r["then"] == default, _RANK.get(r["then"], 9), r["if"]))
    for i, r in enumerate(rows):
        r["otherwise"] = default is not None and i == len(rows) - 1
    return rows


_RANK = {"deny": 0, "indeterminate": 1, "not_applicable": 2, "permit": 3}
_EFFECTS = {"permit": 0, "deny": 0, "overridden": 1, "outranked": 1, "superseded": 1, "ended": 2}


def disputes_view(d) -> list[dict]:
    """The disagreements of sources an ``indeterminate`` answer depends on: what about, each account."""
    out = []
    for x in getattr(d, "undetermined_by_sources", []) or []:
        if x.get("why") == "conflict":
            said: dict[str, list[str]] = {}
            for a in x.get("accounts", []):
                says = a.get("says", {})
                text = says.get("date_text") or ", ".join(f"{k} {v}" for k, v in sorted(says.items()))
                bounds = f" ({says.get('earliest') or '?'}..{says.get('latest') or '?'})" if "earliest" in says else ""
                said.setdefault(text + bounds, []).append(str(a.get("label")))
            out.append({"about": x.get("about_label"), "accounts": [
                {"who": ", ".join(f"'{d}'" for d in docs[:2]) + (f" and {len(docs) - 2} more" if len(docs) > 2 else ""),
                 "sources": docs, "says": text} for text, docs in said.items()]})
        elif x.get("why") == "published":
            out.append({"about": f"whether '{x.get('label')}' was published by then", "accounts": []})
    return out


def brief(G: nx.MultiDiGraph, d) -> dict:
    """A decision and its conditions, without the evidence (the before and after of a change)."""
    return {"decision": d.decision, "conditions": [{k: c[k] for k in ("if", "then", "could_be", "because")}
                                                   for c in conditions_view(G, d)],
            "disputes": disputes_view(d)}


def answer_view(G: nx.MultiDiGraph, d, counted=None) -> dict:
    """A decision as plain data for a report (``G``: the graph it was decided on, for labels)."""
    conditions = conditions_view(G, d)
    evidence = []
    for e in d.evidence:
        evidence.append({
            "effect": e.effect, "rule": e.rule, "label": e.label, "authority": e.authority,
            "where": " or ".join(sorted(facts_text(G, dict(alt)) for alt in e.where)) if e.where else None,
            "event": {"iri": e.event, "label": e.event_label, "date_text": e.date_text, "earliest": e.earliest,
                      "latest": e.latest, "state": e.event_state},
            "quote": _quote_view(e.quote),
            "inferred_from": e.inferred_from,
            "sources": documents(G, [e.rule, e.policy, e.event], counted)})
    evidence.sort(key=lambda e: (_EFFECTS.get(e["effect"], 9), str(e["label"]), e["rule"], e["event"]["iri"],
                                 e["where"] or ""))
    caveats = [_caveat(n) for n in d.notes] or list(d.caveats)
    known = [c for c in d.caveats if c not in {n["text"] for n in d.notes}]  # the knowledge layer's own caveats
    return {"decision": d.decision, "conditions": conditions, "evidence": evidence,
            "caveats": list(dict.fromkeys(caveats + known)),
            "disputes": disputes_view(d),
            "known_until": getattr(d, "known_until", None)}


def _caveat(note: dict) -> str:
    if note.get("kind") == "open-fact" and note.get("fact") in FACT_FIELDS:
        return f"{note['text']}; state '{FACT_FIELDS[note['fact']]}' in the watchlist"
    return note["text"]


def answer_key(d) -> tuple:
    """What counts as the answer: the decision and its conditions (facts, decision, what it could
    be), in one order whatever order the engine gives them in."""
    return (d.decision, tuple(sorted((repr(sorted((k, repr(v)) for k, v in canonical_facts(row["if"]).items())),
                                      row["then"], tuple(sorted(row.get("could_be", ())))) for row in d.conditions)))


@dataclasses.dataclass
class Change:
    """One question's answer changing on ``on``: the answer before (on the day before) and after,
    and the acts whose state changed that day."""

    on: dt.date
    before: object
    after: object
    acts: list[dict]


def history(k: Knowledge, q: Ask, start: dt.date, end: dt.date) -> tuple[object, list[Change]]:
    """The answer to ``q`` on ``start`` and every change of it after ``start`` up to ``end``."""

    def ask(day: dt.date):
        return k.decide(None, q.asset, day, q.party, q.channel, **q.options())

    days = question_change_dates(k.base, q.asset, start, end, q.party, q.channel, q.action, place=q.place,
                                 device=q.device, purpose=q.purpose, known=k)
    first = previous = ask(start)
    changes = []
    for day in days:
        current = ask(day)
        if answer_key(current) != answer_key(previous):
            changes.append(Change(day, previous, current, _acts(k, q, previous, current, day)))
        previous = current
    return first, changes


def _acts(k: Knowledge, q: Ask, before, after, day: dt.date) -> list[dict]:
    """The events whose state changed on ``day`` in the view the answers are decided on, or in any
    view :meth:`~graph.policy.knowledge.Knowledge.decide` weighs for ``q`` (a disputed date moves an
    event on one source's account and not on another's); described as the counted sources tell them."""
    found: dict[str, dict] = {}
    for H in [k.graph, *k.question_views(q.asset, q.party, q.channel, q.options())]:
        for e in moved_events(H, before, after, day - _DAY, day):
            found.setdefault(e["event"], e)
    G = k.graph
    acts = [{**e, **{f: G.nodes[e["event"]].get(f) for f in ("label", "date_text", "earliest", "latest", "status")
                     if e["event"] in G}} for e in found.values()]
    return sorted(acts, key=lambda a: (a.get("earliest") or "", a.get("latest") or "", str(a.get("label")), a["event"]))


def ask_view(G: nx.MultiDiGraph, q: Ask) -> dict:
    """The question as plain data."""
    return {"party": q.party_id, "party_label": q.party_label, "described": describe_party(G, q),
            "model": {"iri": q.asset, "label": label(G, q.asset)},
            "channel": {"iri": q.channel, "label": label(G, q.channel)} if q.channel else None,
            "action": q.action.split(":", 1)[-1], "place": q.place, "device": q.device, "purpose": q.purpose}


def describe_party(G: nx.MultiDiGraph, q: Ask) -> str:
    """"employed by Acme Korea; nationality KR; in KR; work device; for work"."""
    p = q.party
    parts = []
    if p.party:
        parts.append(label(G, p.party))
    elif p.name:
        parts.append(f"{p.name} (not in the graph)")
    parts += [f"a member of {label(G, g)}" for g in p.member_of]
    parts += [f"not one of {label(G, g)}" for g in p.not_member_of]
    if p.employers_given():
        parts.append("employed by " + " and ".join(label(G, e) if e in G else e for e in p.employers_given()))
    if p.private:
        parts.append("no employer")
    if p.nationality:
        parts.append(f"nationality {p.nationality}")
    if q.place:
        parts.append(f"in {q.place}")
    if q.device:
        parts.append(f"{q.device} device")
    if q.purpose:
        parts.append(f"for {q.purpose}" if q.purpose == "work" else "for private ends")
    return "; ".join(parts) or "anyone"
