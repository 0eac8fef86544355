"""Synthetic data shaped like the public record (``data/public-record/``), at k times its size.

    .venv/bin/python bench/record_generate.py --k 10 --out bench/out/record-10     # data/*.yaml
    .venv/bin/python bench/record_generate.py --k 1 --out bench/out/record-1 --count   # + the record's counts

What the public record is made of, and what this writes for each *block* (one block is about the
record's size in access-changing events and policies; ``--k`` blocks are written):

* many jurisdictions: a dozen national governments (ISO 3166-1 codes, cycling through every
  country as blocks are added) with a ministry and a regulator each (``parent:``), and three of
  them with five states each (ISO 3166-2 subdivisions, ``state-government`` with ``jurisdiction``)
  and a body of each state;
* staff groups defined by employment with unlisted members (``refinement: employer isPartOf`` an
  agencies group ``defined_by`` the government, "none named"), per government, state and body;
  a group of staff exempted by their own ban (no members named), a pilot group whose list is
  partial (``members`` and ``min_members``);
* government-device bans on the staff (most of the record's access-changing events) with the scope
  as constraints (``device eq work``; ``or: [device work, purpose work]``; ``purpose eq work``;
  some with an explicit ``spatial``), same-act exemptions (a permission in the ban's policy,
  narrowed by ``memberOf`` the exempted group); regulators' limitations on everyone in their
  country (some on a new download of an app only: ``deliveryChannel isPartOf``); a provider's
  suspension made to comply (``complies_with``) and its reinstatement; liftings (``ends:``);
  approvals and procurement deals that widen access for the staff; providers' own terms
  (supported-country lists, geoblocks); releases and offers; export controls on a provider
  (``action: distribute``, ``extraterritorial``) and a licence exemption; statements (availability
  reports, observations) that are not rules;
* dates as the pages give them: a day, a week, part of a month, a month, or "not stated" with
  bounds; disputed dates as ``variants`` (another page, another day); ``after:`` orders that the
  dates allow; a quote on every rule, constraint and date, "(synthetic)" from the first page the
  record cites (``tests/quoting.py``'s convention: these pages are no one's words).

Three services are shared by every block, as DeepSeek's, ChatGPT's and Claude's are in the record:
most bans name them, so the rules about the most restricted service grow with ``k`` (about 90 a
block, as DeepSeek's do in the record). Each block also has two providers of its own.

One more file holds one model with ``--thousand`` rules (default 1,000), from 50 authorities, on
which nationality, place and employer are all open when a question gives none of them: rules for
staff (employer), rules on nationalities, rules on places, each with a quote.

Everything is drawn from RNGs seeded by ``--seed`` and the block number: the same arguments write
the same files (block ``b`` is the same whatever ``k`` is). ``--count`` also counts the record in
``data/`` (access-changing events, policies, rules, rules about the most restricted asset) beside
the generated ones. Other scripts import :func:`write_record` and :func:`record_counts`.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import functools
import json
import random
import sys
from collections import Counter
from pathlib import Path

from generate import plain as _plain  # bench/ is on sys.path wherever this is run or imported

__all__ = ["Block", "write_record", "record_counts", "thousand_file", "QUESTION_DAY", "GLOBAL"]

RECORDED = "2026-12-07"
RETRIEVED = "2026-12-07"
QUESTION_DAY = "2025-06-01"
MONTHS = list(calendar.month_name)[1:]
FIRST, LAST = dt.date(2023, 3, 1), dt.date(2026, 3, 1)
SYLLABLES = ["ar", "bel", "cor", "dex", "el", "fal", "gen", "hal", "ion", "jun", "kor", "lum", "mer",
             "nov", "or", "pra", "quin", "ros", "sol", "tor", "ul", "vex", "wen", "xan", "yor", "zep"]
HEADER = "# Synthetic data written by bench/record_generate.py: not facts about the real world.\n"

#: The shared services (ids), as DeepSeek's, ChatGPT's and Claude's chatbots are in the record.
GLOBAL = {"deepnorth": "syn-deepnorth-service", "chatwise": "syn-chatwise-service", "claudia": "syn-claudia-service"}


# -- places ----------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _places() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """Every ISO 3166-1 country, and the top-level subdivisions of those with at least five."""
    import pycountry

    countries = tuple(sorted(c.alpha_2 for c in pycountry.countries))
    subs: dict[str, list[str]] = {}
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            subs.setdefault(s.country_code, []).append(s.code)
    return countries, {c: tuple(sorted(v)) for c, v in sorted(subs.items()) if len(v) >= 5}


def _place_name(code: str) -> str:
    from graph.data.places import place_name

    return place_name(code) or code


# -- dates as pages give them ------------------------------------------------------------------------

def _day_text(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _when(rng: random.Random, day: dt.date, source: str) -> dict:
    """A date around ``day`` as a page would write it, with its bounds, precision and quote."""
    kind = rng.choices(["day", "unknown", "month", "part-of-month", "week"], [55, 30, 6, 5, 4])[0]
    quote = {"text": "(synthetic)", "source": source}
    if kind == "day":
        return {"text": _day_text(day), "earliest": day, "latest": day, "precision": "day", "quote": quote}
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return {"text": f"the week of {_day_text(start)}", "earliest": start, "latest": start + dt.timedelta(days=6),
                "precision": "week", "quote": quote}
    last = calendar.monthrange(day.year, day.month)[1]
    if kind == "month":
        return {"text": f"{MONTHS[day.month - 1]} {day.year}", "earliest": day.replace(day=1),
                "latest": day.replace(day=last), "precision": "month", "quote": quote}
    if kind == "part-of-month":
        part, lo, hi = ("early", 1, 10) if day.day <= 10 else ("mid", 11, 20) if day.day <= 20 else ("late", 21, last)
        return {"text": f"{part} {MONTHS[day.month - 1]} {day.year}", "earliest": day.replace(day=lo),
                "latest": day.replace(day=hi), "precision": "part-of-month", "quote": quote}
    lo = day - dt.timedelta(days=rng.randint(0, 20))
    hi = day + dt.timedelta(days=rng.randint(5, 60))
    return {"text": f"not stated; reported by {_day_text(hi)}", "earliest": lo, "latest": hi,
            "precision": "unknown", "quote": quote}


# -- one file's records ------------------------------------------------------------------------------

class _File:
    """The records of one data file, and its pages (one section each: ``page``)."""

    KINDS = ("sources", "organizations", "groups", "channels", "models", "events", "policies", "statements")

    def __init__(self, prefix: str, rng: random.Random):
        self.prefix, self.rng = prefix, rng
        self.records: dict[str, list[dict]] = {k: [] for k in self.KINDS}
        self.publishers: list[str] = []
        self.n_pages = 0

    def add(self, kind: str, /, **record) -> dict:
        record.setdefault("status", "reported")
        self.records[kind].append(record)
        return record

    def publisher(self, name: str) -> str:
        pid = f"{self.prefix}-pub-{len(self.publishers)}"
        self.publishers.append(pid)
        # a publisher cites the first page it publishes, which is written next
        self.add("organizations", id=pid, name=name, kind="media", sources=[f"{self.prefix}-page-{self.n_pages}#page"])
        return pid

    def page(self, published: dt.date, about: str) -> str:
        """A new page published on ``published`` (a day), about ``about``; its section's reference."""
        if not self.publishers or self.rng.random() < 0.08:
            self.publisher(f"{self.prefix.upper()} {self.rng.choice(SYLLABLES).capitalize()} News {len(self.publishers)}")
        sid = f"{self.prefix}-page-{self.n_pages}"
        self.n_pages += 1
        self.add("sources", id=sid, title=f"{about} (synthetic page)", publisher=self.rng.choice(self.publishers),
                 kind="news-article", language="en", status="reported",
                 date={"text": _day_text(published), "earliest": published, "latest": published, "precision": "day"},
                 date_basis="the synthetic page's dateline", sections=[{"id": "page", "title": about[:200]}],
                 url=f"https://example.org/synthetic/{sid}", retrieved=RETRIEVED)
        return f"{sid}#page"

    def pages(self, when: dict, about: str, n: int) -> list[str]:
        day = when.get("latest") or when.get("earliest") or FIRST
        return [self.page(day + dt.timedelta(days=self.rng.randint(0, 10)), about) for _ in range(n)]

    def event(self, label: str, type: str, actor: str, day: dt.date, *, enacts=(), ends=(), after=(),
              disputed: float = 0.1, n_pages: int | None = None, **fields) -> dict:
        """An event on ``day`` (as a page gives it), cited by 1-3 new pages; with ``disputed``'s
        chance, another page gives another date (a variant)."""
        rng = self.rng
        first = self.page(day + dt.timedelta(days=rng.randint(0, 5)), label)
        when = _when(rng, day, first)
        sources = [first] + self.pages(when, label, (n_pages or rng.choice([1, 1, 2, 2, 3])) - 1)
        record = {"id": f"{self.prefix}-ev-{len(self.records['events'])}", "label": label, "type": type,
                  "actor": actor, "when": when, "status": "reported", "sources": sources}
        if enacts:
            record["enacts"] = list(enacts)
        if ends:
            record["ends"] = list(ends)
        if after:
            record["after"] = list(after)
        record.update(fields)
        if rng.random() < disputed:
            other_day = day + dt.timedelta(days=rng.choice([-3, -1, 1, 2, 7]))
            other = self.page(other_day + dt.timedelta(days=3), label + " (another account)")
            record["variants"] = [{"sources": [other], "when": _when(rng, other_day, other)}]
        originals = len({s.split("#")[0] for s in record["sources"]}) + len(record.get("variants", []))
        record["independent_sources"] = originals
        if originals == 1:
            record["note"] = "one independent source"
        self.records["events"].append(record)
        return record

    def policy(self, pid: str, label: str, assigner: str, sources: list[str], permissions=(), prohibitions=(),
               **fields) -> dict:
        """A policy whose every rule and constraint is quoted ("(synthetic)") from its first page."""
        quote = {"text": "(synthetic)", "source": sources[0]}

        def quoted(rule: dict) -> dict:
            out = {**rule, "quote": quote}
            if rule.get("constraints"):
                out["constraints"] = [{**c, "quote": quote} for c in rule["constraints"]]
            return out

        record = {"id": pid, "label": label, "assigner": assigner, "sources": sources, "status": "reported", **fields}
        if permissions:
            record["permissions"] = [quoted(r) for r in permissions]
        if prohibitions:
            record["prohibitions"] = [quoted(r) for r in prohibitions]
        self.records["policies"].append(record)
        return record

    def content(self) -> dict:
        return {"recorded": RECORDED, **{k: v for k, v in self.records.items() if v}}


