"""Change feeds (issue 22, part 3): an entry is an act that changes an answer. Read back with
feedparser, checked against the rules of RFC 4287 that the W3C feed validator applies and that
can be checked offline, and served by ``regkg serve`` under ``/feeds/`` with ``ETag``,
``Last-Modified`` and ``304 Not Modified``.

The W3C validator's rules checked here (``check_atom``): the Atom namespace; one ``atom:id``,
``atom:title`` and ``atom:updated`` per feed and per entry; an ``atom:author`` on the feed (or on
every entry); ids that are absolute IRIs, unique among the entries; dates in RFC 3339 with a time
zone; each entry with ``atom:content`` or an ``alternate`` link; at most one ``alternate`` link
per type and language; links with an absolute ``href``; ``html`` content as escaped text (no
child elements). Not checked: the validator's advice (e.g. a ``self`` link on a file written
by ``regkg feed`` without ``--self-url``) and its network checks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import feedparser
import httpx
import pytest
from click.testing import CliRunner

import watch_data
from graph.cli import cli
from servers import REPO, free_port, regkg_executable, stop, wait_for

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("feeds")
    data, home = watch_data.write_data(root)
    where = ["--data", str(data), "--home", str(home)]
    built = CliRunner().invoke(cli, [*where, "build"])
    assert built.exit_code == 0, built.output
    watchlist = root / "watchlist.yaml"
    watchlist.write_text(watch_data.WATCHLIST)
    return {"root": root, "where": where, "watchlist": watchlist, "data": data, "home": home}


def feed(world, *args) -> bytes:
    result = CliRunner().invoke(cli, [*world["where"], "feed", *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def check_atom(body: bytes) -> list[str]:
    """The RFC 4287 rules of the module docstring; the problems found."""
    problems = []
    root = ET.fromstring(body)
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}, not atom:feed"]

    def one(el, name, where):
        found = el.findall(ATOM + name)
        if len(found) != 1:
            problems.append(f"{where} has {len(found)} atom:{name}")
        return found[0] if found else None

    def date(el, where):
        if el is not None and not RFC3339.match(el.text or ""):
            problems.append(f"{where}: '{el.text}' is not an RFC 3339 date-time")

    def links(el, where):
        alternates = {}
        for link in el.findall(ATOM + "link"):
            href = link.get("href") or ""
            if not IRI.match(href):
                problems.append(f"{where}: link href '{href}' is not absolute")
            if link.get("rel", "alternate") == "alternate":
                key = (link.get("type"), link.get("hreflang"))
                alternates[key] = alternates.get(key, 0) + 1
        problems.extend(f"{where}: {n} alternate links of type {k[0]}" for k, n in alternates.items() if n > 1)
        return sum(alternates.values())

    fid = one(root, "id", "feed")
    if fid is not None and not IRI.match(fid.text or ""):
        problems.append(f"feed id '{fid.text}' is not an IRI")
    one(root, "title", "feed")
    date(one(root, "updated", "feed"), "feed updated")
    links(root, "feed")
    entries = root.findall(ATOM + "entry")
    feed_author = bool(root.findall(ATOM + "author"))
    ids = []
    for i, e in enumerate(entries):
        where = f"entry {i}"
        eid = one(e, "id", where)
        if eid is not None:
            ids.append(eid.text)
            if not IRI.match(eid.text or ""):
                problems.append(f"{where}: id '{eid.text}' is not an IRI")
        one(e, "title", where)
        date(one(e, "updated", where), where)
        alternates = links(e, where)
        content = e.findall(ATOM + "content")
        if not content and not alternates:
            problems.append(f"{where} has neither content nor an alternate link")
        for c in content:
            if c.get("type") == "html" and len(c):
                problems.append(f"{where}: html content has child elements (it must be escaped text)")
        if not feed_author and not e.findall(ATOM + "author"):
            problems.append(f"{where} has no author and the feed has none")
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    return problems


def test_the_watchlist_feed_reads_back_with_feedparser(world):
    body = feed(world, "--watchlist", str(world["watchlist"]))
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.feed.title == "Parley watch"
    days = [e.updated[:10] for e in parsed.entries]
    assert days == sorted(days, reverse=True)  # newest first
    by_day = {e.updated[:10]: e for e in parsed.entries}
    lift = by_day["2025-04-30"]
    assert "The Garante lifts its ban on Parley" in lift.title
    assert "Milan office: use Parley: <strong>indeterminate</strong> &#8594; <strong>permit</strong>" in lift.content[0].value
    assert lift.link == "https://example.org/record"
    ban = by_day["2025-01-31"]
    assert "Milan office" in ban.content[0].value and "deny" in ban.content[0].value
    kr = by_day["2025-02-15"]
    assert "The PIPC bars Parley in Korea" in kr.title and "sources disagree" in kr.content[0].value
    device = by_day["2025-02-04"]
    assert "Texas agency staff: use Parley" in device.content[0].value
    assert "now if device: work: deny" in device.content[0].value
    assert "2025-02-16" not in by_day and "2025-02-17" not in by_day  # the disputed days change no answer again


def test_the_feeds_follow_rfc_4287(world):
    for args in (["--watchlist", str(world["watchlist"])], ["--model", "Parley"], ["--place", "IT"], []):
        assert check_atom(feed(world, *args)) == [], args
    with_self = feed(world, "--model", "Parley", "--self-url", "https://example.org/feeds/parley.atom")
    assert check_atom(with_self) == []
    assert feedparser.parse(with_self).feed.links[0]["rel"] == "self"


def test_a_model_feed_and_a_place_feed(world):
    parley = feedparser.parse(feed(world, "--model", "Parley"))
    assert parley.feed.title == "Parley: who may use it"
    assert any("The Garante bars Parley in Italy" in e.title for e in parley.entries)
    italy = feedparser.parse(feed(world, "--place", "IT"))
    titles = " ".join(e.title for e in italy.entries)
    assert "Garante" in titles and "PIPC" not in titles and "Texas" not in titles


def test_json_feed_1_1(world):
    data = json.loads(feed(world, "--watchlist", str(world["watchlist"]), "--format", "json"))
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"] == "Parley watch"
    assert data["authors"] == [{"name": "regkg"}]
    ids = [i["id"] for i in data["items"]]
    assert len(ids) == len(set(ids))
    for item in data["items"]:
        assert item["content_html"] and item["content_text"] and RFC3339.match(item["date_published"])
    lift = next(i for i in data["items"] if i["date_published"].startswith("2025-04-30"))
    (change,) = [c for c in lift["_regkg"]["changes"] if c["question"]["party"] == "milan"]
    assert (change["before"]["decision"], change["after"]["decision"]) == ("indeterminate", "permit")
    assert lift["_regkg"]["acts"][0]["sources"][0]["url"] == "https://example.org/record"
    assert data["_regkg"]["built_from"]["content_key"]


def test_feeds_repeat_byte_for_byte(world):
    for fmt in ("atom", "json"):
        args = ["--watchlist", str(world["watchlist"]), "--format", fmt]
        assert feed(world, *args) == feed(world, *args)


def test_feed_options_are_checked(world):
    result = CliRunner().invoke(cli, [*world["where"], "feed", "--model", "Parley", "--place", "IT"])
    assert result.exit_code == 2 and "one of" in result.output
    result = CliRunner().invoke(cli, [*world["where"], "feed", "--place", "Italy"])
    assert result.exit_code == 2 and "ISO 3166" in result.output
    result = CliRunner().invoke(cli, [*world["where"], "feed", "--model", "Parlay 9"])
    assert result.exit_code == 2 and "unknown model" in result.output


def test_hostile_labels_are_escaped_in_the_feed(tmp_path):
    data = watch_data.DATA.replace("label: The Garante bars Parley in Italy",
                                   "label: '<script>alert(1)</script> bars Parley'")
    root = tmp_path / "w"
    (root / "data").mkdir(parents=True)
    (root / "data" / "record.yaml").write_text(data)
    where = ["--data", str(root / "data"), "--home", str(root / "home")]
    body = CliRunner().invoke(cli, [*where, "feed", "--model", "Parley"]).stdout_bytes
    assert b"<script>" not in body and check_atom(body) == []
    assert b"&lt;script&gt;alert(1)&lt;/script&gt; bars Parley" in body  # a title is text: shown, never run
    entry = next(e for e in feedparser.parse(body).entries if "alert(1)" in e.title)
    assert "&lt;script&gt;" in entry.content[0].value  # escaped again inside the entry's HTML


@pytest.fixture(scope="module")
def server(world):
    port = free_port()
    env = {**os.environ, "REGKG_HOME": str(world["home"]), "REGKG_DATA": str(world["data"])}
    proc = subprocess.Popen([*regkg_executable(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
                             "--watchlist", str(world["watchlist"])], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/-/health", proc)
        yield base
    finally:
        stop(proc)


def test_served_feeds_have_etag_last_modified_and_304(server):
    with httpx.Client(base_url=server, timeout=120) as client:
        index = client.get("/feeds/")
        assert index.status_code == 200 and "/feeds/watchlist.atom" in index.json()["feeds"]
        first = client.get("/feeds/watchlist.atom")
        assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('"') and dt.datetime.strptime(modified, "%a, %d %b %Y %H:%M:%S GMT")
        parsed = feedparser.parse(first.content)
        assert parsed.feed.title == "Parley watch" and parsed.feed.links[0]["href"].endswith("/feeds/watchlist.atom")
        assert check_atom(first.content) == []
        again = client.get("/feeds/watchlist.atom", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        since = client.get("/feeds/watchlist.atom", headers={"If-Modified-Since": modified})
        assert since.status_code == 304
        other = client.get("/feeds/watchlist.atom", headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200 and other.content == first.content
        as_json = client.get("/feeds/model/Parley.json")
        assert as_json.status_code == 200 and as_json.headers["content-type"].startswith("application/feed+json")
        assert as_json.json()["version"] == "https://jsonfeed.org/version/1.1"
        assert client.get("/feeds/place/IT.atom").status_code == 200
        assert client.get("/feeds/model/no-such-model.atom").status_code == 404
        assert client.get("/feeds/place/Italy.atom").status_code == 400
        assert client.get("/feeds/nothing.txt").status_code == 404
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
