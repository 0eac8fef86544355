"""Issue 21 in Debian's chromium: typed dates, every option answering, sources as links, channels,
the place and authority views, the chart, facets and search, keyboard and phone, and the four
questions of a new user, each answered in at most three clicks on a fresh page.

The page is the tour's (``tests/tour.py``: the seed and a small record shaped after the public
one). Behaviour only, never wall-clock time; a test fails on a page error or a closed page (see
``test_viz_browser.Opened``).
"""

from __future__ import annotations

import json

import pytest
from test_viz_browser import ID, MYTHOS, Opened, as_json, browser, open_page, write_page  # noqa: F401  (fixtures)
from tour import tour_data

from graph.policy.audiences import audiences, models
from viz.access import access_table, cell_answer

CHATGPT = ID + "channel/chatgpt"
DEEPSEEK = ID + "channel/deepseek-service"
APP = ID + "channel/deepseek-app"
DOWNLOAD = ID + "channel/deepseek-app-new-download"
WEBSITE = ID + "channel/deepseek-web"
EVERYONE = ID + "group/everyone"
IOWA_STAFF = ID + "group/iowa-staff"
APPROVED = ID + "group/approved-us-institutions"
FRESH = "2026-12-01"  # the day the tour's page opens on, as regkg viz opens on today


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """The tour's projection and its page (every table: each action, each known-on date)."""
    from graph.store.build import load_projection

    root = tmp_path_factory.mktemp("tour")
    H = load_projection(root / "home", tour_data(root))
    return H, write_page(root, H, as_of=FRESH)


def cell(page: Opened, model: str, audience: str, channel: str | None = None):
    m = models(page.H).index(model)
    ch = f'[data-ch="{channel}"]' if channel else ":not([data-ch])"
    return page.page.locator(f'#matrix button.cell[data-m="{m}"][data-col="{audience}"]{ch}')


@pytest.fixture
def tour_page(tour, open_page):  # noqa: F811
    H, path = tour

    def open_(fragment: str = "", size=None) -> Opened:
        page = open_page(path, size=size, fragment=fragment)
        page.H = H
        return page

    return open_


class Clicks:
    """Counts what a person does on the page: a click, a choice in a list, a date typed and entered."""

    def __init__(self, page: Opened):
        self.p, self.n = page.page, 0

    def click(self, locator):
        self.n += 1
        locator.click()

    def choose(self, select: str, value: str):
        self.n += 1
        self.p.locator(select).select_option(value)

    def type_date(self, text: str):
        self.n += 1  # one click into the field; the keys typed are no clicks
        field = self.p.locator("#on")
        field.click()
        field.press("Control+a")
        field.type(text)
        field.press("Enter")


# --------------------------------------------------------------------------- 1. dates

