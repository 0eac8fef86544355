"""Decision rows of the public record's round two outside the United States (issue 20 §2): one
question per access-changing event added in Canada, Indonesia, Malaysia, the Philippines, South
Korea (round-two.yaml), Japan (round-two.yaml), Germany, Denmark, Norway, Sweden, Lithuania, the
European Parliament, Western Australia, the ACT, the Northern Territory and Turkey (round-two.yaml). Same tuple shape as
``tests/test_public_record.py``'s ROWS: event id, asset, the question's options, date, expected
decision, the (effect, event) the evidence must hold, and a page the event cites.

Each expected answer is written from the rule first, as a compliance officer would read it. A
government's ban on its own staff is asked as an employee of that government, on a work device
(``--device work``) or for work (``--purpose work``) when the rule is scoped so; a national block is
asked as a use in the place, through the channel the rule names. The engine on this branch reads
neither ``device`` nor ``purpose`` and has no ``--device``/``--purpose`` option yet (issue 19): those
rows are marked xfail, not strict, with the rule they wait for.

``YARDSTICK`` maps the government bans Surfshark's chart "AI chatbot restrictions" counts (14 bans
of ChatGPT, Grok and DeepSeek in 13 countries) to events of the record: ``NAMED`` are the bans its
stored excerpt and relays name or describe; ``CANDIDATES`` the other national governments' bans of
these services the record holds, among which the chart's unnamed ones must be (its per-country list
is not in the stored copy). ``tests/test_record_yardstick.py`` checks them.
"""

from __future__ import annotations

import pytest

DEEPSEEK = "DeepSeek chatbot service"
DEVICE = "issue 19: device constraint (rule scoped to work devices; no --device option yet)"
PURPOSE = "issue 19: purpose constraint (rule scoped to use for work; no --purpose option yet)"


def on_device(event, employer, place, on, page, asset=DEEPSEEK, expected="deny", line="deny"):
    """A staff ban scoped to work devices, asked for a work device (xfail until issue 19)."""
    options = ["--employer", employer, "--device", "work"] + (["--in", place] if place else [])
    return pytest.param(event, asset, options, on, expected, line, page, marks=pytest.mark.xfail(reason=DEVICE, strict=False),
                        id=event)


def for_work(event, employer, place, on, page, asset=DEEPSEEK):
    """A staff ban scoped to use for work, asked for work (xfail until issue 19)."""
    options = ["--employer", employer, "--purpose", "work", "--in", place]
    return pytest.param(event, asset, options, on, "deny", "deny", page, marks=pytest.mark.xfail(reason=PURPOSE, strict=False),
                        id=event)


