"""Decision rows of the US record's second round (issue 20 §2): ``data/public-record/us-states/``
and ``data/public-record/us-federal/``, one per access-changing event, read by
``tests/test_public_record.py`` (same tuple shape as its ``ROWS``: event, asset asked about, the
question's options, date, expected decision, the (effect, event) the evidence must show, a page the
event cites).

Each expected answer is written from the rule, as a compliance officer reads it: a ban on a state's
or an agency's staff is asked as an employee of it (``--employer``), with the place given (``--in``)
so that other countries' bans stay out of it; a ban scoped to work devices or networks is asked
with the device given (``--device work``), one scoped to the job with ``--purpose work``; a group
whose members the pages do not name (an exemption, a pilot's participants, the agencies phasing out
Anthropic) is closed by the question (``--member-of`` or ``--not-member-of``).

Rows the engine on this branch cannot answer yet are marked xfail (non-strict), with the rule of
issue 19 they wait for: it has no ``--device``/``--purpose`` option and does not read those
constraints (a rule scoped to work devices never applies), it does not keep different governments'
bodies apart (a Kansas agency might be Belgium's administration), and it does not let an exemption
of the same act win for those it names.
"""

from __future__ import annotations

import pytest

DEEPSEEK = "DeepSeek chatbot service"

_DEVICE = "issue 19: device constraint (no --device yet; a work-device ban never applies) and disjoint governments"
_PURPOSE = "issue 19: purpose constraint (no --purpose yet; a work-purpose ban never applies)"
_DEVICE_EXEMPTION = "issue 19: device constraint and the same act's exemption winning for those it names"


def _waits(reason: str, *row) -> object:
    return pytest.param(*row, marks=pytest.mark.xfail(reason=reason, strict=False))