def test_typed_dates_are_read_as_typed_and_never_rewritten(tour_page):
    page = tour_page()
    p, field = page.page, page.page.locator("#on")
    assert page.state()["on"] == FRESH
    for typed, iso in (("03/01/2025", "2025-03-01"), ("07/01/2026", "2026-07-01"), ("2023-04-15", "2023-04-15")):
        before = page.state()["on"]
        field.click()
        field.press("Control+a")
        seen = set()
        for key in typed:  # key by key, as a person types: no half-typed date is ever applied or written back
            p.keyboard.type(key)
            seen.add(page.state()["on"])
            assert typed.startswith(field.input_value())
        assert seen <= {before, iso}, seen
        field.press("Enter")
        assert page.state()["on"] == iso and field.input_value() == typed
        assert field.get_attribute("aria-invalid") == "false"
        assert p.locator("#on-read").inner_text().endswith(iso[:4]) and "is" not in p.locator("#on-read").inner_text()
    # refused with a visible message, the last good answers kept: years 2 to 202, a year outside
    # the data, no such day, words
    shown = page.js("() => regkg.cells().map(c => c.decision + c.split).join()")
    for bad in ("03/01/2", "03/01/20", "03/01/202", "0025-03-12", "0026-07-12", "2-01-01", "202-01-01", "1999-03-01",
                "2031-01-01", "2025-02-30", "13/45/2025", "mid-June"):
        field.fill(bad)
        field.press("Enter")
        assert page.state()["on"] == "2023-04-15", bad
        assert field.input_value() == bad and field.get_attribute("aria-invalid") == "true", bad
        message = p.locator("#on-read")
        assert message.is_visible() and "still those on 2023-04-15" in message.inner_text(), bad
        assert page.js("() => regkg.cells().map(c => c.decision + c.split).join()") == shown
    # a good date clears the message; a date set elsewhere (the slider, the arrows) shows as ISO
    field.fill("2023-04-20")
    field.press("Enter")
    assert page.state()["on"] == "2023-04-20" and field.get_attribute("aria-invalid") == "false"
    p.locator("#next-event").click()
    assert field.input_value() == page.state()["on"] != "2023-04-20"
    # the known-on field takes the same dates and refuses the same way
    known = p.locator("#known")
    known.fill("04/15/2023")
    known.press("Enter")
    assert page.state()["known"] and page.state()["known"] <= "2023-04-15"
    known.fill("0025-03-12")
    known.press("Enter")
    assert known.get_attribute("aria-invalid") == "true" and p.locator("#known-read").is_visible()
    page.assert_clean()


# --------------------------------------------------------------------------- 2. every option answers

def test_every_option_answers_as_check_does(tour, tour_page):
    """Every value of every selector, every action and known-on date the page offers, gives an
    answer in every cell; the page's matching (JavaScript) is the Python twin's (viz.access)."""
    H, _ = tour
    page = tour_page("#on=2025-03-01")
    p = page.page
    table = as_json(access_table(H))
    facts = page.js("() => regkg.data.access.facts")
    assert "US-IA" in facts["place"]["values"] and {"IT", "KR"} <= set(facts["place"]["values"])
    offered = p.locator("#fact-place option").all_inner_texts()
    assert offered.index("Iowa (United States) (US-IA)") == offered.index("United States (US)") + 1  # under its country
    assert {DOWNLOAD, APP, WEBSITE} <= set(facts["channel"]["values"])
    assert ID + "group/iowa-agencies" in facts["employer"]["values"]
    days = ["2023-04-15", "2025-03-01", "2026-07-01"]
    for fact in ("place", "channel", "device", "purpose", "employer"):
        for value in facts[fact]["values"]:
            page.js("(a) => regkg.setFact(a[0], a[1])", [fact, value])
            for day in days:
                page.js("(d) => regkg.setDate(d)", day)
                assert p.locator("#matrix td.empty").count() == 0
                shown = page.js("""() => regkg.cells().filter(c => !c.channel).map(c => [c.model, c.audience,
                                         regkg.answer(c.model, c.audience)])""")
                for model, audience, answer in shown:
                    assert answer and answer["rows"], (fact, value, model, audience, day)
                    twin = cell_answer(table, model, audience, day, {fact: value})
                    assert answer["decision"] == twin["decision"] and answer["rows"] == twin["rows"], (fact, value, model, audience)
        page.js("(f) => regkg.setFact(f, '')", fact)
    # a cell that depends on the device shows both halves, and each choice gives one
    page.js("(d) => regkg.setDate(d)", "2025-03-01")
    iowa = cell(page, DEEPSEEK, IOWA_STAFF)
    page.js("(f) => regkg.setFact('place', 'US-IA')")
    assert iowa.get_attribute("data-split") == "deny,permit" or set(iowa.get_attribute("data-split").split(",")) == {"deny", "permit"}
    p.locator("#fact-device").select_option("work")
    assert iowa.get_attribute("data-decision") == "deny"
    p.locator("#fact-device").select_option("personal")
    assert iowa.get_attribute("data-decision") == "permit"
    p.locator("#fact-device").select_option("")
    # staff with their own employer: another employer chosen is not their question; their column
    # answers with theirs, says so, and its command asks check without --employer
    p.locator("#fact-employer").select_option(ID + "org/openai")
    assert "own-employer" in iowa.get_attribute("class") and "own employer" in iowa.get_attribute("title")
    assert "own-employer" not in cell(page, DEEPSEEK, EVERYONE).get_attribute("class")
    iowa.click()
    text = page.js("() => regkg.panelText()")
    assert "by definition" in text and "--employer" not in p.locator("#panel code").last.inner_text()
    p.locator("#fact-employer").select_option(ID + "group/iowa-agencies")
    assert "own-employer" not in iowa.get_attribute("class")
    assert "--employer iowa-agencies" in p.locator("#panel code").last.inner_text()
    p.locator("#fact-employer").select_option("")
    # every other action and every known-on date has its table
    assert p.locator("#action option").all_inner_texts() == ["use", "distribute"]
    p.locator("#action").select_option("distribute")
    openai = ID + "org/openai"
    page.js("(d) => regkg.setDate(d)", "2023-04-15")
    page.js("(f) => regkg.setFact('place', 'IT')")
    assert page.js("(a) => regkg.answer(a[0], a[1])", [CHATGPT, openai])["decision"] == "deny"
    p.locator("#action").select_option("")
    known = page.js("() => regkg.data.access.known")
    held = page.js("() => regkg.data.access.tables.filter(t => t.known).map(t => t.known)")
    assert held == known and len(known) > 3
    for k in known:
        assert page.js("(k) => regkg.setKnown(k)", k)
        assert page.js("(a) => regkg.answer(a[0], a[1])", [CHATGPT, EVERYONE]) is not None
    page.assert_clean()