ROWS = [
    # Canada: the federal CIO's memo (SSC-managed devices), B.C., Quebec (for work), Ontario's approval.
    on_device("ca-cio-deepseek-memo-2025", "ca-ssc-supported-organizations", "CA", "2025-02-10", "epochtimes-ca-deepseek"),
    on_device("bc-deepseek-block-2025", "bc-ministries", "CA-BC", "2025-02-10", "thetyee-bc"),
    # Quebec's suspension of generative AI in public bodies (13 March 2025; DeepSeek named), asked for work by staff
    # without the express approval it exempts; lifted on 19 December 2025, after which no act of Quebec's applies and
    # the answer is DeepSeek's own offer to anyone (permit), with the suspension shown as ended.
    pytest.param("qc-deepseek-public-bodies-ban-2025", DEEPSEEK,
                 ["--employer", "qc-public-bodies", "--purpose", "work", "--in", "CA-QC",
                  "--not-member-of", "qc-staff-with-express-approval"], "2025-06-01", "deny", "deny", "pmeconforme-qc-iag",
                 marks=pytest.mark.xfail(reason=PURPOSE, strict=False), id="qc-deepseek-public-bodies-ban-2025"),
    ("qc-mcn-lifts-generative-ai-suspension-2025", DEEPSEEK, ["--employer", "qc-public-bodies", "--purpose", "work",
     "--in", "CA-QC"], "2026-01-15", "permit", "ended", "newswire-qc-mcn-iag"),
    ("on-copilot-chat-approved-for-ops", "Microsoft Copilot Chat", ["--employer", "on-ops", "--in", "CA-ON"], "2026-06-01",
     "permit", "permit", "channellife-on"),
    # Grok: Indonesia (its app and website, not Grok inside X), Malaysia, the Philippines, and the lifts.
    ("id-komdigi-blocks-grok-2026", "Grok", ["--in", "ID", "--channel", "Grok app"], "2026-01-12", "deny", "deny",
     "okezone-id-grok-block"),
    # After the lifting no rule on Grok applies in Indonesia (the record holds no offer of Grok's own).
    ("id-komdigi-restores-grok-2026", "Grok", ["--in", "ID", "--channel", "Grok app", "--employer", "none"], "2026-03-01", "not_applicable",
     "ended", "garuda-id-grok-reopen"),
    ("my-mcmc-restricts-grok-2026", "Grok", ["--in", "MY"], "2026-01-15", "deny", "deny", "malaymail-my-grok"),
    ("my-mcmc-lifts-grok-restriction-2026", "Grok", ["--in", "MY", "--employer", "none"], "2026-02-01", "not_applicable", "ended",
     "vellatimes-my-grok-lift"),
    # The block's date is disputed (15 or 16 January): by the 18th both accounts have it in force.
    ("ph-ntc-blocks-grok-2026", "Grok", ["--in", "PH"], "2026-01-18", "deny", "deny", "mb-ph-grok-lift"),
    # Whether the ban was lifted on 21 January or only promised that day is disputed, and no page
    # gives the day access came back: open, naming the lifting.
    ("ph-grok-ban-lifted-2026", "Grok", ["--in", "PH"], "2026-03-01", "indeterminate", "ended", "ph-dpa-grok-lift"),
    # South Korea, round two: public corporations, commissions, ministries, prosecutors, local governments.
    on_device("kr-khnp-bans-deepseek-2025", "kr-khnp", "KR", "2025-02-10", "chosun-kr-khnp"),
    on_device("kr-kepco-kps-bans-deepseek-2025", "kr-kepco-kps", "KR", "2025-02-10", "chosun-kr-khnp"),
    on_device("kr-eximbank-blocks-deepseek-2025", "kr-eximbank", "KR", "2025-02-10", "sooji2-sedaily-kr"),
    on_device("kr-fsc-blocks-deepseek-2025", "kr-fsc", "KR", "2025-02-10", "khan-kr-ministries"),
    # The FSC's ChatGPT block is undated; it was in force on 6 February 2025.
    on_device("kr-fsc-blocks-chatgpt", "kr-fsc", "KR", "2025-02-10", "khan-kr-ministries", asset="ChatGPT"),
    on_device("kr-ftc-blocks-deepseek-2025", "kr-ftc", "KR", "2025-02-10", "sbs-kr-ministries"),
    on_device("kr-cio-blocks-deepseek-2025", "kr-cio", "KR", "2025-02-10", "news1-kr-cio"),
    on_device("kr-spo-blocks-deepseek-2025", "kr-spo", "KR", "2025-02-10", "newsis-kr-spo"),
    on_device("kr-more-ministries-block-deepseek-2025-02-06", "kr-mohw", "KR", "2025-02-10", "sbs-kr-ministries"),
    on_device("kr-mou-blocks-deepseek-2025", "kr-mou", "KR", "2025-02-10", "odigital-yonhap-kr-mou"),
    # Pages disagree: the block done (JoongAng), due that day (Seoul Economic Daily, planned): open.
    on_device("kr-moef-blocks-deepseek-2025", "kr-moef", "KR", "2025-02-10", "kollo-joongang-kr", expected="indeterminate"),
    on_device("kr-daegu-blocks-deepseek-2025", "kr-daegu", "KR-27", "2025-02-10", "imaeil-kr-local"),
    on_device("kr-gyeongbuk-blocks-deepseek-2025", "kr-gyeongbuk", "KR-47", "2025-02-10", "imaeil-kr-local"),
    on_device("kr-gwangju-blocks-deepseek-2025", "kr-gwangju", "KR-29", "2025-02-10", "jnilbo-kr-local"),
    on_device("kr-jeonnam-blocks-deepseek-2025", "kr-jeonnam-bodies", "KR-46", "2025-02-10", "jnilbo-kr-local"),
    on_device("kr-seoul-blocks-deepseek-2025", "kr-seoul", "KR-11", "2025-02-10", "news1-kr-local"),
    on_device("kr-incheon-blocks-deepseek-2025", "kr-incheon", "KR-28", "2025-02-10", "news1-kr-local"),
    on_device("kr-gyeonggi-blocks-deepseek-2025", "kr-gyeonggi", "KR-41", "2025-02-10", "news1-kr-local"),
    on_device("kr-jeju-blocks-deepseek-2025", "kr-jeju", "KR-49", "2025-02-10", "news1-kr-local"),
    on_device("kr-chungbuk-blocks-deepseek-2025", "kr-chungbuk", "KR-43", "2025-02-10", "news1-kr-chungbuk"),
    on_device("kr-cheongju-blocks-deepseek-2025", "kr-cheongju", "KR-43", "2025-02-10", "news1-kr-chungbuk"),
    on_device("kr-sejong-blocks-deepseek-2025", "kr-sejong", "KR-50", "2025-02-10", "news1-kr-chungbuk"),
    # Denmark: the Folketing, three regions (the Capital Region's page is undated).
    on_device("dk-folketing-bans-deepseek-2025", "dk-folketing", "DK", "2025-03-15", "aa-dk-folketing"),
    on_device("dk-region-hovedstaden-blocks-deepseek-2025", "dk-region-hovedstaden", "DK-84", "2026-12-08",
              "berlingske-dk-regionh"),
    on_device("dk-region-nordjylland-blocks-deepseek-2025", "dk-region-nordjylland", "DK-81", "2025-02-15",
              "nyhed24-dk-regions"),
    on_device("dk-region-midtjylland-blocks-deepseek-2025", "dk-region-midtjylland", "DK-82", "2025-02-15",
              "nyhed24-dk-regions"),
    # Norway: NSM, the Storting, the Armed Forces (undated page); Sweden's Government Offices (for work).
    on_device("no-nsm-bans-deepseek-2025", "no-nsm", "NO", "2025-02-10", "finansavisen-no-nsm"),
    on_device("no-storting-bans-deepseek-2025", "no-storting", "NO", "2025-02-20", "famagusta-no-storting"),
    on_device("no-armed-forces-ban-deepseek-2025", "no-armed-forces", "NO", "2026-12-08", "worldtodaynews-no-fsa"),
    for_work("se-government-offices-limit-deepseek-2025", "se-government-offices", "SE", "2025-03-01",
             "swedenherald-se-deepseek"),
    # Lithuania's Seimas office; the European Parliament's built-in AI features (its rule follows its staff).
    on_device("lt-seimas-office-bans-deepseek-2025", "lt-seimas-office", "LT", "2025-02-20", "posttruth-lt-seimas"),
    on_device("ep-disables-built-in-ai-2026", "eu-parliament", None, "2026-03-01", "newsbytes-ep-ai",
              asset="built-in AI features"),
    # Australia's states and territories (WA's and the ACT's dates are not given: certain after the page's window).
    on_device("au-wa-deepseek-direction-2025", "wa-government-entities", "AU-WA", "2026-11-30", "cybernoz-itnews-states"),
    on_device("au-act-deepseek-ban-2025", "act-government-agencies", "AU-ACT", "2026-11-30", "cybernoz-itnews-states"),
    on_device("au-nt-deepseek-instruction-2025", "nt-government-agencies", "AU-NT", "2025-02-10", "newsbite-heraldsun-nt"),
    # Japan, round two: Yokohama (for work, any device), Chiba City (for work), Tottori's filter on off-the-shelf
    # generative AI since February 2023 (ChatGPT asked about, in mid-2023).
    # Yokohama bans DeepSeek for city work (業務使用), not only on its filtered work PCs: city work on a personal device
    # is banned too (the fidelity check of 2026-12-07 widened the rule to or(purpose = work, device = work)).
    pytest.param("jp-yokohama-deepseek-ban-2025", DEEPSEEK, ["--employer", "jp-yokohama", "--purpose", "work", "--device",
                 "personal", "--in", "JP-14"], "2025-02-20", "deny", "deny", "plusweb3-jp-yokohama",
                 marks=pytest.mark.xfail(reason=PURPOSE, strict=False), id="jp-yokohama-deepseek-ban-2025"),
    for_work("jp-chiba-city-deepseek-ban-2025", "jp-chiba-city", "JP-12", "2025-02-20", "plusweb3-jp-chiba"),
    on_device("jp-tottori-blocks-genai-2023", "jp-tottori", "JP-31", "2023-06-01", "japanviral-ntv-tottori", asset="ChatGPT"),
    # Germany: federal ministries' and Bavaria's rules (undated: certain after the page was read), and
    # North Rhine-Westphalia's decree letting its finance administration use ChatGPT for work.
    for_work("de-bmf-bars-online-text-genai", "de-bmf", "DE", "2026-12-08", "frankenpost-de-dpa", asset="ChatGPT"),
    for_work("de-bmwk-allow-list-excludes-deepseek", "de-bmwk", "DE", "2026-12-08", "frankenpost-de-dpa"),
    on_device("de-by-stmi-bars-deepseek", "de-by-stmi", "DE-BY", "2026-12-08", "frankenpost-de-dpa"),
    pytest.param("de-nw-finance-ai-decree-2025", "ChatGPT",
                 ["--employer", "de-nw-finance-administration", "--purpose", "work", "--in", "DE-NW"], "2025-06-01", "permit",
                 "permit", "behoerdenspiegel-de-nrw", marks=pytest.mark.xfail(reason=PURPOSE, strict=False),
                 id="de-nw-finance-ai-decree-2025"),
    # Turkey: the order on Perplexity's X account (its own app is not covered).
    ("tr-perplexity-x-account-blocked-2025", "Perplexity", ["--in", "TR", "--channel", "Ask Perplexity"], "2025-10-01",
     "deny", "deny", "haberingundemi-tr-perplexity"),
]

