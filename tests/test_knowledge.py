"""What was known on a date, and conflicting sources (issue 10, sections 4 and 5).

Small data sets written here: two source documents that disagree on the date of one suspension,
a third published later. The seed (one source) is checked too: before its publication window regkg
knew nothing; inside it, an answer that needs it is indeterminate; after it, the horizon caveat.
"""

from __future__ import annotations

import json
import textwrap

import pytest

from graph.data.vocab import iri
from graph.policy.knowledge import knowledge, known_decide, publication, view
from graph.policy.parties import PartyAttributes
from graph.store.build import build, load_projection, open_graph
from graph.store.provenance import SourceDocument

MODEL, USERS = str(iri("models", "chatbot")), str(iri("groups", "users"))
NOTICE, WIRE, REVIEW = (str(iri("sources", d)) for d in ("notice", "wire", "review"))
SUSPENSION = str(iri("events", "suspension"))
USER = PartyAttributes(member_of=(USERS,))

# The regulator's notice (published 30 January) dates the suspension 29 January; a news wire
# (published in the first week of February) dates it 31 January. A review published in March
# repeats the release. The wire alone reports the service's restoration, "in mid-March".
DATA = """
sources:
  - {id: notice, title: Regulator's notice, publisher: regulator, kind: regulator-notice,
     url: "https://regulator.example/notice", retrieved: 2025-02-10, status: occurred,
     date: {text: 30 January 2025, earliest: 2025-01-30, latest: 2025-01-30, precision: day}}
  - {id: wire, title: News wire story, publisher: wire-co, kind: news-article,
     date: {text: early February 2025, earliest: 2025-02-01, latest: 2025-02-07, precision: part-of-month},
     date_basis: "the page is undated; its newest event is from 31 January and it was cited on 7 February"}
  - {id: review, title: Annual review, publisher: wire-co, citation: "Wire Co., Annual review, 2025",
     date: {text: March 2025, earliest: 2025-03-01, latest: 2025-03-31, precision: month}}
organizations:
  - {id: regulator, name: The Regulator, kind: regulator, country: IT, sources: ["notice#page"]}
  - {id: wire-co, name: Wire Co, kind: media, sources: ["wire#page"]}
  - {id: provider, name: Provider, kind: company, sources: ["notice#page", "wire#page"]}
models:
  - {id: chatbot, name: Chatbot, sources: ["notice#page", "wire#page", "review#page"]}
groups:
  - {id: users, name: Users in Italy, defined_by: regulator, sources: ["notice#page", "wire#page"]}
events:
  - id: release
    label: Chatbot released to users in Italy
    type: model-release
    actor: provider
    affects: [chatbot]
    when: {text: December 2024, earliest: 2024-12-01, latest: 2024-12-31, precision: month,
           quote: {text: "released in December 2024", source: "notice#page"}}
    status: occurred
    enacts: [access]
    sources: ["notice#page", "review#page"]
  - id: suspension
    label: Provider suspends Chatbot for users in Italy
    type: access-suspension
    actor: provider
    affects: [chatbot]
    after: [release]
    when: {text: 29 January 2025, earliest: 2025-01-29, latest: 2025-01-29, precision: day,
           quote: {text: "suspended on 29 January 2025", source: "notice#page"}}
    status: occurred
    enacts: [ban]
    ends: [access]
    sources: ["notice#page"]
    variants:
      - sources: ["wire#page"]
        when: {text: 31 January 2025, earliest: 2025-01-31, latest: 2025-01-31, precision: day,
               quote: {text: "suspended on 31 January", source: "wire#page"}}
PREVAILS
  - id: restoration
    label: Chatbot restored in Italy
    type: access-reinstatement
    actor: provider
    affects: [chatbot]
    after: [suspension]
    when: {text: mid-March 2025, earliest: 2025-03-11, latest: 2025-03-20, precision: part-of-month,
           quote: {text: "back in mid-March", source: "wire#page"}}
    status: reported
    enacts: [access-again]
    sources: ["wire#page"]
policies:
  - {id: access, label: Users in Italy may use Chatbot, assigner: provider, type: offer, status: occurred,
     permissions: [{id: users-may-use, target: [chatbot], assignee: users,
                    quote: {text: "users in Italy may use the chatbot", source: "notice#page"}}], sources: ["notice#page", "review#page"]}
  - {id: ban, label: Chatbot suspended in Italy, assigner: provider, status: occurred,
     prohibitions: [{id: users-may-not-use, target: [chatbot], assignee: users,
                     quote: {text: "the chatbot is suspended for users in Italy", source: "notice#page"}}], sources: ["notice#page", "wire#page"]}
  - {id: access-again, label: Chatbot restored in Italy, assigner: provider, type: offer, status: reported,
     permissions: [{id: users-may-use-again, target: [chatbot], assignee: users,
                    quote: {text: "users in Italy can use the chatbot again", source: "wire#page"}}], sources: ["wire#page"]}
"""
PREVAILS = """    prevails: {source: notice, because: "the regulator's own notice dates the suspension it ordered"}"""