# --------------------------------------------------------------------------- 3. sources are links

def test_each_evidence_line_links_to_its_page_and_a_document_lists_what_it_supports(tour_page):
    page = tour_page("#on=2023-04-15&in=IT")
    p = page.page
    cell(page, CHATGPT, EVERYONE).click()
    evidence = p.locator("#evidence li.evidence").filter(has_text="openai-no-chatgpt-in-italy").first
    link = evidence.locator("a.doc-link").first
    assert link.get_attribute("href") == "https://example.org/garante-chatgpt" and link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    assert link.inner_text() == "The Garante limits OpenAI's processing of Italian users' data"
    assert "Tour Daily, 31 March 2023" in evidence.inner_text()
    assert evidence.locator("blockquote.quote").inner_text().startswith("\u201c(synthetic)\u201d")
    # one click further: everything that document supports
    evidence.get_by_role("button", name="what it supports").first.click()
    supports = p.locator("#doc-supports").inner_text()
    assert "OpenAI disables ChatGPT for users in Italy" in supports and "ChatGPT disabled for users in Italy" in supports
    assert p.locator("#doc-url").get_attribute("href") == "https://example.org/garante-chatgpt"
    assert page.state()["sel"] == ID + "source/garante-order-page"
    page.assert_clean()


# --------------------------------------------------------------------------- 4. channels and services

