"""Every saved query answers what the data says, on pyoxigraph and on rdflib alike.

Expectations come from the loaded YAML records (graph.data.loader), never from hard-coded answers, so
the checks keep holding as colleagues add data.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import rdflib

from graph.data.loader import load_dataset
from graph.data.paths import default_data_dir
from graph.data.vocab import RDF, RDFS, RKG, concept, iri
from graph.errors import InputError, NotFoundError
from graph.sparql.queries import bind_params, get_query, load_queries, parse_header, run_saved
from graph.store.stores import RdflibStore, canonical

QUERIES = load_queries()


@pytest.fixture(scope="module")
def ds():
    return load_dataset(default_data_dir())


@pytest.fixture(scope="module")
def rdflib_store(store):
    """The same dataset in rdflib: the default graph and every source document's named graph."""
    other = RdflibStore(rdflib.Dataset())
    other.load(store.dump("nq"), "nq")
    return other


def col(result, name):
    i = result.variables.index(name)
    return [row[i] for row in result.rows]


def pairs(result, a, b):
    return set(zip(col(result, a), col(result, b)))


def ids(kind, records):
    return {iri(kind, r.id) for r in records}


def government(ds):
    return {o.id for o in ds.records("organizations") if o.kind in ("government", "regulator")}


def rules_of(ds):
    for p in ds.records("policies"):
        for kind, rules in (("Permission", p.permissions), ("Prohibition", p.prohibitions)):
            for r in rules:
                yield p, kind, r


def expect_government_actions(ds, r):
    gov = government(ds)
    events = [e for e in ds.records("events") if e.actor in gov]
    models = {m.id for m in ds.records("models")}
    want = set()
    for e in events:
        hit = [iri("models", m) for m in e.affects if m in models] or [None]
        want |= {(iri("events", e.id), m) for m in hit}
    assert pairs(r, "event", "model") == want
    dates = {(str(ev), str(t)) for ev, t in pairs(r, "event", "dateText")}
    assert dates == {(str(iri("events", e.id)), e.when.text) for e in events}


def expect_model_history(ds, r, model="claude-mythos-5"):
    want = {iri("events", e.id) for e in ds.records("events") if model in e.affects}
    assert set(col(r, "event")) == want and set(col(r, "model")) == {iri("models", model)}


def expect_model_offers(ds, r):
    groups = {g.id for g in ds.records("groups")}
    want = set()
    for p, kind, rule in rules_of(ds):
        if rule.assignee in groups:
            want |= {(iri("models", t), iri("groups", rule.assignee)) for t in rule.target}
    assert pairs(r, "model", "audience") == want
    channels = {c for c in col(r, "channel") if c is not None}
    want_channels = {iri("channels", ch) for _, _, rule in rules_of(ds) for c in rule.constraints
                     if getattr(c, "left", None) == "deliveryChannel" for ch in c.right}
    assert channels == want_channels


def expect_plans_vs_events(ds, r):
    from graph.policy.state import OCCURRING

    statuses = {"planned", "forecast", *OCCURRING}
    want = ids("events", [e for e in ds.records("events") if e.status in statuses])
    want |= ids("statements", [s for s in ds.records("statements") if s.status in statuses])
    assert set(col(r, "record")) == want


def section_records(ds, section):
    out = set()
    for kind in ("organizations", "people", "models", "groups", "channels", "events", "policies",
                 "statements", "prices", "scores"):
        out |= ids(kind, [x for x in ds.records(kind) if section in x.sources])
    for p, _, rule in rules_of(ds):
        if section in p.sources:
            out.add(iri("rules", rule.id))
    for f in ds.records("figures"):
        if section in f.sources:
            out.add(iri("figures", f.id))
            out |= {iri("figures", f"{f.id}/{'-'.join(str(k).lower().split())}") for k in f.values}
    return out


def expect_section_records(ds, r, section="samsung-2026-global-ai#s3"):
    assert set(col(r, "record")) == section_records(ds, section)