def write(tmp_path, prevails: bool = False):
    data = tmp_path / "data"
    data.mkdir()
    (data / "italy.yaml").write_text(textwrap.dedent(DATA).replace("PREVAILS\n", PREVAILS + "\n" if prevails else ""))
    return data


@pytest.fixture(scope="module")
def italy(tmp_path_factory):
    """(data directory, home) of the data set above, built once."""
    tmp = tmp_path_factory.mktemp("italy")
    data, home = write(tmp), tmp / "home"
    build(data, home)
    return data, home


@pytest.fixture(scope="module")
def G(italy):
    return load_projection(home=italy[1], data_dir=italy[0])


# -- publication (rule 1) --------------------------------------------------------------------------

def test_a_document_is_published_perhaps_published_or_not_yet():
    docs = {"a": SourceDocument("a", "A", earliest="2025-02-01", latest="2025-02-07"),
            "b": SourceDocument("b", "B", latest="2025-01-30"), "c": SourceDocument("c", "C", earliest="2025-03-01")}
    p = publication(docs, "2025-02-07")
    assert (p.published, p.perhaps, p.later) == ({"b"}, {"a"}, {"c"})
    assert publication(docs, "2025-02-08").published == {"a", "b"}
    assert publication(docs, None).published == {"a", "b", "c"}


# -- the projection keeps who supports what --------------------------------------------------------

def test_nodes_and_edges_carry_the_documents_whose_graphs_hold_them(G):
    assert G.nodes[SUSPENSION]["documents"] == (NOTICE, WIRE)
    # The policy is stated by the notice and the wire; only the wire reports what restored it.
    restored = str(iri("policies", "access-again"))
    [(_, _, data)] = [e for e in G.out_edges(restored, data=True) if e[2]["relation"] == "prov:wasGeneratedBy"]
    assert data["documents"] == (WIRE,)
    [(_, _, data)] = [e for e in G.in_edges(MODEL, data=True)
                      if e[0] == str(iri("events", "release")) and e[2]["relation"] == "rkg:affects"]
    assert data["documents"] == (NOTICE, REVIEW)


def test_a_disputed_event_keeps_every_account_and_a_window_that_covers_both(G):
    a = G.nodes[SUSPENSION]
    assert a["disputed"] == ("earliest", "latest")
    assert a["claims"][NOTICE]["latest"] == "2025-01-29" and a["claims"][WIRE]["latest"] == "2025-01-31"
    assert (a["earliest"], a["latest"]) == ("2025-01-29", "2025-01-31")


def test_a_view_keeps_what_its_documents_support(G):
    H = view(G, frozenset({NOTICE}))
    assert SUSPENSION in H and str(iri("events", "restoration")) not in H
    assert (H.nodes[SUSPENSION]["earliest"], H.nodes[SUSPENSION]["latest"]) == ("2025-01-29", "2025-01-29")
    assert MODEL in view(G, frozenset()) and SUSPENSION not in view(G, frozenset()), "entities stay, facts go"


