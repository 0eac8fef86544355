"""Change feeds: the acts that change an answer, as Atom 1.0 (RFC 4287) and JSON Feed 1.1.

An **entry** is one date on which one or more acts (events) change answers: its date, the acts
(with their dates as written, who acted, on whose authority, and their sources), what each
answer was before and is after, and for whom. :func:`build_feed` works them out for a list of
questions (:mod:`graph.watch.questions`): a watchlist's, or every audience's of one model
(``--model``), of every model in one place (``--place``), or of every model. Each question's
changes come from :func:`graph.watch.answers.history` over all time, so a feed says what a
report would say, date by date.

:func:`atom` writes the feed with ``feedgen``; :func:`json_feed` as JSON Feed 1.1. Both hold no
clock time: an entry's ``updated`` is the date the answers change, the feed's the newest entry's
(or the knowledge horizon's when there is none), so the same data gives the same bytes.

:func:`feeds_app` serves them under ``/feeds/`` with ``ETag`` (the body's hash) and
``Last-Modified`` (when the graph was built), answering ``304 Not Modified`` to a matching
``If-None-Match`` or a later ``If-Modified-Since``. ``regkg serve`` mounts it beside the SPARQL
endpoint (the CLI wires the two; :mod:`graph.sparql` does not know this module).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re

import networkx as nx

from graph.errors import InputError, NotFoundError
from graph.policy.audiences import audiences, models
from graph.policy.knowledge import Knowledge, knowledge
from graph.policy.periods import change_dates
from graph.watch.answers import act_view, ask_view, brief, history, label
from graph.watch.questions import Ask, audience_questions, resolve_asset
from graph.watch.writers import brief_lines, safe_url

__all__ = ["Entry", "Feed", "build_feed", "feed_for", "atom", "json_feed", "feeds_app", "FEED_BASE", "FORMATS"]

#: Where a feed's and an entry's ids live (``atom:id`` is an IRI; these are not fetched).
FEED_BASE = "https://w3id.org/regkg/feed/"
FORMATS = ("atom", "json")
_DAY = dt.timedelta(days=1)
_EPOCH = dt.date(1970, 1, 1)


@dataclasses.dataclass
class Entry:
    """The answers that change on ``on``, and the acts that change them."""

    id: str
    on: str
    title: str
    acts: list[dict]
    changes: list[dict]  # {question, before, after}


@dataclasses.dataclass
class Feed:
    id: str
    title: str
    subtitle: str
    updated: str
    entries: list[Entry]
    built_from: dict

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.casefold()).strip("-")[:80] or "x"


def _span(k: Knowledge, asked: list[Ask]) -> tuple[dt.date, dt.date]:
    days = {d for asset, action in {(q.asset, q.action) for q in asked}
            for d in change_dates(k.base, asset, action, known=k)}
    if not days:
        return _EPOCH, _EPOCH
    return min(days) - _DAY, max(days)


def build_feed(G: nx.MultiDiGraph, asked: list[Ask], *, feed_id: str, title: str, subtitle: str = "",
               known_on=None, provenance: dict | None = None, k: Knowledge | None = None) -> Feed:
    """The feed of the changes of every answer of ``asked``, over all time, newest first."""
    k = k or knowledge(G, known_on)
    H = k.graph
    start, end = _span(k, asked)
    grouped: dict[tuple, dict] = {}
    for q in asked:
        if end <= start:
            break
        _, changes = history(k, q, start, end)
        for c in changes:
            acts = sorted(c.acts, key=lambda a: a["event"])
            key = (c.on, tuple(a["event"] for a in acts))
            slot = grouped.setdefault(key, {"acts": [act_view(H, a, c.before.evidence + c.after.evidence, k.counted)
                                                     for a in acts], "changes": []})
            slot["changes"].append({"question": ask_view(G, q), "before": brief(H, c.before), "after": brief(H, c.after)})
    entries = []
    for (on, events), slot in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True):
        names = "; ".join(a["label"] for a in slot["acts"]) or "a date a rule or a group names"
        n = len(slot["changes"])
        slug = "+".join(e.rsplit("/", 1)[-1] for e in events) or "dated-constraint"
        entries.append(Entry(f"{feed_id}/change/{on.isoformat()}/{_slug(slug)}", on.isoformat(),
                             f"{on.isoformat()}: {names} ({n} answer{'s' if n != 1 else ''} change{'' if n != 1 else 's'})",
                             slot["acts"], slot["changes"]))
    horizon = k.newest()
    updated = entries[0].on if entries else ((horizon or {}).get("latest") or _EPOCH.isoformat())
    return Feed(feed_id, title, subtitle, updated, entries, provenance or {})


def feed_for(G: nx.MultiDiGraph, *, watchlist=None, model: str | None = None, place: str | None = None,
             known_on=None, provenance: dict | None = None) -> Feed:
    """The feed ``regkg feed`` writes: a watchlist's (a :class:`~graph.data.watchlist.LoadedWatchlist`),
    one model's (every audience its rules name, the place left open), one place's (every model and
    audience, asked in ``place``), or everything's."""
    from graph.watch.questions import questions

    if sum(x is not None for x in (watchlist, model, place)) > 1:
        raise InputError("give one of --watchlist, --model and --place")
    k = knowledge(G, known_on)
    H = k.graph
    if watchlist is not None:
        asked = questions(G, watchlist)
        title = watchlist.watchlist.title or "Watchlist"
        scope = "watchlist/" + hashlib.sha256(watchlist.text.encode()).hexdigest()[:16]
        n = len(watchlist.watchlist.parties)
        subtitle = f"Acts that change an answer for the {n} part{'y' if n == 1 else 'ies'} of the watchlist"
    elif model is not None:
        asset = resolve_asset(G, model)
        asked = audience_questions(G, [asset], audiences(H, asset))
        title = f"{label(G, asset)}: who may use it"
        scope = "model/" + asset.rsplit("/", 1)[-1]
        subtitle = f"Acts that change who may use {label(G, asset)}, for every audience its rules name"
    else:
        if place is not None:
            place = place.strip().upper()
            if not re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{1,3})?", place):
                raise InputError(f"--place '{place}' is not an ISO 3166 code (IT, US-TX)")
        assets = models(H)
        asked = [q for a in assets for q in audience_questions(G, [a], audiences(H, a), places=(place,))]
        title = f"Who may use which model in {place}" if place else "Who may use which model"
        scope = f"place/{place}" if place else "all"
        subtitle = "Acts that change an answer" + (f" for a use in {place}" if place else "") + \
            ", for every model and every audience the rules name"
    if known_on is not None:
        scope += f"/known-on/{k.known_on.isoformat()}"
        subtitle += f", as known on {k.known_on.isoformat()}"
    return build_feed(G, asked, feed_id=FEED_BASE + scope, title=title, subtitle=subtitle, k=k,
                      provenance=provenance)


