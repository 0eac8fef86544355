"""Which answers a change of the data changes: a proposal of new records (``regkg propose``), or
another revision of the data (``regkg compare --against REV``).

Both build the other data into a temporary graph (:func:`graph.store.build.build` into a scratch
home: the current build is never touched), then compare the answers of the two graphs over all
time (:func:`compare_graphs`):

* the questions are a watchlist's, or those the changed records touch: each model or service
  their rules target (or their events affect), asked for each audience their rules are given to
  (and each group they define), in each place they name (a rule's ``spatial`` place, its
  authority's jurisdiction), or with the place left open when they name none;
* for each question, the answer (decision and conditions, :func:`graph.watch.answers.answer_key`)
  is worked out on every date either graph can change it on (:func:`graph.policy.periods
  .question_change_dates`, as known from every source: disputed dates weigh as in ``regkg
  check``), and the spans where the two differ are the changes, each with both answers;
* the **conflicts** the change adds: records two sources now give different dates or statuses of
  (:data:`graph.store.project.DISPUTED`), or more accounts than before;
* the **knowledge horizon** it moves: the newest source of all, and of each model touched.

:class:`Impact` is plain data; :func:`impact_text` words it for a terminal. A change *changes
answers* when some span differs (``regkg propose`` exits 1 then, 0 otherwise, 2 on an error).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph.errors import InputError
from graph.policy.audiences import audiences as audiences_of
from graph.policy.knowledge import Knowledge, knowledge
from graph.policy.periods import question_change_dates
from graph.watch.answers import answer_key, ask_view, brief, label
from graph.watch.questions import Ask, audience_questions

__all__ = ["Impact", "Touched", "compare_graphs", "propose", "compare", "touched_by", "impact_text", "scratch_build",
           "data_at"]

_DAY = dt.timedelta(days=1)
_EPOCH = dt.date(1970, 1, 1)


@dataclasses.dataclass
class Touched:
    """What changed records touch: record ids, and the assets, audiences and places to ask about."""

    records: list[dict]  # {id, kind, change: added / replaced / removed / changed, where}
    assets: list[str]
    audiences: list[str]
    places: list[str]


@dataclasses.dataclass
class Impact:
    """The answers that differ between a graph ``before`` and one ``after``, and what else moved."""

    before: str  # what each graph is (the current data, a proposal, a revision)
    after: str
    touched: dict
    changes: list[dict]  # {question, spans: [{from, to, before, after}]}
    conflicts_added: list[dict]
    horizon: dict  # {before, after, models: [{model, before, after}]}
    questions: int
    built_from: dict = dataclasses.field(default_factory=dict)
    build_seconds: float | None = None

    @property
    def answers_change(self) -> bool:
        return any(c["spans"] for c in self.changes)

    @property
    def exit_code(self) -> int:
        return 1 if self.answers_change else 0

    def to_dict(self) -> dict:
        return {**dataclasses.asdict(self), "answers_change": self.answers_change}


# --------------------------------------------------------------------------- what the records touch

_RULE_KINDS = ("permission", "prohibition")


def _iri(G: nx.MultiDiGraph, rid: str) -> list[str]:
    """The nodes of a record id (ids are one namespace: the last segment of an IRI)."""
    index = _by_local(G)
    return index.get(rid, [])


def _by_local(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    from graph.store.memo import cached

    def build(g):
        out: dict[str, list[str]] = {}
        for n in g.nodes:
            out.setdefault(n.rsplit("/", 1)[-1], []).append(n)
        return out

    return cached(G, "watch-local-ids", build)


def touched_by(graphs: list[nx.MultiDiGraph], records: list[dict]) -> Touched:
    """The assets, audiences and places the records (``{id, kind, ...}``) touch, in either graph."""
    assets, audiences, places = set(), set(), set()
    for G in graphs:
        for rec in records:
            for node in _iri(G, rec["id"]):
                kind = G.nodes[node].get("kind")
                rules = []
                if kind == "policy":
                    rules = [v for _, v, r in G.out_edges(node, data="relation") if r in ("odrl:permission", "odrl:prohibition")]
                elif kind in _RULE_KINDS:
                    rules = [node]
                elif kind == "event":
                    policies = [u for u, _, r in G.in_edges(node, data="relation")
                                if r in ("prov:wasGeneratedBy", "prov:wasInvalidatedBy")]
                    rules = [v for p in policies for _, v, r in G.out_edges(p, data="relation")
                             if r in ("odrl:permission", "odrl:prohibition")]
                    assets |= {v for _, v, r in G.out_edges(node, data="relation") if r == "rkg:affects"
                               and G.nodes[v].get("kind") in ("model", "service")}
                elif kind == "group":
                    audiences.add(node)
                    rules = [u for u, _, r in G.in_edges(node, data="relation") if r == "odrl:assignee"]
                elif kind in ("model", "service"):
                    assets.add(node)
                for rule in rules:
                    assets |= {v for _, v, r in G.out_edges(rule, data="relation") if r == "odrl:target"
                               and G.nodes[v].get("kind") in ("model", "service")}
                    audiences |= {v for _, v, r in G.out_edges(rule, data="relation") if r == "odrl:assignee"}
                    places |= _places(G, rule)
    return Touched(records, sorted(assets), sorted(audiences), sorted(places))


def _places(G: nx.MultiDiGraph, rule: str) -> set[str]:
    """The places a rule names: its ``spatial`` constraints' codes and its authority's jurisdiction."""
    from graph.policy.parties import COUNTRY, constraint_left_operands, party_index

    found = set()
    index = party_index(G)
    for _, c, r in G.out_edges(rule, data="relation"):
        if r == "odrl:constraint":
            for left, rights in constraint_left_operands(index, c):
                if left == "odrl:spatial":
                    found |= {x[len(COUNTRY):] for x in rights if isinstance(x, str) and x.startswith(COUNTRY)}
    policy = next((u for u, _, r in G.in_edges(rule, data="relation") if r in ("odrl:permission", "odrl:prohibition")), None)
    assigner = next((v for _, v, r in G.out_edges(policy, data="relation") if r == "odrl:assigner"), None) if policy else None
    if assigner:
        found |= {v[len(COUNTRY):] for _, v, r in G.out_edges(assigner, data="relation")
                  if r == "rkg:jurisdiction" and v.startswith(COUNTRY)}
    return found


def _questions(before: nx.MultiDiGraph, after: nx.MultiDiGraph, t: Touched) -> list[Ask]:
    auds = [a for a in t.audiences if a in after or a in before]
    asked = []
    for asset in t.assets:
        G = after if asset in after else before
        # the audiences the records name; when they name none (a model's record), the asset's own
        mine = [a for a in auds if a in G] or [a for a in audiences_of(G, asset) if a in G]
        asked += audience_questions(G, [asset], mine, places=tuple(t.places) or (None,))
    return list({q.key + (q.place,): q for q in asked}.values())


# --------------------------------------------------------------------------- comparing two graphs

def _span(pairs: list[tuple[Knowledge, Ask]]) -> tuple[dt.date, dt.date]:
    from graph.policy.periods import change_dates

    days = {d for k, q in pairs for d in change_dates(k.base, q.asset, q.action, known=k)}
    if not days:
        return _EPOCH, _EPOCH
    return min(days) - _DAY, max(days)


def _timeline(k: Knowledge, q: Ask, days: list[dt.date]) -> list:
    return [k.decide(None, q.asset, d, q.party, q.channel, **q.options()) if q.asset in k.base else None for d in days]


def _question_days(k: Knowledge, q: Ask, start: dt.date, end: dt.date) -> set[dt.date]:
    if q.asset not in k.base:
        return set()
    return set(question_change_dates(k.base, q.asset, start, end, q.party, q.channel, q.action, place=q.place,
                                     device=q.device, purpose=q.purpose, known=k))


def compare_graphs(before: nx.MultiDiGraph, after: nx.MultiDiGraph, asked: list[Ask], *, names=("before", "after"),
                   touched: Touched | None = None, same_until: dt.date | None = None) -> Impact:
    """The answers to ``asked`` that differ between two graphs over all time, the conflicts
    ``after`` adds, and the knowledge horizons. ``same_until``: a date before which the caller
    knows the answers cannot differ (:func:`unchanged_before`); they are compared from then on."""
    kb, ka = knowledge(before), knowledge(after)
    start, end = _span([(k, q) for q in asked for k in (kb, ka) if q.asset in k.base])
    if same_until is not None and same_until - _DAY > start:
        start = same_until - _DAY
    changes = []
    for q in asked:
        days = sorted({start} | _question_days(kb, q, start, end) | _question_days(ka, q, start, end))
        old, new = _timeline(kb, q, days), _timeline(ka, q, days)
        spans = []
        for i, day in enumerate(days):
            o, n = old[i], new[i]
            ko = answer_key(o) if o is not None else ("absent",)
            kn = answer_key(n) if n is not None else ("absent",)
            if ko == kn:
                continue
            to = days[i + 1] - _DAY if i + 1 < len(days) else None
            frm = day if i > 0 else None
            view_o = brief(kb.graph, o) if o is not None else {"decision": "absent", "conditions": [], "disputes": []}
            view_n = brief(ka.graph, n) if n is not None else {"decision": "absent", "conditions": [], "disputes": []}
            if spans and spans[-1]["_key"] == (ko, kn) and spans[-1]["to"] == (frm - _DAY).isoformat():
                spans[-1]["to"] = to.isoformat() if to else None
                continue
            spans.append({"_key": (ko, kn), "from": frm.isoformat() if frm else None,
                          "to": to.isoformat() if to else None, "before": view_o, "after": view_n})
        for s in spans:
            s.pop("_key")
        G = after if q.asset in after else before
        changes.append({"question": ask_view(G, q), "spans": spans})
    changes = [c for c in changes if c["spans"]]
    horizon = {"before": kb.newest(), "after": ka.newest(),
               "models": [{"model": label(after if m in after else before, m),
                           "before": kb.horizon(m) if m in before else None,
                           "after": ka.horizon(m) if m in after else None}
                          for m in dict.fromkeys(q.asset for q in asked)]}
    return Impact(names[0], names[1], dataclasses.asdict(touched) if touched else {}, changes,
                  conflicts_added(before, after), horizon, len(asked))


def conflicts_added(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> list[dict]:
    """Records whose dates or status sources dispute in ``after`` and not (or with fewer accounts)
    in ``before``: each with its accounts, and the source that prevails if the data names one."""
    from graph.store.project import prevailing_document

    out = []
    for n, a in after.nodes(data=True):
        claims = a.get("claims")
        if not claims or not a.get("disputed"):
            continue
        old = before.nodes[n].get("claims") if n in before else None
        if old and before.nodes[n].get("disputed") and set(old) >= set(claims):
            continue
        prevails = prevailing_document(after, n)
        out.append({"about": n, "label": a.get("label", n), "disputed": list(a["disputed"]),
                    "accounts": [{"source": label(after, d), "says": {k: v for k, v in says.items()
                                                                      if k in (*a["disputed"], "date_text")}}
                                 for d, says in claims.items()],
                    "prevails": label(after, prevails) if prevails else None})
    return sorted(out, key=lambda c: (str(c["label"]).casefold(), c["about"]))


# --------------------------------------------------------------------------- building the other graph

def scratch_build(data_dir: Path, *, dataset=None, validate: bool = True):
    """Build ``data_dir`` (or ``dataset``) into a new temporary home; returns (home, projection, seconds).
    The caller removes the home (:func:`shutil.rmtree`)."""
    from graph.policy import index_projection
    from graph.store.build import build, load_projection

    home = Path(tempfile.mkdtemp(prefix="regkg-scratch-"))
    try:
        started = time.perf_counter()
        build(data_dir, home, validate=validate, indexer=index_projection, dataset=dataset)
        G = load_projection(home=home, data_dir=data_dir, rebuild=False, indexer=index_projection)
        return home, G, time.perf_counter() - started
    except BaseException:
        shutil.rmtree(home, ignore_errors=True)
        raise


def _records(ds, ids: dict[str, str], change: str) -> list[dict]:
    by_id = ds.by_id()
    return [{"id": rid, "kind": type(by_id[rid]).__name__.lower() if rid in by_id else None, "change": change,
             "where": where} for rid, where in ids.items()]


def unchanged_before(merged, added: dict, replaced: dict) -> dt.date | None:
    """The first date on which records that only *add* events, the policies those events enact,
    sources and statements can change an answer: the earliest bound of the events' dates (any
    account's). Before it, none of the events has begun in any order of events the time rule
    allows, so no rule they put in force or end is in force or ended, and an event they are
    recorded after keeps its own start. ``None`` (compare all time) when a record replaces one, is
    of another kind (a group, an organisation, a model or a channel changes who is who), an added
    policy is enacted by no added event, or an added event has no earliest bound."""
    if replaced:
        return None
    by_id = merged.by_id()
    records = [by_id[i] for i in added if i in by_id]
    kinds = {type(r).__name__ for r in records}
    if not kinds <= {"Source", "Event", "Policy", "Statement"}:
        return None
    events = [r for r in records if type(r).__name__ == "Event"]
    enacted = {p for e in events for p in e.enacts}
    if any(type(r).__name__ == "Policy" and r.id not in enacted for r in records):
        return None
    days = [w.earliest for e in events for w in [e.when, *(v.when for v in e.variants if v.when is not None)]]
    if not days or any(d is None for d in days):
        return None
    return min(days)


def propose(current: nx.MultiDiGraph, data_dir: Path, files: list[Path], *, watchlist=None,
            validate: bool = True) -> Impact:
    """The impact of the records in ``files`` on the answers of the ``current`` graph (of ``data_dir``)."""
    from graph.data.loader import load_proposal
    from graph.watch.questions import questions

    merged, added, replaced = load_proposal(Path(data_dir), list(files))
    home, proposed, seconds = scratch_build(Path(data_dir), dataset=merged, validate=validate)
    try:
        records = _records(merged, added, "added") + _records(merged, replaced, "replaced")
        touched = touched_by([current, proposed], records)
        asked = questions(proposed, watchlist) if watchlist is not None else _questions(current, proposed, touched)
        impact = compare_graphs(current, proposed, asked, names=("the current data", "with the proposal"),
                                touched=touched, same_until=unchanged_before(merged, added, replaced))
        impact.build_seconds = seconds
        return impact
    finally:
        shutil.rmtree(home, ignore_errors=True)


def data_at(data_dir: Path, rev: str, into: Path) -> Path:
    """The data directory as it was at git revision ``rev`` (``git archive``), extracted under ``into``."""
    data_dir = Path(data_dir).resolve()

    def git(*args) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as exc:
            raise InputError(f"git could not run: {exc}") from None

    top = git("rev-parse", "--show-prefix")
    if top.returncode != 0:
        raise InputError(f"{data_dir}: not in a git checkout, so there is no revision to compare against")
    prefix = top.stdout.decode().strip()  # data_dir's path inside the checkout ("data/")
    if git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise InputError(f"unknown git revision '{rev}' (a commit, branch or tag of the checkout of {data_dir})")
    # run in data_dir, git archives that directory alone, with paths relative to it
    archive = git("archive", "--format=tar", rev, "--", ".")
    if archive.returncode != 0:
        raise InputError(f"{data_dir} did not exist at {rev}: {archive.stderr.decode().strip()}")
    import io

    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if not tar.getmembers():
            raise InputError(f"{data_dir} ({prefix or 'the checkout'}) holds no files at {rev}")
        tar.extractall(into, filter="data")
    return into


def compare(current: nx.MultiDiGraph, data_dir: Path, rev: str, *, watchlist=None, validate: bool = True) -> Impact:
    """The answers that changed between the data at git revision ``rev`` and the working data
    (whose graph is ``current``)."""
    from graph.data.loader import load_dataset
    from graph.watch.questions import questions

    scratch = Path(tempfile.mkdtemp(prefix="regkg-compare-"))
    try:
        old_dir = data_at(Path(data_dir), rev, scratch / "tree")
        home, old, seconds = scratch_build(old_dir, validate=validate)
        try:
            then, now = load_dataset(old_dir), load_dataset(Path(data_dir))
            a, b = then.by_id(), now.by_id()
            records = ([{"id": i, "kind": type(b[i]).__name__.lower(), "change": "added", "where": now.origin.get(i)}
                        for i in b if i not in a]
                       + [{"id": i, "kind": type(a[i]).__name__.lower(), "change": "removed", "where": None}
                          for i in a if i not in b]
                       + [{"id": i, "kind": type(b[i]).__name__.lower(), "change": "changed", "where": now.origin.get(i)}
                          for i in b if i in a and a[i] != b[i]])
            touched = touched_by([old, current], sorted(records, key=lambda r: r["id"]))
            asked = questions(current, watchlist) if watchlist is not None else _questions(old, current, touched)
            impact = compare_graphs(old, current, asked, names=(f"the data at {rev}", "the working data"),
                                    touched=touched)
            impact.build_seconds = seconds
            return impact
        finally:
            shutil.rmtree(home, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# --------------------------------------------------------------------------- words

#: Conditions a terminal lists in full; past that, their count (``--format json`` lists them all).
SHOWN_CONDITIONS = 4


def _answer_text(b: dict) -> str:
    from graph.watch.writers import brief_lines

    more = brief_lines(b)
    if len(b["conditions"]) > SHOWN_CONDITIONS or sum(len(x) for x in more) > 600:
        rows = len(b["conditions"])
        more = [f"{rows} conditions, on {', '.join(_facts_named(b))}; --format json lists them"] + \
            [x for x in more if x.startswith("sources disagree")]
    return b["decision"] + (f" ({'; '.join(more)})" if more else "")


def _facts_named(b: dict) -> list[str]:
    return list(dict.fromkeys(part.split(":", 1)[0].strip() for c in b["conditions"] for part in c["if"].split("; ")))


def impact_text(impact: Impact) -> str:
    """The impact as a terminal shows it."""
    out = []
    t = impact.touched
    if t.get("records"):
        out.append("records: " + "; ".join(f"{r['kind'] or 'record'} {r['id']} ({r['change']}"
                                            + (f", {r['where']}" if r.get("where") else "") + ")" for r in t["records"]))
    if impact.build_seconds is not None:
        out.append(f"built a temporary graph of {impact.after if 'proposal' in impact.after else impact.before} in "
                   f"{impact.build_seconds:.1f} s (the current build is untouched)")
    out.append(f"asked {impact.questions} question(s) over all time: {impact.before}, then {impact.after}")
    if not impact.changes:
        out.append("no answer changes")
    for c in impact.changes:
        q = c["question"]
        where = f" in {q['place']}" if q["place"] else ""
        channel = f" through {q['channel']['label']}" if q["channel"] else ""
        out.append(f"\n{q['party_label']}: {q['action']} {q['model']['label']}{channel}{where}")
        shown = []
        for s in c["spans"]:  # neighbouring spans that read the same are one line
            words = (_answer_text(s["before"]), _answer_text(s["after"]))
            if shown and shown[-1][2] == words and shown[-1][1] and s["from"] and \
                    dt.date.fromisoformat(shown[-1][1]) + _DAY == dt.date.fromisoformat(s["from"]):
                shown[-1][1] = s["to"]
                continue
            shown.append([s["from"], s["to"], words])
        for frm, to, (before, after) in shown:
            span = f"{frm or '...'} to {to or '...'}"
            out.append(f"  {span:<26} before: {before}")
            out.append(f"  {'':<26} after:  {after}")
    out.append("")
    if impact.conflicts_added:
        out.append("conflicts added:")
        for x in impact.conflicts_added:
            out.append(f"  - {x['label']}: {', '.join(x['disputed'])}")
            for a in x["accounts"]:
                says = a["says"].get("date_text") or ", ".join(f"{k} {v}" for k, v in a["says"].items())
                out.append(f"      '{a['source']}' says {says}")
            out.append(f"      {'prevails: ' + x['prevails'] if x['prevails'] else 'no source prevails in the data'}")
    else:
        out.append("conflicts added: none")
    h = impact.horizon

    def newest(x):
        return f"'{x['label']}' ({x['earliest'] or '?'}..{x['latest'] or '?'})" if x else "none"

    if h["before"] == h["after"]:
        out.append(f"knowledge horizon: unchanged, {newest(h['after'])}")
    else:
        out.append(f"knowledge horizon: {newest(h['before'])} -> {newest(h['after'])}")
    for m in h["models"]:
        if m["before"] != m["after"]:
            out.append(f"  about {m['model']}: {newest(m['before'])} -> {newest(m['after'])}")
    out.append("answers change" if impact.answers_change else "no answer changes")
    return "\n".join(out) + "\n"