def expect_sec_filings(ds, r):
    events = [e for e in ds.records("events") if e.type == "sec-filing"]
    assert pairs(r, "event", "filer") == {(iri("events", e.id), iri("organizations", e.actor)) for e in events}


def expect_prices(ds, r):
    got = {(m, Decimal(str(i)), Decimal(str(o))) for m, i, o in zip(col(r, "model"), col(r, "input"), col(r, "output"))}
    assert got == {(iri("models", p.model), Decimal(repr(p.input)), Decimal(repr(p.output))) for p in ds.records("prices")}
    outputs = [Decimal(str(o)) for o in col(r, "output")]
    assert outputs == sorted(outputs)


def expect_benchmark_scores(ds, r):
    got = {(m, str(b), Decimal(str(v))) for m, b, v in zip(col(r, "model"), col(r, "benchmark"), col(r, "value"))}
    assert got == {(iri("models", s.model), s.benchmark, Decimal(repr(s.value))) for s in ds.records("scores")}


def expect_models(ds, r):
    orgs = {o.id: o for o in ds.records("organizations")}
    want = {(iri("models", m.id), concept("openness", m.openness)) for m in ds.records("models")}
    assert pairs(r, "model", "openness") == want
    countries = {m: c for m, c in pairs(r, "model", "country")}
    for m in ds.records("models"):
        code = orgs[m.developer].country if m.developer else None
        assert countries[iri("models", m.id)] == (iri("countries", code) if code else None)


def expect_open_weight_adopters(ds, r):
    orgs = {o.id: o for o in ds.records("organizations")}
    open_models = {m.id for m in ds.records("models") if m.openness == "open-weights"}
    want = {(iri("organizations", e.actor), iri("models", m)) for e in ds.records("events")
            if e.type == "model-adoption" and orgs[e.actor].kind in ("company", "publisher", "media")
            for m in e.affects if m in open_models}
    assert pairs(r, "company", "model") == want and want


def expect_imprecise_dates(ds, r):
    want = ids("events", [e for e in ds.records("events") if e.when.precision != "day"])
    want |= ids("statements", [s for s in ds.records("statements") if s.when and s.when.precision != "day"])
    assert set(col(r, "record")) == want


def expect_financial_figures(ds, r, company="openai"):
    want = {(f.measure, str(k), Decimal(repr(float(v))).normalize()) for f in ds.records("figures")
            if f.subject == company for k, v in f.values.items()}
    got = {(str(m), str(p), Decimal(str(v)).normalize())
           for m, p, v in zip(col(r, "measure"), col(r, "period"), col(r, "value"))}
    assert got == want and set(col(r, "company")) == {iri("organizations", company)}


def expect_groups(ds, r):
    assert set(col(r, "group")) == ids("groups", ds.records("groups"))


def expect_statements_by_status(ds, r, status="forecast"):
    assert set(col(r, "statement")) == ids("statements", [s for s in ds.records("statements") if s.status == status])


def expect_rules(ds, r):
    want = {(iri("policies", p.id), iri("rules", rule.id), iri("models", t))
            for p, _, rule in rules_of(ds) for t in rule.target}
    assert set(zip(col(r, "policy"), col(r, "rule"), col(r, "target"))) == want
    enacting = {(iri("policies", pol), iri("events", e.id)) for e in ds.records("events") for pol in e.enacts}
    assert {x for x in pairs(r, "policy", "enactedBy") if x[1] is not None} == enacting


def _accounts(record) -> list[tuple[set[str], dict]]:
    """(documents, compared values) of a record's own account and of each variant's."""
    def values(x):
        when = getattr(x, "when", None)
        return {"earliest": when and when.earliest, "latest": when and when.latest, "status": x.status,
                **{k: getattr(x, k, None) for k in ("value", "input", "output")}}

    own = [({s.split("#")[0] for s in record.sources}, values(record))]
    return own + [({s.split("#")[0] for s in v.sources}, values(record.model_copy(update=v.replacements())))
                  for v in getattr(record, "variants", [])]


