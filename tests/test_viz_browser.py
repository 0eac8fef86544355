"""The HTML browser in a real browser: Debian's chromium driven by Python Playwright.

Every page is opened from a file:// URL in a fresh profile with background networking off; each
test checks that the only request was the file itself and that the console stayed free of errors.
Behaviour only, never wall-clock time (speed is bench/browser.py's). Skipped with the reason where
chromium or playwright is missing, failed under ``CI=true``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest
from test_viz import FABLE, HOSTILE, ID, MYTHOS, S3_LABEL, SUSPENSION_RULE

from conftest import unavailable
from graph.policy.access import decide
from graph.policy.knowledge import knowledge
from graph.policy.audiences import audiences, models
from graph.policy.periods import audience_party, change_dates
from viz.render import render_html, rule_states
from viz.sample import synthetic_projection

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
APPROVED = ID + "group/approved-us-institutions"
CUSTOMERS = ID + "group/anthropic-customers"
HANG = 120  # seconds to wait for a server thread to stop at teardown (no test asserts on time)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless chromium with a new, empty profile, shared by the tests of this module."""
    if not os.path.exists(CHROMIUM):
        unavailable(f"{CHROMIUM} is not installed (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=ARGS, viewport={"width": 1500, "height": 950})
        yield context
        context.close()


class Opened:
    """A page opened at a URL, with every request, console error and dialog it caused."""

    def __init__(self, browser, url: str, size: tuple[int, int] | None = None):
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = page = browser.new_page()
        if size:
            page.set_viewport_size({"width": size[0], "height": size[1]})
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.goto(url)
        self.wait("() => !!(window.regkg && window.regkg.ready)")

    def wait(self, predicate: str, arg=None):
        """Poll ``predicate`` (the page's Content-Security-Policy forbids the string eval that
        Playwright's wait_for_function needs); fail on a page error or a closed page, never on time
        (a loaded machine is slow, not broken; a true hang is CI's overall limit's business)."""
        while not self.js(predicate, arg):
            assert not self.errors, self.errors
            assert not self.page.is_closed(), f"the page closed before: {predicate}"
            time.sleep(0.05)

    def settled(self):
        self.wait("() => regkg.settled")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def state(self) -> dict:
        return self.js("() => regkg.state()")

    def assert_clean(self):
        assert all(r.split("#")[0] == self.url.split("#")[0] for r in self.requests), \
            f"requests besides the page itself: {self.requests}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def open_(target, size=None, fragment: str = "") -> Opened:
        url = target.as_uri() + fragment if isinstance(target, Path) else target
        pages.append(Opened(browser, url, size))
        return pages[-1]

    yield open_
    for p in pages:
        p.close()


def write_page(tmp_path: Path, G, name: str = "page.html", **kwargs) -> Path:
    path = tmp_path / name
    path.write_text(render_html(G, **kwargs), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_page(G, tmp_path_factory) -> Path:
    return write_page(tmp_path_factory.mktemp("seed"), G, as_of="2026-09-01")


def as_json(value):
    return json.loads(json.dumps(value, default=str))


# --------------------------------------------------------------------------- the Access view

def test_the_page_opens_offline_on_the_access_view_and_answers_the_question(G, seed_page, open_page):
    page = open_page(seed_page)
    assert page.state()["view"] == "access" and page.state()["on"] == "2026-09-01"
    cells = {(c["model"], c["audience"]): c for c in page.js("() => regkg.cells()")}
    assert set(cells) == {(m, a) for m in models(G) for a in audiences(G)}
    # who may use Mythos 5 on 1 September: the approved institutions yes; a customer no, unless
    # (a fact not given) it is also an approved institution: the cell shows both halves
    assert cells[(MYTHOS, APPROVED)]["decision"] == "permit"
    assert cells[(MYTHOS, CUSTOMERS)]["decision"] == "indeterminate" and set(cells[(MYTHOS, CUSTOMERS)]["split"].split(",")) == {"deny", "permit"}
    # each decision has its own symbol and its own colour: never colour alone
    shown = page.js("""() => Array.from(document.querySelectorAll('#matrix button.cell:not(.d-split)')).map(b =>
                         [b.dataset.decision, b.textContent, getComputedStyle(b).backgroundColor])""")
    symbols, colours = {}, {}
    for decision, symbol, colour in shown:
        symbols.setdefault(decision, set()).add(symbol)
        colours.setdefault(decision, set()).add(colour)
    assert {"permit", "deny"} <= set(symbols)
    legend = page.js("""() => Array.from(document.querySelectorAll('#decision-legend .swatch:not(.d-split)')).map(s =>
                         [s.textContent, getComputedStyle(s).backgroundColor])""")
    assert len(legend) == 4 and len({sym for sym, _ in legend}) == 4 and len({c for _, c in legend}) == 4
    assert all(len(s) == 1 for s in symbols.values()) and len({s.pop() for s in symbols.values()}) == len(symbols)
    assert len({c.pop() for c in colours.values()}) == len(colours)
    page.assert_clean()


def test_every_cell_on_every_interval_is_what_decide_says(G, seed_page, open_page):
    """The page's cell and its evidence JSON, for every (model, audience, interval): on the first and
    last day of each of every model's intervals, against regkg check --json (decide, with the
    sources weighed by graph.policy.knowledge)."""
    k = knowledge(G)
    days = set()
    for m in models(G):
        bounds = change_dates(G, m, known=k)
        days |= {bounds[0] - dt.timedelta(days=1)} if bounds else {dt.date(2026, 1, 1)}
        days |= {b for b in bounds} | {b - dt.timedelta(days=1) for b in bounds} | {bounds[-1] + dt.timedelta(days=400)}
    page = open_page(seed_page)
    seen = page.js("""(days) => days.map(d => { regkg.setDate(d);
        return [d, regkg.cells().map(c => [c.model, c.audience, c.decision, regkg.checkJson(c.model, c.audience)])]; })""",
                   sorted(d.isoformat() for d in days))
    checked = 0
    for day, cells in seen:
        for model, audience, shown, evidence in cells:
            want = as_json(k.decide(G, model, day, audience_party(G, audience)).to_dict())
            assert shown == want["decision"] and evidence == want, (model, audience, day)
            checked += 1
    assert checked == len(days) * len(models(G)) * len(audiences(G))
    # and through the controls, as a person would: the date box, a click on the cell, the JSON shown
    page.page.locator("#on").fill("2026-07-01")
    page.page.locator("#on").dispatch_event("change")
    page.page.locator(f'#matrix button.cell[data-m="{models(G).index(MYTHOS)}"][data-col="{APPROVED}"]').click()
    shown = json.loads(page.page.locator("#check-json").inner_text())
    assert shown == as_json(k.decide(G, MYTHOS, "2026-07-01", audience_party(G, APPROVED)).to_dict())
    assert shown["decision"] == "indeterminate" and "undetermined on 2026-07-01" in shown["caveats"][0]
    assert "regkg check 'Claude Mythos 5' --on 2026-07-01 --member-of approved-us-institutions --json" in page.js("() => regkg.panelText()")
    page.assert_clean()


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory):
    """The seed's own files (not the corpora in folders under data/) and their page: the dates,
    places and actions the next test names are the seed's."""
    from test_viz import seed_only_projection

    root = tmp_path_factory.mktemp("seed-only")
    G = seed_only_projection(root)
    return G, write_page(root, G, as_of="2026-09-01")


def test_known_on_answers_from_what_was_published_and_the_panel_shows_why(seed_only, open_page):
    G, path = seed_only
    page = open_page(path, fragment=f"#view=access&on=2026-09-01&sel={MYTHOS}&aud={APPROVED}")
    p = page.page
    text = page.js("() => regkg.panelText()")
    # the new engine's reasons: who made each rule, the inference, the knowledge horizon
    assert "by: US government (rank 30)" in text and "by: Anthropic (rank 10)" in text
    assert p.locator("#panel .inferred").count() > 0
    assert "Known until 2026-07-31" in text and "may have changed since" in text
    assert p.locator("#lanes g.horizon").get_attribute("data-latest") == "2026-07-31"
    # a cell on a date after the horizon says so (the report is all regkg knows about Mythos)
    cell = p.locator(f'#matrix button.cell[data-m="{models(G).index(MYTHOS)}"][data-col="{APPROVED}"]')
    assert "after-horizon" in cell.get_attribute("class") and "known until 2026-07-31" in cell.get_attribute("title")
    page.js("() => regkg.setDate('2026-07-01')")
    assert "after-horizon" not in cell.get_attribute("class")
    page.js("() => regkg.setDate('2026-09-01')")
    # known on a date while the report was perhaps published: that state of knowledge's table
    p.locator("#known").fill("2026-07-01")
    p.locator("#known").dispatch_event("change")
    assert page.state()["known"] == "2026-06-15" and "2026-06-15" in p.locator("#notice").inner_text()
    shown = json.loads(p.locator("#check-json").inner_text())
    assert shown == as_json(knowledge(G, "2026-06-15").decide(G, MYTHOS, "2026-09-01", audience_party(G, APPROVED)).to_dict())
    assert shown["decision"] == "indeterminate" and shown["undetermined_by_sources"][0]["why"] == "published"
    text = page.js("() => regkg.panelText()")
    assert "Sources it depends on" in text and "--known-on 2026-06-15 --json" in text
    assert "known=2026-06-15" in p.url
    # before the report nothing was known: no rule speaks
    page.js("() => regkg.setKnown('2026-01-01')")
    assert page.js("(a) => regkg.checkJson(a[0], a[1])", [MYTHOS, APPROVED])["decision"] == "not_applicable"
    page.js("() => regkg.setKnown('')")
    assert page.state()["known"] == "" and "known=" not in p.url
    # another action a rule names: may Anthropic provide (distribute) Mythos?
    assert p.locator("#action-box").is_visible()
    p.locator("#action").select_option("distribute")
    anthropic = ID + "org/anthropic"
    page.js("(a) => regkg.selectCell(a[0], a[1])", [MYTHOS, anthropic])
    assert page.state()["action"] == "distribute" and "action=distribute" in p.url
    shown = json.loads(p.locator("#check-json").inner_text())
    assert shown == as_json(knowledge(G).decide(G, MYTHOS, "2026-09-01", audience_party(G, anthropic),
                                                action="odrl:distribute").to_dict())
    assert "--action distribute --json" in page.js("() => regkg.panelText()")
    page.assert_clean()


def test_services_are_rows_and_the_place_selector_answers_for_a_place(tmp_path, open_page):
    from test_government_actions import DATA

    from graph.store.build import load_projection
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "actions.yaml").write_text(DATA)
    H = load_projection(tmp_path / "home", tmp_path / "data")
    page = open_page(write_page(tmp_path, H, as_of="2023-04-10"))
    p = page.page
    chatgpt = next(m for m in models(H) if H.nodes[m]["label"] == "ChatGPT")
    everyone = next(a for a in audiences(H) if H.nodes[a]["label"] == "Everyone")
    assert p.locator("#matrix tbody button.head", has_text="ChatGPT").locator(".kind-tag").inner_text() == "service"
    assert p.locator("#fact-place-box").is_visible()
    # the regulators' places, and the territory of each government body (engine@a88c2c8: its country
    # when it names none), a state after its country
    assert p.locator("#fact-place option").all_inner_texts()[1:] == [
        "Australia (AU)", "Italy (IT)", "South Korea (KR)", "United States (US)", "Texas (United States) (US-TX)",
        "another place"]
    # anywhere: the place is not said, and in Italy it was banned then: the cell shows both answers
    anywhere = page.js("(a) => regkg.answer(a[0], a[1])", [chatgpt, everyone])
    assert anywhere["split"] and set(anywhere["values"]) == {"deny", "permit"}
    assert page.js("(a) => regkg.checkJson(a[0], a[1])", [chatgpt, everyone])["missing"][0]["fact"] == "place"
    p.locator("#fact-place").select_option("KR")
    assert page.js("(a) => regkg.answer(a[0], a[1])", [chatgpt, everyone])["decision"] == "permit"
    p.locator("#fact-place").select_option("IT")
    assert page.state()["place"] == "IT" and "in=IT" in p.url
    p.locator(f'#matrix button.cell[data-m="{models(H).index(chatgpt)}"][data-col="{everyone}"]').click()
    shown = json.loads(p.locator("#check-json").inner_text())
    assert shown == as_json(knowledge(H).decide(H, chatgpt, "2023-04-10", audience_party(H, everyone)).to_dict())
    assert page.js("(a) => regkg.answer(a[0], a[1])", [chatgpt, everyone])["decision"] == "deny"
    assert p.locator("#panel .decision").first.inner_text().endswith("deny")
    text = page.js("() => regkg.panelText()")
    assert "Decided about the service ChatGPT" in text and "--in IT --json" in text
    assert "by: Garante" in text
    # a model offered through the service: which channel is not said, so the panel says so
    gpt = next(m for m in models(H) if H.nodes[m]["label"] == "GPT-4o")
    page.js("(a) => regkg.selectCell(a[0], a[1])", [gpt, everyone])
    text = page.js("() => regkg.panelText()")
    assert "Not said" in text and "the channel" in text
    page.assert_clean()


