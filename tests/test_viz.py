"""The HTML graph browser without a browser: escaping, offline-ness, data, as-of states, CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import re

import networkx as nx
import pytest

from graph.errors import InputError, NotFoundError
from graph.policy import state
from graph.policy.access import decide
from graph.policy.audiences import audiences, models
from graph.policy.knowledge import knowledge
from graph.policy.parties import PartyAttributes
from graph.policy.periods import audience_party
from viz.access import access_table, caveat_template, cell_answer, cell_json, employer_asked, full_matrix
from viz.graphdata import jurisdictions
from viz.render import page_data, render_html, rule_policy, rule_states
from viz.sample import synthetic_projection

ID = "https://w3id.org/regkg/id/"
MYTHOS = ID + "model/claude-mythos-5"
FABLE = ID + "model/fable-5"
DIRECTIVE = ID + "event/export-control-directive"
SUSPENSION_RULE = ID + "rule/suspension-all-customers"
S3_LABEL = "section 3: The era of government pre-review of AI"
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_ALIAS = "</script><script>alert(2)</script>"


FIXED_DATES = ("2026-06-01", "2026-06-20", "2026-06-21", "2026-07-31", "2026-08-01")
ENGINE_STATE = {"planned": state.NOT_IN_FORCE}  # the page's display states -> graph.policy.state's


def bound_dates(G) -> list[str]:
    """Every event's earliest and latest (as recorded and as narrowed by graph.policy.state), the day
    before and after each, and the dates around the seed's directive and suspension."""
    bounds = {dt.date.fromisoformat(a[k][:10]) for _, a in G.nodes(data=True)
              if a.get("kind") == "event" for k in ("earliest", "latest") if a.get(k)}
    bounds |= {d for w in state.state_index(G).windows.values() for d in (w.earliest, w.latest) if d}
    days = {b + dt.timedelta(days=k) for b in bounds for k in (-1, 0, 1)}
    return sorted({d.isoformat() for d in days} | set(FIXED_DATES))


def stated_only_graph():
    """A hand-made graph for what the seed lacks: a policy stated only by its source (rule 6), order
    narrowing a window (rule 4), a planned policy and a forecast generator (rule 2)."""
    G = nx.MultiDiGraph()
    node = G.add_node
    node("doc", kind="source", label="Report", latest="2026-06-30", date_text="June 2026")
    node("doc/s1", kind="source-section", label="section 1")
    node("e:ban", kind="event", label="ban", status="occurred", earliest="2026-06-11", latest="2026-06-20")
    node("e:lift", kind="event", label="lift", status="announced", latest="2026-07-31")
    node("e:soon", kind="event", label="soon", status="forecast", earliest="2026-06-01", latest="2026-06-05")
    for p, status in (("p:stated", "reported"), ("p:ban", "occurred"), ("p:plan", "planned"), ("p:fc", "occurred")):
        node(p, kind="policy", label=p, status=status, sources=["doc/s1"])
    edges = [("doc/s1", "doc", "dcterms:isPartOf"), ("e:lift", "e:ban", "rkg:after"),
             ("p:ban", "e:ban", "prov:wasGeneratedBy"), ("p:ban", "e:lift", "prov:wasInvalidatedBy"),
             ("p:fc", "e:soon", "prov:wasGeneratedBy")]
    for i, p in enumerate(("p:stated", "p:ban", "p:plan", "p:fc")):
        node(f"r{i}", kind="prohibition" if i % 2 else "permission", label=f"rule {i}")
        edges.append((p, f"r{i}", "odrl:prohibition" if i % 2 else "odrl:permission"))
    node("r:orphan", kind="permission", label="a rule in no policy")
    for u, v, rel in edges:
        G.add_edge(u, v, relation=rel)
    return G


def assert_page_agrees_with_engine(G):
    """The page's rule-state table, looked up on every bound and the days around it, is what
    graph.policy.state says of each rule's policy (and what rule_states says in Python)."""
    rules = [n for n, k in G.nodes(data="kind") if k in ("permission", "prohibition")]
    assert rules
    data = page_data(G, as_of="2026-07-01")
    for day in bound_dates(G):
        python = rule_states(G, day)
        assert set(python) == set(rules)
        for rule in rules:
            policy = rule_policy(G, rule)
            engine = state.policy_state(G, policy, day).state if policy else state.NOT_IN_FORCE
            page = page_rule_state(data, rule, day)
            assert page == python[rule] and ENGINE_STATE.get(page, page) == engine, (rule, day, page, engine)