def test_a_view_drops_a_link_only_other_documents_state():
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_node("e", kind="event", documents=("a", "b"))
    H.add_node("m", kind="model")
    H.add_edge("e", "m", key="rkg:affects", relation="rkg:affects", documents=("b",))
    assert list(view(H, frozenset({"b"})).edges) == [("e", "m", "rkg:affects")]
    assert list(view(H, frozenset({"a"})).edges) == [], "document a does not say the event affects the model"


# -- conflicting sources (rule 4) ----------------------------------------------------------------

def test_a_decision_that_depends_on_a_conflict_is_indeterminate_and_names_both_sources(G):
    d = known_decide(G, MODEL, "2025-01-30", USER)
    assert d.decision == "indeterminate"
    [conflict] = d.undetermined_by_sources
    assert conflict["why"] == "conflict" and conflict["about"] == SUSPENSION
    assert {a["source"] for a in conflict["accounts"]} == {NOTICE, WIRE}
    assert any("sources disagree about 'Provider suspends Chatbot" in c and "29 January 2025" in c
               and "31 January 2025" in c for c in d.caveats)


def test_a_conflict_that_does_not_change_the_answer_is_said_but_decides(G):
    d = known_decide(G, MODEL, "2025-02-15", USER)
    assert d.decision == "deny"
    assert any("the answer is the same with either account" in c for c in d.caveats)


def test_the_prevailing_source_decides_and_is_named_with_its_reason(tmp_path):
    data, home = write(tmp_path, prevails=True), tmp_path / "home"
    build(data, home)
    H = load_projection(home=home, data_dir=data)
    d = known_decide(H, MODEL, "2025-01-30", USER)
    assert d.decision == "deny" and not d.undetermined_by_sources
    assert any("following 'Regulator's notice': the regulator's own notice dates the suspension" in c
               for c in d.caveats)
    assert H.nodes[SUSPENSION]["latest"] == "2025-01-29", "the projection settles on the prevailing account"


# -- known on a date (rule 3) ---------------------------------------------------------------------

def test_known_on_answers_from_the_sources_published_by_then(G):
    before = known_decide(G, MODEL, "2025-01-30", USER, known_on="2025-01-20")
    assert before.decision == "not_applicable" and before.known_until is None
    assert any("no source published by 2025-01-20 speaks about Chatbot" in c for c in before.caveats)
    # On 31 January only the notice is out: its account decides, the conflict is not known yet.
    notice_only = known_decide(G, MODEL, "2025-01-30", USER, known_on="2025-01-31")
    assert notice_only.decision == "deny" and notice_only.known_until["source"] == NOTICE
    assert not notice_only.undetermined_by_sources
    cited = " ".join(e.source for e in notice_only.evidence)
    assert "Regulator's notice" in cited and "News wire story" not in cited, "a later document is no source yet"


def test_a_source_perhaps_published_makes_a_dependent_answer_indeterminate_naming_it(G):
    d = known_decide(G, MODEL, "2025-03-25", USER, known_on="2025-02-03")
    # With the wire (perhaps out on 3 February) the restoration is known: permit; without it: deny.
    assert d.decision == "indeterminate"
    assert [s["source"] for s in d.undetermined_by_sources if s["why"] == "published"] == [WIRE]
    assert d.known_on == "2025-02-03"
    after = known_decide(G, MODEL, "2025-03-25", USER, known_on="2025-02-08")
    assert after.decision == "permit" and after.known_until["source"] == WIRE


def test_an_answer_that_does_not_depend_on_the_uncertain_source_stands(G):
    d = known_decide(G, MODEL, "2025-01-10", USER, known_on="2025-02-03")
    assert d.decision == "permit" and not d.undetermined_by_sources


# -- the knowledge horizon (rule 5) ----------------------------------------------------------------

def test_known_until_is_the_newest_source_about_the_model_and_later_dates_say_so(G):
    d = known_decide(G, MODEL, "2025-03-25", USER)
    assert d.known_until["source"] == REVIEW and d.known_until["latest"] == "2025-03-31"
    assert not any("may have changed since" in c for c in d.caveats), "the date is inside the horizon"
    later = known_decide(G, MODEL, "2025-06-01", USER)
    assert any("end around 2025-03-31" in c and "'Annual review', published 'March 2025'" in c
               and "may have changed since" in c for c in later.caveats)