def test_model_and_audience_panels_and_the_lanes_over_time(G, seed_page, open_page):
    page = open_page(seed_page)
    p = page.page
    p.locator("#matrix tbody button.head", has_text="Claude Mythos 5").click()
    text = page.js("() => regkg.panelText()")
    assert "Who may use it on 2026-09-01" in text and "Approved US institutions" in text
    # one lane per audience, those with the same answers merged into one labelled lane; the
    # indeterminate spans hatched; an event marker opens the event
    counts = page.js("""() => Array.from(document.querySelectorAll('#lanes .lane-label')).map(t => +(t.getAttribute('data-group') || 1))""")
    assert sum(counts) == len(audiences(G)) and len(counts) < len(audiences(G))
    assert p.locator('#lanes .seg[data-decision="indeterminate"] rect[fill="url(#hatch)"]').count() > 0
    p.locator(f'#lanes .marker[data-node="{ID}event/mythos-partial-reinstatement"]').click()
    assert page.state()["sel"] == ID + "event/mythos-partial-reinstatement"
    p.locator(f'#matrix thead button.head[data-col="{APPROVED}"]').click()
    text = page.js("() => regkg.panelText()")
    assert "What may it use on 2026-09-01" in text and "Claude Mythos 5" in text
    page.assert_clean()