def test_apps_and_websites_have_rows_under_their_service_and_a_channel_selector(tour_page):
    page = tour_page("#on=2025-03-01&in=KR")
    p = page.page
    heads = p.locator("#matrix tbody th button.head").all_inner_texts()
    at = heads.index(next(h for h in heads if h.startswith("DeepSeek chatbot")))
    assert [h.strip() for h in heads[at + 1: at + 5]] == ["\u21b3 DeepSeek app", "\u21b3 DeepSeek app already installed",
                                                           "\u21b3 new download of the DeepSeek app", "\u21b3 DeepSeek website"]
    assert p.locator("#matrix tbody button.head", has_text="DeepSeek chatbot").locator(".kind-tag").inner_text() == "service"
    # in Korea on 1 March 2025: no new downloads; the website and installed apps are not covered
    assert cell(page, DEEPSEEK, EVERYONE, DOWNLOAD).get_attribute("data-decision") == "deny"
    # everyone includes Iowa's employees on their work devices: the website's cell depends on the employer
    assert "deny" in cell(page, DEEPSEEK, EVERYONE, WEBSITE).get_attribute("data-split")
    p.locator("#fact-employer").select_option("other")  # another employer, or none
    assert cell(page, DEEPSEEK, EVERYONE, WEBSITE).get_attribute("data-decision") == "permit"
    assert cell(page, DEEPSEEK, EVERYONE, ID + "channel/deepseek-app-installed").get_attribute("data-decision") == "permit"
    assert cell(page, DEEPSEEK, EVERYONE).get_attribute("data-split")  # the service: which channel is not said
    p.locator("#fact-channel").select_option(DOWNLOAD)
    assert cell(page, DEEPSEEK, EVERYONE).get_attribute("data-decision") == "deny"
    # the app's own "who may use it"
    p.locator("#matrix tbody button.head", has_text="new download of the DeepSeek app").click()
    text = page.js("() => regkg.panelText()")
    assert "Who may use it on 2025-03-01" in text and "through new download of the DeepSeek app" in text
    assert page.state()["ch"] == DOWNLOAD and "ch=" in p.url
    page.assert_clean()


# --------------------------------------------------------------------------- 5. a view per place and per authority

def test_a_view_per_place_and_per_authority(tour_page):
    page = tour_page("#on=2025-03-01")
    p = page.page
    p.locator("#tab-acts").click()
    p.locator("#act-place").select_option("KR")
    acts = page.js("() => regkg.acts()")
    assert [a["label"] for a in acts] == ["New downloads of the DeepSeek app suspended in South Korea"]
    bar = p.locator("#act-lanes .act-bar").first
    assert "new download" in p.locator("#act-lanes .lane-label title").first.text_content()
    title = bar.locator("title").text_content()
    assert "15 February 2025 \u2192 28 April 2025" in title and "DeepSeek" in title and "reported" in title
    bar.click()
    text = page.js("() => regkg.panelText()")
    assert "Started" in text and "Ended" in text and "28 April 2025" in text
    assert p.locator("#act-sources a.doc-link").first.get_attribute("href") == "https://example.org/pipc-deepseek"
    # a state: Iowa's ban, and the US government's acts, which bind in the whole country (since
    # engine@a88c2c8 a government body that names no territory binds in its country), said to come
    # from above; its country shows Iowa's ban too (a state's act binds in the country's part)
    iowa = "Iowa bans DeepSeek on state government devices"
    p.locator("#act-place").select_option("US-IA")
    here = {a["label"]: a["places"] for a in page.js("() => regkg.acts()")}
    assert here.pop(iowa) == ["US-IA"]
    assert sorted(here) == ["Claude Mythos 5 reinstated for approved US institutions",
                            "Export-control directive on Claude Mythos 5 and Fable 5",
                            "Foreign-national employees may access Claude Mythos 5 without a separate export licence"]
    assert all(places == ["US"] for places in here.values())
    hints = {li.locator("a, button").first.text_content(): li.locator(".hint").text_content()
             for li in p.locator("#act-list li").all()}
    assert "binds there from" not in hints[iowa]
    assert all("binds there from United States" in hints[label] for label in here)
    # where an act binds beyond its place, as the engine reads it: Iowa's staff anywhere, an export
    # control wherever the provider serves
    p.locator("#act-list li a, #act-list li button", has_text=iowa).first.click()
    assert "Also binds" in page.js("() => regkg.panelText()") and \
        "Employees of the Iowa state government wherever they are" in page.js("() => regkg.panelText()")
    p.locator("#act-list li a, #act-list li button", has_text="Export-control directive").first.click()
    assert "extraterritorial" in page.js("() => regkg.panelText()")
    p.locator("#act-place").select_option("US")
    assert "Iowa bans DeepSeek on state government devices" in [a["label"] for a in page.js("() => regkg.acts()")]
    # a view per authority
    p.locator("#act-place").select_option("")
    p.locator("#act-authority").select_option(label="Garante per la protezione dei dati personali")
    assert [a["label"] for a in page.js("() => regkg.acts()")] == [
        "Provisional limitation of OpenAI's processing of the data of users in Italy"]
    assert "authority=" in p.url and page.state()["view"] == "acts"
    page.assert_clean()


