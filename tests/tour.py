"""The four questions of issue 21, as a small data set the browser tests build in seconds.

A new user was asked four things of the page: may people in Italy use ChatGPT on 15 April 2023;
may an Iowa state employee use DeepSeek on 1 March 2025; who may use Claude Mythos 5 on 1 July 2026;
and when was DeepSeek's app unavailable in South Korea. The seed (``data/*.yaml``) answers the third;
this file adds records shaped after the public record's for the other three (the same ids, the
same scopes: a geoblock in Italy made at the Garante's request, a ban on Iowa state devices, a
suspension of new downloads in Korea), with synthetic quotes and example.org addresses: it is test
data, not the record. The whole public record is too slow to decide in a test (issue 21's report).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from quoting import with_quotes

__all__ = ["TOUR", "tour_data"]

TOUR = with_quotes("""
recorded: 2026-11-24
sources:
  - id: garante-order-page
    title: The Garante limits OpenAI's processing of Italian users' data
    publisher: tour-publisher
    kind: news-article
    date: {text: "31 March 2023", earliest: 2023-03-31, latest: 2023-03-31, precision: day}
    url: https://example.org/garante-chatgpt
    sections: [{id: page, title: The order}]
  - id: openai-italy-page
    title: ChatGPT is back in Italy
    publisher: tour-publisher
    kind: news-article
    date: {text: "28 April 2023", earliest: 2023-04-28, latest: 2023-04-28, precision: day}
    url: https://example.org/chatgpt-back-in-italy
    sections: [{id: page, title: The notice}]
  - id: iowa-page
    title: States that ban DeepSeek on state devices
    publisher: tour-publisher
    kind: news-article
    date: {text: "March 2025", earliest: 2025-03-01, latest: 2025-03-31, precision: month}
    url: https://example.org/states-deepseek
    sections: [{id: page, title: The list}]
  - id: pipc-page
    title: DeepSeek's app suspended in South Korea
    publisher: tour-publisher
    kind: news-article
    date: {text: "17 February 2025", earliest: 2025-02-17, latest: 2025-02-17, precision: day}
    url: https://example.org/pipc-deepseek
    sections: [{id: page, title: The suspension}]
  - id: pipc-return-page
    title: DeepSeek's app is back in South Korean app stores
    publisher: tour-publisher
    kind: news-article
    date: {text: "28 April 2025", earliest: 2025-04-28, latest: 2025-04-28, precision: day}
    url: https://example.org/deepseek-back-in-korea
    sections: [{id: page, title: The return}]
organizations:
  - {id: tour-publisher, name: Tour Daily, kind: publisher, sources: ["garante-order-page#page"]}
  - {id: garante, name: Garante per la protezione dei dati personali, aliases: [Garante], kind: regulator, country: IT,
     jurisdiction: IT, sources: ["garante-order-page#page"]}
  - {id: pipc, name: Personal Information Protection Commission, aliases: [PIPC], kind: regulator, country: KR,
     jurisdiction: KR, sources: ["pipc-page#page"]}
  - {id: iowa, name: State of Iowa, aliases: [Iowa], kind: state-government, country: US, jurisdiction: US-IA,
     sources: ["iowa-page#page"]}
channels:
  - {id: deepseek-service, name: DeepSeek chatbot, aliases: [DeepSeek], kind: service, provider: deepseek,
     sources: ["pipc-page#page"]}
  - {id: deepseek-app, name: DeepSeek app, kind: service, provider: deepseek, part_of: deepseek-service,
     sources: ["pipc-page#page"]}
  - {id: deepseek-app-new-download, name: new download of the DeepSeek app, part_of: deepseek-app, sources: ["pipc-page#page"]}
  - {id: deepseek-app-installed, name: DeepSeek app already installed, part_of: deepseek-app, sources: ["pipc-page#page"]}
  - {id: deepseek-web, name: DeepSeek website, kind: service, provider: deepseek, part_of: deepseek-service,
     sources: ["pipc-page#page"]}
groups:
  - {id: iowa-agencies, name: Iowa state government, defined_by: iowa, members_text: "none named", sources: ["iowa-page#page"]}
  - id: iowa-staff
    name: Employees of the Iowa state government
    part_of: everyone
    refinement: [{left: employer, operator: isPartOf, right: iowa-agencies}]
    sources: ["iowa-page#page"]