def test_the_seed_before_during_and_after_its_publication_window(store):
    from graph.store.project import project

    seed = project(store)
    mythos = str(iri("models", "claude-mythos-5"))
    approved = PartyAttributes(member_of=(str(iri("groups", "approved-us-institutions")),))
    before, during, after = (known_decide(seed, mythos, "2026-08-01", approved, known_on=k)
                             for k in ("2026-06-01", "2026-07-01", "2026-08-01"))
    assert before.decision == "not_applicable"
    assert during.decision == "indeterminate"
    assert during.undetermined_by_sources[0]["source"] == str(iri("sources", "samsung-2026-global-ai"))
    assert after.decision == known_decide(seed, mythos, "2026-08-01", approved).decision == "permit"
    assert any("may have changed since" in c for c in after.caveats), "2026-08-01 is after the report's window"


# -- the commands ------------------------------------------------------------------------------------

def run(run_regkg, italy, *args):
    data, home = italy
    return run_regkg("--data", str(data), "--home", str(home), *args)


def test_check_json_carries_known_on_known_until_and_the_sources_it_depends_on(run_regkg, italy):
    done = run(run_regkg, italy, "check", "chatbot", "--on", "2025-03-25", "--member-of", "users",
               "--known-on", "2025-02-03", "--json")
    assert done.returncode == 4, done.stderr
    answer = json.loads(done.stdout)
    assert answer["decision"] == "indeterminate" and answer["known_on"] == "2025-02-03"
    assert answer["known_until"]["source"] == WIRE
    assert answer["undetermined_by_sources"][0]["source"] == WIRE


def test_who_can_availability_diff_timeline_and_show_take_known_on(run_regkg, italy):
    who = json.loads(run(run_regkg, italy, "who-can", "chatbot", "--on", "2025-01-30", "--known-on", "2025-01-31",
                         "--json").stdout)
    assert [d["audience"]["iri"] for d in who["denied"]] == [USERS] and who["known_until"]["source"] == NOTICE
    grid = json.loads(run(run_regkg, italy, "availability", "--on", "2025-01-30", "--json").stdout)
    [cell] = grid["cells"]
    assert cell["decision"] == "indeterminate" and grid["models"][0]["known_until"]["source"] == REVIEW
    changes = json.loads(run(run_regkg, italy, "diff", "--from", "2025-01-10", "--to", "2025-02-15",
                             "--known-on", "2025-01-31", "--json").stdout)
    assert [(c["before"], c["after"]) for c in changes["changes"]] == [("permit", "deny")]
    assert changes["known_until"]["source"] == NOTICE
    events = json.loads(run(run_regkg, italy, "timeline", "chatbot", "--known-on", "2025-01-31", "--json").stdout)
    assert [e["label"] for e in events] == ["Chatbot released to users in Italy", "Provider suspends Chatbot for users in Italy"]
    assert [d["source"] for d in events[1]["documents"]] == [NOTICE]
    shown = run(run_regkg, italy, "show", "Provider suspends Chatbot for users in Italy")
    assert "account of Regulator's notice" in shown.stdout and "account of News wire story" in shown.stdout


def test_show_lists_every_source_of_each_fact(run_regkg, italy):
    shown = run(run_regkg, italy, "show", "chatbot").stdout.splitlines()
    [i] = [i for i, line in enumerate(shown) if "Chatbot released to users in Italy" in line]
    assert "Regulator's notice" in shown[i + 1] and "Annual review" in shown[i + 1]


def test_sources_lists_each_document_with_its_facts_and_graph(run_regkg, italy):
    docs = {d["id"]: d for d in json.loads(run(run_regkg, italy, "sources", "--json").stdout)}
    assert set(docs) == {"notice", "wire", "review"}
    assert docs["notice"]["url"] == "https://regulator.example/notice" and docs["notice"]["retrieved"] == "2025-02-10"
    assert docs["wire"]["date_basis"].startswith("the page is undated")
    assert docs["review"]["citation"] == "Wire Co., Annual review, 2025"
    assert docs["notice"]["graph"] == NOTICE and docs["notice"]["triples"] > 0
    assert docs["wire"]["facts"] > docs["review"]["facts"] > 0