ROWS = [
    # -- US states: DeepSeek (and Manus) bans on state devices and networks ----------------------
    _waits(_DEVICE, "us-ks-hb2313-deepseek-ban-2025", DEEPSEEK,
           ["--employer", "kansas-agencies", "--device", "work", "--in", "US-KS",
            "--not-member-of", "staff-exempted-for-investigations"], "2025-08-01", "deny", "deny",
           "kssos-hb2313-chapter84"),
    _waits(_DEVICE, "us-tn-deepseek-manus-ban-2025", "Manus",
           ["--employer", "tennessee-agencies", "--device", "work", "--in", "US-TN"], "2025-04-01", "deny", "deny",
           "einpresswire-tn-governor"),
    _waits(_DEVICE, "us-ga-gta-deepseek-ban-2025", DEEPSEEK,
           ["--employer", "georgia-agencies", "--device", "work", "--in", "US-GA"], "2025-03-15", "deny", "deny", "wsbtv-ga"),
    # The Treasury's Thursday is 6, 13 or 20 February 2025: certain from 21 February.
    _waits(_DEVICE, "us-pa-treasury-deepseek-ban-2025", DEEPSEEK,
           ["--employer", "pa-treasury", "--device", "work", "--in", "US-PA"], "2025-03-01", "deny", "deny",
           "cityandstatepa-treasury"),
    _waits(_DEVICE, "us-ar-deepseek-block-2025", DEEPSEEK,
           ["--employer", "arkansas-executive-branch", "--device", "work", "--in", "US-AR"], "2025-04-01", "deny", "deny",
           "daily8-nexstar-ar"),
    _waits(_DEVICE, "us-mt-doj-deepseek-ban-2025", DEEPSEEK,
           ["--employer", "mt-doj", "--device", "work", "--in", "US-MT", "--not-member-of", "staff-exempted-for-investigations"],
           "2025-03-15", "deny", "deny", "einpresswire-mt-ag"),
    # Florida's directive is undated in the pages: certain only once the window has closed.
    _waits(_DEVICE, "us-fl-dfs-deepseek-ban-2025", DEEPSEEK,
           ["--employer", "fl-dfs", "--device", "work", "--in", "US-FL"], "2026-12-08", "deny", "deny", "cfodive-fl"),
    _waits(_DEVICE, "us-nd-ndus-deepseek-block-2025", DEEPSEEK,
           ["--employer", "ndus", "--device", "work", "--in", "US-ND"], "2025-04-15", "deny", "deny", "pubt-ndus"),
    # The order is of 29 September or 13 October 2025: both accounts have it in force by November.
    _waits(_DEVICE, "us-la-ai-executive-order-2025", DEEPSEEK,
           ["--employer", "louisiana-agencies", "--device", "work", "--in", "US-LA"], "2025-11-01", "deny", "deny",
           "meritalk-la"),
    _waits(_DEVICE, "us-ne-eo-25-04-ccp-tech-ban-2025", DEEPSEEK,
           ["--employer", "nebraska-agencies", "--device", "work", "--in", "US-NE"], "2025-04-01", "deny", "deny",
           "einpresswire-ne-governor"),
    # -- US states: acts that widen access ------------------------------------------------------
    ("us-pa-chatgpt-enterprise-pilot-2024", "ChatGPT",
     ["--employer", "pa-office-of-administration", "--member-of", "staff-in-employer-chatgpt-pilot", "--channel",
      "ChatGPT Enterprise", "--in", "US-PA"], "2024-03-01", "permit", "permit", "statescoop-pa-pilot"),
    ("us-nc-treasurer-openai-pilot-2025", "ChatGPT",
     ["--employer", "nc-treasurer", "--member-of", "staff-in-employer-chatgpt-pilot", "--in", "US-NC"], "2025-04-15",
     "permit", "permit", "nsjonline-nc"),
    ("us-ma-chatgpt-executive-branch-2026", "ChatGPT", ["--employer", "ma-eotss", "--in", "US-MA"], "2026-03-01",
     "permit", "permit", "massinsider-ma"),
    # A state employee is no military contractor nor a company owned from an unsupported country.
    ("us-ca-anthropic-claude-deal-2026", "Claude",
     ["--employer", "california-agencies", "--in", "US-CA", "--not-member-of", "us-military-contractors",
      "--not-member-of", "majority-owned-from-unsupported-jurisdictions"], "2026-07-15", "permit", "permit", "faqtw-ca"),
    # -- US federal: blocks ----------------------------------------------------------------------
    _waits(_DEVICE, "us-epa-blocks-ai-tools-2023", "ChatGPT",
           ["--employer", "us-epa", "--device", "work", "--in", "US", "--not-member-of", "staff-with-own-agency-ai-exception"],
           "2023-07-01", "deny", "deny", "hn-epa-memo"),
    _waits(_PURPOSE, "us-uspto-genai-ban-2023", "ChatGPT", ["--employer", "us-uspto", "--purpose", "work", "--in", "US"],
           "2023-06-01", "deny", "deny", "clickonmath-uspto"),
    _waits(_DEVICE, "us-ssa-blocks-genai-2023", "ChatGPT", ["--employer", "us-ssa", "--device", "work", "--in", "US"],
           "2024-01-15", "deny", "deny", "socsecnews-ssa"),
    _waits(_DEVICE, "us-nara-blocks-chatgpt-2024", "ChatGPT", ["--employer", "us-nara", "--device", "work", "--in", "US"],
           "2024-06-01", "deny", "deny", "trim-nara"),
    _waits(_DEVICE, "us-dhs-chatgpt-block-2025", "ChatGPT",
           ["--employer", "us-dhs", "--device", "work", "--in", "US", "--not-member-of", "staff-with-own-agency-ai-exception"],
           "2025-06-15", "deny", "deny", "cybernoz-dhs"),
    # -- US federal: acts that widen access -----------------------------------------------------
    _waits(_DEVICE_EXEMPTION, "us-doe-chatgpt-by-justification-2024", "ChatGPT",
           ["--employer", "us-doe", "--member-of", "staff-with-own-agency-ai-exception", "--device", "work", "--in", "US"],
           "2024-03-01", "permit", "permit", "eere-doe-ai"),
    ("us-gsa-gsai-launch-2025", "GSAi", ["--employer", "us-gsa", "--in", "US"], "2025-04-01", "permit", "permit",
     "gsa-gsai-release"),
    # On 5 August itself the listing's day is certain but not whether it came before the question.
    ("us-gsa-mas-adds-ai-2025", "Gemini", ["--employer", "us-hhs", "--in", "US"], "2025-08-06", "permit", "permit",
     "atsit-onegov"),
    ("us-gsa-onegov-openai-2025", "ChatGPT", ["--employer", "us-hhs", "--channel", "ChatGPT Enterprise", "--in", "US"],
     "2025-08-20", "permit", "permit", "benzinga-onegov-openai"),
    ("us-gsa-onegov-anthropic-2025", "Claude", ["--employer", "us-hhs", "--in", "US"], "2025-09-01", "permit", "permit",
     "axios-claude-2026"),
    ("us-gsa-usai-launch-2025", "USAi", ["--employer", "us-hhs", "--in", "US"], "2025-09-01", "permit", "permit",
     "publicnonprofit-usai"),
    ("us-gsa-onegov-google-2025", "Gemini", ["--employer", "us-hhs", "--channel", "Gemini for Government", "--in", "US"],
     "2025-09-15", "permit", "permit", "mac4ever-gemini"),
    ("us-gsa-onegov-microsoft-2025", "Microsoft Copilot",
     ["--employer", "us-hhs", "--member-of", "us-g5-agency-staff", "--channel", "Microsoft 365 Copilot", "--in", "US"],
     "2025-10-01", "permit", "permit", "windowsnews-msft-sep"),
    ("us-hhs-chatgpt-2025", "ChatGPT", ["--employer", "us-hhs", "--in", "US"], "2025-09-20", "permit", "permit", "crene-hhs"),
    ("us-gsa-onegov-meta-2025", "Llama", ["--employer", "us-hhs", "--in", "US"], "2025-10-01", "permit", "permit",
     "meritalk-wrap-meta"),
    ("us-gsa-onegov-xai-2025", "Grok", ["--employer", "us-hhs", "--in", "US"], "2025-10-01", "permit", "permit", "ibtimes-xai"),
    # The pilot's staff may use Copilot chat although the 2024 finding on commercial Copilot stands.
    ("us-house-copilot-chat-2025", "Microsoft Copilot",
     ["--employer", "us-house", "--member-of", "us-house-copilot-pilot-staff", "--channel", "Microsoft 365 Copilot",
      "--in", "US"], "2026-01-15", "permit", "permit", "fedscoop-house-copilot"),
    ("us-dod-genai-mil-2025", "Gemini", ["--employer", "us-dod", "--channel", "Gemini for Government", "--in", "US"],
     "2025-12-15", "permit", "permit", "executivegov-genaimil"),
    ("us-senate-approves-chatbots-2026", "Gemini", ["--employer", "us-senate", "--in", "US"], "2026-03-15", "permit",
     "permit", "spokesman-nyt-senate"),
    ("us-va-copilot-chat-2025", "Microsoft Copilot",
     ["--employer", "us-va", "--channel", "Microsoft 365 Copilot", "--in", "US"], "2026-06-15", "permit", "permit",
     "nextgov-va-oig"),
    # -- US federal: Anthropic, 2026 ------------------------------------------------------------
    # An agency not among those phasing Anthropic's products out must stop at once.
    ("us-trump-anthropic-directive-2026", "Claude",
     ["--employer", "us-ssa", "--not-member-of", "us-agencies-using-anthropic", "--in", "US"], "2026-03-15", "deny",
     "deny", "natlawreview-anthropic"),
    ("us-dod-anthropic-supply-chain-risk-2026", "Claude", ["--member-of", "us-military-contractors", "--in", "US"],
     "2026-03-15", "deny", "deny", "vpncentral-anthropic"),
    ("us-gsa-terminates-anthropic-onegov-2026", "Claude",
     ["--employer", "us-hhs", "--not-member-of", "us-agencies-using-anthropic", "--in", "US"], "2026-03-15", "deny",
     ("ended", "us-gsa-terminates-anthropic-onegov-2026"), "axios-claude-2026"),
    # After the injunction took effect, the Pentagon's claim that part of the ban stands (a variant)
    # leaves the answer open, naming the ruling.
    ("us-court-enjoins-anthropic-orders-2026", "Claude",
     ["--employer", "us-ssa", "--not-member-of", "us-agencies-using-anthropic", "--in", "US"], "2026-04-15",
     "indeterminate", ("ended", "us-court-enjoins-anthropic-orders-2026"), "newscord-injunction"),
]
