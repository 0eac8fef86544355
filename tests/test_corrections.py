"""The corrections of issue 10 (section 1), each against the passage of SOURCE-FACTS it rests on.

Every test quotes the passage; :func:`quoted` fails when SOURCE-FACTS no longer says it, so a
correction cannot outlive the reading it came from. The access-rule corrections ("100 or more",
the directive, the two inferences) are issue 15's and tested there.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal

from conftest import shared_path
from graph.data.loader import load_dataset
from graph.data.paths import default_data_dir
from graph.data.rdf_build import build_graph
from graph.data.vocab import DCTERMS, PROV, RDF, RDFS, RKG, SDO, SEM, SKOS, concept, iri
from graph.policy.state import OCCURRING
from graph.sparql.queries import load_queries, run_saved

ANALYST = iri("organizations", "samsung-securities")
S3 = iri("sources", "samsung-2026-global-ai/s3")


@pytest.fixture(scope="module")
def facts_md() -> str:
    text = shared_path("SOURCE-FACTS.md", env="REGKG_SOURCE_FACTS").read_text(encoding="utf-8")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def g() -> Graph:
    return build_graph(load_dataset(default_data_dir()))


def quoted(facts_md: str, passage: str) -> None:
    """The passage a correction rests on is still what SOURCE-FACTS says (whitespace aside)."""
    assert " ".join(passage.split()) in facts_md, f"SOURCE-FACTS no longer says: {passage!r}"


def text_of(g: Graph, node) -> str:
    return " ".join(str(o) for p in (RDFS.label, DCTERMS.description) for o in g.objects(node, p))


def statement(g: Graph, local: str):
    node = iri("statements", local)
    assert (node, RDF.type, RKG.Statement) in g, local
    return node


# -- the analyst's view is not OpenAI's position ---------------------------------------------------

def test_openai_states_only_its_own_position(facts_md, g):
    quoted(facts_md, "OpenAI's position (OpenAI's own words, status announced): government pre-access is not a "
                     "desirable long-term approach; it is a temporary measure until an executive-order framework exists.")
    position = statement(g, "openai-position-on-pre-access")
    assert g.value(position, PROV.wasAttributedTo) == iri("organizations", "openai")
    assert g.value(position, RKG.status) == concept("status", "announced")
    assert not re.search(r"staged|shelv|best route", text_of(g, position), re.I), "the analyst's words moved to OpenAI"


def test_the_staged_release_view_is_the_analysts_opinion(facts_md, g):
    quoted(facts_md, "**The report's analyst (not OpenAI)** adds: a staged release *looks like* the best route to "
                     "general availability as fast as possible")
    view = statement(g, "staged-release-best-route")
    assert g.value(view, PROV.wasAttributedTo) == ANALYST
    assert g.value(view, RKG.status) == concept("status", "opinion")
    assert g.value(view, RKG.statementKind) == concept("statement-kind", "analysis")
    assert re.search(r"staged release", text_of(g, view)) and re.search(r"shelved", text_of(g, view))
    assert S3 in set(g.objects(view, PROV.wasDerivedFrom))


# -- the IPO: reported, next year or later, no date ever set ---------------------------------------

def test_the_listing_is_reported_next_year_or_later_not_an_openai_plan(facts_md, g):
    quoted(facts_md, "Press reports (status reported, not an OpenAI plan) say OpenAI is weighing postponing its "
                     "listing to next year *or later*")
    quoted(facts_md, "earliest 2027, no upper bound. No listing date had ever been fixed.")
    listing = statement(g, "openai-listing-next-year-or-later")
    assert g.value(listing, RKG.status) == concept("status", "reported")
    assert g.value(listing, RKG.statementKind) != concept("statement-kind", "plan")
    assert g.value(listing, PROV.wasAttributedTo) != iri("organizations", "openai")
    assert str(g.value(listing, SEM.hasEarliestBeginTimeStamp)) == "2027-01-01"
    assert g.value(listing, SEM.hasLatestEndTimeStamp) is None, "the reports give no upper bound"
    postponement = iri("events", "openai-ipo-postponement")
    assert "or later" in text_of(g, postponement)
    assert g.value(postponement, RKG.status) == concept("status", "reported")
    # No record puts OpenAI's listing in a year that ends, or calls it OpenAI's plan.
    for node in g.subjects(RDF.type, RKG.Statement):
        if g.value(node, RKG.statementKind) == concept("statement-kind", "plan") and "list" in text_of(g, node):
            assert "2027" not in text_of(g, node), node
    assert "ever" in text_of(g, statement(g, "openai-no-listing-schedule"))


# -- observations of trends under way, not forecasts -------------------------------------------------

@pytest.mark.parametrize("local, words", [
    ("consequence-strategic-assets", r"begun to be treated as export-controllable strategic assets"),
    ("consequence-licence-authority", r"emerging as a competitive variable"),
])
def test_trends_already_under_way_are_the_analysts_observations(facts_md, g, local, words):
    quoted(facts_md, "Observations of trends *already under way* (the analyst's opinion, not forecasts")
    quoted(facts_md, "licence authority over which countries, users and industries may use a model is *emerging* as "
                     "a competitive variable (the report does not say the government will gain it)")
    node = statement(g, local)
    assert g.value(node, RKG.statementKind) == concept("statement-kind", "observation")
    assert g.value(node, RKG.status) == concept("status", "opinion")
    assert g.value(node, PROV.wasAttributedTo) == ANALYST
    text = " ".join(str(o) for o in g.objects(node, DCTERMS.description))
    assert re.search(words, text) and not re.search(r"expected|will gain", text, re.I)
    assert iri("organizations", "us-government") not in set(g.objects(node, DCTERMS.subject))


def test_the_missing_forecasts_of_section_3_are_recorded(facts_md, g):
    quoted(facts_md, "competitiveness will include how fast a lab clears government review; models may keep "
                     "waiting for release.")
    for local, words in (("consequence-review-speed", "government review"), ("consequence-release-waiting", "waiting")):
        node = statement(g, local)
        assert g.value(node, RKG.status) == concept("status", "forecast")
        assert g.value(node, PROV.wasAttributedTo) == ANALYST and S3 in set(g.objects(node, PROV.wasDerivedFrom))
        assert words in " ".join(map(str, g.objects(node, DCTERMS.description)))


# -- what the report does not say is not in the data ----------------------------------------------

def test_no_job_title_for_sam_altman(facts_md, g):
    quoted(facts_md, "People: Tang Jie (Z.ai), Sam Altman (OpenAI), Ed Zitron (journalist).")
    assert g.value(iri("people", "sam-altman"), SDO.jobTitle) is None


@pytest.mark.parametrize("org", ["coinbase", "fireworks-ai", "openrouter"])
def test_no_country_the_report_does_not_give(facts_md, g, org):
    quoted(facts_md, "**Coinbase** is experimenting with an LLM gateway")
    quoted(facts_md, "On **Fireworks**, open-source model throughput")
    assert g.value(iri("organizations", org), RKG.country) is None


@pytest.mark.parametrize("model", ["gemini-3-5-flash", "gpt-5-6-luna", "opus-4-7"])
def test_no_openness_the_report_does_not_give(facts_md, g, model):
    quoted(facts_md, "**Google Gemini 3.5 Flash** $1.5 / $9; **OpenAI GPT-5.6 Luna** (recently released) $1 / $6.")
    quoted(facts_md, "Overall performance about the level of Anthropic's **Opus 4.7**")
    assert g.value(iri("models", model), RKG.openness) == concept("openness", "unknown")


def test_fable_has_only_the_names_the_report_uses(facts_md, g):
    quoted(facts_md, '(elsewhere the report says just "Mythos" and "Fable"; a user will type any of these names)')
    assert (iri("models", "fable-5"), SKOS.altLabel, Literal("Claude Fable 5")) not in g


def test_moonshot_as_kimis_maker_is_an_inference_not_a_fact(facts_md, g):
    quoted(facts_md, "Moonshot AI (maker of Kimi; the report names only the model)")
    kimi, moonshot = iri("models", "kimi-k2-7"), iri("organizations", "moonshot-ai")
    assert g.value(kimi, RKG.developer) is None
    assert g.value(moonshot, RKG.status) == concept("status", "estimate")
    inference = statement(g, "kimi-k2-7-maker-inference")
    assert g.value(inference, RKG.status) == concept("status", "estimate")
    assert {kimi, moonshot} <= set(g.objects(inference, DCTERMS.subject))
    assert g.value(moonshot, RKG.country) is None


def test_tang_jie_says_performance_could_improve_not_close_the_gap(facts_md, g):
    quoted(facts_md, "more reinforcement-learning investment would help")
    text = " ".join(map(str, g.objects(statement(g, "tang-jie-rl-investment-claim"), DCTERMS.description)))
    assert "close the gap" not in text and "could improve" in text


def test_sovereign_ai_may_strengthen_no_demand(facts_md, g):
    quoted(facts_md, 'Possible (forecast): stronger "sovereign AI".')
    text = text_of(g, statement(g, "consequence-sovereign-ai"))
    assert "demand" not in text.lower() and "may strengthen" in text


def test_coinbases_defaults_include_the_two_models_not_only_them(facts_md, g):
    # SOURCE-FACTS names the two models; the report adds "etc." (issue 10's reading of it).
    quoted(facts_md, "whose default models are the open-weight **GLM-5.2** and **Kimi K2.7**")
    text = text_of(g, iri("events", "coinbase-llm-gateway-experiment"))
    assert "include" in text and "etc." in text
    assert not re.search(r"default models are", text)


def test_open_source_regulation_is_not_linked_to_glm_or_kimi(facts_md, g):
    quoted(facts_md, "US government regulation of *open-source* AI has no clear direction yet")
    about = set(g.objects(statement(g, "open-source-regulation-unclear"), DCTERMS.subject))
    assert about == {iri("organizations", "us-government")}


# -- the report's own publication date: an estimate, with its reasoning ---------------------------

def test_the_reports_date_is_an_estimate_with_its_reasoning(facts_md, g):
    quoted(facts_md, "The report states no publication date.")
    quoted(facts_md, "Record its date as an estimate: earliest 2026-06-15, latest 2026-07-31.")
    report = iri("sources", "samsung-2026-global-ai")
    assert g.value(report, RKG.status) == concept("status", "estimate")
    assert (str(g.value(report, SEM.hasEarliestBeginTimeStamp)), str(g.value(report, SEM.hasLatestEndTimeStamp))) \
        == ("2026-06-15", "2026-07-31")
    assert "estimate" in str(g.value(report, RKG.dateText))
    basis = str(g.value(report, RKG.dateBasis))
    assert "lower bound comes from the text" in basis and "upper bound is not in the text" in basis


# -- plans against events: every happened status, in every saved query -----------------------------

def test_every_saved_query_filters_on_all_happened_statuses_or_none(facts_md):
    quoted(facts_md, "keep them as the fact's status (reported / announced / planned / forecast)")
    happened = {f"status:{s}" for s in OCCURRING}
    for name, q in load_queries().items():
        for block in re.findall(r"VALUES\s+\?status\s*\{([^}]*)\}", q.text):
            listed = set(block.split())
            assert not (listed & happened) or happened <= listed, f"{name} lists {sorted(listed)}"


def test_plans_vs_events_shows_what_was_reported(facts_md, store):
    quoted(facts_md, "OpenAI **confidentially submitted** its listing documents to the **SEC**")
    records = {str(row["record"]) for row in run_saved(store, "plans-vs-events").dicts()}
    for local, kind in (("openai-ipo-postponement", "events"), ("openai-sec-confidential-submission", "events"),
                        ("coinbase-llm-gateway-experiment", "events")):
        assert str(iri(kind, local)) in records, local