# -- the shared services ------------------------------------------------------------------------------

def globals_file(seed: int) -> _File:
    """The providers and services every block's acts name, their offers, and ``everyone``."""
    f = _File("glob", random.Random(f"{seed}-globals"))
    day = dt.date(2023, 1, 10)
    src = f.page(day, "The shared services (synthetic)")
    f.add("groups", id="everyone", name="Everyone", aliases=["anyone", "the public"], universal=True,
          description="Any party at all.", sources=[src])
    providers = (("deepnorth", "Deepnorth", "CN"), ("chatwise", "Chatwise", "US"), ("claudia", "Claudia Labs", "US"))
    for key, name, cc in providers:
        f.add("organizations", id=f"syn-{key}", name=name, kind="company", country=cc, sources=[src])
    f.add("channels", id=GLOBAL["deepnorth"], name="Deepnorth chatbot", aliases=["Deepnorth", "Deepnorth service"],
          kind="service", provider="syn-deepnorth", sources=[src])
    f.add("channels", id="syn-deepnorth-app", name="Deepnorth app", kind="service", provider="syn-deepnorth",
          part_of=GLOBAL["deepnorth"], sources=[src])
    f.add("channels", id="syn-deepnorth-app-new-download", name="new download of the Deepnorth app",
          part_of="syn-deepnorth-app", sources=[src])
    f.add("channels", id="syn-deepnorth-web", name="Deepnorth website", kind="service", provider="syn-deepnorth",
          part_of=GLOBAL["deepnorth"], sources=[src])
    f.add("channels", id=GLOBAL["chatwise"], name="Chatwise", kind="service", provider="syn-chatwise", sources=[src])
    f.add("channels", id=GLOBAL["claudia"], name="Claudia", kind="service", provider="syn-claudia", sources=[src])
    f.add("channels", id="syn-claudia-api", name="Claudia API", provider="syn-claudia", part_of=GLOBAL["claudia"],
          sources=[src])
    f.add("models", id="syn-deepnorth-r1", name="Deepnorth-R1", developer="syn-deepnorth", openness="open-weights",
          sources=[src])
    f.add("models", id="syn-claudia-5", name="Claudia 5", developer="syn-claudia", openness="closed", sources=[src])
    for key, name, _ in providers:
        target = GLOBAL[key]
        ev = f.event(f"{name} offers its service to the public", "general-availability", f"syn-{key}",
                     day + dt.timedelta(days=30 * len(f.records["events"])), disputed=0, n_pages=1)
        f.policy(f"syn-{key}-public-offer", f"{name} offers its service to anyone", f"syn-{key}", ev["sources"],
                 type="offer", permissions=[{"id": f"syn-{key}-anyone-may-use", "target": [target], "assignee": "everyone"}])
        ev["enacts"] = [f"syn-{key}-public-offer"]
    ev = f.event("Deepnorth releases the weights of Deepnorth-R1", "model-release", "syn-deepnorth",
                 dt.date(2023, 6, 1), disputed=0, n_pages=1)
    f.policy("syn-deepnorth-r1-open", "Deepnorth-R1's open weights", "syn-deepnorth", ev["sources"], type="offer",
             permissions=[{"id": "syn-deepnorth-r1-anyone", "target": ["syn-deepnorth-r1"], "assignee": "everyone"},
                          {"id": "syn-deepnorth-r1-redistribute", "target": ["syn-deepnorth-r1"],
                           "assignee": "everyone", "action": "distribute"}])
    ev["enacts"] = ["syn-deepnorth-r1-open"]
    return f