def expect_conflicts(ds, r):
    want = set()
    for kind in ("events", "statements", "policies", "prices", "scores"):
        for record in ds.records(kind):
            accounts = _accounts(record)
            keys = {k for _, v in accounts for k in v}
            if any(len({v[k] for _, v in accounts if v[k] is not None}) > 1 for k in keys):
                want.add(iri(kind, record.id))
    assert set(col(r, "record")) == want


def expect_event_sources(ds, r, event="export-control-directive"):
    [e] = [x for x in ds.records("events") if x.id == event]
    assert set(col(r, "source")) == {iri("sources", d) for docs, _ in _accounts(e) for d in docs}
    assert set(col(r, "event")) == {iri("events", event)}


# ---- the public record's queries (issue 11): empty on the seed, which records no jurisdiction,
# legal basis or independent-source count; tests/test_public_record.py runs them on data/ whole.

def expect_actions_by_jurisdiction(ds, r):
    want = {(iri("events", e.id), e.jurisdiction) for e in ds.records("events") if e.jurisdiction}
    assert {(ev, str(j)) for ev, j in pairs(r, "event", "jurisdiction")} == want


def expect_actions_by_legal_basis(ds, r, basis="privacy"):
    assert set(col(r, "event")) == ids("events", [e for e in ds.records("events") if e.legal_basis == basis])
    assert set(col(r, "basis")) <= {concept("legal-basis", basis)}


def _happened(account) -> bool:
    from graph.policy.state import OCCURRING

    return account["status"] in OCCURRING


def expect_restrictions_in_force(ds, r, on="2025-03-01"):
    """Certainly in force: every account of the enacting event happened by ``on``; no account of
    a dated ending event may have happened by then."""
    import datetime as dt

    day = dt.date.fromisoformat(on)
    events = {e.id: [v for _, v in _accounts(e)] for e in ds.records("events")}
    enacted = {p for e in ds.records("events") for p in e.enacts
               if all(_happened(a) and a["latest"] is not None and a["latest"] <= day for a in events[e.id])}
    ended = {p for e in ds.records("events") for p in e.ends
             if any(_happened(a) and a["earliest"] is not None and a["earliest"] <= day for a in events[e.id])}
    want = {iri("policies", p.id) for p in ds.records("policies") if p.prohibitions and p.id in enacted - ended}
    assert set(col(r, "policy")) == want


def expect_order_to_restoration(ds, r):
    """Each ended prohibition with its order and restoration; the days are the dates' difference."""
    from graph.policy.state import OCCURRING

    events = {e.id: e for e in ds.records("events")}
    want = {(iri("policies", p.id), iri("events", a), iri("events", b))
            for p in ds.records("policies") if p.prohibitions
            for a in [e.id for e in events.values() if p.id in e.enacts and e.status in OCCURRING]
            for b in [e.id for e in events.values() if p.id in e.ends and e.status in OCCURRING]
            if events[a].when.earliest and events[b].when.latest}
    assert want <= set(zip(col(r, "policy"), col(r, "order"), col(r, "restoration")))
    for start, end, days in zip(col(r, "ordered"), col(r, "restored"), col(r, "days")):
        assert (end.toPython() - start.toPython()).days == int(days)


def expect_single_source_events(ds, r):
    assert set(col(r, "event")) == ids("events", [e for e in ds.records("events") if e.independent_sources == 1])


def expect_source_documents(ds, r):
    assert set(col(r, "source")) == ids("sources", ds.records("sources"))
    assert all(int(n) > 0 for n in col(r, "triples"))


def expect_source_records(ds, r, source="samsung-2026-global-ai"):
    [doc] = [d for d in ds.records("sources") if d.id == source]
    want = set().union(*(section_records(ds, f"{source}#{sec.id}") for sec in doc.sections))
    assert set(col(r, "record")) == want