# --------------------------------------------------------------------------- the texts of an entry

def _question_text(q: dict) -> str:
    text = f"{q['party_label']}: {q['action']} {q['model']['label']}"
    if q["channel"]:
        text += f" through {q['channel']['label']}"
    return text


def _entry_text(e: Entry) -> str:
    lines = []
    for c in e.changes:
        lines.append(f"{_question_text(c['question'])}: {c['before']['decision']} -> {c['after']['decision']}")
        lines += [f"  now {line}" for line in brief_lines(c["after"])]
    for a in e.acts:
        lines.append(f"Act: {a['label']} ({a['date_text']})" + (f"; by {a['actor']}" if a["actor"] else "")
                     + (f"; at the request of {a['at_request_of']}" if a["at_request_of"] else ""))
        lines += [f"  source: {s['label']}" + (f" <{s['url']}>" if safe_url(s["url"]) else "") for s in a["sources"]]
    return "\n".join(lines)


def _entry_html(e: Entry) -> str:
    from markupsafe import escape

    out = ["<p>Answers that change on " + str(escape(e.on)) + ":</p><ul>"]
    for c in e.changes:
        out.append(f"<li>{escape(_question_text(c['question']))}: <strong>{escape(c['before']['decision'])}</strong>"
                   f" &#8594; <strong>{escape(c['after']['decision'])}</strong>")
        extra = brief_lines(c["after"])
        if extra:
            out.append("<ul>" + "".join(f"<li>now {escape(line)}</li>" for line in extra) + "</ul>")
        out.append("</li>")
    out.append("</ul>")
    for a in e.acts:
        who = (f"; by {escape(a['actor'])}" if a["actor"] else "") + \
              (f"; at the request of {escape(a['at_request_of'])}" if a["at_request_of"] else "")
        out.append(f"<p>Act: {escape(a['label'])} ({escape(a['date_text'])}){who}</p><ul>")
        for s in a["sources"]:
            url = safe_url(s["url"])
            out.append(f"<li><a href=\"{escape(url)}\">{escape(s['label'])}</a></li>" if url
                       else f"<li>{escape(s['label'])}</li>")
        out.append("</ul>")
    return "".join(out)