# --------------------------------------------------------------------------- the address

def test_every_view_is_a_url_that_round_trips(G, seed_page, open_page):
    first = open_page(seed_page)
    first.js("() => regkg.setDate('2026-07-01')")
    first.js("([m, a]) => regkg.selectCell(m, a)", [MYTHOS, APPROVED])
    state, url = first.state(), first.page.url
    again = open_page(url)
    assert again.state() == state and "indeterminate" in again.js("() => regkg.panelText()")
    first.js("(id) => regkg.focus(id)", FABLE)
    first.settled()
    state, url = first.state(), first.page.url
    assert state["view"] == "graph" and state["focus"] == FABLE
    graph = open_page(url)
    graph.settled()
    assert graph.state() == state and graph.js("() => regkg.network.getSelectedNodes()")
    assert FABLE in [u["node"] for u in graph.js("() => regkg.units()")]
    # what /browse?as-of=...&focus=... says, the file says too; a bad date is refused, not guessed
    query = open_page(seed_page.as_uri() + f"?as-of=2026-06-15&focus={FABLE}")
    assert (query.state()["on"], query.state()["view"], query.state()["focus"]) == ("2026-06-15", "graph", FABLE)
    bad = open_page(seed_page, fragment="#on=2026-13-40")
    assert bad.state()["on"] == "2026-09-01" and "2026-13-40" in bad.page.locator("#notice").inner_text()
    for p in (first, again, graph, query, bad):
        p.assert_clean()