def expect_organization_events(ds, r, org="anthropic"):
    want = set()
    for e in ds.records("events"):
        ev = iri("events", e.id)
        want |= {("actor", ev)} if e.actor == org else set()
        want |= {("participant", ev)} if org in e.participants else set()
        want |= {("requester", ev)} if e.at_request_of == org else set()
    assert {(str(role), ev) for role, ev in pairs(r, "role", "event")} == want


def expect_event_order(ds, r):
    want = {(iri("events", e.id), iri("events", a)) for e in ds.records("events") for a in e.after}
    assert pairs(r, "event", "follows") == want


def expect_model_restricted(ds, r, model="fable-5"):
    assert r.boolean == any(model in rule.target for p in ds.records("policies") for rule in p.prohibitions)


def expect_model_neighbourhood(ds, r, model="gpt-5-6"):
    node = iri("models", model)
    affects = {s for s, p, o in r.triples if o == node and str(p).endswith("#affects")}
    assert affects == {iri("events", e.id) for e in ds.records("events") if model in e.affects}


def expect_counts(ds, r):
    counts = {str(c).rsplit("#", 1)[-1]: int(n) for c, n in zip(col(r, "class"), col(r, "records"))}
    for cls, kind in (("AIModel", "models"), ("Event", "events"), ("Statement", "statements"),
                      ("Price", "prices"), ("AccessPolicy", "policies")):
        assert counts.get(cls, 0) == len(ds.records(kind)), cls


CHECKS = {name[len("expect_"):].replace("_", "-"): f for name, f in globals().items() if name.startswith("expect_")}


def test_library_is_complete():
    assert len(QUERIES) >= 15
    assert set(CHECKS) == set(QUERIES), "every saved query needs a check here, and every check a query"


# Empty on the seed, which has one source document (conflicts: tests/test_knowledge.py runs it where two
# disagree) and no jurisdiction, legal basis or source count (the public record's: tests/test_public_record.py).
EMPTY_ON_SEED = {"conflicts", "actions-by-jurisdiction", "actions-by-legal-basis", "restrictions-in-force",
                 "order-to-restoration", "single-source-events"}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_saved_query_answers_the_data(name, store, ds):
    result = run_saved(store, name)
    if result.kind == "select" and name not in EMPTY_ON_SEED:
        assert result.rows, f"{name} returned nothing on the seed data"
    CHECKS[name](ds, result)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_rdflib_and_pyoxigraph_agree(name, store, rdflib_store):
    q = QUERIES[name]
    bindings = bind_params(q, {}, store)
    assert canonical(store.query(q.text, bindings)) == canonical(rdflib_store.query(q.text, bindings))


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_header_has_question_and_example(name):
    q = QUERIES[name]
    assert q.question.endswith("?") and q.example
    for p in q.params:
        assert p.default and p.help and f"?{p.name}" in q.text


def test_parameters_are_bound_by_name(store, ds):
    expect_model_history(ds, run_saved(store, "model-history", {"model": "Fable 5"}), "fable-5")
    expect_section_records(ds, run_saved(store, "section-records", {"section": "s1"}), "samsung-2026-global-ai#s1")
    expect_statements_by_status(ds, run_saved(store, "statements-by-status", {"status": "opinion"}), "opinion")
    expect_organization_events(ds, run_saved(store, "organization-events", {"organization": "Zhipu AI"}), "z-ai")
    expect_model_restricted(ds, run_saved(store, "model-restricted", {"model": "GPT-5.6"}), "gpt-5-6")


def test_bad_parameters_are_refused(store):
    q = get_query("model-history")
    with pytest.raises(InputError, match="no parameter 'colour'"):
        bind_params(q, {"colour": "red"}, store)
    with pytest.raises(NotFoundError, match="unknown model 'mythos 9'"):
        bind_params(q, {"model": "mythos 9"}, store)
    with pytest.raises(InputError, match="must be one of"):
        bind_params(get_query("statements-by-status"), {"status": "rumoured"}, store)
    missing = q.__class__(q.name, q.question, (q.params[0].__class__("model", "model"),), q.example, q.text)
    with pytest.raises(InputError, match="needs parameter 'model'"):
        bind_params(missing, {}, store)


