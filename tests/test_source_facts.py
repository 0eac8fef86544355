"""The data set holds all of SOURCE-FACTS: every entity, every numbered fact, every figure and price.

``SOURCE-FACTS.md`` (the summary of the source report) lives outside the repository, at
``<checkout>/../shared/SOURCE-FACTS.md`` or ``$REGKG_SOURCE_FACTS``. Without it these tests skip,
except under CI (``CI=true``), where a missing file is a failure.

What is parsed from the Markdown, and what is written here:

* the entity names of "## Entities the graph must contain" are parsed; each must be the
  ``rdfs:label`` or ``skos:altLabel`` of a cited resource with a status;
* the fact numbers and the section each fact belongs to are parsed (``## Section N`` headings);
  which records hold each fact is written in :data:`FACT_RECORDS`, so a fact added to
  SOURCE-FACTS fails until someone records it and maps it here;
* the table of fact 22 and the prices of fact 19 are parsed and compared cell by cell.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rdflib import Graph, URIRef

from conftest import shared_path
from graph.data import vocab  # vocab.SDO, not a module-level SDO: doctest collection warns on schema.org's namespace
from graph.data.loader import load_dataset
from graph.data.models import RECORD_KINDS
from graph.data.paths import repo_root
from graph.data.rdf_build import build_graph
from graph.data.vocab import PROV, RDF, RDFS, RKG, SEM, SKOS, STATUS, concept, iri

SOURCE_DOC = "samsung-2026-global-ai"

# Fact number -> ids of the records that hold it (events, policies, statements, figures, prices,
# scores). Every id must exist and cite the fact's section of the report.
FACT_RECORDS: dict[int, tuple[str, ...]] = {
    # Section 3: data/regulation.yaml
    1: ("export-control-directive", "export-control-directive-policy"),
    2: ("anthropic-suspension", "anthropic-suspension-policy", "anthropic-customer-access",
        "anthropic-models-available"),
    3: ("directive-disagreements",),
    4: ("government-anthropic-negotiations", "mythos-partial-reinstatement", "mythos-reinstatement-policy"),
    5: ("foreign-national-carve-out", "foreign-national-carve-out-policy", "carve-out-helps-research-roadmap"),
    6: ("fable-still-disabled", "fable-restriction-lifting-forecast"),
    7: ("anthropic-government-protocols-plan",),
    8: ("gpt-5-6-partner-preview", "gpt-5-6-preview-policy", "gpt-5-6-general-availability-plan",
        "gpt-5-6-general-availability-policy"),
    9: ("openai-position-on-pre-access", "staged-release-best-route"),
    10: ("voluntary-pre-release-sharing-framework", "de-facto-pre-review-regime"),
    11: ("consequence-slower-release-cadence", "consequence-new-risks-in-valuation", "consequence-review-speed",
         "consequence-release-waiting", "consequence-strategic-assets", "consequence-licence-authority",
         "consequence-sovereign-ai"),
    12: ("open-source-regulation-unclear",),
    # Section 1: data/market.yaml
    13: ("glm-5-2-release", "glm-5-2-open-weights-policy", "glm-5-2-features", "glm-5-2-performance-vs-opus-4-7",
         "glm-5-2-weaknesses", "glm-5-2-running-cost"),
    14: ("glm-5-2-aa-intelligence-index", "glm-5-2-ranking", "third-place-formerly-gemini",
         "glm-5-2-gdpval-aa-elo-rose"),
    15: ("anthropic-distillation-complaints",),
    16: ("z-ai-cyber-parity-with-mythos", "tang-jie-fable-level-forecast", "tang-jie-rl-investment-claim"),
    17: ("coinbase-llm-gateway-experiment", "kimi-k2-7-open-weights-available", "kimi-k2-7-open-weights-policy",
         "coinbase-employees-under-usage-limits", "coinbase-usage-limits-observation", "kimi-k2-7-maker-inference"),
    18: ("fireworks-open-source-tokens", "fireworks-open-source-throughput-doubled",
         "openrouter-open-source-growth-claim", "openrouter-chinese-share-overtook-us",
         "openrouter-representativeness-doubt", "open-weights-not-free", "z-ai-capacity-question"),
    19: ("glm-5-2-api-price", "gemini-3-5-flash-api-price", "gpt-5-6-luna-api-price", "gpt-5-6-luna-release",
         "deepseek-v4-price-cut", "mimo-v2-5-price-cut", "chinese-price-cuts-observation",
         "blended-price-weighting", "artificial-analysis-data-source"),
    20: ("chinese-labs-efficiency-under-export-controls", "deepseek-dspark"),
    # Section 2: data/openai-financials.yaml
    21: ("openai-financials-press-reports",),
    22: ("openai-revenue", "openai-revenue-growth-yoy", "openai-revenue-chatgpt-consumer",
         "openai-revenue-chatgpt-b2b", "openai-revenue-platform", "openai-revenue-new-projects",
         "openai-cost-of-revenue", "openai-gross-profit", "openai-gross-margin",
         "openai-research-and-development", "openai-sales-and-marketing", "openai-general-and-administrative",
         "openai-total-costs", "openai-operating-income", "openai-net-income", "openai-net-loss-non-controlling",
         "openai-net-loss-redeemable-non-controlling", "openai-net-income-attributable",
         "openai-fair-value-remeasurement", "openai-free-cash-flow"),
    23: ("openai-ipo-postponement", "openai-listing-next-year-or-later", "openai-ipo-target-valuation",
         "openai-ipo-target-valuation-plan", "advisers-retail-demand-warning", "openai-no-investor-meetings",
         "openai-no-listing-schedule", "openai-expects-anthropic-to-list-first", "spacex-weak-post-ipo-trading"),
    24: ("openai-sec-confidential-submission", "openai-no-listing-schedule", "openai-staying-private-advantages",
         "anthropic-s1-confidential-submission"),
    25: ("altman-listing-by-h1-2027", "altman-recursive-self-improvement-remark"),
}

# Plans and forecasts (fact 6, 7, 8, 11, 16, 23, 25): they must keep status planned or forecast.
NOT_YET_HAPPENED = (
    "gpt-5-6-general-availability-plan", "gpt-5-6-general-availability-policy",
    "fable-restriction-lifting-forecast", "anthropic-government-protocols-plan",
    "consequence-slower-release-cadence", "consequence-new-risks-in-valuation", "consequence-review-speed",
    "consequence-release-waiting", "consequence-sovereign-ai",
    "tang-jie-fable-level-forecast",
    "openai-ipo-target-valuation", "openai-ipo-target-valuation-plan",
    "advisers-retail-demand-warning", "openai-expects-anthropic-to-list-first", "altman-listing-by-h1-2027",
)
# Rumours and leanings: never upgraded to occurred (but not necessarily plans).
NOT_OCCURRED = ("openai-ipo-postponement", "z-ai-cyber-parity-with-mythos", "kimi-k2-7-open-weights-available",
                "openai-listing-next-year-or-later")

FUTURE = {STATUS.planned, STATUS.forecast}
ACTUAL = {STATUS.occurred, STATUS.reported, STATUS.announced}


# -- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def facts_md() -> str:
    return shared_path("SOURCE-FACTS.md", env="REGKG_SOURCE_FACTS").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(load_dataset(repo_root() / "data"))


# -- parsing SOURCE-FACTS ------------------------------------------------------------------------
def _heading_block(md: str, heading: str) -> str:
    """The text under the ``## `` heading that starts with ``heading``, up to the next ``## ``."""
    m = re.search(rf"^## {re.escape(heading)}[^\n]*\n(.*?)(?=^## |\Z)", md, re.M | re.S)
    assert m, f"SOURCE-FACTS has no '## {heading}' section"
    return m.group(1)