# --------------------------------------------------------------------------- the graph view

def test_graph_opens_focused_with_labels_off_positions_kept_and_event_steps(G, seed_page, open_page):
    page = open_page(seed_page, fragment="#view=graph&on=2026-06-01")
    page.settled()
    units = page.js("() => regkg.units()")
    assert units[0]["node"] == MYTHOS and len(units) < G.number_of_nodes()  # a neighbourhood, not the graph
    assert all(e["label"] is None for e in page.js("() => regkg.drawnEdges()"))  # edge labels off by default
    page.page.locator("#edge-labels").check()
    assert any(e["label"] == "target" for e in page.js("() => regkg.drawnEdges()"))
    # unticking a class keeps every other node where it was
    before = page.js("() => regkg.positions()")
    page.page.locator("#kind-event").uncheck()
    page.settled()
    after = page.js("() => regkg.positions()")
    assert after and all(after[k] == before[k] for k in after) and len(after) < len(before)
    page.page.locator("#kind-event").check()
    page.settled()
    # next / previous event: the next day on which an answer can change, and back
    page.page.locator("#next-event").click()
    assert page.state()["on"] == "2026-06-11" and "2026-06-11" in page.page.locator("#notice").inner_text()
    page.page.locator("#next-event").click()
    assert page.state()["on"] == "2026-06-21"
    page.page.locator("#prev-event").click()
    assert page.state()["on"] == "2026-06-11"
    # drawn rules take the engine's state on the date
    for day in ("2026-06-15", "2026-06-21", "2026-08-01"):
        page.js("(d) => regkg.setDate(d)", day)
        expected = rule_states(G, day)
        drawn = [e for e in page.js("() => regkg.drawnEdges()") if e["rule"]]
        assert drawn and all(e["state"] == expected[e["rule"]] for e in drawn), day
    assert page.js("(id) => regkg.ruleState(id, '2026-06-20')", SUSPENSION_RULE) == "uncertain"
    # the date range always holds the data and the chosen date
    page.js("() => regkg.setDate('2027-03-01')")
    low, high = page.js("() => regkg.range()")
    assert low <= "2026-06-11" and high >= "2027-03-01"
    assert int(page.page.locator("#slider").get_attribute("max")) >= (dt.date(2027, 3, 1) - dt.date(1970, 1, 1)).days
    page.assert_clean()