# -- one block: about the record's size ---------------------------------------------------------------

class Block:
    """One block of the synthetic record (block ``b``): its jurisdictions, providers and acts."""

    NATIONS, FEDERAL, STATES = 12, 3, 5

    def __init__(self, b: int, seed: int):
        self.b = b
        self.rng = random.Random(f"{seed}-block-{b}")
        self.f = _File(f"b{b}", self.rng)
        self.authorities: list[dict] = []  # {id, staff, jurisdiction, kind}
        self.bans: list[tuple[dict, dict, dict]] = []  # (event, policy, authority)
        self._jurisdictions()
        self._providers()
        self._acts()

    # ids
    def id(self, *parts) -> str:
        return "-".join([f"b{self.b}", *map(str, parts)]).lower()

    def _staff(self, org: str, name: str, src: str, defined: bool) -> str:
        """The staff of ``org``: employer part of its agencies (a group it defines) or of the body."""
        f = self.f
        if defined:
            agencies = f.add("groups", id=f"{org}-agencies", name=f"{name} agencies", defined_by=org,
                             members_text=f"the bodies of {name}; none named", sources=[src])["id"]
        else:
            agencies = org
        return f.add("groups", id=f"{org}-staff", name=f"Employees of {name}", part_of="everyone",
                     refinement=[{"left": "employer", "operator": "isPartOf", "right": agencies}], sources=[src])["id"]

    def _jurisdictions(self) -> None:
        f, rng = self.f, self.rng
        countries, subs = _places()
        federal_pool = sorted(subs)
        src = f.page(FIRST, f"Block {self.b}'s authorities (synthetic)")
        start = (self.b * self.NATIONS) % len(countries)
        nations = [countries[(start + i) % len(countries)] for i in range(self.NATIONS)]
        federal = [federal_pool[(self.b * self.FEDERAL + i) % len(federal_pool)] for i in range(self.FEDERAL)]
        for cc in dict.fromkeys(federal + nations):
            name = f"{_place_name(cc)} ({self.b})"
            gov = f.add("organizations", id=self.id("gov", cc), name=f"Government of {name}", kind="government",
                        country=cc, jurisdiction=cc, sources=[src])["id"]
            self.authorities.append({"id": gov, "staff": self._staff(gov, f"the government of {name}", src, True),
                                     "jurisdiction": cc, "kind": "government", "country": cc})
            for kind, word in (("ministry", "Ministry of Digital Affairs"), ("regulator", "Data Protection Authority")):
                body = f.add("organizations", id=self.id(kind, cc), name=f"{word} of {name}", kind=kind, country=cc,
                             parent=gov, sources=[src])["id"]
                self.authorities.append({"id": body, "staff": self._staff(body, f"the {word} of {name}", src, False),
                                         "jurisdiction": cc, "kind": kind, "country": cc})
            if cc in federal:
                states = subs[cc]
                offset = (self.b * self.STATES) % len(states)
                for code in [states[(offset + i) % len(states)] for i in range(self.STATES)]:
                    sname = f"{_place_name(code)} ({self.b})"
                    st = f.add("organizations", id=self.id("state", code), name=f"State of {sname}",
                               kind="state-government", country=cc, jurisdiction=code, sources=[src])["id"]
                    self.authorities.append({"id": st, "staff": self._staff(st, f"the state of {sname}", src, True),
                                             "jurisdiction": code, "kind": "state-government", "country": cc})
                    body = f.add("organizations", id=self.id("state-it", code), name=f"Technology office of {sname}",
                                 kind="state-government", country=cc, jurisdiction=code, parent=st,
                                 sources=[src])["id"]
                    self.authorities.append({"id": body, "staff": self._staff(body, f"the technology office of {sname}",
                                                                               src, False),
                                             "jurisdiction": code, "kind": "state-government", "country": cc})
        self.exempted = f.add("groups", id=self.id("exempted-staff"), name=f"Staff exempted by their own ban ({self.b})",
                              members_text="staff whose ban exempts investigative or security use; none named",
                              sources=[src])["id"]
        bodies = [a["id"] for a in self.authorities if a["kind"] in ("ministry", "regulator")]
        self.pilot = f.add("groups", id=self.id("pilot-participants"), name=f"Pilot participants ({self.b})",
                           members=bodies[:2], min_members=20,
                           members_text="about twenty bodies at first; two named", sources=[src])["id"]

    def _providers(self) -> None:
        f, rng = self.f, self.rng
        src = f.page(FIRST, f"Block {self.b}'s providers (synthetic)")
        self.services, self.models, self.companies = [], [], []
        for i in range(2):
            name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {self.b}-{i}"
            co = f.add("organizations", id=self.id("co", i), name=f"{name} AI", kind="company",
                       country=rng.choice(_places()[0]), sources=[src])["id"]
            svc = f.add("channels", id=self.id("svc", i), name=f"{name} chat", kind="service", provider=co,
                        sources=[src])["id"]
            f.add("channels", id=self.id("svc", i, "app"), name=f"{name} app", kind="service", provider=co,
                  part_of=svc, sources=[src])
            model = f.add("models", id=self.id("model", i), name=f"{name} model", developer=co,
                          openness=rng.choice(["open-weights", "closed"]), sources=[src])["id"]
            self.companies.append(co)
            self.services.append(svc)
            self.models.append(model)

    def _day(self) -> dt.date:
        return FIRST + dt.timedelta(days=self.rng.randint(0, (LAST - FIRST).days))

    def _after(self, day: dt.date, pool: list[dict]) -> list[str]:
        """With a 40% chance, an earlier event of ``pool`` the page says this one follows (one the
        dates allow: it may have begun by ``day``)."""
        earlier = [e for e in pool if (e["when"].get("earliest") or FIRST) <= day]
        if earlier and self.rng.random() < 0.4:
            return [self.rng.choice(earlier)["id"]]
        return []

    def _target(self) -> str:
        rng = self.rng
        x = rng.random()
        if x < 0.55:
            return GLOBAL["deepnorth"]
        if x < 0.65:
            return GLOBAL["chatwise"]
        if x < 0.70:
            return GLOBAL["claudia"]
        if x < 0.75:
            return "syn-deepnorth-r1"
        if x < 0.95:
            return rng.choice(self.services)
        return rng.choice(self.models)

    def _scope(self, a: dict) -> list[dict]:
        """A staff ban's scope as the pages give it: work devices (most), work devices or work time,
        work time only, or none (every device); sometimes the place said as well."""
        x = self.rng.random()
        out = []
        if x < 0.70:
            out.append({"left": "device", "operator": "eq", "right": "work"})
        elif x < 0.82:
            out.append({"or": [{"left": "device", "operator": "eq", "right": "work"},
                               {"left": "purpose", "operator": "eq", "right": "work"}]})
        elif x < 0.90:
            out.append({"left": "purpose", "operator": "eq", "right": "work"})
        if self.rng.random() < 0.15:
            out.append({"left": "spatial", "operator": "eq", "right": a["jurisdiction"]})
        return out

    def _acts(self) -> None:
        f, rng = self.f, self.rng
        events: list[dict] = []
        # F. releases and offers of the block's providers (12)
        offers = []
        for i in range(12):
            j = i % 2
            co, svc, model = self.companies[j], self.services[j], self.models[j]
            day = FIRST + dt.timedelta(days=rng.randint(0, 200))
            kind = rng.choice(["model-release", "general-availability"])
            target = svc if i < 4 else model if i < 8 else rng.choice([svc, model])
            ev = f.event(f"{co} offers {target} ({i})", kind, co, day, after=self._after(day, offers))
            pid = self.id("offer", i)
            rule = {"id": f"{pid}-use", "target": [target], "assignee": "everyone"}
            if i >= 8:
                rule["constraints"] = [{"left": "deliveryChannel", "operator": "isPartOf", "right": svc}] \
                    if target == svc else []
            f.policy(pid, f"{co}'s offer of {target}", co, ev["sources"], type="offer", permissions=[rule])
            ev["enacts"] = [pid]
            offers.append(ev)
        events += offers
        staffers = [a for a in self.authorities]
        weights = [{"government": 25, "ministry": 18, "regulator": 17, "state-government": 40}[a["kind"]]
                   for a in staffers]
        # A. staff bans with device and purpose scopes (105), 10% with a same-act exemption
        for i in range(105):
            a = rng.choices(staffers, weights)[0]
            day = self._day()
            target = self._target()
            ev = f.event(f"{a['id']} bars {target} for its staff ({i})", "access-ban", a["id"], day,
                         after=self._after(day, events), jurisdiction=a["jurisdiction"], legal_basis="national-security",
                         affects=[target])
            pid = self.id("ban", i)
            permissions = []
            if rng.random() < 0.10:
                permissions.append({"id": f"{pid}-exemption", "target": [target], "assignee": a["staff"],
                                    "constraints": [{"left": "memberOf", "operator": "isPartOf", "right": self.exempted}]})
            f.policy(pid, f"{a['id']}'s ban on {target} for its staff", a["id"], ev["sources"], permissions=permissions,
                     prohibitions=[{"id": f"{pid}-staff", "target": [target], "assignee": a["staff"],
                                    "constraints": self._scope(a)}])
            ev["enacts"] = [pid]
            events.append(ev)
            self.bans.append((ev, f.records["policies"][-1], a))
        # B. regulators' limitations on everyone in their country (8), 3 on a new download only
        regulators = [a for a in self.authorities if a["kind"] == "regulator"]
        public = []
        for i in range(8):
            a = regulators[i % len(regulators)]
            day = self._day()
            target = GLOBAL["deepnorth"] if i < 5 else rng.choice([GLOBAL["chatwise"], *self.services])
            ev = f.event(f"{a['id']} limits {target} for users in {a['country']} ({i})",
                         rng.choice(["processing-limitation", "access-restriction", "access-ban"]), a["id"], day,
                         jurisdiction=a["country"], legal_basis="privacy", affects=[target])
            pid = self.id("limit", i)
            scope = [{"left": "spatial", "operator": "eq", "right": a["country"]}]
            if i < 3:
                scope.append({"left": "deliveryChannel", "operator": "isPartOf", "right": "syn-deepnorth-app-new-download"})
            f.policy(pid, f"{a['id']}'s limitation of {target}", a["id"], ev["sources"],
                     prohibitions=[{"id": f"{pid}-users", "target": [target], "assignee": "everyone",
                                    "constraints": scope}])
            ev["enacts"] = [pid]
            public.append((ev, pid, a, target, day))
            events.append(ev)
        # B'. a provider's suspension made to comply with a regulator's act (3), and its end
        for i in range(3):
            order, _, a, target, day = public[3 + i] if 3 + i < len(public) else public[-1]
            provider = "syn-deepnorth" if target == GLOBAL["deepnorth"] else "syn-chatwise" \
                if target == GLOBAL["chatwise"] else self.companies[self.services.index(target)]
            later = (order["when"].get("latest") or day) + dt.timedelta(days=rng.randint(1, 5))
            ev = f.event(f"{provider} suspends {target} in {a['country']} ({i})", "access-suspension", provider, later,
                         after=[order["id"]], at_request_of=a["id"], jurisdiction=a["country"], affects=[target])
            pid = self.id("suspension", i)
            f.policy(pid, f"{provider} suspends {target} in {a['country']}", provider, ev["sources"],
                     complies_with=[order["id"]],
                     prohibitions=[{"id": f"{pid}-users", "target": [target], "assignee": "everyone",
                                    "constraints": [{"left": "spatial", "operator": "eq", "right": a["country"]}]}])
            ev["enacts"] = [pid]
            events.append(ev)
            back = (ev["when"].get("latest") or later) + dt.timedelta(days=rng.randint(20, 120))
            events.append(f.event(f"{provider} reinstates {target} in {a['country']} ({i})", "access-reinstatement",
                                  provider, back, after=[ev["id"]], ends=[pid], affects=[target]))
        # C. liftings of regulators' limitations (3)
        for i in range(3):
            order, pid, a, target, day = public[i]
            back = (order["when"].get("latest") or day) + dt.timedelta(days=rng.randint(30, 200))
            events.append(f.event(f"{a['id']} lifts its limitation of {target} ({i})", "restriction-lifting", a["id"],
                                  back, after=[order["id"]], ends=[pid], affects=[target]))
        # D. approvals and procurement that widen access for the staff (40); a quarter end a ban
        for i in range(40):
            ban = rng.choice(self.bans) if rng.random() < 0.5 else None
            a = ban[2] if ban else rng.choices(staffers, weights)[0]
            target = ban[1]["prohibitions"][0]["target"][0] if ban else rng.choice(
                [GLOBAL["chatwise"], GLOBAL["claudia"], *self.services])
            base = (ban[0]["when"].get("latest") or FIRST) + dt.timedelta(days=rng.randint(10, 300)) if ban else self._day()
            ends = [ban[1]["id"]] if ban and rng.random() < 0.5 else []
            kind = "approval" if rng.random() < 0.45 else "procurement"
            ev = f.event(f"{a['id']} clears {target} for its staff ({i})", kind, a["id"], base,
                         after=[ban[0]["id"]] if ban else self._after(base, events), ends=ends,
                         jurisdiction=a["jurisdiction"], affects=[target])
            pid = self.id("approval", i)
            rule = {"id": f"{pid}-staff", "target": [target], "assignee": a["staff"]}
            x = rng.random()
            if x < 0.4:
                rule["constraints"] = [{"left": "device", "operator": "eq", "right": "work"}]
            elif x < 0.55:
                rule["constraints"] = [{"left": "memberOf", "operator": "isPartOf", "right": self.pilot}]
            f.policy(pid, f"{a['id']} clears {target} for its staff", a["id"], ev["sources"], permissions=[rule])
            ev["enacts"] = [pid]
            events.append(ev)
        # E. providers' own terms (10): supported-country lists and geoblocks, dated by the page
        countries = _places()[0]
        for i in range(10):
            key = rng.choice(["deepnorth", "chatwise", "claudia", "local"])
            provider, target = (self.companies[0], self.services[0]) if key == "local" else (f"syn-{key}", GLOBAL[key])
            day = self._day()
            ev = f.event(f"{provider}'s terms for {target} ({i})", "provider-terms", provider, day, disputed=0.02,
                         affects=[target])
            ev["when"].pop("earliest", None)  # a provider's list is undated: the page gives an upper bound only
            ev["when"]["precision"] = "unknown"
            ev["when"]["text"] = f"currently, as the page of {_day_text(ev['when']['latest'])} shows"
            for v in ev.get("variants", []):
                v["when"].pop("earliest", None)
                v["when"]["precision"] = "unknown"
            pid = self.id("terms", i)
            if i % 2 == 0:
                listed = sorted(rng.sample(countries, 12))
                f.policy(pid, f"{provider}'s supported countries for {target}", provider, ev["sources"], type="offer",
                         permissions=[{"id": f"{pid}-listed", "target": [target], "assignee": "everyone",
                                       "constraints": [{"left": "spatial", "operator": "isAnyOf", "right": listed}]}])
            else:
                f.policy(pid, f"{provider} geoblocks {target}", provider, ev["sources"],
                         prohibitions=[{"id": f"{pid}-blocked", "target": [target], "assignee": "everyone",
                                        "constraints": [{"left": "spatial", "operator": "eq",
                                                         "right": rng.choice(countries)}]}])
            ev["enacts"] = [pid]
            events.append(ev)
        # G. export controls on a provider (2), extraterritorial, and a licence exemption (1)
        govs = [a for a in self.authorities if a["kind"] == "government"]
        for i in range(2):
            a = govs[i % len(govs)]
            target = rng.choice(self.models + ["syn-deepnorth-r1", "syn-claudia-5"])
            co = rng.choice(self.companies)
            day = self._day()
            ev = f.event(f"{a['id']} controls exports of {target} ({i})", "export-control-directive", a["id"], day,
                         jurisdiction=a["country"], legal_basis="export-control", affects=[target])
            pid = self.id("export", i)
            f.policy(pid, f"{a['id']}'s export control on {target}", a["id"], ev["sources"],
                     prohibitions=[{"id": f"{pid}-provider", "target": [target], "assignee": co, "action": "distribute",
                                    "extraterritorial": {"text": "(synthetic)", "source": ev["sources"][0]}}])
            ev["enacts"] = [pid]
            events.append(ev)
            if i == 0:
                later = (ev["when"].get("latest") or day) + dt.timedelta(days=rng.randint(10, 90))
                ex = f.event(f"{a['id']} exempts the pilot from its export control ({i})", "licence-exemption", a["id"],
                             later, after=[ev["id"]], jurisdiction=a["country"], affects=[target])
                f.policy(self.id("exemption", i), f"{a['id']}'s licence exemption", a["id"], ex["sources"],
                         permissions=[{"id": f"{pid}-exempt", "target": [target], "assignee": co, "action": "distribute",
                                       "extraterritorial": {"text": "(synthetic)", "source": ex["sources"][0]},
                                       "constraints": [{"left": "recipient", "operator": "isPartOf", "right": self.pilot}]}])
                ex["enacts"] = [self.id("exemption", i)]
                events.append(ex)
        # H. events without rules (investigations, fines, advisories: 30) and statements (40)
        for i in range(30):
            a = rng.choice(self.authorities)
            events.append(f.event(f"{a['id']} acts on {self._target()} without a rule ({i})",
                                  rng.choice(["investigation", "fine", "advisory", "bill"]), a["id"], self._day(),
                                  disputed=0.05))
        for i in range(40):
            target = self._target()
            day = self._day()
            src = f.page(day, f"What users saw of {target} ({i})")
            cc = rng.choice(self.authorities)["country"]
            f.add("statements", id=self.id("statement", i), label=f"{target} was reachable in {cc} ({i})",
                  kind=rng.choice(["availability", "observation", "claim"]), about=[target],
                  when={"text": _day_text(day), "earliest": day, "latest": day, "precision": "day"},
                  text=f"Users in {cc} could still reach {target} (synthetic).", place=cc, sources=[src])