def test_injection_shaped_value_is_only_data(store):
    """A value that looks like SPARQL stays one literal: the query text never changes."""
    from graph.sparql.queries import Param, to_term

    hostile = '" } ; DROP ALL ; SELECT * { ?s ?p ?o } #'
    term = to_term(Param("x", "string"), hostile)
    result = store.query("SELECT ?x WHERE { ?s ?p ?x }", {"x": term})
    assert result.rows == []  # no triple has that literal as object; nothing else ran


def test_header_parse_errors_name_the_file():
    with pytest.raises(InputError, match="no '# Question:'"):
        parse_header("SELECT * WHERE { ?s ?p ?o }", "x.rq")
    with pytest.raises(InputError, match="unknown type 'colour'"):
        parse_header("# Question: Q?\n# Parameters:\n#   x (colour) - c\nASK {}", "x.rq")


# Listings an analyst reads top to bottom, and the variables their rows are ordered by. Their
# ORDER BY is one computed key (fast on the on-disk store); the order must stay SPARQL's term order
# on these variables: unbound first, then IRIs by their characters.
LISTING_ORDER = {
    "plans-vs-events": ["status", "class", "record"],
    "rules": ["policy", "rule", "target"],
    "model-offers": ["model", "policy", "audience", "channel"],
    "imprecise-dates": ["precision", "record"],
    "groups": ["group", "leftOperand"],
    "models": ["country", "developer", "model"],
}


@pytest.mark.parametrize("name", sorted(LISTING_ORDER))
def test_listing_rows_come_in_documented_order(name, store):
    result = run_saved(store, name)
    columns = [result.variables.index(v) for v in LISTING_ORDER[name]]
    keys = [tuple((row[i] is not None, str(row[i] or "")) for i in columns) for row in result.rows]
    assert len(result.rows) > 5 and keys == sorted(keys)
    assert len(set(keys)) > 1, "the order must be tested on rows that differ"


def test_names_added_to_a_writable_store_resolve_at_once(store):
    """Only a read-only build caches names: a store still being loaded must see what it gains."""
    from graph.sparql.queries import resolve_name
    from graph.store.stores import OxigraphStore

    scratch = OxigraphStore()
    scratch.load(store.dump("nt"), "nt")
    with pytest.raises(NotFoundError):
        resolve_name(scratch, "model", "Brand New Model 9")
    new = iri("models", "brand-new-model-9")
    scratch.load(f'<{new}> <{RDF.type}> <{RKG.AIModel}> .\n<{new}> <{RDFS.label}> "Brand New Model 9" .'.encode(), "nt")
    assert resolve_name(scratch, "model", "brand new model 9") == new
    assert store.immutable and not scratch.immutable


def test_names_of_a_build_are_kept_for_the_next_process(tmp_path):
    """A fresh process resolves a name from the names kept beside the build, and a damaged file
    is read again from the store."""
    from graph.store.build import open_graph
    from graph.store.resource_names import _NAMES, NAMED_CLASSES, resolve_name

    first = open_graph(home=tmp_path)
    made = list(first.path.parent.glob("names-*.pickle"))
    assert len(made) == len(NAMED_CLASSES), "a build keeps the names of every kind, and of services"
    for path in made:  # as a bulk-loaded or older build would be: kept on first use
        path.unlink()
    expected = resolve_name(first, "model", "mythos 5")
    kept = list(first.path.parent.glob("names-*.pickle"))
    assert len(kept) == 2  # a model is asked among models and services
    _NAMES.clear()
    kept[0].write_bytes(b"not a pickle")
    again = open_graph(home=tmp_path, rebuild=False)
    assert resolve_name(again, "model", "mythos 5") == expected
    _NAMES.clear()
    assert resolve_name(open_graph(home=tmp_path, rebuild=False), "model", "claude mythos 5") == expected
    assert kept[0].read_bytes() != b"not a pickle"  # written again, whole