def test_keyboard_search_timeline_escape_and_an_empty_canvas_click(G, seed_page, open_page):
    page = open_page(seed_page)
    p = page.page
    p.locator("#search").fill("claude MYTHOS-5")
    first = p.locator('#results li[role="option"]').first
    assert first.inner_text().startswith("Claude Mythos 5") and first.get_attribute("aria-selected") == "true"
    p.locator("#search").fill("mythos")
    p.locator("#search").press("ArrowDown")
    second = p.locator('#results li[role="option"]').nth(1)
    assert second.get_attribute("aria-selected") == "true"
    p.locator("#search").press("ArrowUp")
    p.locator("#search").press("Enter")
    assert p.locator("#panel h2").inner_text() == "Claude Mythos 5"
    assert S3_LABEL in p.locator("#panel-sources").inner_text()
    p.keyboard.press("Escape")
    assert page.state()["sel"] is None and "Choose a cell" in page.js("() => regkg.panelText()")
    # the timeline's rows follow the arrow keys
    p.locator("#tab-graph").click()
    page.settled()
    p.locator("#tl-body").focus()
    p.keyboard.press("ArrowDown")
    p.keyboard.press("ArrowDown")
    order = page.js("() => regkg.data.graph.timeline.map(i => regkg.data.graph.ids[i])")
    assert page.state()["sel"] == order[1]
    assert p.locator(".tl-row.active").get_attribute("data-id") == order[1]
    page.settled()
    # a click on empty canvas clears the selection
    box = p.locator("#network").bounding_box()
    spot = page.js("""() => { const n = regkg.network; for (const [x, y] of [[8, 8], [8, 200], [300, 8]]) {
                         if (!n.getNodeAt({x, y}) && !n.getEdgeAt({x, y})) return [x, y]; } return null; }""")
    assert spot is not None
    p.mouse.click(box["x"] + spot[0], box["y"] + spot[1])
    assert page.state()["sel"] is None
    page.assert_clean()


@pytest.mark.parametrize("width", [360, 390, 900])
def test_narrow_widths_keep_the_graph_and_the_answers_visible(seed_page, open_page, width):
    page = open_page(seed_page, size=(width, 780), fragment="#view=graph")
    page.settled()
    net = page.js("() => { const r = document.getElementById('network').getBoundingClientRect(); return [r.width, r.height]; }")
    assert net[0] >= width * 0.8 and net[1] >= 200, net
    assert page.js("() => document.documentElement.scrollWidth") <= width  # nothing cut off sideways
    page.page.locator("#tab-access").click()
    cell = page.page.locator("#matrix button.cell").first.bounding_box()
    assert cell and cell["width"] > 20 and cell["x"] < width
    page.assert_clean()