events:
  - {id: chatgpt-offered, label: OpenAI offers ChatGPT to everyone, type: model-release, actor: openai,
     when: {text: "30 November 2022", earliest: 2022-11-30, latest: 2022-11-30, precision: day}, status: occurred,
     enacts: [chatgpt-offer], sources: ["garante-order-page#page"]}
  - {id: garante-order, label: The Garante limits OpenAI's processing of Italian users' data, type: access-suspension,
     actor: garante, when: {text: "30 March 2023", earliest: 2023-03-30, latest: 2023-03-30, precision: day},
     status: occurred, enacts: [garante-chatgpt-limitation], legal_basis: privacy, sources: ["garante-order-page#page"]}
  - {id: openai-geoblocks-italy, label: OpenAI disables ChatGPT for users in Italy, type: access-suspension,
     actor: openai, after: [garante-order], when: {text: "31 March 2023", earliest: 2023-03-31, latest: 2023-03-31,
     precision: day}, status: occurred, enacts: [openai-chatgpt-italy-geoblock], sources: ["garante-order-page#page"]}
  - {id: chatgpt-back-in-italy, label: ChatGPT available again in Italy, type: access-reinstatement, actor: openai,
     when: {text: "28 April 2023", earliest: 2023-04-28, latest: 2023-04-28, precision: day}, status: occurred,
     ends: [openai-chatgpt-italy-geoblock, garante-chatgpt-limitation], sources: ["openai-italy-page#page"]}
  - {id: deepseek-offered, label: DeepSeek offers its chatbot, type: model-release, actor: deepseek,
     when: {text: "January 2025", earliest: 2025-01-10, latest: 2025-01-20, precision: month}, status: occurred,
     enacts: [deepseek-offer], sources: ["pipc-page#page"]}
  - {id: iowa-deepseek-ban, label: Iowa bans DeepSeek on state government devices, type: access-ban, actor: iowa,
     when: {text: "19 February 2025", earliest: 2025-02-19, latest: 2025-02-19, precision: day}, status: reported,
     enacts: [iowa-deepseek], sources: ["iowa-page#page"]}
  - {id: kr-pipc-suspends-downloads, label: New downloads of the DeepSeek app suspended in South Korea, type: access-suspension,
     actor: deepseek, when: {text: "15 February 2025", earliest: 2025-02-15, latest: 2025-02-15, precision: day},
     status: reported, enacts: [kr-deepseek-download-suspension], legal_basis: privacy, sources: ["pipc-page#page"]}
  - {id: kr-downloads-resume, label: DeepSeek's app available for download again in South Korea, type: access-reinstatement,
     actor: deepseek, when: {text: "28 April 2025", earliest: 2025-04-28, latest: 2025-04-28, precision: day},
     status: reported, ends: [kr-deepseek-download-suspension], sources: ["pipc-return-page#page"]}
policies:
  - {id: chatgpt-offer, label: Anyone may use ChatGPT, assigner: openai, status: occurred, sources: ["garante-order-page#page"],
     permissions: [{id: anyone-may-use-chatgpt, target: [chatgpt], assignee: everyone}]}
  - id: garante-chatgpt-limitation
    label: Provisional limitation of OpenAI's processing of the data of users in Italy
    assigner: garante
    status: reported
    prohibitions:
      - {id: garante-no-chatgpt-in-italy, target: [chatgpt], assignee: openai, action: distribute,
         constraints: [{left: spatial, operator: eq, right: IT}]}
    sources: ["garante-order-page#page"]
  - id: openai-chatgpt-italy-geoblock
    label: ChatGPT disabled for users in Italy (OpenAI's geoblock)
    assigner: openai
    status: reported
    prohibitions:
      - {id: openai-no-chatgpt-in-italy, target: [chatgpt], assignee: everyone,
         constraints: [{left: spatial, operator: eq, right: IT}]}
    sources: ["garante-order-page#page"]
  - {id: deepseek-offer, label: Anyone may use DeepSeek's chatbot, assigner: deepseek, status: occurred, sources: ["pipc-page#page"],
     permissions: [{id: anyone-may-use-deepseek, target: [deepseek-service], assignee: everyone}]}
  - id: iowa-deepseek
    label: Iowa bans DeepSeek on state government devices
    assigner: iowa
    status: reported
    prohibitions:
      - {id: iowa-staff-no-deepseek, target: [deepseek-service], assignee: iowa-staff,
         constraints: [{left: device, operator: eq, right: work}]}
    sources: ["iowa-page#page"]
  - id: kr-deepseek-download-suspension
    label: New downloads of the DeepSeek app suspended in South Korea
    assigner: deepseek
    status: reported
    prohibitions:
      - {id: no-new-deepseek-downloads-in-korea, target: [deepseek-service], assignee: everyone,
         constraints: [{left: spatial, operator: eq, right: KR}, {left: deliveryChannel, operator: eq, right: deepseek-app-new-download}]}
    sources: ["pipc-page#page"]
""")


def tour_data(root: Path) -> Path:
    """A data directory with the seed's own files and the tour's (returns the directory)."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    for f in sorted((Path(__file__).resolve().parents[1] / "data").glob("*.yaml")):
        shutil.copy(f, data / f.name)
    (data / "tour.yaml").write_text(TOUR, encoding="utf-8")
    return data
