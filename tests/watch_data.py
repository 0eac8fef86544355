"""A small data set for the watchlist, report, feed and propose tests (issue 22), written here in the
authoring format, and the answers a compliance officer expects from its rules.

A chatbot service, "Parley", is offered to anyone from 10 January 2025 (its provider's offer).
Then, each dated to the day:

* **Italy: deny from a date, then a lift.** The Garante bars everyone in Italy from Parley on
  30 January 2025; it lifts the ban on 29 April 2025. By the time rule, an act dated to one day is
  uncertain on that day: a party in Italy gets permit to 29 January, indeterminate on 30 January,
  deny from 31 January to 28 April, indeterminate on 29 April, permit from 30 April.
* **Korea: a disputed date.** The PIPC bars everyone in Korea from Parley; one page dates it
  15 February 2025, another 17 February, and no page prevails. A party in Korea gets permit to
  14 February, indeterminate from 15 to 17 February (on the 16th and 17th only because the pages
  disagree), deny from 18 February.
* **Texas: a device-conditional answer.** Texas bars its agencies' employees from Parley on
  state-issued devices from 3 February 2025. An employee of a Texas agency asked with no device
  gets indeterminate from 4 February: deny on a work device, permit on a personal one; asked on a
  work device, deny; on a personal one, permit.
"""

from __future__ import annotations

from pathlib import Path

S = '["record#s1"]'


def q(text: str, source: str = "record#s1") -> str:
    """A quote in flow style: the words of the synthetic page."""
    return '{text: "' + text + '", source: "' + source + '"}'


DATA = f"""
recorded: 2026-12-07
sources:
  - id: record
    title: A synthetic record of acts on a chatbot
    publisher: tester
    kind: web-page
    language: en
    date: {{text: "2025", earliest: 2025-01-01, latest: 2025-06-30, precision: half-year}}
    url: https://example.org/record
    sections: [{{id: s1, title: Acts}}]
  - id: other-page
    title: Another page on the Korean ban
    publisher: tester
    kind: news-article
    date: {{text: "February 2025", earliest: 2025-02-17, latest: 2025-02-28, precision: month}}
    url: https://example.org/other
organizations:
  - {{id: tester, name: Tester, kind: publisher, sources: {S}}}
  - {{id: parley-inc, name: Parley Inc, kind: company, country: US, sources: {S}}}
  - {{id: garante, name: Garante, kind: regulator, country: IT, jurisdiction: IT, sources: {S}}}
  - {{id: pipc, name: PIPC, kind: regulator, country: KR, jurisdiction: KR, sources: {S}}}
  - {{id: texas, name: State of Texas, kind: state-government, country: US, jurisdiction: US-TX, sources: {S}}}
models:
  - {{id: parley-1, name: Parley 1, developer: parley-inc, sources: {S}}}
channels:
  - {{id: parley, name: Parley, kind: service, provider: parley-inc, offers: [parley-1], sources: {S}}}
groups:
  - {{id: everyone, name: Everyone, universal: true, sources: {S}}}
  - {{id: texas-agencies, name: Texas state agencies, defined_by: texas, sources: {S}}}
  - id: texas-staff
    name: Employees of Texas state agencies
    part_of: everyone
    refinement: [{{left: employer, operator: isPartOf, right: texas-agencies}}]
    sources: {S}
events:
  - {{id: parley-launch, label: Parley Inc offers Parley to anyone, type: model-release, actor: parley-inc,
     when: {{text: "10 January 2025", earliest: 2025-01-10, latest: 2025-01-10, precision: day,
             quote: {q("Parley opened to the public on 10 January 2025")}}}, status: occurred,
     enacts: [parley-offer], sources: {S}}}
  - {{id: garante-ban, label: The Garante bars Parley in Italy, type: access-ban, actor: garante,
     when: {{text: "30 January 2025", earliest: 2025-01-30, latest: 2025-01-30, precision: day,
             quote: {q("On 30 January 2025 the Garante ordered Parley blocked in Italy")}}}, status: occurred,
     enacts: [garante-policy], sources: {S}}}
  - {{id: garante-lift, label: The Garante lifts its ban on Parley, type: restriction-lifting, actor: garante,
     when: {{text: "29 April 2025", earliest: 2025-04-29, latest: 2025-04-29, precision: day,
             quote: {q("The Garante lifted the block on 29 April 2025")}}}, status: occurred,
     ends: [garante-policy], sources: {S}}}
  - id: pipc-ban
    label: The PIPC bars Parley in Korea
    type: access-ban
    actor: pipc
    when: {{text: "15 February 2025", earliest: 2025-02-15, latest: 2025-02-15, precision: day,
           quote: {q("The PIPC barred Parley in Korea on 15 February 2025")}}}
    status: occurred
    enacts: [pipc-policy]
    sources: {S}
    variants:
      - sources: ["other-page#page"]
        when: {{text: "17 February 2025", earliest: 2025-02-17, latest: 2025-02-17, precision: day,
               quote: {q("the ban took effect on 17 February", "other-page#page")}}}
  - {{id: texas-ban, label: Texas bars Parley on state devices, type: access-ban, actor: texas,
     when: {{text: "3 February 2025", earliest: 2025-02-03, latest: 2025-02-03, precision: day,
             quote: {q("From 3 February 2025 Parley is barred on state-issued devices")}}}, status: occurred,
     enacts: [texas-policy], sources: {S}}}
policies:
  - {{id: parley-offer, label: Anyone may use Parley, type: offer, assigner: parley-inc, status: occurred, sources: {S},
     permissions: [{{id: anyone-may-use-parley, target: [parley], assignee: everyone,
                     quote: {q("anyone may use Parley")}}}]}}
  - {{id: garante-policy, label: No one in Italy may use Parley, assigner: garante, status: occurred, sources: {S},
     prohibitions: [{{id: no-parley-in-italy, target: [parley], assignee: everyone, quote: {q("Parley blocked in Italy")},
                      constraints: [{{left: spatial, operator: eq, right: IT, quote: {q("in Italy")}}}]}}]}}
  - {{id: pipc-policy, label: No one in Korea may use Parley, assigner: pipc, status: occurred, sources: {S},
     prohibitions: [{{id: no-parley-in-korea, target: [parley], assignee: everyone, quote: {q("Parley barred in Korea")},
                      constraints: [{{left: spatial, operator: eq, right: KR, quote: {q("in Korea")}}}]}}]}}
  - {{id: texas-policy, label: No Parley on Texas state devices, assigner: texas, status: occurred, sources: {S},
     prohibitions: [{{id: no-parley-on-texas-devices, target: [parley], assignee: texas-staff,
                      quote: {q("state employees may not use Parley")},
                      constraints: [{{left: device, operator: eq, right: work, quote: {q("on state-issued devices")}}}]}}]}}
"""