def test_a_hostile_label_stays_inert(G, tmp_path, open_page):
    H = G.copy()
    hostile_model, hostile_group = ID + "model/hostile", ID + "group/hostile"
    H.add_node(hostile_model, kind="model", label=HOSTILE, aliases=["</script><script>alert(2)</script>"],
               sources=[ID + "source/samsung-2026-global-ai/s3"], description="<b onmouseover=alert(3)>x</b>")
    H.add_node(hostile_group, kind="group", label="<svg onload=alert(5)>")
    H.add_node(ID + "rule/hostile", kind="permission", label="<iframe src=javascript:alert(6)>")
    for u, v, rel in ((ID + "policy/mythos-reinstatement-policy", ID + "rule/hostile", "odrl:permission"),
                      (ID + "rule/hostile", hostile_model, "odrl:target"), (ID + "rule/hostile", hostile_group, "odrl:assignee")):
        H.add_edge(u, v, relation=rel)
    page = open_page(write_page(tmp_path, H, as_of="2026-09-01", title="<svg onload=alert(4)>"))
    p = page.page
    assert HOSTILE in p.locator("#matrix").inner_text() and "<svg onload=alert(5)>" in p.locator("#matrix").inner_text()
    page.js("([m, a]) => regkg.selectCell(m, a)", [hostile_model, hostile_group])
    assert "<iframe src=javascript:alert(6)>" in page.js("() => regkg.panelText()")
    command = page.page.locator("#panel code").inner_text()
    assert command.startswith("regkg check '<img src=x onerror=alert(1)>' --on 2026-09-01 --member-of hostile --json")
    p.locator("#search").fill("<img")
    assert p.locator('#results li[role="option"]').first.inner_text().startswith(HOSTILE)
    p.locator("#search").press("Enter")
    page.js("(id) => regkg.focus(id)", hostile_model)
    page.settled()
    assert "<b onmouseover=alert(3)>x</b>" in page.js("() => regkg.panelText()")
    assert p.locator("h1").inner_text() == "<svg onload=alert(4)>"
    assert page.js("""() => document.querySelectorAll('img, b, iframe, [onload], [onerror], [onmouseover]').length
                             + document.querySelectorAll('svg').length - document.querySelectorAll('#lanes svg, #brush svg, #act-lanes svg').length""") == 0
    page.assert_clean()  # no dialog fired


# --------------------------------------------------------------------------- a large graph

def test_a_large_graph_opens_as_an_overview_that_expands_and_sets_loners_apart(tmp_path, open_page):
    G = synthetic_projection(1200)  # above the overview threshold; a size whose page writes in ~30 s
    for i in range(12):  # a few nodes linked to nothing: set apart, never a ring
        G.add_node(f"urn:alone:{i}", kind="company", label=f"Lonely company {i}")
    page = open_page(write_page(tmp_path, G, name="large.html", as_of="2026-01-01"), fragment="#view=graph&overview=1")
    page.settled()
    units = page.js("() => regkg.units()")
    assert units and all(u["cluster"] for u in units)  # clusters, not a hairball of 1,500 nodes
    companies = next(u for u in units if u["label"].startswith("Company"))
    page.js("(id) => regkg.expand(id)", companies["id"])
    page.settled()
    units = page.js("() => regkg.units()")
    assert companies["id"] not in {u["id"] for u in units} and sum(1 for u in units if not u["cluster"]) >= 12
    alone = [u for u in units if u["node"] and u["node"].startswith("urn:alone:")]
    assert alone and all(u["lonely"] for u in alone)
    positions = page.js("() => regkg.positions()")
    linked_low = max(positions[u["id"]]["y"] for u in units if not u["lonely"])
    assert all(positions[u["id"]]["y"] > linked_low for u in alone)  # in a block below, not around
    # the Access view decides the audiences each model's rules name, and says so
    page.page.locator("#tab-access").click()
    assert "Large graph" in page.page.locator("#matrix-note").inner_text()
    assert page.page.locator("#matrix td.empty").count() > 0
    page.assert_clean()