def page_rule_state(data: dict, rule: str, day: str) -> str:
    """A rule's state on ``day`` as the page finds it: a look-up in the table, no rule of its own."""
    import bisect

    r = data["graph"]["rules"][str(data["graph"]["ids"].index(rule))]
    return r["states"][bisect.bisect_right(r["starts"], day)]


def as_json(value):
    return json.loads(json.dumps(value, default=str))


def embedded_data(html: str) -> dict:
    """The JSON the page's script reads (the only data channel into the page)."""
    m = re.search(r'<script type="application/json" id="regkg-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data element"
    return json.loads(m.group(1))


def with_hostile_node(G):
    H = G.copy()
    H.add_node(ID + "model/hostile", kind="model", label=HOSTILE, aliases=[HOSTILE_ALIAS],
               sources=[ID + "source/samsung-2026-global-ai/s3"], description="a & b < c > d \u2028 e")
    H.add_edge(ID + "model/hostile", MYTHOS, relation="rkg:affects")
    return H


@pytest.fixture(scope="module")
def html(G):
    return render_html(G, as_of="2026-07-01")


def test_hostile_text_is_only_escaped(G):
    page = render_html(with_hostile_node(G), as_of="2026-07-01", title="</title><script>alert(3)</script>")
    assert HOSTILE not in page and "<img" not in page
    assert "alert(2)" not in page.replace("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)", "")
    assert "\u2028" not in page and "\\u2028" in page
    # nothing from data opens or closes an element: the tag counts are those of a harmless page
    clean = render_html(G, as_of="2026-07-01")
    assert page.count("</script>") == clean.count("</script>") == 3
    assert page.lower().count("<script") == clean.lower().count("<script")
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in page
    graph = embedded_data(page)["graph"]
    at = graph["ids"].index(ID + "model/hostile")
    assert (graph["label"][at], graph["aliases"][str(at)]) == (HOSTILE, [HOSTILE_ALIAS])  # round-trips exactly


def test_no_network_address_is_ever_loaded(html):
    network = r"""["']?\s*(?:https?:)?//"""
    assert not re.search(r"\b(?:src|href|action|poster|srcset)\s*=\s*" + network, html, re.I)
    assert not re.search(r"url\(\s*" + network, html, re.I)
    assert "@import" not in html and "<link" not in html.lower() and "<iframe" not in html.lower()
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert "default-src 'none'" in html  # and the page forbids loads itself (Content-Security-Policy)


def test_expected_nodes_edges_and_sources_are_embedded(html):
    graph = embedded_data(html)["graph"]
    at = {n: i for i, n in enumerate(graph["ids"])}
    assert graph["label"][at[MYTHOS]] == "Claude Mythos 5" and "Mythos" in graph["aliases"][str(at[MYTHOS])]
    kinds = [k["kind"] for k in graph["kinds"]]
    assert kinds[graph["kind"][at[FABLE]]] == "model"
    directive = graph["attrs"][str(at[DIRECTIVE])]
    assert (directive["date_text"], directive["earliest"], directive["latest"]) == ("mid-June 2026", "2026-06-11", "2026-06-20")
    edges = graph["edges"]
    triples = {(edges[i], edges[i + 1], graph["relations"][edges[i + 2]]) for i in range(0, len(edges), 3)}
    assert (at[SUSPENSION_RULE], at[MYTHOS], "odrl:target") in triples
    assert S3_LABEL in graph["sections"][graph["sources"][str(at[MYTHOS])][0]]
    assert {"company", "model", "government", "group", "event", "policy", "permission", "source"} <= set(kinds)
    hidden = {k["kind"] for k in graph["kinds"] if k["hidden"]}
    assert "figure" in hidden and "model" not in hidden


def test_timeline_is_the_engines_order(G, html):
    from graph.policy.timeline import timeline

    graph = embedded_data(html)["graph"]
    assert [graph["ids"][i] for i in graph["timeline"]] == [t.event for t in timeline(G)]
    assert DIRECTIVE in [graph["ids"][i] for i in graph["timeline"]]


def test_as_of_before_and_after_the_directive_flips_the_suspension(G):
    data = page_data(G, as_of="2026-07-01")
    states = [page_rule_state(data, SUSPENSION_RULE, d) for d in ("2026-06-01", "2026-06-15", "2026-07-01")]
    assert states == ["not-in-force", "uncertain", "in-force"]
    assert page_rule_state(data, ID + "rule/customers-may-use-mythos-fable", "2026-07-01") == "not-in-force"
    assert page_rule_state(data, ID + "rule/openai-users-may-use-gpt-5-6", "2030-01-01") == "planned"  # GA never in force


def test_rule_triggers_are_shown_with_the_engines_narrowed_windows(G):
    graph = page_data(G, as_of="2026-07-01")["graph"]
    rule = graph["rules"][str(graph["ids"].index(SUSPENSION_RULE))]
    assert graph["ids"][rule["policy"]] == ID + "policy/anthropic-suspension-policy"
    assert [(graph["ids"][t["node"]], t["status"], t["earliest"], t["latest"]) for t in rule["gen"]] == [
        (ID + "event/anthropic-suspension", "occurred", "2026-06-11", "2026-06-20")]
    # the latest day is uncertain (the event may come late that day), certain from the next day on
    assert (rule["starts"], rule["states"]) == (["2026-06-11", "2026-06-21"], ["not-in-force", "uncertain", "in-force"])
    access = graph["rules"][str(graph["ids"].index(ID + "rule/customers-may-use-mythos-fable"))]
    assert [(t["earliest"], t["latest"]) for t in access["gen"]] == [(None, "2026-06-20")]


def test_page_rule_states_are_the_engines_on_every_bound(G):
    days = bound_dates(G)
    assert {"2026-06-10", "2026-06-11", "2026-06-12", "2026-06-19", "2026-06-20", "2026-06-21"} <= set(days)
    assert_page_agrees_with_engine(G)


def test_source_stand_in_narrowing_and_plans_follow_the_engine():
    G = stated_only_graph()
    assert_page_agrees_with_engine(G)
    graph = page_data(G, as_of="2026-07-01")["graph"]
    [stand_in] = graph["rules"][str(graph["ids"].index("r0"))]["gen"]
    assert (stand_in["kind"], graph["ids"][stand_in["node"]], stand_in["earliest"], stand_in["latest"]) == \
        ("source", "doc", None, "2026-06-30")
    assert graph["rules"][str(graph["ids"].index("r1"))]["end"][0]["earliest"] == "2026-06-11"  # the lift follows the ban
    states = {d: rule_states(G, d) for d in ("2026-01-01", "2026-06-30", "2026-07-01", "2026-08-01")}
    assert [states[d]["r0"] for d in states] == ["uncertain", "uncertain", "in-force", "in-force"]
    assert [states[d]["r1"] for d in states] == ["not-in-force", "uncertain", "uncertain", "not-in-force"]
    assert {states[d]["r2"] for d in states} == {states[d]["r3"] for d in states} == {"planned"}
    assert {states[d]["r:orphan"] for d in states} == {"not-in-force"}


def test_every_cell_of_the_access_table_is_what_check_json_prints(G):
    """The page's table, rebuilt as its script rebuilds it, against regkg check --json (decide as
    graph.policy.knowledge weighs the sources) on every day around the data."""
    table = as_json(access_table(G))
    k = knowledge(G)
    assert table["full"] and {m["iri"] for m in table["models"]} == set(models(G))
    first, last = dt.date(2026, 5, 25), dt.date(2026, 8, 10)
    for m in models(G):
        for a in audiences(G):
            day = first
            while day <= last:
                assert cell_json(table, m, a, day) == as_json(k.decide(G, m, day, audience_party(G, a)).to_dict()), (m, a, day)
                day += dt.timedelta(days=1)
    # the "what may it use" of a party that is no audience: that party alone, as regkg what-can --party
    anthropic = ID + "org/anthropic"
    assert anthropic in {p["iri"] for p in table["parties"]}
    assert cell_json(table, MYTHOS, anthropic, "2026-09-01") == \
        as_json(k.decide(G, MYTHOS, "2026-09-01", PartyAttributes(party=anthropic)).to_dict())
    # the knowledge horizon of each row is the report's, the lanes' "known until"
    rows = table["tables"][0]["rows"]
    assert rows[[m["iri"] for m in table["models"]].index(MYTHOS)]["known_until"]["latest"] == "2026-07-31"


def seed_only_projection(root):
    """The projection of the seed's own files (``data/*.yaml``, not the corpora in folders under
    it): what the tests that name the seed's dates, places and actions read."""
    from pathlib import Path

    from graph.store.build import load_projection
    (root / "data").mkdir()
    for f in sorted((Path(__file__).resolve().parents[1] / "data").glob("*.yaml")):
        (root / "data" / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    return load_projection(root / "home", root / "data")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return seed_only_projection(tmp_path_factory.mktemp("seed-only"))


def test_each_known_on_table_is_check_known_on(seed):
    """One table per state of knowledge: before the report, while it is perhaps published, after."""
    G = seed
    table = as_json(access_table(G))
    assert table["known"] == ["2026-06-14", "2026-06-15", "2026-08-01"]
    assert [t["known"] for t in table["tables"] if t["known"]] == table["known"]  # every one: no budget
    days = bound_dates(G)[::3] + ["2026-09-01"]
    for known in table["known"]:
        k = knowledge(G, known)
        for m in models(G):
            for a in audiences(G):
                for day in days:
                    assert cell_json(table, m, a, day, known=known) == \
                        as_json(k.decide(G, m, day, audience_party(G, a)).to_dict()), (known, m, a, day)
    assert cell_json(table, MYTHOS, ID + "group/approved-us-institutions", "2026-09-01", known="2026-06-14")["decision"] \
        == "not_applicable"  # nothing was published yet


def test_a_record_with_more_states_of_knowledge_than_a_page_holds_gets_no_known_on_table_unless_asked(
        seed, monkeypatch, tmp_path):
    """The whole public record allows 296 states of knowledge, each a table as costly as the page's
    own: with every one, `regkg viz` and the page `regkg serve` makes in the background took more
    than 21 GB. Unless asked, a page holds them only up to a limit; asked, it holds them; and the
    CLI says what it left out and how to ask."""
    from pathlib import Path

    import viz.access
    from click.testing import CliRunner

    from graph.cli import cli

    monkeypatch.setattr(viz.access, "KNOWN_TABLES_UP_TO", 2)  # the seed allows 3
    held = lambda **kw: [t["known"] for t in access_table(seed, **kw)["tables"] if t["known"]]  # noqa: E731
    assert held() == [] and held(known="auto") == []
    assert held(known="all") == ["2026-06-14", "2026-06-15", "2026-08-01"]
    assert held(known=["2026-07-01"]) == ["2026-06-15"]
    monkeypatch.setattr(viz.access, "KNOWN_TABLES_UP_TO", 3)
    assert held() == ["2026-06-14", "2026-06-15", "2026-08-01"]

    monkeypatch.setattr(viz.access, "KNOWN_TABLES_UP_TO", 2)
    data = Path(__file__).resolve().parents[1] / "data"
    seed_dir = tmp_path / "data"
    seed_dir.mkdir()
    for f in sorted(data.glob("*.yaml")):
        (seed_dir / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    out = CliRunner().invoke(cli, ["--data", str(seed_dir), "--home", str(tmp_path / "home"), "viz",
                                   "--as-of", "2026-07-01", "-o", str(tmp_path / "page.html")])
    assert out.exit_code == 0, out.output
    assert "3 states of knowledge" in out.stderr and "--known-on DATE" in out.stderr
    asked = CliRunner().invoke(cli, ["--data", str(seed_dir), "--home", str(tmp_path / "home"), "viz",
                                     "--known-on", "all", "-o", str(tmp_path / "all.html")])
    assert asked.exit_code == 0 and "states of knowledge" not in asked.stderr


def test_another_action_a_rule_names_has_its_table(seed):
    """The seed's export-control directive bars Anthropic from providing (distributing) the models:
    a question about use never reads it, the distribute table does (party columns included)."""
    G = seed
    table = as_json(access_table(G))
    assert table["actions"] == ["odrl:distribute"]
    k, anthropic = knowledge(G), ID + "org/anthropic"
    for day in ("2026-06-01", "2026-06-25", "2026-09-01"):
        for m in models(G):
            for who in [*audiences(G), anthropic]:
                assert cell_json(table, m, who, day, action="odrl:distribute") == as_json(
                    k.decide(G, m, day, audience_party(G, who), action="odrl:distribute").to_dict()), (m, who, day)
    assert cell_json(table, MYTHOS, anthropic, "2026-06-25", action="odrl:distribute")["decision"] == "indeterminate"  # to whom?
    assert cell_json(table, MYTHOS, anthropic, "2026-06-25")["decision"] == "indeterminate"  # use: a customer?


@pytest.fixture(scope="module")
def actions(tmp_path_factory):
    """The projection of test_government_actions' synthetic record: services, places, authorities."""
    from test_government_actions import DATA

    from graph.store.build import load_projection
    root = tmp_path_factory.mktemp("actions")
    (root / "data").mkdir()
    (root / "data" / "actions.yaml").write_text(DATA)
    return load_projection(root / "home", root / "data")


def test_services_are_rows_and_every_place_a_rule_names_answers(actions):
    """No table per place: each cell carries its decision's conditions, and a place chosen on the
    page is matched against them (viz.access.cell_answer, the twin of the page's matchRows)."""
    H = actions
    table = as_json(access_table(H))
    kinds = {m["label"]: m["kind"] for m in table["models"]}
    assert kinds["ChatGPT"] == kinds["DeepSeek app"] == "service" and kinds["GPT-4o"] == "model"
    # the Garante's and the PIPC's places, and since engine@a88c2c8 the territory of every government
    # body that names none (the Australian Government, the Korean ministry: their country) or names
    # its own (Texas: US-TX, which brings its country: "in the US" leaves open which state)
    assert table["facts"]["place"]["values"] == ["AU", "IT", "KR", "US", "US-TX"]
    assert table["facts"]["place"]["chain"] == {"US-TX": ["US"]}
    chatgpt = next(m["iri"] for m in table["models"] if m["label"] == "ChatGPT")
    everyone = next(a["iri"] for a in table["audiences"] if a["label"] == "Everyone")
    # in Italy from the Garante's order to the lifting, anywhere else (or anywhere) never
    assert cell_answer(table, chatgpt, everyone, "2023-04-10", {"place": "IT"})["decision"] == "deny"
    assert cell_answer(table, chatgpt, everyone, "2023-04-10", {"place": "KR"})["decision"] == "permit"
    anywhere = cell_answer(table, chatgpt, everyone, "2023-04-10")
    assert anywhere["decision"] == "indeterminate" and {r["then"] for r in anywhere["rows"]} == {"deny", "permit"}
    assert cell_json(table, chatgpt, everyone, "2023-04-10")["model"]["kind"] == "service"
    # the app's rows: its new downloads and installed apps, under it
    app = next(m for m in table["models"] if m["label"] == "DeepSeek app")
    assert [c["label"] for c in app["channels"]] == ["new download of the DeepSeek app", "installed DeepSeek app"] or \
        sorted(c["label"] for c in app["channels"]) == ["installed DeepSeek app", "new download of the DeepSeek app"]


SELECTION_DAYS = ("2023-03-29", "2023-03-30", "2023-03-31", "2023-04-10", "2023-04-20", "2023-04-25", "2023-04-28",
                  "2023-04-29", "2025-01-10", "2025-02-05", "2025-02-15", "2025-03-10", "2025-04-15")


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """The seed with the tour's records (tests/tour.py): a state (US-IA) in its country, devices."""
    from tour import tour_data

    from graph.store.build import load_projection
    root = tmp_path_factory.mktemp("tour")
    return load_projection(root / "home", tour_data(root))


@pytest.mark.parametrize("data, days", [("actions", SELECTION_DAYS),
                                        ("tour", ("2023-04-15", "2025-02-16", "2025-03-01", "2025-05-01", "2026-07-01"))])
def test_every_option_of_every_selector_is_what_check_says_with_that_fact_given(request, data, days):
    """Each value of each selector (where, channel, device, purpose, employer, and "another" for
    the first three), in every cell on the days around the events: the answers the page's rows
    leave are those regkg check gives when the fact is given (--in, --channel, --device, --purpose,
    --employer; a place no rule names for another place, --employer none for another employer),
    every one of its rows."""
    import dataclasses

    H = request.getfixturevalue(data)
    table = as_json(access_table(H, known=None))
    k = knowledge(H)
    options = {fact: table["facts"][fact]["values"] for fact in ("place", "channel", "device", "purpose", "employer")}
    assert all(options.values()), options
    options["place"] = options["place"] + ["other"]
    options["employer"] = options["employer"] + ["other"]
    if data == "tour":
        assert {"US", "US-IA"} <= set(options["place"])
        staff = next(x for x in table["audiences"] if x["iri"] == ID + "group/iowa-staff")
        assert staff["employers"] == [ID + "group/iowa-agencies"]
        assert employer_asked(table, staff["iri"], ID + "group/iowa-agencies")
        assert not employer_asked(table, staff["iri"], ID + "org/openai") and not employer_asked(table, staff["iri"], "other")
    checked = 0
    for m in models(H):
        for a in audiences(H):
            for day in days:
                assert cell_json(table, m, a, day) == as_json(k.decide(H, m, day, audience_party(H, a)).to_dict())
                for fact, values in options.items():
                    for v in values:
                        party, ask = audience_party(H, a), {}
                        if fact == "employer" and not employer_asked(table, a, v):
                            # staff with their own employer (the engine implies it): another one is not
                            # this column's question; the column answers with theirs, as check does
                            # with no --employer
                            pass
                        elif fact == "employer":
                            party = dataclasses.replace(party, employer=v) if v != "other" else \
                                dataclasses.replace(party, private=True)
                        elif fact == "place" and v == "other":
                            ask["place"] = "FR"  # a place no rule names
                        else:
                            ask[fact] = v
                        want = k.decide(H, m, day, party, **ask)
                        got = cell_answer(table, m, a, day, {fact: v})
                        page, engine = {r["then"] for r in got["rows"]}, {r["then"] for r in want.conditions} or {want.decision}
                        if fact == "employer":
                            # an employer makes the party a person: the engine then closes memberships of
                            # groups of organisations that the page (which knows no membership) leaves open;
                            # the page may say "depends" where check decides, never the other way
                            assert engine <= page and (len(page) > 1 or page == engine), (m, a, day, fact, v, page, engine)
                        else:
                            assert page == engine, (m, a, day, fact, v)
                        if want.decision != "indeterminate" and fact != "employer":
                            assert got["decision"] == want.decision, (m, a, day, fact, v)
                        elif got["decision"] != "indeterminate":
                            assert got["decision"] == want.decision, (m, a, day, fact, v)
                        checked += 1
    assert checked > 1000


def test_acts_say_where_by_whom_and_from_when_to_when(actions):
    """The place view's acts: where each binds (its spatial constraint, else its authority's
    jurisdiction), who made it, what it is about (a service narrowed to a channel), its dates."""
    from viz.acts import acts

    found = {a["label"]: a for a in acts(actions, {})}
    pipc = found["No new downloads of the DeepSeek app in Korea"]
    assert (pipc["places"], pipc["authority_label"], pipc["effect"]) == (["KR"], "PIPC", "prohibition")
    assert (pipc["start"]["earliest"], pipc["end"]) == ("2025-02-15", None)
    assert [lane["channels"] for lane in pipc["lanes"]] == [[ID + "channel/app-download"]]
    garante = found["No processing of Italian users' data by ChatGPT"]
    assert [t["latest"] for t in garante["ends"]] == ["2023-04-28"]  # the provider's restoration does not end the order
    assert garante["event_type"] == "access-suspension" and garante["status"] == "occurred"
    assert garante["reach"] == pipc["reach"] == []
    # a government's ban on its own staff: placed in its territory, and followed wherever they are
    texas = found["No DeepSeek for Texas state employees"]
    assert texas["places"] == ["US-TX"] and texas["reach"] == ["Employees of Texas state agencies wherever they are"]
    assert found["Anyone may use DeepSeek"]["reach"] == []  # a company's: no territory, nothing beyond


def test_documents_link_every_section_to_its_page(G):
    from viz.acts import document_table

    docs = document_table(G, {n: i for i, n in enumerate(G.nodes)})
    report = next(d for d in docs["list"] if "samsung" in d["iri"])
    assert report["title"] and report["publisher"] and "url" in report
    section = next(n for n in G.nodes if n.startswith(report["iri"] + "/"))
    assert docs["list"][docs["of"][section]] is report


def test_a_caveat_names_the_date_asked_about_and_keeps_bounds_on_the_same_day():
    d1, d2 = dt.date(2026, 6, 11), dt.date(2026, 6, 20)
    first = "undetermined on 2026-06-11: between 2026-06-11 and 2026-06-20"
    assert caveat_template(first, d1, "undetermined on 2026-06-20: between 2026-06-11 and 2026-06-20", d2) == \
        ["undetermined on ", ": between 2026-06-11 and 2026-06-20"]
    assert caveat_template(first, d1, None, None) == first  # a one-day period: exact as it is
    with pytest.raises(RuntimeError):
        caveat_template(first, d1, "something else entirely", d2)


@pytest.fixture(scope="module")
def large():
    """A generated projection above the page's large-graph size (its speed is bench/browser.py's business)."""
    return synthetic_projection(1200)


def test_a_large_graph_decides_only_the_audiences_a_models_rules_name(large):
    G = large
    assert not full_matrix(G)
    table = access_table(G)
    assert not table["full"] and table["parties"] == []  # no per-party columns at this size
    for m, row in zip(table["models"], table["tables"][0]["rows"]):
        named = set(audiences(G, m["iri"]))
        assert {table["audiences"][int(k)]["iri"] for k in row["cells"]} == named


def test_jurisdiction_follows_the_developer_or_actor_to_a_country(G):
    found = jurisdictions(G)
    us = G.nodes[ID + "country/US"]["label"]
    assert found[ID + "org/us-government"] == us
    assert found[MYTHOS] == found[ID + "org/anthropic"] == us
    assert found[DIRECTIVE] == us  # through its actor


def test_a_graph_the_engine_refuses_is_refused(G):
    H = G.copy()
    H.add_edge(DIRECTIVE, ID + "event/anthropic-suspension", relation="rkg:after")  # a cycle
    with pytest.raises(InputError, match="cycle"):
        render_html(H, as_of="2026-07-01")


def test_focus_and_depth(G):
    one = page_data(G, as_of="2026-07-01", focus="mythos 5", depth=1)
    ids = set(one["graph"]["ids"])
    assert one["focus"] == MYTHOS and MYTHOS in ids and SUSPENSION_RULE in ids
    assert ids == {MYTHOS} | set(G.successors(MYTHOS)) | set(G.predecessors(MYTHOS))
    assert max(one["graph"]["edges"]) < len(ids)
    assert page_data(G, focus=MYTHOS, depth=0)["graph"]["ids"] == [MYTHOS]
    two = page_data(G, as_of="2026-07-01", focus="Claude Mythos 5")
    assert ids < set(two["graph"]["ids"])  # depth defaults to 2
    assert one["access"]["models"] == two["access"]["models"]  # the answers are the whole graph's
    with pytest.raises(NotFoundError, match="mythos 6"):
        page_data(G, focus="mythos 6")
    with pytest.raises(InputError, match="--focus"):
        page_data(G, depth=2)


def test_a_large_graph_renders_as_a_large_page(large):
    data = embedded_data(render_html(large, as_of="2026-01-01"))  # its speed is measured by bench/browser.py
    assert len(data["graph"]["ids"]) == large.number_of_nodes() and data["large"]


def test_cli_writes_the_page_and_prints_its_path(run_regkg, tmp_path):
    out = tmp_path / "page.html"
    out.write_text("old")
    result = run_regkg("viz", "-o", str(out), "--as-of", "2026-07-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert embedded_data(out.read_text())["asOf"] == "2026-07-01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]  # no temporary file left behind


def test_cli_default_path_is_in_the_build_home(run_regkg, tmp_path):
    result = run_regkg("viz", env={"REGKG_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "regkg.html") and (tmp_path / "regkg.html").exists()


def test_cli_writes_through_a_temporary_file_and_one_rename(monkeypatch, tmp_path):
    from click.testing import CliRunner

    import graph.store.export
    from graph.cli import cli

    assert CliRunner().invoke(cli, ["build"]).exit_code == 0  # only the page's own write is watched
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(graph.store.export.os, "replace", lambda a, b: (renames.append((a, b)), real_replace(a, b)))
    out = tmp_path / "sub" / "page.html"
    result = CliRunner().invoke(cli, ["viz", "-o", str(out), "--as-of", "2026-07-01"])
    assert result.exit_code == 0, result.output
    [(tmp, final)] = renames
    assert os.path.dirname(tmp) == str(out.parent) and os.path.basename(tmp) != "page.html" and final == out


@pytest.mark.parametrize("args, message", [
    (["--as-of", "2026-13-01"], "bad --as-of date '2026-13-01'"),
    (["--as-of", "mid-June 2026"], "bad --as-of date 'mid-June 2026'"),
    (["--focus", "mythos 6"], "unknown focus name 'mythos 6'"),
    (["--depth", "2"], "--depth needs --focus"),
])
def test_cli_bad_input_exits_2_naming_it(run_regkg, tmp_path, args, message):
    out = tmp_path / "page.html"
    result = run_regkg("viz", "-o", str(out), *args)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
