"""Surfshark's chart "AI chatbot restrictions" as a yardstick for the public record (issue 20 §2).

The chart counts 14 government-ordered bans of ChatGPT, Grok and DeepSeek in 13 countries. Each ban
its stored excerpt and relays name is pinned to an event of the record (``NAMED`` in
``tests/record_rows_world.py``); the rest of its list is not in the stored copy, so the record must
hold at least as many national bans of these services, in at least as many countries, for the
chart's count to be covered whatever its unnamed entries are (``CANDIDATES``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
RECORD = HERE.parent / "data" / "public-record"


def _module():
    spec = importlib.util.spec_from_file_location("record_rows_world", HERE / "record_rows_world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(kind: str) -> dict[str, dict]:
    return {r["id"]: r for path in sorted(RECORD.rglob("*.yaml"))
            for r in (yaml.safe_load(path.read_text()) or {}).get(kind, [])}


def test_each_ban_the_chart_counts_maps_to_an_access_changing_event():
    rows = _module()
    events = _records("events")
    for (country, service), event in rows.YARDSTICK.items():
        e = events[event]
        assert e.get("enacts") or e.get("ends"), event
        assert service in e["affects"], (event, service)
        assert (e.get("jurisdiction") or "").split("-")[0] == country, (event, country)


def test_the_record_covers_the_chart_s_fourteen_bans_in_thirteen_countries():
    rows = _module()
    assert set(rows.NAMED) <= set(rows.YARDSTICK)
    assert len(rows.YARDSTICK) >= 14
    assert len({country for country, _ in rows.YARDSTICK}) >= 13
    assert {service for _, service in rows.YARDSTICK} == {"chatgpt", "grok", "deepseek-service"}


def test_the_chart_is_a_stored_source_and_its_counts_are_statements():
    sources = _records("sources")
    statements = _records("statements")
    assert sources["surfshark-ai-chatbot-restrictions"]["url"] == "https://surfshark.com/research/chart/ai-chatbot-restrictions"
    counted = statements["surfshark-fourteen-bans"]
    assert "surfshark-ai-chatbot-restrictions#page" in counted["sources"] and "14 bans in 13" in " ".join(counted["text"].split())
