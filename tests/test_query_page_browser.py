"""The query page and /browse of a live `regkg serve` app, in chromium: parameters, links, addresses."""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse

import pytest
from test_viz_browser import HANG, Opened, browser  # noqa: F401  (the chromium fixture)

from graph.store.build import open_graph

FABLE = "https://w3id.org/regkg/id/model/fable-5"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`regkg serve`'s app (with the graph browser) on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from graph.cli.sparql import browser_page
    from graph.sparql.http import create_app

    home = tmp_path_factory.mktemp("home")
    store = open_graph(home=home)
    browse = browser_page(open_graph(home=home, rebuild=False))
    browse.wait()  # these tests are about the links; test_browse_answers_at_once is about the wait
    app = create_app(open_graph(home=home, rebuild=False), workers=1, browser=browse)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:  # no time bound: a loaded machine is slow; a dead thread is the failure
        assert thread.is_alive(), "the server stopped before it started"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=HANG)


def wait_for(page, predicate):
    while not predicate():  # no time bound (see test_viz_browser.Opened.wait); a closed page fails
        assert not page.is_closed(), "the page closed while waiting"
        time.sleep(0.05)


def test_saved_query_parameters_labels_links_and_short_permalinks(browser, server):  # noqa: F811
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(server + "/")
        page.select_option("#examples", "model-history")
        field = page.locator("#param-model")
        assert field.input_value() == "Claude Mythos 5" and "(model)" in page.locator("#params").inner_text()
        field.fill("Fable 5")
        page.locator("#run").click()
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text())
        # the parameter was bound: only Fable's events, shown by label and prefixed name, linked to /browse
        first = page.locator("#results tbody tr").first.locator("td").first
        assert first.locator("a").inner_text() == "Fable 5" and first.locator(".pname").inner_text() == "id:model/fable-5"
        assert first.locator("a").get_attribute("href") == "/browse?focus=" + urllib.parse.quote(FABLE, safe="")
        assert all(t == "Fable 5" for t in page.locator("#results tbody tr td:first-child a").all_inner_texts())
        # a short address that says what is shown, and a reload that restores it
        query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert query == {"example": ["model-history"], "model": ["Fable 5"]} and len(page.url) < 120
        page.reload()
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text())
        assert page.locator("#examples").input_value() == "model-history" and page.locator("#param-model").input_value() == "Fable 5"
        # an edited query runs as typed; its link carries no comment block
        page.locator("#query").fill("# a note\nSELECT ?m WHERE { ?m a rkg:AIModel }\n# done")
        page.locator("#run").click()
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text())
        link = urllib.parse.parse_qs(urllib.parse.urlparse(page.locator("#link").get_attribute("href")).query)
        assert link == {"query": ["SELECT ?m WHERE { ?m a rkg:AIModel }"]}
        # from a result into the browser, and back
        page.locator("#results a", has_text="Fable 5").first.click()
        opened = Opened.__new__(Opened)
        opened.page, opened.errors = page, errors
        opened.wait("() => !!(window.regkg && window.regkg.ready)")
        opened.settled()
        state = opened.state()
        assert (state["view"], state["focus"]) == ("graph", FABLE)
        assert page.locator("#to-sparql").is_visible() and page.locator("#to-sparql").get_attribute("href") == "/"
        assert errors == []
    finally:
        page.close()


def test_services_are_asked_about_wherever_models_are_and_links_keep_the_date(browser, server):  # noqa: F811
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        # opened from the browser on a date (its "Ask about it in SPARQL" link): the links back keep it
        page.goto(server + "/?example=model-history&model=Fable%205&on=2026-07-01")
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text())
        link = page.locator("#results a", has_text="Fable 5").first.get_attribute("href")
        assert link == "/browse?" + urllib.parse.urlencode({"focus": FABLE, "on": "2026-07-01"})
        assert page.locator("#to-browse").get_attribute("href") == "/browse?on=2026-07-01"
        assert "on=2026-07-01" in page.url  # and a reload keeps it
        # a service where a model is asked: no "unknown model 'ChatGPT'"
        page.locator("#param-model").fill("ChatGPT")
        page.locator("#run").click()
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text() or page.locator("#error").inner_text())
        assert page.locator("#error").inner_text() == ""
        # into the browser: it opens on the date the query page had
        page.goto(server + "/?example=model-history&model=Fable%205&on=2026-07-01")
        wait_for(page, lambda: "rows in" in page.locator("#status").inner_text())
        page.locator("#results a", has_text="Fable 5").first.click()
        opened = Opened.__new__(Opened)
        opened.page, opened.errors = page, errors
        opened.wait("() => !!(window.regkg && window.regkg.ready)")
        assert opened.state()["on"] == "2026-07-01"
        assert errors == []
    finally:
        page.close()


def test_browse_answers_at_once_and_then_with_the_page_kept_beside_the_build(tmp_path):
    """/browse answers its first request at once, while the page's decisions are still being made
    (a short page that says so and reloads itself); once made, the page is kept beside the build,
    so a server started again on it has the page at once."""
    import warnings

    with warnings.catch_warnings():  # starlette nags about its httpx-based client; it works
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from graph.cli.sparql import browser_page
    from graph.sparql.http import create_app

    home = tmp_path / "home"
    open_graph(home=home)
    browse = browser_page(open_graph(home=home, rebuild=False), start=False)
    assert not browse.ready()
    app = create_app(open_graph(home=home, rebuild=False), workers=1, browser=browse)
    with TestClient(app) as client:
        first = client.get("/browse")
        assert first.status_code == 200 and "being prepared" in first.text and 'http-equiv="refresh"' in first.text
        browse.wait()
        page = client.get("/browse?on=2026-07-01")
        assert page.status_code == 200 and 'id="regkg-data"' in page.text
    again = browser_page(open_graph(home=home, rebuild=False), start=False)
    assert again.ready()  # kept beside the build: no decision made again
    assert 'id="regkg-data"' in again({})