def test_conflicts_lists_every_account_and_agrees_with_the_projection(run_regkg, italy, G):
    found = json.loads(run(run_regkg, italy, "conflicts", "--json").stdout)
    assert {c["record"] for c in found} == {n for n, a in G.nodes(data=True) if a.get("claims")} == {SUSPENSION}
    latest = [c for c in found if c["property"].endswith("hasLatestEndTimeStamp")][0]
    assert {(a["source"], a["value"]) for a in latest["accounts"]} == {(NOTICE, "2025-01-29"), (WIRE, "2025-01-31")}
    assert latest["prevails"] is None
    text = run(run_regkg, italy, "conflicts").stdout
    assert "no source prevails in the data" in text


def test_saved_queries_take_known_on(run_regkg, italy):
    done = run(run_regkg, italy, "sparql", "-n", "model-history", "-p", "model=chatbot", "--known-on", "2025-02-03",
               "--format", "json")
    assert done.returncode == 0, done.stderr
    events = {b["event"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]}
    assert events == {str(iri("events", "release")), SUSPENSION}, "the wire (perhaps out) and the review are left out"
    assert "left out 'News wire story'" in done.stderr


def test_which_sources_support_an_event_from_sparql(italy):
    from graph.sparql.queries import run_saved

    store = open_graph(home=italy[1], data_dir=italy[0])
    rows = run_saved(store, "event-sources", {"event": "suspension"}).dicts()
    assert {(str(r["source"]), str(r["latest"])) for r in rows} == {(NOTICE, "2025-01-29"), (WIRE, "2025-01-31")}


def test_knowledge_stands_in_for_decide_in_the_audience_functions(G):
    from graph.policy.audiences import what_can, who_can

    k = knowledge(G, "2025-01-31")
    grouped = who_can(k.graph, MODEL, "2025-01-30", decider=k.decide)
    assert [d.known_on for d in grouped["denied"]] == ["2025-01-31"]
    models = what_can(k.graph, USER, "2025-03-25", decider=k.decide)
    assert [(d.model["iri"], d.known_until["source"]) for d in models["denied"]] == [(MODEL, NOTICE)], \
        "on 31 January only the notice was out: the restoration the wire reports was not known"


def test_the_change_dates_hold_every_account_when_combinations_are_too_many_to_list(tmp_path):
    """Seven bans, each on its own group and each dated differently by two sources: 128 combinations
    of accounts, more than MAX_ACCOUNTS, so the model's views cannot list them all. One group's
    question depends on its own ban alone and tries its two accounts one by one; the days on which
    that answer changes (either account's date) must be change dates all the same, or the periods
    (and the browser's table) meet a change they were not told of."""
    from graph.policy.knowledge import MAX_ACCOUNTS
    from graph.policy.periods import change_dates, periods

    assert 2 ** 7 > MAX_ACCOUNTS
    head = DATA.split("events:")[0].replace(
        "groups:\n  - {id: users, name: Users in Italy, defined_by: regulator, sources: [\"notice#page\", \"wire#page\"]}",
        "groups:\n" + "".join(f"  - {{id: g{k}, name: Group {k}, defined_by: regulator, sources: [\"notice#page\"]}}\n"
                              for k in range(7)))
    events, policies = [], []
    for k in range(7):
        events.append(f"""  - id: banned-{k}
    label: Ban {k}
    type: access-ban
    actor: regulator
    affects: [chatbot]
    when: {{text: {k + 1} March 2025, earliest: 2025-03-{k + 1:02d}, latest: 2025-03-{k + 1:02d}, precision: day,
           quote: {{text: "banned on {k + 1} March", source: "notice#page"}}}}
    status: occurred
    enacts: [ban-{k}]
    sources: ["notice#page"]
    variants:
      - sources: ["wire#page"]
        when: {{text: {k + 11} March 2025, earliest: 2025-03-{k + 11:02d}, latest: 2025-03-{k + 11:02d}, precision: day,
               quote: {{text: "banned on {k + 11} March", source: "wire#page"}}}}
""")
        policies.append(f"""  - {{id: ban-{k}, label: Ban {k}, assigner: regulator, status: occurred,
     prohibitions: [{{id: no-{k}, target: [chatbot], assignee: g{k},
                     quote: {{text: "group {k} may not use the chatbot", source: "notice#page"}}}}], sources: ["notice#page"]}}
""")
    data = tmp_path / "data"
    data.mkdir()
    (data / "bans.yaml").write_text(textwrap.dedent(head) + "events:\n" + "".join(events) + "policies:\n" + "".join(policies))
    H = load_projection(home=tmp_path / "home", data_dir=data)
    k = knowledge(H)
    days = {d.isoformat() for d in change_dates(H, MODEL, known=k)}
    assert {"2025-03-01", "2025-03-02", "2025-03-11", "2025-03-12"} <= days  # ban 0: either account's day
    group = str(iri("groups", "g0"))
    spans = periods(H, MODEL, PartyAttributes(member_of=(group,)), known=k)  # raised before
    assert [p.decision.decision for p in spans if p.start and p.start.isoformat() in ("2025-03-01", "2025-03-12")] == \
        ["indeterminate", "deny"]