def _when(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0, 0), tzinfo=dt.timezone.utc)


def _links(e: Entry) -> list[str]:
    return list(dict.fromkeys(u for a in e.acts for s in a["sources"] if (u := safe_url(s["url"]))))


# --------------------------------------------------------------------------- Atom and JSON Feed

def atom(feed: Feed, self_url: str | None = None) -> bytes:
    """The feed as Atom 1.0 (``feedgen``): one ``atom:id``, ``title``, ``updated`` and ``author`` for
    the feed; each entry its ``id``, ``title``, ``updated``, HTML ``content`` (which links every source)
    and its first act's first source as its ``alternate`` link."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed.id)
    fg.title(feed.title)
    fg.subtitle(feed.subtitle or feed.title)
    fg.author({"name": "regkg"})
    fg.language("en")
    fg.updated(_when(feed.updated))
    if self_url:
        fg.link(href=self_url, rel="self", type="application/atom+xml")
    for e in reversed(feed.entries):  # feedgen prepends: the newest comes out first
        fe = fg.add_entry()
        fe.id(e.id)
        fe.title(e.title)
        fe.updated(_when(e.on))
        fe.content(_entry_html(e), type="html")
        links = _links(e)
        if links:  # one link: feedgen 1.0 writes an entry's links without their rel, so a second one would be
            fe.link(href=links[0])  # another "alternate" of the same type (RFC 4287 4.1.1 forbids it); all are in content
        for q in dict.fromkeys(c["question"]["party_label"] for c in e.changes):
            fe.category(term=_slug(q), label=q)
    return fg.atom_str(pretty=True)


def json_feed(feed: Feed, self_url: str | None = None) -> str:
    """The feed as JSON Feed 1.1 (``_regkg`` holds what it was built from and each change as data)."""
    items = []
    for e in feed.entries:
        links = _links(e)
        item = {"id": e.id, "title": e.title, "content_html": _entry_html(e), "content_text": _entry_text(e),
                "date_published": _when(e.on).isoformat().replace("+00:00", "Z"),
                "tags": list(dict.fromkeys(c["question"]["party_label"] for c in e.changes)),
                "_regkg": {"on": e.on, "acts": e.acts, "changes": e.changes}}
        if links:
            item["url"] = links[0]
        items.append(item)
    data = {"version": "https://jsonfeed.org/version/1.1", "title": feed.title, "description": feed.subtitle,
            "authors": [{"name": "regkg"}], "language": "en", "items": items,
            "_regkg": {"id": feed.id, "updated": feed.updated, "built_from": feed.built_from}}
    if self_url:
        data["feed_url"] = self_url
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_feed(feed: Feed, fmt: str, self_url: str | None = None) -> bytes:
    if fmt == "atom":
        return atom(feed, self_url)
    if fmt == "json":
        return json_feed(feed, self_url).encode("utf-8")
    raise InputError(f"unknown feed format '{fmt}' (expected one of: {', '.join(FORMATS)})")


# --------------------------------------------------------------------------- HTTP

_MEDIA = {"atom": "application/atom+xml; charset=utf-8", "json": "application/feed+json; charset=utf-8"}


def feeds_app(load_graph, *, built: dt.datetime | None = None, watchlist=None, provenance: dict | None = None):
    """The ASGI app of ``/feeds/``: ``all.atom``, ``model/{name}.atom``, ``place/{CC}.atom``,
    ``watchlist.atom`` (when given one), each also as ``.json``; ``/feeds/`` lists them.

    ``load_graph()`` gives the projection (called on the first request); ``built`` is when it was
    built (``Last-Modified``); each feed is made once and kept while the app lives.
    """
    import email.utils

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    state: dict = {"graph": None, "feeds": {}}
    modified = email.utils.format_datetime((built or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
                                           .astimezone(dt.timezone.utc), usegmt=True)

    def make(kind: str, name: str | None, fmt: str, url: str) -> bytes:
        key = (kind, name, fmt)
        if key not in state["feeds"]:
            if state["graph"] is None:
                state["graph"] = load_graph()
            G = state["graph"]
            args = {"all": {}, "model": {"model": name}, "place": {"place": name}, "watchlist": {"watchlist": watchlist}}[kind]
            feed = feed_for(G, provenance=provenance, **args)
            state["feeds"][key] = render_feed(feed, fmt, url)
        return state["feeds"][key]

    def answer(request: Request, body: bytes, fmt: str) -> Response:
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {"ETag": etag, "Last-Modified": modified, "Cache-Control": "no-cache"}
        given = request.headers.get("if-none-match")
        if given is not None:
            if etag in [t.strip().removeprefix("W/") for t in given.split(",")] or given.strip() == "*":
                return Response(status_code=304, headers=headers)
        elif built is not None and request.headers.get("if-modified-since"):
            since = _http_date(request.headers["if-modified-since"])
            if since is not None and since >= built.replace(microsecond=0):
                return Response(status_code=304, headers=headers)
        return Response(body if request.method != "HEAD" else b"", media_type=_MEDIA[fmt], headers=headers)

    async def serve(request: Request) -> Response:
        kind = request.path_params.get("kind")
        name, _, fmt = request.path_params["file"].rpartition(".")
        if fmt not in FORMATS or not name:
            return PlainTextResponse("error: a feed's name ends in .atom or .json; see /feeds/\n", status_code=404)
        if kind is None:  # /feeds/all.atom, /feeds/watchlist.atom
            if name not in ("all", "watchlist"):
                return PlainTextResponse("error: no such feed; see /feeds/\n", status_code=404)
            if name == "watchlist" and watchlist is None:
                return PlainTextResponse("error: this server has no watchlist (regkg serve --watchlist FILE)\n",
                                         status_code=404)
            kind, name = name, None
        elif kind not in ("model", "place"):
            return PlainTextResponse("error: no such feed; see /feeds/\n", status_code=404)
        try:
            body = await run_in_threadpool(make, kind, name, fmt, str(request.url.replace(query="")))
        except NotFoundError as exc:
            return PlainTextResponse(f"error: {exc.message}\n", status_code=404)
        except InputError as exc:
            return PlainTextResponse(f"error: {exc.message}\n", status_code=400)
        return answer(request, body, fmt)

    async def index(request: Request) -> Response:
        feeds = ["all.atom", "all.json", "model/{model}.atom", "model/{model}.json", "place/{CC}.atom",
                 "place/{CC}.json"] + (["watchlist.atom", "watchlist.json"] if watchlist is not None else [])
        return JSONResponse({"feeds": [f"/feeds/{f}" for f in feeds],
                             "about": "acts that change who may use which model; an entry per date and act"})

    routes = [Route("/", index, methods=["GET"]),
              Route("/{file}", serve, methods=["GET", "HEAD"]),
              Route("/{kind:str}/{file}", serve, methods=["GET", "HEAD"])]
    return Starlette(routes=routes)


def _http_date(text: str) -> dt.datetime | None:
    """An HTTP date (RFC 9110), or ``None`` when it is not one (a bad header is ignored, as HTTP asks)."""
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else None