def _split_top_level(text: str, seps: str = ",;") -> list[str]:
    """Split at separators outside parentheses."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch in seps and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    return [p.strip().rstrip(".").strip() for p in [*parts, cur] if p.strip().rstrip(".").strip()]


def parse_entities(md: str) -> dict[str, list[str]]:
    """Category ("Companies", "Models", ...) -> the items listed, as written."""
    text = " ".join(_heading_block(md, "Entities the graph must contain").split())
    pieces = re.split(r"(?<![\w(])([A-Z][A-Za-z]+): ", text)
    categories: dict[str, list[str]] = {}
    for name, body in zip(pieces[1::2], pieces[2::2]):
        quoted = re.findall(r'"([^"]+)"', body)
        categories[name] = quoted if quoted else _split_top_level(body)
    return categories


def _strip_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def entity_candidates(item: str, listed_mains: set[str]) -> set[str]:
    """Names any of which identifies ``item``: "Z.ai (Zhipu AI)" -> {"z.ai", "zhipu ai"}.

    A leading "the" is dropped; "A / B" gives either name; a parenthesis is an alternative name
    when it is a proper name that is not another listed entity ("Opus 4.7 (Anthropic)" is an
    attribution, "Ed Zitron (journalist)" a description).
    """
    main, _, rest = item.partition("(")
    names = {main.strip(), _strip_article(main)}
    alternatives = [_strip_article(p) for p in main.split("/")]
    paren = _strip_article(rest.rsplit(")", 1)[0])
    if paren and paren.lower() not in listed_mains and not re.search(r"[;,]", paren):
        alternatives.append(paren)
    # Only a proper name is an alternative: "(journalist)" or "(the source)" describe, not name.
    names |= {a for a in alternatives if re.match(r"[A-Z0-9]", a)}
    return {n.lower() for n in names if n}


def parse_facts(md: str) -> dict[int, tuple[str, str]]:
    """Fact number -> (report section number, the fact's text with whitespace collapsed)."""
    facts: dict[int, tuple[str, str]] = {}
    for m in re.finditer(r"^## Section (\d+)[^\n]*\n(.*?)(?=^## |\Z)", md, re.M | re.S):
        section, body = m.group(1), m.group(2)
        for f in re.finditer(r"^(\d+)\.\s(.*?)(?=^\d+\.\s|\Z)", body, re.M | re.S):
            number = int(f.group(1))
            assert number not in facts, f"fact {number} is numbered twice in SOURCE-FACTS"
            facts[number] = (section, f.group(2))
    return facts


def parse_table(fact_text: str) -> tuple[list[str], list[list[str]]]:
    """The Markdown table of a fact: the period headers and the rows (label first, '' = blank)."""
    lines = [line.strip() for line in fact_text.splitlines() if line.strip().startswith("|")]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    header, rows = cells[0], [r for r in cells[1:] if not set("".join(r)) <= set("-: ")]
    assert all(len(r) == len(header) for r in rows), "a table row has the wrong number of cells"
    return header[1:], rows


def figure_measure(row_label: str) -> tuple[str, str]:
    """The (measure, unit) a table row is stored under (see data/openai-financials.yaml)."""
    label, unit = row_label.strip(), "USD bn"
    if label.startswith("—"):
        label = "revenue — " + label.lstrip("— ").strip()
    if label.endswith(" %"):
        label, unit = label[:-2].strip(), "%"
    return label, unit


def parse_prices(fact_text: str) -> list[tuple[str, float, float]]:
    """(model name as written, input, output) of every "**Model** $in / $out" of a fact."""
    text = " ".join(fact_text.split())
    found = [(m.group(1).strip(), float(m.group(2)), float(m.group(3))) for m in re.finditer(
        r"\*\*([^*]+)\*\*(?:\s*\([^)]*\))?\s*\$([\d.]+)\s*/\s*\$([\d.]+)", text)]
    assert len(found) == len(re.findall(r"\$[\d.]+\s*/\s*\$[\d.]+", text)), "a price of the fact was not parsed"
    return found


# -- helpers on the graph ------------------------------------------------------------------------
def _labels(g: Graph, node) -> set[str]:
    return {str(o).lower() for p in (RDFS.label, SKOS.altLabel) for o in g.objects(node, p)}


def _sections(g: Graph, node) -> set[URIRef]:
    return {s for s in g.objects(node, PROV.wasDerivedFrom) if (s, RDF.type, RKG.SourceSection) in g}


def _section_iri(number: str) -> URIRef:
    return iri("sources", f"{SOURCE_DOC}/s{number}")


def _record(g: Graph, record_id: str) -> URIRef | None:
    for kind in RECORD_KINDS:
        node = iri(kind, record_id)
        if (node, RDF.type, None) in g:
            return node
    return None


def _status(g: Graph, node) -> URIRef | None:
    return g.value(node, RKG.status)


# -- (a) entities --------------------------------------------------------------------------------
def test_every_listed_entity_is_a_cited_resource(facts_md, graph):
    categories = parse_entities(facts_md)
    assert {"Companies", "Models", "People"} <= set(categories), f"entity list not parsed: {categories}"
    items = [item for names in categories.values() for item in names]
    assert all(categories.values()) and len(items) >= 20, f"entity list not parsed: {categories}"
    mains = {_strip_article(i.partition("(")[0]).lower() for i in items}

    by_label: dict[str, set] = {}
    for p in (RDFS.label, SKOS.altLabel):
        for s, o in graph.subject_objects(p):
            by_label.setdefault(str(o).lower(), set()).add(s)

    missing = []
    for category, names in categories.items():
        for item in names:
            nodes = {n for c in entity_candidates(item, mains) for n in by_label.get(c, ())}
            if not any(_sections(graph, n) and _status(graph, n) is not None for n in nodes):
                why = "no resource with that label" if not nodes else "no source section or status"
                missing.append(f"{category}: {item!r} ({why})")
    assert not missing, "entities of SOURCE-FACTS missing from the graph:\n" + "\n".join(missing)


def test_entity_names_parse_alternatives():
    mains = {"anthropic", "z.ai"}
    assert entity_candidates("Z.ai (Zhipu AI)", mains) == {"z.ai", "zhipu ai"}
    assert entity_candidates("Opus 4.7 (Anthropic)", mains) == {"opus 4.7"}
    assert entity_candidates("Ed Zitron (journalist)", mains) == {"ed zitron"}
    assert entity_candidates("Samsung Securities (the source)", mains) == {"samsung securities"}
    assert "us government" in entity_candidates(
        "the US government / administration (executive branch, national-security authority)", mains)


# -- (b) numbered facts --------------------------------------------------------------------------
def test_fact_numbers_are_exactly_those_mapped(facts_md):
    numbers = set(parse_facts(facts_md))
    assert numbers == set(range(1, 26)), f"SOURCE-FACTS now numbers facts {sorted(numbers)}; update the data and FACT_RECORDS"
    assert set(FACT_RECORDS) == numbers


def test_every_fact_is_recorded_with_its_section_and_status(facts_md, graph):
    problems = []
    for number, (section, _) in sorted(parse_facts(facts_md).items()):
        expected = _section_iri(section)
        assert (expected, RDF.type, RKG.SourceSection) in graph, f"no section s{section} in the graph"
        if not FACT_RECORDS.get(number):
            problems.append(f"fact {number}: no records mapped in FACT_RECORDS")
        for record_id in FACT_RECORDS.get(number, ()):
            node = _record(graph, record_id)
            if node is None:
                problems.append(f"fact {number}: no record '{record_id}'")
            elif expected not in _sections(graph, node):
                problems.append(f"fact {number}: '{record_id}' does not cite section s{section}")
            elif _status(graph, node) is None:
                problems.append(f"fact {number}: '{record_id}' has no status")
    assert not problems, "\n".join(problems)


def test_fact_sections_are_as_the_report_orders_them(facts_md):
    sections = {n: s for n, (s, _) in parse_facts(facts_md).items()}
    assert {n for n, s in sections.items() if s == "3"} == set(range(1, 13))
    assert {n for n, s in sections.items() if s == "1"} == set(range(13, 21))
    assert {n for n, s in sections.items() if s == "2"} == set(range(21, 26))


# -- (c) the table of fact 22 --------------------------------------------------------------------
def test_every_cell_of_the_financials_table_is_a_figure(facts_md, graph):
    section, text = parse_facts(facts_md)[22]
    periods, rows = parse_table(text)
    assert rows, "fact 22 has no table"
    openai = iri("organizations", "openai")
    figures: dict[tuple[str, str], list] = {}
    for node in graph.subjects(RDF.type, RKG.Figure):
        if graph.value(node, RKG.subject) == openai:
            key = (str(graph.value(node, RKG.measure)).lower(), str(graph.value(node, RKG.period)))
            figures.setdefault(key, []).append(node)

    problems, cells = [], 0
    for label, *values in rows:
        measure, unit = figure_measure(label)
        stored = {p for (m, p) in figures if m == measure.lower()}
        given = {p for p, v in zip(periods, values) if v}
        if stored != given:
            problems.append(f"{measure!r}: periods {sorted(stored)} stored, {sorted(given)} in the table")
        for period, cell in zip(periods, values):
            if not cell:
                continue
            cells += 1
            nodes = figures.get((measure.lower(), period), [])
            if len(nodes) != 1:
                problems.append(f"{measure!r} {period}: {len(nodes)} figures, expected 1")
                continue
            node = nodes[0]
            value = graph.value(node, vocab.SDO.value)
            if value is None or abs(float(value.toPython()) - float(cell)) > 1e-9:
                problems.append(f"{measure!r} {period}: value {value}, table says {cell}")
            if str(graph.value(node, vocab.SDO.unitText)) != unit:
                problems.append(f"{measure!r} {period}: unit {graph.value(node, vocab.SDO.unitText)}, expected {unit}")
            status = _status(graph, node)
            if period.endswith("E") and status != STATUS.forecast:
                problems.append(f"{measure!r} {period}: a projection with status {status}")
            if not period.endswith("E") and status not in ACTUAL:
                problems.append(f"{measure!r} {period}: an actual figure with status {status}")
            if _section_iri(section) not in _sections(graph, node):
                problems.append(f"{measure!r} {period}: does not cite section s{section}")
    assert cells > 0
    assert not problems, "\n".join(problems)


# -- (d) the prices of fact 19 -------------------------------------------------------------------
def test_prices_of_fact_19(facts_md, graph):
    section, text = parse_facts(facts_md)[19]
    prices = parse_prices(text)
    assert prices, "no prices parsed from fact 19"
    problems = []
    for name, price_in, price_out in prices:
        models = []
        for m in graph.subjects(RDF.type, RKG.AIModel):
            names = _labels(graph, m)
            developer = graph.value(m, RKG.developer)
            dev_names = _labels(graph, developer) if developer is not None else set()
            if name.lower() in names | {f"{d} {n}" for d in dev_names for n in names}:
                models.append(m)
        if len(models) != 1:
            problems.append(f"{name!r}: {len(models)} models match")
            continue
        matching = [p for p in graph.subjects(RKG.model, models[0])
                    if (p, RDF.type, RKG.Price) in graph
                    and float(graph.value(p, RKG.inputPrice).toPython()) == price_in
                    and float(graph.value(p, RKG.outputPrice).toPython()) == price_out
                    and str(graph.value(p, vocab.SDO.priceCurrency)) == "USD"
                    and str(graph.value(p, RKG.per)) == "1M tokens"]
        if not matching:
            problems.append(f"{name!r}: no price {price_in} / {price_out} USD per 1M tokens")
        for p in matching:
            if _section_iri(section) not in _sections(graph, p) or _status(graph, p) not in ACTUAL:
                problems.append(f"{name!r}: price not cited to s{section} or with status {_status(graph, p)}")
    assert not problems, "\n".join(problems)


# -- (e) plans and forecasts are never facts -----------------------------------------------------
def test_plans_and_forecasts_keep_their_status(graph):
    problems = []
    for record_id in NOT_YET_HAPPENED:
        node = _record(graph, record_id)
        if node is None or _status(graph, node) not in FUTURE:
            problems.append(f"'{record_id}': status {node and _status(graph, node)}, expected planned or forecast")
    for record_id in NOT_OCCURRED:
        node = _record(graph, record_id)
        if node is None or _status(graph, node) in (None, STATUS.occurred):
            problems.append(f"'{record_id}': status {node and _status(graph, node)}, must not be occurred")
    assert not problems, "\n".join(problems)


def test_no_plan_or_forecast_anywhere_is_stored_as_a_fact(graph):
    problems = []
    future_kinds = {concept("statement-kind", "plan"), concept("statement-kind", "forecast")}
    for node in graph.subjects(RDF.type, RKG.Statement):
        if graph.value(node, RKG.statementKind) in future_kinds and _status(graph, node) not in FUTURE:
            problems.append(f"{node}: a plan or forecast with status {_status(graph, node)}")
    for node in graph.subjects(RDF.type, RKG.Figure):
        if str(graph.value(node, RKG.period)).endswith("E") and _status(graph, node) != STATUS.forecast:
            problems.append(f"{node}: a projection with status {_status(graph, node)}")
    # A policy put in force by a planned or forecast event is itself not in force.
    for policy, event in graph.subject_objects(PROV.wasGeneratedBy):
        if _status(graph, event) in FUTURE and _status(graph, policy) == STATUS.occurred:
            problems.append(f"{policy}: occurred, but enacted by {event} with status {_status(graph, event)}")
    # Nothing that occurred can begin after the report was published.
    published = graph.value(iri("sources", SOURCE_DOC), SEM.hasLatestEndTimeStamp)
    assert published is not None
    for node, earliest in graph.subject_objects(SEM.hasEarliestBeginTimeStamp):
        if _status(graph, node) == STATUS.occurred and earliest.toPython() > published.toPython():
            problems.append(f"{node}: occurred, but begins {earliest}, after the report ({published})")
    assert isinstance(published.toPython(), dt.date)
    assert not problems, "\n".join(problems)