# -- rule 4 against every combination of accounts, decided one by one ----------------------------

# Three disputes: the release (the notice's December, the wire's January), the suspension (29 or
# 31 January) and the restoration, whose accounts differ in status as well as in date (the wire
# reports it in mid-March; the review calls it planned for early March).
DISPUTED_DATA = DATA.replace("""    sources: ["notice#page", "review#page"]
  - id: suspension""", """    sources: ["notice#page", "review#page"]
    variants:
      - sources: ["wire#page"]
        when: {text: January 2025, earliest: 2025-01-01, latest: 2025-01-28, precision: month,
               quote: {text: "released in January", source: "wire#page"}}
  - id: suspension""").replace("""    sources: ["wire#page"]
policies:""", """    sources: ["wire#page"]
    variants:
      - sources: ["review#page"]
        status: planned
        when: {text: early March 2025, earliest: 2025-03-01, latest: 2025-03-12, precision: part-of-month,
               quote: {text: "back in early March", source: "review#page"}}
policies:""")


def every_combination(G, model, on, party):
    """The reference: the decision with each combination of accounts, one document per distinct
    account of each disputed node, decided one by one with :func:`graph.policy.access.decide`."""
    import itertools

    from graph.policy.access import decide

    choices = []
    for n in sorted(n for n, a in G.nodes(data=True) if a.get("claims")):
        distinct = {}
        for doc, says in sorted(G.nodes[n]["claims"].items()):
            distinct.setdefault(tuple(says.get(k) for k in ("earliest", "latest", "status")), doc)
        choices.append([(n, doc) for doc in distinct.values()])
    return [decide(view(G, None, combo), model, on, party) for combo in itertools.product(*choices)]


def test_disputed_accounts_give_what_each_combination_gives(tmp_path):
    """Knowledge.decide against the reference, weekly over five months, for a member and for a party
    whose membership is open: one answer when every combination gives it (with its conditions when
    they agree too), indeterminate when two differ."""
    import datetime as dt

    data = tmp_path / "data"
    data.mkdir()
    (data / "italy.yaml").write_text(textwrap.dedent(DISPUTED_DATA).replace("PREVAILS\n", ""))
    build(data, tmp_path / "home")
    H = load_projection(home=tmp_path / "home", data_dir=data)
    assert {n for n, a in H.nodes(data=True) if a.get("claims")} == {
        str(iri("events", "release")), SUSPENSION, str(iri("events", "restoration"))}
    day, seen = dt.date(2024, 11, 25), set()
    while day < dt.date(2025, 4, 5):
        for party in (USER, PartyAttributes()):  # a member, and a party whose membership is open
            reference = every_combination(H, MODEL, day, party)
            decisions = {d.decision for d in reference}
            d = known_decide(H, MODEL, day, party)
            assert d.decision == (decisions.pop() if len(decisions) == 1 else "indeterminate"), (day, party)
            if all((r.decision, r.conditions) == (reference[0].decision, reference[0].conditions) for r in reference):
                assert d.conditions == reference[0].conditions, (day, party)
            seen.add((d.decision, len({r.decision for r in reference})))
        day += dt.timedelta(days=7)
    assert {("deny", 1), ("indeterminate", 1), ("indeterminate", 2), ("not_applicable", 1)} <= seen