# --------------------------------------------------------------------------- 6. the chart

def test_the_chart_zooms_to_the_model_merges_lanes_numbers_events_and_every_mark_clicks(tour_page):
    page = tour_page(f"#on=2025-03-01&sel={DEEPSEEK}")
    p = page.page
    low, high = page.js("() => regkg.chartRange()")
    assert "2024-11-01" < low <= "2025-01-10" and "2025-04-28" <= high < "2025-08-01"  # the model's own months
    whole = page.js("() => regkg.range()")
    assert whole[0] < "2023-01-01"
    # lanes with identical answers are one labelled lane
    merged = p.locator("#lanes .lane-label.merged").first
    assert merged.text_content().split(" audiences: ")[0].isdigit()
    count = int(merged.get_attribute("data-group"))
    labels = p.locator("#lanes .lane-label").count()
    merged.click()
    assert p.locator("#lanes .lane-label").count() == labels + count - 1
    # numbered markers with a dated list; every marker can be clicked where it is drawn, also under
    # the knowledge horizon's shading
    markers = p.locator("#lanes .marker")
    listed = p.locator("#chart-events li")
    assert markers.count() == listed.count() >= 4
    assert [m.get_attribute("data-n") for m in markers.all()] == [str(n) for n in range(1, markers.count() + 1)]
    assert "15 February 2025" in listed.nth(2).inner_text() or any("15 February 2025" in t for t in listed.all_inner_texts())
    for k in range(markers.count()):
        node = markers.nth(k).get_attribute("data-node")
        markers.nth(k).scroll_into_view_if_needed()
        hit = page.js("""(n) => { const m = document.querySelectorAll('#lanes .marker')[n].querySelector('circle').getBoundingClientRect();
                                  const e = document.elementFromPoint(m.x + m.width / 2, m.y + m.height / 2);
                                  const g = e && e.closest('.marker'); return g ? g.getAttribute('data-node') : null; }""", k)
        assert hit == node, (k, node, hit)
        markers.nth(k).locator("circle").click()
        assert page.state()["sel"] == node
    # a lane under the horizon's shading takes the click too
    shade = p.locator("#lanes g.horizon rect")
    assert shade.count() == 1
    p.locator("#lanes").scroll_into_view_if_needed()
    hit = page.js("""() => { const r = document.querySelector('#lanes g.horizon rect').getBoundingClientRect();
                             const e = document.elementFromPoint(r.x + r.width / 2, r.y + 14);
                             return !!(e && e.closest('.seg')); }""")
    assert hit
    # the brush: drag across the strip to widen, the buttons to go back
    p.locator("#zoom-whole").click()
    assert page.js("() => regkg.chartRange()")[0] < "2023-01-01"
    box = p.locator("#brush svg").bounding_box()
    p.mouse.move(box["x"] + box["width"] * 0.10, box["y"] + box["height"] / 2)
    p.mouse.down()
    p.mouse.move(box["x"] + box["width"] * 0.40, box["y"] + box["height"] / 2, steps=5)
    p.mouse.up()
    dragged = page.js("() => regkg.chartRange()")
    assert dragged != whole and dragged[0] > whole[0]
    p.locator("#zoom-model").click()
    assert page.js("() => regkg.chartRange()") == [low, high]
    page.assert_clean()


# --------------------------------------------------------------------------- 7. facets and search