WATCHLIST = """\
title: Parley watch
parties:
  - {id: milan, label: Milan office, employer: Acme Italia, place: IT}
  - {id: seoul, label: Seoul office, employer: Acme Korea, place: KR}
  - {id: austin, label: Texas agency staff, employer: Texas state agencies, place: US-TX}
  - {id: austin-work, label: Texas agency staff on state devices, employer: Texas state agencies, place: US-TX,
     device: work}
models: [Parley]
"""

#: The answers of the rules above, by party and date (written from the rules, before running regkg).
EXPECTED = {
    ("milan", "2025-01-29"): "permit", ("milan", "2025-01-30"): "indeterminate", ("milan", "2025-02-01"): "deny",
    ("milan", "2025-04-28"): "deny", ("milan", "2025-04-29"): "indeterminate", ("milan", "2025-04-30"): "permit",
    ("seoul", "2025-02-14"): "permit", ("seoul", "2025-02-15"): "indeterminate",
    ("seoul", "2025-02-16"): "indeterminate", ("seoul", "2025-02-17"): "indeterminate",
    ("seoul", "2025-02-18"): "deny",
    ("austin", "2025-02-02"): "permit", ("austin", "2025-02-04"): "indeterminate",
    ("austin-work", "2025-02-02"): "permit", ("austin-work", "2025-02-03"): "indeterminate",
    ("austin-work", "2025-02-04"): "deny",
}

#: The changes between 1 January and 31 May 2025, by party: (date, before, after).
CHANGES = {
    "milan": [("2025-01-10", "not_applicable", "indeterminate"), ("2025-01-11", "indeterminate", "permit"),
              ("2025-01-30", "permit", "indeterminate"), ("2025-01-31", "indeterminate", "deny"),
              ("2025-04-29", "deny", "indeterminate"), ("2025-04-30", "indeterminate", "permit")],
    "seoul": [("2025-01-10", "not_applicable", "indeterminate"), ("2025-01-11", "indeterminate", "permit"),
              ("2025-02-15", "permit", "indeterminate"), ("2025-02-18", "indeterminate", "deny")],
    "austin-work": [("2025-01-10", "not_applicable", "indeterminate"), ("2025-01-11", "indeterminate", "permit"),
                    ("2025-02-03", "permit", "indeterminate"), ("2025-02-04", "indeterminate", "deny")],
}


def write_data(root: Path) -> tuple[Path, Path]:
    """The data directory and a home to build it in, under ``root``."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "record.yaml").write_text(DATA)
    return data, root / "home"
