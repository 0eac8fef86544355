"""A fidelity check you can run again: N events drawn at random, laid out to be checked against their pages.

    .venv/bin/python bench/fidelity.py --n 20 --seed 1                    # Markdown, public record
    .venv/bin/python bench/fidelity.py --n 20 --seed 1 --access-changing  # only events that enact or end policies
    .venv/bin/python bench/fidelity.py --n 5 --seed 3 --all --json        # the seed's events too, as JSON

It measures nothing by itself: it prepares the sample for a person (or a session) who reads each
event's cited pages and judges each field. Issue 20's first check (12 events: 105 of 120 fields
right, 3 wrong, 6 unsupported, 5 missing) was done by hand; this makes the next one repeatable:
the same ``--seed`` on the same data draws the same events.

What it does:

* loads ``data/`` (:func:`graph.data.loader.load_dataset`), takes the events of the public record
  (files under ``data/public-record/``; ``--all`` adds the seed report's), or only those that
  enact or end a policy (``--access-changing``), sorts them by id and draws ``--n`` of them with
  ``random.Random(--seed)``;
* prints, for each: its fields (id, label, type, actor, the date as written with its bounds and
  precision, status, jurisdiction, legal basis, authority, independent sources, what it affects,
  who took part, what it enacts and ends, the other accounts of its date), the rules of the
  policies it enacts or ends (assigner, assignee, action, targets, constraints), every quote
  (of the date, of each rule, of each constraint: its words and the page they are on), and every
  page it or its policies cite (URL, title, publisher, publication date, what it relays);
* ends with a blank tally table (field: right / wrong / unsupported / missing) to fill in.

The fields tallied are :data:`FIELDS`: the ten of the first check, plus ``quotes`` (does each
quote appear on its page, and say what the rule or date says). "unsupported" is a value no cited
page gives; "missing" an important detail a cited page gives that the record leaves out.

Output is Markdown (default) or JSON (``--json``), on stdout.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.data.loader import Dataset, load_dataset  # noqa: E402
from graph.data.paths import default_data_dir  # noqa: E402

#: The fields a reader judges for each event (the rows of the tally table).
FIELDS: tuple[str, ...] = ("label", "type", "actor", "when", "status", "jurisdiction", "legal_basis",
                           "authority", "independent_sources", "rules", "quotes")
VERDICTS: tuple[str, ...] = ("right", "wrong", "unsupported", "missing")
PUBLIC_RECORD = "public-record"


# -- the draw -----------------------------------------------------------------------------------

def _file_of(ds: Dataset, record_id: str) -> Path:
    return Path(ds.origin[record_id].rsplit(":", 1)[0]).resolve()


def pool(ds: Dataset, data_dir: Path, *, only_public_record: bool = True, access_changing: bool = False) -> list:
    """The events a draw is made from, sorted by id (so the draw depends only on the seed and the data)."""
    public = (data_dir / PUBLIC_RECORD).resolve()
    events = []
    for event in ds.records("events"):
        if only_public_record and public not in _file_of(ds, event.id).parents:
            continue
        if access_changing and not (event.enacts or event.ends):
            continue
        events.append(event)
    return sorted(events, key=lambda e: e.id)


def draw(events: list, n: int, seed: int) -> list:
    """``n`` events drawn without replacement (all of them, in drawn order, when there are fewer)."""
    return random.Random(seed).sample(events, min(n, len(events)))


# -- what to print for one event ----------------------------------------------------------------

def _when(when) -> dict | None:
    if when is None:
        return None
    return {"text": when.text, "earliest": _iso(when.earliest), "latest": _iso(when.latest),
            "precision": when.precision, "quote": _quote(when.quote)}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _quote(quote) -> dict | None:
    return {"text": quote.text, "source": quote.source} if quote is not None else None


def _constraint(c) -> dict:
    if hasattr(c, "left"):
        right = c.right if isinstance(c.right, list) else (_iso(c.right) if hasattr(c.right, "isoformat") else c.right)
        return {"left": c.left, "operator": c.operator, "right": right, "quote": _quote(c.quote)}
    return {"operator": c.operator, "operands": [_constraint(o) for o in c.operands], "quote": _quote(c.quote)}


def _name(by_id: dict, ref: str | None) -> str | None:
    record = by_id.get(ref) if ref else None
    return getattr(record, "name", None) or getattr(record, "label", None)


def _rule(kind: str, rule, by_id: dict) -> dict:
    return {"kind": kind, "id": rule.id, "assignee": rule.assignee, "assignee_name": _name(by_id, rule.assignee),
            "action": rule.action, "targets": list(rule.target),
            "target_names": [_name(by_id, t) for t in rule.target], "constraints": [_constraint(c) for c in rule.constraints],
            "duties": [{"action": d.action, "constraints": [_constraint(c) for c in d.constraints]}
                       for d in rule.duties],
            "quote": _quote(rule.quote), "extraterritorial": _quote(rule.extraterritorial), "note": rule.note}


def _policy(policy, by_id: dict) -> dict:
    return {"id": policy.id, "label": policy.label, "assigner": policy.assigner,
            "assigner_name": _name(by_id, policy.assigner), "status": policy.status,
            "complies_with": list(policy.complies_with), "sources": list(policy.sources),
            "description": policy.description, "note": policy.note,
            "rules": [_rule("permission", r, by_id) for r in policy.permissions]
                     + [_rule("prohibition", r, by_id) for r in policy.prohibitions]}


def _constraint_quotes(where: str, constraints: list, required: bool = True) -> list[dict]:
    """The quotes of a rule's constraints, and an absent one (``text`` None) where one is required: on
    every constraint, except the operands of a logical constraint that carries one for them all."""
    found = []
    for i, c in enumerate(constraints):
        at = f"{where}, constraint {i + 1}"
        if c.quote is not None:
            found.append({"of": at, **_quote(c.quote)})
        elif required and hasattr(c, "left"):
            found.append({"of": at, "text": None, "source": None})
        if not hasattr(c, "left"):
            found += _constraint_quotes(at, c.operands, required=required and c.quote is None)
    return found


def _quotes(event, policies: list) -> list[dict]:
    """Every quote of the event and its policies, and every place one is required and absent
    (``text`` None): a date, a rule, a constraint."""
    found = [{"of": "date", **(_quote(event.when.quote) or {"text": None, "source": None})}]
    for i, variant in enumerate(event.variants):
        if variant.when is not None:
            found.append({"of": f"date, variant {i + 1}",
                          **(_quote(variant.when.quote) or {"text": None, "source": None})})
    for policy in policies:
        for kind, rules in (("permission", policy.permissions), ("prohibition", policy.prohibitions)):
            for rule in rules:
                at = f"{policy.id}: {kind} {rule.id}"
                found.append({"of": at, **(_quote(rule.quote) or {"text": None, "source": None})})
                if rule.extraterritorial is not None:
                    found.append({"of": f"{at} (extraterritorial)", **_quote(rule.extraterritorial)})
                found += _constraint_quotes(at, rule.constraints)
    return found


def _cited(event, policies: list) -> list[str]:
    """Every '<doc>#<section>' the event, its date variants, its policies and its quotes cite, in order."""
    cited: list[str] = []
    for src in [*event.sources, *(s for v in event.variants for s in v.sources),
                *(s for p in policies for s in p.sources)]:
        if src not in cited:
            cited.append(src)
    return cited


def _page(by_id: dict, ref: str) -> dict:
    doc_id, _, section = ref.partition("#")
    doc = by_id.get(doc_id)
    publisher = by_id.get(doc.publisher) if doc is not None else None
    return {
        "cited": ref, "document": doc_id, "section": section,
        "url": doc.url if doc is not None else None,
        "title": doc.title if doc is not None else None,
        "publisher": publisher.name if publisher is not None else (doc.publisher if doc else None),
        "date": _when(doc.date) if doc is not None else None,
        "language": doc.language if doc is not None else None,
        "citation": doc.citation if doc is not None else None,
        "relays": doc.relays if doc is not None else None,
        "relays_external": doc.relays_external if doc is not None else None,
    }


def _written_in(ds: Dataset, record_id: str) -> str | None:
    """Where a record is written, relative to the checkout when it is in one ("data/...yaml:12")."""
    origin = ds.origin.get(record_id)
    if origin is None:
        return None
    path, _, line = origin.rpartition(":")
    try:
        path = str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        pass
    return f"{path}:{line}"


def describe(ds: Dataset, event, by_id: dict | None = None) -> dict:
    """Everything a reader checks for one event, as plain data."""
    by_id = by_id if by_id is not None else ds.by_id()
    actor = by_id.get(event.actor)
    policies = [by_id[p] for p in [*event.enacts, *event.ends] if p in by_id]
    return {
        "id": event.id, "label": event.label, "type": event.type,
        "actor": {"id": event.actor, "name": getattr(actor, "name", None)},
        "when": _when(event.when), "status": event.status,
        "jurisdiction": event.jurisdiction, "legal_basis": event.legal_basis, "authority": event.authority,
        "independent_sources": event.independent_sources,
        "affects": list(event.affects), "audience": event.audience, "participants": list(event.participants),
        "channels": list(event.channels), "at_request_of": event.at_request_of, "after": list(event.after),
        "enacts": list(event.enacts), "ends": list(event.ends),
        "variants": [{"sources": list(v.sources), "when": _when(v.when), "status": v.status} for v in event.variants],
        "prevails": ({"source": event.prevails.source, "because": event.prevails.because}
                     if event.prevails is not None else None),
        "inferred_from": ({"passage": event.inferred_from.passage, "reasoning": event.inferred_from.reasoning}
                          if event.inferred_from is not None else None),
        "description": event.description, "note": event.note, "written_in": _written_in(ds, event.id),
        "policies": [_policy(p, by_id) for p in policies],
        "quotes": _quotes(event, policies),
        "pages": [_page(by_id, ref) for ref in _cited(event, policies)],
    }


def blank_tally() -> dict[str, dict[str, None]]:
    return {field: {verdict: None for verdict in VERDICTS} for field in FIELDS}


# -- Markdown -----------------------------------------------------------------------------------

def _md_when(when: dict | None) -> str:
    if when is None:
        return "—"
    bounds = f"{when['earliest'] or '…'} .. {when['latest'] or '…'}"
    return f"{when['text']} ({bounds}, precision {when['precision']})"


def _md_constraint(c: dict) -> str:
    if "left" in c:
        right = ", ".join(map(str, c["right"])) if isinstance(c["right"], list) else c["right"]
        return f"{c['left']} {c['operator']} {right}"
    return f"{c['operator']}(" + "; ".join(_md_constraint(o) for o in c["operands"]) + ")"


def _named(ref: str, name: str | None) -> str:
    return f"{ref} ({name})" if name and name != ref else ref


def _md_list(values: list) -> str:
    return ", ".join(map(str, values)) if values else "—"


def _md_value(value) -> str:
    return "—" if value in (None, "", []) else str(value)


def markdown(report: dict) -> str:
    out = [f"# Fidelity check: {len(report['events'])} events drawn with seed {report['seed']}", ""]
    out += [f"Drawn from {report['pool_size']} events ({report['pool']}), data `{report['data']}`. "
            "For each event, open every cited page and judge each field of the tally: right, wrong, "
            "unsupported (no cited page gives it) or missing (a cited page gives an important detail "
            "the record leaves out). A quote must be on its page word for word.", ""]
    for i, e in enumerate(report["events"], 1):
        out += [f"## {i}. `{e['id']}`: {e['label']}", ""]
        rows = [("type", e["type"]), ("actor", _named(e["actor"]["id"], e["actor"]["name"])),
                ("when", _md_when(e["when"])), ("status", e["status"]), ("jurisdiction", e["jurisdiction"]),
                ("legal basis", e["legal_basis"]), ("authority", e["authority"]),
                ("independent sources", e["independent_sources"]), ("affects", _md_list(e["affects"])),
                ("audience", e["audience"]), ("participants", _md_list(e["participants"])),
                ("channels", _md_list(e["channels"])), ("at request of", e["at_request_of"]),
                ("after", _md_list(e["after"])), ("enacts", _md_list(e["enacts"])), ("ends", _md_list(e["ends"]))]
        out += [f"- **{name}**: {_md_value(value)}" for name, value in rows]
        for j, v in enumerate(e["variants"], 1):
            what = "; ".join(x for x in [f"when {_md_when(v['when'])}" if v["when"] else "",
                                         f"status {v['status']}" if v["status"] else ""] if x)
            out.append(f"- **variant {j}** ({_md_list(v['sources'])}): {what}")
        if e["prevails"]:
            out.append(f"- **prevails**: {e['prevails']['source']}, because {e['prevails']['because']}")
        if e["inferred_from"]:
            out.append(f"- **inferred from**: {e['inferred_from']['passage']} "
                       f"(reasoning: {e['inferred_from']['reasoning']})")
        for name in ("description", "note"):
            if e[name]:
                out.append(f"- **{name}**: {' '.join(e[name].split())}")
        out.append(f"- **written in**: `{e['written_in']}`")
        out += ["", "### Rules", ""]
        if not e["policies"]:
            out.append("(the event enacts and ends no policy)")
        for p in e["policies"]:
            out.append(f"- policy `{p['id']}` ({p['label']}): assigner {_named(p['assigner'], p['assigner_name'])}, "
                       f"status {p['status']}"
                       + (f", complies with {_md_list(p['complies_with'])}" if p["complies_with"] else ""))
            for name in ("description", "note"):
                if p[name]:
                    out.append(f"  - {name}: {' '.join(p[name].split())}")
            for r in p["rules"]:
                constraints = "; ".join(_md_constraint(c) for c in r["constraints"]) or "none"
                targets = ", ".join(_named(t, n) for t, n in zip(r["targets"], r["target_names"]))
                out.append(f"  - {r['kind']} `{r['id']}`: {_named(r['assignee'], r['assignee_name'])} — "
                           f"{r['action']} — {targets}; constraints: {constraints}"
                           + (f"; duties: {_md_list([d['action'] for d in r['duties']])}" if r["duties"] else "")
                           + (f" (note: {' '.join(r['note'].split())})" if r["note"] else ""))
        out += ["", "### Quotes", ""]
        urls = {pg["cited"]: pg["url"] for pg in e["pages"]}
        for q in e["quotes"]:
            if q["text"] is None:
                out.append(f"- {q['of']}: **no quote**")
            else:
                where = q["source"] + (f" <{urls[q['source']]}>" if urls.get(q["source"]) else "")
                out.append(f"- {q['of']}: “{q['text']}” ({where})")
        out += ["", "### Cited pages", ""]
        for pg in e["pages"]:
            date = _md_when(pg["date"]) if pg["date"] else "—"
            relays = "".join([f"; relays {pg['relays']}" if pg["relays"] else "",
                              f"; relays (external) {pg['relays_external']}" if pg["relays_external"] else ""])
            where = pg["url"] or pg["citation"] or "no URL (a document without one)"
            out.append(f"- `{pg['cited']}`: {where}: “{pg['title']}”, {pg['publisher']}, {date}"
                       f"{', ' + pg['language'] if pg['language'] else ''}{relays}")
        out.append("")
    out += ["## Tally (fill in)", "",
            f"Counts over the {len(report['events'])} events drawn.", "",
            "| field | " + " | ".join(VERDICTS) + " |", "|---|" + "---|" * len(VERDICTS)]
    out += [f"| {field} |" + "  |" * len(VERDICTS) for field in FIELDS]
    out += [f"| **total** |" + "  |" * len(VERDICTS), ""]
    return "\n".join(out)


# -- main ---------------------------------------------------------------------------------------

def build_report(data_dir: Path, n: int, seed: int, *, only_public_record: bool, access_changing: bool) -> dict:
    ds = load_dataset(data_dir)
    events = pool(ds, data_dir, only_public_record=only_public_record, access_changing=access_changing)
    drawn = draw(events, n, seed)
    by_id = ds.by_id()
    what = " ".join(x for x in ["the public record" if only_public_record else "all of data/",
                                "(access-changing events only)" if access_changing else ""] if x)
    return {"seed": seed, "n": n, "data": str(data_dir), "pool": what, "pool_size": len(events),
            "only_public_record": only_public_record, "access_changing": access_changing,
            "events": [describe(ds, e, by_id) for e in drawn], "fields": list(FIELDS), "tally": blank_tally()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="how many events to draw (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (default 1)")
    parser.add_argument("--data", type=Path, default=None, help="the data directory (default: regkg's data/, or $REGKG_DATA)")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--only-public-record", dest="only_public_record", action="store_true", default=True,
                       help="draw among the events of data/public-record/ (the default)")
    scope.add_argument("--all", dest="only_public_record", action="store_false",
                       help="draw among every event of data/, the seed report's included")
    parser.add_argument("--access-changing", action="store_true",
                        help="draw only among events that enact or end a policy")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    data_dir = (args.data or default_data_dir()).resolve()
    report = build_report(data_dir, args.n, args.seed, only_public_record=args.only_public_record,
                          access_changing=args.access_changing)
    if not report["events"]:
        print(f"no events to draw from in {report['pool']}", file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