# Seven groups, each barred from Chatbot on a date two pages give differently: 128 combinations of
# accounts about the model, two for a question about one group's members.
MANY = """
sources:
  - {id: notice, title: Regulator's notice, publisher: regulator, kind: regulator-notice,
     url: "https://regulator.example/notice", date: {text: 30 June 2025, earliest: 2025-06-30, latest: 2025-06-30, precision: day}}
  - {id: wire, title: News wire story, publisher: regulator, kind: news-article,
     url: "https://wire.example/story", date: {text: 30 June 2025, earliest: 2025-06-30, latest: 2025-06-30, precision: day}}
organizations:
  - {id: regulator, name: The Regulator, kind: regulator, country: IT, sources: ["notice#page"]}
models:
  - {id: chatbot, name: Chatbot, sources: ["notice#page"]}
groups:
""" + "".join(f"""  - {{id: users-{i}, name: Users {i}, defined_by: regulator, sources: ["notice#page"]}}
""" for i in range(7)) + "events:\n" + "".join(f"""  - id: ban-{i}
    label: Ban {i}
    type: access-restriction
    actor: regulator
    affects: [chatbot]
    when: {{text: 1{i} March 2025, earliest: 2025-03-1{i}, latest: 2025-03-1{i}, precision: day,
           quote: {{text: "barred on 1{i} March", source: "notice#page"}}}}
    status: occurred
    enacts: [ban-{i}-policy]
    sources: ["notice#page"]
    variants:
      - sources: ["wire#page"]
        when: {{text: 2{i} March 2025, earliest: 2025-03-2{i}, latest: 2025-03-2{i}, precision: day,
               quote: {{text: "barred on 2{i} March", source: "wire#page"}}}}
""" for i in range(7)) + "policies:\n" + "".join(f"""  - {{id: ban-{i}-policy, label: Ban {i}, assigner: regulator, status: occurred,
     prohibitions: [{{id: users-{i}-may-not-use, target: [chatbot], assignee: users-{i},
                     quote: {{text: "users {i} may not use the chatbot", source: "notice#page"}}}}], sources: ["notice#page"]}}
""" for i in range(7))


def test_a_question_changes_on_each_account_s_date_even_when_the_model_has_too_many_combinations(tmp_path):
    """Knowledge.views lists no combination past MAX_ACCOUNTS about the model; one question tries
    the two accounts of the one ban that can apply to it, and its answer changes on each account's
    date: the dates a report lists (periods.question_change_dates) are those."""
    import datetime as dt

    from graph.policy.periods import question_change_dates

    data = tmp_path / "data"
    data.mkdir()
    (data / "many.yaml").write_text(MANY)
    build(data, tmp_path / "home")
    H = load_projection(home=tmp_path / "home", data_dir=data)
    k = knowledge(H)
    # 128 combinations about the model: not listed; the base view and each account alone are
    assert len(k.views(MODEL)) == 1 + 7 * 2
    member = PartyAttributes(member_of=(str(iri("groups", "users-0")),),
                             not_member_of=tuple(str(iri("groups", f"users-{i}")) for i in range(1, 7)))
    days = question_change_dates(H, MODEL, dt.date(2025, 3, 1), dt.date(2025, 4, 30), member, known=k)
    assert {dt.date(2025, 3, 11), dt.date(2025, 3, 21)} <= set(days)
    answers = {d: k.decide(H, MODEL, d, member).decision for d in ("2025-03-09", "2025-03-11", "2025-03-15", "2025-03-22")}
    assert answers == {"2025-03-09": "not_applicable", "2025-03-11": "indeterminate",
                       "2025-03-15": "indeterminate", "2025-03-22": "deny"}


