"""Quotes for the synthetic data sets the tests write (issue 20: every rule, scope and event date
carries the words of a cited page).

The tests' own small worlds are not pages anyone can read, so their quotes say so: each record is
given the words "(synthetic)" from the first section it cites. Real data (``data/``) quotes its
pages word for word; these helpers never touch it.
"""

from __future__ import annotations

import yaml

__all__ = ["with_quotes", "synthetic_quote"]


def synthetic_quote(source: str) -> dict:
    return {"text": "(synthetic)", "source": source}


def with_quotes(text: str) -> str:
    """The YAML ``text`` (one data file) with a quote on every event date, variant date, rule and
    top-level constraint that has none, from the record's (or variant's) first source.

    >>> out = yaml.safe_load(with_quotes('''
    ... events:
    ...   - {id: e, when: {text: x}, sources: ["s#page"]}
    ... policies:
    ...   - {id: p, sources: ["s#page"], permissions: [{id: r, constraints: [{left: device, operator: eq, right: work}]}]}
    ... '''))
    >>> out["events"][0]["when"]["quote"]["source"], out["policies"][0]["permissions"][0]["constraints"][0]["quote"]["text"]
    ('s#page', '(synthetic)')
    """
    data = yaml.safe_load(text) or {}
    for event in data.get("events") or []:
        source = event["sources"][0]
        if isinstance(event.get("when"), dict):
            event["when"].setdefault("quote", synthetic_quote(source))
        for variant in event.get("variants") or []:
            if isinstance(variant.get("when"), dict):
                variant["when"].setdefault("quote", synthetic_quote(variant["sources"][0]))
    for policy in data.get("policies") or []:
        source = policy["sources"][0]
        for kind in ("permissions", "prohibitions"):
            for rule in policy.get(kind) or []:
                rule.setdefault("quote", synthetic_quote(source))
                for constraint in rule.get("constraints") or []:
                    constraint.setdefault("quote", synthetic_quote(source))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)