def test_facets_count_and_filter_and_search_takes_every_word(tour_page):
    page = tour_page("#view=acts&on=2025-03-01")
    p = page.page
    every = len(page.js("() => regkg.acts()"))
    facet = p.locator('#facets section[data-facet="event_type"]')
    suspension = facet.locator('button[data-value="access-suspension"]')
    count = int(suspension.locator("xpath=following-sibling::span").inner_text())
    suspension.click()
    acts = page.js("() => regkg.acts()")
    assert len(acts) == count < every and "f-event_type=access-suspension" in p.url
    assert p.locator("#act-count").inner_text().startswith(f"{count} act")
    # the other facets count within the filter
    authority = p.locator('#facets section[data-facet="authority"] li')
    assert sum(int(li.locator(".count").inner_text()) for li in authority.all()) == count
    p.locator('#facets section[data-facet="event_type"] button.chosen').click()
    assert len(page.js("() => regkg.acts()")) == every
    # words, across labels, places and notes
    p.locator("#act-search").fill("deepseek korea")
    assert [a["label"] for a in page.js("() => regkg.acts()")] == ["New downloads of the DeepSeek app suspended in South Korea"]
    # the search box: several words, how many results, pages of them
    box = p.locator("#search")
    box.fill("DeepSeek Korea")
    options = p.locator('#results li[role="option"]')
    assert any("South Korea" in t for t in options.all_inner_texts())
    assert "result" in p.locator("#results-head").inner_text()
    box.fill("a")
    head = p.locator("#results-head").inner_text()
    total = int(head.split(" ")[0])
    assert total > 20 and "(1\u201320)" in head
    p.locator("#result-next").dispatch_event("mousedown")
    assert "(21\u2013" in p.locator("#results-head").inner_text()
    page.assert_clean()


# --------------------------------------------------------------------------- 8. keyboard and phone

def test_the_table_is_one_tab_stop_and_the_arrows_move_in_it(tour_page):
    page = tour_page("#on=2025-03-01")
    p = page.page
    assert page.js("() => document.querySelectorAll('#matrix [tabindex=\"0\"]').length") == 1
    assert page.js("() => Array.from(document.querySelectorAll('#matrix button.head')).every(b => b.tabIndex === -1)")
    p.locator("#fact-employer").focus()
    p.keyboard.press("Tab")
    first = page.js("() => document.activeElement.className")
    assert "cell" in first  # the first stop in the table is a cell, not 20 headers
    p.keyboard.press("ArrowDown")
    p.keyboard.press("ArrowRight")
    at = page.js("() => [document.activeElement.dataset.r, document.activeElement.dataset.c]")
    assert at == ["1", "1"]
    p.keyboard.press("ArrowLeft")
    p.keyboard.press("ArrowLeft")
    assert page.js("() => document.activeElement.dataset.c") == "-1"  # the row's header, by arrow
    p.keyboard.press("Enter")
    assert page.state()["sel"] is not None
    p.keyboard.press("Tab")
    assert page.js("() => !document.getElementById('matrix').contains(document.activeElement)")
    page.assert_clean()


@pytest.mark.parametrize("width", [360, 390])
def test_on_a_phone_the_panel_is_a_bottom_sheet(tour_page, width):
    page = tour_page("#on=2025-03-01", size=(width, 780))
    p = page.page
    sheet = p.locator("#panel")
    assert sheet.bounding_box()["y"] >= 780 - 2  # closed: below the screen
    cell(page, DEEPSEEK, IOWA_STAFF).click()
    p.wait_for_function("() => getComputedStyle(document.getElementById('panel')).transform === 'none'") if False else None
    page.wait("() => getComputedStyle(document.getElementById('panel')).transform === 'none'")
    shown = sheet.bounding_box()
    assert shown["y"] < 780 and shown["y"] + shown["height"] <= 781 and shown["width"] >= width - 1
    assert "It depends" in page.js("() => regkg.panelText()")
    p.locator("#sheet-close").click()
    page.wait("() => getComputedStyle(document.getElementById('panel')).transform !== 'none'")
    assert page.js("() => document.documentElement.scrollWidth") <= width
    page.assert_clean()