# -- one model with many rules: nationality, place and employer all open -------------------------------

def thousand_file(n_rules: int, seed: int) -> _File:
    """One model with ``n_rules`` rules from 50 authorities, as 5 rules a policy: staff bans with a
    nationality condition, bans and offers on places, bans on nationalities, permissions for a
    partial group; a fifth of the acts uncertain on :data:`QUESTION_DAY` (a window around it)."""
    f = _File("kilo", random.Random(f"{seed}-thousand"))
    rng = f.rng
    countries, subs = _places()
    src = f.page(FIRST, "The many-rule model (synthetic)")
    f.add("organizations", id="kilo-labs", name="Kilo Labs", kind="company", country="US", sources=[src])
    f.add("models", id="kilo-model", name="Kilo model", aliases=["kilo"], developer="kilo-labs", openness="closed",
          sources=[src])
    f.add("groups", id="kilo-partners", name="Kilo partners", members=["kilo-labs"], min_members=30,
          members_text="thirty partners; one named", sources=[src])
    authorities = []
    federal = sorted(subs)
    for i in range(50):
        if i % 2:
            cc = federal[i % len(federal)]
            code = subs[cc][i % len(subs[cc])]
            kind = "state-government"
        else:
            code = cc = countries[(7 * i) % len(countries)]
            kind = "government"
        oid = f"kilo-auth-{i}"
        f.add("organizations", id=oid, name=f"Authority {i} of {_place_name(code)}", kind=kind, country=cc,
              jurisdiction=code, sources=[src])
        f.add("groups", id=f"{oid}-agencies", name=f"Bodies of authority {i}", defined_by=oid,
              members_text="none named", sources=[src])
        f.add("groups", id=f"{oid}-staff", name=f"Staff of authority {i}", part_of="everyone",
              refinement=[{"left": "employer", "operator": "isPartOf", "right": f"{oid}-agencies"}], sources=[src])
        authorities.append((oid, code, cc))
    question = dt.date.fromisoformat(QUESTION_DAY)
    n_policies = max(1, n_rules // 5)
    for p in range(n_policies):
        oid, code, cc = authorities[p % len(authorities)]
        if rng.random() < 0.2:  # uncertain on the day asked about
            day = question - dt.timedelta(days=rng.randint(1, 20))
        else:
            day = question - dt.timedelta(days=rng.randint(40, 700))
        ev = f.event(f"Authority {p % 50} rules on the Kilo model ({p})", rng.choice(["access-ban", "approval"]), oid,
                     day, disputed=0.05, jurisdiction=code, affects=["kilo-model"])
        if rng.random() < 0.2 and ev["when"]["precision"] == "day":  # keep some uncertain windows
            ev["when"]["earliest"] = day - dt.timedelta(days=15)
            ev["when"]["latest"] = question + dt.timedelta(days=15)
            ev["when"]["precision"] = "unknown"
            ev["when"]["text"] = f"not stated; between {_day_text(ev['when']['earliest'])} and {_day_text(ev['when']['latest'])}"
        permissions, prohibitions = [], []
        for r in range(5 if p < n_policies - 1 else n_rules - 5 * (n_policies - 1)):
            rid = f"kilo-{p}-{r}"
            nat = rng.choice(countries)
            x = rng.random()
            if x < 0.35:
                prohibitions.append({"id": rid, "target": ["kilo-model"], "assignee": f"{oid}-staff", "constraints": [
                    {"left": "device", "operator": "eq", "right": "work"},
                    {"left": "nationality", "operator": "neq", "right": cc}]})
            elif x < 0.55:
                prohibitions.append({"id": rid, "target": ["kilo-model"], "assignee": "everyone", "constraints": [
                    {"left": "spatial", "operator": "eq", "right": code}]})
            elif x < 0.70:
                prohibitions.append({"id": rid, "target": ["kilo-model"], "assignee": "everyone", "constraints": [
                    {"left": "nationality", "operator": "eq", "right": nat},
                    {"left": "spatial", "operator": "eq", "right": code}]})
            elif x < 0.90:
                permissions.append({"id": rid, "target": ["kilo-model"], "assignee": f"{oid}-staff", "constraints": [
                    {"left": "nationality", "operator": "isAnyOf", "right": sorted({cc, nat})}]})
            else:
                permissions.append({"id": rid, "target": ["kilo-model"], "assignee": "kilo-partners", "constraints": [
                    {"left": "spatial", "operator": "isAnyOf", "right": sorted({code, rng.choice(countries)})}]})
        pid = f"kilo-policy-{p}"
        f.policy(pid, f"Authority {p % 50}'s rules on the Kilo model ({p})", oid, ev["sources"],
                 permissions=permissions, prohibitions=prohibitions)
        ev["enacts"] = [pid]
    ev = f.event("Kilo Labs offers the Kilo model", "general-availability", "kilo-labs", dt.date(2023, 2, 1),
                 disputed=0, n_pages=1)
    f.policy("kilo-offer", "Kilo Labs offers the Kilo model to anyone", "kilo-labs", ev["sources"], type="offer",
             permissions=[{"id": "kilo-anyone", "target": ["kilo-model"], "assignee": "everyone"}])
    ev["enacts"] = ["kilo-offer"]
    return f


# -- writing and counting ---------------------------------------------------------------------------

def _dump(f: _File, path: Path) -> None:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        yaml.dump(_plain(f.content()), out, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)


def write_record(k: int, out: Path, seed: int = 19, thousand: int = 1000) -> dict:
    """Write the globals, ``k`` blocks and the many-rule model (``thousand`` rules; 0: none) as
    YAML under ``out`` (emptied first); return the counts (:func:`record_counts`)."""
    import shutil

    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _dump(globals_file(seed), out / "globals.yaml")
    for b in range(k):
        _dump(Block(b, seed).f, out / f"block-{b:03d}.yaml")
    if thousand:
        _dump(thousand_file(thousand, seed), out / "thousand.yaml")
    counts = record_counts(out)
    (out.parent / f"{out.name}.json").write_text(json.dumps({"k": k, "seed": seed, "thousand": thousand, **counts},
                                                            indent=2))
    return counts


def record_counts(data_dir: Path, exclude: str = "thousand.yaml") -> dict:
    """What a data directory holds, as the growth is measured against: events that change access
    (``enacts:`` or ``ends:``), policies, rules, rules about the asset most rules name, events with
    ``variants`` and with ``after:``, statements (``exclude``: a file left out, the many-rule model)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    c: Counter = Counter()
    targets: Counter = Counter()
    for path in sorted(Path(data_dir).rglob("*.yaml")):
        if path.name == exclude:
            continue
        d = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        if not isinstance(d, dict):
            continue
        for e in d.get("events") or []:
            c["events"] += 1
            c["access_changing_events"] += bool(e.get("enacts") or e.get("ends"))
            c["disputed_events"] += bool(e.get("variants"))
            c["ordered_events"] += bool(e.get("after"))
        for p in d.get("policies") or []:
            c["policies"] += 1
            for rule in (p.get("permissions") or []) + (p.get("prohibitions") or []):
                c["rules"] += 1
                targets.update(rule.get("target") or [])
        for kind in ("statements", "groups", "organizations", "sources"):
            c[kind] += len(d.get(kind) or [])
    top = targets.most_common(1)
    return {**c, "most_restricted": top[0][0] if top else None, "rules_on_most_restricted": top[0][1] if top else 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--k", type=int, default=1, help="how many times the record (blocks); default 1")
    parser.add_argument("--out", type=Path, required=True, help="directory to write the YAML into (emptied first)")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--thousand", type=int, default=1000, help="rules of the many-rule model (0: leave it out)")
    parser.add_argument("--count", action="store_true", help="also count data/ (the record) for comparison")
    args = parser.parse_args(argv)
    counts = write_record(args.k, args.out, args.seed, args.thousand)
    rows = [("generated", counts)]
    if args.count:
        rows.insert(0, ("data/", record_counts(Path(__file__).resolve().parents[1] / "data")))
    keys = ["access_changing_events", "policies", "rules", "rules_on_most_restricted", "events", "disputed_events",
            "ordered_events", "statements", "groups", "organizations", "sources"]
    print(f"{'':10} " + " ".join(f"{k[:14]:>14}" for k in keys))
    for name, c in rows:
        print(f"{name:10} " + " ".join(f"{c.get(k, 0):>14}" for k in keys))
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