#: The chart's government bans its stored excerpt and relays name or describe: (country, service) ->
#: the event of the record. Italy's ChatGPT block is named by the chart itself; DeepSeek's
#: 'nationwide' bans in Italy and South Korea and Grok's restrictions 'in several Asian countries'
#: by its relay (etn.fi); the three Asian Grok blocks are the ones the pages report (Indonesia,
#: Malaysia, then the Philippines as the third in South-East Asia).
NAMED = {
    ("IT", "chatgpt"): "it-garante-chatgpt-limitation-2023",
    ("IT", "deepseek-service"): "it-garante-deepseek-limitation-2025",
    ("KR", "deepseek-service"): "kr-pipc-suspends-deepseek-downloads-2025",
    ("ID", "grok"): "id-komdigi-blocks-grok-2026",
    ("MY", "grok"): "my-mcmc-restricts-grok-2026",
    ("PH", "grok"): "ph-ntc-blocks-grok-2026",
}
#: Other national governments' bans of these services in the record, among which the chart's
#: unnamed ones (DeepSeek in 'at least nine countries', mostly public-sector devices) must be.
CANDIDATES = {
    ("TR", "grok"): "tr-ankara-court-blocks-grok-posts-2025",
    ("TW", "deepseek-service"): "tw-premier-deepseek-ban-2025",
    ("AU", "deepseek-service"): "au-pspf-direction-deepseek-2025",
    ("US", "deepseek-service"): "us-house-cao-deepseek-2025",
    ("CZ", "deepseek-service"): "cz-government-deepseek-ban-2025",
    ("NL", "deepseek-service"): "nl-central-government-deepseek-ban-2025",
    ("BE", "deepseek-service"): "be-federal-administration-deepseek-ban-2025",
    ("IN", "deepseek-service"): "in-finance-ministry-ai-tools-advisory-2025",
    ("CA", "deepseek-service"): "ca-cio-deepseek-memo-2025",
    ("DK", "deepseek-service"): "dk-folketing-bans-deepseek-2025",
    ("NO", "deepseek-service"): "no-storting-bans-deepseek-2025",
    ("LT", "deepseek-service"): "lt-seimas-office-bans-deepseek-2025",
    ("SE", "deepseek-service"): "se-government-offices-limit-deepseek-2025",
}
YARDSTICK = {**NAMED, **CANDIDATES}