# A ban on group 0 dated only "March 2025", and a second act (a ban on group 1) that the notice
# reports on 10 March and the wire calls planned. Its status matters to group 0's question only
# when the record orders it after the first ban: then, if it happened, so had the first ban by
# 10 March.
def _status_dispute(ordered: bool) -> str:
    head = DATA.split("events:")[0].replace(
        "groups:\n  - {id: users, name: Users in Italy, defined_by: regulator, sources: [\"notice#page\", \"wire#page\"]}",
        "groups:\n" + "".join(f"  - {{id: g{k}, name: Group {k}, defined_by: regulator, sources: [\"notice#page\"]}}\n"
                              for k in range(2)))
    events = """events:
  - id: banned-0
    label: Ban 0
    type: access-ban
    actor: regulator
    affects: [chatbot]
    when: {text: March 2025, earliest: 2025-03-01, latest: 2025-03-31, precision: month,
           quote: {text: "banned in March", source: "notice#page"}}
    status: occurred
    enacts: [ban-0]
    sources: ["notice#page"]
  - id: banned-1
    label: Ban 1
    type: access-ban
    actor: regulator
    affects: [chatbot]
""" + ("    after: [banned-0]\n" if ordered else "") + """    when: {text: 10 March 2025, earliest: 2025-03-10, latest: 2025-03-10, precision: day,
           quote: {text: "banned on 10 March", source: "notice#page"}}
    status: occurred
    enacts: [ban-1]
    sources: ["notice#page"]
    variants:
      - sources: ["wire#page"]
        status: planned
        when: {text: 10 March 2025, earliest: 2025-03-10, latest: 2025-03-10, precision: day,
               quote: {text: "a ban planned for 10 March", source: "wire#page"}}
policies:
"""
    policies = "".join(f"""  - {{id: ban-{k}, label: Ban {k}, assigner: regulator, status: occurred,
     prohibitions: [{{id: no-{k}, target: [chatbot], assignee: g{k},
                     quote: {{text: "group {k} may not use the chatbot", source: "notice#page"}}}}], sources: ["notice#page"]}}
""" for k in range(2))
    return textwrap.dedent(head) + events + policies


@pytest.mark.parametrize("ordered", [True, False])
def test_a_disputed_status_counts_when_the_record_orders_that_act_with_the_question_s_rules(tmp_path, ordered):
    """A member of group 0 (and not of group 1) on 15 March. Ordered: if the second ban happened on
    10 March, the first had by then (deny); if it was only planned, the first may not have
    (indeterminate): the accounts disagree, so the answer is indeterminate and names both
    sources. Not ordered: the second ban's status cannot move the first, the answer is the
    first ban's own (indeterminate on its window), and the dispute is said not to matter."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "bans.yaml").write_text(_status_dispute(ordered))
    H = load_projection(home=tmp_path / "home", data_dir=data)
    member = PartyAttributes(member_of=(str(iri("groups", "g0")),), not_member_of=(str(iri("groups", "g1")),))
    reference = {d.decision for d in every_combination(H, MODEL, "2025-03-15", member)}
    d = known_decide(H, MODEL, "2025-03-15", member)
    assert reference == ({"deny", "indeterminate"} if ordered else {"indeterminate"})
    assert d.decision == "indeterminate"
    named = {(c["about"], a["source"]) for c in d.undetermined_by_sources for a in c.get("accounts", ())}
    assert named == ({(str(iri("events", "banned-1")), NOTICE), (str(iri("events", "banned-1")), WIRE)}
                     if ordered else set())
    if not ordered:
        assert [e["label"] for e in d.undetermined_by] == ["Ban 0"]
        assert any("the status of 1 event(s)" in c and "'Ban 1'" in c for c in d.caveats), d.caveats