def test_the_arrows_step_through_the_model_or_place_in_view(tour_page):
    page = tour_page(f"#on=2023-04-15&sel={DEEPSEEK}")
    p = page.page
    p.locator("#next-event").click()
    assert page.state()["on"] == "2025-01-10"  # DeepSeek's first date, not ChatGPT's lifting on 28 April 2023
    assert "DeepSeek chatbot" in p.locator("#notice").inner_text()
    p.locator("#tab-acts").click()
    p.locator("#act-place").select_option("IT")
    p.locator("#prev-event").click()
    assert page.state()["on"] == "2023-04-29"  # the day after Italy's last act ended
    p.locator("#prev-event").click()
    assert page.state()["on"] == "2023-04-28"
    page.assert_clean()


# --------------------------------------------------------------------------- the four questions

def test_question_one_italy_chatgpt_in_three_clicks(tour_page):
    page = tour_page()
    act = Clicks(page)
    act.type_date("04/15/2023")
    act.choose("#fact-place", "IT")
    assert cell(page, CHATGPT, EVERYONE).get_attribute("data-decision") == "deny"
    act.click(cell(page, CHATGPT, EVERYONE))
    assert act.n <= 3
    panel = page.page.locator("#panel")
    assert panel.locator(".decision").first.inner_text().endswith("deny")
    assert "in Italy" in panel.locator("#conditions").inner_text() or "deny" in panel.inner_text()
    source = panel.locator("#evidence a.doc-link").first  # the source: one click further
    assert source.is_visible() and source.get_attribute("href").startswith("https://example.org/")
    page.assert_clean()


def test_question_two_an_iowa_employee_and_deepseek_in_three_clicks(tour_page):
    page = tour_page()
    act = Clicks(page)
    act.type_date("03/01/2025")
    act.click(cell(page, DEEPSEEK, IOWA_STAFF))
    assert act.n <= 3
    conditions = " ".join(page.page.locator("#conditions").inner_text().split())
    assert "deny on a work device" in conditions and "permit" in conditions and "personal device" in conditions
    source = page.page.locator("#evidence li.evidence", has_text="iowa-staff-no-deepseek").locator("a.doc-link").first
    assert source.is_visible() and source.get_attribute("href") == "https://example.org/states-deepseek"
    page.assert_clean()


def test_question_three_who_may_use_mythos_in_three_clicks(tour_page):
    page = tour_page()
    act = Clicks(page)
    act.type_date("07/01/2026")
    act.click(page.page.locator("#matrix tbody button.head", has_text="Claude Mythos 5"))
    assert act.n <= 3
    text = page.js("() => regkg.panelText()")
    assert "Who may use it on 2026-07-01" in text and "Approved US institutions" in text
    # the source, one click further: the approved institutions' cell and its report
    page.page.locator("#panel li").filter(has_text="Approved US institutions").get_by_role("button").first.click()
    assert page.page.locator("#evidence li.doc").first.is_visible()
    page.assert_clean()


def test_question_four_when_the_deepseek_app_was_unavailable_in_korea_in_three_clicks(tour_page):
    page = tour_page()
    act = Clicks(page)
    act.click(page.page.locator("#tab-acts"))
    act.choose("#act-place", "KR")
    listed = page.page.locator("#act-list li").first.inner_text()
    assert "15 February 2025 \u2192 28 April 2025" in listed and "New downloads of the DeepSeek app" in listed
    act.click(page.page.locator("#act-lanes .act-bar").first)
    assert act.n <= 3
    source = page.page.locator("#act-sources a.doc-link").first
    assert source.is_visible() and source.get_attribute("href") == "https://example.org/pipc-deepseek"
    page.assert_clean()
